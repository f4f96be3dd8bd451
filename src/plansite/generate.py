"""What a build makes from checked data: every page and download, and the navigation.

Pure functions, no MkDocs: site/plugin.py hands the result to MkDocs; the command line's `generate`,
the tests and the benchmark call them directly. Everything a build depends on comes in one `Inputs`.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from plansite import routes
from plansite.data.plan import Loaded
from plansite.data.project import ProjectData
from plansite.downloads import feed, tables
from plansite.model import Plan, Progress
from plansite.pages import guide
from plansite.pages.builder import Builder, Page
from plansite.pages.contribute import FormLinks, Repository
from plansite.pages.render import Renderer

GUIDE_PAGES = {guide.SRC}  # generated pages that show no plan data: no data date


@dataclass(frozen=True, kw_only=True)
class Inputs:
    """Everything one build reads and decides, gathered once: the pages depend on nothing else."""
    source: Loaded  # data/plan.yaml, checked: the plan, its text and where each part sits in it
    today: datetime.date  # the build date (plan/timeline.build_date): the current stage, the plan's status
    progress: Progress = field(default_factory=Progress)  # data/progress.yaml, checked against the plan and `today`
    progress_text: str | None = None  # that file as written, which the editors' guide quotes
    site_url: str = ""  # the public address (mkdocs.yml site_url): download links are absolute when it is set
    repository: Repository | None = None  # where the data lives (mkdocs.yml repo_url): the pages' links into its forms
    directory_urls: bool = True  # MkDocs' setting of that name: off in the offline copy
    offline_zip: bytes | None = None  # the offline copy, published and linked when the build made one

    @classmethod
    def of(cls, data: ProjectData, today: datetime.date, **kw: object) -> Inputs:
        return cls(source=data.source, progress=data.progress, progress_text=data.progress_text, today=today, **kw)  # type: ignore[arg-type]

    @property
    def plan(self) -> Plan:
        return self.source.plan


@dataclass(frozen=True)
class Output:
    files: dict[str, str | bytes]  # path in the site → content: pages (Markdown) and downloads
    descriptions: dict[str, str]  # page → its own description


def pages(inputs: Inputs) -> list[Page]:
    """Every page, the editors' guide included, laid out but not yet rendered."""
    links = routes.Links(inputs.directory_urls)
    out = [*Builder(inputs.plan, inputs.today, links=links, site_url=inputs.site_url, progress=inputs.progress,
                    offline_size=len(inputs.offline_zip) if inputs.offline_zip else None,
                    forms=FormLinks(inputs.repository)).pages()]
    out.append(Page(src=guide.SRC, template="editors.md.j2", description=guide.DESCRIPTION,
                    context=guide.context(inputs.source, links=links, today=inputs.today, progress_text=inputs.progress_text,
                                          site_url=inputs.site_url, repository=inputs.repository)))
    return out


def pages_markdown(inputs: Inputs) -> dict[str, str]:
    """Every page's Markdown, without the downloads (what `review` compares)."""
    renderer = Renderer()
    return {page.src: renderer.render(page) for page in pages(inputs)}


def generate(inputs: Inputs) -> Output:
    """Every page and download, plus robots.txt and the records' Atom feed."""
    plan, progress, site_url = inputs.plan, inputs.progress, inputs.site_url
    links = routes.Links(inputs.directory_urls)
    renderer = Renderer()
    laid_out = pages(inputs)
    out: dict[str, str | bytes] = {page.src: renderer.render(page) for page in laid_out}
    out.update(tables.downloads(plan, links, site_url, progress))  # duty lists, the matrix and the records as CSV/XLSX/JSON
    out[routes.FEED] = feed.atom(plan, progress, links, site_url, inputs.today)
    out[ROBOTS] = robots_txt(site_url)
    if inputs.offline_zip:
        out[routes.OFFLINE_ZIP] = inputs.offline_zip
    return Output(out, {page.src: page.description for page in laid_out})


ROBOTS = "robots.txt"


def robots_txt(site_url: str) -> str:
    """Every page may be indexed. The sitemap is named only when the public address is known: a Sitemap
    line must be an absolute URL. (Crawlers read robots.txt only at a host's root: under a sub-path the
    portal's own robots.txt has to name our sitemap.)"""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return "\n".join(lines) + "\n"
