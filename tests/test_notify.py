"""notify.py: off by default; a configured command really runs with title and text."""

from __future__ import annotations

import sys
from pathlib import Path

from watcher.notify import notification_command, notify


def test_off_by_default_runs_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = f"{sys.executable} -c 'import sys; open({str(out)!r}, \"w\").write(sys.argv[1])'"
    assert notify("t", "x", enabled=False, command=cmd) is False
    assert not out.exists()


def test_configured_command_gets_title_and_text(tmp_path: Path) -> None:
    out = tmp_path / "out"
    script = tmp_path / "notifier.py"
    script.write_text(f"import sys\nopen({str(out)!r}, 'w').write('|'.join(sys.argv[1:]))\n")
    cmd = f"{sys.executable} {script}"
    assert notify("Draft ready", "Thank-you for Acme", enabled=True, command=cmd) is True
    assert out.read_text() == "Draft ready|Thank-you for Acme"


def test_failing_command_is_not_an_error() -> None:
    assert notify("t", "x", enabled=True, command="/no/such/notifier") is False


def test_macos_uses_osascript_with_quoting() -> None:
    argv = notification_command('Say "hi"', "a\\b", None, platform="darwin")
    assert argv is not None and argv[0] == "osascript"
    assert '\\"hi\\"' in argv[2] and "a\\\\b" in argv[2]


def test_a_command_with_an_unbalanced_quote_is_not_an_error() -> None:
    """notify() must never raise: a typo in [notify] command failed the pass after its drafts
    were made (the daemon logged 'pass failed' and skipped the watchdog ping)."""
    assert notify("t", "x", enabled=True, command="notify-send 'oops") is False
