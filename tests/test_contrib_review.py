"""`build_pages.py review BASE [HEAD]`: what a change of the data changes on the site, in Chinese
Markdown. Tried on real pairs of commits from this repository's history and on made-up edits."""
from __future__ import annotations

import datetime
import functools
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from plansite import cli
from plansite.contrib import review
from plansite.contrib.review import Side, compare, compare_texts

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 12, 2)
PLAN = (ROOT / "data" / "plan.yaml").read_text(encoding="utf-8")
PROGRESS = (ROOT / "data" / "progress.yaml").read_text(encoding="utf-8")
# Commits of this repository's history that changed data/ (git log -- data/).
TWO_RECORDS_ADDED = "f49f935"  # 实施情况: two records under 实施乡村振兴科技支撑行动
HEADINGS_AS_PRINTED = "446c195"  # numbers keep their punctuation: the data before it no longer loads


@functools.cache
def base() -> Side:
    """The data as committed, loaded and generated once for the made-up edits (the summary only reads it)."""
    return Side("BASE", PLAN, PROGRESS).load(TODAY)


def edited(plan: str = PLAN, progress: str | None = PROGRESS) -> str:
    return review.summary(base(), Side("HEAD", plan, progress).load(TODAY))


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


# ── real pairs of commits ───────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="module")
def history():
    if subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{TWO_RECORDS_ADDED}^{{commit}}"]).returncode != 0:
        pytest.fail("the repository's history is needed (a shallow clone lacks it: fetch-depth: 0)")


def test_a_commit_that_added_two_records(history):
    text = compare(ROOT, f"{TWO_RECORDS_ADDED}^", TWO_RECORDS_ADDED, TODAY)
    assert "正文没有改动。" in text and "## 实施记录（新增 2 条）" in text
    assert "重庆高山蔬菜新品种新技术观摩会在武隆区高山蔬菜研究所举行" in text and "`2024-tomato-society-wulong`" in text
    assert "来源：中国农网（转载：一亩田）《科技“点金” 高山番茄“走俏”》，2024年8月16日发布，`https://news.ymt.com/arg_news/7jGp71od`" in text
    assert "/actions/farmers/" in text.split("内容有变化的")[1] and "删除" not in text and "分工（" not in text
    assert "检查通过（与" in text


def test_a_commit_whose_parent_no_longer_loads_is_said_so(history):
    text = compare(ROOT, f"{HEADINGS_AS_PRINTED}^", HEADINGS_AS_PRINTED, TODAY)
    assert "## 比较的起点无法读取" in text and "chapters[0].number" in text and "Traceback" not in text


def test_unknown_revision_is_a_clear_error(capsys):
    assert cli.run(ROOT, ["review", "no-such-revision-xyz"]) == 1
    assert "找不到 git 版本“no-such-revision-xyz”" in capsys.readouterr().err


def test_head_defaults_to_the_working_tree(tmp_path, capsys):
    (tmp_path / "data").mkdir()
    for name in ("plan.yaml", "progress.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / "data" / name)
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (["init", "-q"], ["add", "data"], [*env, "commit", "-q", "-m", "data"]):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)
    (tmp_path / "data" / "progress.yaml").write_text(replace_once(PROGRESS, "title: 武隆区启动2022年安全生产月安全宣传“五进”活动",
                                                                  "title: 武隆区启动2022年安全生产月宣传“五进”活动"), encoding="utf-8")
    assert cli.run(tmp_path, ["review", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 网站上的变化：") and "→ 工作区" in out
    assert "### 修改的记录（1 条）" in out and "标题：武隆区启动2022年安全生产月安全宣传“五进”活动 → 武隆区启动2022年安全生产月宣传“五进”活动" in out


# ── made-up edits ───────────────────────────────────────────────────────────────────────────────
MEASURE_LINE = "将弘扬科学精神贯穿于育人全链条。"


def test_no_change_says_so():
    text = edited()
    assert "正文没有改动。" in text and "实施记录没有变化。" in text and "没有页面的内容发生变化。" in text


FIRST_PARAGRAPH = "              - 坚持立德树人，实施科学家精神进校园行动，"  # youth-science-spirit's paragraph


def test_a_full_width_comma_made_half_width_is_flagged_with_both_code_points():
    text = edited(replace_once(PLAN, FIRST_PARAGRAPH, FIRST_PARAGRAPH.replace("立德树人，", "立德树人,")))
    assert text.startswith("# 网站上的变化：BASE → HEAD\n\n> [!CAUTION]\n> **正文有 1 处改动。**")
    assert "立德树人<del>，</del>实施" in text and "立德树人<ins>,</ins>实施" in text
    assert "U&#43;FF0C FULLWIDTH COMMA" in text and "U&#43;002C COMMA" in text


def test_an_added_space_is_visible():
    text = edited(replace_once(PLAN, MEASURE_LINE, MEASURE_LINE.replace("科学", "科 学")))
    assert "科<ins>␠</ins>学" in text and "SPACE" in text
    assert re.search(r"### 1\. .*`youth-science-spirit`", text)


def test_each_changed_sentence_is_shown_and_the_others_are_not():
    paragraph = next(line.strip()[2:] for line in PLAN.split("\n") if line.strip().startswith("- ") and line.count("。") >= 3)
    first, second = paragraph.split("。")[:2]
    text = edited(replace_once(PLAN, second + "。", second[:-1] + "。"))
    section = text.split("## ⚠️ 正文的改动")[1].split("\n## ")[0]
    assert first not in section and f"<del>{second[-1]}</del>" in section


def test_a_new_paragraph_is_flagged_as_added():
    line = next(x for x in PLAN.split("\n") if x.startswith(FIRST_PARAGRAPH))
    text = edited(replace_once(PLAN, line, line + "\n              - 新加的一段。"))
    assert "正文有 1 处改动" in text and "（新增整段）" in text and "<ins>新加的一段。</ins>" in text


def test_an_assignment_lost_and_a_department_page_added():
    plan = replace_once(PLAN, "lead: [jiaowei, kexie]", "lead: [jiaowei]")
    text = edited(plan)
    assert "- **区科协**：不再 牵头“实施青少年科学素质提升行动”" in text
    assert "正文没有改动。" in text and "/departments/kexie/" in text.split("内容有变化的")[1]


def test_a_record_changed_removed_and_an_observation_added():
    start = PROGRESS.index("  - id: 2022-water-week-publicity")
    end = PROGRESS.index("  - id: ", start + 5)
    progress = PROGRESS[:start] + PROGRESS[end:]
    progress = replace_once(progress, "summary: 区科协会同区委宣传部", "summary: 区科协与区委宣传部")
    text = edited(progress=progress)
    assert "### 修改的记录（1 条）" in text and "摘要：区科协会同区委宣传部" in text
    assert "### 删除的记录（1 条）" in text and "区水利局在南城中央广场开展“中国水周”节水宣传" in text


def test_new_data_with_a_mistake_shows_the_checks_problems():
    text = edited(progress=replace_once(PROGRESS, "date: 2024-09-25", "date: 2024-9-25"))
    assert "## 检查没有通过" in text and "是不是 2024-09-25？" in text and "Traceback" not in text
    assert "```text\n" in text


def test_a_hostile_title_cannot_become_markup_of_the_summary():
    progress = replace_once(PROGRESS, "title: 区科协牵头在南城中央广场举办2024年全国科普日主题宣传",
                            'title: "## 假标题 <script>alert(1)</script> [x](https://example.invalid)"')
    text = edited(progress=progress)
    assert "<script" not in text and not re.search(r"^#+ 假标题", text, flags=re.M) and "](" not in text
    assert "假标题" in text


def test_a_base_that_does_not_load_is_reported_not_raised():
    text = compare_texts(Side("BASE", "not: [valid", None), Side("HEAD", PLAN, PROGRESS), TODAY)
    assert "## 比较的起点无法读取" in text and "YAML 格式错误" in text


def test_the_summary_fits_githubs_job_summary():
    long = review.finish(["x" * 1000] * 2000)
    assert len(long.encode("utf-8")) <= review.MAX_OUTPUT + 500 and "内容太长" in long
