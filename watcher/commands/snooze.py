"""`watcher snooze PROCESS UNTIL`: no draft for the process before UNTIL."""

from __future__ import annotations

import argparse

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
    print(record(engine, args.process, ManualFact(ManualKind.SNOOZE, now, until=until), now))
    return 0
