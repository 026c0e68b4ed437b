"""Passwords from `password_command` or the OS keyring, behind a `Secret` whose repr is masked.

The only module that imports `keyring`. Secrets never reach logs, reprs or error messages.
"""

from __future__ import annotations

import logging
import os
import shlex
import signal
import subprocess
from typing import Any

from watcher.errors import AuthError

log = logging.getLogger(__name__)

SERVICE = "watcher"
COMMAND_TIMEOUT = 120.0  # seconds: long enough for a gpg pinentry, short enough not to hang

# Characters that only mean something to a shell: a command using any of them runs under
# /bin/sh -c, as mbsync's PassCmd does; a plain "pass show mail/alex" is executed directly.
_SHELL_CHARS = set("|&;<>()$`\\\"'*?[]#~=%!{}\n")

# keyrings.alt is not one of the watcher's dependencies: naming the backend alone would fail.
_NO_KEYRING_FIX = (
    "no usable keyring: install and unlock a Secret Service keyring (GNOME Keyring, KWallet), "
    "or install the keyrings.alt package and set "
    "PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring (stores it in plain text), or "
    "set password_command in the account's config"
)
_STDERR_LINES = 3  # the end of a failing command's stderr shown in its error (gpg's reason)
_STDERR_CHARS = 300


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


def _prompt_terminal() -> bool:
    """This process is in the foreground of its controlling terminal: someone may answer a
    prompt the command opens on /dev/tty (age's passphrase, gpg --pinentry-mode loopback)."""
    if os.name == "nt":  # pragma: no cover - no controlling terminals
        return False
    try:
        fd = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:  # ENXIO: none (the service, cron)
        return False
    try:
        return os.tcgetpgrp(fd) == os.getpgrp()
    except OSError:
        return False
    finally:
        os.close(fd)


def _kill_group(proc: subprocess.Popen[bytes], group: bool) -> None:
    """Kill the command, and everything it started when it leads its own session (`pass`
    runs gpg, `sh -c` a pipeline)."""
    try:
        if os.name == "nt" or not group:
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def _not_found(account: str) -> AuthError:
    # The program's name is not quoted: a password typed into password_command by mistake
    # would be the name. PATH is, as a service's PATH is not the login shell's.
    return AuthError(f"account {account}: password_command's program was not found in "
                     f"PATH={os.environ.get('PATH', os.defpath)}; give its full path", account)


def _stderr_tail(stderr: bytes, stdout: bytes, shell: str | None = None) -> str:
    """The last lines of stderr for an error message, with anything stdout printed masked
    and the lines of `shell` (led by "/bin/sh:") left out."""
    text = stderr.decode("utf-8", errors="replace")
    for line in stdout.decode("utf-8", errors="replace").splitlines():
        if line.strip():
            text = text.replace(line, "********")
    # The shell's own messages quote the command: dash "/bin/sh: 1: WORD: not found" (a
    # trailing & runs WORD in the background and exits 0), bash the whole line after a
    # syntax error. A password typed into password_command by mistake is that command.
    lines = ["".join(c if c.isprintable() else " " for c in line).strip()
             for line in text.splitlines()
             if shell is None or not line.startswith(f"{shell}:")]
    tail = " / ".join([line for line in lines if line][-_STDERR_LINES:])
    if len(tail) > _STDERR_CHARS:
        tail = "..." + tail[-_STDERR_CHARS:]
    return f": {tail}" if tail else ""


def run_password_command(account: str, command: str) -> Secret:
    """Run `command`; its first line of stdout is the password. Output never appears in errors.

    On failure the end of its stderr is shown (gpg and pass say why there), with whatever it
    printed on stdout masked. None of the errors chain the subprocess exception: its text
    quotes the command line and its partial output.
    """
    argv = command_argv(command)
    shell = argv[0] in ("/bin/sh", "cmd")
    # Its own session: on a timeout the whole group is killed, not only `sh` or `pass` while
    # their gpg waits on a pinentry for ever, one more at each pass. Not at a terminal: a
    # new session has none, and a command that prompts on /dev/tty could not (Ctrl-C stops
    # it and all it started there).
    group = not _prompt_terminal()
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, start_new_session=group)
    except FileNotFoundError:
        raise _not_found(account) from None
    except OSError as exc:
        raise AuthError(f"account {account}: password_command could not run: "
                        f"{exc.strerror or type(exc).__name__}", account) from None
    with proc:
        try:
            out, err = proc.communicate(timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill_group(proc, group)
            raise AuthError(f"account {account}: password_command did not finish within "
                            f"{COMMAND_TIMEOUT:g}s (killed)", account) from None
        except BaseException:  # Ctrl-C, TERM: leave nothing running behind
            _kill_group(proc, group)
            raise
    if shell and proc.returncode == 127:
        # the shell's "sh: 1: WORD: not found" quotes the word, which may be the password
        raise _not_found(account)
    said = _stderr_tail(err, out, argv[0] if shell else None)
    if proc.returncode != 0:
        raise AuthError(f"account {account}: password_command failed with exit status "
                        f"{proc.returncode}{said}", account)
    first = out.split(b"\n", 1)[0].rstrip(b"\r")
    if not first:
        raise AuthError(f"account {account}: password_command printed no password{said}",
                        account)
    try:
        return Secret(first.decode("utf-8", errors="strict"))
    except UnicodeDecodeError:
        # never chained: the error's repr would quote the password's bytes
        raise AuthError(f"account {account}: password_command printed bytes that are not "
                        "UTF-8", account) from None


def _load_problem(exc: Exception) -> str:
    """Which keyring backend setting failed to load, and keyring's reason."""
    # keyring raises whatever loading the named class raised: ModuleNotFoundError when
    # keyrings.alt is not installed, AttributeError for a misspelt class, RuntimeError when
    # the Secret Service is not running, ValueError for an empty name. No secret is involved
    # yet, so its text is shown.
    named = os.environ.get("PYTHON_KEYRING_BACKEND")
    where = (f"PYTHON_KEYRING_BACKEND={named}" if named is not None
             else "the backend named in keyring's keyringrc.cfg")
    return f"{where} cannot be loaded ({str(exc)[:200] or type(exc).__name__})"


def _backend(account: str) -> Any:
    """The keyring backend; one that cannot be loaded is an AuthError saying which and why."""
    import keyring

    try:
        return keyring.get_keyring()
    except Exception as exc:
        raise AuthError(f"account {account}: {_load_problem(exc)}: fix or unset it "
                        "(keyrings.alt backends need the keyrings.alt package), or set "
                        "password_command in the account's config", account) from None


def _keyring_call(account: str, action: str, fix: str, call: Any, *args: str) -> Any:
    """Call a keyring backend method; every failure becomes an AuthError naming the fix."""
    import keyring.errors

    try:
        return call(*args)
    except keyring.errors.NoKeyringError as exc:
        raise AuthError(f"account {account}: {_NO_KEYRING_FIX}", account) from exc
    except keyring.errors.KeyringError as exc:
        raise AuthError(f"account {account}: the keyring {action} ({type(exc).__name__}); "
                        f"{fix}", account) from exc
    except Exception as exc:
        # A backend's own errors (D-Bus, a corrupt keyring file) are not KeyringErrors, and
        # their text can quote the stored secret: the type only, never chained.
        raise AuthError(f"account {account}: the keyring {action} ({type(exc).__name__}); "
                        f"{fix}", account) from None


def _read(account: str, key: str, fix: str) -> str | None:
    """The keyring's value for `key` (None when absent); keyring failures become AuthError."""
    backend = _backend(account)
    value: str | None = _keyring_call(account, "refused to answer", fix,
                                      backend.get_password, SERVICE, key)
    return value


def _write(account: str, key: str, secret: Secret | str, what: str) -> None:
    """Store a non-empty secret under `key`; keyring failures become AuthError."""
    value = secret.reveal() if isinstance(secret, Secret) else secret
    if not value:
        raise AuthError(f"account {account}: refusing to store an empty {what}", account)
    backend = _backend(account)
    _keyring_call(account, f"did not store the {what}", "unlock it or check its backend",
                  backend.set_password, SERVICE, key, value)
    log.info("account %s: %s stored in the keyring", account, what)


def _delete(account: str, key: str) -> bool:
    """Remove `key` from the keyring; True when it was there."""
    import keyring.errors

    backend = _backend(account)

    def delete() -> bool:
        try:
            backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return False
        return True

    return bool(_keyring_call(account, "did not delete it", "unlock it", delete))


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
        return False, "none", _load_problem(exc)
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    try:
        backend.get_password(SERVICE, "watcher-doctor-probe")
    except keyring.errors.NoKeyringError:
        return False, name, "no keyring backend is available on this machine"
    except Exception as exc:  # KeyringError, or a backend's own (D-Bus) error: the type only
        return False, name, f"the keyring refused a read ({type(exc).__name__}); is it locked?"
    if "PlaintextKeyring" in name:
        return True, name + " (stores secrets in plain text)", ""
    return True, name, ""


def plain_text_file() -> str | None:
    """The file a plain-text keyring (keyrings.alt's PlaintextKeyring, the README's fallback
    on a machine without a keyring daemon) keeps secrets in, readable; None for any other."""
    import keyring

    try:
        backend = keyring.get_keyring()
    except Exception:  # keyring's discovery failing: no file to name
        return None
    if "PlaintextKeyring" not in type(backend).__name__:
        return None
    return str(getattr(backend, "file_path", None) or "a file")
