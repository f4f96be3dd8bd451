"""The plan as typed objects. Field names are the YAML keys; each field says in Chinese what it means.

This module is the single description of data/plan.yaml: data/reader.py reads these classes to validate
the file and to write its JSON Schema. It imports neither Jinja nor MkDocs.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Annotated, Literal, NamedTuple, get_args


@dataclass(frozen=True)
class Pattern:
    regex: str
    description: str  # what an editor should write, in Chinese

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.regex, value) is not None


@dataclass(frozen=True)
class Range:
    low: int
    high: int


# Scalar kinds. `Text` is one line of non-empty text; data/reader.py enforces it.
Text = str
Slug = Annotated[str, Pattern(r"[a-z0-9]+(?:-[a-z0-9]+)*", "英文编号（小写字母、数字和连字符），例如 youth、kexie")]
# Numbers are stored with their punctuation, exactly as printed: the full text joins number and title
# and adds nothing (a heading printed without a final 。 stays without one).
ChapterNumber = Annotated[str, Pattern(r"[一二三四五六七八九十]+、", "汉字序号加顿号，照原文，例如 一、")]
SectionNumber = Annotated[str, Pattern(r"（[一二三四五六七八九十]+）", "括号里的汉字序号，照原文，例如 （一）")]
ItemNumber = Annotated[str, Pattern(r"[0-9]+[.．、]", "数字序号加点，照原文，例如 1.")]
NUMBER_PUNCTUATION = "、（）.．"


def numeral(number: str) -> str:
    """（一） → 一, 一、 → 一, 1. → 1: the number without its printed punctuation, for labels."""
    return number.strip(NUMBER_PUNCTUATION)


def label(title: str) -> str:
    """A title as a link or a card shows it: without the full stop it may be printed with."""
    return title.removesuffix("。")
Year = Annotated[int, Range(1949, 2100)]

def zh(meaning: str, **extra: object) -> dict:
    """Field metadata: its meaning in Chinese, shown in error messages and the JSON Schema."""
    return {"zh": meaning, **extra}


def opt(meaning: str, default: object = None):
    return field(default=default, metadata=zh(meaning))


def req(meaning: str, **extra: object):
    return field(metadata=zh(meaning, **extra))


@dataclass(frozen=True)
class Period:
    start: Year = req("起始年份")
    end: Year = req("终止年份")


@dataclass(frozen=True)
class Reference:
    id: Slug = req("编号")
    title: Text = req("文件名称")
    number: Text | None = opt("发文字号")


@dataclass(frozen=True, kw_only=True)  # keyword-only: optional fields may stand in the document's order
class Document:
    letterhead: Text | None = opt("版头（发文机关标志；原件没有时不填）")
    number: Text | None = opt("发文字号（原件没有时不填）")
    notice_title: Text = req("通知标题")
    addressees: Text = req("主送机关")
    notice: Text = req("通知正文")
    signatory: Text = req("落款（发文机关署名）")
    date: datetime.date = req("成文日期")
    disclosure: Text | None = opt("公开方式（原件没有时不填）")
    plan_title: Text = req("实施方案标题")
    period: Period = req("规划期")
    based_on: tuple[Reference, ...] = opt("制定依据", ())
    attachment_title: Text | None = opt("附件名称（有附件分工表时必填）")


@dataclass(frozen=True)
class Measure:
    id: Slug = req("措施编号")
    title: Text = req("措施标题（开头那一小句，连同句末的句号，照原文）")
    paragraphs: tuple[Text, ...] = req("措施正文段落", min_items=1)

    @property
    def label(self) -> str:
        return label(self.title)


@dataclass(frozen=True)
class Item:
    id: Slug = req("条目编号")
    number: ItemNumber = req("条目序号（照原文，例如 1.）")
    title: Text = req("条目标题（开头那一小句，连同句末的句号，照原文）")
    paragraphs: tuple[Text, ...] = req("条目正文段落", min_items=1)
    period: Period | None = opt("进度安排的时段")

    @property
    def label(self) -> str:
        return label(self.title)

    @property
    def ordinal(self) -> int:
        return int(numeral(self.number))


@dataclass(frozen=True)
class Task:
    id: Slug = req("任务编号")
    kind: Literal["action", "project"] = req("任务类别（action 提升行动 / project 重点工程）")
    number: SectionNumber = req("序号（照原文，例如 （一））")
    title: Text = req("任务标题（有句号就连同句号，照原文）")
    intro: Text = req("导语段落")
    measures: tuple[Measure, ...] = req("措施", min_items=1)
    target_group: Text | None = opt("面向人群（仅提升行动）")

    @property
    def label(self) -> str:
        return label(self.title)

    @property
    def numeral(self) -> str:
        return numeral(self.number)


@dataclass(frozen=True)
class Section:
    id: Slug = req("小节编号")
    number: SectionNumber = req("序号（照原文，例如 （一））")
    title: Text = req("小节标题（有句号就连同句号，照原文）")
    paragraphs: tuple[Text, ...] = opt("段落", ())
    items: tuple[Item, ...] = opt("编号条目", ())

    @property
    def label(self) -> str:
        return label(self.title)

    @property
    def numeral(self) -> str:
        return numeral(self.number)


@dataclass(frozen=True)
class Chapter:
    id: Slug = req("部分编号")
    number: ChapterNumber = req("序号（照原文，例如 一、）")
    title: Text = req("部分标题（照原文）")
    paragraphs: tuple[Text, ...] = opt("段落", ())
    sections: tuple[Section, ...] = opt("小节", ())
    tasks: tuple[Task, ...] = opt("提升行动或重点工程", ())

    @property
    def numeral(self) -> str:
        return numeral(self.number)


# The party and government kinds carry the jurisdiction's level (区委部门 in a 区, 县委部门 in a 县);
# checks.py accepts only the plan's own level, and terms.department_kinds gives a plan's own kinds in the
# order pages and downloads list them.
DepartmentKind = Literal["区委部门", "区政府部门", "县委部门", "县政府部门", "市委部门", "市政府部门", "群团组织", "其他"]
DEPARTMENT_KINDS: tuple[DepartmentKind, ...] = get_args(DepartmentKind)


@dataclass(frozen=True)
class Department:
    id: Slug = req("部门编号")
    name: Text = req("部门规范名称")
    kind: DepartmentKind = req("部门类别")
    variants: tuple[Text, ...] = opt("原文中的其他写法", ())


@dataclass(frozen=True)
class DeptRef:
    """A department as the annex lists it: an id, plus the printed form when it differs from the name."""

    SHORTHAND = "id"  # in YAML a bare `kexie` means {id: kexie}
    id: Slug = req("部门编号")
    printed: Text | None = opt("附件原文写法（与规范名称不同时填写）")


@dataclass(frozen=True)
class AnnexRow:
    task: Slug = req("任务编号")
    lead: tuple[DeptRef, ...] = req("牵头部门", min_items=1)
    responsible: tuple[DeptRef, ...] = opt("责任部门", ())  # some annexes list only the lead
    printed_title: Text | None = opt("附件中的任务名称（与正文标题不同时填写）")


@dataclass(frozen=True)
class IndicatorValue:
    role: Literal["baseline", "target", "benchmark"] = req("数值类别（baseline 基线 / target 目标 / benchmark 参照标准）")
    quote: Text = req("原文语句（须逐字出现在正文中）")
    year: Year | None = opt("年份")
    value: float | None = opt("数值")
    comparison: Literal["at_least", "greater_than"] | None = opt("比较方式（at_least 不低于 / greater_than 高于）")
    relative_to: Text | None = opt("比较对象")


@dataclass(frozen=True)
class Indicator:
    id: Slug = req("指标编号")
    name: Text = req("指标名称")
    values: tuple[IndicatorValue, ...] = req("指标数值", min_items=1)
    unit: Text | None = opt("单位")


@dataclass(frozen=True)
class Audience:
    id: Slug = req("人群编号")
    label: Text = req("人群名称")
    tasks: tuple[Slug, ...] = req("整项相关的任务", min_items=1)
    measures: tuple[Slug, ...] = opt("其他任务中的相关措施", ())


@dataclass(frozen=True)
class Note:
    kind: Literal["page_break", "stray_space", "line_break", "repeated_header", "wording"] = req("整理类别")
    where: Text = req("位置（段落所属的编号）")
    printed: tuple[Text, ...] = req("提取文本中的原样", min_items=1)
    normalised: Text | None = opt("本站采用的写法")
    explanation: Text | None = opt("说明")


@dataclass(frozen=True)
class Site:
    """What the website calls itself: the browser tab, the header, search engines, the footer."""
    name: Text = req("网站名称（页头和浏览器标签显示）")
    description: Text | None = opt("网站简介（搜索引擎显示；不填时由方案标题和文号生成）")
    copyright: Text | None = opt("页脚说明（不填时由发文机关和文号生成）")


@dataclass(frozen=True)
class Jurisdiction:
    """The issuing government's level: it names department kinds (区委部门 / 县委部门), “全区” / “全县”,
    and the prefixes search strips from names (区教委 → 教委)."""
    level: Literal["区", "县", "市"] = req("行政区划级别（区 / 县 / 市）")
    name: Text | None = opt("行政区划全称，例如 某某区（搜索时部门名称开头的这几个字可以省略）")


@dataclass(frozen=True)
class Words:
    """How the document names departments, the two roles in its annex and the annex's other columns."""
    department: Literal["部门", "单位"] = opt("对部门的称呼（部门 / 单位）", "部门")
    lead: Text = opt("附件中牵头一栏的名称", "牵头部门")
    responsible: Text = opt("附件中另一栏的名称（责任部门、配合单位……）", "责任部门")
    category: Text = opt("附件中类别一栏的名称", "类别")
    task: Text = opt("附件中任务一栏的名称（任务内容、工作任务……）", "任务内容")


@dataclass(frozen=True)
class Plan:
    document: Document = req("文件信息")
    preamble: tuple[Text, ...] = req("开头段落", min_items=1)
    chapters: tuple[Chapter, ...] = req("正文各部分", min_items=1)
    departments: tuple[Department, ...] = req("部门名录", min_items=1)
    annex: tuple[AnnexRow, ...] = opt("附件：任务分工（原件没有分工表时不填）", ())
    site: Site | None = opt("网站名称、简介和页脚（不填时用实施方案标题）")
    jurisdiction: Jurisdiction = opt("行政区划（不填时为区）", Jurisdiction("区"))
    words: Words = opt("原文对部门和分工的称呼（不填时为 部门、牵头部门、责任部门）", Words())
    indicators: tuple[Indicator, ...] = opt("量化指标", ())
    audiences: tuple[Audience, ...] = opt("按人群浏览", ())
    notes: tuple[Note, ...] = opt("编辑说明", ())


# ── 实施情况: what was done after the plan was issued (data/progress.yaml) ─────────────────
# Kept in its own file so that adding a record never touches the published text in plan.yaml.
class When(NamedTuple):
    """A date as precise as the source gives it: a year, a month, or a day (2024 · 2024-09 · 2024-09-25).
    A scalar in YAML (not a group of fields), hence a NamedTuple rather than a dataclass."""
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{x:02d}" for x in (self.month, self.day) if x is not None]
        return "-".join(parts)

    @property
    def printed(self) -> str:
        """As Chinese prints it: 2024年 · 2024年9月 · 2024年9月25日."""
        out = f"{self.year}年"
        if self.month is not None:
            out += f"{self.month}月"
        if self.day is not None:
            out += f"{self.day}日"
        return out

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> datetime.date:
        """The last day the date may mean: 2024 → 2024-12-31, 2024-02 → 2024-02-29."""
        if self.day is not None:
            return self.first_day
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        following = datetime.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


Url = Annotated[str, Pattern(r"https?://[^\s<>\"'`\\]+", "以 http:// 或 https:// 开头的网址，中间不含空格和引号")]


@dataclass(frozen=True)
class Source:
    publisher: Text = req("发布单位")
    title: Text = req("来源的标题（照录来源页面的标题）")
    date: When | None = opt("发布日期（来源页面上写的；页面没有注明时不填，改填查阅日期 accessed）")
    url: Url | None = opt("网址（与文号至少填一项）")
    number: Text | None = opt("文号（与网址至少填一项）")
    accessed: When | None = opt("查阅日期（来源页面没有注明发布日期时填写：编辑读到它的那一天）")


@dataclass(frozen=True)
class Figure:
    value: float = req("数值")
    unit: Text = req("单位")
    counts: Text = req("统计的是什么")


@dataclass(frozen=True)
class Record:
    id: Slug = req("记录编号")
    date: When = req("发生日期")
    title: Text = req("标题（编辑用自己的话概括）")
    summary: Text = req("摘要（编辑用自己的话写，一到三句）")
    source: Source = req("来源")
    measures: tuple[Slug, ...] = opt("推进的措施（措施编号）", ())
    tasks: tuple[Slug, ...] = opt("推进的任务（任务编号）", ())
    departments: tuple[Slug, ...] = opt("参与部门（部门编号）", ())
    figures: tuple[Figure, ...] = opt("数字", ())


@dataclass(frozen=True)
class Observation:
    indicator: Slug = req("指标编号")
    year: Year = req("年份")
    value: float = req("数值")
    scope: Literal["district", "chongqing", "national"] = req(
        "范围（district 本区 / chongqing 重庆市，仅作参照 / national 全国，仅作参照）")
    source: Source = req("来源")
    note: Text | None = opt("说明")


@dataclass(frozen=True)
class Progress:
    records: tuple[Record, ...] = opt("实施记录", ())
    observations: tuple[Observation, ...] = opt("指标观测值", ())
