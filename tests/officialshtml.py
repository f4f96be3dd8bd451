"""A tiny DOM for reading built pages in tests: enough to walk tables and sections by class.

Independent of the templates' exact markup: tests find elements by tag, class and attribute, and
read text the way a reader sees it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterator

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str | None]
    children: list["Node | str"] = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator["Node"]:
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None,
                 where: Callable[["Node"], bool] | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes)
                and (where is None or where(n))]

    def find(self, tag: str | None = None, cls: str | None = None,
             where: Callable[["Node"], bool] | None = None) -> "Node":
        found = self.find_all(tag, cls, where)
        assert found, f"no <{tag} class={cls}> found"
        return found[0]

    def has_ancestor(self, pred: Callable[["Node"], bool]) -> bool:
        n = self.parent
        while n is not None:
            if pred(n):
                return True
            n = n.parent
        return False


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def load(path: Path) -> Node:
    b = _Builder()
    b.feed(path.read_text(encoding="utf-8"))
    return b.root


def article(path: Path) -> Node:
    """The page's own content, without Material's navigation."""
    return load(path).find("article")


def last_segment(href: str) -> str:
    """'../../actions/youth/' → 'youth'."""
    return [p for p in href.split("#")[0].split("/") if p and p != ".."][-1]
