"""实施情况 in the system Chromium: the records page, a task page, a department page and the matrix,
with the real records, on a 360 px phone and at 1280 px, in normal mode and 长辈模式. The filters work
with JavaScript and the whole list is there without it. With $PLANSITE_SHOTS set to a folder, the pages
are also saved there as screenshots, to be looked at (a routine run takes none: nobody would see them)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.browser import open_context, visit

pytestmark = pytest.mark.browser

# A task, a department and the matrix that show records of data/progress.yaml (see test_progress_site.py).
PAGES = {"records": "progress/", "task": "projects/grassroots/#progress", "department": "departments/kexie/#records",
         "matrix": "matrix/"}


@pytest.fixture(scope="module")
def shots() -> Path | None:
    if not os.environ.get("PLANSITE_SHOTS"):
        return None
    out = Path(os.environ["PLANSITE_SHOTS"])
    out.mkdir(parents=True, exist_ok=True)
    return out


def new_page(browser, site_url, width, elder, **kw):
    context, log = open_context(browser, site_url, width=width, height=900, **kw)
    if elder:
        context.add_init_script("localStorage.setItem('plansite.elder', '1')")
    return context, log, context.new_page()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("width", [360, 1280])
def test_records_are_shown_readably(browser, site_url, shots, width, elder):
    context, log, page = new_page(browser, site_url, width, elder)
    for name, path in PAGES.items():
        visit(page, site_url + path)
        assert page.evaluate("document.documentElement.classList.contains('pl-elder')") == elder
        if name == "matrix":
            badge = page.locator("a.pl-record-count").first
            badge.scroll_into_view_if_needed()
            assert badge.is_visible() and int(badge.inner_text()) >= 1 and "实施记录" in badge.get_attribute("aria-label")
        else:
            record = page.locator("article.pl-record").first
            record.scroll_into_view_if_needed()
            assert record.is_visible()
            box = record.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, f"{name}: a record runs off the screen"
            # the source: a link to the page read, or a document number (a record may cite either)
            source = record.locator(".pl-record-source")
            assert source.is_visible() and source.inner_text().strip()
            links = source.locator("a")
            assert links.count() == 0 or links.first.get_attribute("href").startswith(("http://", "https://"))
        if shots:
            page.screenshot(path=str(shots / f"{name}-{width}{'-elder' if elder else ''}.png"))
    context.close()


def test_filters_narrow_the_list_and_read_the_address(browser, site_url):
    context, log, page = new_page(browser, site_url, 1280, False)
    visit(page, site_url + "progress/")
    form = page.locator("[data-pl-record-filters]")
    assert form.is_visible()
    records = page.locator("[data-pl-records] article.pl-record")
    total = records.count()
    assert total >= 2
    count = page.locator("[data-pl-record-count]")
    assert count.inner_text() == f"共 {total} 条"
    page.select_option("#pl-filter-department", "kexie")
    shown = [r for r in records.all() if r.is_visible()]
    assert 0 < len(shown) < total
    assert all("kexie" in r.get_attribute("data-departments").split() for r in shown)
    assert count.inner_text() == f"显示 {len(shown)} 条（共 {total} 条）"
    years = {r.get_attribute("data-year") for r in shown}
    hidden_years = [h for h in page.locator("[data-pl-year]").all() if h.get_attribute("data-pl-year") not in years]
    assert all(not h.is_visible() for h in hidden_years)  # no year heading over an empty year
    # a combination with no record says so
    page.select_option("#pl-filter-year", page.locator("#pl-filter-year option").last.get_attribute("value"))
    page.select_option("#pl-filter-task", page.locator("#pl-filter-task option").nth(1).get_attribute("value"))
    visible = sum(r.is_visible() for r in records.all())
    assert page.locator("[data-pl-record-empty]").is_visible() == (visible == 0)
    # the address presets a filter (the matrix could link this way)
    visit(page, site_url + "progress/?task=grassroots")
    assert page.locator("#pl-filter-task").input_value() == "grassroots"
    assert all("grassroots" in r.get_attribute("data-tasks").split() for r in records.all() if r.is_visible())
    context.close()


def test_without_javascript_every_record_is_listed(browser, site_url):
    context, log, page = new_page(browser, site_url, 360, False, java_script_enabled=False)
    page.goto(site_url + "progress/")
    assert not page.locator("[data-pl-record-filters]").is_visible()
    records = page.locator("[data-pl-records] article.pl-record")
    assert records.count() >= 2 and all(r.is_visible() for r in records.all())
    dates = [r.locator("time").first.get_attribute("datetime") for r in records.all()]
    assert dates == sorted(dates, reverse=True)  # newest first
    context.close()


def test_a_matrix_count_leads_to_that_duty_s_records(page, site_url):
    visit(page, site_url + "matrix/")
    badge = page.locator("a.pl-record-count").first
    href = badge.get_attribute("href")
    assert "#duty-" in href or href.endswith("#records")
    badge.click()
    page.wait_for_load_state()
    target = page.evaluate("location.hash").lstrip("#")
    anchored = page.locator(f"[id='{target}']")
    assert anchored.count() == 1 and anchored.is_visible()
    assert "实施记录" in anchored.inner_text()
