"""The search pieces on their own: dictionary, worker patch, exclusion marks, index rewrite."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import jieba
import material
import pytest

from plansite.data.plan import load_plan
from plansite.plan import document, terms
from plansite.search import dictionary, searchindex
from plansite.site.material import bundle, worker
from plansite.site.material.patch import MaterialChanged, hashed_path
from support.paths import ROOT

MATERIAL_TEMPLATES = str(Path(material.__file__).parent / "templates")


# ── dictionary ────────────────────────────────────────────────────────────────────────────────────
def test_every_printed_department_name_is_a_dictionary_word(plan):
    words = {t.word for t in dictionary.terms(plan)}
    for dept in plan.departments:
        for printed in (dept.name, *dept.variants):
            for run in dictionary.han_runs(printed):
                assert run in words, (dept.id, run)


def test_names_the_document_marks_and_places_are_dictionary_words(plan):
    words = {t.word: t.source for t in dictionary.terms(plan)}
    for word in ("一带一路", "科创中国", "三下乡", "智惠行动", "学习强国", "大家讲堂", "公务员培训规定"):
        assert word in words, word
    for place in ("武隆", "武隆区", "重庆", "乐山", "乐山市", "四川"):
        assert words.get(place) == "地名", place
    # not a place (the regex alone would take 与四川省), not a name (the tail of a document's title)
    assert "与四川" not in words and "的通知" not in words


def test_the_dictionary_is_generated_in_a_stable_order(plan):
    assert dictionary.userdict(plan) == dictionary.userdict(plan)
    assert all(" " not in line for line in dictionary.userdict(plan).splitlines())


def test_jieba_keeps_names_whole_only_with_the_generated_dictionary(plan, tmp_path):
    path = tmp_path / "userdict.txt"
    path.write_text(dictionary.userdict(plan), encoding="utf-8")
    alone = dictionary.jieba_alone()
    ours = jieba.Tokenizer()
    ours.FREQ, ours.total, ours.initialized = dict(alone.FREQ), alone.total, True
    ours.load_userdict(str(path))
    names = ["区人社局", "区民族宗教委", "区经济信息委", "区委直属机关工委", "区住房城乡建设委"]
    assert all(alone.lcut(n) != [n] for n in names)  # jieba alone cuts them apart
    assert all(ours.lcut(n) == [n] for n in names)


def test_each_build_starts_from_jiebas_own_dictionary(tmp_path):
    """`mkdocs serve` rebuilds in one process, and the search plugin loads the site's user dictionary
    into jieba's global tokenizer on each build: a word of an earlier version of the data must not
    outlive it, or the preview's index would be cut into words unlike a fresh build's."""
    from mkdocs.config import load_config

    from plansite.data import project
    from plansite.site import search
    from plansite.site.state import BuildState

    old = "区气候观测局"  # the name of a department an editor has since renamed
    dictionary.jieba_alone()  # as in a build: jieba's own dictionary is kept before any user dictionary
    (tmp_path / "earlier.txt").write_text(old + "\n", encoding="utf-8")
    jieba.load_userdict(str(tmp_path / "earlier.txt"))  # what the plugin did on the previous rebuild
    assert jieba.lcut(old, HMM=False) == [old]
    config = load_config(str(ROOT / "mkdocs.yml"))
    today = datetime.date(2026, 12, 1)
    state = BuildState(root=ROOT, command="build", today=today, offline=False, data=project.read(ROOT, today))
    search.setup(state, config)
    assert jieba.lcut(old, HMM=False) != [old]
    jieba.load_userdict(config.plugins["material/search"].config.jieba_dict_user)  # the plugin, next
    assert jieba.lcut("区规划自然资源局", HMM=False) == ["区规划自然资源局"]


def test_jiebas_dictionary_read_in_one_piece_is_the_one_jieba_reads():
    """Builds read jieba's cache file themselves (dictionary.read_jieba_dictionary, three times faster):
    the same words and weights as jieba's own reading."""
    ours, jiebas = jieba.Tokenizer(), jieba.Tokenizer()
    jiebas.initialize()  # also writes the cache file, if this machine has none yet
    ours.initialize = lambda *_: pytest.fail("left to jieba, though its cache file is there")
    dictionary.read_jieba_dictionary(ours)
    assert ours.initialized and len(ours.FREQ) > 300_000
    assert (ours.FREQ, ours.total) == (jiebas.FREQ, jiebas.total)


def test_parts_of_names():
    alone = dictionary.jieba_alone()

    def parts(word, department=True):
        return dictionary.parts(word, lambda s: alone.lcut(s, HMM=False), department)

    assert parts("区气象局") == ["气象局"]
    assert parts("区人社局")[0] == "人社局"  # jieba cuts 区人/社局; the district's prefix is cut first
    assert "自然资源局" in parts("区规划自然资源局") and "规划自然资源局" in parts("区规划自然资源局")
    assert parts("区民族宗教委") == ["民族宗教委"]  # 区/民族宗教/委: no 教委, which is 区教委's
    assert parts("区政府外办") == ["外办"]
    assert parts("区住房城乡建委") == ["住房城乡建委", "城乡建委", "建委"]
    assert parts("行政学校") == [] and parts("人防中心") == []  # not 学校, 中心: generic words
    assert parts("团区委") == []
    assert parts("院士专家科普讲师团", department=False) == ["专家科普讲师团", "科普讲师团", "讲师团"]


def test_prefixes_follow_the_jurisdiction():
    """A 县's or 市's department is found without its prefix, as a 区's is: 市教育局 as 教育局."""
    alone = dictionary.jieba_alone()
    plans = {level: load_plan(ROOT / "tests" / "fixtures" / "plans" / f"{name}.yaml")
             for level, name in (("县", "county-units"), ("市", "city-no-annex"))}

    def parts(word, level):
        return dictionary.parts(word, lambda s: alone.lcut(s, HMM=False), True, terms.name_prefixes(plans[level]))

    assert "教育局" in parts("市教育局", "市")
    assert "教育局" in parts("临川市教育局", "市")  # the place's own name is a prefix too
    assert "宣传部" in parts("县委宣传部", "县") and "教育局" in parts("县教育局", "县")
    assert parts("市科协", "市") == ["科协"] and parts("县科协", "县") == ["科协"]
    assert parts("市科协", "县") == []  # a two-character tail counts only after the plan's own prefix
    assert terms.name_prefixes(plans["市"])[:3] == ("临川市政府", "临川市委", "临川市")


# ── worker patch ──────────────────────────────────────────────────────────────────────────────────
def installed_worker() -> str:
    return worker.locate([MATERIAL_TEMPLATES])[1].read_text(encoding="utf-8")


def test_the_patch_applies_to_the_installed_material_worker():
    source = installed_worker()
    patched = worker.patch(source)
    for p in worker.PATCHES:
        assert p.old not in patched and patched.count(p.new) == 1
    assert patched.endswith(worker.APPENDIX.read_text(encoding="utf-8")) and "sourceMappingURL" not in patched


@pytest.mark.parametrize("n", range(len(worker.PATCHES)))
def test_the_patch_refuses_a_worker_it_was_not_written_for(n):
    p = worker.PATCHES[n]
    changed = installed_worker().replace(p.old, p.old.replace("t.length", "t.size").replace("search(e)", "search(q)"))
    assert changed != installed_worker()
    with pytest.raises(MaterialChanged) as err:
        worker.patch(changed, "search.x.min.js")
    assert p.old in str(err.value) and "found 0 times" in str(err.value) and "upgraded" in str(err.value)


def test_the_patch_refuses_text_found_twice():
    source = installed_worker()
    with pytest.raises(MaterialChanged, match="found 2 times"):
        worker.patch(source + worker.PATCHES[0].old)


def test_one_worker_is_expected_in_the_theme(tmp_path):
    for name in ("search.aaaa.min.js", "search.bbbb.min.js"):
        (tmp_path / "assets/javascripts/workers").mkdir(parents=True, exist_ok=True)
        (tmp_path / "assets/javascripts/workers" / name).write_text("")
    with pytest.raises(MaterialChanged, match="expected one search worker"):
        worker.locate([str(tmp_path)])
    path, file = worker.locate([MATERIAL_TEMPLATES])
    assert re.fullmatch(r"assets/javascripts/workers/search\.\w+\.min\.js", path) and file.exists()


# ── Material's main script: the index waits for the reader to search ──────────────────────────────
def test_the_bundle_patch_applies_once_and_refuses_a_changed_bundle():
    source = bundle.locate([MATERIAL_TEMPLATES])[1].read_text(encoding="utf-8")
    patched = bundle.patch(source)
    assert bundle.PATCHES[0].old not in patched and "sourceMappingURL" not in patched
    with pytest.raises(MaterialChanged, match="found 0 times"):
        bundle.patch(patched)


def test_a_patched_file_is_named_by_its_own_content():
    name = "assets/javascripts/bundle.a5f9d56c.min.js"
    assert hashed_path(name, "a") != hashed_path(name, "b") != name
    assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", hashed_path(name, "a"))


# ── what the index leaves out ─────────────────────────────────────────────────────────────────────
def test_the_full_texts_copy_of_each_task_paragraph_is_known(plan):
    """The full text leaves out of the index the paragraphs an action's or project's page shows too."""
    anchors = document.task_paragraphs(plan)
    assert "youth-intro" in anchors and "youth-science-spirit" in anchors and "youth" not in anchors
    assert "goals-1" not in anchors  # 工作目标 belongs to the full text


# ── index rewrite ─────────────────────────────────────────────────────────────────────────────────
SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，（）]+")


def test_tidy_drops_only_separators_that_separate_nothing():
    text = "\u200b区科协\u200b、\u200b区教委\u200b（\u200b牵头\u200b） <p>\u200b武隆\u200b喀斯特\u200b</p>2500\u200b人次"
    tidy = searchindex.tidy(text, SEPARATOR)
    assert tidy == "区科协、区教委（牵头） <p>武隆\u200b喀斯特</p>2500\u200b人次"
    assert searchindex.words(tidy, SEPARATOR) == searchindex.words(text, SEPARATOR) == [
        "区科协", "区教委", "牵头", "武隆", "喀斯特", "2500", "人次"]


def test_shape_adds_parts_boosted_like_their_field_and_keeps_the_words():
    data: dict = {"config": {"separator": SEPARATOR.pattern, "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": "departments/qixiangju/", "title": "区气象局", "text": "<p>区\u200b科协、区气象局</p>"}]}
    shaped = searchindex.shape(data, {"区气象局": ["气象局"], "区科协": ["科协"]})
    assert shaped["config"]["fields"]["title_parts"] == {"boost": 1000.0}
    assert shaped["config"]["fields"]["text_parts"] == {"boost": 1.0}
    doc = shaped["docs"][0]
    assert doc["title_parts"] == "气象局" and doc["text_parts"] == "气象局"  # 区科协 is 区/科协 here: no part
    assert data["docs"][0]["text"] == "<p>区\u200b科协、区气象局</p>"  # the input is left alone


def test_the_index_is_written_as_utf8_and_reads_back_the_same(tmp_path):
    data = {"config": {"separator": SEPARATOR.pattern, "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": "x/", "title": "区\u200b气象局", "text": "“一带一路”&amp;"}]}
    path = tmp_path / "search_index.json"
    path.write_text(json.dumps(data), encoding="ascii")
    sizes = searchindex.rewrite(path, {})
    raw = path.read_bytes()
    assert "区".encode() in raw and b"\\u533a" not in raw  # 区 as UTF-8, not as \u533a
    assert sizes.after == len(raw) < sizes.before
    assert json.loads(raw)["docs"][0]["title"] == "区\u200b气象局"
