"""Turn YAML nodes into the model's dataclasses, collecting every structural problem on the way.

Driven entirely by the type hints and metadata in model.py, so the rules an editor meets and the
JSON Schema published for their editor (json_schema below) cannot drift apart.
"""
from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import types
import typing
import unicodedata
from typing import Any, Literal, Union

import yaml

from plansite import model
from plansite.data.problems import Problem

Position = tuple[int, int]
MISSING = object()
_CONSTRUCTOR = yaml.SafeLoader("")  # YAML 1.1 number syntax (0x1f, 1_000) without building our own parser

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

# One line of text (model.Text): no line breaks of any kind (Python-Markdown turns a lone \r into a new
# line, which could end an HTML block early) and no control characters (never part of the document;
# \x02 and \x03 are Python-Markdown's own placeholder markers). A tab is tolerated.
LINE_BREAKS = r"\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029"  # regex class bodies, valid in Python and JSON Schema
CONTROLS = r"\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f"
LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
CONTROL = re.compile(f"[{CONTROLS}]")
WHEN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
# Review markers the importer (plansite/importer/) writes into a draft: a value containing one is rejected
# wherever it stands, whatever the field's type, until the editor resolves it.
IMPORT_MARKERS = {
    "待核": "导入时标记为待核：请对照原文确认后删去“待核：”",
    "待填": "导入时未能找到：请对照原文填写",
}
# How people also write a date (2024-9-25, 2024/9/25, 2024年9月25日): read only to say the right spelling.
WHEN_LOOSE = re.compile(r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?|月)?)?\s*年?")
WHEN_WORDS = "日期：年（2024）、年月（2024-09）或年月日（2024-09-25）"


def field_types(cls: Any) -> dict[str, Any]:
    """A model record's field types (with their Annotated ids and numerals). Cached: the reader asks for
    every record of the plan, and working them out each time was a tenth of reading it."""
    return _field_types(cls)


@functools.cache
def _field_types(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def suggest(word: str, choices: typing.Iterable[str], labels: dict[str, str] | None = None) -> str:
    """'是不是 kexie（区科协）？' for a near miss, '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if not close:
        return ""
    label = (labels or {}).get(close[0])
    return f"是不是 {close[0]}{f'（{label}）' if label else ''}？"


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "一组字段（key: value）"
    if isinstance(node, yaml.SequenceNode):
        return f"一个列表（{len(node.value)} 项）"
    text = node.value
    if node.tag == BOOL:
        return f"“{text}”——YAML 会把它读成是/否（true/false），而不是文字"
    if node.tag == NULL:
        return "空值" if text in ("", "~", "null", "Null", "NULL") else f"“{text}”——YAML 会把它读成空值"
    if node.tag in (INT, FLOAT):
        return f"数字 {text}"
    if node.tag == TIMESTAMP:
        return f"日期 {text}"
    return f"“{text}”"


def type_words(tp: Any) -> str:
    """The expected type in Chinese, for 'expected' lines and the schema."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(tp)
        for extra in extras:
            if isinstance(extra, model.Pattern):
                return extra.description
            if isinstance(extra, model.Range):
                return f"{extra.low} 到 {extra.high} 之间的年份"
        return type_words(base)
    if origin in (Union, types.UnionType):
        return type_words(non_null(tp))
    if origin is Literal:
        return "以下之一：" + "、".join(str(a) for a in typing.get_args(tp))
    if origin is tuple:
        return f"列表，每项为{type_words(typing.get_args(tp)[0])}"
    if dataclasses.is_dataclass(tp):
        fields = "一组字段：" + "、".join(f.name for f in dataclasses.fields(tp))
        shorthand = getattr(tp, "SHORTHAND", None)
        return f"{type_words(field_types(tp)[shorthand])}，或{fields}" if shorthand else fields
    if tp is model.When:
        return WHEN_WORDS
    return {str: "一行文字", int: "整数", float: "数字", datetime.date: "日期，写作 YYYY-MM-DD"}[tp]


# ── what model.py's type hints say about a field; the reader, the JSON Schema and the editors' guide
# all ask these, so they cannot disagree ───────────────────────────────────────────────────────────
def is_required(f: dataclasses.Field) -> bool:
    """A field with no default must be written in plan.yaml."""
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def is_optional(tp: Any) -> bool:
    """`X | None`: the field may be left empty."""
    return typing.get_origin(tp) in (Union, types.UnionType) and type(None) in typing.get_args(tp)


def non_null(tp: Any) -> Any:
    """X of `X | None`."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    return args[0]


def is_list(tp: Any) -> bool:
    """A list in YAML (a tuple in the model), possibly optional."""
    return typing.get_origin(non_null(tp) if is_optional(tp) else tp) is tuple


def record_type(tp: Any) -> Any | None:
    """The record class a field holds, alone or in a list, whose own fields describe it; None for a
    value (text, number, id …) and for a record written as one value (DeptRef's bare `kexie`)."""
    tp = non_null(tp) if is_optional(tp) else tp
    tp = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else tp
    return tp if dataclasses.is_dataclass(tp) and not getattr(tp, "SHORTHAND", None) else None


class Reader:
    def __init__(self, file: str, hint_for: typing.Callable[[str], str] = lambda found: ""):
        self.file = file
        self.hint_for = hint_for  # extra advice for a value that fails its pattern, e.g. a name written for an id
        self.problems: list[Problem] = []
        self.positions: dict[str, Position] = {}

    def problem(self, node: yaml.Node, path: str, meaning: str, message: str, **kw: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path, meaning, message, **kw))

    def read(self, node: yaml.Node, tp: Any, path: str, meaning: str) -> Any:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode) and node.tag == STR:
            marker = next((m for m in IMPORT_MARKERS if m in node.value), None)
            if marker is not None:
                expected = type_words(tp) + ("（核对无误后删去“待核：”）" if marker == "待核" else "")
                self.problem(node, path, meaning, IMPORT_MARKERS[marker], expected=expected, found=describe(node),
                             hint="上一行的注释说明了要核对什么" if marker == "待核" else "上一行的注释说明了要找什么")
                return MISSING
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            base, *extras = typing.get_args(tp)
            value = self.read(node, base, path, meaning)
            if value is MISSING:
                return value
            for extra in extras:
                if isinstance(extra, model.Pattern) and not extra.matches(value):
                    self.problem(node, path, meaning, "写法不符合要求", expected=extra.description, found=describe(node),
                                 hint=self.hint_for(str(value)))
                    return MISSING
                if isinstance(extra, model.Range) and not extra.low <= value <= extra.high:
                    self.problem(node, path, meaning, "年份超出范围", expected=type_words(tp), found=describe(node))
                    return MISSING
            return value
        if is_optional(tp):
            if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
                return None
            return self.read(node, non_null(tp), path, meaning)
        if isinstance(node, yaml.ScalarNode) and node.tag == NULL:
            self.problem(node, path, meaning, "必填内容是空的", expected=type_words(tp), found=describe(node))
            return MISSING
        if origin is Literal:
            return self._literal(node, tp, path, meaning)
        if origin is tuple:
            return self._sequence(node, tp, path, meaning)
        if dataclasses.is_dataclass(tp):
            return self._record(node, tp, path, meaning)
        return self._scalar(node, tp, path, meaning)

    def _scalar(self, node: yaml.Node, tp: Any, path: str, meaning: str) -> Any:
        wrong = dict(expected=type_words(tp), found=describe(node))
        if not isinstance(node, yaml.ScalarNode):
            self.problem(node, path, meaning, "类型不对", **wrong)
            return MISSING
        if tp is str:
            if node.tag != STR:
                self.problem(node, path, meaning, "这里应当是文字", **wrong,
                             hint=f"如果要写的就是这几个字，请加英文双引号：\"{node.value}\"")
                return MISSING
            if not node.value.strip():
                self.problem(node, path, meaning, "必填内容是空的", **wrong)
                return MISSING
            if (brk := LINE_BREAK.search(node.value)) is not None:
                self.problem(node, path, meaning, "文字中间不能换行（一段文字写在一行里）", expected=wrong["expected"],
                             found=f"“{LINE_BREAK.sub('⏎', node.value)}”（⏎ 处是换行符 U+{ord(brk.group()):04X}）",
                             hint="分段请写成列表中的另一项")
                return MISSING
            if (bad := CONTROL.search(node.value)) is not None:
                self.problem(node, path, meaning, "文字中有看不见的控制字符", expected=wrong["expected"],
                             found=f"字符 U+{ord(bad.group()):04X}",
                             hint="删掉这个字符；通常是从别处复制文字时带进来的")
                return MISSING
            return node.value
        if tp is int:
            if node.tag != INT:
                self.problem(node, path, meaning, "这里应当是整数", **wrong)
                return MISSING
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tp is float:
            if node.tag not in (INT, FLOAT):
                self.problem(node, path, meaning, "这里应当是数字", **wrong)
                return MISSING
            return float(_CONSTRUCTOR.construct_object(node))
        if tp is model.When:
            return self._when(node, path, meaning, wrong)
        if tp is datetime.date:
            try:
                return datetime.date.fromisoformat(node.value)
            except ValueError:
                self.problem(node, path, meaning, "日期写法不对", **wrong)
                return MISSING
        raise TypeError(f"model.py uses a type reader.py does not know: {tp!r}")

    def _when(self, node: yaml.ScalarNode, path: str, meaning: str, wrong: dict[str, str]) -> Any:
        """2024 (YAML reads an integer), 2024-09 (text) or 2024-09-25 (YAML reads a date): each a real date."""
        match = WHEN.fullmatch(node.value) if node.tag in (INT, STR, TIMESTAMP) else None
        if match is None:
            loose = WHEN_LOOSE.fullmatch(unicodedata.normalize("NFKC", node.value)) if isinstance(node, yaml.ScalarNode) else None
            meant = _when_of(*loose.groups()) if loose else None
            if loose and meant is None:
                self.problem(node, path, meaning, "没有这一天（或这个月）", **wrong)
            else:
                self.problem(node, path, meaning, "日期写法不对", **wrong,
                             hint=f"是不是 {meant.iso}？（月和日都写两位数，用“-”连接）" if meant else "")
            return MISSING
        year = int(match.group(1))
        month, day = (int(x) if x else None for x in match.groups()[1:])
        try:
            datetime.date(year, month or 1, day or 1)
        except ValueError:
            self.problem(node, path, meaning, "没有这一天（或这个月）", **wrong)
            return MISSING
        if not 1949 <= year <= 2100:
            self.problem(node, path, meaning, "年份超出范围", **wrong)
            return MISSING
        return model.When(year, month, day)

    def _literal(self, node: yaml.Node, tp: Any, path: str, meaning: str) -> Any:
        choices = [str(a) for a in typing.get_args(tp)]
        if isinstance(node, yaml.ScalarNode) and node.tag == STR and node.value in choices:
            return node.value
        found = node.value if isinstance(node, yaml.ScalarNode) else ""
        self.problem(node, path, meaning, "不是允许的取值", expected=type_words(tp), found=describe(node),
                     hint=suggest(str(found), choices))
        return MISSING

    def _sequence(self, node: yaml.Node, tp: Any, path: str, meaning: str) -> Any:
        item_tp = typing.get_args(tp)[0]
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, path, meaning, "这里应当是列表", expected=type_words(tp), found=describe(node),
                         hint="列表的每一项另起一行，以“- ”开头；或写成 [a, b]")
            return MISSING
        items = [self.read(child, item_tp, f"{path}[{i}]", meaning) for i, child in enumerate(node.value)]
        return tuple(items) if MISSING not in items else MISSING

    def _record(self, node: yaml.Node, cls: Any, path: str, meaning: str) -> Any:
        shorthand = getattr(cls, "SHORTHAND", None)
        if shorthand and isinstance(node, yaml.ScalarNode):
            hints = field_types(cls)
            value = self.read(node, hints[shorthand], path, meaning)
            return MISSING if value is MISSING else cls(**{shorthand: value})
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, path, meaning, "这里应当是一组字段", expected=type_words(cls), found=describe(node))
            return MISSING
        fields = {f.name: f for f in dataclasses.fields(cls)}
        hints = field_types(cls)
        values: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        misspelt: set[str] = set()  # fields an unknown key probably meant: no second "missing" report
        ok = True
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            sub = f"{path}.{key}" if path else key
            if key in first_line:
                self.problem(key_node, sub, fields[key].metadata["zh"] if key in fields else "",
                             f"字段“{key}”在同一处写了两次（第 {first_line[key]} 行和第 {key_node.start_mark.line + 1} 行），"
                             "其中一处的内容会丢失",
                             expected="每个字段只写一次", found=f"第 {first_line[key]} 行和第 {key_node.start_mark.line + 1} 行",
                             hint="把两处合并成一处，或删掉多余的一处")
                ok = False
                continue
            first_line[key] = key_node.start_mark.line + 1
            if key not in fields:
                close = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                misspelt.update(close)
                self.problem(key_node, sub, "", f"不认识的字段“{key}”",
                             expected="以下字段之一：" + "、".join(fields), found=key,
                             hint=suggest(key, fields) or "检查拼写，或删掉这个字段")
                ok = False
                continue
            f = fields[key]
            value = self.read(value_node, hints[key], sub, f.metadata["zh"])
            if value is MISSING:
                ok = False
            values[key] = value
        for name, f in fields.items():
            if is_required(f) and name not in values and name not in first_line and name not in misspelt:
                sub = f"{path}.{name}" if path else name
                self.problem(node, sub, f.metadata["zh"], f"缺少必填字段“{name}”",
                             expected=type_words(hints[name]), found="没有这个字段")
                ok = False
            elif name in values and values[name] == () and f.metadata.get("min_items"):
                sub = f"{path}.{name}" if path else name
                self.problem(node, sub, f.metadata["zh"], "列表不能为空", expected=type_words(hints[name]), found="空列表")
                ok = False
        return cls(**values) if ok else MISSING


def _when_of(year: str, month: str | None, day: str | None) -> model.When | None:
    """The date these parts name, if it exists."""
    y, m, d = int(year), int(month) if month else None, int(day) if day else None
    try:
        datetime.date(y, m or 1, d or 1)
    except ValueError:
        return None
    return model.When(y, m, d)


def read_document(root: yaml.Node, cls: Any, file: str, meaning: str, hint_for: typing.Callable[[str], str] = lambda found: ""
                  ) -> tuple[Any, dict[str, Position], list[Problem]]:
    """Any top-level model class (Plan, Progress) from its file's nodes."""
    reader = Reader(file, hint_for)
    value = reader.read(root, cls, "", meaning)
    return (None if value is MISSING else value), reader.positions, reader.problems


def read_plan(root: yaml.Node, file: str, hint_for: typing.Callable[[str], str] = lambda found: ""
              ) -> tuple[model.Plan | None, dict[str, Position], list[Problem]]:
    reader = Reader(file, hint_for)
    plan = reader.read(root, model.Plan, "", "计划数据")
    return (None if plan is MISSING else plan), reader.positions, reader.problems
