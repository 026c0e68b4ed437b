"""`watcher run`: the daemon (passes on a schedule, on push and when drafts fall due)."""

from __future__ import annotations

import argparse

NAME = "run"
HELP = "the daemon: sync on push and on a schedule, create drafts when they fall due"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher run` (none beyond --config)."""


def run(args: argparse.Namespace) -> int:
    """Run until SIGTERM; HUP reloads the config, USR1 runs a pass now."""
    from pathlib import Path

    from watcher.config import Config, load_config
    from watcher.daemon import Daemon
    from watcher.errors import ConfigError
    from watcher.live import LiveEngine

    path = Path(args.config) if getattr(args, "config", None) else None
    config = load_config(path)
    if not config.accounts:
        raise ConfigError("no [[accounts]] in the config: add one (see `watcher init`)",
                          str(config.path) if config.path else None)
    from watcher.errors import TransientError, UsageError
    from watcher.live import StateLock

    held: dict[Path, StateLock] = {}
    try:
        held[config.state_path.expanduser()] = StateLock(config.state_path)  # one per state file
    except UsageError as exc:
        # A scan that holds the state passes; exit 2 would mean "fix the config", and the unit
        # (RestartPreventExitStatus=2) would then never start the service again by itself.
        raise TransientError(str(exc)) from None
    beat = WatchdogOnProgress()

    def make_engine(c: Config) -> LiveEngine:
        # A reload to another [state] path moves the lock with it (the new file would be
        # unguarded, the old one refused to others); one held by another watcher refuses
        # the reload, and the last good config keeps running
        engine = LiveEngine(c, progress=beat)
        where = c.state_path.expanduser()
        if where not in held:
            try:
                lock = StateLock(where)
            except BaseException:
                engine.close()
                raise
            for old in list(held):
                held.pop(old).release()
            held[where] = lock
        return engine

    try:
        return Daemon(path, make_engine, config=config).run()
    finally:
        for lock in held.values():
            lock.release()


class WatchdogOnProgress:
    """A long first sync (hundreds of thousands of messages) makes progress inside one pass:
    ping the systemd watchdog as it does, at most every 30 s, so it is not restarted midway."""

    def __init__(self, every: float = 30.0) -> None:
        self.every = every
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        import time

        from watcher import sdnotify

        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            sdnotify.watchdog(f"{stage}: {done}/{total}")
