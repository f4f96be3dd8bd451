"""What a change of the data changes on the site, in Chinese Markdown (`build_pages.py review BASE [HEAD]`).

Both sides are read with the real loaders (a side that does not load is reported with the check's
problems, never a traceback) and generated with plansite.generate (pure: no MkDocs), then compared:

  the published text   block by block in reading order (plan.document.blocks), each changed sentence with
                       every changed character marked and, where it is not a letter or digit, named by
                       its code point: the text must stay word for word the published document's;
  records, observations  added, changed (field by field) and removed, with their sources;
  assignments          gained or lost, per department (the annex);
  pages                added, removed, and those whose content changes;
  the check            the problems and warnings `check` reports for the new data.

Every value from the data is escaped (pages.render.md_escape): a record's title cannot become a heading
of this summary. The pull-request workflow writes it to the job summary ($GITHUB_STEP_SUMMARY).
"""
from __future__ import annotations

import datetime
import difflib
import re
import subprocess
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from plansite import routes
from plansite.data.plan import Loaded, parse
from plansite.data.problems import PlanError, Problem
from plansite.data.progress import format_value, parse_progress
from plansite.data.project import DATA_FILE, PROGRESS_FILE
from plansite.generate import Inputs, pages_markdown
from plansite.model import Observation, Plan, Progress, Record, Source
from plansite.pages.render import md_escape
from plansite.plan import document
from plansite.plan.duties import ROLE_LABELS, Duties, Role

MAX_OUTPUT = 900_000  # GitHub's job summary takes up to 1 MiB per step
SENTENCE_END = "。！？；"


class ReviewError(Exception):
    """A revision git does not know, or git itself missing: said in Chinese, without a traceback."""


def md(text: object) -> str:
    return str(md_escape(str(text))) if text != "" else ""


# ── one side of the comparison ──────────────────────────────────────────────────────────────────
@dataclass
class Side:
    name: str  # what the summary calls it: BASE abc1234 / 工作区
    plan_text: str | None
    progress_text: str | None
    source: Loaded | None = None
    progress: Progress | None = None
    problems: list[Problem] = field(default_factory=list)  # the check's, for the file that stopped it
    warnings: list[Problem] = field(default_factory=list)
    pages: dict[str, str] = field(default_factory=dict)  # page → its generated Markdown

    def load(self, today: datetime.date) -> Side:
        if self.plan_text is None:
            self.problems = [Problem(DATA_FILE.as_posix(), 1, 1, "", "", "没有这个文件")]
            return self
        try:
            self.source = parse(self.plan_text, DATA_FILE.as_posix())
        except PlanError as err:
            self.problems = err.problems
            return self
        try:
            self.progress = Progress() if self.progress_text is None else parse_progress(
                self.progress_text, self.source.plan, today, PROGRESS_FILE.as_posix(), self.warnings)
        except PlanError as err:
            self.problems = err.problems
            return self  # no pages: without its records they would not be the site's
        self.pages = pages_markdown(Inputs(source=self.source, progress=self.progress or Progress(), today=today))
        return self

    @property
    def plan(self) -> Plan | None:
        return self.source.plan if self.source else None


def git(root: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, encoding="utf-8", errors="replace")
    except OSError as err:
        raise ReviewError(f"无法运行 git：{err}") from None


def side_at(root: Path, revision: str | None) -> Side:
    """The data at a git revision, or (None) in the working tree."""
    if revision is None:
        def read(path: Path) -> str | None:
            return (root / path).read_text(encoding="utf-8") if (root / path).exists() else None
        return Side("工作区", read(DATA_FILE), read(PROGRESS_FILE))
    found = git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise ReviewError(f"找不到 git 版本“{revision}”（提交编号、分支名或标签）")
    sha = found.stdout.strip()

    def show(path: Path) -> str | None:
        result = git(root, "show", f"{sha}:{path.as_posix()}")
        return result.stdout if result.returncode == 0 else None

    return Side(f"{revision}（{sha[:7]}）" if not sha.startswith(revision) else sha[:7], show(DATA_FILE), show(PROGRESS_FILE))


# ── the published text ──────────────────────────────────────────────────────────────────────────
def sentences(text: str) -> list[str]:
    return [s for s in re.split(f"(?<=[{SENTENCE_END}])", text) if s]


def visible(text: str) -> str:
    """Spaces and invisible characters shown as what they are."""
    out = []
    for ch in text:
        if ch == " ":
            out.append("␠")
        elif ch == "\u3000":
            out.append("［全角空格］")
        elif unicodedata.category(ch) in ("Zs", "Cc", "Cf", "Zl", "Zp"):
            out.append(f"［U+{ord(ch):04X}］")
        else:
            out.append(ch)
    return "".join(out)


def codes(text: str) -> str:
    """Each character that is not a letter or digit, named: a full-width comma and a half-width one look alike."""
    named = [f"“{visible(ch)}” U+{ord(ch):04X} {unicodedata.name(ch, '')}".rstrip()
             for ch in dict.fromkeys(text) if not unicodedata.category(ch).startswith(("L", "N"))]
    return "；".join(named)


def marked(old: str, new: str) -> tuple[str, str, list[str]]:
    """Both sentences with the changed characters in <del>/<ins>, and each change said in words."""
    a, b, said = [], [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            a.append(md(old[i1:i2]))
            b.append(md(new[j1:j2]))
            continue
        gone, came = old[i1:i2], new[j1:j2]
        if gone:
            a.append(f"<del>{md(visible(gone))}</del>")
        if came:
            b.append(f"<ins>{md(visible(came))}</ins>")
        words = (f"“{md(visible(gone))}”改为“{md(visible(came))}”" if gone and came else
                 f"删去“{md(visible(gone))}”" if gone else f"加入“{md(visible(came))}”")
        named = codes(gone + came)
        said.append(words + (f"（{md(named)}）" if named else ""))
    return "".join(a), "".join(b), said


@dataclass(frozen=True)
class TextChange:
    where: str  # Markdown: the block's heading or measure, and its anchor on the full-text page
    lines: tuple[str, ...]  # Markdown lines


def block_names(plan: Plan) -> dict[str, str]:
    """anchor → where a reader finds the block (heading, paragraph)."""
    titles: dict[str, str] = {}
    for b in document.blocks(plan):
        if b.role in ("heading", "title"):
            titles[b.owner or b.anchor] = b.text
    for chapter in plan.chapters:
        for task in chapter.tasks:
            titles.update({m.id: f"{document.heading(task)} · {m.label}" for m in task.measures})
        for section in chapter.sections:
            titles.update({i.id: f"{document.heading(section)} · {i.number}{i.label}" for i in section.items})
    out = {}
    for b in document.blocks(plan):
        owner = titles.get(b.owner, "") if b.owner else ""
        out[b.anchor] = f"{md(owner)} · `{b.anchor}`" if owner and owner != b.text else f"`{b.anchor}`"
    return out


def text_changes(old: Plan, new: Plan) -> list[TextChange]:
    before, after = document.blocks(old), document.blocks(new)
    names_before, names_after = block_names(old), block_names(new)
    out = []
    matcher = difflib.SequenceMatcher(None, [b.printed for b in before], [b.printed for b in after], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = before[i1:i2], after[j1:j2]
        for n in range(max(len(olds), len(news))):
            o = olds[n] if n < len(olds) else None
            w = news[n] if n < len(news) else None
            if o is not None and w is not None:
                out.append(TextChange(names_after[w.anchor], tuple(sentence_changes(o.printed, w.printed))))
            elif o is not None:
                out.append(TextChange(names_before[o.anchor] + "（删去整段）", (f"- 删去：<del>{md(visible(o.printed))}</del>",)))
            elif w is not None:
                out.append(TextChange(names_after[w.anchor] + "（新增整段）", (f"- 新增：<ins>{md(visible(w.printed))}</ins>",)))
    return out


def sentence_changes(old: str, new: str) -> Iterable[str]:
    a, b = sentences(old), sentences(new)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for n in range(max(len(olds), len(news))):
            o = olds[n] if n < len(olds) else ""
            w = news[n] if n < len(news) else ""
            was, now, said = marked(o, w)
            yield f"- 原文：{was or '（无）'}"
            yield f"- 改为：{now or '（无）'}"
            yield "- 改动：" + "；".join(said)


# ── records, observations, assignments ──────────────────────────────────────────────────────────
def source_text(s: Source) -> str:
    when = f"{s.date.printed}发布" if s.date else f"未注明发布日期，{s.accessed.printed if s.accessed else ''}查阅"
    # The address as code: shown whole and copyable, never made a link of a pull request's choosing.
    where = "，".join(([f"`{s.url}`"] if s.url else []) + ([md(s.number)] if s.number else []))
    return f"{md(s.publisher)}《{md(s.title)}》，{md(when)}" + (f"，{where}" if where else "")


def record_text(r: Record, plan: Plan) -> str:
    duties = Duties(plan)
    measures = [f"{duties.measure_by_id[m][1].label}（{duties.measure_by_id[m][0].label}）" for m in r.measures if m in duties.measure_by_id]
    tasks = [duties.task_by_id[t].label for t in r.tasks if t in duties.task_by_id]
    depts = [duties.department_by_id[d].name for d in r.departments if d in duties.department_by_id]
    parts = [f"**{md(r.title)}**（{md(r.date.printed)}，`{r.id}`）",
             f"推进：{md('、'.join(measures + tasks))}" if measures or tasks else "",
             f"参与部门：{md('、'.join(depts))}" if depts else "",
             f"来源：{source_text(r.source)}"]
    return "<br>".join(p for p in parts if p)


RECORD_FIELDS = {"date": "日期", "title": "标题", "summary": "摘要", "measures": "措施", "tasks": "任务", "departments": "参与部门",
                 "source": "来源", "figures": "数字"}


def field_text(value: object) -> str:
    if isinstance(value, Source):
        return source_text(value)
    if hasattr(value, "printed"):
        return md(value.printed)
    if isinstance(value, tuple):
        return md("、".join(f"{format_value(v.value)} {v.unit}（{v.counts}）" if hasattr(v, "unit") else str(v) for v in value)) or "（无）"
    return md(value)


def record_changes(old: Progress, new: Progress, old_plan: Plan, new_plan: Plan) -> list[str]:
    before, after = {r.id: r for r in old.records}, {r.id: r for r in new.records}
    out = []
    added = [r for r in new.records if r.id not in before]
    removed = [r for r in old.records if r.id not in after]
    changed = [(before[r.id], r) for r in new.records if r.id in before and before[r.id] != r]
    if added:
        out += [f"### 新增记录（{len(added)} 条）", ""] + [f"- {record_text(r, new_plan)}" for r in added] + [""]
    if changed:
        out += [f"### 修改的记录（{len(changed)} 条）", ""]
        for o, w in changed:
            out.append(f"- {record_text(w, new_plan)}")
            for name, label in RECORD_FIELDS.items():
                a, b = getattr(o, name), getattr(w, name)
                if a != b:
                    out.append(f"    - {label}：{field_text(a)} → {field_text(b)}")
        out.append("")
    if removed:
        out += [f"### 删除的记录（{len(removed)} 条）", ""] + [f"- {record_text(r, old_plan)}" for r in removed] + [""]
    return out


def observation_changes(old: Progress, new: Progress, plan: Plan) -> list[str]:
    def key(o: Observation) -> tuple[str, int, str]:
        return (o.indicator, o.year, o.scope)

    names = {i.id: i for i in plan.indicators}

    def said(o: Observation) -> str:
        indicator = names.get(o.indicator)
        unit = indicator.unit or "" if indicator else ""
        return (f"{md(indicator.name if indicator else o.indicator)} {o.year}年（{md(o.scope)}）：{md(format_value(o.value))}{md(unit)}"
                f"<br>来源：{source_text(o.source)}")

    before, after = {key(o): o for o in old.observations}, {key(o): o for o in new.observations}
    lines = ([f"- 新增：{said(o)}" for k, o in after.items() if k not in before]
             + [f"- 修改：{said(before[k])} → {said(o)}" for k, o in after.items() if k in before and before[k] != o]
             + [f"- 删除：{said(o)}" for k, o in before.items() if k not in after])
    return [f"## 指标观测值（{len(lines)} 处变化）", "", *lines, ""] if lines else []


def assignment_changes(old: Plan, new: Plan) -> list[str]:
    def table(plan: Plan) -> dict[str, dict[tuple[str, Role], str]]:
        out: dict[str, dict[tuple[str, Role], str]] = {}
        for a in Duties(plan).assignments:
            out.setdefault(a.department.name, {})[(a.task.id, a.role)] = a.task.label
        return out

    before, after = table(old), table(new)
    lines = []
    for dept in sorted(set(before) | set(after), key=lambda d: (d not in after, d)):
        had, has = before.get(dept, {}), after.get(dept, {})
        gained = [f"{ROLE_LABELS[role]}“{md(label)}”" for (task, role), label in has.items() if (task, role) not in had]
        lost = [f"{ROLE_LABELS[role]}“{md(label)}”" for (task, role), label in had.items() if (task, role) not in has]
        if gained or lost:
            parts = ([f"新增 {'、'.join(gained)}"] if gained else []) + ([f"不再 {'、'.join(lost)}"] if lost else [])
            lines.append(f"- **{md(dept)}**：" + "；".join(parts))
    return [f"## 分工（{len(lines)} 个部门有变化）", "", *lines, ""] if lines else []


def page_changes(old: Side, new: Side) -> list[str]:
    links = routes.Links()

    def url(src: str) -> str:
        return "/" + links.url_of(src)

    added = sorted(set(new.pages) - set(old.pages))
    removed = sorted(set(old.pages) - set(new.pages))
    changed = sorted(src for src in set(old.pages) & set(new.pages) if old.pages[src] != new.pages[src])
    if not (added or removed or changed):
        return ["## 页面", "", "没有页面的内容发生变化。", ""]
    out = ["## 页面", ""]
    if added:
        out.append(f"- 新增 {len(added)} 页：" + "、".join(f"`{url(s)}`" for s in added))
    if removed:
        out.append(f"- **删除 {len(removed)} 页**：" + "、".join(f"`{url(s)}`" for s in removed) + "（已有的链接会失效）")
    if changed:
        out.append(f"- 内容有变化的 {len(changed)} 页：" + "、".join(f"`{url(s)}`" for s in changed))
    return out + [""]


def fenced(text: str) -> list[str]:
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return [fence + "text", text, fence]


def check_lines(side: Side) -> list[str]:
    if side.problems:
        return ["## 检查没有通过", "", f"{md(side.name)} 的数据有 {len(side.problems)} 处问题，网站不会生成：", "",
                *fenced(PlanError(side.problems).report()), ""]
    out = ["## 检查", "", "检查通过（与 `./scripts/dev.sh check` 相同的检查）。", ""]
    if side.warnings:
        out += ["请留意（不影响生成）：", "", *fenced("\n\n".join(w.format() for w in side.warnings)), ""]
    return out


# ── the whole summary ───────────────────────────────────────────────────────────────────────────
def summary(base: Side, head: Side) -> str:
    out = [f"# 网站上的变化：{md(base.name)} → {md(head.name)}", ""]
    if head.plan is None or base.plan is None:
        out += check_lines(head)
        if base.problems:
            out += ["## 比较的起点无法读取", "", f"{md(base.name)} 的数据本身有误，无法逐项比较：", "",
                    *fenced(PlanError(base.problems).report()), ""]
        if head.plan is None:
            out += ["无法逐项比较：新的数据没有通过检查。", ""]
        return finish(out)
    texts = text_changes(base.plan, head.plan)
    if texts:
        out += [f"> [!CAUTION]\n> **正文有 {len(texts)} 处改动。** 网站上的方案正文必须与公开发布的原件逐字一致：请对照原件（`data/source/`）逐字核对下面每一处。", "",
                f"## ⚠️ 正文的改动（{len(texts)} 处）", ""]
        for n, change in enumerate(texts, 1):
            out += [f"### {n}. {change.where}", "", *change.lines, ""]
    else:
        out += ["正文没有改动。", ""]
    if base.progress is not None and head.progress is not None:
        records = record_changes(base.progress, head.progress, base.plan, head.plan)
        out += ([f"## 实施记录（新增 {len(set(r.id for r in head.progress.records) - set(r.id for r in base.progress.records))} 条）", "", *records]
                if records else ["## 实施记录", "", "实施记录没有变化。", ""])
        out += observation_changes(base.progress, head.progress, head.plan)
    out += assignment_changes(base.plan, head.plan)
    if base.pages and head.pages:
        out += page_changes(base, head)
    out += check_lines(head)
    return finish(out)


def finish(lines: list[str]) -> str:
    text = "\n".join(lines).rstrip("\n") + "\n"
    if len(text.encode("utf-8")) > MAX_OUTPUT:
        cut = text.encode("utf-8")[:MAX_OUTPUT].decode("utf-8", errors="ignore")
        text = cut.rsplit("\n", 1)[0] + "\n\n……（内容太长，后面的部分略去；请在本地运行 `python scripts/build_pages.py review` 查看全部）\n"
    return text


def compare_texts(base: Side, head: Side, today: datetime.date) -> str:
    return summary(base.load(today), head.load(today))


def compare(root: Path, base: str, head: str | None, today: datetime.date | None = None) -> str:
    """The summary for the data at git revision `base` against `head` (None: the working tree)."""
    from plansite.plan import timeline

    when = today or timeline.build_date()
    return compare_texts(side_at(root, base), side_at(root, head), when)
