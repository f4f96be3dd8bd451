"""Accessibility in the system Chromium: axe-core over every page type, in light, dark and 长辈模式
(elder-friendly) modes, at a desktop's width here and a phone's in test_a11y_phone.py (support/axe.py), the
search dialog open under each page kind's stylesheet, and the matrix's lead-only switch pressed; keyboard use
and the skip link. (<html lang="zh-CN"> is checked in test_site_build.py.)
"""
from __future__ import annotations

from pathlib import Path

import pytest

from support.axe import axe, sweep
from support.browser import open_context, visit

pytestmark = pytest.mark.browser


def test_axe_finds_no_violations_on_a_desktop(browser, site_url):
    sweep(browser, site_url, 1280)


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
