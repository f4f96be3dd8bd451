"""A project's data, read and checked together: data/plan.yaml and data/progress.yaml.

The editors' check, every build and the tests read the data through `read`, so a build can never see a
plan checked one way and records checked another. Paths are relative to the project's folder.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from plansite.data.plan import Loaded, load
from plansite.data.problems import PlanError, Problem
from plansite.data.progress import parse_progress
from plansite.model import Progress

DATA_FILE = Path("data") / "plan.yaml"
PROGRESS_FILE = Path("data") / "progress.yaml"  # 实施记录: optional, checked against the plan
# What a project holds besides the installed package, relative to its folder: what a throwaway copy of the
# project needs to build (the tests' and the benchmark's).
BUILD_INPUTS = ("mkdocs.yml", "overrides", "docs", "scripts", "data")


@dataclass(frozen=True, kw_only=True)
class ProjectData:
    source: Loaded  # the checked plan, its text and where each of its parts sits in that text
    progress: Progress  # the checked records and observations (empty when the file does not exist)
    progress_text: str | None  # the progress file as written (the editors' guide quotes it); None without one


def read(root: Path, today: datetime.date) -> ProjectData:
    """Both files of the project at `root`, checked (records against the plan and `today`, the build date).
    Raises PlanError with every problem of the first file that has any."""
    source = load(root / DATA_FILE, DATA_FILE.as_posix())
    text = read_progress_text(root / PROGRESS_FILE)
    progress = Progress() if text is None else parse_progress(text, source.plan, today, PROGRESS_FILE.as_posix())
    return ProjectData(source=source, progress=progress, progress_text=text)


def read_progress_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError as err:
        raise PlanError([Problem(PROGRESS_FILE.as_posix(), 1, 1, "", "", "文件不是 UTF-8 编码",
                                 expected="UTF-8 编码的文本", found=str(err))]) from None
