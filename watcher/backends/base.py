"""The one protocol every mailbox backend implements, and the values it exchanges.

A backend syncs changes since an opaque cursor, lists the watcher's drafts by their marker
header, and creates drafts. It never sends. Library errors become `watcher.errors` ones here.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from watcher.errors import TransientError
from watcher.models import Draft

# What a sync reads of one message: its first MiB. The text, and the invite, come before what is
# attached (a CV, a deck, photos), which nothing here reads; a first sync holds every whole
# message it fetched until they are stored, so 80 sent mails with a 10 MB CV each took 894 MB
# (review22b). A message cut here parses as one whose end is missing (a defect, not an error).
MAX_MESSAGE_BYTES = 1 << 20

# The header that marks a draft as the watcher's, holding the step key (see store's ledger).
MARKER_HEADER = "X-Watcher-Step"
# The IMAP keywords / Gmail labels / Maildir keywords a user sets to track or ignore a thread
TRACK_KEYWORD, IGNORE_KEYWORD = "watcher/track", "watcher/ignore"

_MARKER_LINE = re.compile(rb"^" + MARKER_HEADER.encode() + rb":[ \t]*(.*(?:\r?\n[ \t].*)*)",
                          re.IGNORECASE | re.MULTILINE)


def header_block(raw: bytes) -> bytes:
    """The header block of a raw message, with the blank line that ends it."""
    # Two substring scans, not a regex: "\r?\n\r?\n" has no literal to scan for and costs
    # 20 us a message, and this runs on every message of a first sync. The earliest blank line
    # wins; the CRLF one is looked for first so the LF one is looked for only before it.
    crlf = raw.find(b"\n\r\n")
    lf = raw.find(b"\n\n", 0, crlf + 2 if crlf >= 0 else len(raw))
    if lf >= 0:
        return raw[: lf + 2]
    return raw[: crlf + 3] if crlf >= 0 else raw


def normalize_marker(value: str) -> str:
    """A marker as the ledger knows it: undo the folding and RFC 2047 encoding (`=?utf-8?q?`)
    that a mail writer's line-length limit may have applied to a long step key."""
    value = value.strip()
    if "=?" in value:
        from email.header import decode_header, make_header

        try:
            value = str(make_header(decode_header(value)))
        except (ValueError, LookupError, UnicodeDecodeError):
            return value
    return re.sub(r"\s+", "", value)


# The Date and Message-ID lines of a header block, matched on "\n" + the block: a pattern that
# starts with a literal newline is found by a fast scan for it, where "^" with MULTILINE tries
# every position (these run on the headers of every message of a first sync). One search
# each: a loop over both names' matches in Python cost 10 us a message.
_DATE_LINE = re.compile(rb"\n(date:[ \t]*([^\r\n]*(?:\r?\n[ \t][^\r\n]*)*))", re.IGNORECASE)
_MESSAGE_ID_LINE = re.compile(rb"\n(message-id:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)", re.IGNORECASE)


def date_value(headers: bytes) -> bytes | None:
    """The (first) Date header's value in a header block or a raw message, unfolded lines
    included as they are; None without one."""
    m = _DATE_LINE.search(b"\n" + header_block(headers))
    return m.group(2) if m else None


def slim_headers(headers: bytes) -> bytes:
    """What is kept of a message the engine does not fetch whole: its Date line (a batch is
    stored in date order) and its Message-ID line (its identity, should anyone ask). A backend
    keeps only these of such a message's header block, so a first sync of a big folder holds
    two lines per message in memory, not every header block. `headers` is a header block
    (as a backend has it: not scanned again for its end)."""
    block = b"\n" + headers
    lines = (_DATE_LINE.search(block), _MESSAGE_ID_LINE.search(block))
    return b"".join(m.group(1) + b"\r\n" for m in lines if m) + b"\r\n"  # still a header block


def marker_of(headers: bytes) -> str | None:
    """The MARKER_HEADER value in a header block (unfolded, decoded), or None."""
    m = _MARKER_LINE.search(header_block(headers))
    if m is None:
        return None
    return normalize_marker(m.group(1).decode("utf-8", "replace")) or None


def marker_digest(marker: str) -> str:
    """What the Message-ID the watcher gives a draft holds of its marker (`compose`)."""
    return hashlib.sha1(marker.encode("utf-8")).hexdigest()[:16]


_OUR_MESSAGE_ID = re.compile(r"<watcher\.([0-9a-f]{16})@")


def message_id_digest(message_id: str | None) -> str | None:
    """The marker digest in a Message-ID the watcher made (`<watcher.DIGEST@host>`), or None."""
    m = _OUR_MESSAGE_ID.search(message_id or "")
    return m.group(1) if m else None


@dataclass(frozen=True, slots=True)
class DraftMark:
    """What a draft's headers say of whose it is: its marker header, and the marker digest
    in its Message-ID. Many mail clients drop headers they do not know when they save the
    user's edit of a draft (Roundcube, Thunderbird's re-compose); some keep the Message-ID."""

    marker: str | None
    digest: str | None


def message_id_of(headers: bytes) -> str | None:
    """The Message-ID (`<...>`) in a header block, or None."""
    m = _MESSAGE_ID_LINE.search(b"\n" + header_block(headers))
    if m is None:
        return None
    found = re.search(r"<[^<>\s]+>", m.group(1).decode("ascii", "replace"))
    return found.group(0) if found else None


def draft_mark(headers: bytes) -> DraftMark:
    """The DraftMark of a draft's header block (or of the few header lines fetched of it)."""
    m = _MESSAGE_ID_LINE.search(b"\n" + header_block(headers))
    mid = m.group(1).decode("ascii", "replace") if m else None
    return DraftMark(marker_of(headers), message_id_digest(mid))


def markers_listed(drafts: Iterable[tuple[str, DraftMark]],
                   known: Iterable[str] = ()) -> dict[str, str]:
    """Marker -> draft id from (draft id, mark) pairs in listing order: by the marker header
    (the first draft with it wins), else by a Message-ID that carries the digest of one of
    the `known` markers: the user's edit of our draft, saved by a client that dropped the
    header, is still ours, pending in Drafts."""
    by_digest = {marker_digest(k): k for k in known}
    found: dict[str, str] = {}
    edited: dict[str, str] = {}
    for draft_id, mark in drafts:
        if mark.marker is not None:
            found.setdefault(mark.marker, draft_id)
        elif mark.digest is not None and mark.digest in by_digest:
            edited.setdefault(by_digest[mark.digest], draft_id)
    return {**edited, **found}


def with_marker(raw: bytes, marker: str) -> bytes:
    """`raw`, with the marker header added in front when the composer left it out."""
    if marker_of(raw) is not None:
        return raw
    return f"{MARKER_HEADER}: {marker}\r\n".encode() + raw


# The last level of a Sent or Drafts folder's name in the languages mail clients use
# (compared case-insensitively): how a folder is known without SPECIAL-USE flags.
LOCALIZED_NAMES: dict[str, tuple[str, ...]] = {
    "sent": ("sent", "sent items", "sent messages", "sent mail", "gesendet", "envoyés",
             "gesendete elemente", "gesendete objekte", "éléments envoyés", "messages envoyés",
             "elementos enviados", "enviados", "posta inviata", "inviata", "verzonden items",
             "verzonden", "skickat", "skickade objekt", "sendt", "sendte elementer", "wysłane",
             "odeslané", "отправленные",
             # Gmail's and the big providers' names in more languages (a Maildir has no
             # SPECIAL-USE flags: a Sent folder not named here is not read at all)
             "e-mails enviados", "correio enviado", "itens enviados", "mensagens enviadas",
             "verzonden berichten", "elementy wysłane", "odeslaná pošta", "sendt post",
             "sendt e-post", "gönderilmiş postalar", "gönderilmiş öğeler", "lähetetyt",
             "lähetetyt viestit", "送信済みメール", "送信済み", "已发邮件", "已发送", "보낸편지함"),
    "drafts": ("drafts", "draft", "entwürfe", "brouillons", "borradores", "bozze", "concepten",
               "utkast", "kladder", "szkice", "koncepty", "черновики", "rascunhos",
               "wersje robocze", "taslaklar", "luonnokset", "下書き", "草稿", "草稿箱", "임시보관함",
               "postponed"),  # mutt's own name for its drafts folder
}


class Folder(StrEnum):
    """Where a message was found, as far as the engine cares."""

    INBOX = "inbox"
    SENT = "sent"
    DRAFTS = "drafts"
    OTHER = "other"  # All Mail, archive folders, labels


@dataclass(frozen=True, slots=True)
class RemoteMessage:
    """One message reported by a sync. `raw` is None when only headers were fetched."""

    ref: str  # stable, backend-unique id (Gmail id, "INBOX/<uidvalidity>/<uid>", Maildir key)
    folder: Folder
    raw: bytes | None
    # the header block; of a message not fetched whole, a backend may keep only `slim_headers`
    headers: bytes = b""
    thread_id: str | None = None  # Gmail threadId / X-GM-THRID where known
    keywords: frozenset[str] = frozenset()  # IMAP keywords or Gmail label names (watcher/track ...)


@dataclass(frozen=True, slots=True)
class SyncBatch:
    """What changed since a cursor. Store the messages' effects, then store `cursor`."""

    messages: list[RemoteMessage]
    cursor: str  # opaque to everyone but the backend that made it
    full_resync: bool = False  # the old cursor was no longer valid (UIDVALIDITY, expired history)
    stats: dict[str, int] = field(default_factory=dict)  # counts for logs and benchmarks
    # refs the server would not serve, given up on -> why: recorded as unreadable messages,
    # like mail that cannot be parsed (so they are not asked for again, and status shows them)
    unreadable: dict[str, str] = field(default_factory=dict)


# Given a message's header block, should the backend fetch the whole message?
CandidateFilter = Callable[[bytes], bool]
# Whole messages just fetched, handed over before `sync` returns so that their costly parsing
# can start while the rest still downloads; the same objects are in the returned batch.
BodiesHook = Callable[[list["RemoteMessage"]], None]
# How many messages a folder's sync is about to look at, said before they are fetched: the
# caller starts its worker processes for a big batch (a first sync, a rescan), and only then.
SizeHook = Callable[[int], None]


class DraftsIncomplete(TransientError):
    """The drafts folder was listed, but the server refused to send some drafts (a message it
    cannot read): `listed` has the markers of the others, `unread` the ids of those refused,
    `current` the prefix every id of this listing starts with ("" when ids say nothing; None
    when ids are permanent and every one was listed or is in `unread`). A draft missing from
    `listed` whose id may be an unread one (`may_be_unread`) proves nothing by its absence:
    not sent, not deleted, not to be made again."""

    def __init__(self, message: str, listed: dict[str, str],
                 unread: frozenset[str] = frozenset(), current: str | None = "") -> None:
        super().__init__(message)
        self.listed = listed
        self.unread = unread
        self.current = current

    def may_be_unread(self, draft_id: str | None) -> bool:
        """Whether the draft with this id (None: never recorded) may be one not read: a user's
        own unreadable draft then does not hide that one of ours is gone."""
        if not draft_id or draft_id in self.unread:
            return True
        if self.current is None:
            return False
        return not (self.current and draft_id.startswith(self.current))  # an older folder's id


class Backend(Protocol):
    """A mailbox the watcher reads and leaves drafts in."""

    name: str

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        """Messages new since `cursor` (all of them when None), in arrival order (the engine
        orders them by their Date header). A backend may pass whole messages to `on_bodies`
        as they arrive, before it returns them in the batch, and tell `on_size` how many
        messages it is about to look at (per folder, before fetching them)."""
        ...

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """Marker -> draft id for every draft in the drafts folder that carries MARKER_HEADER.

        `known`: marker -> recorded draft id (None while only the intent is) of the drafts the
        ledger holds as made, or being made, and not yet gone. A draft whose mail client dropped
        the header when it saved the user's edit is reported under its marker all the same when
        its Message-ID still carries the marker's digest (`markers_listed`), or, where a draft
        id outlives an edit (Gmail's), under the marker recorded for its id.
        Raises DraftsIncomplete when the server would not let some drafts be read."""
        ...

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """Save `raw` (which carries MARKER_HEADER) as a draft and return its id. No retries."""
        ...

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        """One message a sync reported, whole, by its ref (`watcher track` on mail its first
        read kept no facts of); None when it is no longer there."""
        ...

    def close(self) -> None:
        """Release connections; the backend may be used again after a new sync."""
        ...
