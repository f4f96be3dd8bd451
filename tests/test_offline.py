"""The offline copy (downloads/offline.zip): unzipped into a folder and opened from file:// in Chromium,
as an official on a laptop without a connection would: navigation, search and 长辈模式 work."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.browser import arrive, open_context, visit
from support.sitehtml import attr, parse, resolve, select_one

FOLDER = "offline-site"


@pytest.fixture(scope="module")
def offline_zip(site_dir) -> Path:
    path = site_dir / "downloads" / "offline.zip"
    assert path.is_file(), "the build made no offline copy"
    return path


@pytest.fixture(scope="module")
def offline_dir(offline_zip, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("laptop")
    with zipfile.ZipFile(offline_zip) as zf:
        zf.extractall(out)
    return out / FOLDER


def test_the_zip_is_the_site_in_one_folder_with_fixed_dates_in_order(offline_zip, site_dir):
    with zipfile.ZipFile(offline_zip) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(FOLDER + "/") for n in names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    pages = {n[len(FOLDER) + 1:] for n in names if n.endswith(".html")}
    assert len(pages) == len(list(site_dir.rglob("*.html")))  # every page, as a file: departments/kexie.html
    assert {"index.html", "departments/index.html", "departments/kexie.html", "matrix.html", "about.html"} <= pages
    assert not any(n.endswith(".map") for n in names) and f"{FOLDER}/search/search_index.js" in names
    assert f"{FOLDER}/downloads/offline.zip" not in names


def test_every_link_and_resource_of_the_copy_is_a_file_in_it(offline_dir):
    missing = []
    for page in sorted(offline_dir.rglob("*.html")):
        parsed = parse(page)
        assert not [r for r in parsed.resources if r.startswith(("http:", "https:", "//"))], page  # nothing fetched from a host
        for href in parsed.links + parsed.resources:
            if href.startswith(("http:", "https:", "mailto:", "#")):  # links to cited sources stay links
                continue
            if href.startswith("/"):  # from file://, the disk's root: nothing of the copy is there
                missing.append(f"{page.relative_to(offline_dir)}: {href}")
            target, _ = resolve(offline_dir, page, href)
            if target is not None and not target.is_file():
                missing.append(f"{page.relative_to(offline_dir)}: {href}")
    assert missing == []


def test_the_about_page_links_the_copy_with_its_size(site_dir, offline_zip):
    about = BeautifulSoup((site_dir / "about" / "index.html").read_text(encoding="utf-8"), "lxml")
    link = select_one(about, "#offline ~ p a[download]")
    assert link["href"] == "../downloads/offline.zip" and attr(link, "download").endswith(".zip")
    assert link.parent is not None
    assert f"{offline_zip.stat().st_size / 1_000_000:.1f} MB" in link.parent.get_text()
    assert FOLDER in link.parent.get_text()


@pytest.mark.browser
def test_opened_from_a_folder_navigation_search_and_elder_mode_work(offline_dir, browser, plan):
    home = offline_dir.joinpath("index.html").as_uri()
    context, log = open_context(browser, home)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    visit(page, offline_dir.joinpath("404.html").as_uri())  # its links lead into the copy
    page.locator("article a").first.click()
    arrive(page, home)
    # navigation: the sidebar to the departments index, then a department's page
    page.locator(".md-nav a", has_text="各部门职责").first.click()
    arrive(page, "**/departments/index.html")
    kexie = next(d for d in plan.departments if d.id == "kexie")
    page.locator("article a", has_text=kexie.name).first.click()
    arrive(page, "**/departments/kexie.html")
    assert page.locator("h1").first.inner_text().startswith(kexie.name)
    # search: a department's name lists its page; the result opens it
    zuzhi = next(d for d in plan.departments if d.id == "zuzhibu")
    search = page.locator(".md-search__input")
    search.click()
    search.fill(zuzhi.name)
    search.press("End")  # Material reacts to keyup
    first = page.locator(".md-search-result__item a.md-search-result__link").first
    first.wait_for(timeout=15000)
    assert first.get_attribute("href").split("#")[0].split("?")[0].endswith("departments/zuzhibu.html")
    first.click()
    arrive(page, "**/departments/zuzhibu.html*")
    # 长辈模式: on, larger text, and still on on the next page
    size = page.eval_on_selector("article p", "p => parseFloat(getComputedStyle(p).fontSize)")
    page.locator("[data-pl-elder-toggle]").click()
    page.wait_for_function("document.documentElement.classList.contains('pl-elder')", timeout=5000)
    page.wait_for_function(f"parseFloat(getComputedStyle(document.querySelector('article p')).fontSize) > {size}")
    visit(page, offline_dir.joinpath("targets.html").as_uri())
    assert page.evaluate("document.documentElement.classList.contains('pl-elder')")
    context.close()
    assert errors == []
    assert [u for u in log.urls if not u.startswith(("file:", "data:", "about:", "blob:"))] == []
