"""link.py: which process a message belongs to (policy "Words: Process", "Recipients")."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.enginekit import JANE, ME, NOREPLY, RECRUITER, at, confirm, mine, reply
from watcher.link import NEW, Domains, LinkIndex, link, same_role, slug
from watcher.models import Address, Direction, Kind, ReplyKind
from watcher.state import MessageFact

DOMAINS = Domains(me=frozenset({ME.email}))


def index_with_acme() -> tuple[LinkIndex, MessageFact]:
    idx = LinkIndex(DOMAINS)
    first = dataclasses.replace(confirm("2026-11-25 10:00", "2026-12-01 14:00"),
                                thread_id="T1")
    idx.add_process("acme-developer", "Acme", "Developer", "acme.com", first.at)
    idx.add_message("acme-developer", first)
    return idx, first


def test_interview_request_from_the_employer_starts_a_process() -> None:
    assert link(confirm("2026-11-25 10:00", "2026-12-01 14:00"), LinkIndex(DOMAINS)) is NEW


def test_other_mail_and_replies_never_start_a_process() -> None:
    idx = LinkIndex(DOMAINS)
    assert link(reply("2026-12-01 10:00", ReplyKind.REJECTION), idx) is None
    assert link(mine("2026-12-01 10:00", Kind.THANK_YOU, to=(JANE,)), idx) is None


def test_thread_id_links_first() -> None:
    idx, _ = index_with_acme()
    m = dataclasses.replace(reply("2026-12-02 10:00"), from_=Address("X", "x@other.org"),
                            reply_addr=None, employer_domain="other.org", thread_id="T1")
    assert link(m, idx) == "acme-developer"


def test_in_reply_to_links_a_reply_from_a_new_address() -> None:
    idx, first = index_with_acme()
    m = dataclasses.replace(reply("2026-12-02 10:00"), from_=Address("X", "x@freemail.test"),
                            reply_addr=None, employer_domain=None, in_reply_to=first.message_id)
    assert link(m, idx) == "acme-developer"


def test_a_thank_you_the_user_starts_in_a_new_thread_links_by_the_interviewer_address() -> None:
    idx, _ = index_with_acme()
    assert link(mine("2026-12-01 16:00", Kind.THANK_YOU, to=(JANE,)), idx) == "acme-developer"


def test_employer_domain_and_role_link_a_recruiter_reply_from_elsewhere() -> None:
    index_with_acme()
    m = dataclasses.replace(reply("2026-12-05 10:00"), from_=Address("Hr", "hr@acme.com"),
                            reply_addr=Address("Hr", "hr@acme.com"))
    m = dataclasses.replace(m, role="Developer")
    idx2 = LinkIndex(DOMAINS)
    idx2.add_process("acme-developer", "Acme", "Developer", "acme.com")
    assert link(m, idx2) == "acme-developer"


def test_a_new_interview_for_another_role_is_another_process() -> None:
    idx, _ = index_with_acme()
    m = confirm("2026-12-10 10:00", "2026-12-15 10:00", role="Data Scientist")
    assert link(m, idx) is NEW
    assert idx.unique_slug("Acme", "Developer", None) == "acme-developer-2"


def test_free_mail_and_ats_addresses_never_link() -> None:
    idx = LinkIndex(DOMAINS)
    gm = Address("Pat", "pat@gmail.com")
    first = dataclasses.replace(confirm("2026-11-25 10:00", "2026-12-01 14:00", sender=NOREPLY,
                                        who=(gm,)), employer_domain="acme.com")
    idx.add_process("acme-developer", "Acme", "Developer", "acme.com")
    idx.add_message("acme-developer", first)
    assert NOREPLY.email not in idx.addresses and gm.email not in idx.addresses
    other = MessageFact(at=at("2026-12-02 10:00"), direction=Direction.RECEIVED,
                        kind=Kind.EMPLOYER_REPLY, reply=ReplyKind.OTHER, from_=gm, reply_addr=gm,
                        employer_domain=None, message_id="<z@gmail.com>")
    assert link(other, idx) is None
    ats_mail = dataclasses.replace(other, from_=NOREPLY, reply_addr=None,
                                   employer_domain="greenhouse.io")
    assert link(ats_mail, idx) is None


def test_mail_classified_other_links_only_by_thread_or_address() -> None:
    idx, _ = index_with_acme()
    news = MessageFact(at=at("2026-12-02 10:00"), direction=Direction.RECEIVED, kind=Kind.OTHER,
                       from_=Address("Acme News", "press@acme.com"), employer_domain="acme.com",
                       message_id="<n@acme.com>")
    assert link(news, idx) is None
    by_addr = dataclasses.replace(news, from_=RECRUITER, reply_addr=RECRUITER)
    assert link(by_addr, idx) == "acme-developer"


def test_my_mail_that_names_no_job_links_only_by_thread_or_address() -> None:
    """review21a #3: "Thanks for the call just now" to the mortgage officer of the bank one
    interviews at linked by the bank's domain and stood for the interview's thank-you."""
    from watcher.state import ITS_PEOPLE_ONLY_EVIDENCE

    idx, _ = index_with_acme()
    note = MessageFact(at=at("2026-12-02 15:10"), direction=Direction.SENT, kind=Kind.THANK_YOU,
                       from_=ME, to=(Address("Linda Ruiz", "linda.ruiz@acme.com"),),
                       employer_domain="acme.com", message_id="<m@example.com>",
                       evidence=(f"{ITS_PEOPLE_ONLY_EVIDENCE}:+0.00", "thanks-for-interview:+0.70"))
    assert link(note, idx) is None
    to_recruiter = dataclasses.replace(note, to=(RECRUITER,))
    assert link(to_recruiter, idx) == "acme-developer"
    assert link(dataclasses.replace(note, evidence=()), idx) == "acme-developer"  # a job word: the domain


def test_ignored_threads_link_nowhere() -> None:
    idx, _first = index_with_acme()
    idx.ignored.add("T1")
    assert link(dataclasses.replace(reply("2026-12-02 10:00"), thread_id="T1"), idx) is None


def test_roles_match_by_words_and_slugs_are_stable() -> None:
    assert same_role("Senior Developer role", "senior developer")
    assert same_role("Developer", "Senior Developer")
    assert same_role("Developer", "Data Scientist") is False
    assert same_role(None, "Developer") is None
    assert slug("Acme, Inc.", "Senior Developer") == "acme-inc-senior-developer"
    assert slug("Zürich Bank", None) == "zurich-bank"


# --- whole mailboxes replayed: which processes, and to whom the drafts go -------------------

LINK_DATA = Path(__file__).parent / "data" / "link"


@pytest.mark.parametrize(("box", "processes", "first_drafts"), [
    # a staffing agency's interviews at two named clients: two processes (they were merged and
    # the Contoso interview got no thank-you)
    ("agency_client_named", ["contoso-senior-java-developer", "fabrikam-senior-java-developer"],
     [("thank_you", "contoso-senior-java-developer", "dana.fox@contoso.com"),
      ("thank_you", "fabrikam-senior-java-developer", "lee.chan@fabrikam.com")]),
    # months after a rejection, a recruiter confirms another role in the old thread
    ("reopen_old_thread", ["northwind-backend-engineer", "northwind-data-engineer"], None),
    # Google and Microsoft are employers, not scheduling services (no draft at all before)
    ("google", ["google-software-engineer"],
     [("thank_you", "google-software-engineer", "rajpatel@google.com")]),
    ("microsoft", ["microsoft-program-manager"],
     [("thank_you", "microsoft-program-manager", "rajpatel@microsoft.com")]),
    # one employer writing from sibling domains: one process (it was split, or the user's
    # thank-you to acmelabs.io went unlinked and a second one was drafted)
    ("alt_domain", ["acme-backend-engineer"], None),
    ("acmecorp", ["acme-backend-engineer"], None),
    ("subsidiary_thankyou", ["acme-backend-engineer"],
     [("check_in", "acme-backend-engineer", "maria.lopez@acme.com")]),
    # kept apart or together as before
    ("same_ats", ["contoso-software-engineer", "fabrikam-software-engineer"], None),
    ("freemail_two", ["contoso-product-designer", "fabrikam-product-designer"], None),
    ("calendly_two_companies", ["tallow-data-scientist", "wingtiptoys-data-scientist"], None),
    ("ats_on_behalf", ["acme-backend-engineer"], None),
    ("forwarded_invite", ["acme-backend-engineer"], None),
])
def test_processes_of_a_replayed_mailbox(box: str, processes: list[str],
                                        first_drafts: list[tuple[str, str, str]] | None,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from watcher.cli import main

    code = main(["simulate", "--mbox", str(LINK_DATA / f"{box}.mbox"), "--me",
                 "alex.wong@gmail.com", "--tz", "America/New_York", "--json", "--events",
                 "--assume-sent"])
    assert code == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert sorted({o["process"] for o in lines if "event" in o}) == processes
    if first_drafts is not None:
        drafts = [(o["kind"], o["process"], o["to"][0]) for o in lines if "event" not in o]
        assert drafts[:len(first_drafts)] == first_drafts


def test_link_cancels_the_round_the_fold_cancels() -> None:
    """Rounds u1 (Tuesday) and u2 (Thursday); u1's updated invite moves it to Wednesday; then
    "we have to cancel your interview". link.py kept a stale Tuesday (it did not follow the
    uid) and dropped it, keeping Wednesday booked, so another employer's confirmation at
    Wednesday 9 AM from a tracking system would join this process (review11)."""
    from tests.enginekit import BOB, INFO, cancel
    from watcher.state import fold

    msgs = [confirm("2026-11-25 10:00", "2026-12-01 14:00", uid="u1"),
            confirm("2026-11-25 11:00", "2026-12-03 10:00", who=(BOB,), uid="u2"),
            confirm("2026-11-26 10:00", "2026-12-02 09:00", uid="u1"),
            cancel("2026-11-28 09:00")]
    live = sorted(r.start for r in fold(INFO, msgs, [], []).rounds if not r.cancelled)
    idx = LinkIndex()
    idx.add_process(INFO.key, "Acme", "Developer", "acme.com", INFO.created_at)
    for m in msgs:
        idx.add_message(INFO.key, m)
    assert live == sorted(idx.procs[INFO.key].starts) == [at("2026-12-03 10:00")]
    ats = Address("Recruiting", "no-reply@greenhouse.io")
    other = confirm("2026-11-29 10:00", "2026-12-02 09:00", sender=ats, who=())
    assert other.interview is not None
    other = dataclasses.replace(other, company=None, employer_domain=None,
                                interview=dataclasses.replace(other.interview, company=None))
    assert link(other, idx) != INFO.key


def test_a_message_naming_one_of_a_recruiters_clients_links_to_that_one() -> None:
    """One address, two processes (an agency's clients): the company the message names picks,
    when it names one and not the other (review17b finding 1)."""
    index = LinkIndex(DOMAINS)
    sam = Address("Sam Carter", "sam@talentbridge.com")
    for n, (key, company) in enumerate((("acme-backend-engineer", "Acme"),
                                        ("initech-backend-engineer", "Initech"))):
        when = at(f"2026-11-2{5 + n} 10:00")
        index.add_process(key, company, "Backend Engineer", "talentbridge.com", when)
        index.add_message(key, MessageFact(at=when, direction=Direction.RECEIVED,
                                           kind=Kind.INTERVIEW_CONFIRMED, from_=sam,
                                           reply_addr=sam, message_id=f"<{key}@x>"))

    def answer(mentions: tuple[str, ...]) -> object:
        return link(MessageFact(at=at("2026-12-10 11:00"), direction=Direction.RECEIVED,
                                kind=Kind.EMPLOYER_REPLY, reply=ReplyKind.REJECTION, from_=sam,
                                reply_addr=sam, message_id="<u@x>", mentions=mentions), index)

    assert answer(("quick", "update", "i", "acme")) == "acme-backend-engineer"
    assert answer(("i", "initech", "backend", "engineer")) == "initech-backend-engineer"
    # naming neither or both: the one written to last, as before
    assert answer(("quick", "update")) == answer(("acme", "initech")) == "initech-backend-engineer"


def test_an_updated_invitation_of_the_same_event_joins_its_process() -> None:
    """(review19b: Google Calendar's "Invitation: ... @ Tue Dec 1" named the company "Tue Dec";
    its update "@ Thu Dec 3" named another, so a second process drafted every step twice.) The
    calendar uid is the event's identity, whatever the subject or the words say."""
    idx = LinkIndex(DOMAINS)
    first = confirm("2026-11-25 10:00", "2026-12-01 13:00", uid="evt-7@google.com")
    idx.add_process("acme-developer", "Acme", "Developer", "acme.com", first.at)
    idx.add_message("acme-developer", first)
    moved = confirm("2026-11-27 10:00", "2026-12-03 10:00", uid="evt-7@google.com",
                    sender=Address("Calendar", "calendar-notification@google.com"), who=())
    moved = dataclasses.replace(moved, company="Thu Dec", role="Data Engineer",
                                employer_domain=None, message_id="<u@google.com>")
    assert link(moved, idx) == "acme-developer"
    other = confirm("2026-11-27 11:00", "2026-12-04 10:00", uid="evt-8@google.com",
                    role="Data Engineer")
    assert link(other, idx) is NEW
