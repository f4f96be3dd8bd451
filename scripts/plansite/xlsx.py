"""A small, deterministic XLSX writer for the duty lists and the matrix.

openpyxl took about 25 ms per workbook, almost all of it fixed cost; one workbook per department made
XLSX the largest part of generation for a large plan (benchmarks/). The files here are a handful of
XML parts: strings are written inline (never as formulas, so "=…" stays text), the first row is bold,
columns can have widths, wrapping and a frozen header, and every zip entry carries one fixed date so
identical data gives identical bytes. The tests read the files back with openpyxl.
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

# Characters XML 1.0 cannot carry at all; validation already refuses control characters in the plan.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Sheet:
    title: str
    rows: list[list]
    widths: tuple[int, ...] = ()
    wrap: tuple[int, ...] = ()  # 0-based columns whose text wraps
    freeze: str | None = None  # e.g. "A2": rows above and columns left of it stay put


def column_letter(index: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value))


# Style indexes in STYLES below: 0 default, 1 top, 2 top+wrap, 3 bold+top, 4 bold+top+wrap.
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5">
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def _sheet_xml(sheet: Sheet) -> str:
    width = max((len(row) for row in sheet.rows), default=1) or 1
    out = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}" xmlns:r="{REL}">']
    out.append(f'<dimension ref="A1:{column_letter(width)}{max(len(sheet.rows), 1)}"/>')
    if sheet.freeze:
        cell = re.fullmatch(r"([A-Z]+)(\d+)", sheet.freeze)
        if cell is None:
            raise ValueError(f"freeze must be a cell like B2, not {sheet.freeze!r}")
        col, row = cell.groups()
        x = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(col))) - 1
        y = int(row) - 1
        split = (f' xSplit="{x}"' if x else "") + (f' ySplit="{y}"' if y else "")
        pane = "bottomRight" if x and y else ("bottomLeft" if y else "topRight")
        out.append(f'<sheetViews><sheetView workbookViewId="0"><pane{split} topLeftCell="{sheet.freeze}" '
                   f'activePane="{pane}" state="frozen"/><selection pane="{pane}"/></sheetView></sheetViews>')
    if sheet.widths:
        out.append("<cols>" + "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                                      for i, w in enumerate(sheet.widths, 1)) + "</cols>")
    out.append("<sheetData>")
    for r, row in enumerate(sheet.rows, 1):
        cells = []
        for c, value in enumerate(row, 1):
            if value == "" and r > 1:
                continue  # an empty matrix cell: no cell at all keeps a large matrix small
            style = (3 if r == 1 else 1) + (1 if (c - 1) in sheet.wrap else 0)
            ref = f"{column_letter(c)}{r}"
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{_text(str(value))}</t></is></c>')
            else:
                cells.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append("</sheetData>")
    if len(sheet.rows) > 1:
        out.append(f'<autoFilter ref="A1:{column_letter(width)}{len(sheet.rows)}"/>')
    out.append("</worksheet>")
    return "".join(out)


def workbook(title: str, sheets: list[Sheet], stamp: datetime.datetime) -> bytes:
    names = [_SHEET_NAME_BAD.sub("_", s.title)[:31] or f"Sheet{i}" for i, s in enumerate(sheets, 1)]
    when = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(1, len(sheets) + 1))
            + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '</Types>'),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            '</Relationships>'),
        "docProps/core.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:title>{_text(title)}</dc:title><dc:creator>plansite</dc:creator><cp:lastModifiedBy>plansite</cp:lastModifiedBy>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
            + "".join(f'<sheet name="{_text(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PKG_REL}">'
            + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{REL}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": STYLES,
    }
    for i, sheet in enumerate(sheets, 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(sheet)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            info = zipfile.ZipInfo(name, date_time=stamp.timetuple()[:6])  # not the wall clock: same bytes every build
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, xml.encode("utf-8"))
    return buf.getvalue()
