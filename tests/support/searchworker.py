"""Talk to the site's own search worker in Chromium, without the search box.

The worker is the file the built site ships (Material's, patched at build time); it is loaded from the
local server and fed the built search index through Material's message protocol (SETUP → READY,
QUERY → RESULT). Tests use this to check the worker itself and to see scores; what a reader sees is
tested through the search box in test_search_browser.py.
"""
from __future__ import annotations

from dataclasses import dataclass

from support.browser import visit

# Material's message types (src/.../integrations/search/worker/message)
SETUP, READY, QUERY, RESULT = 0, 1, 2, 3

_START = """
async ({index, worker}) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const url = new URL(worker || config.search, location.href).href;
  const data = index || await (await fetch(new URL(config.base + "/search/search_index.json", location.href))).json();
  window.__searchWorker = new Worker(url);
  await new Promise((resolve, reject) => {
    __searchWorker.onerror = e => reject(new Error("worker failed: " + e.message));
    __searchWorker.onmessage = e => { if (e.data.type === %d) resolve(); };
    __searchWorker.postMessage({type: %d, data: {config: data.config, docs: data.docs, options: {suggest: false}}});
  });
  return url;
}
""" % (READY, SETUP)

_QUERY = """
query => new Promise(resolve => {
  __searchWorker.onmessage = e => {
    if (e.data.type === %d)
      resolve(e.data.data.items.map(group => group.map(doc => [doc.location, doc.score])));
  };
  __searchWorker.postMessage({type: %d, data: query});
})
""" % (RESULT, QUERY)


@dataclass(frozen=True)
class Hit:
    page: str  # location of the page, e.g. "actions/youth/"
    best: str  # its best-scoring entry, e.g. "actions/youth/#youth-teachers"
    score: float


class SearchWorker:
    """The search worker of the page's site. `index` (config + docs) replaces the built index if given;
    `worker` (a URL relative to the page) replaces the site's worker."""

    def __init__(self, page, index: dict | None = None, worker: str | None = None):
        self.page = page
        self.url = page.evaluate(_START, {"index": index, "worker": worker})

    def groups(self, query: str) -> list[list[tuple[str, float]]]:
        return self.page.evaluate(_QUERY, query)

    def hits(self, query: str) -> list[Hit]:
        """Result pages in the order the search dialog lists them."""
        out = []
        for group in self.groups(query):
            location, score = group[0]
            out.append(Hit(location.split("#")[0], location, score))
        return out

    def pages(self, query: str) -> list[str]:
        return [h.page for h in self.hits(query)]


class SearchBox:
    """Material's search dialog, used as a reader does: type, then read the result list."""

    NONE = "没有找到符合条件的结果"  # Material's zh text when nothing matches
    EMPTY = "键入以开始搜索"  # … and when the box is empty

    def __init__(self, page, site_url: str):
        self.page, self.site_url = page, site_url
        visit(page, site_url)
        self.input = page.locator(".md-search__input")
        if page.viewport_size["width"] < 960:  # Material's header shows a search button below 60em
            page.locator(".md-header label[for=__search]").first.click()
            # the dialog slides in from the right; wait until it is in place
            page.wait_for_function("w => document.querySelector('.md-search__inner').getBoundingClientRect().right <= w",
                                   arg=page.viewport_size["width"])
        else:
            self.input.click()

    def _type(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("End")  # Material reacts to keyup, not to fill()

    def pages(self, query: str) -> list[str]:
        """The result list for `query`: one site-relative page URL per listed page, in order."""
        # Clear first, and wait for the answer to the empty box: the worker answers in order, so the next
        # list is this query's. (Material writes each answer under the box's *current* text: an answer
        # still on its way for an earlier text would show as "nothing found" for this one.) Before the
        # index has loaded the box says it is starting; the empty box is answered once it has.
        self._type("")
        self.page.wait_for_function(
            "empty => !document.querySelector('.md-search-result__item')"
            " && document.querySelector('.md-search-result__meta').textContent.trim() === empty", arg=self.EMPTY)
        self._type(query)
        self.page.wait_for_function(
            "none => document.querySelector('.md-search-result__item')"
            " || document.querySelector('.md-search-result__meta').textContent.trim() === none", arg=self.NONE)
        hrefs = self.page.eval_on_selector_all(
            ".md-search-result__item", "items => items.map(li => li.querySelector('a.md-search-result__link').href)")
        return [site_path(self.site_url, h) for h in hrefs]


def site_path(site_url: str, href: str) -> str:
    """'http://host/departments/kexie/?h=…#x' → 'departments/kexie/'."""
    path = href.split("#")[0].split("?")[0]
    assert path.startswith(site_url), (site_url, href)
    return path[len(site_url):]
