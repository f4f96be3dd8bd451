"""What one build carries from one MkDocs event to the next: one object, made in the plugin's first
on_config and read by every later event. Nothing else is shared between events (no module globals)."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from plansite.data.problems import PlanError
from plansite.data.project import ProjectData
from plansite.generate import Output
from plansite.pages.contribute import NO_FORMS, FileLines, FormLinks
from plansite.pages.freshness import Freshness


@dataclass(frozen=True)
class Patched:
    """A theme file we ship patched (site/material/), under `shipped` (a name with our content's hash)."""
    original: str
    shipped: str
    content: str


@dataclass(frozen=True)
class SearchSetup:
    """What search needs after on_config: the parts of each dictionary word."""
    parts_by_word: dict[str, list[str]]


@dataclass
class BuildState:
    root: Path  # the project: the folder of mkdocs.yml
    command: str  # "build" or "serve" ("serve" shows a data mistake in the preview instead of stopping)
    today: datetime.date  # the build date, read once (plan/timeline.build_date)
    offline: bool  # this build is the offline copy (Material's offline plugin is on)
    data: ProjectData | None = None  # None while the data has a mistake
    mistake: PlanError | None = None  # the mistake `mkdocs serve` shows instead of the site
    output: Output | None = None  # every generated page and download
    preview: dict[str, str] = field(default_factory=dict)  # while serving a mistake: the pages that show it
    freshness: dict[str, Freshness] = field(default_factory=dict)  # page → when its data last changed (git)
    search: SearchSetup | None = None  # None without valid data: search then leaves Material's files alone
    patched: list[Patched] = field(default_factory=list)  # Material's files we ship patched
    forms: FormLinks = NO_FORMS  # links into the repository's issue forms (mkdocs.yml repo_url)
    data_lines: dict[str, tuple[FileLines, ...]] = field(default_factory=dict)  # page → the data lines it is made from

    @property
    def ok(self) -> bool:
        return self.data is not None and self.mistake is None
