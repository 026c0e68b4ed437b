"""`watcher doctor`: check the set-up, each check with a plain verdict and the fix."""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NAME = "doctor"
HELP = "check config, keyring, servers, folders, scopes, state file, templates and service; say how to fix"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher doctor`."""
    p.add_argument("--account", action="append", metavar="NAME", help="only this account")
    p.add_argument("--offline", action="store_true",
                   help="skip checks that contact servers (a Maildir is still checked)")


@dataclass
class Check:
    """One line of the report: a verdict ('ok', 'warn', 'fail'), what was found, the fix."""

    name: str
    verdict: str
    detail: str
    fix: str = ""


def run(args: argparse.Namespace) -> int:
    """Run every check and print the report. Exit 2 when the config is missing or invalid (the
    contract's code for a bad config, as `check-config`, `scan` and `run` give for it), else 1
    when any check failed, else 0."""
    checks: list[Check] = []
    config = _check_config(args, checks)
    if config is not None:
        for name in args.account or ():
            config.account(name)  # a name that is not in the config: ConfigError, exit 2
        _check_keyring(config, checks)
        for account in config.accounts:
            if args.account and account.name not in args.account:
                continue
            if not args.offline or account.backend == "maildir":  # a Maildir is local
                _check_account(account, checks, config)
        check_state(config, checks)
        _check_templates(config, checks)
    _check_service(checks, config.path if config is not None else None)
    marks = {"ok": "ok  ", "warn": "warn", "fail": "FAIL"}
    for c in checks:
        print(f"[{marks[c.verdict]}] {c.name}: {c.detail}")
        if c.fix and c.verdict != "ok":
            print(f"       fix: {c.fix}")
    failed = sum(c.verdict == "fail" for c in checks)
    warned = sum(c.verdict == "warn" for c in checks)
    parts = [f"{n} {word}" for n, word in ((failed, "failed"), (warned, "warning" + "s" * (warned != 1)))
             if n]
    print(f"\n{len(checks)} checks, {', '.join(parts) if parts else 'all good'}")
    # the report is printed whole either way: the config's problem and the checks that could
    # still run (keyring, service) are what a person at the terminal needs
    bad_config = any(c.name == "config" and c.verdict == "fail" for c in checks)
    return 2 if bad_config else 1 if failed else 0


def _holiday_regions(country: str | None, subdiv: str | None) -> str | None:
    """The regions of `country` whose holidays differ ("ENG, NIR, SCT, WLS"), when a country
    is set without one; None otherwise."""
    if not country or subdiv:
        return None
    import holidays

    try:
        codes = list(getattr(holidays.country_holidays(country), "subdivisions", ()))
    except (NotImplementedError, KeyError, ValueError):  # checked by the config already
        return None
    if not codes:
        return None
    return ", ".join(codes[:8]) + (f" ... {len(codes)} in all" if len(codes) > 8 else "")


def _check_config(args: argparse.Namespace, checks: list[Check]) -> Any:
    from watcher.config import default_config_path, load_config
    from watcher.errors import ConfigError

    given = getattr(args, "config", None)
    path = Path(given) if given else default_config_path()
    if not path.exists():
        if given:
            # a file named on the command line: a script can only have meant that one, so it
            # is a bad config (exit 2, one line), as for every other command
            raise ConfigError(["no such file"], str(path))
        checks.append(Check("config", "fail", f"no config file at {path}",
                            "run `watcher init` (or copy the source's config.example.toml there)"))
        return None
    try:
        config = load_config(path)
    except ConfigError as exc:
        problems = "; ".join(exc.problems[:3]) + (" ..." if len(exc.problems) > 3 else "")
        checks.append(Check("config", "fail", f"{path}: {problems}",
                            f"edit {path}; `watcher check-config` lists every problem"))
        return None
    n = len(config.accounts)
    detail = f"{path} is valid ({n} account{'s' if n != 1 else ''}, zone {config.schedule.timezone})"
    if not n:  # `run` and `scan` refuse such a file (exit 2)
        checks.append(Check("config", "fail", f"{path} has no [[accounts]]",
                            "add an [[accounts]] table (see `watcher init`)"))
    if not config.me.addresses:
        checks.append(Check("config", "warn", detail + "; [me] addresses is empty",
                            "add your addresses to [me] addresses, or your sent mail is not yours"))
    elif n:
        checks.append(Check("config", "ok", detail))
    if not config.me.name.strip():
        # every draft would be signed with a placeholder the user must remember to fill
        checks.append(Check("name", "warn", "[me] name is not set: drafts are signed "
                            "\"[your name]\"", f"set [me] name in {path}"))
    from watcher.zones import fixed_clock_warning

    fixed = fixed_clock_warning(config.schedule.timezone)
    if fixed:  # valid, so not a config problem; but interview times would be read an hour off
        checks.append(Check("zone", "warn", f"[schedule] timezone: {fixed}",
                            f"edit [schedule] timezone in {path}"))
    regions = _holiday_regions(config.schedule.holidays_country, config.schedule.holidays_subdiv)
    if regions:
        # valid, but "GB" alone keeps 7 days a year, England's 9 (Easter Monday, the August
        # bank holiday): a check-in drafted on a day off where the user lives
        country = config.schedule.holidays_country
        checks.append(Check("holidays", "warn", f"[schedule] holidays_country = {country!r} "
                            "without holidays_subdiv: only the holidays of the whole country",
                            f"set [schedule] holidays_subdiv in {path} to your region's code "
                            f"({regions})"))
    mine = {a.lower() for a in config.me.addresses}
    for a in config.accounts:
        login = (a.username or "").strip()
        if config.me.addresses and a.backend == "imap" and "@" in login and login.lower() not in mine:
            checks.append(Check(f"account {a.name} address", "warn",
                                f"it signs in as {login}, which is not in [me] addresses",
                                f"add {login} to [me] addresses in {path} if you send from it: "
                                "mail sent from an address not listed there is read as "
                                "received, and a thank-you you sent from it is drafted again"))
    return config


def _check_templates(config: Any, checks: list[Check]) -> None:
    """The user's own templates against the guide's "mistakes to avoid", as the drafts made from
    them would read (a malformed one is already a config problem). A draft is made whatever it
    finds, and the log only counts findings (they quote the text): here they can be read."""
    folder = config.templates_dir
    if folder is None:
        return
    from watcher.compose import templates_lint
    from watcher.pipeline import sender_for

    findings = templates_lint(folder, sender_for(config.me))
    if not findings:
        checks.append(Check("templates", "ok", f"your templates in {folder} avoid the guide's "
                                               "follow-up mistakes"))
        return
    shown = "; ".join(f.removeprefix(f"{folder}/") for f in findings[:6])
    more = f" (and {len(findings) - 6} more)" if len(findings) > 6 else ""
    checks.append(Check("templates", "warn", f"{len(findings)} of the guide's follow-up mistakes "
                        f"in drafts made from your templates: {shown}{more}",
                        f"edit the files in {folder} (their drafts are still made as written)"))


def _check_keyring(config: Any, checks: list[Check]) -> None:
    needs = [a for a in config.accounts
             if a.backend == "gmail" or (a.backend == "imap" and not a.password_command)]
    if not needs:
        checks.append(Check("keyring", "ok", "not needed (every account uses password_command "
                            "or a Maildir)"))
        return
    from watcher.secrets import keyring_status

    ok, backend, problem = keyring_status()
    if ok:
        checks.append(Check("keyring", "ok", f"usable: {backend}"))
    else:
        checks.append(Check("keyring", "fail", f"not usable ({backend}): {problem}",
                            "install and unlock a Secret Service keyring (GNOME Keyring, KeePassXC), "
                            "or install the keyrings.alt package and set PYTHON_KEYRING_BACKEND="
                            "keyrings.alt.file.PlaintextKeyring (plaintext!), or use "
                            "password_command for IMAP"))


def _check_account(account: Any, checks: list[Check], config: Any = None) -> None:
    from watcher.errors import AuthError, ConfigError, TransientError

    label = f"account {account.name}"

    def said(exc: Exception, *lead: str) -> str:
        # the backend's errors start with the account (and where it connects): the check's
        # label already says so
        text = str(exc)
        for prefix in (f"{label}: ", *lead):
            text = text.removeprefix(prefix)
        return text

    try:
        if account.backend == "imap":
            _check_imap(account, label, checks)
        elif account.backend == "maildir":
            _check_maildir(account, label, checks)
        else:
            _check_gmail(account, label, checks, config)
    except AuthError as exc:
        fix = (f"run `watcher auth {account.backend} --account {account.name}`"
               if account.backend in ("imap", "gmail") else "check the credentials")
        if account.backend == "imap" and account.password_command:
            # the command wins over the keyring: `watcher auth imap` would change nothing
            fix = ("run password_command by hand: its first line must be "
                   + ("a current OAuth access token for the username, with the IMAP scope"
                      if account.auth != "password" else "the password"))
        text = said(exc)
        # a password_command that failed or is missing never reached the server: nothing was
        # refused, and the server is not what to look at
        checks.append(Check(label, "fail", (f"cannot sign in: {text}"
                                            if text.startswith("password_command")
                                            else f"sign-in refused: {text}"), fix))
    except TransientError as exc:
        where = f"{account.host}:{account.port}" if account.backend == "imap" else "the server"
        checks.append(Check(label, "fail", f"cannot reach {where}: "
                                           f"{said(exc, f'cannot connect to {where}: ', f'{where}: ')}",
                            "check host, port and security in the config, and the network"))
    except ConfigError as exc:
        text = said(exc)
        role = re.match(r"folders\.(\w+) = ", text)
        # a folder named in the config that the server lacks: which key, and what to write
        fix = (f"set [accounts.folders] {role.group(1)} to one of the folders listed, or remove "
               "it to find the folder by its SPECIAL-USE flag" if role else
               "list in also_read only other folders of received mail that exist (IMAP: by "
               "the names listed; Maildir: as your sync tool writes them, or full paths)"
               if text.startswith("also_read") else
               "fix the account's table in the config")
        checks.append(Check(label, "fail", text, fix))


def _check_imap(account: Any, label: str, checks: list[Check]) -> None:
    from watcher.backends.imap import ImapBackend

    backend = ImapBackend.from_config(account)
    try:
        folders = backend.folders()
        checks.append(Check(f"{label} server", "ok",
                            f"{account.host}:{account.port} ({account.security}) reachable, "
                            f"signed in as {account.username}"
                            + (f" ({account.auth.upper()})" if account.auth != "password" else "")))
        missing = [r for r in ("sent", "drafts") if not folders.get(r)]
        found = ", ".join(f"{r}={folders[r]}" for r in ("inbox", "sent", "drafts", "all")
                          if folders.get(r))
        if account.also_read:  # each checked against LIST by folders(), or a ConfigError
            found += ", also_read=" + ", ".join(account.also_read)
        fix = "set [accounts.folders] " + ", ".join(f"{m} = \"...\"" for m in missing)
        if "sent" in missing:  # your replies unseen: follow-ups for what you already answered
            checks.append(Check(f"{label} folders", "fail", f"found {found}; no {', '.join(missing)}",
                                fix))
        elif missing:  # the first draft creates a "Drafts" folder, as mail clients do
            checks.append(Check(f"{label} folders", "warn", f"found {found}; no drafts folder: "
                                "the first draft creates \"Drafts\"", fix))
        else:
            checks.append(Check(f"{label} folders", "ok", found))
    finally:
        backend.close()


def _check_maildir(account: Any, label: str, checks: list[Check]) -> None:
    from watcher.backends.maildir import MaildirBackend

    root = Path(account.path)
    if not root.is_dir():  # before the backend, which refuses a missing root without the fix
        checks.append(Check(f"{label} folder", "fail", f"{root} does not exist",
                            "set path to the folder your mail sync tool (mbsync, offlineimap) writes"))
        return
    backend = MaildirBackend.from_config(account)
    found = {r: backend.folder(r) for r in ("inbox", "sent", "drafts")}
    names = ", ".join(f"{r}={d.path if hasattr(d, 'path') else d}" for r, d in found.items() if d)
    also = backend.check_also_read()  # a ConfigError naming also_read when one is wrong
    if also:
        names += ", also_read=" + ", ".join(str(d.path) for d in also)
    inbox = found["inbox"]
    # A folder the config names but that is not there is read as empty, without an error:
    # name the key and the path, or a typo would go unseen until a follow-up is wrong.
    wrong = [(r, backend.overrides[r], d) for r, d in found.items()
             if r in backend.overrides and d is not None and not d.exists()]
    for role, value, d in wrong:
        if role == "drafts":  # written into on the first draft: a new folder the sync uploads
            checks.append(Check(f"{label} folders", "warn",
                                f"[accounts.folders] drafts = \"{value}\": no folder at {d.path} "
                                "yet; the first draft creates it",
                                "leave it if that is your drafts folder; else fix the name"))
        else:  # nothing is read from it: your replies or your mail unseen
            checks.append(Check(f"{label} folders", "fail",
                                f"[accounts.folders] {role} = \"{value}\": no folder at {d.path} "
                                "(no cur/ or new/)",
                                f"set [accounts.folders] {role} = \"...\" to the folder's name as "
                                f"your sync tool writes it under {root}, or to its full path"))
    if any(role != "drafts" for role, _value, _d in wrong):
        pass  # failed above: what was found otherwise is beside the point
    elif inbox is None or not inbox.exists():
        checks.append(Check(f"{label} folders", "warn", f"{names}; no INBOX there (no cur/ or new/)",
                            "set [accounts.folders] inbox = \"...\" to where your sync tool puts it"))
    elif found["sent"] is None:
        checks.append(Check(f"{label} folders", "warn", f"{names}; no Sent folder found",
                            "set [accounts.folders] sent = \"...\" (your sent mail shows your thank-yous)"))
    elif not wrong:
        checks.append(Check(f"{label} folders", "ok", f"layout {backend.layout}: {names}"))
    if not os.access(root, os.W_OK):
        checks.append(Check(f"{label} drafts", "fail", f"{root} is not writable",
                            "drafts are written there: fix the folder's permissions"))


def _check_gmail(account: Any, label: str, checks: list[Check], config: Any = None) -> None:
    from watcher.backends.gmail import SCOPES, GmailBackend
    from watcher.errors import TransientError

    backend = GmailBackend.from_config(account)
    try:
        address = backend.email_address()  # refreshes the token: a revoked grant fails here
        scopes = set(backend.granted_scopes() or SCOPES)
        try:
            send_as: tuple[str, ...] | None = backend.send_as_addresses()
        except TransientError:
            send_as = None  # not worth failing the check: the address is known
    finally:
        backend.close()
    checks.append(Check(f"{label} server", "ok", f"Gmail API reachable, signed in as {address}"))
    if scopes != set(SCOPES):
        checks.append(Check(f"{label} scopes", "fail", "granted: " + ", ".join(sorted(scopes)),
                            f"run `watcher auth gmail --account {account.name}` again "
                            "(the watcher asks for gmail.readonly and gmail.compose only)"))
    else:
        checks.append(Check(f"{label} scopes", "ok", ", ".join(s.rsplit("/", 1)[-1] for s in SCOPES)))
    if config is not None and config.me.addresses:  # empty: the config check said so
        missing = gmail_addresses_missing(config, address, send_as)
        if missing:
            checks.append(Check(f"{label} address", "warn", missing[0], missing[1]))


def gmail_addresses_missing(config: Any, address: str, send_as: tuple[str, ...] | None
                            ) -> tuple[str, str] | None:
    """(what, fix) when the signed-in Gmail address or a "Send mail as" alias is not in
    [me] addresses (doctor, `watcher auth gmail`); None when all are."""
    mine = {a.lower() for a in config.me.addresses}
    missing = [a for a in dict.fromkeys([address.lower(), *(send_as or ())]) if a not in mine]
    if not missing:
        return None
    what = (f"it signs in as {address}, which is not in [me] addresses" if address.lower() in missing
            else "")
    aliases = [a for a in missing if a != address.lower()]
    if aliases:
        what += ("; " if what else "") + (f"\"Send mail as\" alias{'es' * (len(aliases) > 1)} "
                                          f"{', '.join(aliases)} not in [me] addresses")
    where = f" in {config.path}" if config.path else ""
    return what, (f"add {', '.join(missing)} to [me] addresses{where}: mail to an address not "
                  "listed there is not known as addressed to you (a calendar invite to it can "
                  "list you among the interviewers), and mail you sent from it outside Gmail's "
                  "Sent label reads as received")


def check_state(config: Any, checks: list[Check]) -> None:
    """The state file can be written (created by the first scan if missing): changes nothing."""
    from watcher.errors import StoreError
    from watcher.store import inspect

    path = Path(config.state_path).expanduser()
    if not path.exists():
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if folder.is_dir() and os.access(folder, os.W_OK):
            checks.append(Check("state file", "ok", f"{path} does not exist yet; the first "
                                                    "scan creates it"))
        else:
            checks.append(Check("state file", "fail", f"cannot create {path}: {folder} is not "
                                                      "a writable folder",
                                "set [state] path to a folder you can write"))
        return
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        checks.append(Check("state file", "fail", f"{path} is not writable",
                            "fix the permissions, or set [state] path"))
        return
    try:
        version, latest = inspect(path)
    except StoreError as exc:
        checks.append(Check("state file", "fail", str(exc),
                            "move the file aside (the watcher rebuilds it from your mailbox)"))
        return
    if version > latest:
        checks.append(Check("state file", "fail", f"{path} was written by a newer watcher "
                                                  f"(schema {version}, this one knows {latest})",
                            "upgrade the watcher"))
        return
    checks.append(Check("state file", "ok", f"{path} is writable (schema {version})"))


def _instance_name(name: str) -> bool:
    """Whether watcher@NAME can name this file (systemd would escape other characters)."""
    from watcher import service
    from watcher.errors import UsageError

    try:
        service.check_instance(name)
    except UsageError:
        return False
    return True


def _check_service(checks: list[Check], checked: Path | None) -> None:
    from watcher import service

    home = Path.home()
    found = service.installed_paths(home)
    runs = [service.config_run_by(p, home) for p in found]
    known = {r.resolve() for r in runs if r is not None}
    # the instance template: watcher@NAME reads NAME.toml in the watcher config folder
    template = any(p.name == "watcher@.service" for p in found)
    unread = any(r is None and p.name != "watcher@.service" for p, r in zip(found, runs, strict=True))
    folder = service.instance_config("linux", home, "x").parent
    by_template = template and checked is not None and checked.suffix == ".toml" \
        and checked.resolve().parent == folder.resolve() and _instance_name(checked.stem)
    if found and checked is not None and not unread and checked.resolve() not in known \
            and not by_template:
        # an edit of this file (quiet hours...) would change nothing the service does
        others = ", ".join([*sorted(str(r) for r in runs if r is not None),
                            *([f"NAME.toml in {folder} (watcher@NAME)"] if template else [])])
        checks.append(Check("service", "warn", f"installed, but it runs {others}, not {checked}",
                            f"run `watcher --config {checked} install-service` if the service "
                            "should use this file"))
    elif found:
        checks.append(Check("service", "ok", "installed: " + ", ".join(str(p) for p in found)))
    else:
        hint = "launchd agent" if sys.platform == "darwin" else "systemd user unit"
        checks.append(Check("service", "warn", f"no {hint} installed",
                            "run `watcher install-service` to keep the watcher running"))
