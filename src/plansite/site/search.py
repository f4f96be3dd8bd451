"""Search, fitted to a Chinese plan (plansite/search/), as steps of the build (site/plugin.py calls them).

setup        (on_config, before Material's search plugin reads its options) write the jieba user dictionary
             and point the plugin's `jieba_dict_user` at it; jieba's global tokenizer is first cleared of
             an earlier build's (mkdocs serve).
rewrite      (on_post_build, after the search plugin has written the index and before the offline plugin
             inlines it) add name parts and write the index as UTF-8 (search/searchindex.py).
Search does nothing while the data has a mistake: the preview's pages are not the site's.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from plansite.plan import terms
from plansite.search import dictionary, searchindex
from plansite.site.state import BuildState, SearchSetup

log = logging.getLogger("mkdocs.plugins.plansite.search")

USERDICT = Path(".cache") / "plansite" / "jieba_userdict.txt"  # outside docs/: not a page, not watched
SEARCH_PLUGIN = "material/search"


def write_if_changed(path: Path, text: str) -> None:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def setup(state: BuildState, config: MkDocsConfig) -> None:
    if state.data is None:
        # The search plugin still cuts the preview's pages into words: with jieba's dictionary read the
        # quick way (dictionary.py), not by jieba on first use (three times as long).
        dictionary.read_jieba_dictionary()
        return
    plan = state.data.source.plan
    search = config.plugins.get(SEARCH_PLUGIN)
    if search is None:
        raise PluginError(f"search: the {SEARCH_PLUGIN} plugin is not enabled in mkdocs.yml")
    found = dictionary.terms(plan)
    dictionary.reset_global_tokenizer()  # the plugin loads this build's user dictionary into it next
    path = state.root / USERDICT
    write_if_changed(path, dictionary.userdict(plan))
    configured = search.config.jieba_dict_user
    if configured and Path(configured).resolve() != path.resolve():
        raise PluginError("search: jieba_dict_user is generated from data/plan.yaml; remove it from mkdocs.yml")
    search.config.jieba_dict_user = str(path)
    state.search = SearchSetup(parts_by_word=dictionary.parts_by_word(found, terms.name_prefixes(plan)))
    log.debug("search: %d dictionary words in %s", len(found), path)


def rewrite(state: BuildState, config: MkDocsConfig) -> None:
    if state.search is None:
        return
    path = Path(config.site_dir) / "search" / "search_index.json"
    try:
        sizes = searchindex.rewrite(path, state.search.parts_by_word)
    except searchindex.IndexShapeError as err:
        raise PluginError(f"search: {path}: {err}; Material's index was left as it was") from None
    log.info("search: index %d bytes (Material wrote %d)", sizes.after, sizes.before)
