"""A local, stdlib-only fake of the Gmail API v1 that the real google-api-python-client talks to.

It serves HTTP on 127.0.0.1 (messages, threads, labels, drafts, history, profile, batch and an
OAuth token endpoint), counts requests and quota units, injects faults and trips on any send.
"""

from __future__ import annotations

import base64
import email
import email.utils
import functools
import html
import itertools
import json
import logging
import random
import re
import socket
import threading
import time
import urllib.parse
import zoneinfo
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message as EmailMessage
from email.parser import BytesHeaderParser, BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

log = logging.getLogger(__name__)

#: System labels every Gmail mailbox has (ids equal names).
SYSTEM_LABELS: tuple[str, ...] = (
    "CHAT",
    "SENT",
    "INBOX",
    "IMPORTANT",
    "TRASH",
    "DRAFT",
    "SPAM",
    "CATEGORY_FORUMS",
    "CATEGORY_UPDATES",
    "CATEGORY_PERSONAL",
    "CATEGORY_PROMOTIONS",
    "CATEGORY_SOCIAL",
    "STARRED",
    "UNREAD",
)

#: Quota units per method, from the Gmail API "Usage limits" page (threads.* from the same table).
QUOTA_UNITS: dict[str, int] = {
    "drafts.create": 10,
    "drafts.delete": 10,
    "drafts.get": 5,
    "drafts.list": 5,
    "drafts.send": 100,
    "drafts.update": 15,
    "getProfile": 1,
    "settings.sendAs.list": 1,
    "history.list": 2,
    "labels.create": 5,
    "labels.delete": 5,
    "labels.get": 1,
    "labels.list": 1,
    "messages.attachments.get": 5,
    "messages.batchDelete": 50,
    "messages.batchModify": 50,
    "messages.delete": 10,
    "messages.get": 5,
    "messages.import": 25,
    "messages.insert": 25,
    "messages.list": 5,
    "messages.modify": 5,
    "messages.send": 100,
    "messages.trash": 5,
    "messages.untrash": 5,
    "threads.get": 10,
    "threads.list": 10,
    "threads.modify": 10,
}

# (HTTP method, path below /gmail/v1/users/{userId}/, API method name). Order matters.
_ROUTES: list[tuple[str, re.Pattern[str], str]] = [
    (m, re.compile(p), n)
    for m, p, n in [
        ("GET", r"messages", "messages.list"),
        ("POST", r"messages", "messages.insert"),
        ("POST", r"messages/import", "messages.import"),
        ("POST", r"messages/send", "messages.send"),
        ("POST", r"messages/batchModify", "messages.batchModify"),
        ("POST", r"messages/batchDelete", "messages.batchDelete"),
        ("GET", r"messages/(?P<mid>[^/]+)/attachments/(?P<id>[^/]+)", "messages.attachments.get"),
        ("GET", r"messages/(?P<id>[^/]+)", "messages.get"),
        ("DELETE", r"messages/(?P<id>[^/]+)", "messages.delete"),
        ("POST", r"messages/(?P<id>[^/]+)/modify", "messages.modify"),
        ("POST", r"messages/(?P<id>[^/]+)/trash", "messages.trash"),
        ("POST", r"messages/(?P<id>[^/]+)/untrash", "messages.untrash"),
        ("GET", r"threads", "threads.list"),
        ("GET", r"threads/(?P<id>[^/]+)", "threads.get"),
        ("POST", r"threads/(?P<id>[^/]+)/modify", "threads.modify"),
        ("GET", r"history", "history.list"),
        ("GET", r"labels", "labels.list"),
        ("POST", r"labels", "labels.create"),
        ("GET", r"labels/(?P<id>[^/]+)", "labels.get"),
        ("DELETE", r"labels/(?P<id>[^/]+)", "labels.delete"),
        ("GET", r"drafts", "drafts.list"),
        ("POST", r"drafts", "drafts.create"),
        ("POST", r"drafts/send", "drafts.send"),
        ("GET", r"drafts/(?P<id>[^/]+)", "drafts.get"),
        ("PUT", r"drafts/(?P<id>[^/]+)", "drafts.update"),
        ("DELETE", r"drafts/(?P<id>[^/]+)", "drafts.delete"),
        ("GET", r"profile", "getProfile"),
        ("GET", r"settings/sendAs", "settings.sendAs.list"),
    ]
]

_MAIL, _G = "https://mail.google.com/", "https://www.googleapis.com/auth/gmail."
_READ = frozenset({_MAIL, _G + "modify", _G + "readonly"})
_READ_META = _READ | {_G + "metadata"}
_DRAFTS = frozenset({_MAIL, _G + "modify", _G + "compose"})
_MODIFY = frozenset({_MAIL, _G + "modify"})
#: The OAuth scopes one of which each method requires ("Authorization scopes" on each method's
#: reference page, developers.google.com/workspace/gmail/api/reference/rest/v1/...).
SCOPES_FOR: dict[str, frozenset[str]] = {
    **dict.fromkeys(("messages.list", "messages.get", "history.list", "labels.list",
                     "labels.get", "threads.list", "threads.get"), _READ_META),
    "getProfile": _READ_META | {_G + "compose"},
    "messages.attachments.get": _READ,
    "settings.sendAs.list": _READ | {_G + "settings.basic"},
    **dict.fromkeys(("drafts.list", "drafts.get"), _READ | {_G + "compose"}),
    **dict.fromkeys(("drafts.create", "drafts.update", "drafts.delete"), _DRAFTS),
    **dict.fromkeys(("messages.modify", "messages.trash", "messages.untrash",
                     "messages.batchModify", "threads.modify"), _MODIFY),
    **dict.fromkeys(("labels.create", "labels.delete"), _MODIFY | {_G + "labels"}),
    **dict.fromkeys(("messages.insert", "messages.import"), _MODIFY | {_G + "insert"}),
    **dict.fromkeys(("messages.delete", "messages.batchDelete"), frozenset({_MAIL})),
}
#: What the watcher asks for, and so what the user granted unless a test says otherwise.
WATCHER_SCOPES = frozenset({_G + "readonly", _G + "compose"})

_API_PREFIXES = ("/gmail/v1/users/", "/upload/gmail/v1/users/")
_DEFAULT_BATCH_PATHS = ("/batch/gmail/v1", "/batch")
MAX_BATCH_PARTS = 100
_PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")  # Gmail reads search dates as PST midnight
_HEX_ID = re.compile(r"[0-9a-fA-F]{1,16}")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SUBJECT_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg|sv|tr)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)

# (status, reason, domain, default message) for each HTTP code Google answers with.
_ERRORS: dict[int, tuple[str, str, str, str]] = {
    400: ("INVALID_ARGUMENT", "invalidArgument", "global", "Invalid argument"),
    401: (
        "UNAUTHENTICATED",
        "authError",
        "global",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, "
        "login cookie or other valid authentication credential.",
    ),
    403: ("PERMISSION_DENIED", "rateLimitExceeded", "usageLimits", "Rate Limit Exceeded"),
    404: ("NOT_FOUND", "notFound", "global", "Requested entity was not found."),
    409: ("ALREADY_EXISTS", "duplicate", "global", "Label name exists or conflicts"),
    429: (
        "RESOURCE_EXHAUSTED",
        "rateLimitExceeded",
        "usageLimits",
        "Too many concurrent requests for user.",
    ),
    500: ("INTERNAL", "backendError", "global", "Backend Error"),
    502: ("UNAVAILABLE", "backendError", "global", "Bad Gateway"),
    503: ("UNAVAILABLE", "backendError", "global", "The service is currently unavailable."),
}
_REASON_MESSAGES = {
    "userRateLimitExceeded": "User-rate limit exceeded.",
    "rateLimitExceeded": "Rate Limit Exceeded",
    "dailyLimitExceeded": "Daily Limit Exceeded",
    "insufficientPermissions": "Request had insufficient authentication scopes.",
}


class ApiError(Exception):
    """An error the fake answers with Google's JSON error body."""

    def __init__(
        self,
        code: int,
        message: str | None = None,
        reason: str | None = None,
        domain: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        status, default_reason, default_domain, default_message = _ERRORS.get(
            code, ("UNKNOWN", "unknown", "global", "Error")
        )
        self.code = code
        self.status = status
        self.reason = reason or default_reason
        self.domain = domain or default_domain
        if message is None and self.reason != default_reason:
            message = _REASON_MESSAGES.get(self.reason)
        self.message = message or default_message
        self.headers = dict(headers or {})
        super().__init__(f"{code} {self.message}")

    def body(self) -> dict[str, Any]:
        """The JSON body exactly in the shape Google sends."""
        err: dict[str, Any] = {"message": self.message, "domain": self.domain, "reason": self.reason}
        if self.code == 401:
            err.update(location="Authorization", locationType="header")
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "errors": [err],
                "status": self.status,
            }
        }


@dataclass
class Fault:
    """One injected fault; `hits` counts how often it fired."""

    method: str | None
    path_regex: re.Pattern[str]
    status: int
    times: int | None = 1
    retry_after: int | float | None = None
    drop_connection: bool = False
    apply_then_fail: bool = False
    reason: str | None = None
    message: str | None = None
    hits: int = 0

    def matches(self, http_method: str, api_method: str | None, path: str) -> bool:
        """Whether this fault applies to a request (and still has firings left)."""
        if self.times is not None and self.hits >= self.times:
            return False
        if self.method is not None:
            wanted = self.method
            if "." in wanted or wanted == "getProfile":
                if wanted != api_method:
                    return False
            elif wanted.upper() != http_method.upper():
                return False
        return self.path_regex.search(path) is not None

    def error(self) -> ApiError:
        """The error this fault answers with."""
        headers = {}
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        return ApiError(self.status, self.message, self.reason, headers=headers)


@dataclass
class _Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=UTF-8"


class _DropConnection(Exception):
    """Close the client's connection without answering."""


def write_client_secrets(fake: GmailFake, path: Path) -> Path:
    """An OAuth client secrets file (a desktop app's, as Google's console gives it) whose
    token endpoint is the fake's; returns `path`."""
    path.write_text(json.dumps({"installed": {
        "client_id": "123.apps.googleusercontent.com", "client_secret": "GOCSPX-test",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth", "token_uri": fake.token_uri,
        "redirect_uris": ["http://localhost"]}}))
    return path


def b64url(data: bytes) -> str:
    """Base64url without '=' padding, as Gmail answers `raw` and body `data`."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64url_decode(text: str) -> bytes:
    cleaned = text.strip().replace("+", "-").replace("/", "_").rstrip("=")
    try:
        return base64.urlsafe_b64decode(cleaned + "=" * (-len(cleaned) % 4))
    except (ValueError, TypeError) as exc:
        raise ApiError(400, "Invalid value for ByteString: " + text[:40]) from exc


def _decode_header_value(value: str | None) -> str:
    if value is None:
        return ""
    value = str(value)
    if any("\udc80" <= ch <= "\udcff" for ch in value):  # raw 8-bit header bytes: read as UTF-8
        value = value.encode("ascii", "surrogateescape").decode("utf-8", "replace")
    try:
        text = str(make_header(decode_header(value)))
    except Exception:  # malformed encoded words: keep the text as it stands, like Gmail
        text = value
    return re.sub(r"\r?\n[ \t]*", " ", text).strip()


def normalize_subject(subject: str) -> str:
    """Subject without Re:/Fwd: prefixes, whitespace collapsed, lower case (Gmail's threading)."""
    return " ".join(_SUBJECT_PREFIX.sub("", subject).split()).lower()


def _msgids(value: str) -> list[str]:
    return re.findall(r"<[^<>\s]+>", value or "")


def _snippet(text: str) -> str:
    flat = " ".join(text.split())[:200]
    # Gmail's snippets are HTML-escaped, with &#39; for the apostrophe.
    return html.escape(flat, quote=True).replace("&#x27;", "&#39;")


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"(?s)<[^>]+>", " ", markup))


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _WORD.findall(text)]


class _Parsed:
    """Everything derived from a message's bytes, computed once on first need."""

    def __init__(self, raw: bytes, msg_id: str) -> None:
        parsed = BytesParser().parsebytes(raw)
        self.headers = [(k, _decode_header_value(v)) for k, v in parsed.raw_items()]
        self.attachments: dict[str, bytes] = {}
        self.filenames: list[str] = []
        self.texts: list[str] = []
        self.html_texts: list[str] = []
        self._msg_id = msg_id
        self.payload = self._part(parsed, "")
        body_text = "\n".join(self.texts) or "\n".join(_html_to_text(h) for h in self.html_texts)
        self.snippet = _snippet(body_text)
        head = " ".join(v for k, v in self.headers if k.lower() in ("subject", "from", "to", "cc"))
        self.tokens = _tokens(head + " " + body_text + " " + " ".join(self.filenames))
        self.words = set(self.tokens)
        self.subject_tokens = _tokens(self.header("subject"))

    def header(self, name: str) -> str:
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return ""

    def header_all(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k.lower() == name]

    def _part(self, part: EmailMessage, part_id: str) -> dict[str, Any]:
        ctype = part.get_content_type()
        filename = _decode_header_value(part.get_filename()) if part.get_filename() else ""
        out: dict[str, Any] = {
            "partId": part_id,
            "mimeType": ctype,
            "filename": filename,
            "headers": [{"name": k, "value": _decode_header_value(v)} for k, v in part.raw_items()],
        }
        if part.is_multipart() and ctype.startswith("multipart/"):
            out["body"] = {"size": 0}
            children = part.get_payload()
            assert isinstance(children, list)
            out["parts"] = [
                self._part(child, f"{part_id}.{i}" if part_id else str(i))
                for i, child in enumerate(children)
            ]
            return out
        if part.is_multipart():  # message/rfc822: keep the enclosed message as bytes
            inner = part.get_payload()
            first = inner[0] if isinstance(inner, list) and inner else None
            data = first.as_bytes() if isinstance(first, EmailMessage) else b""
        else:
            decoded = part.get_payload(decode=True)
            data = decoded if isinstance(decoded, bytes) else b""
        is_calendar = ctype in ("text/calendar", "application/ics")
        if filename or is_calendar:
            self.filenames.append(filename or "invite.ics")
        if filename:
            aid = "ANGjdJ" + b64url(f"{self._msg_id}:{part_id}".encode())
            self.attachments[aid] = data
            out["body"] = {"attachmentId": aid, "size": len(data)}
            return out
        charset = part.get_content_charset() or "utf-8"
        if ctype == "text/plain":
            self.texts.append(data.decode(charset, "replace") if _known(charset) else data.decode("latin-1"))
        elif ctype == "text/html":
            self.html_texts.append(data.decode(charset, "replace") if _known(charset) else data.decode("latin-1"))
        out["body"] = {"size": len(data), "data": b64url(data)} if data else {"size": 0}
        return out


def _known(charset: str) -> bool:
    try:
        "".encode(charset)
    except LookupError:
        return False
    return True


@dataclass(frozen=True)
class _Head:
    """What threading and dates need from the header block (cheap: no body parsing)."""

    message_ids: tuple[str, ...]
    refs: tuple[str, ...]  # In-Reply-To first, then References newest first
    subject_key: str
    date_ms: int | None


@functools.lru_cache(maxsize=16)
def _head(raw: bytes) -> _Head:
    head = BytesHeaderParser().parsebytes(raw)
    raw_headers: dict[str, str] = {}
    for name, value in head.raw_items():  # raw: 8-bit bytes stay recoverable
        raw_headers.setdefault(name.lower(), str(value))

    def get(name: str) -> str:
        return raw_headers.get(name, "")

    refs = _msgids(get("in-reply-to")) + list(reversed(_msgids(get("references"))))
    try:
        date_ms: int | None = int(email.utils.parsedate_to_datetime(get("date")).timestamp() * 1000)
    except (TypeError, ValueError, IndexError, OverflowError):
        date_ms = None
    return _Head(
        tuple(m.lower() for m in _msgids(get("message-id"))),
        tuple(r.lower() for r in refs),
        normalize_subject(_decode_header_value(get("subject"))),
        date_ms,
    )


class _Msg:
    """One stored message."""

    __slots__ = ("_parsed", "head", "history_id", "id", "internal_date", "labels", "raw", "thread_id")

    def __init__(self, msg_id: str, thread_id: str, raw: bytes, labels: list[str], internal_date: int, history_id: int) -> None:
        self.id = msg_id
        self.thread_id = thread_id
        self.raw = raw
        self.labels = labels
        self.internal_date = internal_date
        self.history_id = history_id
        self.head = _head(raw)
        self._parsed: _Parsed | None = None

    @property
    def parsed(self) -> _Parsed:
        if self._parsed is None:
            self._parsed = _Parsed(self.raw, self.id)
        return self._parsed

    def ref(self) -> dict[str, Any]:
        return {"id": self.id, "threadId": self.thread_id}

    def ref_labels(self) -> dict[str, Any]:
        return {"id": self.id, "threadId": self.thread_id, "labelIds": list(self.labels)}


# ---------------------------------------------------------------------------------------------
# Search query language (the subset of Gmail's operators the watcher uses, and a few more).


Node = tuple[Any, ...]


def _tokenize_query(q: str) -> list[tuple[str, str, str]]:
    """Tokens as (kind, op, value): kinds ( ) { } - OR AND term phrase opgroup."""
    out: list[tuple[str, str, str]] = []
    i, n = 0, len(q)
    while i < n:
        c = q[i]
        if c.isspace():
            i += 1
        elif c in "(){}":
            out.append((c, "", ""))
            i += 1
        elif c == "-" and i + 1 < n and not q[i + 1].isspace():
            out.append(("-", "", ""))
            i += 1
        elif c == '"':
            end = q.find('"', i + 1)
            end = n if end < 0 else end
            out.append(("phrase", "", q[i + 1 : end]))
            i = end + 1
        else:
            j = i
            while j < n and not q[j].isspace() and q[j] not in '(){}"':
                j += 1
            word = q[i:j]
            m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*):(.*)", word)
            if m and not m.group(2) and j < n and q[j] == '"':
                end = q.find('"', j + 1)
                end = n if end < 0 else end
                out.append(("phrase", m.group(1).lower(), q[j + 1 : end]))
                i = end + 1
                continue
            if m and not m.group(2) and j < n and q[j] in "({":
                close = ")" if q[j] == "(" else "}"
                end = q.find(close, j + 1)
                end = n if end < 0 else end
                out.append(("opgroup" if close == ")" else "opany", m.group(1).lower(), q[j + 1 : end]))
                i = end + 1
                continue
            if word == "OR" or word == "|":
                out.append(("OR", "", ""))
            elif word == "AND":
                out.append(("AND", "", ""))
            elif m:
                out.append(("term", m.group(1).lower(), m.group(2)))
            else:
                out.append(("term", "", word))
            i = j
    return out


class _QueryParser:
    """Gmail precedence: OR binds tighter than the implicit AND; '-' negates; {} is OR; () AND."""

    def __init__(self, tokens: list[tuple[str, str, str]], default_op: str = "") -> None:
        self.toks = tokens
        self.pos = 0
        self.default_op = default_op

    def peek(self) -> str | None:
        return self.toks[self.pos][0] if self.pos < len(self.toks) else None

    def parse(self) -> Node:
        node = self.parse_and()
        while self.pos < len(self.toks):  # stray closers: skip and keep going
            self.pos += 1
            node = ("and", [node, self.parse_and()])
        return node

    def parse_and(self) -> Node:
        items: list[Node] = []
        while self.peek() not in (None, ")", "}"):
            if self.peek() in ("AND", "OR"):
                self.pos += 1
                continue
            items.append(self.parse_or_unit())
        return ("and", items)

    def parse_or_unit(self) -> Node:
        items = [self.parse_unary()]
        while self.peek() == "OR":
            self.pos += 1
            if self.peek() in (None, ")", "}"):
                break
            items.append(self.parse_unary())
        return items[0] if len(items) == 1 else ("or", items)

    def parse_unary(self) -> Node:
        if self.peek() == "-":
            self.pos += 1
            if self.peek() in (None, ")", "}"):
                return ("and", [])
            return ("not", self.parse_unary())
        return self.parse_atom()

    def parse_atom(self) -> Node:
        kind, op, value = self.toks[self.pos]
        self.pos += 1
        if kind == "(":
            node = self.parse_and()
            if self.peek() == ")":
                self.pos += 1
            return node
        if kind == "{":
            items: list[Node] = []
            while self.peek() not in (None, "}", ")"):
                if self.peek() in ("AND", "OR"):
                    self.pos += 1
                    continue
                items.append(self.parse_unary())
            if self.peek() == "}":
                self.pos += 1
            return ("or", items)
        if kind in ("opgroup", "opany"):
            inner = _QueryParser(_tokenize_query(value), default_op=op).parse()
            if kind == "opany":
                inner = ("or", inner[1]) if inner[0] == "and" else inner
            return inner
        if kind == "phrase":
            return ("term", op or self.default_op, value, True)
        return ("term", op or self.default_op, value, False)


def parse_query(q: str) -> Node:
    """Parse a Gmail search string into a small tree (exposed for tests)."""
    return _QueryParser(_tokenize_query(q)).parse()


def _query_mentions(node: Node, wanted: set[str]) -> bool:
    if node[0] in ("and", "or"):
        return any(_query_mentions(child, wanted) for child in node[1])
    if node[0] == "not":
        return False
    _, op, value, _phrase = node
    return op in ("in", "label", "is") and value.lower() in wanted


def _parse_date(value: str, tz: zoneinfo.ZoneInfo) -> int | None:
    """A search date to epoch ms: digits are epoch seconds, dates are midnight Pacific time."""
    if value.isdigit():
        return int(value) * 1000
    for fmt in ("%Y/%m/%d", "%Y-%m-%d", "%m/%d/%Y"):
        try:
            day = datetime.strptime(value, fmt)
        except ValueError:
            continue
        return int(day.replace(tzinfo=tz).timestamp() * 1000)
    return None


_RELATIVE_UNITS_DAYS = {"d": 1, "m": 30, "y": 365}
_CATEGORIES = {
    "primary": "CATEGORY_PERSONAL",
    "personal": "CATEGORY_PERSONAL",
    "social": "CATEGORY_SOCIAL",
    "promotions": "CATEGORY_PROMOTIONS",
    "updates": "CATEGORY_UPDATES",
    "forums": "CATEGORY_FORUMS",
}


def _norm_label_name(name: str) -> str:
    return re.sub(r"[\s/_-]+", "-", name.strip().lower())


# ---------------------------------------------------------------------------------------------


class GmailFake:
    """The fake mailbox plus its HTTP server. Python helpers here; Gmail's API over HTTP."""

    def __init__(
        self,
        email_address: str = "me@example.com",
        clock: Callable[[], float] = time.time,
        seed: int = 0,
        batch_paths: Iterable[str] = _DEFAULT_BATCH_PATHS,
    ) -> None:
        self.email_address = email_address
        #: Verified "Send mail as" aliases (settings.sendAs.list lists them after the address)
        self.send_as: list[str] = []
        self.clock = clock
        self.batch_paths = tuple(batch_paths)
        self._rand = random.Random(seed)
        self._lock = threading.RLock()
        self._messages: dict[str, _Msg] = {}
        self._threads: dict[str, list[str]] = {}
        self._by_msgid: dict[str, list[str]] = {}  # Message-ID header -> Gmail ids
        self._drafts: dict[str, str] = {}  # draft id -> message id
        self._user_labels: dict[str, dict[str, Any]] = {}
        self._label_seq = itertools.count(1)
        self._draft_seq = itertools.count(self._rand.randrange(10**17, 9 * 10**17))
        self._last_id = 0
        self._history_id = self._rand.randrange(100_000, 900_000)
        self._history: list[dict[str, Any]] = []  # records, ascending id; see _record
        self._history_floor = 0
        self.faults: list[Fault] = []
        #: Parts of one batch Gmail serves at once; the rest are answered 429 "Too many
        #: concurrent requests for user". Reported: a 100-part batch refused cold and 25 served
        #: (github.com/amd/gaia/issues/2720), 20 the most that worked
        #: (github.com/keinobjekt/BandcampReleaseSummary/pull/2). 20 by default, as Gmail is
        #: not kinder than that; None: all.
        self.concurrent_parts: int | None = 20
        #: Batch parts answered 429 because of `concurrent_parts`.
        self.concurrency_refusals = 0
        #: Every HTTP request received, as (method, path without query).
        self.requests: list[tuple[str, str]] = []
        #: Every API call (batch parts included), as (API method name, HTTP method, path).
        self.calls: list[tuple[str, str, str]] = []
        #: Quota units charged per API method name.
        self.quota_by_method: Counter[str] = Counter()
        #: Every attempt to send mail, as (HTTP method, path); the fixture fails the test on any.
        self.send_attempts: list[tuple[str, str]] = []
        #: Bugs of the fake itself (answered 500); the fixture fails the test on any.
        self.internal_errors: list[str] = []
        #: Set to True in the one test that checks the trip-wire itself.
        self.allow_send_attempts = False
        #: Access tokens that answer 401 (and refresh tokens that answer invalid_grant).
        self.revoked_tokens: set[str] = set()
        self.revoked_refresh_tokens: set[str] = set()
        self.grant_revoked = False
        #: Access tokens handed out by the token endpoint, in order.
        self.issued_tokens: list[str] = []
        #: The scopes the user granted: the access tokens the token endpoint issues carry
        #: these (or the part of them a refresh asks for), and a method none of whose scopes
        #: a token carries is answered 403 insufficientPermissions, as Gmail does. Tokens the
        #: fake did not issue (a test's "dummy-token") may do anything.
        self.granted_scopes: frozenset[str] = WATCHER_SCOPES
        self._token_scopes: dict[str, frozenset[str]] = {}
        self._token_seq = itertools.count(1)
        #: Per-user limit in quota units per second of the fake's clock (Gmail: 250); None = off.
        self.rate_limit_units_per_second: int | None = None
        self._recent_units: deque[tuple[float, int]] = deque()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- server lifecycle ---------------------------------------------------------------------

    def start(self) -> GmailFake:
        """Serve on 127.0.0.1 on a free port in a daemon thread."""
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), name="gmail-fake", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> GmailFake:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:43121 (use it as client_options api_endpoint)."""
        assert self._server is not None, "start() the fake first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_endpoint(self) -> str:
        """The value for build(..., client_options={"api_endpoint": ...})."""
        return self.url

    @property
    def batch_uri(self) -> str:
        """The value for BatchHttpRequest(batch_uri=...)."""
        return self.url + "/batch/gmail/v1"

    @property
    def token_uri(self) -> str:
        """The value for google.oauth2.credentials.Credentials(token_uri=...)."""
        return self.url + "/token"

    # -- counters -----------------------------------------------------------------------------

    @property
    def quota_units(self) -> int:
        """Total quota units charged so far."""
        return sum(self.quota_by_method.values())

    @property
    def sent_attempts(self) -> list[tuple[str, str]]:
        """Alias of send_attempts."""
        return self.send_attempts

    def call_counts(self) -> Counter[str]:
        """API calls per method name (batch parts counted one by one)."""
        return Counter(name for name, _m, _p in self.calls)

    def request_counts(self) -> Counter[tuple[str, str]]:
        """HTTP requests per (method, path); a batch is one request."""
        return Counter(self.requests)

    def reset_counters(self) -> None:
        """Forget requests, calls and quota (not send attempts: those always fail the test)."""
        with self._lock:
            self.requests.clear()
            self.calls.clear()
            self.quota_by_method.clear()

    # -- faults and auth ----------------------------------------------------------------------

    def inject_fault(
        self,
        method: str | None,
        path_regex: str,
        status: int = 500,
        times: int | None = 1,
        retry_after: int | float | None = None,
        drop_connection: bool = False,
        apply_then_fail: bool = False,
        reason: str | None = None,
        message: str | None = None,
    ) -> Fault:
        """Make matching requests fail.

        `method` is an HTTP method ("GET"), an API method name ("messages.get") or None for any;
        `path_regex` is searched in the request path (no query string). Batch parts are matched
        one by one (a partial failure); a part's drop_connection drops the whole batch.
        `times=None` fires forever. `apply_then_fail` applies the request, then answers the
        error (or drops the connection): the client loses the answer to a change that happened.
        """
        fault = Fault(
            method, re.compile(path_regex), status, times, retry_after, drop_connection,
            apply_then_fail, reason, message,
        )
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove every injected fault."""
        with self._lock:
            self.faults.clear()

    def revoke_access_token(self, token: str) -> None:
        """That access token answers 401 from now on (an expired/revoked token)."""
        self.revoked_tokens.add(token)

    def revoke_refresh_token(self, token: str) -> None:
        """Refreshing with that refresh token answers 400 invalid_grant."""
        self.revoked_refresh_tokens.add(token)

    def revoke_grant(self) -> None:
        """The user revoked the app: every access token 401s and every refresh is invalid_grant."""
        self.grant_revoked = True

    # -- history ------------------------------------------------------------------------------

    @property
    def history_id(self) -> int:
        """The mailbox's current historyId."""
        return self._history_id

    def expire_history(self, floor: int | None = None) -> None:
        """history.list answers 404 for any startHistoryId below `floor` (default: current id)."""
        with self._lock:
            self._history_floor = self._history_id if floor is None else floor

    def _bump(self) -> int:
        # Real history ids grow with random gaps; a backend must not assume contiguity.
        self._history_id += self._rand.randint(1, 4)
        return self._history_id

    def _record(
        self,
        msg: _Msg,
        added: bool = False,
        deleted: bool = False,
        labels_added: Iterable[str] = (),
        labels_removed: Iterable[str] = (),
    ) -> None:
        hid = self._bump()
        msg.history_id = hid
        rec: dict[str, Any] = {"id": hid, "msg": msg.ref(), "labels": list(msg.labels)}
        if added:
            rec["messageAdded"] = True
        if deleted:
            rec["messageDeleted"] = True
        la, lr = list(labels_added), list(labels_removed)
        if la:
            rec["labelAdded"] = la
        if lr:
            rec["labelRemoved"] = lr
        self._history.append(rec)

    # -- Python helpers (the test's view of "what happened in the mailbox") --------------------

    def _now_ms(self) -> int:
        return int(self.clock() * 1000)

    def _new_message_id(self) -> str:
        # Gmail ids are the arrival time in ms shifted left 20 bits plus noise: 16 hex digits.
        candidate = (self._now_ms() << 20) | self._rand.randrange(1 << 20)
        self._last_id = max(candidate, self._last_id + 1 + self._rand.randrange(256))
        return f"{self._last_id:016x}"

    def _internal_date(self, raw: bytes, internal_date: datetime | int | float | None, source: str = "dateHeader") -> int:
        if isinstance(internal_date, datetime):
            return int(internal_date.timestamp() * 1000)
        if isinstance(internal_date, int):
            return internal_date
        if isinstance(internal_date, float):
            return int(internal_date * 1000)
        if source == "dateHeader" and _head(raw).date_ms is not None:
            return _head(raw).date_ms or 0
        return self._now_ms()

    def _thread_for(self, raw: bytes, wanted_thread: str | None, by_headers: bool) -> str | None:
        """The thread a new message joins, following Gmail's rules, or None for a new one.

        With `wanted_thread` (API insert/import/drafts with threadId), the message joins only if
        In-Reply-To/References name a message of that thread and the subjects match. With
        `by_headers` (mail arriving by SMTP, mail the user writes), any referenced message's
        thread is joined when the subjects match.
        """
        if wanted_thread is None and not by_headers:
            return None
        head = _head(raw)
        for ref in head.refs:
            for gid in self._by_msgid.get(ref, []):
                other = self._messages.get(gid)
                if other is None:
                    continue
                if wanted_thread is not None and other.thread_id != wanted_thread:
                    continue
                if other.head.subject_key == head.subject_key:
                    return other.thread_id
        return None

    def _store(
        self,
        raw: bytes,
        labels: Iterable[str],
        internal_date: int,
        thread_id: str | None,
    ) -> _Msg:
        msg_id = self._new_message_id()
        tid = thread_id or msg_id
        label_list: list[str] = []
        for label in labels:
            self._check_label(label)
            if label not in label_list:
                label_list.append(label)
        msg = _Msg(msg_id, tid, bytes(raw), label_list, internal_date, 0)
        self._messages[msg_id] = msg
        self._threads.setdefault(tid, []).append(msg_id)
        for mid in msg.head.message_ids:
            self._by_msgid.setdefault(mid, []).append(msg_id)
        self._record(msg, added=True)
        return msg

    def _remove(self, msg: _Msg) -> None:
        del self._messages[msg.id]
        thread = self._threads.get(msg.thread_id, [])
        if msg.id in thread:
            thread.remove(msg.id)
        if not thread:
            self._threads.pop(msg.thread_id, None)
        for mid in msg.head.message_ids:
            ids = self._by_msgid.get(mid, [])
            if msg.id in ids:
                ids.remove(msg.id)
        self._record(msg, deleted=True)

    def add_message(
        self,
        raw: bytes,
        labels: Iterable[str] = ("INBOX",),
        internal_date: datetime | int | float | None = None,
    ) -> tuple[str, str]:
        """Deliver mail as Gmail's SMTP side would (threads by headers). Returns (id, threadId).

        `internal_date`: aware datetime, epoch ms (int) or epoch seconds (float); by default the
        Date header, else the fake's clock.
        """
        with self._lock:
            tid = self._thread_for(raw, None, by_headers=True)
            msg = self._store(raw, labels, self._internal_date(raw, internal_date), tid)
            return msg.id, msg.thread_id

    def bulk_add(self, items: Iterable[bytes | tuple[Any, ...] | Mapping[str, Any]]) -> list[tuple[str, str]]:
        """Seed many messages at once: each item is raw bytes, (raw, labels[, internal_date])
        or {"raw", "labels", "internal_date"}. Same semantics as add_message, one lock."""
        out = []
        with self._lock:
            for item in items:
                if isinstance(item, bytes | bytearray):
                    out.append(self.add_message(bytes(item)))
                elif isinstance(item, Mapping):
                    out.append(self.add_message(item["raw"], item.get("labels", ("INBOX",)), item.get("internal_date")))
                else:
                    out.append(self.add_message(*item))
        return out

    def user_sends(self, raw: bytes, internal_date: datetime | int | float | None = None) -> tuple[str, str]:
        """The user wrote and sent a message by hand in Gmail: it lands in SENT, threaded by headers."""
        with self._lock:
            tid = self._thread_for(raw, None, by_headers=True)
            when = self._now_ms() if internal_date is None else self._internal_date(raw, internal_date)
            msg = self._store(raw, ("SENT",), when, tid)
            return msg.id, msg.thread_id

    def user_sends_draft(self, draft_id: str) -> str:
        """The user pressed Send on a draft. As Google documents it: "the draft is automatically
        deleted and a new message with an updated ID is created with the SENT system label"
        (same thread): history has messageDeleted for the draft's message and messageAdded
        for the sent one, whose id is returned."""
        with self._lock:
            msg_id = self._drafts.pop(draft_id)
            old = self._messages[msg_id]
            extra = b""
            if not old.head.message_ids:
                extra += f"Message-ID: {email.utils.make_msgid(domain='mail.gmail.com')}\r\n".encode()
            if old.head.date_ms is None:
                extra += f"Date: {email.utils.formatdate(self.clock())}\r\n".encode()
            raw, thread = extra + old.raw, old.thread_id
            self._remove(old)
            sent = self._store(raw, ("SENT",), self._now_ms(), thread)
            return sent.id

    def user_deletes_draft(self, draft_id: str) -> None:
        """The user discarded a draft: draft and message are gone (messageDeleted in history)."""
        with self._lock:
            msg_id = self._drafts.pop(draft_id)
            self._remove(self._messages[msg_id])

    def user_edits_draft(self, draft_id: str, raw: bytes) -> str:
        """The user edited a draft in Gmail: same draft id, a new message id (returned); the
        draft leaves its thread when the edit breaks the subject/References match."""
        with self._lock:
            old = self._messages[self._drafts[draft_id]]
            tid = self._thread_for(raw, old.thread_id, by_headers=False)
            new = self._store(raw, ("DRAFT",), self._now_ms(), tid)
            self._drafts[draft_id] = new.id
            self._remove(old)
            return new.id

    def user_modifies(self, message_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        """The user changed labels (read, archived, starred, labelled) in Gmail."""
        with self._lock:
            self._modify(self._messages[message_id], list(add), list(remove), system_ok=True)

    def user_deletes_message(self, message_id: str) -> None:
        """The message is gone for good (deleted forever, or emptied from the trash)."""
        with self._lock:
            msg = self._messages[message_id]
            for draft_id, mid in list(self._drafts.items()):
                if mid == message_id:
                    del self._drafts[draft_id]
            self._remove(msg)

    def create_label(self, name: str) -> str:
        """Create a user label; returns its id (Label_N)."""
        with self._lock:
            return self._create_label({"name": name})["id"]

    def label_id(self, name: str) -> str | None:
        """The id of the label with that name (system or user), or None."""
        if name.upper() in SYSTEM_LABELS:
            return name.upper()
        for lid, label in self._user_labels.items():
            if label["name"] == name:
                return lid
        return None

    def message(self, message_id: str) -> dict[str, Any]:
        """A snapshot of a stored message: id, threadId, labelIds, internalDate (ms), raw (bytes)."""
        with self._lock:
            msg = self._messages[message_id]
            return {
                "id": msg.id,
                "threadId": msg.thread_id,
                "labelIds": list(msg.labels),
                "internalDate": msg.internal_date,
                "historyId": msg.history_id,
                "raw": msg.raw,
            }

    def render(self, message_id: str, fmt: str = "full", metadata_headers: Iterable[str] = ()) -> dict[str, Any]:
        """The JSON messages.get would answer (format minimal|metadata|full|raw), without HTTP."""
        with self._lock:
            return self._render(self._messages[message_id], fmt, list(metadata_headers))

    def has_message(self, message_id: str) -> bool:
        """Whether a message with that id exists."""
        return message_id in self._messages

    def thread(self, thread_id: str) -> list[str]:
        """The message ids of a thread, oldest first."""
        with self._lock:
            return sorted(self._threads.get(thread_id, []), key=lambda m: (self._messages[m].internal_date, m))

    def drafts(self) -> dict[str, str]:
        """Current drafts: draft id -> message id."""
        with self._lock:
            return dict(self._drafts)

    # -- labels -------------------------------------------------------------------------------

    def _check_label(self, label: str) -> None:
        if label not in SYSTEM_LABELS and label not in self._user_labels:
            raise ApiError(400, f"Invalid label: {label}")

    def _label_json(self, lid: str, counts: bool = False) -> dict[str, Any]:
        if lid in SYSTEM_LABELS:
            out: dict[str, Any] = {"id": lid, "name": lid, "type": "system"}
            if lid in ("INBOX", "SENT", "DRAFT", "SPAM", "TRASH", "STARRED", "UNREAD", "IMPORTANT"):
                out["messageListVisibility"] = "hide"
                out["labelListVisibility"] = "labelShow"
        else:
            out = dict(self._user_labels[lid])
        if counts:
            with_label = [m for m in self._messages.values() if lid in m.labels]
            out["messagesTotal"] = len(with_label)
            out["messagesUnread"] = sum(1 for m in with_label if "UNREAD" in m.labels)
            out["threadsTotal"] = len({m.thread_id for m in with_label})
            out["threadsUnread"] = len({m.thread_id for m in with_label if "UNREAD" in m.labels})
        return out

    def _create_label(self, body: Mapping[str, Any]) -> dict[str, Any]:
        name = str(body.get("name") or "").strip()
        if not name:
            raise ApiError(400, "Invalid label name")
        taken = {lbl["name"].lower() for lbl in self._user_labels.values()} | {s.lower() for s in SYSTEM_LABELS}
        if name.lower() in taken:
            raise ApiError(409, "Label name exists or conflicts")
        lid = f"Label_{next(self._label_seq)}"
        self._user_labels[lid] = {
            "id": lid,
            "name": name,
            "messageListVisibility": body.get("messageListVisibility", "show"),
            "labelListVisibility": body.get("labelListVisibility", "labelShow"),
            "type": "user",
        }
        return dict(self._user_labels[lid])

    def _modify(self, msg: _Msg, add: list[str], remove: list[str], system_ok: bool = False) -> None:
        if not system_ok and "DRAFT" in msg.labels and (add or remove):
            # "Draft messages cannot have any label other than the DRAFT system label."
            raise ApiError(400, "Invalid label: a draft's message has only the DRAFT label")
        for label in add + remove:
            self._check_label(label)
            if not system_ok and label in ("DRAFT", "SENT", "CHAT") and label in add:
                raise ApiError(400, f"Invalid label: {label}")
        added = [lbl for lbl in dict.fromkeys(add) if lbl not in msg.labels]
        removed = [lbl for lbl in dict.fromkeys(remove) if lbl in msg.labels and lbl not in add]
        if not added and not removed:
            return
        msg.labels = [lbl for lbl in msg.labels if lbl not in removed] + added
        self._record(msg, labels_added=added, labels_removed=removed)

    # -- message rendering --------------------------------------------------------------------

    def _render(self, msg: _Msg, fmt: str, metadata_headers: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": msg.id,
            "threadId": msg.thread_id,
            "labelIds": list(msg.labels),
            "snippet": msg.parsed.snippet,
            "sizeEstimate": len(msg.raw),
            "historyId": str(msg.history_id),
            "internalDate": str(msg.internal_date),
        }
        if not msg.labels:
            del out["labelIds"]
        if fmt == "raw":
            out["raw"] = b64url(msg.raw)
        elif fmt == "metadata":
            wanted = {h.lower() for h in metadata_headers}
            headers = msg.parsed.payload["headers"]
            if wanted:
                headers = [h for h in headers if h["name"].lower() in wanted]
            out["payload"] = {"partId": "", "mimeType": msg.parsed.payload["mimeType"], "filename": "", "headers": headers}
        elif fmt == "full":
            out["payload"] = msg.parsed.payload
        elif fmt != "minimal":
            raise ApiError(400, f"Invalid value at 'format' ({fmt})")
        return out

    # -- search -------------------------------------------------------------------------------

    def _matches(self, msg: _Msg, node: Node) -> bool:
        kind = node[0]
        if kind == "and":
            return all(self._matches(msg, child) for child in node[1])
        if kind == "or":
            return any(self._matches(msg, child) for child in node[1])
        if kind == "not":
            return not self._matches(msg, node[1])
        _, op, value, phrase = node
        return self._term(msg, op, value, phrase)

    def _text_match(self, tokens: list[str], words: set[str], value: str) -> bool:
        wanted = _tokens(value)
        if not wanted:
            return True
        if len(wanted) == 1:
            return wanted[0] in words
        n = len(wanted)
        return any(tokens[i : i + n] == wanted for i in range(len(tokens) - n + 1))

    def _term(self, msg: _Msg, op: str, value: str, phrase: bool) -> bool:
        p = msg.parsed
        v = value.lower()
        if op == "":
            return self._text_match(p.tokens, p.words, value)
        if op in ("from", "to", "cc", "bcc", "deliveredto", "list"):
            header = {"deliveredto": "delivered-to", "list": "list-id"}.get(op, op)
            hay = " ".join(p.header_all(header)).lower()
            if v == "me":
                v = self.email_address.lower()
            if op == "to" and v == self.email_address.lower():
                hay += " " + " ".join(p.header_all("cc")).lower()
            return v in hay
        if op == "subject":
            return self._text_match(p.subject_tokens, set(p.subject_tokens), value)
        if op in ("label", "in", "is"):
            if v in ("anywhere", "all"):
                return True
            if v in ("drafts", "draft"):
                v = "draft"
            if v == "read":
                return "UNREAD" not in msg.labels
            if v in (lbl.lower() for lbl in SYSTEM_LABELS) or v in ("unread", "starred", "important"):
                return v.upper() in msg.labels
            wanted = _norm_label_name(value)
            return any(
                _norm_label_name(self._user_labels[lbl]["name"]) == wanted or lbl.lower() == v
                for lbl in msg.labels
                if lbl in self._user_labels
            )
        if op == "category":
            return _CATEGORIES.get(v, "") in msg.labels
        if op == "has":
            if v == "attachment":
                return bool(p.attachments)
            if v == "userlabels":
                return any(lbl in self._user_labels for lbl in msg.labels)
            if v == "nouserlabels":
                return not any(lbl in self._user_labels for lbl in msg.labels)
            return False
        if op == "filename":
            return any(fn.lower() == v or fn.lower().endswith("." + v) or (len(v) > 3 and v in fn.lower()) for fn in p.filenames)
        if op == "rfc822msgid":
            return any(v.strip("<>") == m.strip("<>").lower() for m in _msgids(p.header("message-id")))
        if op in ("after", "before", "older", "newer"):
            ms = _parse_date(value, _PACIFIC)
            if ms is None:
                return False
            return msg.internal_date >= ms if op in ("after", "newer") else msg.internal_date < ms
        if op in ("older_than", "newer_than"):
            m = re.fullmatch(r"(\d+)([dmy])", v)
            if not m:
                return False
            limit = self._now_ms() - int(m.group(1)) * _RELATIVE_UNITS_DAYS[m.group(2)] * 86_400_000
            return msg.internal_date > limit if op == "newer_than" else msg.internal_date < limit
        if op in ("larger", "smaller", "size"):
            m = re.fullmatch(r"(\d+)([km]?)", v)
            if not m:
                return False
            size = int(m.group(1)) * {"": 1, "k": 1024, "m": 1024 * 1024}[m.group(2)]
            return len(msg.raw) < size if op == "smaller" else len(msg.raw) > size
        return self._text_match(p.tokens, p.words, f"{op} {value}")

    def _search(self, q: str, label_ids: list[str], include_spam_trash: bool, pool: Iterable[_Msg]) -> list[_Msg]:
        node = parse_query(q) if q.strip() else ("and", [])
        hide: set[str] = set()
        if not include_spam_trash:
            hide = {"SPAM", "TRASH"} - set(label_ids)
            if _query_mentions(node, {"spam", "trash", "anywhere"}):
                hide = set()
        found = [
            m
            for m in pool
            if not hide.intersection(m.labels)
            and all(lbl in m.labels for lbl in label_ids)
            and self._matches(m, node)
        ]
        found.sort(key=lambda m: (m.internal_date, m.id), reverse=True)
        return found

    # -- HTTP plumbing ------------------------------------------------------------------------

    def _handle_http(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> _Response:
        parsed = urllib.parse.urlsplit(target)
        path = parsed.path
        with self._lock:
            self.requests.append((method, path))
        if method == "POST" and path == "/token":
            return self._guard(method, path, None, lambda: self._token(body))
        if method == "POST" and path in self.batch_paths:
            return self._guard(method, path, None, lambda: self._batch(headers, body))
        return self._call(method, target, headers, body)

    def _guard(self, method: str, path: str, api: str | None, run: Callable[[], _Response]) -> _Response:
        """Apply faults around a handler; raises _DropConnection to drop."""
        with self._lock:
            fault = next((f for f in self.faults if f.matches(method, api, path)), None)
            if fault is not None:
                fault.hits += 1
        if fault is not None and not fault.apply_then_fail:
            if fault.drop_connection:
                raise _DropConnection
            return _error_response(fault.error())
        response = run()
        if fault is not None:
            if fault.drop_connection:
                raise _DropConnection
            return _error_response(fault.error())
        return response

    def _call(self, method: str, target: str, headers: Mapping[str, str], body: bytes) -> _Response:
        """One API call: a plain request or one part of a batch."""
        parsed = urllib.parse.urlsplit(target)
        path = parsed.path
        query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        if method == "POST" and headers.get("x-http-method-override"):
            method = headers["x-http-method-override"].upper()
            for k, vals in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items():
                query.setdefault(k, []).extend(vals)
            body = b""
        if path.rstrip("/").endswith("/send"):
            # The trip-wire: the watcher never sends mail. Recorded, refused, and the fixture
            # fails the test at teardown even if the caller swallowed the error.
            with self._lock:
                self.send_attempts.append((method, path))
            log.error("gmail fake: send attempt %s %s", method, path)
            return _error_response(
                ApiError(403, "gmail_fake trip-wire: watcher must never send mail", "forbidden", "global")
            )
        api_name, user, args = _route(method, path)
        with self._lock:
            self.calls.append((api_name or "unknown", method, path))
        auth_error = self._check_auth(headers)
        if auth_error is not None:
            return _error_response(auth_error)
        if api_name is None:
            return _error_response(ApiError(404, f"Not Found: {method} {path}", "notFound"))
        scopes = self._token_scopes.get(headers.get("authorization", "")[7:].strip())
        if scopes is not None and not scopes & SCOPES_FOR.get(api_name, frozenset({_MAIL})):
            return _error_response(ApiError(403, None, "insufficientPermissions", "global"))
        if user not in ("me", self.email_address):
            return _error_response(ApiError(403, f"Delegation denied for {self.email_address}", "forbidden", "global"))

        def run() -> _Response:
            with self._lock:
                units = QUOTA_UNITS.get(api_name, 5)
                if self._over_rate_limit(units):
                    return _error_response(ApiError(429, "User-rate limit exceeded.", "rateLimitExceeded"))
                self.quota_by_method[api_name] += units
                try:
                    payload = json.loads(body) if body.strip() else {}
                except ValueError:
                    payload = None
                if not isinstance(payload, dict):
                    return _error_response(ApiError(400, "Invalid JSON payload received."))
                try:
                    result = self._dispatch(api_name, args, query, payload)
                except ApiError as err:
                    return _error_response(err)
                except Exception as exc:  # a bug in the fake: answer 500, fail the test later
                    log.exception("gmail fake: internal error in %s", api_name)
                    self.internal_errors.append(f"{api_name}: {exc!r}")
                    return _error_response(ApiError(500))
            if result is None:
                return _Response(204)
            fields = query.get("fields")
            if fields:
                try:
                    result = apply_fields(result, parse_fields(fields[-1]))
                except ValueError as exc:
                    return _error_response(ApiError(400, f"Invalid field selection {fields[-1]}: {exc}"))
            return _Response(200, json.dumps(result).encode())

        return self._guard(method, path, api_name, run)

    def _over_rate_limit(self, units: int) -> bool:
        """Gmail's moving per-user limit, measured on the fake's clock (off unless set)."""
        if self.rate_limit_units_per_second is None:
            return False
        now = self.clock()
        while self._recent_units and self._recent_units[0][0] <= now - 1.0:
            self._recent_units.popleft()
        if sum(u for _t, u in self._recent_units) + units > self.rate_limit_units_per_second:
            return True
        self._recent_units.append((now, units))
        return False

    def _check_auth(self, headers: Mapping[str, str]) -> ApiError | None:
        auth = headers.get("authorization", "")
        if not auth.lower().startswith("bearer ") or not auth[7:].strip():
            return ApiError(401, "Request is missing required authentication credential.")
        token = auth[7:].strip()
        if self.grant_revoked or token in self.revoked_tokens:
            return ApiError(401, None, None, headers={"WWW-Authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"'})
        return None

    def _token(self, body: bytes) -> _Response:
        form = {k: v[-1] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        grant = form.get("grant_type")
        if grant == "refresh_token":
            refresh = form.get("refresh_token", "")
            if not refresh or self.grant_revoked or refresh in self.revoked_refresh_tokens:
                return _Response(400, json.dumps({"error": "invalid_grant", "error_description": "Token has been expired or revoked."}).encode())
        elif grant == "authorization_code":
            refresh = f"1//fake-refresh-{next(self._token_seq)}"
        else:
            return _Response(400, json.dumps({"error": "unsupported_grant_type", "error_description": f"Invalid grant_type: {grant}"}).encode())
        access = f"ya29.fake-{next(self._token_seq)}"
        asked = frozenset(form.get("scope", "").split())
        # a refresh may ask for less than the grant, never more (more: Google's invalid_scope)
        scopes = self.granted_scopes & asked if asked else self.granted_scopes
        with self._lock:
            self.issued_tokens.append(access)
            self._token_scopes[access] = scopes
        answer = {
            "access_token": access,
            "expires_in": 3599,
            "scope": " ".join(sorted(scopes)),
            "token_type": "Bearer",
        }
        if grant == "authorization_code":
            answer["refresh_token"] = refresh
        return _Response(200, json.dumps(answer).encode())

    def _batch(self, headers: Mapping[str, str], body: bytes) -> _Response:
        ctype = headers.get("content-type", "")
        if not ctype.lower().startswith("multipart/mixed"):
            return _error_response(ApiError(400, "Batch requests must be multipart/mixed"))
        envelope = BytesParser().parsebytes(b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
        parts = envelope.get_payload() if envelope.is_multipart() else []
        assert isinstance(parts, list)
        if len(parts) > MAX_BATCH_PARTS:
            return _error_response(ApiError(400, f"A batch request cannot contain more than {MAX_BATCH_PARTS} requests"))
        outer_auth = headers.get("authorization")
        answers = []
        for n, part in enumerate(parts):
            if not isinstance(part, EmailMessage):
                continue
            cid = str(part.get("Content-ID", "")).strip().strip("<>")
            if self.concurrent_parts is not None and n >= self.concurrent_parts:
                with self._lock:
                    self.concurrency_refusals += 1
                answers.append((cid, _error_response(ApiError(
                    429, "Too many concurrent requests for user.", "rateLimitExceeded"))))
                continue
            data = part.get_payload(decode=True)
            text = data.decode("utf-8", "surrogateescape") if isinstance(data, bytes) else str(part.get_payload())
            method, target, inner_headers, inner_body = _parse_http_part(text)
            if outer_auth and "authorization" not in inner_headers:
                inner_headers["authorization"] = outer_auth
            response = self._call(method, target, inner_headers, inner_body)
            answers.append((cid, response))
        boundary = "batch_" + b64url(self._rand.randbytes(12))
        chunks = []
        for cid, resp in answers:
            head = f"HTTP/1.1 {resp.status} {_reason_phrase(resp.status)}\r\n"
            if resp.status != 204:
                head += f"Content-Type: {resp.content_type}\r\n"
            for k, v in resp.headers.items():
                head += f"{k}: {v}\r\n"
            head += f"Content-Length: {len(resp.body)}\r\n\r\n"
            chunks.append(
                f"--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <response-{cid}>\r\n\r\n".encode()
                + head.encode()
                + resp.body
                + b"\r\n"
            )
        chunks.append(f"--{boundary}--\r\n".encode())
        return _Response(200, b"".join(chunks), content_type=f"multipart/mixed; boundary={boundary}")

    # -- API methods --------------------------------------------------------------------------

    def _dispatch(self, name: str, args: dict[str, str], query: dict[str, list[str]], body: dict[str, Any]) -> dict[str, Any] | None:
        def one(key: str, default: str = "") -> str:
            vals = query.get(key)
            return vals[-1] if vals else default

        def flag(key: str) -> bool:
            return one(key, "false").lower() == "true"

        def max_results(default: int = 100) -> int:
            raw = one("maxResults", str(default))
            try:
                value = int(raw)
            except ValueError as exc:
                raise ApiError(400, f"Invalid value for maxResults: {raw}") from exc
            if value < 0:
                raise ApiError(400, f"Invalid value for maxResults: {raw}")
            return min(value or default, 500)

        def page(items: list[Any], key: str, render: Callable[[Any], Any]) -> dict[str, Any]:
            token = one("pageToken")
            start = _decode_page_token(token) if token else 0
            size = max_results()
            chunk = items[start : start + size]
            out: dict[str, Any] = {}
            if chunk:
                out[key] = [render(x) for x in chunk]
            if start + size < len(items):
                out["nextPageToken"] = _encode_page_token(start + size)
            out["resultSizeEstimate"] = len(items)
            return out

        fmt = one("format", "full")
        meta = query.get("metadataHeaders", [])

        if name == "getProfile":
            return {
                "emailAddress": self.email_address,
                "messagesTotal": len(self._messages),
                "threadsTotal": len(self._threads),
                "historyId": str(self._history_id),
            }
        if name == "settings.sendAs.list":
            return {"sendAs": [{"sendAsEmail": self.email_address, "displayName": "", "replyToAddress": "",
                                "signature": "", "isPrimary": True, "isDefault": not self.send_as}]
                    + [{"sendAsEmail": a, "displayName": "", "replyToAddress": "", "signature": "",
                        "isDefault": i == 0, "treatAsAlias": True, "verificationStatus": "accepted"}
                       for i, a in enumerate(self.send_as)]}
        if name == "messages.list":
            found = self._search(one("q"), query.get("labelIds", []), flag("includeSpamTrash"), self._messages.values())
            return page(found, "messages", lambda m: m.ref())
        if name == "messages.get":
            return self._render(self._get_msg(args["id"]), fmt, meta)
        if name == "messages.attachments.get":
            msg = self._get_msg(args["mid"])
            data = msg.parsed.attachments.get(args["id"])
            if data is None:
                raise ApiError(400, "Invalid attachment token")
            return {"size": len(data), "data": b64url(data)}
        if name in ("messages.insert", "messages.import"):
            raw = _b64url_decode(str(body.get("raw") or ""))
            if not raw:
                raise ApiError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required")
            labels = [str(x) for x in body.get("labelIds", [])]
            source = one("internalDateSource", "dateHeader" if name == "messages.import" else "receivedTime")
            wanted = body.get("threadId")
            tid = self._thread_for(raw, str(wanted), by_headers=False) if wanted else None
            msg = self._store(raw, labels, self._internal_date(raw, None, source), tid)
            return msg.ref_labels()
        if name == "messages.modify":
            msg = self._get_msg(args["id"])
            self._modify(msg, list(body.get("addLabelIds", [])), list(body.get("removeLabelIds", [])))
            return msg.ref_labels()
        if name == "messages.batchModify":
            msgs = [self._get_msg(i) for i in body.get("ids", [])]
            for msg in msgs:
                self._modify(msg, list(body.get("addLabelIds", [])), list(body.get("removeLabelIds", [])))
            return None
        if name in ("messages.trash", "messages.untrash"):
            msg = self._get_msg(args["id"])
            if name == "messages.trash":
                self._modify(msg, ["TRASH"], ["INBOX", "SPAM"])
            else:
                self._modify(msg, [], ["TRASH"])
            return msg.ref_labels()
        if name == "messages.delete":
            self.user_deletes_message(self._get_msg(args["id"]).id)
            return None
        if name == "messages.batchDelete":
            for mid in body.get("ids", []):
                if mid in self._messages:
                    self.user_deletes_message(mid)
            return None
        if name == "threads.list":
            found = self._search(one("q"), query.get("labelIds", []), flag("includeSpamTrash"), self._messages.values())
            seen: dict[str, _Msg] = {}
            for m in found:
                seen.setdefault(m.thread_id, m)
            return page(
                list(seen.values()),
                "threads",
                lambda m: {"id": m.thread_id, "snippet": m.parsed.snippet, "historyId": str(self._thread_history(m.thread_id))},
            )
        if name == "threads.get":
            tid = args["id"]
            if not _HEX_ID.fullmatch(tid):
                raise ApiError(400, "Invalid id value")
            if tid not in self._threads:
                raise ApiError(404)
            msgs = [self._messages[i] for i in self.thread(tid)]
            return {
                "id": tid,
                "historyId": str(self._thread_history(tid)),
                "messages": [self._render(m, fmt, meta) for m in msgs],
            }
        if name == "threads.modify":
            tid = args["id"]
            if tid not in self._threads:
                raise ApiError(404)
            for mid in list(self._threads[tid]):
                self._modify(self._messages[mid], list(body.get("addLabelIds", [])), list(body.get("removeLabelIds", [])))
            return {"id": tid, "historyId": str(self._thread_history(tid))}
        if name == "history.list":
            return self._history_list(one("startHistoryId"), query.get("historyTypes", []), one("labelId"), page)
        if name == "labels.list":
            return {"labels": [self._label_json(lid) for lid in (*SYSTEM_LABELS, *self._user_labels)]}
        if name == "labels.get":
            if args["id"] not in SYSTEM_LABELS and args["id"] not in self._user_labels:
                raise ApiError(404)
            return self._label_json(args["id"], counts=True)
        if name == "labels.create":
            return self._create_label(body)
        if name == "labels.delete":
            lid = args["id"]
            if lid in SYSTEM_LABELS:
                raise ApiError(400, "Invalid delete request")
            if lid not in self._user_labels:
                raise ApiError(404)
            for msg in self._messages.values():
                if lid in msg.labels:
                    self._modify(msg, [], [lid])
            del self._user_labels[lid]
            return None
        if name == "drafts.list":
            pool = [self._messages[mid] for mid in self._drafts.values()]
            found = self._search(one("q"), [], flag("includeSpamTrash"), pool)
            by_msg = {mid: did for did, mid in self._drafts.items()}
            return page(found, "drafts", lambda m: {"id": by_msg[m.id], "message": m.ref()})
        if name == "drafts.get":
            msg = self._messages[self._get_draft(args["id"])]
            return {"id": args["id"], "message": self._render(msg, fmt, meta)}
        if name == "drafts.create":
            raw, wanted = _draft_body(body)
            tid = self._thread_for(raw, wanted, by_headers=False) if wanted else None
            msg = self._store(raw, ("DRAFT",), self._now_ms(), tid)
            draft_id = f"r-{next(self._draft_seq)}"
            self._drafts[draft_id] = msg.id
            return {"id": draft_id, "message": msg.ref_labels()}
        if name == "drafts.update":
            old = self._messages[self._get_draft(args["id"])]
            raw, wanted = _draft_body(body)
            tid = self._thread_for(raw, wanted, by_headers=False) if wanted else None
            msg = self._store(raw, ("DRAFT",), self._now_ms(), tid)
            self._drafts[args["id"]] = msg.id
            self._remove(old)
            return {"id": args["id"], "message": msg.ref_labels()}
        if name == "drafts.delete":
            self._get_draft(args["id"])
            self.user_deletes_draft(args["id"])
            return None
        raise ApiError(404, f"Not implemented by the fake: {name}")

    def _thread_history(self, tid: str) -> int:
        return max(self._messages[mid].history_id for mid in self._threads[tid])

    def _get_msg(self, msg_id: str) -> _Msg:
        if not _HEX_ID.fullmatch(msg_id):
            raise ApiError(400, "Invalid id value")
        msg = self._messages.get(msg_id)
        if msg is None:
            raise ApiError(404)
        return msg

    def _get_draft(self, draft_id: str) -> str:
        mid = self._drafts.get(draft_id)
        if mid is None:
            raise ApiError(404)
        return mid

    def _history_list(
        self,
        start_raw: str,
        types: list[str],
        label_id: str,
        page: Callable[[list[Any], str, Callable[[Any], Any]], dict[str, Any]],
    ) -> dict[str, Any]:
        if not start_raw:
            raise ApiError(400, "Missing required parameter: startHistoryId")
        try:
            start = int(start_raw)
        except ValueError as exc:
            raise ApiError(400, f"Invalid startHistoryId: {start_raw}") from exc
        if start < self._history_floor:
            raise ApiError(404)
        kinds = set(types) or {"messageAdded", "messageDeleted", "labelAdded", "labelRemoved"}
        selected = []
        for rec in self._history:  # ascending ids; a bisect would do, the lists are small
            if rec["id"] <= start:
                continue
            if label_id and label_id not in rec["labels"] and label_id not in rec.get("labelAdded", []) + rec.get("labelRemoved", []):
                continue
            if not any(k in rec for k in kinds):
                continue
            selected.append(rec)

        def render(rec: dict[str, Any]) -> dict[str, Any]:
            ref, with_labels = rec["msg"], {**rec["msg"], "labelIds": rec["labels"]}
            out: dict[str, Any] = {"id": str(rec["id"]), "messages": [ref]}
            if "messageAdded" in kinds and rec.get("messageAdded"):
                out["messagesAdded"] = [{"message": with_labels}]
            if "messageDeleted" in kinds and rec.get("messageDeleted"):
                out["messagesDeleted"] = [{"message": ref}]
            if "labelAdded" in kinds and rec.get("labelAdded"):
                out["labelsAdded"] = [{"message": with_labels, "labelIds": rec["labelAdded"]}]
            if "labelRemoved" in kinds and rec.get("labelRemoved"):
                out["labelsRemoved"] = [{"message": with_labels, "labelIds": rec["labelRemoved"]}]
            return out

        out = page(selected, "history", render)
        out.pop("resultSizeEstimate", None)
        out["historyId"] = str(self._history_id)
        return out


FieldSpec = dict[str, Any]  # key -> FieldSpec for a sub-selection, or None for all of it


def parse_fields(text: str) -> FieldSpec:
    """Google's partial-response syntax: "messages(id,threadId),nextPageToken,payload/headers"."""
    pos = 0

    def parse_list(closing: str | None) -> FieldSpec:
        nonlocal pos
        spec: FieldSpec = {}
        while True:
            start = pos
            while pos < len(text) and text[pos] not in ",()":
                pos += 1
            path = [seg.strip() for seg in text[start:pos].split("/")]
            if not all(path):
                raise ValueError(f"empty name at {start}")
            sub: FieldSpec | None = None
            if pos < len(text) and text[pos] == "(":
                pos += 1
                sub = parse_list(")")
            node = spec
            for seg in path[:-1]:
                nxt = node.get(seg)
                if not isinstance(nxt, dict):
                    nxt = node[seg] = {} if seg not in node else None
                if nxt is None:
                    break
                node = nxt
            else:
                last = path[-1]
                if last in node and isinstance(node[last], dict) and isinstance(sub, dict):
                    node[last].update(sub)
                else:
                    node[last] = sub if last not in node or node[last] is not None else None
            if pos < len(text) and text[pos] == ",":
                pos += 1
                continue
            if closing is not None:
                if pos >= len(text) or text[pos] != closing:
                    raise ValueError("unbalanced parentheses")
                pos += 1
            elif pos < len(text):
                raise ValueError(f"unexpected {text[pos]!r} at {pos}")
            return spec

    return parse_list(None)


def apply_fields(value: Any, spec: FieldSpec | None) -> Any:
    """Keep only the selected fields (lists apply the selection to each element)."""
    if spec is None:
        return value
    if isinstance(value, list):
        return [apply_fields(v, spec) for v in value]
    if not isinstance(value, dict):
        return value
    if "*" in spec:
        return {k: apply_fields(v, spec.get(k, spec["*"])) for k, v in value.items()}
    return {k: apply_fields(value[k], sub) for k, sub in spec.items() if k in value}


def _draft_body(body: Mapping[str, Any]) -> tuple[bytes, str | None]:
    message = body.get("message") or {}
    raw = _b64url_decode(str(message.get("raw") or ""))
    if not raw:
        raise ApiError(400, "Missing draft message")
    wanted = message.get("threadId")
    return raw, str(wanted) if wanted else None


def _encode_page_token(offset: int) -> str:
    return f"{offset:020d}"


def _decode_page_token(token: str) -> int:
    if not token.isdigit():
        raise ApiError(400, "Invalid pageToken")
    return int(token)


def _route(method: str, path: str) -> tuple[str | None, str, dict[str, str]]:
    for prefix in _API_PREFIXES:
        if path.startswith(prefix):
            rest = path[len(prefix) :]
            user, _, sub = rest.partition("/")
            user = urllib.parse.unquote(user)
            for http_method, pattern, name in _ROUTES:
                if http_method != method:
                    continue
                m = pattern.fullmatch(sub.rstrip("/"))
                if m:
                    return name, user, {k: urllib.parse.unquote(v) for k, v in m.groupdict().items()}
            return None, user, {}
    return None, "", {}


def _parse_http_part(text: str) -> tuple[str, str, dict[str, str], bytes]:
    """One application/http batch part: request line, headers, blank line, body."""
    text = text.lstrip("\r\n")
    head, sep, body = text.partition("\r\n\r\n")
    if not sep or "\n\n" in head:
        head, _, body = text.partition("\n\n")
    lines = head.replace("\r\n", "\n").split("\n")
    request_line = lines[0].split(" ")
    method, target = request_line[0].upper(), request_line[1] if len(request_line) > 1 else "/"
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip():
            headers[name.strip().lower()] = value.strip()
    data = body.encode("utf-8", "surrogateescape")
    if "content-length" in headers and headers["content-length"].isdigit():
        data = data[: int(headers["content-length"])]
    return method, target, headers, data


def _reason_phrase(status: int) -> str:
    return {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
            404: "Not Found", 409: "Conflict", 429: "Too Many Requests", 500: "Internal Server Error",
            502: "Bad Gateway", 503: "Service Unavailable"}.get(status, "Error")


def _error_response(err: ApiError) -> _Response:
    return _Response(err.code, json.dumps(err.body()).encode(), dict(err.headers))


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 keep-alive handler that hands every request to the owning fake."""

    protocol_version = "HTTP/1.1"
    owner: GmailFake

    def do_GET(self) -> None:
        self._handle()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def setup(self) -> None:
        super().setup()
        # Head and body go out in two writes; without NODELAY, Nagle + delayed ACK cost 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("gmail fake: " + format, *args)

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            resp = self.owner._handle_http(self.command, self.path, headers, body)
        except _DropConnection:
            self.close_connection = True  # no answer at all: the client sees the peer hang up
            return
        except Exception as exc:
            log.exception("gmail fake: internal error on %s %s", self.command, self.path)
            self.owner.internal_errors.append(f"{self.command} {self.path}: {exc!r}")
            resp = _error_response(ApiError(500))
        self.send_response(resp.status)
        if resp.status != 204:
            self.send_header("Content-Type", resp.content_type)
        for k, v in resp.headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(resp.body)))
        self.end_headers()
        self.wfile.write(resp.body)


@pytest.fixture
def gmail_fake() -> Iterator[GmailFake]:
    """A started GmailFake; fails the test at teardown if anything tried to send mail."""
    fake = GmailFake().start()
    try:
        yield fake
    finally:
        fake.stop()
    if fake.send_attempts and not fake.allow_send_attempts:
        pytest.fail(f"gmail fake trip-wire: the code under test tried to send mail: {fake.send_attempts}")
    if fake.internal_errors:
        pytest.fail(f"gmail fake crashed (a bug in tests/gmail_fake.py): {fake.internal_errors}")
