"""The `watcher` command line: subcommands, logging set-up and exit codes (0 ok, 1 failed, 2 usage).

Each subcommand lives in `watcher/commands/<name>.py` and imports what it needs inside `run`,
so `watcher --help` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import sys
import threading
from collections.abc import Sequence

from watcher import __version__
from watcher.commands import COMMANDS
from watcher.errors import EXIT_FAILED, EXIT_USAGE, WatcherError

log = logging.getLogger(__name__)


class _JsonFormatter(logging.Formatter):
    """One JSON object a line, for log collectors (`--log-format json`)."""

    def format(self, record: logging.LogRecord) -> str:
        out = {
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False)


_SYSLOG_PRIORITY = {logging.DEBUG: 7, logging.INFO: 6, logging.WARNING: 4, logging.ERROR: 3,
                    logging.CRITICAL: 2}


class _JournalFormatter(logging.Formatter):
    """A line for journald's stdout stream: led by its syslog priority (`<4>` for a warning),
    which systemd strips and files the line under, so `journalctl -p warning` finds it."""

    def format(self, record: logging.LogRecord) -> str:
        prio = _SYSLOG_PRIORITY.get(record.levelno, 6 if record.levelno < logging.WARNING else 3)
        # every line of a traceback carries it, or journald files the rest under "info"
        return "\n".join(f"<{prio}>{line}" for line in super().format(record).splitlines())


def _stderr_is_journal() -> bool:
    """stderr is the journal stream systemd set up (JOURNAL_STREAM names its device and inode),
    not a file or pipe it was redirected to."""
    want = os.environ.get("JOURNAL_STREAM", "")
    try:
        st = os.fstat(sys.stderr.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return want == f"{st.st_dev}:{st.st_ino}"


def _stderr_is_tty() -> bool:
    # sys.stderr is None when the process started with fd 2 closed (`2>&-`)
    try:
        return bool(sys.stderr and sys.stderr.isatty())
    except (OSError, ValueError):  # closed since
        return False


class _OncePerProcess(logging.Filter):
    """Lets each distinct message through once: tzlocal warns of a stale /etc/timezone (one
    that disagrees with /etc/localtime) at every read, twice, and the daemon reads the zone at
    every heartbeat (~30 s): the same two lines ~5,800 times a day where once had been."""

    def __init__(self) -> None:
        super().__init__()
        self._said: set[str] = set()
        self._lock = threading.Lock()  # the heartbeat and a reload's pass both read the zone

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        with self._lock:
            if text in self._said:
                return False
            self._said.add(text)
        return True


_TZLOCAL_ONCE = _OncePerProcess()


def setup_logging(level: str = "info", fmt: str = "auto") -> None:
    """Log to stderr: no timestamps under systemd (journald adds its own; priorities as
    `<N>` prefixes on its stream), the time on a terminal, date and time in a file (launchd's
    log), JSON on request."""
    handler = logging.StreamHandler(sys.stderr)
    under_systemd = bool(os.environ.get("JOURNAL_STREAM") or os.environ.get("INVOCATION_ID"))
    plain = "%(levelname)s %(name)s: %(message)s"
    if fmt == "json":
        handler.setFormatter(_JsonFormatter())
    elif fmt == "auto" and _stderr_is_journal():
        handler.setFormatter(_JournalFormatter(plain))
    elif under_systemd or fmt == "plain":
        handler.setFormatter(logging.Formatter(plain))
    elif _stderr_is_tty():
        handler.setFormatter(logging.Formatter("%(asctime)s " + plain, "%H:%M:%S"))
    else:  # a log file read days later (launchd's StandardErrorPath): the date too
        handler.setFormatter(logging.Formatter("%(asctime)s " + plain, "%Y-%m-%dT%H:%M:%S%z"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(getattr(logging, level.upper(), logging.INFO))
    # APScheduler logs every job run at INFO: a line a minute in the journal says nothing.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # The daemon reads the system zone at each heartbeat (`timezone = ""` follows it): tzlocal's
    # account of the files it read, a few lines a minute with --debug, says nothing.
    logging.getLogger("tzlocal").setLevel(logging.WARNING)
    logging.getLogger("tzlocal").addFilter(_TZLOCAL_ONCE)  # (added once: it is one object)
    # googleapiclient warns about its file cache at every start; we build from static discovery.
    logging.getLogger("googleapiclient.discovery_cache").setLevel(logging.ERROR)
    # Protocol traces carry whole messages (and request bodies): never in our logs, even with
    # --debug. Log ids, never bodies.
    for name in ("imapclient", "googleapiclient", "google", "google_auth_httplib2", "httplib2",
                 "urllib3", "oauthlib", "requests_oauthlib", "keyring"):
        logging.getLogger(name).setLevel(logging.WARNING)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with one sub-parser per module in `watcher.commands`."""
    parser = argparse.ArgumentParser(
        prog="watcher",
        description="Watches your mailbox for job interviews and leaves follow-up drafts. "
        "It never sends mail.",
    )
    parser.add_argument("--version", action="version", version=f"watcher {__version__}")
    parser.add_argument("--config", metavar="PATH", help="config file (default: the platform's)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    parser.add_argument("--log-level", default=None, choices=["debug", "info", "warning", "error"],
                        help="default: info for `run` (its journal then shows starts, reloads and "
                             "each draft made), warning for the other commands")
    parser.add_argument("--log-format", default="auto", choices=["auto", "plain", "json"])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"watcher.commands.{name}")
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        # Accept --config after the subcommand too (`watcher scan --config X`), as the contract
        # shows, and in its --help (review20c: hidden there); SUPPRESS as default keeps the one
        # given before the subcommand
        p.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS,
                       help="config file (default: the platform's; also before the command)")
        module.configure(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, bad usage exits 2
        return int(exc.code or 0)
    level = args.log_level or ("info" if args.command == "run" else "warning")
    setup_logging("debug" if args.debug else level, args.log_format)
    module = getattr(args, "_module", None)
    if module is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(module.run(args))
    except WatcherError as exc:
        if args.debug:
            log.exception("%s failed", args.command)
        print(f"watcher {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `watcher classify ... | head`: the reader went away; not an error of ours.
        try:
            sys.stdout.close()
        except OSError:
            pass
        return 0
    except Exception as exc:  # an unexpected bug: one line unless --debug
        if args.debug:
            raise
        # the type only: an unexpected error's text may quote mail or a secret (a password
        # in a UnicodeError); --debug shows the whole trace to whoever asks for it
        print(f"watcher {args.command}: internal error: {type(exc).__name__} (run with --debug "
              "for details)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
