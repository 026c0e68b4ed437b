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
    assert find_datetimes("meet at 10 in the lobby on Friday", REF) == []
    assert find_datetimes("at 3 Main Street tomorrow", REF) == []


@pytest.mark.parametrize(("text", "hour", "days"), [
    ("you're confirmed for tomorrow at 10 with our CTO", 10, 1),
    ("see you at 10 tomorrow", 10, 1),
    ("see you at 3 on Friday", 15, 1),  # REF is a Thursday; 1-6 is the afternoon
    ("this Friday at 4 ET", 16, 1),
    ("Thursday at 12", 12, 7),
])
def test_a_bare_hour_right_next_to_a_day_is_a_time_of_the_working_day(
        text: str, hour: int, days: int) -> None:
    (f,) = find_datetimes(text, REF)
    assert (f.start.hour, f.start.minute) == (hour, 0)
    assert f.start.date() == REF.date() + timedelta(days=days)


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


@pytest.mark.parametrize("text", [
    "We will get back to you by December 31, 9999.",
    "We expect to make a decision by 12/31/9999.",
    "We will be in touch by 9999-12-31 with next steps.",
    "We'll have an answer for you by 31.12.9999.",
    "We will get back to you by December 31, 2099.",
])
def test_a_date_decades_away_is_no_timeline(text: str) -> None:
    """review22b: 'by December 31, 9999' was a stated timeline, and once the thank-you was sent
    planning the check-in after it overflowed (OverflowError out of state.plan, out of every
    pass and status). No one promises an answer years ahead: more than two years after the
    mail is no timeline (as an interview time more than two years ahead is implausible)."""
    assert find_timeline(text, REF.date()) is None


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


# --- found by an audit of recruiter and scheduling-tool phrasing -------------------------------


@pytest.mark.parametrize(("text", "minutes"), [
    ("The interview will last 1.5 hours.", 90),  # read as "5 hours"
    ("a 2.5 hour onsite", 150),
    ("It runs 1 hour 30 minutes.", 90),
    ("about 1 hr 30 min", 90),
    ("plan for an hour and a half", 90),
    ("a half-hour phone screen", 30),
])
def test_durations_with_fractions_and_parts(text: str, minutes: int) -> None:
    assert find_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize(("text", "expected"), [
    # a hedged count used to give no timeline, so a check-in was drafted before it was up
    ("We'll get back to you in about two weeks.", date(2027, 3, 11)),
    ("We'll get back to you in approximately 2 weeks.", date(2027, 3, 11)),
    ("You'll hear from us within roughly 10 business days.", date(2027, 3, 11)),
    ("We expect to make a decision early next month.", date(2027, 3, 10)),
    ("We'll be in touch by the beginning of next month.", date(2027, 3, 10)),
    ("We'll have an update for you by mid next month.", date(2027, 3, 15)),
])
def test_hedged_and_next_month_timelines(text: str, expected: date) -> None:
    got = find_timeline(text, date(2027, 2, 25))  # a Thursday
    assert got is not None and got[0] == expected


SPRING = datetime(2027, 2, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5)))  # a Thursday


@pytest.mark.parametrize(("text", "start"), [
    # a zone and its summer name written together ("CET/CEST") was dropped for the default
    ("Thursday, March 4 at 10:00 CET/CEST", datetime(2027, 3, 4, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))),
    ("March 4 at 10:00 AM CST/CDT", datetime(2027, 3, 4, 10, 0, tzinfo=ZoneInfo("America/Chicago"))),
    ("March 4 at 10:00 AM (PST/PDT)", datetime(2027, 3, 4, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
    # European clock styles
    ("Thursday 4 March at 14h30", datetime(2027, 3, 4, 14, 30, tzinfo=SPRING.tzinfo)),
    ("Thursday 4 March at 14.30 GMT", datetime(2027, 3, 4, 14, 30, tzinfo=timezone.utc)),
    ("4 March at 9.30 (UK time)", datetime(2027, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/London"))),
])
def test_zone_pairs_and_european_clocks(text: str, start: datetime) -> None:
    found = find_datetimes(text, SPRING)
    assert found and found[0].start == start and found[0].start.utcoffset() == start.utcoffset()


def test_prices_versions_and_ids_stay_out() -> None:
    assert find_datetimes("The fee is 14.30 on March 4", SPRING) == []
    assert find_datetimes("version 2.30 ships March 4", SPRING) == []
    assert find_datetimes("Meeting ID: 812 3456 7890 on March 4", SPRING) == []


@pytest.mark.parametrize(("text", "start"), [
    # Outlook writes a zone's standard offset all year: "(UTC-05:00) Eastern Time" in July is EDT
    ("When: Thursday, July 8, 2027 2:00 PM-3:00 PM (UTC-05:00) Eastern Time (US & Canada).",
     datetime(2027, 7, 8, 14, 0, tzinfo=NY)),
    ("When: Thursday, July 8, 2027 2:00 PM-3:00 PM (UTC+00:00) Dublin, Edinburgh, Lisbon, London.",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("Europe/Dublin"))),
    ("When: Thursday, July 8, 2027 2:00 PM-3:00 PM (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna.",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))),
    ("When: Thursday, July 8, 2027 2:00 PM-3:00 PM (GMT-08:00) Pacific Time (US & Canada)",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("America/Los_Angeles"))),
    ("When: Thursday, July 8, 2027 2:00 PM-3:00 PM (UTC+01:00) Brussels, Copenhagen, Madrid, Paris.",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))),
    ("Thursday, July 8, 2027 10:00 AM Eastern Time (US & Canada)", datetime(2027, 7, 8, 10, 0, tzinfo=NY)),
    ("Interview: Monday, 7 February 2028, 10:00 (UTC+10:00) Canberra, Melbourne, Sydney",
     datetime(2028, 2, 7, 10, 0, tzinfo=ZoneInfo("Australia/Sydney"))),
    # an offset that is not the named zone's own stays the offset
    ("When: Thursday, July 8, 2027 2:00 PM (UTC-07:00) Eastern Time",
     datetime(2027, 7, 8, 14, 0, tzinfo=timezone(timedelta(hours=-7)))),
    # Google Calendar names the zone and a city: "(Greenwich Mean Time - London)"
    ("Thursday 8 July 2027 · 2pm – 2:45pm (Greenwich Mean Time - London)",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("Europe/London"))),
    ("Thursday 8 July 2027 · 2pm – 2:45pm (Australian Eastern Time - Sydney)",
     datetime(2027, 7, 8, 14, 0, tzinfo=ZoneInfo("Australia/Sydney"))),
])
def test_calendar_tools_zone_lines(text: str, start: datetime) -> None:
    found = find_datetimes(text, datetime(2027, 7, 1, 10, 0, tzinfo=timezone(timedelta(hours=-4))))
    assert found and found[0].start == start and found[0].explicit_zone


def test_relative_words_read_on_the_writers_day() -> None:
    # a recruiter in California writes on Wednesday at 5pm (already Thursday in Berlin, where
    # the user lives): "tomorrow" is Thursday, and so is "Thursday"
    ref = datetime(2027, 2, 24, 17, 0, tzinfo=timezone(timedelta(hours=-8)))
    berlin = ZoneInfo("Europe/Berlin")
    assert find_datetimes("tomorrow at 10am PT", ref, berlin)[0].start.date() == date(2027, 2, 25)
    assert find_datetimes("Thursday at 10am PT", ref, berlin)[0].start.date() == date(2027, 2, 25)
    assert find_datetimes("tomorrow at 10am", ref, berlin)[0].start.date() == date(2027, 2, 25)


def test_relative_words_in_a_server_stamped_mail_read_in_the_times_zone() -> None:
    # an ATS stamps its Date in UTC: 02:00 Thursday UTC is 9pm Wednesday in New York
    ref = datetime(2027, 2, 25, 2, 0, tzinfo=timezone.utc)
    assert find_datetimes("tomorrow at 10am ET", ref)[0].start == datetime(2027, 2, 25, 10, 0, tzinfo=NY)


@pytest.mark.parametrize(("text", "ref", "default_tz", "day"), [
    # outside North America a numeric date is day first: 04/03 is the 4th of March
    ("Interview on 04/03/2027 at 10:00", datetime(2027, 2, 25, 9, 0, tzinfo=timezone(timedelta(hours=5, minutes=30))),
     None, date(2027, 3, 4)),
    ("Interview on 04/03 at 10:00", datetime(2027, 2, 25, 9, 0, tzinfo=timezone.utc), ZoneInfo("Europe/London"),
     date(2027, 3, 4)),
    ("Interview on 4/3 at 10:00 AEDT", datetime(2027, 2, 25, 9, 0, tzinfo=timezone.utc), None, date(2027, 3, 4)),
    # in the US and Canada, month first
    ("Interview on 04/03/2027 at 10:00", datetime(2027, 2, 25, 9, 0, tzinfo=timezone(timedelta(hours=-5))),
     None, date(2027, 4, 3)),
    ("Interview on 4/3 at 10am ET", datetime(2027, 2, 25, 9, 0, tzinfo=timezone.utc), ZoneInfo("Europe/London"),
     date(2027, 4, 3)),
    # a number above 12 settles it either way
    ("Interview on 3/14 at 10:00", datetime(2027, 2, 25, 9, 0, tzinfo=timezone.utc), ZoneInfo("Europe/London"),
     date(2027, 3, 14)),
])
def test_numeric_dates_follow_the_writers_region(text: str, ref: datetime, default_tz: ZoneInfo | None,
                                                 day: date) -> None:
    found = find_datetimes(text, ref, default_tz)
    assert found and found[0].start.date() == day


def test_a_text_of_hundreds_of_moments_is_read_up_to_a_bound() -> None:
    """Each time is paired with each date: "1/1 1pm" repeated 5,000 times took seconds."""
    from watcher.dates import MAX_MOMENTS

    found = find_datetimes("Slots:\n" + "1/1 1pm " * 5000, datetime(2026, 11, 20, 9, tzinfo=timezone.utc))
    assert 0 < len(found) <= MAX_MOMENTS


@pytest.mark.parametrize(("text", "said", "expected"), [
    # the dates people give in December, which gave none: a check-in came a week after
    ("We'll be in touch before Christmas.", date(2026, 12, 2), date(2026, 12, 24)),
    ("We expect a decision by the end of the year.", date(2026, 12, 2), date(2026, 12, 31)),
    ("We'll be in touch after the holidays.", date(2026, 12, 16), date(2027, 1, 10)),
    ("You'll hear from us in the new year.", date(2026, 12, 16), date(2027, 1, 10)),
    ("We'll get back to you early next year.", date(2026, 12, 16), date(2027, 1, 10)),
    # the Friday of January's first full week (the 1st, a Friday, is New Year's Day)
    ("We will get back to you the first week of January.", date(2026, 12, 16), date(2027, 1, 8)),
    ("We'll get back to you later this week.", date(2026, 12, 1), date(2026, 12, 4)),
    # the day of next week, not this week's (a check-in six days before the employer's date)
    ("We'll get back to you by Thursday next week.", date(2026, 12, 1), date(2026, 12, 10)),
    ("We'll let you know on Tuesday of next week.", date(2026, 12, 1), date(2026, 12, 8)),
])
def test_year_end_and_next_week_day_timelines(text: str, said: date, expected: date) -> None:
    got = find_timeline(text, said)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize("said", [date(2026, 3, 1), date(2026, 9, 15)])
def test_next_year_said_before_october_is_next_year(said: date) -> None:
    got = find_timeline("You'll hear from us early next year.", said)
    assert got is not None and got[0] == date(2027, 1, 10)


def test_the_break_in_july_is_not_christmas() -> None:
    assert find_timeline("We'll be in touch before the break.", date(2026, 7, 1)) is None


def test_business_days_skip_the_users_holidays() -> None:
    """"Within 3 business days" said the day before Thanksgiving: Monday counted Thursday."""
    from watcher.policy import national_holidays

    def us(day: date) -> bool:
        return day in national_holidays("US", None, day.year)

    text = "You'll hear from us within 3 business days."
    assert find_timeline(text, date(2026, 11, 25)) == (date(2026, 11, 30), text)
    assert find_timeline(text, date(2026, 11, 25), holiday=us) == (date(2026, 12, 1), text)


@pytest.mark.parametrize(("text", "expected"), [
    # wordings that gave no date: the check-in came a week after the interview, long before
    ("We will get back to you with a decision in January.", date(2027, 1, 31)),
    ("Decisions will be communicated the week after next.", date(2026, 12, 18)),
    ("We'll get back to you in a fortnight.", date(2026, 12, 17)),
    ("We'll have news later this month.", date(2026, 12, 31)),
    ("We'll decide by the middle of the month.", date(2026, 12, 15)),
    # ranges: the end of what was said, not its start (the check-in came inside the window)
    ("We'll get back to you within the next week or two.", date(2026, 12, 17)),
    ("We'll be in touch next week or the week after.", date(2026, 12, 18)),
    ("We'll have a decision the week of December 14.", date(2026, 12, 18)),
    ("We'll get back to you by Monday or Tuesday.", date(2026, 12, 8)),
])
def test_timeline_months_fortnights_and_ranges(text: str, expected: date) -> None:
    """review16b findings 3 and 4 (said on Thursday, December 3)."""
    found = find_timeline(text, date(2026, 12, 3))
    assert found is not None and found[0] == expected


def test_after_thanksgiving_is_the_monday_after_it() -> None:
    found = find_timeline("We'll be in touch after Thanksgiving.", date(2026, 11, 20))
    assert found is not None and found[0] == date(2026, 11, 30)


def test_a_calendly_time_line_above_its_date_line_is_one_moment() -> None:
    """Calendly's "10:00am - 10:30am (Pacific Time - US & Canada)" with the date on the next
    line: no time was found, and the booking read as a request (review16c finding 7)."""
    from datetime import timezone as tz_

    found = find_datetimes("Event Date/Time:\n10:00am - 10:30am (Pacific Time - US & Canada)\n"
                           "Wednesday, November 18, 2026\n", datetime(2026, 11, 10, tzinfo=tz_.utc))
    assert [(f.start.isoformat(), f.end and f.end.isoformat()) for f in found] == [
        ("2026-11-18T10:00:00-08:00", "2026-11-18T10:30:00-08:00")]


@pytest.mark.parametrize(("text", "expected"), [
    ("We'll be in touch by EOW.", date(2026, 12, 4)),
    ("We won't have a final decision until the 4th.", date(2026, 12, 4)),
    ("We won't have a decision till the 14th.", date(2026, 12, 14)),
])
def test_eow_and_until_a_day_of_the_month(text: str, expected: date) -> None:
    """(review16c finding 9; said on Thursday, December 3)"""
    found = find_timeline(text, date(2026, 12, 3))
    assert found is not None and found[0] == expected


def test_an_agenda_under_a_dated_line_ending_in_a_colon_takes_its_date() -> None:
    """"... onsite next Thursday, 11/19! Here is your agenda (all times Eastern):", a blank
    line, then "9:30 - 10:15 System design - Raj Patel": the rows had no date (the blank line
    ended the pairing) and a four-interviewer final round was missed (review16c finding 7)."""
    from datetime import timezone as tz_

    text = ("We're excited to host you for your final round onsite next Thursday, 11/19! Here is "
            "your agenda (all times Eastern):\n\n9:30 - 10:15   System design - Raj Patel\n"
            "10:15 - 11:00  Coding - Emily Chen\n")
    found = find_datetimes(text, datetime(2026, 11, 10, 15, tzinfo=tz_.utc), ZoneInfo("America/New_York"))
    assert [f.start.isoformat() for f in found][:2] == ["2026-11-19T09:30:00-05:00",
                                                       "2026-11-19T10:15:00-05:00"]


def test_noon_inside_afternoon_is_no_time() -> None:
    """"Does this afternoon work? Let's do 2:30 PM ET today": the "noon" of "afternoon" was a
    time, the call read as noon and thanked for before it happened (review17b finding 4)."""
    from datetime import datetime, timedelta, timezone

    from watcher.dates import find_datetimes

    ref = datetime(2026, 12, 14, 9, 10, tzinfo=timezone(timedelta(hours=-5)))
    found = find_datetimes("Does this afternoon work? Let's do 2:30 PM ET today - I'll call you.", ref)
    assert [(f.start.hour, f.start.minute) for f in found] == [(14, 30)]
    assert [f.start.hour for f in find_datetimes("Friday at noon ET", ref)] == [12]


def test_german_zone_words_are_read() -> None:
    """"um 15:00 Uhr (MEZ)" was read in the user's zone (review17b finding 8)."""
    from datetime import datetime, timedelta, timezone

    from watcher.dates import find_datetimes

    ref = datetime(2026, 12, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    (f,) = find_datetimes("am Dienstag, 8. Dezember 2026, um 15:00 Uhr (MEZ)", ref,
                          timezone(timedelta(hours=-5)))
    assert f.start == datetime(2026, 12, 8, 14, 0, tzinfo=timezone.utc) and f.explicit_zone


@pytest.mark.parametrize(("text", "day"), [
    # British "Friday 4/12" (4 December) to a New York user: April 12 is a Monday
    ("confirmed for Friday 4/12 at 10:00", date(2026, 12, 4)),
    # the US reading when it is the one that falls on the weekday, whatever the region
    ("confirmed for Wed 12/2 at 10:00", date(2026, 12, 2)),
])
def test_a_numeric_date_takes_the_reading_that_falls_on_its_weekday(text: str, day: date) -> None:
    """(review19c #1: "Friday 4/12 at 10:00" from a London sender became Monday 2027-04-12)"""
    ref = datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc)
    assert find_datetimes(text, ref, NY)[0].start.date() == day
    assert find_datetimes(text, ref, ZoneInfo("Europe/London"))[0].start.date() == day
    got = find_timeline(f"We'll let you know by {text.split(' for ')[1][:-9]}.", ref.date())
    assert got is not None and got[0] == day


def test_a_plus_zero_stamp_from_a_british_irish_or_portuguese_domain_is_the_writers_clock() -> None:
    """In winter London's Date is +0000, which was taken for a server's stamp and read in the
    user's zone: "by 10/12" became October 12 for a New York user (review19c #1)."""
    from watcher.dates import as_written

    stamp = datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc)
    london = as_written(stamp, "hooli.co.uk")
    assert london == stamp and london.tzinfo == ZoneInfo("Europe/London")
    assert as_written(stamp, "talent.ie").tzinfo == ZoneInfo("Europe/Dublin")
    assert as_written(stamp, "acme.com") is stamp  # a server's stamp, as before
    plus_one = datetime(2026, 12, 3, 15, 0, tzinfo=timezone(timedelta(hours=1)))
    assert as_written(plus_one, "hooli.co.uk") is plus_one  # the writer's own offset
    found = find_datetimes("Interview on 10/12 at 10:00", london, NY)
    assert found[0].start.date() == date(2026, 12, 10)
    # "Friday at 10": the writer's Thursday afternoon, not the user's Friday in Sydney
    found = find_datetimes("Friday at 10:00", london, ZoneInfo("Australia/Sydney"))
    assert found[0].start.date() == date(2026, 12, 4)


@pytest.mark.parametrize("place", ["the 28th floor reception", "the 28th Fl. lobby", "the 5th Avenue entrance",
                                   "the 42nd Street entrance", "the 3rd round", "the 2nd interview"])
def test_an_ordinal_before_a_floor_a_street_or_a_round_is_no_day_of_the_month(place: str) -> None:
    """(review19a a16: "Check in at the 28th floor reception" made an onsite on Friday
    December 11 one on Saturday November 28)"""
    from watcher.dates import find_days

    ref = datetime(2026, 11, 25, 13, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert find_days(f"Check in at {place}", ref.date()) == []
    found = find_datetimes(f"Date: Friday, December 11, 2026\nCheck in at {place} at 9:00 AM.", ref, NY)
    assert [f.start for f in found] == [datetime(2026, 12, 11, 9, 0, tzinfo=NY)]
    assert find_timeline(f"We'll be in touch after {place}.", ref.date()) is None


def test_itinerary_rows_under_a_date_line_and_its_location_line_take_that_date() -> None:
    """A Workday itinerary: "Date: ...", then "Location: ...", a blank line, then the rows: the
    rows were read only when they followed the date line directly (review19a a16)."""
    text = ("Your onsite schedule is below.\n\nDate: Friday, December 11, 2026\nLocation: Halcyon "
            "Energy, 1 Bryant Park, 28th Floor, New York, NY 10036, United States of America\n\n"
            "9:00 AM          Check in at reception\n9:15 - 10:00 AM  Hiring Manager Interview - "
            "Owen Bradley\n10:00 - 10:45 AM Technical Interview - Mei Tanaka\n")
    found = find_datetimes(text, datetime(2026, 11, 25, 13, 0, tzinfo=timezone(timedelta(hours=-5))), NY)
    assert [f.start.isoformat() for f in found] == [
        "2026-12-11T09:00:00-05:00", "2026-12-11T09:15:00-05:00", "2026-12-11T10:00:00-05:00"]


@pytest.mark.parametrize(("text", "expected"), [
    # months: "in a month" and its hedges are a month on; "next month" is its last day, as
    # "in January" and "next week" are the end of theirs (the spec: never before T has passed)
    ("We'll get back to you in a month.", date(2026, 12, 17)),
    ("We'll get back to you in about a month.", date(2026, 12, 17)),
    ("We'll get back to you within a month or so.", date(2026, 12, 17)),
    ("We'll be making a decision next month.", date(2026, 12, 31)),
    ("We'll have an answer by next month.", date(2026, 12, 1)),
    ("We'll get back to you in the next month or two.", date(2027, 1, 17)),
    ("We'll be in touch in a couple of months.", date(2027, 1, 17)),
    # "allow", "takes": the length of the process
    ("Please allow 2-3 weeks for us to get back to you.", date(2026, 12, 8)),
    ("The process usually takes about three weeks, and we'll be in touch then.", date(2026, 12, 8)),
    ("We'll know more in a week and a half, and will update you then.", date(2026, 11, 27)),
    ("You should hear back within 24 hours.", date(2026, 11, 18)),
    ("We'll let you know within the next 48 hours.", date(2026, 11, 19)),
    # named days and parts of a month, a quarter
    ("We will make our decision by the first of December.", date(2026, 12, 1)),
    ("We'll have a decision by Thanksgiving.", date(2026, 11, 26)),
    ("We'll get back to you before Thanksgiving.", date(2026, 11, 25)),
    ("We'll follow up the week after Thanksgiving.", date(2026, 12, 4)),
    ("We will get back to you the first week of December.", date(2026, 12, 4)),
    ("Expect to hear from us in the first half of December.", date(2026, 12, 15)),
    ("Our decision will come by the end of the quarter.", date(2026, 12, 31)),
    ("We'll get back to you by the end of Q4.", date(2026, 12, 31)),
    ("We expect to make decisions in Q1.", date(2027, 3, 31)),
    ("We'll be in touch this week.", date(2026, 11, 20)),
    ("You can expect to hear from us by the end of the following week.", date(2026, 11, 27)),
    # misread: "end of day" is tomorrow's, not today's
    ("We'll get back to you by end of day tomorrow.", date(2026, 11, 18)),
    # cues that were missed
    ("We're aiming to get back to all candidates by December 4th.", date(2026, 12, 4)),
    ("We'll let everyone know by December 4.", date(2026, 12, 4)),
    ("I'll reach back out in mid-January once we know where the role sits.", date(2027, 1, 15)),
    ("We're aiming to wrap things up by the end of November.", date(2026, 11, 30)),
    # "the week after" a date said before it
    ("Daniela is traveling until 12/7, so you can expect an update the week after she's back.",
     date(2026, 12, 18)),
    ("We'll have an update for you the week after December 7.", date(2026, 12, 18)),
    # ... or a day named before it that is no deadline of theirs (review 22: no date at all)
    ("The panel meets Thursday, and we'll get back to you the week after.", date(2026, 11, 27)),
    ("Thanks for coming in this week; we'll get back to you the week after.",
     date(2026, 11, 27)),
])
def test_timelines_review19(text: str, expected: date) -> None:
    """Phrasings that gave no stated timeline or too early a one, so the first check-in came
    before the employer's date (review19c #3, review19a e24/e32/e33; said Tuesday, November 17)."""
    found = find_timeline(text, date(2026, 11, 17))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize("text", [
    "Thanks for coming in this week! We'll be in touch with next steps.",  # the interview's week
    "The onsite takes about 4 hours, and you'll get feedback from each interviewer.",
    "We'll be in touch after the 2nd round.",
    "We'll be in touch the week after.",  # after what, it does not say
])
def test_no_timeline_from_a_week_or_a_length_that_is_not_when(text: str) -> None:
    assert find_timeline(text, date(2026, 11, 17)) is None


@pytest.mark.parametrize(("text", "start"), [
    # Arizona keeps standard time all year: noon Eastern in December, 1 pm Eastern in July
    ("Tuesday, December 1 at 10:00 AM Arizona time", datetime(2026, 12, 1, 12, 0, tzinfo=NY)),
    ("Thursday, July 8, 2027 at 10:00 AM Arizona time", datetime(2027, 7, 8, 13, 0, tzinfo=NY)),
    ("Thursday, July 8, 2027 at 10:00 AM (Phoenix time)", datetime(2027, 7, 8, 13, 0, tzinfo=NY)),
    ("When: Thursday, July 8, 2027 10:00 AM-11:00 AM (UTC-07:00) Arizona.", datetime(2027, 7, 8, 13, 0, tzinfo=NY)),
])
def test_arizona_time(text: str, start: datetime) -> None:
    """(review19a a11: "10:00 AM Arizona time (... that's noon Eastern)" was read as 10:00 in the
    user's zone, and the thank-you was drafted while the interview was starting)"""
    found = find_datetimes(text, datetime(2026, 11, 23, 15, 30, tzinfo=timezone(timedelta(hours=-7))), NY)
    assert found and found[0].start == start and found[0].explicit_zone


def test_a_french_zone_phrase_after_the_time() -> None:
    """(review19a a13: "le mercredi 2/12 à 17h00, heure de Paris - soit 11h00 à New York" was
    17:00 in New York, the thank-you six hours late)"""
    ref = datetime(2026, 11, 26, 10, 20, tzinfo=timezone(timedelta(hours=1)))
    found = find_datetimes("le mercredi 2/12 à 17h00, heure de Paris - soit 11h00 à New York.", ref, NY)
    assert found[0].start == datetime(2026, 12, 2, 17, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert found[0].explicit_zone
    assert zone("heure de Paris") == ZoneInfo("Europe/Paris")


PT = ZoneInfo("America/Los_Angeles")
JAN7 = datetime(2027, 1, 7, 10, 0, tzinfo=PT)  # a Thursday, a week before the interview


@pytest.mark.parametrize(("text", "starts"), [
    ("Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday 10:00 AM in Tokyo)", ["2027-01-14T17:00-08:00"]),
    ("Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday, January 15, 10:00 - 11:00 AM JST)",
     ["2027-01-14T17:00-08:00"]),
    ("Friday 10:00 AM JST (Thursday, January 14, 5:00 PM PT)", ["2027-01-15T10:00+09:00"]),
    ("Thursday, January 14, 2027, 2:00 PM ET (or Friday at 10:00 AM ET)",
     ["2027-01-14T14:00-05:00", "2027-01-15T10:00-05:00"]),
])
def test_a_weekday_beside_a_date_is_a_day_next_to_it(text: str, starts: list[str]) -> None:
    """(review20d #3: "Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday 10:00 AM in Tokyo)"
    was Friday January 8 at 17:00 PT: the time took the bracket's "Friday", counted from the
    mail; with "(Friday, January 15, ...)" January 15 at 17:00 PT, a day late)"""
    found = find_datetimes(text, JAN7, ZoneInfo("Asia/Tokyo"))
    assert [f.start for f in found][:len(starts)] == [datetime.fromisoformat(s) for s in starts]
    assert all(f.start.date() in (date(2027, 1, 14), date(2027, 1, 15)) for f in found)


TOKYO, BERLIN, SYDNEY = ZoneInfo("Asia/Tokyo"), ZoneInfo("Europe/Berlin"), ZoneInfo("Australia/Sydney")
FEB1 = datetime(2027, 2, 1, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # a Monday
FEB22 = datetime(2027, 2, 22, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # a Monday


@pytest.mark.parametrize(("text", "ref", "user", "start", "end"), [
    ("Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday 10:00 AM in Tokyo)", JAN7, TOKYO,
     "2027-01-14T17:00-08:00", "2027-01-14T18:00-08:00"),
    ("Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday, January 15, 10:00 - 11:00 AM JST)", JAN7, TOKYO,
     "2027-01-14T17:00-08:00", "2027-01-14T18:00-08:00"),
    ("Friday 10:00 AM JST (Thursday, January 14, 5:00 - 6:00 PM PT)", JAN7, TOKYO,
     "2027-01-14T17:00-08:00", "2027-01-14T18:00-08:00"),
    ("Thursday, January 14, 2027, 5:00 PM PT, which is 10:00 - 11:00 AM on Friday for you", JAN7, TOKYO,
     "2027-01-14T17:00-08:00", "2027-01-14T18:00-08:00"),
    # a time without a zone, then the user's: the one with a zone gives the moment
    ("Tuesday, February 9 at 11:00 AM - 12:00 PM (2:00 PM your time)", FEB1, NY,
     "2027-02-09T14:00-05:00", "2027-02-09T15:00-05:00"),
    ("Tuesday, February 9, 2027, 7:00 PM ET (Wednesday 01:00 CET)", FEB1, BERLIN, "2027-02-09T19:00-05:00", None),
    ("Tuesday, February 9, 2027, 5:00 - 6:00 PM ET / 23:00 CET", FEB1, BERLIN,
     "2027-02-09T17:00-05:00", "2027-02-09T18:00-05:00"),
    ("Wednesday, March 3, 2027, 4:00 - 4:45 PM ET (Thursday, 8:00 - 8:45 AM Sydney time)", FEB22, SYDNEY,
     "2027-03-03T16:00-05:00", "2027-03-03T16:45-05:00"),
    ("Wednesday, March 3, 2027 at 4:00 PM ET (that's 8am Sydney time on Thursday)", FEB22, SYDNEY,
     "2027-03-03T16:00-05:00", None),
])
def test_a_time_converted_for_the_candidate_is_the_same_moment(
        text: str, ref: datetime, user: ZoneInfo, start: str, end: str | None) -> None:
    """(review20d #3: "Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday 10:00 AM in Tokyo)"
    was Friday January 8, the bracket's weekday counted from the mail; with "(Friday, January 15,
    10:00 - 11:00 AM JST)" January 15 at 17:00 PT, a day late)"""
    found = find_datetimes(text, ref, user, user_tz=user)
    assert [(f.start, f.end) for f in found] == [
        (datetime.fromisoformat(start), datetime.fromisoformat(end) if end else None)]


@pytest.mark.parametrize(("text", "starts"), [
    ("Thursday, January 14, 2027 at 2:00 PM ET or Friday, January 15 at 10:00 AM ET",
     ["2027-01-14T14:00-05:00", "2027-01-15T10:00-05:00"]),
    ("Thursday, January 14, 2027, 2:00 PM ET (or Friday at 10:00 AM ET)",
     ["2027-01-14T14:00-05:00", "2027-01-15T10:00-05:00"]),
    ("Thursday, January 14, 2027, 2:00 PM PT (or 10:00 AM JST on Friday)",
     ["2027-01-14T14:00-08:00", "2027-01-15T10:00+09:00"]),
    ("Thursday, January 14, 2027: 2:00 PM ET / 4:00 PM ET", ["2027-01-14T14:00-05:00", "2027-01-14T16:00-05:00"]),
    ("Thursday, January 14, 2027, 2:00 PM ET (Friday 10:00 AM PT also works)",
     ["2027-01-14T14:00-05:00", "2027-01-15T10:00-08:00"]),
])
def test_two_times_offered_are_not_one_converted(text: str, starts: list[str]) -> None:
    found = find_datetimes(text, JAN7, NY, user_tz=NY)
    assert [f.start for f in found] == [datetime.fromisoformat(s) for s in starts]


def test_a_weekday_not_joined_to_a_dated_time_is_counted_from_the_mail() -> None:
    """(a TV listing: "9/11" is no date the Sunday beside it is near)"""
    ref = datetime(2002, 8, 30, 16, 33, tzinfo=timezone(timedelta(hours=1)))  # a Friday
    found = find_datetimes("THE LAST SUPPER (11.20pm, Sun, C4)... 9/11 CLEAR THE SKIES (9pm, Sun, BBC2)", ref)
    assert [f.start.date() for f in found] == [date(2002, 9, 1), date(2002, 9, 1)]


@pytest.mark.parametrize(
    "text",
    ["at 2:00 PM on Thursday 12/10", "at 2pm on Thursday, 12/10", "2pm on Thu 12/10", "at 2pm on Thursday (12/10)",
     "at 2pm on Thursday the 10th", "at 2pm on Thursday 10 December", "on Thursday 12/10 at 2pm"],
)
def test_a_date_after_on_weekday_is_the_day_not_the_coming_weekday(text: str) -> None:
    # review20a §2: a mail of Monday 11/30 booked "at 2:00 PM on Thursday 12/10" for 12/03
    ref = datetime(2026, 11, 30, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert [f.start for f in find_datetimes(text, ref, NY)] == [datetime(2026, 12, 10, 14, 0, tzinfo=NY)]


def test_a_weekday_with_its_date_never_lands_before_the_mail() -> None:
    ref = datetime(2026, 12, 3, 16, 20, tzinfo=timezone(timedelta(hours=-5)))  # a Thursday
    found = find_datetimes("at 10:00 AM on Tuesday 12/8", ref, NY)
    assert [f.start for f in found] == [datetime(2026, 12, 8, 10, 0, tzinfo=NY)]
    # "the 2nd round" is no day of the month: the coming Thursday stays
    found = find_datetimes("at 2pm on Thursday the 2nd round", ref, NY)
    assert [f.start for f in found] == [datetime(2026, 12, 10, 14, 0, tzinfo=NY)]


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("Let's do Monday the 30th at half past two, in person", 14, 30),
        ("Monday at a quarter to three", 14, 45),
        ("Monday at quarter past 10 ET", 10, 15),
        ("see you Monday at half two", 14, 30),
        ("Monday at half past seven in the evening", 19, 30),
        ("locking in 3p ET Monday for the phone interview", 15, 0),
        ("Monday 10a-12p works", 10, 0),
        ("Please report to 5 West at 0730 on Monday 11/30 (scrubs are fine)", 7, 30),
        ("Monday 11/30, 0730 - 1130", 7, 30),
        ("Monday 11/30 by 1130", 11, 30),
        ("Monday 11/30 at 0530", 5, 30),
        ("Monday 11/30 at 1400 hrs", 14, 0),
        ("confirmed for Monday 11/30 at 0730.", 7, 30),  # review21a: the full stop lost the minutes
        ("Monday 11/30 by 1130, then lunch", 11, 30),
    ],
)
def test_spoken_24_hour_and_one_letter_times(text: str, hour: int, minute: int) -> None:
    # review20a §5: "half past two", "3p ET", a hospital's "0730" were no times, so the
    # confirmation was no interview at all
    found = find_datetimes(text, REF, NY)
    assert found and (found[0].start.date(), found[0].start.hour, found[0].start.minute) == (date(2026, 11, 30), hour, minute)
    assert found[0].pos >= 0 and found[0].end_pos <= len(text)


@pytest.mark.parametrize(
    "text",
    ["Room 1130 on Monday", "call 555 0730 on Monday", "Monday 11/30, we hope to hire by 2027", "Suite 10A on Monday",
     "from 2019 until 2022, Monday", "see section 2a on Monday", "pay by 1130.00 on Monday", "half past the hour on Monday", "Monday: half an hour", "on Monday, half two hours"],
)
def test_numbers_that_are_no_24_hour_or_spoken_times(text: str) -> None:
    assert find_datetimes(text, REF, NY) == []


@pytest.mark.parametrize(
    ("text", "tz"),
    [
        ("Friday, Dec 4, 10:00-10:45 AM AKT (Alaska Time) over Teams", "America/Anchorage"),
        ("Friday, Dec 4 at 10am Alaska Time", "America/Anchorage"),
        ("Friday, Dec 4 at 10am AK time", "America/Anchorage"),
        ("Friday, December 4 at 10:00 a.m. hora CDMX (11:00 a.m. your time in New York)", "America/Mexico_City"),
        ("Friday, December 4 at 10:00 a.m. Mexico City time", "America/Mexico_City"),
        ("el viernes, 4 de diciembre... Friday, December 4 at 10:00 hora del centro", "America/Mexico_City"),
    ],
)
def test_alaska_and_mexico_city_zone_words(text: str, tz: str) -> None:
    # review20a §4: "AKT" and "hora CDMX" were read in the user's zone (four and one hours early)
    found = find_datetimes(text, REF, NY)
    assert found and found[0].start == datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo(tz))


# --- review 22c: a length of time said of the interview counts from the interview ------------

@pytest.mark.parametrize("text,expected", [
    ("We expect to make a decision within two weeks of the interview.", date(2026, 12, 18)),
    ("You can expect to hear from us within a week after your interview.", date(2026, 12, 11)),
    ("We'll get back to you within 5 business days following your final round.", date(2026, 12, 11)),
    ("We'll get back to you within two weeks.", date(2026, 12, 11)),  # no interview named: the mail's
])
def test_a_timeline_said_of_the_interview_counts_from_it(text: str, expected: date) -> None:
    from watcher.dates import counts_from_interview

    # mail of Fri Nov 27, interview Fri Dec 4
    found = find_timeline(text, date(2026, 11, 27), interview=date(2026, 12, 4))
    assert found is not None and found[0] == expected
    assert counts_from_interview(text) == ("interview" in text or "round" in text)


def test_a_length_said_of_the_whole_sitting_wins_over_a_part() -> None:
    # review20a c03: a school's committee interview was read as 15 minutes long
    text = ("As part of the interview, candidates will teach a 15-minute demonstration lesson to the committee. "
            "Please plan for 75 minutes in total.")
    assert find_duration(text) == timedelta(minutes=75)
    assert find_duration("You will give a 10-minute presentation, then meet the team.") == timedelta(minutes=10)


@pytest.mark.parametrize("text,expected", [
    ("We hope to have a decision by end of month.", date(2026, 12, 31)),  # was none
    ("We will notify all candidates by December 18th.", date(2026, 12, 18)),  # was none
    ("Will update you first thing Monday.", date(2026, 12, 7)),  # was none
])
def test_review22c_timeline_phrases(text: str, expected: date) -> None:
    found = find_timeline(text, date(2026, 12, 2))  # a Wednesday
    assert found is not None and found[0] == expected


def test_your_time_is_the_readers_zone_and_japan_writes_the_month_first() -> None:
    # review 22c i05: from Tokyo (+0900), "Monday 12/7 at 3pm your time" was July 12 (day
    # first), in New York's zone only by chance
    tokyo = datetime(2026, 12, 3, 0, 0, tzinfo=timezone(timedelta(hours=9)))
    (f,) = find_datetimes("confirmed for Monday 12/7 at 3pm your time.", tokyo, ZoneInfo("Asia/Tokyo"), user_tz=NY)
    assert f.start == datetime(2026, 12, 7, 15, 0, tzinfo=NY)


def test_country_zone_needs_the_date_on_that_countrys_clock() -> None:
    from watcher.dates import country_zone

    london = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)
    assert country_zone(london, "brightwell.co.uk") == ZoneInfo("Europe/London")
    assert country_zone(london, "datahaus.de") is None  # a +0000 server stamp, not Berlin's clock
    assert country_zone(london.astimezone(timezone(timedelta(hours=1))), "datahaus.de") == ZoneInfo("Europe/Berlin")
    assert country_zone(london, "acme.com") is None


# --- review 22e: false positives of the review 22c broadening ----------------------------------

@pytest.mark.parametrize("text,expected", [
    # a length said of another occasion in the same mail is no length of this sitting
    ("I'll call you for a 30-minute phone screen. If that goes well, the onsite is the following week; "
     "plan for about 4 hours in total for that day.", timedelta(minutes=30)),
    ("Your 45-minute video interview is on Zoom. Afterwards you'll get a short exercise; set aside 3 hours "
     "for it over the weekend.", timedelta(minutes=45)),
    ("Your 45-minute interview is at our Newark office. Parking is limited, so plan for 30 minutes extra.",
     timedelta(minutes=45)),
    # (the whole sitting's still wins over a part's)
    ("Candidates teach a 15-minute demonstration lesson. Please plan for 75 minutes in total.", timedelta(minutes=75)),
])
def test_a_length_said_of_something_else_is_not_the_whole_sittings(text: str, expected: timedelta) -> None:
    # review 22e g06-g08: 'plan for', 'set aside' made any length the whole sitting's
    assert find_duration(text) == expected


@pytest.mark.parametrize("text", [
    # "first thing Monday" is when the user is to do something, not when they will hear
    "Please send your references first thing Monday so we can move to next steps.",
    "Could you sign the consent form first thing Monday? HR needs it for next steps.",
])
def test_first_thing_a_weekday_is_a_timeline_only_when_they_say_they_will(text: str) -> None:
    # review 22e b02: "first thing <weekday>" (review 22c) read the user's task as the employer's timeline
    assert find_timeline(text, date(2026, 11, 30)) is None


@pytest.mark.parametrize("text,expected", [
    ("Will update you first thing Monday.", date(2026, 12, 7)),
    ("We'll have feedback for you first thing Wednesday.", date(2026, 12, 2)),
    ("First thing Monday, I'll send you an update.", date(2026, 12, 7)),
    ("The panel meets first thing Tuesday and we'll get back to you right after.", date(2026, 12, 1)),
])
def test_first_thing_a_weekday_from_the_writer_is_a_timeline(text: str, expected: date) -> None:
    found = find_timeline(text, date(2026, 11, 30))
    assert found is not None and found[0] == expected


@pytest.mark.parametrize("text,expected", [
    # review 22e c01/c04: the meeting or call is the writer's own (with the client, the hiring
    # manager), not the user's interview
    ("I'm meeting the client on Thursday and will have feedback for you within a day of our meeting.", False),
    ("I have a call with the hiring manager on Wednesday and will get back to you within 2 days of the call.", False),
    ("We'll get back to you within a week of your call with Dana.", True),
    ("We expect to make a decision within two weeks of the interview.", True),
    ("You'll hear from us within 3 days of your onsite.", True),
    # "the interviews" are everyone's: they close after the user's
    ("We'll make a decision within 2 weeks after the interviews close.", False),
])
def test_a_timeline_counts_from_the_interview_only_when_it_names_it(text: str, expected: bool) -> None:
    from watcher.dates import counts_from_interview

    assert counts_from_interview(text) is expected


def test_your_time_in_brackets_is_the_readers_zone() -> None:
    # review 22e d05: "Thursday, December 3 at 9:00 (your time)" from a .de employer was 9:00 in
    # Berlin once a time without a zone became the employer's (review 22c)
    berlin = datetime(2026, 11, 27, 10, 5, tzinfo=timezone(timedelta(hours=1)))
    (f,) = find_datetimes("confirmed for Thursday, December 3 at 9:00 (your time) on Teams.", berlin,
                          ZoneInfo("Europe/Berlin"), user_tz=NY)
    assert f.start == datetime(2026, 12, 3, 9, 0, tzinfo=NY)


@pytest.mark.parametrize(("text", "ref", "expected"), [
    # review23d p18: an Indian employer's "Date: 11-12-2026 / Time: 7:30 PM IST" was no date at
    # all, so its confirmation read as a request and the interview was lost
    ("Date: 11-12-2026\nTime: 7:30 PM IST", datetime(2026, 12, 4, 15, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))),
     datetime(2026, 12, 11, 19, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))),
    # the order of day and month is the writer's, as for 12/11/2026
    ("on 12-11-2026 at 2pm", REF, datetime(2026, 12, 11, 14, 0, tzinfo=NY)),
])
def test_a_hyphenated_numeric_date_with_its_year(text: str, ref: datetime, expected: datetime) -> None:
    (f,) = find_datetimes(text, ref, NY)
    assert f.start == expected


@pytest.mark.parametrize("text", ["Call me at 212-555-1234 at 3pm", "Shifts are 10-12 hours at 7pm start",
                                  "ticket 4-11-20265 at 3pm"])
def test_numbers_with_hyphens_are_no_date(text: str) -> None:
    assert all(f.start.date() in (REF.date(), REF.date() + timedelta(days=1)) for f in find_datetimes(text, REF, NY))


@pytest.mark.parametrize(("text", "day_first", "expected"), [
    ("We will be in touch by 15-12-2026.", True, date(2026, 12, 15)),
    ("The decision will be communicated by 11-12-2026.", True, date(2026, 12, 11)),
    ("We will be in touch by 12-15-2026.", False, date(2026, 12, 15)),
])
def test_a_hyphenated_numeric_date_is_a_stated_timeline_too(text: str, day_first: bool,
                                                            expected: date) -> None:
    """97512d5 read 'Date: 11-12-2026' as the interview's day, but the same writer's 'The
    decision will be communicated by 11-12-2026' gave no timeline (TIMELINE_WHEN_RE knew
    12/11/2026 and 11.12.2026, not 11-12-2026), so the check-in came a week after the
    interview, before their date (review23k)."""
    got = find_timeline(text, date(2026, 11, 26), day_first=day_first)
    assert got is not None and got[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("It was great to meet you Tuesday; we'll be in touch the week after.", date(2026, 12, 4)),
    ("Tuesday's interview went well, and we'll be in touch the week after.", date(2026, 12, 4)),
    ("Thanks for coming in Monday; we'll be in touch the week after.", date(2026, 12, 4)),
    # a day ahead of them stays ahead (e10200e)
    ("The panel meets Thursday, and we'll get back to you the week after.", date(2026, 12, 11)),
    ("Thanks for your patience - the panel meets Thursday, and we'll get back to you the week "
     "after.", date(2026, 12, 11)),
])
def test_the_week_after_a_day_behind_the_writer(text: str, expected: date) -> None:
    """e10200e counts 'the week after' from a day named before it that is no deadline; a bare
    weekday is read as the next one, so 'It was great to meet you Tuesday; we'll be in touch
    the week after', written Thursday Nov 26, gave Friday Dec 11 (the week after next
    Tuesday) where it had given none (a check-in a week after the interview): the week after
    that Tuesday ends Friday Dec 4 (review23k)."""
    got = find_timeline(text, date(2026, 11, 26))
    assert got is not None and got[0] == expected
