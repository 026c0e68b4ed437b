"""Relative/absolute dates in mail prose: our grammar vs python-dateutil vs dateparser.

Run: .venv/bin/python bench/dates.py. Prints correctness (exact instant) and speed of each;
dateparser is optional (pip install dateparser) and is skipped when absent.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from dateutil import parser as du_parser

from watcher.dates import find_datetimes

NY, LA, CHI = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles"), ZoneInfo("America/Chicago")
REF = datetime(2026, 11, 26, 10, 0, tzinfo=NY)  # Thursday
CASES: list[tuple[str, datetime]] = [
    ("Confirming our call tomorrow at 2pm ET.", datetime(2026, 11, 27, 14, 0, tzinfo=NY)),
    ("Date: Tuesday, December 1, 2026\nTime: 3:00 PM - 3:45 PM EST", datetime(2026, 12, 1, 15, 0, tzinfo=NY)),
    ("See you Thursday, December 3 at 10:30am PT!", datetime(2026, 12, 3, 10, 30, tzinfo=LA)),
    ("Let's do this Friday at 10am ET for the conversation", datetime(2026, 11, 27, 10, 0, tzinfo=NY)),
    ("Thursday 11/19/2026, 1:30pm to 3:30pm ET", datetime(2026, 11, 19, 13, 30, tzinfo=NY)),
    ("4 Dec 2026, 09:30 CET, 60 minutes, on Microsoft Teams", datetime(2026, 12, 4, 9, 30, tzinfo=ZoneInfo("Europe/Berlin"))),
    ("Looking forward to our chat Tuesday 11/24 at 1:00 PM Central.", datetime(2026, 11, 24, 13, 0, tzinfo=CHI)),
    ("next Tuesday at 10am", datetime(2026, 12, 1, 10, 0, tzinfo=NY)),
    ("Your interview: Monday 7 December 2026, 10:00-11:00 GMT", datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc)),
    ("Interview Date:12/08/2026\n\nInterview Time:10:00 AM - 11:00 AM Eastern Standard Time", datetime(2026, 12, 8, 10, 0, tzinfo=NY)),
]
TZINFOS = {"ET": NY, "EST": NY, "EDT": NY, "PT": LA, "PST": LA, "CT": CHI, "CST": CHI, "GMT": timezone.utc, "CET": ZoneInfo("Europe/Berlin")}


def ours(text: str) -> datetime | None:
    found = find_datetimes(text, REF)
    return found[0].start if found else None


def dateutil_fuzzy(text: str) -> datetime | None:
    try:
        got = du_parser.parse(text, fuzzy=True, default=REF.replace(hour=0, minute=0), tzinfos=TZINFOS)  # type: ignore[arg-type, unused-ignore]
    except (ValueError, OverflowError):
        return None
    return got if got.tzinfo else got.replace(tzinfo=NY)


def run(name: str, fn: Callable[[str], datetime | None], rounds: int = 20) -> None:
    right = sum(1 for text, want in CASES if (got := fn(text)) is not None and got == want)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for text, _want in CASES:
            fn(text)
    per = (time.perf_counter() - t0) / (rounds * len(CASES))
    print(f"{name:<22} correct {right}/{len(CASES)}   {per * 1e6:8.0f} µs/phrase")


def main() -> None:
    """Print each approach's score and speed."""
    run("own grammar", ours)
    run("dateutil fuzzy", dateutil_fuzzy)
    try:
        t0 = time.perf_counter()
        from dateparser.search import search_dates  # type: ignore[import-untyped, unused-ignore]
        imp = time.perf_counter() - t0

        def dp(text: str) -> datetime | None:
            got = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": REF.replace(tzinfo=None),
                               "PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "America/New_York"})
            return got[0][1] if got else None

        print(f"(dateparser import {imp:.2f} s)")
        run("dateparser search", dp, rounds=2)
    except ImportError:
        print("dateparser not installed: skipped")


if __name__ == "__main__":
    main()
