"""An Atom feed (RFC 4287) of the implementation records, for subscribers and aggregators.

Every value comes from the data: entries are dated by their source's publication date, the feed by
the newest of them, so the same data gives the same bytes whatever day the site is built. Ids are
UUIDs derived from the document number and the record id, so they never change once published.
"""
from __future__ import annotations

import datetime
import uuid
from xml.sax.saxutils import escape, quoteattr

from plansite import routes
from plansite.model import Plan, Progress, Record, Source, When
from plansite.plan.progress import Records
from plansite.plan.timeline import CHINA

MAX_ENTRIES = 50


def stamp(when: When) -> str:
    """RFC 3339 at midnight China time of the date's first day (a month or a year starts on its first day)."""
    return datetime.datetime.combine(when.first_day, datetime.time(), CHINA).isoformat()


def entry_id(plan: Plan, key: str) -> str:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"plansite:{plan.document.number or plan.document.plan_title}:{key}").urn


def link(links: routes.Links, site_url: str, src: str, anchor: str = "") -> str:
    """Absolute when mkdocs.yml sets site_url; otherwise relative to the feed, which sits at the site root."""
    path = links.url_of(src) + (f"#{anchor}" if anchor else "")
    return f"{site_url.rstrip('/')}/{path}" if site_url else (path or "./")


def source_day(source: Source) -> When:
    """When the entry's source appeared: its date, or for a page without one, the day it was read."""
    when = source.date or source.accessed
    assert when is not None, "the check requires a source's date or the day it was read"
    return when


def atom(plan: Plan, progress: Progress, links: routes.Links, site_url: str = "") -> bytes:
    records = Records(plan, progress).newest_first[:MAX_ENTRIES]
    updated = max((source_day(r.source) for r in progress.records), key=When.sort_key, default=None)
    title = f"{plan.document.plan_title} · 实施情况"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
           f"<title>{escape(title)}</title>",
           f"<subtitle>{escape(plan.document.number or plan.document.plan_title)} 的实施记录：每条注明公开来源，摘要由本站编辑概括。</subtitle>",
           f"<id>{entry_id(plan, 'records')}</id>",
           f"<updated>{stamp(updated) if updated else stamp(When(plan.document.date.year, plan.document.date.month, plan.document.date.day))}</updated>",
           f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(links, site_url, routes.PROGRESS))}/>",
           f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(link(links, site_url, routes.FEED) if site_url else routes.FEED)}/>",
           f"<author><name>{escape(plan.document.signatory)}（文件）· 本站编辑（实施记录）</name></author>"]
    for record in records:
        out.append(_entry(plan, record, links, site_url))
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _entry(plan: Plan, record: Record, links: routes.Links, site_url: str) -> str:
    s = record.source
    where = s.url or s.number or ""
    dated = f"{s.date.printed}发布" if s.date else f"未注明发布日期，{s.accessed.printed if s.accessed else ''}查阅"
    summary = f"{record.date.printed}：{record.summary}（来源：{s.publisher}《{s.title}》，{dated} {where}）"
    parts = ["<entry>",
             f"<title>{escape(record.title)}</title>",
             f"<id>{entry_id(plan, 'record/' + record.id)}</id>",
             f"<updated>{stamp(source_day(s))}</updated>",
             f"<published>{stamp(record.date)}</published>",
             f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link(links, site_url, routes.PROGRESS, 'record-' + record.id))}/>"]
    if s.url:
        parts.append(f"<link rel=\"related\" href={quoteattr(s.url)} title={quoteattr(s.title)}/>")
    parts += [f"<summary>{escape(summary)}</summary>", "</entry>"]
    return "\n".join(parts)
