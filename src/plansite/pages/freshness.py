"""When each page's data last changed, from git history: `git blame` of data/plan.yaml, read through
the lines that feed each page (the YAML nodes of its task, department, annex rows …).

Outside git, with git missing, or for a file git does not track, there are no dates and no error.
A date is the committer date of the commit that last touched a line, as a calendar day in China
(UTC+8), so the same commit always gives the same dates. Lines not committed yet (a preview of
local edits) are reported as such rather than dated "now".
"""
from __future__ import annotations

import datetime
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from plansite import routes
from plansite.data.walk import CONTENT, Walk
from plansite.data.yamlnodes import WHOLE_FILE
from plansite.model import AnnexRow, Department, Plan, Task
from plansite.plan.document import body_blocks

CHINA = datetime.timezone(datetime.timedelta(hours=8))
UNCOMMITTED = "0" * 40


@dataclass(frozen=True)
class Freshness:
    date: str | None  # YYYY-MM-DD of the latest commit among the page's lines
    uncommitted: bool  # some of its lines have changes not committed yet


def line_commits(root: Path, rel: str) -> dict[int, str | None] | None:
    """Line number (1-based) → YYYY-MM-DD of the commit that last changed it (None: not committed).
    None when git cannot tell (no repository, no git, file not tracked)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "blame", "--porcelain", "--", rel],
                                capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    times: dict[str, int] = {}
    lines: dict[int, str | None] = {}
    sha, final = "", 0
    for row in result.stdout.split("\n"):
        if row.startswith("\t"):
            lines[final] = None if sha == UNCOMMITTED else _day(times.get(sha))
            continue
        head = re.match(r"([0-9a-f]{40}) \d+ (\d+)", row)
        if head:
            sha, final = head.group(1), int(head.group(2))
        elif row.startswith("committer-time "):
            times[sha] = int(row.split()[1])
    return lines


def _day(epoch: int | None) -> str | None:
    if epoch is None:
        return None
    return datetime.datetime.fromtimestamp(epoch, CHINA).date().isoformat()


def page_sources(plan: Plan) -> dict[str, list[str]]:
    """The YAML paths each page is made from. Pages that gather the whole plan (home, full text,
    department list, matrix, notes) are not listed: they take the whole file."""
    walk = Walk(plan)
    task_path = walk.path_by_id(Task)
    dept_path = walk.path_by_id(Department)
    owner_path = {"preamble": "preamble", **walk.path_by_id(*CONTENT)}

    def row_paths(row_path: str, row: AnnexRow) -> list[str]:
        return [row_path, task_path[row.task], *(dept_path[ref.id] for ref in (*row.lead, *row.responsible))]

    task_by_id = {task.id: task for _, task in walk.of_type(Task)}

    body = body_blocks(plan)
    out: dict[str, list[str]] = {}
    annex = walk.of_type(AnnexRow)
    for row_path, row in annex:
        out[routes.task_page(task_by_id[row.task])] = ["document", *row_paths(row_path, row)]
    for dept in plan.departments:
        paths = ["document", dept_path[dept.id]]
        for row_path, row in annex:
            if dept.id in {ref.id for ref in (*row.lead, *row.responsible)}:
                paths += row_paths(row_path, row)
        names = (dept.name, *dept.variants)  # and the paragraphs that mention it
        paths += sorted({owner_path[b.owner] for b in body if b.owner in owner_path
                         and any(n in b.printed for n in names)})
        out[routes.department_page(dept)] = paths
    return out


def page_freshness(root: Path, rel: str, plan: Plan, where: Mapping[str, tuple[int, int]], pages: Iterable[str],
                   skip: Iterable[str] = ()) -> dict[str, Freshness]:
    """Freshness of each page made from the data (pages in `skip` are not: e.g. the editors' guide).
    `where` is the lines of each YAML path in the file (load.Loaded.lines)."""
    commits = line_commits(root, rel)
    if commits is None:
        return {}
    sources = page_sources(plan)
    out = {}
    for src in sorted(set(pages) - set(skip)):
        days: list[str | None] = []
        for path in sources.get(src, [WHOLE_FILE]):
            first, last = where[path]
            days += [commits[n] for n in range(first, last + 1) if n in commits]
        dated = [d for d in days if d is not None]
        out[src] = Freshness(max(dated) if dated else None, any(d is None for d in days))
    return out


def file_freshness(root: Path, rel: str) -> Freshness | None:
    """The whole file's freshness (data/progress.yaml: every record can appear on several pages);
    None when git cannot tell or the file is absent."""
    commits = line_commits(root, rel)
    if not commits:
        return None
    dated = [d for d in commits.values() if d is not None]
    return Freshness(max(dated) if dated else None, any(d is None for d in commits.values()))


def with_file(pages: dict[str, Freshness], extra: Freshness | None, showing: Iterable[str]) -> dict[str, Freshness]:
    """Each page in `showing` also made from a second file: the later date of the two, uncommitted if either is."""
    if extra is None:
        return pages
    out = dict(pages)
    for src in showing:
        mine = out.get(src)
        dates = [d for d in (mine.date if mine else None, extra.date) if d is not None]
        out[src] = Freshness(max(dates) if dates else None, extra.uncommitted or bool(mine and mine.uncommitted))
    return out
