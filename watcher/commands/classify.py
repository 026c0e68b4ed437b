"""`watcher classify`: say what each message of .eml files, folders, mboxes or Maildirs is."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from watcher.errors import UsageError

if TYPE_CHECKING:
    from watcher.models import ClassifierSettings, Event

NAME = "classify"
HELP = "classify messages (.eml files, folders, mbox, Maildir) and print one JSON line each"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher classify` (see cli-contract.md)."""
    p.add_argument("paths", nargs="+", metavar="PATH", help=".eml file, folder, mbox or Maildir")
    p.add_argument("--me", action="append", default=[], metavar="ADDRESS",
                   help="your address (repeat); default: [me] addresses of the config")
    p.add_argument("--tz", metavar="ZONE", help="zone for times written without one")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="one JSON object a line (the default)")
    out.add_argument("--table", action="store_true", help="a readable table instead of JSON")
    out.add_argument("--explain", action="store_true",
                     help="for people: which rules fired and why, message by message")


def iter_sources(path: Path) -> Iterator[tuple[str, bytes]]:
    """(source name, raw bytes) for every message under `path`, in a stable order."""
    if path.is_dir():
        if all((path / d).is_dir() for d in ("cur", "new")):  # a Maildir folder
            for sub in ("new", "cur"):
                for f in sorted((path / sub).iterdir()):
                    if f.is_file() and not f.name.startswith("."):  # .keep, editors' files
                        yield str(f), f.read_bytes()
            return
        for f in sorted(path.rglob("*")):
            if f.is_file() and not f.name.startswith("."):
                if _is_mbox(f):
                    yield from _iter_mbox(f)
                elif f.suffix.lower() in (".eml", ".msg", ".txt", "") or ":2," in f.name:
                    yield str(f), f.read_bytes()
        return
    if _is_mbox(path):
        yield from _iter_mbox(path)
    else:
        yield str(path), path.read_bytes()


def _is_mbox(path: Path) -> bool:
    if path.suffix.lower() in (".mbox", ".mbx"):
        return True
    with path.open("rb") as fh:
        return fh.read(5) == b"From "


def _iter_mbox(path: Path) -> Iterator[tuple[str, bytes]]:
    import mailbox

    box = mailbox.mbox(str(path), create=False)
    try:
        for i, key in enumerate(box.iterkeys()):
            yield f"{path}#{i}", box.get_bytes(key)
    finally:
        box.close()


def event_json(event: Event, source: str) -> dict[str, Any]:
    """The contract's JSON object for one classified message ("interview" only for a
    confirmation: a request's one proposed slot is not an interview yet)."""
    from watcher.models import Kind

    iv = event.interview if event.kind is Kind.INTERVIEW_CONFIRMED else None
    interview = None
    if iv is not None:
        interview = {
            "start": iv.start.isoformat(),
            "end": iv.end.isoformat(),
            "type": iv.type.value if iv.type else None,
            "interviewers": [{"name": a.name, "email": a.email} for a in iv.interviewers],
            "role": iv.role,
            "company": iv.company,
        }
    return {
        "source": source,
        "message_id": event.message_id,
        "direction": event.direction.value,
        "kind": event.kind.value,
        "reply": event.reply.value if event.reply else None,
        "interview": interview,
        "stated_timeline": event.stated_timeline.isoformat() if event.stated_timeline else None,
        "confidence": round(event.confidence, 3),
    }


def error_json(source: str, error: str) -> dict[str, Any]:
    """The line for a message that could not be read: every key, null where unknown."""
    return {
        "source": source, "message_id": None, "direction": "received", "kind": "other",
        "reply": None, "interview": None, "stated_timeline": None, "confidence": 0.0,
        "error": error,
    }


def settings_for(args: argparse.Namespace) -> ClassifierSettings:
    """Classifier settings from the config (when there is one) and the command line."""
    from dataclasses import replace

    from watcher.models import ClassifierSettings

    settings = ClassifierSettings()
    config_path = getattr(args, "config", None)
    if config_path or not args.me:
        from watcher.config import load_config

        cfg = load_config(Path(config_path) if config_path else None)
        settings = cfg.classify
    if args.me:
        bad = [a for a in args.me if "@" not in a]
        if bad:
            raise UsageError(f"--me: not a mail address: {bad[0]!r}")
        settings = replace(settings, me=tuple(a.strip().lower() for a in args.me))
    if args.tz:
        from watcher.zones import zone

        if zone(args.tz) is None:
            raise UsageError(f"--tz: unknown time zone {args.tz!r}")
        settings = replace(settings, default_timezone=args.tz)
    return settings


def run(args: argparse.Namespace) -> int:
    """Classify every message; a broken one gets a line with `error` and the run goes on."""
    from watcher.classify import classify, explain
    from watcher.errors import MessageError
    from watcher.parse import parse

    paths = [Path(p) for p in args.paths]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    settings = settings_for(args)
    out = sys.stdout
    rows: list[dict[str, Any]] = []
    for path in paths:
        for source, raw in iter_sources(path):
            event: Event | None = None
            try:
                msg = parse(raw)
                event = classify(msg, settings)
            except MessageError as exc:
                line = error_json(source, str(exc))
            except Exception as exc:  # a classifier bug must not stop a long run
                line = error_json(source, f"internal error: {exc.__class__.__name__}: {exc}")
            else:
                line = event_json(event, source)
            if args.explain:
                out.write(f"== {source}\n")
                if event is None:
                    out.write(f"   error: {line['error']}\n\n")
                else:
                    out.write(f"   subject: {msg.subject}\n")
                    out.write("   " + explain(event).replace("\n", "\n   ") + "\n\n")
            elif args.table:
                line["_subject"] = msg.subject if event is not None else ""
                rows.append(line)
            else:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    if args.table:
        out.write(render_table(rows))
    out.flush()
    return 0


def render_table(rows: list[dict[str, Any]]) -> str:
    """A readable table of classified messages (for `make demo` and people)."""
    header = ("kind", "reply", "when", "company", "role", "subject")
    lines = []
    for r in rows:
        iv = r["interview"] or {}
        kind = r["kind"] + (" (sent)" if r["direction"] == "sent" else "")
        when = (iv.get("start") or "")[:16].replace("T", " ")
        if not when and r["stated_timeline"]:
            when = "by " + r["stated_timeline"]
        lines.append((kind, r["reply"] or "", when, iv.get("company") or "", iv.get("role") or "",
                      (r.get("_subject") or r.get("error") or "")[:48]))
    widths = [max([len(h)] + [len(row[i]) for row in lines]) for i, h in enumerate(header)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*row) for row in lines]
    return "\n".join(out) + "\n"
