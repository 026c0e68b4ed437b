"""`watcher doctor` as a subprocess: against a real Dovecot, a dead port, a Maildir, no config."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from tests.dovecot import OAUTH_CONFIG, OAUTH_TOKEN, DovecotServer, dovecot_configured, free_port
from tests.gmail_fake import GmailFake, write_client_secrets


def doctor(tmp_path: Path, config: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_STATE_HOME=str(tmp_path / "state"),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    cmd = [sys.executable, "-m", "watcher"] + (["--config", str(config)] if config else [])
    return subprocess.run([*cmd, "doctor", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def imap_config(tmp_path: Path, port: int, password_command: str = "printf secret-pw") -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
        f"[state]\npath = \"{tmp_path / 'state' / 'w.db'}\"\n\n"
        "[[accounts]]\nname = \"work\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {port}\nsecurity = \"none\"\nusername = \"alex\"\n"
        f"password_command = \"{password_command}\"\n"
    )
    return path


def test_doctor_against_dovecot_is_all_good_but_the_service(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    res = doctor(tmp_path, imap_config(tmp_path, dovecot.port, f"printf {dovecot.password}"))
    out = res.stdout
    assert "[ok  ] config:" in out
    assert "[ok  ] keyring: not needed" in out  # password_command: no keyring involved
    assert "[ok  ] account work server: 127.0.0.1:" in out and "signed in as alex" in out
    assert "[ok  ] account work folders:" in out and "drafts=Drafts" in out
    assert "[ok  ] state file:" in out
    assert "[warn] service: no systemd user unit installed" in out
    assert "fix: run `watcher install-service`" in out
    assert "checks, 1 warning" in out and "all good" not in out
    assert res.returncode == 0, out
    # a check changes nothing: no state file was created
    assert "does not exist yet; the first scan creates it" in out
    assert not (tmp_path / "state" / "w.db").exists()


def test_doctor_names_the_key_of_a_folder_the_server_lacks(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    """review23b #14: the fix line was "fix the account's table in the config"."""
    path = imap_config(tmp_path, dovecot.port, f"printf {dovecot.password}")
    path.write_text(path.read_text() + '\n[accounts.folders]\nsent = "Sent Items"\n')
    out = doctor(tmp_path, path).stdout
    assert "folders.sent = 'Sent Items': no such folder on 127.0.0.1" in out
    assert "fix: set [accounts.folders] sent to one of the folders listed" in out


def test_doctor_lists_the_also_read_folders_or_names_the_missing_one(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    c: Any = dovecot.client()
    c.create_folder("Jobs")
    c.logout()
    path = imap_config(tmp_path, dovecot.port, f"printf {dovecot.password}")
    base = path.read_text()
    path.write_text(base + 'also_read = ["Jobs"]\n')
    out = doctor(tmp_path, path).stdout
    assert "[ok  ] account work folders:" in out and "also_read=Jobs" in out, out
    path.write_text(base + 'also_read = ["Jobs", "Recruiting"]\n')
    res = doctor(tmp_path, path)
    assert res.returncode == 1, res.stdout
    assert "also_read = 'Recruiting': no such folder on 127.0.0.1" in res.stdout
    assert "fix: list in also_read only other folders of received mail that exist" in res.stdout


def test_doctor_against_a_dead_port_fails_with_the_fix(tmp_path: Path) -> None:
    res = doctor(tmp_path, imap_config(tmp_path, free_port()))
    assert res.returncode == 1
    assert "[FAIL] account work: cannot reach 127.0.0.1:" in res.stdout
    assert "account work: cannot connect" not in res.stdout  # said once, by the check's label
    assert "fix: check host, port and security" in res.stdout
    assert "1 failed" in res.stdout


def test_doctor_names_a_failed_tls_handshake_once(tmp_path: Path) -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # accepts, then hangs up at once

    def hang_up() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            conn.close()

    threading.Thread(target=hang_up, daemon=True).start()
    port = listener.getsockname()[1]
    path = imap_config(tmp_path, port)
    path.write_text(path.read_text().replace('security = "none"', 'security = "ssl"'))
    res = doctor(tmp_path, path)
    listener.close()
    assert f"[FAIL] account work: cannot reach 127.0.0.1:{port}: the TLS handshake failed: " in res.stdout, \
        res.stdout
    assert res.stdout.count(f"127.0.0.1:{port}") == 1


def test_doctor_wrong_password_says_what_to_fix(tmp_path: Path, dovecot: DovecotServer) -> None:
    res = doctor(tmp_path, imap_config(tmp_path, dovecot.port, "printf not-the-pw-x7"))
    assert res.returncode == 1
    assert "sign-in refused" in res.stdout
    # password_command wins over the keyring: `watcher auth imap` would have changed nothing
    assert "fix: run password_command by hand: its first line must be the password" in res.stdout
    assert "not-the-pw-x7" not in res.stdout  # the password is never shown
    path = imap_config(tmp_path, dovecot.port)
    path.write_text(path.read_text().replace('password_command = "printf secret-pw"\n', ""))
    res = doctor(tmp_path, path)
    assert res.returncode == 1 and "fix: run `watcher auth imap --account work`" in res.stdout


def test_doctor_a_password_command_that_fails_is_no_refused_sign_in(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    """It said "sign-in refused: password_command's program was not found": the server was
    never asked for a login, so nothing was refused."""
    for command, said in (("nosuch-pass-tool show mail", "password_command's program was not found"),
                          ("false", "password_command failed with exit status 1")):
        res = doctor(tmp_path, imap_config(tmp_path, dovecot.port, command))
        assert f"[FAIL] account work: cannot sign in: {said}" in res.stdout, res.stdout
        assert "sign-in refused" not in res.stdout and res.returncode == 1
        assert "fix: run password_command by hand" in res.stdout


def test_doctor_signs_in_with_an_oauth_token(tmp_path: Path) -> None:
    with dovecot_configured(OAUTH_CONFIG) as server:
        path = imap_config(tmp_path, server.port, f"printf {OAUTH_TOKEN}")
        path.write_text(path.read_text() + 'auth = "xoauth2"\n')
        res = doctor(tmp_path, path)
        assert "signed in as alex (XOAUTH2)" in res.stdout, res.stdout
        path.write_text(path.read_text().replace(OAUTH_TOKEN, "ya29.stale"))
        res = doctor(tmp_path, path)
    assert res.returncode == 1 and "refused the access token" in res.stdout
    assert "fix: run password_command by hand: its first line must be a current OAuth access token" in res.stdout
    assert "ya29.stale" not in res.stdout


def test_doctor_names_tls_ca_file_for_a_self_signed_server_and_then_signs_in(
        tmp_path: Path, dovecot_tls: DovecotServer) -> None:
    path = imap_config(tmp_path, dovecot_tls.port, f"printf {dovecot_tls.password}")
    path.write_text(path.read_text().replace('security = "none"', 'security = "starttls"')
                    .replace('host = "127.0.0.1"', 'host = "localhost"'))
    res = doctor(tmp_path, path)
    assert res.returncode == 1
    assert ("[FAIL] account work: localhost:" in res.stdout
            and "its TLS certificate was not accepted (self-signed certificate): if the server is "
                "yours (or Proton Mail Bridge), set tls_ca_file to its certificate" in res.stdout), res.stdout
    path.write_text(path.read_text() + f'tls_ca_file = "{dovecot_tls.base / "cert.pem"}"\n')
    res = doctor(tmp_path, path)
    assert "[ok  ] account work server: localhost:" in res.stdout and "(starttls)" in res.stdout, res.stdout


def test_doctor_for_an_account_the_config_does_not_have_is_a_usage_error(tmp_path: Path) -> None:
    # it checked no account at all and said "all good" but for the service
    res = doctor(tmp_path, imap_config(tmp_path, free_port()), "--account", "wrok")
    assert res.returncode == 2
    assert "no account named 'wrok' (known: work)" in res.stderr, res.stderr


def test_doctor_without_config_says_run_init(tmp_path: Path) -> None:
    res = doctor(tmp_path, None)
    assert res.returncode == 2  # bad config, as `scan` and `run` exit for it; the report still shows
    assert "[FAIL] config: no config file" in res.stdout and "watcher init" in res.stdout


def test_doctor_with_a_missing_config_given_explicitly_is_a_bad_config(tmp_path: Path) -> None:
    """review20c #4: `--config nope.toml doctor` was a report with exit 1; a file named on the
    command line is bad config (exit 2, one line), as for every other command."""
    res = doctor(tmp_path, tmp_path / "nope.toml", "--offline")
    assert res.returncode == 2, res.stdout
    assert res.stderr == f"watcher doctor: {tmp_path / 'nope.toml'}: no such file\n"


def test_doctor_bad_config_names_the_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[schedule]\nquiet_hours = \"9pm to 8am\"\n")
    res = doctor(tmp_path, path)
    # review20c: it exited 1, where the contract gives 2 for a bad config (check-config does)
    assert res.returncode == 2
    assert "[schedule] quiet_hours" in res.stdout and "watcher check-config" in res.stdout


def test_doctor_fails_a_config_without_accounts_as_run_refuses_it(tmp_path: Path) -> None:
    """With [me] addresses empty too, it passed as a warning while `run` exits 2 on it."""
    path = tmp_path / "config.toml"
    for text in ("", '[me]\naddresses = ["alex@example.com"]\n'):
        path.write_text(text)
        res = doctor(tmp_path, path, "--offline")
        assert res.returncode == 2, res.stdout
        assert f"[FAIL] config: {path} has no [[accounts]]" in res.stdout
        assert "is valid" not in res.stdout.split("[FAIL]")[1].splitlines()[0]


def test_doctor_warns_of_an_account_address_missing_from_me(tmp_path: Path) -> None:
    path = imap_config(tmp_path, free_port())
    path.write_text(path.read_text().replace('username = "alex"', 'username = "Alex@Work.com"'))
    res = doctor(tmp_path, path, "--offline")
    assert "[warn] account work address: it signs in as Alex@Work.com, which is not in [me]" \
        in res.stdout
    path.write_text(path.read_text().replace('addresses = ["alex@example.com"]',
                                             'addresses = ["alex@example.com", "alex@work.com"]'))
    assert "account work address" not in doctor(tmp_path, path, "--offline").stdout


def test_doctor_warns_of_an_unset_name(tmp_path: Path) -> None:
    """review23b #12: `watcher init` takes an empty name; every draft is then signed with the
    placeholder "[your name]", and doctor said nothing."""
    path = imap_config(tmp_path, free_port())
    assert "name:" not in doctor(tmp_path, path, "--offline").stdout
    path.write_text(path.read_text().replace('name = "Alex Wong"\n', ""))
    res = doctor(tmp_path, path, "--offline")
    assert '[warn] name: [me] name is not set: drafts are signed "[your name]"' in res.stdout


def test_doctor_warns_of_est_a_zone_without_summer_time(tmp_path: Path) -> None:
    # "EST" is a valid zone, but UTC-5 all year: a New York user who typed it would have every
    # interview time read an hour off from March to November
    path = imap_config(tmp_path, free_port())
    path.write_text(path.read_text().replace("[state]", '[schedule]\ntimezone = "EST"\n\n[state]'))
    res = doctor(tmp_path, path, "--offline")
    assert "[warn] zone: [schedule] timezone: 'EST' is UTC-5 all year" in res.stdout
    assert "'America/New_York'" in res.stdout and res.returncode == 0
    path.write_text(path.read_text().replace('"EST"', '"America/New_York"'))
    assert "zone:" not in doctor(tmp_path, path, "--offline").stdout


def test_doctor_keyring_unusable_for_an_account_without_password_command(tmp_path: Path) -> None:
    path = imap_config(tmp_path, free_port())
    path.write_text(path.read_text().replace('password_command = "printf secret-pw"\n', ""))
    res = doctor(tmp_path, path, "--offline")
    assert "[FAIL] keyring: not usable" in res.stdout
    assert "password_command" in res.stdout  # one of the fixes offered


def maildir_config(tmp_path: Path, folders: tuple[str, ...], extra: str = "",
                   name: str = "config.toml") -> tuple[Path, Path]:
    """A Maildir root with `folders` (each with cur/new/tmp; "" is the root itself) and a
    config for it; (root, config path)."""
    box = tmp_path / "Mail"
    for folder in folders:
        for sub in ("cur", "new", "tmp"):
            (box / folder / sub).mkdir(parents=True, exist_ok=True)
    path = tmp_path / name
    path.write_text("[me]\naddresses = [\"a@example.com\"]\n\n[[accounts]]\nname = \"local\"\n"
                    f"backend = \"maildir\"\npath = \"{box}\"\n" + extra)
    return box, path


def test_doctor_maildir_and_installed_service(tmp_path: Path) -> None:
    _box, path = maildir_config(tmp_path, ("", ".Sent", ".Drafts"))
    unit = tmp_path / "cfg" / "systemd" / "user" / "watcher.service"
    unit.parent.mkdir(parents=True)
    unit.write_text("[Unit]\n")
    res = doctor(tmp_path, path)
    assert res.returncode == 0, res.stdout
    assert "[ok  ] account local folders: layout maildir++" in res.stdout
    assert "[ok  ] service: installed:" in res.stdout


def test_doctor_says_when_the_service_runs_another_config(tmp_path: Path) -> None:
    """Quiet hours edited in a file the service does not read change nothing: doctor says
    which file it runs (a path with a space and a % sign, as systemd's quoting writes it)."""
    _box, run_by = maildir_config(tmp_path, ("", ".Sent", ".Drafts"), name="my 100% config.toml")
    other = tmp_path / "other.toml"
    other.write_text(run_by.read_text())
    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(run_by), "install-service",
                          "--platform", "linux", "--exec", "/usr/bin/watcher"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    res = doctor(tmp_path, run_by, "--offline")
    assert "[ok  ] service: installed:" in res.stdout, res.stdout
    res = doctor(tmp_path, other, "--offline")
    assert f"[warn] service: installed, but it runs {run_by}, not {other}" in res.stdout, res.stdout
    assert f"fix: run `watcher --config {other} install-service`" in res.stdout


def test_doctor_warns_of_a_maildir_without_its_inbox(tmp_path: Path) -> None:
    """mbsync's default `Inbox ~/Maildir` lies outside its `Path`: the folder the watcher
    would read as INBOX does not exist, and doctor says so rather than list it as found."""
    box, path = maildir_config(tmp_path, ("Sent", "Drafts"))
    res = doctor(tmp_path, path)
    assert "[warn] account local folders:" in res.stdout and "no INBOX there" in res.stdout
    assert "[ok  ] account local folders" not in res.stdout
    # the fix doctor gives is one the config takes (it refused [accounts.folders] for Maildir)
    assert 'fix: set [accounts.folders] inbox = "..."' in res.stdout
    inbox = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (inbox / sub).mkdir(parents=True)
    path.write_text(path.read_text() + f'[accounts.folders]\ninbox = "{inbox}"\n')
    res = doctor(tmp_path, path)
    assert f"[ok  ] account local folders: layout fs: inbox={inbox}, sent={box / 'Sent'}" in res.stdout, \
        res.stdout


def test_doctor_against_the_gmail_fake_and_after_a_revoked_grant(
    tmp_path: Path, gmail_fake: GmailFake
) -> None:
    secrets = write_client_secrets(gmail_fake, tmp_path / "client.json")
    path = tmp_path / "config.toml"
    path.write_text("[me]\naddresses = [\"me@example.com\"]\n\n[[accounts]]\nname = \"g\"\n"
                    f"backend = \"gmail\"\napi_endpoint = \"{gmail_fake.api_endpoint}\"\n"
                    f"batch_uri = \"{gmail_fake.batch_uri}\"\nclient_secrets = \"{secrets}\"\n")
    env = dict(os.environ, HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring")
    subprocess.run([sys.executable, "-c", "import keyring; keyring.set_password("
                    "'watcher', 'gmail:g', 'refresh-token-1')"], env=env, check=True)
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(path), "doctor"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert "[ok  ] keyring: usable: keyrings.alt.file.PlaintextKeyring (stores secrets in plain text)" in res.stdout
    assert "[ok  ] account g server: Gmail API reachable, signed in as me@example.com" in res.stdout
    assert "[ok  ] account g scopes: gmail.readonly, gmail.compose" in res.stdout
    assert "account g address" not in res.stdout
    # review20b F2: the signed-in address and "Send mail as" aliases are checked against [me]
    gmail_fake.email_address = "alex.wong@gmail.com"
    gmail_fake.send_as = ["me@example.com", "alex@alexwong.design"]
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(path), "doctor"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert ("[warn] account g address: it signs in as alex.wong@gmail.com, which is not in [me] "
            "addresses; \"Send mail as\" alias alex@alexwong.design not in [me] addresses") in res.stdout
    assert f"fix: add alex.wong@gmail.com, alex@alexwong.design to [me] addresses in {path}" in res.stdout
    gmail_fake.revoke_grant()
    res = subprocess.run([sys.executable, "-m", "watcher", "--config", str(path), "doctor"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 1
    assert "run `watcher auth gmail --account g` again" in res.stdout
    assert "refresh-token-1" not in res.stdout + res.stderr


def test_doctor_fails_a_maildir_folder_override_that_names_nothing(tmp_path: Path) -> None:
    """`sent = "Sent Mail"` where the sync tool wrote `Sent/`: a pass reads no sent mail and
    says nothing, so doctor fails naming the key and the path it looked at."""
    box, path = maildir_config(tmp_path, ("INBOX", "Sent", "Drafts"),
                               '[accounts.folders]\nsent = "Sent Mail"\ndrafts = "Brouillons"\n')
    res = doctor(tmp_path, path)
    assert res.returncode != 0, res.stdout
    assert (f'[FAIL] account local folders: [accounts.folders] sent = "Sent Mail": no folder at '
            f"{box / 'Sent Mail'}") in res.stdout, res.stdout
    assert (f'[warn] account local folders: [accounts.folders] drafts = "Brouillons": no folder '
            f"at {box / 'Brouillons'} yet") in res.stdout
    assert "[ok  ] account local folders" not in res.stdout


def test_doctor_lists_a_maildirs_also_read_folders_or_fails_a_missing_one(tmp_path: Path) -> None:
    box, path = maildir_config(tmp_path, ("", ".Sent", ".Drafts", ".Jobs"),
                               'also_read = ["Jobs"]\n')
    res = doctor(tmp_path, path, "--offline")
    assert "[ok  ] account local folders: layout maildir++" in res.stdout, res.stdout
    assert f"also_read={box / '.Jobs'}" in res.stdout
    path.write_text(path.read_text().replace('"Jobs"', '"Recruiting"'))
    res = doctor(tmp_path, path, "--offline")
    assert res.returncode == 1, res.stdout
    assert "[FAIL] account local: also_read = 'Recruiting': no folder at" in res.stdout, res.stdout


def test_doctor_offline_still_looks_at_a_maildir(tmp_path: Path) -> None:
    """A Maildir is local: --offline (which skips servers) checks it too; a root that does not
    exist fails with its fix (it passed as all good), a file there is a config problem."""
    box, path = maildir_config(tmp_path, ("", ".Sent", ".Drafts"))
    res = doctor(tmp_path, path, "--offline")
    assert "[ok  ] account local folders: layout maildir++" in res.stdout, res.stdout
    path.write_text(path.read_text().replace(str(box), str(tmp_path / "NoSuchMail")))
    res = doctor(tmp_path, path, "--offline")
    assert res.returncode == 1, res.stdout
    assert f"[FAIL] account local folder: {tmp_path / 'NoSuchMail'} does not exist" in res.stdout
    assert "fix: set path to the folder your mail sync tool" in res.stdout
    (tmp_path / "NoSuchMail").write_text("a file")
    res = doctor(tmp_path, path, "--offline")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "[FAIL] config: " in res.stdout and "path: " in res.stdout
    assert "NoSuchMail' is a file, not a folder" in res.stdout
    assert "internal error" not in res.stderr


def test_doctor_says_when_the_instance_template_cannot_run_the_config(tmp_path: Path) -> None:
    """watcher@NAME runs NAME.toml in the watcher config folder: a config elsewhere is run by
    none of its instances (doctor said "installed" and nothing more)."""
    unit = tmp_path / "cfg" / "systemd" / "user" / "watcher@.service"
    unit.parent.mkdir(parents=True)
    unit.write_text("[Unit]\n")
    _box, elsewhere = maildir_config(tmp_path, ("", ".Sent", ".Drafts"), name="alex.toml")
    res = doctor(tmp_path, elsewhere, "--offline")
    folder = tmp_path / "cfg" / "watcher"
    assert (f"[warn] service: installed, but it runs NAME.toml in {folder} (watcher@NAME), "
            f"not {elsewhere}") in res.stdout, res.stdout
    folder.mkdir()
    inside = folder / "alex.toml"
    inside.write_text(elsewhere.read_text())
    res = doctor(tmp_path, inside, "--offline")
    assert "[ok  ] service: installed:" in res.stdout, res.stdout


def test_doctor_shows_the_guide_s_mistakes_in_the_user_s_templates(tmp_path: Path) -> None:
    """A template of the user's that demands an answer made drafts saved as written, with only
    a count of findings in the log; doctor reads them out, as a warning (drafts are still made)."""
    _box, path = maildir_config(tmp_path, ("", ".Sent", ".Drafts"))
    (tmp_path / "templates").mkdir()  # beside the config: read without a [templates] dir
    (tmp_path / "templates" / "check_in.txt").write_text(
        "Subject: Following up\n\n${greeting}\n\nPlease reply ASAP.\n\n${signature}\n")
    res = doctor(tmp_path, path, "--offline")
    assert res.returncode == 0, res.stdout
    line = next(x for x in res.stdout.splitlines() if x.startswith("[warn] templates:"))
    assert "check_in.txt: casual-or-demanding: 'ASAP'" in line, line
    assert f"fix: edit the files in {tmp_path / 'templates'}" in res.stdout
    (tmp_path / "templates" / "check_in.txt").unlink()
    res = doctor(tmp_path, path, "--offline")
    assert "[ok  ] templates: your templates in" in res.stdout, res.stdout


def test_doctor_warns_of_a_holidays_country_without_its_region(tmp_path: Path) -> None:
    """review23f #8: "GB" alone keeps only the whole country's holidays (7 a year; England's
    are 9, with Easter Monday): a check-in was drafted on Easter Monday."""
    path = imap_config(tmp_path, free_port())
    path.write_text(path.read_text().replace(
        "[state]", '[schedule]\nholidays_country = "GB"\n\n[state]'))
    res = doctor(tmp_path, path, "--offline")
    assert "[warn] holidays: [schedule] holidays_country = 'GB' without holidays_subdiv" \
        in res.stdout
    assert "(ENG, NIR, SCT, WLS)" in res.stdout and res.returncode == 0
    path.write_text(path.read_text().replace('"GB"\n', '"GB"\nholidays_subdiv = "ENG"\n'))
    assert "holidays:" not in doctor(tmp_path, path, "--offline").stdout
