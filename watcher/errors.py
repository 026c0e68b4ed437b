"""The project's exceptions, grouped by what the caller does next, and their exit codes.

Library errors are translated into these where they are met: imapclient and googleapiclient in
the backends, keyring in secrets.py, sqlite3 in store.py.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class WatcherError(Exception):
    """Base of every error the watcher raises on purpose."""

    exit_code = EXIT_FAILED


class ConfigError(WatcherError):
    """The config (or a command line) is wrong: say where, exit 2; on reload keep the old one."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: list[str] | str, path: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.path = path
        prefix = f"{path}: " if path else ""
        super().__init__("; ".join(prefix + p for p in self.problems))


class UsageError(WatcherError):
    """A command was called wrongly (missing path, bad option value): exit 2."""

    exit_code = EXIT_USAGE


class AuthError(WatcherError):
    """Credentials are missing, revoked or rejected: stop this account, tell the user to re-auth.

    `by_server`: the mail server refused them (a wrong password, a revoked grant), as opposed
    to a secret that could not be read here (a locked keyring, a failing password_command).
    `held`: no login was tried; an earlier refusal (already reported) holds the account."""

    def __init__(self, message: str, account: str | None = None, *,
                 by_server: bool = False, held: bool = False) -> None:
        self.account = account
        self.by_server = by_server
        self.held = held
        super().__init__(message)


class TransientError(WatcherError):
    """A network or server problem that may pass: retry on the next pass, with backoff."""


class MessageError(WatcherError):
    """One message cannot be read: record it, skip it, go on with the next."""


class StoreError(WatcherError):
    """The state database cannot be opened or migrated."""
