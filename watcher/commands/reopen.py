"""`watcher reopen PROCESS`: undo a close (or ignore); the follow-up wait restarts from now (an
earlier snooze ends)."""

from __future__ import annotations

import argparse
import sys

NAME = "reopen"
HELP = "reopen a closed or ignored process; its wait restarts from now (a snooze ends)"


def configure(p: argparse.ArgumentParser) -> None:
    """PROCESS."""
    p.add_argument("process", metavar="PROCESS")


def run(args: argparse.Namespace) -> int:
    """Record the reopen and print the process's new state."""
    from watcher.commands.manual import now_in, open_engine, record, require_process
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    require_process(engine, args.process)
    now = now_in(config)
    before = engine.state(args.process)
    if before.closed is None and not before.ignored:
        # still recorded: as documented, it restarts the wait all the same
        print(f"{args.process} was not closed or ignored: its follow-up wait restarts from now",
              file=sys.stderr)
    print(record(engine, args.process, ManualFact(ManualKind.REOPEN, now), now))
    return 0
