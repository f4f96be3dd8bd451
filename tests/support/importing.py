"""Helpers for the importer's tests: run an import in memory, resolve its review markers as an editor
would, and compare a draft with the curated data/plan.yaml field by field (ids and editorial fields aside)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from plansite.data.plan import parse_plan
from plansite.importer import cli
from plansite.importer.verify import resolve
from plansite.model import Plan
from plansite.plan import document
from support.paths import PLAN, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "import"
CURATED = parse_plan(PLAN.read_text(encoding="utf-8"))


def run(path: Path) -> cli.Result:
    return cli.import_file(path, "data/plan.draft.yaml")


def accepted(result: cli.Result) -> Plan:
    """The draft as an editor leaves it after accepting every 待核 (it must then pass the check)."""
    return parse_plan(resolve(result.text), "data/plan.draft.yaml")


def paragraphs(plan: Plan) -> list[str]:
    """Every printed block of the document, in order (notice, titles, headings, paragraphs, annex title)."""
    return [b.printed for b in document.blocks(plan)]


def departments(plan: Plan) -> set[frozenset[str]]:
    return {frozenset((d.name, *d.variants)) for d in plan.departments}


def annex_rows(plan: Plan) -> list[tuple[str | None, tuple[str, ...], tuple[str, ...]]]:
    """Each row: its printed title (if it differs), lead and responsible as printed, in order."""
    names = {d.id: d.name for d in plan.departments}
    printed = lambda refs: tuple(r.printed or names[r.id] for r in refs)  # noqa: E731
    return [(r.printed_title, printed(r.lead), printed(r.responsible)) for r in plan.annex]


def notice(plan: Plan) -> dict:
    d = plan.document
    return {"letterhead": d.letterhead, "number": d.number, "notice_title": d.notice_title, "addressees": d.addressees,
            "notice": d.notice, "signatory": d.signatory, "date": d.date, "disclosure": d.disclosure,
            "plan_title": d.plan_title, "period": (d.period.start, d.period.end),
            "based_on": [(r.title, r.number) for r in d.based_on], "attachment_title": d.attachment_title}


def structure(plan: Plan) -> list:
    """Headings, measure and item titles, task kinds and target groups, item periods: ids aside."""
    out: list = []
    for c in plan.chapters:
        out.append((c.number, c.title))
        for s in c.sections:
            out.append((s.number, s.title, [(i.number, i.title, i.period) for i in s.items]))
        for t in c.tasks:
            out.append((t.kind, t.number, t.title, t.target_group, [m.title for m in t.measures]))
    return out


@dataclass
class Match:
    total: int
    same: int
    missing: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.same / self.total if self.total else 1.0


def paragraph_match(draft: Plan, curated: Plan = CURATED) -> Match:
    """How many of the curated plan's printed blocks the draft has word for word, in order (a diff)."""
    import difflib

    ours, theirs = paragraphs(draft), paragraphs(curated)
    matcher = difflib.SequenceMatcher(a=theirs, b=ours, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    kept = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    return Match(len(theirs), same, [theirs[i] for i in range(len(theirs)) if i not in kept])
