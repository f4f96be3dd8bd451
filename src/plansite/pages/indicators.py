"""Indicators for the targets page: where each quote sits in the text, and the chart that fits it.

A value with a number gets a bar from zero; a value known only by comparison ("grows faster than")
gets a schematic with no numbers at all, so nothing is drawn that the document does not say.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansite.model import Indicator, IndicatorValue
from plansite.pages import charts
from plansite.plan.document import Block

ValueRole = Literal["baseline", "target", "benchmark"]
ROLES: tuple[ValueRole, ...] = ("baseline", "target", "benchmark")
ROLE_LABELS: dict[ValueRole, str] = {"baseline": "基线", "target": "目标", "benchmark": "参照标准"}
COMPARISON_LABELS = {"at_least": "不低于", "greater_than": "高于"}
FILLS: dict[str, charts.Fill] = {"baseline": "solid", "target": "dots", "benchmark": "hatch"}
SENTENCE_ENDS = "。！？"
CLOSERS = "”’」』）"


@dataclass(frozen=True)
class Sentence:
    """The whole sentence around a quote, split so the quote itself can be marked."""
    before: str
    quote: str
    after: str

    @property
    def text(self) -> str:
        return self.before + self.quote + self.after


def sentence_around(text: str, quote: str) -> Sentence:
    """The sentence (or run of sentences) of `text` that contains `quote`. A sentence ends at 。！？,
    together with any closing quotation mark or bracket that follows."""
    start = text.index(quote)
    end = start + len(quote)
    begin = 0
    for i in range(start - 1, -1, -1):
        if text[i] in SENTENCE_ENDS:
            begin = i + 1
            while begin < len(text) and text[begin] in CLOSERS:
                begin += 1
            break
    stop = len(text)
    for i in range(end, len(text)):
        if text[i] in SENTENCE_ENDS:
            stop = i + 1
            while stop < len(text) and text[stop] in CLOSERS:
                stop += 1
            break
    return Sentence(text[begin:start], quote, text[end:stop])


def block_of(blocks: list[Block], quote: str) -> Block:
    """The paragraph holding the quote (checks.py guarantees exactly one)."""
    return next(b for b in blocks if quote in b.printed)


def value_text(indicator: Indicator, value: IndicatorValue) -> str:
    """8.9% · 不低于 2500人次 · 高于当年同级财政经常性收入的增长幅度"""
    prefix = COMPARISON_LABELS.get(value.comparison or "", "")
    if value.value is not None:
        number = f"{charts.format_value(value.value)}{indicator.unit or ''}"
        return f"{prefix} {number}" if prefix else number
    return f"{prefix}{value.relative_to or ''}"


def bar_label(value: IndicatorValue) -> str:
    label = ROLE_LABELS[value.role]
    return f"{label}（{value.year}年）" if value.year else label


def chart_for(indicator: Indicator) -> charts.Svg:
    chart_id = f"chart-{indicator.id}"
    by_role = {v.role: v for v in indicator.values}
    numeric = [(v, number) for r in ROLES if (v := by_role.get(r)) is not None and (number := v.value) is not None]
    if numeric:
        bars = tuple(charts.Bar(bar_label(v), number, f"{charts.format_value(number)}{indicator.unit or ''}",
                                FILLS[v.role], open_ended=v.comparison == "at_least") for v, number in numeric)
        desc = "横向条形图，刻度从0开始。" + "；".join(f"{bar_label(v)}：{value_text(indicator, v)}" for v, _ in numeric) + "。"
        if any(v.comparison == "at_least" for v, _ in numeric):
            desc += "带箭头的条表示“不低于”这个数。"
        return charts.bar_chart(chart_id, indicator.name, desc, bars, indicator.unit or "")
    relative, relative_to = next((v, v.relative_to) for v in indicator.values if v.relative_to)
    relation = COMPARISON_LABELS.get(relative.comparison or "", "不同于")
    desc = (f"示意图，没有数值。{indicator.name}：{value_text(indicator, relative)}。"
            f"上方条表示“{relative.relative_to}”，下方较长的条表示“{indicator.name}”；长短只表示大小关系。")
    return charts.comparison_chart(chart_id, indicator.name, desc, indicator.name, relative_to, relation)
