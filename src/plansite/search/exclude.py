"""What the search index leaves out, so that repeated text does not drown the results.

Each sentence of the document is indexed once, where a reader should land:
- a measure's text (and its action's or project's introduction) on its action/project page;
- everything else (background, goals, organisation, schedule, the notice) on the full-text page.
The full-text page still shows every paragraph; in the index it keeps its headings and the text no
other page holds. Department pages quote paragraphs that name the department; those quotes are left out
too (a department page is found by its name, not by the document's sentences).

Interface labels that repeat on every page are left out as well: they only add noise and bytes. So are
the lists of other departments on each department page (who else leads or takes part in a task): they
repeat the annex, which the action/project pages and the full text already index, and they were more
than half of the index.

The rules mark elements with Material's own `data-search-exclude` attribute before the search plugin
reads the page (on_page_content comes before its on_page_context). The plugin then strips the attribute
from the page it writes.
"""
from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from plansite import routes
from plansite.model import Plan
from plansite.plan import document

ATTRIBUTE = ' data-search-exclude="plansite"'

# Interface elements repeated across pages, by class (see the templates).
CLASSES = {
    "pl-docline": "the document line under every page title",
    "pl-para-link": "the ¶ link before every paragraph of the full text",
    "pl-source": "“在原文中查看” under every measure",
    "pl-back": "the links back to the department list",
    "pl-mention": "department pages quoting paragraphs of the full text",
    "pl-empty-state": "尚未收录实施记录, under every measure and duty without a record",
    "pl-duty-progress": "a duty's count of records (the records themselves are indexed on the 实施情况 page)",
    "pl-progress-summary": "how many of a task's measures have records",
    "pl-plan-status": "the plan's status, on the home and 实施情况 pages",
    "pl-coverage": "the 实施情况 page's table of tasks (each task is found on its own page)",
    "pl-progress-measure-title": "a measure's title again, over its records (the measure is indexed above)",
    "pl-record-links": "a record's measures, tasks and departments: their names are indexed on their own pages",
    "pl-add-record": "补充实施记录, in every 实施情况 section",
}
# On department pages only (task pages keep their lists of lead and responsible departments).
DEPARTMENT_CLASSES = {"pl-roles": "the other departments of each task"}

# Per page, by tag: the tables of the about page quote the document (department variants; fragments of
# extracted text before and after repair). Its headings and explanations stay searchable.
TAGS = {routes.ABOUT: {"table"}}

class ExcludeError(Exception):
    pass


def owned_by_tasks(plan: Plan) -> set[str]:
    """Anchors of the full-text paragraphs that belong to an action or project (not its heading)."""
    return {b.anchor for c in plan.chapters for t in c.tasks for b in document.task_blocks(t) if b.role != "heading"}


class _StartTags(HTMLParser):
    """Where each start tag of the page is, with its attributes, as an HTML parser reads them (quoted
    either way or not at all; never inside a comment, a script or a style)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tags: list[tuple[tuple[int, int], str, dict[str, str], str]] = []  # (line, column), tag, attributes, text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.getpos(), tag, {k: v or "" for k, v in attrs}, self.get_starttag_text() or ""))

    handle_startendtag = handle_starttag


def mark(html: str, *, classes=(), ids=(), tags=()) -> tuple[str, Counter]:
    """Add data-search-exclude to every start tag with one of `classes`, `ids` or `tags`; every other
    character of the page stays as it was. Returns the new HTML and what was marked (class/id/tag → count)."""
    classes, ids, tags = set(classes), set(ids), set(tags)
    marked: Counter = Counter()
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    line_starts = [0]  # the parser counts lines at "\n" only
    for text_line in html.split("\n"):
        line_starts.append(line_starts[-1] + len(text_line) + 1)
    out, done = [], 0
    for (line, column), tag, values, text in parser.tags:
        if "data-search-exclude" in values:
            continue
        hits = [f"class:{c}" for c in values.get("class", "").split() if c in classes]
        if values.get("id") in ids:
            hits.append(f"id:{values['id']}")
        if tag in tags:
            hits.append(f"tag:{tag}")
        if not hits:
            continue
        marked.update(hits)
        end = line_starts[line - 1] + column + len(text)  # just after the tag's '>'
        at = end - (2 if text.endswith("/>") else 1)
        out += [html[done:at], ATTRIBUTE]
        done = at
    out.append(html[done:])
    return "".join(out), marked


def is_department_page(src: str) -> bool:
    return src.startswith(routes.DEPARTMENTS.rsplit("/", 1)[0] + "/") and src != routes.DEPARTMENTS


def exclude(html: str, src: str, task_anchors: set[str]) -> str:
    """The page's HTML with everything the index should leave out marked. The full text must still have
    every task paragraph where this expects it; if a template changed that, fail instead of indexing
    every measure twice."""
    ids = task_anchors if src == routes.FULL_TEXT else set()
    classes = {**CLASSES, **(DEPARTMENT_CLASSES if is_department_page(src) else {})}
    html, marked = mark(html, classes=classes, ids=ids, tags=TAGS.get(src, ()))
    missing = sorted(a for a in ids if not marked[f"id:{a}"])
    if missing:
        raise ExcludeError(f"{src}: paragraphs not found by their anchors (id=…), so their text would be "
                           f"indexed twice: {', '.join(missing[:5])}{' …' if len(missing) > 5 else ''}")
    return html
