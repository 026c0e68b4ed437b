"""Bounded exponential backoff with full jitter, for reconnecting to mail servers.

Sleep, randomness and the clock are injected so tests never wait on the wall clock. Used by
the IMAP and Gmail backends. `stopping` is the process-wide "stop requested" hook: once set
(the daemon's SIGTERM handler sets it), `Backoff` starts no further retry and its default
sleep returns at once, so a dead or silent server cannot hold a shutdown.
"""

from __future__ import annotations

import logging
import random as _random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from watcher.errors import TransientError

log = logging.getLogger(__name__)

T = TypeVar("T")


class StopFlag:
    """A "stop requested" flag with `threading.Event`'s `set`/`clear`/`is_set`/`wait`, but
    taking no lock, so a signal handler may set it at any moment: an Event's `set()` takes an
    internal lock, which deadlocks when the handler interrupted its own thread while that
    thread held it (inside `wait()`, or inside `set()` in a first handler). `wait` polls."""

    __slots__ = ("_flag", "_since")
    POLL = 0.1  # seconds: how late `wait` notices `set`

    def __init__(self) -> None:
        self._flag = False
        self._since = 0.0

    def set(self) -> None:
        if not self._flag:
            self._since = time.monotonic()  # a float store: safe in a signal handler
        self._flag = True

    def clear(self) -> None:
        self._flag = False

    def is_set(self) -> bool:
        return self._flag

    def waited(self) -> float:
        """Seconds since the stop was asked for (0.0 when it was not)."""
        return time.monotonic() - self._since if self._flag else 0.0

    def wait(self, timeout: float | None = None) -> bool:
        """Block until set (noticed within POLL s) or `timeout` s passed; True when set."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._flag:
            left = self.POLL if deadline is None else deadline - time.monotonic()
            if left <= 0:
                return False
            time.sleep(min(left, self.POLL))
        return True


# Set once the process is asked to stop: the daemon's TERM/INT handler calls
# `retry.stopping.set()`. Never cleared in production; tests clear it.
stopping = StopFlag()


def sleep_unless_stopping(seconds: float) -> None:
    """`time.sleep` that returns early (within 0.1 s) once `stopping` is set: the default
    `Backoff.sleep`."""
    stopping.wait(seconds)


@dataclass
class Backoff:
    """Delays `random() * min(cap, base * 2**attempt)` ("full jitter"), at most `max_attempts`.

    Full jitter spreads reconnects of many accounts (or many clients of one server) instead of
    having them retry in lock-step. Every loop that uses it is bounded by `max_attempts`, and
    also, when `budget` is set, in time: no retry starts once `budget` seconds (by `clock`,
    counting the wait before it) have passed since the first attempt began. Nothing is started
    once the module's `stopping` is set, and the default sleep ends early when it is set.
    """

    base: float = 1.0
    cap: float = 300.0
    max_attempts: int = 6
    sleep: Callable[[float], None] = sleep_unless_stopping
    random: Callable[[], float] = field(default=_random.random)
    budget: float | None = None
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        if self.base <= 0 or self.cap <= 0 or self.max_attempts < 1:
            raise ValueError("Backoff needs base > 0, cap > 0 and max_attempts >= 1")
        if self.budget is not None and self.budget < 0:
            raise ValueError("Backoff needs budget >= 0 (or None)")

    def delay(self, attempt: int) -> float:
        """The wait before retry number `attempt` (0 = the first retry)."""
        ceiling = min(self.cap, self.base * (2 ** min(attempt, 62)))
        return self.random() * ceiling

    def call(
        self,
        fn: Callable[[], T],
        retry_on: tuple[type[BaseException], ...] = (TransientError,),
        what: str = "operation",
    ) -> T:
        """Call `fn` until it succeeds, at most `max_attempts` times; re-raise the last error.

        Only exceptions in `retry_on` are retried; anything else (AuthError, ConfigError)
        propagates at once, since waiting does not fix a wrong password. The last error is
        also re-raised at once, without waiting, when `stopping` is set (before or during the
        wait) or when the next retry would start after `budget`. Once `stopping` is set no
        attempt is started at all: TransientError at once (a stopping daemon opens nothing new).
        """
        if stopping.is_set():
            raise TransientError(f"{what}: not attempted: the process is stopping")
        start = self.clock()
        for attempt in range(self.max_attempts):
            try:
                return fn()
            except retry_on as exc:
                if attempt + 1 >= self.max_attempts:
                    raise
                if stopping.is_set():
                    log.info("%s failed (%s); stop requested: not retrying", what,
                             type(exc).__name__)
                    raise
                wait = self.delay(attempt)
                if self.budget is not None and self.clock() - start + wait >= self.budget:
                    log.info("%s failed (%s); giving up: retrying would exceed %.0fs", what,
                             type(exc).__name__, self.budget)
                    raise
                log.info("%s failed (%s), retry %d/%d in %.1fs", what,
                         type(exc).__name__, attempt + 1, self.max_attempts - 1, wait)
                self.sleep(wait)
                if stopping.is_set():
                    log.info("%s: stop requested: not retrying", what)
                    raise
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


@dataclass
class FailureTracker:
    """Backoff across calls for a long-running loop (daemon, IDLE): how long to wait now.

    `failed()` returns the next delay and counts; `succeeded()` resets. `delay` is capped, so a
    server down for a day is retried every `cap` seconds at most, never in a tight loop.
    """

    backoff: Backoff = field(default_factory=Backoff)
    failures: int = 0

    def failed(self) -> float:
        """Record one failure; return how long to wait before the next try."""
        wait = self.backoff.delay(self.failures)
        self.failures += 1
        return wait

    def succeeded(self) -> None:
        """Record a success: the next failure starts from the shortest delay again."""
        self.failures = 0
