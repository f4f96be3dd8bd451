"""An Atom feed (RFC 4287) of the implementation records, for subscribers and aggregators.

Every value comes from the data, so the same data gives the same bytes whatever day the site is built.
Ids are UUIDs derived from the document number and the record id, so they never change once published.
Written here rather than with feedgen: feedgen 1.0.0 drops the rel, type and title of every entry link
(entry.py reuses the loop's name for the new element), so an entry's link to its source would become a
second rel="alternate", which RFC 4287 forbids; tests/test_opendata_feed.py reads this feed with feedparser.

Dates. Atom wants a full timestamp; the data has calendar days at best, so each entry is dated by the
day its source was published (the day it could first be read, which is also the earliest the record could
have been written), at DAY_TIME: 18:00 China time (10:00 UTC). That instant falls on the same calendar day
in every time zone from UTC−10 to UTC+13 — China, UTC, Europe, the Americas down to Hawaii, New Zealand
in summer — so no reader there shows a different day from the site; only UTC−11/−12 and UTC+14 (a few
Pacific islands) show the day before or after. No instant is the same day everywhere (the zones span 26
hours). A source dated only by month or year (the check allows it) is dated by the last day of that
period, but never after the build day: the day by which the source had certainly appeared. The entry's
summary prints both dates as precisely as the data gives them (2024年3月), and the entry has no
`published`: when a record was first put on the site is not in the data.

The `self` link is the feed's own address: absolute when mkdocs.yml's site_url is set; without it the
relative reference `feed.xml`, which RFC 3986 resolves against the feed's own address (the feed sits at the
site root) to that same address. Readers that keep an unresolved relative link cannot subscribe by it:
deployments set SITE_URL.
"""
from __future__ import annotations

import calendar
import datetime
import uuid
from xml.sax.saxutils import escape, quoteattr

from plansite import routes
from plansite.model import Plan, Progress, Record, Source, When
from plansite.plan.progress import Records
from plansite.plan.timeline import CHINA

MAX_ENTRIES = 50
DAY_TIME = datetime.time(18, 0)  # China time: 10:00 UTC, the same calendar day from UTC−10 to UTC+13


def last_day(when: When) -> datetime.date:
    """The last day of the period a date names (the day itself when it is one)."""
    if when.day is not None:
        return when.first_day
    month = when.month or 12
    return datetime.date(when.year, month, calendar.monthrange(when.year, month)[1])


def stamp(day: datetime.date) -> datetime.datetime:
    """A calendar day as a moment every reader from UTC−10 to UTC+13 shows on that same day."""
    return datetime.datetime.combine(day, DAY_TIME, CHINA)


def entry_day(source_date: When, today: datetime.date | None = None) -> datetime.date:
    """The day an entry is dated by: its source's publication day, or for a month or a year the last day
    of it, but not after the build day."""
    day = last_day(source_date)
    return min(day, today) if today is not None else day


def entry_id(plan: Plan, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"plansite:{plan.document.number or plan.document.plan_title}:{key}").urn


def link(links: routes.Links, site_url: str, src: str, anchor: str = "") -> str:
    """Absolute when mkdocs.yml sets site_url; otherwise relative to the feed, which sits at the site root."""
    path = links.url_of(src) + (f"#{anchor}" if anchor else "")
    return f"{site_url.rstrip('/')}/{path}" if site_url else (path or "./")


def self_link(site_url: str) -> str:
    """The feed's own address (see the module's note): absolute with site_url, else `feed.xml`."""
    return f"{site_url.rstrip('/')}/{routes.FEED}" if site_url else routes.FEED


def source_day(source: Source) -> When:
    """When the entry's source appeared: its date, or for a page without one, the day it was read."""
    when = source.date or source.accessed
    assert when is not None, "the check requires a source's date or the day it was read"
    return when


def atom(plan: Plan, progress: Progress, links: routes.Links, site_url: str = "",
         today: datetime.date | None = None) -> bytes:
    records = Records(plan, progress).newest_first[:MAX_ENTRIES]
    updated = max((entry_day(source_day(r.source), today) for r in progress.records), default=plan.document.date)
    title = f"{plan.document.plan_title} · 实施情况"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           f"<title>{escape(title)}</title>",
           f"<subtitle>{escape(plan.document.number or plan.document.plan_title)} 的实施记录：每条注明公开来源，摘要由本站编辑概括。</subtitle>",
           f"<id>{entry_id(plan, 'records')}</id>",
           f"<updated>{stamp(updated).isoformat()}</updated>",
           f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(links, site_url, routes.PROGRESS))}/>",
           f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_link(site_url))}/>",
           f"<author><name>{escape(plan.document.signatory)}（文件）· 本站编辑（实施记录）</name></author>"]
    for record in records:
        out.append(_entry(plan, record, links, site_url, today))
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _entry(plan: Plan, record: Record, links: routes.Links, site_url: str, today: datetime.date | None) -> str:
    s = record.source
    where = s.url or s.number or ""
    dated = f"{s.date.printed}发布" if s.date else f"未注明发布日期，{s.accessed.printed if s.accessed else ''}查阅"
    summary = f"{record.date.printed}：{record.summary}（来源：{s.publisher}《{s.title}》，{dated} {where}）"
    parts = ["<entry>",
             f"<title>{escape(record.title)}</title>",
             f"<id>{entry_id(plan, 'record/' + record.id)}</id>",
             f"<updated>{stamp(entry_day(source_day(s), today)).isoformat()}</updated>",
             f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(links, site_url, routes.PROGRESS, 'record-' + record.id))}/>"]
    if s.url:
        parts.append(f"<link rel=\"related\" href={quoteattr(s.url)} title={quoteattr(s.title)}/>")
    parts += [f"<summary>{escape(summary)}</summary>", "</entry>"]
    return "\n".join(parts)
