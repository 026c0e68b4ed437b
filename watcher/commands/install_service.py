"""`watcher install-service`: write the systemd user unit or launchd agent with real paths."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

NAME = "install-service"
HELP = "write the systemd user unit (Linux) or launchd agent (macOS) and print how to enable it"


def configure(p: argparse.ArgumentParser) -> None:
    """Options of `watcher install-service`."""
    p.add_argument("--dry-run", action="store_true", help="print the file instead of writing it")
    p.add_argument("--instance", metavar="NAME",
                   help="one instance per config: watcher@NAME reads NAME.toml in the config "
                        "folder (~/.config/watcher on Linux)")
    p.add_argument("--platform", choices=["linux", "darwin"],
                   default="darwin" if sys.platform == "darwin" else "linux")
    p.add_argument("--exec", dest="exe", metavar="PATH",
                   help="the watcher program to run (default: this one)")


def _writable_folders(config: Path | None) -> tuple[tuple[str, ...], Path | None]:
    """What the daemon writes besides its state folder, so the unit must allow it: Maildir
    accounts' roots (drafts go there), and the folder of a [state] path outside the state
    folder (None when it is inside)."""
    import platformdirs

    from watcher.config import APP_NAME, default_config_path, load_config
    from watcher.errors import ConfigError

    path = config if config is not None else default_config_path()
    if not path.exists():
        # the service would only fail at start: say so now
        how = "watcher init" if config is None else f"watcher --config {shlex.quote(str(path))} init"
        raise ConfigError(f"there is none: run `{how}` (or write it) first", str(path))
    cfg = load_config(path)  # a bad config is refused here too (exit 2), as `watcher run` would
    if not cfg.accounts:
        raise ConfigError("no [[accounts]] in the config: add one (see `watcher init`)", str(path))
    roots = []
    for account in cfg.accounts:
        root = getattr(account, "path", None)
        if account.backend == "maildir" and root:
            roots.append(str(Path(root).expanduser()))
            drafts = account.folders.drafts
            if drafts and Path(drafts).is_absolute() and \
                    not Path(drafts).is_relative_to(Path(root).expanduser()):
                roots.append(drafts)  # a Drafts folder of its own, outside the root
    state_dir = cfg.state_path.expanduser().parent
    if state_dir.is_relative_to(platformdirs.user_state_path(APP_NAME)):
        return tuple(roots), None
    return tuple(roots), state_dir


def run(args: argparse.Namespace) -> int:
    """Render, then print (--dry-run) or write, the service file (and an instance's drop-in)."""
    from watcher import service
    from watcher.errors import ConfigError, UsageError

    # the service starts in another folder: a relative --exec would name nothing there
    exe = os.path.abspath(args.exe) if args.exe else service.watcher_executable()
    given = Path(args.config).expanduser().resolve() if getattr(args, "config", None) else None
    config: Path | None = given
    if args.instance is not None:
        service.check_instance(args.instance)
        config = service.instance_config(args.platform, Path.home(), args.instance)
        if given is not None and given != config.resolve():
            raise UsageError(f"--instance {args.instance} reads {config}; put that config "
                             f"there (or install without --instance to run {given})")
    writable, state = _writable_folders(config)
    svc = service.plan(args.platform, Path.home(), exe, instance=args.instance,
                       writable=writable, state=str(state) if state else None,
                       config=str(given) if given is not None else None,
                       # password_command finds the programs it finds in this shell
                       search_path=service.search_path(os.environ.get("PATH")))
    if args.dry_run:
        for path, content in ((svc.path, svc.content), *svc.extra):
            sys.stdout.write(f"# {path}\n")
            sys.stdout.write(content.decode())
        return 0
    if state is not None:
        # a ReadWritePaths= folder that does not exist stops the service from starting
        try:
            state.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(f"[state] path: cannot create {state}: "
                              f"{exc.strerror or type(exc).__name__}",
                              str(config) if config else None) from None
    service.install(svc)
    for path, _ in ((svc.path, svc.content), *svc.extra):
        print(f"wrote {path}")
    print("enable it with:")
    for line in svc.enable:
        print(f"  {line}")
    return 0
