"""Chinese search for the site: Material's built-in search, fitted to this document.

- `dictionary`:  the jieba user dictionary, generated from data/plan.yaml, and the parts of each name;
- `exclude`:     what the index leaves out (repeated text, UI labels), marked in the page HTML;
- `searchindex`: Material's index rewritten after the build (name parts, UTF-8).

Plain Python without MkDocs, so the tests call it directly; site/search.py runs it inside a build, and
site/material/ patches Material's search worker and main script.
"""
