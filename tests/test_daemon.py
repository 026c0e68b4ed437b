"""The daemon as a real process on a temp Maildir: SIGHUP reload of quiet hours, a bad edit
kept out, a config edit noticed without a signal, USR1, and TERM exiting 0.

These tests wait for a subprocess with deadlines (they never sleep as an assertion). The daemon
logs "pass (...)" as a pass starts; what a pass did is looked at once the daemon has said, over
$NOTIFY_SOCKET (sd_notify STATUS=last pass ...), that it finished it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.dovecot import DovecotServer

DEADLINE = 30.0


def _wait(cond: Callable[[], bool], what: str, timeout: float = DEADLINE) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _maildir(root: Path) -> None:
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (root / folder / sub).mkdir(parents=True, exist_ok=True)


def _confirmation(now: datetime) -> bytes:
    """An interview that ended two hours ago: its thank-you is due now (window still open)."""
    start = now - timedelta(hours=3)
    sent = now - timedelta(days=1)
    return (
        "From: Dana Whitfield <dana.whitfield@northwindrobotics.com>\r\n"
        "To: Alex Wong <alex@example.com>\r\n"
        "Subject: Interview confirmed: Backend Engineer at Northwind Robotics\r\n"
        f"Date: {sent.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\n"
        "Message-ID: <confirm-1@northwindrobotics.com>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "Hi Alex,\r\n\r\n"
        "Your video interview for the Backend Engineer role at Northwind Robotics is confirmed "
        f"for {start.strftime('%A, %B %d, %Y at %H:%M')} UTC (60 minutes) with me, "
        "Dana Whitfield. The Zoom link is https://zoom.us/j/123456789.\r\n\r\n"
        "Best,\r\nDana Whitfield\r\nEngineering Manager, Northwind Robotics\r\n"
    ).encode()


def _config(path: Path, box: Path, quiet: str, heartbeat: str = "1s", watch: bool = True) -> None:
    path.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        f"[schedule]\ntimezone = \"UTC\"\nquiet_hours = \"{quiet}\"\nquiet_days = []\n\n"
        f"[state]\npath = \"{path.parent / 'state.db'}\"\n\n"
        f"[daemon]\npoll_interval = \"1h\"\nheartbeat = \"{heartbeat}\"\n"
        f"watch_config = {'true' if watch else 'false'}\n\n"
        f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{box}\"\n"
    )


def _quiet_around_now(now: datetime) -> str:
    """Quiet hours that hold the current moment (and several hours after it)."""
    start = (now - timedelta(hours=1)).strftime("%H:00")
    end = (now + timedelta(hours=5)).strftime("%H:00")
    return f"{start}-{end}"


def _drafts(box: Path) -> list[Path]:
    return [p for p in (box / ".Drafts").glob("*/*") if p.is_file()]


def _is_pass(datagram: str) -> bool:
    """An sd_notify datagram the daemon sends after each pass it completed."""
    return any(line.startswith("STATUS=last pass ") for line in datagram.splitlines())


class Daemon:
    """A `watcher run` subprocess whose stderr is collected in a file. With `default=True`
    it is started without --config, reading the platform's default file (XDG_CONFIG_HOME
    set to the config's grandparent: <home>/watcher/config.toml).

    Its sd_notify datagrams (READY, RELOADING, STATUS=last pass ... after each pass it
    completed) come to a socket this test owns, read by a thread as they come: the daemon's
    send blocks once a few (10 on Linux) wait unread."""

    def __init__(self, config: Path, default: bool = False) -> None:
        self.log = config.parent / "daemon.log"
        self.fh = self.log.open("wb")
        # a short path: an AF_UNIX address has ~100 bytes, less than some tmp_path trees
        self._dir = tempfile.mkdtemp(prefix="watcher-notify-")
        self.address = os.path.join(self._dir, "notify.sock")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.address)
        self.datagrams: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True, name="notify-reader")
        self.reader.start()
        env = dict(os.environ, PYTHONUNBUFFERED="1", NOTIFY_SOCKET=self.address)
        for name in ("WATCHDOG_USEC", "WATCHDOG_PID"):  # no watchdog from a caller's service
            env.pop(name, None)
        where = ["--config", str(config)]
        if default:
            env["XDG_CONFIG_HOME"] = str(config.parent.parent)
            where = []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "watcher", "--log-level", "debug", "--log-format", "plain",
             *where, "run"],
            stdout=self.fh, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)

    def _read(self) -> None:
        while True:
            data = self.sock.recv(65536)
            if not data:  # the empty datagram stop() sends: the daemon sends none
                return
            with self.changed:
                self.datagrams.append(data.decode(errors="replace"))
                self.changed.notify_all()

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def passes(self) -> int:
        """How many passes the daemon said it completed."""
        with self.changed:
            return sum(map(_is_pass, self.datagrams))

    def _wait_notified(self, cond: Callable[[list[str]], bool], what: str) -> None:
        with self.changed:
            if not self.changed.wait_for(lambda: cond(self.datagrams), timeout=DEADLINE):
                raise AssertionError(f"timed out waiting for {what}; sd_notify: "
                                     f"{self.datagrams!r}; log:\n{self.text()[-3000:]}")

    def wait_passes(self, n: int, what: str) -> None:
        """Until the daemon has completed `n` passes (all it did in them is done)."""
        self._wait_notified(lambda got: sum(map(_is_pass, got)) >= n, what)

    def wait_pass_after(self, status: str, what: str) -> None:
        """Until the daemon has completed a pass after it said STATUS=`status`."""
        def cond(got: list[str]) -> bool:
            said = [i for i, g in enumerate(got) if f"STATUS={status}" in g.splitlines()]
            return bool(said) and any(map(_is_pass, got[said[0] + 1:]))

        self._wait_notified(cond, what)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=DEADLINE)
        finally:
            self.fh.close()
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.sendto(b"", self.address)
            self.reader.join(timeout=DEADLINE)
            self.sock.close()
            shutil.rmtree(self._dir, ignore_errors=True)


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Path, Path, datetime]]:
    now = datetime.now(timezone.utc)
    box = tmp_path / "Maildir"
    _maildir(box)
    (box / "cur" / "1.M1P1.test:2,S").write_bytes(_confirmation(now))
    config = tmp_path / "config.toml"
    _config(config, box, _quiet_around_now(now))
    yield config, box, now


def test_sighup_after_a_quiet_hours_edit_takes_effect(setup: tuple[Path, Path, datetime]) -> None:
    config, box, now = setup
    # The daemon does not watch the file: the reload can come from the SIGHUP alone.
    _config(config, box, _quiet_around_now(now), watch=False)
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        assert _drafts(box) == []  # the thank-you waits for the end of quiet hours
        _config(config, box, "", watch=False)  # quiet hours off
        d.proc.send_signal(signal.SIGHUP)
        d.wait_pass_after("config reloaded", "a pass after the reload SIGHUP asked for")
        assert len(_drafts(box)) == 1
        assert "config reloaded" in d.text()
        # what `systemctl status` shows of that pass: its one-line summary, never the draft's
        # text (the whole summary object was sent: 2.7 kB a draft, over systemd's 4 kB at 2)
        last = [g for g in d.datagrams if _is_pass(g)][-1]
        assert re.fullmatch(r"WATCHDOG=1\nSTATUS=last pass \S+: \d+ messages read, \d+ processes "
                            r"changed, 1 drafts created", last), last
        raw = _drafts(box)[0].read_bytes()
        assert b"X-Watcher-Step:" in raw and b"dana.whitfield@northwindrobotics.com" in raw
    finally:
        assert d.stop() == 0


def test_bad_edit_keeps_last_good_config_with_one_clear_error(
    setup: tuple[Path, Path, datetime]
) -> None:
    config, box, _now = setup
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        good = config.read_text()
        config.write_text(good.replace('quiet_hours = "', 'quiet_hours = "25:99-'))
        d.proc.send_signal(signal.SIGHUP)
        _wait(lambda: "config not reloaded" in d.text(), "the reload error")
        # Several heartbeats later the same bad file is not reported again.
        n = d.passes()
        d.proc.send_signal(signal.SIGUSR1)
        d.wait_passes(n + 1, "a pass after USR1 done")
        text = d.text()
        assert text.count("config not reloaded") == 1
        assert "[schedule] quiet_hours" in text and str(config) in text
        assert d.proc.poll() is None  # still running, with the last good config
        assert _drafts(box) == []  # the old quiet hours still hold
        # A HUP on the same bad file answers again (review19b: a user who reloads to check
        # the edit was met with silence)
        d.proc.send_signal(signal.SIGHUP)
        _wait(lambda: d.text().count("config not reloaded") == 2, "the error said again")
    finally:
        assert d.stop() == 0


def test_edits_that_cannot_be_put_to_work_keep_the_last_good_config(
    setup: tuple[Path, Path, datetime]
) -> None:
    """Each of these used to stop the daemon or silently drop every account: a state path
    that cannot be opened, an emptied file, a duration too long for dates, a deleted file.
    Each is reported once; the last good config keeps running; a good edit then works."""
    config, box, _now = setup
    good = config.read_text()
    blocker = config.parent / "afile"
    blocker.write_text("")
    bad_edits = [
        good.replace(str(config.parent / "state.db"), str(blocker / "w.db")),
        "",
        good.replace("[daemon]", "[policy]\nwait_without_timeline = \"99999999999d\"\n\n[daemon]"),
        None,  # deleted
    ]
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        for i, text in enumerate(bad_edits, 1):
            if text is None:
                config.unlink()
            else:
                config.write_text(text)
            def reported(i: int = i) -> bool:
                return d.text().count("config not reloaded") == i

            _wait(reported, f"the error of edit {i}")
            n = d.passes()
            d.proc.send_signal(signal.SIGUSR1)
            d.wait_passes(n + 1, "a pass after USR1 done")
            assert d.proc.poll() is None and _drafts(box) == []  # the old quiet hours hold
        text = d.text()
        assert text.count("config not reloaded") == len(bad_edits)  # once each, not per heartbeat
        assert "internal error" not in text and "afile' is a file, not a folder" in text
        assert "no [[accounts]]" in text and "missing" in text and "too long" in text
        _config(config, box, "")  # quiet hours off
        d.wait_pass_after("config reloaded", "a pass after the good edit's reload")
        assert len(_drafts(box)) == 1
    finally:
        assert d.stop() == 0


def test_the_default_config_file_moved_away_and_back_is_followed(tmp_path: Path) -> None:
    """An editor's save can leave a moment without the file: the daemon (run without
    --config, as the shipped unit does) keeps its accounts and reads the file once back."""
    now = datetime.now(timezone.utc)
    box = tmp_path / "Maildir"
    _maildir(box)
    (box / "cur" / "1.M1P1.test:2,S").write_bytes(_confirmation(now))
    config = tmp_path / "xdg" / "watcher" / "config.toml"
    config.parent.mkdir(parents=True)
    _config(config, box, _quiet_around_now(now))
    d = Daemon(config, default=True)
    try:
        d.wait_passes(1, "the first pass done")
        assert _drafts(box) == []  # held by the quiet hours
        config.rename(config.with_suffix(".toml~"))
        _wait(lambda: "config not reloaded" in d.text(), "the missing file's error")
        _config(config, box, "")  # back, with quiet hours off
        d.wait_pass_after("config reloaded", "a pass after the file came back")
        assert len(_drafts(box)) == 1
        assert "accounts changed" not in d.text()
    finally:
        assert d.stop() == 0


def test_a_storm_of_signals_neither_kills_nor_hangs_the_daemon(
    setup: tuple[Path, Path, datetime]
) -> None:
    config, _box, _now = setup
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        for i in range(3000):
            d.proc.send_signal(signal.SIGHUP if i % 2 else signal.SIGUSR1)
        n = d.passes()
        d.proc.send_signal(signal.SIGUSR1)
        d.wait_passes(n + 1, "a pass after the storm done")
        assert d.proc.poll() is None and "Traceback" not in d.text()
    finally:
        assert d.stop() == 0


def test_config_edit_is_noticed_without_a_signal(setup: tuple[Path, Path, datetime]) -> None:
    config, box, _now = setup
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        assert _drafts(box) == []  # held by the quiet hours
        _config(config, box, "")  # heartbeat 1 s: the file's change is seen within seconds
        d.wait_pass_after("config reloaded", "a pass after the edit's reload")
        assert len(_drafts(box)) == 1
        assert "config reloaded" in d.text()
    finally:
        assert d.stop() == 0


def test_a_command_that_makes_a_draft_due_sooner_is_followed_without_a_poll(
        setup: tuple[Path, Path, datetime]) -> None:
    """`watcher snooze` moved earlier (or `timeline`, `reopen`) re-plans in the state file:
    the running service re-arms its due job within a heartbeat (1 s here; the poll is 1 h)."""
    from watcher.cli import main
    from watcher.store import Store

    config, box, now = setup
    base = ["--config", str(config)]
    assert main([*base, "scan", "--no-progress"]) == 0  # quiet hours hold the thank-you
    store = Store(config.parent / "state.db")
    (process,) = [p.key for p in store.processes()]
    store.close()
    assert main([*base, "snooze", process, "2099-01-01"]) == 0
    _config(config, box, "")  # no quiet hours: only the snooze holds it
    d = Daemon(config)
    try:
        d.wait_passes(1, "the first pass done")
        assert _drafts(box) == []
        assert main([*base, "snooze", process, (now - timedelta(days=1)).date().isoformat()]) == 0
        _wait(lambda: len(_drafts(box)) == 1, "the thank-you, due now the snooze is over")
    finally:
        assert d.stop() == 0


def test_usr1_runs_a_pass_and_term_exits_zero(setup: tuple[Path, Path, datetime]) -> None:
    config, _box, _now = setup
    d = Daemon(config)
    try:
        _wait(lambda: "pass (" in d.text(), "the first pass")
        d.proc.send_signal(signal.SIGUSR1)
        _wait(lambda: "pass (signal)" in d.text(), "a pass requested by USR1")
    finally:
        assert d.stop() == 0
    assert "watcher stopped" in d.text()


def test_idle_push_wakes_the_daemon_for_new_mail(tmp_path: Path, dovecot: DovecotServer) -> None:
    """IMAP IDLE: new mail is read within seconds, with an hour-long poll interval."""
    config = tmp_path / "config.toml"
    config.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\nquiet_hours = \"\"\nquiet_days = []\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        "[daemon]\npoll_interval = \"1h\"\nheartbeat = \"1h\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {dovecot.port}\nsecurity = \"none\"\nusername = \"{dovecot.user}\"\n"
        f"password_command = \"printf {dovecot.password}\"\n")
    d = Daemon(config)
    try:
        _wait(lambda: "pass (" in d.text(), "the first pass")
        _wait(lambda: "IDLE on INBOX" in d.text(), "the push thread in IDLE")
        dovecot.append("INBOX", [_confirmation(datetime.now(timezone.utc))])
        _wait(lambda: "pass (push:work)" in d.text(), "a pass woken by IDLE")
        _wait(lambda: "new process" in d.text(), "the confirmation read")
    finally:
        assert d.stop() == 0


def _two_accounts(tmp_path: Path) -> Path:
    for name in ("a", "b"):
        _maildir(tmp_path / name)
    cfg = tmp_path / "two.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        "[daemon]\npoll_interval = \"5m\"\n\n"
        f"[[accounts]]\nname = \"a\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'a'}\"\n\n"
        f"[[accounts]]\nname = \"b\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'b'}\"\n"
        "poll_interval = \"30m\"\n")
    return cfg


def test_each_account_is_polled_at_its_own_interval(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An account's poll_interval is its own poll job; a reload that drops it drops the job."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon

    monkeypatch.delenv("WATCHDOG_USEC", raising=False)
    cfg = _two_accounts(tmp_path)
    d = RealDaemon(cfg, lambda c: None, config=load_config(cfg))  # type: ignore[arg-type,return-value]
    d._start_scheduler()
    try:
        jobs = {j.id: j.trigger.interval.total_seconds() for j in d.scheduler.get_jobs()
                if j.id.startswith("poll")}
        assert jobs == {"poll:a": 300, "poll:b": 1800}
        cfg.write_text(cfg.read_text().split("[[accounts]]\nname = \"b\"")[0])
        d.config = load_config(cfg)
        d._schedule_jobs()
        assert sorted(j.id for j in d.scheduler.get_jobs()) == ["heartbeat", "poll:a"]
    finally:
        d.scheduler.shutdown(wait=False)


def test_a_poll_or_push_syncs_its_account_and_anything_else_syncs_all(tmp_path: Path) -> None:
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon

    cfg = _two_accounts(tmp_path)
    d = RealDaemon(cfg, lambda c: None, config=load_config(cfg))  # type: ignore[arg-type,return-value]
    assert d.accounts_for({"poll:b"}) == {"b"}
    assert d.accounts_for({"poll:a", "push:b"}) == {"a", "b"}
    # a draft falls due: every account is read first, so a reply that just came is seen
    assert d.accounts_for({"poll:a", "due"}) is None
    for reason in ("start", "signal", "wake", "reload", "poll"):
        assert d.accounts_for({reason}) is None


def test_a_pass_for_one_account_reads_only_that_account(tmp_path: Path) -> None:
    from watcher.config import load_config
    from watcher.live import LiveEngine

    cfg = _two_accounts(tmp_path)
    now = datetime.now(timezone.utc)
    for name in ("a", "b"):
        (tmp_path / name / "cur" / "1.M1P1.test:2,S").write_bytes(
            _confirmation(now).replace(b"confirm-1@", f"confirm-{name}@".encode()))
    live = LiveEngine(load_config(cfg))
    try:
        assert live.run_pass(now, {"b"}).messages_read == 1
        assert live.engine.store.cursor("a") is None and live.engine.store.cursor("b") is not None
        assert live.run_pass(now, None).messages_read == 1  # a's message; b's was read
    finally:
        live.close()


def test_one_watcher_per_state_file(setup: tuple[Path, Path, datetime]) -> None:
    """`watcher scan` while the service runs on the same state would draft a due step twice
    (two processes, each seeing an empty drafts folder): it is refused, a dry run is not."""
    config, _box, _now = setup
    d = Daemon(config)
    try:
        _wait(lambda: "pass (" in d.text(), "the first pass")
        scan = [sys.executable, "-m", "watcher", "--config", str(config), "scan"]
        res = subprocess.run(scan, capture_output=True, text=True, timeout=60)
        assert res.returncode == 2 and f"pid {d.proc.pid}" in res.stderr
        assert f"kill -USR1 {d.proc.pid}" in res.stderr  # not a unit name it cannot know
        assert "Traceback" not in res.stderr
        dry = subprocess.run([*scan, "--dry-run"], capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0, dry.stderr
        # The service started while a scan holds the state: exit 1, not 2, which the unit's
        # RestartPreventExitStatus=2 would leave down for good; it is restarted 30 s later.
        second = subprocess.run([sys.executable, "-m", "watcher", "--config", str(config), "run"],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1 and f"pid {d.proc.pid}" in second.stderr, second.stderr
        assert "Traceback" not in second.stderr
    finally:
        assert d.stop() == 0
    res = subprocess.run(scan, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr


def test_a_reload_to_another_state_file_moves_the_lock(setup: tuple[Path, Path, datetime]) -> None:
    """An edited [state] path: the running service guards the new file (another watcher
    there would draft the same step twice) and frees the old one (a scan there was refused)."""
    config, _box, _now = setup
    old, new = str(config.parent / "state.db"), str(config.parent / "state2.db")
    assert old in config.read_text()
    d = Daemon(config)
    try:
        _wait(lambda: "pass (" in d.text(), "the first pass")
        config.write_text(config.read_text().replace(old, new))
        _wait(lambda: "config reloaded" in d.text(), "the reload")
        on_old = config.parent / "old.toml"
        on_old.write_text(config.read_text().replace(new, old))
        scan = [sys.executable, "-m", "watcher", "scan", "--config"]
        res = subprocess.run([*scan, str(config)], capture_output=True, text=True, timeout=60)
        assert res.returncode == 2 and f"pid {d.proc.pid}" in res.stderr, res.stderr
        res = subprocess.run([*scan, str(on_old)], capture_output=True, text=True, timeout=60)
        assert res.returncode == 0, res.stderr
        # a file another watcher holds: the reload is refused, the service stays where it was
        from watcher.live import StateLock

        third = config.parent / "state3.db"
        other = StateLock(third)
        try:
            config.write_text(config.read_text().replace(new, str(third)))
            _wait(lambda: "config not reloaded" in d.text(), "the refused reload")
            assert "another watcher" in d.text()
        finally:
            other.release()
    finally:
        assert d.stop() == 0


def test_state_locks_are_shared_by_the_engines_of_one_file_and_kept_until_the_last_goes(
        tmp_path: Path) -> None:
    """A reload's new engine and the running one share the file's lock (a second flock on it
    from this process would fail); a refused reload lets go of only its own hold, so the
    running state stays locked (it was released before the reload was refused)."""
    from watcher.commands.run import SharedLocks
    from watcher.errors import UsageError
    from watcher.live import StateLock

    def free(name: str) -> bool:
        try:
            StateLock(tmp_path / name).release()
        except UsageError:
            return False
        return True

    locks = SharedLocks()
    running = locks.acquire(tmp_path / "a.db")
    refused = locks.acquire(tmp_path / "a.db")  # a reload on the same file, then refused
    refused()
    refused()  # once only
    assert not free("a.db")
    moved = locks.acquire(tmp_path / "b.db")  # a reload to another file
    assert not free("b.db") and not free("a.db")
    running()  # the old engine closed
    assert free("a.db") and not free("b.db")
    moved()
    assert free("b.db")


# --- the daemon in this process, with a clock the test controls ---------------------------


class _Engine:
    """A stand-in engine: counts passes, plans nothing."""

    def __init__(self) -> None:
        self.passes: list[datetime] = []
        self.configs: list[object] = []

    def run_pass(self, now: datetime, accounts: Any = None) -> str:
        self.passes.append(now)
        return "ok"

    def next_due(self, now: datetime) -> None:
        return None

    def push_sources(self) -> list[Any]:
        return []

    def set_config(self, config: object) -> None:
        self.configs.append(config)

    def close(self) -> None:
        pass


class _Due(_Engine):
    """A stand-in engine whose next due moment (and the next after now) the test sets."""

    due: datetime | None = None
    after: datetime | None = None

    def next_due(self, now: datetime) -> datetime | None:  # type: ignore[override]
        return self.due

    def next_due_after(self, now: datetime) -> datetime | None:
        return self.after if self.after is not None and self.after > now else None


class _Shift:
    """The wall clock as the daemon and APScheduler see it, `seconds` away from the real one
    (a suspend or an NTP step moves it; the monotonic clock is left alone)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, seconds: float = 0.0) -> None:
        import types

        import apscheduler.executors.base
        import apscheduler.schedulers.base
        import apscheduler.triggers.interval

        import watcher.daemon

        self.seconds = seconds
        shift = self

        class Shifted(datetime):
            @classmethod
            def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
                return datetime.now(tz) + timedelta(seconds=shift.seconds)  # type: ignore[arg-type]

        for module in (apscheduler.schedulers.base, apscheduler.executors.base,
                       apscheduler.triggers.interval):
            monkeypatch.setattr(module, "datetime", Shifted)
        monkeypatch.setattr(watcher.daemon, "time", types.SimpleNamespace(
            time=lambda: time.time() + shift.seconds, monotonic=time.monotonic))

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=self.seconds)


def _run_here(d: object, until: Callable[[], bool], timeout: float = 4.0) -> bool:
    """`d.run()` on this (the main) thread until `until()` holds or `timeout` s passed (the
    test's signal handlers are put back afterwards); True when it stopped by itself."""
    import threading

    from watcher.daemon import Daemon as RealDaemon

    assert isinstance(d, RealDaemon)
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
                                               signal.SIGUSR1)}
    returned = threading.Event()
    stopped = threading.Event()

    def stopper() -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end and not returned.is_set() and not until():
            time.sleep(0.02)
        if not returned.is_set():
            stopped.set()
            d.requests.stop = True
            d.requests.event.set()

    t = threading.Thread(target=stopper, daemon=True)
    t.start()
    try:
        assert d.run() == 0
    finally:
        returned.set()
        for s, handler in saved.items():
            signal.signal(s, handler)
        t.join()
    return not stopped.is_set()


def _bad_thank_you_template(config: Path) -> None:
    """A user template beside the config that cannot be used: composing a thank-you fails."""
    (config.parent / "templates").mkdir(exist_ok=True)
    (config.parent / "templates" / "thank_you.txt").write_text("no subject line\nbody\n")


def test_a_due_draft_that_cannot_be_made_is_not_retried_every_second(
    setup: tuple[Path, Path, datetime]
) -> None:
    """A draft that fell due but whose pass failed to make it (here a broken user template)
    stays due, in the past. The due job was then set a second after every pass: a full sync
    of every account each second, for as long as the cause lasts."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon
    from watcher.live import LiveEngine

    config, box, now = setup
    (config.parent / "templates").mkdir()  # a templates folder beside the config is used
    clock = [now]
    d = RealDaemon(config, LiveEngine, config=load_config(config), clock=lambda: clock[0])
    d.engine = LiveEngine(d.config)
    d._start_scheduler()
    try:
        d.run_pass({"start"})  # the thank-you is held until quiet hours end
        held = d.scheduler.get_job("due").next_run_time
        assert held > now + timedelta(hours=3)
        _bad_thank_you_template(config)
        for i in range(5):
            clock[0] = held + timedelta(seconds=i)
            d.run_pass({"due"})
            assert _drafts(box) == []
            job = d.scheduler.get_job("due")
            assert job is not None  # retried, not forgotten ...
            assert job.next_run_time >= clock[0] + timedelta(seconds=60)  # ... but calmly
        assert len(d.scheduler.get_jobs()) == 3  # poll:local, heartbeat, due
    finally:
        d.scheduler.shutdown(wait=False)
        assert d.engine is not None
        d.engine.close()


def test_a_draft_that_stays_due_is_retried_ever_later_up_to_a_cap(
    setup: tuple[Path, Path, datetime]
) -> None:
    """A draft owed to an account that stays down is due after every pass: it was retried a
    minute later, for as long as the account was down (a full pass of every account each
    minute). The wait doubles to DUE_RETRY_CAP, and is a minute again once nothing is late."""
    from watcher.config import load_config
    from watcher.daemon import DUE_RETRY, DUE_RETRY_CAP
    from watcher.daemon import Daemon as RealDaemon

    config, _box, now = setup

    engine = _Due()
    clock = [now]
    d = RealDaemon(config, lambda c: engine, config=load_config(config), clock=lambda: clock[0])
    d.engine = engine
    d._start_scheduler()
    try:
        def waits(n: int) -> list[timedelta]:
            out = []
            for _ in range(n):
                engine.due = clock[0]  # still owed
                d.run_pass({"due"})
                nxt = d.scheduler.get_job("due").next_run_time
                out.append(nxt - clock[0])
                clock[0] = nxt
            return out

        minutes = [w // DUE_RETRY for w in waits(8)]
        assert minutes == [1, 2, 4, 8, 16, 30, 30, 30] and DUE_RETRY_CAP == 30 * DUE_RETRY
        engine.due = clock[0] + timedelta(hours=2)  # made: the next one is hours away
        d.run_pass({"due"})
        assert waits(1) == [DUE_RETRY]
        # while one stays late (its account down), another falling due sooner than the next
        # retry, on an account that works, is made on time, not held behind the backoff
        waits(6)
        soon = clock[0] + timedelta(minutes=3)
        engine.after = soon
        engine.due = clock[0]
        d.run_pass({"due"})
        assert d.scheduler.get_job("due").next_run_time == soon
    finally:
        d.scheduler.shutdown(wait=False)


def test_a_reload_that_changes_the_accounts_replans_held_drafts(
    setup: tuple[Path, Path, datetime]
) -> None:
    """Quiet hours switched off in the same edit that adds an account: the held thank-you is
    made on the reload's pass (it waited for the old quiet hours' end, hours later)."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon
    from watcher.live import LiveEngine

    config, box, now = setup
    d = RealDaemon(config, LiveEngine, config=load_config(config), clock=lambda: now)
    d.engine = LiveEngine(d.config)
    try:
        d.run_pass({"start"})
        assert _drafts(box) == []
        other = config.parent / "other"
        _maildir(other)
        _config(config, box, "")
        config.write_text(config.read_text() + "\n[[accounts]]\nname = \"other\"\n"
                          f"backend = \"maildir\"\npath = \"{other}\"\n")
        assert d.reload()
        reasons, _ = d.requests.take()
        d.run_pass(reasons)
        assert len(_drafts(box)) == 1
    finally:
        assert d.engine is not None
        d.engine.close()


def test_quiet_hours_edited_while_stopped_hold_at_the_next_start(
    setup: tuple[Path, Path, datetime]
) -> None:
    """The plans in the state file were made with the quiet hours of the last run: a start
    with quiet hours switched off makes the held thank-you at once, not at their old end."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon
    from watcher.live import LiveEngine

    config, box, now = setup
    live = LiveEngine(load_config(config))
    live.run_pass(now)  # a first run, stopped while the thank-you is held
    live.close()
    assert _drafts(box) == []
    _config(config, box, "")
    d = RealDaemon(config, LiveEngine, config=load_config(config),
                   clock=lambda: now + timedelta(minutes=1))
    _run_here(d, lambda: d.passes >= 1)
    assert d.passes >= 1 and len(_drafts(box)) == 1


def test_a_clock_set_back_does_not_stall_the_heartbeat(
    setup: tuple[Path, Path, datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """APScheduler times its jobs by the wall clock: set back an hour (an NTP step, a wrong
    RTC fixed), the heartbeat and the polls would wait that hour, and a config edit went
    unnoticed. The daemon notices within a heartbeat and re-arms them."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon

    config, box, _now = setup
    shift = _Shift(monkeypatch)
    engine = _Engine()
    d = RealDaemon(config, lambda c: engine, config=load_config(config), clock=shift.now)
    jobs: dict[str, datetime] = {}

    def reloaded() -> bool:  # the edit switched quiet hours off
        return any(c.schedule.quiet_hours is None for c in engine.configs)  # type: ignore[attr-defined]

    def rearmed() -> bool:  # the heartbeat job is due within seconds again, not in an hour
        beat = d.scheduler.get_job("heartbeat")
        return beat is not None and beat.next_run_time < shift.now() + timedelta(seconds=5)

    def step() -> bool:
        if not d.passes:
            return False
        if not shift.seconds:  # after the first pass, the clock is set back an hour
            shift.seconds = -3600.0
            return False
        if not jobs:
            if not rearmed():  # the scheduler's heartbeat is an hour away; the main loop's
                return False  # own beat notices the clock (about 2 s after the last beat)
            jobs.update({j.id: j.next_run_time for j in d.scheduler.get_jobs()})
            _config(config, box, "")  # an edit the re-armed heartbeat is to notice
        return reloaded()

    _run_here(d, step, timeout=DEADLINE)
    assert jobs, "the jobs were not re-armed after the clock was set back"
    # re-armed from the clock as it now is: heartbeat and polls do not wait an hour longer
    assert jobs["heartbeat"] < shift.now() + timedelta(seconds=5)
    assert jobs["poll:local"] < shift.now() + timedelta(hours=1, seconds=1)
    assert reloaded(), "the config edit was not noticed after the clock was set back"


class _Recorder:
    """A Daemon whose passes are recorded with their reasons."""

    @staticmethod
    def make(config: Path, engine: Any, clock: Callable[[], datetime] | None = None) -> Any:
        from watcher.config import load_config
        from watcher.daemon import Daemon as RealDaemon

        class Recording(RealDaemon):
            reasons: list[set[str]]
            beats: list[float]  # when each heartbeat that has returned began (monotonic)

            def run_pass(self, reasons: set[str]) -> None:
                self.reasons.append(set(reasons))
                super().run_pass(reasons)

            def heartbeat(self) -> None:
                began = time.monotonic()
                super().heartbeat()
                self.beats.append(began)

        kwargs = {"clock": clock} if clock else {}
        d = Recording(config, lambda c: engine, config=load_config(config), **kwargs)
        d.reasons = []
        d.beats = []
        return d


def test_a_laptop_waking_after_hours_catches_up_once(
    setup: tuple[Path, Path, datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asleep three hours over a due moment: within a heartbeat one catch-up pass (the wake,
    the due job and the polls coalesced), not one per missed run."""
    config, _box, _now = setup
    shift = _Shift(monkeypatch)

    class Due(_Engine):
        due: datetime | None = shift.now() + timedelta(hours=1)

        def run_pass(self, now: datetime, accounts: Any = None) -> str:
            if self.due is not None and now >= self.due:
                self.due = None  # drafted
            return super().run_pass(now, accounts)

        def next_due(self, now: datetime) -> datetime | None:  # type: ignore[override]
            return self.due

    engine = Due()
    d = _Recorder.make(config, engine, clock=shift.now)
    state: dict[str, float] = {}

    def idle() -> bool:  # no pass asked for and none under way (a pass taken will complete)
        return not d.requests.reasons and d.passes == len(d.reasons)

    def step() -> bool:
        if not d.passes:
            return False
        if not shift.seconds:  # after the first pass, three hours asleep
            shift.seconds = 3 * 3600.0  # the monotonic clock stood still meanwhile
            return False
        if "caught_up" not in state:
            if any("wake" in r for r in d.reasons) and engine.due is None and idle():
                state["caught_up"] = time.monotonic()
            return False
        # and a heartbeat begun after the catch-up has returned, asking for no more passes
        if any(began > state["caught_up"] for began in d.beats) and idle():
            state["settled"] = time.monotonic()
        return "settled" in state

    _run_here(d, step, timeout=DEADLINE)
    assert "caught_up" in state, f"no catch-up pass after the wake: {d.reasons}"
    assert "settled" in state, f"no heartbeat after the catch-up: {d.beats}"
    after = d.reasons[1:]
    assert engine.due is None, "the due draft was not made after the wake"
    # Hours of missed heartbeats and polls coalesce into one run each; the wake, the due job
    # and the poll may each start a pass of their own when a pass is as quick as this one's.
    assert 1 <= len(after) <= 3, after
    seen = [r for reasons in after for r in reasons]
    assert "wake" in seen and len(seen) == len(set(seen)), after


def test_usr1_during_a_pass_runs_one_more_pass_after_it(
    setup: tuple[Path, Path, datetime]
) -> None:
    """USR1 (twice) during a pass: one more pass after it, never two at once, none lost;
    TERM during the next one lets it finish and exits 0."""
    import threading

    from watcher.backends.retry import stopping

    config, _box, _now = setup
    busy = threading.Lock()

    class Slow(_Engine):
        def run_pass(self, now: datetime, accounts: Any = None) -> str:
            assert busy.acquire(blocking=False), "two passes at once"
            try:
                if len(self.passes) == 0:
                    os.kill(os.getpid(), signal.SIGUSR1)
                    os.kill(os.getpid(), signal.SIGUSR1)
                    time.sleep(0.3)
                elif len(self.passes) == 1:
                    os.kill(os.getpid(), signal.SIGTERM)
                    time.sleep(0.3)
                return super().run_pass(now, accounts)
            finally:
                busy.release()

    engine = Slow()
    d = _Recorder.make(config, engine)
    try:
        assert _run_here(d, lambda: False, timeout=3.0), "TERM did not stop the daemon"
    finally:
        stopping.clear()
    assert d.reasons == [{"start"}, {"signal"}]
    assert d.passes == 2


def test_a_signal_taken_by_another_thread_is_acted_on_at_once(
    setup: tuple[Path, Path, datetime]
) -> None:
    """The kernel may hand a process-wide SIGHUP to any thread (the scheduler's, a push
    thread). Python runs the handler on the main thread, which waits in event.wait: without
    the wakeup fd it saw the signal only when that wait ended, a heartbeat (1 h here) later."""
    import sys
    import threading

    config, box, now = setup
    _config(config, box, _quiet_around_now(now), heartbeat="1h", watch=False)
    engine = _Engine()
    d = _Recorder.make(config, engine)
    main = threading.get_ident()
    sent: dict[str, float] = {}

    def waiting() -> bool:
        frame = sys._current_frames().get(main)
        return frame is not None and frame.f_code.co_name == "wait"

    def other_thread() -> None:
        end = time.monotonic() + 10
        while time.monotonic() < end and not (d.passes >= 1 and waiting()):
            time.sleep(0.01)
        sent["at"] = time.monotonic()
        signal.pthread_kill(threading.get_ident(), signal.SIGHUP)  # taken by this thread

    threading.Thread(target=other_thread, daemon=True).start()
    _run_here(d, lambda: len(engine.configs) >= 2, timeout=10.0)  # the first one: at start
    assert "at" in sent, "the main loop never waited"
    assert len(engine.configs) == 2, "the SIGHUP taken by another thread was not acted on within 10 s"


def test_the_due_job_follows_the_next_due_moment_and_stays_one(
    setup: tuple[Path, Path, datetime]
) -> None:
    """Many passes, each with another next due moment (near, months away, gone): one job."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon

    config, _box, now = setup

    engine = _Due()
    d = RealDaemon(config, lambda c: engine, config=load_config(config), clock=lambda: now)
    d.engine = engine
    d._start_scheduler()
    try:
        for i in range(50):
            engine.due = now + timedelta(minutes=i + 1)
            d.run_pass({"poll"})
        assert [j.id for j in d.scheduler.get_jobs()].count("due") == 1
        assert d.scheduler.get_job("due").next_run_time == now + timedelta(minutes=50)
        engine.due = now + timedelta(days=200)
        d.run_pass({"poll"})
        assert d.scheduler.get_job("due").next_run_time == now + timedelta(days=200)
        engine.due = None
        d.run_pass({"poll"})
        assert d.scheduler.get_job("due") is None
    finally:
        d.scheduler.shutdown(wait=False)


def test_a_failing_push_source_is_retried_with_capped_jittered_backoff(tmp_path: Path) -> None:
    """The IDLE thread's reconnects: exponential, jittered (several accounts after a server
    restart do not reconnect in lock-step), capped, and never a spin on an instant failure;
    a success starts again from the shortest wait."""
    import threading

    from watcher.config import load_config
    from watcher.daemon import PUSH_RETRY_CAP, PUSH_RETRY_MIN
    from watcher.daemon import Daemon as RealDaemon

    cfg = _two_accounts(tmp_path)
    d = RealDaemon(cfg, lambda c: None, config=load_config(cfg))  # type: ignore[arg-type,return-value]
    outcomes = iter([False] * 12 + [True] + [False] * 2)

    class Source:
        name = "a"

        def wait_for_change(self, timeout: float) -> bool:
            if next(outcomes, True):
                return False  # a quiet IDLE round: a success
            raise ConnectionResetError("gone")

    waits: list[float] = []
    stop = threading.Event()

    class Kick(threading.Event):
        """The wait after a failure (ended early by a pass, or a stop): recorded, never slept."""

        def wait(self, timeout: float | None = None) -> bool:
            waits.append(float(timeout or 0))
            if len(waits) % 14 == 0:
                stop.set()
            return stop.is_set()

    d._push_kicks["a"] = Kick()
    d._push_loop(Source(), stop, random=lambda: 0.5)  # type: ignore[arg-type]
    assert waits[:8] == [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0, 150.0]  # half of 4 s, doubling
    assert max(waits) == PUSH_RETRY_CAP / 2 and waits[12:] == [2.0, 4.0]  # reset by a success
    # Back after the outage, a fresh IDLE sees no change in what came meanwhile: a pass is
    # asked for (the drafts the outage interrupted waited for the next poll)
    assert d.requests.reasons == {"push:a"}
    d.requests.reasons.clear()
    outcomes = iter([False] * 14)
    stop.clear()
    d._push_loop(Source(), stop, random=lambda: 0.0)  # type: ignore[arg-type]
    assert waits[14:] == [PUSH_RETRY_MIN] * 14  # the floor: never a tight loop, jitter or not


def test_a_pass_that_reaches_the_account_ends_the_push_threads_wait(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an outage the push thread's wait has grown to minutes (300 s at most) while the
    server is back within seconds: IDLE stayed off, new mail waited for the poll (5 minutes).
    A pass that syncs the account ends the wait; one that failed on it does not."""
    import threading

    from watcher import daemon as daemon_mod
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon
    from watcher.pipeline import TickSummary

    monkeypatch.setattr(daemon_mod, "PUSH_RETRY_MIN", 3600.0)  # only a pass can end the wait
    cfg = _two_accounts(tmp_path)

    class Engine(_Engine):
        failing = True

        def run_pass(self, now: datetime, accounts: Any = None) -> Any:
            super().run_pass(now, accounts)
            return TickSummary(failed_accounts=["a"] if self.failing else [])

    engine = Engine()
    d = RealDaemon(cfg, lambda c: engine, config=load_config(cfg))
    d.engine = engine
    calls: list[str] = []
    again = threading.Event()
    stop = threading.Event()

    class Source:
        name = "a"

        def wait_for_change(self, timeout: float) -> bool:
            calls.append("idle")
            if len(calls) == 1:
                raise ConnectionRefusedError("the server is down")
            again.set()
            stop.wait(timeout)
            return False

    t = threading.Thread(target=d._push_loop, args=(Source(), stop), daemon=True)
    t.start()
    try:
        deadline = time.monotonic() + DEADLINE
        while "a" not in d._push_failing and time.monotonic() < deadline:
            again.wait(0.01)
        assert "a" in d._push_failing, "the push source never failed"
        d.run_pass({"poll:a"})  # the server is still down: this pass failed on the account
        d.run_pass({"poll:b"})  # another account's pass says nothing of this one
        assert not again.wait(0.3) and calls == ["idle"]
        engine.failing = False
        d.run_pass({"poll:a"})
        assert again.wait(DEADLINE), "the push thread still waited after a pass reached the account"
        assert calls == ["idle", "idle"]
    finally:
        stop.set()  # the loop's own stop (a reload gives each generation of threads one)
        d._stop_push()
        t.join(DEADLINE)
    assert not t.is_alive()


def test_push_failures_say_why_once_and_when_push_works_again(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """(review19b: a warning every 3-50 s through an outage, naming only 'TransientError', and
    nothing when IDLE worked again)"""
    import logging
    import threading

    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon
    from watcher.errors import TransientError

    cfg = _two_accounts(tmp_path)
    d = RealDaemon(cfg, lambda c: None, config=load_config(cfg))  # type: ignore[arg-type,return-value]
    outcomes = iter([False, False, False, True])
    stop = threading.Event()

    class Source:
        name = "a"

        def wait_for_change(self, timeout: float) -> bool:
            if next(outcomes, True):
                stop.set()
                return False
            raise TransientError("cannot connect to 127.0.0.1:1143: Connection refused")

    class Kick(threading.Event):
        def wait(self, timeout: float | None = None) -> bool:
            return False

    d._push_kicks["a"] = Kick()
    caplog.set_level(logging.INFO, logger="watcher.daemon")
    d._push_loop(Source(), stop, random=lambda: 0.0)  # type: ignore[arg-type]
    said = [(r.levelname, r.getMessage()) for r in caplog.records if "push on a" in r.getMessage()]
    assert [lvl for lvl, _ in said] == ["WARNING", "INFO", "INFO", "INFO"]
    assert "Connection refused" in said[0][1]
    assert said[-1][1] == "push on a works again (after 3 failed attempts)"


def test_a_new_system_zone_is_followed_when_the_config_leaves_the_zone_to_it(
    setup: tuple[Path, Path, datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`timezone = ""` is the system's zone: a laptop carried from New York to London (the
    desktop sets the zone) kept reading quiet hours and business days in New York's until a
    restart. Within a heartbeat the daemon re-reads the config in the new zone, which
    re-plans every process; a config naming its zone is left alone."""
    config, box, now = setup
    _config(config, box, _quiet_around_now(now))
    config.write_text(config.read_text().replace('timezone = "UTC"', 'timezone = ""'))
    monkeypatch.setenv("TZ", "America/New_York")
    engine = _Engine()
    d = _Recorder.make(config, engine)
    assert d.config.schedule.timezone == "America/New_York"

    def zones() -> list[str]:  # the configs the engine was given: at the start, at reloads
        return [c.schedule.timezone for c in engine.configs]  # type: ignore[attr-defined]

    def step() -> bool:
        if d.passes and os.environ["TZ"] != "Europe/London":
            monkeypatch.setenv("TZ", "Europe/London")  # landed
        return "Europe/London" in zones() and any("reload" in r for r in d.reasons)

    _run_here(d, step, timeout=DEADLINE)
    assert "Europe/London" in zones(), f"the new system zone was not followed: {zones()}"
    assert d.config.schedule.timezone == "Europe/London"
    assert any("reload" in r for r in d.reasons), d.reasons  # the pass that re-plans

    # A config that names its zone keeps it, whatever the system's
    config.write_text(config.read_text().replace('timezone = ""', 'timezone = "Asia/Tokyo"'))
    monkeypatch.setenv("TZ", "America/New_York")
    d2 = _Recorder.make(config, engine)
    engine.configs.clear()

    def beats() -> bool:
        if d2.beats and os.environ["TZ"] != "Europe/London":
            monkeypatch.setenv("TZ", "Europe/London")
            d2.beats.clear()
        return len(d2.beats) >= 2 and os.environ["TZ"] == "Europe/London"

    _run_here(d2, beats, timeout=DEADLINE)
    assert zones() == ["Asia/Tokyo"]  # the start's, no reload
    assert d2.config.schedule.timezone == "Asia/Tokyo"
    assert not any("reload" in r for r in d2.reasons), d2.reasons


def test_a_pass_that_fails_on_a_bug_still_arms_the_next_due_moment(
    setup: tuple[Path, Path, datetime]
) -> None:
    """A pass that raised (a bug met on some mail) returned before it set the due job: the
    draft due in ten minutes waited for the next poll (an hour here), and one due now was
    not retried before it either."""
    from watcher.config import load_config
    from watcher.daemon import Daemon as RealDaemon

    config, _box, now = setup

    class Failing(_Due):
        def run_pass(self, now: datetime, accounts: Any = None) -> str:
            raise RuntimeError("a bug")

    engine = Failing()
    d = RealDaemon(config, lambda c: engine, config=load_config(config), clock=lambda: now)
    d.engine = engine
    d._start_scheduler()
    try:
        engine.due = now + timedelta(minutes=10)
        d.run_pass({"poll"})
        job = d.scheduler.get_job("due")
        assert job is not None and job.next_run_time == now + timedelta(minutes=10)
        engine.due = now  # still due after the failed pass: retried calmly
        d.run_pass({"due"})
        job = d.scheduler.get_job("due")
        assert job is not None and job.next_run_time >= now + timedelta(seconds=60)
    finally:
        d.scheduler.shutdown(wait=False)
