"""service.py and `watcher install-service`: units that systemd accepts silently, a valid plist."""

from __future__ import annotations

import json
import os
import plistlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from watcher import service

REPO = Path(__file__).resolve().parents[1]


def test_repository_unit_files_are_the_rendered_ones() -> None:
    assert (REPO / "systemd" / "watcher.service").read_text() == service.render_systemd_unit()
    assert (REPO / "systemd" / "watcher@.service").read_text() == service.render_systemd_unit(
        instance=True
    )


def test_unit_has_restart_notify_watchdog_and_hardening() -> None:
    unit = service.render_systemd_unit("/opt/w/bin/watcher")
    for line in ("Type=notify", "Restart=on-failure", "NoNewPrivileges=yes",
                 "ProtectSystem=strict", "PrivateTmp=yes", "StateDirectory=watcher",
                 "ExecStart=/opt/w/bin/watcher run", "WantedBy=default.target"):
        assert line in unit.splitlines()
    assert any(x.startswith("WatchdogSec=") for x in unit.splitlines())


def _verify(unit_dir: Path, home: Path, name: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(home / "run"))
    (home / "run").mkdir(exist_ok=True)
    return subprocess.run(["systemd-analyze", "--user", "verify", str(unit_dir / name)],
                          capture_output=True, text=True, env=env, timeout=60)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
@pytest.mark.parametrize("instance", [None, "alex"])
def test_installed_units_pass_systemd_analyze_verify_with_no_output(
    tmp_path: Path, instance: str | None
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    _maildir_config(home / ".config" / "watcher" / f"{instance or 'config'}.toml", home / "Mail")
    exe = shutil.which("watcher") or str(Path(sys.executable).parent / "watcher")
    env = dict(os.environ, HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    args = [sys.executable, "-m", "watcher", "install-service", "--platform", "linux",
            "--exec", exe] + (["--instance", instance] if instance else [])
    res = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "systemctl --user enable" in res.stdout
    assert "loginctl enable-linger $USER" in res.stdout
    assert f"journalctl --user -u watcher{'@' + instance if instance else ''} -f" in res.stdout
    unit_dir = home / ".config" / "systemd" / "user"
    name = "watcher@.service" if instance else "watcher.service"
    assert (unit_dir / name).exists()
    if instance:  # verify a concrete instance of the template
        shutil.copy(unit_dir / name, unit_dir / f"watcher@{instance}.service")
        name = f"watcher@{instance}.service"
    out = _verify(unit_dir, home, name)
    # systemd-analyze only warns (exit 0) on unknown keys: any output at all is a failure.
    assert out.returncode == 0 and out.stdout == "" and out.stderr == "", out.stdout + out.stderr


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_verify_catches_an_unknown_key(tmp_path: Path) -> None:
    """The check above would notice a typo: systemd-analyze prints it (though it exits 0)."""
    home = tmp_path
    unit = service.render_systemd_unit(sys.executable).replace("UMask=0077", "UMask=0077\nBogus=1")
    (tmp_path / "bad.service").write_text(unit)
    out = _verify(tmp_path, home, "bad.service")
    assert "Unknown key" in out.stdout + out.stderr


def test_dry_run_prints_and_writes_nothing(tmp_path: Path) -> None:
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("XDG_CONFIG_HOME", None)
    res = subprocess.run([sys.executable, "-m", "watcher", "install-service", "--dry-run",
                          "--platform", "linux", "--exec", "/usr/local/bin/watcher"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "ExecStart=/usr/local/bin/watcher run" in res.stdout
    assert not (tmp_path / ".config" / "systemd").exists()


def test_launchd_agent_parses_and_restarts_only_on_failure(tmp_path: Path) -> None:
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("XDG_CONFIG_HOME", None)
    res = subprocess.run([sys.executable, "-m", "watcher", "install-service", "--platform",
                          "darwin", "--exec", "/usr/local/bin/watcher"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.plist"
    data = plistlib.loads(plist.read_bytes())
    assert data["ProgramArguments"] == ["/usr/local/bin/watcher", "run"]
    assert data["RunAtLoad"] is True
    assert data["KeepAlive"] == {"SuccessfulExit": False}
    assert data["StandardErrorPath"].startswith(str(tmp_path))
    assert "launchctl bootstrap" in res.stdout
    # as the systemd unit's UMask=0077 (review23c: launchd's default 022 left the agent's
    # log and the files it makes readable by every local user)
    assert data["Umask"] == 0o077


def test_maildir_roots_become_writable_paths() -> None:
    unit = service.render_systemd_unit("/x/watcher", writable=("/home/a/Mail",))
    assert "ReadWritePaths=-/home/a/Mail" in unit.splitlines()


def _install(home: Path, *args: str, exe: str = "/usr/local/bin/watcher") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    return subprocess.run([sys.executable, "-m", "watcher", *args, "--exec", exe],
                          capture_output=True, text=True, env=env, timeout=60)


def _maildir_config(path: Path, root: Path, state: Path | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # json.dumps: a TOML basic string for any path (quotes, backslashes, non-ASCII); $$: a "$"
    def toml(p: Path) -> str:
        return json.dumps(str(p).replace("$", "$$"))

    path.write_text("[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
                    + (f"[state]\npath = {toml(state)}\n\n" if state else "")
                    + f"[[accounts]]\nname = \"m\"\nbackend = \"maildir\"\npath = {toml(root)}\n")


def test_each_instance_keeps_its_own_writable_folders_in_a_drop_in(tmp_path: Path) -> None:
    """The template serves every instance: each instance's Maildir root goes in its own
    drop-in, so installing a second instance never takes write access from the first."""
    conf = tmp_path / ".config" / "watcher"
    for name in ("alex", "sam"):
        _maildir_config(conf / f"{name}.toml", tmp_path / f"Mail-{name}")
        res = _install(tmp_path, "install-service", "--platform", "linux", "--instance", name,
                       exe=shutil.which("watcher") or str(Path(sys.executable).parent / "watcher"))
        assert res.returncode == 0, res.stderr
    unit_dir = tmp_path / ".config" / "systemd" / "user"
    assert "Mail-" not in (unit_dir / "watcher@.service").read_text()
    for name in ("alex", "sam"):
        dropin = (unit_dir / f"watcher@{name}.service.d" / "paths.conf").read_text()
        assert f"ReadWritePaths=-{tmp_path / f'Mail-{name}'}" in dropin.splitlines()
        assert "Mail-" + ("sam" if name == "alex" else "alex") not in dropin
    if shutil.which("systemd-analyze"):
        shutil.copy(unit_dir / "watcher@.service", unit_dir / "watcher@alex.service")
        out = _verify(unit_dir, tmp_path, "watcher@alex.service")
        assert out.returncode == 0 and out.stdout == "" and out.stderr == "", out.stdout + out.stderr


def test_a_given_config_is_the_one_the_service_runs(tmp_path: Path) -> None:
    """`watcher --config work.toml install-service` runs the daemon with work.toml, and a
    [state] path outside the state folder is writable too."""
    cfg = tmp_path / "work.toml"
    _maildir_config(cfg, tmp_path / "Mail", state=tmp_path / "db" / "w.db")
    res = _install(tmp_path, "--config", str(cfg), "install-service", "--platform", "linux",
                   "--dry-run")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert f"ExecStart=/usr/local/bin/watcher --config {cfg} run" in lines
    assert f"ReadWritePaths=-{tmp_path / 'Mail'}" in lines
    assert f"ReadWritePaths={tmp_path / 'db'}" in lines
    res = _install(tmp_path, "--config", str(cfg), "install-service", "--platform", "darwin")
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.plist"
    args = plistlib.loads(plist.read_bytes())["ProgramArguments"]
    assert args == ["/usr/local/bin/watcher", "--config", str(cfg), "run"]


def test_a_maildir_drafts_folder_outside_the_root_is_writable_too(tmp_path: Path) -> None:
    cfg = tmp_path / "work.toml"
    _maildir_config(cfg, tmp_path / "Mail")
    cfg.write_text(cfg.read_text() + f"[accounts.folders]\ndrafts = {json.dumps(str(tmp_path / 'Drafts'))}\n"
                   f"sent = {json.dumps(str(tmp_path / 'Sent'))}\n")
    res = _install(tmp_path, "--config", str(cfg), "install-service", "--platform", "linux",
                   "--dry-run")
    assert res.returncode == 0, res.stderr
    writable = [line for line in res.stdout.splitlines() if line.startswith("ReadWritePaths=")]
    # drafts are written there; Sent is only read
    assert f"ReadWritePaths=-{tmp_path / 'Drafts'}" in writable and \
        not any(line.endswith(str(tmp_path / "Sent")) for line in writable), writable


def test_an_instance_reads_its_config_where_the_platform_keeps_configs(tmp_path: Path) -> None:
    _maildir_config(tmp_path / "Library" / "Application Support" / "watcher" / "alex.toml",
                    tmp_path / "Mail")
    res = _install(tmp_path, "install-service", "--platform", "darwin", "--instance", "alex")
    assert res.returncode == 0, res.stderr
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.alex.plist"
    args = plistlib.loads(plist.read_bytes())["ProgramArguments"]
    # platformdirs' config folder on macOS, where `watcher init` and `watcher run` look
    assert args[2] == str(tmp_path / "Library" / "Application Support" / "watcher" / "alex.toml")
    other = tmp_path / "elsewhere.toml"
    _maildir_config(other, tmp_path / "Mail")
    res = _install(tmp_path, "--config", str(other), "install-service", "--platform", "linux",
                   "--instance", "alex")
    assert res.returncode == 2 and "alex.toml" in res.stderr and "Traceback" not in res.stderr


def test_a_missing_or_bad_config_is_refused_before_any_unit_is_written(tmp_path: Path) -> None:
    """The service would only fail at start: install-service says so now, exit 2."""
    res = _install(tmp_path, "install-service", "--platform", "linux", "--instance", "nosuch")
    # `watcher init` alone writes config.toml: the command given writes the instance's file
    want = tmp_path / ".config" / "watcher" / "nosuch.toml"
    assert res.returncode == 2 and f"run `watcher --config {want} init`" in res.stderr, res.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[me]\nname = 1\n")
    res = _install(tmp_path, "--config", str(bad), "install-service", "--platform", "linux")
    assert res.returncode == 2 and "[me] name" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / ".config" / "systemd").exists()


def _linux(home: Path, *args: str, exe: str = "/usr/local/bin/watcher",
           path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_STATE_HOME", None)
    if path is not None:
        env["PATH"] = path
    return subprocess.run([sys.executable, "-m", "watcher", *args, "--exec", exe],
                          capture_output=True, text=True, env=env, timeout=60)


# %d is a specifier (the credentials folder), $HOME a variable, ' a quote: all must stay as written
ODD = "dir with space/100%done/$HOME/wätcher's"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_paths_with_spaces_percent_dollar_quotes_and_non_ascii_reach_systemd_intact(
    tmp_path: Path,
) -> None:
    """systemd expands %-specifiers everywhere, $VARIABLES in ExecStart's arguments (not in
    the program's path), and C escapes in quotes: each path must come through as written.
    `verify` checks that ExecStart's program exists, so a wrongly escaped one is reported."""
    home = tmp_path / "home"
    # systemd refuses a quote in the program's path (see the next test): not in this one
    bindir = tmp_path / ODD.replace("'s", "") / "bin"
    bindir.mkdir(parents=True)
    exe = bindir / "watcher"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    cfg = tmp_path / ODD / 'work "a\\b".toml'
    root = tmp_path / ODD / "Mail"
    _maildir_config(cfg, root)
    # not under tmp_path: a folder under /tmp is left out of PATH (see below)
    extra_bin = f"/opt/{ODD}/tools"
    res = _linux(home, "--config", str(cfg), "install-service", "--platform", "linux",
                 exe=str(exe), path=f"{extra_bin}:/usr/bin:/bin")
    assert res.returncode == 0, res.stderr
    unit_dir = home / ".config" / "systemd" / "user"
    lines = (unit_dir / "watcher.service").read_text().splitlines()
    esc = str(tmp_path).replace("%", "%%")
    odd = f"{esc}/dir with space/100%%done"
    # the program's path: % doubled, $ literal; an argument: $ doubled too, \ and " escaped
    assert f'ExecStart="{odd}/$HOME/wätcher/bin/watcher" --config '\
           f'"{odd}/$$HOME/wätcher\'s/work \\"a\\\\b\\".toml" run' in lines
    assert f'ReadWritePaths="-{odd}/$HOME/wätcher\'s/Mail"' in lines
    assert 'Environment="PATH=/opt/dir with space/100%%done/$HOME/wätcher\'s/tools:/usr/bin:/bin"' \
        in lines
    out = _verify(unit_dir, home, "watcher.service")
    assert out.returncode == 0 and out.stdout == "" and out.stderr == "", out.stdout + out.stderr


def test_a_program_path_systemd_cannot_run_is_refused(tmp_path: Path) -> None:
    """systemd refuses to load a unit whose program path has a quote or a backslash in it
    ("Executable name contains special characters"): say so rather than write it."""
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    res = _linux(tmp_path, "install-service", "--platform", "linux",
                 exe="/home/x/Alex's tools/bin/watcher")
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Alex's tools" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / ".config" / "systemd").exists()


def test_a_bad_config_is_not_restarted_and_other_failures_are_within_a_start_limit() -> None:
    """Exit 2 (a bad or missing config) does not fix
    itself: no restart, so `systemctl --user status` shows that exit at once and a
    restart after the fix is not refused as 'start request repeated too quickly'."""
    lines = service.render_systemd_unit().splitlines()
    assert "RestartPreventExitStatus=2" in lines
    assert "Restart=on-failure" in lines
    assert any(x.startswith("StartLimitBurst=") for x in lines)


def test_reinstalling_an_instance_without_maildir_drops_its_old_writable_folders(
    tmp_path: Path,
) -> None:
    """Re-running install-service replaces what it wrote: an instance moved from a Maildir
    to IMAP keeps no stale ReadWritePaths= (one that, once the folder is gone, would stop
    the service from starting at all)."""
    conf = tmp_path / ".config" / "watcher" / "alex.toml"
    _maildir_config(conf, tmp_path / "Mail")
    assert _linux(tmp_path, "install-service", "--platform", "linux", "--instance",
                  "alex").returncode == 0
    dropin = tmp_path / ".config" / "systemd" / "user" / "watcher@alex.service.d" / "paths.conf"
    assert "Mail" in dropin.read_text()
    conf.write_text("[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
                    "[[accounts]]\nname = \"i\"\nbackend = \"imap\"\nhost = \"imap.example.com\"\n"
                    "username = \"u\"\n")
    res = _linux(tmp_path, "install-service", "--platform", "linux", "--instance", "alex")
    assert res.returncode == 0, res.stderr
    assert "Mail" not in dropin.read_text()
    assert "ReadWritePaths=" not in dropin.read_text()


def test_maildir_roots_are_optional_and_a_moved_state_folder_is_created(tmp_path: Path) -> None:
    """A ReadWritePaths= folder that does not exist fails the whole service at start
    (226/NAMESPACE): a Maildir root on a disk not mounted yet must not stop the other
    accounts ('-'), and a [state] folder elsewhere is created now, as `watcher run` would."""
    cfg = tmp_path / "work.toml"
    state = tmp_path / "not yet" / "w.db"
    _maildir_config(cfg, tmp_path / "Mail", state=state)
    res = _linux(tmp_path, "--config", str(cfg), "install-service", "--platform", "linux",
                 "--dry-run")
    assert res.returncode == 0, res.stderr
    lines = res.stdout.splitlines()
    assert f"ReadWritePaths=-{tmp_path / 'Mail'}" in lines
    assert f'ReadWritePaths="{state.parent}"' in lines
    assert not state.parent.exists()  # a dry run writes nothing
    assert _linux(tmp_path, "--config", str(cfg), "install-service", "--platform",
                  "linux").returncode == 0
    assert state.parent.is_dir()


def test_the_printed_commands_apply_a_reinstalled_unit_to_a_running_service(
    tmp_path: Path,
) -> None:
    """`enable --now` leaves a running service on its old unit (a Maildir root added since
    stays read-only); launchctl bootstrap of a loaded agent fails with 'Input/output error'."""
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    out = _linux(tmp_path, "install-service", "--platform", "linux").stdout
    assert "systemctl --user daemon-reload" in out
    assert "systemctl --user restart watcher.service" in out
    mac = _linux(tmp_path, "install-service", "--platform", "darwin").stdout.splitlines()
    bootout = next(i for i, x in enumerate(mac) if "launchctl bootout gui/" in x)
    bootstrap = next(i for i, x in enumerate(mac) if "launchctl bootstrap gui/" in x)
    assert bootout < bootstrap
    assert f"/{service.LAUNCHD_LABEL}" in mac[bootout]


@pytest.mark.parametrize("name", ["work mail", "zoë", "a/b", "../x", "-x"])
def test_an_instance_name_systemd_would_escape_is_refused(tmp_path: Path, name: str) -> None:
    """watcher@NAME: a space or non-ASCII letter is escaped in the unit name (\\x20), so %i
    would name another config file than NAME.toml; a slash would leave the config folder."""
    # the config is there: only the name is wrong
    _maildir_config(service.instance_config("linux", tmp_path, name), tmp_path / "Mail")
    res = _linux(tmp_path, "install-service", "--platform", "linux", f"--instance={name}")
    assert res.returncode == 2 and "--instance" in res.stderr, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / ".config" / "systemd").exists()


def test_launchd_agent_finds_the_users_tools_and_keeps_each_instances_log(tmp_path: Path) -> None:
    """launchd starts agents with PATH=/usr/bin:/bin:/usr/sbin:/sbin: a password_command
    from Homebrew (pass, gpg) would not be found. Two instances must not share a log, and
    TERM gets as long to finish the pass as under systemd (launchd's default is 20 s)."""
    for name in ("alex", "sam"):
        _maildir_config(tmp_path / "Library" / "Application Support" / "watcher" / f"{name}.toml",
                        tmp_path / "Mail")
        res = _linux(tmp_path, "install-service", "--platform", "darwin", "--instance", name,
                     path="/opt/homebrew/bin:/usr/bin:/bin")
        assert res.returncode == 0, res.stderr
    agents = tmp_path / "Library" / "LaunchAgents"
    alex = plistlib.loads((agents / f"{service.LAUNCHD_LABEL}.alex.plist").read_bytes())
    sam = plistlib.loads((agents / f"{service.LAUNCHD_LABEL}.sam.plist").read_bytes())
    assert alex["EnvironmentVariables"]["PATH"] == "/opt/homebrew/bin:/usr/bin:/bin"
    assert alex["StandardErrorPath"] != sam["StandardErrorPath"]
    assert alex["ExitTimeOut"] >= 120


def test_xml_special_characters_in_paths_survive_the_plist(tmp_path: Path) -> None:
    cfg = tmp_path / "R&D <jobs> wätcher.toml"
    _maildir_config(cfg, tmp_path / "Mail")
    res = _linux(tmp_path, "--config", str(cfg), "install-service", "--platform", "darwin",
                 exe="/Users/x/A&B <c>/watcher")
    assert res.returncode == 0, res.stderr
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.plist"
    assert plistlib.loads(plist.read_bytes())["ProgramArguments"] == [
        "/Users/x/A&B <c>/watcher", "--config", str(cfg), "run"]


def test_the_program_is_named_by_the_path_it_was_run_from_not_its_symlink_target(
    tmp_path: Path,
) -> None:
    """Homebrew links bin/watcher into a versioned Cellar folder that an upgrade removes:
    the service must name the link, or it stops starting after the next upgrade."""
    link = tmp_path / "bin" / "watcher"
    link.parent.mkdir()
    link.symlink_to(Path(sys.executable).parent / "watcher")
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("XDG_CONFIG_HOME", None)
    res = subprocess.run([str(link), "install-service", "--platform", "linux", "--dry-run"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    assert f"ExecStart={link} run" in res.stdout.splitlines()


def test_doctor_sees_an_instance_agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    agents = tmp_path / "Library" / "LaunchAgents"
    agents.mkdir(parents=True)
    (agents / f"{service.LAUNCHD_LABEL}.alex.plist").write_bytes(b"")
    assert service.installed_paths(tmp_path) == [agents / f"{service.LAUNCHD_LABEL}.alex.plist"]


@pytest.mark.skipif(not os.stat("/tmp").st_mode & 0o002, reason="/tmp is not world-writable here")
def test_a_path_folder_anyone_could_create_is_not_given_to_the_service(tmp_path: Path) -> None:
    """The service keeps the install shell's PATH for good, and runs password_command with
    it: a folder under /tmp (a tool's scratch bin, gone at the next reboot) would let any
    local user put a `pass` there that then runs as this user with the password."""
    _maildir_config(tmp_path / ".config" / "watcher" / "config.toml", tmp_path / "Mail")
    scratch = "/tmp/watcher-test-gone-after-reboot/bin"
    path = f"{scratch}:{tmp_path / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    res = _linux(tmp_path, "install-service", "--platform", "linux", "--dry-run", path=path)
    assert res.returncode == 0, res.stderr
    assert "Environment=PATH=/usr/local/bin:/usr/bin:/bin" in res.stdout.splitlines()
    res = _linux(tmp_path, "install-service", "--platform", "darwin", path=path)
    assert res.returncode == 0, res.stderr
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.plist"
    env = plistlib.loads(plist.read_bytes())["EnvironmentVariables"]
    assert env == {"PYTHONUNBUFFERED": "1", "PATH": "/usr/local/bin:/usr/bin:/bin"}


def test_the_config_a_unit_runs_is_read_back_as_systemd_reads_it(tmp_path: Path) -> None:
    """%% is one literal % (so "%%h" is "%h", not the home folder); %h and %E expand."""
    unit = tmp_path / "watcher.service"
    for exec_start, want in (
        ('/bin/watcher --config "/srv/100%%h cfg.toml" run', Path("/srv/100%h cfg.toml")),
        ("/bin/watcher --config %h/w.toml run", tmp_path / "w.toml"),
        ("/bin/watcher --config %E/watcher/a.toml run", tmp_path / ".config" / "watcher" / "a.toml"),
        ("/bin/watcher --config /x/$$HOME.toml run", Path("/x/$HOME.toml")),
    ):
        unit.write_text(f"[Service]\nExecStart={exec_start}\n")
        env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"}
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(os, "environ", env)
            assert service.config_run_by(unit, tmp_path) == want, exec_start
