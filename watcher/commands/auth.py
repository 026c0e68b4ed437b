"""`watcher auth imap|gmail`: keep an account's IMAP password or Gmail refresh token in the OS keyring.

`auth imap` prompts for the password (never echoed). `auth gmail` signs in with the user's own
OAuth client (loopback redirect, or a pasted URL on a headless machine) and keeps only the
refresh token.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)

NAME = "auth"
HELP = "store an account's credentials in the OS keyring (imap password, gmail sign-in)"


def configure(parser: argparse.ArgumentParser) -> None:
    """`auth imap --account NAME [--password-stdin] [--no-check]`, `auth gmail ...`."""
    parser.add_argument("kind", choices=["imap", "gmail"], help="which kind of account")
    parser.add_argument("--account", metavar="NAME",
                        help="the [[accounts]] name in the config (optional when the config "
                             "has one account of this kind)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from the first line of stdin (for scripts)")
    parser.add_argument("--no-check", action="store_true",
                        help="store without first logging in to check the password")
    gmail = parser.add_argument_group("gmail")
    gmail.add_argument("--client-secrets", metavar="FILE",
                       help="the OAuth client JSON downloaded from the Google Cloud console "
                            "(Desktop app); copied to the config directory unless the account "
                            "sets client_secrets")
    gmail.add_argument("--port", type=int, default=0, metavar="N",
                       help="loopback port for Google's redirect (default: any free port; fix "
                            "one to forward it with `ssh -L N:localhost:N` from a laptop)")
    gmail.add_argument("--no-browser", action="store_true",
                       help="print the sign-in URL instead of opening a browser")
    gmail.add_argument("--paste", action="store_true",
                       help="headless: print the URL, then paste back the address the browser "
                            "was sent to (the page itself will not load)")


def run(args: argparse.Namespace) -> int:
    """Prompt, check the login (unless --no-check), store; exit 0 stored, 1 failed (also
    stored, unchecked, when the server could not be reached), 2 config."""
    import getpass
    from pathlib import Path

    from watcher.config import load_config
    from watcher.errors import AuthError, ConfigError, TransientError, UsageError
    from watcher.secrets import Secret, keyring_status, store_imap_password

    if args.kind == "gmail":
        return run_gmail(args)
    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    account = pick_account(config, args, args.kind)
    if account.backend != "imap":
        raise ConfigError(f"[[accounts]] {args.account!r}: backend is {account.backend!r}, "
                          "not \"imap\"")
    if account.auth != "password":
        # nothing lasting to keep: an access token expires within the hour
        raise ConfigError(f"[[accounts]] {args.account!r}: auth = {account.auth!r} takes its "
                          "access token from password_command (an OAuth helper), never from "
                          "the keyring: there is no password to store")
    if account.password_command:
        print(f"note: account {args.account} sets password_command, which is used instead of "
              "the keyring while it is set", file=sys.stderr)
    # Before the prompt and the login check: a keyring that cannot store it is said first
    ok, name, problem = keyring_status()
    if not ok:
        raise AuthError(f"account {args.account}: the keyring cannot store a password ({name}): "
                        f"{problem}; fix it, or set password_command in the account's config",
                        args.account)
    if args.password_stdin:
        line = sys.stdin.readline()
        password = Secret(line.rstrip("\r\n"))
    else:
        if not sys.stdin or not sys.stdin.isatty():
            # getpass would prompt on /dev/tty while a pipe waits on stdin, or, with no
            # terminal at all, read stdin with echo on after a warning
            raise UsageError("stdin is not a terminal: pipe the password in with "
                             "--password-stdin")
        try:
            password = Secret(getpass.getpass(
                f"IMAP password for {account.username} ({args.account}, {account.host}): "))
        except EOFError:  # Ctrl-D at the prompt
            print("\nwatcher auth: no password entered, nothing stored", file=sys.stderr)
            return 1
    if not password:
        print("watcher auth: empty password, nothing stored", file=sys.stderr)
        return 1
    unreached: str | None = None
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
            unreached = type(exc).__name__
        finally:
            backend.close()
    store_imap_password(args.account, password)
    if unreached is not None:
        # Kept, as the user may be offline and typed it once; but not a success: exit 1 tells
        # a script it was never checked (--no-check stores unchecked on purpose, exit 0)
        print(f"watcher auth: could not reach {account.host} to check the password "
              f"({unreached}); stored it in the keyring unchecked: `watcher doctor --account "
              f"{args.account}` checks it once the server can be reached", file=sys.stderr)
        return 1
    print(f"stored the password of account {args.account} in the keyring (a running service "
          "uses it at its next login; `systemctl --user reload watcher` makes that now)")
    _say_if_plain_text(name)
    return 0


def _say_if_plain_text(backend: str) -> None:
    """A plain-text keyring keeps the password readable in a file: the user who stored it
    should know where."""
    from watcher.secrets import plain_text_file

    where = plain_text_file() if "PlaintextKeyring" in backend else None
    if where is not None:
        print(f"note: this keyring (PlaintextKeyring) keeps it in plain text in {where}; "
              "password_command (e.g. 'pass show mail') keeps it out of files")


# ------------------------------------------------------------------------------ gmail

PASTE_PORT = 8080  # nothing listens: the browser fails to load it and shows the address


def _oauth_env() -> Any:
    """Allow the http://localhost redirect and let us check the granted scopes ourselves."""
    import contextlib
    import os

    @contextlib.contextmanager
    def scoped() -> Iterator[None]:
        keys = ("OAUTHLIB_INSECURE_TRANSPORT", "OAUTHLIB_RELAX_TOKEN_SCOPE")
        saved = {k: os.environ.get(k) for k in keys}
        os.environ.update(dict.fromkeys(keys, "1"))
        try:
            yield
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    return scoped()


def paste_flow(flow: Any, port: int, read_line: Callable[[], str],
               write: Callable[[str], None]) -> Any:
    """Sign in without a local browser: print the URL, read back the redirected address."""
    from watcher.errors import UsageError

    flow.redirect_uri = f"http://localhost:{port}/"
    url, _state = flow.authorization_url(access_type="offline", prompt="consent")
    write("Open this address in a browser on any machine and allow access:\n\n"
          f"    {url}\n\n"
          f"The browser then goes to http://localhost:{port}/?... and shows an error page: that "
          "is expected. Copy the whole address from its address bar and paste it here.")
    try:
        answer = read_line().strip()
    except EOFError:  # Ctrl-D, or no stdin at all
        answer = ""
    if "code=" not in answer:
        raise UsageError("that is not the redirected address (it has no code=...); "
                         "run `watcher auth gmail --paste` again")
    with _oauth_env():
        flow.fetch_token(authorization_response=answer)
    return flow.credentials


def check_scopes(granted: Iterable[str] | None) -> None:
    """Refuse a grant broader or narrower than gmail.readonly + gmail.compose."""
    from watcher.backends.gmail import SCOPES
    from watcher.errors import AuthError

    got = set(granted or ())
    if got and got != set(SCOPES):
        extra, missing = sorted(got - set(SCOPES)), sorted(set(SCOPES) - got)
        raise AuthError("Google granted other scopes than the watcher asks for "
                        f"(extra: {extra or 'none'}, missing: {missing or 'none'}); nothing "
                        "stored. Allow exactly gmail.readonly and gmail.compose.")


def run_gmail(args: argparse.Namespace, read_line: Callable[[], str] | None = None,
              write: Callable[[str], None] | None = None) -> int:
    """Sign in, check the scopes, store the refresh token, copy the client secrets."""
    read_line = read_line or input
    write = write or print
    import os
    from pathlib import Path

    from watcher.backends.gmail import (
        SCOPES,
        GmailBackend,
        default_client_secrets_path,
        load_client_secrets,
        make_credentials,
    )
    from watcher.config import load_config
    from watcher.errors import ConfigError, TransientError, UsageError
    from watcher.secrets import Secret, gmail_keyring_key, store_gmail_refresh_token

    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    account = pick_account(config, args, args.kind)
    if account.backend != "gmail":
        raise ConfigError(f"[[accounts]] {args.account!r}: backend is {account.backend!r}, "
                          "not \"gmail\"")
    # The config's client_secrets is used where it is; without one, the file given here is
    # copied to the config directory, where the daemon finds it.
    keep = account.client_secrets or default_client_secrets_path(account.name)
    source = Path(args.client_secrets) if args.client_secrets else keep
    if (account.client_secrets and args.client_secrets
            and source.resolve() != Path(account.client_secrets).resolve()):
        raise UsageError(f"account {account.name} sets client_secrets = {account.client_secrets}"
                         "; sign in with that file (leave out --client-secrets) or change the "
                         "config first")
    if not source.exists():
        raise UsageError(f"no OAuth client secrets at {source}: pass --client-secrets FILE "
                         "(the JSON of a Desktop app client from the Google Cloud console; "
                         "the README explains how to make one)")
    client = load_client_secrets(source)  # ConfigError when it is not a client-secrets JSON
    import requests.exceptions
    from google_auth_oauthlib.flow import InstalledAppFlow
    from oauthlib.oauth2.rfc6749.errors import OAuth2Error  # type: ignore[import-untyped]

    from watcher.errors import AuthError

    flow = InstalledAppFlow.from_client_secrets_file(str(source), scopes=list(SCOPES))
    try:
        if args.paste:
            creds = paste_flow(flow, args.port or PASTE_PORT, read_line, write)
        else:
            with _oauth_env():
                creds = flow.run_local_server(
                    host="localhost", port=args.port, open_browser=not args.no_browser,
                    access_type="offline", prompt="consent",
                    authorization_prompt_message="Open this address to sign in to Gmail: {url}",
                    success_message="Signed in: you can close this tab and go back to the "
                                    "watcher.")
    except OAuth2Error as exc:
        raise AuthError(f"Google refused the sign-in ({exc.error}); nothing stored",
                        account.name) from exc
    except requests.exceptions.RequestException as exc:
        raise TransientError(f"could not reach Google's token endpoint ({type(exc).__name__}); "
                             "nothing stored") from exc
    except OSError as exc:
        raise UsageError(f"cannot listen on localhost:{args.port} for Google's redirect "
                         f"({exc.strerror or exc}); choose another --port") from exc
    check_scopes(getattr(creds, "granted_scopes", None) or getattr(creds, "scopes", None))
    if not creds.refresh_token:
        print("watcher auth: Google sent no refresh token; remove the app's access at "
              "https://myaccount.google.com/permissions and run `watcher auth gmail` again",
              file=sys.stderr)
        return 1
    token = Secret(creds.refresh_token)
    backend = GmailBackend(account.name, make_credentials(client, token.reveal()),
                           api_endpoint=account.api_endpoint, batch_uri=account.batch_uri)
    send_as: tuple[str, ...] | None = None
    try:
        address = backend.email_address()
        try:
            send_as = backend.send_as_addresses()
        except TransientError:
            pass  # the address alone is checked
    except TransientError as exc:
        log.warning("could not reach Gmail to check the sign-in (%s)", exc)
        address = None
    finally:
        backend.close()
    store_gmail_refresh_token(account.name, token)
    if source.resolve() != Path(keep).resolve():
        Path(keep).parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # readable by the user only from the first byte: it holds the OAuth client's secret
        fd = os.open(keep, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(source.read_bytes())
    who = f" ({address})" if address else ""
    write(f"stored the Gmail refresh token of account {account.name}{who} in the keyring "
          f"(service \"watcher\", user \"{gmail_keyring_key(account.name)}\"); OAuth client: "
          f"{keep}. Scopes: gmail.readonly, gmail.compose. The watcher never sends mail. "
          "A running service uses it at its next login; `systemctl --user reload watcher` "
          "makes that now.")
    if address:
        from watcher.commands.doctor import gmail_addresses_missing

        missing = gmail_addresses_missing(config, address, send_as)
        if missing:
            write(f"warning: {missing[0]}\n  fix: {missing[1]}")
    return 0


def pick_account(config: Any, args: argparse.Namespace, backend: str) -> Any:
    """The account named by --account, or the config's only account of `backend`."""
    from watcher.errors import ConfigError

    if args.account is None:
        mine = [a for a in config.accounts if a.backend == backend]
        if not mine:
            raise ConfigError(f"the config has no {backend} account (backend = \"{backend}\" in an "
                              "[[accounts]] table)", str(config.path) if config.path else None)
        if len(mine) != 1:
            names = ", ".join(a.name for a in mine)
            raise ConfigError(f"name the account with --account ({backend} accounts: {names})")
        args.account = mine[0].name
    account = next((a for a in config.accounts if a.name == args.account), None)
    if account is None:
        names = ", ".join(a.name for a in config.accounts) or "none"
        raise ConfigError(f"no account named {args.account!r} in [[accounts]] (have: {names})")
    return account
