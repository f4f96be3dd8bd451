"""The site's own steps of a build (site/plugin.py calls them in MkDocs' event order).

read       load and check the data, once, into the build's state; a mistake stops `mkdocs build` here,
           before MkDocs cleans or writes the site directory, so the previous site stays untouched.
pages      make every page and download (plansite/generate.py) and hand MkDocs the navigation.
files      hand them to MkDocs as generated files (File.generated): nothing is written into docs/, so
           `mkdocs serve` does not rebuild itself in a loop; our stylesheets and scripts, bundled.
finish     each page's description and data date; its Content Security Policy, last.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.meta import get_data

from plansite import routes
from plansite.data import project
from plansite.data.problems import PlanError
from plansite.generate import GUIDE_PAGES, Inputs, generate
from plansite.model import Plan
from plansite.pages import contribute, freshness, guide
from plansite.plan import terms
from plansite.site import assets, csp, navigation, offline, preview
from plansite.site.material.palette import palette_css, palette_values
from plansite.site.material.patch import MaterialChanged
from plansite.site.state import BuildState

UNCHANGED = "网站没有生成，已有的网站保持不变。"


def read(state: BuildState) -> None:
    """The project's data, checked against the build date. While serving, a mistake is kept to show."""
    try:
        state.data = project.read(state.root, state.today)
    except PlanError as err:
        if state.command != "serve":
            wrong = err.problems[0].file if err.problems else project.DATA_FILE.as_posix()
            raise PluginError(f"{wrong} 有误，{UNCHANGED}\n\n" + err.report()) from None
        state.mistake = err


def pages(state: BuildState, config: MkDocsConfig, last: dict[str, str | bytes]) -> MkDocsConfig:
    """Every page and download; `last` is the previous good build's files (mkdocs serve)."""
    if state.mistake is not None:
        return show_mistake(state, config, state.mistake, last)
    assert state.data is not None
    plan = state.data.source.plan
    if state.offline:
        offline.prepare(config)
    try:
        repository = contribute.Repository.of(config.repo_url)
        # The offline copy first (a second build, in a subprocess): the about page gives its size.
        copy = offline.build_copy(config) if offline.wanted(state.command, config) else None
        state.output = generate(Inputs.of(state.data, state.today, site_url=config.site_url or "",
                                          directory_urls=config.use_directory_urls, offline_zip=copy, repository=repository))
    except (guide.GuideError, offline.OfflineError, contribute.RepositoryError) as err:
        raise PluginError(f"{err}\n{UNCHANGED}") from None
    generated = state.output.files
    data_file = project.DATA_FILE.as_posix()
    # Empty outside git: pages then show no data date.
    dates = freshness.page_freshness(state.root, data_file, plan, state.data.source.lines, generated, skip=GUIDE_PAGES)
    # Pages that show implementation records are also made from data/progress.yaml.
    showing = [src for src in generated if src.endswith(".md") and src not in GUIDE_PAGES and routes.shows_progress(src)]
    state.freshness = freshness.with_file(dates, freshness.file_freshness(state.root, project.PROGRESS_FILE.as_posix()), showing)
    # 纠错 and the data lines each page is made from, linked on GitHub, when the repository is known.
    state.forms = contribute.FormLinks(repository)
    state.data_lines = contribute.data_lines(repository, plan, state.data.source.lines, generated, plan_file=data_file,
                                             progress_file=project.PROGRESS_FILE.as_posix() if state.data.progress_text is not None else None,
                                             skip=GUIDE_PAGES)
    set_site_words(config, plan)
    config.nav = navigation.navigation(plan)
    config.theme["features"] = navigation.theme_features(plan, config.theme["features"])  # large plans: pruned nav
    return config


def show_mistake(state: BuildState, config: MkDocsConfig, err: PlanError, last: dict[str, str | bytes]) -> MkDocsConfig:
    """While serving: every page the last good build had shows the problems (preview.py)."""
    preview.report(err)
    state.output = None
    state.freshness = {}
    config.nav = preview.navigation()
    config.extra["preview_error"] = preview.error_html(err)
    state.preview = preview.error_pages(err, last)
    return config


def generated_files(state: BuildState, config: MkDocsConfig) -> dict[str, str | bytes]:
    if state.output is not None:
        return state.output.files
    return dict(state.preview)


def date_page(state: BuildState, page: MkDocsPage, config: MkDocsConfig) -> None:
    """Hand the page its description, data date and contribution links; overrides/main.html shows them."""
    description = state.output.descriptions.get(page.file.src_uri) if state.output else None
    if description:
        page.meta["description"] = description  # printed escaped, with the Open Graph card
    fresh = state.freshness.get(page.file.src_uri)
    if fresh is not None:
        page.meta["data_updated"] = fresh.date
        page.meta["data_uncommitted"] = fresh.uncommitted
    if state.output is not None and state.forms.repository is not None:
        # The page's address as readers share it: absolute with site_url, else its path from the site's root.
        address = f"{config.site_url.rstrip('/')}/{page.url}" if config.site_url else f"/{page.url}"
        page.meta["pl_contribute"] = {"correction": state.forms.correction(address),
                                      "sources": state.data_lines.get(page.file.src_uri, ())}


def add_files(state: BuildState, files: Files, config: MkDocsConfig) -> Files:
    generated = generated_files(state, config)
    for src, content in sorted(generated.items()):
        existing = files.get_file_from_path(src)
        if existing is not None:  # a hand-written page must not silently shadow generated data
            raise PluginError(f"docs/{src} 与自动生成的页面同名：请删除 docs/{src}，页面内容来自 data/plan.yaml。")
        files.append(File.generated(config, src, content=content))
    if state.offline:  # the Web Worker shim for file://, from our own folder (offline.py)
        files.append(File.generated(config, offline.SHIM, content=offline.SHIM_SOURCE.read_text(encoding="utf-8")))
    add_assets(generated, files, config)
    return files


def add_assets(generated: dict[str, str | bytes], files: Files, config: MkDocsConfig) -> None:
    """Our stylesheets joined into one per page kind, with the rules of Material's palette sheet for our
    palettes first, and our two small head scripts inlined (assets.py)."""
    try:
        ours = assets_of_ours(files, config)
        kinds = {""} | {assets.css_kind(get_data(md)[1].get("page_css"))
                        for src, md in generated.items() if src.endswith(".md") and isinstance(md, str)}
        palette = palette_sheet(files)
        palette_rules = "" if palette is None or not config.theme.get("palette") else palette_css(
            Path(palette.abs_src_path or "").read_text(encoding="utf-8"), palette_values(config.theme["palette"]),
            palette.src_uri)
        sheets = assets.stylesheet_bundles({name.removesuffix(".css"): text for name, (_, text) in ours.items()
                                            if name.endswith(".css")}, kinds, palette_rules)
    except (assets.AssetError, MaterialChanged) as err:
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


def check_styles(output: str, where: str, config: MkDocsConfig) -> None:
    """The page links no palette sheet (its rules are in ours): should Material change how its
    template writes that link, overrides/main.html no longer removes it, and the build says so."""
    dropped = config.extra.get("plansite_palette_css")
    if dropped and dropped in output:
        raise PluginError(f"{where}: 页面仍链接 Material 的 {dropped}（已并入本站样式表）：Material 的模板改变了写法，"
                          "请更新 overrides/main.html 的 styles 块。")


def secure(state: BuildState, output: str, where: str, content: str) -> str:
    """The page with its Content Security Policy (csp.py). The offline copy opened from file:// has
    none: there 'self' covers no useful origin, and its search index comes as a script file."""
    if state.offline:
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
