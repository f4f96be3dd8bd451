"""Material's palette stylesheet (assets/stylesheets/palette.*.min.css), cut down to our palettes.

It holds the colours of every scheme, primary and accent Material offers (12 kB, 2 kB gzipped, in a
request of its own before the first paint); a site uses one or two of each. Only the rules for the
palettes in mkdocs.yml are kept, and they go first in our own stylesheet (where Material's sheet stood in
the cascade: after its main sheet, before ours); overrides/main.html drops the sheet's link and the build
checks that it is gone (site/build.py check_styles). Rules that name no palette are all kept. The sheet is
read with tinycss2, a CSS parser, so strings, :is(…) lists and @media blocks are taken as CSS means them.
"""
from __future__ import annotations

import re

import tinycss2

from plansite.site.material.patch import MaterialChanged

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
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept = "".join(_kept(rules, used, name))
    if not kept:
        raise MaterialChanged(f"{name}: no rule of Material's palette stylesheet is left for the palettes in mkdocs.yml")
    return kept + "\n"


def _kept(rules, used: dict[str, set[str]], name: str):
    for rule in rules:
        if rule.type == "error":
            raise MaterialChanged(f"{name}: {rule.message}")
        if rule.type == "at-rule":
            if rule.content is None:  # @charset and the like
                yield tinycss2.serialize([rule])
                continue
            inner = "".join(_kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                  used, name))
            if inner:
                yield f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{inner}}}"
        elif rule.type == "qualified-rule":
            selectors = [s for s in _selectors(rule.prelude)
                         if all(value in used[kind] for kind, value in _PALETTE_ATTRIBUTE.findall(s))]
            if selectors:
                yield f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}"


def _selectors(prelude) -> list[str]:
    """A selector list split at its top-level commas (a comma inside :is(…) is inside a function token)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return [tinycss2.serialize(p).strip() for p in parts]
