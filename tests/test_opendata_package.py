"""downloads/datapackage.json, the Frictionless Data Package of the CSV downloads: `frictionless validate`
passes on the built site (types, patterns, enums, primary and foreign keys, sizes and hashes), a broken
copy fails it, every CSV is described, and the terms say what the data are without inventing a licence."""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plansite import routes


def package(site_dir: Path) -> dict:
    return json.loads((site_dir / routes.DATAPACKAGE).read_text(encoding="utf-8"))


def test_frictionless_validate_passes_on_the_built_package(site_dir):
    cli = Path(sys.executable).parent / "frictionless"
    done = subprocess.run([str(cli), "validate", "--json", routes.DATAPACKAGE], cwd=site_dir,
                          capture_output=True, text=True, encoding="utf-8")
    report = json.loads(done.stdout)
    errors = [e for task in report["tasks"] for e in task["errors"]] + report["errors"]
    assert (done.returncode, report["valid"], errors) == (0, True, [])
    assert len(report["tasks"]) == len(package(site_dir)["resources"])


def test_a_copy_with_a_dangling_task_id_and_a_changed_file_fails(site_dir, tmp_path):
    from frictionless import validate

    shutil.copytree(site_dir / "downloads", tmp_path / "downloads")
    links = tmp_path / routes.table_download("record-tasks")
    rows = list(csv.reader(io.StringIO(links.read_text(encoding="utf-8-sig"))))
    rows[1][1] = "no-such-task"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    links.write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    report = validate(str(tmp_path / routes.DATAPACKAGE))
    found = {(task.name, e.type) for task in report.tasks for e in task.errors}
    assert found == {("record-tasks", "foreign-key"), ("record-tasks", "hash-count"), ("record-tasks", "byte-count")}


def test_every_csv_download_is_described_with_its_keys(site_dir):
    p = package(site_dir)
    downloads = site_dir / "downloads"
    described = {r["path"] for r in p["resources"]}
    assert described == {f.relative_to(downloads).as_posix() for f in downloads.rglob("*.csv")}
    by_name = {r["name"]: r for r in p["resources"]}
    assert {"tasks", "measures", "departments", "records", "observations"} <= set(by_name)
    assert by_name["tasks"]["schema"]["primaryKey"] == ["任务编号"]

    def refers(resource: str) -> set[str]:
        return {fk["reference"]["resource"] for fk in by_name[resource]["schema"]["foreignKeys"]}

    assert refers("record-tasks") == {"records", "tasks"} and refers("record-departments") == {"records", "departments"}
    assert refers("assignments") == {"tasks", "departments"} and refers("observations") == {"indicators"}
    for r in p["resources"]:  # each column has a type and a Chinese description
        schema = r["schema"] if isinstance(r["schema"], dict) else json.loads((downloads / r["schema"]).read_text(encoding="utf-8"))
        assert all(f["type"] and f["description"] for f in schema["fields"]), r["name"]


def test_the_terms_name_the_document_and_grant_no_licence_nobody_granted(site_dir, plan):
    p = package(site_dir)
    assert "licenses" not in p
    d = plan.document
    assert d.number in p["sources"][0]["title"] and d.signatory in p["sources"][0]["title"]
    assert d.disclosure in p["terms"]["zh"] and "本站编辑" in p["terms"]["zh"] and "许可" in p["terms"]["zh"]
    assert "summaries" in p["terms"]["en"] and "no open licence" in p["terms"]["en"]


@pytest.mark.parametrize("name", ["records", "observations"])
def test_date_columns_carry_their_precision(site_dir, name):
    """Each date column of the records is followed by its precision, and the pattern fits all three forms."""
    import re

    fields = next(r for r in package(site_dir)["resources"] if r["name"] == name)["schema"]["fields"]
    names = [f["name"] for f in fields]
    for f in fields:
        if f["name"].endswith("日期"):
            precision = fields[names.index(f["name"]) + 1]
            assert precision["name"] == f["name"] + "精度" and precision["constraints"]["enum"] == ["年", "月", "日"]
            assert all(re.fullmatch(f["constraints"]["pattern"], v) for v in ("2024", "2024-09", "2024-09-25"))
