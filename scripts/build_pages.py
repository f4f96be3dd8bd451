#!/usr/bin/env python3
"""Command line for editors and for the build.

  python scripts/build_pages.py check [FILE]     check data/plan.yaml; exit 0 if valid, 1 if not
  python scripts/build_pages.py generate DIR     write the generated Markdown pages into DIR (to inspect them)
  python scripts/build_pages.py build [SITE]     check, then `mkdocs build --strict` into a temporary
                                                 folder, and only on success replace SITE (default: site/)

The site itself is built by MkDocs: mkdocs.yml loads scripts/mkdocs_hooks.py, which runs the same
load → validate → render steps inside `mkdocs build` and `mkdocs serve`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from plansite.load import load_plan  # noqa: E402
from plansite.problems import PlanError  # noqa: E402

DEFAULT_DATA = ROOT / "data" / "plan.yaml"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check(path: Path) -> int:
    try:
        plan = load_plan(path, display_path(path))
    except PlanError as err:
        print(err.report(), file=sys.stderr)
        return 1
    tasks = sum(len(c.tasks) for c in plan.chapters)
    print(f"{display_path(path)}：检查通过。{tasks} 项任务，{len(plan.departments)} 个部门，"
          f"{sum(len(r.lead) + len(r.responsible) for r in plan.annex)} 条分工。")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "check" and len(argv) <= 2:
        return check(Path(argv[1]) if len(argv) == 2 else DEFAULT_DATA)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
