"""Time the pipeline's own stages in one project copy, in a fresh process (run by bench.py).

  python benchmarks/gen_timing.py PROJECT_DIR REPEAT

Prints one JSON object: per run, the seconds to load and validate data/plan.yaml and data/progress.yaml,
the seconds to generate every page and download (page contexts + Jinja → Markdown, CSV/XLSX/JSON: exactly
what the MkDocs hook does), and, timed again on their own, the seconds for the downloads alone.
The project's own scripts/ are imported, so a scaled copy is timed with the code it builds with.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(project: Path, repeat: int) -> dict:
    sys.path.insert(0, str(project / "scripts"))
    from plansite import exports, load, timeline
    from plansite.output import generate
    from plansite.progress import load_progress

    runs = []
    for _ in range(repeat):
        load.parse.cache_clear()  # a build parses once (load.parse keeps it); time that one parse each run
        t0 = time.perf_counter()
        source = load.load(project / "data" / "plan.yaml", "data/plan.yaml")
        progress = load_progress(project / "data" / "progress.yaml", source.plan, timeline.build_date())
        t1 = time.perf_counter()
        pages = generate(source.plan, source=source, progress=progress)
        t2 = time.perf_counter()
        exports.downloads(source.plan, progress=progress)
        t3 = time.perf_counter()
        runs.append({"load_s": t1 - t0, "generate_s": t2 - t1, "downloads_s": t3 - t2})
    markdown_bytes = sum(len(v.encode("utf-8")) if isinstance(v, str) else len(v) for v in pages.values())
    return {"runs": runs, "generated_files": len(pages), "generated_bytes": markdown_bytes}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), int(sys.argv[2]))))
