"""Pages that show implementation records take their data date from data/progress.yaml too."""
from __future__ import annotations

from plansite import routes
from plansite.pages import freshness as history
from plansite.pages.freshness import Freshness


def test_the_later_of_the_two_files_and_uncommitted_if_either_is():
    pages = {"actions/youth.md": Freshness("2024-01-01", False), "text.md": Freshness("2024-01-01", False),
             routes.PROGRESS: Freshness("2023-05-05", False)}
    out = history.with_file(pages, Freshness("2025-06-01", False), ["actions/youth.md", routes.PROGRESS])
    assert out["actions/youth.md"] == Freshness("2025-06-01", False) and out[routes.PROGRESS].date == "2025-06-01"
    assert out["text.md"] == Freshness("2024-01-01", False)  # the full text shows no record
    assert history.with_file(pages, Freshness("2020-01-01", True), ["text.md"])["text.md"] == Freshness("2024-01-01", True)
    assert history.with_file(pages, None, ["text.md"]) == pages


def test_which_pages_show_records():
    assert all(routes.shows_progress(s) for s in (routes.PROGRESS, routes.HOME, routes.TARGETS, routes.MATRIX,
                                                   "actions/youth.md", "projects/x.md", "departments/kexie.md", "matrix/a-1.md"))
    assert not any(routes.shows_progress(s) for s in (routes.FULL_TEXT, routes.ABOUT, routes.DEPARTMENTS, routes.GROUPS,
                                                       "groups/elderly.md", "editors.md"))


def test_progress_file_freshness_from_git(tmp_path):
    from support.paths import ROOT

    assert history.file_freshness(tmp_path, "data/progress.yaml") is None  # not a repository
    fresh = history.file_freshness(ROOT, "data/progress.yaml")  # the project is a git checkout
    assert fresh is not None and (fresh.date or fresh.uncommitted)
