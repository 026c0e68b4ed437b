"""cli.py: exit codes, one-line errors, and a `--help` that imports nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "parse"


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watcher", *args],
        capture_output=True, text=True, timeout=60, cwd=cwd,
    )


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "from watcher.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = ['icalendar', 'selectolax', 'imapclient', 'googleapiclient', 'apscheduler',"
        " 'keyring', 'holidays', 'dateutil', 'sqlite3']\n"
        "print('HEAVY=' + ','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "HEAVY="


def test_no_command_is_a_usage_error() -> None:
    assert run_cli().returncode == 2


def test_unknown_option_is_a_usage_error() -> None:
    res = run_cli("classify", "--no-such-option", "x.eml")
    assert res.returncode == 2


def test_classify_missing_path_exits_2_with_one_line() -> None:
    res = run_cli("classify", "--me", "me@example.com", "--json", "/no/such/file.eml")
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "no such file" in res.stderr
    assert "Traceback" not in res.stderr


def test_classify_broken_message_gets_error_line_and_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_broken.eml").write_bytes(b"")
    (tmp_path / "b_ok.eml").write_bytes((DATA / "latin1_no_charset.eml").read_bytes())
    res = run_cli("classify", "--me", "me@example.com", "--json", str(tmp_path))
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert [Path(x["source"]).name for x in lines] == ["a_broken.eml", "b_ok.eml"]
    broken, ok = lines
    assert broken["kind"] == "other" and broken["error"]
    keys = {"source", "message_id", "direction", "kind", "reply", "interview",
            "stated_timeline", "confidence"}
    assert keys <= set(broken) and keys <= set(ok)
    assert "error" not in ok and ok["message_id"] == "<m1@example.de>"


def test_classify_mbox_sources_are_numbered(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(
        b"From a@b.com Tue Dec  1 10:00:00 2026\nFrom: a@b.com\nSubject: one\n\nhi\n\n"
        b"From c@d.com Tue Dec  1 11:00:00 2026\nFrom: c@d.com\nSubject: two\n\nho\n"
    )
    res = run_cli("classify", "--me", "me@example.com", "--json", str(box))
    assert res.returncode == 0, res.stderr
    sources = [json.loads(x)["source"] for x in res.stdout.splitlines()]
    assert sources == [f"{box}#0", f"{box}#1"]


def test_classify_maildir_folder_skips_dot_files(tmp_path: Path) -> None:
    """A Maildir folder's `.keep` (the demo has them) is not a message."""
    for sub in ("cur", "new", "tmp"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / ".keep").write_bytes(b"")
    (tmp_path / "cur" / "1.M1P1.h:2,S").write_bytes(b"From: a@b.com\nSubject: one\n\nhi\n")
    res = run_cli("classify", "--me", "me@example.com", "--json", str(tmp_path))
    assert res.returncode == 0, res.stderr
    assert [json.loads(x)["source"] for x in res.stdout.splitlines()] == [
        str(tmp_path / "cur" / "1.M1P1.h:2,S")]


def test_classify_direction_from_me() -> None:
    res = run_cli("classify", "--me", "JOERG@example.de", "--json",
                  str(DATA / "latin1_no_charset.eml"))
    assert json.loads(res.stdout)["direction"] == "sent"


def test_a_bad_me_address_is_a_usage_error(tmp_path: Path) -> None:
    box = tmp_path / "box.mbox"
    box.write_bytes(b"From a@b.com Tue Dec  1 10:00:00 2026\nFrom: a@b.com\nSubject: one\n\nhi\n")
    for cmd in (["simulate", "--mbox", str(box), "--me", "", "--json"],
                ["classify", "--me", "nobody", "--json", str(box)]):
        res = run_cli(*cmd)
        assert res.returncode == 2, res.stderr
        assert "--me: not a mail address" in res.stderr and "Traceback" not in res.stderr


def test_config_after_the_command_is_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #4: the contract shows `watcher scan [--config PATH]` and `watcher run
    [--config PATH]`; it worked there but was hidden from `scan --help` and `run --help`."""
    from watcher.cli import main

    for command in ("scan", "run", "simulate"):
        assert main([command, "--help"]) == 0
        assert "--config PATH" in capsys.readouterr().out, command
