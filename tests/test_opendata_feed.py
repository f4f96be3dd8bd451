"""The records' Atom feed as feed readers take it (feedparser): its `self` address is the feed itself, and
every entry shows its source's publication day, the same day in UTC and in China's time zone.
(Newest first and stable ids: test_progress_site.py; hostile text: test_hostile_records.py; the address
with site_url set, served under a sub-path: test_publishing.py.)"""
from __future__ import annotations

import calendar
import datetime
import os
import time
import urllib.request
from pathlib import Path

import feedparser
import pytest

from plansite import routes
from plansite.data import project
from plansite.downloads import feed
from plansite.model import When

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(scope="module")
def data():
    return project.read(ROOT, TODAY)


def local_day(parsed: time.struct_time, zone: str) -> datetime.date:
    """The calendar day a reader in `zone` is shown for a moment feedparser gives (as UTC)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        t = time.localtime(calendar.timegm(parsed))
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
    return datetime.date(t.tm_year, t.tm_mon, t.tm_mday)


def test_the_self_link_fetched_from_where_the_feed_is_is_the_feed(site_dir, site_url):
    address = site_url + routes.FEED
    parsed = feedparser.parse(address)  # fetched as a reader fetches it; relative links resolved against it
    assert not parsed.bozo, parsed.get("bozo_exception")
    (self_href,) = [x.href for x in parsed.feed.links if x.rel == "self"]
    assert self_href == address
    assert urllib.request.urlopen(self_href).read() == (site_dir / routes.FEED).read_bytes()


@pytest.mark.parametrize("zone", ["UTC", "Asia/Shanghai"])
def test_each_entry_shows_its_sources_publication_day_in_utc_and_china(data, zone):
    progress = data.progress
    parsed = feedparser.parse(feed.atom(data.source.plan, progress, routes.Links(), "", TODAY))
    assert not parsed.bozo and len(parsed.entries) == len(progress.records)
    by_id = {feed.entry_id(data.source.plan, "record/" + r.id): r for r in progress.records}
    for entry in parsed.entries:
        record = by_id[entry.id]
        assert record.source.date.day is not None  # the real sources all give a full day
        assert local_day(entry.updated_parsed, zone) == record.source.date.first_day, record.id
        assert "published" not in entry  # when the record reached the site is not in the data
        assert {x.rel for x in entry.links} == ({"alternate", "related"} if record.source.url else {"alternate"})
    newest = max(r.source.date.first_day for r in progress.records)
    assert local_day(parsed.feed.updated_parsed, zone) == newest


def test_a_day_shows_as_that_day_from_utc_minus_10_to_plus_13():
    moment = feed.stamp(datetime.date(2024, 9, 26))
    for hours in range(-10, 14):
        assert moment.astimezone(datetime.timezone(datetime.timedelta(hours=hours))).date() == datetime.date(2024, 9, 26), hours
    assert moment.astimezone(datetime.timezone(datetime.timedelta(hours=14))).date() == datetime.date(2024, 9, 27)


def test_a_source_dated_by_month_or_year_dates_its_entry_by_the_periods_last_day_not_after_the_build():
    assert feed.entry_day(When(2024, 3)) == datetime.date(2024, 3, 31)
    assert feed.entry_day(When(2024, 2)) == datetime.date(2024, 2, 29)
    assert feed.entry_day(When(2023)) == datetime.date(2023, 12, 31)
    assert feed.entry_day(When(2026), TODAY) == TODAY
    assert feed.entry_day(When(2024, 9, 26), TODAY) == datetime.date(2024, 9, 26)
