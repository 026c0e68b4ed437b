"""Bounded exponential backoff with full jitter, for reconnecting to mail servers.

Sleep and randomness are injected so tests never wait on the wall clock. Used by the IMAP and
Gmail backends.
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


@dataclass
class Backoff:
    """Delays `random() * min(cap, base * 2**attempt)` ("full jitter"), at most `max_attempts`.

    Full jitter spreads reconnects of many accounts (or many clients of one server) instead of
    having them retry in lock-step. Every loop that uses it is bounded by `max_attempts`.
    """

    base: float = 1.0
    cap: float = 300.0
    max_attempts: int = 6
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = field(default=_random.random)

    def __post_init__(self) -> None:
        if self.base <= 0 or self.cap <= 0 or self.max_attempts < 1:
            raise ValueError("Backoff needs base > 0, cap > 0 and max_attempts >= 1")

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
        propagates at once, since waiting does not fix a wrong password.
        """
        for attempt in range(self.max_attempts):
            try:
                return fn()
            except retry_on as exc:
                if attempt + 1 >= self.max_attempts:
                    raise
                wait = self.delay(attempt)
                log.info("%s failed (%s), retry %d/%d in %.1fs", what,
                         type(exc).__name__, attempt + 1, self.max_attempts - 1, wait)
                self.sleep(wait)
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
