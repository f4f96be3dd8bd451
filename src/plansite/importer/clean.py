"""Repairs the readers share: decoding, stray spaces, page numbers, and the test for a paragraph that a
page end cut in two. Each returns what it changed, so the reader can report it."""
from __future__ import annotations

import codecs
import re

from plansite.importer.errors import ImportFailure

CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef\u2014\u2015\u201c\u201d\u2018\u2019\u00b7\u2026"
CJK_CHAR = f"[{CJK}]"
CHAPTER = re.compile(r"^[一二三四五六七八九十]+、")
SECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
ITEM = re.compile(r"^\d+[.．、]\s*(?=\D)")
DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
ZH_DATE = re.compile(r"^([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
DISCLOSURE = re.compile(r"^[（(]\s*(此件[^）)]*?)\s*[）)]$")
# A page number on a line of its own: — 3 —, - 3 -, －3－, 第3页, 第 3 页 共 12 页, 3/12
PAGE_NUMBER = re.compile(r"^\s*(?:[—–\-－―]+\s*\d{1,3}\s*[—–\-－―]+|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?"
                         r"|\d{1,3}\s*/\s*\d{1,3})\s*$")
INLINE_PAGE_NUMBER = re.compile(r"\s[—－―]\s?\d{1,3}\s?[—－―]\s")
TERMINAL = "。！？；：!?;:"
CLOSERS = "”’）)』」》"
SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or what charset-normalizer finds (GB18030/GBK …)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ImportFailure(file, "无法识别文件的文字编码", expected="UTF-8 或 GB18030/GBK 编码的中文文本",
                            found="无法解读的字节", hint="用记事本或 WPS 打开后另存为 UTF-8 编码的文本，再导入")
    encoding = best.encoding.lower()
    if encoding in ("gb2312", "gbk", "hz", "cp936"):
        encoding = "gb18030"  # the superset: every GBK file reads the same, and a few more characters
    text = data.decode(encoding, errors="replace")
    if not re.search(r"[\u4e00-\u9fff]", text):
        raise ImportFailure(file, "文件里没有中文", expected="中文的实施方案", found=f"按 {best.encoding} 解读后没有一个汉字")
    return text


# PDF fonts often map a character's glyph to the radical that looks the same (⼯ U+2F2F for 工, ⻘ U+2ED8
# for 青); text extracted from them carries those code points. Kangxi radicals have compatibility
# decompositions (NFKC); the supplement's simplified forms do not, so they are listed.
RADICAL_SUPPLEMENT = {
    "\u2e81": "厂", "\u2e8a": "卜", "\u2e9f": "母", "\u2ea0": "民", "\u2ec1": "虎", "\u2ec4": "西", "\u2ec5": "见",
    "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2ecb": "车", "\u2ed3": "长", "\u2ed4": "门", "\u2ed7": "雨",
    "\u2ed8": "青", "\u2eda": "页", "\u2edb": "风", "\u2edc": "飞", "\u2edd": "食", "\u2ee2": "马", "\u2ee3": "骨",
    "\u2ee4": "鬼", "\u2ee5": "鱼", "\u2ee6": "鸟", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eec": "齐", "\u2eee": "齿",
    "\u2ef0": "龙", "\u2ef3": "龟",
}
RADICAL = re.compile("[\u2f00-\u2fd5" + "".join(RADICAL_SUPPLEMENT) + "]")


def radicals(text: str) -> tuple[str, list[str]]:
    """Radicals that stand for ordinary characters replaced by them; and which ones were found."""
    import unicodedata

    found = RADICAL.findall(text)
    if not found:
        return text, []
    return RADICAL.sub(lambda m: RADICAL_SUPPLEMENT.get(m.group()) or unicodedata.normalize("NFKC", m.group()), text), found


def strip(text: str) -> str:
    return text.strip(SPACES + "\r\n")


STRAY = re.compile(rf"(?<={CJK_CHAR})[ \u00a0]+(?=[0-9])|(?<=[0-9%])[ \u00a0]+(?={CJK_CHAR})")


def stray_spaces(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Spaces an extraction put around numbers in Chinese text (到 2025 年 → 到2025年): the repaired text and,
    for each spaced number, (printed, normalised) with two characters of context on either side."""
    if not STRAY.search(text):
        return text, []
    found = []
    for m in re.finditer(rf"(?:{CJK_CHAR}{{0,2}})[ \u00a0]+[0-9][0-9.%]*(?:[ \u00a0]+{CJK_CHAR}{{0,2}}|{CJK_CHAR}{{0,2}})"
                         rf"|{CJK_CHAR}{{0,2}}[0-9][0-9.%]*[ \u00a0]+{CJK_CHAR}{{1,2}}", text):
        printed = m.group()
        if STRAY.search(printed):
            found.append((printed, STRAY.sub("", printed)))
    return STRAY.sub("", text), found


def unspace(text: str) -> str:
    """Text whose every character was spaced out by the extraction (国发 〔 2021〕9 号): spaces next to a
    Chinese character or full-width mark removed, spaces between two Latin words kept."""
    return re.sub(rf"(?<={CJK_CHAR})\s+|\s+(?={CJK_CHAR})|(?<=[0-9])\s+(?=[年月日号%])", "", text)


def is_spaced_out(text: str) -> bool:
    """True for text in which a space follows a good share of Chinese characters (a PDF's text layer
    written out character by character), not for ordinary text with a few spaces around numbers."""
    chars = len(re.findall(r"[\u4e00-\u9fff]", text))
    gaps = len(re.findall(r"[\u4e00-\u9fff，、。：]\s+[\u4e00-\u9fff，、。：]", text))
    return chars >= 20 and gaps >= max(8, chars // 12)


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    while text and text[-1] in CLOSERS and len(text) > 1 and text[-2] in TERMINAL + CLOSERS:
        text = text[:-1]
    return bool(text) and text[-1] in TERMINAL


def looks_like_heading(text: str) -> bool:
    return bool((CHAPTER.match(text) or SECTION.match(text)) and len(text) < 40)


def is_front_line(text: str) -> bool:
    """A line of the notice's head or a title, which a page end never splits in these documents."""
    return bool(text.endswith(("的通知", "文件", "号", "年）", "年)", "附件")) or DATE.match(text) or ZH_DATE.match(text)
                or DISCLOSURE.match(text) or text.startswith(("附件：", "附件:")))


def continues(before: str, after: str) -> bool:
    """Whether `after` is the rest of `before`, cut by a page end: `before` is Chinese prose (no spaces
    between words, as a website's menu has) that stops mid-sentence, and neither is a heading, a title or a
    line of the notice's head."""
    if len(before) < 20 or ends_sentence(before) or looks_like_heading(before) or is_front_line(before):
        return False
    if " " in STRAY.sub("", ITEM.sub("", before)).strip() or not re.match(rf"{CJK_CHAR}|[0-9]", after):
        return False
    if not re.search(rf"{CJK_CHAR}$", before):
        return False
    if CHAPTER.match(after) or SECTION.match(after) or ITEM.match(after) or is_front_line(after):
        return False
    return True


def page_break_pieces(before: str, after: str) -> tuple[str, str]:
    """How notes show a join: twelve characters either side of the cut."""
    return before[-12:], after[:12]
