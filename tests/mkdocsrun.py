"""`python -m mkdocs ARGS` for the tests: each run a process of its own, without the start-up cost.

Before MkDocs reads its config, a build spends about a second: Python imports MkDocs, Material,
Markdown and their plugins (half a second), and jieba reads its 350,000-word dictionary (the other
half). The suite runs some twenty builds. So each test worker starts this file once as a server that
has done that work (mkdocspreload.py), and every build is a fork of it: MkDocs' own command line, with
the build's arguments, folder, environment, output and exit code, as `subprocess.run` would give them.
Our own package (scripts/plansite) is not preloaded: each build imports it from the project it builds,
as a new process would.

Forks of one server share its hash seed, so they iterate sets in the same order. A build meant to
catch an order that changes from process to process (test_determinism.py) runs in a new interpreter
instead (`fresh=True`).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent


def mkdocs(args: list[str], cwd: Path, env: dict[str, str] | None = None, fresh: bool = False) -> subprocess.CompletedProcess:
    """What `subprocess.run([python, "-m", "mkdocs", *args], cwd=cwd, env=env, capture_output=True,
    text=True)` returns. `fresh`: run in a new interpreter (its own hash seed) rather than a fork."""
    command = [sys.executable, "-m", "mkdocs", *args]
    environment = dict(os.environ if env is None else env)
    if fresh:
        return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder, "out"), Path(folder, "err")
        code = _SERVER.run({"args": args, "cwd": str(cwd), "env": environment, "out": str(out), "err": str(err)})
        return subprocess.CompletedProcess(command, code, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))


class _Server:
    """The worker's server process, started at the first build; it ends with the worker (its input closes)."""

    def __init__(self) -> None:
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def run(self, request: dict) -> int:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.process = subprocess.Popen([sys.executable, str(Path(__file__))], stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, text=True, encoding="utf-8", cwd=HERE)
            assert self.process.stdin and self.process.stdout
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer = self.process.stdout.readline()
            if not answer:
                raise RuntimeError(f"the build server stopped (exit code {self.process.wait()})")
            return int(answer)


_SERVER = _Server()


# ── the server ──────────────────────────────────────────────────────────────────────────────
def _build(request: dict) -> int:
    """In the forked process: become `python -m mkdocs ARGS`, run in `cwd` with `env`."""
    import runpy

    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    for fd, path in ((0, os.devnull), (1, request["out"]), (2, request["err"])):
        target = os.open(path, os.O_RDONLY if fd == 0 else os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # for the rest of this process
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)
    sys.argv = [sys.executable, *request["args"]]
    sys.path[0] = request["cwd"]  # `python -m` puts the working folder first
    try:
        runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as done:  # as the interpreter turns it into an exit code
        if done.code is None or isinstance(done.code, int):
            code = done.code or 0
        else:
            print(done.code, file=sys.stderr)
            code = 1
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _serve() -> None:
    import mkdocspreload  # noqa: F401 - the work every build would repeat

    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            os._exit(_build(json.loads(line)))
        _, status = os.waitpid(pid, 0)
        print(os.waitstatus_to_exitcode(status), flush=True)


if __name__ == "__main__":
    _serve()
