"""Shared fixtures. Tests import the same plansite package the build uses."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from plansite.index import PlanIndex  # noqa: E402
from plansite.load import load_plan  # noqa: E402

SOURCE = ROOT / "data" / "source" / "wulong-fubanfa-2022-30.txt"
PLAN = ROOT / "data" / "plan.yaml"


@pytest.fixture(scope="session")
def plan():
    return load_plan(PLAN, "data/plan.yaml")


@pytest.fixture(scope="session")
def index(plan):
    return PlanIndex(plan)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")
