"""The GitHub issue forms (.github/ISSUE_TEMPLATE/): valid by GitHub's own schemas (check-jsonschema ships
them), written from the data so a new department appears in the form by itself, and committed current."""
from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plansite import cli
from plansite.contrib import forms
from plansite.model import Department
from plansite.pages import contribute

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / forms.FOLDER
CHECK = Path(sys.executable).parent / "check-jsonschema"


def check_jsonschema(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK), "--builtin-schema", schema, *map(str, paths)], capture_output=True, text=True)


def test_the_committed_forms_are_valid_issue_forms():
    result = check_jsonschema("vendor.github-issue-forms", FOLDER / contribute.RECORD_FORM, FOLDER / contribute.CORRECTION_FORM)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("site_url", [None, "https://host.example/zt/kxsz/"])
def test_the_chooser_config_is_valid_with_and_without_the_sites_address(tmp_path, site_url, plan):
    path = tmp_path / forms.CONFIG
    path.write_text(forms.files(plan, site_url)[forms.CONFIG], encoding="utf-8")
    result = check_jsonschema("vendor.github-issue-config", path)
    assert result.returncode == 0, result.stdout + result.stderr
    links = yaml.safe_load(path.read_text(encoding="utf-8")).get("contact_links", [])
    assert [link["url"] for link in links] == ([site_url, site_url + "editors/"] if site_url else [])


def test_the_schema_check_is_live(tmp_path):
    """A form GitHub would refuse (a dropdown without options) fails the same check."""
    bad = tmp_path / "bad.yml"
    bad.write_text("name: x\ndescription: y\nbody:\n  - type: dropdown\n    id: a\n    attributes: {label: z}\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", bad).returncode != 0


def test_the_committed_forms_are_current(plan):
    """Written by `python scripts/build_pages.py forms` from data/plan.yaml: run it after changing the data."""
    committed = {p.name: p.read_text(encoding="utf-8") for p in FOLDER.iterdir()}
    address = forms.address_in(committed[forms.CONFIG])
    assert committed == forms.files(plan, address), "run: python scripts/build_pages.py forms"


def dropdowns(form: dict) -> dict[str, list[str]]:
    return {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}


def test_the_dropdowns_offer_every_task_measure_and_department_by_name(plan):
    offered = dropdowns(forms.record_form(plan))
    tasks = [t for c in plan.chapters for t in c.tasks]
    assert offered["tasks"] == [t.label for t in tasks]
    assert offered["measures"] == [f"{m.label}（{t.label}）" for t in tasks for m in t.measures]
    assert offered["departments"] == [d.name for d in plan.departments]
    ids = {d.id for d in plan.departments} | {t.id for t in tasks}
    assert not ids & {o for options in offered.values() for o in options}  # names, never ids


def test_a_new_department_appears_in_the_form_by_itself(plan):
    more = dataclasses.replace(plan, departments=(*plan.departments, Department("new-dept", "区新设局", "区政府部门")))
    assert dropdowns(forms.record_form(more))["departments"][-1] == "区新设局"


@pytest.mark.parametrize("name", ["区科协, 区妇联", " 区科协", "None"])
def test_a_name_github_would_split_or_mistake_is_refused(plan, name):
    odd = dataclasses.replace(plan, departments=(*plan.departments, Department("odd", name, "其他")))
    with pytest.raises(forms.FormsError, match="不能作为表单中的选项"):
        forms.record_form(odd)


def test_required_fields_are_required_and_every_field_has_help():
    required = {f.id for f in forms.RECORD_FIELDS if f.required}
    assert required == {"date", "title", "summary", "source_publisher", "source_title", "confirm"}
    assert all(f.description for f in (*forms.RECORD_FIELDS, *forms.CORRECTION_FIELDS))
    assert {f.id for f in forms.CORRECTION_FIELDS if f.required} == {"page", "wrong"}
    assert "original_page" in {f.id for f in forms.CORRECTION_FIELDS}  # the published document's page


def test_the_site_links_fill_the_fields_the_forms_have(plan):
    record, correction = forms.record_form(plan), forms.correction_form()
    assert contribute.PRESET in {i.get("id") for i in record["body"]} and contribute.PAGE in {i.get("id") for i in correction["body"]}
    assert next(i for i in record["body"] if i.get("id") == contribute.PRESET)["type"] == "input"  # GitHub pre-fills text fields


def test_the_command_writes_the_forms_and_keeps_the_sites_address(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "plan.yaml", tmp_path / "data" / "plan.yaml")
    assert cli.run(tmp_path, ["forms", "--site-url", "https://host.example/kxsz/"]) == 0
    written = tmp_path / forms.FOLDER
    assert sorted(p.name for p in written.iterdir()) == ["config.yml", "correction.yml", "record.yml"]
    assert cli.run(tmp_path, ["forms"]) == 0  # again, without the address: nothing changes
    assert "已是最新" in capsys.readouterr().out
    assert forms.address_in((written / "config.yml").read_text(encoding="utf-8")) == "https://host.example/kxsz/"
