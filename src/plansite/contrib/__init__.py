"""Contributions without YAML: GitHub issue forms in, a pull request out, and a review that reads like the site.

  forms.py   the issue forms (.github/ISSUE_TEMPLATE/), written from the data: `build_pages.py forms`
  intake.py  a submitted record form → one record appended to data/progress.yaml: `build_pages.py intake EVENT.json`
  dates.py   dates as people type them (2023年5月17日, 2023-5-17, ２０２３年５月)
  review.py  what a change of the data changes on the site, in Chinese Markdown: `build_pages.py review BASE [HEAD]`

Beside the MkDocs plugin (plansite.site) under the command line: it uses the data, the pages' shared
names for the forms (plansite.pages.contribute) and the generator, never MkDocs.
"""
