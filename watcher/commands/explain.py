"""`watcher explain PROCESS`: the evidence and the timeline behind each state change."""

from __future__ import annotations

import argparse
import dataclasses
from datetime import datetime
from typing import Any

from watcher.commands import when

NAME = "explain"
HELP = "show the evidence and timeline behind a process's state changes and its next draft"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher explain`."""
    p.add_argument("process", metavar="PROCESS", help="the process key shown by `watcher status`")


def run(args: argparse.Namespace) -> int:
    """Print the process, then its messages, drafts and manual actions in time order."""
    from pathlib import Path

    from watcher.commands.manual import now_in
    from watcher.commands.status import waiting_for
    from watcher.config import load_config
    from watcher.errors import UsageError
    from watcher.pipeline import Engine
    from watcher.store import Store

    path = getattr(args, "config", None)
    config = load_config(Path(path) if path else None)
    if not config.state_path.exists():
        raise UsageError(f"no state yet at {config.state_path}: run `watcher scan` first")
    engine = Engine(config, Store(config.state_path), {})
    try:
        info = engine.store.process(args.process)
        if info is None:
            known = ", ".join(p.key for p in engine.store.processes()) or "none"
            raise UsageError(f"no process named {args.process!r} (known: {known})")
        now = now_in(config)
        ps = engine.state(info.key)
        p = engine.plan(ps)
        zone = config.schedule.zone
        print(f"{info.key}: {info.company or '?'}, {info.role or 'role unknown'}"
              + (f" (employer domain {info.employer_domain})" if info.employer_domain else ""))
        r = ps.latest_round
        print(f"state: {ps.state_at(now).value}, round {r.number if r else 0}")
        if p.next_kind is not None and p.due is not None:
            print(f"next: {p.next_kind.value} due {when(p.due, zone)}")
        why = waiting_for(engine, ps, p, now)  # status's WAITING FOR, word for word
        if why:
            print(f"waiting for: {why}")
        print(f"\ntimeline ({config.schedule.timezone}):")
        for line in timeline(engine, info, now):
            print(line)
    finally:
        engine.store.close()
    return 0


def timeline(engine: Any, info: Any, now: datetime) -> list[str]:
    """Every message, draft event and manual action, each followed by the state it led to."""
    from watcher.models import Kind
    from watcher.state import DraftStatus, fold

    zone = engine.config.schedule.zone
    facts = engine.facts(info.key)
    drafts = engine.store.drafts(info.key)
    manual = engine.store.manual(info.key)
    items: list[tuple[datetime, int, list[str]]] = []
    final = fold(info, facts, drafts, manual, max_follow_ups=engine.config.policy.max_follow_ups)
    for f in facts:
        head = f"{f.direction.value:<8}  {f.kind.value}" + (f" ({f.reply.value})" if f.reply else "")
        if f.automatic:
            head += " [automatic]"
        who = f.from_.email if f.from_ else "?"
        lines = [f"{head}  from {who}: {f.subject[:60]!r}"]
        if f.evidence:
            lines.append(f"evidence: {', '.join(f.evidence)} (confidence {f.confidence:.2f})")
        if f.kind is Kind.INTERVIEW_CANCELLED:
            # the round the fold cancelled (state.cancel_target), not the time the mail named,
            # at the time it had then (a later rebooking moves the round)
            hit = next(((n, start) for at, n, start in final.called_off if at == f.at), None)
            lines.append(f"cancels round {hit[0]} of {hit[1].astimezone(zone):%Y-%m-%d %H:%M}"
                         if hit is not None else "cancels no interview still to come")
        elif f.interview is not None:
            iv = f.interview
            # a person named without an address is her name alone ("Art Vandelay", not
            # "Art Vandelay <>"); a type unknown leaves no double space
            people = ", ".join(str(a) if a.email else a.name for a in iv.interviewers) \
                or "interviewers unknown"
            kind = f" {iv.type.value}" if iv.type else ""
            lines.append(f"interview {iv.start.astimezone(zone):%Y-%m-%d %H:%M}-"
                         f"{iv.end.astimezone(zone):%H:%M}{kind} with {people}")
        if f.stated_timeline:
            lines.append(f"stated timeline: {f.stated_timeline.isoformat()}")
        items.append((f.at, 0, lines))
    for d in drafts:
        to = ", ".join(d.to)
        if d.status is DraftStatus.SKIPPED:
            # never made: it fell due before the watcher's first sync (rule 12)
            items.append((d.created_at, 1, [f"step      {d.step.value} (round {d.round}) to {to}: "
                                            "skipped, it fell due before the first sync"]))
            continue
        items.append((d.created_at, 1, [f"draft     {d.step.value} (round {d.round}) to {to}: created"]))
        if d.settled_at is not None and d.status is not DraftStatus.CREATED:
            items.append((d.settled_at, 1, [f"draft     {d.step.value} (round {d.round}): {d.status.value}"]))
    for m in manual:
        what = m.kind.value + (f" ({m.reason})" if m.reason else "")
        if m.until:
            what += f" until {m.until.astimezone(zone):%Y-%m-%d %H:%M}"
        if m.day:
            what += f" {m.day.isoformat()}"
        items.append((m.at, 2, [f"manual    {what}"]))
    items.sort(key=lambda x: (x[0], x[1]))
    out: list[str] = []
    last_state = None
    for at, _, lines in items:
        # The state right after this item: fold only what had happened by then.
        seen = [f for f in facts if f.at <= at]
        then = [dataclasses.replace(d, status=DraftStatus.CREATED, settled_at=None)
                if d.settled_at is not None and d.settled_at > at else d
                for d in drafts if d.created_at <= at]
        st = fold(info, seen, then, [m for m in manual if m.at <= at],
                  max_follow_ups=engine.config.policy.max_follow_ups).state_at(at)
        out.append(f"{at.astimezone(zone):%Y-%m-%d %H:%M}  {lines[0]}")
        out += [f"{'':18}{x}" for x in lines[1:]]
        if st != last_state:
            out.append(f"{'':18}-> {st.value}")
            last_state = st
    current = engine.state(info.key).state_at(now)
    if current != last_state:
        out.append(f"{now.astimezone(zone):%Y-%m-%d %H:%M}  (now)\n{'':18}-> {current.value}")
    return out
