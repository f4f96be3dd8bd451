"""Lighthouse 12 (pinned in package.json, `npm ci`) on our pages and on bare Material, built in the same run.

Both sites are served gzipped from a local server on 127.0.0.1 (as a static host would serve them; the
Python test server sends everything uncompressed). Lighthouse runs its default mobile emulation with
simulated throttling, against the system Chromium (CHROME_PATH) with the same flags as the tests. The
runs are interleaved — run 1 of every page, then run 2 of every page, … — so that the load of a shared
machine falls on both sites alike; each figure is the median of the runs.
"""
from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import json
import mimetypes
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS, GZIP_LEVEL, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzipped (level 6, compressed once and kept) to a client that accepts gzip."""

    cache: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=GZIP_LEVEL, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve_gzipped(site: Path) -> contextlib.AbstractContextManager[str]:
    return serve(site, type("Handler", (_GzipHandler,), {"cache": {}}))  # a cache of its own per site


def available() -> str | None:
    if not LIGHTHOUSE.exists():
        return f"{LIGHTHOUSE.relative_to(ROOT)} not found (npm ci)"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found"
    return None


def run_once(url: str) -> dict:
    """One Lighthouse run: category scores (0–100), metric values, the page's total transfer."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        flags = " ".join(["--headless", *CHROMIUM_ARGS])
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", f"--chrome-flags={flags}",
             "--form-factor=mobile", "--only-categories=" + ",".join(CATEGORIES), "--quiet"],
            env=env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not report.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-1500:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    failed = {c: sorted(ref["id"] for ref in data["categories"][c]["auditRefs"]
                        if ref.get("weight") and audits[ref["id"]].get("score") not in (None, 1))
              for c in CATEGORIES}
    return {
        "scores": {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "metrics_ms": {m: audits[m].get("numericValue") for m in METRICS},
        "total_byte_weight": audits["total-byte-weight"].get("numericValue"),
        "requests": len(audits.get("network-requests", {}).get("details", {}).get("items", [])),
        "failed_audits": {c: ids for c, ids in failed.items() if ids},
        "lighthouse": data.get("lighthouseVersion"),
    }


def compare(targets: dict[str, tuple[Path, str]], runs: int = 3, log=print) -> dict:
    """targets: name → (site folder, page path). Interleaved runs; medians per target."""
    out: dict[str, dict] = {name: {"runs": []} for name in targets}
    with contextlib.ExitStack() as stack:
        bases = {site: stack.enter_context(serve_gzipped(site)) for site in {s for s, _ in targets.values()}}
        for n in range(runs):
            for name, (site, page) in targets.items():
                log(f"lighthouse run {n + 1}/{runs}: {name}")
                out[name]["runs"].append(run_once(bases[site] + page))
    for name, entry in out.items():
        rs = entry["runs"]
        entry["median"] = {c: statistics.median(r["scores"][c] for r in rs) for c in CATEGORIES}
        entry["median_metrics_ms"] = {m: statistics.median(r["metrics_ms"][m] or 0 for r in rs) for m in METRICS}
        entry["total_byte_weight"] = statistics.median(r["total_byte_weight"] for r in rs)
        entry["requests"] = statistics.median(r["requests"] for r in rs)
        entry["failed_audits"] = sorted({f"{c}:{a}" for r in rs for c, ids in r["failed_audits"].items() for a in ids})
        entry["page"] = targets[name][1]
    return out
