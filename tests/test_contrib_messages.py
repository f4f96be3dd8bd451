"""The mistakes a new editor made in data/progress.yaml (issue 27, "the editors' loop"): each message
names the real cause and the fix. Each case is the real progress file with one slip, checked against
the real plan, as `./scripts/dev.sh check` would check it."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from plansite.data.problems import PlanError, Problem
from plansite.data.progress import parse_progress

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "data" / "progress.yaml").read_text(encoding="utf-8")
TODAY = datetime.date(2026, 12, 2)
FIRST_TITLE = "    title: 区科协牵头在南城中央广场举办2024年全国科普日主题宣传\n"


def slip(old: str, new: str) -> str:
    assert GOOD.count(old) >= 1, old
    return GOOD.replace(old, new, 1)


def problems(plan, text: str) -> list[Problem]:
    with pytest.raises(PlanError) as caught:
        parse_progress(text, plan, TODAY)
    return caught.value.problems


def only(plan, text: str) -> Problem:
    found = problems(plan, text)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_the_real_file_checks_clean(plan):
    assert len(parse_progress(GOOD, plan, TODAY).records) >= 12


def test_a_tab_at_the_start_of_a_record_is_called_a_tab(plan):
    """libyaml says "found character that cannot start any token" (no word of a tab): the hint was
    the one for text starting with % @ `."""
    p = only(plan, slip("  - id: 2024-national-science-day", "\t- id: 2024-national-science-day"))
    assert "Tab" in p.message and "%" not in p.hint and "Tab" in p.hint
    assert (p.line, p.column) == (GOOD.split("\n").index("  - id: 2024-national-science-day") + 1, 1)


def test_a_full_width_colon_is_called_a_chinese_colon(plan):
    p = only(plan, slip(FIRST_TITLE, FIRST_TITLE.replace("title: ", "title：")))
    assert "中文冒号" in p.message and "title: " in p.hint
    assert p.line == GOOD.split("\n").index(FIRST_TITLE.rstrip("\n")) + 1


@pytest.mark.parametrize("opening", ["[2024]", "{2024}"])
def test_text_starting_with_a_bracket_is_told_to_be_quoted(plan, opening):
    p = only(plan, slip(FIRST_TITLE, FIRST_TITLE.replace("title: ", f"title: {opening}")))
    assert "缩进" not in p.message
    assert opening[0] in p.message and "英文双引号" in p.hint and f'"{opening}' in p.hint
    assert p.line == GOOD.split("\n").index(FIRST_TITLE.rstrip("\n")) + 1


@pytest.mark.parametrize("written, meant", [("2024-9-25", "2024-09-25"), ("2024-9-5", "2024-09-05"), ("2024-9", "2024-09")])
def test_a_date_without_leading_zeros_gets_the_right_spelling(plan, written, meant):
    p = only(plan, slip("date: 2024-09-25", f"date: {written}"))
    assert p.message == "日期写法不对" and f"是不是 {meant}？" in p.hint


def test_an_impossible_date_gets_no_spelling_hint(plan):
    p = only(plan, slip("date: 2024-09-25", "date: 2024-2-30"))
    assert p.message == "没有这一天（或这个月）" and "是不是" not in p.hint


def test_a_measure_written_by_its_title_is_told_its_id(plan):
    p = only(plan, slip("measures: [grassroots-brand-events]", "measures: [培育科普品牌活动]"))
    assert p.path == "records[0].measures[0]"
    assert "grassroots-brand-events" in p.hint and "培育科普品牌活动" in p.hint


def test_a_task_written_by_its_title_is_told_its_id(plan):
    task = next(t for c in plan.chapters for t in c.tasks if t.id == "grassroots")
    p = only(plan, slip("tasks: [grassroots]", f"tasks: [{task.label}]"))
    assert "grassroots" in p.hint and task.label in p.hint


# ── sources: one dated before the event it reports, one whose page shows no date ──
RECORD_SOURCE_DATE = "      date: 2024-09-26\n      url: http://cqast.cn/"


def test_a_source_dated_before_its_event_is_a_warning_not_an_error(plan):
    warnings: list[Problem] = []
    progress = parse_progress(slip(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("2024-09-26", "2024-09-20")),
                              plan, TODAY, warnings=warnings)
    assert len(progress.records) == len(parse_progress(GOOD, plan, TODAY).records)
    assert len(warnings) == 1
    w = warnings[0]
    assert w.path == "records[0].source.date" and "早于" in w.message and "2024-09-25" in w.expected + w.message
    assert w.found == "2024-09-20"


def test_a_source_in_the_same_month_as_an_event_dated_to_the_month_is_no_warning(plan):
    warnings: list[Problem] = []
    text = slip("date: 2024-09-25", "date: 2024-09").replace(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("2024-09-26", "2024-09-01"))
    parse_progress(text, plan, TODAY, warnings=warnings)
    assert warnings == []


def test_a_source_without_a_date_on_its_page_is_recorded_with_the_day_it_was_read(plan):
    undated = slip(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("date: 2024-09-26", "accessed: 2024-10-08"))
    source = parse_progress(undated, plan, TODAY).records[0].source
    assert source.date is None and source.accessed is not None and source.accessed.iso == "2024-10-08"


def test_a_source_with_neither_date_is_refused(plan):
    p = only(plan, slip(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("      date: 2024-09-26\n", "")))
    assert p.path == "records[0].source" and "accessed" in p.expected and "date" in p.expected


def test_check_prints_the_warning_and_passes(tmp_path, capsys):
    from plansite import cli

    progress = tmp_path / "progress.yaml"
    progress.write_text(slip(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("2024-09-26", "2024-09-20")), encoding="utf-8")
    assert cli.check(ROOT / "data" / "plan.yaml", progress) == 0
    out = capsys.readouterr().out
    assert "检查通过" in out and "注意：来源的发布日期早于它报道的事" in out and "不影响生成网站" in out


def test_an_undated_source_is_shown_as_read_on_its_day_everywhere(source):
    from plansite.generate import Inputs, generate

    undated = slip(RECORD_SOURCE_DATE, RECORD_SOURCE_DATE.replace("date: 2024-09-26", "accessed: 2024-10-08"))
    files = generate(Inputs(source=source, progress=parse_progress(undated, source.plan, TODAY), today=TODAY)).files
    assert '未注明发布日期（<time datetime="2024-10-08">2024年10月8日</time>查阅）' in files["progress.md"]
    feed, records = files["feed.xml"], files["downloads/records.csv"]
    assert isinstance(feed, bytes) and isinstance(records, bytes)
    assert "未注明发布日期，2024年10月8日查阅" in feed.decode("utf-8")
    rows = records.decode("utf-8-sig").splitlines()
    header, first = rows[0].split(","), next(r for r in rows if r.startswith("2024-national-science-day")).split(",")
    assert first[header.index("来源发布日期")] == "" and first[header.index("来源查阅日期")] == "2024-10-08"
    assert first[header.index("来源查阅日期精度")] == "日"
