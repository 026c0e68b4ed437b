"""SIGKILL `watcher scan`, and the `watcher run` daemon, mid-pass against a real Dovecot, again
and again, then let it finish: the drafts and the state must equal those of a run that was
never interrupted.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.dovecot import DovecotServer, dovecot_binary

COMPANIES = [
    "Northwind Robotics", "Fabrikam", "Contoso", "Tailspin Toys", "Litware", "Proseware",
    "Adatum", "Wingtip Toys", "Coho Winery", "Lucerne Publishing", "Margie Travel",
    "Alpine Ski House", "Blue Yonder Airlines", "City Power", "Fourth Coffee", "Graphic Design",
    "Humongous Insurance", "Trey Research", "Wide World Importers", "Woodgrove Bank",
]
ROLES = ["Backend Engineer", "Data Analyst", "Product Designer", "SRE"]


def _domain(company: str) -> str:
    return company.lower().replace(" ", "") + ".com"


def mailbox(base: datetime = datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc),
            step: timedelta = timedelta(days=1)) -> list[bytes]:
    """One video interview per company from `base` on, each confirmed a week before it."""
    out = []
    for i, company in enumerate(COMPANIES):
        start = base + step * i + timedelta(hours=i % 3)
        sent = start - timedelta(days=7)
        role = ROLES[i % len(ROLES)]
        who = f"Jordan Lee{i}"
        addr = f"jordan.lee{i}@{_domain(company)}"
        out.append((
            f"From: {who} <{addr}>\r\nTo: Alex Wong <alex@example.com>\r\n"
            f"Subject: Interview confirmed: {role} at {company}\r\n"
            f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\n"
            f"Message-ID: <confirm-{i}@{_domain(company)}>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n"
            f"Hi Alex,\r\n\r\nYour video interview for the {role} role at {company} is confirmed "
            f"for {start.strftime('%A, %B %d, %Y at %H:%M')} UTC (60 minutes) with me, {who}. "
            "The Zoom link is https://zoom.us/j/123456789.\r\n\r\n"
            f"Best,\r\n{who}\r\nHiring Manager, {company}\r\n"
        ).encode())
    return out


def _config(base: Path, server: DovecotServer) -> Path:
    cfg = base / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\nquiet_hours = \"\"\nquiet_days = []\n\n"
        f"[state]\npath = \"{base / 'state.db'}\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {server.port}\nsecurity = \"none\"\nusername = \"{server.user}\"\n"
        f"password_command = \"printf {server.password}\"\n"
    )
    return cfg


def _scan(cfg: Path, now: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                             "--no-progress", "--now", now],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _drafts(server: DovecotServer) -> list[str]:
    """The X-Watcher-Step marker of every message in Drafts (sorted; duplicates kept)."""
    c = server.client()
    try:
        c.select_folder("Drafts", readonly=True)  # type: ignore[attr-defined]
        uids = c.search(["ALL"])  # type: ignore[attr-defined]
        got = c.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (X-WATCHER-STEP)]"]) if uids else {}  # type: ignore[attr-defined]
    finally:
        c.logout()  # type: ignore[attr-defined]
    out = []
    for data in got.values():
        raw = next(v for k, v in data.items() if k.startswith(b"BODY"))
        out.append(raw.decode().split(":", 1)[1].strip())
    return sorted(out)


def _status(cfg: Path) -> list[dict[str, object]]:
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(cfg), "status",
                          "--json"], capture_output=True, text=True, check=True)
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    return sorted(({k: r[k] for k in ("process", "state", "round", "last_message_at")}
                   for r in rows), key=lambda r: str(r["process"]))


def _kill_on_new_draft(proc: subprocess.Popen[bytes], server: DovecotServer,
                       passes: socket.socket | None = None) -> bool:
    """SIGKILL the process the moment a new draft shows up in Drafts; False if it ended first
    (or, with `passes`, the daemon's notify socket: when it finished a pass that made no new
    draft, since a daemon never ends).

    One logged-in connection polls STATUS (well under a millisecond a round trip), so the kill
    lands between two APPENDs of the scan, or between an APPEND and its ledger record."""
    c = server.client()
    try:
        def count() -> int:
            return int(c.folder_status("Drafts", ["MESSAGES"])[b"MESSAGES"])  # type: ignore[attr-defined]

        start = count()
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if count() > start:
                proc.kill()
                proc.wait()
                return True
            if passes is not None and _pass_done(passes) and count() == start:
                return False
        return False
    finally:
        c.logout()  # type: ignore[attr-defined]


def _drain(sock: socket.socket) -> None:
    """Drop every datagram waiting on the notify socket."""
    while True:
        try:
            sock.recv(4096)
        except BlockingIOError:
            return


def _pass_done(sock: socket.socket) -> bool:
    """Whether the daemon said (sd_notify, after each pass it completed) that a pass ended."""
    try:
        return b"STATUS=last pass" in sock.recv(4096)
    except BlockingIOError:
        return False


@pytest.mark.skipif(dovecot_binary() is None, reason="no dovecot binary (apt-get install dovecot-imapd)")
def test_sigkill_mid_pass_never_duplicates_a_draft_nor_loses_a_state_change(tmp_path: Path) -> None:
    binary = dovecot_binary()
    assert binary is not None
    before, after = "2026-10-01T12:00:00+00:00", "2026-11-24T12:00:00+00:00"
    results = []
    for name, kill in (("clean", False), ("killed", True)):
        base = tmp_path / name
        base.mkdir()
        server = DovecotServer(binary)
        server.start()
        try:
            server.append("INBOX", mailbox())
            cfg = _config(base, server)
            first = _scan(cfg, before)  # first sync: builds the processes, nothing due yet
            assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
            started = time.monotonic()
            kills = 0
            for _attempt in range(60):
                proc = _scan(cfg, after)
                if kill and _kill_on_new_draft(proc, server):
                    kills += 1  # killed right after an APPEND: between a draft and its record
                    continue
                code = proc.wait(timeout=120)
                assert code == 0, proc.stderr.read() if proc.stderr else ""
                break
            results.append((_drafts(server), _status(cfg), kills, time.monotonic() - started))
        finally:
            server.close()
    (clean_drafts, clean_state, _, clean_time), (drafts, state, kills, _) = results
    assert clean_drafts, "the scenario must create drafts for the test to mean anything"
    assert len(set(drafts)) == len(drafts), "a step has two drafts"
    assert drafts == clean_drafts, "\n".join(["killed:", *drafts, "clean:", *clean_drafts])
    assert state == clean_state
    print(f"{kills} kills; {len(drafts)} drafts; clean pass {clean_time:.2f} s")
    assert kills >= 5, f"only {kills} kills landed (clean pass took {clean_time:.2f} s)"


def _run(cfg: Path, notify: Path | None = None) -> subprocess.Popen[bytes]:
    env = dict(os.environ, NOTIFY_SOCKET=str(notify)) if notify else None
    return subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(cfg), "run"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


@pytest.mark.skipif(dovecot_binary() is None, reason="no dovecot binary (apt-get install dovecot-imapd)")
def test_sigkill_of_the_daemon_mid_pass_never_duplicates_a_draft(tmp_path: Path) -> None:
    """`watcher run` on the real clock: twenty interviews that ended in the last day, so every
    thank-you is due at once. The daemon is killed after each new draft and started again."""
    binary = dovecot_binary()
    assert binary is not None
    now = datetime.now(timezone.utc).replace(microsecond=0)
    box = mailbox(now - timedelta(hours=23), timedelta(minutes=50))
    results = []
    for name, kill in (("clean", False), ("killed", True)):
        base = tmp_path / name
        base.mkdir()
        server = DovecotServer(binary)
        server.start()
        try:
            server.append("INBOX", box)
            cfg = _config(base, server)
            kills = 0
            if kill:
                notify = base / "notify.sock"
                with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as passes:
                    passes.bind(str(notify))
                    passes.setblocking(False)
                    for _attempt in range(60):
                        _drain(passes)  # the killed daemon's last words: not the next one's
                        proc = _run(cfg, notify)
                        if _kill_on_new_draft(proc, server, passes):
                            kills += 1
                            continue
                        proc.terminate()  # a pass with nothing new to draft: stop the daemon
                        assert proc.wait(timeout=60) == 0, proc.stderr.read() if proc.stderr else ""
                        break
            # Both end with one more pass at the same moment: nothing may change any more.
            done = _scan(cfg, now.isoformat())
            assert done.wait(timeout=120) == 0, done.stderr.read() if done.stderr else ""
            results.append((_drafts(server), _status(cfg), kills))
        finally:
            server.close()
    (clean_drafts, clean_state, _), (drafts, state, kills) = results
    assert len(clean_drafts) == len(COMPANIES)  # one thank-you per interview
    assert len(set(drafts)) == len(drafts), "a step has two drafts"
    assert drafts == clean_drafts
    assert [(r["process"], r["state"]) for r in state] == [
        (r["process"], r["state"]) for r in clean_state]
    assert kills >= 5, f"only {kills} kills landed"
