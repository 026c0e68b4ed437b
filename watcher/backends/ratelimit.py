"""Client-side quota limiter for the Gmail API: at most N quota units in any one-second window.

Clock and sleep are injected, so tests and benchmarks run on a virtual clock.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable

from watcher.backends.retry import stopping
from watcher.errors import TransientError

log = logging.getLogger(__name__)

# Gmail's documented per-user limit, in quota units per second.
GMAIL_UNITS_PER_USER_SECOND = 250


class QuotaLimiter:
    """Charge each call's quota units before it is sent; wait while the window would overflow.

    A sliding one-second window rather than a token bucket: a bucket of capacity C refilled at
    r units/s lets C + r units through in one second, which with C = r = 200 is 400 and above
    Gmail's 250. The window keeps every second at or under `units_per_second`, the same way
    Gmail's fake (and, on average, Gmail) measures it. A single charge larger than the limit
    waits for an empty window and then goes alone (callers size batches to avoid that).
    Once the process is stopping, a call that would have to wait fails with TransientError
    instead (the stop-aware sleep returns at once then, and waiting is what TERM cancels).
    """

    def __init__(
        self,
        units_per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        window: float = 1.0,
    ) -> None:
        if units_per_second <= 0 or window <= 0:
            raise ValueError("QuotaLimiter needs units_per_second > 0 and window > 0")
        self.limit = float(units_per_second)
        self.window = window
        self.clock = clock
        self.sleep = sleep
        self._recent: deque[tuple[float, int]] = deque()
        self._in_window = 0
        self.charged = 0  # units charged in total (for stats and benchmarks)
        self.waited = 0.0  # seconds spent waiting (for stats and benchmarks)

    @classmethod
    def for_gmail(cls, fraction: float, clock: Callable[[], float] = time.monotonic,
                  sleep: Callable[[float], None] = time.sleep) -> QuotaLimiter:
        """`fraction` (config quota_fraction, e.g. 0.8) of Gmail's 250 units/user/second."""
        if not 0 < fraction <= 1:
            raise ValueError("quota_fraction must be in (0, 1]")
        return cls(fraction * GMAIL_UNITS_PER_USER_SECOND, clock, sleep)

    def _expire(self, now: float) -> None:
        # An entry at time t counts for (t, t + window]: the same boundary as the fake's.
        while self._recent and self._recent[0][0] <= now - self.window:
            self._in_window -= self._recent.popleft()[1]

    def acquire(self, units: int) -> float:
        """Wait until `units` fit in the window, then charge them; return the seconds waited."""
        waited = 0.0
        for _ in range(10_000):  # bounded: each pass drops at least one entry or charges
            now = self.clock()
            self._expire(now)
            if self._in_window + units <= self.limit or not self._recent:
                self._recent.append((now, units))
                self._in_window += units
                self.charged += units
                self.waited += waited
                return waited
            # The earliest moment enough old entries have left the window.
            need = self._in_window + units - self.limit
            freed = 0
            until = now
            for t, u in self._recent:
                freed += u
                until = t + self.window
                if freed >= need:
                    break
            delay = max(until - now, 1e-3)
            if stopping.is_set():
                # The Gmail backend's sleep returns at once after TERM: waiting for room in
                # the window would spin here (and end in "did not converge").
                raise TransientError(f"not sent: the process is stopping (the quota window "
                                     f"has room in {delay:.1f}s)")
            self.sleep(delay)
            waited += delay
        raise AssertionError("QuotaLimiter.acquire did not converge")  # pragma: no cover
