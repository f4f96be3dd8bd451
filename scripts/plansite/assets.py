"""Our own stylesheets, shipped without their comments and indentation.

The comments explain the rules to the next developer; readers on slow rural links should not
download them (benchmarks/: they were about half of each stylesheet's gzipped size). Only comments
and runs of white space go; strings are copied as they are, and a space is kept wherever one
separates selectors (".a .b", ".a :is(…)").
"""
from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_AROUND_PUNCTUATION = re.compile(r"\s*([{};])\s*")


def minify_css(css: str) -> str:
    pieces: list[str] = []  # alternating code (to squeeze) and strings (kept verbatim)
    code, i = [], 0
    while i < len(css):
        ch = css[i]
        if css.startswith("/*", i):
            end = css.find("*/", i + 2)
            i = len(css) if end < 0 else end + 2
            code.append(" ")
        elif ch in "\"'":
            end = i + 1
            while end < len(css) and css[end] != ch:
                end += 2 if css[end] == "\\" else 1
            pieces += [_squeeze("".join(code)), css[i:end + 1]]
            code, i = [], end + 1
        else:
            code.append(ch)
            i += 1
    pieces.append(_squeeze("".join(code)))
    return "".join(pieces).strip().replace(";}", "}") + "\n"


def _squeeze(code: str) -> str:
    return _AROUND_PUNCTUATION.sub(r"\1", _SPACE.sub(" ", code))
