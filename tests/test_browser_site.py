"""The site in the system Chromium: it renders, links lead where they should, nothing leaves the origin."""
from __future__ import annotations

import pytest

from sitehtml import html_pages, url_path

pytestmark = pytest.mark.browser


def h1(page) -> str:
    """The page heading without the '¶' permalink the toc extension appends."""
    return page.locator("h1").evaluate(
        "el => [...el.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()")


def test_home_shows_the_document_title(page, site_url, plan):
    page.goto(site_url)
    assert h1(page) == plan.document.plan_title
    assert plan.document.number in page.locator(".pl-hero").inner_text()


def test_links_reach_an_action_and_a_department(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="实施青少年科学素质提升行动").first.click()
    page.wait_for_url("**/actions/youth/")
    assert h1(page) == "实施青少年科学素质提升行动"
    page.locator(".pl-roles").get_by_role("link", name="区科协").first.click()
    page.wait_for_url("**/departments/kexie/")
    assert h1(page) == "区科协"


def test_phone_home_fits_360px(phone, site_url):
    phone.goto(site_url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_tables_of_the_notes_and_the_editors_guide_fit_a_360px_phone(phone, site_url):
    """Long field names (document.attachment_title) break after a dot or underscore, so every column,
    必填 included, is on screen without scrolling the table sideways."""
    for path in ("editors/", "about/"):
        phone.goto(site_url + path)
        widths = phone.evaluate("[...document.querySelectorAll('.pl-table-wrap')].map(w => w.scrollWidth - w.clientWidth)")
        # 1 px for rounding: a table a fraction of a pixel too wide scrolls by nothing a reader sees
        assert widths and all(extra <= 1 for extra in widths), (path, widths)
    # and no name is cut inside: a path takes at most one line per dot- or underscore-separated part
    phone.goto(site_url + "editors/")
    cut = phone.evaluate("""[...document.querySelectorAll('.pl-table-wrap td:first-child code')]
        .map(c => [c.textContent, c.getClientRects().length, c.textContent.split(/[._]/).length])
        .filter(([, lines, parts]) => lines > parts)""")
    assert cut == [], cut[:5]


def test_no_page_requests_another_host(browser, site_url, site_dir):
    from conftest import open_context

    context, log = open_context(browser, site_url)
    tabs = [context.new_page() for _ in range(8)]
    urls = [site_url.rstrip("/") + url_path(site_dir, html) for html in html_pages(site_dir)]
    # Eight tabs at a time, each left until the network has been idle for half a second (a late
    # request would be seen): the idle waits overlap instead of adding up page after page.
    for start in range(0, len(urls), len(tabs)):
        batch = list(zip(tabs, urls[start:start + len(tabs)], strict=False))
        for tab, url in batch:
            tab.goto(url, wait_until="commit")
        for tab, _ in batch:
            tab.wait_for_load_state("networkidle")
    context.close()
    assert len(log.urls) > len(html_pages(site_dir))  # the log really saw the traffic
    assert log.foreign() == []
