"""Tests for watcher.policy: one test per numbered rule and per table row of followup-policy.md.

Every `now` and moment is a literal; nothing reads the clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.config import ContextConfig, PolicyConfig, ScheduleConfig
from watcher.models import StepKind
from watcher.policy import (
    apply_min_spacing,
    context_factor,
    day_due,
    domain_matches,
    final_follow_up_due,
    first_business_day_after,
    first_check_in_due,
    is_academic_domain,
    is_allowed,
    is_business_day,
    is_government_domain,
    is_quiet,
    is_senior_role,
    networking_due,
    next_allowed,
    next_follow_up,
    scaled_days,
    second_check_in_due,
    steps_allowed,
    thank_you_deadline,
    thank_you_due,
    thank_you_window_open,
    wall_time,
    within_catch_up,
)

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
P = PolicyConfig()
C = ContextConfig()


def sched(tz: str = "America/New_York", **kw: object) -> ScheduleConfig:
    return ScheduleConfig(timezone=tz, **kw)  # type: ignore[arg-type]


S = sched()
US = sched(holidays_country="US")


def ny(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
       *, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=NY, fold=fold)


def same_instant(a: datetime, b: datetime) -> bool:
    """Equal as instants and shown with the same offset (datetimes sharing a tzinfo compare
    by wall time, so compare in UTC as well)."""
    return a.astimezone(UTC) == b.astimezone(UTC) and a.utcoffset() == b.utcoffset()


# ============================================================================ table: thank-you


def test_table_thank_you_due_thank_you_delay_after_interview_end() -> None:
    assert same_instant(thank_you_due(ny(2026, 12, 1, 15, 0), P, S), ny(2026, 12, 1, 16, 0))
    p = PolicyConfig(thank_you_delay=timedelta(minutes=90))
    assert same_instant(thank_you_due(ny(2026, 12, 1, 15, 0), p, S), ny(2026, 12, 1, 16, 30))


def test_table_thank_you_at_first_moment_outside_quiet_hours() -> None:
    # ends 20:30, +1 h = 21:30 is quiet -> 08:00 next morning
    assert same_instant(thank_you_due(ny(2026, 12, 1, 20, 30), P, S), ny(2026, 12, 2, 8, 0))
    # ends 19:59, +1 h = 20:59 is not quiet yet
    assert same_instant(thank_you_due(ny(2026, 12, 1, 19, 59), P, S), ny(2026, 12, 1, 20, 59))
    # ends 20:00, +1 h = 21:00 is quiet ([start, end))
    assert same_instant(thank_you_due(ny(2026, 12, 1, 20, 0), P, S), ny(2026, 12, 2, 8, 0))


def test_table_thank_you_quiet_days_do_not_delay_it_friday_evening() -> None:
    # Friday 20:15 + 1 h = 21:15 is quiet -> Saturday 08:00, not Monday
    due = thank_you_due(ny(2026, 12, 4, 20, 15), P, S)
    assert same_instant(due, ny(2026, 12, 5, 8, 0))
    assert due.strftime("%a") == "Sat"
    # a Saturday interview gets its thank-you on Saturday
    assert same_instant(thank_you_due(ny(2026, 12, 5, 10, 0), P, S), ny(2026, 12, 5, 11, 0))


def test_table_thank_you_holidays_do_not_delay_it() -> None:
    # Thanksgiving 2026-11-26 is a US holiday; the thank-you is still due that day
    assert not is_business_day(date(2026, 11, 26), US)
    assert same_instant(thank_you_due(ny(2026, 11, 26, 10, 0), P, US), ny(2026, 11, 26, 11, 0))


def test_table_thank_you_phone_screen_and_final_round_same_day_where_quiet_hours_allow() -> None:
    # +1 h would be quiet; the interview ended outside quiet hours: due at its end, same day
    assert same_instant(thank_you_due(ny(2026, 12, 1, 20, 30), P, S, same_day=True),
                        ny(2026, 12, 1, 20, 30))
    # ended inside quiet hours: no same-day moment is allowed
    assert same_instant(thank_you_due(ny(2026, 12, 1, 21, 30), P, S, same_day=True),
                        ny(2026, 12, 2, 8, 0))
    # plenty of day left: the normal delay
    assert same_instant(thank_you_due(ny(2026, 12, 1, 15, 0), P, S, same_day=True),
                        ny(2026, 12, 1, 16, 0))


def test_table_thank_you_24_hour_window() -> None:
    end = ny(2026, 12, 1, 15, 0)
    assert same_instant(thank_you_deadline(end, P), ny(2026, 12, 2, 15, 0))
    assert thank_you_window_open(end, ny(2026, 12, 2, 14, 59), P)
    assert not thank_you_window_open(end, ny(2026, 12, 2, 15, 0), P)
    # 24 elapsed hours across the fall-back night: 12:00 EDT -> 11:00 EST
    end = ny(2026, 10, 31, 12, 0)
    deadline = thank_you_deadline(end, P)
    assert deadline.astimezone(UTC) - end.astimezone(UTC) == timedelta(hours=24)
    assert (deadline.hour, deadline.utcoffset()) == (11, timedelta(hours=-5))
    # the thank-you itself is always due inside its window with the defaults
    assert thank_you_due(ny(2026, 12, 4, 20, 15), P, S).astimezone(UTC) < thank_you_deadline(
        ny(2026, 12, 4, 20, 15), P).astimezone(UTC)


# ============================================================================ table: first check-in


def test_table_first_check_in_first_business_day_after_stated_timeline() -> None:
    # the guide: "We'll be in touch next Tuesday" -> wait until Wednesday
    end = ny(2026, 12, 3, 11, 0)  # Thursday
    due = first_check_in_due(end, date(2026, 12, 8), 1.0, P, S)  # Tuesday
    assert same_instant(due, ny(2026, 12, 9, 8, 0))
    assert due.strftime("%a") == "Wed"


def test_table_first_check_in_timeline_on_friday_waits_for_monday() -> None:
    due = first_check_in_due(ny(2026, 12, 1, 11, 0), date(2026, 12, 4), 1.0, P, S)
    assert same_instant(due, ny(2026, 12, 7, 8, 0))


def test_table_first_check_in_timeline_before_thanksgiving_skips_the_holiday() -> None:
    # "by Wednesday" (2026-11-25): Thursday is Thanksgiving -> Friday
    due = first_check_in_due(ny(2026, 11, 19, 15, 0), date(2026, 11, 25), 1.0, P, US)
    assert same_instant(due, ny(2026, 11, 27, 8, 0))
    # without holidays_country the Thursday is a business day
    due = first_check_in_due(ny(2026, 11, 19, 15, 0), date(2026, 11, 25), 1.0, P, S)
    assert same_instant(due, ny(2026, 11, 26, 8, 0))


def test_table_first_check_in_without_timeline_after_wait_moved_to_business_day() -> None:
    # Monday + 7 days = Monday, 08:00 when quiet hours end
    assert same_instant(first_check_in_due(ny(2026, 11, 30, 10, 0), None, 1.0, P, S),
                        ny(2026, 12, 7, 8, 0))
    # Saturday interview + 7 days = Saturday -> Monday
    assert same_instant(first_check_in_due(ny(2026, 12, 5, 10, 0), None, 1.0, P, S),
                        ny(2026, 12, 14, 8, 0))
    # Thanksgiving in the way: Thursday + 7 = Thursday 11-26 -> Friday 11-27
    assert same_instant(first_check_in_due(ny(2026, 11, 19, 15, 0), None, 1.0, P, US),
                        ny(2026, 11, 27, 8, 0))


def test_table_first_check_in_never_before_the_timeline_has_passed() -> None:
    end = ny(2026, 12, 1, 15, 0)
    # a timeline beyond the default wait is honoured: 12-31 -> 2027-01-01 (a US holiday) -> 01-04
    assert same_instant(first_check_in_due(end, date(2026, 12, 31), 1.0, P, US),
                        ny(2027, 1, 4, 8, 0))
    # a timeline sooner than the default wait is honoured too: "by tomorrow" -> the day after
    assert same_instant(first_check_in_due(end, date(2026, 12, 2), 1.0, P, S),
                        ny(2026, 12, 3, 8, 0))
    # on the timeline's own day nothing is due
    assert first_check_in_due(end, date(2026, 12, 2), 1.0, P, S).date() > date(2026, 12, 2)


def test_table_first_check_in_context_factor_multiplies_the_wait() -> None:
    factor = context_factor("Senior Developer", "acme.com", C)
    assert factor == 2.0
    assert same_instant(first_check_in_due(ny(2026, 12, 1, 15, 0), None, factor, P, S),
                        ny(2026, 12, 15, 8, 0))


def test_table_first_check_in_factor_never_multiplies_the_stated_timeline() -> None:
    due = first_check_in_due(ny(2026, 12, 3, 11, 0), date(2026, 12, 8), 2.0, P, S)
    assert same_instant(due, ny(2026, 12, 9, 8, 0))


# ============================================================================ table: second, final


def test_table_second_check_in_14_days_after_first_was_sent() -> None:
    sent = ny(2026, 12, 9, 10, 30)  # Wednesday
    assert same_instant(second_check_in_due(sent, 1.0, P, S), ny(2026, 12, 23, 8, 0))
    # senior role: 28 days
    assert same_instant(second_check_in_due(sent, 2.0, P, S), ny(2027, 1, 6, 8, 0))


def test_table_final_follow_up_30_days_after_interview_end() -> None:
    end = ny(2026, 12, 1, 15, 0)
    assert same_instant(final_follow_up_due(end, None, 1.0, P, S), ny(2026, 12, 31, 8, 0))
    # 2026-12-31 + the US holiday on 2027-01-01 does not matter: Thursday is a business day
    assert same_instant(final_follow_up_due(end, None, 1.0, P, US), ny(2026, 12, 31, 8, 0))


def test_table_final_follow_up_at_least_min_spacing_after_previous_follow_up() -> None:
    end = ny(2026, 12, 1, 15, 0)
    last = ny(2026, 12, 29, 14, 0)  # a check-in sent two days before the 30-day mark
    due = final_follow_up_due(end, last, 1.0, P, S)
    assert same_instant(due, ny(2027, 1, 5, 14, 0))
    assert due.astimezone(UTC) - last.astimezone(UTC) >= P.min_spacing


def test_table_networking_check_in_every_75_days_after_closed_without_response() -> None:
    closed = ny(2026, 12, 31, 10, 0)
    first = networking_due(closed, P, S)
    assert first is not None
    assert same_instant(first, ny(2027, 3, 16, 8, 0))  # 2027-03-16 is a Tuesday
    second = networking_due(first, P, S, sent_so_far=1)
    assert second is not None and same_instant(second, ny(2027, 5, 31, 8, 0))
    # at most networking_max (2)
    assert networking_due(second, P, S, sent_so_far=2) is None


def test_table_networking_after_rejection_only_when_enabled() -> None:
    rejected = ny(2026, 12, 10, 9, 0)
    assert networking_due(rejected, P, S, after_rejection=True) is not None
    off = PolicyConfig(networking_after_rejection=False)
    assert networking_due(rejected, off, S, after_rejection=True) is None
    assert networking_due(rejected, off, S, after_rejection=False) is not None


def test_table_max_follow_ups_counts_first_second_and_final() -> None:
    assert steps_allowed(P.max_follow_ups) == (
        StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP)
    assert StepKind.THANK_YOU not in steps_allowed(3)
    assert StepKind.NETWORKING not in steps_allowed(3)


# ============================================================================ numbered rules


def test_rule_2_after_a_deleted_draft_the_schedule_goes_on_from_the_deletion() -> None:
    # the first check-in's draft was deleted unsent; the deletion was seen Thursday 12-10 09:00
    seen = ny(2026, 12, 10, 9, 0)
    assert same_instant(second_check_in_due(seen, 1.0, P, S), ny(2026, 12, 24, 8, 0))


def test_rule_4_timeline_update_with_a_date_sets_a_new_timeline() -> None:
    # "we need one more week": reply Monday 12-14, new timeline Monday 12-21 -> Tuesday
    reply = ny(2026, 12, 14, 10, 0)
    due = first_check_in_due(reply, date(2026, 12, 21), 1.0, P, S)
    assert same_instant(due, ny(2026, 12, 22, 8, 0))
    # any other reply restarts the wait from the later of the reply and my last message
    mine = ny(2026, 12, 15, 16, 0)
    later = max(reply, mine, key=lambda m: m.astimezone(UTC))
    assert same_instant(first_check_in_due(later, None, 1.0, P, S), ny(2026, 12, 22, 8, 0))


def test_rule_4_stale_timeline_before_the_wait_restarts_is_ignored() -> None:
    # an employer reply without a date restarts the wait from it; an old timeline is stale
    reply = ny(2026, 12, 10, 9, 0)
    due = first_check_in_due(reply, date(2026, 12, 8), 1.0, P, S)
    assert same_instant(due, ny(2026, 12, 17, 8, 0))


def test_rule_5_follow_ups_at_least_min_spacing_apart_between_sent_moments() -> None:
    last = ny(2026, 12, 14, 15, 0)  # a hand-written follow-up (Monday)
    # a due moment closer than 7 days moves to 7 days after the sent moment
    moved = apply_min_spacing(ny(2026, 12, 16, 8, 0), last, P, S)
    assert same_instant(moved, ny(2026, 12, 21, 15, 0))
    # a later due moment is left alone
    later = ny(2026, 12, 22, 8, 0)
    assert same_instant(apply_min_spacing(later, last, P, S), later)
    assert same_instant(apply_min_spacing(later, None, P, S), later)
    # the first check-in respects a hand-written follow-up too
    end = ny(2026, 12, 1, 15, 0)
    due = first_check_in_due(end, None, 1.0, P, S, last_follow_up_at=ny(2026, 12, 4, 16, 0))
    assert same_instant(due, ny(2026, 12, 11, 16, 0))
    # and the second check-in one sent after the first check-in
    due = second_check_in_due(ny(2026, 12, 9, 10, 0), 1.0, P, S,
                              last_follow_up_at=ny(2026, 12, 21, 17, 0))
    assert same_instant(due, ny(2026, 12, 28, 17, 0))


def test_rule_5_spacing_is_elapsed_time_and_lands_on_allowed_moments() -> None:
    # sent Thursday 14:00 EDT before the fall-back; 7 days later is 13:00 EST (168 h)
    last = ny(2026, 10, 29, 14, 0)
    moved = apply_min_spacing(ny(2026, 11, 5, 8, 0), last, P, S)
    assert moved.astimezone(UTC) - last.astimezone(UTC) == timedelta(days=7)
    assert (moved.hour, moved.utcoffset()) == (13, timedelta(hours=-5))
    # 7 days after a Friday 21:30 send is Friday 21:30, quiet -> the weekend -> Monday 08:00
    moved = apply_min_spacing(ny(2026, 12, 7, 8, 0), ny(2026, 12, 4, 21, 30), P, S)
    assert same_instant(moved, ny(2026, 12, 14, 8, 0))
    # min_spacing = 0 switches spacing off
    p0 = PolicyConfig(min_spacing=timedelta(0))
    assert same_instant(apply_min_spacing(ny(2026, 12, 7, 8, 0), ny(2026, 12, 7, 7, 0), p0, S),
                        ny(2026, 12, 7, 8, 0))


def test_rule_6_quiet_hours_are_half_open() -> None:
    assert is_quiet(ny(2026, 12, 1, 21, 0), S)
    assert not is_quiet(ny(2026, 12, 1, 20, 59, 59), S)
    assert not is_quiet(ny(2026, 12, 1, 8, 0), S)
    assert is_quiet(ny(2026, 12, 1, 7, 59, 59), S)
    assert is_quiet(ny(2026, 12, 1, 0, 0), S)
    # read in the user's zone, whatever the moment's own offset
    assert is_quiet(datetime(2026, 12, 2, 2, 30, tzinfo=UTC), S)  # 21:30 in New York
    assert not is_quiet(datetime(2026, 12, 1, 20, 30, tzinfo=UTC), S)  # 15:30 in New York
    assert is_quiet(datetime(2026, 12, 1, 20, 30, tzinfo=UTC), sched("Europe/Berlin"))  # 21:30


def test_rule_6_quiet_hours_crossing_midnight() -> None:
    s = sched(quiet_hours=(time(22, 30), time(6, 45)))
    assert same_instant(next_allowed(ny(2026, 12, 1, 23, 0), s, business_days=False),
                        ny(2026, 12, 2, 6, 45))
    assert same_instant(next_allowed(ny(2026, 12, 2, 2, 0), s, business_days=False),
                        ny(2026, 12, 2, 6, 45))
    assert same_instant(next_allowed(ny(2026, 12, 2, 22, 29), s, business_days=False),
                        ny(2026, 12, 2, 22, 29))
    # Friday 23:00 with business days: quiet ends Saturday 06:45, but Monday 06:45 is the moment
    assert same_instant(next_allowed(ny(2026, 12, 4, 23, 0), s, business_days=True),
                        ny(2026, 12, 7, 6, 45))


def test_rule_6_quiet_hours_within_one_day_and_switched_off() -> None:
    lunch = sched(quiet_hours=(time(12, 0), time(13, 0)))
    assert is_quiet(ny(2026, 12, 1, 12, 30), lunch)
    assert not is_quiet(ny(2026, 12, 1, 23, 30), lunch)
    assert same_instant(next_allowed(ny(2026, 12, 1, 12, 30), lunch, business_days=False),
                        ny(2026, 12, 1, 13, 0))
    off = sched(quiet_hours=None)
    assert not is_quiet(ny(2026, 12, 1, 3, 0), off)
    # without quiet hours a due day falls due at midnight
    assert same_instant(day_due(ny(2026, 12, 1, 15, 0), 7, off), ny(2026, 12, 8, 0, 0))


def test_rule_6_no_follow_up_on_a_non_business_day() -> None:
    own = sched(holidays=(date(2026, 12, 7),))
    assert not is_business_day(date(2026, 12, 5), S)  # Saturday
    assert not is_business_day(date(2026, 12, 7), own)  # configured holiday
    assert is_business_day(date(2026, 12, 7), S)
    assert same_instant(next_allowed(ny(2026, 12, 5, 10, 0), S, business_days=True),
                        ny(2026, 12, 7, 8, 0))
    assert same_instant(next_allowed(ny(2026, 12, 5, 10, 0), own, business_days=True),
                        ny(2026, 12, 8, 8, 0))
    # quiet days are configurable: a Sunday-to-Thursday week
    gulf = sched(quiet_days=frozenset({4, 5}))
    assert is_business_day(date(2026, 12, 6), gulf) and not is_business_day(date(2026, 12, 4), gulf)
    # empty quiet days: every day is a business day
    assert is_business_day(date(2026, 12, 5), sched(quiet_days=frozenset()))
    # but a thank-you (business_days=False) is allowed on Saturday
    assert is_allowed(ny(2026, 12, 5, 10, 0), S, business_days=False)
    assert not is_allowed(ny(2026, 12, 5, 10, 0), S, business_days=True)


def test_rule_6_national_holidays_by_country_and_subdivision() -> None:
    bavaria = sched("Europe/Berlin", holidays_country="DE", holidays_subdiv="BY")
    berlin = sched("Europe/Berlin", holidays_country="DE", holidays_subdiv="BE")
    epiphany = date(2026, 1, 6)  # a holiday in Bavaria, not in Berlin
    assert not is_business_day(epiphany, bavaria)
    assert is_business_day(epiphany, berlin)
    assert not is_business_day(date(2026, 12, 25), US)
    # observed holidays: US Independence Day 2026 falls on a Saturday, observed Friday 07-03
    assert not is_business_day(date(2026, 7, 3), US)


def test_rule_8_second_check_in_is_dropped_first() -> None:
    assert steps_allowed(3) == (StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN,
                                StepKind.FINAL_FOLLOW_UP)
    assert steps_allowed(2) == (StepKind.CHECK_IN, StepKind.FINAL_FOLLOW_UP)
    assert steps_allowed(1) == (StepKind.CHECK_IN,)
    assert steps_allowed(0) == ()


def test_rule_8_steps_come_strictly_in_order() -> None:
    assert next_follow_up((), 3) == StepKind.CHECK_IN
    assert next_follow_up({StepKind.CHECK_IN}, 3) == StepKind.SECOND_CHECK_IN
    assert next_follow_up({StepKind.CHECK_IN}, 2) == StepKind.FINAL_FOLLOW_UP
    # a later step done (e.g. a hand-written final) means earlier ones never come back
    assert next_follow_up({StepKind.SECOND_CHECK_IN}, 3) == StepKind.FINAL_FOLLOW_UP
    assert next_follow_up({StepKind.FINAL_FOLLOW_UP}, 3) is None
    assert next_follow_up({StepKind.CHECK_IN}, 1) is None
    assert next_follow_up((), 0) is None


def test_rule_8_none_before_the_stated_timeline_has_passed() -> None:
    end = ny(2026, 12, 1, 15, 0)
    for offset in range(0, 40):
        t = date(2026, 12, 1) + timedelta(days=offset)
        for factor in (1.0, 2.0):
            due = first_check_in_due(end, t, factor, P, US)
            assert due.astimezone(NY).date() > t
            assert is_business_day(due.date(), US)


def test_rule_9_day_waits_are_calendar_dates_across_new_york_fall_back() -> None:
    # Friday 2026-10-30 15:00 EDT + 7 days -> Friday 2026-11-06 08:00 EST (not 07:00)
    due = day_due(ny(2026, 10, 30, 15, 0), 7, S)
    assert (due.date(), due.hour, due.minute) == (date(2026, 11, 6), 8, 0)
    assert due.utcoffset() == timedelta(hours=-5)
    assert same_instant(first_check_in_due(ny(2026, 10, 30, 15, 0), None, 1.0, P, S), due)


def test_rule_9_day_waits_are_calendar_dates_across_new_york_spring_forward() -> None:
    # Friday 2026-03-06 10:00 EST + 7 days -> Friday 2026-03-13 08:00 EDT
    due = day_due(ny(2026, 3, 6, 10, 0), 7, S)
    assert (due.date(), due.hour, due.utcoffset()) == (date(2026, 3, 13), 8, timedelta(hours=-4))
    # and a late-evening end on the transition day itself
    due = day_due(ny(2026, 3, 8, 23, 30), 1, S)
    assert (due.date(), due.hour) == (date(2026, 3, 9), 8)


def test_rule_9_day_waits_are_calendar_dates_across_berlin_fall_back() -> None:
    b = sched("Europe/Berlin")
    end = datetime(2026, 10, 22, 16, 0, tzinfo=BERLIN)  # Thursday, CEST
    due = first_check_in_due(end, None, 1.0, P, b)
    assert (due.date(), due.hour, due.utcoffset()) == (date(2026, 10, 29), 8, timedelta(hours=1))
    # the moment is read in the user's zone even when the interview was given in UTC
    due = first_check_in_due(end.astimezone(UTC), None, 1.0, P, b)
    assert (due.date(), due.hour) == (date(2026, 10, 29), 8)


def test_rule_9_due_when_quiet_hours_end_that_day() -> None:
    s = sched(quiet_hours=(time(22, 0), time(7, 30)))
    assert same_instant(day_due(ny(2026, 12, 1, 15, 0), 7, s), ny(2026, 12, 8, 7, 30))
    assert first_business_day_after(date(2026, 12, 8), S) == date(2026, 12, 9)
    assert first_business_day_after(date(2026, 12, 4), S) == date(2026, 12, 7)
    assert first_business_day_after(date(2026, 11, 25), US) == date(2026, 11, 27)
    # quiet hours that do not cover midnight: still when they end that day, not at 00:00
    late = sched(quiet_hours=(time(1, 0), time(8, 0)))
    assert same_instant(day_due(ny(2026, 12, 1, 15, 0), 7, late), ny(2026, 12, 8, 8, 0))
    # a day that is not a business day moves on first, to the next one's quiet end
    assert same_instant(day_due(ny(2026, 12, 1, 15, 0), 4, late), ny(2026, 12, 7, 8, 0))
    lunch = sched(quiet_hours=(time(12, 0), time(13, 0)))
    assert same_instant(day_due(ny(2026, 12, 1, 15, 0), 7, lunch), ny(2026, 12, 8, 13, 0))


def test_rule_9_only_the_thank_you_is_timed_in_hours() -> None:
    off = sched(quiet_hours=None)
    # fall back: 01:30 EDT + 1 elapsed hour = 01:30 EST
    end = ny(2026, 11, 1, 1, 30)
    due = thank_you_due(end, P, off)
    assert due.astimezone(UTC) - end.astimezone(UTC) == timedelta(hours=1)
    assert (due.hour, due.minute, due.utcoffset()) == (1, 30, timedelta(hours=-5))
    # spring forward: 01:30 EST + 1 elapsed hour = 03:30 EDT
    end = ny(2026, 3, 8, 1, 30)
    due = thank_you_due(end, P, off)
    assert due.astimezone(UTC) - end.astimezone(UTC) == timedelta(hours=1)
    assert (due.hour, due.minute, due.utcoffset()) == (3, 30, timedelta(hours=-4))
    # Saturday-evening thank-you on the fall-back night: quiet until Sunday 08:00 EST
    due = thank_you_due(ny(2026, 10, 31, 20, 30), P, S)
    assert (due.date(), due.hour, due.utcoffset()) == (date(2026, 11, 1), 8, timedelta(hours=-5))


def test_rule_9_quiet_end_inside_a_dst_gap_is_the_transition() -> None:
    # quiet until 02:30, which does not exist on 2026-03-08 in New York: allowed from 03:00 EDT
    s = sched(quiet_hours=(time(21, 0), time(2, 30)))
    due = next_allowed(ny(2026, 3, 8, 1, 0), s, business_days=False)
    assert (due.hour, due.minute, due.utcoffset()) == (3, 0, timedelta(hours=-4))
    assert wall_time(date(2026, 3, 8), time(2, 30), NY).astimezone(UTC) == datetime(
        2026, 3, 8, 7, 0, tzinfo=UTC)


def test_rule_9_quiet_end_in_the_repeated_hour_is_never_before_the_moment() -> None:
    s = sched(quiet_hours=(time(21, 0), time(1, 30)))
    second_pass = ny(2026, 11, 1, 1, 15, fold=1)  # 01:15 EST, after the clocks went back
    due = next_allowed(second_pass, s, business_days=False)
    assert due.astimezone(UTC) >= second_pass.astimezone(UTC)
    assert (due.hour, due.minute, due.utcoffset()) == (1, 30, timedelta(hours=-5))
    first_pass = ny(2026, 11, 1, 1, 15, fold=0)  # 01:15 EDT
    due = next_allowed(first_pass, s, business_days=False)
    assert (due.hour, due.minute, due.utcoffset()) == (1, 30, timedelta(hours=-4))


def test_rule_11_largest_factor_applies_they_do_not_stack() -> None:
    ctx = ContextConfig(senior_factor=1.5, government_factor=3.0, academic_factor=2.5)
    assert context_factor("Senior Analyst", "health.gov", ctx) == 3.0
    assert context_factor("Senior Analyst", "acme.com", ctx) == 1.5
    assert context_factor("Analyst", "mit.edu", ctx) == 2.5
    assert context_factor("Analyst", "acme.com", ctx) == 1.0
    assert context_factor(None, None, ctx) == 1.0
    assert context_factor("Director", "cs.ox.ac.uk", C) == 2.0  # two apply, ×2 not ×4


@pytest.mark.parametrize(
    ("role", "senior"),
    [
        ("Senior Developer", True),
        ("Sr. Software Engineer", True),
        ("Lead Engineer", True),
        ("Principal Data Scientist", True),
        ("Director of Engineering", True),
        ("Head of Product", True),
        ("VP of Sales", True),
        ("Vice-President, Finance", True),
        ("Vice President Marketing", True),
        ("Chief Technology Officer", True),
        ("CTO", True),
        ("Executive Director", True),
        ("Account Executive", False),  # a sales role, not an executive one
        ("Executive Assistant", False),
        ("Staff Accountant", False),
        ("Software Engineer", False),
        ("Seniority Analyst", False),  # not a whole word
        ("Team Leader Trainee", False),  # "leader" is not "lead"
        ("Headcount Planner", False),
        ("Junior Developer", False),
        ("", False),
        (None, False),
    ],
)
def test_rule_11_seniority_read_from_role_title_as_whole_words(role: str | None,
                                                                senior: bool) -> None:
    assert is_senior_role(role, C) is senior
    assert context_factor(role, "acme.com", C) == (2.0 if senior else 1.0)


@pytest.mark.parametrize(
    ("domain", "government", "academic"),
    [
        ("usa.gov", True, False),
        ("health.gov.au", True, False),
        ("army.mil", True, False),
        ("tbs-sct.gc.ca", True, False),
        ("digital.gov.uk", True, False),
        ("ec.europa.eu", True, False),
        ("interieur.gouv.fr", True, False),
        ("mhlw.go.jp", True, False),
        ("jane@nasa.gov", True, False),
        ("mit.edu", False, True),
        ("unimelb.edu.au", False, True),
        ("cs.ox.ac.uk", False, True),
        ("u-tokyo.ac.jp", False, True),
        ("acme.com", False, False),
        ("maplewoodschools.k12.nj.us", True, False),  # a public school district: local government
        ("gov.com", False, False),  # "*" is a two-letter country only
        ("governance.io", False, False),
        ("education.com", False, False),
        ("", False, False),
        (None, False, False),
    ],
)
def test_rule_11_government_and_academic_read_from_employer_domain(
        domain: str | None, government: bool, academic: bool) -> None:
    assert is_government_domain(domain, C) is government
    assert is_academic_domain(domain, C) is academic
    expected = 2.0 if government or academic else 1.0
    assert context_factor("Analyst", domain, C) == expected


def test_rule_11_fractional_factor_rounds_up_to_whole_days() -> None:
    assert scaled_days(timedelta(days=7), 1.5) == 11  # 10.5 -> 11
    assert scaled_days(timedelta(days=10), 1.1) == 11  # float noise does not add a day
    assert scaled_days(timedelta(days=7), 2.0) == 14
    assert scaled_days(timedelta(days=7), 1.0) == 7
    due = first_check_in_due(ny(2026, 12, 1, 15, 0), None, 1.5, P, S)
    assert same_instant(due, ny(2026, 12, 14, 8, 0))  # 12-12 is a Saturday -> Monday


def test_rule_11_factor_multiplies_second_check_in_and_final_follow_up() -> None:
    end = ny(2026, 12, 1, 15, 0)
    # 60 days = Saturday 2027-01-30 -> Monday
    assert same_instant(final_follow_up_due(end, None, 2.0, P, S), ny(2027, 2, 1, 8, 0))
    assert same_instant(second_check_in_due(end, 2.0, P, S), ny(2026, 12, 29, 8, 0))
    assert domain_matches("a.b.gov.au", "gov.*") and not domain_matches("gov.au", "x.gov.*")


def test_rule_12_thank_you_window_and_catch_up_window() -> None:
    end = ny(2026, 12, 1, 15, 0)
    assert thank_you_window_open(end, ny(2026, 12, 1, 18, 0), P)
    assert not thank_you_window_open(end, ny(2026, 12, 3, 9, 0), P)
    now = ny(2026, 12, 10, 12, 0)
    assert within_catch_up(ny(2026, 12, 7, 12, 0), now, P)  # exactly 3 days ago
    assert not within_catch_up(ny(2026, 12, 7, 11, 59), now, P)
    assert not within_catch_up(ny(2026, 12, 10, 12, 1), now, P)  # not yet due


def test_rule_13_networking_counts_from_close_then_from_the_previous_one() -> None:
    closed = ny(2027, 1, 5, 14, 0)  # final follow-up sent
    first = networking_due(closed, P, S)
    assert first is not None and first.date() == date(2027, 3, 22)  # +75 = Sat 03-21 -> Mon
    second = networking_due(ny(2027, 3, 23, 9, 0), P, S, sent_so_far=1)  # user sent it Tuesday
    assert second is not None and second.date() == date(2027, 6, 7)  # +75 = Sun 06-06 -> Mon


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        is_quiet(datetime(2026, 12, 1, 21, 0), S)
    with pytest.raises(ValueError, match="naive"):
        thank_you_due(datetime(2026, 12, 1, 21, 0), P, S)


# ============================================================================ properties

ZONES = ["America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "America/Sao_Paulo",
         "Asia/Kolkata", "Pacific/Chatham", "UTC", "America/Havana", "Asia/Tehran"]

moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2029, 12, 31),
                       timezones=st.just(UTC))
clock_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))


@st.composite
def schedules(draw: st.DrawFn) -> ScheduleConfig:
    qh: tuple[time, time] | None = None
    if draw(st.booleans()) or draw(st.booleans()):
        start, end = draw(clock_times), draw(clock_times)
        if start != end:
            qh = (start, end)
    quiet_days = frozenset(draw(st.sets(st.integers(0, 6), max_size=6)))
    country = draw(st.sampled_from([None, "US", "DE", "GB"]))
    own = tuple(draw(st.lists(st.dates(date(2024, 1, 1), date(2030, 12, 31)), max_size=20)))
    return ScheduleConfig(timezone=draw(st.sampled_from(ZONES)), quiet_hours=qh,
                          quiet_days=quiet_days, holidays_country=country, holidays=own)


@settings(max_examples=300, deadline=None)
@given(moment=moments, schedule=schedules(), business=st.booleans())
def test_property_next_allowed_is_allowed_minimal_and_idempotent(
        moment: datetime, schedule: ScheduleConfig, business: bool) -> None:
    result = next_allowed(moment, schedule, business_days=business)
    assert result.astimezone(UTC) >= moment
    assert is_allowed(result, schedule, business_days=business)
    assert not is_quiet(result, schedule)
    again = next_allowed(result, schedule, business_days=business)
    assert again.astimezone(UTC) == result.astimezone(UTC)
    # nothing allowed was skipped: the instant just before is either the input or not allowed
    just_before = result.astimezone(UTC) - timedelta(microseconds=1)
    assert just_before < moment or not is_allowed(just_before, schedule, business_days=business)


@settings(max_examples=200, deadline=None)
@given(moment=moments, schedule=schedules(), days=st.integers(0, 120),
       factor=st.sampled_from([1.0, 1.5, 2.0, 3.0]), timeline=st.none() | st.integers(0, 60))
def test_property_follow_ups_land_on_business_days_outside_quiet_hours(
        moment: datetime, schedule: ScheduleConfig, days: int, factor: float,
        timeline: int | None) -> None:
    zone = ZoneInfo(schedule.timezone)
    start_day = moment.astimezone(zone).date()
    for due in (
        day_due(moment, days, schedule),
        first_check_in_due(moment, None if timeline is None else
                           start_day + timedelta(days=timeline), factor, P, schedule),
        second_check_in_due(moment, factor, P, schedule),
        final_follow_up_due(moment, moment + timedelta(days=days), factor, P, schedule),
    ):
        assert not is_quiet(due, schedule)
        assert is_business_day(due.astimezone(zone).date(), schedule)
        assert due.astimezone(UTC) > moment or days == 0
    assert day_due(moment, days, schedule).astimezone(zone).date() >= start_day + timedelta(days)
    if timeline is not None:
        due = first_check_in_due(moment, start_day + timedelta(days=timeline), factor, P, schedule)
        assert due.astimezone(zone).date() > start_day + timedelta(days=timeline)


@settings(max_examples=200, deadline=None)
@given(moment=moments, schedule=schedules())
def test_property_thank_you_is_never_quiet_and_never_early(
        moment: datetime, schedule: ScheduleConfig) -> None:
    due = thank_you_due(moment, P, schedule)
    assert not is_quiet(due, schedule)
    assert due.astimezone(UTC) >= moment + P.thank_you_delay


def test_rule_12_the_thank_you_window_closes_exactly_24_hours_after_the_end() -> None:
    """Audit 22d: the boundary of "a thank-you whose 24-hour window is still open"."""
    end = ny(2026, 12, 1, 15, 0)
    assert thank_you_window_open(end, ny(2026, 12, 2, 14, 59), P)
    assert not thank_you_window_open(end, ny(2026, 12, 2, 15, 0), P)
