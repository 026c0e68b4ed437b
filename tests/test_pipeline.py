"""pipeline.tick end to end: real parse/classify/compose, the in-memory mailbox, SQLite files.

Crash safety: a crash between the ledger intent and the backend draft, and one between the
backend draft and the id, each followed by a restart, leave exactly one draft.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.enginekit import ALEX, JANE_H, at, config, confirmation_mail, raw_mail
from watcher import pipeline
from watcher.backends.base import DraftsIncomplete, Folder, SyncBatch
from watcher.backends.memory import MemoryBackend, StoredDraft
from watcher.commands.status import rows as status_rows
from watcher.config import AccountConfig, Config, MeConfig
from watcher.errors import TransientError
from watcher.lint import lint_draft
from watcher.models import Draft, Kind, StepKind
from watcher.pipeline import Created, Engine, tick
from watcher.prepare import PARALLEL_MIN, Preparer
from watcher.state import DraftStatus
from watcher.store import Store

THANKS = "acme-backend-engineer/r1/c1/thank_you/jane@acme.com"


def cfg() -> Config:
    c = config()
    return dataclasses.replace(c, me=MeConfig(name="Alex Wong", addresses=("alex@example.com",)))


def engine(db: Path, *backends: MemoryBackend, catch_up: bool = False) -> Engine:
    return Engine(cfg(), Store(db), {b.name: b for b in backends}, catch_up=catch_up)


def mailbox_with_interview() -> MemoryBackend:
    b = MemoryBackend("main")
    raw, _ = confirmation_mail()
    b.deliver(raw)
    return b


class Crash(BaseException):
    """Stands for the process dying at a given line (not an Exception: nothing catches it)."""


class CrashBeforeCreate(MemoryBackend):
    def create_draft(self, draft: Draft, raw: bytes) -> str:
        raise Crash


class CrashAfterCreate(MemoryBackend):
    def create_draft(self, draft: Draft, raw: bytes) -> str:
        super().create_draft(draft, raw)
        raise Crash


def test_thank_you_is_drafted_once_when_due(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    first = tick(at("2026-12-01 15:30"), e)
    assert first.drafts == [] and first.messages_read == 1
    assert first.processes_changed == {"acme-backend-engineer"}
    s = tick(at("2026-12-01 16:00"), e)
    assert [c.action.key for c in s.drafts] == [THANKS] and s.messages_read == 0
    assert tick(at("2026-12-01 17:00"), e).drafts == []
    assert list(b.list_drafts()) == [THANKS]
    d = next(iter(b.drafts.values()))
    assert b"X-Watcher-Step: " + THANKS.encode() in d.raw
    assert d.draft.subject == "Thank you for the Backend Engineer interview"
    assert e.store.draft(THANKS).status is DraftStatus.CREATED  # type: ignore[union-attr]


def test_crash_between_intent_and_creation_then_restart_makes_one_draft(tmp_path: Path) -> None:
    b = CrashBeforeCreate("main")
    b.deliver(confirmation_mail()[0])
    e = engine(tmp_path / "w.db", b)
    with pytest.raises(Crash):
        tick(at("2026-12-01 16:00"), e)
    assert Store(tmp_path / "w.db").draft(THANKS).status is DraftStatus.INTENT  # type: ignore[union-attr]
    # Restart: a new engine on the same database and the same mailbox, no fault any more.
    healthy = MemoryBackend("main", messages=b.messages, drafts=b.drafts)
    e2 = engine(tmp_path / "w.db", healthy)
    s = tick(at("2026-12-01 16:05"), e2)
    assert [c.action.key for c in s.drafts] == [THANKS]
    tick(at("2026-12-01 16:10"), e2)
    assert list(healthy.list_drafts()) == [THANKS] and healthy.created == 1


def test_crash_after_creation_before_the_id_is_recorded_adopts_the_draft(tmp_path: Path) -> None:
    b = CrashAfterCreate("main")
    b.deliver(confirmation_mail()[0])
    e = engine(tmp_path / "w.db", b)
    with pytest.raises(Crash):
        tick(at("2026-12-01 16:00"), e)
    assert len(b.drafts) == 1
    healthy = MemoryBackend("main", messages=b.messages, drafts=b.drafts, created=b.created)
    e2 = engine(tmp_path / "w.db", healthy)
    s = tick(at("2026-12-01 16:05"), e2)
    assert s.drafts == [] and healthy.created == 1 and len(healthy.drafts) == 1
    row = e2.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.CREATED and row.draft_id == "draft-1"


def test_a_crash_in_the_middle_of_a_sync_replays_the_batch(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    b.deliver(b"")  # unreadable: recorded, skipped
    e = engine(tmp_path / "w.db", b)
    orig = e.store.set_cursor

    def boom(account: str, cursor: str) -> None:
        raise Crash

    e.store.set_cursor = boom  # type: ignore[method-assign]
    with pytest.raises(Crash):
        tick(at("2026-11-26 09:00"), e)
    e.store.set_cursor = orig  # type: ignore[method-assign]
    e2 = engine(tmp_path / "w.db", b)
    assert e2.store.message_count() == 0 and e2.store.cursor("main") is None
    s = tick(at("2026-11-26 09:05"), e2)
    assert s.messages_read == 1 and s.bad_messages == 1
    assert e2.store.cursor("main") == "2" and len(e2.store.bad_messages()) == 1


class HidesDrafts(MemoryBackend):
    """A drafts folder with messages the server will not send (a NO to their FETCH): those
    of `hidden` are left out of the listing, which then says it is incomplete."""

    hidden: set[str]

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        listed = super().list_drafts(known)
        if not self.hidden & set(listed):
            return listed
        raise DraftsIncomplete("main: the server would not send 1 message(s) of Drafts",
                               {k: v for k, v in listed.items() if k not in self.hidden},
                               frozenset(v for k, v in listed.items() if k in self.hidden),
                               "draft-")


def test_a_draft_the_server_will_not_send_is_neither_deleted_nor_blocks_the_others(
        tmp_path: Path) -> None:
    """One draft the server could not read failed the listing, hence every draft of the
    account, at every pass. Ignoring it instead would have read it as deleted by the user (a
    step skipped for good). Now it is neither: its state waits, other drafts are made."""
    b = HidesDrafts("main", messages=mailbox_with_interview().messages)
    b.hidden = set()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    b.hidden = {THANKS}
    # Another process's thank-you falls due while the first draft cannot be read.
    b.deliver(confirmation_mail(slot="Wednesday, December 2, 2026, 2:00 PM - 3:00 PM EST",
                                role="Data Engineer", company="Initech",
                                sender="Bill Lumbergh <bill@initech.com>")[0])
    s = tick(at("2026-12-02 16:00"), e)
    assert not s.failed_accounts and [c.action.process for c in s.drafts] == ["initech-data-engineer"]
    assert e.store.draft(THANKS).status is DraftStatus.CREATED  # type: ignore[union-attr]
    # The other draft, deleted by the user meanwhile, is known to be gone: its id is not the
    # one the server held back
    other = s.drafts[0].action.key
    b.user_deletes_draft(other)
    tick(at("2026-12-02 17:00"), e)
    assert e.store.draft(other).status is DraftStatus.DELETED  # type: ignore[union-attr]
    assert e.store.draft(THANKS).status is DraftStatus.CREATED  # type: ignore[union-attr]
    b.hidden = set()
    b.user_deletes_draft(THANKS)
    tick(at("2026-12-02 18:00"), e)
    assert e.store.draft(THANKS).status is DraftStatus.DELETED  # type: ignore[union-attr]


def _created_then_crashed_then_hidden(tmp_path: Path) -> HidesDrafts:
    """The thank-you made in "main", the process dead before its id was recorded; the
    mailbox after the restart, whose server will not send that draft."""
    b = CrashAfterCreate("main")
    b.deliver(confirmation_mail()[0])
    with pytest.raises(Crash):
        tick(at("2026-12-01 16:00"), engine(tmp_path / "w.db", b))
    hiding = HidesDrafts("main", messages=b.messages, drafts=b.drafts, created=b.created)
    hiding.hidden = {THANKS}
    return hiding


def test_an_interrupted_draft_is_not_made_again_while_a_draft_cannot_be_read(
        tmp_path: Path) -> None:
    """Created, then the process died before its id was recorded; after the restart the
    server will not send it: it may be that very draft, so none is made until it can tell."""
    hiding = _created_then_crashed_then_hidden(tmp_path)
    e = engine(tmp_path / "w.db", hiding)
    assert tick(at("2026-12-01 16:05"), e).drafts == [] and hiding.created == 1
    assert e.store.draft(THANKS).status is DraftStatus.INTENT  # type: ignore[union-attr]
    hiding.hidden = set()
    tick(at("2026-12-01 16:10"), e)
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.CREATED and hiding.created == 1


def test_an_interrupted_draft_is_looked_for_in_the_account_it_was_made_in(
        tmp_path: Path) -> None:
    """Created in "main", then the process died before its id was recorded; after the
    restart the same invitation also came to "work", so the process's newest mail is there.
    The draft was looked for, and made again, in "work": a second thank-you. (Had the crash
    come before the APPEND, the draft made in "work" under a row of "main" would have read
    as deleted by the user at the next pass.)"""
    main = _created_then_crashed_then_hidden(tmp_path)
    work = MemoryBackend("work")
    work.deliver(confirmation_mail()[0])
    e = engine(tmp_path / "w.db", main, work)
    assert tick(at("2026-12-01 16:05"), e).drafts == []
    assert work.created == 0 and main.created == 1
    main.hidden = set()
    tick(at("2026-12-01 16:10"), e)
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.CREATED and row.draft_id == "draft-1"
    assert work.created == 0 and main.created == 1


def test_deleted_draft_is_skipped_and_the_schedule_goes_on(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    b.user_deletes_draft(THANKS)
    tick(at("2026-12-01 18:30"), e)
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.DELETED
    assert row.settled_at == at("2026-12-01 18:30")
    s = tick(at("2026-12-08 08:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.CHECK_IN]
    assert THANKS not in b.list_drafts()
    for t in ("2026-12-08 09:00", "2026-12-09 09:00"):
        assert tick(at(t), e).drafts == []


def test_sent_draft_is_recognised_by_its_copy_in_sent(tmp_path: Path,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    b.user_sends_draft(THANKS, at("2026-12-01 16:20"))
    caplog.set_level(logging.INFO, logger="watcher.pipeline")
    tick(at("2026-12-01 16:30"), e)
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.SENT
    assert row.settled_at == at("2026-12-01 16:20")
    # the journal tells a sent draft from one still waiting (deletions were said, sends not)
    assert f"draft {THANKS} left Drafts: sent" in caplog.messages


def test_hand_written_thank_you_before_the_due_moment_means_no_draft(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    raw, _ = raw_mail(ALEX, JANE_H, "Thank you for the Backend Engineer interview",
                      "2026-12-01 15:40", "Dear Jane,\r\n\r\nThank you for taking the time to "
                      "discuss the Backend Engineer role with me today.\r\n\r\nBest,\r\nAlex")
    b.deliver(raw, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    assert tick(at("2026-12-01 16:00"), e).drafts == []
    s = tick(at("2026-12-08 08:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.CHECK_IN]
    assert s.drafts[0].draft.subject == "Re: Thank you for the Backend Engineer interview"


class Broken(MemoryBackend):
    def sync(self, cursor: str | None, is_candidate: object,
             on_bodies: object = None, on_size: object = None) -> SyncBatch:
        raise TransientError("connection reset")


def test_one_failing_account_does_not_stop_the_others(tmp_path: Path) -> None:
    good = mailbox_with_interview()
    e = engine(tmp_path / "w.db", Broken("bad"), good)
    s = tick(at("2026-12-01 16:00"), e)
    assert s.failed_accounts == ["bad"] and "connection reset" in s.errors[0]
    assert [c.action.key for c in s.drafts] == [THANKS]


def _count_warm(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    warmed: list[int] = []
    real = Preparer.warm

    def counted(self: Preparer) -> None:
        warmed.append(1)
        real(self)

    monkeypatch.setattr(Preparer, "warm", counted)
    return warmed


def test_workers_are_not_started_at_each_pass_of_an_account_whose_first_sync_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A never-synced account with a refused login started the worker processes at every
    pass (each minute while a draft is due) before its sync failed."""
    warmed = _count_warm(monkeypatch)
    e = engine(tmp_path / "w.db", Broken("bad"))
    for hour in ("16:00", "16:01", "16:02"):
        assert tick(at(f"2026-12-01 {hour}"), e).failed_accounts == ["bad"]
    assert warmed == []


def test_workers_start_for_a_big_first_sync_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every first sync started worker processes, a few messages too: their start cost 0.35 s
    and a CPU-second or more (each imports the classifier) where parsing here takes
    milliseconds. A first sync of PARALLEL_MIN messages or more starts them before the
    messages are fetched."""
    warmed = _count_warm(monkeypatch)
    small = mailbox_with_interview()
    tick(at("2026-12-01 16:00"), engine(tmp_path / "a.db", small))
    assert warmed == []
    big = MemoryBackend("big")
    for i in range(PARALLEL_MIN):
        big.deliver(raw_mail(JANE_H, ALEX, f"Note {i}", "2026-11-20 10:00", "Hello.")[0])
    s = tick(at("2026-12-01 16:00"), engine(tmp_path / "b.db", big))
    assert warmed == [1] and not s.failed_accounts


class FailsAfterListing(MemoryBackend):
    """Says how big its sync is, hands its bodies over, then fails (a server that drops the
    connection at the same message each pass), until `fixed`."""

    fixed = False

    def sync(self, cursor: str | None, is_candidate: Any,
             on_bodies: Any = None, on_size: Any = None) -> SyncBatch:
        batch = super().sync(cursor, is_candidate, on_bodies, on_size)
        if not self.fixed:
            raise TransientError("connection reset")
        return batch


class TwoFolders(MemoryBackend):
    """Says its size per folder, as IMAP does: half of it for INBOX, half for Sent; then
    notes in `events` that the fetch begins."""

    events: list[Any]

    def sync(self, cursor: str | None, is_candidate: Any,
             on_bodies: Any = None, on_size: Any = None) -> SyncBatch:
        if on_size is not None:
            on_size(len(self.messages) // 2)
            on_size(len(self.messages) - len(self.messages) // 2)
        self.events.append("fetch")
        return super().sync(cursor, is_candidate, on_bodies)


def test_workers_start_before_the_fetch_when_the_folders_together_are_big(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two folders of 400 each: the workers started only once the 800 bodies had come."""
    big = TwoFolders("big")
    big.events = _count_warm(monkeypatch)
    for i in range(PARALLEL_MIN):
        big.deliver(raw_mail(JANE_H, ALEX, f"Note {i}", "2026-11-20 10:00", "Hello.")[0])
    assert not tick(at("2026-12-01 16:00"), engine(tmp_path / "b.db", big)).failed_accounts
    assert big.events[:2] == [1, "fetch"]


def test_workers_are_not_started_at_each_pass_of_a_big_first_sync_that_keeps_failing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big first sync failing after it listed its messages started the workers, and had
    them parse what it fetched, at every pass (each minute while a draft is due)."""
    warmed = _count_warm(monkeypatch)
    big = FailsAfterListing("big")
    for i in range(PARALLEL_MIN):
        big.deliver(raw_mail(JANE_H, ALEX, f"Note {i}", "2026-11-20 10:00", "Hello.")[0])
    e = engine(tmp_path / "w.db", big)
    for hour in ("16:00", "16:01", "16:02"):
        assert tick(at(f"2026-12-01 {hour}"), e).failed_accounts == ["big"]
    assert warmed == [1]
    big.fixed = True
    assert not tick(at("2026-12-01 16:03"), e).failed_accounts
    assert e.store.cursor("big") == str(PARALLEL_MIN) and "big" not in e._warm_failed


class Buggy(MemoryBackend):
    def sync(self, cursor: str | None, is_candidate: object,
             on_bodies: object = None, on_size: object = None) -> SyncBatch:
        raise OverflowError("date value out of range")


def test_an_unexpected_error_on_one_account_does_not_stop_the_others(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A bug (here the OverflowError a huge sync window once caused) fails that account only."""
    good = mailbox_with_interview()
    e = engine(tmp_path / "w.db", Buggy("bad"), good)
    with caplog.at_level(logging.ERROR):
        s = tick(at("2026-12-01 16:00"), e)
    assert s.failed_accounts == ["bad"] and s.errors == ["bad: internal error (OverflowError)"]
    assert [c.action.key for c in s.drafts] == [THANKS]
    assert "bad: sync failed on an unexpected OverflowError" in caplog.text


@pytest.mark.parametrize("date", [
    "Tue, 24 Nov 2026 10:00:00 +" + "9" * 500,  # OverflowError out of parsedate_to_datetime
    "Tue, 24 Nov " + "9" * 30 + " 10:00:00 +0000",
    "Mon, 1 Jan 0001 00:00:00 +1400",  # before datetime.min in UTC
    "Fri, 31 Dec 9999 23:59:59 -1200",  # after datetime.max in UTC
])
def test_a_date_no_mail_can_have_costs_only_its_own_message(tmp_path: Path, date: str) -> None:
    """review22b: a Date with a 500-digit offset made every pass of the account fail on an
    OverflowError while the batch was ordered by date (before any message was read): none of
    the account's mail was ever read again. Now it is a message without a date."""
    b = mailbox_with_interview()
    b.deliver(b"From: Jane <jane@acme.com>\r\nTo: alex@example.com\r\nSubject: Interview\r\n"
              b"Message-ID: <bad-date@acme.com>\r\nDate: " + date.encode() + b"\r\n\r\n"
              b"About your interview.\r\n")
    s = tick(at("2026-12-01 15:30"), engine(tmp_path / "w.db", b))
    assert s.failed_accounts == [] and s.messages_read == 2
    assert s.processes_changed == {"acme-backend-engineer"}


def test_dry_run_changes_neither_mailbox_nor_state(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    e.dry_run = True
    s = tick(at("2026-12-01 16:00"), e)
    assert [c.action.key for c in s.drafts] == [THANKS]
    assert b.drafts == {} and e.store.message_count() == 0 and e.store.cursor("main") is None
    e.dry_run = False
    assert [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts] == [THANKS]


def test_rule_12_first_sync_drafts_only_the_catch_up_step(tmp_path: Path) -> None:
    # Interview Dec 1; the watcher starts on Dec 23 12:00. The thank-you window and the
    # check-in (Dec 8) are long gone: skipped. The second check-in (Dec 22, counted from the
    # skipped check-in's due moment) fell due within the 3-day catch-up window: drafted.
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b, catch_up=True)
    s = tick(at("2026-12-23 12:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.SECOND_CHECK_IN]
    statuses = {r.step: r.status for r in e.store.drafts()}
    assert statuses[StepKind.THANK_YOU] is DraftStatus.SKIPPED
    assert statuses[StepKind.CHECK_IN] is DraftStatus.SKIPPED


def test_rule_12_first_sync_on_an_old_mailbox_drafts_nothing_overdue(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b, catch_up=True)
    assert tick(at("2026-12-28 12:00"), e).drafts == []
    # The final follow-up (Dec 31) falls due after the first sync: it is drafted then.
    assert tick(at("2026-12-28 13:00"), e).drafts == []
    s = tick(at("2026-12-31 08:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.FINAL_FOLLOW_UP]


def test_rule_12_first_sync_keeps_an_open_thank_you_window(tmp_path: Path) -> None:
    e = engine(tmp_path / "w.db", mailbox_with_interview(), catch_up=True)
    s = tick(at("2026-12-02 09:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.THANK_YOU]


def test_rule_12_a_first_sync_in_quiet_hours_still_skips_what_fell_due_before_it(
        tmp_path: Path) -> None:
    # Interview Dec 1; the first sync runs Mon Dec 28 at 06:30, in quiet hours. The thank-you
    # and both check-ins fell due long before: at 08:00, when quiet hours end, the next pass
    # (no longer a first sync) must not draft them as "overdue after downtime".
    e = engine(tmp_path / "w.db", mailbox_with_interview(), catch_up=True)
    assert tick(at("2026-12-28 06:30"), e).drafts == []
    assert tick(at("2026-12-28 08:00"), e).drafts == []
    statuses = {r.step: r.status for r in e.store.drafts()}
    assert statuses[StepKind.THANK_YOU] is DraftStatus.SKIPPED
    assert statuses[StepKind.CHECK_IN] is DraftStatus.SKIPPED


def test_rule_12_a_kept_catch_up_step_waits_for_the_end_of_quiet_hours(tmp_path: Path) -> None:
    # First sync at 06:00 on Dec 2: the thank-you window (until Dec 2 15:00) is open, but it is
    # quiet: the thank-you is kept and drafted at 08:00.
    e = engine(tmp_path / "w.db", mailbox_with_interview(), catch_up=True)
    assert tick(at("2026-12-02 06:00"), e).drafts == []
    s = tick(at("2026-12-02 08:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.THANK_YOU]


def test_rule_12_an_account_added_later_has_its_own_first_sync(tmp_path: Path) -> None:
    # The watcher has run since November with an empty account; on Dec 28 the user adds a
    # second account whose history holds the Dec 1 interview: nothing weeks old is drafted.
    first = MemoryBackend("first")
    e = engine(tmp_path / "w.db", first, catch_up=True)
    tick(at("2026-11-20 12:00"), e)
    e2 = engine(tmp_path / "w.db", first, mailbox_with_interview(), catch_up=True)
    assert tick(at("2026-12-28 12:00"), e2).drafts == []
    statuses = {r.step: r.status for r in e2.store.drafts()}
    assert statuses[StepKind.THANK_YOU] is DraftStatus.SKIPPED


def test_after_downtime_only_the_earliest_overdue_step_is_drafted(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b, catch_up=True)
    tick(at("2026-11-25 10:30"), e)  # the first sync happens before anything is due
    tick(at("2026-12-01 16:00"), e)
    b.user_sends_draft(THANKS, at("2026-12-01 16:05"))
    # The laptop sleeps until Sun Jan 10: check-in, second check-in and final are overdue.
    # Sunday is no business day: nothing until Monday 08:00, then only the check-in.
    assert tick(at("2027-01-10 12:00"), e).drafts == []
    s = tick(at("2027-01-11 08:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.CHECK_IN]
    key = s.drafts[0].action.key
    b.user_sends_draft(key, at("2027-01-11 09:00"))
    tick(at("2027-01-11 09:30"), e)
    [plan] = [p for p in e.store.plans() if p["process"] == "acme-backend-engineer"]
    assert plan["next_kind"] == "second_check_in"
    assert plan["next_due"] == "2027-01-25T08:00:00-05:00"  # timed from the late check-in


def test_after_downtime_the_check_in_is_timed_from_the_late_thank_you(tmp_path: Path) -> None:
    """Asleep from before the interview until both the thank-you and the check-in are overdue:
    the thank-you is drafted, and the check-in comes the wait after it (rule 12), not minutes
    after the user sends it."""
    b = mailbox_with_interview()  # Tue Dec 1 14:00-15:00
    e = engine(tmp_path / "w.db", b, catch_up=True)
    tick(at("2026-11-25 10:30"), e)
    assert [c.action.step for c in tick(at("2026-12-15 09:00"), e).drafts] == [StepKind.THANK_YOU]
    b.user_sends_draft(THANKS, at("2026-12-15 09:05"))
    assert tick(at("2026-12-15 09:10"), e).drafts == []
    [plan] = e.store.plans()
    assert (plan["next_kind"], plan["next_due"]) == ("check_in", "2026-12-22T08:00:00-05:00")


def test_a_lost_database_never_duplicates_a_draft_already_in_the_folder(tmp_path: Path) -> None:
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    assert b.created == 1
    # The state database is lost; a fresh one resyncs the same mailbox.
    e2 = engine(tmp_path / "fresh.db", b)
    s = tick(at("2026-12-01 16:30"), e2)
    assert s.drafts == [] and b.created == 1
    row = e2.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.CREATED and row.draft_id == "draft-1"


LONG = ("wide-world-importers-senior-product-designer/r1/c1/thank_you/"
        "jordan.lee18@wideworldimporters.com")


def long_key_mailbox(cls: type[MemoryBackend] = MemoryBackend) -> MemoryBackend:
    b = cls("main")
    b.deliver(confirmation_mail(role="Senior Product Designer", company="Wide World Importers",
                                sender="Jordan Lee <jordan.lee18@wideworldimporters.com>")[0])
    return b


def test_a_long_marker_folded_by_the_mail_writer_still_matches_its_key(tmp_path: Path) -> None:
    # A marker longer than a header line comes back folded and RFC 2047-encoded: it must
    # still be recognised, or the pending draft would look deleted (and a crash duplicate it).
    b = long_key_mailbox()
    e = engine(tmp_path / "w.db", b)
    s = tick(at("2026-12-01 16:00"), e)
    assert [c.action.key for c in s.drafts] == [LONG]
    tick(at("2026-12-01 17:00"), e)
    row = e.store.draft(LONG)
    assert row is not None and row.status is DraftStatus.CREATED
    assert list(b.list_drafts()) == [LONG]


def test_crash_after_creating_a_long_marker_draft_adopts_it(tmp_path: Path) -> None:
    b = long_key_mailbox(CrashAfterCreate)
    e = engine(tmp_path / "w.db", b)
    with pytest.raises(Crash):
        tick(at("2026-12-01 16:00"), e)
    healthy = MemoryBackend("main", messages=b.messages, drafts=b.drafts, created=b.created)
    assert tick(at("2026-12-01 16:05"), engine(tmp_path / "w.db", healthy)).drafts == []
    assert healthy.created == 1


def test_a_batch_is_read_in_date_order_across_folders(tmp_path: Path) -> None:
    # The backend lists Sent before INBOX: my answer would come before the request it
    # answers. Read in date order, it links to the process the request created.
    b = MemoryBackend("main")
    conf, mid = confirmation_mail()
    raw, _ = raw_mail(ALEX, JANE_H, "Re: Interview confirmed: Backend Engineer at Acme",
                      "2026-11-25 12:00", "Hi Jane,\r\n\r\nThank you, see you then.\r\n\r\nAlex",
                      in_reply_to=mid)
    b.deliver(raw, Folder.SENT)
    b.deliver(conf)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-26 09:00"), e)
    assert len(e.store.messages("acme-backend-engineer")) == 2


def test_header_check_keeps_replies_and_people_of_known_processes(tmp_path: Path) -> None:
    """Mail the classifier's cheap look would skip (a list header, no hiring word) is still
    fetched when it answers a known process's message or comes from one of its people."""
    from watcher.classify import prefilter
    from watcher.pipeline import _is_candidate

    b = MemoryBackend("main")
    raw, confirm_id = confirmation_mail()
    b.deliver(raw)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-25 11:00"), e)
    check = _is_candidate(e)
    bulk = {"List-Id": "<team.lists.example.org>", "Precedence": "list"}
    in_thread, _ = raw_mail("Someone <someone@lists.example.org>", ALEX, "hello", "2026-11-26 09:00",
                            "hi", in_reply_to=confirm_id, headers=bulk)
    from_jane, _ = raw_mail(JANE_H, ALEX, "hello", "2026-11-26 09:00", "hi", headers=bulk)
    stranger, _ = raw_mail("Someone <someone@lists.example.org>", ALEX, "hello",
                           "2026-11-26 09:00", "hi", headers=bulk)
    head = lambda raw: raw.split(b"\r\n\r\n")[0] + b"\r\n\r\n"  # noqa: E731
    assert not prefilter(head(in_thread), e.config.classify)  # the cheap look alone says no
    assert check(head(in_thread)) and check(head(from_jane))
    assert not check(head(stranger))


def _poisoned() -> MemoryBackend:
    """Mail from the year 9999, or naming an interview then: dates counted from them overflow."""
    bad = MemoryBackend("bad")
    bad.deliver(b"From: Recruiter <jobs@litware.com>\r\nTo: alex@example.com\r\n"
                b"Subject: Interview Confirmation: Engineer at Litware\r\n"
                b"Date: Fri, 27 Nov 9999 23:59:59 -1200\r\nMessage-ID: <a11@x>\r\n\r\n"
                b"Your interview is confirmed: Friday, December 31, 9999, 11:00 PM - 11:59 PM EST\r\n")
    raw, _ = confirmation_mail(slot="Friday, December 31, 9999, 11:00 PM - 11:59 PM EST",
                               company="Litware", sender="Rae Park <rae@litware.com>")
    bad.deliver(raw)
    return bad


def test_mail_from_or_about_the_year_9999_drafts_nothing_and_stops_nothing(tmp_path: Path) -> None:
    e = engine(tmp_path / "w.db", _poisoned(), mailbox_with_interview())
    s = tick(at("2026-12-01 16:00"), e)
    assert s.errors == [] and s.failed_accounts == []
    assert [c.action.key for c in s.drafts] == [THANKS]


def test_a_process_whose_stored_facts_break_the_policy_does_not_stop_the_others(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A fact stored by an older version (before dates were checked) with an interview in the
    year 9999: that process fails each pass, every other one is still drafted."""
    other = MemoryBackend("other")
    raw, _ = confirmation_mail(company="Litware", sender="Rae Park <rae@litware.com>")
    other.deliver(raw)
    e = engine(tmp_path / "w.db", other)
    tick(at("2026-11-26 08:00"), e)
    e.store.db.execute("UPDATE messages SET fact = replace(replace(fact, '2026-12-01T14:00:00-05:00',"
                       " '9999-12-31T22:00:00-05:00'), '2026-12-01T15:00:00-05:00',"
                       " '9999-12-31T23:00:00-05:00') WHERE fact IS NOT NULL")
    e.invalidate()
    e.backends["main"] = mailbox_with_interview()
    with caplog.at_level(logging.ERROR):
        s = tick(at("2026-12-01 16:00"), e)
    assert [c.action.key for c in s.drafts] == [THANKS]
    assert any("internal error (OverflowError)" in err for err in s.errors), s.errors
    assert "not advanced: unexpected OverflowError" in caplog.text


# --- the user's mail client: scheduled sends, edits that drop our marker, restored backups ---

def _find(b: MemoryBackend, key: str) -> StoredDraft:
    return next(d for d in b.drafts.values() if d.marker == key)


def _dated(raw: bytes, when: str) -> bytes:
    return re.sub(rb"(?im)^Date:[^\r\n]*\r?\n", f"Date: {format_datetime(at(when))}\r\n".encode(),
                  raw, count=1)


def _sent_thank_you(e: Engine, b: MemoryBackend) -> None:
    tick(at("2026-12-01 16:00"), e)
    d = _find(b, THANKS)
    del b.drafts[d.id]
    b.deliver(_dated(d.raw, "2026-12-01 16:20"), Folder.SENT, d.draft.thread_id)
    tick(at("2026-12-01 16:30"), e)


CHECK_IN = "acme-backend-engineer/r1/c1/check_in"


@pytest.mark.parametrize("marker_kept", [True, False])
def test_a_check_in_that_leaves_drafts_before_its_copy_reaches_sent_was_sent(
        tmp_path: Path, marker_kept: bool) -> None:
    """"Send later" (or a client that deletes a draft before saving its edit, or one that
    drops our marker when it saves) takes the check-in out of Drafts a pass before its copy
    lands in Sent. It was sent, not skipped: the second check-in comes next, not the final."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    _sent_thank_you(e, b)
    assert [c.action.key for c in tick(at("2026-12-08 08:00"), e).drafts] == [CHECK_IN]
    d = _find(b, CHECK_IN)
    del b.drafts[d.id]  # scheduled for tomorrow 08:30
    tick(at("2026-12-08 10:00"), e)
    row = e.store.draft(CHECK_IN)
    assert row is not None and row.status is DraftStatus.DELETED  # what the pass could see
    raw = _dated(d.raw, "2026-12-09 08:30")
    if not marker_kept:
        raw = re.sub(rb"(?im)^X-Watcher-Step:[^\r\n]*\r?\n", b"", raw)
    b.deliver(raw, Folder.SENT, d.draft.thread_id)
    tick(at("2026-12-09 09:00"), e)
    if marker_kept:
        row = e.store.draft(CHECK_IN)
        assert row is not None and row.status is DraftStatus.SENT
    ps = e.state("acme-backend-engineer")
    assert ps.steps_done == {StepKind.CHECK_IN: at("2026-12-09 08:30")}
    made = [c.action.step for c in tick(at("2026-12-23 08:00"), e).drafts]
    assert made == [StepKind.SECOND_CHECK_IN]


def test_a_restored_backup_never_drafts_a_step_already_sent(tmp_path: Path) -> None:
    """The state database is restored from before the check-in was made; its sent copy (with
    our marker) is in Sent: the step is recorded as sent, never drafted again (rule 7)."""
    import shutil

    b = mailbox_with_interview()
    db = tmp_path / "w.db"
    e = engine(db, b)
    _sent_thank_you(e, b)
    e.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(db, tmp_path / "backup.db")
    tick(at("2026-12-08 08:00"), e)
    d = _find(b, CHECK_IN)
    del b.drafts[d.id]
    b.deliver(_dated(d.raw, "2026-12-08 09:00"), Folder.SENT, d.draft.thread_id)
    tick(at("2026-12-08 09:30"), e)
    e.store.close()
    for f in tmp_path.glob("w.db*"):
        f.unlink()
    shutil.copy(tmp_path / "backup.db", db)
    e = engine(db, b)
    assert tick(at("2026-12-08 10:00"), e).drafts == []
    assert b.drafts == {}
    row = e.store.draft(CHECK_IN)
    assert row is not None and row.status is DraftStatus.SENT


class FailsSecondAppend(MemoryBackend):
    calls = 0

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        self.calls += 1
        if self.calls == 2:
            raise TransientError("connection lost during APPEND")
        return super().create_draft(draft, raw)


def test_a_panel_s_thank_yous_are_all_made_when_one_append_fails(tmp_path: Path) -> None:
    """Three interviewers: the second APPEND fails. The next pass makes the two that are
    missing (they are one step, made together), instead of giving one up as obsolete and
    holding the other until the user sends the first."""
    raw = (Path(__file__).parent / "scenarios" / "05-panel-of-three" / "mailbox.mbox").read_bytes()
    msg = raw.split(b"\nFrom ")[0].split(b"\n", 1)[1].replace(b"\n", b"\r\n")
    b = FailsSecondAppend("main")
    b.deliver(msg)
    c = dataclasses.replace(cfg(), me=MeConfig(name="Alex Wong", addresses=("alex.wong@gmail.com",)))
    e = Engine(c, Store(tmp_path / "w.db"), {"main": b})
    tick(at("2026-10-20 09:00"), e)
    first = tick(at("2026-10-22 15:30"), e)
    assert len(first.drafts) == 1 and first.errors
    second = tick(at("2026-10-22 15:35"), e)
    assert len(second.drafts) == 2 and not second.errors
    assert len(b.drafts) == 3
    assert {r.status for r in e.store.drafts()} == {DraftStatus.CREATED}


def test_after_a_first_sync_skipped_the_check_in_the_next_one_claims_no_earlier_note(
        tmp_path: Path) -> None:
    """The first sync skips the check-in that fell due weeks ago; the user never wrote after
    the interview: the second check-in it drafts must not say "I am writing again"."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b, catch_up=True)
    s = tick(at("2026-12-23 12:00"), e)
    assert [c.action.step for c in s.drafts] == [StepKind.SECOND_CHECK_IN]
    body = s.drafts[0].draft.body
    assert "writing again" not in body and "my last note" not in body and "I interviewed" in body


def test_a_first_draft_that_could_not_be_composed_is_tried_again_next_pass(tmp_path: Path) -> None:
    """The first draft of a new process failed before its intent was recorded (a broken user
    template): the process had no plan yet, so no later pass looked at it again until new
    mail came. It is tried on the next pass, and made once the template is fixed."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "thank_you.txt").write_text("no subject line\nbody\n")
    b = mailbox_with_interview()
    e = Engine(dataclasses.replace(cfg(), templates_dir=templates), Store(tmp_path / "w.db"),
               {"main": b}, catch_up=False)
    first = tick(at("2026-12-01 16:00"), e)
    assert first.drafts == [] and any("acme" in err for err in first.errors)
    assert e.store.due_processes(at("2026-12-01 16:01"))  # still due: tried again
    (templates / "thank_you.txt").unlink()
    second = tick(at("2026-12-01 16:30"), e)
    assert [c.action.key for c in second.drafts] == [THANKS] and second.errors == []


def test_quiet_hours_edited_between_two_scans_move_the_stored_plans(tmp_path: Path) -> None:
    """Each `watcher scan` builds a new engine: a plan stored under the old quiet hours (the
    thank-you held until 23:00) must not outlive an edit that lets it be made now."""
    from datetime import time

    base = cfg()
    strict = dataclasses.replace(base, schedule=dataclasses.replace(
        base.schedule, quiet_hours=(time(12, 0), time(23, 0))))
    relaxed = dataclasses.replace(base, schedule=dataclasses.replace(base.schedule, quiet_hours=None))
    b = mailbox_with_interview()
    db = tmp_path / "w.db"
    s1 = tick(at("2026-12-01 15:30"), Engine(strict, Store(db), {"main": b}, catch_up=False))
    assert s1.drafts == []
    s2 = tick(at("2026-12-01 16:30"), Engine(relaxed, Store(db), {"main": b}, catch_up=False))
    assert [c.action.key for c in s2.drafts] == [THANKS]


def test_a_manual_command_committed_during_a_pass_is_seen_by_the_next(tmp_path: Path) -> None:
    """`watcher ignore` (another connection) commits while the daemon's pass runs: the next
    pass must drop its caches, or the ignored thread stays linked for the daemon's life."""
    db = tmp_path / "w.db"

    class CommandDuringPass(MemoryBackend):
        passes = 0

        def sync(self, cursor: str | None, is_candidate: object,
                 on_bodies: object = None, on_size: object = None) -> SyncBatch:
            self.passes += 1
            if self.passes == 2:
                other = Store(db)
                with other.transaction():
                    other.add_ignore("<some-thread@acme.com>", at("2026-12-01 16:29"))
                other.close()
            return super().sync(cursor, is_candidate)  # type: ignore[arg-type]

    b = CommandDuringPass("main")
    raw, _ = confirmation_mail()
    b.deliver(raw)
    e = engine(db, b)
    tick(at("2026-12-01 16:00"), e)  # builds the index
    tick(at("2026-12-01 16:30"), e)  # the command commits during this pass
    assert "<some-thread@acme.com>" not in e.index.ignored  # the index built before it
    e._check_outside_writes()  # what the next pass starts with
    assert "<some-thread@acme.com>" in e.index.ignored


# -- several accounts ----------------------------------------------------------------------------

class Down(MemoryBackend):
    """An account whose server can be taken down (`down`) and brought back."""

    down: bool = False

    def sync(self, cursor: str | None, is_candidate: Any, on_bodies: Any = None,
             on_size: Any = None) -> SyncBatch:
        if self.down:
            raise TransientError(f"{self.name} down")
        return super().sync(cursor, is_candidate, on_bodies, on_size)

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        if self.down:
            raise TransientError(f"{self.name} down")
        return super().list_drafts(known)

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        if self.down:
            raise TransientError(f"{self.name} down")
        return super().create_draft(draft, raw)


def _jane_replies(*boxes: MemoryBackend, thread_id: str | None = None) -> None:
    raw, _ = raw_mail(JANE_H, ALEX, "Re: Thank you for the Backend Engineer interview",
                      "2026-12-03 10:00", "Hi Alex,\r\n\r\nThank you for interviewing with us. "
                      "We will be in touch by Friday, December 11.\r\n\r\nJane\r\nAcme")
    for box in boxes:
        box.deliver(raw, thread_id=thread_id)


def test_a_message_read_in_two_accounts_is_one_event(tmp_path: Path) -> None:
    """The same mailbox configured twice (Gmail and the same Gmail over IMAP), or mail sent to
    two of my addresses: a reply read late in the second account must not count again (it
    would start a new reply cycle, and re-draft the check-in the user deleted, rule 2)."""
    a, b = MemoryBackend("gmail"), Down("gmail-imap")
    raw, _ = confirmation_mail()
    a.deliver(raw)
    b.deliver(raw)
    e = engine(tmp_path / "w.db", a, b)
    tick(at("2026-12-01 16:00"), e)
    a.user_sends_draft(THANKS, at("2026-12-01 16:10"))
    b.down = True
    _jane_replies(a, b)
    tick(at("2026-12-03 11:00"), e)
    (check_in,) = [c.action.key for c in tick(at("2026-12-14 08:00"), e).drafts]
    a.user_deletes_draft(check_in)
    tick(at("2026-12-14 10:00"), e)
    b.down = False  # its copy of the reply is read now
    made = [c.action.key for t in ("2026-12-14 11:00", "2026-12-15 08:00", "2026-12-21 08:00")
            for c in tick(at(t), e).drafts]
    assert made == []  # not r1/c3/check_in: the deleted step stays skipped
    assert len([m for m in e.store.messages("acme-backend-engineer")
                if m.kind is Kind.EMPLOYER_REPLY]) == 1


def test_a_check_in_goes_to_the_account_holding_the_message_it_answers(tmp_path: Path) -> None:
    """Not to the account read last: the reply's thread (a Gmail thread id) is in the first."""
    a, b = MemoryBackend("gmail"), MemoryBackend("gmail2")
    a.deliver(confirmation_mail()[0], thread_id="TA")
    e = engine(tmp_path / "w.db", a, b)
    tick(at("2026-12-01 16:00"), e)
    a.user_sends_draft(THANKS, at("2026-12-01 16:10"))
    tick(at("2026-12-01 16:20"), e)
    _jane_replies(a, thread_id="TA")
    note, _ = raw_mail(ALEX, "Bob Roe <bob@acme.com>", "Backend Engineer: the repository",
                       "2026-12-02 09:00", "Hi Bob,\r\n\r\nHere is the link to the repository "
                       "we discussed in the interview.\r\n\r\nAlex", headers={"Cc": JANE_H})
    b.deliver(note, Folder.SENT, thread_id="TB")
    tick(at("2026-12-03 11:00"), e)
    (made,) = tick(at("2026-12-14 08:00"), e).drafts
    assert made.draft.thread_id == "TA" and made.action.key in a.list_drafts()
    assert b.list_drafts() == {}


def test_an_account_down_holds_back_only_its_own_drafts(tmp_path: Path) -> None:
    """An interrupted draft of one account waits for it; another account's is made meanwhile,
    and nothing goes to a mailbox it does not belong to."""
    work, personal = Down("work"), MemoryBackend("personal")
    work.deliver(confirmation_mail()[0])
    bill, _ = confirmation_mail(sender="Bill Lumbergh <bill@initech.com>", company="Initech",
                                role="Data Engineer")
    personal.deliver(bill)
    e = engine(tmp_path / "w.db", work, personal)
    tick(at("2026-12-01 15:30"), e)
    work.down = personal.fail_create = True
    tick(at("2026-12-01 16:00"), e)  # both thank-yous owed, neither made
    personal.fail_create = False
    s = tick(at("2026-12-01 16:05"), e)
    assert [c.action.key for c in s.drafts] == ["initech-data-engineer/r1/c1/thank_you/bill@initech.com"]
    assert list(personal.list_drafts()) == ["initech-data-engineer/r1/c1/thank_you/bill@initech.com"]
    work.down = False
    assert [c.action.key for c in tick(at("2026-12-01 17:00"), e).drafts] == [THANKS]
    assert list(work.list_drafts()) == [THANKS]


def _work_and_personal(tmp_path: Path, first: str) -> tuple[MemoryBackend, MemoryBackend, Engine]:
    """Accounts "work" (with Acme's interview) and "personal", after a first pass at `first`."""
    work, personal = MemoryBackend("work"), MemoryBackend("personal")
    work.deliver(confirmation_mail()[0])
    e = engine(tmp_path / "w.db", work, personal)
    tick(at(first), e)
    return work, personal, e


def _restarted(e: Engine, tmp_path: Path, names: tuple[str, ...], *opened: MemoryBackend) -> Engine:
    """`e`'s store, restarted with accounts `names` in the config, of which only `opened` open."""
    accounts = tuple(AccountConfig(n, "maildir", path=tmp_path / n) for n in names)
    return Engine(dataclasses.replace(cfg(), accounts=accounts), e.store, {b.name: b for b in opened})


def test_an_account_that_cannot_be_opened_keeps_its_drafts(tmp_path: Path) -> None:
    """An account of the config that is not open (a Maildir on a disk not mounted at start):
    its process's draft waits for it instead of going to the other account."""
    work, personal, e = _work_and_personal(tmp_path, "2026-12-01 15:30")
    e2 = _restarted(e, tmp_path, ("work", "personal"), personal)
    assert tick(at("2026-12-01 16:00"), e2).drafts == []
    assert personal.list_drafts() == {}
    (waiting,) = [p["waiting_for"] for p in e.store.plans()]
    assert waiting.startswith("thank-you draft not made yet: its account could not be reached")
    e3 = Engine(e2.config, e.store, {"work": work, "personal": personal})
    assert [c.action.key for c in tick(at("2026-12-01 16:30"), e3).drafts] == [THANKS]
    assert list(work.list_drafts()) == [THANKS]


@pytest.mark.parametrize("renamed", [True, False])
def test_a_draft_of_an_account_taken_out_of_the_config_no_longer_blocks(
        tmp_path: Path, renamed: bool) -> None:
    """Renamed ("work" -> "job", the same mailbox): its draft is found there and adopted.
    Removed: it is in no open account, so it counts as gone and the next step is made."""
    work, personal, e = _work_and_personal(tmp_path, "2026-12-01 16:00")
    assert list(work.list_drafts()) == [THANKS]
    boxes = [personal]
    if renamed:
        work.name = "job"
        boxes.append(work)
    e2 = Engine(cfg(), e.store, {b.name: b for b in boxes})
    tick(at("2026-12-01 16:30"), e2)
    row = e.store.draft(THANKS)
    assert row is not None
    if renamed:
        assert (row.status, row.account) == (DraftStatus.CREATED, "job")
    else:
        assert row.status is DraftStatus.DELETED
        made = tick(at("2026-12-08 08:00"), e2).drafts
        assert [c.action.key for c in made] == ["acme-backend-engineer/r1/c1/check_in"]
        assert list(personal.list_drafts()) == ["acme-backend-engineer/r1/c1/check_in"]


def _thank_you_from(sender: str) -> bytes:
    raw, _ = raw_mail(sender, JANE_H, "Thank you for the Backend Engineer interview",
                      "2026-12-01 15:40", "Dear Jane,\r\n\r\nThank you for taking the time to "
                      "discuss the Backend Engineer role with me today.\r\n\r\nBest,\r\nAlex")
    return raw


@pytest.mark.parametrize("how", ["read first", "other account down"])
def test_a_thank_you_sent_from_another_account_counts_whatever_the_order(
        tmp_path: Path, how: str) -> None:
    """The confirmation came to one account, the thank-you went out from another, which is
    read first (listed first in the config, or the first one was down for a pass)."""
    work, personal = MemoryBackend("work"), Down("personal")
    personal.deliver(confirmation_mail()[0])
    work.deliver(_thank_you_from("Alex Wong <alex@work.com>"), Folder.SENT)
    me = MeConfig(name="Alex Wong", addresses=("alex@example.com", "alex@work.com"))
    e = Engine(dataclasses.replace(cfg(), me=me), Store(tmp_path / "w.db"),
               {"work": work, "personal": personal})
    if how == "other account down":
        personal.down = True
        tick(at("2026-12-01 15:45"), e)
        personal.down = False
    made = [c.action.key for t in ("2026-12-01 16:00", "2026-12-01 17:00")
            for c in tick(at(t), e).drafts]
    assert made == []  # the thank-you was sent: none is drafted
    kinds = [(m.direction.value, m.kind.value) for m in e.store.messages("acme-backend-engineer")]
    assert ("sent", "thank_you") in kinds


@pytest.mark.parametrize("thanked", [True, False])
def test_a_batch_that_fails_after_a_chunk_drafts_nothing_from_half_of_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, thanked: bool) -> None:
    """A batch failing in its second chunk (the database locked by another program) leaves
    the first chunk committed: its process waits for the pass that reads the rest, where the
    user's own thank-you may be (one was drafted beside it). Without one, the next pass
    drafts it: held is not lost."""
    import sqlite3

    monkeypatch.setattr(pipeline, "COMMIT_EVERY", 2)
    b = MemoryBackend("main")
    b.deliver(confirmation_mail()[0])  # Nov 25
    lunch, _ = raw_mail("Sam Lee <sam@lunch.example>", ALEX, "Lunch", "2026-11-26 12:00", "See you.")
    b.deliver(lunch)
    odd, _ = raw_mail("Sam Lee <sam@lunch.example>", ALEX, "Odd", "2026-12-01 15:35", "x",
                      mid="<odd@lunch.example>")
    b.deliver(odd)
    if thanked:
        b.deliver(_thank_you_from(ALEX), Folder.SENT)  # Dec 1 15:40
    real = pipeline._ingest
    fails = [1]

    def locked_once(engine_: Any, account: str, rm: Any, *a: Any, **k: Any) -> None:
        if rm.raw and b"<odd@lunch.example>" in rm.raw and fails[0]:
            fails[0] = 0
            raise sqlite3.OperationalError("database is locked")
        real(engine_, account, rm, *a, **k)

    monkeypatch.setattr(pipeline, "_ingest", locked_once)
    e = engine(tmp_path / "w.db", b)
    first = tick(at("2026-12-01 16:00"), e)
    assert first.failed_accounts == ["main"] and first.drafts == []
    (p,) = e.store.plans()
    assert p["next_due"] is not None  # kept due: the next pass looks at it again
    second = tick(at("2026-12-01 16:01"), e)
    assert second.errors == []
    thanks = "acme-backend-engineer/r1/c1/thank_you/jane@acme.com"
    assert [c.action.key for c in second.drafts] == ([] if thanked else [thanks])


def test_a_failed_batch_holds_a_process_another_account_changed_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Account a reads the confirmation; account b's first chunk reads Jane's note on it, then
    b fails before the user's own thank-you: the process is b's to hold too (it was not, being
    already changed by a, and its thank-you was drafted beside the user's)."""
    import sqlite3

    monkeypatch.setattr(pipeline, "COMMIT_EVERY", 2)
    a, b = MemoryBackend("a"), MemoryBackend("b")
    conf, mid = confirmation_mail()
    a.deliver(conf)
    note, _ = raw_mail(JANE_H, ALEX, "Re: Interview confirmed: Backend Engineer at Acme",
                       "2026-11-26 09:00", "Hi Alex,\r\n\r\nLooking forward to Tuesday.\r\n\r\nJane",
                       in_reply_to=mid)
    lunch, _ = raw_mail("Sam Lee <sam@lunch.example>", ALEX, "Lunch", "2026-11-26 12:00", "See you.")
    odd, _ = raw_mail("Sam Lee <sam@lunch.example>", ALEX, "Odd", "2026-12-01 15:35", "x",
                      mid="<odd@lunch.example>")
    for raw in (note, lunch, odd):
        b.deliver(raw)
    b.deliver(_thank_you_from(ALEX), Folder.SENT)  # Dec 1 15:40, in b's unread tail
    real = pipeline._ingest

    def locked(engine_: Any, account: str, rm: Any, *args: Any, **kw: Any) -> None:
        if rm.raw and b"<odd@lunch.example>" in rm.raw:
            raise sqlite3.OperationalError("database is locked")
        real(engine_, account, rm, *args, **kw)

    monkeypatch.setattr(pipeline, "_ingest", locked)
    e = Engine(cfg(), Store(tmp_path / "w.db"), {"a": a, "b": b})
    s = tick(at("2026-12-01 16:00"), e)
    assert s.failed_accounts == ["b"] and s.held == {"acme-backend-engineer"}
    assert s.drafts == [] and s.processes_changed == {"acme-backend-engineer"}


def test_a_big_batch_is_committed_in_chunks_and_a_crash_between_them_loses_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The service holds the write lock a chunk at a time (the CLI's commands wait at most 5
    s for it); a pass stopped after some chunks leaves the cursor where it was, and the next
    pass stores the rest, re-plans what the first chunks changed, and drafts once."""
    monkeypatch.setattr(pipeline, "COMMIT_EVERY", 100)
    b = MemoryBackend("main")
    tick(at("2026-11-19 09:00"), engine(tmp_path / "w.db", b))  # a pass on an empty mailbox
    b.deliver(confirmation_mail()[0])
    for i in range(320):
        raw, _ = raw_mail("Sam Lee <sam@lunch.example>", ALEX, f"Lunch {i}", "2026-11-26 12:00",
                          "See you there.", mid=f"<lunch-{i}@lunch.example>")
        b.deliver(raw)
    e = engine(tmp_path / "w.db", b)
    before = e.store.cursor("main")
    commits: list[str] = []
    e.store.db.set_trace_callback(lambda sql: commits.append(sql) if sql == "COMMIT" else None)
    real = pipeline._ingest
    calls = [0]

    def dies_in_the_third_chunk(*args: Any, **kw: Any) -> None:
        calls[0] += 1
        if calls[0] == 250:
            raise Crash
        real(*args, **kw)

    monkeypatch.setattr(pipeline, "_ingest", dies_in_the_third_chunk)
    with pytest.raises(Crash):
        tick(at("2026-12-01 15:30"), e)
    # the pass's opening mark (plans stale until it ends), then two chunks of 100 before the crash
    assert len(commits) == 3
    assert e.store.cursor("main") == before
    monkeypatch.setattr(pipeline, "_ingest", real)
    e2 = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 15:31"), e2)
    assert e2.store.message_count() == 321 and e2.store.cursor("main") != before
    (p,) = e2.store.plans()
    assert p["next_kind"] == "thank_you"  # planned, though its process came in the first chunk
    assert [c.action.key for c in tick(at("2026-12-01 16:00"), e2).drafts] == [THANKS]
    assert tick(at("2026-12-01 16:30"), e2).drafts == []


def test_a_deleted_draft_taken_back_out_of_the_trash_is_pending_again(tmp_path: Path) -> None:
    """Seen deleted by one pass, then back in Drafts (restored from the trash, a delete
    undone): it holds the next step back again (rule 1), and is never made a second time."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    (kept,) = b.drafts.values()
    b.user_deletes_draft(THANKS)
    tick(at("2026-12-01 17:00"), e)
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.DELETED
    b.drafts[kept.id] = kept  # restored
    tick(at("2026-12-02 09:00"), e)
    row = e.store.draft(THANKS)
    assert row is not None and (row.status, row.settled_at) == (DraftStatus.CREATED, None)
    assert tick(at("2026-12-08 08:00"), e).drafts == []  # the check-in waits on it
    assert len(b.drafts) == 1


def test_a_removed_accounts_draft_is_not_counted_gone_while_an_account_is_not_open(
        tmp_path: Path) -> None:
    """Renamed "work" -> "job", and "job" cannot be opened at this start: its drafts may be
    there, so nothing is decided about them until it is open."""
    work, personal, e = _work_and_personal(tmp_path, "2026-12-01 16:00")
    e2 = _restarted(e, tmp_path, ("job", "personal"), personal)
    tick(at("2026-12-01 16:30"), e2)
    row = e.store.draft(THANKS)
    assert row is not None and (row.status, row.account) == (DraftStatus.CREATED, "work")
    work.name = "job"
    e3 = Engine(e2.config, e.store, {"job": work, "personal": personal})
    tick(at("2026-12-01 17:00"), e3)
    row = e.store.draft(THANKS)
    assert row is not None and (row.status, row.account) == (DraftStatus.CREATED, "job")


_ATS_CONFIRMS = (
    "From: Orbital Freight <no-reply@greenhouse.io>\r\nTo: Alex Wong <alex@example.com>\r\n"
    "Subject: Interview Confirmation: Logistics Analyst at Orbital Freight\r\n"
    "Date: Thu, 26 Nov 2026 12:00:00 -0500\r\nMessage-ID: <ats-1@greenhouse.io>\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n\r\nHi Alex,\r\n\r\nYour interview for the "
    "Logistics Analyst role at Orbital Freight is confirmed.\r\n\r\nWhen: Tuesday, December 1, "
    "2026, 2:00 PM - 2:45 PM EST\r\nWhere: Video call\r\nInterviewer: Nina Alvarez{addr}\r\n\r\n"
    "Please do not reply to this message.\r\n")
_PERSON_CONFIRMS = (
    "From: Nina Alvarez <nina.alvarez@orbitalfreight.com>\r\nTo: Alex Wong <alex@example.com>\r\n"
    "Subject: Looking forward to Tuesday\r\nDate: Fri, 27 Nov 2026 09:00:00 -0500\r\n"
    "Message-ID: <nina-1@orbitalfreight.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hi Alex,\r\n\r\nJust a quick note ahead of our interview for the Logistics Analyst role on "
    "Tuesday, December 1 at 2:00 PM EST. Feel free to bring any questions.\r\n\r\nBest,\r\n"
    "Nina Alvarez\r\nLogistics Manager\r\n")


@pytest.mark.parametrize("addr", [" <nina.alvarez@orbitalfreight.com>", ""])
def test_one_interview_confirmed_by_an_ats_and_by_a_person_is_one_process(
        tmp_path: Path, addr: str) -> None:
    """The system's mail names the company; the interviewer's own has only her domain (no
    longer made into a company, "Orbitalfreight", that set them apart) and, without her
    address in the system's mail, only the same start and role to go by: one process, one
    thank-you to her (there were two of everything)."""
    b = MemoryBackend("main")
    b.deliver(_ATS_CONFIRMS.format(addr=addr).encode())
    b.deliver(_PERSON_CONFIRMS.encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-30 09:00"), e)
    assert [p.key for p in e.store.processes()] == ["orbital-freight-logistics-analyst"]
    made = tick(at("2026-12-01 16:00"), e).drafts
    assert [c.action.key for c in made] == [
        "orbital-freight-logistics-analyst/r1/c1/thank_you/nina.alvarez@orbitalfreight.com"]


_NOTE = ("Hi Alex,\r\n\r\nJust a quick note ahead of our interview for the Backend Engineer role "
         "on Tuesday, December 1 at 2:00 PM EST. Feel free to bring any questions.\r\n\r\nBest,"
         "\r\nSam Park\r\nEngineering Manager\r\n")
_ATS_NOTE = ("Hi Alex,\r\n\r\nYour interview for the Backend Engineer role is confirmed for "
             "Tuesday, December 1 at 2:00 PM EST. Interviewer: Sam Park\r\n")


@pytest.mark.parametrize(("moved", "sender", "body"), [
    (False, "Sam Park <sam.park@globex.com>", _NOTE),  # another employer's domain, same start
    (True, "Recruiting <no-reply@greenhouse.io>", _ATS_NOTE),  # no domain: a slot Acme freed
])
def test_another_employers_interview_at_the_same_start_is_another_process(
        tmp_path: Path, moved: bool, sender: str, body: str) -> None:
    """The same-start rule is for one employer's interview confirmed twice: another employer
    at that time (or at a slot Acme's reschedule freed) joined Acme's process and the user's
    thank-you for it went unnoticed."""
    b = MemoryBackend("main")
    b.deliver(confirmation_mail("2026-11-20 10:00")[0])  # Acme, Tue Dec 1 2 PM
    if moved:
        b.deliver(confirmation_mail("2026-11-23 10:00",
                                    slot="Thursday, December 3, 2026, 2:00 PM - 3:00 PM EST")[0])
    note, _ = raw_mail(sender, ALEX, "Looking forward to Tuesday", "2026-11-27 09:00", body)
    b.deliver(note)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-27 10:00"), e)
    assert len(e.store.processes()) == 2


_SECOND_ROUND = (
    "From: Nina Alvarez <nina.alvarez@orbitalfreight.com>\r\nTo: Alex Wong <alex@example.com>\r\n"
    "Subject: {subject}\r\nDate: Fri, 27 Nov 2026 11:00:00 -0500\r\n"
    "Message-ID: <nina-2@orbitalfreight.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hi Alex,\r\n\r\n{text} Thursday, December 3 at 10:00 AM EST.\r\n\r\nBest,\r\n"
    "Nina Alvarez\r\nLogistics Manager\r\n")


@pytest.mark.parametrize("ats_too", [False, True])
def test_a_second_round_booked_ahead_of_the_first_is_another_round(
        tmp_path: Path, ats_too: bool) -> None:
    """"Your second interview is confirmed for Thursday", before Tuesday's first: it moved the
    first (a reschedule), and Tuesday's interviewer was never thanked. Both are thanked, in
    order; the applicant-tracking system's mail about round 1 joins the same process."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Nov 27 09:00: Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject="Second interview: Logistics Analyst", text="Your "
              "second interview for the Logistics Analyst role is confirmed for").encode())
    if ats_too:
        b.deliver(_ATS_CONFIRMS.format(addr="").replace("Thu, 26 Nov", "Sat, 28 Nov").encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    (proc,) = [p.key for p in e.store.processes()]
    first = [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts]
    assert first == [f"{proc}/r1/c1/thank_you/nina.alvarez@orbitalfreight.com"]
    b.user_sends_draft(first[0], at("2026-12-01 17:00"))
    second = [c.action.key for c in tick(at("2026-12-03 12:00"), e).drafts]
    assert second == [f"{proc}/r2/c2/thank_you/nina.alvarez@orbitalfreight.com"]


_CANCEL = (
    "From: Nina Alvarez <nina.alvarez@orbitalfreight.com>\r\nTo: Alex Wong <alex@example.com>\r\n"
    "Subject: Interview cancelled\r\nDate: Sat, 28 Nov 2026 09:00:00 -0500\r\n"
    "Message-ID: <nina-3@orbitalfreight.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
    "Hi Alex,\r\n\r\nI'm sorry, but we have to cancel {which}. We will be in touch about "
    "a new time.\r\n\r\nBest,\r\nNina Alvarez\r\nLogistics Manager\r\n")


@pytest.mark.parametrize(("which", "thanked"), [
    ("your interview on Tuesday, December 1 at 2:00 PM EST", "r2"),
    ("your second interview on Thursday, December 3 at 10:00 AM EST", "r1"),
    ("your interview", "r2"),  # not said which: the nearer one
    # the round named and its day, or just its day: that one
    ("your second interview", "r1"),
    ("your final interview", "r1"),
    ("your second interview on Thursday, December 3", "r1"),
    ("Thursday's interview", "r1"),
    # the time that goes ahead, or one proposed instead, is not the one cancelled
    ("your second interview; your interview on Tuesday, December 1 at 2:00 PM EST goes ahead "
     "as planned", "r1"),
    ("Thursday's interview. Since you are already with us on Tuesday, December 1 at 2:00 PM EST, "
     "could we cover both then", "r1"),
    # a replacement named with it is not the one cancelled (review12)
    ("your interview, but we will set up another interview soon", "r2"),
    ("the interview and book another round once Nina is back", "r2"),
    # "the 2nd interview" is no 2nd of the month
    ("the 2nd interview", "r1"),
    # the sentence goes on to another time
    ("the interview on Thursday and move it to Tuesday at 4 PM", "r1"),
    ("Thursday's interview, we will see you on Tuesday as planned", "r1"),
    # ... or interrupts itself before the verb: the sentence names what is cancelled
    ("SENTENCE:Your interview on Thursday, December 3, as you may have heard, has been "
     "cancelled", "r1"),
])
def test_cancelling_one_of_two_rounds_booked_ahead_keeps_the_other(
        tmp_path: Path, which: str, thanked: str) -> None:
    """Two rounds booked ahead (Tuesday, Thursday); the mail cancels one of them, by the time it
    names: the other still happens and its interviewer is thanked (both were cancelled)."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject="Second interview", text="Your second interview for "
              "the Logistics Analyst role is confirmed for").encode())  # Thu Dec 3, 10 AM
    cancel = _CANCEL.format(which=which)
    if which.startswith("SENTENCE:"):
        cancel = _CANCEL.replace("I'm sorry, but we have to cancel {which}.", which[9:] + ".")
    b.deliver(cancel.encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    made = [c.action.key.split("/", 1)[1] for c in tick(at("2026-12-01 16:00"), e).drafts]
    made += [c.action.key.split("/", 1)[1] for c in tick(at("2026-12-03 12:00"), e).drafts]
    assert made == [f"{thanked}/c{thanked[1]}/thank_you/nina.alvarez@orbitalfreight.com"]


@pytest.mark.parametrize(("sent", "which"), [
    ("Tue, 1 Dec 2026 09:00:00 -0500", "today's interview"),
    ("Tue, 1 Dec 2026 14:05:00 -0500", "our interview today at 2:00 PM; Nina is ill"),
    ("Tue, 1 Dec 2026 14:05:00 -0500", "today's interview; Nina is ill"),
    ("Mon, 30 Nov 2026 09:00:00 -0500", "tomorrow; could we do Thursday instead?"),
])
def test_a_cancellation_on_the_day_or_in_the_slot_cancels_that_interview(
        tmp_path: Path, sent: str, which: str) -> None:
    """Sent that morning, or minutes into the slot (the interviewer ill): Tuesday's interview
    is cancelled, not Thursday's, and is not thanked (review12)."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject="Second interview", text="Your second interview for "
              "the Logistics Analyst role is confirmed for").encode())  # Thu Dec 3, 10 AM
    b.deliver(_CANCEL.format(which=which).replace("Sat, 28 Nov 2026 09:00:00 -0500", sent).encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    made = [c.action.key.split("/", 1)[1] for c in tick(at("2026-12-01 16:00"), e).drafts]
    made += [c.action.key.split("/", 1)[1] for c in tick(at("2026-12-03 12:00"), e).drafts]
    assert made == ["r2/c2/thank_you/nina.alvarez@orbitalfreight.com"]


@pytest.mark.parametrize("text", [
    "Maria is travelling on Thursday. Your second interview will instead be on",
    "Maria is travelling on Thursday, so your second interview will now be",
    "Thursday no longer works for Maria, so your second interview is now on",
    "Instead of Thursday, your second interview will be on",
    "Sorry if this is short notice but your second interview will now take place on",
])
def test_a_round_booked_ahead_moved_is_not_a_third(tmp_path: Path, text: str) -> None:
    """Round 2 (Thursday) moved to Friday: no thank-you on Thursday for an interview that
    moved, one on Friday, as round 2 (review12)."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject="Second interview", text="Your second interview for "
              "the Logistics Analyst role is confirmed for").encode())  # Thu Dec 3, 10 AM
    b.deliver(_SECOND_ROUND.format(subject="Second interview", text=text).replace(
        "Thursday, December 3", "Friday, December 4").replace("<nina-2@", "<nina-9@").encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    first = [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts]
    b.user_sends_draft(first[0], at("2026-12-01 17:00"))
    assert tick(at("2026-12-03 16:00"), e).drafts == []
    made = [c.action.key.split("/", 1)[1] for c in tick(at("2026-12-04 16:00"), e).drafts]
    assert made == ["r2/c2/thank_you/nina.alvarez@orbitalfreight.com"]


def test_a_cancellation_after_the_first_round_cancels_the_one_ahead(tmp_path: Path) -> None:
    """"Thank you again for your interview on Tuesday ... we have to cancel your second
    interview": the held Tuesday stays held, and Thursday's, which never happens, gets no
    thank-you (review11)."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject="Second interview", text="Your second interview for "
              "the Logistics Analyst role is confirmed for").encode())  # Thu Dec 3, 10 AM
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    first = [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts]
    assert [k.split("/", 1)[1] for k in first] == ["r1/c1/thank_you/nina.alvarez@orbitalfreight.com"]
    b.user_sends_draft(first[0], at("2026-12-01 17:00"))
    b.deliver(_CANCEL.format(which="your second interview").replace(
        "Sat, 28 Nov 2026", "Wed, 2 Dec 2026").replace(
        "Hi Alex,\r\n\r\n", "Hi Alex,\r\n\r\nThank you again for your interview on Tuesday, "
        "December 1 at 2:00 PM EST. ").encode())
    tick(at("2026-12-02 10:00"), e)
    assert tick(at("2026-12-03 12:00"), e).drafts == []


@pytest.mark.parametrize(("subject", "text"), [
    ("Second interview", "Sorry this got pushed back on our side. Your second interview for the "
     "Logistics Analyst role is confirmed for"),
    ("Next steps", "Great news: we'd like to bring your application forward to the final "
     "interview stage. Your final interview for the Logistics Analyst role is confirmed for"),
    ("Second interview", "Instead of a phone call, your next interview for the Logistics Analyst "
     "role will be on site, on"),
    ("Second interview", "Your second interview for the Logistics Analyst role is confirmed for"
     " Thursday; if you'd prefer a video call instead, just let me know. See you"),
    ("Second interview", "Please note our office is now at 500 Market Street. Your second "
     "interview for the Logistics Analyst role is confirmed for"),
    ("Second interview", "Your second interview for the Logistics Analyst role is confirmed. If "
     "this time no longer works for you, let me know. It is on"),
    ("Second interview", "Your second interview for the Logistics Analyst role - just let me "
     "know if this time no longer works for you - is confirmed for"),
    # an address, a person or a format "now" or "instead", not a time
    ("Second interview", "Your second interview for the Logistics Analyst role is now at 500 "
     "Market Street, our new office, on"),
    ("Second interview", "Your second interview for the Logistics Analyst role will instead be "
     "with Maria Chen, our CTO, on"),
    # "now" of a place or a medium, not of a time
    ("Second interview", "Your second interview for the Logistics Analyst role is now on Zoom "
     "rather than the phone. It is on"),
    ("Second interview", "Your second interview for the Logistics Analyst role will now take "
     "place at our new office, on"),
])
def test_a_further_round_with_words_of_a_move_elsewhere_is_another_round(
        tmp_path: Path, subject: str, text: str) -> None:
    """Words that move a round count only where the mail names the round, and not in a
    condition: "if this time no longer works for you" or "our office is now at ..." leave a
    new round a new round, and Tuesday's first is thanked (review11)."""
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())  # Tue Dec 1, 2 PM
    b.deliver(_SECOND_ROUND.format(subject=subject, text=text).encode())  # Thu Dec 3, 10 AM
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    (proc,) = [p.key for p in e.store.processes()]
    first = [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts]
    assert first == [f"{proc}/r1/c1/thank_you/nina.alvarez@orbitalfreight.com"]


@pytest.mark.parametrize(("subject", "text"), [
    ("Interview rescheduled", "Our interview for the Logistics Analyst role has been "
     "rescheduled to"),
    # naming the round, without the word "reschedule": still the one ahead, moved
    ("Next interview", "Tuesday no longer works for the team, so your next interview for the "
     "Logistics Analyst role is now"),
    ("Change of plans", "Change of plans: your next interview for the Logistics Analyst role will "
     "now take place on"),
    ("Second interview", "Your second interview has been pushed back to"),
])
def test_a_moved_interview_is_still_a_reschedule(tmp_path: Path, subject: str, text: str) -> None:
    b = MemoryBackend("main")
    b.deliver(_PERSON_CONFIRMS.encode())
    b.deliver(_SECOND_ROUND.format(subject=subject, text=text).encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-28 13:00"), e)
    assert tick(at("2026-12-01 16:00"), e).drafts == []  # nothing on Tuesday any more
    made = [c.action.key for c in tick(at("2026-12-03 12:00"), e).drafts]
    assert [k.split("/", 1)[1] for k in made] == ["r1/c1/thank_you/nina.alvarez@orbitalfreight.com"]


def _proposal(slots: str) -> bytes:
    raw, _ = raw_mail("Ben Carter <ben@quarrylabs.io>", ALEX, "QA Engineer interview - Quarry Labs",
                      "2026-11-24 09:00", "Hi Alex,\r\n\r\nThanks for applying to the QA Engineer "
                      f"role. Would you be available for a video interview {slots}?\r\n\r\nBest,\r\n"
                      "Ben Carter\r\nQuarry Labs", mid="<ask-1@quarrylabs.io>")
    return raw


@pytest.mark.parametrize(("slots", "confirmed"), [
    ("on Tuesday, December 1, 2026, 2:00 PM - 3:00 PM EST", True),
    ("on Tuesday, December 1 at 2:00 PM EST or Wednesday, December 2 at 10:00 AM EST", False),
])
def test_my_yes_to_the_one_time_proposed_books_the_interview(
        tmp_path: Path, slots: str, confirmed: bool) -> None:
    """"Would you be available Tuesday 2-3 PM?" - "Yes, that works for me. See you then.":
    no confirmation mail need follow; the interview is the slot (its thank-you is drafted).
    With two slots offered, a yes does not say which: a confirmation is awaited."""
    b = MemoryBackend("main")
    b.deliver(_proposal(slots))
    yes, _ = raw_mail(ALEX, "Ben Carter <ben@quarrylabs.io>", "Re: QA Engineer interview - Quarry Labs",
                      "2026-11-24 10:00", "Hi Ben,\r\n\r\nYes, that works for me. See you then!"
                      "\r\n\r\nAlex", in_reply_to="<ask-1@quarrylabs.io>")
    b.deliver(yes, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-24 11:00"), e)
    made = [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts]
    thanks = "quarry-labs-qa-engineer/r1/c1/thank_you/ben@quarrylabs.io"
    assert made == ([thanks] if confirmed else [])
    (p,) = e.store.plans()
    assert p["state"] == ("interviewed" if confirmed else "requested")


def test_a_process_without_an_address_to_write_to_says_so(tmp_path: Path) -> None:
    """An applicant-tracking system's confirmation that names the interviewer without an
    address, from a no-reply sender: nothing can be drafted, and status says why."""
    from watcher.state import NO_ADDRESS

    b = MemoryBackend("main")
    b.deliver(_ATS_CONFIRMS.format(addr="").encode())
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-30 09:00"), e)
    assert tick(at("2026-12-01 16:00"), e).drafts == []
    (p,) = e.store.plans()
    assert p["waiting_for"] == NO_ADDRESS


def test_a_no_to_the_one_time_proposed_books_nothing(tmp_path: Path) -> None:
    """"That time doesn't work for me, could we reschedule?" is no yes (it booked the slot)."""
    b = MemoryBackend("main")
    b.deliver(_proposal("on Tuesday, December 1, 2026, 2:00 PM - 3:00 PM EST"))
    no, _ = raw_mail(ALEX, "Ben Carter <ben@quarrylabs.io>", "Re: QA Engineer interview - Quarry Labs",
                     "2026-11-24 10:00", "Hi Ben,\r\n\r\nUnfortunately that time doesn't work for "
                     "me. Could we reschedule to Thursday?\r\n\r\nAlex", in_reply_to="<ask-1@quarrylabs.io>")
    b.deliver(no, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-24 11:00"), e)
    assert tick(at("2026-12-01 16:00"), e).drafts == []


def test_a_yes_to_a_request_with_a_reply_by_deadline_books_no_interview(tmp_path: Path) -> None:
    """"Please reply by Friday 5 PM" then "Monday at 2 PM works for me": the deadline is no
    interview (it was booked, and a thank-you drafted after Friday 5 PM)."""
    b = MemoryBackend("main")
    ask, _ = raw_mail("Ben Carter <ben@quarrylabs.io>", ALEX, "QA Engineer interview - Quarry Labs",
                      "2026-11-24 09:00", "Hi Alex,\r\n\r\nThanks for applying to the QA Engineer role. "
                      "Could you send me your availability for a video interview next week? Please "
                      "reply by Friday, November 27 at 5:00 PM EST.\r\n\r\nBest,\r\nBen Carter",
                      mid="<ask-2@quarrylabs.io>")
    b.deliver(ask)
    yes, _ = raw_mail(ALEX, "Ben Carter <ben@quarrylabs.io>", "Re: QA Engineer interview - Quarry Labs",
                      "2026-11-24 10:00", "Hi Ben,\r\n\r\nMonday at 2 PM works for me.\r\n\r\nAlex",
                      in_reply_to="<ask-2@quarrylabs.io>")
    b.deliver(yes, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-24 11:00"), e)
    assert tick(at("2026-11-27 19:00"), e).drafts == []
    (p,) = e.store.plans()
    assert p["state"] == "requested"


def test_two_employers_mail_under_one_reused_message_id_are_both_read(tmp_path: Path) -> None:
    """Mail-merge tools give every message one id ("<0@localhost>"): the second employer's
    confirmation was dropped as a copy of the first. A copy (same id, same sender) still is."""
    b = MemoryBackend("main")
    acme, _ = confirmation_mail()
    zeta, _ = confirmation_mail(role="Platform Engineer", company="Zeta", sender="Zed Zee <zed@zeta.com>")
    for raw in (acme, zeta, acme):
        b.deliver(re.sub(rb"Message-ID: <[^>]+>", b"Message-ID: <0@localhost>", raw))
    e = engine(tmp_path / "w.db", b)
    s = tick(at("2026-11-26 09:00"), e)
    assert sorted(p.key for p in e.store.processes()) == ["acme-backend-engineer", "zeta-platform-engineer"]
    assert s.messages_read == 2  # the third, a copy of the first, is one event with it


def _northwind_reopened(tmp_path: Path) -> tuple[MemoryBackend, Engine]:
    """The recruiter who rejected Alex for Backend Engineer in March (his first networking
    note sent May 26) books a Data Engineer interview with him on August 4."""
    import mailbox

    b = MemoryBackend("main")
    msgs = [m.as_bytes() for m in mailbox.mbox(Path(__file__).parent / "data" / "link"
                                               / "reopen_old_thread.mbox")]
    for raw in msgs[:2]:  # the March interview and its rejection
        b.deliver(raw)
    e = engine(tmp_path / "w.db", b)
    e.config = dataclasses.replace(e.config, me=dataclasses.replace(
        e.config.me, addresses=("alex.wong@gmail.com",)))
    tick(at("2026-03-10 12:00"), e)
    first = [c.action.key for c in tick(at("2026-05-26 10:00"), e).drafts]
    assert [k.split("/")[-1] for k in first] == ["networking1"]
    b.user_sends_draft(first[0], at("2026-05-26 11:00"))
    tick(at("2026-05-27 10:00"), e)
    b.deliver(msgs[2])  # August 4: a Data Engineer interview with the same recruiter
    tick(at("2026-08-04 11:00"), e)
    assert {p.key for p in e.store.processes()} == {"northwind-backend-engineer",
                                                     "northwind-data-engineer"}
    return b, e


def _networking_due(e: Engine) -> str:
    plans = {p["process"]: p for p in e.store.plans()}
    due = plans["northwind-backend-engineer"]["next_due"]
    assert due is not None
    return str(due)


def test_networking_counts_from_the_persons_mail_about_another_role(tmp_path: Path) -> None:
    """Rule 13 keeps in touch with a person. The second networking note of the Backend
    process (75 days after the first, August 7) landed in the middle of the recruiter's
    scheduling of another role. It now counts from the person's latest mail with Alex, and
    is re-planned at once (status tells the truth meanwhile)."""
    b, e = _northwind_reopened(tmp_path)
    assert _networking_due(e) >= "2026-10-18"  # 75 days after August 4 at the earliest
    for day in ("2026-08-10 10:00", "2026-08-12 10:00", "2026-08-20 10:00"):
        made = [c.action.key for c in tick(at(day), e).drafts]
        assert not any("networking" in k for k in made), day
    # later mail in that process with someone else (the interviewer) is not with her
    raw, _ = raw_mail("Priya Nair <priya.nair@northwind.com>", "Alex Wong <alex.wong@gmail.com>",
                      "Data Engineer: next steps", "2026-09-28 10:00", "Hi Alex,\r\n\r\nThanks "
                      "for your patience; we will get back to you.\r\n\r\nPriya\r\n")
    b.deliver(raw)
    tick(at("2026-09-28 11:00"), e)
    assert "2026-10-18" <= _networking_due(e) < "2026-11-01"


def test_a_process_the_user_ignored_keeps_nobody_in_touch(tmp_path: Path) -> None:
    from watcher.state import ManualFact, ManualKind

    _, e = _northwind_reopened(tmp_path)
    e.store.add_manual("northwind-data-engineer",
                       ManualFact(ManualKind.IGNORE, at("2026-08-04 12:00")))
    e.refresh("northwind-backend-engineer", at("2026-08-04 12:00"))
    assert _networking_due(e) < "2026-08-15"  # 75 days after May 26, as without it


@pytest.mark.parametrize("deletes", [False, True])
def test_one_networking_note_to_a_person_at_a_time(tmp_path: Path, deletes: bool) -> None:
    """Four processes closed by one recruiter in one week: their networking notes to her
    came on one day, in one pass (each counted from the latest rejection). A note made in one
    process is contact for the others: one note at a time (review11). One the user deletes
    reached nobody: the next process's note is not held back 75 days by it (review12)."""
    from collections import Counter

    rec = "Rita Recruiter <rita@acme.com>"
    b = MemoryBackend("main")
    for i, role in enumerate(["Backend Engineer", "Data Analyst", "Security Architect",
                              "Mobile Designer"]):
        raw, mid = confirmation_mail(f"2026-01-05 0{i}:00", role=role, sender=rec,
                                     slot=f"January {12 + i}, 2026, 10:00 AM - 11:00 AM EST")
        b.deliver(raw)
        b.deliver(raw_mail(rec, ALEX, f"Re: Interview confirmed: {role} at Acme",
                           f"2026-01-2{i} 10:00", "Hi Alex,\r\n\r\nUnfortunately we have decided "
                           f"not to move forward with your application for the {role} role."
                           "\r\n\r\nRita\r\n", in_reply_to=mid)[0])
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-01-26 12:00"), e)
    assert len(e.store.processes()) == 4
    days: Counter[str] = Counter()
    for n in range(0, 120):
        now = at("2026-03-20 10:00") + timedelta(days=n)
        made = [c for c in tick(now, e).drafts if c.action.to[0].email == "rita@acme.com"]
        days.update(now.date().isoformat() for c in made)
        for c in made:
            if deletes:
                b.user_deletes_draft(c.action.key)
    assert max(days.values()) == 1, days
    # kept notes: one every 75 days; a deleted one is no contact: the next comes a day later
    assert len(days) == (8 if deletes else 2), days


def test_old_mail_brought_in_later_gets_the_first_sync_rule(tmp_path: Path) -> None:
    """Mail weeks older than the last pass that shows up now (moved back into a folder, taken
    out of the trash) starts a process whose steps fell due long ago: rule 12, as on a first
    sync; not the downtime rule, which drafted the thank-you for it at once. Mail only a day
    late (a sync tool that was off) is still caught up."""
    b = MemoryBackend("main")
    e = engine(tmp_path / "w.db", b, catch_up=True)
    assert tick(at("2027-01-10 12:00"), e).drafts == []  # the watcher runs; nothing yet
    raw, _ = confirmation_mail()  # an interview on 2026-12-01, its mail of 2026-11-25
    b.deliver(raw)
    s = tick(at("2027-01-10 13:00"), e)
    assert s.messages_read == 1 and s.drafts == []
    # a day late: the downtime rule drafts the thank-you that fell due meanwhile
    b2 = MemoryBackend("main")
    e2 = engine(tmp_path / "w2.db", b2, catch_up=True)
    tick(at("2026-12-01 12:00"), e2)
    b2.deliver(raw)
    assert [c.action.key for c in tick(at("2026-12-02 18:00"), e2).drafts] == [THANKS]


_NAMED_ONLY = ("Hi Alex,\r\n\r\nYour interview for the Backend Engineer role at Northwind Robotics "
               "is confirmed for Tuesday, December 1, 2026, 2:00 PM - 3:00 PM EST (Google Meet)."
               "\r\n\r\nYou'll be meeting with {panel}.\r\n\r\nBest,\r\nPriya Raman\r\n"
               "Recruiting, Northwind Robotics\r\n")


def _thank_yous_for_panel(tmp_path: Path, panel: str) -> list[Created]:
    """The drafts after Priya's confirmation naming `panel` ("You'll be meeting with ...")."""
    b = MemoryBackend("main")
    raw, _ = raw_mail("Priya Raman <priya.raman@northwind-robotics.com>", ALEX,
                      "Interview confirmed: Backend Engineer at Northwind Robotics",
                      "2026-11-25 10:00", _NAMED_ONLY.format(panel=panel))
    b.deliver(raw)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-25 11:00"), e)
    return tick(at("2026-12-01 16:00"), e).drafts


@pytest.mark.parametrize(("panel", "via"), [
    ("Tom Becker (Engineering Manager) and Lena Ortiz (Staff Engineer)", "Tom and Lena"),
    ("me (Priya Raman) and Tom Becker", None),
])
def test_interviewers_named_without_an_address_are_thanked_through_the_recruiter(
        tmp_path: Path, panel: str, via: str | None) -> None:
    """The confirmation names the interviewers but gives no address for them: the thank-you
    goes to the recruiter, who was thanked "for taking the time to discuss the role" and for
    "your perspective" as if she had held it. She is asked to pass it on. When she was one of
    them, it is her own thank-you."""
    (made,) = _thank_yous_for_panel(tmp_path, panel)
    assert made.action.key == ("northwind-robotics-backend-engineer/r1/c1/thank_you/"
                               "priya.raman@northwind-robotics.com")
    assert [a.email for a in made.draft.to] == ["priya.raman@northwind-robotics.com"]
    assert made.draft.body.startswith("Dear Priya,")
    if via is None:
        # her own thank-you (which asks her to pass it on to Tom too: the test below)
        assert "taking the time" in made.draft.body and "Would you please" not in made.draft.body
    else:
        assert f"Would you please pass my thanks on to {via}?" in made.draft.body
        assert "taking the time" not in made.draft.body


def test_an_interviewer_named_without_an_address_beside_one_with_is_thanked_through_the_recruiter(
        tmp_path: Path) -> None:
    """'You'll be meeting with Tom Becker (tom.becker@...) and Lena Ortiz': Tom got his
    thank-you, Lena none and no mention (review 23a #8). Lena's goes through the recruiter
    who arranged it, as when no interviewer has an address; Tom's note stays his own."""
    panel = "Tom Becker (tom.becker@northwind-robotics.com) and Lena Ortiz (Staff Engineer)"
    made = {m.draft.to[0].email: m.draft for m in _thank_yous_for_panel(tmp_path, panel)}
    assert sorted(made) == ["priya.raman@northwind-robotics.com", "tom.becker@northwind-robotics.com"]
    tom, priya = made["tom.becker@northwind-robotics.com"], made["priya.raman@northwind-robotics.com"]
    assert tom.body.startswith("Dear Tom,") and "pass my thanks" not in tom.body
    # one interviewer with a note of his own: no "a point discussed with you" of a panel
    assert "Would you please pass my thanks on to Lena?" in priya.body
    assert "Tom" not in priya.body.split("pass my thanks on to")[1].split("?")[0]


@pytest.mark.parametrize(("panel", "sentence"), [
    ("me (Priya Raman) and Tom Becker", "pass my thanks on to Tom, whose address I don't have."),
    ("Dr. José Álvarez-Núñez, our Head of Research, and myself",
     "pass my thanks on to Dr. Álvarez-Núñez, whose address I don't have."),
    ("Tom Becker, Lena Ortiz and myself",
     "pass my thanks on to Tom and Lena, whose addresses I don't have."),
])
def test_the_interviewer_who_arranged_it_is_asked_to_pass_the_thanks_on_to_the_others(
        tmp_path: Path, panel: str, sentence: str) -> None:
    """'You'll be meeting with me and Tom Becker', from Priya: her note thanked her, and Tom,
    named without an address, got nothing (review 23a #8). Her own note asks her to pass it on."""
    (made,) = _thank_yous_for_panel(tmp_path, panel)
    assert [a.email for a in made.draft.to] == ["priya.raman@northwind-robotics.com"]
    body = made.draft.body
    assert body.startswith("Dear Priya,") and "taking the time" in body  # her own thank-you
    assert f"I would also be grateful if you could {sentence}" in body
    assert lint_draft(made.draft.subject, body, StepKind.THANK_YOU,
                      allow=["Tom", "Lena", "Álvarez-Núñez", "Dr."]) == []


@pytest.mark.parametrize(("answer", "booked"), [
    ("Wednesday at 10:00 AM works best for me.", "2026-12-02 10:00"),
    ("Wednesday, December 2 at 10 AM EST works best for me. See you then!", "2026-12-02 10:00"),
    ("Tuesday at 2:00 PM works for me.", "2026-12-01 14:00"),
    ("Yes, that works for me. See you then!", None),  # which of the two: not said
    ("Thursday at 4 PM works best for me.", None),  # not offered: the employer must answer
])
def test_my_pick_of_the_slots_offered_books_it(tmp_path: Path, answer: str,
                                                booked: str | None) -> None:
    """"Tuesday at 2 PM or Wednesday at 10 AM?" - "Wednesday at 10:00 AM works best for me.":
    the request was read as a confirmation of the first slot, and the thank-you drafted the
    day before the interview (review17b finding 2). The slot picked is the interview."""
    b = MemoryBackend("main")
    b.deliver(_proposal("on Tuesday, December 1 at 2:00 PM EST or Wednesday, December 2 at "
                        "10:00 AM EST"))
    yes, _ = raw_mail(ALEX, "Ben Carter <ben@quarrylabs.io>", "Re: QA Engineer interview - Quarry Labs",
                      "2026-11-24 10:00", f"Hi Ben,\r\n\r\n{answer}\r\n\r\nAlex",
                      in_reply_to="<ask-1@quarrylabs.io>")
    b.deliver(yes, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-24 11:00"), e)
    (p,) = e.store.plans()
    assert p["state"] == ("scheduled" if booked else "requested")
    assert tick(at("2026-12-01 13:00"), e).drafts == []  # never before the interview
    tuesday = [c.action.key for c in tick(at("2026-12-01 17:00"), e).drafts]
    wednesday = [c.action.key for c in tick(at("2026-12-02 16:00"), e).drafts]
    thanks = ["quarry-labs-qa-engineer/r1/c1/thank_you/ben@quarrylabs.io"]
    assert (tuesday, wednesday) == {"2026-12-01 14:00": (thanks, []), "2026-12-02 10:00": ([], thanks),
                                    None: ([], [])}[booked]


@pytest.mark.parametrize(("subject", "text", "closed"), [
    ("Quick update", "Hi Alex,\r\n\r\nI just heard back from Initech: unfortunately they have "
     "decided to move forward with another candidate for the Backend Engineer role. I'm sorry - "
     "Mo said it was a close call.\r\n\r\nStill waiting on Acme; I'll keep you posted.\r\n\r\nSam",
     "initech-backend-engineer"),
    ("Acme update", "Hi Alex,\r\n\r\nUnfortunately Acme have decided to move forward with another "
     "candidate.\r\n\r\nSam", "acme-backend-engineer"),
])
def test_an_agency_update_in_a_new_thread_goes_to_the_process_it_names(
        tmp_path: Path, subject: str, text: str, closed: str) -> None:
    """One agency recruiter, two clients, the same role title: his new-thread "Initech went
    with another candidate" closed the process he wrote in last (Acme), and Initech was chased
    with check-ins for weeks (review17b finding 1)."""
    sam = "Sam Carter <sam@talentbridge.com>"
    b = MemoryBackend("main")
    for company, day, who in (("Acme", "Thursday, December 3, 2026, 10:00 - 11:00 AM ET", "Lucy Gray (lucy@acme.com)"),
                              ("Initech", "Friday, December 4, 2026, 1:00 - 2:00 PM ET", "Mo Khan (mo@initech.com)")):
        raw, _ = raw_mail(sam, ALEX, f"Interview confirmed - Backend Engineer ({company})",
                          "2026-11-27 09:00" if company == "Acme" else "2026-11-27 09:30",
                          f"Hi Alex,\r\n\r\nYour video interview with {company} for the Backend "
                          f"Engineer role is confirmed for {day} with {who}.\r\n\r\nSam Carter\r\n"
                          "TalentBridge Recruiting")
        b.deliver(raw)
    raw, _ = raw_mail(sam, ALEX, subject, "2026-12-10 11:00", text)
    b.deliver(raw)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-10 12:00"), e)
    states = {p["process"]: p["state"] for p in e.store.plans()}
    assert states[closed] == "closed_rejected"
    assert [s for k, s in states.items() if k != closed] == ["interviewed"]


@pytest.mark.parametrize("answered", [False, True])
def test_no_check_in_while_i_owe_them_my_times(tmp_path: Path, answered: bool) -> None:
    """After round 1 they ask for my availability for round 2: a check-in "on the status of the
    search" a week later, while the answer is mine to give, was drafted (review17b). Once I
    have sent my times, their silence is followed up from my answer, as any reply's."""
    b = MemoryBackend("main")
    b.deliver(confirmation_mail()[0])  # round 1: Tuesday, December 1, 2-3 PM
    ask, _ = raw_mail(JANE_H, ALEX, "Re: Interview confirmed: Backend Engineer at Acme",
                      "2026-12-03 10:00", "Hi Alex,\r\n\r\nThe team would like to invite you to a "
                      "second interview. Could you send me a few times that work for you next week?"
                      "\r\n\r\nJane", mid="<ask2@acme.com>")
    b.deliver(ask)
    if answered:
        mine, _ = raw_mail(ALEX, JANE_H, "Re: Interview confirmed: Backend Engineer at Acme",
                           "2026-12-03 12:00", "Hi Jane,\r\n\r\nThank you! I am available Tuesday "
                           "or Wednesday afternoon next week.\r\n\r\nAlex", in_reply_to="<ask2@acme.com>")
        b.deliver(mine, Folder.SENT)
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)  # the thank-you for round 1
    made = [c.action.step for d in ("2026-12-10 09:00", "2026-12-11 09:00", "2026-12-15 09:00")
            for c in tick(at(d), e).drafts]
    if answered:
        assert made == [StepKind.CHECK_IN]
    else:
        assert made == []
        (p,) = e.store.plans()
        assert p["waiting_for"] == "your answer to their request for times"


def test_a_tracked_thread_naming_no_company_nor_role_is_called_by_its_subject(tmp_path: Path) -> None:
    """`watcher track` of a free-mail thread that names neither: the process was "process"."""
    from watcher.models import Address, Direction
    from watcher.state import MessageFact

    e = engine(tmp_path / "w.db", MemoryBackend("main"))
    pat = Address("Pat Lee", "pat.lee@gmail.com")
    fact = MessageFact(at=at("2026-11-24 09:00"), direction=Direction.RECEIVED, kind=Kind.OTHER,
                       subject="Re: Coffee next week?", from_=pat)
    assert pipeline.new_process(e, fact) == "coffee-next-week"
    unnamed = dataclasses.replace(fact, subject="")
    assert pipeline.new_process(e, unnamed) == "pat-lee"


def test_a_draft_is_dated_in_the_users_zone(tmp_path: Path) -> None:
    # The daemon's clock is UTC; a draft dated "+0000" reads as the wrong day in a client that
    # shows the raw header or the sender's time (the user's own mail is dated in their zone)
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 15:30"), e)
    s = tick(at("2026-12-01 20:00").astimezone(timezone.utc), e)
    assert [c.action.key for c in s.drafts] == [THANKS]
    d = next(iter(b.drafts.values()))
    assert b"\r\nDate: Tue, 01 Dec 2026 20:00:00 -0500\r\n" in d.raw


# --- review19b #3: an obsolete draft is to delete only while it is in Drafts ---

def _check_in_waiting(tmp_path: Path) -> tuple[MemoryBackend, Engine]:
    """The thank-you sent, the check-in drafted Tue Dec 8 and left unsent in Drafts."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    _sent_thank_you(e, b)
    assert [c.action.key for c in tick(at("2026-12-08 08:00"), e).drafts] == [CHECK_IN]
    return b, e


def _obsolete_check_in(tmp_path: Path) -> tuple[MemoryBackend, Engine, Config]:
    """The thank-you sent, the check-in drafted Tue Dec 8, then Jane writes on Wed Dec 9
    before Alex sent it: the check-in is obsolete (rule 1), still in Drafts."""
    b, e = _check_in_waiting(tmp_path)
    raw, _ = raw_mail(JANE_H, ALEX, "Re: Thank you for the Backend Engineer interview",
                      "2026-12-09 10:00", "Hi Alex,\r\n\r\nThanks for your patience. We will "
                      "be in touch by Friday, December 18.\r\n\r\nJane\r\nAcme")
    b.deliver(raw)
    tick(at("2026-12-09 10:30"), e)
    ps = e.state("acme-backend-engineer")
    assert [d.key for d in ps.obsolete_drafts()] == [CHECK_IN]
    status_cfg = dataclasses.replace(cfg(), state_path=tmp_path / "w.db")
    [row] = status_rows(status_cfg, at("2026-12-09 10:30"))
    assert "obsolete draft(s), delete them: check_in" in str(row["waiting_for"])
    return b, e, status_cfg


def _settled_after(b: MemoryBackend, e: Engine, status_cfg: Config) -> list[str]:
    """The drafts made from Dec 9 to Feb 10 (8 weeks on), checking at each pass that
    status no longer suggests deleting the check-in that left Drafts."""
    made: list[str] = []
    for t in ("2026-12-09 12:30", "2026-12-21 08:00", "2027-01-05 08:00", "2027-02-10 08:00"):
        made += [c.action.key for c in tick(at(t), e).drafts]
        assert e.state("acme-backend-engineer").obsolete_drafts() == []
        [row] = status_rows(status_cfg, at(t))
        assert "obsolete" not in str(row["waiting_for"]), (t, row["waiting_for"])
        for c in list(b.drafts.values()):  # Alex sends whatever comes next at once
            b.user_sends_draft(c.marker, at(t) + timedelta(minutes=5))
    return made


def test_an_obsolete_draft_the_user_deleted_is_no_longer_to_delete(tmp_path: Path) -> None:
    """review19b #3: after the user deleted the obsolete check-in, status kept saying
    'obsolete draft(s), delete them: check_in' (8 weeks later still)."""
    b, e, status_cfg = _obsolete_check_in(tmp_path)
    b.user_deletes_draft(CHECK_IN)
    made = _settled_after(b, e, status_cfg)
    row = e.store.draft(CHECK_IN)
    assert row is not None and row.status is DraftStatus.OBSOLETE  # not "deleted": no skip
    # the reply's cycle has its own check-in after Jane's date (Fri 18 -> Mon 21); the
    # obsolete one is never made again (rule 7)
    assert made[0] == "acme-backend-engineer/r1/c2/check_in"
    assert CHECK_IN not in made and len(set(made)) == len(made)


def test_an_obsolete_draft_the_user_sent_counts_as_mail_of_mine(tmp_path: Path) -> None:
    """The user sends the obsolete check-in after all (its copy, with our marker, lands in
    Sent): it is no longer to delete, and it is what it is, mail of mine: an answer to
    Jane's reply a day old is conversation (rule 3), not a step."""
    b, e, status_cfg = _obsolete_check_in(tmp_path)
    b.user_sends_draft(CHECK_IN, at("2026-12-09 11:00"))
    tick(at("2026-12-09 11:30"), e)
    ps = e.state("acme-backend-engineer")
    assert ps.my_last_at == at("2026-12-09 11:00") and ps.steps_done == {}
    assert ps.last_event == "conversation"
    made = _settled_after(b, e, status_cfg)
    row = e.store.draft(CHECK_IN)
    assert row is not None and row.status is DraftStatus.OBSOLETE
    assert made[0] == "acme-backend-engineer/r1/c2/check_in"
    assert CHECK_IN not in made and len(set(made)) == len(made)


def _hourly(e: Engine, b: MemoryBackend, start: str, end: str,
            deliver: Mapping[str, bytes] = {}) -> list[tuple[str, str]]:
    """Pass every hour from `start` to `end` (New York), delivering each mail of `deliver`
    at its hour; the user sends every draft made as soon as it is made. The (hour, key) made."""
    made: list[tuple[str, str]] = []
    t, stop = at(start), at(end)
    while t <= stop:
        for when, raw in deliver.items():
            if at(when) == t:
                b.deliver(raw)
        for c in tick(t, e).drafts:
            made.append((t.strftime("%Y-%m-%d %H:%M"), c.action.key))
            b.user_sends_draft(c.action.key, t)
        t += timedelta(hours=1)
    return made


def test_two_roles_at_one_company_are_two_processes_end_to_end(tmp_path: Path) -> None:
    """Audit 22d (the spec's Process: one employer, one role). One recruiter books Alex for
    two roles at Acme; she rejects him for one. Each role has its own thank-you and chain,
    and the rejection ends only its own (rule 4): the other goes on to its final."""
    rec = "Rita Recruiter <rita@acme.com>"
    b = MemoryBackend("main")
    b.deliver(confirmation_mail("2026-11-20 10:00", role="Backend Engineer", sender=rec)[0])
    raw, mid = confirmation_mail("2026-11-20 11:00", role="Data Analyst", sender=rec,
                                 slot="Wednesday, December 2, 2026, 10:00 AM - 11:00 AM EST")
    b.deliver(raw)
    no, _ = raw_mail(rec, ALEX, "Re: Interview confirmed: Data Analyst at Acme",
                     "2026-12-04 10:00", "Hi Alex,\r\n\r\nUnfortunately we have decided not to "
                     "move forward with your application for the Data Analyst role.\r\n\r\n"
                     "Rita\r\n", in_reply_to=mid)
    e = engine(tmp_path / "w.db", b)
    made = _hourly(e, b, "2026-11-20 12:00", "2027-01-10 00:00", {"2026-12-04 10:00": no})
    assert made == [
        ("2026-12-01 16:00", "acme-backend-engineer/r1/c1/thank_you/rita@acme.com"),
        ("2026-12-02 12:00", "acme-data-analyst/r1/c1/thank_you/rita@acme.com"),
        ("2026-12-08 08:00", "acme-backend-engineer/r1/c1/check_in"),
        ("2026-12-22 08:00", "acme-backend-engineer/r1/c1/second_check_in"),
        ("2026-12-31 08:00", "acme-backend-engineer/r1/c1/final_follow_up"),
    ]
    states = {k: e.state(k).state_at(at("2027-01-10 00:00")).value
              for k in ("acme-backend-engineer", "acme-data-analyst")}
    assert states == {"acme-backend-engineer": "closed_no_response",
                      "acme-data-analyst": "closed_rejected"}


def test_a_thank_you_deleted_after_the_check_in_fell_due_lets_the_check_in_come(
        tmp_path: Path) -> None:
    """Audit 22d, rule 2: the thank-you sat unsent (it held the check-in of Tue Dec 8 back,
    rule 1) until the user deleted it on Thu Dec 10: skipped, never made again, and the
    check-in, overdue, is made at the first pass that sees the deletion."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    assert [c.action.key for c in tick(at("2026-12-01 16:00"), e).drafts] == [THANKS]
    assert tick(at("2026-12-08 08:00"), e).drafts == []
    b.user_deletes_draft(THANKS)
    s = tick(at("2026-12-10 11:00"), e)
    assert [c.action.key for c in s.drafts] == [CHECK_IN]
    row = e.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.DELETED
    assert tick(at("2026-12-10 12:00"), e).drafts == []


def test_withdrawing_by_mail_makes_the_waiting_check_in_obsolete(tmp_path: Path) -> None:
    """Audit 22d, rule 4: the check-in waits unsent in Drafts when Alex writes to Jane that
    he withdraws. Status said 'pending check-in draft: send or delete it'; now the process
    is withdrawn, the check-in obsolete (delete it), and nothing more is ever drafted."""
    b, e = _check_in_waiting(tmp_path)
    raw, _ = raw_mail(ALEX, JANE_H, "Re: Interview confirmed: Backend Engineer at Acme",
                      "2026-12-09 09:00", "Hi Jane,\r\n\r\nAfter a lot of thought, I have "
                      "decided to withdraw my application for the Backend Engineer role, as I "
                      "have accepted another position.\r\n\r\nBest,\r\nAlex\r\n")
    b.deliver(raw, Folder.SENT)
    tick(at("2026-12-09 09:30"), e)
    ps = e.state("acme-backend-engineer")
    assert ps.state_at(at("2026-12-09 09:30")).value == "withdrawn"
    status_cfg = dataclasses.replace(cfg(), state_path=tmp_path / "w.db")
    [row] = status_rows(status_cfg, at("2026-12-09 09:30"))
    assert "obsolete draft(s), delete them: check_in" in str(row["waiting_for"])
    assert "send or delete" not in str(row["waiting_for"])
    for t in ("2026-12-22 08:00", "2027-01-05 08:00", "2027-06-01 08:00"):
        assert tick(at(t), e).drafts == [], t


def _crash_in_advance(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process dies after the pass committed what it read (and reconciled), before it
    re-planned any process."""
    def boom(*args: Any, **kwargs: Any) -> None:
        raise Crash

    monkeypatch.setattr(pipeline, "advance", boom)


def test_a_crash_after_the_sync_commit_still_plans_what_it_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review22a F1: killed after the batch (and its cursor) was committed, before the changed
    processes were re-planned, the restart found no new mail and re-planned nothing: the
    process kept no plan (or a stale one), so its thank-you was never drafted (a panel's three
    thank-yous were lost in the SIGKILL harness)."""
    b = MemoryBackend("main")
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-11-20 09:00"), e)  # an earlier pass: not a first sync any more
    b.deliver(confirmation_mail()[0])
    with monkeypatch.context() as m:
        _crash_in_advance(m)
        with pytest.raises(Crash):
            tick(at("2026-11-26 09:00"), engine(tmp_path / "w.db", b))
    e2 = engine(tmp_path / "w.db", b)
    assert tick(at("2026-11-26 09:05"), e2).messages_read == 0  # read before the crash
    assert e2.store.next_due() is not None, "the restart left the process without a plan"
    s = tick(at("2026-12-01 16:00"), engine(tmp_path / "w.db", b))
    assert [c.action.key for c in s.drafts] == [THANKS]


def test_a_crash_after_a_deleted_draft_was_recorded_still_plans_the_next_step(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review22a F1: the pass that saw the thank-you deleted (rule 2: skipped, the check-in
    comes next) was killed before re-planning: the restart saw nothing new in Drafts, and
    the stored plan still waited on the deleted draft, so the check-in never came."""
    b = mailbox_with_interview()
    e = engine(tmp_path / "w.db", b)
    tick(at("2026-12-01 16:00"), e)
    b.user_deletes_draft(THANKS)
    with monkeypatch.context() as m:
        _crash_in_advance(m)
        with pytest.raises(Crash):
            tick(at("2026-12-01 18:30"), engine(tmp_path / "w.db", b))
    tick(at("2026-12-01 18:35"), engine(tmp_path / "w.db", b))
    s = tick(at("2026-12-08 08:00"), engine(tmp_path / "w.db", b))
    assert [c.action.step for c in s.drafts] == [StepKind.CHECK_IN]


def test_a_crash_in_the_first_sync_of_an_account_added_later_keeps_rule_12(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review22a F3: the first sync of an account added to a running watcher applies rule 12
    to the processes its history touches; killed after that sync was committed, the restart
    saw the account's cursor and took it for an old account: the weeks-old thank-you was
    drafted as overdue."""
    first = MemoryBackend("first")
    tick(at("2026-11-20 12:00"), engine(tmp_path / "w.db", first, catch_up=True))
    added = mailbox_with_interview()
    with monkeypatch.context() as m:
        _crash_in_advance(m)
        with pytest.raises(Crash):
            tick(at("2026-12-28 12:00"), engine(tmp_path / "w.db", first, added, catch_up=True))
    e2 = engine(tmp_path / "w.db", first, added, catch_up=True)
    assert tick(at("2026-12-28 12:05"), e2).drafts == []
    statuses = {r.step: r.status for r in e2.store.drafts()}
    assert statuses[StepKind.THANK_YOU] is DraftStatus.SKIPPED


def test_a_crash_after_reading_old_restored_mail_keeps_rule_12(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """review22a F3: a process first seen now whose mail is all months old (restored from the
    trash) gets rule 12; killed before it was planned, the restart no longer knew it was new
    and drafted the old interview's thank-you as overdue."""
    b = MemoryBackend("main")
    tick(at("2027-03-01 12:00"), engine(tmp_path / "w.db", b, catch_up=True))
    b.deliver(confirmation_mail()[0])  # the Dec 1 interview's mail, back from the trash
    with monkeypatch.context() as m:
        _crash_in_advance(m)
        with pytest.raises(Crash):
            tick(at("2027-03-02 12:00"), engine(tmp_path / "w.db", b, catch_up=True))
    e2 = engine(tmp_path / "w.db", b, catch_up=True)
    assert tick(at("2027-03-02 12:05"), e2).drafts == []
    assert b.list_drafts() == {}


def test_a_draft_sent_between_a_crash_and_the_restart_is_recorded_sent(
        tmp_path: Path) -> None:
    """review22a F2: killed between making the draft and recording it, then the user sent it
    before the restart: the ledger said obsolete (the restart re-planned without the intent,
    found the step done, and settled the intent as never made), where a run never killed says
    sent; a networking note sent so did not count as keeping in touch (rule 13)."""
    b = CrashAfterCreate("main")
    b.deliver(confirmation_mail()[0])
    with pytest.raises(Crash):
        tick(at("2026-12-01 16:00"), engine(tmp_path / "w.db", b))
    healthy = MemoryBackend("main", messages=b.messages, drafts=b.drafts, created=b.created)
    healthy.user_sends_draft(THANKS, at("2026-12-01 16:20"))
    e2 = engine(tmp_path / "w.db", healthy)
    tick(at("2026-12-01 16:30"), e2)
    row = e2.store.draft(THANKS)
    assert row is not None and row.status is DraftStatus.SENT
    assert row.settled_at == at("2026-12-01 16:20")
    assert healthy.created == 1


def test_a_stated_timeline_has_passed_where_its_writer_is_too(tmp_path: Path) -> None:
    """A Sydney user; a New York recruiter writes Fri Nov 6 'We'll be in touch next Tuesday'.
    The check-in came Wed Nov 11 08:00 in Sydney: Tue Nov 10 16:00 in New York, before their
    Tuesday was over (review 23f #5). Now when Tuesday has ended in New York too: Wed 00:00
    there, Wed 16:00 in Sydney."""
    import dataclasses

    from watcher.config import Config, ScheduleConfig

    sydney = ZoneInfo("Australia/Sydney")
    base = Config.default().with_timezone("Australia/Sydney")
    config = dataclasses.replace(base, schedule=dataclasses.replace(
        ScheduleConfig(), timezone="Australia/Sydney"))
    b = MemoryBackend("main")
    b.deliver(raw_mail(JANE_H, ALEX, "Interview confirmed: Data Engineer at Acme",
                       "2026-11-02 10:00",
                       "Hi Alex,\r\n\r\nYour interview for the Data Engineer role at Acme is "
                       "confirmed for Thursday, November 5, 2026, 5:00 PM - 6:00 PM EST with "
                       "me.\r\n\r\nJane\r\n", mid="<conf@acme.com>")[0])
    b.deliver(raw_mail(JANE_H, ALEX, "Re: Interview confirmed: Data Engineer at Acme",
                       "2026-11-06 11:00", "Hi Alex,\r\n\r\nThanks for speaking with me. We'll "
                       "be in touch next Tuesday with next steps.\r\n\r\nJane\r\n",
                       in_reply_to="<conf@acme.com>")[0])
    b.deliver(raw_mail(ALEX, JANE_H, "Thank you for the Data Engineer interview",
                       "2026-11-05 19:00", "Hi Jane,\r\n\r\nThank you for taking the time to "
                       "talk with me today about the Data Engineer role.\r\n\r\nAlex\r\n",
                       in_reply_to="<conf@acme.com>")[0], Folder.SENT)
    e = Engine(config, Store(tmp_path / "w.db"), {"main": b})
    tick(datetime(2026, 11, 7, 9, 0, tzinfo=sydney), e)
    (p,) = e.store.plans()
    assert p["next_kind"] == "check_in"
    assert p["next_due"] == datetime(2026, 11, 11, 16, 0, tzinfo=sydney).isoformat()


def test_a_long_batch_still_read_a_minute_after_term_stops_at_a_commit(tmp_path: Path) -> None:
    """review23l F5: TERM finishes the pass, but a first sync of tens of thousands of messages
    ran past the unit's 2-minute TimeoutStopSec and was killed. A batch still being read
    STOP_GRACE after TERM stops at its next commit: what was read is kept, the cursor stays
    (the rest is read at the next start, nothing twice), and the pass ends cleanly."""
    import time

    from watcher.backends.retry import stopping
    from watcher.pipeline import COMMIT_EVERY, STOP_GRACE

    b = MemoryBackend("main")
    n = COMMIT_EVERY * 2 + 100
    for i in range(n):
        b.deliver(raw_mail(JANE_H, ALEX, f"Interview note {i}", "2026-11-20 10:00",
                           "Your interview is on the calendar.", mid=f"<n{i}@acme.com>")[0])
    e = engine(tmp_path / "w.db", b)
    stopping.set()
    stopping._since = time.monotonic() - STOP_GRACE - 1  # asked to stop a while ago
    try:
        first = tick(at("2026-11-25 11:00"), e)
    finally:
        stopping.clear()
    assert first.failed_accounts == ["main"] and "the rest is read at the next start" in first.errors[0]
    assert e.store.message_count() == COMMIT_EVERY and e.store.cursor("main") is None
    second = tick(at("2026-11-25 11:05"), e)
    assert second.failed_accounts == [] and e.store.message_count() == n
    assert e.store.cursor("main") is not None
