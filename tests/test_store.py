"""store.py on real SQLite files: WAL, migrations, the drafts ledger, atomic batches."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.enginekit import INFO, at, confirm, mine
from watcher.errors import StoreError
from watcher.models import StepKind
from watcher.state import DraftRecord, DraftStatus, ManualFact, ManualKind, MessageFact
from watcher.store import MIGRATIONS, Store


def rec(key: str = "acme-developer/r1/c1/thank_you/jane@acme.com",
        status: DraftStatus = DraftStatus.INTENT) -> DraftRecord:
    return DraftRecord(key, INFO.key, 1, 1, StepKind.THANK_YOU, status, at("2026-12-01 16:00"),
                       ("jane@acme.com",), "jane@acme.com", account="main")


def test_file_store_is_wal_and_migrated(tmp_path: Path) -> None:
    s = Store(tmp_path / "sub" / "w.db")
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.version == len(MIGRATIONS)
    s.close()
    # Reopening does not migrate again.
    assert Store(tmp_path / "sub" / "w.db").version == len(MIGRATIONS)


def test_a_newer_schema_is_refused_with_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "w.db"
    db = sqlite3.connect(p)
    db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer than this watcher"):
        Store(p)


def test_unopenable_path_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "dir.db").mkdir()
    with pytest.raises(StoreError):
        Store(tmp_path / "dir.db")


def test_facts_round_trip_without_bodies(tmp_path: Path) -> None:
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
        m = confirm("2026-11-25 10:00", "2026-12-01 14:00")
        s.add_message("main", "ref1", m, INFO.key)
        s.add_message("main", "ref2", None, None)
    back = s.messages(INFO.key)
    assert len(back) == 1
    assert back[0].interview == m.interview and back[0].at == m.at and back[0].from_ == m.from_
    assert s.seen("main", ["ref1", "ref2", "ref3"]) == {"ref1", "ref2"}
    cols = {r[1] for r in s.db.execute("PRAGMA table_info(messages)")}
    assert "body" not in cols and "raw" not in cols


def test_ledger_key_is_unique_forever(tmp_path: Path) -> None:
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
        assert s.draft_intent(rec())
        assert not s.draft_intent(rec(status=DraftStatus.CREATED))
        s.draft_created(rec().key, "d1")
        s.set_draft_status(rec().key, DraftStatus.DELETED, at("2026-12-01 18:00"))
        assert not s.draft_intent(rec())
    [row] = s.drafts(INFO.key)
    assert row.status is DraftStatus.DELETED and row.draft_id == "d1"
    assert row.settled_at == at("2026-12-01 18:00")


def test_a_batch_is_all_or_nothing_cursor_included(tmp_path: Path) -> None:
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
    with pytest.raises(RuntimeError), s.transaction():
        s.add_message("main", "r1", mine("2026-12-01 16:00"), INFO.key)
        s.set_cursor("main", "42")
        raise RuntimeError("crash in the middle of a batch")
    s.close()
    s = Store(tmp_path / "w.db")
    assert s.cursor("main") is None and s.messages(INFO.key) == []


def test_intent_survives_a_crash_before_creation(tmp_path: Path) -> None:
    # The process dies after the intent commit: a new connection sees the intent (no id).
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
    with s.transaction():
        s.draft_intent(rec())
    del s  # no close: like a killed process
    s2 = Store(tmp_path / "w.db")
    [row] = s2.drafts(statuses=(DraftStatus.INTENT,))
    assert row.draft_id is None and row.key == rec().key


def test_manual_facts_plans_and_ignores(tmp_path: Path) -> None:
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
        s.add_manual(INFO.key, ManualFact(ManualKind.SNOOZE, at("2026-12-02 09:00"),
                                          until=at("2026-12-10 09:00")))
        s.add_ignore("<x@y>", at("2026-12-02 09:00"))
        s.set_plan(INFO.key, next_kind=StepKind.CHECK_IN, next_due=at("2026-12-10 09:00"),
                   waiting_for="snoozed", state="waiting", round_=1, last_message_at=None)
    assert s.manual(INFO.key)[0].until == at("2026-12-10 09:00")
    assert s.ignores() == {"<x@y>"}
    assert s.next_due() == at("2026-12-10 09:00")
    assert s.due_processes(at("2026-12-10 09:00")) == [INFO.key]
    assert s.due_processes(at("2026-12-10 08:59")) == []
    [row] = s.plans()
    assert row["process"] == INFO.key and row["next_kind"] == "check_in"


def test_message_fact_json_is_stable() -> None:
    m = confirm("2026-11-25 10:00", "2026-12-01 14:00")
    assert MessageFact.from_json(m.to_json(), m.seq) == m


def test_the_state_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    """Who you interview with, and when: 0600 files (the -wal and -shm too), a 0700 folder."""
    import os

    old = os.umask(0o022)
    try:
        s = Store(tmp_path / "state" / "w.db")
        s.set_meta("k", "v")
        files = sorted((tmp_path / "state").iterdir())
        assert {f.name for f in files} >= {"w.db", "w.db-wal", "w.db-shm"}
        assert all(f.stat().st_mode & 0o777 == 0o600 for f in files), [
            (f.name, oct(f.stat().st_mode)) for f in files]
        assert (tmp_path / "state").stat().st_mode & 0o777 == 0o700
        s.close()
    finally:
        os.umask(old)
