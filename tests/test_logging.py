"""What the logs carry: ids and counts, never bodies, subjects' text of mail bodies or secrets;
JSON lines on request; no timestamps under systemd."""

from __future__ import annotations

import email.utils
import json
import logging
import os
import re
import subprocess
import sys
import threading
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.dovecot import DovecotServer
from watcher.cli import setup_logging
from watcher.config import system_timezone

BODY_TOKEN = "ZEBRA-BODY-7731"


def confirmation() -> bytes:
    return (
        "From: Dana Whitfield <dana.whitfield@northwindrobotics.com>\r\n"
        "To: Alex Wong <alex@example.com>\r\n"
        "Subject: Interview confirmed: Backend Engineer at Northwind Robotics\r\n"
        "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\nMessage-ID: <confirm-log@northwindrobotics.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hi Alex,\r\n\r\nYour video interview for the Backend Engineer role at Northwind Robotics is "
        "confirmed for Tuesday, December 1, 2026 at 15:00 UTC (60 minutes) with me, Dana "
        f"Whitfield. Door code {BODY_TOKEN}.\r\n\r\nBest,\r\nDana\r\n"
    ).encode()


def scan(cfg: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "watcher", "--log-level", "debug", *extra,
                           "--config", str(cfg), "scan", "--now", "2026-12-01T18:00:00+00:00"],
                          capture_output=True, text=True, timeout=120, env=env)


def test_debug_logs_of_a_pass_hold_no_body_and_no_password(tmp_path: Path, dovecot: DovecotServer) -> None:
    dovecot.append("INBOX", [confirmation()])
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {dovecot.port}\nsecurity = \"none\"\nusername = \"{dovecot.user}\"\n"
        f"password_command = \"printf {dovecot.password}\"\n")
    res = scan(cfg)
    assert res.returncode == 0, res.stderr
    assert "1 drafts created" in res.stdout
    logs = res.stderr
    assert "watcher." in logs  # debug logging did run
    assert BODY_TOKEN not in logs
    assert dovecot.password not in logs
    assert "Door code" not in logs


def test_json_log_format_and_plain_under_systemd(tmp_path: Path) -> None:
    box = tmp_path / "Mail"
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (box / folder / sub).mkdir(parents=True)
    (box / "cur" / "1.M1P1.t:2,S").write_bytes(confirmation())
    cfg = tmp_path / "config.toml"
    cfg.write_text("[me]\naddresses = [\"alex@example.com\"]\n\n"
                   f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n"
                   f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{box}\"\n")
    res = scan(cfg, "--log-format", "json")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stderr.splitlines() if x.strip()]
    assert lines and all({"level", "logger", "message"} <= set(x) for x in lines)
    assert BODY_TOKEN not in res.stderr
    env = dict(os.environ, INVOCATION_ID="0123456789abcdef", JOURNAL_STREAM="8:1234")
    (tmp_path / "w.db").unlink()
    res = scan(cfg, env=env)
    first = res.stderr.splitlines()[0]
    assert first.split()[0] in ("DEBUG", "INFO", "WARNING", "ERROR")  # no timestamp first


def test_on_the_journal_stream_each_line_carries_its_priority(tmp_path: Path) -> None:
    """journald files a line under the `<N>` that leads it: without one every warning was
    "info", and `journalctl -p warning` showed nothing. In a plain file (launchd's log) each
    line starts with the date and time instead."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n[[accounts]]\nname = \"local\"\n"
                   f"backend = \"maildir\"\npath = \"{tmp_path / 'missing'}\"\n")
    log = tmp_path / "journal"
    with log.open("w") as fh:
        st = os.fstat(fh.fileno())
        env = dict(os.environ, JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}", INVOCATION_ID="0123")
        subprocess.run([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                        "--no-progress"], stderr=fh, stdout=subprocess.DEVNULL, env=env, timeout=120)
    lines = log.read_text().splitlines()
    assert lines and all(line[:3] in ("<7>", "<6>", "<4>", "<3>", "<2>") for line in lines), lines
    assert any(line.startswith("<3>") or line.startswith("<4>") for line in lines), lines
    with log.open("w") as fh:
        env = {k: v for k, v in os.environ.items() if k not in ("JOURNAL_STREAM", "INVOCATION_ID")}
        subprocess.run([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                        "--no-progress"], stderr=fh, stdout=subprocess.DEVNULL, env=env, timeout=120)
    lines = log.read_text().splitlines()
    assert lines and all(re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} ", line)
                         for line in lines), lines


def test_a_closed_stderr_does_not_stop_the_command(tmp_path: Path) -> None:
    """Started with fd 2 closed (`2>&-`, some supervisors), Python's sys.stderr is None:
    choosing the log format asked it isatty() and every command died before it began."""
    cfg = tmp_path / "config.toml"
    cfg.write_text("[me]\naddresses = [\"alex@example.com\"]\n\n"
                   f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n"
                   f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{tmp_path}\"\n")
    env = {k: v for k, v in os.environ.items() if k not in ("JOURNAL_STREAM", "INVOCATION_ID")}
    res = subprocess.run(["/bin/sh", "-c", 'exec "$0" "$@" 2>&-', sys.executable, "-m", "watcher",
                          "--config", str(cfg), "status"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert res.returncode == 0, res.stdout
    assert "no interview processes yet" in res.stdout.lower()
    # scan asked it isatty() again, for its progress bar
    res = subprocess.run(["/bin/sh", "-c", 'exec "$0" "$@" 2>&-', sys.executable, "-m", "watcher",
                          "--config", str(cfg), "scan"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert res.returncode == 0 and "drafts created" in res.stdout, res.stdout


def test_the_service_logs_its_events_by_default_and_a_command_only_its_warnings(tmp_path: Path) -> None:
    """Under the service the journal shows that the watcher started, made a draft and stopped
    (at warning, the default of every other command, it showed nothing of a good day)."""
    box = tmp_path / "Mail"
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (box / folder / sub).mkdir(parents=True)
    # `run` keeps the real clock: an interview that ended two hours ago has its thank-you due
    start = datetime.now(timezone.utc).replace(second=0, microsecond=0) - timedelta(hours=3)
    mail = confirmation().replace(b"Tue, 24 Nov 2026 10:00:00 +0000", email.utils.format_datetime(
        start - timedelta(days=2)).encode()).replace(
        b"Tuesday, December 1, 2026 at 15:00 UTC", f"{start:%A, %B %-d, %Y at %H:%M} UTC".encode())
    (box / "cur" / "1.M1P1.t:2,S").write_bytes(mail)
    cfg = tmp_path / "config.toml"
    cfg.write_text("[me]\naddresses = [\"alex@example.com\"]\n\n[schedule]\nquiet_hours = \"\"\n\n"
                   f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n"
                   f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{box}\"\n")
    env = {k: v for k, v in os.environ.items() if k not in ("JOURNAL_STREAM", "INVOCATION_ID")}
    proc = subprocess.Popen([sys.executable, "-m", "watcher", "--log-format", "plain", "--config",
                             str(cfg), "run"], stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    seen: list[str] = []
    deadline = threading.Timer(60, proc.kill)  # no draft at all: fail, never hang
    deadline.start()
    for line in proc.stderr:  # until the first pass made its draft; then TERM
        seen.append(line)
        if "draft" in line and "created" in line:
            proc.terminate()
    deadline.cancel()
    assert proc.wait(timeout=60) == 0, seen
    text = "".join(seen)
    assert "INFO watcher.daemon: watcher running with 1 account(s)" in text, text
    assert "INFO watcher.pipeline: draft " in text and " created in local" in text, text
    assert "INFO watcher.daemon: watcher stopped after 1 pass(es)" in text, text
    assert BODY_TOKEN not in text
    res = subprocess.run([sys.executable, "-m", "watcher", "--log-format", "plain", "--config",
                          str(cfg), "scan", "--no-progress"],
                         capture_output=True, text=True, timeout=120, env=env)
    assert res.returncode == 0 and res.stderr == "", res.stderr


def test_debug_logs_hold_no_account_of_the_system_zone_lookup(tmp_path: Path) -> None:
    """The daemon reads the system zone at each heartbeat (`timezone = ""` follows it): with
    --debug, tzlocal's lines about the files it read came every minute."""
    cfg = tmp_path / "config.toml"
    cfg.write_text('[schedule]\ntimezone = ""\n\n[[accounts]]\nname = "local"\n'
                   f'backend = "maildir"\npath = "{tmp_path / "Mail"}"\n')
    res = subprocess.run([sys.executable, "-m", "watcher", "--log-level", "debug", "--config",
                          str(cfg), "check-config"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "tzlocal" not in res.stderr, res.stderr


def test_a_stale_etc_timezone_is_warned_of_once_not_at_every_heartbeat(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """review23j #1: the daemon reads the system zone at every heartbeat (~30 s), and tzlocal
    warns at WARNING, twice a read, when /etc/timezone disagrees with /etc/localtime (a
    distro whose `timedatectl set-timezone` leaves /etc/timezone behind: the laptop carried
    to London): ~5,800 lines a day in the journal, where once per process had been. tzlocal's
    own files are read under a root made here (its `_root` argument)."""
    import tzlocal.unix

    zoneinfo = tmp_path / "usr" / "share" / "zoneinfo"
    for name in ("America/New_York", "Europe/London"):
        (zoneinfo / name).parent.mkdir(parents=True, exist_ok=True)
        (zoneinfo / name).write_bytes(Path("/usr/share/zoneinfo", name).read_bytes())
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "timezone").write_text("America/New_York\n")
    (tmp_path / "etc" / "localtime").symlink_to(zoneinfo / "Europe" / "London")
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr(tzlocal.unix._get_localzone_name, "__defaults__", (str(tmp_path),))
    monkeypatch.setattr(tzlocal.unix._get_localzone, "__defaults__", (str(tmp_path),))
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    setup_logging("info", "plain")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its offset check against this machine's clock
            for _beat in range(5):
                assert system_timezone() == "Europe/London"
    finally:
        root.handlers[:], root.level = handlers, level
    said = [line for line in capsys.readouterr().err.splitlines() if "tzlocal" in line]
    assert len(said) == 1 and "/etc/timezone" in said[0], said
