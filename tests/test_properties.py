"""Property tests (hypothesis) over random mail histories: the rules that must always hold.

Histories: a confirmed interview, then random employer replies (other, timeline with a date,
next step with a new round, rejection, offer, automatic mail) and the user's own thank-yous
and follow-ups at random moments; the user sends every draft at once, deletes every draft, or
leaves them all. The pure driver (tests/enginekit.py) replays them like the pipeline does;
one property also runs whole histories through `watcher simulate`'s real tick.
"""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.enginekit import (
    BOB,
    CAROL,
    JANE,
    NY,
    RECRUITER,
    Driver,
    Made,
    config,
    confirm,
    mine,
    reply,
)
from watcher.models import InterviewType, Kind, ReplyKind, StepKind
from watcher.policy import is_business_day
from watcher.state import MessageFact

START = datetime(2026, 10, 5, 9, 0, tzinfo=NY)
FOLLOW_UPS = {StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP}


def stamp(d: datetime) -> str:
    return d.astimezone(NY).strftime("%Y-%m-%d %H:%M")


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[MessageFact], str, int]:
    """(messages, user behaviour, max_follow_ups)."""
    day = draw(st.integers(1, 10))
    hour = draw(st.integers(7, 20))
    minute = draw(st.sampled_from([0, 15, 30, 45]))
    start = (START + timedelta(days=day)).replace(hour=hour, minute=minute)
    length = draw(st.sampled_from([30, 45, 60, 90]))
    who = draw(st.sampled_from([(JANE,), (JANE, BOB), (JANE, BOB, CAROL)]))
    type_ = draw(st.sampled_from([None, *InterviewType]))
    msgs: list[MessageFact] = [confirm(stamp(START), stamp(start), length, who=who, type_=type_)]
    for _ in range(draw(st.integers(0, 6))):
        when = start + timedelta(minutes=draw(st.integers(-60 * 24, 60 * 24 * 120)))
        what = draw(st.sampled_from(["other", "timeline", "rejection", "offer", "next",
                                     "auto", "thanks", "follow", "convo"]))
        w = stamp(when)
        if what == "other":
            msgs.append(reply(w))
        elif what == "timeline":
            t = (when + timedelta(days=draw(st.integers(-3, 40)))).date()
            msgs.append(reply(w, ReplyKind.TIMELINE_UPDATE, timeline=t))
        elif what == "rejection":
            msgs.append(reply(w, ReplyKind.REJECTION))
        elif what == "offer":
            msgs.append(reply(w, ReplyKind.OFFER))
        elif what == "next":
            later = when + timedelta(days=draw(st.integers(1, 14)), hours=2)
            msgs.append(confirm(w, stamp(later), 60, who=(BOB,)))
        elif what == "auto":
            back = draw(st.one_of(st.none(), st.dates(date(2026, 10, 1), date(2027, 3, 1))))
            msgs.append(reply(w, automatic=True, timeline=back))
        elif what == "thanks":
            msgs.append(mine(w, Kind.THANK_YOU, to=(draw(st.sampled_from(who)),)))
        elif what == "follow":
            msgs.append(mine(w, Kind.FOLLOW_UP))
        else:
            msgs.append(mine(w, Kind.OTHER))
    user = draw(st.sampled_from(["send", "delete", "keep"]))
    return msgs, user, draw(st.integers(0, 3))


def run(h: tuple[list[MessageFact], str, int]) -> tuple[Driver, list[Made]]:
    msgs, user, mx = h
    d = Driver(list(msgs), user=user, cfg=config(max_follow_ups=mx))
    return d, d.run(datetime(2027, 9, 1, tzinfo=NY))


SETTINGS = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(histories())
def test_never_two_drafts_for_one_step(h: tuple[list[MessageFact], str, int]) -> None:
    _, made = run(h)
    keys = [m.key for m in made]
    assert len(keys) == len(set(keys))
    # And never two thank-yous for the same interviewer of the same round.
    thanks = [(m.round, m.to) for m in made if m.step is StepKind.THANK_YOU]
    assert len(thanks) == len(set(thanks))


@SETTINGS
@given(histories())
def test_quiet_hours_and_business_days(h: tuple[list[MessageFact], str, int]) -> None:
    d, made = run(h)
    for m in made:
        local = m.at.astimezone(NY)
        assert 8 <= local.hour < 21, m
        if m.step is not StepKind.THANK_YOU:
            assert is_business_day(local.date(), d.cfg.schedule), m


@SETTINGS
@given(histories())
def test_drafted_follow_ups_are_min_spacing_apart(h: tuple[list[MessageFact], str, int]) -> None:
    d, made = run((h[0], "send", h[2]))
    sent = sorted(m.at for m in made if m.step in FOLLOW_UPS)
    for a, b in itertools.pairwise(sent):
        assert b - a >= d.cfg.policy.min_spacing, (a, b)


@SETTINGS
@given(histories())
def test_no_draft_while_one_of_ours_is_pending(h: tuple[list[MessageFact], str, int]) -> None:
    d, made = run((h[0], "keep", h[2]))
    msgs = d.messages
    steps = sorted({(m.at, m.step) for m in made})
    for (t1, s1), (t2, _) in itertools.pairwise(steps):
        # Something must have released the earlier draft in between: the employer wrote
        # (obsolete) or the user did the step by hand.
        released = [m for m in msgs if t1 < m.at <= t2 and (
            m.employer or m.kind in (Kind.THANK_YOU, Kind.FOLLOW_UP))]
        assert released, (t1, s1, t2)


@SETTINGS
@given(histories())
def test_nothing_after_rejection_or_offer_but_networking(
        h: tuple[list[MessageFact], str, int]) -> None:
    d, made = run(h)
    employer = sorted((m for m in d.messages if m.employer), key=lambda m: m.at)
    for i, m in enumerate(employer):
        if m.reply not in (ReplyKind.REJECTION, ReplyKind.OFFER):
            continue
        nxt = employer[i + 1].at if i + 1 < len(employer) else None
        after = [x for x in made if x.at > m.at and (nxt is None or x.at < nxt)]
        if m.reply is ReplyKind.OFFER:
            assert after == []
        else:
            assert all(x.step is StepKind.NETWORKING for x in after), after


@SETTINGS
@given(histories())
def test_nothing_before_the_interview_ends_and_replays_are_identical(
        h: tuple[list[MessageFact], str, int]) -> None:
    _, made = run(h)
    first_end = h[0][0].interview.end  # type: ignore[union-attr]
    assert all(m.at >= first_end for m in made)
    _, again = run(h)
    assert [(m.at, m.key) for m in made] == [(m.at, m.key) for m in again]


@SETTINGS
@given(histories())
def test_follow_ups_come_in_order_within_a_cycle(h: tuple[list[MessageFact], str, int]) -> None:
    _, made = run(h)
    order = {StepKind.CHECK_IN: 0, StepKind.SECOND_CHECK_IN: 1, StepKind.FINAL_FOLLOW_UP: 2}
    by_cycle: dict[str, list[int]] = {}
    for m in made:
        if m.step in order:
            cyc = m.key.rsplit("/", 1)[0]
            by_cycle.setdefault(cyc, []).append(order[m.step])
    for seq in by_cycle.values():
        assert seq == sorted(seq) and len(seq) == len(set(seq))


def test_recipients_are_never_service_addresses() -> None:
    d = Driver([confirm("2026-10-05 09:00", "2026-10-07 10:00", who=(JANE,)),
                reply("2026-10-09 10:00", sender=RECRUITER)])
    made = d.run(datetime(2027, 3, 1, tzinfo=NY))
    assert made and all("no-reply" not in m.to and "greenhouse" not in m.to for m in made)


# ---------------------------------------------------------------- through the real pipeline

_BODIES = {
    "other": (True, "Re: Interview confirmed: Backend Engineer at Acme",
              "Hi Alex,\r\n\r\nThanks again for your time. We are still meeting candidates and "
              "will get back to you.\r\n\r\nBest,\r\nJane"),
    "rejection": (True, "Re: Interview confirmed: Backend Engineer at Acme",
                  "Hi Alex,\r\n\r\nThank you for your time. After careful consideration, we "
                  "have decided not to proceed with your application for the Backend Engineer "
                  "role.\r\n\r\nBest,\r\nJane"),
    "offer": (True, "Offer - Backend Engineer at Acme",
              "Hi Alex,\r\n\r\nWe are delighted to offer you the Backend Engineer position at "
              "Acme. The offer letter is attached.\r\n\r\nBest,\r\nJane"),
    "thanks": (False, "Thank you for the Backend Engineer interview",
               "Dear Jane,\r\n\r\nThank you for taking the time to discuss the Backend Engineer "
               "role with me today.\r\n\r\nBest regards,\r\nAlex"),
    "follow": (False, "Following up on Backend Engineer interview - Alex Wong",
               "Dear Jane,\r\n\r\nI wanted to follow up on my interview for the Backend Engineer "
               "role and ask whether there is any update on the next steps.\r\n\r\nBest regards,"
               "\r\nAlex"),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(2, 24 * 80), st.sampled_from(sorted(_BODIES))),
                max_size=5),
       st.booleans())
def test_pipeline_invariants_on_random_mailboxes(events: list[tuple[int, str]],
                                                 assume_sent: bool) -> None:
    from tests.enginekit import ALEX, JANE_H, confirmation_mail, raw_mail
    from watcher.models import State
    from watcher.simulate import MboxMessage, configure_for, simulate

    conf, mid = confirmation_mail()
    mails = [MboxMessage(0, conf, datetime(2026, 11, 25, 10, 0, tzinfo=NY), False)]
    end = datetime(2026, 12, 1, 15, 0, tzinfo=NY)
    for i, (hours, what) in enumerate(sorted(events)):
        employer, subject, body = _BODIES[what]
        when = end + timedelta(hours=hours)
        raw, _ = raw_mail(JANE_H if employer else ALEX, ALEX if employer else JANE_H, subject,
                          stamp(when), body, in_reply_to=mid)
        mails.append(MboxMessage(i + 1, raw, when, not employer))
    cfg = configure_for(config(), ("alex@example.com",), "America/New_York")
    res = simulate(mails, cfg, zone=NY, until=datetime(2027, 6, 1, tzinfo=NY),
                   assume_sent=assume_sent)
    keys = [c.action.key for c in res.drafts]
    assert len(keys) == len(set(keys))
    for c in res.drafts:
        local = c.at.astimezone(NY)
        assert 8 <= local.hour < 21
        if c.action.step is not StepKind.THANK_YOU:
            assert is_business_day(local.date(), cfg.schedule)
        assert c.at >= end
    ups = sorted(c.at for c in res.drafts if c.action.step in FOLLOW_UPS)
    if assume_sent:
        for a, b in itertools.pairwise(ups):
            assert b - a >= cfg.policy.min_spacing
    closed = [e for e in res.events if e.state in (State.CLOSED_OFFER, State.CLOSED_REJECTED)]
    for e in closed:
        later = [c for c in res.drafts if c.at > e.at]
        # After an offer nothing at all; after a rejection only networking (a rejection may
        # follow an offer, never the other way round in these mailboxes' replies).
        allowed = set() if e.state is State.CLOSED_OFFER and e is closed[-1] else {
            StepKind.NETWORKING}
        assert all(c.action.step in allowed for c in later), (e, later)
