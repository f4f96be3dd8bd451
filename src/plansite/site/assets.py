"""Our own stylesheets and the inlined 长辈模式 script, shipped without their comments and indentation.

The comments explain the rules to the next developer; readers on slow rural links should not
download them (benchmarks/: they were about half of each stylesheet's gzipped size). Only comments
and runs of white space go; strings are copied as they are, and a space is kept wherever one
separates selectors (".a .b", ".a :is(…)").
"""
from __future__ import annotations

import hashlib
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


# ── one stylesheet per page kind ───────────────────────────────────────────────────────────────────
# Every page gets exactly one stylesheet of ours: the common sheets, then the sheets its front matter
# names (`page_css: [officials]`), joined and minified at build time under a name with their hash
# (a stylesheet blocks the first paint; on a slow link each one is a round trip). The sources stay
# separate in docs/assets/ because they are easier to read apart.
COMMON_CSS = ("plansite", "a11y")  # every page, in this order (a11y overrides Material and plansite)
ON_DEMAND_CSS = ("elder",)         # fetched by the 长辈模式 switch only, never bundled
INLINED_JS = ("elder.js", "palette-first-paint.js")  # written into every page (overrides/), not shipped as files
BUNDLE_DIR = "assets/stylesheets"


class AssetError(Exception):
    pass


def css_kind(names) -> str:
    """The key of a page's stylesheet: its `page_css` names in order ('' for none)."""
    if names is None:
        return ""
    if isinstance(names, str) or not all(isinstance(n, str) for n in names):
        raise AssetError(f"page_css 应为名称列表（如 [officials]），实际：{names!r}")
    return " ".join(names)


def stylesheet_bundles(sources: dict[str, str], kinds: set[str], first: str = "") -> dict[str, tuple[str, str]]:
    """kind → (site path, minified CSS) for each page kind; `sources` maps a name to docs/assets/<name>.css.
    `first`: CSS that goes before ours in every bundle (Material's palette rules, palette_css)."""
    out = {}
    for kind in sorted(kinds):
        names = [*COMMON_CSS, *kind.split()]
        missing = [n for n in names if n not in sources or n in ON_DEMAND_CSS]
        if missing:
            raise AssetError(f"page_css: 没有可用的样式表 docs/assets/{missing[0]}.css（可用：{', '.join(sorted(set(sources) - set(ON_DEMAND_CSS) - set(COMMON_CSS)))}）")
        css = first + "".join(minify_css(sources[n]) for n in names)
        digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
        out[kind] = (f"{BUNDLE_DIR}/{'-'.join(['plansite', *kind.split()])}.{digest}.css", css)
    return out


# ── Material's palette stylesheet, cut down to our palettes ─────────────────────────────────────────
# Material's palette sheet holds the colours of every scheme, primary and accent it offers (12 kB, 2 kB
# gzipped, in its own request); a site uses one or two of each. Only the rules for the palettes in
# mkdocs.yml are kept, and they go first in our own stylesheet (where Material's sheet stood in the
# cascade: after its main sheet, before ours). Rules that name no palette are all kept.
_PALETTE_ATTRIBUTE = re.compile(r"\[data-md-color-(scheme|primary|accent)=[\"']?([\w-]+)[\"']?\]")


def palette_values(palettes) -> dict[str, set[str]]:
    """The schemes, primaries and accents mkdocs.yml's palettes use, written as Material writes them
    into the page's data-md-color-* attributes (lower case, spaces as hyphens)."""
    entries = palettes if isinstance(palettes, list) else [palettes]
    used: dict[str, set[str]] = {"scheme": set(), "primary": set(), "accent": set()}
    for entry in entries:
        for key, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo")):
            used[key].add(str((entry or {}).get(key) or default).replace(" ", "-").lower())
    return used


def palette_css(css: str, used: dict[str, set[str]], name: str) -> str:
    """`css` (Material's minified palette sheet) with only the selectors whose data-md-color-* values
    are all in `used`; a rule left with no selector, or an @media left with no rule, goes."""
    css = _JS_BLOCK_COMMENT.sub("", css)  # its source-map comment
    try:
        kept = "".join(_kept_rules(css, used))
    except ValueError as err:
        raise AssetError(f"{name}: {err}") from None
    if not kept:
        raise AssetError(f"{name}: no rule of Material's palette stylesheet is left for the palettes in mkdocs.yml")
    return kept + "\n"


def _kept_rules(css: str, used: dict[str, set[str]]):
    for prelude, body in _blocks(css):
        if prelude.startswith("@"):
            inner = "".join(_kept_rules(body, used)) if "{" in body else body
            if inner:
                yield f"{prelude}{{{inner}}}"
            continue
        selectors = [sel for sel in _split_selectors(prelude)
                     if all(value in used[kind] for kind, value in _PALETTE_ATTRIBUTE.findall(sel))]
        if selectors:
            yield f"{','.join(selectors)}{{{body}}}"


def _blocks(css: str):
    """(prelude, body) of each top-level block of minified CSS; braces inside strings do not count."""
    depth, start, open_at, i = 0, 0, 0, 0
    while i < len(css):
        ch = css[i]
        if ch in "\"'":
            end = css.find(ch, i + 1)
            if end < 0:
                raise ValueError("a string is not closed")
            i = end
        elif ch == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise ValueError("a '}' closes nothing")
            if depth == 0:
                yield css[start:open_at].strip(), css[open_at + 1:i]
                start = i + 1
        i += 1
    if depth or css[start:].strip():
        raise ValueError("a block is not closed")


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(…) or :not(…))."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(prelude):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    return [*parts, prelude[start:]]


# ── the 长辈模式 script, inlined into <head> ──────────────────────────────────────────────────────
_JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_JS_LINE_COMMENT = re.compile(r"^\s*//[^\n]*\n", re.M)


def inline_script(js: str, name: str) -> str:
    """A small script of ours, made fit to sit inside <script>…</script>: comments and indentation go.
    Only for our own scripts, which put no comment markers inside strings."""
    if "</" in js or "<!--" in js:
        raise AssetError(f"{name}: a script inlined into the page may not contain '</' or '<!--'")
    js = _JS_LINE_COMMENT.sub("", _JS_BLOCK_COMMENT.sub("", js))
    return "\n".join(line.strip() for line in js.splitlines() if line.strip())
