"""Plain text (UTF-8 or GB18030/GBK), such as pdftotext writes: one paragraph per line, blank lines that a
page end may have put inside a sentence, numbers with stray spaces, the annex as tab-separated rows."""
from __future__ import annotations

import re

from . import clean, tables
from .errors import ImportFailure
from .intermediate import Para, Repair, Source

LINE_BREAK = re.compile(rf"(?<={clean.CJK_CHAR})[ \u00a0\u3000]+(?={clean.CJK_CHAR})")


def read(data: bytes, file: str) -> Source:
    text = clean.decode(data, file)
    return read_string(text, file)


def read_string(text: str, file: str, kind: str = "文本") -> Source:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text, found = clean.radicals(text)
    repairs: list[Repair] = []
    if found:
        repairs.append(Repair("radical", "全文", tuple(dict.fromkeys(found)), None))
    if not clean.strip(text):
        raise ImportFailure(file, "文件是空的", expected="实施方案的全文", found="空文件（或只有空白）")
    lines: list[tuple[int, str]] = []
    rows: list[tuple[str, list[str]]] = []
    for n, line in enumerate(text.split("\n"), 1):
        if "\t" in line and len(line.split("\t")) >= 3:
            rows.append((f"第 {n} 行", line.split("\t")))
            continue
        s = clean.strip(line)
        if not s:
            continue
        if clean.PAGE_NUMBER.match(s):
            repairs.append(Repair("page_number", f"第 {n} 行", (s,)))
            continue
        if clean.is_spaced_out(s):
            repairs.append(Repair("spaced_text", f"第 {n} 行", (s[:24] + "……",), clean.unspace(s)[:24] + "……"))
            s = clean.unspace(s)
        pieces = clean.INLINE_PAGE_NUMBER.split(f" {s} ")
        if len(pieces) > 1:
            repairs.append(Repair("page_number", f"第 {n} 行", tuple(m.strip() for m in clean.INLINE_PAGE_NUMBER.findall(f" {s} "))))
        lines.extend((n, clean.strip(p)) for p in pieces if clean.strip(p))
    paragraphs: list[Para] = []
    starts: list[int] = []
    for n, s in lines:
        if paragraphs and clean.continues(paragraphs[-1].text, s):
            before, after = clean.page_break_pieces(paragraphs[-1].text, s)
            repairs.append(Repair("page_break", f"第 {n} 行", (before, after), before + after, len(paragraphs) - 1))
            paragraphs[-1].text += s
            continue
        paragraphs.append(Para(s, f"第 {n} 行"))
        starts.append(n)
    for i, para in enumerate(paragraphs):
        fixed, spaces = clean.stray_spaces(para.text)
        for printed, normalised in spaces:
            repairs.append(Repair("stray_space", para.where, (printed,), normalised, i))
        para.text = fixed
        if 0 < len(LINE_BREAK.findall(para.text)) <= 3:  # a title's lines (a menu has many gaps)
            para.lines = tuple(LINE_BREAK.split(para.text))
            para.text = "".join(para.lines)
            repairs.append(Repair("line_break", para.where, para.lines, para.text, i))
    table = tables.build(rows, repairs)
    return Source(file, kind, paragraphs, table, repairs)
