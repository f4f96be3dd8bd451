"""Material's main script (assets/javascripts/bundle.*.min.js), patched at build time so that the search
index is fetched only when the reader starts to search, not on every page view.

Material 9.8 sets up its search worker with the index at once over http(s), and only on file:// waits
until the search dialog opens (`merge(of(location.protocol !== "file:"), watchToggle("search"))`). Most
readers never search, and the index is the largest file a page fetches (benchmarks/). The patch makes
every protocol take Material's own file:// path: the index is requested when the search toggle turns on,
which Material does when the search box gets focus, when its label is clicked and on the keyboard
shortcuts (f, s, /). Search highlighting (a page opened from a result, `?h=…`) also subscribed to the
index on every page; it now does so only when there is something to highlight. Queries typed before the index is ready wait for it (Material holds them until the
worker answers READY), so the results are the same.

As for the worker, the patch names the exact text it replaces; if Material changes it, the build stops.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .worker import SOURCE_MAP, Patch, WorkerPatchError

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"

PATCHES = (
    Patch("setupSearchWorker: fetch the index when the search dialog first opens, on every protocol",
          '$(location.protocol!=="file:")',
          "$(!1)"),
    # mountSearchHiglight: combineLatest([index$, location$.pipe(startWith(here), filter(has ?h=))]) subscribes
    # to the index on every page; becomes location$.pipe(…, switchMap(url => index$.pipe(map(i => [i, url]))))
    # so the index is fetched only for a page opened from a search result (?h=…), which it highlights.
    Patch("search highlighting: fetch the index only for a page opened from a search result (?h=)",
          'z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
          'r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(o=>t.pipe(m(n=>[n,o]))))'),
)


def patch_bundle(source: str, name: str = "Material's bundle") -> str:
    problems = [f"  - {p.why}\n    expected exactly once: {p.old}\n    found {source.count(p.old)} times"
                for p in PATCHES if source.count(p.old) != 1]
    if problems:
        raise WorkerPatchError(
            f"{name}: Material's main script is not the one this patch was written for (was mkdocs-material "
            "upgraded?). The build stops so that the search index does not quietly load on every page again.\n"
            + "\n".join(problems) + "\nRead the new bundle and update scripts/plansite/search/bundle.py.")
    for p in PATCHES:
        source = source.replace(p.old, p.new)
    return SOURCE_MAP.sub("\n", source)  # the source map describes the unpatched file


def find_bundle(theme_dirs: list[str]) -> tuple[str, Path]:
    """(site path, file) of the bundle the theme ships; the first theme dir wins, as in MkDocs."""
    found: dict[str, Path] = {}
    for directory in theme_dirs:
        for path in sorted(Path(directory).glob(BUNDLE_GLOB)):
            found.setdefault(path.relative_to(directory).as_posix(), path)
    if len(found) != 1:
        raise WorkerPatchError(f"expected one bundle {BUNDLE_GLOB} in the theme, found {sorted(found) or 'none'}")
    return next(iter(found.items()))


_HASH = re.compile(r"\.[0-9a-f]{8}(\.min\.js)$")


def hashed_path(path: str, content: str) -> str:
    """Material's file name with the hash of *our* content: a cache holding Material's original file under
    its name can never serve it in place of the patched one (and the reverse)."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]
    renamed, count = _HASH.subn(rf".{digest}\1", path)
    if count != 1:
        raise WorkerPatchError(f"{path}: expected Material's name.<8 hex digits>.min.js")
    return renamed
