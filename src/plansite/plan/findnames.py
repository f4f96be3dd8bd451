"""Which of many names occur in which texts, in one pass over the texts.

Department pages quote every paragraph that names the department. Testing each department's
names against each paragraph grows with departments × paragraphs; for a plan 50 times the real
size that was a million substring searches. Here all names are compiled into one regular
expression shaped like a trie, so each text is scanned once whatever the number of names.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence


def _trie_pattern(root: dict) -> str:
    """The regex matching the longest name that continues from the root.

    Built without recursion and with runs of single-child nodes written as one literal, so a very
    long name (an editor can paste anything) costs neither Python's stack nor regex nesting depth;
    groups nest only where names branch or end. Only the nodes where a run ends are visited, so the
    work grows with the names' total length, not with its square."""
    patterns: dict[int, str] = {}
    stack: list[tuple[dict, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((_run(ch, child)[1], False) for ch, child in node.items() if ch != "")
            continue
        alternatives = []
        for ch, child in sorted(node.items()):
            if ch == "":
                continue
            run, end = _run(ch, child)
            alternatives.append(re.escape(run) + patterns[id(end)])
        if not alternatives:
            patterns[id(node)] = ""
            continue
        body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
        patterns[id(node)] = f"(?:{body})?" if "" in node else body  # "" marks the end of a name
    return patterns[id(root)]


def _run(ch: str, child: dict) -> tuple[str, dict]:
    """The characters from `ch` down a chain with no branch and no name ending, and the node it stops at."""
    chars = [ch]
    while len(child) == 1 and "" not in child:
        (next_ch, child), = child.items()
        chars.append(next_ch)
    return "".join(chars), child


def occurrences(texts: Sequence[str], names: Iterable[str]) -> dict[str, list[int]]:
    """name → indices of the texts that contain it (ascending); exactly `name in text`, for every name."""
    wanted = sorted({n for n in names if n})
    out: dict[str, list[int]] = {n: [] for n in wanted}
    if not wanted:
        return out
    trie: dict = {}
    for name in wanted:
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = True
    # A zero-width lookahead finds, at every position, the longest name starting there; the
    # shorter names starting at the same position are exactly the names that are its prefixes.
    finder = re.compile(f"(?=({_trie_pattern(trie)}))")
    known = set(wanted)
    prefixes = {n: [n[:i] for i in range(1, len(n) + 1) if n[:i] in known] for n in wanted}
    for i, text in enumerate(texts):
        found: set[str] = set()
        for match in finder.finditer(text):
            found.update(prefixes[match.group(1)])
        for name in found:
            out[name].append(i)
    return out
