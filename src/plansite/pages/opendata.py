"""The downloads explained, for the 下载数据 section of the about page and the editors' guide: each file,
what it holds, its columns (from plansite/opendata.py, the description the CSVs and datapackage.json are
written from, so the page cannot say other than the files do) and how to open it."""
from __future__ import annotations

from dataclasses import dataclass

from plansite import routes
from plansite.model import Plan
from plansite.opendata import DATE_PATTERN, Catalogue, Column, Table
from plansite.plan.duties import Duties

TYPE_LABELS = {"string": "文字", "integer": "整数", "number": "数值", "year": "年份"}


@dataclass(frozen=True, kw_only=True)
class ColumnView:
    name: str
    type: str  # 文字 · 整数 · 数值 · 年份 · 日期
    description: str
    key: str  # 主键 · 对应 tasks.csv 的 任务编号 · ""


@dataclass(frozen=True, kw_only=True)
class FileView:
    anchor: str
    file: str  # records.csv · departments/编号.csv
    href: str  # the file, or for the duty lists the departments' index (each page links its own)
    title: str
    description: str
    columns: tuple[ColumnView, ...]


@dataclass(frozen=True, kw_only=True)
class OpenDataView:
    department: str  # 部门 or 单位
    files: tuple[FileView, ...]
    workbook_href: str  # matrix.xlsx: the tables for spreadsheets
    json_href: str
    package_href: str  # datapackage.json
    feed_href: str
    example_csv: str  # the name of one table, for the instructions


def _column(table: Table, c: Column, keys: dict[str, str]) -> ColumnView:
    kind = "日期" if c.pattern == DATE_PATTERN else TYPE_LABELS[c.type]
    return ColumnView(name=c.name, type=kind, description=c.description, key=keys.get(c.name, ""))


def _keys(table: Table) -> dict[str, str]:
    out = {f: "主键" if len(table.primary_key) == 1 else "主键之一" for f in table.primary_key}
    for fk in table.foreign_keys:
        for mine, theirs in zip(fk.fields, fk.reference, strict=True):
            said = f"对应 {fk.table}.csv 的“{theirs}”"
            out[mine] = f"{out[mine]}；{said}" if mine in out else said
    return out


def view(plan: Plan, duties: Duties, links: routes.Links, src: str, site_url: str = "") -> OpenDataView | None:
    """None for a plan without an annex: the build then publishes no downloads."""
    if not plan.annex:
        return None

    def href(path: str) -> str:
        return f"{site_url.rstrip('/')}/{path}" if site_url else links.href(src, path)

    files = []
    for table in Catalogue(plan, duties).tables():
        if table.key == "duties":
            file, target = f"departments/{plan.words.department}编号.csv", links.href(src, routes.DEPARTMENTS)
        else:
            file, target = routes.table_download(table.key)[len(routes.DOWNLOADS):], href(routes.table_download(table.key))
        keys = _keys(table)
        files.append(FileView(anchor=f"file-{table.key}", file=file, href=target, title=table.title, description=table.description,
                              columns=tuple(_column(table, c, keys) for c in table.columns)))
    return OpenDataView(department=plan.words.department, files=tuple(files), workbook_href=href(routes.matrix_download("xlsx")),
                        json_href=href(routes.matrix_download("json")), package_href=href(routes.DATAPACKAGE),
                        feed_href=links.href(src, routes.FEED), example_csv="records.csv")
