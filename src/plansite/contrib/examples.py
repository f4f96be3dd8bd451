"""The editors' guide's two examples of the contribution loop, made by the real code from made-up data:
what a pull request's review summary says (review.py), and what the reply on an issue says when a form is
refused (intake.py). Written by `build_pages.py guide-examples` into pages/examples/ (the guide reads them there:
the pages layer cannot call this one); a test fails while they are out of date.

The data is the made-up plan of the check's examples (data/examples/plan.yaml) and a made-up record file
(contrib/examples/progress.yaml): names such as 测试区 and 示例记录, no real event.
"""
from __future__ import annotations

import datetime
from pathlib import Path

from plansite.contrib import intake
from plansite.contrib.review import Side, compare_texts
from plansite.data.plan import parse_plan
from plansite.pages import formfields
from plansite.pages.formfields import Field

HERE = Path(__file__).resolve().parent
PLAN = HERE.parent / "data" / "examples" / "plan.yaml"
PROGRESS = HERE / "examples" / "progress.yaml"
OUT = HERE.parent / "pages" / "examples"
REVIEW, REPLY = "review.md", "reply.md"
TODAY = datetime.date(2026, 12, 2)  # fixed: the examples do not change with the day they are written
# The slip the review example shows: a full stop read from the PDF as a half-width one.
TEXT_SLIP = ("    intro: 提升农民素质。", "    intro: 提升农民素质.")

GOOD = {formfields.DATE: "2024年9月20日", formfields.TITLE: "示例：区科协组织科普志愿者进社区（虚构）",
        formfields.SUMMARY: "这是示例用的虚构记录。", formfields.PRESET: "措施：开展培训（实施农民提升行动）",
        formfields.DEPARTMENTS: "区科协", formfields.SOURCE_PUBLISHER: "示例发布单位", formfields.SOURCE_TITLE: "示例报道（虚构）",
        formfields.SOURCE_DATE: "2024-09-21", formfields.SOURCE_URL: "https://example.invalid/fake-2"}
# A form with the mistakes a first-time submitter makes.
BAD = {**GOOD, formfields.DATE: "9月20日", formfields.DEPARTMENTS: "区科协, 区文明办",
       formfields.SOURCE_URL: "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｉｎｖａｌｉｄ／ｆａｋｅ－２"}


def body(answers: dict[Field, str]) -> str:
    parts = []
    for f in formfields.RECORD_FIELDS:
        value = f"- [X] {formfields.CONFIRMATION}" if f.kind == "checkboxes" else answers.get(f, "") or intake.NO_RESPONSE
        parts.append(f"### {f.label}\n\n{value}")
    return "\n\n".join(parts)


def event(answers: dict[Field, str]) -> dict:
    return {"issue": {"number": 7, "user": {"login": "example-user"}, "body": body(answers)}}


def review_example() -> str:
    plan_text, progress_text = PLAN.read_text(encoding="utf-8"), PROGRESS.read_text(encoding="utf-8")
    plan = parse_plan(plan_text, "data/plan.yaml")
    taken = intake.take(event(GOOD), plan, progress_text, TODAY)
    assert plan_text.count(TEXT_SLIP[0]) == 1
    head_plan = plan_text.replace(*TEXT_SLIP)
    return compare_texts(Side("main", plan_text, progress_text), Side("intake/issue-7", head_plan, taken.text), TODAY)


def reply_example() -> str:
    plan = parse_plan(PLAN.read_text(encoding="utf-8"), "data/plan.yaml")
    try:
        intake.take(event(BAD), plan, PROGRESS.read_text(encoding="utf-8"), TODAY)
    except intake.Refused as refused:
        return intake.comment(refused)
    raise AssertionError("the example's bad form was taken")


def files() -> dict[str, str]:
    return {REVIEW: review_example(), REPLY: reply_example()}


def write() -> list[Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files().items():
        path = OUT / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
