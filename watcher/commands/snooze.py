"""`watcher snooze PROCESS UNTIL`: no draft for the process before UNTIL."""

from __future__ import annotations

import argparse
import sys

NAME = "snooze"
HELP = "no draft for a process before UNTIL (ISO date or date-time)"


def configure(p: argparse.ArgumentParser) -> None:
    """PROCESS UNTIL."""
    p.add_argument("process", metavar="PROCESS")
    p.add_argument("until", metavar="UNTIL")


def run(args: argparse.Namespace) -> int:
    """Record the snooze and print when the next draft is due now."""
    from watcher.commands.manual import moment, now_in, open_engine, record, require_process
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    require_process(engine, args.process)
    until = moment(args.until, config, "UNTIL")
    now = now_in(config)
    if until <= now:
        # recorded all the same (it ends an earlier snooze), but it holds nothing back
        print(f"{args.process}: {args.until} has already passed: the snooze holds nothing back",
              file=sys.stderr)
    before = engine.state(args.process)
    if before.closed is not None or before.ignored:
        # taken all the same (a closed process's networking check-in is held by it), but a
        # snooze on a closed process is most likely meant for after a reopen, which ends it
        state = "ignored" if before.ignored else f"closed ({before.state_at(now).value})"
        held = "its networking check-in" if engine.plan(before).actions else None
        print(f"{args.process} is {state}: " + (
            f"the snooze holds back only {held}" if held else
            "no draft is planned for it, so the snooze holds nothing back")
            + "; `watcher reopen` ends it", file=sys.stderr)
    print(record(engine, args.process, ManualFact(ManualKind.SNOOZE, now, until=until), now))
    return 0
