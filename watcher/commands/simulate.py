"""`watcher simulate`: replay an mbox through the daemon's pipeline with a simulated clock."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

NAME = "simulate"
HELP = "replay an mbox through the follow-up engine and print the drafts it would create"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher simulate` (see cli-contract.md)."""
    p.add_argument("--mbox", required=True, metavar="PATH", help="the mailbox to replay")
    p.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                   help="your address (repeat); mail from it is your sent mail")
    p.add_argument("--tz", metavar="ZONE", help="zone of quiet hours and business days")
    p.add_argument("--until", metavar="ISO", help="end of the simulation, inclusive "
                   "(default: 120 days after the last message)")
    p.add_argument("--assume-sent", action="store_true",
                   help="the user sends every draft the moment it is created")
    p.add_argument("--delete-draft", action="append", default=[], metavar="[PROCESS:]KIND@ISO",
                   help="at ISO, the user deletes the pending draft of step KIND (repeat)")
    p.add_argument("--send-draft", action="append", default=[], metavar="[PROCESS:]KIND@ISO",
                   help="at ISO, the user sends the pending draft of step KIND (repeat)")
    p.add_argument("--events", action="store_true", help="print state changes too")
    p.add_argument("--json", action="store_true", help="one JSON object a line (the default)")


def _moment(text: str, zone: Any, what: str) -> Any:
    from datetime import datetime

    from watcher.errors import UsageError

    try:
        d = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{what}: not an ISO date-time: {text!r}") from None
    return d.replace(tzinfo=zone) if d.tzinfo is None else d


def _actions(specs: list[str], action: str, zone: Any) -> list[Any]:
    from watcher.errors import UsageError
    from watcher.models import StepKind
    from watcher.simulate import UserAction

    out = []
    for spec in specs:
        head, sep, when = spec.rpartition("@")
        if not sep:
            raise UsageError(f"--{action}-draft: expected [PROCESS:]KIND@ISO, got {spec!r}")
        process, _, kind = head.rpartition(":")
        try:
            step = StepKind(kind)
        except ValueError:
            raise UsageError(f"--{action}-draft: unknown step {kind!r}") from None
        out.append((spec, UserAction(_moment(when, zone, f"--{action}-draft"), step, action,
                                     process or None)))
    return out


def run(args: argparse.Namespace) -> int:
    """Replay and print one JSON object a line for each draft (and state change with --events)."""
    from pathlib import Path

    from watcher.config import load_config
    from watcher.errors import UsageError
    from watcher.simulate import configure_for, json_lines, read_mbox, simulate

    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    zone_name = args.tz or config.schedule.timezone
    from watcher.zones import zone as lookup_zone

    zone = lookup_zone(zone_name)
    if zone is None:
        raise UsageError(f"--tz: unknown time zone {zone_name!r}")
    bad = [a for a in args.me if "@" not in a or a.strip() != a or not a.strip("@")]
    if bad:
        raise UsageError(f"--me: not a mail address: {bad[0]!r}")
    me = tuple(a.lower() for a in args.me) or config.me.addresses
    if not me:
        raise UsageError("--me: give your address (or set [me] addresses in the config)")
    config = configure_for(config, tuple(me), zone_name)
    until = _moment(args.until, zone, "--until") if args.until else None
    actions = _actions(args.delete_draft, "delete", zone) + _actions(args.send_draft, "send", zone)
    messages = read_mbox(args.mbox, tuple(me))
    result = simulate(messages, config, zone=zone, until=until, assume_sent=args.assume_sent,
                      user_actions=tuple(a for _spec, a in actions))
    out = sys.stdout
    for obj in json_lines(result, zone, args.events):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    # a process that never was is a typo, not a what-if that found no draft (known only now)
    for spec, a in actions:
        if a.process is not None and a.process not in result.processes:
            raise UsageError(f"--{a.action}-draft {spec}: no process {a.process!r} (processes: "
                             f"{', '.join(result.processes) or 'none'})")
    return 0
