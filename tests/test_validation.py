"""Bad input gets a clear error and loses nothing: one fixture per mistake, each with its exact message."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import INVALID_EXAMPLES, INVALID_SHOWN
from plansite.load import load_plan, parse_plan
from plansite.problems import PlanError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
INVALID = sorted(INVALID_EXAMPLES.glob("*.yaml"))


def run_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build_pages.py", "check", str(path.relative_to(ROOT))],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")


def test_real_plan_and_minimal_fixture_pass():
    for path in (ROOT / "data" / "plan.yaml", FIXTURES / "minimal.yaml"):
        result = run_check(path)
        assert result.returncode == 0, result.stderr
        assert "检查通过" in result.stdout


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_its_exact_message(path: Path):
    result = run_check(path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr == path.with_suffix(".expected").read_text(encoding="utf-8")
    # Every problem names the file and line, and (bar whole-file syntax errors) the field.
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{INVALID_SHOWN}/{path.name}:")


def test_every_mistake_the_issue_lists_has_a_fixture():
    names = {p.stem for p in INVALID}
    assert {"yaml-syntax", "duplicate-key", "unknown-key", "missing-field", "empty-field", "wrong-type",
            "yaml-boolean", "duplicate-id", "unknown-department", "department-twice", "lead-and-responsible",
            "task-without-annex", "annex-without-task"} <= names


def test_all_problems_are_reported_at_once():
    with pytest.raises(PlanError) as caught:
        load_plan(INVALID_EXAMPLES / "many-problems.yaml")
    paths = [p.path for p in caught.value.problems]
    assert paths == ["chapters[0].titel", "chapters[1].tasks[1].target_group", "departments[0].kind"]
    # the semantic check (unknown department) is reported once the structure is right
    text = (INVALID_EXAMPLES / "many-problems.yaml").read_text(encoding="utf-8")
    fixed = text.replace("titel:", "title:").replace("target_group: no", "target_group: 农民").replace("kind: 区政府\n", "kind: 区政府部门\n")
    with pytest.raises(PlanError) as caught:
        parse_plan(fixed)
    assert [p.path for p in caught.value.problems] == ["annex[0].lead[1]"]


def test_duplicate_key_names_both_lines():
    with pytest.raises(PlanError) as caught:
        load_plan(INVALID_EXAMPLES / "duplicate-key.yaml")
    (problem,) = caught.value.problems
    assert "第 62 行和第 63 行" in problem.message


def test_missing_file_is_a_message_not_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "check", str(tmp_path / "nope.yaml")],
                            cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "找不到数据文件" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("text, found", [
    ("", "文件是空的"),
    ("- a\n- b\n", "这里应当是一组字段"),
    ("document: {}\n---\nsecond: 1\n", "YAML 格式错误"),
])
def test_odd_whole_files(text, found):
    with pytest.raises(PlanError) as caught:
        parse_plan(text)
    assert found in caught.value.report()
