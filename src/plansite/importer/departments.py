"""The department registry from the annex's printed names: printed variants merged into one department,
its canonical name (the form printed most often), an ASCII id and a kind by the jurisdiction's level."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from plansite.importer.ids import Ids, pinyin

PAREN = re.compile(r"[（(][^（）()]*[）)]")
# 群团组织: the people's organisations (工会, 共青团, 妇联, 科协 and the other federations)
MASS = ("总工会", "妇联", "科协", "社科联", "文联", "残联", "侨联", "工商联", "红十字会", "青联", "关工委", "老科协",
        "作协", "共青团")
# 其他: units that are neither the party's nor the government's departments at this level (vertically managed
# agencies, state companies, courts)
OTHER = ("气象局", "税务局", "消防救援", "供电", "电力", "烟草", "邮政", "电信", "移动", "联通", "广电网络", "人民银行",
         "人行", "海关", "调查队", "银保监", "金融监管", "法院", "检察院", "人武部", "武装部", "新华书店", "公路养护",
         "水文", "通信管理")
GOV_ENDINGS = ("局", "委", "办", "中心", "院", "站", "所", "厅", "处")


@dataclass
class Department:
    id: str
    name: str
    kind: str
    kind_doubt: str = ""  # why the kind is a guess ('' when sure)
    variants: list[str] = field(default_factory=list)
    doubted: dict[str, str] = field(default_factory=dict)  # variant → why its merge is doubted
    first: int = 0  # order of first appearance in the annex


def base(name: str) -> str:
    """The name without its parentheticals: 区委统战部（区民族宗教委） → 区委统战部."""
    return PAREN.sub("", name).strip()


def parens(name: str) -> str:
    return "".join(PAREN.findall(name))


def inserted(short: str, long: str) -> bool:
    """`long` is `short` with one or two characters inserted after its first two (建委 → 建设委)."""
    extra = len(long) - len(short)
    if not 1 <= extra <= 2:
        return False
    return any(long[:i] + long[i + extra:] == short and long[:i] == short[:i] for i in range(2, len(short) + 1))


def strip_prefix(name: str, level: str) -> str:
    text = base(name)
    for prefix in (f"{level}委", f"{level}政府", level):
        if level and text.startswith(prefix) and len(text) > len(prefix):
            return text[len(prefix):]
    return text


def kind_of(name: str, level: str) -> tuple[str, str]:
    """(kind, doubt): doubt is '' when the name says plainly which kind it is."""
    text = base(name)
    lv = level or (text[0] if text[:1] in ("区", "县", "市") else "区")
    if re.fullmatch(r"团[区县市]委", text) or any(w in text for w in MASS):
        return "群团组织", ""
    if any(w in text for w in OTHER):
        return "其他", ""
    if text.startswith((f"{lv}委", f"中共{lv}委")):
        return f"{lv}委部门", ""
    if text.startswith(lv) and text.endswith(GOV_ENDINGS):
        return f"{lv}政府部门", ""
    return f"{lv}政府部门", f"无法从名称“{name}”判断类别，暂定为{lv}政府部门"


def registry(printed: list[str], level: str) -> tuple[list[Department], dict[str, str]]:
    """Departments in order of first appearance, and every printed name → department id."""
    counts = Counter(printed)
    order: list[str] = list(dict.fromkeys(printed))
    groups: list[list[str]] = []
    by_base: dict[str, list[str]] = {}
    for name in order:
        key = base(name)
        if key in by_base:
            by_base[key].append(name)
            continue
        partner = next((g for k, g in by_base.items() if parens(g[0]) == parens(name)
                        and (inserted(k, key) or inserted(key, k))), None)
        if partner is not None:
            partner.append(name)
            by_base[key] = partner
            continue
        group = [name]
        groups.append(group)
        by_base[key] = group
    ids = Ids()
    out: list[Department] = []
    index: dict[str, str] = {}
    for group in groups:
        canonical = max(group, key=lambda n: (counts[n], -order.index(n)))
        kind, kind_doubt = kind_of(canonical, level)
        dept_id = ids.take(pinyin(strip_prefix(canonical, level), 12), "bumen")
        variants = [n for n in group if n != canonical]
        # a variant merged by its parenthetical alone is certain; one whose name itself differs is doubted
        doubted = {v: f"“{v}”与“{canonical}”名称不同（不只是括号里的部分），已按同一部门合并"
                   for v in variants if base(v) != base(canonical)}
        dept = Department(dept_id, canonical, kind, kind_doubt, variants, doubted, order.index(group[0]))
        out.append(dept)
        for n in group:
            index[n] = dept_id
    return out, index
