"""Bad input gets a clear error and loses nothing: one fixture per mistake, each with its exact message."""
from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest

from plansite import cli
from plansite.data.plan import load_plan, parse_plan
from plansite.data.problems import PlanError
from plansite.pages import guide
from support.paths import INVALID, INVALID_DIR, ROOT, expected_report

FIXTURES = ROOT / "tests" / "fixtures"


def shown(path: Path) -> str:
    """How the check names a file given relative to the repository, as editors run it."""
    return path.relative_to(ROOT).as_posix()


def test_the_check_command_reports_and_fails():
    """The command line, once each way (every fixture's message is checked in-process below): the real
    plan passes with exit 0; a plan with several mistakes prints the exact report and exits 1."""
    ok = subprocess.run([sys.executable, "scripts/build_pages.py", "check"], cwd=ROOT, capture_output=True,
                        text=True, encoding="utf-8")
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("data/plan.yaml：检查通过。")
    many = INVALID_DIR / "many-problems.yaml"
    bad = subprocess.run([sys.executable, "scripts/build_pages.py", "check", shown(many)], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8")
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr == expected_report(many, shown(many))  # the file as given, by line, never a traceback


def test_minimal_fixture_passes():
    load_plan(FIXTURES / "minimal.yaml")


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_its_exact_message_also_in_the_editors_guide(path: Path, pages):
    with pytest.raises(PlanError) as caught:  # the one error a mistake may raise: the build turns it into a message
        load_plan(path, shown(path))
    report = caught.value.report() + "\n"  # as the check prints it
    assert report == expected_report(path, shown(path))
    # Every problem names the file and line, and (bar whole-file syntax errors) the field.
    assert report.startswith(f"{shown(path)}:")
    # The editors' guide shows the same message, as it would read for data/plan.yaml, under its own heading.
    guide_md = pages[guide.SRC]
    message = expected_report(path, "data/plan.yaml").rstrip("\n")
    assert html.escape(message, quote=False) in guide_md.replace("&#34;", '"').replace("&#39;", "'")
    title = guide.MISTAKES[path.stem][0]
    assert f"{{ #error-{path.stem} }}" in guide_md and title.split("：")[0] in guide_md


def test_every_mistake_the_issue_lists_has_a_fixture():
    names = {p.stem for p in INVALID}
    assert {"yaml-syntax", "duplicate-key", "unknown-key", "missing-field", "empty-field", "wrong-type",
            "yaml-boolean", "duplicate-id", "unknown-department", "department-twice", "lead-and-responsible",
            "task-without-annex", "annex-without-task"} <= names


def test_all_problems_are_reported_at_once():
    with pytest.raises(PlanError) as caught:
        load_plan(INVALID_DIR / "many-problems.yaml")
    paths = [p.path for p in caught.value.problems]
    assert paths == ["chapters[0].titel", "chapters[1].tasks[1].target_group", "departments[0].kind"]
    # the semantic check (unknown department) is reported once the structure is right
    text = (INVALID_DIR / "many-problems.yaml").read_text(encoding="utf-8")
    fixed = text.replace("titel:", "title:").replace("target_group: no", "target_group: 农民").replace("kind: 区政府\n", "kind: 区政府部门\n")
    with pytest.raises(PlanError) as caught:
        parse_plan(fixed)
    assert [p.path for p in caught.value.problems] == ["annex[0].lead[1]"]


def test_duplicate_key_names_both_lines():
    with pytest.raises(PlanError) as caught:
        load_plan(INVALID_DIR / "duplicate-key.yaml")
    (problem,) = caught.value.problems
    assert "第 62 行和第 63 行" in problem.message


def test_missing_file_is_a_message_not_a_traceback(tmp_path, capsys):
    assert cli.run(ROOT, ["check", str(tmp_path / "nope.yaml")]) == 1  # the command's own code, in-process
    assert "找不到数据文件" in capsys.readouterr().err


@pytest.mark.parametrize("text, found", [
    ("", "文件是空的"),
    ("- a\n- b\n", "这里应当是一组字段"),
    ("document: {}\n---\nsecond: 1\n", "YAML 格式错误"),
])
def test_odd_whole_files(text, found):
    with pytest.raises(PlanError) as caught:
        parse_plan(text)
    assert found in caught.value.report()
