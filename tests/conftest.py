"""Fixtures, and how the run is spread over the CPUs. What the fixtures are made of lives in support/.

The run (pytest.ini) has one worker per CPU (pytest-xdist, `--dist loadfile`): each test file runs on one
worker, so the sites its fixtures build are built once. Files are handed out longest first, as measured in
the previous run on this machine (pytest's cache), so the run ends on short files with both workers busy;
a first run takes the files in their collected order. (pytest-xdist's `loadgroup`, which could send single
tests apart, cannot rename tests under pytest 9, so its groups have no effect: long sweeps are files of
their own instead, e.g. test_a11y.py and test_a11y_phone.py.)
"""
from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

import pytest

from plansite.data import project
from plansite.data.plan import Loaded, load
from plansite.generate import Inputs, generate
from plansite.model import Plan
from plansite.plan.duties import Duties
from plansite.plan.timeline import build_date
from support import builds
from support.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, open_context, serve
from support.paths import PLAN, ROOT, SMALL_PLAN, SOURCE

EPOCH = pytest.StashKey[str]()
DURATIONS = "plansite/seconds-per-file"  # in pytest's cache (.pytest_cache/), written by FileSeconds


class FileSeconds:
    """In the run's controller: how long each test file took, kept in pytest's cache for the next run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid.split("::")[0].rsplit("/", 1)[-1]] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        cache = getattr(session.config, "cache", None)  # None under -p no:cacheprovider
        if cache is not None and self.seconds:
            cache.set(DURATIONS, {**cache.get(DURATIONS, {}), **self.seconds})


# ── the run: one moment for every build, files longest first ─────────────────────────────────
def pytest_configure(config: pytest.Config) -> None:
    """The moment every build of this run is dated (SOURCE_DATE_EPOCH): chosen once by the run and handed
    to its workers, so two builds of the same data are identical to the byte, even either side of midnight."""
    worker = getattr(config, "workerinput", None)
    config.stash[EPOCH] = worker["plansite_epoch"] if worker else str(int(time.time()))
    if worker is None:
        config.pluginmanager.register(FileSeconds(), "plansite-file-seconds")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:  # pytest-xdist, in the run's controller: a worker is starting
    node.workerinput["plansite_epoch"] = node.config.stash[EPOCH]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    cache = getattr(config, "cache", None)
    seconds = cache.get(DURATIONS, {}) if cache else {}
    items.sort(key=lambda item: -seconds.get(item.path.name, 0.0))  # stable: each file's tests stay together, in order


@pytest.fixture(scope="session")
def epoch(pytestconfig: pytest.Config) -> str:
    return pytestconfig.stash[EPOCH]


@pytest.fixture(scope="session")
def run_folder(tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config) -> Path:
    """The run's temporary folder, shared by its workers (each has its own below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if getattr(pytestconfig, "workerinput", None) else base


# ── the data ─────────────────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="session")
def source() -> Loaded:
    """data/plan.yaml, checked: the plan, its text and where each part sits in it."""
    return load(PLAN, "data/plan.yaml")


@pytest.fixture(scope="session")
def plan(source: Loaded) -> Plan:
    return source.plan


@pytest.fixture(scope="session")
def duties(plan: Plan) -> Duties:
    return Duties(plan)


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    return SOURCE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def pages(epoch: str) -> dict[str, str | bytes]:
    """Every generated page and download of the real plan and its records, as of the run's epoch (read only)."""
    today = build_date({"SOURCE_DATE_EPOCH": epoch})
    return generate(Inputs.of(project.read(ROOT, today), today)).files


# ── built sites, each made once per run ──────────────────────────────────────────────────────
@pytest.fixture(scope="session")
def site_dir(run_folder: Path, epoch: str) -> Path:
    """The real site, with its offline copy, as CI builds it (without SITE_URL)."""
    folder, result = builds.built_once(run_folder, "site", lambda out: builds.build_site(out, epoch, offline_copy=True))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="session")
def plain_copy_site(run_folder: Path) -> tuple[Path, Path, builds.Made]:
    """A copy of the project outside git (no history, so no data dates) with the small plan, built as an
    editor would: (project, site, the build's result). Tests that change a copy compare against this one."""
    from support.projectcopy import build, copy_project

    def make(folder: Path) -> builds.Made:
        return build(copy_project(folder / "project", SMALL_PLAN.read_text(encoding="utf-8")), folder / "site")

    folder, result = builds.built_once(run_folder, "plain", make)
    return folder / "project", folder / "site", result


# ── the system Chromium ──────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="session")
def site_url(site_dir: Path):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site_url: str):
    """A desktop page (1280 × 900)."""
    context, _ = open_context(browser, site_url)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser, site_url: str):
    """A 360 px wide phone."""
    context, _ = open_context(browser, site_url, **PHONE)
    yield context.new_page()
    context.close()
