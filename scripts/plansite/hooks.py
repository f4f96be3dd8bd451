"""MkDocs hooks: the plan is loaded, checked and rendered inside `mkdocs build` / `mkdocs serve`.

Everything happens in on_config, before MkDocs cleans or writes the site directory, so a data
mistake stops the build with the editors' messages and leaves the previous site untouched.
Pages are handed to MkDocs as generated files (File.generated): nothing is written into docs/,
so `mkdocs serve` does not rebuild itself in a loop.

The module-level functions are the events MkDocs calls; each hands over to SiteState, which holds
everything one build carries from one event to the next. What is built lives in output.py.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.meta import get_data

from jinja2 import Environment
from markupsafe import Markup

from . import assets, csp, guide, history, navscale, offline, preview, routes, templatecache, terms, timeline
from .load import load
from .model import Plan
from .problems import PlanError
from .output import DATA_FILE, NOT_FROM_DATA, PROGRESS_FILE, generate, navigation
from .progress import load_progress
from .timeline import BuildDateError


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


@dataclass
class SiteState:
    """One `mkdocs build`, or one `mkdocs serve` session across its rebuilds."""

    command: str = "build"  # "serve" shows a data mistake in the preview (preview.py) instead of stopping
    generated: dict[str, str | bytes] = field(default_factory=dict)  # src path → content, for the build in progress
    freshness: dict[str, history.Freshness] = field(default_factory=dict)  # src path → when its data last changed
    descriptions: dict[str, str] = field(default_factory=dict)  # src path → the page's own description

    def startup(self, command: str) -> None:
        self.command = command

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        root = project_root(config)
        try:
            source = load(root / DATA_FILE, str(DATA_FILE))
            # the implementation records, checked against the plan and the build date
            progress = load_progress(root / PROGRESS_FILE, source.plan, timeline.build_date(), str(PROGRESS_FILE))
        except BuildDateError as err:
            raise PluginError(f"{err}\n网站没有生成，已有的网站保持不变。") from None
        except PlanError as err:
            if self.command == "serve":
                return self.show_mistake(config, err)
            wrong = err.problems[0].file if err.problems else str(DATA_FILE)
            raise PluginError(f"{wrong} 有误，网站没有生成，已有的网站保持不变。\n\n" + err.report()) from None
        plan = source.plan
        routes.use_directory_urls(config.use_directory_urls)  # off in the offline copy
        if offline.enabled(config):
            offline.prepare(config)
        self.descriptions = {}
        try:
            # The offline copy first (a second build, in a subprocess): the about page gives its size.
            copy = offline.build_copy(config) if offline.wanted(self.command, config) else None
            self.generated = generate(plan, config.site_url or "", source, self.descriptions, copy, progress,
                                      directory_urls=config.use_directory_urls)
        except (BuildDateError, guide.GuideError, offline.OfflineError) as err:
            self.generated = {}
            raise PluginError(f"{err}\n网站没有生成，已有的网站保持不变。") from None
        # Empty outside git: pages then show no data date.
        self.freshness = history.page_freshness(root, DATA_FILE.as_posix(), plan, source.lines, self.generated,
                                                skip=NOT_FROM_DATA)
        set_site_words(config, plan)
        # Pages that show implementation records are also made from data/progress.yaml.
        showing = [src for src in self.generated if src.endswith(".md") and src not in NOT_FROM_DATA
                   and routes.shows_records(src)]
        self.freshness = history.with_file(self.freshness, history.file_freshness(root, PROGRESS_FILE.as_posix()), showing)
        config.nav = navigation(plan)
        config.theme["features"] = navscale.theme_features(plan, config.theme["features"])  # large plans: pruned nav
        return config

    def show_mistake(self, config: MkDocsConfig, err: PlanError) -> MkDocsConfig:
        """While serving: every page the last good build had shows the problems (preview.py)."""
        preview.report(err)
        self.generated = dict(preview.error_pages(err, self.generated))
        self.freshness = {}
        config.nav = preview.navigation()
        config.extra["preview_error"] = preview.error_html(err)
        return config

    def date_page(self, page: MkDocsPage) -> None:
        """Hand the page its description and data date; overrides/main.html shows them."""
        description = self.descriptions.get(page.file.src_uri)
        if description:
            page.meta["description"] = description  # printed escaped, with the Open Graph card
        fresh = self.freshness.get(page.file.src_uri)
        if fresh is not None:
            page.meta["data_updated"] = fresh.date
            page.meta["data_uncommitted"] = fresh.uncommitted

    def add_files(self, files: Files, config: MkDocsConfig) -> Files:
        for src, content in sorted(self.generated.items()):
            existing = files.get_file_from_path(src)
            if existing is not None:  # a hand-written page must not silently shadow generated data
                raise PluginError(f"docs/{src} 与自动生成的页面同名：请删除 docs/{src}，页面内容来自 data/plan.yaml。")
            files.append(File.generated(config, src, content=content))
        if offline.enabled(config):  # the Web Worker shim for file://, from our own folder (offline.py)
            files.append(File.generated(config, offline.SHIM, content=offline.SHIM_SOURCE.read_text(encoding="utf-8")))
        self.add_assets(files, config)
        return files

    def add_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Our stylesheets joined into one per page kind, with the rules of Material's palette sheet for our
        palettes first, and our two small head scripts inlined (assets.py)."""
        try:
            ours = assets_of_ours(files, config)
            kinds = {""} | {assets.css_kind(get_data(md)[1].get("page_css"))
                            for src, md in self.generated.items() if src.endswith(".md") and isinstance(md, str)}
            palette = palette_sheet(files)
            palette_rules = "" if palette is None or not config.theme.get("palette") else assets.palette_css(
                Path(palette.abs_src_path or "").read_text(encoding="utf-8"), assets.palette_values(config.theme["palette"]),
                palette.src_uri)
            sheets = assets.stylesheet_bundles({name.removesuffix(".css"): text for name, (_, text) in ours.items()
                                                if name.endswith(".css")}, kinds, palette_rules)
        except assets.AssetError as err:
            raise PluginError(str(err)) from None
        for name, (file, _) in ours.items():
            if name.endswith(".css") or name in assets.INLINED_JS:
                files.remove(file)  # shipped bundled, minified or inlined below, not as written
        if palette is not None:  # its rules for our palettes are in our stylesheets; overrides/main.html drops its link
            source_map = files.get_file_from_path(palette.src_uri + ".map")
            for dropped in (palette, source_map) if source_map is not None else (palette,):
                files.remove(dropped)
        config.extra["plansite_palette_css"] = palette.src_uri if palette is not None else ""
        for name in assets.ON_DEMAND_CSS:
            files.append(File.generated(config, f"assets/{name}.css", content=assets.minify_css(ours[f"{name}.css"][1])))
        for path, css in sheets.values():
            files.append(File.generated(config, path, content=css))
        # overrides/main.html: each page's one stylesheet (by its page_css), and the inlined 长辈模式 script
        config.extra["plansite_css"] = {kind: path for kind, (path, _) in sheets.items()}
        config.extra["plansite_elder_js"] = assets.inline_script(ours["elder.js"][1], "docs/assets/elder.js")
        config.extra["plansite_palette_js"] = assets.inline_script(ours["palette-first-paint.js"][1],
                                                                   "docs/assets/palette-first-paint.js")

    @staticmethod
    def check_styles(output: str, where: str, config: MkDocsConfig) -> None:
        """The page links no palette sheet (its rules are in ours): should Material change how its
        template writes that link, overrides/main.html no longer removes it, and the build says so."""
        dropped = config.extra.get("plansite_palette_css")
        if dropped and dropped in output:
            raise PluginError(f"{where}: 页面仍链接 Material 的 {dropped}（已并入本站样式表）：Material 的模板改变了写法，"
                              "请更新 overrides/main.html 的 styles 块。")

    def secure(self, output: str, where: str, content: str, config: MkDocsConfig) -> str:
        """The page with its Content Security Policy (csp.py). The offline copy opened from file:// has
        none: there 'self' covers no useful origin, and its search index comes as a script file."""
        if offline.enabled(config):
            return output
        try:
            return csp.with_policy(output, where, content)
        except csp.CspError as err:
            raise PluginError(str(err)) from None


def palette_sheet(files: Files) -> File | None:
    """The theme's palette stylesheet (assets/stylesheets/palette.<hash>.min.css), if it has one."""
    found = [f for f in files if re.fullmatch(r"assets/stylesheets/palette\.[0-9a-f]+\.min\.css", f.src_uri)]
    return found[0] if len(found) == 1 else None


def assets_of_ours(files: Files, config: MkDocsConfig) -> dict[str, tuple[File, str]]:
    """Our hand-written stylesheets and scripts in docs/assets/ (not the theme's): name → (file, text)."""
    docs = Path(config.docs_dir).resolve()
    out = {}
    for f in files:
        if (f.src_uri.startswith("assets/") and f.src_uri.count("/") == 1 and f.src_uri.endswith((".css", ".js"))
                and not f.generated_by and f.abs_src_path and Path(f.abs_src_path).is_relative_to(docs)):
            out[f.src_uri.removeprefix("assets/")] = (f, Path(f.abs_src_path).read_text(encoding="utf-8"))
    return out


def set_site_words(config: MkDocsConfig, plan: Plan) -> None:
    """The site's name, description and footer are about the plan, so they come from data/plan.yaml;
    mkdocs.yml holds only a placeholder name (MkDocs requires one). The theme prints them without
    escaping (the footer is HTML on purpose), so the data goes in escaped, marked safe for `| e`."""
    config.site_name = Markup(html.escape(terms.site_name(plan), quote=True))
    config.site_description = Markup(html.escape(terms.site_description(plan), quote=True))
    config.copyright = Markup(html.escape(terms.copyright_line(plan), quote=False))


STATE = SiteState()


def on_startup(command: str, dirty: bool) -> None:
    STATE.startup(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    return STATE.configure(config)


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    STATE.date_page(page)
    return markdown


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return STATE.add_files(files, config)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = templatecache.for_project(project_root(config))  # the theme's, compiled when changed (templatecache.py)
    return env


@event_priority(-110)  # after the search hooks have rewritten the index (-100)
def on_post_build(config: MkDocsConfig) -> None:
    if offline.enabled(config):
        offline.inline_search_index(Path(config.site_dir))


@event_priority(-100)  # last: the policy hashes the page's final inline scripts
def on_post_page(output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
    STATE.check_styles(output, page.file.src_uri, config)
    return STATE.secure(output, page.file.src_uri, page.content or "", config)


@event_priority(-100)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if not template_name.endswith(".html"):
        return output
    STATE.check_styles(output, template_name, config)
    return STATE.secure(output, template_name, "", config)
