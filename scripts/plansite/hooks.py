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
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from . import assets, exports, guide, history, navscale, offline, preview, routes
from .load import Loaded, load
from .model import Plan
from .pages import Builder, Page
from .problems import PlanError
from .render import Renderer
from .timeline import BuildDateError

DATA_FILE = Path("data") / "plan.yaml"
# Everything a build reads, relative to the project root: what a throwaway copy of the project needs
# (the tests' and the benchmark's). The editors' guide quotes the invalid fixtures, hence tests/fixtures.
BUILD_INPUTS = ("mkdocs.yml", "overrides", "docs", "scripts", "data", "tests/fixtures")

_generated: dict[str, str | bytes] = {}  # src path → content, for the build in progress
_freshness: dict[str, history.Freshness] = {}  # src path → when its data last changed (empty outside git)
_descriptions: dict[str, str] = {}  # src path → the page's own description (describe.py)
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
    routes.use_directory_urls(config.use_directory_urls)  # off in the offline copy
    if offline.enabled(config):
        offline.prepare(config)
    _generated.clear()
    _descriptions.clear()
    try:
        # The offline copy first (a second build, in a subprocess): the about page gives its size.
        copy = offline.build_copy(config) if offline.wanted(_command, config) else None
        _generated.update(generate(plan, config.site_url or "", source, _descriptions, copy))
    except (BuildDateError, guide.GuideError, offline.OfflineError) as err:
        raise PluginError(f"{err}\n网站没有生成，已有的网站保持不变。") from None
    _freshness.clear()
    _freshness.update(history.page_freshness(root, DATA_FILE.as_posix(), plan, source.lines, _generated,
                                               skip=NOT_FROM_DATA))
    config.nav = navigation(plan)
    config.theme["features"] = navscale.theme_features(plan, config.theme["features"])  # large plans: pruned nav
    return config


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    """Hand each page its description and data date; overrides/main.html shows them."""
    description = _descriptions.get(page.file.src_uri)
    if description:
        page.meta["description"] = description  # overrides/main.html prints it escaped, with Open Graph
    fresh = _freshness.get(page.file.src_uri)
    if fresh is not None:
        page.meta["data_updated"] = fresh.date
        page.meta["data_uncommitted"] = fresh.uncommitted
    return markdown


def generate(plan: Plan, site_url: str = "", source: Loaded | None = None,
             descriptions: dict[str, str] | None = None, offline_zip: bytes | None = None) -> dict[str, str | bytes]:
    """Every page and download, plus robots.txt. `source` is the file the editors' guide quotes (default:
    data/plan.yaml); `site_url` makes download links absolute when it is set; `descriptions`, when given,
    receives each page's description; `offline_zip` is the offline copy, published and linked when given."""
    renderer = Renderer()
    pages = [*Builder(plan, site_url=site_url, offline_size=len(offline_zip) if offline_zip else None).pages()]
    if source is None:
        source = load(guide.ROOT / DATA_FILE, str(DATA_FILE))
    pages.append(Page(guide.SRC, "editors.md.j2", guide.context(source), guide.DESCRIPTION))
    out: dict[str, str | bytes] = {page.src: renderer.render(page) for page in pages}
    if descriptions is not None:
        descriptions.update({page.src: page.description for page in pages})
    out.update(exports.downloads(plan, site_url))  # duty lists and the matrix as CSV/XLSX/JSON
    out[ROBOTS] = robots_txt(site_url)
    if offline_zip:
        out[offline.ZIP] = offline_zip
    return out


ROBOTS = "robots.txt"


def robots_txt(site_url: str) -> str:
    """Every page may be indexed. The sitemap is named only when the public address is known: a Sitemap
    line must be an absolute URL. (Crawlers read robots.txt only at a host's root: under a sub-path the
    portal's own robots.txt has to name our sitemap.)"""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"


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
        {"提升行动": [{html.escape(t.title): routes.task_page(t)} for t in tasks if t.kind == "action"]},
        {"重点工程": [{html.escape(t.title): routes.task_page(t)} for t in tasks if t.kind == "project"]},
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
    if offline.enabled(config):  # the Web Worker shim for file://, from our own folder (offline.py)
        files.append(File.generated(config, offline.SHIM, content=offline.SHIM_SOURCE.read_text(encoding="utf-8")))
    for css in [f for f in files if f.src_uri.startswith("assets/") and f.src_uri.endswith(".css") and not f.generated_by]:
        if css.abs_src_path and Path(css.abs_src_path).is_relative_to(Path(config.docs_dir).resolve()):
            files.remove(css)  # our own stylesheets, not the theme's: ship them without comments
            text = Path(css.abs_src_path).read_text(encoding="utf-8")
            files.append(File.generated(config, css.src_uri, content=assets.minify_css(text)))
    return files


@event_priority(-110)  # after the search hooks have rewritten the index (-100)
def on_post_build(config: MkDocsConfig) -> None:
    if offline.enabled(config):
        offline.inline_search_index(Path(config.site_dir))
