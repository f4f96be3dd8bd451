"""Page pieces for 实施情况 (implementation records): keyword-only, typed, frozen.

Templates read only these; progress_pages.ProgressViews fills them. No Jinja, no MkDocs here.
"""
from __future__ import annotations

from dataclasses import dataclass

from .contexts import Link, Meta

EMPTY = "尚未收录实施记录"  # what the site knows when it has no record: never 未完成


@dataclass(frozen=True, kw_only=True)
class SourceView:
    publisher: str
    title: str
    date: str  # 2024年9月26日
    date_iso: str  # 2024-09-26
    url: str | None  # http(s) only (checked), shown as a link
    number: str | None  # a document number, when there is no URL or beside it


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
class RecordsContext:
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


@dataclass(frozen=True, kw_only=True)
class TaskProgress:
    """The 实施情况 section of an action or project page, under its measures."""
    measures: tuple[MeasureProgress, ...]
    task_only: tuple[RecordView, ...]  # records naming the task but none of its measures
    covered: int
    records_href: str
    empty: str = EMPTY


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
