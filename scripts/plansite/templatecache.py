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
PACKAGE_PROJECT = Path(__file__).resolve().parents[2]  # the project this package is part of (scripts/plansite)


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's file cache, except that a failed read or write means compiling, never a failed build."""

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
    return TemplateCache(str(folder))
