"""Chinese search for the site: Material's built-in search, fitted to this document.

- `dictionary`:  the jieba user dictionary, generated from data/plan.yaml, and the parts of each name;
- `searchindex`: Material's index rewritten after the build (name parts, UTF-8).

What the index leaves out (repeated text, interface labels) is marked where it is written, in the page
templates, with Material's own `data-search-exclude="yes"` (ARCHITECTURE.md, Search).

Plain Python without MkDocs, so the tests call it directly; site/search.py runs it inside a build, and
site/material/ patches Material's search worker and main script.
"""
