"""`watcher check-config`: validate the config file and print the effective config as TOML."""

from __future__ import annotations

import argparse
import sys
from typing import Any

NAME = "check-config"
HELP = "validate the config file and print the effective config (exit 2 when invalid)"


def configure(parser: argparse.ArgumentParser) -> None:
    """No options of its own; `--config PATH` picks the file."""


def run(args: argparse.Namespace) -> int:
    """Print the effective config (exit 0), or the problem on one line on stderr (exit 2);
    several: a count, then each on a line of its own."""
    from pathlib import Path

    from watcher.config import load_config, render_effective
    from watcher.errors import ConfigError

    path = getattr(args, "config", None)
    try:
        config = load_config(Path(path) if path else None)
        _refused_by_run(config)
    except ConfigError as exc:
        # Unlike other commands, list each problem on its own line: this is the tool for fixing
        # them. One problem is the one-line error every command prints.
        prefix = f"{exc.path}: " if exc.path else ""
        count = len(exc.problems)
        if count == 1:
            print(f"watcher check-config: {prefix}{exc.problems[0]}", file=sys.stderr)
            return exc.exit_code
        print(f"watcher check-config: {count} problem{'s' if count != 1 else ''}",
              file=sys.stderr)
        for problem in exc.problems:
            print(f"{prefix}{problem}", file=sys.stderr)
        return exc.exit_code
    sys.stdout.write(render_effective(config))
    return 0


def _refused_by_run(config: Any) -> None:
    """ConfigError for what `watcher run` (and a reload) would refuse in a config that loads:
    no account, or a state file that cannot be opened. Creates nothing."""
    from watcher.commands.doctor import Check, check_state
    from watcher.config import no_accounts_error
    from watcher.errors import ConfigError

    if config.path is None:  # no file at all: that is the one thing to fix
        raise no_accounts_error(config)
    where = str(config.path)
    problems = []
    if not config.accounts:
        problems += no_accounts_error(config).problems
    checks: list[Check] = []
    check_state(config, checks)
    problems += [f"[state] path: {c.detail}" for c in checks if c.verdict == "fail"]
    if problems:
        raise ConfigError(problems, where)
