"""`watcher auth`: the account may be left out when the config has one of that kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(tmp_path: Path, config: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    path = tmp_path / "config.toml"
    path.write_text(config)
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    return subprocess.run([sys.executable, "-m", "watcher", "--config", str(path), "auth", *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=60)


IMAP = ('[[accounts]]\nname = "{name}"\nbackend = "imap"\nhost = "imap.example.com"\n'
        'username = "alex@example.com"\n')


def test_the_only_imap_account_is_picked(tmp_path: Path) -> None:
    res = run(tmp_path, IMAP.format(name="mail"), "imap", "--password-stdin", "--no-check",
              stdin="s3cret\n")
    assert res.returncode == 0, res.stderr
    assert "account mail" in res.stdout
    assert "s3cret" not in res.stdout + res.stderr


def test_two_imap_accounts_need_account(tmp_path: Path) -> None:
    res = run(tmp_path, IMAP.format(name="a") + IMAP.format(name="b"), "imap",
              "--password-stdin", "--no-check", stdin="x\n")
    assert res.returncode == 2
    assert "--account" in res.stderr and "a, b" in res.stderr
