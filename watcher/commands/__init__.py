"""One module a subcommand: each has NAME, HELP, configure(parser) and run(args) -> exit code.

Modules here import nothing heavy at module level; `run` imports what it needs.
"""

from __future__ import annotations

from datetime import datetime, tzinfo


def when(moment: datetime, zone: tzinfo) -> str:
    """A moment in human output, the same in every command: 'Tue 2026-12-15 08:00 EST' in the
    user's zone (JSON output keeps ISO 8601)."""
    return f"{moment.astimezone(zone):%a %Y-%m-%d %H:%M %Z}"


COMMANDS: list[str] = [
    "classify",
    "scan",
    "run",
    "demo",
    "doctor",
    "install_service",
    "init",
    "check_config",
    "auth",
    "simulate",
    "status",
    "explain",
    "track",
    "ignore",
    "close",
    "reopen",
    "snooze",
    "timeline",
]
