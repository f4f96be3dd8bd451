"""plansite: data/plan.yaml → checked model → pages and downloads → MkDocs.

The stages, each a sub-package (ARCHITECTURE.md has the whole map):
  data/       read and check the YAML files: every problem at once, with file:line (model.py is their shape)
  plan/       what the plan says, derived: reading order, who does what, the schedule, the records' lookups
  pages/      one context per page (builder.py) rendered through Jinja templates (render.py, templates/)
  downloads/  CSV, XLSX, JSON, the data package that describes the CSVs (datapackage.json) and the Atom feed
  search/     Chinese search: the jieba dictionary, what the index leaves out, the index rewritten
  generate.py every page and download of one build, from one `Inputs`
  site/       the MkDocs plugin: the only code that imports MkDocs or touches Material's files
  cli.py      the editors' and the build's command line (scripts/build_pages.py)
"""
