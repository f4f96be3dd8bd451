"""`mkdocs serve` with a data mistake: show the check's messages in the browser and keep serving.

MkDocs 1.6 stops `mkdocs serve` when the FIRST build fails, and on a failed REBUILD keeps the old
pages with "The server will appear stuck until build errors are resolved" (plus, for any other
exception, a traceback). An editor watching the browser would see nothing wrong. So while serving,
a data mistake builds a small site instead: every page the last good build had (or just the home
page) shows the problems; livereload refreshes the browser; fixing the file rebuilds the real site.
`mkdocs build` still stops (site/build.py read raises), leaving the previous site untouched.
"""
from __future__ import annotations

import logging
import sys
from typing import Iterable

from plansite import routes
from plansite.data.problems import PlanError
from plansite.pages.render import environment, md_escape

# Not under the "mkdocs" logger: strict mode counts every warning and error logged there and would
# abort this build, which is the one the editor must see. Formatted like MkDocs' own lines.
log = logging.getLogger("plansite.preview")
if not log.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(_handler)
    log.propagate = False
    log.setLevel(logging.INFO)

TITLE = "数据有误，网站没有更新"


def error_html(err: PlanError) -> str:
    return environment().get_template("preview-error.html.j2").render(
        problems=err.problems, summary=err.report().rsplit("\n\n", 1)[-1])


def error_pages(err: PlanError, known: Iterable[str]) -> dict[str, str]:
    """The same error page at every known page path, so whatever page the editor had open reloads into
    it; any other address gets it from overrides/404.html (config.extra.preview_error)."""
    page = f"---\npage_css: [editors]\n---\n\n# {md_escape(TITLE)}\n\n{error_html(err)}"
    return {src: page for src in sorted({routes.HOME, *(s for s in known if s.endswith(".md"))})}


def navigation() -> list:
    return [{TITLE: routes.HOME}]


def report(err: PlanError) -> None:
    files = "、".join(dict.fromkeys(p.file for p in err.problems)) or "数据"
    log.error(f"{files} 有误，预览页面改为显示下面的问题；改正并保存后会自动重新生成。\n\n" + err.report())
