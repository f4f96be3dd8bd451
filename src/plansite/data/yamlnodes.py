"""Read YAML into PyYAML's node graph, keeping line numbers, and catch what PyYAML would hide.

We never use yaml.safe_load on the plan: it keeps the last of two duplicate keys without a word,
and it turns a bare `no` into False. Validation (reader.py) works on these nodes instead, so every
value still knows its line and the tag YAML gave it, and duplicates are caught where keys are read.
"""
from __future__ import annotations

import re
import types
from typing import Mapping

import yaml

from plansite.data.problems import Problem

# libyaml's parser when PyYAML was built with it (the wheels are): the same YAML 1.1 nodes and marks,
# about ten times faster than the pure-Python one (the build parses the plan and every guide example).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# PyYAML's messages, said for an editor. Matched by substring, first match wins.
SYNTAX_MESSAGES = (
    ("could not find expected ':'", "这一行应当写成“字段名: 内容”，但没有找到冒号加空格",
     "检查冒号后面是否漏了空格，或上一行的引号、括号是否没有闭合"),
    ("found character '\\t'", "用了 Tab 键缩进", "YAML 只能用空格缩进，请把 Tab 换成空格"),
    ("tab character", "用了 Tab 键缩进", "YAML 只能用空格缩进，请把 Tab 换成空格"),  # libyaml's wording
    ("expected ',' or ']'", "方括号 [ ] 里的列表没有正确结束", "检查是否漏了“]”，或两项之间漏了英文逗号"),
    ("expected <block end>", "缩进不一致", "同一层的字段要左对齐，下一层比上一层多缩进两个空格"),
    ("did not find expected key", "缩进不一致", "同一层的字段要左对齐，下一层比上一层多缩进两个空格"),
    ("did not find expected '-' indicator", "列表项的缩进不一致", "同一列表的各项“- ”要左对齐"),
    ("mapping values are not allowed here", "这里多了一个“: ”（英文冒号加空格）",
     "文字里有英文冒号加空格时，请把整段文字用英文双引号括起来"),
    ("found unexpected end of stream", "引号没有闭合，一直读到了文件末尾", "检查最近加的英文引号是否成对"),
    ("cannot start any token", "这里出现了不能放在开头的符号",
     "文字以 % @ ` 等符号开头时，请把整段用英文双引号括起来；也检查前面是否有没闭合的引号"),
)


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as err:
        return None, [syntax_problem(err, file, text)]
    except yaml.YAMLError as err:  # e.g. a second document in the file
        return None, [Problem(file, 1, 1, "", "", "YAML 格式错误，文件无法读取", found=str(err))]
    if root is None:
        return None, [Problem(file, 1, 1, "", "", "文件是空的", expected="计划数据（document、chapters 等字段）")]
    return root, []


def syntax_problem(err: yaml.MarkedYAMLError, file: str, text: str = "") -> Problem:
    # For an unfinished key or [list], the mistake is where it started, not where PyYAML gave up.
    started = err.context and ("simple key" in err.context or "flow" in err.context)
    mark = (err.context_mark if started else None) or err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    original = " ".join(x for x in (err.context, err.problem) if x)
    message, hint = "文件无法按 YAML 读取", "对照上下几行的写法检查这一行"
    seen = _seen_in_text(err, text.split("\n")) if text else None
    if seen is not None:
        message, hint, line, col = seen
    else:
        for needle, said, advice in SYNTAX_MESSAGES:
            if needle in original:
                message, hint = said, advice
                break
    found = f"YAML 报告：{original}"
    if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        found += f"（第 {err.context_mark.line + 1} 行开始，第 {err.problem_mark.line + 1} 行无法继续）"
    return Problem(file, line, col, "", "", f"YAML 格式错误：{message}",
                   expected="合法的 YAML：“字段名: 内容”，冒号后留一个空格，用空格缩进且同级对齐",
                   found=found, hint=hint)


# What the lines themselves show, where PyYAML's words mislead: a tab that libyaml calls "a character
# that cannot start any token", a key followed by a Chinese colon, text that starts with [ or {.
KEY_THEN_CHINESE_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_-]*)\s*：")
KEY_THEN_FLOW = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_-]*):\s+([\[{])")


def _seen_in_text(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[str, str, int, int] | None:
    """(message, hint, line, column) when the lines PyYAML stopped at show the real cause."""
    marks = [m for m in (err.problem_mark, err.context_mark) if m is not None and m.line < len(lines)]
    for m in marks:
        text = lines[m.line]
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent or text[m.column: m.column + 1] == "\t":
            at = indent.index("\t") if "\t" in indent else m.column
            return "用了 Tab 键缩进", "YAML 只能用空格缩进，请把 Tab 换成空格", m.line + 1, at + 1
    for m in marks:
        text = lines[m.line]
        colon = KEY_THEN_CHINESE_COLON.match(text)
        if colon:
            key = colon.group(2)
            return ("字段名后面用了中文冒号“：”", f"把“{key}：”改成英文冒号加一个空格：“{key}: ”（切换到英文输入法再打冒号）",
                    m.line + 1, text.index("：") + 1)
    for m in marks:
        text = lines[m.line]
        flow = KEY_THEN_FLOW.match(text)
        if flow and _text_after_closing(text[flow.start(2):]):
            key, opening = flow.group(1), flow.group(2)
            value = text[flow.start(2):].rstrip()
            quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            return (f"文字以“{opening}”开头，YAML 把它当成了{'列表' if opening == '[' else '一组字段'}的开始",
                    f"以 [ 或 {{ 开头的文字要用英文双引号把整段括起来：{key}: {quoted}", m.line + 1, flow.start(2) + 1)
    return None


def _text_after_closing(value: str) -> bool:
    """`[2024]全国科普日`: the bracket closes and text follows it (a real list ends the line)."""
    depth = 0
    for i, ch in enumerate(value):
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                rest = value[i + 1:].strip()
                return bool(rest) and not rest.startswith("#")
    return False


WHOLE_FILE = ""  # line_spans' path of the root node


def line_spans(root: yaml.Node) -> Mapping[str, tuple[int, int]]:
    """YAML path (as reader.py writes it: 'chapters[2].tasks[0]'; '' for the root) → (first line,
    last line), 1-based: which lines of the file each part of the plan is made from."""
    out: dict[str, tuple[int, int]] = {}

    def walk(node: yaml.Node, path: str) -> int:
        """Record the node's lines; return its last line. A block collection's end mark is the start
        of whatever follows it, so its last line is its last child's."""
        first = node.start_mark.line + 1
        last = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
        if isinstance(node, yaml.MappingNode):
            ends = [walk(value, f"{path}.{key.value}" if path else str(key.value)) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            ends = [walk(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        else:
            ends = []
        if ends and isinstance(node, yaml.CollectionNode) and not node.flow_style:
            last = max(ends)
        out[path] = (first, max(last, first))
        return out[path][1]

    walk(root, WHOLE_FILE)
    return types.MappingProxyType(out)  # shared through load.parse's cache: read-only
