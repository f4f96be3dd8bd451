"""The jieba user dictionary, generated from the plan, and the parts of every word in it.

Material segments Chinese with jieba when it builds the index. Left to itself jieba cuts names apart
(区人社局 → 区人/社局, 区民族宗教委 → 区/民族宗教/委), and a reader's query then matches the wrong
pieces. So every name below becomes one word. Lunr only matches word *prefixes*, so a whole-word name
would hide its parts ("气象局" for 区气象局, "自然资源局" for 区规划自然资源局): `parts()` lists them,
and the index carries them in extra fields (see searchindex.py).

Where the words come from — all from data/plan.yaml, nothing hand-copied:
- department names and every variant printed in the document (the registry);
- names the document itself marks as names: text in “quotes” (一带一路, 科创中国, 三下乡, 智惠行动 …)
  and short titles in 《…》;
- place names written as administrative divisions: 重庆市武隆区, 四川省乐山市 → 重庆, 武隆, 四川, 乐山.
"""
from __future__ import annotations

import marshal
import os
import re
import tempfile
from dataclasses import dataclass

from backrefs import bre

from plansite.model import Plan
from plansite.plan import document

# The same definition of "Chinese" as Material's search plugin, which segments exactly these runs.
HAN = bre.compile(r"\p{script: Han}+")

# Department names start with the jurisdiction's prefix; the rest is what people call the department.
# A plan's own prefixes come from its jurisdiction (terms.name_prefixes: 县委, 市政府, 武隆区 …);
# this is a district's, the default.
ADMIN_PREFIXES = ("区政府", "区委", "区")

QUOTED = re.compile(r"“([^”]+)”")
TITLED = re.compile(r"《([^》]+)》")
# 四川省乐山市, 重庆市武隆区: a province or city followed by a city, district or county.
DIVISION = re.compile(r"(?=(\w{2,3}?)(省|市)(\w{2,3}?)(市|区|县))")  # overlapping: try every start

MIN_NAME, MAX_NAME = 2, 10  # quoted or titled text longer than a name is a slogan or a document title


@dataclass(frozen=True)
class Term:
    word: str
    source: str  # 部门 / 引号 / 书名号 / 地名: why the word is in the dictionary


def han_runs(text: str) -> list[str]:
    return [match.group() for match in HAN.finditer(text)]


def terms(plan: Plan) -> list[Term]:
    """Every dictionary word with its source, first source wins, in a stable order."""
    found: dict[str, str] = {}

    def add(word: str, source: str) -> None:
        if len(word) >= MIN_NAME:
            found.setdefault(word, source)

    for dept in plan.departments:
        for printed in (dept.name, *dept.variants):
            for run in han_runs(printed):
                add(run, "部门")
    text = "\n".join(b.printed for b in document.blocks(plan))
    for match in QUOTED.finditer(text):  # “政府推动、全民参与……”: each part of a quoted list
        for run in han_runs(match.group(1)):
            if len(run) <= MAX_NAME:
                add(run, "引号")
    for match in TITLED.finditer(text):  # a short title only, not a document's full title
        if han_runs(match.group(1)) == [match.group(1)] and len(match.group(1)) <= MAX_NAME:
            add(match.group(1), "书名号")
    tokenizer = jieba_alone()
    for match in DIVISION.finditer(plan.document.signatory + "\n" + text):
        upper, upper_kind, lower, lower_kind = match.groups()
        if is_word(tokenizer, upper) and is_word(tokenizer, lower):  # not 与四川省: jieba knows the places
            for word in (upper, upper + upper_kind, lower, lower + lower_kind):
                add(word, "地名")
    return [Term(word, source) for word, source in sorted(found.items(), key=lambda kv: (kv[1], kv[0]))]


def userdict(plan: Plan) -> str:
    """jieba's user-dictionary format, one word a line. No frequency: jieba then gives each word just
    enough weight to be cut whole (Tokenizer.suggest_freq)."""
    return "".join(f"{t.word}\n" for t in terms(plan))


def parts(word: str, cut, department: bool = False, prefixes: tuple[str, ...] = ADMIN_PREFIXES) -> list[str]:
    """The parts of `word` a reader may type on their own:
    - for a department, the name after the district's prefix (区人社局 → 人社局, 区委统战部 → 统战部);
    - every suffix that starts at a word boundary of jieba's own segmentation (区规划自然资源局 =
      区/规划/自然资源/局 → 自然资源局; 区住房城乡建委 → 城乡建委, 建委). Two-character tails count
      only in a department's own name (区…): elsewhere they are generic words (行政学校 → 学校,
      人防中心 → 中心), and a reader typing them means the word, not the department.
    A prefix needs no entry: Lunr matches prefixes.

    `cut(s)` segments with jieba's dictionary alone, without this user dictionary."""
    prefix = next((p for p in prefixes if word.startswith(p)), "") if department else ""
    shortest = MIN_NAME if prefix else 3
    found, at = set(), 0
    for piece in cut(word)[:-1]:
        at += len(piece)
        if len(word) - at >= shortest:
            found.add(at)
    if prefix and len(word) - len(prefix) >= MIN_NAME:
        found.add(len(prefix))
    return [word[i:] for i in sorted(found)]


_pristine = None


def jieba_alone():
    """A jieba tokenizer with jieba's dictionary only: a copy of the global one, taken before this site's
    user dictionary is first loaded into it (the search plugin loads it into the global tokenizer, and
    `mkdocs serve` keeps that across rebuilds)."""
    global _pristine
    if _pristine is None:
        import jieba

        read_jieba_dictionary()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
        _pristine = tokenizer
    return _pristine


def read_jieba_dictionary(dt=None) -> None:
    """Load jieba's own dictionary into its global tokenizer (or `dt`), as jieba does, but read its cache file in one
    piece: jieba unmarshals that 9 MB file straight from the open file, which takes three times as long
    (0.8 s against 0.25 s, in every build and in the offline copy's). The same file, the same words. Where
    jieba would do anything else (no cache file yet, another dictionary) it is left to jieba."""
    import jieba

    dt = jieba.dt if dt is None else dt
    with dt.lock:
        if dt.initialized:
            return
        if dt.dictionary == jieba.DEFAULT_DICT and not dt.cache_file:
            try:
                with open(os.path.join(dt.tmp_dir or tempfile.gettempdir(), "jieba.cache"), "rb") as f:
                    freq, total = marshal.loads(f.read())
                if isinstance(freq, dict) and isinstance(total, int):
                    dt.FREQ, dt.total, dt.initialized = freq, total, True
                    return
            except (OSError, EOFError, ValueError, TypeError):
                pass
        dt.check_initialized()


def reset_global_tokenizer() -> None:
    """Give jieba's global tokenizer back its own dictionary, without any site's user dictionary.

    The search plugin loads the user dictionary into that tokenizer on every build, and `mkdocs serve`
    rebuilds in one process: without this, the words of an earlier version of the data (a department
    since renamed) would still decide how the preview's index is cut into words, unlike a fresh build."""
    import jieba

    pristine = jieba_alone()
    if jieba.dt.total != pristine.total or jieba.dt.user_word_tag_tab:  # a user dictionary was loaded
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.user_word_tag_tab = dict(pristine.FREQ), pristine.total, {}


def is_word(tokenizer, text: str) -> bool:
    return tokenizer.FREQ.get(text, 0) > 0  # jieba also stores every prefix of a word, with frequency 0


def parts_by_word(found: list[Term], prefixes: tuple[str, ...] = ADMIN_PREFIXES) -> dict[str, list[str]]:
    """Every dictionary word that has parts, with its parts; `prefixes` longest first."""
    tokenizer = jieba_alone()
    out = {}
    for t in found:
        p = parts(t.word, lambda s: tokenizer.lcut(s, HMM=False), department=t.source == "部门", prefixes=prefixes)
        if p:
            out[t.word] = p
    return out
