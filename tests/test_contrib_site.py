"""The site's links into the repository's issue forms (issue 27): 补充实施记录 in every task's and
measure's 实施情况 and on every department page, 纠错 and the data lines on every page. They come from
mkdocs.yml repo_url (the environment variable REPO_URL); without it they are left out cleanly. With it,
no page makes a request to another host (Material's repository widget would ask GitHub's API)."""
from __future__ import annotations

import datetime
import re
import urllib.parse
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from plansite.data.progress import parse_progress
from plansite.generate import Inputs, generate
from plansite.pages import contribute
from plansite.pages.contribute import Repository, RepositoryError
from support.builds import REPOSITORY
from support.paths import ROOT
from support.sitehtml import attr

TODAY = datetime.date(2026, 12, 2)


def query(href: str) -> dict[str, str]:
    parsed = urllib.parse.urlsplit(href)
    return dict(urllib.parse.parse_qsl(parsed.query))


# ── the pages' links, as generated (no MkDocs) ─────────────────────────────────────────────────
@pytest.fixture(scope="module")
def with_repo(source) -> dict:
    progress = parse_progress((ROOT / "data" / "progress.yaml").read_text(encoding="utf-8"), source.plan, TODAY)
    return generate(Inputs(source=source, progress=progress, today=TODAY, repository=Repository.of(REPOSITORY))).files


def add_links(markdown: str) -> list[dict[str, str]]:
    soup = BeautifulSoup(markdown, "lxml", parse_only=SoupStrainer("a"))
    return [query(attr(a, "href")) for a in soup.find_all("a") if a.get_text().startswith("补充实施记录")]


def test_every_measure_and_task_offers_a_record_form_with_itself_filled_in(with_repo, plan):
    for chapter in plan.chapters:
        for task in chapter.tasks:
            links = add_links(with_repo[f"{'actions' if task.kind == 'action' else 'projects'}/{task.id}.md"])
            assert all(q["template"] == "record.yml" for q in links)
            assert [q["preset"] for q in links] == [f"任务：{task.label}", *(f"措施：{m.label}（{task.label}）" for m in task.measures)]


def test_every_department_page_offers_a_record_form_with_the_department_filled_in(with_repo, plan):
    for dept in plan.departments:
        links = add_links(with_repo[f"departments/{dept.id}.md"])
        assert [q["preset"] for q in links] == [f"部门：{dept.name}"]


def test_the_filled_in_names_are_the_forms_own(with_repo, plan):
    """What a link fills in is what the record form's dropdowns offer, so the intake maps it back."""
    choices = contribute.Choices.of(plan)
    kinds = {v: k for k, v in contribute.PRESET_KINDS.items()}
    for src, markdown in with_repo.items():
        if not src.endswith(".md"):
            continue
        for q in add_links(markdown):
            kind, name = q["preset"].split("：", 1)
            assert name in choices.by_kind()[kinds[kind]], (src, q["preset"])


def test_without_a_repository_no_page_links_to_a_form(pages):
    """The session's pages are generated without one."""
    for src, content in pages.items():
        if isinstance(content, str):
            assert "pl-add-record" not in content and "issues/new" not in content, src


@pytest.mark.parametrize("url, owner, name", [("https://github.com/a-b/c.d", "a-b", "c.d"), ("https://github.com/a/b/", "a", "b"),
                                              ("https://github.com/a/b.git", "a", "b")])
def test_a_github_repository_address(url, owner, name):
    assert Repository.of(url) == Repository(owner, name)


@pytest.mark.parametrize("url", ["https://gitlab.com/a/b", "http://github.com/a/b", "https://github.com/a", "github.com/a/b",
                                 "https://github.com/a/b/tree/main", "https://github.com/a/b?x=<script>", "https://github.com/a/.."])
def test_any_other_address_is_refused_with_a_clear_message(url):
    with pytest.raises(RepositoryError, match="https://github.com/所有者/仓库名"):
        Repository.of(url)


def test_no_address_means_no_links():
    assert Repository.of(None) is None and Repository.of("") is None
    assert contribute.FormLinks(None).correction("/x/") == "" and contribute.data_lines(None, None, {}, ["a.md"],  # type: ignore[arg-type]
                                                                                          plan_file="p", progress_file=None) == {}


# ── built with MkDocs, with the repository (the session's site, as the Pages workflow builds it) ──────
# That site is also the one test_csp.py (no request to another host), test_a11y.py and test_html_valid.py
# check: Material's repository widget, which asked GitHub's API for stars, would fail the first.
def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def page_path(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return "/" + rel.removesuffix("index.html")


def test_every_page_offers_corrections_with_its_own_address(site_dir):
    for html in html_pages(site_dir):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml", parse_only=SoupStrainer("aside"))
        aside = soup.select_one("aside.pl-contribute")
        assert aside is not None, html
        correction = aside.find("a", string="纠错")
        assert correction is not None and attr(correction, "href").startswith(f"{REPOSITORY}/issues/new?")
        assert query(attr(correction, "href")) == {"template": "correction.yml", "page": page_path(site_dir, html)}
        assert "打开 GitHub" in aside.get_text()


def test_each_page_names_the_data_lines_it_is_made_from(site_dir, source):
    lines = source.text.split("\n")
    soup = BeautifulSoup((site_dir / "actions" / "youth" / "index.html").read_text(encoding="utf-8"), "lxml")
    links = [attr(a, "href") for a in soup.select("aside.pl-contribute a") if "/blob/" in attr(a, "href")]
    assert f"{REPOSITORY}/blob/main/data/plan.yaml" in links and f"{REPOSITORY}/blob/main/data/progress.yaml" in links
    spans = []
    for h in links:
        if "#L" in h:
            found = re.fullmatch(r".*/data/plan\.yaml#L(\d+)-L(\d+)", h)
            assert found is not None, h
            spans.append((int(found.group(1)), int(found.group(2))))
    task_first, task_last = source.lines["chapters[2].tasks[0]"]
    assert lines[task_first - 1].strip() == "- id: youth"
    assert any(a <= task_first and task_last <= b for a, b in spans)  # the task itself
    row_first, _ = next(source.lines[f"annex[{i}]"] for i, row in enumerate(source.plan.annex) if row.task == "youth")
    assert any(a <= row_first <= b for a, b in spans)  # its annex row
    # a page that gathers the whole plan links the whole file
    home = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    assert [attr(a, "href") for a in home.select("aside.pl-contribute a") if "/blob/" in attr(a, "href")] == [
        f"{REPOSITORY}/blob/main/data/plan.yaml", f"{REPOSITORY}/blob/main/data/progress.yaml"]


def test_the_header_links_the_repository_without_asking_github_for_stars(site_dir):
    soup = BeautifulSoup((site_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    sources = soup.select("a.md-source")
    assert sources and all(attr(a, "href") == REPOSITORY and not a.has_attr("data-md-component") for a in sources)
    assert "GitHub" in attr(sources[0], "title")


def test_without_the_repository_nothing_links_to_github(plain_copy_site):
    _, site, result = plain_copy_site
    assert result.returncode == 0, result.stderr
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "github.com" not in text and "pl-contribute" not in text and "pl-add-record" not in text and "md-source" not in text, html
