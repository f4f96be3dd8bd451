"""Where each page lives. URLs come from ids only, so rewording a title never breaks a link."""
from __future__ import annotations

import functools
import posixpath

from .model import Audience, Department, Task

HOME = "index.md"
FULL_TEXT = "text.md"
DEPARTMENTS = "departments/index.md"
MATRIX = "matrix.md"
ABOUT = "about.md"
TARGETS = "targets.md"
GROUPS = "groups/index.md"
RECORDS = "progress.md"  # 实施情况
FEED = "feed.xml"  # Atom feed of the records


def task_page(task: Task) -> str:
    return f"{'actions' if task.kind == 'action' else 'projects'}/{task.id}.md"


def department_page(dept: Department) -> str:
    return f"departments/{dept.id}.md"


def group_page(audience: Audience) -> str:
    return f"groups/{audience.id}.md"


# MkDocs' use_directory_urls. The online site uses folder addresses (/departments/kexie/); the offline
# copy (offline.py) turns them off, because a folder opened from disk shows no index.html by itself.
_directory_urls = True


def use_directory_urls(on: bool) -> None:
    global _directory_urls
    if on != _directory_urls:
        _directory_urls = on
        href.cache_clear()


def url_of(src: str) -> str:
    """The URL MkDocs gives a page: 'a/b.md' → 'a/b/', 'a/index.md' → 'a/' (use_directory_urls), else
    'a/b.md' → 'a/b.html'."""
    stem = src[: -len(".md")]
    if not _directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@functools.lru_cache(maxsize=4096)  # the matrix asks for the same few links once per cell
def href(from_src: str, to_src: str, anchor: str = "") -> str:
    """A relative link from one page to another (or to a file such as a download), as MkDocs would write it."""
    target = url_of(to_src) if to_src.endswith(".md") else to_src
    here = url_of(from_src) if _directory_urls else posixpath.dirname(url_of(from_src))  # the page's folder
    rel = _relpath(target, here)
    if to_src.endswith(".md") and _directory_urls:
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")



# ── officials: the split matrix and the downloads (files, not pages) ─────────
def matrix_part(chapter_id: str, n: int) -> str:
    """One part of a matrix too wide for one page: the n-th group of tasks of a chapter."""
    return f"matrix/{chapter_id}-{n}.md"


def department_download(dept: Department, ext: str) -> str:
    return f"downloads/departments/{dept.id}.{ext}"


# The offline copy of the whole site (offline.py), and the folder inside the zip that holds index.html;
# ASCII, so every unzip tool names it the same.
OFFLINE_ZIP = "downloads/offline.zip"
OFFLINE_FOLDER = "offline-site"


def matrix_download(ext: str) -> str:
    return f"downloads/matrix.{ext}"


def shows_records(src: str) -> bool:
    """Pages that show implementation records: 实施情况, home, targets, tasks, departments, the matrix."""
    return src in (RECORDS, HOME, TARGETS, MATRIX) or src.startswith(("actions/", "projects/", "departments/", "matrix/")) \
        and src != DEPARTMENTS


def records_download(ext: str) -> str:
    return f"downloads/records.{ext}"


def observations_download(ext: str) -> str:
    return f"downloads/observations.{ext}"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two site-relative paths, without touching the file system.

    posixpath.relpath makes both paths absolute with os.getcwd() on every call; pages call href()
    about a million times for a plan 50 times the real size, and that cost dominated generation."""
    if ".." in target.split("/") or ".." in start.split("/"):  # never produced by url_of; keep it exact anyway
        return posixpath.relpath(target or ".", start or ".")
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."
