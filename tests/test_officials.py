"""Officials' pages and downloads, read from a real build and checked against the source document.

The annex is read from data/source/ by tests/sourcetext.py, independently of the plan code; printed
department names are mapped to departments through the registry in data/plan.yaml (which
test_annex.py proves covers exactly the printed names).
"""
from __future__ import annotations

import csv
import datetime
import io
import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from bs4 import Tag

from plansite import routes
from plansite.plan.duties import KIND_LABELS, ROLE_LABELS, Duties, Role
from support import plan_facts as facts
from support.sitehtml import article, attr, find, last_segment
from support.sourcetext import annex_rows, prose_lines

TODAY = datetime.date(2026, 12, 1)

KIND_WORDS = {"action": "行动", "project": "工程"}


# ── the source annex, as (department id, task id) → role ─────────────────────────────────────
@pytest.fixture(scope="module")
def source_roles(plan, source_lines) -> dict[tuple[str, str], str]:
    rows, _ = annex_rows(source_lines)
    by_name = {n: d.id for d in plan.departments for n in (d.name, *d.variants)}
    # A source row names its task as "1. title"; the annex prints one title differently (recorded in the data).
    by_title = {t.label: t.id for c in plan.chapters for t in c.tasks}
    by_title.update({r.printed_title: r.task for r in plan.annex if r.printed_title})
    out: dict[tuple[str, str], str] = {}
    for row in rows:
        task = by_title[re.sub(r"^\d+\.\s*", "", row.task)]
        for role, names in (("lead", row.lead), ("responsible", row.responsible)):
            for name in names:
                key = (by_name[name], task)
                assert key not in out, f"{name} twice in {row.task}"
                out[key] = role
    assert len(out) == facts.ASSIGNMENTS
    return out


def role_of(node: Tag) -> Role | None:
    classes = node.get_attribute_list("class")
    for role in ROLE_LABELS:  # lead, responsible
        if f"pl-mark-{role}" in classes or f"pl-duty-{role}" in classes:
            return role
    return None


# ── matrix ────────────────────────────────────────────────────────────────────────────────────
@pytest.fixture(scope="module")
def matrix(site_dir) -> Tag:
    return find(article(site_dir / "matrix" / "index.html"), "table", class_="pl-matrix")


def matrix_columns(table: Tag) -> list[str]:
    head = find(table, "thead")
    return [last_segment(attr(a, "href")) for a in head.find_all("a")]


def matrix_rows(table: Tag) -> list[Tag]:
    return [tr for tb in table.find_all("tbody") for tr in tb.find_all("tr") if "data-names" in tr.attrs]


def test_every_matrix_cell_agrees_with_the_source_annex(matrix, source_roles, duties):
    columns = matrix_columns(matrix)
    assert columns == [t.id for t in duties.tasks]  # one column per task, in the document's order
    seen, rows = {}, matrix_rows(matrix)
    assert sorted(last_segment(attr(find(find(tr, "th"), "a"), "href")) for tr in rows) == \
        sorted(d.id for d in duties.plan.departments)  # every department once
    for tr in rows:
        dept = last_segment(attr(find(find(tr, "th"), "a"), "href"))
        cells = tr.find_all("td")
        assert len(cells) == len(columns) + 2
        for task, td in zip(columns, cells[:len(columns)], strict=True):
            # a cell may also link to the records of that duty (a count); the role mark is the other link
            marks = [a for a in td.find_all("a") if "pl-record-count" not in a.attrs.get("class", "")]
            if not marks:
                assert td.get_text().strip() == "" or td.find_all("a")
                continue
            (mark,) = marks
            role = role_of(mark)
            assert role is not None, mark  # the mark says its role
            assert last_segment(attr(mark, "href")) == task  # the mark links to its task
            # told apart by symbol and word, not colour alone
            assert mark.get_text() == {"lead": "●牵头", "responsible": "○参与"}[role]
            seen[(dept, task)] = role
        roles = [seen.get((dept, t)) for t in columns]
        assert [int(td.get_text()) for td in cells[-2:]] == [roles.count("lead"), roles.count("responsible")]
    assert seen == source_roles


def test_matrix_column_and_grand_totals(matrix, source_roles):
    columns = matrix_columns(matrix)
    foot = find(matrix, "tfoot").find_all("tr")
    lead_row, resp_row = ([td.get_text() for td in tr.find_all("td")] for tr in foot)
    per_task = Counter((task, role) for (_, task), role in source_roles.items())
    assert lead_row[:len(columns)] == [str(per_task[(t, "lead")]) for t in columns]
    assert resp_row[:len(columns)] == [str(per_task[(t, "responsible")]) for t in columns]
    assert (lead_row[-2], resp_row[-1]) == ("27", "167")


def test_every_row_links_to_its_department_page(site_dir, matrix):
    for tr in matrix_rows(matrix):
        a = find(find(tr, "th"), "a")
        page = site_dir / "departments" / last_segment(attr(a, "href")) / "index.html"
        assert a.get_text() in find(article(page), "h1").get_text()


def test_matrix_is_a_real_accessible_table(matrix):
    assert find(matrix, "caption").get_text().strip()
    for th in matrix.find_all("th"):
        assert th.attrs.get("scope") in ("col", "row", "rowgroup"), th.get_text()


def test_matrix_controls_are_labelled_and_hidden_without_script(site_dir):
    page = article(site_dir / "matrix" / "index.html")
    tools = find(page, attrs={"data-pl-matrix-tools": True})
    assert "hidden" in tools.attrs
    field = find(tools, "input")
    assert find(page, "label", attrs={"for": field["id"]}).get_text().strip()
    switch = find(tools, "button")
    assert switch.attrs.get("aria-pressed") == "false" and "牵头" in switch.get_text()


# ── department pages ─────────────────────────────────────────────────────────────────────────
def test_every_department_page_agrees_with_the_source_annex(site_dir, plan, duties, source_roles):
    for dept in plan.departments:
        page = article(site_dir / "departments" / dept.id / "index.html")
        duties = {}
        for section in page.find_all("section", class_="pl-duty"):
            role = role_of(section)
            assert role is not None, section  # the section says its role
            title = find(section, "h3")
            assert ROLE_LABELS[role] in title.get_text()  # the role in words, not only colour
            task = last_segment(attr(find(title, "a"), "href"))
            duties[task] = role
            # the other departments of that row, exactly as the source lists them
            others = {last_segment(attr(a, "href")) for a in find(section, "dl").find_all("a")}
            expected = {d for (d, t) in source_roles if t == task and d != dept.id}
            assert others == expected, (dept.id, task)
        assert duties == {t: r for (d, t), r in source_roles.items() if d == dept.id}, dept.id
        counts = find(page, "p", class_="pl-counts").get_text()
        lead = sum(r == "lead" for r in duties.values())
        assert counts == f"牵头 {lead} 项任务，参与 {len(duties) - lead} 项任务。"


def test_department_page_carries_each_tasks_measures_word_for_word(site_dir, plan, duties):
    for dept in plan.departments:
        page = article(site_dir / "departments" / dept.id / "index.html")
        for section in page.find_all("section", class_="pl-duty"):
            task = duties.task_by_id[last_segment(attr(find(find(section, "h3"), "a"), "href"))]
            details = section.find_all("details")
            assert [find(d, "summary").get_text() for d in details] == [m.label for m in task.measures]
            for d, measure in zip(details, task.measures, strict=True):
                paragraphs = [p.get_text() for p in d.find_all("p") if "pl-source" not in p.get_attribute_list("class")]
                assert paragraphs == list(measure.paragraphs)
                # long measures start collapsed; short ones open (readable in place)
                assert ("open" in d.attrs) == (sum(map(len, measure.paragraphs)) <= 100)


def test_department_page_names_its_variants(site_dir, plan):
    for dept in plan.departments:
        summary = find(article(site_dir / "departments" / dept.id / "index.html"), "div", class_="pl-dept-summary")
        for variant in dept.variants:
            assert variant in summary.get_text()
        assert ("原文亦作" in summary.get_text()) == bool(dept.variants)


def test_mentions_of_a_department_in_the_body_link_to_their_paragraph(site_dir, plan, source_lines):
    prose = prose_lines(source_lines)
    for dept in plan.departments:
        names = (dept.name, *dept.variants)
        quotes = article(site_dir / "departments" / dept.id / "index.html").find_all("blockquote", class_="pl-mention")
        in_source = [line for _, line in prose if any(n in line for n in names)]
        assert len(quotes) == len(in_source), dept.id
        for quote, line in zip(quotes, in_source, strict=True):
            text = find(quote, "p").get_text()
            assert text.startswith(line)  # word for word (a source line may end at a page break)
            assert [m.get_text() for m in quote.find_all("mark")] == [n for n in re.findall("|".join(map(re.escape, names)), text)]
            assert attr(find(find(quote, "p", class_="pl-mention-where"), "a"), "href").startswith("../../text/#")
    kexie = article(site_dir / "departments" / "kexie" / "index.html").find_all("blockquote", class_="pl-mention")
    assert [attr(find(find(q, "p", class_="pl-mention-where"), "a"), "href") for q in kexie] == \
        ["../../text/#org-coordination", "../../text/#org-work-system"]


def test_department_pages_keep_measure_text_out_of_search(site_dir, plan, duties):
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def plain(s: str) -> str:
        return re.sub(r"[\u200b\s]", "", re.sub(r"<[^>]+>", "", s))

    for dept in plan.departments:
        mine = [d for d in docs if d["location"].startswith(f"departments/{dept.id}/")]
        text = "".join(plain(d["title"]) + plain(d["text"]) for d in mine)
        assert plain(dept.name) in text
        for a in duties.for_department(dept):
            assert plain(a.task.label) in text  # task titles stay searchable
            for m in a.task.measures:
                for p in m.paragraphs:
                    assert plain(p)[:20] not in text, (dept.id, m.id)
    # …while the task page that owns a measure still has it in the index
    youth = "".join(plain(d["text"]) for d in docs if d["location"].startswith("actions/youth/"))
    assert plain(duties.task_by_id["youth"].measures[0].paragraphs[0])[:20] in youth


def test_print_setup_escapes_data_into_css():
    from plansite.pages.render import css_string

    out = css_string('区"}</style><script>')
    assert out.startswith('"') and out.endswith('"')
    inner = out[1:-1]
    assert not set(inner) & set('"}<>;{') and "\\533a " in inner


def test_print_setup_names_document_number_and_date(site_dir, plan):
    html = (site_dir / "departments" / "kexie" / "index.html").read_text(encoding="utf-8")
    head, body = html.split("</head>", 1)
    assert "<style" not in body  # a <style> in the body is not valid HTML (W3C Nu checker)
    sheet = re.search(r"<style data-pl-sheet>(.*?)</style>", head)
    assert sheet is not None, "no <style data-pl-sheet> in the head"
    style = sheet.group(1)
    decoded = re.sub(r"\\([0-9a-f]+) ", lambda m: chr(int(m.group(1), 16)), style)
    assert plan.document.number in decoded and "2022年4月16日" in decoded and "区科协" in decoded


# ── departments index ────────────────────────────────────────────────────────────────────────
def test_departments_index_groups_and_counts(site_dir, plan, source_roles):
    page = article(site_dir / "departments" / "index.html")
    headings = [h.get_text().replace("¶", "") for h in page.find_all("h2")]
    assert headings == ["区委部门（6 个）", "区政府部门（21 个）", "群团组织（6 个）", "其他单位（1 个）"]
    rows = [tr for t in page.find_all("table", class_="pl-depts") for tr in find(t, "tbody").find_all("tr")]
    assert len(rows) == len(plan.departments)
    for tr in rows:
        dept = tr.attrs["data-id"]
        lead, resp, total = (int(td.get_text()) for td in tr.find_all("td"))
        roles = [r for (d, _), r in source_roles.items() if d == dept]
        assert (lead, resp, total) == (roles.count("lead"), roles.count("responsible"), len(roles))
        assert last_segment(attr(find(find(tr, "th"), "a"), "href")) == dept


# ── downloads ────────────────────────────────────────────────────────────────────────────────
def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel and WPS would guess the wrong encoding"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_xlsx(path: Path, sheet: str) -> list[list[str]]:
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(path.read_bytes()))[sheet]
    return [["" if v is None else str(v) for v in row] for row in ws.iter_rows(values_only=True)]


def expected_duties(duties: Duties, dept) -> list[list[str]]:
    mine = duties.for_department(dept)
    out = []
    for a in sorted(mine, key=lambda a: a.role != "lead"):  # leads first, each in document order
        others = {role: "、".join(o.department.name for o in duties.for_task(a.task, role) if o.department.id != dept.id)
                  for role in ("lead", "responsible")}
        out.append([dept.name, ROLE_LABELS[a.role], KIND_LABELS[a.task.kind], a.task.numeral, a.task.label, a.printed,
                    others["lead"], others["responsible"], "\n".join(m.label for m in a.task.measures),
                    routes.Links().url_of(routes.task_page(a.task))])
    return out


def test_department_downloads_open_and_match_the_data(site_dir, plan, duties):
    for dept in plan.departments:
        rows = read_csv(site_dir / "downloads" / "departments" / f"{dept.id}.csv")
        assert rows[0][:5] == ["部门", "本部门角色", "类别", "序号", "任务"]
        assert rows[1:] == expected_duties(duties, dept), dept.id
        assert read_xlsx(site_dir / "downloads" / "departments" / f"{dept.id}.xlsx", "职责清单") == rows


def test_department_page_links_its_downloads(site_dir):
    page = article(site_dir / "departments" / "kexie" / "index.html")
    links = find(page, "p", class_="pl-downloads").find_all("a")
    # The workbook first (any spreadsheet program opens it); the CSV says how LibreOffice reads it.
    assert [a.attrs["href"] for a in links] == ["../../downloads/departments/kexie.xlsx",
                                                 "../../downloads/departments/kexie.csv"]
    assert links[1].attrs["download"] == "区科协-职责清单.csv"
    csv_note = find(page, "p", class_="pl-downloads").find_all("span", class_="pl-download-note")[1].get_text()
    assert "LibreOffice" in csv_note and "UTF-8" in csv_note


def test_matrix_downloads_open_and_match_the_data(site_dir, duties):
    csv_rows = read_csv(site_dir / "downloads" / "matrix.csv")
    tasks = duties.tasks
    assert csv_rows[0] == ["部门", "部门类别", *(f"{KIND_WORDS[t.kind]}{t.numeral} {t.label}" for t in tasks),
                           "牵头任务数", "参与任务数", "部门页面"]
    assert [r[0] for r in csv_rows[1:]] == [d.name for d in duties.departments_sorted]
    for dept, row in zip(duties.departments_sorted, csv_rows[1:], strict=True):
        roles = [duties.role_of(dept, t) for t in tasks]
        assert row[1] == dept.kind
        assert row[2:2 + len(tasks)] == [ROLE_LABELS[r] if r else "" for r in roles]
        assert row[-3:] == [str(roles.count("lead")), str(roles.count("responsible")),
                            routes.Links().url_of(routes.department_page(dept))]
    assert read_xlsx(site_dir / "downloads" / "matrix.xlsx", "分工总表") == csv_rows
    detail = read_xlsx(site_dir / "downloads" / "matrix.xlsx", "分工明细")
    assert [(r[2], r[4], r[6], r[7]) for r in detail[1:]] == \
        [(a.task.label, a.department.name, ROLE_LABELS[a.role], a.printed) for a in duties.assignments]

    data = json.loads((site_dir / "downloads" / "matrix.json").read_text(encoding="utf-8"))
    assert data["document"]["number"] == duties.plan.document.number
    assert [t["id"] for t in data["tasks"]] == [t.id for t in tasks]
    assert [(a["task"], a["department"], a["role"], a["printed"]) for a in data["assignments"]] == \
        [(a.task.id, a.department.id, a.role, a.printed) for a in duties.assignments]
    for d in data["departments"]:
        dept = duties.department_by_id[d["id"]]
        assert d["lead"] == [a.task.id for a in duties.for_department(dept) if a.role == "lead"]


def test_matrix_page_links_all_three_downloads(site_dir):
    links = find(article(site_dir / "matrix" / "index.html"), "p", class_="pl-downloads").find_all("a")
    assert [a.attrs["href"] for a in links] == ["../downloads/matrix.xlsx", "../downloads/matrix.csv",
                                                 "../downloads/matrix.json"]


def test_xlsx_is_byte_identical_across_builds(site_dir, plan):
    """The site was built in another process at another time; a fresh export must equal it byte for byte."""
    from plansite.data.progress import load_progress
    from plansite.downloads.tables import downloads
    from plansite.plan.timeline import build_date
    from support.paths import ROOT

    fresh = downloads(plan, routes.Links(), progress=load_progress(ROOT / "data" / "progress.yaml", plan, build_date()))
    for src in ("downloads/matrix.xlsx", "downloads/departments/kexie.xlsx", "downloads/matrix.csv",
                "downloads/matrix.json"):
        assert (site_dir / src).read_bytes() == fresh[src], src
    with zipfile.ZipFile(io.BytesIO(fresh["downloads/matrix.xlsx"])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # not the clock
        core = z.read("docProps/core.xml").decode()
        assert "2022-04-16T00:00:00Z" in core and core.count("2022-04-16T00:00:00Z") == 2


def test_xlsx_keeps_text_that_looks_like_a_formula_as_text():
    import datetime

    from openpyxl import load_workbook

    from plansite.downloads.tables import Sheet, xlsx_bytes

    data = xlsx_bytes("t", [Sheet("s", [["标题"], ["=1+1"]])], datetime.datetime(2022, 4, 16))
    cell = load_workbook(io.BytesIO(data))["s"]["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_xlsx_caps_a_cell_at_excels_limit_and_says_so():
    """Excel holds at most 32,767 characters (UTF-16 units) in a cell; a longer text is cut there
    and ends with a visible note, instead of a file Excel refuses or cuts without a word."""
    import datetime

    from openpyxl import load_workbook

    from plansite.downloads.tables import Sheet, xlsx_bytes
    from plansite.downloads.xlsx import CAPPED

    long_text, astral = "科普" * 20_000, "𠀀" * 20_000  # 40,000 characters; 20,000 characters = 40,000 UTF-16 units
    data = xlsx_bytes("t", [Sheet("s", [["标题"], [long_text], [astral], ["短文本"]])], datetime.datetime(2022, 4, 16))
    ws = load_workbook(io.BytesIO(data))["s"]
    cut = ws["A2"].value
    assert len(cut) == 32_767 and cut.endswith(CAPPED) and long_text.startswith(cut.removesuffix(CAPPED))
    cut = ws["A3"].value
    assert len(cut.encode("utf-16-le")) // 2 <= 32_767 and cut.endswith(CAPPED) and astral.startswith(cut.removesuffix(CAPPED))
    assert ws["A4"].value == "短文本"


# ── scale: wide plans split the matrix ───────────────────────────────────────────────────────
def test_real_plan_has_one_full_matrix_page(plan):
    from plansite.pages.builder import Builder

    srcs = [p.src for p in Builder(plan, TODAY).pages()]
    assert "matrix.md" in srcs and not [s for s in srcs if s.startswith("matrix/")]


def test_a_wide_plan_splits_the_matrix_into_parts(tmp_path):
    from plansite.data.plan import load_plan
    from plansite.pages.builder import Builder, MatrixContext, MatrixOverviewContext
    from plansite.pages.layout import MATRIX_PAGE_TASKS
    from plansite.pages.render import Renderer
    from synth import write_scaled

    big = load_plan(write_scaled(3, tmp_path / "p3.yaml"))
    duties = Duties(big)
    pages = {p.src: p for p in Builder(big, TODAY).pages()}
    overview = pages["matrix.md"].context
    assert isinstance(overview, MatrixOverviewContext)
    parts = [p.context for src, p in pages.items() if src.startswith("matrix/")]
    assert len(parts) == len(overview.parts) == 4  # 15 actions → 8 + 7, 15 projects → 8 + 7
    covered, assignments = [], 0
    for part in parts:
        assert isinstance(part, MatrixContext) and 0 < len(part.columns) <= MATRIX_PAGE_TASKS
        covered += [last_segment(c.link.href) for c in part.columns]
        rows = [r for g in part.groups for r in g.rows]
        assert rows and all(r.lead_total + r.responsible_total > 0 for r in rows)  # only departments with a role
        assignments += sum(r.lead_total + r.responsible_total for r in rows)
    assert covered == [t.id for t in duties.tasks]  # every task in exactly one part, in order
    assert assignments == len(duties.assignments)
    renderer = Renderer()
    for src in ("matrix.md", "matrix/actions-1.md"):
        assert renderer.render(pages[src])
