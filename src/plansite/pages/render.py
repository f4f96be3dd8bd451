"""Page contexts → Markdown, through Jinja2 templates.

Escaping happens here, once: autoescape makes every value literal HTML text, and the `md` filter
also neutralises Markdown syntax where a value sits in Markdown (headings, titles). Templates put
body text in HTML blocks, which Python-Markdown leaves alone, so data can never become markup.
"""
from __future__ import annotations

import html
from pathlib import Path

import jinja2
from markupsafe import Markup

from plansite.pages import templatecache
from plansite.pages.builder import Page

TEMPLATES = Path(__file__).parent / "templates"
MARKDOWN_SPECIALS = set("\\`*_{}[]()>#+-.!|<~=^:&\"'")


def md_escape(text: str) -> Markup:
    """Text that Python-Markdown will show literally inside a Markdown line (e.g. a heading)."""
    out = []
    for ch in text:
        if ch in MARKDOWN_SPECIALS:
            out.append(f"&#{ord(ch)};")  # numeric entities survive Markdown untouched
        elif ch in "\n\r\t" or ch == " ":
            out.append(" ")
        elif ch.isspace():  # e.g. an ideographic space: Markdown would strip it from a heading's ends
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return Markup("".join(out).strip(" "))


def css_string(text: str) -> Markup:
    """A quoted CSS string in which every character is a hex escape, so data can never end the
    string or the rule (used for the running header of printed pages)."""
    return Markup('"' + "".join(f"\\{ord(ch):x} " for ch in str(text)) + '"')


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=templatecache.for_project(),  # compiled when changed, not on every build
    )
    env.filters["md"] = md_escape
    env.filters["attr"] = lambda s: html.escape(str(s), quote=True)
    env.filters["css_string"] = css_string
    return env


class Renderer:
    def __init__(self) -> None:
        self.env = environment()

    def render(self, page: Page) -> str:
        return self.env.get_template(page.template).render(c=page.context, page_src=page.src)
