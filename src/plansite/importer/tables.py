"""Turning printed table rows into the annex table: the header kept once, repeated headers dropped,
merged category cells copied down. Shared by the readers, whose tables differ only in how cells are read."""
from __future__ import annotations

from plansite.importer.clean import strip
from plansite.importer.intermediate import Repair, Table

HEADER_WORDS = ("牵头",)
DEPARTMENT_COLUMNS = ("牵头", "责任", "配合", "参与", "协同", "协办")
SEPARATORS = "、，,；;"
TASK_WORDS = ("任务", "工作", "内容", "事项")
CATEGORY_WORDS = ("类别", "类型", "分类", "领域", "板块")


def join_lines(text: str, departments: bool) -> str:
    """A cell printed over several lines (explicit breaks, \n): a list of departments one per line becomes
    a list separated by 、; other cells' lines are joined as they are."""
    pieces = [strip(p) for p in text.split("\n") if strip(p)]
    if not departments:
        return "".join(pieces)
    out = ""
    for piece in pieces:
        out += piece if (not out or out[-1] in SEPARATORS) else "、" + piece
    return out


def is_header(cells: list[str]) -> bool:
    return any(any(w in c for w in HEADER_WORDS) for c in cells) and not any(len(c) > 20 for c in cells)


def build(rows: list[tuple[str, list[str]]], repairs: list[Repair]) -> Table | None:
    """rows: (where, cells) in printed order, cells already read (line breaks inside a cell removed).
    None when no row looks like the annex's header."""
    header: list[str] | None = None
    out: list[list[str]] = []
    where = ""
    for at, raw in rows:
        cells = [strip(c) for c in raw]
        if not any(cells):
            continue
        if is_header(cells):
            if header is None:
                header, where = [join_lines(c, False) for c in cells], at
            else:
                repairs.append(Repair("repeated_header", at, ("\u3000".join(join_lines(c, False) for c in cells),)))
            continue
        if header is None:
            continue
        width = len(header)
        cells = [join_lines(c, any(w in h for w in DEPARTMENT_COLUMNS)) for c, h in zip(cells, header + [""] * len(cells), strict=False)]
        if len(cells) < width:  # a row printed without its merged first cell
            cells = [""] * (width - len(cells)) + cells
        cells = cells[:width]
        task = next((i for i, h in enumerate(header) if any(w in h for w in TASK_WORDS)), min(1, width - 1))
        if out and not cells[task]:  # the rest of a row that a page end cut: no task of its own
            repairs.append(Repair("cut_row", at, (out[-1][task][:16], "……".join(c[:12] for c in cells if c))))
            for i, cell in enumerate(cells):
                if cell and i != task and not (cell == out[-1][i] and any(w in header[i] for w in CATEGORY_WORDS)):
                    out[-1][i] += cell
            continue
        category = next((i for i, h in enumerate(header) if any(w in h for w in CATEGORY_WORDS)), None)
        if out and category is not None and not cells[category]:  # the category cell merged over several rows
            cells[category] = out[-1][category]
        out.append(cells)
    if header is None:
        return None
    return Table(header, out, where)
