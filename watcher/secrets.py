"""Passwords from `password_command` or the OS keyring, behind a `Secret` whose repr is masked.

The only module that imports `keyring`. Secrets never reach logs, reprs or error messages.
"""

from __future__ import annotations

import logging
import os
import shlex
import subprocess

from watcher.errors import AuthError

log = logging.getLogger(__name__)

SERVICE = "watcher"
COMMAND_TIMEOUT = 120.0  # seconds: long enough for a gpg pinentry, short enough not to hang

# Characters that only mean something to a shell: a command using any of them runs under
# /bin/sh -c, as mbsync's PassCmd does; a plain "pass show mail/alex" is executed directly.
_SHELL_CHARS = set("|&;<>()$`\\\"'*?[]#~=%!{}\n")

_NO_KEYRING_FIX = (
    "no usable keyring: install and unlock a Secret Service keyring (GNOME Keyring, KWallet), "
    "or set PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring (stores it in plain "
    "text), or set password_command in the account's config"
)


class Secret:
    """A secret string that prints as `********`; call `reveal()` where the value is needed."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself: pass it straight to the library that needs it."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    def __str__(self) -> str:
        return "********"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __bool__(self) -> bool:
        return bool(self._value)


def keyring_key(account: str) -> str:
    """The keyring user name under service `watcher` for an IMAP account."""
    return f"imap:{account}"


def command_argv(command: str) -> list[str]:
    """How `password_command` is run: directly when plain words, else under `/bin/sh -c`."""
    if _SHELL_CHARS & set(command):
        if os.name == "nt":  # pragma: no cover - no POSIX shell to lean on
            return ["cmd", "/c", command]
        return ["/bin/sh", "-c", command]
    argv = shlex.split(command)
    if not argv:
        raise AuthError("password_command is empty")
    return argv


def run_password_command(account: str, command: str) -> Secret:
    """Run `command`; its first line of stdout is the password. Output never appears in errors."""
    argv = command_argv(command)
    try:
        proc = subprocess.run(
            argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=COMMAND_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise AuthError(f"account {account}: password_command not found: {argv[0]}",
                        account) from exc
    except subprocess.TimeoutExpired as exc:
        raise AuthError(f"account {account}: password_command did not finish within "
                        f"{COMMAND_TIMEOUT:.0f}s", account) from exc
    except OSError as exc:
        raise AuthError(f"account {account}: password_command could not run: "
                        f"{exc.strerror or type(exc).__name__}", account) from exc
    if proc.returncode != 0:
        # Neither stdout nor stderr is quoted: either may hold the secret or parts of it.
        raise AuthError(f"account {account}: password_command failed with exit status "
                        f"{proc.returncode}", account)
    first = proc.stdout.split(b"\n", 1)[0].rstrip(b"\r")
    if not first:
        raise AuthError(f"account {account}: password_command printed no password", account)
    try:
        return Secret(first.decode("utf-8", errors="strict"))
    except UnicodeDecodeError:
        # never chained: the error's repr would quote the password's bytes
        raise AuthError(f"account {account}: password_command printed bytes that are not "
                        "UTF-8", account) from None


def _read(account: str, key: str, fix: str) -> str | None:
    """The keyring's value for `key` (None when absent); keyring failures become AuthError."""
    import keyring
    import keyring.errors

    try:
        value: str | None = keyring.get_password(SERVICE, key)
    except keyring.errors.NoKeyringError as exc:
        raise AuthError(f"account {account}: {_NO_KEYRING_FIX}", account) from exc
    except keyring.errors.KeyringError as exc:
        raise AuthError(f"account {account}: the keyring refused to answer "
                        f"({type(exc).__name__}); {fix}", account) from exc
    return value


def _write(account: str, key: str, secret: Secret | str, what: str) -> None:
    """Store a non-empty secret under `key`; keyring failures become AuthError."""
    import keyring
    import keyring.errors

    value = secret.reveal() if isinstance(secret, Secret) else secret
    if not value:
        raise AuthError(f"account {account}: refusing to store an empty {what}", account)
    try:
        keyring.set_password(SERVICE, key, value)
    except keyring.errors.NoKeyringError as exc:
        raise AuthError(f"account {account}: {_NO_KEYRING_FIX}", account) from exc
    except keyring.errors.KeyringError as exc:
        raise AuthError(f"account {account}: the keyring did not store the {what} "
                        f"({type(exc).__name__})", account) from exc
    log.info("account %s: %s stored in the keyring", account, what)


def _delete(account: str, key: str) -> bool:
    """Remove `key` from the keyring; True when it was there."""
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(SERVICE, key)
    except keyring.errors.PasswordDeleteError:
        return False
    except keyring.errors.NoKeyringError as exc:
        raise AuthError(f"account {account}: {_NO_KEYRING_FIX}", account) from exc
    return True


def get_imap_password(account: str, username: str, password_command: str | None = None) -> Secret:
    """The account's password: from `password_command` when set, else from the keyring.

    Raises AuthError (naming the account and the fix) when neither yields one.
    """
    if password_command:
        log.debug("account %s: password from password_command", account)
        return run_password_command(account, password_command)
    value = _read(account, keyring_key(account), "unlock it or set password_command")
    if value is None:
        raise AuthError(f"account {account}: no password stored for {username or account}: "
                        f"run `watcher auth imap --account {account}` or set password_command",
                        account)
    return Secret(value)


def store_imap_password(account: str, password: Secret | str) -> None:
    """Save the account's password in the keyring (service `watcher`, user `imap:<account>`)."""
    _write(account, keyring_key(account), password, "password")


def delete_imap_password(account: str) -> bool:
    """Remove the stored password; True when there was one."""
    return _delete(account, keyring_key(account))


def gmail_keyring_key(account: str) -> str:
    """The keyring user name under service `watcher` for a Gmail account's refresh token."""
    return f"gmail:{account}"


def get_gmail_refresh_token(account: str) -> Secret:
    """The account's OAuth refresh token (only the token: Windows caps secrets at 2,560 bytes).

    Raises AuthError naming the fix (`watcher auth gmail`) when none is stored.
    """
    value = _read(account, gmail_keyring_key(account), "unlock it")
    if not value:
        raise AuthError(f"account {account}: no Gmail access stored: run "
                        f"`watcher auth gmail --account {account}`", account)
    return Secret(value)


def store_gmail_refresh_token(account: str, token: Secret | str) -> None:
    """Save the refresh token in the keyring (service `watcher`, user `gmail:<account>`)."""
    _write(account, gmail_keyring_key(account), token, "Gmail refresh token")


def delete_gmail_refresh_token(account: str) -> bool:
    """Remove the stored refresh token; True when there was one."""
    return _delete(account, gmail_keyring_key(account))


def keyring_status() -> tuple[bool, str, str]:
    """(usable, backend name, problem) for `watcher doctor`: a real read, nothing stored."""
    import keyring
    import keyring.errors

    try:
        backend = keyring.get_keyring()
    except Exception as exc:  # keyring's own discovery failing is itself the answer
        return False, "none", type(exc).__name__
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    try:
        keyring.get_password(SERVICE, "watcher-doctor-probe")
    except keyring.errors.NoKeyringError:
        return False, name, "no keyring backend is available on this machine"
    except keyring.errors.KeyringError as exc:
        return False, name, f"the keyring refused a read ({type(exc).__name__}); is it locked?"
    if "PlaintextKeyring" in name:
        return True, name + " (stores secrets in plain text)", ""
    return True, name, ""
