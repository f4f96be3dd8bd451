"""Plans of the same family but other shapes build, and their sites carry nothing of this plan.

The fixtures in tests/fixtures/plans/ are a 县 that says 单位 (牵头单位/配合单位) and has no 文号, a
县级市 with no annex and one task, a 区 with one task and one department, and a plan with no tasks at
all. Each must pass `check` and build with `mkdocs build --strict`; then every file of the site (pages,
downloads, search index, schema) is read for leftovers of 武隆's plan: its place name, its departments,
its counts, the 区 words where the plan is a 县 or 市, and empty slots (“· ·”, “None”, 《》).
"""
from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from plansite.data.plan import load_plan
from support.paths import ROOT
from support.projectcopy import build, copy_project
from support.sitehtml import find, select_one, visible_text

PLANS = sorted((ROOT / "tests" / "fixtures" / "plans").glob("*.yaml"))
THIS_PLAN = load_plan(ROOT / "data" / "plan.yaml", "data/plan.yaml")
assert THIS_PLAN.jurisdiction.name, "data/plan.yaml names its jurisdiction"
THIS_PLACE = THIS_PLAN.jurisdiction.name.removesuffix(THIS_PLAN.jurisdiction.level)  # 武隆


def site_texts(site: Path) -> dict[str, str]:
    """Every file a reader can get, as text: a page's visible text (and its <title>), a download's cells."""
    out = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix == ".html":
            out[rel] = visible_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                out[rel] = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        elif path.suffix in (".json", ".csv", ".txt", ".xml", ".svg"):
            out[rel] = path.read_text(encoding="utf-8-sig")
    return out


def pages_of(texts: dict[str, str]) -> dict[str, str]:
    """What the plan's own pages say: the editors' guide explains every field, so it is left out here."""
    return {k: v for k, v in texts.items() if k.endswith(".html") and not k.startswith(("editors/", "schema/"))}


@pytest.fixture(scope="module", params=PLANS, ids=[p.stem for p in PLANS])
def other_site(request, tmp_path_factory) -> tuple[Path, object, dict[str, str]]:
    plan_path: Path = request.param
    work = tmp_path_factory.mktemp(plan_path.stem)
    project = copy_project(work / "project", plan_path.read_text(encoding="utf-8"))
    # A fork replaces data/: this plan's implementation records (optional) are not the fixture's.
    (project / "data" / "progress.yaml").unlink(missing_ok=True)
    load_plan(project / "data" / "plan.yaml")  # what `check` runs: it raises on any problem
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return work / "site", load_plan(plan_path), site_texts(work / "site")


def test_nothing_of_this_plan_is_left(other_site):
    _, plan, texts = other_site
    own = {n for d in plan.departments for n in (d.name, *d.variants)}
    foreign = sorted({n for d in THIS_PLAN.departments for n in (d.name, *d.variants)} - own, key=len, reverse=True)
    for name, text in texts.items():
        assert THIS_PLACE not in text, name
        assert THIS_PLAN.document.plan_title not in text, name
        if THIS_PLAN.document.number:
            assert THIS_PLAN.document.number not in text, name
    for name, text in pages_of(texts).items():
        assert not [n for n in foreign if n in text], name


def test_no_empty_slots(other_site):
    _, _, texts = other_site
    for name, text in pages_of(texts).items():
        flat = re.sub(r"\s+", " ", text)
        assert not re.search(r"·\s*·|；\s*；|《》|“”|（）", flat), (name, re.search(r".{20}(·\s*·|《》|“”|（）).{20}", flat))
        assert "None" not in flat, name


def test_district_words_only_in_a_district(other_site):
    _, plan, texts = other_site
    if plan.jurisdiction.level == "区":
        return
    printed = "".join(b for b in (plan.document.notice_title, plan.document.addressees, plan.document.notice))
    for name, text in pages_of(texts).items():
        for word in ("全区", "区委部门", "区政府部门", "区委", "区政府"):
            if word not in printed:
                assert word not in text, (name, word)


def test_counts_and_words_come_from_the_plan(other_site):
    site, plan, texts = other_site
    home = texts["index.html"]
    tasks = [t for c in plan.chapters for t in c.tasks]
    numerals = {1: "一", 3: "三"}
    for kind, label in (("action", "提升行动"), ("project", "重点工程")):
        count = sum(t.kind == kind for t in tasks)
        if count:
            assert f"{numerals[count]}项{label}" in home
        else:
            assert f"项{label}" not in home
    assert "五项" not in home and "10 项任务" not in home
    department = plan.words.department
    if plan.annex:
        assert f"{len(tasks)} 项任务分给 {len(plan.departments)} 个" in re.sub(r"\s+", " ", home)
        assert f"《{plan.document.attachment_title}》" in texts["matrix/index.html"]
        assert f"各{department}职责" in texts["departments/index.html"]
        full_text = BeautifulSoup((site / "text" / "index.html").read_text(encoding="utf-8"), "lxml")
        annex_head = full_text.select("table.pl-annex thead th")
        words = plan.words
        assert [th.get_text() for th in annex_head] == [words.category, words.task, words.lead, words.responsible]
    if department != "部门":
        assert "部门" not in re.sub(r"[县市区]委部门|[县市区]政府部门|各部门", "", texts["departments/index.html"])
        assert "责任部门" not in " ".join(pages_of(texts).values())


def test_pages_that_need_an_annex_drop_out_without_one(other_site):
    site, plan, texts = other_site
    has_annex = bool(plan.annex)
    assert (site / "departments").exists() == has_annex
    assert (site / "matrix").exists() == has_annex
    assert (site / "downloads" / "departments").exists() == has_annex
    assert (site / "downloads" / "matrix.xlsx").exists() == has_annex
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = " ".join(a.get_text(" ", strip=True) for a in home.select("nav a"))
    assert ("分工总表" in nav) == has_annex
    if not has_annex:
        text = texts["text/index.html"]
        assert "附件" not in text


def test_site_name_description_and_footer_come_from_the_plan(other_site):
    site, plan, _ = other_site
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    name = plan.site.name if plan.site else plan.document.plan_title
    assert find(soup, "title").get_text().endswith(name)
    assert plan.document.plan_title in find(soup, "meta", attrs={"name": "description"})["content"]
    assert plan.document.signatory in select_one(soup, ".md-copyright").get_text()


def test_this_plan_renamed_leaves_no_trace_of_the_old_name(tmp_path):
    """Every file under data/ with 武隆 replaced: no page, download, index or feed says 武隆, in its text
    or anywhere in its markup (entities decoded), nor inside a spreadsheet."""
    project = copy_project(tmp_path / "project")
    for path in (project / "data").rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".txt"):
            path.write_text(path.read_text(encoding="utf-8").replace(THIS_PLACE, "某某"), encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-3000:]
    files = sorted(p for p in site.rglob("*") if p.is_file())
    assert len(files) > 50

    def readable(path: Path) -> str:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                return html.unescape(" ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))
        if path.suffix in (".png", ".ico", ".woff", ".woff2", ".gz"):
            return ""
        return html.unescape(path.read_bytes().decode("utf-8", "ignore"))

    assert [p.relative_to(site).as_posix() for p in files if THIS_PLACE in readable(p)] == []
