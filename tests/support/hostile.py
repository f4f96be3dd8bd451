"""Hostile text for the escaping tests: where text goes in a plan, and how a page shows it.

A plan is changed as an editor would change it: the base fixture is read as YAML data, one text
field gets new text, and the YAML is written back and loaded through the real loader and checks.
"""
from __future__ import annotations

import copy
import dataclasses
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown
import yaml

from plansite import model
from plansite.data import yamlnodes
from plansite.data.reader import field_types
from support.paths import ROOT

EVERY_FIELD = ROOT / "tests" / "fixtures" / "every-field.yaml"
PAYLOADS = ROOT / "tests" / "fixtures" / "payloads.yaml"

Path_ = tuple  # a path into the YAML data, e.g. ("chapters", 1, "tasks", 0, "title")


def base_data() -> dict:
    return yaml.safe_load(EVERY_FIELD.read_text(encoding="utf-8"))


def text_fields(data: Any, tp: Any = model.Plan, path: Path_ = ()) -> list[Path_]:
    """Every place in the data where the model says `Text` (free text, not an id, number or choice)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return []  # ids and numerals: patterns no hostile text can pass
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(tp) if a is not type(None)][0]
        return [] if data is None else text_fields(data, inner, path)
    if origin is tuple:
        item = typing.get_args(tp)[0]
        return [p for i, x in enumerate(data) for p in text_fields(x, item, path + (i,))]
    if dataclasses.is_dataclass(tp):
        if isinstance(data, str):  # DeptRef shorthand
            return []
        hints = field_types(tp)
        return [p for f in dataclasses.fields(tp) if f.name in data
                for p in text_fields(data[f.name], hints[f.name], path + (f.name,))]
    return [path] if tp is str else []


def model_text_fields(tp: Any = model.Plan, prefix: str = "") -> set[str]:
    """The text fields model.py declares, as 'chapters.tasks.title' (list indices dropped)."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return set()
    if origin in (typing.Union, types.UnionType):
        return model_text_fields([a for a in typing.get_args(tp) if a is not type(None)][0], prefix)
    if origin is tuple:
        return model_text_fields(typing.get_args(tp)[0], prefix)
    if dataclasses.is_dataclass(tp):
        hints = field_types(tp)
        return {p for f in dataclasses.fields(tp) for p in model_text_fields(hints[f.name], f"{prefix}{f.name}.")}
    return {prefix.rstrip(".")} if tp is str else set()


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))


def get(data: Any, path: Path_) -> Any:
    for key in path:
        data = data[key]
    return data


def put(data: Any, path: Path_, value: Any) -> None:
    get(data, path[:-1])[path[-1]] = value


def substitute(data: dict, path: Path_, text: str) -> dict:
    """`data` with `text` at `path`, plus the edits an editor makes with it so the plan stays valid:
    a quote is also changed in the paragraph it quotes; a printed name also in the registry's variants."""
    out = copy.deepcopy(data)
    old = get(out, path)
    field = dotted(path)
    paths = text_fields(out)
    quotes = [get(out, p) for p in paths if dotted(p) == "indicators.values.quote"]
    if field != "indicators.values.quote" and (any(q in old for q in quotes) or _opens_a_period(out, path)):
        text = old + text  # the checks look for the quote (or the item's years) in this paragraph
    if field == "indicators.values.quote":
        new = old + text  # keeps the year and value the checks look for in a quote
        for p in paths:
            if dotted(p) != "indicators.values.quote" and old in get(out, p):
                put(out, p, get(out, p).replace(old, new))
        text = new
    if field in ("annex.lead.printed", "annex.responsible.printed", "departments.variants"):
        for p in paths:
            if dotted(p) in ("annex.lead.printed", "annex.responsible.printed", "departments.variants") \
                    and get(out, p) == old:
                put(out, p, text)
    put(out, path, text)
    return out


def _opens_a_period(data: dict, path: Path_) -> bool:
    """The first paragraph of an item with a period starts with its years."""
    return dotted(path) == "chapters.sections.items.paragraphs" and path[-1] == 0 \
        and get(data, path[:-2]).get("period") is not None


# libyaml's writer where PyYAML has it (the pure-Python one is a sixth of a property test's time).
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=1 << 30)


def reads_back(data: dict, text: str) -> bool:
    """`text` (the data as written) reads back as `data` with the loader the site reads plans with
    (libyaml's where PyYAML has it: the pure-Python one cost a tenth of these tests' time). PyYAML
    folds some line breaks on the way back: such text is not what an editor wrote."""
    return yaml.load(text, Loader=yamlnodes.LOADER) == data


# ── rendering a page's Markdown as the site does ────────────────────────────────────────────
def site_markdown() -> markdown.Markdown:
    from mkdocs.utils import yaml_load  # MkDocs' loader: mkdocs.yml uses its !ENV tag

    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


TEXT_ATTRS = {"id", "title", "aria-label", "alt", "data-names", "data-label", "download"}  # attributes whose values may carry data text (data-names: the officials filters match names; data-label: the annex column name a phone shows)
# Attributes that follow the text's length by design, not its content: chart geometry (bars and grid
# are laid out around the labels' widths), whether a long measure starts folded. None of them can carry
# markup or script; injection would show as added elements, handlers, links or classes instead.
LAYOUT_ATTRS = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "width", "height",
                "d", "points", "transform", "viewbox", "text-anchor", "open"}
ASCII_WS = re.compile(r"[ \t\n\f\r]+")


def normalise(text: str) -> str:
    """Text as the browser lays it out: runs of HTML whitespace shown as one space."""
    return ASCII_WS.sub(" ", text).strip(" ")


@dataclass
class Shape:
    """An HTML page as (structure, text): every element with its attributes (values, except those
    that carry text), every comment, doctype or other markup node, and all text content with entities
    decoded."""
    elements: list[tuple[str, tuple]] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    attr_text: list[str] = field(default_factory=list)


class _Shaper(HTMLParser):
    """The Shape of a page from the standard library's HTML tokenizer, the one BeautifulSoup's
    "html.parser" builder drives, without the tree the comparison never walks: 3.4 times faster, and
    on 856 pages of these tests the same shapes as BeautifulSoup's, text compared normalised. Shaping
    was the hostile-text tests' largest cost."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)  # text with entities decoded
        self.shape = Shape()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values: dict[str, str] = {}
        for name, value in attrs:
            values.setdefault(name, value or "")  # a repeated attribute keeps its first value, as browsers do
        shown = []
        for name, value in values.items():
            if name in TEXT_ATTRS:
                self.shape.attr_text.append(value)
                shown.append((name, "…"))
            elif name in LAYOUT_ATTRS:
                continue  # present or not, wherever placed: layout
            elif name == "href" and value.startswith("#"):
                shown.append((name, "#…"))  # headerlinks point at heading ids, which toc derives from the text
            else:
                shown.append((name, value))
        self.shape.elements.append((tag, tuple(sorted(shown))))

    def handle_data(self, data: str) -> None:  # script and style content included
        self.shape.text.append(data)

    # a comment, CDATA section, doctype or other declaration, or processing instruction
    def handle_comment(self, data: str) -> None:
        self.shape.elements.append(("<comment", (("data", data),)))

    def handle_decl(self, decl: str) -> None:
        self.shape.elements.append(("<declaration", (("data", decl),)))

    def unknown_decl(self, data: str) -> None:
        self.shape.elements.append(("<cdata", (("data", data),)))

    def handle_pi(self, data: str) -> None:
        self.shape.elements.append(("<pi", (("data", data),)))


def shape(html: str) -> Shape:
    parser = _Shaper()
    parser.feed(html)
    parser.close()
    return parser.shape


# ── the named payloads, placed in every text field for a real build ──────────────────────────
def payloads() -> dict[str, str]:
    return yaml.safe_load(PAYLOADS.read_text(encoding="utf-8"))


# Fields that become page titles (nav, <title>, header, search) or headings get every short payload at once.
TITLE_FIELDS = (("chapters", 1, "tasks", 0, "title"), ("departments", 2, "name"),
                ("chapters", 1, "tasks", 0, "measures", 0, "title"))  # and a heading in the table of contents


def hostile_plan() -> tuple[str, dict[str, list[str]]]:
    """YAML of the every-field plan with the named payloads in its text fields, and where each went.

    Field j gets payload j mod n (so each payload starts some field, as a spreadsheet cell would), and
    a task title and a department name get all of them but the very long ones. A field whose check
    rejects the payload (notes.where must name an anchor) keeps its text."""
    from plansite.data.plan import parse_plan
    from plansite.data.problems import PlanError

    named = payloads()
    names = list(named)
    data = base_data()
    return place(data, text_fields(data), named,
                 lambda j, path: [n for n in names if not n.startswith("very-long")] if path in TITLE_FIELDS
                 else [names[j % len(names)]],
                 substitute, lambda text: parse_plan(text), PlanError)


def place(data: dict, paths: list[Path_], named: dict[str, str],
          choose: Callable[[int, Path_], list[str]], edit: Callable[[dict, Path_, str], dict],
          check: Callable[[str], object], rejected: type[Exception]) -> tuple[str, dict[str, list[str]]]:
    """Field by field, put the chosen payloads in; keep each edit the check accepts (a field whose check
    rejects the payload keeps its text). Returns the YAML and where each payload went."""
    placed: dict[str, list[str]] = {}
    for j, path in enumerate(paths):
        chosen = choose(j, path)
        trial = edit(data, path, " ".join(named[n] for n in chosen))
        try:
            check(dump(trial))
        except rejected:
            continue
        data = trial
        for n in chosen:
            placed.setdefault(n, []).append(".".join(map(str, path)))
    return dump(data), placed


# ── implementation records (data/progress.yaml): the same payloads in every text field of a record ──
PROGRESS_FIXTURE = ROOT / "tests" / "fixtures" / "progress.yaml"  # fake records, valid against every-field.yaml
# A URL the check accepts (http(s), no spaces, quotes or angle brackets) that still tries to break out of
# the href attribute and into an entity: it must reach the page as this exact address.
HOSTILE_URL = "https://example.invalid/?q=&quot;onmouseover=alert(1)&x=%22%3E%3Cscript%3E#&lt;b&gt;"


def progress_data() -> dict:
    return yaml.safe_load(PROGRESS_FIXTURE.read_text(encoding="utf-8"))


def progress_text_fields(data: dict) -> list[Path_]:
    return text_fields(data, model.Progress)


def hostile_progress(plan, today) -> tuple[str, dict[str, list[str]]]:
    """YAML of the fake records with a named payload in each text field (the first record's title gets
    them all) and HOSTILE_URL as every source's address; where each payload went."""
    from plansite.data.problems import PlanError
    from plansite.data.progress import parse_progress

    named = payloads()
    names = [n for n in named if not n.startswith("very-long")]
    data = progress_data()
    for record in data["records"]:
        record["source"]["url"] = HOSTILE_URL
    every = list(named)

    def replaced(data: dict, path: Path_, text: str) -> dict:
        out = copy.deepcopy(data)
        put(out, path, text)
        return out

    return place(data, progress_text_fields(data), named,
                 lambda j, path: names if path == ("records", 0, "title") else [every[j % len(every)]],
                 replaced, lambda text: parse_progress(text, plan, today), PlanError)
