"""Browse by group: the home page's "我是…" entries lead to one page per group, listing the measures
that concern it verbatim, each linked to its task page; clearly labelled as this site's grouping."""
from __future__ import annotations

import json
import re

import pytest

from plansite import routes
from plansite.data.plan import load_plan
from plansite.site.navigation import navigation
from support.browser import arrive, visit

EDITORIAL = "这是本站为方便查找而做的编辑整理，不是文件原有的分类"


def test_home_has_an_entry_for_every_group(plan, pages):
    home = pages[routes.HOME]
    assert "## 我是…… { #iam }" in home and EDITORIAL in home
    entries = re.findall(r'<li><a href="groups/([a-z-]+)/"><span class="pl-iam-label"><span class="pl-iam-prefix">我是</span>([^<]+)</span>', home)
    assert entries == [(a.id, a.label) for a in plan.audiences]
    assert [a.label for a in plan.audiences] == ["青少年、学生、家长、教师", "农民", "产业工人与企业", "老年人", "领导干部和公务员"]


def test_each_group_page_lists_its_measures_verbatim_with_links_to_the_task_page(plan, duties, pages):
    for audience in plan.audiences:
        md = pages[routes.group_page(audience)]
        assert EDITORIAL in md
        expected = [m.id for t in audience.tasks for m in duties.task_by_id[t].measures]
        expected += [m.id for t in duties.tasks if t.id not in audience.tasks for m in t.measures if m.id in audience.measures]
        shown = re.findall(r"^### .+ \{ #([a-z0-9-]+) \}$", md, re.M)
        assert shown == expected, audience.id
        for measure_id in shown:
            task, measure = duties.measure_by_id[measure_id]
            block = md.split(f"{{ #{measure_id} }}", 1)[1].split("###", 1)[0]
            for paragraph in measure.paragraphs:
                assert f"<p>{paragraph}</p>" in block
            link = f"../../{'actions' if task.kind == 'action' else 'projects'}/{task.id}/#{measure_id}"
            assert f'<a href="{link}">' in block, (audience.id, measure_id)
        assert f"共 {len(shown)} 项措施" in md


def test_curation_covers_measures_that_name_the_group(plan, duties):
    """The review against the text: measures that explicitly name these groups are listed."""
    listed = {a.id: set(a.measures) | {m.id for t in a.tasks for m in duties.task_by_id[t].measures} for a in plan.audiences}
    assert {"farmers-literacy-services", "infrastructure-science-museums", "grassroots-emergency"} <= listed["students"]
    assert {"workers-vocational-skills", "youth-basic-education", "infrastructure-community-venues"} <= listed["farmers"]
    assert {"tech-resources-conversion", "grassroots-service-system", "farmers-literacy-services"} <= listed["workers"]
    assert "farmers-literacy-services" in listed["elderly"]  # 农村留守妇女、儿童、老人


def test_group_pages_keep_out_of_the_search_index(site_dir, plan):
    """They repeat measure text that belongs to the task pages; search should find it there."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert not any(loc.startswith("groups/") and loc != "groups/" for loc in locations)
    assert "groups/" in locations and "targets/" in locations


def test_groups_are_in_the_navigation(plan):
    entry = next(e for e in navigation(plan) if "按人群查看" in e)["按人群查看"]
    assert entry[0] == {"全部人群": routes.GROUPS}
    assert entry[1:] == [{a.label: routes.group_page(a)} for a in plan.audiences]


def test_a_group_called_index_is_refused(tmp_path):
    from plansite.data.problems import PlanError
    from support.paths import PLAN

    bad = tmp_path / "plan.yaml"
    bad.write_text(PLAN.read_text(encoding="utf-8").replace("  - id: elderly\n    label: 老年人", "  - id: index\n    label: 老年人"),
                   encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan(bad, "data/plan.yaml")
    assert "“index”留作“按人群查看”总页的网址" in err.value.report()


@pytest.mark.browser
def test_a_reader_goes_from_home_to_a_group_and_on_to_the_task(page, site_url):
    visit(page, site_url)
    page.get_by_role("link", name=re.compile("我是\\s*老年人")).click()
    arrive(page, "**/groups/elderly/")
    assert page.locator("h1").inner_text().startswith("与老年人相关的措施")
    page.get_by_role("link", name="在任务页中查看“实施智慧助老科普行动”").click()
    arrive(page, "**/actions/elderly/#elderly-smart-tech")
    assert page.locator("#elderly-smart-tech").is_visible()
