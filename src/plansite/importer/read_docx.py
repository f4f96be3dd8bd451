"""Word (.docx), read with python-docx: paragraphs and tables in the order of the document's body, a
line break inside a paragraph (a title printed over lines) kept as a line, bold or heading-styled
paragraphs marked as headings, the annex a real table whose merged cells python-docx resolves (a cell
merged down a column is the same cell in each row it covers)."""
from __future__ import annotations

import io

from docx import Document
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from plansite.importer import clean, tables
from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Para, Repair, Source


def read(data: bytes, file: str) -> Source:
    try:
        doc = Document(io.BytesIO(data))
    except Exception as err:  # a damaged package, a .docx that is really something else
        raise ImportFailure(file, "Word 文件无法打开（可能已损坏或已加密）", expected="能用 Word 或 WPS 正常打开的 .docx 文件",
                            found=f"{type(err).__name__}: {str(err)[:160]}",
                            hint="用 Word 或 WPS 打开后“另存为”.docx，或改用同一文件的 PDF 版") from None
    paragraphs: list[Para] = []
    repairs: list[Repair] = []
    rows: list[tuple[str, list[str]]] = []
    body = doc.element.body
    n = 0
    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            n += 1
            p = Paragraph(element, doc)
            text = p.text
            if not clean.strip(text.replace("\n", "")):
                continue
            heading = p.style is not None and p.style.name.lower().startswith(("heading", "title", "标题"))
            runs = [r for r in p.runs if clean.strip(r.text)]
            heading = heading or bool(runs) and all(r.bold for r in runs)
            pieces = [clean.strip(t) for t in text.replace("\t", " ").split("\n") if clean.strip(t)]
            current = Para(pieces[0], f"第 {n} 段", heading)
            for piece in pieces[1:]:
                if clean.continues(current.text, piece):
                    repairs.append(Repair("line_break", current.where, (current.text[-12:], piece[:12]),
                                          current.text[-12:] + piece[:12], len(paragraphs)))
                    current.text += piece
                else:
                    paragraphs.append(current)
                    current = Para(piece, f"第 {n} 段", heading)
            paragraphs.append(current)
        elif tag == "tbl":
            table = DocxTable(element, doc)
            grid = [[cell.text for cell in row.cells] for row in table.rows]
            if any(tables.is_header([clean.strip(c) for c in row]) for row in grid[:3]):
                rows += [(f"表格第 {k + 1} 行", row) for k, row in enumerate(grid)]
            else:  # a layout table: its cells are paragraphs
                for row in grid:
                    for cell in dict.fromkeys(row):
                        for piece in cell.split("\n"):
                            if clean.strip(piece):
                                paragraphs.append(Para(clean.strip(piece), "表格"))
    if not paragraphs:
        raise ImportFailure(file, "Word 文件里没有文字", expected="实施方案的全文", found="空文档（或只有图片）",
                            hint="扫描件请先做文字识别（OCR），或找原件的文字版")
    for i, para in enumerate(paragraphs):
        fixed, spaces = clean.stray_spaces(para.text)
        for printed, normalised in spaces:
            repairs.append(Repair("stray_space", para.where, (printed,), normalised, i))
        para.text = fixed
    return Source(file, "Word", paragraphs, tables.build(rows, repairs) if rows else None, repairs)
