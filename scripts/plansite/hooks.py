"""MkDocs hooks: the plan is loaded, checked and rendered inside `mkdocs build` / `mkdocs serve`.

Everything happens in on_config, before MkDocs cleans or writes the site directory, so a data
mistake stops the build with the editors' messages and leaves the previous site untouched.
Pages are handed to MkDocs as generated files (File.generated): nothing is written into docs/,
so `mkdocs serve` does not rebuild itself in a loop.
"""
from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from . import assets, exports, guide, history, navscale, preview, routes, terms
from .load import Loaded, load
from .model import Plan
from .pages import Builder, Page
from .problems import PlanError
from .render import Renderer
from .timeline import BuildDateError

DATA_FILE = Path("data") / "plan.yaml"
# Everything a build reads, relative to the project root: what a throwaway copy of the project needs
# (the tests' and the benchmark's). The editors' guide's examples live in scripts/plansite/examples/.
BUILD_INPUTS = ("mkdocs.yml", "overrides", "docs", "scripts", "data")

_generated: dict[str, str | bytes] = {}  # src path → content, for the build in progress
_freshness: dict[str, history.Freshness] = {}  # src path → when its data last changed (empty outside git)
NOT_FROM_DATA = {guide.SRC}  # generated pages that show no plan data: no data date


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


_command = "build"  # set by on_startup: "serve" shows a data mistake in the preview (preview.py)


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = project_root(config)
    try:
        source = load(root / DATA_FILE, str(DATA_FILE))
    except PlanError as err:
        if _command == "serve":
            preview.report(err)
            pages = preview.error_pages(err, _generated)
            _generated.clear()
            _generated.update(pages)
            _freshness.clear()
            config.nav = preview.navigation()
            config.extra["preview_error"] = preview.error_html(err)
            return config
        raise PluginError("data/plan.yaml 有误，网站没有生成，已有的网站保持不变。\n\n" + err.report()) from None
    plan = source.plan
    _generated.clear()
    try:
        _generated.update(generate(plan, config.site_url or "", source))
    except (BuildDateError, guide.GuideError) as err:
        raise PluginError(f"{err}\n网站没有生成，已有的网站保持不变。") from None
    _freshness.clear()
    _freshness.update(history.page_freshness(root, DATA_FILE.as_posix(), plan, source.lines, _generated,
                                               skip=NOT_FROM_DATA))
    set_site_words(config, plan)
    config.nav = navigation(plan)
    config.theme["features"] = navscale.theme_features(plan, config.theme["features"])  # large plans: pruned nav
    return config


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Hand each page its data date; overrides/main.html shows it under the content."""
    fresh = _freshness.get(page.file.src_uri)
    if fresh is not None:
        page.meta["data_updated"] = fresh.date
        page.meta["data_uncommitted"] = fresh.uncommitted
    return markdown


def generate(plan: Plan, site_url: str = "", source: Loaded | None = None) -> dict[str, str | bytes]:
    """Every page and download. `source` is the file the editors' guide quotes (default: data/plan.yaml);
    `site_url` makes the downloads' page links absolute when it is set."""
    renderer = Renderer()
    out: dict[str, str | bytes] = {page.src: renderer.render(page) for page in Builder(plan).pages()}
    if source is None:
        source = load(guide.ROOT / DATA_FILE, str(DATA_FILE))
    out[guide.SRC] = renderer.render(Page(src=guide.SRC, template="editors.md.j2", context=guide.context(source)))
    out.update(exports.downloads(plan, site_url))  # duty lists and the matrix as CSV/XLSX/JSON
    return out


def set_site_words(config: MkDocsConfig, plan: Plan) -> None:
    """The site's name, description and footer are about the plan, so they come from data/plan.yaml;
    mkdocs.yml holds only a placeholder name (MkDocs requires one)."""
    config.site_name = terms.site_name(plan)
    config.site_description = terms.site_description(plan)
    config.copyright = terms.copyright_line(plan)


def navigation(plan: Plan) -> list:
    # MkDocs treats nav titles as HTML (a page title taken from an <h1> is HTML too) and the theme
    # prints them unescaped, so data goes in escaped; overrides/main.html escapes <title> again.
    tasks = [t for c in plan.chapters for t in c.tasks]
    return [
        {"首页": routes.HOME},
        {"原文": routes.FULL_TEXT},
        {"目标与进度": routes.TARGETS},
        *([{"按人群查看": [{"全部人群": routes.GROUPS}, *({html.escape(a.label): routes.group_page(a)} for a in plan.audiences)]}]
          if plan.audiences else []),
        {"提升行动": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "action"]},
        {"重点工程": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "project"]},
        *([{f"各{plan.words.department}职责": routes.DEPARTMENTS}, {"分工总表": routes.MATRIX}] if plan.annex else []),
        {"编辑说明": routes.ABOUT},
    ]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for src, content in sorted(_generated.items()):
        existing = files.get_file_from_path(src)
        if existing is not None:  # a hand-written page must not silently shadow generated data
            raise PluginError(f"docs/{src} 与自动生成的页面同名：请删除 docs/{src}，页面内容来自 data/plan.yaml。")
        files.append(File.generated(config, src, content=content))
    for css in [f for f in files if f.src_uri.startswith("assets/") and f.src_uri.endswith(".css") and not f.generated_by]:
        if css.abs_src_path and Path(css.abs_src_path).is_relative_to(Path(config.docs_dir).resolve()):
            files.remove(css)  # our own stylesheets, not the theme's: ship them without comments
            text = Path(css.abs_src_path).read_text(encoding="utf-8")
            files.append(File.generated(config, css.src_uri, content=assets.minify_css(text)))
    return files
