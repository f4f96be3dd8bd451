"""Real builds: `python -m mkdocs build --strict` in a process of its own, as the README and CI run it, or
MkDocs' own build function in the test's process (`build`).

The session's site (conftest.py), the ProperDocs comparison, the wide site and every build that must fail
are the command, in a process of its own: what an editor or CI runs and reads. The other builds only ask
what a site made of other data looks like; they call `mkdocs.commands.build.build`, the function the
command runs once it has read its options. It saves the start of a process (Python, MkDocs, Material,
jieba's dictionary): a build of the small plan takes 0.55 s in a worker that has built before, against
1.6 s as a command. (Several builds in one process is how `mkdocs serve` works too.) The two give the same
bytes: the real plan with its offline copy, built both ways, was identical to the byte (`diff -r`).

Every build of a test run is dated the same moment (SOURCE_DATE_EPOCH = the run's epoch, which
conftest.py fixes once per run and hands to its workers), so two builds of the same data are identical
to the byte, even either side of midnight. Sites that several test files read are built once per run
(`built_once`): the first worker to need one builds it while any other waits on a lock, then all read it.
"""
from __future__ import annotations

import contextlib
import datetime
import fcntl
import io
import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Callable, Iterator, Mapping

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


def build(config: Path, out: Path, env: Mapping[str, str]) -> Made:
    """`mkdocs build --strict -f CONFIG -d OUT` run in this process, in the environment `env` and the config's
    folder, as the command does after reading its options (mkdocs/__main__.py: build_command). MkDocs' own
    errors end the build as the command ends it, with code 1 and the message; any other exception is a
    failure of the test, with its traceback. What MkDocs logs (warnings and errors) is the result's stderr."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    args = ["mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]
    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    with _process(env, config.parent):
        logging.getLogger("mkdocs").addHandler(handler)
        try:
            cfg = load_config(str(config), site_dir=str(out), strict=True)
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg)
            finally:
                cfg.plugins.on_shutdown()
        except MkDocsException as err:
            return Made(args, 1, "", f"{log.getvalue()}{err.format_message()}\n")
        finally:
            logging.getLogger("mkdocs").removeHandler(handler)
    return Made(args, 0, "", log.getvalue())


@contextlib.contextmanager
def _process(env: Mapping[str, str], cwd: Path) -> Iterator[None]:
    """This process's environment and working folder as a command's would be, for as long as the block runs."""
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        os.chdir(saved_cwd)


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
