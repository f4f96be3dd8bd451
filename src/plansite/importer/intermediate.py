"""What every reader produces: the document as paragraphs in reading order, the annex table if there is
one, and the repairs the reader made. The structurer reads only this, whatever the file's format."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Repairs the curated data records in notes (model.Note.kind) and the reader-only ones, which the
# report lists but notes do not (a page number or a website's menu is not part of the document).
RepairKind = Literal["page_break", "stray_space", "line_break", "repeated_header",
                     "page_number", "running_header", "chrome", "merged_cell", "spaced_text", "radical", "dash", "cut_row"]


@dataclass
class Para:
    text: str  # the paragraph as printed, line breaks and extraction artifacts repaired
    where: str  # where it starts in the file, for the report: 第 12 行 / 第 3 页 / 第 40 段
    heading: bool = False  # the file marked it as a heading (bold, <strong>, a Word heading style)
    lines: tuple[str, ...] = ()  # the printed lines it was joined from, when it spans several (a title)


@dataclass
class Repair:
    kind: RepairKind
    where: str  # in the file: 第 27 行, 第 5 页
    printed: tuple[str, ...]  # what the file had (for page_break: the end of one piece, the start of the next)
    normalised: str | None = None  # what the draft has instead
    para: int | None = None  # index of the paragraph of Source.paragraphs it applies to, if any


@dataclass
class Table:
    """The annex table: its header (printed once) and its rows, merged cells resolved (a category cell
    that spans rows is copied down), in printed order."""
    header: list[str]
    rows: list[list[str]]
    where: str = ""


@dataclass
class Source:
    file: str  # as the user named it
    kind: str  # 文本 / 网页 / Word / PDF
    paragraphs: list[Para]
    table: Table | None = None
    repairs: list[Repair] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # what the reader wants the editor to know
