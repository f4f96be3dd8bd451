"""Reading the built site as HTML: pages, the links and resources each page refers to."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

RESOURCE_ATTRS = {("script", "src"), ("img", "src"), ("link", "href"), ("source", "src"), ("iframe", "src"),
                  ("video", "src"), ("audio", "src"), ("object", "data"), ("embed", "src")}


@dataclass
class Parsed:
    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)  # <a href>
    resources: list[str] = field(default_factory=list)  # things the browser fetches by itself
    lang: str = ""
    title: str = ""


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Parsed()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.out.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.out.ids.add(a["name"])
        if tag == "html":
            self.out.lang = a.get("lang", "")
        if tag == "title":
            self._in_title = True
        if tag == "a" and a.get("href") is not None:
            self.out.links.append(a["href"])
        for t, attr in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                if tag == "link" and a.get("rel") not in ("stylesheet", "icon", "preload", "modulepreload", "manifest"):
                    continue
                self.out.resources.append(a[attr])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.out.title += data


def parse(path: Path) -> Parsed:
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    return p.out


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
