"""Shared fixtures. Tests import the same plansite package the build uses."""
from __future__ import annotations

import datetime
import fcntl
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

import mkdocsrun
from browser import SCRIPTS_RAN  # benchmarks/browser.py: the page's scripts have run
from plansite.data.plan import load
from plansite.plan.duties import Duties

ROOT = Path(__file__).resolve().parent.parent

PLAN = ROOT / "data" / "plan.yaml"
# The published text the plan is checked against: the one file in data/source/, whatever its name.
SOURCE = next(iter(sorted((ROOT / "data" / "source").glob("*.txt"))))
# The small plan the invalid examples start from (three departments, two tasks): for tests of what a
# build does whatever the plan's size, where the real plan would only cost seconds.
SMALL_PLAN = ROOT / "tests" / "fixtures" / "minimal.yaml"
# A made-up plan with neutral names, one per kind of mistake, each with the check's exact report beside it (NAME.expected). Every test
# finds them through this constant (the editors' guide quotes them too).
INVALID_DIR = ROOT / "src" / "plansite" / "data" / "examples" / "invalid"
INVALID = sorted(INVALID_DIR.glob("*.yaml"))
# The same for data/progress.yaml (checked against the made-up plan in the folder above them).
PROGRESS_INVALID_DIR = ROOT / "src" / "plansite" / "data" / "examples" / "progress-invalid"


def expected_report(path: Path, shown_as: str) -> str:
    """The check's report for an invalid fixture, naming the file as `shown_as`. The .expected files
    name it by its path in the repository; only the file name is compared, so the folder can move."""
    text = path.with_suffix(".expected").read_text(encoding="utf-8")
    return re.sub(rf"^(?:[^\s:]*/)?{re.escape(path.name)}:", lambda _: f"{shown_as}:", text, flags=re.M)


# Tests that run on whichever worker is free, one by one: long, and sharing no costly fixture with the
# rest of their file (every other file's tests stay together on one worker; see pytest_xdist_make_scheduler).
SPREAD = {"tests/test_a11y.py::test_axe_finds_no_violations"}


# The files that take longest (seconds on one worker of two, measured with --durations), handed out
# first: the run then ends on short files, with both workers busy to the end, instead of one long file
# started last while the other worker sits idle. A file not listed goes after these; it costs time only.
# test_bench.py reads the benchmark's quick run, which starts in the background with the run (SHARED):
# placed after the long files, it finds the run done instead of waiting for it.
LONGEST_FIRST = ["test_hostile_text.py", "test_a11y.py", "test_browser_site.py",
                 "test_browser_officials.py", "test_search_browser.py", "test_csp.py", "test_bench.py", "test_elder.py",
                 "test_determinism.py", "test_targets.py", "test_publishing.py", "test_other_plans.py",
                 "test_progress_browser.py", "test_hostile_records.py", "test_data_errors.py", "test_scale.py",
                 "test_site_build.py", "test_data_dates.py", "test_html_valid.py"]


def pytest_collection_modifyitems(items):
    """Files in LONGEST_FIRST's order, then the rest as collected; each file's tests keep their order."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist (pytest.ini: one worker per CPU) hands out a test file at a time, so the sites a file's
    fixtures build are built once; the SPREAD tests are handed out one at a time. Files go out in the
    order collected (LONGEST_FIRST), not xdist's default of the files with most tests first."""
    from xdist.scheduler import LoadScopeScheduling

    class ByFile(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if nodeid.split("[", 1)[0] in SPREAD else nodeid.split("::", 1)[0]

    config.option.loadscopereorder = False
    return ByFile(config, log)


@pytest.fixture(scope="session")
def source():
    """data/plan.yaml, checked: the plan, its text and where each part sits in it."""
    return load(PLAN, "data/plan.yaml")


@pytest.fixture(scope="session")
def plan(source):
    return source.plan


def generated(source, progress=None, today=None) -> dict:
    """Every page and download a build makes of `source` (a checked plan file) and `progress`."""
    from plansite.generate import Inputs, generate
    from plansite.model import Progress

    return generate(Inputs(source=source, progress=progress or Progress(), today=today or datetime.date(2026, 12, 1))).files


@pytest.fixture(scope="session")
def duties(plan):
    return Duties(plan)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def pages() -> dict:
    """Every generated page and download of the real plan and its records, as output.generate() returns
    them (read only)."""
    from plansite.data import project
    from plansite.generate import Inputs, generate
    from plansite.plan.timeline import build_date

    today = build_date()
    return generate(Inputs.of(project.read(ROOT, today), today)).files


# ── the built site, a local server, and the system Chromium ─────────────────────────────────

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


# The moment the test sites are built as (SOURCE_DATE_EPOCH), fixed when the session starts: two
# builds of the same data are then identical to the byte, even either side of midnight. The suite runs
# in several processes (pytest-xdist, see pytest.ini); they inherit the first one's moment.
SITE_EPOCH = os.environ.setdefault("PLANSITE_TEST_EPOCH", str(int(time.time())))
# Set to "0", a build skips the offline copy (downloads/offline.zip, a second whole build).
NO_OFFLINE_COPY = {"PLANSITE_OFFLINE_COPY": "0"}


def build_site(out: Path, config: Path = ROOT / "mkdocs.yml", offline_copy: bool = False,
               fresh: bool = False) -> subprocess.CompletedProcess:
    """A real `mkdocs build --strict`, as the README and CI run it, dated SITE_EPOCH; without SITE_URL, so
    the site is the one that works from any folder (tests/test_publishing.py builds with it). The offline
    copy (a second build) only where asked for: the session's site has it, the throwaway builds of other
    tests do not. `fresh`: in a new interpreter, not a fork of the preloaded one (mkdocsrun.py)."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"PLANSITE_OFFLINE_COPY": "1" if offline_copy else "0"}
    env["SOURCE_DATE_EPOCH"] = SITE_EPOCH
    return mkdocsrun.mkdocs(["build", "--strict", "-f", str(config), "-d", str(out)], ROOT, env, fresh=fresh)


def built_once(tmp_path_factory, name: str, make) -> tuple[Path, subprocess.CompletedProcess]:
    """`make(folder)` run once for the whole test run, in a folder called `name`, and its result.

    The suite runs in several worker processes (pytest-xdist), each with its own session fixtures; a
    site several test files read is built by the first worker that needs it while the others wait on a
    lock, then read the same folder (read only). Without xdist this is simply a build in a temp folder."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, shared by its workers
    folder, record = base / name, base / f"{name}.result.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            folder.mkdir(exist_ok=True)
            done = make(folder)
            record.write_text(json.dumps([done.args, done.returncode, done.stdout, done.stderr]), encoding="utf-8")
    args, code, out, err = json.loads(record.read_text(encoding="utf-8"))
    return folder, subprocess.CompletedProcess(args, code, out, err)


# ── the sites several test files read, and the benchmark's quick run: each made once per run ──
def make_site(folder: Path) -> subprocess.CompletedProcess:
    """The real site, with its offline copy."""
    return build_site(folder, offline_copy=True)


def make_plain(folder: Path) -> subprocess.CompletedProcess:
    """A copy of the project outside git (no history, so no data dates) with the small plan, built as an
    editor would."""
    from projectcopy import build, copy_project

    return build(copy_project(folder / "project", SMALL_PLAN.read_text(encoding="utf-8")), folder / "site")


def make_wide(folder: Path) -> subprocess.CompletedProcess:
    """A real build of a copy of the project whose data is benchmarks/synth.py's 3× plan."""
    from projectcopy import copy_project
    from synth import write_scaled

    project = copy_project(folder / "project")
    write_scaled(3, project / "data" / "plan.yaml")
    return build_site(project / "site", project / "mkdocs.yml", offline_copy=False)


BENCH_WATCHED = [ROOT / "data", ROOT / "docs", ROOT / "mkdocs.yml"]  # what the benchmark must leave as it was


def digest(paths: list[Path]) -> str:
    """One hash of the files under `paths`, their names included."""
    import hashlib

    h = hashlib.sha256()
    for path in paths:
        for f in sorted(p for p in ([path] if path.is_file() else path.rglob("*")) if p.is_file()):
            h.update(str(f.relative_to(ROOT)).encode() + f.read_bytes())
    return h.hexdigest()


def make_bench(folder: Path) -> subprocess.CompletedProcess:
    """`benchmarks/bench.py --quick`, its figures in folder/quick.json; folder/repository.json says whether
    the repository's data, docs, config and site/ were as before. It mostly waits on Chromium, so it runs
    alongside the tests (it asserts no times) instead of holding a worker."""
    before, had_site = digest(BENCH_WATCHED), (ROOT / "site").exists()
    command = [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick", "--out", str(folder / "quick.json")]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=600)
    except subprocess.TimeoutExpired as late:  # recorded as a failed run, so the fixture reports it instead of rerunning it
        result = subprocess.CompletedProcess(command, -1, "", f"the quick run took over {late.timeout} s")
    (folder / "repository.json").write_text(json.dumps({
        "unchanged": digest(BENCH_WATCHED) == before, "site_as_before": (ROOT / "site").exists() == had_site}))
    return result


# fixture: (folder, how it is made). The early start below and the fixtures share this table.
SHARED = {"site_dir": ("site", make_site), "plain_copy_site": ("plain", make_plain), "wide_site": ("wide", make_wide),
          "quick_run": ("bench", make_bench)}


@pytest.fixture(scope="session", autouse=True)
def shared_early(request, tmp_path_factory) -> None:
    """Start making the shared sites and runs the run's selected tests will read, in the background, as
    each worker starts (the first worker to take one's lock makes it; the other's thread just waits).
    Otherwise the first test to ask for one builds it while the other worker, wanting it too, waits on
    the lock; and tests that mostly wait on Chromium leave a CPU idle that the builds can use. Each runs
    in its own process; these threads only wait for them."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    tmp_path_factory.getbasetemp()  # made here, not by two threads at once
    for fixture, (name, make) in SHARED.items():
        if fixture in wanted:
            threading.Thread(target=built_once, args=(tmp_path_factory, name, make), daemon=True).start()


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    out, result = built_once(tmp_path_factory, *SHARED["site_dir"])  # waits for the build above, or does it
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def plain_copy_site(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """make_plain's copy: (project, site, the build's result). Tests that change a copy compare against this one."""
    folder, result = built_once(tmp_path_factory, *SHARED["plain_copy_site"])
    return folder / "project", folder / "site", result


@pytest.fixture(scope="session")
def wide_site(tmp_path_factory) -> Path:
    folder, result = built_once(tmp_path_factory, *SHARED["wide_site"])
    assert result.returncode == 0, result.stderr
    return folder / "project" / "site"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(site_dir):
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class RequestLog:
    """Every request a page makes; tests (and teardown) assert none leaves our origin."""

    def __init__(self, origin: str):
        self.origin = origin
        self.urls: list[str] = []

    def __call__(self, request) -> None:
        self.urls.append(request.url)

    def foreign(self) -> list[str]:
        ours = urlparse(self.origin).netloc
        return [u for u in self.urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
                and urlparse(u).netloc != ours]


# The site's scripts (Material's, officials.js) start once the page has been painted (docs/assets/elder.js),
# which on this fast local server can be after the load event that goto() waits for. A page of a context
# opened here waits after each goto() or wait_for_url() until they have run, as a reader meets the page
# once it works (a reader's keystrokes before then are applied when they run; tests would read the rows
# too early).
def waits_for_scripts(pg):
    """`pg` whose goto() and wait_for_url() (after a click on a link) also wait for the page's scripts."""
    goto, wait_for_url = pg.goto, pg.wait_for_url

    def go(url, **kw):
        response = goto(url, **kw)
        if kw.get("wait_until") != "commit":
            pg.wait_for_function(SCRIPTS_RAN)
        return response

    def arrived(url, **kw):
        wait_for_url(url, **kw)
        if kw.get("wait_until") != "commit":
            pg.wait_for_function(SCRIPTS_RAN)

    pg.goto, pg.wait_for_url = go, arrived
    return pg


def open_context(browser, site_url, width=1280, height=900, **kw):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN", **kw)
    log = RequestLog(site_url)
    context.on("request", log)
    if kw.get("java_script_enabled", True):
        new_page = context.new_page
        context.new_page = lambda: waits_for_scripts(new_page())
    return context, log


@pytest.fixture
def page(browser, site_url):
    """A desktop page; fails the test if anything was requested from another host."""
    context, log = open_context(browser, site_url)
    pg = context.new_page()
    pg.request_log = log
    yield pg
    context.close()
    assert log.foreign() == [], f"requests to other hosts: {log.foreign()}"


@pytest.fixture
def phone(browser, site_url):
    """A 360 px wide phone."""
    context, log = open_context(browser, site_url, width=360, height=740, is_mobile=True, has_touch=True,
                                device_scale_factor=2)
    pg = context.new_page()
    pg.request_log = log
    yield pg
    context.close()
    assert log.foreign() == [], f"requests to other hosts: {log.foreign()}"
