"""live.py and the pipeline over a real Dovecot: a UIDVALIDITY rescan makes no second event,
a watcher/track keyword set later in a mail client starts a process, a refused login is not
tried again at every pass nor by the push thread, and push touches no server after TERM."""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.dovecot import DovecotServer, make_message
from tests.gmail_fake import GmailFake, write_client_secrets
from watcher.backends import retry
from watcher.backends.imap import ImapBackend
from watcher.config import load_config
from watcher.errors import AuthError
from watcher.live import AUTH_HOLD, ImapPush, LiveEngine, LoginGate, summary_line
from watcher.secrets import Secret, store_gmail_refresh_token

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


def imap_config(tmp_path: Path, server: DovecotServer, password_command: str) -> Path:
    """A config with one IMAP account, "work", on `server`."""
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {server.port}\nsecurity = \"none\"\nusername = \"{server.user}\"\n"
        f"password_command = \"{password_command}\"\n")
    return cfg


def engine(tmp_path: Path, server: DovecotServer) -> LiveEngine:
    return LiveEngine(load_config(imap_config(tmp_path, server, f"printf {server.password}")))


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


# -- refused logins, push after TERM ---------------------------------------------------------


def counting_engine(tmp_path: Path, server: DovecotServer, clock: list[float],
                    password: str) -> tuple[LiveEngine, Path, Path]:
    """An engine whose password_command records each run: the backend reads the password
    again before every login after a refused one, so the count is the number of logins."""
    pw, count = tmp_path / "pw", tmp_path / "logins"
    pw.write_text(password)
    count.write_text("")
    cfg = imap_config(tmp_path, server, f"sh -c 'echo x >> {count}; cat {pw}'")
    live = LiveEngine(load_config(cfg), clock=lambda: clock[0])
    # an account synced before (a first sync would start worker processes at every pass)
    with live.engine.store.transaction():
        live.engine.store.set_cursor("work", '{"v":1,"folders":{}}')
    return live, pw, count


def logins(count: Path) -> int:
    return len(count.read_text().split())


def test_a_refused_login_is_not_tried_at_every_pass(tmp_path: Path,
                                                     dovecot: DovecotServer) -> None:
    """A wrong password cost a login at every pass (two with a draft due, and the daemon
    passes each minute while one is), plus the push thread's, until providers lock the
    account or fail2ban bans the address (5 failures in 10 minutes by default)."""
    clock = [1_000_000.0]
    live, pw, count = counting_engine(tmp_path, dovecot, clock, "wrong")
    try:
        first = live.run_pass(NOW)
        assert first.failed_accounts == ["work"] and logins(count) == 1
        (push,) = live.push_sources()
        assert push.wait_for_change(0) is False  # held: no login from the push thread
        for _ in range(4):  # a pass a minute, as for a draft that stays due
            clock[0] += 60
            again = live.run_pass(NOW)
            assert again.failed_accounts == ["work"]
            assert any("refused" in e and "not tried again" in e for e in again.errors)
        assert logins(count) == 1
        clock[0] = 1_000_000.0 + AUTH_HOLD  # the hold is over: one more try ...
        assert live.run_pass(NOW).failed_accounts == ["work"] and logins(count) == 2
        clock[0] += 2 * AUTH_HOLD - 1  # ... refused again: held twice as long
        live.run_pass(NOW)
        assert logins(count) == 2
        pw.write_text(dovecot.password)  # fixed by the user, who reloads the config (HUP)
        live.set_config(live.config)
        assert live.run_pass(NOW).failed_accounts == [] and logins(count) == 3
        assert push.wait_for_change(0) is False  # the push thread logs in again too
        assert logins(count) == 4  # (on connections of its own)
    finally:
        live.close()


def test_a_held_account_logs_its_refusal_once_not_at_every_pass(
        tmp_path: Path, dovecot: DovecotServer, caplog: pytest.LogCaptureFixture) -> None:
    """The refusal is one ERROR (its own advice, once) and the hold one WARNING; the passes
    it holds add no line above debug (the soak logged 12 ERRORs a minute at a 5 s poll)."""
    clock = [1_000_000.0]
    live, _pw, _count = counting_engine(tmp_path, dovecot, clock, "wrong")
    caplog.set_level(logging.INFO)
    try:
        live.run_pass(NOW)
        for _ in range(4):
            clock[0] += 60
            assert live.run_pass(NOW).failed_accounts == ["work"]
    finally:
        live.close()
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.levelname for r in loud] == ["WARNING", "ERROR"], [r.getMessage() for r in loud]
    refusal = loud[1].getMessage()
    assert refusal.startswith("work: the server refused the login for ")
    # its own advice, once: with password_command set, to check what it prints (review23b)
    assert refusal.count("password_command") == 1 and "not tried again" not in refusal
    assert "login refused; not tried again for 300 s" in loud[0].getMessage()


def test_a_refusal_met_by_the_push_thread_holds_the_passes_too(tmp_path: Path,
                                                                dovecot: DovecotServer) -> None:
    clock = [1_000_000.0]
    live, _pw, count = counting_engine(tmp_path, dovecot, clock, "wrong")
    try:
        (push,) = live.push_sources()
        with pytest.raises(AuthError):  # the daemon logs it once
            push.wait_for_change(0)
        assert logins(count) == 1
        assert live.run_pass(NOW).failed_accounts == ["work"]
        assert logins(count) == 1
    finally:
        live.close()


def test_a_wall_clock_set_back_ends_a_hold(tmp_path: Path, dovecot: DovecotServer) -> None:
    """Holds run on the wall clock, so a laptop asleep through one tries again on waking; a
    clock set back (an NTP step) must not stretch a hold by the size of the step."""
    clock = [1_000_000.0]
    live, pw, count = counting_engine(tmp_path, dovecot, clock, "wrong")
    try:
        live.run_pass(NOW)
        pw.write_text(dovecot.password)
        clock[0] -= 3600
        assert live.run_pass(NOW).failed_accounts == [] and logins(count) == 2
    finally:
        live.close()


def test_after_term_the_push_source_waits_instead_of_polling(dovecot: DovecotServer) -> None:
    """Without IDLE the backend polls STATUS after its stop-aware sleep, which returns at once
    once TERM set `stopping`: the push thread then sent about 2,000 STATUS a second while the
    last pass finished. Now it waits (until closed) and sends nothing."""
    waits: list[float] = []
    b = ImapBackend("work", "127.0.0.1", dovecot.port, "none", dovecot.user,
                    Secret(dovecot.password), idle=False)
    push = ImapPush("work", b, wait=waits.append)
    try:
        push.wait_for_change(0)  # connected, STATUS noted (a first one reads as a change)
        dovecot.stop()  # a STATUS now would fail: the calls below must not send one
        retry.stopping.set()
        assert push.wait_for_change(60.0) is False
        assert push.wait_for_change(60.0) is False
        assert waits == [60.0, 60.0]
    finally:
        retry.stopping.clear()
        push.close()


def test_an_account_whose_path_is_not_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    """A Maildir account pointed at a file (an mbox, say) raised NotADirectoryError out of
    LiveEngine: `scan` failed, and `run` did not start, for every account. (The config
    refuses a file there; this one became a file after the config was read.)"""
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Mail" / sub).mkdir(parents=True)
    (tmp_path / "Mail" / "new" / "1.eml").write_bytes(CONFIRMATION)
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        f"[[accounts]]\nname = \"old\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'box.mbox'}\"\n\n"
        f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'Mail'}\"\n")
    config = load_config(cfg)
    (tmp_path / "box.mbox").write_bytes(b"From x\n")
    live = LiveEngine(config)
    try:
        summary = live.run_pass(NOW)
        assert summary.failed_accounts == ["old"]
        assert any(e.startswith("old: ") and "not a folder" in e for e in summary.errors), summary.errors
        assert summary.messages_read == 1 and len(summary.processes_changed) == 1
    finally:
        live.close()


def test_an_idle_that_outlives_a_password_change_does_not_end_the_hold(
        tmp_path: Path, dovecot: DovecotServer) -> None:
    """The push thread's IDLE, logged in while the password still worked, ends normally after
    the pass met a refusal: that is no sign the password works, and the next pass must still
    not log in."""
    clock = [1_000_000.0]
    live, pw, count = counting_engine(tmp_path, dovecot, clock, dovecot.password)
    try:
        (push,) = live.push_sources()
        assert push.wait_for_change(0) is False  # IDLE set up on the push's own connections
        woke: list[bool] = []
        waiter = threading.Thread(target=lambda: woke.append(push.wait_for_change(30)))
        waiter.start()
        pw.write_text("changed")  # the pass logs in with it: refused
        assert live.run_pass(NOW).failed_accounts == ["work"] and logins(count) == 2
        dovecot.append("INBOX", [make_message(1)])  # ends the IDLE call begun before
        waiter.join(timeout=30)  # a guard only: IDLE wakes within a second
        assert woke == [True]
        clock[0] += 60
        again = live.run_pass(NOW)
        assert any("not tried again" in e for e in again.errors) and logins(count) == 2
    finally:
        live.close()



def test_an_idle_on_an_old_connection_does_not_reset_the_doubling(
        tmp_path: Path, dovecot: DovecotServer) -> None:
    """The push thread's IDLE connections, logged in while the password still worked, went on
    working after each hold: a call on them, which logs in to nothing, reset the count of
    refusals, so the wrong password was tried every AUTH_HOLD seconds for good instead of
    backing off to AUTH_HOLD_MAX."""
    clock = [1_000_000.0]
    live, pw, count = counting_engine(tmp_path, dovecot, clock, dovecot.password)
    try:
        (push,) = live.push_sources()
        assert push.wait_for_change(0) is False  # IDLE set up on the push's own connections
        pw.write_text("changed")
        for _ in range(36):  # the push thread and a pass each minute, for 35 minutes
            with contextlib.suppress(AuthError):
                push.wait_for_change(0)
            assert live.run_pass(NOW).failed_accounts == ["work"]
            clock[0] += 60
        # refused at 0, then held 5, 10 and 20 min: tried again at 5, 15 and 35 min only
        assert logins(count) == 1 + 4
    finally:
        live.close()


def test_a_password_fixed_after_a_refusal_is_used_by_the_push_thread_too(
        tmp_path: Path, dovecot: DovecotServer) -> None:
    """The password changed on the server: the pass was refused, the user ran `watcher auth`
    and reloaded, and the pass worked. The push thread's backend still held the old password
    it had read at start: at its next login (its IDLE connections dropped) it was refused,
    and the account was held again right after the user fixed it."""
    clock = [1_000_000.0]
    live, pw, _count = counting_engine(tmp_path, dovecot, clock, dovecot.password)
    try:
        (push,) = live.push_sources()
        assert push.wait_for_change(0) is False  # both log in with the password of then
        assert live.run_pass(NOW).failed_accounts == []
        (dovecot.base / "passwd").write_text(f"{dovecot.user}:{{PLAIN}}new-one\n")
        dovecot.restart()  # every connection dropped (as a server restart or a laptop's sleep)
        assert live.run_pass(NOW).failed_accounts == ["work"]  # refused: held
        pw.write_text("new-one")  # `watcher auth imap`, then a reload
        live.set_config(live.config)
        assert live.run_pass(NOW).failed_accounts == []
        push.backend.close()  # its IDLE connections found dropped (by the restart above)
        assert push.wait_for_change(0) is False  # logs in again: with the new password
        clock[0] += 60
        assert live.run_pass(NOW).failed_accounts == []
    finally:
        live.close()


def gmail_config(tmp_path: Path, gmail_fake: GmailFake) -> Path:
    """A config with one Gmail account "g" on the fake, signed in (refresh token "refresh-1")."""
    client = write_client_secrets(gmail_fake, tmp_path / "client.json")
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"me@example.com\"]\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        "[[accounts]]\nname = \"g\"\nbackend = \"gmail\"\n"
        f"api_endpoint = \"{gmail_fake.api_endpoint}\"\nbatch_uri = \"{gmail_fake.batch_uri}\"\n"
        f"client_secrets = \"{client}\"\n")
    store_gmail_refresh_token("g", "refresh-1")
    return cfg


def test_a_gmail_grant_renewed_after_a_revocation_is_used_after_a_reload(
        tmp_path: Path, gmail_fake: GmailFake, memory_keyring: object) -> None:
    """A revoked grant (every 7 days for an OAuth app left in "Testing"): the user ran
    `watcher auth gmail` and reloaded, but the backend had kept the old credentials, so the
    account failed (held up to an hour at a time) until the service was restarted."""
    live = LiveEngine(load_config(gmail_config(tmp_path, gmail_fake)), clock=lambda: 1_000_000.0)
    try:
        assert live.run_pass(NOW).failed_accounts == []
        gmail_fake.revoke_refresh_token("refresh-1")
        for token in list(gmail_fake.issued_tokens):
            gmail_fake.revoke_access_token(token)
        assert live.run_pass(NOW).failed_accounts == ["g"]
        store_gmail_refresh_token("g", "refresh-2")  # `watcher auth gmail`, then a reload
        live.set_config(live.config)
        summary = live.run_pass(NOW)
        assert summary.failed_accounts == [], summary.errors
    finally:
        live.close()


def test_a_config_reload_asks_gmail_again_after_a_used_up_daily_quota(
        tmp_path: Path, gmail_fake: GmailFake, memory_keyring: object) -> None:
    """review20b F7: one 403 dailyLimitExceeded held the account until midnight Pacific, and a
    reload (after raising the quota in the Cloud console) kept the hold until a restart."""
    live = LiveEngine(load_config(gmail_config(tmp_path, gmail_fake)))
    try:
        gmail_fake.inject_fault(None, r"/messages", status=403, reason="dailyLimitExceeded", times=None)
        assert live.run_pass(NOW).failed_accounts == ["g"]
        again = live.run_pass(NOW)
        assert again.failed_accounts == ["g"] and "asked to wait" not in again.errors[0]
        gmail_fake.clear_faults()
        live.set_config(live.config)
        summary = live.run_pass(NOW)
        assert summary.failed_accounts == [], summary.errors
    finally:
        live.close()


def test_a_secret_that_cannot_be_read_here_is_not_called_a_refusal(
        caplog: pytest.LogCaptureFixture) -> None:
    """(review19b: a failing password_command was logged "login refused", and the server was
    never contacted)"""
    gate = LoginGate("work", lambda: 0.0)
    caplog.set_level(logging.WARNING)
    gate.refused(AuthError("password_command exited with status 1", "work"))
    gate.refused(AuthError("wrong password", "work", by_server=True))
    said = [r.getMessage() for r in caplog.records]
    assert said == ["work: the password or token could not be read here; not tried again for 300 s",
                    "work: login refused; not tried again for 300 s"]


def test_a_secret_that_cannot_be_read_here_is_held_without_doubling() -> None:
    """A keyring locked at boot or a pinentry nobody answered is not a server refusal: held
    a fixed AUTH_HOLD (no unlock dialog at every pass), never doubled up to an hour (the
    user who unlocks it at login would wait that long); a server's refusal doubles."""
    clock = [0.0]
    gate = LoginGate("work", lambda: clock[0])
    for _ in range(3):
        gate.refused(AuthError("keyring is locked", "work"))
        assert gate.held() == AUTH_HOLD
        clock[0] += AUTH_HOLD
    holds = []
    for _ in range(3):
        gate.refused(AuthError("login refused", "work", by_server=True))
        holds.append(gate.held())
        clock[0] += holds[-1]
    assert holds == [AUTH_HOLD, 2 * AUTH_HOLD, 4 * AUTH_HOLD]


def test_a_draft_owed_but_not_made_is_due_now_for_the_daemon(tmp_path: Path) -> None:
    """A pass that recorded a draft's intent and then lost its place to write it (a server
    gone mid-pass; here a Drafts that is a file) left nothing due: the daemon waited for the
    next poll (5 minutes, or an hour) instead of trying again a minute later."""
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Mail" / sub).mkdir(parents=True)
    (tmp_path / "Mail" / ".Drafts").write_bytes(b"not a folder")
    (tmp_path / "Mail" / "new" / "1.eml").write_bytes(CONFIRMATION)
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        "[schedule]\ntimezone = \"UTC\"\n\n"
        f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
        f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'Mail'}\"\n")
    live = LiveEngine(load_config(cfg))
    try:
        done = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)  # the thank-you is due
        summary = live.run_pass(done)
        assert summary.drafts == [] and summary.errors
        assert live.next_due(done) == done
        # nothing else is planned: the process waits for its owed thank-you (rule 1)
        assert live.next_due_after(done) is None
    finally:
        live.close()


def test_a_config_elsewhere_starts_its_own_state_and_names_the_shared_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """review20c #1: config files outside the config folder once shared `<name>.db`; one that
    now starts a state file of its own says where that shared file is, once."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))
    shared = tmp_path / "xdg-state" / "watcher" / "watcher.db"
    shared.parent.mkdir(parents=True)
    shared.write_bytes(b"")
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "Mail" / sub).mkdir(parents=True)
    cfg = tmp_path / "jobs" / "config.toml"
    cfg.parent.mkdir()
    cfg.write_text(f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{tmp_path / 'Mail'}\"\n")
    for expected in (1, 0):
        caplog.clear()
        live = LiveEngine(load_config(cfg))
        try:
            live.run_pass(NOW)
        finally:
            live.close()
        hints = [r for r in caplog.records if "starting a new state file" in r.getMessage()]
        assert len(hints) == expected
    assert hints == [] and load_config(cfg).state_path.exists() and shared.read_bytes() == b""


def test_a_one_shot_scan_does_not_promise_a_hold_it_will_not_keep(
        tmp_path: Path, dovecot: DovecotServer) -> None:
    """review20c #4: a refused login in `watcher scan` logged "not tried again for 300 s",
    untrue for a one-shot run (the next scan tries at once; the hold is the daemon's). It
    says the login is not tried again in this scan; the daemon's words are unchanged."""
    import subprocess
    import sys

    cfg = imap_config(tmp_path, dovecot, "printf wrong")
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                          "--now", NOW.isoformat()], capture_output=True, text=True, timeout=120)
    assert res.returncode == 1
    assert "work: login refused; not tried again in this scan" in res.stderr, res.stderr
    assert "for 300 s" not in res.stderr and "config reload" not in res.stderr
    gate = LoginGate("work", lambda: 0.0, one_shot=True)
    gate.refused(AuthError("password_command exited with status 1", "work"))
    with pytest.raises(AuthError, match=r"\(login not tried again in this scan\)"):
        gate.check()


def test_the_state_lock_holds_for_a_state_file_reached_through_a_symlink(tmp_path: Path) -> None:
    """review22a F4: the lock was the state path's text plus `.lock`, so a config naming the
    state file through a symlink (a dotfiles repo, a synced folder) locked another file: two
    watchers ran passes on one state at once, and both made the same due draft."""
    from watcher.errors import UsageError
    from watcher.live import StateLock

    real = tmp_path / "data" / "state.db"
    real.parent.mkdir()
    real.touch()
    link = tmp_path / "state.db"
    link.symlink_to(real)
    held = StateLock(real)
    try:
        with pytest.raises(UsageError, match="another watcher"):
            StateLock(link).release()
    finally:
        held.release()


def test_a_scan_refused_by_a_running_scan_is_not_told_to_signal_it(tmp_path: Path) -> None:
    """review22a F5: two `watcher scan` at once: the second was told to send USR1 to the first
    ('it syncs on its own; ... kill -USR1 PID'), which only the daemon handles: a scan dies of
    it, mid-pass. Caught between the first's lock and its pid, it even said 'kill -USR1 ?'."""
    import fcntl

    from watcher.errors import UsageError
    from watcher.live import StateLock

    state = tmp_path / "state.db"
    held = StateLock(state, what="scan")
    try:
        with pytest.raises(UsageError) as info:
            StateLock(state).release()
        said = str(info.value)
        assert "watcher scan" in said and "USR1" not in said, said
    finally:
        held.release()
    daemon = StateLock(state)  # `watcher run`: USR1 is its "pass now"
    try:
        with pytest.raises(UsageError, match=r"kill -USR1 \d+"):
            StateLock(state, what="scan").release()
    finally:
        daemon.release()
    with open(str(state) + ".lock", "w") as starting:  # locked, its pid not written yet
        fcntl.flock(starting, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(UsageError) as info:
            StateLock(state, what="scan").release()
        assert "?" not in str(info.value) and "another watcher" in str(info.value)


def test_the_state_lock_file_is_the_users_only_and_never_followed_through_a_symlink(
        tmp_path: Path) -> None:
    """review23c: the lock file was opened with the umask's mode (0644 beside a 0600
    database) and through a symlink: one planted at `state.db.lock` in a shared folder had
    the watcher truncate the file it points to and write its pid there."""
    import os
    import stat

    from watcher.errors import StoreError
    from watcher.live import StateLock

    old = os.umask(0o022)
    try:
        StateLock(tmp_path / "state.db").release()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "state.db.lock").stat().st_mode) == 0o600
    (tmp_path / "state.db.lock").chmod(0o644)  # as an older watcher left it: tightened
    StateLock(tmp_path / "state.db").release()
    assert stat.S_IMODE((tmp_path / "state.db.lock").stat().st_mode) == 0o600
    victim = tmp_path / "victim"
    victim.write_text("precious")
    (tmp_path / "other.db.lock").symlink_to(victim)
    with pytest.raises(StoreError, match="cannot lock"):
        StateLock(tmp_path / "other.db")
    assert victim.read_text() == "precious"


def test_a_pass_that_makes_several_drafts_notifies_once(tmp_path: Path) -> None:
    """A panel's four thank-yous, or the drafts held by quiet hours until the morning, were
    one notification each: a burst of them at once."""
    import dataclasses
    import sys
    from types import SimpleNamespace

    from watcher.config import Config, NotifyConfig
    from watcher.live import _notify
    from watcher.models import StepKind

    out = tmp_path / "notified"
    script = tmp_path / "notifier.py"
    script.write_text(f"import sys\nopen({str(out)!r}, 'a').write(sys.argv[1] + ' | ' + "
                      "sys.argv[2] + '\\n')\n")
    config = dataclasses.replace(Config(), notify=NotifyConfig(
        enabled=True, command=f"{sys.executable} {script}"))

    def made(kind: StepKind, process: str) -> SimpleNamespace:
        return SimpleNamespace(draft=SimpleNamespace(kind=kind, process=process))

    panel = [made(StepKind.THANK_YOU, f"acme-engineer-{i}") for i in range(7)]
    _notify(config, SimpleNamespace(drafts=panel[:1]))
    _notify(config, SimpleNamespace(drafts=panel))
    assert out.read_text().splitlines() == [
        "watcher: a draft is ready | thank-you for acme-engineer-0",
        "watcher: 7 drafts are ready | " + "; ".join(
            f"thank-you for acme-engineer-{i}" for i in range(5)) + "; and 2 more"]


def test_the_summary_says_how_many_new_messages_were_passed_over(tmp_path: Path) -> None:
    """review23l F1: a first scan's bar ran 'read local 6000/6000' and the summary then said
    '0 messages read': the messages with nothing of a job search in them went unmentioned."""
    from tests.enginekit import ALEX, JANE_H, at, confirmation_mail, raw_mail
    from tests.enginekit import config as kit_config
    from watcher.backends.memory import MemoryBackend
    from watcher.pipeline import Engine, tick
    from watcher.store import Store

    b = MemoryBackend("main")
    b.deliver(confirmation_mail()[0])
    for i in range(3):
        b.deliver(raw_mail(JANE_H, ALEX, f"Lunch {i}", "2026-11-20 10:00", "See you at noon?")[0])
    e = Engine(kit_config(), Store(tmp_path / "w.db"), {"main": b})
    summary = tick(at("2026-11-25 11:00"), e)
    assert summary.messages_seen == 4 and summary.messages_read == 1
    assert summary_line(summary) == ("1 messages read, 1 processes changed, 0 drafts created, "
                                     "3 other messages passed over")
    assert "passed over" not in summary_line(tick(at("2026-11-25 12:00"), e))  # nothing new
