"""The officials' pages in the system Chromium: filtering, sorting, the lead-only switch by keyboard,
sticky matrix headers, phones, keyboard focus, and the printed sheet (PDF). Their contrast, the pressed
lead-only switch's included, is axe's to check in every mode (test_a11y.py)."""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from support import plan_facts as facts
from support.browser import arrive, visit

pytestmark = pytest.mark.browser

VISIBLE_ROWS = """sel => [...document.querySelectorAll(sel)]
    .filter(tr => tr.getClientRects().length > 0).map(tr => tr.querySelector('th a').textContent)"""
MATRIX_ROWS = "table.pl-matrix tr[data-names]"


def departments_named(plan, text: str) -> list[str]:
    return [d.name for d in plan.departments if any(text in n for n in (d.name, *d.variants))]


# ── matrix ────────────────────────────────────────────────────────────────────────────────────
def test_matrix_filter_narrows_rows_and_clearing_restores(page, site_url, plan):
    visit(page, site_url + "matrix/")
    box = page.get_by_label("查找部门")
    assert box.is_visible()
    box.press_sequentially("区委")
    shown = page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)
    assert sorted(shown) == sorted(departments_named(plan, "区委")) and len(shown) == facts.PARTY_DEPARTMENTS
    assert page.locator("[data-pl-count]").inner_text() == "显示 7 个部门（共 34 个）"
    groups = page.evaluate("() => [...document.querySelectorAll('.pl-group-row')].filter(r => r.getClientRects().length)"
                           ".map(r => r.textContent)")
    assert groups == ["区委部门", "群团组织"]  # groups left empty are hidden with their rows

    box.fill("大数据局")  # a name printed only as a variant
    assert page.evaluate(VISIBLE_ROWS, MATRIX_ROWS) == ["区经济信息委"]
    box.fill("没有这个部门")
    assert page.evaluate(VISIBLE_ROWS, MATRIX_ROWS) == [] and page.locator("[data-pl-empty]").is_visible()
    box.fill("")
    assert len(page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)) == len(plan.departments)
    assert not page.locator("[data-pl-empty]").is_visible()


def test_lead_only_switch_works_by_keyboard(page, site_url, duties):
    visit(page, site_url + "matrix/")
    page.get_by_label("查找部门").focus()
    page.keyboard.press("Tab")
    switch = page.locator("[data-pl-lead-only]")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-pl-lead-only')")
    leads = sorted({a.department.name for a in duties.assignments if a.role == "lead"})

    page.keyboard.press("Space")
    assert switch.get_attribute("aria-pressed") == "true"
    assert sorted(page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)) == leads
    assert page.locator("a.pl-mark-responsible").first.is_hidden()
    assert page.locator("a.pl-mark-lead").count() == sum(a.role == "lead" for a in duties.assignments)
    assert all(page.locator("a.pl-mark-lead").nth(i).is_visible() for i in range(3))

    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "false"
    assert len(page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)) == len(duties.plan.departments)
    assert page.locator("a.pl-mark-responsible").first.is_visible()


def test_filter_and_switch_combine(page, site_url):
    visit(page, site_url + "matrix/")
    page.get_by_label("查找部门").fill("区委")
    page.locator("[data-pl-lead-only]").click()
    # of the six 区委 departments, three lead a task
    assert sorted(page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)) == sorted(["区委组织部", "区委宣传部", "区委网信办"])


def test_without_javascript_the_whole_matrix_is_there(browser, site_url, duties):
    from support.browser import open_context

    context, _ = open_context(browser, site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "matrix/")
    assert page.locator("[data-pl-matrix-tools]").is_hidden()
    assert len(page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)) == len(duties.plan.departments)
    assert page.locator("table.pl-matrix a.pl-mark").count() == len(duties.assignments)
    page.goto(site_url + "departments/")
    assert page.locator("table.pl-depts tbody tr").count() == len(duties.plan.departments)
    assert page.locator("[data-pl-depts-tools]").is_hidden()
    context.close()


def header_in_view(page, selector: str) -> bool:
    """The cell is in the viewport and nothing (e.g. Material's sticky header) covers its centre."""
    return page.evaluate("""sel => { const el = document.querySelector(sel), r = el.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.top >= 0 && r.bottom <= innerHeight && hit !== null && el.contains(hit); }""", selector)


def test_matrix_header_row_stays_in_view_while_scrolling(page, site_url):
    visit(page, site_url + "matrix/")
    # bring the table's box just under Material's sticky header, as a reader scrolling down would
    page.evaluate("""() => { const w = document.querySelector('.pl-matrix-wrap');
        const h = document.querySelector('.md-header').getBoundingClientRect().height;
        scrollTo(0, w.getBoundingClientRect().top + scrollY - h - 8); }""")
    head = "table.pl-matrix thead th:nth-child(2)"
    box_top = page.evaluate("document.querySelector('.pl-matrix-wrap').getBoundingClientRect().top")
    row_before = page.locator(MATRIX_ROWS).first.bounding_box()
    for scroll in (300, 700):
        page.evaluate(f"document.querySelector('.pl-matrix-wrap').scrollTop = {scroll}")
        assert page.evaluate("document.querySelector('.pl-matrix-wrap').scrollTop") > scroll - 50  # it scrolled
        assert page.locator(MATRIX_ROWS).first.bounding_box()["y"] < row_before["y"] - scroll + 50  # rows moved up …
        assert abs(page.locator(head).bounding_box()["y"] - box_top) < 2  # … the header row sits at the box's top
        assert header_in_view(page, head)


def test_matrix_department_column_stays_in_view_on_a_phone(phone, site_url):
    visit(phone, site_url + "matrix/")
    phone.evaluate("document.querySelector('.pl-matrix-wrap').scrollIntoView()")
    phone.evaluate("scrollBy(0, -60)")  # below Material's header
    row_head = f"{MATRIX_ROWS} th"
    cell = f"{MATRIX_ROWS} td:nth-child(6)"
    th_before, td_before = phone.locator(row_head).first.bounding_box(), phone.locator(cell).first.bounding_box()
    phone.evaluate("document.querySelector('.pl-matrix-wrap').scrollLeft = 200")
    th_after, td_after = phone.locator(row_head).first.bounding_box(), phone.locator(cell).first.bounding_box()
    assert td_after["x"] < td_before["x"] - 100  # the marks scrolled sideways …
    assert abs(th_after["x"] - th_before["x"]) < 1  # … the department names did not
    assert header_in_view(phone, row_head)
    phone.evaluate("document.querySelector('.pl-matrix-wrap').scrollTop = 400")
    assert header_in_view(phone, "table.pl-matrix thead th.pl-corner")


# ── departments index ────────────────────────────────────────────────────────────────────────
DEPT_ROWS = "table.pl-depts tbody tr"


def test_departments_filter_finds_names_and_variants(page, site_url, plan):
    visit(page, site_url + "departments/")
    box = page.get_by_label("查找部门")
    box.fill("直属机关工委")  # printed only in a variant of 区委组织部
    assert page.evaluate(VISIBLE_ROWS, DEPT_ROWS) == ["区委组织部"]
    headings = page.evaluate("() => [...document.querySelectorAll('article h2')].filter(h => h.getClientRects().length)"
                             ".map(h => h.id)")
    assert headings == ["kind-1"]
    box.fill("局")
    assert sorted(page.evaluate(VISIBLE_ROWS, DEPT_ROWS)) == sorted(departments_named(plan, "局"))
    box.fill("kexie")  # the id (pinyin) works too
    assert page.evaluate(VISIBLE_ROWS, DEPT_ROWS) == ["区科协"]
    box.fill("")
    assert len(page.evaluate(VISIBLE_ROWS, DEPT_ROWS)) == len(plan.departments)


def group_names(page) -> list[list[str]]:
    return page.evaluate("() => [...document.querySelectorAll('table.pl-depts')]"
                         ".map(t => [...t.tBodies[0].rows].map(r => r.querySelector('th a').textContent))")


def group_totals(page) -> list[list[int]]:
    return page.evaluate("() => [...document.querySelectorAll('table.pl-depts')]"
                         ".map(t => [...t.tBodies[0].rows].map(r => +r.dataset.total))")


def test_departments_sort_by_name_and_by_number_of_tasks(page, site_url, duties):
    visit(page, site_url + "departments/")
    original = group_names(page)
    buttons = page.locator("[data-pl-sort]")

    page.get_by_role("button", name="按任务数").click()
    assert [buttons.nth(i).get_attribute("aria-pressed") for i in range(3)] == ["false", "false", "true"]
    for totals in group_totals(page):
        assert totals == sorted(totals, reverse=True)
    assert group_names(page)[1][0] == "区科技局"  # 10 tasks, 4 of them as lead: first of the government's

    page.get_by_role("button", name="按名称").click()
    # pinyin order: 妇 fù, 科 kē, 社 shè, 文 wén, 总 zǒng, then 团 tuán after 区 qū
    assert group_names(page)[2] == ["区妇联", "区科协", "区社科联", "区文联", "区总工会", "团区委"]
    assert group_names(page)[1][:3] == ["区财政局", "区城市管理局", "区发展改革委"]

    page.get_by_role("button", name="原顺序").click()
    assert group_names(page) == original
    assert original == [[d.name for d in duties.departments_sorted if d.kind == k]
                        for k in ("区委部门", "区政府部门", "群团组织", "其他")]


# ── focus ────────────────────────────────────────────────────────────────────────────────────
def test_controls_show_keyboard_focus(page, site_url):
    visit(page, site_url + "matrix/")
    page.get_by_label("查找部门").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")


# ── the printed sheet ────────────────────────────────────────────────────────────────────────
def pdf_pages(pdf: bytes, tmp_path) -> list[str]:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: install poppler-utils (./scripts/dev.sh test does it)")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", "", p) for p in text.split("\f") if p.strip()]


def test_print_layout_hides_chrome_and_expands_measures(page, site_url, plan):
    visit(page, site_url + "departments/kexie/")
    closed = page.locator("details.pl-measure:not([open]) > p").first
    assert closed.is_hidden()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".pl-downloads",
                   ".pl-print-line"):
        assert page.locator(chrome).first.is_hidden(), chrome
    assert closed.is_visible()  # expanded by CSS alone, before any script runs
    assert plan.document.number in page.locator(".pl-docline").inner_text()
    assert page.evaluate("getComputedStyle(document.querySelector('.pl-duty')).breakInside") == "avoid"
    assert page.evaluate("getComputedStyle(document.querySelector('.pl-duty-title')).breakAfter") == "avoid"


def test_print_handler_opens_and_restores_measures(page, site_url):
    visit(page, site_url + "departments/kexie/")
    count_open = "document.querySelectorAll('details.pl-measure[open]').length"
    before = page.evaluate(count_open)
    total = page.locator("details.pl-measure").count()
    assert before < total
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate(count_open) == total
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.evaluate(count_open) == before


def test_printed_duty_list_keeps_each_task_on_one_sheet(page, site_url, plan, duties, tmp_path):
    dept = duties.department_by_id["kexie"]
    visit(page, site_url + "departments/kexie/")
    page.emulate_media(media="print")
    sheets = pdf_pages(page.pdf(prefer_css_page_size=True), tmp_path)
    mine = duties.for_department(dept)
    assert len(mine) // 2 <= len(sheets) <= len(mine) + 2  # sane: no blank sheets, no task spread thin
    for n, sheet in enumerate(sheets, 1):
        assert plan.document.number in sheet and "2022年4月16日" in sheet  # on every sheet
        assert f"第{n}页，共{len(sheets)}页" in sheet
    for a in mine:
        heading = re.sub(r"\s+", "", f"{'牵头' if a.role == 'lead' else '参与'}{a.task.label}")
        where = [i for i, s in enumerate(sheets) if heading in s]
        assert len(where) == 1, (a.task.id, where)
        sheet = sheets[where[0]]
        first, last = a.task.measures[0].paragraphs[0], a.task.measures[-1].paragraphs[-1]
        # the whole block — heading, first measure, last measure — is on that one sheet
        assert re.sub(r"\s+", "", first)[:12] in sheet and re.sub(r"\s+", "", last)[-12:] in sheet, a.task.id


def test_printed_matrix_is_landscape_and_complete(page, site_url, duties, tmp_path):
    visit(page, site_url + "matrix/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    sheets = pdf_pages(pdf, tmp_path)
    assert 1 <= len(sheets) <= 4
    text = "".join(sheets)
    for dept in duties.plan.departments:
        assert re.sub(r"\s+", "", dept.name) in text
    assert text.count("牵头部门数") == 1  # totals printed once, at the end
    size = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert size and float(size.group(1)) > float(size.group(2))  # landscape


# ── a plan three times the size: split matrix, chunked departments index ─────────────────────
@pytest.fixture(scope="module")
def wide_site_url(tmp_path_factory, epoch):
    """A real build of a copy of the project whose data is benchmarks/synth.py's 3× plan, served."""
    from support.browser import serve
    from support.builds import build_site
    from support.projectcopy import copy_project
    from synth import write_scaled

    copy = copy_project(tmp_path_factory.mktemp("wide") / "project")
    write_scaled(3, copy / "data" / "plan.yaml")
    result = build_site(copy / "site", epoch, copy / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    with serve(copy / "site") as url:
        yield url


@pytest.fixture
def wide_page(browser, wide_site_url):
    from support.browser import open_context

    context, _ = open_context(browser, wide_site_url)
    yield context.new_page()
    context.close()


def test_wide_plan_matrix_is_split_into_linked_parts(wide_page, wide_site_url):
    page = wide_page
    visit(page, wide_site_url + "matrix/")
    parts = page.locator("table.pl-parts tbody th a")
    assert parts.count() == 4
    parts.first.click()
    arrive(page, "**/matrix/actions-1/")
    assert page.locator("table.pl-matrix thead th a").count() == 8
    page.get_by_label("查找部门").fill("（2）")
    shown = page.evaluate(VISIBLE_ROWS, MATRIX_ROWS)
    assert shown and all(name.endswith("（2）") for name in shown)
    page.get_by_role("link", name=re.compile("第 2 部分")).first.click()
    arrive(page, "**/matrix/actions-2/")


def test_wide_plan_departments_sort_and_filter_across_tables(wide_page, wide_site_url):
    page = wide_page
    visit(page, wide_site_url + "departments/")
    government = page.locator("div[data-pl-group=kind-2] table.pl-depts")
    assert government.count() == 2  # 63 departments: two tables of at most 50 rows
    tables_shown = "() => [...document.querySelectorAll('.pl-chunk')].filter(c => c.getClientRects().length).length"
    assert page.evaluate(tables_shown) == 5
    box = page.get_by_label("查找部门")
    box.fill("（2）")  # second copies: rows 22–42 of the government's, all in its first table
    shown = page.evaluate(VISIBLE_ROWS, DEPT_ROWS)
    assert len(shown) == facts.DEPARTMENTS and all(n.endswith("（2）") for n in shown)
    assert page.evaluate(tables_shown) == 4  # the table left without matches is hidden
    box.fill("")
    page.get_by_role("button", name="按任务数").click()
    totals = page.evaluate("() => [...document.querySelectorAll('div[data-pl-group=kind-2] tbody tr')]"
                           ".map(r => +r.dataset.total)")
    assert len(totals) == 63 and totals == sorted(totals, reverse=True)  # one order across both tables
    assert page.evaluate(tables_shown) == 5


def test_dark_scheme_still_prints_black_on_white(browser, site_url):
    from support.browser import open_context

    context, _ = open_context(browser, site_url, color_scheme="dark")
    page = context.new_page()
    visit(page, site_url + "departments/kexie/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('details.pl-measure p')).color,
        getComputedStyle(document.querySelector('h1')).color, getComputedStyle(document.documentElement).backgroundColor,
        getComputedStyle(document.body).backgroundColor]""")
    assert colours == ["rgb(0, 0, 0)", "rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(255, 255, 255)"]
    context.close()
