"""One typed context per page kind, built from the validated plan. No Jinja, no MkDocs here:
render.py turns a Page into Markdown, hooks.py hands it to MkDocs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import document, routes
from .document import Block
from .index import KIND_LABELS, ROLE_LABELS, Assignment, PlanIndex, Role
from .model import Department, IndicatorValue, Measure, Plan, Task

KIND_ORDER = ("区委部门", "区政府部门", "群团组织", "其他")
KIND_HEADINGS = {"区委部门": "区委部门", "区政府部门": "区政府部门", "群团组织": "群团组织", "其他": "其他单位"}


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class Meta:
    """What every page shows of the document (and prints on every sheet)."""
    issuer: str
    number: str
    date: str  # as printed: 2022年4月16日
    date_iso: str
    disclosure: str
    plan_title: str
    text_href: str


@dataclass(frozen=True)
class Page:
    src: str  # path under docs/, e.g. "actions/youth.md"
    template: str
    context: object


# ── shared pieces ────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class MeasureView:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    text_href: str  # the same measure in the full text


@dataclass(frozen=True)
class TaskCard:
    kind_label: str
    number: str
    title: str
    target_group: str | None
    href: str
    lead: tuple[str, ...]
    measure_count: int


# ── page contexts ────────────────────────────────────────────────────────────
@dataclass(frozen=True)
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
    attachment_title: str
    department_count: int
    assignment_count: int


@dataclass(frozen=True)
class AnnexRowView:
    anchor: str
    category: str
    show_category: bool  # the printed table merges the category cell over its rows
    title: Link
    lead: tuple[Link, ...]
    responsible: tuple[Link, ...]


@dataclass(frozen=True)
class FullTextContext:
    meta: Meta
    blocks: tuple[Block, ...]
    annex: tuple[AnnexRowView, ...]
    attachment_title: str
    about_href: str


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class DutyView:
    role: Role
    role_label: str
    task: Link
    kind_label: str
    annex_title: str
    printed_name: str  # how the annex prints this department in this row
    measures: tuple[MeasureView, ...]
    co_lead: tuple[Link, ...]
    co_responsible: tuple[Link, ...]


@dataclass(frozen=True)
class MentionView:
    where: Link  # the paragraph in the full text
    name: str
    text: str


@dataclass(frozen=True)
class DepartmentContext:
    meta: Meta
    department: Department
    kind_label: str
    variants: tuple[str, ...]
    lead: tuple[DutyView, ...]
    responsible: tuple[DutyView, ...]
    mentions: tuple[MentionView, ...]
    departments_href: str
    matrix_href: str


@dataclass(frozen=True)
class DepartmentRow:
    link: Link
    variants: tuple[str, ...]
    lead_count: int
    responsible_count: int


@dataclass(frozen=True)
class DepartmentGroup:
    label: str
    rows: tuple[DepartmentRow, ...]


@dataclass(frozen=True)
class DepartmentsContext:
    meta: Meta
    groups: tuple[DepartmentGroup, ...]
    matrix_href: str


@dataclass(frozen=True)
class MatrixColumn:
    link: Link
    short: str  # 行动一 / 工程三: fits a column header on a phone
    lead_total: int
    responsible_total: int


@dataclass(frozen=True)
class MatrixCell:
    role: Role | None
    label: str  # 牵头 / 参与 / ""
    href: str  # the task page


@dataclass(frozen=True)
class MatrixRow:
    link: Link
    kind_label: str
    cells: tuple[MatrixCell, ...]
    lead_total: int
    responsible_total: int


@dataclass(frozen=True)
class MatrixContext:
    meta: Meta
    columns: tuple[MatrixColumn, ...]
    rows: tuple[MatrixRow, ...]
    lead_total: int
    responsible_total: int


@dataclass(frozen=True)
class VariantView:
    department: Link
    name: str
    variants: tuple[str, ...]
    printed_in: tuple[str, ...]  # tasks whose annex row prints a variant


@dataclass(frozen=True)
class NoteView:
    kind_label: str
    where: Link | None
    printed: tuple[str, ...]
    normalised: str | None
    explanation: str | None


@dataclass(frozen=True)
class AboutContext:
    meta: Meta
    variants: tuple[VariantView, ...]
    title_differences: tuple[tuple[Link, str], ...]  # (task, title as the annex prints it)
    notes: tuple[NoteView, ...]
    editors_href: str = ""  # the editors' guide (guide.py)


NOTE_LABELS = {
    "page_break": "分页处断开的句子已接回",
    "stray_space": "数字两侧多余的空格已删除",
    "line_break": "标题中的换行已删除",
    "repeated_header": "跨页重复的表头已删除",
    "wording": "原文前后写法不一致，照录",
}


# ── building ─────────────────────────────────────────────────────────────────
class Builder:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.index = PlanIndex(plan)

    def meta(self, src: str) -> Meta:
        d = self.plan.document
        return Meta(d.signatory, d.number, document.printed_date(self.plan), d.date.isoformat(),
                    d.disclosure, d.plan_title, routes.href(src, routes.FULL_TEXT))

    def pages(self) -> Iterator[Page]:
        yield Page(routes.HOME, "home.md.j2", self.home())
        yield Page(routes.FULL_TEXT, "fulltext.md.j2", self.full_text())
        for task in self.index.tasks:
            yield Page(routes.task_page(task), "task.md.j2", self.task(task))
        yield Page(routes.DEPARTMENTS, "departments.md.j2", self.departments())
        for dept in self.index.departments_sorted:
            yield Page(routes.department_page(dept), "department.md.j2", self.department(dept))
        yield Page(routes.MATRIX, "matrix.md.j2", self.matrix())
        yield Page(routes.ABOUT, "about.md.j2", self.about())

    # links
    def task_link(self, src: str, task: Task, anchor: str = "") -> Link:
        return Link(task.title, routes.href(src, routes.task_page(task), anchor))

    def dept_link(self, src: str, dept: Department, text: str | None = None) -> Link:
        return Link(text or dept.name, routes.href(src, routes.department_page(dept)))

    def measure_view(self, src: str, measure: Measure) -> MeasureView:
        return MeasureView(measure.id, measure.title, measure.paragraphs,
                           routes.href(src, routes.FULL_TEXT, measure.id))

    def card(self, task: Task) -> TaskCard:
        return TaskCard(KIND_LABELS[task.kind], task.number, task.title, task.target_group,
                        routes.href(routes.HOME, routes.task_page(task)),
                        tuple(a.printed for a in self.index.for_task(task, "lead")), len(task.measures))

    # pages
    def home(self) -> HomeContext:
        src = routes.HOME
        values = {v.role: v for i in self.plan.indicators[:1] for v in i.values}
        target = values.get("target")
        goal_anchor = self._anchor_of(target.quote) if target else ""
        return HomeContext(
            self.meta(src), self.plan.document.notice_title,
            values.get("baseline"), target, values.get("benchmark"),
            routes.href(src, routes.FULL_TEXT, goal_anchor),
            tuple(self.card(t) for t in self.index.tasks if t.kind == "action"),
            tuple(self.card(t) for t in self.index.tasks if t.kind == "project"),
            routes.href(src, routes.DEPARTMENTS), routes.href(src, routes.MATRIX),
            self.plan.document.attachment_title, len(self.plan.departments), len(self.index.assignments))

    def titles(self) -> dict[str, str]:
        """A readable name for every anchor a note can point at."""
        out = {"notice-title": "通知标题", "plan-title": "实施方案标题", "notice": "通知正文",
               "addressees": "主送机关", "annex": "附件：" + self.plan.document.attachment_title,
               "preamble-1": "实施方案开头"}
        for chapter in self.plan.chapters:
            out[chapter.id] = f"{chapter.number}、{chapter.title}"
            for section in chapter.sections:
                out[section.id] = f"（{section.number}）{section.title}"
                out.update({i.id: f"{i.number}. {i.title}" for i in section.items})
            for task in chapter.tasks:
                out[task.id] = f"（{task.number}）{task.title}"
                out.update({m.id: m.title for m in task.measures})
        return out

    def _anchor_of(self, quote: str) -> str:
        return next(b.anchor for b in self.index.body if quote in b.printed)

    def full_text(self) -> FullTextContext:
        src = routes.FULL_TEXT
        rows = []
        previous_kind = None
        for task in self.index.tasks:
            links = {role: tuple(self.dept_link(src, a.department, a.printed) for a in self.index.for_task(task, role))
                     for role in ("lead", "responsible")}
            rows.append(AnnexRowView(
                f"annex-{task.id}", KIND_LABELS[task.kind], task.kind != previous_kind,
                Link(f"{self.index.task_number(task)}. {self.index.annex_title(task)}", routes.href(src, routes.task_page(task))),
                links["lead"], links["responsible"]))
            previous_kind = task.kind
        return FullTextContext(self.meta(src), tuple(document.blocks(self.plan)), tuple(rows),
                               self.plan.document.attachment_title, routes.href(src, routes.ABOUT))

    def task(self, task: Task) -> TaskContext:
        src = routes.task_page(task)
        annex_title = self.index.annex_title(task)
        return TaskContext(
            self.meta(src), task, KIND_LABELS[task.kind], document.heading_for_section(task.number, task.title),
            annex_title if annex_title != task.title else None,
            tuple(self.measure_view(src, m) for m in task.measures),
            tuple(self.dept_link(src, a.department, a.printed) for a in self.index.for_task(task, "lead")),
            tuple(self.dept_link(src, a.department, a.printed) for a in self.index.for_task(task, "responsible")),
            routes.href(src, routes.FULL_TEXT, task.id), routes.href(src, routes.MATRIX))

    def duty(self, src: str, a: Assignment) -> DutyView:
        others = {role: tuple(self.dept_link(src, o.department, o.printed) for o in self.index.for_task(a.task, role)
                              if o.department.id != a.department.id)
                  for role in ("lead", "responsible")}
        return DutyView(a.role, ROLE_LABELS[a.role], self.task_link(src, a.task), KIND_LABELS[a.task.kind],
                        self.index.annex_title(a.task), a.printed,
                        tuple(self.measure_view(src, m) for m in a.task.measures),
                        others["lead"], others["responsible"])

    def department(self, dept: Department) -> DepartmentContext:
        src = routes.department_page(dept)
        duties = self.index.for_department(dept)
        mentions = tuple(MentionView(Link(m.block.anchor, routes.href(src, routes.FULL_TEXT, m.block.anchor)),
                                     m.name, m.block.printed) for m in self.index.mentions(dept))
        return DepartmentContext(
            self.meta(src), dept, KIND_HEADINGS[dept.kind], dept.variants,
            tuple(self.duty(src, a) for a in duties if a.role == "lead"),
            tuple(self.duty(src, a) for a in duties if a.role == "responsible"),
            mentions, routes.href(src, routes.DEPARTMENTS), routes.href(src, routes.MATRIX))

    def departments(self) -> DepartmentsContext:
        src = routes.DEPARTMENTS
        groups = []
        for kind in KIND_ORDER:
            rows = []
            for dept in (d for d in self.index.departments_sorted if d.kind == kind):
                duties = self.index.for_department(dept)
                rows.append(DepartmentRow(self.dept_link(src, dept), dept.variants,
                                          sum(a.role == "lead" for a in duties),
                                          sum(a.role == "responsible" for a in duties)))
            if rows:
                groups.append(DepartmentGroup(KIND_HEADINGS[kind], tuple(rows)))
        return DepartmentsContext(self.meta(src), tuple(groups), routes.href(src, routes.MATRIX))

    def matrix(self) -> MatrixContext:
        src = routes.MATRIX
        tasks = self.index.tasks
        columns = []
        for task in tasks:
            short = f"{'行动' if task.kind == 'action' else '工程'}{task.number}"
            columns.append(MatrixColumn(self.task_link(src, task), short,
                                        len(self.index.for_task(task, "lead")),
                                        len(self.index.for_task(task, "responsible"))))
        rows = []
        for dept in self.index.departments_sorted:
            cells = []
            for task in tasks:
                role = self.index.role_of(dept, task)
                cells.append(MatrixCell(role, ROLE_LABELS[role] if role else "", routes.href(src, routes.task_page(task))))
            rows.append(MatrixRow(self.dept_link(src, dept), KIND_HEADINGS[dept.kind], tuple(cells),
                                  sum(c.role == "lead" for c in cells), sum(c.role == "responsible" for c in cells)))
        return MatrixContext(self.meta(src), tuple(columns), tuple(rows),
                             sum(c.lead_total for c in columns), sum(c.responsible_total for c in columns))

    def about(self) -> AboutContext:
        src = routes.ABOUT
        variants = []
        for dept in self.index.departments_sorted:
            if dept.variants:
                printed_in = tuple(a.task.title for a in self.index.for_department(dept) if a.printed != dept.name)
                variants.append(VariantView(self.dept_link(src, dept), dept.name, dept.variants, printed_in))
        differences = tuple((self.task_link(src, t), self.index.annex_title(t)) for t in self.index.tasks
                            if self.index.annex_title(t) != t.title)
        titles = self.titles()
        notes = []
        for note in self.plan.notes:
            anchor = {"document.notice_title": "notice-title", "document.plan_title": "plan-title",
                      "document.notice": "notice", "document.addressees": "addressees"}.get(note.where, note.where)
            where = Link(titles[anchor], routes.href(src, routes.FULL_TEXT, anchor)) if anchor in titles else None
            notes.append(NoteView(NOTE_LABELS[note.kind], where, note.printed, note.normalised, note.explanation))
        return AboutContext(self.meta(src), tuple(variants), differences, tuple(notes), routes.href(src, "editors.md"))
