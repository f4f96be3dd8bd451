"""The schedule (进度安排) against the build date: which stage is current, or that the plan has ended.

The date comes from SOURCE_DATE_EPOCH when it is set (reproducible builds, and tests that pin a
year); otherwise from the clock. Dates are taken in China Standard Time (UTC+8, no daylight saving),
the readers' own calendar day. No Jinja, no MkDocs here.
"""
from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Literal, Mapping

from plansite.model import Item, Plan

CHINA = datetime.timezone(datetime.timedelta(hours=8), "UTC+8")

StageState = Literal["past", "current", "future"]
PlanState = Literal["before", "during", "ended"]
STATE_LABELS: dict[StageState, str] = {"past": "时段已过", "current": "当前时段", "future": "尚未开始"}


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a Unix timestamp."""


def build_date(environ: Mapping[str, str] | None = None) -> datetime.date:
    env = os.environ if environ is None else environ
    raw = env.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return datetime.datetime.now(CHINA).date()
    try:
        seconds = int(raw.strip())
        return datetime.datetime.fromtimestamp(seconds, CHINA).date()
    except (ValueError, OverflowError, OSError):
        raise BuildDateError(
            f"环境变量 SOURCE_DATE_EPOCH 的值“{raw}”不是有效的时间戳：应为自 1970-01-01 起的秒数（整数），"
            "例如 1764374400；不需要固定日期时请删除这个变量。") from None


@dataclass(frozen=True)
class Stage:
    item: Item
    start: int
    end: int
    state: StageState

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def years(self) -> str:
        """As the document prints a period: 2021年 / 2022—2025年."""
        return f"{self.start}年" if self.start == self.end else f"{self.start}—{self.end}年"


@dataclass(frozen=True)
class Schedule:
    today: datetime.date
    start: int  # the plan period
    end: int
    state: PlanState
    stages: tuple[Stage, ...]

    @property
    def current(self) -> tuple[Stage, ...]:
        return tuple(s for s in self.stages if s.state == "current")

    @property
    def overlap(self) -> bool:
        """More than one stage is current: the document gives 2025 to both 深入实施 and 总结评估."""
        return len(self.current) > 1


def schedule_items(plan: Plan) -> tuple[Item, ...]:
    """Numbered items that carry a period (the 进度安排 section), in document order."""
    return tuple(item for chapter in plan.chapters for section in chapter.sections
                 for item in section.items if item.period is not None)


def stage_state(year: int, start: int, end: int) -> StageState:
    if year > end:
        return "past"
    if year < start:
        return "future"
    return "current"


def schedule(plan: Plan, today: datetime.date) -> Schedule:
    """Stages are whole calendar years, as the document gives them. A year inside two stages makes
    both current: we do not invent an order the document does not state."""
    year = today.year
    period = plan.document.period
    state: PlanState = "before" if year < period.start else "ended" if year > period.end else "during"
    stages = tuple(Stage(item, p.start, p.end, stage_state(year, p.start, p.end))
                   for item in schedule_items(plan) if (p := item.period) is not None)
    return Schedule(today, period.start, period.end, state, stages)
