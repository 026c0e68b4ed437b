"""SQLite state (WAL, user_version migrations): seen messages and their facts, processes,
the drafts ledger, manual commands and sync cursors. All of the project's SQL lives here.

Facts only, never bodies: who, when, subject, ids, kinds. One `transaction()` covers
"messages seen + facts appended + cursor moved", so a crash at any line replays safely.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from watcher.errors import StoreError
from watcher.models import StepKind
from watcher.state import (
    DraftRecord,
    DraftStatus,
    ManualFact,
    ManualKind,
    MessageFact,
    ProcessInfo,
)

log = logging.getLogger(__name__)

# Each entry moves the schema from version i to i + 1. Never edit a released entry; append.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE processes (
        key TEXT PRIMARY KEY,
        company TEXT, role TEXT, employer_domain TEXT,
        created_at TEXT NOT NULL
    );
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        ref TEXT NOT NULL,
        message_id TEXT,
        thread_id TEXT,
        process TEXT REFERENCES processes(key),
        at TEXT,
        fact TEXT,                       -- JSON facts (no body); NULL for unrelated mail
        UNIQUE (account, ref)
    );
    CREATE INDEX messages_process ON messages(process);
    CREATE INDEX messages_message_id ON messages(message_id);
    CREATE INDEX messages_thread_id ON messages(thread_id);
    CREATE TABLE bad_messages (
        account TEXT NOT NULL, ref TEXT NOT NULL, error TEXT NOT NULL, seen_at TEXT NOT NULL,
        PRIMARY KEY (account, ref)
    );
    CREATE TABLE drafts (
        key TEXT PRIMARY KEY,            -- rule 7: one draft per step key, ever
        process TEXT NOT NULL REFERENCES processes(key),
        account TEXT,
        round INTEGER NOT NULL, cycle INTEGER NOT NULL, step TEXT NOT NULL,
        interviewer TEXT, networking_index INTEGER NOT NULL DEFAULT 0,
        recipients TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL,
        draft_id TEXT,
        created_at TEXT NOT NULL,
        settled_at TEXT
    );
    CREATE INDEX drafts_process ON drafts(process);
    CREATE INDEX drafts_status ON drafts(status);
    CREATE TABLE manual (
        id INTEGER PRIMARY KEY,
        process TEXT NOT NULL REFERENCES processes(key),
        kind TEXT NOT NULL, at TEXT NOT NULL,
        reason TEXT, until TEXT, day TEXT
    );
    CREATE TABLE ignores (target TEXT PRIMARY KEY, at TEXT NOT NULL);
    CREATE TABLE cursors (account TEXT PRIMARY KEY, cursor TEXT NOT NULL);
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE plans (
        process TEXT PRIMARY KEY REFERENCES processes(key),
        next_kind TEXT, next_due TEXT, next_due_ts REAL, waiting_for TEXT,
        state TEXT, round INTEGER, last_message_at TEXT
    );
    CREATE INDEX plans_due ON plans(next_due_ts);
    """,
)


def _iso(d: datetime | date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class _Cursor(sqlite3.Cursor):
    """A cursor whose every sqlite3 error (of a statement, or of reading its rows: a corrupt
    page is met there) is a StoreError naming the file."""

    def _error(self, exc: sqlite3.Error) -> StoreError:
        return _store_error(getattr(self.connection, "path", "?"), exc)

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        with self._translated():
            return super().execute(sql, parameters)

    def fetchone(self) -> Any:
        with self._translated():
            return super().fetchone()

    def fetchall(self) -> list[Any]:
        with self._translated():
            return super().fetchall()

    def __next__(self) -> Any:
        with self._translated():
            return super().__next__()


class _Connection(sqlite3.Connection):
    """The store's connection: statements run on a `_Cursor` (sqlite3 errors are StoreErrors)."""

    path = ""
    held = False  # inside Store.transaction(): a statement must not run outside a transaction

    def execute(self, sql: str, parameters: Any = (), /) -> _Cursor:
        if self.held and not self.in_transaction:
            # SQLite rolled the transaction back (a full disk): the rest of the block would
            # run, and commit statement by statement, outside any transaction
            raise StoreError(f"{self.path}: the transaction was rolled back by an earlier "
                             "error; nothing of it was stored")
        return self.cursor(_Cursor).execute(sql, parameters)


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY"):
        return StoreError(f"{path}: the state database is busy (another watcher process is "
                          f"writing to it); try again ({exc})")
    return StoreError(f"{path}: {exc}")


def _cause(exc: StoreError) -> str:
    """The sqlite3 text of a StoreError from a statement (without the file's name again)."""
    return str(exc.__cause__) if isinstance(exc.__cause__, sqlite3.Error) else str(exc)


def _private(path: str) -> None:
    """Make the database (and a -wal or -shm left by an older watcher) 0600 when they are
    ours: files written before the watcher made them private, or restored from a backup,
    were readable by everyone (SQLite gives new -wal and -shm files the database's mode)."""
    for name in (path, path + "-wal", path + "-shm"):
        try:
            st = os.stat(name)
            if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                os.chmod(name, 0o600)
        except OSError:  # none there; or a file system without modes: nothing to tighten
            pass


class Store:
    """The watcher's database. `path` may be ":memory:" (simulate) or a file (WAL)."""

    db: _Connection

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._depth = 0
        db: _Connection | None = None
        try:
            if self.path != ":memory:":
                Path(self.path).expanduser().parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                self.path = str(Path(self.path).expanduser())
                # who you interview with, and when: readable by you only (SQLite gives the
                # -wal and -shm files the database's mode). Created, never opened when it is
                # there: closing any descriptor of the file drops every POSIX lock this process
                # holds on it, and a reload opens it while the old engine is still open (another
                # process then took itself for the last reader and deleted the live WAL)
                try:
                    os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                except FileExistsError:
                    pass
                _private(self.path)
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                 factory=_Connection)
            db.path = self.path
            self.db = db
            self.db.row_factory = sqlite3.Row
            self.db.execute("PRAGMA busy_timeout = 5000")
            # Before anything is written (the journal mode is in the file's header): a file
            # of a newer watcher, or of another program, is left exactly as it was.
            self._check_schema()
            self.db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                mode = self.db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise StoreError(f"{self.path}: cannot switch to WAL (got {mode})")
                # FULL: a commit is on the disk when COMMIT returns. NORMAL keeps commits
                # through a crash of the process but may lose the last ones (those since the
                # last checkpoint) on a power cut: a `watcher close` or `snooze` the user was
                # told was done, or a ledger row. The watcher commits a few times a pass.
                self.db.execute("PRAGMA synchronous = FULL")
            self.migrate()
            self._check_tables()
        except (sqlite3.Error, OSError, StoreError) as exc:
            if db is not None:
                db.close()
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            if isinstance(exc, StoreError) and not isinstance(cause, sqlite3.Error):
                raise  # said in full already (a newer schema, a failed migration ...)
            raise StoreError(f"{self.path}: cannot open the state database: {cause}") from cause

    # ------------------------------------------------------------ schema

    @property
    def version(self) -> int:
        """The schema version (PRAGMA user_version)."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _check_schema(self) -> None:
        """Refuse a newer schema, and a database of another program (objects, no version)."""
        version = self.version
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path}: schema version {version} is newer than this "
                             f"watcher ({len(MIGRATIONS)}); upgrade the watcher")
        if version == 0 and self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
            raise StoreError(f"{self.path}: not a watcher state database (it holds other "
                             "tables); set [state] path to another file")

    def _check_tables(self) -> None:
        """Every table of the schema is there (a file that only claims our version)."""
        have = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = _schema_tables() - have
        if missing:
            raise StoreError(f"{self.path}: not a watcher state database (no table "
                             f"{', '.join(sorted(missing))}); set [state] path to another file")

    def migrate(self) -> None:
        """Bring the schema to the latest version, one transaction per step."""
        self._check_schema()
        while self.version < len(MIGRATIONS):
            target = self.version + 1
            try:
                self.db.execute("BEGIN IMMEDIATE")
                # Again under the write lock: another process (the daemon and `watcher status`
                # started together after an upgrade) may have migrated while this one waited.
                current = self.version
                if current < len(MIGRATIONS):
                    target = current + 1
                    for stmt in _statements(MIGRATIONS[current]):
                        self.db.execute(stmt)
                    self.db.execute(f"PRAGMA user_version = {target}")
                self.db.execute("COMMIT")
            except StoreError as exc:
                if self.db.in_transaction:  # SQLite rolls back by itself on a full disk
                    self.db.execute("ROLLBACK")
                raise StoreError(f"{self.path}: migration to version {target} failed: "
                                 f"{_cause(exc)}") from exc
            if current < len(MIGRATIONS):
                log.info("state database migrated to version %d", target)
        self._check_schema()  # a newer watcher may have migrated it while this one waited

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together or not at all (re-entrant: an inner block is a
        savepoint, so an inner block that fails leaves none of its writes behind)."""
        savepoint = f"s{self._depth}"
        self.db.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        self.db.held = True
        try:
            yield
        except BaseException:
            self._depth -= 1
            self.db.held = self._depth > 0
            # SQLite has already rolled the whole transaction back on some errors (a full
            # disk): a second ROLLBACK would fail and hide why.
            if self.db.in_transaction:
                if self._depth == 0:
                    self.db.execute("ROLLBACK")
                else:
                    self.db.execute(f"ROLLBACK TO {savepoint}")
                    self.db.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        if self._depth > 0:
            self.db.execute(f"RELEASE {savepoint}")
            return
        self.db.held = False
        if not self.db.in_transaction:
            raise StoreError(f"{self.path}: the transaction was rolled back by an earlier "
                             "error; nothing of it was stored")
        self.db.execute("COMMIT")

    # ------------------------------------------------------------ processes

    def add_process(self, info: ProcessInfo) -> None:
        """Create a process row."""
        self.db.execute("INSERT INTO processes VALUES (?, ?, ?, ?, ?)",
                        (info.key, info.company, info.role, info.employer_domain,
                         info.created_at.isoformat()))

    def update_process(self, key: str, company: str | None, role: str | None,
                       domain: str | None) -> None:
        """Fill in company, role or domain where the process did not know them."""
        self.db.execute(
            "UPDATE processes SET company = COALESCE(company, ?), role = COALESCE(role, ?), "
            "employer_domain = COALESCE(employer_domain, ?) WHERE key = ?",
            (company, role, domain, key))

    def forget_process(self, key: str) -> bool:
        """Delete a process that holds nothing (no message, no draft): its plan and manual
        facts go with it. False, and nothing deleted, when it holds something."""
        busy = self.db.execute(
            "SELECT EXISTS(SELECT 1 FROM messages WHERE process = ?) "
            "OR EXISTS(SELECT 1 FROM drafts WHERE process = ?)", (key, key)).fetchone()[0]
        if busy:
            return False
        for sql in ("DELETE FROM plans WHERE process = ?", "DELETE FROM manual WHERE process = ?",
                    "DELETE FROM processes WHERE key = ?"):
            self.db.execute(sql, (key,))
        return True

    def processes(self) -> list[ProcessInfo]:
        """Every process, oldest first."""
        rows = self.db.execute("SELECT * FROM processes ORDER BY created_at, key").fetchall()
        return [ProcessInfo(r["key"], r["company"], r["role"], r["employer_domain"],
                            datetime.fromisoformat(r["created_at"])) for r in rows]

    def process(self, key: str) -> ProcessInfo | None:
        """One process by key."""
        r = self.db.execute("SELECT * FROM processes WHERE key = ?", (key,)).fetchone()
        if r is None:
            return None
        return ProcessInfo(r["key"], r["company"], r["role"], r["employer_domain"],
                           datetime.fromisoformat(r["created_at"]))

    # ------------------------------------------------------------ messages

    def seen(self, account: str, refs: list[str]) -> set[str]:
        """Which of `refs` were already recorded for `account`."""
        out: set[str] = set()
        for i in range(0, len(refs), 500):
            chunk = refs[i:i + 500]
            q = f"SELECT ref FROM messages WHERE account = ? AND ref IN ({','.join('?' * len(chunk))})"
            out.update(r[0] for r in self.db.execute(q, (account, *chunk)))
            q = f"SELECT ref FROM bad_messages WHERE account = ? AND ref IN ({','.join('?' * len(chunk))})"
            out.update(r[0] for r in self.db.execute(q, (account, *chunk)))
        return out

    def add_message(self, account: str, ref: str, fact: MessageFact | None,
                    process: str | None, message_id: str | None = None) -> int:
        """Record a message as seen, with its facts (None: unrelated mail, of which only its
        `message_id` is kept, for `watcher track`). Returns its seq."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO messages (account, ref, message_id, thread_id, process, at, fact)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (account, ref, fact.message_id if fact else message_id,
             fact.thread_id if fact else None, process, fact.at.isoformat() if fact else None,
             json.dumps(fact.to_json(), separators=(",", ":")) if fact else None))
        return int(cur.lastrowid or 0)

    def set_message_fact(self, row_id: int, fact: MessageFact) -> None:
        """Keep the facts of a message recorded without them (read again for `watcher track`)."""
        self.db.execute("UPDATE messages SET message_id = ?, thread_id = ?, at = ?, fact = ? "
                        "WHERE id = ?", (fact.message_id, fact.thread_id, fact.at.isoformat(),
                                         json.dumps(fact.to_json(), separators=(",", ":")), row_id))

    def unread_messages(self, message_id: str) -> list[tuple[int, str, str]]:
        """(row id, account, ref) of messages recorded without facts under this Message-ID."""
        rows = self.db.execute(
            "SELECT id, account, ref FROM messages WHERE fact IS NULL AND message_id IN (?, ?)",
            (message_id.strip(), f"<{message_id.strip().strip('<>')}>")).fetchall()
        return [(r[0], r[1], r[2]) for r in rows]

    def has_message_id(self, message_id: str) -> bool:
        """Whether facts of a message with this Message-ID are already stored, in any account:
        a UIDVALIDITY rescan, a copy in another folder, the same mail sent to two of my
        addresses or an account configured twice (or renamed) must not make a second event."""
        row = self.db.execute(
            "SELECT 1 FROM messages WHERE message_id = ? AND fact IS NOT NULL LIMIT 1",
            (message_id,)).fetchone()
        return row is not None

    def accounts_of_message(self, message_id: str) -> list[str]:
        """The accounts in which a message with this Message-ID was read, first read first."""
        rows = self.db.execute("SELECT account FROM messages WHERE message_id = ? ORDER BY id",
                               (message_id,)).fetchall()
        return list(dict.fromkeys(r[0] for r in rows))

    def message_row(self, account: str, ref: str) -> tuple[str | None, str | None, str | None] | None:
        """(process, message_id, thread_id) of a recorded message, or None when unknown."""
        row = self.db.execute(
            "SELECT process, message_id, thread_id FROM messages WHERE account = ? AND ref = ?",
            (account, ref)).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def forget_message(self, account: str, ref: str) -> None:
        """Drop the record of an unlinked message so that it is read again (tracked later)."""
        self.db.execute("DELETE FROM messages WHERE account = ? AND ref = ? AND process IS NULL",
                        (account, ref))

    def record_bad_message(self, account: str, ref: str, error: str, at: datetime) -> None:
        """A message that could not be read: recorded (so it is not retried forever), skipped."""
        self.db.execute("INSERT OR REPLACE INTO bad_messages VALUES (?, ?, ?, ?)",
                        (account, ref, error[:500], at.isoformat()))

    def bad_messages(self) -> list[tuple[str, str, str]]:
        """(account, ref, error) of every unreadable message."""
        return [(r[0], r[1], r[2]) for r in
                self.db.execute("SELECT account, ref, error FROM bad_messages ORDER BY seen_at")]

    def messages(self, process: str) -> list[MessageFact]:
        """The facts of a process's messages, in store order."""
        rows = self.db.execute("SELECT id, fact FROM messages WHERE process = ? ORDER BY id",
                               (process,)).fetchall()
        return [MessageFact.from_json(json.loads(r["fact"]), r["id"]) for r in rows]

    def unlinked_facts(self) -> list[tuple[int, MessageFact]]:
        """(row id, fact) of the messages read with facts but tied to no process."""
        rows = self.db.execute("SELECT id, fact FROM messages WHERE process IS NULL AND "
                               "fact IS NOT NULL ORDER BY id").fetchall()
        return [(r["id"], MessageFact.from_json(json.loads(r["fact"]), r["id"])) for r in rows]

    def linked_messages(self) -> Iterator[tuple[str, MessageFact]]:
        """(process, fact) of every linked message, in store order (to rebuild the link index)."""
        for r in self.db.execute(
                "SELECT id, process, fact FROM messages WHERE process IS NOT NULL ORDER BY id"):
            yield r["process"], MessageFact.from_json(json.loads(r["fact"]), r["id"])

    def find_messages(self, target: str) -> list[tuple[int, str | None, MessageFact]]:
        """(row id, process, fact) of messages whose Message-ID or thread id is `target`."""
        rows = self.db.execute(
            "SELECT id, process, fact FROM messages WHERE fact IS NOT NULL AND "
            "(message_id = ? OR thread_id = ? OR message_id = ?)",
            (target.strip(), target.strip(), f"<{target.strip().strip('<>')}>")).fetchall()
        return [(r["id"], r["process"], MessageFact.from_json(json.loads(r["fact"]), r["id"]))
                for r in rows]

    def thread_messages(self, fact: MessageFact) -> list[tuple[int, str | None, MessageFact]]:
        """Messages of the same thread as `fact` (thread id, or References/In-Reply-To)."""
        ids = {x for x in (fact.message_id, fact.in_reply_to, *fact.references) if x}
        out: dict[int, tuple[int, str | None, MessageFact]] = {}
        for target in [*ids, *([fact.thread_id] if fact.thread_id else [])]:
            for row in self.find_messages(target):
                out[row[0]] = row
        return sorted(out.values(), key=lambda r: r[0])

    def set_message_process(self, row_id: int, process: str | None) -> None:
        """Attach a recorded message to a process (`watcher track`) or detach it (ignore)."""
        self.db.execute("UPDATE messages SET process = ? WHERE id = ?", (process, row_id))

    def message_count(self) -> int:
        """How many messages were recorded (read)."""
        return int(self.db.execute("SELECT COUNT(*) FROM messages").fetchone()[0])

    def last_account(self, process: str) -> str | None:
        """The account of the newest message of `process` by its date (where its drafts go),
        not of the one read last: several accounts are read one after the other."""
        rows = self.db.execute("SELECT account, at FROM messages WHERE process = ? ORDER BY id",
                               (process,)).fetchall()
        best: tuple[datetime, str] | None = None
        for account, at in rows:
            when = _dt(at)
            if when is not None and (best is None or when >= best[0]):
                best = (when, account)
        if best is not None:
            return best[1]
        return rows[-1][0] if rows else None

    def data_version(self) -> int:
        """SQLite's data_version: it changes when another connection commits a write."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    # ------------------------------------------------------------ drafts ledger

    def draft_intent(self, rec: DraftRecord) -> bool:
        """Record the intent to create a draft for a step key. False when the key exists."""
        cur = self.db.execute(
            "INSERT OR IGNORE INTO drafts (key, process, account, round, cycle, step, interviewer,"
            " networking_index, recipients, status, draft_id, created_at, settled_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rec.key, rec.process, rec.account, rec.round, rec.cycle, rec.step.value,
             rec.interviewer, rec.networking_index, json.dumps(list(rec.to)),
             rec.status.value, rec.draft_id, rec.created_at.isoformat(),
             _iso(rec.settled_at)))
        return cur.rowcount == 1

    def draft_created(self, key: str, draft_id: str, account: str | None = None) -> None:
        """The backend holds the draft: remember its id (and its account, when given: a
        draft found or made in another account than the one its intent named)."""
        if account is None:
            self.db.execute("UPDATE drafts SET status = ?, draft_id = ? WHERE key = ?",
                            (DraftStatus.CREATED.value, draft_id, key))
        else:
            self.db.execute("UPDATE drafts SET status = ?, draft_id = ?, account = ? WHERE key = ?",
                            (DraftStatus.CREATED.value, draft_id, account, key))

    def draft_back(self, key: str, draft_id: str) -> None:
        """A draft seen deleted is in the drafts folder again: pending, under `draft_id`."""
        self.db.execute("UPDATE drafts SET status = ?, draft_id = ?, settled_at = NULL "
                        "WHERE key = ?", (DraftStatus.CREATED.value, draft_id, key))

    def set_draft_status(self, key: str, status: DraftStatus, at: datetime | None) -> None:
        """Settle a draft: sent, deleted, obsolete, done by the user, skipped."""
        self.db.execute("UPDATE drafts SET status = ?, settled_at = ? WHERE key = ?",
                        (status.value, _iso(at), key))

    def drafts(self, process: str | None = None,
               statuses: tuple[DraftStatus, ...] | None = None,
               step: StepKind | None = None) -> list[DraftRecord]:
        """Ledger rows, optionally of one process, with given statuses and/or of one step."""
        q, args = "SELECT * FROM drafts WHERE 1=1", []
        if process is not None:
            q += " AND process = ?"
            args.append(process)
        if step is not None:
            q += " AND step = ?"
            args.append(step.value)
        if statuses:
            q += f" AND status IN ({','.join('?' * len(statuses))})"
            args += [s.value for s in statuses]
        return [_draft(r) for r in self.db.execute(q + " ORDER BY created_at, key", args)]

    def draft(self, key: str) -> DraftRecord | None:
        """One ledger row by key."""
        r = self.db.execute("SELECT * FROM drafts WHERE key = ?", (key,)).fetchone()
        return _draft(r) if r else None

    # ------------------------------------------------------------ manual control

    def add_manual(self, process: str, fact: ManualFact) -> None:
        """Record a manual command for a process."""
        self.db.execute("INSERT INTO manual (process, kind, at, reason, until, day) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (process, fact.kind.value, fact.at.isoformat(), fact.reason,
                         _iso(fact.until), _iso(fact.day)))

    def manual(self, process: str) -> list[ManualFact]:
        """The manual commands of a process, in order."""
        rows = self.db.execute("SELECT * FROM manual WHERE process = ? ORDER BY id", (process,))
        return [ManualFact(ManualKind(r["kind"]), datetime.fromisoformat(r["at"]), r["reason"],
                           _dt(r["until"]), date.fromisoformat(r["day"]) if r["day"] else None)
                for r in rows]

    def add_ignore(self, target: str, at: datetime) -> None:
        """Never link messages with this Message-ID or thread id."""
        self.db.execute("INSERT OR IGNORE INTO ignores VALUES (?, ?)", (target, at.isoformat()))

    def ignores(self) -> set[str]:
        """Every ignored Message-ID / thread id."""
        return {r[0] for r in self.db.execute("SELECT target FROM ignores")}

    # ------------------------------------------------------------ cursors, meta, plans

    def cursor(self, account: str) -> str | None:
        """The account's sync cursor, None before the first sync."""
        r = self.db.execute("SELECT cursor FROM cursors WHERE account = ?", (account,)).fetchone()
        return r[0] if r else None

    def set_cursor(self, account: str, cursor: str) -> None:
        """Move the account's cursor (inside the transaction that stored the batch)."""
        self.db.execute("INSERT OR REPLACE INTO cursors VALUES (?, ?)", (account, cursor))

    def get_meta(self, key: str) -> str | None:
        """A small named value (last tick time ...)."""
        r = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return r[0] if r else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a small named value."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def delete_meta(self, key: str) -> None:
        """Forget a small named value."""
        self.db.execute("DELETE FROM meta WHERE key = ?", (key,))

    def account_processes(self, account: str) -> set[str]:
        """The processes with a message read in `account`."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT process FROM messages WHERE account = ? AND process IS NOT NULL",
            (account,))}

    def unplanned_processes(self) -> list[str]:
        """Processes never planned: created by a pass that did not get to plan them."""
        return [r[0] for r in self.db.execute(
            "SELECT key FROM processes WHERE key NOT IN (SELECT process FROM plans) ORDER BY key")]

    _PROBLEM = "account_problem:"

    def set_account_problem(self, account: str, at: datetime, error: str) -> None:
        """The account's mail could not be read at `at` (`status` shows it); the first
        failure of a run of them is kept as `since`, the newest error as the reason."""
        key = self._PROBLEM + account
        old = self.get_meta(key)
        since = json.loads(old)["since"] if old else at.isoformat()
        self.set_meta(key, json.dumps({"since": since, "at": at.isoformat(), "error": error}))

    def clear_account_problem(self, account: str) -> None:
        """The account was read again."""
        self.db.execute("DELETE FROM meta WHERE key = ?", (self._PROBLEM + account,))

    def account_problems(self) -> dict[str, tuple[datetime, datetime, str]]:
        """account -> (failing since, last failure, its error), for `status`."""
        out: dict[str, tuple[datetime, datetime, str]] = {}
        for key, value in self.db.execute("SELECT key, value FROM meta WHERE substr(key, 1, ?) = ?",
                                          (len(self._PROBLEM), self._PROBLEM)):
            v = json.loads(value)
            out[key[len(self._PROBLEM):]] = (datetime.fromisoformat(v["since"]),
                                             datetime.fromisoformat(v["at"]), str(v["error"]))
        return out

    def set_plan(self, process: str, *, next_kind: StepKind | None, next_due: datetime | None,
                 waiting_for: str | None, state: str, round_: int,
                 last_message_at: datetime | None) -> None:
        """What `status` shows and what the scheduler wakes for."""
        self.db.execute(
            "INSERT OR REPLACE INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (process, next_kind.value if next_kind else None, _iso(next_due),
             next_due.timestamp() if next_due else None, waiting_for, state, round_,
             _iso(last_message_at)))

    def plans(self) -> list[dict[str, Any]]:
        """Every process's plan row joined with its company and role."""
        rows = self.db.execute(
            "SELECT p.key AS process, p.company, p.role, pl.state, pl.round, pl.last_message_at,"
            " pl.next_kind, pl.next_due, pl.waiting_for FROM processes p"
            " LEFT JOIN plans pl ON pl.process = p.key ORDER BY p.created_at, p.key")
        return [dict(r) for r in rows]

    def next_due(self, after: datetime | None = None) -> datetime | None:
        """The earliest due moment over all processes (later than `after`, when given)."""
        q, args = "SELECT next_due FROM plans WHERE next_due_ts IS NOT NULL", []
        if after is not None:
            q += " AND next_due_ts > ?"
            args.append(after.timestamp())
        r = self.db.execute(q + " ORDER BY next_due_ts LIMIT 1", args).fetchone()
        return _dt(r[0]) if r else None

    def due_processes(self, now: datetime) -> list[str]:
        """Processes whose next draft is due at or before `now`."""
        return [r[0] for r in self.db.execute(
            "SELECT process FROM plans WHERE next_due_ts IS NOT NULL AND next_due_ts <= ? "
            "ORDER BY next_due_ts, process", (now.timestamp(),))]


def _read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection to an existing file (sqlite3.Error when there is none)."""
    # '%', '?' and '#' in a file name would end the URI's path: mode=ro lost, another file made
    name = str(Path(path).expanduser())
    for char, code in (("%", "%25"), ("?", "%3f"), ("#", "%23")):
        name = name.replace(char, code)
    return sqlite3.connect(f"file:{name}?mode=ro", uri=True)


def snapshot(path: str | Path) -> Store:
    """The state file at `path` copied into memory, the file read without being changed:
    what a dry run works on. It may write there (and an older schema is migrated there);
    nothing reaches the file, and the running service's commits are never held up by it."""
    inspect(path)  # what opening it would refuse (another program's file...), said the same way
    store = Store(":memory:")
    try:
        src = _read_only(path)
        try:
            src.backup(store.db)
        finally:
            src.close()
        store.migrate()
        store._check_tables()
    except (sqlite3.Error, StoreError) as exc:
        store.close()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"{path}: cannot read the state database: {exc}") from exc
    return store


def inspect(path: str | Path) -> tuple[int, int]:
    """(schema version of an existing state file, the latest version), reading it without
    changing it (`watcher doctor`); StoreError when it is not a readable state database."""
    try:
        db = _read_only(path)
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            db.close()
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: not a readable state database: {exc}") from exc
    if (version == 0 and tables) or (version == len(MIGRATIONS)
                                     and not _schema_tables() <= tables):
        raise StoreError(f"{path}: not a watcher state database (its tables are another "
                         "program's)")
    return version, len(MIGRATIONS)


def _draft(r: sqlite3.Row) -> DraftRecord:
    return DraftRecord(
        key=r["key"], process=r["process"], round=r["round"], cycle=r["cycle"],
        step=StepKind(r["step"]), status=DraftStatus(r["status"]),
        created_at=datetime.fromisoformat(r["created_at"]),
        to=tuple(json.loads(r["recipients"])), interviewer=r["interviewer"],
        networking_index=r["networking_index"], settled_at=_dt(r["settled_at"]),
        draft_id=r["draft_id"], account=r["account"])


_SCHEMA_TABLES: set[str] = set()


def _schema_tables() -> set[str]:
    """The tables of the latest schema."""
    if not _SCHEMA_TABLES:
        db = sqlite3.connect(":memory:")
        try:
            for script in MIGRATIONS:
                for stmt in _statements(script):
                    db.execute(stmt)
            _SCHEMA_TABLES.update(
                r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        finally:
            db.close()
    return set(_SCHEMA_TABLES)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    text = "\n".join(ln.split("--")[0] for ln in script.splitlines())  # comments first
    return [stmt.strip() for stmt in text.split(";") if stmt.strip()]
