"""The generated Markdown, before MkDocs sees it: one page per action, project and department,
URLs from ids (identical output for identical input: test_determinism.py)."""
from __future__ import annotations

import datetime
import re

from plansite import routes
from plansite.site.navigation import navigation
from support import plan_facts as facts


def test_a_page_for_every_task_and_department(plan, duties, pages):
    expected = {routes.HOME, routes.FULL_TEXT, routes.DEPARTMENTS, routes.MATRIX, routes.ABOUT}
    expected |= {routes.task_page(t) for t in duties.tasks}
    expected |= {routes.department_page(d) for d in plan.departments}
    assert expected <= set(pages)
    assert {p for p in pages if p.startswith("actions/")} == {f"actions/{t.id}.md" for t in duties.tasks if t.kind == "action"}
    assert len([p for p in pages if p.startswith("departments/") and not p.endswith("index.md")]) == facts.DEPARTMENTS


def test_urls_come_from_ids_not_titles(pages):
    for src in pages:
        assert re.fullmatch(r"[a-z0-9/-]+\.(md|csv|xlsx|json|txt|svg|xml)", src), src


def test_task_page_has_every_measure_with_its_anchor(duties, pages):
    for task in duties.tasks:
        md = pages[routes.task_page(task)]
        body = md.split("\n---\n", 1)[1] if md.startswith("---\n") else md  # after any front matter
        assert body.lstrip("\n").startswith(f"# {task.label}\n")
        for measure in task.measures:
            assert f"## {measure.label} {{ #{measure.id} }}" in md
            for paragraph in measure.paragraphs:
                assert f"<p>{paragraph}</p>" in md
        for a in duties.for_task(task, "lead") + duties.for_task(task, "responsible"):
            assert f"../../departments/{a.department.id}/\">{a.printed}</a>" in md


def test_department_page_lists_exactly_its_annex_duties(duties, pages):
    for dept in duties.plan.departments:
        md = pages[routes.department_page(dept)]
        mine = duties.for_department(dept)
        linked = re.findall(r'class="pl-duty-title"><span class="pl-role pl-role-(\w+)">[^<]+</span> <a href="\.\./\.\./(actions|projects)/([a-z-]+)/"', md)
        assert [(role, task_id) for role, _, task_id in linked] == \
            [(a.role, a.task.id) for a in mine if a.role == "lead"] + [(a.role, a.task.id) for a in mine if a.role == "responsible"]


def test_full_text_carries_every_block_anchor_once(plan, pages):
    from plansite.plan.document import blocks

    md = pages[routes.FULL_TEXT]
    for block in blocks(plan):
        hits = md.count(f'id="{block.anchor}"') + md.count(f"{{ #{block.anchor} }}")
        assert hits == 1, block.anchor


def test_navigation_names_every_task_page(duties, plan):
    flat = []
    for entry in navigation(plan):
        for value in entry.values():
            flat += [list(v.values())[0] for v in value] if isinstance(value, list) else [value]
    assert {routes.task_page(t) for t in duties.tasks} <= set(flat)


def test_about_page_lists_every_repair_once_under_its_kind(plan):
    """对提取文本的整理: a table per kind of repair, kinds in the order the document first has them, and
    every note of the plan in exactly one of them."""
    from plansite.pages.builder import Builder
    from plansite.pages.contexts import NOTE_LABELS

    groups = Builder(plan, datetime.date(2026, 12, 1)).about().note_groups
    kinds = list(dict.fromkeys(n.kind for n in plan.notes))
    assert [g.label for g in groups] == [NOTE_LABELS[k] for k in kinds]
    assert [n.printed for g in groups for n in g.notes] == [n.printed for k in kinds for n in plan.notes if n.kind == k]
    assert len({g.anchor for g in groups}) == len(groups)


def test_every_page_context_names_its_types_without_an_import_cycle():
    """Each context's type hints resolve (an import hidden under TYPE_CHECKING to dodge a cycle would not)."""
    import dataclasses
    import typing

    from plansite.pages import contexts

    shapes = [c for c in vars(contexts).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]
    assert len(shapes) > 40
    for shape in shapes:
        typing.get_type_hints(shape)
