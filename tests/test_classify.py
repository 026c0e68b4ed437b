"""Unit tests of the classifier on small hand-built messages (no files, no clock)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta, timezone

import pytest

from watcher.classify import classify, explain, prefilter, registrable
from watcher.models import (
    Address,
    ClassifierSettings,
    Direction,
    Event,
    InterviewType,
    Kind,
    Message,
    ReplyKind,
)

ME = "alex@example.org"
SETTINGS = ClassifierSettings(me=(ME,))
DATE = datetime(2026, 11, 26, 10, 0, tzinfo=timezone(timedelta(hours=-5)))


def msg(subject: str, text: str, frm: str = "Jane Doe <jane@acme.com>", to: str = ME,
        headers: dict[str, str] | None = None, in_reply_to: str | None = None) -> Message:
    name, _, email = frm.rpartition(" <")
    sender = Address(name, email.rstrip(">")) if email else Address("", frm)
    return Message(message_id="<m@x>", subject=subject, from_=sender, sender=None, reply_to=(),
                   to=(Address("", to),), cc=(), date=DATE, in_reply_to=in_reply_to, references=(),
                   headers=headers or {}, text=text)


def test_confirmed_from_text_with_relative_date() -> None:
    ev = classify(msg("Interview confirmation: Senior Developer at Acme",
                      "Hi Alex,\n\nConfirming your video interview tomorrow at 2pm ET with me.\n\nJane"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 11, 27, 19, 0, tzinfo=timezone.utc)
    assert ev.interview.end - ev.interview.start == timedelta(minutes=60)
    assert ev.interview.role == "Senior Developer" and ev.interview.company == "Acme"
    assert ev.employer_domain == "acme.com" and 0 < ev.confidence <= 1


def test_ats_sender_is_never_the_company() -> None:
    m = msg("Your interview is scheduled", "Your phone interview for the Data Analyst role is "
            "scheduled for Tuesday, December 1 at 3:00 PM EST.", frm="Globex <no-reply@greenhouse.io>")
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED
    assert ev.company == "Globex" and ev.employer_domain is None


def test_requested_when_asking_for_availability() -> None:
    ev = classify(msg("Interview - Data Analyst", "We'd like to schedule a phone interview. "
                      "Could you send me your availability for next week?"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED


def test_cancel_boilerplate_is_not_a_cancellation() -> None:
    ev = classify(msg("Interview confirmed", "Your interview is confirmed for December 3 at 10:00 AM PT. "
                      "If you need to cancel or reschedule, use the link below."), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


def test_press_interview_is_other() -> None:
    ev = classify(msg("Interview request for our podcast", "We'd love to interview you for an episode "
                      "of our podcast on Tuesday, December 1 at 3pm ET."), SETTINGS)
    assert ev.kind is Kind.OTHER


def test_user_as_interviewer_is_other() -> None:
    ev = classify(msg("Interview: candidate John Smith", "You are scheduled to interview the candidate "
                      "on December 2 at 11:00 AM ET. Please submit your feedback in the scorecard."), SETTINGS)
    assert ev.kind is Kind.OTHER


def test_application_acknowledgement_is_automatic_other() -> None:
    ev = classify(msg("Thank you for applying", "Thank you for applying to the Data Analyst position. "
                      "We will review your application.", frm="Acme Careers <careers@acme.com>"), SETTINGS)
    assert ev.kind is Kind.OTHER and ev.automatic


@pytest.mark.parametrize(("text", "kind"), [
    ("We have made the decision not to move forward at this time.", ReplyKind.REJECTION),
    ("After careful consideration, the team decided to pursue candidates whose experience more "
     "closely matches the role.", ReplyKind.REJECTION),
    ("We are moving forward with other candidates for the Data Analyst role.", ReplyKind.REJECTION),
    ("We will not be offering you the position.", ReplyKind.REJECTION),
    ("We are not able to offer you a position at this time.", ReplyKind.REJECTION),
    ("The team has decided to go in another direction.", ReplyKind.REJECTION),
    ("Great news: we'd like to move forward with an offer! Do you have 15 minutes tomorrow "
     "for a call?", ReplyKind.OFFER),
    ("I'm happy to share that you've been selected for the Data Analyst role; the formal "
     "paperwork follows.", ReplyKind.OFFER),
    ("Leadership approved an offer for you this morning.", ReplyKind.OFFER),
])
def test_common_rejection_and_offer_wording(text: str, kind: ReplyKind) -> None:
    """A rejection or offer missed is check-ins sent after a "no" (or a "yes")."""
    ev = classify(msg("Re: Thank you for the Data Analyst interview", f"Hi Alex,\n\n{text}\n\nJane",
                      in_reply_to="<a@b>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, kind)


@pytest.mark.parametrize(("text", "kind"), [
    ("Congratulations, you have been selected for the second round for the role. We'll be in "
     "touch with times.", ReplyKind.NEXT_STEP),
    ("Thanks again for your time. We are continuing with other candidates this week and expect "
     "to get back to you by Friday, December 4.", ReplyKind.TIMELINE_UPDATE),
    ("We have decided to continue with other candidates for this role.", ReplyKind.REJECTION),
    ("We will continue with other candidates for this position.", ReplyKind.REJECTION),
    ("After careful consideration, we're continuing with other applicants at this time.",
     ReplyKind.REJECTION),
])
def test_wording_near_a_decision_that_is_not_one(text: str, kind: ReplyKind) -> None:
    """A round is not the job, and interviewing others this week is not a "no": either misread
    closes the process and no check-in is ever drafted."""
    ev = classify(msg("Re: Data Analyst application", f"Hi Alex,\n\n{text}\n\nJane",
                      in_reply_to="<a@b>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, kind)


def test_before_an_offer_a_further_meeting_is_not_an_offer() -> None:
    ev = classify(msg("Re: Data Analyst interview", "Hi Alex,\n\nBefore we move forward with an "
                      "offer, we'd like you to meet our VP next week. I'll send some times.\n\nJane",
                      in_reply_to="<a@b>"), SETTINGS)
    assert ev.reply is not ReplyKind.OFFER and ev.kind is Kind.INTERVIEW_REQUESTED


def test_a_reply_in_a_next_round_thread_is_read_by_its_text() -> None:
    """"Re: ... next round (onsite)" with a decision date in the text is a timeline update
    (the subject's words made it a next step: the date was lost, a check-in came before it)."""
    ev = classify(msg("Re: Pinecrest AI - next round (onsite)", "Hi Alex,\n\nThanks again for "
                      "coming in. We expect to have a decision by December 10.\n\nJane",
                      in_reply_to="<a@b>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, ReplyKind.TIMELINE_UPDATE)
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-10"
    fresh = classify(msg("Next round (onsite) for the Data Analyst role", "Hi Alex, we'd like to "
                         "invite you to an onsite next week.", in_reply_to="<a@b>"), SETTINGS)
    assert fresh.reply is ReplyKind.NEXT_STEP


def test_rejection_and_timeline() -> None:
    rej = classify(msg("Your application", "Unfortunately we have decided to move forward with other "
                       "candidates for the Data Analyst role."), SETTINGS)
    assert rej.kind is Kind.EMPLOYER_REPLY and rej.reply is ReplyKind.REJECTION
    upd = classify(msg("Re: Thank you for the Data Analyst interview", "Thanks Alex! We'll be in touch next Tuesday.",
                       in_reply_to="<a@b>"), SETTINGS)
    assert upd.reply is ReplyKind.TIMELINE_UPDATE and upd.stated_timeline is not None
    assert upd.stated_timeline.isoformat() == "2026-12-01"


@pytest.mark.parametrize(("offset", "user_zone", "expected"), [
    (-5, None, "2027-05-01"),  # New York: month first
    (1, None, "2027-01-05"),  # Berlin: day first
    (0, "Europe/Berlin", "2027-01-05"),  # a server's +0000 stamp: the user's own zone decides
    (0, "America/Chicago", "2027-05-01"),
])
def test_a_numeric_decision_date_is_read_as_its_writer_writes_dates(
        offset: int, user_zone: str | None, expected: str) -> None:
    import dataclasses

    m = msg("Re: Thank you for the Data Analyst interview",
            "Thanks Alex! We will make a decision by 05/01/2027 and be in touch then.", in_reply_to="<a@b>")
    m = dataclasses.replace(m, date=datetime(2026, 12, 20, 10, 0, tzinfo=timezone(timedelta(hours=offset))))
    ev = classify(m, dataclasses.replace(SETTINGS, default_timezone=user_zone))
    assert ev.reply is ReplyKind.TIMELINE_UPDATE and ev.stated_timeline is not None
    assert ev.stated_timeline.isoformat() == expected


def test_quoted_history_does_not_count() -> None:
    text = "Sounds good, thanks!\n\nOn Tue, Nov 24, 2026 at 9:00 AM Jane <jane@acme.com> wrote:\n> We are pleased to offer you the role"
    ev = classify(msg("Re: lunch", text, frm="Bob <bob@friends.net>"), SETTINGS)
    assert ev.kind is not Kind.EMPLOYER_REPLY or ev.reply is not ReplyKind.OFFER


def test_sent_thank_you_follow_up_and_scheduling_answer() -> None:
    ty = classify(msg("Thank you", "Hi Jane, thank you for taking the time to speak with me today about the "
                      "Senior Developer role.", frm=f"Alex <{ME}>", to="jane@acme.com"), SETTINGS)
    assert ty.direction is Direction.SENT and ty.kind is Kind.THANK_YOU
    fu = classify(msg("Following up", "I wanted to follow up on my interview for the Senior Developer role.",
                      frm=f"Alex <{ME}>", to="jane@acme.com"), SETTINGS)
    assert fu.kind is Kind.FOLLOW_UP
    other = classify(msg("Re: Interview", "Thanks for the invite - Tuesday at 2pm works for me.",
                         frm=f"Alex <{ME}>", to="jane@acme.com"), SETTINGS)
    assert other.kind is Kind.OTHER


@pytest.mark.parametrize("subject, text", [
    ("Re: Interview for the Backend Engineer role", "Hi Jane,\n\nFollowing our conversation on "
     "Tuesday, here is the link to the load-testing write-up I mentioned: https://example.com/post."),
    ("Load-testing write-up", "Hi Jane,\n\nAs promised, here is the write-up I mentioned during our "
     "interview.\n\nAlex"),
    ("Article you might like", "Hi Jane, I came across this article on tracing and thought of our "
     "discussion about observability. Best, Alex"),
    ("Caching demo", "Hi Jane, I wanted to share a short demo of the caching idea we discussed: https://x"),
])
def test_a_sent_note_that_adds_value_is_a_follow_up(subject: str, text: str) -> None:
    """The guide's other follow-up: no status question, but something shared about the talk."""
    ev = classify(msg(subject, text, frm=f"Alex <{ME}>", to="jane@acme.com"), SETTINGS)
    assert ev.kind is Kind.FOLLOW_UP
    # To a friend's free-mail address, without a word about a job, it is nothing of the kind
    friend = classify(msg("Photos", "As promised, here are the photos from Saturday!",
                          frm=f"Alex <{ME}>", to="sam@gmail.com"), SETTINGS)
    assert friend.kind is Kind.OTHER


def test_the_company_is_never_made_up_from_the_domain() -> None:
    """"state.ca.gov" is not "Ca", "uw.edu" not "Uw": a name the mail does not spell is
    unknown (a draft then says "your team"); one it spells is taken as written."""
    text = "Hi Alex, confirming your interview for the IT Specialist I role on December 3 at 10:00 AM PT."
    for sender in ("Kevin Tran <kevin.tran@state.ca.gov>", "Lee Park <lpark@uw.edu>"):
        ev = classify(msg("Interview confirmed", text, frm=sender), SETTINGS)
        assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.company is None, sender
    spelled = classify(msg("Interview confirmed", text + " Orbital Freight",
                           frm="Nina Alvarez <nina@orbitalfreight.com>"), SETTINGS)
    assert spelled.company == "Orbital Freight"


def test_settings_add_to_builtin_lists() -> None:
    m = msg("Interview confirmed", "Your interview for the Data Analyst role is confirmed for December 3 at 10:00 AM PT.",
            frm="Acme <jobs@hiring.example>")
    assert classify(m, SETTINGS).employer_domain == "hiring.example"
    extra = ClassifierSettings(me=(ME,), ats_domains=("hiring.example",))
    assert classify(m, extra).employer_domain is None
    ignored = ClassifierSettings(me=(ME,), ignore_phrases=("Data Analyst",))
    assert classify(m, ignored).kind is Kind.OTHER


def test_explain_names_the_rules() -> None:
    ev = classify(msg("Interview confirmation", "Your interview is confirmed for December 3 at 10:00 AM PT."), SETTINGS)
    text = explain(ev)
    assert "interview_confirmed" in text and "confirmation-phrase" in text


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_prefilter_keeps_a_users_non_ascii_phrase_in_any_encoding(encoding: str) -> None:
    head = "From: Anna <anna.berg@gmail.com>\r\nSubject: Kennenlernfrühstück am Donnerstag\r\n".encode(encoding)
    assert not prefilter(head, ClassifierSettings(me=("alex@example.com",)))
    assert prefilter(head, ClassifierSettings(me=("alex@example.com",), interview_phrases=("KENNENLERNFRÜHSTÜCK",)))


@pytest.mark.parametrize("subject", ["Entretien mardi", "Superday logistics", "Your resume",
                                     "Ihre Stelle", "Re: CV", "Résumé", "Opening on our team",
                                     "Applicant portal"])
def test_prefilter_keeps_free_mail_whose_subject_has_a_word_only_hiring_mail_uses(subject: str) -> None:
    for enc in ("utf-8", "latin-1"):
        head = f"From: Nadia <nadia.recrute@gmail.com>\r\nSubject: {subject}\r\n".encode(enc)
        assert prefilter(head, ClassifierSettings(me=("alex@example.com",))), (subject, enc)


@pytest.mark.parametrize("subject", ["Your onsite on Tuesday", "Superday agenda", "Entretien jeudi",
                                     "Phone screen tomorrow"])
def test_prefilter_keeps_bulk_sent_mail_whose_subject_names_an_interview(subject: str) -> None:
    head = (f"From: Acme Talent <talent@acme.example>\r\nPrecedence: bulk\r\n"
            f"Subject: {subject}\r\n").encode()
    assert prefilter(head, ClassifierSettings(me=("alex@example.com",)))
    assert not prefilter(head.replace(subject.encode(), b"Our spring newsletter"),
                         ClassifierSettings(me=("alex@example.com",)))


def test_prefilter() -> None:
    s = ClassifierSettings(me=(ME,))
    assert prefilter(f"From: Alex <{ME}>\nSubject: lunch".encode(), s)
    assert prefilter(b"From: x <no-reply@greenhouse.io>\nSubject: hello", s)
    assert prefilter(b"From: Jane <jane@acme.com>\nSubject: Interview on Tuesday", s)
    assert not prefilter(b"From: News <news@shop.example>\nList-Id: <deals.shop.example>\nSubject: 50% off", s)
    assert not prefilter(b"From: Bob <bob@gmail.com>\nSubject: pics from the weekend", s)


def test_registrable_domain() -> None:
    assert registrable("mail.acme.co.uk") == "acme.co.uk"
    assert registrable("us.greenhouse-mail.io") == "greenhouse-mail.io"
    # review20a §12: a school district's "hr@maplewoodschools.k12.nj.us" was employer "nj.us"
    assert registrable("hr.maplewoodschools.k12.nj.us") == "maplewoodschools.k12.nj.us"
    assert registrable("www.lib.ci.portland.or.us") == "portland.or.us"


# Rule families, each with wordings that appear nowhere in tests/data/labelled: the classifier
# is judged on a labelled set nobody here sees, so these check the family, not one example.
FAMILY_CASES: list[tuple[str, str, str, str, str | None]] = [
    # (expected kind, subject, text, from, in-reply-to)
    # application acknowledgements: interview talk that hangs on a later decision is not a request
    ("other", "Application received - Data Analyst", "We have received your application for the Data Analyst "
     "position. Our recruiters will review your qualifications and, should your profile match our needs, contact "
     "you to arrange an interview.", "Acme <noreply@myworkday.com>", None),
    ("other", "Thanks for your interest in Acme", "Thanks for your interest in Acme! Our team is reviewing "
     "applications and selected candidates will be invited to interview in the coming weeks.",
     "Acme Careers <careers@acme.com>", None),
    ("other", "We got your application", "Thanks for applying to the Platform Engineer role. If we decide to move "
     "forward, we'll reach out to schedule a phone screen.", "Acme Recruiting <jobs@acme.com>", None),
    # cold outreach (recruiter pitch, no application or process) proposing a call
    ("other", "Staff Engineer opportunity", "I came across your profile and I'm working with a fast-growing fintech "
     "on a Staff Engineer search. Would you have 15 minutes for a call this week? Here's my Calendly: "
     "https://calendly.com/sam-r/15min", "Sam Reed <sam@toprecruit.io>", None),
    ("other", "Senior SRE - quick chat?", "My client, a Series B startup, is hiring a Senior SRE. Are you free for a "
     "quick chat Thursday at 2pm ET to discuss the role?", "Kim Ho <kim@hirewell.com>", None),
    # scheduling announced for later: a next step, not a request
    ("employer_reply", "Re: Interview - Platform Engineer", "Great news - the team would like to move you to the "
     "onsite stage. Our coordinator will reach out in the next few days to find a time.", "Jane Doe <jane@acme.com>",
     "<a@b>"),
    # requests
    ("interview_requested", "Technical interview - Platform Engineer", "Could you share 2-3 times that work for you "
     "next week for a 45-minute technical interview?", "Jane Doe <jane@acme.com>", None),
    ("interview_requested", "Re: Staff Engineer", "Thanks Alex. Are you free Tuesday or Wednesday afternoon for a "
     "chat with our CTO about the role?", "Jane Doe <jane@acme.com>", "<a@b>"),
    ("interview_requested", "Next steps - Data Engineer", "We'd love to set up a time for you to chat with our "
     "engineering lead about the Data Engineer role. What does your calendar look like next week?",
     "Jane Doe <jane@acme.com>", None),
    # a person fixing a time in the thread of a job, without the word "interview"
    ("interview_confirmed", "Re: Senior Developer", "Thursday at 3pm PT works - I'll send a Zoom link. Talk then!",
     "Jane Doe <jane@acme.com>", "<a@b>"),
    ("interview_confirmed", "Re: Product Designer", "Great, we have you down for Thursday 12/3 at 11:30am PT for the "
     "portfolio review with the design team.", "Jane Doe <jane@acme.com>", "<a@b>"),
    # rejections, also when they say "move forward"
    ("employer_reply", "Re: Senior Developer application", "Unfortunately we have decided to go in a different "
     "direction for this role.", "Jane Doe <jane@acme.com>", "<a@b>"),
    ("employer_reply", "Re: Checking in", "The team has decided to move forward with another candidate. It was a "
     "close call.", "Jane Doe <jane@acme.com>", "<a@b>"),
    # look-alikes and personal mail
    ("other", "Good luck!", "Good luck with your interview tomorrow! Call me after, I want to hear everything.",
     "Mom <mom1950@gmail.com>", None),
    ("other", "How was the onsite?", "How was the onsite at Acme yesterday? Drinks Friday at 7pm?",
     "Bob <bob@gmail.com>", None),
    ("other", "Interview request - TechCrunch", "I'm a reporter at TechCrunch and would love to interview you for a "
     "story about open-source maintainers. Are you available Thursday at 2pm ET?", "Rita <rita@techcrunch.com>", None),
    ("other", "Exit interview", "As part of your offboarding, HR would like to schedule your exit interview on "
     "Friday December 11 at 3pm. Please confirm.", "HR <hr@currentco.com>", None),
    ("other", "Admissions interview", "Your admissions interview for the MBA program is scheduled for December 4 at "
     "10am with an alumni interviewer.", "Admissions <admissions@school.edu>", None),
    # one time proposed as a question is a request; a booking with an escape hatch is a confirmation
    ("interview_requested", "Interview - Data Engineer", "Would Tuesday at 2pm ET work for you for the first "
     "interview?", "Jane Doe <jane@acme.com>", None),
    ("interview_requested", "Interview - Data Engineer", "Tuesday, December 1 at 2pm ET for your phone interview?",
     "Jane Doe <jane@acme.com>", None),
    ("interview_requested", "Interview - Data Engineer", "Here are a few options for the interview: Mon 11/30 at "
     "2pm, Tue 12/1 at 3pm, or Wed 12/2 at 10am ET. Which works best?", "Jane Doe <jane@acme.com>", None),
    ("interview_confirmed", "Interview - Data Engineer", "I've sent you a calendar invite for your interview on "
     "Tuesday, December 1 at 2pm ET. Let me know if that doesn't work.", "Jane Doe <jane@acme.com>", None),
    # an offer that asks for a call about it is an offer
    ("employer_reply", "Good news", "We'd like to make you an offer for the Data Engineer role! Do you have 20 "
     "minutes tomorrow at 2pm ET for a call to go through it?", "Jane Doe <jane@acme.com>", None),
    ("other", "Informational interview?", "I'm a student at State U and would love to do a short informational "
     "interview with you about your career. Would you be free next week?", "Student <student@stateu.edu>", None),
    # free-mail: family and friends talk about the search; a recruiter on free-mail names the role
    ("other", "dinner thursday?", "Are you free Thursday at 7pm for dinner? Also good luck on the interview!",
     "Sis <sis@icloud.com>", None),
    ("other", "Re: your interview", "Congrats on getting the onsite! Let's celebrate Friday at 6pm.",
     "Friend <friend@gmail.com>", "<a@b>"),
    ("interview_requested", "Quick call?", "Hi Alex, it's Rae from Globex. Are you free Tuesday at 2pm ET for a quick "
     "phone interview?", "Rae <rae.k@gmail.com>", None),
    ("interview_requested", "Senior Developer role", "Following up on your application for the Senior Developer "
     "role - are you free Tuesday or Wednesday afternoon for a phone interview?", "Rae <rae.recruits@gmail.com>", None),
    # machine mail that speaks to nobody: an event listing with an interview word in its title
    ("other", "Reminder: Interviewing in 2027 starts tomorrow", 'Reminder: "Interviewing in 2027: What Hiring '
     'Managers Want" starts tomorrow.\n\nDate & Time: Nov 27, 2026 12:00 PM Eastern Time\nJoin: '
     "https://us06web.zoom.us/w/81234567", "Tech Careers Live <no-reply@zoom.us>", None),
    # a friend's reply above a quoted confirmation keeps the kind of its own text
    ("other", "Re: lunch next week", "Sounds great, see you Wednesday at noon!\n\nOn Mon, Nov 23, 2026 at 10:00 AM "
     "Jane Doe <jane@acme.com> wrote:\n> Your interview for the Data Engineer role is confirmed for Tuesday, "
     "December 1 at 2pm ET.", "Bob <bob@friends.net>", "<a@b>"),
    # slots on several days to choose from
    ("interview_requested", "Interview slots - Data Engineer", "The panel is available at:\n- Tuesday, Dec 1, 10:00 AM "
     "ET\n- Wednesday, Dec 2, 2:00 PM ET\n- Thursday, Dec 3, 11:00 AM ET\n\nPlease reply with the slot you prefer "
     "for the interview.", "Jane Doe <jane@acme.com>", None),
    # the employer's word right after an onsite
    ("employer_reply", "Thanks for coming in", "Thanks for coming in today and spending the afternoon with the team! "
     "We'll be in touch by Friday with next steps.", "Jane Doe <jane@acme.com>", None),
    # more rejection and offer wordings
    ("employer_reply", "Your application", "Unfortunately we won't be able to move forward with your application "
     "at this time. We'll keep your resume on file.", "Jane Doe <jane@acme.com>", None),
    ("employer_reply", "Update", "Thank you for your time. We have decided to pursue other applicants whose "
     "experience more closely matches. We encourage you to apply for future openings.", "Jane Doe <jane@acme.com>", None),
    ("employer_reply", "Offer details", "Attached are your offer details - the compensation package includes base, "
     "bonus and equity. Welcome aboard!", "Jane Doe <jane@acme.com>", None),
    ("other", "Workshops scheduled", "Our counselors are available onsite for group sessions: 9:00 am -- 10:00 am "
     "Tuesday, December 1. No registration needed.", "Announcements <announce@bigcorp.com>", None),
]


@pytest.mark.parametrize(("kind", "subject", "text", "frm", "irt"), FAMILY_CASES, ids=[c[1] for c in FAMILY_CASES])
def test_rule_families(kind: str, subject: str, text: str, frm: str, irt: str | None) -> None:
    ev = classify(msg(subject, text, frm=frm, in_reply_to=irt), SETTINGS)
    assert ev.kind.value == kind, explain(ev)


def test_sent_thanks_to_friends_and_after_an_onsite() -> None:
    def sent(subject: str, text: str, to: str) -> Kind:
        return classify(msg(subject, text, frm=f"Alex <{ME}>", to=to), SETTINGS).kind
    assert sent("Thanks!", "Thanks for the tips on my interview, you're the best!", "megan@gmail.com") is Kind.OTHER
    assert sent("Great to meet you", "It was a pleasure meeting you yesterday during my onsite. I appreciated your "
                "insights on the roadmap.", "omar@acme.com") is Kind.THANK_YOU


def test_time_without_zone_takes_the_thread_s_zone() -> None:
    text = ("Perfect - Thursday at 3pm works. Dev will call you then.\n\nOn Wed, Nov 25, 2026 at 9:00 AM Alex wrote:\n"
            "> Hi Jane, I'm free Thursday between 2 and 5pm Pacific or Friday morning.")
    ev = classify(msg("Re: Phone interview - Data Engineer", text, in_reply_to="<a@b>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 3, 23, 0, tzinfo=timezone.utc)  # 3pm Pacific


def test_german_mail() -> None:
    ok = classify(msg("Bestätigung Vorstellungsgespräch", "Sehr geehrte Frau Müller,\n\nhiermit bestätigen wir Ihr "
                      "Vorstellungsgespräch am Dienstag, 8. Dezember 2026 um 10:00 Uhr in unserem Büro."), SETTINGS)
    assert ok.kind is Kind.INTERVIEW_CONFIRMED and ok.interview is not None
    assert ok.interview.start == datetime(2026, 12, 8, 15, 0, tzinfo=timezone.utc)
    no = classify(msg("Ihre Bewerbung als Data Engineer", "Sehr geehrte Frau Müller,\n\nleider müssen wir Ihnen "
                      "mitteilen, dass wir uns für eine andere Kandidatin entschieden haben."), SETTINGS)
    assert no.kind is Kind.EMPLOYER_REPLY and no.reply is ReplyKind.REJECTION
    off = classify(msg("Absage Vorstellungsgespräch", "Sehr geehrte Frau Müller,\n\nleider müssen wir das "
                       "Vorstellungsgespräch am Dienstag absagen, da die Stelle intern besetzt wurde."), SETTINGS)
    assert off.kind is Kind.INTERVIEW_CANCELLED


def test_rejection_wins_over_move_forward() -> None:
    ev = classify(msg("Re: Checking in", "We won't be moving forward with your application, but we'd love to "
                      "stay in touch.", in_reply_to="<a@b>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION


def test_short_forward_adopts_the_forwarded_confirmation() -> None:
    text = ("Forwarding Tom's note below - you're all set!\n\n-----Original Message-----\nFrom: Tom Lee <tom@acme.com>\n"
            "Sent: Wednesday, November 25, 2026 4:12 PM\nSubject: Alex - interview\n\n"
            "Please confirm with Alex: Monday 11/30 at 3:00 PM CT, one hour on Teams, with me.")
    ev = classify(msg("FW: Alex - interview", text), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 11, 30, 21, 0, tzinfo=timezone.utc)


# More wordings per family (kind, subject, text, from, in-reply-to): confirmations, requests, replies
# and look-alikes with fixed times, the shape that turns a look-alike into a false interview.
MORE_CASES: list[tuple[str, str, str, str, str | None]] = [
    ('interview_confirmed', 'Interview booked',
     'Hi Alex, your interview has been booked for Monday, December 7 at 2:00 PM EST with our hiring '
     'manager, Tom Lee. A calendar invite will follow.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_confirmed', 'Re: Product Designer',
     'Great, we have you down for Thursday 12/3 at 11:30am PT for the portfolio review with the design '
     'team.',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('interview_confirmed', 'Your interview details',
     'Hello Alex,\n\nHere are the details for your video interview:\nDate: December 8, 2026\nTime: 9:00 - '
     '10:00 AM CET\nLink: https://meet.google.com/abc-defg-hij\n\nBest,\nJane',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Next steps - Data Engineer',
     "Hi Alex, we'd love to set up a time for you to chat with our engineering lead about the Data "
     'Engineer role. What does your calendar look like next week?',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Interview availability',
     'Dear Alex, kindly let us know your availability for a first interview between December 2 and 4.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Re: Data Engineer',
     'Hi Alex, the hiring manager would like to meet you. Please reply with a few times that work on '
     'Monday or Tuesday.',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('other', 'Exit interview',
     'Hi Alex, as part of your offboarding, HR would like to schedule your exit interview on your last '
     'day, Friday December 11 at 3pm. Please confirm.',
     'HR <hr@currentco.com>', None),
    ('other', 'Can you interview a candidate Thursday?',
     'Hi Alex, could you interview a candidate for the SRE role on Thursday at 2pm? Scorecard link to '
     'follow.',
     'Recruiting <recruiting@cyberdyne.io>', None),
    ('other', 'Your demo is confirmed',
     'Hi Alex, your product demo with Acme is confirmed for Tuesday, December 1 at 2pm ET. Our account '
     'executive will walk you through pricing.',
     'Acme Sales <sales@acme.com>', None),
    ('other', 'Podcast recording confirmed',
     "Hi Alex, thanks for agreeing to be interviewed on the Dev Diaries podcast! We're confirmed for "
     "Wednesday at 4pm ET. Here's the recording link.",
     'Host <host@devdiaries.fm>', None),
    ('other', 'New jobs matching Data Analyst',
     '12 new jobs for you: Data Analyst at Acme, Interview fast-track available. Unsubscribe',
     'LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>', None),
    ('other', 'Admissions interview',
     'Dear Alex, your admissions interview for the MBA program is scheduled for December 4 at 10am with an'
     ' alumni interviewer.',
     'Admissions <admissions@school.edu>', None),
    ('other', 'Automatic reply: Interview',
     'I am out of the office until December 7 with limited access to email.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_cancelled', 'Interview cancelled',
     'Hi Alex, unfortunately we have to cancel your interview scheduled for Thursday. We will be in touch '
     'if anything changes.',
     'Jane Doe <jane@acme.com>', None),
    ('employer_reply', 'Offer - Data Engineer',
     "Hi Alex, I'm thrilled to let you know we'd like to offer you the Data Engineer position! The offer "
     'letter is attached.',
     'Jane Doe <jane@acme.com>', None),
    ('other', 'Reminder: your appointment',
     'Your consultation at the Apple Store Genius Bar is confirmed for Saturday at 11:00 AM.',
     'Apple <noreply@apple.com>', None),
    ('other', 'Informational chat',
     'Hi Alex, happy to have a coffee chat next Tuesday at 5pm about my career path - see you at Blue '
     'Bottle!',
     'Priya <priya@gmail.com>', None),
    ('interview_requested', 'Interview invitation - Data Engineer',
     'Dear Alex,\n\nThank you for your application. We are pleased to invite you to an interview for the '
     'Data Engineer position. Please select a time slot using the link below.\n\n'
     'https://acme.goodtime.io/book/xyz',
     'Jane Doe <jane@acme.com>', None),
    ('other', 'Jobs you may be interested in',
     'Senior Backend Engineer at Globex - Apply now. Staff Engineer at Initech - Easy Apply. See all jobs.',
     'Indeed <alert@indeed.com>', None),
    ('other', 'Follow-up questions for the article',
     'Hi Alex, thanks for the interview yesterday! I have two follow-up questions for the piece before it '
     'runs on Monday at 9am.',
     'Dana <dana@wired.com>', None),
    ('other', 'Interview schedule for candidate Maria Lopez',
     "Hi Alex, you're on the panel for Maria Lopez's onsite on Thursday, December 3 at 1pm. Please review "
     'her resume beforehand.',
     'Recruiting <recruiting@cyberdyne.io>', None),
    ('other', 'Reminder: submit feedback',
     'Please submit your interview feedback for John Kim by end of day.',
     'Greenhouse <no-reply@greenhouse.io>', None),
    ('other', 'Your application to Globex',
     'Hi Alex,\n\nThanks for applying to Globex. Our hiring team is reviewing your application and will be '
     "in touch if there's a fit. Due to the volume of applications, only shortlisted candidates will be "
     'contacted for an interview.',
     'Globex <no-reply@lever.co>', None),
    ('other', 'Your coding assessment',
     'Hi Alex, as a next step please complete the HackerRank assessment within 5 days: '
     'https://hackerrank.com/test/xyz',
     'Globex Recruiting <recruiting@globex.com>', None),
    ('other', 'Discovery call confirmed',
     'Hi Alex, your discovery call with our solutions engineer is confirmed for Tuesday, December 1 at '
     "11am ET. We'll walk through pricing and your team's needs.",
     'Sam <sam@saasco.com>', None),
    ('other', 'Appointment confirmation',
     'Your appointment with Dr. Lee at Bay Clinic is confirmed for Friday, December 4 at 9:15 AM. Please '
     'bring your insurance card.',
     'Bay Clinic <noreply@bayclinic.com>', None),
    ('other', 'Global Entry interview scheduled',
     'Your Global Entry interview is scheduled for December 9, 2026 at 10:30 AM at SFO Enrollment Center.',
     'CBP <no-reply@cbp.dhs.gov>', None),
    ('other', 'Visa interview appointment',
     'Your visa interview at the U.S. Consulate is confirmed for Monday, December 7 at 8:00 AM.',
     'Visa Services <appointments@ustraveldocs.com>', None),
    ('other', "You're registered: Hiring in 2027",
     "You're registered for the webinar 'Hiring in 2027' on Wednesday, December 2 at 12pm PT. Add to "
     'calendar.',
     'ON24 <events@on24.com>', None),
    ('other', 'Your order has shipped',
     'Your order #4421 (Interview Prep Book) has shipped and will arrive Tuesday, December 1 by 8pm.',
     'Shop <orders@shop.com>', None),
    ('other', 'Quick question',
     'Hi Alex, I lead engineering recruiting at Northwind. I came across your GitHub and was impressed by '
     'your work on streaming. Are you open to a 20-minute call on Thursday at 3pm ET?',
     'Lee <lee@northwind.com>', None),
    ('other', 'Out of Office: Interview availability',
     'I am out of the office until Monday, December 7. For urgent matters contact talent@acme.com.',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('other', 'dinner thursday?',
     'Hey, are you free Thursday at 7pm for dinner? Also good luck on the interview!',
     'Sis <sis@icloud.com>', None),
    ('other', 'Re: your interview',
     "Congrats on getting the onsite! Let's celebrate Friday at 6pm.",
     'Friend <friend@gmail.com>', '<a@b>'),
    ('interview_confirmed', 'Interview Confirmation: Data Engineer',
     'Dear Alex,\n\nThank you for your interest in Globex. This email confirms your interview for the Data '
     'Engineer position.\n\nDate: Thursday, December 3, 2026\nTime: 2:00 PM - 3:00 PM Eastern Time\nLocation: '
     'Microsoft Teams (link below)\nInterviewers: Maria Garcia, Engineering Manager\n\nBest regards,\nGlobex '
     'Talent Acquisition',
     'Globex <globex@myworkday.com>', None),
    ('interview_requested', 'Globex - Next steps',
     'Hi Alex, thanks for your time on the phone today! The hiring manager would like to meet you for a '
     'technical interview. Please pick a time that suits you here: https://globex.goodtime.io/schedule/abc',
     'Maria Garcia <maria@globex.com>', None),
    ('interview_cancelled', 'Canceled: Interview with Globex',
     'This event has been canceled.\nInterview - Data Engineer\nThursday, December 3, 2026 2pm - 3pm (EST)',
     'Maria Garcia <maria@globex.com>', None),
    ('employer_reply', 'Re: Following up',
     'Hi Alex, thanks for following up! The team is still finishing interviews; we expect to have an '
     'answer by the end of next week.',
     'Maria Garcia <maria@globex.com>', '<a@b>'),
    ('employer_reply', 'Update on your application',
     'Dear Alex, thank you for taking the time to interview with us. After careful consideration, we '
     'regret to inform you that we will not be moving forward with your candidacy.',
     'Globex <no-reply@greenhouse.io>', None),
    ('interview_confirmed', 'Reminder: your interview tomorrow',
     'Hi Alex, just a reminder of your interview for the Data Engineer role tomorrow, Tuesday December 1, '
     'at 2pm ET with Tom Lee. Zoom: https://acme.zoom.us/j/1',
     'Jane Doe <jane@acme.com>', None),
    ('employer_reply', 'Re: Data Engineer - next steps',
     'Hi Alex, before we move on, could you share your salary expectations and notice period?',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('interview_requested', 'Interview slots - Data Engineer',
     'Hi Alex,\n\nThe panel is available at:\n- Tuesday, Dec 1, 10:00 AM ET\n- Wednesday, Dec 2, 2:00 PM ET\n- '
     'Thursday, Dec 3, 11:00 AM ET\n\nPlease reply with the slot you prefer.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_confirmed', 'Phone screen - Data Engineer',
     'Hi Alex, thanks for picking a time. Tom will call you at 646-555-0100 on Monday, November 30 at '
     '11:00 AM ET for the phone screen.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Re: Interview Tuesday',
     'Hi Alex, Tom is out sick on Tuesday, so we need to reschedule your interview. Would Thursday or '
     'Friday afternoon work instead?',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('other', 'Invitation: Mock Interview Night',
     'Join our community Mock Interview Night on Thursday, December 3 at 6pm ET! Practice with peers. RSVP'
     ' here.',
     'Meetup <info@meetup.com>', None),
    ('other', 'Meet recruiters at the Career Fair',
     "You're invited to the Fall Career Fair on December 2 from 10am-3pm. 50+ employers will be "
     'interviewing on the spot!',
     'Career Center <careers@stateu.edu>', None),
    ('other', 'How we interview at Acme',
     'In this post, our CTO explains how we interview engineers at Acme: a take-home, a pairing session '
     'and a values chat. Read more on our blog.',
     'Acme Blog <blog@acme.com>', None),
    ('interview_confirmed', 'New Event: Alex Wong - 30 Minute Interview',
     'Hi Jane,\n\nA new event has been scheduled.\n\nEvent Type: 30 Minute Interview\nInvitee: Alex Wong\nEvent '
     'Date/Time: 02:00pm - 02:30pm (Eastern Time - US & Canada), Tuesday, December 1, 2026',
     'Calendly <notifications@calendly.com>', None),
    ('employer_reply', 'Thanks for coming in',
     "Hi Alex, thanks for coming in today and spending the afternoon with the team! We'll be in touch by "
     'Friday with next steps.',
     'Jane Doe <jane@acme.com>', None),
    ('other', 'Your interview is next week? Do these 5 things tonight',
     'Hi Alex, your interview is next week? Here are the 5 things to do tonight to get ready, from '
     'research to rest. Read the full guide on our site.',
     'The Muse <editors@themuse.com>', None),
    ('other', 'Thursday 2pm slot',
     'Alex, can you take the 2pm slot on Thursday, December 3 for the backend candidate? Greenhouse has '
     'the packet.',
     'Recruiting Ops <recruiting@cyberdyne.io>', None),
    ('other', 'Your Codility test',
     'Hi Alex, your Codility test for the Backend Engineer role is scheduled for Tuesday, December 1 at '
     '10am ET. You will have 90 minutes.',
     'Globex Recruiting <recruiting@globex.com>', None),
    ('other', 'Telehealth visit confirmed',
     'Your telehealth visit with Dr. Patel is confirmed for Tuesday, December 1 at 2:00 PM. Join from the '
     'patient portal.',
     'Health <noreply@health.org>', None),
    ('other', 'Unemployment benefits interview',
     'Your eligibility interview for unemployment benefits is scheduled for Wednesday, December 2 at 9:00 '
     'AM. We will call you at the number on file.',
     'State Workforce <noreply@labor.state.gov>', None),
    ('other', 'IRS appointment',
     'Your appointment at the IRS Taxpayer Assistance Center is confirmed for December 4 at 11:00 AM.',
     'IRS <noreply@irs.gov>', None),
    ('other', 'Thanks for booking a demo!',
     'Hi Alex, thanks for booking a demo of Acme CRM! See you Tuesday, December 1 at 2pm ET. Our account '
     'executive will tailor it to your team.',
     'Acme <demo@acme.com>', None),
    ('other', 'Podcast interview - schedule',
     'Hi Alex, thanks for agreeing to join the show! Can we record the interview on Thursday, December 3 '
     'at 4pm ET? Our producer will send a link.',
     'Producer <producer@techpod.fm>', None),
    ('other', 'Jury service summons',
     'You have been summoned for jury service on Monday, December 7 at 8:30 AM at the County Courthouse.',
     'Court <jury@county.gov>', None),
    ('interview_confirmed', 'Technical interview confirmed',
     'Hi Alex, your technical interview (live coding on CoderPad) for the Backend Engineer role is '
     'confirmed for Tuesday, December 1 at 10am ET with Priya Shah.',
     'Globex Recruiting <recruiting@globex.com>', None),
    ('interview_requested', 'Interview - Data Engineer',
     'Hi Alex, would Tuesday at 2pm ET work for you for the first interview?',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Re: Interview - Data Engineer',
     "Hi Alex, our interviewer is sick, so we need to reschedule Thursday's interview. Could you send me a"
     ' couple of new times?',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('interview_confirmed', 'Rescheduled: Interview - Data Engineer',
     'Hi Alex, your interview has been moved to Friday, December 4 at 11am ET. Same Zoom link.',
     'Jane Doe <jane@acme.com>', None),
    ('employer_reply', 'Re: Thank you',
     "Hi Alex, thanks for the note! The team is meeting Friday to discuss and we'll be in touch early next"
     ' week.',
     'Jane Doe <jane@acme.com>', '<a@b>'),
    ('employer_reply', 'Next steps',
     "Hi Alex, great news - you've been selected to move on to the final round! Our coordinator will send "
     'you a scheduling link shortly.',
     'Jane Doe <jane@acme.com>', None),
    ('interview_requested', 'Interview invitation',
     'Dear Alex, we are pleased to invite you to an interview for the position of Data Engineer. Please '
     'book a slot at https://calendly.com/acme/interview',
     'Jane Doe <jane@acme.com>', None),
    ('other', 'Your Calendly booking',
     'A new event has been scheduled: Product demo with Alex Wong, Tuesday, December 1 at 2pm ET.',
     'Calendly <notifications@calendly.com>', None),
    ('other', 'Informational interview?',
     "Hi Alex, I'm a student at State U and would love to do a short informational interview with you "
     'about your career. Would you be free next week?',
     'Student <student@stateu.edu>', None),
    ('other', 'Interview tips for Thursday',
     'Hi Alex, as your career coach, here are some tips for your interview on Thursday at 2pm: research '
     'the company, prepare STAR stories.',
     'Coach <coach@careercoach.com>', None),
    ('other', 'Mock interview Saturday',
     'Hey Alex, want to do a mock interview Saturday at 10am to prep for your onsite?',
     'Pat <pat@gmail.com>', None),
]


@pytest.mark.parametrize(("kind", "subject", "text", "frm", "irt"), MORE_CASES, ids=[c[1] for c in MORE_CASES])
def test_more_wordings(kind: str, subject: str, text: str, frm: str, irt: str | None) -> None:
    ev = classify(msg(subject, text, frm=frm, in_reply_to=irt), SETTINGS)
    assert ev.kind.value == kind, explain(ev)


def test_the_header_checks_know_every_strong_interview_word_of_the_rules() -> None:
    """A word added to rules.INTERVIEW_STRONG must reach the prefilter's subject lists too, or
    list and free-mail messages naming an interview only by it are dropped before classify."""
    from watcher import rules
    from watcher.classify import _PF_STRONG, _PF_SUBJECT

    anchors = rules.INTERVIEW_STRONG.anchors
    assert anchors
    for word in anchors:
        assert _PF_SUBJECT.search(word.encode()) and _PF_STRONG.search(word.encode()), word


def test_an_interview_date_years_away_from_the_mail_is_not_read() -> None:
    """A typo or hostile mail ("December 31, 9999"): no interview time, no date overflow later."""
    m = msg("Interview confirmed", "Your interview is confirmed for Friday, December 31, 9999, "
            "11:00 PM - 11:59 PM EST.")
    ev = classify(m, SETTINGS)
    assert ev.interview is None
    assert "implausible-date" in [e.rule for e in ev.evidence]


def test_panel_members_with_non_ascii_names_are_interviewers() -> None:
    """One thank-you per interviewer: "Hans Müller" was dropped from the list (ASCII-only names)."""
    m = msg("Interview confirmed: Research Engineer at Hooli",
            "Hi Alex,\n\nYour panel interview for the Research Engineer role at Hooli is confirmed for "
            "Tuesday, December 8, 2026 at 10:00 AM EST (90 minutes). You will meet:\n\n"
            "- Ana Lee <ana.lee@hooli.edu>\n- Hans Müller <hans.mueller@hooli.edu>\n"
            "- Émilie Dubois <emilie.dubois@hooli.edu>\n\nBest,\nDana",
            frm="Dana Reyes <dana.reyes@hooli.edu>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [
        ("Ana Lee", "ana.lee@hooli.edu"), ("Hans Müller", "hans.mueller@hooli.edu"),
        ("Émilie Dubois", "emilie.dubois@hooli.edu")]


def test_an_all_day_invite_takes_the_times_its_mail_gives() -> None:
    """Google's all-day invite for an onsite day: the interview is that day, and when the
    mail says "from 9:30 AM to 3:00 PM" those are its times (it was read as 00:00-24:00)."""
    from pathlib import Path

    from watcher.parse import parse

    raw = (Path(__file__).parent / "data" / "parse" / "gcal_all_day_onsite.eml").read_bytes()
    settings = ClassifierSettings(me=("alex@example.org",), default_timezone="America/New_York")
    timed = raw.replace(b"Your\ndetailed schedule with times will follow from our coordinator.",
                        b"It runs from 9:30 AM to 3:00 PM\nEastern.")
    assert timed != raw
    ev = classify(parse(timed), settings)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert (ev.interview.start.isoformat(), ev.interview.end.isoformat()) == (
        "2026-12-04T09:30:00-05:00", "2026-12-04T15:00:00-05:00")
    whole = classify(parse(raw), settings)  # no times anywhere: the day itself
    assert whole.kind is Kind.INTERVIEW_CONFIRMED and whole.interview is not None
    assert whole.interview.start.date().isoformat() == "2026-12-04"
    assert any(e.rule == "all-day-event" for e in whole.evidence)


def test_a_requests_one_proposed_slot_is_kept_but_not_shown_as_an_interview() -> None:
    """The slot is kept for the user's "yes" (state.py), while the contract's JSON says
    "interview": null unless the kind is interview_confirmed."""
    from watcher.commands.classify import event_json

    ev = classify(msg("QA Engineer interview", "Hi Alex, would you be available for a video "
                      "interview on Tuesday, December 1, 2026, 2:00 PM - 3:00 PM EST?"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 1, 19, 0, tzinfo=timezone.utc)
    assert event_json(ev, "x.eml")["interview"] is None


def test_a_reply_by_deadline_in_a_request_is_no_proposed_slot() -> None:
    """"Please reply by Friday 5 PM" is when to answer: kept as a slot, the user's "Monday works
    for me" would book an interview at the deadline and draft a thank-you after it."""
    ev = classify(msg("QA Engineer interview", "Hi Alex,\n\nCould you send me your availability "
                      "for a video interview next week? Please reply by Friday, December 4 at "
                      "5:00 PM EST.\n\nBen"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is None


def test_stop_by_at_a_time_is_a_proposed_slot_not_a_deadline() -> None:
    ev = classify(msg("Onsite - Data Analyst", "Hi Alex,\n\nWould you be able to stop by Tuesday, "
                      "December 1 at 2:00 PM EST for an onsite interview?\n\nJane"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is not None


def test_slots_offered_with_an_invite_after_the_pick_are_a_request() -> None:
    """"Would any of these work? Reply with your pick and I'll send the invite": nothing is
    booked (it was confirmed at the first slot, and its thank-you drafted)."""
    ev = classify(msg("Intro call - Customer Success Lead", "Hi Alex,\n\nSam has a few openings "
                      "for a 30-minute intro call for the Customer Success Lead role. Would any of "
                      "these work for you?\n\n- Monday, Dec 7 at 10:00am ET\n- Tuesday, Dec 8 at "
                      "2:00pm ET\n- Wednesday, Dec 9 at 11:30am ET\n\nJust reply with your pick and "
                      "I'll send the invite.\n\nOlivia"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED


def test_a_one_way_video_interview_is_not_an_interview() -> None:
    """Recorded answers to a deadline (HireVue and the like): nobody to thank."""
    ev = classify(msg("Acme - Complete your video interview", "Hi Alex, as a next step we invite "
                      "you to complete a one-way video interview. You'll answer 5 pre-recorded "
                      "questions at your own pace; there is no live interviewer. Please complete "
                      "your interview by Thursday, December 10, 2026 at 11:59 PM CET.",
                      frm="Acme <noreply@hirevue.com>"), SETTINGS)
    assert ev.kind is Kind.OTHER


def test_thanks_for_coming_in_with_a_date_is_a_timeline_update() -> None:
    """No job word, no thread: the employer's "thank you for coming in today ... get back to
    you by Thursday" still gives the date (the check-in came days before it)."""
    ev = classify(msg("Thanks for coming in", "Hi Alex,\n\nThank you for coming in today! I'll "
                      "collect feedback from the team and get back to you by Thursday.\n\nRita"),
                  SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, ReplyKind.TIMELINE_UPDATE)
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-03"
    from watcher.classify import quick_look
    assert quick_look(b"Subject: Thanks\r\n\r\nThank you for coming in today!")


def test_a_timeline_counts_from_the_writers_day_and_the_users_holidays() -> None:
    """A Tokyo employer's Friday 08:00 is stamped Thursday 23:00 +0000 by the server: "by
    Friday" was that same Friday, not the next; and business days skip the user's holidays."""
    import dataclasses

    tokyo = ClassifierSettings(me=(ME,), default_timezone="Asia/Tokyo")
    m = msg("Re: Thank you for the Data Analyst interview", "Thanks Alex! We'll be in touch by "
            "Friday.", in_reply_to="<a@b>")
    m = dataclasses.replace(m, date=datetime(2026, 12, 3, 23, 0, tzinfo=timezone.utc))
    ev = classify(m, tokyo)
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-11"
    us = ClassifierSettings(me=(ME,), default_timezone="America/New_York", holidays_country="US")
    m = msg("Re: Thank you for the Data Analyst interview", "Thanks Alex! You'll hear from us "
            "within 3 business days.", in_reply_to="<a@b>")
    m = dataclasses.replace(m, date=datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=-5))))
    ev = classify(m, us)
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-01"


def test_a_calendar_cancellation_names_the_interview_it_cancels() -> None:
    """An invite's CANCEL carries its uid and time, so a process with two interviews booked
    ahead cancels that one (state.cancel_target), not whichever is last."""
    from pathlib import Path

    from watcher.parse import parse

    raw = (Path(__file__).parent / "data" / "parse" / "cancel_no_vtimezone.eml").read_bytes()
    m = parse(raw)
    (cal,) = m.calendar
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED and ev.interview is not None
    assert (ev.interview.calendar_uid, ev.interview.start) == (cal.uid, cal.start)
    # in text, the one time named where the mail says what it cancels (not a new time it
    # proposes); two times there say nothing of which; a day alone names that whole day
    for text in ("we have to cancel your interview on Thursday, December 3 at 2pm ET. We will "
                 "be in touch.", "we have to cancel your interview on Thursday, December 3 at "
                 "2pm ET. Could you do Friday at 3pm ET instead?"):
        one = classify(msg("Interview cancelled", f"Hi Alex, {text}"), SETTINGS)
        assert one.kind is Kind.INTERVIEW_CANCELLED and one.interview is not None
        assert one.interview.start == datetime(2026, 12, 3, 19, 0, tzinfo=timezone.utc)
    two = classify(msg("Interview cancelled", "Hi Alex, we have to cancel your interviews on "
                       "Thursday at 2pm ET and Friday at 3pm ET."), SETTINGS)
    assert two.kind is Kind.INTERVIEW_CANCELLED and two.interview is None
    day = classify(msg("Interview cancelled", "Hi Alex, unfortunately we have to cancel "
                       "Thursday's interview. Sorry!"), SETTINGS)
    assert day.interview is not None and day.interview.end - day.interview.start == \
        timedelta(days=1) and day.interview.start.date().isoformat() == "2026-12-03"


@pytest.mark.parametrize("text", [
    "sorry again that we had to cancel last week. Your interview is now confirmed for Thursday, "
    "December 3 at 2pm ET with Maria.",
    "we have to cancel your interview on Tuesday. I have rebooked you for Thursday, December 3 at "
    "2pm ET instead.",
    "we had to cancel your interview on Tuesday at 10am ET; we would like to move it to Thursday, "
    "December 3 at 2pm ET.",
])
def test_a_mail_that_cancels_and_books_a_new_time_is_that_booking(text: str) -> None:
    """A cancellation that goes on to book another time moves the interview there (it read as
    a cancellation only: the rebooked interview was lost; review13)."""
    ev = classify(msg("Re: Interview", f"Hi Alex, {text}"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 3, 19, 0, tzinfo=timezone.utc)
    assert any(e.rule == "rebooked" for e in ev.evidence)


@pytest.mark.parametrize("text", [
    "we have to cancel your interview on Thursday, December 3 at 2pm ET. We will be in touch to "
    "find a new time.",
    "we have to cancel your interview on Tuesday. Could we reschedule to Thursday, December 3 at "
    "2pm ET?",
    "we have to cancel your interview on Tuesday. If it suits you, we could move it to Thursday, "
    "December 3 at 2pm ET.",
    "we have to cancel your interview on Tuesday at 10am ET. Your interview on Thursday, December "
    "3 at 2pm ET with our CTO is still confirmed.",
    "we had to cancel Tuesday's interview. See you on Thursday, December 3 at 2pm ET as planned.",
])
def test_a_cancellation_that_offers_or_keeps_another_time_is_a_cancellation(text: str) -> None:
    """A new time only offered, or another interview kept as planned: a cancellation."""
    ev = classify(msg("Re: Interview", f"Hi Alex, {text}"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED


def test_a_round_arranged_after_a_cancellation_is_not_the_one_cancelled() -> None:
    """"cancel the interview on Tuesday and arrange a second interview": Tuesday's is
    cancelled, not "the second" (review13)."""
    ev = classify(msg("Re: Interview", "Hi Alex, we need to cancel the interview on Tuesday and "
                      "arrange a second interview with the team instead. Could you send your "
                      "availability?"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED and ev.interview is not None
    assert ev.interview.start.date().isoformat() == "2026-12-01"
    assert not any(e.rule.startswith("names-round") for e in ev.evidence)


@pytest.mark.parametrize("text", [
    "for your interview we can offer Thursday, December 3 at 2pm ET or Friday, December 4 at "
    "10am ET, please confirm which works.",
    "for your interview we have Thursday, December 3 at 2pm ET or at 4pm ET; please confirm "
    "which you prefer.",
    "we had to cancel your interview on Tuesday. We can offer Thursday, December 3 at 2pm ET or "
    "Friday, December 4 at 10am ET, please confirm which works.",
])
def test_slots_offered_with_confirm_which_book_none(text: str) -> None:
    """"please confirm which works" after two slots asks for a pick: nothing is booked (the
    first slot was read as booked). The slots are offered for the user's pick (state.py)."""
    ev = classify(msg("Re: Interview", f"Hi Alex, {text}"), SETTINGS)
    assert ev.kind in (Kind.INTERVIEW_REQUESTED, Kind.INTERVIEW_CANCELLED)
    offered = [e.rule for e in ev.evidence if e.rule.startswith("offered-slot@")]
    assert ev.kind is Kind.INTERVIEW_CANCELLED or ev.interview is None or len(offered) == 2


def test_an_interview_for_a_role_with_a_named_person_names_the_interviewer() -> None:
    """"an interview for the ML Engineer role with Kenji Watanabe (kenji@...), our ML Lead":
    Kenji holds it (the recruiter who wrote was taken for the interviewer; review14 F1)."""
    m = msg("Interview confirmed: ML Engineer at Initech",
            "Hi Alex,\n\nI'm pleased to confirm your interview for the Senior ML Engineer role with "
            "Kenji Watanabe (kenji@initech.com), our ML Lead, on Thursday, December 3 at 2pm ET.\n\n"
            "Best,\nPriya", frm="Priya Raman <priya@initech.com>")
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [("Kenji Watanabe", "kenji@initech.com")]


def test_two_people_to_meet_each_with_an_address_in_brackets_are_both_named() -> None:
    """"You'll meet Richard Hendricks (richard@...) and Bertram Gilfoyle (gilfoyle@...)": both
    (the bracket after the first name ended the list; review14 F2)."""
    m = msg("Interview confirmed", "Hi Alex,\n\nYour interview is confirmed for Thursday, December 3 "
            "at 2pm ET. You'll meet Richard Hendricks (richard@piedpiper.com) and Bertram Gilfoyle "
            "(gilfoyle@piedpiper.com).\n\nMonica", frm="Monica Hall <monica@piedpiper.com>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [
        ("Richard Hendricks", "richard@piedpiper.com"), ("Bertram Gilfoyle", "gilfoyle@piedpiper.com")]


@pytest.mark.parametrize("who", ["Globex Corporation", "Initech Labs"])
def test_an_interview_with_a_company_names_no_person_for_it(who: str) -> None:
    """"your interview for the Data Analyst role with Globex Corporation": the company is
    nobody's name to thank ("Dear Globex Corporation," was the draft's greeting)."""
    m = msg("Interview confirmed", f"Hi Alex, your interview for the Data Analyst role with {who} is "
            "confirmed for Thursday, December 3 at 2pm ET.", frm="Priya Raman <priya@talentfinders.co>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert who not in [a.name for a in ev.interview.interviewers]


def test_an_interviewer_named_with_an_academic_title_keeps_it() -> None:
    """"You'll meet Dr. Sofia Müller": the thank-you greets "Dear Dr. Müller," as it does
    one whose From header says "Prof. Armitage" (the title was dropped: "Dear Sofia,")."""
    m = msg("Interview confirmed", "Hi Alex,\n\nYour interview is confirmed for Thursday, December 3 "
            "at 2pm ET. You'll meet Dr. Sofia Müller (sofia.mueller@acme.com) and our CTO Bob "
            "Roe.\n\nJane")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert ("Dr. Sofia Müller", "sofia.mueller@acme.com") in [
        (a.name, a.email) for a in ev.interview.interviewers]


def test_an_interviewer_after_their_role_in_a_list_is_named() -> None:
    """"You'll meet Ann Lee and our CTO Bob Roe": both (the role before Bob hid him)."""
    m = msg("Interview confirmed", "Hi Alex, your interview is confirmed for Thursday, December 3 "
            "at 2pm ET. You'll meet Ann Lee and our CTO Bob Roe.")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Ann Lee", "Bob Roe"]


@pytest.mark.parametrize(("text", "names"), [
    ("The interview will be conducted by Jane Doe, our Head of Product.", ["Jane Doe"]),
    ("You will be interviewed by Jane Doe and Bob Roe.", ["Jane Doe", "Bob Roe"]),
    ("Jane Doe (Engineering Manager) will be interviewing you.", ["Jane Doe"]),
    ("Jane Doe, our Engineering Manager, will lead the interview.", ["Jane Doe"]),
    ("Your interview panel: Jane Doe, Bob Roe", ["Jane Doe", "Bob Roe"]),
    ("The panel will consist of Jane Doe and Bob Roe.", ["Jane Doe", "Bob Roe"]),
    ("Joining from our side: Jane Doe and Bob Roe.", ["Jane Doe", "Bob Roe"]),
    # a title before the name with no comma (review23a: the thank-you went to the assistant)
    ("You will meet our CEO Miles Dyson.", ["Miles Dyson"]),
    ("It is an onsite with our Engineering Manager Lisa Simpson and our CTO Bob Roe.",
     ["Lisa Simpson", "Bob Roe"]),
])
def test_interviewers_named_in_common_phrasings(text: str, names: list[str]) -> None:
    """Who holds the interview in the ways recruiters say it: the thank-you went to the
    recruiter who wrote, as if she held it."""
    m = msg("Interview confirmed", "Hi Alex, your interview is confirmed for Thursday, December 3 "
            f"at 2pm ET. {text}", frm="Rita Recruiter <rita@acme.com>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == names


def test_a_role_title_wrapped_at_the_line_end_is_read_whole() -> None:
    """(review23a) "the position of Junior\nAccountant on Monday": the role was "Junior", and
    every draft said "Thank you for the Junior interview", "the Junior role at Initrode"."""
    m = msg("Your interview with Initrode",
            "Dear Alex,\n\nWe are pleased to invite you to an in-person interview for the position of Junior\n"
            "Accountant on Monday, November 30, 2026 at 2:30 PM at our headquarters.\n\nKind regards,\n"
            "Marguerite Chen", frm="Initrode Careers <careers@initrode.com>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert ev.interview.role == "Junior Accountant"


def test_a_careers_mailbox_named_in_its_signature_is_the_person_who_signed() -> None:
    """(review23a) "Initrode Careers" <careers@initrode.com> signed "Marguerite Chen / Initrode
    Careers": the interviewer was the mailbox by its name, so the thank-you said "Hello," while
    the check-ins to the same address said "Dear Marguerite,"."""
    m = msg("Your interview with Initrode",
            "Dear Alex,\n\nWe are pleased to invite you to an in-person interview for the Junior "
            "Accountant position on Monday, November 30, 2026 at 2:30 PM at our headquarters.\n\n"
            "Kind regards,\nMarguerite Chen\nInitrode Careers", frm="Initrode Careers <careers@initrode.com>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [
        ("Marguerite Chen", "careers@initrode.com")]


def test_a_list_of_interviewers_wrapped_before_its_last_name_keeps_it() -> None:
    """(review23a) A plain-text mail wrapped before "and Wei Zhang": the thank-you through the
    recruiter named Tom and Lena only, and Wei was never thanked."""
    m = msg("Interview confirmation: Data Scientist, Globex",
            "Hi Alex,\n\nI'm pleased to confirm your panel interview for the Data Scientist role on "
            "Thursday,\nDecember 3, 2026 from 10:00 AM to 11:30 AM EST at our office.\n\n"
            "You will meet with Tom Becker (Head of Analytics), Lena Ortiz (Senior Data Scientist)\n"
            "and Wei Zhang (Product Manager).\n\nKind regards,\nPriya Nair",
            frm="Priya Nair <priya.nair@globex.com>")
    ev = classify(m, SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Tom Becker", "Lena Ortiz", "Wei Zhang"]


@pytest.mark.parametrize(("subject", "text"), [
    ("Interview confirmed: Analyst at Goldman Sachs", "your interview is confirmed"),
    ("Interview confirmed", "Your Interview at Goldman Sachs is confirmed"),
    ("Interview confirmed", "your interview is confirmed. Welcome To Goldman Sachs"),
])
def test_the_company_after_a_capitalised_role_noun_is_read(subject: str, text: str) -> None:
    """"Analyst at Goldman Sachs" in a subject (title case): the company was read only after
    a lower-case role noun, and a domain that does not spell it (gs.com) left it unknown."""
    m = msg(subject, f"Hi Alex, {text} for Thursday, December 3 at 2pm ET.", frm="Ann Lee <ann@gs.com>")
    assert classify(m, SETTINGS).company == "Goldman Sachs"


@pytest.mark.parametrize(("sig", "frm", "company"), [
    ("Miskatonic University", "armitage@miskatonic.edu", "Miskatonic University"),
    ("Arkham General Hospital", "hr@arkhamgeneral.org", "Arkham General Hospital"),
    ("Tyrell Corporation (Los Angeles office)", "eldon@tyrell.com", "Tyrell Corporation"),
])
def test_an_institution_keeps_the_word_that_makes_its_name(sig: str, frm: str, company: str) -> None:
    """"Miskatonic University" at miskatonic.edu: the drafts said "joining Miskatonic"."""
    m = msg("Interview confirmed", "Hi Alex, your interview for the Research Assistant position "
            f"is confirmed for Thursday, December 3 at 2pm ET.\n\nBest,\nHenry Armitage\n{sig}",
            frm=f"Henry Armitage <{frm}>")
    assert classify(m, SETTINGS).company == company


@pytest.mark.parametrize("text", [
    "Your interview for the Registered Nurse position at St. Mary's Hospital is confirmed for "
    "Thursday, December 3 at 2pm ET.",
    "your interview for the Research Assistant position is confirmed for Thursday, December 3 at "
    "2pm ET.\n\nBest,\nHenry Armitage\nArkham General Hospital",
    "Thank you for applying to the Pharmacy Technician role. Your interview with our pharmacy "
    "manager is confirmed for Thursday, December 3 at 2pm ET.",
])
def test_an_interview_for_a_job_at_a_hospital_or_clinic_is_an_interview(text: str) -> None:
    """A nurse's or pharmacist's interview: "hospital", "pharmacy" marked the mail as a
    medical appointment, never the user's hiring process, and it was dropped."""
    ev = classify(msg("Interview confirmed", f"Hi Alex, {text}", frm="Henry Armitage <hr@arkhamgeneral.org>"),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize(("subject", "text", "frm"), [
    ("Interview confirmation - Nurse Educator",
     "Your panel interview for the Nurse Educator position is confirmed for Tuesday, December 8, "
     "9:00 - 11:00 AM ET.\n\nHuman Resources\nMercy General Hospital", "HR <hr@mercygeneral.org>"),
    ("Interview confirmation",
     "This confirms your video interview for the Senior Policy Analyst position with the U.S. "
     "Department of Labor on Tuesday, December 8 at 10:00 AM ET.", "Pat Lee <pat.lee@dol.gov>"),
    ("Interview on Thursday - Account Executive",
     "Alex,\n\nConfirming your in-person interview for the Account Executive role on Thursday, "
     "December 10 at 1:00 PM ET at our office, 129 W 81st St.\n\nArt Vandelay\nVandelay Industries",
     "Art Vandelay <art@vandelay.com>"),
])
def test_an_interview_for_an_opening_outweighs_an_employer_name_or_title_that_looks_alike(
        subject: str, text: str, frm: str) -> None:
    """review20d: "your panel interview" at a hospital, a video interview with the Department of
    Labor, an Account Executive's in-person interview were dropped as a medical appointment, a
    benefits interview and a sales call: no process, no thank-you, and the user was not told."""
    ev = classify(msg(subject, text, frm=frm), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize("text", [
    "This is a reminder of your appointment with Dr. Lee at Arkham General Hospital on Thursday, "
    "December 3 at 2pm ET. Please arrive 15 minutes early.",
    "Your eligibility interview for unemployment benefits is confirmed for Thursday, December 3 "
    "at 2pm ET. Bring your job search log for the position you last held.",
])
def test_a_medical_or_benefits_appointment_is_still_not_an_interview(text: str) -> None:
    ev = classify(msg("Appointment confirmed", f"Hi Alex, {text}", frm="Clinic <appointments@arkhamgeneral.org>"),
                  SETTINGS)
    assert ev.kind is Kind.OTHER


@pytest.mark.parametrize("role", [
    "Staff Reporter position at the Daily Planet newsroom", "Admissions Counselor role in our admissions office",
    "Podcast Producer position", "Newsletter Editor role",
])
def test_an_interview_for_an_opening_in_press_or_admissions_is_an_interview(role: str) -> None:
    """A reporter's, producer's, admissions counselor's interview was read as press or an
    admissions interview, never the user's."""
    ev = classify(msg("Interview confirmed", f"Hi Alex, your interview for the {role} is confirmed "
                      "for Thursday, December 3 at 2pm ET.", frm="Pat Lee <pat@employer.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize("text", [
    "We'd love to interview you for our podcast about the job market on Thursday, December 3 at 2pm ET.",
    "Your admissions interview for the MBA program is confirmed for Thursday, December 3 at 2pm ET.",
])
def test_a_podcast_or_admissions_interview_is_still_not_ours(text: str) -> None:
    ev = classify(msg("Interview", f"Hi Alex, {text}", frm="Pat Lee <pat@school.edu>"), SETTINGS)
    assert ev.kind is Kind.OTHER


@pytest.mark.parametrize("text", [
    "We'd like to offer you a second interview with our Managing Director, Claire Dunn. Could "
    "you let me know your availability next week?",
    "We are pleased to offer you an interview for the Marketing Manager role. Could you let me "
    "know your availability?",
    "I'm pleased to offer you an interview on Tuesday 17 November at 2pm.",
    "We'd like to offer you the opportunity to progress to the final round.",
])
def test_an_interview_offered_is_not_a_job_offer(text: str) -> None:
    """British "offer you an interview": read as a job offer, it closed the process."""
    ev = classify(msg("Re: Marketing Manager application", f"Dear Alex,\n\n{text}\n\nKind regards,\nClaire",
                      frm="Claire Dunn <claire@fennick.co.uk>"), SETTINGS)
    assert ev.reply is not ReplyKind.OFFER and ev.kind is not Kind.OTHER


@pytest.mark.parametrize("text", [
    "We are pleased to offer you the position of Senior Engineer, starting January 4.",
    "We'd like to offer you the opportunity to join Acme as our Senior Engineer.",
])
def test_a_job_offered_is_still_an_offer(text: str) -> None:
    ev = classify(msg("Re: Senior Engineer", f"Dear Alex,\n\n{text}\n\nBest,\nClaire",
                      frm="Claire Dunn <claire@acme.com>"), SETTINGS)
    assert ev.reply is ReplyKind.OFFER


@pytest.mark.parametrize("text", [
    "we will not be holding the interview scheduled for Thursday, December 3 at 1pm. The hiring "
    "manager has left the company and we are pausing the search.",
    "we won't be going ahead with the interview scheduled for Thursday, December 3 at 1pm.",
    "we'll have to postpone your interview on Thursday, December 3 at 1pm.",
    "we're going to need to postpone tomorrow's interview. I'll be in touch early next week with "
    "some new times.",
    "your interview on Thursday, December 3 at 1pm is postponed until further notice.",
    "we have decided to withdraw the Research Associate position, so your interview on Thursday, "
    "December 3 at 1pm will not happen.",
    "the interview we had scheduled for Thursday, December 3 at 1pm is off.",
    "I have to pull the plug on Thursday's interview - the role was just filled internally.",
    "we've had to put your interview on Thursday, December 3 at 1pm on hold.",
])
def test_the_many_ways_of_calling_off_an_interview_cancel_it(text: str) -> None:
    """Postponed, on hold, not holding it, won't be going ahead, off: each read as a
    confirmation of the very slot it called off (a thank-you for an interview that never
    happened) or as a next step (review16c finding 1)."""
    ev = classify(msg("Update on your interview with Lattice Bio", f"Dear Alex,\n\nI wanted to let "
                      f"you know that {text}\n\nBest regards,\nAna Costa",
                      frm="Ana Costa <ana.costa@lattice-bio.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED


@pytest.mark.parametrize("text", [
    "If you need to postpone, just reply to this email. Your interview is confirmed for Thursday, "
    "December 3 at 1pm ET.",
    "We postponed your interview to Friday, December 4 at 1pm ET; see you then.",
    "Unfortunately we won't be going ahead with your application.",
])
def test_postponing_boilerplate_a_move_or_a_rejection_is_no_cancellation(text: str) -> None:
    ev = classify(msg("Your interview with Lattice Bio", f"Dear Alex,\n\n{text}\n\nAna",
                      frm="Ana Costa <ana.costa@lattice-bio.com>"), SETTINGS)
    assert ev.kind is not Kind.INTERVIEW_CANCELLED


def test_a_second_interview_moved_to_a_new_time_is_that_round_moved() -> None:
    """"Kevin asked to move your second interview to Tuesday": read as yet another round."""
    ev = classify(msg("Re: Second interview", "Hi Alex, Kevin asked to move your second interview "
                      "to Tuesday, December 8 at 10am ET. I've updated the invite."), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 8, 15, 0, tzinfo=timezone.utc)
    assert not any(e.rule == "another-round" for e in ev.evidence)


@pytest.mark.parametrize("text", [
    "We need to push your interview with Kevin to next Tuesday, December 8 at 10am ET - the new "
    "invite is on its way.",
    "We have to move your interview to Tuesday, December 8 at 10am ET; the invite is updated.",
])
def test_a_needed_move_to_a_stated_time_is_the_interview_moved(text: str) -> None:
    """"We need to push your interview to Tuesday at 10am": the new time is stated, not asked
    for (it was read as a request for times, and the interview stayed at its old slot)."""
    ev = classify(msg("Re: Interview", f"Hi Alex, {text}"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 8, 15, 0, tzinfo=timezone.utc)


def test_a_needed_move_with_times_asked_for_is_still_a_request() -> None:
    ev = classify(msg("Re: Interview", "Hi Alex, we need to move your interview on Tuesday, "
                      "December 8 at 10am ET. Could you send me your availability for next week?"),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED


@pytest.mark.parametrize("text", [
    "Great news - Kevin Tran would like to meet you for a second interview. You're confirmed for "
    "Thursday, December 3 at 2pm ET on Zoom.",
    "Your technical interview is booked for Thursday, December 3 at 2pm ET with Kevin Tran (Staff "
    "Engineer).",
    "Your interview is on Thursday, December 3 at 2pm ET at our office, Room 210. Panel: Kevin "
    "Tran, Dana Ruiz.",
])
def test_more_ways_of_naming_who_interviews(text: str) -> None:
    """"Kevin Tran would like to meet you", "booked for <time> with Kevin Tran (...)", an
    inline "Panel: ..." (review16c finding 8): the thank-you went to the recruiter."""
    ev = classify(msg("Interview confirmed", f"Hi Alex,\n\n{text}\n\nJen", frm="Jen Walsh <jen@acme.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert "Kevin Tran" in [a.name for a in ev.interview.interviewers]
    assert "Jen Walsh" not in [a.name for a in ev.interview.interviewers]


@pytest.mark.parametrize(("subject", "text"), [
    ("Following up on today's interview", "Hi Maria,\n\nI just wanted to follow up on our interview "
     "this morning and thank you for taking the time to meet with me. I enjoyed learning about the "
     "team's plans.\n\nBest,\nAlex"),
    ("Graduate Analyst programme", "Dear Ms. Hale,\n\nIt was a pleasure meeting you and Mr. "
     "Whitfield this morning. I enjoyed learning more about the Graduate Analyst programme and the "
     "team's work.\n\nI appreciate your time and consideration.\n\nKind regards,\nAlex"),
])
def test_my_thank_you_in_other_words_is_a_thank_you(subject: str, text: str) -> None:
    """A thank-you headed "Following up on today's interview", or one that never says "thank"
    and names a programme, not a role: read as a check-in or as nothing, so a second
    thank-you was drafted (review16c finding 5)."""
    ev = classify(msg(subject, text, frm=f"Alex <{ME}>", to="maria.hale@fennick.co.uk"),
                  SETTINGS)
    assert ev.kind is Kind.THANK_YOU


def test_a_check_in_that_thanks_again_is_still_a_check_in() -> None:
    ev = classify(msg("Following up", "Hi Maria,\n\nI'm following up on my interview last week for "
                      "the Analyst role. Thank you again for your time. Is there any update?\n\nAlex",
                      frm=f"Alex <{ME}>", to="maria.hale@fennick.co.uk"), SETTINGS)
    assert ev.kind is Kind.FOLLOW_UP


def test_a_thank_you_that_never_says_thank_nor_names_a_role_is_a_thank_you() -> None:
    ev = classify(msg("Great speaking with you", "Dear Ms. Cole,\n\nIt was a pleasure meeting you and "
                      "Mr. Whitfield this morning. I enjoyed learning more about the Graduate Analyst "
                      "programme and Blackwood's approach to mentoring new analysts. I appreciate your "
                      "time and consideration.\n\nKind regards,\nAlex", frm=f"Alex <{ME}>",
                      to="harriet.cole@blackwoodpartners.co.uk"), SETTINGS)
    assert ev.kind is Kind.THANK_YOU


@pytest.mark.parametrize("text", [
    "We have decided to move forward with the candidate who most closely fits our needs. We wish "
    "you the best in your search.",
    "We have selected the candidate whose background best fits the role, so we will not be moving "
    "forward with you.",
    "The team has completed its debrief and we have decided to go in a different direction.",
])
def test_a_rejection_that_speaks_of_the_other_candidate_is_a_rejection(text: str) -> None:
    """"the candidate who ...", "debrief": read as mail to an interviewer, the rejection was
    dropped and check-ins went on to the employer who said no (review16b finding 1)."""
    ev = classify(msg("Re: Interview", f"Hi Alex,\n\nThank you for interviewing with us. {text}\n\nJane",
                      in_reply_to="<x@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION


def test_a_timeline_after_a_debrief_is_read() -> None:
    ev = classify(msg("Re: Interview", "Hi Alex,\n\nThanks again for your time. The panel will "
                      "debrief on Monday and we will get back to you by Friday, December 11.\n\nJane",
                      in_reply_to="<x@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.stated_timeline is not None
    assert ev.stated_timeline.isoformat() == "2026-12-11"


def test_a_confirmation_that_names_me_as_the_candidate_is_mine() -> None:
    ev = classify(msg("Interview scheduled", "Hi Alex,\n\nThe following interview has been scheduled.\n\n"
                      "Candidate: Alex Wong\nPosition: Backend Engineer\nDate: Thursday, December 3, "
                      "2026\nTime: 2:00 PM - 3:00 PM ET\nInterviewer: Jane Doe (jane@acme.com)\n\nRita",
                      frm="Rita Recruiter <rita@acme.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize("text", [
    "Hi Jane,\n\nThe following interview has been scheduled.\n\nCandidate: Alex Wong\nPosition: "
    "Backend Engineer\nDate: Thursday, December 3, 2026\nTime: 2:00 PM ET\n\nRita",
    "Hi Alex,\n\nPlease join the debrief meeting for the Backend Engineer candidate on Thursday, "
    "December 3 at 2pm ET.\n\nRita",
])
def test_mail_to_an_interviewer_is_still_not_mine(text: str) -> None:
    ev = classify(msg("Interview scheduled", text, frm="Rita Recruiter <rita@acme.com>"), SETTINGS)
    assert ev.kind is Kind.OTHER


def test_an_offer_extended_to_another_candidate_is_a_rejection() -> None:
    """(review16b finding 2: read as my offer, the process closed without networking)"""
    ev = classify(msg("Re: Interview", "Hi Alex,\n\nAfter careful consideration, we have decided to "
                      "extend an offer to another candidate. We wish you the best in your search.\n\nJane",
                      in_reply_to="<x@acme.com>"), SETTINGS)
    assert ev.reply is ReplyKind.REJECTION


def test_a_timeline_in_a_confirmation_is_read() -> None:
    """"We will get back to you with a decision by December 18" in the confirmation itself: the
    check-in came a week before it (review16b finding 5)."""
    ev = classify(msg("Interview confirmed", "Hi Alex, your interview is confirmed for Friday, "
                      "December 4 at 2pm ET. We will get back to you with a decision by December 18."),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.stated_timeline is not None
    assert ev.stated_timeline.isoformat() == "2026-12-18"


def test_a_reply_by_date_in_a_confirmation_is_no_timeline() -> None:
    ev = classify(msg("Interview confirmed", "Hi Alex, your interview is confirmed for Friday, "
                      "December 4 at 2pm ET. Please let us know by Wednesday if you need anything."),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.stated_timeline is None


@pytest.mark.parametrize("how", ["per your availability", "based on your availability",
                                 "as per your availability"])
def test_a_round_booked_per_your_availability_is_booked(how: str) -> None:
    """"I've booked it for Tuesday at 10am PT per your availability": your availability was
    read as asked for, and the booked round as a request (review16c finding 4)."""
    ev = classify(msg("Re: Next steps", "Hi Alex, great news - the team would like a second round "
                      f"with Omar Haddad, and I've booked it for Tuesday, December 8 at 10am PT {how}."),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize(("subject", "text", "frm"), [
    ("Recording on Thursday", "Hi Alex,\n\nThanks for agreeing to come on the show! Confirming your "
     "interview recording for Thursday, December 3 at 2pm ET. We'll use Riverside: "
     "https://riverside.fm/studio/shipit\n\nJess\nProducer, Ship It!", "Jess <jess@shipitpodcast.fm>"),
    ("Contoso Engineering Open House", "Hi Alex,\n\nJoin us for the Contoso Engineering Open House on "
     "Thursday, December 3 from 5:30 to 8pm at our NYC office. Meet engineers and hear about our open "
     "roles. Some teams will be conducting on-the-spot interviews for new grad positions!\n\nRSVP: "
     "https://contoso.com/openhouse\n\nContoso Campus Recruiting", "Contoso Campus Recruiting <campus@contoso.com>"),
])
def test_a_show_recording_or_an_open_house_is_no_interview(subject: str, text: str, frm: str) -> None:
    """A podcast's "interview recording" and a hiring event's open house were read as
    interviews, and a thank-you drafted to the producer or to campus@ (review16c finding 6)."""
    assert classify(msg(subject, text, frm=frm), SETTINGS).kind is Kind.OTHER


@pytest.mark.parametrize("city", ["Leeds", "Austin", "London"])
def test_an_office_named_by_its_city_is_not_the_company(city: str) -> None:
    """"at our Leeds office": the process was 'leeds-marketing-manager' and the thank-you said
    "joining Leeds" (review16c finding 10)."""
    ev = classify(msg("Interview confirmed: Marketing Manager", f"Dear Alex, your interview for the "
                      f"Marketing Manager role is confirmed for Thursday, December 3 at 2pm at our {city} "
                      "office.\n\nClaire", frm="Claire Dunn <claire@fennick.co.uk>"), SETTINGS)
    assert ev.company != city


@pytest.mark.parametrize(("text", "back"), [
    ("I'm currently out of the office on vacation, returning Monday, December 14.", "2026-12-14"),
    ("I am back in the office on Monday, December 14.", "2026-12-14"),
    ("I'm OOO until 12/14 with limited access to email.", "2026-12-14"),
    ("I am out of the office through Friday, December 11.", "2026-12-11"),
    ("I am on annual leave from 1 December to 11 December.", "2026-12-11"),
])
def test_an_out_of_office_return_date_is_read(text: str, back: str) -> None:
    """The return dates of auto-replies people write: missed, a check-in was drafted to someone
    known to be away (review16b finding 6)."""
    ev = classify(msg("Automatic reply: Thank you", f"Hello,\n\n{text}\n\nJane",
                      headers={"auto-submitted": "auto-replied"}), SETTINGS)
    assert ev.automatic and ev.stated_timeline is not None
    assert ev.stated_timeline.isoformat() == back


def test_an_interviewer_named_after_the_time_of_a_confirmation_is_named() -> None:
    """"is confirmed: Friday, December 4, 2026, 11:00 AM - 12:00 PM EST, with Bob Roe
    (bob@acme.com), Engineering Manager" (review16b finding 7)."""
    ev = classify(msg("Second interview", "Hi Alex,\n\nYour second interview for the Developer role "
                      "is confirmed: Friday, December 4, 2026, 11:00 AM - 12:00 PM EST, with Bob Roe "
                      "(bob@acme.com), Engineering Manager, via Google Meet.\n\nJane"), SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [("Bob Roe", "bob@acme.com")]


def test_an_onsite_agenda_names_each_interviewer_at_the_end_of_its_row() -> None:
    """"9:30 - 10:15 System design - Raj Patel" rows under "Here is your agenda:": a
    four-interviewer final round was missed, then thanked to the coordinator (review16c)."""
    m = msg("Your final round onsite", "Hi Alex,\n\nWe're excited to host you for your final round "
            "onsite next Thursday, 12/3! Here is your agenda (all times Eastern):\n\n"
            "9:30 - 10:15   System design - Raj Patel\n10:15 - 11:00  Coding - Emily Chen\n"
            "11:45 - 12:30  Lunch with the team\n12:30 - 1:15   Hiring manager - Hannah Weiss\n\n"
            "Best,\nGrace", frm="Grace Park <grace@tidewater.ai>")
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Raj Patel", "Emily Chen", "Hannah Weiss"]


def test_a_see_you_monday_reply_in_the_thread_books_the_time() -> None:
    """"Sounds good Alex - see you Monday at 11! I'll send a Meet link." answering my "Monday at
    11am ET works well for our interview": the booking was read as a reply (review16c)."""
    m = msg("Re: Quick chat", "Sounds good Alex - see you Monday at 11! I'll send a Meet link.\n\n"
            "Sofia\n\nOn Wed, Nov 25, 2026 at 10:30 AM Alex Wong <alex@example.org> wrote:\n"
            "> Hi Sofia, Monday at 11am ET works well for our interview about the Product Manager "
            "role.\n", frm="Sofia Alvarez <sofia.alvarez@quillpay.com>", in_reply_to="<a@x>")
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 11, 30, 16, 0, tzinfo=timezone.utc)


def test_a_reply_to_my_thank_you_headed_by_the_role_is_in_the_hiring_thread() -> None:
    """"Re: Thank you - Staff Engineer" with "a decision by the end of next week" and no quoted
    history: read as unrelated mail, its timeline lost (review16c finding 9)."""
    m = msg("Re: Thank you - Staff Engineer", "Hi Alex,\n\nThank you for your kind note. Erik is "
            "gathering feedback from the panel and we aim to come back to you with a decision by "
            "the end of next week.\n\nBest regards,\nIngrid", frm="Ingrid Sol <ingrid.sol@nordvik.se>",
            in_reply_to="<ty@x>")
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.stated_timeline is not None
    assert ev.stated_timeline.isoformat() == "2026-12-04"


# --- review17a: 107 new messages -------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Unfortunately, we won't be extending an offer for the Senior Backend Engineer position.",
    "After much deliberation, we will not be extending you an offer at this time.",
    "We have decided not to extend an offer. Thank you for your time.",
    "We're unable to extend an offer on this occasion.",
])
def test_an_offer_not_extended_is_a_rejection(text: str) -> None:
    """(review17a e06: read as an offer, the process closed as closed_offer)"""
    ev = classify(msg("Re: Interview", f"Hi Alex,\n\nThank you for interviewing with us. {text}"
                      "\n\nJane", in_reply_to="<x@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION


def test_an_offer_still_reads_as_one() -> None:
    ev = classify(msg("Re: Interview", "Hi Alex,\n\nGreat news: we are delighted to be extending "
                      "you an offer for the Senior Backend Engineer position!\n\nJane",
                      in_reply_to="<x@acme.com>"), SETTINGS)
    assert ev.reply is ReplyKind.OFFER


def test_a_meeting_tools_cancellation_notice_cancels() -> None:
    """(review17a x04: Zoom's notice was read as a confirmation of the cancelled interview, and
    a thank-you drafted after it)"""
    ev = classify(msg("Meeting Cancelled: Interview - Alex Wong (Quillon ML Engineer)",
                      "Hi Alex Wong,\n\nFarah Haddad has cancelled the following meeting:\n\n"
                      "Topic: Interview - Alex Wong (Quillon ML Engineer)\nTime: Nov 30, 2026 "
                      "09:00 AM Pacific Time (US and Canada)\n\nZoom Video Communications, Inc.",
                      frm="Zoom <no-reply@zoom.us>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED


def test_a_call_about_a_role_cancelled_is_a_cancellation() -> None:
    """(review17a x03: no "interview" word, so the cancellation was an ordinary reply and the
    call kept its thank-you)"""
    ev = classify(msg("Monday's call", "Hi Alex,\n\nI'm sorry to do this on short notice, but I "
                      "need to cancel our call on Monday - the Operations Analyst role has just "
                      "been put on hold pending budget approval for next year. I'll reach out if "
                      "it reopens in Q1.\n\nApologies again,\nJasmine",
                      frm="Jasmine Cole <jasmine@everstone.co>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED


@pytest.mark.parametrize("subject", ["Lindqvist feedback", "Your application"])
def test_unsuccessful_on_this_occasion_is_a_rejection(subject: str) -> None:
    """(review17a e05: British agency wording, missed)"""
    ev = classify(msg(subject, "Hi Alex,\n\nI hope you're well. I've just had feedback from "
                      "Lindqvist and I'm afraid on this occasion you have been unsuccessful. Sarah "
                      "said it was a very close call between you and one other candidate who had "
                      "more direct insurance-sector experience.\n\nCharlotte",
                      frm="Charlotte Finch <charlotte.finch@kiteandkey.co.uk>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION


def test_sincere_appreciation_for_the_interview_is_my_thank_you() -> None:
    """(review17a s02: "appreciation" was not "appreciate", a second thank-you was drafted)"""
    ev = classify(msg("Thank you for your time", "Dear Dr. Brandt,\n\nI wanted to express my "
                      "sincere appreciation for the opportunity to interview for the Data Platform "
                      "Lead position yesterday. Our discussion of Aurelia's move to a federated "
                      "data model was particularly insightful.\n\nKind regards,\nAlex Wong",
                      frm=f"Alex Wong <{ME}>", to="stefan.brandt@aurelia-pharma.de"), SETTINGS)
    assert ev.kind is Kind.THANK_YOU


def test_declining_an_offer_withdraws() -> None:
    """(review17a s16: "Thank you very much for the offer ... I have decided to decline" was a
    thank-you note)"""
    ev = classify(msg("Re: Head of Analytics - offer", "Dear Harriet,\n\nThank you very much for "
                      "the offer and for the time everyone at Lindqvist spent with me. After "
                      "careful consideration, I have decided to decline, as I've accepted a role "
                      "that is closer to home.\n\nWith best wishes,\nAlex Wong",
                      frm=f"Alex Wong <{ME}>", to="harriet.moss@lindqvist.co.uk",
                      in_reply_to="<offer@lindqvist.co.uk>"), SETTINGS)
    assert ev.kind is Kind.OTHER
    assert any(e.rule == "user-withdrew" for e in ev.evidence)


def test_a_webex_invitation_time_takes_its_utc_offset_and_the_user_is_no_interviewer() -> None:
    """(review17a c04: "14:00 | (UTC+01:00) Amsterdam, Berlin ..." read in the user's zone, 6
    hours off; "Interview Alex Wong - ..." made the user their own interviewer, a panel)"""
    m = msg("Webex meeting invitation: Interview Alex Wong - Data Platform Lead",
            "Hello Alex,\n\nKatrin Vogel invites you to join this Webex meeting.\n\nInterview Alex "
            "Wong - Data Platform Lead\nFriday, 27 November 2026\n14:00 | (UTC+01:00) Amsterdam, "
            "Berlin, Bern, Rome, Stockholm, Vienna | 1 hr\n\nJoin meeting\nhttps://aurelia.webex.com/"
            "j.php?MTID=m1\n\nYou will meet Dr. Stefan Brandt (Head of Data) and me.\n\nBest regards\n"
            "Katrin Vogel\nTalent Acquisition | Aurelia Pharma GmbH",
            frm="Katrin Vogel <katrin.vogel@aurelia-pharma.de>")
    m = dataclasses.replace(m, to=(Address("Alex Wong", ME),))
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 11, 27, 13, 0, tzinfo=timezone.utc)
    assert [a.name for a in ev.interview.interviewers] == ["Dr. Stefan Brandt", "Katrin Vogel"]


def test_a_zone_on_a_schedules_date_heading_holds_for_its_rows() -> None:
    """(review17a c06: "Friday, November 20, 2026 (Central Time)" ignored, every time an hour
    off; "1:00 PM - 1:30 PM  Analytics case" made "PM Analytics" an interviewer)"""
    ev = classify(msg("Interview scheduled: Bramble Health - Product Analyst",
                      "Hi Alex,\n\nYour virtual interviews with Bramble Health are scheduled.\n\n"
                      "Friday, December 4, 2026 (Central Time)\n"
                      "  1:00 PM - 1:30 PM   Analytics case       with Kofi Mensah\n"
                      "  1:30 PM - 2:00 PM   SQL exercise         with Yuki Tanaka\n"
                      "  2:15 PM - 2:45 PM   Product sense        with Rachel Stein\n\n"
                      "Bramble Health Recruiting", frm="Bramble Health <noreply@modernloop.io>"),
                  SETTINGS)
    assert ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 4, 19, 0, tzinfo=timezone.utc)
    assert [a.name for a in ev.interview.interviewers] == ["Kofi Mensah", "Yuki Tanaka",
                                                           "Rachel Stein"]


def test_a_clock_time_outweighs_a_part_of_a_day_said_before_it() -> None:
    """(review17a c25: "a board meeting that got moved onto Thursday afternoon" made the
    interview Thursday at noon, not the Friday 2pm it was moved to)"""
    ev = classify(msg("Re: Tallgrass - Data Engineer - scheduling", "Hi Alex,\n\nApologies - "
                      "Monica has a board meeting that got moved onto Thursday afternoon. I've "
                      "moved your interview to Friday 12/4 at the same time (2pm ET) and updated "
                      "the calendar invite.\n\nDerek", frm="Derek Olsen <derek.olsen@tallgrass.io>",
                      in_reply_to="<d1@tallgrass.io>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 4, 19, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("subject", "text", "quoted"), [
    ("RE: Tallgrass - Data Engineer - scheduling",
     "Perfect - Thursday 12/3 at 2pm ET it is. You'll be speaking with Monica Reyes (Director of "
     "Data). Calendar invite coming shortly with the Zoom link.\n\nDerek",
     "Hi Derek,\n\nThursday at 2pm ET works best for me.\n\nThanks,\nAlex"),
    ("RE: Availability - Senior Video Editor",
     "Great, you're confirmed for the Monday 12/7 slot at 10am ET. We'll meet at our Midtown "
     "office, 1450 Broadway, 22nd floor - ask for me at reception.\n\nKeith",
     "Monday 10am works well for me. Thank you!"),
])
def test_a_time_confirmed_in_a_scheduling_thread_about_a_role_is_a_confirmation(
        subject: str, text: str, quoted: str) -> None:
    """(review17a c13, c26: no "interview" word, and "Video Editor" in the role made it a
    press look-alike: both dropped as other)"""
    body = f"{text}\n\n-----Original Message-----\nFrom: Alex Wong <{ME}>\n\n{quoted}"
    ev = classify(msg(subject, body, frm="Keith Morrow <kmorrow@tallgrass.io>",
                      in_reply_to="<a1@example.org>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


def test_making_it_to_the_final_round_is_hiring_context() -> None:
    """(review17a c20: "final round" alone was a weak word, the confirmation dropped)"""
    ev = classify(msg("Final round - Wednesday", "Hi Alex,\n\nCongrats on making it to the final "
                      "round! You're confirmed for Wednesday Dec 2nd from 2-3:30pm at our office "
                      "(55 Water St, Brooklyn). You'll meet our CEO, Marcus Webb.\n\nSee you then,"
                      "\nLena", frm="Lena Brooks <lena@cinder.dev>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 2, 19, 0, tzinfo=timezone.utc)


def test_the_final_round_of_a_hackathon_is_no_interview() -> None:
    ev = classify(msg("Final round - Wednesday", "Hi Alex,\n\nCongrats on making it to the final "
                      "round of the hackathon! You're confirmed for Wednesday Dec 2nd from 2-3:30pm "
                      "at our office.\n\nSee you then,\nLena", frm="Lena Brooks <lena@cinder.dev>"),
                  SETTINGS)
    assert ev.kind is Kind.OTHER


@pytest.mark.parametrize(("subject", "text", "reply_to", "timeline"), [
    # (review17a e17) a reply to my thank-you headed "Re: Thank you": dropped as other
    ("Re: Thank you", "Alex,\n\nAppreciate the note. We have two more candidates to see this "
     "week and expect to make a decision by Monday, November 30. You'll hear from Nora or me "
     "either way.\n\nGreg", "<ty@example.org>", "2026-11-30"),
    # (e23) a fresh mail after the interview: "Thank you for attending ..." refers to it
    ("Second stage interviews", "Dear Alex,\n\nThank you for attending the second stage "
     "interview today. We are seeing our final candidates this week and you can expect to hear "
     "from us by Wednesday 9th December at the latest.\n\nKind regards,\nHarriet", None,
     "2026-12-09"),
    # (e19) "I'll be in touch Thursday": a weekday right after the cue
    ("Re: Thank you for the Product Analyst interview", "Hi Alex,\n\nIt was great chatting on "
     "Friday! The team is meeting Wednesday to debrief, so I'll be in touch Thursday with an "
     "update.\n\nKofi", "<ty@example.org>", "2026-12-03"),
    # (e18) no date, still a timeline update
    ("Re: Checking in", "Hi Alex,\n\nThanks for your patience! We're still waiting on feedback "
     "from one of the interviewers who was out sick. I'll update you as soon as I hear anything."
     "\n\nJordan", "<ci@example.org>", None),
])
def test_timeline_updates_as_people_write_them(subject: str, text: str, reply_to: str | None,
                                               timeline: str | None) -> None:
    ev = classify(msg(subject, text, frm="Greg Halverson <greg@solacebank.com>",
                      in_reply_to=reply_to), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.TIMELINE_UPDATE
    assert (ev.stated_timeline.isoformat() if ev.stated_timeline else None) == timeline


@pytest.mark.parametrize(("subject", "text", "sender", "start", "itype", "names"), [
    # (review17a c16) a phone screen booked by "I'll give you a call on Monday at 4:30 ET":
    # an ordinary reply (and "4:30" was 4:30 in the morning)
    ("Re: Everstone - Operations Analyst", "Hi Alex,\n\nThanks for getting back to me so quickly. "
     "I'll give you a call on Monday at 4:30 ET on the number on your resume - should take about "
     "20 minutes. Looking forward to chatting!\n\nJasmine Cole\nTalent Partner, Everstone",
     "Jasmine Cole <jasmine@everstone.co>", datetime(2026, 11, 30, 21, 30, tzinfo=timezone.utc),
     "phone", ["Jasmine Cole"]),
    # (c07) Paradox: "Interviewing with: Dwayne Harris" was not read
    ("Your interview is confirmed!", "Hi Alex! It's Olivia, the virtual assistant for Marigold "
     "Foods.\n\nYour in-person interview for Store Operations Manager is confirmed:\n\nFri, Dec 4, "
     "2026 at 9:30 AM CST\nMarigold Foods - Store #214\nInterviewing with: Dwayne Harris\n\nPlease "
     "bring a photo ID.", "Olivia from Marigold Foods <olivia@paradox.ai>",
     datetime(2026, 12, 4, 15, 30, tzinfo=timezone.utc), "in_person", ["Dwayne Harris"]),
    # (c22) "will take place via MS Teams with Dr. Felix Wagner (...) and myself": Felix missed,
    # no type
    ("Your interview on 01.12.2026", "Dear Alex,\n\nwe would like to confirm your interview on "
     "01.12.2026 at 10:00 CET. The interview will take place via MS Teams with Dr. Felix Wagner "
     "(Team Lead Bioinformatics) and myself and will take about 60 minutes.\n\nKind regards\n"
     "Julia Hartmann", "Julia Hartmann <julia.hartmann@aurelia-pharma.de>",
     datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc), "video", ["Dr. Felix Wagner", "Julia Hartmann"]),
    # (c10) an agency: "I can confirm your first stage interview on ... with Sarah Bell": the
    # agency recruiter was the interviewer (the thank-you went to the agency)
    ("Interview confirmed - Lindqvist Insurance - Head of Analytics", "Hi Alex,\n\nGreat news - "
     "Lindqvist are keen to meet you! I can confirm your first stage interview on Thursday 3rd "
     "December at 14:00 GMT with Sarah Bell, Chief Data Officer. It will be via Teams and last "
     "around 45 minutes.\n\nKind regards,\nCharlotte",
     "Charlotte Finch <charlotte.finch@kiteandkey.co.uk>",
     datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc), "video", ["Sarah Bell"]),
])
def test_confirmations_review17a(subject: str, text: str, sender: str, start: datetime,
                                 itype: str, names: list[str]) -> None:
    ev = classify(msg(subject, text, frm=sender, in_reply_to="<a@x>" if "Re:" in subject else None),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == start and ev.interview.type is not None
    assert ev.interview.type.value == itype
    assert [a.name for a in ev.interview.interviewers] == names


def test_a_take_home_done_does_not_make_the_next_round_an_assessment() -> None:
    """(review17a r07: "Thank you for a great take-home review. We'd like to invite you to the
    final round" was dropped as an assessment look-alike)"""
    ev = classify(msg("Copperleaf - final round", "Hi Alex,\n\nThank you for a great take-home "
                      "review. We'd like to invite you to the final round - a virtual onsite of four "
                      "45-minute conversations. Could you share a few half-days over the week of "
                      "December 7th that would work for you?\n\nPriyanka",
                      frm="Priyanka Bose <priyanka.bose@copperleaf.com>"), SETTINGS)
    assert ev.kind in (Kind.EMPLOYER_REPLY, Kind.INTERVIEW_REQUESTED)
    assert ev.kind is Kind.INTERVIEW_REQUESTED or ev.reply is ReplyKind.NEXT_STEP


def test_a_take_home_review_session_with_the_team_is_an_interview() -> None:
    """(review17a c28: booked with two engineers, vetoed as an assessment)"""
    ev = classify(msg("Take-home review session booked", "Hi Alex,\n\nThanks for submitting the "
                      "take-home - the team enjoyed reading it. I've booked a 45-minute review "
                      "session where you'll walk Ian Doyle and Priyanka Bose through your approach: "
                      "Thursday, December 3 at 1:00 PM ET, Google Meet (link in the invite).\n\n"
                      "Marta", frm="Marta Kowalski <marta@copperleaf.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Ian Doyle", "Priyanka Bose"]


def test_a_take_home_to_do_is_still_an_assessment() -> None:
    ev = classify(msg("Next step: take-home exercise", "Hi Alex,\n\nThe next step is a take-home "
                      "exercise. Please complete it by Friday, December 4 at 5pm ET.\n\nMarta",
                      frm="Marta Kowalski <marta@copperleaf.com>"), SETTINGS)
    assert ev.kind is not Kind.INTERVIEW_CONFIRMED


def test_a_second_stage_asked_for_by_week_proposes_no_slot() -> None:
    """(review17a r03: "come back for a second stage ... your availability for w/c 30th
    November" was other; a day without a time is no slot the user's yes could book)"""
    ev = classify(msg("Lindqvist - next stage!", "Hi Alex,\n\nBrilliant news - Sarah really "
                      "enjoyed your conversation and Lindqvist would like you to come back for a "
                      "second stage with the wider leadership team. Could you let me know your "
                      "availability for w/c 30th November? They're offering afternoons UK time."
                      "\n\nCharlotte", frm="Charlotte Finch <charlotte.finch@kiteandkey.co.uk>"),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is None


def test_an_invite_from_a_team_account_names_the_interviewers_the_text_gives() -> None:
    """(review17a c15: the organizer "Pinecrest Recruiting" replaced the three named)"""
    ics = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261203\r\n"
           "DTEND;VALUE=DATE:20261204\r\nORGANIZER;CN=Pinecrest Recruiting:mailto:recruiting@"
           "pinecrest.com\r\nATTENDEE;CN=Alex Wong:mailto:alex@example.org\r\nSUMMARY:Onsite "
           "interview - Alex Wong\r\nUID:p1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = ("From: Pinecrest Recruiting <recruiting@pinecrest.com>\r\nTo: alex@example.org\r\n"
           "Subject: Onsite interview - Thursday, December 3\r\nDate: Wed, 18 Nov 2026 13:00:00 "
           "-0500\r\nMessage-ID: <p1@pinecrest.com>\r\nMIME-Version: 1.0\r\nContent-Type: "
           "multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHi Alex,\r\n"
           "\r\nWe're looking forward to having you at our Boston office for your onsite on "
           "Thursday, December 3. Please plan to arrive at 9:30 AM.\r\n\r\nYou'll meet Carla "
           "Jimenez, Owen Fitzgerald and Hugh Bennett.\r\n\r\nPinecrest Recruiting\r\n--b\r\n"
           f"Content-Type: text/calendar; method=REQUEST\r\n\r\n{ics}--b--\r\n")
    from watcher.parse import parse

    ev = classify(parse(raw.encode()), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Carla Jimenez", "Owen Fitzgerald",
                                                           "Hugh Bennett"]


def test_a_greenhouse_schedule_table_under_a_date_and_a_zone_line() -> None:
    """(review17a c27: the date line, the "All times are in Eastern Time (US & Canada)" line and
    the table's rows apart by blank lines: no time was read, the confirmation dropped; the
    session "Technical Deep Dive" was then the interviewer)"""
    ev = classify(msg("Interview Confirmation - Ridgeway Analytics", "Hi Alex,\n\nThank you for "
                      "taking the time to interview with us for the Analytics Engineer position at "
                      "Ridgeway Analytics. Below are the details of your upcoming interview.\n\n"
                      "Interview Schedule\n\nWednesday, December 2nd, 2026\nAll times are in Eastern "
                      "Time (US & Canada)\n\n3:00 pm - 3:45 pm | Technical Deep Dive | Olu Adeyemi |"
                      "\n\n3:45 pm - 4:30 pm | Behavioral | Sunita Rao |\n\nLocation: Zoom\n\nBest,\n"
                      "Ridgeway Analytics Recruiting Team",
                      frm="Ridgeway Analytics <no-reply@greenhouse.io>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 2, 20, 0, tzinfo=timezone.utc)
    assert ev.interview.end == datetime(2026, 12, 2, 21, 30, tzinfo=timezone.utc)
    assert [a.name for a in ev.interview.interviewers] == ["Olu Adeyemi", "Sunita Rao"]


def test_a_reply_under_a_confirmed_subject_asking_for_a_pick_is_a_request() -> None:
    """(review17b finding 2: "Re: Interview confirmed: ..." - the thread's subject - over "Could
    you do a second interview ... Thursday at 2:00 PM or Friday at 10:00 AM ET?" booked the
    first slot; the thank-you came the day before the interview)"""
    ev = classify(msg("Re: Interview confirmed: Support Engineer", "Hi Alex,\n\nThe team enjoyed "
                      "meeting you! Could you do a second interview with our CTO, Raj Rao (raj@acme."
                      "com), on Thursday, December 10 at 2:00 PM or Friday, December 11 at 10:00 AM "
                      "ET?\n\nJane", in_reply_to="<c@acme.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED
    assert [e.rule for e in ev.evidence if e.rule.startswith("offered-slot@")] == [
        "offered-slot@2026-12-10T14:00:00-05:00/2026-12-10T15:00:00-05:00",
        "offered-slot@2026-12-11T10:00:00-05:00/2026-12-11T11:00:00-05:00"]


def test_my_answer_names_the_slot_i_pick() -> None:
    ev = classify(msg("Re: Interview", "Hi Jane,\n\nThank you! Friday at 10:00 AM works best for "
                      "me.\n\nAlex", frm=f"Alex Wong <{ME}>", to="jane@acme.com",
                      in_reply_to="<r@acme.com>"), SETTINGS)
    assert "accepts-time" in [e.rule for e in ev.evidence]
    assert "picks-time@W5T10:00" in [e.rule for e in ev.evidence]


@pytest.mark.parametrize("panel", [
    "You'll meet Jane Doe (jane@acme.com), Controller; Bob Roe (bob@acme.com), Accounting "
    "Manager; and Carol Poe (carol@acme.com), CFO.",
    "Your interviewers:\nJane Doe - Controller - jane@acme.com\nBob Roe - Accounting Manager - "
    "bob@acme.com\nCarol Poe - CFO - carol@acme.com",
    "You'll meet with our Controller Jane Doe, Accounting Manager Bob Roe and CFO Carol Poe.",
])
def test_every_panelist_of_a_list_is_an_interviewer(panel: str) -> None:
    """(review17b finding 3: titles between the names, one person a line, titles before the
    names: only Jane, or only the recruiter who wrote, was thanked)"""
    ev = classify(msg("Final round: Staff Accountant at Acme", "Hi Alex,\n\nThe team would like "
                      "you to come in for the final round panel interview for the Staff Accountant "
                      "role on Tuesday, December 8, 2026, from 1:00 PM to 4:00 PM ET at our office."
                      f"\n\n{panel}\n\nBest,\nRita", frm="Rita Recruiter <rita@acme.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Jane Doe", "Bob Roe", "Carol Poe"]


def test_pushing_a_decision_is_a_timeline_not_a_reschedule() -> None:
    """(review17b finding 5: "we'll need to push our decision to next week" asked for new
    interview times; the check-in came on the Monday of the week they named)"""
    ev = classify(msg("Re: Interview confirmed: Support Engineer", "Hi Alex,\n\nUnfortunately the "
                      "hiring manager is out sick, so we'll need to push our decision to next week."
                      "\n\nJane", in_reply_to="<c@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.TIMELINE_UPDATE
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-04"


def test_a_call_to_talk_about_an_offer_is_an_offer() -> None:
    """(review17b finding 6: a new interview round, thanked for and chased with check-ins)"""
    ev = classify(msg("Re: Interview confirmed: Support Engineer", "Hi Alex,\n\nGood news! I'd love "
                      "to set up a quick call to talk about an offer. Are you free tomorrow "
                      "afternoon?\n\nJane", in_reply_to="<c@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.OFFER


@pytest.mark.parametrize(("company", "domain"), [("Massive Dynamic", "massive.com"),
                                                 ("Pied Piper", "pied.io"),
                                                 ("Goldman Sachs", "gs.com")])
def test_a_company_named_in_full_is_not_cut_to_its_domain(company: str, domain: str) -> None:
    """(review17b finding 7: "Massive Dynamic" at massive.com was "Massive": "joining Massive")"""
    ev = classify(msg(f"Phone screen - Data Engineer at {company}", "Hi Alex,\n\nI've scheduled our "
                      "30-minute phone screen for the Data Engineer role on Tuesday, December 8, 2026 "
                      f"at 10:00 AM ET.\n\nPat Doe\nTalent Acquisition, {company}",
                      frm=f"Pat Doe <pat@{domain}>"), SETTINGS)
    assert ev.interview is not None and ev.interview.company == company


# --- review18a ---------------------------------------------------------------------------------


def test_office_hours_in_a_signature_are_no_interview() -> None:
    """(e18: "Office hours: Mon-Fri 8:30-5:30 ET" made a rejection a confirmed interview)"""
    ev = classify(msg("Re: Your application", "Hi Alex,\n\nThank you for interviewing with us. "
                      "Unfortunately we've decided not to move forward with your application.\n\n"
                      "Best,\nDana Cole\nTalent Acquisition\nOffice hours: Mon-Fri 8:30-5:30 ET",
                      in_reply_to="<a@acme.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION


def _invite(summary: str, sender: str = "Priyanka Iyer <priyanka.iyer@currentco.com>") -> Message:
    from watcher.parse import parse

    ics = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART;TZID=America/New_York:"
           "20261203T150000\r\nDTEND;TZID=America/New_York:20261203T160000\r\nORGANIZER;CN=X:mailto:"
           f"{sender.split('<')[1].rstrip('>')}\r\nATTENDEE;CN=Alex Wong:mailto:{ME}\r\nSUMMARY:{summary}"
           "\r\nUID:u1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = (f"From: {sender}\r\nTo: {ME}\r\nSubject: Invitation: {summary} @ Thu Dec 3, 2026 3pm - 4pm "
           "(EST)\r\nDate: Mon, 30 Nov 2026 11:00:00 -0500\r\nMessage-ID: <i@x>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
           f"{summary}\r\nWhen: Thursday Dec 3, 2026 3pm - 4pm Eastern Time\r\n--b\r\nContent-Type: "
           f"text/calendar; method=REQUEST\r\n\r\n{ics}--b--\r\n")
    return parse(raw.encode())


@pytest.mark.parametrize(("summary", "kind"), [
    ("Data contracts design review", Kind.OTHER),
    ("Weekly team call", Kind.OTHER),
    ("Q1 planning - next round", Kind.OTHER),
    ("Halcyon Labs <> Alex Wong - Technical Screen", Kind.INTERVIEW_CONFIRMED),
    ("Final round - Alex Wong", Kind.INTERVIEW_CONFIRMED),
])
def test_an_invite_with_a_weak_interview_word_needs_hiring_context(summary: str, kind: Kind) -> None:
    """(l05: the user's own work meetings - "design review", "team call" - were interviews,
    thanked for to the user's manager)"""
    assert classify(_invite(summary), SETTINGS).kind is kind


def test_a_call_cancelled_in_a_hiring_thread_is_a_cancellation() -> None:
    """(x02: "Elena has to cancel tomorrow's call" was a timeline update)"""
    ev = classify(msg("Re: Harbor Point - Thursday", "Hi Alex,\n\nUnfortunately Elena has to cancel "
                      "tomorrow's call - a regulatory deadline landed on her desk. I'll be in touch "
                      "about rescheduling once her calendar clears.\n\nOwen\n\nOn Tue, Dec 1, 2026 at "
                      "11:15 AM Owen Gallagher <owen@harborpoint.com> wrote:\n> Locking in this Thursday at 10:30am Eastern for your interview with "
                      "Elena Sokolova.", frm="Owen Gallagher <owen@harborpoint.com>",
                      in_reply_to="<o1@harborpoint.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED


@pytest.mark.parametrize(("text", "kind"), [
    # (s07) my thanks through the recruiter after a final round
    ("Hi Maya,\n\nThank you for coordinating everything for today's final round - it ran "
     "perfectly. Could you please pass my thanks on to Ana, Ben and Claire?\n\nAlex", Kind.THANK_YOU),
    # (s18) declining their offer
    ("Hi Maya,\n\nThank you so much for the offer and for the wonderful interview experience. "
     "After a lot of thought, I must respectfully decline.\n\nAlex", Kind.OTHER),
    # (s09) negotiating it: no check-in step
    ("Hi Maya,\n\nThank you for the offer! Before I sign, could we discuss the base salary? Based "
     "on the scope we discussed, I was hoping for something closer to $165k.\n\nAlex", Kind.OTHER),
])
def test_my_mail_about_a_final_round_or_an_offer(text: str, kind: Kind) -> None:
    ev = classify(msg("Re: Staff Engineer - Veridian", text, frm=f"Alex Wong <{ME}>",
                      to="maya@veridian.ai", in_reply_to="<v@veridian.ai>"), SETTINGS)
    assert ev.kind is kind


def test_a_position_filled_but_keep_you_in_mind_is_a_rejection() -> None:
    """(e07: the "but ... keep you in mind" clause defeated it; check-ins went on)"""
    ev = classify(msg("Re: Staff Engineer", "Hi Alex,\n\nWe've filled the Staff Engineer position, "
                      "but we were impressed and would love to keep you in mind for future openings."
                      "\n\nDana", in_reply_to="<a@acme.com>"), SETTINGS)
    assert ev.reply is ReplyKind.REJECTION


def test_being_asked_for_a_reference_is_no_interview() -> None:
    """(l19: a bogus process for the friend's employer)"""
    ev = classify(msg("Reference for Sam Rivera", "Hi Alex,\n\nSam Rivera has listed you as a "
                      "reference for the Analyst role at Acme Financial. Would you have 15 minutes on "
                      "Thursday at 11am ET for a quick phone call?\n\nJane"), SETTINGS)
    assert ev.kind is Kind.OTHER


def test_calendly_rescheduled_takes_the_updated_time() -> None:
    """(c26: "Former: ..." above "Updated: ..." gave the old slot)"""
    ev = classify(msg("Updated: Alex Wong and Pat Doe - Phone screen", "Hi Alex,\n\nYour event has "
                      "been rescheduled.\n\nFormer: 1:00pm - 1:30pm, Monday, November 30, 2026\n"
                      "Updated: 3:00pm - 3:30pm, Tuesday, December 1, 2026\nEastern Time - US & "
                      "Canada", frm="Calendly <notifications@calendly.com>"), SETTINGS)
    assert ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 1, 20, 0, tzinfo=timezone.utc)


def test_a_length_said_of_something_else_is_not_the_interviews() -> None:
    """(c07, c28: "check in 15 minutes early", "the questionnaire ... It takes about 15 minutes")"""
    ev = classify(msg("Interview scheduled - Actuarial Analyst", "Hi Alex,\n\nYour interview is "
                      "confirmed for Monday 12/7 at 9:30am ET at our Hartford office. Please check in "
                      "at the lobby 15 minutes early. Before then, please complete the short "
                      "questionnaire. It takes about 15 minutes.\n\nHannah"), SETTINGS)
    assert ev.interview is not None and ev.interview.end - ev.interview.start == timedelta(hours=1)


def test_a_dotted_european_date_is_a_timeline() -> None:
    """(e09: "you will hear from us by 23.12.2026 at the latest" gave no date)"""
    ev = classify(msg("Re: Interview", "Dear Alex,\n\nThank you for your time. You will hear from us "
                      "by 23.12.2026 at the latest.\n\nKind regards,\nJulia", in_reply_to="<j@x.de>",
                      frm="Julia Hartmann <julia@aurelia-pharma.de>"), SETTINGS)
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == "2026-12-23"


@pytest.mark.parametrize(("text", "names"), [
    ("Hi Alex,\n\nI've booked you with Tom Adeyemi tomorrow at 11am ET for the technical screen "
     "interview.\n\nSofia", ["Tom Adeyemi"]),
    ("Hi Alex,\n\nYour final round interview schedule for Thursday December 3 (all times Eastern):"
     "\n\n09:30 - 10:15   Coding              Ana Ruiz\n10:30 - 11:15   System design       Ben "
     "Ostrowski\n\nIsabelle", ["Ana Ruiz", "Ben Ostrowski"]),
])
def test_interviewers_review18a(text: str, names: list[str]) -> None:
    ev = classify(msg("Interview confirmed", text, frm="Sofia Marin <sofia@veridian.ai>"), SETTINGS)
    assert ev.interview is not None and [a.name for a in ev.interview.interviewers] == names


def test_the_same_day_is_the_quoted_interviews_day() -> None:
    """(review18a c02: "could we push to 4pm the same day? ... I've already updated the invite"
    gave no time: the interview stayed at 1 pm, its thank-you drafted before the real one)"""
    ev = classify(msg("Re: Interview - Operations Analytics Manager", "Hi Alex - small change on our "
                      "side: could we push to 4pm the same day? Raj got pulled into a board prep. I've "
                      "already updated the invite, so if it works just accept it.\n\nInes\n\nOn Mon, "
                      "Nov 30, 2026 at 10:05 AM Ines Carvalho <ines@tidewater.com> wrote:\n> You're "
                      "confirmed for your interview with Raj Patel on Wednesday, Dec 2 at 1:00 PM ET.",
                      frm="Ines Carvalho <ines@tidewater.com>", in_reply_to="<i1@tidewater.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 2, 21, 0, tzinfo=timezone.utc)


def test_an_onsite_with_named_people_at_the_company_of_the_subject() -> None:
    """(review18b: "an onsite with Dinesh Chugtai (...) and Bertram Gilfoyle (...)" thanked the
    recruiter; "Globex Data Engineer - onsite interview" made the company "Globex Data")"""
    ev = classify(msg("Globex Data Engineer - onsite interview", "Hi Alex,\n\nYour second interview, "
                      "an onsite with Dinesh Chugtai (dinesh@globex.com) and Bertram Gilfoyle "
                      "(gilfoyle@globex.com), is confirmed for Thursday, December 3 at 10:00 AM ET at "
                      "our office.\n\nGavin", frm="Gavin Belson <gavin@globex.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.email for a in ev.interview.interviewers] == ["dinesh@globex.com", "gilfoyle@globex.com"]
    assert (ev.interview.company, ev.interview.role) == ("Globex", "Data Engineer")


def test_a_forwarded_managers_yes_about_me_is_my_confirmation() -> None:
    """(review18a c04: the manager's "Can you let the candidate know?", forwarded to me under
    "FW: Alex Wong - HM interview", read as mail to an interviewer: dropped)"""
    m = msg("FW: Alex Wong - HM interview", "Hi Alex,\n\nGood news - see below from Priya, she's "
            "confirmed.\n\nMarcus\n\nFrom: Priya Shah <priya.shah@quarryst.com>\nSent: Wednesday, "
            "December 2, 2026 5:51 PM\nTo: Marcus Bell <marcus.bell@quarryst.com>\nSubject: RE: Alex "
            "Wong - HM interview\n\nTuesday 12/8 at 11 works for me. I'll send a Teams link. Can you "
            "let the candidate know?\n\nPriya Shah", frm="Marcus Bell <marcus.bell@quarryst.com>")
    m = dataclasses.replace(m, to=(Address("Alex Wong", ME),))
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 12, 8, 16, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", [
    "We've decided to move ahead with another candidate for this role.",
    "We'll be moving ahead with other candidates at this time.",
    "Unfortunately, we're not able to move you forward in the process.",
    "The hiring team has decided to close out your candidacy.",
    "Unfortunately, we've decided to go with a candidate who has more direct experience.",
    "We don't think it's the right fit at this time.",
    "We have decided to hire someone whose background is a closer match.",
    "The team has decided to proceed with a candidate whose experience is more closely aligned.",
    "After much deliberation, we've offered the role to someone else.",
    "The headcount has been eliminated and we are closing the search.",
    "We have decided to close the position without filling it.",
    "You're a strong candidate but we've decided to keep looking.",
    "Sadly, it's a no from the team this time.",
    "The team felt other candidates were a stronger match for the role.",
])
def test_everyday_rejections_are_rejections(text: str) -> None:
    """(review19a: 14 of 20 everyday wordings were missed, and check-ins went on after a "no";
    "not able to move you forward" was even read as a next step)"""
    ev = classify(msg("Re: Data Analyst interview", f"Hi Alex,\n\n{text}\n\nBest,\nKate",
                      in_reply_to="<a@b>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, ReplyKind.REJECTION)


@pytest.mark.parametrize("text", [
    "We can't move you forward to the onsite until the take-home is in, so no rush.",
    "We're closing the search by December 18 and will update you then.",
    "We're still hoping to hire someone in January; I'll be in touch next week.",
    "Good news: the team would like to move you forward to the final round.",
])
def test_wordings_near_a_rejection_are_not_one(text: str) -> None:
    ev = classify(msg("Re: Data Analyst interview", f"Hi Alex,\n\n{text}\n\nBest,\nKate",
                      in_reply_to="<a@b>"), SETTINGS)
    assert ev.reply is not ReplyKind.REJECTION


def test_a_rejection_in_a_new_thread_that_thanks_for_my_interest() -> None:
    """(review19a e27: "Thank you for your interest ... decided to move ahead with another
    candidate" was taken for an automatic acknowledgement and ignored)"""
    ev = classify(msg("Hollis & Grant - Associate application update",
                      "Hi Alex,\n\nThank you for your interest in Hollis & Grant and for your time "
                      "with Ben and the team. We've decided to move ahead with another candidate for "
                      "the Associate role.\n\nBest regards,\nHollis & Grant Recruiting",
                      frm="Hollis Grant Recruiting <recruiting@hollisgrant.com>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, ReplyKind.REJECTION)


@pytest.mark.parametrize(("subject", "text", "kind"), [
    ("Thank you - Energy Trading Analyst interviews", "Hi Owen, Mei and Rachel,\n\nThank you all for "
     "spending the morning with me today. I enjoyed the case discussion.\n\nAlex", Kind.THANK_YOU),
    ("Thank you", "Hi Keisha,\n\nMany thanks for having me in today. Meeting the Union Square team "
     "confirmed how much I'd like to join.\n\nAlex", Kind.THANK_YOU),
    ("Great chatting today!", "Hey Elliot,\n\nReally enjoyed our convo today - appreciate you walking "
     "me through the CoderPad problem afterwards.\n\nAlex", Kind.THANK_YOU),
    ("Hello", "Hi Kate,\n\nGreat to connect earlier! Thanks for sharing so much about how the team "
     "works.\n\nAlex", Kind.THANK_YOU),
    ("Re: Pricing Analyst interview", "Hi Gwen,\n\nIs there anything else you need from me as you make "
     "a decision on the Pricing Analyst position?\n\nAlex", Kind.FOLLOW_UP),
    ("Re: Data Analyst interview", "Hi Kate,\n\nIt's been about two weeks since my interview and I "
     "wanted to see if there's been any movement on the Data Analyst role.\n\nAlex", Kind.FOLLOW_UP),
    # review20d #9: short notes right after a call
    ("Thanks!", "Hi Dolores,\n\nThanks for the call just now, I enjoyed it.\n\nAlex", Kind.THANK_YOU),
    ("Great speaking with you", "Hi Dolores,\n\nGreat speaking with you this morning - thanks again!"
     "\n\nAlex", Kind.THANK_YOU),
    # before the interview: an answer to the invitation, no thank-you for an interview
    ("Re: Invitation: Interview: Alex Wong / Ryan Patel", "Hi Ryan,\n\nThank you for the interview "
     "invitation! I've accepted the calendar invite for Friday.\n\nAlex", Kind.OTHER),
])
def test_my_thank_yous_and_check_ins_in_everyday_words(subject: str, text: str, kind: Kind) -> None:
    """(review19a: each of these thank-yous was missed, so a second one was drafted; the check-in
    was missed and another drafted days later; thanks for an invitation counted as a thank-you)"""
    ev = classify(msg(subject, text, frm=f"Alex Wong <{ME}>", to="kate@acmeco.com",
                      in_reply_to="<a@acmeco.com>" if subject.startswith("Re:") else None), SETTINGS)
    assert ev.kind is kind


@pytest.mark.parametrize("subject", [
    "Invitation: Interview - Data Engineer @ Tue Dec 1, 2026 1pm - 2pm (EST) (alex@example.com)",
    "Invitation: Interview - Data Engineer @ Tue 1 Dec 2026 13:00 - 14:00 (EST)",
])
def test_a_google_calendar_subject_date_is_no_company(subject: str) -> None:
    """(review19b: "joining Tue Dec" in every draft)"""
    ev = classify(msg(subject, "Hi Alex,\n\nLooking forward to our Data Engineer interview.\n\nLena",
                      frm="Lena Brooks <lena@harborview.org>"), SETTINGS)
    assert ev.interview is not None and ev.interview.company not in ("Tue Dec", "Tue")


@pytest.mark.parametrize("panel", [
    "Victor Hale (victor.hale@meridianbank.com), Nina Kowalski (nina.kowalski@meridianbank.com) "
    "and Sanjay Rao (sanjay.rao@meridianbank.com).",
    "Victor Hale <victor.hale@meridianbank.com>, Nina Kowalski <nina.kowalski@meridianbank.com> "
    "and Sanjay Rao <sanjay.rao@meridianbank.com>.",
])
def test_a_panel_listed_inline_with_addresses_is_everyone(panel: str) -> None:
    """(review19b: the first address's dots ended the list: one thank-you, to Victor only)"""
    ev = classify(msg("Panel interview confirmed - Software Engineer II",
                      "Hi Alex,\n\nYour panel interview for the Software Engineer II role at Meridian "
                      "Bank is confirmed for Tuesday, December 1 at 9:00 AM ET (90 minutes, video). "
                      f"The panel: {panel}\n\nBest,\nGrace Liu",
                      frm="Grace Liu <grace.liu@meridianbank.com>"), SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [
        ("Victor Hale", "victor.hale@meridianbank.com"),
        ("Nina Kowalski", "nina.kowalski@meridianbank.com"),
        ("Sanjay Rao", "sanjay.rao@meridianbank.com")]


@pytest.mark.parametrize("extra", [
    " We interview several candidates this week and will get back to everyone by Friday.",
    " After the interview, we aim to get back to every candidate within a week of their interview.",
])
def test_a_confirmation_that_speaks_of_other_candidates_is_still_mine(extra: str) -> None:
    """(review19c: read as mail to an interviewer and dropped: no process, no thank-you)"""
    ev = classify(msg("Interview confirmed: Data Analyst at Acme",
                      "Hi Alex,\n\nYour video interview for the Data Analyst role at Acme is confirmed "
                      "for Tuesday, December 1, 2026, 10:00 - 11:00 AM ET with me." + extra +
                      "\n\nBest,\nJane Doe"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


@pytest.mark.parametrize(("subject", "text", "when"), [
    ("Update on your application: Data Analyst at Acme", "Hi Alex,\n\nThe hiring team is still reviewing "
     "candidates and we expect to have an update for you by December 4.\n\nLisa Park", date(2026, 12, 4)),
    ("Data Analyst role at Acme", "Hi Alex,\n\nSorry for the silence. We should have news by "
     "mid-January.\n\nBest,\nJane", date(2027, 1, 15)),
])
def test_a_timeline_update_in_a_new_thread_is_read(subject: str, text: str, when: date) -> None:
    """(review19c: "still reviewing candidates" was taken for an automatic acknowledgement, and
    a subject "Data Analyst role at Acme" named no role: both were ignored and the check-ins,
    the final one too, went out before the employer's date)"""
    ev = classify(msg(subject, text, frm="Lisa Park <lisa@acme.com>"), SETTINGS)
    assert (ev.kind, ev.reply, ev.stated_timeline) == (
        Kind.EMPLOYER_REPLY, ReplyKind.TIMELINE_UPDATE, when)


def test_a_managerial_round_invite_is_an_interview() -> None:
    """(review19a a22: "Alex Wong - Managerial Round - Solutions Architect", the usual name of
    a round at Indian employers, with a Teams invite and no word "interview": never noticed)"""
    ev = classify(msg("Alex Wong - Managerial Round - Solutions Architect",
                      "Hi Alex,\nSending the invite for our managerial round on Wednesday, December 9 "
                      "at 9:00 AM ET. Looking forward to speaking with you.\nRegards, Rohan\n\n"
                      "Microsoft Teams meeting\nJoin on your computer, mobile app or room device",
                      frm="Rohan Mehta <rohan.mehta@tarangsoft.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED


def test_a_schedule_rows_session_is_not_part_of_its_persons_name() -> None:
    """(review19a a19: thank-yous to "Dear Product," for "Product Sense Lisa Ng")"""
    ev = classify(msg("Interview Schedule for Alex Wong - Senior Product Manager",
                      "Hi Alex,\n\nHere is your virtual onsite schedule (Eastern Time):\n\n"
                      "Tuesday, December 15, 2026\n"
                      "1:00 PM - 1:45 PM   Product Sense       Lisa Ng, Group PM\n"
                      "1:45 PM - 2:30 PM   Execution           Victor Alvarez, Director of Product\n"
                      "2:45 PM - 3:30 PM   Leadership          Kim Doyle, VP Product\n\n"
                      "All sessions use the same Zoom link.\n\nOrbital Talent Team",
                      frm="Talent at Orbital <talent@orbitalfreight.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Lisa Ng", "Victor Alvarez", "Kim Doyle"]


def test_locking_this_in_with_a_person_names_the_interviewer() -> None:
    """(review19a a14: the recruiter who wrote it was taken for the interviewer)"""
    ev = classify(msg("Lakeshore Mutual | Senior BI Developer | Interview",
                      "Hi Alex,\n\nLocking this in: Wed, Dec 2nd @ 4:15pm ET with Dwayne Foster "
                      "(Director of Analytics). He'll send a Zoom invite directly.\n\nThanks!\n"
                      "Nadia Brooks | Recruiter | Lakeshore Mutual",
                      frm="Nadia Brooks <nbrooks@lakeshoremutual.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Dwayne Foster"]


def test_same_interviewers_in_brackets_are_read() -> None:
    """(review19a r08: "same interviewers (Karen Li and me)" lost Karen Li)"""
    ev = classify(msg("RE: Interview - Treasury Analyst - moving to Thursday",
                      "Hi Alex,\n\nWe need to move your interview to Thursday, December 3 at the same "
                      "time (11:00 AM ET). Everything else stays the same - same Teams link, same "
                      "interviewers (Karen Li and me).\n\nColin Murphy\nSenior Recruiter, Gateway Bank",
                      frm="Colin Murphy <cmurphy@gatewaybank.com>", in_reply_to="<a@gatewaybank.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Karen Li", "Colin Murphy"]


@pytest.mark.parametrize(("sender", "signature", "company"), [
    ("Tasha Greene <tgreene@greywellins.com>", "Talent Acquisition Partner | Greywell Insurance",
     "Greywell Insurance"),
    ("Siobhan Kelly <siobhan.kelly@kookaburrapay.com.au>", "Head of Data - Kookaburra Payments",
     "Kookaburra Payments"),
])
def test_a_domain_that_cuts_the_companys_last_word_short(sender: str, signature: str,
                                                         company: str) -> None:
    """(review19a a07, a10: the company was unknown and the drafts said "your team")"""
    ev = classify(msg("Phone screen - Claims Analytics Lead",
                      "Hi Alex,\n\nI've scheduled your phone screen with me for Monday, November 30th "
                      f"at 11:30am EST.\n\nBest,\nTasha\n{signature}", frm=sender), SETTINGS)
    assert ev.interview is not None and ev.interview.company == company


def test_a_store_interview_at_the_front_register_is_in_person() -> None:
    """(review19a a21: no type, so the thank-you had no in-person sentence)"""
    ev = classify(msg("You're all set for your interview!",
                      "Hi Alex! It's Olivia from Trailhead Outfitters.\n\nYou're all set for your "
                      "interview for Assistant Store Manager - Union Square.\n\nSat, Dec 5 at 10:00 AM\n"
                      "You'll be meeting with Keisha Morgan, Store Manager\n\nPlease ask for Keisha at "
                      "the front register.", frm="Olivia at Trailhead Outfitters <olivia@paradox.ai>"),
                  SETTINGS)
    assert ev.interview is not None and ev.interview.type is InterviewType.IN_PERSON


def test_a_calendly_phone_screen_names_its_role_and_company() -> None:
    """(review19c s10b: role and company unknown, so the process was named after the subject,
    "confirmed-phone-screen-with-acme")"""
    ev = classify(msg("Confirmed: Phone screen with Acme Talent Team on Wednesday, December 2, 2026",
                      "Hi Alex Wong,\n\nA new event has been scheduled.\n\nEvent Type: Phone screen - "
                      "Support Engineer (30 min)\nInvitee: Alex Wong\nEvent Date/Time: 11:00am - "
                      "11:30am, Wednesday, December 2, 2026 (Eastern Time - US & Canada)\nHost: Acme "
                      "Talent Team\n\nPowered by Calendly", frm="Calendly <no-reply@calendly.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert (ev.interview.company, ev.interview.role) == ("Acme", "Support Engineer")


def test_a_move_names_who_holds_it_and_says_when_no_length_is_stated() -> None:
    """(review19b: "rescheduled to Friday ... with Daniel Kim and Sara Lopez" named the
    recruiter who wrote it; the 60 minutes it guessed replaced the two hours known)"""
    ev = classify(msg("Re: Next round: onsite interview - Software Engineer",
                      "Hi Alex,\n\nApologies, Sara had a conflict come up. Your onsite interview has "
                      "been rescheduled to Friday, December 4 at 1:00 PM ET, same location, with "
                      "Daniel Kim and Sara Lopez.\n\nBest,\nPriya",
                      frm="Priya Nair <priya.nair@quillstone.com>", in_reply_to="<a@quillstone.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Daniel Kim", "Sara Lopez"]
    assert "length-unstated" in [e.rule for e in ev.evidence]


@pytest.mark.parametrize(("text", "user_zone", "expected"), [
    ("We'll let you know by 10/12.", "America/New_York", "2026-12-10"),  # was 2027-10-12
    ("We'll let you know by 4/12.", "America/New_York", "2026-12-04"),  # was 2027-04-12
    ("We'll be in touch by Friday.", "Australia/Sydney", "2026-12-04"),  # already Friday in Sydney
    ("We'll be in touch tomorrow.", "Australia/Sydney", "2026-12-04"),
])
def test_a_london_employers_winter_mail_is_read_on_london_s_calendar(
        text: str, user_zone: str, expected: str) -> None:
    """A +0000 Date from hooli.co.uk was taken for a server's stamp and read in the user's zone
    (review19c #1: the first check-in ten months late, or a week late in Sydney)."""
    m = msg("Re: Interview confirmed: Data Engineer at Hooli", f"Hi Alex,\n\nThank you for your time "
            f"this morning. {text}\n\nKind regards,\nSarah", frm="Sarah Jones <sarah@hooli.co.uk>",
            in_reply_to="<c@hooli.co.uk>")
    m = dataclasses.replace(m, date=datetime(2026, 12, 3, 14, 0, tzinfo=timezone.utc))  # a Thursday
    ev = classify(m, dataclasses.replace(SETTINGS, default_timezone=user_zone))
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == expected


def test_a_london_employers_numeric_interview_date_is_day_first() -> None:
    """(review19c #1: "Friday 4/12 at 10:00" read as Monday 2027-04-12; "Monday 7/12" too)"""
    m = msg("Interview confirmed: Data Engineer at Hooli", "Hi Alex,\n\nYour video interview for the "
            "Data Engineer role at Hooli is confirmed for Monday 7/12 at 10:00, with me.\n\nSarah",
            frm="Sarah Jones <sarah@hooli.co.uk>")
    m = dataclasses.replace(m, date=datetime(2026, 11, 27, 10, 0, tzinfo=timezone.utc))
    ev = classify(m, dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.interview is not None and ev.interview.start.date().isoformat() == "2026-12-07"
    m = dataclasses.replace(m, text=m.text.replace("Monday 7/12", "7/12"))
    ev = classify(m, dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.interview is not None and ev.interview.start.date().isoformat() == "2026-12-07"


@pytest.mark.parametrize(("text", "expected"), [
    # (review19a e32: "get back to all candidates" was no cue: a reply "other", check-in Dec 1)
    ("Thanks for the note! We finished our final interviews yesterday, and we're aiming to get back "
     "to all candidates by December 4th.", "2026-12-04"),
    # (e24: "reach back out" was no cue: a check-in a week later, not in January)
    ("We're pausing hiring for this role until the new year because of a reorganization on our "
     "side. I'll reach back out in mid-January once we know where the role sits.", "2027-01-15"),
    # (e33: "the week after" was dropped: a check-in the day after she was back)
    ("Thank you for your patience! Daniela is traveling until 12/7, so you can expect an update the "
     "week after she's back.", "2026-12-18"),
    # (review19c #3: a month was no unit)
    ("Thank you for your time. We'll be making a decision next month.", "2026-12-31"),
])
def test_a_reply_with_a_timeline_said_another_way_is_a_timeline_update(text: str, expected: str) -> None:
    ev = classify(msg("Re: Data Analyst - next steps", f"Hi Alex,\n\n{text}\n\nBest,\nSunny",
                      frm="Sunny Arora <sunny@brindlecart.com>", in_reply_to="<n@brindlecart.com>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.TIMELINE_UPDATE
    assert ev.stated_timeline is not None and ev.stated_timeline.isoformat() == expected


def test_an_all_day_invite_over_an_itinerary_is_the_itinerarys_span() -> None:
    """(review19a a06: midnight to midnight, so the thank-you came the next morning; "Director
    of Computational Biology" gave an interviewer "Computational Biology")"""
    ics = ("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261209\r\n"
           "DTEND;VALUE=DATE:20261210\r\nORGANIZER;CN=Lauren Pike:mailto:lpike@fernhillbio.com\r\n"
           "ATTENDEE;CN=Alex Wong:mailto:alex@example.org\r\nSUMMARY:Onsite interview - Alex Wong"
           "\r\nUID:f1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    raw = ("From: Lauren Pike <lpike@fernhillbio.com>\r\nTo: alex@example.org\r\n"
           "Subject: Invitation: Onsite interview - Alex Wong @ Wed Dec 9, 2026\r\nDate: Wed, 25 Nov "
           "2026 10:00:00 -0500\r\nMessage-ID: <f1@fernhillbio.com>\r\nMIME-Version: 1.0\r\n"
           "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
           "Onsite interview - Alex Wong\r\nWhen\r\nWednesday Dec 9, 2026\r\n\r\nWhere\r\nFernhill "
           "Biotech, 400 Technology Square, Cambridge, MA\r\n\r\nItinerary (all times Eastern):\r\n"
           "9:30 AM   Arrive at reception, 4th floor\r\n10:00 - 11:00  Dr. Lauren Pike, Director of "
           "Computational Biology\r\n11:00 - 12:00  Sam Ortiz, Senior Scientist\r\n12:00 - 1:00   "
           "Lunch with the team\r\n1:00 - 2:00    Dr. Neil Brandt, VP Research\r\n--b\r\n"
           f"Content-Type: text/calendar; method=REQUEST\r\n\r\n{ics}--b--\r\n")
    from watcher.parse import parse

    ev = classify(parse(raw.encode()), dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert (ev.interview.start.isoformat(), ev.interview.end.isoformat()) == (
        "2026-12-09T09:30:00-05:00", "2026-12-09T14:00:00-05:00")
    assert [a.name for a in ev.interview.interviewers] == ["Dr. Lauren Pike", "Sam Ortiz",
                                                           "Dr. Neil Brandt"]


def test_a_schedule_row_with_several_people_names_each() -> None:
    """(review19a a16: "Case Presentation - Owen Bradley, Mei Tanaka, Rachel Adams" lost Rachel
    Adams, who got no thank-you)"""
    ev = classify(msg("Final Round Interview Confirmation - Energy Trading Analyst",
                      "Hello Alex,\n\nYour onsite schedule is below.\n\nDate: Friday, December 11, 2026"
                      "\n\n9:15 - 10:00 AM  Hiring Manager Interview - Owen Bradley\n10:00 - 10:45 AM "
                      "Technical Interview - Mei Tanaka\n11:00 - 11:45 AM Case Presentation - Owen "
                      "Bradley, Mei Tanaka, Rachel Adams\n\nHalcyon Energy Talent Acquisition",
                      frm="Halcyon Energy <halcyonenergy@myworkday.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Owen Bradley", "Mei Tanaka",
                                                           "Rachel Adams"]


def test_a_french_confirmation_names_its_people_and_its_format() -> None:
    """(review19a a13: no type, and the CTO the candidate meets missing)"""
    ev = classify(msg("Confirmation entretien / interview confirmation - mercredi 2/12",
                      "Bonjour Alex,\n\nJe vous confirme notre entretien le mercredi 2/12 à 17h00, "
                      "heure de Paris. Durée : 1h.\nVous rencontrerez Antoine Dubois (CTO) et "
                      "moi-même. Lien Teams à suivre.\n\nBien cordialement,\nZoë Marchand",
                      frm="Zoë Marchand <zoe.marchand@lumiere-analytics.fr>"), SETTINGS)
    assert ev.interview is not None and ev.interview.type is InterviewType.VIDEO
    assert [a.name for a in ev.interview.interviewers] == ["Antoine Dubois", "Zoë Marchand"]


def test_the_subjects_first_name_is_the_person_the_text_names_in_full() -> None:
    """(review18a c24: "Ketchworks - interview with Priya" over "Priya Natarajan is based in
    London, so ...": the recruiter who wrote it was taken for the interviewer)"""
    ev = classify(msg("Ketchworks - interview with Priya",
                      "Hi Alex,\n\nPriya Natarajan is based in London, so we've set your interview for "
                      "16:00 UK time (11am your time) on Tuesday 8 December. Video call - she'll send a "
                      "Google Meet link.\n\nRuth", frm="Ruth Adler <ruth.adler@ketchworks.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Priya Natarajan"]


def test_a_forwarded_invite_whose_note_moves_it_takes_the_new_time() -> None:
    """(review18a c23: "the invite below still says 2pm but we moved it to 3pm (same day)"
    over the forwarded 2 PM invite: the thank-you was timed from the old hour)"""
    ev = classify(msg("FW: Interview - Alex Wong - Solutions Architect",
                      "Alex - FYI the invite below still says 2pm but we moved it to 3pm (same day) "
                      "because Harold is flying in.\n\nTessa\n\n________________________________\n"
                      "From: Harold Quinn <harold.quinn@wrenfield.com>\nSent: Monday, November 30, "
                      "2026 9:10 AM\nTo: Alex Wong; Tessa Grant\nSubject: Interview - Alex Wong - "
                      "Solutions Architect\nWhen: Wednesday, December 2, 2026 2:00 PM-3:00 PM "
                      "(UTC-05:00) Eastern Time (US & Canada).\nWhere: Microsoft Teams Meeting",
                      frm="Tessa Grant <tessa.grant@wrenfield.com>"), SETTINGS)
    assert ev.interview is not None
    assert ev.interview.start.isoformat() == "2026-12-02T15:00:00-05:00"


def test_an_itinerary_table_under_the_subjects_day_is_the_interview() -> None:
    """(review17a c05: "Your Onsite Interview with Orchard Systems - Tuesday, December 1" over a
    table of sessions with clock times only: the day was never joined to the rows, and the
    onsite was not noticed at all)"""
    raw = ("From: Orchard Systems Recruiting <scheduling@goodtime.io>\r\nTo: alex@example.org\r\n"
           "Subject: Your Onsite Interview with Orchard Systems - Tuesday, December 1\r\n"
           "Date: Tue, 17 Nov 2026 11:20:00 -0500\r\nMessage-ID: <o1@goodtime.io>\r\n"
           "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
           "<p>Hi Alex,</p><p>We're excited to host you for your final round onsite interview for "
           "<b>Senior Backend Engineer</b>! Below is your itinerary.</p><table>"
           "<tr><th>Time (EST)</th><th>Session</th><th>Interviewer</th></tr>"
           "<tr><td>10:00 AM - 10:45 AM</td><td>Coding</td><td>Nadia Farouk</td></tr>"
           "<tr><td>11:00 AM - 11:45 AM</td><td>System Design</td><td>Gabe Lindholm</td></tr>"
           "<tr><td>1:00 PM - 1:45 PM</td><td>Hiring Manager</td><td>Trish Okoye</td></tr>"
           "</table><p>Powered by GoodTime</p>\r\n")
    from watcher.parse import parse

    ev = classify(parse(raw.encode()), dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert (ev.interview.start.isoformat(), ev.interview.end.isoformat()) == (
        "2026-12-01T10:00:00-05:00", "2026-12-01T13:45:00-05:00")
    assert [a.name for a in ev.interview.interviewers] == ["Nadia Farouk", "Gabe Lindholm",
                                                           "Trish Okoye"]


def test_a_job_title_made_of_a_look_alike_phrase_is_the_opening() -> None:
    """"the Account Executive role": a sales title named as the opening is not a sales call."""
    ev = classify(msg("Interview confirmed", "Hi Alex, confirming the interview for the Account Executive "
                      "role on Thursday, December 10 at 1:00 PM ET.", frm="Art Vandelay <art@vandelay.com>"),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED
    ev = classify(msg("Your demo", "Hi Alex, your account executive will walk you through pricing on "
                      "Thursday, December 10 at 1:00 PM ET.", frm="Sales <sales@vendor.com>"), SETTINGS)
    assert ev.kind is Kind.OTHER


@pytest.mark.parametrize(("phrase", "role"), [
    ("the Copywriter role", "Copywriter"), ("the Barista Trainer position", "Barista Trainer"),
    ("the Sous Chef position", "Sous Chef"), ("the Electrician Apprentice position", "Electrician Apprentice"),
    ("the Night Shift Supervisor opening", "Night Shift Supervisor"), ("the Claims Adjuster vacancy", "Claims Adjuster"),
    ("the position of Barista", "Barista"), ("the Remote position", None), ("the Full-Time position", None),
])
def test_an_opening_named_as_such_gives_the_role_whatever_its_words(phrase: str, role: str | None) -> None:
    """review20d #11: "for the Sous Chef position" lost its role (the title needed a word like
    Engineer or Manager), so the thank-you's subject and text said "the role"."""
    ev = classify(msg("Interview confirmation", f"Hi Alex, your video interview for {phrase} at Globex is "
                      "confirmed for Tuesday, December 8 at 2:00 PM ET with me.\n\nBest,\nRita Moreno",
                      frm="Rita Moreno <rita@globex.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED
    assert ev.role == role


@pytest.mark.parametrize(("subject", "text", "frm"), [
    ("Interview confirmed - Physical Therapist", "Confirming your interview on Thursday, December 3 at 2pm at "
     "our Midtown clinic with Dana Cole, our clinic director.\n\nPat\nMotionWorks Physical Therapy", "pat@mw.com"),
    ("Interview confirmed - Dental Hygienist", "Confirming your interview on Thursday, December 3 at 2pm "
     "with Dana Cole.\n\nPat\nBrightsmile Dental", "pat@bsd.com"),
    ("Interview confirmed - Court Clerk", "Confirming your interview on Thursday, December 3 at 2pm with Dana "
     "Cole.\n\nEvelyn Shaw\nSupreme Court of the State of New York", "eshaw@nycourts.gov"),
    ("Interview - Thu 12/3 - Phlebotomist - Eastside Clinic", "Confirming Thursday 12/3 at 2pm at the Eastside "
     "clinic front desk, with Janet Wu, for your interview.", "cm@eastside.com"),
    ("Re: Office Manager position", "You're confirmed for an interview Thursday 12/3 at 2pm at our office "
     "(88 Court St, Brooklyn).", "nina@bsd.com"),
    ("Interview confirmed", "Your interview is confirmed for Thursday, December 3 at 2pm with Diane Kim."
     "\n\nMorgan Ellis\nSummit Legal Staffing", "me@sls.com"),
    ("Interview confirmed - Taproom Manager", "Your interview is confirmed for Thursday, December 3 at 2pm "
     "with Diane Kim at our Open House Brewing taproom.", "me@ohb.com"),
    ("Re: Second interview - RN", "Your second interview is Thursday, December 3 at 2pm with Tom Feeney."
     "\n\nMaria Gonzalez\nSt. Luke's Regional Medical Center", "mg@stlukes.org"),
    ("Interview Confirmation - IT Specialist (APPSW), GS-2210-12", "Your interview with the U.S. Department "
     "of Labor for the IT Specialist (APPSW), GS-2210-12 position is confirmed for Thursday, December 3 at "
     "2pm ET.", "ks@dol.gov"),
])
def test_an_employers_own_name_or_field_is_not_a_look_alike(subject: str, text: str, frm: str) -> None:
    """review20a #1: "Physical Therapist", "Supreme Court" in a signature, "88 Court St", "Summit
    Legal Staffing", "Open House Brewing" read as a medical or legal appointment or a webinar: the
    interview was dropped with no process and no thank-you."""
    ev = classify(msg(subject, f"Hi Alex,\n\n{text}", frm=f"Pat Lee <{frm}>",
                      in_reply_to="<a@b>" if subject.startswith("Re:") else None), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED, explain(ev)


@pytest.mark.parametrize(("subject", "text"), [
    ("Appointment confirmed", "Your appointment with Dr. Lee at Eastside Clinic is confirmed for Thursday, "
     "December 3 at 2pm."),
    ("Court date", "Your hearing at Kings County Supreme Court is scheduled for Thursday, December 3 at 2pm."),
    ("Healthcare Leaders Summit", "Join us for the Healthcare Leaders Summit on Thursday, December 3 at 2pm: "
     "panels on interview skills for nurse managers."),
    ("Spring Open House", "Come to our Spring Open House on Thursday, December 3 at 2pm and interview on the "
     "spot for open roles!"),
    ("Reemployment interview", "Your Reemployment Services interview with the NYS Department of Labor is "
     "scheduled for Thursday, December 3 at 2pm."),
    ("Career Summit Interview Day", "You're invited to the Career Summit Interview Day on Thursday, December 3 "
     "at 2pm. Sign up for an interview slot."),
])
def test_a_clinic_a_court_or_an_event_named_in_capitals_is_still_a_look_alike(subject: str, text: str) -> None:
    ev = classify(msg(subject, f"Hi Alex,\n\n{text}", frm="Front Desk <desk@org.org>"), SETTINGS)
    assert ev.kind is Kind.OTHER, explain(ev)


def test_a_rejection_citing_a_field_of_experience_is_a_rejection() -> None:
    """review20a e17: "more immigration casework experience" made a rejection a legal appointment."""
    ev = classify(msg("Redwood Coast Legal Aid - feedback", "Hi Alex,\n\nI heard back from Redwood Coast Legal "
                      "Aid. They have decided not to proceed with your application - they want someone with "
                      "more immigration casework experience.\n\nMorgan", frm="Morgan Ellis <me@sls.com>"),
                  SETTINGS)
    assert ev.reply is ReplyKind.REJECTION, explain(ev)


@pytest.mark.parametrize("text", [
    "We went another direction for the Riverside store manager spot.",
    "The position for which you interviewed has been filled.",
    "The position you interviewed for has been filled.",
    "We are unable to make you an offer at this time.",
    "Unfortunately, we will not be continuing with your candidacy for this role.",
    "The committee has decided to invite other candidates for campus visits.",
])
def test_more_rejection_wordings(text: str) -> None:
    """review20a #6: each was an ordinary reply, and check-ins went on chasing a closed process."""
    ev = classify(msg("Re: Manager position", f"Hi Alex, thanks for interviewing with us. {text}",
                      frm="Pat Lee <pat@acme.com>", in_reply_to="<a@b>"), SETTINGS)
    assert ev.reply is ReplyKind.REJECTION, explain(ev)


def test_a_rejection_that_thanks_for_the_interest_is_no_acknowledgement() -> None:
    """review20a e04: "Thank you for your interest in" made a search committee's no an ATS
    acknowledgement (other, automatic)."""
    ev = classify(msg("Northfield University - Assistant Professor search", "Dear Dr. Wong,\n\nThank you for "
                      "your interest in the Assistant Professor position and for the time you spent with the "
                      "committee. The committee has completed its review of first-round interviews and has "
                      "decided to invite other candidates for campus visits.\n\nHelen Marsh",
                      frm="Helen Marsh <hmarsh@cs.northfield.edu>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION, explain(ev)
    ev = classify(msg("Your application", "Dear Alex,\n\nThank you for your interest in the Assistant "
                      "Professor position. We will invite other candidates' references next.",
                      frm="Helen Marsh <hmarsh@cs.northfield.edu>"), SETTINGS)
    assert ev.reply is not ReplyKind.REJECTION


def test_a_school_board_approving_the_appointment_is_an_offer() -> None:
    """review20a e10: "the Board of Education approved your appointment as Grade 7 Math Teacher"
    was other, and check-ins went on after the hire."""
    ev = classify(msg("Good news!", "Dear Alex,\n\nI'm delighted to let you know that the Board of Education "
                      "approved your appointment as Grade 7 Math Teacher at Monday night's meeting. "
                      "Congratulations!\n\nDr. Susan Park", frm="Susan Park <spark@maplewood.k12.nj.us>"),
                  SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.OFFER, explain(ev)


def test_a_search_paused_after_the_interview_calls_the_role_off() -> None:
    """review20a e22: "asked us to pause the Program Director search ... revisit it in the spring"
    was other, so check-ins chased a role on hold (the spec: cancelled, no check-ins)."""
    ev = classify(msg("Program Director search", "Hi Alex,\n\nI wanted to let you know that our board has "
                      "asked us to pause the Program Director search while we finalize next year's budget. "
                      "We expect to revisit it in the spring.\n\nI'm sorry to bring this news after your "
                      "thoughtful interview.\n\nGrace", frm="Grace O <grace@brightpath.org>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CANCELLED, explain(ev)


@pytest.mark.parametrize(("subject", "text", "frm", "when"), [
    ("RE: Interview follow-up", "Thank you for your message. Selections are expected to be made by January 15, "
     "2027.", "Pat Nguyen <pat.nguyen@gsa.gov>", date(2027, 1, 15)),
    ("Re: Staff Accountant - Coastal Dental", "Still waiting on the Controller, should know more by Tues.",
     "Nick Farrell <nick@apexstaffing.com>", date(2026, 12, 1)),
    ("RE: References", "Hi Alex,\n\nThanks for sending these over. I have calls scheduled with Dan on "
     "Thursday at 11. Once those are done I'll be in touch early next week.\n\nDana",
     "Dana Whitaker <dana@ridgeline.com>", date(2026, 12, 1)),
])
def test_a_stated_timeline_in_other_words(subject: str, text: str, frm: str, when: date) -> None:
    """review20a #7: "Selections are expected to be made by January 15", "should know more by
    Tues" and a references thread's "I'll be in touch early next week" gave no date (the last
    was no employer reply at all), so the check-in came before the promised date."""
    ev = classify(msg(subject, text, frm=frm, in_reply_to="<a@b>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.stated_timeline == when, explain(ev)


def test_a_reference_asked_of_me_for_someone_else_is_still_not_my_process() -> None:
    ev = classify(msg("RE: Reference for Sam Rivera", "Hi Alex, Sam Rivera listed you as a reference. Could "
                      "we talk on Thursday at 11? I'll be in touch early next week otherwise.",
                      frm="Dana Whitaker <dana@ridgeline.com>", in_reply_to="<a@b>"), SETTINGS)
    assert ev.kind is Kind.OTHER, explain(ev)


@pytest.mark.parametrize(("subject", "text", "kind"), [
    ("Re: Interview confirmed - Shift Supervisor", "Hi Tasha - any word from Lakeside? Thx", Kind.FOLLOW_UP),
    ("Re: Interview confirmed - Shift Supervisor", "Hi Tasha, have you heard anything back from Lakeside?",
     Kind.FOLLOW_UP),
    ("Thank you - Grade 7 Math interview", "Dear Dr. Park,\n\nThank you, and please extend my thanks to Mr. "
     "O'Neill and Ms. Dubois, for the opportunity to interview and to teach the demonstration lesson "
     "yesterday.\n\nAlex", Kind.THANK_YOU),
    ("Vielen Dank für das Gespräch", "Sehr geehrter Herr Becker,\n\nvielen Dank für das angenehme Gespräch "
     "heute Vormittag. Die Stelle als Supply Chain Analyst reizt mich sehr.\n\nAlex Wong", Kind.THANK_YOU),
])
def test_my_own_check_in_or_thank_you_in_other_words(subject: str, text: str, kind: Kind) -> None:
    """review20a #9: each was other, so the watcher drafted a second check-in or thank-you."""
    ev = classify(msg(subject, text, frm=f"Alex Wong <{ME}>", to="treid@agency.com"), SETTINGS)
    assert ev.kind is kind, explain(ev)


@pytest.mark.parametrize(("subject", "text", "frm"), [
    ("Re: Nanny position - could you come by Saturday?", "Hi Alex,\n\nSaturday at 10 works for me! See you then. "
     "Thank you for the opportunity to interview with your family.\n\nRosa", "Rosa M <rosa.m@gmail.com>"),
    ("Search committee - finalist interviews Tuesday", "Hi all,\n\nThank you again for serving on the search "
     "committee for the Clinic Operations Director. Finalist interviews are Tuesday, December 8 at 2:00 PM in "
     "the boardroom. Please review the two candidates' files before then and bring your scoring rubric.\n\n"
     "Fatima", "Fatima Rahman <fr@bronxhealth.org>"),
])
def test_the_user_on_the_interviewers_side_in_other_words(subject: str, text: str, frm: str) -> None:
    """review20a #10: a nanny candidate's "works for me ... thank you for the opportunity to
    interview with your family" and a search committee's note were the user's interviews,
    and a thank-you was drafted to the candidate and to a colleague."""
    ev = classify(msg(subject, text, frm=frm, in_reply_to="<a@b>" if subject.startswith("Re:") else None),
                  SETTINGS)
    assert ev.kind is Kind.OTHER, explain(ev)


def test_a_rejection_naming_other_candidates_strengths_is_still_mine() -> None:
    ev = classify(msg("Your application", "Dear Alex, thank you for interviewing with us. We regret to inform "
                      "you that the other candidates' experience was a closer match.", frm="Pat <pat@acme.com>"),
                  SETTINGS)
    assert ev.reply is ReplyKind.REJECTION, explain(ev)


@pytest.mark.parametrize(("text", "kind", "reply"), [
    ("Thanks for coming by yesterday. When can you come in this week for a second interview?",
     Kind.INTERVIEW_REQUESTED, None),
    ("Rick loved you. They want you back for a second interview with their GM, Carla Ostrowski. I'm working "
     "on times with them now.", Kind.EMPLOYER_REPLY, ReplyKind.NEXT_STEP),
    ("The committee was very impressed, and we are recommending you for a final interview with the "
     "Superintendent. Our HR office will contact you to schedule it.", Kind.EMPLOYER_REPLY, ReplyKind.NEXT_STEP),
])
def test_a_further_round_asked_for_in_other_words(text: str, kind: Kind, reply: ReplyKind | None) -> None:
    """review20a #11: each was an ordinary reply, so check-ins went out while the next move
    was the user's."""
    ev = classify(msg("Re: FOH Manager", f"Hi Alex,\n\n{text}\n\nTasha", frm="Tasha Reid <treid@agency.com>",
                      in_reply_to="<a@b>"), SETTINGS)
    assert ev.kind is kind and (reply is None or ev.reply is reply), explain(ev)


@pytest.mark.parametrize(("text", "kind"), [
    ("your interview with Dana Cole at the clinic for the Medical Assistant position is confirmed for "
     "Thursday, December 3 at 2pm. See you then!", Kind.INTERVIEW_CONFIRMED),
    ("confirming your interview for the unit clerk job on Thursday, December 3 at 2pm at the hospital's east "
     "wing with Dana Cole.", Kind.INTERVIEW_CONFIRMED),
    # review21a: a look-alike word and no word of a job: a patient's, a court's own interview
    ("your phone interview with a pre-op nurse at the hospital is confirmed for Thursday 12/3 at 3pm.", Kind.OTHER),
    ("your mediation interview at the court is confirmed for Thursday 12/3 at 3pm.", Kind.OTHER),
    ("your intake interview at the clinic is confirmed for Thursday 12/3 at 0730.", Kind.OTHER),
    ("your phone interview with the Department of Labor is confirmed for Thursday 12/3 at 3p.", Kind.OTHER),
    ("your appointment at the clinic is confirmed for Thursday, December 3 at 2pm. See you then!", Kind.OTHER),
    ("your visa interview at the consulate is confirmed for Thursday, December 3 at 2pm.", Kind.OTHER),
    ("your phone screening interview for the sleep study is scheduled for Thursday, December 3 at 2pm; "
     "we will ask about your medical history.", Kind.OTHER),
])
def test_a_confirmed_interview_of_mine_is_not_dropped_for_a_clinic_word(text: str, kind: Kind) -> None:
    """A clinic's or a hospital's own job interview ("your interview with Dana Cole at the clinic
    for the Medical Assistant position") was a medical appointment; the user's appointment, a
    visa interview, a study's screening, and any interview at a clinic or court that names no job
    (review21a: "your intake interview at the clinic") stay other."""
    ev = classify(msg("Confirmation", f"Hi Alex, {text}", frm="Pat Lee <pat@eastside.org>"), SETTINGS)
    assert ev.kind is kind, explain(ev)


_TOKYO = dataclasses.replace(SETTINGS, default_timezone="Asia/Tokyo")
_JAN7_PT = datetime(2027, 1, 7, 10, 0, tzinfo=timezone(timedelta(hours=-8)))


@pytest.mark.parametrize("when", [
    "is confirmed for Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday 10:00 AM in Tokyo)",
    "is confirmed for Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday, January 15, 10:00 - 11:00 AM JST)",
    "is on Thursday, January 14, 2027 at 5:00 - 6:00 PM PT (10:00 AM Friday your time)",
])
def test_the_candidates_own_time_in_brackets_does_not_move_the_interview(when: str) -> None:
    """(review20d #3: a Tokyo user's invite "Thursday, January 14, 2027, 5:00 - 6:00 PM PT (Friday
    10:00 AM in Tokyo)" was booked Friday January 8, and the thank-you said "today" six days early;
    with "(Friday, January 15, ... JST)" it was a day late; "is on ... (10:00 AM Friday your time)"
    read as two days offered, a request)"""
    m = dataclasses.replace(msg("Localization Manager video interview", f"Hi Alex,\n\nYour video interview for "
                                f"the Localization Manager role {when} on Zoom.\n\nMilton Waddams",
                                frm="Milton Waddams <milton@initechwest.com>"), date=_JAN7_PT)
    ev = classify(m, _TOKYO)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert (ev.interview.start.isoformat(), ev.interview.end.isoformat()) == (
        "2027-01-14T17:00:00-08:00", "2027-01-14T18:00:00-08:00")


def test_a_second_time_offered_in_brackets_stays_a_choice() -> None:
    """("Thursday, January 14, 2:00 PM ET (or Friday at 10:00 AM ET)": the Friday after the
    Thursday, not the one after the mail; two slots, not one time in two zones)"""
    m = dataclasses.replace(msg("Interview - Data Analyst", "Hi Alex,\n\nWe'd like to invite you to a video "
                                "interview for the Data Analyst role. Would Thursday, January 14, 2027 at 2:00 PM "
                                "ET (or Friday at 10:00 AM ET) work for you?\n\nJane"), date=_JAN7_PT)
    ev = classify(m, _TOKYO)
    assert ev.kind is Kind.INTERVIEW_REQUESTED
    assert [e.rule for e in ev.evidence if e.rule.startswith("offered-slot@")] == [
        "offered-slot@2027-01-14T14:00:00-05:00/2027-01-14T15:00:00-05:00",
        "offered-slot@2027-01-15T10:00:00-05:00/2027-01-15T11:00:00-05:00"]


@pytest.mark.parametrize(("text", "start"), [
    ("Let's do Monday the 30th at half past two for the interview.", "2026-11-30T14:30:00-05:00"),
    ("Locking in 3p ET tomorrow for your phone interview.", "2026-11-27T15:00:00-05:00"),
    ("Your second interview is a 4-hour shadow. Please report to 5 West at 0730 on Tuesday 12/8 and ask "
     "for Tom Feeney. We should wrap up by 1130.", "2026-12-08T07:30:00-05:00"),
])
def test_a_spoken_a_one_letter_or_a_24_hour_time_books_the_interview(text: str, start: str) -> None:
    """review20a §5: with "half past two", "3p ET" or "at 0730" the confirmation was no
    interview at all: no process, no thank-you."""
    ev = classify(msg("Re: Interview - Ops Manager", text, frm="Jordan Lee <jordan@fernwood.com>",
                      in_reply_to="<a@x>"), dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start.isoformat() == start


def test_an_itinerary_under_an_all_times_heading_goes_on_after_lunch() -> None:
    """review20a §4: "(all times Central)" after the day was ignored (8:00 ET, not CT), and the
    visit ended at the 12:00 lunch row, so the thank-you fell due in the middle of the job talk."""
    text = ("Your itinerary for Thursday, December 10 (all times Central):\n\n"
            "8:00 - 9:00    Breakfast with Helen Marsh (search chair)\n"
            "9:00 - 10:00   Meeting with Dean Patricia Olsen\n"
            "10:30 - 11:30  Research meetings with faculty\n"
            "12:00 - 1:00   Lunch with graduate students\n"
            "2:00 - 3:00    Job talk (Room 120, Kirby Hall)\n"
            "3:30 - 4:30    Teaching demonstration\n"
            "4:30 - 5:00    Exit meeting with the Department Chair, Robert Kline\n\n"
            "Dinner with the committee follows at 6:30 PM.\n")
    ev = classify(msg("Campus visit itinerary", "We are delighted that you will visit for an on-campus interview. "
                      + text, frm="Helen Marsh <hmarsh@cs.northfield.edu>"),
                  dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert (ev.interview.start.isoformat(), ev.interview.end.isoformat()) == (
        "2026-12-10T08:00:00-06:00", "2026-12-10T17:00:00-06:00")
    # a lunch that ends the day is no interview: the sitting ends with the row before it
    ev = classify(msg("Onsite schedule", "Your onsite interview schedule for Thursday, December 10:\n\n"
                      "10:00 - 10:45 AM Technical Interview - Mei Tanaka\n"
                      "11:00 - 11:45 AM Case Presentation - Owen Bradley\n"
                      "11:45 AM - 12:30 PM Lunch with the team\n"), SETTINGS)
    assert ev.interview is not None and ev.interview.end.isoformat() == "2026-12-10T11:45:00-05:00"


@pytest.mark.parametrize("new", [
    "I've gone ahead and moved the invite to Friday 12/4 at the same time - just shout if that doesn't work.",
    "I've moved your interview to Friday 12/4, same time.",
])
def test_a_move_to_a_new_day_at_the_same_time_takes_the_quoted_time(new: str) -> None:
    """review20a §3: "moved the invite to Friday 12/4 at the same time" over the quoted Wed 12/2
    1:30 PM confirmation had no time at all, so the thank-you came on Wednesday, two days early."""
    text = (f"Hi Alex - {new}\n\nOwen\n\nOn Mon, Nov 30, 2026 at 9:02 AM Owen Brandt <owen@tidewater.com> wrote:\n"
            "> Hi Alex,\n>\n> Confirming your interview for the Category Buyer role on Wednesday, December 2 at "
            "1:30 PM ET at our Norfolk office.\n")
    m = dataclasses.replace(msg("Re: Interview confirmed - Category Buyer", text, frm="Owen Brandt <owen@tidewater.com>",
                                in_reply_to="<o1@x>"), date=datetime(2026, 12, 1, 8, 15, tzinfo=timezone(timedelta(hours=-5))))
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start.isoformat() == "2026-12-04T13:30:00-05:00"
    # "interviewing others at the same time" names no day: no time from the thread
    m = dataclasses.replace(m, text=text.replace(new, "We're interviewing others at the same time and will decide soon."))
    assert classify(m, SETTINGS).interview is None


@pytest.mark.parametrize("text", [
    "Alex so sorry - roaster broke down, need to push our 3pm today. Can you do same time Thursday instead?",
    "Hi Alex, sorry, we need to push our 10:30am tomorrow. Could you send me a few new times?",
])
def test_a_clock_time_named_as_the_meeting_is_the_interview_to_move(text: str) -> None:
    """review20a §3: "need to push our 3pm today" was an employer reply (a clock time as the
    meeting's name was no meeting), so the 3pm interview stayed booked and was thanked for."""
    ev = classify(msg("Re: Ops Manager role", text, frm="Jordan Lee <jordan@fernwood.com>", in_reply_to="<a@x>"),
                  SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is None
    assert any(e.rule == "moves-the-round" for e in ev.evidence)


def test_the_time_a_mail_pushes_is_not_the_new_one() -> None:
    """"reschedule our 3pm today" asks for a new time (the 3pm was its proposal, so a "sure"
    booked the old slot again); "push our 3pm today to Thursday at 3pm" moves it there."""
    ev = classify(msg("Re: Ops Manager role", "Sorry Alex, can we reschedule our 3pm today? Something came up.",
                      frm="Jordan Lee <jordan@fernwood.com>", in_reply_to="<a@x>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is None
    assert any(e.rule == "moves-the-round" for e in ev.evidence)
    ev = classify(msg("Re: Ops Manager role", "Sorry Alex, need to push our 3pm today to Monday at 3pm, same Zoom.",
                      frm="Jordan Lee <jordan@fernwood.com>", in_reply_to="<a@x>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert ev.interview.start == datetime(2026, 11, 30, 15, 0, tzinfo=DATE.tzinfo)


_PANEL = [("J. R. Smith", "jr.smith"), ("Priya", "priya"), ("Siobhán Ní Bhriain", "siobhan"), ("Sam Rivera", "sam.rivera")]


@pytest.mark.parametrize("layout", ["list", "sentence"])
def test_panel_members_with_initials_or_one_name_are_interviewers(layout: str) -> None:
    """review20d #2: "J. R. Smith (jr.smith@...)" and "Priya (priya@...)" were dropped; in one
    sentence the coordinator who sent it became the only interviewer."""
    people = [f"{n} ({e}@umbrella.com)" for n, e in _PANEL]
    said = ("You'll meet a panel:\n\n" + "\n".join(f"- {p}, Engineer" for p in people) if layout == "list"
            else f"You'll meet {', '.join(people[:3])} and {people[3]}.")
    ev = classify(msg("Onsite interview: Platform Engineer", "Hi Alex,\n\nYour onsite interview is confirmed for "
                      f"Thursday, December 10, 9:00 AM - 1:00 PM ET at our office. {said}\n\nBest,\nInes Duarte",
                      frm="Ines Duarte <ines.duarte@umbrella.com>"), SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [(n, f"{e}@umbrella.com") for n, e in _PANEL]
    ev = classify(msg("Onsite interview", "Hi Alex,\n\nYour onsite interview is confirmed for Thursday, December 10, "
                      "9:00 AM - 1:00 PM ET. You'll meet jr (jr@umbrella.com), mo (m.o@umbrella.com), and our "
                      "founders.\n\nBest,\nInes Duarte", frm="Ines Duarte <ines.duarte@umbrella.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.email for a in ev.interview.interviewers] == ["jr@umbrella.com", "m.o@umbrella.com"]


@pytest.mark.parametrize("agency", ["hays.com", "roberthalf.com", "randstad.com", "michaelpage.com", "teksystems.com",
                                    "insightglobal.com", "adecco.com", "kforce.com", "aerotek.com", "acmetalent.com"])
def test_an_agency_arranges_the_interview_the_client_is_the_company(agency: str) -> None:
    """review20d #1: through Hays or Robert Half the drafts said "joining Hays", and "Acme Foods
    would like to interview you" made Acme Foods an interviewer."""
    ev = classify(msg("Interview confirmed - Food Safety Manager", "Hi Alex,\n\nGreat news! Acme Foods would like to "
                      "interview you for the Food Safety Manager role. Your phone interview with Kwame Mensah "
                      "(kwame.mensah@acmefoods.com), their Head of Quality, is confirmed for Tuesday, December 8 at "
                      "2:00 PM ET.\n\nKind regards,\nOlivia Grant\nSenior Consultant", frm=f"Olivia Grant <olivia@{agency}>"),
                  SETTINGS)
    assert ev.interview is not None and ev.company == "Acme Foods"
    assert [a.name for a in ev.interview.interviewers] == ["Kwame Mensah"]


def test_the_client_named_without_an_address_is_no_interviewer() -> None:
    """review20d #1 (s28): "I enjoyed meeting White Goodman and Globo Gym", "joining Robert Half"."""
    ev = classify(msg("Interview confirmed - Operations Manager with Globo Gym", "Hi Alex,\n\nGreat news! Globo Gym "
                      "would like to interview you for the Operations Manager role. Your onsite interview with White "
                      "Goodman, their CEO, is confirmed for Tuesday, December 8 at 2:00 PM ET for one hour.\n\nKind "
                      "regards,\nSam Ortiz\nSenior Recruiter, Robert Half", frm="Sam Ortiz <sam.ortiz@roberthalf.com>"),
                  SETTINGS)
    assert ev.interview is not None and ev.company == "Globo Gym"
    assert [a.name for a in ev.interview.interviewers] == ["White Goodman"]
    ev = classify(msg("Phone interview", "Hi Alex,\n\nMy client would like to interview you for the Controller role: "
                      "a phone interview with me on Tuesday, December 8 at 2:00 PM ET.\n\nBest,\nAna Ruiz\nTEKsystems",
                      frm="Ana Ruiz <aruiz@teksystems.com>"), SETTINGS)
    assert ev.interview is not None and ev.company is None  # never "joining TEKsystems"
    ev = classify(msg("Interview confirmed", "Hi Alex,\n\nYour video interview is confirmed for Tuesday, December 8 at "
                      "2:00 PM ET with Sam Patel (sam@sampatel.com) and Jane Roe (jane@acme.com).\n\nBest,\nRita",
                      frm="Rita Moreno <rita@acme.com>"), SETTINGS)
    assert ev.interview is not None  # a person at a domain of their own name stays a person
    assert [a.name for a in ev.interview.interviewers] == ["Sam Patel", "Jane Roe"]


@pytest.mark.parametrize("frm", ["careers@stark.com", "Stark Careers <careers@stark.com>"])
def test_the_sender_who_holds_the_interview_is_named_by_their_signature(frm: str) -> None:
    """review20d #7: careers@stark.com with no display name, "a phone interview with me" signed
    Marguerite Chen: the thank-you said "Hello," while the check-ins said "Dear Marguerite,"."""
    ev = classify(msg("Your interview with Stark Industries", "Hello Alex,\n\nI'd like to confirm a phone interview "
                      "with me on Tuesday, December 8 at 4:00 PM ET.\n\nRegards,\nMarguerite Chen\nTalent Partner",
                      frm=frm), SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [("Marguerite Chen", "careers@stark.com")]


@pytest.mark.parametrize(("said", "names"), [
    ("Panel members:\nGregory Hines, Supervisory IT Specialist\nAnita Desai, IT Specialist\nMarcus Webb, IT Specialist",
     ["Gregory Hines", "Anita Desai", "Marcus Webb"]),
    ("Interview Committee:\nDr. Susan Park, Principal\nMr. James O'Neill, Mathematics Department Chair\n"
     "Ms. Renee Dubois, Assistant Principal", ["Dr. Susan Park", "James O'Neill", "Renee Dubois"]),
    ("The committee members joining are Helen Marsh (chair), Rajesh Iyer, Carolyn Beck and Samuel Ortiz.",
     ["Helen Marsh", "Rajesh Iyer", "Carolyn Beck", "Samuel Ortiz"]),
    ("You're all set via Zoom with Kevin Marsh, our Regional Director.", ["Kevin Marsh"]),
    ("You're booked for the 10am Thursday slot w/ Hannah Greer (Controller).", ["Hannah Greer"]),
    ("This confirms your video interview at 10 am (4 pm in Berlin) with Jonas Becker and myself.",
     ["Jonas Becker", "Rita Moreno"]),
    ("Gesprächspartner sind Herr Jonas Becker (Teamleiter Supply Chain) und ich.", ["Jonas Becker", "Rita Moreno"]),
    ("Our Executive Director, Howard Lyle, will join me for the interview.", ["Howard Lyle", "Rita Moreno"]),
    ("It's the phone interview w/ me + our COO Sam Patel.", ["Sam Patel", "Rita Moreno"]),
])
def test_interviewers_named_after_other_lead_ins(said: str, names: list[str]) -> None:
    """review20a §8: committee lists, "all set ... with", "w/", "will join me", German: the
    interviewers were missed and the sender (an HR office, a recruiter) thanked instead."""
    ev = classify(msg("Interview confirmed", "Hi Alex,\n\nYour interview is confirmed for Thursday, December 10 at "
                      f"10:00 AM ET.\n\n{said}\n\nBest,\nRita Moreno", frm="Rita Moreno <rita@globex.com>"), SETTINGS)
    assert ev.interview is not None
    assert sorted(a.name for a in ev.interview.interviewers) == sorted(names)
    assert len(names) < 3 or ev.interview.type is InterviewType.PANEL


def test_schedule_rows_name_people_after_their_title() -> None:
    """review20a c22: "Meeting with Dean Patricia Olsen", "Exit meeting with the Department Chair,
    Robert Kline": "Dean" is no part of a name, and a name after its title's comma counts."""
    ev = classify(msg("Campus visit itinerary", "Dear Alex,\n\nThe itinerary of your on-campus interview, Thursday, "
                      "December 10 (all times Eastern):\n\n9:00 - 10:00   Meeting with Dean Patricia Olsen\n10:30 - 11:30  Job talk (Room 120, "
                      "Kirby Hall)\n4:30 - 5:00    Exit meeting with the Department Chair, Robert Kline\n\nBest,\nHelen",
                      frm="Helen Marsh <hmarsh@cs.northfield.edu>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Patricia Olsen", "Robert Kline"]


def test_an_agency_names_its_client_in_brackets_after_the_role() -> None:
    """review20a c19: "Staff Accountant (Coastal Dental Partners)" from a staffing firm gave the
    role "Coastal Dental Partners" and no company."""
    ev = classify(msg("Re: Interview times - Staff Accountant (Coastal Dental Partners)", "Done - you're booked for "
                      "Thursday, December 10 at 10am w/ Hannah Greer (Controller).",
                      frm="Nick Farrell <nick.farrell@apexfinancestaffing.com>"), SETTINGS)
    assert ev.interview is not None
    assert (ev.role, ev.company) == ("Staff Accountant", "Coastal Dental Partners")
    ev = classify(msg("Interview confirmed - Lindqvist Insurance - Head of Analytics", "Hi Alex,\n\nGreat news - "
                      "Lindqvist are keen to meet you! I can confirm your interview on Thursday, December 10 at 14:00 "
                      "GMT with Sarah Bell.\n\nCharlotte Finch | Senior Consultant\nKite & Key Recruitment | "
                      "www.kiteandkey.co.uk", frm="Charlotte Finch <charlotte.finch@kiteandkey.co.uk>"), SETTINGS)
    assert ev.interview is not None and ev.company == "Lindqvist Insurance"  # (17a c10: "Kite & Key")


@pytest.mark.parametrize(("subject", "role"), [
    ("Interview confirmed - Shift Supervisor at Lakeside Distribution", "Shift Supervisor"),
    ("Interview - Alex Wong - Nurse Educator", "Nurse Educator"),
    ("Phone Screen - Member Services Supervisor", "Member Services Supervisor"),
    ("Northfield University - Assistant Professor search - first-round interview", "Assistant Professor"),
    ("Interview confirmed - Pharmacy Technician", "Pharmacy Technician"),
])
def test_a_subject_names_the_role_in_everyday_titles(subject: str, role: str) -> None:
    """review20a §12: supervisors and educators had no role (a title had to end in a word like
    Engineer or Manager), so the thank-you said "the role"."""
    ev = classify(msg(subject, "Hi Alex,\n\nI would like to confirm a phone interview with you on Friday, December 4 "
                      "at 12 noon ET.\n\nSheila Dunbar", frm="Sheila Dunbar <sdunbar@keystonefcu.org>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.role == role


def test_interviewers_named_after_a_title_and_a_comma_with_the_booking() -> None:
    """review20d probe_phantom: "... confirmed for ... with our CTO, Hank Scorpio, and Engineering
    Manager Lisa Simpson" named nobody, so the recruiter who wrote it was thanked."""
    ev = classify(msg("Interview - Data Engineer at Globex", "Hi Alex,\n\nYour video interview for the Data Engineer role "
                      "is confirmed for Tuesday, December 8 at 2:00 PM ET with our CTO, Hank Scorpio, and Engineering "
                      "Manager Lisa Simpson.\n\nBest,\nRita Moreno\nRecruiter, Globex", frm="Rita Moreno <rita@globex.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Hank Scorpio", "Lisa Simpson"]


def test_interviewers_over_lines_of_a_table_cell_or_a_wrapped_sentence() -> None:
    """17a c01 (an Ashby table cell of two lines), 18a c13 ("with Fiona\\nHale (Head of Quant
    Research)", a hard-wrapped line): the second interviewer was missed."""
    ev = classify(msg("Interview Confirmed: Platform Engineer at Fernhill", "Your interview is confirmed.\n\nWhen | Monday, "
                      "December 7, 2026\n11:00 AM – 11:45 AM EST |\n\nInterviewers | Hannah Osei · Staff Software Engineer\n"
                      "Luis Romero · Engineering Manager, Infrastructure |\n\nSent via Ashby",
                      frm="Fernhill Recruiting <no-reply@ashbyhq.com>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Hannah Osei", "Luis Romero"]
    ev = classify(msg("Interview - Ashdown Partners", "Hi Alex,\n\nThanks for your patience. I can confirm your interview "
                      "on Wednesday December 9 at 10:00 GMT with Fiona\nHale (Head of Quant Research). It'll be a video "
                      "call.\n\nKind regards,\nOliver", frm="Oliver Grant <oliver.grant@ashdownpartners.co.uk>"), SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == ["Fiona Hale"]
    assert ev.role is None  # (not "Ashdown Partners", the firm's name)


def test_the_role_from_a_table_row() -> None:
    """18a c20: a Greenhouse reminder's table row "Position | Clinical Data Analyst" gave no role."""
    ev = classify(msg("Reminder: Your interview is tomorrow", "Hi Alex,\n\nA reminder about your upcoming interview.\n\n"
                      "Position | Clinical Data Analyst |\n\nDate | Monday, December 7, 2026 |\n\nTime | 11:00 AM - 12:00 "
                      "PM EST |\n\nInterviewer | Laura Chen |", frm="Bramble Health <no-reply@bramblehealth.greenhouse.io>"),
                  SETTINGS)
    assert ev.interview is not None and ev.role == "Clinical Data Analyst"


def test_an_interviewer_field_in_a_table_with_a_colon() -> None:
    """20a c21: "Interviewing with: | Diane Kim, Managing Attorney |" (a Bullhorn table) gave the
    client company as an interviewer, and without it the agency's recruiter."""
    ev = classify(msg("Interview Confirmation: Paralegal - Redwood Coast Legal Aid", "Hi Alex,\n\nCongratulations! Redwood "
                      "Coast Legal Aid would like to interview you for the Paralegal position.\n\nDate: | Tuesday, "
                      "December 8, 2026 |\n\nTime: | 9:30 AM Pacific |\n\nInterviewing with: | Diane Kim, Managing "
                      "Attorney |\n\nMorgan Ellis\nSummit Legal Staffing", frm="Morgan Ellis <mellis@summitlegalstaffing.com>"),
                  SETTINGS)
    assert ev.interview is not None and ev.company == "Redwood Coast Legal Aid"
    assert [a.name for a in ev.interview.interviewers] == ["Diane Kim"]


def test_an_agency_not_known_by_name_is_told_by_its_client() -> None:
    """review20d #1: a small agency's domain says nothing ("brightpath.co"): "Acme Foods would
    like to interview you" beside kwame@acmefoods.com, or "my client", names the employer."""
    text = ("Hi Alex,\n\nGreat news! Acme Foods would like to interview you for the Food Safety Manager role. Your phone "
            "interview with Kwame Mensah (kwame.mensah@acmefoods.com) is confirmed for Tuesday, December 8 at 2:00 PM "
            "ET.\n\nKind regards,\nOlivia Grant")
    ev = classify(msg("Interview confirmed", text, frm="Olivia Grant <olivia@brightpath.co>"), SETTINGS)
    assert ev.interview is not None and ev.company == "Acme Foods"
    ev = classify(msg("Interview confirmed", text.replace("Acme Foods would", "My client, Acme Foods, would").replace(
        " (kwame.mensah@acmefoods.com)", ""), frm="Olivia Grant <olivia@brightpath.co>"), SETTINGS)
    assert ev.interview is not None and ev.company == "Acme Foods"
    ev = classify(msg("Interview confirmed", "Hi Alex,\n\nGlobex would like to interview you: your phone interview with "
                      "Hank Scorpio (hank@globex.com) is confirmed for Tuesday, December 8 at 2:00 PM ET.",
                      frm="Rita Moreno <rita@globex.com>"), SETTINGS)
    assert ev.interview is not None and ev.company == "Globex"  # the employer's own mail


def test_late_20a_interviewer_and_roles() -> None:
    """review20a c29 ("Confirming Thursday 12/3 at 2pm at our clinic with Dr. Dana Cole" thanked
    the administrator who wrote it), c18 ("Category Buyer") and c09 ("Program Director
    application") had no role."""
    ev = classify(msg("Interview confirmed - Physical Therapist", "Hi Alex,\n\nConfirming Thursday 12/3 at 2pm at our "
                      "Midtown clinic (350 W 57th St) with Dr. Dana Cole, our clinic director.\n\nThanks,\nPat Morrow",
                      frm="Pat Morrow <pmorrow@motionworkspt.com>"), SETTINGS)
    assert ev.interview is not None and [a.name for a in ev.interview.interviewers] == ["Dr. Dana Cole"]
    for subject, role in (("Interview confirmed - Category Buyer", "Category Buyer"),
                          ("Re: Program Director application", "Program Director")):
        ev = classify(msg(subject, "Hi Alex,\n\nConfirming your interview on Wednesday, December 2 at 1:30 PM ET.\n\nOwen",
                          frm="Owen Brandt <owen@tidewaterfoods.com>"), SETTINGS)
        assert ev.role == role


def test_a_move_keeps_the_sender_the_quoted_booking_named() -> None:
    """review20a c18: a move over the sender's own quoted "... with me and Leah Summers" kept Leah
    only, so Owen, who also interviewed, got no thank-you."""
    ev = classify(msg("Re: Interview confirmed - Category Buyer", "Hi Alex - I've gone ahead and moved the invite to "
                      "Friday 12/4 at 1:30 PM ET, same time.\n\nOwen\n\nOn Mon, Nov 30, 2026 at 9:02 AM Owen Brandt "
                      "<owen@tidewaterfoods.com> wrote:\n> Hi Alex,\n>\n> Confirming your interview for the Category Buyer "
                      "role on Wednesday, December 2 at 1:30 PM ET at our Norfolk office with me and Leah Summers "
                      "(Merchandising Director).\n", frm="Owen Brandt <owen@tidewaterfoods.com>", in_reply_to="<a@x>"),
                  SETTINGS)
    assert ev.interview is not None
    assert sorted(a.name for a in ev.interview.interviewers) == ["Leah Summers", "Owen Brandt"]


@pytest.mark.parametrize(("subject", "text"), [
    ("Update on your credit card application", "Dear Alex Wong,\n\nThank you for your interest in the Capital "
     "One Venture card. After careful review, we are unable to approve your application at this time. We "
     "regret we are unable to make you an offer at this time.\n\nYou may request a free copy of your credit "
     "report.\n\nCapital One"),
    ("Your Chase application", "Dear Alex,\n\nThank you for applying for a Chase Sapphire card. We will not "
     "be continuing with your application: the information from Experian did not meet our criteria."),
])
def test_a_banks_answer_to_a_card_application_is_no_rejection(subject: str, text: str) -> None:
    """review21a #2: a card denial read as a rejection, and it closed the real interview process
    with the same bank (its domain) before any check-in."""
    ev = classify(msg(subject, text, frm="Capital One <capitalone@capitalone.com>"), SETTINGS)
    assert ev.kind is Kind.OTHER, explain(ev)


@pytest.mark.parametrize("text", [
    "Need to push our 10am Thursday. Can you do Friday, December 4 at 10am instead?",
    "I need to push our interview on Thursday. Can you do Friday, December 4 at 10:00 AM ET instead?",
])
def test_a_move_request_proposes_its_one_new_time(text: str) -> None:
    """review21b R1: a request that moves the booked interview kept no proposal (and the pushed
    10am counted as a second slot offered), so my "Friday at 10 works for me" booked nothing."""
    ev = classify(msg("Re: Interview confirmed: Data Analyst", f"Hi Alex,\n\n{text}\n\nJane",
                      in_reply_to="<c@acme.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED and ev.interview is not None, explain(ev)
    assert ev.interview.start == datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "reply"), [
    ("Unfortunately our board has asked us to pause the Program Director search. We'll revisit it in the "
     "spring.", ReplyKind.OTHER),
    ("We'll pause the search for two weeks while the team is at an offsite, and will be in touch by "
     "Friday, February 5.", ReplyKind.TIMELINE_UPDATE),
    ("We're pausing the search over the next two weeks and will get back to you by January 29.",
     ReplyKind.TIMELINE_UPDATE),
    ("We aren't going to pause the search, and we'll be in touch by January 22.", ReplyKind.TIMELINE_UPDATE),
])
def test_a_paused_search_is_on_hold_unless_dated_or_denied(text: str, reply: ReplyKind) -> None:
    """review21b R2: a pause for two weeks with a date to hear by, and even "we aren't going to
    pause the search", were read as the role on hold: no check-in ever came."""
    ev = classify(msg("Re: Program Director interview", f"Hi Alex,\n\nThanks for meeting with us. {text}"
                      "\n\nBest,\nJane", in_reply_to="<c@acme.com>"), SETTINGS)
    if reply is ReplyKind.OTHER:
        assert ev.kind is Kind.INTERVIEW_CANCELLED, explain(ev)
    else:
        assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, reply), explain(ev)


@pytest.mark.parametrize(("text", "reply"), [
    ("We went another direction for the Riverside store manager spot.", ReplyKind.REJECTION),
    ("We went another direction on the dashboard project we discussed, so no need to prepare it. "
     "We'll be in touch by January 22.", ReplyKind.TIMELINE_UPDATE),
])
def test_another_direction_is_a_rejection_only_about_the_job(text: str, reply: ReplyKind) -> None:
    """review21b R3: "went another direction on the dashboard project" ended the follow-ups."""
    ev = classify(msg("Re: Data Analyst interview", f"Hi Alex,\n\n{text}\n\nBest,\nJane",
                      in_reply_to="<c@acme.com>"), SETTINGS)
    assert (ev.kind, ev.reply) == (Kind.EMPLOYER_REPLY, reply), explain(ev)


@pytest.mark.parametrize(("text", "kind"), [
    ("Your interview for the Shift Supervisor role is confirmed for Friday 12/4 at 7:00 AM at their "
     "facility.", InterviewType.IN_PERSON),
    ("We'll see you at 2:00 PM on Thursday 12/10 for your interview at the Kingston branch.", InterviewType.IN_PERSON),
    ("I am writing to confirm your interview on Wednesday, December 9 at 10:00 AM in chambers, Room 1104.",
     InterviewType.IN_PERSON),
    ("Your second interview is Tuesday 12/8 at 9am: please report to 5 West and ask for Tom.", InterviewType.IN_PERSON),
    ("Your video interview on Zoom is confirmed for Tuesday 12/8 at 9am; the role would report to the "
     "VP of Operations.", InterviewType.VIDEO),
])
def test_places_of_hourly_and_public_jobs_make_an_interview_in_person(text: str, kind: InterviewType) -> None:
    """review20a: a warehouse's facility, a bank's branch, a judge's chambers, a hospital unit
    gave no type, so the thank-you had no sentence about the visit."""
    ev = classify(msg("Interview confirmed - Staff role", f"Hi Alex,\n\n{text}\n\nBest,\nPat"), SETTINGS)
    assert ev.interview is not None and ev.interview.type is kind, explain(ev)


# --- review 22c: dates and times employers write ------------------------------------------------

def test_a_timeline_said_of_the_interview_counts_from_its_day() -> None:
    # review 21b R4 (16b s13): the confirmation of Thu Nov 26 for Fri Dec 4 said "a decision
    # within two weeks of the interview": Dec 18, not Dec 10 from the mail's date
    ev = classify(msg("Interview confirmation: Data Engineer",
                      "Hi Alex,\n\nWe are pleased to confirm your video interview on Friday, December 4, 2026 "
                      "at 2:00 PM ET with me.\n\nWe expect to make a decision within two weeks of the interview."
                      "\n\nJane"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.stated_timeline == date(2026, 12, 18)
    assert "timeline-from-interview" not in [e.rule for e in ev.evidence]  # counted already
    # a reply after it: only the process knows the interview's day (state._from_interview)
    upd = classify(msg("Re: Interview confirmation: Data Engineer",
                       "Thanks for your patience. The team will make a decision within two weeks of your "
                       "interview.", in_reply_to="<a@b>"), SETTINGS)
    assert upd.reply is ReplyKind.TIMELINE_UPDATE and upd.stated_timeline == date(2026, 12, 10)
    assert "timeline-from-interview" in [e.rule for e in upd.evidence]


@pytest.mark.parametrize(("subject", "text", "start", "end"), [
    # review20a c04: a restaurant's stage "Should be done by 6" ended at 15:30 (an hour's guess)
    ("stage thursday", "Alex - come in Thursday at 2:30 for a stage (working interview) with chef Dana. "
     "Wear non slip shoes and bring your knives. Should be done by 6.\n- M",
     datetime(2026, 12, 3, 14, 30), datetime(2026, 12, 3, 18, 0)),
    # review20a c08: the time to arrive by was taken as the start of the first row's interview
    ("Callback Interview - Whitfield & Moore LLP", "Dear Alex,\n\nWe are pleased to invite you to a callback "
     "interview for our Litigation Associate position. Your schedule is below.\n\nWednesday, December 9, 2026\n"
     "Please arrive at reception by 9:15 AM.\n\n9:30 - 10:00    Jonathan Whitfield, Partner\n"
     "10:00 - 10:30   Priya Kapoor, Partner\n\nSincerely,\nLegal Recruiting",
     datetime(2026, 12, 9, 9, 30), datetime(2026, 12, 9, 10, 30)),
    # the same with no other time: "15 minutes early at 9:45" is a 10:00 interview
    ("Interview confirmed", "Hi Alex, your interview for the Teller position is confirmed for Tuesday, "
     "December 1. Please arrive 15 minutes early at 9:45 and ask for Dana.\n\nPat",
     datetime(2026, 12, 1, 10, 0), datetime(2026, 12, 1, 11, 0)),
    # ... but "arrive 10 minutes before your 2 pm interview" keeps 2 pm
    ("Interview confirmed", "Hi Alex, confirming your interview for the Teller position on Tuesday, "
     "December 1. Please arrive 10 minutes before your 2 pm interview.\n\nPat",
     datetime(2026, 12, 1, 14, 0), datetime(2026, 12, 1, 15, 0)),
    # review20a c16: the day only in the subject ("Mon 12/7"), the time only in the text
    ("Interview - Mon 12/7 - Phlebotomist - Eastside Clinic", "Hi Alex,\n\nConfirming 11:15am at the Eastside "
     "clinic front desk, with Janet Wu (Lab Supervisor). About 30 min. Bring a photo ID.\n\nThanks!\nCarla",
     datetime(2026, 12, 7, 11, 15), datetime(2026, 12, 7, 11, 45)),
])
def test_an_interviews_start_and_end_said_apart(subject: str, text: str, start: datetime, end: datetime) -> None:
    ev = classify(msg(subject, text, frm="Marco <marco@osteria.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    est = timezone(timedelta(hours=-5))
    assert (ev.interview.start, ev.interview.end) == (start.replace(tzinfo=est), end.replace(tzinfo=est))


def test_a_committee_interviews_length_is_the_whole_sittings() -> None:
    # review20a c03: "a 15-minute demonstration lesson ... plan for 75 minutes in total"
    ev = classify(msg("Interview Scheduled: Middle School Math Teacher",
                      "Dear Alex Wong,\n\nYou have been scheduled for an interview for the position of Middle School "
                      "Math Teacher.\n\nDate: Thursday, December 3, 2026\nTime: 3:45 PM\n\nAs part of the interview, "
                      "candidates will teach a 15-minute demonstration lesson to the committee. Please plan for "
                      "75 minutes in total.\n\nHuman Resources Office", frm="HR <hr@maplewood.org>"), SETTINGS)
    assert ev.interview is not None and ev.interview.end - ev.interview.start == timedelta(minutes=75)


@pytest.mark.parametrize(("frm", "date_", "start"), [
    # review 22c i08: "4/12 at 2pm at our Manchester office" from a UK employer was 2pm in New York
    ("Oliver Hughes <oliver.hughes@brightwell.co.uk>", datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc),
     datetime(2026, 12, 4, 14, 0, tzinfo=timezone.utc)),
    # an employer in the user's own zone, or a +0000 stamp from a server: the user's zone
    ("Jane Doe <jane@acme.com>", datetime(2026, 12, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5))),
     datetime(2027, 4, 12, 14, 0, tzinfo=timezone(timedelta(hours=-4)))),
])
def test_a_time_without_a_zone_is_on_the_employers_clock_abroad(frm: str, date_: datetime, start: datetime) -> None:
    import dataclasses

    m = dataclasses.replace(msg("Interview confirmation: Data Analyst", "Hi Alex,\n\nYour interview for the Data "
                                "Analyst role is confirmed for 4/12 at 2pm at our Manchester office.\n\nOliver", frm=frm),
                            date=date_)
    ev = classify(m, dataclasses.replace(SETTINGS, default_timezone="America/New_York"))
    assert ev.interview is not None and ev.interview.start == start


@pytest.mark.parametrize(("value", "subject", "text", "automatic", "reply"), [
    # RFC 3834 auto-replied: an autoresponder's answer that is not worded as an absence
    ("auto-replied", "Re: Interview confirmed: Backend Engineer at Acme",
     "Hello,\n\nThank you for your email regarding the interview. I will respond as soon as "
     "possible.\n\nJane", True, ReplyKind.OTHER),
    # auto-generated, saying nothing of the process: machine mail, no reply
    ("auto-generated", "Re: Backend Engineer interview",
     "Hi Alex,\n\nThis is an automated message. Your message about the Backend Engineer "
     "interview has been received by the Acme hiring team and will be reviewed.", True,
     ReplyKind.OTHER),
    # the employer's decision sent by their system is still that decision
    ("auto-generated", "Your application to Acme",
     "Hi Alex,\n\nThank you for interviewing for the Backend Engineer role. Unfortunately we "
     "have decided not to move forward with your application.", False, ReplyKind.REJECTION),
    ("no", "Re: Backend Engineer interview",
     "Hi Alex,\n\nThanks for your note, I will get back to you about the Backend Engineer "
     "role soon.\n\nJane", False, ReplyKind.TIMELINE_UPDATE),
])
def test_auto_submitted_mail_is_no_reply_unless_it_carries_a_decision(
        value: str, subject: str, text: str, automatic: bool, reply: ReplyKind) -> None:
    """Audit 22d, policy rule 4: "Auto-Submitted mail ... changes nothing". An autoresponder's
    'I will respond as soon as possible' (Auto-Submitted: auto-replied) in the process thread
    was an employer reply: it reset the follow-up count, restarted the wait a week and made
    the user's unsent check-in obsolete. A rejection or offer an applicant-tracking system
    sends (auto-generated) is still the employer's decision."""
    ev = classify(msg(subject, text, headers={"auto-submitted": value},
                      in_reply_to="<c1@acme.com>"), SETTINGS)
    assert ev.automatic is automatic
    if not automatic:
        assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is reply


# --- review 22e: false positives of the review 22c broadening ----------------------------------

@pytest.mark.parametrize(("text", "kind"), [
    # "come in" that is no visit: the next round's, feedback's, questions' (review 22e a02-a08)
    ("I'll call you on Tuesday, December 1 at 11:00 AM ET for a 30-minute phone screen. If it goes well, the "
     "next step would be to come in and meet the team.", InterviewType.PHONE),
    ("Confirmed: your interview with me on Google Meet, Thursday, December 3 at 2:00 PM ET. I'll be in touch "
     "once all the feedback has come in.", InterviewType.VIDEO),
    ("Your interview is confirmed for Thursday, December 3 at 2:00 PM ET over Microsoft Teams. Feel free to "
     "come in with questions about the role.", InterviewType.VIDEO),
    ("Just confirming our phone interview on Tuesday, December 1 at 3:00 PM ET. After the call I'll wait for "
     "the assessment scores to come in before we decide on next steps.", InterviewType.PHONE),
    # (a visit still is: review20a c04)
    ("Can you come in Thursday at 2:30 to meet the owner? Bring your knives.", InterviewType.IN_PERSON),
    ("Please come by the store tomorrow at 10am and ask for Dana.", InterviewType.IN_PERSON),
    ("Your phone interview with Raj is confirmed for Thursday, December 3 at 2:00 PM ET. Raj will call you. If "
     "you're ever in town, come by for coffee on a Friday.", InterviewType.PHONE),
])
def test_come_in_is_in_person_only_when_it_says_when(text: str, kind: InterviewType) -> None:
    ev = classify(msg("Interview confirmed - Staff role", f"Hi Alex,\n\n{text}\n\nBest,\nPat"), SETTINGS)
    assert ev.interview is not None and ev.interview.type is kind, explain(ev)


def test_arriving_early_to_the_interview_at_its_time_keeps_the_time() -> None:
    # review 22e: "Please arrive 10 minutes early to the interview at 10:00" started at 10:10 (the
    # 10:00 is the interview's, as in "arrive 10 minutes before your 2 pm interview")
    ev = classify(msg("Interview confirmed", "Hi Alex,\n\nYour interview is on Thursday, December 3. Please arrive "
                      "10 minutes early to the interview at 10:00 and ask for Raj.\n\nDana"), SETTINGS)
    est = timezone(timedelta(hours=-5))
    assert ev.interview is not None and ev.interview.start == datetime(2026, 12, 3, 10, 0, tzinfo=est), explain(ev)


@pytest.mark.parametrize("text", [
    # the user's paperwork, not the sitting (review 22e g09/g10): the end stays an hour's guess
    "Your video interview with Raj is confirmed for Thursday, December 3 at 2:00 PM ET on Zoom. Your background "
    "check forms should be done by 5pm Friday.",
    "Your interview with Raj is confirmed for Thursday, December 3 at 2:00 PM ET at our office. The onboarding "
    "packet I sent should be done by 6 if you can.",
    "Your video interview with Raj is confirmed for Thursday, December 3 at 2:00 PM ET on Zoom. I'm out tomorrow; "
    "the agenda will be finished by 5 today.",
])
def test_done_by_said_of_something_else_is_not_the_end(text: str) -> None:
    ev = classify(msg("Interview confirmed - Data Analyst", f"Hi Alex,\n\n{text}\n\nBest,\nDana"), SETTINGS)
    assert ev.interview is not None and ev.interview.end - ev.interview.start == timedelta(hours=1), explain(ev)


@pytest.mark.parametrize(("text", "hours"), [
    ("Your interview with Raj and Mei is confirmed for Thursday, December 3 at 1:00 PM ET at our office. "
     "We'll be done by 4.", 3),
    ("Your interview with Raj is confirmed for Thursday, December 3 at 1:00 PM ET at our office. The interview "
     "should be done by 3pm.", 2),
    ("Your interview with Raj is confirmed for Thursday, December 3 at 1:00 PM ET at our office. The whole thing "
     "should be over by 5.", 4),
])
def test_done_by_said_of_the_sitting_is_its_end(text: str, hours: int) -> None:
    ev = classify(msg("Interview confirmed - Data Analyst", f"Hi Alex,\n\n{text}\n\nBest,\nDana"), SETTINGS)
    assert ev.interview is not None and ev.interview.end - ev.interview.start == timedelta(hours=hours), explain(ev)


def test_an_employer_abroad_answering_my_own_times_is_on_my_clock() -> None:
    # review 22e: I wrote "I'm free Thursday, December 3 between 2 and 5pm" (New York); the
    # recruiter at softwerk.de (+0100) answered "Thursday, December 3 at 3pm works", which was read
    # as 3pm in Berlin (9am in New York, the thank-you drafted before the interview)
    quote = ("On Thu, Nov 26, 2026 at 2:00 PM Alex Wong <alex@example.org> wrote:\n> Hi Katrin,\n> I'm free "
             "Thursday, December 3 between 2 and 5pm, or Friday morning.\n> Alex\n")
    body = ("Hi Alex,\n\nThursday, December 3 at 3pm works. I've booked our video interview on Teams.\n\n"
            "Best regards,\nKatrin Vogel\n\n")
    berlin = datetime(2026, 11, 27, 10, 5, tzinfo=timezone(timedelta(hours=1)))
    settings = dataclasses.replace(SETTINGS, default_timezone="America/New_York")
    ny = timezone(timedelta(hours=-5))
    m = dataclasses.replace(msg("Re: Interview - Backend Engineer", body + quote, frm="Katrin Vogel <katrin.vogel@softwerk.de>",
                                in_reply_to="<k@x>"), date=berlin)
    ev = classify(m, settings)
    assert ev.interview is not None and ev.interview.start == datetime(2026, 12, 3, 15, 0, tzinfo=ny), explain(ev)
    # (her own times, quoted or not, stay on her clock)
    own = dataclasses.replace(m, text=body + quote.replace("Alex Wong <alex@example.org>", "Katrin Vogel <katrin.vogel@softwerk.de>"))
    ev = classify(own, settings)
    assert ev.interview is not None and ev.interview.start == datetime(2026, 12, 3, 15, 0, tzinfo=timezone(timedelta(hours=1)))


def test_a_reply_on_the_subjects_day_does_not_book_its_clock_time_on_it() -> None:
    # review 22e: on the day of "Interview - Thu 12/3 - Data Analyst", after it, the reply "Thanks
    # for coming in! I'll call you at 4pm with feedback from the team." booked a phone round at 4pm
    # (a second thank-you). The subject of a reply names the thread's interview: once that day
    # has come, a time in the reply is not a sitting on it
    import dataclasses

    at = datetime(2026, 12, 3, 12, 30, tzinfo=timezone(timedelta(hours=-5)))
    m = dataclasses.replace(msg("Re: Interview - Thu 12/3 - Data Analyst", "Hi Alex,\n\nThanks for coming in! I'll call "
                                "you at 4pm with feedback from the team.\n\nDana", in_reply_to="<a@b>"), date=at)
    ev = classify(m, SETTINGS)
    assert ev.interview is None, explain(ev)
    # (before the day, a reply confirming the time still books it)
    early = dataclasses.replace(msg("Re: Interview - Thu 12/3 - Data Analyst", "Hi Alex,\n\nConfirming 11:15am on Zoom "
                                    "with Raj.\n\nDana", in_reply_to="<a@b>"),
                                date=datetime(2026, 11, 30, 9, 0, tzinfo=timezone(timedelta(hours=-5))))
    ev = classify(early, SETTINGS)
    assert ev.interview is not None and ev.interview.start.hour == 11, explain(ev)


def test_auto_submitted_mail_read_as_other_is_automatic() -> None:
    """Review 22f: a tracking system's auto-generated status notice is `other`, and was not
    automatic; joined to the process by its Reply-To it was an employer reply (it restarted the
    wait). Policy rule 4: Auto-Submitted mail changes nothing. Without the header it is `other`
    as before, and not automatic."""
    text = ("Dear Alex Wong,\n\nThe status of your application for Backend Engineer at Acme has "
            "been updated. Please log in to the Candidate Portal to view the latest information.")
    for value, automatic in (("auto-generated", True), ("no", False)):
        ev = classify(msg("Your application status has been updated", text,
                          frm="Acme Talent <acme-talent@icims.com>",
                          headers={"auto-submitted": value}), SETTINGS)
        assert ev.kind is Kind.OTHER and ev.automatic is automatic


def test_a_recruiter_s_dated_note_through_a_tracking_system_is_a_timeline() -> None:
    """Review 22f c13: a recruiter's note sent by Greenhouse (From no-reply@greenhouse.io,
    Reply-To the recruiter, Precedence: bulk as the system stamps all its mail, no
    Auto-Submitted) was `other` with no date, so the check-in came before the date it gave.
    It is a reply with its timeline; list mail, mail with no one to reply to, and mail without a
    date stay as they were."""
    text = ("Hi Alex,\n\nThank you for your patience. The interview team meets on Tuesday and we "
            "will get back to you with a decision by Friday, December 11.\n\nDana Cole\nRecruiter")
    dana = (Address("Dana Cole", "dana.cole@globex.com"),)

    def read(headers: dict[str, str], reply_to: tuple[Address, ...] = dana, body: str = text) -> Event:
        m = dataclasses.replace(msg("Globex - Data Analyst: next steps timing", body,
                                    frm="Globex Recruiting <no-reply@greenhouse.io>",
                                    headers=headers), reply_to=reply_to)
        return classify(m, SETTINGS)

    ev = read({"precedence": "bulk"})
    assert (ev.kind, ev.reply, ev.stated_timeline) == (
        Kind.EMPLOYER_REPLY, ReplyKind.TIMELINE_UPDATE, date(2026, 12, 11)), explain(ev)
    for headers, reply_to in (({"precedence": "bulk", "list-unsubscribe": "<https://x>"}, dana),
                              ({"precedence": "bulk"}, ()),
                              ({"precedence": "bulk"}, (Address("", "noreply@globex.com"),)),
                              ({"precedence": "bulk"}, (Address("Dana", "dana@gmail.com"),))):
        assert read(headers, reply_to).kind is Kind.OTHER, (headers, reply_to)
    undated = text.replace("The interview team meets on Tuesday and we will get back to you with a "
                           "decision by Friday, December 11.", "We will be in touch.")
    assert undated != text
    assert read({"precedence": "bulk"}, body=undated).kind is Kind.OTHER


def test_a_schedule_rows_title_is_no_interviewer() -> None:
    """'10:45 - 11:30  Tomasz Kowalczyk, Senior Data Engineer' gave the interviewers 'Data
    Engineer' and 'Engineering Lead', and the note through the recruiter asked her to pass the
    thanks on to 'Priscilla, Tomasz, Ifeoma, Data and Engineering' (review 23)."""
    text = ("Hi Alex,\n\nYour onsite for the Staff Data Engineer role is confirmed for Thursday, "
            "December 10 at 10am ET. Your schedule:\n\n"
            "10:00 - 10:45  Priscilla Hong, Director of Data Platform\n"
            "10:45 - 11:30  Tomasz Kowalczyk, Senior Data Engineer\n"
            "11:30 - 12:15  Ifeoma Eze, Analytics Engineering Lead\n\nBest,\nJonah")
    ev = classify(msg("Onsite interview confirmed", text, "Jonah Feld <jonah@fabrikam.com>"),
                  SETTINGS)
    assert ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == [
        "Priscilla Hong", "Tomasz Kowalczyk", "Ifeoma Eze"]


def test_a_name_with_accents_wrapped_between_its_words_is_read_whole() -> None:
    """'You will meet Dr. José\\nÁlvarez-Núñez, our Head of Research, and myself.' named only
    the sender: the wrap rule knew no accented letters, and measured the line with its
    brackets already out (review 23a)."""
    text = ("Dear Alex,\n\nI am happy to confirm your video interview for the Senior UX "
            "Researcher position on\nTuesday 1 December 2026 at 14:00 CET (Teams link below). "
            "You will meet Dr. José\nÁlvarez-Núñez, our Head of Research, and myself.\n\n"
            "Best regards,\nÉmilie Dubois-Laurent\n")
    ev = classify(msg("Interview confirmation", text,
                      "Émilie Dubois-Laurent <emilie@acme.fr>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [str(a) for a in ev.interview.interviewers] == [
        "Dr. José Álvarez-Núñez <>", "Émilie Dubois-Laurent <emilie@acme.fr>"]


def test_an_indian_confirmation_with_a_hyphenated_date_is_confirmed() -> None:
    """review23d p18: "Date: 11-12-2026 / Time: 7:30 PM IST ... Kindly confirm your availability"
    was no date, so the fixed interview read as a request for times."""
    m = dataclasses.replace(msg(
        "Technical Interview Schedule - Senior Android Developer",
        "Dear Alex,\n\nWith reference to your application for the post of Senior Android Developer, we are "
        "pleased to inform you that your technical interview has been scheduled as per below details:\n\n"
        "Date: 11-12-2026\nTime: 7:30 PM IST\nMode: Google Meet\nInterviewer: Mr. Rahul Mehta, Engineering Lead\n\n"
        "Kindly confirm your availability by replying to this mail.\n\nThanks & Regards,\nPooja Kulkarni\nHR Executive",
        frm="Sahyadri Technologies HR <hr@sahyadritech.co.in>"),
        date=datetime(2026, 12, 4, 15, 10, tzinfo=timezone(timedelta(hours=5, minutes=30))))
    ev = classify(m, SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None, explain(ev)
    assert ev.interview.start == datetime(2026, 12, 11, 14, 0, tzinfo=timezone.utc)


def test_an_agency_recruiters_client_who_would_like_to_interview_you_is_a_request() -> None:
    """review23d p12: "my client ... they'd like to interview you ... send me your availability"
    was taken for a cold pitch ("my client"): "they'd like to" was not "would like to"."""
    ev = classify(msg("Senior QA Engineer opportunity - interview request",
                      "Hi Alex,\n\nGreat speaking with you yesterday. I've shared your profile with my client, "
                      "Calloway Financial, and they'd like to interview you for the Senior QA Engineer role!\n\n"
                      "Could you send me your availability for Wednesday through Friday next week?\n\nThanks,\nJess",
                      frm="Jess Morgan <jess.morgan@harbortalent.com>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_REQUESTED, explain(ev)


def test_a_rejection_that_praises_your_experience_is_no_pitch() -> None:
    """review23d r36: "impressed by your experience" (a recruiter's pitch word) made a university's
    "the committee has selected another candidate" other, so check-ins chased a closed search."""
    ev = classify(msg("Assistant Director of Research Computing - Search Update",
                      "Dear Mr. Rivera,\n\nThank you for your interest in the position and for the time you spent "
                      "with the search committee. The committee was impressed by your experience with HPC cluster "
                      "operations.\n\nAfter careful deliberation, the committee has selected another candidate whose "
                      "experience more closely matches the needs of the department.\n\nSome feedback the committee "
                      "asked me to pass along: your technical depth was a clear strength.\n\nSincerely,\nKaren",
                      frm="Karen Whitfield <kwhitfield@hawthorne.edu>"), SETTINGS)
    assert ev.kind is Kind.EMPLOYER_REPLY and ev.reply is ReplyKind.REJECTION, explain(ev)


@pytest.mark.parametrize("text", [
    "Hi Alex,\n\nI came across your profile and was impressed by your experience. If this is not the right fit "
    "for you, no worries - I'd welcome any feedback on the role.\n\nDerek",
    "Hi Alex,\n\nI came across your profile - my client is a Series B fintech and they'd love to meet you. "
    "Are you open to a quick chat?\n\nDerek",
])
def test_a_pitch_stays_a_pitch_beside_a_rejections_words(text: str) -> None:
    """(the guard of the two above: a pitch's "not the right fit for you", "they'd love to meet
    you" are no rejection and no process)"""
    ev = classify(msg("Exciting opportunity", text, frm="Derek Wu <derek.wu@apexsearch.io>"), SETTINGS)
    assert ev.kind is Kind.OTHER, explain(ev)


def test_a_committee_listed_under_a_sentence_heading_is_the_interviewers() -> None:
    """'The committee members joining are:' over three names gave the interviewer 'Search
    Committee' (the sending mailbox), and the thank-you went to it as if it had held the
    interview (review23d p14): the heading knew only 'Committee members:'."""
    text = ("Dear Mr. Rivera,\n\nI am writing to confirm your Zoom interview on Monday, December 14, "
            "2026, from 1:00 to 2:30 p.m. Eastern.\n\nThe committee members joining are:\n"
            "Dr. Maria Lopez, Associate CIO (chair)\nDr. James Chen, Professor of Physics\n"
            "Ruth Adams, Director of Research Administration\n\nSincerely,\nKaren Whitfield\n")
    ev = classify(msg("Interview - Assistant Director of Research Computing", text,
                      "Search Committee <rcsearch@hawthorne.edu>"), SETTINGS)
    assert ev.kind is Kind.INTERVIEW_CONFIRMED and ev.interview is not None
    assert [a.name for a in ev.interview.interviewers] == [
        "Dr. Maria Lopez", "Dr. James Chen", "Ruth Adams"]


@pytest.mark.parametrize(("dept", "kept"), [
    ("Human Resources", False), ("Talent Acquisition", False), ("Customer Success", False),
    ("People Operations", False), ("the Recruiting Team", False),
    ("Steve Jobs", True),  # a person (no "Jobs" of a shared mailbox's name)
])
def test_a_department_named_beside_an_interviewer_is_no_interviewer(dept: str, kept: bool) -> None:
    """'You will meet with Jane Doe (jane@acme.com) and Human Resources' gave the interviewer
    'Human Resources' with no address: since an interviewer without one is thanked through
    the recruiter beside the others (db157f8), Rita was asked to 'pass my thanks on to Human
    Resources' (review23k)."""
    text = ("Hi Alex,\n\nYour video interview for the Developer role at Acme is confirmed for "
            "Tuesday, December 1, 2026 at 2:00 PM EST. You will meet with Jane Doe "
            f"(jane@acme.com) and {dept}.\n\nBest,\nRita Recruiter\n")
    ev = classify(msg("Interview confirmed: Developer at Acme", text,
                      "Rita Recruiter <rita@acme.com>"), SETTINGS)
    assert ev.interview is not None
    assert [(a.name, a.email) for a in ev.interview.interviewers] == [
        ("Jane Doe", "jane@acme.com"), *([(dept, "")] if kept else [])]
