"""Optional desktop notification when a draft is ready (off by default).

Uses the configured command, else `notify-send` (Linux) or `osascript` (macOS). The text names
the draft's kind and process (company and role), one notification a pass: never a body or an address.
"""

from __future__ import annotations

import logging
import shlex
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)


def notification_command(title: str, text: str, command: str | None,
                         platform: str = sys.platform) -> list[str] | None:
    """The argv that shows one notification, or None when nothing can show it here."""
    if command:
        # The user's command gets the title and text as two more arguments (no shell).
        return [*shlex.split(command), title, text]
    if platform == "darwin":
        script = f"display notification {_applescript(text)} with title {_applescript(title)}"
        return ["osascript", "-e", script]
    if shutil.which("notify-send"):
        return ["notify-send", "--app-name=watcher", title, text]
    return None


def notify(title: str, text: str, *, enabled: bool, command: str | None = None) -> bool:
    """Show a notification when enabled; failures are logged, never raised (it is a nicety)."""
    if not enabled:
        return False
    try:
        argv = notification_command(title, text, command)
    except ValueError:  # shlex: an unbalanced quote in the user's command
        log.warning("[notify] command cannot be split into arguments (an unbalanced quote?)")
        return False
    if argv is None:
        log.info("no notification tool found (notify-send or osascript); set [notify] command")
        return False
    try:
        subprocess.run(argv, check=True, timeout=10, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("notification command failed: %s", exc.__class__.__name__)
        return False
    return True


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
