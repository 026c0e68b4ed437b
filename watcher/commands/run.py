"""`watcher run`: the daemon (passes on a schedule, on push and when drafts fall due)."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

NAME = "run"
HELP = "the daemon: sync on push and on a schedule, create drafts when they fall due"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher run` (none beyond --config)."""


def run(args: argparse.Namespace) -> int:
    """Run until SIGTERM; HUP reloads the config, USR1 runs a pass now."""
    from watcher.config import Config, load_config
    from watcher.daemon import Daemon
    from watcher.live import LiveEngine

    path = Path(args.config) if getattr(args, "config", None) else None
    config = load_config(path)
    if not config.accounts:
        from watcher.config import no_accounts_error

        raise no_accounts_error(config)
    from watcher.errors import TransientError, UsageError

    locks = SharedLocks()
    try:
        startup: Callable[[], None] | None = locks.acquire(config.state_path)  # one per file
    except UsageError as exc:
        # A scan that holds the state passes; exit 2 would mean "fix the config", and the unit
        # (RestartPreventExitStatus=2) would then never start the service again by itself.
        raise TransientError(str(exc)) from None
    beat = WatchdogOnProgress()

    def make_engine(c: Config) -> LiveEngine:
        # Each engine holds the lock of its state file until it is closed: a reload to another
        # [state] path locks the new file (it would be unguarded) and frees the old one when
        # the old engine closes (it was refused to others); a file another watcher holds
        # refuses the reload, and a reload refused for any reason keeps the running lock.
        nonlocal startup
        release = locks.acquire(c.state_path)
        try:
            engine = LiveEngine(c, progress=beat)
        except BaseException:
            release()
            raise
        engine.on_close = release
        first, startup = startup, None
        if first is not None:
            first()  # the first engine holds it now
        return engine

    try:
        return Daemon(path, make_engine, config=config).run()
    finally:
        if startup is not None:
            startup()
        locks.release_all()


class SharedLocks:
    """StateLocks by state file, each held while anything still uses it (a flock is per open
    file: the engine a reload replaces and its successor on the same file share one)."""

    def __init__(self) -> None:
        self._held: dict[Path, tuple[Any, int]] = {}

    def acquire(self, state_path: Path) -> Callable[[], None]:
        """Hold the lock of `state_path` (UsageError when another watcher has it); the
        function returned lets go of this hold, once."""
        from watcher.live import StateLock

        where = state_path.expanduser()
        lock, n = self._held.get(where, (None, 0))
        if lock is None:
            lock = StateLock(where)
        self._held[where] = (lock, n + 1)
        done = False

        def release() -> None:
            nonlocal done
            if done:
                return
            done = True
            held, count = self._held[where]
            if count <= 1:
                del self._held[where]
                held.release()
            else:
                self._held[where] = (held, count - 1)

        return release

    def release_all(self) -> None:
        """At exit: every lock (the kernel would drop them too)."""
        for lock, _n in self._held.values():
            lock.release()
        self._held.clear()


class WatchdogOnProgress:
    """A long first sync (hundreds of thousands of messages) makes progress inside one pass:
    ping the systemd watchdog as it does, at most every 30 s, so it is not restarted midway."""

    def __init__(self, every: float = 30.0) -> None:
        self.every = every
        # not 0.0: the monotonic clock counts from boot, so a pass within `every` of boot
        # (a service started with the machine) pinged nothing at first
        self.last = float("-inf")
        self.told_stop = False  # "stopping: finishing this pass first" logged

    def __call__(self, stage: str, done: int, total: int) -> None:
        import time

        from watcher import sdnotify
        from watcher.backends.retry import stopping

        if stopping.is_set() and not self.told_stop:
            # TERM came in the middle of a long pass: it is finished first (state stays
            # consistent), and the log says so rather than nothing until "watcher stopped"
            self.told_stop = True
            log.info("stopping: finishing this pass first (%s: %d/%d)", stage, done, total)
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            sdnotify.watchdog(f"{stage}: {done}/{total}")
