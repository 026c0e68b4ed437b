"""`watcher ignore MESSAGE-ID|THREAD|PROCESS`: never link that message or thread again (it is
detached from its process), or never draft for that process."""

from __future__ import annotations

import argparse

NAME = "ignore"
HELP = "ignore a message, a thread or a whole process"


def configure(p: argparse.ArgumentParser) -> None:
    """TARGET."""
    p.add_argument("target", metavar="MESSAGE-ID|THREAD|PROCESS")


def run(args: argparse.Namespace) -> int:
    """Record the ignore; re-plan what it touched."""
    from watcher.commands.manual import now_in, open_engine, record
    from watcher.errors import UsageError
    from watcher.pipeline import ignore_targets
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    now = now_in(config)
    store = engine.store
    if store.process(args.target) is not None:
        print(record(engine, args.target, ManualFact(ManualKind.IGNORE, now), now))
        return 0
    found = store.find_messages(args.target)
    if not found:
        unread = store.unread_messages(args.target)
        if not unread:
            raise UsageError(f"no process, message or thread {args.target!r} in the state "
                             "database")
        # read without keeping its facts (no hiring word in it), as `watcher track` takes it
        # too: linked to nothing, so recording it is all there is to do
        with store.transaction():
            for t in dict.fromkeys((args.target.strip(), f"<{args.target.strip().strip('<>')}>")):
                store.add_ignore(t, now)
        print(f"ignored {len(unread)} message(s)")
        return 0
    with store.transaction():
        _, touched, forgotten = ignore_targets(engine, [args.target], now)
        for process in sorted(set(touched) - set(forgotten)):
            engine.refresh(process, now)
    kept = sorted(set(touched) - set(forgotten))
    print(f"ignored {len(found)} message(s)" + (f"; re-planned {', '.join(kept)}" if kept else "")
          + (f"; forgot {', '.join(forgotten)}, left without mail" if forgotten else ""))
    return 0
