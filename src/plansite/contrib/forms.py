"""The GitHub issue forms, written from the data (.github/ISSUE_TEMPLATE/, `build_pages.py forms`).

提交实施记录 (record.yml): a record's fields in plain Chinese, tasks, measures and departments offered by
name in dropdowns made from data/plan.yaml, so a new department or task appears in the form when the
forms are written again (a test fails while the committed forms are out of date). 报告错误
(correction.yml): the page, what is wrong, what the published document says and on which page.
config.yml: the site and its editors' guide, when the public address is known (SITE_URL).

The fields (pages/formfields.py) are one list: the intake (intake.py) reads a submitted form by their
labels, and the editors' guide lists them.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from plansite.model import Plan
from plansite.pages import contribute
from plansite.pages.formfields import *  # noqa: F403  the fields (pages/formfields.py): the intake and the tests read them here
from plansite.pages.formfields import CONFIRMATION, CORRECTION_FIELDS, CORRECTION_LABEL, RECORD_FIELDS, RECORD_LABEL, Field

FOLDER = Path(".github") / "ISSUE_TEMPLATE"
CONFIG = "config.yml"


class FormsError(Exception):
    """The data cannot be offered in a form as it stands (a name GitHub would split or mistake)."""


RECORD_INTRO = """感谢补充！这张表把一件**已经公开报道或发文**的实施工作加进网站的“实施情况”。不需要懂编程，也不需要知道任何编号。

- 只收录有公开来源的事：政府网站、新闻报道、公开文件。请先读过来源再填写。
- 标题和摘要用自己的话写。编辑会对照来源核对，必要时改写。
- 提交后，维护者审核并加上“采纳”标签，系统会把它写成数据，提出一个修改（拉取请求），并在本页回复结果；表单内容有问题时，回复会逐条说明。维护者合并修改后，记录出现在网站上。
- 请不要填写个人信息（身份证号、电话、住址等）。"""

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
