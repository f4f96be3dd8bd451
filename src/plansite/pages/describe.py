"""Each page's own short description, for search engines and link cards in chat apps.

Drawn from what the page shows: a task's intro, a department's duties in one sentence, the full
text's first sentence. Search engines show about 120 Chinese characters, so longer text is cut at a
character (never inside one) and ends with "…". No Jinja, no MkDocs: pages.Builder calls these.
"""
from __future__ import annotations

import re

from plansite.model import Audience, Department, Plan, Task
from plansite.plan.duties import KIND_LABELS, Duties

LIMIT = 120  # characters, the ellipsis included
_SPACE = re.compile(r"\s+")
_SENTENCE_END = "。！？"
_TRAILING = "，、；：,;:（(《〈“‘—… "  # punctuation that must not stand right before the ellipsis


def shorten(text: str, limit: int = LIMIT) -> str:
    """One line of at most `limit` characters; a longer text is cut and ends with "…"."""
    text = _SPACE.sub(" ", text.replace("\u200b", "")).strip()
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip(_TRAILING) + "…"


def first_sentence(text: str) -> str:
    for i, ch in enumerate(text):
        if ch in _SENTENCE_END:
            return text[: i + 1]
    return text


def _titles(tasks: list[Task]) -> str:
    return "、".join(t.label for t in tasks)


def home(plan: Plan, duties: Duties) -> str:
    d = plan.document
    actions = sum(t.kind == "action" for t in duties.tasks)
    projects = len(duties.tasks) - actions
    number = f"（{d.number}）" if d.number else ""
    shares = f"，{len(plan.departments)}个{plan.words.department}的分工与职责" if plan.annex else ""
    return shorten(f"{d.plan_title}{number}全文，{actions}项{KIND_LABELS['action']}、"
                   f"{projects}项{KIND_LABELS['project']}的措施{shares}。")


def full_text(plan: Plan) -> str:
    return shorten(f"{plan.document.number or plan.document.plan_title}原文：" + first_sentence(plan.preamble[0]))


def task(t: Task) -> str:
    return shorten(t.intro)


def department(dept: Department, duties: Duties) -> str:
    mine = duties.for_department(dept)
    lead = [a.task for a in mine if a.role == "lead"]
    part = [a.task for a in mine if a.role == "responsible"]
    said = []
    if lead:
        said.append(f"牵头{len(lead)}项任务（{_titles(lead)}）")
    if part:
        said.append(f"参与{len(part)}项任务（{_titles(part)}）")
    if not said:
        return shorten(f"{dept.name}在实施方案中的职责：附件分工中没有列出，原文提及之处见本页。")
    return shorten(f"{dept.name}在实施方案中的职责：" + "，".join(said) + "。")


def departments(plan: Plan, kinds: dict[str, int]) -> str:
    by_kind = "、".join(f"{label}{n}个" for label, n in kinds.items() if n)
    d = plan.words.department
    return shorten(f"{len(plan.departments)}个{d}的职责一览（{by_kind}），"
                   f"各{d}牵头和参与的任务数，可按名称筛选。")


def matrix(part_title: str | None, departments: int, tasks: int, lead: int, responsible: int) -> str:
    where = f"（{part_title}）" if part_title else ""
    return shorten(f"部门×任务分工总表{where}：{departments}个部门、{tasks}项任务，"
                   f"牵头{lead}处、参与{responsible}处，可筛选，可下载表格。")


def matrix_overview(tasks: int, departments: int, assignments: int, parts: int) -> str:
    return shorten(f"部门×任务分工总表目录：{tasks}项任务、{departments}个部门、{assignments}项分工，分{parts}部分列出。")


def about(plan: Plan, variants: int, differences: int) -> str:
    said = [f"对原文 PDF 提取文本的{len(plan.notes)}处整理", f"{variants}个{plan.words.department}的不同写法"]
    if differences:
        said.append(f"{differences}项任务在正文与附件中的不同名称")
    return shorten(f"本站如何照录{plan.document.number or plan.document.plan_title}：" + "、".join(said) + "。")


def targets(plan: Plan, stages: list[str], period: str) -> str:
    names = "、".join(i.name for i in plan.indicators)
    said = [f"量化指标：{names}" if names else ""]
    if stages:
        said.append(f"进度安排（{period}）{len(stages)}个阶段：" + "、".join(stages))
    return shorten("；".join(s for s in said if s) + "。")


def groups(plan: Plan) -> str:
    return shorten("按人群查看实施方案中的措施：" + "、".join(a.label for a in plan.audiences) + "。")


def group(audience: Audience, measures: int, tasks: list[Task]) -> str:
    return shorten(f"与{audience.label}有关的{measures}项措施，出自{_titles(tasks)}。")
