"""If Material's search worker changes (an upgrade), the build fails loudly instead of shipping a search
that silently drops words — and leaves the previous site alone."""
from __future__ import annotations

from pathlib import Path

import material

from plansite.site.material import worker
from support.builds import build_site
from support.paths import SMALL_PLAN
from support.projectcopy import copy_project


def project_copy(tmp_path: Path) -> Path:
    """A copy as conftest's plain_copy_site makes it (the small plan), which builds."""
    return copy_project(tmp_path / "project", SMALL_PLAN.read_text(encoding="utf-8"))


def test_a_changed_material_worker_stops_the_build(tmp_path, epoch):
    project = project_copy(tmp_path)
    path, original = worker.locate([str(Path(material.__file__).parent / "templates")])
    # As if an upgrade had fixed the loop upstream: the theme override stands in for the new Material.
    upgraded = original.read_text(encoding="utf-8").replace(worker.PATCHES[0].old, worker.PATCHES[0].new)
    (project / "overrides" / path).parent.mkdir(parents=True)
    (project / "overrides" / path).write_text(upgraded, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")

    result = build_site(site, epoch, project / "mkdocs.yml")

    assert result.returncode != 0
    assert "Material's file is not the one these patches were written for" in result.stderr and "material/worker.py" in result.stderr
    assert worker.PATCHES[0].old in result.stderr and "found 0 times" in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]


def test_the_unchanged_copy_builds(plain_copy_site):
    """The same copy without the stand-in builds (the copy other tests build too): the failure above is
    the worker's, not the copy's."""
    _, site, result = plain_copy_site
    assert result.returncode == 0, result.stderr
    assert (site / "search" / "search_index.json").exists()
