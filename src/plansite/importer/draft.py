"""The draft as ordered data for the writer: dicts (mappings, in key order), lists (block lists), and a
few wrappers for what plain data cannot say (a list written on one line, a value left for review, a
comment line, a value written as is)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

TO_CHECK = "待核"  # a value the importer doubts: the editor checks it against the document, then deletes “待核：”
TO_FILL = "待填"  # a value the importer could not find: the editor writes it
MARKERS = (TO_CHECK, TO_FILL)


@dataclass
class Review:
    """A value left for the editor. Written as “待核：value” (doubted) or “待填” (not found), with a comment
    line above it saying what to check; `check` rejects the draft at that line until the editor decides."""
    marker: Literal["待核", "待填"]
    why: str  # Chinese: what the importer did and what to check
    value: Any = None  # the doubted value (待核); None for 待填
    path: str = ""  # where in the plan (for the report), e.g. chapters[3].tasks[4].measures[2]

    @property
    def written(self) -> str:
        return TO_FILL if self.marker == TO_FILL else f"{TO_CHECK}：{self.value}"


@dataclass
class Flow:
    """A list written on one line: [a, b, {id: x, printed: y}]."""
    items: list


@dataclass
class Raw:
    """Written exactly as given (a date YYYY-MM-DD, which YAML reads as a date)."""
    text: str


@dataclass
class Commented:
    """A list entry or a top-level key preceded by comment lines."""
    value: Any
    comments: list[str] = field(default_factory=list)


@dataclass
class Draft:
    tree: dict  # the plan, key order as in data/plan.yaml
    counts: dict[str, int]  # what was found, for the report
    notes: list[dict]  # the notes written (also in tree)
    remarks: list[str]  # what the editor should know beyond the review items
    title: str  # the plan's title, for the header
    number: str  # its 文号, for the header ('' if none)
