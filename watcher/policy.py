"""followup-policy.md as code: when each draft falls due (quiet hours, business days, waits).

Pure: no I/O, no clock. Every moment is an aware datetime; results are in the user's zone.
Waits counted in days are calendar days in the user's zone (rule 9), so DST never shifts them.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Collection
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from watcher.config import ContextConfig, PolicyConfig, ScheduleConfig
from watcher.models import StepKind

log = logging.getLogger(__name__)

# Guard against a schedule with no allowed moment in sight (e.g. years of configured holidays).
_MAX_STEPS = 4000

FOLLOW_UP_STEPS: tuple[StepKind, ...] = (
    StepKind.CHECK_IN,
    StepKind.SECOND_CHECK_IN,
    StepKind.FINAL_FOLLOW_UP,
)


# ---------------------------------------------------------------------------------------------
# Wall-clock helpers (DST-safe)
# ---------------------------------------------------------------------------------------------


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: policy needs aware datetimes")


def to_local(moment: datetime, schedule: ScheduleConfig) -> datetime:
    """`moment` in the user's zone."""
    _require_aware(moment)
    return moment.astimezone(schedule.zone)


def _utc(moment: datetime) -> datetime:
    """For comparisons: two datetimes sharing a tzinfo compare by wall time, ignoring fold."""
    _require_aware(moment)
    return moment.astimezone(UTC)


def _plus(moment: datetime, delta: timedelta, zone: ZoneInfo) -> datetime:
    """Elapsed-time addition (aware + timedelta in Python is wall-clock addition otherwise)."""
    _require_aware(moment)
    return (moment.astimezone(UTC) + delta).astimezone(zone)


def wall_time(day: date, at: time, zone: ZoneInfo, not_before: datetime | None = None) -> datetime:
    """The first instant on `day` whose local wall time is `at` or later.

    An ambiguous wall time (DST fall-back) gives its first occurrence, or the second when the
    first is before `not_before`; a wall time in a DST gap gives the transition instant.
    """
    naive = datetime.combine(day, at)
    first = naive.replace(tzinfo=zone, fold=0)
    back = first.astimezone(UTC).astimezone(zone)
    if back.replace(tzinfo=None) == naive:  # the wall time exists
        if not_before is not None and _utc(back) < _utc(not_before):
            second = naive.replace(tzinfo=zone, fold=1).astimezone(UTC).astimezone(zone)
            if second.replace(tzinfo=None) == naive and _utc(second) >= _utc(not_before):
                return second
        return back
    # In a gap: fold=0 and fold=1 map to instants on either side of the transition; the
    # transition is the first instant whose wall time is at or after `naive`.
    lo = int(naive.replace(tzinfo=zone, fold=1).astimezone(UTC).timestamp())
    hi = int(first.astimezone(UTC).timestamp())
    lo, hi = min(lo, hi), max(lo, hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if datetime.fromtimestamp(mid, zone).replace(tzinfo=None) >= naive:
            hi = mid
        else:
            lo = mid
    return datetime.fromtimestamp(hi, zone)


# ---------------------------------------------------------------------------------------------
# Quiet hours, business days, allowed moments (rules 6 and 9)
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def national_holidays(country: str, subdiv: str | None, year: int) -> frozenset[date]:
    """Public holidays (observed days included) of `country`/`subdiv` in `year`; cached."""
    import holidays

    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=year).keys())


def is_holiday(day: date, schedule: ScheduleConfig) -> bool:
    """A configured holiday or a national holiday of `holidays_country` (and subdivision)."""
    if day in schedule.holidays:
        return True
    if schedule.holidays_country:
        return day in national_holidays(schedule.holidays_country, schedule.holidays_subdiv,
                                        day.year)
    return False


def is_business_day(day: date, schedule: ScheduleConfig) -> bool:
    """Not a quiet day (default Sat, Sun) and not a holiday."""
    return day.weekday() not in schedule.quiet_days and not is_holiday(day, schedule)


def is_quiet(moment: datetime, schedule: ScheduleConfig) -> bool:
    """Inside quiet hours `[start, end)` in the user's zone (21:00 is quiet, 08:00 is not)."""
    if schedule.quiet_hours is None:
        return False
    start, end = schedule.quiet_hours
    t = to_local(moment, schedule).time()
    if start < end:
        return start <= t < end
    return t >= start or t < end  # crosses midnight


def is_allowed(moment: datetime, schedule: ScheduleConfig, *, business_days: bool) -> bool:
    """An allowed moment: outside quiet hours and, when `business_days`, on a business day."""
    local = to_local(moment, schedule)
    if business_days and not is_business_day(local.date(), schedule):
        return False
    return not is_quiet(local, schedule)


def _quiet_end(local: datetime, schedule: ScheduleConfig) -> datetime:
    """When the quiet period containing `local` ends."""
    assert schedule.quiet_hours is not None
    start, end = schedule.quiet_hours
    day = local.date()
    if start > end and local.time() >= start:  # evening part of a period crossing midnight
        day += timedelta(days=1)
    return wall_time(day, end, schedule.zone, not_before=local)


def next_allowed(moment: datetime, schedule: ScheduleConfig, *, business_days: bool) -> datetime:
    """The first allowed moment at or after `moment`, in the user's zone.

    Outside quiet hours, and on a business day when `business_days`; a later day's moment is
    the end of its quiet hours (rule 9), also when they do not cover midnight; midnight
    without quiet hours.
    """
    local = to_local(moment, schedule)
    zone = schedule.zone
    day_start = schedule.quiet_hours[1] if schedule.quiet_hours is not None else time(0)
    for _ in range(_MAX_STEPS):
        if business_days and not is_business_day(local.date(), schedule):
            local = wall_time(local.date() + timedelta(days=1), day_start, zone)
            continue
        if is_quiet(local, schedule):
            local = _quiet_end(local, schedule)
            continue
        return local
    raise ValueError(f"no allowed moment within {_MAX_STEPS} steps after {moment.isoformat()}: "
                     "check quiet_days and holidays")


def holding(moment: datetime, schedule: ScheduleConfig, *, business_days: bool) -> tuple[str, ...]:
    """What keeps `moment`, and the stretch after it up to `next_allowed`, from being
    allowed: "quiet hours", "quiet days", "a holiday", in the order met (empty when `moment`
    is allowed). Walks as `next_allowed` does."""
    local = to_local(moment, schedule)
    zone = schedule.zone
    day_start = schedule.quiet_hours[1] if schedule.quiet_hours is not None else time(0)
    out: list[str] = []
    for _ in range(_MAX_STEPS):
        if business_days and not is_business_day(local.date(), schedule):
            why = "quiet days" if local.weekday() in schedule.quiet_days else "a holiday"
            local = wall_time(local.date() + timedelta(days=1), day_start, zone)
        elif is_quiet(local, schedule):
            why = "quiet hours"
            local = _quiet_end(local, schedule)
        else:
            return tuple(out)
        if why not in out:
            out.append(why)
    raise ValueError(f"no allowed moment within {_MAX_STEPS} steps after {moment.isoformat()}: "
                     "check quiet_days and holidays")


def day_moment(day: date, schedule: ScheduleConfig) -> datetime:
    """The moment a wait that resolves to `day` falls due: the first business day on or after
    it, when quiet hours end that day (rule 9), also when they do not cover midnight (quiet
    01:00-08:00: 08:00, not 00:00); midnight without quiet hours."""
    for _ in range(_MAX_STEPS):
        if is_business_day(day, schedule):
            break
        day += timedelta(days=1)
    start = schedule.quiet_hours[1] if schedule.quiet_hours is not None else time(0)
    return next_allowed(wall_time(day, start, schedule.zone), schedule, business_days=True)


def day_due(start: datetime, days: int, schedule: ScheduleConfig) -> datetime:
    """Rule 9: `start`'s calendar date in the user's zone plus `days`, moved to the next
    business day, due when quiet hours end that day. DST never shifts it."""
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    return day_moment(to_local(start, schedule).date() + timedelta(days=days), schedule)


def first_business_day_after(day: date, schedule: ScheduleConfig) -> date:
    """The first business day strictly after `day` ("next Tuesday" -> Wednesday)."""
    return day_moment(day + timedelta(days=1), schedule).date()


def scaled_days(wait: timedelta, factor: float) -> int:
    """A whole-day wait times a context factor, rounded UP to whole days (7 × 1.5 -> 11)."""
    # round() first so that float noise (10 × 1.1 = 11.000000000000002) does not add a day.
    return max(0, math.ceil(round(wait / timedelta(days=1) * factor, 6)))


# ---------------------------------------------------------------------------------------------
# Due moments of each draft (the policy's table)
# ---------------------------------------------------------------------------------------------


def thank_you_due(interview_end: datetime, policy: PolicyConfig, schedule: ScheduleConfig,
                  *, same_day: bool = False) -> datetime:
    """Interview end + `thank_you_delay` (elapsed time), at the first moment outside quiet hours.

    Quiet days and holidays never delay it (rule 6). With `same_day` (phone screens and final
    rounds: "same day where quiet hours allow"), when the delay would push the draft into the
    next day but the interview ended outside quiet hours, it is due at the interview's end.
    """
    zone = schedule.zone
    due = next_allowed(_plus(interview_end, policy.thank_you_delay, zone), schedule,
                       business_days=False)
    if same_day:
        end_local = to_local(interview_end, schedule)
        if due.date() != end_local.date() and not is_quiet(end_local, schedule):
            return end_local
    return due


def thank_you_deadline(interview_end: datetime, policy: PolicyConfig) -> datetime:
    """The end of the guide's window: interview end + `thank_you_window` (24 h, elapsed)."""
    _require_aware(interview_end)
    tz = interview_end.tzinfo
    assert tz is not None
    return (interview_end.astimezone(UTC) + policy.thank_you_window).astimezone(tz)


def thank_you_window_open(interview_end: datetime, now: datetime, policy: PolicyConfig) -> bool:
    """True while `now` is before the thank-you deadline (rule 12: drafted even on a first sync)."""
    return _utc(now) < _utc(thank_you_deadline(interview_end, policy))


def apply_min_spacing(due: datetime, last_follow_up_sent_at: datetime | None,
                      policy: PolicyConfig, schedule: ScheduleConfig) -> datetime:
    """Rule 5: no earlier than `min_spacing` (elapsed) after the last follow-up actually sent,
    moved to the next allowed business moment. The thank-you is not a follow-up: never pass it."""
    if last_follow_up_sent_at is None or not policy.min_spacing:
        return due
    earliest = _plus(last_follow_up_sent_at, policy.min_spacing, schedule.zone)
    if _utc(due) >= _utc(earliest):
        return due
    return next_allowed(earliest, schedule, business_days=True)


def first_check_in_due(interview_end: datetime, stated_timeline: date | None, factor: float,
                       policy: PolicyConfig, schedule: ScheduleConfig, *,
                       last_follow_up_at: datetime | None = None) -> datetime:
    """The first check-in.

    `interview_end` is the moment the wait counts from: the latest round's end, or after an
    employer reply without a date, the later of that reply and my last message (rule 4).
    With a stated timeline T: the first business day after T, when quiet hours end; the factor
    never multiplies T (rule 11). A T before `interview_end`'s date is stale and ignored.
    Without one: `wait_without_timeline` × factor (days rounded up) later, on a business day.
    """
    start_day = to_local(interview_end, schedule).date()
    if stated_timeline is not None and stated_timeline >= start_day:
        due = day_moment(stated_timeline + timedelta(days=1), schedule)
    else:
        due = day_due(interview_end, scaled_days(policy.wait_without_timeline, factor), schedule)
    return apply_min_spacing(due, last_follow_up_at, policy, schedule)


def second_check_in_due(first_check_in_sent_at: datetime, factor: float, policy: PolicyConfig,
                        schedule: ScheduleConfig, *,
                        last_follow_up_at: datetime | None = None) -> datetime:
    """`second_check_in_after` × factor days after the first check-in was sent (or after its
    deleted draft was seen, rule 2), on a business day, and at least `min_spacing` after the
    latest follow-up sent."""
    due = day_due(first_check_in_sent_at,
                  scaled_days(policy.second_check_in_after, factor), schedule)
    last = first_check_in_sent_at if last_follow_up_at is None else max(
        first_check_in_sent_at, last_follow_up_at, key=_utc)
    return apply_min_spacing(due, last, policy, schedule)


def final_follow_up_due(interview_end: datetime, last_follow_up_at: datetime | None,
                        factor: float, policy: PolicyConfig, schedule: ScheduleConfig) -> datetime:
    """Interview end + `final_follow_up_after` × factor days, on a business day, and at least
    `min_spacing` after the previous follow-up sent (the guide's "break-up" message)."""
    due = day_due(interview_end, scaled_days(policy.final_follow_up_after, factor), schedule)
    return apply_min_spacing(due, last_follow_up_at, policy, schedule)


def networking_due(since: datetime, policy: PolicyConfig, schedule: ScheduleConfig, *,
                   sent_so_far: int = 0, after_rejection: bool = False) -> datetime | None:
    """The next networking check-in, or None when no more are allowed.

    `since` is when the process closed (final follow-up sent or deleted, rejection received)
    for the first one, and the previous networking check-in for later ones (rule 13). Context
    factors do not apply (rule 11 names only the check-ins and the final follow-up).
    """
    if sent_so_far >= policy.networking_max:
        return None
    if after_rejection and not policy.networking_after_rejection:
        return None
    return day_due(since, policy.networking_every.days, schedule)


def within_catch_up(due: datetime, now: datetime, policy: PolicyConfig) -> bool:
    """Rule 12: a step that fell due at most `catch_up_window` before `now` (and not after it)."""
    return _utc(now) - policy.catch_up_window <= _utc(due) <= _utc(now)


# ---------------------------------------------------------------------------------------------
# Steps (rule 8)
# ---------------------------------------------------------------------------------------------


def steps_allowed(max_follow_ups: int) -> tuple[StepKind, ...]:
    """The follow-up steps in order for a `max_follow_ups` (rule 8).

    3 -> first, second, final; 2 -> first, final (the second is dropped first);
    1 -> first only (a check-in after the stated timeline is the one the guide calls for;
    the process then closes without a break-up message); 0 -> none.
    """
    if max_follow_ups <= 0:
        return ()
    if max_follow_ups == 1:
        return (StepKind.CHECK_IN,)
    if max_follow_ups == 2:
        return (StepKind.CHECK_IN, StepKind.FINAL_FOLLOW_UP)
    return FOLLOW_UP_STEPS


def next_follow_up(done: Collection[StepKind], max_follow_ups: int) -> StepKind | None:
    """The step after the latest one done or skipped (strict order), or None when none is left."""
    allowed = steps_allowed(max_follow_ups)
    last = max((allowed.index(s) for s in done if s in allowed), default=-1)
    return allowed[last + 1] if last + 1 < len(allowed) else None


# ---------------------------------------------------------------------------------------------
# Context factors (rule 11)
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    parts = [re.escape(w.strip()).replace(r"\ ", r"[\s\-]+") for w in words if w.strip()]
    if not parts:
        return None
    parts.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def is_senior_role(role: str | None, context: ContextConfig) -> bool:
    """The role's title contains one of `senior_words` as whole words ("Senior", "VP of ...")."""
    if not role:
        return False
    pattern = _words_pattern(context.senior_words)
    return bool(pattern and pattern.search(role))


def domain_matches(domain: str, pattern: str) -> bool:
    """`domain` ends with the labels of `pattern`; "*" matches one two-letter country label."""
    labels = domain.lower().strip().strip(".").split(".")
    pat = pattern.lower().strip().strip(".").split(".")
    if not labels or len(labels) < len(pat):
        return False
    for label, want in zip(labels[-len(pat):], pat, strict=True):
        if want == "*":
            if not (len(label) == 2 and label.isalpha()):
                return False
        elif label != want:
            return False
    return True


def _domain_of(value: str | None) -> str | None:
    if not value:
        return None
    return value.rpartition("@")[2].strip().lower() or None


def is_government_domain(domain: str | None, context: ContextConfig) -> bool:
    """The employer's domain is a government one (.gov, .gov.xx, .mil, gc.ca, europa.eu ...)."""
    d = _domain_of(domain)
    return d is not None and any(domain_matches(d, p) for p in context.government_domains)


def is_academic_domain(domain: str | None, context: ContextConfig) -> bool:
    """The employer's domain is an academic one (.edu, .edu.xx, .ac.xx ...)."""
    d = _domain_of(domain)
    return d is not None and any(domain_matches(d, p) for p in context.academic_domains)


def context_factor(role: str | None, employer_domain: str | None,
                   context: ContextConfig) -> float:
    """Rule 11: the largest applicable factor (they never stack); 1.0 when none applies."""
    applicable = []
    if is_senior_role(role, context):
        applicable.append(context.senior_factor)
    if is_government_domain(employer_domain, context):
        applicable.append(context.government_factor)
    if is_academic_domain(employer_domain, context):
        applicable.append(context.academic_factor)
    return max(applicable) if applicable else 1.0
