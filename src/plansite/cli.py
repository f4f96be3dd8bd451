"""Command line for editors and for the build (`python scripts/build_pages.py …`, or `python -m plansite …`).

  check [FILE] [--progress PROGRESS]   check data/plan.yaml and data/progress.yaml (the implementation
                                       records); exit 0 if valid, 1 if not. With FILE, only that plan,
                                       unless --progress is given
  generate DIR                         write the generated Markdown pages and downloads into DIR (to inspect them)
  build [SITE]                         check, then `mkdocs build --strict` into a temporary folder, and only
                                       on success replace SITE (default: site/)
  schema [FILE]                        write the JSON Schema of plan.yaml (default: docs/schema/plan.schema.json)
                                       and of progress.yaml beside it, derived from the model (a test keeps them current)
  import SOURCE [--out DRAFT] [--force]
                                       read a published plan (text, web page, Word, PDF) and write a draft
                                       plan.yaml (default: data/plan.draft.yaml, never over an existing file
                                       without --force) and a report of what to review
  forms [--site-url URL]               write the GitHub issue forms (.github/ISSUE_TEMPLATE/) from data/plan.yaml;
                                       config.yml points to the site at URL (else SITE_URL, else the address it had)
  intake EVENT.json [--comment FILE] [--summary FILE]
                                       read a submitted record form (the payload of GitHub's `issues` event) and
                                       append its record to data/progress.yaml; exit 1, changing nothing, when
                                       it refuses. FILE: the reply for the issue (Markdown); the pull request's text
  guide-examples                       write the editors' guide's examples of a review and of a refused form's reply
                                       (src/plansite/pages/examples/), made by the real code; a test keeps them current
  review BASE [HEAD]                   what the change of the data from git revision BASE to HEAD (default: the
                                       working tree) changes on the site, in Chinese Markdown, on standard output

The site itself is built by MkDocs: mkdocs.yml names the plugin (plansite/site/plugin.py), which runs the
same read → check → pages steps inside `mkdocs build` and `mkdocs serve`.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from plansite.data import project
from plansite.data.plan import load
from plansite.data.problems import PlanError, Problem
from plansite.data.progress import parse_progress
from plansite.plan import timeline


@dataclass(frozen=True)
class Project:
    """The folder the commands work on (scripts/build_pages.py passes its own; `python -m plansite` the
    current folder), and the paths in it."""
    root: Path

    @property
    def plan(self) -> Path:
        return self.root / project.DATA_FILE

    @property
    def progress(self) -> Path:
        return self.root / project.PROGRESS_FILE

    @property
    def schema(self) -> Path:
        return self.root / "docs" / "schema" / "plan.schema.json"


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def check(plan_path: Path, progress_path: Path | None) -> int:
    """The plan, then (when given) the progress file against it and today's date."""
    try:
        today = timeline.build_date()
        source = load(plan_path, display_path(plan_path))
    except (PlanError, timeline.BuildDateError) as err:
        return fail(err.report() if isinstance(err, PlanError) else str(err))
    plan = source.plan
    tasks = sum(len(c.tasks) for c in plan.chapters)
    print(f"{display_path(plan_path)}：检查通过。{tasks} 项任务，{len(plan.departments)} 个{plan.words.department}，"
          f"{sum(len(r.lead) + len(r.responsible) for r in plan.annex)} 条分工。")
    if progress_path is None:
        return 0
    warnings: list[Problem] = []
    try:
        text = project.read_progress_text(progress_path)
        done = parse_progress(text, plan, today, display_path(progress_path), warnings) if text is not None else None
    except PlanError as err:
        return fail(err.report())
    if done is None:
        print(f"{display_path(progress_path)}：没有这个文件（还没有实施记录）。")
    else:
        print(f"{display_path(progress_path)}：检查通过。{len(done.records)} 条实施记录，{len(done.observations)} 个指标观测值。")
    if warnings:
        print(warnings_report(warnings))
    return 0


def warnings_report(warnings: list[Problem]) -> str:
    """What passed the check but deserves a second look, said as such."""
    body = "\n\n".join(w.format().replace("  问题：", "  注意：", 1) for w in warnings)
    return f"\n{body}\n\n以上 {len(warnings)} 处不影响生成网站，请核对；确认无误可以保留。"


def generate(here: Project, out: Path) -> int:
    from plansite.generate import Inputs
    from plansite.generate import generate as make

    try:
        today = timeline.build_date()
        files = make(Inputs.of(project.read(here.root, today), today)).files  # the records too, as the site build does
    except PlanError as err:
        return fail(err.report())
    except timeline.BuildDateError as err:  # SOURCE_DATE_EPOCH set to something that is not a timestamp
        return fail(str(err))
    for src, content in files.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    print(f"已写入 {out}")
    return 0


def engine() -> str:
    """MkDocs, or ProperDocs (its maintained fork, which builds this site byte for byte the same) where MkDocs
    is not installed."""
    import importlib.util

    return "mkdocs" if importlib.util.find_spec("mkdocs") is not None else "properdocs"


def build(here: Project, site: Path) -> int:
    """Build into a fresh folder beside SITE and swap it in only when MkDocs succeeded,
    so a failed build never leaves a half-written site."""
    if check(here.plan, here.progress) != 0:
        return fail(f"{display_path(site)} 保持不变。")
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    result = subprocess.run([sys.executable, "-m", engine(), "build", "--strict", "--clean",
                             "-f", str(here.root / "mkdocs.yml"), "-d", str(fresh)], cwd=here.root)
    if result.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        return fail(f"构建失败，{display_path(site)} 保持不变。")
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    fresh.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    print(f"网站已生成：{display_path(site)}")
    return 0


def schema_text(which: str = "plan") -> str:
    from plansite.data.jsonschema import json_schema
    from plansite.model import Progress

    if which == "progress":
        data = json_schema(Progress, "data/progress.yaml", "progress.schema.json",
                           "实施情况：方案印发后的实施记录和指标观测值（与正文分开）。由 src/plansite/model.py 自动生成，"
                           "请勿手改；重新生成：python scripts/build_pages.py schema")
    else:
        data = json_schema()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_schema(out: Path) -> int:
    """The plan's schema at OUT, the progress file's beside it (progress.schema.json)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(schema_text(), encoding="utf-8")
    beside = out.with_name("progress.schema.json")
    beside.write_text(schema_text("progress"), encoding="utf-8")
    print(f"已写入 {display_path(out)} 和 {display_path(beside)}")
    return 0


def forms(here: Project, site_url: str | None) -> int:
    from plansite.contrib import forms as issue_forms

    try:
        plan = load(here.plan, display_path(here.plan)).plan
    except PlanError as err:
        return fail(err.report())
    current = here.root / issue_forms.FOLDER / issue_forms.CONFIG
    if not site_url and current.exists():
        site_url = issue_forms.address_in(current.read_text(encoding="utf-8"))
    try:
        written = issue_forms.write(here.root, plan, site_url)
    except issue_forms.FormsError as err:
        return fail(str(err))
    folder = display_path(here.root / issue_forms.FOLDER)
    print(f"已写入 {'、'.join(p.name for p in written)}（{folder}）" if written else f"{folder} 中的表单已是最新。")
    if not site_url:
        print("网站的公开地址尚未设定：config.yml 暂不指向网站。设定 SITE_URL 后再运行一次。")
    return 0


def options(rest: list[str], names: tuple[str, ...]) -> tuple[list[str], dict[str, str]] | None:
    """Positional arguments and `--name VALUE` options; None when an option is unknown or has no value."""
    positional, found = [], {}
    items = iter(rest)
    for item in items:
        if item.startswith("--"):
            value = next(items, None)
            if item[2:] not in names or value is None:
                return None
            found[item[2:]] = value
        else:
            positional.append(item)
    return positional, found


def intake(here: Project, event: Path, comment: Path | None, summary: Path | None) -> int:
    from plansite.contrib import intake as form_intake

    result = form_intake.run(here.root, event, comment)
    if isinstance(result, form_intake.Refused):
        return fail("没有采纳：\n\n" + result.report())
    print(f"已采纳：记录 {result.record_id} 已写入 {display_path(here.progress)}。")
    if result.warnings:
        print(warnings_report(list(result.warnings)))
    if summary is not None:
        from plansite.contrib import review

        summary.write_text(form_intake.pull_request_text(result) + review.compare(here.root, "HEAD", None), encoding="utf-8")
    return 0


def review(here: Project, base: str, head: str | None) -> int:
    from plansite.contrib import review as changes

    try:
        text = changes.compare(here.root, base, head)
    except (changes.ReviewError, timeline.BuildDateError) as err:
        return fail(str(err))
    sys.stdout.write(text)
    return 0


def usage() -> int:
    print(__doc__, file=sys.stderr)
    return 2


def run(root: Path, argv: list[str]) -> int:
    """The command in `argv` for the project at `root`."""
    here = Project(root)
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command == "check" and len(rest) <= 3:
        progress: Path | None = None
        if "--progress" in rest:
            at = rest.index("--progress")
            if at + 1 >= len(rest):
                return usage()
            progress = Path(rest[at + 1])
            rest = rest[:at] + rest[at + 2:]
        if len(rest) > 1:
            return usage()
        if not rest and progress is None:
            progress = here.progress
        return check(Path(rest[0]) if rest else here.plan, progress)
    if command == "generate" and len(rest) == 1:
        return generate(here, Path(rest[0]))
    if command == "build" and len(rest) <= 1:
        return build(here, Path(rest[0]) if rest else root / "site")
    if command == "schema" and len(rest) <= 1:
        return write_schema(Path(rest[0]) if rest else here.schema)
    if command == "import":
        from plansite.importer.cli import main as import_main

        return import_main(rest, root, lambda p: display_path(Path(p)))
    if command == "intake" and (parsed := options(rest, ("comment", "summary"))) and len(parsed[0]) == 1:
        given = parsed[1]
        return intake(here, Path(parsed[0][0]), Path(given["comment"]) if "comment" in given else None,
                      Path(given["summary"]) if "summary" in given else None)
    if command == "guide-examples" and not rest:
        from plansite.contrib import examples

        written = examples.write()
        print(f"已写入 {'、'.join(display_path(p) for p in written)}" if written else "编辑指南的示例已是最新。")
        return 0
    if command == "review" and 1 <= len(rest) <= 2:
        return review(here, rest[0], rest[1] if len(rest) == 2 else None)
    if command == "forms" and (not rest or (len(rest) == 2 and rest[0] == "--site-url")):
        return forms(here, rest[1] if rest else os.environ.get("SITE_URL") or None)
    return usage()
