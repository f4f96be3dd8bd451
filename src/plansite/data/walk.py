"""The one walk over a plan: every record (a dataclass of model.py) with its YAML path.

A path is written as the check's messages and load.Loaded.lines write it: `chapters[2].tasks[0]`,
`departments[5]`, `annex[3].lead[1]`. Anything that needs to say where a record sits in the file
(the check's messages, page dates from git blame, the editors' guide) takes the path from here rather
than rebuilding it. No Jinja, no MkDocs: this is part of the model layer.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Protocol, TypeVar

from plansite.model import Chapter, Item, Measure, Section, Task

T = TypeVar("T")


class Identified(Protocol):
    @property
    def id(self) -> str: ...

Content = Chapter | Section | Item | Task | Measure
# The records whose ids are anchors of the full text: one namespace.
CONTENT = (Chapter, Section, Item, Task, Measure)


def records(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every record under `node` (itself first), parents before their children, in the file's order."""
    yield path, node
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        sub = f"{path}.{f.name}" if path else f.name
        if isinstance(value, tuple):
            for i, child in enumerate(value):
                if dataclasses.is_dataclass(child):
                    yield from records(child, f"{sub}[{i}]")
        elif dataclasses.is_dataclass(value):
            yield from records(value, sub)


class Walk:
    """One walk of a file's records (a Plan, or the implementation records' Progress), kept: the
    check asks for several kinds of record."""

    def __init__(self, root: Any):
        self.records: tuple[tuple[str, Any], ...] = tuple(records(root))

    def of_type(self, kind: type[T]) -> list[tuple[str, T]]:
        """The records of one kind (Task, Department, AnnexRow …) with their paths, in the file's order."""
        return [(path, node) for path, node in self.records if isinstance(node, kind)]

    def content(self) -> list[tuple[str, Content]]:
        """Chapters, sections, items, tasks and measures with their paths, in the file's order."""
        return [(path, node) for path, node in self.records if isinstance(node, CONTENT)]

    def path_by_id(self, *kinds: type[Identified]) -> dict[str, str]:
        """id → path of the records of these kinds (the first, should an id repeat)."""
        out: dict[str, str] = {}
        for path, node in self.records:
            if isinstance(node, kinds):
                out.setdefault(node.id, path)
        return out
