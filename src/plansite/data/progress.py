"""Load and check data/progress.yaml (实施记录 and indicator observations) against a valid plan.

The same quality as the plan's check: every problem at once, each with file:line:column, the field,
what was expected and what was found, in Chinese; ids that do not resolve get a did-you-mean. The
file is optional: without it the site simply has no records yet.
"""
from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path

from plansite.data import reader, yamlnodes
from plansite.data.checks import Checker
from plansite.data.problems import PlanError, Problem
from plansite.data.reader import suggest
from plansite.data.walk import Walk
from plansite.model import Observation, Plan, Progress, Record, Source, When

DEFAULT_FILE = "data/progress.yaml"
SCOPE_LABELS = {"district": "本区", "chongqing": "重庆市（参照）", "national": "全国（参照）"}


def load_progress(path: str | Path, plan: Plan, today: datetime.date, display_name: str | None = None) -> Progress:
    """The checked records, an empty Progress when the file does not exist, or PlanError with every problem."""
    path = Path(path)
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Progress()
    except UnicodeDecodeError as err:
        raise PlanError([Problem(name, 1, 1, "", "", "文件不是 UTF-8 编码", expected="UTF-8 编码的文本", found=str(err))]) from None
    return parse_progress(text, plan, today, name)


def parse_progress(text: str, plan: Plan, today: datetime.date, file: str = DEFAULT_FILE,
                   warnings: list[Problem] | None = None) -> Progress:
    """The checked records, or PlanError with every problem. What is worth a second look but may be
    right (a source dated before the event it reports: a notice published beforehand) is added to
    `warnings` when given; it never stops the check."""
    root, problems = yamlnodes.compose(text, file)
    if root is None:
        if problems and problems[0].message == "文件是空的":  # only comments: no records yet
            return Progress()
        raise PlanError(problems)
    progress, positions, problems = reader.read_document(root, Progress, file, "实施情况数据", _name_hint(plan))
    if progress is None:
        raise PlanError(problems)
    checker = ProgressChecker(plan, progress, positions, file, today)
    problems = checker.run()
    if problems:
        raise PlanError(problems)
    if warnings is not None:
        warnings.extend(sorted(checker.warnings, key=Problem.sort_key))
    return progress


def names_to_ids(plan: Plan) -> dict[str, tuple[str, str, str]]:
    """Every name an editor may write for an id → (kind, id, name): departments by name and printed
    variants, tasks and measures by title (with or without the final 。)."""
    out: dict[str, tuple[str, str, str]] = {}
    for c in plan.chapters:
        for t in c.tasks:
            for m in t.measures:
                for n in (m.title, m.label):
                    out.setdefault(n, ("措施", m.id, m.label))
            for n in (t.title, t.label, f"{t.number}{t.label}"):
                out.setdefault(n, ("任务", t.id, t.label))
    for d in plan.departments:
        for n in (d.name, *d.variants):
            out.setdefault(n, ("部门", d.id, d.name))
    return out


def _name_hint(plan: Plan):
    names = names_to_ids(plan)

    def hint(found: str) -> str:
        named = names.get(found)
        if named is None:
            close = difflib.get_close_matches(found, list(names), n=1, cutoff=0.6) if not found.isascii() else []
            if not close:
                return ""
            kind, known, name = names[close[0]]
            return f"这里要写{kind}编号而不是名称；是不是{kind} {known}（{name}）？"
        kind, known, name = named
        return f"这里要写{kind}编号而不是名称：{known}（{name}）"

    return hint


class ProgressChecker(Checker):
    """Rules across the two files: ids resolve in the plan, dates lie in the past, each source can be found."""

    def __init__(self, plan: Plan, progress: Progress, positions: dict, file: str, today: datetime.date):
        super().__init__(plan, positions, file)
        self.progress, self.today = progress, today
        self.warnings: list[Problem] = []  # worth a second look, but may be right: never stop the check

    def warn(self, path: str, meaning: str, message: str, **kw: str) -> None:
        line, col = self._position(path)
        self.warnings.append(Problem(self.file, line, col, path, meaning, message, **kw))

    def run(self) -> list[Problem]:
        plan = self.plan
        tasks = {t.id: t.label for c in plan.chapters for t in c.tasks}
        measures = {m.id: m.label for c in plan.chapters for t in c.tasks for m in t.measures}
        depts = {d.id: d.name for d in plan.departments}
        by_name = {n: d for d in plan.departments for n in (d.name, *d.variants)}
        indicators = {i.id: i.name for i in plan.indicators}
        walk = Walk(self.progress)
        self.unique("记录编号", [(f"{path}.id", r.id) for path, r in walk.of_type(Record)])
        for path, record in walk.of_type(Record):
            if not record.measures and not record.tasks:
                self.add(path, "实施记录", "没有写这条记录推进了哪项措施或任务",
                         expected="measures（措施编号）或 tasks（任务编号），至少写一项", found="两者都没有")
            self._ids(f"{path}.measures", "推进的措施（措施编号）", "措施", record.measures, measures, "某项措施的编号，例如 "
                      + next(iter(measures), ""))
            self._ids(f"{path}.tasks", "推进的任务（任务编号）", "任务", record.tasks, tasks, "提升行动或重点工程的编号：" + "、".join(tasks))
            for d, dept_id in enumerate(record.departments):
                if dept_id not in depts:
                    named = by_name.get(dept_id)
                    hint = f"这里要写部门编号：{named.id}（{named.name}）" if named else suggest(dept_id, depts, depts)
                    self.add(f"{path}.departments[{d}]", "参与部门（部门编号）", f"找不到部门“{dept_id}”",
                             expected="plan.yaml 的 departments 中已登记的部门编号", found=dept_id, hint=hint)
            self._not_future(f"{path}.date", "发生日期", record.date)
            self._source(f"{path}.source", record.source, record.date)
        seen: dict[tuple[str, int, str], str] = {}
        for path, obs in walk.of_type(Observation):
            if obs.indicator not in indicators:
                self.add(f"{path}.indicator", "指标编号", f"找不到指标“{obs.indicator}”",
                         expected="plan.yaml 的 indicators 中的指标编号：" + ("、".join(indicators) or "（尚未登记指标）"),
                         found=obs.indicator, hint=suggest(obs.indicator, indicators, indicators))
            if obs.year > self.today.year:
                self.add(f"{path}.year", "年份", "年份在本站生成日期之后",
                         expected=f"不晚于 {self.today.year} 年", found=str(obs.year))
            key = (obs.indicator, obs.year, obs.scope)
            if key in seen:
                line = self._position(seen[key])[0]
                self.add(path, "指标观测值", f"同一指标、同一年份、同一范围写了两次，第 {line} 行（{seen[key]}）已经有了",
                         expected="每个指标每年每个范围只写一个数值", found=f"{obs.indicator} {obs.year} {obs.scope}")
            else:
                seen[key] = path
            self._source(f"{path}.source", obs.source)
        return self.problems

    def _ids(self, path: str, meaning: str, kind: str, ids: tuple[str, ...], known: dict[str, str], expected: str) -> None:
        for n, value in enumerate(ids):
            if value not in known:
                self.add(f"{path}[{n}]", meaning, f"找不到{kind}“{value}”", expected=expected, found=value,
                         hint=suggest(value, known, known))

    def _not_future(self, path: str, meaning: str, when: When) -> None:
        if when.first_day > self.today:
            self.add(path, meaning, "日期在本站生成日期之后",
                     expected=f"不晚于 {self.today.isoformat()}（本站生成日期）的日期", found=when.iso,
                     hint="只收录已经发生、已经公开报道的事")

    def _source(self, path: str, source: Source, event: When | None = None) -> None:
        if source.url is None and source.number is None:
            self.add(path, "来源", "来源既没有网址也没有文号，读者无法找到它",
                     expected="url（http:// 或 https:// 开头的网址）或 number（文号），至少写一项", found="两者都没有")
        if source.date is None and source.accessed is None:
            self.add(path, "来源", "来源没有日期",
                     expected="date（来源页面上的发布日期）；页面没有注明日期时写 accessed（查阅日期：你读到它的那一天）",
                     found="两者都没有")
        if source.date is not None:
            self._not_future(f"{path}.date", "发布日期", source.date)
            if event is not None and source.date.last_day < event.first_day:
                self.warn(f"{path}.date", "发布日期", f"来源的发布日期早于它报道的事（这条记录的日期是 {event.iso}）",
                          expected=f"不早于 {event.iso}", found=source.date.iso,
                          hint="核对两个日期：报道一般在事后发布；如果来源是事前发布的通知或预告，可以保留")
        if source.accessed is not None:
            self._not_future(f"{path}.accessed", "查阅日期", source.accessed)


def format_value(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# A URL the check let through is still put into an href attribute by templates (autoescaped); this
# guards code paths that bypass the check (tests build contexts directly).
SAFE_URL = re.compile(r"https?://", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    return url if url and SAFE_URL.match(url) else None

