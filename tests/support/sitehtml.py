"""Reading the built site as HTML: the links, resources and ids of every page and its visible text (lxml,
fast), and a page's own content as a BeautifulSoup tree that tests walk by tag, class and attribute.

The BeautifulSoup trees are built over lxml's parser (libxml2): the pages are valid HTML (test_html_valid.py),
and with it BeautifulSoup reads them in two thirds of the time. Where nothing walks a tree, lxml's own is read
instead, in a tenth of the time. The hostile-text tests keep the standard library's tokenizer, which reports
every tag as written."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlparse

import lxml.html
from bs4 import BeautifulSoup, Tag

# Elements whose attribute the browser fetches by itself; <link> only for the relations that load something.
RESOURCE_ATTRS = {"script": "src", "img": "src", "link": "href", "source": "src", "iframe": "src",
                  "video": "src", "audio": "src", "object": "data", "embed": "src"}
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[str] = field(default_factory=list)  # things the browser fetches by itself
    lang: str = ""
    title: str = ""


def article(path: Path) -> Tag:
    """The page's own content, without Material's navigation. Read once per file version (tests that
    walk every department page share the trees): treat it as read-only."""
    stat = path.stat()
    return _article(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _article(path: Path, mtime_ns: int, size: int) -> Tag:
    found = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml").find("article")
    assert found is not None, f"no <article> in {path}"
    return found


def find(tag: Tag, *args: Any, **kwargs: Any) -> Tag:
    """`tag.find(...)` (same arguments) for an element the test needs: fails here, naming it, when there is none."""
    found = tag.find(*args, **kwargs)
    assert isinstance(found, Tag), f"no element {args} {kwargs} in <{tag.name}>"
    return found


def select_one(tag: Tag, selector: str) -> Tag:
    """`tag.select_one(selector)` for an element the test needs: fails here when there is none."""
    found = tag.select_one(selector)
    assert found is not None, f"nothing matches {selector!r} in <{tag.name}>"
    return found


def attr(tag: Tag, name: str, default: str | None = None) -> str:
    """A one-valued attribute (href, id, content …): it must be there unless a default is given. (A class
    or rel is a list of words: read those with `tag.get_attribute_list`.)"""
    value = tag.get(name, default)
    assert isinstance(value, str), f"<{tag.name}> has no {name}: {value!r}"
    return value


def last_segment(href: str) -> str:
    """'../../actions/youth/' → 'youth'."""
    return [p for p in href.split("#")[0].split("/") if p and p != ".."][-1]


def parse(path: Path) -> Parsed:
    """What the link and language tests need of a page (read once per file version: several tests ask)."""
    stat = path.stat()
    return _parse(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=512)
def _parse(path: Path, mtime_ns: int, size: int) -> Parsed:
    # lxml's own tree, not BeautifulSoup's over it: the same parser, a tenth of the time (nothing here walks it).
    page = lxml.html.document_fromstring(path.read_bytes())
    out = Parsed()
    out.ids = {value for value in page.xpath("//@id") if value}
    out.ids |= {value for value in page.xpath("//a/@name") if value}
    out.links = [str(a.get("href")) for a in page.iter("a") if a.get("href") is not None]
    for el in page.iter(*RESOURCE_ATTRS):
        value = el.get(RESOURCE_ATTRS[el.tag]) or ""
        if value and (el.tag != "link" or el.get("rel") in FETCHED_LINKS):
            out.resources.append(value)
    out.lang = page.get("lang", "")
    out.title = "".join(t.text_content() for t in page.iter("title"))
    return out


_NO_COMMENTS = lxml.html.HTMLParser(remove_comments=True)


def visible_text(html: str) -> str:
    """A page's text as a reader gets it (its <title> included): every piece of text, joined by spaces, without
    scripts, styles and comments. (BeautifulSoup's get_text(" ") gives the same words, 14 times slower.)"""
    root = lxml.html.document_fromstring(html, parser=_NO_COMMENTS)
    for element in root.iter("script", "style"):
        element.text = None  # its tail, the text after it, stays
    return " ".join(root.itertext())


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def url_path(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """The file a same-site href points to (None for other hosts, mailto: …) and its fragment."""
    target = urlparse(urljoin("http://site" + url_path(site, page), href))
    if target.scheme != "http" or target.netloc != "site":
        return None, ""
    path = site / unquote(target.path).lstrip("/")
    if target.path.endswith("/") or path.is_dir():
        path = path / "index.html"
    return path, target.fragment
