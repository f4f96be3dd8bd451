"""实施情况 views for every page that shows records: the 实施情况 page itself, the task and department
pages, the matrix, the targets page and the home page. No Jinja, no MkDocs here."""
from __future__ import annotations

import datetime
from functools import cached_property

from plansite import routes
from plansite.data.progress import SCOPE_LABELS, format_value, safe_url
from plansite.model import Department, Indicator, Observation, Plan, Progress, Record, Source, Task
from plansite.pages.contexts import (
    CoverageRow,
    DepartmentProgress,
    DutyProgress,
    HomeProgress,
    IndicatorProgress,
    Link,
    MeasureProgress,
    Meta,
    ObservationView,
    Option,
    ProgressContext,
    RecordView,
    SourceView,
    StatusView,
    TaskProgress,
)
from plansite.pages.contribute import NO_FORMS, FormLinks
from plansite.plan.duties import KIND_LABELS, Duties
from plansite.plan.progress import Records, status

LATEST_ON_HOME = 3


class ProgressViews:
    def __init__(self, plan: Plan, progress: Progress, duties: Duties, today: datetime.date, links: routes.Links,
                 forms: FormLinks = NO_FORMS):
        self.plan, self.progress, self.duties, self.today, self.links = plan, progress, duties, today, links
        self.forms = forms  # 补充实施记录 links, when the site knows its repository
        self.records = Records(plan, progress, duties)

    # ── shared pieces ────────────────────────────────────────────────────────
    @staticmethod
    def source(source: Source) -> SourceView:
        return SourceView(publisher=source.publisher, title=source.title,
                          date=source.date.printed if source.date else "", date_iso=source.date.iso if source.date else "",
                          url=safe_url(source.url), number=source.number,
                          accessed=source.accessed.printed if source.accessed else "",
                          accessed_iso=source.accessed.iso if source.accessed else "")

    def record(self, src: str, record: Record) -> RecordView:
        tasks = self.records.tasks_of(record)
        depts = self.records.departments_of(record)
        return RecordView(
            id=record.id, anchor=f"record-{record.id}", href=self.links.href(src, routes.PROGRESS, f"record-{record.id}"),
            date=record.date.printed, date_iso=record.date.iso, year=record.date.year,
            title=record.title, summary=record.summary,
            measures=tuple(Link(text=m.label, href=self.links.href(src, routes.task_page(t), m.id)) for t, m in self.records.measures_of(record)),
            tasks=tuple(Link(text=t.label, href=self.links.href(src, routes.task_page(t))) for t in tasks),
            departments=tuple(Link(text=d.name, href=self.links.href(src, routes.department_page(d))) for d in depts),
            figures=tuple(f"{format_value(f.value)} {f.unit}（{f.counts}）" for f in record.figures),
            source=self.source(record.source),
            task_ids=" ".join(t.id for t in tasks), department_ids=" ".join(d.id for d in depts))

    @cached_property
    def status(self) -> StatusView:
        s = status(self.plan, self.progress, self.today)
        return StatusView(state=s.state, label=s.label, text=s.text, period=s.period,
                          built=f"{self.today.year}年{self.today.month}月{self.today.day}日",
                          built_iso=self.today.isoformat(), record_count=len(self.progress.records))

    # ── the 实施情况 page ────────────────────────────────────────────────────
    def progress_page(self, meta: Meta) -> ProgressContext:
        src = routes.PROGRESS
        t = self.records
        years = tuple(Option(value=str(y), label=f"{y}年", count=sum(r.date.year == y for r in t.newest_first)) for y in t.years)
        tasks = tuple(Option(value=task.id, label=task.label, count=len(t.for_task(task)))
                      for task in self.duties.tasks if t.for_task(task))
        depts = tuple(Option(value=d.id, label=d.name, count=len(t.for_department(d)))
                      for d in self.duties.departments_sorted if t.for_department(d))
        coverage = tuple(CoverageRow(task=Link(text=task.label, href=self.links.href(src, routes.task_page(task), "progress")),
                                     kind_label=KIND_LABELS[task.kind], covered=t.coverage(task),
                                     measures=len(task.measures), records=len(t.for_task(task)))
                         for task in self.duties.tasks)
        return ProgressContext(
            meta=meta, status=self.status, records=tuple(self.record(src, r) for r in t.newest_first),
            years=years, tasks=tasks, departments=depts, coverage=coverage,
            feed_href=self.links.href(src, routes.FEED), editors_href=self.links.href(src, "editors.md", "progress"),
            downloads=(Link(text="CSV：实施记录", href=self.links.href(src, routes.records_download("csv"))),
                       Link(text="CSV：指标观测值", href=self.links.href(src, routes.observations_download("csv"))),
                       Link(text="XLSX / JSON：随分工总表下载", href=self.links.href(src, routes.matrix_download("xlsx"))),
                       Link(text="全部数据表和说明", href=self.links.href(src, routes.ABOUT, "downloads"))))

    # ── sections of other pages ──────────────────────────────────────────────
    def task(self, src: str, task: Task) -> TaskProgress:
        t = self.records
        return TaskProgress(
            measures=tuple(MeasureProgress(id=m.id, title=m.label, records=tuple(self.record(src, r) for r in t.for_measure(m)),
                                           add_href=self.forms.add_record(measure=(task, m)))
                           for m in task.measures),
            task_only=tuple(self.record(src, r) for r in t.task_only(task)), covered=t.coverage(task),
            records_href=self.links.href(src, routes.PROGRESS), add_href=self.forms.add_record(task=task))

    def department(self, src: str, dept: Department) -> DepartmentProgress:
        t = self.records
        mine = t.for_department(dept)
        views = {r.id: self.record(src, r) for r in mine}
        by_duty = {}
        for a in self.duties.for_department(dept):
            ids = {r.id for r in t.for_task(a.task)}
            # keyed like the duty's section on the department page (DutyView.anchor)
            by_duty[f"duty-{a.task.id}"] = DutyProgress(task_id=a.task.id, total=len(ids),
                                             with_department=tuple(views[r.id] for r in mine if r.id in ids))
        return DepartmentProgress(records=tuple(views[r.id] for r in mine), duties=by_duty,
                                  records_href=self.links.href(src, routes.PROGRESS), add_href=self.forms.add_record(department=dept))

    def cell(self, dept: Department, task: Task) -> int:
        return self.records.cell(dept, task)

    def observation(self, obs: Observation, indicator: Indicator) -> ObservationView:
        unit = indicator.unit or ""
        return ObservationView(year=obs.year, value=f"{format_value(obs.value)}{unit}", scope=obs.scope,
                               scope_label=SCOPE_LABELS[obs.scope], own=obs.scope == "district", note=obs.note,
                               source=self.source(obs.source))

    def indicator(self, indicator: Indicator) -> IndicatorProgress:
        series = [self.observation(o, indicator) for o in self.records.observations(indicator.id)]
        own = tuple(o for o in series if o.own)
        target = next((v for v in indicator.values if v.role == "target"), None)
        unit = indicator.unit or ""
        mine = [o for o in self.records.observations(indicator.id) if o.scope == "district"]
        if target is None or target.value is None or target.year is None:
            comparison = "文件没有给出可以与观测值比较的目标数值。"
        else:
            goal = f"{format_value(target.value)}{unit}"
            at_target = next((o for o in mine if o.year == target.year), None)
            if at_target is not None:
                reached = "达到" if at_target.value >= target.value else "低于"
                comparison = (f"{target.year}年目标为{goal}；本区{target.year}年的公开数值为"
                              f"{format_value(at_target.value)}{unit}，{reached}目标。")
            else:
                comparison = f"尚未见到公开发布的本区{target.year}年数值，无法判断{target.year}年目标（{goal}）是否达到。"
                if mine:
                    last = mine[-1]
                    comparison += f"本站收录的最近一个本区数值是{last.year}年的{format_value(last.value)}{unit}。"
        return IndicatorProgress(indicator_id=indicator.id, own=own, references=tuple(o for o in series if not o.own),
                                 comparison=comparison)

    def home(self, src: str) -> HomeProgress:
        latest = self.records.newest_first[:LATEST_ON_HOME]
        return HomeProgress(status=self.status, latest=tuple(self.record(src, r) for r in latest),
                            record_count=len(self.progress.records), records_href=self.links.href(src, routes.PROGRESS))
