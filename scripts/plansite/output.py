"""What a build makes from a valid plan: every page and download (generate) and the navigation.

Pure functions, no MkDocs: hooks.py hands their results to MkDocs; build_pages.py's `generate`
command, the tests and the benchmark call them directly.
"""
from __future__ import annotations

import html
from pathlib import Path

from . import exports, feed, guide, routes
from .load import Loaded, load
from .model import Plan, Progress
from .pages import Builder, Page
from .render import Renderer

DATA_FILE = Path("data") / "plan.yaml"
PROGRESS_FILE = Path("data") / "progress.yaml"  # 实施记录: optional, checked against the plan
# Everything a build reads, relative to the project root: what a throwaway copy of the project needs
# (the tests' and the benchmark's). The editors' guide's examples live in scripts/plansite/examples/.
BUILD_INPUTS = ("mkdocs.yml", "overrides", "docs", "scripts", "data")
NOT_FROM_DATA = {guide.SRC}  # generated pages that show no plan data: no data date


def generate(plan: Plan, site_url: str = "", source: Loaded | None = None,
             descriptions: dict[str, str] | None = None, offline_zip: bytes | None = None,
             progress: Progress | None = None, directory_urls: bool = True) -> dict[str, str | bytes]:
    """Every page and download, plus robots.txt and the records' Atom feed. `source` is the file the
    editors' guide quotes (default: data/plan.yaml); `site_url` makes download links absolute when it is
    set; `descriptions`, when given, receives each page's description; `offline_zip` is the offline copy,
    published and linked when given; `progress` holds the implementation records (none when not given);
    `directory_urls` is MkDocs' setting of that name (off in the offline copy). It is set here on every
    call, so the links never depend on what an earlier build in the same process chose."""
    routes.use_directory_urls(directory_urls)
    renderer = Renderer()
    progress = progress or Progress()
    pages = [*Builder(plan, site_url=site_url, offline_size=len(offline_zip) if offline_zip else None,
                      progress=progress).pages()]
    if source is None:
        source = load(guide.ROOT / DATA_FILE, str(DATA_FILE))
    pages.append(Page(src=guide.SRC, template="editors.md.j2", context=guide.context(source),
                      description=guide.DESCRIPTION))
    out: dict[str, str | bytes] = {page.src: renderer.render(page) for page in pages}
    if descriptions is not None:
        descriptions.update({page.src: page.description for page in pages})
    out.update(exports.downloads(plan, site_url, progress))  # duty lists, the matrix and the records as CSV/XLSX/JSON
    out[routes.FEED] = feed.atom(plan, progress, site_url)
    out[ROBOTS] = robots_txt(site_url)
    if offline_zip:
        out[routes.OFFLINE_ZIP] = offline_zip
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
        {"实施情况": routes.RECORDS},
        *([{"按人群查看": [{"全部人群": routes.GROUPS}, *({html.escape(a.label): routes.group_page(a)} for a in plan.audiences)]}]
          if plan.audiences else []),
        {"提升行动": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "action"]},
        {"重点工程": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "project"]},
        *([{f"各{plan.words.department}职责": routes.DEPARTMENTS}, {"分工总表": routes.MATRIX}] if plan.annex else []),
        {"编辑说明": routes.ABOUT},
    ]
