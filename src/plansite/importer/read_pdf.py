"""PDF with a text layer, read with pdfplumber (pdfminer.six underneath): its text lines with their
positions, and its ruled tables.

Lines become paragraphs by the layout of an official document: a paragraph starts on an indented line
(or a centred or right-aligned one), and a line at the left margin continues the paragraph above — also
across a page end, which is the join the notes record. Page numbers (— 3 —, - 3 -, 第3页) and lines
repeated at the top or bottom of three pages or more (running headers and footers) are dropped. The
annex is the ruled table whose header names 牵头; its rows are read page by page, the header printed again
on each page dropped, the category cell merged down a column copied into each row, the lines a cell
wraps over joined.
"""
from __future__ import annotations

import io
import logging
import re
from collections import Counter
from dataclasses import dataclass

from plansite.importer import clean, tables
from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Para, Repair, Source

# Glyphs a CJK font shares between two code points, which its text layer then reads as the one a
# simplified-Chinese document does not use (Chromium's PDFs read 户 as 戶). Reported with the dashes.
SHARED_GLYPHS = {"戶": "户"}
NO_SPACE = re.compile(rf"(?<={clean.CJK_CHAR})[ \u00a0]+(?={clean.CJK_CHAR})")


@dataclass
class Line:
    page: int  # 1-based
    text: str
    x0: float
    x1: float
    top: float
    size: float


def open_pdf(data: bytes, file: str):
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        pdf.pages  # noqa: B018  (reading the page tree is where a damaged file fails)
        return pdf
    except Exception as err:
        name = type(err).__name__ + " " + repr(getattr(err, "args", ""))
        if "Password" in name or "encrypt" in name.lower():
            raise ImportFailure(file, "PDF 已加密，需要密码才能打开", expected="没有密码保护的 PDF",
                                found="加密的 PDF", hint="请下载同一文件的 Word 版或网页版，或先用有权限的软件去掉密码") from None
        raise ImportFailure(file, "PDF 文件损坏，无法读取", expected="完整的 PDF 文件",
                            found=f"{type(err).__name__}", hint="从政府网站重新下载原件；也可改用 Word 版或网页版") from None


def read(data: bytes, file: str) -> Source:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings about fonts are not the editor's business
    pdf = open_pdf(data, file)
    lines: list[Line] = []
    rows: list[tuple[str, list[str]]] = []
    heights: dict[int, float] = {}
    tail: list[str] | None = None  # cells of an annex row cut by the end of the page before
    cut_rows: list[Repair] = []
    try:
        with pdf:
            chars = 0
            furniture = page_furniture(pdf.pages)
            for number, page in enumerate(pdf.pages, 1):
                heights[number] = float(page.height)
                chars += len(page.chars)
                if not page.chars:
                    continue
                text_page = page
                height = float(page.height)
                for table in page.find_tables():
                    grid = table.extract()
                    cells = [[(c or "").replace("\n", "") for c in row] for row in grid]
                    headed = any(tables.is_header([clean.strip(c) for c in row]) for row in cells[:2])
                    # a table printed on from the page before without its header: as wide as the annex
                    # (its first column may be missing: a category cell merged down the page draws no column)
                    continued = bool(rows) and bool(cells) and 0 <= len(rows[0][1]) - len(cells[0]) <= 1
                    if not (headed or continued):
                        continue
                    x0, _, x1, _ = table.bbox
                    bounds = column_bounds(table)
                    first_top, last_bottom = table.rows[0].bbox[1], table.rows[-1].bbox[3]
                    if headed:  # a fragment can sit between the repeated header and the first full row
                        first_top = table.rows[1].bbox[1] if len(table.rows) > 1 else last_bottom
                    if rows and (continued or headed):
                        # text above the first closed row of a continued table: the end of a row the page end
                        # cut (its start below the last closed row of the page before), or a whole row whose
                        # top rule was printed on the page before; neither is closed by ruled lines
                        above = table.rows[0].bbox[3] if headed else 0.0
                        head = cells_in(page, (x0, above, x1, first_top), bounds, furniture)
                        if tail is not None or any(head):  # (without a task of its own, tables.build joins it on)
                            if tail is not None:
                                cut_rows.append(Repair("cut_row", f"第 {number - 1}—{number} 页", ("".join(tail)[:16],)))
                            rows.append((f"第 {number} 页表格（跨页的一行）", join_row(tail or [], head)))
                            text_page = outside(text_page, (x0, above, x1, first_top))
                    tail = None
                    rows += [(f"第 {number} 页表格", row) for row in cells]
                    text_page = outside(text_page, table.bbox)
                    below = cells_in(page, (x0, last_bottom, x1, 0.95 * height), bounds, furniture)
                    if any(below):
                        tail = below
                        text_page = outside(text_page, (x0, last_bottom, x1, 0.95 * height))
                for raw in text_page.extract_text_lines(x_tolerance=1.5):
                    text = clean.strip(raw["text"])
                    if text:
                        # where the text starts, after any indentation typed as spaces (　　)
                        first = next((c for c in raw.get("chars", []) if clean.strip(c["text"])), None)
                        size = float(first["size"]) if first else 10.0
                        x0 = float(first["x0"]) if first else float(raw["x0"])
                        lines.append(Line(number, text, x0, float(raw["x1"]), float(raw["top"]), size))
    except ImportFailure:
        raise
    except Exception as err:
        raise ImportFailure(file, "PDF 文件损坏，无法读取全部页面", expected="完整的 PDF 文件", found=type(err).__name__,
                            hint="从政府网站重新下载原件；也可改用 Word 版或网页版") from None
    if chars == 0:
        raise ImportFailure(file, "PDF 没有文字层（是扫描件或图片）", expected="能选中、复制文字的 PDF",
                            found=f"{len(heights)} 页，都只有图像，没有一个字符",
                            hint="请找同一文件的 Word 版或网页版；只有扫描件时，先用文字识别（OCR）软件转成文字再导入")
    repairs: list[Repair] = list(cut_rows)
    found: list[str] = []
    dashes = 0
    for line in lines:
        line.text, radicals = clean.radicals(line.text)
        found += radicals
        dashes += line.text.count("\u2015") + sum(line.text.count(v) for v in SHARED_GLYPHS)
        line.text = line.text.replace("\u2015", "\u2014")  # a font's dash glyph read as ― (U+2015), printed as —
        for variant, meant in SHARED_GLYPHS.items():
            line.text = line.text.replace(variant, meant)
    rows = [(where, [clean.radicals(c)[0].replace("\u2015", "\u2014") for c in cells]) for where, cells in rows]
    if found:
        repairs.append(Repair("radical", "全文", tuple(dict.fromkeys(found))))
    if dashes:
        repairs.append(Repair("dash", "全文", ("―", *SHARED_GLYPHS), "—"))
    lines = drop_page_furniture(lines, heights, repairs)
    if not lines:
        raise ImportFailure(file, "PDF 里没有正文文字", found="只有页码或页眉页脚")
    paragraphs = assemble(lines, repairs)
    for i, para in enumerate(paragraphs):
        fixed, spaces = clean.stray_spaces(para.text)
        for printed, normalised in spaces:
            repairs.append(Repair("stray_space", para.where, (printed,), normalised, i))
        para.text = NO_SPACE.sub("", fixed)
    table = tables.build(rows, repairs) if rows else None
    return Source(file, "PDF", paragraphs, table, repairs)


def column_bounds(table) -> list[float]:
    """The x where each column of a ruled table starts, and where the last one ends."""
    widest = max((row.cells for row in table.rows), key=lambda cells: sum(1 for c in cells if c is not None))
    spans = [c for c in widest if c is not None]
    return [c[0] for c in spans] + [spans[-1][2]]


def clamp(page, bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x0, top, x1, bottom = page.bbox
    return (max(bbox[0], x0), max(bbox[1], top), min(bbox[2], x1), min(bbox[3], bottom))


def outside(page, bbox: tuple[float, float, float, float]):
    """The page without what lies inside bbox (unchanged for an empty box)."""
    box = clamp(page, bbox)
    return page if box[3] - box[1] < 1 or box[2] - box[0] < 1 else page.outside_bbox(box, strict=False)


def furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def page_furniture(pages) -> set[str]:
    """Lines printed in the top or bottom tenth of three pages or more (running headers and footers)."""
    seen: Counter[str] = Counter()
    for page in pages:
        h = float(page.height)
        for band in ((0, 0.1 * h), (0.88 * h, h)):
            text = page.crop((0, band[0], float(page.width), band[1]), strict=False).extract_text() or ""
            seen.update({furniture_key(line) for line in text.split("\n") if line.strip()})
    return {key for key, n in seen.items() if n >= 3} if len(pages) >= 3 else set()


def cells_in(page, bbox: tuple[float, float, float, float], bounds: list[float], furniture: frozenset[str] | set[str] = frozenset()
             ) -> list[str]:
    """The text inside bbox, column by column (by where each character's middle falls: a cell's text can
    run close to the next column's), in reading order; page numbers, headers and footers left out."""
    out = [""] * (len(bounds) - 1)
    box = clamp(page, bbox)
    if box[3] - box[1] < 1 or box[2] - box[0] < 1:
        return out
    lines: list[list[dict]] = []  # characters grouped into printed lines (tops within half a character)
    def inside(c: dict) -> bool:  # by its middle: a character on a ruled line's edge belongs to one side only
        x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        return box[0] <= x <= box[2] and box[1] <= y < box[3]

    for char in sorted((c for c in page.chars if clean.strip(c["text"]) and inside(c)), key=lambda c: c["top"]):
        if lines and char["top"] - lines[-1][0]["top"] < 0.5 * float(char["size"] or 10):
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        text = "".join(c["text"] for c in sorted(line, key=lambda c: c["x0"]))
        key, top = furniture_key(text), float(line[0]["top"])
        at_edge = top < 0.12 * float(page.height) or top > 0.88 * float(page.height)
        if clean.PAGE_NUMBER.match(text) or at_edge and any(key in f for f in furniture):  # (or its part inside bbox)
            continue
        for char in sorted(line, key=lambda c: c["x0"]):
            middle = (char["x0"] + char["x1"]) / 2
            out[max(0, min(len(out) - 1, sum(1 for b in bounds[1:-1] if middle >= b)))] += char["text"]
    return out


def join_row(tail: list[str], head: list[str]) -> list[str]:
    """The two pieces of a row cut by a page end; a piece without the first column is aligned right."""
    width = max(len(tail), len(head))
    tail = [""] * (width - len(tail)) + tail
    head = [""] * (width - len(head)) + head
    return [a + b for a, b in zip(tail, head, strict=True)]


def drop_page_furniture(lines: list[Line], heights: dict[int, float], repairs: list[Repair]) -> list[Line]:
    """Page numbers, and lines repeated in the top or bottom tenth of three pages or more."""
    def edge(line: Line) -> bool:
        h = heights[line.page]
        return line.top < 0.1 * h or line.top > 0.88 * h

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    repeated = Counter(key(line.text) for line in lines if edge(line))
    pages = len(heights)
    out = []
    for line in lines:
        if clean.PAGE_NUMBER.match(line.text) and edge(line):
            repairs.append(Repair("page_number", f"第 {line.page} 页", (line.text,)))
        elif edge(line) and pages >= 3 and repeated[key(line.text)] >= 3:
            repairs.append(Repair("running_header", f"第 {line.page} 页", (line.text,)))
        else:
            out.append(line)
    return out


def assemble(lines: list[Line], repairs: list[Repair]) -> list[Para]:
    """Lines → paragraphs by indentation (or space above), across pages."""
    size = Counter(round(line.size) for line in lines).most_common(1)[0][0] or 10
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = Counter(round(line.x1) for line in lines).most_common(1)[0][0]
    pitches = [round(b.top - a.top) for a, b in zip(lines, lines[1:], strict=False) if a.page == b.page and b.top > a.top]
    pitch = Counter(pitches).most_common(1)[0][0] if pitches else 2 * size
    paragraphs: list[Para] = []
    previous: Line | None = None
    for line in lines:
        indented = line.x0 > left + 0.5 * size
        # space above the line (paragraphs set apart by spacing rather than an indent)
        spaced = previous is not None and previous.page == line.page and line.top - previous.top > 1.3 * pitch
        # after a centred or right-aligned line (a title, the signatory, the date), which stands alone
        after_aligned = previous is not None and previous.x0 > left + 4 * size
        starts = indented or spaced or after_aligned or clean.CHAPTER.match(line.text) or clean.SECTION.match(line.text)
        short_before = previous is not None and previous.x1 < right - 3 * size
        if short_before and paragraphs and not starts and clean.continues(paragraphs[-1].text, line.text):
            short_before = False  # a line the source broke mid-sentence (a <br> printed), not a paragraph's end
            repairs.append(Repair("line_break", f"第 {line.page} 页", (paragraphs[-1].text[-12:], line.text[:12]),
                                  paragraphs[-1].text[-12:] + line.text[:12], len(paragraphs) - 1))
        if paragraphs and previous is not None and not starts and not short_before:
            para = paragraphs[-1]
            if line.page != previous.page:
                before, after = clean.page_break_pieces(para.text, line.text)
                repairs.append(Repair("page_break", f"第 {line.page} 页", (before, after), before + after, len(paragraphs) - 1))
            para.lines = (para.lines or (para.text,)) + (line.text,)
            para.text += line.text
        else:
            paragraphs.append(Para(line.text, f"第 {line.page} 页"))
        previous = line
    return paragraphs
