"""Maildir backend on temp folders: both layouts, moves and flags, atomic drafts, markers."""

from __future__ import annotations

import dataclasses
import email
import errno
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.dovecot import DovecotServer, make_message
from tests.enginekit import at, config, confirmation_mail, with_attachment
from watcher.backends import maildir
from watcher.backends.base import (
    MARKER_HEADER,
    MAX_MESSAGE_BYTES,
    DraftsIncomplete,
    Folder,
    SyncBatch,
    marker_of,
)
from watcher.backends.maildir import MaildirBackend, split_name
from watcher.compose import message_id_for
from watcher.config import MeConfig
from watcher.errors import ConfigError, TransientError
from watcher.models import Address, Draft, StepKind
from watcher.pipeline import Engine, tick
from watcher.store import Store


def every(_h: bytes) -> bool:
    return True


def interview_only(h: bytes) -> bool:
    return b"Interview" in h


def mkmaildir(path: Path) -> Path:
    for sub in ("cur", "new", "tmp"):
        (path / sub).mkdir(parents=True, exist_ok=True)
    return path


def deliver(folder: Path, msg: bytes, name: str, sub: str = "new", flags: str | None = None,
            mtime: float | None = None) -> Path:
    mkmaildir(folder)
    p = folder / sub / (name if flags is None else f"{name}:2,{flags}")
    p.write_bytes(msg)
    if mtime is not None:
        os.utime(p, (mtime, mtime))
    return p


def ids(batch: SyncBatch) -> list[str]:
    return [email.message_from_bytes(m.headers)["Message-ID"] for m in batch.messages]


def make_draft(marker: str) -> tuple[Draft, bytes]:
    d = Draft(marker=marker, process="acme-dev", kind=StepKind.THANK_YOU, round=1,
              to=(Address("Jane", "jane@acme.example"),), subject="Thank you", body="Thanks!")
    raw = (f"From: alex@example.com\r\nTo: jane@acme.example\r\nSubject: Thank you\r\n"
           f"Message-ID: <d-{marker}@watcher>\r\n{MARKER_HEADER}: {marker}\r\n\r\nThanks!\r\n"
           ).encode()
    return d, raw


LAYOUTS = {
    # Maildir++ (Dovecot, Courier, mbsync with SubFolders Maildir++): root is INBOX.
    "maildir++": {"inbox": "", "sent": ".Sent", "drafts": ".Drafts"},
    # Plain subfolders (mbsync SubFolders Verbatim, offlineimap).
    "fs": {"inbox": "INBOX", "sent": "Sent", "drafts": "Drafts"},
}


@pytest.fixture(params=sorted(LAYOUTS))
def tree(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Path]:
    dirs = {role: mkmaildir(tmp_path / rel) for role, rel in LAYOUTS[request.param].items()}
    return {"root": tmp_path, **dirs}


def test_split_name() -> None:
    assert split_name("123.M1P2.host:2,RS") == ("123.M1P2.host", "RS")
    assert split_name("123.M1P2.host") == ("123.M1P2.host", "")
    assert split_name("123.M1P2.host!2,S") == ("123.M1P2.host", "S")


def test_layout_detected(tree: dict[str, Path]) -> None:
    b = MaildirBackend("m", tree["root"])
    expected = "maildir++" if (tree["root"] / "cur").is_dir() else "fs"
    assert b.layout == expected
    assert b.folder("sent").path == tree["sent"]  # type: ignore[union-attr]
    assert b.folder("drafts").path == tree["drafts"]  # type: ignore[union-attr]


def test_a_message_not_read_whole_keeps_only_its_date_and_message_id(tree: dict[str, Path]) -> None:
    # A first sync of a big folder must not hold every header block in memory: of mail the
    # candidate check passed over, only what orders the batch and names the message is kept.
    received = "".join(f"Received: from relay{i}.example by mx.example; Tue, 1 Dec 2026\r\n"
                       for i in range(30))
    deliver(tree["inbox"], make_message(1, extra_headers=received), "100.a.host", mtime=1000)
    deliver(tree["inbox"], make_message(2, subject="Interview", extra_headers=received),
            "101.b.host", mtime=1001)
    skipped, whole = MaildirBackend("m", tree["root"]).sync(None, interview_only).messages
    assert skipped.raw is None
    assert skipped.headers == (b"Date: Tue, 01 Dec 2026 10:01:00 -0500\r\n"
                               b"Message-ID: <1@test.example>\r\n\r\n")
    assert whole.raw is not None and whole.headers.count(b"Received:") == 30


def test_first_sync_then_only_new(tree: dict[str, Path]) -> None:
    deliver(tree["inbox"], make_message(1), "100.a.host", mtime=1000)
    deliver(tree["inbox"], make_message(2, subject="Interview"), "101.b.host", sub="cur",
            flags="S", mtime=1001)
    deliver(tree["sent"], make_message(3), "102.c.host", sub="cur", flags="S", mtime=1002)
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, interview_only)
    assert ids(first) == ["<1@test.example>", "<2@test.example>", "<3@test.example>"]
    assert [m.folder for m in first.messages] == [Folder.INBOX, Folder.INBOX, Folder.SENT]
    assert [m.raw is not None for m in first.messages] == [False, True, False]
    assert all(m.headers.endswith(b"\r\n\r\n") for m in first.messages)
    assert first.messages[0].ref == "INBOX/100.a.host"
    assert first.messages[2].ref == "Sent/102.c.host"
    assert first.full_resync is False
    assert b.sync(first.cursor, every).messages == []
    deliver(tree["inbox"], make_message(4), "103.d.host")
    second = b.sync(first.cursor, every)
    assert ids(second) == ["<4@test.example>"]


JOBS = {"maildir++": ".Jobs", "fs": "Jobs"}  # where each layout keeps a folder "Jobs"


@pytest.mark.parametrize("spelling", ["Jobs", "as laid out", "full path"])
def test_also_read_folders_are_read_as_the_inbox_is(tree: dict[str, Path],
                                                    spelling: str) -> None:
    """procmail, afew or fdm file recruiters' mail into "Jobs": only INBOX and Sent were
    read, and the confirmation filed there was never seen."""
    rel = JOBS["maildir++" if (tree["root"] / "cur").is_dir() else "fs"]
    jobs = mkmaildir(tree["root"] / rel)
    name = {"Jobs": "Jobs", "as laid out": rel, "full path": str(jobs)}[spelling]
    confirmation, _mid = confirmation_mail()
    deliver(jobs, confirmation, "100.a.host", mtime=1000)
    deliver(jobs, make_message(1), "101.b.host", mtime=1001)
    deliver(tree["inbox"], make_message(2), "102.c.host", mtime=1002)
    b = MaildirBackend("m", tree["root"], also_read=[name])
    first = b.sync(None, interview_only)
    assert len(first.messages) == 3 and all(m.folder is Folder.INBOX for m in first.messages)
    found = [m for m in first.messages if m.ref.startswith(f"{name}/")]
    assert [m.raw is not None for m in found] == [True, False]  # whole for candidates only
    assert set(json.loads(first.cursor)["folders"]) == {"inbox", "sent", f"also:{name}"}
    assert b.sync(first.cursor, every).messages == []
    # incremental, the watcher/track keyword honoured (Dovecot's keyword letters)
    (jobs / "dovecot-keywords").write_text("0 watcher/track\n")
    deliver(jobs, make_message(3), "103.d.host", sub="cur", flags="a")
    later = b.sync(first.cursor, none_of)
    assert ids(later) == ["<3@test.example>"]
    assert later.messages[0].keywords == frozenset({"watcher/track"})
    assert later.messages[0].raw is not None
    # refs work for `watcher track`, in a new backend too (a restarted daemon)
    again = MaildirBackend("m", tree["root"], also_read=[name]).fetch_message(found[0].ref)
    assert again is not None and again.folder is Folder.INBOX and again.raw == found[0].raw
    # a poll sees a change there
    slept: list[float] = []
    b = MaildirBackend("m", tree["root"], also_read=[name], sleep=slept.append)
    b.sync(later.cursor, every)
    assert b.wait_for_change(5) is False
    deliver(jobs, make_message(4), "104.e.host")
    os.utime(jobs / "new", ns=(0, 10**18))  # mtime granularity: make the change visible
    assert b.wait_for_change(5) is True


def test_an_also_read_folder_gone_while_running_holds_back_nothing(
        tree: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    """review23j #2: "Jobs" moved away while the daemon runs (the user tidied it away, a sync
    tool re-creating it, a disk not mounted yet): every sync raised ConfigError, so INBOX's
    and Sent's new mail was not read until the config was edited. Now it is warned of once
    and skipped, its cursor entry kept: back, its mail is not reported again."""
    rel = JOBS["maildir++" if (tree["root"] / "cur").is_dir() else "fs"]
    jobs = mkmaildir(tree["root"] / rel)
    deliver(jobs, make_message(1), "100.a.host", mtime=1000)
    b = MaildirBackend("m", tree["root"], also_read=["Jobs"])
    first = b.sync(None, every)
    assert ids(first) == ["<1@test.example>"]
    aside = tree["root"].parent / "jobs-aside"
    jobs.rename(aside)
    deliver(tree["inbox"], make_message(2), "101.b.host", mtime=1001)
    with caplog.at_level(logging.WARNING):
        later = b.sync(first.cursor, every)
        again = b.sync(later.cursor, every)
    assert ids(later) == ["<2@test.example>"] and again.messages == []
    cur = json.loads(again.cursor)["folders"]
    assert cur["also:Jobs"] == json.loads(first.cursor)["folders"]["also:Jobs"]
    assert len([r for r in caplog.records if "no longer at" in r.getMessage()]) == 1
    aside.rename(jobs)
    deliver(jobs, make_message(3), "102.c.host", mtime=1002)
    assert ids(b.sync(again.cursor, every)) == ["<3@test.example>"]
    # a new backend (a restart) still refuses a folder it never found: a typo
    with pytest.raises(ConfigError, match="also_read = 'Nope'"):
        MaildirBackend("m", tree["root"], also_read=["Nope"]).sync(None, every)


def none_of(_h: bytes) -> bool:
    return False


@pytest.mark.parametrize(("name", "error"), [
    ("Nope", r"also_read = 'Nope': no folder at"),
    ("Sent", r"also_read = 'Sent' \(.*\) is the sent folder too"),
    ("Drafts", r"also_read = 'Drafts' \(.*\) is the drafts folder too"),
])
def test_also_read_refuses_a_missing_folder_or_sent_or_drafts(tree: dict[str, Path], name: str,
                                                              error: str) -> None:
    b = MaildirBackend("m", tree["root"], also_read=[name])
    with pytest.raises(ConfigError, match=error):
        b.sync(None, every)


def test_also_read_refuses_one_folder_named_twice(tmp_path: Path) -> None:
    mkmaildir(tmp_path)
    jobs = mkmaildir(tmp_path / ".Jobs")
    b = MaildirBackend("m", tmp_path, also_read=["Jobs", str(jobs)])
    with pytest.raises(ConfigError, match=r"is also_read 'Jobs' too"):
        b.sync(None, every)


def test_moves_and_flag_changes_are_not_new(tree: dict[str, Path]) -> None:
    p = deliver(tree["inbox"], make_message(1), "100.a.host")
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)
    # The mail client reads it: new/ -> cur/ with :2,S, then flags it.
    moved = tree["inbox"] / "cur" / "100.a.host:2,S"
    os.rename(p, moved)
    assert b.sync(first.cursor, every).messages == []
    os.rename(moved, tree["inbox"] / "cur" / "100.a.host:2,FS")
    again = b.sync(first.cursor, every)
    assert again.messages == []
    assert json.loads(again.cursor) == json.loads(first.cursor)


def test_removed_message_leaves_the_cursor(tree: dict[str, Path]) -> None:
    p = deliver(tree["inbox"], make_message(1), "100.a.host")
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)
    p.unlink()
    second = b.sync(first.cursor, every)
    assert second.messages == []
    assert json.loads(second.cursor)["folders"]["inbox"]["seen"] == []


def test_unreadable_cursor_is_a_full_resync(tree: dict[str, Path]) -> None:
    deliver(tree["inbox"], make_message(1), "100.a.host")
    batch = MaildirBackend("m", tree["root"]).sync("not json", every)
    assert batch.full_resync is True and ids(batch) == ["<1@test.example>"]


@pytest.mark.parametrize("name", ["INBOX", "Sent"])
def test_a_drafts_override_naming_the_inbox_or_sent_is_refused(tree: dict[str, Path],
                                                                name: str) -> None:
    """review23c: `[accounts.folders] drafts = "INBOX"` (or "Sent") was taken as is: the
    draft was written into the inbox's cur/, or into Sent, where it reads as sent mail."""
    before = {p for p in tree["root"].rglob("*") if p.is_file()}
    b = MaildirBackend("m", tree["root"], folders={"drafts": name})
    with pytest.raises(ConfigError, match="drafts need a folder of their own"):
        b.create_draft(*make_draft("acme-dev/1/0/thank_you/jane"))
    assert {p for p in tree["root"].rglob("*") if p.is_file()} == before


def test_draft_written_atomically_and_found_by_marker(tree: dict[str, Path]) -> None:
    b = MaildirBackend("m", tree["root"])
    assert b.list_drafts() == {}
    draft, raw = make_draft("acme-dev/1/0/thank_you/jane")
    draft_id = b.create_draft(draft, raw)
    label, key = draft_id.rsplit("/", 1)
    assert label == "Drafts"
    files = list((tree["drafts"] / "cur").iterdir())
    assert [f.name for f in files] == [f"{key}:2,DS"]
    assert list((tree["drafts"] / "tmp").iterdir()) == []
    assert list((tree["drafts"] / "new").iterdir()) == []
    assert b"\r\n" not in files[0].read_bytes()
    assert files[0].stat().st_mode & 0o777 == 0o600
    assert b.list_drafts() == {draft.marker: draft_id}
    # After a crash, a new process finds it by its marker.
    assert MaildirBackend("m", tree["root"]).list_drafts() == {draft.marker: draft_id}
    # Drafts are not INBOX/Sent mail.
    assert b.sync(None, every).messages == []


def test_user_sends_a_draft(tree: dict[str, Path]) -> None:
    b = MaildirBackend("m", tree["root"])
    start = b.sync(None, every)
    draft, raw = make_draft("step-a")
    b.create_draft(draft, raw)
    (f,) = (tree["drafts"] / "cur").iterdir()
    # The mail client sends it: the draft file goes, a copy lands in Sent.
    deliver(tree["sent"], f.read_bytes(), "200.sent.host", sub="cur", flags="S")
    f.unlink()
    assert b.list_drafts() == {}
    sent = b.sync(start.cursor, every)
    assert ids(sent) == ["<d-step-a@watcher>"]
    assert sent.messages[0].folder is Folder.SENT


def test_user_deletes_a_draft(tree: dict[str, Path]) -> None:
    b = MaildirBackend("m", tree["root"])
    one = b.create_draft(*make_draft("one"))
    two = b.create_draft(*make_draft("two"))
    assert b.list_drafts() == {"one": one, "two": two}
    # Trashed (T) by the client, not yet expunged: gone for the watcher.
    (p1,) = (tree["drafts"] / "cur").glob(one.rsplit("/", 1)[1] + "*")
    os.rename(p1, str(p1).replace(":2,DS", ":2,DST"))
    assert b.list_drafts() == {"two": two}
    (p2,) = (tree["drafts"] / "cur").glob(two.rsplit("/", 1)[1] + "*")
    p2.unlink()
    assert b.list_drafts() == {}


def test_a_draft_saved_again_without_its_marker_is_found_by_its_message_id(
        tree: dict[str, Path]) -> None:
    b = MaildirBackend("m", tree["root"])
    draft, raw = make_draft("step-a")
    raw = raw.replace(b"<d-step-a@watcher>", message_id_for("step-a", "example.com").encode())
    b.create_draft(draft, raw)
    (f,) = (tree["drafts"] / "cur").iterdir()
    # mutt or a client over mbsync saves the user's edit: a new file, without the marker
    edit = re.sub(rb"(?m)^X-Watcher-Step:[^\n]*\n", b"", f.read_bytes().replace(b"\r\n", b"\n"))
    deliver(tree["drafts"], edit, "300.edit.host", sub="cur", flags="DS")
    f.unlink()
    assert b.list_drafts() == {}
    ((marker, draft_id),) = b.list_drafts({"step-a": None}).items()
    assert marker == "step-a" and draft_id.endswith("/300.edit.host")
    assert b.list_drafts({"step-b": None}) == {}


def test_marker_added_when_missing(tmp_path: Path) -> None:
    mkmaildir(tmp_path / "INBOX")
    b = MaildirBackend("m", tmp_path)
    draft, raw = make_draft("m1")
    raw = raw.replace(b"X-Watcher-Step: m1\r\n", b"")
    draft_id = b.create_draft(draft, raw)
    assert b.list_drafts() == {"m1": draft_id}
    assert (tmp_path / "Drafts" / "cur").is_dir()  # created on the first draft


def test_offlineimap_gmail_names_and_overrides(tmp_path: Path) -> None:
    mkmaildir(tmp_path / "INBOX")
    deliver(tmp_path / "[Gmail].Sent Mail", make_message(1), "1.a.host")
    mkmaildir(tmp_path / "[Gmail].Drafts")
    b = MaildirBackend("g", tmp_path, layout="fs")
    assert b.folder("sent").path == tmp_path / "[Gmail].Sent Mail"  # type: ignore[union-attr]
    assert b.folder("drafts").path == tmp_path / "[Gmail].Drafts"  # type: ignore[union-attr]
    batch = b.sync(None, every)
    assert [m.ref for m in batch.messages] == ["[Gmail]/Sent Mail/1.a.host"]
    mkmaildir(tmp_path / "Mine")
    b = MaildirBackend("g", tmp_path, layout="plain", folders={"drafts": "Mine", "sent": None})
    assert b.folder("drafts").path == tmp_path / "Mine"  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="layout"):
        MaildirBackend("g", tmp_path, layout="mh")
    with pytest.raises(ConfigError, match="does not exist"):
        MaildirBackend("g", tmp_path / "nope")


def test_from_config_object(tmp_path: Path) -> None:
    mkmaildir(tmp_path / "INBOX")

    class Folders:
        inbox = None
        sent = None
        drafts = "Outbox-Drafts"

    class Account:
        name = "local"
        path = tmp_path
        layout = "auto"
        folders = Folders()

    b = MaildirBackend.from_config(Account())
    assert b.layout == "fs"
    assert b.folder("drafts").path == tmp_path / "Outbox-Drafts"  # type: ignore[union-attr]


def test_wait_for_change_polls_with_injected_sleep(tree: dict[str, Path]) -> None:
    slept: list[float] = []
    b = MaildirBackend("m", tree["root"], sleep=slept.append)
    b.sync(None, every)
    assert b.wait_for_change(5) is False
    deliver(tree["inbox"], make_message(1), "100.a.host")
    os.utime(tree["inbox"] / "new", ns=(0, 10**18))  # mtime granularity: make the change visible
    assert b.wait_for_change(5) is True
    assert slept == [5, 5]


def test_marker_of_unfolds() -> None:
    assert marker_of(b"Subject: x\r\nX-Watcher-Step: acme/r1/\r\n  thank_you\r\n\r\n") == "acme/r1/thank_you"
    assert marker_of(b"Subject: x\n\n") is None


@pytest.mark.dovecot
def test_reads_a_maildir_written_by_dovecot(dovecot: DovecotServer) -> None:
    """Interop: Dovecot's own Maildir++ (with keywords in dovecot-keywords) read directly."""
    dovecot.append("INBOX", [make_message(1), make_message(2)])
    dovecot.append("Sent", [make_message(3)])
    c: Any = dovecot.client()
    c.select_folder("INBOX")
    c.add_flags([2], [b"watcher/track"])
    c.logout()
    b = MaildirBackend("dv", dovecot.maildir)
    assert b.layout == "maildir++"
    batch = b.sync(None, lambda _h: False)
    assert sorted(ids(batch)) == ["<1@test.example>", "<2@test.example>", "<3@test.example>"]
    tracked = [m for m in batch.messages if m.keywords]
    assert [m.keywords for m in tracked] == [frozenset({"watcher/track"})]
    assert tracked[0].raw is not None  # tracked messages are fetched whole


def test_unchanged_folders_are_not_listed_again(tree: dict[str, Path]) -> None:
    deliver(tree["inbox"], make_message(1), "100.a.host")

    def age_dirs() -> None:
        for d in (tree["inbox"], tree["sent"]):
            for sub in ("cur", "new"):
                os.utime(d / sub, (1_000_000_000, 1_000_000_000))

    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)  # directories just written: too fresh to trust their mtimes
    again = b.sync(first.cursor, every)
    assert again.messages == [] and b.last_stats["files_listed"] == 1
    age_dirs()
    settled = b.sync(first.cursor, every)
    assert b.sync(settled.cursor, every).messages == []
    assert b.last_stats["files_listed"] == 0  # fast path: nothing changed, nothing listed
    deliver(tree["inbox"], make_message(2), "101.b.host")  # bumps new/'s mtime
    assert ids(b.sync(settled.cursor, every)) == ["<2@test.example>"]
    # A different cursor (the engine did not commit the last batch) is never short-cut.
    age_dirs()
    latest = b.sync(settled.cursor, every)
    assert ids(b.sync(first.cursor, every)) == ["<2@test.example>"]
    assert latest.messages[0].ref == "INBOX/101.b.host"


# -- entries that cannot be read ------------------------------------------------------------


def skipped_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno >= logging.WARNING and r.name == maildir.__name__]


def seen_keys(batch: SyncBatch, role: str = "inbox") -> list[str]:
    return list(json.loads(batch.cursor)["folders"][role]["seen"])


def test_directory_in_cur_is_skipped_and_the_rest_read(
        tree: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    """The audit's case: a directory named like a message used to fail every pass."""
    caplog.set_level(logging.INFO, logger=maildir.__name__)
    bad = tree["inbox"] / "cur" / "123.M1P1.host:2,S"
    bad.mkdir()
    deliver(tree["inbox"], make_message(1, subject="Interview"), "100.a.host")
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)
    assert ids(first) == ["<1@test.example>"] and first.messages[0].raw is not None
    assert first.stats["unreadable"] == 1
    assert seen_keys(first) == ["100.a.host"]  # the directory stays out of the cursor
    (warning,) = skipped_warnings(caplog)
    assert str(bad) in warning and "a directory" in warning
    # Listed again (the cursor does not hold it) but warned about once only.
    caplog.clear()
    again = b.sync(first.cursor, every)
    assert again.messages == [] and skipped_warnings(caplog) == []
    # Replaced by a message: read like any new one.
    bad.rmdir()
    bad.write_bytes(make_message(2))
    fixed = b.sync(again.cursor, every)
    assert ids(fixed) == ["<2@test.example>"] and fixed.messages[0].ref == "INBOX/123.M1P1.host"
    assert sorted(seen_keys(fixed)) == ["100.a.host", "123.M1P1.host"]
    assert fixed.stats["unreadable"] == 0
    assert any("readable now" in r.getMessage() for r in caplog.records)


def test_directory_sharing_a_key_with_a_message(tree: dict[str, Path]) -> None:
    (tree["inbox"] / "cur" / "100.a.host:2,S").mkdir()
    deliver(tree["inbox"], make_message(1), "100.a.host")  # new/, listed first
    batch = MaildirBackend("m", tree["root"]).sync(None, every)
    assert ids(batch) == ["<1@test.example>"] and seen_keys(batch) == ["100.a.host"]
    assert batch.stats["unreadable"] == 0


def test_many_unreadable_entries_are_counted_not_each_named(
        tree: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    for i in range(maildir.WARN_LIMIT + 3):
        (tree["sent"] / "cur" / f"{i}.dir.host:2,S").mkdir()
    deliver(tree["sent"], make_message(1), "100.a.host", sub="cur", flags="S")
    batch = MaildirBackend("m", tree["root"]).sync(None, every)
    assert ids(batch) == ["<1@test.example>"]
    warnings = skipped_warnings(caplog)
    assert len(warnings) == maildir.WARN_LIMIT + 1
    assert "3 more unreadable entries" in warnings[-1]


def test_fifo_and_dangling_symlink_are_skipped(
        tree: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    """Opening a FIFO must not block the pass; a link to nothing is no vanished file."""
    os.mkfifo(tree["inbox"] / "cur" / "300.fifo.host:2,S")
    os.symlink(tree["root"] / "nowhere", tree["inbox"] / "cur" / "301.link.host:2,S")
    deliver(tree["inbox"], make_message(1), "100.a.host")
    b = MaildirBackend("m", tree["root"])
    result: list[SyncBatch] = []
    t = threading.Thread(target=lambda: result.append(b.sync(None, every)), daemon=True)
    t.start()
    t.join(timeout=30)
    assert result, "sync blocked on a FIFO"
    assert ids(result[0]) == ["<1@test.example>"] and result[0].stats["unreadable"] == 2
    assert sorted(w.rpartition(": ")[2].split(" (")[0] for w in skipped_warnings(caplog)) == [
        "a symbolic link to nothing", "not a regular file"]


def test_file_vanishing_between_listing_and_reading_is_skipped_quietly(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    gone = deliver(tree["inbox"], make_message(1), "100.gone.host")
    deliver(tree["inbox"], make_message(2), "101.b.host")
    read_file = maildir._read_file

    def racing(path: Path, limit: int = -1) -> tuple[bytes, float]:
        if path == gone and gone.exists():
            gone.unlink()  # expunged by the mail client after the listing
        return read_file(path, limit)

    monkeypatch.setattr(maildir, "_read_file", racing)
    batch = MaildirBackend("m", tree["root"]).sync(None, every)
    assert ids(batch) == ["<2@test.example>"] and not gone.exists()
    assert seen_keys(batch) == ["101.b.host"] and batch.stats["unreadable"] == 0
    assert skipped_warnings(caplog) == []


def test_file_moved_between_listing_and_reading_is_read_under_its_new_name(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    p = deliver(tree["inbox"], make_message(1), "100.a.host")
    moved = tree["inbox"] / "cur" / "100.a.host:2,S"
    read_file = maildir._read_file

    def racing(path: Path, limit: int = -1) -> tuple[bytes, float]:
        if path == p and p.exists():
            os.rename(p, moved)  # mbsync: new/ -> cur/ after the listing
        return read_file(path, limit)

    monkeypatch.setattr(maildir, "_read_file", racing)
    batch = MaildirBackend("m", tree["root"]).sync(None, every)
    assert [m.ref for m in batch.messages] == ["INBOX/100.a.host"]
    assert seen_keys(batch) == ["100.a.host"] and skipped_warnings(caplog) == []


def test_permission_denied_entry_is_skipped_then_read_once_fixed(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """EACCES is emulated (root opens any file): open() refuses a file without read bits."""
    caplog.set_level(logging.INFO, logger=maildir.__name__)
    locked = deliver(tree["inbox"], make_message(2), "200.locked.host", sub="cur", flags="S")
    deliver(tree["inbox"], make_message(1), "100.a.host")
    locked.chmod(0)
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path) == locked and not locked.stat().st_mode & 0o444:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(maildir, "MTIME_SETTLE_NS", -10**9)  # trust every stamp at once
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)
    assert ids(first) == ["<1@test.example>"] and seen_keys(first) == ["100.a.host"]
    (warning,) = skipped_warnings(caplog)
    assert str(locked) in warning and "Permission denied" in warning
    # Nothing changed: the fast path lists nothing.
    assert b.sync(first.cursor, every).messages == [] and b.last_stats["files_listed"] == 0
    # chmod changes the file's ctime, not its folder's mtime; again while the ctime is the
    # one the listing saw (a chmod in the same tick of the file system's clock keeps it)
    before = locked.stat().st_ctime_ns
    deadline = time.monotonic() + 10
    locked.chmod(0o600)
    while locked.stat().st_ctime_ns == before and time.monotonic() < deadline:
        locked.chmod(0o600)
    assert locked.stat().st_ctime_ns != before
    fixed = b.sync(first.cursor, every)
    assert ids(fixed) == ["<2@test.example>"] and fixed.messages[0].ref == "INBOX/200.locked.host"
    assert sorted(seen_keys(fixed)) == ["100.a.host", "200.locked.host"]
    assert any("readable now" in r.getMessage() for r in caplog.records)


def test_folder_level_failures_still_fail_the_account(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    deliver(tree["inbox"], make_message(1), "100.a.host")
    b = MaildirBackend("m", tree["root"])
    cur = tree["inbox"] / "cur"
    real_scandir, real_open = os.scandir, os.open

    def closed_scandir(path: Any) -> Any:
        if Path(path) == cur:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    with monkeypatch.context() as m:
        m.setattr(os, "scandir", closed_scandir)
        with pytest.raises(TransientError, match=r"cannot list .*cur: Permission denied"):
            b.sync(None, every)

    def failing_disk(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).parent.name == "new":
            raise OSError(errno.EIO, "Input/output error", str(path))
        return real_open(path, flags, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, "open", failing_disk)
        with pytest.raises(TransientError, match=r"cannot read .*Input/output error"):
            b.sync(None, every)
    assert ids(b.sync(None, every)) == ["<1@test.example>"]  # the next pass reads it


def test_directory_in_drafts_does_not_hide_the_drafts(
        tree: dict[str, Path], caplog: pytest.LogCaptureFixture) -> None:
    b = MaildirBackend("m", tree["root"])
    draft, raw = make_draft("step-a")
    draft_id = b.create_draft(draft, raw)
    (tree["drafts"] / "cur" / "1.dir.host:2,DS").mkdir()
    assert b.list_drafts() == {"step-a": draft_id}
    assert b.list_drafts() == {"step-a": draft_id}
    assert len(skipped_warnings(caplog)) == 1


def test_a_draft_file_that_cannot_be_opened_makes_the_listing_incomplete(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft of ours the file system refuses to open (EACCES, emulated: root opens any
    file) was left out silently: the pipeline read it as deleted by the user, a step skipped
    for good. Now the listing says which one it could not open."""
    b = MaildirBackend("m", tree["root"])
    kept = b.create_draft(*make_draft("step-a"))
    locked_id = b.create_draft(*make_draft("step-b"))
    (locked,) = [p for p in (tree["drafts"] / "cur").iterdir() if locked_id.rsplit("/", 1)[1] in p.name]
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    fresh = MaildirBackend("m", tree["root"])  # a restart: no marker remembered
    with pytest.raises(DraftsIncomplete, match="cannot open 1 file") as info:
        fresh.list_drafts()
    assert info.value.listed == {"step-a": kept} and info.value.unread == {locked_id}
    assert not info.value.may_be_unread(kept) and info.value.may_be_unread(locked_id)
    monkeypatch.setattr(os, "open", real_open)
    assert fresh.list_drafts() == {"step-a": kept, "step-b": locked_id}


def _engine_with_an_interview(tmp_path: Path,
                              before: Callable[[Path], object] = lambda _root: None) -> Engine:
    """An engine on a Maildir (tmp_path/mail) holding one interview confirmation; `before`
    is given the Maildir's root first."""
    mkmaildir(tmp_path / "mail")
    before(tmp_path / "mail")
    raw, _mid = confirmation_mail()
    deliver(tmp_path / "mail", raw, "100.a.host")
    cfg = dataclasses.replace(config(), me=MeConfig(name="Alex Wong",
                                                     addresses=("alex@example.com",)))
    return Engine(cfg, Store(tmp_path / "w.db"), {"m": MaildirBackend("m", tmp_path / "mail")},
                  catch_up=False)


def test_directory_in_cur_does_not_fail_the_account_in_a_pass(tmp_path: Path) -> None:
    """End to end: the interview mail next to the bad entry is read, the account is fine."""
    engine = _engine_with_an_interview(
        tmp_path, lambda root: (root / "cur" / "123.M1P1.host:2,S").mkdir())
    first = tick(at("2026-12-01 15:30"), engine)
    assert first.failed_accounts == [] and first.errors == []
    assert first.messages_read == 1 and first.processes_changed == {"acme-backend-engineer"}
    second = tick(at("2026-12-01 16:00"), engine)
    assert second.failed_accounts == [] and [c.action.process for c in second.drafts] == [
        "acme-backend-engineer"]


def test_a_drafts_folder_gone_for_a_while_deletes_no_draft(tmp_path: Path) -> None:
    """A sync tool re-creating Drafts, a symlink swapped, a disk not mounted yet: for one pass
    there is no Drafts folder. Its listing was empty, and every draft of ours in it counted as
    deleted by the user, its step skipped for good (found by a soak)."""
    engine = _engine_with_an_interview(tmp_path)
    tick(at("2026-12-01 15:30"), engine)
    (made,) = tick(at("2026-12-01 16:00"), engine).drafts
    drafts = tmp_path / "mail" / ".Drafts"
    drafts.rename(tmp_path / "aside")
    with pytest.raises(DraftsIncomplete, match=r"no drafts folder at .*\.Drafts") as info:
        MaildirBackend("m", tmp_path / "mail").list_drafts()
    assert info.value.listed == {} and info.value.may_be_unread(made.draft_id)
    gone = tick(at("2026-12-01 16:30"), engine)
    assert gone.failed_accounts == [] and gone.drafts == []
    (tmp_path / "aside").rename(drafts)
    tick(at("2026-12-01 17:00"), engine)
    (row,) = engine.store.drafts()
    assert row.status.name == "CREATED" and row.draft_id == made.draft_id


# -- what mbsync and offlineimap do to a Maildir (found by an audit) ------------------------


def test_uid_part_added_by_the_sync_tool_is_not_a_new_message(tree: dict[str, Path]) -> None:
    """The mail client writes the sent copy without a UID; mbsync (`,U=7`) or offlineimap
    (`,U=7,FMD5=...`) uploads it and renames the file: the same message, not a new one."""
    sent = deliver(tree["sent"], make_message(1), "100.mutt.host", sub="cur", flags="S")
    other = deliver(tree["inbox"], make_message(2), "101.x.host", sub="cur", flags="S")
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, every)
    assert sorted(ids(first)) == ["<1@test.example>", "<2@test.example>"]
    os.rename(sent, sent.with_name("100.mutt.host,U=7:2,S"))
    os.rename(other, other.with_name("101.x.host,U=3,FMD5=7e33429f656f1e6e9d79b29c3f82c57e:2,S"))
    again = b.sync(first.cursor, every)
    assert again.messages == []
    # A UIDVALIDITY reset makes mbsync rename every file again: still nothing new.
    os.rename(sent.with_name("100.mutt.host,U=7:2,S"), sent.with_name("100.mutt.host,U=1:2,S"))
    assert b.sync(again.cursor, every).messages == []


def test_cursor_of_an_older_version_with_uid_parts_reports_nothing_again(tmp_path: Path) -> None:
    deliver(tmp_path / "INBOX", make_message(1), "100.a.host,U=5", sub="cur", flags="S")
    old = json.dumps({"v": 1, "folders": {"inbox": {"label": "INBOX",
                                                     "seen": ["100.a.host,U=5"]}}})
    assert MaildirBackend("m", tmp_path).sync(old, every).messages == []


def test_draft_renamed_by_mbsync_while_listed_is_not_taken_for_deleted(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """After a restart the drafts are read again; mbsync adding `,U=` to a draft between the
    listing and the reading must not hide it (the engine would count it deleted by the user)."""
    draft, raw = make_draft("acme/1/0/thank_you/jane")
    draft_id = MaildirBackend("m", tree["root"]).create_draft(draft, raw)
    (path,) = (tree["drafts"] / "cur").iterdir()
    read_file = maildir._read_file

    def racing(p: Path, limit: int = -1) -> tuple[bytes, float]:
        if p == path and path.exists():
            os.rename(path, path.with_name(path.name.replace(":2,", ",U=12:2,")))  # mbsync
        return read_file(p, limit)

    monkeypatch.setattr(maildir, "_read_file", racing)
    assert MaildirBackend("m", tree["root"]).list_drafts() == {draft.marker: draft_id}


def test_mbsync_inbox_named_Inbox(tmp_path: Path) -> None:
    """mbsync's usual `Inbox ~/.mail/gmail/Inbox` with `SubFolders Verbatim`: INBOX is read."""
    deliver(tmp_path / "Inbox", make_message(1), "100.a.host,U=1", sub="cur", flags="S")
    deliver(tmp_path / "[Gmail]" / "Sent Mail", make_message(2), "101.b.host,U=1", sub="cur",
            flags="S")
    mkmaildir(tmp_path / "[Gmail]" / "Drafts")
    b = MaildirBackend("m", tmp_path)
    assert b.layout == "fs"
    assert b.folder("inbox").path == tmp_path / "Inbox"  # type: ignore[union-attr]
    batch = b.sync(None, every)
    assert ids(batch) == ["<1@test.example>", "<2@test.example>"]
    assert batch.messages[0].ref == "INBOX/100.a.host"


def test_no_inbox_is_said_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """mbsync's default `Inbox ~/Maildir` lies outside `Path`: say so instead of reading
    nothing without a word."""
    deliver(tmp_path / "Sent", make_message(1), "100.a.host", sub="cur", flags="S")
    b = MaildirBackend("m", tmp_path)
    b.sync(None, every)
    b.sync(None, every)
    (warning,) = [w for w in skipped_warnings(caplog) if "INBOX" in w]
    assert str(tmp_path) in warning and "folders" in warning


@pytest.mark.parametrize("layout", ["fs", "maildir++"])
@pytest.mark.parametrize(("sent", "drafts"), [
    ("Gesendet", "Entw&APw-rfe"),                             # German, as mbsync writes it
    ("[Gmail]/Gesendet", "[Gmail]/Entw&APw-rfe"),             # Gmail in German
    ("&AMk-l&AOk-ments envoy&AOk-s", "Brouillons"),           # Éléments envoyés
    ("INBOX/Sent Items", "INBOX/Drafts"),                     # a Courier-style INBOX. prefix
])
def test_localized_folder_names_as_the_sync_tool_writes_them(
        tmp_path: Path, layout: str, sent: str, drafts: str) -> None:
    def where(label: str) -> Path:
        if layout == "fs":
            return tmp_path.joinpath(*label.split("/"))
        return tmp_path / ("." + label.replace("/", "."))  # INBOX/Sent Items -> .INBOX.Sent Items

    inbox = tmp_path / "INBOX" if layout == "fs" else tmp_path
    deliver(inbox, make_message(1), "100.a.host", sub="cur", flags="S")
    deliver(where(sent), make_message(2), "101.b.host", sub="cur", flags="S")
    mkmaildir(where(drafts))
    b = MaildirBackend("m", tmp_path)
    assert b.layout == layout
    assert b.folder("sent").path == where(sent)  # type: ignore[union-attr]
    assert b.folder("drafts").path == where(drafts)  # type: ignore[union-attr]
    batch = b.sync(None, every)
    assert [m.folder for m in batch.messages] == [Folder.INBOX, Folder.SENT]
    b.create_draft(*make_draft("m1"))
    assert len(list((where(drafts) / "cur").iterdir())) == 1
    assert not (tmp_path / "Drafts").exists() and not (tmp_path / ".Drafts").exists()


def test_mbsync_maildirpp_inbox_subfolders_and_legacy_subfolders(tmp_path: Path) -> None:
    """mbsync `SubFolders Maildir++` writes INBOX/Sent as `..Sent`; `SubFolders Legacy`
    writes [Gmail]/Sent Mail as `[Gmail]/.Sent Mail`."""
    pp = mkmaildir(tmp_path / "pp")
    deliver(pp / "..Sent", make_message(1), "100.a.host", sub="cur", flags="S")
    mkmaildir(pp / "..Drafts")
    b = MaildirBackend("m", pp)
    assert b.folder("sent").path == pp / "..Sent"  # type: ignore[union-attr]
    assert b.folder("drafts").path == pp / "..Drafts"  # type: ignore[union-attr]
    assert [m.folder for m in b.sync(None, every).messages] == [Folder.SENT]
    legacy = tmp_path / "legacy"
    mkmaildir(legacy / "INBOX")
    deliver(legacy / "[Gmail]" / ".Sent Mail", make_message(2), "101.b.host", sub="cur",
            flags="S")
    mkmaildir(legacy / "[Gmail]" / ".Drafts")
    b = MaildirBackend("m", legacy)
    assert b.folder("sent").path == legacy / "[Gmail]" / ".Sent Mail"  # type: ignore[union-attr]
    assert b.folder("drafts").path == legacy / "[Gmail]" / ".Drafts"  # type: ignore[union-attr]


def test_folder_override_in_plain_utf8_finds_the_modified_utf7_folder(tmp_path: Path) -> None:
    """The user writes `drafts = "Entwürfe"` as the mail client shows it; on disk mbsync
    named it `Entw&APw-rfe`. Drafts go there, not into a new folder the sync tool mangles."""
    mkmaildir(tmp_path / "INBOX")
    mkmaildir(tmp_path / "Entw&APw-rfe")
    b = MaildirBackend("m", tmp_path, folders={"drafts": "Entwürfe"})
    b.create_draft(*make_draft("m1"))
    assert len(list((tmp_path / "Entw&APw-rfe" / "cur").iterdir())) == 1
    assert not (tmp_path / "Entwürfe").exists()


def test_modified_utf7_round_trip() -> None:
    for name in ("Entwürfe", "Éléments envoyés", "Черновики", "R&D", "Sent", "下書き"):
        assert maildir.mutf7_decode(maildir.mutf7_encode(name)) == name
    assert maildir.mutf7_encode("Entwürfe") == "Entw&APw-rfe"
    assert maildir.mutf7_encode("R&D") == "R&-D"
    assert maildir.mutf7_decode("&AMk-l&AOk-ments envoy&AOk-s") == "Éléments envoyés"
    assert maildir.mutf7_decode("broken&AMk") == "broken&AMk"  # not mUTF-7: kept as it is


def test_mbsync_verbatim_subfolders_inside_its_default_inbox(tmp_path: Path) -> None:
    """mbsync with `Path ~/Maildir/` and its default `Inbox ~/Maildir`: INBOX is the root and
    the other folders are plain subfolders (`Sent/`, `Drafts/`), not Maildir++ `.Sent`."""
    deliver(tmp_path, make_message(1), "100.a.host", sub="cur", flags="S")
    deliver(tmp_path / "Sent", make_message(2), "101.b.host", sub="cur", flags="S")
    mkmaildir(tmp_path / "Drafts")
    b = MaildirBackend("m", tmp_path)
    assert b.folder("sent").path == tmp_path / "Sent"  # type: ignore[union-attr]
    assert [m.folder for m in b.sync(None, every).messages] == [Folder.INBOX, Folder.SENT]
    b.create_draft(*make_draft("m1"))
    assert len(list((tmp_path / "Drafts" / "cur").iterdir())) == 1
    assert not (tmp_path / ".Drafts").exists()


def test_watcher_keyword_added_after_the_first_sync_reports_the_message_again(
        tree: dict[str, Path]) -> None:
    """As the IMAP backend does: tagging a message watcher/track or watcher/ignore in the
    mail client (a Dovecot keyword letter in the file name) after it was synced hands it to
    the engine again, with its keywords and its body; any other flag change does not."""
    (tree["inbox"] / "dovecot-keywords").write_text("0 $Forwarded\n1 watcher/track\n")
    p = deliver(tree["inbox"], make_message(1), "100.a.host", sub="cur", flags="S")
    b = MaildirBackend("m", tree["root"])
    first = b.sync(None, lambda _h: False)
    assert first.messages[0].raw is None
    tagged = p.with_name("100.a.host,U=4:2,Sb")
    os.rename(p, tagged)
    again = b.sync(first.cursor, lambda _h: False)
    assert [(m.ref, m.keywords) for m in again.messages] == [
        ("INBOX/100.a.host", frozenset({"watcher/track"}))]
    assert again.messages[0].raw is not None
    assert b.sync(again.cursor, every).messages == []
    os.rename(tagged, tagged.with_name("100.a.host,U=4:2,FSab"))  # flagged, forwarded
    assert b.sync(again.cursor, every).messages == []


def test_whole_messages_are_handed_over_as_they_are_read(tree: dict[str, Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """`on_bodies` gets the candidates a few at a time while the folders are read (their
    parsing starts early), as the very objects the batch returns."""
    monkeypatch.setattr(maildir, "_HAND_OVER", 2)
    for i in range(5):
        deliver(tree["inbox"], make_message(i, subject="Interview" if i % 2 else "Lunch"), f"in{i}")
    deliver(tree["sent"], make_message(9, subject="Re: Interview"), "out9")
    b = MaildirBackend("m", tree["root"])
    calls: list[list[Any]] = []
    # (new entries said, bodies handed over by then); the last sync appends bare counts
    sizes: list[tuple[int, int] | int] = []
    batch = b.sync(None, interview_only, on_bodies=calls.append,
                   on_size=lambda n: sizes.append((n, len(calls))))
    whole = [rm for rm in batch.messages if rm.raw is not None]
    handed = [rm for call in calls for rm in call]
    assert len(whole) == 3 and sorted(map(id, handed)) == sorted(map(id, whole))
    assert [len(c) for c in calls] == [2, 1]
    assert sizes == [(5, 0), (1, 1)]  # each folder's new entries, before they are read
    assert b.sync(batch.cursor, interview_only, on_size=sizes.append).messages == []


def _inbox_named_Inbox(root: Path) -> tuple[dict[str, str], Path]:
    # mbsync `Path ~/Mail/`, `Inbox ~/Mail/Inbox`, `SubFolders Verbatim`: refs say "INBOX/..."
    mkmaildir(root / "[Gmail]" / "Sent Mail")
    return {}, root / "Inbox"


def _sent_inside_a_root_that_is_inbox(root: Path) -> tuple[dict[str, str], Path]:
    # mbsync `Path ~/Maildir/`, `Inbox ~/Maildir`, `SubFolders Verbatim`
    mkmaildir(root)
    return {}, root / "[Gmail]" / "Sent Mail"


def _legacy_subfolder(root: Path) -> tuple[dict[str, str], Path]:
    # mbsync `SubFolders Legacy`: [Gmail]/Sent Mail is `[Gmail]/.Sent Mail`
    mkmaildir(root / "INBOX")
    return {}, root / "[Gmail]" / ".Sent Mail"


def _non_ascii_override(root: Path) -> tuple[dict[str, str], Path]:
    mkmaildir(root / "INBOX")
    return {"sent": "Gesendete Entwürfe"}, root / "Gesendete Entw&APw-rfe"


@pytest.mark.parametrize("layout", [_inbox_named_Inbox, _sent_inside_a_root_that_is_inbox,
                                    _legacy_subfolder, _non_ascii_override])
def test_fetch_message_finds_a_folder_its_label_does_not_spell(
        tmp_path: Path, layout: Callable[[Path], tuple[dict[str, str], Path]]) -> None:
    """`watcher track` reads a message again by its ref, in a process of its own: the ref's
    label ("INBOX", "[Gmail]/Sent Mail", "Gesendete Entwürfe") leads to the folder the pass
    read it from, not to where the label would be spelled in the layout."""
    folders, where = layout(tmp_path)
    deliver(where, make_message(1), "100.a.host,U=1", sub="cur", flags="S")
    (message,) = MaildirBackend("m", tmp_path, folders=folders).sync(None, every).messages
    fetched = MaildirBackend("m", tmp_path, folders=folders).fetch_message(message.ref)
    assert fetched is not None and fetched.raw == make_message(1)
    assert fetched.folder == message.folder


def test_root_that_is_inbox_with_plain_subfolders_gets_a_plain_drafts_folder(
        tmp_path: Path) -> None:
    """mbsync `Path ~/Maildir/` + `Inbox ~/Maildir` + `SubFolders Verbatim`, before the
    server's Drafts was synced: the first draft makes `Drafts/`, which mbsync uploads as
    "Drafts", not the Maildir++ `.Drafts` it would upload as a mailbox named ".Drafts"."""
    deliver(tmp_path, make_message(1), "100.a.host,U=1", sub="cur", flags="S")
    deliver(tmp_path / "Sent", make_message(2), "101.b.host,U=1", sub="cur", flags="S")
    b = MaildirBackend("m", tmp_path)
    assert b.layout == "fs"
    assert [m.ref for m in b.sync(None, every).messages] == ["INBOX/100.a.host",
                                                             "Sent/101.b.host"]
    draft, raw = make_draft("m1")
    draft_id = b.create_draft(draft, raw)
    assert draft_id.startswith("Drafts/") and (tmp_path / "Drafts" / "cur").is_dir()
    assert not (tmp_path / ".Drafts").exists() and not (tmp_path / "Drafts" / "maildirfolder").exists()
    assert MaildirBackend("m", tmp_path).list_drafts() == {"m1": draft_id}


def test_folder_overrides_find_the_folder_under_either_spelling(tmp_path: Path) -> None:
    """`sent = "Sent"`, as the README advises, in a root that is INBOX: `Sent/` is read whether
    the layout is detected or set to Maildir++ (where it would be `.Sent`); when two spellings
    both exist, neither is guessed."""
    deliver(tmp_path, make_message(1), "100.a.host,U=1", sub="cur", flags="S")
    deliver(tmp_path / "Sent", make_message(2), "101.b.host,U=1", sub="cur", flags="S")
    mkmaildir(tmp_path / "Drafts")
    for layout in ("auto", "maildir++"):
        b = MaildirBackend("m", tmp_path, layout, folders={"sent": "Sent", "drafts": "Drafts"})
        assert b.folder("sent").path == tmp_path / "Sent"  # type: ignore[union-attr]
        assert b.folder("drafts").path == tmp_path / "Drafts"  # type: ignore[union-attr]
        assert [m.ref for m in b.sync(None, every).messages] == ["INBOX/100.a.host",
                                                                 "Sent/101.b.host"]
    mkmaildir(tmp_path / "Old" / "Sent")
    mkmaildir(tmp_path / "Old.Sent")
    b = MaildirBackend("m", tmp_path, "maildir++", folders={"sent": "Old/Sent"})
    assert not b.folder("sent").exists()  # type: ignore[union-attr]


def test_a_folder_override_that_names_nothing_is_said_once(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A typo in [accounts.folders] would read no sent mail, and every follow-up would ignore
    the replies already sent: one warning names the key and the path, not one per pass."""
    deliver(tmp_path / "INBOX", make_message(1), "100.a.host", sub="cur", flags="S")
    mkmaildir(tmp_path / "Sent")
    b = MaildirBackend("m", tmp_path, folders={"sent": "Sent Mail"})
    cursor = b.sync(None, every).cursor
    (tmp_path / "INBOX" / "cur" / "100.a.host:2,S").rename(tmp_path / "INBOX" / "cur" / "100.a.host:2,RS")
    b.sync(cursor, every)
    (warning,) = [w for w in skipped_warnings(caplog) if "folders" in w]
    assert "[accounts.folders] sent = 'Sent Mail'" in warning
    assert str(tmp_path / "Sent Mail") in warning


def test_a_rename_storm_after_the_listing_costs_two_listings_not_one_per_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """mbsync propagating "mark all read" renames every file of cur/ right after the pass
    listed it: each message is still read once, under its new name, and the folder is listed
    again at most twice (re-listing it for each vanished file took 106 s for 4,000 files)."""
    n = 300
    inbox = mkmaildir(tmp_path / "INBOX")
    for i in range(n):
        (inbox / "cur" / f"{1700000000 + i}.R{i:06d}.host,U={i + 1}:2,S").write_bytes(
            make_message(i))
    read_file, entries = maildir._read_file, maildir._Dir.entries
    listings: list[Path] = []
    opened: list[str] = []

    def storm(path: Path, limit: int = -1) -> tuple[bytes, float]:
        if not opened:
            for name in os.listdir(inbox / "cur"):
                os.rename(inbox / "cur" / name, inbox / "cur" / name.replace(":2,S", ":2,RS"))
        opened.append(path.name)
        return read_file(path, limit)

    def counted(d: maildir._Dir) -> Any:
        listings.append(d.path)
        return entries(d)

    monkeypatch.setattr(maildir, "_read_file", storm)
    monkeypatch.setattr(maildir._Dir, "entries", counted)
    b = MaildirBackend("m", tmp_path)
    batch = b.sync(None, every)
    assert len(batch.messages) == n and len({m.ref for m in batch.messages}) == n
    assert len(seen_keys(batch)) == n
    assert sum(1 for name in opened if name.endswith(":2,RS")) == n  # each read once, renamed
    assert listings.count(inbox) <= 3  # the pass's listing and at most two more
    assert b.sync(batch.cursor, every).messages == []


def test_a_draft_a_crash_left_in_tmp_is_removed_after_36_hours(tmp_path: Path) -> None:
    """A crash between writing a draft into Drafts/tmp and its rename into cur/ leaves private
    text there that no client shows: the next start or draft removes it once it is older than
    the Maildir convention's 36 hours. A file of another program, or of another host, or one
    still being written, is left alone."""
    mkmaildir(tmp_path / "INBOX")
    tmp = mkmaildir(tmp_path / "Drafts") / "tmp"
    ours = maildir._unique_name()
    other_host = re.sub(r"\.[^.]+$", ".elsewhere", maildir._unique_name())
    stale = time.time() - maildir.STALE_TMP_SECONDS - 60
    for name in (ours, other_host, "1700000000.M1P2Q3.mutt-host", "notes.txt"):
        (tmp / name).write_bytes(b"Subject: private\n\nbody\n")
        os.utime(tmp / name, (stale, stale))
    fresh = maildir._unique_name()
    (tmp / fresh).write_bytes(b"being written")
    MaildirBackend("m", tmp_path).list_drafts()
    assert sorted(os.listdir(tmp)) == sorted([other_host, "1700000000.M1P2Q3.mutt-host",
                                              "notes.txt", fresh])
    again = maildir._unique_name()
    (tmp / again).write_bytes(b"Subject: private\n\nbody\n")
    os.utime(tmp / again, (stale, stale))
    MaildirBackend("m", tmp_path).create_draft(*make_draft("m1"))
    assert again not in os.listdir(tmp) and fresh in os.listdir(tmp)


def test_files_renamed_while_the_folder_is_listed_are_not_reported_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """readdir passes over some files renamed while it runs (here: real renames of every
    file of cur/, as mbsync propagating "mark all read" does, right after the first entry).
    A key missed would leave the cursor, and its message be read and reported again on the
    next pass; the folder changed during the listing, so it is listed once more.
    (On a file system whose readdir misses nothing this passes without the fix too.)"""
    n = 2000
    inbox = mkmaildir(tmp_path / "INBOX")
    for i in range(n):
        (inbox / "cur" / f"{1700000000 + i}.R{i:06d}.host,U={i + 1}:2,S").write_bytes(
            make_message(i))
    b = MaildirBackend("m", tmp_path)
    first = b.sync(None, every)
    assert len(first.messages) == n
    scandir = os.scandir
    storms: list[bool] = []

    class Storm:
        def __init__(self, path: Path) -> None:
            self.path, self.it = Path(path), scandir(path)

        def __enter__(self) -> Storm:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.it.close()

        def __iter__(self) -> Any:
            for entry in self.it:
                yield entry
                if self.path == inbox / "cur" and not storms:
                    storms.append(True)
                    for name in os.listdir(inbox / "cur"):
                        os.rename(inbox / "cur" / name,
                                  inbox / "cur" / name.replace(":2,S", ":2,RS"))

    monkeypatch.setattr(maildir.os, "scandir", Storm)
    os.utime(inbox / "cur", (time.time() - 60, time.time() - 60))  # not the fast path
    second = b.sync(first.cursor, every)
    monkeypatch.setattr(maildir.os, "scandir", scandir)
    assert storms and second.messages == [] and len(seen_keys(second)) == n
    assert b.sync(second.cursor, every).messages == []


def test_a_draft_renamed_on_every_read_is_held_not_taken_for_deleted(
        tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A draft that moves again each time it is opened, more often than the folder is listed
    again, is neither read nor gone: the listing says it is incomplete, so the engine does not
    count the draft deleted by the user (a step skipped for good)."""
    draft, raw = make_draft("acme/1/0/thank_you/jane")
    draft_id = MaildirBackend("m", tree["root"]).create_draft(draft, raw)
    key = draft_id.rpartition("/")[2]
    read_file = maildir._read_file
    renames: list[Path] = []

    def restless(p: Path, limit: int = -1) -> tuple[bytes, float]:
        if p.parent == tree["drafts"] / "cur" and p.exists():
            renames.append(p)  # a sync tool renaming it again just before each open
            os.rename(p, p.with_name(f"{key}:2,D{'F' * len(renames)}S"))
        return read_file(p, limit)

    monkeypatch.setattr(maildir, "_read_file", restless)
    with pytest.raises(DraftsIncomplete) as exc:
        MaildirBackend("m", tree["root"]).list_drafts()
    assert exc.value.unread == {draft_id} and exc.value.may_be_unread(draft_id)
    monkeypatch.setattr(maildir, "_read_file", read_file)
    assert MaildirBackend("m", tree["root"]).list_drafts() == {draft.marker: draft_id}


def test_a_file_name_that_is_not_utf8_is_read_not_an_internal_error(tmp_path: Path) -> None:
    """A message file named on a Latin-1 system ("caf\\xe9"): its surrogate-escaped name
    could not be stored, and the account failed at every pass with an internal error."""
    root = tmp_path / "Maildir"
    for folder in (root, root / ".Sent", root / ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
    raw, _ = confirmation_mail()
    (Path(os.fsdecode(os.fsencode(root / "new") + b"/1700000000.caf\xe9.host"))).write_bytes(raw)
    engine = Engine(config(), Store(tmp_path / "w.db"), {"md": MaildirBackend("md", root)},
                    catch_up=False)
    first = tick(at("2026-12-01 15:30"), engine)
    assert first.failed_accounts == [] and first.errors == []
    assert first.messages_read == 1 and len(first.processes_changed) == 1
    second = tick(at("2026-12-01 16:30"), engine)  # the thank-you, once
    assert second.failed_accounts == [] and len(second.drafts) == 1
    assert tick(at("2026-12-01 17:00"), engine).messages_read == 0  # not read again


def test_an_obsolete_draft_deleted_from_the_maildir_is_no_longer_to_delete(
        tmp_path: Path) -> None:
    """review19b #3 on a real Maildir: Jane's rejection came while the thank-you draft sat
    unsent, so status said to delete it; once its file left .Drafts, status kept saying so."""
    from tests.enginekit import ALEX, JANE_H, raw_mail
    from watcher.commands.status import rows

    engine = _engine_with_an_interview(tmp_path)
    tick(at("2026-12-01 15:30"), engine)
    (made,) = tick(at("2026-12-01 16:00"), engine).drafts
    raw, _ = raw_mail(JANE_H, ALEX, "Re: Interview confirmed: Backend Engineer at Acme",
                      "2026-12-03 10:00", "Hi Alex,\r\n\r\nThank you for your time. "
                      "Unfortunately, we have decided to move forward with other candidates."
                      "\r\n\r\nJane\r\nAcme")
    deliver(tmp_path / "mail", raw, "200.b.host")
    tick(at("2026-12-03 11:00"), engine)
    status_cfg = dataclasses.replace(engine.config, state_path=tmp_path / "w.db")
    [row] = rows(status_cfg, at("2026-12-03 11:00"))
    assert row["state"] == "closed_rejected"
    assert "obsolete draft(s), delete them: thank_you" in str(row["waiting_for"])
    (path,) = (tmp_path / "mail" / ".Drafts" / "cur").iterdir()
    path.unlink()  # the user deletes it
    for t in ("2026-12-03 12:00", "2027-01-28 12:00"):
        assert tick(at(t), engine).drafts == []
        [row] = rows(status_cfg, at(t))
        assert "obsolete" not in str(row["waiting_for"]), row
    (rec,) = engine.store.drafts()
    assert rec.key == made.action.key and rec.status.name == "OBSOLETE"


def test_a_sync_reads_a_message_s_first_mib_and_its_interview_is_still_read(tmp_path: Path) -> None:
    """review22b: a first sync holds every whole message it read until they are stored, and the
    user's sent mail is always read whole: 80 sent mails with a 10 MB CV each took 894 MB. A sync
    reads the first MAX_MESSAGE_BYTES of a file; the text before the attachment still makes
    the process and its thank-you."""
    raw, _mid = confirmation_mail()
    big = with_attachment(raw, 3 << 20)
    mkmaildir(tmp_path / "mail")
    deliver(tmp_path / "mail", big, "100.a.host")
    (rm,) = MaildirBackend("m", tmp_path / "mail").sync(None, every).messages
    assert rm.raw == big[:MAX_MESSAGE_BYTES]
    cfg = dataclasses.replace(config(), me=MeConfig(name="Alex Wong", addresses=("alex@example.com",)))
    engine = Engine(cfg, Store(tmp_path / "w.db"), {"m": MaildirBackend("m", tmp_path / "mail")},
                    catch_up=False)
    first = tick(at("2026-12-01 15:30"), engine)
    assert first.errors == [] and first.processes_changed == {"acme-backend-engineer"}
    assert [c.action.step for c in tick(at("2026-12-01 16:00"), engine).drafts] == [StepKind.THANK_YOU]


@pytest.mark.parametrize("archive", ["Archiv/2025/Sent", "Archiv.Sent", "Import/Sent Items"])
def test_an_archived_english_sent_folder_does_not_hide_the_localized_one(
        tmp_path: Path, archive: str) -> None:
    """A German Gmail account synced by mbsync (`[Gmail]/Gesendet`, `[Gmail]/Entwürfe`) that
    also holds an old account's `Archiv/2025/Sent` and `.../Drafts`: the English name ranked
    first, so the archive was read as Sent (the thank-yous the user sends never seen, and
    drafted again) and drafts went into the archive. The server's own folders win."""
    mkmaildir(tmp_path / "INBOX")
    sent = deliver(tmp_path / "[Gmail]" / "Gesendet", make_message(1), "100.a.host", sub="cur",
                   flags="S").parent.parent
    drafts = mkmaildir(tmp_path / "[Gmail]" / "Entw&APw-rfe")
    deliver(tmp_path / archive, make_message(2), "101.b.host", sub="cur", flags="S")
    mkmaildir(tmp_path / archive.replace("Sent Items", "Drafts").replace("Sent", "Drafts"))
    b = MaildirBackend("m", tmp_path)
    assert b.folder("sent").path == sent  # type: ignore[union-attr]
    assert b.folder("drafts").path == drafts  # type: ignore[union-attr]
    assert [m.ref.rpartition("/")[0] for m in b.sync(None, every).messages] == [
        "[Gmail]/Gesendet"]
    # Alone, a Sent folder kept inside another one is still found.
    only = tmp_path / "only"
    mkmaildir(only / "INBOX")
    mkmaildir(only / "Mail" / "Sent")
    assert MaildirBackend("m", only).folder("sent").path == only / "Mail" / "Sent"  # type: ignore[union-attr]


@pytest.mark.parametrize(("sent", "drafts"), [
    ("[Gmail]/E-mails enviados", "[Gmail]/Rascunhos"),          # Gmail, Portuguese (Brazil)
    ("Itens Enviados", "Rascunhos"),                            # Outlook, Portuguese
    ("[Gmail]/Verzonden berichten", "[Gmail]/Concepten"),       # Gmail, Dutch
    ("[Gmail]/Wys&AUI-ane", "[Gmail]/Wersje robocze"),          # Gmail, Polish
    ("[Gmail]/G&APY-nderilmi&AV8- Postalar", "[Gmail]/Taslaklar"),  # Gmail, Turkish
    ("[Gmail]/L&AOQ-hetetyt viestit", "[Gmail]/Luonnokset"),    # Gmail, Finnish
    ("[Gmail]/&kAFP4W4IMH8w4TD8MOs-", "[Gmail]/&Tgtm+DBN-"),   # Gmail, Japanese
    ("sent", "postponed"),                                      # mutt's own local folders
])
def test_sent_and_drafts_found_in_more_languages(tmp_path: Path, sent: str, drafts: str) -> None:
    """Without SPECIAL-USE flags on disk, a Sent folder whose name was not known was not read
    at all (every thank-you the user sent unseen) and drafts went into a new `Drafts`."""
    mkmaildir(tmp_path / "INBOX")
    mkmaildir(tmp_path / sent)
    mkmaildir(tmp_path / drafts)
    b = MaildirBackend("m", tmp_path)
    assert b.folder("sent").path == tmp_path / sent  # type: ignore[union-attr]
    assert b.folder("drafts").path == tmp_path / drafts  # type: ignore[union-attr]


def test_a_first_draft_that_failed_before_any_drafts_folder_existed_is_made_later(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A getmail/fdm Maildir, or a fresh Maildir++, has no Drafts folder until the first draft
    makes it. That first creation failed (a root the service may not write yet, a full disk,
    a crash after the intent was recorded): every later pass listed 'no drafts folder' as
    incomplete, so the intent waited 'until m lists all its drafts', which never came: the
    thank-you was never drafted. With only intents known, a missing folder holds none of ours."""
    engine = _engine_with_an_interview(tmp_path)
    tick(at("2026-12-01 15:30"), engine)
    real = MaildirBackend.create_draft

    def read_only(self: MaildirBackend, draft: Draft, raw: bytes) -> str:
        raise TransientError("cannot write a draft: Read-only file system")

    monkeypatch.setattr(MaildirBackend, "create_draft", read_only)
    failed = tick(at("2026-12-01 16:00"), engine)
    assert failed.drafts == [] and failed.errors
    monkeypatch.setattr(MaildirBackend, "create_draft", real)
    (made,) = tick(at("2026-12-01 16:30"), engine).drafts
    assert made.action.step is StepKind.THANK_YOU
    assert len(list((tmp_path / "mail" / ".Drafts" / "cur").iterdir())) == 1
    # Once one of ours is recorded there, a missing folder is still "nothing known".
    (tmp_path / "mail" / ".Drafts").rename(tmp_path / "moved")
    backend = MaildirBackend("m", tmp_path / "mail")
    with pytest.raises(DraftsIncomplete):
        backend.list_drafts({made.action.key: made.draft_id, "other": None})
    assert backend.list_drafts({"other": None}) == {}


def test_a_key_that_holds_an_info_part_itself_is_not_read_every_pass(tmp_path: Path) -> None:
    """A script that tags a file by appending to its name ("x:2,S" -> "x:2,S:2,T") leaves a
    key holding ":2,S". The cursor's keys were split again when read back ("x"), so that file
    was never seen and was read and reported at every pass."""
    deliver(tmp_path / "INBOX", make_message(1), "100.a.host:2,S", sub="cur", flags="T")
    b = MaildirBackend("m", tmp_path)
    first = b.sync(None, every)
    assert [m.ref for m in first.messages] == ["INBOX/100.a.host:2,S"]
    assert MaildirBackend("m", tmp_path).sync(first.cursor, every).messages == []


def test_a_draft_offlineimap_renames_after_uploading_it_is_found_by_its_marker(
        tmp_path: Path) -> None:
    """offlineimap gives a message it uploaded a name of its own (`change_message_uid`: a new
    time, pid, host, `,U=<uid>,FMD5=<hash>`), not just a `,U=` part: the draft's key changes,
    and its marker finds it under the new one, in this process and after a restart."""
    mkmaildir(tmp_path / "INBOX")
    drafts = mkmaildir(tmp_path / "[Gmail].Drafts")
    b = MaildirBackend("m", tmp_path)
    made = b.create_draft(*make_draft("step-1"))
    (ours,) = (drafts / "cur").iterdir()
    assert ours.name.endswith(":2,DS")
    renamed = drafts / "cur" / "1764430000_0.4242.laptop,U=77,FMD5=0123456789abcdef:2,DS"
    ours.rename(renamed)
    assert b.list_drafts({"step-1": made}) == {"step-1": "[Gmail]/Drafts/1764430000_0.4242.laptop"}
    assert MaildirBackend("m", tmp_path).list_drafts() == {
        "step-1": "[Gmail]/Drafts/1764430000_0.4242.laptop"}
