"""ratelimit.py on a virtual clock: what the limiter does once the process is stopping."""

from __future__ import annotations

import pytest

from watcher.backends import retry
from watcher.backends.ratelimit import QuotaLimiter
from watcher.backends.retry import sleep_unless_stopping
from watcher.errors import TransientError


def test_a_full_window_after_term_fails_at_once_instead_of_spinning() -> None:
    """The Gmail backend gives the limiter the stop-aware sleep, which returns at once after
    TERM: a limiter that had to wait then spun (10,000 passes, no wait) and failed the pass
    with an AssertionError. Now it says why, as the error a stopping process expects."""
    now = [0.0]
    lim = QuotaLimiter(100, clock=lambda: now[0], sleep=sleep_unless_stopping)
    lim.acquire(100)  # the window is full
    retry.stopping.set()
    try:
        with pytest.raises(TransientError, match="stopping"):
            lim.acquire(5)
        assert lim.charged == 100  # nothing charged for the call that was not sent
        now[0] = 1.0  # a window with room: no wait, so the call goes through
        assert lim.acquire(5) == 0.0
    finally:
        retry.stopping.clear()


def test_the_limiter_waits_on_its_clock_until_the_window_has_room() -> None:
    now = [0.0]
    sleeps: list[float] = []

    def sleep(s: float) -> None:
        sleeps.append(s)
        now[0] += s

    lim = QuotaLimiter(100, clock=lambda: now[0], sleep=sleep)
    assert lim.acquire(60) == 0.0
    now[0] = 0.4
    assert lim.acquire(60) == pytest.approx(0.6)  # until the first charge leaves the window
    assert sleeps == [pytest.approx(0.6)]
