"""The published text is sacred: every paragraph of the source reaches plan.yaml once, in order,
with only the recorded extraction artifacts repaired."""
from __future__ import annotations

import re

from plansite.plan import document
from support import plan_facts as facts
from support.sourcetext import prose_lines, squeeze

CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"


def align(paragraphs: list[str], lines: list[tuple[int, str]]):
    """Match each plan paragraph to consecutive source lines; return the joins it needed."""
    joins, i = [], 0
    for k, para in enumerate(paragraphs):
        target = squeeze(para)
        start, acc = i, ""
        while i < len(lines) and len(acc) < len(target):
            acc += squeeze(lines[i][1])
            i += 1
        assert acc == target, (
            f"plan paragraph {k} does not match source lines {lines[start][0]}–{lines[i - 1][0]}:\n"
            f"  plan:   {target[:80]}\n  source: {acc[:80]}")
        joins += [(lines[j][1], lines[j + 1][1]) for j in range(start, i - 1)]
    assert i == len(lines), f"source lines from {lines[i][0]} on are missing from the plan"
    return joins


def test_every_source_paragraph_once_in_order(plan, source_lines):
    align([b.printed for b in document.blocks(plan)], prose_lines(source_lines))


def test_page_break_joins_are_exactly_the_recorded_ones(plan, source_lines):
    joins = align([b.printed for b in document.blocks(plan)], prose_lines(source_lines))
    recorded = [n for n in plan.notes if n.kind == "page_break"]
    assert len(joins) == len(recorded) == facts.PAGE_BREAK_JOINS
    for (before, after), note in zip(joins, recorded, strict=True):
        head, tail = note.printed
        assert before.endswith(head) and after.startswith(tail), (note, before[-20:], after[:20])
        assert note.normalised == head + tail


def test_stray_spaces_are_recorded_and_gone(plan, source_lines):
    text = "\n".join(b.printed for b in document.blocks(plan))
    source = "\n".join(source_lines)
    notes = [n for n in plan.notes if n.kind == "stray_space"]
    assert notes
    for note in notes:
        assert note.printed[0] in source and note.normalised in text
    # No space is left between Chinese text and a number, nor anywhere inside a paragraph.
    for block in document.blocks(plan):
        assert not re.search(rf"{CJK}\s+[0-9]|[0-9%]\s+{CJK}", block.printed), block.anchor
        assert block.printed == block.printed.strip()
        assert not re.search(rf"{CJK} |  ", block.text), block.anchor


def test_titles_rejoined_across_their_line_breaks(plan, source_lines):
    source = {squeeze(line) for line in source_lines}
    for note in (n for n in plan.notes if n.kind == "line_break"):
        assert "".join(note.printed) == note.normalised
        assert note.normalised in source
    assert plan.document.notice_title in {note.normalised for note in plan.notes}
    assert plan.document.plan_title in {note.normalised for note in plan.notes}


def test_structure_matches_the_document(plan, duties):
    assert [c.number for c in plan.chapters] == facts.CHAPTER_NUMBERS
    assert [t.kind for t in duties.tasks] == facts.TASK_KINDS
    assert sum(len(t.measures) for t in duties.tasks) == facts.MEASURES
    # The one paragraph printed without a lead phrase continues 弘扬科学家精神; no title was invented.
    _, measure = duties.measure_by_id["tech-resources-scientist-spirit"]
    assert measure.title == "弘扬科学家精神。" and len(measure.paragraphs) == 2
    assert measure.paragraphs[1].startswith("举办全国科技工作者日等活动")
    schedule = [i for c in plan.chapters for s in c.sections if s.id == "schedule" for i in s.items]
    assert [(i.label, i.period.start, i.period.end) for i in schedule] == [
        ("启动实施", 2021, 2021), ("深入实施", 2022, 2025), ("总结评估", 2025, 2025)]


def test_headings_and_lead_phrases_are_printed_character_for_character(plan, source_lines):
    """No normalisation at all where the document numbers its parts: each heading is a whole source
    line, and each measure's or item's lead phrase opens one, exactly (no 。 added to a heading printed
    without one, no （） around a number printed bare), in the order of the source."""
    lines = [text for _, text in prose_lines(source_lines)]
    at = 0
    for block in document.blocks(plan):
        if block.role == "heading":
            expected = block.text
        elif block.lead:
            expected = block.lead
        else:
            continue
        while at < len(lines) and not lines[at].startswith(expected):
            at += 1
        assert at < len(lines), f"not printed as is, or out of order: {expected!r}"
        if block.role == "heading":
            assert lines[at] == expected
        at += 1


def test_anchors_are_unique_ascii(plan):
    anchors = [b.anchor for b in document.blocks(plan)]
    assert len(anchors) == len(set(anchors))
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in anchors)


def test_indicators_quote_the_text(plan):
    by_id = {i.id: i for i in plan.indicators}
    rate = {v.role: v for v in by_id["science-literacy-rate"].values}
    assert (rate["baseline"].year, rate["baseline"].value) == (2020, 8.9)
    assert (rate["target"].year, rate["target"].value) == (2025, 13)
    assert rate["benchmark"].value == 10
    assert by_id["farmer-training"].values[0].value == 2500
    funding = by_id["science-funding-growth"].values[0]
    assert funding.comparison == "greater_than" and funding.relative_to in funding.quote


def test_document_metadata(plan):
    d = plan.document
    assert (d.number, str(d.date), d.disclosure) == ("武隆府办发〔2022〕30号", "2022-04-16", "此件公开发布")
    assert (d.period.start, d.period.end) == (2021, 2025)
    assert [r.number for r in d.based_on] == ["渝府办发〔2021〕138号", None]
