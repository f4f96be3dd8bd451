"""A real `mkdocs build --strict`, inspected as HTML."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from plansite.plan.document import blocks
from support.sitehtml import html_pages, parse, resolve


def test_every_task_and_department_has_a_page(site_dir, duties, plan):
    for task in duties.tasks:
        folder = "actions" if task.kind == "action" else "projects"
        page = site_dir / folder / task.id / "index.html"
        assert page.exists(), page
        assert task.label in parse(page).title
    for dept in plan.departments:
        page = site_dir / "departments" / dept.id / "index.html"
        assert dept.name in parse(page).title
    for name in ("index.html", "text/index.html", "departments/index.html", "matrix/index.html", "about/index.html"):
        assert (site_dir / name).exists(), name


def test_generated_pages_are_not_written_into_docs():
    from support.paths import ROOT

    assert not (ROOT / "docs" / "actions").exists() and not (ROOT / "docs" / "index.md").exists()


def test_every_internal_link_and_anchor_resolves(site_dir):
    pages = {p: parse(p) for p in html_pages(site_dir)}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.links + parsed.resources:
            target, fragment = resolve(site_dir, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append((page.relative_to(site_dir).as_posix(), href))
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    broken.append((page.relative_to(site_dir).as_posix(), href))
    assert broken == []


def test_nothing_is_loaded_from_another_host(site_dir):
    for page in html_pages(site_dir):
        for url in parse(page).resources:
            assert urlparse(url).netloc == "", (page, url)
    for asset in list(site_dir.rglob("*.css")) + list(site_dir.rglob("*.html")):
        text = asset.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, asset


def test_language_is_chinese(site_dir):
    for page in html_pages(site_dir):
        assert parse(page).lang == "zh-CN", page


def test_full_text_page_has_every_paragraph_anchor(site_dir, plan):
    ids = parse(site_dir / "text" / "index.html").ids
    missing = [b.anchor for b in blocks(plan) if b.anchor not in ids]
    assert missing == []


def stylesheets_and_scripts(page):
    """(our stylesheets, our script files, whether the 长辈模式 script is inlined) of a built page."""
    import re

    text = page.read_text(encoding="utf-8")
    css = re.findall(r'<link rel="stylesheet" href="[./]*assets/stylesheets/(plansite[a-z-]*)\.[0-9a-f]{8}\.css"', text)
    js = re.findall(r'<script type="text/plain" data-pl-src="(?:\.\./)*assets/([a-z0-9]+)\.js"', text)
    return css, js, "<script data-pl-elder-css=" in text


def test_each_page_loads_one_stylesheet_of_ours_for_its_kind(site_dir):
    """A stylesheet blocks the first paint: one of ours per page, made for its kind (the officials' matrix
    styles are not on the home page); 长辈模式's script is inlined, its styles come only when the mode is on."""
    assert stylesheets_and_scripts(site_dir / "index.html") == (["plansite-public"], [], True)
    # pages that show implementation records add the records' styles to their kind's
    assert stylesheets_and_scripts(site_dir / "actions" / "youth" / "index.html") == (["plansite-records"], [], True)
    assert stylesheets_and_scripts(site_dir / "departments" / "index.html") == (["plansite-officials"], ["officials"], True)
    for page in ("departments/kexie", "matrix"):
        assert stylesheets_and_scripts(site_dir / page / "index.html") == (
            ["plansite-officials-records"], ["officials"], True), page
    assert stylesheets_and_scripts(site_dir / "targets" / "index.html")[0] == ["plansite-public-records"]
    assert stylesheets_and_scripts(site_dir / "progress" / "index.html") == (["plansite-public-records"], ["records"], True)
    assert stylesheets_and_scripts(site_dir / "editors" / "index.html")[0] == ["plansite-editors"]
    assert stylesheets_and_scripts(site_dir / "404.html")[0] == ["plansite"]


def test_a_kinds_stylesheet_is_our_palettes_then_the_common_sheets_then_its_own_without_comments(site_dir):
    from plansite.site.assets import minify_css
    from plansite.site.build import palette_sheet
    from plansite.site.material.palette import palette_css, palette_values
    from support.paths import ROOT

    def source(name):
        return minify_css((ROOT / "docs" / "assets" / f"{name}.css").read_text(encoding="utf-8"))

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    material = palette_sheet(files)
    assert material is not None and material.abs_src_path is not None
    palette = palette_css(Path(material.abs_src_path).read_text(encoding="utf-8"), palette_values(config.theme["palette"]), "")
    [officials] = (site_dir / "assets" / "stylesheets").glob("plansite-officials.*.css")
    assert officials.read_text(encoding="utf-8") == palette + source("plansite") + source("a11y") + source("officials")
    assert "/*" not in officials.read_text(encoding="utf-8")
    elder = (site_dir / "assets" / "elder.css").read_text(encoding="utf-8")
    assert elder == source("elder") and "/*" not in elder
    for name in ("plansite.css", "elder.js", "palette-first-paint.js"):
        assert not (site_dir / "assets" / name).exists(), name
    # Material's palette sheet is not shipped, and no page links it
    assert not list((site_dir / "assets" / "stylesheets").glob("palette.*"))
    assert not [p for p in site_dir.rglob("*.html") if "stylesheets/palette." in p.read_text(encoding="utf-8")]


def test_palette_css_keeps_the_rules_of_our_palettes_only():
    from plansite.site.material.palette import palette_css, palette_values
    from plansite.site.material.patch import MaterialChanged

    used = palette_values([{"scheme": "default", "primary": "Deep Purple"}, {"scheme": "slate", "accent": "red"}])
    assert used == {"scheme": {"default", "slate"}, "primary": {"deep-purple", "indigo"}, "accent": {"indigo", "red"}}
    css = ("[data-md-color-primary=pink]{--a:1}[data-md-color-primary=deep-purple]{--a:2}"
           "@media screen{[data-md-color-scheme=slate]{--b:1}[data-md-color-scheme=ocean]{--b:2}}"
           "@media print{[data-md-color-accent=lime] .x{--c:1}}"
           "[data-md-color-primary=black] .md-header,[data-md-color-primary=indigo] .md-header{--d:1}"
           ".md-typeset :is(a,b),[data-md-color-accent=red] q{quotes:\"{\" \"}\"}"
           "/*# sourceMappingURL=palette.css.map*/")
    assert palette_css(css, used, "palette.css") == (
        "[data-md-color-primary=deep-purple]{--a:2}@media screen{[data-md-color-scheme=slate]{--b:1}}"
        "[data-md-color-primary=indigo] .md-header{--d:1}"
        ".md-typeset :is(a,b),[data-md-color-accent=red] q{quotes:\"{\" \"}\"}\n")
    with pytest.raises(MaterialChanged, match="no rule"):
        palette_css("[data-md-color-primary=pink]{--a:1}", used, "palette.css")


def test_minify_css_keeps_descendant_spaces():
    from plansite.site.assets import minify_css

    css = "/* why */\nhtml.pl-elder .md-typeset :is(.a, .b) {\n  font-size: .8rem;\n}\n.x > .y { color: red; }\n"
    assert minify_css(css) == "html.pl-elder .md-typeset :is(.a,.b){font-size:.8rem}.x>.y{color:red}\n"
    assert minify_css('.q::before { content: "/* kept */  ✓"; }') == '.q::before{content:"/* kept */  ✓"}\n'


def test_a_build_parses_the_plan_once(tmp_path, monkeypatch):
    """Search's hooks, the site's hooks, the page dates and the editors' guide share one parse of
    data/plan.yaml (it was three). Built in this process, to count; from a copy with the small plan, since
    the count does not depend on the plan's size."""

    import yaml

    from support.paths import SMALL_PLAN
    from support.projectcopy import build, copy_project

    plan_text = SMALL_PLAN.read_text(encoding="utf-8")
    project = copy_project(tmp_path / "project", plan_text)
    parses = []
    compose = yaml.compose

    def counting(stream, Loader=None):
        parses.append(stream == plan_text)
        return compose(stream, Loader=Loader)

    monkeypatch.setattr(yaml, "compose", counting)
    result = build(project, tmp_path / "site")  # without the offline copy: another process, with its own parse
    assert result.returncode == 0, result.stderr
    assert parses.count(True) == 1


def test_compiled_templates_are_reused_only_while_unchanged_and_a_broken_cache_costs_nothing(tmp_path, monkeypatch):
    """Builds keep compiled templates between runs, in the project (templatecache.py): a copy of the project
    reuses them without compiling, a template edited since is compiled afresh, and a cache folder that
    cannot be written (here: not a folder at all) still renders."""
    import shutil

    import jinja2

    from plansite.pages.templatecache import FOLDER, TemplateCache

    def render(project: Path, cache: Path | None = None, compiles: bool = True) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(project / "templates")),
                                 bytecode_cache=TemplateCache(str(cache or project / FOLDER), project))
        if not compiles:
            monkeypatch.setattr(env, "compile", lambda *_, **__: pytest.fail("compiled again"))
        return env.get_template("page.html").render(name="武隆")

    original, copy = tmp_path / "original", tmp_path / "copy"
    (original / "templates").mkdir(parents=True)
    (original / FOLDER).mkdir(parents=True)
    (original / "templates" / "page.html").write_text("旧：{{ name }}", encoding="utf-8")
    assert render(original) == "旧：武隆"
    assert len(list((original / FOLDER).iterdir())) == 1  # kept
    shutil.copytree(original, copy)
    assert render(copy, compiles=False) == "旧：武隆"
    (copy / "templates" / "page.html").write_text("新：{{ name }}区", encoding="utf-8")
    assert render(copy) == "新：武隆区"
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    assert render(copy, cache=tmp_path / "not-a-folder") == "新：武隆区"
