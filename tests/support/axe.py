"""axe-core in the system Chromium: the accessibility sweep over every page kind in four modes, and its
pieces. axe-core comes from the axe-playwright-python wheel (pinned in requirements.txt), which ships
axe.min.js; it is injected from that local file, so nothing is fetched at test time.

test_a11y.py sweeps at a desktop's width, test_a11y_phone.py at a phone's, in two files so that the two
workers take one each.
"""
from __future__ import annotations

from importlib.resources import files

from support.browser import open_context, visit

AXE_JS = files("axe_playwright_python") / "axe.min.js"

# One page of every kind. Department pages, the departments index and the matrix are also being
# reworked elsewhere; this list is what the integrator re-runs after merging.
PAGES = {
    "home": "",
    "full text": "text/",
    "action": "actions/youth/",
    "project": "projects/tech-resources/",
    "department": "departments/kexie/",
    "departments index": "departments/",
    "matrix": "matrix/",
    "targets": "targets/",
    "records": "progress/",
    "groups index": "groups/",
    "group": "groups/elderly/",
    "about": "about/",
    "editors guide": "editors/",
}
MODES = {  # name: (dark colour scheme, 长辈模式 on)
    "light": (False, False),
    "dark": (True, False),
    "elder": (False, True),
    "elder-dark": (True, True),
}
# Switches whose pressed look is checked too, once pressed on that page (in every mode).
PRESSED = {"matrix": "[data-pl-lead-only]"}
SEARCH_QUERY = "老年人"
# The header's two switches. A page goes through all four modes by pressing one at a time, one switch
# first on a page and the other first on the next (so the pages open in every mode, see below).
SWITCHES = {"scheme": "[data-md-component=palette] label:not([hidden])", "elder": "[data-pl-elder-toggle]"}
ROUNDS = (("scheme", "elder", "scheme"), ("elder", "scheme", "elder"))


# axe is injected as an inline script, which the site's Content Security Policy rightly blocks: these
# contexts bypass the policy (test_csp.py checks the site under it). They also ask for reduced motion,
# which Material honours by dropping its transitions: axe judges the colours a page ends up with, and
# the page gets there at once instead of after each fade.
def axe_context(browser, site_url, width):
    context, log = open_context(browser, site_url, width=width, height=800, bypass_csp=True, reduced_motion="reduce")
    context.add_init_script(path=str(AXE_JS))  # in every page as it opens: cheaper than a script tag per page
    return context, log


def axe(page, within: str | None = None) -> list[dict]:
    """axe's violations on the page, or only within the elements `within` selects."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate("""async (within) => {
        const r = await axe.run(within ? {include: [[within]]} : document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n')[1])}));
    }""", within)


def open_search(page) -> None:
    """Open the dialog the way a reader does (the search button on a phone, the search box on a
    desktop), type, and wait for results."""
    button = page.locator("label.md-header__button[for='__search']")
    box = page.locator(".md-search__input")
    (button if button.is_visible() else box).click()
    box.wait_for(state="visible")
    box.fill(SEARCH_QUERY)
    page.keyboard.press("End")  # Material reads the query on keyup; fill() alone sends no key
    page.wait_for_function("""() => {
        const m = document.querySelector('.md-search-result__meta');
        return m && document.querySelectorAll('.md-search-result__item').length > 0;
    }""")
    settle(page)


def settle(page) -> None:
    """Let Material's fades finish: axe must judge the colours a reader ends up seeing."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")


def mode_of(page) -> str:
    """The mode the page is drawn in, as the reader's switches left it: the scheme on <body> and in the
    page's color-scheme (form controls and scroll bars follow it), and 长辈模式's class on <html>."""
    scheme, meta, elder = page.evaluate("""[document.body.dataset.mdColorScheme,
        document.querySelector('meta[name=color-scheme]').content,
        document.documentElement.classList.contains('pl-elder')]""")
    assert (scheme, meta) in (("default", "light"), ("slate", "dark")), (scheme, meta)
    return next(name for name, state in MODES.items() if state == (scheme == "slate", elder))


def flip(page, switch: str) -> str:
    """Press one of the header's switches and wait until the page has changed mode; the mode it is now in.
    The press is the button's own click, as a tap or Enter gives it, but from a script: the mouse pointer is
    not left over the button (which would show it hovered while axe judges its colours)."""
    before = mode_of(page)
    page.locator(SWITCHES[switch]).first.evaluate("button => button.click()")
    # 长辈模式's stylesheet is fetched the first time it is turned on: the class changes once it has arrived
    page.wait_for_function("""([scheme, elder]) => (document.body.dataset.mdColorScheme === 'slate') !== scheme
        || document.documentElement.classList.contains('pl-elder') !== elder""", arg=list(MODES[before]))
    # Two frames: Material moves the sidebars to fit the header's new height in the frame after it resized.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    settle(page)
    return mode_of(page)


def sweep(browser, site_url: str, width: int, every_mode: bool = True) -> None:
    """Each page is opened once and checked in all four modes, switched in the header as a reader does;
    the next page opens in the mode the last one was left in (the switches are remembered), so pages are
    also checked as they first draw in each mode.

    With `every_mode` off (the phone's sweep), each page is checked in two opposite modes (both switches
    pressed between them: light and elder-dark, or dark and elder), the pairs taking turns from page to
    page. Colours come from the mode's palette, which the desktop sweep checks on every page in every
    mode; what a phone's width changes is the layout, which each page then shows in both schemes and at
    both text sizes, and each mode on about half the page kinds. (An axe run is about a second of
    Chromium on a long page, most of it judging colours: the four modes at both widths were a third of
    the test run.)"""
    context, log = axe_context(browser, site_url, width)
    page = context.new_page()
    found = {}
    checked, opened = set(), set()
    searched: set[str] = set()  # the stylesheets the search dialog has been checked under
    searched_in: set[str] = set()  # and the modes
    for number, (name, path) in enumerate(PAGES.items()):
        switches = ROUNDS[number % 2]
        response = visit(page, site_url + path)
        assert response is not None and response.status == 200, path
        page.locator("main").wait_for(state="attached")
        settle(page)
        modes = [mode_of(page)]
        opened.add(modes[0])
        for switch in (*switches, None) if every_mode else ("scheme", "elder", None):
            if every_mode or switch != "elder":  # two modes: before the switches, and after both
                if violations := axe(page):
                    found[f"{name} ({modes[-1]})"] = violations
                checked.add((name, modes[-1]))
            if switch:
                modes.append(flip(page, switch))
        if every_mode:
            assert sorted(modes) == sorted(MODES), (name, modes)
        else:
            assert MODES[modes[0]] == tuple(not state for state in MODES[modes[-1]]), (name, modes)
            flip(page, "scheme")  # the next page opens in a mode of the other pair
        # Then the header with the search dialog open over it. Opening the dialog changes nothing else on
        # the page, and the dialog is the same markup on every page: only the page's stylesheets (one of
        # ours per page kind, assets.py) could change how it looks, and on screen none of the kinds' own
        # sheets styles it (a11y.css and elder.css, on every page, do). So it is checked in every mode on
        # the first page, and under each other set of stylesheets in the mode the page is in.
        sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href).sort().join(' ')")
        if sheets not in searched:
            open_search(page)
            mode = mode_of(page)
            for switch in (*switches, None) if not searched else (None,):
                assert page.locator("#__search").is_checked()  # the dialog is still open
                if violations := axe(page, ".md-header"):
                    found[f"{name} search open ({mode})"] = violations
                searched_in.add(mode)
                if switch:
                    mode = flip(page, switch)
                    # the reader is still typing in the box; the switch's click took away its focus ring
                    page.locator(".md-search__input").press("End")
                    settle(page)
            searched.add(sheets)
        if name in PRESSED:
            control = page.locator(PRESSED[name])
            page.keyboard.press("Escape")  # the search dialog, if it was opened above, closes
            control.evaluate("button => button.click()")
            assert control.get_attribute("aria-pressed") == "true"
            settle(page)
            mode = mode_of(page)
            for switch in (*switches, None):
                if violations := axe(page, PRESSED[name]):
                    found[f"{name} {PRESSED[name]} pressed ({mode})"] = violations
                if switch:
                    mode = flip(page, switch)
    context.close()
    if every_mode:
        assert checked == {(name, mode) for name in PAGES for mode in MODES}
        assert opened == set(MODES)  # and pages were opened in each mode, not only switched into it
    else:
        assert {name for name, _ in checked} == set(PAGES) and {mode for _, mode in checked} == set(MODES)
    assert len(searched) > 1  # page kinds have stylesheets of their own: the dialog was checked under each
    assert searched_in == set(MODES)
    assert found == {}, f"axe violations ({width} px):\n" + report(found)


def report(found: dict[str, list[dict]]) -> str:
    """One line per page and rule, with the first offending elements: readable in a CI log."""
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"- {where}: {v['id']} ({v['impact']}) {v['help']}")
            lines += [f"    {n}" for n in v["nodes"][:3]]
    return "\n".join(lines)
