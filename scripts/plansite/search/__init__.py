"""Chinese search for the site: Material's built-in search, fitted to this document.

- `dictionary`: the jieba user dictionary, generated from data/plan.yaml, and the parts of each name;
- `exclude`:    what the index leaves out (repeated text, UI labels), marked in the page HTML;
- `worker`:     the build-time patch of Material's search worker (guarded: the build fails if it no longer applies);
- `index`:      the search index rewritten after the build: name parts added, written as UTF-8;
- `hooks`:      the MkDocs events that tie these together (named in mkdocs.yml via scripts/mkdocs_search_hooks.py).

Everything but `hooks` is plain Python without MkDocs, so the tests call it directly.
"""
