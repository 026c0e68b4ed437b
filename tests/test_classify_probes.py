"""Wordings written after the labelled set was closed, as a check against fitting the rules to
it: one expected verdict each (kind, reply kind, and the interview's start where there is one)."""

from __future__ import annotations

from pathlib import Path

import pytest

from watcher.classify import classify
from watcher.models import ClassifierSettings
from watcher.parse import parse

PROBES = Path(__file__).parent / "data" / "probes"
ME = ClassifierSettings(me=("alex.wong@gmail.com", "alex.wong@wingtiptoys.com"))

EXPECTED = {
    "01_calendly_invitee.eml": ("interview_confirmed", None, "2026-12-10T11:00:00-05:00"),
    "02_workday.eml": ("interview_confirmed", None, "2026-12-08T14:30:00-06:00"),
    "03_rejection.eml": ("employer_reply", "rejection", None),
    "04_offer.eml": ("employer_reply", "offer", None),
    "05_hirevue.eml": ("other", None, None),  # a one-way recording: an assessment, no interviewer
    "06_timeline.eml": ("employer_reply", "timeline_update", None),
    "07_zoom_mine.eml": ("thank_you", None, None),
    "08_accepted.eml": ("other", None, None),  # an attendee's calendar reply
    "09_outlook_update.eml": ("interview_confirmed", None, "2026-12-16T13:00:00-05:00"),
    "10_availability.eml": ("interview_requested", None, None),
    "11_de.eml": ("interview_confirmed", None, "2026-12-03T14:00:00+01:00"),
    "12_tomorrow.eml": ("interview_confirmed", None, "2026-12-03T15:00:00-08:00"),
    "13_ty_panel.eml": ("thank_you", None, None),  # no job word: "thank you both for ... meet"
    "14_status.eml": ("follow_up", None, None),
    "15_final_req.eml": ("interview_requested", None, None),  # weak words + a request for times
    "16_codility.eml": ("other", None, None),
    "17_panelist.eml": ("other", None, None),  # the user is the interviewer
    "18_screen_req.eml": ("interview_requested", None, None),
    "19_ooo.eml": ("other", None, None),  # automatic: never an employer reply
    "20_filled.eml": ("employer_reply", "rejection", None),
    "21_review.eml": ("employer_reply", "timeline_update", None),
    "22_cancel.eml": ("interview_cancelled", None, None),
    "23_podcast.eml": ("other", None, None),
    "24_doctor.eml": ("other", None, None),
    "25_sched_answer.eml": ("other", None, None),  # conversation, not a step
    "26_docusign.eml": ("employer_reply", "offer", None),
    "27_alert.eml": ("other", None, None),
    "28_ty_short.eml": ("thank_you", None, None),  # a reply in the scheduling thread
    "29_article.eml": ("follow_up", None, None),
    "30_next_round.eml": ("employer_reply", "next_step", None),
    "31_ats_reject.eml": ("employer_reply", "rejection", None),
    "32_itinerary.eml": ("interview_confirmed", None, "2026-12-16T10:00:00-05:00"),
    "33_lever_html.eml": ("interview_confirmed", None, "2026-12-04T13:30:00-05:00"),
    "34_goodtime_link.eml": ("interview_requested", None, None),
    "35_this_friday.eml": ("interview_confirmed", None, "2026-12-04T13:30:00-05:00"),
    "36_confirm_reply.eml": ("other", None, None),  # the user's "confirmed, see you" is conversation
    "37_references.eml": ("employer_reply", "other", None),
    "38_gcal_invite.eml": ("interview_confirmed", None, "2026-12-08T14:00:00-05:00"),
    "39_teams_outlook.eml": ("interview_confirmed", None, "2026-12-10T10:00:00-05:00"),
    "40_interviewer_recap.eml": ("other", None, None),  # the user is on the panel
    "41_phone_screen.eml": ("interview_confirmed", None, "2026-12-07T09:30:00-06:00"),
    "42_withdraw.eml": ("other", None, None),  # not a thank-you: the user withdraws
    "43_checkin_reply.eml": ("follow_up", None, None),
    "44_accept_offer.eml": ("other", None, None),
    "45_docs_sent.eml": ("other", None, None),
}


def test_a_withdrawal_is_marked_for_the_engine() -> None:
    from watcher.classify import WITHDRAWAL_RULE

    event = classify(parse((PROBES / "42_withdraw.eml").read_bytes()), ME)
    assert any(e.rule == WITHDRAWAL_RULE for e in event.evidence)


def test_a_teams_meeting_block_is_new_text_not_quoted_history() -> None:
    """Outlook frames a Teams meeting with lines of underscores, like a quoted reply; the
    interviewer is the sender (not 'Meeting ID'), and 'Hiring Manager' is no role."""
    event = classify(parse((PROBES / "39_teams_outlook.eml").read_bytes()), ME)
    assert event.interview is not None
    assert [a.email for a in event.interview.interviewers] == ["marcus.lee@fabrikam.com"]
    assert event.interview.role is None


def test_interviewers_from_an_html_table_row() -> None:
    """Lever's 'Who' cell: the table's cells must not run together when HTML becomes text."""
    event = classify(parse((PROBES / "33_lever_html.eml").read_bytes()), ME)
    assert event.interview is not None
    assert [a.name for a in event.interview.interviewers] == ["Chloe Park", "Omar Haddad"]


def test_itinerary_rows_after_noon_without_pm() -> None:
    """'12:15 - 1:00' is a quarter past noon to one: the onsite ends at 13:00, with three
    interviewers (the lunch row names nobody)."""
    event = classify(parse((PROBES / "32_itinerary.eml").read_bytes()), ME)
    assert event.interview is not None
    assert event.interview.end.isoformat() == "2026-12-16T13:00:00-05:00"
    assert [a.name for a in event.interview.interviewers] == [
        "Priscilla Hong", "Tomasz Kowalczyk", "Ifeoma Eze"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_probe(name: str) -> None:
    kind, reply, start = EXPECTED[name]
    event = classify(parse((PROBES / name).read_bytes()), ME)
    assert (event.kind.value, event.reply.value if event.reply else None) == (kind, reply)
    if start is not None:
        assert event.interview is not None
        assert event.interview.start.isoformat() == start
