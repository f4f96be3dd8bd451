"""MkDocs hooks: the plan is loaded, checked and rendered inside `mkdocs build` / `mkdocs serve`.

Everything happens in on_config, before MkDocs cleans or writes the site directory, so a data
mistake stops the build with the editors' messages and leaves the previous site untouched.
Pages are handed to MkDocs as generated files (File.generated): nothing is written into docs/,
so `mkdocs serve` does not rebuild itself in a loop.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import navscale, routes
from .load import load_plan
from .model import Plan
from .pages import Builder
from .problems import PlanError
from .render import Renderer

DATA_FILE = Path("data") / "plan.yaml"

_generated: dict[str, str | bytes] = {}  # src path → content, for the build in progress


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    try:
        plan = load_plan(root / DATA_FILE, str(DATA_FILE))
    except PlanError as err:
        raise PluginError("data/plan.yaml 有误，网站没有生成，已有的网站保持不变。\n\n" + err.report()) from None
    _generated.clear()
    _generated.update(generate(plan))
    config.nav = navigation(plan)
    config.theme["features"] = navscale.theme_features(plan, config.theme["features"])  # large plans: pruned nav
    return config


def generate(plan: Plan) -> dict[str, str | bytes]:
    renderer = Renderer()
    return {page.src: renderer.render(page) for page in Builder(plan).pages()}


def navigation(plan: Plan) -> list:
    tasks = [t for c in plan.chapters for t in c.tasks]
    return [
        {"首页": routes.HOME},
        {"原文": routes.FULL_TEXT},
        {"提升行动": [{t.title: routes.task_page(t)} for t in tasks if t.kind == "action"]},
        {"重点工程": [{t.title: routes.task_page(t)} for t in tasks if t.kind == "project"]},
        {"各部门职责": routes.DEPARTMENTS},
        {"分工总表": routes.MATRIX},
        {"编辑说明": routes.ABOUT},
    ]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src, content in sorted(_generated.items()):
        existing = files.get_file_from_path(src)
        if existing is not None:  # a hand-written page must not silently shadow generated data
            raise PluginError(f"docs/{src} 与自动生成的页面同名：请删除 docs/{src}，页面内容来自 data/plan.yaml。")
        files.append(File.generated(config, src, content=content))
    return files
