"""The importer's report, in Chinese: what it found, what it repaired, what it left for review (with
the draft's line for each), and what the editor adds by hand."""
from __future__ import annotations

from collections import Counter

from plansite.data.problems import Problem
from plansite.importer.draft import Draft
from plansite.importer.intermediate import Source
from plansite.importer.writer import Marked

REPAIR_WORDS = {
    "page_break": "分页处被截断的段落已接回",
    "stray_space": "数字两侧多余的空格已删除",
    "line_break": "标题中的换行已删除",
    "repeated_header": "附件表格跨页重复的表头已删除",
    "page_number": "页码已删除",
    "running_header": "每页重复的页眉页脚已删除",
    "chrome": "网页的导航、索引号、分享、页脚等已删除",
    "merged_cell": "附件表格中合并的单元格已向下填充",
    "spaced_text": "逐字加了空格的文字已去掉空格",
    "radical": "字体造成的部首字形（如“⼯”“⻘”）已换成常用字",
    "cut_row": "附件表格中被分页截断的行已接回",
    "dash": "字体造成的异体字形（横线“―”读作 U+2015、“户”读作“戶”）已换成原文用字",
}


def render(source: Source, draft: Draft, marked: list[Marked], out: str, problems: list[Problem], seconds: float) -> str:
    c = draft.counts
    lines = [f"导入报告：{source.file}（{source.kind}）→ {out}", ""]
    lines.append("找到：")
    lines.append(f"  正文 {c.get('chapters', 0)} 个部分；提升行动 {c.get('actions', 0)} 项、重点工程 {c.get('projects', 0)} 项，"
                 f"措施 {c.get('measures', 0)} 条；编号条目 {c.get('items', 0)} 条；制定依据 {c.get('based_on', 0)} 份")
    if c.get("departments"):
        lines.append(f"  附件分工 {len(draft.tree.get('annex', []))} 行、{c.get('assignments', 0)} 条（牵头和责任合计）；"
                     f"部门 {c.get('departments', 0)} 个（附件中共 {c.get('printed_names', 0)} 种写法）")
    else:
        lines.append("  附件分工表：没有找到")
    lines.append(f"  段落 {len(source.paragraphs)} 段（{source.kind}读取后），用时 {seconds:.2f} 秒")
    # what the reader repaired, and the titles the structurer joined from their printed lines
    found: list[tuple[str, str]] = [(r.kind, r.where) for r in source.repairs if r.kind != "line_break"]
    found += [("line_break", str(n["where"])) for n in draft.notes if n["kind"] == "line_break"]
    repairs = Counter(kind for kind, _ in found)
    lines.append("")
    if repairs:
        lines.append("修复（分页、空格、换行、表头记入草稿末尾的 notes）：")
        for kind, n in repairs.items():
            examples = list(dict.fromkeys(where for k, where in found if k == kind))
            shown = "、".join(examples[:3]) + (" 等" if len(examples) > 3 else "")
            lines.append(f"  {REPAIR_WORDS[kind]}：{n} 处（{shown}）")
    else:
        lines.append("修复：无")
    for remark in draft.remarks:
        lines.append(f"  说明：{remark}")
    lines.append("")
    if marked:
        to_check = sum(1 for m in marked if m.review.marker == "待核")
        lines.append(f"待审核 {len(marked)} 处（待核 {to_check}、待填 {len(marked) - to_check}），按草稿中的行号：")
        for m in marked:
            lines.append(f"  {out}:{m.line}  {m.review.marker}：{m.review.why}")
        lines.append("  处理方法：待核——对照原文，无误就删去“待核：”三个字；待填——照原文填写。每处上一行的注释说明了要查什么。")
    else:
        lines.append("待审核：无")
    if problems:
        lines.append("")
        lines.append(f"另有 {len(problems)} 处检查问题（不是待核/待填，请先处理）：")
        for p in problems[:20]:
            lines.append("  " + p.format().replace("\n", "\n  "))
    lines.append("")
    lines.append("编辑还需手工补充：site（网站名称、简介、页脚）、indicators（量化指标）、audiences（按人群浏览）；"
                 "可把导入时按拼音和序号生成的 id 改得更好记（发布前）。")
    lines.append(f"处理完后运行：python scripts/build_pages.py check {out}")
    return "\n".join(lines) + "\n"
