"""`watcher demo` (`make demo`): the real watcher on the bundled demo Maildir, no account needed.

The demo mailbox is copied to a temporary folder and replayed in time order: each message is
delivered into the Maildir when a simulated clock reaches its Date, and the watcher makes a
real pass (Maildir backend, SQLite store, drafts written into .Drafts) at every moment the
daemon would wake. Then it prints `watcher status` and the drafts it left.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

NAME = "demo"
MARK = ".watcher-demo"  # in a folder the demo made: only such a folder is emptied again
HELP = "run the watcher over the bundled demo mailbox (a few weeks of a job search)"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher demo`."""
    p.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (default: a temp dir)")
    p.add_argument("--days-after", type=int, default=14,
                   help="keep the clock running this many days after the last message")
    p.add_argument("--quiet", action="store_true", help="print only the summary and the drafts")


def _date_of(raw: bytes) -> datetime | None:
    from watcher.parse import parse

    try:
        return parse(raw).date
    except Exception:
        return None


def run(args: argparse.Namespace) -> int:
    """Copy, replay with a simulated clock, print status and the drafts."""
    from watcher.backends.maildir import split_name
    from watcher.config import load_config
    from watcher.live import LiveEngine, summary_line

    source = Path(__file__).resolve().parents[1] / "demo"  # bundled as package data
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="watcher-demo-"))
    if work.is_dir() and any(work.iterdir()) and not (work / MARK).is_file():
        # `--keep ~` would otherwise delete ~/Maildir and overwrite a config.toml.
        print(f"watcher demo: {work} is not a demo folder (not empty, and not made by an "
              "earlier `watcher demo`): give --keep a new or empty folder", file=sys.stderr)
        return 2
    work.mkdir(parents=True, exist_ok=True)
    (work / MARK).touch()
    box = work / "Maildir"
    if box.exists():
        shutil.rmtree(box)
    # An empty Maildir++ tree; messages arrive in it as the clock passes their Date.
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (box / folder / sub).mkdir(parents=True, exist_ok=True)
    state = work / "watcher.db"
    if state.exists():
        state.unlink()
    config_text = (source / "config.toml").read_text(encoding="utf-8")
    config_text += f'\n[state]\npath = "{state}"\n'
    (work / "config.toml").write_text(config_text, encoding="utf-8")
    config = load_config(work / "config.toml")
    zone = config.schedule.zone

    pending: list[tuple[datetime, Path, Path]] = []  # (date, source file, destination)
    for path in sorted((source / "Maildir").rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.name == "maildirfolder":
            continue
        rel = path.relative_to(source / "Maildir")
        when = _date_of(path.read_bytes())
        if when is None:
            continue
        pending.append((when, path, box / rel))
    pending.sort(key=lambda item: item[0])
    if not pending:
        print("the demo mailbox is empty", file=sys.stderr)
        return 1
    start = pending[0][0] - timedelta(minutes=1)
    end = pending[-1][0] + timedelta(days=args.days_after)
    print(f"Demo: {len(pending)} messages of Alex Wong's job search, "
          f"{start.astimezone(zone):%a %d %b} to {pending[-1][0].astimezone(zone):%a %d %b %Y}.")
    print(f"Working copy: {work}")
    print("Replaying them in time order; the watcher makes a real pass whenever the daemon would"
          " wake.\n")

    live = LiveEngine(config)
    now = start
    drafts = 0
    made: list[str] = []  # draft ids, in the order they were made
    try:
        while True:
            while pending and pending[0][0] <= now:
                _, src, dst = pending.pop(0)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
            summary = live.run_pass(now)
            for created in summary.drafts:
                drafts += 1
                if created.draft_id:
                    made.append(created.draft_id)
                if not args.quiet:
                    print(f"{now.astimezone(zone):%a %d %b %H:%M}  draft: "
                          f"{created.draft.kind.value:<16} {created.draft.process:<36} "
                          f"to {', '.join(a.email for a in created.draft.to)}")
            if summary.failed_accounts:
                print("pass failed: " + summary_line(summary), file=sys.stderr)
                return 1
            candidates = [t for t in (pending[0][0] if pending else None,
                                      live.next_due(now)) if t is not None and t > now]
            nxt = min(candidates) if candidates else None
            if nxt is None or nxt > end:
                break
            now = nxt
    finally:
        live.close()

    print(f"\nClock stopped at {now.astimezone(zone):%a %d %b %Y %H:%M %Z}. "
          f"{drafts} drafts left in {box / '.Drafts'}.\n")
    print("watcher status:")
    from watcher.commands import status

    status.print_table(status.rows(config, now))
    print("\nThe drafts (the watcher never sends; Alex would review and send these):")
    # In the order they were made (file names do not sort that way); Alex's own draft is not
    # the watcher's and is left alone.
    files = {split_name(p.name)[0]: p for p in (box / ".Drafts").glob("*/*")}
    for draft_id in made:
        made_file = files.get(draft_id.rsplit("/", 1)[-1])
        if made_file is not None:
            _print_draft(made_file.read_bytes())
    if not args.keep:
        print("-" * 72)
        print(f"The working copy stays in {work} for you to look at; delete it when done.")
    return 0


def _print_draft(raw: bytes) -> None:
    from watcher.parse import parse

    msg = parse(raw)
    print("-" * 72)
    print(f"To: {', '.join(str(a) for a in msg.to)}")
    print(f"Subject: {msg.subject}")
    if msg.in_reply_to:
        print(f"In-Reply-To: {msg.in_reply_to}")
    print()
    print(msg.text)
