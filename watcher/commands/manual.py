"""Manual control shared by `watcher track/ignore/close/reopen/snooze/timeline`: each records a
fact in the store and re-plans the process. Not a subcommand itself (not in COMMANDS).
"""

from __future__ import annotations

import argparse
import logging
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from watcher.commands import when

if TYPE_CHECKING:
    from watcher.config import Config
    from watcher.pipeline import Engine
    from watcher.state import ManualFact

log = logging.getLogger(__name__)


def open_engine(args: argparse.Namespace) -> tuple[Config, Engine]:
    """The config and an engine over the state database (no mailbox: nothing is drafted)."""
    from pathlib import Path

    from watcher.config import load_config
    from watcher.pipeline import Engine
    from watcher.store import Store

    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    return config, Engine(config, Store(config.state_path), {})


def now_in(config: Config) -> datetime:
    """The real clock, in the user's zone: the CLI is the one place that may read it."""
    return datetime.now(config.schedule.zone)


def moment(text: str, config: Config, what: str) -> datetime:
    """An ISO date (start of that day) or date-time; without an offset it is read in the zone."""
    from watcher.errors import UsageError

    try:
        if len(text.strip()) == 10:
            d = datetime.combine(date.fromisoformat(text.strip()), time(0), config.schedule.zone)
        else:
            d = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}: not an ISO date or date-time: {text!r}") from None
    from watcher.parse import DATE_YEARS

    if not DATE_YEARS[0] <= d.year <= DATE_YEARS[1]:
        # the policy's waits are counted from it: near 9999 they overflow
        raise UsageError(f"{what}: {text!r} is not between {DATE_YEARS[0]} and {DATE_YEARS[1]}")
    return d.replace(tzinfo=config.schedule.zone) if d.tzinfo is None else d


def require_process(engine: Engine, key: str) -> None:
    """UsageError (exit 2) naming the known processes when `key` is not one."""
    from watcher.errors import UsageError

    if engine.store.process(key) is None:
        known = ", ".join(p.key for p in engine.store.processes()) or "none yet"
        raise UsageError(f"no process {key!r} (known: {known})")


def record(engine: Engine, key: str, fact: ManualFact, now: datetime) -> str:
    """Store a manual fact for a process and re-plan it; returns a one-line summary."""
    with engine.store.transaction():
        engine.store.add_manual(key, fact)
        ps = engine.refresh(key, now)

    p = engine.plan(ps)
    if p.next_kind and p.due:
        nxt = f"next: {p.next_kind.value} at {when(p.due, engine.config.schedule.zone)}"
    else:
        nxt = f"waiting for: {p.waiting_for}" if p.waiting_for else "nothing planned"
    return f"{key}: {ps.state_at(now).value}; {nxt}"
