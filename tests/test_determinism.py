"""Same data, same site, byte for byte; and the site follows the data (a department removed, its page gone)."""
from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from support.builds import build_site
from support.paths import ROOT, SMALL_PLAN
from support.projectcopy import copy_project

# The one file MkDocs stamps with the build: sitemap.xml.gz, whose gzip header holds the build day
# (MkDocs uses the pages' update date, i.e. today, unless SOURCE_DATE_EPOCH is set). Its content is
# compared instead, so two builds either side of midnight still count as identical.
STAMPED = {"sitemap.xml.gz"}


def files(folder: Path) -> dict[str, bytes]:
    out = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            name = p.relative_to(folder).as_posix()
            out[name] = gzip.decompress(p.read_bytes()) if name in STAMPED else p.read_bytes()
    return out


def test_generation_in_another_process_writes_identical_markdown(pages, tmp_path, epoch):
    """`build_pages.py generate` in a fresh process (its own hash seed, so no set or dict order can leak
    in) writes exactly what this process generated from the same plan and records."""
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "generate", str(tmp_path / "out")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.stderr
    written = files(tmp_path / "out")
    assert len(written) > 40
    assert written == {src: c if isinstance(c, bytes) else c.encode("utf-8") for src, c in pages.items()}


def test_a_second_build_by_properdocs_writes_an_identical_site(site_dir, tmp_path, epoch):
    """The session's site built again, in a process of its own (its own hash seed: a set or dict order that
    changes from process to process would show), and by ProperDocs, MkDocs' maintained fork, this time
    (MkDocs 1.6.1 is the last 1.x, and MkDocs 2 runs no plugins): the same bytes, offline copy included.
    Where this fails, a second build with `engine="mkdocs"` tells an order that changes from one that differs."""
    again = tmp_path / "again"
    result = build_site(again, epoch, offline_copy=True, engine="properdocs")
    assert result.returncode == 0, result.stderr
    first, second = files(site_dir), files(again)
    assert set(first) == set(second)
    different = sorted(name for name in first if first[name] != second[name])
    assert different == []
    assert any(name.endswith(".html") for name in first) and "search/search_index.json" in first


def without(plan_text: str, dept_id: str) -> str:
    """The plan with a department dropped from the registry and from every annex row."""
    data = yaml.safe_load(plan_text)
    data["departments"] = [d for d in data["departments"] if d["id"] != dept_id]
    for row in data["annex"]:
        for role in ("lead", "responsible"):
            row[role] = [ref for ref in row[role] if (ref if isinstance(ref, str) else ref["id"]) != dept_id]
            assert row[role], f"{dept_id} is alone in a row; pick another department"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1 << 30)


@pytest.mark.parametrize("dept_id", ["jiaowei"])
def test_removing_a_department_removes_its_page(plain_copy_site, tmp_path, dept_id):
    """Rebuilt with `build_pages.py build` over the site of the full data (the plain copy's: the small plan,
    since what a rebuild does with the page does not depend on the plan's size), a department's page is gone."""
    import shutil

    _, built, first = plain_copy_site
    assert first.returncode == 0, first.stderr
    site = tmp_path / "site"
    shutil.copytree(built, site)
    assert (site / "departments" / dept_id / "index.html").exists()

    project = copy_project(tmp_path / "project", without(SMALL_PLAN.read_text(encoding="utf-8"), dept_id))
    second = subprocess.run([sys.executable, "scripts/build_pages.py", "build", str(site)], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "PLANSITE_OFFLINE_COPY": "0"})
    assert second.returncode == 0, second.stderr
    assert not (site / "departments" / dept_id).exists()
    assert f"departments/{dept_id}/" not in (site / "departments" / "index.html").read_text(encoding="utf-8")
    assert f"/{dept_id}/" not in (site / "matrix" / "index.html").read_text(encoding="utf-8")
    assert (site / "departments" / "kexie" / "index.html").exists()
