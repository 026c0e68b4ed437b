"""`watcher auth imap --account NAME`: prompt for an IMAP password (never echoed) and keep it
in the OS keyring. `watcher auth gmail` belongs to issue 5 and is not implemented yet.
"""

from __future__ import annotations

import argparse
import sys

NAME = "auth"
HELP = "store an account's credentials in the OS keyring (imap; gmail: not implemented yet)"


def configure(parser: argparse.ArgumentParser) -> None:
    """`auth imap --account NAME [--password-stdin] [--no-check]`, `auth gmail ...`."""
    parser.add_argument("kind", choices=["imap", "gmail"], help="which kind of account")
    parser.add_argument("--account", required=True, metavar="NAME",
                        help="the [[accounts]] name in the config")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin (for scripts)")
    parser.add_argument("--no-check", action="store_true",
                        help="store without first logging in to check the password")


def run(args: argparse.Namespace) -> int:
    """Prompt, check the login (unless --no-check), store; exit 0 stored, 1 failed, 2 config."""
    import getpass
    import logging
    from pathlib import Path

    from watcher.config import load_config
    from watcher.errors import AuthError, ConfigError, TransientError
    from watcher.secrets import Secret, store_imap_password

    log = logging.getLogger(__name__)
    if args.kind == "gmail":
        print("watcher auth gmail: not implemented yet: issue 5", file=sys.stderr)
        return 1
    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    account = next((a for a in config.accounts if a.name == args.account), None)
    if account is None:
        names = ", ".join(a.name for a in config.accounts) or "none"
        raise ConfigError(f"no account named {args.account!r} in [[accounts]] (have: {names})")
    if account.backend != "imap":
        raise ConfigError(f"[[accounts]] {args.account!r}: backend is {account.backend!r}, "
                          "not \"imap\"")
    if account.password_command:
        print(f"note: account {args.account} sets password_command, which is used instead of "
              "the keyring while it is set", file=sys.stderr)
    if args.password_stdin:
        line = sys.stdin.readline()
        password = Secret(line.rstrip("\r\n"))
    else:
        password = Secret(getpass.getpass(
            f"IMAP password for {account.username} ({args.account}, {account.host}): "))
    if not password:
        print("watcher auth: empty password, nothing stored", file=sys.stderr)
        return 1
    if not args.no_check:
        from watcher.backends.imap import ImapBackend

        backend = ImapBackend.from_config(account, password=password)
        try:
            backend.folders()  # connects and logs in
        except AuthError:
            print(f"watcher auth: {account.host} refused this password for "
                  f"{account.username}; nothing stored", file=sys.stderr)
            return 1
        except TransientError as exc:
            log.warning("could not reach %s to check the password (%s); storing it anyway",
                        account.host, type(exc).__name__)
        finally:
            backend.close()
    store_imap_password(args.account, password)
    print(f"stored the password of account {args.account} in the keyring")
    return 0
