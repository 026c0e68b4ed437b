"""`watcher simulate` against the contract: fields, order, offsets, --until, --events,
--assume-sent, user actions; and that it runs the daemon's own tick."""

from __future__ import annotations

import json
import mailbox
from pathlib import Path
from typing import Required, TypedDict

import pytest

from tests.enginekit import ALEX, JANE_H, confirmation_mail, raw_mail
from watcher.cli import main

KEYS = ["at", "kind", "process", "round", "to", "subject", "in_reply_to", "body"]


class Line(TypedDict, total=False):
    """One JSON line of `watcher simulate`: a draft (KEYS) or, with --events, a state change."""

    at: Required[str]
    process: Required[str]
    kind: str
    round: int
    to: list[str]
    subject: str
    in_reply_to: str | None
    body: str
    event: str
    state: str


def write_mbox(path: Path, mails: list[bytes]) -> Path:
    box = mailbox.mbox(str(path))
    for raw in mails:
        box.add(raw)
    box.flush()
    box.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[Line]:
    assert main(["simulate", *argv]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.fixture
def box(tmp_path: Path) -> Path:
    conf, mid = confirmation_mail()
    reply, _ = raw_mail(JANE_H, ALEX, "Re: Interview confirmed: Backend Engineer at Acme",
                        "2026-12-03 10:00", "Hi Alex,\r\n\r\nThanks again for your time on "
                        "Tuesday. We are still meeting candidates and will get back to you.\r\n\r\n"
                        "Best,\r\nJane", in_reply_to=mid)
    return write_mbox(tmp_path / "box.mbox", [reply, conf])  # out of order on purpose


def test_contract_fields_order_and_offsets(box: Path, capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--until", "2026-12-10T08:00", "--assume-sent", "--json")
    assert [list(o) for o in out] == [KEYS] * len(out)
    assert [(o["kind"], o["at"]) for o in out] == [
        ("thank_you", "2026-12-01T16:00:00-05:00"),
        # Jane's reply on Dec 3 restarts the wait: Dec 3 + 7 = Thu Dec 10, 08:00 (inclusive).
        ("check_in", "2026-12-10T08:00:00-05:00"),
    ]
    first = out[0]
    assert first["process"] == "acme-backend-engineer" and first["round"] == 1
    assert first["to"] == ["jane@acme.com"] and first["in_reply_to"] is None
    assert out[1]["subject"] == "Re: Interview confirmed: Backend Engineer at Acme"
    assert isinstance(out[1]["in_reply_to"], str)
    # Nothing written anywhere: no state database in the (empty) home.
    assert not any(p.suffix == ".db" for p in tmp_path.rglob("*"))


def test_other_zone_changes_offsets_and_quiet_hours(box: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz", "Europe/Berlin",
              "--until", "2026-12-02T09:00", "--assume-sent")
    # The interview ends 21:00 in Berlin; 22:00 is quiet: the thank-you waits for 08:00.
    assert [(o["kind"], o["at"]) for o in out] == [("thank_you", "2026-12-02T08:00:00+01:00")]


def test_without_assume_sent_a_pending_draft_blocks_until_the_employer_writes(
        box: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--until", "2027-06-01")
    # The thank-you stays pending; Jane's Dec 3 mail makes it obsolete; the check-in of
    # Dec 10 then stays pending forever.
    assert [o["kind"] for o in out] == ["thank_you", "check_in"]


def test_default_until_is_120_days_after_the_last_message(
        box: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--assume-sent")
    # Dec 3 + 120 days = Apr 2 2027: the chain and the first networking check-in fit.
    kinds = [o["kind"] for o in out]
    assert kinds[:4] == ["thank_you", "check_in", "second_check_in", "final_follow_up"]
    assert all(o["at"] <= "2027-04-02T23:59" for o in out)


def test_events_are_interleaved_in_time_order(box: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--until", "2026-12-05", "--assume-sent", "--events")
    events = [o for o in out if "event" in o]
    assert events and all(set(o) == {"at", "event", "process", "state"} for o in events)
    assert events[0]["state"] == "scheduled"
    assert "responded" in [e["state"] for e in events]
    ats = [o["at"] for o in out]
    assert ats == sorted(ats)


def test_delete_draft_user_action_skips_the_step(box: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--until", "2027-01-30", "--delete-draft",
              "check_in@2026-12-10T12:00")
    # Deleted at Dec 10 12:00: the second check-in counts 14 days from the deletion.
    assert [(o["kind"], o["at"][:16]) for o in out][1:] == [
        ("check_in", "2026-12-10T08:00"), ("second_check_in", "2026-12-24T08:00")]


def test_bad_usage_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", "--mbox", str(tmp_path / "missing.mbox"), "--me", "a@b.c"]) == 2
    assert main(["simulate", "--mbox", str(tmp_path / "x"), "--me", "a@b.c", "--tz", "Mars/X"]) == 2
    # a folder of the zone database: zoneinfo raises IsADirectoryError, not "not found"
    assert main(["simulate", "--mbox", str(tmp_path / "x"), "--me", "a@b.c", "--tz", "America"]) == 2
    assert main(["classify", "--me", "a@b.c", "--tz", "America", str(tmp_path)]) == 2
    assert "simulate" in capsys.readouterr().err


def test_a_file_that_is_not_an_mbox_is_a_usage_error(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #4: `simulate --mbox notmail.txt` printed nothing and exited 0, as for an mbox
    that leads to no draft. A file with no "From " line is not an mbox (exit 2, one line); an
    empty file is an empty mbox."""
    text = tmp_path / "notmail.txt"
    text.write_text("Subject: hello\n\nnot a mailbox\n")
    capsys.readouterr()
    assert main(["simulate", "--mbox", str(text), "--me", "a@b.c"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"watcher simulate: {text}: not an mbox file (no line starts with "
                            "'From '): export the mail as mbox\n")
    empty = tmp_path / "empty.mbox"
    empty.write_text("")
    assert main(["simulate", "--mbox", str(empty), "--me", "a@b.c"]) == 0
    assert capsys.readouterr().out == ""


def test_unreadable_mail_in_the_mbox_is_skipped(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    conf, _ = confirmation_mail()
    p = write_mbox(tmp_path / "b.mbox", [b"\x00\x01garbage without headers", conf])
    out = run(capsys, "--mbox", str(p), "--me", "alex@example.com", "--tz", "America/New_York",
              "--until", "2026-12-02", "--assume-sent")
    assert [o["kind"] for o in out] == ["thank_you"]


@pytest.mark.parametrize("head", [
    "From: Jane <jane@acme.com>\r\nDate: Tue, 24 Nov 2026 10:00:00 +" + "9" * 500,  # OverflowError
    "From: Jane <jane@acme.com>\r\nDate: Fri, 31 Dec 9999 23:59:59 +0000",  # past datetime.max
    "From: jane@acme.com " + "(" * 5_000 + ")\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000",  # RecursionError
], ids=["offset-overflow", "year-9999", "nested-comments"])
def test_a_message_whose_headers_cannot_be_read_is_placed_by_its_neighbours(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], head: str) -> None:
    """review22b: each stopped the whole simulation ('internal error: OverflowError', or
    RecursionError out of getaddresses; exit 1) before any message was replayed (the 9999 one
    as the clock's end, 120 days after the last message, was set)."""
    conf, _ = confirmation_mail()
    bad = (head.encode() + b"\r\nSubject: Interview\r\n\r\nAbout your interview.\r\n")
    p = write_mbox(tmp_path / "b.mbox", [conf, bad])
    out = run(capsys, "--mbox", str(p), "--me", "alex@example.com", "--tz", "America/New_York",
              "--assume-sent")  # until 120 days after the last message
    assert [o["kind"] for o in out][:2] == ["thank_you", "check_in"]


def test_gmail_export_thread_ids_and_labels_are_used(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    conf, _ = confirmation_mail()
    # A reply from an unrelated address, in the same Gmail thread: linked by the thread id.
    other, _ = raw_mail("Pat Lee <pat@contractor.example>", ALEX, "Re: schedule",
                        "2026-12-03 10:00", "Hi Alex,\r\n\r\nWe are still meeting candidates "
                        "and will get back to you.\r\n\r\nPat")
    thr = b"X-GM-THRID: 1788\r\n"
    p = write_mbox(tmp_path / "g.mbox", [thr + conf, thr + other])
    out = run(capsys, "--mbox", str(p), "--me", "alex@example.com", "--tz", "America/New_York",
              "--until", "2026-12-10T09:00", "--assume-sent", "--events")
    # Pat's reply in the thread restarts the wait: check-in Dec 10, to Pat.
    drafts = [o for o in out if "kind" in o]
    assert [(o["kind"], o["at"][:10], o["to"]) for o in drafts] == [
        ("thank_you", "2026-12-01", ["jane@acme.com"]),
        ("check_in", "2026-12-10", ["pat@contractor.example"])]
    ignored = write_mbox(tmp_path / "i.mbox", [b"X-Gmail-Labels: Inbox,watcher/ignore\r\n" + conf])
    assert run(capsys, "--mbox", str(ignored), "--me", "alex@example.com", "--tz",
               "America/New_York", "--until", "2026-12-10T09:00") == []


def test_interviewed_is_reported_when_the_interview_starts(box: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """The confirmation says Tuesday, December 1, 2:00 PM EST: the state changes then, not when
    the thank-you falls due an hour after the end."""
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz",
              "America/New_York", "--until", "2026-12-02", "--events")
    interviewed = [o for o in out if o.get("state") == "interviewed"]
    assert [o["at"] for o in interviewed] == ["2026-12-01T14:00:00-05:00"]
    assert interviewed[0]["event"] == "interview_started"


def test_the_user_withdrawing_ends_the_process(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """'I have decided to withdraw my application': state withdrawn, and no check-in after."""
    probes = Path(__file__).parent / "data" / "probes"
    itinerary = (probes / "32_itinerary.eml").read_bytes()
    withdraw = (probes / "42_withdraw.eml").read_bytes().replace(
        b"Mon, 14 Dec 2026 09:00:00 -0500", b"Thu, 17 Dec 2026 09:00:00 -0500")
    box = write_mbox(tmp_path / "w.mbox", [itinerary, withdraw])
    out = run(capsys, "--mbox", str(box), "--me", "alex.wong@gmail.com", "--tz",
              "America/New_York", "--assume-sent", "--events")
    events = [o for o in out if "event" in o]
    assert events[-1]["state"] == "withdrawn" and events[-1]["event"] == "withdrew"
    assert [o["kind"] for o in out if "kind" in o] == ["thank_you"]  # before the withdrawal only


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _owner(files: list[Path]) -> str:
    """A corpus mailbox's owner: who wrote its sent mail, else whom its mail was sent to
    (else nobody in it)."""
    import collections
    import email
    import email.utils

    froms: collections.Counter[str] = collections.Counter()
    tos: collections.Counter[str] = collections.Counter()
    for f in files:
        m = email.message_from_bytes(f.read_bytes())
        if "sent" in f.name:
            froms[email.utils.parseaddr(m.get("From", ""))[1].lower()] += 1
        tos.update(a.lower() for _, a in email.utils.getaddresses(m.get_all("To", [])))
    top = (froms or tos).most_common(1)
    return top[0][0] if top else "owner@corpus.invalid"


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real-mail corpus not found at {CORPUS}")
def test_real_mailboxes_without_a_job_search_get_no_draft(tmp_path: Path) -> None:
    """What a false positive costs the user: a draft thanking a stranger for an interview. The
    corpus's 51 Enron mailboxes (each replayed as its owner's, recruiting mail included) and
    3,000 SpamAssassin messages (ham, and spam offering jobs and "interviews"), through the
    daemon's own tick over 120 days past their last message."""
    from zoneinfo import ZoneInfo

    from watcher.config import Config
    from watcher.simulate import configure_for, read_mbox, simulate

    boxes: dict[str, list[Path]] = {}
    for f in sorted((CORPUS / "enron").glob("*.eml")):
        boxes.setdefault(f.name.split("_")[0], []).append(f)
    for sub in ("spamassassin_easy_ham", "spamassassin_spam"):
        boxes[sub] = sorted((CORPUS / "negatives" / sub).rglob("*.eml"))
    assert len(boxes) == 53 and sum(map(len, boxes.values())) == 3800
    drafts, processes = [], set()
    for name, files in boxes.items():
        me = _owner(files)
        path = write_mbox(tmp_path / f"{name}.mbox", [f.read_bytes() for f in files])
        config = configure_for(Config.default(), (me,), "America/Chicago")
        result = simulate(read_mbox(path, (me,)), config, zone=ZoneInfo("America/Chicago"))
        drafts += [(name, d.draft.kind.value, d.draft.process) for d in result.drafts]
        processes |= {(name, e.process) for e in result.events}
    assert drafts == []
    # HR asking the owner's assistant to set up a phone screen with a candidate (labelled
    # scheduling mail in labels.csv) is the one process: requested, never drafted for
    assert len(processes) <= 2, processes


def test_tz_also_reads_mail_times_without_a_zone(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """"2:00 PM" with no zone: read in the --tz zone, so a replay gives the same drafts on any
    machine (it was read in the machine's zone)."""
    import tzlocal

    monkeypatch.setenv("TZ", "Asia/Kolkata")  # this machine's zone, as tzlocal reads it
    tzlocal.reload_localzone()
    try:
        _run_utc_box(tmp_path, capsys)
    finally:
        monkeypatch.undo()
        tzlocal.reload_localzone()


def _run_utc_box(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conf, _ = raw_mail("Jane Doe <jane@acme.com>", ALEX, "Interview confirmed: Backend Engineer",
                       "2026-11-25 15:00", "Hi Alex,\r\n\r\nConfirming your video interview for the "
                       "Backend Engineer role on Tuesday, December 1, 2026 at 2:00 PM (60 minutes) "
                       "with me.\r\n\r\nJane")
    box = write_mbox(tmp_path / "utc.mbox", [conf])
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz", "America/New_York",
              "--until", "2026-12-02T00:00:00-05:00")
    assert [(d["kind"], d["at"]) for d in out] == [("thank_you", "2026-12-01T16:00:00-05:00")]


def test_a_user_action_for_a_process_that_never_was_is_a_usage_error(
        box: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--send-draft nosuch:thank_you@...` (a typo of the process) only warned, without the
    process, and exited 0 as if the what-if had been tried."""
    code = main(["simulate", "--mbox", str(box), "--me", "alex@example.com", "--tz",
                 "America/New_York", "--until", "2026-12-20", "--send-draft",
                 "nosuch:thank_you@2026-12-01T10:00"])
    assert code == 2
    err = capsys.readouterr().err
    assert "--send-draft nosuch:thank_you@2026-12-01T10:00: no process 'nosuch' (processes: " in err


@pytest.mark.parametrize(("frm", "subject", "text", "headers"), [
    # an applicant-tracking system's status-portal notice, its Reply-To the recruiter
    ("Acme Talent <acme-talent@icims.com>", "Your application status has been updated",
     "Dear Alex Wong,\r\n\r\nThe status of your application for Backend Engineer at Acme has "
     "been updated. Please log in to the Candidate Portal to view the latest information."
     "\r\n\r\nThis message was sent by an automated system. Please do not reply.",
     {"Auto-Submitted": "auto-generated", "Precedence": "bulk"}),
    # its candidate survey
    ("Acme <survey@greenhouse-mail.io>", "How was your interview experience with Acme?",
     "Hi Alex,\r\n\r\nThanks for interviewing for the Backend Engineer role at Acme. We'd love "
     "your feedback on your interview experience: https://survey.greenhouse.io/abc",
     {"Auto-Submitted": "auto-generated"}),
])
def test_auto_submitted_mail_that_is_not_a_reply_restarts_no_wait(
        frm: str, subject: str, text: str, headers: dict[str, str], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Review 22f, policy rule 4 ("Auto-Submitted mail ... change[s] nothing"): a tracking
    system's auto-generated notice, joined to the process by its Reply-To, was an employer
    reply. It reset the follow-up count and restarted the wait (check-in Dec 11, a week after
    the notice, not Dec 8, a week after the interview), and would make a waiting draft
    obsolete. Audit 22d made only mail the classifier reads as a reply automatic."""
    conf, _ = confirmation_mail()
    notice, _ = raw_mail(frm, ALEX, subject, "2026-12-04 10:15", text,
                         headers={"Reply-To": JANE_H, **headers})
    box = write_mbox(tmp_path / "a.mbox", [conf, notice])
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz", "America/New_York",
              "--until", "2026-12-12", "--assume-sent", "--events")
    assert [(o["kind"], o["at"]) for o in out if "kind" in o] == [
        ("thank_you", "2026-12-01T16:00:00-05:00"), ("check_in", "2026-12-08T08:00:00-05:00")]
    assert not [o for o in out if o.get("event") == "employer_reply"]


def test_a_date_an_auto_submitted_notice_gives_still_holds_the_check_in_back(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Review 22f: a recruiter's note sent through a tracking system (Auto-Submitted, not in the
    thread) that says when they will decide. It is no reply (rule 4), but like an out-of-office
    return date its date may set the stated timeline, so the check-in waits for it (the first
    business day after Dec 18), rather than coming a week after the interview (Dec 8) as though
    nothing had been said; main read it as a reply and restarted the wait (Dec 10)."""
    conf, _ = confirmation_mail()
    note, _ = raw_mail("Acme <no-reply@hire.lever.co>", ALEX, "Acme - Backend Engineer: next steps",
                       "2026-12-03 10:15", "Hi Alex,\r\n\r\nThanks for interviewing with us on "
                       "Tuesday! We're finishing interviews with other candidates and will have a "
                       "decision for you by Friday, December 18.\r\n\r\nJane Doe\r\nRecruiting, Acme",
                       headers={"Reply-To": JANE_H, "Auto-Submitted": "auto-generated"})
    box = write_mbox(tmp_path / "t.mbox", [conf, note])
    out = run(capsys, "--mbox", str(box), "--me", "alex@example.com", "--tz", "America/New_York",
              "--until", "2026-12-22", "--assume-sent", "--events")
    assert [(o["kind"], o["at"]) for o in out if "kind" in o] == [
        ("thank_you", "2026-12-01T16:00:00-05:00"), ("check_in", "2026-12-21T08:00:00-05:00")]
    assert not [o for o in out if o.get("event") == "employer_reply"]


def test_a_folded_quoted_name_does_not_hide_who_sent_it(tmp_path: Path) -> None:
    """review23c: the sender was split with getaddresses on the folded header: a quoted
    name folded with CRLF ("Alex<CRLF> Wong" <alex@...>) made the user's own mail read
    as received (and a name holding an address made that address the sender)."""
    from watcher.simulate import read_mbox

    mails = [(b'From: "Alex\r\n Wong" <alex@example.com>\r\nTo: jane@acme.example\r\n'
              b"Subject: Thanks\r\nDate: Tue, 01 Dec 2026 10:00:00 -0500\r\n\r\nThanks\r\n"),
             (b'From: "Jane\r\n Doe, alex@example.com" <jane@acme.example>\r\n'
              b"To: alex@example.com\r\nSubject: Hi\r\n"
              b"Date: Tue, 01 Dec 2026 11:00:00 -0500\r\n\r\nHi\r\n")]
    got = read_mbox(write_mbox(tmp_path / "m.mbox", mails), ("alex@example.com",))
    assert [m.sent for m in got] == [True, False]
