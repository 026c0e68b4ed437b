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


# Abbreviations people type for their zone, and the IANA name they usually mean. Most are no
# IANA name (refused: the error then says what to write); EST and MST are, but of a clock that
# never changes to summer time, so a New York or Denver user typing them has every time read
# an hour off from March to November.
_MEANT = {
    "EST": "America/New_York", "EDT": "America/New_York", "ET": "America/New_York",
    "CST": "America/Chicago", "CDT": "America/Chicago", "CT": "America/Chicago",
    "MST": "America/Denver", "MDT": "America/Denver", "MT": "America/Denver",
    "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "PT": "America/Los_Angeles",
    "AKST": "America/Anchorage", "AKDT": "America/Anchorage",
    "BST": "Europe/London", "CEST": "Europe/Berlin", "EEST": "Europe/Athens",
    "AEST": "Australia/Sydney", "AEDT": "Australia/Sydney", "JST": "Asia/Tokyo",
}
# The names among those that ARE zones, with their fixed offset and a zone that keeps it
# all year, for the user who meant exactly that clock.
FIXED_ABBREVIATIONS = {"EST": ("UTC-5", "America/Panama"), "MST": ("UTC-7", "America/Phoenix")}


def suggest(name: str) -> str | None:
    """The IANA name a mistyped or abbreviated `name` most likely means, or None."""
    key = name.strip()
    if key.upper() in _MEANT:
        return _MEANT[key.upper()]
    import difflib
    from zoneinfo import available_timezones

    known = {z.lower(): z for z in available_timezones()}
    if key.lower() in known:  # "america/new_york": names are case-sensitive on Linux
        return known[key.lower()]
    close = difflib.get_close_matches(key.lower().replace(" ", "_"), known, n=1, cutoff=0.8)
    return known[close[0]] if close else None


def fixed_clock_warning(name: str) -> str | None:
    """For EST and MST (zones, but with no summer time): what they are and what to write
    instead; None for any other name."""
    fixed = FIXED_ABBREVIATIONS.get(name)
    if fixed is None:
        return None
    offset, same = fixed
    return (f"{name!r} is {offset} all year, with no summer time; for the clock of "
            f"{_MEANT[name].split('/')[1].replace('_', ' ')} write {_MEANT[name]!r} "
            f"(or {same!r} for {offset} all year)")
