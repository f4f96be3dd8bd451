"""The fields of the two issue forms: their ids, their labels (the headings their answers arrive under)
and their help text. contrib/forms.py writes the forms from them, contrib/intake.py reads a submitted
form by their labels, and the editors' guide lists them: one list, so the three cannot disagree."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from plansite.pages.contribute import DEPARTMENTS as DEPARTMENTS_ID
from plansite.pages.contribute import MEASURES as MEASURES_ID
from plansite.pages.contribute import PAGE as PAGE_ID
from plansite.pages.contribute import PRESET as PRESET_ID
from plansite.pages.contribute import TASKS as TASKS_ID

__all__ = ["ACCEPT_LABEL", "CONFIRM", "CONFIRMATION", "CORRECTION_FIELDS", "CORRECTION_LABEL", "DATE", "DEPARTMENTS", "FIGURES", "MEASURES", "ORIGINAL", "ORIGINAL_PAGE", "ORIGINAL_SOURCE", "PAGE", "PRESET", "RECORD_FIELDS", "RECORD_LABEL", "SOURCE_ACCESSED", "SOURCE_DATE", "SOURCE_NUMBER", "SOURCE_PUBLISHER", "SOURCE_TITLE", "SOURCE_URL", "SUMMARY", "TASKS", "TITLE", "WRONG", "Field"]

RECORD_LABEL = "实施记录"  # the label the record form gives its issues
CORRECTION_LABEL = "纠错"
ACCEPT_LABEL = "采纳"  # a maintainer's label that starts the intake (.github/workflows/intake.yml)


Kind = Literal["input", "textarea", "dropdown", "checkboxes"]


@dataclass(frozen=True)
class Field:
    id: str  # the field's id: GitHub pre-fills it from the query parameter of this name
    label: str  # the heading the field's answer arrives under in the text (### label)
    kind: Kind
    description: str
    required: bool = False
    placeholder: str = ""
    limit: int = 0  # the longest answer the intake takes (characters); 0: no text of its own


# 提交实施记录, in the order the form shows them.
DATE = Field("date", "发生日期", "input", "事情发生的日期，来源写到哪一级就填到哪一级：2023年5月17日、2023年5月、2023年，"
             "或 2023-05-17。不能晚于今天。", True, "2023年5月17日", 20)
TITLE = Field("title", "标题", "input", "一句话说清谁做了什么，用自己的话写，例如：区科协在城区广场举办全国科普日宣传活动。",
              True, "", 80)
SUMMARY = Field("summary", "摘要", "textarea", "一到三句，用自己的话写：做了什么、在哪里、有谁参与。不要整段照抄来源，"
                "不写来源里没有的数字和日期。编辑会对照来源核对。", True, "", 400)
PRESET = Field(PRESET_ID, "从网站带来的选择", "input", "从网站上的“补充实施记录”链接打开本表时，这里已经填好了当时所在的任务、"
               "措施或部门，可以保留，也可以删掉。直接打开本表时留空，在下面的列表中选择。", False, "", 600)
TASKS = Field(TASKS_ID, "推进的任务", "dropdown", "这件事推进了方案中的哪项任务（可多选）。"
              "任务和措施至少选一项；已经在“从网站带来的选择”中的不必再选。")
MEASURES = Field(MEASURES_ID, "推进的措施", "dropdown", "更具体一些：推进了哪条措施（可多选；括号里是措施所属的任务）。")
DEPARTMENTS = Field(DEPARTMENTS_ID, "参与部门", "dropdown", "参与这件事的部门（可多选；不清楚可以不选）。")
SOURCE_PUBLISHER = Field("source_publisher", "来源：发布单位", "input", "发布这篇报道或这份文件的单位。页面上没有署名时，"
                         "写刊登它的网站，例如：某某区人民政府网站。", True, "", 80)
SOURCE_TITLE = Field("source_title", "来源：标题", "input", "照录来源页面或文件的标题。", True, "", 200)
SOURCE_DATE = Field("source_date", "来源：发布日期", "input", "来源页面上写的发布日期，写法同“发生日期”。页面上没有日期就留空，"
                    "改填下面的查阅日期。", False, "2023年5月18日", 20)
SOURCE_ACCESSED = Field("source_accessed", "来源：查阅日期", "input", "只在来源页面没有发布日期时填写：你读到它的那一天。",
                        False, "", 20)
SOURCE_URL = Field("source_url", "来源：网址", "input", "来源页面的网址，以 http:// 或 https:// 开头。网址和文号至少填一项。",
                   False, "https://", 1000)
SOURCE_NUMBER = Field("source_number", "来源：文号", "input", "来源是公文时填文号，例如：某府办发〔2024〕3号。", False, "", 80)
FIGURES = Field("figures", "数字", "textarea", "可选：来源中写明的数字，每行一个，写成“数值 单位 统计的是什么”，"
                "例如：1200 册 发放宣传资料。没有就留空。", False, "", 1000)
CONFIRM = Field("confirm", "确认", "checkboxes", "提交前请确认。", True)
CONFIRMATION = "以上内容来自公开的报道或文件，标题和摘要是我自己的话。"
RECORD_FIELDS = (DATE, TITLE, SUMMARY, PRESET, TASKS, MEASURES, DEPARTMENTS, SOURCE_PUBLISHER, SOURCE_TITLE, SOURCE_DATE,
                 SOURCE_ACCESSED, SOURCE_URL, SOURCE_NUMBER, FIGURES, CONFIRM)


# 报告错误
PAGE = Field(PAGE_ID, "页面", "input", "出错的网页地址。从网站上的“纠错”链接打开本表时已经填好。", True, "https://…", 500)
WRONG = Field("wrong", "哪里不对", "textarea", "哪一句、哪个部门、哪条记录有误，错在哪里。", True, "", 2000)
ORIGINAL = Field("original", "原件怎么写", "textarea", "照抄公开发布的原件（文件的 PDF 或纸质件）中对应的文字。实施记录的错误，"
                 "写来源里的说法。", False, "", 2000)
ORIGINAL_PAGE = Field("original_page", "原件页码", "input", "上面的文字在原件的第几页，例如：第 5 页。", False, "第  页", 40)
ORIGINAL_SOURCE = Field("original_source", "原件出处", "input", "可选：原件或来源的网址或文号。", False, "", 1000)
CORRECTION_FIELDS = (PAGE, WRONG, ORIGINAL, ORIGINAL_PAGE, ORIGINAL_SOURCE)
