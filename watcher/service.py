"""The systemd user units and the launchd agent that run `watcher run`, and where they go.

The files in the repository's `systemd/` folder are these renderings with `%h/.local/bin/watcher`
as the program (a test keeps them equal); `watcher install-service` writes them with real paths.
"""

from __future__ import annotations

import os
import plistlib
import re
import shlex
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from watcher.errors import UsageError

LAUNCHD_LABEL = "io.github.watcher"
DEFAULT_EXEC = "%h/.local/bin/watcher"
# as long as TimeoutStopSec=: TERM finishes the pass in progress before the process exits
STOP_TIMEOUT_SECONDS = 120
# watcher@NAME and NAME.toml: characters systemd keeps as they are in %i (it escapes the
# others, e.g. a space as \x20, and %i would then name another file) and a launchd label takes
_INSTANCE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")

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
# Exit 2 is a bad or missing config: restarting
# cannot fix it, and would spend the start limit that a restart after the fix needs.
RestartPreventExitStatus=2
# Pinged after each completed pass (and as a long first sync progresses): a hung pass
# gets the service restarted.
WatchdogSec=15min
TimeoutStopSec=2min
Environment=PYTHONUNBUFFERED=1{environment}
# Hardening that keeps the keyring reachable: the Secret Service is on the session bus in
# /run/user, which none of these hide; only the state, config and keyring folders (and the
# Maildir roots below or in an instance's drop-in) are writable. A user manager applies
# ProtectSystem, PrivateTmp and ReadWritePaths only where it can set up a user namespace
# (systemd 253 and later); older ones ignore them. A gpg-based password_command (pass)
# needs a running or socket-activated gpg-agent (gpg-agent.socket): ~/.gnupg is read-only
# here, so gpg cannot start one.
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
    exe: str | None = None, *, instance: bool = False, writable: tuple[str, ...] = (),
    config: str | None = None, search_path: str | None = None, state: str | None = None,
) -> str:
    """The user unit; `instance=True` gives watcher@.service (one config per instance).

    `exe` is the program's absolute path (default: %h/.local/bin/watcher, as in the
    repository's systemd/ folder). `writable` adds folders the daemon must write besides its
    state (Maildir accounts' roots, where drafts go): ProtectSystem=strict makes everything
    else read-only. `state` is a state folder outside StateDirectory=. `config` is a config
    file other than the default one (not for the instance template). `search_path` is the
    PATH the service runs with (for password_command).
    """
    program = DEFAULT_EXEC if exe is None else _program(exe)
    if instance:
        exec_start = f"{program} --config %E/watcher/%i.toml run"
        what = " for %i"
    elif config:
        exec_start = f"{program} --config {_word(config, variables=True)} run"
        what = ""
    else:
        exec_start = f"{program} run"
        what = ""
    extra = "".join(f"\nReadWritePaths={p}" for p in _writable_lines(writable, state))
    environment = f"\nEnvironment={_word('PATH=' + search_path)}" if search_path else ""
    return _UNIT.format(exec_start=exec_start, what=what, extra_paths=extra,
                        environment=environment)


def render_launchd_plist(
    exe: str, home: Path, *, config: str | None = None, label: str = LAUNCHD_LABEL,
    search_path: str | None = None,
) -> bytes:
    """The launchd agent: started at login, restarted when it fails, logs under ~/Library/Logs
    (one file per label, so that instances keep their own)."""
    args = [exe] + (["--config", config] if config else []) + ["run"]
    log = home / "Library" / "Logs" / f"watcher{label[len(LAUNCHD_LABEL):]}.log"
    env = {"PYTHONUNBUFFERED": "1"}
    if search_path:
        # launchd gives agents PATH=/usr/bin:/bin:/usr/sbin:/sbin: a password_command from
        # Homebrew (pass, and the gpg it runs) would not be found
        env["PATH"] = search_path
    data = {
        "Label": label,
        "ProgramArguments": args,
        "RunAtLoad": True,
        # Like Restart=on-failure: relaunch after a crash, not after a clean exit.
        "KeepAlive": {"SuccessfulExit": False},
        "ThrottleInterval": 30,
        # launchd's default is 20 s between TERM and KILL
        "ExitTimeOut": STOP_TIMEOUT_SECONDS,
        "ProcessType": "Background",
        "StandardOutPath": str(log),
        "StandardErrorPath": str(log),
        "EnvironmentVariables": env,
        # As the systemd unit's UMask=0077: a file the daemon makes without an explicit mode
        # (its log, a folder on the way to the state) is the user's only. launchd's is 022.
        "Umask": 0o077,
    }
    return plistlib.dumps(data, sort_keys=False)


def watcher_executable() -> str:
    """The absolute path of the `watcher` program that is running now."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "watcher" and argv0.exists():
        # absolute, but symlinks kept: Homebrew links bin/watcher into a versioned Cellar
        # folder that an upgrade removes
        return os.path.abspath(argv0)
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
    config_home = config_home or _config_home(home)
    return config_home / "watcher" / f"{instance}.toml"


def render_dropin(
    writable: tuple[str, ...], search_path: str | None = None, state: str | None = None,
) -> str:
    """An instance's drop-in (watcher@NAME.service.d/paths.conf): its own writable folders
    (and PATH), so that instances sharing the template never lose each other's."""
    lines = ["# written by `watcher install-service --instance`: this instance's folders",
             "[Service]"]
    lines += [f"ReadWritePaths={p}" for p in _writable_lines(writable, state)]
    if search_path:
        lines.append(f"Environment={_word('PATH=' + search_path)}")
    return "\n".join(lines) + "\n"


def check_instance(name: str) -> None:
    """UsageError unless NAME is usable as is in watcher@NAME, NAME.toml and a launchd label."""
    if not _INSTANCE.fullmatch(name):
        raise UsageError(f"--instance {name!r}: use letters, digits, '_', '.' and '-' only, "
                         "not first '.' or '-' (systemd would escape anything else in the "
                         "unit name, and the service would read another config file)")


def plan(
    platform: str, home: Path, exe: str, *, instance: str | None = None,
    config_home: Path | None = None, writable: tuple[str, ...] = (), config: str | None = None,
    state: str | None = None, search_path: str | None = None,
) -> ServiceFile:
    """What `watcher install-service` writes for this platform ('linux' or 'darwin').

    `config` runs the service with that config file (not with `instance`, whose config is
    always `instance_config()`). The printed commands also apply a file written again to a
    service that is running or loaded already."""
    if instance:
        check_instance(instance)
        config = None
    if platform == "darwin":
        label = LAUNCHD_LABEL + (f".{instance}" if instance else "")
        path = home / "Library" / "LaunchAgents" / f"{label}.plist"
        if instance:
            config = str(instance_config(platform, home, instance))
        content = render_launchd_plist(exe, home, config=config, label=label,
                                       search_path=search_path)
        domain = f"gui/{os.getuid()}"
        return ServiceFile(path, content, (
            # bootstrap refuses a label that is loaded already ("Input/output error")
            f"launchctl bootout {domain}/{label}  # only if it was installed before",
            f"launchctl bootstrap {domain} {shlex.quote(str(path))}",
        ))
    config_home = config_home or _config_home(home)
    unit_dir = config_home / "systemd" / "user"
    extra: tuple[tuple[Path, bytes], ...] = ()
    if instance:
        path = unit_dir / "watcher@.service"
        content = render_systemd_unit(exe, instance=True).encode()
        unit = f"watcher@{instance}.service"
        # written even when empty: it replaces what an earlier install wrote there
        extra = ((unit_dir / f"{unit}.d" / "paths.conf",
                  render_dropin(writable, search_path, state).encode()),)
    else:
        path = unit_dir / "watcher.service"
        content = render_systemd_unit(exe, writable=writable, config=config,
                                      search_path=search_path, state=state).encode()
        unit = "watcher.service"
    return ServiceFile(
        path,
        content,
        (
            "systemctl --user daemon-reload",
            f"systemctl --user enable {unit}",
            # not `enable --now`: a running service would stay on the unit it started with
            f"systemctl --user restart {unit}",
            f"journalctl --user -u {unit.removesuffix('.service')} -f  # its log",
            "loginctl enable-linger $USER  # only on a headless machine: run without a login",
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
    config_home = _config_home(home)
    agents = home / "Library" / "LaunchAgents"
    candidates = [
        config_home / "systemd" / "user" / "watcher.service",
        config_home / "systemd" / "user" / "watcher@.service",
        agents / f"{LAUNCHD_LABEL}.plist",
        *sorted(agents.glob(f"{LAUNCHD_LABEL}.*.plist")),  # instances
    ]
    return [p for p in candidates if p.exists()]


def config_run_by(service_file: Path, home: Path) -> Path | None:
    """The config file an installed service file of ours runs (`--config` in its ExecStart= or
    ProgramArguments, else the default config); None for the instance template, whose
    instances each read NAME.toml, and for a file that cannot be read."""
    from watcher.config import default_config_path

    if service_file.name == "watcher@.service":
        return None
    try:
        if service_file.suffix == ".plist":
            args = [str(a) for a in plistlib.loads(service_file.read_bytes()).get("ProgramArguments", [])]
        else:
            line = next((ln for ln in service_file.read_text().splitlines()
                         if ln.startswith("ExecStart=")), None)
            if line is None:
                return None
            # the inverse of _word: C-style quoting, then the specifiers in one pass (%% and
            # $$ are what install-service writes; %h and %E, a user's own edit)
            specifiers = {"%": "%", "h": str(home), "E": str(_config_home(home))}
            args = [re.sub(r"%(.)", lambda m: specifiers.get(m[1], m[0]), w).replace("$$", "$")
                    for w in shlex.split(line.removeprefix("ExecStart="))]
    except (OSError, ValueError, plistlib.InvalidFileException):
        return None
    if "--config" in args[:-1]:
        return Path(args[args.index("--config") + 1]).expanduser()
    return default_config_path()


def _config_home(home: Path) -> Path:
    """$XDG_CONFIG_HOME, else ~/.config (what %E means to a user manager)."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")


def search_path(raw: str | None) -> str | None:
    """The PATH to give the service: RAW's absolute folders, each once (None if none), but
    none that another user could create."""
    seen: list[str] = []
    for folder in (raw or "").split(os.pathsep):
        if (folder.startswith("/") and folder not in seen and not _has_control(folder)
                and not _others_can_write(folder)):
            seen.append(folder)
    return os.pathsep.join(seen) or None


def _others_can_write(folder: str) -> bool:
    # Under a world-writable folder (/tmp, /dev/shm): a scratch bin there is gone at the next
    # reboot, and anyone may then create it with a `pass` that password_command would run.
    path = Path(folder)
    for above in (path, *path.parents):
        try:
            if above.stat().st_mode & stat.S_IWOTH:
                return True
        except OSError:  # not there (yet): what is above it decides
            continue
    return False


# systemd splits words on whitespace and reads quotes and backslashes inside them
_SPECIAL = frozenset(" \t\n\r\"'\\")


def _has_control(text: str) -> bool:
    return any(ord(c) < 32 or c == "\x7f" for c in text)


def _word(text: str, *, variables: bool = False) -> str:
    """TEXT as one word of a unit file that systemd reads back as written: % starts a
    specifier (%%), $ a variable in the arguments of ExecStart= (`variables`: $$), and
    whitespace, quotes and backslashes need double quotes and C escapes."""
    if _has_control(text):
        raise UsageError(f"{text!r}: a unit file cannot hold a control character")
    text = text.replace("%", "%%")
    if variables:
        text = text.replace("$", "$$")
    if text and not _SPECIAL.intersection(text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _program(exe: str) -> str:
    """The program of ExecStart=: no variables are expanded in it, and systemd refuses to
    load a unit whose program path holds a quote, a backslash or a control character."""
    if _has_control(exe) or any(c in "\"'\\" for c in exe):
        raise UsageError(f"systemd cannot run a program whose path holds a quote or a "
                         f"backslash: {exe} (install watcher elsewhere, or pass --exec PATH)")
    return _word(exe)


def _writable_lines(writable: tuple[str, ...], state: str | None) -> list[str]:
    # A missing ReadWritePaths= folder fails the whole service at start (226/NAMESPACE): a
    # Maildir root is optional ('-': on a disk not mounted yet, its account alone fails);
    # the state folder is not (install-service creates it).
    return [_word("-" + p) for p in writable] + ([_word(state)] if state else [])
