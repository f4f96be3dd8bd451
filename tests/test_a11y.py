"""Accessibility in the system Chromium: axe-core over every page type, in light, dark and 长辈模式
(elder-friendly) modes, at a phone and a desktop width, the search dialog open under each page kind's stylesheet,
and the matrix's lead-only switch pressed;
keyboard use and the skip link. (<html lang="zh-CN"> is checked in test_site_build.py.)

axe-core comes from the axe-playwright-python wheel (pinned in requirements.txt), which ships
axe.min.js; it is injected from that local file, so nothing is fetched at test time.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from support.browser import open_context, visit

pytestmark = pytest.mark.browser

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
WIDTHS = (375, 1280)
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


@pytest.mark.alone  # one sweep per width, each a minute of Chromium: any free worker takes it
@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violations(browser, site_url, width):
    """Each page is opened once and checked in all four modes, switched in the header as a reader does;
    the next page opens in the mode the last one was left in (the switches are remembered), so pages are
    also checked as they first draw in each mode."""
    context, log = axe_context(browser, site_url, width)
    page = context.new_page()
    found = {}
    checked, opened = set(), set()
    searched = set()  # the stylesheets the search dialog has been checked under
    for number, (name, path) in enumerate(PAGES.items()):
        switches = ROUNDS[number % 2]
        response = visit(page, site_url + path)
        assert response is not None and response.status == 200, path
        page.locator("main").wait_for(state="attached")
        settle(page)
        modes = [mode_of(page)]
        opened.add(modes[0])
        for switch in (*switches, None):
            if violations := axe(page):
                found[f"{name} ({modes[-1]})"] = violations
            if switch:
                modes.append(flip(page, switch))
        assert sorted(modes) == sorted(MODES), (name, modes)
        checked |= {(name, mode) for mode in modes}
        # Then the header with the search dialog open over it, in each mode. Opening the dialog changes
        # nothing else on the page, and the dialog is the same markup on every page: only the page's
        # stylesheets (one of ours per page kind, assets.py) can change how it looks, so it is checked
        # once under each set of stylesheets.
        sheets = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href).sort().join(' ')")
        if sheets not in searched:
            searched.add(sheets)
            open_search(page)
            mode = mode_of(page)
            for switch in (*switches, None):
                assert page.locator("#__search").is_checked()  # the dialog is still open
                if violations := axe(page, ".md-header"):
                    found[f"{name} search open ({mode})"] = violations
                if switch:
                    mode = flip(page, switch)
                    # the reader is still typing in the box; the switch's click took away its focus ring
                    page.locator(".md-search__input").press("End")
                    settle(page)
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
    assert checked == {(name, mode) for name in PAGES for mode in MODES}
    assert opened == set(MODES)  # and pages were opened in each mode, not only switched into it
    assert len(searched) > 1  # page kinds have stylesheets of their own: the dialog was checked under each
    assert found == {}, f"axe violations ({width} px):\n" + report(found)


def report(found: dict[str, list[dict]]) -> str:
    """One line per page and rule, with the first offending elements: readable in a CI log."""
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"- {where}: {v['id']} ({v['impact']}) {v['help']}")
            lines += [f"    {n}" for n in v["nodes"][:3]]
    return "\n".join(lines)


def test_axe_does_find_a_violation(browser, site_url):
    """The harness is live: a page with an unlabelled image and low-contrast text fails."""
    context, _ = open_context(browser, site_url, bypass_csp=True)
    page = context.new_page()
    visit(page, site_url)
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = '看不清的字';
        p.style.color = '#eee';
        document.querySelector('article').append(p);
        document.querySelector('.md-search').removeAttribute('aria-label');
    }""")
    ids = {v["id"] for v in axe(page)}
    context.close()
    assert {"color-contrast", "aria-dialog-name"} <= ids


# ── keyboard ──────────────────────────────────────────────────────────────────
def focused(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, r = el.getBoundingClientRect();
        return {cls: el.className || '', tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                inArticle: !!el.closest('article'), visible: r.width > 0 && r.height > 0 &&
                r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth};
    }""")


@pytest.mark.parametrize("path", ["", "targets/", "groups/farmers/"])
def test_skip_link_is_first_visible_on_focus_and_skips_to_the_content(page, site_url, path):
    visit(page, site_url + path)
    page.keyboard.press("Tab")
    first = focused(page)
    assert "md-skip" in first["cls"] and first["text"] == "跳到正文"
    assert first["visible"], "the skip link must show itself when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = focused(page)
    assert after["inArticle"], f"after the skip link, Tab should land in the page content, not on {after}"


def test_keyboard_alone_reaches_and_works_the_elder_switch(page, site_url):
    visit(page, site_url)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-pl-elder-toggle]')"):
            break
    else:
        pytest.fail("Tab never reached the 长辈模式 switch")
    assert focused(page)["visible"]
    page.keyboard.press("Enter")
    # the mode's stylesheet is fetched the first time it is turned on; the switch flips once it has arrived
    page.wait_for_function("() => document.documentElement.classList.contains('pl-elder')", timeout=5000)
    assert page.locator("[data-pl-elder-toggle]").get_attribute("aria-pressed") == "true"
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)") >= 18
    page.keyboard.press("Space")
    assert not page.evaluate("document.documentElement.classList.contains('pl-elder')")
    assert page.locator("[data-pl-elder-toggle]").get_attribute("aria-pressed") == "false"


def test_keyboard_reaches_every_group_entry_from_home(page, site_url, plan):
    visit(page, site_url)
    reached = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement.closest('.pl-iam-list') ? document.activeElement.getAttribute('href') : null")
        if href:
            reached.add(href)
    assert reached == {f"groups/{a.id}/" for a in plan.audiences}


def test_header_override_is_materials_header_plus_marked_blocks_only():
    """overrides/partials/header.html forks Material's partial for two small additions. If a Material
    upgrade changes the original, this fails, so the fork is redone instead of silently going stale."""
    import re

    import material

    from support.paths import ROOT

    def body(text: str) -> str:
        text = re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)  # the leading comment
        return re.sub(r"[ \t]*\{#- plansite begin #\}.*?\{#- plansite end #\}\n", "", text, flags=re.S)

    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    assert ours.count("plansite begin") == 4
    assert body(ours) == body(theirs)
