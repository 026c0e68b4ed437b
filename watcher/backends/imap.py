"""IMAP backend (imapclient): incremental UID/CONDSTORE sync of INBOX, Sent and the folders
of `also_read`, IDLE (INBOX and Sent), drafts.

Folders come from SPECIAL-USE (config overrides win). Headers are fetched first and whole
messages only for candidates; nothing is ever marked \\Seen. Drafts are APPENDed with \\Draft
\\Seen and a marker header, and found again by that header. imapclient errors become
`watcher.errors` ones here. See `ImapBackend` for the cursor format and the round-trip budget.
"""

from __future__ import annotations

import email.utils
import imaplib
import json
import logging
import re
import select
import socket
import ssl
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import imapclient
from imapclient import imap_utf7
from imapclient import imapclient as _imapclient_mod
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError, LoginError

from watcher import __version__
from watcher.backends.base import (
    IGNORE_KEYWORD,
    LOCALIZED_NAMES,
    MARKER_HEADER,
    MAX_MESSAGE_BYTES,
    TRACK_KEYWORD,
    BodiesHook,
    CandidateFilter,
    DraftMark,
    DraftsIncomplete,
    Folder,
    RemoteMessage,
    SizeHook,
    SyncBatch,
    draft_mark,
    header_block,
    markers_listed,
    slim_headers,
    with_marker,
)
from watcher.backends.imapfetch import (
    FetchError,
    FetchRecord,
    FetchRefused,
    collect,
    stream_fetch,
    uid_chunks,
)
from watcher.backends.retry import Backoff, sleep_unless_stopping
from watcher.config import is_loopback_host, tls_context
from watcher.errors import AuthError, ConfigError, TransientError, WatcherError
from watcher.models import Draft
from watcher.secrets import Secret

log = logging.getLogger(__name__)

T = TypeVar("T")

SECURITY = ("ssl", "starttls", "none")
# How to log in: the password with LOGIN (or SASL PLAIN), or an OAuth 2.0 access token that
# `password_command` prints (an OAuth helper's job), by SASL XOAUTH2 (Microsoft 365 and
# Outlook.com, Gmail, Yahoo) or OAUTHBEARER (RFC 7628).
AUTH_MECHANISMS = ("password", "xoauth2", "oauthbearer")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
IDLE_RENEW = 29 * 60.0  # RFC 2177: servers may drop an IDLE after 30 minutes
IDLE_SUSPEND = 30.0  # wall clock ahead of the monotonic one by more: the machine slept
# Time limits of one connection. Until LOGIN (and ENABLE) is answered, every socket operation
# (TCP connect, TLS handshake, greeting, STARTTLS, LOGIN) must finish within CONNECT_TIMEOUT:
# a server that accepts but never greets then costs 15 s per attempt, not READ_TIMEOUT.
# Later commands (a big FETCH on a slow link) get READ_TIMEOUT per socket read.
CONNECT_TIMEOUT = 15.0
READ_TIMEOUT = 60.0
# Reconnect attempts (`connect_backoff`): at most 3, and none started CONNECT_BUDGET seconds
# or more after the first began. A silent server holds a pass at most
# CONNECT_BUDGET + CONNECT_TIMEOUT = 35 s (in practice two attempts: 15 + <=0.5 + 15 s).
CONNECT_ATTEMPTS = 3
CONNECT_BUDGET = 20.0
STALE_AFTER = 120.0  # seconds unused after which the command connection is checked (NOOP)
# An IDLE connection reopened after a loss that is lost again within this many seconds: the
# server (or a middlebox) drops every IDLE; a failure for the caller's backoff, not a change
IDLE_MIN_LIFE = 30.0
HEADER_CHUNK = 2000  # UIDs per FETCH of headers (sent as ranges: a short command line)
BODY_CHUNK = 200  # UIDs per FETCH of whole messages
# Passes in which a message's FETCH may be answered NO before it is skipped for good (a server
# that cannot read it: Gmail's "Some messages could not be FETCHed", Yahoo's "[UNAVAILABLE]")
FETCH_ATTEMPTS = 5
TRACK, IGNORE = TRACK_KEYWORD, IGNORE_KEYWORD
WATCHER_KEYWORDS = (TRACK, IGNORE)

# imaplib refuses a response line over imaplib._MAXLINE (1,000,000 bytes; it reads the module's
# value at each line), and a SEARCH answer is one line: ~125k seven-digit UIDs (a first sync
# of a big folder, the CONDSTORE keyword check after "mark all as read") failed every pass.
# 64 MiB still stops a runaway server; the watcher is the only user of imaplib in its process.
MAX_RESPONSE_LINE = 64 << 20
imaplib._MAXLINE = max(imaplib._MAXLINE, MAX_RESPONSE_LINE)  # type: ignore[attr-defined]

# The folders sync() reads, in this order. With Gmail's \All present, INBOX + Sent still cover
# what the watcher needs (mail to and from the user) without reading every archived message.
SYNC_ROLES: tuple[tuple[str, Folder], ...] = (("inbox", Folder.INBOX), ("sent", Folder.SENT))
# The role (cursor key) of a folder of `also_read`, read as INBOX is: "also:Jobs". A prefix no
# SYNC_ROLES role has, so a folder named "sent" cannot take Sent's cursor entry.
ALSO_PREFIX = "also:"

# Fallback names when the server has no SPECIAL-USE (compared case-insensitively, last level).
_FALLBACK_NAMES = {**LOCALIZED_NAMES, "all": ("all mail",)}
_SPECIAL_USE = {
    "sent": _imapclient_mod.SENT,
    "drafts": _imapclient_mod.DRAFTS,
    "all": _imapclient_mod.ALL,
}
DEFAULT_DRAFTS = "Drafts"  # created when the server has no drafts folder at all


class _IdleRefused(Exception):
    """The server answered IDLE itself with NO or BAD (the connection is fine)."""


class _NoSuchFolder(Exception):
    """APPEND answered [TRYCREATE]: the folder does not exist (nothing was stored)."""


_CHANGE_RESPONSES = {b"EXISTS", b"EXPUNGE", b"FETCH", b"RECENT", b"VANISHED"}
_NET_ERRORS = (IMAPClientAbortError, OSError)
# OpenSSL's verify codes for a certificate whose issuer is not trusted here: self-signed,
# self-signed in the chain, issuer unknown, leaf alone without its chain
_UNKNOWN_ISSUER = frozenset({18, 19, 20, 21})
_NAME_MISMATCH = frozenset({62, 64})  # the host name, or the IP address, is not the certificate's


def _peer_host(client: Any) -> str:
    """The address the connection reached ("127.0.0.1", "::1", "::ffff:127.0.0.1")."""
    try:
        peer = client.socket().getpeername()
    except OSError:
        return "?"
    host = str(peer[0]) if isinstance(peer, tuple) else str(peer)
    mapped = host.lower().removeprefix("::ffff:")  # IPv4 on a dual-stack socket
    return mapped if mapped != host.lower() and "." in mapped else host


@dataclass
class _FolderCursor:
    """What sync() remembers about one folder."""

    name: str
    uidvalidity: int
    last_uid: int  # highest UID reported
    uidnext: int  # UIDNEXT when last selected: unchanged STATUS means nothing new
    highestmodseq: int | None = None  # CONDSTORE only
    tagged: dict[int, list[str]] = field(default_factory=dict)  # uid -> watcher keywords
    failed: dict[int, int] = field(default_factory=dict)  # uid -> passes its FETCH was refused

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "uidvalidity": self.uidvalidity, "last_uid": self.last_uid,
                "uidnext": self.uidnext, "highestmodseq": self.highestmodseq,
                "tagged": {str(u): k for u, k in sorted(self.tagged.items())},
                "failed": {str(u): n for u, n in sorted(self.failed.items())}}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> _FolderCursor:
        hms = d.get("highestmodseq")
        tagged = {int(u): sorted(str(x) for x in k) for u, k in (d.get("tagged") or {}).items()}
        failed = {int(u): int(n) for u, n in (d.get("failed") or {}).items()}
        return cls(str(d["name"]), int(d["uidvalidity"]), int(d["last_uid"]),
                   int(d.get("uidnext", 0)), int(hms) if hms is not None else None, tagged,
                   failed)


@dataclass
class _Fetched:
    uid: int
    headers: bytes
    keywords: frozenset[str]
    thread_id: str | None


@dataclass
class _IdleConn:
    role: str
    client: Any
    started: float  # monotonic time IDLE was (re-)issued
    wall_started: float = 0.0  # and the wall clock's then: the two drift apart over a suspend


@dataclass
class _Counter:
    round_trips: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)  # ref -> why, given up this pass

    def add(self, key: str, n: int = 1) -> None:
        self.extra[key] = self.extra.get(key, 0) + n


def parse_cursor(cursor: str | None) -> dict[str, _FolderCursor]:
    """Role -> folder cursor from the opaque JSON; {} for None. Bad JSON is a full rescan."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
        if data.get("v") != 1:
            raise ValueError("unknown cursor version")
        return {role: _FolderCursor.from_json(d) for role, d in data["folders"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("unreadable IMAP cursor (%s): rescanning", type(exc).__name__)
        return {}


def _dump_cursor(folders: Mapping[str, _FolderCursor]) -> str:
    return json.dumps({"v": 1, "folders": {r: f.to_json() for r, f in folders.items()}},
                      sort_keys=True, separators=(",", ":"))


def _chunks(seq: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _decode(v: bytes | str | int | None) -> str:
    # imapclient's parser gives an atom of digits as int (a Gmail label "2024", a keyword
    # "42") and NIL as None
    return v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v)


def _keywords(flags: Sequence[bytes | str | int]) -> frozenset[str]:
    """IMAP keywords (not system \\flags), as str; the watcher cares about watcher/track, /ignore."""
    return frozenset(_decode(f) for f in flags if not _decode(f).startswith("\\"))


def _watcher_keywords(flags: Sequence[bytes | str | int],
                      labels: Sequence[bytes | str | int | None] | None = None) -> list[str]:
    return sorted(k for k in _keywords(flags) | _label_keywords(labels) if k in WATCHER_KEYWORDS)


def _label_keywords(labels: Sequence[bytes | str | int | None] | None) -> frozenset[str]:
    """Gmail labels (X-GM-LABELS) named watcher/track or watcher/ignore, as those keywords: in
    Gmail's own apps a label is what a user can put on a message, never an IMAP keyword."""
    named = {_decode(v).strip().lower() for v in labels or ()}
    return frozenset(k for k in WATCHER_KEYWORDS if k in named)


def _crlf(raw: bytes) -> bytes:
    """IMAP literals want CRLF line ends; drafts composed in Python may have bare LF."""
    return re.sub(rb"\r?\n", b"\r\n", raw)


def _date_of(raw: bytes) -> datetime | None:
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    m = re.search(r"^Date:[ \t]*(.*)$", head, re.IGNORECASE | re.MULTILINE)
    if not m:
        return None
    try:
        return email.utils.parsedate_to_datetime(m.group(1).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _appenduid(resp: bytes | str) -> tuple[int, int] | None:
    m = re.search(r"\[APPENDUID (\d+) (\d+)\]", _decode(resp))
    return (int(m.group(1)), int(m.group(2))) if m else None


def _fetch(conn: Any, uids: Sequence[int],
           items: list[str]) -> tuple[dict[int, FetchRecord], FetchRefused | None]:
    """The bulk FETCH of a sync: one record per UID asked (`imapfetch.collect`), and the
    server's NO if it answered one. Streamed by `imapfetch` on imapclient's imaplib connection
    (several times faster than imapclient's generic parser); imapclient's own fetch when that
    connection is not reachable (a future imapclient; a NO raises there)."""
    imap = getattr(conn, "_imap", None)
    if imap is not None and hasattr(imap, "send") and hasattr(imap, "readline"):
        return collect(stream_fetch(imap, uids, items), uids)
    records: list[FetchRecord] = []
    for uid, data in conn.fetch(list(uids), items).items():
        key = next((k for k in data if k.startswith(b"BODY[")), None)
        section = data[key] if key is not None else None
        thrid = data.get(b"X-GM-THRID")
        flags = data.get(b"FLAGS")
        labels = data.get(b"X-GM-LABELS")
        records.append(FetchRecord(uid, tuple(_decode(f) for f in flags) if flags is not None else None,
                                   bytes(section) if section is not None else None,
                                   str(thrid) if thrid is not None else None,
                                   tuple(_decode(v) for v in labels) if labels is not None else None,
                                   nil=key is not None and section is None))
    return collect(records, uids)


class ImapBackend:
    """One IMAP account. Implements `watcher.backends.base.Backend`, plus `wait_for_change`.

    Cursor (opaque JSON): `{"v": 1, "folders": {"inbox"|"sent"|"also:<name>": {"name",
    "uidvalidity", "last_uid", "uidnext", "highestmodseq", "tagged": {uid: [keyword]},
    "failed": {uid: passes}}}}`. An idle sync costs one STATUS per folder. The folders of
    `also_read` are read as INBOX is (received mail), at each sync; IDLE watches only INBOX
    and Sent.
    Message refs are `"<folder>/<uidvalidity>/<uid>"`, stable for the life of a UIDVALIDITY;
    draft ids have the same form. Connections are opened lazily, and again on the next call
    after a network failure (bounded backoff, `connect_backoff`). Logging in has a short
    per-operation timeout (`connect_timeout`), later commands a longer one (`timeout`); see
    CONNECT_TIMEOUT for the worst case a silent server costs.
    """

    def __init__(
        self,
        name: str,
        host: str,
        port: int | None = None,
        security: str = "ssl",
        username: str = "",
        password: Secret | Callable[[], Secret] | None = None,
        folders: Mapping[str, str | None] | None = None,
        idle: bool = True,
        timeout: float = READ_TIMEOUT,
        sync_window_days: int | None = None,
        *,
        also_read: Sequence[str] = (),
        auth: str = "password",
        connect_timeout: float = CONNECT_TIMEOUT,
        ssl_context: ssl.SSLContext | None = None,
        ca_file: Path | None = None,
        connect_backoff: Backoff | None = None,
        idle_renew: float = IDLE_RENEW,
        sleep: Callable[[float], None] = sleep_unless_stopping,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        password_command: bool = False,
    ) -> None:
        if security not in SECURITY:
            raise ConfigError(f"account {name}: security = {security!r}: expected one of "
                              + ", ".join(repr(s) for s in SECURITY))
        if security == "none" and not is_loopback_host(host):
            raise ConfigError(f"account {name}: security = \"none\" is refused for {host!r}: "
                              "it would send the password in clear; use \"ssl\" or \"starttls\" "
                              "(\"none\" is allowed only to localhost, 127.0.0.0/8 or ::1)")
        if password is None:
            raise ConfigError(f"account {name}: no password source")
        if auth not in AUTH_MECHANISMS:
            raise ConfigError(f"account {name}: auth = {auth!r}: expected one of "
                              + ", ".join(repr(a) for a in AUTH_MECHANISMS))
        if timeout <= 0 or connect_timeout <= 0:
            raise ConfigError(f"account {name}: timeouts must be positive")
        unknown = set(folders or {}) - {"inbox", "sent", "drafts", "all"}
        if unknown:
            raise ConfigError(f"account {name}: unknown folder roles {sorted(unknown)}")
        self.name = name
        self.host = host
        self.port = port or DEFAULT_PORTS[security]
        self.security = security
        self.username = username
        self.auth = auth
        self._password_source = password
        # where a refused password came from, for what the refusal tells the user to fix
        self.password_command = password_command
        self._password: Secret | None = password if isinstance(password, Secret) else None
        self.folder_overrides = {k: v for k, v in (folders or {}).items() if v}
        self.also_read = tuple(dict.fromkeys(also_read))  # checked against LIST when connecting
        if sync_window_days is not None and sync_window_days < 1:
            raise ConfigError(f"account {name}: sync_window_days must be at least 1")
        self._wall_clock = wall_clock
        self.idle = idle
        self.timeout = timeout  # per socket read once logged in (FETCH, SEARCH, IDLE, ...)
        self.connect_timeout = connect_timeout  # per socket operation until logged in
        self.window_days = sync_window_days  # None: a first sync reads the whole folder
        self._today: Callable[[], date] = date.today
        self.ssl_context = ssl_context
        self.ca_file = ca_file  # read at each connection: a renewed certificate needs no restart
        self.connect_backoff = connect_backoff or Backoff(
            base=0.5, cap=10.0, max_attempts=CONNECT_ATTEMPTS, sleep=sleep,
            budget=CONNECT_BUDGET, clock=clock)
        self.idle_renew = idle_renew
        self._sleep = sleep
        self._clock = clock
        self._conn: Any = None
        self._lock = threading.RLock()  # guards the command connection (not the IDLE ones)
        self._last_used = 0.0
        self._caps: frozenset[bytes] = frozenset()
        self._folders: dict[str, str | None] | None = None
        self._warned_missing: set[str] = set()
        self._also_found: set[str] = set()  # folders of also_read some LIST of ours has shown
        self._drafts_cache: tuple[tuple[object, ...], list[tuple[str, DraftMark]]] | None = None
        self._last_status: dict[str, tuple[tuple[bytes, int], ...]] = {}  # role -> STATUS
        self._idle_conns: dict[str, _IdleConn] = {}
        self._generation = 0  # bumped by close(): tells a waiting thread to stop quietly
        self._idle_reopened: float | None = None  # when IDLE was last reopened after a loss
        self._idle_refused = False  # the server listed IDLE but answered it NO or BAD
        self._whole_bodies = False  # the server answered BAD to a partial FETCH (<0.n>)
        self.last_stats: dict[str, int] = {}

    @classmethod
    def from_config(cls, account: Any, password: Secret | Callable[[], Secret] | None = None,
                    **kwargs: Any) -> ImapBackend:
        """Build from an AccountConfig-like object (name, host, port, security, username,
        password_command, folders, idle, auth); the password comes from `watcher.secrets`."""
        if password is None:
            from watcher.secrets import get_imap_password

            def password() -> Secret:
                return get_imap_password(account.name, getattr(account, "username", ""),
                                         getattr(account, "password_command", None))
        kwargs.setdefault("ca_file", getattr(account, "tls_ca_file", None))
        kwargs.setdefault("password_command", bool(getattr(account, "password_command", None)))
        folders = getattr(account, "folders", None)
        if folders is not None and not isinstance(folders, Mapping):
            folders = {k: getattr(folders, k, None) for k in ("inbox", "sent", "drafts", "all")}
        return cls(account.name, account.host, getattr(account, "port", None),
                   getattr(account, "security", "ssl") or "ssl", getattr(account, "username", ""),
                   password, folders, bool(getattr(account, "idle", True)),
                   sync_window_days=getattr(account, "sync_window_days", None),
                   also_read=tuple(getattr(account, "also_read", ()) or ()),
                   auth=getattr(account, "auth", "password") or "password", **kwargs)

    def __repr__(self) -> str:
        return (f"ImapBackend({self.name!r}, {self.host!r}, {self.port}, {self.security!r}, "
                f"{self.username!r})")

    # -- connections -----------------------------------------------------------------------

    def _secret(self) -> Secret:
        if self._password is None:
            source = self._password_source
            self._password = source if isinstance(source, Secret) else source()
        return self._password

    def _connect_once(self) -> Any:
        """Open, secure and log in one connection; errors translated, nothing retried here.

        Up to and including LOGIN each socket operation gets `connect_timeout` (imapclient's
        `SocketTimeout.connect` covers the TCP connect, the TLS handshake and the greeting;
        the socket is kept at it through STARTTLS and LOGIN); then `timeout` applies."""
        context = self.ssl_context
        if context is None and self.ca_file is not None and self.security != "none":
            try:
                context = tls_context(self.ca_file)
            except ConfigError as exc:  # moved or replaced badly since the config was read
                raise ConfigError(f"account {self.name}: tls_ca_file: {exc}") from None
        try:
            client = imapclient.IMAPClient(
                self.host, self.port, ssl=self.security == "ssl", ssl_context=context,
                timeout=imapclient.SocketTimeout(connect=self.connect_timeout,
                                                 read=self.timeout))
        except ssl.SSLError as exc:
            raise self._tls_refused(exc) from None
        except _NET_ERRORS as exc:
            why = (f"no answer within {self.connect_timeout:g} s"
                   if isinstance(exc, TimeoutError) else f"{type(exc).__name__}: {exc}")
            raise TransientError(f"account {self.name}: cannot connect to {self.host}:"
                                 f"{self.port}: {why}") from exc
        try:
            # IMAPClient set the read timeout; keep the short one until logged in. STARTTLS
            # wraps this socket, and the TLS socket inherits its timeout.
            client.socket().settimeout(self.connect_timeout)
            if self.security == "none":
                # The name was checked (localhost, *.localhost), not where it led: the system
                # resolver may ask DNS for "imap.localhost". No password in clear to another
                # machine, whatever the name resolved to.
                peer = _peer_host(client)
                if not is_loopback_host(peer):
                    raise ConfigError(f"account {self.name}: {self.host} resolved to {peer}, "
                                      "not this machine: security = \"none\" would send the "
                                      "password in clear; use \"ssl\" or \"starttls\"")
            if self.security == "starttls":
                if not client.has_capability("STARTTLS"):
                    raise ConfigError(f"account {self.name}: {self.host} does not offer "
                                      "STARTTLS; use security = \"ssl\"")
                client.starttls(context)
            oauth = self.auth != "password"
            if oauth and not client.has_capability(f"AUTH={self.auth.upper()}"):
                raise ConfigError(f"account {self.name}: {self.host} does not offer "
                                  f"AUTH={self.auth.upper()} (it offers "
                                  f"{_auth_offered(client.capabilities())}); set auth to a "
                                  "mechanism it offers, \"password\" for LOGIN or PLAIN")
            secret = self._secret().reveal()
            offers_oauth = client.has_capability("AUTH=XOAUTH2")  # for a refusal's hint
            if oauth:
                # An access token lives about an hour: the next connection asks the helper again
                self._password = None
            try:
                if self.auth == "xoauth2":
                    client.oauth2_login(self.username, secret)
                elif self.auth == "oauthbearer":
                    client.oauthbearer_login(self.username, secret)
                elif secret.isascii() or not client.has_capability("AUTH=PLAIN"):
                    client.login(self.username, secret)
                else:
                    # LOGIN's quoted strings are ASCII (RFC 3501); SASL PLAIN carries UTF-8
                    client.plain_login(self.username, secret)
            except UnicodeEncodeError:
                # never chain it: its repr would quote the password
                raise AuthError(f"account {self.name}: the password has letters beyond ASCII "
                                "and the server offers no AUTH=PLAIN to send them",
                                self.name) from None
            except LoginError as exc:
                if isinstance(exc.__context__, IMAPClientAbortError):
                    # imapclient makes every error of LOGIN / AUTHENTICATE a LoginError, the
                    # connection closed under it too: that says nothing about the password
                    raise TransientError(f"account {self.name}: the connection to {self.host} "
                                         "was lost while logging in") from None
                busy = _login_busy(str(exc))
                if busy is not None:
                    # Not the password: the server is busy or limits connections. Retried
                    # with the other transient errors, and never held as a refused login.
                    raise TransientError(f"account {self.name}: {self.host} turned the login "
                                         f"away for now ({busy})") from None
                self._password = None  # read it again next time (the user may fix it)
                if oauth:
                    raise AuthError(f"account {self.name}: the server refused the access token "
                                    f"from password_command for {self.username} "
                                    f"({self.auth.upper()}): check that the OAuth helper prints "
                                    "a current token for this address with the IMAP scope "
                                    "(Microsoft: https://outlook.office.com/IMAP.AccessAsUser.All,"
                                    " Gmail: https://mail.google.com/)", self.name,
                                    by_server=True) from exc
                hint = _refusal_hint(self.host, getattr(client, "welcome", b"") or b"", str(exc),
                                     offers_oauth)
                # with password_command set, the keyring is never read: `watcher auth imap`
                # would change nothing (review23b #15)
                fix = ("check what password_command prints (its first line is the password)"
                       if self.password_command else
                       f"run `watcher auth imap --account {self.name}` or set password_command")
                raise AuthError(f"account {self.name}: the server refused the login for "
                                f"{self.username}: {fix}" + (f" ({hint})" if hint else ""),
                                self.name, by_server=True) from exc
            caps = frozenset(c.upper() for c in client.capabilities())
            if b"ID" in caps:
                # RFC 2971. NetEase (163.com, 126.com, yeah.net) refuses SELECT ("Unsafe
                # Login") to a client that has not said who it is; Thunderbird and Apple Mail
                # say it to every server that asks. One round trip per connection.
                try:
                    client.id_({"name": "watcher", "version": __version__})
                except IMAPClientError as exc:
                    log.debug("account %s: ID refused (%s)", self.name, type(exc).__name__)
            if b"CONDSTORE" in caps:
                client.enable("CONDSTORE")
            client.socket().settimeout(self.timeout)
        except (AuthError, ConfigError):
            _quietly_close(client)
            raise
        except ssl.SSLError as exc:  # STARTTLS
            _hard_close(client)
            raise self._tls_refused(exc) from None
        except (*_NET_ERRORS, IMAPClientError) as exc:
            why = type(exc).__name__
            if isinstance(exc, TimeoutError):  # the timeout really in force on the socket
                why = f"no answer within {_sock_timeout(client):g} s while logging in"
            # A hung server would keep a LOGOUT waiting one more timeout: just close then.
            (_hard_close if isinstance(exc, _NET_ERRORS) else _quietly_close)(client)
            raise TransientError(f"account {self.name}: connection to {self.host} failed: "
                                 f"{why}") from exc
        self._caps = caps
        return client

    def _tls_refused(self, exc: ssl.SSLError) -> WatcherError:
        """What a failed TLS handshake means. An untrusted certificate or a port that does
        not speak TLS will fail the same way on every retry: a ConfigError (not retried within
        the pass; the next pass tries again) that says what to set. Anything else may pass."""
        where = f"account {self.name}: {self.host}:{self.port}"
        if isinstance(exc, ssl.SSLCertVerificationError):
            why = exc.verify_message or exc.reason or "not trusted"
            if exc.verify_code in _UNKNOWN_ISSUER and self.ca_file is not None:
                fix = (f"tls_ca_file ({self.ca_file}) does not hold this server's certificate: "
                       "export it again (a server may have made a new one)")
            elif exc.verify_code in _UNKNOWN_ISSUER:
                fix = ("if the server is yours (or Proton Mail Bridge), set tls_ca_file to its "
                       "certificate, a PEM file")
            elif exc.verify_code in _NAME_MISMATCH:
                fix = (f"the certificate is not for {self.host}: set host to the name your "
                       "provider gives for IMAP")
            else:
                fix = "the server's certificate must be fixed, or trusted with tls_ca_file"
            return ConfigError(f"{where}: its TLS certificate was not accepted ({why}): {fix}")
        if exc.reason in ("TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL",
                          "NO_PROTOCOLS_AVAILABLE"):
            return ConfigError(f"{where}: the TLS handshake failed ({exc.reason}): the server "
                               "offers only TLS versions this system no longer allows (before "
                               "1.2): it must be updated")
        if exc.reason in ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "PACKET_LENGTH_TOO_LONG",
                          "HTTP_REQUEST", "UNKNOWN_PROTOCOL"):
            hint = ("set security = \"starttls\" (this port speaks plain text first), or use the TLS port, 993"
                    if self.security == "ssl" else "the server does not speak TLS as expected")
            return ConfigError(f"{where}: the TLS handshake failed ({exc.reason}): {hint}")
        return TransientError(f"{where}: the TLS handshake failed: {exc.reason or exc}")

    def _connect(self) -> Any:
        return self.connect_backoff.call(self._connect_once, what=f"account {self.name} connect")

    def _client(self) -> Any:
        with self._lock:
            return self._client_locked()

    def _client_locked(self) -> Any:
        """The command connection: opened when missing, checked with NOOP when it sat unused
        for STALE_AFTER seconds (servers log out idle clients after ~30 min), so an APPEND or
        a sync after a quiet spell does not fail on a connection the server already closed."""
        if self._conn is not None and self._clock() - self._last_used > STALE_AFTER:
            try:
                self._conn.noop()
            except (*_NET_ERRORS, IMAPClientError) as exc:
                log.debug("account %s: stale connection replaced", self.name)
                self._drop(hard=isinstance(exc, _NET_ERRORS))
        if self._conn is None:
            self._conn = self._connect()
            log.debug("account %s: connected to %s:%d", self.name, self.host, self.port)
        self._last_used = self._clock()
        if self._folders is None:
            self._folders = self._guarded(self._conn, self._discover_folders, "LIST")
        return self._conn

    def _drop(self, hard: bool = False) -> None:
        """Forget the command connection: LOGOUT, or (`hard`, after a network error or a
        timeout) just close the socket, as a hung server would make LOGOUT wait a timeout."""
        if self._conn is not None:
            (_hard_close if hard else _quietly_close)(self._conn)
        self._conn = None

    def _run(self, fn: Callable[[Any], T], what: str = "command") -> T:
        """Call fn(connection), translating errors; a broken connection is dropped.

        Holds the command-connection lock: a daemon may run wait_for_change (own connections)
        in one thread and sync/list_drafts/create_draft in another. A connection reused from an
        earlier call that turns out dead is replaced once, transparently."""
        with self._lock:
            reused = self._conn is not None
            try:
                return self._guarded(self._client_locked(), fn, what)
            except TransientError as exc:
                # A connection kept from an earlier call may have been closed by the server
                # (restart, timeout) without our knowing: one new connection, one more try.
                # Only reads go through here (APPEND does not), so repeating is harmless.
                if not reused or not isinstance(exc.__cause__, _NET_ERRORS):
                    raise
                log.info("account %s: connection gone (%s); reconnecting once", self.name,
                         type(exc.__cause__).__name__)
            return self._guarded(self._client_locked(), fn, what)

    def _guarded(self, conn: Any, fn: Callable[[Any], T], what: str) -> T:
        try:
            return fn(conn)
        except _NET_ERRORS as exc:
            self._drop(hard=True)
            raise TransientError(f"account {self.name}: connection lost during {what}: "
                                 f"{type(exc).__name__}") from exc
        except IMAPClientError as exc:
            self._drop()  # state unknown after an unexpected answer: start clean next time
            raise TransientError(f"account {self.name}: {what} failed: {exc}") from exc
        finally:
            self._last_used = self._clock()

    @property
    def capabilities(self) -> frozenset[bytes]:
        """Capabilities of the server (after the first connection)."""
        return self._caps

    def _has(self, cap: str) -> bool:
        return cap.encode() in self._caps

    def _discover_folders(self, conn: Any) -> dict[str, str | None]:
        """Role -> folder name: config overrides, then SPECIAL-USE, then common names."""
        listing = _list_folders(conn)
        found: dict[str, str | None] = {"inbox": "INBOX", "sent": None, "drafts": None,
                                        "all": None}
        for role, flag in _SPECIAL_USE.items():
            for flags, _delim, fname in listing:
                if flag in flags:
                    found[role] = fname
                    break
        for role, names in _FALLBACK_NAMES.items():
            if found[role] is None:
                # The shallowest match, then the first listed: LIST's order is the server's
                # (Dovecot lists "Archive/Sent" before "Sent" when Sent was made first), and
                # an archived "Archive/2024/Sent" read as Sent hid every mail sent since
                matches = [(fname.count(_decode(delim)) if delim else 0, i, fname)
                           for i, (flags, delim, fname) in enumerate(listing)
                           if (fname.rsplit(_decode(delim), 1)[-1] if delim else fname).lower()
                           in names and b"\\Noselect" not in flags]
                if matches:
                    found[role] = min(matches)[2]
        existing = {fname for _f, _d, fname in listing}
        for role, fname in self.folder_overrides.items():
            if fname not in existing and fname.upper() != "INBOX":
                raise ConfigError(f"account {self.name}: folders.{role} = {fname!r}: no such "
                                  f"folder on {self.host} (have: {', '.join(sorted(existing))})")
        found.update(self.folder_overrides)
        drafts = found["drafts"]
        for role in ("inbox", "sent", "all"):
            other = found[role]
            # Drafts are APPENDed to the drafts folder only: one that is also the inbox or
            # Sent (an override naming it) would put them where the user reads or keeps mail
            # (and one in Sent reads as sent).
            if drafts is not None and other is not None and (
                    drafts == other or drafts.upper() == other.upper() == "INBOX"):
                raise ConfigError(f"account {self.name}: folders.drafts = {drafts!r} is also "
                                  f"the {role} folder: drafts need a folder of their own (set "
                                  "[accounts.folders] drafts to the Drafts folder)")
        # \NonExistent (RFC 5258) implies \Noselect
        noselect = {fname for flags, _d, fname in listing
                    if {b"\\NOSELECT", b"\\NONEXISTENT"} & {f.upper() for f in flags
                                                           if isinstance(f, bytes)}}
        for fname in self.also_read:
            if fname in self._also_found and (fname not in existing or fname in noselect):
                # It was there at an earlier LIST of this backend: renamed or deleted while
                # the watcher runs (the user tidied the filter's folder away). Not a typo to
                # refuse: INBOX and Sent are still read, and drafts still made (a ConfigError
                # here failed every connection, the drafts' too); said once in _warn_missing.
                continue
            if fname not in existing:
                raise ConfigError(f"account {self.name}: also_read = {fname!r}: no such folder "
                                  f"on {self.host} (have: {', '.join(sorted(existing))})")
            if fname in noselect:
                # its STATUS and SELECT are refused: every sync would fail, INBOX's mail too
                raise ConfigError(f"account {self.name}: also_read = {fname!r} holds only "
                                  "folders, no mail: name the folder below it that gets the mail")
            for role in ("inbox", "sent", "drafts", "all"):
                # Read as received mail: Sent's (or All Mail's) would read the user's own
                # mail as mail to them, and drafts as mail come in; INBOX is read anyway.
                other = found[role]
                if other is not None and (fname == other
                                          or fname.upper() == other.upper() == "INBOX"):
                    raise ConfigError(f"account {self.name}: also_read = {fname!r} is the "
                                      f"{role} folder: list only folders of received mail "
                                      "(such as one your mail filters file recruiters' mail in)")
            found[ALSO_PREFIX + fname] = fname
            self._also_found.add(fname)
            self._warned_missing.discard(ALSO_PREFIX + fname)  # back: said again if it goes
        log.debug("account %s: folders %s", self.name, found)
        return found

    def folders(self) -> dict[str, str | None]:
        """Role (inbox, sent, drafts, all; "also:<name>" for each folder of `also_read`, but
        one deleted since an earlier LIST) -> folder name on the server, None when absent."""
        self._client()
        assert self._folders is not None
        return dict(self._folders)

    def _read_roles(self) -> list[tuple[str, Folder]]:
        """What sync() reads, in this order: SYNC_ROLES, then the folders of `also_read` (as
        received mail, each with its own cursor entry under its "also:" role)."""
        return [*SYNC_ROLES, *((ALSO_PREFIX + n, Folder.INBOX) for n in self.also_read)]

    def close(self) -> None:
        """Log out of every connection (command and IDLE ones). A wait_for_change running in
        another thread then returns False."""
        self._generation += 1
        with self._lock:
            self._drop()
        idle, self._idle_conns = list(self._idle_conns.values()), {}
        for ic in idle:
            # No DONE/LOGOUT: another thread may be reading this socket in wait_for_change.
            # A shutdown wakes its poll at once; the server just sees the connection close.
            _hard_close(ic.client)

    # -- sync --------------------------------------------------------------------------------

    def _status_items(self) -> list[bytes]:
        items = [b"UIDVALIDITY", b"UIDNEXT", b"MESSAGES"]
        if self._has("CONDSTORE"):
            items.append(b"HIGHESTMODSEQ")
        return items

    def _status(self, conn: Any, folder: str, counter: _Counter) -> dict[bytes, int]:
        counter.round_trips += 1
        st = conn.folder_status(folder, self._status_items())
        return {k: int(v) for k, v in st.items()}

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        """New messages of INBOX, Sent and `also_read` since `cursor`, in UID (arrival) order per folder; the
        engine orders them by their Date header.

        Headers always; whole messages (`raw`) only when is_candidate(headers) or the message
        carries the `watcher/track` keyword; each chunk of those goes to `on_bodies` as it
        arrives, and `on_size` hears first how many messages of a folder are to be fetched.
        A changed UIDVALIDITY rescans that folder and sets `full_resync`. With CONDSTORE,
        messages seen before that have since gained a watcher/track or watcher/ignore keyword,
        or lost one, are reported again under the same ref with their current keywords (the
        engine treats a known ref as an update).
        """
        previous = parse_cursor(cursor)
        counter = _Counter()
        self._client()  # connect and find the folders (errors translated)
        assert self._folders is not None
        if any(not self._folders.get(ALSO_PREFIX + n) for n in self.also_read):
            # one of also_read's was deleted while we ran: LIST again (only while it is
            # missing), so one made again is read again without a restart
            counter.round_trips += 1
            self._relist()
            assert self._folders is not None
        batch: list[tuple[int, int, RemoteMessage]] = []
        new_cursor: dict[str, _FolderCursor] = {}
        full = False
        for order, (role, kind) in enumerate(self._read_roles()):
            name = self._folders.get(role)
            if not name:
                self._warn_missing(role)
                if role in previous:
                    new_cursor[role] = previous[role]
                continue
            prev = previous.get(role)
            if prev is not None and prev.name != name:
                prev = None  # the config points at another folder now: read it from scratch
            try:
                fc, msgs, resync = self._run(
                    partial(self._sync_folder, role=role, name=name, kind=kind, prev=prev,
                            is_candidate=is_candidate, counter=counter, on_bodies=on_bodies,
                            on_size=on_size),
                    what=f"sync of {name}")
            except TransientError as exc:
                if not isinstance(exc.__cause__, IMAPClientError) or role == "inbox":
                    raise
                # The server said NO about this folder (renamed or deleted while we ran):
                # find the folders again, once; the other folders' mail is not held back.
                renamed = self._rediscover(role, name)
                if renamed is None:
                    if role in previous:
                        new_cursor[role] = previous[role]
                    continue
                fc, msgs, resync = self._run(
                    partial(self._sync_folder, role=role, name=renamed, kind=kind, prev=None,
                            is_candidate=is_candidate, counter=counter, on_bodies=on_bodies,
                            on_size=on_size),
                    what=f"sync of {renamed}")
            full = full or resync
            new_cursor[role] = fc
            batch += [(order, uid, rm) for uid, rm in msgs]
        batch.sort(key=lambda t: (t[0], t[1]))
        stats = {"round_trips": counter.round_trips, **counter.extra}
        self.last_stats = stats
        return SyncBatch([t[2] for t in batch], _dump_cursor(new_cursor), full, stats,
                         unreadable=dict(counter.unreadable))

    def _warn_missing(self, role: str) -> None:
        """Say once that a folder the watcher reads is not there (the user's sent mail unseen
        means follow-ups drafted for what they already answered)."""
        if role not in self._warned_missing and role.startswith(ALSO_PREFIX):
            self._warned_missing.add(role)
            log.warning("account %s: also_read folder %r is no longer on the server: its mail "
                        "is not read (INBOX's and Sent's still are); create it again or take "
                        "it out of also_read", self.name, role[len(ALSO_PREFIX):])
        elif role not in self._warned_missing:
            self._warned_missing.add(role)
            log.warning("account %s: no %s folder found (no SPECIAL-USE flag and no known "
                        "name): set [accounts.folders] %s = \"...\"", self.name, role, role)

    def _rediscover(self, role: str, old: str) -> str | None:
        """The folder for `role` after `old` failed: LIST again (a rename or deletion while the
        daemon runs); None when there is none any more (warned)."""
        name = self._relist().get(role)
        if name == old:
            raise TransientError(f"account {self.name}: folder {old} cannot be read")
        if not name:
            self._warn_missing(role)
            return None
        log.info("account %s: %s folder is now %s (was %s)", self.name, role, name, old)
        return name

    def _sync_folder(
        self, conn: Any, role: str, name: str, kind: Folder, prev: _FolderCursor | None,
        is_candidate: CandidateFilter, counter: _Counter, on_bodies: BodiesHook | None = None,
        on_size: SizeHook | None = None,
    ) -> tuple[_FolderCursor, list[tuple[int, RemoteMessage]], bool]:
        st = self._status(conn, name, counter)
        self._last_status[role] = tuple(sorted(st.items()))
        # 0: a folder without mod-sequences (RFC 7162's NOMODSEQ; SELECT then gives none)
        hms = st.get(b"HIGHESTMODSEQ") or None
        if (prev is not None and st[b"UIDVALIDITY"] == prev.uidvalidity
                and st[b"UIDNEXT"] == prev.uidnext and not prev.failed
                and (hms is None or hms == prev.highestmodseq)):
            counter.add("folders_unchanged")
            return prev, [], False
        counter.round_trips += 1
        sel = conn.select_folder(name, readonly=True)
        uidvalidity = int(sel[b"UIDVALIDITY"])
        uidnext = int(sel.get(b"UIDNEXT", st[b"UIDNEXT"]))
        sel_hms = sel.get(b"HIGHESTMODSEQ")
        new_hms = int(sel_hms) if sel_hms else None
        resync = prev is not None and prev.uidvalidity != uidvalidity
        if resync:
            log.warning("account %s: UIDVALIDITY of %s changed (%d -> %d): rescanning it",
                        self.name, name, prev.uidvalidity if prev else 0, uidvalidity)
            counter.add("uidvalidity_changed")
        last = prev.last_uid if prev is not None and not resync else 0
        # Keyword changes on messages reported before (CONDSTORE only): the UIDs changed since
        # the last HIGHESTMODSEQ, their FLAGS compared with the watcher keywords remembered.
        # One SEARCH finds both those and the new UIDs.
        tagged = dict(prev.tagged) if prev is not None and not resync else {}
        retry = dict(prev.failed) if prev is not None and not resync else {}
        check_keywords = (prev is not None and not resync and last > 0 and new_hms is not None
                          and prev.highestmodseq is not None
                          and new_hms != prev.highestmodseq)
        uids: list[int] = []
        changed: list[int] = []
        windowed = last == 0 and self.window_days is not None
        if int(sel.get(b"EXISTS", 1)):
            counter.round_trips += 1
            criteria: list[Any] = ["UID", f"{last + 1}:*"]
            if windowed:
                # A first sync (or a rescan) reads sync_window_days back, by arrival date
                # (INTERNALDATE, what SEARCH SINCE compares), as the Gmail backend does; a
                # day more so a message of the window's first day in another zone is kept.
                since = self._today() - timedelta(days=int(self.window_days or 0) + 1)
                criteria = ["SINCE", since]
            elif check_keywords:
                assert prev is not None and prev.highestmodseq is not None
                criteria = ["OR", *criteria, "MODSEQ", str(prev.highestmodseq + 1)]
            found = conn.search(criteria)
            # "UID n:*" always matches the highest UID, even below n: hence the filters.
            uids = sorted(u for u in found if u > last)
            changed = sorted(u for u in found if u <= last) if check_keywords else []
        updated: list[int] = []
        if check_keywords:
            gmail = self._has("X-GM-EXT-1")
            # as ranges, in lines of bounded length (imapclient's fetch lists every UID)
            for part in uid_chunks(changed, HEADER_CHUNK):
                counter.round_trips += 1
                got, refused = _fetch(conn, part, ["FLAGS", "X-GM-LABELS"] if gmail else ["FLAGS"])
                if refused is not None or any(got[u].flags is None for u in got):
                    # Some keywords unknown (a NO): the cursor keeps the old mod-sequence,
                    # so the next pass asks for them again (a watcher/track added is not lost)
                    assert prev is not None  # check_keywords needs one
                    new_hms = prev.highestmodseq
                for uid, rec in got.items():
                    if rec.flags is None:
                        continue  # refused (a NO): its keywords are unknown, not gone
                    now_kw = _watcher_keywords(rec.flags, rec.labels)
                    if now_kw != tagged.get(uid, []):
                        updated.append(uid)
            updated.sort()
            counter.add("keyword_updates", len(updated))
        def message(f: _Fetched, raw: bytes | None) -> RemoteMessage:
            return RemoteMessage(ref=f"{name}/{uidvalidity}/{f.uid}", folder=kind, raw=raw,
                                 headers=f.headers, thread_id=f.thread_id, keywords=f.keywords)

        # Headers, then the whole candidates among them, a chunk at a time: on a first sync
        # the candidates of the first chunk are being parsed (`on_bodies`) while the
        # headers of the next are still read.
        fetched: list[_Fetched] = []
        whole: dict[int, RemoteMessage] = {}
        candidates: set[int] = set()
        failed: set[int] = set()  # FETCH answered NO for them: tried again next pass
        # The ones refused before are asked for apart: a NO that leaves out every message of
        # a FETCH of several fails the pass, unless all of them were refused one by one before
        fresh = sorted(set(uids + updated) - retry.keys())
        if on_size is not None:
            on_size(len(fresh) + len(retry))
        for chunk in [*_chunks(fresh, HEADER_CHUNK), *_chunks(sorted(retry), HEADER_CHUNK)]:
            heads = self._fetch_headers(conn, list(chunk), counter, failed, retry.keys())
            fetched += heads
            by_uid = {f.uid: f for f in heads}

            def arrived(bodies: dict[int, bytes], by_uid: dict[int, _Fetched] = by_uid) -> None:
                got = {uid: message(by_uid[uid], raw) for uid, raw in bodies.items() if uid in by_uid}
                whole.update(got)
                if on_bodies is not None and got:
                    on_bodies(list(got.values()))

            wanted = [f.uid for f in heads if TRACK in f.keywords or is_candidate(f.headers)]
            candidates.update(wanted)
            self._fetch_bodies(conn, wanted, counter, arrived, failed, retry.keys())
            keep = set(wanted)
            for f in heads:
                if f.uid not in keep:
                    f.headers = slim_headers(f.headers)
        # A candidate whose body did not come is not reported: it was refused (tried again next
        # pass, headers and all) or expunged since its headers were read
        fetched = [f for f in fetched if f.uid in whole or f.uid not in candidates]
        fetched.sort(key=lambda f: f.uid)
        for f in fetched:
            kw = sorted(k for k in f.keywords if k in WATCHER_KEYWORDS)
            if kw:
                tagged[f.uid] = kw
            else:
                tagged.pop(f.uid, None)
        out = [(f.uid, whole.get(f.uid) or message(f, None)) for f in fetched]
        counter.add("headers", len(fetched))
        counter.add("bodies", len(whole))
        # Nothing is left selected: a later STATUS on this folder is then well defined.
        counter.round_trips += 1
        conn.unselect_folder() if self._has("UNSELECT") else conn.close_folder()
        # After a windowed read every UID below UIDNEXT was considered, even those left out.
        seen_to = max(uids, default=last)
        if windowed:
            seen_to = max(seen_to, uidnext - 1)
        fc = _FolderCursor(name, uidvalidity, seen_to, max(uidnext, max(uids, default=0) + 1),
                           new_hms, tagged,
                           self._still_failing(name, uidvalidity, failed, retry, counter))
        return fc, out, resync

    def _still_failing(self, name: str, uidvalidity: int, failed: set[int],
                       before: Mapping[int, int], counter: _Counter) -> dict[int, int]:
        """UID -> passes refused so far, for the messages to try again next pass; one refused
        FETCH_ATTEMPTS passes running is skipped for good, and put in `counter.unreadable`
        (one unreadable message must not hold back the account's mail forever; a passing
        refusal must not lose one)."""
        out: dict[int, int] = {}
        for uid in sorted(failed):
            n = before.get(uid, 0) + 1
            if n < FETCH_ATTEMPTS:
                out[uid] = n
                continue
            log.warning("account %s: message %s/%d could not be fetched in %d passes: skipped",
                        self.name, name, uid, n)
            counter.add("unfetchable")
            counter.unreadable[f"{name}/{uidvalidity}/{uid}"] = \
                f"the server refused to FETCH it in {n} passes"
        if failed:
            counter.add("fetch_refused", len(failed))
        return out

    def _fetch_sections(self, conn: Any, uids: Sequence[int], items: list[str], size: int,
                        counter: _Counter, failed: set[int],
                        known: Collection[int] = ()) -> Iterator[dict[int, FetchRecord]]:
        """FETCH `items` of `uids`, `size` UIDs a command, yielding each command's records
        that carry the section asked for (one without it was expunged: Dovecot answers NIL).
        The UIDs a NO left out go to `failed`; a NO that left out every UID of several is the
        server failing the command, not one message, and fails the pass, unless each of them
        is `known`: refused before (a NO again for just those is no news)."""
        for chunk in uid_chunks(uids, size):
            counter.round_trips += 1
            try:
                got, refused = _fetch(conn, chunk, items)
            except FetchError as exc:
                partial = [i for i in items if i.startswith("BODY.PEEK[]<")]
                if not partial or isinstance(exc, FetchRefused):
                    raise
                # BAD to BODY.PEEK[]<0.n>: a server without partial FETCH, or with a limit
                # on n. Refused every time, it would fail every pass: the whole message then
                # (cut by the caller), for this chunk and from now on.
                items = ["BODY.PEEK[]" if i in partial else i for i in items]
                counter.round_trips += 1
                got, refused = _fetch(conn, chunk, items)
                if not self._whole_bodies:
                    log.warning("account %s: the server refused a partial FETCH (%s): whole "
                                "messages are fetched instead", self.name,
                                str(exc).split(":", 1)[-1].strip()[:80])
                self._whole_bodies = True
            have = {uid: rec for uid, rec in got.items() if rec.section is not None}
            # Answered, but without the section and not NIL: the server did not send what was
            # asked (a FETCH item it does not implement), which says nothing of the message
            # being gone: tried again next pass, as a refused one, never silently dropped
            left_out = sorted(uid for uid, rec in got.items()
                              if rec.section is None and not rec.nil)
            if left_out:
                log.info("account %s: FETCH answered without the section asked for %d "
                         "message(s); left for the next pass", self.name, len(left_out))
                failed.update(left_out)
            if refused is not None:
                if not have and len(chunk) > 1 and not all(uid in known for uid in chunk):
                    raise refused
                missing = [uid for uid in chunk if uid not in have]
                log.info("account %s: %s; %d message(s) left for the next pass", self.name,
                         refused, len(missing))
                failed.update(missing)
            yield have

    def _fetch_headers(self, conn: Any, uids: list[int], counter: _Counter,
                       failed: set[int], known: Collection[int] = ()) -> list[_Fetched]:
        # No INTERNALDATE: the engine orders messages by their Date header anyway.
        items = ["BODY.PEEK[HEADER]", "FLAGS"]
        if self._has("X-GM-EXT-1"):
            items += ["X-GM-THRID", "X-GM-LABELS"]  # Gmail: its threads, and labels to tag with
        out: list[_Fetched] = []
        for got in self._fetch_sections(conn, uids, items, HEADER_CHUNK, counter, failed,
                                        known):
            out += [_Fetched(rec.uid, rec.section or b"",
                             _keywords(rec.flags or ()) | _label_keywords(rec.labels),
                             rec.thread_id) for rec in got.values()]
        # UID order, as asked (a server may answer in another); expunged UIDs are just absent
        out.sort(key=lambda f: f.uid)
        return out

    def _fetch_bodies(self, conn: Any, uids: list[int], counter: _Counter,
                      arrived: Callable[[dict[int, bytes]], None], failed: set[int],
                      known: Collection[int] = ()) -> None:
        """Whole messages of `uids` (their first MAX_MESSAGE_BYTES), handed to `arrived` a FETCH
        chunk at a time."""
        item = "BODY.PEEK[]" if self._whole_bodies else f"BODY.PEEK[]<0.{MAX_MESSAGE_BYTES}>"
        for got in self._fetch_sections(conn, uids, [item], BODY_CHUNK, counter, failed, known):
            arrived({uid: (rec.section or b"")[:MAX_MESSAGE_BYTES] for uid, rec in got.items()})

    # -- drafts ------------------------------------------------------------------------------

    def _drafts_folder(self) -> str | None:
        """The Drafts folder's name, None when the server has none (yet)."""
        self._client()
        assert self._folders is not None
        return self._folders.get("drafts")

    def _make_drafts_folder(self) -> str:
        """LIST again (the folder may have been renamed), else CREATE "Drafts", as mail clients
        do when they save a first draft; the name the drafts now go to."""
        found = self._relist().get("drafts")
        if found:
            return found
        try:
            name = self._run(self._new_folder_name, what="NAMESPACE")
        except TransientError as exc:
            # a server that fails NAMESPACE still gets the draft: CREATE tells
            log.debug("account %s: %s; creating %r", self.name, exc, DEFAULT_DRAFTS)
            name = DEFAULT_DRAFTS
        self._run(lambda conn: conn.create_folder(name), what=f"CREATE {name}")
        log.warning("account %s: no drafts folder was found: created %r (set [accounts.folders] "
                    "drafts to use another)", self.name, name)
        return self._relist().get("drafts") or name

    def _new_folder_name(self, conn: Any) -> str:
        """Where a new "Drafts" goes: under the personal namespace's prefix (RFC 2342), as
        mail clients put it; Courier and servers set up like it ("INBOX.") refuse a folder
        outside it."""
        if not self._has("NAMESPACE"):
            return DEFAULT_DRAFTS
        personal = conn.namespace().personal or ()
        if not personal:
            return DEFAULT_DRAFTS
        prefix, delim = (_decode(x) if x is not None else "" for x in personal[0][:2])
        if prefix and delim and not prefix.endswith(delim):
            prefix += delim  # ("INBOX" ".") names the folders below INBOX as well
        return prefix + DEFAULT_DRAFTS

    def _relist(self) -> dict[str, str | None]:
        """Find the folders again (LIST): they were renamed, deleted or created meanwhile.
        Under the command connection's lock (the push thread calls it too); a connection that
        turns out dead (the server restarted) is replaced once, as `_run` does."""
        with self._lock:
            self._folders = None
            try:
                self._client()
            except TransientError:
                self._client()  # the dead connection was dropped: once more, on a new one
            assert self._folders is not None
            return self._folders

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """Marker -> draft id for each draft carrying MARKER_HEADER (not flagged \\Deleted).
        A draft without the header whose Message-ID carries the digest of a `known` marker
        is reported under it (the user's edit, saved by a client that dropped the header).

        With CONDSTORE, one STATUS when the Drafts folder is unchanged since the last call
        (its HIGHESTMODSEQ); without it (or a NOMODSEQ folder), SELECT, SEARCH NOT DELETED and
        UNSELECT, the UIDs found being the signature (no count tells a draft flagged
        \\Deleted). Otherwise one FETCH more, in chunks.
        Several drafts with one marker: the oldest (lowest UID) is reported. The marker is
        read from each draft's header, never searched for on the server: servers that do not
        index custom headers answer such a SEARCH with nothing (Gmail, Yahoo) or NO (Stalwart),
        and a listing without the drafts would read as the user having deleted them all.
        Drafts the server refuses to send (NO) raise DraftsIncomplete with the others.
        """
        name = self._drafts_folder()
        if name is None:
            return {}  # no drafts folder: no drafts (one is created with the first draft)
        try:
            return self._list_drafts_in(name, known)
        except TransientError as exc:
            if not isinstance(exc.__cause__, IMAPClientError):
                raise
            # The server said NO about the folder (renamed or deleted while we ran): find the
            # folders again, once, or every pass would fail here until a restart
            renamed = self._relist().get("drafts")
            if renamed == name:
                raise
            log.info("account %s: drafts folder is now %s (was %s)", self.name, renamed, name)
            # none any more: its drafts went with it (the user deleted them); the next draft
            # creates a Drafts folder again
            return self._list_drafts_in(renamed, known) if renamed else {}

    def _list_drafts_in(self, name: str, known: Mapping[str, str | None] | None) -> dict[str, str]:
        counter = _Counter()

        def work(conn: Any) -> dict[str, str]:
            cache = self._drafts_cache
            sig: tuple[object, ...] = ()
            modseq = self._has("CONDSTORE")
            if modseq:
                st = self._status(conn, name, counter)
                modseq = bool(st.get(b"HIGHESTMODSEQ"))  # 0: a folder without (NOMODSEQ)
                # the folder's name too: a renamed Drafts keeps its counts, not its drafts' ids
                sig = (name, *(v for _k, v in sorted(st.items())))
                if modseq and cache is not None and cache[0] == sig:
                    return markers_listed(cache[1], known or ())
            counter.round_trips += 1
            sel = conn.select_folder(name, readonly=True)
            uidvalidity = int(sel[b"UIDVALIDITY"])
            marks: list[tuple[str, DraftMark]] = []  # in UID order: the oldest draft wins
            unread: set[str] = set()  # drafts the server refused to send: markers unknown
            uids: list[int] = []
            if int(sel.get(b"EXISTS", 1)):
                counter.round_trips += 1
                uids = sorted(conn.search(["NOT", "DELETED"]))
            if not modseq:
                # Without mod-sequences no STATUS count tells a draft flagged \Deleted (a
                # client's "mark as deleted", expunged later): the drafts not \Deleted, by
                # UID, are the signature. A message never changes under its UID, so the same
                # UIDs are the same drafts: nothing to FETCH.
                sig = ("uids", name, uidvalidity, *uids)
                if cache is not None and cache[0] == sig:
                    counter.round_trips += 1
                    conn.unselect_folder() if self._has("UNSELECT") else conn.close_folder()
                    return markers_listed(cache[1], known or ())
            if uids:
                for chunk in uid_chunks(uids, HEADER_CHUNK):
                    counter.round_trips += 1
                    resp, refused = _fetch(conn, chunk, [
                        f"BODY.PEEK[HEADER.FIELDS ({MARKER_HEADER.upper()} MESSAGE-ID)]"])
                    for uid in chunk:
                        rec = resp.get(uid)
                        if rec is None or rec.section is None:
                            # Refused (a NO ends the FETCH; Dovecot first answers the message
                            # with its UID alone), or expunged since the SEARCH (NIL, or left
                            # out): after a NO, any of them may be a draft of ours; so may one
                            # answered without the header asked for (not NIL)
                            if refused is not None or (rec is not None and not rec.nil):
                                unread.add(f"{name}/{uidvalidity}/{uid}")
                            continue
                        mark = draft_mark(rec.section or b"")
                        if mark.marker is not None and any(m.marker == mark.marker
                                                           for _i, m in marks):
                            log.warning("account %s: several drafts carry one marker", self.name)
                        marks.append((f"{name}/{uidvalidity}/{uid}", mark))
            found = markers_listed(marks, known or ())
            counter.round_trips += 1
            conn.unselect_folder() if self._has("UNSELECT") else conn.close_folder()
            if unread:
                raise DraftsIncomplete(f"account {self.name}: {self.host} would not send "
                                       f"{len(unread)} message(s) of {name}", found,
                                       frozenset(unread), f"{name}/{uidvalidity}/")
            self._drafts_cache = (sig, marks)
            return found

        try:
            return self._run(work, what=f"listing of {name}")
        finally:
            self.last_stats = {"round_trips": counter.round_trips, **counter.extra}

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        """The whole message `ref` ("<folder>/<uidvalidity>/<uid>"); None when it is gone
        (expunged, or the folder's UIDVALIDITY changed since it was read)."""
        name, validity, uid_text = ref.rsplit("/", 2)
        uid = int(uid_text)
        folders = self.folders()
        kind = Folder.SENT if name == folders.get("sent") else Folder.INBOX

        def work(conn: Any) -> RemoteMessage | None:
            sel = conn.select_folder(name, readonly=True)
            try:
                if int(sel[b"UIDVALIDITY"]) != int(validity):
                    return None
                resp, _refused = _fetch(conn, [uid], ["BODY.PEEK[]"])
            finally:
                conn.unselect_folder() if self._has("UNSELECT") else conn.close_folder()
            rec = resp.get(uid)
            if rec is None or rec.section is None:
                return None
            return RemoteMessage(ref=ref, folder=kind, raw=rec.section,
                                 headers=header_block(rec.section))

        return self._run(work, what=f"fetch of {ref}")

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """APPEND `raw` to Drafts with \\Draft \\Seen and its Date; return its id. Never retried,
        except once after [TRYCREATE] (nothing was stored): the folder is found again or created.

        A connection lost during APPEND leaves the outcome unknown: TransientError is raised
        and the caller must look for the marker (list_drafts) before trying again.
        """
        name = self._drafts_folder() or self._make_drafts_folder()
        data = _crlf(with_marker(raw, draft.marker))
        when = _date_of(data)
        try:
            resp = self._append(name, data, when)
        except _NoSuchFolder:
            # Drafts was deleted or renamed while we ran: nothing was stored, so appending
            # again (once) cannot make a second draft
            name = self._make_drafts_folder()
            resp = self._append(name, data, when)
        got = _appenduid(resp)
        if got is not None:
            draft_id = f"{name}/{got[0]}/{got[1]}"
        else:  # no UIDPLUS: find it by its marker
            try:
                listed = self.list_drafts()
            except DraftsIncomplete as exc:
                listed = exc.listed
            draft_id = listed.get(draft.marker, "")
            if not draft_id:
                raise TransientError(f"account {self.name}: APPEND answered, but the draft "
                                     "was not found by its marker")
        log.info("account %s: draft %s created for step %s", self.name, draft_id, draft.marker)
        return draft_id

    def _append(self, name: str, data: bytes, when: Any) -> Any:
        with self._lock:
            conn = self._client_locked()
            self._drafts_cache = None
            try:
                return conn.append(name, data, flags=(_imapclient_mod.DRAFT, _imapclient_mod.SEEN),
                                   msg_time=when)
            except _NET_ERRORS as exc:
                self._drop(hard=True)
                raise TransientError(f"account {self.name}: connection lost during APPEND to "
                                     f"{name}: the draft may or may not exist; look for its "
                                     "marker before retrying") from exc
            except IMAPClientError as exc:
                if "TRYCREATE" in str(exc).upper():
                    raise _NoSuchFolder(name) from exc
                self._drop()
                raise TransientError(f"account {self.name}: APPEND to {name} failed: "
                                     f"{exc}") from exc
            finally:
                self._last_used = self._clock()

    # -- push --------------------------------------------------------------------------------

    def supports_idle(self) -> bool:
        """True when IDLE is enabled in config and offered by the server."""
        if not self._caps or self._folders is None:
            self._client()
        return self.idle and self._has("IDLE") and not self._idle_refused

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` s until INBOX or Sent changes; True when something changed.

        With IDLE: one extra connection per folder stays in IDLE between calls (so no change
        is missed while the caller syncs), re-issued every `idle_renew` seconds. A connection
        that reads as ready but yields nothing is checked with DONE + NOOP and, when dead,
        reconnected once (True: mail may have come meanwhile) or, when that fails too, dropped
        with TransientError (the caller backs off and calls again); never spun on.
        Without IDLE: sleep `timeout` (injected sleep), then compare one STATUS per folder
        (the folders of `also_read` too; with IDLE they wait for the next poll's sync).
        """
        if not self.supports_idle():
            self._sleep(timeout)
            return self._status_changed()
        with self._lock:
            if self._conn is not None and self._clock() - self._last_used > STALE_AFTER:
                self._drop()  # only the IDLE connections are needed while waiting
        generation = self._generation
        try:
            return self._idle_wait(timeout)
        except _IdleRefused as exc:
            self._refuse_idle(exc)
            self._sleep(timeout)
            return self._status_changed()
        except (*_NET_ERRORS, IMAPClientError, TransientError, ValueError) as exc:
            if generation != self._generation:
                return False  # close() was called meanwhile (daemon shutdown)
            if isinstance(exc, ValueError):
                raise
            for ic in self._idle_conns.values():
                _quietly_close(ic.client, idle=True)
            self._idle_conns.clear()
            lost = exc
        now = self._clock()
        if self._idle_reopened is not None and now - self._idle_reopened < IDLE_MIN_LIFE:
            # the connections reopened after the last loss are lost again at once: reopening
            # here would log in and report a change in a loop; the caller backs off (until it
            # waits longer than IDLE_MIN_LIFE: at most one reopening in that time)
            raise TransientError(f"account {self.name}: IDLE connections keep dropping "
                                 f"({type(lost).__name__})") from lost
        # Servers drop idle connections (timeouts, restarts): reconnect once (with the bounded
        # connect backoff) and report a change, since mail may have come while disconnected.
        log.info("account %s: IDLE connection lost (%s), reconnecting", self.name,
                 type(lost).__name__)
        try:
            self._open_idle()
        except _IdleRefused as exc:
            self._refuse_idle(exc)
            return True  # mail may have come while disconnected
        except (*_NET_ERRORS, IMAPClientError, TransientError) as exc:
            for ic in self._idle_conns.values():
                _quietly_close(ic.client, idle=True)
            self._idle_conns.clear()
            raise TransientError(f"account {self.name}: IDLE connection lost and reconnecting "
                                 f"failed: {type(exc).__name__}") from lost
        self._idle_reopened = self._clock()
        return True

    def _refuse_idle(self, why: _IdleRefused) -> None:
        """The server answered IDLE with NO or BAD: refused, not lost. Reconnecting would be
        refused again (a login each time, and a failed wait for the caller's backoff), so push
        would never work: poll with STATUS instead, for the life of this backend (a restart,
        or a config reload that changes the account, asks again; one that leaves the account
        as it was keeps its backend, and this)."""
        for ic in self._idle_conns.values():
            _quietly_close(ic.client, idle=True)
        self._idle_conns.clear()
        self._idle_refused = True
        log.warning("account %s: the server refused IDLE (%s): polling with STATUS instead",
                    self.name, why)

    def _status_changed(self) -> bool:
        counter = _Counter()
        assert self._folders is not None

        def work(conn: Any) -> bool:
            changed = False
            # every folder sync() reads, also_read's too (IDLE watches only INBOX and Sent)
            for role, _kind in self._read_roles():
                name = self._folders.get(role) if self._folders else None
                if not name:
                    continue
                st = tuple(sorted(self._status(conn, name, counter).items()))
                changed = changed or self._last_status.get(role) != st
                self._last_status[role] = st
            return changed

        return self._run(work, what="STATUS poll")

    def _open_idle(self) -> None:
        assert self._folders is not None
        for role, _kind in SYNC_ROLES:
            name = self._folders.get(role)
            if not name or role in self._idle_conns:
                continue
            client = self._connect()
            try:
                try:
                    client.select_folder(name, readonly=True)
                except IMAPClientError:
                    if role == "inbox":
                        raise
                    # Sent renamed or deleted while we ran: find the folders again, once; INBOX
                    # keeps its IDLE whatever became of Sent
                    renamed = self._relist().get(role)
                    if not renamed:
                        self._warn_missing(role)
                        _quietly_close(client)
                        continue
                    name = renamed
                    client.select_folder(name, readonly=True)
                try:
                    client.idle()
                except IMAPClientAbortError:
                    raise
                except IMAPClientError as exc:
                    # imapclient: "Unexpected IDLE response: b'<tag> NO ...'"; only the
                    # status word and the response code are kept (the text is the server's)
                    m = re.search(r"\b(NO|BAD)\b( \[[A-Z-]+\])?", str(exc))
                    raise _IdleRefused(m.group(0) if m else "unexpected answer") from exc
            except BaseException:
                _quietly_close(client)
                raise
            self._idle_conns[role] = _IdleConn(role, client, self._clock(), self._wall_clock())
            log.debug("account %s: IDLE on %s", self.name, name)

    def _idle_wait(self, timeout: float) -> bool:
        self._open_idle()
        deadline = self._clock() + timeout
        empty_reads = 0
        while True:
            now = self._clock()
            wall = self._wall_clock()
            conns = list(self._idle_conns.values())
            if not conns:
                return False  # closed by another thread
            for ic in conns:
                # The monotonic clock stops while a laptop sleeps: the renewal would come up
                # to 29 min after the wake, on a connection the network may have dropped
                # silently meanwhile (no FIN through a NAT). Renewing now is a round trip
                # that shows a dead one (and the caller reconnects).
                asleep = (wall - ic.wall_started) - (now - ic.started) > IDLE_SUSPEND
                if now - ic.started >= self.idle_renew or asleep:
                    if asleep:
                        log.info("account %s: woke from sleep: checking the IDLE connections",
                                 self.name)
                    changed = _has_change(ic.client.idle_done()[1])
                    ic.client.idle()
                    ic.started, ic.wall_started = self._clock(), self._wall_clock()
                    if changed:
                        return True
            remaining = deadline - now
            if remaining <= 0:
                return False
            renew_in = min(ic.started + self.idle_renew for ic in conns) - now
            wait = max(0.0, min(remaining, renew_in))
            by_fd = {ic.client.socket().fileno(): ic for ic in conns}
            poller = select.poll()
            for fd in by_fd:
                poller.register(fd, select.POLLIN | select.POLLERR | select.POLLHUP)
            ready = poller.poll(wait * 1000)
            changed = False
            for fd, _event in ready:
                ic = by_fd[fd]
                resps = ic.client.idle_check(timeout=0)
                if resps:
                    changed = changed or _has_change(resps)
                    continue
                # Readable but nothing parsed: EOF (dead connection) or a partial line.
                empty_reads += 1
                done = ic.client.idle_done()  # raises on a dead connection
                ic.client.noop()
                changed = changed or _has_change(done[1])
                ic.client.idle()
                ic.started = self._clock()
                if empty_reads > 3:
                    raise TransientError(f"account {self.name}: IDLE keeps waking with "
                                         "nothing to read")
            if changed:
                return True


# A login answered NO with one of these says nothing about the password (RFC 5530 response
# codes; Gmail's and Outlook's own words for a connection limit): the server is busy, or the
# account has too many connections open (the user's phone, a second mail client) for now.
_LOGIN_BUSY = re.compile(
    rb"\[(UNAVAILABLE|INUSE|LIMIT|SERVERBUG)\]|too many simultaneous connections"
    rb"|maximum number of connections|too many connections",
    re.IGNORECASE)
_LOGIN_REFUSED = re.compile(rb"\[(AUTHENTICATIONFAILED|AUTHORIZATIONFAILED|EXPIRED)\]",
                            re.IGNORECASE)


def _refusal_hint(host: str, welcome: bytes, answer: str, offers_oauth: bool) -> str:
    """What most likely fixes a password the provider refused, for the error ('' when nothing
    specific): the big providers refuse an account's own password over IMAP. An on-premises
    Exchange greets as Exchange Online does, but takes passwords and offers no XOAUTH2."""
    h = host.lower().rstrip(".")
    if "application-specific password" in answer.lower() or h.endswith((".gmail.com",
                                                                         ".googlemail.com")):
        return ("Gmail takes an app password over IMAP, https://myaccount.google.com/apppasswords;"
                " or use backend = \"gmail\"")
    if h in OAUTH_ONLY_HOSTS or (b"microsoft exchange" in welcome.lower() and offers_oauth):
        return ("Microsoft 365 and Outlook.com refuse passwords over IMAP: set auth = \"xoauth2\" "
                "and a password_command that prints an OAuth token, see the README")
    if h.endswith(".mail.me.com"):
        return "iCloud takes an app-specific password, made at https://account.apple.com"
    if h.endswith((".yahoo.com", ".aol.com")):
        return "Yahoo and AOL take an app password, made in the account's security settings"
    return ""


# Microsoft 365 and Outlook.com: OAuth only since basic authentication was turned off
OAUTH_ONLY_HOSTS = ("outlook.office365.com", "outlook.office.com", "imap-mail.outlook.com")


def _auth_offered(caps: Sequence[bytes]) -> str:
    """The login mechanisms a server's CAPABILITY lists, for an error: "LOGIN, PLAIN, XOAUTH2"."""
    names = sorted({c.decode("ascii", "replace")[5:].upper() for c in caps
                    if c.upper().startswith(b"AUTH=")})
    if "LOGIN" not in names and not any(c.upper() == b"LOGINDISABLED" for c in caps):
        names.insert(0, "LOGIN")  # the IMAP LOGIN command
    return ", ".join(names) or "none"


def _login_busy(text: str) -> str | None:
    """What in a refused login's answer says it was turned away for now (a response code, a
    phrase), None when it reads as a refusal of the credentials. Only that part is shown:
    the answer is the server's, and may quote what it was sent."""
    raw = text.encode("utf-8", "replace")
    if _LOGIN_REFUSED.search(raw):
        return None  # the code says credentials, whatever the words around it say
    m = _LOGIN_BUSY.search(raw)
    return m.group(0).decode("ascii", "replace") if m else None


def _list_folders(conn: Any) -> list[tuple[tuple[bytes, ...], bytes | None, str]]:
    """LIST, the names decoded here: imapclient's decoder raises on a bare '&' (a server that
    does not encode names in modified UTF-7 lists "R&D" so), and one such folder anywhere in
    the account failed every call with a UnicodeDecodeError. Such a name cannot be selected
    by name either (imapclient encodes what it is given): it is left out; none is ours."""
    encode = conn.folder_encode
    conn.folder_encode = False
    try:
        listing = conn.list_folders()
    finally:
        conn.folder_encode = encode
    out: list[tuple[tuple[bytes, ...], bytes | None, str]] = []
    for flags, delim, name in listing:
        if isinstance(name, bytes):
            try:
                name = imap_utf7.decode(name) if encode else name.decode("utf-8")
            except UnicodeError:
                log.info("folder %r left out: its name is not modified UTF-7", name)
                continue
        out.append((flags, delim, name))
    return out


def _has_change(resps: Sequence[Any]) -> bool:
    for r in resps:
        if isinstance(r, tuple) and len(r) >= 2 and isinstance(r[1], bytes) \
                and r[1].upper() in _CHANGE_RESPONSES:
            return True
    return False


def _sock_timeout(client: Any) -> float:
    """The timeout set on the client's socket (-1 when unknown)."""
    try:
        t = client.socket().gettimeout()
    except (OSError, AttributeError):
        return -1.0
    return -1.0 if t is None else float(t)


def _hard_close(client: Any) -> None:
    """Close the socket without a word to the server (safe while another thread reads it)."""
    try:
        client.socket().shutdown(socket.SHUT_RDWR)
    except (OSError, ValueError):
        pass
    try:
        client.shutdown()
    except Exception:
        pass


def _quietly_close(client: Any, idle: bool = False) -> None:
    """Log out, ignoring every error (the connection may already be dead)."""
    try:
        if idle:
            client.idle_done()
        client.logout()
    except Exception:
        try:
            client.shutdown()
        except Exception:
            pass
