"""Compiled Jinja templates, kept from one build to the next.

Every build compiles the theme's templates and ours (some sixty, about a tenth of a build's time)
before it renders a page. Jinja can keep the compiled form on disk and reuse it only while the
template's source is unchanged (it compares a checksum), so a changed template is always compiled
afresh and the pages are the same either way. The folder is Jinja's default: one per user in the
temporary directory, readable by that user alone, shared by every copy of the project on the machine;
nothing is written into the project. A cache that cannot be read or written (a read-only or full
disk) costs only the time saved.
"""
from __future__ import annotations

import functools

import jinja2
from jinja2.bccache import Bucket


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
def shared() -> jinja2.BytecodeCache | None:
    """The cache, or None (templates compiled as without one) where no safe folder can be had."""
    try:
        return TemplateCache()
    except (OSError, RuntimeError):  # Jinja refuses a folder another user owns or could write to
        return None
