"""Time the pipeline's own stages in one project copy, in a fresh process (run by bench.py).

  python benchmarks/gen_timing.py PROJECT_DIR REPEAT

Prints one JSON object: per run, the seconds to load and validate data/plan.yaml and data/progress.yaml,
the seconds to generate every page and download (page contexts + Jinja → Markdown, CSV/XLSX/JSON: exactly
what the MkDocs hook does), and, timed again on their own, the seconds for the downloads alone and,
within them, for writing the data package's description (datapackage.json) of their CSVs.
The installed package (src/plansite) is timed, as a build of the copy uses it.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(project: Path, repeat: int) -> dict:
    from plansite import routes
    from plansite.data import project as data
    from plansite.downloads import package, tables
    from plansite.generate import Inputs, generate
    from plansite.opendata import Catalogue
    from plansite.plan import timeline

    runs = []
    for _ in range(repeat):
        today = timeline.build_date()
        t0 = time.perf_counter()
        read = data.read(project, today)
        t1 = time.perf_counter()
        pages = generate(Inputs.of(read, today)).files
        t2 = time.perf_counter()
        files = tables.downloads(read.source.plan, routes.Links(), progress=read.progress)
        t3 = time.perf_counter()
        csvs = {k: v for k, v in files.items() if k.endswith(".csv")}
        t4 = time.perf_counter()
        package.files(read.source.plan, Catalogue(read.source.plan), csvs)
        t5 = time.perf_counter()
        runs.append({"load_s": t1 - t0, "generate_s": t2 - t1, "downloads_s": t3 - t2, "package_s": t5 - t4})
    markdown_bytes = sum(len(v.encode("utf-8")) if isinstance(v, str) else len(v) for v in pages.values())
    return {"runs": runs, "generated_files": len(pages), "generated_bytes": markdown_bytes}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
