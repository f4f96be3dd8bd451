"""MkDocs events for search. mkdocs.yml names scripts/mkdocs_search_hooks.py, which imports these.

on_config (early: before Material's search plugin reads its options)
    write the jieba user dictionary and point the plugin's `jieba_dict_user` at it; patch the worker
    in memory (a stale patch stops the build here, before the site directory is touched).
on_files      hand MkDocs the patched worker in place of Material's.
on_page_content
    mark what the index leaves out (exclude.py); the search plugin reads the page after this.
on_post_build (last: after the search plugin has written the index)
    add name parts, write the index as UTF-8 (index.py).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from .. import terms as plan_terms
from ..load import load_plan
from ..problems import PlanError
from . import dictionary, exclude, index, worker

log = logging.getLogger("mkdocs.plugins.plansite.search")

DATA_FILE = Path("data") / "plan.yaml"
USERDICT = Path(".cache") / "plansite" / "jieba_userdict.txt"  # outside docs/: not a page, not watched
SEARCH_PLUGIN = "material/search"


@dataclass
class State:
    parts_by_word: dict[str, list[str]]
    task_anchors: set[str]
    worker_path: str
    worker_source: str


_state: State | None = None


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _state
    _state = None
    root = Path(config.config_file_path).resolve().parent
    try:
        plan = load_plan(root / DATA_FILE, str(DATA_FILE))
    except PlanError:
        return config  # the site's own on_config reports the data problems
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        raise PluginError(f"search: the {SEARCH_PLUGIN} plugin is not enabled in mkdocs.yml")

    terms = dictionary.terms(plan)
    path = root / USERDICT
    write_if_changed(path, dictionary.userdict(plan))
    configured = search.config.jieba_dict_user
    if configured and Path(configured).resolve() != path.resolve():
        raise PluginError(f"search: jieba_dict_user is generated from {DATA_FILE}; remove it from mkdocs.yml")
    search.config.jieba_dict_user = str(path)

    try:
        worker_path, worker_file = worker.find_worker(config.theme.dirs)
        patched = worker.patch_worker(worker_file.read_text(encoding="utf-8"), str(worker_file))
    except worker.WorkerPatchError as err:
        raise PluginError(f"search: {err}") from None
    _state = State(dictionary.parts_by_word(terms, plan_terms.name_prefixes(plan)), exclude.owned_by_tasks(plan), worker_path, patched)
    log.debug("search: %d dictionary words in %s", len(terms), path)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if _state is None:
        return files
    original = files.get_file_from_path(_state.worker_path)
    if original is None:
        raise PluginError(f"search: the theme's search worker {_state.worker_path} is not among the site's files")
    files.remove(original)
    files.append(File.generated(config, _state.worker_path, content=_state.worker_source))
    return files


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    if _state is None:
        return html
    try:
        return exclude.exclude(html, page.file.src_uri, _state.task_anchors)
    except exclude.ExcludeError as err:
        raise PluginError(f"search: {err}") from None


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    if _state is None:
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        sizes = index.rewrite(path, _state.parts_by_word)
    except index.IndexShapeError as err:
        raise PluginError(f"search: {path}: {err}; Material's index was left as it was") from None
    log.info("search: index %d bytes (Material wrote %d)", sizes.after, sizes.before)
