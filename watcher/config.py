"""TOML config file -> frozen, typed `Config`; strict: every problem names file, table and key.

`load_config` depends only on the file (plus the system's zone for the default timezone, and
whether a `templates/` folder sits beside the file), so the daemon can call it again on reload
and keep the old `Config` when it raises.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import logging
import math
import os
import re
import shlex
import ssl
import tomllib
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from watcher.errors import ConfigError
from watcher.models import ClassifierSettings
from watcher.zones import suggest as suggest_zone
from watcher.zones import zone

log = logging.getLogger(__name__)

APP_NAME = "watcher"
CONFIG_FILE_NAME = "config.toml"

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_FULL = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_LABEL = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

BACKENDS = ("gmail", "imap", "maildir")
IMAP_SECURITY = ("ssl", "starttls", "none")
IMAP_AUTH = ("password", "xoauth2", "oauthbearer")  # see watcher.backends.imap.AUTH_MECHANISMS
MAILDIR_LAYOUTS = ("auto", "maildir++", "fs")

DEFAULT_SENIOR_WORDS: tuple[str, ...] = (
    "senior", "sr", "snr", "lead", "principal", "director", "head", "vp", "svp", "evp",
    "vice president", "president", "chief", "cto", "ceo", "cfo", "coo", "cio", "ciso",
    "cpo", "cmo", "distinguished",
)
# Left out on purpose: "staff" (Staff Engineer is senior, Staff Accountant is not) and
# "executive" (Account Executive, Executive Assistant); executives are caught by chief, vp,
# president and director. Users add words in [context] senior_words.
# Suffix patterns matched label by label from the right; "*" stands for one two-letter
# country label ("gov.*" matches "health.gov.au" but not "gov.com").
DEFAULT_GOVERNMENT_DOMAINS: tuple[str, ...] = (
    "gov", "gov.*", "mil", "mil.*", "gob.*", "gouv.*", "govt.*", "go.*", "gv.at",
    "gc.ca", "canada.ca", "europa.eu", "bund.de", "admin.ch", "overheid.nl", "gouv.fr",
    "k12.*.us",  # a US public school district (maplewoodschools.k12.nj.us) is local government
)
DEFAULT_ACADEMIC_DOMAINS: tuple[str, ...] = ("edu", "edu.*", "ac.*", "uni.lu")


# ---------------------------------------------------------------------------------------------
# The typed config
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeConfig:
    """[me]: who the mailbox owner is; the signature of every draft."""

    name: str = ""
    addresses: tuple[str, ...] = ()  # lower-cased
    phone: str = ""
    signature: str = ""  # extra signature lines after name, phone and address


@dataclass(frozen=True, slots=True)
class ScheduleConfig:
    """[schedule]: the user's zone, quiet hours, quiet days and holidays (policy rules 6 and 9)."""

    timezone: str = "UTC"  # IANA name
    quiet_hours: tuple[time, time] | None = (time(21, 0), time(8, 0))  # [start, end); None: off
    quiet_days: frozenset[int] = frozenset({5, 6})  # 0=Mon .. 6=Sun
    holidays_country: str | None = None  # ISO 3166 code understood by the `holidays` package
    holidays_subdiv: str | None = None  # state/province code for that country
    holidays: tuple[date, ...] = ()  # the user's own days off

    @property
    def zone(self) -> ZoneInfo:
        """The user's zone as a ZoneInfo (cached by zoneinfo itself)."""
        return ZoneInfo(self.timezone)


@dataclass(frozen=True, slots=True)
class PolicyConfig:
    """[policy]: every wait of followup-policy.md; day-based waits are whole days."""

    thank_you_delay: timedelta = timedelta(hours=1)
    thank_you_window: timedelta = timedelta(hours=24)
    wait_without_timeline: timedelta = timedelta(days=7)
    second_check_in_after: timedelta = timedelta(days=14)
    final_follow_up_after: timedelta = timedelta(days=30)
    min_spacing: timedelta = timedelta(days=7)
    max_follow_ups: int = 3
    networking_every: timedelta = timedelta(days=75)
    networking_after_rejection: bool = True
    networking_max: int = 2
    catch_up_window: timedelta = timedelta(days=3)


@dataclass(frozen=True, slots=True)
class ContextConfig:
    """[context]: factors that lengthen waits for senior roles, government and academia."""

    senior_factor: float = 2.0
    government_factor: float = 2.0
    academic_factor: float = 2.0
    senior_words: tuple[str, ...] = DEFAULT_SENIOR_WORDS
    government_domains: tuple[str, ...] = DEFAULT_GOVERNMENT_DOMAINS
    academic_domains: tuple[str, ...] = DEFAULT_ACADEMIC_DOMAINS


@dataclass(frozen=True, slots=True)
class FolderOverrides:
    """[accounts.folders]: folder names when SPECIAL-USE / defaults do not find them."""

    inbox: str | None = None
    sent: str | None = None
    drafts: str | None = None
    all: str | None = None


@dataclass(frozen=True, slots=True)
class AccountConfig:
    """One [[accounts]] entry; only the keys of its backend are set, the rest keep defaults."""

    name: str
    backend: str  # "gmail" | "imap" | "maildir"
    # imap
    host: str | None = None
    port: int | None = None  # filled: 993 for ssl, 143 otherwise
    security: str = "ssl"  # "ssl" | "starttls" | "none" (loopback hosts only)
    username: str | None = None
    password_command: str | None = None
    auth: str = "password"  # or "xoauth2" | "oauthbearer": password_command prints a token
    tls_ca_file: Path | None = None  # PEM certificates trusted for this server, beyond the system's
    folders: FolderOverrides = field(default_factory=FolderOverrides)
    idle: bool = True
    # imap and maildir: more folders read as INBOX is (where mail filters file recruiters' mail)
    also_read: tuple[str, ...] = ()
    # every backend: how often `watcher run` syncs this account
    poll_interval: timedelta | None = None  # None: [daemon] poll_interval
    # maildir
    path: Path | None = None
    layout: str = "auto"  # "auto" | "maildir++" | "fs"
    # imap and gmail: the first sync (and a rescan) reads this many days back
    sync_window_days: int = 180
    # gmail
    client_secrets: Path | None = None
    batch_uri: str = "https://www.googleapis.com/batch/gmail/v1"
    api_endpoint: str | None = None  # tests point this at the local Gmail fake
    quota_fraction: float = 0.8
    query: str | None = None  # extra Gmail search terms for the first sync


@dataclass(frozen=True, slots=True)
class NotifyConfig:
    """[notify]: run a command when a draft is created (off by default)."""

    enabled: bool = False
    command: str | None = None


@dataclass(frozen=True, slots=True)
class DaemonConfig:
    """[daemon]: how often `watcher run` polls, beats and watches the config file."""

    poll_interval: timedelta = timedelta(minutes=5)
    heartbeat: timedelta = timedelta(seconds=60)
    watch_config: bool = True


def _default_state_path(config_file: Path | None = None) -> Path:
    """The database in the platform's state folder that belongs to `config_file` alone:
    watcher.db for the default config.toml, `<name>.db` for `<name>.toml` beside it (the
    watcher@NAME instances), and `<name>-<hash of its path>.db` for a config file elsewhere:
    ~/jobs/config.toml must not share (and rewrite) the history of the user's own config."""
    import hashlib

    import platformdirs

    stem = "watcher"
    if config_file is not None and config_file.name != CONFIG_FILE_NAME:
        stem = config_file.stem
    if config_file is not None and config_file.parent != default_config_path().parent:
        digest = hashlib.sha256(str(config_file.absolute()).encode()).hexdigest()[:8]
        stem = f"{config_file.stem}-{digest}"
    return platformdirs.user_state_path(APP_NAME) / f"{stem}.db"


def shared_state_path(config_file: Path) -> Path | None:
    """The default database a config file outside the config folder had before each got its
    own (every `<name>.toml` shared `<name>.db`), when that file exists: a hint for its user."""
    import platformdirs

    if config_file.parent == default_config_path().parent:
        return None
    stem = "watcher" if config_file.name == CONFIG_FILE_NAME else config_file.stem
    old = platformdirs.user_state_path(APP_NAME) / f"{stem}.db"
    return old if old.exists() else None


def default_config_path() -> Path:
    """The platform's user config file (`~/.config/watcher/config.toml` on Linux)."""
    import platformdirs

    return platformdirs.user_config_path(APP_NAME) / CONFIG_FILE_NAME


def system_timezone() -> str:
    """The system's IANA zone name (via tzlocal, which apscheduler needs anyway), else "UTC"."""
    try:
        import tzlocal

        # tzlocal caches the zone for the life of the process: a laptop carried to another
        # zone (the desktop's automatic time zone, `timedatectl set-timezone`) kept the old
        # one in a running daemon, even across a SIGHUP. Read it afresh: a few small files.
        try:
            tzlocal.reload_localzone()
        except Exception:  # it sets the name before it builds the zone: the name may do
            log.debug("reloading the system time zone failed", exc_info=True)
        name = tzlocal.get_localzone_name()
        if name:
            ZoneInfo(name)
            return str(name)
    except Exception as exc:  # tzlocal raises several kinds on odd systems; UTC is safe
        log.debug("system timezone unknown (%s); using UTC", type(exc).__name__)
    return "UTC"


@dataclass(frozen=True, slots=True)
class Config:
    """The whole, validated configuration. Build with `load_config` or `Config.default()`."""

    path: Path | None = None
    me: MeConfig = field(default_factory=MeConfig)
    schedule: ScheduleConfig = field(default_factory=ScheduleConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    context: ContextConfig = field(default_factory=ContextConfig)
    classify: ClassifierSettings = field(default_factory=ClassifierSettings)
    state_path: Path = field(default_factory=_default_state_path)
    templates_dir: Path | None = None
    accounts: tuple[AccountConfig, ...] = ()
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)

    @classmethod
    def default(cls) -> Config:
        """Every default, with the system's zone: what a missing default config file gives."""
        return _build({}, None, [])

    def with_timezone(self, timezone: str) -> Config:
        """The same config read in another zone (`simulate --tz`); ConfigError if unknown."""
        if zone(timezone) is None:
            raise ConfigError(f"unknown IANA time zone {timezone!r}")
        return replace(self, schedule=replace(self.schedule, timezone=timezone),
                       classify=replace(self.classify, default_timezone=timezone))

    def account(self, name: str) -> AccountConfig:
        """The account called `name`; ConfigError when there is none."""
        for acc in self.accounts:
            if acc.name == name:
                return acc
        known = ", ".join(a.name for a in self.accounts) or "none"
        raise ConfigError(f"[[accounts]]: no account named {name!r} (known: {known})",
                          str(self.path) if self.path else None)


def default_config() -> Config:
    """Same as `Config.default()`."""
    return Config.default()


# ---------------------------------------------------------------------------------------------
# Parsing helpers
# ---------------------------------------------------------------------------------------------

_DURATION_UNITS: dict[str, timedelta] = {}
for _names, _delta in (
    (("w", "wk", "wks", "week", "weeks"), timedelta(weeks=1)),
    (("d", "day", "days"), timedelta(days=1)),
    (("h", "hr", "hrs", "hour", "hours"), timedelta(hours=1)),
    (("m", "min", "mins", "minute", "minutes"), timedelta(minutes=1)),
    (("s", "sec", "secs", "second", "seconds"), timedelta(seconds=1)),
):
    for _n in _names:
        _DURATION_UNITS[_n] = _delta

_DURATION_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*,?", re.IGNORECASE)
_QUIET_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


# Upper bounds: nothing the watcher times is longer, and date arithmetic overflows far beyond.
MAX_DURATION = timedelta(days=3650)
MAX_WINDOW_DAYS = 36500
MAX_POLL = timedelta(days=1)  # a mailbox synced less than daily misses replies the policy times
MAX_HEARTBEAT = timedelta(hours=1)  # it bounds how late an edit or a wake from sleep is noticed


def parse_duration(text: str) -> timedelta:
    """'7d', '36h', '90m', '2w', '1h30m', '7 days', '1 hour' -> timedelta; ValueError otherwise."""
    s = text.strip()
    if s.startswith("-"):
        raise ValueError("must not be negative")
    pos, total, parts = 0, timedelta(0), 0
    while pos < len(s):
        m = _DURATION_PART.match(s, pos)
        if not m or m.end() == pos:
            raise ValueError(f"expected a duration such as '7d', '36h', '90m' or '2w', got {text!r}")
        unit = _DURATION_UNITS.get(m.group(2).lower())
        if unit is None:
            raise ValueError(f"unknown unit {m.group(2)!r} in {text!r} (use w, d, h, m or s)")
        try:
            total += unit * float(m.group(1))
        except OverflowError:
            raise ValueError(f"too long: {text!r}") from None
        parts += 1
        pos = m.end()
    if parts == 0:
        raise ValueError(f"expected a duration such as '7d', '36h', '90m' or '2w', got {text!r}")
    return total


def format_duration(delta: timedelta) -> str:
    """The shortest exact spelling in one unit: '7d', '1h', '90m', '45s'."""
    secs = int(delta.total_seconds())
    if secs >= 2 * 86400 and secs % 86400 == 0:  # "24h" reads better than "1d"
        return f"{secs // 86400}d"
    if secs and secs % 3600 == 0:
        return f"{secs // 3600}h"
    if secs and secs % 60 == 0:
        return f"{secs // 60}m"
    return f"{secs}s"


def parse_quiet_hours(text: str) -> tuple[time, time] | None:
    """'21:00-08:00' -> (21:00, 08:00); '' -> None (off); ValueError when malformed."""
    if not text.strip():
        return None
    m = _QUIET_HOURS.match(text)
    if not m:
        raise ValueError(f"expected 'HH:MM-HH:MM' (or \"\" to switch off), got {text!r}")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60):
        raise ValueError(f"expected 'HH:MM-HH:MM' with hours 00-23 and minutes 00-59, got {text!r}")
    start, end = time(h1, m1), time(h2, m2)
    if start == end:
        raise ValueError(f"start and end are equal in {text!r}; use \"\" to switch quiet hours off")
    return start, end


def parse_weekday(text: str) -> int:
    """'Mon'/'monday'/'MON' -> 0 ... 'Sun' -> 6; ValueError otherwise."""
    s = text.strip().lower()
    if s in WEEKDAYS:
        return WEEKDAYS.index(s)
    if s in _WEEKDAY_FULL:
        return _WEEKDAY_FULL.index(s)
    raise ValueError(f"unknown weekday {text!r} (use Mon, Tue, Wed, Thu, Fri, Sat or Sun)")


def is_loopback_host(host: str) -> bool:
    """True for localhost (and localhost.localdomain), *.localhost, 127.0.0.0/8 and ::1: the
    only hosts `security = "none"` and plain-http endpoints may name (the IMAP backend also
    checks where the connection led)."""
    h = host.strip().strip("[]").rstrip(".").lower()
    if h in ("localhost", "localhost.localdomain") or h.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


_CLEAR_TOKEN = ("would send the OAuth access token in clear text; refused for a "
                "non-loopback host (use https://)")


def secure_url(url: str) -> bool:
    """https, or plain http to this machine only (as security = "none" for IMAP): every
    request carries the OAuth access token, a token request the refresh token and the
    client secret."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() == "https":
        return True
    return parts.scheme.lower() == "http" and is_loopback_host(parts.hostname or "")


def _type_name(value: object) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "an array", dict: "a table", date: "a date", time: "a time",
            datetime: "a date and time"}.get(type(value), type(value).__name__)


def _shown(value: object) -> str:
    """A value as the user wrote it in TOML (21:00, not datetime.time(21, 0))."""
    if isinstance(value, date | time):
        return value.isoformat()
    return repr(value)


_MISSING: Any = object()


_SECRET_KEY = re.compile(r"password|secret|token", re.IGNORECASE)


class _Table:
    """Reads one TOML table, remembers the keys it used, and collects problems (never raises)."""

    def __init__(self, label: str, data: Mapping[str, Any], problems: list[str]) -> None:
        self.label = label
        self.data = data
        self.problems = problems
        self.used: set[str] = set()

    def problem(self, key: str | None, message: str) -> None:
        where = f"{self.label} {key}" if key else self.label
        if key and _SECRET_KEY.search(key):
            # a wrongly typed password_command may hold the password itself: never quote it
            value = self.data.get(key, _MISSING)
            if value is not _MISSING and value not in (None, "") and repr(value) in message:
                message = message.replace(repr(value), "(value not shown)")
        self.problems.append(f"{where}: {message}")

    def _get(self, key: str) -> Any:
        self.used.add(key)
        return self.data.get(key, _MISSING)

    def has(self, key: str) -> bool:
        return key in self.data

    def string(self, key: str, default: Any, *, empty_is_none: bool = False,
               system: bool = False) -> Any:
        """`system`: the value goes to the system (a path, a command, a host name), which
        refuses a NUL character in it (ValueError at the first use, not a config error)."""
        v = self._get(key)
        if v is _MISSING:
            return default
        if not isinstance(v, str):
            self.problem(key, f"expected a string, got {_type_name(v)} {_shown(v)}")
            return default
        if system and "\0" in v:
            self.problem(key, "holds a NUL character (\\u0000)")
            return default
        if empty_is_none and not v.strip():
            return None
        return v

    def boolean(self, key: str, default: bool) -> bool:
        v = self._get(key)
        if v is _MISSING:
            return default
        if not isinstance(v, bool):
            self.problem(key, f"expected true or false, got {_type_name(v)} {_shown(v)}")
            return default
        return v

    def integer(self, key: str, default: int, lo: int | None = None, hi: int | None = None) -> int:
        v = self._get(key)
        if v is _MISSING:
            return default
        if isinstance(v, bool) or not isinstance(v, int):
            self.problem(key, f"expected an integer, got {_type_name(v)} {_shown(v)}")
            return default
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            rng = f"between {lo} and {hi}" if lo is not None and hi is not None else (
                f"at least {lo}" if lo is not None else f"at most {hi}")
            self.problem(key, f"must be {rng}, got {v}")
            return default
        return v

    def number(self, key: str, default: float, *, positive: bool = True,
               hi: float | None = None) -> float:
        v = self._get(key)
        if v is _MISSING:
            return default
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.problem(key, f"expected a number, got {_type_name(v)} {_shown(v)}")
            return default
        f = float(v)
        if not math.isfinite(f) or (positive and f <= 0) or (hi is not None and f > hi):
            bound = f"greater than 0 and at most {hi}" if hi is not None else "greater than 0"
            self.problem(key, f"must be a finite number {bound}, got {v}")
            return default
        return f

    def strings(self, key: str, default: tuple[str, ...], *, lower: bool = False) -> tuple[str, ...]:
        v = self._get(key)
        if v is _MISSING:
            return default
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            self.problem(key, f"expected an array of strings, got {v!r}")
            return default
        out = tuple(x.strip().lower() if lower else x.strip() for x in v)
        if any(not x for x in out):
            self.problem(key, "contains an empty string")
            return default
        return out

    def choice(self, key: str, default: str, choices: Iterable[str]) -> str:
        options = tuple(choices)
        v = self.string(key, _MISSING)
        if v is _MISSING:
            return default
        if v.lower() not in options:
            self.problem(key, f"expected one of {', '.join(map(repr, options))}, got {v!r}")
            return default
        return str(v.lower())

    def duration(self, key: str, default: timedelta | None, *, whole_days: bool = False,
                 minimum: timedelta = timedelta(0), optional: bool = False,
                 maximum: timedelta = MAX_DURATION) -> Any:
        v = self._get(key)
        if v is _MISSING:
            return default
        if not isinstance(v, str):
            self.problem(key, f"expected a duration string such as '7d' or '1h', got "
                              f"{_type_name(v)} {_shown(v)}")
            return default
        if optional and not v.strip():
            return None
        try:
            d = parse_duration(v)
        except ValueError as exc:
            self.problem(key, f"{exc}" + (f", got {v!r}" if v.strip().startswith("-") else ""))
            return default
        if whole_days and d % timedelta(days=1):
            self.problem(key, f"must be whole days (such as '7d'), got {v!r}")
            return default
        if d < minimum:
            self.problem(key, f"must be at least {format_duration(minimum)}, got {v!r}")
            return default
        if d > maximum:
            # no wait of the policy is years long; a typo here would overflow date arithmetic
            self.problem(key, f"must be at most {format_duration(maximum)}, got {v!r}")
            return default
        return d

    def path(self, key: str, default: Any, base: Path | None) -> Any:
        v = self.string(key, _MISSING, system=True)
        if v is _MISSING:
            return default
        if not v.strip():
            return None
        expanded = self.expand(key, v)
        try:
            p = _resolve_path(expanded, base)
        except RuntimeError:  # Path.expanduser: "~nosuchuser", or no home at all
            user = expanded[1:].partition("/")[0]
            self.problem(key, f"{v!r}: " + (f"no user {user!r} for its ~" if user
                                            else "no home folder is known for its ~"))
            return default
        # Such a path can never be opened (and Path.is_dir raises on it, ENAMETOOLONG)
        if any(len(os.fsencode(part)) > NAME_MAX for part in p.parts) \
                or len(os.fsencode(p)) >= PATH_MAX:
            self.problem(key, f"a name in the path is longer than a file system allows "
                              f"({NAME_MAX} bytes), or the whole path is (up to {PATH_MAX})")
            return default
        return p

    def expand(self, key: str, v: str) -> str:
        """`v` with its $NAME and ${NAME} read from the environment ($$ is a "$"); an unset
        one is a problem (it made a folder named "$HOME" beside the config)."""
        unset: list[str] = []

        def var(m: re.Match[str]) -> str:
            name = m.group(1) or m.group(2)
            if name is None:
                return "$"  # "$$": a literal dollar sign
            if name not in os.environ:
                unset.append(m.group(0))
                return m.group(0)
            return os.environ[name]

        expanded = _VAR.sub(var, v)
        if unset:
            self.problem(key, f"{v!r}: environment variable {unset[0]} is not set (write $$ for "
                              "a $ in a name)")
        return expanded

    def table(self, key: str) -> Mapping[str, Any]:
        v = self._get(key)
        if v is _MISSING:
            return {}
        if not isinstance(v, dict):
            self.problem(key, f"expected a table, got {_type_name(v)} {_shown(v)}")
            return {}
        return v

    def finish(self, hints: Mapping[str, str] | None = None) -> None:
        """Report every key nobody read, with the nearest known key as a hint."""
        for key in self.data:
            if key in self.used:
                continue
            if hints and key in hints:
                self.problem(key, hints[key])
                continue
            close = difflib.get_close_matches(key, sorted(self.used), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            self.problem(key, f"unknown key{hint}")


# The longest file name and path Linux, macOS and the BSDs take (NAME_MAX, PATH_MAX; macOS's
# PATH_MAX is 1024, where longer paths fail when opened, as elsewhere)
NAME_MAX = 255
PATH_MAX = 4096

# $NAME or ${NAME} in a path, read from the environment as a shell would; $$ is a "$"
_VAR = re.compile(r"\$(?:\{(\w+)\}|([A-Za-z_]\w*)|\$)")


def _check_file_path(t: _Table, key: str, p: Path) -> None:
    """A problem when `p` can never be a file the watcher creates: it is a folder, or a
    folder above it is a file (a missing folder is fine: it is made)."""
    try:
        if p.is_dir():
            t.problem(key, f"{str(p)!r} is a folder: name the database file in it, e.g. "
                           f"'{p.name}/watcher.db'")
            return
        for above in p.parents:
            if above.exists():
                if not above.is_dir():
                    t.problem(key, f"{str(p)!r}: {str(above)!r} is a file, not a folder")
                return
    except OSError:  # a folder we may not look into: opening the file will say what is wrong
        return


def _resolve_path(text: str, base: Path | None) -> Path:
    """`~` expanded ($VARS are, by `_Table.path`); a relative path is read from the config
    file's folder."""
    p = Path(text).expanduser()
    if not p.is_absolute() and base is not None:
        p = base / p
    return p


def tls_context(ca_file: Path | None) -> ssl.SSLContext | None:
    """A verifying TLS context that trusts the PEM certificates in `ca_file` as well as the
    system's (as mbsync's CertificateFile: a server that later moves to a public CA still
    verifies); None without a file (the library's default context). ConfigError when the file
    cannot be read or holds no certificate."""
    if ca_file is None:
        return None
    ctx = ssl.create_default_context()
    try:
        ctx.load_verify_locations(cafile=str(ca_file))
    except ssl.SSLError as exc:
        raise ConfigError(f"{ca_file} holds no PEM certificate that can be read "
                          f"({exc.reason or exc})") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {ca_file}: {exc.strerror or exc}") from None
    return ctx


def _domain_pattern_ok(pattern: str) -> bool:
    return bool(re.fullmatch(r"(\*|[a-z0-9-]+)(\.(\*|[a-z0-9-]+))*", pattern))


# ---------------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------------

_TABLES = ("me", "schedule", "policy", "context", "classify", "state", "templates",
           "accounts", "notify", "daemon")


_ADDRESS = re.compile(r"[^@\s,;<>()\[\]\"]+@[^@\s,;<>()\[\]\"]+")


def is_address(text: str) -> bool:
    """`text` is one bare e-mail address, as [me] addresses takes it (`watcher init` asks with it)."""
    return _ADDRESS.fullmatch(text) is not None


def _read_me(t: _Table) -> MeConfig:
    d = MeConfig()
    addresses = t.strings("addresses", d.addresses, lower=True)
    for a in addresses:
        if not _ADDRESS.fullmatch(a):
            # one address per string: "a@x.com,b@y.com" would match neither, and the user's
            # sent mail would be read as mail received
            t.problem("addresses", f"{a!r} is not an e-mail address (one per string)")
    me = MeConfig(
        name=t.string("name", d.name),
        addresses=addresses,
        phone=t.string("phone", d.phone),
        signature=t.string("signature", d.signature),
    )
    t.finish()
    return me


def _read_schedule(t: _Table) -> ScheduleConfig:
    tz = t.string("timezone", None, empty_is_none=True)
    if tz is None:
        tz = system_timezone()
    else:
        if zone(tz) is None:
            meant = suggest_zone(tz)
            t.problem("timezone", f"unknown IANA time zone {tz!r} "
                      + (f"(did you mean {meant!r}?)" if meant else "(such as 'America/New_York')"))
            tz = "UTC"
    quiet_hours: tuple[time, time] | None = (time(21, 0), time(8, 0))
    qh = t.string("quiet_hours", _MISSING)
    if qh is not _MISSING:
        try:
            quiet_hours = parse_quiet_hours(qh)
        except ValueError as exc:
            t.problem("quiet_hours", str(exc))
    quiet_days = frozenset({5, 6})
    qd = t.strings("quiet_days", _MISSING)
    if qd is not _MISSING:
        days: set[int] = set()
        for name in qd:
            try:
                days.add(parse_weekday(name))
            except ValueError as exc:
                t.problem("quiet_days", str(exc))
        if len(days) == 7:
            t.problem("quiet_days", "every day of the week is quiet: no follow-up could ever be due")
        quiet_days = frozenset(days)
    country = t.string("holidays_country", None, empty_is_none=True)
    subdiv = t.string("holidays_subdiv", None, empty_is_none=True)
    if country is not None:
        country = country.strip().upper()
    if subdiv is not None:
        subdiv = subdiv.strip().upper()
    if subdiv is not None and country is None:
        t.problem("holidays_subdiv", "is set but holidays_country is not")
        subdiv = None
    if country is not None:
        import holidays as holidays_lib

        try:
            holidays_lib.country_holidays(country)
        except NotImplementedError:
            t.problem("holidays_country", f"unknown country code {country!r} for the holidays "
                                          "package (an ISO 3166 code such as 'US' or 'DE')")
            country, subdiv = None, None
        if country is not None and subdiv is not None:
            try:
                holidays_lib.country_holidays(country, subdiv=subdiv)
            except NotImplementedError:
                t.problem("holidays_subdiv", f"{country} has no subdivision {subdiv!r}")
                subdiv = None
    own: list[date] = []
    raw = t._get("holidays")
    if raw is not _MISSING:
        if not isinstance(raw, list):
            t.problem("holidays", f"expected an array of dates (2026-12-24), got {_shown(raw)}")
        else:
            for item in raw:
                day = _as_date(item)
                if day is None:
                    t.problem("holidays", f"expected a date such as 2026-12-24, got {_shown(item)}")
                else:
                    own.append(day)
    sched = ScheduleConfig(
        timezone=tz,
        quiet_hours=quiet_hours,
        quiet_days=quiet_days,
        holidays_country=country,
        holidays_subdiv=subdiv,
        holidays=tuple(sorted(set(own))),
    )
    t.finish()
    return sched


def _as_date(item: object) -> date | None:
    """A TOML local date or a 'YYYY-MM-DD' string; None for anything else (datetimes too)."""
    if isinstance(item, datetime):
        return None
    if isinstance(item, date):
        return item
    if isinstance(item, str):
        try:
            return date.fromisoformat(item.strip())
        except ValueError:
            return None
    return None


_DAY = timedelta(days=1)


def _read_policy(t: _Table) -> PolicyConfig:
    d = PolicyConfig()
    delay = t.duration("thank_you_delay", d.thank_you_delay)
    window = t.duration("thank_you_window", d.thank_you_window, minimum=timedelta(minutes=1))
    if delay >= window:
        t.problem("thank_you_delay", f"must be shorter than thank_you_window "
                                     f"({format_duration(window)}), got {format_duration(delay)}")
    pol = PolicyConfig(
        thank_you_delay=delay,
        thank_you_window=window,
        wait_without_timeline=t.duration("wait_without_timeline", d.wait_without_timeline,
                                         whole_days=True, minimum=_DAY),
        second_check_in_after=t.duration("second_check_in_after", d.second_check_in_after,
                                         whole_days=True, minimum=_DAY),
        final_follow_up_after=t.duration("final_follow_up_after", d.final_follow_up_after,
                                         whole_days=True, minimum=_DAY),
        min_spacing=t.duration("min_spacing", d.min_spacing, whole_days=True),
        max_follow_ups=t.integer("max_follow_ups", d.max_follow_ups, 0, 3),
        networking_every=t.duration("networking_every", d.networking_every, whole_days=True,
                                    minimum=_DAY),
        networking_after_rejection=t.boolean("networking_after_rejection",
                                             d.networking_after_rejection),
        networking_max=t.integer("networking_max", d.networking_max, 0),
        catch_up_window=t.duration("catch_up_window", d.catch_up_window, whole_days=True),
    )
    t.finish()
    return pol


def _read_context(t: _Table) -> ContextConfig:
    d = ContextConfig()
    ctx = ContextConfig(
        senior_factor=t.number("senior_factor", d.senior_factor, hi=100),
        government_factor=t.number("government_factor", d.government_factor, hi=100),
        academic_factor=t.number("academic_factor", d.academic_factor, hi=100),
        senior_words=t.strings("senior_words", d.senior_words, lower=True),
        government_domains=t.strings("government_domains", d.government_domains, lower=True),
        academic_domains=t.strings("academic_domains", d.academic_domains, lower=True),
    )
    for key in ("government_domains", "academic_domains"):
        for pattern in getattr(ctx, key):
            if not _domain_pattern_ok(pattern.lstrip(".")):
                t.problem(key, f"{pattern!r} is not a domain suffix such as 'gov' or 'ac.*'")
    t.finish()
    return ctx


def _read_classify(t: _Table, me: MeConfig, schedule: ScheduleConfig) -> ClassifierSettings:
    cs = ClassifierSettings(
        me=me.addresses,
        ats_domains=t.strings("ats_domains", (), lower=True),
        freemail_domains=t.strings("freemail_domains", (), lower=True),
        interview_phrases=t.strings("interview_phrases", ()),
        ignore_phrases=t.strings("ignore_phrases", ()),
        ignore_senders=_senders(t, "ignore_senders"),
        default_timezone=schedule.timezone,
        holidays=schedule.holidays,
        holidays_country=schedule.holidays_country or None,
        holidays_subdiv=schedule.holidays_subdiv or None,
    )
    t.finish()
    return cs


_ACCOUNT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_DOMAIN = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")


def _senders(t: _Table, key: str) -> tuple[str, ...]:
    """Addresses and "@domain"s, as the classifier matches them: "Maria <maria@x.com>" is
    taken as its address and a bare "x.com" as "@x.com" (both matched nothing, silently);
    anything else is a problem of the key."""
    out: list[str] = []
    for entry in t.strings(key, (), lower=True):
        text = entry.strip()
        bracketed = re.fullmatch(r"[^<>]*<([^<>]+)>", text)
        if bracketed:
            text = bracketed.group(1).strip()
        if _ADDRESS.fullmatch(text):
            out.append(text)
        elif _DOMAIN.fullmatch(text.lstrip("@")):
            out.append("@" + text.lstrip("@"))
        else:
            t.problem(key, f"{entry!r} is neither an e-mail address nor a domain such as "
                           "'@example.com'")
    return tuple(out)


_IMAP_KEYS = ("host", "port", "security", "tls_ca_file", "username", "password_command", "auth",
              "folders", "also_read", "idle", "poll_interval", "sync_window_days")
_MAILDIR_KEYS = ("path", "layout", "folders", "also_read", "poll_interval")
_GMAIL_KEYS = ("client_secrets", "sync_window_days", "batch_uri", "api_endpoint",
               "quota_fraction", "query", "poll_interval")
_BACKEND_KEYS = {"imap": _IMAP_KEYS, "maildir": _MAILDIR_KEYS, "gmail": _GMAIL_KEYS}
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")


def _read_folders(t: _Table, roles: tuple[str, ...], paths: bool = False) -> FolderOverrides:
    """[accounts.folders]: a folder name per role (IMAP: as the server names it; Maildir: as
    the sync tool lays it out under the root, or a path of its own)."""
    ft = _Table(f"{t.label}.folders", t.table("folders"), t.problems)
    names = {role: ft.string(role, None, empty_is_none=True) for role in roles}
    if paths:  # "~/Mail/Sent", "$HOME/Maildir": a folder outside the root
        names = {r: str(Path(ft.expand(r, v)).expanduser()) if v and v.startswith(("~", "$"))
                 else v for r, v in names.items()}
    ft.finish(hints={"all": "only IMAP accounts have an All Mail folder to name"}
              if "all" not in roles else None)
    return FolderOverrides(**names)


def _read_also_read(t: _Table, paths: bool = False) -> tuple[str, ...]:
    """`also_read`: folder names read as INBOX is, named as [accounts.folders] values are.
    INBOX itself and a name given twice are refused: each would be read twice, its mail
    reported under two refs (whether the server has the others is the backend's to say)."""
    names = t.strings("also_read", ())
    if paths:
        names = tuple(str(Path(t.expand("also_read", v)).expanduser())
                      if v.startswith(("~", "$")) else v for v in names)
    seen: set[str] = set()
    for v in names:
        if v.upper() == "INBOX":
            t.problem("also_read", f"{v!r} is INBOX, read anyway: list only other folders")
            return ()
        if v in seen:
            t.problem("also_read", f"{v!r} is listed twice")
            return ()
        seen.add(v)
    return names


def _read_account(t: _Table, base: Path | None) -> AccountConfig | None:
    name = t.string("name", None)
    if name is not None and not name.strip():
        t.problem("name", "must not be empty")
        name = None
    elif name is not None and not _ACCOUNT_NAME.fullmatch(name):
        # it names a keyring entry, a Gmail client file, a log key and `--account NAME`
        t.problem("name", f"{name!r}: use letters, digits, '.', '_' and '-' only (such as 'personal')")
        name = None
    if name is None and not t.has("name"):
        t.problem("name", "required key is missing")
    if name is not None:
        t.label = f"{t.label} ({name!r})"
    backend = t.choice("backend", "", BACKENDS) if t.has("backend") else None
    if backend is None:
        t.problem("backend", f"required key is missing (one of {', '.join(BACKENDS)})")
    elif backend == "":
        backend = None  # choice() already reported the bad value
    # Keys that belong to another backend are errors too: they would silently do nothing.
    if backend is not None:
        for key in t.data:
            owners = [b for b, keys in _BACKEND_KEYS.items() if key in keys]
            if owners and backend not in owners:
                t.used.add(key)
                t.problem(key, f"is a key of the {' and '.join(owners)} backend"
                               f"{'s' if len(owners) > 1 else ''}; this account's backend is "
                               f"{backend!r}")
    else:  # unknown backend: do not also call each of its keys unknown
        t.used.update(k for keys in _BACKEND_KEYS.values() for k in keys)
    d = AccountConfig(name="", backend="")
    acc: AccountConfig | None = None
    poll = t.duration("poll_interval", None, minimum=timedelta(seconds=1), optional=True,
                      maximum=MAX_POLL)
    if backend == "imap":
        host = t.string("host", None, empty_is_none=True, system=True)
        if host is None:
            t.problem("host", "required key is missing for an imap account")
        security = t.choice("security", d.security, IMAP_SECURITY)
        if security == "none" and host is not None and not is_loopback_host(host):
            t.problem("security", f"'none' sends the password in clear text; refused for "
                                  f"non-loopback host {host!r} (use 'ssl' or 'starttls')")
        port = t.integer("port", 993 if security == "ssl" else 143, 1, 65535)
        ca_file = t.path("tls_ca_file", None, base)
        if ca_file is not None:
            if security == "none":
                t.problem("tls_ca_file", "has no use with security = 'none' (no TLS); use 'ssl' or "
                                         "'starttls', or remove it")
            else:
                try:
                    tls_context(ca_file)
                except ConfigError as exc:
                    t.problem("tls_ca_file", str(exc))
        username = t.string("username", None, empty_is_none=True, system=True)
        if username is None:
            t.problem("username", "required key is missing for an imap account")
        folders = _read_folders(t, ("inbox", "sent", "drafts", "all"))
        password_command = t.string("password_command", None, empty_is_none=True, system=True)
        auth = t.choice("auth", d.auth, IMAP_AUTH)
        if auth in ("xoauth2", "oauthbearer") and password_command is None:
            # an access token expires within the hour: only a command can hand out the current one
            t.problem("password_command", f"required when auth = {auth!r}: a command that prints "
                                          "a current OAuth access token (an OAuth helper such as "
                                          "oama, pizauth or mutt_oauth2.py)")
        acc = AccountConfig(
            name=name or "", backend=backend, host=host, port=port, security=security,
            username=username, password_command=password_command, auth=auth,
            tls_ca_file=ca_file, folders=folders, also_read=_read_also_read(t),
            idle=t.boolean("idle", d.idle),
            poll_interval=poll,
            sync_window_days=t.integer("sync_window_days", d.sync_window_days, 1, MAX_WINDOW_DAYS),
        )
    elif backend == "maildir":
        path = t.path("path", None, base)
        if path is None:
            t.problem("path", "required key is missing for a maildir account")
        elif os.path.exists(path) and not os.path.isdir(path):
            # a missing root is left to `doctor` (the sync tool may not have run yet)
            t.problem("path", f"{str(path)!r} is a file, not a folder")
        acc = AccountConfig(name=name or "", backend=backend, path=path,
                            layout=t.choice("layout", d.layout, MAILDIR_LAYOUTS),
                            folders=_read_folders(t, ("inbox", "sent", "drafts"), paths=True),
                            also_read=_read_also_read(t, paths=True), poll_interval=poll)
    elif backend == "gmail":
        batch_uri = t.string("batch_uri", d.batch_uri)
        if not _URL.match(batch_uri):
            t.problem("batch_uri", f"expected an http(s) URL, got {batch_uri!r}")
        elif not secure_url(batch_uri):
            t.problem("batch_uri", f"{batch_uri!r} {_CLEAR_TOKEN}")
        api = t.string("api_endpoint", None, empty_is_none=True)
        if api is not None and not _URL.match(api):
            t.problem("api_endpoint", f"expected an http(s) URL, got {api!r}")
        elif api is not None and not secure_url(api):
            t.problem("api_endpoint", f"{api!r} {_CLEAR_TOKEN}")
        acc = AccountConfig(
            name=name or "", backend=backend,
            client_secrets=t.path("client_secrets", None, base),
            sync_window_days=t.integer("sync_window_days", d.sync_window_days, 1, MAX_WINDOW_DAYS),
            batch_uri=batch_uri, api_endpoint=api,
            quota_fraction=t.number("quota_fraction", d.quota_fraction, hi=1.0),
            query=t.string("query", None, empty_is_none=True),
            poll_interval=poll,
        )
    t.finish(hints={
        "password": "passwords never go in the config file; use password_command or "
                    "`watcher auth` (the OS keyring)",
    })
    return acc if name is not None else None


def _read_accounts(root: _Table, base: Path | None) -> tuple[AccountConfig, ...]:
    raw = root._get("accounts")
    if raw is _MISSING:
        return ()
    if not isinstance(raw, list) or not all(isinstance(x, dict) for x in raw):
        root.problems.append("[[accounts]]: expected an array of tables ([[accounts]] sections)")
        return ()
    accounts: list[AccountConfig] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw, 1):
        t = _Table(f"[[accounts]] #{i}", entry, root.problems)
        acc = _read_account(t, base)
        if acc is None:
            continue
        if acc.name.casefold() in seen:
            # "Local" beside "local": one keyring entry on a case-insensitive keychain
            t.problem("name", f"duplicate account name {acc.name!r}")
            continue
        seen.add(acc.name.casefold())
        accounts.append(acc)
    return tuple(accounts)


def _build(data: Mapping[str, Any], path: Path | None, problems: list[str]) -> Config:
    """Read every table of `data`, appending problems; the result is valid only if none."""
    base = path.parent if path is not None else None
    root = _Table("(top level)", data, problems)

    def sub(name: str) -> _Table:
        return _Table(f"[{name}]", root.table(name), problems)

    me = _read_me(sub("me"))
    schedule = _read_schedule(sub("schedule"))
    policy = _read_policy(sub("policy"))
    context = _read_context(sub("context"))
    classify = _read_classify(sub("classify"), me, schedule)
    st = sub("state")
    state_path = st.path("path", None, base) or _default_state_path(path)
    _check_file_path(st, "path", state_path)
    st.finish()
    tt = sub("templates")
    templates_dir = tt.path("dir", None, base)
    if templates_dir is not None and not templates_dir.is_dir():
        # a typo would leave the bundled templates in use, silently
        tt.problem("dir", f"{str(templates_dir)!r} is not a folder")
        templates_dir = None
    elif templates_dir is None:  # absent or "": a `templates` folder beside the file, if any
        beside = base / "templates" if base is not None else None
        templates_dir = beside if beside is not None and beside.is_dir() else None
    if templates_dir is not None:
        from watcher.compose import template_problems  # compose reads them as a draft would

        for problem in template_problems(templates_dir):
            tt.problem("dir", problem)
    tt.finish()
    accounts = _read_accounts(root, base)
    nt = sub("notify")
    notify = NotifyConfig(enabled=nt.boolean("enabled", False),
                          command=nt.string("command", None, empty_is_none=True,
                                            system=True))
    if notify.command:
        try:
            shlex.split(notify.command)  # as notify.py will run it: words, no shell
        except ValueError as exc:
            nt.problem("command", f"cannot be split into words ({exc}): check its quotes")
    nt.finish()
    dt = sub("daemon")
    dd = DaemonConfig()
    daemon = DaemonConfig(
        poll_interval=dt.duration("poll_interval", dd.poll_interval, minimum=timedelta(seconds=1),
                                  maximum=MAX_POLL),
        heartbeat=dt.duration("heartbeat", dd.heartbeat, minimum=timedelta(seconds=1),
                              maximum=MAX_HEARTBEAT),
        watch_config=dt.boolean("watch_config", dd.watch_config),
    )
    dt.finish()
    # Keys written at the top level by mistake: point at the table they belong in.
    hints: dict[str, str] = {}
    for key, value in data.items():
        if key in _TABLES:
            continue
        if isinstance(value, dict):
            close = difflib.get_close_matches(key, _TABLES, n=1)
            hints[key] = "unknown table" + (f" (did you mean [{close[0]}]?)" if close else
                                            f" (known: {', '.join(_TABLES)})")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            # [[account]]: TOML makes it a list of tables, which read as a top-level key
            close = difflib.get_close_matches(key, _TABLES, n=1)
            hints[key] = ("unknown table" + (f" (did you mean [[{close[0]}]]?)" if close else
                                             f" (known: {', '.join(_TABLES)})"))
        else:
            owner = _table_of_key(key)
            hints[key] = ("unknown key" + (f"; it belongs in [{owner}]" if owner else "")
                          + " (top-level keys are not allowed)")
    for key, message in hints.items():
        problems.append(f"[{key}]: {message}" if isinstance(data[key], dict)
                        else f"[[{key}]]: {message}" if message.startswith("unknown table")
                        else f"(top level) {key}: {message}")
        root.used.add(key)
    root.finish()
    return Config(path=path, me=me, schedule=schedule, policy=policy, context=context,
                  classify=classify, state_path=state_path, templates_dir=templates_dir,
                  accounts=accounts, notify=notify, daemon=daemon)


def _table_of_key(key: str) -> str | None:
    for name, cls in (("me", MeConfig), ("schedule", ScheduleConfig), ("policy", PolicyConfig),
                      ("context", ContextConfig), ("notify", NotifyConfig),
                      ("daemon", DaemonConfig)):
        if key in {f.name for f in fields(cls)}:
            return name
    return None


def parse_config(text: str, path: Path | None = None) -> Config:
    """Validate TOML text; raise one ConfigError listing every problem."""
    label = str(path) if path is not None else "config"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_toml_error(text, exc), label) from None
    problems: list[str] = []
    config = _build(data, path, problems)
    if problems:
        raise ConfigError(problems, label)
    return config


_TOML_KEY = re.compile(r"""\s*((?:[\w-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[\w-]+|"[^"]*"|'[^']*'))*)\s*=""")
_TOML_TABLE = re.compile(r"\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")


def _toml_error(text: str, exc: tomllib.TOMLDecodeError) -> str:
    """The parser's complaint with the table and key of the line it names: "Cannot overwrite
    a value (at line 10, column 28)" becomes "[schedule] quiet_hours is set twice (line 10)"."""
    m = re.search(r"\(at line (\d+), column \d+\)$", str(exc))
    lines = text.splitlines()
    if m is None or not 1 <= int(m.group(1)) <= len(lines):
        return f"not valid TOML: {exc}"
    n = int(m.group(1))
    key = _TOML_KEY.match(lines[n - 1])
    if key is None:
        return f"not valid TOML: {exc}"
    table = next((f"{h.group(1)}{h.group(2)}{']' * len(h.group(1))}" for line in reversed(lines[:n - 1])
                  if (h := _TOML_TABLE.match(line))), "(top level)")
    where = f"{table} {key.group(1)}"
    if str(exc).startswith("Cannot overwrite a value"):
        return f"{where} is set twice (line {n}): keep one"
    return f"not valid TOML: {exc} ({where})"


def no_accounts_error(config: Config) -> ConfigError:
    """What `run`, `scan` and `check-config` refuse a config without accounts with. With no
    config file at all (the platform's default one missing, which loads as the defaults), the
    file is what is missing, not an [[accounts]] table in it."""
    if config.path is None:
        return ConfigError(f"no config file at {default_config_path()}: run `watcher init` "
                           "(or `--config PATH` for one elsewhere)")
    return ConfigError("no [[accounts]] in the config: add one (see `watcher init`)", str(config.path))


def load_config(path: Path | str | None = None) -> Config:
    """Read and validate the config file.

    `None` means the platform's default file; when that does not exist, every default applies.
    An explicitly named file that does not exist is a ConfigError (exit 2).
    """
    explicit = path is not None
    # Absolute: paths in it are read from its folder, and a daemon must not depend on its cwd
    p = Path(path).expanduser().absolute() if path is not None else default_config_path()
    try:
        text = p.read_text(encoding="utf-8-sig")  # a BOM some Windows editors write
    except FileNotFoundError:
        if explicit:
            raise ConfigError("no such file", str(p)) from None
        log.debug("no config file at %s; using defaults", p)
        return Config.default()
    except IsADirectoryError:
        raise ConfigError("is a folder, not a config file", str(p)) from None
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        raise ConfigError(f"line {line} is not UTF-8 text: save the file as UTF-8", str(p)) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", str(p)) from None
    return parse_config(text, p)


# ---------------------------------------------------------------------------------------------
# Rendering the effective config
# ---------------------------------------------------------------------------------------------


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, timedelta):
        return _toml_value(format_duration(value))
    if isinstance(value, Path):
        return _toml_value(str(value).replace("$", "$$"))  # read back as written
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        # JSON string escapes are a subset of TOML basic-string escapes; TOML also forbids a
        # raw DEL, which JSON leaves as is.
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot render {type(value).__name__}")


def _schedule_items(s: ScheduleConfig) -> list[tuple[str, object]]:
    qh = "" if s.quiet_hours is None else (
        f"{s.quiet_hours[0]:%H:%M}-{s.quiet_hours[1]:%H:%M}")
    return [
        ("timezone", s.timezone),
        ("quiet_hours", qh),
        ("quiet_days", [_WEEKDAY_LABEL[d] for d in sorted(s.quiet_days)]),
        ("holidays_country", s.holidays_country or ""),
        ("holidays_subdiv", s.holidays_subdiv or ""),
        ("holidays", list(s.holidays)),
    ]


def _plain_items(obj: object) -> list[tuple[str, object]]:
    assert is_dataclass(obj)
    return [(f.name, getattr(obj, f.name)) for f in fields(obj)]


def _account_items(a: AccountConfig) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = [("name", a.name), ("backend", a.backend)]
    keys = _BACKEND_KEYS.get(a.backend, ())
    for key in keys:
        if key == "folders":
            continue
        value = getattr(a, key)
        if key == "also_read" and a.backend == "maildir":  # "$" written back as folders' are
            value = [v.replace("$", "$$") if v.startswith("$") else v for v in value]
        if value is not None:
            items.append((key, value))
    return items


def render_effective(config: Config) -> str:
    """The effective config as TOML text: every key with its value, defaults filled in."""
    lines = [f"# effective config; file: {config.path if config.path else '(none: defaults)'}"]

    def table(name: str, items: Iterable[tuple[str, object]]) -> None:
        lines.append("")
        lines.append(name)
        for key, value in items:
            lines.append(f"{key} = {_toml_value(value)}")

    me = config.me
    table("[me]", [("name", me.name), ("addresses", list(me.addresses)), ("phone", me.phone),
                   ("signature", me.signature)])
    table("[schedule]", _schedule_items(config.schedule))
    table("[policy]", _plain_items(config.policy))
    table("[context]", _plain_items(config.context))
    cs = config.classify
    table("[classify]", [(k, list(getattr(cs, k))) for k in
                         ("ats_domains", "freemail_domains", "interview_phrases",
                          "ignore_phrases", "ignore_senders")])
    table("[state]", [("path", config.state_path)])
    table("[templates]", [("dir", config.templates_dir or "")])
    n = config.notify
    table("[notify]", [("enabled", n.enabled), ("command", n.command or "")])
    table("[daemon]", _plain_items(config.daemon))
    for acc in config.accounts:
        table("[[accounts]]", _account_items(acc))
        overrides = [(k, v) for k, v in _plain_items(acc.folders) if v is not None]
        if acc.backend == "maildir":  # a name read from "$$..." is written back so
            overrides = [(k, v.replace("$", "$$") if isinstance(v, str) and v.startswith("$")
                          else v) for k, v in overrides]
        if overrides:
            table("[accounts.folders]", overrides)
    return "\n".join(lines) + "\n"


# Used by tests and docs: every documented key per table, in the order of the dataclasses.
def documented_keys() -> dict[str, tuple[str, ...]]:
    """Table -> the keys a config file may set there (accounts: the union over backends)."""
    out: dict[str, tuple[str, ...]] = {
        "me": tuple(f.name for f in fields(MeConfig)),
        "schedule": tuple(f.name for f in fields(ScheduleConfig)),
        "policy": tuple(f.name for f in fields(PolicyConfig)),
        "context": tuple(f.name for f in fields(ContextConfig)),
        "classify": ("ats_domains", "freemail_domains", "interview_phrases", "ignore_phrases",
                     "ignore_senders"),
        "state": ("path",),
        "templates": ("dir",),
        "notify": tuple(f.name for f in fields(NotifyConfig)),
        "daemon": tuple(f.name for f in fields(DaemonConfig)),
        "accounts": tuple(dict.fromkeys(("name", "backend", *_IMAP_KEYS, *_MAILDIR_KEYS, *_GMAIL_KEYS))),
        "accounts.folders": tuple(f.name for f in fields(FolderOverrides)),
    }
    return out

