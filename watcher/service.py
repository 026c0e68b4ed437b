"""The systemd user units and the launchd agent that run `watcher run`, and where they go.

The files in the repository's `systemd/` folder are these renderings with `%h/.local/bin/watcher`
as the program (a test keeps them equal); `watcher install-service` writes them with real paths.
"""

from __future__ import annotations

import os
import plistlib
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path

LAUNCHD_LABEL = "io.github.watcher"
DEFAULT_EXEC = "%h/.local/bin/watcher"

_UNIT = """\
[Unit]
Description=watcher: interview follow-up drafts{what} (never sends mail)
StartLimitIntervalSec=10min
StartLimitBurst=5

[Service]
Type=notify
NotifyAccess=main
ExecStart={exec_start}
ExecReload=/bin/kill -HUP $MAINPID
Restart=on-failure
RestartSec=30s
# Pinged after each completed pass (and as a long first sync progresses): a hung pass
# gets the service restarted.
WatchdogSec=15min
TimeoutStopSec=2min
Environment=PYTHONUNBUFFERED=1
# Hardening that keeps the keyring reachable: the Secret Service is on the session bus in
# /run/user, which none of these hide; only the state, config and keyring folders (and the
# Maildir roots below or in an instance's drop-in) are writable.
NoNewPrivileges=yes
ProtectSystem=strict
PrivateTmp=yes
StateDirectory=watcher
ConfigurationDirectory=watcher
ReadWritePaths=-%h/.local/share/python_keyring{extra_paths}
LockPersonality=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
SystemCallArchitectures=native
UMask=0077

[Install]
WantedBy=default.target
"""


@dataclass(frozen=True)
class ServiceFile:
    """A rendered service file, where it belongs, and the commands that enable it."""

    path: Path
    content: bytes
    enable: tuple[str, ...]
    # more files written with it: an instance's drop-in (its own writable folders)
    extra: tuple[tuple[Path, bytes], ...] = ()


def render_systemd_unit(
    exe: str = DEFAULT_EXEC, *, instance: bool = False, writable: tuple[str, ...] = (),
    config: str | None = None,
) -> str:
    """The user unit; `instance=True` gives watcher@.service (one config per instance).

    `writable` adds folders the daemon must write besides its state (Maildir accounts' roots,
    where drafts go): ProtectSystem=strict makes everything else read-only. `config` is a
    config file other than the default one (not for the instance template).
    """
    if instance:
        exec_start = f"{_quote(exe)} --config %E/watcher/%i.toml run"
        what = " for %i"
    else:
        exec_start = f"{_quote(exe)} --config {_quote(config)} run" if config else f"{_quote(exe)} run"
        what = ""
    extra = "".join(f"\nReadWritePaths={_quote(p)}" for p in writable)
    return _UNIT.format(exec_start=exec_start, what=what, extra_paths=extra)


def render_launchd_plist(exe: str, home: Path, *, config: str | None = None) -> bytes:
    """The launchd agent: started at login, restarted when it fails, logs under ~/Library/Logs."""
    args = [exe] + (["--config", config] if config else []) + ["run"]
    logs = home / "Library" / "Logs"
    data = {
        "Label": LAUNCHD_LABEL,
        "ProgramArguments": args,
        "RunAtLoad": True,
        # Like Restart=on-failure: relaunch after a crash, not after a clean exit.
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": 30,
        "ProcessType": "Background",
        "StandardOutPath": str(logs / "watcher.log"),
        "StandardErrorPath": str(logs / "watcher.log"),
        "EnvironmentVariables": {"PYTHONUNBUFFERED": "1"},
    }
    return plistlib.dumps(data, sort_keys=False)


def watcher_executable() -> str:
    """The absolute path of the `watcher` program that is running now."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "watcher" and argv0.exists():
        return str(argv0.resolve())
    candidate = Path(sys.executable).parent / "watcher"
    if candidate.exists():
        return str(candidate)
    found = _which("watcher")
    return found or str(candidate)


def _which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


def instance_config(platform: str, home: Path, instance: str, config_home: Path | None = None) -> Path:
    """The config file the service instance NAME reads: NAME.toml in the platform's watcher
    config folder (what %E/watcher/%i.toml means to systemd; Application Support on macOS)."""
    if platform == "darwin":
        return home / "Library" / "Application Support" / "watcher" / f"{instance}.toml"
    config_home = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return config_home / "watcher" / f"{instance}.toml"


def render_dropin(writable: tuple[str, ...]) -> str:
    """An instance's drop-in (watcher@NAME.service.d/paths.conf): its own writable folders,
    so that instances sharing the template never lose each other's."""
    lines = ["# written by `watcher install-service --instance`: this instance's Maildir roots",
             "[Service]"]
    lines += [f"ReadWritePaths={_quote(p)}" for p in writable]
    return "\n".join(lines) + "\n"


def plan(
    platform: str, home: Path, exe: str, *, instance: str | None = None,
    config_home: Path | None = None, writable: tuple[str, ...] = (), config: str | None = None,
) -> ServiceFile:
    """What `watcher install-service` writes for this platform ('linux' or 'darwin').

    `config` runs the service with that config file (not with `instance`, whose config is
    always `instance_config()`)."""
    if instance:
        config = None
    if platform == "darwin":
        label = LAUNCHD_LABEL + (f".{instance}" if instance else "")
        path = home / "Library" / "LaunchAgents" / f"{label}.plist"
        if instance:
            config = str(instance_config(platform, home, instance))
        content = render_launchd_plist(exe, home, config=config)
        if instance:
            data = plistlib.loads(content)
            data["Label"] = label
            content = plistlib.dumps(data, sort_keys=False)
        return ServiceFile(path, content, (f"launchctl bootstrap gui/{os.getuid()} {path}",))
    config_home = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    unit_dir = config_home / "systemd" / "user"
    extra: tuple[tuple[Path, bytes], ...] = ()
    if instance:
        path = unit_dir / "watcher@.service"
        content = render_systemd_unit(exe, instance=True).encode()
        unit = f"watcher@{instance}.service"
        if writable:
            extra = ((unit_dir / f"{unit}.d" / "paths.conf", render_dropin(writable).encode()),)
    else:
        path = unit_dir / "watcher.service"
        content = render_systemd_unit(exe, writable=writable, config=config).encode()
        unit = "watcher.service"
    return ServiceFile(
        path,
        content,
        (
            "systemctl --user daemon-reload",
            f"systemctl --user enable --now {unit}",
            "loginctl enable-linger  # only on a headless machine: run without a login",
        ),
        extra,
    )


def install(service: ServiceFile) -> None:
    """Write the file and its extra files (0644, parents created); replacing older ones is fine."""
    for path, content in ((service.path, service.content), *service.extra):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_bytes(content)
        tmp.chmod(0o644)
        tmp.replace(path)


def installed_paths(home: Path) -> list[Path]:
    """Service files of ours that exist under `home` (for `watcher doctor`)."""
    config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    candidates = [
        config_home / "systemd" / "user" / "watcher.service",
        config_home / "systemd" / "user" / "watcher@.service",
        home / "Library" / "LaunchAgents" / f"{LAUNCHD_LABEL}.plist",
    ]
    return [p for p in candidates if p.exists()]


def _quote(path: str) -> str:
    # systemd's ExecStart= follows shell-like quoting for paths with spaces.
    return shlex.quote(path) if " " in path else path
