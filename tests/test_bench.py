"""The benchmark script still runs end to end (quick mode: the real plan, one build, one search
query in Chromium) and writes complete JSON. It asserts no times: speed is the benchmark's job; the budgets
on bytes (home page transfer, search index) must pass."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from support import plan_facts as facts
from support.builds import Made, built_once
from support.paths import ROOT

WATCHED = [ROOT / "data", ROOT / "docs", ROOT / "mkdocs.yml"]  # what the benchmark must leave as it was

BUDGET_IDS = {"generation_share", "build_growth", "home_transfer", "search_index_size", "matrix_at_scale", "lighthouse"}
STATUSES = {"PASS", "FAIL", "SKIPPED", "NOT MEASURABLE YET"}
CATEGORIES = {"html", "css", "js", "font", "other", "search_index", "search_runtime"}


def digest(paths: list[Path]) -> str:
    """One hash of the files under `paths`, their names included."""
    h = hashlib.sha256()
    for path in paths:
        for f in sorted(p for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()):
            h.update(str(f.relative_to(ROOT)).encode() + f.read_bytes())
    return h.hexdigest()


def make_quick_run(folder: Path) -> Made:
    """`benchmarks/bench.py --quick`, its figures in folder/quick.json; folder/repository.json says whether
    the repository's data, docs, config and site/ were as before."""
    before, had_site = digest(WATCHED), (ROOT / "site").exists()
    command = [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--out", str(folder / "quick.json")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
    (folder / "repository.json").write_text(json.dumps({
        "unchanged": digest(WATCHED) == before, "site_as_before": (ROOT / "site").exists() == had_site}))
    return result


@pytest.fixture(scope="module")
def quick_run(run_folder):
    folder, result = built_once(run_folder, "bench", make_quick_run)
    assert result.returncode == 0, result.stderr[-3000:]
    repository = json.loads((folder / "repository.json").read_text(encoding="utf-8"))
    assert repository["unchanged"], "the benchmark changed the repository"
    assert repository["site_as_before"], "the benchmark left site/ otherwise than it found it"
    return json.loads((folder / "quick.json").read_text(encoding="utf-8")), result.stdout


@pytest.mark.browser
def test_quick_run_writes_every_figure(quick_run):
    data, _ = quick_run
    assert {"schema", "generated_at", "settings", "machine", "plain_text", "material_minimal", "scales",
            "budgets"} <= set(data)
    assert list(data["scales"]) == ["1"]
    s = data["scales"]["1"]
    assert (s["plan"]["tasks"], s["plan"]["departments"], s["plan"]["assignments"]) == (facts.TASKS, facts.DEPARTMENTS, facts.ASSIGNMENTS)
    assert s["stages"]["load_s"] > 0 and s["stages"]["generate_s"] > 0
    assert s["stages"]["generated_files"] >= 48
    assert len(s["build"]["runs_s"]) == 1 and s["build"]["min_s"] > 0 and s["build"]["peak_rss_mb"] > 20
    site = s["site"]
    assert site["pages"] >= 48 and site["site_bytes"] > site["html_bytes"] > 0
    assert 0 < site["search_index"]["gzip_bytes"] < site["search_index"]["raw_bytes"]
    assert site["matrix_pages"] >= 1 and site["matrix_max_html_bytes"] > 0
    assert 0 < data["plain_text"]["gzip_bytes"] < data["plain_text"]["raw_bytes"]


@pytest.mark.browser
def test_quick_run_measures_pages_in_chromium(quick_run):
    data, _ = quick_run
    assert data["settings"]["browser"] is True
    browser = data["scales"]["1"]["browser"]
    assert set(browser["transfer"]) == {"home", "department", "action", "matrix", "records"}
    for name, t in [*browser["transfer"].items(), ("material minimal", data["material_minimal"]["transfer"])]:
        assert t["method"] == "chromium", name
        assert set(t["by_category"]) == CATEGORIES, name
        for category in ("html", "css", "js", "search_runtime"):
            assert t["by_category"][category]["gzip"] > 0, (name, category)
        # Material fetches the search index on every page view; our pages wait until the reader searches
        assert (t["by_category"]["search_index"]["gzip"] > 0) == (name == "material minimal"), name
        assert t["page"]["gzip"] == sum(t["by_category"][c]["gzip"] for c in ("html", "css", "js", "font", "other"))
    search = browser["search_latency"]
    assert search["ready_ms"] > 0
    assert [q["failed"] for q in search["queries"].values()] == [0]
    assert all(q["median_ms"] is not None for q in search["queries"].values())
    for key in ("matrix_filter", "departments_filter"):  # the real site has both filter boxes
        assert browser[key]["status"] == "measured" and browser[key]["median_ms"] is not None, (key, browser[key])
        assert any(r["visible_rows"] < r["total_rows"] for r in browser[key]["runs"]), key


@pytest.mark.browser
def test_quick_run_reports_every_budget(quick_run):
    data, stdout = quick_run
    assert {b["id"] for b in data["budgets"]} == BUDGET_IDS
    for b in data["budgets"]:
        assert b["status"] in STATUSES, b
        assert b["detail"], b
        assert (b["status"] == "FAIL") == bool(b["cause"]), b
        assert b["budget"] in stdout
    status = {b["id"]: b["status"] for b in data["budgets"]}
    assert status["build_growth"] == status["matrix_at_scale"] == "SKIPPED"  # quick mode builds 1× only
    assert status["lighthouse"] == "SKIPPED"  # minutes of Lighthouse runs: the full benchmark only
    # The two budgets on bytes hold: sizes are the same on every machine (unlike times, which only the
    # benchmark reports), so a page that outgrows its budget cannot land unnoticed.
    assert status["home_transfer"] == "PASS", data["budgets"]
    assert status["search_index_size"] == "PASS", data["budgets"]
    assert "mkdocs build" in stdout and "search" in stdout


# ── the matrix filter probe, against small pages whose behaviour is known ──────────────────
FILTER_PAGE = """<!doctype html><meta charset="utf-8"><div class="md-content">%s
<table><tbody>%s</tbody></table></div>
<script>
const input = document.querySelector('[data-matrix-filter]');
if (input) input.addEventListener('input', () => {
  const apply = () => document.querySelectorAll('tbody tr').forEach(
    r => { r.hidden = !r.querySelector('th').textContent.includes(input.value); });
  %s
});
</script>"""
ROWS = "".join(f"<tr><th>{name}</th><td>●</td></tr>" for name in ["区委组织部", "区科协", "区教委", "区科技局", "团区委"])
INPUT = '<form><input type="search" data-matrix-filter aria-label="筛选"></form>'


def probe(browser, tmp_path, body: str) -> dict:
    import browser as chrome

    (tmp_path / "index.html").write_text(body, encoding="utf-8")
    with chrome.serve(tmp_path) as base:
        # Shorter waits than the benchmark's: these pages update at once, or 200 ms late, or never.
        return chrome.matrix_filter_latency(browser, base, "", repeat=2, quiet_ms=100, timeout_ms=800)


@pytest.mark.browser
def test_filter_probe_measures_a_filter(browser, tmp_path):
    result = probe(browser, tmp_path, FILTER_PAGE % (INPUT, ROWS, "apply();"))
    assert result["status"] == "measured" and result["selector"] == "[data-matrix-filter]"
    assert result["median_ms"] is not None
    assert any(r["visible_rows"] < r["total_rows"] for r in result["runs"])


@pytest.mark.browser
def test_filter_probe_waits_for_a_delayed_update(browser, tmp_path):
    """A filter that updates 200 ms after the keystroke is reported as taking at least that long."""
    result = probe(browser, tmp_path, FILTER_PAGE % (INPUT, ROWS, "setTimeout(apply, 200);"))
    assert result["status"] == "measured"
    assert result["median_ms"] >= 200


@pytest.mark.browser
def test_filter_probe_says_when_there_is_no_filter(browser, tmp_path):
    assert probe(browser, tmp_path, FILTER_PAGE % ("", ROWS, ""))["status"] == "not measurable yet"
    inert = probe(browser, tmp_path, FILTER_PAGE % (INPUT, ROWS, "/* no update */"))
    assert inert["status"] == "no update observed" and inert["median_ms"] is None
