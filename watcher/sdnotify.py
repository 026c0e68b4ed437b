"""systemd's notify protocol (READY, WATCHDOG, STATUS, STOPPING): one datagram, stdlib only.

Does nothing when not started by systemd with Type=notify (no $NOTIFY_SOCKET).
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


# systemd drops a notify datagram of 4,096 bytes or more whole ("exceeded maximum size"),
# the WATCHDOG=1 in it too: a STATUS is cut well below that
STATUS_MAX = 1024


def notify(*fields: str) -> bool:
    """Send "KEY=value" fields to systemd; True when a socket was there to take them."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    fields = tuple(f[:STATUS_MAX - 1] + "…" if f.startswith("STATUS=") and len(f) > STATUS_MAX
                   else f for f in fields)
    if address.startswith("@"):  # abstract namespace socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall("\n".join(fields).encode())
    except OSError as exc:
        log.debug("sd_notify failed: %s", exc)
        return False
    return True


def ready(status: str = "") -> bool:
    """Tell systemd start-up is done (Type=notify)."""
    return notify("READY=1", *([f"STATUS={status}"] if status else []))


def watchdog(status: str = "") -> bool:
    """Ping the watchdog; call only after a pass that completed (or progress inside one)."""
    return notify("WATCHDOG=1", *([f"STATUS={status}"] if status else []))


def reloading() -> bool:
    """Say a reload (SIGHUP) is under way."""
    return notify("RELOADING=1")


def stopping() -> bool:
    """Say the daemon is shutting down (SIGTERM)."""
    return notify("STOPPING=1")


def watchdog_interval() -> float | None:
    """Seconds between required pings (WATCHDOG_USEC), or None when no watchdog is set."""
    usec = os.environ.get("WATCHDOG_USEC")
    pid = os.environ.get("WATCHDOG_PID")
    if not usec or (pid and pid != str(os.getpid())):
        return None
    try:
        return int(usec) / 1_000_000
    except ValueError:
        return None
