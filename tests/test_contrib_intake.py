"""A submitted 提交实施记录 form → one record in data/progress.yaml (`build_pages.py intake EVENT.json`).

Every submission here is made up for the test, in a throwaway copy of the data; nothing is added to the
real file. A refusal changes nothing (the file's bytes are compared) and names every problem under the
form's own labels; an accepted form adds its record after the last one and leaves every other byte."""
from __future__ import annotations

import datetime
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plansite import cli
from plansite.contrib import forms, intake
from plansite.data.plan import load_plan
from plansite.data.progress import parse_progress
from support.projectcopy import copy_project

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 12, 2)
REAL = (ROOT / "data" / "progress.yaml").read_text(encoding="utf-8")
FIRST_URL = "http://cqast.cn/htm/1288817963230842880/web/content_1288817963230842880.htm"  # the file's first record's source

GOOD = {
    "date": "2023年5月17日",
    "title": "测试：区科协在某社区举办科普讲座（虚构）",
    "summary": "这是测试用的虚构记录。\n区科协请专家讲解防灾知识。",
    "preset": "措施：培育科普品牌活动（实施基层科普能力提升工程）",
    "tasks": "",
    "measures": "",
    "departments": "区科协, 区教委",
    "source_publisher": "测试发布单位",
    "source_title": "测试来源标题（虚构）",
    "source_date": "2023-05-18",
    "source_url": "https://example.invalid/fake-intake-1",
    "figures": "120 人 听讲居民",
}


def body(answers: dict[str, str], confirmed: bool = True) -> str:
    """The issue's text as GitHub writes it for a submitted form."""
    parts = []
    for f in forms.RECORD_FIELDS:
        if f.kind == "checkboxes":
            value = f"- [{'X' if confirmed else ' '}] {forms.CONFIRMATION}"
        else:
            value = answers.get(f.id, "") or ("None" if f.kind == "dropdown" else intake.NO_RESPONSE)
        parts.append(f"### {f.label}\n\n{value}")
    return "\n\n".join(parts)


def event(answers: dict[str, str] | None = None, text: str | None = None, number: int = 101, **kw) -> dict:
    return {"action": "labeled", "label": {"name": forms.ACCEPT_LABEL},
            "issue": {"number": number, "title": "[实施记录] 测试", "user": {"login": "test-user"},
                      "body": text if text is not None else body({**GOOD, **(answers or {})}, **kw)}}


@pytest.fixture
def project(tmp_path) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "plan.yaml", tmp_path / "data" / "plan.yaml")
    (tmp_path / "data" / "progress.yaml").write_text(REAL, encoding="utf-8")
    return tmp_path


def submit(project: Path, payload: dict) -> tuple[intake.Accepted | intake.Refused, str]:
    path = project / "event.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    result = intake.run(project, path, project / "comment.md", TODAY)
    return result, (project / "comment.md").read_text(encoding="utf-8")


def digest(project: Path) -> str:
    return hashlib.sha256((project / "data" / "progress.yaml").read_bytes()).hexdigest()


def refused(project: Path, payload: dict) -> list[intake.Refusal]:
    before = digest(project)
    result, comment = submit(project, payload)
    assert isinstance(result, intake.Refused), "accepted"
    assert digest(project) == before and sorted(p.name for p in (project / "data").iterdir()) == ["plan.yaml", "progress.yaml"]
    assert comment.startswith("**没有采纳") and "data/progress.yaml 没有改动" in comment
    return result.refusals


# ── taken ───────────────────────────────────────────────────────────────────────────────────────
def test_a_good_form_becomes_one_record_and_every_other_byte_stays(project, plan):
    result, comment = submit(project, event())
    assert isinstance(result, intake.Accepted), result
    new = (project / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert new == result.text and new.replace(result.added, "", 1) == REAL  # an insertion, nothing else
    assert new.index(result.added) < new.index("\nobservations:")  # after the last record, before the observations
    record = parse_progress(new, plan, TODAY).records[-1]
    assert record.id == "2023-05-17-issue-101" and record.date.iso == "2023-05-17"
    assert record.title == GOOD["title"] and record.summary == "这是测试用的虚构记录。区科协请专家讲解防灾知识。"
    assert record.measures == ("grassroots-brand-events",) and record.tasks == () and record.departments == ("kexie", "jiaowei")
    assert record.source.date is not None
    assert (record.source.publisher, record.source.date.iso, record.source.url) == ("测试发布单位", "2023-05-18", GOOD["source_url"])
    assert [(f.value, f.unit, f.counts) for f in record.figures] == [(120, "人", "听讲居民")]
    lines = result.added.split("\n")
    assert lines[lines.index(next(x for x in lines if x.strip().startswith("summary:"))) - 1].strip() == intake.REVIEW_MARK
    assert "#101" in result.added and "@test-user" in result.added
    assert comment.startswith("**已采纳**") and "2023-05-17-issue-101" in comment


def test_the_marker_is_a_comment_so_the_record_checks_clean_as_written(project, plan):
    result, _ = submit(project, event())
    assert isinstance(result, intake.Accepted)
    summary = next(r for r in yaml.safe_load(result.text)["records"] if r["id"] == "2023-05-17-issue-101")["summary"]
    assert "待核" not in summary


@pytest.mark.parametrize("typed, iso", [("2023年5月17日", "2023-05-17"), ("2023年5月", "2023-05"), ("2023年", "2023"),
                                        ("2023-5-17", "2023-05-17"), ("2023/5/17", "2023-05-17"), ("2023.05", "2023-05"),
                                        ("２０２３年５月１７日", "2023-05-17"), ("２０２３－０５－１７", "2023-05-17"),
                                        (" 2023 年 5 月 17 号 ", "2023-05-17")])
def test_dates_as_people_type_them(project, typed, iso):
    result, _ = submit(project, event({"date": typed, "source_date": ""  , "source_accessed": "2024年1月2日"}))
    assert isinstance(result, intake.Accepted), result
    assert f"date: {iso}\n" in result.added and "accessed: 2024-01-02" in result.added


@pytest.mark.parametrize("typed, hint", [("23年5月17日", "四位数"), ("5月17日", "要写年份"), ("17/5/2023", "年份写在最前面"),
                                         ("2023年5月17日至18日", "只写一天"), ("二〇二三年五月", "阿拉伯数字"), ("去年", "写成"),
                                         ("2023年2月30日", "不存在")])
def test_an_ambiguous_or_impossible_date_is_refused_not_guessed(project, typed, hint):
    [r] = refused(project, event({"date": typed}))
    assert r.label == "发生日期" and hint in r.hint


def test_the_dropdowns_and_the_preset_together(project, plan):
    result, _ = submit(project, event({"preset": "", "tasks": "实施青少年科学素质提升行动",
                                       "measures": "培育科普品牌活动（实施基层科普能力提升工程）, 弘扬科学家精神（实施科技资源科普化工程）"}))
    assert isinstance(result, intake.Accepted), result
    record = parse_progress(result.text, plan, TODAY).records[-1]
    assert record.tasks == ("youth",) and record.measures == ("grassroots-brand-events", "tech-resources-scientist-spirit")


def test_a_source_dated_before_the_event_is_taken_with_a_warning(project):
    result, comment = submit(project, event({"source_date": "2023年5月1日"}))
    assert isinstance(result, intake.Accepted) and len(result.warnings) == 1
    assert "请留意" in comment and "来源的发布日期早于它报道的事" in comment


def test_full_width_digits_in_figures_are_the_same_number(project, plan):
    result, _ = submit(project, event({"figures": "１２００ 册 发放宣传资料"}))
    assert isinstance(result, intake.Accepted), result
    assert parse_progress(result.text, plan, TODAY).records[-1].figures[0].value == 1200


# ── refused, changing nothing ───────────────────────────────────────────────────────────────────
def labels(refusals: list[intake.Refusal]) -> list[str]:
    return [r.label for r in refusals]


def test_a_heading_pasted_into_a_field_is_refused(project):
    refusals = refused(project, event({"summary": "正文。\n### 标题\n伪造的标题。"}))
    assert [(r.label, r.found) for r in refusals] == [("摘要", "“### 标题”")] and "### " in refusals[0].message


@pytest.mark.parametrize("field, text, says", [
    ("summary", "一句话。\nkey: value", "数据格式"),
    ("summary", "一句话。\n- id: evil-record", "数据格式"),
    ("title", "标题{{ config.extra }}", "{{ }}"),
    ("title", "标题<script>alert(1)</script>", "HTML"),
    ("summary", "看这里 [点我](https://example.invalid/)", "Markdown 链接"),
    ("summary", "![图](https://example.invalid/x.png)", "Markdown 链接"),
    ("title", "标题\u202e反转", "看不见"),
    ("summary", "前面\x07响铃", "控制字符"),
    ("summary", "## 第二个标题", "以 # 开头"),
    ("source_publisher", "javascript:alert(1)", "javascript:"),
])
def test_markup_of_any_kind_in_a_text_field_is_refused(project, field, text, says):
    refusals = refused(project, event({field: text}))
    label = next(f.label for f in forms.RECORD_FIELDS if f.id == field)
    assert any(r.label == label and says in r.message for r in refusals), [r.format() for r in refusals]


@pytest.mark.parametrize("address, says", [("javascript:alert(1)", "javascript:、data:"), ("data:text/html,<b>x</b>", "javascript:、data:"),
                                           ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｉｎｖａｌｉｄ／ｘ", "全角"), ("example.invalid/x", "http:// 或 https://")])
def test_an_address_that_is_not_http_is_refused(project, address, says):
    refusals = refused(project, event({"source_url": address}))
    assert any(r.label == "来源：网址" and says in r.message for r in refusals), [r.format() for r in refusals]


def test_a_full_width_address_gets_its_half_width_spelling(project):
    [r] = [r for r in refused(project, event({"source_url": "ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｉｎｖａｌｉｄ／ｘ"})) if r.label == "来源：网址"]
    assert "https://example.invalid/x" in r.hint


def test_a_field_of_a_megabyte_is_refused(project):
    [r] = refused(project, event({"summary": "长" * 1_000_000}))
    assert r.message == "内容太长"


def test_a_field_longer_than_the_form_allows_is_refused(project):
    refusals = refused(project, event({"title": "长" * 81}))
    assert labels(refusals) == ["标题"] and refusals[0].expected == "不超过 80 个字"


@pytest.mark.parametrize("answers, label", [({"preset": "部门：区火星局"}, "从网站带来的选择"),
                                            ({"departments": "区科协, 区火星局"}, "参与部门"),
                                            ({"preset": "措施：培育科普品牌（实施基层科普能力提升工程）"}, "从网站带来的选择"),
                                            ({"preset": "站点：区科协"}, "从网站带来的选择")])
def test_unknown_names_are_refused_with_the_nearest_one(project, answers, label):
    refusals = refused(project, event(answers))
    assert labels(refusals) == [label]
    if "培育科普品牌（" in str(answers):
        assert "培育科普品牌活动（实施基层科普能力提升工程）" in refusals[0].hint


def test_a_future_date_is_refused_by_the_check_itself(project):
    refusals = refused(project, event({"date": "2027年1月5日", "source_date": "2027年1月6日"}))
    assert sorted(labels(refusals)) == ["发生日期", "来源：发布日期"]
    assert all(r.message == "日期在本站生成日期之后" for r in refusals)  # the check's own message


def test_a_duplicate_of_an_existing_record_is_refused(project):
    [r] = refused(project, event({"source_url": FIRST_URL + "/"}))
    assert "重复" in r.message and "2024-national-science-day" in r.found


def test_the_same_form_taken_twice_is_refused_the_second_time(project):
    first, _ = submit(project, event())
    assert isinstance(first, intake.Accepted)
    [r] = refused(project, event())
    assert "已经采纳过" in r.message


def test_every_problem_at_once(project):
    refusals = refused(project, event({"date": "去年", "title": "<b>x</b>", "preset": "", "departments": "区火星局",
                                       "source_url": "", "source_number": ""}, confirmed=False))
    assert set(labels(refusals)) == {"发生日期", "标题", "参与部门", "推进的任务、推进的措施", "来源：网址、来源：文号", "确认"}


def test_a_required_field_left_empty(project):
    refusals = refused(project, event({"source_title": ""}))
    assert labels(refusals) == ["来源：标题"] and refusals[0].message == "必填，但没有填写"


def test_not_a_record_form_is_refused(project):
    [r] = refused(project, event(text="### 页面\n\n/actions/youth/\n\n### 哪里不对\n\n错字"))
    assert r.label == "（整个表单）" and "提交实施记录" in r.hint


def test_a_broken_event_file_is_refused(project):
    path = project / "event.json"
    path.write_text("{not json", encoding="utf-8")
    before = digest(project)
    result = intake.run(project, path, None, TODAY)
    assert isinstance(result, intake.Refused) and digest(project) == before


def test_the_reply_quotes_the_submitters_text_escaped(project):
    _, comment = submit(project, event({"date": "<img src=x onerror=alert(1)>"}))
    assert "<img" not in comment and "&#60;img" in comment


def test_the_command_exits_non_zero_and_changes_nothing_when_it_refuses(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "event.json").write_text(json.dumps(event({"date": "明天"}), ensure_ascii=False), encoding="utf-8")
    before = digest(project)
    result = subprocess.run([sys.executable, "scripts/build_pages.py", "intake", "event.json", "--comment", "reply.md"],
                            cwd=project, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 1 and "没有采纳" in result.stderr and "发生日期" in result.stderr and "Traceback" not in result.stderr
    assert digest(project) == before and (project / "reply.md").exists()


def test_the_command_accepts_and_writes_the_reply(project, capsys):
    path = project / "event.json"
    path.write_text(json.dumps(event(), ensure_ascii=False), encoding="utf-8")
    assert cli.run(project, ["intake", str(path), "--comment", str(project / "reply.md")]) == 0
    assert "已采纳" in capsys.readouterr().out and "已采纳" in (project / "reply.md").read_text(encoding="utf-8")
    assert load_plan(project / "data" / "plan.yaml")  # the plan untouched and valid


def test_the_pull_requests_text_is_the_review_of_the_change(project, capsys):
    """In the workflow's checkout: the new record against the default branch's HEAD."""
    env = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    for args in (["init", "-q"], ["add", "data"], [*env, "commit", "-q", "-m", "data"]):
        subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True)
    path = project / "event.json"
    path.write_text(json.dumps(event(), ensure_ascii=False), encoding="utf-8")
    assert cli.run(project, ["intake", str(path), "--summary", str(project / "pr.md")]) == 0
    text = (project / "pr.md").read_text(encoding="utf-8")
    assert "Closes #101" in text and "### 新增记录（1 条）" in text and GOOD["title"] in text and "正文没有改动" in text


@pytest.mark.parametrize("shape", ["crlf", "no-final-newline", "no-records-yet", "no-file"])
def test_every_shape_of_file_keeps_its_bytes(project, plan, shape):
    observations = REAL[REAL.index("observations:"):]
    text = {"crlf": REAL.replace("\n", "\r\n"), "no-final-newline": REAL.rstrip("\n"),
            "no-records-yet": "# 只有观测值\n" + observations, "no-file": None}[shape]
    target = project / "data" / "progress.yaml"
    if text is None:
        target.unlink()
    else:
        target.write_bytes(text.encode("utf-8"))
    result, _ = submit(project, event())
    assert isinstance(result, intake.Accepted), result
    new = target.read_bytes().decode("utf-8")
    assert new.replace(result.added, "", 1) == (text or "")
    if shape == "crlf":
        assert "\n" not in result.added.replace("\r\n", "")
    assert parse_progress(new, plan, TODAY).records[-1].id == "2023-05-17-issue-101"
