"""store.py on real SQLite files: WAL, migrations, the drafts ledger, atomic batches."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.enginekit import INFO, at, confirm, mine
from watcher import store
from watcher.errors import StoreError
from watcher.models import StepKind
from watcher.state import DraftRecord, DraftStatus, ManualFact, ManualKind, MessageFact
from watcher.store import MIGRATIONS, Store, _statements, inspect


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


def test_only_a_process_that_holds_nothing_is_forgotten(tmp_path: Path) -> None:
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
        s.add_message("main", "ref1", confirm("2026-11-25 10:00", "2026-12-01 14:00"), INFO.key)
        s.add_manual(INFO.key, ManualFact(ManualKind.SNOOZE, at("2026-11-26 10:00"),
                                          until=at("2026-12-20 10:00")))
        assert not s.forget_process(INFO.key)  # a message
        s.set_message_process(s.db.execute("SELECT id FROM messages WHERE ref = 'ref1'").fetchone()[0],
                              None)  # the message detached (`watcher ignore`)
        assert s.draft_intent(rec())
        assert not s.forget_process(INFO.key)  # a draft: the ledger keeps it for good
        s.db.execute("DELETE FROM drafts")
        assert s.forget_process(INFO.key)
    assert s.process(INFO.key) is None and s.manual(INFO.key) == [] and s.processes() == []


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


# ------------------------------------------------------------ audit: files that are not ours,
# full disks, crashes mid-migration, two processes, nested transactions, modes, query plans

_ROOT = Path(__file__).resolve().parent.parent


def _child(script: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """Run `script` in a fresh interpreter (the project importable); its stdout, stderr."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(script)], capture_output=True,
                          text=True, timeout=timeout, cwd=_ROOT,
                          env={**os.environ, "PYTHONPATH": str(_ROOT)})


def _files(p: Path) -> dict[str, bytes]:
    return {f.name: f.read_bytes() for f in sorted(p.parent.iterdir())}


def test_a_sqlite_file_of_another_program_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """A [state] path pointing at, say, a browser's history must not get our tables (nor WAL)."""
    p = tmp_path / "places.sqlite"
    db = sqlite3.connect(p)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    db.execute("INSERT INTO moz_places VALUES (1, 'https://example.com')")
    db.commit()
    db.close()
    before = _files(p)
    with pytest.raises(StoreError, match="not a watcher state database") as err:
        Store(p)
    assert str(p) in str(err.value)
    assert _files(p) == before


def _db_of(tmp_path: Path, table: str, version: int) -> Path:
    """A SQLite file with one table of its own and the given schema version."""
    p = tmp_path / "w.db"
    db = sqlite3.connect(p)
    db.execute(f"CREATE TABLE {table} (x)")
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    return p


def test_a_database_claiming_our_version_without_our_tables_is_refused(tmp_path: Path) -> None:
    p = _db_of(tmp_path, "other", len(MIGRATIONS))
    with pytest.raises(StoreError, match="not a watcher state database"):
        Store(p)


def test_a_newer_schema_is_left_exactly_as_it_was(tmp_path: Path) -> None:
    """Refused before anything is written: no journal-mode switch, no -wal or -shm left."""
    p = _db_of(tmp_path, "future", len(MIGRATIONS) + 1)
    before = _files(p)
    with pytest.raises(StoreError, match="newer than this watcher"):
        Store(p)
    assert _files(p) == before


def test_a_full_disk_mid_pass_is_a_store_error_naming_the_file(tmp_path: Path) -> None:
    """The disk fills up during a batch: a StoreError that names the file and says why (the
    rollback SQLite already did must not hide it as 'cannot rollback'), nothing of the batch
    is kept, and the same connection goes on once there is room again."""
    p = tmp_path / "w.db"
    out = _child(f"""
        import resource, signal
        from watcher.errors import StoreError
        from watcher.store import Store
        from tests.enginekit import INFO, confirm
        s = Store({str(p)!r})
        with s.transaction():
            s.add_process(INFO)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, limit[1]))  # the disk is full
        m = confirm("2026-11-25 10:00", "2026-12-01 14:00")
        try:
            with s.transaction():
                for i in range(20_000):
                    s.add_message("main", f"r{{i}}", m, INFO.key)
                s.set_cursor("main", "42")
            print("no error")
        except StoreError as exc:
            print("StoreError", exc)
        except Exception as exc:
            print("other", type(exc).__name__, exc)
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)  # room again
        with s.transaction():
            s.set_cursor("main", "7")
        print("then", s.cursor("main"), s.message_count())
    """)
    assert out.returncode == 0, out.stderr
    first, then = out.stdout.splitlines()
    assert first.startswith("StoreError"), first
    assert str(p) in first and "cannot rollback" not in first
    assert "full" in first or "I/O" in first, first
    assert then == "then 7 0"


def test_a_migration_on_a_full_disk_leaves_the_old_version_usable(tmp_path: Path) -> None:
    p = tmp_path / "w.db"
    keep = sqlite3.connect(p)  # keeps the -shm mapped, so only the migration's writes fail
    keep.execute("PRAGMA journal_mode = WAL")
    keep.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    out = _child(f"""
        import resource, signal
        from watcher.errors import StoreError
        from watcher.store import Store
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (40_000, resource.RLIM_INFINITY))
        try:
            Store({str(p)!r})
            print("no error")
        except StoreError as exc:
            print("StoreError", exc)
    """)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("StoreError"), out.stdout
    assert "migration to version 1 failed" in out.stdout and str(p) in out.stdout
    assert "cannot rollback" not in out.stdout
    assert keep.execute("PRAGMA user_version").fetchone()[0] == 0
    assert keep.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0
    keep.close()
    assert Store(p).version == len(MIGRATIONS)


def test_sigkill_mid_migration_leaves_the_old_version(tmp_path: Path) -> None:
    """A (test-only) long migration step is killed half-way: the file is at the old version,
    without a trace of the step, and opens as it did before."""
    p = tmp_path / "w.db"
    s = Store(p)
    with s.transaction():
        s.add_process(INFO)
    s.close()
    old = len(MIGRATIONS)
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import watcher.store as store
        store.MIGRATIONS = store.MIGRATIONS + (
            "CREATE TABLE filler (x INTEGER, b BLOB); "
            "INSERT INTO filler WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
            "LIMIT 300000) SELECT x, randomblob(300) FROM c; "
            "CREATE INDEX filler_b ON filler(b)",)
        store.Store({str(p)!r})
    """)], cwd=_ROOT, env={**os.environ, "PYTHONPATH": str(_ROOT)},
        stderr=subprocess.DEVNULL)
    wal = p.with_name(p.name + "-wal")
    deadline = time.monotonic() + 20
    while proc.poll() is None and time.monotonic() < deadline:
        if wal.exists() and wal.stat().st_size > 4_000_000:
            proc.kill()
            break
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the migration ended before it could be killed"
    db = sqlite3.connect(p)
    assert db.execute("PRAGMA user_version").fetchone()[0] == old
    assert db.execute("SELECT COUNT(*) FROM sqlite_master WHERE name = 'filler'").fetchone()[0] == 0
    db.close()
    s = Store(p)
    assert s.version == old and [i.key for i in s.processes()] == [INFO.key]


def test_two_processes_upgrading_the_same_file_at_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The daemon and `watcher status` start together after an upgrade: the one that waited
    for the other's migration must see it done, not run it a second time."""
    p = tmp_path / "w.db"
    other = sqlite3.connect(p, isolation_level=None)
    other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN IMMEDIATE")  # the other process is migrating
    ran: list[str] = []  # the opener's statements, as SQLite starts them
    asks_for_the_lock = threading.Event()

    def trace(sql: str) -> None:
        ran.append(sql)
        if sql == "BEGIN IMMEDIATE":
            asks_for_the_lock.set()

    class Traced(store._Connection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.set_trace_callback(trace)

    monkeypatch.setattr(store, "_Connection", Traced)
    result: list[object] = []

    def opener() -> None:
        try:
            result.append(Store(p).version)
        except Exception as exc:
            result.append(exc)

    t = threading.Thread(target=opener)
    t.start()
    try:
        # It read version 0 (the other has not committed) and now asks for the write lock,
        # which the other holds until its migration is done.
        assert asks_for_the_lock.wait(10), f"the opener did not get to migrating: {result} {ran}"
        assert "PRAGMA user_version" in ran and result == []
        for stmt in _statements(MIGRATIONS[0]):
            other.execute(stmt)
        other.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        other.execute("COMMIT")
    finally:
        if other.in_transaction:
            other.execute("ROLLBACK")
        t.join(10)
        other.close()
    assert result == [len(MIGRATIONS)]


def test_an_inner_transaction_that_fails_leaves_nothing_behind(tmp_path: Path) -> None:
    """transaction() is re-entrant: a failed inner block (a dry run wraps the whole pass in
    one, an account's batch inside it fails) rolls back its own writes, not the outer ones."""
    s = Store(tmp_path / "w.db")
    with s.transaction():
        s.add_process(INFO)
        try:
            with s.transaction():
                s.add_message("main", "r1", mine("2026-12-01 16:00"), INFO.key)
                s.set_cursor("main", "42")
                raise RuntimeError("the account's sync fails mid-batch")
        except RuntimeError:
            pass
        s.set_meta("last_tick", "x")
    assert s.cursor("main") is None and s.messages(INFO.key) == []
    assert s.get_meta("last_tick") == "x" and s.process(INFO.key) is not None


def test_a_busy_database_is_a_clear_store_error(tmp_path: Path) -> None:
    """`watcher snooze` while the daemon's first sync holds the write lock: a StoreError
    saying so (after the busy timeout), not a raw sqlite3 error."""
    p = tmp_path / "w.db"
    daemon = Store(p)
    cli = Store(p)
    cli.db.execute("PRAGMA busy_timeout = 50")
    with daemon.transaction():
        daemon.set_meta("k", "v")
        with pytest.raises(StoreError, match="busy") as err, cli.transaction():
            cli.set_meta("k", "w")
        assert str(p) in str(err.value)
    with cli.transaction():  # not left in a transaction
        cli.set_meta("k", "w")
    assert daemon.get_meta("k") == "w"


def test_a_corrupt_page_is_a_store_error_when_read(tmp_path: Path) -> None:
    p = tmp_path / "w.db"
    s = Store(p)
    with s.transaction():
        s.add_process(INFO)
        for i in range(2000):
            s.add_message("main", f"r{i}", confirm("2026-11-25 10:00", "2026-12-01 14:00"),
                          INFO.key)
    s.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    data = bytearray(p.read_bytes())
    middle = len(data) // 4096 // 2 * 4096
    data[middle:middle + 4096] = b"\xa5" * 4096
    p.write_bytes(bytes(data))
    with pytest.raises(StoreError) as err:
        s = Store(p)
        s.messages(INFO.key)
        list(s.linked_messages())
        s.seen("main", [f"r{i}" for i in range(2000)])
    assert str(p) in str(err.value)


def test_commits_are_durable_on_a_power_cut(tmp_path: Path) -> None:
    """WAL with synchronous=NORMAL keeps every commit through a SIGKILL, but not through a
    power cut: the commits since the last checkpoint may be lost, a `watcher close` or
    `snooze` the user was told was done among them. FULL syncs the WAL at each commit."""
    s = Store(tmp_path / "w.db")
    assert s.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_state_file_left_world_readable_is_made_private(tmp_path: Path) -> None:
    """State files written before the watcher made them 0600 (or restored from a backup)."""
    p = tmp_path / "w.db"
    s = Store(p)
    s.set_meta("k", "v")
    s.close()
    os.chmod(p, 0o644)
    s = Store(p)
    s.set_meta("k", "w")
    modes = {f.name: f.stat().st_mode & 0o777 for f in tmp_path.iterdir()}
    assert modes == {"w.db": 0o600, "w.db-wal": 0o600, "w.db-shm": 0o600}
    s.db.execute("VACUUM")
    s.set_meta("k", "x")
    assert {f.stat().st_mode & 0o777 for f in tmp_path.iterdir()} == {0o600}
    s.close()


def test_a_reader_is_not_blocked_by_a_long_write_transaction(tmp_path: Path) -> None:
    """`watcher status` during the daemon's first sync (one long transaction)."""
    p = tmp_path / "w.db"
    daemon = Store(p)
    with daemon.transaction():
        daemon.add_process(INFO)
    dv = daemon.data_version()
    with daemon.transaction():
        for i in range(3000):
            daemon.add_message("main", f"r{i}", None, None)
        started = time.monotonic()
        status = Store(p)
        assert [i.key for i in status.processes()] == [INFO.key]
        assert status.message_count() == 0
        assert time.monotonic() - started < 1.0
    assert daemon.data_version() == dv  # its own commits do not count
    with status.transaction():
        status.set_meta("k", "v")
    assert daemon.data_version() != dv  # another connection's do


def test_the_queries_of_every_pass_use_indexes() -> None:
    """A store of 100k messages: no per-pass query scans `messages` or `drafts`."""
    s = Store(":memory:")
    queries = [
        "SELECT ref FROM messages WHERE account = ? AND ref IN (?, ?)",
        "SELECT 1 FROM messages WHERE account = ? AND message_id = ? AND fact IS NOT NULL",
        "SELECT process, message_id, thread_id FROM messages WHERE account = ? AND ref = ?",
        "SELECT id, fact FROM messages WHERE process = ? ORDER BY id",
        "SELECT account FROM messages WHERE process = ? ORDER BY id DESC LIMIT 1",
        "SELECT id, process, fact FROM messages WHERE fact IS NOT NULL AND "
        "(message_id = ? OR thread_id = ? OR message_id = ?)",
        "SELECT * FROM drafts WHERE 1=1 AND status IN (?, ?) ORDER BY created_at, key",
        "SELECT * FROM drafts WHERE 1=1 AND process = ? ORDER BY created_at, key",
        "SELECT process FROM plans WHERE next_due_ts IS NOT NULL AND next_due_ts <= ?",
    ]
    for q in queries:
        plan = [r[3] for r in s.db.execute("EXPLAIN QUERY PLAN " + q, ("x",) * q.count("?"))]
        assert not any(step.startswith("SCAN") for step in plan), (q, plan)


def test_doctor_inspects_what_the_watcher_would_open(tmp_path: Path) -> None:
    """inspect() (`watcher doctor`, read-only) refuses the files Store refuses, and reads a
    state file in a folder whose name has a '#' or '?' (a URI would cut the path there)."""
    folder = tmp_path / "job #2?"
    s = Store(folder / "w.db")
    s.close()
    before = (folder / "w.db").read_bytes()
    assert inspect(folder / "w.db") == (len(MIGRATIONS), len(MIGRATIONS))
    assert (folder / "w.db").read_bytes() == before
    assert sorted(f.name for f in tmp_path.iterdir()) == ["job #2?"]  # no stray "job " file
    foreign = tmp_path / "places.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not a watcher state database"):
        inspect(foreign)


def test_once_sqlite_rolled_a_transaction_back_nothing_more_is_written(tmp_path: Path) -> None:
    """A dry run wraps the pass in one transaction. One account's batch fills the disk and
    SQLite rolls the whole transaction back; the pass goes on with the next account. Its
    writes must fail, not run (and commit, one by one) outside any transaction."""
    p = tmp_path / "w.db"
    s = Store(p)
    with s.transaction():
        s.add_process(INFO)
    pages = s.db.execute("PRAGMA page_count").fetchone()[0]
    s.db.execute(f"PRAGMA max_page_count = {pages + 5}")  # the disk is almost full
    m = confirm("2026-11-25 10:00", "2026-12-01 14:00")
    with pytest.raises(StoreError), s.transaction():
        s.set_meta("dry", "run")
        with pytest.raises(StoreError, match="full"), s.transaction():
            for i in range(5000):
                s.add_message("main", f"r{i}", m, INFO.key)
        with s.transaction():  # the next account
            s.set_meta("other", "account")
        s.set_plan(INFO.key, next_kind=None, next_due=None, waiting_for=None, state="x",
                   round_=1, last_message_at=None)
    s.db.execute("PRAGMA max_page_count = 1000000")
    fresh = Store(p)
    assert fresh.get_meta("dry") is None and fresh.get_meta("other") is None
    assert fresh.plans()[0]["state"] is None and fresh.message_count() == 0
    with s.transaction():  # the store goes on once there is room
        s.set_meta("k", "v")
    assert fresh.get_meta("k") == "v"


def test_opening_the_database_again_keeps_the_first_connections_locks(tmp_path: Path) -> None:
    """A config reload opens the state database again in the daemon before the old engine is
    closed. Opening the file with os.open and closing it dropped every POSIX lock the process
    held on it (fcntl locks are per process and file): the next `watcher status` took itself
    for the last reader, checkpointed and deleted the WAL the daemon still wrote to, and from
    then on nothing the daemon wrote was seen (review18b: a `close` ignored, status stale, a
    deleted draft made again after a crash)."""
    path = tmp_path / "w.db"
    first = store.Store(path)
    first.set_meta("k", "1")
    second = store.Store(path)  # the reload's new engine, the old one still open
    reader = [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "print(c.execute(\"SELECT value FROM meta WHERE key = 'k'\").fetchone()[0]); c.close()",
              str(path)]
    assert subprocess.run(reader, capture_output=True, text=True, check=True).stdout.strip() == "1"
    first.set_meta("k", "2")
    assert subprocess.run(reader, capture_output=True, text=True, check=True).stdout.strip() == "2"
    second.close()
    first.close()
