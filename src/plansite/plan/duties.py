"""Who does what: the annex turned into lookups for department pages, the matrix and exports.

Built once per build from a validated plan; everything here is derived, nothing is stored twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from plansite.model import AnnexRow, Department, DeptRef, Measure, Plan, Task
from plansite.plan import document, findnames, terms
from plansite.plan.document import Block

Role = Literal["lead", "responsible"]
ROLE_LABELS: dict[Role, str] = {"lead": "牵头", "responsible": "参与"}
KIND_LABELS = {"action": "提升行动", "project": "重点工程"}


@dataclass(frozen=True)
class Assignment:
    task: Task
    department: Department
    role: Role
    printed: str  # the name exactly as the annex prints it in this row


@dataclass(frozen=True)
class Mention:
    block: Block
    name: str  # the printed name found in the paragraph


class Duties:
    def __init__(self, plan: Plan):
        self.plan = plan

    @cached_property
    def tasks(self) -> tuple[Task, ...]:
        """Actions then projects, in the document's order."""
        return tuple(t for c in self.plan.chapters for t in c.tasks)

    @cached_property
    def task_by_id(self) -> dict[str, Task]:
        return {t.id: t for t in self.tasks}

    @cached_property
    def measure_by_id(self) -> dict[str, tuple[Task, Measure]]:
        return {m.id: (t, m) for t in self.tasks for m in t.measures}

    @cached_property
    def department_by_id(self) -> dict[str, Department]:
        return {d.id: d for d in self.plan.departments}

    @cached_property
    def annex_by_task(self) -> dict[str, AnnexRow]:
        return {row.task: row for row in self.plan.annex}

    def annex_title(self, task: Task) -> str:
        row = self.annex_by_task.get(task.id)  # a plan without an annex has no rows
        return (row.printed_title if row else None) or task.label

    def task_number(self, task: Task) -> int:
        """The annex numbers tasks 1–5 within each kind."""
        return self._task_numbers[task.id]

    @cached_property
    def _task_numbers(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        out = {}
        for t in self.tasks:
            counts[t.kind] = counts.get(t.kind, 0) + 1
            out[t.id] = counts[t.kind]
        return out

    @cached_property
    def assignments(self) -> tuple[Assignment, ...]:
        """Every (task, department, role) of the annex, tasks in document order, departments as printed."""
        out = []
        for task in self.tasks:
            row = self.annex_by_task.get(task.id)
            if row is None:  # no annex: no assignments (checks.py requires a row per task when there is one)
                continue
            by_role: tuple[tuple[Role, tuple[DeptRef, ...]], ...] = (("lead", row.lead), ("responsible", row.responsible))
            for role, refs in by_role:
                for ref in refs:
                    dept = self.department_by_id[ref.id]
                    out.append(Assignment(task, dept, role, ref.printed or dept.name))
        return tuple(out)

    # The lookups below are grouped once rather than filtered per call: pages ask them for every
    # department × task, which made generation cubic in the size of the plan (see benchmarks/).
    @cached_property
    def _by_task_role(self) -> dict[tuple[str, Role], tuple[Assignment, ...]]:
        groups: dict[tuple[str, Role], list[Assignment]] = {}
        for a in self.assignments:
            groups.setdefault((a.task.id, a.role), []).append(a)
        return {key: tuple(group) for key, group in groups.items()}

    @cached_property
    def _by_department(self) -> dict[str, tuple[Assignment, ...]]:
        groups: dict[str, list[Assignment]] = {}
        for a in self.assignments:
            groups.setdefault(a.department.id, []).append(a)
        return {key: tuple(group) for key, group in groups.items()}

    @cached_property
    def _roles(self) -> dict[tuple[str, str], Role]:
        """(department, task) → role. checks.py lets a department appear once per task; the first would win."""
        roles: dict[tuple[str, str], Role] = {}
        for a in self.assignments:
            roles.setdefault((a.department.id, a.task.id), a.role)
        return roles

    def for_task(self, task: Task, role: Role) -> list[Assignment]:
        return list(self._by_task_role.get((task.id, role), ()))

    def for_department(self, dept: Department) -> list[Assignment]:
        return list(self._by_department.get(dept.id, ()))

    def role_of(self, dept: Department, task: Task) -> Role | None:
        return self._roles.get((dept.id, task.id))

    @cached_property
    def departments_sorted(self) -> tuple[Department, ...]:
        """Registry order is the editors' order; pages list departments by kind, then as registered."""
        kinds = terms.department_kinds(self.plan)
        ranked = sorted(enumerate(self.plan.departments), key=lambda pair: (kinds.index(pair[1].kind), pair[0]))
        return tuple(d for _, d in ranked)

    @cached_property
    def body(self) -> list[Block]:
        return document.body_blocks(self.plan)

    def mentions(self, dept: Department) -> list[Mention]:
        """Paragraphs of the body that name the department itself (e.g. 区科协 in 组织实施)."""
        names = sorted((dept.name, *dept.variants), key=len, reverse=True)
        found: dict[int, str] = {}  # block → the department's longest name in it
        for name in names:
            for i in self._blocks_naming(name):
                found.setdefault(i, name)
        return [Mention(self.body[i], found[i]) for i in sorted(found)]

    @cached_property
    def _name_blocks(self) -> dict[str, list[int]]:
        """Every registered name → the body blocks containing it, found in one pass (see findnames)."""
        names = [n for d in self.plan.departments for n in (d.name, *d.variants)]
        return findnames.occurrences([b.printed for b in self.body], names)

    def _blocks_naming(self, name: str) -> list[int]:
        if name in self._name_blocks:
            return self._name_blocks[name]
        return [i for i, b in enumerate(self.body) if name in b.printed]  # a department outside the registry


def short_labels(duties: Duties) -> dict[str, str]:
    """Task id → 行动一 / 工程三: short enough for a matrix column header on a phone.

    The document's own numerals when they tell the tasks of a kind apart (the real plan); otherwise
    (a plan whose numerals repeat, like the synthetic benchmark plans) the position within the kind.
    """
    out = {}
    for kind, word in (("action", "行动"), ("project", "工程")):
        tasks = [t for t in duties.tasks if t.kind == kind]
        unique = len({t.numeral for t in tasks}) == len(tasks)
        out.update({t.id: f"{word}{t.numeral}" if unique else f"{word}{n}" for n, t in enumerate(tasks, 1)})
    return out
