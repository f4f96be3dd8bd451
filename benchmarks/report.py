"""benchmarks/results/README.md, written from the JSON files beside it: the figures the README no longer
carries. bench.py rewrites it after every run that writes one of them; `python benchmarks/report.py` does
it by hand. Each section says when and on what machine its figures were taken: compare only figures of
one run (this machine's speed drifts by a quarter within minutes)."""
from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
SOURCES = {"latest.json": "Builds and pages at 1×, 10× and 50× the plan (`./scripts/dev.sh bench`)",
           "lighthouse.json": "Lighthouse, mobile (`.venv/bin/python benchmarks/bench.py --lighthouse-only`)",
           "import.json": "The importer (`.venv/bin/python benchmarks/bench.py --import-only`)"}


def machine(data: dict) -> str:
    m = data.get("machine", {})
    load = f"load average {m.get('loadavg_start')} → {m.get('loadavg_end')}" if m.get("loadavg_start") else ""
    return (f"Taken {data.get('generated_at', '?')} on {m.get('cpus', '?')} CPUs, Python {m.get('python', '?')}, "
            f"MkDocs {m.get('mkdocs', '?')}, Material {m.get('mkdocs-material', '?')}; {load}").rstrip("; ")


def render() -> str:
    import bench  # the tables, as bench.py prints them

    out = ["# Benchmark results", "",
           "Written by `benchmarks/report.py` from the JSON files in this folder; do not edit by hand. "
           "What each figure means and how it is measured: `benchmarks/bench.py`'s docstring.", ""]
    for name, title in SOURCES.items():
        path = RESULTS / name
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [f"## {title}", "", machine(data) + ".", ""]
        if name == "lighthouse.json":
            out += [bench.lighthouse_table(data["lighthouse"]), ""]
        else:
            out += ["```", bench.table(data), "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def write() -> Path:
    target = RESULTS / "README.md"
    target.write_text(render(), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(f"written: {write()}")
