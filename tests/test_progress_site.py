"""实施情况 in the generated pages and the built site, from the real data/progress.yaml: where records
show, the honest empty state, the status, coverage, the targets' observations, the feed, search and
the downloads. (Exact check messages: test_progress_data.py; the browser: test_progress_browser.py.)"""
from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from plansite import routes
from plansite.data.progress import load_progress
from plansite.downloads import feed
from plansite.model import Progress
from plansite.pages.builder import Builder
from plansite.plan.progress import Records, status
from support.sitehtml import find
from support.xmltree import element_text

TODAY = datetime.date(2026, 12, 2)
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.fixture(scope="module")
def progress(plan):
    from support.paths import ROOT

    return load_progress(ROOT / "data" / "progress.yaml", plan, TODAY)


@pytest.fixture(scope="module")
def pages(plan, progress):
    return {p.src: p.context for p in Builder(plan, TODAY, progress=progress).pages()}


def test_the_real_data_has_records_with_their_sources(progress):
    assert len(progress.records) >= 5
    assert all(r.source.url or r.source.number for r in progress.records)


def test_status_follows_the_build_date(plan, progress):
    last = max((r.date for r in progress.records), key=lambda w: w.sort_key())
    ended = status(plan, progress, TODAY)
    assert ended.label == "实施期已结束" and ended.text == f"实施期已结束（最近一条实施记录：{last.printed}）"
    assert status(plan, progress, datetime.date(2023, 6, 1)).text == "实施中"
    assert status(plan, Progress(), TODAY).text == "实施期已结束（尚未收录实施记录）"


def test_records_page_lists_newest_first_with_sources_and_coverage(pages, plan, progress):
    c = pages[routes.PROGRESS]
    assert [r.id for r in c.records] == [r.id for r in sorted(progress.records, key=lambda r: r.date.sort_key(), reverse=True)]
    assert all(r.source.url is None or r.source.url.startswith(("http://", "https://")) for r in c.records)
    t = Records(plan, progress)
    for row, task in zip(c.coverage, (t for ch in plan.chapters for t in ch.tasks), strict=True):
        covered = {m for r in progress.records for m in r.measures} & {m.id for m in task.measures}
        assert (row.covered, row.measures, row.records) == (len(covered), len(task.measures), len(t.for_task(task)))
    assert sum(o.count for o in c.years) == len(progress.records)


def test_every_task_page_has_a_progress_section_per_measure_and_never_says_unfinished(source, plan, progress):
    from support.builds import generated

    md = generated(source, progress, TODAY)
    recorded = {m for r in progress.records for m in r.measures}
    for task in (t for ch in plan.chapters for t in ch.tasks):
        page = md[routes.task_page(task)]
        assert isinstance(page, str), task.id
        assert "## 实施情况 { #progress }" in page and "未完成" not in page
        for m in task.measures:
            section = page.split(f'id="progress-{m.id}"', 1)[1].split("</section>", 1)[0]
            assert ("尚未收录实施记录" in section) == (m.id not in recorded), (task.id, m.id)


def test_department_pages_say_for_each_duty_whether_a_record_exists(pages, plan, progress):
    t = Records(plan, progress)
    kexie = next(d for d in plan.departments if d.id == "kexie")
    c = pages[routes.department_page(kexie)]
    assert {r.id for r in c.progress.records} == {r.id for r in progress.records if "kexie" in r.departments}
    for duty in (*c.lead, *c.responsible):
        dp = c.progress.duties[duty.anchor]
        task = next(x for x in t.duties.tasks if f"duty-{x.id}" == duty.anchor)
        assert dp.total == len(t.for_task(task))
        assert {r.id for r in dp.with_department} == {r.id for r in t.for_task(task) if "kexie" in r.departments}


def test_matrix_cells_count_the_records_of_department_and_task(pages, plan, progress):
    c = pages[routes.MATRIX]
    t = Records(plan, progress)
    tasks = [x for ch in plan.chapters for x in ch.tasks]
    total = 0
    for group in c.groups:
        for row in group.rows:
            dept = next(d for d in plan.departments if row.link.href.endswith(f"departments/{d.id}/"))
            for cell, task in zip(row.cells, tasks, strict=True):
                expected = sum(1 for r in t.for_task(task) if dept.id in r.departments)
                assert cell.records == expected
                total += cell.records
                if cell.records:
                    assert cell.records_href.endswith(f"departments/{dept.id}/#duty-{task.id}-records" if cell.role
                                                      else f"departments/{dept.id}/#records")
    assert total >= 1


def test_targets_page_compares_honestly(pages, plan, progress):
    c = pages[routes.TARGETS]
    rate = c.progress["science-literacy-rate"]
    # whatever editors add: the district's own figures apart from the references, which say they are references
    observed = [o for o in progress.observations if o.indicator == "science-literacy-rate"]
    assert len(rate.own) == len([o for o in observed if o.scope == "district"])
    assert len(rate.references) == len([o for o in observed if o.scope != "district"]) >= 1
    assert all(o.scope_label.endswith("（参照）") for o in rate.references)
    if not rate.own:  # so far no public source gives the district's own figure (data/progress.yaml)
        assert rate.comparison.startswith("尚未见到公开发布的本区2025年数值")


def test_targets_comparison_when_a_district_figure_exists(plan):
    from plansite.model import Observation, Source, When

    src = Source(publisher="测试", title="测试", date=When(2026), url="https://example.invalid/")
    for value, word in ((13.5, "达到目标"), (12.0, "低于目标")):
        progress = Progress(observations=(Observation(indicator="science-literacy-rate", year=2025, value=value,
                                                      scope="district", source=src),))
        c = Builder(plan, TODAY, progress=progress).targets()
        assert c.progress["science-literacy-rate"].comparison.endswith(f"{value:g}%，{word}。")


def test_feed_is_atom_newest_first_and_the_same_for_the_same_data(plan, progress):
    data = feed.atom(plan, progress, routes.Links())
    assert data == feed.atom(plan, progress, routes.Links())
    root = ET.fromstring(data)
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == len(progress.records)
    ids = [element_text(e, "a:id", ATOM) for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert ids == [feed.entry_id(plan, "record/" + r.id) for r in Records(plan, progress).newest_first]
    assert element_text(root, "a:updated", ATOM) == max(element_text(e, "a:updated", ATOM) for e in entries)


# ── the built site ─────────────────────────────────────────────────────────────────────────────
def test_built_records_page_links_its_feed_and_sources(site_dir, progress):
    html = BeautifulSoup((site_dir / "progress" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert find(html, "h1").get_text().replace("¶", "").strip() == "实施情况"
    feeds = [a["href"] for a in html.find_all("a", type="application/atom+xml")]
    assert feeds == ["../feed.xml"]
    assert (site_dir / "feed.xml").is_file()
    sources = {a["href"] for a in html.find_all("a") if "external" in (a.get("rel") or [])}
    assert sources == {r.source.url for r in progress.records if r.source.url}
    assert '<link rel="alternate" type="application/atom+xml"' in (site_dir / "index.html").read_text(encoding="utf-8")


def test_search_indexes_each_record_once_on_the_records_page(site_dir, progress):
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    for record in progress.records:
        hits = [d["location"] for d in index["docs"] if record.summary[:12] in d["text"].replace("\u200b", "")]
        assert hits == [f"progress/#record-{record.id}"], record.id


def test_downloads_carry_records_and_observations(site_dir, progress):
    rows = list(csv.reader(io.StringIO((site_dir / "downloads" / "records.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "编号" and {r[0] for r in rows[1:]} == {r.id for r in progress.records}
    obs = list(csv.reader(io.StringIO((site_dir / "downloads" / "observations.csv").read_text(encoding="utf-8-sig"))))
    assert len(obs) == len(progress.observations) + 1
    data = json.loads((site_dir / "downloads" / "matrix.json").read_text(encoding="utf-8"))
    assert len(data["records"]) == len(progress.records) and len(data["observations"]) == len(progress.observations)
    from openpyxl import load_workbook

    book = load_workbook(site_dir / "downloads" / "matrix.xlsx")
    assert book["实施记录"].max_row == len(progress.records) + 1
    assert book["指标观测值"].max_row == len(progress.observations) + 1
