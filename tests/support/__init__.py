"""What the tests share, as plain modules (tests import `from support.X import …`); conftest.py only
turns some of it into fixtures.

paths       the project's files the tests read (the plan, its source text, the invalid examples)
builds      real `mkdocs build --strict` runs, and sites built once per test run and shared by its workers
projectcopy throwaway copies of the project, to build from changed data
browser     the system Chromium through Playwright, a local server, and a page's first moment of use
sitehtml    the built site read as HTML;  sourcetext  the published text read on its own
plan_facts  this plan's figures, in one place;  searchqueries, searchworker  search, asked as readers ask
hostile     text fields filled with hostile payloads
"""
