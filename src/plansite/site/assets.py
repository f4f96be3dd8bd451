"""Our own stylesheets and the inlined 长辈模式 script, shipped without their comments and indentation.

The comments explain the rules to the next developer; readers on slow rural links should not
download them (benchmarks/: they were about half of each stylesheet's gzipped size). CSS is minified
by rcssmin, a CSS minifier that keeps strings and the spaces that separate selectors.
"""
from __future__ import annotations

import hashlib
import re

import rcssmin


def minify_css(css: str) -> str:
    return rcssmin.cssmin(css) + "\n"


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
