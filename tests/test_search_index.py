"""The search index of a real `mkdocs build --strict`: what it holds, how it is split into words, its size."""
from __future__ import annotations

import html
import json
import re

import pytest

from plansite import routes
from plansite.plan import document
from plansite.search import dictionary, searchindex
from plansite.site.material import worker

TAG = re.compile(r"<[^>]*>")

# Every reader who searches downloads the index. Its budget is the benchmark's (benchmarks/bench.py):
# gzipped, at most twice the gzipped plain text of the plan and its records, so it grows with what
# editors add and not with markup. (Material wrote 567,451 bytes, 39,941 gzipped, for this plan before
# the search work.)
BUDGET_TIMES_TEXT = 2


@pytest.fixture(scope="module")
def raw(site_dir) -> bytes:
    return (site_dir / "search" / "search_index.json").read_bytes()


@pytest.fixture(scope="module")
def data(raw) -> dict:
    return json.loads(raw)


@pytest.fixture(scope="module")
def by_location(data) -> dict:
    return {d["location"]: d for d in data["docs"]}


def words(data, text: str) -> list[str]:
    return searchindex.words(text, re.compile(data["config"]["separator"]))


def plain(text: str) -> str:
    """What a reader sees of an indexed field."""
    return html.unescape(TAG.sub("", text)).replace("\u200b", "")


def test_the_index_is_utf8_and_small(raw, data):
    docs = raw[raw.index(b'"docs"'):]
    assert "区科协".encode("utf-8") in docs and b"\\u" not in docs  # no ASCII escapes left
    from bench import plain_text
    from browser import gz  # gzipped as a static host serves it
    from support.paths import PLAN

    assert gz(raw) <= BUDGET_TIMES_TEXT * gz(plain_text(PLAN)), (gz(raw), gz(plain_text(PLAN)))


def test_the_user_dictionary_was_used_to_build_the_index(data, by_location, plan, duties):
    """Each printed department name is one word of the index: in its page's title and in every task
    page's lists of lead and responsible departments. jieba alone cuts many of them apart."""
    alone = dictionary.jieba_alone()
    cut_apart = [n for d in plan.departments for n in dictionary.han_runs(d.name) if alone.lcut(n) != [n]]
    assert len(cut_apart) >= 10  # so this test means something
    for dept in plan.departments:
        title = by_location[routes.Links().url_of(routes.department_page(dept))]["title"]
        assert words(data, title) == [w.lower() for w in dictionary.han_runs(dept.name)], dept.name
    for task in duties.tasks:
        page = words(data, by_location[routes.Links().url_of(routes.task_page(task))]["text"])
        for a in duties.for_task(task, "lead") + duties.for_task(task, "responsible"):
            for run in dictionary.han_runs(a.printed):
                assert run in page, (task.id, run)
    assert "科创中国" in words(data, by_location["actions/workers/#workers-entrepreneurs"]["text"])


def test_every_paragraph_is_indexed_once_on_the_page_a_reader_should_land_on(data, plan):
    """A measure (and an action's introduction) on its action/project page; everything else on the full
    text. Department pages, the full text's copy of the measures, the about page's quotes: not again."""
    docs = [(d["location"], plain(d["title"]) + "\n" + plain(d["text"])) for d in data["docs"]]
    owner = {b.anchor: routes.Links().url_of(routes.task_page(t))
             for c in plan.chapters for t in c.tasks for b in document.task_blocks(t)}
    wrong = []
    for block in document.blocks(plan):
        if block.role != "paragraph":
            continue
        where = [location for location, text in docs if block.text in text]
        page = owner.get(block.anchor, routes.Links().url_of(routes.FULL_TEXT))
        if len(where) != 1 or where[0].split("#")[0] != page:
            wrong.append((block.anchor, page, where))
    assert wrong == []


def test_what_the_index_leaves_out_is_marked_so_that_no_page_keeps_the_mark(site_dir):
    """Templates mark with `data-search-exclude="yes"`: Material's search plugin strips a mark with a value
    from the page it writes (a bare `data-search-exclude` would stay in every page)."""
    from support.sitehtml import html_pages

    assert [p for p in html_pages(site_dir) if b"data-search-" in p.read_bytes()] == []


def test_labels_repeated_on_every_page_are_not_indexed(data, plan, site_dir):
    texts = {d["location"]: plain(d["title"]) + plain(d["text"]) for d in data["docs"]}
    # “¶” is quoted once, in the full text's note on paragraph links; the links themselves are left out
    assert [loc for loc, t in texts.items() if "在原文中查看" in t or re.search("(?<!“)¶", t)] == []
    # the document line under every page title (title · number · date · 此件公开发布)
    line = f"{plan.document.plan_title} · {plan.document.number}"
    assert line in plain((site_dir / "actions" / "youth" / "index.html").read_text(encoding="utf-8"))
    assert [loc for loc, t in texts.items() if line in t] == []


def test_a_department_page_is_indexed_by_its_name_and_tasks_not_by_the_other_departments(data, plan, duties):
    for dept in plan.departments:
        page = routes.Links().url_of(routes.department_page(dept))
        text = " ".join(plain(d["title"]) + " " + plain(d["text"]) for d in data["docs"]
                        if d["location"].split("#")[0] == page)
        for a in duties.for_department(dept):
            assert a.task.label in text, (dept.id, a.task.label)
        others = [o.name for o in plan.departments if o.id != dept.id and o.name not in dept.name]
        assert [o for o in others if o in text] == [], dept.id


def test_parts_of_names_are_indexed_in_hidden_fields(data, by_location):
    fields = data["config"]["fields"]
    assert fields["title_parts"]["boost"] == fields["title"]["boost"]
    assert fields["text_parts"]["boost"] == fields["text"]["boost"]
    assert "气象局" in by_location["departments/qixiangju/"]["title_parts"].split()
    assert "民族宗教委" in by_location["departments/tongzhanbu/"]["title_parts"].split()
    assert "气象局" in by_location["actions/youth/"]["text_parts"].split()


def test_the_site_ships_the_patched_search_worker(site_dir):
    path, _ = worker.locate([str(site_dir)])
    shipped = (site_dir / path).read_text(encoding="utf-8")
    assert all(p.new in shipped and p.old not in shipped for p in worker.PATCHES)
    assert "function plansiteQuery(" in shipped
