"""Secrets: masked Secret, password_command, the keyring (in-memory backend), `watcher auth`."""

from __future__ import annotations

import io
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

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
    store_imap_password,
)


class NoKeyring(keyring.backend.KeyringBackend):
    """Behaves like a headless machine: every call raises NoKeyringError."""

    priority = 0  # type: ignore[assignment]

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
