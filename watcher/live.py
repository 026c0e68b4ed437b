"""The live engine behind `watcher scan`, `watcher run` and `make demo`: config to backends,
store and pipeline, one pass at a time, plus push sources for the daemon.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from watcher.backends.base import (
    Backend,
    BodiesHook,
    CandidateFilter,
    RemoteMessage,
    SizeHook,
    SyncBatch,
)
from watcher.backends.retry import stopping
from watcher.config import AccountConfig, Config
from watcher.errors import AuthError, ConfigError, StoreError, UsageError, WatcherError
from watcher.models import Draft
from watcher.state import DraftStatus

log = logging.getLogger(__name__)

T = TypeVar("T")

# After an account's login is refused by its server (a wrong or changed password, a revoked
# grant), nothing logs in to it again for AUTH_HOLD seconds, doubling at each refusal up to
# AUTH_HOLD_MAX; a secret that could not be read here (a locked keyring, a failing
# password_command) holds AUTH_HOLD each time. Without it a wrong password was tried at every pass (twice with a draft due,
# and the daemon passes every minute while one is) and by the push thread, and after a few
# of those providers lock the account for all the user's mail clients and fail2ban bans the
# address (5 failures in 10 minutes by default). A config reload (HUP, an edit) tries at once.
AUTH_HOLD = 300.0
AUTH_HOLD_MAX = 3600.0


class LoginGate:
    """One account's hold after a refused login, shared by its pass backend and push source.

    On the wall clock (injected), not the monotonic one: a hold should run on while a laptop
    sleeps, so the pass on waking tries again; a clock set back ends it (never stretches it).
    `one_shot` (`watcher scan`): the hold ends with the run, as the next scan tries at once,
    and the log says so."""

    def __init__(self, account: str, clock: Callable[[], float] = time.time,
                 one_shot: bool = False) -> None:
        self.account = account
        self.clock = clock
        self.one_shot = one_shot
        self.refusals = 0  # in a row; a success resets it
        self._count = 0  # every refusal ever: a call's token (see `token`)
        self._since = self._until = 0.0
        self._error: AuthError | None = None
        self._lock = threading.Lock()  # the push thread and the main loop both report

    def held(self) -> float:
        """Seconds until a login may be tried again (0: now)."""
        with self._lock:
            if self._error is None:
                return 0.0
            now = self.clock()
            if now < self._since:  # the clock was set back
                return 0.0
            return max(0.0, self._until - now)

    def check(self) -> None:
        """AuthError (the refusal's own words) while held: no login is attempted."""
        left = self.held()
        if left > 0 and self._error is not None:
            raise AuthError(f"{self._error} ({self._not_again(left)})", self.account,
                            held=True)

    def _not_again(self, hold: float) -> str:
        if self.one_shot:
            return "login not tried again in this scan"
        return f"login not tried again for {hold:.0f} s, or at a config reload"

    def token(self) -> int:
        """Taken before a call, given to `succeeded` after it."""
        return self._count

    def refused(self, exc: AuthError) -> None:
        with self._lock:
            self._count += 1
            if exc.by_server:
                self.refusals += 1
                hold = min(AUTH_HOLD_MAX, AUTH_HOLD * 2 ** min(self.refusals - 1, 20))
            else:
                # Read here, not refused by a server (a keyring locked at boot, a pinentry
                # nobody answered): nothing to protect the account from, so no doubling; a
                # fixed hold keeps unlock dialogs from popping up at every pass.
                hold = AUTH_HOLD
            self._since = self.clock()
            self._until = self._since + hold
            self._error = exc
        again = "not tried again in this scan" if self.one_shot else \
            f"not tried again for {hold:.0f} s"
        if exc.by_server:
            log.warning("%s: login refused; %s", self.account, again)
        else:
            # the server was never asked: "login refused" sent users to their password
            log.warning("%s: the password or token could not be read here; %s", self.account,
                        again)

    def succeeded(self, token: int) -> None:
        """A call begun at `token` worked. Ignored when a refusal came meanwhile: an IDLE
        begun on a connection logged in before the password changed ends well after the
        pass met the refusal, and must not end its hold."""
        with self._lock:
            if token == self._count:
                self.refusals, self._error = 0, None

    def retry_now(self) -> None:
        """End the hold (the config was reloaded: the user may have fixed the password);
        a further refusal still holds longer."""
        with self._lock:
            self._until = self._since


class _Closed(Exception):
    """The gated backend was closed while a call reopened it: no new login is made."""


class _Gated:
    """A backend whose calls first ask the account's LoginGate (implements Backend).

    With `reopen`, a call after a refusal (this backend's, or the push thread's) starts from a
    freshly opened backend: backends keep the secret they read (ImapBackend its password until
    its own login is refused, GmailBackend its credentials for good), so the old one logged in
    with the old secret after the user had fixed it (`watcher auth`), and was refused again."""

    def __init__(self, backend: Backend, gate: LoginGate,
                 reopen: Callable[[], Backend] | None = None,
                 closed: threading.Event | None = None) -> None:
        self.backend = backend
        self.gate = gate
        self.name = backend.name
        self._reopen = reopen
        self._closed = closed  # set by another thread (the push source's close)
        self._opened = gate.token()  # the refusals there were when `backend` was opened

    def __getattr__(self, attr: str) -> Any:  # anything beyond the protocol
        if attr == "backend":  # not set yet (a copy being made): no recursion
            raise AttributeError(attr)
        return getattr(self.backend, attr)

    def call(self, fn: Callable[[Any], T]) -> T:
        """`fn(backend)` unless the login is held; refusals and successes go to the gate."""
        self.gate.check()
        token = self.gate.token()
        if token != self._opened and self._reopen is not None:
            fresh, stale = self._reopen(), self.backend
            self.backend, self._opened = fresh, token
            stale.close()
            if self._closed is not None and self._closed.is_set():
                fresh.close()  # closed meanwhile (shutdown, reload): no new login
                raise _Closed
        try:
            result = fn(self.backend)
        except AuthError as exc:
            self.gate.refused(exc)
            raise
        self.gate.succeeded(token)
        return result

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        return self.call(lambda b: b.sync(cursor, is_candidate, on_bodies, on_size))

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        return self.call(lambda b: b.list_drafts(known))

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        return self.call(lambda b: b.create_draft(draft, raw))

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        return self.call(lambda b: b.fetch_message(ref))

    def close(self) -> None:
        self.backend.close()


def open_backend(account: AccountConfig, config: Config | None = None) -> Backend:
    """The backend for one [[accounts]] entry (connections are opened lazily)."""
    if account.backend == "imap":
        from watcher.backends.imap import ImapBackend

        return ImapBackend.from_config(account)
    if account.backend == "maildir":
        from watcher.backends.maildir import MaildirBackend

        return MaildirBackend.from_config(account)
    if account.backend == "gmail":
        from watcher.backends.gmail import GmailBackend

        extra = config.classify.ats_domains if config is not None else ()
        phrases = config.classify.interview_phrases if config is not None else ()
        backend: Backend = GmailBackend.from_config(account, ats_domains=extra,
                                                    interview_phrases=phrases)
        return backend
    raise ConfigError(f"account {account.name}: unknown backend {account.backend!r}")


class ImapPush:
    """IDLE for one IMAP account, on connections of its own (a pass never waits on it).

    Its calls go through the account's LoginGate (shared with its pass backend; one of its
    own without), reopening the backend after a refusal as the pass backend does."""

    def __init__(self, name: str, backend: Any, gate: LoginGate | None = None,
                 wait: Callable[[float], object] | None = None,
                 reopen: Callable[[], Any] | None = None) -> None:
        self.name = name
        self.gate = gate if gate is not None else LoginGate(name)
        self.wait = wait  # default: until close(), at most n s
        self._closed = threading.Event()
        self._gated = _Gated(backend, self.gate, reopen, self._closed)

    @property
    def backend(self) -> Any:
        """The backend now in use (a new one after a refusal)."""
        return self._gated.backend

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds in IDLE; True when INBOX or Sent changed.

        Touches no server once the process is stopping (the pass that ends now is the last),
        nor while the account's login is held after a refusal: it just waits then."""
        held = self.gate.held()
        if stopping.is_set() or held > 0:
            # Without IDLE the backend polls STATUS after a stop-aware sleep, which returns
            # at once after TERM: returning at once here too would spin the push thread.
            pause = timeout if stopping.is_set() else min(timeout, held)
            (self.wait or self._closed.wait)(pause)
            return False
        try:
            return bool(self._gated.call(lambda b: b.wait_for_change(timeout)))
        except _Closed:
            return False

    def close(self) -> None:
        """Leave IDLE and log out."""
        self._closed.set()
        self._gated.close()


@dataclass
class LiveEngine:
    """One store and the accounts' backends; `run_pass` is `pipeline.tick` at `now`."""

    config: Config
    accounts: tuple[str, ...] | None = None  # None: every account
    dry_run: bool = False
    progress: Any = None  # callable(stage: str, done: int, total: int) for `scan` on a terminal
    clock: Callable[[], float] = time.time  # for the login holds (LoginGate)
    one_shot: bool = False  # `watcher scan`: one pass, so a login hold ends with it
    _engine: Any = field(init=False, default=None)
    _gates: dict[str, LoginGate] = field(init=False, default_factory=dict)
    _push: list[ImapPush] | None = field(init=False, default=None)
    _version: int | None = field(init=False, default=None)  # the store's data_version last seen
    _broken: dict[str, tuple[AccountConfig, str]] = field(init=False, default_factory=dict)
    on_close: Callable[[], None] | None = field(init=False, default=None)  # run last by close()

    def __post_init__(self) -> None:
        from watcher.pipeline import Engine
        from watcher.store import Store, snapshot

        chosen = [a for a in self.config.accounts
                  if self.accounts is None or a.name in self.accounts]
        if self.accounts is not None:
            unknown = set(self.accounts) - {a.name for a in chosen}
            if unknown:
                raise ConfigError(f"no account named {', '.join(sorted(unknown))} in the config")
        backends: dict[str, Backend] = {}
        for a in chosen:
            try:
                backends[a.name] = self._open(a)
            except (WatcherError, OSError) as exc:
                # One account's problem (a Maildir on an unmounted disk, a path that names a
                # file, ...) must not stop the others: it fails each pass, and is tried
                # again, until it is fixed.
                log.error("%s: %s", a.name, exc)
                self._broken[a.name] = (a, str(exc))
        if self.dry_run and not self.config.state_path.expanduser().exists():
            # a dry run changes nothing, not even by creating the state file: a first
            # dry run works on an empty state in memory, as a first real pass would on disk
            store = Store(":memory:")
        elif self.dry_run:
            # on a copy in memory: a pass holds the write lock throughout (network included),
            # which would hold up the running service's commits (and an older schema would
            # be migrated on disk)
            store = snapshot(self.config.state_path.expanduser())
        else:
            self._hint_shared_state()
            self.config.state_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            store = Store(self.config.state_path)
        self._engine = Engine(self.config, store, backends, dry_run=self.dry_run,
                              progress=self.progress)

    def _hint_shared_state(self) -> None:
        """A config file outside the config folder starts a state file of its own: say where
        the one it may have shared with others is, in case that history was its own."""
        from watcher.config import shared_state_path

        cfg = self.config
        if cfg.path is None or cfg.state_path.expanduser().exists():
            return
        old = shared_state_path(cfg.path)
        if old is not None and old != cfg.state_path:
            log.warning("%s: starting a new state file %s (config files elsewhere than the config "
                        "folder no longer share %s; to keep using it, set [state] path = \"%s\")",
                        cfg.path, cfg.state_path, old, old)

    def _gate(self, name: str) -> LoginGate:
        if name not in self._gates:
            self._gates[name] = LoginGate(name, self.clock, self.one_shot)
        return self._gates[name]

    def _open(self, account: AccountConfig) -> Backend:
        return _Gated(open_backend(account, self.config), self._gate(account.name),
                      lambda: open_backend(account, self.config))

    @property
    def engine(self) -> Any:
        """The pipeline's Engine (config, store, backends)."""
        return self._engine

    def set_config(self, config: Config) -> None:
        """A reloaded config with the same accounts and state file: rebuild timing rules."""
        from watcher.pipeline import Engine

        old = self._engine
        self.config = config
        self._engine = Engine(config, old.store, old.backends, dry_run=self.dry_run,
                              replan=True, progress=self.progress)
        for gate in self._gates.values():
            gate.retry_now()
        for backend in old.backends.values():  # the Gmail daily-quota hold too
            lift = getattr(backend, "lift_hold", None)
            if callable(lift):
                lift()

    def run_pass(self, now: datetime, accounts: Collection[str] | None = None) -> Any:
        """One pass: sync and reconcile `accounts` (None: every one), create what is due;
        returns the TickSummary."""
        from watcher.pipeline import tick

        for name, (account, _) in list(self._broken.items()):
            try:
                self._engine.backends[name] = self._open(account)
                del self._broken[name]
                log.info("%s: account opened", name)
            except (WatcherError, OSError) as exc:
                self._broken[name] = (account, str(exc))
        summary = tick(now, self._engine, accounts)
        for name, (_, problem) in self._broken.items():
            if accounts is not None and name not in accounts:
                continue
            summary.failed_accounts.append(name)
            summary.errors.append(f"{name}: {problem}")
            if not self.dry_run:
                with self._engine.store.transaction():
                    self._engine.store.set_account_problem(name, now, problem)
        if not self.dry_run:  # a dry run's drafts are never made: nothing to announce
            _notify(self.config, summary)
        return summary

    def outside_writes(self) -> bool:
        """Whether another process (a manual command: snooze, timeline, reopen...) committed to
        the state file since the last call: the next due moment may have moved."""
        v = self._engine.store.data_version()
        changed = self._version is not None and v != self._version
        self._version = v
        return changed

    def next_due(self, now: datetime) -> datetime | None:
        """The earliest moment a planned draft falls due (from the store's plans); `now` while
        a draft is owed but not made (an intent: the pass that was to make it lost its
        server), which the daemon tries again a minute later, not at the next poll."""
        store = self._engine.store
        if store.drafts(statuses=(DraftStatus.INTENT,)):
            return now
        due: datetime | None = store.next_due()
        return due

    def next_due_after(self, now: datetime) -> datetime | None:
        """The earliest due moment after `now`: while a draft late at `now` waits out its
        retry, a later one is still made on time."""
        due: datetime | None = self._engine.store.next_due(after=now)
        return due

    def push_sources(self) -> list[ImapPush]:
        """An IDLE watcher per IMAP account with `idle = true` (built once)."""
        if self._push is None:
            self._push = []
            for account in self.config.accounts:
                if account.name not in self._engine.backends:
                    continue
                if account.backend == "imap" and account.idle:
                    try:
                        self._push.append(ImapPush(
                            account.name, open_backend(account), self._gate(account.name),
                            reopen=partial(open_backend, account)))
                    except WatcherError as exc:
                        log.warning("%s: no push: %s", account.name, exc)
        return self._push

    def close(self) -> None:
        """Log out of every account and close the store."""
        for backend in self._engine.backends.values():
            try:
                backend.close()
            except Exception:
                log.debug("closing %s failed", backend, exc_info=True)
        for push in self._push or []:
            try:
                push.close()
            except Exception:
                log.debug("closing push %s failed", push.name, exc_info=True)
        self._engine.store.close()
        if self.on_close is not None:
            self.on_close()


class StateLock:
    """An exclusive lock on a state file for the life of a process that runs passes (`run`,
    `scan`): two watchers on one state would both draft the same due step. The kernel drops
    it when the process dies, so a crash never leaves it stale."""

    def __init__(self, state_path: Path, what: str = "run") -> None:
        """`what`: the command holding it (`run` or `scan`), written with the pid for the
        message a second watcher gets."""
        import fcntl

        # Next to the file itself: a config naming it through a symlink locks the same file
        self.path = Path(str(state_path.expanduser().resolve()) + ".lock")
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # The user's only (as the database), and never through a symlink: it is truncated
            # and written below, so a link planted beside a state file in a shared folder
            # would have the watcher overwrite the file it points to.
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC
                         | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:  # one an older watcher left 0644; best effort, as store._private: a file
                # system without modes (vfat) or a file of another user must not stop the lock
                st = os.fstat(fd)
                if st.st_mode & 0o077 and st.st_uid == os.geteuid():
                    os.fchmod(fd, 0o600)
            except OSError:
                pass
            self._fh = os.fdopen(fd, "r+")
        except OSError as exc:  # a folder above that is a file, no permission, a full disk
            raise StoreError(f"{state_path.expanduser()}: cannot lock the state file: "
                             f"{exc.strerror or exc}") from None
        try:
            fcntl.flock(self._fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._fh.seek(0)
            pid, _, kind = self._fh.read().strip().partition(" ")
            self._fh.close()
            raise UsageError(_held_by(pid, kind, state_path.expanduser())) from None
        self._fh.seek(0)
        self._fh.truncate()
        self._fh.write(f"{os.getpid()} {what}")
        self._fh.flush()

    def release(self) -> None:
        """Let another watcher run (also done by the kernel at exit)."""
        self._fh.close()


def _held_by(pid: str, kind: str, state: Path) -> str:
    """What a watcher refused the state lock is told, by what holds it: USR1 is the daemon's
    "pass now", and kills a `watcher scan` (it has no handler: the default action ends it)."""
    if not pid.isdigit():  # locked, its pid not written yet
        return (f"another watcher is starting with the state file {state}: try again in a "
                "moment (a running service syncs on its own)")
    if kind == "scan":
        return (f"another `watcher scan` (pid {pid}) is making a pass with the state file "
                f"{state}: run it again when that one has ended")
    return (f"another watcher (pid {pid}) is running with the state file {state}: it syncs "
            f"on its own; for a pass now, send it USR1 (kill -USR1 {pid})")


def summary_line(summary: Any, dry_run: bool = False) -> str:
    """`N messages read, N processes changed, N drafts created` (+ errors); on a dry run
    `N drafts to create (dry run)`: none was."""
    parts = [
        f"{summary.messages_read} messages read",
        f"{len(summary.processes_changed)} processes changed",
        f"{len(summary.drafts)} drafts to create (dry run)" if dry_run
        else f"{len(summary.drafts)} drafts created",
    ]
    passed = getattr(summary, "messages_seen", 0) - summary.messages_read - summary.bad_messages
    if passed > 0:  # after a progress bar of "read 6000/6000", "0 messages read" alone misleads
        parts.append(f"{passed} other messages passed over")
    if summary.bad_messages:
        parts.append(f"{summary.bad_messages} unreadable messages skipped")
    if summary.failed_accounts:
        parts.append(f"failed: {', '.join(summary.failed_accounts)}")
    failed_drafts = sorted(set(getattr(summary, "failed_drafts", ())))
    if failed_drafts:
        parts.append(f"draft not created for {', '.join(failed_drafts)} (see the log; tried again next pass)")
    return ", ".join(parts)


def _notify(config: Config, summary: Any) -> None:
    if not config.notify.enabled or not summary.drafts:
        return
    from watcher.notify import notify

    made = [f"{c.draft.kind.value.replace('_', '-')} for {c.draft.process}"
            for c in summary.drafts]
    # one notification a pass: a panel's four thank-yous (or a morning's catch-up after quiet
    # hours) are one thing to look at, not a burst of four
    title = "watcher: a draft is ready" if len(made) == 1 else \
        f"watcher: {len(made)} drafts are ready"
    notify(title, "; ".join(made[:5]) + (f"; and {len(made) - 5} more" if len(made) > 5 else ""),
           enabled=True, command=config.notify.command)
