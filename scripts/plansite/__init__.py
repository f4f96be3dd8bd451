"""plansite: data/plan.yaml → validated model → Markdown pages → MkDocs.

load.py (read + validate) · model.py (the data's shape) · document.py (reading order) ·
index.py (who does what) · pages.py / render.py (page contexts and templates) · output.py (every page and
download) · hooks.py (MkDocs)
"""
