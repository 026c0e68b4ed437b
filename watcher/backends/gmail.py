"""Gmail backend (Gmail API v1): cheap first sync, history-based incremental sync, threaded drafts.

The only module (with `watcher auth gmail`) that imports googleapiclient and google.auth. Quota
is spent on purpose: ids are listed cheaply, the server pre-filters candidates with a search
query, and only candidates, the user's sent mail and their threads are fetched. It never sends.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import google.auth.exceptions
import google_auth_httplib2  # type: ignore[import-untyped]
import httplib2
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest

from watcher.backends.base import (
    IGNORE_KEYWORD,
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
    with_marker,
)
from watcher.backends.ratelimit import QuotaLimiter
from watcher.backends.retry import Backoff, sleep_unless_stopping, stopping
from watcher.config import secure_url
from watcher.errors import AuthError, ConfigError, TransientError
from watcher.models import Draft
from watcher.rules import ATS_DOMAINS

if TYPE_CHECKING:
    from watcher.config import AccountConfig
    from watcher.secrets import Secret

log = logging.getLogger(__name__)

SCOPES = (
    "https://www.googleapis.com/auth/gmail.readonly",
    "https://www.googleapis.com/auth/gmail.compose",
)
DEFAULT_BATCH_URI = "https://www.googleapis.com/batch/gmail/v1"
DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token"
TRACK, IGNORE = TRACK_KEYWORD, IGNORE_KEYWORD

# Documented quota units per method (Gmail API "Usage limits").
UNITS = {
    "getProfile": 1, "labels.list": 1, "history.list": 2, "messages.list": 5,
    "messages.get": 5, "drafts.list": 5, "drafts.create": 10, "settings.sendAs.list": 1,
}
# Google advises at most 50 calls per batch (the hard limit is 100), but Gmail answers the parts
# past about 20 with 429 "Too many concurrent requests for user" (100 refused, 25 served:
# github.com/amd/gaia/issues/2720; 20 the most that worked for another user): a first sync in
# batches of 40 had a third of its parts refused and retried.
MAX_BATCH = 20
MIN_BATCH = 5  # the smallest batch parts answered 429 are retried in
# The longest wait Gmail may ask for that a pass sits out (as long as the backoff's cap); a
# longer one fails the account's passes at once until then (see GmailBackend._hold).
MAX_IN_PASS_WAIT = 64.0
# After Gmail says the project's daily quota is used up (403 dailyLimitExceeded), the account
# is asked again after this long (at most until the quota resets at midnight Pacific): one
# refused request an hour costs nothing, and a quota raised in the Cloud console, or an
# answer that was wrong, does not keep the watcher blind for the rest of Google's day.
QUOTA_RECHECK = 3600.0
# "User-rate limit exceeded.  Retry after 2026-11-27T12:00:00.000Z": the wait a 429 or a 403
# rate-limit error states in its message when it sends no Retry-After header
_RETRY_AFTER_TEXT = re.compile(r"Retry after (\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d))")
# A message Gmail fails to serve (5xx, 429, no answer) while it serves the others waits for
# the next pass; it is given up as unreadable once it failed in GIVE_UP_PASSES passes over
# GIVE_UP_AFTER seconds at least, so that an outage of a few hours loses no mail. One Gmail
# refuses outright (400, 403 not about the grant) is unreadable at once: no retry changes it.
GIVE_UP_PASSES = 5
GIVE_UP_AFTER = 86_400.0
# A 404 is most often a message deleted between the listing and the get, but Gmail also
# answers 404 for a message that has just arrived (seen with mail sent to oneself, gone a few
# seconds later): it is asked for again at the next NOT_FOUND_PASSES - 1 passes (a deletion
# that history then reports ends that at once), and only then taken as deleted.
NOT_FOUND_PASSES = 3
PAGE_SIZE = 500  # the most ids messages.list / history.list / drafts.list return per page
HISTORY_TYPES = ("messageAdded", "messageDeleted", "labelAdded", "labelRemoved")
# Headers enough for the classifier's cheap look (`is_candidate`) at a new message.
METADATA_HEADERS = (
    "Subject", "From", "Sender", "Reply-To", "To", "Cc", "Date", "Message-ID", "In-Reply-To",
    "References", "List-Id", "List-Unsubscribe", "Auto-Submitted", "Precedence",
    "Content-Type", "X-Auto-Response-Suppress", MARKER_HEADER,
)
_SKIP_LABELS = frozenset({"DRAFT", "SPAM", "TRASH", "CHAT"})

# The server-side pre-filter. Gmail matches whole words and quoted phrases, so forms are spelled
# out; generic words ("call", "team", "update", "offer" alone) would fetch a large share of an
# ordinary mailbox and are used in the subject only, or inside phrases. A message matching none
# of these is still fetched when it is the user's own (in:sent) or in a thread with a match.
# tests/test_gmail.py proves that no labelled interview message is missed.
QUERY_WORDS: tuple[str, ...] = (
    "interview", "interviews", "interviewed", "interviewing", "interviewer", "interviewers",
    "recruiter", "recruiters", "recruiting", "candidate", "candidacy", "onsite", "on-site",
    "superday", "reschedule", "rescheduled", "rescheduling", "cancelled", "canceled",
    "cancellation", "availability",
    '"phone screen"', '"hiring manager"', '"hiring team"', '"talent acquisition"',
    '"your application"', '"your candidacy"', '"your interview"', '"your resume"',
    '"the position"', '"this position"', '"this role"', '"next steps"', '"next step"',
    '"next round"', '"second round"', '"final round"', '"offer letter"', '"verbal offer"',
    '"job offer"', '"speak with"', '"speaking with"', '"great to meet"', '"good news"',
    '"people operations"', '"people team"', '"talent team"', '"recruiting coordinator"',
    '"final conversation"', '"teams link"', '"zoom link"', '"meet link"', '"calendar invite"',
    '"quick update"',
    # German, French, Spanish, Italian, Dutch
    '"screening call"', '"phone screening"',
    # Gmail matches whole words: German compounds are spelled out, with and without the umlaut
    "bewerbung", "vorstellungsgespräch", "vorstellungsgesprach", "bewerbungsgespräch",
    "bewerbungsgesprach", "kennenlerngespräch", "kennenlerngesprach", "gespräch", "einladung",
    "entretien", "entretiens", "candidature",
    "entrevista", "colloquio", "sollicitatie",
)
QUERY_SUBJECT_WORDS: tuple[str, ...] = (
    "interview", "round", "references", "conversation", "offer", "application", "opportunity",
    "call", "chat", "meeting", "schedule", "invitation", "role", "position",
    # job titles: a recruiter's reply often carries only the role in its subject
    "engineer", "engineering", "developer", "scientist", "analyst", "designer", "architect",
    "consultant", "lead", "director", "manager",
)
QUERY_EXTRA = ("filename:ics", "filename:vcs", f"label:{TRACK}", f"label:{IGNORE}")
# rules.ATS_DOMAINS also names mail platforms and big providers (to recognise automatic mail);
# as senders in a search they would match most newsletters and notifications.
QUERY_SKIP_DOMAINS = frozenset({
    "google.com", "calendar.google.com", "microsoft.com", "office365.com",
    "outlook.office365.com", "teams.microsoft.com", "zoom.us", "linkedin.com", "hubspot.com",
    "sendgrid.net", "mailgun.org", "amazonses.com", "mandrillapp.com", "mcsv.net",
    "mailchimp.com", "zoho.com", "indeed.com", "indeedemail.com", "glassdoor.com",
    "monster.com", "dice.com", "ziprecruiter.com", "xing.com", "stepstone.de", "rippling.com",
    "oraclecloud.com", "ukg.com", "cal.com",
})


def candidate_query(extra_domains: Iterable[str] = (), extra: str | None = None,
                    phrases: Iterable[str] = ()) -> str:
    """The Gmail search expression (without the date window) that marks candidates: the
    built-in words, the ATS domains and the user's own ([classify] ats_domains, interview_phrases,
    each phrase quoted), and the account's extra `query`."""
    domains = sorted({d.lower().lstrip("@.") for d in ATS_DOMAINS if d} - QUERY_SKIP_DOMAINS
                     | {d.lower().lstrip("@.") for d in extra_domains if d})
    own = [f'"{" ".join(p.replace(chr(34), " ").split())}"' for p in phrases if p.strip(' "')]
    terms = [*QUERY_WORDS, *own, *QUERY_EXTRA, "subject:{" + " ".join(QUERY_SUBJECT_WORDS) + "}",
             "from:{" + " ".join(domains) + "}"]
    if extra:
        terms.append(f"({extra})")
    return "{" + " ".join(terms) + "}"


@dataclass(frozen=True)
class ClientSecrets:
    """The user's own OAuth client (from the JSON the Google Cloud console downloads)."""

    client_id: str
    client_secret: str
    token_uri: str = DEFAULT_TOKEN_URI


def load_client_secrets(path: Path) -> ClientSecrets:
    """Read an installed-app (or web) client-secrets JSON; ConfigError names what is wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the Gmail client secrets {path}: "
                          f"{exc.strerror or type(exc).__name__}") from exc
    except ValueError as exc:
        raise ConfigError(f"{path}: not a JSON client-secrets file ({exc})") from exc
    section = data.get("installed") or data.get("web") if isinstance(data, dict) else None
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: expected an \"installed\" (Desktop app) OAuth client")
    cid, secret = section.get("client_id"), section.get("client_secret")
    if not cid or not secret:
        raise ConfigError(f"{path}: client_id or client_secret is missing")
    token_uri = str(section.get("token_uri") or DEFAULT_TOKEN_URI)
    if not secure_url(token_uri):
        # the refresh token and the client secret are POSTed there
        raise ConfigError(f"{path}: token_uri {token_uri!r} is not https: the refresh token "
                          "and the client secret would go there in clear text")
    return ClientSecrets(str(cid), str(secret), token_uri)


def default_client_secrets_path(account: str) -> Path:
    """Where `watcher auth gmail` keeps a copy of the client secrets when the config names none."""
    import platformdirs

    from watcher.config import APP_NAME

    return platformdirs.user_config_path(APP_NAME) / "gmail" / f"{account}.client.json"


def b64url(data: bytes) -> str:
    """Base64url as Gmail wants `raw` (padding is accepted; Gmail answers without it)."""
    return base64.urlsafe_b64encode(data).decode("ascii")


# The base64url characters of a message's first MAX_MESSAGE_BYTES: a multiple of 4, so the cut
# text decodes (to a few bytes more, cut after decoding)
_RAW_CHARS = (MAX_MESSAGE_BYTES + 2) // 3 * 4


def b64url_decode(text: str) -> bytes:
    """Decode Gmail's unpadded base64url."""
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def headers_from_metadata(payload: Mapping[str, Any]) -> bytes:
    """A header block rebuilt from a format=metadata answer (values as Gmail decoded them)."""
    lines = [f"{h.get('name', '')}: {h.get('value', '')}" for h in payload.get("headers", [])]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8", "replace")




def _next_pacific_midnight(now: float) -> float:
    """When Google's quota day ends after `now` (a timestamp): midnight in Los Angeles."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    la = ZoneInfo("America/Los_Angeles")
    day = datetime.fromtimestamp(now, la).date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=la).timestamp()


class _NoPostRetryHttp(httplib2.Http):
    """httplib2 resends a request once when the answer is lost, even a POST: that can make a
    second draft. POSTs (drafts.create, batches) go once, on a fresh connection, instead."""

    def _conn_request(self, conn: Any, request_uri: str, method: str, body: Any,
                      headers: Any) -> tuple[Any, bytes]:
        if method != "POST":
            return super()._conn_request(conn, request_uri, method, body, headers)
        conn.close()  # a stale keep-alive connection would fail before the server saw anything
        try:
            conn.connect()
            conn.request(method, request_uri, body, headers)
            response = conn.getresponse()
            content = response.read()
        except BaseException:
            conn.close()
            raise
        resp = httplib2.Response(response)
        content = httplib2._decompressContent(resp, content, self.limit_kwargs)
        return resp, content


class _HistoryGone(Exception):
    """history.list answered 404: the stored history id is too old."""


@dataclass
class _Failure:
    """How a failed call should be handled."""

    retryable: bool
    retry_after: float = 0.0
    status: int | None = None
    not_found: bool = False


@dataclass
class _Cursor:
    history_id: str
    window_start: int
    threads: list[str] = field(default_factory=list)  # threads with candidates, newest last
    # messages Gmail failed to serve, asked for again next pass: id -> [passes failed,
    # epoch of the first failure, "raw" (read whole) or "look" (headers first)]
    retry: dict[str, list[Any]] = field(default_factory=dict)

    def dump(self) -> str:
        data: dict[str, Any] = {"v": 1, "history_id": self.history_id,
                                "window_start": self.window_start, "threads": self.threads}
        if self.retry:
            data["retry"] = self.retry
        return json.dumps(data, separators=(",", ":"))


@dataclass(frozen=True)
class _Unserved:
    """A message messages.get failed for, after the pass's bounded retries."""

    why: str  # "HTTP 503", "TimeoutError"
    retryable: bool
    not_found: bool = False  # 404: deleted meanwhile, or not served yet


def parse_cursor(cursor: str | None) -> _Cursor | None:
    """The cursor JSON, or None for no cursor or an unreadable one (a full sync follows)."""
    if not cursor:
        return None
    try:
        data = json.loads(cursor)
        if data.get("v") != 1:
            raise ValueError("unknown cursor version")
        retry = {str(mid): [int(v[0]), float(v[1]), "look" if v[2] == "look" else "raw"]
                 for mid, v in dict(data.get("retry") or {}).items()}
        return _Cursor(str(int(data["history_id"])), int(data["window_start"]),
                       [str(t) for t in data.get("threads", [])], retry)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("unreadable Gmail cursor (%s): full sync", type(exc).__name__)
        return None


def _not_an_oauth_refusal(exc: BaseException) -> bool:
    """Whether a RefreshError is a server's failure rather than OAuth's refusal: the token
    endpoint's answer was JSON without an OAuth error code ("invalid_grant", ...), or not JSON
    at all (a proxy's 502 page, an empty body). google-auth's own refusals before any request
    (no refresh token) are refusals."""
    args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
    if len(args) > 1:
        data = args[1]
        return not (isinstance(data, dict) and isinstance(data.get("error"), str))
    text = str(args[0]) if args else ""
    return not text.strip() or "<" in text or bool(
        re.search(r"gateway|unavailable|timed?\s*out|overloaded", text, re.IGNORECASE))


class GmailBackend:
    """One Gmail account. Implements `watcher.backends.base.Backend`.

    Cursor (opaque JSON): `{"v": 1, "history_id": "<id>", "window_start": <epoch s>,
    "threads": [<threadId>, ...]}`: the history id the next history.list starts from, the start
    of the first sync's window, and (bounded, newest last) the threads that held candidates,
    whose new messages are fetched whole. Refs are Gmail message ids; draft ids are Gmail's.
    Every call charges its quota units to a client-side limiter (`quota_fraction` of 250
    units/s) and is retried with bounded backoff and jitter on 429, 403 rate limits, 5xx and
    dropped connections, honouring Retry-After. drafts.create is never retried.
    """

    MAX_TRACKED_THREADS = 500  # bounds the cursor (about 10 KB)

    def __init__(
        self,
        name: str,
        credentials: Credentials | Callable[[], Credentials],
        *,
        api_endpoint: str | None = None,
        batch_uri: str = DEFAULT_BATCH_URI,
        sync_window_days: int = 180,
        quota_fraction: float = 0.8,
        query: str | None = None,
        ats_domains: Iterable[str] = (),
        interview_phrases: Iterable[str] = (),
        timeout: float = 60.0,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = sleep_unless_stopping,
        backoff: Backoff | None = None,
    ) -> None:
        if sync_window_days < 1:
            raise ConfigError(f"account {name}: sync_window_days must be at least 1")
        self.name = name
        self._credentials_source = credentials  # Credentials, or a callable that loads them
        self.api_endpoint = api_endpoint
        self.batch_uri = batch_uri
        self.window_days = sync_window_days
        self.query = candidate_query(ats_domains, query, interview_phrases)
        self.timeout = timeout
        self.clock = clock
        self.sleep = sleep
        self.backoff = backoff or Backoff(base=1.0, cap=64.0, max_attempts=6, sleep=sleep)
        self.limiter = QuotaLimiter.for_gmail(quota_fraction, clock=monotonic, sleep=sleep)
        # A batch never charges more than the limiter lets through in one second.
        self.batch_size = max(1, min(MAX_BATCH, int(self.limiter.limit) // UNITS["messages.get"]))
        self._service: Any = None
        self._http: Any = None
        # Gmail asked for a wait longer than a pass can hold (MAX_IN_PASS_WAIT): no request
        # before this wall-clock time; each pass until then fails at once, without a call.
        self._not_before = 0.0
        # Why: None while it is Gmail's own Retry-After, else the watcher's hold after a used
        # up daily quota (lifted by `lift_hold`, a config reload)
        self._hold_why: str | None = None
        self._label_names: dict[str, str] = {}  # Label_N -> name
        self._markers: dict[str, DraftMark] = {}  # draft message id -> what says whose it is
        self.requests = 0  # HTTP requests sent (a batch is one), for stats and benchmarks

    @classmethod
    def from_config(cls, account: AccountConfig, refresh_token: Secret | None = None,
                    **kwargs: Any) -> GmailBackend:
        """A backend for an [[accounts]] entry with backend = "gmail"; the refresh token comes
        from the keyring unless given, the client id/secret from the client-secrets file."""
        from watcher.secrets import get_gmail_refresh_token

        def load() -> Credentials:
            # Read when first needed, so a missing sign-in fails this account's pass (one
            # clear AuthError) and not the start of every other account.
            path = account.client_secrets or default_client_secrets_path(account.name)
            if not Path(path).exists():
                raise AuthError(f"account {account.name}: no OAuth client secrets at {path}: "
                                f"run `watcher auth gmail --account {account.name} "
                                "--client-secrets FILE`", account.name)
            client = load_client_secrets(Path(path))
            token = refresh_token or get_gmail_refresh_token(account.name)
            return make_credentials(client, token.reveal())

        return cls(account.name, load, api_endpoint=account.api_endpoint,
                   batch_uri=account.batch_uri, sync_window_days=account.sync_window_days,
                   quota_fraction=account.quota_fraction, query=account.query, **kwargs)

    # -- plumbing -----------------------------------------------------------------------------

    def _gmail(self) -> Any:
        if self._service is None:
            creds = self._credentials_source
            if callable(creds):
                creds = self._credentials_source = creds()
            raw_http = _NoPostRetryHttp(timeout=self.timeout)
            self._http = google_auth_httplib2.AuthorizedHttp(creds, http=raw_http)
            options = {"api_endpoint": self.api_endpoint} if self.api_endpoint else None
            self._service = build("gmail", "v1", http=self._http, static_discovery=True,
                                  client_options=options, cache_discovery=False)
        return self._service.users()

    def close(self) -> None:
        """Drop the HTTP connections; the next call opens new ones."""
        if self._http is not None:
            try:
                self._http.close()
            except Exception:  # pragma: no cover - closing must not fail the caller
                log.debug("closing the Gmail HTTP connections failed", exc_info=True)
        self._http = None
        self._service = None

    def _auth_error(self, scope: bool = False) -> AuthError:
        why = ("lacks a permission it needs (the grant must allow reading mail and managing "
               "drafts)" if scope else "was revoked or expired")
        return AuthError(f"Gmail access for account {self.name} {why}: run "
                         f"`watcher auth gmail --account {self.name}` again", self.name,
                         by_server=True)

    def _retry_after(self, headers: Mapping[str, Any] | None, message: str = "") -> float:
        """Seconds Gmail asks to wait: its Retry-After header (seconds or an HTTP date), else
        the "Retry after <RFC 3339 time>" its 429 and 403 rate-limit messages carry."""
        value = (headers or {}).get("retry-after")
        if not value:
            m = _RETRY_AFTER_TEXT.search(message)
            if m is None:
                return 0.0
            try:
                stated = datetime.fromisoformat(m.group(1).replace("Z", "+00:00"))
            except ValueError:
                return 0.0
            return max(0.0, stated.timestamp() - self.clock())
        value = str(value).strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return 0.0
        return max(0.0, when - self.clock())

    def _classify(self, exc: BaseException) -> _Failure:
        """What a failure means; raises AuthError for a revoked or insufficient grant."""
        if isinstance(exc, google.auth.exceptions.RefreshError):
            if getattr(exc, "retryable", False) or _not_an_oauth_refusal(exc):
                # the token endpoint answered 5xx/429, or a gateway's page (google-auth marks
                # a 502 not retryable): not a revoked grant, nothing to sign in again for
                return _Failure(True)
            raise self._auth_error() from exc
        if isinstance(exc, HttpError):
            status = int(exc.resp.status)
            reason = message = ""
            try:
                err = json.loads(exc.content or b"{}").get("error", {})
                reason = str((err.get("errors") or [{}])[0].get("reason", ""))
                message = str(err.get("message", ""))
            except (ValueError, AttributeError, IndexError, TypeError):
                pass
            after = self._retry_after(exc.resp, message)
            if status == 401 or (status == 403 and reason in ("insufficientPermissions",
                                                              "authError")):
                raise self._auth_error(scope=reason == "insufficientPermissions") from exc
            if status == 403 and reason == "accessNotConfigured":
                # The Gmail API is off in the Cloud project of the user's OAuth client: every
                # try fails alike until they turn it on, at the address Google's text gives
                raise ConfigError(f"account {self.name}: the Gmail API is not enabled in the "
                                  f"Google Cloud project of your OAuth client: {message}") from exc
            if status == 403 and reason in ("dailyLimitExceeded", "quotaExceeded"):
                # The project's quota for the day: every request fails alike until Google's
                # day ends (midnight Pacific time); asking each pass only wastes calls
                now = self.clock()
                reset = _next_pacific_midnight(now)
                again = min(reset, now + QUOTA_RECHECK)
                if again > self._not_before:
                    self._not_before = again
                    self._hold_why = (f"the daily Gmail API quota of your OAuth client's Google "
                                      f"Cloud project is used up ({reason})")
                raise TransientError(
                    f"account {self.name}: the daily Gmail API quota of your OAuth client's "
                    f"Google Cloud project is used up ({reason}); it resets at midnight Pacific "
                    f"time, in {(reset - now) / 3600:.1f} h; asked again in "
                    f"{(again - now) / 60:.0f} min (or at a config reload)") from exc
            if status == 429 or status >= 500 or (
                    status == 403 and reason in ("rateLimitExceeded", "userRateLimitExceeded")):
                return _Failure(True, after, status)
            return _Failure(False, 0.0, status, not_found=status == 404)
        if isinstance(exc, google.auth.exceptions.TransportError | httplib2.HttpLib2Error
                      | http.client.HTTPException | OSError):
            return _Failure(True)
        raise exc

    @staticmethod
    def _why(exc: BaseException, failure: _Failure) -> str:
        return f"HTTP {failure.status}" if failure.status else type(exc).__name__

    def _transient(self, what: str, exc: BaseException, failure: _Failure) -> TransientError:
        return TransientError(f"account {self.name}: Gmail {what} failed "
                              f"({self._why(exc, failure)})")

    def _call(self, request_fn: Callable[[], Any], method: str, *, retry: bool = True,
              units: int | None = None) -> Any:
        """Execute one API request (built afresh by `request_fn` for each try)."""
        cost = UNITS.get(method, 5) if units is None else units
        attempts = self.backoff.max_attempts if retry else 1
        for attempt in range(attempts):
            self._check_not_before(method)
            self.limiter.acquire(cost)
            self.requests += 1
            try:
                request = request_fn()
                if isinstance(request, BatchHttpRequest):
                    request.execute()
                    return None
                answer = request.execute(num_retries=0)
            except Exception as exc:
                failure = self._classify(exc)
                if failure.not_found and method == "history.list":
                    raise _HistoryGone from exc
                if failure.retryable:  # a long wait asked for holds the next passes too,
                    self._hold(method, failure.retry_after)  # drafts.create's (no retry) too
                # no retry once the process is stopping: TERM must not wait out a backoff
                if not failure.retryable or attempt + 1 >= attempts or stopping.is_set():
                    raise self._transient(method, exc, failure) from exc
                wait = max(self.backoff.delay(attempt), failure.retry_after)
                log.info("account %s: Gmail %s failed (%s), retry %d/%d in %.1fs", self.name,
                         method, failure.status or type(exc).__name__, attempt + 1,
                         attempts - 1, wait)
                self.sleep(wait)
                if stopping.is_set():  # TERM cut the wait short: no request after it
                    raise self._transient(method, exc, failure) from exc
                continue
            if not isinstance(answer, dict):
                # a web page where the API should be (a wrong api_endpoint, a captive portal):
                # the client hands its text back as it is
                raise TransientError(f"account {self.name}: Gmail {method}: the answer is not a "
                                     "JSON object (check api_endpoint, or the network's proxy)")
            return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def _hold(self, method: str, retry_after: float) -> None:
        """A wait longer than a pass may hold (it would block every account, the daemon's
        heartbeat and the watchdog): no request before then, in this pass or the next ones."""
        if retry_after > MAX_IN_PASS_WAIT:
            until = self.clock() + retry_after
            if until > self._not_before:
                self._not_before, self._hold_why = until, None
            self._check_not_before(method)

    def _check_not_before(self, method: str) -> None:
        left = self._not_before - self.clock()
        if left <= 0:
            return
        if self._hold_why is not None:  # the watcher's own hold: Gmail asked for no wait
            raise TransientError(f"account {self.name}: {self._hold_why}: not asked again for "
                                 f"{left / 60:.0f} min (or at a config reload)")
        raise TransientError(f"account {self.name}: Gmail asked to wait {left:.0f} s more "
                             f"before {method}: not asked again before then")

    def lift_hold(self) -> None:
        """Ask again at the next call after a used-up daily quota (a config reload: the user
        may have raised it); a wait Gmail asked for (Retry-After) still holds."""
        if self._hold_why is not None:
            self._not_before, self._hold_why = 0.0, None

    def _get_many(self, ids: Sequence[str], fmt: str, metadata_headers: Sequence[str] = (),
                  unserved: dict[str, _Unserved] | None = None) -> dict[str, dict[str, Any]]:
        """messages.get for many ids in batches; failed parts are retried alone with backoff.

        Ids answered 404 (deleted meanwhile, or not served yet) are left out of the answer,
        and put in `unserved` (not_found) when it is given. Ids still failing after the
        bounded retries, or refused outright (400), raise TransientError; with `unserved`,
        they are put there instead, and the others are answered.
        """
        users = self._gmail()
        results: dict[str, dict[str, Any]] = {}
        pending = list(dict.fromkeys(ids))
        # Gmail answers some parts of a big batch 429 ("too many concurrent requests") and the
        # rest of it: a round that fetched something does not count against the bound (each
        # fetches one message at least, so the rounds stay bounded), and the batches halve.
        # Counting every round failed a first sync of ~1,300 messages at every pass.
        size, attempt = self.batch_size, 0
        while True:
            failed: list[str] = []
            wait_at_least = 0.0
            last: tuple[BaseException, _Failure] | None = None
            done = 0
            while done < len(pending):
                chunk = pending[done:done + size]
                done += len(chunk)
                answers = self._batch_get(users, chunk, fmt, metadata_headers)
                refused = False  # parts answered 429: more than Gmail serves at once
                for mid in chunk:
                    response, exception = answers.get(mid, (None, None))
                    if exception is None and response is not None:
                        if fmt == "raw" and isinstance(response.get("raw"), str):
                            # cut as it arrives: the sync then holds a message's first MiB
                            # (all a backend reads), not every answer whole until the last
                            response["raw"] = response["raw"][:_RAW_CHARS]
                        results[mid] = response
                        continue
                    if exception is None:
                        exception = TransientError("no answer in the batch")
                    failure = self._classify(exception)
                    if failure.not_found:
                        log.debug("account %s: message %s not found", self.name, mid)
                        if unserved is not None:
                            unserved[mid] = _Unserved("HTTP 404", True, not_found=True)
                        continue
                    if not failure.retryable:
                        if unserved is None:
                            raise self._transient("messages.get", exception, failure) \
                                from exception
                        unserved[mid] = _Unserved(self._why(exception, failure), False)
                        continue
                    failed.append(mid)
                    refused = refused or failure.status == 429
                    wait_at_least = max(wait_at_least, failure.retry_after)
                    last = (exception, failure)
                if refused:
                    # the rest of the round in smaller batches: sending the same size again
                    # had half of a 1,500-message first sync refused (3,750 units spent)
                    size = max(MIN_BATCH, len(chunk) // 2)
            if not failed:
                return results
            assert last is not None
            if len(failed) == len(pending):
                attempt += 1  # no progress
            if attempt >= self.backoff.max_attempts and unserved is not None \
                    and not stopping.is_set():
                why = self._why(*last)
                unserved.update((mid, _Unserved(why, True)) for mid in failed)
                return results
            if attempt >= self.backoff.max_attempts or stopping.is_set():
                raise self._transient("messages.get", *last)
            self._hold("messages.get", wait_at_least)
            wait = max(self.backoff.delay(max(attempt - 1, 0)), wait_at_least)
            size = max(MIN_BATCH, size // 2)
            log.info("account %s: %d of a batch failed, retrying them in batches of %d in "
                     "%.1fs", self.name, len(failed), size, wait)
            self.sleep(wait)
            if stopping.is_set():  # TERM cut the wait short: no request after it
                raise self._transient("messages.get", *last)
            pending = failed

    def _batch_get(self, users: Any, chunk: Sequence[str], fmt: str,
                   metadata_headers: Sequence[str]) -> dict[str, tuple[Any, BaseException | None]]:
        """One batch of messages.get (retried whole when the batch itself fails)."""
        answers: dict[str, tuple[Any, BaseException | None]] = {}

        def on_part(request_id: str, response: Any, exception: BaseException | None) -> None:
            answers[request_id] = (response, exception)

        def make_batch() -> BatchHttpRequest:
            answers.clear()
            batch = BatchHttpRequest(callback=on_part, batch_uri=self.batch_uri)
            for mid in chunk:
                kwargs: dict[str, Any] = {"userId": "me", "id": mid, "format": fmt}
                if metadata_headers:
                    kwargs["metadataHeaders"] = list(metadata_headers)
                batch.add(users.messages().get(**kwargs), request_id=mid)
            return batch

        self._call(make_batch, "batch", units=UNITS["messages.get"] * len(chunk))
        return answers

    def _list_ids(self, q: str) -> dict[str, str]:
        """messages.list over every page: message id -> thread id (newest first)."""
        users = self._gmail()
        out: dict[str, str] = {}
        token: str | None = None
        while True:
            kwargs: dict[str, Any] = {"userId": "me", "q": q, "maxResults": PAGE_SIZE}
            if token:
                kwargs["pageToken"] = token
            page = self._call(partial(users.messages().list, **kwargs), "messages.list")
            for m in page.get("messages", []):
                out[str(m["id"])] = str(m["threadId"])
            token = page.get("nextPageToken")
            if not token:
                return out

    def _labels(self, refresh: bool = False) -> dict[str, str]:
        if refresh or not self._label_names:
            users = self._gmail()
            answer = self._call(lambda: users.labels().list(userId="me"), "labels.list")
            self._label_names = {str(lb["id"]): str(lb["name"]) for lb in answer.get("labels", [])
                                 if lb.get("type") == "user"}
        return self._label_names

    def _keywords(self, label_ids: Iterable[str]) -> frozenset[str]:
        ids = [lid for lid in label_ids if lid.startswith("Label_")]
        if any(lid not in self._label_names for lid in ids):
            self._labels(refresh=True)
        return frozenset(self._label_names[lid] for lid in ids if lid in self._label_names)

    @staticmethod
    def _folder(label_ids: Iterable[str]) -> Folder:
        labels = set(label_ids)
        if "SENT" in labels:
            return Folder.SENT
        if "DRAFT" in labels:
            return Folder.DRAFTS
        if "INBOX" in labels:
            return Folder.INBOX
        return Folder.OTHER

    def _report(self, got: Mapping[str, dict[str, Any]], is_candidate: CandidateFilter,
                threads: dict[str, None]) -> list[RemoteMessage]:
        """RemoteMessages from raw answers, oldest first; raw kept only for candidates."""
        ordered = sorted(got.values(), key=lambda m: (int(m.get("internalDate", 0)), m["id"]))
        out: list[RemoteMessage] = []
        for m in ordered:
            labels = m.get("labelIds", [])
            if _SKIP_LABELS.intersection(labels):
                continue
            # popped: each answer's base64 (4/3 of the mail) is freed as it is decoded, so
            # a first sync holds the fetched mail about once, not base64 and bytes both
            # (_get_many cut it to the first MiB as it arrived, as IMAP and Maildir read it;
            # Gmail has no partial get, so one batch's answers still come whole)
            raw = b64url_decode(m.pop("raw"))[:MAX_MESSAGE_BYTES]
            head = header_block(raw)
            keywords = self._keywords(labels)
            # a message the user labelled watcher/track is read whole whatever its headers
            # say (as IMAP and Maildir do): its process is started from its facts
            keep = TRACK in keywords or is_candidate(head)
            tid = str(m.get("threadId") or "") or None
            if keep and tid:
                threads.pop(tid, None)
                threads[tid] = None  # newest last
            out.append(RemoteMessage(str(m["id"]), self._folder(labels), raw if keep else None,
                                     head, tid, keywords))
        return out

    def email_address(self) -> str:
        """The signed-in mailbox's address (getProfile, 1 unit): a cheap check of the grant."""
        users = self._gmail()
        return str(self._call(lambda: users.getProfile(userId="me"), "getProfile")["emailAddress"])

    def send_as_addresses(self) -> tuple[str, ...]:
        """The addresses the user sends from: the mailbox's own and its verified "Send mail as"
        aliases (settings.sendAs.list, 1 unit; allowed by gmail.readonly)."""
        users = self._gmail()
        answer = self._call(lambda: users.settings().sendAs().list(userId="me"),
                            "settings.sendAs.list")
        return tuple(str(a["sendAsEmail"]).lower() for a in answer.get("sendAs") or ()
                     if a.get("sendAsEmail") and a.get("verificationStatus", "accepted") == "accepted")

    def granted_scopes(self) -> tuple[str, ...] | None:
        """The scopes Google granted with the last token refresh (None when it did not say)."""
        self._gmail()
        creds = self._credentials_source
        granted = getattr(creds, "granted_scopes", None) or getattr(creds, "scopes", None)
        return tuple(granted) if granted else None

    # -- sync ---------------------------------------------------------------------------------

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        """New messages since `cursor`; a full sync of the window when None or expired.
        (`on_bodies` is not called: the whole messages come in one batch after the metadata;
        a full sync tells `on_size` how many it fetches before it fetches them.)"""
        cur = parse_cursor(cursor)
        try:
            if cur is not None:
                try:
                    return self._incremental(cur, is_candidate)
                except _HistoryGone:
                    log.warning("account %s: Gmail history %s expired: full resync",
                                self.name, cur.history_id)
                    return self._full(is_candidate, resync=True, keep_threads=cur.threads,
                                      on_size=on_size, carried=cur.retry)
            return self._full(is_candidate, resync=cursor is not None, on_size=on_size)
        except _HistoryGone as exc:  # pragma: no cover - only history.list raises it
            raise TransientError(f"account {self.name}: Gmail history unavailable") from exc

    def _full(self, is_candidate: CandidateFilter, resync: bool,
              keep_threads: Sequence[str] = (), on_size: SizeHook | None = None,
              carried: Mapping[str, list[Any]] | None = None) -> SyncBatch:
        users = self._gmail()
        units0, requests0 = self.limiter.charged, self.requests
        # The history id is read first: whatever changes while we list shows up next time.
        profile = self._call(lambda: users.getProfile(userId="me"), "getProfile")
        history_id = str(profile["historyId"])
        self._labels(refresh=True)
        start = int(self.clock()) - self.window_days * 86_400
        window = f"after:{start} -in:drafts"
        everything = self._list_ids(window)
        hits = self._list_ids(f"{window} {self.query}")
        sent = self._list_ids(f"{window} in:sent")
        # Whole threads of the matches (a reply without the words still belongs), and every
        # message the user sent. Threads the user merely replied to are not expanded: that
        # would fetch most of the user's personal correspondence (a measured 30% more units).
        wanted_threads = set(hits.values()) | set(keep_threads)
        fetch = [mid for mid, tid in everything.items() if tid in wanted_threads or mid in sent]
        fetch += [mid for mid in (*hits, *sent) if mid not in everything]
        if on_size is not None:
            on_size(len(fetch))
        unserved: dict[str, _Unserved] = {}
        got = self._get_many(fetch, "raw", unserved=unserved)
        if unserved and not got and all(u.retryable and not u.not_found
                                        for u in unserved.values()):
            # Gmail served none of them: an outage, not bad messages; the first sync is
            # tried again whole at the next pass (nothing carried, nothing given up)
            why = next(iter(unserved.values())).why
            raise TransientError(f"account {self.name}: Gmail messages.get failed ({why})")
        retry, unreadable = self._settle(unserved, dict.fromkeys(unserved, "raw"),
                                         carried or {})
        listed = set(everything.values())  # once: it was built again for each kept thread
        threads: dict[str, None] = dict.fromkeys(t for t in keep_threads if t in listed)
        messages = self._report(got, is_candidate, threads)
        cur = _Cursor(history_id, start, list(threads)[-self.MAX_TRACKED_THREADS:], retry)
        stats = {
            "listed": len(everything), "query_hits": len(hits), "sent": len(sent),
            "fetched": len(got), "candidates": sum(1 for m in messages if m.raw is not None),
            "units": self.limiter.charged - units0, "requests": self.requests - requests0,
            "deferred": len(retry),
        }
        log.info("account %s: Gmail full sync: %d listed, %d fetched, %d units", self.name,
                 stats["listed"], stats["fetched"], stats["units"])
        return SyncBatch(messages, cur.dump(), full_resync=resync, stats=stats,
                         unreadable=unreadable)

    def _settle(self, unserved: Mapping[str, _Unserved], kinds: Mapping[str, str],
                carried: Mapping[str, list[Any]]) -> tuple[dict[str, list[Any]], dict[str, str]]:
        """The messages this pass could not get: those to ask for again next pass (id ->
        [passes, first failure, kind]), and those given up (id -> why)."""
        now = self.clock()
        retry: dict[str, list[Any]] = {}
        unreadable: dict[str, str] = {}
        missing = 0
        for mid, u in unserved.items():
            if not u.retryable:
                unreadable[mid] = f"Gmail refused to serve it ({u.why})"
                continue
            passes, since = carried.get(mid, (0, now))[:2]
            passes += 1
            if u.not_found:
                if passes >= NOT_FOUND_PASSES:
                    log.info("account %s: message %s not found in %d passes: taken as "
                             "deleted", self.name, mid, passes)
                else:
                    retry[mid] = [passes, since, kinds.get(mid, "raw")]
                    missing += 1
                continue
            if passes >= GIVE_UP_PASSES and now - since >= GIVE_UP_AFTER:
                first = datetime.fromtimestamp(since, UTC).strftime("%Y-%m-%d %H:%M UTC")
                unreadable[mid] = (f"Gmail failed to serve it ({u.why}) in {passes} passes "
                                   f"since {first}")
            else:
                retry[mid] = [passes, since, kinds.get(mid, "raw")]
        for mid, why in unreadable.items():
            log.warning("account %s: message %s given up: %s", self.name, mid, why)
        if missing:  # mostly mail deleted meanwhile: no cause for a warning
            log.info("account %s: %d messages not found (HTTP 404): asked for again at the "
                     "next pass", self.name, missing)
        if len(retry) > missing:
            log.warning("account %s: %d messages Gmail did not serve (%s): asked for again "
                        "at the next pass", self.name, len(retry) - missing,
                        next(iter(unserved[m].why for m in retry if not unserved[m].not_found)))
        return retry, unreadable

    def _incremental(self, cur: _Cursor, is_candidate: CandidateFilter) -> SyncBatch:
        users = self._gmail()
        units0, requests0 = self.limiter.charged, self.requests
        latest: dict[str, dict[str, Any]] = {}  # message id -> {"threadId", "labelIds"}
        interesting: dict[str, None] = {}  # ids added, or become SENT / tracked, in order
        deleted: set[str] = set()
        token: str | None = None
        history_id = cur.history_id
        relabel = False
        labelled: dict[str, set[str]] = {}  # message id -> user labels added to it
        while True:
            kwargs: dict[str, Any] = {"userId": "me", "startHistoryId": cur.history_id,
                                      "historyTypes": list(HISTORY_TYPES),
                                      "maxResults": PAGE_SIZE}
            if token:
                kwargs["pageToken"] = token
            page = self._call(partial(users.history().list, **kwargs), "history.list")
            for rec in page.get("history", []):
                for item in rec.get("messagesAdded", []):
                    m = item["message"]
                    latest[m["id"]] = m
                    interesting[m["id"]] = None
                for key in ("labelsAdded", "labelsRemoved"):
                    for item in rec.get(key, []):
                        m = item["message"]
                        latest[m["id"]] = m
                        changed = set(item.get("labelIds", []))
                        if key == "labelsAdded" and "SENT" in changed:
                            interesting[m["id"]] = None  # a draft was sent
                        if key == "labelsRemoved" and changed & {"SPAM", "TRASH"}:
                            interesting[m["id"]] = None  # "Not spam" / restored from the trash
                        user_labels = {lid for lid in changed if lid.startswith("Label_")}
                        if key == "labelsAdded" and user_labels:
                            labelled.setdefault(m["id"], set()).update(user_labels)
                            relabel = True
                for item in rec.get("messagesDeleted", []):
                    deleted.add(item["message"]["id"])
            history_id = str(page.get("historyId", history_id))
            token = page.get("nextPageToken")
            if not token:
                break
        if relabel:
            self._labels(refresh=True)  # a label may have been renamed to watcher/track (1 unit)
        for mid, lids in labelled.items():
            # only watcher/track and watcher/ignore mean anything here: the user's own labels
            # on old mail ("Receipts" on 2,000 newsletters) fetched each as new mail
            if self._keywords(lids) & {TRACK, IGNORE}:
                interesting[mid] = None
        tracked = dict.fromkeys(cur.threads)
        direct: list[str] = []
        look: list[str] = []
        for mid in interesting:
            m = latest[mid]
            labels = set(m.get("labelIds", []))
            if mid in deleted or _SKIP_LABELS.intersection(labels):
                continue
            if ("SENT" in labels or m.get("threadId") in tracked
                    or self._keywords(labels) & {TRACK, IGNORE}):
                direct.append(mid)
            else:
                look.append(mid)
        # what Gmail did not serve last time, asked for again as it was then (unless it is
        # gone, or new history about it already asks for it)
        for mid, (_passes, _since, kind) in cur.retry.items():
            if mid not in deleted and mid not in interesting:
                (look if kind == "look" else direct).append(mid)
        kinds = dict.fromkeys(look, "look")
        unserved: dict[str, _Unserved] = {}
        if look:
            heads = self._get_many(look, "metadata", METADATA_HEADERS, unserved=unserved)
            for mid in look:
                meta = heads.get(mid)
                # mail older than the window (restored from the trash, "Not spam"): old news,
                # as the first sync left it
                if meta is not None and int(meta.get("internalDate") or 0) // 1000 >= cur.window_start \
                        and is_candidate(headers_from_metadata(meta.get("payload", {}))):
                    direct.append(mid)
        got = self._get_many(direct, "raw", unserved=unserved) if direct else {}
        messages = self._report(got, is_candidate, tracked)
        retry, unreadable = self._settle(unserved, kinds, cur.retry)
        new = _Cursor(history_id, cur.window_start, list(tracked)[-self.MAX_TRACKED_THREADS:],
                      retry)
        stats = {"history_changes": len(interesting), "looked_at": len(look),
                 "fetched": len(got), "candidates": sum(1 for m in messages if m.raw is not None),
                 "units": self.limiter.charged - units0, "requests": self.requests - requests0,
                 "deferred": len(retry)}
        return SyncBatch(messages, new.dump(), stats=stats, unreadable=unreadable)

    # -- drafts -------------------------------------------------------------------------------

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """Marker -> draft id for the drafts that carry MARKER_HEADER (markers cached by
        message). A draft id outlives the user's edits (each gives it a new message): a draft
        listed under an id `known` for a marker is reported under that marker even when the
        edit dropped the header (by its Message-ID too, see `markers_listed`)."""
        for _attempt in range(3):
            out, stale = self._list_drafts_once(known or {})
            if not stale:
                return out
        # Still changing under us (the user is editing), or a draft whose message keeps
        # answering 404: those may be drafts of ours, so nothing is decided about them this
        # pass; every other draft id was listed, so the rest is known.
        raise DraftsIncomplete(f"account {self.name}: {len(stale)} draft(s) kept changing "
                               "while listed", out, frozenset(stale), None)

    def _list_drafts_once(self, known: Mapping[str, str | None]) -> tuple[dict[str, str], set[str]]:
        users = self._gmail()
        drafts: dict[str, str] = {}  # draft id -> message id
        token: str | None = None
        stale: set[str] = set()  # draft ids whose message could not be read
        while True:
            kwargs: dict[str, Any] = {"userId": "me", "maxResults": PAGE_SIZE}
            if token:
                kwargs["pageToken"] = token
            page = self._call(partial(users.drafts().list, **kwargs), "drafts.list")
            for d in page.get("drafts", []):
                drafts[str(d["id"])] = str(d["message"]["id"])
            token = page.get("nextPageToken")
            if not token:
                break
        unknown = [mid for mid in drafts.values() if mid not in self._markers]
        if unknown:
            heads = self._get_many(unknown, "metadata", (MARKER_HEADER, "Message-ID"))
            for mid in unknown:
                meta = heads.get(mid)
                if meta is not None:
                    self._markers[mid] = draft_mark(headers_from_metadata(meta.get("payload", {})))
        ours = {did: marker for marker, did in known.items() if did}
        # A draft whose message is gone since the list (replaced by an edit's autosave, or
        # deleted) is not known yet, unless its id is one of ours: that stays ours
        stale = {did for did, mid in drafts.items() if mid not in self._markers and did not in ours}
        live = set(drafts.values())
        self._markers = {k: v for k, v in self._markers.items() if k in live}
        marks: list[tuple[str, DraftMark]] = []
        for did, mid in drafts.items():
            mark = self._markers.get(mid, DraftMark(None, None))
            if mark.marker is None and did in ours:
                mark = DraftMark(ours[did], mark.digest)
            marks.append((did, mark))
        return markers_listed(marks, known), stale

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        """The message `ref` (its Gmail id), whole; None when it is gone (or now a draft, in
        the trash or in spam)."""
        got = self._get_many([ref], "raw").get(ref)
        if got is None:
            return None
        found = self._report({ref: got}, lambda _h: True, {})
        return found[0] if found else None

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """drafts.create in the draft's thread, once: a lost answer raises TransientError and
        the caller looks for the marker with list_drafts() before trying again."""
        users = self._gmail()
        raw = with_marker(raw, draft.marker)
        message: dict[str, Any] = {"raw": b64url(raw)}
        if draft.thread_id:
            message["threadId"] = draft.thread_id
        answer = self._call(lambda: users.drafts().create(userId="me", body={"message": message}),
                            "drafts.create", retry=False)
        draft_id = str(answer["id"])
        msg = answer.get("message") or {}
        if msg.get("id"):
            self._markers[str(msg["id"])] = DraftMark(draft.marker, None)
        if (draft.thread_id and draft.in_reply_to and msg.get("threadId")
                and msg["threadId"] != draft.thread_id):
            log.warning("account %s: draft %s left its thread (subject or references differ)",
                        self.name, draft.marker)
        log.info("account %s: draft %s created (%s)", self.name, draft.marker, draft_id)
        return draft_id


def make_credentials(client: ClientSecrets, refresh_token: str) -> Credentials:
    """OAuth user credentials from the refresh token; the access token is fetched on first use."""
    return Credentials(token=None, refresh_token=refresh_token, token_uri=client.token_uri,
                       client_id=client.client_id, client_secret=client.client_secret,
                       scopes=list(SCOPES))
