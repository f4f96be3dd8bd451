"""The targets page: every indicator with its values, the sentence it comes from (verbatim, linked),
a chart; the schedule with the stage of the build date (from SOURCE_DATE_EPOCH)."""
from __future__ import annotations

import datetime
import os
import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from plansite import routes
from plansite.pages import charts, indicators
from plansite.pages.builder import Builder
from plansite.pages.render import Renderer
from plansite.plan import timeline
from plansite.site.navigation import navigation
from support.builds import build, mkdocs
from support.paths import SMALL_PLAN
from support.xmltree import element, element_text

SVG = "{http://www.w3.org/2000/svg}"


def epoch(year: int, month: int = 6, day: int = 1) -> str:
    """Noon in China on that day, as SOURCE_DATE_EPOCH."""
    moment = datetime.datetime(year, month, day, 12, tzinfo=timeline.CHINA)
    return str(int(moment.timestamp()))


@pytest.fixture(scope="module")
def targets_md(plan):
    return Builder(plan, datetime.date(2026, 11, 29)), None


# ── the build date ────────────────────────────────────────────────────────────
def test_build_date_comes_from_source_date_epoch_in_china_time():
    # 2025-12-31 16:30 UTC is already 2026-01-01 in Wulong
    assert timeline.build_date({"SOURCE_DATE_EPOCH": "1767198600"}) == datetime.date(2026, 1, 1)
    assert timeline.build_date({"SOURCE_DATE_EPOCH": epoch(2023, 3, 4)}) == datetime.date(2023, 3, 4)
    assert timeline.build_date({}) == datetime.datetime.now(timeline.CHINA).date()


@pytest.mark.parametrize("bad", ["yesterday", "1.5e9", "99999999999999999999"])
def test_a_bad_source_date_epoch_is_a_clear_error(bad):
    with pytest.raises(timeline.BuildDateError, match="SOURCE_DATE_EPOCH"):
        timeline.build_date({"SOURCE_DATE_EPOCH": bad})


# ── stages ───────────────────────────────────────────────────────────────────
STAGES = {  # year → (plan state, stage states in document order: 启动实施, 深入实施, 总结评估)
    2020: ("before", ("future", "future", "future")),
    2021: ("during", ("current", "future", "future")),
    2023: ("during", ("past", "current", "future")),
    2025: ("during", ("past", "current", "current")),
    2026: ("ended", ("past", "past", "past")),
}


@pytest.mark.parametrize("year", sorted(STAGES))
def test_stage_of_each_year(plan, year):
    sched = timeline.schedule(plan, datetime.date(year, 6, 1))
    assert [s.item.label for s in sched.stages] == ["启动实施", "深入实施", "总结评估"]
    assert (sched.state, tuple(s.state for s in sched.stages)) == STAGES[year]
    assert sched.overlap == (year == 2025)


@pytest.mark.parametrize("year, current", [(2021, "当前阶段：启动实施。"), (2023, "当前阶段：深入实施。"),
                                           (2025, "当前阶段：深入实施、总结评估。"),
                                           (2026, "规划期（2021—2025年）已于2025年结束。")])
def test_targets_page_states_the_stage_of_the_build_date(plan, year, current):
    """The page as built on 1 June of `year` (how a real build gets its date: the last test of this part)."""
    page = next(p for p in Builder(plan, datetime.date(year, 6, 1)).pages() if p.src == routes.TARGETS)
    md = Renderer().render(page)
    found = re.search(r'<p class="pl-status[^"]*"><strong>([^<]+)</strong>', md)
    assert found is not None, "no stage status on the page"
    status = found.group(1)
    assert status == current
    assert f'<time datetime="{year}-06-01">{year}年6月1日</time>' in md
    currents = re.findall(r'<li class="pl-stage pl-stage-current"><p class="pl-stage-head"><span class="pl-stage-state">当前时段</span> '
                          r'<span class="pl-stage-title">\d\. ([^<]+)</span>', md)
    assert currents == {2021: ["启动实施"], 2023: ["深入实施"], 2025: ["深入实施", "总结评估"], 2026: []}[year]
    if year == 2025:  # the overlap is explained, not hidden
        assert "原文把这一年同时列入了“深入实施”（2022—2025年）和“总结评估”（2025年）" in md


def test_a_real_build_uses_source_date_epoch_and_rejects_a_bad_one(tmp_path):
    from support.projectcopy import copy_project

    # The small plan the invalid examples start from, without records (a build dated 2023 would reject
    # records of later years as lying in its future): the date's way into the pages does not depend on
    # the plan, and the real plan's stages are checked against dates above.
    root = copy_project(tmp_path / "project", SMALL_PLAN.read_text(encoding="utf-8"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(2023), "PLANSITE_OFFLINE_COPY": "0"}  # no second build
    done = build(root / "mkdocs.yml", tmp_path / "site", env)
    assert done.returncode == 0, done.stderr
    shown = BeautifulSoup((tmp_path / "site" / "index.html").read_text(encoding="utf-8"), "lxml").get_text()
    assert "实施中\u3000规划期2021—2025年；按本站生成日期（2023年6月1日）计。" in shown
    marker = tmp_path / "site" / "kept.txt"
    marker.write_text("old site")
    env["SOURCE_DATE_EPOCH"] = "last tuesday"
    bad = mkdocs(["build", "--strict", "-d", str(tmp_path / "site")], root, env)  # what an editor reads
    assert bad.returncode != 0
    assert "SOURCE_DATE_EPOCH 的值“last tuesday”不是有效的时间戳" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert marker.read_text() == "old site"  # the previous site is left as it was


# ── indicators ───────────────────────────────────────────────────────────────
def test_every_indicator_shows_baseline_target_and_benchmark(plan):
    ctx = Builder(plan, datetime.date(2026, 11, 29)).targets()
    assert [i.id for i in ctx.indicators] == [i.id for i in plan.indicators]
    shown = {i.id: {v.role_label: v.value for v in i.values} for i in ctx.indicators}
    assert shown["science-literacy-rate"] == {"基线": "8.9%", "目标": "13%", "参照标准": "10%"}  # 力争达到, not 不低于
    assert shown["farmer-training"] == {"基线": "原文未给出", "目标": "不低于 2500人次", "参照标准": "原文未给出"}
    assert shown["science-funding-growth"] == {"基线": "原文未给出", "目标": "高于当年同级财政经常性收入的增长幅度",
                                               "参照标准": "原文未给出"}


def test_each_value_quotes_its_whole_sentence_verbatim_and_links_to_its_paragraph(plan, duties):
    ctx = Builder(plan, datetime.date(2026, 11, 29)).targets()
    paragraphs = {b.anchor: b.printed for b in duties.body}
    for view, indicator in zip(ctx.indicators, plan.indicators, strict=True):
        given = [v for v in view.values if v.given]
        assert len(given) == len(indicator.values)
        for shown, value in zip(sorted(given, key=lambda v: v.role_label),
                                sorted(indicator.values, key=lambda v: indicators.ROLE_LABELS[v.role]), strict=True):
            anchor = shown.href.split("#")[1]
            paragraph = paragraphs[anchor]
            assert shown.sentence is not None, anchor  # a given value quotes its sentence
            sentence = shown.sentence.text
            assert shown.sentence.quote == value.quote and value.quote in sentence
            assert sentence in paragraph
            start = paragraph.index(sentence)
            # whole sentence: begins at the paragraph's start or after a full stop, ends with one
            assert start == 0 or paragraph[start - 1] in "。！？”"
            assert sentence[-1] in "。！？”"


def test_sentence_around_handles_closing_quotes_and_text_without_a_full_stop():
    text = "第一句。他说“好。”第二句有目标10%，还有。第三句"
    assert indicators.sentence_around(text, "目标10%").text == "第二句有目标10%，还有。"
    assert indicators.sentence_around(text, "第三").text == "第三句"
    assert indicators.sentence_around(text, "说“好").text == "他说“好。”"


def test_the_built_page_links_each_sentence_to_the_paragraph_that_holds_it(site_dir, plan):
    html = (site_dir / "targets" / "index.html").read_text(encoding="utf-8")
    text_ids = (site_dir / "text" / "index.html").read_text(encoding="utf-8")
    for indicator in plan.indicators:
        for value in indicator.values:
            assert f"<mark>{value.quote}</mark>" in html
    for anchor in re.findall(r'href="\.\./text/#([a-z0-9-]+)">在原文中查看', html):
        assert f'id="{anchor}"' in text_ids


def test_targets_page_is_in_the_navigation_and_linked_from_home(plan, pages):
    assert '<a class="md-button" href="targets/">' in pages[routes.HOME]
    assert {"目标与进度": routes.TARGETS} in navigation(plan)


# ── charts ───────────────────────────────────────────────────────────────────
def parse_svg(svg: charts.Svg) -> ET.Element:
    return ET.fromstring(svg.__html__())


def chart_texts(root: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("indicator_id", ["science-literacy-rate", "farmer-training", "science-funding-growth"])
def test_every_chart_is_an_image_with_a_name_and_a_description(plan, indicator_id):
    indicator = next(i for i in plan.indicators if i.id == indicator_id)
    root = parse_svg(indicators.chart_for(indicator))
    assert root.get("role") == "img"
    title = element(root, f"{SVG}title")
    desc = element(root, f"{SVG}desc")
    assert root.get("aria-labelledby") == title.get("id") and title.text == indicator.name
    assert root.get("aria-describedby") == desc.get("id") and desc.text
    for value in indicator.values:  # the description says every figure the chart shows
        assert indicators.value_text(indicator, value) in desc.text


def test_bars_start_at_zero_and_are_proportional_to_their_values(plan):
    indicator = next(i for i in plan.indicators if i.id == "science-literacy-rate")
    root = parse_svg(indicators.chart_for(indicator))
    bars = [r for r in root.iter(f"{SVG}rect") if "pl-mark" in (r.get("class") or "")]
    values = [v.value for role in indicators.ROLES for v in indicator.values if v.role == role]
    assert {r.get("x") for r in bars} == {str(charts.PAD)}
    widths = [float(r.attrib["width"]) for r in bars]
    for w, v in zip(widths, values, strict=True):
        assert w / widths[0] == pytest.approx(v / values[0], rel=1e-3)
    labels = chart_texts(root)
    assert {"8.9%", "13%", "10%"} <= set(labels)  # direct value labels
    assert {"基线（2020年）", "目标（2025年）", "参照标准"} <= set(labels)


def test_charts_need_no_colour_to_be_read(plan):
    """Marks differ by pattern, never by hue: the SVG names no colour but currentColor (and white for
    the halo that CSS repaints in the page background)."""
    for indicator in plan.indicators:
        markup = indicators.chart_for(indicator).__html__()
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b(?!-)", markup.replace('stroke="#fff"', "")), indicator.id
        root = ET.fromstring(markup)
        fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if "pl-mark" in (r.get("class") or "")]
        assert len(set(fills)) == len(fills), (indicator.id, fills)  # each role its own pattern


def test_the_relative_target_is_a_schematic_without_numbers(plan):
    indicator = next(i for i in plan.indicators if i.id == "science-funding-growth")
    root = parse_svg(indicators.chart_for(indicator))
    texts = chart_texts(root)
    assert not any(re.search(r"\d", t) for t in texts + [element_text(root, f"{SVG}desc")]), texts
    assert "示意图：长短只表示大小关系，不代表实际数值" in texts
    assert "当年同级财政经常性收入的增长幅度" in texts and "科普工作经费每年增长幅度" in texts


def test_chart_text_is_escaped():
    root = parse_svg(charts.bar_chart("c", '<b>"x" & y</b>', "<script>", (charts.Bar("<i>", 1, "1&2", "solid"),), "%"))
    assert element_text(root, f"{SVG}title") == '<b>"x" & y</b>'
    assert element_text(root, f"{SVG}desc") == "<script>"
    assert {"<i>", "1&2"} <= set(chart_texts(root))


def test_timeline_marks_the_build_date_and_every_stage(plan):
    for year, column in ((2023, None), (2026, "2026"), (2030, "2026年后"), (2020, "2020"), (2019, "2021年前")):
        sched = timeline.schedule(plan, datetime.date(year, 6, 1))
        root = parse_svg(charts.timeline_chart("t", "进度安排", "说明", sched))
        texts = chart_texts(root)
        assert f"本站生成日期：{year}年6月1日" in texts
        assert [t for t in texts if re.match(r"\d\. ", t)] == [
            f"{s.item.number} {s.item.label}（{s.label}）" for s in sched.stages]
        if column:
            assert column in texts
        today = next(line for line in root.iter(f"{SVG}line") if line.get("class") == "pl-today")
        x = float(today.attrib["x1"])
        years = {t.text: float(t.attrib["x"]) for t in root.iter(f"{SVG}text") if t.text and re.fullmatch(r"\d{4}", t.text)}
        if year == 2023:  # inside the 2023 column, near its middle in June
            assert years["2023"] - 30 < x < years["2023"] + 30
        if year >= 2026:
            assert x > years["2025"]


def test_charts_are_deterministic(plan):
    first = [indicators.chart_for(i).__html__() for i in plan.indicators]
    assert first == [indicators.chart_for(i).__html__() for i in plan.indicators]
