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
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from markupsafe import Markup

from . import assets, guide, history, navscale, offline, preview, routes, terms
from .load import load
from .model import Plan
from .problems import PlanError
from .output import DATA_FILE, NOT_FROM_DATA, generate, navigation
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
        except PlanError as err:
            if self.command == "serve":
                return self.show_mistake(config, err)
            raise PluginError("data/plan.yaml 有误，网站没有生成，已有的网站保持不变。\n\n" + err.report()) from None
        plan = source.plan
        routes.use_directory_urls(config.use_directory_urls)  # off in the offline copy
        if offline.enabled(config):
            offline.prepare(config)
        self.descriptions = {}
        try:
            # The offline copy first (a second build, in a subprocess): the about page gives its size.
            copy = offline.build_copy(config) if offline.wanted(self.command, config) else None
            self.generated = generate(plan, config.site_url or "", source, self.descriptions, copy)
        except (BuildDateError, guide.GuideError, offline.OfflineError) as err:
            self.generated = {}
            raise PluginError(f"{err}\n网站没有生成，已有的网站保持不变。") from None
        # Empty outside git: pages then show no data date.
        self.freshness = history.page_freshness(root, DATA_FILE.as_posix(), plan, source.lines, self.generated,
                                                skip=NOT_FROM_DATA)
        set_site_words(config, plan)
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
        for css in [f for f in files if f.src_uri.startswith("assets/") and f.src_uri.endswith(".css") and not f.generated_by]:
            if css.abs_src_path and Path(css.abs_src_path).is_relative_to(Path(config.docs_dir).resolve()):
                files.remove(css)  # our own stylesheets, not the theme's: ship them without comments
                text = Path(css.abs_src_path).read_text(encoding="utf-8")
                files.append(File.generated(config, css.src_uri, content=assets.minify_css(text)))
        return files


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


@event_priority(-110)  # after the search hooks have rewritten the index (-100)
def on_post_build(config: MkDocsConfig) -> None:
    if offline.enabled(config):
        offline.inline_search_index(Path(config.site_dir))
