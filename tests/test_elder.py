"""长辈模式 (elder-friendly mode) in the system Chromium: the switch, memory across pages, no flash,
text size, line height, contrast, and no sideways scrolling on a 360 px phone."""
from __future__ import annotations

import pytest

from conftest import open_context

pytestmark = pytest.mark.browser

PAGES = ["", "text/", "actions/elderly/", "departments/kexie/", "departments/", "matrix/", "targets/", "progress/",
         "groups/", "groups/elderly/", "about/"]

# Every element with its own visible text, outside the charts (an SVG chart is an image: its text
# alternative, and the same figures as page text, are checked elsewhere).
SMALL_TEXT = """() => {
    const out = [];
    for (const el of document.querySelectorAll('header *, nav *, article *, footer *')) {
        if (el.closest('svg') || el.closest('.md-search') || el.closest('[hidden]')) continue;
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
        if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || cs.display === 'none') continue;
        if (el.closest('.md-skip, .md-visually-hidden, .md-sidebar[hidden], .md-nav__title')) continue;
        const size = parseFloat(cs.fontSize);
        if (size < 18) out.push(`${el.tagName.toLowerCase()}.${el.className} ${size}px “${el.textContent.trim().slice(0, 20)}”`);
    }
    return out;
}"""


def elder_page(browser, site_url, width=360, scheme="light", on=True):
    context, log = open_context(browser, site_url, width=width, height=800, color_scheme=scheme)
    if on:
        context.add_init_script("localStorage.setItem('plansite.elder', '1')")
    return context, log, context.new_page()


def is_elder(page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('pl-elder')")


def test_switch_is_visible_and_remembered_across_pages(phone, site_url):
    phone.goto(site_url)
    switch = phone.locator("[data-pl-elder-toggle]")
    assert switch.is_visible() and switch.inner_text() == "长辈模式"
    assert switch.get_attribute("aria-pressed") == "false" and not is_elder(phone)
    box = switch.bounding_box()
    assert box["x"] + box["width"] <= 360 and box["height"] >= 24
    switch.click()  # the first time, the mode's stylesheet is fetched before the switch flips
    phone.wait_for_function("document.documentElement.classList.contains('pl-elder')", timeout=5000)
    assert switch.get_attribute("aria-pressed") == "true"
    assert phone.locator("link[data-pl-elder-css]").count() == 1
    phone.goto(site_url + "targets/")
    assert is_elder(phone)
    assert phone.locator("link[data-pl-elder-css]").count() == 1  # written into <head> before the body
    assert phone.locator("[data-pl-elder-toggle]").get_attribute("aria-pressed") == "true"
    phone.locator("[data-pl-elder-toggle]").click()
    phone.goto(site_url + "text/")
    assert not is_elder(phone)


def test_mode_is_on_before_the_page_body_exists(browser, site_url):
    """No flash of small print: the class is on <html> when <body> is first inserted."""
    context, log, page = elder_page(browser, site_url)
    context.add_init_script("""
        new MutationObserver((records, observer) => {
            if (document.body) {
                window.__elderAtBody = document.documentElement.classList.contains('pl-elder');
                observer.disconnect();
            }
        }).observe(document, {childList: true, subtree: true});
    """)
    page.goto(site_url + "groups/farmers/")
    assert page.evaluate("window.__elderAtBody") is True
    context.close()
    assert log.foreign() == []


@pytest.mark.parametrize("width", [360, 1280])
def test_text_is_large_with_generous_line_height(browser, site_url, width):
    context, log, page = elder_page(browser, site_url, width=width)
    small = {}
    for path in PAGES:
        page.goto(site_url + path)
        assert is_elder(page)
        found = page.evaluate(SMALL_TEXT)
        if found:
            small[path] = found[:5]
        body = page.evaluate("""() => {
            const p = document.querySelector('article p:not(.pl-docline)'), cs = getComputedStyle(p);
            return {size: parseFloat(cs.fontSize), line: parseFloat(cs.lineHeight)};
        }""")
        assert body["size"] >= 18 and body["line"] >= 1.5 * body["size"], (path, body)
    context.close()
    assert log.foreign() == []
    assert small == {}, f"text under 18 px in 长辈模式 at {width} px: {small}"


def test_normal_mode_is_smaller_so_the_switch_really_enlarges(browser, site_url):
    sizes = {}
    for on in (False, True):
        context, _, page = elder_page(browser, site_url, width=1280, on=on)
        page.goto(site_url + "targets/")
        sizes[on] = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
        context.close()
    assert sizes[True] >= 18 > sizes[False]


@pytest.mark.parametrize("scheme, fg, bg", [("light", "rgb(0, 0, 0)", "rgb(255, 255, 255)"),
                                            ("dark", "rgb(255, 255, 255)", "rgb(0, 0, 0)")])
def test_contrast_is_raised_to_black_and_white(browser, site_url, scheme, fg, bg):
    context, _, page = elder_page(browser, site_url, width=1280, scheme=scheme)
    page.goto(site_url + "groups/elderly/")
    colours = page.evaluate("""() => ({
        fg: getComputedStyle(document.querySelector('article .pl-measure p')).color,
        bg: getComputedStyle(document.body).backgroundColor})""")
    context.close()
    assert colours == {"fg": fg, "bg": bg}


@pytest.mark.parametrize("on", [True, False], ids=["elder", "normal"])
def test_no_sideways_scrolling_on_a_360px_phone(browser, site_url, on):
    context, log, page = elder_page(browser, site_url, width=360, on=on)
    wide = {}
    for path in PAGES:
        page.goto(site_url + path)
        assert is_elder(page) == on
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > 360:
            wide[path] = width
    context.close()
    assert log.foreign() == []
    assert wide == {}, f"pages wider than a 360 px phone: {wide}"


# How many characters of a header topic are inside its box (the rest are clipped by the ellipsis).
VISIBLE_CHARS = """(index) => {
    const span = document.querySelectorAll('.md-header__topic > .md-ellipsis')[index];
    const box = span.getBoundingClientRect(), text = span.firstChild, range = document.createRange();
    let shown = '';
    for (let i = 0; i < text.length; i++) {
        range.setStart(text, i); range.setEnd(text, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width && r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5) shown += text.data[i];
    }
    return shown.trim();
}"""


@pytest.mark.parametrize("width", [360, 375])
def test_header_title_stays_readable_on_a_phone(browser, site_url, width):
    """The large switch once left the header title one character and an ellipsis ("武..")."""
    context, log, page = elder_page(browser, site_url, width=width)
    page.goto(site_url + "departments/kexie/")
    site_name, page_title = page.evaluate(VISIBLE_CHARS, 0), page.evaluate(VISIBLE_CHARS, 1)
    switch = page.locator("[data-pl-elder-toggle]")
    name = page.get_by_role("button", name="长辈模式")
    assert name.count() == 1 and switch.get_attribute("aria-pressed") == "true"
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-header__title')).fontSize)")
    context.close()
    assert log.foreign() == []
    assert page_title == "区科协"
    assert len(site_name) >= 8 and "武隆区全民科学素质行动实施方案".startswith(site_name), site_name
    assert size >= 18
