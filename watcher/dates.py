"""Dates and times written in mail prose: absolute and relative moments, zones, stated timelines.

A small regex grammar (see bench/dates.py for why not dateparser): everything resolves against
a reference moment (the message's Date), never the clock.
"""

from __future__ import annotations

import calendar
import itertools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from watcher.zones import zone as iana_zone

log = logging.getLogger(__name__)

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
# German month names (full, and the abbreviations that differ from English ones)
for _i, _name in enumerate(("januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
                            "oktober", "november", "dezember"), start=1):
    MONTHS[_name] = _i
MONTHS.update({"jän": 1, "maerz": 3, "mär": 3, "mrz": 3, "okt": 10, "dez": 12})

WEEKDAYS: dict[str, int] = {}
for _i, _name in enumerate(calendar.day_name):
    WEEKDAYS[_name.lower()] = _i
    WEEKDAYS[_name[:3].lower()] = _i
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})
WEEKDAYS.update({"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6})

# Zone words people write after a time. "EST" in July means New York time to most senders,
# so the US abbreviations map to the zone, not to a fixed offset.
ZONE_WORDS: dict[str, str] = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York",
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "central": "America/Chicago", "central time": "America/Chicago",
    "central standard time": "America/Chicago", "central daylight time": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mdt": "America/Denver",
    "mountain": "America/Denver", "mountain time": "America/Denver",
    "mountain standard time": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles", "pacific time": "America/Los_Angeles",
    "pacific standard time": "America/Los_Angeles", "pacific daylight time": "America/Los_Angeles",
    "akst": "America/Anchorage", "akdt": "America/Anchorage", "akt": "America/Anchorage",
    "alaska time": "America/Anchorage", "ak time": "America/Anchorage", "alaska standard time": "America/Anchorage",
    "hst": "Pacific/Honolulu", "hawaii time": "Pacific/Honolulu", "hawaii standard time": "Pacific/Honolulu",
    # Mexico's central time (no summer time since 2022), as Mexicans write it
    "hora cdmx": "America/Mexico_City", "hora de cdmx": "America/Mexico_City", "cdmx": "America/Mexico_City",
    "hora del centro": "America/Mexico_City", "hora centro": "America/Mexico_City",
    "hora de la ciudad de méxico": "America/Mexico_City", "hora de la ciudad de mexico": "America/Mexico_City",
    "mexico city time": "America/Mexico_City", "mexico city": "America/Mexico_City",
    "gmt": "UTC", "utc": "UTC", "z": "UTC",
    "bst": "Europe/London", "uk time": "Europe/London", "london time": "Europe/London",
    "cet": "Europe/Berlin", "cest": "Europe/Berlin", "mez": "Europe/Berlin", "mesz": "Europe/Berlin", "central european time": "Europe/Berlin",
    "eet": "Europe/Athens", "eest": "Europe/Athens",
    "ist": "Asia/Kolkata", "india standard time": "Asia/Kolkata",
    "sgt": "Asia/Singapore", "jst": "Asia/Tokyo", "hkt": "Asia/Hong_Kong",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney", "awst": "Australia/Perth",
    "nzst": "Pacific/Auckland", "nzdt": "Pacific/Auckland",
}

# Cities people name as a zone ("10am New York time", "14:00 (Berlin)").
_CITY_ZONES = {
    "new york": "America/New_York", "nyc": "America/New_York", "boston": "America/New_York", "toronto": "America/Toronto",
    "chicago": "America/Chicago", "austin": "America/Chicago", "denver": "America/Denver",
    # Arizona keeps standard time all year ("10:00 AM Arizona time" is noon Eastern in winter,
    # 1 pm in summer); "MST" stays Denver's, as most who write it mean Mountain Time
    "arizona": "America/Phoenix", "phoenix": "America/Phoenix",
    "san francisco": "America/Los_Angeles", "sf": "America/Los_Angeles", "los angeles": "America/Los_Angeles",
    "seattle": "America/Los_Angeles", "vancouver": "America/Vancouver", "london": "Europe/London",
    "dublin": "Europe/Dublin", "lisbon": "Europe/Lisbon", "berlin": "Europe/Berlin", "munich": "Europe/Berlin",
    "amsterdam": "Europe/Amsterdam", "paris": "Europe/Paris", "madrid": "Europe/Madrid", "zurich": "Europe/Zurich",
    "stockholm": "Europe/Stockholm", "warsaw": "Europe/Warsaw", "tel aviv": "Asia/Jerusalem", "israel": "Asia/Jerusalem",
    "bangalore": "Asia/Kolkata", "mumbai": "Asia/Kolkata", "singapore": "Asia/Singapore", "tokyo": "Asia/Tokyo",
    "sydney": "Australia/Sydney", "melbourne": "Australia/Melbourne",
    # the first city of Outlook's zone names ("(UTC+01:00) Brussels, Copenhagen, Madrid, Paris")
    "brussels": "Europe/Brussels", "belgrade": "Europe/Belgrade", "sarajevo": "Europe/Sarajevo",
    "athens": "Europe/Athens", "helsinki": "Europe/Helsinki", "jerusalem": "Asia/Jerusalem",
    "canberra": "Australia/Sydney", "adelaide": "Australia/Adelaide", "auckland": "Pacific/Auckland",
    "kolkata": "Asia/Kolkata", "chennai": "Asia/Kolkata",
}
for _city, _iana in _CITY_ZONES.items():
    ZONE_WORDS.setdefault(f"{_city} time", _iana)
    if len(_city) > 3:
        ZONE_WORDS.setdefault(_city, _iana)

_ZONE_ALT = "|".join(sorted((re.escape(z) for z in ZONE_WORDS if z != "z"), key=len, reverse=True))
_CITY_ALT = "|".join(sorted((re.escape(c) for c in _CITY_ZONES), key=len, reverse=True))
# An optional zone after a time: "ET", "(EST)", "Eastern Time (US & Canada)", "GMT-05:00",
# "UTC+1", "America/New_York", "(GMT-05:00) Eastern Time" (Outlook: the named zone, whose
# standard offset Outlook writes all year), "(Greenwich Mean Time - London)" (Google Calendar).
ZONE_RE = (
    r"(?P<zone>\(?\s*(?:"
    rf"(?:gmt|utc)\s*[+-−]\s*\d{{1,2}}(?::?\d{{2}})?(?:\s*\)?\s*(?:{_ZONE_ALT})\b)?"
    r"|[A-Z][a-z]+/[A-Z][A-Za-z_]+(?:/[A-Z][A-Za-z_]+)?"
    rf"|(?<=\()[A-Za-z][A-Za-z ]{{2,40}}?\s[-–]\s(?:{_CITY_ALT})\b"
    # French: "à 17h00, heure de Paris"
    rf"|,?\s*heure\s+d(?:e\s+|['’]\s*)(?:{_CITY_ALT})\b"
    rf"|(?:{_ZONE_ALT})\b"
    r")(?:\s*\(US\s*&\s*Canada\))?\s*\)?)"
)

# (and "3p ET", "10a-12p": a lone lower-case a or p right after the hour, not "Suite 10A")
_AMPM = r"(?:a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])|(?<=\d)(?-i:[ap])(?![\w/&'’]|-\D)"
# One clock time: "2pm", "2:30 PM", "14:30", "noon".
# "14.30" and "14h30" (UK and European styles) are told from prices and versions by "at" or a zone.
_T1 = rf"(?:(?P<h1>\d{{1,2}})(?:(?P<sep1>[:.h])(?P<m1>\d{{2}}))?\s*(?P<ap1>{_AMPM})?|(?P<noon1>(?<![a-z])(?:noon|midday)))"
_T2 = rf"(?:(?P<h2>\d{{1,2}})(?:[:.h](?P<m2>\d{{2}}))?\s*(?P<ap2>{_AMPM})?|(?P<noon2>(?<![a-z])(?:noon|midday)))"
TIME_RE = re.compile(
    rf"(?<![\d/.\-])(?<!\d:)(?P<at>at\s+|@\s*|um\s+)?{_T1}"
    rf"(?:\s*(?:-|–|—|to|until|till|bis)\s*{_T2})?(?P<uhr>\s*uhr\b)?"
    # Webex: "14:00 | (UTC+01:00) Amsterdam, Berlin, ... | 1 hr"
    rf"(?:\s*(?:\|\s*)?{ZONE_RE})?",
    re.IGNORECASE,
)

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD_ALT = "|".join(sorted(WEEKDAYS, key=len, reverse=True))

# Clock times TIME_RE does not read, rewritten in place to ones it does (same length, so every
# position stays the text's): "half past two" (2:30), "a quarter to three", "at half two"
# (British), and the 24-hour "0730" / "1130" of a hospital or the forces where a time is meant
# ("at 0730", "by 1130", "0730 on Tuesday", "0730 hrs"; not a year, a room or a phone number)
_HOUR_WORDS = {w: i for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                           "ten", "eleven", "twelve"), start=1)}
_SPOKEN_TIME = re.compile(
    r"(?P<q>half|quarter)(?:(?<=\bhalf)|(?<=\bquarter))\s+(?:(?P<dir>past|after|to|till|before)\s+)?"
    rf"(?P<hw>{'|'.join(_HOUR_WORDS)}|1[0-2]|[1-9])\b(?:\s+o['’]clock\b)?"
    r"(?!\s*(?:hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|times?|of|%|-|–))",
    re.IGNORECASE)
_MILITARY_TIME = re.compile(
    # (the digits first, what stands before them looked at behind them: the scan is for a digit)
    r"(?P<hh>[01]\d|2[0-3])(?:(?<![\w/.\-:#$@,]\d\d)(?<!\d\d\d\s\d\d)|(?<=\d{4}[-–]\d\d))"
    # (a sentence's full stop or comma may follow it: "at 0730.", not "1130.00" nor "0730,1130")
    r"(?P<mm>[0-5]\d)(?![\w/:%]|[.,](?=\S)|[-–]\D)")
# what makes one no time: "Room 1130 on Tuesday", "Suite 0730", "ext. 1130"
_MILITARY_NOT = re.compile(r"\b(?:rooms?|rm|suite|ste|unit|apt|apartment|building|bldg|floor|fl|no|number|ext|extension"
                           r"|box|route|rte|hwy|highway|flight|gate|order|ticket|badge|id|code|pin|model|part|item|case"
                           r"|claim|invoice|ref|reference|account|acct|po|version|v)\.?\s*#?\s*$", re.IGNORECASE)
# what makes one a time: "0730 hours", "0730 on Tuesday", "0730 - 1130" after it
_MILITARY_AFTER = re.compile(
    r"\s*(?:hours|hrs?)\b|\s+on\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)|the\s+\d|\d{1,2}/)"
    r"|\s*(?:-|–|to|until)\s*(?:[01]\d|2[0-3])[0-5]\d\b", re.IGNORECASE)
# or before it: "at 0730", "by 1130", "from 0700", "until 1500", "0730 - 1130" (then a year is
# none: "by 2027", "from 2019")
_MILITARY_BEFORE = re.compile(r"(?:\b(?:at|by|from|until|till|to)\s|\d\s?[-–]\s?)$", re.IGNORECASE)
_DAY_PART = re.compile(r"\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight)\b", re.IGNORECASE)


def _said_times(text: str) -> str:
    """`text` with its spoken and 24-hour clock times written as TIME_RE reads them, same
    length: "at half past two" as "at 2:30         ", "at 0730" as "at07:30"."""
    low = text.lower()
    spoken = "half" in low or "quarter" in low
    military = list(_MILITARY_TIME.finditer(text))
    if not (spoken or military):
        return text
    out = list(text)
    for m in _SPOKEN_TIME.finditer(text) if spoken else ():
        hw, said_dir = m.group("hw").lower(), (m.group("dir") or "").lower()
        h = _HOUR_WORDS.get(hw) or int(hw)
        if not said_dir and not (m.group("q").lower() == "half" and text[max(0, m.start() - 3):m.start()].lower() == "at "):
            continue  # "half two" is a time after "at" only ("at half two"; not "half 2 cups")
        if m.group("q").lower() == "half":
            if said_dir not in ("past", "after", ""):
                continue  # "half to three" is nothing people say
            mins = 30
        elif said_dir in ("past", "after"):
            mins = 15
        else:
            h, mins = (h - 1) or 12, 45
        part = _DAY_PART.match(text, m.end())
        said = f"{h}:{mins:02d}" + ("" if not part else "am" if part.group(0).lower().endswith("morning") else "pm")
        if len(said) <= m.end() - m.start():
            out[m.start():m.end()] = list(said.ljust(m.end() - m.start()))
    for m in military:
        hh, mm, at = m.group("hh"), m.group("mm"), m.start()
        if hh in ("19", "20"):
            cue = re.match(r"\s*(?:hours|hrs?)\b", text[m.end():m.end() + 8], re.IGNORECASE)  # not "by 2027"
        else:
            cue = _MILITARY_BEFORE.search(text, max(0, at - 6), at) or _MILITARY_AFTER.match(text, m.end())
        if not cue or _MILITARY_NOT.search(text, max(0, at - 16), at):
            continue
        if hh in ("07", "08", "09"):
            out[at:m.end()] = list(f"{int(hh)}:{mm}")  # "at 0730": "at 7:30"
        elif at > 1 and text[at - 1] in " \t" and not text[at - 2].isdigit() and text[at - 2] != ":":
            out[at - 1:m.end()] = list(f"{hh}:{mm}")  # "at 1130": "at11:30"
    return "".join(out)


_ORD = r"(?:st|nd|rd|th)?"
# What an ordinal counts when it is no day of the month: "the 28th floor", "the 5th Avenue
# entrance", "the 2nd round" (an onsite on December 11 was read as on the 28th)
_ORDINAL_NOUN = (r"(?:floors?|fl|flr|level|storey|story|street|st|avenue|ave|road|rd|boulevard|blvd"
                 r"|round|interview|stage|time|percentile|anniversary|birthday|edition|grade|century)\b")
DATE_RE = re.compile(
    r"\b(?:"
    # "December 1st, 2026", "Dec. 1", "Tuesday, December 1"
    rf"(?:(?P<wd1>{_WD_ALT})\.?,?\s+)?(?:the\s+)?(?P<mon1>{_MONTH_ALT})\.?\s+(?P<d1>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<y1>\d{{4}}))?"
    # "Tuesday 1 December 2026", "1st of December"
    rf"|(?:(?P<wd2>{_WD_ALT})\.?,?\s+)?(?:the\s+|den\s+)?(?P<d2>\d{{1,2}}){_ORD}\.?\s+(?:of\s+)?(?P<mon2>{_MONTH_ALT})\b\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    # German "08.12.2026", "Di., 8.12.2026", "am 8.12."
    rf"|(?:(?P<wd6>{_WD_ALT})\.?,?\s+)?(?<![\d.])(?P<ed>\d{{1,2}})\.(?P<em>\d{{1,2}})\.(?:(?P<ey>\d{{4}})|(?=\s))"
    # ISO "2026-12-01"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})(?=[T\s,.;)]|$)"
    # "12/1", "12/01/2026", "Tue 12/1"
    rf"|(?:(?P<wd3>{_WD_ALT})\.?,?\s+\(?)?(?<![\d/])(?P<na>\d{{1,2}})/(?P<nb>\d{{1,2}})(?:/(?P<ny>\d{{2,4}}))?(?![\d/])"
    # "11-12-2026", "Date: 04-01-2027": India's (and some of Europe's) numeric date, read as
    # "12/1" is (day or month first by the writer's zone); only with a four-digit year, as
    # "10-12" is a range of hours or of days
    r"|(?<![\d/-])(?P<ha>\d{1,2})-(?P<hb>\d{1,2})-(?P<hy>\d{4})(?![\d-])"
    # relative words
    r"|(?P<rel>day\s+after\s+tomorrow|tomorrow|today|tonight|this\s+(?:morning|afternoon|evening))"
    # "Tuesday the 8th", "on the 8th": a day of this or next month
    rf"|(?:(?P<wd5>{_WD_ALT})\.?,?\s+)?the\s+(?P<d5>\d{{1,2}})(?:st|nd|rd|th)\b(?!\s+(?:(?:of\s+)?(?:{_MONTH_ALT})\b|{_ORDINAL_NOUN}))"
    # "next Tuesday", "this Friday", "Friday" (not "Friday, December 4", read above)
    # (a date right after it is the day: "at 2pm on Thursday 12/10", "on Thu (12/10)", "on
    # Thursday the 10th", read by the alternatives above from the weekday on)
    rf"|(?:(?P<which>next|this|coming|on)\s+)?(?P<wd4>{_WD_ALT})\b\.?(?!,?\s+(?:the\s+)?(?:{_MONTH_ALT})\b"
    rf"|,?\s+\(?(?:the\s+|den\s+)?\d{{1,2}}(?:/\d|\.\d{{1,2}}\.(?:\d{{4}}|(?=\s))|(?:st|nd|rd|th)\b(?!\s+{_ORDINAL_NOUN})|\.?\s+(?:of\s+)?(?:{_MONTH_ALT})\b))"
    r")",
    re.IGNORECASE,
)

ISO_DT_RE = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})[T ](?P<h>\d{2}):(?P<mi>\d{2})(?::\d{2})?"
    rf"(?:(?P<off>Z|[+-]\d{{2}}:?\d{{2}})|\s*{ZONE_RE})?",
    re.IGNORECASE,
)

DURATION_RE = re.compile(
    # "1.5 hours" is not "5 hours"; "1 hour 30 minutes", "an hour and a half": the whole length
    r"(?<![\d.])\b(?P<n>\d{1,3}(?:\.\d{1,2})?|an?|one|two|half(?:\s+an?)?)[\s-]*(?P<unit>minutes?|mins?|hours?|hrs?|hr)\b"
    r"(?:\s*(?:and\s+)?(?:(?P<more>\d{1,2})[\s-]*(?:minutes?|mins?)\b|(?P<half>a\s+half)\b))?",
    re.IGNORECASE,
)

_WORD_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
             "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "couple": 2,
             "few": 3, "several": 5}


@dataclass(frozen=True, slots=True)
class Found:
    """A moment found in text, with where it was and how sure its parts are."""

    start: datetime
    end: datetime | None
    pos: int
    end_pos: int
    text: str
    explicit_zone: bool
    explicit_date: bool  # an absolute calendar date, not "tomorrow" or a bare weekday


@lru_cache(maxsize=256)
def zone(name: str | None) -> tzinfo | None:
    """The tzinfo for an IANA name or a zone word ("ET", "Pacific Time", "GMT-05:00")."""
    if not name:
        return None
    key = re.sub(r"\s+", " ", name.strip(" ()").replace("−", "-")).lower()
    key = re.sub(r"\s*\(us\s*&\s*canada\)?", "", key).strip()  # its ")" may be stripped above
    french = re.match(r",?\s*heure\s+d(?:e\s+|['’]\s*)", key)
    if french:
        key = key[french.end():]  # "heure de Paris": Paris
    m = re.fullmatch(r"(?:gmt|utc)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?:\s*\)?\s*(.+))?", key)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
        named = zone(m.group(4)) if m.group(4) else None
        if isinstance(named, ZoneInfo) and any(
                named.utcoffset(datetime(2027, mo, 15)) == sign * delta for mo in (1, 7)):
            return named  # "(UTC-05:00) Eastern Time" in July: New York's summer time
        return timezone(sign * delta)
    city = re.split(r"\s[-–]\s", key)
    if len(city) == 2 and city[1] in _CITY_ZONES:
        return iana_zone(_CITY_ZONES[city[1]])  # "Greenwich Mean Time - London"
    iana = ZONE_WORDS.get(key)
    if iana is None and "/" in key:
        # a zone with its summer name: "CET/CEST", "EST/EDT" (not two zones: "ET/PT")
        std, _, dst = (p.strip() for p in key.partition("/"))
        if std in ZONE_WORDS and ZONE_WORDS.get(dst) == ZONE_WORDS[std]:
            iana = ZONE_WORDS[std]
    if iana is None and "/" in name:
        iana = name.strip(" ()")
    if iana is None:
        return None
    if iana == "UTC":
        return timezone.utc
    return iana_zone(iana)


def _hour(h: int, ap: str | None) -> int | None:
    if ap:
        if not 1 <= h <= 12:
            return None
        pm = ap.lower().startswith("p")
        return (h % 12) + (12 if pm else 0)
    return h if 0 <= h <= 23 else None


def _bare_hour(h: int) -> int | None:
    """"at 10", "at 4" next to a day: an hour of the working day (7-11 in the morning, 12 at
    noon, 1-6 in the afternoon); a 24-hour one (13-23) as it is."""
    if 7 <= h <= 12 or 13 <= h <= 23:
        return h
    return h + 12 if 1 <= h <= 6 else None


def _clock(m: re.Match[str], bare: bool = False) -> tuple[time, time | None] | None:
    """Start and end clock times of a TIME_RE match, or None when it is not a time. With
    `bare`, "at 10" (a whole hour after "at", no am/pm) is one: the caller found a day next
    to it ("tomorrow at 10", "Thursday at 4")."""
    noon1, noon2 = m.group("noon1"), m.group("noon2")
    ap1, ap2 = m.group("ap1"), m.group("ap2")
    h2 = m.group("h2")
    if noon1:
        t1 = (12, 0)
    else:
        h = int(m.group("h1"))
        # "3-4pm": the first time borrows the second's am/pm (unless that would go backwards)
        borrow = ap1 or (ap2 if h2 and not noon2 else None)
        sep = (m.group("sep1") or "").lower()
        if bare and not borrow and m.group("at") and not sep and not h2:
            hh_bare = _bare_hour(h)
            return (time(hh_bare, 0), None) if hh_bare is not None else None
        if not borrow and not m.group("uhr") and (not m.group("m1") or (
                sep in (".", "h") and not m.group("at") and not m.group("zone") and not (sep == "h" and h >= 7))):
            return None  # a bare number ("at 3", "12.50") is not a time; "10 Uhr", "at 14.30 GMT", "14h30" are
        hh = _hour(h, borrow)
        if hh is None or (borrow in ("a", "p") and not (6 <= hh <= 21)):
            return None  # "10a", "3p"; not "section 2a", "Suite 11p"
        if not borrow and sep == ":" and 1 <= h <= 6 and not m.group("h1").startswith("0"):
            hh = h + 12  # "at 4:30 ET": no one is asked to an interview at 4:30 in the morning
        if not ap1 and borrow and h2 and h > int(h2) and h != 12 and borrow.lower().startswith("p"):
            hh = h  # "11-1pm": 11 am
        t1 = (hh, int(m.group("m1") or 0))
    t2: tuple[int, int] | None = None
    if noon2:
        t2 = (12, 0)
    elif h2:
        hh2 = _hour(int(h2), ap2 or ap1)
        if hh2 is not None and not (ap2 or ap1) and 1 <= int(h2) <= 6 and m.group("m2") \
                and not h2.startswith("0"):
            hh2 = int(h2) + 12  # "2:00 - 3:30": the afternoon, as the start
        if hh2 is not None and (ap2 or ap1 or m.group("m2")):
            t2 = (hh2, int(m.group("m2") or 0))
    if not (0 <= t1[1] < 60) or (t2 and not 0 <= t2[1] < 60):
        return None
    return time(*t1), (time(*t2) if t2 else None)


def _next_weekday(ref: date, wd: int, *, strictly_after: bool = True) -> date:
    days = (wd - ref.weekday()) % 7
    if days == 0 and strictly_after:
        days = 7
    return ref + timedelta(days=days)


def weekday_in_next_week(ref: date, wd: int) -> date:
    """'next Tuesday': the Tuesday of the week after ref's (weeks start on Monday)."""
    monday_next = ref - timedelta(days=ref.weekday()) + timedelta(days=7)
    return monday_next + timedelta(days=wd)


def _guess_year(month: int, day: int, ref: date) -> date | None:
    """A date without a year: the one from a month ago to eleven months ahead of ref."""
    for year in (ref.year, ref.year + 1, ref.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if ref - timedelta(days=45) <= d <= ref + timedelta(days=320):
            return d
    return None


def _day_of_month(day: int, weekday: int | None, ref: date) -> date:
    """'the 8th' (on a Tuesday): the next such day from ref, this month or one of the next two."""
    first: date | None = None
    y, mo = ref.year, ref.month
    for _ in range(3):
        try:
            d = date(y, mo, day)
        except ValueError:
            d = None
        if d is not None and d >= ref:
            first = first or d
            if weekday is None or d.weekday() == weekday:
                return d
        y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
    if first is None:
        raise ValueError(f"no day {day} ahead of {ref}")
    return first


@lru_cache(maxsize=64)
def month_first(tz: tzinfo) -> bool:
    """Whether people in `tz` write 3/4 for March 4: the US and Canada (UTC-10 to UTC-3:30 in
    January), Japan and Korea; the UK, Europe, India and Australia write the day first."""
    off = datetime(2027, 1, 15, 12, tzinfo=tz).utcoffset()
    # (Japan and Korea, UTC+9, write the month first too: 12/7 is December 7 there)
    return off is not None and (timedelta(hours=-10) <= off <= timedelta(hours=-3, minutes=-30)
                                or off == timedelta(hours=9))


# Countries whose own clock is UTC in winter: there a +0000 Date is as likely the writer's as a
# server's, and their domain tells which zone it is (London's winter is the hiring season)
_PLUS_ZERO_COUNTRIES = {"uk": "Europe/London", "ie": "Europe/Dublin", "pt": "Europe/Lisbon"}


def as_written(ref: datetime, domain: str) -> datetime:
    """The moment `ref` on its writer's clock: a +0000 Date from a sender at a British, Irish
    or Portuguese domain in that country's zone (a named zone, which find_datetimes takes for
    the writer's even at +0000); any other Date as it is (a +0000 one may be a server's)."""
    if ref.utcoffset() != timedelta(0):
        return ref
    country = _PLUS_ZERO_COUNTRIES.get(domain.rpartition(".")[2].lower())
    tz = iana_zone(country) if country else None
    return ref.astimezone(tz) if tz is not None else ref


# Countries of one time zone, by their domain's last label: a mail from such a domain whose Date
# is on that zone's clock was written there ("2pm at our Manchester office" is 2pm in London)
_COUNTRY_ZONES = {
    "uk": "Europe/London", "ie": "Europe/Dublin", "pt": "Europe/Lisbon", "de": "Europe/Berlin",
    "fr": "Europe/Paris", "nl": "Europe/Amsterdam", "es": "Europe/Madrid", "it": "Europe/Rome",
    "be": "Europe/Brussels", "ch": "Europe/Zurich", "at": "Europe/Vienna", "se": "Europe/Stockholm",
    "no": "Europe/Oslo", "dk": "Europe/Copenhagen", "fi": "Europe/Helsinki", "pl": "Europe/Warsaw",
    "cz": "Europe/Prague", "gr": "Europe/Athens", "il": "Asia/Jerusalem", "za": "Africa/Johannesburg",
    "ae": "Asia/Dubai", "in": "Asia/Kolkata", "sg": "Asia/Singapore", "hk": "Asia/Hong_Kong",
    "cn": "Asia/Shanghai", "tw": "Asia/Taipei", "kr": "Asia/Seoul", "jp": "Asia/Tokyo",
    "ph": "Asia/Manila", "nz": "Pacific/Auckland",
}


def country_zone(ref: datetime, domain: str) -> tzinfo | None:
    """The zone of the country of `domain` (one-zone countries only) when the Date `ref` is on
    its clock, else None: the employer's own zone, which a time written without one is in."""
    name = _COUNTRY_ZONES.get(domain.rpartition(".")[2].lower())
    tz = iana_zone(name) if name else None
    if tz is None or ref.utcoffset() != ref.astimezone(tz).utcoffset():
        return None
    return tz


def writer_zone(ref: datetime) -> tzinfo | None:
    """The zone of the writer's calendar by their Date: its offset, or a named zone (as_written);
    None for a bare +0000, which is as often a server's stamp (Exchange Online, an ATS)."""
    return ref.tzinfo if ref.utcoffset() or isinstance(ref.tzinfo, ZoneInfo) else None


def _date_of(m: re.Match[str], ref: date, *, day_first: bool = False) -> tuple[date, bool] | None:
    """The calendar date a DATE_RE match names, and whether it was absolute. `day_first`: how
    to read 3/4 when neither number is above 12."""
    g = m.group
    try:
        if g("mon1") or g("mon2"):
            mon = MONTHS[(g("mon1") or g("mon2")).lower()]
            day = int(g("d1") or g("d2"))
            year = g("y1") or g("y2")
            if year:
                return date(int(year), mon, day), True
            d = _guess_year(mon, day, ref)
            return (d, True) if d else None
        if g("iy"):
            return date(int(g("iy")), int(g("im")), int(g("id"))), True
        if g("na") or g("ha"):
            a, b = int(g("na") or g("ha")), int(g("nb") or g("hb"))
            mon, day = (b, a) if (day_first and b <= 12) or a > 12 else (a, b)
            y = int(g("ny") or g("hy")) if g("ny") or g("hy") else None
            if y is not None and y < 100:
                y += 2000
            if g("wd3") and a <= 12 and b <= 12 and a != b:
                # "Friday 4/12": the writer's weekday settles which number is the month when
                # only one reading falls on it (a British 4 December, not Monday April 12)
                wd = WEEKDAYS[g("wd3").lower()]
                for mo, dd in ((mon, day), (day, mon)):
                    d = date(y, mo, dd) if y is not None else _guess_year(mo, dd, ref)
                    if d is not None and d.weekday() == wd:
                        return d, True
            if y is not None:
                return date(y, mon, day), True
            d = _guess_year(mon, day, ref)
            return (d, True) if d else None
        if g("ed"):
            if g("ey"):
                return date(int(g("ey")), int(g("em")), int(g("ed"))), True
            d = _guess_year(int(g("em")), int(g("ed")), ref)
            return (d, True) if d else None
        if g("d5"):
            return _day_of_month(int(g("d5")), WEEKDAYS[g("wd5").lower()] if g("wd5") else None, ref), True
        rel = g("rel")
        if rel:
            rel = rel.lower()
            if rel.startswith("day"):
                return ref + timedelta(days=2), False
            if rel.startswith("tomorrow"):
                return ref + timedelta(days=1), False
            return ref, False
        wd_word = g("wd4")
        if wd_word:
            wd = WEEKDAYS[wd_word.lower()]
            which = (g("which") or "").lower()
            if which == "next":
                return weekday_in_next_week(ref, wd), False
            return _next_weekday(ref, wd, strictly_after=which != "this"), False
    except ValueError:
        return None
    return None


def find_days(text: str, ref: date, *, day_first: bool = False) -> list[date]:
    """Every calendar day `text` names ("Thursday", "December 3", "tomorrow"), in order;
    at most MAX_MOMENTS."""
    out = []
    for dm in itertools.islice(DATE_RE.finditer(text), MAX_MOMENTS):
        found = _date_of(dm, ref, day_first=day_first)
        if found is not None:
            out.append(found[0])
    return out


_SCHEDULE_ROW = re.compile(r"[ \t>*•-]*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:-|–|—|to)", re.IGNORECASE)


MAX_MOMENTS = 300


_INTRODUCES_ROWS = re.compile(
    r":[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*$"
    # a date line, then only the zone's line: "Wednesday, December 2nd, 2026\nAll times are in
    # Eastern Time (US & Canada)\n\n3:00 pm - 3:45 pm | Technical Deep Dive" (Greenhouse)
    r"|^[ \t]*\r?\n[ \t]*(?i:all\s+times|times\s+(?:are|shown|listed)|time\s*zone)[^\n]{0,60}\r?\n"
    r"(?:[ \t]*\r?\n)?[ \t]*$")
# A date line, then a few fields of an itinerary, then its rows: "Date: Friday, December 11,
# 2026\nLocation: 1 Bryant Park, 28th Floor, ...\n\n9:00 AM  Check in" (Workday)
_FIELDS_THEN_ROWS = re.compile(r"[ \t]*\r?\n(?:[ \t]*[A-Z][A-Za-z ]{1,24}:[^\n]{0,160}\r?\n){1,3}(?:[ \t]*\r?\n)?[ \t]*")
# Rows of a schedule apart by blank lines (an HTML table's): the rest of a row, blank lines
_NEXT_ROW = re.compile(r"[^\n]*\n(?:[ \t]*\r?\n)+[ \t]*")
# What may stand between a time and the date on the next line: the zone in brackets
# (or the rest of it, when the time's zone word was read from inside the brackets)
_ZONE_THEN_LINE = re.compile(r"[ \t]*(?:\([^()\n]{1,60}\)|[^()\n]{0,30}\))?[ \t]*\r?\n[ \t]*")


# After a time, what opens a second one: a bracket not closed yet, a slash
_OPENER = re.compile(r"[(\[/]")
_CLOSER = re.compile(r"[)\]\n]|\.\s")
_CLOCKISH = re.compile(r"\d[:.h]\d\d|\d\s*[ap]\.?\s?m\b|\b(?:noon|midday)\b", re.IGNORECASE)


def _opens_another_time(text: str, at: int, between: str) -> bool:
    """Whether `between` (the text from a time at `at` to a date after it) opens a bracket or
    a slash that holds a clock time of its own: "5:00 PM PT (Friday 10:00 AM in Tokyo)",
    "5:00 PM ET / Wednesday 01:00 CET" (a conversion, or another slot); not "10:00am (Pacific
    Time)" or "2pm (Tuesday, Dec 1)"."""
    opened = None
    for m in _OPENER.finditer(between):
        opened = m if m.group(0) == "/" or not re.search(r"[)\]]", between[m.end():]) else opened
    if opened is None:
        return False
    start = at + opened.end()
    close = _CLOSER.search(text, start, start + 80)
    return bool(_CLOCKISH.search(text, start, close.start() if close else min(len(text), start + 80)))


def find_datetimes(text: str, ref: datetime, default_tz: tzinfo | None = None, *,
                   user_tz: tzinfo | None = None) -> list[Found]:
    """Every moment with a date and a clock time in `text`, in order of position; a time that
    restates the one before it in another zone is not another moment (_merge_conversions;
    "your time" is `user_tz`'s, else `default_tz`'s).

    Relative words resolve against `ref` (an aware datetime) in its own offset or named zone
    (see as_written; a bare +0000: in the time's stated zone, else `default_tz`). A time with no zone is read in
    `default_tz`, else in `ref`'s offset. A numeric 3/4 is March 4 in the US and Canada and
    the 3rd of April elsewhere, judged by the time's zone, `ref`'s offset, then `default_tz`.
    """
    local_tz = default_tz or ref.tzinfo or timezone.utc
    # "tomorrow", "Thursday": days on the writer's calendar, which the Date's offset shows; a
    # bare +0000 Date is as often a server's (Exchange Online, ATS) as a writer's, so there the
    # time's own zone or the local one tells the day
    writer_tz = writer_zone(ref)
    out: list[Found] = []
    # for each moment: where its clock time is, and the date it took (None: the ISO form's own)
    parts: list[tuple[int, int, re.Match[str] | None]] = []
    for m in ISO_DT_RE.finditer(text):
        try:
            tz: tzinfo = local_tz
            off = m.group("off")
            named = zone(m.group("zone")) if m.group("zone") else None
            if named is not None:
                tz = named
            elif off:
                tz = timezone.utc if off.upper() == "Z" else datetime.strptime(off.replace(":", ""), "%z").tzinfo  # type: ignore[assignment]
            start = datetime(int(m.group("y")), int(m.group("mo")), int(m.group("d")),
                             int(m.group("h")), int(m.group("mi")), tzinfo=tz)
        except (ValueError, TypeError):
            continue
        out.append(Found(start, None, m.start(), m.end(), m.group(0), bool(off) or named is not None, True))
        parts.append((m.start(), m.end(), None))
    if len(text) > 200_000:
        text = text[:200_000]
    text = _said_times(text)
    # Each time is paired with each date: bounded, or a message of "1/1 1pm" repeated took
    # seconds (no real mail names hundreds of moments)
    dates = [(dm.start(), dm.end(), dm) for dm in itertools.islice(DATE_RE.finditer(text), MAX_MOMENTS)]
    for tm in itertools.islice(TIME_RE.finditer(text), MAX_MOMENTS):
        if any(f.pos <= tm.start() < f.end_pos for f in out):
            continue
        clock = _clock(tm)
        near = 80, 50  # the nearest date in the same stretch of text: chars before, after
        if clock is None:
            # "tomorrow at 10", "at 10 tomorrow", "Thursday at 4 ET": a bare hour after "at"
            # is a time only with a day right next to it
            clock = _clock(tm, bare=True) if tm.group("at") else None
            if clock is None:
                continue
            near = 3, 2  # "tomorrow at 10", "at 10 tomorrow": only a space between
        t_start, t_end = clock
        best: tuple[int, re.Match[str]] | None = None
        for ds, de, dm in dates:
            if de <= tm.start():
                gap = tm.start() - de
                between = text[de:tm.start()]
                # (across a blank line only from a line that introduces the times: "Here is
                # your agenda (all times Eastern):")
                if (gap > near[0] or ("\n\n" in between and gap > 40
                                      and not _INTRODUCES_ROWS.search(between))) \
                        and not (near[0] > 3 and gap < 400 and _FIELDS_THEN_ROWS.fullmatch(text, de, tm.start())):
                    continue
            elif ds >= tm.end():
                gap = ds - tm.end()
                between = text[tm.end():ds]
                # (Calendly: "10:00am - 10:30am (Pacific Time - US & Canada)" over the date)
                if (gap > near[1] or "\n" in between) and not _ZONE_THEN_LINE.fullmatch(between):
                    continue
                if _opens_another_time(text, tm.end(), between):
                    # "Thursday, January 14, 2027, 5:00 PM PT (Friday 10:00 AM in Tokyo)": the
                    # bracket's day is its own time's; a day before this time is this one's
                    gap += 1000
            else:
                continue
            if best is None or gap < best[0]:
                best = (gap, dm)
        tz_word = tm.group("zone")
        tz_found = zone(tz_word) if tz_word else None
        resolved: tuple[date, bool] | None = None
        if best is not None:
            resolved = _date_of(best[1], ref.astimezone(writer_tz or tz_found or local_tz).date(),
                                day_first=not month_first(tz_found or writer_tz or local_tz))
        elif out and _SCHEDULE_ROW.match(text, text.rfind("\n", 0, tm.start()) + 1) \
                and tm.start() - out[-1].end_pos < 400 and ("\n\n" not in text[out[-1].end_pos:tm.start()]
                                                             or _NEXT_ROW.fullmatch(text, out[-1].end_pos, tm.start())):
            # a row of a schedule ("10:45 AM - 11:30 AM Tomasz ...") under a dated one
            prev = out[-1]
            resolved = prev.start.astimezone(local_tz).date(), prev.explicit_date
        if resolved is None:
            continue
        day, absolute = resolved
        tzi = tz_found or local_tz
        if tz_found is None and (yours := _YOURS_AFTER.match(text, tm.end())) and not yours.group("city"):
            tzi = user_tz or local_tz  # "Monday 12/7 at 3pm your time" from Tokyo: the reader's 3pm
        start = datetime.combine(day, t_start, tzinfo=tzi)
        no_meridiem = not (tm.group("ap1") or tm.group("ap2") or tm.group("noon1") or tm.group("noon2"))
        if (no_meridiem and out and start.hour < 12 and out[-1].start.date() == start.date()
                and start < out[-1].start <= start + timedelta(hours=12)):
            # a schedule row after noon written without pm ("12:15 - 1:00", then "1:00 - 1:45")
            start += timedelta(hours=12)
        end = None
        if t_end is not None:
            end = datetime.combine(start.date(), t_end, tzinfo=tzi)
            if end <= start and no_meridiem and start < end + timedelta(hours=12) <= start + timedelta(hours=12):
                end += timedelta(hours=12)  # "12:15 - 1:00": one o'clock in the afternoon
            if end <= start:
                end += timedelta(days=1) if (end + timedelta(days=1) - start) <= timedelta(hours=12) else timedelta(0)
                if end <= start:
                    end = None
        lo = min(best[1].start(), tm.start()) if best else tm.start()
        hi = max(best[1].end(), tm.end()) if best else tm.end()
        out.append(Found(start, end, lo, hi, text[lo:hi], tz_found is not None, absolute))
        parts.append((tm.start(), tm.end(), best[1] if best else None))
    if len(out) < 2:
        return out
    order = sorted(range(len(out)), key=lambda i: out[i].pos)
    return _merge_conversions(text, [(out[i], *parts[i]) for i in order], user_tz or local_tz)


# A time, then the same moment in another zone: "5:00 PM PT (Friday 10:00 AM in Tokyo)", "5:00 PM
# ET / 23:00 CET", "5:00 PM PT, which is 10:00 AM on Friday for you", "4:00 PM ET (that's 8am
# Sydney time)", "... at 5 PM PT. For you that's Friday at 10 AM" (not "2 PM ET or 10 AM ET")
def _yours(city: str) -> str:
    return (rf"(?:(?:for|to)\s+you|(?:(?:in|at|on)\s+)?your\s+(?:local\s+)?(?:time(?:\s*zone)?|zone|end)"
            rf"|(?:in\s+)?(?P<{city}>{_CITY_ALT})(?:\s+time)?)\b")


_CONVERSION_LINK = re.compile(
    r"[ \t]*(?:(?P<open>[(\[])|(?P<mark>[/|=]|,?[ \t]*and\b|,|[-–—](?=\s))|(?P<stop>[.!]\s+))?[ \t]*"
    rf"(?:(?P<yours>{_yours('city')})[ \t]*[:,]?[ \t]*)?"
    r"(?P<says>(?:which|that|this|it)(?:['’]s|\s+(?:is|will\s+be|would\s+be|means))|i\.e\.,?|aka|soit"
    r"|equivalent\s+to)?[ \t]*(?:(?:on|at)\s+)?",
    re.IGNORECASE)
# ("9:00 (your time)": in brackets too, review 22e)
_YOURS_AFTER = re.compile(rf"[ \t]*[,(\[]?[ \t]*{_yours('city')}", re.IGNORECASE)
# A second time offered beside the first: "2:00 PM ET (or Friday at 10:00 AM ET)", "..., or Friday"
_CHOICE_LINK = re.compile(r"[ \t]*[(\[,;]?[ \t]*(?:or|alternatively,?|otherwise,?)(?:\s+(?:on|at))?\s+", re.IGNORECASE)
# After a second time that is not the first's: "(Friday 10:00 AM PT also works)"
_ANOTHER_SLOT_AFTER = re.compile(r"[^)\].!?\n]{0,40}?\b(?:also|too|instead|alternatively|otherwise|works?|available"
                                 r"|free|open|possible|prefer\w*|better|options?|slots?)\b", re.IGNORECASE)


def _weekday_beside(dm: re.Match[str] | None, day: date) -> date | None:
    """The day a bare weekday ("Friday", "on Friday"; not "next Friday") names beside a time on
    `day`: the one of the three days around it that falls on it (as a weekday settles a numeric
    date in _date_of), else None."""
    if dm is None or not dm.group("wd4") or (dm.group("which") or "on").lower() != "on":
        return None
    wd = WEEKDAYS[dm.group("wd4").lower()]
    return next((d for k in (-1, 0, 1) if (d := day + timedelta(days=k)).weekday() == wd), None)


def _on_day(f: Found, day: date) -> Found:
    """`f` moved to `day`, at the same clock time."""
    start = datetime.combine(day, f.start.timetz())
    return replace(f, start=start, end=f.end and start + (f.end - f.start), explicit_date=True)


def _merge_conversions(text: str, moments: list[tuple[Found, int, int, re.Match[str] | None]],
                       user_tz: tzinfo) -> list[Found]:
    """`moments` (with where each one's clock time is and the date it took), in order, with
    each time that restates the one before it in another zone folded into it.

    A weekday joined to the time before it names a day beside that time's ("Thursday, January
    14, 5:00 PM PT (Friday 10:00 AM in Tokyo)", "January 14 at 2 PM ET (or Friday at 10 AM)":
    January 15, not the Friday after the mail). The second time is a restatement when it is
    joined by a bracket, a slash, "which is", "that's" (never "or"), and is the same instant,
    or is said in another zone ("JST", "in Tokyo", "your time": `user_tz`) a bracket or "that's"
    away, within a day. Where the two disagree the first with a stated zone gives the moment;
    its length is the first's, else the second's. Two times offered as choices ("2 PM ET or
    Friday at 10 AM ET", "2 PM ET / 4 PM ET", "(Friday 10 AM PT also works)") stay two."""
    out = [moments[0][0]]
    a_dm = moments[0][3]
    for b, b_clock, b_clock_end, b_dm in moments[1:]:
        a = out[-1]
        own_day = b_dm is not None and b_dm.start() >= a.end_pos  # not the first's, taken again
        b_at = min(b_clock, b_dm.start()) if b_dm is not None and own_day else b_clock
        link = _CONVERSION_LINK.fullmatch(text, a.end_pos, b_at) if b_at >= a.end_pos else None
        if link is not None and not ((link.group("says") or link.group("yours")) if link.group("stop")
                                     else (link.group("open") or link.group("mark") or link.group("says"))):
            link = None
        if link is None:
            if b_at >= a.end_pos and own_day and _CHOICE_LINK.fullmatch(text, a.end_pos, b_at) \
                    and (day := _weekday_beside(b_dm, a.start.date())) is not None:
                b = _on_day(b, day)  # "(or Friday at 10:00 AM ET)": the day after the first's
            out.append(b)
            a_dm = b_dm
            continue
        after = _YOURS_AFTER.match(text, b_clock_end) or (
            _YOURS_AFTER.match(text, b.end_pos) if b.end_pos > b_clock_end else None)
        cue = link if link.group("yours") else after  # "your time", "in Tokyo": the second's zone
        b_zone = b.start.tzinfo or user_tz
        if not b.explicit_zone and cue:
            city = cue.group("city")
            b_zone = (zone(city) or user_tz) if city else user_tz
        if own_day and b.explicit_date and not (b_dm and b_dm.group("wd4")) and a_dm is not None \
                and a_dm.start() < a.end_pos and (a_day := _weekday_beside(
                    a_dm, datetime.combine(b.start.date(), b.start.time(), b_zone).astimezone(a.start.tzinfo).date())):
            a = out[-1] = _on_day(a, a_day)  # "Friday 10:00 AM JST (Thursday, January 14, ...)"
        there = a.start.astimezone(b_zone).date()  # the first's day in the second's zone
        day = there
        if b_dm is None and ISO_DT_RE.match(b.text):
            day = b.start.date()  # "2027-01-15 10:00 JST"
        elif b_dm is not None and own_day:
            day = _weekday_beside(b_dm, there) or b.start.date()  # "(Friday 10:00 AM JST)"
            if day != b.start.date():
                b = _on_day(b, day)
        b_start = datetime.combine(day, b.start.time(), tzinfo=b_zone)
        same = b_start == a.start
        differs = bool(cue) or (b.explicit_zone and (not a.explicit_zone or a.start.utcoffset()
                                                      != a.start.astimezone(b_zone).utcoffset()))
        if not same and not (differs and abs((day - there).days) <= 1
                             and (link.group("open") or link.group("says") or cue)
                             and not _ANOTHER_SLOT_AFTER.match(text, b.end_pos)):
            out.append(b)
            a_dm = b_dm
            continue
        b_len = b.end - b.start if b.end is not None else None
        a_len = a.end - a.start if a.end is not None else None
        if same or a.explicit_zone:
            start, length = a.start, a_len or b_len
        else:
            start, length = b_start, b_len or a_len  # "5:00 PM (10:00 AM JST)": the zone stated
        end_pos = max(a.end_pos, b.end_pos)
        out[-1] = Found(start, start + length if length else None, a.pos, end_pos, text[a.pos:end_pos],
                        a.explicit_zone or b.explicit_zone or bool(cue), a.explicit_date or b.explicit_date)
    return out


# What a length near it is not the interview's: "check in 15 minutes early", "the
# questionnaire takes about 15 minutes", "arrive 10 minutes before"
_NOT_ITS_LENGTH = re.compile(
    r"\b(?:early|before(?:hand)?|prior|ahead|in\s+advance|questionnaire|survey|form|assessment|test"
    r"|quiz|drive|commute|buffer|break)\b", re.IGNORECASE)


# A length said of the whole sitting: "Please plan for 75 minutes in total" after "a
# 15-minute demonstration lesson" (a part of it)
_WHOLE_LENGTH = re.compile(r"\b(?:in\s+total|total|altogether|all\s+told|overall|in\s+all|plan\s+(?:for|on)"
                           r"|(?:set|block)\s+aside|allow\s+(?:for\s+)?(?:about\s+|approximately\s+|roughly\s+)?"
                           r"(?=\d|an?\b|one\b|two\b|half\b)|entire|whole)\b", re.IGNORECASE)
# ... unless the sentence is about another occasion or a margin: "If that goes well, the onsite
# is the following week; plan for 4 hours in total for that day", "set aside 3 hours for it over
# the weekend", "plan for 30 minutes extra" (review 22e: each beat the sitting's own length)
_NOT_WHOLE = re.compile(
    r"\b(?:extra|additional|spare|exercise|assignment|take[\s-]home|homework|travel|parking|weekend|afterwards?"
    r"|later|(?:the\s+)?(?:following|next)\s+(?:week|day|month|round|stage|step)|for\s+(?:it|that|those|them)"
    r"|if\s+(?:that|this|it|all|things|everything)\s+goes?\s+well|if\s+you\s+(?:pass|progress|advance|move))\b",
    re.IGNORECASE)


def find_duration(text: str) -> timedelta | None:
    """A stated length ("45-minute", "for 30 minutes", "1 hour"), or None. Not one the same
    sentence gives to something else ("arrive 15 minutes early", "the form takes 15 minutes");
    one said of the whole ("plan for 75 minutes in total") before one of a part of it."""
    first: timedelta | None = None
    for m in DURATION_RE.finditer(text):
        start = max(text.rfind(". ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        if re.match(r"\s*(?:it|this|that)\b", text[start:], re.IGNORECASE):
            # "... the questionnaire (link below). It takes about 15 minutes.": what "it" is
            start = max(text.rfind(". ", 0, max(start - 2, 0)), text.rfind("\n\n", 0, max(start - 2, 0))) + 1
        end = _SENTENCE_STOP.search(text, m.end())
        if _NOT_ITS_LENGTH.search(text, start, end.start() if end else len(text)):
            continue
        n_word = m.group("n").lower()
        hours = m.group("unit").lower().startswith("h")
        if n_word.startswith("half"):
            minutes = 30.0 if hours else 0.0
        else:
            n = float(_WORD_NUM.get(n_word, 0) or n_word) if not n_word.isdigit() else float(n_word)
            minutes = n * 60 if hours else n
        if hours and m.group("more"):
            minutes += int(m.group("more"))
        elif hours and m.group("half"):
            minutes += 30
        if 10 <= minutes <= 8 * 60:
            stop = end.start() if end else len(text)
            if _WHOLE_LENGTH.search(text, start, stop) and not _NOT_WHOLE.search(text, start, stop):
                return timedelta(minutes=minutes)
            first = first or timedelta(minutes=minutes)
    return first


# --- stated timelines ---------------------------------------------------------------------

_SENTENCE_STOP = re.compile(r"\.(?:\s|$)|\n")
_NUM = r"(?P<n>\d{1,2}|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"
TIMELINE_WHEN_RE = re.compile(
    # (every alternative starts a word: the \b spares re trying each one at every position)
    r"\b(?:"
    # "before Christmas", "by the end of the year", "after the holidays", "in the new year",
    # "the first week of January": dates people give in December
    r"(?P<xmas>(?:before|by|ahead\s+of)\s+(?:christmas|xmas|the\s+(?:christmas\s+|holiday\s+|winter\s+)?(?:holidays|break)))"
    r"|(?P<eoy>(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:calendar\s+)?year|year[\s-]end)"
    r"|(?P<newyear>(?:after|following)\s+(?:the\s+)?(?:christmas\s+|winter\s+|holiday\s+)?(?:holidays|break|new\s+year(?:'s)?)"
    r"|after\s+christmas|in\s+the\s+new\s+year|(?:early|(?:the\s+)?(?:beginning|start)\s+of)\s+(?:the\s+)?(?:next|new)\s+year)"
    rf"|(?P<nthweek>(?:the\s+)?(?P<nth>first|1st|second|2nd|third|3rd|last)\s+week\s+of\s+(?P<wmon>{_MONTH_ALT}))\b"
    r"|(?P<later>later\s+this\s+week)"
    r"|(?P<latermon>later\s+(?:this|in\s+the)\s+month)"
    r"|(?P<midthis>(?:the\s+)?mid(?:dle\s+of)?[\s-]+(?:the\s+|this\s+)?month)"
    r"|(?P<thanks>(?:after|following)\s+(?:the\s+)?thanksgiving(?:\s+(?:holiday|break|weekend))?)"
    # "by Thanksgiving" (that Thursday), "before Thanksgiving" (the Wednesday)
    r"|(?P<bythx>(?:by|before|ahead\s+of)\s+thanksgiving)"
    # "the week after Thanksgiving": that week's Friday (its Monday came before it was up)
    r"|(?P<wkthx>(?:the\s+)?week\s+(?:after|following)\s+thanksgiving)"
    # "next week or the week after", "the week after next": the Friday of the week after next
    r"|(?P<wan>next\s+week\s+or\s+(?:the\s+)?(?:week\s+after|following\s+(?:week|one))"
    r"|(?:the\s+)?week\s+after\s+next)"
    # "(she is away until 12/7, so expect an update) the week after": find_timeline counts it
    # from the date said with it
    r"|(?P<weekafter>(?:the\s+)?week\s+after)\b"
    # "by the end of the quarter", "end of Q4", "in Q1": that quarter's last day
    r"|(?P<quarter>(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:quarter|q(?P<qn>[1-4]))|(?:in|during)\s+q(?P<qn2>[1-4]))\b"
    # "by the first of December"
    r"|(?P<ordday>(?:the\s+)?(?P<ordw>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|fifteenth"
    rf"|twentieth|thirtieth)\s+of\s+(?P<ordmon>{_MONTH_ALT}))\b"
    # "the week of December 14": that week's Friday
    rf"|(?P<weekof>(?:the\s+)?week\s+of\s+(?:the\s+)?(?:(?P<womon>{_MONTH_ALT})\.?\s+(?P<woday>\d{{1,2}})"
    rf"|(?P<woday2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<womon2>{_MONTH_ALT}))?)(?:st|nd|rd|th)?)\b"
    # "in January", "sometime in January": by the end of that month
    rf"|(?P<inmon>(?:sometime\s+|some\s+point\s+)?(?:in|during)\s+(?P<imon>{_MONTH_ALT}))\b(?!\.?\s*\d)"
    # "by Thursday next week", "on Tuesday of next week": that day of next week
    r"|(?P<wdnw>(?:(?:by|on|until|before)\s+)?(?P<wd3>(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+(?:of\s+)?next\s+week)"
    r"|(?P<eonw>(?:the\s+)?end\s+of\s+(?:the\s+)?(?:next|following)\s+week)"
    r"|(?P<eotw>(?:the\s+)?end\s+of\s+(?:this|the)\s+week|\beow\b|end\s+of\s+week)"
    r"|(?P<eonm>(?:the\s+)?end\s+of\s+(?:the\s+)?next\s+month)"
    r"|(?P<eotm>(?:the\s+)?end\s+of\s+(?:(?:this|the)\s+)?month)"  # ("by end of month")
    r"|(?P<earlynm>(?:early|(?:the\s+)?beginning\s+of|(?:the\s+)?start\s+of)\s+next\s+month)"
    r"|(?P<midnm>mid(?:dle\s+of)?[\s-]+next\s+month)"
    r"|(?P<early>(?:early|beginning\s+of|start\s+of)\s+next\s+week)"
    r"|(?P<mid>mid(?:dle\s+of)?[\s-]+next\s+week)"
    r"|(?P<nextweek>(?:sometime\s+|some\s+point\s+)?next\s+week)"
    # "this week" (its Friday; find_timeline wants it after the cue: "thanks for coming in
    # this week" is no date), "this week or next" (next week's)
    r"|(?P<thisweek>(?:sometime\s+)?this\s+week(?P<orNext>\s+or\s+(?:early\s+)?next(?:\s+week)?)?)\b"
    # "next month": its last day, as "in January" and "next week" are the end of theirs; "by
    # next month", before it starts
    r"|(?P<nextmonth>(?P<bynm>by\s+)?next\s+month)\b"
    # "in a week or two", "within a day or two": the upper bound
    r"|(?:within|in|over)\s+(?:the\s+)?(?:next\s+)?(?:about\s+|approximately\s+|roughly\s+|around\s+)?(?:(?:a|an|one)\s+)?(?P<biz2>business\s+|working\s+)?(?P<unit2>day|week|month)\s+or\s+(?P<n2>two|three|2|3)\b"
    # "within the next month": a month on
    r"|(?P<nextmon1>(?:within|in|over)\s+the\s+(?:next|coming)\s+month)\b"
    # "in two to three weeks", "within 7-10 business days": the upper bound too; "please allow
    # 2-3 weeks", "the process takes about three weeks", "in a week and a half", "within 48 hours"
    r"|(?P<prep>within|in|over|allow|takes?)\s+(?:us\s+)?(?:up\s+to\s+)?(?:the\s+)?(?:next\s+)?(?:about\s+|approximately\s+|roughly\s+|around\s+)?"
    rf"(?:(?:\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine)\s*(?:-|–|to|or)\s*)?{_NUM}(?P<half1>\s+and\s+a\s+half)?\s+"
    r"(?P<biz>business\s+|working\s+)?(?P<unit>days?|weeks?|fortnights?|months?|hours?|hrs?)\b(?P<half2>\s+and\s+a\s+half)?"
    # "by the 15th", "on the 3rd": the next such day of the month
    r"|(?P<thedom>(?:by|on|before|around|until|till|after)\s+the\s+(?P<dom2>\d{1,2})(?:st|nd|rd|th)\b)"
    r"(?!\s+(?:(?:of\s+)?(?:" + _MONTH_ALT + r")|" + _ORDINAL_NOUN + r"))"
    # "mid-December", "early January", "the end of December": part of a named month
    rf"|(?P<part>early|mid|middle\s+of|late|(?:the\s+)?end\s+of|(?:the\s+)?beginning\s+of"
    rf"|(?:the\s+)?(?:first|1st|second|2nd|latter)\s+half\s+of)[\s-]+(?P<pmon>{_MONTH_ALT})\b"
    r"|(?P<eod>end\s+of\s+(?:the\s+)?(?:business\s+)?day|eod|cob|close\s+of\s+business)"
    r"|(?P<absdate>(?:(?:" + _WD_ALT + r")\.?,?\s+)?(?:" + _MONTH_ALT + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?"
    r"|(?:(?:" + _WD_ALT + r")\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + _MONTH_ALT + r")\b(?:,?\s+\d{4})?"
    r"|\d{4}-\d{2}-\d{2}|(?:(?:" + _WD_ALT + r")\.?,?\s+)?(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])"
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}"  # "by 23.12.2026"
    # "by 15-12-2026": DATE_RE reads it (its year makes it no range)
    r"|(?<![\d/-])\d{1,2}-\d{1,2}-\d{4}(?![\d-]))"
    r"|(?P<tomorrow>tomorrow)"
    # "Monday the 14th": a weekday with a day of the month and no month
    r"|(?P<wdday>(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+the\s+(?P<dom>\d{1,2})(?:st|nd|rd|th)\b"
    # ("by Tues", "on Thu": a short weekday only after by/on)
    r"|\b(?:(?P<which>next|this|coming|on|by)\s+)?(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|(?<=\bby\s)(?:mon|tues?|weds?|thurs?|thu|fri|sat|sun)\b\.?|(?<=\bon\s)(?:mon|tues?|weds?|thurs?|thu|fri)\b\.?)"
    r"(?:\s+or\s+(?P<wdor>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b)?"  # "by Monday or Tuesday": the later
    rf"(?!\.?,?\s+(?:the\s+)?(?:{_MONTH_ALT}|\d))"  # "by Monday, December 14": the date, read above
    r")",
    re.IGNORECASE,
)

# Someone on the employer's side saying when they will be in touch or decide.
TIMELINE_CUE_RE = re.compile(
    # (to the user, or to every candidate: "we're aiming to get back to all candidates by December 4th")
    r"\b(?:be\s+in\s+touch|get\s+back\s+to\s+(?:you|everyone|everybody|all\s+(?:of\s+you|(?:the\s+)?candidates)|(?:each|every)\s+candidate)"
    r"|hear\s+(?:back\s+)?(?:from\s+(?:us|me)|something)"
    r"|let\s+(?:you|everyone|everybody|all\s+(?:the\s+)?candidates|(?:each|every)\s+candidate)\s+know|update\s+you|follow\s+up\b|(?:an?\s+|the\s+|final\s+|our\s+)?decisions?\b|decide\b|follow\s+up\s+with\s+you"
    r"|reach\s+(?:back\s+)?out(?:\s+to\s+you)?|circle\s+back|contact\s+you|respond\s+to\s+you|feedback\s+to\s+you"
    r"|share\s+(?:our\s+)?feedback|next\s+steps?|an?\s+update|more\s+information|finaliz\w+|wrap(?:ping)?\s+(?:things\s+|it\s+|everything\s+)?up"
    r"|expect\s+to\s+hear|timeline|notify\s+(?:you|all|every|each|(?:the\s+)?candidates)|send\s+you"
    # "Selections are expected to be made by January 15", "should know more by Tues"
    r"|selections?\s+(?:are|is|will|should|to\s+be)\b|know\s+more\b"
    r"|feedback|(?:an?\s+|our\s+|the\s+)answer|(?:a\s+|our\s+|any\s+)?news\b|(?:a\s+|our\s+)?response|word\s+(?:back|from)|hear\s+back)",
    re.IGNORECASE,
)


def _word_num(word: str) -> int:
    w = re.sub(r"^a\s+", "", re.sub(r"\s+", " ", word.lower()))
    if w.isdigit():
        return int(w)
    return _WORD_NUM.get(w, _WORD_NUM.get(w.replace(" of", ""), 0))


def _add_business_days(d: date, n: int, holiday: Callable[[date], bool] | None = None) -> date:
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5 and not (holiday and holiday(d)):
            n -= 1
    return d


def _year_of(ref: date, month: int, day: int) -> date:
    """That day in `ref`'s year, or the next year's when it is already past."""
    d = date(ref.year, month, day)
    return d if d >= ref else date(ref.year + 1, month, day)


def _friday_of_week(d: date, weeks_ahead: int) -> date:
    return d - timedelta(days=d.weekday()) + timedelta(days=7 * weeks_ahead + 4)


def _add_months(d: date, n: int) -> date:
    """The same day `n` months on (the month's last day when it has no such day)."""
    y, mo = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, mo + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _thanksgiving(year: int) -> date:
    """US Thanksgiving: the fourth Thursday of November."""
    nov1 = date(year, 11, 1)
    return nov1 + timedelta(days=(3 - nov1.weekday()) % 7 + 21)


_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20, "thirtieth": 30}


def resolve_when(m: re.Match[str], ref: date, *, day_first: bool = False,
                 holiday: Callable[[date], bool] | None = None) -> date | None:
    """The date a TIMELINE_WHEN_RE match stands for, counted from `ref`; `holiday` tells the
    days that are no business days besides weekends."""
    g = m.group
    # "the holidays", "the break" are the year-end ones only when said near them (in July,
    # "before the break" is the summer's)
    winter = ref.month in (11, 12, 1)
    if g("xmas"):
        named = re.search(r"christmas|xmas", g("xmas"), re.IGNORECASE)
        return _year_of(ref, 12, 24) if named or winter else None
    if g("eoy"):
        return date(ref.year, 12, 31)
    if g("newyear"):
        said = g("newyear").lower()
        if not (winter or "year" in said):
            return None
        # the first full week back: the 10th, as "early January"; "next year" is always the
        # next one, "the new year" the coming one (this one's in January)
        ahead = "next year" in said or ref.month >= 10
        return date(ref.year + 1 if ahead else ref.year, 1, 10)
    if g("nthweek"):
        mon = MONTHS[g("wmon").lower()]
        year = ref.year if mon >= ref.month else ref.year + 1
        nth = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}.get(g("nth").lower())
        if nth is None:
            return date(year, mon, calendar.monthrange(year, mon)[1])  # "the last week of"
        # the Friday of the month's nth week, counted from the first with most of its working
        # days in the month ("the first week of January" 2027 is January 4-8, not Friday the 1st)
        day1 = date(year, mon, 1)
        monday = day1 - timedelta(days=day1.weekday()) if day1.weekday() <= 2 \
            else day1 + timedelta(days=7 - day1.weekday())
        return monday + timedelta(days=7 * nth + 4)
    if g("later"):
        fri = _friday_of_week(ref, 0)
        return fri if fri >= ref else _friday_of_week(ref, 1)
    if g("wdnw"):
        return weekday_in_next_week(ref, WEEKDAYS[g("wd3").lower()])
    if g("latermon"):
        return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1])
    if g("midthis"):
        return date(ref.year, ref.month, 15) if ref.day <= 15 else None
    if g("thanks") or g("bythx") or g("wkthx"):
        # US Thanksgiving: "after" it is the Monday after its weekend, "the week after" that
        # week's Friday; "by" it the Thursday itself, "before" it the Wednesday
        thursday = _thanksgiving(ref.year)
        said = thursday + timedelta(days=4 if g("thanks") else 8 if g("wkthx") else 0)
        if g("bythx") and not g("bythx").lower().startswith("by"):
            said -= timedelta(days=1)
        return said if ref <= said else None
    if g("weekafter"):
        return None  # counted from another date (find_timeline)
    if g("quarter"):
        qn = g("qn") or g("qn2")
        q = int(qn) if qn else (ref.month - 1) // 3 + 1
        end = date(ref.year, 3 * q, calendar.monthrange(ref.year, 3 * q)[1])
        return end if end >= ref else date(ref.year + 1, 3 * q, end.day)
    if g("ordday"):
        try:
            return _year_of(ref, MONTHS[g("ordmon").lower()], _ORDINAL_WORDS[g("ordw").lower()])
        except ValueError:
            return None  # "the thirtieth of February"
    if g("thisweek"):
        return _friday_of_week(ref, 1 if g("orNext") else 0)
    if g("nextmonth"):
        y, mo = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
        return date(y, mo, 1 if g("bynm") else calendar.monthrange(y, mo)[1])
    if g("nextmon1"):
        return _add_months(ref, 1)
    if g("wan"):
        return _friday_of_week(ref, 2)
    if g("weekof"):
        name = g("womon") or g("womon2")
        try:
            said = (date(ref.year, MONTHS[name.lower()], int(g("woday") or g("woday2"))) if name
                    else _day_of_month(int(g("woday2")), None, ref))
        except ValueError:
            return None
        if said < ref - timedelta(days=7):
            said = date(said.year + 1, said.month, said.day)
        return said - timedelta(days=said.weekday()) + timedelta(days=4)
    if g("inmon"):
        mon = MONTHS[g("imon").lower()]
        year = ref.year if mon >= ref.month else ref.year + 1
        return date(year, mon, calendar.monthrange(year, mon)[1])
    if g("wdday"):
        # the next date with that day of the month, preferring one that falls on that weekday
        wd = WEEKDAYS[g("wdday").lower()]
        dom = int(g("dom"))
        first: date | None = None
        y, mo = ref.year, ref.month
        for _ in range(12):
            if dom <= calendar.monthrange(y, mo)[1] and date(y, mo, dom) >= ref:
                d = date(y, mo, dom)
                first = first or d
                if d.weekday() == wd:
                    return d
            y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
        return first
    if g("eonw") or g("nextweek"):
        return _friday_of_week(ref, 1)
    if g("eotw"):
        fri = _friday_of_week(ref, 0)
        return fri if fri >= ref else _friday_of_week(ref, 1)
    if g("part"):
        # early = the 10th, mid = the 15th, late/end = the last day of the month named (next one ahead)
        mon = MONTHS[g("pmon").lower()]
        year = ref.year if mon >= ref.month else ref.year + 1
        part = g("part").lower()
        last = calendar.monthrange(year, mon)[1]
        day = 10 if part.startswith(("early", "beginning", "the beginning")) else 15 if part.startswith("mid") \
            or re.match(r"(?:the\s+)?(?:first|1st)\s", part) else last
        return date(year, mon, day)
    if g("earlynm") or g("midnm"):
        # "early next month" = the 10th, "mid next month" = the 15th, as for a named month
        y, mo = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
        return date(y, mo, 10 if g("earlynm") else 15)
    if g("early"):
        return ref - timedelta(days=ref.weekday()) + timedelta(days=8)  # Tuesday of next week
    if g("mid"):
        return ref - timedelta(days=ref.weekday()) + timedelta(days=9)  # Wednesday
    if g("eotm"):
        return date(ref.year, ref.month, calendar.monthrange(ref.year, ref.month)[1])
    if g("eonm"):
        y, mo = (ref.year + 1, 1) if ref.month == 12 else (ref.year, ref.month + 1)
        return date(y, mo, calendar.monthrange(y, mo)[1])
    if g("unit2"):
        n = _word_num(g("n2"))
        if g("unit2").lower() == "week":
            return ref + timedelta(days=7 * n)
        if g("unit2").lower() == "month":
            return _add_months(ref, n)
        return _add_business_days(ref, n, holiday) if g("biz2") else ref + timedelta(days=n)
    if g("thedom"):
        try:
            return _day_of_month(int(g("dom2")), None, ref)
        except ValueError:
            return None
    if g("unit"):
        n = _word_num(g("n"))
        unit = g("unit").lower()
        half = bool(g("half1") or g("half2"))  # "a week and a half", "two and a half weeks"
        if n <= 0:
            return None
        if unit.startswith("h"):
            # "within 24 hours": the day it runs out; "takes 2 hours" is a length, no date
            return ref + timedelta(days=n // 24) if g("prep").lower() in ("within", "in", "over") else None
        if unit.startswith("week"):
            return ref + timedelta(days=7 * n + (3 if half else 0))
        if unit.startswith("fortnight"):
            return ref + timedelta(days=14 * n + (7 if half else 0))
        if unit.startswith("month"):
            return _add_months(ref, n) + timedelta(days=15 if half else 0)
        return _add_business_days(ref, n, holiday) if g("biz") else ref + timedelta(days=n + (1 if half else 0))
    if g("eod"):
        return ref
    if g("tomorrow"):
        return ref + timedelta(days=1)
    if g("absdate"):
        dm = DATE_RE.search(g("absdate"))
        if dm:
            got = _date_of(dm, ref, day_first=day_first)
            return got[0] if got else None
        return None
    if g("wd"):
        wd = WEEKDAYS[(g("wdor") or g("wd")).lower().rstrip(".")]
        which = (g("which") or "").lower()
        if which == "next":
            return weekday_in_next_week(ref, wd)
        return _next_weekday(ref, wd, strictly_after=True)
    return None


# A clause telling of what was ("It was great to meet you Tuesday", "Tuesday's interview went
# well", "Thanks for coming in Monday"): its bare weekday is the one behind the writer
_PAST_CLAUSE = re.compile(
    r"\b(?:was|were|went|had|did|met|enjoyed|came|spoke|talked|interviewed|visited"
    r"|thanks?\s+(?:you\s+)?for\s+(?:coming|meeting|speaking|talking|joining|visiting|interviewing)"
    r"|(?:great|nice|good|lovely|a\s+pleasure)\s+(?:to\s+)?"
    r"(?:meet|meeting|see|seeing|speak|speaking|talk|talking))\b", re.IGNORECASE)
_CLAUSE_MARK = re.compile(r"[,;:\u2013\u2014]|\s-\s")


def _past_weekday(sentence: str, m: re.Match[str]) -> bool:
    """Whether `m`, a bare weekday (no "next", "this", "on" or "by"), is said in a clause that
    tells of the past: then it is the last such day, not the next."""
    if not m.group("wd") or m.group("which"):
        return False
    start = max((c.end() for c in _CLAUSE_MARK.finditer(sentence, 0, m.start())), default=0)
    after = _CLAUSE_MARK.search(sentence, m.end())
    return _PAST_CLAUSE.search(sentence, start, after.start() if after else len(sentence)) is not None


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\n\s*\n")


_EOD_DAY = re.compile(
    r"\b(?:by\s+)?(?:eod|cob|end\s+of\s+(?:the\s+)?(?:business\s+)?day|close\s+of\s+business)\s+(?:on\s+)?(?=(?:mon|tues|wednes|thurs|fri)day\b|tomorrow\b)",
    re.IGNORECASE,
)


# A length of time counted from the interview, not from the mail: "within two weeks of the
# interview", "a week after your onsite", "5 business days following your final round"
_KINDS = r"(?:(?:final|first|second|third|last|next|onsite|on-site|panel|in-person|video|phone|virtual)\s+)*"
_OF_THE_INTERVIEW = re.compile(
    rf"\s+(?:of|after|following|from)\s+(?:the|your|our|this|each)\s+{_KINDS}(?:interviews?|visit|onsite|on-site"
    r"|round|conversation|meeting|call|chat|loop)\b",
    re.IGNORECASE)


# ... in a mail after it, where "our meeting", "the call" are as often the writer's own ("I'm
# meeting the client on Thursday and will have feedback within a day of our meeting", review
# 22e): an interview, or the user's call or meeting
_OF_YOUR_INTERVIEW = re.compile(
    # ("after the interviews close": everyone's)
    rf"\s+(?:of|after|following|from)\s+(?:(?:the|your|our|this|each)\s+{_KINDS}(?:interview|visit|onsite|on-site"
    rf"|round|loop)|your\s+{_KINDS}(?:conversation|meeting|call|chat))\b",
    re.IGNORECASE)


def counts_from_interview(phrase: str) -> bool:
    """Whether `phrase` (a timeline's sentence, in a mail after the interview) counts its length
    of time from the interview: "We'll decide within two weeks of your interview"."""
    return any(m.group("unit") or m.group("unit2") for m in TIMELINE_WHEN_RE.finditer(phrase)
               if _OF_YOUR_INTERVIEW.match(phrase, m.end()))


# A promise to be in touch further ahead than this is no timeline (as an interview time: see
# classify's _PLAUSIBLE_AHEAD): 'by December 31, 9999' overflowed the check-in's arithmetic
TIMELINE_AHEAD = timedelta(days=730)


def find_timeline(text: str, ref: date, *, day_first: bool = False,
                  holiday: Callable[[date], bool] | None = None,
                  interview: date | None = None) -> tuple[date, str] | None:
    """The first date by which the writer says they will be in touch or decide, with its phrase.

    Only sentences with a cue ("be in touch", "decision", "get back to you") count; a date
    before the reference date, or more than two years after it, is ignored. `day_first`: read 05/03 as the 5th of March (see
    `month_first`). A length of time said of the interview ("within two weeks of the
    interview") counts from `interview`, the interview's day, when it is given (else from
    `ref`: see counts_from_interview).
    """
    for sentence in _SENTENCE_SPLIT.split(text):
        if len(sentence) > 600:
            continue
        said = sentence
        sentence = _EOD_DAY.sub("by ", sentence)  # "by EOD Monday" is Monday, "by end of day tomorrow" tomorrow
        found = list(TIMELINE_CUE_RE.finditer(sentence))
        if not found:
            continue
        cues = [c.start() for c in found]
        cue_ends = {c.end() for c in found}
        best: tuple[int, date] | None = None
        said_before: date | None = None  # the last date the sentence gave so far
        taken = -1  # where the date "the week after" counted from starts (not one of its own)
        named: re.Match[str] | None = None  # the last date named so far, a deadline or not
        for m in (whens := list(TIMELINE_WHEN_RE.finditer(sentence))):
            if not m.group(0).strip() or m.start() == taken:
                continue
            named_before, named = named, m
            # a weekday must come with a preposition or "next/this" to be a deadline
            # (or follow the cue itself: "I'll be in touch Thursday", "get back to you Friday")
            if m.group("wd") and not m.group("which"):
                before = sentence[max(0, m.start() - 12):m.start()].lower()
                if not re.search(r"\b(?:by|on|until|before|than|first\s+thing)\s*$", before) \
                        and len(sentence[:m.start()].rstrip()) not in cue_ends:
                    continue
                # "first thing Monday" is the writer's only after their cue ("I'll update you
                # first thing Monday") or before their "I'll" ("First thing Monday, we'll ...",
                # "The panel meets first thing Tuesday and we'll get back to you right after"):
                # "Please send your references first thing Monday so we can move to next steps"
                # is the user's task (review 22e)
                # ("send your references": a cue only as a whole word)
                if before.rstrip().endswith("thing") and not any(
                        c.start() < m.start() and not sentence[c.end():c.end() + 1].isalpha() for c in found) \
                        and not re.match(r"\s*,?\s*(?:(?:and|then)\s+)?(?:i|we)(?:['’]ll|\s+will|\s+should)\b",
                                         sentence[m.end():], re.IGNORECASE):
                    continue
            # "this week" before the cue is the interview's ("thanks for coming in this week,
            # we'll be in touch"), not a date they gave
            if m.group("thisweek") and m.start() < cues[0] \
                    and not re.search(r"\b(?:by|before|until)\s*$", sentence[max(0, m.start() - 8):m.start()]):
                continue
            if m.group("weekafter"):
                # "the week after December 7", "(away until 12/7, an update) the week after":
                # the Friday of the week after the date named right after it, else before it
                nxt = next((w for w in whens if w.start() > m.start()), None)
                if nxt is not None and nxt.start() - m.end() <= 2:
                    taken = nxt.start()
                    after_this = resolve_when(nxt, ref, day_first=day_first, holiday=holiday)
                    got = _friday_of_week(after_this, 1) if after_this else None
                elif said_before is not None:
                    got = _friday_of_week(said_before, 1)
                else:
                    # "The panel meets Thursday, and we'll get back to you the week after":
                    # the week after that of a day named before, deadline or not (review 22)
                    day = resolve_when(named_before, ref, day_first=day_first,
                                       holiday=holiday) if named_before is not None \
                        and not named_before.group("weekafter") else None
                    if day is not None and named_before is not None and _past_weekday(sentence, named_before):
                        # "It was great to meet you Tuesday; we'll be in touch the week
                        # after": that Tuesday is behind them, not next week's
                        day -= timedelta(days=7)
                    got = _friday_of_week(day, 1) if day else None
            elif interview is not None and (m.group("unit") or m.group("unit2")) \
                    and _OF_THE_INTERVIEW.match(sentence, m.end()):
                got = resolve_when(m, interview, day_first=day_first, holiday=holiday)
            else:
                got = resolve_when(m, ref, day_first=day_first, holiday=holiday)
            if got is None or got < ref or got > ref + TIMELINE_AHEAD:
                continue
            said_before = got
            # the date nearest a cue, preferring one after it ("decision by the end of next week")
            dist = min((m.start() - c) if m.start() >= c else 3 * (c - m.start()) for c in cues)
            if best is None or dist < best[0]:
                best = (dist, got)
        if best is not None:
            return best[1], said.strip()
    return None
