"""The importer on this plan's own published text (data/source/): the draft holds everything the
curated data/plan.yaml holds (ids and editorial fields aside), says where it doubts, and after review
passes the check and builds. The command itself: where it writes, what it refuses, what it reports."""
from __future__ import annotations

import re

import pytest
import yaml

from plansite import cli
from plansite.data.plan import parse_plan
from plansite.data.problems import PlanError
from plansite.importer.verify import resolve
from support.importing import CURATED, accepted, annex_rows, departments, notice, paragraph_match, run, structure
from support.paths import ROOT, SOURCE
from support.projectcopy import build, copy_project


@pytest.fixture(scope="module")
def result():
    return run(SOURCE)


@pytest.fixture(scope="module")
def plan(result):
    return accepted(result)


# ── the draft holds the document ─────────────────────────────────────────────────────────────
def test_every_paragraph_word_for_word(plan):
    match = paragraph_match(plan)
    assert match.missing == [] and match.share == 1.0


def test_headings_measure_titles_and_item_periods(plan):
    assert structure(plan) == structure(CURATED)


def test_notice_fields_and_based_on(plan):
    assert notice(plan) == notice(CURATED)


def test_departments_with_their_variants_and_kinds(plan):
    assert departments(plan) == departments(CURATED)
    kinds = {frozenset((d.name, *d.variants)): d.kind for d in CURATED.departments}
    assert {frozenset((d.name, *d.variants)): d.kind for d in plan.departments} == kinds


def test_all_194_assignments_in_printed_order(plan):
    assert annex_rows(plan) == annex_rows(CURATED)
    assert sum(len(r.lead) + len(r.responsible) for r in plan.annex) == 194


def test_words_and_jurisdiction(plan):
    assert (plan.words, plan.jurisdiction) == (CURATED.words, CURATED.jurisdiction)


def test_every_page_break_join_of_the_curated_notes_is_reported(plan):
    def joins(p):
        return [(n.printed, n.normalised) for n in p.notes if n.kind == "page_break"]
    assert joins(plan) == joins(CURATED)
    lines = {n.where: n.printed for n in plan.notes if n.kind == "line_break"}
    assert lines == {n.where: n.printed for n in CURATED.notes if n.kind == "line_break"}
    spaces = [n.printed[0] for n in plan.notes if n.kind == "stray_space"]  # with their own context
    assert len(spaces) == len([n for n in CURATED.notes if n.kind == "stray_space"])
    for note in (n for n in CURATED.notes if n.kind == "stray_space"):
        assert any(note.printed[0] in printed for printed in spaces), note


def test_ids_are_ascii_and_editorial_parts_are_left_out(plan):
    ids = [d.id for d in plan.departments] + [t.id for c in plan.chapters for t in c.tasks]
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) for i in ids)
    assert {d.name: d.id for d in plan.departments}["区委组织部"] == "zuzhibu"  # pinyin without 区委
    assert (plan.indicators, plan.audiences, plan.site) == ((), (), None)


# ── review markers ──────────────────────────────────────────────────────────────────────────
def test_review_items_are_the_two_real_doubts(result):
    """The measure printed without a lead phrase (continued, as the curated data has it) and the one
    merge of two names that differ by more than a parenthetical; nothing else is in doubt."""
    assert [m.review.marker for m in result.marked] == ["待核", "待核"]
    lines = result.text.split("\n")
    first, second = (lines[m.line - 1] for m in result.marked)
    assert first.strip().startswith("- 待核：举办全国科技工作者日等活动")
    assert "待核：区住房城乡建设委（人防中心）" in second and second.strip().startswith("variants:")
    for m in result.marked:  # the comment above says what to check
        assert lines[m.line - 2].strip().startswith("# 待核：")


def test_check_rejects_the_draft_at_exactly_the_marked_lines(result):
    with pytest.raises(PlanError) as caught:
        parse_plan(result.text, "data/plan.draft.yaml")
    assert [p.line for p in caught.value.problems] == [m.line for m in result.marked]
    assert all(p.message == "导入时标记为待核：请对照原文确认后删去“待核：”" for p in caught.value.problems)
    assert result.problems == []  # and nothing else once the markers are resolved


# ── the file's layout ─────────────────────────────────────────────────────────────────────────
def test_the_draft_is_laid_out_like_the_curated_file(result):
    text = result.text
    assert text.startswith("# yaml-language-server: $schema=../docs/schema/plan.schema.json\n")
    keys = [k for k in yaml.safe_load(text)]
    curated = [k for k in yaml.safe_load((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))]
    assert keys == [k for k in curated if k in keys]  # the same order, editorial keys left out
    assert '            number: "1."' in text and "    lead: [jiaowei, kexie]" in text
    assert "{id: zuzhibu, printed: 区委组织部（区委直属机关工委）}" in text
    assert "  # 区委部门\n  - id: xuanchuanbu" in text and "# ── 部门名录" in text
    assert "    printed: [类别　任务内容　牵头部门　责任部门]" in text
    assert all(not line.startswith("\t") and (len(line) - len(line.lstrip(" "))) % 2 == 0 for line in text.split("\n"))


# ── the round trip: import → review → check → strict build ─────────────────────────────────
def test_round_trip_builds_strictly(result, tmp_path):
    project = copy_project(tmp_path / "project", resolve(result.text))
    built = build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    page = (tmp_path / "site" / "text" / "index.html").read_text(encoding="utf-8")
    assert "弘扬科学家精神。" in page and "举办全国科技工作者日等活动" in page


# ── the command ─────────────────────────────────────────────────────────────────────────────
def test_command_writes_next_to_the_data_and_never_over_a_file(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    assert cli.run(tmp_path, ["import", str(SOURCE)]) == 0
    draft = tmp_path / "data" / "plan.draft.yaml"
    out = capsys.readouterr().out
    assert draft.exists() and not (tmp_path / "data" / "plan.yaml").exists()
    for expected in ("正文 5 个部分；提升行动 5 项、重点工程 5 项，措施 38 条", "附件分工 10 行、194 条", "部门 34 个（附件中共 39 种写法）",
                     "分页处被截断的段落已接回：15 处", "附件表格跨页重复的表头已删除：1 处", "待审核 2 处（待核 2、待填 0）"):
        assert expected in out, expected
    for line in re.findall(r"plan\.draft\.yaml:(\d+)  待核", out):
        assert "待核：" in draft.read_text(encoding="utf-8").split("\n")[int(line) - 1]
    before = draft.read_bytes()
    draft.write_text("编辑改过的草稿\n", encoding="utf-8")
    assert cli.run(tmp_path, ["import", str(SOURCE)]) == 1
    assert "已经存在，没有覆盖" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == "编辑改过的草稿\n"
    assert cli.run(tmp_path, ["import", str(SOURCE), "--force"]) == 0
    assert draft.read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["plan.draft.yaml"]  # no temporary file left


def test_command_will_not_write_over_the_sites_data_without_force(tmp_path, capsys):
    target = tmp_path / "data" / "plan.yaml"
    assert cli.run(tmp_path, ["import", str(SOURCE), "--out", str(target)]) == 0  # no data yet: a first import
    target.write_text("curated\n", encoding="utf-8")
    assert cli.run(tmp_path, ["import", str(SOURCE), "--out", str(target)]) == 1
    assert target.read_text(encoding="utf-8") == "curated\n"
    assert "这是网站正在使用的数据文件，已经存在，没有覆盖" in capsys.readouterr().err


def test_the_editors_guide_shows_the_importers_real_report_on_this_text(monkeypatch):
    """The guide's example (pages/import-example.txt) is what the importer prints today for data/source/:
    rewrite the file with the importer's report when this fails."""
    from plansite.importer import report
    from plansite.pages.guide import IMPORT_EXAMPLE

    monkeypatch.chdir(ROOT)
    result = run(SOURCE.relative_to(ROOT))
    now = report.render(result.source, result.draft, result.marked, "data/plan.draft.yaml", result.problems, result.seconds)

    def timeless(text: str) -> str:
        return re.sub(r"用时 [0-9.]+ 秒", "用时 … 秒", text)

    assert timeless(now) == timeless(IMPORT_EXAMPLE.read_text(encoding="utf-8"))
