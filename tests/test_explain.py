"""`watcher explain` on a Maildir scanned for real: the timeline's lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.enginekit import raw_mail
from watcher.cli import main

ME = "Alex Wong <alex@example.com>"
DANA = "Dana Whitfield <dana.whitfield@northwindrobotics.com>"


def _scanned(tmp_path: Path, messages: list[bytes]) -> Path:
    box = tmp_path / "Maildir"
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (box / folder / sub).mkdir(parents=True, exist_ok=True)
    for i, raw in enumerate(messages):
        (box / "cur" / f"{i}.M{i}P1.test:2,S").write_bytes(raw)
    cfg = tmp_path / "config.toml"
    cfg.write_text("[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
                   "[schedule]\ntimezone = \"America/New_York\"\n\n"
                   f"[state]\npath = \"{tmp_path / 'state.db'}\"\n\n"
                   f"[[accounts]]\nname = \"local\"\nbackend = \"maildir\"\npath = \"{box}\"\n")
    assert main(["--config", str(cfg), "scan", "--no-progress"]) == 0
    return cfg


def _booked_and_cancelled() -> tuple[bytes, bytes, str]:
    """Dana books Friday 27 November 15:00 and cancels it a day later: (booking, cancellation,
    the booking's Message-ID)."""
    book, mid = raw_mail(DANA, ME, "Interview confirmed: Backend Engineer at Northwind Robotics",
                         "2026-11-20 09:00", "Hi Alex,\r\n\r\nYour interview for the Backend "
                         "Engineer role at Northwind Robotics is confirmed for Friday, November "
                         "27 at 3:00 PM EST with me.\r\n\r\nDana\r\n")
    cancel, _ = raw_mail(DANA, ME, "Re: Interview confirmed: Backend Engineer at Northwind Robotics",
                         "2026-11-21 09:00", "Hi Alex,\r\n\r\nI'm sorry, but we have to cancel "
                         "your interview on Friday, November 27. We will be in touch about a new "
                         "date.\r\n\r\nDana\r\n", in_reply_to=mid)
    return book, cancel, mid


def test_a_cancellation_line_names_the_round_it_cancelled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The mail names only the day ("your interview on Friday, November 27"): the line shows
    the round the fold cancelled and its time, not midnight of that day (e2e12)."""
    book, cancel, _mid = _booked_and_cancelled()
    cfg = _scanned(tmp_path, [book, cancel])
    capsys.readouterr()
    assert main(["--config", str(cfg), "explain", "northwind-robotics-backend-engineer"]) == 0
    out = capsys.readouterr().out
    assert "cancels round 1 of 2026-11-27 15:00" in out, out


def test_a_cancellation_line_keeps_the_time_it_cancelled_after_a_rebooking(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Called off, then booked again for another day: the cancellation's line shows the time
    it cancelled, not the rebooked round's new one (review13)."""
    book, cancel, mid = _booked_and_cancelled()
    again, _ = raw_mail(DANA, ME, "Re: Interview confirmed: Backend Engineer at Northwind Robotics",
                        "2026-11-23 09:00", "Hi Alex,\r\n\r\nGood news: your interview is now "
                        "confirmed for Wednesday, December 2 at 11:00 AM EST with me.\r\n\r\n"
                        "Dana\r\n", in_reply_to=mid)
    cfg = _scanned(tmp_path, [book, cancel, again])
    capsys.readouterr()
    assert main(["--config", str(cfg), "explain", "northwind-robotics-backend-engineer"]) == 0
    out = capsys.readouterr().out
    assert "cancels round 1 of 2026-11-27 15:00" in out, out
    assert "interview 2026-12-02 11:00" in out, out


def test_an_interviewer_without_an_address_reads_as_a_name(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """(review23a) The line read "interview 2026-11-05 11:00-12:00  with Lucius Fox <>, Grace
    ...": empty brackets for a person named without an address, two spaces for a type unknown."""
    book, _ = raw_mail(DANA, ME, "Interview confirmed: Backend Engineer at Northwind Robotics",
                       "2026-11-20 09:00", "Hi Alex,\r\n\r\nYour interview for the Backend "
                       "Engineer role at Northwind Robotics is confirmed for Friday, November "
                       "27 at 3:00 PM EST. You will meet Lucius Fox and Tom Becker.\r\n\r\n"
                       "Dana\r\n")
    cfg = _scanned(tmp_path, [book])
    capsys.readouterr()
    assert main(["--config", str(cfg), "explain", "northwind-robotics-backend-engineer"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-27 15:00-16:00 with Lucius Fox, Tom Becker\n" in out, out
