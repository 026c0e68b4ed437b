"""`watcher init` driven as a subprocess with scripted answers."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path


def run_init(tmp_path: Path, answers: list[str], *extra: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    return subprocess.run([sys.executable, "-m", "watcher", "init", *extra],
                          input="\n".join(answers) + "\n", capture_output=True, text=True,
                          env=env, timeout=60)


def test_init_writes_a_valid_private_config(tmp_path: Path) -> None:
    answers = ["Alex Wong", "alex@example.com, Alex.W@work.example", "+1 555 0100", "",
               "Mars/Olympus", "America/New_York",  # a wrong zone is asked again
               "22:00-07:30", "imap", "imap.example.com", "ssl", "", "", "pass show mail"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "unknown time zone" in res.stdout
    path = tmp_path / "cfg" / "watcher" / "config.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    from watcher.config import load_config

    cfg = load_config(path)
    assert cfg.me.name == "Alex Wong"
    assert cfg.me.addresses == ("alex@example.com", "alex.w@work.example")
    assert cfg.schedule.timezone == "America/New_York"
    qh = cfg.schedule.quiet_hours
    assert qh is not None and (qh[0].hour, qh[1].minute) == (22, 30)
    (acct,) = cfg.accounts
    assert (acct.backend, acct.host, acct.port, acct.security) == ("imap", "imap.example.com", 993, "ssl")
    assert acct.username == "alex@example.com" and acct.password_command == "pass show mail"
    assert "watcher doctor" in res.stdout


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "watcher" / "config.toml"
    path.parent.mkdir(parents=True)
    path.write_text("# mine\n")
    res = run_init(tmp_path, [])
    assert res.returncode == 2 and "--force" in res.stderr
    assert path.read_text() == "# mine\n"


def test_init_maildir_account(tmp_path: Path) -> None:
    res = run_init(tmp_path, ["Sam", "sam@example.org", "", "", "UTC", "-", "maildir", "~/Mail"])
    assert res.returncode == 0, res.stdout + res.stderr
    from watcher.config import load_config

    cfg = load_config(tmp_path / "cfg" / "watcher" / "config.toml")
    assert cfg.schedule.quiet_hours is None
    assert cfg.accounts[0].backend == "maildir"


def test_init_for_microsoft_365_asks_for_an_oauth_token_command(tmp_path: Path) -> None:
    """Microsoft refuses passwords over IMAP: a password command or keyring entry would only
    ever be refused."""
    answers = ["Alex Wong", "alex@outlook.com", "", "", "America/New_York", "", "imap",
               "outlook.office365.com", "ssl", "", "", "oama access alex@outlook.com"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "OAuth tokens only" in res.stdout and "watcher auth imap" not in res.stdout
    from watcher.config import load_config

    (acct,) = load_config(tmp_path / "cfg" / "watcher" / "config.toml").accounts
    assert (acct.auth, acct.password_command) == ("xoauth2", "oama access alex@outlook.com")


def test_init_for_proton_mail_bridge_asks_for_its_certificate(tmp_path: Path) -> None:
    """A loopback server with TLS (Proton Mail Bridge) has a certificate of its own: init asks
    for it, checks it, and writes tls_ca_file (absolute: typed from here, not the config's folder)."""
    from tests.dovecot import self_signed

    self_signed(tmp_path, "127.0.0.1", alt="IP:127.0.0.1", stem="")
    (tmp_path / "junk.pem").write_text("junk\n")
    answers = ["Alex Wong", "alex@proton.me", "", "", "UTC", "-", "imap", "127.0.0.1", "starttls",
               "1143", "", str(tmp_path / "junk.pem"), str(tmp_path / "cert.pem"), "cat ~/.bridge-pw"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "holds no PEM certificate" in res.stdout  # the junk file is asked again
    from watcher.config import load_config

    (acct,) = load_config(tmp_path / "cfg" / "watcher" / "config.toml").accounts
    assert (acct.host, acct.port, acct.security) == ("127.0.0.1", 1143, "starttls")
    assert acct.tls_ca_file == tmp_path / "cert.pem"
    assert "watcher scan --dry-run" in res.stdout


def test_security_none_to_a_remote_host_is_asked_again(tmp_path: Path) -> None:
    """(review19b: accepted, the file written, then refused with exit 2, and the next `init`
    refused to run because the file existed)"""
    answers = ["Alex", "alex@example.com", "", "", "UTC", "-", "imap", "imap.example.com",
               "none", "starttls", "", "", "pass show mail"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "only to this machine, not imap.example.com" in res.stdout
    from watcher.config import load_config

    path = tmp_path / "cfg" / "watcher" / "config.toml"
    assert load_config(path).accounts[0].security == "starttls"
    assert [p.name for p in path.parent.iterdir()] == ["config.toml"]



def test_init_asks_again_for_est_and_for_quiet_hours_it_cannot_read(tmp_path: Path) -> None:
    # EST is UTC-5 all year (no summer time): asked again, naming the zone meant. PST is no
    # zone: the error says which one is. A wrong quiet-hours answer names init's '-' for none,
    # not the config file's "".
    answers = ["Alex", "alex@example.com", "", "", "EST", "PST", "America/New_York",
               "22-7", "22:00-07:00", "maildir", "~/Mail"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "'EST' is UTC-5 all year, with no summer time" in res.stdout
    assert "unknown time zone 'PST'; did you mean America/Los_Angeles?" in res.stdout
    assert "got '22-7'" in res.stdout and "'-' for none" in res.stdout
    assert 'or "" to switch off' not in res.stdout
    from watcher.config import load_config

    assert load_config(tmp_path / "cfg" / "watcher" / "config.toml").schedule.timezone \
        == "America/New_York"


def test_init_asks_again_for_an_address_the_config_would_refuse(tmp_path: Path) -> None:
    """'alex@' passed init's check (it has an @), every other question was asked, and then
    the config's check refused the file naming a temporary `.config.toml.init`: all answers
    lost. It is asked again at once now."""
    answers = ["Alex", "alex@, Alex <alex@example.com>", "alex@example.com", "", "", "UTC", "",
               "maildir", "~/Mail"]
    res = run_init(tmp_path, answers)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "not an e-mail address: alex@, Alex <alex@example.com>" in res.stdout
    assert ".init" not in res.stdout + res.stderr
