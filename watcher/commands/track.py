"""`watcher track MESSAGE-ID|THREAD`: start a process from a thread the classifier missed."""

from __future__ import annotations

import argparse

NAME = "track"
HELP = "start a process from a message or thread the classifier missed"


def configure(p: argparse.ArgumentParser) -> None:
    """TARGET."""
    p.add_argument("target", metavar="MESSAGE-ID|THREAD")


def run(args: argparse.Namespace) -> int:
    """Create the process (or say which one already has it) and attach the thread to it."""
    from watcher.commands.manual import now_in, open_engine
    from watcher.errors import UsageError
    from watcher.pipeline import new_process

    config, engine = open_engine(args)
    store = engine.store
    found = store.find_messages(args.target)
    if not found:
        raise UsageError(f"no message or thread {args.target!r} in the state database "
                         "(was it synced? run `watcher scan` first)")
    linked = sorted({p for _, p, _ in found if p})
    if linked:
        print(f"already tracked: {', '.join(linked)}")
        return 0
    rows = {r[0]: r for r in found}
    for _, _, fact in found:
        for r in store.thread_messages(fact):
            rows.setdefault(r[0], r)
    first = min(rows.values(), key=lambda r: r[2].at)[2]
    now = now_in(config)
    with store.transaction():
        key = new_process(engine, first)
        for row_id, process, _ in rows.values():
            if process is None:
                store.set_message_process(row_id, key)
        engine.invalidate()
        engine.refresh(key, now)
    print(f"tracking {key} ({len(rows)} message(s))")
    return 0
