"""backends.imapfetch: the bulk FETCH reader, on bytes as servers send them and against Dovecot."""

from __future__ import annotations

import os
import re
from typing import Any

import imapclient
import pytest
from imapclient.exceptions import IMAPClientAbortError

from tests.dovecot import CuttingProxy, DovecotServer, dovecot_configured, make_message
from watcher.backends.imapfetch import (
    FetchError,
    FetchRecord,
    FetchRefused,
    collect,
    parse_response,
    stream_fetch,
    uid_chunks,
    uid_set,
)


def test_uid_set_is_compact_ranges() -> None:
    assert uid_set([5, 1, 2, 3, 9, 12, 13, 14, 3]) == "1:3,5,9,12:14"
    assert uid_set([7]) == "7"


def test_uid_chunks_bound_the_count_and_the_length_of_each_set() -> None:
    """review23g: a chunk of 2000 UIDs with gaps was a ~10-22 KB command line (past RFC 7162's
    8192 octets). Ranges count as written; order and duplicates do not matter."""
    assert list(uid_chunks(range(1, 5001), 2000)) == [list(range(1, 2001)), list(range(2001, 4001)),
                                                      list(range(4001, 5001))]
    evens = list(range(2, 40002, 2))
    chunks = list(uid_chunks(reversed(evens), 2000, max_len=8000))
    assert [u for c in chunks for u in c] == evens
    assert all(len(uid_set(c)) <= 8000 and len(c) <= 2000 for c in chunks)
    assert len(uid_set(chunks[0])) > 7990  # filled, not split short
    assert list(uid_chunks([9, 1, 2, 3, 3], 10, max_len=5)) == [[1, 2, 3, 9]]  # "1:3,9" is 5
    assert list(uid_chunks([1, 2, 3, 9], 10, max_len=4)) == [[1, 2, 3], [9]]
    assert list(uid_chunks([4294967295], 10, max_len=3)) == [[4294967295]]  # never empty
    assert list(uid_chunks([], 10)) == []


def test_parse_response_with_literal_and_items_on_both_sides() -> None:
    lines = [b"* 12 FETCH (X-GM-THRID 1627 UID 34 FLAGS (\\Seen watcher/track) BODY[HEADER] {23}\r\n",
             b" MODSEQ (5))\r\n"]
    rec = parse_response(lines, [b"Subject: UID 99 FLAGS (x"])
    assert rec == FetchRecord(34, ("\\Seen", "watcher/track"), b"Subject: UID 99 FLAGS (x", "1627")


def test_words_inside_the_literal_are_never_read_as_items() -> None:
    lines = [b"* 1 FETCH (FLAGS () BODY[] {30}\r\n", b" UID 7)\r\n"]
    rec = parse_response(lines, [b"X-GM-THRID 5 UID 8 BODY[] NIL"])
    assert rec is not None and rec.uid == 7 and rec.thread_id is None and rec.flags == ()


@pytest.mark.parametrize(("lines", "literals", "labels"), [
    # Gmail's forms: system labels as \\atoms, user labels as atoms or quoted strings
    ([b'* 5 FETCH (X-GM-THRID 9 X-GM-LABELS (\\Inbox \\Important "watcher/track" Jobs) UID 6'
      b' FLAGS ())\r\n'], [], ("\\Inbox", "\\Important", "watcher/track", "Jobs")),
    ([b"* 5 FETCH (UID 6 X-GM-LABELS ())\r\n"], [], ()),
    ([b'* 5 FETCH (UID 6 X-GM-LABELS ("a \\"b\\"" watcher/ignore))\r\n'], [], ('a "b"', "watcher/ignore")),
    # a non-ASCII label sent as a literal is skipped; the labels after it are still read
    ([b"* 5 FETCH (UID 6 X-GM-LABELS (\\Inbox {6}\r\n", b' "watcher/track") FLAGS ())\r\n'],
     [b"\xc3\xa9t\xc3\xa9!"], ("\\Inbox", "watcher/track")),
    ([b"* 5 FETCH (UID 6 FLAGS ())\r\n"], [], None),
    # items are never read inside a label's name (Gmail sends labels before UID and FLAGS)
    ([b'* 5 FETCH (X-GM-LABELS ("Order UID 12" "a FLAGS (b" "X-GM-THRID 7") UID 6 FLAGS ())\r\n'],
     [], ("Order UID 12", "a FLAGS (b", "X-GM-THRID 7")),
])
def test_gmail_labels(lines: list[bytes], literals: list[bytes],
                      labels: tuple[str, ...] | None) -> None:
    rec = parse_response(lines, literals)
    assert rec is not None and rec.uid == 6 and rec.labels == labels and rec.section is None
    assert rec.thread_id in (None, "9") and rec.flags in (None, ())


@pytest.mark.parametrize(("line", "section"), [
    # NIL: Dovecot's answer for a message expunged since the SEARCH (nothing to read)
    (b"* 3 FETCH (UID 4 FLAGS () BODY[HEADER] NIL)\r\n", None),
    (b'* 3 FETCH (UID 4 BODY[HEADER] "Subject: a \\"b\\"" FLAGS ())\r\n', b'Subject: a "b"'),
    (b"* 3 FETCH (UID 4 FLAGS (\\Seen))\r\n", None),
])
def test_inline_sections(line: bytes, section: bytes | None) -> None:
    rec = parse_response([line], [])
    assert rec is not None and rec.uid == 4 and rec.section == section


def test_unsolicited_flag_change_without_uid_is_skipped_and_garbage_raises() -> None:
    assert parse_response([b"* 3 FETCH (FLAGS (\\Seen))\r\n"], []) is None
    with pytest.raises(FetchError):
        parse_response([b"* 3 EXISTS\r\n"], [])


class _Wire:
    """An imaplib-like connection that replays a server's answer. Only for Gmail's answers
    (test_one_record_per_message_asked_from_gmails_extra_responses): X-GM-THRID and
    X-GM-LABELS are Gmail's own FETCH items, which Dovecot does not have; every other edge of
    the stream is read from a real Dovecot below."""

    def __init__(self, answer: bytes) -> None:
        self.buf = answer
        self.sent = b""

    def send(self, data: bytes) -> None:
        self.sent += data
        tag = data.split(b" ", 1)[0]
        self.buf = self.buf.replace(b"TAG", tag)

    def readline(self) -> bytes:
        i = self.buf.find(b"\n")
        line, self.buf = (self.buf, b"") if i < 0 else (self.buf[:i + 1], self.buf[i + 1:])
        return line

    def read(self, n: int) -> bytes:
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


class _Tap:
    """A real client's imaplib connection, passed through as is, keeping the command sent and
    the lines read: a test can check what Dovecot answered was there to be skipped."""

    def __init__(self, imap: Any) -> None:
        self.imap = imap
        self.sent = b""
        self.lines: list[bytes] = []

    def send(self, data: bytes) -> None:
        self.sent += data
        self.imap.send(data)

    def readline(self) -> bytes:
        line: bytes = self.imap.readline()
        self.lines.append(line)
        return line

    def read(self, n: int) -> bytes:
        data: bytes = self.imap.read(n)
        return data


def _unreadable(server: DovecotServer, message_id: bytes) -> None:
    """Make one INBOX message unreadable for Dovecot (its file's mode 0)."""
    for sub in ("cur", "new"):
        for name in os.listdir(server.maildir / sub):
            path = server.maildir / sub / name
            if message_id in path.read_bytes():
                os.chmod(path, 0)
                return
    raise AssertionError(f"no message {message_id!r}")


NO_AFTER = "imap_fetch_failure = no-after\n"  # Dovecot answers NO after the messages it could read


def test_stream_skips_other_untagged_responses_and_ends_on_the_tag(dovecot: DovecotServer) -> None:
    """Another client changes the folder before the FETCH: Dovecot puts its flag change (a
    FETCH without UID), EXPUNGE and EXISTS in the answer, before the tag; none is a record.
    An empty message's header comes as an empty literal, {0}."""
    msgs = [make_message(i) for i in (1, 2, 3)]
    dovecot.append("INBOX", msgs)
    dovecot.write_maildir("INBOX", [b""])  # UID 4: an empty message
    c: Any = dovecot.client()
    other: Any = dovecot.client()
    try:
        c.select_folder("INBOX", readonly=True)
        assert c.search(["ALL"]) == [1, 2, 3, 4]
        other.select_folder("INBOX")
        other.add_flags([3], [b"\\Seen"])  # a message asked for: Dovecot's FETCH has no UID
        other.add_flags([1], [b"\\Deleted"])
        other.uid_expunge([1])
        other.append("INBOX", make_message(5))
        wire = _Tap(c._imap)
        recs = list(stream_fetch(wire, [3, 4], ["BODY.PEEK[HEADER]", "FLAGS"]))
        header = msgs[2].partition(b"\r\n\r\n")[0] + b"\r\n\r\n"
        assert [(r.uid, r.section) for r in recs] == [(3, header), (4, b"")]
        assert b" UID FETCH 3:4 (BODY.PEEK[HEADER] FLAGS)\r\n" in wire.sent
        answer = b"".join(wire.lines)
        assert b" BODY[HEADER] {0}\r\n" in answer
        for skipped in (rb"\* \d+ FETCH \(FLAGS \([^)]*\\Seen", rb"\* 1 EXPUNGE\r\n", rb"\* 4 EXISTS\r\n"):
            assert re.search(skipped, answer), (skipped, answer)
        assert wire.lines[-1].startswith(wire.sent.split(b" ", 1)[0] + b" OK")  # the tag ended it
        assert c.noop()  # the connection is still in step
    finally:
        other.logout()
        c.logout()


def test_stream_raises_on_no_and_on_a_closed_connection() -> None:
    """Dovecot answers NO to a FETCH of a message it cannot read, and BYE (closing the
    connection) when asked for it again; a server that dies inside a literal closes it too."""
    with dovecot_configured(NO_AFTER) as server:
        server.append("INBOX", [make_message(1), make_message(2, body="CUT-HERE\r\n" * 2000)])
        _unreadable(server, b"<1@test.example>")
        c: Any = server.client()
        try:
            c.select_folder("INBOX", readonly=True)
            with pytest.raises(FetchError, match=r"FETCH answered b'NO \[SERVERBUG\]"):
                list(stream_fetch(c._imap, [1], ["BODY.PEEK[]"]))
            with pytest.raises(IMAPClientAbortError, match=r"\* BYE FETCH failed"):
                list(stream_fetch(c._imap, [1], ["BODY.PEEK[]"]))
        finally:
            c.shutdown()

        proxy = CuttingProxy(server.host, server.port, b"CUT-HERE", server.kill)
        cut = imapclient.IMAPClient(proxy.host, proxy.port, ssl=False, timeout=10)
        try:
            cut.login(server.user, server.password)
            cut.select_folder("INBOX", readonly=True)
            got: list[FetchRecord] = []
            with pytest.raises(IMAPClientAbortError, match="connection closed during FETCH"):
                got.extend(stream_fetch(cut._imap, [2], ["BODY.PEEK[]"]))
            assert proxy.triggered.is_set()  # the cut came inside the body's literal
            assert got == []  # no record of a body cut short
        finally:
            cut.shutdown()
            proxy.close()


def test_same_answer_as_imapclient_from_dovecot(dovecot: DovecotServer) -> None:
    msgs = [make_message(i, subject=f"Hello {i}") for i in range(30)]
    dovecot.append("INBOX", msgs, flags=["watcher/track"])
    c = dovecot.client()
    c.select_folder("INBOX", readonly=True)  # type: ignore[attr-defined]
    uids = c.search(["ALL"])  # type: ignore[attr-defined]
    want = c.fetch(uids, ["BODY.PEEK[HEADER]", "FLAGS"])  # type: ignore[attr-defined]
    got = list(stream_fetch(c._imap, uids[::2] + uids[1::2], ["BODY.PEEK[HEADER]", "FLAGS"]))  # type: ignore[attr-defined]
    assert sorted(r.uid for r in got) == sorted(uids)
    for r in got:
        assert r.section == want[r.uid][b"BODY[HEADER]"]
        assert set(r.flags or ()) == {f.decode() for f in want[r.uid][b"FLAGS"]}
    whole = list(stream_fetch(c._imap, uids[:3], ["BODY.PEEK[]"]))  # type: ignore[attr-defined]
    assert [r.section for r in whole] == [c.fetch([u], ["BODY.PEEK[]"])[u][b"BODY[]"] for u in uids[:3]]  # type: ignore[attr-defined]
    assert c.noop()  # type: ignore[attr-defined]  # the connection is still in step
    c.logout()  # type: ignore[attr-defined]


def test_imapclients_own_fetch_is_used_when_its_connection_is_hidden(dovecot: DovecotServer) -> None:
    from watcher.backends.imap import _fetch

    dovecot.append("INBOX", [make_message(i) for i in range(5)], flags=["watcher/track"])
    c = dovecot.client()

    class Hidden:  # a future imapclient whose imaplib connection is not reachable
        def fetch(self, uids: list[int], items: list[str]) -> object:
            return c.fetch(uids, items)  # type: ignore[attr-defined]

    c.select_folder("INBOX", readonly=True)  # type: ignore[attr-defined]
    uids = c.search(["ALL"])  # type: ignore[attr-defined]
    items = ["BODY.PEEK[HEADER]", "FLAGS"]
    lean, lean_no = _fetch(c, uids, items)
    plain, plain_no = _fetch(Hidden(), uids, items)
    assert lean_no is None and plain_no is None
    assert {u: (r.section, set(r.flags or ())) for u, r in plain.items()} == \
        {u: (r.section, set(r.flags or ())) for u, r in lean.items()}
    assert len(lean) == 5 and all("watcher/track" in (r.flags or ()) for r in lean.values())
    c.logout()  # type: ignore[attr-defined]


def test_one_record_per_message_asked_from_gmails_extra_responses() -> None:
    """Gmail answers a message in two FETCH responses, the second with its FLAGS only
    (modern-email/defects#39), and slips in unsolicited ones with a UID for messages not asked
    for, newer than the SEARCH among them (node-imap#464)."""
    wire = _Wire(b"* 14005 FETCH (X-GM-THRID 9001 UID 14300 MODSEQ (1) FLAGS () BODY[HEADER] {12}\r\n"
                 b"Subject: a\r\n)\r\n"
                 b"* 14005 FETCH (UID 14300 MODSEQ (10000934) FLAGS (\\Seen watcher/track))\r\n"
                 b"* 14005 FETCH (UID 14300 X-GM-LABELS (\\Inbox))\r\n"
                 b"* 350602 FETCH (UID 402782 MODSEQ (10000934) FLAGS (\\Seen))\r\n"
                 b"* 14006 FETCH (UID 14301 MODSEQ (10000935) FLAGS (\\Seen))\r\n"
                 b"* 14006 FETCH (UID 14301 BODY[HEADER] {12}\r\nSubject: b\r\n)\r\n"
                 b"* 14007 FETCH (UID 14302 MODSEQ (10000936) FLAGS ())\r\n"
                 b"TAG OK Success\r\n")
    asked = [14300, 14301]
    got, refused = collect(stream_fetch(wire, asked, ["BODY.PEEK[HEADER]", "FLAGS"]), asked)
    assert refused is None
    assert got == {
        14300: FetchRecord(14300, ("\\Seen", "watcher/track"), b"Subject: a\r\n", "9001",
                           ("\\Inbox",)),
        14301: FetchRecord(14301, ("\\Seen",), b"Subject: b\r\n"),
    }


def test_a_no_keeps_what_came_before_it_and_bad_still_raises() -> None:
    """Dovecot with imap_fetch_failure = no-after and one message unreadable sends the others,
    the unreadable one without its body, then NO; a FETCH it cannot parse is BAD."""
    with dovecot_configured(NO_AFTER) as server:
        msgs = [make_message(i) for i in (1, 2, 3)]
        server.append("INBOX", msgs)
        _unreadable(server, b"<2@test.example>")
        c: Any = server.client()
        try:
            c.select_folder("INBOX", readonly=True)
            got, refused = collect(stream_fetch(c._imap, [1, 2, 3], ["BODY.PEEK[]"]), [1, 2, 3])
            assert isinstance(refused, FetchRefused)
            assert {u: r.section for u, r in got.items()} == {1: msgs[0], 2: None, 3: msgs[2]}
            with pytest.raises(FetchError, match="BAD") as bad:
                collect(stream_fetch(c._imap, [1], ["X"]), [1])
            assert not isinstance(bad.value, FetchRefused)  # our command was wrong: never a skip
            assert c.noop()  # the connection is still in step
        finally:
            c.logout()


def test_a_nil_section_is_told_from_one_left_out() -> None:
    """review23g: NIL says the message is gone (Dovecot, after an expunge); a response without
    the section asked for says nothing of it, and must not read as gone."""
    nil = parse_response([b"* 1 FETCH (UID 7 BODY[] NIL)\r\n"], [])
    left_out = parse_response([b"* 1 FETCH (UID 7 FLAGS (\\Seen))\r\n"], [])
    assert nil is not None and nil.section is None and nil.nil
    assert left_out is not None and left_out.section is None and not left_out.nil
    merged, _ = collect([nil, left_out], [7])
    assert merged[7].nil and merged[7].flags == ("\\Seen",)
