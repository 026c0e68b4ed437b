"""`watcher close PROCESS [--reason ...]`: end a process by hand (no more drafts)."""

from __future__ import annotations

import argparse

NAME = "close"
HELP = "close a process by hand: no more drafts for it"


def configure(p: argparse.ArgumentParser) -> None:
    """PROCESS and --reason."""
    p.add_argument("process", metavar="PROCESS")
    p.add_argument("--reason", default="other", choices=["rejected", "offer", "withdrawn", "other"])


def run(args: argparse.Namespace) -> int:
    """Record the close and print the process's new state."""
    from watcher.commands.manual import now_in, open_engine, record, require_process
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    require_process(engine, args.process)
    now = now_in(config)
    print(record(engine, args.process, ManualFact(ManualKind.CLOSE, now, reason=args.reason), now))
    return 0
