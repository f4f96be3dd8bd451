"""The navigation of a large plan. No MkDocs import: hooks.py applies this to the theme config.

Material writes the whole navigation into every page, and ours lists every task. For the real
plan (10 tasks) that is 8.5 kB per page; for a plan 50 times its size it was 172 kB on each of
2,206 pages, 86% of the site's HTML, and the build grew faster than the data (benchmarks/bench.py).
Above PRUNE_ABOVE tasks, Material's navigation.prune keeps only the current section's items in
each page; the other sections link to their first page. The real plan keeps the full navigation.
"""
from __future__ import annotations

from .model import Plan

PRUNE_ABOVE = 20  # tasks; twice the real plan
PRUNE = "navigation.prune"


def theme_features(plan: Plan, features: list[str] | None) -> list[str]:
    features = list(features or [])
    tasks = sum(len(c.tasks) for c in plan.chapters)
    if tasks > PRUNE_ABOVE and PRUNE not in features:
        features.append(PRUNE)
    return features
