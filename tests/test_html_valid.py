"""Every built page is valid HTML by the W3C Nu checker (vnu), apart from Material's own known errors.

The checker is the pinned npm package vnu-jar (package.json; ./scripts/dev.sh runs `npm ci` and
installs Debian's Java when missing). Material 9.8's templates make the same errors on a bare Material
site, and they are left alone:
- `autocomplete="off"` on the header's two checkboxes (__drawer, __search);
- on a page left out of the navigation (the department pages), a `<label for="__toc">` whose checkbox
  Material does not render.
Anything else is ours and fails the test.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import pytest

from support.paths import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP = "run ./scripts/dev.sh test once (it installs Java and runs `npm ci`)"


def material_known(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    if text.startswith("Attribute “autocomplete” is only allowed when the input type is"):
        return 'type="checkbox"' in extract and any(f'id="{i}"' in extract for i in ("__drawer", "__search"))
    if text.startswith("The value of the “for” attribute of the “label” element must be the ID"):
        return 'for="__toc"' in extract
    return False


# The checker runs for a few seconds, too short for Java's optimising compiler (C2) to pay off: it
# took two CPUs' worth of time (about 8 CPU-seconds for this site) while compiling code it then barely
# ran. The quick compiler alone and a single-threaded collector give the same messages in half the CPU
# time, which the other tests running alongside get. With the quick compiler the checker needs a
# larger thread stack than Java's default (it stops with "StackOverflowError while evaluating HTML
# schema" and asks for at least 512k).
JAVA_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m"]


# A page with a <style> in the body, as the print setup once was: checked in the same run as the site
# (one Java start), to show the harness reports an error of ours.
BAD_PAGE = ('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>'
            "<body><article><h1>t</h1><style>@page{size:A4}</style></article></body></html>")


@pytest.fixture(scope="module")
def messages(site_dir, tmp_path_factory) -> dict[str, list[dict]]:
    """The checker's errors for the built site ("site") and for the bad page ("bad")."""
    assert shutil.which("java"), f"Java is missing: {SETUP}"
    assert VNU.exists(), f"{VNU.relative_to(ROOT)} is missing: {SETUP}"
    bad = tmp_path_factory.mktemp("bad") / "page.html"
    bad.write_text(BAD_PAGE, encoding="utf-8")
    result = subprocess.run(["java", *JAVA_OPTIONS, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format",
                             "json", str(site_dir), str(bad)], capture_output=True, text=True, encoding="utf-8")
    found = json.loads(result.stderr)["messages"]
    return {"site": [m for m in found if bad.name not in m["url"]], "bad": [m for m in found if bad.name in m["url"]]}


def test_no_html_errors_of_our_own(messages, site_dir):
    pages = len(list(site_dir.rglob("*.html")))
    ours = [f"{m['url'].split(site_dir.name, 1)[-1]}:{m.get('lastLine')}: {m['message']} — {m.get('extract', '')!r}"
            for m in messages["site"] if not material_known(m)]
    assert ours == []
    known = Counter("autocomplete" if "autocomplete" in m["message"] else "__toc" for m in messages["site"])
    assert known["autocomplete"] == 2 * pages  # the checker ran on every page (and found Material's two)
    assert known["__toc"] < pages


def test_the_checker_finds_an_error(messages):
    """The harness is live: the bad page's <style> in the body is reported."""
    assert [m for m in messages["bad"] if "“style” element in “body”" in m["message"]]
