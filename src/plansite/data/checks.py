"""Rules that span the file: unique ids, references that resolve, the annex covering every task,
quotes that really occur in the text. Run only on a structurally valid plan (see reader.py)."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from plansite.data.problems import Problem
from plansite.data.reader import Position, suggest
from plansite.data.walk import Walk
from plansite.model import AnnexRow, Audience, Department, DeptRef, Indicator, IndicatorValue, Item, Note, Plan, Reference, Task
from plansite.plan import document, terms


class Checker:
    def __init__(self, plan: Plan, positions: dict[str, Position], file: str):
        self.plan, self.positions, self.file = plan, positions, file
        self.walk = Walk(plan)
        self.problems: list[Problem] = []

    def add(self, path: str, meaning: str, message: str, **kw: str) -> None:
        line, col = self._position(path)
        self.problems.append(Problem(self.file, line, col, path, meaning, message, **kw))

    def _position(self, path: str) -> Position:
        while path and path not in self.positions:  # fall back to the nearest enclosing field
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)
        return self.positions.get(path, (1, 1))

    # ── ids ──────────────────────────────────────────────────────────────
    def unique(self, label: str, entries: Iterable[tuple[str, str]]) -> None:
        first: dict[str, str] = {}
        for path, value in entries:
            if value in first:
                line = self._position(first[value])[0]
                self.add(path, label, f"“{value}”重复了，第 {line} 行（{first[value]}）已经用过",
                         expected="每个编号只用一次", found=value)
            else:
                first[value] = path

    def content_ids(self) -> list[tuple[str, str]]:
        """Chapters, sections, tasks, measures and items share one namespace: they are anchors on one page."""
        return [(f"{path}.id", node.id) for path, node in self.walk.content()]

    # ── the checks ───────────────────────────────────────────────────────
    def run(self) -> list[Problem]:
        self.unique("编号", self.content_ids())
        self.anchors()
        departments = self.walk.of_type(Department)
        self.unique("部门编号", [(f"{path}.id", d.id) for path, d in departments])
        self.unique("部门名称", [(f"{path}.{where}", name)
                                 for path, d in departments
                                 for where, name in [("name", d.name), *((f"variants[{v}]", x) for v, x in enumerate(d.variants))]])
        self.unique("指标编号", [(f"{path}.id", x.id) for path, x in self.walk.of_type(Indicator)])
        self.unique("人群编号", [(f"{path}.id", x.id) for path, x in self.walk.of_type(Audience)])
        self.unique("编号", [(f"{path}.id", x.id) for path, x in self.walk.of_type(Reference)])
        self.kinds()
        self.tasks()
        self.periods()
        self.annex()
        self.indicators()
        self.audiences()
        self.notes()
        return self.problems

    def anchors(self) -> None:
        """Paragraph links are made from ids (`youth-intro`, `background-2`); an id must not equal one of them."""
        explicit = {value: path for path, value in self.content_ids()}
        for block in document.blocks(self.plan):
            if block.anchor in explicit and block.anchor != block.owner:  # a generated paragraph anchor
                self.add(explicit[block.anchor], "编号",
                         f"“{block.anchor}”与网站自动生成的段落链接重复（{block.owner} 的一个段落）",
                         expected="换一个编号，不要以“-数字”或“-intro”结尾", found=block.anchor)

    def kinds(self) -> None:
        """区委部门 in a 县's plan is a copy-paste from another plan: the kinds follow jurisdiction.level."""
        allowed = terms.department_kinds(self.plan)
        for path, dept in self.walk.of_type(Department):
            if dept.kind not in allowed:
                self.add(f"{path}.kind", "部门类别", f"“{dept.kind}”与本方案的行政区划（{terms.level(self.plan)}）不符",
                         expected="以下之一：" + "、".join(allowed), found=dept.kind,
                         hint=suggest(dept.kind, allowed) or "行政区划在 jurisdiction.level 中设定")

    def tasks(self) -> None:
        for path, task in self.walk.of_type(Task):
            if task.kind == "action" and task.target_group is None:
                self.add(f"{path}.target_group", "面向人群", "提升行动必须写明面向人群",
                         expected="例如 青少年", found="没有这个字段")
            if task.kind == "project" and task.target_group is not None:
                self.add(f"{path}.target_group", "面向人群", "重点工程不写面向人群",
                         expected="删掉 target_group", found=task.target_group)

    def periods(self) -> None:
        for item_path, item in self.walk.of_type(Item):
            if item.period is None:
                continue
            p = item.period
            printed = f"{p.start}年" if p.start == p.end else f"{p.start}—{p.end}年"
            path = f"{item_path}.period"
            if p.end < p.start:
                self.add(path, "进度安排的时段", "终止年份早于起始年份", expected=f"end ≥ {p.start}", found=str(p.end))
            elif not item.paragraphs[0].startswith(printed):
                self.add(path, "进度安排的时段", "时段与正文开头写的年份不一致",
                         expected=f"正文以“{printed}”开头", found=item.paragraphs[0][:12] + "……")

    def annex(self) -> None:
        plan = self.plan
        tasks = {t.id: t for c in plan.chapters for t in c.tasks}
        task_titles = {t.id: t.label for t in tasks.values()}
        depts = {d.id: d for d in plan.departments}
        by_name = {n: d for d in plan.departments for n in (d.name, *d.variants)}
        labels = {d.id: d.name for d in plan.departments}
        rows = Counter(row.task for row in plan.annex)
        for path, row in self.walk.of_type(AnnexRow):
            task = tasks.get(row.task)
            if task is None:
                self.add(f"{path}.task", "任务编号", f"找不到任务“{row.task}”",
                         expected="提升行动或重点工程的 id：" + "、".join(tasks), found=row.task,
                         hint=suggest(row.task, tasks, task_titles))
            elif rows[row.task] > 1:
                self.add(f"{path}.task", "任务编号", f"任务“{row.task}”在附件中出现了不止一行",
                         expected="每项任务一行", found=f"{rows[row.task]} 行")
            if task is not None and row.printed_title == task.label:
                self.add(f"{path}.printed_title", "附件中的任务名称", "与正文标题相同，不需要填写",
                         expected="删掉 printed_title", found=row.printed_title)
            seen: dict[str, str] = {}
            for role, meaning, refs in (("lead", "牵头部门", row.lead), ("responsible", "责任部门", row.responsible)):
                for i, ref in enumerate(refs):
                    self._dept_ref(f"{path}.{role}[{i}]", meaning, ref, depts, by_name, labels, seen)
        if plan.annex and plan.document.attachment_title is None:
            self.add("document", "附件名称", "有附件分工（annex）时要写附件名称",
                     expected="document.attachment_title: 附件的标题", found="没有这个字段")
        for task_id, task in tasks.items():
            if plan.annex and task_id not in rows:  # a plan without an annex has no rows at all
                kind = "提升行动" if task.kind == "action" else "重点工程"
                self.add("annex", "附件：重点任务分工", f"{kind}“{task.label}”（{task_id}）在附件中没有分工",
                         expected=f"在 annex 中加一行 task: {task_id}", found="没有这一行")

    def _dept_ref(self, path: str, meaning: str, ref: DeptRef, depts: dict, by_name: dict,
                  labels: dict[str, str], seen: dict[str, str]) -> None:
        dept = depts.get(ref.id)
        if dept is None:
            named = by_name.get(ref.id)
            hint = f"这里要写部门编号：{named.id}（{named.name}）" if named else suggest(ref.id, depts, labels)
            self.add(f"{path}.id" if ref.printed else path, meaning, f"找不到部门“{ref.id}”",
                     expected="departments 中已登记的部门编号", found=ref.id, hint=hint)
            return
        if ref.id in seen:
            other = seen[ref.id]
            role_words = "同一项任务中重复列出" if other.split(".")[-1].split("[")[0] == path.split(".")[-1].split("[")[0] \
                else "同时被列为牵头部门和责任部门"
            self.add(path, meaning, f"{dept.name}（{ref.id}）{role_words}（另见 {other}）",
                     expected="每个部门在一项任务中只出现一次", found=ref.id)
        else:
            seen[ref.id] = path
        if ref.printed is not None:
            if ref.printed == dept.name:
                self.add(f"{path}.printed", "附件原文写法", "与规范名称相同，不需要填写",
                         expected=f"直接写 {ref.id}", found=ref.printed)
            elif ref.printed not in dept.variants:
                self.add(f"{path}.printed", "附件原文写法", f"不是 {dept.name} 登记过的写法",
                         expected="该部门 variants 中的一项：" + ("、".join(dept.variants) or "（尚未登记其他写法）"),
                         found=ref.printed, hint=f"如果原文确实这样写，请先把它加到 {ref.id} 的 variants 里")

    def indicators(self) -> None:
        text = [b.printed for b in document.body_blocks(self.plan)]
        for path, value in self.walk.of_type(IndicatorValue):
            count = sum(p.count(value.quote) for p in text)
            if count != 1:
                self.add(f"{path}.quote", "原文语句", "原文语句必须逐字出现在正文中，且只出现一次",
                         expected="从正文中原样复制的一句话", found=f"“{value.quote}”在正文中出现 {count} 次")
            if value.value is not None and format_number(value.value) not in value.quote:
                self.add(f"{path}.value", "数值", "数值没有出现在原文语句中",
                         expected="原文语句中写的数字", found=format_number(value.value))
            if value.value is None and value.relative_to is None:
                self.add(path, "指标数值", "既没有数值也没有比较对象",
                         expected="写 value，或写 comparison 和 relative_to", found="两者都没有")
            if value.year is not None and f"{value.year}年" not in value.quote:
                self.add(f"{path}.year", "年份", "年份没有出现在原文语句中",
                         expected=f"原文语句中含“{value.year}年”", found=value.quote)

    def audiences(self) -> None:
        tasks = {t.id: t.label for c in self.plan.chapters for t in c.tasks}
        measures = {m.id: m.label for c in self.plan.chapters for t in c.tasks for m in t.measures}
        for path, audience in self.walk.of_type(Audience):
            if audience.id == "index":  # groups/index.md is the list of all groups
                self.add(f"{path}.id", "人群编号", "“index”留作“按人群查看”总页的网址，不能用作人群编号",
                         expected="其他英文编号，例如 students", found=audience.id)
            for i, task_id in enumerate(audience.tasks):
                if task_id not in tasks:
                    self.add(f"{path}.tasks[{i}]", "整项相关的任务", f"找不到任务“{task_id}”",
                             expected="提升行动或重点工程的 id", found=task_id, hint=suggest(task_id, tasks, tasks))
            for i, measure_id in enumerate(audience.measures):
                if measure_id not in measures:
                    self.add(f"{path}.measures[{i}]", "相关措施", f"找不到措施“{measure_id}”",
                             expected="某项措施的 id", found=measure_id, hint=suggest(measure_id, measures, measures))

    def notes(self) -> None:
        known = {i for _, i in self.content_ids()} | {"preamble", "annex", "departments"} \
            | {f"document.{f}" for f in ("notice_title", "plan_title", "notice", "addressees")}
        for path, note in self.walk.of_type(Note):
            if note.where not in known:
                self.add(f"{path}.where", "位置", f"找不到位置“{note.where}”",
                         expected="正文中某一部分、小节、任务、措施或条目的编号", found=note.where,
                         hint=suggest(note.where, known))
            if note.kind in ("page_break", "stray_space", "line_break") and note.normalised is None:
                self.add(f"{path}.normalised", "本站采用的写法", "这类整理必须写明本站采用的写法",
                         expected="整理后的文字", found="没有这个字段")


def format_number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def check(plan: Plan, positions: dict[str, Position], file: str) -> list[Problem]:
    return Checker(plan, positions, file).run()
