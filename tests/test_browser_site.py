"""The site in the system Chromium: it renders, links lead where they should, its scripts start after the first
paint. (That no page requests another host is checked in test_csp.py.)"""
from __future__ import annotations

import pytest

from support.browser import arrive, visit

pytestmark = pytest.mark.browser


def h1(page) -> str:
    """The page heading without the '¶' permalink the toc extension appends."""
    return page.locator("h1").evaluate(
        "el => [...el.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def test_home_shows_the_document_title(page, site_url, plan):
    visit(page, site_url)
    assert h1(page) == plan.document.plan_title
    assert plan.document.number in page.locator(".pl-hero").inner_text()


def test_links_reach_an_action_and_a_department(page, site_url):
    visit(page, site_url)
    page.get_by_role("link", name="实施青少年科学素质提升行动").first.click()
    arrive(page, "**/actions/youth/")
    assert h1(page) == "实施青少年科学素质提升行动"
    page.locator(".pl-roles").get_by_role("link", name="区科协").first.click()
    arrive(page, "**/departments/kexie/")
    assert h1(page) == "区科协"


# Material's bundle publishes its page observable as window.document$ when it runs: note then whether
# the browser had painted the page yet; and when the page's scripts had all run.
WHEN_THE_SCRIPTS_RUN = """Object.defineProperty(window, "document$", {configurable: true, set(value) {
    window.__paintedFirst = performance.getEntriesByType("paint").length > 0;
    Object.defineProperty(window, "document$", {value, writable: true, configurable: true});
}});
new MutationObserver((_, o) => { window.__ranAt = performance.now(); o.disconnect(); })
    .observe(document, {subtree: true, attributeFilter: ["data-pl-scripts"]});"""
BROWSERS = {  # how the browser reports the first paint (a script run before the page's own)
    "reports paints": "",
    "cannot report paints": 'Object.defineProperty(PerformanceObserver, "supportedEntryTypes", {get: () => []});',
    "background tab": 'PerformanceObserver.prototype.observe = () => {};'
                      'Object.defineProperty(Document.prototype, "visibilityState", {get: () => "hidden"});',
    "paint goes unreported": 'PerformanceObserver.prototype.observe = () => {};',
}
# whether the paint is waited for; when the scripts have run, in ms after the page was parsed (from, to)
STARTS = {"reports paints": (True, 0, 1500), "cannot report paints": (False, 0, 1500),
          "background tab": (False, 0, 1500), "paint goes unreported": (False, 2900, 10_000)}


@pytest.mark.parametrize("browser_kind", list(BROWSERS))
def test_scripts_start_after_the_first_paint_and_set_the_page_up(page, site_url, browser_kind):
    """Reading never waits for Material's script and ours: they start once the page is painted; without a
    paint to wait for (a browser that cannot report it, a tab opened in the background) once it is parsed;
    and if a paint goes unreported, 3 s after that. Each way they set the page up (header, matrix tools)."""
    page.add_init_script(WHEN_THE_SCRIPTS_RUN + BROWSERS[browser_kind])
    visit(page, site_url + "matrix/")
    waited_for_paint, earliest, latest = STARTS[browser_kind]
    if waited_for_paint:
        assert page.evaluate("window.__paintedFirst") is True
    after_parse = page.evaluate("window.__ranAt - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert earliest <= after_parse < latest, after_parse
    assert page.locator("[data-pl-matrix-tools]").get_attribute("data-pl-ready") == ""
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    page.wait_for_selector(".md-header__title--active")  # Material's header shows the page title


HEADER_STATE = """() => ({
    colours: ["scheme", "primary", "accent"].map(a => document.body.getAttribute("data-md-color-" + a)),
    colourScheme: document.querySelector("meta[name=color-scheme]").content,
    buttons: [...document.querySelectorAll(".md-header__button")].filter(b => b.getClientRects().length)
        .map(b => b.getAttribute("for") || b.getAttribute("aria-label")),
    titleWidth: Math.round(document.querySelector(".md-header__title").getBoundingClientRect().width),
})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_before_its_scripts_run_a_page_is_drawn_as_it_stays(browser, site_url, scheme):
    """The scripts start after the first paint: what is painted first (the colours the reader's system asks
    for, the header's buttons, the room left for the title) is what the scripts leave, on a phone."""
    from support.browser import open_context

    states = []
    for scripts in (False, True):
        context, _ = open_context(browser, site_url, width=360, height=740, color_scheme=scheme)
        if not scripts:
            context.route("**/*.js", lambda route: route.abort())
        page = context.new_page()
        if scripts:
            visit(page, site_url + "departments/kexie/")
        else:
            visit(page, site_url + "departments/kexie/", wait_until="commit")
            page.wait_for_function("() => document.documentElement.dataset.plScripts === 'ran'")  # tried, and failed
            assert page.evaluate("typeof window.document$") == "undefined"  # Material's bundle never ran
        states.append(page.evaluate(HEADER_STATE))
        context.close()
    assert states[0]["colours"][0] == {"light": "default", "dark": "slate"}[scheme]
    assert states[0] == states[1]




def test_tables_of_the_notes_and_the_editors_guide_fit_a_360px_phone(phone, site_url):
    """Long field names (document.attachment_title) break after a dot or underscore, so every column,
    必填 included, is on screen without scrolling the table sideways."""
    for path in ("editors/", "about/"):
        visit(phone, site_url + path)
        widths = phone.evaluate("[...document.querySelectorAll('.pl-table-wrap')].map(w => w.scrollWidth - w.clientWidth)")
        # 1 px for rounding: a table a fraction of a pixel too wide scrolls by nothing a reader sees
        assert widths and all(extra <= 1 for extra in widths), (path, widths)
    # and no name is cut inside: a path takes at most one line per dot- or underscore-separated part
    visit(phone, site_url + "editors/")
    cut = phone.evaluate("""[...document.querySelectorAll('.pl-table-wrap td:first-child code')]
        .map(c => [c.textContent, c.getClientRects().length, c.textContent.split(/[._]/).length])
        .filter(([, lines, parts]) => lines > parts)""")
    assert cut == [], cut[:5]


def test_the_annex_gives_names_room_on_a_desktop(page, site_url, plan):
    """At 1280 px the long lists of departments responsible once left the other columns one to four
    characters a line: now a category reads on one line, and a task's name or its lead departments in at
    most four (counted as the distinct tops of the cell's line boxes)."""
    visit(page, site_url + "text/")
    cells = page.evaluate("""() => [...document.querySelectorAll('table.pl-annex tbody tr')].map(tr =>
        [...tr.cells].slice(0, 3).map(td => {
            const range = document.createRange();
            range.selectNodeContents(td);
            return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
        }))""")
    assert len(cells) == len(plan.annex)
    categories = [row[0] for row in cells if row[0]]  # the cell is printed once, atop its category's rows
    assert categories and all(lines == 1 for lines in categories), cells
    assert all(1 <= lines <= 4 for row in cells for lines in row[1:]), cells


def test_the_annex_reads_task_by_task_on_a_phone(phone, site_url, plan):
    """Four columns on a 360 px phone left two characters a line: each task's name and each list of
    departments now takes the table's whole width, after its column's name. For a screen reader it is still
    the table with its header row (Chromium's accessibility tree)."""
    visit(phone, site_url + "text/")
    rows = phone.evaluate("""() => {
        const table = document.querySelector('table.pl-annex'), width = table.getBoundingClientRect().width;
        return [...table.querySelectorAll('tbody tr')].map(tr => [...tr.cells].filter(td => td.textContent.trim()).map(td =>
            [td.getBoundingClientRect().width / width, getComputedStyle(td, '::before').content]));
    }""")
    assert len(rows) == len(plan.annex)
    terms = plan.words
    for cells in rows:
        assert all(share > 0.95 for share, _ in cells), cells
        assert [label for _, label in cells[-2:]] == [f'"{terms.lead}："', f'"{terms.responsible}："']
    tree = phone.context.new_cdp_session(phone).send("Accessibility.getFullAXTree")["nodes"]
    roles = [(n.get("role", {}).get("value"), n.get("name", {}).get("value")) for n in tree if not n.get("ignored")]
    assert ("columnheader", terms.responsible) in roles and ("table", "附件　" + plan.document.attachment_title) in roles
    assert sum(role == "cell" for role, _ in roles) >= 3 * len(plan.annex)
