"""A web page saved from a government site (.html), read with BeautifulSoup.

The article is the element that holds the document's paragraphs (the deepest one with nearly all of
the page's paragraph text); navigation, breadcrumbs, the 索引号 table, share buttons, footers, ICP and
公网安备 lines, scripts and styles around it are dropped. Paragraphs lose their full-width indentation;
a <br> ends a line (a title printed over lines, or a paragraph the page's editor broke mid-sentence, which
is joined again); the annex is the <table> whose header names 牵头, its rowspan/colspan cells resolved.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from plansite.importer import clean, tables
from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Para, Repair, Source

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "blockquote", "center", "pre", "dd", "dt"}
DROP = ["script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "form", "button", "select",
        "input", "textarea", "svg", "img", "object", "embed", "link", "meta"]
CHROME = re.compile(r"^(?:当前位置|您当前的位置|您的位置|首页\s*[>＞»]|分享到|【?打印本页|【?关闭窗口|扫一扫|字号[：:]|【\s*大\s*中\s*小|"
                    r"索引号|发布机构|发布日期|发布时间|成文日期|主题分类|主办单位|承办单位|网站标识码|技术支持|联系电话|"
                    r"地址[：:]|相关链接|浏览次数|来源[：:]|责任编辑|上一篇|下一篇)|ICP备|公网安备|版权所有|Copyright", re.I)
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "strong", "b"}


def read(data: bytes, file: str) -> Source:
    text = clean.decode(data, file)
    try:
        soup = BeautifulSoup(text, "html.parser")
    except Exception as err:  # html.parser copes with almost anything; say so if not
        raise ImportFailure(file, "网页无法解析", found=f"{type(err).__name__}: {err}") from None
    for tag in soup(DROP):
        tag.decompose()
    repairs: list[Repair] = []
    annex_tables = []
    for element in soup.find_all("table"):  # anywhere on the page: some sites put the annex after the article
        grid = table_grid(element)  # (a layout table around it has no header row of short cells)
        if grid and any(tables.is_header(row) for row in grid[:3]):
            annex_tables.append(grid)
            element.replace_with(soup.new_string(""))
    article = find_article(soup)
    if article is None:
        raise ImportFailure(file, "网页里没有正文", expected="含有实施方案全文的网页（“另存为”完整网页或仅 HTML）",
                            found="没有找到成段的文字", hint="在浏览器里打开原文页，另存为“网页，仅 HTML”后再导入")
    lines: list[tuple[str, bool]] = []
    collect(article, lines)
    paragraphs: list[Para] = []
    chrome: list[str] = []
    if article is not (soup.body or soup):  # what the page printed around the article: menus, 索引号, footer
        inside = {text for text, _ in lines}
        around: list[tuple[str, bool]] = []
        collect(soup.body or soup, around)
        chrome += [clean.strip(t.replace("\n", " ")) for t, _ in around if t not in inside]
    for n, (line, heading) in enumerate(lines, 1):
        if CHROME.search(line) and len(line) < 80:
            chrome.append(line)
            continue
        pieces = [clean.strip(p) for p in line.split("\n")]
        pieces = [p for p in pieces if p]
        if not pieces:
            continue
        # <br> inside a paragraph: a title's lines stay separate paragraphs (the structurer joins a title's
        # lines); a sentence the page broke mid-way is joined again
        current = Para(pieces[0], f"第 {n} 段", heading)
        for piece in pieces[1:]:
            if clean.continues(current.text, piece):
                current.lines = (current.lines or (current.text,)) + (piece,)
                repairs.append(Repair("line_break", current.where, (current.text[-12:], piece[:12]),
                                      current.text[-12:] + piece[:12], len(paragraphs)))
                current.text += piece
            else:
                paragraphs.append(current)
                current = Para(piece, f"第 {n} 段", heading)
        paragraphs.append(current)
    if chrome:
        repairs.append(Repair("chrome", "网页正文以外", tuple(c[:40] for c in chrome if c)))
    for i, para in enumerate(paragraphs):
        fixed, spaces = clean.stray_spaces(para.text)
        for printed, normalised in spaces:
            repairs.append(Repair("stray_space", para.where, (printed,), normalised, i))
        para.text = fixed
    rows = [(f"表格第 {k + 1} 行", row) for grid in annex_tables for k, row in enumerate(grid)]
    table = tables.build(rows, repairs) if rows else None
    remarks: list[str] = []
    if table is None and any(re.match(r"^附\s*件", p.text) for p in paragraphs):
        remarks.append("网页上没有附件表格（附件多半作为单独的文件发布）：草稿没有 annex；"
                       "可从原文页下载附件（Word、PDF 或表格）另行导入，或照附件手工补录 departments 和 annex。")
    return Source(file, "网页", paragraphs, table, repairs, remarks)


def paragraph_text(tag: Tag) -> int:
    return sum(len(p.get_text(strip=True)) for p in tag.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li"]))


def find_article(soup: BeautifulSoup) -> Tag | None:
    """The deepest element holding nearly all (95%) of the page's paragraph text; the body if none."""
    body = soup.body or soup
    total = paragraph_text(body)
    if total == 0:
        return body if body.get_text(strip=True) else None
    best: Tag = body
    for tag in body.find_all(["div", "article", "section", "main", "td"]):
        if paragraph_text(tag) >= 0.95 * total:
            best = tag  # find_all goes depth-first: a later match inside `best` is deeper
    return best


class Lines:
    """Text gathered block by block: each block's text (<br> kept as a line break) and whether every bit
    of it was bold or in a heading tag."""

    def __init__(self) -> None:
        self.out: list[tuple[str, bool]] = []
        self.buffer: list[str] = []
        self.bold: list[bool] = []

    def add(self, text: str, bold: bool) -> None:
        self.buffer.append(text)
        if text.strip():
            self.bold.append(bold)

    def flush(self) -> None:
        text = "".join(self.buffer)
        if clean.strip(text.replace("\n", "")):
            self.out.append((text, bool(self.bold) and all(self.bold)))
        self.buffer.clear()
        self.bold.clear()


def collect(node: Tag, out: list[tuple[str, bool]]) -> None:
    lines = Lines()
    walk(node, False, lines)
    lines.flush()
    out.extend(lines.out)


def walk(node: Tag, bold: bool, lines: Lines) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:  # not a comment, CDATA or doctype
                text = re.sub(r"[\r\n\t]+", "", str(child))
                if text:
                    lines.add(text, bold)
        elif isinstance(child, Tag):
            if child.name == "br":
                lines.add("\n", bold)
            elif child.name == "table":
                lines.flush()
                for row in table_grid(child):  # a layout table inside the article: its cells are paragraphs
                    for cell in row:
                        if clean.strip(cell):
                            lines.out.append((cell, False))
            elif child.name in BLOCKS:
                lines.flush()
                walk(child, bold or child.name in HEADING_TAGS, lines)
                lines.flush()
            else:
                walk(child, bold or child.name in HEADING_TAGS, lines)


def span(cell: Tag, attribute: str) -> int:
    value = str(cell.get(attribute) or "1").strip()
    return max(1, min(int(value), 200)) if value.isdigit() else 1


def table_grid(table: Tag) -> list[list[str]]:
    """The table as rows of cell texts, a cell spanning rows or columns copied into each place it covers."""
    grid: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) → text of a cell spanning into it
    for r, tr in enumerate(table.find_all("tr")):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        col = 0
        cells = tr.find_all(["td", "th"], recursive=False)
        for cell in cells:
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            text = clean.strip(cell.get_text("\n"))
            text = "\n".join(clean.strip(t) for t in text.split("\n") if clean.strip(t))
            rowspan, colspan = span(cell, "rowspan"), span(cell, "colspan")
            for c in range(colspan):
                row.append(text)
                for k in range(1, rowspan):
                    pending[(r + k, col + c)] = text
            col += colspan
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return grid
