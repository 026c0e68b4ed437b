"""`watcher scan`: one pass (sync, advance, create due drafts), then exit; `--dry-run` changes nothing."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from typing import Any

from watcher.commands import when

NAME = "scan"
HELP = "one pass: sync, advance processes, create due drafts, exit (--dry-run changes nothing)"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher scan`."""
    p.add_argument("--account", action="append", metavar="NAME",
                   help="only this account (repeat for several)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the drafts it would create; change neither mailbox nor state")
    p.add_argument("--now", metavar="ISO", help=argparse.SUPPRESS)  # tests and the demo
    p.add_argument("--no-progress", action="store_true", help="no progress bar on a terminal")


class Progress:
    """A one-line progress bar with counts on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{stage:<24} [{bar}] {done}/{total}")
        sys.stderr.flush()
        self.shown = True

    def finish(self) -> None:
        """End the bar's line, if one was drawn, so what is printed next starts on its own."""
        if self.shown:
            sys.stderr.write("\n")


def parse_now(text: str | None) -> datetime:
    """The pass's moment: `--now` (ISO 8601 with an offset) or the real clock."""
    if not text:
        return datetime.now(timezone.utc)
    from watcher.errors import UsageError

    try:
        value = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UsageError(f"--now: not an ISO 8601 moment: {text!r}") from exc
    if value.tzinfo is None:
        raise UsageError("--now needs an offset, e.g. 2026-12-01T09:00:00-05:00")
    return value


def run(args: argparse.Namespace) -> int:
    """One pass over the chosen accounts; exit 1 when any account failed or a due draft could
    not be made."""
    from pathlib import Path

    from watcher.config import load_config
    from watcher.live import LiveEngine, summary_line

    config = load_config(Path(args.config) if getattr(args, "config", None) else None)
    if not config.accounts:
        from watcher.config import no_accounts_error

        raise no_accounts_error(config)
    from watcher.live import StateLock

    # A dry run changes nothing: it may look while the service runs; a real pass may not.
    lock = None if args.dry_run else StateLock(config.state_path, what="scan")
    on_terminal = sys.stderr is not None and sys.stderr.isatty()  # None: started with 2>&-
    progress = Progress() if on_terminal and not args.no_progress else None
    live = LiveEngine(config, tuple(args.account) if args.account else None,
                      dry_run=args.dry_run, progress=progress, one_shot=True)
    try:
        summary = live.run_pass(parse_now(args.now))
    finally:
        if progress is not None:
            progress.finish()
        live.close()
        if lock is not None:
            lock.release()
    if args.dry_run:
        print("dry run: nothing was changed")
        for created in summary.drafts:
            _print_draft(created, config.schedule.zone)
    print(summary_line(summary, dry_run=args.dry_run))  # the contract's wording
    return 1 if summary.failed_accounts or summary.failed_drafts else 0


def _print_draft(created: Any, zone: Any) -> None:
    d = created.draft
    print(f"would create {d.kind.value} for {d.process} (round {d.round}) at {when(created.at, zone)}")
    print(f"  to: {', '.join(a.email for a in d.to)}")
    print(f"  subject: {d.subject}")
