"""When the data is wrong: every command stops with the check's messages (never a traceback), the
previously built site is left as it was, and `mkdocs serve` shows the problems and stays up."""
from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support.paths import ROOT, SMALL_PLAN
from support.projectcopy import build_command, copy_project

GOOD = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8")
# A typical slip: a department id mistyped in the annex (the check suggests the right one).
BROKEN = GOOD.replace("lead: [jiaowei, kexie]", "lead: [jiaowei, kexi]", 1)
MESSAGE = ("data/plan.yaml:", "annex[0].lead[1]（牵头部门）", "问题：找不到部门“kexi”", "应为：departments 中已登记的部门编号",
           "实际：kexi", "提示：是不是 kexie（区科协）？")


# The server is tried on the small plan the invalid examples start from, with the same slip: what it does
# does not depend on the plan's size, and each of its rebuilds of the real plan would take seconds.
SMALL_GOOD = SMALL_PLAN.read_text(encoding="utf-8")
SMALL_BROKEN = SMALL_GOOD.replace("lead: [jiaowei, kexie]", "lead: [jiaowei, kexi]", 1)


def test_the_broken_plan_differs_where_we_think():
    assert BROKEN != GOOD and BROKEN.count("kexi]") == 1
    assert SMALL_BROKEN != SMALL_GOOD and SMALL_BROKEN.count("kexi]") == 1


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def broken_project(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("broken"), BROKEN)


@pytest.fixture(scope="module")
def old_site(tmp_path_factory, site_dir) -> Path:
    """A previously built site (the real one), with a file of the editor's own beside it."""
    import shutil

    out = tmp_path_factory.mktemp("old") / "site"
    shutil.copytree(site_dir, out)
    (out / "keep-me.txt").write_text("built last week", encoding="utf-8")
    return out


def assert_reported(output: str) -> None:
    assert "Traceback" not in output
    for piece in MESSAGE:
        assert piece in output, piece


def test_mkdocs_build_stops_with_the_messages_and_leaves_the_site(broken_project, old_site):
    before = snapshot(old_site)
    result = build_command(broken_project, old_site)
    assert result.returncode == 1
    assert_reported(result.stderr)
    assert "已有的网站保持不变" in result.stderr
    assert snapshot(old_site) == before


def test_build_pages_build_leaves_the_previous_site_untouched(broken_project, old_site, tmp_path):
    import shutil

    site = tmp_path / "site"
    shutil.copytree(old_site, site)
    before = snapshot(site)
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "build", str(site)], cwd=broken_project,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1
    assert_reported(result.stderr)
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no half-written folder left beside it


def build_pages(project: Path, *command: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "scripts/build_pages.py", *command], cwd=project,
                          capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def broken_check(broken_project) -> subprocess.CompletedProcess:
    return build_pages(broken_project, "check")


def test_check_and_generate_report_without_traceback(broken_project, broken_check):
    for result in (broken_check, build_pages(broken_project, "generate", "out")):
        assert result.returncode == 1
        assert_reported(result.stderr)
    assert not (broken_project / "out").exists()


# ── mkdocs serve ─────────────────────────────────────────────────────────────────────────────
class Serve:
    """`mkdocs serve` on a project copy, on a free port, its output collected in a file."""

    def __init__(self, project: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log = log
        self.project = project
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
                                     cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                     env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, count: int = 1, limit: float = 120) -> None:
        """Until `text` has been printed `count` times (the limit only stops a hung test)."""
        end = time.monotonic() + limit
        while self.output().count(text) < count:
            assert self.proc.poll() is None, f"mkdocs serve exited:\n{self.output()}"
            assert time.monotonic() < end, f"waited for {text!r} ×{count}:\n{self.output()}"
            time.sleep(0.2)

    def wait_until_page(self, path: str, test, limit: float = 120) -> str:
        """Poll `path` until `test(html)` holds (a rebuild can take a few seconds); the server must answer every time."""
        end = time.monotonic() + limit
        while True:
            html = self.get(path)
            if test(html):
                return html
            assert self.proc.poll() is None, f"mkdocs serve exited:\n{self.output()}"
            assert time.monotonic() < end, f"{path} never changed as expected:\n{self.output()}"
            time.sleep(0.3)

    def get(self, path: str) -> str:
        """The page, or the 404 page's content (an answer too: the server is up)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return err.read().decode("utf-8")
            raise

    def write_plan(self, text: str) -> None:
        (self.project / "data" / "plan.yaml").write_text(text, encoding="utf-8")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def test_mkdocs_serve_shows_the_problems_and_stays_up(tmp_path):
    project = copy_project(tmp_path / "project", SMALL_BROKEN)
    server = Serve(project, tmp_path / "serve.log")
    try:
        # 1. the FIRST build fails (MkDocs alone would exit): the server comes up and shows the problems
        server.wait_for("Serving on")
        server.wait_for("Documentation built")
        for path in ("/", "/actions/youth/"):  # the home page, and any other address (the 404 page)
            page = server.get(path)
            assert "数据有误，网站没有更新" in page and "找不到部门“kexi”" in page and "是不是 kexie（区科协）？" in page
        assert_reported(server.output())

        # 2. fixed: the real site is rebuilt
        server.write_plan(SMALL_GOOD)
        server.wait_until_page("/actions/youth/", lambda html: "实施青少年提升行动" in html)

        # 3. broken again, on a REBUILD (MkDocs alone would keep the old pages and hold every request
        #    until the data is fixed): every page the editor may have open now shows the problems
        server.write_plan(SMALL_BROKEN.replace("lead: [jiaowei, kexi]", "lead: [jiaowei, kexie"))
        page = server.wait_until_page("/actions/youth/", lambda html: "数据有误，网站没有更新" in html)
        assert "YAML 格式错误" in page and "方括号 [ ] 里的列表没有正确结束" in page
        assert "Traceback" not in server.output()

        # 4. and fixed again
        server.write_plan(SMALL_GOOD)
        server.wait_until_page("/actions/youth/", lambda html: "数据有误" not in html)
        assert server.output().count("ERROR") >= 2 and "Traceback" not in server.output()
    finally:
        server.stop()

