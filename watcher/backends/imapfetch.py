"""A lean reader for the bulk `UID FETCH` of a sync: one command, the answer streamed and parsed
straight from bytes (UID, FLAGS, X-GM-THRID, X-GM-LABELS and one body section as a literal).

imapclient builds a generic token tree for every response, which costs more than the server
takes to answer a header FETCH; a sync asks for a fixed, small set of items, so this parses only
those. The pure part is `parse_response`; `stream_fetch` sends the command on an imaplib
connection (through its public send/readline/read) and yields one `FetchRecord` per response;
`collect` makes of those one record per message asked for.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

_LITERAL_AT_END = re.compile(rb"\{(\d+)\+?\}\r?\n\Z")
_HEAD = re.compile(rb"\* (\d+) FETCH \(", re.IGNORECASE)
_UID = re.compile(rb"[ (]UID (\d+)", re.IGNORECASE)
_FLAGS = re.compile(rb"[ (]FLAGS \(([^)]*)\)", re.IGNORECASE)
_THRID = re.compile(rb"[ (]X-GM-THRID (\d+)", re.IGNORECASE)
_LABELS = re.compile(rb"[ (]X-GM-LABELS \(", re.IGNORECASE)
_QUOTED = re.compile(rb'"(?:[^"\\]|\\.)*"')
# One label of the list: a quoted string, or an atom ("\\Inbox", "Important", "watcher/track");
# a label sent as a literal (non-ASCII names) leaves only its "{n}" in the text and is skipped
_LABEL = re.compile(rb'\s*(?:"((?:[^"\\]|\\.)*)"|\{\d+\+?\}|([^\s()"{]+))')
# The body section answered, by the item name that ends the line before its literal, or inline
_SECTION_LIT = re.compile(rb"(BODY\[[^\]]*\])(?:<\d+>)? \Z", re.IGNORECASE)
_SECTION_INLINE = re.compile(rb"(BODY\[[^\]]*\])(?:<\d+>)? (NIL|\"(?:[^\"\\]|\\.)*\")", re.IGNORECASE)
_tags = itertools.count(1)


@dataclass(frozen=True, slots=True)
class FetchRecord:
    """One FETCH response (after `collect`, one message): what a sync needs, nothing else."""

    uid: int
    flags: tuple[str, ...] | None  # None when this response has no FLAGS item
    # the body section's bytes; None when it was not in this response, or NIL (Dovecot's
    # answer for a message expunged since the client last heard: there is nothing to read)
    section: bytes | None
    thread_id: str | None = None  # X-GM-THRID
    labels: tuple[str, ...] | None = None  # X-GM-LABELS; None when not in this response
    # the section came as NIL (expunged), not left out: a server that answers OK without the
    # section asked for has not said the message is gone
    nil: bool = False


class FetchError(IMAPClientError):
    """The server answered the FETCH with NO or BAD, or with something this reader cannot read."""


class FetchRefused(FetchError):
    """The server answered NO: it could not send some of the messages (one it cannot read,
    e.g. Gmail's "Some messages could not be FETCHed", or one expunged meanwhile, RFC 2180
    4.1.2). The responses before it are good."""


def uid_set(uids: Sequence[int]) -> str:
    """A compact IMAP sequence set for sorted or unsorted UIDs: "1:5,9,12:14"."""
    out: list[str] = []
    ordered = sorted(set(uids))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}:{ordered[j]}")
        i = j + 1
    return ",".join(out)


# The longest UID set one command carries. RFC 7162 (section 4) asks clients to keep a command
# line to about 8192 octets, and servers may refuse a longer one with BAD (Dovecot's
# imap_max_line_length can be set that low): a sync of fragmented UIDs (a mailbox the user
# deletes from, Gmail's INBOX) then failed every pass. The rest of a FETCH line is under 200.
MAX_UID_SET = 7500


def uid_chunks(uids: Iterable[int], size: int, max_len: int = MAX_UID_SET) -> Iterator[list[int]]:
    """The sorted, distinct `uids` in chunks of at most `size` UIDs whose `uid_set` is at most
    `max_len` characters (ranges count as written: 2000 consecutive UIDs are one "a:b")."""
    chunk: list[int] = []
    length = 0  # len(uid_set(chunk))
    run_start = 0  # first UID of the run `chunk` ends with
    for uid in sorted(set(uids)):
        if chunk and uid == chunk[-1] + 1:
            # "a" or "a:b" becomes "a:uid"
            old = len(str(run_start)) + (len(str(chunk[-1])) + 1 if chunk[-1] != run_start else 0)
            delta = len(str(run_start)) + 1 + len(str(uid)) - old
        else:
            delta = len(str(uid)) + (1 if chunk else 0)
        if chunk and (len(chunk) >= size or length + delta > max_len):
            yield chunk
            chunk, length = [], 0
        if not chunk or uid != chunk[-1] + 1:
            run_start = uid
            delta = len(str(uid)) + (1 if chunk else 0)
        chunk.append(uid)
        length += delta
    if chunk:
        yield chunk


def parse_response(lines: Sequence[bytes], literals: Sequence[bytes]) -> FetchRecord | None:
    """One untagged FETCH response: its text lines (each but the last ends with a literal's
    `{n}`) and the literals between them. None for a response without a UID (an unsolicited
    flag change of a message by sequence number)."""
    text = b"".join(lines)
    if _HEAD.match(text) is None:
        raise FetchError(f"not a FETCH response: {text[:40]!r}")
    # Items are looked for outside quoted strings: a Gmail label "Order UID 12" or an inline
    # section quoting "FLAGS (x" must not be read as one (same length, so offsets hold)
    items = _QUOTED.sub(lambda m: b'"' + b"_" * (len(m.group(0)) - 2) + b'"', text) \
        if b'"' in text else text
    uid = _UID.search(items)
    if uid is None:
        return None
    flags = _FLAGS.search(items)
    thrid = _THRID.search(items)
    labels = _LABELS.search(items)
    section: bytes | None = None
    nil = False
    for line, literal in zip(lines, literals, strict=False):
        m = _SECTION_LIT.search(_LITERAL_AT_END.sub(b"", line))
        if m:
            section = literal
    if section is None:
        inline = _SECTION_INLINE.search(text)
        if inline:
            v = inline.group(2)
            nil = v.upper() == b"NIL"
            section = None if nil else re.sub(rb"\\(.)", rb"\1", v[1:-1])
    return FetchRecord(
        uid=int(uid.group(1)),
        flags=tuple(f.decode("utf-8", "replace") for f in flags.group(1).split()) if flags else None,
        section=section,
        thread_id=thrid.group(1).decode() if thrid else None,
        labels=_labels(text, labels.end()) if labels else None,
        nil=nil,
    )


def _labels(text: bytes, at: int) -> tuple[str, ...]:
    """The labels of an X-GM-LABELS list whose "(" ends at `at`."""
    out: list[str] = []
    while (m := _LABEL.match(text, at)) is not None:
        at = m.end()
        if m.group(1) is not None:
            out.append(re.sub(rb"\\(.)", rb"\1", m.group(1)).decode("utf-8", "replace"))
        elif m.group(2) is not None:
            out.append(m.group(2).decode("utf-8", "replace"))
    return tuple(out)


def stream_fetch(imap: Any, uids: Sequence[int], items: Iterable[str]) -> Iterator[FetchRecord]:
    """Send `UID FETCH <uids> (<items>)` on the imaplib connection `imap` and yield a record per
    message as it arrives. The tagged answer ends it: NO/BAD raise FetchError, a closed
    connection IMAPClientAbortError. Other untagged responses (EXISTS, EXPUNGE) are skipped:
    a sync reads the folder's state with STATUS and SELECT, not from them. The answer must be
    read to its end before the connection is used again."""
    tag = f"W{next(_tags)}".encode()
    # imaplib's send() writes this IMAP command (a read-only UID FETCH) to the server: no mail
    # is sent, there is no SMTP anywhere in the watcher
    imap.send(tag + b" UID FETCH " + uid_set(uids).encode() + b" (" + " ".join(items).encode() + b")\r\n")
    while True:
        line = imap.readline()
        if not line:
            raise IMAPClientAbortError("connection closed during FETCH")
        if line.startswith(tag + b" "):
            status = line[len(tag) + 1:].split(b" ", 1)[0].upper()
            if status != b"OK":
                error = FetchRefused if status == b"NO" else FetchError
                raise error(f"FETCH answered {line[len(tag) + 1:].strip()[:200]!r}")
            return
        lines = [line]
        literals: list[bytes] = []
        while (m := _LITERAL_AT_END.search(line)) is not None:
            literals.append(imap.read(int(m.group(1))))
            line = imap.readline()
            if not line:
                raise IMAPClientAbortError("connection closed during FETCH")
            lines.append(line)
        if line.startswith(b"* BYE"):
            raise IMAPClientAbortError(line.decode("ascii", "replace").strip())
        if _HEAD.match(lines[0]) is None:
            continue  # EXISTS, EXPUNGE, RECENT, OK [..]: not ours to handle here
        record = parse_response(lines, literals)
        if record is not None:
            yield record


def collect(records: Iterable[FetchRecord],
            uids: Collection[int]) -> tuple[dict[int, FetchRecord], FetchRefused | None]:
    """One record per UID of `uids` from a FETCH's responses, and the NO that ended it (None
    after OK). A server may answer one message in several responses (Gmail adds one with its
    FLAGS only): they are merged, the later FLAGS (and labels) winning. It may also slip in
    unsolicited ones, for another client's flag change, even of a message not asked for or
    newer than the SEARCH (Gmail gives them a UID): those never become a record of their own."""
    wanted = set(uids)
    got: dict[int, FetchRecord] = {}
    try:
        for rec in records:
            if rec.uid not in wanted:
                continue
            old = got.get(rec.uid)
            if old is not None:
                rec = FetchRecord(rec.uid, old.flags if rec.flags is None else rec.flags,
                                  old.section if rec.section is None else rec.section,
                                  rec.thread_id or old.thread_id,
                                  old.labels if rec.labels is None else rec.labels,
                                  rec.nil or old.nil)
            got[rec.uid] = rec
    except FetchRefused as exc:
        return got, exc
    return got, None
