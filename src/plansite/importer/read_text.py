"""Plain text (UTF-8 or GB18030/GBK), such as pdftotext writes: one paragraph per line, blank lines that a
page end may have put inside a sentence, numbers with stray spaces, the annex as tab-separated rows."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from plansite.importer import clean, tables
from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Para, Repair, Source


def width(text: str) -> int:
    """Columns: a Chinese character or full-width mark takes two (so do “”·—…, of ambiguous width, which
    Chinese text prints full-width)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def wrap_width(lines: list[tuple[int, str, bool]], total: int) -> int | None:
    """The width (in columns) at which the text's lines were broken, for text written out line by line as
    printed (pdftotext without -layout); None for text with one paragraph per line."""
    widths = [width(s) for _, s, _ in lines if width(s) >= 30]
    if len(widths) < 10 or len(lines) < 0.6 * total:  # blank lines between paragraphs: not wrapped
        return None
    mode = Counter(widths).most_common(1)[0][0]
    near = sum(1 for w in widths if mode - 6 <= w <= mode + 2)
    return mode if near >= 0.5 * len(widths) and max(widths) <= mode + 8 else None


def drop_running_headers(lines: list[tuple[int, str, bool]], repairs: list[Repair]) -> list[tuple[int, str, bool]]:
    """A line printed at the top or the foot of three pages or more (pdftotext marks pages with \\f)."""
    def key(text: str) -> str:
        return re.sub(r"\d+", "#", text)

    edges = [i for i, (_, _, first) in enumerate(lines) if first]
    edges += [i - 1 for i in edges if i > 0]
    counts = Counter(key(lines[i][1]) for i in set(edges))
    repeated = {k for k, n in counts.items() if n >= 3}
    if not repeated:
        return lines
    out = []
    for i, (n, text, first) in enumerate(lines):
        if i in edges and key(text) in repeated:
            repairs.append(Repair("running_header", f"第 {n} 行", (text,)))
            if first and i + 1 < len(lines):  # the page starts with the line after it
                lines[i + 1] = (lines[i + 1][0], lines[i + 1][1], True)
            continue
        out.append((n, text, first))
    return out


def heads_paragraph(before: str, text: str) -> bool:
    """After a line that ends a sentence, a line opening with a short phrase that ends in 。 (no comma):
    the title of the next measure, not the rest of this paragraph."""
    if not clean.ends_sentence(before):
        return False
    at = text.find("。")
    return 0 < at <= 30 and not re.search(r"[，,；;：:]", text[:at])


def starts_paragraph(text: str) -> bool:
    return bool(clean.CHAPTER.match(text) or clean.SECTION.match(text) or clean.ITEM.match(text)
                or clean.is_front_line(text) or re.match(r"^附\s*件", text))


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
    lines: list[tuple[int, str, bool]] = []  # (line number, text, first on its page)
    rows: list[tuple[str, list[str]]] = []
    new_page = False
    for n, line in enumerate(text.split("\n"), 1):
        if "\f" in line:  # pdftotext's page break
            new_page = True
            line = line.replace("\f", "")
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
        for piece in (clean.strip(p) for p in pieces):
            if piece:
                lines.append((n, piece, new_page))
                new_page = False
    lines = drop_running_headers(lines, repairs)
    full = wrap_width(lines, text.count("\n") + 1)
    paragraphs: list[Para] = []
    last = ""  # the last line added to the paragraph being built
    for n, s, page_start in lines:
        if paragraphs and full is not None:  # lines broken at the page's width: a full line goes on
            # a paragraph's first line is indented by two characters the text does not show
            slack = 10 if len(paragraphs[-1].text) == len(last) else 6
            goes_on = (width(last) >= full - slack and not starts_paragraph(s) and not heads_paragraph(last, s)) \
                or (page_start and clean.continues(paragraphs[-1].text, s))
        else:
            goes_on = bool(paragraphs) and clean.continues(paragraphs[-1].text, s)
        if goes_on:
            if full is None or page_start:
                before, after = clean.page_break_pieces(paragraphs[-1].text, s)
                repairs.append(Repair("page_break", f"第 {n} 行", (before, after), before + after, len(paragraphs) - 1))
            paragraphs[-1].text += s
        else:
            paragraphs.append(Para(s, f"第 {n} 行"))
        last = s
    if full is not None:
        repairs.append(Repair("line_break", "全文", (f"每行约 {full // 2} 字",), "按段落接回"))
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
