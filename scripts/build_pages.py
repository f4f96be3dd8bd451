#!/usr/bin/env python3
"""Command line for editors and for the build.

  python scripts/build_pages.py check [FILE] [--progress PROGRESS]
                                                 check data/plan.yaml and data/progress.yaml (the
                                                 implementation records); exit 0 if valid, 1 if not.
                                                 With FILE, only that plan, unless --progress is given
  python scripts/build_pages.py generate DIR     write the generated Markdown pages into DIR (to inspect them)
  python scripts/build_pages.py build [SITE]     check, then `mkdocs build --strict` into a temporary
                                                 folder, and only on success replace SITE (default: site/)
  python scripts/build_pages.py schema [FILE]    write the JSON Schema of plan.yaml, derived from the model
                                                 (default: docs/schema/plan.schema.json; a test keeps it current)
  python scripts/build_pages.py import SOURCE [--out DRAFT] [--force]
                                                 read a published plan (text, web page, Word, PDF) and write a
                                                 draft plan.yaml (default: data/plan.draft.yaml, never over an
                                                 existing file without --force) and a report of what to review

The site itself is built by MkDocs: mkdocs.yml loads scripts/mkdocs_hooks.py, which runs the same
load → validate → render steps inside `mkdocs build` and `mkdocs serve`.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from plansite.load import load_plan
from plansite.problems import PlanError

DEFAULT_DATA = ROOT / "data" / "plan.yaml"
DEFAULT_PROGRESS = ROOT / "data" / "progress.yaml"
DEFAULT_SCHEMA = ROOT / "docs" / "schema" / "plan.schema.json"
PROGRESS_SCHEMA = ROOT / "docs" / "schema" / "progress.schema.json"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def check(path: Path, progress: Path | None = None) -> int:
    try:
        plan = load_plan(path, display_path(path))
    except PlanError as err:
        print(err.report(), file=sys.stderr)
        return 1
    tasks = sum(len(c.tasks) for c in plan.chapters)
    print(f"{display_path(path)}：检查通过。{tasks} 项任务，{len(plan.departments)} 个{plan.words.department}，"
          f"{sum(len(r.lead) + len(r.responsible) for r in plan.annex)} 条分工。")
    if progress is None:
        return 0
    from plansite.progress import load_progress
    from plansite.timeline import BuildDateError, build_date

    try:
        done = load_progress(progress, plan, build_date(), display_path(progress))
    except PlanError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except BuildDateError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"{display_path(progress)}：检查通过。{len(done.records)} 条实施记录，{len(done.observations)} 个指标观测值。")
    return 0


def generate(out: Path) -> int:
    from plansite.output import generate as render_pages
    from plansite.progress import load_progress
    from plansite.timeline import BuildDateError, build_date

    try:
        plan = load_plan(DEFAULT_DATA, display_path(DEFAULT_DATA))
        progress = load_progress(DEFAULT_PROGRESS, plan, build_date(), display_path(DEFAULT_PROGRESS))
        rendered = render_pages(plan, progress=progress)  # the records too, as the site build does
    except PlanError as err:
        print(err.report(), file=sys.stderr)
        return 1
    except BuildDateError as err:  # SOURCE_DATE_EPOCH set to something that is not a timestamp
        print(err, file=sys.stderr)
        return 1
    for src, content in rendered.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(f"已写入 {out}")
    return 0


def build(site: Path) -> int:
    """Build into a fresh folder beside SITE and swap it in only when MkDocs succeeded,
    so a failed build never leaves a half-written site."""
    if check(DEFAULT_DATA, DEFAULT_PROGRESS) != 0:
        print(f"{display_path(site)} 保持不变。", file=sys.stderr)
        return 1
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                             "-f", str(ROOT / "mkdocs.yml"), "-d", str(fresh)], cwd=ROOT)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(f"构建失败，{display_path(site)} 保持不变。", file=sys.stderr)
        return 1
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"网站已生成：{display_path(site)}")
    return 0


def schema_text(which: str = "plan") -> str:
    import json

    from plansite.model import Progress
    from plansite.schema import json_schema

    if which == "progress":
        data = json_schema(Progress, "data/progress.yaml", "progress.schema.json",
                           "实施情况：方案印发后的实施记录和指标观测值（与正文分开）。由 scripts/plansite/model.py 自动生成，"
                           "请勿手改；重新生成：python scripts/build_pages.py schema")
    else:
        data = json_schema()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_schema(out: Path) -> int:
    """The plan's schema at OUT, the progress file's beside it (progress.schema.json)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(schema_text(), encoding="utf-8")
    beside = out.with_name(PROGRESS_SCHEMA.name)
    beside.write_text(schema_text("progress"), encoding="utf-8")
    print(f"已写入 {display_path(out)} 和 {display_path(beside)}")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "check" and len(argv) <= 4:
        rest = argv[1:]
        progress: Path | None = None
        if "--progress" in rest:
            at = rest.index("--progress")
            if at + 1 >= len(rest):
                print(__doc__, file=sys.stderr)
                return 2
            progress = Path(rest[at + 1])
            rest = rest[:at] + rest[at + 2:]
        if len(rest) > 1:
            print(__doc__, file=sys.stderr)
            return 2
        if not rest and progress is None:
            progress = DEFAULT_PROGRESS
        return check(Path(rest[0]) if rest else DEFAULT_DATA, progress)
    if len(argv) == 2 and argv[0] == "generate":
        return generate(Path(argv[1]))
    if len(argv) in (1, 2) and argv[0] == "build":
        return build(Path(argv[1]) if len(argv) == 2 else ROOT / "site")
    if len(argv) >= 1 and argv[0] == "import":
        from plansite.importer.cli import main as import_main

        return import_main(argv[1:], ROOT, lambda p: display_path(Path(p)))
    if len(argv) in (1, 2) and argv[0] == "schema":
        return write_schema(Path(argv[1]) if len(argv) == 2 else DEFAULT_SCHEMA)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
