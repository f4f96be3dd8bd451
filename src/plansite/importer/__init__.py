"""The importer: a published plan (text, web page, Word, PDF) → a draft data/plan.yaml and a report.

Layers, each in its own module, so a fix for one format stays in that format's reader:

  read_text / read_html / read_docx / read_pdf   a file → Source (intermediate.py): paragraphs in order,
                                                 the annex table, and what the reader repaired
  structure                                      Source → Draft (the plan as ordered YAML data, with
                                                 review markers 待核 / 待填); knows no file format
  writer                                         Draft → YAML text in data/plan.yaml's own layout
  report                                         what was found, repaired and left for review, in Chinese
  cli                                            `build_pages.py import SOURCE [--out FILE] [--force]`

From the rest of plansite only plansite.data.plan (parse_plan, in verify.py) and plansite.data.problems are used.
"""
