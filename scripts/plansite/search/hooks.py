"""MkDocs events for search. mkdocs.yml names scripts/mkdocs_search_hooks.py, which imports these.

on_config (early: before Material's search plugin reads its options)
    write the jieba user dictionary and point the plugin's `jieba_dict_user` at it (jieba's global
    tokenizer is first cleared of an earlier build's, for `mkdocs serve`); patch the worker
    in memory (a stale patch stops the build here, before the site directory is touched).
    Material's main script is patched too (bundle.py: the index loads when the reader starts to search;
    the palette no longer restyles the whole page several times as it loads).
on_files      hand MkDocs the patched worker and bundle in place of Material's, each under a name with
              its own content hash.
on_post_page, on_post_template
              point each page (and 404.html) at those names.
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
from . import bundle, dictionary, exclude, index, worker

log = logging.getLogger("mkdocs.plugins.plansite.search")

DATA_FILE = Path("data") / "plan.yaml"
USERDICT = Path(".cache") / "plansite" / "jieba_userdict.txt"  # outside docs/: not a page, not watched
SEARCH_PLUGIN = "material/search"


@dataclass(frozen=True)
class Patched:
    """A theme file we ship patched, under `shipped` (a name with our content's hash) instead of `original`."""
    original: str
    shipped: str
    content: str


@dataclass
class Prepared:
    """What on_config prepares for the later events of one build."""
    parts_by_word: dict[str, list[str]]
    task_anchors: set[str]
    patched: list[Patched]


@dataclass
class SearchState:
    """The one object the search hooks share. `prepared` is None while data/plan.yaml has a mistake:
    search then leaves every file as Material made it (the site's own hooks report the mistake)."""
    prepared: Prepared | None = None


STATE = SearchState()


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


@event_priority(50)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    STATE.prepared = None
    root = Path(config.config_file_path).resolve().parent
    try:
        plan = load_plan(root / DATA_FILE, str(DATA_FILE))
    except PlanError:
        return config  # the site's own on_config reports the data problems
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        raise PluginError(f"search: the {SEARCH_PLUGIN} plugin is not enabled in mkdocs.yml")

    terms = dictionary.terms(plan)
    dictionary.reset_global_tokenizer()  # the plugin loads this build's user dictionary into it next
    path = root / USERDICT
    write_if_changed(path, dictionary.userdict(plan))
    configured = search.config.jieba_dict_user
    if configured and Path(configured).resolve() != path.resolve():
        raise PluginError(f"search: jieba_dict_user is generated from {DATA_FILE}; remove it from mkdocs.yml")
    search.config.jieba_dict_user = str(path)

    try:
        patched = []
        for find, patch in ((worker.find_worker, worker.patch_worker), (bundle.find_bundle, bundle.patch_bundle)):
            src, file = find(config.theme.dirs)
            content = patch(file.read_text(encoding="utf-8"), str(file))
            patched.append(Patched(src, bundle.hashed_path(src, content), content))
    except worker.WorkerPatchError as err:
        raise PluginError(f"search: {err}") from None
    STATE.prepared = Prepared(parts_by_word=dictionary.parts_by_word(terms, plan_terms.name_prefixes(plan)), task_anchors=exclude.owned_by_tasks(plan),
                              patched=patched)
    log.debug("search: %d dictionary words in %s", len(terms), path)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    prepared = STATE.prepared
    if prepared is None:
        return files
    for p in prepared.patched:
        original = files.get_file_from_path(p.original)
        if original is None:
            raise PluginError(f"search: the theme's {p.original} is not among the site's files")
        files.remove(original)
        source_map = files.get_file_from_path(p.original + ".map")
        if source_map is not None:  # it describes Material's unpatched file
            files.remove(source_map)
        files.append(File.generated(config, p.shipped, content=p.content))
    return files


def renamed(output: str, where: str) -> str:
    """The page with every reference to a patched theme file pointing at our file (base.html names them)."""
    prepared = STATE.prepared
    if prepared is None:
        return output
    for p in prepared.patched:
        if p.original not in output:
            raise PluginError(f"search: {where} does not load {p.original}; was Material's base.html changed?")
        output = output.replace(p.original, p.shipped)
    return output


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    return renamed(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    return renamed(output, template_name) if template_name.endswith(".html") else output


def on_page_content(html: str, page, config: MkDocsConfig, files: Files) -> str:
    prepared = STATE.prepared
    if prepared is None:
        return html
    try:
        return exclude.exclude(html, page.file.src_uri, prepared.task_anchors)
    except exclude.ExcludeError as err:
        raise PluginError(f"search: {err}") from None


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    prepared = STATE.prepared
    if prepared is None:
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        sizes = index.rewrite(path, prepared.parts_by_word)
    except index.IndexShapeError as err:
        raise PluginError(f"search: {path}: {err}; Material's index was left as it was") from None
    log.info("search: index %d bytes (Material wrote %d)", sizes.after, sizes.before)
