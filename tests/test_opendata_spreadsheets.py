"""Typed downloads: in every XLSX sheet numbers are numbers and full dates are dates (openpyxl), formulas
over them compute in LibreOffice (one headless run), and a date's precision is stated the same way in
the CSV, the XLSX and the JSON."""
from __future__ import annotations

import csv
import datetime
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from plansite import routes
from plansite.data import project
from plansite.opendata import Catalogue
from plansite.plan.timeline import build_date

ROOT = Path(__file__).resolve().parent.parent
FULL_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
NUMERIC = {"integer", "number", "year"}
PRECISION = {"year": "年", "month": "月", "day": "日"}


@pytest.fixture(scope="module")
def data():
    return project.read(ROOT, build_date())


def workbooks(site_dir: Path) -> list[Path]:
    return sorted((site_dir / "downloads").rglob("*.xlsx"))


def test_no_sheet_stores_a_number_or_a_full_date_as_text(site_dir, plan):
    c = Catalogue(plan)
    tables = {"分工总表": c.matrix(), "实施记录": c.records(), "指标观测值": c.observations(), "职责清单": c.duty_list()}
    books = workbooks(site_dir)
    assert len(books) == len(plan.departments) + 1
    for path in books:
        for ws in load_workbook(path).worksheets:
            rows = list(ws.iter_rows(values_only=True))
            numeric = {col.name for col in tables[ws.title].columns if col.type in NUMERIC} if ws.title in tables else set()
            for col, name in enumerate(rows[0]):
                cells = [row[col] for row in rows[1:] if row[col] is not None]
                if name in numeric:
                    assert all(isinstance(v, (int, float)) for v in cells), (path.name, ws.title, name)
                assert not [v for v in cells if isinstance(v, str) and FULL_DATE.fullmatch(v)], (path.name, ws.title, name)


def test_dates_and_their_precision_agree_in_csv_xlsx_and_json(site_dir, data):
    records = {r.id: r for r in data.progress.records}
    assert {r.date.day is None for r in records.values()} == {True, False}  # both kinds are there to check
    table = list(csv.DictReader(io.StringIO((site_dir / routes.records_download("csv")).read_text(encoding="utf-8-sig"))))
    sheet = list(load_workbook(site_dir / routes.matrix_download("xlsx"))["实施记录"].iter_rows(values_only=True))
    head = sheet[0]
    xlsx = {row[0]: dict(zip(head, row, strict=True)) for row in sheet[1:]}
    js = {r["id"]: r for r in json.loads((site_dir / routes.matrix_download("json")).read_text(encoding="utf-8"))["records"]}
    for rid, r in records.items():
        for when, prefix, j in ((r.date, "", js[rid]), (r.source.date, "来源发布", js[rid]["source"])):
            day = when.day is not None
            assert (table_row := next(t for t in table if t["编号"] == rid))[prefix + "日期"] == when.iso
            assert table_row[prefix + "日期精度"] == xlsx[rid][prefix + "日期精度"] == PRECISION[j["date_precision"]]
            assert xlsx[rid][prefix + "日期"] == (datetime.datetime.combine(when.first_day, datetime.time()) if day else when.iso)
            assert j["date"] == when.iso and j["date_precision"] == ("day" if day else "month" if when.month else "year")


def test_formulas_over_the_numbers_and_dates_compute_in_libreoffice(site_dir, data, duties, tmp_path):
    """The workbook with a sheet of formulas added in front, recalculated and saved as CSV by LibreOffice."""
    book = load_workbook(site_dir / routes.matrix_download("xlsx"))

    def column(sheet: str, name: str) -> str:
        letter = get_column_letter(next(c.column for c in book[sheet][1] if c.value == name))
        return f"'{sheet}'!{letter}2:{letter}1000"

    check = book.create_sheet("检验", 0)
    check.append([f"=SUM({column('指标观测值', '数值')})", f"=COUNT({column('指标观测值', '数值')})",
                  f"=SUM({column('分工总表', '牵头任务数')})", f"=COUNT({column('实施记录', '日期')})",
                  f"=TEXT(MAX({column('实施记录', '来源发布日期')}),\"YYYY-MM-DD\")"])
    book.save(tmp_path / "check.xlsx")
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is not installed (./scripts/dev.sh test installs libreoffice-calc-nogui)"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "out"), str(tmp_path / "check.xlsx")],
                   check=True, capture_output=True, timeout=180)
    (values,) = list(csv.reader(io.StringIO((tmp_path / "out" / "check.csv").read_text(encoding="utf-8"))))
    observed = [o.value for o in data.progress.observations]
    assert float(values[0]) == pytest.approx(sum(observed)) and int(values[1]) == len(observed)
    assert int(values[2]) == sum(a.role == "lead" for a in duties.assignments)
    assert int(values[3]) == sum(r.date.day is not None for r in data.progress.records)  # only full days are dates
    assert values[4] == max(r.source.date.first_day for r in data.progress.records).isoformat()
