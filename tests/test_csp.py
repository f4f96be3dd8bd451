"""The Content Security Policy (plansite/site/csp.py): every page carries one and holds nothing the policy
would block (read as HTML), Chromium reports no violation while the site is used — a page of every kind at
a desktop's and a phone's width, search, the filters, 长辈模式 — and an inline script injected into a page
is blocked. The same pass checks that no page requests anything from another host.

Pages of one kind are drawn by one template and run the same scripts; what their data adds is markup, which
the HTML pass reads on every page. So Chromium opens one page of each kind, and a test fails when the
site gains a kind this list lacks."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from support.browser import open_context, visit
from support.searchworker import SearchBox
from support.sitehtml import html_pages, parse, url_path

# One page of each kind (a kind: the first folder of the address, and whether the page is that folder's own).
PAGES = ["", "text/", "targets/", "progress/", "actions/youth/", "projects/grassroots/", "groups/", "groups/elderly/",
         "departments/", "departments/kexie/", "matrix/", "about/", "editors/", "404.html"]
TABS = 7  # two rounds

# Collects violations from before the first script of the page runs.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""


def policy(page_html: str) -> str:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page_html)
    assert len(found) == 1
    return found[0]


class Blocked(HTMLParser):
    """What the policy blocks in a page's markup: event-handler and style attributes (no 'unsafe-inline'),
    and javascript: addresses."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on") or name == "style" or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}>")


def blocked(text: str) -> list[str]:
    parser = Blocked()
    parser.feed(text)
    parser.close()
    return parser.found


def test_blocked_markup_is_seen():
    assert blocked('<p style="color:red" onclick="x()"><a href=" JavaScript:x()">a</a><b>ok</b></p>') == [
        "<p style>", "<p onclick>", "<a href>"]


def kind(path: str) -> tuple[str, bool]:
    """departments/kexie/ → ("departments", False); departments/ → ("departments", True)."""
    parts = path.strip("/").split("/")
    return parts[0], len(parts) == 1


def test_every_page_has_a_policy_without_unsafe_inline_and_nothing_it_blocks(site_dir):
    hashes = set()
    for page in [*html_pages(site_dir), site_dir / "404.html"]:
        text = page.read_text(encoding="utf-8")
        rules = dict(r.split(" ", 1) for r in policy(text).split("; "))
        assert rules["default-src"] == "'self'" and rules["connect-src"] == "'self'", page
        assert "unsafe" not in policy(text), page
        assert text.index("Content-Security-Policy") < text.index("<script"), page  # covers every script
        hashes |= set(re.findall(r"'sha256-[^']+'", rules["script-src"]))
        assert blocked(text) == [], page
        assert [r for r in parse(page).resources if r.startswith(("http:", "https:", "//"))] == [], page
    # The same few template scripts (Material's three, with a base path per folder depth, and 长辈模式),
    # not one per page: nothing made from data is allowed to run.
    assert 4 <= len(hashes) <= 12


def test_chromium_opens_a_page_of_every_kind(site_dir):
    every_page = [url_path(site_dir, html).lstrip("/") for html in html_pages(site_dir)] + ["404.html"]
    assert set(PAGES) <= set(every_page)
    assert {kind(p) for p in every_page} == {kind(p) for p in PAGES}


def test_the_policy_never_allows_a_script_in_the_article():
    from plansite.site import csp

    page = ('<html><head><meta charset="utf-8"><script>ok()</script></head>'
            '<body><article><script>evil()</script></article></body></html>')
    allowed = csp.policy(page, content="<article><script>evil()</script></article>")
    assert allowed.count("sha256-") == 1 and csp.policy(page).count("sha256-") == 2


def test_the_policy_hashes_what_the_browser_runs():
    """Scripts and styles are read by an HTML parser: a script whose text holds '<style>' or a quoted
    '</p>' is one script; a data block (JSON), a script with src= and a commented-out script run nothing."""
    from plansite.site import csp

    page = ("<meta charset=\"utf-8\"><script type='module'>a('<style>x{}</style>')</script>"
            "<script type=application/json>{}</script><script src=x.js></script><!-- <script>no()</script> -->"
            "<style>p{}</style>")
    assert csp.inline_scripts(page) == ["a('<style>x{}</style>')"]
    assert csp.policy(page).count("sha256-") == 2  # that script and the one real style


def use(page, path: str) -> None:
    """What a reader does on the pages that have more than links: the charts, the filters, the sorting."""
    if path == "targets/":  # the inline SVG charts are drawn
        box = page.locator("article svg").first.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 50
    if path == "departments/":
        page.get_by_label("查找部门").fill("局")
        page.locator("[data-pl-sort]").first.click()
    if path == "matrix/":
        page.get_by_label("查找部门").fill("区委")
        page.locator("[data-pl-lead-only]").click()


@pytest.mark.browser
def test_no_violation_and_no_other_host_while_the_site_is_used(browser, site_url):
    for width in (1280, 360):
        context, log = open_context(browser, site_url, width=width, height=800)
        context.add_init_script(LISTEN)
        tabs = [context.new_page() for _ in range(TABS)]
        seen = []
        # A few tabs at a time, loaded side by side and each left until the network has been quiet for
        # half a second (a late request would be seen): the waits overlap instead of adding up.
        for start in range(0, len(PAGES), TABS):
            batch = list(zip(tabs, PAGES[start:start + TABS], strict=False))
            for tab, path in batch:
                visit(tab, site_url + path, wait_until="commit")
            for tab, path in batch:
                tab.wait_for_load_state("networkidle")
                # In front, as the tab a reader uses: Chromium throttles the timers and animation frames
                # of tabs behind it, which made each click and keystroke there wait a second or two.
                tab.bring_to_front()
                use(tab, path)
                seen += [f"{path}: {v}" for v in tab.evaluate("window.__csp")]
        page = tabs[0]
        page.bring_to_front()
        page.locator("[data-pl-elder-toggle]").click()  # 长辈模式 on: its stylesheet loads
        page.wait_for_function("() => document.documentElement.classList.contains('pl-elder')")
        visit(page, site_url + "departments/kexie/")  # and is written into <head> on the next page
        assert page.evaluate("document.documentElement.classList.contains('pl-elder')")
        box = SearchBox(page, site_url)
        assert box.pages("区科协")[0] == "departments/kexie/"
        seen += [f"search: {v}" for v in page.evaluate("window.__csp")]
        context.close()
        assert len(log.urls) > len(PAGES)  # the log really saw the traffic
        assert log.foreign() == [], width
        assert seen == [], width


@pytest.mark.browser
def test_an_injected_inline_script_is_blocked(page, site_url):
    page.add_init_script(LISTEN)
    visit(page, site_url + "departments/kexie/")
    ran = page.evaluate("""() => {
        window.__injected = false;
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
        return window.__injected;
    }""")
    assert ran is False
    assert any(v.startswith("script-src") for v in page.evaluate("window.__csp"))
