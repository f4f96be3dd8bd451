"""Each page shows when its own data last changed, from git blame of the lines that feed it; outside
git (or without git) it shows nothing and the build still succeeds.

Which lines feed which page is checked on a made-up blame (a commit map); one real build of a small
git history checks the whole path: git blame, China's calendar day, the line under each page."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from plansite import routes
from plansite.data import yamlnodes
from plansite.data.plan import load, load_plan
from plansite.generate import GUIDE_PAGES
from plansite.pages import freshness as history
from plansite.plan.duties import Duties
from support.paths import PLAN, ROOT, SMALL_PLAN
from support.projectcopy import build, copy_project

FIRST = "2024-03-01T10:00:00+08:00"
SECOND = "2025-06-15T23:30:00+00:00"  # already 16 June in China: dates are China's calendar days
YOUTH_GROUP = "        target_group: 青少年\n"  # the line the second commit changes
FARMERS_GROUP = "        target_group: 农民\n"  # the line left uncommitted
WHOLE_PLAN_PAGES = (routes.HOME, routes.FULL_TEXT, routes.MATRIX, routes.DEPARTMENTS)


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="编辑", GIT_AUTHOR_EMAIL="editor@example.invalid",
               GIT_COMMITTER_NAME="编辑", GIT_COMMITTER_EMAIL="editor@example.invalid")
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def shown_date(site: Path, page: str) -> str | None:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<p class="pl-updated">([^<]*)(?:<time datetime="([\d-]+)">)?', html)
    assert len(found) <= 1
    if not found:
        return None
    words, date = found[0]
    return date or words


def untouched_departments(plan, *tasks: str) -> list[str]:
    """Departments whose page shows nothing of these tasks (no duty in them, no mention in their text)."""
    duties = Duties(plan)
    owners = {o for t in tasks for o in (t, *(m.id for m in duties.task_by_id[t].measures))}
    return [d.id for d in plan.departments if all(a.task.id not in tasks for a in duties.for_department(d))
            and not any(m.block.owner in owners for m in duties.mentions(d))]


# ── which lines date which page: a made-up blame of data/plan.yaml ─────────────────────────────
def line_of(text: str, line: str) -> int:
    assert text.count(line) == 1, line
    return text[:text.index(line)].count("\n") + 1


@pytest.fixture
def freshness(monkeypatch, plan, pages):
    """page src → Freshness for a blame where every line dates from 2024-03-01 bar the given ones."""
    text = PLAN.read_text(encoding="utf-8")
    where = load(PLAN).lines

    def run(changed: dict[str, str | None]) -> dict[str, history.Freshness]:
        commits: dict[int, str | None] = {n: "2024-03-01" for n in range(1, text.count("\n") + 2)}
        commits.update({line_of(text, line): day for line, day in changed.items()})
        monkeypatch.setattr(history, "line_commits", lambda root, rel: commits)
        return history.page_freshness(ROOT, "data/plan.yaml", plan, where, pages, skip=GUIDE_PAGES)
    return run


def test_each_page_dates_its_own_lines(freshness, plan, duties):
    fresh = freshness({YOUTH_GROUP: "2025-06-16"})
    date = {src: f.date for src, f in fresh.items()}
    assert not any(f.uncommitted for f in fresh.values())
    assert date[routes.task_page(duties.task_by_id["youth"])] == "2025-06-16"  # the changed task
    assert date[routes.task_page(duties.task_by_id["farmers"])] == "2024-03-01"  # another task
    assert date[routes.department_page(duties.department_by_id["kexie"])] == "2025-06-16"  # leads youth
    old = untouched_departments(plan, "youth")
    assert len(old) >= 5
    assert {date[routes.department_page(duties.department_by_id[d])] for d in old} == {"2024-03-01"}
    for whole in WHOLE_PLAN_PAGES:  # pages that gather the whole plan
        assert date[whole] == "2025-06-16", whole
    assert set(GUIDE_PAGES) and not set(GUIDE_PAGES) & set(fresh)  # the editors' guide shows no data date


def test_uncommitted_edits_are_said_not_dated(freshness, duties):
    fresh = freshness({YOUTH_GROUP: "2025-06-16", FARMERS_GROUP: None})
    farmers = fresh[routes.task_page(duties.task_by_id["farmers"])]
    assert farmers.uncommitted and farmers.date == "2024-03-01"
    youth = fresh[routes.task_page(duties.task_by_id["youth"])]
    assert (youth.date, youth.uncommitted) == ("2025-06-16", False)


# ── one real build of a small history ─────────────────────────────────────────────────────────
@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A project with two commits (everything on 1 March 2024, then the youth task's target group,
    committed late on 15 June UTC) and an uncommitted edit of the farmers task."""
    project = copy_project(tmp_path_factory.mktemp("repo"))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "数据", date=FIRST)
    plan = project / "data" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(YOUTH_GROUP, "        target_group: 青少年学生\n"), encoding="utf-8")
    git(project, "commit", "-qam", "改面向人群", date=SECOND)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(FARMERS_GROUP, "        target_group: 农民朋友\n", 1), encoding="utf-8")
    return project


def test_a_build_shows_each_pages_date_from_git_blame(repo, tmp_path):
    result = build(repo, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    assert shown_date(site, "actions/youth") == "2025-06-16"
    assert shown_date(site, "actions/farmers") == "本页数据有尚未提交的修改（本地预览）"
    old = untouched_departments(load_plan(repo / "data" / "plan.yaml"), "youth", "farmers")
    assert old and shown_date(site, f"departments/{old[0]}") == "2024-03-01"
    assert shown_date(site, "") == "本页数据有尚未提交的修改（本地预览）"  # the home page gathers the whole plan
    assert shown_date(site, "editors") is None


def test_blame_gives_chinas_day_and_none_for_uncommitted_lines(repo):
    text = (repo / "data" / "plan.yaml").read_text(encoding="utf-8")
    commits = history.line_commits(repo, "data/plan.yaml")
    assert commits is not None  # git can tell
    assert commits[line_of(text, "        target_group: 青少年学生\n")] == "2025-06-16"
    assert commits[line_of(text, "        target_group: 农民朋友\n")] is None
    assert commits[1] == "2024-03-01"


# ── no history: no date, no error ─────────────────────────────────────────────────────────────
def test_outside_git_there_is_no_date_and_no_error(plain_copy_site):
    project, site, result = plain_copy_site  # a plain copy: no .git anywhere above /tmp
    assert history.line_commits(project, "data/plan.yaml") is None
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert shown_date(site, "actions/youth") is None


def test_without_git_installed_there_are_no_dates(repo, tmp_path, monkeypatch, plan, pages):
    monkeypatch.setenv("PATH", str(tmp_path))  # no git to run
    assert history.line_commits(repo, "data/plan.yaml") is None
    assert history.page_freshness(repo, "data/plan.yaml", plan, load(PLAN).lines, pages) == {}


def test_spans_cover_a_record_from_its_first_to_its_last_line():
    text = SMALL_PLAN.read_text(encoding="utf-8")
    lines = text.split("\n")
    where = load(SMALL_PLAN).lines
    node, _ = yamlnodes.compose(text, "minimal.yaml")
    assert node is not None
    assert where == yamlnodes.line_spans(node)
    first, last = where["chapters[1].tasks[0]"]
    assert lines[first - 1].strip() == "- id: youth"
    assert lines[last - 1].strip() == "- 开展活动。"  # its last measure's paragraph; farmers starts after
    assert where["chapters[1].tasks[1]"][0] == last + 1
    assert where["annex[1].responsible[1]"] == (where["annex[1].responsible"][0],) * 2
