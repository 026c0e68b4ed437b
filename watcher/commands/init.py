"""`watcher init`: ask a few questions and write a commented config (mode 0600)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

NAME = "init"
HELP = "first run: ask for your name, addresses, zone, quiet hours and account; write the config"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher init`."""
    p.add_argument("--force", action="store_true", help="replace an existing config file")


def _ask(prompt: str, default: str = "", check: Callable[[str], str | None] | None = None) -> str:
    """One question; empty input takes the default; `check` returns an error text or None."""
    while True:
        shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
        sys.stdout.write(shown)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:  # end of input: take the default rather than loop forever
            sys.stdout.write("\n")
            answer = default
        else:
            answer = line.strip() or default
        problem = check(answer) if check else None
        if problem is None:
            return answer
        sys.stdout.write(f"  {problem}\n")
        if not line:
            from watcher.errors import UsageError

            raise UsageError(f"{prompt}: {problem}")


def _check_zone(value: str) -> str | None:
    from watcher.zones import fixed_clock_warning, suggest, zone

    if zone(value) is None:
        meant = suggest(value)
        return f"unknown time zone {value!r}; " + (f"did you mean {meant}?" if meant else
                                                    "use an IANA name such as Europe/Berlin")
    # a zone, but rarely the one meant: asked again (the config file still takes it as it is)
    return fixed_clock_warning(value)


def _check_quiet(value: str) -> str | None:
    from watcher.config import parse_quiet_hours

    try:
        parse_quiet_hours(value)
    except ValueError:
        # parse_quiet_hours speaks of the config file's "" for none; here it is '-'
        return f"expected HH:MM-HH:MM such as 22:00-07:00 (or '-' for none), got {value!r}"
    return None


def _check_addresses(value: str) -> str | None:
    from watcher.config import is_address

    items = [a.strip() for a in value.split(",") if a.strip()]
    if not items:
        return "give at least one address, separated by commas"
    # the config's own check, asked here: after the last question it would refuse the file,
    # naming a temporary file, and every answer would have to be given again
    bad = [a for a in items if not is_address(a)]
    if bad:
        return f"not an e-mail address: {', '.join(bad)} (give bare addresses such as alex@example.com)"
    return None


def _check_pem(value: str) -> str | None:
    from pathlib import Path

    from watcher.config import tls_context
    from watcher.errors import ConfigError

    if not value:
        return None
    try:
        tls_context(Path(value).expanduser())
    except ConfigError as exc:
        return str(exc)
    return None


def _one_of(*choices: str) -> Callable[[str], str | None]:
    def check(value: str) -> str | None:
        return None if value in choices else f"answer one of: {', '.join(choices)}"

    return check


def _toml(value: str | int | bool | list[str]) -> str:
    # JSON strings, numbers, booleans and arrays of strings are valid TOML as they are.
    return json.dumps(value, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    """Ask, write the config, check it with the real loader, and say what comes next."""
    from watcher.config import default_config_path, load_config, system_timezone
    from watcher.errors import UsageError

    path = Path(args.config).expanduser() if getattr(args, "config", None) else default_config_path()
    if path.exists() and not args.force:
        raise UsageError(f"{path} exists; use --force to replace it")
    print(f"Writing {path}. Press Enter to take the [default].")
    name = _ask("Your name (greetings and signature)")
    addresses = _ask("Your email addresses (comma-separated)", check=_check_addresses)
    phone = _ask("Phone number for the signature (optional)")
    signature = _ask("An extra signature line (optional)")
    zone = _ask("Time zone (IANA name such as America/New_York)", system_timezone(), _check_zone)
    quiet = _ask("Quiet hours, no drafts in between (HH:MM-HH:MM, '-' for none)", "21:00-08:00",
                 lambda v: None if v == "-" else _check_quiet(v))
    backend = _ask("Mail account: gmail, imap or maildir", "imap", _one_of("gmail", "imap", "maildir"))
    addr_list = [a.strip().lower() for a in addresses.split(",") if a.strip()]
    account = [f'name = {_toml("personal")}', f"backend = {_toml(backend)}"]
    if backend == "imap":
        host = _ask("IMAP server", check=lambda v: None if v else "the server's host name is needed")
        from watcher.backends.imap import OAUTH_ONLY_HOSTS
        from watcher.config import is_loopback_host

        def _check_security(v: str) -> str | None:
            if v == "none" and not is_loopback_host(host):
                # asked again here: the config would refuse it after every other question
                return f"'none' sends the password in clear: only to this machine, not {host}"
            return _one_of("ssl", "starttls", "none")(v)

        security = _ask("Security: ssl, starttls or none (loopback only)", "ssl", _check_security)
        port = _ask("Port", "993" if security == "ssl" else "143",
                    lambda v: None if v.isdigit() and 0 < int(v) < 65536 else "a port number")
        username = _ask("User name", addr_list[0])
        account += [f"host = {_toml(host)}", f"port = {int(port)}",
                    f"security = {_toml(security)}", f"username = {_toml(username)}"]

        if security != "none" and is_loopback_host(host):
            # Proton Mail Bridge (and a local server) have a certificate of their own
            ca = _ask("Certificate file to trust, PEM (Proton Mail Bridge exports one; "
                      "empty: the system's authorities)", check=_check_pem)
            if ca:  # as typed here, from this folder; the config reads paths from its own
                account.append(f"tls_ca_file = {_toml(str(Path(ca).expanduser().resolve()))}")

        if host.lower().rstrip(".") in OAUTH_ONLY_HOSTS:
            # Microsoft turned passwords off for IMAP: only an OAuth token signs in
            print("This server takes OAuth tokens only (no passwords): an OAuth helper such as "
                  "oama or pizauth prints one; see the README.")
            token_cmd = _ask(f"Command that prints an access token, e.g. 'oama access {username}'",
                             check=lambda v: None if v else "a command is needed")
            account += ['auth = "xoauth2"', f"password_command = {_toml(token_cmd)}"]
        else:
            pass_cmd = _ask("Password command, e.g. 'pass show mail' (empty: keyring)")
            if pass_cmd:
                account.append(f"password_command = {_toml(pass_cmd)}")
    elif backend == "maildir":
        root = _ask("Maildir folder (INBOX, Sent and Drafts under it)", "~/Mail",
                    lambda v: None if v else "a folder is needed")
        account.append(f"path = {_toml(root)}")
    text = "\n".join([
        "# watcher config, written by `watcher init`. `watcher check-config` prints every key with",
        "# its value here or its default; config.example.toml in the source explains each one.",
        "",
        "[me]",
        f"name = {_toml(name)}",
        f"addresses = {_toml(addr_list)}               # mail from these is yours",
        f"phone = {_toml(phone)}",
        f"signature = {_toml(signature)}",
        "",
        "[schedule]",
        f"timezone = {_toml(zone)}",
        f"quiet_hours = {_toml('' if quiet == '-' else quiet)}   # no draft in [start, end); '' = off",
        'quiet_days = ["Sat", "Sun"]         # no follow-up on these days',
        "",
        "[[accounts]]",
        *account,
        "",
    ])
    path.parent.mkdir(parents=True, exist_ok=True)
    # The file names your mail server and account: readable by you only, from the first byte.
    # Written beside it and checked by the real loader before it takes the config's place: a
    # config it would refuse is never left behind (the next `init` would refuse to run).
    tmp = path.with_name(f".{path.name}.init")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    try:
        load_config(tmp)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    os.replace(tmp, path)
    print(f"\nWrote {path} (mode 0600).")
    print("Next:")
    if backend == "imap" and "password_command" not in text:
        print("  watcher auth imap --account personal   # store the password in the keyring")
    if backend == "gmail":
        print("  watcher auth gmail --client-secrets FILE   # sign in (see the README)")
    print("  watcher doctor            # check everything")
    print("  watcher scan --dry-run    # what it would draft now, changing nothing")
    print("  watcher install-service   # run it in the background")
    return 0
