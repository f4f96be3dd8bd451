"""Contributions through GitHub: the names the issue forms offer, and the site's links into them.

One place for what the forms (plansite/contrib/forms.py writes them), the site's links (补充实施记录,
纠错, the data lines a page is made from) and the intake (plansite/contrib/intake.py reads a submitted
form back) must agree on: each form's file, its fields' ids (GitHub pre-fills a text field from the
query parameter of that name), and the name each task, measure and department is offered under.

Dropdowns cannot be pre-filled from a link (GitHub documents query parameters for text fields only), so
the record form has a text field, `preset`, that the site's links fill with the names of what the reader
was looking at (任务：… ；措施：… ；部门：…). The submitter sees it, may keep or edit it, and may pick
more in the dropdowns; the intake reads both. No Jinja, no MkDocs here.
"""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Iterable, Mapping

from plansite import routes
from plansite.model import Department, Measure, Plan, Task
from plansite.pages.freshness import page_sources

RECORD_FORM = "record.yml"  # .github/ISSUE_TEMPLATE/record.yml: 提交实施记录
CORRECTION_FORM = "correction.yml"  # .github/ISSUE_TEMPLATE/correction.yml: 报告错误
PRESET = "preset"  # the record form's text field the site's links fill
PAGE = "page"  # the correction form's text field: the page's address
TASKS, MEASURES, DEPARTMENTS = "tasks", "measures", "departments"  # the record form's dropdowns

# How the preset field names each kind, and what separates them: "措施：培育科普品牌活动（…）；部门：区科协".
PRESET_KINDS = {TASKS: "任务", MEASURES: "措施", DEPARTMENTS: "部门"}
PRESET_SEPARATOR = "；"
DATA_BRANCH = "main"  # the branch the site is published from: data lines are linked there
GITHUB = re.compile(r"https://github\.com/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100}?)(?:\.git)?/?")


class RepositoryError(ValueError):
    """The configured repository address is not a GitHub repository's (the forms live on GitHub)."""


@dataclass(frozen=True)
class Repository:
    """The repository the site's data lives in (mkdocs.yml repo_url, from the environment variable REPO_URL)."""
    owner: str
    name: str

    @classmethod
    def of(cls, url: str | None) -> Repository | None:
        """None without an address (the site then has no contribution links); RepositoryError for an
        address that is not https://github.com/OWNER/REPO."""
        if not url:
            return None
        found = GITHUB.fullmatch(url.strip())
        if found is None or found.group(2) in (".", ".."):
            raise RepositoryError(f"仓库地址（mkdocs.yml 的 repo_url，环境变量 REPO_URL）应当是 https://github.com/所有者/仓库名，实际是“{url}”："
                                  "提交表单和纠错链接只能指向 GitHub 上的仓库。")
        return cls(found.group(1), found.group(2))

    @property
    def url(self) -> str:
        return f"https://github.com/{self.owner}/{self.name}"

    def new_issue(self, form: str, fields: Mapping[str, str]) -> str:
        """The form, with text fields pre-filled from `fields` (field id → text)."""
        query = [("template", form), *((k, v) for k, v in fields.items() if v)]
        return f"{self.url}/issues/new?{urllib.parse.urlencode(query, quote_via=urllib.parse.quote)}"

    def lines(self, path: str, first: int | None = None, last: int | None = None) -> str:
        """A file on the published branch, at lines first–last when given."""
        anchor = "" if first is None else f"#L{first}" if last in (None, first) else f"#L{first}-L{last}"
        return f"{self.url}/blob/{DATA_BRANCH}/{path}{anchor}"


# ── the names the record form offers ────────────────────────────────────────────────────────────
def task_option(task: Task) -> str:
    return task.label


def measure_option(task: Task, measure: Measure) -> str:
    """A measure with its task: measure titles are short and only unique within the plan by luck."""
    return f"{measure.label}（{task.label}）"


def department_option(dept: Department) -> str:
    return dept.name


@dataclass(frozen=True)
class Choices:
    """Every name the record form offers, in the document's order, and the id each stands for."""
    tasks: Mapping[str, str]
    measures: Mapping[str, str]
    departments: Mapping[str, str]

    @classmethod
    def of(cls, plan: Plan) -> Choices:
        tasks: dict[str, str] = {}
        measures: dict[str, str] = {}
        for chapter in plan.chapters:
            for task in chapter.tasks:
                tasks[task_option(task)] = task.id
                measures.update((measure_option(task, m), m.id) for m in task.measures)
        return cls(tasks, measures, {department_option(d): d.id for d in plan.departments})

    def by_kind(self) -> dict[str, Mapping[str, str]]:
        return {TASKS: self.tasks, MEASURES: self.measures, DEPARTMENTS: self.departments}


def preset(tasks: Iterable[str] = (), measures: Iterable[str] = (), departments: Iterable[str] = ()) -> str:
    """The preset field's text for these option names."""
    parts = [f"{PRESET_KINDS[kind]}：{name}" for kind, names in ((TASKS, tasks), (MEASURES, measures), (DEPARTMENTS, departments))
             for name in names]
    return PRESET_SEPARATOR.join(parts)


# ── the site's links ────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class FormLinks:
    """The links a build's pages offer into the forms; every method gives "" without a repository,
    and the templates then leave the link out."""
    repository: Repository | None

    def add_record(self, *, task: Task | None = None, measure: tuple[Task, Measure] | None = None,
                   department: Department | None = None) -> str:
        if self.repository is None:
            return ""
        text = preset(tasks=[task_option(task)] if task else (),
                      measures=[measure_option(*measure)] if measure else (),
                      departments=[department_option(department)] if department else ())
        return self.repository.new_issue(RECORD_FORM, {PRESET: text})

    def correction(self, address: str) -> str:
        return self.repository.new_issue(CORRECTION_FORM, {PAGE: address}) if self.repository else ""


NO_FORMS = FormLinks(None)  # a build without a repository: no links into the forms


def merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Line spans sorted, with overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


@dataclass(frozen=True)
class SpanLink:
    text: str  # 12–40 (lines), or 12
    href: str


@dataclass(frozen=True)
class FileLines:
    """The lines of one data file a page is made from, each span linked on GitHub."""
    file: str  # data/plan.yaml
    href: str  # the whole file
    spans: tuple[SpanLink, ...]  # empty: the page is made from the whole file
    more: int = 0  # spans left out to keep the line short (the whole file's link covers them)


MAX_SPANS = 6


def file_lines(repository: Repository, file: str, spans: Iterable[tuple[int, int]] = ()) -> FileLines:
    """`spans` in the order of the page's own parts (freshness.page_sources: the task and its annex row before
    the departments it names): when there are more than MAX_SPANS, those come first; shown in line order."""
    given = list(spans)
    joined = merged(given)
    ranked = list(dict.fromkeys(next(j for j in joined if j[0] <= a and b <= j[1]) for a, b in given))
    shown = tuple(SpanLink(text=f"{a}–{b}" if b > a else str(a), href=repository.lines(file, a, b))
                  for a, b in sorted(ranked[:MAX_SPANS]))
    return FileLines(file=file, href=repository.lines(file), spans=shown, more=max(0, len(joined) - MAX_SPANS))


def data_lines(repository: Repository | None, plan: Plan, where: Mapping[str, tuple[int, int]], pages: Iterable[str], *,
               plan_file: str, progress_file: str | None, skip: Iterable[str] = ()) -> dict[str, tuple[FileLines, ...]]:
    """For each page made from the data (not those in `skip`, e.g. the editors' guide): the lines of
    plan_file it is made from (freshness.page_sources; a page that gathers the whole plan, the whole file)
    and, for pages that show implementation records, the whole progress file. `where` is the lines of
    each YAML path (data.plan.Loaded.lines). Empty without a repository."""
    if repository is None:
        return {}
    sources = page_sources(plan)
    out = {}
    for src in sorted(set(pages) - set(skip)):
        if not src.endswith(".md"):
            continue
        paths = sources.get(src)
        files = [file_lines(repository, plan_file, [where[p] for p in paths] if paths else ())]
        if progress_file and routes.shows_progress(src):
            files.append(file_lines(repository, progress_file))
        out[src] = tuple(files)
    return out
