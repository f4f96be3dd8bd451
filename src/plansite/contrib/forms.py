"""The GitHub issue forms, written from the data (.github/ISSUE_TEMPLATE/, `build_pages.py forms`).

提交实施记录 (record.yml): a record's fields in plain Chinese, tasks, measures and departments offered by
name in dropdowns made from data/plan.yaml, so a new department or task appears in the form when the
forms are written again (a test fails while the committed forms are out of date). 报告错误
(correction.yml): the page, what is wrong, what the published document says and on which page.
config.yml: the site and its editors' guide, when the public address is known (SITE_URL).

The intake (intake.py) reads a submitted form by the labels below: one list of fields serves both.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from plansite.model import Plan
from plansite.pages import contribute

FOLDER = Path(".github") / "ISSUE_TEMPLATE"
CONFIG = "config.yml"
RECORD_LABEL = "实施记录"  # the label the record form gives its issues
CORRECTION_LABEL = "纠错"
ACCEPT_LABEL = "采纳"  # a maintainer's label that starts the intake (.github/workflows/intake.yml)


class FormsError(Exception):
    """The data cannot be offered in a form as it stands (a name GitHub would split or mistake)."""


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
TITLE = Field("title", "标题", "input", "一句话说清谁做了什么，用自己的话写，例如：区科协在南城中央广场举办全国科普日主题宣传。",
              True, "", 80)
SUMMARY = Field("summary", "摘要", "textarea", "一到三句，用自己的话写：做了什么、在哪里、有谁参与。不要整段照抄来源，"
                "不写来源里没有的数字和日期。编辑会对照来源核对。", True, "", 400)
PRESET = Field(contribute.PRESET, "从网站带来的选择", "input", "从网站上的“补充实施记录”链接打开本表时，这里已经填好了当时所在的任务、"
               "措施或部门，可以保留，也可以删掉。直接打开本表时留空，在下面的列表中选择。", False, "", 600)
TASKS = Field(contribute.TASKS, "推进的任务", "dropdown", "这件事推进了方案中的哪项任务（可多选）。"
              "任务和措施至少选一项；已经在“从网站带来的选择”中的不必再选。")
MEASURES = Field(contribute.MEASURES, "推进的措施", "dropdown", "更具体一些：推进了哪条措施（可多选；括号里是措施所属的任务）。")
DEPARTMENTS = Field(contribute.DEPARTMENTS, "参与部门", "dropdown", "参与这件事的部门（可多选；不清楚可以不选）。")
SOURCE_PUBLISHER = Field("source_publisher", "来源：发布单位", "input", "发布这篇报道或这份文件的单位。页面上没有署名时，"
                         "写刊登它的网站，例如：重庆市武隆区人民政府网站。", True, "重庆市科学技术协会", 80)
SOURCE_TITLE = Field("source_title", "来源：标题", "input", "照录来源页面或文件的标题。", True, "", 200)
SOURCE_DATE = Field("source_date", "来源：发布日期", "input", "来源页面上写的发布日期，写法同“发生日期”。页面上没有日期就留空，"
                    "改填下面的查阅日期。", False, "2023年5月18日", 20)
SOURCE_ACCESSED = Field("source_accessed", "来源：查阅日期", "input", "只在来源页面没有发布日期时填写：你读到它的那一天。",
                        False, "", 20)
SOURCE_URL = Field("source_url", "来源：网址", "input", "来源页面的网址，以 http:// 或 https:// 开头。网址和文号至少填一项。",
                   False, "https://", 1000)
SOURCE_NUMBER = Field("source_number", "来源：文号", "input", "来源是公文时填文号，例如：武隆府办发〔2022〕30号。", False, "", 80)
FIGURES = Field("figures", "数字", "textarea", "可选：来源中写明的数字，每行一个，写成“数值 单位 统计的是什么”，"
                "例如：1200 册 发放宣传资料。没有就留空。", False, "", 1000)
CONFIRM = Field("confirm", "确认", "checkboxes", "提交前请确认。", True)
CONFIRMATION = "以上内容来自公开的报道或文件，标题和摘要是我自己的话。"
RECORD_FIELDS = (DATE, TITLE, SUMMARY, PRESET, TASKS, MEASURES, DEPARTMENTS, SOURCE_PUBLISHER, SOURCE_TITLE, SOURCE_DATE,
                 SOURCE_ACCESSED, SOURCE_URL, SOURCE_NUMBER, FIGURES, CONFIRM)

RECORD_INTRO = """感谢补充！这张表把一件**已经公开报道或发文**的实施工作加进网站的“实施情况”。不需要懂编程，也不需要知道任何编号。

- 只收录有公开来源的事：政府网站、新闻报道、公开文件。请先读过来源再填写。
- 标题和摘要用自己的话写。编辑会对照来源核对，必要时改写。
- 提交后，维护者审核并加上“采纳”标签，系统会把它写成数据，提出一个修改（拉取请求），并在本页回复结果；表单内容有问题时，回复会逐条说明。维护者合并修改后，记录出现在网站上。
- 请不要填写个人信息（身份证号、电话、住址等）。"""

# 报告错误
PAGE = Field(contribute.PAGE, "页面", "input", "出错的网页地址。从网站上的“纠错”链接打开本表时已经填好。", True, "/actions/youth/", 500)
WRONG = Field("wrong", "哪里不对", "textarea", "哪一句、哪个部门、哪条记录有误，错在哪里。", True, "", 2000)
ORIGINAL = Field("original", "原件怎么写", "textarea", "照抄公开发布的原件（文件的 PDF 或纸质件）中对应的文字。实施记录的错误，"
                 "写来源里的说法。", False, "", 2000)
ORIGINAL_PAGE = Field("original_page", "原件页码", "input", "上面的文字在原件的第几页，例如：第 5 页。", False, "第  页", 40)
ORIGINAL_SOURCE = Field("original_source", "原件出处", "input", "可选：原件或来源的网址或文号。", False, "", 1000)
CORRECTION_FIELDS = (PAGE, WRONG, ORIGINAL, ORIGINAL_PAGE, ORIGINAL_SOURCE)

CORRECTION_INTRO = """网站上的方案正文必须与公开发布的原件逐字一致，分工和实施记录也必须有据可查。发现不一致，请告诉我们：

- 说明错在哪里，并照抄原件中的写法，注明原件的页码；
- 维护者核对原件后修改数据，并在本页回复。"""


def _options(plan: Plan) -> dict[str, list[str]]:
    choices = contribute.Choices.of(plan)
    out = {kind: list(names) for kind, names in choices.by_kind().items()}
    for kind, names in out.items():
        for name in names:
            # A multiple-choice answer arrives as the chosen names joined by ", ": a name holding it could
            # not be told apart. "None" is what GitHub shows for an unanswered dropdown.
            if ", " in name or name.strip() != name or name in ("None", "_No response_") or "\n" in name:
                raise FormsError(f"“{name}”不能作为表单中的选项（含有“, ”、换行或首尾空格）")
        if len(set(names)) != len(names):
            raise FormsError(f"表单中“{kind}”的选项有重名：" + "、".join(sorted({n for n in names if names.count(n) > 1})))
    return out


def _item(f: Field, options: dict[str, list[str]]) -> dict:
    attributes: dict[str, object] = {"label": f.label, "description": f.description}
    if f.kind == "dropdown":
        attributes["multiple"] = True
        attributes["options"] = options[f.id]
    elif f.kind == "checkboxes":
        attributes["options"] = [{"label": CONFIRMATION, "required": True}]
    elif f.placeholder:
        attributes["placeholder"] = f.placeholder
    item: dict[str, object] = {"type": f.kind, "id": f.id, "attributes": attributes}
    if f.required and f.kind != "checkboxes":
        item["validations"] = {"required": True}
    return item


def record_form(plan: Plan) -> dict:
    options = _options(plan)
    return {"name": "提交实施记录", "description": "补充一件已经公开报道的实施工作：不需要懂编程，也不需要知道编号。",
            "title": "[实施记录] ", "labels": [RECORD_LABEL],
            "body": [{"type": "markdown", "attributes": {"value": RECORD_INTRO}}, *(_item(f, options) for f in RECORD_FIELDS)]}


def correction_form() -> dict:
    return {"name": "报告错误", "description": "网站上的文字、分工或实施记录有误，或与公开发布的原件不一致。",
            "title": "[纠错] ", "labels": [CORRECTION_LABEL],
            "body": [{"type": "markdown", "attributes": {"value": CORRECTION_INTRO}}, *(_item(f, {}) for f in CORRECTION_FIELDS)]}


def config(site_url: str | None) -> dict:
    if not site_url:
        return {"blank_issues_enabled": True}
    base = site_url.rstrip("/") + "/"
    return {"blank_issues_enabled": True, "contact_links": [
        {"name": "网站", "url": base, "about": "先在网站上查一查：方案全文、各部门的分工和已经收录的实施情况。"},
        {"name": "编辑指南", "url": base + "editors/", "about": "怎样提交实施记录和纠错，维护者怎样审核（中文）。"},
    ]}


HEADER = ("# 由 src/plansite/contrib/forms.py 根据 data/plan.yaml 生成，请勿手改。\n"
          "# 数据改了（新增部门、任务或措施）之后重新生成：python scripts/build_pages.py forms\n")
NO_ADDRESS = ("# 网站的公开地址尚未设定，所以这里还没有指向网站和编辑指南的链接。设定后运行：\n"
              "#   SITE_URL=https://网站地址/ python scripts/build_pages.py forms\n")


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000, indent=2)


def files(plan: Plan, site_url: str | None) -> dict[str, str]:
    """File name in .github/ISSUE_TEMPLATE/ → its text."""
    return {contribute.RECORD_FORM: HEADER + dump(record_form(plan)),
            contribute.CORRECTION_FORM: HEADER + dump(correction_form()),
            CONFIG: HEADER + ("" if site_url else NO_ADDRESS) + dump(config(site_url))}


def address_in(config_text: str) -> str | None:
    """The site's address a written config.yml points to (so writing the forms again keeps it)."""
    found = re.search(r"^\s*(?:- )?url: (\S+)$", config_text, flags=re.M)
    return found.group(1) if found else None


def write(root: Path, plan: Plan, site_url: str | None) -> list[Path]:
    """Write the forms; only files whose text changed are touched. Returns the files written."""
    folder = root / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files(plan, site_url).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
