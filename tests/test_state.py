"""The state machine against followup-policy.md: one test per rule and per table row.

Interview: Tuesday 2026-12-01 14:00-15:00 New York (quiet hours 21:00-08:00, Sat/Sun off).
"""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.enginekit import (
    BOB,
    CAROL,
    INFO,
    JANE,
    NOREPLY,
    RECRUITER,
    Driver,
    at,
    cancel,
    config,
    confirm,
    mine,
    reply,
    timing,
)
from watcher.config import Config
from watcher.models import Address, Interview, InterviewType, Kind, ReplyKind, State, StepKind
from watcher.state import (
    NAMED_ROUND_EVIDENCE,
    DraftRecord,
    DraftStatus,
    ManualFact,
    ManualKind,
    MessageFact,
    ProcessInfo,
    fold,
    plan,
    ready_at,
    step_key,
)

C = "2026-11-25 10:00"  # the confirmation arrives
S = "2026-12-01 14:00"  # the interview starts


def steps(made: list) -> list[tuple[str, StepKind]]:
    return [(m.at.strftime("%Y-%m-%d %H:%M %a"), m.step) for m in made]


def test_table_thank_you_due_one_hour_after_the_interview_ends() -> None:
    made = Driver([confirm(C, S)]).run("2026-12-01 23:00")
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU)]
    assert made[0].to == JANE.email


def test_table_panel_gets_one_thank_you_per_interviewer_made_together() -> None:
    made = Driver([confirm(C, S, who=(JANE, BOB, CAROL), type_=InterviewType.PANEL)],
                  user="keep").run("2026-12-20 23:00")
    assert [(m.to, m.step) for m in made] == [
        (BOB.email, StepKind.THANK_YOU), (CAROL.email, StepKind.THANK_YOU),
        (JANE.email, StepKind.THANK_YOU)]
    assert len({m.at for m in made}) == 1
    assert all(m.key.endswith("/" + m.to) for m in made)


def test_table_full_chain_without_timeline_when_the_user_sends_each_draft() -> None:
    made = Driver([confirm(C, S)]).run("2027-07-01 00:00")
    assert steps(made) == [
        ("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
        ("2026-12-08 08:00 Tue", StepKind.CHECK_IN),  # end + 7 days
        ("2026-12-22 08:00 Tue", StepKind.SECOND_CHECK_IN),  # 14 days after the first
        ("2026-12-31 08:00 Thu", StepKind.FINAL_FOLLOW_UP),  # end + 30 days
        ("2027-03-16 08:00 Tue", StepKind.NETWORKING),  # 75 days after the close
        ("2027-05-31 08:00 Mon", StepKind.NETWORKING),  # 75 more: Sunday -> Monday
    ]


def test_table_first_check_in_is_the_first_business_day_after_the_stated_timeline() -> None:
    # "We'll be in touch by Friday (Dec 4)": wait until Monday.
    msgs = [confirm(C, S), reply("2026-12-01 17:00", ReplyKind.TIMELINE_UPDATE,
                                 timeline=date(2026, 12, 4))]
    made = Driver(msgs).run("2026-12-10 00:00")
    assert steps(made)[1] == ("2026-12-07 08:00 Mon", StepKind.CHECK_IN)


def _said_of_the_interview(when: str, timeline: date) -> MessageFact:
    """A reply whose timeline the classifier read as counted from the interview."""
    return dataclasses.replace(reply(when, ReplyKind.TIMELINE_UPDATE, timeline=timeline),
                               evidence=("timeline:+0.60", "timeline-from-interview:+0.00"))


def test_a_timeline_said_of_the_interview_counts_from_the_interview() -> None:
    # review 21b R4: "a decision within two weeks of your interview", written Thu Dec 3 about
    # the interview of Tue Dec 1, is Dec 15 (the classifier counted Dec 17 from the mail)
    d = Driver([confirm(C, S), _said_of_the_interview("2026-12-03 10:00", date(2026, 12, 17))])
    d.run("2026-12-04 00:00")
    assert d.state(at("2026-12-04 00:00")).timeline == date(2026, 12, 15)
    made = d.run("2026-12-20 00:00")
    assert steps(made)[1] == ("2026-12-16 08:00 Wed", StepKind.CHECK_IN)


def test_a_timeline_counted_from_the_interview_is_never_before_the_mail() -> None:
    # review 22e: "feedback within a day of our meeting" (an agency's own meeting with the client,
    # on Thursday) moved T to the day after the interview, a week before the mail: the check-in
    # came the minute the reply did, saying "you hoped to have news by" a day long gone. A
    # timeline a mail gives is never already past: it keeps the mail's reading
    d = Driver([confirm(C, S), _said_of_the_interview("2026-12-10 10:00", date(2026, 12, 11))])
    d.run("2026-12-10 12:00")
    assert d.state(at("2026-12-10 12:00")).timeline == date(2026, 12, 11)


def test_table_the_guide_example_tuesday_means_wednesday() -> None:
    msgs = [confirm(C, S, timeline=date(2026, 12, 8))]
    made = Driver(msgs).run("2026-12-12 00:00")
    assert steps(made)[1] == ("2026-12-09 08:00 Wed", StepKind.CHECK_IN)
    # the check-in can recall the day they gave (review20d)
    d = Driver(msgs)
    d.run("2026-12-08 00:00")
    (check_in,) = plan(d.state(at("2026-12-09 09:00")), timing()).actions
    assert (check_in.step, check_in.news_by, check_in.after_reply) == (
        StepKind.CHECK_IN, date(2026, 12, 8), False)


def test_table_second_check_in_counts_from_when_the_first_was_sent() -> None:
    msgs = [confirm(C, S)]
    d = Driver(msgs, user="keep")
    d.run("2026-12-08 09:00")
    # The user sends the check-in draft two days late (its copy carries the marker).
    key = d.made[-1].key
    d.messages.append(mine("2026-12-10 11:00", marker=key))
    d.user = "send"
    made = d.run("2026-12-30 00:00")
    assert steps(made)[2] == ("2026-12-24 08:00 Thu", StepKind.SECOND_CHECK_IN)


def test_table_final_follow_up_closes_the_process_no_response() -> None:
    d = Driver([confirm(C, S)])
    d.run("2027-01-05 00:00")
    ps = d.state(at("2027-01-05 00:00"))
    assert ps.state_at(at("2027-01-05 00:00")) is State.CLOSED_NO_RESPONSE


def test_table_networking_after_rejection_counts_from_the_rejection() -> None:
    msgs = [confirm(C, S), reply("2026-12-04 10:00", ReplyKind.REJECTION)]
    made = Driver(msgs).run("2027-07-01 00:00")
    assert steps(made) == [
        ("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
        ("2027-02-17 08:00 Wed", StepKind.NETWORKING),
        ("2027-05-03 08:00 Mon", StepKind.NETWORKING),
    ]


def test_a_role_put_on_hold_after_the_interview_is_not_chased() -> None:
    """(review19c s07e: "the position is on hold; we'll reach out if it reopens" after the
    interview was read as a cancellation and handled as a reply: check-ins every week or two,
    a break-up note, then networking.) The thank-you is still owed; a later word reopens."""
    from tests.enginekit import cancel

    msgs = [confirm(C, S), cancel("2026-12-03 10:00")]
    d = Driver(msgs)
    assert steps(d.run("2027-06-01 00:00")) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU)]
    assert d.state(at("2027-01-05 00:00")).state_at(at("2027-01-05 00:00")) is State.CANCELLED
    d.messages.append(reply("2027-06-02 10:00"))
    later = [s for when, s in steps(d.run("2027-07-01 00:00")) if when > "2027-06-02"]
    assert later[:1] == [StepKind.CHECK_IN]


def test_a_later_rounds_thank_you_knows_who_held_an_earlier_round() -> None:
    """(review20d: round 2's note to Jane, who held round 1, spoke of "my earlier
    conversations with the team")"""
    msgs = [confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,)),
            confirm("2026-12-04 10:00", "2026-12-10 10:00", who=(JANE, BOB))]
    acts = plan(Driver(msgs).state(at("2026-12-10 12:00")), timing()).actions
    assert [(a.round, a.to[0], a.met_before) for a in acts] == [(2, BOB, False), (2, JANE, True)]
    # and that each is one of two notes (each then asks for a point of its own)
    assert [a.panel_size for a in acts] == [2, 2]


def test_a_check_in_writes_again_only_to_someone_i_wrote_to_since_the_interview() -> None:
    """(review19b: my thank-yous to the panel made the recruiter's second check-in, after the
    first was deleted unsent, say "I am writing again ... since my last note" to someone I
    had not written to at all)"""
    from watcher.state import plan

    msgs = [confirm(C, S, who=(JANE, BOB)), mine("2026-12-01 17:00", Kind.THANK_YOU, to=(JANE, BOB))]
    d = Driver(msgs, user="delete")
    assert [m.to for m in d.run("2026-12-10 00:00") if m.step is StepKind.CHECK_IN] == [
        RECRUITER.email]
    (second,) = plan(d.state(at("2026-12-20 00:00")), timing()).actions
    assert (second.step, second.to[0].email, second.wrote_before) == (
        StepKind.SECOND_CHECK_IN, RECRUITER.email, False)
    # a note to her since the interview: "writing again" is true
    d.messages.append(mine("2026-12-09 09:00", Kind.OTHER, to=(RECRUITER,)))
    (second,) = plan(d.state(at("2026-12-20 00:00")), timing()).actions
    assert second.wrote_before


def test_table_phone_screen_thank_you_same_day_when_quiet_hours_allow() -> None:
    made = Driver([confirm(C, "2026-12-01 19:30", type_=InterviewType.PHONE)]).run(
        "2026-12-02 12:00")
    assert steps(made)[0] == ("2026-12-01 20:30 Tue", StepKind.THANK_YOU)


def test_rule_1_no_new_draft_while_one_of_ours_is_pending() -> None:
    d = Driver([confirm(C, S)], user="keep")
    made = d.run("2027-03-01 00:00")
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU)]
    p = plan(d.state(at("2027-03-01 00:00")), timing())
    assert p.blocked and "pending" in (p.waiting_for or "")


def test_rule_1_employer_mail_makes_a_pending_draft_obsolete_and_unblocks() -> None:
    d = Driver([confirm(C, S), reply("2026-12-03 10:00")], user="keep")
    made = d.run("2026-12-12 00:00")
    # The thank-you stays unsent; the reply makes it obsolete; the wait restarts from the reply.
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
                           ("2026-12-10 08:00 Thu", StepKind.CHECK_IN)]
    ps = d.state(at("2026-12-12 00:00"))
    assert [x.step for x in ps.obsolete_drafts()] == [StepKind.THANK_YOU]


@pytest.mark.parametrize(("status", "draft_id", "listed"), [
    (DraftStatus.CREATED, "Drafts/7/1", True),  # still in Drafts
    (DraftStatus.OBSOLETE, None, False),  # an intent a crash left, never made
    (DraftStatus.OBSOLETE, "Drafts/7/1", False),  # seen gone from Drafts (deleted or sent)
])
def test_an_obsolete_draft_is_listed_for_deletion_only_while_it_is_in_drafts(
        status: DraftStatus, draft_id: str | None, listed: bool) -> None:
    """The employer overtook our check-in. Status asks to delete it while the ledger has it in
    Drafts; not an intent settled obsolete before it was made (review9), nor a draft the
    pipeline saw leave Drafts: that one was listed forever (review19b #3)."""
    d = Driver([confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,)),
                reply("2026-12-09 10:00")], user="keep")
    d.run("2026-12-09 00:00")
    d.drafts = [dataclasses.replace(r, status=status, draft_id=draft_id)
                for r in d.drafts]
    ps = d.state(at("2026-12-10 00:00"))
    assert ps.settled[d.drafts[0].key][0] is DraftStatus.OBSOLETE
    assert [x.step for x in ps.obsolete_drafts()] == ([StepKind.CHECK_IN] if listed else [])


def test_rule_2_deleted_draft_is_skipped_and_never_recreated() -> None:
    d = Driver([confirm(C, S)], user="delete")
    made = d.run("2027-01-10 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU, StepKind.CHECK_IN,
                                      StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP]
    assert len({m.key for m in made}) == len(made)
    # The second check-in counts from the moment the deletion of the first was seen.
    assert steps(made)[2][0] == "2026-12-22 08:00 Tue"


def test_rule_3_hand_written_thank_you_skips_the_draft() -> None:
    msgs = [confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))]
    made = Driver(msgs).run("2026-12-09 00:00")
    assert [m.step for m in made] == [StepKind.CHECK_IN]


def test_rule_3_a_hand_written_thank_you_is_for_the_round_of_its_interviewer() -> None:
    """Two rounds back to back (Jane, then Bob); the user's note to Jane after both is for
    Jane's round: Bob is thanked, Jane not twice (it was taken for Bob's round)."""
    msgs = [confirm(C, "2026-12-01 19:30", uid="u1"),
            confirm(C, "2026-12-01 20:30", who=(BOB,), uid="u2"),
            mine("2026-12-01 22:00", Kind.THANK_YOU, to=(JANE,))]
    made = Driver(msgs).run("2026-12-03 00:00")
    assert [(m.step, m.round, m.to) for m in made] == [(StepKind.THANK_YOU, 2, "bob@acme.com")]


@pytest.mark.parametrize("screened_by_recruiter", [False, True])
def test_rule_3_a_note_to_the_recruiter_after_round_2_is_for_round_2(
        screened_by_recruiter: bool) -> None:
    """Whoever held round 1, the user's note to the recruiter after round 2 counts for round
    2 (as a note to nobody named does); it was taken for round 1 again when the recruiter had
    held it, and Bob's thank-you was drafted though the user had written (review11)."""
    msgs = [confirm(C, "2026-12-01 10:00", who=(RECRUITER,) if screened_by_recruiter else (JANE,),
                    uid="u1", type_=InterviewType.PHONE),
            confirm("2026-12-02 09:00", "2026-12-04 10:00", who=(BOB,), uid="u2"),
            mine("2026-12-04 11:15", Kind.THANK_YOU, to=(RECRUITER,))]
    made = Driver(msgs).run("2026-12-06 00:00")
    assert [(m.round, m.step) for m in made] == [(1, StepKind.THANK_YOU)]
    same = [confirm(C, "2026-12-01 10:00", uid="u1"),
            mine("2026-12-01 12:00", Kind.THANK_YOU, to=(JANE,)),
            confirm("2026-12-02 09:00", "2026-12-04 10:00", who=(JANE, BOB), uid="u2"),
            mine("2026-12-04 11:30", Kind.THANK_YOU, to=(JANE,))]
    assert [(m.round, m.to) for m in Driver(same).run("2026-12-06 00:00")
            if m.step is StepKind.THANK_YOU] == [(2, BOB.email)]


def test_rule_3_hand_written_follow_up_counts_as_the_check_in() -> None:
    msgs = [confirm(C, S), mine("2026-12-04 10:00", Kind.FOLLOW_UP)]
    made = Driver(msgs).run("2026-12-20 00:00")
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
                           ("2026-12-18 08:00 Fri", StepKind.SECOND_CHECK_IN)]


def test_rule_3_hand_written_follow_up_settles_the_pending_draft() -> None:
    d = Driver([confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))],
               user="keep")
    d.run("2026-12-08 09:00")
    d.messages.append(mine("2026-12-08 12:00", Kind.FOLLOW_UP))
    ps = d.state(at("2026-12-08 13:00"))
    assert ps.pending_drafts() == []
    assert ps.steps_done[StepKind.CHECK_IN] == at("2026-12-08 12:00")
    # Our check-in draft, still in Drafts, is of no use now: status says to delete it
    assert [x.step for x in ps.obsolete_drafts()] == [StepKind.CHECK_IN]


def test_an_intent_overtaken_by_the_users_own_mail_is_no_draft_to_delete() -> None:
    """A crash left the check-in an intent (no draft made); the user's own follow-up then
    settles it: status must not ask to delete a draft that is in no folder."""
    d = Driver([confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))],
               user="keep")
    d.run("2026-12-08 09:00")
    d.drafts = [dataclasses.replace(r, status=DraftStatus.INTENT) for r in d.drafts]
    d.messages.append(mine("2026-12-08 12:00", Kind.FOLLOW_UP))
    ps = d.state(at("2026-12-08 13:00"))
    assert ps.steps_done[StepKind.CHECK_IN] == at("2026-12-08 12:00")
    assert ps.obsolete_drafts() == []


def test_rule_3_answering_the_employer_is_conversation_not_a_step() -> None:
    msgs = [confirm(C, S), reply("2026-12-03 10:00"), mine("2026-12-03 12:00", Kind.FOLLOW_UP)]
    made = Driver(msgs).run("2026-12-12 00:00")
    # Not a check-in; it still is my last message: the wait restarts from it.
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
                           ("2026-12-10 08:00 Thu", StepKind.CHECK_IN)]


def test_rule_4_rejection_ends_follow_ups() -> None:
    cfg = config(networking_after_rejection=False)
    msgs = [confirm(C, S), reply("2026-12-02 10:00", ReplyKind.REJECTION)]
    made = Driver(msgs, cfg=cfg).run("2027-12-01 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU]


def test_rule_4_rejection_before_the_thank_you_means_no_thank_you() -> None:
    msgs = [confirm(C, S), reply("2026-12-01 15:10", ReplyKind.REJECTION)]
    made = Driver(msgs).run("2026-12-30 00:00")
    assert made == []


def test_rule_4_offer_ends_everything() -> None:
    msgs = [confirm(C, S), reply("2026-12-02 10:00", ReplyKind.OFFER)]
    made = Driver(msgs).run("2027-12-01 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU]
    d = Driver(msgs)
    assert d.state(at("2027-01-01 00:00")).state_at(at("2027-01-01 00:00")) is State.CLOSED_OFFER


def test_rule_4_next_step_starts_a_new_round_with_its_own_thank_you() -> None:
    msgs = [confirm(C, S), reply("2026-12-03 10:00", ReplyKind.NEXT_STEP),
            confirm("2026-12-04 10:00", "2026-12-10 10:00", who=(BOB,))]
    made = Driver(msgs).run("2026-12-18 00:00")
    assert [(m.round, m.step) for m in made] == [
        (1, StepKind.THANK_YOU), (2, StepKind.THANK_YOU), (2, StepKind.CHECK_IN)]
    assert steps(made)[2][0] == "2026-12-17 08:00 Thu"  # from the second round's end


def test_rule_4_other_reply_restarts_the_wait_from_the_later_of_reply_and_my_last() -> None:
    msgs = [confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,)),
            reply("2026-12-07 10:00"), mine("2026-12-07 11:00", Kind.OTHER)]
    made = Driver(msgs).run("2026-12-20 00:00")
    assert steps(made)[0] == ("2026-12-14 08:00 Mon", StepKind.CHECK_IN)


def test_a_check_in_after_the_employers_reply_is_worded_as_one() -> None:
    """The first check-in of the chain the employer's reply restarted follows up on what they
    said (compose's check_in_reply.txt); before any reply it is the plain first check-in."""
    tm = timing(config())
    before = Driver([confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))])
    (first,) = plan(before.state(at("2026-12-09 09:00")), tm).actions
    assert first.step is StepKind.CHECK_IN and not first.after_reply
    # "Thanks Alex, we'll be in touch next week": its check-in comes after the reply
    after = Driver([*before.messages, reply("2026-12-07 10:00")])
    replan = plan(after.state(at("2026-12-08 09:00")), tm)
    assert replan.waiting_for == "the wait after their reply"  # not "after the interview"
    (again,) = plan(after.state(at("2026-12-15 09:00")), tm).actions
    assert again.step is StepKind.CHECK_IN and again.after_reply and again.news_by is None
    # "we expect to decide by December 10": the check-in can say so
    dated = Driver([*before.messages, reply("2026-12-07 10:00", timeline=date(2026, 12, 10))])
    (said,) = plan(dated.state(at("2026-12-11 09:00")), tm).actions
    assert said.after_reply and said.news_by == date(2026, 12, 10)
    # a later reply without a date: that date is no longer what they said last
    undated = Driver([*dated.messages, reply("2026-12-14 10:00")])
    (last,) = plan(undated.state(at("2026-12-22 09:00")), tm).actions
    assert last.after_reply and last.news_by is None
    # an updated invite of the interview held is no reply (its organiser edited the event)
    edited = Driver([*before.messages, confirm("2026-12-02 09:00", S)])
    (plain,) = plan(edited.state(at("2026-12-09 09:00")), tm).actions
    assert plain.step is StepKind.CHECK_IN and not plain.after_reply
    # snoozed, it is the same draft later (the snooze kept only its key, step and people)
    after.manual.append(ManualFact(ManualKind.SNOOZE, at("2026-12-15 09:00"),
                                   until=at("2026-12-28 09:00")))
    (later,) = plan(after.state(at("2026-12-15 10:00")), tm).actions
    assert later.due == at("2026-12-28 09:00")
    assert later == dataclasses.replace(again, due=later.due)


def test_rule_4_the_restart_point_is_not_moved_by_the_follow_ups_after_it() -> None:
    """The interviewer answers the thank-you ("great talking to you") the next day: the chain
    restarts from that reply. The check-ins sent later are steps of the chain, not a new
    restart point: the final follow-up is reply + 30 days (it was second check-in + 30)."""
    msgs = [confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,)),
            reply("2026-12-02 09:00")]
    made = Driver(msgs).run("2027-02-10 00:00")
    assert steps(made) == [("2026-12-09 08:00 Wed", StepKind.CHECK_IN),
                           ("2026-12-23 08:00 Wed", StepKind.SECOND_CHECK_IN),
                           ("2027-01-01 08:00 Fri", StepKind.FINAL_FOLLOW_UP)]


def test_rule_4_reply_resets_the_follow_up_count() -> None:
    msgs = [confirm(C, S), reply("2026-12-10 10:00")]
    made = Driver(msgs).run("2026-12-20 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU, StepKind.CHECK_IN, StepKind.CHECK_IN]
    assert made[1].key != made[2].key and "/c1/" in made[1].key and "/c2/" in made[2].key


def test_rule_4_automatic_mail_changes_nothing_but_an_ooo_return_date() -> None:
    base = Driver([confirm(C, S)]).run("2026-12-20 00:00")
    auto = Driver([confirm(C, S), reply("2026-12-02 10:00", automatic=True)]).run(
        "2026-12-20 00:00")
    assert steps(base) == steps(auto)
    ooo = Driver([confirm(C, S), reply("2026-12-02 10:00", automatic=True,
                                       timeline=date(2026, 12, 14))]).run("2026-12-20 00:00")
    assert steps(ooo)[1] == ("2026-12-15 08:00 Tue", StepKind.CHECK_IN)
    # A return date before end + 7 days does not make the check-in earlier.
    soon = Driver([confirm(C, S), reply("2026-12-02 10:00", automatic=True,
                                        timeline=date(2026, 12, 3))]).run("2026-12-20 00:00")
    assert steps(soon) == steps(base)


def test_rule_4_new_round_cancels_undrafted_steps_of_earlier_rounds() -> None:
    # Round 2 is confirmed before round 1's thank-you falls due: no thank-you for round 1.
    msgs = [confirm(C, S), confirm("2026-12-01 15:20", "2026-12-08 10:00", who=(BOB,))]
    made = Driver(msgs).run("2026-12-09 00:00")
    assert [(m.round, m.step, m.to) for m in made] == [(2, StepKind.THANK_YOU, BOB.email)]


def test_rule_5_min_spacing_between_hand_written_and_drafted_follow_ups() -> None:
    # The check-in draft of Dec 8 sits unsent; the user writes it by hand on Thu Dec 31 09:00.
    # The final (end + 30 days = Dec 31 08:00) must then wait 7 days: Thu Jan 7 09:00.
    d = Driver([confirm(C, S), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))],
               user="keep", cfg=config(max_follow_ups=2))
    d.run("2026-12-20 09:00")
    d.messages.append(mine("2026-12-31 09:00", Kind.FOLLOW_UP))
    made = d.run("2027-01-20 00:00")
    assert steps(made) == [("2026-12-08 08:00 Tue", StepKind.CHECK_IN),
                           ("2027-01-07 09:00 Thu", StepKind.FINAL_FOLLOW_UP)]


def test_rule_6_thank_you_waits_for_quiet_hours_but_not_for_weekends() -> None:
    made = Driver([confirm(C, "2026-12-05 19:30")]).run("2026-12-07 00:00")  # Saturday
    assert steps(made) == [("2026-12-06 08:00 Sun", StepKind.THANK_YOU)]


def test_rule_6_follow_ups_only_on_business_days() -> None:
    made = Driver([confirm(C, "2026-12-05 10:00")]).run("2027-02-01 00:00")  # Saturday
    for m in made:
        if m.step is not StepKind.THANK_YOU:
            assert m.at.weekday() < 5 and 8 <= m.at.hour < 21


def test_rule_7_keys_are_unique_per_round_cycle_step_interviewer() -> None:
    assert step_key("acme-dev", 2, 3, StepKind.THANK_YOU, "Jane@Acme.com") == \
        "acme-dev/r2/c3/thank_you/jane@acme.com"
    made = Driver([confirm(C, S, who=(JANE, BOB)), reply("2026-12-10 10:00")]).run(
        "2027-06-01 00:00")
    keys = [m.key for m in made]
    assert len(keys) == len(set(keys))


def test_rule_8_max_follow_ups_two_drops_the_second_check_in() -> None:
    made = Driver([confirm(C, S)], cfg=config(max_follow_ups=2)).run("2027-01-10 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU, StepKind.CHECK_IN,
                                      StepKind.FINAL_FOLLOW_UP]


def test_rule_8_nothing_before_the_stated_timeline_even_the_final() -> None:
    msgs = [confirm(C, S, timeline=date(2027, 1, 20))]
    made = Driver(msgs, cfg=config(max_follow_ups=2)).run("2027-03-10 00:00")
    assert steps(made)[1] == ("2027-01-21 08:00 Thu", StepKind.CHECK_IN)
    assert steps(made)[2] == ("2027-01-28 08:00 Thu", StepKind.FINAL_FOLLOW_UP)


def test_rule_11_senior_role_doubles_the_waits_but_not_the_timeline() -> None:
    info = ProcessInfo("acme-senior-developer", "Acme", "Senior Developer", "acme.com",
                       at("2026-11-20 09:00"))
    made = Driver([confirm(C, S, role="Senior Developer")], info=info).run("2026-12-20 00:00")
    assert steps(made)[1] == ("2026-12-15 08:00 Tue", StepKind.CHECK_IN)  # 14 days
    made = Driver([confirm(C, S, role="Senior Developer", timeline=date(2026, 12, 4))],
                  info=info).run("2026-12-20 00:00")
    assert steps(made)[1] == ("2026-12-07 08:00 Mon", StepKind.CHECK_IN)


def test_rule_13_employer_reply_reopens_a_closed_process() -> None:
    d = Driver([confirm(C, S), reply("2027-01-15 10:00")])
    made = d.run("2027-01-30 00:00")
    assert made[-1].step is StepKind.CHECK_IN and made[-1].at == at("2027-01-22 08:00")


def test_reschedule_keeps_the_round_number_and_moves_the_thank_you() -> None:
    msgs = [confirm(C, S, uid="u1"), confirm("2026-11-28 10:00", "2026-12-02 11:00", uid="u1")]
    made = Driver(msgs).run("2026-12-03 00:00")
    assert [(m.round, m.at) for m in made] == [(1, at("2026-12-02 13:00"))]


def test_cancelled_interview_without_a_new_one_is_cancelled_and_drafts_nothing() -> None:
    d = Driver([confirm(C, S, uid="u1"), cancel("2026-11-28 10:00", uid="u1")])
    assert d.run("2027-01-01 00:00") == []
    assert d.state(at("2027-01-01 00:00")).state_at(at("2027-01-01 00:00")) is State.CANCELLED


def test_a_cancelled_second_round_with_nothing_new_is_cancelled() -> None:
    msgs = [confirm(C, S, uid="u1"), mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,)),
            confirm("2026-12-03 10:00", "2026-12-10 10:00", who=(BOB,), uid="u2"),
            cancel("2026-12-08 10:00", uid="u2")]
    d = Driver(msgs, user="keep")
    assert d.state(at("2026-12-09 10:00")).state_at(at("2026-12-09 10:00")) is State.CANCELLED
    # the employer writes again ("we'll find a new time"): responded
    d.messages.append(reply("2026-12-09 12:00"))
    assert d.state(at("2026-12-09 13:00")).state_at(at("2026-12-09 13:00")) is State.RESPONDED


def test_a_calendar_cancel_cancels_no_round_it_does_not_name() -> None:
    """The CANCEL of an invite the watcher never booked as a round (a prep call) cancels
    neither round; the CANCEL of a meeting already held (an organiser tidying the calendar)
    leaves its thank-you and check-ins (review11)."""
    prep = dataclasses.replace(cancel("2026-11-28 09:00", uid="u9"), interview=Interview(
        at("2026-12-02 09:00"), at("2026-12-02 09:30"), None, (), None, None, calendar_uid="u9"))
    msgs = [confirm(C, S, uid="u1"), confirm(C, "2026-12-03 10:00", who=(BOB,), uid="u2"), prep]
    made = Driver(msgs).run("2026-12-04 00:00")
    assert [(m.step, m.round, m.to) for m in made] == [
        (StepKind.THANK_YOU, 1, JANE.email), (StepKind.THANK_YOU, 2, BOB.email)]
    made = Driver([confirm(C, S, uid="u1"), cancel("2026-12-04 09:00", uid="u1")]).run(
        "2026-12-20 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU, StepKind.CHECK_IN]


def test_a_cancellation_in_the_slot_cancels_it_and_one_of_a_held_round_nothing() -> None:
    """A CANCEL ten minutes into the slot ("Nina is ill") cancels that interview, not the next
    one; the CANCEL of a held round's invite (an organiser tidying up) leaves the next round,
    booked by plain mail, alone; "cancel your second interview" of three booked is the second
    (review12)."""
    def uid_cancel(when: str, uid: str, start: str) -> MessageFact:
        return dataclasses.replace(cancel(when, uid=uid), interview=Interview(
            at(start), at(start) + timedelta(hours=1), None, (), None, None, calendar_uid=uid))

    ill = [confirm(C, S, uid="u1"), confirm(C, "2026-12-03 10:00", who=(BOB,), uid="u2"),
           uid_cancel("2026-12-01 14:10", "u1", S)]
    assert [(m.round, m.to) for m in Driver(ill).run("2026-12-04 00:00")] == [(2, BOB.email)]
    by_mail = dataclasses.replace(confirm("2026-11-26 10:00", "2026-12-08 10:00", who=(BOB,)),
                                  evidence=("another-round:+0.00",))  # "your second interview"
    tidy = [confirm(C, S, uid="u1"), by_mail, uid_cancel("2026-12-02 09:00", "u1", S)]
    assert [(m.round, m.to) for m in Driver(tidy).run("2026-12-09 00:00")
            if m.step is StepKind.THANK_YOU] == [(1, JANE.email), (2, BOB.email)]
    second = dataclasses.replace(cancel("2026-11-28 09:00"),
                                 evidence=("cancelled:+0.60", f"{NAMED_ROUND_EVIDENCE}2:+0.00"))
    three = [confirm(C, S, uid="u1"), confirm(C, "2026-12-03 10:00", who=(BOB,), uid="u2"),
             confirm(C, "2026-12-07 10:00", who=(CAROL,), uid="u3"), second]
    assert [(m.round, m.to) for m in Driver(three).run("2026-12-09 00:00")
            if m.step is StepKind.THANK_YOU] == [(1, JANE.email), (3, CAROL.email)]
    # counted otherwise (the phone screen was not "an interview" to them): the second booked
    # is over, so the one still to come is meant, not none (review13)
    late = [*three[:3], dataclasses.replace(second, at=at("2026-12-04 09:00"))]
    assert [(m.round, m.to) for m in Driver(late).run("2026-12-09 00:00")
            if m.step is StepKind.THANK_YOU] == [(1, JANE.email), (2, BOB.email)]


def test_a_cancellation_read_after_the_thank_you_was_drafted_makes_it_obsolete() -> None:
    """"Nina is ill" sent ten minutes into the slot, read after the 16:00 thank-you draft was
    made: the draft is for nothing; it is obsolete (to delete), not pending (review13)."""
    d = Driver([confirm(C, S, uid="u1")], user="keep")
    (made,) = d.run("2026-12-01 16:00")
    late = dataclasses.replace(cancel("2026-12-01 14:10", uid="u1"), interview=Interview(
        at(S), at(S) + timedelta(hours=1), None, (), None, None, calendar_uid="u1"))
    d.messages.append(late)
    ps = d.state(at("2026-12-01 17:00"))
    assert ps.settled[made.key][0] is DraftStatus.OBSOLETE
    assert ps.state_at(at("2026-12-01 17:00")) is State.CANCELLED


def test_a_second_note_to_one_panelist_leaves_the_others_owed() -> None:
    """Alex thanks Jane twice by hand: Bob, of the same panel, is still owed his thank-you (the
    second note counted as one to nobody named, and the round as thanked) (review12)."""
    msgs = [confirm(C, S, who=(JANE, BOB)), mine("2026-12-01 14:50", Kind.THANK_YOU, to=(JANE,)),
            mine("2026-12-01 14:55", Kind.THANK_YOU, to=(JANE,))]
    made = Driver(msgs).run("2026-12-03 00:00")
    assert [(m.step, m.to) for m in made if m.step is StepKind.THANK_YOU] == [
        (StepKind.THANK_YOU, BOB.email)]


@pytest.mark.parametrize("when", ["2026-12-01 14:50", "2026-12-01 17:00"])
def test_rule_3_one_note_to_an_interviewer_and_the_recruiter_thanks_her_too(when: str) -> None:
    """Jane has an address, Lena Ortiz none: Lena is thanked through Rita, who arranged it.
    Alex's own thank-you to Jane with Rita in copy, before or after the drafts were made,
    still left a note to Rita drafted (the recruiter's note counted only interviewers as
    thanked by a hand-written mail to them): it was said in that mail (review23k)."""
    lena = Address("Lena Ortiz", "")
    msgs = [confirm(C, S, who=(JANE, lena)),
            mine(when, Kind.THANK_YOU, to=(JANE, RECRUITER))]
    d = Driver(msgs, user="keep")
    made = d.run("2026-12-03 00:00")
    owed = [m.key for m in made if m.step is StepKind.THANK_YOU]
    ps = d.state(at("2026-12-03 00:00"))
    pending = [k for k in owed if k not in ps.settled]
    assert pending == []
    assert plan(ps, timing()).next_kind is not StepKind.THANK_YOU


def test_a_process_with_a_round_still_to_come_is_not_cancelled() -> None:
    """Two rounds booked ahead; the later one is called off: the process is scheduled, then
    waiting once the earlier is held and thanked, never 'cancelled' (e2e12)."""
    msgs = [confirm(C, S, uid="u1"), confirm(C, "2026-12-04 14:00", who=(BOB,), uid="u2"),
            cancel("2026-11-28 11:00", uid="u2")]
    d = Driver(msgs, user="send")
    assert d.state(at("2026-11-28 12:00")).state_at(at("2026-11-28 12:00")) is State.SCHEDULED
    made = d.run("2026-12-20 12:00")
    assert (made[0].step, made[0].round) == (StepKind.THANK_YOU, 1)
    assert d.state(at("2026-12-02 12:00")).state_at(at("2026-12-02 12:00")) is State.WAITING


def test_states_through_a_process() -> None:
    d = Driver([confirm(C, S)], user="keep")
    assert d.state(at(C)).state_at(at(C)) is State.SCHEDULED
    assert d.state(at("2026-12-01 15:30")).state_at(at("2026-12-01 15:30")) is State.INTERVIEWED
    d.messages.append(reply("2026-12-05 10:00"))
    assert d.state(at("2026-12-06 00:00")).state_at(at("2026-12-06 00:00")) is State.RESPONDED


def test_thank_you_never_goes_to_a_no_reply_address() -> None:
    made = Driver([confirm(C, S, who=(NOREPLY,), sender=NOREPLY)]).run("2026-12-09 00:00")
    assert made == []  # nobody to thank, nobody to check in with


def test_check_in_goes_to_the_person_who_last_wrote_and_answers_their_thread() -> None:
    msgs = [confirm(C, S, sender=NOREPLY), reply("2026-12-02 10:00", sender=RECRUITER)]
    d = Driver(msgs)
    made = d.run("2026-12-12 00:00")
    assert made[-1].step is StepKind.CHECK_IN and made[-1].to == RECRUITER.email
    d2 = Driver([*msgs[:1], mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))])
    d2.run("2026-12-07 00:00")
    p = plan(d2.state(at("2026-12-07 00:00")), timing())
    assert p.actions[0].to == (JANE,) and p.actions[0].thread is not None


def test_manual_close_snooze_timeline_and_reopen() -> None:
    msgs: list[MessageFact] = [confirm(C, S)]
    d = Driver(msgs, manual=[ManualFact(ManualKind.SNOOZE, at("2026-12-01 15:10"),
                                        until=at("2026-12-11 09:00"))])
    made = d.run("2026-12-12 00:00")
    assert steps(made)[0] == ("2026-12-02 08:00 Wed", StepKind.THANK_YOU) or \
        steps(made)[0][0] >= "2026-12-11"
    d = Driver([confirm(C, S)], manual=[ManualFact(ManualKind.TIMELINE, at("2026-12-01 18:00"),
                                                   day=date(2026, 12, 17))])
    assert steps(d.run("2026-12-20 00:00"))[1] == ("2026-12-18 08:00 Fri", StepKind.CHECK_IN)
    d = Driver([confirm(C, S)], manual=[ManualFact(ManualKind.CLOSE, at("2026-12-02 09:00"),
                                                   reason="withdrawn")])
    assert [m.step for m in d.run("2027-06-01 00:00")] == [StepKind.THANK_YOU]


def test_fold_is_pure_and_repeatable() -> None:
    msgs = [confirm(C, S), reply("2026-12-03 10:00")]
    rec = DraftRecord("k", INFO.key, 1, 1, StepKind.THANK_YOU, DraftStatus.DELETED,
                      at("2026-12-01 16:00"), (JANE.email,), JANE.email,
                      settled_at=at("2026-12-01 17:00"))
    a = fold(INFO, msgs, [rec], [])
    b = fold(INFO, list(reversed(msgs)), [rec], [])
    assert a.cycle == b.cycle == 2 and a.thanked == b.thanked == {(1, JANE.email)}


def test_rule_13_a_courtesy_reply_after_a_rejection_or_offer_does_not_reopen() -> None:
    for closing in (ReplyKind.REJECTION, ReplyKind.OFFER):
        msgs = [confirm(C, S), reply("2026-12-04 10:00", closing),
                mine("2026-12-04 11:00", Kind.OTHER), reply("2026-12-04 15:00")]
        made = Driver(msgs, cfg=config(networking_after_rejection=False)).run("2027-06-01 00:00")
        assert [m.step for m in made] == [StepKind.THANK_YOU]
    # A new interview after a rejection does reopen it.
    msgs = [confirm(C, S), reply("2026-12-04 10:00", ReplyKind.REJECTION),
            confirm("2027-01-04 10:00", "2027-01-12 10:00", who=(BOB,))]
    made = Driver(msgs).run("2027-01-13 00:00")
    assert [(m.round, m.step) for m in made] == [(1, StepKind.THANK_YOU), (2, StepKind.THANK_YOU)]


def test_rule_3_a_follow_up_a_week_after_a_vague_update_is_a_step() -> None:
    # Senior role (waits x2). "We'll get back to you" on Thu Dec 3 (no date), unanswered; the
    # user asks for news on Sat Dec 12, 9 days later: a check-in, not an answer. The second
    # check-in then counts 28 days from it: Jan 9 (Sat) -> Mon Jan 11.
    info = ProcessInfo("acme-senior-developer", "Acme", "Senior Developer", "acme.com",
                       at("2026-11-20 09:00"))
    msgs = [confirm(C, S, role="Senior Developer"),
            reply("2026-12-03 10:00", ReplyKind.TIMELINE_UPDATE),
            mine("2026-12-12 10:00", Kind.FOLLOW_UP)]
    made = Driver(msgs, info=info).run("2027-01-12 00:00")
    assert steps(made)[1:] == [("2027-01-11 08:00 Mon", StepKind.SECOND_CHECK_IN)]
    # Two days after the update, the same mail is an answer (conversation): the wait
    # restarts from it instead (Dec 5 + 14 = Dec 19 -> Mon Dec 21).
    msgs[2] = mine("2026-12-05 10:00", Kind.FOLLOW_UP)
    made = Driver(msgs, info=info).run("2026-12-22 00:00")
    assert steps(made)[1:] == [("2026-12-21 08:00 Mon", StepKind.CHECK_IN)]


def test_cancelled_then_confirmed_again_is_still_round_one() -> None:
    msgs = [confirm(C, S, uid="u1"), cancel("2026-11-28 10:00", uid="u1"),
            confirm("2026-11-30 10:00", "2026-12-04 10:00", uid="u2")]
    made = Driver(msgs).run("2026-12-05 00:00")
    assert [(m.round, m.at) for m in made] == [(1, at("2026-12-04 12:00"))]


def test_a_round_cancelled_in_its_slot_and_rebooked_is_still_that_round() -> None:
    """"Nina is ill" ten minutes into the slot, then a new time: the rebooking replaces the
    round never held (it was round 2, "built on my earlier conversations"; review13)."""
    ill = dataclasses.replace(cancel("2026-12-01 14:10", uid="u1"), interview=Interview(
        at(S), at(S) + timedelta(hours=1), None, (), None, None, calendar_uid="u1"))
    msgs = [confirm(C, S, uid="u1"), ill, confirm("2026-12-02 10:00", "2026-12-04 10:00", uid="u2")]
    d = Driver(msgs)
    ps = d.state(at("2026-12-03 00:00"))
    assert [(r.number, r.cancelled) for r in ps.rounds] == [(1, False)]
    assert ps.state_at(at("2026-12-03 00:00")) is State.SCHEDULED
    made = d.run("2026-12-05 00:00")
    assert [(m.step, m.round, m.at) for m in made] == [
        (StepKind.THANK_YOU, 1, at("2026-12-04 12:00"))]


def test_a_round_called_off_in_its_slot_and_rebooked_in_one_mail_is_moved() -> None:
    """"Nina is ill, so we had to cancel; I have rebooked you for Thursday at 10am" sent ten
    minutes into the slot moves round 1 (no thank-you for the slot never held, no round 2)."""
    moved = dataclasses.replace(confirm("2026-12-01 14:10", "2026-12-03 10:00"),
                                evidence=("rebooked:+0.00",))
    d = Driver([confirm(C, S, uid="u1"), moved])
    ps = d.state(at("2026-12-02 00:00"))
    assert [(r.number, r.start) for r in ps.rounds] == [(1, at("2026-12-03 10:00"))]
    made = d.run("2026-12-04 00:00")
    assert [(m.step, m.round, m.at) for m in made] == [
        (StepKind.THANK_YOU, 1, at("2026-12-03 12:00"))]


def test_a_check_in_to_a_bare_reply_to_address_greets_the_interviewer_by_name() -> None:
    """Calendly names "Priya Shah"; her later mail comes from a bare address: the check-in
    still goes to Priya by name, not "Hello,"."""
    from watcher.models import Address
    from watcher.state import follow_up_recipient

    bare = Address("", JANE.email)
    msgs = [confirm(C, S), reply("2026-12-02 10:00", sender=bare)]
    ps = Driver(msgs).state(at("2026-12-03 00:00"))
    assert ps.contact == bare
    got = follow_up_recipient(ps, timing())
    assert got is not None and got.email == JANE.email and got.name == JANE.name


def test_the_classifiers_evidence_names_are_the_ones_the_fold_reads() -> None:
    import watcher.classify as c
    import watcher.state as st

    assert (c.ANOTHER_ROUND_RULE, c.NAMED_ROUND_EVIDENCE, c.REBOOKED_RULE, c.SENDER_IS_INTERVIEWER_RULE,
            c.LENGTH_UNSTATED_RULE, c.MOVES_ROUND_RULE, c.ITS_PEOPLE_ONLY_RULE) == (
        st.ANOTHER_ROUND_EVIDENCE, st.NAMED_ROUND_EVIDENCE, st.REBOOKED_EVIDENCE,
        st.SENDER_IS_INTERVIEWER_EVIDENCE, st.LENGTH_UNSTATED_EVIDENCE, st.MOVES_ROUND_EVIDENCE,
        st.ITS_PEOPLE_ONLY_EVIDENCE)


def test_a_move_that_states_no_length_keeps_the_rounds() -> None:
    """(review19b: a two-hour onsite moved by "rescheduled to Friday at 1:00 PM" became an hour
    long, and its thank-you came due while it was still going on)"""
    two_hours = confirm(C, S, minutes=120)
    moved = dataclasses.replace(confirm("2026-11-28 10:00", "2026-12-02 14:00"),
                                evidence=("confirmation-phrase:+0.35", "length-unstated:+0.00"))
    made = Driver([two_hours, moved]).run("2026-12-03 00:00")
    assert steps(made) == [("2026-12-02 17:00 Wed", StepKind.THANK_YOU)]
    stated = dataclasses.replace(confirm("2026-11-28 10:00", "2026-12-02 14:00"),
                                 evidence=("confirmation-phrase:+0.35",))
    assert steps(Driver([two_hours, stated]).run("2026-12-03 00:00")) == [
        ("2026-12-02 16:00 Wed", StepKind.THANK_YOU)]


def test_a_reschedule_naming_nobody_keeps_the_interviewers_known() -> None:
    """The recruiter moves Jane's interview and names nobody: the classifier's guess that the
    writer holds it must not replace Jane, who is owed the thank-you (review14 F3)."""
    moved = dataclasses.replace(confirm("2026-11-28 10:00", "2026-12-02 11:00", who=(RECRUITER,)),
                                evidence=("confirmation-phrase:+0.35", "sender-is-interviewer:+0.00"))
    made = Driver([confirm(C, S), moved]).run("2026-12-03 00:00")
    assert [(m.step, m.round, m.to) for m in made] == [(StepKind.THANK_YOU, 1, JANE.email)]
    # a reschedule that names its interviewers does replace them
    named = confirm("2026-11-28 10:00", "2026-12-02 11:00", who=(BOB,))
    made = Driver([confirm(C, S), named]).run("2026-12-03 00:00")
    assert [(m.step, m.round, m.to) for m in made] == [(StepKind.THANK_YOU, 1, BOB.email)]


def test_a_request_to_move_the_booked_interview_keeps_it_until_a_new_time_is_agreed() -> None:
    """"need to push our 10am Thursday - can you do Friday at 10am instead?": the round stays
    booked at its time until a new one is agreed (my "works for me" to the one time proposed, a
    new confirmation), which moves it. review20a §3 had it called off meanwhile; review21b R1
    showed the cost: a move agreed by phone, or an answer the watcher could not read, left an
    interview that took place with no thank-you and no check-in at all."""
    push = dataclasses.replace(reply("2026-12-01 11:00"), kind=Kind.INTERVIEW_REQUESTED, reply=None,
                               evidence=("availability-request:+0.40", "moves-the-round:+0.00"))
    made = Driver([confirm(C, S), push]).run("2026-12-02 00:00")
    assert [m.step for m in made] == [StepKind.THANK_YOU]
    made = Driver([confirm(C, S), push, confirm("2026-12-01 12:00", "2026-12-03 14:00")]).run("2026-12-04 00:00")
    assert [(m.step, m.round, m.at) for m in made] == [(StepKind.THANK_YOU, 1, at("2026-12-03 16:00"))]


def test_rule_13_a_courtesy_reply_to_a_rejected_process_makes_no_second_note_at_once() -> None:
    """Audit 22d. A networking note waiting unsent after a rejection; the recruiter then writes
    ("hope you are well"): rule 1 makes the note obsolete, and its reply cycle was a new one,
    so the same note was drafted again at the minute the recruiter wrote. A courtesy reply
    keeps a rejected process closed (it does not reopen it to chase the role); keeping in
    touch counts from it, as from the person's other mail (rule 13)."""
    msgs = [confirm(C, S), reply("2026-12-04 10:00", ReplyKind.REJECTION),
            reply("2027-02-20 10:00")]
    made = Driver(msgs, user="keep").run("2027-05-10 00:00")
    assert steps(made) == [
        ("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
        ("2027-02-17 08:00 Wed", StepKind.NETWORKING),   # rejection + 75 days
        ("2027-05-06 08:00 Thu", StepKind.NETWORKING),   # the recruiter's mail + 75 days
    ]
    # the note the user sent, answered by the recruiter: the next one counts from the answer
    msgs = [confirm(C, S), reply("2026-12-04 10:00", ReplyKind.REJECTION),
            reply("2027-02-19 10:00")]
    made = Driver(msgs).run("2027-07-01 00:00")
    assert steps(made)[1:] == [("2027-02-17 08:00 Wed", StepKind.NETWORKING),
                               ("2027-05-05 08:00 Wed", StepKind.NETWORKING)]


@pytest.mark.parametrize("how", ["withdrawal", "close"])
def test_rule_4_withdrawing_makes_the_drafts_waiting_for_the_user_obsolete(how: str) -> None:
    """Audit 22d. 'Withdrawal ends follow-ups', but a check-in waiting unsent when the user
    withdrew (or closed the process by hand) stayed 'pending check-in draft: send or delete
    it': status asked the user to send a check-in on a role they had given up. It is obsolete
    now (status: delete it), as when the employer's rejection overtakes it."""
    thanks = mine("2026-12-01 15:30", Kind.THANK_YOU, to=(JANE,))
    msgs = [confirm(C, S), thanks]
    manual: list[ManualFact] = []
    if how == "withdrawal":
        msgs.append(dataclasses.replace(mine("2026-12-10 10:00", Kind.OTHER),
                                        evidence=("user-withdrew:0.9",)))
    else:
        manual.append(ManualFact(ManualKind.CLOSE, at("2026-12-10 10:00"), reason="withdrawn"))
    d = Driver(msgs, user="keep", manual=manual)
    made = d.run("2027-06-01 00:00")
    assert steps(made) == [("2026-12-08 08:00 Tue", StepKind.CHECK_IN)]
    ps = d.state(at("2027-06-01 00:00"))
    assert ps.state_at(at("2027-06-01 00:00")) is State.WITHDRAWN
    assert [x.step for x in ps.obsolete_drafts()] == [StepKind.CHECK_IN]
    assert ps.pending_drafts() == []
    assert plan(ps, timing()).waiting_for == "closed"


def _with_schedule(**kw: object) -> Config:
    c = config()
    return dataclasses.replace(c, schedule=dataclasses.replace(c.schedule, **kw))  # type: ignore[arg-type]


def test_table_a_due_day_on_a_friday_holiday_moves_past_the_weekend() -> None:
    """Audit 22d: the check-in's day (Fri Dec 25, Christmas) is a holiday followed by a
    weekend: Monday. The final's day (Sun Jan 17) is followed by a holiday (MLK): Tuesday."""
    msgs = [confirm("2026-12-10 10:00", "2026-12-18 10:00")]
    made = Driver(msgs, cfg=_with_schedule(holidays_country="US")).run("2027-02-01 00:00")
    assert steps(made) == [
        ("2026-12-18 12:00 Fri", StepKind.THANK_YOU),
        ("2026-12-28 08:00 Mon", StepKind.CHECK_IN),
        ("2027-01-11 08:00 Mon", StepKind.SECOND_CHECK_IN),
        ("2027-01-19 08:00 Tue", StepKind.FINAL_FOLLOW_UP),
    ]


def test_rule_6_quiet_hours_across_midnight_time_every_draft() -> None:
    """Audit 22d: quiet hours 23:00-06:00. A thank-you due at 23:00 exactly is quiet: 06:00
    the next morning; one due at 22:59 is not; day waits fall due at 06:00, their end."""
    cfg = _with_schedule(quiet_hours=(time(23, 0), time(6, 0)))
    made = Driver([confirm(C, "2026-12-08 21:00")], cfg=cfg).run("2026-12-16 00:00")
    assert steps(made) == [("2026-12-09 06:00 Wed", StepKind.THANK_YOU),
                           ("2026-12-15 06:00 Tue", StepKind.CHECK_IN)]
    made = Driver([confirm(C, "2026-12-08 20:59")], cfg=cfg).run("2026-12-09 00:00")
    assert steps(made) == [("2026-12-08 22:59 Tue", StepKind.THANK_YOU)]


def test_rule_9_day_waits_count_in_the_users_zone_not_the_employers() -> None:
    """Audit 22d: the user in Berlin, the interview 17:00-18:00 New York time: it ends at
    00:00 on Wednesday in Berlin. The thank-you (01:00 there, quiet) comes at 08:00 Berlin
    time; the check-in counts 7 days from Wednesday (Berlin), not from Tuesday (New York)."""
    cfg = _with_schedule(timezone="Europe/Berlin")
    made = Driver([confirm(C, S.replace("14:00", "17:00"))], cfg=cfg).run("2026-12-10 00:00")
    berlin = ZoneInfo("Europe/Berlin")
    assert [(m.at.astimezone(berlin).strftime("%Y-%m-%d %H:%M %a"), m.step) for m in made] == [
        ("2026-12-02 08:00 Wed", StepKind.THANK_YOU),
        ("2026-12-09 08:00 Wed", StepKind.CHECK_IN),
    ]


def test_rule_8_max_follow_ups_one_and_zero() -> None:
    """Audit 22d (the spec says only that the second check-in is dropped first): with one
    follow-up it is the first check-in, after which the process is closed without response
    and networking counts from it; with none, the thank-you only, and nothing closes."""
    made = Driver([confirm(C, S)], cfg=config(max_follow_ups=1)).run("2027-06-01 00:00")
    assert steps(made) == [
        ("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
        ("2026-12-08 08:00 Tue", StepKind.CHECK_IN),
        ("2027-02-22 08:00 Mon", StepKind.NETWORKING),  # Dec 8 + 75 = Sun Feb 21
        ("2027-05-10 08:00 Mon", StepKind.NETWORKING),
    ]
    made = Driver([confirm(C, S)], cfg=config(max_follow_ups=0)).run("2027-06-01 00:00")
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU)]


def test_a_snooze_holds_every_draft_and_the_chain_goes_on_after_it() -> None:
    """Audit 22d. Snoozed until Friday 09:00: the thank-you then (quiet days never hold it),
    the check-in timed from it (rule 12's late thank-you), not at the same minute. Snoozed
    until Saturday 22:00: the check-in on Monday at 08:00 (business day, quiet hours)."""
    snooze = ManualFact(ManualKind.SNOOZE, at("2026-12-01 15:10"), until=at("2026-12-11 09:00"))
    made = Driver([confirm(C, S)], manual=[snooze]).run("2026-12-20 00:00")
    assert steps(made) == [("2026-12-11 09:00 Fri", StepKind.THANK_YOU),
                           ("2026-12-18 08:00 Fri", StepKind.CHECK_IN)]
    snooze = ManualFact(ManualKind.SNOOZE, at("2026-12-03 15:10"), until=at("2026-12-12 22:00"))
    made = Driver([confirm(C, S)], manual=[snooze]).run("2026-12-20 00:00")
    assert steps(made) == [("2026-12-01 16:00 Tue", StepKind.THANK_YOU),
                           ("2026-12-14 08:00 Mon", StepKind.CHECK_IN)]


def test_rule_12_a_thank_you_late_by_the_24_hours_counted_across_a_dst_change() -> None:
    """The thank-you window is 24 elapsed hours: an interview ending Sat Oct 31 20:00 EDT
    has its window close Sun Nov 1 19:00 EST (the clocks fell back between). A thank-you
    drafted at 19:30 EST, after downtime, was late; counted on the wall clock (20:00 EST) it
    was not, and the check-in was timed from the interview (Nov 7), not from it (Nov 8)."""
    cfg = config()
    cfg = dataclasses.replace(cfg, schedule=dataclasses.replace(cfg.schedule,
                                                                quiet_days=frozenset()))
    msgs = [confirm("2026-10-26 10:00", "2026-10-31 19:00", who=(JANE,))]
    made_at = at("2026-11-01 19:30")  # EST: 24.5 h after the end
    assert made_at.utcoffset() == timedelta(hours=-5)
    key = step_key(INFO.key, 1, 1, StepKind.THANK_YOU, JANE.email)
    rec = DraftRecord(key, INFO.key, 1, 1, StepKind.THANK_YOU, DraftStatus.SENT, made_at,
                      (JANE.email,), JANE.email, settled_at=at("2026-11-01 19:40"))
    p = plan(fold(INFO, msgs, [rec], []), timing(cfg))
    assert p.next_kind is StepKind.CHECK_IN
    assert p.due == at("2026-11-08 08:00")


def test_ready_at_compares_moments_not_wall_clocks_in_the_repeated_hour() -> None:
    """Two datetimes sharing a ZoneInfo compare by wall time, ignoring fold: a thank-you due
    at 01:15 EST (the second 01:15 of the fall-back night) looked due at 01:20 EDT, 55 minutes
    before it (simulate's clock is in the user's zone)."""
    cfg = config()
    cfg = dataclasses.replace(cfg, schedule=dataclasses.replace(cfg.schedule, quiet_hours=None))
    msgs = [confirm("2026-10-26 10:00", "2026-11-01 00:15", 60, who=(JANE,))]  # ends 01:15 EDT
    p = plan(fold(INFO, msgs, [], []), timing(cfg))
    assert p.next_kind is StepKind.THANK_YOU and p.due is not None
    assert p.due.utcoffset() == timedelta(hours=-5) and p.due.fold == 1  # 01:15 EST
    early = at("2026-11-01 01:20")  # EDT, 05:20 UTC: 55 minutes before it
    assert ready_at(p, early, timing(cfg)) == p.due
