"""Where each page lives. URLs come from ids only, so rewording a title never breaks a link."""
from __future__ import annotations

import posixpath

from .model import Audience, Department, Task

HOME = "index.md"
FULL_TEXT = "text.md"
DEPARTMENTS = "departments/index.md"
MATRIX = "matrix.md"
ABOUT = "about.md"
TARGETS = "targets.md"
GROUPS = "groups/index.md"


def task_page(task: Task) -> str:
    return f"{'actions' if task.kind == 'action' else 'projects'}/{task.id}.md"


def department_page(dept: Department) -> str:
    return f"departments/{dept.id}.md"


def group_page(audience: Audience) -> str:
    return f"groups/{audience.id}.md"


def url_of(src: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): 'a/b.md' → 'a/b/', 'a/index.md' → 'a/'."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one page to another (or to a file such as a download), as MkDocs would write it."""
    target = url_of(to_src) if to_src.endswith(".md") else to_src
    here = url_of(from_src)
    rel = posixpath.relpath(target or ".", here or ".")
    if to_src.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")
