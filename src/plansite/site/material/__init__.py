"""Everything that depends on Material for MkDocs' internals (its minified scripts, its file names).

One patch mechanism (patch.py: exact text, found exactly once, or the build stops) and one module per
file of Material's we change: worker.py (the search worker), bundle.py (the main script), palette.py (the
palette stylesheet, cut down). ARCHITECTURE.md lists what breaks when Material changes.
"""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from plansite.site.material import bundle, worker
from plansite.site.material.patch import MaterialChanged, hashed_path
from plansite.site.state import BuildState, Patched


def prepare(state: BuildState, config: MkDocsConfig) -> None:
    """Patch Material's search worker and main script in memory (a stale patch stops the build here,
    before the site directory is touched)."""
    if state.data is None:
        return
    try:
        for module in (worker, bundle):
            src, file = module.locate(config.theme.dirs)
            content = module.patch(file.read_text(encoding="utf-8"), str(file))
            state.patched.append(Patched(src, hashed_path(src, content), content))
    except MaterialChanged as err:
        raise PluginError(f"Material: {err}") from None


def ship(state: BuildState, files: Files, config: MkDocsConfig) -> None:
    """The patched files in place of Material's, each under a name with its own content hash."""
    for p in state.patched:
        original = files.get_file_from_path(p.original)
        if original is None:
            raise PluginError(f"Material: the theme's {p.original} is not among the site's files")
        files.remove(original)
        source_map = files.get_file_from_path(p.original + ".map")
        if source_map is not None:  # it describes Material's unpatched file
            files.remove(source_map)
        files.append(File.generated(config, p.shipped, content=p.content))


def rename(state: BuildState, output: str, where: str) -> str:
    """The page with every reference to a patched theme file pointing at ours (Material's base.html names them)."""
    for p in state.patched:
        if p.original not in output:
            raise PluginError(f"Material: {where} does not load {p.original}; was Material's base.html changed?")
        output = output.replace(p.original, p.shipped)
    return output
