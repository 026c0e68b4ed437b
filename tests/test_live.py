"""live.py and the pipeline over a real Dovecot: a UIDVALIDITY rescan makes no second event,
and a watcher/track keyword set later in a mail client starts a process."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from tests.dovecot import DovecotServer, make_message
from watcher.config import load_config
from watcher.live import LiveEngine, summary_line

NOW = datetime(2026, 12, 20, 12, 0, tzinfo=timezone.utc)

CONFIRMATION = (
    b"From: Dana Whitfield <dana.whitfield@northwindrobotics.com>\r\n"
    b"To: Alex Wong <alex@example.com>\r\n"
    b"Subject: Interview confirmed: Backend Engineer at Northwind Robotics\r\n"
    b"Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
    b"Message-ID: <confirm-1@northwindrobotics.com>\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    b"Hi Alex,\r\n\r\nYour video interview for the Backend Engineer role at Northwind Robotics is "
    b"confirmed for Tuesday, December 1, 2026 at 15:00 UTC (60 minutes) with me, Dana Whitfield. "
    b"The Zoom link is https://zoom.us/j/123456789.\r\n\r\nBest,\r\nDana Whitfield\r\n"
)


def engine(tmp_path: Path, server: DovecotServer) -> LiveEngine:
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {server.port}\nsecurity = \"none\"\nusername = \"{server.user}\"\n"
        f"password_command = \"printf {server.password}\"\n")
    return LiveEngine(load_config(cfg))


def test_uidvalidity_rescan_makes_no_second_event(tmp_path: Path, dovecot: DovecotServer) -> None:
    dovecot.append("INBOX", [CONFIRMATION, make_message(2)])
    live = engine(tmp_path, dovecot)
    first = live.run_pass(NOW)
    assert first.messages_read >= 1 and len(first.processes_changed) == 1
    (process,) = first.processes_changed
    facts_before = len(live.engine.store.messages(process))
    live.close()
    dovecot.stop()  # a server rebuild: new UIDVALIDITY, every UID new
    uidlist = dovecot.maildir / "dovecot-uidlist"
    uidlist.write_text(re.sub(r"^(\d+) V(\d+)", lambda m: f"{m.group(1)} V{int(m.group(2)) + 7}",
                              uidlist.read_text(), count=1))
    for index in dovecot.maildir.glob("dovecot.index*"):
        index.unlink()
    dovecot.start()
    live = engine(tmp_path, dovecot)
    second = live.run_pass(NOW)
    assert second.failed_accounts == [], summary_line(second)
    assert second.processes_changed == set()
    assert len(live.engine.store.messages(process)) == facts_before
    live.close()


def test_track_keyword_set_later_starts_a_process(tmp_path: Path, dovecot: DovecotServer) -> None:
    # A message the classifier does not take for interview mail ...
    missed = (
        b"From: Sam Ortiz <sam@littlestartup.io>\r\nTo: alex@example.com\r\n"
        b"Subject: coffee thursday?\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
        b"Message-ID: <coffee-1@littlestartup.io>\r\n\r\n"
        b"Hey Alex, want to grab a coffee Thursday and talk about the team?\r\n"
    )
    (uid,) = dovecot.append("INBOX", [missed])
    live = engine(tmp_path, dovecot)
    assert live.run_pass(NOW).processes_changed == set()
    # ... that the user then tags watcher/track in a mail client.
    c = dovecot.client()
    c.select_folder("INBOX")  # type: ignore[attr-defined]
    c.add_flags([uid], [b"watcher/track"])  # type: ignore[attr-defined]
    c.logout()  # type: ignore[attr-defined]
    later = live.run_pass(NOW)
    assert len(later.processes_changed) == 1
    assert live.engine.store.processes()
    live.close()
