"""Which reader a file needs, told by its first bytes (the name's suffix only breaks ties), and the one
place where a reader's own failures become a Chinese ImportFailure."""
from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from plansite.importer.errors import ImportFailure
from plansite.importer.intermediate import Source


def sniff(data: bytes, name: str) -> str:
    head = data[:2048].lstrip()
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            names = []
        if "word/document.xml" in names:
            return "docx"
        return "baddocx" if suffix == ".docx" else "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if suffix == ".pdf":
        return "badpdf"
    if suffix == ".docx":
        return "baddocx"
    lowered = head[:2048].lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or lowered.startswith((b"<!doctype html", b"<html")) \
            or b"<html" in lowered or b"<body" in lowered:
        return "html"
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def read(data: bytes, name: str) -> Source:
    kind = sniff(data, name)
    if not data.strip():
        raise ImportFailure(name, "文件是空的", expected="实施方案的全文", found="0 字节" if not data else "只有空白")
    if kind == "text":
        from plansite.importer import read_text

        return read_text.read(data, name)
    if kind == "html":
        from plansite.importer import read_html

        return read_html.read(data, name)
    if kind == "docx":
        from plansite.importer import read_docx

        return read_docx.read(data, name)
    if kind == "pdf":
        from plansite.importer import read_pdf

        return read_pdf.read(data, name)
    if kind == "doc":
        raise ImportFailure(name, "不支持旧版 Word（.doc）或 WPS 格式", expected="文本（.txt）、网页（.html）、Word（.docx）或 PDF",
                            found="旧版 Word / WPS 文件", hint="用 Word 或 WPS 打开后“另存为”.docx 再导入")
    if kind in ("badpdf", "baddocx"):
        what = "PDF" if kind == "badpdf" else "Word（.docx）"
        raise ImportFailure(name, f"文件名是 {what}，内容却不是", expected=f"完整的 {what} 文件",
                            found="文件开头不是该格式的标志（文件损坏，或只下载了一部分）", hint="从政府网站重新下载原件")
    raise ImportFailure(name, "不支持的文件格式", expected="文本（.txt）、网页（.html）、Word（.docx）或 PDF",
                        found={"zip": "压缩包（不是 Word 文件）", "binary": "二进制文件"}.get(kind, kind),
                        hint="压缩包请先解压，再导入其中的正文文件")
