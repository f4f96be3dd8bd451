"""The editors' guide's part on records (issue 27): the form first, for staff who never write YAML; the
YAML route kept; every id with its name; real examples of a refused form's reply and of a review."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plansite.contrib import examples
from plansite.data import project
from plansite.generate import Inputs, generate
from plansite.pages import formfields
from plansite.pages.contribute import Repository
from support.sitehtml import attr, find, select_one

TODAY = datetime.date(2026, 12, 2)


def test_the_guides_examples_are_current():
    """Made by the real review and intake from made-up data: run `python scripts/build_pages.py guide-examples`."""
    for name, text in examples.files().items():
        assert (examples.OUT / name).read_text(encoding="utf-8") == text, "run: python scripts/build_pages.py guide-examples"


def section(guide: str, anchor: str) -> BeautifulSoup:
    start = guide.index(f"{{ #{anchor} }}")
    end = guide.find("\n### ", start)
    return BeautifulSoup(guide[start:end if end > 0 else None], "lxml")


def test_every_id_is_listed_with_its_name(pages, plan):
    ids = section(pages["editors.md"], "ids")
    rows = {find(tr, "code").get_text(): find(tr, "td").contents[0].get_text() for tr in ids.select("tbody tr")}
    tasks = [t for c in plan.chapters for t in c.tasks]
    expected = {t.id: f"{t.number}{t.label}" for t in tasks} | {m.id: m.label for t in tasks for m in t.measures} \
        | {d.id: d.name for d in plan.departments}
    assert rows == expected


def test_the_form_comes_first_and_lists_every_field(pages):
    guide = pages["editors.md"]
    assert guide.index("{ #progress-form }") < guide.index("{ #progress-yaml }") < guide.index("{ #ids }")
    form = section(guide, "progress-form")
    assert [find(tr, "td").get_text() for tr in form.select("tbody tr")] == [f.label for f in formfields.RECORD_FIELDS]
    assert "YAML" not in form.get_text()  # written for staff who do not know what it is
    reply = select_one(form, ".pl-github-example")
    assert "没有采纳" in reply.get_text() and "发生日期" in reply.get_text()


def test_the_review_example_is_shown_with_the_text_change_first(pages):
    review = section(pages["editors.md"], "review")
    example = select_one(review, ".pl-github-example")
    text = example.get_text()
    assert text.index("正文有 1 处改动") < text.index("新增记录") and example.find("del") and example.find("ins")
    assert not example.find(["h1", "h2", "h3", "h4"])  # its headings do not break the guide's outline
    assert "./scripts/dev.sh review main" in review.get_text()


@pytest.mark.parametrize("repository", [None, Repository("example-org", "kxsz")])
def test_the_form_links_follow_the_repository(repository):
    data = project.read(Path(__file__).resolve().parents[1], TODAY)
    guide = generate(Inputs.of(data, TODAY, repository=repository)).files["editors.md"]
    assert isinstance(guide, str)
    form = section(guide, "progress-form")
    hrefs = [attr(a, "href") for a in form.find_all("a") if "github.com" in attr(a, "href", "")]
    if repository is None:
        assert hrefs == [] and "新建 issue" in form.get_text()
    else:
        assert hrefs == ["https://github.com/example-org/kxsz/issues/new?template=record.yml",
                         "https://github.com/example-org/kxsz/issues/new?template=correction.yml"]
