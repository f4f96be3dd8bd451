"""What `check` will say of the draft once the editor accepts every doubted value: each “待核：” deleted
as an editor would, then the project's own loader. A “待填” cannot be accepted, only filled: problems at
those lines are expected and left out. Anything else is a problem of the draft itself, reported."""
from __future__ import annotations

from plansite.data.plan import parse_plan
from plansite.data.problems import PlanError, Problem

TO_CHECK_PREFIX = "待核："


def resolve(text: str) -> str:
    """Every doubted value accepted: “待核：” deleted wherever it stands."""
    return text.replace(TO_CHECK_PREFIX, "")


def problems_after_review(text: str, file: str) -> list[Problem]:
    """The check's problems on the resolved draft, except at lines still marked 待填."""
    resolved = resolve(text)
    try:
        parse_plan(resolved, file)
    except PlanError as err:
        lines = resolved.split("\n")
        return [p for p in err.problems if not (0 < p.line <= len(lines) and "待填" in lines[p.line - 1])]
    return []
