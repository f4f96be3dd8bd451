"""The published tables described: every CSV download's columns (the Chinese header, a Table Schema type,
what the column holds), keys and links between tables. One description for three readers: the downloads
write their header rows from it (downloads/tables.py), the data package states it for programs
(downloads/package.py, datapackage.json), and the pages explain it to people (the 下载数据 section and the
editors' guide). Column names follow the plan's own words (部门 or 单位); nothing here is about one plan.

Dates. The data's dates are as precise as their sources: a year, a month or a day (model.When). A date
column holds ISO 8601 at that precision (2024 · 2024-09 · 2024-09-25) and the column after it, named
with 精度, says which (年 / 月 / 日). Table Schema's date, yearmonth and year types each take one
precision, so the date column is a string with a pattern, and the precision column an enum; the
spreadsheet has a real date cell where the precision is a day, the text otherwise; the JSON has the same
ISO text with `date_precision` (year / month / day).
"""
from __future__ import annotations

from dataclasses import dataclass

from plansite.data.progress import SCOPE_LABELS
from plansite.model import Plan, When
from plansite.plan import terms
from plansite.plan.duties import KIND_LABELS, ROLE_LABELS, Duties, short_labels

DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"  # Table Schema patterns are anchored at both ends
PRECISION_LABELS = {"year": "年", "month": "月", "day": "日"}
ID_PATTERN = r"[a-z0-9]+(-[a-z0-9]+)*"


def precision(when: When) -> str:
    """year, month or day: how precise a date of the data is."""
    return "day" if when.day is not None else "month" if when.month is not None else "year"


@dataclass(frozen=True)
class Column:
    name: str  # the header as the CSV prints it
    type: str  # a Table Schema type: string, integer, number, year
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    table: str  # the `key` of the table referred to
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    key: str  # the resource's name in datapackage.json, and the file's name (records → records.csv)
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _id(name: str, what: str, unique: bool = False) -> Column:
    return Column(name, "string", f"{what}的英文编号，网址由它生成，不会改变", required=True, unique=unique, pattern=ID_PATTERN)


def _date(name: str, what: str, required: bool = True) -> tuple[Column, Column]:
    when = "" if required else "；没有时为空"
    return (Column(name, "string", f"{what}：ISO 8601，来源写到哪一级就写到哪一级（2024、2024-09 或 2024-09-25），精度见下一列{when}",
                   required=required, pattern=DATE_PATTERN),
            Column(name + "精度", "string", f"{name}写到哪一级：年、月或日{when}", required=required,
                   enum=tuple(PRECISION_LABELS.values())))


def _page(name: str, what: str) -> Column:
    return Column(name, "string", f"本站{what}的网址（网站设置了公开地址时为完整网址，否则为相对于网站根目录的路径）", required=True)


def _source(date_name: str = "来源发布日期") -> tuple[Column, ...]:
    """A source: its publication date, or for a page that gives none, the day the editor read it (one of the two)."""
    return (Column("来源发布单位", "string", "来源的发布单位", required=True),
            Column("来源标题", "string", "来源的标题，照录", required=True),
            *_date(date_name, "来源的发布日期", required=False),
            Column("来源网址", "string", "来源的网址（与文号至少有一项）"),
            Column("来源文号", "string", "来源的文号（与网址至少有一项）"),
            *_date("来源查阅日期", "来源未注明发布日期时，编辑查阅它的日期", required=False))


class Catalogue:
    """Every table the downloads publish, for one plan (its words name the columns)."""

    def __init__(self, plan: Plan, duties: Duties | None = None):
        self.plan = plan
        self.duties = duties or Duties(plan)
        w = plan.words
        self.d = w.department  # 部门 or 单位

    def tables(self) -> list[Table]:
        """The tables of the data package, in the order datapackage.json lists them (the duty lists,
        one per department, share `duties`)."""
        return [self.tasks(), self.measures(), self.departments(), self.assignments(), self.matrix(), self.duty_list(),
                self.records(), self.record_measures(), self.record_tasks(), self.record_departments(),
                self.record_figures(), self.indicators(), self.observations()]

    # ── the plan ────────────────────────────────────────────────────────────
    def tasks(self) -> Table:
        w = self.plan.words
        return Table("tasks", "任务", "方案的提升行动和重点工程，按原文顺序，每项一行。", (
            _id("任务编号", "任务", unique=True),
            Column("类别", "string", "提升行动或重点工程", required=True, enum=tuple(KIND_LABELS.values())),
            Column("序号", "string", "原文序号（不含括号），在同一类别内不重复", required=True),
            Column("任务", "string", "任务名称（原文标题，不含句末句号）", required=True),
            Column(f"附件中的{w.task}", "string", "附件分工表中的写法（与正文相同时照正文）", required=True),
            Column("措施数", "integer", "原文中这项任务下的措施条数", required=True),
            _page("任务页面", "任务页面")), primary_key=("任务编号",))

    def measures(self) -> Table:
        return Table("measures", "措施", "各项任务下的措施（原文中以句号结束的小标题），按原文顺序。", (
            _id("措施编号", "措施", unique=True),
            Column("任务编号", "string", "措施所属任务的编号（见 tasks.csv）", required=True),
            Column("措施序号", "integer", "在所属任务中的第几条措施，从 1 起", required=True),
            Column("措施", "string", "措施的小标题（不含句末句号）", required=True),
            _page("措施页面", "任务页面上这条措施的位置")),
            primary_key=("措施编号",), foreign_keys=(ForeignKey(("任务编号",), "tasks", ("任务编号",)),))

    def departments(self) -> Table:
        d, w = self.d, self.plan.words
        return Table("departments", f"{d}名录", f"方案附件涉及和实施记录中登记的全部{d}，按类别排列。", (
            _id(f"{d}编号", d, unique=True),
            Column(d, "string", f"{d}的规范名称", required=True, unique=True),
            Column(f"{d}类别", "string", f"{d}的类别", required=True, enum=terms.department_kinds(self.plan)),
            Column("原文中的其他写法", "string", "原文中出现过的其他写法，以“、”分隔"),
            Column("牵头任务数", "integer", f"附件中这个{d}牵头的任务数（{w.lead}一栏）", required=True),
            Column("参与任务数", "integer", f"附件中这个{d}参与的任务数（{w.responsible}一栏）", required=True),
            _page(f"{d}页面", f"{d}页面")), primary_key=(f"{d}编号",))

    def assignments(self) -> Table:
        d, w = self.d, self.plan.words
        return Table("assignments", "分工明细", f"附件分工表的每一处分工一行：哪项任务，哪个{d}，牵头还是参与。", (
            Column("任务编号", "string", "任务编号（见 tasks.csv）", required=True),
            Column("类别", "string", "提升行动或重点工程", required=True, enum=tuple(KIND_LABELS.values())),
            Column("序号", "string", "原文序号", required=True),
            Column("任务", "string", "任务名称", required=True),
            Column(f"{d}编号", "string", f"{d}编号（见 departments.csv）", required=True),
            Column(d, "string", f"{d}的规范名称", required=True),
            Column("角色", "string", f"牵头：附件“{w.lead}”一栏；参与：“{w.responsible}”一栏", required=True,
                   enum=tuple(ROLE_LABELS.values())),
            Column(f"附件中的{d}写法", "string", "附件这一处照印的名称", required=True)),
            primary_key=("任务编号", f"{d}编号"),
            foreign_keys=(ForeignKey(("任务编号",), "tasks", ("任务编号",)),
                          ForeignKey((f"{d}编号",), "departments", (f"{d}编号",))))

    def matrix(self) -> Table:
        d = self.d
        labels = short_labels(self.duties)
        tasks = tuple(Column(f"{labels[t.id]} {t.label}", "string", f"这个{d}在“{t.label}”中的角色：牵头、参与，或空白（无分工）",
                             enum=tuple(ROLE_LABELS.values())) for t in self.duties.tasks)
        return Table("matrix", f"{d} × 任务分工总表", f"每个{d}一行、每项任务一列，与网站“分工总表”相同。", (
            Column(d, "string", f"{d}的规范名称", required=True, unique=True),
            Column(f"{d}类别", "string", f"{d}的类别", required=True, enum=terms.department_kinds(self.plan)),
            *tasks,
            Column("牵头任务数", "integer", "牵头的任务数", required=True),
            Column("参与任务数", "integer", "参与的任务数", required=True),
            _page(f"{d}页面", f"{d}页面")), primary_key=(d,),
            foreign_keys=(ForeignKey((d,), "departments", (d,)),))

    def duty_list(self) -> Table:
        d, w = self.d, self.plan.words
        return Table("duties", f"{d}职责清单", f"一个{d}牵头和参与的全部任务（先牵头，后参与，各按原文顺序）：每个{d}一个文件。", (
            Column(d, "string", f"{d}的规范名称", required=True),
            Column(f"本{d}角色", "string", "牵头或参与", required=True, enum=tuple(ROLE_LABELS.values())),
            Column(w.category, "string", "提升行动或重点工程", required=True, enum=tuple(KIND_LABELS.values())),
            Column("序号", "string", "原文序号", required=True),
            Column("任务", "string", "任务名称", required=True),
            Column(f"附件中本{d}的写法", "string", "附件照印的名称", required=True),
            Column(f"其他{w.lead}", "string", f"同一任务的其他{w.lead}，以“、”分隔"),
            Column(f"其他{w.responsible}", "string", f"同一任务的其他{w.responsible}，以“、”分隔"),
            Column("措施（原文小标题）", "string", "这项任务的措施，每条一行", required=True),
            _page("任务页面", "任务页面")), foreign_keys=((ForeignKey((d,), "departments", (d,))),))

    # ── 实施情况 (data/progress.yaml) ─────────────────────────────────────────
    def records(self) -> Table:
        d = self.d
        return Table("records", "实施记录", "方案印发后的实施记录，从新到旧。摘要是本站编辑根据所列公开来源的概括，不是来源原文。", (
            Column("编号", "string", "记录的英文编号（网页上的锚点），不会改变", required=True, unique=True, pattern=ID_PATTERN),
            *_date("日期", "事情发生的日期"),
            Column("标题", "string", "本站编辑概括的标题", required=True),
            Column("摘要（本站编辑概括）", "string", "本站编辑用自己的话写的摘要", required=True),
            Column("推进的措施", "string", "推进的措施名称，以“、”分隔（编号见 record-measures.csv）"),
            Column("推进的任务", "string", "推进的任务名称，以“、”分隔（编号见 record-tasks.csv）", required=True),
            Column(f"参与{d}", "string", f"参与{d}的名称，以“、”分隔（编号见 record-departments.csv）"),
            Column("数字", "string", "来源报道的数字，以“；”分隔（逐项见 record-figures.csv）"),
            *_source(),
            _page("本站页面", "实施情况页上这条记录")), primary_key=("编号",))

    def _record_link(self, key: str, title: str, name: str, table: str, what: str) -> Table:
        return Table(key, title, f"实施记录与{what}的对应：一条记录{what}几项，就有几行。", (
            Column("记录编号", "string", "记录编号（见 records.csv）", required=True),
            Column(name, "string", f"{name}（见 {table}.csv）", required=True)),
            primary_key=("记录编号", name),
            foreign_keys=(ForeignKey(("记录编号",), "records", ("编号",)), ForeignKey((name,), table, (name,))))

    def record_measures(self) -> Table:
        return self._record_link("record-measures", "实施记录推进的措施", "措施编号", "measures", "推进的措施")

    def record_tasks(self) -> Table:
        return self._record_link("record-tasks", "实施记录推进的任务", "任务编号", "tasks",
                                 "推进的任务（记录写明的任务，以及它推进的措施所属的任务）")

    def record_departments(self) -> Table:
        return self._record_link("record-departments", f"实施记录的参与{self.d}", f"{self.d}编号", "departments", f"参与{self.d}")

    def record_figures(self) -> Table:
        return Table("record-figures", "实施记录中的数字", "实施记录的来源报道的数字，每个一行，数值是数。", (
            Column("记录编号", "string", "记录编号（见 records.csv）", required=True),
            Column("序号", "integer", "在这条记录中的第几个数字，从 1 起", required=True),
            Column("数值", "number", "数值", required=True),
            Column("单位", "string", "单位", required=True),
            Column("统计的是什么", "string", "这个数字统计的对象", required=True)),
            primary_key=("记录编号", "序号"), foreign_keys=(ForeignKey(("记录编号",), "records", ("编号",)),))

    def indicators(self) -> Table:
        return Table("indicators", "量化指标", "方案提出的量化指标。", (
            _id("指标编号", "指标", unique=True),
            Column("指标", "string", "指标名称", required=True),
            Column("单位", "string", "指标的单位")), primary_key=("指标编号",))

    def observations(self) -> Table:
        return Table("observations", "指标观测值", "公开来源发布的指标数值：本区的，以及重庆市、全国的参照值。", (
            Column("指标编号", "string", "指标编号（见 indicators.csv）", required=True),
            Column("指标", "string", "指标名称", required=True),
            Column("年份", "year", "数值所属的年份", required=True),
            Column("数值", "number", "数值", required=True),
            Column("单位", "string", "单位"),
            Column("范围", "string", "本区的数值，或仅作参照的重庆市、全国数值", required=True, enum=tuple(SCOPE_LABELS.values())),
            Column("说明", "string", "本站编辑的说明"),
            *_source()),
            primary_key=("指标编号", "年份", "范围"), foreign_keys=(ForeignKey(("指标编号",), "indicators", ("指标编号",)),))
