"""Reading the authoritative source text (the PDF extraction) independently of the plan code."""
from __future__ import annotations

import re
from dataclasses import dataclass

HEADER = ["类别", "任务内容", "牵头部门", "责任部门"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def prose_lines(lines: list[str]) -> list[tuple[int, str]]:
    """(1-based line number, text) of every non-empty line before the annex table."""
    out = []
    for n, line in enumerate(lines, 1):
        if line.split("\t") == HEADER:
            break
        if line.strip():
            out.append((n, line.strip()))
    return out


@dataclass(frozen=True)
class SourceRow:
    category: str
    task: str
    lead: tuple[str, ...]
    responsible: tuple[str, ...]


def annex_rows(lines: list[str]) -> tuple[list[SourceRow], int]:
    """The table's rows (category carried down over merged cells) and how many header rows were printed."""
    rows, headers, category, in_table = [], 0, "", False
    for line in lines:
        cells = line.rstrip("\n").split("\t")
        if cells == HEADER:
            headers += 1
            in_table = True
            continue
        if not in_table or not line.strip():
            continue
        assert len(cells) == 4, f"unexpected table line: {line!r}"
        category = cells[0] or category
        rows.append(SourceRow(category, cells[1], tuple(cells[2].split("、")), tuple(cells[3].split("、"))))
    return rows, headers
