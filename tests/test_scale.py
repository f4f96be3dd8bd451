"""Generation at scale: the grouped lookups of Duties, the one-pass name finder and the
file-system-free relative links give exactly what the straightforward versions gave, page for
page, on the real plan and on a synthetic plan three times its size (whose department names
contain one another: 区科协 and 区科协（2）)."""
from __future__ import annotations

import posixpath

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import synth
from plansite import routes
from plansite.data.plan import load_plan, parse
from plansite.plan import findnames
from plansite.plan.duties import Duties, Mention
from support.builds import generated
from support.paths import PLAN


# ── the straightforward versions, as they were before the lookups were grouped ──────────────
def naive_for_task(self, task, role):
    return [a for a in self.assignments if a.task.id == task.id and a.role == role]


def naive_for_department(self, dept):
    return [a for a in self.assignments if a.department.id == dept.id]


def naive_role_of(self, dept, task):
    for a in naive_for_department(self, dept):
        if a.task.id == task.id:
            return a.role
    return None


def naive_task_number(self, task):
    return [t.id for t in self.tasks if t.kind == task.kind].index(task.id) + 1


def naive_departments_sorted(self):
    kinds = ("区委部门", "区政府部门", "群团组织", "其他")
    return tuple(sorted(self.plan.departments, key=lambda d: (kinds.index(d.kind), self.plan.departments.index(d))))


def naive_mentions(self, dept):
    names = sorted((dept.name, *dept.variants), key=len, reverse=True)
    out = []
    for block in self.body:
        for name in names:
            if name in block.printed:
                out.append(Mention(block, name))
                break
    return out


NAIVE = {"for_task": naive_for_task, "for_department": naive_for_department, "role_of": naive_role_of,
         "task_number": naive_task_number, "mentions": naive_mentions}


@pytest.fixture(scope="module")
def source3():
    text = yaml.safe_dump(synth.scaled(load_plan(PLAN), 3), allow_unicode=True, sort_keys=False, width=10_000)
    return parse(text, "plan-3x.yaml")


@pytest.fixture(scope="module")
def plan3(source3):
    return source3.plan


@pytest.fixture(scope="module", params=["real", "3x"])
def some_source(request, source, source3):
    return source if request.param == "real" else source3


@pytest.fixture(scope="module")
def some_plan(some_source):
    return some_source.plan


def test_synthetic_plan_has_names_inside_names(plan3):
    names = [n for d in plan3.departments for n in (d.name, *d.variants)]
    assert any(a != b and a in b for a in names[:40] for b in names)


def test_lookups_match_the_straightforward_scans(some_plan):
    duties = Duties(some_plan)
    assert duties.departments_sorted == naive_departments_sorted(duties)
    for task in duties.tasks:
        assert duties.task_number(task) == naive_task_number(duties, task)
        for role in ("lead", "responsible"):
            assert duties.for_task(task, role) == naive_for_task(duties, task, role)
    for dept in some_plan.departments:
        assert duties.for_department(dept) == naive_for_department(duties, dept)
        assert duties.mentions(dept) == naive_mentions(duties, dept)
        for task in duties.tasks:
            assert duties.role_of(dept, task) == naive_role_of(duties, dept, task)
    assert any(duties.mentions(d) for d in some_plan.departments)  # the comparison saw real mentions


def test_pages_are_byte_identical_to_the_straightforward_generation(some_source, monkeypatch):
    fast = generated(some_source)
    with monkeypatch.context() as m:
        for name, function in NAIVE.items():
            m.setattr(Duties, name, function)
        m.setattr(Duties, "departments_sorted", property(naive_departments_sorted))
        m.setattr(routes, "_relpath", lambda target, start: posixpath.relpath(target or ".", start or "."))
        m.setattr(routes.Links, "href", routes.Links._href)
        slow = generated(some_source)
    assert list(fast) == list(slow)
    for src in fast:
        assert fast[src] == slow[src], src


# ── the building blocks, against their definitions ──────────────────────────────────────────
@settings(max_examples=300, deadline=None)
@given(texts=st.lists(st.text(alphabet="区科协教委局（）2", max_size=30), max_size=8),
       names=st.lists(st.text(alphabet="区科协教委局（）2", min_size=1, max_size=6), max_size=10))
def test_occurrences_is_substring_search(texts, names):
    found = findnames.occurrences(texts, names)
    assert set(found) == set(names)
    for name in names:
        assert found[name] == [i for i, text in enumerate(texts) if name in text], name


segment = st.sampled_from(["a", "b", "actions", "departments", "kexie", "index.html"])
site_path = st.lists(segment, max_size=4).map(lambda parts: "/".join(parts))


@settings(max_examples=500, deadline=None)
@given(target=site_path, start=site_path, trailing=st.booleans())
def test_relpath_is_posixpath_relpath(target, start, trailing):
    start = start + "/" if trailing and start else start
    assert routes._relpath(target, start) == posixpath.relpath(target or ".", start or ".")


def test_mentions_keep_document_order_across_a_departments_names(plan):
    """A department with two names, the shorter one found first in the document and the longer one
    later in paragraphs without the shorter: its mentions still come in reading order, each with
    the longest of its names found there."""
    import dataclasses

    body = Duties(plan).body
    short = body[0].printed[:2]
    long = next(b.printed[:6] for b in body[1:] if short not in b.printed and b.printed[:6] not in body[0].printed)
    dept = dataclasses.replace(plan.departments[0], name=long, variants=(short,))
    duties = Duties(dataclasses.replace(plan, departments=(dept, *plan.departments[1:])))
    mentions = duties.mentions(dept)
    assert {m.name for m in mentions} == {short, long}
    assert mentions == naive_mentions(duties, dept)
    order = [b.anchor for b in body]
    assert [order.index(m.block.anchor) for m in mentions] == sorted(order.index(m.block.anchor) for m in mentions)


# ── the navigation of a large plan ──────────────────────────────────────────────────────────
def test_navigation_is_pruned_only_for_large_plans(plan, plan3):
    from plansite.site import navigation as navscale

    features = ["navigation.top", "toc.follow"]
    assert navscale.theme_features(plan, features) == features  # the real plan: full navigation
    assert navscale.theme_features(plan3, features) == [*features, "navigation.prune"]
    assert navscale.theme_features(plan3, [*features, "navigation.prune"]) == [*features, "navigation.prune"]


@pytest.fixture(scope="module")
def pruned_site(tmp_path_factory, epoch):
    """A real build of the small plan copied until it has more tasks than navigation.PRUNE_ABOVE (22 tasks,
    33 departments): the smallest plan whose navigation is pruned. (conftest's 3× plan would do too, but costs
    three times the build, and nothing else in the lane without a browser reads it.)"""
    from plansite.site.navigation import PRUNE_ABOVE
    from support.builds import build, environment
    from support.paths import SMALL_PLAN
    from support.projectcopy import copy_project

    k = PRUNE_ABOVE // len(Duties(load_plan(SMALL_PLAN)).tasks) + 1
    copy = copy_project(tmp_path_factory.mktemp("pruned") / "project",
                        yaml.safe_dump(synth.scaled(load_plan(SMALL_PLAN), k), allow_unicode=True, sort_keys=False))
    result = build(copy / "mkdocs.yml", copy / "site", environment(epoch))
    assert result.returncode == 0, result.stderr
    return copy / "site", k


def test_large_plan_site_carries_only_its_own_section_in_the_nav(pruned_site, site_dir):
    site, k = pruned_site
    department = primary_nav(site / "departments" / "kexie" / "index.html")
    action = primary_nav(site / "actions" / "youth" / "index.html")
    assert "md-nav__item--pruned" in department and f"youth-c{k}/" not in department  # no task list here
    assert f"../youth-c{k}/" in action  # its own section is listed in full
    real = primary_nav(site_dir / "departments" / "kexie" / "index.html")
    assert "md-nav__item--pruned" not in real and "../../actions/youth/" in real and "../../projects/" in real


def primary_nav(page) -> str:
    html = page.read_text(encoding="utf-8")
    start = html.index('<div class="md-sidebar md-sidebar--primary"')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]
