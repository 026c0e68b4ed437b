"""IANA time-zone lookup that answers None for any name that is not a zone, never raising."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> ZoneInfo | None:
    """The IANA zone `name`, or None when it is not one: unknown, malformed, or a folder of the
    zone database ("America" makes zoneinfo raise IsADirectoryError, not ZoneInfoNotFoundError)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
