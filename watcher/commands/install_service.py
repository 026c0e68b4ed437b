"""`watcher install-service`: write the systemd user unit or launchd agent with real paths."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "install-service"
HELP = "write the systemd user unit (Linux) or launchd agent (macOS) and print how to enable it"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher install-service`."""
    p.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    p.add_argument("--instance", metavar="NAME",
                   help="one instance per config: watcher@NAME reads ~/.config/watcher/NAME.toml")
    p.add_argument("--platform", choices=["linux", "darwin"],
                   default="darwin" if sys.platform == "darwin" else "linux")
    p.add_argument("--exec", dest="exe", metavar="PATH",
                   help="the watcher program to run (default: this one)")


def _writable_folders(args: argparse.Namespace) -> tuple[str, ...]:
    """Maildir accounts' roots: the daemon writes drafts there, so the unit must allow it."""
    from watcher.config import load_config
    from watcher.errors import ConfigError

    path = getattr(args, "config", None)
    try:
        cfg = load_config(Path(path) if path else None)
    except ConfigError:
        return ()
    roots = []
    for account in cfg.accounts:
        root = getattr(account, "path", None)
        if account.backend == "maildir" and root:
            roots.append(str(Path(root).expanduser()))
    return tuple(roots)


def run(args: argparse.Namespace) -> int:
    """Render, then print (--dry-run) or write, the service file."""
    from watcher import service

    exe = args.exe or service.watcher_executable()
    svc = service.plan(args.platform, Path.home(), exe, instance=args.instance,
                       writable=_writable_folders(args))
    if args.dry_run:
        sys.stdout.write(f"# {svc.path}\n")
        sys.stdout.write(svc.content.decode())
        return 0
    service.install(svc)
    print(f"wrote {svc.path}")
    print("enable it with:")
    for line in svc.enable:
        print(f"  {line}")
    return 0
