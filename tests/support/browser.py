"""The system Chromium through Playwright (never a downloaded browser), a local server for a built site,
and pages opened the way a reader meets them: once the page's scripts have run.

The site's scripts (Material's, officials.js) start once the page has been painted (docs/assets/elder.js),
which on this fast local server can be after the load event that Playwright's goto() waits for. `visit`
and `arrive` wait for them as well, so a test reads the page once it works (a reader's keystrokes before
then are applied when the scripts run; a test would read the rows too early).
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from browser import SCRIPTS_RAN  # benchmarks/browser.py: the page's scripts have run

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def visit(page: Any, url: str, **kw: Any) -> Any:
    """page.goto(url), then wait until the page's scripts have run (unless only the commit is awaited)."""
    response = page.goto(url, **kw)
    if kw.get("wait_until") != "commit":
        page.wait_for_function(SCRIPTS_RAN)
    return response


def arrive(page: Any, url: str, **kw: Any) -> None:
    """page.wait_for_url(url) after a click on a link, then wait until the new page's scripts have run."""
    page.wait_for_url(url, **kw)
    if kw.get("wait_until") != "commit":
        page.wait_for_function(SCRIPTS_RAN)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # keep test output readable
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A local web server for `folder` on 127.0.0.1, for as long as the block runs: its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


class RequestLog:
    """Every request the pages of a context make (test_csp.py asserts none leaves our origin)."""

    def __init__(self, origin: str):
        self.origin = origin
        self.urls: list[str] = []

    def __call__(self, request: Any) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        ours = urlparse(self.origin).netloc
        return [u for u in self.urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != ours]


def open_context(browser: Any, site_url: str, width: int = 1280, height: int = 900, **kw: Any) -> tuple[Any, RequestLog]:
    """A browser context (a reader's window) of the given size, in Chinese, and the log of its requests."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **kw)
    log = RequestLog(site_url)
    context.on("request", log)
    return context, log


PHONE = {"width": 360, "height": 740, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
