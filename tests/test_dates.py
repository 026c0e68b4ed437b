"""The date grammar: moments in prose and stated timelines, resolved against a message's Date."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from watcher.dates import find_datetimes, find_duration, find_timeline, zone

NY = ZoneInfo("America/New_York")
REF = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=-5)))  # a Thursday


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("tomorrow at 2pm ET", datetime(2026, 11, 27, 14, 0, tzinfo=NY)),
        ("Tuesday, December 1 at 3:00 PM EST", datetime(2026, 12, 1, 15, 0, tzinfo=NY)),
        ("on Dec 1st from 3-4pm PT", datetime(2026, 12, 1, 15, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("Monday 7 December 2026, 10:00–11:00 GMT", datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)),
        ("next Tuesday at 10am", datetime(2026, 12, 1, 10, 0, tzinfo=REF.tzinfo)),
        ("Interview Date:12/08/2026\n\nInterview Time:10:00 AM - 11:00 AM Eastern Standard Time",
         datetime(2026, 12, 8, 10, 0, tzinfo=NY)),
        ("at 2:30 PM (GMT-05:00) Eastern Time (US & Canada) on Friday, December 4, 2026",
         datetime(2026, 12, 4, 14, 30, tzinfo=timezone(timedelta(hours=-5)))),
        ("Tuesday the 8th at 9am ET", datetime(2026, 12, 8, 9, 0, tzinfo=NY)),
        ("on the 2nd at 11:30am ET", datetime(2026, 12, 2, 11, 30, tzinfo=NY)),
        ("2026-12-08 14:00 UTC", datetime(2026, 12, 8, 14, 0, tzinfo=timezone.utc)),
        ("Wednesday, 10-11am PT", datetime(2026, 12, 2, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
        ("am Dienstag, 8. Dezember 2026 um 10:00 Uhr", datetime(2026, 12, 8, 10, 0, tzinfo=REF.tzinfo)),
        ("am 08.12.2026 um 14:30 Uhr", datetime(2026, 12, 8, 14, 30, tzinfo=REF.tzinfo)),
        ("Mittwoch, 2. Dezember, 9 Uhr", datetime(2026, 12, 2, 9, 0, tzinfo=REF.tzinfo)),
        ("December 1 at 14:00 Berlin time", datetime(2026, 12, 1, 14, 0, tzinfo=ZoneInfo("Europe/Berlin"))),
        ("Dec 1, 9:00 (Amsterdam)", datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))),
        ("8 Dec at 10.30 am (UK time)", datetime(2026, 12, 8, 10, 30, tzinfo=ZoneInfo("Europe/London"))),
    ],
)
def test_moments(text: str, start: datetime) -> None:
    found = find_datetimes(text, REF)
    assert found and found[0].start == start


def test_range_end_and_duration() -> None:
    f = find_datetimes("Thursday, December 3, 2026\n2:30 PM - 3:30 PM Central Time", REF)[0]
    assert f.end is not None and f.end - f.start == timedelta(hours=1)
    assert find_duration("a 45-minute video call") == timedelta(minutes=45)


def test_schedule_rows_take_the_date_above() -> None:
    text = ("Thursday, December 10, 2026\n10:00 AM - 10:45 AM Priscilla Hong\n10:45 AM - 11:30 AM Tomasz Kowalczyk\n"
            "11:30 AM - 12:15 PM Lunch")
    found = find_datetimes(text, REF, NY)
    assert [f.start.hour for f in found] == [10, 10, 11]
    assert found[-1].end == datetime(2026, 12, 10, 12, 15, tzinfo=NY)


def test_prices_and_bare_numbers_are_not_times() -> None:
    assert find_datetimes("costs $12.50 on Dec 3", REF) == []
    assert find_datetimes("see you at 3 on Friday", REF) == []


def test_time_without_zone_uses_the_default() -> None:
    f = find_datetimes("Friday, December 4 at 9:00", REF, NY)[0]
    assert f.start == datetime(2026, 12, 4, 9, 0, tzinfo=NY) and not f.explicit_zone


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We'll be in touch next Tuesday.", date(2026, 12, 1)),
        ("Harriet finishes interviews early next week, and we expect a decision by the end of next week.", date(2026, 12, 4)),
        ("We will get back to you within 5 business days.", date(2026, 12, 3)),
        ("You should hear from us by Friday.", date(2026, 11, 27)),
        ("We hope to have an update by December 10.", date(2026, 12, 10)),
        ("We'll let you know in the next two weeks.", date(2026, 12, 10)),
        ("I'll get back to you by Monday, December 14 at the latest.", date(2026, 12, 14)),
        ("We hope to have feedback for you by Friday.", date(2026, 11, 27)),
        ("We hope to have an answer for you by 12/14.", date(2026, 12, 14)),
        ("I'll follow up by EOD Tuesday.", date(2026, 12, 1)),
        ("We'll be in touch in the next 7-10 business days.", date(2026, 12, 10)),
        ("We aim to decide by mid-December.", date(2026, 12, 15)),
        ("We'll have a decision by the end of December.", date(2026, 12, 31)),
    ],
)
def test_timelines(text: str, expected: date) -> None:
    got = find_timeline(text, REF.date())
    assert got is not None and got[0] == expected


def test_no_timeline_without_a_cue() -> None:
    assert find_timeline("The office is closed next Tuesday.", REF.date()) is None


def test_zone_words() -> None:
    assert zone("Pacific Time") == ZoneInfo("America/Los_Angeles")
    assert zone("UTC+1") == timezone(timedelta(hours=1))
    assert zone("nowhere") is None


def test_schedule_rows_after_noon_without_am_pm() -> None:
    from watcher.dates import find_datetimes

    est = timezone(timedelta(hours=-5))
    text = "Schedule for Wednesday, December 16:\n10:00 - 10:45  A\n12:15 - 1:00  B\n1:00 - 1:45  C\n"
    found = find_datetimes(text, datetime(2026, 12, 11, 12, 0, tzinfo=est))
    assert [(f.start.hour, f.start.minute, f.end.hour if f.end else None) for f in found] == [
        (10, 0, 10), (12, 15, 13), (13, 0, 13)]


@pytest.mark.parametrize("text,expected", [
    ("We'll circle back Monday the 14th.", date(2026, 12, 14)),
    ("Expect a decision Thursday, the 17th.", date(2026, 12, 17)),
    ("We'll get back to you within two weeks.", date(2026, 12, 16)),
    ("We'll be in touch early January.", date(2027, 1, 10)),
    # common wordings that used to give no timeline (so a check-in came before it was up)
    ("We will get back to you in a couple of weeks.", date(2026, 12, 16)),
    ("We'll be in touch in a couple weeks.", date(2026, 12, 16)),
    ("We'll be in touch in a few weeks.", date(2026, 12, 23)),
    ("You'll hear from us in two to three weeks.", date(2026, 12, 23)),
    ("We'll get back to you in a week or two.", date(2026, 12, 16)),  # the upper bound
    ("We'll be in touch within a day or two.", date(2026, 12, 4)),
    ("We'll have a decision by the 15th.", date(2026, 12, 15)),
    ("We'll have a decision by the 1st.", date(2027, 1, 1)),
    ("We'll have a decision by the 15th of January.", date(2027, 1, 15)),
])
def test_more_timeline_phrases(text: str, expected: date) -> None:
    from watcher.dates import find_timeline

    found = find_timeline(text, date(2026, 12, 2))
    assert found is not None and found[0] == expected
