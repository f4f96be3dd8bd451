"""The editors' guide's part on contributions (editors.md.j2 includes _guide_*.j2 with this context):
the record form's fields with their help (pages/formfields.py), the links into the forms when the site
knows its repository, every task, measure and department id with its name (from the data), and two
real examples made by the contribution code from made-up data (pages/examples/, written by
`build_pages.py guide-examples`): a pull request's review summary and the reply to a refused form.
No MkDocs here."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import markdown
from markupsafe import Markup

from plansite.model import Plan
from plansite.pages import contribute, formfields
from plansite.plan import terms

EXAMPLES = Path(__file__).resolve().parent / "examples"


@dataclass(frozen=True, kw_only=True)
class FieldHelp:
    label: str
    required: bool
    description: str


@dataclass(frozen=True, kw_only=True)
class IdRow:
    id: str
    name: str
    note: str = ""  # a measure's task, a department's kind


@dataclass(frozen=True, kw_only=True)
class IdTable:
    anchor: str
    caption: str
    note_heading: str
    rows: tuple[IdRow, ...]


@dataclass(frozen=True, kw_only=True)
class ContributeGuide:
    record_form_href: str  # the blank record form; "" when the site does not know its repository
    correction_href: str
    fields: tuple[FieldHelp, ...]
    ids: tuple[IdTable, ...]
    review_html: Markup  # the example review summary, as GitHub would show it
    reply_html: Markup  # the example reply to a refused form
    accept_label: str
    record_label: str


def github_markdown(text: str) -> Markup:
    """An example written for GitHub, shown inside the guide: its headings become bold lines (the guide's
    own headings keep their order), GitHub's caution box a marked paragraph."""
    text = text.replace("> [!CAUTION]\n> ", "> ⚠️ ")
    html = markdown.markdown(text, extensions=["fenced_code"], output_format="html")
    html = re.sub(r"<h([1-6])>(.*?)</h\1>", r'<p class="pl-github-heading pl-github-h\1"><strong>\2</strong></p>', html)
    return Markup(html)  # made by our own code from made-up data, every value in it escaped (review.md, reply.md)


def id_tables(plan: Plan) -> tuple[IdTable, ...]:
    tasks = [t for c in plan.chapters for t in c.tasks]
    kinds = {"action": "提升行动", "project": "重点工程"}
    out = []
    if tasks:
        out.append(IdTable(anchor="ids-tasks", caption="任务", note_heading="类别",
                           rows=tuple(IdRow(id=t.id, name=f"{t.number}{t.label}", note=kinds[t.kind]) for t in tasks)))
        out.append(IdTable(anchor="ids-measures", caption="措施", note_heading="所属任务",
                           rows=tuple(IdRow(id=m.id, name=m.label, note=t.label) for t in tasks for m in t.measures)))
    out.append(IdTable(anchor="ids-departments", caption=plan.words.department, note_heading="类别",
                       rows=tuple(IdRow(id=d.id, name=d.name, note=terms.kind_heading(plan, d.kind)) for d in plan.departments)))
    return tuple(out)


def context(plan: Plan, repository: contribute.Repository | None) -> ContributeGuide:
    def example(name: str) -> Markup:
        return github_markdown((EXAMPLES / name).read_text(encoding="utf-8"))

    return ContributeGuide(
        record_form_href=repository.new_issue(contribute.RECORD_FORM, {}) if repository else "",
        correction_href=repository.new_issue(contribute.CORRECTION_FORM, {}) if repository else "",
        fields=tuple(FieldHelp(label=f.label, required=f.required, description=f.description) for f in formfields.RECORD_FIELDS),
        ids=id_tables(plan), review_html=example("review.md"), reply_html=example("reply.md"),
        accept_label=formfields.ACCEPT_LABEL, record_label=formfields.RECORD_LABEL)
