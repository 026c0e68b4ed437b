"""Maildir backend: INBOX, Sent and Drafts under one root, as mbsync, offlineimap or Dovecot
write them (Maildir++ `.Sent` folders or plain `Sent/` subfolders). Drafts are written
atomically (tmp, then cur with the D and S flags) and found again by their marker header.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from watcher.backends.base import (
    MARKER_HEADER,
    CandidateFilter,
    Folder,
    RemoteMessage,
    SyncBatch,
    header_block,
    marker_of,
)
from watcher.errors import ConfigError, TransientError
from watcher.models import Draft

log = logging.getLogger(__name__)

LAYOUTS = ("auto", "maildir++", "fs")
_LAYOUT_ALIASES = {"plain": "fs", "subfolders": "fs", "verbatim": "fs", "maildirpp": "maildir++"}
TRACK, IGNORE = "watcher/track", "watcher/ignore"
MTIME_SETTLE_NS = 2_000_000_000  # directory mtimes younger than this are not trusted alone

# Folder names tried in order when the config names none (the last level, as the server had it).
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "sent": ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail",
             "[Google Mail]/Sent Mail", "INBOX/Sent"),
    "drafts": ("Drafts", "Draft", "[Gmail]/Drafts", "[Google Mail]/Drafts", "INBOX/Drafts"),
}
SYNC_ROLES: tuple[tuple[str, Folder], ...] = (("inbox", Folder.INBOX), ("sent", Folder.SENT))

# "<unique>:2,<flags>"; some tools on file systems without ":" use ";" or "!" instead.
_INFO = re.compile(r"[:;!]2,([A-Za-z]*)$")
_counter_lock = threading.Lock()
_counter = 0


def split_name(filename: str) -> tuple[str, str]:
    """(key, flags) of a Maildir file name: the key is the part before ':2,'."""
    m = _INFO.search(filename)
    if m is None:
        return filename, ""
    return filename[:m.start()], m.group(1)


def _unique_name() -> str:
    """A new Maildir unique name: time, microseconds, pid, counter and host."""
    global _counter
    with _counter_lock:
        _counter += 1
        n = _counter
    now = time.time()
    host = socket.gethostname().replace("/", r"\057").replace(":", r"\072") or "localhost"
    return f"{int(now)}.M{int(now * 1e6) % 1_000_000}P{os.getpid()}Q{n}R{os.urandom(4).hex()}.{host}"


@dataclass
class _Dir:
    """One Maildir folder: its path and the name used in refs and ids."""

    label: str  # "INBOX", "Sent", "[Gmail]/Sent Mail": stable, used in refs
    path: Path

    def exists(self) -> bool:
        return (self.path / "cur").is_dir() or (self.path / "new").is_dir()

    def entries(self) -> Iterator[tuple[str, str, Path]]:
        """(key, flags, path) for every message in new/ and cur/."""
        for sub in ("new", "cur"):
            try:
                with os.scandir(self.path / sub) as it:
                    for e in it:
                        if e.name.startswith("."):
                            continue
                        key, flags = split_name(e.name)
                        yield key, flags, Path(e.path)
            except FileNotFoundError:
                continue

    def signature(self) -> tuple[int, ...]:
        """Directory mtimes of new/ and cur/: any delivery, move or flag change bumps them."""
        out = []
        for sub in ("new", "cur"):
            try:
                out.append(os.stat(self.path / sub).st_mtime_ns)
            except FileNotFoundError:
                out.append(0)
        return tuple(out)

    def keywords(self) -> dict[str, str]:
        """Dovecot's keyword letters (a = line 0 of dovecot-keywords) -> keyword name."""
        try:
            lines = (self.path / "dovecot-keywords").read_text("utf-8", "replace").splitlines()
        except OSError:
            return {}
        out: dict[str, str] = {}
        for line in lines:
            idx, _, name = line.partition(" ")
            if idx.isdigit() and int(idx) < 26 and name:
                out[chr(ord("a") + int(idx))] = name
        return out


class MaildirBackend:
    """A local Maildir account. Implements `watcher.backends.base.Backend`.

    Cursor (opaque JSON): `{"v": 1, "folders": {"inbox"|"sent": {"label", "seen": [key]}}}`;
    keys (file names before ':2,') survive moves from new/ to cur/ and flag changes, so those
    are never new events. Refs and draft ids are `"<label>/<key>"`.
    """

    def __init__(
        self,
        name: str,
        root: str | os.PathLike[str],
        layout: str = "auto",
        folders: Mapping[str, str | None] | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        layout = _LAYOUT_ALIASES.get(layout, layout)
        if layout not in LAYOUTS:
            raise ConfigError(f"account {name}: layout = {layout!r}: expected one of "
                              + ", ".join(repr(x) for x in LAYOUTS))
        self.name = name
        self.root = Path(root).expanduser()
        self.layout = self._detect(layout)
        self.overrides = {k: v for k, v in (folders or {}).items() if v}
        self._sleep = sleep
        self._draft_markers: dict[tuple[str, str], str | None] = {}  # (label, key) -> marker
        self._last_signature: dict[str, tuple[int, ...]] = {}
        self._last_result: tuple[str, tuple[tuple[str, tuple[int, ...]], ...]] | None = None
        self.last_stats: dict[str, int] = {}

    @classmethod
    def from_config(cls, account: Any, **kwargs: Any) -> MaildirBackend:
        """Build from an AccountConfig-like object (name, path, layout, folders)."""
        if getattr(account, "path", None) is None:
            raise ConfigError(f"account {account.name}: a maildir account needs `path`")
        folders = getattr(account, "folders", None)
        if folders is not None and not isinstance(folders, Mapping):
            folders = {k: getattr(folders, k, None) for k in ("inbox", "sent", "drafts")}
        return cls(account.name, account.path, getattr(account, "layout", "auto") or "auto",
                   folders, **kwargs)

    def __repr__(self) -> str:
        return f"MaildirBackend({self.name!r}, {str(self.root)!r}, {self.layout!r})"

    # -- layout ------------------------------------------------------------------------------

    def _detect(self, layout: str) -> str:
        if layout != "auto":
            return layout
        if (self.root / "cur").is_dir() or (self.root / "new").is_dir():
            return "maildir++"  # the root itself is INBOX (Dovecot, Courier, mbsync Maildir++)
        if (self.root / "INBOX").is_dir():
            return "fs"  # mbsync `SubFolders Verbatim`, offlineimap
        try:
            if any(p.name.startswith(".") and (p / "cur").is_dir() for p in self.root.iterdir()):
                return "maildir++"
        except FileNotFoundError:
            raise ConfigError(f"account {self.name}: path {self.root} does not exist") from None
        return "fs"

    def _dir(self, label: str) -> _Dir:
        """The folder called `label` ("INBOX", "Sent", "[Gmail]/Sent Mail") in this layout."""
        if os.path.isabs(label):
            return _Dir(label, Path(label))
        if self.layout == "maildir++":
            if label.upper() == "INBOX":
                return _Dir("INBOX", self.root)
            # Maildir++ keeps one level: ".[Gmail].Sent Mail"; a leading "INBOX/" is implied.
            parts = label.split("/")
            if parts[0].upper() == "INBOX" and len(parts) > 1:
                parts = parts[1:]
            return _Dir(label, self.root / ("." + ".".join(parts)))
        path = self.root.joinpath(*label.split("/"))
        if not (path / "cur").is_dir() and "/" in label:
            # offlineimap's default separator is ".": "[Gmail].Sent Mail"
            dotted = self.root / label.replace("/", ".")
            if (dotted / "cur").is_dir():
                return _Dir(label, dotted)
        return _Dir(label, path)

    def folder(self, role: str) -> _Dir | None:
        """The folder for a role (inbox, sent, drafts): the config's, else the first that exists."""
        if role in self.overrides:
            return self._dir(str(self.overrides[role]))
        if role == "inbox":
            return self._dir("INBOX")
        for label in _CANDIDATES[role]:
            d = self._dir(label)
            if d.exists():
                return d
        if role == "drafts":
            return self._dir("Drafts")  # created on the first draft
        return None

    # -- sync --------------------------------------------------------------------------------

    def sync(self, cursor: str | None, is_candidate: CandidateFilter) -> SyncBatch:
        """Messages whose key was not seen before, INBOX and Sent, oldest (mtime) first."""
        signatures = self._signatures()
        if cursor is not None and self._last_result == (cursor, signatures):
            # Same cursor as we last returned and no directory changed: nothing to list.
            self.last_stats = {"files_listed": 0, "files_read": 0, "bodies": 0}
            return SyncBatch([], cursor, stats=dict(self.last_stats))
        previous, readable = _parse_cursor(cursor)
        stats = {"files_listed": 0, "files_read": 0, "bodies": 0}
        found: list[tuple[float, int, str, RemoteMessage]] = []
        new_cursor: dict[str, dict[str, Any]] = {}
        for order, (role, kind) in enumerate(SYNC_ROLES):
            d = self.folder(role)
            if d is None:
                continue
            prev = previous.get(role)
            seen: set[str] = set(prev["seen"]) if prev and prev.get("label") == d.label else set()
            keywords = d.keywords()
            present: set[str] = set()
            self._last_signature[role] = d.signature()
            for key, flags, path in list(d.entries()):
                stats["files_listed"] += 1
                present.add(key)
                if key in seen:
                    continue
                try:
                    data = _read_moving(d, key, path)
                except OSError as exc:
                    raise TransientError(f"account {self.name}: cannot read {path}: "
                                         f"{exc.strerror or type(exc).__name__}") from exc
                if data is None:  # removed while we looked: nothing to report
                    present.discard(key)
                    continue
                stats["files_read"] += 1
                raw, mtime = data
                headers = header_block(raw)
                kws = frozenset(keywords[c] for c in flags if c in keywords)
                whole = TRACK in kws or is_candidate(headers)
                stats["bodies"] += int(whole)
                found.append((mtime, order, key, RemoteMessage(
                    ref=f"{d.label}/{key}", folder=kind, raw=raw if whole else None,
                    headers=headers, keywords=kws)))
            # Keys that left the folder are forgotten: the cursor stays as big as the folder.
            new_cursor[role] = {"label": d.label, "seen": sorted(present)}
        found.sort(key=lambda t: (t[0], t[1], t[2]))
        self.last_stats = stats
        out = json.dumps({"v": 1, "folders": new_cursor}, sort_keys=True, separators=(",", ":"))
        # Trust the fast path only when no directory changed in the last seconds before the
        # snapshot: a delivery within the same mtime tick would otherwise go unnoticed.
        settled = time.time_ns() - MTIME_SETTLE_NS
        self._last_result = (out, signatures) if all(
            m < settled for _label, sig in signatures for m in sig) else None
        return SyncBatch([t[3] for t in found], out, full_resync=cursor is not None and not readable,
                         stats=stats)

    def _signatures(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Folder labels and directory mtimes (taken before listing, so a change during the
        listing shows up as a difference next time)."""
        out = []
        for role, _kind in SYNC_ROLES:
            d = self.folder(role)
            if d is not None:
                out.append((d.label, d.signature()))
        return tuple(out)

    def wait_for_change(self, timeout: float) -> bool:
        """Sleep `timeout` (injected sleep), then say whether INBOX or Sent changed since sync."""
        self._sleep(timeout)
        changed = False
        for role, _kind in SYNC_ROLES:
            d = self.folder(role)
            if d is not None:
                sig = d.signature()
                changed = changed or self._last_signature.get(role) != sig
                self._last_signature[role] = sig
        return changed

    # -- drafts ------------------------------------------------------------------------------

    def list_drafts(self) -> dict[str, str]:
        """Marker -> draft id for the drafts carrying MARKER_HEADER and not flagged T (trashed).

        Only files not seen before are opened (their key -> marker is remembered).
        """
        d = self.folder("drafts")
        assert d is not None
        found: dict[str, str] = {}
        present: set[tuple[str, str]] = set()
        for key, flags, path in sorted(d.entries()):
            if "T" in flags:
                continue
            present.add((d.label, key))
            if (d.label, key) not in self._draft_markers:
                try:
                    with open(path, "rb") as f:
                        head = header_block(f.read(65536))
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise TransientError(f"account {self.name}: cannot read {path}: "
                                         f"{exc.strerror or type(exc).__name__}") from exc
                self._draft_markers[(d.label, key)] = marker_of(head)
            marker = self._draft_markers[(d.label, key)]
            if marker is not None and marker not in found:
                found[marker] = f"{d.label}/{key}"
        for gone in set(self._draft_markers) - present:
            del self._draft_markers[gone]
        return found

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """Write `raw` into Drafts: tmp/ first, then renamed into cur/ with flags DS."""
        d = self.folder("drafts")
        assert d is not None
        data = raw.replace(b"\r\n", b"\n")  # Maildir files use the local (LF) line ends
        if marker_of(header_block(data)) is None:
            data = f"{MARKER_HEADER}: {draft.marker}\n".encode() + data
        try:
            self._ensure(d)
            key = _unique_name()
            tmp = d.path / "tmp" / key
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
            os.rename(tmp, d.path / "cur" / f"{key}:2,DS")
            _fsync_dir(d.path / "cur")
        except OSError as exc:
            raise TransientError(f"account {self.name}: cannot write a draft into {d.path}: "
                                 f"{exc.strerror or type(exc).__name__}") from exc
        self._draft_markers[(d.label, key)] = draft.marker
        draft_id = f"{d.label}/{key}"
        log.info("account %s: draft %s created for step %s", self.name, draft_id, draft.marker)
        return draft_id

    def _ensure(self, d: _Dir) -> None:
        for sub in ("cur", "new", "tmp"):
            (d.path / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.layout == "maildir++" and d.path != self.root:
            (d.path / "maildirfolder").touch()  # Maildir++: marks a subfolder

    def close(self) -> None:
        """Nothing to release."""


def _parse_cursor(cursor: str | None) -> tuple[dict[str, dict[str, Any]], bool]:
    if not cursor:
        return {}, True
    try:
        data = json.loads(cursor)
        if data.get("v") != 1 or not isinstance(data.get("folders"), dict):
            raise ValueError("unknown cursor")
        return data["folders"], True
    except (ValueError, AttributeError, TypeError):
        log.warning("unreadable Maildir cursor: rescanning")
        return {}, False


def _read_moving(d: _Dir, key: str, path: Path) -> tuple[bytes, float] | None:
    """Read a message that a mail client may be moving (new -> cur) or re-flagging meanwhile."""
    for _attempt in range(3):
        try:
            with open(path, "rb") as f:
                return f.read(), os.fstat(f.fileno()).st_mtime
        except FileNotFoundError:
            again = next((p for k, _f, p in d.entries() if k == key), None)
            if again is None:
                return None
            path = again
    return None


def _fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
