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

    from watcher.config import load_config
    from watcher.daemon import Daemon
    from watcher.errors import ConfigError
    from watcher.live import LiveEngine

    path = Path(args.config) if getattr(args, "config", None) else None
    config = load_config(path)
    if not config.accounts:
        raise ConfigError("no [[accounts]] in the config: add one (see `watcher init`)",
                          str(config.path) if config.path else None)
    return Daemon(path, LiveEngine, config=config).run()
