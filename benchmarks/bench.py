#!/usr/bin/env python3
"""Benchmark: what building the site costs, what its pages cost a reader, and how both grow with
the size of the plan. Not a test: it prints a table, writes JSON, and checks the budgets (BUDGETS below).

  .venv/bin/python benchmarks/bench.py            real plan, then synthetic plans at 10× and 50×
  .venv/bin/python benchmarks/bench.py --quick    real plan only, one repetition, one search query
  .venv/bin/python benchmarks/bench.py --lighthouse-only    the Lighthouse comparison alone (about 10 min)
  .venv/bin/python benchmarks/bench.py --import-only    the importer alone (text and a 25-page PDF, best of 3)
  options: --scales 1,10,50  --repeat 3  --out FILE  --no-browser  --keep DIR  --no-lighthouse
           --lighthouse (also in --quick)  --lighthouse-runs 3

Each plan is built in a temporary copy of the project (mkdocs.yml, scripts/, docs/, overrides/,
data/ with the plan as data/plan.yaml), so nothing in the repository changes; synthetic plans come
from benchmarks/synth.py. Results go to benchmarks/results/latest.json (quick: quick.json).

Measured per scale:
- load + validate and page generation, in a fresh process (benchmarks/gen_timing.py), median of runs,
  and within generation the downloads (CSV, XLSX, JSON) alone;
- `mkdocs build --strict`, a fresh subprocess per run: wall clock (median and min) and peak memory
  (ru_maxrss of that process, from os.wait4);
- pages, site size, largest HTML page, search index raw and gzipped;
- in Chromium: the transfer of the home, a department, an action and the matrix page (each body
  gzipped here at level 6), the page itself apart from search (index, worker and lunr files);
  keystroke → first search result; matrix filter keystroke → rows updated.
The importer (build_pages.py import, as an editor runs it, in a fresh process): this plan's published text
(data/source/) and a 25-page PDF of it (tests/fixtures/import/wulong-long.pdf), best of the runs; its own
budgets (IMPORT_BUDGETS) are reported beside the site's, under "import".
Material for MkDocs' own minimal page (one index.md; same language, font: false, default plugins)
is built and measured the same way in the same run, as the yardstick for the home page.
Lighthouse 12 (benchmarks/lighthouse.py; not in --quick): our home, department, action and matrix
pages and that bare Material page, mobile, served gzipped, medians of interleaved runs.

Times on a shared machine are noisy: budgets on time use ratios measured in the same run, the
build's minimum over runs, and the load average is recorded with the results.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from importlib import metadata
from pathlib import Path

import browser as chrome
import lighthouse
import report
import synth
from plansite.data.project import BUILD_INPUTS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

QUERIES = ["区科协", "青少年", "科普大篷车", "应急科普"]
PAGES = {"home": "", "department": "departments/kexie/", "action": "actions/youth/", "matrix": "matrix/",
         "records": "progress/"}
MB = 1_000_000
SCHEMA = 1

BUDGETS = {
    "generation_share": "Generation stays under 10% of the full build at 1× and at 10×",
    "build_growth": "Build time grows no faster than linearly: 50× the data within 60× the time",
    "home_transfer": "Home page transfer (without search) within 15% of Material's own minimal page",
    "search_index_size": "Search index, gzipped, at most twice the gzipped plain text of the plan and its records at 1×",
    "matrix_at_scale": "Matrix usable at 50×: no matrix page over 1 MB of HTML, filter responds within 100 ms",
    "lighthouse": "Lighthouse (mobile): each page's median performance at least bare Material's; "
                  "accessibility, best practices and SEO at 100",
}


IMPORT_BUDGETS = {
    "import_text": ("Importing the published text (data/source/*.txt) takes under 2 s", 2.0),
    "import_pdf": ("Importing a 25-page PDF takes under 15 s", 15.0),
}
IMPORT_PDF = ROOT / "tests" / "fixtures" / "import" / "wulong-long.pdf"


# ── the importer ────────────────────────────────────────────────────────────────────────────
def import_once(source: Path, work: Path) -> float:
    """One `build_pages.py import SOURCE` in a fresh process (interpreter start and imports included)."""
    out = work / "import-draft.yaml"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_pages.py"), "import", str(source),
                           "--out", str(out), "--force"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"import of {source} failed:\n{done.stderr[-2000:]}")
    return seconds


def import_timing(work: Path, repeat: int) -> dict:
    import pdfplumber

    text = next(iter(sorted((ROOT / "data" / "source").glob("*.txt"))))
    with pdfplumber.open(IMPORT_PDF) as pdf:
        pages = len(pdf.pages)
    out: dict = {}
    for key, source in (("text", text), ("pdf", IMPORT_PDF)):
        runs = [import_once(source, work) for _ in range(repeat)]
        out[key] = {"source": str(source.relative_to(ROOT)), "runs_s": [round(r, 3) for r in runs], "best_s": min(runs)}
    out["pdf"]["pages"] = pages
    out["budgets"] = [
        budget_import("import_text", out["text"]["best_s"], f"best of {repeat}: {out['text']['best_s']:.2f} s ({out['text']['source']})"),
        budget_import("import_pdf", out["pdf"]["best_s"],
                      f"best of {repeat}: {out['pdf']['best_s']:.2f} s ({pages} pages, {out['pdf']['source']})"),
    ]
    return out


def budget_import(key: str, value: float, detail: str) -> dict:
    words, limit = IMPORT_BUDGETS[key]
    ok = value < limit
    return {"id": key, "budget": words, "status": verdict(ok), "value": round(value, 3), "limit": limit, "detail": detail,
            "cause": "" if ok else "profile `build_pages.py import` with cProfile: reading (pdfplumber) or structuring"}


# ── projects ────────────────────────────────────────────────────────────────────────────────
def make_project(work: Path, name: str, k: int) -> Path:
    """A copy of the project whose data/plan.yaml is the real plan (k=1) or k times its size."""
    project = work / name
    project.mkdir(parents=True)
    for part in BUILD_INPUTS:
        source = ROOT / part
        (project / part).parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".cache"))
        else:
            shutil.copy2(source, project / part)
    if k != 1:
        synth.write_scaled(k, project / "data" / "plan.yaml")
    return project


def make_material_minimal(work: Path) -> Path:
    """Material for MkDocs with nothing added: the yardstick for our home page."""
    project = work / "material-minimal"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(
        "site_name: Material minimal\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n", encoding="utf-8")
    (project / "docs" / "index.md").write_text(
        "# 欢迎\n\n这是 Material for MkDocs 的最小页面：一个标题和一段文字，用作比较的基准。\n", encoding="utf-8")
    return project


def build(project: Path, site: Path) -> dict:
    """One `mkdocs build --strict` in a fresh process: wall-clock seconds and its own peak RSS."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    log = tempfile.TemporaryFile()
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone, unlike RUSAGE_CHILDREN
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        log.seek(0)
        raise RuntimeError(f"mkdocs build failed in {project}:\n{log.read().decode('utf-8', 'replace')[-4000:]}")
    log.close()
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024}  # Linux reports KiB


def builds(project: Path, site: Path, repeat: int) -> dict:
    runs = [build(project, site) for _ in range(repeat)]
    times = [r["seconds"] for r in runs]
    return {"runs_s": [round(t, 3) for t in times], "median_s": statistics.median(times), "min_s": min(times),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}


def stage_timing(project: Path, repeat: int) -> dict:
    result = subprocess.run([sys.executable, str(HERE / "gen_timing.py"), str(project), str(repeat)],
                            cwd=project, capture_output=True, text=True, check=True)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return {"load_s": statistics.median(r["load_s"] for r in data["runs"]),
            "generate_s": statistics.median(r["generate_s"] for r in data["runs"]),
            "downloads_s": statistics.median(r["downloads_s"] for r in data["runs"]),
            "package_s": statistics.median(r["package_s"] for r in data["runs"]),
            "runs": data["runs"], "generated_files": data["generated_files"],
            "generated_markdown_bytes": data["generated_bytes"]}


# ── the built site ──────────────────────────────────────────────────────────────────────────
def site_stats(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sorted((p for p in files if p.suffix == ".html"), key=lambda p: p.stat().st_size, reverse=True)
    largest = pages[0]
    matrix_pages = [p for p in pages if p.relative_to(site).parts[0].startswith("matrix")]  # also a split matrix
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "files": len(files),
        "site_bytes": sum(p.stat().st_size for p in files),
        "html_bytes": sum(p.stat().st_size for p in pages),
        "largest_page": {"path": str(largest.relative_to(site)), "bytes": largest.stat().st_size},
        "matrix_pages": len(matrix_pages),
        "matrix_max_html_bytes": max((p.stat().st_size for p in matrix_pages), default=0),
        "matrix_filter_page": busiest_matrix_page(site, matrix_pages),
        "search_index": search_index_stats(index) if index.exists() else None,
        "primary_nav_bytes_home": nav_bytes(site / "index.html"),
        "data_package": data_package_stats(site / "downloads"),
    }


def data_package_stats(downloads: Path) -> dict | None:
    """The open data: datapackage.json (with the duty lists' shared schema) and the CSVs it describes."""
    described = downloads / "datapackage.json"
    if not described.exists():  # a plan without an annex publishes no downloads
        return None
    csvs = list(downloads.rglob("*.csv"))
    descriptions = [described, *downloads.glob("*-schema.json")]
    return {"csv_files": len(csvs), "csv_bytes": sum(p.stat().st_size for p in csvs),
            "description_bytes": sum(p.stat().st_size for p in descriptions)}


def search_index_stats(index: Path) -> dict:
    """Size, and what makes it that size: escaping, which pages' text it holds, and repeated text."""
    raw = index.read_bytes()
    data = json.loads(raw)
    def utf8(value: object) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    compact = utf8(data)
    unsegmented = {**data, "docs": [{k: v.replace("\u200b", "") if isinstance(v, str) else v for k, v in doc.items()}
                                    for doc in data["docs"]]}
    sections: dict[str, list[dict]] = {}
    for doc in data["docs"]:
        sections.setdefault(doc["location"].split("/")[0].split("#")[0] or "(home)", []).append(doc)
    text_bytes = {k: sum(len((d.get("title", "") + d.get("text", "")).encode("utf-8")) for d in docs)
                  for k, docs in sections.items()}
    total = sum(text_bytes.values()) or 1
    by_section = {k: {"entries": len(sections[k]), "text_bytes": text_bytes[k], "share": round(text_bytes[k] / total, 3),
                      "gzip_bytes_as_utf8": chrome.gz(utf8(sections[k]))}
                  for k in sorted(sections, key=lambda k: -text_bytes[k])}
    # Text repeated across entries: split at tags and spaces, count the copies beyond the first.
    copies: dict[str, int] = {}
    homes: dict[str, set] = {}
    for section, docs in sections.items():
        for doc in docs:
            for piece in re.split(r"<[^>]+>|\s+", doc.get("text", "").replace("\u200b", "")):
                if len(piece) >= 4:
                    copies[piece] = copies.get(piece, 0) + 1
                    homes.setdefault(piece, set()).add(section)
    pieces_bytes = sum(len(t.encode("utf-8")) * n for t, n in copies.items()) or 1
    repeated = sorted(((len(t.encode("utf-8")) * (n - 1), t, n) for t, n in copies.items() if n > 1), reverse=True)
    return {
        "raw_bytes": len(raw), "gzip_bytes": chrome.gz(raw), "entries": len(data["docs"]),
        "ascii_escapes": raw.count(b"\\u"),
        "zero_width_spaces": sum(doc.get("text", "").count("\u200b") + doc.get("title", "").count("\u200b")
                                 for doc in data["docs"]),
        # What the index would weigh: as compact UTF-8; also without the zero-width spaces; and
        # holding the full-text page only (compact UTF-8, no zero-width spaces).
        "if_utf8_compact": {"raw_bytes": len(compact), "gzip_bytes": chrome.gz(compact)},
        "if_utf8_without_zero_width_spaces": {"gzip_bytes": chrome.gz(utf8(unsegmented))},
        "if_full_text_page_only": {"gzip_bytes": chrome.gz(utf8(
            {**unsegmented, "docs": [d for d in unsegmented["docs"] if d["location"].split("/")[0] == "text"]}))},
        "by_section": by_section,
        "repeated_text_share": round(sum(b for b, _, _ in repeated) / pieces_bytes, 3),
        "most_repeated": [{"text": t[:60], "copies": n, "extra_bytes": b, "sections": sorted(homes[t])}
                          for b, t, n in repeated[:5]],
    }


def nav_bytes(page: Path) -> int:
    """Bytes of Material's primary navigation in one page: it lists every task, on every page."""
    text = page.read_text(encoding="utf-8")
    start = text.find('<div class="md-sidebar md-sidebar--primary"')
    end = text.find('<div class="md-sidebar md-sidebar--secondary"', start)
    return len(text[start:end].encode("utf-8")) if start >= 0 and end > start else 0


def plan_stats(project: Path) -> dict:
    from plansite.data.plan import load_plan
    from plansite.data.progress import load_progress
    from plansite.plan.duties import Duties
    from plansite.plan.timeline import build_date

    plan = load_plan(project / "data" / "plan.yaml")
    index = Duties(plan)
    progress = load_progress(project / "data" / "progress.yaml", plan, build_date())
    return {"tasks": len(index.tasks), "departments": len(plan.departments), "assignments": len(index.assignments),
            "measures": sum(len(t.measures) for t in index.tasks), "records": len(progress.records),
            "plan_yaml_bytes": (project / "data" / "plan.yaml").stat().st_size}


def plain_text(plan_path: Path) -> bytes:
    """The document as plain text: every block of document.blocks(), then the annex table's cells; then
    the implementation records beside it (data/progress.yaml: title, summary, figures, source), which
    search indexes too."""
    from plansite.data.plan import load_plan
    from plansite.data.progress import load_progress
    from plansite.plan import document
    from plansite.plan.duties import KIND_LABELS, Duties
    from plansite.plan.timeline import build_date

    plan = load_plan(plan_path)
    progress = load_progress(plan_path.with_name("progress.yaml"), plan, build_date())
    index = Duties(plan)
    lines = [b.printed for b in document.blocks(plan)]
    for task in index.tasks:
        lines.append("\t".join([KIND_LABELS[task.kind], f"{index.task_number(task)}. {index.annex_title(task)}",
                                "、".join(a.printed for a in index.for_task(task, "lead")),
                                "、".join(a.printed for a in index.for_task(task, "responsible"))]))
    for r in progress.records:
        lines += [r.title, r.date.printed, r.summary, *(f"{f.value:g} {f.unit}（{f.counts}）" for f in r.figures),
                  f"{r.source.publisher}《{r.source.title}》{r.source.date.printed + '发布' if r.source.date else ''}"]
    return "\n".join(lines).encode("utf-8")


def existing(site: Path, page: str, fallback_glob: str) -> str:
    """The named page, or the first of its kind when a plan has no such id."""
    if (site / page / "index.html").exists() or page == "":
        return page
    found = sorted(site.glob(fallback_glob))
    return str(found[0].parent.relative_to(site)) + "/" if found else page


def page_paths(site: Path) -> dict[str, str]:
    return {"home": "", "department": existing(site, PAGES["department"], "departments/*/index.html"),
            "action": existing(site, PAGES["action"], "actions/*/index.html"), "matrix": PAGES["matrix"],
            "records": PAGES["records"]}


def busiest_matrix_page(site: Path, matrix_pages: list[Path]) -> str:
    """The matrix page with the most table rows: the whole matrix, or for a plan split into parts
    (plansite/pages/layout.py) the largest part; the overview of a split matrix has no filter to time."""
    rows = {p: p.read_text(encoding="utf-8").count("<tr") for p in matrix_pages
            if 'class="pl-matrix"' in p.read_text(encoding="utf-8")}
    if not rows:
        return "matrix/"
    best = max(sorted(rows), key=lambda p: rows[p])
    return best.parent.relative_to(site).as_posix() + "/"


def browser_measures(session, site: Path, pages: dict[str, str], queries: list[str], repeat: int,
                     want_search: bool, want_filter: bool, filter_page: str | None = None) -> dict:
    out: dict = {}
    if session is None:
        out["transfer"] = {name: chrome.static_transfer(site, path) for name, path in pages.items()}
        out["search_latency"] = {"status": "not measured (no browser)"}
        out["matrix_filter"] = {"status": "not measured (no browser)", "median_ms": None}
        out["departments_filter"] = {"status": "not measured (no browser)", "median_ms": None}
        return out
    with chrome.serve(site) as base:
        out["transfer"] = {name: guarded(chrome.transfer, session, base, path) for name, path in pages.items()}
        out["search_latency"] = (guarded(chrome.search_latency, session, base, queries, repeat) if want_search
                                 else {"status": "not measured at this scale"})
        out["matrix_filter"] = (guarded(chrome.matrix_filter_latency, session, base, filter_page or pages["matrix"], repeat)
                                if want_filter else {"status": "not measured at this scale", "median_ms": None})
        # the departments index is one list of every department (1,700 rows at 50×), never split
        out["departments_filter"] = (guarded(chrome.matrix_filter_latency, session, base, "departments/", repeat)
                                     if want_filter else {"status": "not measured at this scale", "median_ms": None})
    return out


def guarded(measure, *args) -> dict:
    """A measurement that failed (a changed page, a timeout) is reported, not fatal to the run."""
    try:
        return measure(*args)
    except Exception as err:  # Playwright raises several kinds; all are reported alike
        return {"status": f"error: {type(err).__name__}: {str(err).splitlines()[0][:300]}", "median_ms": None}


# ── budgets ─────────────────────────────────────────────────────────────────────────────────
def verdict(ok: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "SKIPPED"}[ok]


def budget(key: str, status: str, value, limit, detail: str, cause: str = "") -> dict:
    return {"id": key, "budget": BUDGETS[key], "status": status, "value": value, "limit": limit,
            "detail": detail, "cause": cause if status == "FAIL" else ""}


def generation_share(results: dict) -> dict:
    scales = results["scales"]
    measured = [k for k in ("1", "10") if k in scales]
    if not measured:
        return budget("generation_share", "SKIPPED", None, 0.10, "needs the 1× run")
    shares = {k: scales[k]["stages"]["generate_s"] / scales[k]["build"]["min_s"] for k in measured}
    detail = "; ".join(f"{k}×: {scales[k]['stages']['generate_s']:.2f} s / {scales[k]['build']['min_s']:.2f} s "
                       f"= {shares[k]:.1%}" for k in measured) + ("" if "10" in scales else " (10× not run)")
    cause = ("page generation (time it with benchmarks/gen_timing.py, profile with cProfile) takes more than a "
             "tenth of the build: look for lookups that scan every assignment or paragraph once per page or cell")
    return budget("generation_share", verdict(all(v < 0.10 for v in shares.values())), round(max(shares.values()), 3),
                  0.10, detail, cause)


def build_growth(results: dict) -> dict:
    scales = results["scales"]
    if not ("1" in scales and "50" in scales):
        return budget("build_growth", "SKIPPED", None, 60, "needs the 1× and 50× runs")
    one, fifty = scales["1"], scales["50"]
    ratio = fifty["build"]["min_s"] / one["build"]["min_s"]
    html_ratio = fifty["site"]["html_bytes"] / one["site"]["html_bytes"]
    cause = (f"the output grows faster than the data: 50× the data writes {html_ratio:.0f}× the HTML "
             f"({one['site']['html_bytes'] / MB:.1f} MB → {fifty['site']['html_bytes'] / MB:.0f} MB); Material renders "
             f"the navigation into every page ({one['site']['primary_nav_bytes_home'] / 1000:.1f} kB on the home page "
             f"at 1×, {fifty['site']['primary_nav_bytes_home'] / 1000:.1f} kB at 50×; see src/plansite/site/navigation.py) "
             f"and the search plugin parses every page; largest page: {fifty['site']['largest_page']['path']} "
             f"{fifty['site']['largest_page']['bytes'] / MB:.1f} MB")
    detail = (f"min build {one['build']['min_s']:.2f} s at 1×, {fifty['build']['min_s']:.2f} s at 50× = {ratio:.1f}× "
              f"(medians: {fifty['build']['median_s'] / one['build']['median_s']:.1f}×); HTML {html_ratio:.0f}×")
    return budget("build_growth", verdict(ratio <= 60), round(ratio, 1), 60, detail, cause)


def home_transfer(results: dict) -> dict:
    scales, minimal = results["scales"], results.get("material_minimal")
    if "1" not in scales or not minimal:
        return budget("home_transfer", "SKIPPED", None, 1.15, "needs the 1× run")
    ours, theirs = scales["1"]["browser"]["transfer"]["home"], minimal["transfer"]
    ratio = ours["page"]["gzip"] / theirs["page"]["gzip"]
    diff = {c: ours["by_category"][c]["gzip"] - theirs["by_category"][c]["gzip"] for c in chrome.PAGE_CATEGORIES}
    ours_only = sorted({r["path"] for r in ours["resources"]} - {r["path"] for r in theirs["resources"]})
    detail = (f"ours {ours['page']['gzip'] / 1000:.1f} kB vs Material minimal {theirs['page']['gzip'] / 1000:.1f} kB "
              f"gzipped = {ratio:.0%} ({ours['method']}); search apart: ours {ours['search']['gzip'] / 1000:.1f} kB, "
              f"minimal {theirs['search']['gzip'] / 1000:.1f} kB")
    cause = ("the difference is " + ", ".join(f"{c} {d / 1000:+.1f} kB" for c, d in diff.items() if d)
             + f"; files only we load: {', '.join(ours_only) or 'none'}")
    return budget("home_transfer", verdict(ratio <= 1.15), round(ratio, 3), 1.15, detail, cause)


def search_index_size(results: dict) -> dict:
    scales = results["scales"]
    if "1" not in scales:
        return budget("search_index_size", "SKIPPED", None, 2, "needs the 1× run")
    index = scales["1"]["site"]["search_index"]
    text_gz = results["plain_text"]["gzip_bytes"]
    ratio = index["gzip_bytes"] / text_gz
    gz_by = sorted(((v["gzip_bytes_as_utf8"], k) for k, v in index["by_section"].items()), reverse=True)
    sections = ", ".join(f"{k} {b / 1000:.1f} kB" for b, k in gz_by[:5])
    utf8 = index["if_utf8_compact"]["gzip_bytes"]
    plain = index["if_utf8_without_zero_width_spaces"]["gzip_bytes"]
    alone = index["if_full_text_page_only"]["gzip_bytes"]
    causes = []
    if index["ascii_escapes"]:
        causes.append(f"escaping: the index is written as ASCII-escaped JSON ({index['ascii_escapes']:,} \\uXXXX "
                      f"escapes, 6 bytes per Chinese character instead of 3); as compact UTF-8 it would gzip to "
                      f"{utf8 / 1000:.1f} kB ({utf8 / text_gz:.2f}×)")
    if index["zero_width_spaces"]:
        causes.append(f"segmentation: {index['zero_width_spaces']:,} zero-width spaces between Chinese words; "
                      f"without them {plain / 1000:.1f} kB ({plain / text_gz:.2f}×)")
    causes.append(f"repetition: the full-text page alone would be {alone / 1000:.1f} kB ({alone / text_gz:.2f}×); "
                  f"the rest is other pages repeating the document — per section, each gzipped alone as UTF-8: "
                  f"{sections}; {index['repeated_text_share']:.0%} of the indexed text is repeated across entries "
                  f"(most repeated: {index['most_repeated'][0]['text'] if index['most_repeated'] else '—'})")
    detail = (f"index {index['gzip_bytes'] / 1000:.1f} kB gzipped ({index['raw_bytes'] / 1000:.0f} kB raw) vs plain "
              f"text {text_gz / 1000:.1f} kB gzipped ({results['plain_text']['raw_bytes'] / 1000:.0f} kB raw) = {ratio:.2f}×")
    return budget("search_index_size", verdict(ratio <= 2), round(ratio, 2), 2, detail,
                  " ".join(f"({n}) {c}." for n, c in enumerate(causes, 1)))


def matrix_at_scale(results: dict) -> dict:
    limit = {"max_html_bytes": MB, "filter_median_ms": 100}
    if "50" not in results["scales"]:
        return budget("matrix_at_scale", "SKIPPED", None, limit, "needs the 50× run")
    s = results["scales"]["50"]
    size, pages = s["site"]["matrix_max_html_bytes"], s["site"]["matrix_pages"]
    filt = s["browser"]["matrix_filter"]
    filt_ms = filt.get("median_ms")
    size_ok, filt_ok = size <= MB, (None if filt_ms is None else filt_ms <= 100)
    detail = (f"largest matrix page {size / MB:.2f} MB of {pages} matrix page(s); filter: {filt['status']}"
              + (f", median {filt_ms} ms (max {filt.get('max_ms')} ms, {filt.get('selector')})" if filt_ms is not None else ""))
    causes = []
    if not size_ok:
        cells = f"{s['plan']['departments']:,} departments × {s['plan']['tasks']} tasks = " \
                f"{s['plan']['departments'] * s['plan']['tasks']:,} cells"
        causes.append(f"the matrix is one table of {cells} on a single page" if pages == 1
                      else f"{cells} split over {pages} pages, the largest still {size / MB:.2f} MB")
    if filt_ok is False:
        causes.append(f"updating the rows after a keystroke takes {filt_ms} ms (median) at this size")
    status = "FAIL" if (not size_ok or filt_ok is False) else ("PASS" if filt_ok else "NOT MEASURABLE YET")
    return budget("matrix_at_scale", status, {"max_html_bytes": size, "filter_median_ms": filt_ms}, limit, detail,
                  "; ".join(causes))


def lighthouse_budget(results: dict) -> dict:
    lh = results.get("lighthouse")
    if not lh or "material" not in lh.get("pages", {}):
        return budget("lighthouse", "SKIPPED", None, None, (lh or {}).get("status", "not run"))
    pages = lh["pages"]
    floor = pages["material"]["median"]["performance"]
    ours = {name: p for name, p in pages.items() if name != "material"}
    misses = []
    for name, p in ours.items():
        m = p["median"]
        if m["performance"] < floor:
            misses.append(f"{name} performance {m['performance']:g} < {floor:g}")
        misses += [f"{name} {c} {m[c]:g}" for c in ("accessibility", "best-practices", "seo") if m[c] < 100]
    failing = sorted({a for p in ours.values() for a in p["failed_audits"] if not a.startswith("performance:")})
    detail = f"bare Material {floor:g}; " + "; ".join(
        f"{name} {p['median']['performance']:g}/{p['median']['accessibility']:g}/{p['median']['best-practices']:g}/"
        f"{p['median']['seo']:g}" for name, p in ours.items()) + " (performance/accessibility/best practices/SEO)"
    cause = "; ".join(misses) + (f"; audits not passed: {', '.join(failing)}" if failing else "")
    return budget("lighthouse", verdict(not misses), {n: p["median"] for n, p in pages.items()}, 100, detail, cause)


def check_budgets(results: dict) -> list[dict]:
    out = []
    for check in (generation_share, build_growth, home_transfer, search_index_size, matrix_at_scale, lighthouse_budget):
        try:
            out.append(check(results))
        except (KeyError, TypeError, ZeroDivisionError) as err:  # a figure is missing: say so, keep the rest
            out.append(budget(check.__name__, "ERROR", None, None, f"could not evaluate: {type(err).__name__} {err}"))
    return out


# ── output ──────────────────────────────────────────────────────────────────────────────────
def fmt_kb(n: float | None) -> str:
    return "—" if n is None else f"{n / 1000:,.1f} kB"


def width(text: str) -> int:
    """Columns in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, columns: int, right: bool = False) -> str:
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


def import_table(data: dict) -> str:
    lines = [f"Import (build_pages.py import, fresh process): text {data['text']['best_s']:.2f} s, "
             f"{data['pdf']['pages']}-page PDF {data['pdf']['best_s']:.2f} s (best of {len(data['text']['runs_s'])})"]
    for b in data["budgets"]:
        lines.append(f"{b['status']:<18} {b['budget']}")
        lines.append(f"{'':<18} {b['detail']}")
        if b["cause"]:
            lines.append(f"{'':<18} cause: {b['cause']}")
    return "\n".join(lines)


def table(results: dict) -> str:
    if not results.get("scales"):  # --import-only
        return import_table(results["import"]) if "import" in results else ""
    scales = results["scales"]
    keys = list(scales)
    rows: list[tuple[str, list[str]]] = []

    def row(label, get):
        values = []
        for k in keys:
            try:
                values.append(get(scales[k]))
            except (KeyError, TypeError):
                values.append("—")
        rows.append((label, values))

    row("tasks / departments / assignments", lambda s: f"{s['plan']['tasks']} / {s['plan']['departments']} / {s['plan']['assignments']}")
    row("implementation records", lambda s: f"{s['plan']['records']:,}")
    row("load + validate (s, median)", lambda s: f"{s['stages']['load_s']:.3f}")
    row("generate pages (s, median)", lambda s: f"{s['stages']['generate_s']:.3f}")
    row("of which downloads CSV/XLSX/JSON (s, median)", lambda s: f"{s['stages']['downloads_s']:.3f}")
    row("of which datapackage.json (s, median)", lambda s: f"{s['stages']['package_s']:.4f}")
    row("mkdocs build (s, median / min)", lambda s: f"{s['build']['median_s']:.2f} / {s['build']['min_s']:.2f}")
    row("generation share of build (min)", lambda s: f"{s['stages']['generate_s'] / s['build']['min_s']:.1%}")
    row("peak memory of build (MB)", lambda s: f"{s['build']['peak_rss_mb']:.0f}")
    row("pages (HTML files)", lambda s: f"{s['site']['pages']:,}")
    row("site size (MB)", lambda s: f"{s['site']['site_bytes'] / MB:.1f}")
    row("data package: CSVs / their size / description", lambda s: (
        f"{s['site']['data_package']['csv_files']} / {fmt_kb(s['site']['data_package']['csv_bytes'])} / "
        f"{fmt_kb(s['site']['data_package']['description_bytes'])}"))
    row("largest page", lambda s: f"{s['site']['largest_page']['path']} {s['site']['largest_page']['bytes'] / MB:.2f} MB")
    row("matrix: largest page (HTML)", lambda s: f"{s['site']['matrix_max_html_bytes'] / MB:.2f} MB")
    row("nav per page (home, HTML)", lambda s: fmt_kb(s["site"]["primary_nav_bytes_home"]))
    row("search index raw / gzip", lambda s: f"{fmt_kb(s['site']['search_index']['raw_bytes'])} / {fmt_kb(s['site']['search_index']['gzip_bytes'])}")
    for name in PAGES:
        def get(s, name=name):
            t = s["browser"]["transfer"][name]
            b = t["by_category"]
            return (f"{fmt_kb(t['page']['gzip'])} (html {b['html']['gzip'] / 1000:.1f}, css {b['css']['gzip'] / 1000:.1f}, "
                    f"js {b['js']['gzip'] / 1000:.1f})")
        row(f"{name} page transfer (gzip, no search)", get)
    row("search transfer per page (index + worker, gzip)", lambda s: f"{fmt_kb(s['browser']['transfer']['home']['search']['gzip'])}")
    row("search ready (ms after navigation start)", lambda s: f"{s['browser']['search_latency']['ready_ms']:.0f}")
    for q in results["settings"]["queries"]:
        row(f"search '{q}' keystroke → result (ms)", lambda s, q=q: f"{s['browser']['search_latency']['queries'][q]['median_ms']}")
    for key, label in (("matrix_filter", "matrix filter (ms, median)"),
                       ("departments_filter", "departments index filter (ms, median)")):
        row(label, lambda s, key=key: (f"{s['browser'][key]['median_ms']}" if s["browser"].get(key, {}).get("median_ms") is not None
                                       else s["browser"].get(key, {}).get("status", "not measured")))

    first = max(width(label) for label, _ in rows)
    col = [max(width(f"{k}×"), *(width(v[i]) for _, v in rows)) for i, k in enumerate(keys)]
    lines = [" | ".join([" " * first] + [pad(f"{k}×", col[i], True) for i, k in enumerate(keys)])]
    lines.append("-+-".join(["-" * first] + ["-" * c for c in col]))
    for label, values in rows:
        lines.append(" | ".join([pad(label, first)] + [pad(v, col[i], True) for i, v in enumerate(values)]))
    minimal = results.get("material_minimal")
    if minimal:
        t = minimal["transfer"]
        lines.append("")
        lines.append(f"Material minimal page: {fmt_kb(t['page']['gzip'])} gzipped without search "
                     f"(html {t['by_category']['html']['gzip'] / 1000:.1f}, css {t['by_category']['css']['gzip'] / 1000:.1f}, "
                     f"js {t['by_category']['js']['gzip'] / 1000:.1f}); search {fmt_kb(t['search']['gzip'])}; "
                     f"build {minimal['build']['min_s']:.2f} s")
    pt = results.get("plain_text")
    if pt:
        lines.append(f"Plain text of the plan (1×): {fmt_kb(pt['raw_bytes'])} raw, {fmt_kb(pt['gzip_bytes'])} gzipped")
    lh = results.get("lighthouse", {}).get("pages")
    if lh:
        lines.append("")
        lines.append(lighthouse_table(results["lighthouse"]))
    lines.append(f"gzip level {chrome.GZIP_LEVEL}; load average {results['machine']['loadavg_start']} → "
                 f"{results['machine']['loadavg_end']} on {results['machine']['cpus']} CPUs")
    lines.append("")
    if "import" in results:
        lines.append(import_table(results["import"]))
    for b in results["budgets"]:
        lines.append(f"{b['status']:<18} {b['budget']}")
        lines.append(f"{'':<18} {b['detail']}")
        if b["cause"]:
            lines.append(f"{'':<18} cause: {b['cause']}")
    return "\n".join(lines)


def lighthouse_table(lh: dict) -> str:
    """Markdown, as in the README: medians of the interleaved runs."""
    rows = ["| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | weight | requests |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for name, p in lh["pages"].items():
        m, t = p["median"], p["median_metrics_ms"]
        label = "bare Material" if name == "material" else f"{name} (`/{p['page']}`)"
        rows.append(f"| {label} | {m['performance']:g} | {m['accessibility']:g} | {m['best-practices']:g} | {m['seo']:g} "
                    f"| {t['first-contentful-paint'] / 1000:.1f} s | {t['largest-contentful-paint'] / 1000:.1f} s "
                    f"| {t['total-blocking-time']:.0f} ms | {p['total_byte_weight'] / 1024:.0f} KiB | {p['requests']:g} |")
    return "\n".join(rows) + (f"\nLighthouse {lh.get('version')}, mobile, {lh.get('runs')} interleaved runs, "
                              f"load average {lh.get('loadavg_start')} → {lh.get('loadavg_end')}")


def write_json(results: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out)


def versions() -> dict[str, str | None]:
    out: dict[str, str | None] = {"python": platform.python_version()}
    for package in ("mkdocs", "mkdocs-material", "jinja2", "playwright"):
        try:
            out[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            out[package] = None
    return out


# ── main ────────────────────────────────────────────────────────────────────────────────────
def lighthouse_comparison(minimal_site: Path, our_site: Path, runs: int, log) -> dict:
    why_not = lighthouse.available()
    if why_not:
        return {"status": f"not run: {why_not}"}
    targets = {"material": (minimal_site, "")}
    targets.update({name: (our_site, path) for name, path in page_paths(our_site).items()})
    start = [round(x, 2) for x in os.getloadavg()]
    pages = lighthouse.compare(targets, runs, log)
    version = next(iter(pages.values()))["runs"][0]["lighthouse"]
    return {"status": "measured", "runs": runs, "version": version, "loadavg_start": start,
            "loadavg_end": [round(x, 2) for x in os.getloadavg()], "pages": pages}


def run(scales: list[int], repeat: int, queries: list[str], use_browser: bool, work: Path, log,
        lighthouse_runs: int = 0, lighthouse_only: bool = False, lighthouse_skipped: str = "--quick",
        import_only: bool = False) -> dict:
    """`lighthouse_skipped`: the option that left Lighthouse out when `lighthouse_runs` is 0."""
    why_not = chrome.available() if use_browser else "--no-browser"
    results: dict = {
        "schema": SCHEMA,
        "generated_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "settings": {"scales": scales, "repeat": repeat, "queries": queries, "gzip_level": chrome.GZIP_LEVEL,
                     "browser": why_not is None, "browser_unavailable": why_not, "pages": PAGES},
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(),
                    "loadavg_start": [round(x, 2) for x in os.getloadavg()], **versions()},
        "scales": {},
    }
    if not lighthouse_runs:
        results["lighthouse"] = {"status": f"not run ({lighthouse_skipped})"}
    if not lighthouse_only:
        log(f"importer: text and a 25-page PDF ×{repeat} …")
        results["import"] = import_timing(work, repeat)
        if import_only:
            results["settings"] = {"repeat": repeat, "import_only": True}
            results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
            return results
    plain = plain_text(ROOT / "data" / "plan.yaml")
    results["plain_text"] = {"raw_bytes": len(plain), "gzip_bytes": chrome.gz(plain)}

    session_cm = chrome.chromium() if why_not is None else None
    session = session_cm.__enter__() if session_cm else None
    try:
        log("Material minimal page …")
        minimal = make_material_minimal(work)
        minimal_build = builds(minimal, minimal / "site", 1)
        if lighthouse_only:
            project = make_project(work, "plan-1x", 1)
            builds(project, project / "site", 1)
            results["lighthouse"] = lighthouse_comparison(minimal / "site", project / "site", lighthouse_runs, log)
            return finish(results)
        minimal_browser = browser_measures(session, minimal / "site", {"home": ""}, queries, 1, False, False)
        results["material_minimal"] = {"build": minimal_build, "transfer": minimal_browser["transfer"]["home"]}
        for k in scales:
            log(f"{k}× plan: copying the project …")
            project = make_project(work, f"plan-{k}x", k)
            entry: dict = {"factor": k, "plan": plan_stats(project)}
            log(f"{k}× plan: load and generate ×{repeat} …")
            entry["stages"] = stage_timing(project, repeat)
            log(f"{k}× plan: mkdocs build ×{repeat} …")
            entry["build"] = builds(project, project / "site", repeat)
            entry["site"] = site_stats(project / "site")
            log(f"{k}× plan: browser …")
            entry["browser"] = browser_measures(session, project / "site", page_paths(project / "site"), queries,
                                                repeat, want_search=True, want_filter=True,
                                                filter_page=entry["site"]["matrix_filter_page"])
            results["scales"][str(k)] = entry
            log(f"{k}× plan: build {entry['build']['min_s']:.2f} s (min), generate {entry['stages']['generate_s']:.2f} s")
            if k == 1 and lighthouse_runs:
                results["lighthouse"] = lighthouse_comparison(minimal / "site", project / "site", lighthouse_runs, log)
    finally:
        if session_cm:
            session_cm.__exit__(None, None, None)
    return finish(results)


def finish(results: dict) -> dict:
    results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    results["budgets"] = check_budgets(results)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1× only, one repetition, one search query")
    parser.add_argument("--scales", help="comma-separated plan sizes (default 1,10,50; quick: 1)")
    parser.add_argument("--repeat", type=int, help="builds and query repetitions per scale (default 3; quick: 1)")
    parser.add_argument("--out", type=Path, help="JSON file (default benchmarks/results/latest.json; quick: quick.json)")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium; page transfer from the HTML alone")
    parser.add_argument("--keep", type=Path, help="keep the project copies and built sites in this folder")
    parser.add_argument("--lighthouse", action="store_true", help="run the Lighthouse comparison in --quick too")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse comparison")
    parser.add_argument("--lighthouse-only", action="store_true",
                        help="only the Lighthouse comparison (default output: results/lighthouse.json)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="interleaved Lighthouse runs per page")
    parser.add_argument("--import-only", action="store_true",
                        help="only the importer's timing (default output: results/import.json)")
    args = parser.parse_args(argv)

    scales = [int(x) for x in args.scales.split(",")] if args.scales else ([1] if args.quick else [1, 10, 50])
    repeat = args.repeat or (1 if args.quick else 3)
    queries = QUERIES[:1] if args.quick else QUERIES
    out = args.out or HERE / "results" / ("lighthouse.json" if args.lighthouse_only else "import.json" if args.import_only
                                          else "quick.json" if args.quick else "latest.json")
    if args.import_only:
        repeat = args.repeat or 3
    wants_lighthouse = not args.no_lighthouse and (args.lighthouse or args.lighthouse_only or not args.quick)
    lighthouse_runs = args.lighthouse_runs if wants_lighthouse else 0

    def log(message: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="bench-", dir=args.keep))
    else:
        work = Path(tempfile.mkdtemp(prefix="plansite-bench-"))
    try:
        results = run(scales, repeat, queries, not args.no_browser, work, log, lighthouse_runs, args.lighthouse_only,
                      "--no-lighthouse" if args.no_lighthouse else "--quick", args.import_only)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    write_json(results, out)
    print(table(results))
    print(f"\nJSON: {out}")
    if out.parent == HERE / "results" and out.name in report.SOURCES:
        print(f"Markdown: {report.write()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
