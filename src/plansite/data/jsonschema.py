"""The JSON Schema of data/plan.yaml and data/progress.yaml, for editors' tools (VS Code's YAML extension).

Derived from model.py through the same type readings as the reader (reader.py), so the rules an editor
meets while typing and those `check` applies cannot drift apart. Cross-references (unknown department,
duplicate id …) are checked by checks.py only.
"""
from __future__ import annotations

import dataclasses
import datetime
import typing
from typing import Any, Literal

from plansite import model
from plansite.data.reader import (
    CONTROLS,
    IMPORT_MARKERS,
    LINE_BREAKS,
    field_types,
    is_optional,
    is_required,
    non_null,
    record_type,
    type_words,
)

SCHEMA_ID = "plan.schema.json"
# Not blank, one line, no control characters. `(?![\\s\\S])` is "end of text" in both Python and ECMA-262
# regexes (Python's `$` also matches before a final newline).
# Nor an import draft's review marker (IMPORT_MARKERS), which `check` rejects too.
TEXT_JSON_PATTERN = (f"^(?![\\s]*(?![\\s\\S]))(?![\\s\\S]*(?:{'|'.join(IMPORT_MARKERS)}))"
                     f"[^{LINE_BREAKS}{CONTROLS}]+(?![\\s\\S])")


def json_schema(root: Any = model.Plan, title: str = "data/plan.yaml", schema_id: str = "plan.schema.json",
                description: str = "") -> dict:
    """A JSON Schema (draft-07, inlined so every field carries its Chinese description in any editor).

    It states the structural rules of read_plan; cross-references (unknown department, duplicate id …)
    are checked by checks.py and by `scripts/build_pages.py check` only."""
    out = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": schema_id,
        "title": title,
        "description": description or "实施方案的结构化数据：网站的每一页都由它生成。由 src/plansite/model.py 自动生成，请勿手改；"
                       "重新生成：python scripts/build_pages.py schema",
    }
    out.update(_json_type(root))
    return out


def _json_type(tp: Any) -> dict:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        base, *extras = typing.get_args(tp)
        out = _json_type(base)
        for extra in extras:
            if isinstance(extra, model.Pattern):
                out = {"type": "string", "pattern": f"^(?:{extra.regex})$"}
            if isinstance(extra, model.Range):
                out.update(minimum=extra.low, maximum=extra.high)
        return out
    if is_optional(tp):
        inner = _json_type(non_null(tp))
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is Literal:
        return {"type": "string", "enum": [str(a) for a in typing.get_args(tp)]}
    if origin is tuple:
        return {"type": "array", "items": _json_type(typing.get_args(tp)[0])}
    if dataclasses.is_dataclass(tp):
        hints = field_types(tp)
        properties, required = {}, []
        for f in dataclasses.fields(tp):
            prop = _json_type(hints[f.name])
            words = "" if record_type(hints[f.name]) else f"（{type_words(hints[f.name])}）"
            prop = {"description": f"{f.metadata['zh']}{words}", **prop}
            if f.metadata.get("min_items"):
                prop["minItems"] = f.metadata["min_items"]
            properties[f.name] = prop
            if is_required(f):
                required.append(f.name)
        record = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
        shorthand = getattr(tp, "SHORTHAND", None)
        if shorthand:  # DeptRef: `kexie` or `{id: kexie, printed: …}`
            return {"anyOf": [_json_type(hints[shorthand]), record]}
        return record
    if tp is str:
        return {"type": "string", "pattern": TEXT_JSON_PATTERN}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is datetime.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp is model.When:
        return {"anyOf": [{"type": "integer", "minimum": 1949, "maximum": 2100},
                          {"type": "string", "pattern": r"^\d{4}-\d{2}(?:-\d{2})?$"}]}
    raise TypeError(f"model.py uses a type jsonschema.py does not know: {tp!r}")
