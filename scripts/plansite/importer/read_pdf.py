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
import re
from collections import Counter
from dataclasses import dataclass

from . import clean, tables
from .errors import ImportFailure
from .intermediate import Para, Repair, Source

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
    pdf = open_pdf(data, file)
    lines: list[Line] = []
    rows: list[tuple[str, list[str]]] = []
    heights: dict[int, float] = {}
    try:
        with pdf:
            chars = 0
            for number, page in enumerate(pdf.pages, 1):
                heights[number] = float(page.height)
                chars += len(page.chars)
                if not page.chars:
                    continue
                text_page = page
                for table in page.find_tables():
                    grid = table.extract()
                    cells = [[(c or "").replace("\n", "") for c in row] for row in grid]
                    if any(tables.is_header([clean.strip(c) for c in row]) for row in cells[:2]):
                        rows += [(f"第 {number} 页表格", row) for row in cells]
                        text_page = text_page.outside_bbox(table.bbox)
                for raw in text_page.extract_text_lines(x_tolerance=1.5):
                    text = clean.strip(raw["text"])
                    if text:
                        size = float(raw["chars"][0]["size"]) if raw.get("chars") else 10.0
                        lines.append(Line(number, text, float(raw["x0"]), float(raw["x1"]), float(raw["top"]), size))
    except ImportFailure:
        raise
    except Exception as err:
        raise ImportFailure(file, "PDF 文件损坏，无法读取全部页面", expected="完整的 PDF 文件", found=type(err).__name__,
                            hint="从政府网站重新下载原件；也可改用 Word 版或网页版") from None
    if chars == 0:
        raise ImportFailure(file, "PDF 没有文字层（是扫描件或图片）", expected="能选中、复制文字的 PDF",
                            found=f"{len(heights)} 页，都只有图像，没有一个字符",
                            hint="请找同一文件的 Word 版或网页版；只有扫描件时，先用文字识别（OCR）软件转成文字再导入")
    repairs: list[Repair] = []
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
    """Lines → paragraphs by indentation, across pages."""
    size = Counter(round(line.size) for line in lines).most_common(1)[0][0] or 10
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = Counter(round(line.x1) for line in lines).most_common(1)[0][0]
    paragraphs: list[Para] = []
    previous: Line | None = None
    for line in lines:
        indented = line.x0 > left + 0.5 * size
        starts = indented or clean.CHAPTER.match(line.text) or clean.SECTION.match(line.text)
        short_before = previous is not None and previous.x1 < right - 3 * size
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
