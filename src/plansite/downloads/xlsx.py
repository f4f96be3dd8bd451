"""XLSX workbooks for the duty lists and the matrix, written with XlsxWriter.

The same data gives the same bytes: the workbook is built in memory (XlsxWriter then dates every zip
entry 1980-01-01) and its created/modified date is the document's date, never the clock. Text is
always written as text, so a cell starting with "=" is never a formula and a URL is not made a link;
numbers are number cells and a full date (datetime.date) a date cell shown as 2024-09-25, so formulas
and filters over them work (a month or a year stays text: no cell type says "a month").
The first row is bold, every cell aligns to the top, and columns can have widths, wrapping and a
frozen header. The tests read the files back with openpyxl.
"""
from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass

import xlsxwriter

# Excel refuses to open (or silently cuts) a cell longer than this many characters, counted in UTF-16.
CELL_LIMIT = 32_767
CAPPED = "…（超出 Excel 单元格上限，全文见网页）"  # ends a capped cell, so a reader knows text is missing
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
FONT = {"font_name": "等线", "font_size": 11}  # Excel's default for Chinese text
DATE_FORMAT = "yyyy-mm-dd"  # ISO 8601, as the CSV and the pages write a date


@dataclass
class Sheet:
    title: str
    rows: list[list]
    widths: tuple[int, ...] = ()
    wrap: tuple[int, ...] = ()  # 0-based columns whose text wraps
    freeze: str | None = None  # e.g. "A2": rows above and columns left of it stay put


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def capped(text: str) -> str:
    """The text, or as much of it as fits in one cell followed by CAPPED."""
    if len(text) <= CELL_LIMIT // 2 or _utf16_length(text) <= CELL_LIMIT:
        return text
    room = CELL_LIMIT - _utf16_length(CAPPED)
    cut = text[:room]
    while _utf16_length(cut) > room:  # characters outside the BMP count twice
        cut = cut[:-1]
    return cut + CAPPED


def workbook(title: str, sheets: list[Sheet], stamp: datetime.datetime) -> bytes:
    buf = io.BytesIO()
    # A copy: XlsxWriter adds keys to the dict it is given, which made every later workbook of the
    # process differ from the first (its font gained a theme), so the bytes depended on the order of writing.
    book = xlsxwriter.Workbook(buf, {"in_memory": True, "default_format_properties": dict(FONT)})
    book.set_properties({"title": title, "author": "plansite", "created": stamp})
    # Style by (header row, wrapped column).
    styles = {(head, wrap): book.add_format({"valign": "top", "bold": head, "text_wrap": wrap})
              for head in (True, False) for wrap in (True, False)}
    date_style = book.add_format({"valign": "top", "num_format": DATE_FORMAT})
    for i, sheet in enumerate(sheets, 1):
        ws = book.add_worksheet(_SHEET_NAME_BAD.sub("_", sheet.title)[:31] or f"Sheet{i}")
        for c, w in enumerate(sheet.widths):
            ws.set_column(c, c, w)
        if sheet.freeze:
            ws.freeze_panes(sheet.freeze)
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                if value == "" and r > 0:
                    continue  # an empty matrix cell: no cell at all keeps a large matrix small
                style = styles[(r == 0, c in sheet.wrap)]
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    ws.write_number(r, c, value, style)
                elif isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                    ws.write_datetime(r, c, datetime.datetime.combine(value, datetime.time()), date_style)
                else:
                    ws.write_string(r, c, capped(str(value)), style)
        if len(sheet.rows) > 1:
            ws.autofilter(0, 0, len(sheet.rows) - 1, max(len(row) for row in sheet.rows) - 1)
    book.close()
    return buf.getvalue()
