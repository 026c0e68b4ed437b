"""`watcher timeline PROCESS DATE`: set the stated timeline by hand (the first check-in
falls due the first business day after it). Without DATE: show the process's history."""

from __future__ import annotations

import argparse
from typing import Any

from watcher.commands import when

NAME = "timeline"
HELP = "set a process's stated timeline by hand (ISO date); without DATE, show its history"


def configure(p: argparse.ArgumentParser) -> None:
    """PROCESS [DATE]."""
    p.add_argument("process", metavar="PROCESS")
    p.add_argument("date", metavar="DATE", nargs="?")


def history(engine: Any, process: str, zone: Any) -> list[str]:
    """One line per fact of a process (messages, drafts, manual commands), in time order."""
    lines: list[tuple[Any, str]] = []
    for m in engine.facts(process):
        who = m.from_.email if m.from_ else "?"
        what = m.kind.value + (f"/{m.reply.value}" if m.reply else "")
        if m.automatic:
            what += " (automatic)"
        lines.append((m.at, f"{m.direction.value:8} {what:32} {who}  {m.subject[:60]}"))
    for d in engine.store.drafts(process):
        if d.settled_at is not None and d.settled_at == d.created_at:
            # a step settled as it was recorded (skipped on a first sync): one line
            lines.append((d.created_at, f"{'draft':8} {d.step.value:32} {d.status.value}  {d.key}"))
            continue
        made = "intent" if d.status.value == "intent" else "created"
        lines.append((d.created_at, f"{'draft':8} {d.step.value:32} {made}  {d.key}"))
        if d.settled_at is not None:
            lines.append((d.settled_at, f"{'draft':8} {d.status.value:32} {d.key}"))
    for f in engine.store.manual(process):
        extra = f.reason or (when(f.until, zone) if f.until else "") or (
            f.day.isoformat() if f.day else "")
        lines.append((f.at, f"{'manual':8} {f.kind.value:32} {extra}"))
    lines.sort(key=lambda x: x[0].timestamp())
    return [f"{at.astimezone(zone):%Y-%m-%d %H:%M}  {text}" for at, text in lines]


def run(args: argparse.Namespace) -> int:
    """Record the timeline and print the process's next draft, or print its history."""
    from watcher.commands.manual import moment, now_in, open_engine, record, require_process
    from watcher.state import ManualFact, ManualKind

    config, engine = open_engine(args)
    require_process(engine, args.process)
    if args.date is None:
        for line in history(engine, args.process, config.schedule.zone):
            print(line)
        return 0
    day = moment(args.date, config, "DATE").date()
    now = now_in(config)
    print(record(engine, args.process, ManualFact(ManualKind.TIMELINE, now, day=day), now))
    return 0
