"""Published under a sub-path with site_url set (as on a government portal: https://host/zt/kxsz/):
sitemap, canonical links, each page's own description and Open Graph card, robots.txt, absolute
downloads, and a 404 page whose links and assets all resolve at any depth. And without site_url."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup, SoupStrainer

from support.browser import open_context, visit
from support.builds import build, environment
from support.paths import ROOT
from support.sitehtml import attr, find, html_pages, url_path

SUB_PATH = "/zt/kxsz/"
ARTIFACTS = ROOT / "test-artifacts"


class PortalHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the parent folder, like a portal that hosts the site in a sub-folder; a missing path
    under the site gets the site's 404.html with status 404 (as GitHub Pages and nginx's error_page do)."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / SUB_PATH.strip("/") / "404.html"
        if code == 404 and self.path.startswith(SUB_PATH) and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@pytest.fixture(scope="module")
def portal(tmp_path_factory, epoch):
    """(site folder, public URL): built with SITE_URL under the sub-path, served from its parent."""
    root = tmp_path_factory.mktemp("portal")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(PortalHandler, directory=str(root)))
    public = f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    site = root / SUB_PATH.strip("/")
    env = environment(epoch, SITE_URL=public)  # the offline copy is tested on the session's site
    result = build(ROOT / "mkdocs.yml", site, env)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, public
    server.shutdown()


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def head(path: Path) -> BeautifulSoup:
    """Only the page's <head>, where crawlers and link previews read the metadata (a third of the time)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml", parse_only=SoupStrainer("head"))


def meta(page: BeautifulSoup, **attrs) -> str | None:
    tag = page.find("meta", attrs=attrs)
    return attr(tag, "content") if tag else None


def test_every_page_has_its_own_description_canonical_link_and_card(portal):
    site, public = portal
    pages = html_pages(site)
    assert len(pages) > 50
    descriptions: dict[str, str] = {}
    for path in pages:
        page = head(path)
        url = public.rstrip("/") + url_path(site, path)
        canonical = page.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == url, path
        description = meta(page, name="description")
        assert description and len(description) <= 120, (path, description)
        assert not description.endswith(("，…", "、…")), description  # cut sensibly
        assert meta(page, property="og:description") == description
        title = find(page, "title").string
        assert title is not None, path
        assert meta(page, property="og:title") == title.split(" - ")[0].strip()
        assert meta(page, property="og:url") == url
        assert meta(page, property="og:type") in ("website", "article")
        assert meta(page, property="og:site_name")
        descriptions[url] = description
    repeated = {d for d in descriptions.values() if list(descriptions.values()).count(d) > 1}
    assert repeated == set(), "pages sharing a description"


def test_descriptions_come_from_the_pages_content(portal, plan):
    site, _ = portal
    youth = next(t for c in plan.chapters for t in c.tasks if t.id == "youth")
    description = meta(soup(site / "actions" / "youth" / "index.html"), name="description")
    assert description is not None
    assert description.endswith("…") and youth.intro.startswith(description[:-1])  # the task's intro, cut
    kexie = meta(soup(site / "departments" / "kexie" / "index.html"), name="description")
    assert kexie is not None
    assert kexie.startswith("区科协") and "牵头" in kexie


def test_the_sitemap_lists_every_page_and_robots_txt_names_it(portal):
    site, public = portal
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    pages = {public.rstrip("/") + url_path(site, p) for p in html_pages(site)}
    assert len(listed) == len(set(listed)) and set(listed) == pages
    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {public}sitemap.xml" in robots and "User-agent: *" in robots


def test_the_feeds_self_link_is_its_public_address(portal):
    site, public = portal
    (self_link,) = ElementTree.parse(site / "feed.xml").getroot().findall("{http://www.w3.org/2005/Atom}link[@rel='self']")
    href = self_link.get("href")
    assert href is not None and href == public + "feed.xml"
    assert urlopen(href).read() == (site / "feed.xml").read_bytes()


def test_download_links_are_absolute_and_exist(portal):
    site, public = portal
    links = [attr(a, "href") for a in soup(site / "departments" / "kexie" / "index.html").select("a[download]")]
    assert links and all(href.startswith(public + "downloads/") for href in links)
    for href in links:
        assert (site / href[len(public):]).is_file(), href


def test_without_site_url_robots_txt_has_no_sitemap_and_pages_no_canonical(site_dir):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Sitemap" not in robots
    page = soup(site_dir / "departments" / "kexie" / "index.html")
    assert page.find("link", rel="canonical") is None and meta(page, property="og:url") is None
    assert meta(page, property="og:description") == meta(page, name="description")
    assert all(not attr(a, "href").startswith(("/", "http")) for a in page.select("a[download]"))  # works from any folder


@pytest.mark.browser
@pytest.mark.parametrize("address", ["some/missing/page/", "404.html", "deep/er/missing/x.html"])
def test_404_works_at_any_depth_under_the_sub_path(portal, address, browser):
    site, public = portal
    context, log = open_context(browser, public)
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != public + address else None)
    page.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    response = visit(page, public + address)
    page.wait_for_load_state("networkidle")
    assert response.status == (200 if address == "404.html" else 404)
    assert failed == [], "assets that did not load"
    assert page.locator("h1").inner_text() == "找不到这个页面"
    # Styled: Material's stylesheet gives the header its colour and the sidebar navigation is laid out.
    header_bg = page.eval_on_selector(".md-header", "e => getComputedStyle(e).backgroundColor")
    assert header_bg not in ("rgba(0, 0, 0, 0)", "transparent"), header_bg
    assert page.eval_on_selector("link[href*='main.'][rel=stylesheet]", "e => e.sheet.cssRules.length") > 100
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    ours = sorted({h.split("#")[0] for h in hrefs if urlparse(h).netloc == urlparse(public).netloc})
    assert len(ours) > 10
    for href in ours:  # every link on the page leads to a page of the site
        assert href.startswith(public), href
        assert context.request.get(href).status == 200, href
    context.close()


@pytest.mark.browser
def test_404_screenshots_under_the_sub_path(portal, browser):
    """Pictures to look at (not compared): the 404 page under the sub-path on a desktop and a phone."""
    _, public = portal
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1280, 800), (360, 740)):
        context, log = open_context(browser, public, width=width, height=height)
        page = context.new_page()
        visit(page, public + "some/missing/page/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(ARTIFACTS / f"404-subpath-{width}.png"), full_page=True)
        context.close()



def test_a_long_description_is_cut_at_a_character_with_an_ellipsis():
    from plansite.pages.describe import LIMIT, shorten

    fits = "字" * LIMIT
    assert shorten(fits) == fits
    cut = shorten("一二三，" * 40)
    assert len(cut) <= LIMIT and cut.endswith("三…")  # no comma left before the ellipsis
    assert shorten("甲\u200b乙 \n 丙") == "甲乙 丙"  # one line, no zero-width word marks
