"""The editors' guide (editors.md): how to change data/plan.yaml, preview it and read the check's messages.

Its examples cannot go stale: the error messages are produced at build time by running the check on
a made-up example plan with one mistake per file (plansite/examples/invalid/, which the tests also check), the YAML snippets are the current lines of
data/plan.yaml, and the field list is read from model.py.
"""
from __future__ import annotations

import dataclasses
import datetime
import typing
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

from plansite import model, routes
from plansite.data import yamlnodes
from plansite.data.plan import Loaded, parse_plan
from plansite.data.problems import PlanError
from plansite.data.progress import parse_progress
from plansite.data.reader import field_types, is_list, is_required, record_type, type_words
from plansite.data.walk import Walk
from plansite.model import AnnexRow, Department, Measure, Task
from plansite.pages import contribute_guide, opendata
from plansite.pages.contribute import Repository
from plansite.pages.contribute_guide import ContributeGuide
from plansite.pages.opendata import OpenDataView
from plansite.plan import terms
from plansite.plan.duties import Duties

SRC = "editors.md"
DESCRIPTION = "数据编辑指南：如何修改 data/plan.yaml、检查和预览，以及每种错误提示的真实示例。"
# A made-up plan with neutral names and one mistake per file; the tests check every message too.
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "examples" / "invalid"
SHOWN_AS = "data/plan.yaml"  # the fixtures stand for the editor's file
# 实施记录: bad records, checked against the small plan the plan's fixtures are made from.
PROGRESS_FIXTURES = Path(__file__).resolve().parents[1] / "data" / "examples" / "progress-invalid"
PROGRESS_PLAN = Path(__file__).resolve().parents[1] / "data" / "examples" / "plan.yaml"
PROGRESS_SHOWN_AS = "data/progress.yaml"
# The importer's report on this project's own text, recorded (a test imports that text again and compares).
IMPORT_EXAMPLE = Path(__file__).resolve().parent / "import-example.txt"



class GuideError(Exception):
    """The guide's examples and its fixtures disagree: a developer's mistake, reported without a traceback."""


# What each kind of mistake means and how to fix it, in the order an editor meets them. A test
# checks that every fixture has an entry here, so a new kind of mistake gets explained.
MISTAKES: dict[str, tuple[str, str]] = {
    "yaml-syntax": ("格式错误：少了冒号或空格", "每一行要写成“字段名: 内容”，英文冒号后面必须有一个空格。常见原因是漏了空格、用了中文冒号，或上一行的引号没有闭合。"),
    "yaml-tab": ("格式错误：用了 Tab 缩进", "YAML 只认空格。把行首的 Tab 换成空格（每一层两个空格）。VS Code 右下角可以把“制表符”改为“空格”。"),
    "duplicate-key": ("同一处写了两次同一个字段", "两个同名字段只会保留后一个，前一个的内容会悄悄丢失。把两处合并成一处。"),
    "unknown-key": ("字段名拼错了", "字段名必须是规定的英文名。提示会给出最接近的正确写法。"),
    "missing-field": ("缺少必填字段", "这一项少了一个必须写的字段。按“应为”补上。"),
    "empty-field": ("必填内容是空的", "字段名后面什么也没写。补上内容；如果这一项确实没有内容，请删掉整行（只有非必填字段可以删）。"),
    "wrong-type": ("该写列表的地方写成了一段文字", "多个部门要写成列表：[fulian, jiaowei]，或每项一行、以“- ”开头，不能用顿号连在一起。"),
    "yaml-boolean": ("文字被当成了“是/否”", "YAML 会把单独的 no、yes、on、off、true、false 读成是/否。如果要写的就是这几个字，请加英文双引号。"),
    "unknown-department-name": ("写了部门名称而不是部门编号", "附件的牵头部门、责任部门要写部门编号（英文），不能写中文名称。提示会告诉你对应的编号。"),
    "unknown-department": ("找不到这个部门编号", "部门编号要先在 departments 里登记。多半是拼错了，提示会给出最接近的编号。"),
    "unknown-printed-variant": ("附件写法没有登记", "附件里部门的写法与规范名称不同时（printed），这种写法要先加到该部门的 variants 里。"),
    "department-twice": ("同一部门在一项任务里列了两次", "每个部门在一项任务中只能出现一次，删掉重复的一个。"),
    "lead-and-responsible": ("同一部门既是牵头部门又是责任部门", "对照原文，只保留一处。"),
    "duplicate-id": ("编号重复", "每个编号（id）只能用一次：它是网址和段落链接的一部分。换一个没用过的编号。"),
    "id-clashes-with-anchor": ("编号与段落链接重复", "网站给没有编号的段落自动生成链接，写作“所属编号-数字”或“任务编号-intro”（如 youth-intro、background-2）。新编号不要以“-数字”或“-intro”结尾。"),
    "task-without-annex": ("正文的任务在附件中没有分工", "每项提升行动和重点工程都要在 annex 中有一行，写明牵头部门和责任部门。"),
    "annex-without-task": ("附件中的任务在正文里找不到", "annex 的 task 要写正文中某项任务的编号。"),
    "bad-quote": ("指标的原文语句与正文对不上", "indicators 的 quote 要从正文原样复制，并且在正文中只出现一次；数值和年份也要出现在这句话里。"),
    "import-to-check": ("导入草稿中待核的值", "导入程序（build_pages.py import）拿不准的值写成“待核：……”，上一行的注释说明要核对什么。"
                        "对照原文确认无误后删去“待核：”三个字；合并部门写法的待核，若确是两个部门，就把那种写法登记成另一个部门，并改附件中的引用。"),
    "import-to-fill": ("导入草稿中待填的值", "导入程序没有找到的值写成“待填”，上一行的注释说明要找什么。照原文填写（日期写作 YYYY-MM-DD），再删去那行注释。"),
    "many-problems": ("一次列出全部问题", "检查会一次列出所有问题，按行号排序。从上往下逐条改，改完再运行一次检查。"),
}


PROGRESS_MISTAKES: dict[str, tuple[str, str]] = {
    "source-missing": ("记录没有来源", "每条实施记录都必须有 source：发布单位、标题、发布日期，以及网址或文号。没有公开来源的事不收录。"),
    "source-without-url-or-number": ("来源没有网址也没有文号", "读者要能找到来源：写 url（网页地址），或 number（文件的文号），至少一项。"),
    "source-undated": ("来源没有日期", "写来源页面上的发布日期 date。页面上没有日期时，不要猜：不写 date，改写 accessed（查阅日期，你读到它的那一天），网站会注明“未注明发布日期”。页面上没有署名时，发布单位写刊登它的网站，例如“某某区人民政府网站”。"),
    "url-not-http": ("网址不是 http(s) 开头", "url 只能是 http:// 或 https:// 开头的网页地址；javascript: 之类的写法一律拒绝。"),
    "impossible-date": ("没有这一天", "日期要真实存在：写成 2024、2024-09 或 2024-09-25（月、日都用两位数）。"),
    "future-date": ("日期在将来", "只收录已经发生、已经公开报道的事：日期不能晚于网站生成的日期。"),
    "unknown-measure": ("找不到这条措施", "measures 写措施编号（plan.yaml 中措施的 id）。多半是拼错了，提示会给出最接近的编号。"),
    "unknown-task": ("找不到这项任务", "tasks 写提升行动或重点工程的编号，如 youth。"),
    "no-measure-or-task": ("没写推进了哪项措施或任务", "每条记录至少写 measures 或 tasks 之一，网站才知道把它放在哪项任务下。"),
    "unknown-department": ("找不到这个部门编号", "departments 写 plan.yaml 中登记过的部门编号，提示会给出最接近的编号。"),
    "department-name-for-id": ("写了部门名称而不是编号", "departments 要写部门编号（英文），不能写中文名称。提示会告诉你对应的编号。"),
    "duplicate-record-id": ("记录编号重复", "每条记录的 id 只能用一次：它是这条记录的链接（/progress/#record-编号）。"),
    "unknown-indicator": ("找不到这个指标", "observations 的 indicator 写 plan.yaml 中 indicators 的编号。"),
}


@dataclass(frozen=True, kw_only=True)
class Excerpt:
    first: int
    lines: tuple[tuple[int, str, bool], ...]  # (line number, text, is the reported line)


@dataclass(frozen=True, kw_only=True)
class Example:
    name: str
    title: str
    explanation: str
    excerpts: tuple[Excerpt, ...]
    message: str


@dataclass(frozen=True, kw_only=True)
class FieldRow:
    path: str
    meaning: str
    expected: str
    required: bool


@dataclass(frozen=True, kw_only=True)
class Snippet:
    label: str
    excerpt: Excerpt


@dataclass(frozen=True, kw_only=True)
class GuideContext:
    examples: tuple[Example, ...]
    fields: tuple[FieldRow, ...]
    snippets: dict[str, Snippet]
    about_href: str
    schema_href: str
    department_kinds: tuple[str, ...]  # what `kind` may say in this plan (its jurisdiction's level), in page order
    progress_examples: tuple[Example, ...] = ()
    progress_fields: tuple[FieldRow, ...] = ()
    record_snippet: Snippet | None = None  # the first record of data/progress.yaml
    progress_schema_href: str = ""
    department_word: str = "部门"  # the plan's own word: 部门 / 单位
    import_example_source: str = ""  # the file the example import read
    import_example: str = ""  # the importer's report on it, as recorded (IMPORT_EXAMPLE)
    open_data: OpenDataView | None = None  # the downloads explained (_guide_downloads.md.j2)
    contribute: ContributeGuide | None = None  # the forms, the ids, the review: contribute_guide.py


def excerpt(lines: list[str], first: int, last: int, marked: Container[int] = ()) -> Excerpt:
    first, last = max(first, 1), min(last, len(lines))
    shown = tuple((n, lines[n - 1].replace("\t", "⇥   "), n in marked) for n in range(first, last + 1))
    return Excerpt(first=first, lines=shown)


def examples() -> tuple[Example, ...]:
    found = {p.stem: p for p in FIXTURES.glob("*.yaml")}
    if not found:
        raise GuideError(f"no invalid fixtures in {FIXTURES}: the editors' guide takes its examples from them")
    missing = sorted(set(found) - set(MISTAKES))
    if missing:  # a new fixture must be explained to editors before the site builds
        raise GuideError(f"plansite/pages/guide.py MISTAKES has no explanation for {missing}")
    out = []
    for name, (title, explanation) in MISTAKES.items():
        if name not in found:
            continue
        text = found[name].read_text(encoding="utf-8")
        try:
            parse_plan(text, SHOWN_AS)
        except PlanError as err:
            lines = text.split("\n")
            shots = tuple(excerpt(lines, p.line - 2, p.line + 1, {p.line}) for p in err.problems)
            out.append(Example(name=name, title=title, explanation=explanation, excerpts=shots, message=err.report()))
        else:
            raise GuideError(f"{found[name]} is meant to be invalid but passes the check")
    return tuple(out)


def progress_examples(today: datetime.date) -> tuple[Example, ...]:
    """Each kind of bad record, checked against the build date as `check` would."""
    found = {p.stem: p for p in PROGRESS_FIXTURES.glob("*.yaml")}
    missing = sorted(set(found) - set(PROGRESS_MISTAKES))
    if missing:
        raise GuideError(f"plansite/pages/guide.py PROGRESS_MISTAKES has no explanation for {missing}")
    plan = parse_plan(PROGRESS_PLAN.read_text(encoding="utf-8"), str(PROGRESS_PLAN))
    out = []
    for name, (title, explanation) in PROGRESS_MISTAKES.items():
        if name not in found:
            continue
        text = found[name].read_text(encoding="utf-8")
        try:
            parse_progress(text, plan, today, PROGRESS_SHOWN_AS)
        except PlanError as err:
            lines = text.split("\n")
            shots = tuple(excerpt(lines, p.line - 2, p.line + 1, {p.line}) for p in err.problems)
            out.append(Example(name=name, title=title, explanation=explanation, excerpts=shots, message=err.report()))
        else:
            raise GuideError(f"{found[name]} is meant to be invalid but passes the check")
    return tuple(out)


def record_snippet(text: str | None) -> Snippet | None:
    """The first record of the project's data/progress.yaml as it stands, to copy from."""
    if text is None:
        return None
    root, _ = yamlnodes.compose(text, PROGRESS_SHOWN_AS)
    if root is None:
        return None
    spans = yamlnodes.line_spans(root)
    if "records[0]" not in spans:
        return None
    first, last = spans["records[0]"]
    return Snippet(label="data/progress.yaml 中的第一条记录", excerpt=excerpt(text.split("\n"), first, last))


def fields(tp: typing.Any = model.Plan, prefix: str = "") -> list[FieldRow]:
    """Every field of plan.yaml with its meaning, from model.py."""
    out = []
    hints = field_types(tp)
    for f in dataclasses.fields(tp):
        path = f"{prefix}{f.name}"
        hint = hints[f.name]
        record = record_type(hint)
        out.append(FieldRow(path=path, meaning=f.metadata["zh"], expected="见下面各项" if record else type_words(hint),
                            required=is_required(f)))
        if record:
            out += fields(record, path + ("[]." if is_list(hint) else "."))
    return out


def snippets(source: Loaded) -> dict[str, Snippet]:
    """Current lines of data/plan.yaml, to copy from: a measure, a department (one with variants if
    any), an annex row. A plan without tasks or an annex simply has fewer snippets."""
    plan, data_text, where = source.plan, source.text, source.lines
    lines = data_text.split("\n")
    walk = Walk(plan)
    picks: dict[str, tuple[str, str]] = {}
    measures, tasks = walk.of_type(Measure), walk.of_type(Task)
    if measures and tasks:
        picks["measure"] = (f"{tasks[0][1].label} 的第一条措施", measures[0][0])
    departments = walk.of_type(Department)
    dept_path, dept = next(((path, d) for path, d in departments if d.variants), departments[0])
    picks["department"] = (f"部门 {dept.name}", dept_path)
    annex = walk.of_type(AnnexRow)
    if annex:
        row_path = next((path for path, row in annex if any(ref.printed for ref in (*row.lead, *row.responsible))),
                        annex[0][0])
        picks["annex"] = ("附件中的一行分工", row_path)
    out = {}
    for key, (label, path) in picks.items():
        first, last = where[path]
        out[key] = Snippet(label=label, excerpt=excerpt(lines, first, last))
    return out


def context(source: Loaded, *, links: routes.Links, today: datetime.date, progress_text: str | None,
            site_url: str = "", repository: Repository | None = None) -> GuideContext:
    """The guide for the project whose plan is `source` and whose progress file reads `progress_text`."""
    return GuideContext(examples=examples(), fields=tuple(fields()), snippets=snippets(source),
                        about_href=links.href(SRC, routes.ABOUT), schema_href=links.href(SRC, "schema/plan.schema.json"),
                        department_kinds=terms.department_kinds(source.plan),
                        progress_examples=progress_examples(today), progress_fields=tuple(fields(model.Progress)),
                        record_snippet=record_snippet(progress_text), progress_schema_href=links.href(SRC, "schema/progress.schema.json"),
                        department_word=source.plan.words.department, **import_example(),
                        open_data=opendata.view(source.plan, Duties(source.plan), links, SRC, site_url),
                        contribute=contribute_guide.context(source.plan, repository))


def import_example() -> dict[str, str]:
    """The recorded report and the file it read (its first line names it)."""
    report = IMPORT_EXAMPLE.read_text(encoding="utf-8").rstrip("\n")
    source = report.split("\n", 1)[0].removeprefix("导入报告：").split("（", 1)[0]
    return {"import_example_source": source, "import_example": report}
