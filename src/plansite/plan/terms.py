"""Words the site says about the plan that are not printed text: computed from the data, never typed into
a template. Counts become Chinese numerals (五项提升行动), the jurisdiction's level names department kinds
(区委部门 / 县委部门) and the prefixes search strips, and `words` says 部门 or 单位. No Jinja, no MkDocs here.
"""
from __future__ import annotations

from plansite.model import Plan

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五: how a document writes a count."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return DIGITS[n // 10] + "十" + (DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + DIGITS[rest] if rest < 10 else
                                     (DIGITS[rest // 10] + "十" + (DIGITS[rest % 10] if rest % 10 else "")))
        return DIGITS[n // 100] + "百" + tail
    return str(n)


def level(plan: Plan) -> str:
    return plan.jurisdiction.level


def department_kinds(plan: Plan) -> tuple[str, ...]:
    """The kinds a department of this plan may have, in the order pages list them."""
    lv = level(plan)
    return (f"{lv}委部门", f"{lv}政府部门", "群团组织", "其他")


def kind_heading(plan: Plan, kind: str) -> str:
    return "其他单位" if kind == "其他" else kind  # 其他 alone is no heading; 单位 fits 部门 and 单位 alike


def name_prefixes(plan: Plan) -> tuple[str, ...]:
    """What a department's name may start with that a reader leaves out when searching, longest first:
    武隆区教育局 / 区教育局 → 教育局, 县委宣传部 → 宣传部."""
    lv = level(plan)
    out = [f"{lv}政府", f"{lv}委", lv]
    name = plan.jurisdiction.name
    if name:
        out = [f"{name}政府", f"{name}委", name, *out]
        stem = name[:-1] if name.endswith(lv) and len(name) > 2 else ""
        if stem:  # 武隆区 → also 武隆
            out.append(stem)
    return tuple(sorted(dict.fromkeys(out), key=len, reverse=True))


def site_name(plan: Plan) -> str:
    return plan.site.name if plan.site else plan.document.plan_title


def site_description(plan: Plan) -> str:
    if plan.site and plan.site.description:
        return plan.site.description
    d = plan.document
    number = f"（{d.number}）" if d.number else ""
    return f"{d.plan_title}{number}全文、任务分工与各{plan.words.department}职责"


def copyright_line(plan: Plan) -> str:
    if plan.site and plan.site.copyright:
        return plan.site.copyright
    d = plan.document
    source = " ".join(x for x in (d.signatory, d.number) if x)
    disclosure = f"（{d.disclosure}）" if d.disclosure else ""
    return f"文件来源：{source}{disclosure}。本站逐字照录，以原件为准。"
