"""Secrets: masked Secret, password_command, the keyring (in-memory backend), `watcher auth`."""

from __future__ import annotations

import io
import logging
import os
import select
import subprocess
import sys
import traceback
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.core
import keyring.errors
import pytest
from keyrings.alt.file import PlaintextKeyring

import watcher.secrets
from tests.dovecot import DovecotServer
from tests.keyrings import MemoryKeyring
from watcher.backends.retry import Backoff, FailureTracker
from watcher.cli import main
from watcher.errors import AuthError, TransientError
from watcher.secrets import (
    Secret,
    command_argv,
    delete_imap_password,
    get_imap_password,
    keyring_status,
    store_imap_password,
)


class NoKeyring(keyring.backend.KeyringBackend):
    """Behaves like a headless machine: every call raises NoKeyringError."""

    priority = 0

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


def test_secret_is_masked_everywhere() -> None:
    s = Secret("hunter2")
    assert s.reveal() == "hunter2"
    assert "hunter2" not in repr(s) and "hunter2" not in str(s)
    assert "hunter2" not in f"{s} {s!r} {[s]} {({'p': s})}"
    assert Secret("a") == Secret("a") and Secret("a") != Secret("b")
    assert not Secret("")


def test_password_command_first_line(tmp_path: Path) -> None:
    f = tmp_path / "pw"
    f.write_text("p@ss word\r\nignored\n")
    assert get_imap_password("acct", "u", f"cat {f}").reveal() == "p@ss word"


def test_password_command_shell_only_when_needed(tmp_path: Path) -> None:
    assert command_argv("pass show mail/alex") == ["pass", "show", "mail/alex"]
    assert command_argv("gpg -qd ~/.pw.gpg")[:2] == ["/bin/sh", "-c"]  # ~ needs a shell
    assert command_argv("echo a | tr a b")[:2] == ["/bin/sh", "-c"]
    assert get_imap_password("acct", "u", "echo secret | tr s S").reveal() == "Secret"


def test_password_command_failure_names_account_not_output(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AuthError, match=r"account work.*exit status 3") as info:
        get_imap_password("work", "u", "echo topsecret; echo topsecret >&2; exit 3")
    assert "topsecret" not in str(info.value) and "topsecret" not in caplog.text
    assert info.value.account == "work"
    with pytest.raises(AuthError, match="not found"):
        get_imap_password("work", "u", "/nonexistent/pw-helper")
    with pytest.raises(AuthError, match="no password"):
        get_imap_password("work", "u", "true")


def everything_said(exc: BaseException) -> str:
    """What a --debug trace would print of the error and of every exception chained to it."""
    said: list[str] = []
    seen: BaseException | None = exc
    while seen is not None:
        said.extend(traceback.format_exception_only(seen))
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    return "".join(said)


def test_a_failing_password_command_says_why_from_its_stderr() -> None:
    """pass and gpg say why on stderr; the exit status alone left the user guessing."""
    with pytest.raises(AuthError, match=r"exit status 1: Error: mail/alex is not in the "
                                        r"password store\.$"):
        get_imap_password("work", "u",
                          "echo 'Error: mail/alex is not in the password store.' >&2; exit 1")
    # `pass show x | head -n 1` exits with head's status 0: the reason is on stderr still
    with pytest.raises(AuthError, match=r"printed no password: gpg: decryption failed: No "
                                        r"secret key$"):
        get_imap_password("work", "u", "echo 'gpg: decryption failed: No secret key' >&2 | cat")


def test_a_password_command_not_found_never_quotes_its_words() -> None:
    """A password typed into password_command by mistake is the 'program' not found."""
    for command in ("hunter2-typed-here", "hunter2!typed"):  # run directly; by /bin/sh
        with pytest.raises(AuthError, match="program was not found in PATH=") as info:
            get_imap_password("work", "u", command)
        assert "hunter2" not in everything_said(info.value)


def test_the_shells_own_messages_never_reach_the_error() -> None:
    """A password typed into password_command by mistake runs under /bin/sh when it has a
    shell character: dash's "Hunter2!: not found" for a trailing '&' (the word ran in the
    background, exit 0), and bash's echo of the whole line on a syntax error (bash is /bin/sh
    on macOS and Fedora), quoted it in an error logged at every pass."""
    with pytest.raises(AuthError, match="printed no password") as info:
        get_imap_password("work", "u", "Hunter2-typed-here!&")
    assert "Hunter2" not in everything_said(info.value)
    # the command's own programs still say why
    with pytest.raises(AuthError, match=r"status 2: gpg: no secret key$"):
        get_imap_password("work", "u", "echo 'gpg: no secret key' >&2; exit 2")


def test_a_hung_password_command_is_killed_with_all_it_started(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killing `sh` (or `pass`) alone left its child (gpg on a pinentry) running, one per pass."""
    monkeypatch.setattr(watcher.secrets, "COMMAND_TIMEOUT", 0.5)
    # the service's case, wherever the tests run: no terminal anyone could answer on
    monkeypatch.setattr(watcher.secrets, "_prompt_terminal", lambda: False)
    pidfile = tmp_path / "child.pid"
    with pytest.raises(AuthError, match=r"did not finish within 0\.5s") as info:
        get_imap_password("work", "u", f"echo hunter2; sleep 60 & echo $! > {pidfile}; wait")
    # the timeout's own text quoted the command line and what it had printed so far
    assert "hunter2" not in everything_said(info.value)
    try:
        pidfd = os.pidfd_open(int(pidfile.read_text()))
    except ProcessLookupError:
        return  # killed and already reaped
    try:
        # readable once the process has exited: no sleeping, and no waiting at all when killed
        assert select.select([pidfd], [], [], 10)[0], "the command's child is still running"
    finally:
        os.close(pidfd)


_ON_A_TERMINAL = """
import fcntl, sys, termios
from watcher.secrets import run_password_command
if sys.argv[1] == "tty":  # make the pty this session's controlling terminal, as a login does
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
print("GOT", run_password_command("work", sys.argv[2]).reveal(), flush=True)
"""


def _on_a_pty(command: str, typed: bytes) -> str:
    """What a `watcher` on a terminal (its own session, the pty its controlling terminal)
    makes of `command`, with `typed` typed at the keyboard."""
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-c", _ON_A_TERMINAL, "tty", command],
                                stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                                cwd=Path(__file__).resolve().parents[1])
    finally:
        os.close(slave)
    os.write(master, typed)  # waits in the terminal's input until something reads it
    out = b""
    try:
        while select.select([master], [], [], 60)[0]:
            chunk = os.read(master, 4096)
            if not chunk:
                break
            out += chunk
    except OSError:  # EIO: every process holding the terminal has exited
        pass
    finally:
        os.close(master)
        proc.wait(timeout=60)
    return out.decode(errors="replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals")
def test_a_password_command_can_still_prompt_on_the_terminal() -> None:
    """`watcher auth imap` or `scan` at a terminal: a password_command that asks on /dev/tty
    (age for a passphrase, gpg with --pinentry-mode loopback) worked until it was run in a
    session of its own, which has no terminal ("cannot open /dev/tty")."""
    out = _on_a_pty('read pw </dev/tty && echo "$pw"', b"hunter2\n")
    assert "GOT hunter2" in out, out
    # without a terminal (the service) it still gets a session of its own, so that a timeout
    # kills all it started (next test), and /dev/tty fails at once rather than waiting
    res = subprocess.run([sys.executable, "-c", _ON_A_TERMINAL, "none", "exec 3</dev/tty"],
                         capture_output=True, text=True, stdin=subprocess.DEVNULL,
                         start_new_session=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[1])
    assert res.returncode == 1 and "password_command failed" in res.stderr, res.stderr


def test_a_keyring_backend_that_cannot_load_says_which(monkeypatch: pytest.MonkeyPatch) -> None:
    """Following the advice to use keyrings.alt without installing it was an internal error."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)  # keyring loads it again
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.nosuch.PlaintextKeyring")
    problem = ("PYTHON_KEYRING_BACKEND=keyrings.nosuch.PlaintextKeyring cannot be loaded "
               "(No module named 'keyrings.nosuch')")
    with pytest.raises(AuthError) as info:
        get_imap_password("personal", "u", None)
    assert problem in str(info.value) and "keyrings.alt package" in str(info.value)
    with pytest.raises(AuthError, match="cannot be loaded"):
        store_imap_password("personal", "x")
    assert keyring_status() == (False, "none", problem)


def test_a_corrupt_keyring_file_is_an_auth_error_that_never_quotes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A backend's own error (here configparser's) escaped, its text quoting the file's lines."""
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring_pass.cfg")
    Path(backend.file_path).write_text("hunter2 pasted in by hand\n")
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    with pytest.raises(AuthError, match=r"refused to answer \(MissingSectionHeaderError\)") as info:
        get_imap_password("personal", "u", None)
    assert "hunter2" not in everything_said(info.value)
    assert keyring_status()[0] is False


def test_keyring_round_trip(memory_keyring: MemoryKeyring) -> None:
    with pytest.raises(AuthError, match="watcher auth imap --account personal"):
        get_imap_password("personal", "alex@example.com", None)
    store_imap_password("personal", Secret("s3cret"))
    assert memory_keyring.store == {("watcher", "imap:personal"): "s3cret"}
    assert get_imap_password("personal", "alex@example.com", None) == Secret("s3cret")
    assert delete_imap_password("personal") is True
    assert delete_imap_password("personal") is False


def test_password_command_wins_over_keyring(memory_keyring: MemoryKeyring) -> None:
    store_imap_password("personal", "from-keyring")
    assert get_imap_password("personal", "u", "echo from-command").reveal() == "from-command"


def test_no_keyring_says_how_to_fix(no_keyring: None) -> None:
    with pytest.raises(AuthError) as info:
        get_imap_password("personal", "u", None)
    msg = str(info.value)
    assert "Secret Service" in msg and "PlaintextKeyring" in msg and "password_command" in msg
    with pytest.raises(AuthError, match="PYTHON_KEYRING_BACKEND"):
        store_imap_password("personal", "x")


# -- retry -------------------------------------------------------------------------------------

def test_backoff_full_jitter_bounded() -> None:
    sleeps: list[float] = []
    b = Backoff(base=1, cap=10, max_attempts=5, sleep=sleeps.append, random=lambda: 0.5)
    assert [b.delay(i) for i in range(6)] == [0.5, 1, 2, 4, 5, 5]
    calls: list[int] = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise TransientError("down")
        return "ok"

    assert b.call(flaky) == "ok"
    assert sleeps == [0.5, 1]

    def always() -> None:
        raise TransientError("down")

    sleeps.clear()
    with pytest.raises(TransientError):
        b.call(always)
    assert len(sleeps) == 4  # five attempts, four waits, then the error

    def auth() -> None:
        raise AuthError("no")

    sleeps.clear()
    with pytest.raises(AuthError):
        b.call(auth)
    assert sleeps == []  # a wrong password is not retried
    with pytest.raises(ValueError):
        Backoff(max_attempts=0)


def test_failure_tracker_caps_and_resets() -> None:
    t = FailureTracker(Backoff(base=2, cap=60, random=lambda: 1.0))
    assert [t.failed() for _ in range(8)] == [2, 4, 8, 16, 32, 60, 60, 60]
    t.succeeded()
    assert t.failed() == 2


# -- watcher auth -----------------------------------------------------------------------------

def write_config(tmp_path: Path, server: DovecotServer | None, name: str = "home") -> Path:
    host, port = (server.host, server.port) if server else ("127.0.0.1", 9)
    user = server.user if server else "alex"
    p = tmp_path / "config.toml"
    p.write_text(
        f'[me]\nname = "Alex"\naddresses = ["alex@example.com"]\n\n'
        f'[[accounts]]\nname = "{name}"\nbackend = "imap"\nhost = "{host}"\nport = {port}\n'
        f'security = "none"\nusername = "{user}"\n'
    )
    return p


def run_auth(monkeypatch: pytest.MonkeyPatch, config: Path, stdin: str, *extra: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(["--config", str(config), "auth", "imap", "--account", "home",
                 "--password-stdin", *extra])


def test_auth_imap_checks_then_stores(dovecot: DovecotServer, tmp_path: Path,
                                      memory_keyring: MemoryKeyring,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, dovecot)
    assert run_auth(monkeypatch, config, "wrong\n") == 1
    assert memory_keyring.store == {}
    assert run_auth(monkeypatch, config, dovecot.password + "\n") == 0
    assert memory_keyring.store == {("watcher", "imap:home"): dovecot.password}
    out = capsys.readouterr()
    assert dovecot.password not in out.out + out.err


def test_auth_imap_unknown_account_and_no_check(tmp_path: Path, memory_keyring: MemoryKeyring,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = write_config(tmp_path, None, name="other")
    assert run_auth(monkeypatch, config, "pw\n", "--no-check") == 2
    assert "home" in capsys.readouterr().err
    config = write_config(tmp_path, None)
    assert run_auth(monkeypatch, config, "pw\n", "--no-check") == 0
    assert memory_keyring.store == {("watcher", "imap:home"): "pw"}
    # `auth gmail` (issue 5) refuses an account whose backend is not gmail: a config error.
    assert main(["--config", str(config), "auth", "gmail", "--account", "home"]) == 2


def test_a_password_that_is_not_utf8_is_an_auth_error_that_never_quotes_it(tmp_path: Path) -> None:
    """A UnicodeDecodeError's repr quotes the bytes: `doctor` printed the password."""
    f = tmp_path / "pw"
    f.write_bytes(b"hunter2-SECRET\xe9x\n")
    with pytest.raises(AuthError, match="not UTF-8") as info:
        get_imap_password("work", "u", f"cat {f}")
    assert "hunter2" not in str(info.value) and info.value.__cause__ is None
    assert info.value.__context__ is None or info.value.__suppress_context__
