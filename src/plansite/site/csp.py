"""The Content Security Policy of each page: defence in depth behind the escaping.

Served as `<meta http-equiv="Content-Security-Policy">` (GitHub Pages and most portals let us set no
headers). Everything comes from the site's own origin ('self'); inline scripts run only if their exact
text was in the page when it was built: each one's SHA-256 is listed, so a script injected into the
page later (or smuggled in through the data) does not run. There is no 'unsafe-inline' at all:

- scripts: Material's small inline scripts (__md_scope, the palette, tabbed anchors) and our 长辈模式
  script, by hash; Material's `<script id="__config" type="application/json">` is data, never run;
- styles: our one stylesheet, Material's, and the officials' print setup (<style data-pl-sheet>), by
  hash. Material changes styles only through the CSSOM (`el.style.setProperty`), which a policy does
  not restrict, and no page has a style="…" attribute, so none is allowed;
- images: 'self' and data: — Material's icons are SVG data: URLs inside its stylesheet (no request);
- the search worker and its lunr scripts: 'self' (worker-src falls back to script-src).

A meta policy cannot carry frame-ancestors or reporting; those need HTTP headers.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

import lxml.html

_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_HEAD = '<meta charset="utf-8">'


class CspError(Exception):
    pass


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass(frozen=True)
class _Inline:
    scripts: list[str]  # inline scripts the browser would run: not src=, not a data block such as JSON
    styles: list[str]


def _inline(page: str) -> _Inline:
    """The text of every <script> and <style> element, as the browser takes it. Read with lxml's HTML parser
    (libxml2), which knows their bodies are raw text: a '<' or '-->' inside a script, an attribute in single
    quotes or none, a comment that looks like a tag all count as the browser counts them (a regex would not).
    Python's own html.parser gives the same texts at a tenth of the speed (a second per build)."""
    doc = lxml.html.document_fromstring(page)
    scripts = [e.text or "" for e in doc.iter("script")
               if e.get("src") is None and (e.get("type") or "").strip().lower() in _JS_TYPES]
    return _Inline(scripts=scripts, styles=[e.text or "" for e in doc.iter("style")])


def inline_scripts(page: str) -> list[str]:
    """The text of every inline script the browser would run (not src=, not a data block such as JSON)."""
    return _inline(page).scripts


def policy(page: str, content: str = "") -> str:
    """The policy for `page`. Scripts inside `content` (the article, made from data) are never allowed:
    there should be none, and one that got there is exactly what the policy is for."""
    scripts = sorted({_sha256(s) for s in inline_scripts(page.replace(content, "") if content else page)})
    styles = sorted({_sha256(body) for body in _inline(page).styles})
    return "; ".join([
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def with_policy(page: str, where: str, content: str = "") -> str:
    """The page with its policy as the first thing after <meta charset> (a policy covers what follows it)."""
    if 'http-equiv="Content-Security-Policy"' in page:
        raise CspError(f"{where}: the page already has a Content-Security-Policy")
    if page.count(_HEAD) != 1:
        raise CspError(f'{where}: expected one <meta charset="utf-8"> to put the Content-Security-Policy after')
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page, content)}">'
    return page.replace(_HEAD, _HEAD + "\n    " + meta, 1)
