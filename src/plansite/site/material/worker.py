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

Applied with patch.py: if Material changes the worker, the build stops rather than ship a search that
quietly drops words.
"""
from __future__ import annotations

from pathlib import Path

from plansite.site.material.patch import Patch, apply, find

GLOB = "assets/javascripts/workers/search.*.min.js"

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


def locate(theme_dirs: list[str]) -> tuple[str, Path]:
    return find(theme_dirs, GLOB, "search worker")


def patch(source: str, name: str = "search worker") -> str:
    """The patched worker, with plansiteQuery appended; MaterialChanged if a patch does not apply."""
    patched = apply(source, PATCHES, name, "plansite/site/material/worker.py",
                    "search cannot silently drop the last word of Chinese queries")
    return patched.rstrip("\n") + "\n" + APPENDIX.read_text(encoding="utf-8")
