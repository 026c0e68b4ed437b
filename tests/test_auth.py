"""`watcher auth`: the account may be left out when the config has one of that kind."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from watcher.commands.auth import paste_flow
from watcher.errors import UsageError


def command(tmp_path: Path, config: str, *args: str, backend: str = "") -> tuple[list[str],
                                                                                  dict[str, str]]:
    path = tmp_path / "config.toml"
    path.write_text(config)
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHON_KEYRING_BACKEND=backend or "keyrings.alt.file.PlaintextKeyring")
    return [sys.executable, "-m", "watcher", "--config", str(path), "auth", *args], env


def run(tmp_path: Path, config: str, *args: str, stdin: str = "",
        backend: str = "") -> subprocess.CompletedProcess[str]:
    argv, env = command(tmp_path, config, *args, backend=backend)
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, env=env, timeout=60)


def read_until(fd: int, seen: bytes, wanted: bytes | None) -> bytes:
    """Read a pty's master side until `wanted` shows (None: until the other side closes)."""
    while wanted is None or wanted not in seen:
        assert select.select([fd], [], [], 30)[0], f"stuck after {seen!r}"
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # EIO: the command exited and closed the terminal
            chunk = b""
        if not chunk:
            assert wanted is None, f"closed after {seen!r}"
            return seen
        seen += chunk
    return seen


def on_a_terminal(tmp_path: Path, typed: bytes) -> tuple[int, bytes]:
    """`watcher auth imap --no-check` typed into on a pseudo-terminal; (exit code, screen)."""
    argv, env = command(tmp_path, IMAP.format(name="mail"), "imap", "--no-check")
    master, slave = pty.openpty()
    # no controlling terminal: getpass turns echo off on stdin, never the runner's own tty
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    try:
        screen = read_until(master, b"", b"IMAP password for alex@example.com (mail, ")
        os.write(master, typed)
        screen = read_until(master, screen, None)
        return proc.wait(timeout=60), screen
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


IMAP = ('[[accounts]]\nname = "{name}"\nbackend = "imap"\nhost = "imap.example.com"\n'
        'username = "alex@example.com"\n')


def test_the_only_imap_account_is_picked(tmp_path: Path) -> None:
    res = run(tmp_path, IMAP.format(name="mail"), "imap", "--password-stdin", "--no-check",
              stdin="s3cret\n")
    assert res.returncode == 0, res.stderr
    assert "account mail" in res.stdout
    assert "s3cret" not in res.stdout + res.stderr


def test_a_plain_text_keyring_is_said_with_its_file(tmp_path: Path) -> None:
    """keyrings.alt's PlaintextKeyring (the README's fallback without a keyring daemon) keeps
    the password readable in a file; `auth imap` said only "stored ... in the keyring"."""
    res = run(tmp_path, IMAP.format(name="mail"), "imap", "--password-stdin", "--no-check",
              stdin="s3cret\n")
    assert res.returncode == 0, res.stderr
    (stored,) = (tmp_path / "data").rglob("*.cfg")
    assert f"keeps it in plain text in {stored}" in res.stdout, res.stdout
    assert "password_command" in res.stdout
    res = run(tmp_path, IMAP.format(name="mail"), "imap", "--password-stdin", "--no-check",
              stdin="s3cret\n", backend="tests.keyrings.MemoryKeyring")
    assert "plain text" not in res.stdout + res.stderr


def test_two_imap_accounts_need_account(tmp_path: Path) -> None:
    res = run(tmp_path, IMAP.format(name="a") + IMAP.format(name="b"), "imap",
              "--password-stdin", "--no-check", stdin="x\n")
    assert res.returncode == 2
    assert "--account" in res.stderr and "a, b" in res.stderr


def test_a_config_without_an_account_of_that_kind_says_so(tmp_path: Path) -> None:
    res = run(tmp_path, '[[accounts]]\nname = "local"\nbackend = "maildir"\npath = "/m"\n', "imap",
              "--password-stdin", "--no-check", stdin="x\n")
    assert res.returncode == 2
    assert 'the config has no imap account (backend = "imap" in an [[accounts]] table)' in res.stderr, \
        res.stderr


def test_an_oauth_account_has_no_password_to_store(tmp_path: Path) -> None:
    """Its token comes from password_command at each login; one kept in the keyring would be
    stale within the hour, and the prompt would ask for something that does not exist."""
    res = run(tmp_path, IMAP.format(name="mail") + 'auth = "xoauth2"\npassword_command = "oama access a"\n',
              "imap", "--password-stdin", "--no-check", stdin="s3cret\n")
    assert res.returncode == 2, res.stderr
    assert "auth = 'xoauth2' takes its access token from password_command" in res.stderr
    assert "stored" not in res.stdout


def test_the_prompt_never_echoes_the_password(tmp_path: Path) -> None:
    code, screen = on_a_terminal(tmp_path, b"s3cret-typed\n")
    assert code == 0, screen
    assert b"stored the password of account mail" in screen and b"s3cret-typed" not in screen


def test_ctrl_d_at_the_prompt_stores_nothing(tmp_path: Path) -> None:
    """getpass's EOFError was an 'internal error'."""
    code, screen = on_a_terminal(tmp_path, b"\x04")
    assert code == 1 and b"no password entered, nothing stored" in screen, screen
    assert b"internal error" not in screen


def test_no_prompt_when_stdin_is_not_a_terminal(tmp_path: Path) -> None:
    """Without a terminal getpass warned, read stdin with echo on, and failed on EOFError."""
    argv, env = command(tmp_path, IMAP.format(name="mail"), "imap", "--no-check")
    res = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         env=env, timeout=60, start_new_session=True)
    assert res.returncode == 2, res.stderr
    assert res.stderr == ("watcher auth: stdin is not a terminal: pipe the password in with "
                          "--password-stdin\n")


def test_a_keyring_backend_that_cannot_load_is_one_clear_line(tmp_path: Path) -> None:
    """PYTHON_KEYRING_BACKEND naming keyrings.alt while it is not installed (or misspelt)."""
    res = run(tmp_path, IMAP.format(name="mail"), "imap", "--password-stdin", "--no-check",
              stdin="s3cret\n", backend="keyrings.alt.file.PlaintextKeyrng")
    assert res.returncode == 1, res.stderr
    assert "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyrng cannot be loaded" in res.stderr
    assert "internal error" not in res.stderr and "s3cret" not in res.stderr
    assert len(res.stderr.splitlines()) == 1


def test_a_keyring_that_cannot_store_is_said_before_the_prompt(tmp_path: Path) -> None:
    """The password was asked for (and the login checked) before the keyring failed."""
    argv, env = command(tmp_path, IMAP.format(name="mail"), "imap", "--no-check",
                        backend="keyrings.alt.file.PlaintextKeyrng")
    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                            start_new_session=True)
    os.close(slave)
    try:
        screen = read_until(master, b"", None)
        assert proc.wait(timeout=60) == 1, screen
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert b"IMAP password for" not in screen
    assert b"the keyring cannot store a password" in screen and b"cannot be loaded" in screen


def test_nothing_pasted_is_a_usage_error(tmp_path: Path) -> None:
    """Ctrl-D (or no stdin) at `auth gmail --paste` was an internal EOFError."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    from watcher.backends.gmail import SCOPES

    client = tmp_path / "client.json"
    client.write_text(json.dumps({"installed": {
        "client_id": "1-x.apps.googleusercontent.com", "client_secret": "not-secret",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "redirect_uris": ["http://localhost"]}}))
    flow = InstalledAppFlow.from_client_secrets_file(str(client), scopes=list(SCOPES))
    shown: list[str] = []

    def eof() -> str:
        raise EOFError

    with pytest.raises(UsageError, match="not the redirected address"):
        paste_flow(flow, 8080, eof, shown.append)
    assert "accounts.google.com" in shown[0]


def test_an_unreachable_server_stores_the_password_unchecked_and_exits_1(tmp_path: Path) -> None:
    """review20c #3: with the server out of reach, `auth imap --password-stdin` stored the
    password and exited 0, as for a checked one: a script could not tell a typo stored while
    offline from a good password. It is still stored (the user may be offline), exit 1."""
    config = IMAP.format(name="mail").replace("imap.example.com", "127.0.0.1") + "port = 1\n"
    res = run(tmp_path, config, "imap", "--password-stdin", stdin="s3cret\n")
    assert res.returncode == 1, res.stderr
    assert len(res.stderr.splitlines()) == 1, res.stderr
    assert "could not reach 127.0.0.1 to check the password" in res.stderr
    assert "stored it in the keyring unchecked" in res.stderr and "s3cret" not in res.stderr
    assert res.stdout == ""
    stored = "".join(p.read_text() for p in (tmp_path / "data").rglob("*.cfg"))
    assert "mail" in stored, stored
