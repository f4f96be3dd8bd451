"""Real builds, as the README and CI run them: `python -m mkdocs build --strict` in a process of its own.

Every build of a test run is dated the same moment (SOURCE_DATE_EPOCH = the run's epoch, which
conftest.py fixes once per run and hands to its workers), so two builds of the same data are identical
to the byte, even either side of midnight. Sites that several test files read are built once per run
(`built_once`): the first worker to need one builds it while any other waits on a lock, then all read it.
"""
from __future__ import annotations

import datetime
import fcntl
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable

from plansite.data.plan import Loaded
from plansite.generate import Inputs, generate
from plansite.model import Progress
from support.paths import ROOT

Made = subprocess.CompletedProcess


# The repository the test builds link to (issue forms, data lines), as the Pages workflow sets REPO_URL for
# the public site: the site the tests read is the one readers get. Made up; no test asks it for anything.
REPOSITORY = "https://github.com/example-org/kxsz"


def environment(epoch: str, offline_copy: bool = False, **extra: str) -> dict[str, str]:
    """The environment of a test build: without SITE_URL (the site that works from any folder;
    test_publishing.py sets it), with REPO_URL, the offline copy (a second whole build) only where asked for."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    return env | {"SOURCE_DATE_EPOCH": epoch, "PLANSITE_OFFLINE_COPY": "1" if offline_copy else "0", "REPO_URL": REPOSITORY} | extra


def mkdocs(args: list[str], cwd: Path, env: dict[str, str], engine: str = "mkdocs") -> Made:
    """`python -m mkdocs ARGS` in `cwd`, its output captured (`engine`: or "properdocs", MkDocs' maintained fork)."""
    return subprocess.run([sys.executable, "-m", engine, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8")


def build_site(out: Path, epoch: str, config: Path = ROOT / "mkdocs.yml", offline_copy: bool = False,
               engine: str = "mkdocs") -> Made:
    """A real `mkdocs build --strict` of the project whose config is `config`, into `out`."""
    return mkdocs(["build", "--strict", "-f", str(config), "-d", str(out)], config.parent, environment(epoch, offline_copy),
                  engine)


def built_once(base: Path, name: str, make: Callable[[Path], Made]) -> tuple[Path, Made]:
    """`make(folder)` run once for the whole test run, in `base`/`name`, and its result. `base` is the
    run's temporary folder, shared by its workers."""
    folder, record = base / name, base / f"{name}.result.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            folder.mkdir(exist_ok=True)
            done = make(folder)
            record.write_text(json.dumps([done.args, done.returncode, done.stdout, done.stderr]), encoding="utf-8")
    args, code, out, err = json.loads(record.read_text(encoding="utf-8"))
    return folder, Made(args, code, out, err)


def generated(source: Loaded, progress: Progress | None = None, today: datetime.date | None = None) -> dict[str, str | bytes]:
    """Every page and download a build makes of `source` (a checked plan file) and `progress`."""
    return generate(Inputs(source=source, progress=progress or Progress(), today=today or datetime.date(2026, 12, 1))).files
