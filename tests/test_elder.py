"""长辈模式 (elder-friendly mode) in the system Chromium: the switch, memory across pages, no flash,
text size, line height, contrast, and no sideways scrolling on a 360 px phone."""
from __future__ import annotations

import pytest

from support.browser import open_context, visit

pytestmark = pytest.mark.browser

PAGES = ["", "text/", "actions/elderly/", "departments/kexie/", "departments/", "matrix/", "targets/", "progress/",
         "groups/", "groups/elderly/", "about/"]
# The one sweep for sideways scrolling takes these too: every kind of page the site has.
EVERY_KIND = [*PAGES, "projects/grassroots/", "departments/tongzhanbu/", "editors/", "404.html"]

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
    visit(phone, site_url)
    switch = phone.locator("[data-pl-elder-toggle]")
    assert switch.is_visible() and switch.inner_text() == "长辈模式"
    assert switch.get_attribute("aria-pressed") == "false" and not is_elder(phone)
    box = switch.bounding_box()
    assert box["x"] + box["width"] <= 360 and box["height"] >= 24
    switch.click()  # the first time, the mode's stylesheet is fetched before the switch flips
    phone.wait_for_function("() => document.documentElement.classList.contains('pl-elder')", timeout=5000)
    assert switch.get_attribute("aria-pressed") == "true"
    assert phone.locator("link[data-pl-elder-css]").count() == 1
    visit(phone, site_url + "targets/")
    assert is_elder(phone)
    assert phone.locator("link[data-pl-elder-css]").count() == 1  # written into <head> before the body
    assert phone.locator("[data-pl-elder-toggle]").get_attribute("aria-pressed") == "true"
    phone.locator("[data-pl-elder-toggle]").click()
    visit(phone, site_url + "text/")
    assert not is_elder(phone)


def test_mode_is_on_before_the_page_body_exists(browser, site_url):
    """No flash of small print: the class is on <html> when <body> is first inserted."""
    context, _, page = elder_page(browser, site_url)
    context.add_init_script("""
        new MutationObserver((records, observer) => {
            if (document.body) {
                window.__elderAtBody = document.documentElement.classList.contains('pl-elder');
                observer.disconnect();
            }
        }).observe(document, {childList: true, subtree: true});
    """)
    visit(page, site_url + "groups/farmers/")
    assert page.evaluate("window.__elderAtBody") is True
    context.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_text_is_large_with_generous_line_height(browser, site_url, width):
    context, _, page = elder_page(browser, site_url, width=width)
    small = {}
    for path in PAGES:
        visit(page, site_url + path)
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
    assert small == {}, f"text under 18 px in 长辈模式 at {width} px: {small}"


def test_normal_mode_is_smaller_so_the_switch_really_enlarges(browser, site_url):
    sizes = {}
    for on in (False, True):
        context, _, page = elder_page(browser, site_url, width=1280, on=on)
        visit(page, site_url + "targets/")
        sizes[on] = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
        context.close()
    assert sizes[True] >= 18 > sizes[False]


@pytest.mark.parametrize("scheme, fg, bg", [("light", "rgb(0, 0, 0)", "rgb(255, 255, 255)"),
                                            ("dark", "rgb(255, 255, 255)", "rgb(0, 0, 0)")])
def test_contrast_is_raised_to_black_and_white(browser, site_url, scheme, fg, bg):
    context, _, page = elder_page(browser, site_url, width=1280, scheme=scheme)
    visit(page, site_url + "groups/elderly/")
    colours = page.evaluate("""() => ({
        fg: getComputedStyle(document.querySelector('article .pl-measure p')).color,
        bg: getComputedStyle(document.body).backgroundColor})""")
    context.close()
    assert colours == {"fg": fg, "bg": bg}


@pytest.mark.parametrize("on", [True, False], ids=["elder", "normal"])
def test_no_sideways_scrolling_on_a_360px_phone(browser, site_url, on):
    """The site's one sweep for sideways scrolling: every kind of page, and the search dialog with results,
    on a 360 px phone, in 长辈模式 and without (wide tables scroll inside their own box, never the page)."""
    from support.searchworker import SearchBox

    context, _, page = elder_page(browser, site_url, width=360, on=on)
    wide = {}
    for path in EVERY_KIND:
        visit(page, site_url + path)
        assert is_elder(page) == on
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > 360:
            wide[path] = width
    visit(page, site_url)
    assert SearchBox(page, site_url).pages("区委组织部（区委直属机关工委）")  # the dialog open, with results
    # Material's dialog grows from a circle scaled far past the screen (clipped, by design), so the page's
    # scroll width says nothing here: the results must fit, and the page must not move sideways.
    right = page.evaluate("""() => { scrollTo(1000, scrollY);
        return Math.max(scrollX, document.querySelector('.md-search__output').getBoundingClientRect().right); }""")
    if right > 360:
        wide["search"] = right
    context.close()
    assert wide == {}, f"pages wider than a 360 px phone: {wide}"


def test_a_figures_source_reads_across_the_table_on_a_phone(browser, site_url):
    """目标与进度 lists each published figure with its source. In 长辈模式 on a 360 px phone the source
    must read across the table, not in a column a few characters wide."""
    context, _, page = elder_page(browser, site_url, width=360, on=True)
    visit(page, site_url + "targets/")
    shares = page.evaluate("""() => [...document.querySelectorAll('table .pl-record-source')].map(s =>
        s.getBoundingClientRect().width / s.closest('table').getBoundingClientRect().width)""")
    context.close()
    assert shares and min(shares) > 0.8, shares


# What a reader sees of a header topic (0: the site name, 1: the page title), from element boxes and
# CSS values only. A character's own box is not used: its height is the font's (Noto Sans CJK's is taller
# than the 1.2 line height), so it would say "clipped" for text a reader sees whole.
HEADER_TOPIC = """(index) => {
    const span = document.querySelectorAll('.md-header__topic > .md-ellipsis')[index];
    const r = span.getBoundingClientRect(), cs = getComputedStyle(span);
    const size = parseFloat(cs.fontSize), line = parseFloat(cs.lineHeight);
    const others = [...document.querySelectorAll('.md-header__button, .md-header__option, .md-search')]
        .map(b => b.getBoundingClientRect()).filter(b => b.width && b.height)
        .filter(b => b.left < r.right - 1 && b.right > r.left + 1 && b.top < r.bottom - 1 && b.bottom > r.top + 1);
    return {
        text: span.textContent.trim(), size, line,
        shown: span.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        inViewport: r.left >= 0 && r.right <= innerWidth && r.top >= 0,
        // text cut off by the ellipsis or the two-line clamp overflows the box by a character or a line
        wholeWidth: span.scrollWidth <= span.clientWidth + size / 2,
        wholeHeight: span.scrollHeight <= span.clientHeight + line / 2,
        // characters the box holds: CJK characters are one em wide in every CJK font
        capacity: Math.round(span.clientHeight / line) * Math.floor((span.clientWidth + 0.5) / size),
        covered: others.length,
    };
}"""


@pytest.mark.parametrize("width", [360, 375])
def test_header_title_stays_readable_on_a_phone(browser, site_url, width):
    """The large switch once left the header's site name one character and an ellipsis ("武..")."""
    context, _, page = elder_page(browser, site_url, width=width)
    visit(page, site_url + "departments/kexie/")
    switch = page.locator("[data-pl-elder-toggle]")
    assert page.get_by_role("button", name="长辈模式").count() == 1 and switch.get_attribute("aria-pressed") == "true"
    site_name = page.evaluate(HEADER_TOPIC, 0)
    # scrolled past the page's heading, Material's header shows the page title instead
    page.evaluate("scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function("""() => { const t = document.querySelectorAll('.md-header__topic')[1];
        return document.querySelector('.md-header__title--active') && getComputedStyle(t).opacity === '1'; }""")
    page_title = page.evaluate(HEADER_TOPIC, 1)
    context.close()

    assert site_name["shown"] and site_name["inViewport"] and site_name["covered"] == 0, site_name
    assert site_name["text"] == "武隆区全民科学素质行动实施方案"
    assert site_name["size"] >= 18
    # its start shows whole-character wide, on up to two lines: at least 8 characters and the ellipsis
    assert site_name["wholeWidth"] and site_name["capacity"] >= 9, site_name

    assert page_title["shown"] and page_title["inViewport"] and page_title["covered"] == 0, page_title
    assert page_title["text"] == "区科协" and page_title["size"] >= 18
    assert page_title["wholeWidth"] and page_title["wholeHeight"], page_title
