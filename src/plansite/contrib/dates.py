"""Dates as people type them into a form, read without guessing.

Taken: 2023年5月17日 · 2023年5月 · 2023年 · 2023-05-17 · 2023-5-17 · 2023/5/17 · 2023.5.17 · 2023-05 · 2023,
with full-width digits and separators (２０２３年５月１７日, ２０２３－０５－１７): they are the same characters
typed with a Chinese input method, so they are read as the ASCII ones (NFKC). Refused, with what to write
instead: a year of two digits (23年5月), a date without its year (5月17日), day or month first (17/5/2023),
a range (5月17日至18日), words (去年, 二〇二三年), a day that does not exist (2023年2月30日).
"""
from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from plansite.model import When

EXAMPLES = "2023年5月17日、2023年5月、2023年，或 2023-05-17"
CHINESE = re.compile(r"(?P<y>\d{4})年(?:(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?)?")
SEPARATED = re.compile(r"(?P<y>\d{4})(?:(?P<s>[-/.])(?P<m>\d{1,2})(?:(?P=s)(?P<d>\d{1,2}))?)?")
CHINESE_NUMERALS = set("〇零一二三四五六七八九十")


@dataclass(frozen=True)
class DateProblem(Exception):
    message: str
    hint: str = ""


def parse(text: str) -> When:
    """The date `text` names, or DateProblem saying why it is not read."""
    typed = unicodedata.normalize("NFKC", text).strip()
    compact = re.sub(r"\s+", "", typed)
    if not compact:
        raise DateProblem("没有填写日期")
    found = CHINESE.fullmatch(compact) or SEPARATED.fullmatch(compact)
    if found is not None:
        year, month, day = (int(x) if x else None for x in (found.group("y"), found.group("m"), found.group("d")))
        assert year is not None
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            raise DateProblem("没有这一天（或这个月）", f"核对来源上的日期：{year}年{month}月{day or ''}{'日' if day else ''}不存在") from None
        if not 1949 <= year <= 2100:
            raise DateProblem("年份不对", "写四位数的年份，例如 2023")
        return When(year, month, day)
    raise DateProblem("看不懂这个日期", _hint(compact))


def _hint(compact: str) -> str:
    if any(ch in CHINESE_NUMERALS for ch in compact):
        return f"年、月、日请用阿拉伯数字写，例如 {EXAMPLES}"
    if re.search(r"[至到~～—–]|-\d{1,2}日", compact) or compact.count("日") > 1:
        return "只写一天（活动持续几天时，写开始的那一天）；例如 2023年5月17日"
    if re.fullmatch(r"\d{1,2}月(\d{1,2}日)?", compact):
        return f"要写年份，例如 2023年{compact}"
    if re.fullmatch(r"\d{2}年.*", compact):
        return f"年份要写四位数，例如 20{compact}"
    if re.fullmatch(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{4}", compact):
        return f"年份写在最前面：年-月-日，例如 2023-05-17（“{compact}”看不出哪个是月、哪个是日）"
    return f"写成 {EXAMPLES}"
