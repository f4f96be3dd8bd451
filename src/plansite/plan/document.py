"""The document in reading order: every printed paragraph once, each with a stable anchor.

The full-text page, the fidelity tests, the body-mention search and the checks all read the
plan through `blocks()`, so the text is reconstructed in exactly one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal

from plansite.model import Chapter, Item, Measure, Plan, Section, Task

Role = Literal["front", "title", "heading", "paragraph"]


@dataclass(frozen=True)
class Block:
    anchor: str  # stable id on the full-text page; never derived from the wording
    role: Role
    level: int  # heading depth: 1 chapter (一、), 2 section/task (（一）), 3 numbered item; 0 otherwise
    text: str  # the printed text, minus `lead`
    lead: str = ""  # a measure's or item's opening phrase, printed with its full stop
    owner: str = ""  # id of the chapter/section/task/measure/item this block belongs to

    @property
    def printed(self) -> str:
        return self.lead + self.text


def heading(part: Chapter | Section | Task) -> str:
    """A heading exactly as printed: the number with its own punctuation (一、 （一）), then the title
    with its full stop if the document prints one. Nothing is added here."""
    return f"{part.number}{part.title}"


def front_matter(plan: Plan) -> Iterator[Block]:
    d = plan.document
    if d.letterhead:  # not every copy on the web carries a letterhead or a number
        yield Block("letterhead", "front", 0, d.letterhead)
    if d.number:
        yield Block("number", "front", 0, d.number)
    yield Block("notice-title", "title", 0, d.notice_title)
    yield Block("addressees", "front", 0, d.addressees)
    yield Block("notice", "paragraph", 0, d.notice)
    yield Block("signatory", "front", 0, d.signatory)
    yield Block("date", "front", 0, printed_date(plan))
    if d.disclosure:
        yield Block("disclosure", "front", 0, f"（{d.disclosure}）")
    yield Block("plan-title", "title", 0, d.plan_title)
    for n, text in enumerate(plan.preamble, 1):
        yield Block(f"preamble-{n}", "paragraph", 0, text, owner="preamble")


def printed_date(plan: Plan) -> str:
    date = plan.document.date
    return f"{date.year}年{date.month}月{date.day}日"


def _paragraphs(owner: str, paragraphs: tuple[str, ...]) -> Iterator[Block]:
    for n, text in enumerate(paragraphs, 1):
        yield Block(f"{owner}-{n}", "paragraph", 0, text, owner=owner)


def _clause(clause: Measure | Item) -> Iterator[Block]:
    """A measure or numbered item: its lead phrase opens the first paragraph; the rest follow."""
    # An item's number ("1.") and its title are two fields; the space between them is the one the source
    # prints after the number. A measure has no number: its lead is its title, full stop included.
    number = f"{clause.number} " if isinstance(clause, Item) else ""
    first, *rest = clause.paragraphs
    yield Block(clause.id, "paragraph", 0, first, lead=f"{number}{clause.title}", owner=clause.id)
    for n, text in enumerate(rest, 2):
        yield Block(f"{clause.id}-{n}", "paragraph", 0, text, owner=clause.id)


def task_blocks(task: Task) -> Iterator[Block]:
    yield Block(task.id, "heading", 2, heading(task), owner=task.id)
    yield Block(f"{task.id}-intro", "paragraph", 0, task.intro, owner=task.id)
    for measure in task.measures:
        yield from _clause(measure)


def task_paragraphs(plan: Plan) -> frozenset[str]:
    """Anchors of the full text's paragraphs that belong to an action or project (not its heading): its page
    shows them too."""
    return frozenset(b.anchor for c in plan.chapters for t in c.tasks for b in task_blocks(t) if b.role != "heading")


def _section(section: Section) -> Iterator[Block]:
    yield Block(section.id, "heading", 2, heading(section), owner=section.id)
    yield from _paragraphs(section.id, section.paragraphs)
    for item in section.items:
        yield from _clause(item)


def chapter_blocks(chapter: Chapter) -> Iterator[Block]:
    yield Block(chapter.id, "heading", 1, heading(chapter), owner=chapter.id)
    yield from _paragraphs(chapter.id, chapter.paragraphs)
    for section in chapter.sections:
        yield from _section(section)
    for task in chapter.tasks:
        yield from task_blocks(task)


def attachment_blocks(plan: Plan) -> Iterator[Block]:
    title = plan.document.attachment_title
    if title is None:  # a plan without an attachment ends with its last chapter
        return
    yield Block("attachment-ref", "paragraph", 0, f"附件：{title}")
    yield Block("annex-label", "front", 0, "附件")
    yield Block("annex", "title", 0, title)


def blocks(plan: Plan) -> list[Block]:
    """Every printed paragraph of the notice and plan, in order, ending at the annex's title."""
    out = list(front_matter(plan))
    for chapter in plan.chapters:
        out.extend(chapter_blocks(chapter))
    out.extend(attachment_blocks(plan))
    return out


def body_blocks(plan: Plan) -> list[Block]:
    """The plan's own prose (preamble to the last chapter): where quotes and department mentions live."""
    out = [b for b in front_matter(plan) if b.owner == "preamble"]
    for chapter in plan.chapters:
        out.extend(chapter_blocks(chapter))
    return out
