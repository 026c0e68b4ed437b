"""sdnotify.py: the datagrams systemd would receive, on a real unix socket."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from watcher import sdnotify


def test_nothing_happens_without_notify_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert sdnotify.ready() is False


def test_ready_and_watchdog_reach_the_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        assert sdnotify.ready("synced 3 accounts")
        assert server.recv(4096) == b"READY=1\nSTATUS=synced 3 accounts"
        assert sdnotify.watchdog()
        assert server.recv(4096) == b"WATCHDOG=1"


def test_watchdog_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WATCHDOG_USEC", "900000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert sdnotify.watchdog_interval() == 900.0
    monkeypatch.setenv("WATCHDOG_PID", "1")
    assert sdnotify.watchdog_interval() is None


def test_poll_interval_is_capped_by_the_watchdog(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A 30-minute poll under WatchdogSec=15min would get a healthy daemon restarted."""
    import dataclasses
    from datetime import timedelta

    from watcher.config import Config, DaemonConfig
    from watcher.daemon import Daemon

    config = dataclasses.replace(Config.default(),
                                 daemon=DaemonConfig(poll_interval=timedelta(minutes=30)))
    d = Daemon(None, lambda c: None, config=config)  # type: ignore[arg-type,return-value]
    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    assert d.poll_seconds() == 1800
    monkeypatch.setenv("WATCHDOG_USEC", str(15 * 60 * 1_000_000))
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    assert d.poll_seconds() == 450


def test_progress_inside_a_long_pass_pings_the_watchdog(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from watcher.commands.run import WatchdogOnProgress

    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        beat = WatchdogOnProgress(every=3600)
        beat("read work", 200, 90000)
        assert server.recv(4096) == b"WATCHDOG=1\nSTATUS=read work: 200/90000"
        beat("read work", 400, 90000)  # within the interval: no second datagram
        server.settimeout(0.05)
        with pytest.raises(TimeoutError):
            server.recv(4096)


def test_a_long_status_is_cut_so_systemd_still_reads_the_watchdog_ping(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """systemd ignores a whole datagram of 4 kB or more, its WATCHDOG=1 too (a hung service
    would then be killed for want of pings)."""
    from watcher import sdnotify

    path = tmp_path / "notify.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(str(path))
        server.settimeout(5)
        monkeypatch.setenv("NOTIFY_SOCKET", str(path))
        assert sdnotify.watchdog("failed: " + "account-with-a-long-name, " * 400)
        got = server.recv(65536)
    assert got.startswith(b"WATCHDOG=1\nSTATUS=failed: account-with-a-long-name, ")
    assert len(got) < 4096 and got.decode().endswith("…")
    assert len(got.decode().split("\n")[1]) == sdnotify.STATUS_MAX


def test_a_term_in_a_long_pass_is_acknowledged_in_the_log_once(
        caplog: pytest.LogCaptureFixture) -> None:
    """review23l F3: TERM during a 4,000-message pass logged nothing for 70 s, until 'watcher
    stopped': the pass is finished first (as it should), and now the log says so."""
    import logging

    from watcher.backends.retry import stopping
    from watcher.commands.run import WatchdogOnProgress

    beat = WatchdogOnProgress(every=3600)
    caplog.set_level(logging.INFO, logger="watcher.commands.run")
    beat("read local", 200, 4000)
    assert caplog.records == []
    stopping.set()
    try:
        beat("read local", 400, 4000)
        beat("read local", 600, 4000)
    finally:
        stopping.clear()
    assert [r.getMessage() for r in caplog.records] == [
        "stopping: finishing this pass first (read local: 400/4000)"]
