"""Search in Chromium: the site's own search worker and built index rank the pages, and Material's search
box lists them as the worker ranks them.

The queries are real: every department name as printed in the document and the short forms people use,
and the programme names, places and numbers of the measures (searchqueries.py). Their rankings are read
from the worker (searchworker.py), a message each; what a reader sees is the box's list, and the tests of
the box check that it lists exactly the worker's first pages, on a desktop and on a phone.
"""
from __future__ import annotations

from pathlib import Path

import material
import pytest

from plansite.site.material import worker
from support.browser import visit
from support.searchqueries import MEASURE_QUERIES, TEXT, department_queries
from support.searchworker import SearchBox, SearchWorker

pytestmark = pytest.mark.browser


def rank(pages: list[str], wanted) -> int | None:
    wanted = {wanted} if isinstance(wanted, str) else set(wanted)
    return next((n for n, p in enumerate(pages, 1) if p in wanted), None)


def test_the_index_is_fetched_only_when_the_reader_starts_to_search(page, site_url):
    """Most readers never search: a page view does not fetch the index; the shortcut or focusing the box does."""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))

    def fetched() -> int:
        return sum(u.endswith("/search/search_index.json") for u in urls)

    for start in (lambda: page.keyboard.press("s"),  # Material's shortcut opens the search box
                  lambda: page.locator(".md-search__input").focus()):
        before = fetched()
        visit(page, site_url + "departments/kexie/", wait_until="networkidle")
        assert fetched() == before
        with page.expect_request(lambda r: r.url.endswith("/search/search_index.json"), timeout=10_000):
            start()
    # a page opened from a result (?h=…) still fetches it, to highlight the words searched for
    visit(page, site_url + "departments/kexie/?h=科协")
    page.wait_for_selector("article mark", timeout=10_000)


def box_lists_as_ranked(box: SearchBox, search: SearchWorker, query: str) -> list[str]:
    """The box's list for `query`, checked against the worker's ranking (`search`, on the same page): the
    box shows the first ten pages the worker ranks, in its order (more as the reader scrolls)."""
    shown = box.pages(query)
    ranked = search.pages(query)
    assert shown == ranked[:10], (query, shown, ranked)
    return shown


def test_department_names_variants_and_short_forms_list_the_department_in_the_top_three(page, site_url, plan):
    visit(page, site_url)
    search = SearchWorker(page)
    misses = []
    for q in department_queries(plan):
        got = search.pages(q.text)
        r = rank(got, q.page)
        if r is None or r > 3:
            misses.append(f"{q.kind} {q.text}: {q.page} at {r}, top: {got[:3]}")
    assert misses == []


def test_the_exact_name_comes_first(page, site_url):
    """Names Material 9.8's own search got wrong: it dropped the last word of the query. Typed into the box."""
    box = SearchBox(page, site_url)
    search = SearchWorker(page)
    for name, dept in (("区教委", "jiaowei"), ("区委统战部", "tongzhanbu"), ("团区委", "tuanquwei"),
                       ("区气象局", "qixiangju"), ("气象局", "qixiangju"), ("区科协", "kexie")):
        assert box_lists_as_ranked(box, search, name)[0] == f"departments/{dept}/", name


def test_a_measure_is_found_by_its_key_terms_on_its_own_page(page, site_url):
    """Programme names, places and numbers list the page holding the measure near the top; pages that
    repeat it (departments, the full text) never rank above that page."""
    visit(page, site_url)
    search = SearchWorker(page)
    misses = []
    for q in MEASURE_QUERIES:
        got = search.pages(q.text)
        r = rank(got, q.pages)
        if r is None or r > q.top:
            misses.append(f"{q.text}: {q.pages} at {r}, top: {got[:3]}")
            continue
        above = got[:r - 1]
        if any(p.startswith("departments/") for p in above) or (TEXT not in q.pages and TEXT in above):
            misses.append(f"{q.text}: a page repeating the measure ranks above it: {above}")
    assert misses == []


def test_search_on_a_phone(phone, site_url):
    """Brackets, digits and a long name typed on a phone: the box sends the query as typed."""
    box, search = SearchBox(phone, site_url), SearchWorker(phone)
    assert box_lists_as_ranked(box, search, "区委组织部（区委直属机关工委）")[0] == "departments/zuzhibu/"
    assert box_lists_as_ranked(box, search, "2500人次")[0] == "actions/farmers/"
    assert box_lists_as_ranked(box, search, "科普 大篷车")[:1] != []  # a space, as phone keyboards insert one


# ── the patched worker itself, fed a small index through Material's message protocol ─────────────
TINY = {
    "config": {"lang": ["zh"], "separator": "[\\s\\u200b\\u3000\\-、。，（）]+", "pipeline": ["stemmer"],
               "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
    "docs": [
        {"location": "jiaowei/", "title": "区\u200b教委", "text": ""},
        {"location": "caizhengju/", "title": "区\u200b财政局", "text": ""},
        {"location": "rural/", "title": "科普\u200b大篷车", "text": "2500\u200b人次"},
        {"location": "common/", "title": "科普\u200b行动", "text": "大篷车"},
        {"location": "titled/", "title": "科普\u200b工程", "text": ""},
        {"location": "single/", "title": "科普\u200b日", "text": ""},
    ],
}


def original_worker_route(page, site_url) -> str:
    """Serve Material's unpatched worker from the site's origin, next to the patched one."""
    path, file = worker.locate([str(Path(material.__file__).parent / "templates")])
    url = site_url + path.replace(".min.js", ".original.js")
    page.route(url, lambda route: route.fulfill(body=file.read_text(encoding="utf-8"),
                                                content_type="text/javascript"))
    return url


def test_the_worker_searches_the_last_word_of_a_chinese_query(page, site_url):
    visit(page, site_url)
    ours = SearchWorker(page, TINY)
    assert ours.pages("区教委") == ["jiaowei/"]
    assert ours.pages("科普日")[0] == "single/"  # a one-character word at the end
    # the same index in Material's own worker: only "区*" is searched, so 区财政局 is listed as well
    visit(page, site_url)
    material = SearchWorker(page, TINY, worker=original_worker_route(page, site_url))
    assert set(material.pages("区教委")) == {"jiaowei/", "caizhengju/"}


def test_the_worker_treats_a_run_of_han_characters_as_a_phrase(page, site_url):
    visit(page, site_url)
    ours = SearchWorker(page, TINY)
    # every word of 科普大篷车 must be on the page: a title with only 科普 (×1000) no longer wins
    assert ours.pages("科普大篷车")[:2] == ["rural/", "common/"]
    assert "titled/" not in ours.pages("科普大篷车")
    # no page has every word: back to Material's any-word search rather than nothing
    assert {"jiaowei/", "rural/"} <= set(ours.pages("教委大篷车"))
    # separators and digits typed against Han characters split the query as they split the index
    assert ours.pages("2500人次") == ["rural/"]
    assert ours.pages("区教委（区财政局）")[:2] in (["jiaowei/", "caizhengju/"], ["caizhengju/", "jiaowei/"])
