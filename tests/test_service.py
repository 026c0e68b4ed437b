"""service.py and `watcher install-service`: units that systemd accepts silently, a valid plist."""

from __future__ import annotations

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
    assert "systemctl --user enable --now" in res.stdout
    assert "loginctl enable-linger" in res.stdout
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


def test_maildir_roots_become_writable_paths() -> None:
    unit = service.render_systemd_unit("/x/watcher", writable=("/home/a/Mail",))
    assert "ReadWritePaths=/home/a/Mail" in unit.splitlines()


def _install(home: Path, *args: str, exe: str = "/usr/local/bin/watcher") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home))
    env.pop("XDG_CONFIG_HOME", None)
    return subprocess.run([sys.executable, "-m", "watcher", *args, "--exec", exe],
                          capture_output=True, text=True, env=env, timeout=60)


def _maildir_config(path: Path, root: Path, state: Path | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
                    + (f"[state]\npath = \"{state}\"\n\n" if state else "")
                    + f"[[accounts]]\nname = \"m\"\nbackend = \"maildir\"\npath = \"{root}\"\n")


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
        assert f"ReadWritePaths={tmp_path / f'Mail-{name}'}" in dropin.splitlines()
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
    assert f"ReadWritePaths={tmp_path / 'Mail'}" in lines
    assert f"ReadWritePaths={tmp_path / 'db'}" in lines
    res = _install(tmp_path, "--config", str(cfg), "install-service", "--platform", "darwin")
    plist = tmp_path / "Library" / "LaunchAgents" / f"{service.LAUNCHD_LABEL}.plist"
    args = plistlib.loads(plist.read_bytes())["ProgramArguments"]
    assert args == ["/usr/local/bin/watcher", "--config", str(cfg), "run"]


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
    assert res.returncode == 2 and "nosuch.toml" in res.stderr and "watcher init" in res.stderr
    bad = tmp_path / "bad.toml"
    bad.write_text("[me]\nname = 1\n")
    res = _install(tmp_path, "--config", str(bad), "install-service", "--platform", "linux")
    assert res.returncode == 2 and "[me] name" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / ".config" / "systemd").exists()
