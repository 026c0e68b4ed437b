"""`watcher status [--json]`: one row per process: state, round, last message, next draft and
when it is due, and why the watcher waits. Reads the state database; changes nothing."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from watcher.commands import when

NAME = "status"
HELP = "show every interview process: state, next draft, when and why it waits"

KEYS = ("process", "company", "role", "state", "round", "last_message_at", "next_kind",
        "next_due", "waiting_for")


def configure(p: argparse.ArgumentParser) -> None:
    """--json."""
    p.add_argument("--json", action="store_true", help="one JSON object a line")


def rows(config: Any, now: Any) -> list[dict[str, Any]]:
    """The status rows at `now`, computed from the stored facts (nothing is written)."""
    from watcher.pipeline import Engine
    from watcher.store import Store

    path = config.state_path
    if str(path) != ":memory:" and not path.exists():
        return []
    engine = Engine(config, Store(path), {})
    zone = config.schedule.zone
    out: list[dict[str, Any]] = []
    try:
        for info in engine.store.processes():
            ps = engine.state(info.key)
            p = engine.plan(ps)
            why = waiting_for(engine, ps, p, now)
            r = ps.latest_round
            out.append({
                "process": info.key,
                "company": info.company,
                "role": info.role,
                "state": ps.state_at(now).value,
                "round": r.number if r else 0,
                "last_message_at": ps.last_at.astimezone(zone).isoformat() if ps.last_at else None,
                "next_kind": p.next_kind.value if p.next_kind else None,
                "next_due": p.due.astimezone(zone).isoformat() if p.due else None,
                "waiting_for": why,
            })
    finally:
        engine.store.close()
    return out


def waiting_for(engine: Any, ps: Any, p: Any, now: datetime) -> str | None:
    """Why the next draft of a process is not made now (status's WAITING FOR, explain's
    "waiting for"): not due yet (a snooze, a stated timeline, the policy's wait), or due and
    held by quiet hours, quiet days or a holiday until a moment, or due now."""
    from watcher import policy
    from watcher.state import AFTER_REPLY_WAIT, FOLLOW_UP_WAITS, StepKind, ready_at

    why = p.waiting_for
    sched = engine.config.schedule
    zone = sched.zone
    if p.actions and p.due is not None:
        step = p.actions[0].step
        business = step is not StepKind.THANK_YOU
        # p.due is already moved out of quiet hours, quiet days and holidays: the plan made
        # without them tells when the step itself falls due
        free = dataclasses.replace(sched, quiet_hours=None, quiet_days=frozenset(),
                                   holidays_country=None, holidays=())
        raw = engine.plan(ps, dataclasses.replace(engine.timing, schedule=free)).due
        if p.due <= now or (raw is not None and raw <= now):
            when = ready_at(p, now, engine.timing)
            if when is not None and when > now:
                held = " and ".join(policy.holding(now, sched, business_days=business))
                why = f"due; held by {held or 'quiet hours'} until {_at(when, zone)}"
            else:
                why = "due now (the next pass drafts it)"
        elif (raw is None or p.due > raw) \
                and policy.next_allowed(now, sched, business_days=business) >= p.due:
            # not due yet, moved by quiet time, and from now until then nothing is allowed
            held = " and ".join(policy.holding(now, sched, business_days=business))
            why = f"{held} ({step.value} at {_at(p.due, zone)})"
        elif p.waiting_for == "snoozed" and ps.snooze_until is not None:
            until = ps.snooze_until.astimezone(zone)
            why = f"snoozed until {until:%Y-%m-%d}" + (
                f" {until:%H:%M}" if (until.hour, until.minute) != (0, 0) else "")
        elif p.waiting_for == "stated timeline" and ps.timeline is not None:
            why = f"stated timeline {ps.timeline.isoformat()}"
        else:
            wait = p.waiting_for in (*FOLLOW_UP_WAITS.values(), AFTER_REPLY_WAIT)
            why = f"{step.value} not due yet" + (f" ({p.waiting_for})" if wait else "")
    obsolete = ps.obsolete_drafts()
    if obsolete:
        why = (why + "; " if why else "") + "obsolete draft(s), delete them: " + \
            ", ".join(d.step.value for d in obsolete)
    return why


def _at(moment: datetime, zone: Any) -> str:
    # in `waiting_for`, which --json carries too: kept as it was (no zone) for scripts
    return f"{moment.astimezone(zone):%a %Y-%m-%d %H:%M}"


def run(args: argparse.Namespace) -> int:
    """Print the table (or JSON lines)."""
    from pathlib import Path

    from watcher.commands.manual import now_in
    from watcher.config import load_config

    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    data = rows(config, now_in(config))
    if args.json:
        for row in data:
            sys.stdout.write(json.dumps({k: row[k] for k in KEYS}, ensure_ascii=False) + "\n")
        # (the JSON lines' keys are fixed by the contract: an account's problem goes to stderr)
        _print_account_problems(config, sys.stderr)
        return 0
    print_table(data)
    _print_account_problems(config, sys.stdout, table=bool(data))
    _print_unreadable(config)
    if not data and not config.accounts:
        # nothing watched yet: say what to do (on stderr, as the table's stdout may be read)
        where = f"{config.path} has no [[accounts]]" if config.path else "no config file yet"
        print(f"{where}: run `watcher init`", file=sys.stderr)
    return 0


T = TypeVar("T")


def _from_state(config: Any, read: Callable[[Any], T]) -> T | None:
    """`read` of the state file, None when there is none yet (nothing is created)."""
    from watcher.store import Store

    path = config.state_path
    if str(path) == ":memory:" or not path.exists():
        return None
    store = Store(path)
    try:
        return read(store)
    finally:
        store.close()


def _print_account_problems(config: Any, out: Any, table: bool = True) -> None:
    """Accounts whose mail the last pass could not read (a revoked or expired Gmail grant, a
    refused password, a server down): the table above lacks their new mail. An account whose
    first sync never completed has had none of its mail read."""
    problems = _from_state(config, lambda store: {
        n: (*p, store.cursor(n) is not None) for n, p in store.account_problems().items()}) or {}
    names = {a.name for a in config.accounts}
    zone = config.schedule.zone
    shown = [(n, p) for n, p in sorted(problems.items()) if n in names]
    if not shown:
        return
    if out is sys.stdout:
        print()  # apart from the table
    for name, (since, _last, error, synced) in shown:
        # the backends' errors lead with "account NAME: " too: said once
        error = error.removeprefix(f"account {name}: ")
        if not synced:  # "mail not read since ... (missing from the table above)" with no
            # table, of an account none of whose mail was ever read
            print(f"account {name}: no mail read yet (its first sync has failed since "
                  f"{when(since, zone)}): {error}", file=out)
            continue
        missing = " (new mail is missing from the table above)" if table else ""
        print(f"account {name}: mail not read since {when(since, zone)}{missing}: {error}",
              file=out)


def _print_unreadable(config: Any, shown: int = 10) -> None:
    """The messages recorded as unreadable (mail that cannot be parsed, or that the server
    would not serve), newest first: skipped, and not read again."""
    bad = _from_state(config, lambda store: store.bad_messages())
    if not bad:
        return
    print(f"\n{len(bad)} message{'s' if len(bad) != 1 else ''} could not be read and "
          f"{'were' if len(bad) != 1 else 'was'} skipped:")
    for account, ref, error in reversed(bad[-shown:]):
        print(f"  {account} {ref}: {error}")
    if len(bad) > shown:
        print(f"  ... and {len(bad) - shown} more")


def print_table(data: list[dict[str, Any]]) -> None:
    """The readable table of `watcher status` (also printed by `watcher demo`)."""
    if not data:
        print("no interview processes yet")
        return
    head = ("PROCESS", "COMPANY", "ROLE", "STATE", "ROUND", "LAST MESSAGE", "NEXT DRAFT",
            "DUE", "WAITING FOR")
    table = [head] + [(r["process"], _cut(r["company"]), _cut(r["role"]), r["state"],
                       str(r["round"]), (r["last_message_at"] or "-")[:16].replace("T", " "),
                       r["next_kind"] or "-", (r["next_due"] or "-")[:16].replace("T", " "),
                       r["waiting_for"] or "-") for r in data]
    widths = [max(len(row[i]) for row in table) for i in range(len(head) - 1)]
    for row in table:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])


def _cut(text: str | None, width: int = 24) -> str:
    if not text:
        return "-"
    return text if len(text) <= width else text[: width - 1] + "…"
