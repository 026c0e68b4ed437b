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
    touched: set[str] = set()
    with store.transaction():
        store.add_ignore(args.target, now)
        for row_id, process, fact in found:
            for t in (fact.message_id, fact.thread_id if fact.thread_id == args.target else None):
                if t:
                    store.add_ignore(t, now)
            if process:
                touched.add(process)
            store.set_message_process(row_id, None)
        # A process left holding nothing (one `watcher track` made of this thread) is
        # forgotten: it waited on for an interview date, and an ignored one would take in the
        # employer's real interview later (linking by company and domain) and never draft it
        forgotten = sorted(p for p in touched if store.forget_process(p))
        engine.invalidate()
        for process in sorted(set(touched) - set(forgotten)):
            engine.refresh(process, now)
    kept = sorted(set(touched) - set(forgotten))
    print(f"ignored {len(found)} message(s)" + (f"; re-planned {', '.join(kept)}" if kept else "")
          + (f"; forgot {', '.join(forgotten)}, left without mail" if forgotten else ""))
    return 0
