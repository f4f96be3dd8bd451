"""`./scripts/dev.sh serve` with a mistake in data/progress.yaml (issue 27): the preview shows the
messages, names the file that has the mistake, and keeps answering every request, on the first build
and on a rebuild, as it does for data/plan.yaml (tests/test_data_errors.py)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from support.projectcopy import copy_project

ROOT = Path(__file__).resolve().parent.parent
SMALL = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
RECORDS = (ROOT / "tests" / "fixtures" / "progress.yaml").read_text(encoding="utf-8")
# The slip the new editor made: a month without its leading zero.
BROKEN = RECORDS.replace("date: 2023-07-15", "date: 2023-7-15", 1)


class Serve:
    def __init__(self, project: Path, log: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.log, self.project = log, project
        self.proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
                                     cwd=project, stdout=log.open("w"), stderr=subprocess.STDOUT,
                                     env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PLANSITE_OFFLINE_COPY="0"))

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> str:
        """Every request must be answered quickly: a server stuck on a failed build times out here."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=15) as response:
                return response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            if err.code == 404:
                return err.read().decode("utf-8")
            raise

    def until(self, path: str, test, limit: float = 120) -> str:
        end = time.monotonic() + limit
        while True:
            assert self.proc.poll() is None, f"mkdocs serve exited:\n{self.output()}"
            try:
                html = self.get(path)
            except urllib.error.URLError:  # not listening yet
                html = ""
            if html and test(html):
                return html
            assert time.monotonic() < end, f"{path} never changed as expected:\n{self.output()}"
            time.sleep(0.3)

    def write_progress(self, text: str) -> None:
        (self.project / "data" / "progress.yaml").write_text(text, encoding="utf-8")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def test_a_mistake_in_the_progress_file_is_shown_named_and_the_server_stays_up(tmp_path):
    project = copy_project(tmp_path / "project", SMALL, BROKEN)
    server = Serve(project, tmp_path / "serve.log")
    try:
        # 1. the first build: the problems, in the browser and in the log, naming data/progress.yaml
        page = server.until("/", lambda html: "数据有误，网站没有更新" in html)
        assert "data/progress.yaml:4:11" in page and "是不是 2023-07-15？" in page
        log = server.output()
        assert "data/progress.yaml 有误" in log and "data/plan.yaml 有误" not in log and "Traceback" not in log

        # 2. fixed: the real site, records included
        server.write_progress(RECORDS)
        server.until("/progress/", lambda html: "测试用记录：青少年科学营（虚构）" in html)

        # 3. broken again, on a rebuild: every page the editor may have open shows the problems, and
        #    every request is answered (MkDocs alone holds them until the mistake is fixed)
        server.write_progress(BROKEN)
        for path in ("/progress/", "/actions/youth/", "/departments/kexie/", "/text/"):
            server.until(path, lambda html: "数据有误，网站没有更新" in html and "是不是 2023-07-15？" in html)
        log = server.output()
        assert log.count("data/progress.yaml 有误") == 2 and "BuildError" not in log and "Traceback" not in log
        assert "Error reading page" not in log
    finally:
        server.stop()
