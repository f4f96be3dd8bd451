"""ASCII ids for the draft: departments and titles by their pinyin (pypinyin), numbered parts by ordinal
words, never ending in “-digits” (the site makes paragraph anchors of that form)."""
from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def ordinal(n: int) -> str:
    """1 → one, 21 → twenty-one: a number as a word, for ids that must not end in digits."""
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    return f"n{n}x"


def pinyin(text: str, syllables: int = 8) -> str:
    """武隆 → wulong: the pinyin of the Chinese characters (others dropped), at most `syllables` of them."""
    hanzi = re.findall(r"[\u4e00-\u9fff]", text)[:syllables]
    return "".join(lazy_pinyin("".join(hanzi), style=Style.NORMAL)).lower().replace("ü", "v")


class Ids:
    """Unique ids in one namespace; a clash gets -b, -c … (letters: a trailing number reads as an anchor)."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, wanted: str, fallback: str) -> str:
        base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-") or fallback
        if re.search(r"-[0-9]+$", base) or base.endswith("-intro"):
            base += "-x"
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{chr(ord('a') + n - 1) if n <= 26 else ordinal(n)}"
        self.used.add(candidate)
        return candidate
