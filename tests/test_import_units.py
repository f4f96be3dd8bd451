"""The importer's rules, each tested once where it lives: merging printed department names, their kinds
and ids, measure titles, page-break joins, dates, encodings, and the writer's quoting."""
from __future__ import annotations

import pytest
import yaml

from plansite.importer import clean, departments, writer
from plansite.importer.cli import import_bytes
from plansite.importer.ids import Ids, ordinal
from plansite.importer.structure import opening, parse_date
from support.importing import FIXTURES, run


# ── departments ─────────────────────────────────────────────────────────────────────────────
def registry(printed: list[str], level: str = "区"):
    depts, index = departments.registry(printed, level)
    return {d.name: d for d in depts}, index


def test_names_differing_only_by_a_parenthetical_merge_silently_under_the_most_printed_form():
    depts, index = registry(["区委统战部（区民族宗教委）", "区教委", "区委统战部", "区委统战部（区民族宗教委）"])
    dept = depts["区委统战部（区民族宗教委）"]
    assert dept.variants == ["区委统战部"] and dept.doubted == {}
    assert index["区委统战部"] == index["区委统战部（区民族宗教委）"] == dept.id == "tongzhanbu"


def test_a_tie_goes_to_the_form_printed_first():
    depts, _ = registry(["区文化旅游委", "区文化旅游委（体育局）"])
    assert list(depts) == ["区文化旅游委"] and depts["区文化旅游委"].variants == ["区文化旅游委（体育局）"]


def test_names_differing_by_an_inserted_character_merge_but_are_doubted():
    depts, _ = registry(["区住房城乡建委（人防中心）", "区住房城乡建设委（人防中心）"])
    dept = depts["区住房城乡建委（人防中心）"]
    assert dept.variants == ["区住房城乡建设委（人防中心）"] and "区住房城乡建设委（人防中心）" in dept.doubted


@pytest.mark.parametrize("a, b", [("区科协", "区科技局"), ("区民政局", "区民族宗教委"), ("区文联", "区社科联"),
                                  ("区住房城乡建委（人防中心）", "区住房城乡建设委"), ("区教委", "区委")])
def test_different_departments_stay_apart(a, b):
    depts, index = registry([a, b])
    assert len(depts) == 2 and index[a] != index[b]


@pytest.mark.parametrize("name, level, kind", [
    ("区委组织部", "区", "区委部门"), ("区委党校（行政学校）", "区", "区委部门"), ("团区委", "区", "群团组织"),
    ("区科协", "区", "群团组织"), ("区总工会", "区", "群团组织"), ("区气象局", "区", "其他"), ("县税务局", "县", "其他"),
    ("区消防救援支队", "区", "其他"), ("区政府外办", "区", "区政府部门"), ("市教育局", "市", "市政府部门"), ("县委宣传部", "县", "县委部门"),
])
def test_kinds_follow_the_name_and_the_jurisdiction(name, level, kind):
    assert departments.kind_of(name, level) == (kind, "")


def test_a_kind_the_name_does_not_tell_is_doubted():
    kind, doubt = departments.kind_of("县供销社", "县")
    assert kind == "县政府部门" and "县供销社" in doubt


def test_ids_are_pinyin_without_the_prefix_and_unique():
    depts, _ = registry(["区委宣传部", "区宣传部", "区文化旅游委（体育局）"])
    assert [d.id for d in depts.values()] == ["xuanchuanbu", "xuanchuanbu-b", "wenhualvyouwei"]
    ids = Ids()
    assert [ids.take(x, "f") for x in ("part-1", "youth-intro", "", "")] == ["part-1-x", "youth-intro-x", "f", "f-b"]
    assert (ordinal(3), ordinal(21), ordinal(40)) == ("three", "twenty-one", "forty")


# ── text rules ──────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("text, title", [
    ("将弘扬科学精神贯穿于育人全链条。坚持立德树人，实施……", "将弘扬科学精神贯穿于育人全链条。"),
    ("树立相信科学、和谐理性的思想观念。重点围绕……", "树立相信科学、和谐理性的思想观念。"),
    ("加强“一带一路”科技人文交流。坚持共商共建共享原则。", "加强“一带一路”科技人文交流。"),
    ("举办全国科技工作者日等活动，广泛宣传……。深入开展创新争先行动。", None),  # a comma: not a heading
    ("“科学普及。”是这一段的开头。", None),  # the first 。 is inside a quotation
    ("没有句号的一段话", None),
])
def test_a_measure_title_is_a_short_opening_sentence(text, title):
    found = opening(text)
    assert (found[0] if found else None) == title


@pytest.mark.parametrize("before, after, joined", [
    ("“十三五”期间，全区全民科学素质建设工作坚持以习近平新时代中国特色社会主义思想为指导，为“十四五”全民科学素质建", "设奠定了坚实基础。", True),
    ("2. 健全工作体系。各乡镇人民政府、街道办事处负责统筹辖区全民科学素质行动组织实施工作，要落实专门机构负责实施全", "民科学素质提升行动。", True),
    ("重庆市武隆区人民政府办公室关于印发武隆区全民科学素质行动规划纲要实施方案（2021—2025年）的通知", "各街道办事处：", False),
    ("深化科普供给侧改革，提高供给效能，构建主体多元、手段多样、供给优质的全域科学素质建设体系。", "实施5项重点工程。", False),
    ("我的法规 最新法规 点击最多 失效法规 资料下载 法规解读 下载绿色版 法规搜索", "法规分类", False),
    ("以提升信息素养和健康素养为重点，丰富老年人科普服务的供给内容、渠道途径、方式方法，稳步提升老年人适应社会发展", "（一）实施", False),
])
def test_a_paragraph_cut_by_a_page_end_is_joined(before, after, joined):
    assert clean.continues(before, after) is joined


def test_stray_spaces_around_numbers_are_removed_with_context():
    assert clean.stray_spaces("到 2025 年，全区达到 13%，继续") == ("到2025年，全区达到13%，继续",
                                                                  [("到 2025 年，", "到2025年，"), ("达到 13%，继", "达到13%，继")])


@pytest.mark.parametrize("text, date", [("2022年4月16日", "2022-04-16"), ("二〇二二年四月十六日", "2022-04-16"),
                                        ("二〇二三年十二月三十一日", "2023-12-31"), ("2022 年 4 月 6 日", "2022-04-06"),
                                        ("2022年2月30日", None), ("2022年4月", None)])
def test_dates_in_arabic_and_chinese_numerals(text, date):
    assert parse_date(text) == date


def test_gb18030_text_reads_as_utf8_does():
    text = (FIXTURES / "county.txt").read_text(encoding="utf-8")
    utf8, gbk = import_bytes(text.encode("utf-8"), "county.txt"), import_bytes(text.encode("gb18030"), "county.txt")
    assert gbk.text == utf8.text and gbk.problems == []


# ── the writer ─────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("value, written", [
    ("1.", '"1."'), ("2021", '"2021"'), ("no", '"no"'), ("一、", "一、"), ("- 开头是连字符", '"- 开头是连字符"'),
    ("按照: 英文冒号", '"按照: 英文冒号"'), ("“十三五”期间，全区", "“十三五”期间，全区"), ("# 井号", '"# 井号"'),
])
def test_values_are_quoted_only_where_yaml_needs_it(value, written):
    assert writer.scalar(value) == written
    assert yaml.safe_load(f"k: {written}")["k"] == value


def test_flow_lists_quote_commas():
    assert writer.scalar("区教委,区科协", flow=True) == '"区教委,区科协"'
    assert writer.scalar("区委统战部（区民族宗教委）", flow=True) == "区委统战部（区民族宗教委）"


def test_a_draft_of_a_county_says_its_kinds_in_order():
    result = run(FIXTURES / "county.txt")
    comments = [line.strip() for line in result.text.split("\n") if line.strip() in ("# 县委部门", "# 县政府部门", "# 群团组织", "# 其他")]
    assert comments == ["# 县委部门", "# 县政府部门", "# 群团组织", "# 其他"]


def test_a_level_read_from_the_annex_alone_is_doubted():
    page = ("<html><body><p>一、总则</p><p>为做好工作，制定本方案。</p><table><tr><td>类别</td><td>工作任务</td><td>牵头单位</td></tr>"
            "<tr><td>提升行动</td><td>1. 实施某某行动</td><td>县科协</td></tr></table></body></html>").encode("utf-8")
    result = import_bytes(page, "page.html")
    level = result.draft.tree["jurisdiction"]["level"]
    assert (level.marker, level.value) == ("待核", "县")
    assert result.draft.tree["words"]["department"] == "单位"


def test_an_annex_with_a_number_column_and_no_category():
    page = ("<html><body><p>一、重点任务</p><p>（一）实施青少年科学素质提升行动。</p><p>激发兴趣，培养能力。</p>"
            "<p>办好科技节。每年一次。</p><p>（二）实施科普基础设施工程。</p><p>建好场馆，提高服务。</p><p>建成科技馆。2025年前建成。</p>"
            "<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th></tr>"
            "<tr><td>1</td><td>实施青少年科学素质提升行动</td><td>县教育局</td><td>县科协<br>团县委</td></tr>"
            "<tr><td>2</td><td>实施科普基础设施工程</td><td>县科协</td><td>县财政局</td></tr></table></body></html>").encode("utf-8")
    result = import_bytes(page, "page.html")
    tree = result.draft.tree
    assert tree["words"] == {"department": "单位", "lead": "牵头单位", "responsible": "配合单位", "task": "重点任务"}
    assert [row["task"] for row in tree["annex"]] == [t["id"] for c in tree["chapters"] for t in c["tasks"]]
    names = [(entry.value if hasattr(entry, "value") else entry)["name"] for entry in tree["departments"]]
    assert names == ["县教育局", "县财政局", "县科协", "团县委"]  # by kind, then first printed; one per line in a cell
    assert result.problems == []


def test_a_page_saved_in_gb2312_reads_as_the_utf8_one():
    page = (FIXTURES / "wulong.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">', '<meta charset="gb2312">')
    utf8, gbk = import_bytes(page.encode("utf-8"), "page.html"), import_bytes(page.encode("gb18030"), "page.html")
    assert gbk.text == utf8.text and gbk.problems == []
