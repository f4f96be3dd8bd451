"""data/progress.yaml (实施记录): the check rejects each kind of bad record with its exact message; the
JSON Schema editors' tools use covers the file; the status of the plan comes from the build date."""
from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from plansite.data.plan import load_plan
from plansite.data.problems import PlanError
from plansite.data.progress import load_progress, parse_progress
from plansite.model import When
from plansite.plan import timeline
from support.paths import PROGRESS_INVALID_DIR, ROOT

FIXTURES = ROOT / "tests" / "fixtures"
INVALID = sorted(PROGRESS_INVALID_DIR.glob("*.yaml"))
BUILT = datetime.date(2026, 12, 2)  # the build date the .expected files were written with
EPOCH = "1796184000"  # 2026-12-02 12:00 in China


@pytest.fixture(scope="module")
def minimal():
    return load_plan(FIXTURES / "minimal.yaml")


def test_epoch_is_the_build_date_of_the_expected_messages():
    assert timeline.build_date({"SOURCE_DATE_EPOCH": EPOCH}) == BUILT


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_each_bad_record_gives_its_exact_message(path: Path, minimal):
    shown = path.relative_to(ROOT).as_posix()
    with pytest.raises(PlanError) as caught:
        parse_progress(path.read_text(encoding="utf-8"), minimal, BUILT, shown)
    assert caught.value.report() + "\n" == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_every_kind_of_bad_record_the_issue_lists_has_a_fixture():
    assert {"unknown-measure", "unknown-task", "unknown-department", "impossible-date", "future-date",
            "url-not-http", "source-missing", "source-without-url-or-number", "duplicate-record-id"} <= {p.stem for p in INVALID}


def test_check_command_covers_the_progress_file():
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    ok = subprocess.run([sys.executable, "scripts/build_pages.py", "check"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert "data/progress.yaml：检查通过" in ok.stdout
    bad = INVALID[0].relative_to(ROOT).as_posix()
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "check", "tests/fixtures/minimal.yaml", "--progress", bad],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert result.stderr == INVALID[0].with_suffix(".expected").read_text(encoding="utf-8")


def test_every_problem_at_once(minimal):
    text = (FIXTURES / "progress.yaml").read_text(encoding="utf-8")
    text = text.replace("[youth-spirit]", "[youth-sprit]").replace("[farmers]", "[farmer]").replace("kexie, jiaowei", "kexi, jiaowei")
    with pytest.raises(PlanError) as caught:
        parse_progress(text, minimal, BUILT)
    assert [p.path for p in caught.value.problems] == ["records[0].measures[0]", "records[0].departments[0]", "records[1].tasks[0]"]


def test_dates_as_precise_as_the_source(minimal):
    progress = parse_progress((FIXTURES / "progress.yaml").read_text(encoding="utf-8"), minimal, BUILT)
    assert progress.records[0].date == When(2023, 7, 15)
    assert progress.records[1].date == When(2024) and progress.records[1].date.printed == "2024年"
    assert progress.records[1].source.date == When(2024, 3) and progress.records[1].source.date.iso == "2024-03"
    # a record dated today is not in the future; tomorrow is
    text = (FIXTURES / "progress.yaml").read_text(encoding="utf-8").replace("date: 2023-07-15", "date: 2026-12-02")
    parse_progress(text, minimal, BUILT)
    with pytest.raises(PlanError):
        parse_progress(text, minimal, BUILT - datetime.timedelta(days=1))


def test_no_progress_file_means_no_records_yet(tmp_path, minimal):
    assert load_progress(tmp_path / "progress.yaml", minimal, BUILT).records == ()
    (tmp_path / "progress.yaml").write_text("# 还没有记录\n", encoding="utf-8")
    assert load_progress(tmp_path / "progress.yaml", minimal, BUILT).records == ()


# ── the JSON Schema (docs/schema/progress.schema.json) ──────────────────────────────────────────
COMMITTED = ROOT / "docs" / "schema" / "progress.schema.json"


class JsonLikeLoader(yaml.SafeLoader):
    """YAML as an editor's JSON Schema tool sees it: dates stay text."""


JsonLikeLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_errors(path: Path) -> list[str]:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=JsonLikeLoader)
    return [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)]


def test_committed_progress_schema_is_current(tmp_path):
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "schema", str(tmp_path / "plan.schema.json")],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "progress.schema.json").read_text(encoding="utf-8") == COMMITTED.read_text(encoding="utf-8"), \
        "docs/schema/progress.schema.json is stale: run `python scripts/build_pages.py schema`"


def test_schema_accepts_the_data_and_rejects_structural_mistakes():
    assert schema_errors(ROOT / "data" / "progress.yaml") == []
    assert schema_errors(FIXTURES / "progress.yaml") == []
    for name in ("url-not-http", "source-missing", "department-name-for-id"):
        assert schema_errors(PROGRESS_INVALID_DIR / f"{name}.yaml"), name


def test_progress_yaml_points_vs_code_at_its_schema():
    first = (ROOT / "data" / "progress.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../docs/schema/progress.schema.json"
