"""Maildir backend: INBOX, Sent, Drafts and `also_read`'s folders under one root, as mbsync,
offlineimap or Dovecot write them (Maildir++ `.Sent` or plain `Sent/`). Drafts are written
atomically (tmp, then cur with the D and S flags) and found again by their marker header.

An entry that cannot be read and that retrying will not fix (a directory, a FIFO, a file the
file system refuses to open) is skipped with one warning naming its path, and the rest of its
folder is read; a file that vanished meanwhile (a mail client moving it) is skipped quietly.
A folder that cannot be listed fails the pass for the account, to be retried.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import json
import logging
import os
import re
import socket
import stat
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    marker_of,
    markers_listed,
    slim_headers,
)
from watcher.errors import ConfigError, TransientError
from watcher.models import Draft

log = logging.getLogger(__name__)

LAYOUTS = ("auto", "maildir++", "fs")
_LAYOUT_ALIASES = {"plain": "fs", "subfolders": "fs", "verbatim": "fs", "maildirpp": "maildir++"}
TRACK, IGNORE = TRACK_KEYWORD, IGNORE_KEYWORD
WATCHER_KEYWORDS = frozenset({TRACK, IGNORE})
MTIME_SETTLE_NS = 2_000_000_000  # directory mtimes younger than this are not trusted alone
# Errors of one entry that retrying will not fix by itself: the entry is skipped, the rest of
# its folder is read. Anything else (EIO, ESTALE, ENOTCONN, EMFILE...) fails the account's pass.
_ENTRY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EISDIR, errno.ELOOP,
                           errno.ENAMETOOLONG, errno.ENXIO, errno.ENODEV, errno.EOVERFLOW})
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO left in a folder must not block
WARN_LIMIT = 10  # unreadable entries named one by one per folder and pass; the rest counted

# Folder names tried in order when the config names none (the last level, as the server had it).
_CANDIDATES: dict[str, tuple[str, ...]] = {
    "sent": ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail",
             "[Google Mail]/Sent Mail", "INBOX/Sent"),
    "drafts": ("Drafts", "Draft", "[Gmail]/Drafts", "[Google Mail]/Drafts", "INBOX/Drafts"),
}
_DISCOVER_DEPTH = 3  # folder levels searched below the root
# A file left in tmp/ this long is garbage by the Maildir convention (no delivery takes so long).
STALE_TMP_SECONDS = 36 * 3600
# The names `_unique_name` gives: a file in Drafts/tmp named so (with this host) is one of ours.
_OUR_NAME = re.compile(r"\d+\.M\d+P\d+Q\d+R[0-9a-f]{8}\.(?P<host>.+)")
_HAND_OVER = 200  # whole messages per `on_bodies` call
SYNC_ROLES: tuple[tuple[str, Folder], ...] = (("inbox", Folder.INBOX), ("sent", Folder.SENT))
# The role (cursor key) of a folder of `also_read`, read as INBOX is: "also:Jobs" (as in imap.py)
ALSO_PREFIX = "also:"
_Signatures = tuple[tuple[str, tuple[int, ...]], ...]

# "<unique>:2,<flags>"; some tools on file systems without ":" use ";" or "!" instead.
_INFO = re.compile(r"[:;!]2,([A-Za-z]*)$")
# Parts a sync tool adds to or changes in a file name that stays the same message: mbsync's
# ",U=<uid>" (added when it uploads a message the mail client wrote, renumbered when the
# server's UIDVALIDITY changes), offlineimap's ",U=<uid>,FMD5=<folder hash>".
_SYNC_PARTS = re.compile(r",(?:U=\d+|FMD5=[0-9A-Fa-f]+)")
_counter_lock = threading.Lock()
_counter = 0


def _text(name: str) -> str:
    """A file name as text that can be stored: bytes that are not UTF-8 (a name written on a
    Latin-1 system) as \\xe9, where Python gives unstorable surrogates; a valid name as it is."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def split_name(filename: str) -> tuple[str, str]:
    """(key, flags) of a Maildir file name: the key is the part before ':2,', without the
    UID parts that mbsync and offlineimap add and change (the same message all along)."""
    m = _INFO.search(filename)
    if m is None:
        return _SYNC_PARTS.sub("", filename), ""
    return _SYNC_PARTS.sub("", filename[:m.start()]), m.group(1)


def mutf7_decode(name: str) -> str:
    """An IMAP folder name in modified UTF-7 (RFC 3501 5.1.3: `Entw&APw-rfe`) as text; a name
    that is not valid modified UTF-7 is returned as it is."""
    out: list[str] = []
    i = 0
    while i < len(name):
        if name[i] != "&":
            out.append(name[i])
            i += 1
            continue
        end = name.find("-", i + 1)
        if end < 0:
            return name
        chunk = name[i + 1:end].replace(",", "/")
        if not chunk:
            out.append("&")
        else:
            try:
                out.append(base64.b64decode(chunk + "=" * (-len(chunk) % 4), validate=True)
                           .decode("utf-16-be"))
            except (binascii.Error, ValueError):
                return name
        i = end + 1
    return "".join(out)


def mutf7_encode(name: str) -> str:
    """Text as an IMAP folder name in modified UTF-7, as mbsync and offlineimap name folders."""
    out: list[str] = []
    wide: list[str] = []

    def flush() -> None:
        if wide:
            b64 = base64.b64encode("".join(wide).encode("utf-16-be")).decode("ascii")
            out.append("&" + b64.rstrip("=").replace("/", ",") + "-")
            wide.clear()

    for c in name:
        if " " <= c <= "~":
            flush()
            out.append("&-" if c == "&" else c)
        else:
            wide.append(c)
    flush()
    return "".join(out)


# The parents under which servers keep their own Sent and Drafts folders (Dovecot's and
# Courier's INBOX/Sent, Gmail's [Gmail]/Sent Mail), folded as `_folded` folds.
_SERVER_PARENTS = frozenset({"inbox", "[gmail]", "[google mail]"})


def _placed(parts: list[str]) -> bool:
    """Whether a folder (its name levels) sits where a server keeps its own Sent or Drafts:
    at the top, or right under INBOX or [Gmail]; not inside a folder of the user's."""
    return len(parts) == 1 or (len(parts) == 2 and _folded(parts[0]) in _SERVER_PARENTS)


def _folded(name: str) -> str:
    return unicodedata.normalize("NFC", mutf7_decode(name)).casefold()


class _Unreadable(Exception):
    """One folder entry that is no message file or that the file system refuses to open
    (`refused`: a file, which may be a message, that could not be opened)."""

    def __init__(self, path: Path, why: str, refused: bool = False) -> None:
        super().__init__(why)
        self.path = path
        self.why = why
        self.refused = refused


def _why(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _host() -> str:
    return socket.gethostname().replace("/", r"\057").replace(":", r"\072") or "localhost"


def _unique_name() -> str:
    """A new Maildir unique name: time, microseconds, pid, counter and host (see _OUR_NAME)."""
    global _counter
    with _counter_lock:
        _counter += 1
        n = _counter
    now = time.time()
    return f"{int(now)}.M{int(now * 1e6) % 1_000_000}P{os.getpid()}Q{n}R{os.urandom(4).hex()}.{_host()}"


@dataclass
class _Dir:
    """One Maildir folder: its path and the name used in refs and ids."""

    label: str  # "INBOX", "Sent", "[Gmail]/Sent Mail": stable, used in refs
    path: Path

    def __post_init__(self) -> None:
        self.label = _text(self.label)

    def exists(self) -> bool:
        return (self.path / "cur").is_dir() or (self.path / "new").is_dir()

    def entries(self) -> Iterator[tuple[str, str, Path]]:
        """(key, flags, path) for every entry in new/ and cur/; TransientError when one of
        them exists but cannot be listed."""
        for sub in ("new", "cur"):
            try:
                with os.scandir(self.path / sub) as it:
                    for e in it:
                        if e.name.startswith("."):
                            continue
                        key, flags = split_name(_text(e.name))
                        yield key, flags, Path(e.path)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise TransientError(f"cannot list {self.path / sub}: {_why(exc)}") from exc

    def signature(self) -> tuple[int, ...]:
        """Directory mtimes of new/ and cur/: any delivery, move or flag change bumps them."""
        out = []
        for sub in ("new", "cur"):
            try:
                out.append(os.stat(self.path / sub).st_mtime_ns)
            except FileNotFoundError:
                out.append(0)
            except OSError as exc:
                raise TransientError(f"cannot look at {self.path / sub}: {_why(exc)}") from exc
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


class _Moving(Exception):
    """A file renamed again after the last listing of its folder a pass allows (see
    _Relisted): neither read nor known to be gone."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class _Relisted:
    """Where the entries of one folder are now, for the files that vanished between its
    listing and their reading (a mail client or mbsync renaming them: a move new/ -> cur/, a
    flag change). The folder is listed again on the first such file and refreshed at most once
    more, so a rename storm over thousands of files costs two listings, not one per file; a
    file still moving after that raises _Moving (a sync pass reads it on the next one)."""

    def __init__(self, d: _Dir) -> None:
        self.d = d
        self.listings = 0
        self._now: dict[str, Path] | None = None

    def _list(self, entries: list[tuple[str, str, Path]] | None = None) -> None:
        self.listings += 1
        now: dict[str, Path] = {}
        for key, _flags, path in self.d.entries() if entries is None else entries:
            now.setdefault(key, path)
        self._now = now

    def listed(self, entries: list[tuple[str, str, Path]]) -> None:
        """Take a listing made after the pass's own as this folder's first re-listing."""
        self._list(entries)

    def find(self, key: str, failed: Path) -> Path | None:
        """The current path of `key`, whose last known path `failed` is gone; None if the
        folder no longer holds it (or it moved again after the last allowed listing)."""
        if self._now is None:
            self._list()
        assert self._now is not None
        path = self._now.get(key)
        if path == failed and self.listings < 2 and not failed.is_symlink():
            # Renamed again since that listing: one refresh for the whole folder and pass.
            self._list()
            path = self._now.get(key)
        return path


class MaildirBackend:
    """A local Maildir account. Implements `watcher.backends.base.Backend`.

    Cursor (opaque JSON): `{"v": 1, "folders": {"inbox"|"sent"|"also:<name>": {"label", "seen": [key],
    "tagged": {key: [watcher keyword]}}}}`; keys (file names before ':2,', without the UID
    parts sync tools add) survive moves from new/ to cur/, flag changes and mbsync's or
    offlineimap's renames, so those are never new events; a message tagged watcher/track or
    watcher/ignore since it was reported is reported again. Refs and draft ids are
    `"<label>/<key>"`.
    """

    def __init__(
        self,
        name: str,
        root: str | os.PathLike[str],
        layout: str = "auto",
        folders: Mapping[str, str | None] | None = None,
        *,
        also_read: Sequence[str] = (),
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
        self.also_read = tuple(dict.fromkeys(also_read))  # checked at each sync (check_also_read)
        self._also_found: set[str] = set()  # folders of also_read some sync of ours has found
        self._sleep = sleep
        self._draft_markers: dict[tuple[str, str], DraftMark] = {}  # (label, key) -> its mark
        self._last_signature: dict[str, tuple[int, ...]] = {}
        # (cursor returned, folder signatures, (path, ctime) of the entries skipped as
        # unreadable): what the fast path compares with. See `sync`.
        self._last_result: tuple[str, _Signatures, tuple[tuple[str, int | None], ...]] | None = None
        self._unreadable: dict[tuple[str, str], str] = {}  # (label, key) -> why, warned once
        self._found: dict[str, _Dir] = {}  # role -> folder found by its localized name
        self._labels: dict[str, Path] = {}  # label -> path of every folder `folder` gave
        self._missing: set[str] = set()  # roles whose folder was missing at the last look
        self._swept = False  # stale files of ours in Drafts/tmp removed once per process
        self.last_stats: dict[str, int] = {}

    @classmethod
    def from_config(cls, account: Any, **kwargs: Any) -> MaildirBackend:
        """Build from an AccountConfig-like object (name, path, layout, folders, also_read)."""
        if getattr(account, "path", None) is None:
            raise ConfigError(f"account {account.name}: a maildir account needs `path`")
        folders = getattr(account, "folders", None)
        if folders is not None and not isinstance(folders, Mapping):
            folders = {k: getattr(folders, k, None) for k in ("inbox", "sent", "drafts")}
        kwargs.setdefault("also_read", tuple(getattr(account, "also_read", ()) or ()))
        return cls(account.name, account.path, getattr(account, "layout", "auto") or "auto",
                   folders, **kwargs)

    def __repr__(self) -> str:
        return f"MaildirBackend({self.name!r}, {str(self.root)!r}, {self.layout!r})"

    # -- layout ------------------------------------------------------------------------------

    def _detect(self, layout: str) -> str:
        if layout != "auto":
            return layout
        if self._root_is_maildir():
            # The root itself is INBOX: Dovecot, Courier and mbsync `SubFolders Maildir++` keep
            # the other folders in `.Sent`; mbsync `Inbox ~/Maildir` with `Path ~/Maildir/`
            # and `SubFolders Verbatim` (or Legacy) keeps them in `Sent/`, `[Gmail]/Sent Mail`.
            # Only the subfolders tell the two apart; with none yet, Maildir++ as before.
            tops = {rel.split("/", 1)[0] for rel, _path in self._maildirs()}
            if tops and not any(t.startswith(".") for t in tops):
                return "fs"
            return "maildir++"
        if (self.root / "INBOX").is_dir():
            return "fs"  # mbsync `SubFolders Verbatim`, offlineimap
        try:
            if any(p.name.startswith(".") and (p / "cur").is_dir() for p in self.root.iterdir()):
                return "maildir++"
        except FileNotFoundError:
            raise ConfigError(f"account {self.name}: path {self.root} does not exist") from None
        except NotADirectoryError:
            raise ConfigError(f"account {self.name}: path {self.root} is a file, not a folder") from None
        return "fs"

    def _root_is_maildir(self) -> bool:
        return (self.root / "cur").is_dir() or (self.root / "new").is_dir()

    def _dir(self, label: str) -> _Dir:
        """The folder called `label` ("INBOX", "Sent", "[Gmail]/Sent Mail") in this layout."""
        if os.path.isabs(label):
            return _Dir(label, Path(label))
        if (self.layout == "fs" and label.upper() == "INBOX"
                and not (self.root / label).is_dir() and self._root_is_maildir()):
            return _Dir("INBOX", self.root)  # mbsync `Inbox ~/Maildir` with `Path ~/Maildir/`
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
        d = self._folder(role)
        if d is not None:
            # Refs name folders by label; a label does not always map back to its folder
            # through `_dir` (a discovered `Inbox`, an override found under another spelling),
            # so `fetch_message` looks them up here.
            self._labels[d.label] = d.path
        return d

    def _folder(self, role: str) -> _Dir | None:
        if role.startswith(ALSO_PREFIX):  # a folder of also_read: found as an override is
            return self._override(role[len(ALSO_PREFIX):])
        if role in self.overrides:
            return self._override(str(self.overrides[role]))
        if role == "inbox":
            d = self._dir("INBOX")
            if d.exists() or self.layout != "fs":
                return d
            # mbsync's `Inbox ~/Mail/Inbox`: the name is the user's, in any case.
            return self._discovered(role, lambda parts: len(parts) == 1
                                    and parts[0].upper() == "INBOX") or d
        for label in _CANDIDATES[role]:
            d = self._dir(label)
            if d.exists():
                return d
        # none of those: a folder whose last level (decoded from the modified UTF-7 that
        # mbsync and offlineimap write, compared case-insensitively) is a localized name
        names = LOCALIZED_NAMES[role]
        found = self._discovered(role, lambda parts: _folded(parts[-1]) in names,
                                 rank=lambda parts: names.index(_folded(parts[-1])))
        if found is not None:
            return found
        if role == "drafts":
            return self._dir("Drafts")  # created on the first draft
        return None

    def _override(self, label: str) -> _Dir:
        """The folder a config override names: in this layout's spelling if it exists, else
        the one folder, if exactly one, that another layout's spelling names (`Sent` for
        `.Sent`: the layout guessed wrong, or the user wrote the name as the mail client
        shows it), in the user's text or in the modified UTF-7 the sync tool wrote
        (`Entw&APw-rfe` for `Entwürfe`). Otherwise the (missing) folder of this layout."""
        d = self._dir(label)
        if d.exists() or os.path.isabs(label):
            return d
        found: dict[tuple[int, int], Path] = {}
        for name in dict.fromkeys((label, mutf7_encode(label))):
            parts = name.split("/")
            rest = parts[1:] if parts[0].upper() == "INBOX" and len(parts) > 1 else parts
            spellings = [self.root.joinpath(*parts),                  # plain subfolders
                         self.root / ".".join(parts),                 # offlineimap `a.b`
                         self.root / ("." + ".".join(rest)),          # Maildir++ `.a.b`
                         self.root / ("." + ".".join(parts))]         # Courier `.INBOX.a`
            if len(parts) > 1:
                spellings.append(self.root.joinpath(*parts[:-1], "." + parts[-1]))  # Legacy
            if rest is not parts:
                spellings.append(self.root / (".." + ".".join(rest)))  # mbsync `..Sent`
            for path in spellings:
                if _Dir(label, path).exists():
                    st = path.stat()
                    found.setdefault((st.st_dev, st.st_ino), path)
        if len(found) == 1:
            return _Dir(label, next(iter(found.values())))
        return d

    def _discovered(self, role: str, match: Callable[[list[str]], bool],
                    rank: Callable[[list[str]], int] = lambda _parts: 0) -> _Dir | None:
        """The folder `_discover` found for `role`, kept while it exists (folder() is asked
        on every pass and poll; the search lists the tree)."""
        known = self._found.get(role)
        if known is not None and known.exists():
            return known
        found = self._discover(match, rank)
        if found is None:
            self._found.pop(role, None)
            return None
        d = found[1] if role != "inbox" else _Dir("INBOX", found[1].path)
        self._found[role] = d
        return d

    def _discover(self, match: Callable[[list[str]], bool],
                  rank: Callable[[list[str]], int] = lambda _parts: 0
                  ) -> tuple[int, _Dir] | None:
        """The best folder under the root whose name levels `match`: Maildir++ `.a.b` (and
        mbsync's `..Sent` for INBOX/Sent), plain `a/b`, offlineimap's `a.b` and mbsync's
        `SubFolders Legacy` `a/.b`; one where servers keep their own (see `_placed`) before
        one inside another folder, then by `rank`, then the shallowest, then by name."""
        best: tuple[tuple[int, int, int, str], _Dir] | None = None
        for rel, path in self._maildirs():
            parts = [p for seg in rel.split("/") for p in seg.split(".") if p]
            if not parts:
                continue
            if rel.startswith("..") and parts[0].upper() != "INBOX":
                parts.insert(0, "INBOX")  # mbsync Maildir++: "..Sent" is INBOX/Sent
            if not match(parts):
                continue
            # An old account's "Archiv/2025/Sent" or an imported "Import/Drafts" is not the
            # user's own Sent or Drafts: a German "[Gmail]/Gesendet" must win over it although
            # the English name ranks first (it read the archive instead, and left drafts in it).
            order = (int(not _placed(parts)), rank(parts), rel.count("/"), rel)
            if best is None or order < best[0]:
                best = (order, _Dir("/".join(parts), path))
        return (best[0][1], best[1]) if best else None

    def _maildirs(self) -> Iterator[tuple[str, Path]]:
        """(path relative to the root, path) of every folder with a cur/ below the root."""
        todo: list[tuple[Path, str, int]] = [(self.root, "", 0)]
        while todo:
            base, rel, depth = todo.pop()
            try:
                children = sorted(e.name for e in os.scandir(base) if e.is_dir())
            except OSError:
                continue
            for name in children:
                if name in ("cur", "new", "tmp") or name in (".", ".."):
                    continue
                sub = f"{rel}/{name}" if rel else name
                if (base / name / "cur").is_dir():
                    yield sub, base / name
                if depth + 1 < _DISCOVER_DEPTH:
                    todo.append((base / name, sub, depth + 1))

    # -- sync --------------------------------------------------------------------------------

    def _read_roles(self) -> list[tuple[str, Folder]]:
        """What sync() reads, in this order: SYNC_ROLES, then the folders of `also_read` (as
        received mail, each with its own cursor entry under its "also:" role)."""
        return [*SYNC_ROLES, *((ALSO_PREFIX + n, Folder.INBOX) for n in self.also_read)]

    def check_also_read(self) -> list[_Dir]:
        """The folders of `also_read`; ConfigError for a folder of `also_read` that is not there (a typo would read
        nothing, without a word), or that is INBOX, Sent or Drafts, or another of the list,
        under another spelling (read twice, or the user's own mail read as received)."""
        if not self.also_read:
            return []
        taken: dict[tuple[int, int], str] = {}

        def ident(d: _Dir) -> tuple[int, int]:
            try:
                st = os.stat(d.path)
            except OSError as exc:
                raise TransientError(f"account {self.name}: cannot look at {d.path}: "
                                     f"{_why(exc)}") from exc
            return st.st_dev, st.st_ino

        for role in ("inbox", "sent", "drafts"):
            d = self.folder(role)
            if d is not None and d.exists():
                taken.setdefault(ident(d), f"the {role} folder")
        out: list[_Dir] = []
        for name in self.also_read:
            d = self.folder(ALSO_PREFIX + name)
            assert d is not None
            out.append(d)
            if not d.exists() and name in self._also_found:
                # There at an earlier sync of this backend: deleted or moved while the
                # watcher runs (the user tidied the filter's folder away, a sync tool
                # re-creating it, a disk not mounted yet). Not a typo to refuse: INBOX and
                # Sent are still read (sync skips it, its cursor kept; _note_missing says so)
                continue
            if not d.exists():
                raise ConfigError(f"account {self.name}: also_read = {name!r}: no folder at "
                                  f"{d.path} (no cur/ or new/ in it): name it as your sync tool "
                                  f"writes it under {self.root}, or give its full path")
            self._also_found.add(name)
            other = taken.setdefault(ident(d), f"also_read {name!r}")
            if other != f"also_read {name!r}":
                raise ConfigError(f"account {self.name}: also_read = {name!r} ({d.path}) is "
                                  f"{other} too: list only other folders of received mail")
        return out

    def sync(self, cursor: str | None, is_candidate: CandidateFilter,
             on_bodies: BodiesHook | None = None, on_size: SizeHook | None = None) -> SyncBatch:
        """Messages whose key was not seen before, INBOX and Sent, oldest (mtime) first.

        An entry that cannot be read for a reason of its own (a directory, a FIFO, EACCES,
        EPERM, ELOOP) is skipped with one warning and left out of the cursor, so every later
        listing tries it again: once readable (permissions fixed) it is reported like a new
        message. A file that vanished between listing and reading is looked for under its new
        name (a move new/ -> cur/, a flag change) and otherwise skipped without a word. Whole
        messages go to `on_bodies` as they are read, a few hundred at a time; `on_size` hears
        how many entries of a folder are new before they are read.
        """
        self.check_also_read()
        signatures = self._signatures()
        last = self._last_result
        if (cursor is not None and last is not None and last[:2] == (cursor, signatures)
                and all(_ctime(Path(p)) == c for p, c in last[2])):
            # Same cursor as we last returned, no directory changed and no skipped entry was
            # touched (a chmod changes its ctime, not its directory's mtime): nothing to list.
            self.last_stats = {"files_listed": 0, "files_read": 0, "bodies": 0,
                               "unreadable": len(last[2])}
            return SyncBatch([], cursor, stats=dict(self.last_stats))
        previous, readable = _parse_cursor(cursor)
        stats = {"files_listed": 0, "files_read": 0, "bodies": 0, "unreadable": 0}
        found: list[tuple[float, int, str, RemoteMessage]] = []
        new_cursor: dict[str, dict[str, Any]] = {}
        handed: list[RemoteMessage] = []  # whole messages not yet given to `on_bodies`
        watch: list[tuple[str, int | None]] = []  # (path, ctime) of the entries skipped
        settled_entries = True
        for order, (role, kind) in enumerate(self._read_roles()):
            d = self.folder(role)
            if d is None:
                continue
            prev = previous.get(role)
            if role.startswith(ALSO_PREFIX) and not d.exists():
                # gone since an earlier sync (check_also_read): nothing to read, and nothing of
                # its cursor forgotten (an empty listing would drop every key it had seen)
                self._note_missing(role, d)
                if prev is not None:
                    new_cursor[role] = prev
                continue
            # Keys as stored, and without the sync tool's UID parts (an older version's cursor
            # held them). Not split again: a key may hold ":2," itself (a file a script named
            # "x:2,S:2,T"), and its info split off anew never matched: read every pass.
            stored = prev["seen"] if prev and prev.get("label") == d.label else []
            seen: set[str] = {*stored, *(_SYNC_PARTS.sub("", k) for k in stored)}
            self._note_missing(role, d)
            keywords = d.keywords()
            # key -> watcher keywords it had when last reported; a cursor without this entry
            # (an older version's) takes today's as known.
            tags_known = prev is not None and isinstance(prev.get("tagged"), dict)
            was_tagged: dict[str, list[str]] = prev["tagged"] if tags_known and prev else {}
            tagged: dict[str, list[str]] = {}
            present: set[str] = set()
            skipped: dict[str, tuple[Path, str]] = {}  # key -> (path, why): not in the cursor
            stamps: dict[str, tuple[int | None, bool]] = {}  # key -> (ctime, settled)
            before = self._last_signature[role] = d.signature()
            entries = list(d.entries())
            moved = _Relisted(d)
            if d.signature() != before:
                # readdir may pass over files renamed while it runs (mbsync propagating "mark
                # all read" over a big folder): a key missed would leave the cursor and its
                # message be read and reported again next pass. One more listing adds them
                # (and tells where the files renamed meanwhile are now).
                listed = {key for key, _f, _p in entries}
                again = list(d.entries())
                moved.listed(again)
                entries += [e for e in again if e[0] not in listed]
            if on_size is not None:
                on_size(sum(1 for key, _f, _p in entries if key not in seen))
            for key, flags, path in entries:
                stats["files_listed"] += 1
                if key in present:
                    continue  # listed in new/ and again in cur/ while a mail client moved it
                mine = sorted({keywords[c] for c in flags if c in keywords} & WATCHER_KEYWORDS)
                if key in seen and (not tags_known or mine == was_tagged.get(key, [])):
                    # Seen before, and not tagged watcher/track or /ignore since.
                    present.add(key)
                    if mine:
                        tagged[key] = mine
                    continue
                try:
                    data = _read_moving(moved, key, path, limit=MAX_MESSAGE_BYTES)
                except _Moving:
                    # Renamed again and again while read: its key stays out of the cursor and
                    # the folder's mtime changed, so the next pass lists and reads it.
                    continue
                except _Unreadable as exc:
                    if key not in skipped:
                        skipped[key] = (exc.path, exc.why)
                        stamps[key] = _stamp(exc.path)
                    continue
                except OSError as exc:
                    raise TransientError(f"account {self.name}: cannot read {path}: "
                                         f"{_why(exc)}") from exc
                if data is None:  # removed while we looked: nothing to report
                    continue
                skipped.pop(key, None)  # another entry with this key was readable
                present.add(key)
                if mine:
                    tagged[key] = mine
                stats["files_read"] += 1
                raw, mtime = data
                headers = header_block(raw)
                kws = frozenset(keywords[c] for c in flags if c in keywords)
                whole = TRACK in kws or is_candidate(headers)
                stats["bodies"] += int(whole)
                rm = RemoteMessage(ref=f"{d.label}/{key}", folder=kind, raw=raw if whole else None,
                                   headers=headers if whole else slim_headers(headers),
                                   keywords=kws)
                found.append((mtime, order, key, rm))
                if whole and on_bodies is not None:
                    handed.append(rm)
                    if len(handed) >= _HAND_OVER:  # parsing starts while the rest is read
                        on_bodies(handed)
                        handed = []
            self._note_unreadable(d, skipped, present)
            stats["unreadable"] += len(skipped)
            for key, (path, _reason) in skipped.items():
                ctime, settled_entry = stamps[key]
                watch.append((str(path), ctime))
                settled_entries = settled_entries and settled_entry
            # Keys that left the folder are forgotten: the cursor stays as big as the folder.
            new_cursor[role] = {"label": d.label, "seen": sorted(present), "tagged": tagged}
        if handed and on_bodies is not None:
            on_bodies(handed)
        found.sort(key=lambda t: (t[0], t[1], t[2]))
        self.last_stats = stats
        out = json.dumps({"v": 1, "folders": new_cursor}, sort_keys=True, separators=(",", ":"))
        # Trust the fast path only when no directory changed in the last seconds before the
        # snapshot, and no skipped entry in the seconds before it failed: a change within the
        # same tick would otherwise go unnoticed.
        settled = time.time_ns() - MTIME_SETTLE_NS
        self._last_result = (out, signatures, tuple(watch)) if settled_entries and all(
            m < settled for _label, sig in signatures for m in sig) else None
        return SyncBatch([t[3] for t in found], out, full_resync=cursor is not None and not readable,
                         stats=stats)

    def _note_missing(self, role: str, d: _Dir) -> None:
        """Say once, while it stays missing, that a folder to read is not there, rather than
        read nothing without a word: INBOX (mbsync's default `Inbox ~/Maildir` lies outside
        its `Path`), or any folder the config names (a typo, or another folder's spelling)."""
        missing = not d.exists()
        if missing and role not in self._missing:
            if role in self.overrides:
                log.warning("account %s: [accounts.folders] %s = %r: no folder at %s (no cur/ "
                            "or new/ in it); nothing is read from it until the name is fixed",
                            self.name, role, self.overrides[role], d.path)
            elif role.startswith(ALSO_PREFIX):
                log.warning("account %s: also_read folder %r is no longer at %s: its mail is "
                            "not read (INBOX's and Sent's still are); make it again or take it "
                            "out of also_read", self.name, role[len(ALSO_PREFIX):], d.path)
            elif role == "inbox":
                log.warning("account %s: no INBOX folder at %s (no cur/ or new/ in it); set "
                            "[accounts.folders] inbox = \"/path/to/it\" if it is elsewhere",
                            self.name, d.path)
        if missing:
            self._missing.add(role)
        else:
            self._missing.discard(role)

    def _note_unreadable(self, d: _Dir, skipped: Mapping[str, tuple[Path, str]],
                         present: set[str]) -> None:
        """Warn once per entry skipped as unreadable (its path and why, never its contents),
        naming at most WARN_LIMIT per call; forget the entries read at last or gone."""
        known = {key: why for (label, key), why in self._unreadable.items() if label == d.label}
        fresh = [(path, why) for key, (path, why) in sorted(skipped.items())
                 if known.get(key) != why]
        for path, why in fresh[:WARN_LIMIT]:
            log.warning("account %s: skipping %s: %s (tried again on later passes)",
                        self.name, path, why)
        if len(fresh) > WARN_LIMIT:
            log.warning("account %s: skipping %d more unreadable entries in %s", self.name,
                        len(fresh) - WARN_LIMIT, d.path)
        for key in known.keys() - skipped.keys():
            del self._unreadable[(d.label, key)]
            if key in present:
                log.info("account %s: %s/%s is readable now", self.name, d.label, key)
        for key, (_path, why) in skipped.items():
            self._unreadable[(d.label, key)] = why

    def _signatures(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Folder labels and directory mtimes (taken before listing, so a change during the
        listing shows up as a difference next time)."""
        out = []
        for role, _kind in self._read_roles():
            d = self.folder(role)
            if d is not None:
                out.append((d.label, d.signature()))
        return tuple(out)

    def wait_for_change(self, timeout: float) -> bool:
        """Sleep `timeout` (injected sleep), then say whether a folder sync() reads (INBOX,
        Sent, also_read's) changed since sync."""
        self._sleep(timeout)
        changed = False
        for role, _kind in self._read_roles():
            d = self.folder(role)
            if d is not None:
                sig = d.signature()
                changed = changed or self._last_signature.get(role) != sig
                self._last_signature[role] = sig
        return changed

    # -- drafts ------------------------------------------------------------------------------

    def list_drafts(self, known: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """Marker -> draft id for the drafts carrying MARKER_HEADER and not flagged T (trashed).
        A draft without the header whose Message-ID carries the digest of a `known` marker
        is reported under it (the user's edit, saved by a client that dropped the header).

        Only files not seen before are opened (their key -> marker is remembered). A file
        that cannot be opened (EACCES...) may be a draft of ours: DraftsIncomplete, with the
        others (a directory or a FIFO there is no draft at all, and is only warned about);
        so is a Drafts folder that is not there (every draft of ours may be in it).
        """
        d = self.folder("drafts")
        assert d is not None
        if not self._swept:
            self._swept = True
            self._sweep_tmp(d)
        if not d.exists():
            if known and all(draft_id is None for draft_id in known.values()):
                # No draft of ours was ever recorded, only intents: the folder is not made yet
                # (a getmail or fdm Maildir, a fresh Maildir++), and the first creation that
                # failed (a read-only root, a full disk, a crash before it) makes it when
                # tried again. Holding the intents as "maybe in there" kept them for good.
                return {}
            # Gone for a moment (a sync tool re-creating it, a symlink swapped, a disk not
            # mounted yet): an empty listing would count every draft of ours in it as deleted
            # by the user, a step skipped for good. Nothing is known: the next listing decides.
            raise DraftsIncomplete(f"account {self.name}: no drafts folder at {d.path} (moved, "
                                   "deleted, or not made yet)", {}, frozenset(), "")
        marks: list[tuple[str, DraftMark]] = []
        present: set[tuple[str, str]] = set()
        skipped: dict[str, tuple[Path, str]] = {}  # not remembered: tried again next time
        refused: set[str] = set()  # of those, files that may be drafts of ours
        moving: set[str] = set()  # files renamed again and again while read: may be ours too
        moved = _Relisted(d)
        for key, flags, path in sorted(d.entries()):
            if "T" in flags:
                continue
            present.add((d.label, key))
            if (d.label, key) not in self._draft_markers:
                try:
                    data = _read_moving(moved, key, path, limit=65536)
                except _Moving:
                    moving.add(key)
                    continue
                except _Unreadable as exc:
                    # A directory or a file we may not open: not a draft we can know.
                    skipped.setdefault(key, (exc.path, exc.why))
                    if exc.refused:
                        refused.add(key)
                    continue
                except OSError as exc:
                    raise TransientError(f"account {self.name}: cannot read {path}: "
                                         f"{_why(exc)}") from exc
                if data is None:  # removed while we looked
                    continue
                skipped.pop(key, None)
                moving.discard(key)
                self._draft_markers[(d.label, key)] = draft_mark(header_block(data[0]))
            marks.append((f"{d.label}/{key}", self._draft_markers[(d.label, key)]))
        found = markers_listed(marks, known or ())
        for gone in set(self._draft_markers) - present:
            del self._draft_markers[gone]
        self._note_unreadable(d, skipped, {key for _label, key in present})
        # (another entry with the key may have been read)
        held = (refused & skipped.keys()) | moving
        if held:
            why = " (renamed while read)" if moving else ""
            raise DraftsIncomplete(f"account {self.name}: cannot open {len(held)} file(s) of "
                                   f"{d.label}{why}", found,
                                   frozenset(f"{d.label}/{k}" for k in held), f"{d.label}/")
        return found

    def fetch_message(self, ref: str) -> RemoteMessage | None:
        """The message `ref` ("<folder label>/<key>"), whole; None when it left the folder."""
        label, _, key = ref.rpartition("/")
        if label not in self._labels:
            # as a pass finds them (fills _labels)
            for role in ("drafts", *(r for r, _k in self._read_roles())):
                self.folder(role)
        d = _Dir(label, self._labels[label]) if label in self._labels else self._dir(label)
        path = next((p for k, _f, p in d.entries() if k == key), None)
        if path is None:
            return None
        try:
            data = _read_moving(_Relisted(d), key, path)
        except _Moving:
            raise TransientError(f"account {self.name}: {ref} was renamed again and again while "
                                 "read (a sync tool at work?)") from None
        except _Unreadable as exc:
            raise TransientError(f"account {self.name}: cannot read {exc.path}: {exc.why}") from None
        except OSError as exc:
            raise TransientError(f"account {self.name}: cannot read {path}: {_why(exc)}") from exc
        if data is None:
            return None
        sent = self.folder("sent")
        kind = Folder.SENT if sent is not None and sent.label == label else Folder.INBOX
        return RemoteMessage(ref=ref, folder=kind, raw=data[0], headers=header_block(data[0]))

    def _refuse_shared_drafts(self, drafts: _Dir) -> None:
        """ConfigError when the drafts folder is also the inbox or Sent (an override naming
        it, `drafts = "INBOX"`): drafts are written into a folder of their own only, never
        where the user reads mail (nor into Sent, where one reads as sent)."""
        for role in ("inbox", "sent"):
            other = self.folder(role)
            if other is None or not other.exists() or not drafts.exists():
                continue
            try:
                same = os.path.samefile(other.path, drafts.path)
            except OSError:
                continue
            if same:
                raise ConfigError(f"account {self.name}: the drafts folder {drafts.path} is "
                                  f"also the {role} folder: drafts need a folder of their own "
                                  "(set [accounts.folders] drafts to the Drafts folder)")

    def create_draft(self, draft: Draft, raw: bytes) -> str:
        """Write `raw` into Drafts: tmp/ first, then renamed into cur/ with flags DS."""
        d = self.folder("drafts")
        assert d is not None
        self._refuse_shared_drafts(d)
        data = raw.replace(b"\r\n", b"\n")  # Maildir files use the local (LF) line ends
        if marker_of(header_block(data)) is None:
            data = f"{MARKER_HEADER}: {draft.marker}\n".encode() + data
        try:
            self._ensure(d)
            self._sweep_tmp(d)
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
        self._draft_markers[(d.label, key)] = DraftMark(draft.marker, None)
        draft_id = f"{d.label}/{key}"
        log.info("account %s: draft %s created for step %s", self.name, draft_id, draft.marker)
        return draft_id

    def _ensure(self, d: _Dir) -> None:
        for sub in ("cur", "new", "tmp"):
            (d.path / sub).mkdir(parents=True, exist_ok=True, mode=0o700)
        if self.layout == "maildir++" and d.path != self.root:
            (d.path / "maildirfolder").touch()  # Maildir++: marks a subfolder

    def _sweep_tmp(self, d: _Dir) -> None:
        """Remove the drafts of ours that a crash (between writing tmp/ and the rename into
        cur/) left in Drafts/tmp: private text no client shows and nothing else removes. Only
        regular files named as `_unique_name` names them on this host, and older than
        STALE_TMP_SECONDS (the Maildir convention), so no write in progress is touched."""
        host, tmp = _host(), d.path / "tmp"
        old = time.time() - STALE_TMP_SECONDS
        try:
            with os.scandir(tmp) as it:
                names = [e.name for e in it]
        except OSError:
            return  # no tmp/ yet (or unreadable): nothing of ours to remove
        for name in names:
            m = _OUR_NAME.fullmatch(name)
            if m is None or m["host"] != host:
                continue
            try:
                st = os.lstat(tmp / name)
                if stat.S_ISREG(st.st_mode) and st.st_mtime < old:
                    os.unlink(tmp / name)
                    log.info("account %s: removed %s, a draft left unfinished by a crash",
                             self.name, tmp / name)
            except OSError as exc:
                log.debug("account %s: cannot remove %s: %s", self.name, tmp / name, _why(exc))

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


def _read_moving(moved: _Relisted, key: str, path: Path, limit: int = -1
                 ) -> tuple[bytes, float] | None:
    """Read a message that a mail client may be moving (new -> cur) or re-flagging meanwhile:
    (its first `limit` bytes, mtime), or None when it left the folder. Raises _Moving for a file
    renamed more often than the folder is listed again (see _Relisted), _Unreadable for an
    entry to skip, OSError for a failure of the folder or the file system."""
    for _attempt in range(3):
        try:
            return _read_file(path, limit)
        except FileNotFoundError:
            again = moved.find(key, path)
            if again is None:
                return None
            if again == path:
                if path.is_symlink():
                    raise _Unreadable(path, "a symbolic link to nothing") from None
                raise _Moving(path) from None
            path = again
    raise _Moving(path)


def _read_file(path: Path, limit: int = -1) -> tuple[bytes, float]:
    """(the first `limit` bytes, mtime) of one regular file. What is not one (a directory, a
    FIFO, a socket) and what the file system refuses to open for this entry alone (EACCES,
    ELOOP...) raises _Unreadable; any other error is raised as it is."""
    try:
        fd = os.open(path, os.O_RDONLY | _O_NONBLOCK)
    except OSError as exc:
        if exc.errno not in _ENTRY_ERRNOS or _folder_closed(path, exc):
            raise
        raise _Unreadable(path, _why(exc), refused=True) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Unreadable(path, "a directory" if stat.S_ISDIR(st.st_mode)
                              else "not a regular file")
        if _O_NONBLOCK:
            os.set_blocking(fd, True)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        return f.read(limit), st.st_mtime


def _folder_closed(path: Path, exc: OSError) -> bool:
    """Whether a permission error opening `path` is its folder's (cur/ or new/ may not be
    searched): then the whole folder is unreadable, not just this entry."""
    return exc.errno in (errno.EACCES, errno.EPERM) and not os.access(
        path.parent, os.R_OK | os.X_OK)


def _ctime(path: Path) -> int | None:
    """A skipped entry's inode change time (chmod and chown change it), None if it has none."""
    try:
        return os.stat(path).st_ctime_ns
    except OSError:
        return None


def _stamp(path: Path) -> tuple[int | None, bool]:
    """The ctime of an entry that just failed to open, and whether it is old enough that a
    change (a chmod) between the failure and this look cannot hide behind it."""
    now = time.time_ns()
    ctime = _ctime(path)
    return ctime, ctime is None or ctime < now - MTIME_SETTLE_NS


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
