"""Hostile text in implementation records (data/progress.yaml): every text field of a record, its
source's title and publisher, and its source URL, is refused with a message or shown literally.

The same method as test_hostile_text.py, on the records: generated text goes into one field of the
fake records (tests/fixtures/progress.yaml), through the real check, templates and Python-Markdown;
no element, attribute or link may change, and the text must show wherever plain text showed. The
real build with every named payload in the records is test_hostile_text.py's payload site.
"""
from __future__ import annotations

import datetime
import functools
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings

from plansite import model, routes
from plansite.data.plan import parse_plan
from plansite.data.problems import PlanError
from plansite.data.progress import parse_progress
from plansite.pages.builder import Builder
from plansite.pages.render import Renderer
from support import hostile
from test_hostile_text import hostile_text

TODAY = datetime.date(2026, 12, 2)
PLAN = parse_plan(hostile.dump(hostile.base_data()))
BASE = hostile.progress_data()
FIELDS = {hostile.dotted(p): p for p in reversed(hostile.progress_text_fields(BASE))}
URL_PATHS = [("records", i, "source", "url") for i, r in enumerate(BASE["records"]) if "url" in r["source"]]
MARK = "标记文字"
RENDERER = Renderer()
MD = hostile.site_markdown()


def shaped(markdown: str) -> hostile.Shape:
    MD.reset()
    return hostile.shape(MD.convert(markdown))


def pages_of(data: dict) -> dict[str, str]:
    """Every page's Markdown, with `data` as the records."""
    progress = parse_progress(hostile.dump(data), PLAN, TODAY)
    return {page.src: RENDERER.render(page) for page in Builder(PLAN, TODAY, progress=progress).pages()}


# Most pages do not show a given field: their Markdown is the same as with the fixture's own text, and
# so is their HTML, which is then read once here instead of on every example.
BASE_PAGES = {src: (markdown, shaped(markdown)) for src, markdown in pages_of(BASE).items()}


def render(data: dict) -> dict[str, hostile.Shape]:
    """Every page, as HTML the site would show."""
    out = {}
    for src, markdown in pages_of(data).items():
        base_markdown, base_shape = BASE_PAGES[src]
        out[src] = base_shape if markdown == base_markdown else shaped(markdown)
    return out


@functools.cache
def baseline(field: str) -> dict[str, hostile.Shape]:
    return render(put(BASE, FIELDS[field], MARK))


def put(data: dict, path: tuple, text: str) -> dict:
    import copy

    out = copy.deepcopy(data)
    hostile.put(out, path, text)
    return out


def test_every_text_field_of_a_record_is_in_the_fixture():
    assert set(FIELDS) == hostile.model_text_fields(model.Progress)
    assert {"records.title", "records.summary", "records.source.title", "records.source.publisher",
            "records.source.number", "records.figures.unit", "records.figures.counts", "observations.note"} <= set(FIELDS)


def test_every_record_field_shows_on_a_page():
    unseen = {f for f in FIELDS if not any(MARK in "".join(s.text) for s in baseline(f).values())}
    assert unseen == set()


@pytest.mark.parametrize("field", sorted(FIELDS))
@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=hostile_text)
@example(text="</p><script>alert(1)</script>")
@example(text="]]></summary><script>x</script>")
def test_any_text_in_a_record_is_refused_or_shown_literally(field, text):
    data = put(BASE, FIELDS[field], text)
    if not hostile.reads_back(data, hostile.dump(data)):
        return
    try:
        pages = render(data)
    except PlanError as err:
        assert err.problems and all(p.line >= 1 and p.message for p in err.problems)
        return
    shown = hostile.normalise(text)
    for src, plain in baseline(field).items():
        got = pages[src]
        assert Counter(got.elements) == Counter(plain.elements), src
        want = hostile.normalise("".join(plain.text)).count(MARK)
        assert hostile.normalise("".join(got.text)).count(shown) >= want, src


@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(text=hostile_text)
@example(text="javascript:alert(1)")
@example(text="JAVASCRIPT:alert(1)")
@example(text="https://x/\"><script>alert(1)</script>")
@example(text=hostile.HOSTILE_URL)
def test_a_source_url_is_refused_or_becomes_exactly_that_link(text):
    for candidate in (text, "https://example.invalid/" + text):
        data = put(BASE, URL_PATHS[0], candidate)
        if not hostile.reads_back(data, hostile.dump(data)):
            continue
        try:
            progress = parse_progress(hostile.dump(data), PLAN, TODAY)
        except PlanError as err:
            assert [p.path for p in err.problems] == ["records[0].source.url"]
            continue
        assert candidate.lower().startswith(("http://", "https://"))
        records = next(p for p in Builder(PLAN, TODAY, progress=progress).pages() if p.src == "progress.md")
        MD.reset()
        page = hostile.shape(MD.convert(RENDERER.render(records)))
        hrefs = [dict(attrs).get("href") for tag, attrs in page.elements if tag == "a"]
        assert candidate in hrefs
        assert not any(h and h.lower().startswith(("javascript:", "data:", "vbscript:")) for h in hrefs)


def test_a_source_url_that_is_not_http_is_refused():
    for url in ("javascript:alert(1)", "data:text/html,x", "ftp://example.invalid/", "//example.invalid/", "http://a b"):
        with pytest.raises(PlanError) as caught:
            parse_progress(hostile.dump(put(BASE, URL_PATHS[0], url)), PLAN, TODAY)
        assert [p.path for p in caught.value.problems] == ["records[0].source.url"]


def test_the_feed_keeps_hostile_text_as_text():
    import xml.etree.ElementTree as ET

    from plansite.downloads import feed

    text, placed = hostile.hostile_progress(PLAN, TODAY)
    progress = parse_progress(text, PLAN, TODAY)
    root = ET.fromstring(feed.atom(PLAN, progress, routes.Links()))  # well-formed whatever the text
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.text for e in root.findall("a:entry/a:title", ns)]
    assert set(titles) == {r.title for r in progress.records}
    related = {link.get("href") for link in root.findall("a:entry/a:link[@rel='related']", ns)}
    assert related == {hostile.HOSTILE_URL}
    assert len(placed) >= 8
