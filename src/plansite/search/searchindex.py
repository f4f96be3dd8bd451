"""The search index, rewritten after Material has written it (site/search/search_index.json).

1. Name parts. Lunr matches prefixes only, so once 区气象局 is one word, "气象局" finds nothing. Each
   entry gets two extra fields, `title_parts` and `text_parts`, listing the parts (dictionary.parts) of
   the dictionary words in its title and text, boosted like title and text. They are indexed, never shown.
2. Size. Material writes the JSON ASCII-escaped: six bytes for every Chinese character and for every
   U+200B it puts between words. The rewrite is UTF-8 (three bytes), and drops each U+200B that
   separates nothing (next to punctuation that is itself a separator, a tag, or the end of the text).

Every change is checked before the file is replaced: the JSON reads back as the same data, and each
entry's title and text split into exactly the same words as before (the client splits them the way
`words` does: markup aside, then at the separator).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

ZWSP = "\u200b"
TAG = re.compile(r"<[^>]*>")
PART_FIELDS = {"title": "title_parts", "text": "text_parts"}


class IndexShapeError(Exception):
    pass


def words(text: str, separator: re.Pattern) -> list[str]:
    """The words the search worker makes of a field (Material: internal/tokenize + extract + split)."""
    out: list[str] = []
    for section in TAG.split(text):
        out.extend(w.lower() for w in separator.split(section) if w)
    return out


def tidy(text: str, separator: re.Pattern) -> str:
    """Drop each U+200B that separates nothing: next to another separator, a tag or the text's ends."""
    out = []
    for i, ch in enumerate(text):
        if ch == ZWSP:
            before = text[i - 1] if i else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if any(c == "" or c in "<>" or (c != ZWSP and separator.fullmatch(c)) for c in (before, after)):
                continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Sizes:
    before: int
    after: int


def shape(data: dict, parts_by_word: dict[str, list[str]]) -> dict:
    """A new index: parts fields added, U+200B tidied. Raises IndexShapeError if any field's words changed."""
    config = dict(data["config"])
    separator = re.compile(config["separator"])
    fields = dict(config["fields"])
    for field, parts_field in PART_FIELDS.items():
        fields[parts_field] = {"boost": fields[field]["boost"]}
    config["fields"] = fields
    docs = []
    for doc in data["docs"]:
        new = dict(doc)
        for field, parts_field in PART_FIELDS.items():
            before = words(doc[field], separator)
            new[field] = tidy(doc[field], separator)
            if words(new[field], separator) != before:
                raise IndexShapeError(f"{doc['location']}: tidying {field} changed its words")
            present = set(before)
            extra = sorted({p for w in present for p in parts_by_word.get(w, ()) if p not in present})
            if extra:
                new[parts_field] = " ".join(extra)
        docs.append(new)
    return {**data, "config": config, "docs": docs}


def dumps(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if json.loads(text) != data:
        raise IndexShapeError("the UTF-8 JSON does not read back as the same index")
    return text


def rewrite(path: Path, parts_by_word: dict[str, list[str]]) -> Sizes:
    """Shape the index at `path` in place; the original stays if anything fails."""
    original = path.read_bytes()
    data = json.loads(original)
    text = dumps(shape(data, parts_by_word)).encode("utf-8")
    tmp = path.with_suffix(".json.tmp")
    tmp.write_bytes(text)
    tmp.replace(path)
    return Sizes(len(original), len(text))
