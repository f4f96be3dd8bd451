"""The offline copy: the whole site as a zip that opens from a folder on a laptop (file://), for
officials in townships with poor connections. Published with the site at downloads/offline.zip.

It is a second `mkdocs build` with Material's `offline` plugin on (mkdocs.yml: `enabled: !ENV [OFFLINE,
false]`). The plugin turns off folder addresses (routes.py follows), loads the search index from a
script instead of fetching it, and runs the search worker in an iframe, which file:// allows. The
iframe-worker shim the plugin would take from unpkg.com (another host) comes from our vendor/ folder.
The plugin inlines the search index after ours has rewritten it (the priorities in site/plugin.py).

`config.extra["offline"]` is True in the offline build: templates use it to leave out what only an
online site can have (a Content Security Policy hashed for http(s), the link to the zip itself, the feed's
<link rel="alternate">: Material takes it for a page in another language and fetches sitemap.xml beside
it, which file:// refuses, two console errors on every page, and no feed reader reads a folder).
MkDocs writes the 404 page's links from the server's root (/departments/), since it is served at any
address; the copy's 404.html is a file at the folder's root, so there they are relative to it.
"""
from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from plansite import routes

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.templates import TemplateContext

    from plansite.site.state import BuildState

ENV = "OFFLINE"  # mkdocs.yml reads it: OFFLINE=true builds the offline copy
SKIP_ENV = "PLANSITE_OFFLINE_COPY"  # "0": build the online site without the copy (mkdocs serve never makes one)
PLUGIN = "material/offline"
ZIP = routes.OFFLINE_ZIP
FOLDER = routes.OFFLINE_FOLDER
SHIM = "assets/iframe-worker.js"
SHIM_SOURCE = Path(__file__).parent / "vendor" / "iframe-worker.js"
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: identical input, identical zip


class OfflineError(Exception):
    pass


def enabled(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get(PLUGIN)
    return bool(plugin is not None and plugin.config.enabled)


def prepare(config: MkDocsConfig) -> None:
    """In the offline build: the shim from our own folder instead of unpkg.com."""
    config.extra["offline"] = True
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(p) else p for p in polyfills]


# Left out of the copy: source maps (for developers, a fifth of the zip) and what only crawlers of the
# online site read (the sitemap also carries the build day, which would make the zip differ by date).
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", "robots.txt")


def kept(rel: str) -> bool:
    return not rel.endswith(".map") and rel not in LEFT_OUT


def zip_folder(folder: Path) -> bytes:
    """The site's files under FOLDER/, sorted, dated 1980-01-01, with fixed permissions: identical input,
    identical zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        # In the order of the names as text (a Path sorts a/b before a.csv, the names' text the other way).
        for path in sorted((p for p in folder.rglob("*") if p.is_file() and kept(p.relative_to(folder).as_posix())),
                           key=lambda p: p.relative_to(folder).as_posix()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(folder).as_posix()}", date_time=_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes(), compresslevel=9)
    return out.getvalue()


def engine() -> str:
    """The module running this build: "mkdocs", or "properdocs" (MkDocs' maintained fork, which answers
    every `import mkdocs…` with its own modules), so the copy is built by the same program as the site."""
    import mkdocs

    return mkdocs.__name__


def build_copy(config: MkDocsConfig) -> bytes:
    """Build the offline site in a temporary folder and return it zipped."""
    root = Path(config.config_file_path).resolve().parent
    # No SITE_URL: the copy's links stay relative, so downloads and pages open from the folder.
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {ENV: "true"}
    with tempfile.TemporaryDirectory(prefix="plansite-offline-") as tmp:
        result = subprocess.run(
            [sys.executable, "-m", engine(), "build", "--strict", "-q", "-f", str(config.config_file_path), "-d", tmp],
            cwd=root, env=env, capture_output=True, text=True, encoding="utf-8")
        if result.returncode != 0:
            raise OfflineError("离线版没有生成：\n" + (result.stderr or result.stdout)[-3000:])
        return zip_folder(Path(tmp))


def error_page_context(state: BuildState, context: TemplateContext, template_name: str) -> TemplateContext:
    """In the copy, the 404 page's links relative to its folder's root, where it is (MkDocs: from the server's root)."""
    if state.offline and template_name == "404.html":
        context["base_url"] = "."
    return context


def wanted(command: str, config: MkDocsConfig) -> bool:
    """The online build makes the copy; the copy's own build and `mkdocs serve` (rebuilt on every
    save) do not, nor a build run with PLANSITE_OFFLINE_COPY=0."""
    return command == "build" and not enabled(config) and os.environ.get(SKIP_ENV, "1") != "0"
