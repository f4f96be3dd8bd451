"""The page contexts: one frozen dataclass per page kind, and the small views they are made of.

Templates read only these (render.py passes one as `c`); pages.Builder fills them from the plan.
No Jinja, no MkDocs, no logic beyond the shapes themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from plansite.model import Department, IndicatorValue, Task
from plansite.pages import charts, indicators
from plansite.pages.opendata import OpenDataView
from plansite.plan import timeline
from plansite.plan.document import Block
from plansite.plan.duties import Role


@dataclass(frozen=True, kw_only=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True, kw_only=True)
class Terms:
    """The plan's own words for what the site talks about (model.Words, terms.py)."""
    department: str  # 部门 / 单位
    lead: str  # the annex's lead column: 牵头部门 / 牵头单位
    responsible: str  # its other column: 责任部门 / 配合单位
    category: str  # the annex's first two columns, as printed: 类别, 任务内容
    task: str
    has_annex: bool  # without an annex there are no department pages and no matrix
    level: str  # 区 / 县 / 市: “本区的数值”


@dataclass(frozen=True, kw_only=True)
class Meta:
    """What every page shows of the document (and prints on every sheet)."""
    issuer: str
    number: str | None  # 发文字号; some copies on the web have none
    date: str  # as printed: 2022年4月16日
    date_iso: str
    disclosure: str | None
    plan_title: str
    text_href: str
    terms: Terms


# ── shared pieces ────────────────────────────────────────────────────────────
@dataclass(frozen=True, kw_only=True)
class MeasureView:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    text_href: str  # the same measure in the full text


@dataclass(frozen=True, kw_only=True)
class TaskCard:
    kind_label: str
    number: str
    title: str
    target_group: str | None
    href: str
    lead: tuple[str, ...]
    measure_count: int


# ── page contexts ────────────────────────────────────────────────────────────
@dataclass(frozen=True, kw_only=True)
class HomeContext:
    meta: Meta
    notice_title: str
    baseline: IndicatorValue | None
    target: IndicatorValue | None
    benchmark: IndicatorValue | None
    goal_href: str
    actions: tuple[TaskCard, ...]
    projects: tuple[TaskCard, ...]
    departments_href: str
    matrix_href: str
    attachment_title: str | None
    department_count: int
    assignment_count: int
    task_count: int
    actions_heading: str  # 五项提升行动: the count as a Chinese numeral
    projects_heading: str
    groups: tuple["GroupEntry", ...] = ()  # the "我是…" entry points
    targets_href: str = ""
    goal_name: str = ""  # the first indicator's name, e.g. 全区公民具备科学素质的比例
    goal_unit: str = ""
    progress: HomeProgress | None = None  # status and the latest records


@dataclass(frozen=True, kw_only=True)
class AnnexRowView:
    anchor: str
    category: str
    show_category: bool  # the printed table merges the category cell over its rows
    title: Link
    lead: tuple[Link, ...]
    responsible: tuple[Link, ...]


@dataclass(frozen=True, kw_only=True)
class FullTextContext:
    meta: Meta
    blocks: tuple[Block, ...]
    task_paragraphs: frozenset[str]  # anchors of the paragraphs an action's or project's page shows too
    annex: tuple[AnnexRowView, ...]
    attachment_title: str | None
    about_href: str


@dataclass(frozen=True, kw_only=True)
class TaskContext:
    meta: Meta
    task: Task
    kind_label: str
    heading: str  # （一）实施…
    annex_title: str | None  # only where the annex prints it differently
    measures: tuple[MeasureView, ...]
    lead: tuple[Link, ...]
    responsible: tuple[Link, ...]
    text_href: str
    matrix_href: str
    progress: TaskProgress | None = None  # 实施情况 under the measures


# ── officials: department pages, the departments index, the matrix ───────────
COLLAPSE_OVER = 100  # characters: a measure longer than this starts collapsed on a department page
ROLE_SYMBOLS: dict[Role, str] = {"lead": "●", "responsible": "○"}


@dataclass(frozen=True, kw_only=True)
class Download:
    label: str  # CSV / XLSX / JSON
    href: str
    filename: str  # suggested name when saved (the `download` attribute)
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class Segment:
    """A run of a quoted paragraph; `mark` runs are the department's own name."""
    text: str
    mark: bool


@dataclass(frozen=True, kw_only=True)
class DutyMeasure:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    href: str  # the measure on its task page, which owns the text
    collapsed: bool


@dataclass(frozen=True, kw_only=True)
class DutyView:
    anchor: str
    role: Role
    role_label: str
    task: Link
    kind_label: str
    number: str  # the task's numeral within its kind: 一, 二 …
    annex_title: str | None  # only where the annex prints the task's title differently
    printed_name: str | None  # only where the annex prints this department's name differently
    measures: tuple[DutyMeasure, ...]
    co_lead: tuple[Link, ...]
    co_responsible: tuple[Link, ...]


@dataclass(frozen=True, kw_only=True)
class MentionView:
    where: Link  # the paragraph in the full text; text = its place in the document
    segments: tuple[Segment, ...]


@dataclass(frozen=True, kw_only=True)
class DepartmentContext:
    meta: Meta
    department: Department
    kind_label: str
    variants: tuple[str, ...]
    lead: tuple[DutyView, ...]
    responsible: tuple[DutyView, ...]
    mentions: tuple[MentionView, ...]
    downloads: tuple[Download, ...]
    departments_href: str
    matrix_href: str
    progress: DepartmentProgress | None = None  # records it took part in


@dataclass(frozen=True, kw_only=True)
class DepartmentRow:
    link: Link
    id: str
    variants: tuple[str, ...]
    lead_count: int
    responsible_count: int

    @property
    def total(self) -> int:
        return self.lead_count + self.responsible_count


DEPARTMENT_CHUNK = 50  # rows per table on the departments index; the browser skips off-screen tables


@dataclass(frozen=True, kw_only=True)
class DepartmentGroup:
    anchor: str
    label: str
    rows: tuple[DepartmentRow, ...]

    @property
    def chunks(self) -> tuple[tuple[DepartmentRow, ...], ...]:
        """The real plan's groups are one table each; at 50× a kind has ~1000 departments, and
        separate tables let `content-visibility: auto` keep filtering and loading fast."""
        return tuple(self.rows[i:i + DEPARTMENT_CHUNK] for i in range(0, len(self.rows), DEPARTMENT_CHUNK))


@dataclass(frozen=True, kw_only=True)
class DepartmentsContext:
    meta: Meta
    groups: tuple[DepartmentGroup, ...]
    department_count: int
    matrix_href: str
    downloads: tuple[Download, ...]


@dataclass(frozen=True, kw_only=True)
class MatrixColumn:
    link: Link
    short: str  # 行动一 / 工程三: fits a column header on a phone
    lead_total: int
    responsible_total: int


@dataclass(frozen=True, kw_only=True)
class MatrixCell:
    role: Role | None
    label: str  # 牵头 / 参与 / ""
    symbol: str  # ● / ○ / ""
    href: str  # the task page
    records: int = 0  # records of the task the department took part in
    records_href: str = ""  # those records on the department page


@dataclass(frozen=True, kw_only=True)
class MatrixRow:
    link: Link
    names: str  # the name and its printed variants, for the filter box
    cells: tuple[MatrixCell, ...]
    lead_total: int
    responsible_total: int


@dataclass(frozen=True, kw_only=True)
class MatrixGroup:
    label: str
    rows: tuple[MatrixRow, ...]


@dataclass(frozen=True, kw_only=True)
class MatrixContext:
    meta: Meta
    title: str
    attachment_title: str
    part: str | None  # 第 2 部分：…, when the matrix is split
    columns: tuple[MatrixColumn, ...]
    groups: tuple[MatrixGroup, ...]
    department_count: int
    lead_total: int
    responsible_total: int
    overview: Link | None
    previous: Link | None
    next: Link | None
    downloads: tuple[Download, ...]
    departments_href: str


@dataclass(frozen=True, kw_only=True)
class MatrixPartView:
    link: Link
    chapter: str  # 三、…
    tasks: tuple[Link, ...]
    department_count: int
    assignment_count: int


@dataclass(frozen=True, kw_only=True)
class MatrixOverviewContext:
    meta: Meta
    parts: tuple[MatrixPartView, ...]
    task_count: int
    department_count: int
    assignment_count: int
    per_page: int
    downloads: tuple[Download, ...]
    departments_href: str


@dataclass(frozen=True, kw_only=True)
class VariantView:
    department: Link
    name: str
    variants: tuple[str, ...]
    printed_in: tuple[str, ...]  # tasks whose annex row prints a variant


@dataclass(frozen=True, kw_only=True)
class NoteView:
    where: Link | None
    printed: tuple[str, ...]
    normalised: str | None
    explanation: str | None


@dataclass(frozen=True, kw_only=True)
class NoteGroup:
    """The repairs of one kind (NOTE_LABELS), in the document's order: a table each, so that a phone has
    three columns to show, not four with the kind repeated on every row."""
    anchor: str
    label: str
    notes: tuple[NoteView, ...]


@dataclass(frozen=True, kw_only=True)
class OfflineView:
    """The offline copy of the site (offline.py), offered on the about page."""
    href: str
    filename: str
    size: str  # 1.6 MB
    folder: str  # the folder inside the zip that holds index.html


@dataclass(frozen=True, kw_only=True)
class AboutContext:
    meta: Meta
    variants: tuple[VariantView, ...]
    title_differences: tuple[tuple[Link, str], ...]  # (task, title as the annex prints it)
    note_groups: tuple[NoteGroup, ...]  # kinds in the order they first occur
    editors_href: str = ""  # the editors' guide (guide.py)
    offline: OfflineView | None = None  # only on the online site, when the copy was built
    open_data: OpenDataView | None = None  # the 下载数据 section: every download explained (None: no downloads)


# ── targets and timeline ─────────────────────────────────────────────────────
@dataclass(frozen=True, kw_only=True)
class IndicatorValueView:
    role_label: str  # 基线 / 目标 / 参照标准
    given: bool  # False: the document gives no such value
    value: str  # 8.9% · 不低于 2500人次 · 高于…
    year: str  # 2020年, or ""
    sentence: indicators.Sentence | None  # the whole sentence, the quote marked inside it
    href: str  # the paragraph on the full-text page


@dataclass(frozen=True, kw_only=True)
class IndicatorView:
    id: str
    name: str
    values: tuple[IndicatorValueView, ...]  # always baseline, target, benchmark
    chart: charts.Svg


@dataclass(frozen=True, kw_only=True)
class StageView:
    number: int
    title: str
    years: str  # 2021年 / 2022—2025年
    state: timeline.StageState
    state_label: str
    paragraphs: tuple[str, ...]  # the item's text, verbatim
    href: str


@dataclass(frozen=True, kw_only=True)
class TargetsContext:
    meta: Meta
    indicators: tuple[IndicatorView, ...]
    stages: tuple[StageView, ...]
    plan_state: timeline.PlanState
    period: str  # 2021—2025年
    period_end: int
    built: str  # 2026年11月29日
    built_iso: str
    current: tuple[str, ...]  # titles of the current stages
    overlap: bool  # the build year lies in two stages
    timeline_chart: charts.Svg | None
    schedule_href: str
    progress: dict[str, IndicatorProgress] = field(default_factory=dict)  # indicator id → observations
    records_href: str = ""


# ── browse by group (an editorial grouping of this site, not the document's) ─
@dataclass(frozen=True, kw_only=True)
class GroupEntry:
    id: str
    label: str
    href: str
    measure_count: int


@dataclass(frozen=True, kw_only=True)
class GroupTaskView:
    id: str
    task: Link
    kind_label: str
    number: str
    whole: bool  # the whole task concerns the group
    measures: tuple[MeasureView, ...]  # text_href points at the measure on its task page


@dataclass(frozen=True, kw_only=True)
class GroupContext:
    meta: Meta
    id: str
    label: str
    tasks: tuple[GroupTaskView, ...]
    measure_count: int
    groups_href: str
    others: tuple[GroupEntry, ...]


@dataclass(frozen=True, kw_only=True)
class GroupsContext:
    meta: Meta
    groups: tuple[GroupEntry, ...]


NOTE_LABELS = {
    "page_break": "分页处断开的句子已接回",
    "stray_space": "数字两侧多余的空格已删除",
    "line_break": "标题中的换行已删除",
    "repeated_header": "跨页重复的表头已删除",
    "wording": "原文前后写法不一致，照录",
}


# ── 实施情况 (data/progress.yaml): the progress page and the sections of other pages that show records ──
EMPTY = "尚未收录实施记录"  # what the site knows when it has no record: never 未完成


@dataclass(frozen=True, kw_only=True)
class SourceView:
    publisher: str
    title: str
    date: str  # 2024年9月26日; "" when the source's page gives no date
    date_iso: str  # 2024-09-26
    url: str | None  # http(s) only (checked), shown as a link
    number: str | None  # a document number, when there is no URL or beside it
    accessed: str = ""  # without a date: the day an editor read it (2024年10月8日)
    accessed_iso: str = ""


@dataclass(frozen=True, kw_only=True)
class RecordView:
    id: str
    anchor: str  # record-<id>, on the 实施情况 page
    href: str  # the record on the 实施情况 page, from the page that shows it
    date: str  # as precise as the source: 2024年 · 2024年9月 · 2024年9月25日
    date_iso: str
    year: int
    title: str
    summary: str
    measures: tuple[Link, ...]  # the measures on their task pages
    tasks: tuple[Link, ...]
    departments: tuple[Link, ...]
    figures: tuple[str, ...]  # “19 个（主办单位）”
    source: SourceView
    task_ids: str  # space-separated, for the filters
    department_ids: str


@dataclass(frozen=True, kw_only=True)
class StatusView:
    state: str  # before / during / ended
    label: str  # 实施中 / 实施期已结束
    text: str  # 实施期已结束（最近一条实施记录：2024年9月25日）
    period: str
    built: str  # 2026年12月2日
    built_iso: str
    record_count: int


@dataclass(frozen=True, kw_only=True)
class Option:
    value: str
    label: str
    count: int


@dataclass(frozen=True, kw_only=True)
class CoverageRow:
    task: Link
    kind_label: str
    covered: int  # measures with at least one record
    measures: int
    records: int  # records advancing the task (through it or its measures)


@dataclass(frozen=True, kw_only=True)
class ProgressContext:
    meta: Meta
    status: StatusView
    records: tuple[RecordView, ...]  # newest first
    years: tuple[Option, ...]
    tasks: tuple[Option, ...]
    departments: tuple[Option, ...]
    coverage: tuple[CoverageRow, ...]
    feed_href: str
    editors_href: str
    downloads: tuple[Link, ...]
    empty: str = EMPTY


@dataclass(frozen=True, kw_only=True)
class MeasureProgress:
    id: str  # the measure's id (its heading's anchor on the task page)
    title: str
    records: tuple[RecordView, ...]
    add_href: str = ""  # 补充实施记录: the record form with this measure filled in ("" without a repository)


@dataclass(frozen=True, kw_only=True)
class TaskProgress:
    """The 实施情况 section of an action or project page, under its measures."""
    measures: tuple[MeasureProgress, ...]
    task_only: tuple[RecordView, ...]  # records naming the task but none of its measures
    covered: int
    records_href: str
    empty: str = EMPTY
    add_href: str = ""  # 补充实施记录: the record form with this task filled in ("" without a repository)


@dataclass(frozen=True, kw_only=True)
class DutyProgress:
    """For one duty of a department: is there any record for the task, and with this department?"""
    task_id: str
    total: int  # records advancing the task
    with_department: tuple[RecordView, ...]  # those the department took part in


@dataclass(frozen=True, kw_only=True)
class DepartmentProgress:
    records: tuple[RecordView, ...]  # every record the department took part in, newest first
    duties: dict[str, DutyProgress]  # the duty's anchor (duty-<task id>) → its records
    records_href: str
    empty: str = EMPTY
    add_href: str = ""  # 补充实施记录: the record form with this department filled in ("" without a repository)


@dataclass(frozen=True, kw_only=True)
class ObservationView:
    year: int
    value: str  # 12.3%
    scope: str  # district / chongqing / national
    scope_label: str  # 本区 / 重庆市（参照）/ 全国（参照）
    own: bool  # the district's own figure
    note: str | None
    source: SourceView


@dataclass(frozen=True, kw_only=True)
class IndicatorProgress:
    """Observations of one indicator over the years, against the plan's baseline and target."""
    indicator_id: str
    own: tuple[ObservationView, ...]
    references: tuple[ObservationView, ...]  # not the district's own: labelled as such
    comparison: str  # a plain sentence: compared with the target, or that no figure has been published


@dataclass(frozen=True, kw_only=True)
class HomeProgress:
    status: StatusView
    latest: tuple[RecordView, ...]
    record_count: int
    records_href: str
