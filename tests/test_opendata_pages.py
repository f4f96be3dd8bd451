"""The 下载数据 section (about page) and the editors' guide explain every CSV the build publishes: the
files they list are the package's, the columns they show are the files' own header rows, their links
lead to files of the site, and they say how to open a CSV in Excel, WPS and LibreOffice."""
from __future__ import annotations

import csv
import io
import json

import pytest

from plansite import routes
from support.sitehtml import article, attr, find, resolve


def header(path) -> list[str]:
    return next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("page", ["about/index.html", "editors/index.html"])
def test_the_page_lists_every_csv_with_its_own_columns(site_dir, page):
    html = article(site_dir / page)
    package = json.loads((site_dir / routes.DATAPACKAGE).read_text(encoding="utf-8"))
    downloads = site_dir / "downloads"
    shown = {}
    for block in html.select("details.pl-columns"):
        file = find(find(block, "summary"), "code").get_text()
        shown[file] = [find(tr, "td").get_text() for tr in block.select("tbody tr")]
    tables = {r["path"] for r in package["resources"] if not r["name"].startswith("duties-")}
    assert set(shown) - tables == {"departments/部门编号.csv"} and tables <= set(shown)
    for file, columns in shown.items():
        assert columns == header(downloads / ("departments/kexie.csv" if file.endswith("编号.csv") else file)), file
    for a in html.select("#downloads ~ :not(aside) a[href], details.pl-columns a[href]"):  # (the aside links the repository)
        target, _ = resolve(site_dir, site_dir / page, attr(a, "href"))
        assert target is not None and target.is_file(), attr(a, "href")
    text = html.get_text()
    assert all(name in text for name in ("Excel", "WPS", "LibreOffice", "UTF-8", "日期精度"))
