"""Draft → YAML text in data/plan.yaml's layout: its header, key order, 2-space indentation, flow lists for
annex rows, variants and notes' printed pieces, quotes only where YAML needs them ("1.")."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import yaml

from plansite.importer.draft import Commented, Draft, Flow, Raw, Review

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

HEADER = """\
# yaml-language-server: $schema=../docs/schema/plan.schema.json
#
# {title} —— 全文与任务分工的结构化数据（导入草稿）
# {number_line}由 `python scripts/build_pages.py import {source}` 从公开文件导入，尚待编辑审核。
#
# 审核须知
# - 标有“待核：”的值是导入程序拿不准的：对照原文确认后删去“待核：”这三个字（见各处上一行的说明）。
# - 写着“待填”的值是导入程序没有找到的：对照原文填写。
# - 检查（`python scripts/build_pages.py check 本文件`）会在每一处“待核”“待填”报错，全部处理后才能通过。
# - 导入程序没有写、需要编辑补充的：site（网站名称、简介、页脚）、indicators（量化指标）、audiences（按人群浏览），
#   以及更好记的 id（导入时按拼音和序号生成，网址由 id 而来，发布前改好，发布后不要再改）。
#
# 编辑须知（修改后请运行 `python scripts/build_pages.py check` 检查）
# - 正文必须与原件逐字一致。只修复提取造成的问题，不改写、不删减、不增补；每处修复记入文末 notes。
# - id 是英文小写字母、数字和连字符（如 youth、kexie），用来生成网址，定下后不要再改。
# - 序号（number）连同标点照原文写（一、 （一） 1.）；标题（title）照原文，原文有句号就连同句号。
# - 文字里有英文冒号加空格“: ”、开头是 - [ {{ & * ! | > ' " % @ ` 等符号时，请用英文双引号把整段括起来。
#
# 字段一览（Field reference; keys are English snake_case）
# document            文件信息：letterhead 版头、number 发文字号（可无）、notice_title 通知标题、addressees 主送机关、
#                     notice 通知正文、signatory 落款、date 成文日期（YYYY-MM-DD）、disclosure 公开方式（可无）、
#                     plan_title 实施方案标题、period 规划期（start、end）、based_on 制定依据（可无）、
#                     attachment_title 附件名称（有 annex 时必填）
# preamble            实施方案开头的段落（一段一项）
# chapters            正文各部分：id, number（一、）, title, paragraphs, sections（小节，可有 items 编号条目）,
#                     tasks（提升行动 action / 重点工程 project：number, title, target_group, intro, measures）
# departments         部门名录：id, name 规范名称, kind 类别, variants 原文中的其他写法
# annex               附件任务分工：task 任务 id, printed_title 附件中不同的任务名称, lead 牵头, responsible 责任
# notes               编辑说明：kind, where, printed（原件中的样子）, normalised（本站写法）, explanation
# jurisdiction        行政区划：level（区/县/市）, name 全称
# words               原文的称呼：department（部门/单位）, lead, responsible, category, task
"""

SECTION_COMMENTS = {
    "departments": ["# ── 部门名录 ─────────────────────────────────────────────",
                    "# 每个真实部门一条。name 取附件中出现次数最多的写法；原文中的其他写法逐字列在 variants 里，",
                    "# 附件里凡是按其他写法印出的地方，都在 annex 中写成 {id: …, printed: …}，合并因此一目了然。"],
    "annex": ["# ── 附件：重点任务分工 ───────────────────────────────────",
              "# 每项任务一行，task 指向上文的提升行动或重点工程。lead 为牵头部门，responsible 为责任部门，",
              "# 均按原文顺序列出部门 id。附件印法与部门规范名称不同时写成 {id: …, printed: 原文写法}。",
              "# printed_title 只在附件中的任务名称与正文标题不同时填写。"],
    "notes": ["# ── 编辑说明：导入时对原文所做的每一处技术性整理 ──────────────────",
              "# kind 取值：page_break（分页处被截断的句子已接回）、stray_space（数字两侧多余空格已删除）、",
              "# line_break（标题中的换行已删除）、repeated_header（分页处重复的表头已删除）、wording（原文前后用词不一致，照录）。"],
    "jurisdiction": ["# 行政区划；原文对部门和分工的称呼"],
}


@dataclass(frozen=True)
class Marked:
    line: int  # 1-based line of the marked value in the draft
    review: Review


@functools.lru_cache(maxsize=None)
def plain_ok(text: str, flow: bool) -> bool:
    """Whether `text` can be written without quotes and reads back as the same string."""
    if not text or text != text.strip() or "\n" in text or text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and any(c in text for c in ",[]{}")):
        return False
    try:
        back = yaml.load(f"[{text}]" if flow else text, Loader=Loader)
    except yaml.YAMLError:
        return False
    return back == [text] if flow else back == text


def scalar(value: object, flow: bool = False) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool) or value is None:
        raise TypeError(f"the draft has no {value!r} values")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return text if plain_ok(text, flow) else json.dumps(text, ensure_ascii=False)


class Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.marked: list[Marked] = []

    def comment(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text)

    def review_comment(self, indent: int, review: Review) -> None:
        self.lines.append(f"{' ' * indent}# {review.marker}：{review.why}")

    def value_text(self, value: object, flow: bool = False) -> str:
        if isinstance(value, Review):
            self.marked.append(Marked(len(self.lines), value))  # its line is the last one started
            return scalar(value.written, flow)
        return scalar(value, flow)

    def flow(self, items: list) -> str:
        parts = []
        for item in items:
            if isinstance(item, dict):
                parts.append("{" + ", ".join(f"{k}: {self.value_text(v, True)}" for k, v in item.items()) + "}")
            else:
                parts.append(self.value_text(item, True))
        return "[" + ", ".join(parts) + "]"

    def reviews_in(self, value: object) -> list[Review]:
        if isinstance(value, Review):
            return [value]
        if isinstance(value, Flow):
            return [r for item in value.items for r in self.reviews_in(item)]
        if isinstance(value, dict):
            return [r for v in value.values() for r in self.reviews_in(v)]
        return []

    def mapping(self, data: dict, indent: int, first_prefix: str = "") -> None:
        """first_prefix: '- ' when the mapping is a list entry (its first key shares the dash's line)."""
        pad = " " * indent
        for n, (key, value) in enumerate(data.items()):
            lead = (pad[:-2] + first_prefix) if (n == 0 and first_prefix) else pad
            if isinstance(value, Commented):
                for text in value.comments:
                    self.comment(indent, text)
                value = value.value
            if isinstance(value, Flow):
                reviews = self.reviews_in(value)
                if reviews and n == 0 and first_prefix:
                    raise ValueError("a flow list under review cannot open a list entry")
                for review in reviews:
                    self.review_comment(indent, review)
                line = f"{lead}{key}: "
                self.lines.append(line)  # started before the values are written: marked lines count from here
                self.lines[-1] = line + self.flow(value.items)
            elif isinstance(value, dict):
                self.lines.append(f"{lead}{key}:")
                self.mapping(value, indent + 2)
            elif isinstance(value, list):
                self.lines.append(f"{lead}{key}:")
                self.sequence(value, indent + 2)
            else:
                if isinstance(value, Review):
                    self.review_comment(indent - 2 if n == 0 and first_prefix else indent, value)
                self.lines.append("")
                self.lines[-1] = f"{lead}{key}: {self.value_text(value)}"

    def sequence(self, items: list, indent: int) -> None:
        pad = " " * indent
        for item in items:
            if isinstance(item, Commented):
                for text in item.comments:
                    self.comment(indent, text)
                item = item.value
            if isinstance(item, dict):
                self.mapping(item, indent + 2, "- ")
            else:
                if isinstance(item, Review):
                    self.review_comment(indent, item)
                self.lines.append("")
                self.lines[-1] = f"{pad}- {self.value_text(item)}"


def write(draft: Draft, source_name: str) -> tuple[str, list[Marked]]:
    """The draft's YAML text and, for each value left for review, its line."""
    w = Writer()
    number_line = f"{draft.number}。" if draft.number else ""
    w.lines.extend(HEADER.format(title=draft.title or "实施方案", number_line=number_line,
                                 source=source_name).rstrip("\n").split("\n"))
    for key, value in draft.tree.items():
        w.lines.append("")
        for text in SECTION_COMMENTS.get(key, []):
            w.lines.append(text)
        w.mapping({key: value}, 0)
    return "\n".join(w.lines) + "\n", w.marked
