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

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SETUP = "run ./scripts/dev.sh test once (it installs Java and runs `npm ci`)"


def material_known(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    if text.startswith("Attribute “autocomplete” is only allowed when the input type is"):
        return 'type="checkbox"' in extract and any(f'id="{i}"' in extract for i in ("__drawer", "__search"))
    if text.startswith("The value of the “for” attribute of the “label” element must be the ID"):
        return 'for="__toc"' in extract
    return False


def vnu(site) -> list[dict]:
    assert shutil.which("java"), f"Java is missing: {SETUP}"
    assert VNU.exists(), f"{VNU.relative_to(ROOT)} is missing: {SETUP}"
    result = subprocess.run(["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                             str(site)], capture_output=True, text=True, encoding="utf-8")
    return json.loads(result.stderr)["messages"]


def test_no_html_errors_of_our_own(site_dir):
    messages = vnu(site_dir)
    pages = len(list(site_dir.rglob("*.html")))
    ours = [f"{m['url'].split(site_dir.name, 1)[-1]}:{m.get('lastLine')}: {m['message']} — {m.get('extract', '')!r}"
            for m in messages if not material_known(m)]
    assert ours == []
    known = Counter("autocomplete" if "autocomplete" in m["message"] else "__toc" for m in messages)
    assert known["autocomplete"] == 2 * pages  # the checker ran on every page (and found Material's two)
    assert known["__toc"] < pages


def test_the_checker_finds_an_error(tmp_path):
    """The harness is live: a <style> in the body, as the print setup once was, is reported."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>t</title></head>'
                    "<body><article><h1>t</h1><style>@page{size:A4}</style></article></body></html>", encoding="utf-8")
    assert [m for m in vnu(tmp_path) if "“style” element in “body”" in m["message"]]
