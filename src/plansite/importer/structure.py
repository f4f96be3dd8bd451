"""Source (paragraphs + annex table, from any reader) → Draft: the plan in data/plan.yaml's shape.

Knows the family's shape, never a file format: the notice's head (版头, 文号, title over several lines,
addressees ending in ：, notice, signatory, date, （此件公开发布）), the plan's title and period, the preamble,
chapters 一、, sections （一）, numbered items 1., 提升行动 and 重点工程 with their measures (a measure's title is
its opening sentence), the annex's rows and its departments. What it doubts it marks 待核, what it cannot
find 待填 (draft.Review); it invents nothing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from plansite.importer import clean, departments, tables
from plansite.importer.draft import Commented, Draft, Flow, Raw, Review
from plansite.importer.errors import ImportFailure
from plansite.importer.ids import Ids, ordinal, pinyin
from plansite.importer.intermediate import Para, Repair, Source

NUMERALS = "一二三四五六七八九十"
CHAPTER_HEAD = re.compile(rf"^([{NUMERALS}]+、)\s*(.*)$")
SECTION_HEAD = re.compile(rf"^([（(])([{NUMERALS}]+)([）)])\s*(.*)$")
ITEM_HEAD = re.compile(r"^(\d+[.．、])\s*(.*)$")
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号$")
DOC_NUMBER_IN = re.compile(r"[\u4e00-\u9fff]{1,10}\s*[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d+\s*号")
DATE_IN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
PERIOD = re.compile(r"[（(\[［]\s*(\d{4})\s*[—–\-－―~～至]+\s*(\d{4})\s*年?\s*[）)\]］]")
ITEM_YEARS = re.compile(r"^(\d{4})(?:—(\d{4}))?年")
ATTACHMENT = re.compile(r"^附\s*件\s*[0-9]*\s*[：:]\s*(.+)$")
ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0}
TITLE_STOP = "，,；;：:"
ISSUER_ENDINGS = ("办公室", "办公厅", "人民政府", "政府", "国务院", "委员会", "管委会")
ADDRESSEE_WORDS = ("人民政府", "各", "部门", "单位", "机构", "办事处", "委员会", "管委会")


def is_addressees(text: str) -> bool:
    """各街道办事处，各乡镇人民政府，区政府各部门，有关单位：（not a page's “发文内容:” label）"""
    return text.endswith(("：", ":")) and len(text) >= 6 and any(w in text for w in ADDRESSEE_WORDS)
LEAD_WORDS = ("牵头",)
RESP_WORDS = ("责任", "配合", "参与", "协同", "协办")
TASK_WORDS = ("任务", "工作", "内容", "行动", "工程", "事项")


def zh_number(text: str) -> int:
    """十 → 10, 十六 → 16, 二十 → 20 (months and days in Chinese numerals)."""
    if "十" not in text:
        return ZH_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (ZH_DIGITS[tens] if tens else 1) * 10 + (ZH_DIGITS[ones] if ones else 0)


def parse_date(text: str) -> str | None:
    """2022年4月16日 / 二〇二二年四月十六日 → 2022-04-16."""
    text = re.sub(r"\s+", "", text)
    m = clean.DATE.match(text)
    if m:
        y, mo, d = (int(x) for x in m.groups())
    else:
        z = clean.ZH_DATE.match(text)
        if not z:
            return None
        y = int("".join(str(ZH_DIGITS[c]) for c in z.group(1)))
        mo, d = zh_number(z.group(2)), zh_number(z.group(3))
    try:
        import datetime

        return datetime.date(y, mo, d).isoformat()
    except ValueError:
        return None


def opening(text: str) -> tuple[str, str] | None:
    """A measure's or item's title: its opening sentence, when that is a short heading-like phrase (up to
    the first 。, no comma, colon or semicolon, quotes balanced) and text follows it (or it stands alone)."""
    at = text.find("。")
    if at < 1:
        return None
    title = text[: at + 1]
    if len(title) > 32 or any(c in title for c in TITLE_STOP):
        return None
    if title.count("“") != title.count("”") or title.count("（") != title.count("）") or title.count("《") != title.count("》"):
        return None
    return title, text[at + 1:]


def label(title: str) -> str:
    return title.removesuffix("。")


@dataclass
class Part:
    """A heading of the body with what follows it, before it is known to be a section or a task."""
    number: str
    title: str
    at: int  # paragraph index of the heading
    paragraphs: list[int] = field(default_factory=list)  # indexes into the paragraph list
    inline: str = ""  # text printed after the title on the heading's own line


class Structurer:
    def __init__(self, source: Source):
        self.source = source
        self.paras: list[Para] = source.paragraphs
        self.texts: list[str] = [p.text for p in source.paragraphs]
        self.owner: dict[int, str] = {}  # paragraph index → where its repairs are noted (an id, preamble …)
        self.ids = Ids()
        self.remarks: list[str] = list(source.remarks)
        self.notes: list[dict] = []
        self.counts: dict[str, int] = {}
        self.level = ""
        self.tasks_by_kind: dict[str, list[dict]] = {"action": [], "project": []}
        self.words: dict = {}
        self.annex_level = ""  # the level the annex's department names start with (区委…, 县教育局 …)
        self.jurisdiction_name = ""

    # ── the whole document ─────────────────────────────────────────────────────────────────
    def run(self) -> Draft:
        body = next((i for i, t in enumerate(self.texts) if CHAPTER_HEAD.match(t) and len(t) < 60), None)
        if body is None:
            self.fail_not_a_plan()
        assert body is not None
        end = self.body_end(body)
        document, front_owner, preamble = self.front(body, end)
        self.owner.update(front_owner)
        jurisdiction = self.jurisdiction(document)
        chapters = self.chapters(body, end)
        tree: dict = {"document": document, "preamble": preamble, "chapters": chapters}
        annex_part = self.annex(chapters, end)
        tree.update(annex_part)
        if isinstance(jurisdiction.get("level"), Review) and self.annex_level and not self.jurisdiction_name:
            jurisdiction = {"level": Review("待核", f"标题中没有行政区划；附件中的部门名称多以“{self.annex_level}”开头，"
                                                    f"暂定为{self.annex_level}：请确认", self.annex_level, path="jurisdiction.level")}
        notes = self.make_notes()
        if notes:
            tree["notes"] = notes
        if jurisdiction:
            tree["jurisdiction"] = jurisdiction
        if self.words:
            tree["words"] = self.words
        title = document.get("plan_title")
        number = document.get("number")
        return Draft(tree, self.counts, notes, self.remarks,
                     title if isinstance(title, str) else "", number if isinstance(number, str) else "")

    def fail_not_a_plan(self) -> None:
        text = "\n".join(self.texts)
        found = []
        number = DOC_NUMBER_IN.search(text)
        if number:
            found.append("文号 " + re.sub(r"\s+", "", number.group()))
        title = re.search(r"(?:(?<=号)|^)([\u4e00-\u9fff]{2,30}?关于印发.+?的通知)", text, re.M)
        if title:
            found.append(f"通知标题 {title.group(1)}")
        date = DATE_IN.search(text)
        if date:
            found.append(f"成文日期 {date.group()}")
        disclosure = re.search(r"[（(]\s*(此件[^）)]*?)\s*[）)]", text)
        if disclosure:
            found.append(f"公开方式 {disclosure.group(1)}")
        heading = re.search(rf"[{NUMERALS}]、", text)
        hint = "如果原件是扫描件或排版特殊的网页，请改用 Word 版或 PDF 版再试"
        if heading:
            hint = ("文中有“一、”，但不在段首：这份文本的分段丢了（例如整篇在一行里）。请改用原件的 PDF、Word 或网页版再试")
        raise ImportFailure(self.source.file, "不是这一类实施方案的结构：没有找到以“一、”开头的正文部分",
                            expected="正文分为“一、”“二、”……各部分的实施方案",
                            found=("读到" + "，".join(found) + "，但没有段首的“一、”") if found else f"{len(self.texts)} 段文字，没有一段以“一、”开头",
                            hint=hint)

    def body_end(self, body: int) -> int:
        for i in range(body, len(self.texts)):
            t = self.texts[i]
            if ATTACHMENT.match(t) or re.fullmatch(r"附\s*件\s*[0-9]*", t):
                return i
        return len(self.texts)

    # ── the notice and the plan's title ───────────────────────────────────────────────────────
    def front(self, body: int, end: int) -> tuple[dict, dict[int, str], list]:
        texts = self.texts[:body]
        owner: dict[int, str] = {}
        date_at = next((i for i, t in enumerate(texts) if parse_date(t)), None)
        addressee_at = next((i for i, t in enumerate(texts) if is_addressees(t)), None)
        titles = [i for i, t in enumerate(texts) if re.search(r"的通知$|关于印发.*通知", t)]
        before = [i for i in titles if addressee_at is None or i < addressee_at]
        title_at = before[-1] if before else (titles[0] if titles else None)
        number_at = next((i for i, t in enumerate(texts) if DOC_NUMBER.match(re.sub(r"\s+", "", t))), None)
        disclosure_at = next((i for i, t in enumerate(texts) if clean.DISCLOSURE.match(t)), None)
        doc: dict = {}
        # 版头: …文件, before the title
        limit = title_at if title_at is not None else (date_at or 0)
        letterhead_at = next((i for i in reversed(range(limit)) if texts[i].endswith("文件") and len(texts[i]) <= 40
                              and not re.search(r"[\s>＞»:：/]", texts[i])), None)  # not a page's 当前位置 line
        if letterhead_at is not None:
            doc["letterhead"] = texts[letterhead_at]
        if number_at is not None:
            doc["number"] = re.sub(r"\s+", "", texts[number_at])
        elif (found := next((m for t in texts[: addressee_at or len(texts)] if (m := DOC_NUMBER_IN.search(t))),
                            None)) is not None:
            doc["number"] = re.sub(r"\s+", "", found.group())  # from a page's 发文字号 line
        # the notice's title, possibly printed over several lines (each its own paragraph in some formats)
        used: set[int] = {i for i in (letterhead_at, number_at) if i is not None}
        if title_at is not None:
            first = title_at
            while first > 0:
                current, previous = texts[first], texts[first - 1]
                if "关于" in current and not current.startswith("关于"):
                    break  # the issuer is already on this line
                if first - 1 in used or first - 1 == date_at or not self.is_title_piece(previous):
                    break
                if current.startswith("关于") and not previous.endswith(ISSUER_ENDINGS):
                    break
                first -= 1
            pieces = [p for i in range(first, title_at + 1) for p in (self.paras[i].lines or (texts[i],))]
            pieces[0] = re.sub(r"^[\u4e00-\u9fff]{2,6}\s*[：:]\s*", "", pieces[0])  # a page's 标题： label
            doc["notice_title"] = "".join(pieces)
            if len(pieces) > 1:
                self.notes.append({"kind": "line_break", "where": "document.notice_title", "printed": Flow(pieces),
                                   "normalised": "".join(pieces)})
            used.update(range(first, title_at + 1))
        else:
            doc["notice_title"] = Review("待填", "没有找到通知标题（“……关于印发……的通知”）：请照原件填写", path="document.notice_title")
        after_title = (title_at + 1) if title_at is not None else 0
        addressees_at = next((i for i in range(after_title, (date_at if date_at is not None else len(texts)))
                              if is_addressees(texts[i]) and i not in used), None)
        if addressees_at is not None:
            doc["addressees"] = texts[addressees_at]
            owner[addressees_at] = "document.addressees"
        else:
            doc["addressees"] = Review("待填", "没有找到主送机关（以冒号结尾的一行）：请照原件填写", path="document.addressees")
        # notice text: after the addressees, up to the signatory or the date
        start = (addressees_at + 1) if addressees_at is not None else after_title
        stop = date_at if date_at is not None else len(texts)
        signatory_at = None
        if date_at is not None and date_at - 1 >= start and not clean.ends_sentence(texts[date_at - 1]) \
                and len(texts[date_at - 1]) <= 40:
            signatory_at = date_at - 1
            stop = signatory_at
        notice = [i for i in range(start, stop) if i not in used and i != disclosure_at]
        if notice:
            doc["notice"] = "".join(texts[i] for i in notice)
            if len(notice) > 1:
                doc["notice"] = Review("待核", f"通知正文印成了 {len(notice)} 段，已连成一段：请对照原件确认", doc["notice"],
                                       path="document.notice")
            for i in notice:
                owner[i] = "document.notice"
        else:
            doc["notice"] = Review("待填", "没有找到通知正文：请照原件填写", path="document.notice")
        doc["signatory"] = texts[signatory_at] if signatory_at is not None else Review(
            "待填", "没有找到落款（成文日期上面一行的发文机关）：原件没有印落款时，填发文机关的名称", path="document.signatory")
        date = parse_date(texts[date_at]) if date_at is not None else None
        doc["date"] = Raw(date) if date else Review("待填", "没有找到成文日期：照原件写作 YYYY-MM-DD", path="document.date")
        if disclosure_at is not None:
            m = clean.DISCLOSURE.match(texts[disclosure_at])
            assert m is not None
            doc["disclosure"] = m.group(1)
        # the plan's title: after the notice's tail, the lines before the first paragraph that ends a sentence
        tail = max(i for i in (date_at, disclosure_at, signatory_at, addressees_at, title_at, number_at, -1) if i is not None)
        title_lines = []
        i = tail + 1
        while i < body and not clean.ends_sentence(texts[i]) and len(texts[i]) < 80:
            title_lines.append(i)
            i += 1
        preamble_idx = list(range(i, body))
        if title_lines:
            pieces = [p for j in title_lines for p in (self.paras[j].lines or (texts[j],))]
            doc["plan_title"] = "".join(pieces)
            if len(pieces) > 1:
                self.notes.append({"kind": "line_break", "where": "document.plan_title", "printed": Flow(pieces),
                                   "normalised": "".join(pieces)})
        else:
            doc["plan_title"] = Review("待填", "没有找到实施方案的标题：请照原件填写", path="document.plan_title")
        period = None
        for candidate in (doc.get("plan_title"), doc.get("notice_title")):
            if isinstance(candidate, str) and (m := PERIOD.search(candidate)):
                period = (int(m.group(1)), int(m.group(2)))
                break
        if period and period[0] <= period[1]:
            doc["period"] = {"start": period[0], "end": period[1]}
        else:
            why = "标题里没有写明规划期（如“（2021—2025年）”）：请照原件填写起止年份"
            doc["period"] = {"start": Review("待填", why, path="document.period.start"),
                             "end": Review("待填", why, path="document.period.end")}
        preamble: list = [texts[j] for j in preamble_idx]
        for j in preamble_idx:
            owner[j] = "preamble"
        based_on = self.based_on(preamble)
        if based_on:
            doc["based_on"] = based_on
        attachment = next((ATTACHMENT.match(t) for t in self.texts[end:end + 1] if ATTACHMENT.match(t)), None)
        if attachment:
            doc["attachment_title"] = attachment.group(1).strip()
        elif self.source.table is not None:
            title = next((t for t in self.texts[end:] if not re.fullmatch(r"附\s*件\s*[0-9]*", t)), None)
            doc["attachment_title"] = title or Review("待填", "有附件分工表，但没有找到附件名称：请照原件填写",
                                                      path="document.attachment_title")
        if not preamble:
            preamble = [Review("待填", "标题和“一、”之间没有找到开头段落：请照原件填写", path="preamble[0]")]
        order = ["letterhead", "number", "notice_title", "addressees", "notice", "signatory", "date", "disclosure",
                 "plan_title", "period", "based_on", "attachment_title"]
        self.counts["based_on"] = len(based_on)
        return {k: doc[k] for k in order if k in doc}, owner, preamble

    @staticmethod
    def is_title_piece(text: str) -> bool:
        """A line that can belong to a title printed over several lines."""
        return (len(text) < 40 and not clean.ends_sentence(text) and not text.endswith(("：", ":"))
                and not DOC_NUMBER.match(text) and not text.endswith("文件") and not clean.DISCLOSURE.match(text))

    def based_on(self, preamble: list) -> list[dict]:
        out: list[dict] = []
        ids = Ids()
        text = "".join(p for p in preamble if isinstance(p, str))
        for m in re.finditer(r"《([^《》]+)》(?:[（(]([^（）()]*)[）)])?", text):
            title, paren = m.group(1), m.group(2) or ""
            if any(title == r["title"] for r in out):
                continue
            number = DOC_NUMBER_IN.search(paren) or (re.search(r"[\u4e00-\u9fff]{1,10}[〔\[［]\d{4}[〕\]］]\d+号", paren))
            entry: dict = {}
            if number:
                num = re.sub(r"\s+", "", number.group())
                year = re.search(r"\d{4}", num)
                serial = re.search(r"(\d+)号$", num)
                prefix = re.match(r"[\u4e00-\u9fff]+", num)
                wanted = "-".join(x for x in (pinyin(prefix.group(), 4)[:12] if prefix else "", year.group() if year else "",
                                              f"no{serial.group(1)}" if serial else "") if x)
                entry["id"] = ids.take(wanted, "basis")
                entry["number"] = num
            else:
                entry["id"] = ids.take(pinyin(re.sub(r"^.*?关于印发", "", title), 6), "basis")
            entry["title"] = title
            out.append(entry)
        return out

    # ── jurisdiction ────────────────────────────────────────────────────────────────────────
    def jurisdiction(self, doc: dict) -> dict:
        title = next((t for t in (doc.get("plan_title"), doc.get("notice_title")) if isinstance(t, str)), "")
        prefix = re.split(r"全民科学素质|科学素质|全民科学", title)[0] if title else ""
        prefix = re.sub(r"^.*?关于印发《?", "", prefix)
        m = re.search(r"([^省市区县州]{1,8}?(?:自治县|区|县|市|省))$", prefix)
        name = m.group(1) if m else ""
        self.jurisdiction_name = name
        level = "县" if name.endswith("自治县") else (name[-1:] if name else "")
        if level in ("区", "县", "市"):
            self.level = level
            return {"level": level, "name": name}
        why = ("本网站支持区、县、市的实施方案；" + (f"这份文件的发文层级是“{name}”，" if name else "没有从标题中读出行政区划，")
               + "请填写 区、县 或 市 之一（省级或国家级文件需要先扩展网站）")
        self.remarks.append(f"没有从标题中确定行政区划（{name or '标题中没有地名'}）：见 jurisdiction.level。")
        return {"level": Review("待填", why, path="jurisdiction.level")}

    # ── the body ───────────────────────────────────────────────────────────────────────────
    def chapters(self, body: int, end: int) -> list:
        groups: list[tuple[int, list[int]]] = []
        for i in range(body, end):
            if CHAPTER_HEAD.match(self.texts[i]) and len(self.texts[i]) < 60:
                groups.append((i, []))
            else:
                groups[-1][1].append(i)
        out = []
        for n, (at, members) in enumerate(groups, 1):
            m = CHAPTER_HEAD.match(self.texts[at])
            assert m is not None
            chapter: dict = {"id": self.ids.take(pinyin(short(m.group(2)), 6), f"part-{ordinal(n)}"), "number": m.group(1),
                             "title": m.group(2)}
            self.owner[at] = chapter["id"]
            self.fill_chapter(chapter, members)
            out.append(chapter)
        self.counts["chapters"] = len(out)
        return out

    def fill_chapter(self, chapter: dict, members: list[int]) -> None:
        parts: list[Part] = []
        plain: list[int] = []
        for i in members:
            m = SECTION_HEAD.match(self.texts[i])
            if m and (len(self.texts[i]) < 60 or opening(m.group(4))):
                number = f"（{m.group(2)}）"
                if m.group(1) != "（" or m.group(3) != "）":
                    self.remarks.append(f"{self.paras[i].where}：序号“{m.group(1)}{m.group(2)}{m.group(3)}”用的是半角括号，"
                                        f"草稿写作“{number}”（序号的写法要求全角括号）。")
                rest = m.group(4)
                title, inline = rest, ""
                if len(rest) >= 60 or "。" in rest[:-1]:
                    split = opening(rest)
                    if split and split[1]:
                        title, inline = split
                parts.append(Part(number, title, i, inline=inline))
            elif parts:
                parts[-1].paragraphs.append(i)
            else:
                plain.append(i)
        for i in plain:
            self.owner[i] = chapter["id"]
        if plain:
            chapter["paragraphs"] = [self.texts[i] for i in plain]
        kinds = [self.task_kind(p.title) for p in parts]
        if parts and all(kinds):
            chapter["tasks"] = [self.task(p, k) for p, k in zip(parts, kinds, strict=True) if k]
        elif parts:
            chapter["sections"] = [self.section(p, chapter["id"]) for p in parts]

    @staticmethod
    def task_kind(title: str) -> str | None:
        core = label(title)
        if core.endswith("行动"):
            return "action"
        if core.endswith("工程"):
            return "project"
        return None

    def section(self, part: Part, chapter_id: str) -> dict:
        section: dict = {"id": self.ids.take(pinyin(short(label(part.title)), 6), f"{chapter_id}-part"), "number": part.number,
                         "title": part.title}
        self.owner[part.at] = section["id"]
        paragraphs: list = []
        items: list[dict] = []
        if part.inline:
            paragraphs.append(part.inline)
        for i in part.paragraphs:
            text = self.texts[i]
            m = ITEM_HEAD.match(text)
            if m and m.group(2):
                items.append(self.item(m.group(1), m.group(2), i, section["id"], len(items) + 1))
            elif items:
                self.owner[i] = items[-1]["id"]
                items[-1]["paragraphs"].append(Review(
                    "待核", "这一段不以序号开头，已接在上一条目之后：请对照原文确认它属于上一条目，然后删去“待核：”",
                    text, path=f"{section['id']}"))
            else:
                self.owner[i] = section["id"]
                paragraphs.append(text)
        if paragraphs:
            section["paragraphs"] = paragraphs
        if items:
            section["items"] = items
            self.counts["items"] = self.counts.get("items", 0) + len(items)
        if not paragraphs and not items:
            section["paragraphs"] = [Review("待填", "这一小节下没有找到正文：请照原件填写", path=section["id"])]
        return section

    def item(self, number: str, rest: str, at: int, section_id: str, n: int) -> dict:
        item: dict = {"id": self.ids.take(f"{section_id}-{ordinal(n)}", "item"), "number": number}
        self.owner[at] = item["id"]
        split = opening(rest)
        if split and split[1]:
            title, text = split
            item["title"] = title
        else:
            item["title"] = Review("待填", "条目开头没有以句号结束的短句可作标题：请对照原件填写标题（连同句号），"
                                         "并从下面的正文中删去这一句", path=item["id"])
            text = rest
        years = ITEM_YEARS.match(text)
        if years:
            start = int(years.group(1))
            item["period"] = {"start": start, "end": int(years.group(2) or start)}
        item["paragraphs"] = [text]
        return item

    def task(self, part: Part, kind: str) -> dict:
        core = label(part.title)
        group = re.sub(r"^实施", "", core)
        group = re.sub(r"(科学素质|素质)?(提升|能力提升)?行动$", "", group) if kind == "action" else group
        wanted = pinyin(group, 8) if kind == "action" else pinyin(re.sub(r"工程$", "", group), 6)
        task: dict = {"id": self.ids.take(wanted, f"{kind}-{ordinal(len(self.tasks_by_kind[kind]) + 1)}"), "kind": kind,
                      "number": part.number, "title": part.title}
        self.owner[part.at] = task["id"]
        if kind == "action":
            task["target_group"] = group if group and group != core else Review(
                "待填", "没有从标题读出面向人群（如“实施青少年科学素质提升行动”中的“青少年”）：请填写", path=task["id"])
        members = list(part.paragraphs)
        texts = ([part.inline] if part.inline else []) + [self.texts[i] for i in members]
        indexes = ([part.at] if part.inline else []) + members
        intro: object
        if texts and not opening(texts[0]):
            intro = texts[0]
            self.owner[indexes[0]] = task["id"]
            texts, indexes = texts[1:], indexes[1:]
        else:
            intro = Review("待填", "标题下第一段就是一项措施，没有找到导语段落：原件没有导语时，请照原件确认后填写", path=task["id"])
        task["intro"] = intro
        measures: list[dict] = []
        for text, i in zip(texts, indexes, strict=True):
            split = opening(text)
            if split is not None:
                title, rest = split
                measure: dict = {"id": self.ids.take(f"{task['id']}-{ordinal(len(measures) + 1)}", "measure"), "title": title,
                           "paragraphs": [rest] if rest else []}
                measures.append(measure)
                self.owner[i] = measure["id"]
            elif measures:
                self.owner[i] = measures[-1]["id"]
                if not measures[-1]["paragraphs"]:  # a title printed as a paragraph of its own: this is its text
                    measures[-1]["paragraphs"].append(text)
                else:
                    measures[-1]["paragraphs"].append(Review(
                        "待核", "这一段开头不是小标题，已接在上一项措施之后：请对照原文确认它是上一措施的续段（而不是丢了"
                               "小标题的另一项措施），然后删去“待核：”", text, path=measures[-1]["id"]))
            else:
                measures.append({"id": self.ids.take(f"{task['id']}-{ordinal(1)}", "measure"),
                                 "title": Review("待填", "这一段开头不是以句号结束的短句，找不到措施标题：请照原件填写", path=task["id"]),
                                 "paragraphs": [text]})
                self.owner[i] = measures[-1]["id"]
        for measure in measures:
            if not measure["paragraphs"]:
                measure["paragraphs"] = [Review("待填", "这项措施只有标题，没有找到正文：请照原件填写", path=measure["id"])]
        if not measures:
            measures = [{"id": self.ids.take(f"{task['id']}-{ordinal(1)}", "measure"),
                         "title": Review("待填", "这项任务下没有找到措施：请照原件填写", path=task["id"]),
                         "paragraphs": [Review("待填", "措施正文", path=task["id"])]}]
        task["measures"] = measures
        self.counts["measures"] = self.counts.get("measures", 0) + len(measures)
        self.tasks_by_kind[kind].append(task)
        return task

    # ── the annex and the departments ─────────────────────────────────────────────────────────

    def annex(self, chapters: list, end: int) -> dict:
        table = self.source.table
        tasks = self.tasks_by_kind["action"] + self.tasks_by_kind["project"]
        self.counts["actions"] = len(self.tasks_by_kind["action"])
        self.counts["projects"] = len(self.tasks_by_kind["project"])
        if table is None:
            self.words = {}
            why = ("没有找到附件分工表，无法从中登记部门：请照附件登记部门（每个部门一条：id、name、kind）"
                   "并补上 annex；附件另行发布时，下载附件后照录")
            self.remarks.append("没有找到附件分工表：草稿没有 annex，departments 待填。")
            self.counts["assignments"] = 0
            self.counts["departments"] = 0
            return {"departments": [{"id": Review("待填", why, path="departments[0]"), "name": Review("待填", "部门规范名称（附件中出现最多的写法）"),
                                     "kind": Review("待填", "部门类别：区委部门、区政府部门、群团组织或其他（县、市的方案写县委部门……）")}]}
        header = table.header
        lead_col = next((i for i, h in enumerate(header) if any(w in h for w in LEAD_WORDS)), None)
        resp_col = next((i for i, h in enumerate(header) if i != lead_col and any(w in h for w in RESP_WORDS)), None)
        task_col = next((i for i, h in enumerate(header) if i not in (lead_col, resp_col) and any(w in h for w in TASK_WORDS)), None)
        cat_col = next((i for i, h in enumerate(header) if i not in (lead_col, resp_col, task_col)
                        and any(w in h for w in tables.CATEGORY_WORDS)), None)
        number_col = next((i for i, h in enumerate(header) if "序号" in h), None)
        if lead_col is None or task_col is None:
            raise ImportFailure(self.source.file, "附件表格的表头认不出来", expected="含“牵头部门（单位）”和任务一栏的表头",
                                found="、".join(header), hint="请检查附件表格，或先删去附件再导入正文")
        words: dict = {"department": "单位" if header[lead_col].endswith("单位") else "部门", "lead": header[lead_col]}
        if resp_col is not None:
            words["responsible"] = header[resp_col]
        if cat_col is not None:
            words["category"] = header[cat_col]
        words["task"] = header[task_col]
        self.words = words
        rows = []
        printed: list[str] = []
        for cells in table.rows:
            lead = split_names(cells[lead_col])
            resp = split_names(cells[resp_col]) if resp_col is not None else []
            printed += lead + resp
            number_cell = cells[number_col] if number_col is not None else ""
            rows.append((cells[cat_col] if cat_col is not None else "", f"{number_cell}. {cells[task_col]}"
                         if re.fullmatch(r"\d+", number_cell) else cells[task_col], lead, resp))
        level = self.level or majority_level(printed)
        self.annex_level = level
        depts, index = departments.registry(printed, level)
        by_id = {d.id: d for d in depts}
        annex = []
        ordinal_in: dict[str, int] = {}
        assigned = 0
        for category, task_cell, lead, resp in rows:
            name = re.sub(r"^\s*\d+\s*[.．、]\s*", "", task_cell).strip()
            number = re.match(r"^\s*(\d+)", task_cell)
            kind = "action" if "行动" in category else "project" if "工程" in category else self.task_kind(name)
            ordinal_in[kind or ""] = ordinal_in.get(kind or "", 0) + 1
            task = next((t for t in tasks if label(t["title"]) == label(name)), None)
            row: dict = {}
            if task is None and kind:
                pos = int(number.group(1)) if number else ordinal_in[kind]
                candidates = self.tasks_by_kind[kind]
                task = candidates[pos - 1] if 0 < pos <= len(candidates) else None
            if task is not None:
                row["task"] = task["id"]
                if label(name) != label(task["title"]):
                    row["printed_title"] = name
                    self.notes.append({"kind": "wording", "where": task["id"], "printed": Flow([label(task["title"]), name]),
                                       "explanation": f"正文作“{label(task['title'])}”，附件任务分工表作“{name}”。照录两处原文，"
                                                      "任务名称以正文为准，附件写法见 annex 中的 printed_title。"})
            else:
                row["task"] = Review("待填", f"附件中的任务“{name}”在正文里找不到对应的提升行动或重点工程：请填写任务 id",
                                     path="annex")
            row["lead"] = Flow([ref(n, index, by_id) for n in lead]) if lead else Flow(
                [Review("待填", "这一行没有读到牵头部门：请照原件填写部门 id", path="annex")])
            if resp:
                row["responsible"] = Flow([ref(n, index, by_id) for n in resp])
            assigned += len(lead) + len(resp)
            annex.append(row)
        self.counts["assignments"] = assigned
        self.counts["departments"] = len(depts)
        self.counts["printed_names"] = len(set(printed))
        for task in tasks:
            if not any(r["task"] == task["id"] for r in annex):
                self.remarks.append(f"任务“{label(task['title'])}”在附件中没有分工行：check 会要求补上。")
        registry = []
        for kind in department_kind_order(level, [d.kind for d in depts]):
            members = [d for d in depts if d.kind == kind]
            for k, d in enumerate(members):
                entry: dict = {"id": d.id, "name": d.name,
                               "kind": Review("待核", d.kind_doubt + "：请确认类别", d.kind, path=f"departments.{d.id}")
                               if d.kind_doubt else d.kind}
                if d.variants:
                    entry["variants"] = Flow([Review("待核", f"{d.doubted[v]}：请对照原文确认是同一部门；确是同一部门就删去"
                                                            f"“待核：”，不是就把它登记成另一个部门并改 annex 中的引用",
                                                     v, path=f"departments.{d.id}.variants") if v in d.doubted else v
                                              for v in d.variants])
                    for v in d.doubted:
                        self.notes.append({"kind": "wording", "where": "departments", "printed": Flow([d.name, v]),
                                           "explanation": "附件中同一部门的不同写法合并为一个部门（见 departments 的 variants），"
                                                          "按原文写法照录于 annex。"})
                registry.append(Commented(entry, [f"# {kind}"]) if k == 0 else entry)
        return {"departments": registry, "annex": annex}

    # ── notes ────────────────────────────────────────────────────────────────────────────────
    def make_notes(self) -> list[dict]:
        out: dict[str, list[dict]] = {"page_break": [], "stray_space": [], "line_break": [], "repeated_header": [], "wording": []}
        for repair in self.source.repairs:
            if repair.kind in ("page_break", "stray_space") and repair.para is not None:
                where = self.owner.get(repair.para)
                if where is None:
                    continue
                note: dict = {"kind": repair.kind, "where": where, "printed": Flow(list(repair.printed)),
                              "normalised": repair.normalised}
                out[repair.kind].append(note)
        repeated = [r for r in self.source.repairs if r.kind == "repeated_header"]
        if repeated and self.source.table is not None:
            out["repeated_header"].append({
                "kind": "repeated_header", "where": "annex", "printed": Flow(list(repeated[0].printed)),
                "explanation": "附件表格跨页时重复印出的表头只保留一次。"})
        for note in self.notes:
            out[note["kind"]].append(note)
        return [n for kind in out.values() for n in kind]


def short(title: str) -> str:
    """The head of a title for its id: 指导思想和工作目标 → 指导思想."""
    return re.split(r"[和与及、，,]", title)[0] or title


def split_names(cell: str) -> list[str]:
    """区教委、区科协 → two names; a 、 inside parentheses does not split."""
    names, depth, current = [], 0, ""
    for ch in cell.replace("\n", ""):
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、，,；;":
            names.append(current)
            current = ""
        else:
            current += ch
    names.append(current)
    return [clean.strip(n) for n in names if clean.strip(n)]


def ref(name: str, index: dict[str, str], by_id: dict) -> object:
    dept_id = index[name]
    return dept_id if by_id[dept_id].name == name else {"id": dept_id, "printed": name}


def majority_level(names: list[str]) -> str:
    firsts = [n[0] for n in names if n[:1] in ("区", "县", "市")]
    return max(("区", "县", "市"), key=firsts.count) if firsts else ""


def department_kind_order(level: str, present: list[str]) -> list[str]:
    lv = level or "区"
    order = [f"{lv}委部门", f"{lv}政府部门", "群团组织", "其他"]
    return order + [k for k in dict.fromkeys(present) if k not in order]


def structure(source: Source) -> Draft:
    return Structurer(source).run()


__all__ = ["structure", "Repair"]
