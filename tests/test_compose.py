"""Tests for watcher.compose: subjects, greetings, reply headers, budgets, templates, rendering."""

from __future__ import annotations

import itertools
import os
import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.utils import getaddresses
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.compose import (
    SENTENCE_FILES,
    TEMPLATE_FILES,
    TEMPLATE_SAMPLES,
    TEMPLATE_VARIABLES,
    ComposeRequest,
    Sender,
    ThreadRef,
    compose,
    message_id_for,
    render_message,
    sanitize_header,
    templates_lint,
)
from watcher.errors import ConfigError
from watcher.lint import (
    FOLLOW_UP_SENTENCES,
    PLACEHOLDER_RE,
    THANK_YOU_WORDS,
    count_sentences,
    count_words,
    lint_draft,
)
from watcher.models import Address, InterviewType, StepKind

EST = timezone(timedelta(hours=-5))
START = datetime(2026, 11, 24, 15, 0, tzinfo=EST)  # a Tuesday
ME = Sender(name="Alex Wong", email="alex@example.com", phone="+1 555 0100")
JANE = Address("Jane Doe", "jane@acme.com")
THREAD = ThreadRef(
    subject="Interview with Acme",
    message_id="<m3@acme.com>",
    references=("<m1@acme.com>", "<m2@example.com>"),
    thread_id="18c2f0a1",
)
FOLLOW_UPS = (StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP)


def request(kind: StepKind = StepKind.THANK_YOU, **changes: object) -> ComposeRequest:
    base = ComposeRequest(
        kind=kind,
        marker=f"acme-senior-developer/1/0/{kind.value}/jane@acme.com",
        process="acme-senior-developer",
        round=1,
        role="Senior Developer",
        company="Acme",
        to=(JANE,),
        sender=ME,
        interview_type=InterviewType.VIDEO,
        interview_start=START,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def all_bundled_requests() -> list[ComposeRequest]:
    """Every kind x interview type x role/company present or not x thread x rounds x name."""
    out = []
    roles = [("Senior Developer", "Acme"), ("Senior Developer", None), (None, "Acme"), (None, None)]
    recipients = [(JANE,), (Address("", "talent@acme.com"),)]
    starts = [(START, None), (START, START + timedelta(hours=1)), (None, None)]
    for kind in StepKind:
        types = [None, *InterviewType] if kind is StepKind.THANK_YOU else [None]
        rounds = [0, 2] if kind is StepKind.THANK_YOU else [0]
        indexes = [0, 1, 2] if kind is StepKind.NETWORKING else [0]
        # interviewers named without addresses: thanked through the recruiter
        passes: list[tuple[str, ...]] = [()]
        if kind is StepKind.THANK_YOU:
            passes.append(("Tom Becker", "Lena Ortiz"))
        sizes = [1, 2] if kind is StepKind.THANK_YOU else [1]  # one of several interviewers
        for itype, (role, company), thread, rb, idx, to, (start, now), via, size in itertools.product(
            types, roles, [None, THREAD], rounds, indexes, recipients, starts, passes, sizes
        ):
            out.append(
                request(
                    kind,
                    interview_type=itype,
                    role=role,
                    company=company,
                    thread=thread,
                    rounds_before=rb,
                    networking_index=idx,
                    to=to,
                    interview_start=start,
                    now=now,
                    pass_on_to=via,
                    panel_size=size,
                )
            )
    return out


# ---------------------------------------------------------------- thank-you


def test_thank_you_subject_is_the_guides() -> None:
    assert compose(request()).subject == "Thank you for the Senior Developer interview"
    assert compose(request(role=None)).subject == "Thank you for the interview"
    # A role title that already says "role" is not doubled.
    assert compose(request(role="Data Analyst position")).subject == (
        "Thank you for the Data Analyst interview"
    )


def test_thank_you_starts_a_new_message_even_with_a_thread() -> None:
    draft = compose(request(thread=THREAD))
    assert draft.in_reply_to is None
    assert draft.references == ()
    assert draft.thread_id is None
    assert not draft.subject.startswith("Re:")


def test_thank_you_has_the_guides_components() -> None:
    draft = compose(request())
    body = draft.body
    assert body.startswith("Dear Jane,\n\n")
    assert (
        "Thank you for taking the time to discuss the Senior Developer role with me on Tuesday."
        in body
    )
    assert "[a specific topic you discussed]" in body  # specific reference
    assert "reinforced my enthusiasm for this role" in body  # value reinforcement
    assert "[a relevant skill or project of yours]" in body
    assert "I'm excited about the possibility of joining Acme" in body  # closing
    assert "Please don't hesitate to contact me if you need any additional information." in body
    assert body.endswith("Best regards,\nAlex Wong\n+1 555 0100\nalex@example.com\n")
    assert draft.from_ == Address("Alex Wong", "alex@example.com")
    assert draft.lint == ()


TYPE_MARKS = {
    InterviewType.VIDEO: "[and for your patience with the technical issue during the call; delete",
    InterviewType.PHONE: "[a key qualification from the job description]",
    InterviewType.FINAL: "[a specific challenge mentioned in the interview]",
    InterviewType.PANEL: "[a point you discussed with Jane]",
    InterviewType.IN_PERSON: "to meet [the team members you spoke with] and to see [",
    None: "[something about the team or company that stood out to you]",
}


@pytest.mark.parametrize("itype", list(TYPE_MARKS))
def test_interview_type_shapes_one_sentence(itype: InterviewType | None) -> None:
    body = compose(request(interview_type=itype)).body
    assert TYPE_MARKS[itype] in body
    assert [t for t, mark in TYPE_MARKS.items() if mark in body] == [itype]


@pytest.mark.parametrize(("kind", "changes", "unwanted"), [
    # an interview "at our Springfield store" or a hospital is no office visit
    (StepKind.THANK_YOU, {"interview_type": InterviewType.IN_PERSON}, "your office"),
    # the type sentence and the value sentence both said the interest grew
    (StepKind.THANK_YOU, {"interview_type": None}, "strengthened my interest"),
    # the employer may have written unprompted ("We'll be in touch next Tuesday")
    (StepKind.CHECK_IN, {"after_reply": True}, "your reply"),
    # the example read as if the employer were waiting for news
    (StepKind.CHECK_IN, {"after_reply": True, "news_by": date(2026, 12, 4)}, "you expected"),
    (StepKind.SECOND_CHECK_IN, {}, "your week"),  # drafted on Monday mornings too
    # two placeholders asked for the same thing
    (StepKind.NETWORKING, {}, "Why it may interest them"),
])
def test_wording_a_careful_sender_would_edit(
        kind: StepKind, changes: dict[str, object], unwanted: str) -> None:
    """review20d #12: template wording that a careful job seeker edited before sending."""
    draft = compose(request(kind, **changes))
    assert unwanted not in draft.body and draft.lint == ()


@pytest.mark.parametrize("itype", list(TYPE_MARKS))
def test_the_thank_you_asks_for_a_challenge_once(itype: InterviewType | None) -> None:
    """A final round's type sentence is about the challenges mentioned: the value sentence
    then asks for another topic, not for the challenge a second time."""
    draft = compose(request(interview_type=itype))
    assert draft.body.count("challenge") == 1
    assert draft.lint == ()


def test_panel_one_draft_per_interviewer_each_greeted_by_name() -> None:
    panel = (
        Address("Jane Doe", "jane@acme.com"),
        Address("Omar Haddad", "omar@acme.com"),
        Address("Dr. Ana Lee", "ana.lee@acme.com"),
    )
    drafts = [
        compose(request(interview_type=InterviewType.PANEL, to=(who,), marker=f"k/{who.email}"))
        for who in panel
    ]
    assert [d.to for d in drafts] == [(p,) for p in panel]
    assert [d.body.splitlines()[0] for d in drafts] == ["Dear Jane,", "Dear Omar,", "Dear Dr. Lee,"]
    assert "[a point you discussed with Omar]" in drafts[1].body
    assert len({d.marker for d in drafts}) == 3
    assert all(d.lint == () for d in drafts)


@pytest.mark.parametrize("itype", list(TYPE_MARKS))
def test_several_interviewers_of_a_round_are_each_asked_about_their_own_point(
        itype: InterviewType | None) -> None:
    """(review20d: the two interviewers of an in-person round got notes word for word the same
    but for the name.) The guide: "different points discussed with each panel member"."""
    alone = compose(request(interview_type=itype))
    several = compose(request(interview_type=itype, panel_size=2))
    assert not any("Jane" in p for p in PLACEHOLDER_RE.findall(alone.body)) or \
        itype is InterviewType.PANEL
    assert any("Jane" in p for p in PLACEHOLDER_RE.findall(several.body)), several.body
    assert several.body.count("challenge") == 1 and several.lint == ()


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Jane Doe", "Dear Jane,"),
        ("Doe, Jane", "Dear Jane,"),
        ("Jane Doe, PhD", "Dear Jane,"),
        ('"Jane Doe"', "Dear Jane,"),
        ("JANE DOE", "Dear Jane,"),
        ("jane doe", "Dear Jane,"),
        ("Dr. Ana Lee", "Dear Dr. Lee,"),
        ("J. Doe", "Dear J. Doe,"),
        ("Jane Doe via Greenhouse", "Dear Jane,"),
        ("Jane Doe (Acme)", "Dear Jane,"),
        ("", "Hello,"),
        ("jane@acme.com", "Hello,"),
        ("Acme Recruiting Team", "Hello,"),
        ("Talent Acquisition", "Hello,"),
        ("no-reply", "Hello,"),
        # German honorifics are titles: Herr and Frau are Mr. and Ms. in an English letter,
        # and a doctorate after them wins, as with "Dr. Ana Lee".
        ("Herr Hans Müller", "Dear Mr. Müller,"),
        ("Frau Anna Schmidt", "Dear Ms. Schmidt,"),
        ("Frau Dr. Anna Schmidt", "Dear Dr. Schmidt,"),
        ("Herr Prof. Dr. Hans Müller", "Dear Prof. Müller,"),
        ("Sir John Smith", "Dear Sir John,"),
        ("Rev. Jane Doe", "Dear Rev. Doe,"),
        # letters after the name are not the surname a title goes with
        ("Mr. John Smith Jr.", "Dear Mr. Smith,"),
        ("Dr. Ana Lee PhD", "Dear Dr. Lee,"),
        ("Ms. Jane Doe, MBA", "Dear Ms. Doe,"),
        ("Mr. Martin Luther King III", "Dear Mr. King,"),
        # ... but a surname in capitals that reads as a degree is the surname
        # "Mr. Moussa BA", "Dr. Smith MA": a degree or the surname, not said which
        ("Mr. Moussa BA", "Hello,"),
        ("Dr. Smith MA", "Hello,"),
        ("Dr. Wei Ma", "Dear Dr. Ma,"),  # a surname written as one, not a degree
        ("Ms. Linh Do", "Dear Ms. Do,"),
        ("MR.VINCENT NNAJI.", "Dear Mr. Nnaji,"),
        ("j.d. smith", "Dear J.D. Smith,"),
        # pronouns, titles written onto the name, initials written together (audit11)
        ("Jane Doe, she/her", "Dear Jane,"),
        ("Jane Doe [She/Her]", "Dear Jane,"),
        ("Jane Doe she/her", "Dear Jane,"),
        ("Dr.Ramesh Kumar", "Dear Dr. Kumar,"),
        ("MR.IKE EJOH", "Dear Mr. Ejoh,"),
        ("Prof.Dr. Anna Schmidt", "Dear Prof. Schmidt,"),
        ("B.K. DeLong", "Dear B.K. DeLong,"),
        # "Last Last, First" or "First Last, Employer": not said which; an employer's own
        # name or its shared mailbox is no person
        ("García López, María", "Hello,"),
        ("Jane Doe, Globex", "Hello,"),
        ("Acme", "Hello,"),
        ("Acme Inc.", "Hello,"),
        ("Dr. Ana Lee MA", "Dear Dr. Lee,"),
        # "Last, First" is decided by what follows the comma: a given name, not a credential.
        ("van der Berg, Jan", "Dear Jan,"),
        ("Jane Doe, Acme", "Dear Jane,"),  # name, then company: not "Last, First"
        ("de la Cruz, María", "Dear María,"),
        ("Smith Jr., John", "Dear John,"),
        ("Doe, Jane, PhD", "Dear Jane,"),
        ("Jane Doe, Ph.D.", "Dear Jane,"),
        ("Jane Doe, MBA", "Dear Jane,"),
        ("Jane Doe, Engineering Manager", "Dear Jane,"),
        ("Jane Doe, Acme Inc", "Dear Jane,"),
        ("Li, Ma", "Dear Ma,"),
        # Names in capitals: every part after a hyphen or apostrophe is capitalised too.
        ("JEAN-PIERRE DUBOIS", "Dear Jean-Pierre,"),
        ("D'ARCY SMITH", "Dear D'Arcy,"),
        ("TK", "Dear TK,"),
        # A job title as the display name is not a person.
        ("Engineering Manager", "Hello,"),
        ("Hiring Manager", "Hello,"),
        ("Director of Engineering", "Hello,"),
        # military ranks go with the surname, as "Dr." does ("Dear Sgt.," it said)
        ("Sgt. (ret.) Laura Pike", "Dear Sgt. Pike,"),
        ("Capt. John Miller", "Dear Capt. Miller,"),
        ("Lt Col Ann Ross", "Dear Lt. Col. Ross,"),
        ("Gen Tanaka", "Dear Gen,"),
        # a surname with a particle is whole; a title is never a first name ("Dear Dra.,")
        ("Dr. Siobhán Ní Bhriain", "Dear Dr. Ní Bhriain,"),
        ("Dr. Maria de la Cruz", "Dear Dr. de la Cruz,"),
        ("Prof. Ludwig van Beethoven", "Dear Prof. van Beethoven,"),
        ("DR. AHMED BIN RASHID", "Dear Dr. bin Rashid,"),
        ("Dra. Ana López", "Dear Dra. López,"),
        ("Hon. Jane Doe", "Dear Jane Doe,"),
        ("Judge Judy Sheindlin", "Dear Judge Sheindlin,"),
        ("Dean Sarah Jones", "Dear Dean Jones,"),
        ("Dean Jones", "Dear Dean,"),
        ("Ing. Ana Ruiz", "Dear Ana Ruiz,"),
        ("Lic. Pérez", "Hello,"),
        # the name they go by, and every initial of a name without a first name
        ("Alexandra (Sasha) Petrova", "Dear Sasha,"),
        ('Robert "Bob" Jones', "Dear Bob,"),
        ("Katherine 'Kate' Lee", "Dear Kate,"),
        ("J. R. Smith", "Dear J. R. Smith,"),
        ("SMITH, J. R.", "Dear J. R. Smith,"),
    ],
)
def test_greeting(name: str, greeting: str) -> None:
    body = compose(request(to=(Address(name, "x@acme.com"),))).body
    assert body.splitlines()[0] == greeting


@pytest.mark.parametrize(("name", "email", "greeting"), [
    ("Acme Robotics", "recruiting@acmerobotics.com", "Hello,"),
    ("Contoso", "careers@contoso.com", "Hello,"),
    ("Fabrikam Inc.", "jobs@fabrikam.com", "Hello,"),
    ("Jane Doe", "recruiting@acmerobotics.com", "Dear Jane,"),  # a person at a shared box
    ("Jane Doe", "jane@janedoe.com", "Dear Jane,"),  # a person at her own domain
])
def test_an_employers_name_is_greeted_as_no_person(name: str, email: str, greeting: str) -> None:
    """"Dear Acme," (audit11): a display name that is the employer's, at its shared mailbox."""
    body = compose(request(StepKind.CHECK_IN, company="Globex",
                           to=(Address(name, email),))).body
    assert body.splitlines()[0] == greeting


@pytest.mark.parametrize(
    ("now", "phrase"),
    [
        (None, "with me on Tuesday."),
        (START + timedelta(hours=2), "with me today."),
        # 23:30 in New York is already Wednesday in UTC: the day is read in the interview's zone.
        (datetime(2026, 11, 25, 4, 30, tzinfo=timezone.utc), "with me today."),
        (START + timedelta(hours=18), "with me yesterday."),
        (START + timedelta(days=3), "with me on Tuesday."),
    ],
)
def test_thank_you_says_when_the_interview_was(now: datetime | None, phrase: str) -> None:
    assert phrase in compose(request(now=now)).body


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
GREETING_RE = re.compile(
    r"(?:Dear|Hello)(?: (?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|[A-Z])\. )?[A-Z][\w'’-]*)?,"
)


@pytest.mark.corpus
def test_greetings_for_every_real_display_name_in_the_corpus() -> None:
    """Display names as real mail writes them ("'Davis, Steven D.'", "Darwin@CPUC", lists)."""
    folder = CORPUS / "enron"
    if not folder.is_dir():
        pytest.skip(f"real-mail corpus not found at {folder} (a fresh clone has no ../shared)")
    pairs = set()
    for path in sorted(folder.glob("*.eml")):
        msg = message_from_bytes(path.read_bytes(), policy=policy.compat32)
        for header in ("From", "To", "Cc", "X-From", "X-To", "X-cc"):
            for name, email in getaddresses([str(v) for v in msg.get_all(header, [])]):
                if name:
                    pairs.add((name, email or "someone@example.com"))
    greetings = {
        pair: compose(request(to=(Address(*pair),))).body.splitlines()[0] for pair in sorted(pairs)
    }
    odd = {pair: g for pair, g in greetings.items() if not GREETING_RE.fullmatch(g)}
    assert odd == {}
    named = sum(g != "Hello," for g in greetings.values())
    assert len(pairs) > 1000 and named / len(pairs) > 0.85, (named, len(pairs))
    assert {g for (n, _), g in greetings.items() if n == "'Davis, Steven D.'"} == {"Dear Steven,"}


def test_greeting_of_two_named_recipients() -> None:
    to = (JANE, Address("Omar Haddad", "omar@acme.com"))
    assert compose(request(to=to)).body.startswith("Dear Jane and Omar,\n")


def test_later_round_refers_back_to_earlier_conversations() -> None:
    first = compose(request(rounds_before=0)).body
    later = compose(request(rounds_before=1)).body
    # True for a new interviewer in round 2 too: it does not claim earlier talks with them.
    assert (
        "This interview built on my earlier conversations with the team about "
        "[a point from a previous round] and further confirmed my fit." in later
    )
    assert "our earlier" not in later
    # to someone who held an earlier round herself (review20d)
    assert "my earlier conversations with you about" in compose(
        request(rounds_before=1, met_before=True)).body
    assert "previous round" not in first


def test_unknown_role_and_company_read_naturally() -> None:
    draft = compose(request(role=None, company=None, interview_start=None))
    assert "discuss the role with me." in draft.body  # no "on <day>", no double space
    # "the team", not "your team": to an agency's recruiter (client unnamed) "joining your
    # team" said the user would join the agency (review23a)
    assert "joining the team" in draft.body
    assert "  " not in draft.body
    assert " ." not in draft.body
    for junk in ("[Position]", "[Company]", "[Your Name]", "[Interviewer", "$", "None"):
        assert junk not in draft.body
        assert junk not in draft.subject


def test_role_and_company_from_mail_are_cleaned_and_not_linted() -> None:
    draft = compose(request(role="Software Engineer [Remote]", company="NVIDIA"))
    assert draft.subject == "Thank you for the Software Engineer (Remote) interview"
    assert "joining NVIDIA" in draft.body
    assert draft.lint == ()
    assert compose(request(role="Urgent Care Nurse")).lint == ()
    assert compose(request(role="the Senior Developer")).subject == (
        "Thank you for the Senior Developer interview"
    )
    shouting = ThreadRef("URGENT: INTERVIEW SCHEDULE!!", "<m@acme.com>", (), None)
    reply = compose(request(StepKind.CHECK_IN, thread=shouting))
    assert reply.subject == "Re: URGENT: INTERVIEW SCHEDULE!!"
    assert reply.lint == ()  # the thread's subject is theirs, not the user's wording
    bracketed = compose(
        request(interview_type=InterviewType.PANEL, to=(Address("Jane] [x", "j@a.com"),))
    )
    assert "[a point you discussed with Jane]" in bracketed.body


# ---------------------------------------------------------------- check-ins and final


def test_check_in_without_thread_uses_the_guides_subject() -> None:
    draft = compose(request(StepKind.CHECK_IN))
    assert draft.subject == "Following up on Senior Developer interview – Alex Wong"
    assert draft.in_reply_to is None and draft.references == () and draft.thread_id is None
    assert compose(request(StepKind.CHECK_IN, role=None)).subject == (
        "Following up on my interview with Acme – Alex Wong"
    )
    assert compose(request(StepKind.CHECK_IN, role=None, company=None)).subject == (
        "Following up on my interview – Alex Wong"
    )


@pytest.mark.parametrize("kind", FOLLOW_UPS)
def test_follow_ups_reply_in_the_thread(kind: StepKind) -> None:
    draft = compose(request(kind, thread=THREAD))
    assert draft.subject == "Re: Interview with Acme"
    assert draft.in_reply_to == "<m3@acme.com>"
    assert draft.references == ("<m1@acme.com>", "<m2@example.com>", "<m3@acme.com>")
    assert draft.thread_id == "18c2f0a1"


@pytest.mark.parametrize(
    "subject",
    [
        "Next steps",
        "Re: Next steps",
        "RE: Next steps",
        "Re: Re: Next steps",
        "Re[2]: Next steps",
        "AW: Next steps",
        "Automatic reply: Next steps",
        "Out of Office: Re: Next steps",
        "Odp: Next steps",
        "回复: Next steps",
    ],
)
def test_reply_subject_is_re_and_the_threads_original_subject(subject: str) -> None:
    draft = compose(request(StepKind.CHECK_IN, thread=replace(THREAD, subject=subject)))
    assert draft.subject == "Re: Next steps"
    # Not a reply marker: "Fwd:" is part of the subject, "Recap:" is a word.
    for kept in ("Fwd: Next steps", "Recap: Next steps"):
        assert compose(
            request(StepKind.CHECK_IN, thread=replace(THREAD, subject=kept))
        ).subject == (f"Re: {kept}")


@pytest.mark.parametrize("subject", [
    "Invitation: Onsite interview: Alex Wong - Data Platform Engineer (Fabrikam) @ Thu Nov 12, "
    "2026 10am - 12:15pm (EST) (alex.wong@example.com)",
    "Updated invitation: Interview with Acme @ Tue Nov 24, 2026 3pm - 4pm (EST) (alex@example.com)",
    "Accepted: Interview with Acme",
    "Updated invitation with note: Interview with Acme @ Tue Nov 24, 2026 3pm (EST) (a@x.com)",
    "New Time Proposed: Interview with Acme",
    "Fwd: Invitation: Interview with Acme @ Tue Nov 24, 2026 3pm - 4pm (EST) (alex@example.com)",
])
def test_a_check_in_does_not_answer_a_calendar_notice(subject: str) -> None:
    """The latest mail with the interviewer was a calendar invitation: the check-in starts its
    own thread under the guide's subject, not "Re: Invitation: ... @ Thu Nov 12 ... (me@x)"."""
    draft = compose(request(StepKind.CHECK_IN, thread=replace(THREAD, subject=subject)))
    assert draft.subject == "Following up on Senior Developer interview – Alex Wong"
    assert (draft.in_reply_to, draft.references, draft.thread_id) == (None, (), None)


def test_reply_ids_are_not_doubled() -> None:
    thread = ThreadRef("Next steps", "<m3@acme.com>", ("<m1@acme.com>", "<m3@acme.com>"), None)
    draft = compose(request(StepKind.CHECK_IN, thread=thread))
    assert draft.references == ("<m1@acme.com>", "<m3@acme.com>")
    assert draft.thread_id is None


def test_reply_without_message_id_answers_the_last_reference() -> None:
    thread = ThreadRef("Interview", None, ("<m1@acme.com>", "<m2@acme.com>"), "t")
    draft = compose(request(StepKind.CHECK_IN, thread=thread))
    assert draft.in_reply_to == "<m2@acme.com>"
    assert draft.references == ("<m1@acme.com>", "<m2@acme.com>")


@pytest.mark.parametrize("subject", [" \r\n ", "(no subject)", "Re: (No Subject)", "Fwd:"])
def test_reply_in_a_thread_without_subject_uses_the_guides_subject(subject: str) -> None:
    draft = compose(request(StepKind.CHECK_IN, thread=replace(THREAD, subject=subject)))
    assert draft.subject == "Following up on Senior Developer interview – Alex Wong"
    assert draft.in_reply_to == "<m3@acme.com>"


def test_long_reference_chains_keep_root_and_latest() -> None:
    refs = tuple(f"<m{i}@acme.com>" for i in range(40))
    draft = compose(
        request(StepKind.CHECK_IN, thread=ThreadRef("x", "<last@acme.com>", refs, None))
    )
    assert len(draft.references) == 20
    assert draft.references[0] == "<m0@acme.com>"
    assert draft.references[-1] == "<last@acme.com>"


def test_check_in_structure() -> None:
    body = compose(request(StepKind.CHECK_IN)).body
    assert (
        "This is Alex Wong; I interviewed on November 24 for the Senior Developer role at Acme."
        in body
    )
    assert "When might I expect to hear about next steps in the process?" in body
    assert body.count("?") == 1
    assert PLACEHOLDER_RE.search(body)  # the value-add is the user's to write
    # after a stated timeline it recalls what they said, the day as the watcher read it
    said = compose(request(StepKind.CHECK_IN, news_by=date(2026, 11, 27)))
    assert ' at Acme. [What you were told about the timing, e.g. "You mentioned you hoped to ' \
        'have news by November 27."] I am writing to check' in said.body and said.lint == ()


def test_second_check_in_offers_information_and_value() -> None:
    body = compose(request(StepKind.SECOND_CHECK_IN)).body
    assert "remain very enthusiastic" in body
    assert "any other information" in body
    assert "[Something of value" in body


def test_a_check_in_after_the_employers_reply_follows_up_on_it() -> None:
    """After "we'll be in touch next week" and silence, the check-in was the first one again,
    word for word ("This is Alex; I interviewed on ..."): it now follows up on what they said,
    within the guide's budget and checks."""
    first = compose(request(StepKind.CHECK_IN))
    draft = compose(request(StepKind.CHECK_IN, after_reply=True))
    assert draft.body != first.body and "I interviewed" not in draft.body
    assert "again" not in draft.body  # the user may never have answered their reply
    # what they said, when it was a date: "we hope to decide by Friday, December 4"
    dated = compose(request(StepKind.CHECK_IN, after_reply=True, news_by=date(2026, 12, 4)))
    assert 'I am writing to follow up, as [what you were told about the timing or the next ' \
        'steps, e.g. "you mentioned you hoped to have news by December 4"].' in dated.body
    assert dated.lint == ()
    assert "Thank you for your note about the Senior Developer role at Acme." in draft.body
    assert "[what you were told about the timing or the next steps" in draft.body
    assert draft.body.count("?") == 1 and draft.lint == ()
    # the second check-in has its own wording either way
    second = compose(request(StepKind.SECOND_CHECK_IN, after_reply=True))
    assert second.body == compose(request(StepKind.SECOND_CHECK_IN)).body


def test_final_follow_up_uses_the_break_up_wording() -> None:
    body = compose(request(StepKind.FINAL_FOLLOW_UP)).body
    assert (
        "I'm still very interested in the Senior Developer role at Acme, but I understand if the "
        "team has moved in a different direction or if the hiring timeline has changed. I'd "
        "appreciate any update you can provide, even if it's that you're still in the decision "
        "process or have selected another candidate."
    ) in " ".join(body.split())
    no_role = compose(request(StepKind.FINAL_FOLLOW_UP, role=None, company=None)).body
    assert "I'm still very interested in the role, but" in no_role


# ---------------------------------------------------------------- networking


def test_networking_starts_a_new_thread_and_alternates() -> None:
    first = compose(request(StepKind.NETWORKING, thread=THREAD, networking_index=0))
    second = compose(request(StepKind.NETWORKING, thread=THREAD, networking_index=1))
    assert first.subject == "An article I thought you would enjoy"
    assert second.subject == "Congratulations on the recent news at Acme"
    assert compose(request(StepKind.NETWORKING, company=None, networking_index=1)).subject == (
        "Congratulations on the recent news"
    )
    for d in (first, second):
        assert d.in_reply_to is None and d.references == () and d.thread_id is None
        assert "next step" not in d.body and "update" not in d.body
        assert PLACEHOLDER_RE.search(d.body)
        assert d.lint == ()
        # it goes to whoever last wrote (a recruiter the user may never have met): it assumes
        # no meeting or conversation with them
        assert not re.search(r"meet you|our conversations?\b", d.body), d.body


# ---------------------------------------------------------------- every bundled combination


def test_every_bundled_combination_is_within_budget_and_lint_clean() -> None:
    words: dict[tuple[object, ...], int] = {}
    sentences: dict[StepKind, set[int]] = {}
    for req in all_bundled_requests():
        draft = compose(req)
        assert draft.lint == (), (req, draft.lint)
        if req.kind is StepKind.THANK_YOU:
            n = count_words(draft.body)
            assert THANK_YOU_WORDS[0] <= n <= THANK_YOU_WORDS[1], (req, n)
            words[(req.interview_type, req.rounds_before, req.role is not None)] = n
        if req.kind in FOLLOW_UPS:
            n = count_sentences(draft.body)
            assert FOLLOW_UP_SENTENCES[0] <= n <= FOLLOW_UP_SENTENCES[1], (req, n)
            sentences.setdefault(req.kind, set()).add(n)
        # Placeholders are bracketed and nothing else is; no template variable is left over.
        assert "$" not in draft.body + draft.subject
        assert (
            draft.body.count("[")
            == draft.body.count("]")
            == len(PLACEHOLDER_RE.findall(draft.body))
        )
        assert not PLACEHOLDER_RE.search(draft.subject)
        assert "  " not in draft.body and " ." not in draft.body and " ," not in draft.body
        assert draft.body.endswith("\n") and not draft.body.endswith("\n\n")
    assert len(words) == 6 * 2 * 2
    assert set(sentences) == set(FOLLOW_UPS)


@pytest.mark.parametrize(
    ("role", "company"),
    [
        ("Sr. Software Engineer", "Acme Inc."),
        ("VP, Engineering", "J.P. Morgan"),
        ("Director of Product Management, Growth & Monetization", "AT&T"),
        ("Data Scientist II", "Yahoo!"),
        ("ML Engineer", "Booking.com"),
    ],
)
def test_realistic_titles_and_employers_stay_within_budget(role: str, company: str) -> None:
    for kind in StepKind:
        for itype in [None, *InterviewType]:
            draft = compose(
                request(kind, role=role, company=company, interview_type=itype, rounds_before=1)
            )
            assert draft.lint == (), (kind, itype, draft.lint)


def test_compose_is_deterministic() -> None:
    for req in all_bundled_requests()[::7]:
        assert compose(req) == compose(req)


# ---------------------------------------------------------------- signature


def test_signature_from_config() -> None:
    # [me] signature is extra lines after name, phone and email (config docs), not instead.
    custom = replace(ME, signature="Senior Developer\nlinkedin.com/in/alexwong")
    body = compose(request(sender=custom)).body
    assert body.endswith(
        "Best regards,\nAlex Wong\n+1 555 0100\nalex@example.com\n"
        "Senior Developer\nlinkedin.com/in/alexwong\n"
    )
    # A signature written as a whole (name included) does not repeat the name.
    whole = replace(ME, signature="Alex Wong\nSenior Developer\nalex@example.com")
    assert compose(request(sender=whole)).body.endswith(
        "Best regards,\nAlex Wong\n+1 555 0100\nalex@example.com\nSenior Developer\n"
    )
    # ... nor when [me] name carries letters after it (review20d)
    phd = replace(ME, name="Alex Wong, PhD", signature="Alex Wong\nData Scientist\n+1 555 0100")
    assert compose(request(sender=phd)).body.endswith(
        "Best regards,\nAlex Wong, PhD\n+1 555 0100\nalex@example.com\nData Scientist\n"
    )
    no_phone = compose(request(sender=replace(ME, phone=""))).body
    assert no_phone.endswith("Best regards,\nAlex Wong\nalex@example.com\n")


def test_letters_after_my_name_stay_in_the_signature_not_in_sentences() -> None:
    """(review23a) [me] name "Alex Wong, CPA": the check-in read "This is Alex Wong, CPA; I
    interviewed on ..." and its subject "... interview – Alex Wong, CPA"."""
    cpa = replace(ME, name="Alex Wong, CPA")
    check_in = compose(request(StepKind.CHECK_IN, sender=cpa))
    assert "This is Alex Wong; I interviewed on November 24" in check_in.body
    assert check_in.subject == "Following up on Senior Developer interview – Alex Wong"
    assert check_in.body.endswith("Best regards,\nAlex Wong, CPA\n+1 555 0100\nalex@example.com\n")


@pytest.mark.parametrize("name", ["", "alex@example.com", "Alex@Example.com"])
def test_without_a_name_drafts_say_your_name_not_the_address(name: str) -> None:
    """[me] name defaults to "": the pipeline then passes the address as the name."""
    nameless = Sender(name=name, email="alex@example.com", phone="+1 555 0100")
    check_in = compose(request(StepKind.CHECK_IN, sender=nameless))
    assert "This is [your name]; I interviewed on November 24" in check_in.body
    assert check_in.subject == "Following up on Senior Developer interview – [your name]"
    for kind in StepKind:
        draft = compose(request(kind, sender=nameless))
        assert draft.body.endswith("Best regards,\n[your name]\n+1 555 0100\nalex@example.com\n")
        assert draft.body.lower().count("alex@example.com") == 1
        assert draft.from_ == Address("", "alex@example.com")
        assert draft.lint == (), (kind, draft.lint)


@pytest.mark.parametrize(
    ("role", "title"),
    [
        ("SENIOR DATA ENGINEER", "Senior Data Engineer"),
        ("VP OF ENGINEERING", "VP of Engineering"),
        ("SR. SRE (REMOTE)", "Sr. SRE (Remote)"),
        ("FULL-STACK DEVELOPER II", "Full-Stack Developer II"),
        ("AI/ML ENGINEER", "AI/ML Engineer"),
        ("QA LEAD", "QA Lead"),
        ("SRE", "SRE"),
        ("Senior SRE", "Senior SRE"),  # not all caps: as written
    ],
)
def test_an_all_caps_role_is_title_cased(role: str, title: str) -> None:
    draft = compose(request(role=role))
    assert draft.subject == f"Thank you for the {title} interview"
    assert f"discuss the {title} role with me" in draft.body
    assert compose(request(StepKind.CHECK_IN, role=role)).subject.startswith(
        f"Following up on {title} interview"
    )


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Acme Inc.", "for the Senior Developer role at Acme Inc. I am writing"),
        ("Yahoo!", "for the Senior Developer role at Yahoo! I am writing"),
        ("What?", "for the Senior Developer role at What? I am writing"),
    ],
)
def test_a_name_ending_in_a_stop_gets_no_second_stop(company: str, expected: str) -> None:
    draft = compose(request(StepKind.CHECK_IN, company=company))
    assert expected in draft.body
    assert ".." not in draft.body and "!." not in draft.body and "?." not in draft.body
    news = compose(request(StepKind.NETWORKING, company=company, networking_index=1))
    assert ".." not in news.subject + news.body


def test_an_ellipsis_and_a_placeholder_ending_in_a_stop_are_kept(tmp_path: Path) -> None:
    write(
        tmp_path / "check_in.txt",
        "Subject: About $role_interview\n\n$greeting\n\nWell... I wonder. [A thought.]. "
        "At $company.\n\nBest regards,\n$signature\n",
    )
    body = compose(request(StepKind.CHECK_IN, company="Acme Inc."), tmp_path).body
    assert "Well... I wonder. [A thought.]. At Acme Inc.\n" in body


def test_a_thank_you_made_the_day_of_the_interview_says_today(tmp_path: Path) -> None:
    """The pipeline passes the moment it drafts, so the thank-you can say "today"."""
    from tests.enginekit import at, config, confirmation_mail
    from watcher.backends.memory import MemoryBackend
    from watcher.config import MeConfig
    from watcher.pipeline import Engine, tick
    from watcher.store import Store

    b = MemoryBackend("main")
    b.deliver(confirmation_mail()[0])
    me = MeConfig(name="Alex Wong", addresses=("alex@example.com",))
    engine = Engine(replace(config(), me=me), Store(tmp_path / "w.db"), {b.name: b})
    tick(at("2026-12-01 15:30"), engine)
    made = tick(at("2026-12-01 16:00"), engine).drafts
    assert [c.draft.kind for c in made] == [StepKind.THANK_YOU]
    assert "role with me today." in made[0].draft.body


# ---------------------------------------------------------------- user templates


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_user_template_overrides_the_bundled_one(tmp_path: Path) -> None:
    write(
        tmp_path / "check_in.txt",
        "Subject: Checking on the $role role – $my_name\n\n$greeting\n\nShort note.\n\n"
        "Best regards,\n$signature\n",
    )
    draft = compose(request(StepKind.CHECK_IN), tmp_path)
    assert draft.subject == "Checking on the Senior Developer role – Alex Wong"
    assert draft.body.startswith("Dear Jane,\n\nShort note.\n")
    # It fails the guide's checks, which are reported, not fatal.
    assert any(f.startswith("sentence-budget") for f in draft.lint)
    assert any(f.startswith("no-question") for f in draft.lint)
    # Kinds without a user file still use the bundled template.
    bundled = compose(request(StepKind.SECOND_CHECK_IN), tmp_path)
    assert bundled == compose(request(StepKind.SECOND_CHECK_IN))


def test_user_sentence_template_overrides_the_type_sentence(tmp_path: Path) -> None:
    write(tmp_path / "type_video.txt", "Thanks for bearing with the\n${interviewer}-video glitch.")
    body = compose(request(interview_type=InterviewType.VIDEO), tmp_path).body
    assert "Thanks for bearing with the Jane-video glitch." in body


def test_user_template_is_reread_when_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "networking.txt"
    write(path, "Subject: One\n\nHello.\n")
    assert compose(request(StepKind.NETWORKING), tmp_path).subject == "One"
    write(path, "Subject: Second\n\nHello.\n")
    os.utime(path, ns=(1, 2_000_000_000))
    assert compose(request(StepKind.NETWORKING), tmp_path).subject == "Second"


def test_user_template_with_unknown_variable_names_file_and_variable(tmp_path: Path) -> None:
    path = tmp_path / "thank_you.txt"
    write(path, "Subject: Thanks $first_name\n\nDear $interviewer_name,\n")
    with pytest.raises(ConfigError) as info:
        compose(request(), tmp_path)
    message = str(info.value)
    assert str(path) in message
    assert "$interviewer_name" in message
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Dear $greeting\n", "Subject"),
        ("Subject: x\n\nIt costs $5.\n", "$$"),
    ],
)
def test_malformed_user_template_is_a_config_error(tmp_path: Path, text: str, why: str) -> None:
    write(tmp_path / "final_follow_up.txt", text)
    with pytest.raises(ConfigError, match=re.escape(why)):
        compose(request(StepKind.FINAL_FOLLOW_UP), tmp_path)


def test_non_utf8_user_template_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "thank_you.txt").write_bytes(b"Subject: caf\xe9\n\nbody\n")
    with pytest.raises(ConfigError, match="UTF-8"):
        compose(request(), tmp_path)


def test_every_bundled_template_exists_uses_known_variables_and_is_documented() -> None:
    folder = Path(__file__).resolve().parents[1] / "watcher" / "templates"
    messages = {n for names in TEMPLATE_FILES.values() for n in names}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in sorted(messages | set(SENTENCE_FILES)):
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith("Subject: ") == (name in messages), name
        assert set(re.findall(r"\$\{?(\w+)", text)) <= set(TEMPLATE_VARIABLES), name
        assert f"`{name}`" in readme, name
    for variable in TEMPLATE_VARIABLES:
        assert f"`${variable}`" in readme, variable
    assert {p.name for p in folder.glob("*.txt")} == messages | set(SENTENCE_FILES)


# ---------------------------------------------------------------- header injection and rendering

HOSTILE = "Hi\r\nBcc: evil@x.com"


def test_sanitize_header_removes_line_breaks_and_controls() -> None:
    assert sanitize_header(HOSTILE) == "Hi Bcc: evil@x.com"
    assert sanitize_header("a\x00b\tc\u2028d\x85e") == "a b c d e"
    assert sanitize_header(None) == ""


def test_hostile_inbound_values_never_reach_a_header_as_line_breaks() -> None:
    thread = ThreadRef(
        subject=HOSTILE,
        message_id="<m3@acme.com>\r\nBcc: evil@x.com",
        references=("<m1@acme.com>\nX-Evil: 1",),
        thread_id="t\r\n1",
    )
    req = request(
        StepKind.CHECK_IN,
        thread=thread,
        to=(Address("Jane\r\nBcc: evil@x.com", "jane@acme.com"),),
        role="Developer\r\nBcc: evil@x.com",
    )
    draft = compose(req)
    for value in (draft.subject, draft.in_reply_to or "", draft.thread_id or "", *draft.references):
        assert "\r" not in value and "\n" not in value
    assert draft.subject == "Re: Hi Bcc: evil@x.com"
    raw = render_message(draft, date=START)
    head = raw.split(b"\r\n\r\n", 1)[0]
    names = [
        line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line[:1] not in b" \t"
    ]
    assert b"bcc" not in names and b"x-evil" not in names
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["Bcc"] is None
    assert [str(a) for a in msg["To"].addresses] == ['"Jane Bcc: evil@x.com" <jane@acme.com>']
    # A draft built by hand (not via compose) is sanitized again when rendered.
    forged = replace(
        draft, subject=HOSTILE, in_reply_to="<a@b>\r\nBcc: e@x", references=("<a@b>\n",)
    )
    head = render_message(forged, date=START).split(b"\r\n\r\n", 1)[0]
    assert all(not line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))


EXPECTED_HEADERS = {
    b"from", b"to", b"subject", b"date", b"message-id", b"in-reply-to", b"references",
    b"x-watcher-step", b"content-type", b"content-transfer-encoding", b"mime-version",
}  # fmt: skip
hostile_text = st.text(
    alphabet=st.sampled_from(
        [
            "a",
            "Z",
            " ",
            ":",
            "\r",
            "\n",
            "\t",
            "\x00",
            "\x85",
            "\u2028",
            "é",
            "<",
            ">",
            "@",
            "[",
            "$",
        ]
    ),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(
    subject=hostile_text,
    name=hostile_text,
    role=hostile_text,
    company=hostile_text,
    mid=hostile_text,
    ref=hostile_text,
)
def test_no_inbound_value_can_add_a_header(
    subject: str, name: str, role: str, company: str, mid: str, ref: str
) -> None:
    thread = ThreadRef(subject, "<" + mid + "@acme.com>", (ref, "<r@acme.com>"), mid)
    draft = compose(
        request(
            StepKind.CHECK_IN,
            thread=thread,
            to=(Address(name, "jane@acme.com"),),
            role=role,
            company=company,
        )
    )
    for value in (draft.subject, draft.in_reply_to or "", draft.thread_id or "", *draft.references):
        assert not re.search(r"[\x00-\x1f\x7f\x85\u2028]", value)
    raw = render_message(draft, date=START)
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"\n" not in head.replace(b"\r\n", b"") and b"\r" not in head.replace(b"\r\n", b"")
    names = {
        line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line[:1] not in b" \t"
    }
    assert names == EXPECTED_HEADERS
    assert message_from_bytes(raw, policy=policy.default)["X-Watcher-Step"] == draft.marker


def test_render_message_headers_and_body() -> None:
    draft = compose(request(StepKind.CHECK_IN, thread=THREAD))
    raw = render_message(draft, date=datetime(2026, 12, 2, 8, 0, tzinfo=EST))
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["From"] == "Alex Wong <alex@example.com>"
    assert msg["To"] == "Jane Doe <jane@acme.com>"
    assert msg["Subject"] == "Re: Interview with Acme"
    assert msg["Date"] == "Wed, 02 Dec 2026 08:00:00 -0500"
    assert msg["Message-ID"] == message_id_for(draft.marker, "example.com")
    assert re.fullmatch(r"<watcher\.[0-9a-f]{16}@example\.com>", msg["Message-ID"])
    assert msg["In-Reply-To"] == "<m3@acme.com>"
    assert msg["References"].split() == ["<m1@acme.com>", "<m2@example.com>", "<m3@acme.com>"]
    assert msg["X-Watcher-Step"] == draft.marker
    assert msg.get_content_type() == "text/plain"
    assert msg.get_content_charset() == "utf-8"
    assert msg.get_content().replace("\r\n", "\n") == draft.body
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")


def test_render_message_is_deterministic_and_ids_follow_the_marker() -> None:
    draft = compose(request())
    one = render_message(draft, date=START)
    assert one == render_message(draft, date=START)
    other = render_message(replace(draft, marker="another/step"), date=START)
    id_of = lambda raw: message_from_bytes(raw, policy=policy.default)["Message-ID"]  # noqa: E731
    assert id_of(one) != id_of(other)
    assert id_of(render_message(draft, date=START, message_id_domain="host.example")).endswith(
        "@host.example>"
    )


def test_render_message_encodes_non_ascii() -> None:
    draft = compose(
        request(
            to=(Address("José Núñez", "jose@acme.es"),),
            sender=replace(ME, name="Zoë Müller"),
            company="Café Ltd",
        )
    )
    raw = render_message(draft, date=START)
    raw.decode("ascii")  # headers RFC 2047-encoded, body quoted-printable or base64
    msg = message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "José Núñez <jose@acme.es>"
    assert msg["From"] == "Zoë Müller <alex@example.com>"
    assert "Dear José," in msg.get_content()
    assert "joining Café Ltd" in msg.get_content()


@pytest.mark.parametrize(
    ("email", "header"),
    [
        ("a+b@x.com", b"To: Jane <a+b@x.com>"),
        ("jane@b\u00fccher.de", b"To: Jane <jane@xn--bcher-kva.de>"),  # IDNA domain
        ("j\u00f6s\u00e9@acme.es", "To: Jane <j\u00f6s\u00e9@acme.es>".encode()),  # SMTPUTF8
    ],
)
def test_render_message_addresses(email: str, header: bytes) -> None:
    draft = compose(request(StepKind.NETWORKING, to=(Address("Jane", email),)))
    raw = render_message(draft, date=START)
    assert header in raw.split(b"\r\n")
    assert message_from_bytes(raw, policy=policy.default)["X-Watcher-Step"] == draft.marker


def test_render_message_needs_an_aware_date() -> None:
    with pytest.raises(ValueError, match="aware"):
        render_message(compose(request()), date=datetime(2026, 12, 1, 9, 0))


def test_a_long_marker_stays_one_plain_header_line() -> None:
    """Backends find drafts by this header: it must read back exactly as the ledger key."""
    marker = "tailspin-toys-site-reliability-engineer/r12/c3/thank_you/harriet.osei@tailspintoys.com"
    draft = replace(compose(request()), marker=marker)
    raw = render_message(draft, date=START)
    lines = [ln for ln in raw.split(b"\r\n") if ln.lower().startswith(b"x-watcher-step:")]
    assert lines == [b"X-Watcher-Step: " + marker.encode()]


def test_a_second_check_in_never_claims_a_note_the_user_never_wrote() -> None:
    """A first sync on an old mailbox skips the first check-in: if the user has not written
    since the interview, the next one is worded as a first check-in, not "writing again"."""
    again = compose(request(StepKind.SECOND_CHECK_IN))
    assert "writing again" in again.body
    first = compose(request(StepKind.SECOND_CHECK_IN, wrote_before=False))
    assert "writing again" not in first.body and "my last note" not in first.body
    assert "I interviewed" in first.body
    assert lint_draft(first.subject, first.body, StepKind.SECOND_CHECK_IN) == []
    final = compose(request(StepKind.FINAL_FOLLOW_UP, wrote_before=False))
    assert "once more" not in final.body and "again" not in final.body.split("Thank you")[0]


@pytest.mark.parametrize(("names", "met", "short"), [
    (("Tom Becker",), "Tom Becker", "Tom"),
    (("Tom Becker", "Lena Ortiz"), "Tom Becker and Lena Ortiz", "Tom and Lena"),
    (("Tom Becker", "Dr. Lena Ortiz", "Ian Cho"), "Tom Becker, Dr. Lena Ortiz and Ian Cho",
     "Tom, Dr. Ortiz and Ian"),
    (("Chris Lee", "Chris Park", "Dana Wu"), "Chris Lee, Chris Park and Dana Wu",
     "Chris Lee, Chris Park and Dana"),  # never "Chris, Chris and Dana"
])
@pytest.mark.parametrize("itype", [InterviewType.PANEL, InterviewType.VIDEO, None])
def test_a_thank_you_through_the_recruiter_asks_her_to_pass_it_on(
        names: tuple[str, ...], met: str, short: str, itype: InterviewType | None) -> None:
    """Interviewers named without an address to write to: the thank-you goes to the recruiter
    who arranged it. It thanked her "for taking the time to discuss the role" and for "your
    perspective", greeted by her name: a note for an interview she did not hold."""
    priya = Address("Priya Raman", "priya@acme.com")
    d = compose(request(to=(priya,), pass_on_to=names, interview_type=itype, rounds_before=1,
                        now=START + timedelta(hours=2)))
    assert d.subject == "Thank you for the Senior Developer interview"
    # the day goes with the meeting: "arranging my interview ... today" read as arranged today
    assert d.body.startswith("Dear Priya,\n\nThank you very much for arranging my interview for the "
                             f"Senior Developer role at Acme. I enjoyed meeting {met} today, ")
    assert f"Would you please pass my thanks on to {short}?" in d.body
    assert "your perspective" not in d.body and "taking the time" not in d.body
    assert d.lint == ()


def test_templates_lint_reads_each_user_template_as_its_draft_would(tmp_path: Path) -> None:
    """A user's template with the guide's mistakes made drafts that were saved as written, the
    findings only counted in the log (review22d); `watcher doctor` shows them from here. The
    bundled templates, copied as the user's, find nothing."""
    bundled = resources.files("watcher").joinpath("templates")
    names = {*(n for names in TEMPLATE_FILES.values() for n in names), *SENTENCE_FILES}
    assert set(TEMPLATE_SAMPLES) == names  # a template added without its sample would go unchecked
    for name in sorted(names):
        (tmp_path / name).write_text(bundled.joinpath(name).read_text(encoding="utf-8"))
    assert templates_lint(tmp_path, ME) == []
    (tmp_path / "check_in.txt").write_text(
        "Subject: FOLLOWING UP!!!\n\n${greeting}\n\nI need an answer ASAP. Please reply by Friday."
        "\n\n${signature}\n")
    (tmp_path / "type_video.txt").write_text("I was disappointed by the call quality!!!")
    found = templates_lint(tmp_path, ME)
    assert f"{tmp_path / 'check_in.txt'}: casual-or-demanding: 'ASAP'" in found
    assert f"{tmp_path / 'check_in.txt'}: generic-subject: 'FOLLOWING UP!!!'" in found
    assert f"{tmp_path / 'type_video.txt'}: repeated-punctuation: '!!!'" in found
    assert {f.split(":")[0] for f in found} == {str(tmp_path / "check_in.txt"),
                                                str(tmp_path / "type_video.txt")}
