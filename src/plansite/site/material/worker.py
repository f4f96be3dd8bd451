"""A build-time patch of the search worker that Material ships (assets/javascripts/workers/search.*.min.js).

Material 9.8 segments a Chinese query by trying slices of it that are words of the index, but its loop
stops one short (`j < query.length`): no slice ending at the query's last character is ever tried, so
the last word of every Chinese query is silently dropped ("区教委" searches "区*"). Fixed below, with
the one-character case at the end of the query that the same bound hid.

Two query rules are added (plansiteQuery in worker-appendix.js, appended to the worker):
- the query is split the way the index is: the index's own separator (Chinese punctuation, U+200B)
  becomes a space, and a run of Han characters is cut off from digits or letters typed against it
  ("2500人次" → "2500 人次"; in the index they are separate words; "区委统战部（区民族宗教委）" → two names);
- a run of Han characters typed without spaces is a phrase: every word of it must be on the page
  ("科普大篷车" → "+科普* +大篷车*"). Material ORs the words, and its title boost (×1000) then lets any
  title containing the common word 科普 outrank the two measures that name 科普大篷车. If no page has
  every word, the query goes to Material unchanged.

Every patch names the exact text it replaces, which must occur exactly once. If Material changes the
worker (an upgrade), the build stops with WorkerPatchError instead of shipping a search that quietly
drops words. Then read the new worker and update or drop these patches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
SOURCE_MAP = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


class WorkerPatchError(Exception):
    pass


@dataclass(frozen=True)
class Patch:
    why: str
    old: str
    new: str


# The minified source of Material 9.8's worker (src/templates/assets/javascripts/integrations/search/).
PATCHES = (
    Patch("query/segment: also try the slices that end at the query's last character",
          "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
          "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)"),
    Patch("query/segment: continue at a one-character word that ends the query",
          "n[a]&&a<t.length-1&&(i[s++]=a)",
          "n[a]&&a<t.length&&(i[s++]=a)"),
    Patch("search: prepare the query first (plansiteQuery, from worker-appendix.js)",
          'search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),',
          'search(e){if(e=plansiteQuery(e,this.index),e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),'),
)

# Appended to the worker (global functions, defined before any query arrives): plansiteQuery and its
# helper, in worker-appendix.js beside this file, read when the worker is patched.
APPENDIX = Path(__file__).with_name("worker-appendix.js")


def patch_worker(source: str, name: str = "search worker") -> str:
    """The patched worker; WorkerPatchError if any patch does not find its text exactly once."""
    problems = []
    for p in PATCHES:
        count = source.count(p.old)
        if count != 1:
            problems.append(f"  - {p.why}\n    expected exactly once: {p.old}\n    found {count} times")
    if problems:
        raise WorkerPatchError(
            f"{name}: Material's search worker is not the one these patches were written for "
            "(was mkdocs-material upgraded?). The build stops so that search cannot silently drop "
            "the last word of Chinese queries.\n" + "\n".join(problems) +
            "\nRead the new worker and update scripts/plansite/search/worker.py.")
    for p in PATCHES:
        source = source.replace(p.old, p.new)
    # The source map describes the unpatched file; pointing to it would mislead.
    return SOURCE_MAP.sub("\n", source).rstrip("\n") + "\n" + APPENDIX.read_text(encoding="utf-8")


def find_worker(theme_dirs: list[str]) -> tuple[str, Path]:
    """(site path, file) of the worker the theme ships, looked up as MkDocs does: first theme dir wins."""
    found: dict[str, Path] = {}
    for directory in theme_dirs:
        for path in sorted(Path(directory).glob(WORKER_GLOB)):
            found.setdefault(path.relative_to(directory).as_posix(), path)
    if len(found) != 1:
        raise WorkerPatchError(f"expected one search worker {WORKER_GLOB} in the theme, found {sorted(found) or 'none'}")
    return next(iter(found.items()))
