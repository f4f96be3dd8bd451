"""Compiled Jinja templates, kept from one build to the next.

Every build compiles the theme's templates and ours (some sixty, about a tenth of a build's time)
before it renders a page. Jinja can keep the compiled form on disk and reuse it only while the
template's source is unchanged (it compares a checksum), so a changed template is always compiled
afresh and the pages are the same either way. The files go in the project's .cache/plansite/jinja
(ignored by git, like the search's word list beside it): one per template, replaced when it changes.
A cache that cannot be read or written (a read-only or full disk) costs only the time saved.
"""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

FOLDER = Path(".cache") / "plansite" / "jinja"  # inside the project
PACKAGE_PROJECT = Path(__file__).resolve().parents[3]  # the project this package is part of (src/plansite/pages)


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a failed read or write means compiling, never a failed build, and
    that a template of the project is known by its place in the project, not its absolute path: a copy of
    the project can start from the original's compiled templates (Jinja still compares each one's source)."""

    def __init__(self, directory: str, project: Path | None = None) -> None:
        super().__init__(directory)
        self.project = project

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        if filename and self.project is not None and Path(filename).is_relative_to(self.project):
            filename = Path(filename).relative_to(self.project).as_posix()
        return super().get_cache_key(name, filename)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.cache
def for_project(root: Path = PACKAGE_PROJECT) -> jinja2.BytecodeCache | None:
    """The cache of the project at `root` (by default this package's), or None where its folder cannot be made."""
    folder = root / FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder), root)
