"""Every assignment of the annex table is exact: rows, order, printed names, and the merge of variants."""
from __future__ import annotations

from collections import Counter

from plansite.plan.duties import KIND_LABELS
from support import plan_facts as facts
from support.sourcetext import annex_rows


def plan_rows(duties):
    for task in duties.tasks:
        yield (KIND_LABELS[task.kind], f"{duties.task_number(task)}. {duties.annex_title(task)}",
               tuple(a.printed for a in duties.for_task(task, "lead")),
               tuple(a.printed for a in duties.for_task(task, "responsible")))


def test_every_row_matches_the_source_table(duties, source_lines):
    rows, headers = annex_rows(source_lines)
    assert headers == 2  # printed twice in the PDF; the plan keeps one (see notes)
    expected = [(r.category, r.task, r.lead, r.responsible) for r in rows]
    assert len(expected) == facts.TASKS
    assert list(plan_rows(duties)) == expected


def test_department_registry_merges_variants_openly(plan, duties, source_lines):
    rows, _ = annex_rows(source_lines)
    printed = {name for r in rows for name in (*r.lead, *r.responsible)}
    assert len(printed) == facts.PRINTED_NAMES
    registered = {name: d.id for d in plan.departments for name in (d.name, *d.variants)}
    assert set(registered) == printed  # every printed string is registered, nothing invented
    assert len(plan.departments) == facts.DEPARTMENTS
    merged = {d.id: {d.name, *d.variants} for d in plan.departments if d.variants}
    assert merged == facts.MERGED_VARIANTS


def test_canonical_name_is_the_most_printed_form(plan, source_lines):
    rows, _ = annex_rows(source_lines)
    counts = Counter(name for r in rows for name in (*r.lead, *r.responsible))
    for dept in plan.departments:
        forms = [dept.name, *dept.variants]
        best = max(counts[f] for f in forms)
        assert counts[dept.name] == best, dept.id


def test_officials_title_differs_only_in_the_annex(duties):
    task = duties.task_by_id["officials"]
    assert task.label == "实施领导干部和公务员科学素质提升行动"
    assert duties.annex_title(task) == "实施领导干部和公务人员科学素质提升行动"
    assert sum(row.printed_title is not None for row in duties.plan.annex) == 1


def test_assignment_totals(duties):
    assert len(duties.assignments) == facts.ASSIGNMENTS
    assert Counter(a.role for a in duties.assignments) == {"lead": facts.LEADS, "responsible": facts.RESPONSIBLE}
