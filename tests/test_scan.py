"""`watcher scan` as a command: summary line, --dry-run changes nothing, a progress bar only on a
terminal, exit 1 when an account failed while the others are still read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.test_logging import confirmation

NOW = "2026-12-01T18:00:00+00:00"


def maildir(root: Path, n_noise: int = 0) -> Path:
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (root / folder / sub).mkdir(parents=True, exist_ok=True)
    (root / "cur" / "1.M1P1.t:2,S").write_bytes(confirmation())
    for i in range(n_noise):
        (root / "cur" / f"{i + 2}.M{i + 2}P1.t:2,S").write_bytes(
            f"From: a{i}@example.org\r\nSubject: note {i}\r\nMessage-ID: <n{i}@x>\r\n\r\nhi\r\n".encode())
    return root


def config(tmp_path: Path, *accounts: str) -> Path:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\"]\n\n"
                   f"[state]\npath = \"{tmp_path / 'w.db'}\"\n\n" + "".join(accounts))
    return cfg


def account(name: str, path: Path) -> str:
    return f"[[accounts]]\nname = \"{name}\"\nbackend = \"maildir\"\npath = \"{path}\"\n\n"


def scan(cfg: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                           "--now", NOW, *args], capture_output=True, text=True, timeout=120)


def drafts(box: Path) -> list[Path]:
    return [p for p in (box / ".Drafts").glob("*/*") if p.is_file()]


def test_dry_run_prints_the_draft_and_changes_nothing(tmp_path: Path) -> None:
    box = maildir(tmp_path / "Mail")
    cfg = config(tmp_path, account("local", box))
    res = scan(cfg, "--dry-run")
    assert res.returncode == 0, res.stderr
    assert "dry run: nothing was changed" in res.stdout
    assert "would create thank_you for northwind-robotics" in res.stdout
    # (the summary said "1 drafts created" right under "nothing was changed"; review18b)
    assert "1 drafts to create (dry run)" in res.stdout and "drafts created" not in res.stdout
    assert drafts(box) == []
    res = scan(cfg)
    assert res.returncode == 0 and "1 drafts created" in res.stdout
    assert len(drafts(box)) == 1


def test_dry_run_creates_no_state_file_and_announces_nothing(tmp_path: Path) -> None:
    box = maildir(tmp_path / "Mail")
    out = tmp_path / "notified"
    script = tmp_path / "notifier.py"
    script.write_text(f"import sys\nopen({str(out)!r}, 'a').write(sys.argv[2] + '\\n')\n")
    cfg = config(tmp_path, account("local", box))
    cfg.write_text(cfg.read_text() + f"[notify]\nenabled = true\ncommand = \"{sys.executable} {script}\"\n")
    res = scan(cfg, "--dry-run")
    assert res.returncode == 0, res.stderr
    assert "would create thank_you" in res.stdout
    assert not (tmp_path / "w.db").exists() and not list(tmp_path.glob("w.db*"))
    assert not out.exists()  # no "a draft is ready" for a draft that was never made
    res = scan(cfg)
    assert res.returncode == 0 and "1 drafts created" in res.stdout
    assert out.read_text() == "thank-you for northwind-robotics-backend-engineer\n"
    assert len(drafts(box)) == 1


def test_dry_run_shows_times_in_the_user_s_zone(tmp_path: Path) -> None:
    box = maildir(tmp_path / "Mail")
    cfg = config(tmp_path, account("local", box))
    cfg.write_text(cfg.read_text().replace("[state]", "[schedule]\ntimezone = \"America/New_York\"\n\n[state]"))
    res = scan(cfg, "--dry-run")
    assert res.returncode == 0, res.stderr
    line = next(x for x in res.stdout.splitlines() if x.startswith("would create"))
    assert line.endswith(" EST")  # as `status` shows it, not UTC


def test_one_failing_account_exits_1_and_the_other_is_still_read(tmp_path: Path) -> None:
    box = maildir(tmp_path / "Mail")
    cfg = config(tmp_path, account("gone", tmp_path / "missing" / "Mail"), account("local", box))
    res = scan(cfg)
    assert res.returncode == 1
    assert "failed: gone" in res.stdout and "1 drafts created" in res.stdout


def test_progress_bar_on_a_terminal_only(tmp_path: Path) -> None:
    box = maildir(tmp_path / "Mail", n_noise=450)
    cfg = config(tmp_path, account("local", box))
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                             "--now", NOW], stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    proc.communicate(timeout=120)  # the bar is a few hundred bytes: the pty buffer holds it
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    bar = b"".join(chunks).decode(errors="replace")
    assert proc.returncode == 0
    assert "read local" in bar and "451/451" in bar
    (tmp_path / "w.db").unlink()
    piped = scan(cfg)
    assert "read local" not in piped.stderr  # not a terminal: no bar


def test_a_dry_run_never_holds_up_the_services_commits(tmp_path: Path) -> None:
    """`scan --dry-run` is allowed while the service runs. Its pass ran in one write
    transaction on the state file (network included): a commit of the service in the
    meantime waited, then failed as "database is locked". It now works on a copy in memory,
    and leaves the file as the service wrote it."""
    import sqlite3
    from datetime import datetime

    from watcher.config import load_config
    from watcher.live import LiveEngine

    box = maildir(tmp_path / "Mail")
    cfg = config(tmp_path, account("local", box))
    assert scan(cfg).returncode == 0  # the service's state, with a draft made
    db = tmp_path / "w.db"
    live = LiveEngine(load_config(cfg), dry_run=True)
    backend = live.engine.backends["local"]
    real_sync = backend.sync
    committed: list[str] = []

    def sync_while_the_service_commits(*args: object, **kw: object) -> object:
        service = sqlite3.connect(db, timeout=0.5)  # the daemon's pass, meanwhile
        try:
            service.execute("INSERT INTO ignores VALUES ('<x@y>', '2026-12-01T18:00:00+00:00')")
            service.commit()
            committed.append("ok")
        except sqlite3.OperationalError as exc:
            committed.append(str(exc))
        finally:
            service.close()
        return real_sync(*args, **kw)

    backend.sync = sync_while_the_service_commits
    try:
        live.run_pass(datetime.fromisoformat(NOW))
    finally:
        live.close()
    assert committed == ["ok"]
    check = sqlite3.connect(db)
    try:
        assert check.execute("SELECT COUNT(*) FROM ignores").fetchone()[0] == 1
    finally:
        check.close()
