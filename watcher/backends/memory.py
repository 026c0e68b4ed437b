"""An in-memory mailbox implementing the Backend protocol: `watcher simulate` feeds it from an
mbox, tests drive it by hand. Drafts live in it; `user_sends_draft` / `user_deletes_draft` act
like the user in a mail client. It never sends anything anywhere.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

from watcher.backends.base import (
    BodiesHook,
    CandidateFilter,
    Folder,
    RemoteMessage,
    SizeHook,
    SyncBatch,
    header_block,
    marker_of,
)
from watcher.models import Draft

log = logging.getLogger(__name__)

_DATE_RE = re.compile(rb"^Date:[^\r\n]*\r?\n", re.IGNORECASE | re.MULTILINE)


@dataclass
class StoredDraft:
    """A draft in the drafts folder."""

    id: str
    marker: str
    draft: Draft
    raw: bytes


@dataclass
class MemoryBackend:
    """A mailbox in memory: a list of messages (each with a folder) and a drafts folder.

    With `assume_sent`, every created draft becomes a sent message at once (dated `clock()`
    or the draft's own Date header), as if the user sent each draft the moment it appeared.
    """

    name: str = "memory"
    assume_sent: bool = False
    messages: list[RemoteMessage] = field(default_factory=list)
    drafts: dict[str, StoredDraft] = field(default_factory=dict)  # id -> draft
    created: int = 0
    fail_create: bool = False  # tests: the server refuses to save drafts

    def deliver(self, raw: bytes, folder: Folder = Folder.INBOX, thread_id: str | None = None,
                keywords: frozenset[str] = frozenset()) -> str:
        """Put a message in the mailbox; returns its ref."""
        ref = f"{self.name}/{len(self.messages)}"
        self.messages.append(RemoteMessage(ref, folder, raw, header_block(raw), thread_id,
                                           keywords))
        return ref

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        """Messages after `cursor` (a count), oldest first; bodies only of candidates (handed
        to `on_bodies` too, before they are returned); their number to `on_size` first."""
        start = int(cursor) if cursor else 0
        if on_size is not None:
            on_size(len(self.messages) - start)
        out: list[RemoteMessage] = []
        for m in self.messages[start:]:
            if is_candidate(m.headers):
                out.append(m)
            else:
                out.append(RemoteMessage(m.ref, m.folder, None, m.headers, m.thread_id,
                                         m.keywords))
        if on_bodies is not None:
            on_bodies([m for m in out if m.raw is not None])
        return SyncBatch(out, str(len(self.messages)), stats={"listed": len(out)})

    def pending(self, cursor: str | None) -> bool:
        """Whether a sync from `cursor` would report anything."""
        return len(self.messages) > (int(cursor) if cursor else 0)

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        """The message delivered under `ref`, whole."""
        return next((m for m in self.messages if m.ref == ref), None)

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """Marker -> draft id of every draft carrying the marker header (`known` ignored)."""
        return {d.marker: d.id for d in self.drafts.values()}

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """Save a draft (or, with `assume_sent`, the sent copy the user's client would file)."""
        if self.fail_create:
            from watcher.errors import TransientError

            raise TransientError("memory backend: create_draft refused (test fault)")
        marker = marker_of(header_block(raw))
        if marker is None:
            raise ValueError("a watcher draft must carry the marker header")
        self.created += 1
        did = f"draft-{self.created}"
        self.drafts[did] = StoredDraft(did, marker, draft, raw)
        if self.assume_sent:
            self.user_sends_draft(marker)
        return did

    def _find(self, marker: str) -> StoredDraft:
        for d in self.drafts.values():
            if d.marker == marker:
                return d
        raise KeyError(marker)

    def user_sends_draft(self, marker: str, at: datetime | None = None) -> str:
        """The user sends the draft: it leaves Drafts and a copy lands in Sent (dated `at`)."""
        d = self._find(marker)
        del self.drafts[d.id]
        raw = d.raw
        if at is not None:
            raw = _DATE_RE.sub(f"Date: {format_datetime(at)}\r\n".encode(), raw, count=1)
        return self.deliver(raw, Folder.SENT, d.draft.thread_id)

    def user_deletes_draft(self, marker: str) -> None:
        """The user deletes the draft without sending it."""
        del self.drafts[self._find(marker).id]

    def close(self) -> None:
        """Nothing to release."""
