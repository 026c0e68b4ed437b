"""`watcher track MESSAGE-ID|THREAD`: start a process from a thread the classifier missed."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

NAME = "track"
HELP = "start a process from a message or thread the classifier missed"
# The messages a tracked one answers that are read again from the server, at most
MAX_REFS = 20


def configure(p: argparse.ArgumentParser) -> None:
    """TARGET."""
    p.add_argument("target", metavar="MESSAGE-ID|THREAD")


def run(args: argparse.Namespace) -> int:
    """Create the process (or say which one already has it) and attach the thread to it."""
    from watcher.commands.manual import now_in, open_engine
    from watcher.errors import UsageError, WatcherError
    from watcher.pipeline import new_process

    config, engine = open_engine(args)
    store = engine.store
    found = store.find_messages(args.target)
    if not found and _read_again(config, engine, args.target, now_in(config)):
        found = store.find_messages(args.target)
    if not found:
        raise UsageError(f"no message or thread {args.target!r} in the state database: its "
                         "Message-ID (with or without <>) or the Gmail thread id of a message "
                         "the watcher has read (a new one is read at the next pass)")
    linked = sorted({p for _, p, _ in found if p})
    if linked:
        print(f"already tracked: {', '.join(linked)}")
        return 0
    # The earlier messages it answers may have been read without facts too (no hiring word
    # in "Lovely speaking with you"): read those again, so the thread comes whole
    # the message answered first, then the newest references back (a long thread's oldest go)
    answered = [r for _, _, f in found for r in (f.in_reply_to, *reversed(f.references)) if r]
    for ref in list(dict.fromkeys(answered))[:MAX_REFS]:
        try:
            _read_again(config, engine, ref, now_in(config))
        except WatcherError as exc:
            log.warning("%s", exc)
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


def _read_again(config: Any, engine: Any, target: str, now: datetime) -> bool:
    """A message the watcher read without keeping its facts (no hiring word in it): read it
    again from its account, whole, and keep them. True when one was."""
    from watcher.errors import WatcherError
    from watcher.live import open_backend
    from watcher.prepare import prepare

    store = engine.store
    accounts = {a.name: a for a in config.accounts}
    for row_id, account, ref in store.unread_messages(target):
        if account not in accounts:
            continue
        backend = open_backend(accounts[account], config)
        try:
            rm = backend.fetch_message(ref)
        except WatcherError as exc:
            raise WatcherError(f"account {account}: cannot read {target} again: {exc}") from exc
        finally:
            backend.close()
        if rm is None:
            continue  # gone from the mailbox since
        prep = prepare(rm, config.classify, engine.domains, now, force=True)
        if prep.fact is not None:
            with store.transaction():
                store.set_message_fact(row_id, prep.fact)
            # one message is one event: its copies in other accounts keep their bare rows
            # (as the pipeline keeps a copy read after it, store.has_message_id)
            return True
    return False
