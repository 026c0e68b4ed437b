"""`watcher timeline PROCESS DATE`: set the stated timeline by hand (the first check-in
falls due the first business day after it)."""

from __future__ import annotations

import argparse

NAME = "timeline"
HELP = "set a process's stated timeline by hand (ISO date)"


def configure(p: argparse.ArgumentParser) -> None:
    """PROCESS DATE."""
    p.add_argument("process", metavar="PROCESS")
    p.add_argument("date", metavar="DATE")


def run(args: argparse.Namespace) -> int:
    """Record the timeline and print the process's next draft."""
    from watcher.commands.manual import moment, now_in, open_engine, record, require_process
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    require_process(engine, args.process)
    day = moment(args.date, config, "DATE").date()
    now = now_in(config)
    print(record(engine, args.process, ManualFact(ManualKind.TIMELINE, now, day=day), now))
    return 0
