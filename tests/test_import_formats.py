"""The same plan as a saved government web page, as Word and as PDF gives the same draft as its text;
a made-up 县 plan that says 单位 imports from text and Word alike; the opening pages of published plans
of the family give their notice's fields or a clear message. Each file is imported once per module."""
from __future__ import annotations

import pytest

from plansite.importer.errors import ImportFailure
from support.importing import CURATED, FIXTURES, accepted, annex_rows, departments, notice, paragraph_match, run, structure

# wulong-split.pdf: Word's defaults for the annex (rows broken across pages, no repeated header), “- N -”
# page numbers and the 文号 as a running header on every page
RENDITIONS = ["wulong.html", "wulong.docx", "wulong.pdf", "wulong-split.pdf"]


@pytest.fixture(scope="module", params=RENDITIONS)
def rendition(request):
    result = run(FIXTURES / request.param)
    return request.param, result, accepted(result)


def test_paragraphs_word_for_word(rendition):
    name, _, plan = rendition
    match = paragraph_match(plan)
    assert match.share >= (0.99 if name.endswith(".pdf") else 1.0), match.missing
    assert match.missing == []  # measured: 100% for each rendition


def test_notice_structure_departments_and_every_assignment(rendition):
    _, result, plan = rendition
    assert notice(plan) == notice(CURATED)
    assert structure(plan) == structure(CURATED)
    assert departments(plan) == departments(CURATED)
    assert annex_rows(plan) == annex_rows(CURATED)
    assert (plan.words, plan.jurisdiction) == (CURATED.words, CURATED.jurisdiction)
    assert result.problems == []


def test_each_reader_reports_what_it_repaired(rendition):
    name, result, plan = rendition
    kinds = {r.kind for r in result.source.repairs}
    if name.endswith(".html"):
        assert "chrome" in kinds  # 当前位置, 分享到, ICP备 … were on the page
        assert "line_break" in kinds  # the <br> the page left inside a paragraph
    if name == "wulong.pdf":
        assert {"page_number", "page_break", "repeated_header"} <= kinds
    if name == "wulong-split.pdf":  # the running 文号 dropped from every page, the one under the letterhead kept
        assert {"page_number", "page_break", "running_header"} <= kinds and "repeated_header" not in kinds
        assert "cut_row" in kinds  # a row of the annex the page end cut, joined again
    if name.endswith(".pdf"):
        joins = [n for n in plan.notes if n.kind == "page_break"]
        assert joins and all(n.normalised == "".join(n.printed) for n in joins)
    titles = {n.where: n.printed for n in plan.notes if n.kind == "line_break"}
    assert titles == {n.where: n.printed for n in CURATED.notes if n.kind == "line_break"}


def test_a_page_without_its_annex_keeps_the_attachments_title_and_says_so():
    result = run(FIXTURES / "wulong-noannex.html")
    d = result.draft.tree
    assert "annex" not in d and d["document"]["attachment_title"] == CURATED.document.attachment_title
    assert any("网页上没有附件表格" in r for r in result.draft.remarks)
    assert [m.review.marker for m in result.marked].count("待填") == 3  # the one department to register
    assert paragraph_match(accepted_without_departments(result)).missing == []


@pytest.mark.parametrize("layout", ["annex after the article", "page in a layout table"])
def test_a_page_laid_out_otherwise_reads_the_same(layout):
    """The annex printed after the article (cells without <p>), or the whole page inside a layout table."""
    from plansite.importer.cli import import_bytes

    page = (FIXTURES / "wulong.html").read_text(encoding="utf-8")
    start = page.index('<table border="1"')
    end = page.index("</table>", start) + len("</table>")
    annex = page[start:end].replace("<p>", "").replace("</p>", "")
    page = page[:start] + page[end:]
    page = page.replace('<div class="footer">', annex + '<div class="footer">')
    if layout == "page in a layout table":
        body = page.split("<body>")[1].split("</body>")[0]
        page = f'<html><body><table class="layout"><tr><td>{body}</td></tr></table></body></html>'
    plan = accepted(import_bytes(page.encode("utf-8"), "page.html"))
    assert paragraph_match(plan).missing == [] and annex_rows(plan) == annex_rows(CURATED)
    assert notice(plan) == notice(CURATED)


def accepted_without_departments(result):
    """The draft with its one department filled in as an editor would."""
    from plansite.data.plan import parse_plan
    from plansite.importer.verify import resolve

    text = resolve(result.text).replace("- id: 待填", "- id: kexie", 1).replace("name: 待填", "name: 区科协", 1)
    return parse_plan(text.replace("kind: 待填", "kind: 群团组织", 1))


def test_text_as_pdftotext_writes_it_line_by_line():
    """Lines broken as printed, rejoined by their width; the annex is not a table there, so none is read."""
    result = run(FIXTURES / "wulong-pdftotext.txt")
    plan = accepted_without_departments(result)
    assert paragraph_match(plan).share >= 0.99  # measured: 100/100
    assert (notice(plan), structure(plan)) == (notice(CURATED), structure(CURATED))
    assert "annex" not in result.draft.tree


# ── a made-up 县 plan ──────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="module", params=["county.txt", "county.docx"])
def county(request):
    return run(FIXTURES / request.param)


def test_county_plan_words_kinds_and_merges(county):
    plan = accepted(county)
    assert (plan.jurisdiction.level, plan.jurisdiction.name) == ("县", "云溪县")
    assert (plan.words.department, plan.words.lead, plan.words.responsible, plan.words.task) == ("单位", "牵头单位", "配合单位", "工作任务")
    assert (str(plan.document.date), plan.document.number) == ("2023-03-01", "云府办发〔2023〕12号")  # 二〇二三年三月一日
    assert plan.document.notice_title == "云溪县人民政府办公室关于印发云溪县全民科学素质行动实施方案（2023—2025年）的通知"
    assert plan.document.plan_title == "云溪县全民科学素质行动实施方案（2023—2025年）"
    assert [(t.kind, t.target_group) for c in plan.chapters for t in c.tasks] == [("action", "青少年"), ("action", "农民"), ("project", None)]
    assert sum(len(t.measures) for c in plan.chapters for t in c.tasks) == 6
    kinds = {d.name: d.kind for d in plan.departments}
    assert (kinds["县委宣传部"], kinds["团县委"], kinds["县气象局（地震局）"], kinds["县教育局"]) == ("县委部门", "群团组织", "其他", "县政府部门")
    assert departments(plan) >= {frozenset({"县委宣传部", "县委宣传部（县文明办）"}), frozenset({"县气象局（地震局）", "县气象局"}),
                                 frozenset({"县住房城乡建局", "县住房城乡建设局"})}
    assert len(plan.departments) == 13 and sum(len(r.lead) + len(r.responsible) for r in plan.annex) == 18
    doubts = [m.review.why for m in county.marked]
    assert len(doubts) == 2 and "县供销社" in doubts[0] and "县住房城乡建设局" in doubts[1]
    assert county.problems == []


# ── opening pages of published plans (tests/fixtures/import/real/SOURCES.md) ──────────────────
REAL = FIXTURES / "real"
OPENINGS = {
    "city-nanchang-hongfufa-2021-27.txt": dict(
        number="洪府发〔2021〕27号", notice_title="南昌市人民政府关于印发南昌市全民科学素质行动规划纲要实施方案(2021-2025年)的通知",
        addressees="各县(区)人民政府、开发区管委会,市政府各部门:", date="2021-12-21", disclosure="此件主动公开",
        plan_title="南昌市全民科学素质行动规划纲要实施方案(2021—2025年)", period={"start": 2021, "end": 2025}),
    "district-jiulongpo-2022-24.txt": dict(
        number="九龙坡府办发〔2022〕24号", signatory="重庆市九龙坡区人民政府办公室", date="2022-02-11",
        notice_title="重庆市九龙坡区人民政府办公室关于印发《重庆市九龙坡区全民科学素质行动规划纲要实施方案(2021——2025年)》的通知",
        plan_title="重庆市九龙坡区全民科学素质行动规划纲要实施方案(2021―2025年)", period={"start": 2021, "end": 2025}),
    "province-sichuan-chuanbanfa-2016-91.txt": dict(
        number="川办发[2016]91号", signatory="四川省人民政府办公厅", date="2016-11-18",
        notice_title="四川省人民政府办公厅关于印发四川省全民科学素质行动计划纲要实施方案[2016—2020年]的通知",
        addressees="各市(州)人民政府,省政府各部门、各直属机构:",
        plan_title="四川省全民科学素质行动计划纲要实施方案(2016—2020年)", period={"start": 2016, "end": 2020}),
}


@pytest.mark.parametrize("name", sorted(OPENINGS))
def test_openings_of_published_plans_give_a_partial_draft_with_the_notice(name):
    result = run(REAL / name)
    doc = result.draft.tree["document"]
    for key, value in OPENINGS[name].items():
        shown = doc[key].text if hasattr(doc[key], "text") else doc[key]
        assert shown == value, key
    if "signatory" not in OPENINGS[name]:  # the page prints no signatory: left to fill, not invented
        assert doc["signatory"].marker == "待填"
    assert result.draft.counts["chapters"] >= 1 and "annex" not in result.draft.tree
    assert result.problems == []  # only the marked places stand between the draft and the check


def test_the_national_outline_flattened_to_one_line_stops_with_what_it_read():
    with pytest.raises(ImportFailure) as caught:
        run(REAL / "national-guofa-2021-9.txt")
    message = caught.value.message
    for piece in ("没有找到以“一、”开头的正文部分", "文号 国发〔2021〕9号",
                  "通知标题 国务院关于印发全民科学素质行动规划纲要(2021—2035年)的通知", "成文日期 2021年6月3日", "没有写入任何文件"):
        assert piece in message, piece
