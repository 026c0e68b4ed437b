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
    env = dict(os.environ, HOME=str(tmp_path))
    env.pop("XDG_CONFIG_HOME", None)
    res = subprocess.run([sys.executable, "-m", "watcher", "install-service", "--dry-run",
                          "--platform", "linux", "--exec", "/usr/local/bin/watcher"],
                         capture_output=True, text=True, env=env, timeout=60)
    assert res.returncode == 0, res.stderr
    assert "ExecStart=/usr/local/bin/watcher run" in res.stdout
    assert not (tmp_path / ".config" / "systemd").exists()


def test_launchd_agent_parses_and_restarts_only_on_failure(tmp_path: Path) -> None:
    env = dict(os.environ, HOME=str(tmp_path))
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
