"""Charts as inline SVG, drawn at build time in plain Python: no chart library, nothing fetched.

Every chart is readable without colour: each mark carries its own text label and value, and the
kinds of mark differ by pattern (solid, hatched, dotted, outlined), not by hue. Colours come from
CSS (currentColor and classes), so dark and elder-friendly modes restyle them without a rebuild.
Every chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`; the page
shows the same facts as text next to it.

All text that reaches the markup goes through `html.escape` here. `Svg` carries `__html__`, so Jinja
inserts it as it is while still escaping every plain value around it.
"""
from __future__ import annotations

import datetime
import html
import math
from dataclasses import dataclass
from typing import Literal

from plansite.plan.timeline import Schedule, StageState

Fill = Literal["solid", "hatch", "dots", "outline"]
STAGE_FILLS: dict[StageState, Fill] = {"past": "hatch", "current": "solid", "future": "outline"}
WIDTH = 360  # viewBox units; drawn about 1:1 on a 360 px phone, capped in CSS on wide screens
FONT = 15
SMALL = 13
PAD = 8


class Svg:
    """Finished markup. Jinja's autoescape honours __html__, so no `|safe` is needed in templates."""

    def __init__(self, markup: str):
        self.markup = markup

    def __html__(self) -> str:
        return self.markup

    def __str__(self) -> str:
        return self.markup


def _attrs(attrs: dict[str, object]) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{html.escape(_num(v) if isinstance(v, float) else str(v), quote=True)}"'
                   for k, v in attrs.items() if v is not None)


def _num(x: float) -> str:
    """Short, stable numbers in coordinates: 12.0 → 12, 1/3 → 0.33."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def el(tag: str, content: str = "", /, **attrs: object) -> str:
    """An element whose content is already markup (made by el/text)."""
    return f"<{tag}{_attrs(attrs)}>{content}</{tag}>" if content else f"<{tag}{_attrs(attrs)}/>"


def text(x: float, y: float, words: str, **attrs: object) -> str:
    return el("text", html.escape(words, quote=False), x=float(x), y=float(y), **attrs)


def text_width(words: str, size: float = FONT) -> float:
    """Estimated advance: CJK characters and full-width punctuation are one em, the rest about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.56 for ch in words)


def format_value(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def nice_max(value: float) -> tuple[float, float]:
    """An axis end at or above `value` and its tick step: 13 → (15, 5), 2500 → (3000, 1000)."""
    if value <= 0:
        return 1.0, 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (magnitude / 2, magnitude, magnitude * 2, magnitude * 5, magnitude * 10):
        end = math.ceil(value / step) * step
        if end / step <= 6:
            if end == value:  # leave room past the longest bar
                end += step
            return float(end), float(step)
    return float(value), float(value)


def _defs(chart_id: str) -> str:
    """Fill patterns, drawn in currentColor so they follow the page's text colour."""
    return el("defs",
              el("pattern",
                 el("rect", width=8, height=8, fill="none") +
                 el("path", d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4", stroke="currentColor", stroke_width=1.6),
                 id=f"{chart_id}-hatch", patternUnits="userSpaceOnUse", width=8, height=8) +
              el("pattern",
                 el("circle", cx=3, cy=3, r=1.5, fill="currentColor"),
                 id=f"{chart_id}-dots", patternUnits="userSpaceOnUse", width=6, height=6))


def _fill_attrs(chart_id: str, fill: Fill) -> dict[str, object]:
    if fill == "solid":
        return {"fill": "currentColor", "class_": "pl-mark pl-mark-solid"}
    if fill == "hatch":
        return {"fill": f"url(#{chart_id}-hatch)", "stroke": "currentColor", "stroke_width": 1.5, "class_": "pl-mark"}
    if fill == "dots":
        return {"fill": f"url(#{chart_id}-dots)", "stroke": "currentColor", "stroke_width": 1.5,
                "stroke_dasharray": "5 3", "class_": "pl-mark"}
    return {"fill": "none", "stroke": "currentColor", "stroke_width": 1.5, "stroke_dasharray": "5 3", "class_": "pl-mark"}


def _svg(chart_id: str, height: float, title: str, desc: str, body: str, kind: str) -> Svg:
    return Svg(el("svg",
                  el("title", html.escape(title, quote=False), id=f"{chart_id}-title") +
                  el("desc", html.escape(desc, quote=False), id=f"{chart_id}-desc") +
                  _defs(chart_id) + body,
                  xmlns="http://www.w3.org/2000/svg", class_=f"pl-chart pl-chart-{kind}", id=chart_id,
                  viewBox=f"0 0 {WIDTH} {_num(height)}", role="img",
                  aria_labelledby=f"{chart_id}-title", aria_describedby=f"{chart_id}-desc",
                  font_size=FONT))


# ── bar charts ────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Bar:
    label: str  # printed above the bar: 2020年基线
    value: float
    value_label: str  # printed after the bar: 8.9%
    fill: Fill
    open_ended: bool = False  # "以上": an arrow carries the bar past its value


def bar_chart(chart_id: str, title: str, desc: str, bars: tuple[Bar, ...], unit: str) -> Svg:
    """Horizontal bars from zero (never a cut axis), a label line above each, the value after it."""
    label_room = max(text_width(b.value_label) for b in bars) + (22 if any(b.open_ended for b in bars) else 0) + PAD
    left, right = PAD, WIDTH - PAD - label_room
    end, step = nice_max(max(b.value for b in bars))
    scale = (right - left) / end
    row, bar_h, top = 54, 22, 8
    axis_y = top + row * len(bars) + 4
    parts = []
    # grid and axis first, so marks draw over them
    ticks = [step * i for i in range(int(round(end / step)) + 1)]
    for t in ticks:
        x = left + t * scale
        parts.append(el("line", x1=x, y1=float(top), x2=x, y2=axis_y, class_="pl-grid", stroke="currentColor",
                        stroke_opacity=0.25 if t else 1.0))
        parts.append(text(x, axis_y + 18, format_value(t), text_anchor="middle", font_size=SMALL))
    parts.append(el("line", x1=float(left), y1=axis_y, x2=float(right), y2=axis_y, stroke="currentColor"))
    parts.append(text(right, axis_y + 36, f"单位：{unit}", text_anchor="end", font_size=SMALL))
    for i, b in enumerate(bars):
        y = top + row * i
        parts.append(text(left, y + 16, b.label, class_="pl-chart-label"))
        width = b.value * scale
        bar_y = y + 24
        parts.append(el("rect", x=float(left), y=float(bar_y), width=width, height=float(bar_h), **_fill_attrs(chart_id, b.fill)))
        label_x = left + width + 6
        if b.open_ended:
            tip = left + width + 18
            parts.append(el("path", d=f"M{_num(left + width)},{_num(bar_y + bar_h / 2)} H{_num(tip)} "
                                      f"m-6,-5 l6,5 l-6,5", fill="none", stroke="currentColor", stroke_width=2))
            label_x = tip + 6
        parts.append(text(label_x, bar_y + 16, b.value_label, font_weight="bold", class_="pl-chart-value"))
    height = axis_y + 44
    return _svg(chart_id, height, title, desc, "".join(parts), "bars")


def comparison_chart(chart_id: str, title: str, desc: str, greater: str, lesser: str, relation: str) -> Svg:
    """A schematic of 'A grows faster than B' with no scale and no numbers: only the order is known."""
    left = PAD
    room = text_width(relation) + 2 * PAD
    full = WIDTH - PAD - left - room
    short, long_ = full * 0.6, full
    parts = []
    marks: tuple[tuple[str, float, Fill], ...] = ((lesser, short, "hatch"), (greater, long_, "solid"))
    for i, (label, width, fill) in enumerate(marks):
        y = 8 + 62 * i
        parts.append(text(left, y + 16, label, class_="pl-chart-label"))
        parts.append(el("rect", x=float(left), y=float(y + 24), width=width, height=22.0, **_fill_attrs(chart_id, fill)))
    # where the shorter bar ends, carried down across the longer one; the relation is named after it
    x = left + short
    parts.append(el("line", x1=x, y1=30.0, x2=x, y2=124.0, stroke="currentColor", stroke_width=1.5, stroke_dasharray="4 3"))
    parts.append(text(left + long_ + 6, 8 + 62 + 40, relation, font_weight="bold", class_="pl-chart-value"))
    parts.append(text(left, 150, "示意图：长短只表示大小关系，不代表实际数值", font_size=SMALL))
    return _svg(chart_id, 160, title, desc, "".join(parts), "comparison")


# ── the schedule ──────────────────────────────────────────────────────────────
def timeline_chart(chart_id: str, title: str, desc: str, schedule: Schedule) -> Svg:
    """Years as equal columns, one bar per stage; the build date is a marked line. Outside the plan
    period the date gets its own column (before or after), since there is no scale to place it on."""
    years = list(range(schedule.start, schedule.end + 1))
    columns: list[str] = [str(y) for y in years]
    today = schedule.today
    if schedule.state == "ended":
        columns.append(str(today.year) if today.year == schedule.end + 1 else f"{schedule.end + 1}年后")
    if schedule.state == "before":
        columns.insert(0, str(today.year) if today.year == schedule.start - 1 else f"{schedule.start}年前")
    first_year = schedule.start - (1 if schedule.state == "before" else 0)
    left, right = PAD, WIDTH - PAD
    col = (right - left) / len(columns)
    top = 28
    row = 50
    parts: list[str] = []
    labels: list[str] = []  # drawn last, over the date line, each with a halo (see public.css)
    bottom = top + row * len(schedule.stages) + 4
    for i, name in enumerate(columns):
        x = left + col * i
        outside = (schedule.state == "ended" and i == len(columns) - 1) or (schedule.state == "before" and i == 0)
        if outside:
            parts.append(el("rect", x=x, y=float(top - 6), width=col, height=bottom - top + 6, class_="pl-outside",
                            fill="currentColor", fill_opacity=0.07))
        parts.append(el("line", x1=x, y1=float(top - 6), x2=x, y2=bottom, stroke="currentColor", stroke_opacity=0.25))
        parts.append(text(x + col / 2, 18, name, text_anchor="middle", font_size=SMALL,
                          font_style="italic" if outside else None))
    parts.append(el("line", x1=float(right), y1=float(top - 6), x2=float(right), y2=bottom, stroke="currentColor", stroke_opacity=0.25))
    for i, stage in enumerate(schedule.stages):
        y = top + row * i
        x0 = left + col * (stage.start - first_year)
        x1 = left + col * (stage.end - first_year + 1)
        fill = STAGE_FILLS[stage.state]
        parts.append(el("rect", x=x0 + 2, y=float(y + 22), width=x1 - x0 - 4, height=18.0, rx=3.0,
                        **_fill_attrs(chart_id, fill)))
        label = f"{stage.item.number} {stage.item.label}（{stage.label}）"
        anchor_end = x0 + text_width(label) > right
        labels.append(text(x1 - 2 if anchor_end else x0 + 2, y + 16, label,
                          text_anchor="end" if anchor_end else None,
                          font_weight="bold" if stage.state == "current" else None, class_="pl-chart-label"))
    # the build date
    if schedule.state == "during":
        day = (today - datetime.date(today.year, 1, 1)).days
        length = (datetime.date(today.year + 1, 1, 1) - datetime.date(today.year, 1, 1)).days
        x = left + col * (today.year - first_year + day / length)
    elif schedule.state == "ended":
        x = left + col * (len(columns) - 0.5)
    else:
        x = left + col * 0.5
    # a halo in the page's background colour keeps the line visible where it crosses a solid bar
    parts.append(el("line", x1=x, y1=float(top - 6), x2=x, y2=bottom + 6, stroke="#fff", stroke_width=6.5,
                    class_="pl-halo"))
    parts.append(el("line", x1=x, y1=float(top - 6), x2=x, y2=bottom + 6, stroke="currentColor", stroke_width=2.5,
                    class_="pl-today"))
    parts.append(el("path", d=f"M{_num(x - 6)},{_num(bottom + 14)} l6,-8 l6,8 z", fill="currentColor"))
    parts.extend(labels)
    marker = f"本站生成日期：{today.year}年{today.month}月{today.day}日"
    anchor = "end" if x + text_width(marker, SMALL) / 2 > right else "start" if x - text_width(marker, SMALL) / 2 < left else "middle"
    parts.append(text(x, bottom + 32, marker, text_anchor=anchor, font_size=SMALL, font_weight="bold"))
    return _svg(chart_id, bottom + 42, title, desc, "".join(parts), "timeline")
