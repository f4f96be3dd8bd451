"""What a reader's browser pays: measured in headless Chromium (the system /usr/bin/chromium through
Playwright, as the tests use it; never a downloaded browser), with a static fallback.

- transfer(): every response a page receives until the network is idle, each body gzipped here at
  GZIP_LEVEL, grouped into the page itself (HTML, CSS, JS, other) and search (the index; the worker
  and lunr files). Material fetches the index and starts the worker on every page load; our site
  starts the worker but fetches the index only when the reader starts to search (plansite/search/bundle.py).
- search_latency(): time from the keystroke to the first `.md-search-result__item`.
- matrix_filter_latency(): time from typing in a page's filter box (the matrix, the departments index) to
  its table rows updating.
All times are taken inside the page with performance.now().
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import html.parser
import http.server
import importlib
import json
import posixpath
import statistics
import threading
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
GZIP_LEVEL = 6  # zlib's and gzip(1)'s default, what a static host typically serves
PAGE_CATEGORIES = ("html", "css", "js", "font", "other")  # the page itself
SEARCH_CATEGORIES = ("search_index", "search_runtime")  # counted separately
TEXT_SUFFIXES = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".map", "/")

# Where the matrix page's filter box may be found, most specific first. The matrix helper is asked to
# give its input one of the first two; the others find a plain filter form in the page content.
MATRIX_FILTER_SELECTORS = (
    "[data-matrix-filter]",
    "#matrix-filter",
    ".pl-matrix-filter input",
    ".md-content form input:not([type=hidden]):not([type=submit]):not([type=checkbox]):not([type=radio])",
    ".md-content input[type=search]",
    ".md-content input[type=text]",
)


def gz(body: bytes, level: int = GZIP_LEVEL) -> int:
    return len(gzip.compress(body, compresslevel=level, mtime=0))


def category(path: str, resource_type: str) -> str:
    if path.endswith("/search/search_index.json") or path.endswith("/search/search_index.js"):
        return "search_index"
    if "/assets/javascripts/workers/" in path or "/assets/javascripts/lunr/" in path:
        return "search_runtime"
    if resource_type == "document" or path.endswith((".html", "/")):
        return "html"
    if resource_type == "stylesheet" or path.endswith(".css"):
        return "css"
    if resource_type == "script" or path.endswith(".js"):
        return "js"
    if resource_type == "font" or path.endswith((".woff", ".woff2", ".ttf", ".otf")):
        return "font"
    return "other"


def summarize(resources: list[dict]) -> dict:
    """Totals per category, the page's own total, and the search total."""
    by = {c: {"count": 0, "raw": 0, "gzip": 0} for c in PAGE_CATEGORIES + SEARCH_CATEGORIES}
    for r in resources:
        slot = by[r["category"]]
        slot["count"] += 1
        slot["raw"] += r["raw"]
        slot["gzip"] += r["gzip"]
    page = {k: sum(by[c][k] for c in PAGE_CATEGORIES) for k in ("count", "raw", "gzip")}
    search = {k: sum(by[c][k] for c in SEARCH_CATEGORIES) for k in ("count", "raw", "gzip")}
    return {"by_category": by, "page": page, "search": search,
            "resources": sorted(resources, key=lambda r: (r["category"], r["path"]))}


def _resource(path: str, resource_type: str, body: bytes) -> dict:
    compressible = path.endswith(TEXT_SUFFIXES) or resource_type in ("document", "stylesheet", "script", "xhr", "fetch")
    return {"path": path, "type": resource_type, "category": category(path, resource_type),
            "raw": len(body), "gzip": gz(body) if compressible else len(body)}


# ── a local server on the built site ────────────────────────────────────────────────────────
class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, handler: type[http.server.SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """The site on a local port for the length of the `with` block (lighthouse.py passes a gzipping handler)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def available() -> str | None:
    """None if Chromium and Playwright are usable, else why not."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found"
    try:
        importlib.import_module("playwright.sync_api")
    except ImportError as err:
        return f"playwright not importable: {err}"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def _context(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")


# Our pages start their scripts after the first paint (docs/assets/elder.js), which on a local server can
# be after the load event; <html data-pl-scripts="ran"> says they have run. Bare Material has no such
# placeholders and is ready at load.
SCRIPTS_RAN = ("() => !document.querySelector('script[data-pl-src]')"
                " || document.documentElement.dataset.plScripts === 'ran'")


def _open(tab, url: str) -> None:
    """Open `url` and wait until the page's scripts have run, as a reader who starts to type would."""
    tab.goto(url, wait_until="load")
    tab.wait_for_function(SCRIPTS_RAN)


# ── transfer ────────────────────────────────────────────────────────────────────────────────
def transfer(browser, base: str, page: str, idle_timeout_ms: int = 300_000) -> dict:
    """Everything a cold cache fetches for `page` (a site path like 'departments/kexie/')."""
    context = _context(browser)
    responses = []
    context.on("response", lambda response: responses.append(response))
    try:
        tab = context.new_page()
        _open(tab, urljoin(base, page))
        tab.wait_for_load_state("networkidle", timeout=idle_timeout_ms)
        resources, foreign = [], []
        for response in responses:
            url = urlparse(response.url)
            if f"{url.scheme}://{url.netloc}/" != base:
                foreign.append(response.url)
                continue
            if response.status >= 300:
                continue
            resources.append(_resource(url.path, response.request.resource_type, response.body()))
    finally:
        context.close()
    return {"method": "chromium", "foreign_requests": foreign, **summarize(resources)}


class _Assets(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.config = ""
        self._in_config = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.urls.append((a["href"], "stylesheet"))
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.urls.append((a["href"], "other"))
        elif tag == "script" and a.get("src"):
            self.urls.append((a["src"], "script"))
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


def static_transfer(site: Path, page: str) -> dict:
    """Without a browser: the HTML, what it links as stylesheet/script/icon, the search index and
    the worker named in Material's config (the lunr files the worker imports are not seen)."""
    here = "/" + page
    html_file = site / page / "index.html" if page.endswith("/") or page == "" else site / page
    body = html_file.read_bytes()
    resources = [_resource(here, "document", body)]
    parser = _Assets()
    parser.feed(body.decode("utf-8"))
    urls = list(parser.urls)
    if parser.config:
        config = json.loads(parser.config)
        if config.get("search"):
            urls.append((config["search"], "script"))
            urls.append((posixpath.join(config.get("base", "."), "search/search_index.json"), "xhr"))
    for url, kind in urls:
        if urlparse(url).netloc:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(here) if not here.endswith("/") else here, url))
        target = site / path.lstrip("/")
        if target.is_file():
            resources.append(_resource(path, kind, target.read_bytes()))
    return {"method": "static", "foreign_requests": [], **summarize(resources)}


# ── search latency ──────────────────────────────────────────────────────────────────────────
_SEARCH_JS = """async ({query, timeoutMs}) => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  if (!input || !list) return {ok: false, error: 'no Material search box on this page'};
  input.focus();
  if (input.value !== '') {  // clear the previous query and wait until its results are gone
    input.value = '';
    input.dispatchEvent(new KeyboardEvent('keyup', {key: 'Backspace', bubbles: true}));
    const t = performance.now();
    while (list.querySelector('.md-search-result__item') && performance.now() - t < 5000)
      await new Promise(r => setTimeout(r, 5));
  }
  return await new Promise(resolve => {
    let done = false, start = 0;
    const meta = () => (document.querySelector('.md-search-result__meta') || {}).textContent || '';
    const finish = ok => {
      if (done) return;
      done = true; observer.disconnect();
      resolve({ok, ms: performance.now() - start, at_ms: performance.now(),
               items: list.querySelectorAll('.md-search-result__item').length, meta: meta()});
    };
    const observer = new MutationObserver(() => { if (list.querySelector('.md-search-result__item')) finish(true); });
    observer.observe(list, {childList: true, subtree: true});
    input.value = query;  // what an input method commits, then the key event Material listens to
    start = performance.now();
    input.dispatchEvent(new KeyboardEvent('keyup', {key: query.slice(-1), bubbles: true}));
    setTimeout(() => finish(false), timeoutMs);
  });
}"""


def search_latency(browser, base: str, queries: list[str], repeat: int, ready_timeout_ms: int = 300_000) -> dict:
    """Warm up with the first query (its answer time from navigation start = search ready), then
    time each query `repeat` times; report the median per query."""
    context = _context(browser)
    try:
        tab = context.new_page()
        _open(tab, base)
        tab.click(".md-search__input")
        warm = tab.evaluate(_SEARCH_JS, {"query": queries[0], "timeoutMs": ready_timeout_ms})
        out = {"ready_ms": warm.get("at_ms") if warm.get("ok") else None, "warmup": warm, "queries": {}}
        for query in queries:
            runs = [tab.evaluate(_SEARCH_JS, {"query": query, "timeoutMs": 20_000}) for _ in range(repeat)]
            times = [r["ms"] for r in runs if r.get("ok")]
            out["queries"][query] = {
                "runs_ms": [round(t, 1) for t in times],
                "median_ms": round(statistics.median(times), 1) if times else None,
                "failed": sum(1 for r in runs if not r.get("ok")),
                "result_meta": runs[-1].get("meta", ""),
            }
        medians = [q["median_ms"] for q in out["queries"].values() if q["median_ms"] is not None]
        out["median_ms"] = round(statistics.median(medians), 1) if medians else None
        out["max_median_ms"] = max(medians) if medians else None
    finally:
        context.close()
    return out


# ── matrix filter latency ───────────────────────────────────────────────────────────────────
_FILTER_JS = """async ({selectors, repeat, quietMs, timeoutMs}) => {
  let input = null, selector = null;
  for (const s of selectors) { const el = document.querySelector(s); if (el) { input = el; selector = s; break; } }
  if (!input) return {status: 'absent'};
  const root = input.closest('.md-content') || document.body;
  const rows = () => Array.from(root.querySelectorAll('tbody tr'));
  const visible = () => rows().filter(r => r.getClientRects().length > 0).length;
  const names = rows().map(r => (r.querySelector('th') || r).textContent.trim()).filter(Boolean);
  const queries = [names[0], names[Math.floor(names.length / 2)], '科'].filter(Boolean);
  const type = value => input.value === value ? Promise.resolve({ms: 0, mutations: 0}) : new Promise(resolve => {
    let last = null, count = 0, timer = null, start = 0;
    const done = () => { observer.disconnect(); resolve({ms: last === null ? null : last - start, mutations: count}); };
    const observer = new MutationObserver(records => {
      const relevant = records.filter(r => r.target !== input).length;
      if (!relevant) return;
      count += relevant; last = performance.now();
      clearTimeout(timer); timer = setTimeout(done, quietMs);  // settled: no change for quietMs
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
    input.focus();
    input.value = value;
    start = performance.now();
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {key: value.slice(-1) || 'Backspace', bubbles: true}));
    timer = setTimeout(done, timeoutMs);
  });
  const total = rows().length;
  const runs = [];
  measuring:
  for (const q of queries) {
    for (let i = 0; i < repeat; i++) {
      await type('');
      const r = await type(q);
      runs.push({query: q, ms: r.ms, mutations: r.mutations, visible_rows: visible(), total_rows: total});
      if (runs.every(run => run.ms === null)) break measuring;  // the filter does not react: stop waiting
    }
  }
  await type('');
  return {status: 'measured', selector, runs};
}"""


def matrix_filter_latency(browser, base: str, page: str, repeat: int, quiet_ms: int = 300, timeout_ms: int = 3000) -> dict:
    """Time to update the rows after typing in the matrix page's filter box; 'not measurable yet'
    when the page has no filter input (see MATRIX_FILTER_SELECTORS). An update counts as finished when
    the rows have not changed for `quiet_ms`; a keystroke with no change within `timeout_ms` is no update."""
    context = _context(browser)
    try:
        tab = context.new_page()
        _open(tab, urljoin(base, page))
        result = tab.evaluate(_FILTER_JS, {"selectors": list(MATRIX_FILTER_SELECTORS), "repeat": repeat,
                                           "quietMs": quiet_ms, "timeoutMs": timeout_ms})
    finally:
        context.close()
    if result["status"] == "absent":
        return {"status": "not measurable yet", "median_ms": None,
                "detail": "no filter input on the matrix page (looked for: " + ", ".join(MATRIX_FILTER_SELECTORS) + ")"}
    times = [r["ms"] for r in result["runs"] if r["ms"] is not None]
    filtered = [r for r in result["runs"] if r["visible_rows"] < r["total_rows"]]
    if not times or not filtered:
        return {"status": "no update observed", "median_ms": None, "selector": result["selector"], "runs": result["runs"],
                "detail": "typing in the filter changed no table rows"}
    return {"status": "measured", "selector": result["selector"], "runs": result["runs"],
            "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
