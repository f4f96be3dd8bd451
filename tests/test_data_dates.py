"""Each page shows when its own data last changed, from git blame of the lines that feed it; outside
git (or without git) it shows nothing and the build still succeeds."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from plansite import history, yamlnodes
from plansite.index import PlanIndex
from plansite.load import load, load_plan
from projectcopy import build, copy_project

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
FIRST = "2024-03-01T10:00:00+08:00"
SECOND = "2025-06-15T23:30:00+00:00"  # already 16 June in China: dates are China's calendar days


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


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A project with two commits: everything on 1 March 2024, then the youth task's target group."""
    project = copy_project(tmp_path_factory.mktemp("repo"))
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "数据", date=FIRST)
    plan = project / "data" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("        target_group: 青少年\n") == 1
    plan.write_text(text.replace("        target_group: 青少年\n", "        target_group: 青少年学生\n"), encoding="utf-8")
    git(project, "commit", "-qam", "改面向人群", date=SECOND)
    return project


@pytest.fixture(scope="module")
def repo_site(repo, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("repo-site")
    result = build(repo, out)
    assert result.returncode == 0, result.stderr
    return out


def untouched_departments(project: Path) -> list[str]:
    """Departments whose page shows nothing of the youth task (no duty in it, no mention in its text)."""
    plan = load_plan(project / "data" / "plan.yaml")
    index = PlanIndex(plan)
    youth = index.task_by_id["youth"]
    youth_text = {b.owner for b in index.body} & ({youth.id} | {m.id for m in youth.measures})
    return [d.id for d in plan.departments if all(a.task.id != "youth" for a in index.for_department(d))
            and not any(m.block.owner in youth_text for m in index.mentions(d))]


def test_each_page_dates_its_own_lines(repo, repo_site):
    assert shown_date(repo_site, "actions/youth") == "2025-06-16"  # the changed task
    assert shown_date(repo_site, "actions/farmers") == "2024-03-01"  # another task
    assert shown_date(repo_site, "departments/kexie") == "2025-06-16"  # leads youth
    old = untouched_departments(repo)
    assert len(old) >= 5
    assert {shown_date(repo_site, f"departments/{d}") for d in old} == {"2024-03-01"}
    for whole in ("", "text", "matrix", "departments"):  # pages that gather the whole plan
        assert shown_date(repo_site, whole) == "2025-06-16"


def test_uncommitted_edits_are_said_not_dated(repo, tmp_path):
    plan = repo / "data" / "plan.yaml"
    committed = plan.read_text(encoding="utf-8")
    plan.write_text(committed.replace("        target_group: 农民\n", "        target_group: 农民朋友\n", 1), encoding="utf-8")
    try:
        result = build(repo, tmp_path / "site")
        assert result.returncode == 0, result.stderr
    finally:
        plan.write_text(committed, encoding="utf-8")
    assert shown_date(tmp_path / "site", "actions/farmers") == "本页数据有尚未提交的修改（本地预览）"
    assert shown_date(tmp_path / "site", "actions/youth") == "2025-06-16"


def test_outside_git_there_is_no_date_and_no_error(tmp_path):
    project = copy_project(tmp_path / "project")  # a plain copy: no .git anywhere above /tmp
    assert history.line_commits(project, "data/plan.yaml") is None
    result = build(project, tmp_path / "site")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert shown_date(tmp_path / "site", "actions/youth") is None


def test_without_git_installed_there_is_no_date_and_no_error(repo, tmp_path):
    import sys

    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=repo, capture_output=True, text=True, env=dict(os.environ, PATH=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert shown_date(tmp_path / "site", "actions/youth") is None


def test_spans_cover_a_record_from_its_first_to_its_last_line():
    text = MINIMAL.read_text(encoding="utf-8")
    lines = text.split("\n")
    where = load(MINIMAL).lines
    assert where == yamlnodes.line_spans(yamlnodes.compose(text, "minimal.yaml")[0])
    first, last = where["chapters[1].tasks[0]"]
    assert lines[first - 1].strip() == "- id: youth"
    assert lines[last - 1].strip() == "- 开展活动。"  # its last measure's paragraph; farmers starts after
    assert where["chapters[1].tasks[1]"][0] == last + 1
    assert where["annex[1].responsible[1]"] == (where["annex[1].responsible"][0],) * 2
