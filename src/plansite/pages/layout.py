"""Pure helpers for the officials' pages and downloads: how the matrix is split into parts, where a
paragraph sits in the document, and which runs of a paragraph name a department.

No Jinja, no MkDocs: builder.py uses these for the officials' pages.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from plansite import routes
from plansite.model import Chapter, Department, Plan, Task
from plansite.plan.duties import Duties

MATRIX_PAGE_TASKS = 10  # task columns one matrix page can hold; a wider plan is split into parts


@dataclass(frozen=True)
class MatrixPart:
    src: str
    number: int  # 1-based, over the whole matrix
    chapter: Chapter
    tasks: tuple[Task, ...]
    departments: tuple[Department, ...]  # those with a role in these tasks, in the registry's order


def is_split(duties: Duties) -> bool:
    return len(duties.tasks) > MATRIX_PAGE_TASKS


def matrix_parts(duties: Duties) -> list[MatrixPart]:
    """Chapter by chapter, groups of at most MATRIX_PAGE_TASKS tasks of near-equal size.

    The real plan (10 tasks) is one part: the one full matrix page. Parts never mix chapters, so
    each stays one kind of task (提升行动 or 重点工程) and its title says which.
    """
    if not is_split(duties):
        return [MatrixPart(routes.MATRIX, 1, duties.plan.chapters[0], duties.tasks, duties.departments_sorted)]
    by_dept: dict[str, set[str]] = {}
    for a in duties.assignments:
        by_dept.setdefault(a.department.id, set()).add(a.task.id)
    parts: list[MatrixPart] = []
    for chapter in duties.plan.chapters:
        tasks = chapter.tasks
        if not tasks:
            continue
        count = math.ceil(len(tasks) / MATRIX_PAGE_TASKS)
        size, extra = divmod(len(tasks), count)
        start = 0
        for n in range(1, count + 1):
            group = tasks[start:start + size + (1 if n <= extra else 0)]
            start += len(group)
            ids = {t.id for t in group}
            depts = tuple(d for d in duties.departments_sorted if by_dept.get(d.id, set()) & ids)
            parts.append(MatrixPart(routes.matrix_part(chapter.id, n), len(parts) + 1, chapter, group, depts))
    return parts


def places(plan: Plan) -> dict[str, str]:
    """Where each owner of body paragraphs sits, as a reader would say it: 五、组织实施 › （一）加强组织领导."""
    out = {"preamble": "实施方案开头"}
    for chapter in plan.chapters:
        top = f"{chapter.number}{chapter.title}"
        out[chapter.id] = top
        for section in chapter.sections:
            mid = f"{top} › {section.number}{section.label}"
            out[section.id] = mid
            out.update({i.id: f"{mid} › {i.number} {i.label}" for i in section.items})
        for task in chapter.tasks:
            mid = f"{top} › {task.number}{task.label}"
            out[task.id] = mid
            out.update({m.id: f"{mid} › {m.label}" for m in task.measures})
    return out


def marked(text: str, names: tuple[str, ...]) -> list[tuple[str, bool]]:
    """The text cut into runs; runs that are one of `names` (longest first) are marked."""
    if not names:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(set(names), key=lambda n: (-len(n), n))))
    out, at = [], 0
    for match in pattern.finditer(text):
        if match.start() > at:
            out.append((text[at:match.start()], False))
        out.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        out.append((text[at:], False))
    return out


def safe_filename(name: str) -> str:
    """A file name to suggest when saving: the department's name, minus characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_") or "download"
