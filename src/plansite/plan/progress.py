"""实施情况 (data/progress.yaml) as lookups: which records advance each measure, task and department duty, and the plan's status.

Built once per build from the plan and the checked progress file. No Jinja, no MkDocs here.
A record advances a task when it names the task or one of its measures; it advances a measure only
when it names that measure (a record that names just the task says nothing about which measure).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from plansite.model import Department, Measure, Observation, Plan, Progress, Record, Task, When
from plansite.plan.duties import Duties

StatusState = Literal["before", "during", "ended"]


@dataclass(frozen=True, kw_only=True)
class Status:
    state: StatusState
    label: str  # 尚未开始 / 实施中 / 实施期已结束
    period: str  # 2021—2025年
    last_record: When | None  # the newest record's date

    @property
    def text(self) -> str:
        """实施期已结束（最近一条实施记录：2024年9月25日）, said plainly."""
        if self.state != "ended":
            return self.label
        if self.last_record is None:
            return f"{self.label}（尚未收录实施记录）"
        return f"{self.label}（最近一条实施记录：{self.last_record.printed}）"


def status(plan: Plan, progress: Progress, today: datetime.date) -> Status:
    period = plan.document.period
    state: StatusState = "before" if today.year < period.start else "ended" if today.year > period.end else "during"
    labels = {"before": "尚未开始实施", "during": "实施中", "ended": "实施期已结束"}
    last = max((r.date for r in progress.records), key=When.sort_key, default=None)
    span = f"{period.start}—{period.end}年"
    return Status(state=state, label=labels[state], period=span, last_record=last)


class Records:
    def __init__(self, plan: Plan, progress: Progress, duties: Duties | None = None):
        self.plan, self.progress = plan, progress
        self.duties = duties or Duties(plan)

    @cached_property
    def newest_first(self) -> tuple[Record, ...]:
        """Newest first; records on the same date keep the file's order."""
        ordered = sorted(enumerate(self.progress.records), key=lambda p: (p[1].date.sort_key(), -p[0]), reverse=True)
        return tuple(r for _, r in ordered)

    def tasks_of(self, record: Record) -> tuple[Task, ...]:
        """The tasks a record advances, in document order."""
        ids = set(record.tasks) | {self.duties.measure_by_id[m][0].id for m in record.measures}
        return tuple(t for t in self.duties.tasks if t.id in ids)

    def departments_of(self, record: Record) -> tuple[Department, ...]:
        return tuple(self.duties.department_by_id[d] for d in record.departments)

    def measures_of(self, record: Record) -> tuple[tuple[Task, Measure], ...]:
        return tuple(self.duties.measure_by_id[m] for m in record.measures)

    @cached_property
    def _by_measure(self) -> dict[str, tuple[Record, ...]]:
        out: dict[str, list[Record]] = {}
        for r in self.newest_first:
            for m in dict.fromkeys(r.measures):
                out.setdefault(m, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_task(self) -> dict[str, tuple[Record, ...]]:
        out: dict[str, list[Record]] = {}
        for r in self.newest_first:
            for t in self.tasks_of(r):
                out.setdefault(t.id, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_department(self) -> dict[str, tuple[Record, ...]]:
        out: dict[str, list[Record]] = {}
        for r in self.newest_first:
            for d in dict.fromkeys(r.departments):
                out.setdefault(d, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _cells(self) -> dict[tuple[str, str], int]:
        """(department, task) → records in which the department took part and that advance the task."""
        out: dict[tuple[str, str], int] = {}
        for r in self.newest_first:
            for t in self.tasks_of(r):
                for d in dict.fromkeys(r.departments):
                    out[(d, t.id)] = out.get((d, t.id), 0) + 1
        return out

    def for_measure(self, measure: Measure) -> tuple[Record, ...]:
        return self._by_measure.get(measure.id, ())

    def for_task(self, task: Task) -> tuple[Record, ...]:
        """Every record advancing the task, through the task itself or one of its measures."""
        return self._by_task.get(task.id, ())

    def task_only(self, task: Task) -> tuple[Record, ...]:
        """Records that name the task but none of its measures."""
        own = {m.id for m in task.measures}
        return tuple(r for r in self.for_task(task) if not own & set(r.measures))

    def for_department(self, dept: Department) -> tuple[Record, ...]:
        return self._by_department.get(dept.id, ())

    def cell(self, dept: Department, task: Task) -> int:
        return self._cells.get((dept.id, task.id), 0)

    def coverage(self, task: Task) -> int:
        """How many of the task's measures have at least one record."""
        return sum(1 for m in task.measures if m.id in self._by_measure)

    @cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.date.year for r in self.newest_first}, reverse=True))

    def observations(self, indicator_id: str) -> tuple[Observation, ...]:
        """Oldest first: a series over the years; the district's own before references in a year."""
        order = {"district": 0, "chongqing": 1, "national": 2}
        return tuple(sorted((o for o in self.progress.observations if o.indicator == indicator_id),
                            key=lambda o: (o.year, order[o.scope])))
