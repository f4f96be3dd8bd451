"""downloads/datapackage.json: a Frictionless Data Package (Tabular Data Package, v1 spec) describing
every CSV download — each column's name, type, meaning and constraints (plansite/opendata.py), the tables'
primary and foreign keys, each file's size and SHA-256, the source document and the terms of reuse.

Written as plain JSON: keys in a fixed order, no date or clock, so the same data gives the same bytes.
The frictionless library is used only by the tests (`frictionless validate` on the built package): the
build does not need it (it is large, and what it would write is a dict).

Terms: the plan is a public government document; its issuer granted no open licence (none is named in
data/plan.yaml), so the package names none (`licenses` is left out rather than invented) and says plainly,
in Chinese and English, what the data are and how to reuse them.
"""
from __future__ import annotations

import hashlib
import json
import uuid

from plansite import routes
from plansite.model import Plan
from plansite.opendata import Catalogue, Column, Table


def _field(c: Column) -> dict:
    out: dict = {"name": c.name, "title": c.name, "type": c.type, "description": c.description}
    if c.type == "year":
        out["format"] = "default"
    constraints: dict = {}
    if c.required:
        constraints["required"] = True
    if c.unique:
        constraints["unique"] = True
    if c.pattern:
        constraints["pattern"] = c.pattern
    if c.enum:
        constraints["enum"] = list(c.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def _schema(table: Table) -> dict:
    out: dict = {"fields": [_field(c) for c in table.columns], "missingValues": [""]}
    if table.primary_key:
        out["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        out["foreignKeys"] = [{"fields": list(fk.fields), "reference": {"resource": fk.table, "fields": list(fk.reference)}}
                              for fk in table.foreign_keys]
    return out


def _resource(name: str, path: str, title: str, table: Table, data: bytes, schema: dict | str | None = None) -> dict:
    return {"name": name, "path": path[len(routes.DOWNLOADS):], "profile": "tabular-data-resource",
            "title": title, "description": table.description, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": '"', "doubleQuote": True, "header": True},
            "schema": _schema(table) if schema is None else schema}


def terms(plan: Plan) -> dict[str, str]:
    d = plan.document
    number = f"，{d.number}" if d.number else ""
    marked_zh = f"，原件注明“{d.disclosure}”" if d.disclosure else ""
    marked_en = f"; the original is marked “{d.disclosure}”" if d.disclosure else ""
    return {
        "zh": (f"《{d.plan_title}》是{d.signatory}印发的政府公文（{d.date.isoformat()}{number}）{marked_zh}。"
               "本数据包中方案的任务、措施、部门和分工由本站根据原文整理，以原件为准。"
               "实施记录和指标观测值是本站编辑根据每条所列公开来源所作的概括，不是来源原文；引用其中的事实，请核对并注明原始来源。"
               "发文机关没有为该文件或本数据指定开放许可协议，本站也不代为授予，因此本数据包不列出许可协议。"),
        "en": (f"The plan is a government document issued by {d.signatory} ({d.date.isoformat()}{number.replace('，', ', ')})"
               f"{marked_en}. The plan's tasks, measures, departments and assignments in this package were transcribed "
               "from it by this site; the original prevails. The implementation records and indicator observations are "
               "this site's editors' summaries of the public sources cited in each row, not the sources' own words: "
               "check and cite the original source when reusing a fact. The issuing office has granted no open licence "
               "for the document or these data, and this site grants none on its behalf, so the package lists no licence."),
    }


def files(plan: Plan, catalogue: Catalogue, csvs: dict[str, bytes], site_url: str = "") -> dict[str, bytes]:
    """datapackage.json for the CSVs in `csvs` (path in the site → bytes), in the catalogue's order, and
    the one schema the departments' duty lists share (a file beside it, named by each of them: written
    into each, it was most of the package's size)."""
    d = plan.document
    resources = []
    shared = routes.DUTIES_SCHEMA[len(routes.DOWNLOADS):]
    for table in catalogue.tables():
        if table.key == "duties":
            for dept in catalogue.duties.departments_sorted:
                path = routes.department_download(dept, "csv")
                if path in csvs:
                    resources.append(_resource(f"duties-{dept.id}", path, f"{dept.name} {table.title}", table, csvs[path],
                                               schema=shared))
            continue
        path = routes.table_download(table.key)
        resources.append(_resource(table.key, path, table.title, table, csvs[path]))
    package: dict = {
        "profile": "tabular-data-package",
        "id": uuid.uuid5(uuid.NAMESPACE_URL, f"plansite:{d.number or d.plan_title}:datapackage").urn,
        "title": f"{d.plan_title} · 数据",
        "description": (f"{d.signatory}《{d.plan_title}》的任务、措施、{plan.words.department}和分工，以及方案印发后的实施记录和指标观测值。"
                        "每个 CSV 文件为 UTF-8 编码（带 BOM），第一行是列名。日期按来源的精度写（2024、2024-09 或 2024-09-25），"
                        "后一列注明精度（年、月、日）。"),
        "language": "zh-CN",
    }
    if site_url:
        package["homepage"] = site_url
    package["sources"] = [{"title": f"{d.signatory}：{d.notice_title}（{d.number + '，' if d.number else ''}{d.date.isoformat()}）"},
                          {"title": "实施记录和指标观测值：各行所列的公开来源（来源发布单位、标题、日期、网址或文号）"}]
    package["contributors"] = [{"title": d.signatory, "role": "author"}]
    package["terms"] = terms(plan)
    package["resources"] = resources
    return {routes.DATAPACKAGE: _json(package), routes.DUTIES_SCHEMA: _json(_schema(catalogue.duty_list()))}


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
