"""The site's navigation, and that of a large plan. No MkDocs import: site/build.py hands both to MkDocs.

Material writes the whole navigation into every page, and ours lists every task. For the real
plan (10 tasks) that is 8.5 kB per page; for a plan 50 times its size it was 172 kB on each of
2,206 pages, 86% of the site's HTML, and the build grew faster than the data (benchmarks/bench.py).
Above PRUNE_ABOVE tasks, Material's navigation.prune keeps only the current section's items in
each page; the other sections link to their first page. The real plan keeps the full navigation.
"""
from __future__ import annotations

import html

from plansite import routes
from plansite.model import Plan

PRUNE_ABOVE = 20  # tasks; twice the real plan
PRUNE = "navigation.prune"


def theme_features(plan: Plan, features: list[str] | None) -> list[str]:
    features = list(features or [])
    tasks = sum(len(c.tasks) for c in plan.chapters)
    if tasks > PRUNE_ABOVE and PRUNE not in features:
        features.append(PRUNE)
    return features


def navigation(plan: Plan) -> list:
    # MkDocs treats nav titles as HTML (a page title taken from an <h1> is HTML too) and the theme
    # prints them unescaped, so data goes in escaped; overrides/main.html escapes <title> again.
    tasks = [t for c in plan.chapters for t in c.tasks]
    return [
        {"首页": routes.HOME},
        {"原文": routes.FULL_TEXT},
        {"目标与进度": routes.TARGETS},
        {"实施情况": routes.PROGRESS},
        *([{"按人群查看": [{"全部人群": routes.GROUPS}, *({html.escape(a.label): routes.group_page(a)} for a in plan.audiences)]}]
          if plan.audiences else []),
        {"提升行动": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "action"]},
        {"重点工程": [{html.escape(t.label): routes.task_page(t)} for t in tasks if t.kind == "project"]},
        *([{f"各{plan.words.department}职责": routes.DEPARTMENTS}, {"分工总表": routes.MATRIX}] if plan.annex else []),
        {"编辑说明": routes.ABOUT},
    ]
