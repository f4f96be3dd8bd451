"""What the tests expect of THIS plan (武隆府办发〔2022〕30号), in one place.

Everything else in the tests is derived from data/plan.yaml or data/source/. A site for another plan
changes its data and this file, not test code. Each figure was counted in the published document.
"""
from __future__ import annotations

TASKS = 10  # 5 提升行动 + 5 重点工程, one annex row each
TASK_KINDS = ["action"] * 5 + ["project"] * 5
CHAPTER_NUMBERS = ["一、", "二、", "三、", "四、", "五、"]  # as printed, with their punctuation
MEASURES = 38
DEPARTMENTS = 34  # after merging the printed variants
PRINTED_NAMES = 39  # distinct department names as the annex prints them
ASSIGNMENTS = 194
LEADS, RESPONSIBLE = 27, 167
PAGE_BREAK_JOINS = 15  # paragraphs the PDF split across pages
PARTY_DEPARTMENTS = 7  # names containing 区委: 6 区委… and 团区委
# Departments printed in more than one form in the annex, merged into one (id → every printed form).
MERGED_VARIANTS = {
    "zuzhibu": {"区委组织部", "区委组织部（区委直属机关工委）"},
    "tongzhanbu": {"区委统战部（区民族宗教委）", "区委统战部"},
    "jingxinwei": {"区经济信息委", "区经济信息委（大数据局）"},
    "zhujianwei": {"区住房城乡建委（人防中心）", "区住房城乡建设委（人防中心）"},
    "wenhualvyouwei": {"区文化旅游委（体育局）", "区文化旅游委"},
}
