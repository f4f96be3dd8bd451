"""The project's files the tests read."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "data" / "plan.yaml"
PROGRESS = ROOT / "data" / "progress.yaml"
# The published text the plan is checked against: the one file in data/source/, whatever its name.
SOURCE = next(iter(sorted((ROOT / "data" / "source").glob("*.txt"))))
# The small plan the invalid examples start from (three departments, two tasks): for tests of what a
# build does whatever the plan's size, where the real plan would only cost seconds.
SMALL_PLAN = ROOT / "tests" / "fixtures" / "minimal.yaml"
# A made-up plan with neutral names, one per kind of mistake, each with the check's exact report beside it
# (NAME.expected); the editors' guide quotes them too.
INVALID_DIR = ROOT / "src" / "plansite" / "data" / "examples" / "invalid"
INVALID = sorted(INVALID_DIR.glob("*.yaml"))
# The same for data/progress.yaml (checked against the made-up plan in the folder above them).
PROGRESS_INVALID_DIR = ROOT / "src" / "plansite" / "data" / "examples" / "progress-invalid"


def expected_report(path: Path, shown_as: str) -> str:
    """The check's report for an invalid fixture, naming the file as `shown_as`. The .expected files
    name it by its path in the repository; only the file name is compared, so the folder can move."""
    text = path.with_suffix(".expected").read_text(encoding="utf-8")
    return re.sub(rf"^(?:[^\s:]*/)?{re.escape(path.name)}:", lambda _: f"{shown_as}:", text, flags=re.M)
