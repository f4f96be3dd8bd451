"""Real queries a reader would type, with the pages they expect to see near the top.

Chosen from the document's text: programme names, places, numbers and terms that appear in one or two
measures. `pages` are the acceptable answers (a measure that appears in two actions has two); the
test asks that at least one of them — and every one marked `all_of` — is among the first `top` results.
Department queries are built from data/plan.yaml in the tests themselves.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    text: str
    pages: tuple[str, ...]  # acceptable result pages (site-relative URLs)
    why: str  # where the reader's answer is in the document
    top: int = 3


def q(text: str, *pages: str, why: str, top: int = 3) -> Query:
    return Query(text, pages, why, top)


YOUTH, FARMERS, WORKERS, ELDERLY, OFFICIALS = (f"actions/{t}/" for t in
                                               ("youth", "farmers", "workers", "elderly", "officials"))
RESOURCES, INFORMATIZATION, INFRASTRUCTURE, GRASSROOTS, OPEN = (
    f"projects/{t}/" for t in ("tech-resources", "informatization", "infrastructure", "grassroots",
                               "open-cooperation"))
TEXT = "text/"

MEASURE_QUERIES: tuple[Query, ...] = (
    q("科普大篷车", INFRASTRUCTURE, FARMERS, why="完善现代科技馆体系；科普大篷车渝州行"),
    q("院士专家科普讲师团", ELDERLY, why="实施银龄科普专项行动"),
    q("讲师团", ELDERLY, why="院士专家科普讲师团, a part of the name"),
    q("喀斯特", YOUTH, INFRASTRUCTURE, why="武隆喀斯特世界自然遗产"),
    q("武隆喀斯特", YOUTH, INFRASTRUCTURE, why="武隆喀斯特世界自然遗产"),
    q("世界自然遗产博物馆", INFRASTRUCTURE, why="建成中国·武隆喀斯特世界自然遗产博物馆"),
    q("树顶漫步", INFRASTRUCTURE, why="积极打造树顶漫步等一批科普基地"),
    q("2500人次", FARMERS, why="依托农广校等平台开展农民教育培训2500人次以上"),
    q("2500", FARMERS, why="the number alone"),
    q("农广校", FARMERS, why="依托农广校等平台"),
    q("高素质农民", FARMERS, why="实施高素质农民培育计划"),
    q("三下乡", FARMERS, why="文化科技卫生“三下乡”"),
    q("科技特派员", FARMERS, why="深入推行科技特派员制度"),
    q("智慧助老", ELDERLY, why="实施智慧助老科普行动"),
    q("智能手机", ELDERLY, why="开设智能手机使用、智能就医……等课程"),
    q("电信诈骗", ELDERLY, why="有效预防和应对网络谣言、电信诈骗"),
    q("老年大学", ELDERLY, why="依托老年大学（学校、学习点）"),
    q("银龄", ELDERLY, why="实施银龄科普专项行动"),
    q("老科协", ELDERLY, why="充分发挥老科协智力资源"),
    q("机器人竞赛", YOUTH, why="机器人竞赛、科学素养大赛"),
    q("5G", YOUTH, why="发挥5G、人工智能等新技术助推作用"),
    q("科学家精神", RESOURCES, YOUTH, why="弘扬科学家精神；科学家精神进校园行动"),
    q("工匠精神", WORKERS, why="劳模精神、劳动精神、工匠精神"),
    q("科创中国", WORKERS, why="积极推广运用“科创中国”平台"),
    q("快递员", WORKERS, why="快递员、网约工、互联网营销师"),
    q("学习强国", OFFICIALS, why="“学习强国”重庆学习平台"),
    q("公务员录用", OFFICIALS, why="在公务员录用考试和任职考察中"),
    q("科普中国", INFORMATIZATION, why="推广科普中国、科普重庆等优质资源"),
    q("短视频", INFORMATIZATION, why="支持开发动漫、短视频、游戏等"),
    q("科幻", INFORMATIZATION, why="科幻产业发展基金、科幻主题公园"),
    q("科学辟谣", INFORMATIZATION, why="科学辟谣平台"),
    q("流动科技馆", INFRASTRUCTURE, FARMERS, why="以流动科技馆、科普大篷车……为拓展和延伸"),
    q("应急科普", GRASSROOTS, why="建立应急科普宣教协同机制"),
    q("科技志愿服务", GRASSROOTS, why="组建科技志愿服务队"),
    q("全国科普日", GRASSROOTS, why="深入开展全国科普日、科技活动周"),
    q("世界气象日", GRASSROOTS, why="坚持开展……世界气象日……等主题科普活动"),
    q("一带一路", OPEN, why="加强“一带一路”科技人文交流"),
    q("乐山", OPEN, why="加强与四川省乐山市各级科协组织的科普交流合作"),
    q("川渝", OPEN, why="加强川渝科普交流合作"),
    q("成渝地区双城经济圈", OPEN, why="结合推动成渝地区双城经济圈建设"),
    q("创客营", OPEN, why="“一带一路”青少年创客营与教师研讨活动"),
    # text that is not an action's or a project's: it lives on the full text
    q("8.9%", TEXT, "", why="2020年全区公民具备科学素质的比例达8.9%（also on the home page）"),
    q("进度安排", TEXT, why="（四）进度安排"),
    q("科普经费", TEXT, why="各乡镇人民政府（街道办事处）应有一定的科普经费预算"),
    q("表彰奖励", TEXT, why="完善表彰奖励机制"),
)


@dataclass(frozen=True)
class DepartmentQuery:
    text: str
    department: str  # id
    kind: str  # 名称 (canonical) / 原文写法 (a variant as printed) / 简称 (a part of the name)

    @property
    def page(self) -> str:
        return f"departments/{self.department}/"


PREFIXES = ("区政府", "区委", "区")  # the district's prefix; what remains is how people say the name


def department_queries(plan) -> list[DepartmentQuery]:
    """Every department's canonical name, every variant printed in the document, and the parts of them a
    reader types on their own: each name in brackets (地震局, 区民族宗教委) and every name without the
    district's prefix (气象局, 教委, 统战部, 外办)."""
    import re

    out: dict[str, DepartmentQuery] = {}
    for d in plan.departments:
        out.setdefault(d.name, DepartmentQuery(d.name, d.id, "名称"))
        for v in d.variants:
            out.setdefault(v, DepartmentQuery(v, d.id, "原文写法"))
        for printed in (d.name, *d.variants):
            for run in re.findall(r"[\u4e00-\u9fff]+", printed):
                out.setdefault(run, DepartmentQuery(run, d.id, "简称"))
                prefix = next((p for p in PREFIXES if run.startswith(p) and len(run) - len(p) >= 2), "")
                if prefix:
                    out.setdefault(run[len(prefix):], DepartmentQuery(run[len(prefix):], d.id, "简称"))
    return list(out.values())
