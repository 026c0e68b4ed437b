"""Replay an mbox through the daemon's own `pipeline.tick` with a simulated clock.

An in-memory mailbox is fed each message when its Date comes; the clock wakes at every
message, every due moment the store reports and every scripted user action. Nothing is
written anywhere and the real clock is never read.
"""

from __future__ import annotations

import dataclasses
import heapq
import logging
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from watcher.backends.base import Folder
from watcher.backends.memory import MemoryBackend
from watcher.config import Config
from watcher.errors import UsageError
from watcher.models import StepKind
from watcher.parse import mail_date, parse_addresses
from watcher.pipeline import Created, Engine, StateChange, TickSummary, tick
from watcher.state import STEP_ORDER, DraftStatus
from watcher.store import Store

log = logging.getLogger(__name__)

ACCOUNT = "simulate"
_MAX_TICKS_PER_MOMENT = 20


@dataclass(frozen=True, slots=True)
class UserAction:
    """A scripted user action: at `at`, delete (or send) the pending draft of `kind`."""

    at: datetime
    kind: StepKind
    action: str = "delete"  # "delete" | "send"
    process: str | None = None


@dataclass(frozen=True, slots=True)
class MboxMessage:
    """One message of the mbox: its bytes, date and whether the user sent it."""

    index: int
    raw: bytes
    date: datetime | None
    sent: bool
    thread_id: str | None = None  # X-GM-THRID of a Gmail export
    labels: frozenset[str] = frozenset()  # X-Gmail-Labels of a Gmail export (watcher/track ...)


@dataclass
class Result:
    """What a simulation produced, in time order."""

    drafts: list[Created] = field(default_factory=list)
    events: list[StateChange] = field(default_factory=list)
    lines: list[tuple[Any, ...]] = field(default_factory=list)  # (sort key, kind, object)
    messages: int = 0
    ticks: int = 0
    bad_messages: int = 0
    processes: list[str] = field(default_factory=list)  # every process's key at the end


def read_mbox(path: str | Path, me: tuple[str, ...]) -> list[MboxMessage]:
    """Every message of an mbox with its Date (None when unreadable) and direction."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{path}: no such mbox file")
    box = mailbox.mbox(str(p), create=False)
    hp = BytesHeaderParser()
    mine = {a.lower() for a in me}
    out: list[MboxMessage] = []
    try:
        if not len(box) and p.read_bytes().strip():
            # text with no "From " line: mailbox finds no message in it, which would read as
            # an mbox that leads to no draft
            raise UsageError(f"{path}: not an mbox file (no line starts with 'From '): export "
                             "the mail as mbox")
        for i, key in enumerate(box.iterkeys()):
            raw = box.get_bytes(key)
            date: datetime | None
            try:
                headers = hp.parsebytes(raw)
                date = mail_date(str(headers.get("Date", "")))
                if date is not None and date.tzinfo is None:
                    date = None  # a Date without a zone: place it by its neighbours
                # parse_addresses unfolds first: a folded quoted name split here too
                frm = [a.email for a in parse_addresses(str(headers.get("From", "")))]
                thread = str(headers.get("X-GM-THRID", "")).strip() or None
                labels = frozenset(x.strip().lower() for x in
                                   str(headers.get("X-Gmail-Labels", "")).split(",") if x.strip())
            except Exception:  # the sender's bytes (getaddresses recursed on
                # 5,000 nested comments): the message is placed by its neighbours, and read
                # (or recorded as unreadable) by the pipeline like any other
                date, frm, thread, labels = None, [], None, frozenset()
            out.append(MboxMessage(i, raw, date, any(a in mine for a in frm), thread, labels))
    finally:
        box.close()
    return out


def _in_order(msgs: list[MboxMessage]) -> list[tuple[datetime, MboxMessage]]:
    """Date order (stable); an undated message keeps the date of the one before it."""
    dated: list[tuple[datetime, MboxMessage]] = []
    last: datetime | None = None
    for m in msgs:
        d = m.date or last
        if d is not None:
            dated.append((d, m))
            last = d
    first = next((d for d, _ in dated), None)
    head = [(first, m) for m in msgs[: len(msgs) - len(dated)]] if first is not None else []
    return sorted([*head, *dated], key=lambda x: (x[0].timestamp(), x[1].index))


def simulate(messages: list[MboxMessage], config: Config, *, zone: ZoneInfo,
             until: datetime | None = None, assume_sent: bool = False,
             user_actions: tuple[UserAction, ...] = (), store_path: str = ":memory:") -> Result:
    """Run the simulation; `until` defaults to 120 days after the last message (inclusive)."""
    ordered = _in_order(messages)
    if not ordered:
        return Result()  # no mail, nothing to replay (and no clock to read)
    if until is None:
        until = ordered[-1][0] + timedelta(days=120)
    store = Store(store_path)
    backend = MemoryBackend(ACCOUNT, assume_sent=assume_sent)
    engine = Engine(config, store, {ACCOUNT: backend}, catch_up=False)
    result = Result()
    pending_actions = sorted(user_actions, key=lambda a: a.at)
    wakes: list[tuple[datetime, str]] = []  # (interview start, process) still to come: a heap
    woken: set[tuple[datetime, str]] = set()
    i = 0
    last_t: datetime | None = None
    try:
        while True:
            cands: list[datetime] = []
            if i < len(ordered):
                cands.append(ordered[i][0])
            due = store.next_due()
            if due is not None and (last_t is None or due > last_t):
                cands.append(due)
            if pending_actions:
                cands.append(pending_actions[0].at)
            if wakes:
                # An interview's start: the daemon's heartbeat would see the process become
                # `interviewed` then, so --events reports the change at that moment.
                cands.append(wakes[0][0])
            if not cands:
                break
            t = min(cands, key=lambda d: d.timestamp())
            if t > until:
                break
            while i < len(ordered) and ordered[i][0] <= t:
                m = ordered[i][1]
                backend.deliver(m.raw, Folder.SENT if m.sent else Folder.INBOX, m.thread_id,
                                m.labels)
                result.messages += 1
                i += 1
            while pending_actions and pending_actions[0].at <= t:
                _user_action(store, backend, pending_actions.pop(0))
            for _ in range(_MAX_TICKS_PER_MOMENT):
                summary = tick(t, engine)
                result.ticks += 1
                result.bad_messages += summary.bad_messages
                # A tick's drafts (in the contract's tie order), then the state changes they
                # and the tick's mail caused.
                for c in sorted(summary.drafts, key=_draft_key):
                    result.drafts.append(c)
                    result.lines.append(((c.at.timestamp(), result.ticks, 0, len(result.lines)),
                                         "draft", c))
                for ev in summary.events:
                    result.events.append(ev)
                    result.lines.append(((ev.at.timestamp(), result.ticks, 1, len(result.lines)),
                                         "event", ev))
                for p in summary.processes_changed:
                    for r in engine.state(p).rounds:
                        if r.start > t and (r.start, p) not in woken:
                            woken.add((r.start, p))
                            heapq.heappush(wakes, (r.start, p))
                if not backend.pending(store.cursor(ACCOUNT)):
                    break
            started = TickSummary()
            while wakes and wakes[0][0] <= t:
                _, p = heapq.heappop(wakes)
                with store.transaction():
                    engine.refresh(p, t, "interview_started", started)
            for ev in started.events:
                result.events.append(ev)
                result.lines.append(((ev.at.timestamp(), result.ticks, 1, len(result.lines)),
                                     "event", ev))
            last_t = t
        result.processes = sorted(p.key for p in store.processes())
    finally:
        store.close()
    result.lines.sort(key=lambda x: x[0])
    return result


def _draft_key(c: Created) -> tuple[Any, ...]:
    a = c.action
    return (c.at.timestamp(), a.process, a.round, STEP_ORDER[a.step],
            a.to[0].email if a.to else "")


def _user_action(store: Store, backend: MemoryBackend, act: UserAction) -> None:
    """Delete or send the pending draft of a step, as the user would in a mail client."""
    listed = backend.list_drafts()
    rows = [r for r in store.drafts(statuses=(DraftStatus.CREATED,))
            if r.step is act.kind and r.key in listed
            and (act.process is None or r.process == act.process)]
    if not rows:
        log.warning("no pending %s draft%s to %s at %s", act.kind,
                    f" of {act.process}" if act.process else "", act.action, act.at)
        return
    for r in rows:
        if act.action == "send":
            backend.user_sends_draft(r.key, act.at)
        else:
            backend.user_deletes_draft(r.key)


def draft_json(c: Created, zone: ZoneInfo) -> dict[str, Any]:
    """One contract line for a draft."""
    d = c.draft
    return {
        "at": c.at.astimezone(zone).isoformat(),
        "kind": d.kind.value,
        "process": d.process,
        "round": d.round,
        "to": [a.email for a in d.to],
        "subject": d.subject,
        "in_reply_to": d.in_reply_to,
        "body": d.body,
    }


def event_json(ev: StateChange, zone: ZoneInfo) -> dict[str, Any]:
    """One contract line for a state change (`--events`)."""
    return {"at": ev.at.astimezone(zone).isoformat(), "event": ev.event,
            "process": ev.process, "state": ev.state.value}


def json_lines(result: Result, zone: ZoneInfo, events: bool) -> Iterator[dict[str, Any]]:
    """The contract's output objects, in time order."""
    for _, kind, obj in result.lines:
        if kind == "draft":
            yield draft_json(obj, zone)
        elif events:
            yield event_json(obj, zone)


def configure_for(config: Config, me: tuple[str, ...], zone_name: str) -> Config:
    """The config with the simulation's user addresses and zone: mail times without a zone
    are read in it too, as the service reads them in the configured one (the config's was
    the machine's zone when it sets none, so a replay depended on the machine)."""
    me_l = tuple(a.lower() for a in me)
    sched = dataclasses.replace(config.schedule, timezone=zone_name)
    mecfg = dataclasses.replace(config.me, addresses=me_l or config.me.addresses)
    classify = dataclasses.replace(config.classify, me=me_l or config.classify.me,
                                   default_timezone=zone_name)
    return dataclasses.replace(config, schedule=sched, me=mecfg, classify=classify)
