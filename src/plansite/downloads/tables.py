"""Downloads for officials and for programs: each department's duty list, the whole matrix, the plan's
tables (tasks, measures, departments, assignments, indicators) and the records, as files; the data
package that describes the CSVs is package.py's.

CSV is UTF-8 with a byte-order mark (Excel and WPS otherwise guess GBK and garble Chinese) and
CRLF line ends; the header rows come from plansite/opendata.py, which also describes every column. XLSX is
written by XlsxWriter (xlsx.py) with a fixed date, so the same plan gives byte-identical files; its
numbers are numbers and its full dates are dates. JSON is for programs. Column names are Chinese for
spreadsheet users; JSON keys are the YAML's English field names. A date as precise as its source (a
year, a month or a day) is ISO 8601 at that precision with its precision beside it (plansite/opendata.py).
"""
from __future__ import annotations

import csv
import datetime
import io
import json

from plansite import routes
from plansite.data.progress import SCOPE_LABELS, format_value
from plansite.downloads import package, xlsx
from plansite.downloads.xlsx import Sheet
from plansite.model import Department, Plan, Progress, Source, Task, When, Words
from plansite.opendata import PRECISION_LABELS, Catalogue, Table, precision
from plansite.plan.duties import KIND_LABELS, ROLE_LABELS, Assignment, Duties, Role, short_labels
from plansite.plan.progress import Records

Cell = str | int | float | datetime.date  # a date cell only for a full day; a month or a year stays text


def when_cells(when: When | None) -> list[Cell]:
    """A date of the data and its precision: [2024-09-25 (a date), 日] · ['2024-09', 月] · ['2024', 年] · ['', ''] (none)."""
    if when is None:
        return ["", ""]
    return [when.first_day if when.day is not None else when.iso, PRECISION_LABELS[precision(when)]]


def header(table: Table) -> list[Cell]:
    out: list[Cell] = [*table.header]
    return out


def source_cells(s: Source) -> list[Cell]:
    return [s.publisher, s.title, *when_cells(s.date), s.url or "", s.number or "", *when_cells(s.accessed)]


def assignment_columns(words: Words) -> tuple[str, ...]:
    d = words.department
    return ("类别", "序号", "任务", "附件中的任务名称", d, f"{d}类别", "角色", f"附件中的{d}写法")


class Exporter:
    def __init__(self, plan: Plan, links: routes.Links, site_url: str = "", progress: Progress | None = None):
        self.plan = plan
        self.links = links
        self.duties = Duties(plan)
        self.site_url = site_url
        self.labels = short_labels(self.duties)
        self.progress = progress or Progress()
        self.records = Records(plan, self.progress, self.duties)
        self.catalogue = Catalogue(plan, self.duties)

    # ── values ──────────────────────────────────────────────────────────────
    def url(self, src: str) -> str:
        """The page's address: absolute when mkdocs.yml sets site_url, else relative to the site root."""
        path = self.links.url_of(src)
        return f"{self.site_url.rstrip('/')}/{path}" if self.site_url else path

    def task_heading(self, task: Task) -> str:
        return f"{self.labels[task.id]} {task.label}"

    def others(self, a: Assignment, role: Role) -> str:
        return "、".join(o.department.name for o in self.duties.for_task(a.task, role)
                        if o.department.id != a.department.id)

    # ── tables (header row first) ───────────────────────────────────────────
    def duty_rows(self, dept: Department) -> list[list[Cell]]:
        """One row per task the department has a role in: leads first, then the rest, in document order."""
        mine = self.duties.for_department(dept)
        rows: list[list[Cell]] = [header(self.catalogue.duty_list())]
        for a in [a for a in mine if a.role == "lead"] + [a for a in mine if a.role == "responsible"]:
            rows.append([dept.name, ROLE_LABELS[a.role], KIND_LABELS[a.task.kind], a.task.numeral, a.task.label,
                         a.printed, self.others(a, "lead"), self.others(a, "responsible"),
                         "\n".join(m.label for m in a.task.measures), self.url(routes.task_page(a.task))])
        return rows

    def matrix_rows(self) -> list[list[Cell]]:
        """Departments × tasks, as on the matrix page: 牵头 / 参与 / empty, then the row totals."""
        tasks = self.duties.tasks
        rows: list[list[Cell]] = [header(self.catalogue.matrix())]
        for dept in self.duties.departments_sorted:
            roles = [self.duties.role_of(dept, t) for t in tasks]
            rows.append([dept.name, dept.kind, *(ROLE_LABELS[r] if r else "" for r in roles),
                         roles.count("lead"), roles.count("responsible"), self.url(routes.department_page(dept))])
        return rows

    def assignment_rows(self) -> list[list[str]]:
        """Every assignment of the annex, one per row: the long form, for filters and pivot tables."""
        rows = [list(assignment_columns(self.plan.words))]
        for a in self.duties.assignments:
            rows.append([KIND_LABELS[a.task.kind], a.task.numeral, a.task.label, self.duties.annex_title(a.task),
                         a.department.name, a.department.kind, ROLE_LABELS[a.role], a.printed])
        return rows

    def task_rows(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [header(self.catalogue.tasks())]
        for t in self.duties.tasks:
            rows.append([t.id, KIND_LABELS[t.kind], t.numeral, t.label, self.duties.annex_title(t), len(t.measures),
                         self.url(routes.task_page(t))])
        return rows

    def measure_rows(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [header(self.catalogue.measures())]
        for t in self.duties.tasks:
            for n, m in enumerate(t.measures, 1):
                rows.append([m.id, t.id, n, m.label, self.url(routes.task_page(t)) + f"#{m.id}"])
        return rows

    def department_rows(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [header(self.catalogue.departments())]
        for dept in self.duties.departments_sorted:
            mine = self.duties.for_department(dept)
            rows.append([dept.id, dept.name, dept.kind, "、".join(dept.variants), sum(a.role == "lead" for a in mine),
                         sum(a.role == "responsible" for a in mine), self.url(routes.department_page(dept))])
        return rows

    def assignment_id_rows(self) -> list[list[Cell]]:
        """The assignments with the tasks' and departments' ids, for joining tables (assignments.csv)."""
        rows: list[list[Cell]] = [header(self.catalogue.assignments())]
        for a in self.duties.assignments:
            rows.append([a.task.id, KIND_LABELS[a.task.kind], a.task.numeral, a.task.label, a.department.id,
                         a.department.name, ROLE_LABELS[a.role], a.printed])
        return rows

    def record_rows(self) -> list[list[Cell]]:
        """The implementation records, newest first, as on the 实施情况 page."""
        rows: list[list[Cell]] = [header(self.catalogue.records())]
        for r in self.records.newest_first:
            rows.append([r.id, *when_cells(r.date), r.title, r.summary,
                         "、".join(m.label for _, m in self.records.measures_of(r)),
                         "、".join(t.label for t in self.records.tasks_of(r)),
                         "、".join(d.name for d in self.records.departments_of(r)),
                         "；".join(f"{format_value(f.value)} {f.unit}（{f.counts}）" for f in r.figures),
                         *source_cells(r.source), self.url(routes.PROGRESS) + f"#record-{r.id}"])
        return rows

    def record_link_rows(self) -> dict[str, list[list[Cell]]]:
        """record-measures, record-tasks, record-departments: one row per record and id."""
        c = self.catalogue
        out: dict[str, list[list[Cell]]] = {t.key: [header(t)] for t in (c.record_measures(), c.record_tasks(), c.record_departments())}
        for r in self.records.newest_first:
            out["record-measures"] += [[r.id, m.id] for _, m in self.records.measures_of(r)]
            out["record-tasks"] += [[r.id, t.id] for t in self.records.tasks_of(r)]
            out["record-departments"] += [[r.id, d.id] for d in self.records.departments_of(r)]
        return out

    def figure_rows(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [header(self.catalogue.record_figures())]
        for r in self.records.newest_first:
            rows += [[r.id, n, f.value, f.unit, f.counts] for n, f in enumerate(r.figures, 1)]
        return rows

    def indicator_rows(self) -> list[list[Cell]]:
        rows: list[list[Cell]] = [header(self.catalogue.indicators())]
        return rows + [[i.id, i.name, i.unit or ""] for i in self.plan.indicators]

    def observation_rows(self) -> list[list[Cell]]:
        names = {i.id: (i.name, i.unit or "") for i in self.plan.indicators}
        rows: list[list[Cell]] = [header(self.catalogue.observations())]
        for o in self.progress.observations:
            rows.append([o.indicator, names[o.indicator][0], o.year, o.value, names[o.indicator][1],
                         SCOPE_LABELS[o.scope], o.note or "", *source_cells(o.source)])
        return rows

    def about_rows(self, what: str) -> list[list[Cell]]:
        d = self.plan.document
        return [["项目", "内容"], ["文件", d.plan_title], ["发文字号", d.number or "（原件无）"],
                ["成文日期", d.date], ["发文机关", d.signatory], ["本表内容", what],
                ["依据", f"附件：{d.attachment_title}"], ["说明", "本表由网站根据原文整理，以原件为准。"]]

    # ── files ───────────────────────────────────────────────────────────────
    def files(self) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        if not self.plan.annex:  # the downloads are the annex's assignments
            return out
        d = self.plan.words.department
        for dept in self.duties.departments_sorted:
            rows = self.duty_rows(dept)
            out[routes.department_download(dept, "csv")] = csv_bytes(rows)
            out[routes.department_download(dept, "xlsx")] = self.xlsx(
                f"{dept.name} 职责清单",
                [Sheet("职责清单", rows, widths=(18, 10, 10, 6, 34, 22, 30, 50, 40, 30), wrap=(6, 7, 8), freeze="B2"),
                 Sheet("说明", self.about_rows(f"{dept.name}牵头和参与的任务"), widths=(12, 70))])
        tables = self.tables()
        matrix = tables["matrix"]
        task_count = len(self.duties.tasks)
        out[routes.matrix_download("xlsx")] = self.xlsx(
            f"{d} × 任务分工总表",
            [Sheet("分工总表", matrix, widths=(26, 12, *([14] * task_count), 10, 10, 30),
                   wrap=tuple(range(2, 2 + task_count)), freeze="C2"),
             Sheet("分工明细", self.assignment_rows(), widths=(10, 6, 36, 36, 26, 12, 6, 30), freeze="A2"),
             Sheet("实施记录", tables["records"], widths=(22, 12, 8, 36, 60, 36, 30, 30, 24, 20, 36, 12, 8, 40, 24, 40),
                   wrap=(3, 4, 5, 6, 7, 8), freeze="D2"),
             Sheet("指标观测值", tables["observations"], widths=(24, 30, 8, 8, 6, 14, 30, 20, 36, 12, 8, 40, 24), freeze="C2"),
             Sheet("说明", self.about_rows(f"各{d}在各项任务中的分工（牵头、参与）"), widths=(12, 70))])
        out[routes.matrix_download("json")] = self.json()
        for key, rows in tables.items():  # matrix.csv among them
            out[routes.table_download(key)] = csv_bytes(rows)
        out.update(package.files(self.plan, self.catalogue, {k: v for k, v in out.items() if k.endswith(".csv")}, self.site_url))
        return out

    def tables(self) -> dict[str, list[list[Cell]]]:
        """The data package's tables but the duty lists, by their catalogue key (records → records.csv)."""
        return {"tasks": self.task_rows(), "measures": self.measure_rows(), "departments": self.department_rows(),
                "assignments": self.assignment_id_rows(), "matrix": self.matrix_rows(), "records": self.record_rows(),
                **self.record_link_rows(), "record-figures": self.figure_rows(), "indicators": self.indicator_rows(),
                "observations": self.observation_rows()}

    def json(self) -> bytes:
        d = self.plan.document
        data = {
            "document": {"title": d.plan_title, "number": d.number, "date": d.date.isoformat(),
                         "issuer": d.signatory, "annex": d.attachment_title},
            "note": "本数据由网站根据原文整理，以原件为准。",
            "roles": ROLE_LABELS,
            "tasks": [{"id": t.id, "kind": t.kind, "kind_label": KIND_LABELS[t.kind], "number": t.numeral,
                       "title": t.label, "annex_title": self.duties.annex_title(t), "url": self.url(routes.task_page(t))}
                      for t in self.duties.tasks],
            "departments": [{"id": dept.id, "name": dept.name, "kind": dept.kind, "variants": list(dept.variants),
                             "url": self.url(routes.department_page(dept)),
                             "lead": [a.task.id for a in self.duties.for_department(dept) if a.role == "lead"],
                             "responsible": [a.task.id for a in self.duties.for_department(dept)
                                             if a.role == "responsible"]}
                            for dept in self.duties.departments_sorted],
            "assignments": [{"task": a.task.id, "department": a.department.id, "role": a.role, "printed": a.printed}
                            for a in self.duties.assignments],
            # 实施情况: the records and observations of data/progress.yaml, with their sources
            "records": [{"id": r.id, "date": r.date.iso, "date_precision": precision(r.date), "title": r.title, "summary": r.summary,
                         "measures": list(r.measures), "tasks": [t.id for t in self.records.tasks_of(r)],
                         "departments": list(r.departments),
                         "figures": [{"value": f.value, "unit": f.unit, "counts": f.counts} for f in r.figures],
                         "source": _source_json(r.source), "url": self.url(routes.PROGRESS) + f"#record-{r.id}"}
                        for r in self.records.newest_first],
            "observations": [{"indicator": o.indicator, "year": o.year, "value": o.value, "scope": o.scope,
                              "note": o.note, "source": _source_json(o.source)} for o in self.progress.observations],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def xlsx(self, title: str, sheets: list[Sheet]) -> bytes:
        return xlsx_bytes(title, sheets, datetime.datetime.combine(self.plan.document.date, datetime.time()))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Cell) -> str | int:
    """Excel and WPS run a CSV cell that starts like a formula (=HYPERLINK(...) …); a leading apostrophe
    makes them show it as text instead. The plan's own text never starts so; hostile data might.
    A date is ISO 8601; a number as the data writes it (10.2, 1200), never 1200.0."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return format_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_bytes(rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([csv_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, sheets: list[Sheet], stamp: datetime.datetime) -> bytes:
    return xlsx.workbook(title, sheets, stamp)


def _source_json(s) -> dict:
    return {"publisher": s.publisher, "title": s.title,
            "date": s.date.iso if s.date else None, "date_precision": precision(s.date) if s.date else None,
            "url": s.url, "number": s.number,
            "accessed": s.accessed.iso if s.accessed else None,
            "accessed_precision": precision(s.accessed) if s.accessed else None}


def downloads(plan: Plan, links: routes.Links, site_url: str = "", progress: Progress | None = None) -> dict[str, bytes]:
    return Exporter(plan, links, site_url, progress).files()
