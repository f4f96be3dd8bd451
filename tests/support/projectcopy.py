"""A throwaway copy of the project (config, theme overrides, assets, pipeline, data), for tests that
build from changed data or break it on purpose without touching the worktree."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from plansite.data.project import BUILD_INPUTS
from plansite.pages import templatecache
from support.builds import build as build_here
from support.builds import mkdocs as run_mkdocs
from support.paths import ROOT


def copy_project(dest: Path, plan_text: str | None = None, progress_text: str | None = None) -> Path:
    """With `plan_text`, the copy's data/plan.yaml is that plan and its data/progress.yaml is
    `progress_text`, or absent: the real records name ids of the real plan."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in BUILD_INPUTS:
        src = ROOT / part
        (dest / part).parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"), dirs_exist_ok=True)
        else:
            shutil.copy2(src, dest / part)
    # The compiled templates of the project's own builds, as an editor's checkout has them after a build: a
    # copy's build then compiles only what differs (templatecache.py), and builds the same site either way.
    compiled = ROOT / templatecache.FOLDER
    if compiled.is_dir():
        shutil.copytree(compiled, dest / templatecache.FOLDER, ignore=shutil.ignore_patterns("*.tmp"), dirs_exist_ok=True)
    if plan_text is not None:
        (dest / "data" / "plan.yaml").write_text(plan_text, encoding="utf-8")
        progress = dest / "data" / "progress.yaml"
        if progress_text is None:
            progress.unlink(missing_ok=True)
        else:
            progress.write_text(progress_text, encoding="utf-8")
    return dest


def mkdocs(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs ARGS` run in the copy, as an editor would run it there."""
    return run_mkdocs(list(args), project, dict(os.environ) if env is None else env)


def editor_environment() -> dict[str, str]:
    """An editor's plain build: no public address, no repository, and no offline copy (a second whole build
    no test of a copy looks at)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "REPO_URL")}
    return {**env, "PLANSITE_OFFLINE_COPY": "0"}


def build(project: Path, out: Path) -> subprocess.CompletedProcess:
    """A build of the copy as an editor makes one, run in this process (support/builds.py: `build`)."""
    return build_here(project / "mkdocs.yml", out, editor_environment())


def build_command(project: Path, out: Path) -> subprocess.CompletedProcess:
    """The same build as the command `mkdocs build --strict`, in a process of its own: what an editor reads."""
    return mkdocs(project, "build", "--strict", "-d", str(out), env=editor_environment())
