"""The MkDocs plugin (`plugins: - plansite` in mkdocs.yml; registered in pyproject.toml). A thin layer:
each event hands the build's one state (site/state.py) to the step that does the work.

The order of events is declared here, with MkDocs' priorities (higher runs first; Material's plugins
run at 0 unless noted), not implied by the order of mkdocs.yml:

  on_config   +50  read the data; set up search (before Material's search plugin reads its options)
              -50  make the pages (after Material's offline plugin has turned folder addresses off)
  on_files     0   add the generated pages, our assets and Material's patched files
  on_page_markdown   0  each page's date and description
  on_post_page / on_post_template  -100  patched file names, then the Content Security Policy, last
  on_post_build  -90  rewrite the search index: after the search plugin wrote it (0), before the
                      offline plugin inlines it for file:// (-100)
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from plansite.pages import templatecache
from plansite.plan import timeline
from plansite.site import build, material, offline, search
from plansite.site.state import BuildState

UNCHANGED = build.UNCHANGED


class PlanSitePlugin(BasePlugin):
    def __init__(self) -> None:
        self.command = "build"
        self.state: BuildState | None = None
        self.last: dict[str, str | bytes] = {}  # the last good build's files (mkdocs serve keeps this plugin)

    def on_startup(self, *, command: str, dirty: bool) -> None:  # defined, so `serve` keeps this instance
        self.command = command

    @property
    def current(self) -> BuildState:
        assert self.state is not None, "on_config has not run"
        return self.state

    @event_priority(50)
    def _read(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            today = timeline.build_date()
        except timeline.BuildDateError as err:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"{err}\n{UNCHANGED}") from None
        self.state = BuildState(root=Path(config.config_file_path).resolve().parent, command=self.command, today=today,
                                offline=offline.enabled(config))
        build.read(self.state)
        search.setup(self.state, config)
        material.prepare(self.state, config)
        return config

    @event_priority(-50)
    def _pages(self, config: MkDocsConfig) -> MkDocsConfig:
        config = build.pages(self.current, config, self.last)
        if self.current.output is not None:
            self.last = self.current.output.files
        return config

    on_config = CombinedEvent(_read, _pages)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        files = build.add_files(self.current, files, config)
        material.ship(self.current, files, config)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = templatecache.for_project(self.current.root)  # the theme's, compiled when changed
        return env

    def on_template_context(self, context: TemplateContext, *, template_name: str, config: MkDocsConfig) -> TemplateContext:
        return offline.error_page_context(self.current, context, template_name)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build.date_page(self.current, page, config)
        return markdown

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.finish(output, page.file.src_uri, page.content or "", config)

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return self.finish(output_content, template_name, "", config)

    def finish(self, output: str, where: str, content: str, config: MkDocsConfig) -> str:
        state = self.current
        build.check_styles(output, where, config)
        output = material.rename(state, output, where)
        return build.secure(state, output, where, content)

    @event_priority(-90)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        search.rewrite(self.current, config)

