"""Builds every page's context from the validated plan (pages → contexts.py shapes). No Jinja, no
MkDocs here: render.py turns a Page into Markdown, site/plugin.py hands it to MkDocs."""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

from plansite import routes
from plansite.model import Audience, Department, Indicator, Measure, Plan, Progress, Task
from plansite.pages import charts, describe, indicators, layout, opendata
from plansite.pages.contexts import (
    COLLAPSE_OVER,
    NOTE_LABELS,
    ROLE_SYMBOLS,
    AboutContext,
    AnnexRowView,
    DepartmentContext,
    DepartmentGroup,
    DepartmentRow,
    DepartmentsContext,
    Download,
    DutyMeasure,
    DutyView,
    FullTextContext,
    GroupContext,
    GroupEntry,
    GroupsContext,
    GroupTaskView,
    HomeContext,
    IndicatorValueView,
    IndicatorView,
    Link,
    MatrixCell,
    MatrixColumn,
    MatrixContext,
    MatrixGroup,
    MatrixOverviewContext,
    MatrixPartView,
    MatrixRow,
    MeasureView,
    MentionView,
    Meta,
    NoteGroup,
    NoteView,
    OfflineView,
    Segment,
    StageView,
    TargetsContext,
    TaskCard,
    TaskContext,
    Terms,
    VariantView,
)
from plansite.pages.contribute import NO_FORMS, FormLinks
from plansite.pages.progress import ProgressViews
from plansite.plan import document, terms, timeline
from plansite.plan.duties import KIND_LABELS, ROLE_LABELS, Assignment, Duties, short_labels

# The workbook first: every spreadsheet program opens it as it is. A CSV is UTF-8 with a BOM, which
# Excel and WPS recognise; LibreOffice ignores the BOM and guesses the encoding unless told.
XLSX_NOTE = "Excel、WPS、LibreOffice 均可直接打开"
CSV_NOTE = "Excel、WPS 可直接打开；用 LibreOffice 打开时，请在导入对话框的“字符集”中选择“Unicode (UTF-8)”"


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page to make: the template that renders it and the context it reads (contexts.py)."""
    src: str  # path under docs/, e.g. "actions/youth.md"
    template: str
    context: object
    description: str = ""  # the page's own summary (describe.py): <meta name="description">, link cards


# ── building ─────────────────────────────────────────────────────────────────
class Builder:
    def __init__(self, plan: Plan, today: datetime.date, *, links: routes.Links | None = None, site_url: str = "",
                 offline_size: int | None = None, progress: Progress | None = None, forms: FormLinks = NO_FORMS):
        self.plan = plan
        self.today = today  # the build date: marks the current stage and the plan's status
        self.links = links or routes.Links()  # folder addresses online, file addresses in the offline copy
        self.site_url = site_url  # set: download links are absolute (mkdocs.yml site_url)
        self.offline_size = offline_size  # bytes of downloads/offline.zip, when this build made one
        self.duties = Duties(plan)
        self.progress = ProgressViews(plan, progress or Progress(), self.duties, self.today, self.links, forms)  # 实施情况

    def meta(self, src: str) -> Meta:
        d = self.plan.document
        return Meta(issuer=d.signatory, number=d.number, date=document.printed_date(self.plan), date_iso=d.date.isoformat(),
                    disclosure=d.disclosure, plan_title=d.plan_title, text_href=self.links.href(src, routes.FULL_TEXT),
                    terms=self.terms)

    @cached_property
    def terms(self) -> Terms:
        w = self.plan.words
        return Terms(department=w.department, lead=w.lead, responsible=w.responsible, category=w.category, task=w.task,
                     has_annex=bool(self.plan.annex), level=terms.level(self.plan))

    def kind_heading(self, kind: str) -> str:
        return terms.kind_heading(self.plan, kind)

    def pages(self) -> Iterator[Page]:
        plan, duties = self.plan, self.duties

        def page(src: str, template: str, context: object, description: str) -> Page:
            return Page(src=src, template=template, context=context, description=description)

        yield page(routes.HOME, "home.md.j2", self.home(), describe.home(plan, duties))
        yield page(routes.FULL_TEXT, "fulltext.md.j2", self.full_text(), describe.full_text(plan))
        for task in duties.tasks:
            yield page(routes.task_page(task), "task.md.j2", self.task(task), describe.task(task))
        if plan.annex:  # department pages and the matrix are views of the annex
            departments = self.departments()
            kinds = {g.label: len(g.rows) for g in departments.groups}
            yield page(routes.DEPARTMENTS, "departments.md.j2", departments, describe.departments(plan, kinds))
            for dept in duties.departments_sorted:
                yield page(routes.department_page(dept), "department.md.j2", self.department(dept),
                           describe.department(dept, duties))
            yield from self.matrix_pages()
        about = self.about()
        yield page(routes.ABOUT, "about.md.j2", about,
                   describe.about(plan, len(about.variants), len(about.title_differences)))
        targets = self.targets()
        yield page(routes.TARGETS, "targets.md.j2", targets,
                   describe.targets(plan, [s.title for s in targets.stages], targets.period))
        if plan.audiences:
            yield page(routes.GROUPS, "groups.md.j2", self.groups(), describe.groups(plan))
        for audience in plan.audiences:
            measures = self.group_measures(audience)
            yield page(routes.group_page(audience), "group.md.j2", self.group(audience),
                       describe.group(audience, sum(len(ms) for _, ms, _ in measures), [t for t, _, _ in measures]))
        records = self.progress.progress_page(self.meta(routes.PROGRESS))
        yield page(routes.PROGRESS, "progress.md.j2", records,
                   describe.shorten(f"{plan.document.plan_title}的实施情况：{records.status.text}。共收录{len(records.records)}条"
                                    "实施记录，每条注明公开来源，并列出各项任务中已有记录的措施。"))

    # links
    def task_link(self, src: str, task: Task, anchor: str = "") -> Link:
        return Link(text=task.label, href=self.links.href(src, routes.task_page(task), anchor))

    def dept_link(self, src: str, dept: Department, text: str | None = None) -> Link:
        return Link(text=text or dept.name, href=self.links.href(src, routes.department_page(dept)))

    def measure_view(self, src: str, measure: Measure) -> MeasureView:
        return MeasureView(id=measure.id, title=measure.label, paragraphs=measure.paragraphs,
                           text_href=self.links.href(src, routes.FULL_TEXT, measure.id))

    def card(self, task: Task) -> TaskCard:
        return TaskCard(kind_label=KIND_LABELS[task.kind], number=task.numeral, title=task.label,
                        target_group=task.target_group, href=self.links.href(routes.HOME, routes.task_page(task)),
                        lead=tuple(a.printed for a in self.duties.for_task(task, "lead")), measure_count=len(task.measures))

    # pages
    def home(self) -> HomeContext:
        src = routes.HOME
        values = {v.role: v for i in self.plan.indicators[:1] for v in i.values}
        target = values.get("target")
        goal_anchor = self._anchor_of(target.quote) if target else ""
        return HomeContext(
            meta=self.meta(src), notice_title=self.plan.document.notice_title,
            baseline=values.get("baseline"), target=target, benchmark=values.get("benchmark"),
            goal_href=self.links.href(src, routes.FULL_TEXT, goal_anchor),
            actions=tuple(self.card(t) for t in self.duties.tasks if t.kind == "action"),
            projects=tuple(self.card(t) for t in self.duties.tasks if t.kind == "project"),
            departments_href=self.links.href(src, routes.DEPARTMENTS), matrix_href=self.links.href(src, routes.MATRIX),
            attachment_title=self.plan.document.attachment_title, department_count=len(self.plan.departments),
            assignment_count=len(self.duties.assignments), task_count=len(self.duties.tasks),
            actions_heading=self.count_heading("action"), projects_heading=self.count_heading("project"),
            groups=self.group_entries(src), targets_href=self.links.href(src, routes.TARGETS),
            goal_name=self.plan.indicators[0].name if self.plan.indicators else "",
            goal_unit=(self.plan.indicators[0].unit or "") if self.plan.indicators else "",
            progress=self.progress.home(src))

    def count_heading(self, kind: str) -> str:
        """五项提升行动 / 一项重点工程: how the document would count them."""
        count = sum(t.kind == kind for t in self.duties.tasks)
        return f"{terms.chinese_number(count)}项{KIND_LABELS[kind]}"

    def titles(self) -> dict[str, str]:
        """A readable name for every anchor a note can point at."""
        out = {"notice-title": "通知标题", "plan-title": "实施方案标题", "notice": "通知正文",
               "addressees": "主送机关", "annex": f"附件：{self.plan.document.attachment_title}",
               "preamble-1": "实施方案开头"}
        for chapter in self.plan.chapters:
            out[chapter.id] = f"{chapter.number}{chapter.title}"
            for section in chapter.sections:
                out[section.id] = f"{section.number}{section.label}"
                out.update({i.id: f"{i.number} {i.label}" for i in section.items})
            for task in chapter.tasks:
                out[task.id] = f"{task.number}{task.label}"
                out.update({m.id: m.label for m in task.measures})
        return out

    def _anchor_of(self, quote: str) -> str:
        return next(b.anchor for b in self.duties.body if quote in b.printed)

    def full_text(self) -> FullTextContext:
        src = routes.FULL_TEXT
        rows = []
        previous_kind = None
        for task in self.duties.tasks if self.plan.annex else ():  # no annex, no table
            links = {role: tuple(self.dept_link(src, a.department, a.printed) for a in self.duties.for_task(task, role))
                     for role in ("lead", "responsible")}
            rows.append(AnnexRowView(
                anchor=f"annex-{task.id}", category=KIND_LABELS[task.kind], show_category=task.kind != previous_kind,
                title=Link(text=f"{self.duties.task_number(task)}. {self.duties.annex_title(task)}",
                           href=self.links.href(src, routes.task_page(task))),
                lead=links["lead"], responsible=links["responsible"]))
            previous_kind = task.kind
        return FullTextContext(meta=self.meta(src), blocks=tuple(document.blocks(self.plan)), annex=tuple(rows),
                               task_paragraphs=document.task_paragraphs(self.plan),
                               attachment_title=self.plan.document.attachment_title, about_href=self.links.href(src, routes.ABOUT))

    def task(self, task: Task) -> TaskContext:
        src = routes.task_page(task)
        annex_title = self.duties.annex_title(task)
        return TaskContext(
            meta=self.meta(src), task=task, kind_label=KIND_LABELS[task.kind],
            heading=document.heading(task),
            annex_title=annex_title if annex_title != task.label else None,
            measures=tuple(self.measure_view(src, m) for m in task.measures),
            lead=tuple(self.dept_link(src, a.department, a.printed) for a in self.duties.for_task(task, "lead")),
            responsible=tuple(self.dept_link(src, a.department, a.printed) for a in self.duties.for_task(task, "responsible")),
            text_href=self.links.href(src, routes.FULL_TEXT, task.id), matrix_href=self.links.href(src, routes.MATRIX),
            progress=self.progress.task(src, task))

    # ── officials ────────────────────────────────────────────────────────────
    def downloads_of(self, src: str, files: tuple[tuple[str, str, str, str], ...]) -> tuple[Download, ...]:
        def href(path: str) -> str:
            return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else self.links.href(src, path)
        return tuple(Download(label=label, href=href(path), filename=filename, note=note)
                     for label, path, filename, note in files)

    def department_downloads(self, src: str, dept: Department) -> tuple[Download, ...]:
        stem = layout.safe_filename(f"{dept.name}-职责清单")
        return self.downloads_of(src, (
            ("XLSX", routes.department_download(dept, "xlsx"), f"{stem}.xlsx", XLSX_NOTE),
            ("CSV", routes.department_download(dept, "csv"), f"{stem}.csv", CSV_NOTE),
        ))

    def matrix_downloads(self, src: str) -> tuple[Download, ...]:
        return self.downloads_of(src, (
            ("XLSX", routes.matrix_download("xlsx"), "分工总表.xlsx", "含分工总表和分工明细两张表；" + XLSX_NOTE),
            ("CSV", routes.matrix_download("csv"), "分工总表.csv", CSV_NOTE),
            ("JSON", routes.matrix_download("json"), "分工总表.json", "供程序使用"),
        ))

    def duty(self, src: str, a: Assignment) -> DutyView:
        others = {role: tuple(self.dept_link(src, o.department, o.printed) for o in self.duties.for_task(a.task, role)
                              if o.department.id != a.department.id)
                  for role in ("lead", "responsible")}
        task_src = routes.task_page(a.task)
        measures = tuple(DutyMeasure(id=m.id, title=m.label, paragraphs=m.paragraphs, href=self.links.href(src, task_src, m.id),
                                     collapsed=sum(len(p) for p in m.paragraphs) > COLLAPSE_OVER)
                         for m in a.task.measures)
        annex_title = self.duties.annex_title(a.task)
        return DutyView(anchor=f"duty-{a.task.id}", role=a.role, role_label=ROLE_LABELS[a.role],
                        task=self.task_link(src, a.task), kind_label=KIND_LABELS[a.task.kind], number=a.task.numeral,
                        annex_title=annex_title if annex_title != a.task.label else None,
                        printed_name=a.printed if a.printed != a.department.name else None,
                        measures=measures, co_lead=others["lead"], co_responsible=others["responsible"])

    def department(self, dept: Department) -> DepartmentContext:
        src = routes.department_page(dept)
        mine = self.duties.for_department(dept)
        names = (dept.name, *dept.variants)
        mentions = tuple(
            MentionView(where=Link(text=self.places.get(m.block.owner, m.block.anchor),
                                   href=self.links.href(src, routes.FULL_TEXT, m.block.anchor)),
                        segments=tuple(Segment(text=t, mark=mark) for t, mark in layout.marked(m.block.printed, names)))
            for m in self.duties.mentions(dept))
        return DepartmentContext(
            meta=self.meta(src), department=dept, kind_label=self.kind_heading(dept.kind), variants=dept.variants,
            lead=tuple(self.duty(src, a) for a in mine if a.role == "lead"),
            responsible=tuple(self.duty(src, a) for a in mine if a.role == "responsible"),
            mentions=mentions, downloads=self.department_downloads(src, dept),
            departments_href=self.links.href(src, routes.DEPARTMENTS), matrix_href=self.links.href(src, routes.MATRIX),
            progress=self.progress.department(src, dept))

    @cached_property
    def labels(self) -> dict[str, str]:
        return short_labels(self.duties)

    @cached_property
    def places(self) -> dict[str, str]:
        return layout.places(self.plan)

    def departments(self) -> DepartmentsContext:
        src = routes.DEPARTMENTS
        groups = []
        for n, kind in enumerate(terms.department_kinds(self.plan), 1):
            rows = []
            for dept in (d for d in self.duties.departments_sorted if d.kind == kind):
                mine = self.duties.for_department(dept)
                rows.append(DepartmentRow(link=self.dept_link(src, dept), id=dept.id, variants=dept.variants,
                                          lead_count=sum(a.role == "lead" for a in mine),
                                          responsible_count=sum(a.role == "responsible" for a in mine)))
            if rows:
                groups.append(DepartmentGroup(anchor=f"kind-{n}", label=self.kind_heading(kind), rows=tuple(rows)))
        return DepartmentsContext(meta=self.meta(src), groups=tuple(groups), department_count=len(self.plan.departments),
                                  matrix_href=self.links.href(src, routes.MATRIX), downloads=self.matrix_downloads(src))

    def matrix_pages(self) -> Iterator[Page]:
        """One full matrix page; or, for a plan too wide for one page, an overview and its parts."""
        parts = layout.matrix_parts(self.duties)
        def about_matrix(c: MatrixContext) -> str:
            return describe.matrix(c.part, c.department_count, len(c.columns), c.lead_total, c.responsible_total)

        if not layout.is_split(self.duties):
            whole = self.matrix(parts[0])
            yield Page(src=routes.MATRIX, template="matrix.md.j2", context=whole, description=about_matrix(whole))
            return
        overview = self.matrix_overview(parts)
        yield Page(src=routes.MATRIX, template="matrix-overview.md.j2", context=overview,
                   description=describe.matrix_overview(overview.task_count, overview.department_count,
                                                        overview.assignment_count, len(parts)))
        for i, part in enumerate(parts):
            before = parts[i - 1] if i > 0 else None
            after = parts[i + 1] if i + 1 < len(parts) else None
            context = self.matrix(part, before=before, after=after, count=len(parts))
            yield Page(src=part.src, template="matrix.md.j2", context=context, description=about_matrix(context))

    def part_title(self, part: layout.MatrixPart) -> str:
        first, last = self.labels[part.tasks[0].id], self.labels[part.tasks[-1].id]
        span = first if first == last else f"{first}至{last}"
        return f"第 {part.number} 部分：{KIND_LABELS[part.tasks[0].kind]}（{span}）"

    def part_link(self, src: str, part: layout.MatrixPart | None) -> Link | None:
        return Link(text=self.part_title(part), href=self.links.href(src, part.src)) if part else None

    def matrix(self, part: layout.MatrixPart, *, before: layout.MatrixPart | None = None,
               after: layout.MatrixPart | None = None, count: int | None = None) -> MatrixContext:
        """One matrix page; `count` is the number of parts when the matrix is split, else None."""
        src = part.src
        columns = tuple(MatrixColumn(link=self.task_link(src, t), short=self.labels[t.id],
                                     lead_total=len(self.duties.for_task(t, "lead")),
                                     responsible_total=len(self.duties.for_task(t, "responsible")))
                        for t in part.tasks)
        hrefs = [self.links.href(src, routes.task_page(t)) for t in part.tasks]
        groups = []
        for kind in terms.department_kinds(self.plan):
            rows = []
            for dept in (d for d in part.departments if d.kind == kind):
                roles = [self.duties.role_of(dept, t) for t in part.tasks]
                counts = [self.progress.cell(dept, t) for t in part.tasks]
                dept_src = routes.department_page(dept)
                cells = tuple(MatrixCell(role=r, label=ROLE_LABELS[r] if r else "", symbol=ROLE_SYMBOLS[r] if r else "", href=h,
                                         records=n,
                                         records_href=self.links.href(src, dept_src, f"duty-{t.id}-records" if r else "records")
                                         if n else "")
                              for r, h, n, t in zip(roles, hrefs, counts, part.tasks, strict=True))
                rows.append(MatrixRow(link=self.dept_link(src, dept), names=" ".join((dept.name, *dept.variants)), cells=cells,
                                      lead_total=roles.count("lead"), responsible_total=roles.count("responsible")))
            if rows:
                groups.append(MatrixGroup(label=self.kind_heading(kind), rows=tuple(rows)))
        return MatrixContext(
            meta=self.meta(src), title=f"{self.plan.words.department} × 任务分工总表",
            attachment_title=self.plan.document.attachment_title or "",
            part=self.part_title(part) if count else None,
            columns=columns, groups=tuple(groups), department_count=len(part.departments),
            lead_total=sum(c.lead_total for c in columns), responsible_total=sum(c.responsible_total for c in columns),
            overview=Link(text="分工总表目录", href=self.links.href(src, routes.MATRIX)) if count else None,
            previous=self.part_link(src, before), next=self.part_link(src, after),
            downloads=self.matrix_downloads(src), departments_href=self.links.href(src, routes.DEPARTMENTS))

    def matrix_overview(self, parts: list[layout.MatrixPart]) -> MatrixOverviewContext:
        src = routes.MATRIX
        views = []
        for part in parts:
            ids = {t.id for t in part.tasks}
            views.append(MatrixPartView(
                link=Link(text=self.part_title(part), href=self.links.href(src, part.src)),
                chapter=f"{part.chapter.number}{part.chapter.title}",
                tasks=tuple(self.task_link(src, t) for t in part.tasks), department_count=len(part.departments),
                assignment_count=sum(a.task.id in ids for a in self.duties.assignments)))
        return MatrixOverviewContext(
            meta=self.meta(src), parts=tuple(views), task_count=len(self.duties.tasks),
            department_count=len(self.plan.departments), assignment_count=len(self.duties.assignments),
            per_page=layout.MATRIX_PAGE_TASKS, downloads=self.matrix_downloads(src),
            departments_href=self.links.href(src, routes.DEPARTMENTS))

    def about(self) -> AboutContext:
        src = routes.ABOUT
        variants = []
        for dept in self.duties.departments_sorted:
            if dept.variants:
                printed_in = tuple(a.task.label for a in self.duties.for_department(dept) if a.printed != dept.name)
                variants.append(VariantView(department=self.dept_link(src, dept), name=dept.name, variants=dept.variants,
                                            printed_in=printed_in))
        differences = tuple((self.task_link(src, t), self.duties.annex_title(t)) for t in self.duties.tasks
                            if self.duties.annex_title(t) != t.label)
        titles = self.titles()
        by_kind: dict[str, list[NoteView]] = {}
        for note in self.plan.notes:
            anchor = {"document.notice_title": "notice-title", "document.plan_title": "plan-title",
                      "document.notice": "notice", "document.addressees": "addressees"}.get(note.where, note.where)
            where = Link(text=titles[anchor], href=self.links.href(src, routes.FULL_TEXT, anchor)) if anchor in titles else None
            by_kind.setdefault(note.kind, []).append(NoteView(where=where, printed=note.printed,
                                                              normalised=note.normalised, explanation=note.explanation))
        groups = tuple(NoteGroup(anchor="repairs-" + kind.replace("_", "-"), label=NOTE_LABELS[kind], notes=tuple(views))
                       for kind, views in by_kind.items())
        return AboutContext(meta=self.meta(src), variants=tuple(variants), title_differences=differences, note_groups=groups,
                            editors_href=self.links.href(src, "editors.md"), offline=self.offline_view(src),
                            open_data=opendata.view(self.plan, self.duties, self.links, src, self.site_url))

    def offline_view(self, src: str) -> OfflineView | None:
        if self.offline_size is None:
            return None
        name = layout.safe_filename(f"{self.plan.document.plan_title}-离线版")
        href = self.downloads_of(src, (("ZIP", routes.OFFLINE_ZIP, f"{name}.zip", ""),))[0].href
        return OfflineView(href=href, filename=f"{name}.zip", size=f"{self.offline_size / 1_000_000:.1f} MB",
                           folder=routes.OFFLINE_FOLDER)

    # targets and timeline
    def indicator(self, src: str, indicator: Indicator) -> IndicatorView:
        by_role = {v.role: v for v in indicator.values}
        views = []
        for role in indicators.ROLES:
            value = by_role.get(role)
            label = indicators.ROLE_LABELS[role]
            if value is None:
                views.append(IndicatorValueView(role_label=label, given=False, value="原文未给出", year="", sentence=None, href=""))
                continue
            block = indicators.block_of(self.duties.body, value.quote)
            views.append(IndicatorValueView(
                role_label=label, given=True, value=indicators.value_text(indicator, value),
                year=f"{value.year}年" if value.year else "",
                sentence=indicators.sentence_around(block.printed, value.quote),
                href=self.links.href(src, routes.FULL_TEXT, block.anchor)))
        return IndicatorView(id=indicator.id, name=indicator.name, values=tuple(views), chart=indicators.chart_for(indicator))

    def targets(self) -> TargetsContext:
        src = routes.TARGETS
        sched = timeline.schedule(self.plan, self.today)
        stages = tuple(StageView(number=s.item.ordinal, title=s.item.label, years=s.years, state=s.state, state_label=s.label,
                                 paragraphs=s.item.paragraphs, href=self.links.href(src, routes.FULL_TEXT, s.item.id))
                       for s in sched.stages)
        period = f"{sched.start}—{sched.end}年"
        built = f"{self.today.year}年{self.today.month}月{self.today.day}日"
        chart = None
        if sched.stages:
            states = {"before": "规划期尚未开始。", "ended": f"规划期已于{sched.end}年结束。",
                      "during": "当前阶段：" + "、".join(s.item.label for s in sched.current) + "。"}
            desc = (f"进度安排共{len(stages)}个阶段：" + "；".join(f"{s.title}（{s.years}）" for s in stages) +
                    f"。按本站生成日期{built}计，" + states[sched.state])
            chart = charts.timeline_chart("chart-schedule", f"进度安排（{period}）", desc, sched)
        schedule_section = next((sec.id for c in self.plan.chapters for sec in c.sections
                                 if any(i.period for i in sec.items)), "")
        return TargetsContext(
            meta=self.meta(src), indicators=tuple(self.indicator(src, i) for i in self.plan.indicators), stages=stages,
            plan_state=sched.state, period=period, period_end=sched.end, built=built, built_iso=self.today.isoformat(),
            current=tuple(s.item.label for s in sched.current), overlap=sched.overlap, timeline_chart=chart,
            schedule_href=self.links.href(src, routes.FULL_TEXT, schedule_section),
            progress={i.id: self.progress.indicator(i) for i in self.plan.indicators},
            records_href=self.links.href(src, routes.PROGRESS))

    # browse by group
    def group_measures(self, audience: Audience) -> list[tuple[Task, tuple[Measure, ...], bool]]:
        """Whole tasks first (the group's own action), then the other tasks' measures, in document order."""
        whole = [self.duties.task_by_id[t] for t in audience.tasks]
        picked = set(audience.measures)
        out = [(t, t.measures, True) for t in whole]
        for task in self.duties.tasks:
            if task.id in audience.tasks:
                continue
            chosen = tuple(m for m in task.measures if m.id in picked)
            if chosen:
                out.append((task, chosen, False))
        return out

    def group_entries(self, src: str) -> tuple[GroupEntry, ...]:
        return tuple(GroupEntry(id=a.id, label=a.label, href=self.links.href(src, routes.group_page(a)),
                                measure_count=sum(len(ms) for _, ms, _ in self.group_measures(a)))
                     for a in self.plan.audiences)

    def group(self, audience: Audience) -> GroupContext:
        src = routes.group_page(audience)
        tasks = tuple(GroupTaskView(
            id=task.id, task=self.task_link(src, task), kind_label=KIND_LABELS[task.kind], number=task.numeral, whole=whole,
            measures=tuple(MeasureView(id=m.id, title=m.label, paragraphs=m.paragraphs,
                                       text_href=self.links.href(src, routes.task_page(task), m.id)) for m in measures))
            for task, measures, whole in self.group_measures(audience))
        return GroupContext(meta=self.meta(src), id=audience.id, label=audience.label, tasks=tasks,
                            measure_count=sum(len(t.measures) for t in tasks), groups_href=self.links.href(src, routes.GROUPS),
                            others=tuple(e for e in self.group_entries(src) if e.id != audience.id))

    def groups(self) -> GroupsContext:
        return GroupsContext(meta=self.meta(routes.GROUPS), groups=self.group_entries(routes.GROUPS))
