"""The one way we change a file Material ships: exact text replaced, each match checked.

A patch names the exact text it replaces, which must occur exactly once in Material's file. If Material
changes the file (an upgrade), the build stops with MaterialChanged, naming every patch that no longer
applies, instead of shipping a site that quietly lost what the patch was for. Then read the new file and
update or drop the patches (ARCHITECTURE.md: what each one is for).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")  # describes Material's file, not ours
_HASH = re.compile(r"\.[0-9a-f]{8}(\.min\.js)$")


class MaterialChanged(Exception):
    """A file of Material's is not the one our patches were written for."""


@dataclass(frozen=True)
class Patch:
    why: str  # one line: what the patch is for
    old: str  # Material's exact text, found exactly once
    new: str


def apply(source: str, patches: tuple[Patch, ...], what: str, module: str, lost: str) -> str:
    """`source` with every patch applied, or MaterialChanged listing those that do not match exactly once.
    `what` names the file; `module` our module that holds the patches; `lost` what a site without them loses."""
    problems = [f"  - {p.why}\n    expected exactly once: {p.old}\n    found {source.count(p.old)} times"
                for p in patches if source.count(p.old) != 1]
    if problems:
        raise MaterialChanged(f"{what}: Material's file is not the one these patches were written for (was mkdocs-material "
                              f"upgraded?). The build stops so that {lost}.\n" + "\n".join(problems) +
                              f"\nRead the new file and update {module}.")
    for p in patches:
        source = source.replace(p.old, p.new)
    return SOURCE_MAP.sub("\n", source)


def find(theme_dirs: list[str], glob: str, what: str) -> tuple[str, Path]:
    """(site path, file) of the one file matching `glob` the theme ships, looked up as MkDocs does:
    the first theme folder that has it wins."""
    found: dict[str, Path] = {}
    for directory in theme_dirs:
        for path in sorted(Path(directory).glob(glob)):
            found.setdefault(path.relative_to(directory).as_posix(), path)
    if len(found) != 1:
        raise MaterialChanged(f"expected one {what} {glob} in the theme, found {sorted(found) or 'none'}")
    return next(iter(found.items()))


def hashed_path(path: str, content: str) -> str:
    """Material's file name with the hash of *our* content: a cache holding Material's original file under
    its name can never serve it in place of the patched one (and the reverse)."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    renamed, count = _HASH.subn(rf".{digest}\1", path)
    if count != 1:
        raise MaterialChanged(f"{path}: expected Material's name.<8 hex digits>.min.js")
    return renamed
