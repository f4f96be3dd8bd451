"""A submitted 提交实施记录 form → one record appended to data/progress.yaml (`build_pages.py intake EVENT.json`).

EVENT.json is the payload of GitHub's `issues` event as the workflow receives it ($GITHUB_EVENT_PATH): the
issue's text is read from that file, never from a command line or a shell. The form's answers arrive as
`### <label>` blocks (`_No response_` for an empty field; a multiple-choice dropdown as the chosen names
joined by ", "). Names are mapped back to ids, dates read as people write them (dates.py), and the
whole resulting file is checked by exactly the check `check` runs (data.progress.parse_progress) before
it is written, atomically. Every problem is reported at once, in Chinese, under the form's own labels.

The record is appended as text after the last record: every other byte of the file stays as it was
(comments included). Its strings are written as JSON-style double-quoted scalars (valid YAML, and no
character of the submitter's can end them), each read back to be sure. The summary is the submitter's,
marked for the editor to confirm against the source by a YAML comment, not a value, so the record checks
clean whatever the check says of markers in values.

Refused, changing nothing: text that is not a record form's (a `### ` heading of its own in a field),
YAML or Markdown or template or HTML syntax in a text field (`key: value` lines, `- id:`, `{{ }}`,
`<script>`, `[..](..)`), a `javascript:` or `data:` address, invisible characters, a field longer than
the form allows, unknown names, dates that cannot be read or lie in the future, a duplicate of an
existing record, a URL typed with full-width characters.
"""
from __future__ import annotations

import dataclasses
import datetime
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plansite.contrib import dates, forms
from plansite.contrib.forms import Field
from plansite.data import yamlnodes
from plansite.data.files import write_atomically
from plansite.data.problems import PlanError, Problem
from plansite.data.progress import format_value, parse_progress
from plansite.model import Plan, Progress, When
from plansite.pages import contribute

PROGRESS_FILE = "data/progress.yaml"
MAX_BODY = 65536  # GitHub's own limit on an issue's text; a crafted event may carry more
NO_RESPONSE = "_No response_"
NO_CHOICE = "None"  # what GitHub may show for an unanswered dropdown
REVIEW_MARK = "# 待核：摘要为提交者原话，请对照来源核对、改写，然后删去此行"
LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?")

# What may not stand in a text field: markup of any kind the text could become, or hide.
HTML = re.compile(r"<\s*[A-Za-z/!?]")
TEMPLATE = re.compile(r"\{\{|\}\}|\{%|%\}")
MARKDOWN_LINK = re.compile(r"\]\s*\(|!\[")
YAML_LINE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][A-Za-z0-9_-]*\s*:(?:\s|$)")
HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")
SCHEME = re.compile(r"(?:javascript|data|vbscript|file)\s*:", re.IGNORECASE)
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
FULL_WIDTH_ASCII = re.compile("[\uff01-\uff5e\u3000]")
FIGURE = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>[^\s\d][^\s]*)\s+(?P<counts>\S.*)")


@dataclass(frozen=True)
class Refusal:
    """One reason the form is not taken, under the label the submitter saw."""
    label: str
    message: str
    expected: str = ""
    found: str = ""
    hint: str = ""

    def format(self) -> str:
        lines = [f"{self.label}", f"  问题：{self.message}"]
        lines += [f"  {k}：{v}" for k, v in (("应为", self.expected), ("实际", self.found), ("提示", self.hint)) if v]
        return "\n".join(lines)


class Refused(Exception):
    def __init__(self, refusals: list[Refusal]):
        self.refusals = list(dict.fromkeys(refusals))
        super().__init__(self.report())

    def report(self) -> str:
        body = "\n\n".join(r.format() for r in self.refusals)
        return f"{body}\n\n共 {len(self.refusals)} 处需要修改，data/progress.yaml 没有改动。"


@dataclass(frozen=True)
class Accepted:
    issue: int
    record_id: str
    text: str  # the whole new file
    added: str  # the text inserted into it
    warnings: tuple[Problem, ...]


def shown(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: one line, cut."""
    one = text.replace("\r", "⏎").replace("\n", "⏎")
    return f"“{one[:limit]}{'……' if len(one) > limit else ''}”"


# ── reading the issue ───────────────────────────────────────────────────────────────────────────
def read_event(path: Path) -> dict[str, Any]:
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise Refused([Refusal("（事件文件）", "读不出 GitHub 的事件文件", expected="issues 事件的 JSON", found=str(err)[:200])]) from None
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or not isinstance(issue.get("number"), int) or issue["number"] <= 0:
        raise Refused([Refusal("（事件文件）", "事件中没有 issue", expected="GitHub issues 事件（带 issue.number 和 issue.body）")])
    if "pull_request" in issue:
        raise Refused([Refusal("（事件文件）", "这是拉取请求，不是表单提交的 issue")])
    return event


def sections(body: str, fields: tuple[Field, ...]) -> dict[str, str]:
    """Field id → the answer's text, read from the `### label` blocks of an issue form's text."""
    if len(body) > MAX_BODY:
        raise Refused([Refusal("（整个表单）", "内容太长", expected=f"不超过 {MAX_BODY} 个字符", found=f"{len(body)} 个字符")])
    lines = body.replace("\r\n", "\n").split("\n")
    heads = [(i, line[4:].strip()) for i, line in enumerate(lines) if line.startswith("### ")]
    labels = [f.label for f in fields]
    if [label for _, label in heads] != labels:
        # The form's own headings in order, with lines of the submitter's that start with "### " among them:
        # each such line is named with the field it was typed into.
        matched, pasted, field_at = 0, [], ""
        for _, label in heads:
            if matched < len(labels) and label == labels[matched]:
                field_at, matched = label, matched + 1
            else:
                pasted.append((field_at, label))
        if matched == len(labels) and pasted:
            raise Refused([Refusal(into or "（整个表单）", "填写的内容里有一行以“### ”开头：这是表单自己用来分隔各项的写法",
                                   found=shown("### " + label), hint="请编辑 issue，删去这一行开头的“### ”")
                           for into, label in pasted])
        raise Refused([Refusal("（整个表单）", "这不是“提交实施记录”表单的内容，或者表单的各项被改动过",
                               expected="“" + "、".join(labels) + "”各一项，按这个顺序",
                               found="“" + "、".join(label for _, label in heads) + "”" if heads else "没有这些项",
                               hint="请用网站上的“补充实施记录”链接，或在 GitHub 上新建 issue 时选择“提交实施记录”")])
    out = {}
    for n, (start, _) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        answer = "\n".join(lines[start + 1:end]).strip("\n")
        out[fields[n].id] = "" if answer.strip() == NO_RESPONSE else answer
    return out


# ── checking each answer ────────────────────────────────────────────────────────────────────────
def hygiene(f: Field, text: str, multiline: bool = False) -> list[Refusal]:
    """What may not stand in a text field, each said once."""
    out = []
    if f.limit and len(text) > f.limit:
        out.append(Refusal(f.label, "太长了", expected=f"不超过 {f.limit} 个字", found=f"{len(text)} 个字",
                           hint="只写要点；原文请留在来源里"))
        text = text[: f.limit * 4]  # the rest is read no further
    if not multiline and "\n" in text.strip("\n"):
        out.append(Refusal(f.label, "这一项只能写一行", found=shown(text)))
    if (bad := CONTROL.search(text.replace("\n", ""))) is not None:
        out.append(Refusal(f.label, "有看不见的控制字符", found=f"字符 U+{ord(bad.group()):04X}", hint="从别处复制文字时带进来的；请删掉后重新输入"))
    if (bad := INVISIBLE.search(text)) is not None:
        out.append(Refusal(f.label, "有看不见的格式字符", found=f"字符 U+{ord(bad.group()):04X}", hint="从别处复制文字时带进来的；请删掉后重新输入"))
    if (tag := HTML.search(text)) is not None:
        out.append(Refusal(f.label, "不能包含 HTML 标签（“<”后面紧跟字母或 /）", found=shown(text[tag.start():]),
                           hint="只写文字；要写书名号请用《》"))
    if TEMPLATE.search(text):
        out.append(Refusal(f.label, "不能包含 {{ }} 或 {% %}", hint="这是模板的写法；只写文字"))
    if MARKDOWN_LINK.search(text):
        out.append(Refusal(f.label, "不能包含 Markdown 链接或图片（[文字](网址)、![图](网址)）", hint="网址请填在“来源：网址”一项"))
    if SCHEME.search(unicodedata.normalize("NFKC", text)):
        out.append(Refusal(f.label, "不能包含 javascript:、data: 这类地址", hint="网址只能以 http:// 或 https:// 开头，填在“来源：网址”一项"))
    for line in text.split("\n"):
        if YAML_LINE.match(line):
            out.append(Refusal(f.label, "有一行看起来像数据格式（“英文字段名: 内容”）", found=shown(line),
                               hint="只写文字；英文冒号请改成中文冒号“：”"))
            break
    for line in text.split("\n"):
        if HEADING_LINE.match(line):
            out.append(Refusal(f.label, "有一行以 # 开头（这是标题的写法）", found=shown(line), hint="删去行首的 #"))
            break
    return out


def one_line(text: str) -> str:
    """A textarea's answer as one line of text: its lines joined (Chinese needs no space between them;
    two Latin letters or digits meeting get one)."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " "
        out += part
    return out


def when(f: Field, text: str) -> tuple[When | None, list[Refusal]]:
    try:
        return dates.parse(text), []
    except dates.DateProblem as err:
        return None, [Refusal(f.label, err.message, expected=dates.EXAMPLES, found=shown(text), hint=err.hint)]


def url(f: Field, text: str) -> tuple[str | None, list[Refusal]]:
    typed = text.strip()
    if FULL_WIDTH_ASCII.search(typed):
        fixed = unicodedata.normalize("NFKC", typed).replace(" ", "")
        return None, [Refusal(f.label, "网址里有全角字符", expected="半角（英文输入法）的网址", found=shown(typed),
                              hint=f"是不是 {fixed}？请从浏览器地址栏复制网址")]
    if not re.match(r"https?://", typed, flags=re.IGNORECASE):
        return None, [Refusal(f.label, "网址要以 http:// 或 https:// 开头", expected="例如 https://www.example.gov.cn/…", found=shown(typed))]
    return typed, []


def names(f: Field, chosen: list[str], known: dict[str, str]) -> tuple[list[str], list[Refusal]]:
    ids, out = [], []
    for name in chosen:
        if name in known:
            ids.append(known[name])
            continue
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
        out.append(Refusal(f.label, "表单中没有这个名称", expected="表单列表中的名称", found=shown(name),
                           hint=f"是不是“{close[0]}”？" if close else "请从表单的列表中选择"))
    return ids, out


def dropdown(f: Field, text: str, known: dict[str, str]) -> tuple[list[str], list[Refusal]]:
    answer = text.strip()
    if answer in ("", NO_CHOICE):
        return [], []
    return names(f, [n.strip() for n in answer.split(", ")], known)


def preset(f: Field, text: str, choices: contribute.Choices) -> tuple[dict[str, list[str]], list[Refusal]]:
    """任务：… ；措施：… ；部门：… → ids by kind."""
    out: dict[str, list[str]] = {kind: [] for kind in contribute.PRESET_KINDS}
    refusals: list[Refusal] = []
    kinds = {word: kind for kind, word in contribute.PRESET_KINDS.items()}
    for part in re.split(r"[；;]", text):
        part = part.strip()
        if not part:
            continue
        word, sep, name = part.partition("：") if "：" in part else part.partition(":")
        kind = kinds.get(word.strip())
        if not sep or kind is None:
            refusals.append(Refusal(f.label, "看不懂这一项", expected="“任务：名称”“措施：名称”或“部门：名称”，用“；”隔开",
                                    found=shown(part)))
            continue
        ids, bad = names(f, [name.strip()], dict(choices.by_kind()[kind]))
        out[kind] += ids
        refusals += bad
    return out, refusals


def figures(f: Field, text: str) -> tuple[list[tuple[float, str, str]], list[Refusal]]:
    out, refusals = [], []
    for line in text.split("\n"):
        typed = line.strip()
        if not typed:
            continue
        digits = re.sub(r"[０-９．]", lambda m: unicodedata.normalize("NFKC", m.group()), typed)  # full-width digits: the same number
        found = FIGURE.fullmatch(digits)
        if found is None or re.search(r"\d[,，]\d", digits):
            refusals.append(Refusal(f.label, "看不懂这一行数字", expected="“数值 单位 统计的是什么”，例如 1200 册 发放宣传资料",
                                    found=shown(typed), hint="数值用阿拉伯数字，不加千位分隔符；每行一个"))
            continue
        out.append((float(found.group("value")), found.group("unit"), found.group("counts").strip()))
    return out, refusals


# ── writing the record ──────────────────────────────────────────────────────────────────────────
def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping), read back to be sure it says `text`."""
    out = json.dumps(text, ensure_ascii=False)
    if yaml.safe_load(out) != text:  # never expected: the characters that could differ are refused above
        raise Refused([Refusal("（整个表单）", "内容中有无法安全写入的字符", found=shown(text))])
    return out


@dataclass
class Draft:
    issue: int
    login: str | None
    date: When | None = None
    title: str | None = None
    summary: str | None = None
    tasks: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    departments: list[str] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)  # publisher, title, date, accessed, url, number (as YAML text)
    figures: list[tuple[float, str, str]] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        return f"{self.date.iso}-issue-{self.issue}" if self.date else f"issue-{self.issue}"

    def lines(self, dash: int) -> list[str]:
        """The record in YAML, its "- " at column `dash`."""
        key = " " * (dash + 2)
        by = f"（提交者 @{self.login}）" if self.login else ""
        out = [f"{' ' * dash}- id: {self.record_id}"]
        if self.date:
            out.append(f"{key}date: {self.date.iso}")
        out.append(f"{key}# 来自 GitHub issue #{self.issue} 的“提交实施记录”表单{by}，维护者采纳后由程序写入。")
        if self.title is not None:
            out.append(f"{key}title: {quoted(self.title)}")
        if self.summary is not None:
            out += [f"{key}{REVIEW_MARK}", f"{key}summary: {quoted(self.summary)}"]
        for name, ids in (("measures", self.measures), ("tasks", self.tasks), ("departments", self.departments)):
            if ids:
                out.append(f"{key}{name}: [{', '.join(dict.fromkeys(ids))}]")
        out.append(f"{key}source:")
        for name in ("publisher", "title", "date", "url", "number", "accessed"):
            if name in self.source:
                out.append(f"{key}  {name}: {self.source[name]}")
        if self.figures:
            out.append(f"{key}figures:")
            for value, unit, counts in self.figures:
                out += [f"{key}  - value: {format_value(value)}", f"{key}    unit: {quoted(unit)}", f"{key}    counts: {quoted(counts)}"]
        return out


def insert(text: str, draft: Draft) -> tuple[str, str]:
    """(the new file, the text inserted): the record after the last record, every other byte kept."""
    eol = "\r\n" if "\r\n" in text else "\n"
    root, problems = yamlnodes.compose(text, PROGRESS_FILE) if text.strip() else (None, [])
    if root is None and problems and problems[0].message != "文件是空的":
        raise PlanError(problems)
    records = None
    if isinstance(root, yaml.MappingNode):
        records = next((value for key, value in root.value if getattr(key, "value", None) == "records"), None)
    if records is None:  # no records yet: a list of its own at the end of the file
        added = ("" if not text or text.endswith("\n") else eol) + "records:" + eol + eol.join(draft.lines(2)) + eol
        return text + added, added
    if not isinstance(records, yaml.SequenceNode) or records.flow_style or not records.value:
        raise Refused([Refusal(PROGRESS_FILE, "records 不是逐行书写的列表，程序不知道把新记录加在哪里",
                               expected="records: 下面每条记录以“- ”开头", hint="请编辑直接把这条记录写进文件")])
    assert root is not None
    last = yamlnodes.line_spans(root)[f"records[{len(records.value) - 1}]"][1]  # 1-based: the last record's last line
    at = sum(len(line) + 1 for line in text.split("\n")[:last]) - len(eol)  # the end of that line, before its newline
    added = eol + eol + eol.join(draft.lines(records.start_mark.column))
    return text[:at] + added + text[at:], added


# ── a problem of the check, under the form's label ──────────────────────────────────────────────
PATHS = [(".source.publisher", forms.SOURCE_PUBLISHER), (".source.title", forms.SOURCE_TITLE), (".source.date", forms.SOURCE_DATE),
         (".source.accessed", forms.SOURCE_ACCESSED), (".source.url", forms.SOURCE_URL), (".source.number", forms.SOURCE_NUMBER),
         (".date", forms.DATE), (".title", forms.TITLE), (".summary", forms.SUMMARY), (".measures", forms.MEASURES),
         (".tasks", forms.TASKS), (".departments", forms.DEPARTMENTS), (".figures", forms.FIGURES)]


def label_of(problem: Problem, index: int) -> str:
    own = f"records[{index}]"
    if problem.path != own and not problem.path.startswith((own + ".", own + "[")):
        return PROGRESS_FILE
    rest = problem.path[len(own):]
    if rest == "":
        return f"{forms.TASKS.label}、{forms.MEASURES.label}"
    if rest == ".id":
        return "（记录编号）"
    if rest == ".source":
        dated = "日期" in problem.message
        return "、".join(f.label for f in ((forms.SOURCE_DATE, forms.SOURCE_ACCESSED) if dated else (forms.SOURCE_URL, forms.SOURCE_NUMBER)))
    for suffix, f in PATHS:
        if rest == suffix or rest.startswith((suffix + ".", suffix + "[")):
            return f.label
    return PROGRESS_FILE


# ── the whole form ──────────────────────────────────────────────────────────────────────────────
def take(event: dict[str, Any], plan: Plan, text: str, today: datetime.date) -> Accepted:
    """The file with the form's record appended, or Refused with every problem."""
    issue = event["issue"]
    login = (issue.get("user") or {}).get("login")
    draft = Draft(issue=issue["number"], login=login if isinstance(login, str) and LOGIN.fullmatch(login) else None)
    body = issue.get("body")
    answers = sections(body if isinstance(body, str) else "", forms.RECORD_FIELDS)
    refusals: list[Refusal] = []
    for f in forms.RECORD_FIELDS:
        if f.kind in ("input", "textarea"):
            refusals += hygiene(f, answers[f.id], multiline=f.kind == "textarea")
    refused = {r.label for r in refusals}

    def wanted(f: Field) -> str | None:
        """The answer, when it is usable as text: '' for none; None when already refused."""
        return None if f.label in refused else answers[f.id].strip()

    for f in forms.RECORD_FIELDS:
        if f.required and f.kind in ("input", "textarea") and not answers[f.id].strip():
            refusals.append(Refusal(f.label, "必填，但没有填写"))
    if (value := wanted(forms.DATE)):
        draft.date, bad = when(forms.DATE, value)
        refusals += bad
    if (value := wanted(forms.TITLE)):
        draft.title = value
    if (value := wanted(forms.SUMMARY)):
        draft.summary = one_line(value)
    choices = contribute.Choices.of(plan)
    if (value := wanted(forms.PRESET)):
        chosen, bad = preset(forms.PRESET, value, choices)
        draft.tasks, draft.measures, draft.departments = chosen[contribute.TASKS], chosen[contribute.MEASURES], chosen[contribute.DEPARTMENTS]
        refusals += bad
    for f, known, into in ((forms.TASKS, choices.tasks, draft.tasks), (forms.MEASURES, choices.measures, draft.measures),
                           (forms.DEPARTMENTS, choices.departments, draft.departments)):
        ids, bad = dropdown(f, answers[f.id], dict(known))
        into += ids
        refusals += bad
    for f, key in ((forms.SOURCE_PUBLISHER, "publisher"), (forms.SOURCE_TITLE, "title"), (forms.SOURCE_NUMBER, "number")):
        if (value := wanted(f)):
            draft.source[key] = quoted(value)
    for f, key in ((forms.SOURCE_DATE, "date"), (forms.SOURCE_ACCESSED, "accessed")):
        if (value := wanted(f)):
            day, bad = when(f, value)
            refusals += bad
            if day:
                draft.source[key] = day.iso
    if (value := wanted(forms.SOURCE_URL)):
        address, bad = url(forms.SOURCE_URL, value)
        refusals += bad
        if address:
            draft.source["url"] = quoted(address)
    if (value := wanted(forms.FIGURES)):
        draft.figures, bad = figures(forms.FIGURES, value)
        refusals += bad
    if "[x]" not in answers[forms.CONFIRM.id].lower():
        refusals.append(Refusal(forms.CONFIRM.label, "没有勾选确认", expected=f"勾选“{forms.CONFIRMATION}”"))

    # The file as it stands must check clean: a mistake already in it is an editor's to fix first.
    try:
        existing = parse_progress(text, plan, today, PROGRESS_FILE) if text.strip() else Progress()
    except PlanError as err:
        raise Refused([*refusals, Refusal(PROGRESS_FILE, "文件本身有误，先由编辑改正，再采纳表单", found=err.report())]) from None
    refusals += duplicates(draft, existing)

    # The check itself, on the whole file with the record in it. Fields refused above are stood in for,
    # so that the check reports what else is wrong rather than the refused fields again.
    said = {part for r in refusals for part in r.label.split("、")}
    new, _ = insert(text, stand_ins(draft, said, today, plan))
    warnings: list[Problem] = []
    try:
        parse_progress(new, plan, today, PROGRESS_FILE, warnings)
    except PlanError as err:
        index = len(existing.records)
        for p in err.problems:
            label = label_of(p, index)
            if not set(label.split("、")) & said and not (label == "（记录编号）" and "（整条记录）" in said):
                refusals.append(Refusal(label, p.message, expected=IN_FORM_WORDS.get(label, p.expected), found=p.found, hint=p.hint))
    if refusals:
        raise Refused(refusals)
    new, added = insert(text, draft)
    return Accepted(issue=draft.issue, record_id=draft.record_id, text=new, added=added, warnings=tuple(warnings))


STAND_IN = "（表单中的这一项有误）"
# The check's "expected" names YAML fields; under these labels the form's words say it.
IN_FORM_WORDS = {
    f"{forms.TASKS.label}、{forms.MEASURES.label}": f"在“{forms.TASKS.label}”或“{forms.MEASURES.label}”中至少选一项（或用网站上的“补充实施记录”链接带入）",
    f"{forms.SOURCE_URL.label}、{forms.SOURCE_NUMBER.label}": f"填写“{forms.SOURCE_URL.label}”或“{forms.SOURCE_NUMBER.label}”，至少一项",
    f"{forms.SOURCE_DATE.label}、{forms.SOURCE_ACCESSED.label}": f"填写“{forms.SOURCE_DATE.label}”；来源页面上没有日期时，填写“{forms.SOURCE_ACCESSED.label}”",
}


def stand_ins(draft: Draft, said: set[str], today: datetime.date, plan: Plan) -> Draft:
    """The draft with a valid value wherever a field was refused (for checking the rest only; never written)."""
    checked = dataclasses.replace(draft, tasks=list(draft.tasks), measures=list(draft.measures), source=dict(draft.source))
    checked.date = checked.date or When(today.year)
    checked.title = checked.title or STAND_IN
    checked.summary = checked.summary or STAND_IN
    if not checked.tasks and not checked.measures and said & {forms.PRESET.label, forms.TASKS.label, forms.MEASURES.label}:
        checked.tasks = [t.id for c in plan.chapters for t in c.tasks][:1]
    for key in ("publisher", "title"):
        checked.source.setdefault(key, quoted(STAND_IN))
    if "date" not in checked.source and "accessed" not in checked.source and said & {forms.SOURCE_DATE.label, forms.SOURCE_ACCESSED.label}:
        checked.source["date"] = str(today.year)
    if "url" not in checked.source and "number" not in checked.source and said & {forms.SOURCE_URL.label, forms.SOURCE_NUMBER.label}:
        checked.source["url"] = quoted("https://example.invalid/")
    return checked


def duplicates(draft: Draft, existing: Progress) -> list[Refusal]:
    def same_url(a: str | None, b: str | None) -> bool:
        return bool(a and b) and a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()  # type: ignore[union-attr]

    url_text = json.loads(draft.source["url"]) if "url" in draft.source else None
    number = json.loads(draft.source["number"]) if "number" in draft.source else None
    for r in existing.records:
        why = ("这个表单已经采纳过" if r.id == draft.record_id else
               "来源网址相同" if same_url(r.source.url, url_text) else
               "来源文号相同" if number and r.source.number and r.source.number.strip() == number else
               "标题相同" if draft.title and r.title == draft.title else "")
        if why:
            return [Refusal("（整条记录）", f"与已有的记录重复：{why}", found=f"已有记录 {r.id}：{r.title}",
                            hint="同一件事不必再提交。如果确实是另一件事，请在标题中写清区别；同一篇报道讲了两件事时，请编辑直接写进 data/progress.yaml")]
    return []


# ── the command ─────────────────────────────────────────────────────────────────────────────────
def comment(result: Accepted | Refused) -> str:
    """The reply on the issue, in Markdown; every quoted value escaped (it is the submitter's text)."""
    if isinstance(result, Refused):
        items = "\n".join(f"{n}. " + _md_refusal(r) for n, r in enumerate(result.refusals, 1))
        return (f"**没有采纳：表单中有 {len(result.refusals)} 处需要修改。** data/progress.yaml 没有改动。\n\n{items}\n\n"
                "请编辑这个 issue（右上角“…” → Edit），逐条改正后保存，再请维护者去掉并重新加上“采纳”标签。\n")
    lines = [f"**已采纳**：这条实施记录已写成数据（记录编号 `{result.record_id}`），拉取请求随后出现在本页下方。",
             "", "维护者会对照来源核对摘要（必要时改写），合并后记录出现在网站的“实施情况”中。"]
    if result.warnings:
        lines += ["", "请留意（不影响采纳）："] + [f"- {_md_problem(w)}" for w in result.warnings]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    from plansite.pages.render import md_escape

    return str(md_escape(text)) if text else ""


def _md_refusal(r: Refusal) -> str:
    parts = [f"**{_md(r.label)}**：{_md(r.message)}"]
    parts += [f"{k}：{_md(v)}" for k, v in (("应为", r.expected), ("实际", r.found), ("提示", r.hint)) if v]
    return "<br>".join(parts)


def _md_problem(p: Problem) -> str:
    parts = [f"{_md(p.message)}"] + [f"{k}：{_md(v)}" for k, v in (("应为", p.expected), ("实际", p.found), ("提示", p.hint)) if v]
    return "；".join(parts)


def run(root: Path, event_path: Path, comment_path: Path | None = None, today: datetime.date | None = None) -> Accepted | Refused:
    """Read the event, append the record to ROOT/data/progress.yaml (atomically) or change nothing;
    the reply for the issue goes to `comment_path` either way."""
    from plansite.data.plan import load
    from plansite.plan import timeline

    target = root / PROGRESS_FILE
    result: Accepted | Refused
    try:
        event = read_event(event_path)
        plan = load(root / "data" / "plan.yaml", "data/plan.yaml").plan
        text = target.read_bytes().decode("utf-8") if target.exists() else ""  # as it is: line endings included
        result = take(event, plan, text, today or timeline.build_date())
    except Refused as refused:
        result = refused
    except PlanError as err:
        result = Refused([Refusal("data/plan.yaml", "方案数据本身有误，先由编辑改正", found=err.report())])
    except (UnicodeDecodeError, timeline.BuildDateError) as err:
        result = Refused([Refusal(PROGRESS_FILE, "读不出数据", found=str(err)[:300])])
    if isinstance(result, Accepted):
        write_atomically(target, result.text)
    if comment_path is not None:
        comment_path.write_text(comment(result), encoding="utf-8")
    return result


def pull_request_text(result: Accepted) -> str:
    """The opening of the pull request's text; the review of the change follows it."""
    return (f"由 #{result.issue} 的“提交实施记录”表单生成（维护者加上“采纳”标签后）。合并后关闭 #{result.issue}。\n\n"
            f"Closes #{result.issue}\n\n"
            "合并前请：对照来源核对记录，按需要改写摘要，删去 `# 待核` 那一行注释；确认任务、措施和部门选得对。\n\n---\n\n")
