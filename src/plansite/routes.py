"""Where each page lives. URLs come from ids only, so rewording a title never breaks a link."""
from __future__ import annotations

import posixpath

from plansite.model import Audience, Department, Task

HOME = "index.md"
FULL_TEXT = "text.md"
DEPARTMENTS = "departments/index.md"
MATRIX = "matrix.md"
ABOUT = "about.md"
TARGETS = "targets.md"
GROUPS = "groups/index.md"
PROGRESS = "progress.md"  # 实施情况: the implementation records
FEED = "feed.xml"  # Atom feed of the records


def task_page(task: Task) -> str:
    return f"{'actions' if task.kind == 'action' else 'projects'}/{task.id}.md"


def department_page(dept: Department) -> str:
    return f"departments/{dept.id}.md"


def group_page(audience: Audience) -> str:
    return f"groups/{audience.id}.md"


class Links:
    """Addresses as MkDocs writes them in one build. The online site uses folder addresses
    (/departments/kexie/, MkDocs' use_directory_urls); the offline copy (site/offline.py) turns them off,
    because a folder opened from disk shows no index.html by itself."""

    def __init__(self, directory_urls: bool = True):
        self.directory_urls = directory_urls
        self._hrefs: dict[tuple[str, str, str], str] = {}  # the matrix asks for the same few links once per cell

    def url_of(self, src: str) -> str:
        """The URL of a page ('a/b.md' → 'a/b/', 'a/index.md' → 'a/'; without folder addresses 'a/b.html'),
        or of a file, which is its own path ('feed.xml')."""
        if not src.endswith(".md"):
            return src
        stem = src[: -len(".md")]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """A relative link from one page to another (or to a file such as a download), as MkDocs would write it."""
        key = (from_src, to_src, anchor)
        found = self._hrefs.get(key)
        if found is None:
            found = self._hrefs[key] = self._href(from_src, to_src, anchor)
        return found

    def _href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        target = self.url_of(to_src)
        here = self.url_of(from_src) if self.directory_urls else posixpath.dirname(self.url_of(from_src))  # the page's folder
        rel = _relpath(target, here)
        if to_src.endswith(".md") and self.directory_urls:
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


def shows_progress(src: str) -> bool:
    """Pages that show implementation records: 实施情况, home, targets, tasks, departments, the matrix."""
    return src in (PROGRESS, HOME, TARGETS, MATRIX) or src.startswith(("actions/", "projects/", "departments/", "matrix/")) \
        and src != DEPARTMENTS


def records_download(ext: str) -> str:
    return f"downloads/records.{ext}"


def observations_download(ext: str) -> str:
    return f"downloads/observations.{ext}"


# The data package (downloads/package.py): datapackage.json describes every CSV beside it.
DOWNLOADS = "downloads/"
DATAPACKAGE = "downloads/datapackage.json"
DUTIES_SCHEMA = "downloads/duties-schema.json"  # the columns of every department's duty list, named by the package


def table_download(key: str) -> str:
    """A table of the data package by its name there (plansite/opendata.py): tasks → downloads/tasks.csv."""
    return f"{DOWNLOADS}{key}.csv"


def _relpath(target: str, start: str) -> str:
    """posixpath.relpath for two site-relative paths, without touching the file system.

    posixpath.relpath makes both paths absolute with os.getcwd() on every call; pages call Links.href()
    about a million times for a plan 50 times the real size, and that cost dominated generation."""
    if ".." in target.split("/") or ".." in start.split("/"):  # never produced by url_of; keep it exact anyway
        return posixpath.relpath(target or ".", start or ".")
    to = [part for part in target.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."
