"""The editors' guide (/editors/): real error examples, real snippets, the README's commands, linked
from the notes page but kept out of the public's way (not in the nav, not in search)."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from plansite import routes
from plansite.data.plan import load
from plansite.pages import guide
from plansite.site.navigation import navigation
from support.paths import INVALID, PROGRESS_INVALID_DIR, ROOT
from support.sitehtml import parse


@pytest.fixture(scope="module")
def guide_md(pages) -> str:
    return pages[guide.SRC]


def test_every_kind_of_mistake_is_explained():
    assert set(guide.MISTAKES) == {p.stem for p in INVALID}


def test_a_new_fixture_without_an_explanation_stops_the_build(monkeypatch):
    # A copy without one explanation (deleting and restoring the key would move it to the end of the
    # dict, and the guide lists the mistakes in the dict's order).
    monkeypatch.setattr(guide, "MISTAKES", {k: v for k, v in guide.MISTAKES.items() if k != "yaml-tab"})
    with pytest.raises(guide.GuideError, match="yaml-tab"):
        guide.examples()


def test_snippets_are_the_current_lines_of_the_data():
    text = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8")
    lines = text.split("\n")
    snippets = guide.snippets(load(ROOT / "data" / "plan.yaml"))
    assert set(snippets) == {"measure", "department", "annex"}
    for snippet in snippets.values():
        for number, shown, _ in snippet.excerpt.lines:
            assert lines[number - 1] == shown
    measure = snippets["measure"].excerpt.lines
    assert measure[0][1].strip().startswith("- id: ") and "title:" in measure[1][1]


def test_every_command_the_guide_names_exists(guide_md):
    commands = set(re.findall(r"\./scripts/dev\.sh (\w+)", guide_md))
    assert {"serve", "check", "import"} <= commands
    script = (ROOT / "scripts" / "dev.sh").read_text(encoding="utf-8")
    cases = {name for labels in re.findall(r"^  ([a-z|]+)\)$", script, flags=re.M) for name in labels.split("|")}
    assert commands <= cases, commands - cases


def test_every_field_of_the_model_is_listed(guide_md):
    rows = guide.fields()
    paths = {r.path for r in rows}
    assert {"document.plan_title", "chapters[].tasks[].measures[].title", "departments[].variants",
            "annex[].lead", "notes[].kind"} <= paths
    for r in rows:  # shown with a line-break chance after each dot and underscore
        shown = r.path.replace("_", "_<wbr>").replace(".", ".<wbr>")
        assert f'<code class="pl-field">{shown}</code>' in guide_md


def test_the_guide_is_linked_from_the_notes_page_and_out_of_nav_and_search(site_dir, plan):
    about = parse(site_dir / "about" / "index.html")
    assert "../editors/" in about.links
    assert (site_dir / "editors" / "index.html").exists()
    flat = json.dumps(navigation(plan), ensure_ascii=False)
    assert guide.SRC not in flat
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith("editors/") for doc in index["docs"])
    assert "pl-updated" not in (site_dir / "editors" / "index.html").read_text(encoding="utf-8")


def test_the_schema_is_published_with_the_site(site_dir):
    published = site_dir / "schema" / "plan.schema.json"
    assert published.read_bytes() == (ROOT / "docs" / "schema" / "plan.schema.json").read_bytes()
    assert "../schema/plan.schema.json" in parse(site_dir / "editors" / "index.html").links
    assert routes.Links().href(guide.SRC, "schema/plan.schema.json") == "../schema/plan.schema.json"


# ── 实施记录 (data/progress.yaml) ───────────────────────────────────────────────────────────────
PROGRESS_INVALID = sorted(PROGRESS_INVALID_DIR.glob("*.yaml"))


def test_every_kind_of_bad_record_is_explained():
    assert set(guide.PROGRESS_MISTAKES) == {p.stem for p in PROGRESS_INVALID}


@pytest.mark.parametrize("path", PROGRESS_INVALID, ids=[p.stem for p in PROGRESS_INVALID])
def test_the_guide_shows_each_bad_records_message(guide_md, path: Path):
    if path.stem == "future-date":  # its message names the build date; the guide's is today's
        assert "问题：日期在本站生成日期之后" in guide_md
    else:
        expected = path.with_suffix(".expected").read_text(encoding="utf-8")
        shown = expected.replace(f"{PROGRESS_INVALID_DIR.relative_to(ROOT).as_posix()}/{path.name}", "data/progress.yaml").rstrip("\n")
        assert html.escape(shown, quote=False) in guide_md.replace("&#34;", '"').replace("&#39;", "'")
    assert f"{{ #progress-error-{path.stem} }}" in guide_md


def test_the_guide_explains_how_to_add_a_record(guide_md):
    assert "{ #progress }" in guide_md and "data/progress.yaml" in guide_md
    first_record = (ROOT / "data" / "progress.yaml").read_text(encoding="utf-8").split("\n")
    record_line = next(line for line in first_record if line.strip().startswith("- id:"))
    assert html.escape(record_line, quote=False) in guide_md
