"""The backends' shared helpers (backends/base.py): header blocks, slim headers, markers."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from watcher.backends.base import (
    DraftMark,
    date_value,
    draft_mark,
    header_block,
    marker_digest,
    markers_listed,
    slim_headers,
)
from watcher.compose import message_id_for

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")


@given(st.binary(max_size=40).map(lambda b: bytes(b"\r\na:"[x % 4] for x in b)))
def test_header_block_ends_at_the_first_blank_line_crlf_or_lf(raw: bytes) -> None:
    # The definition, as the regex said it before two substring scans replaced it for speed.
    m = _BLANK_LINE.search(raw)
    assert header_block(raw) == (raw[: m.end()] if m else raw)


def test_header_block_of_mixed_line_endings() -> None:
    assert header_block(b"A: 1\r\nB: 2\n\nbody\r\n\r\n") == b"A: 1\r\nB: 2\n\n"
    assert header_block(b"A: 1\n\r\nbody\n\n") == b"A: 1\n\r\n"
    assert header_block(b"A: 1\r\nno blank line") == b"A: 1\r\nno blank line"


def test_slim_headers_keeps_the_first_date_and_message_id_only() -> None:
    block = (b"Received: from a; Date: not this one\r\nDATE: Tue, 01 Dec 2026 10:00:00 -0500\r\n"
             b"Subject: x\r\nMessage-Id:\r\n <1@x.example>\r\nDate: Wed, 02 Dec 2026\r\n\r\n")
    assert slim_headers(block) == (b"DATE: Tue, 01 Dec 2026 10:00:00 -0500\r\n"
                                   b"Message-Id:\r\n <1@x.example>\r\n\r\n")
    assert slim_headers(b"Subject: none\r\n\r\n") == b"\r\n"
    assert date_value(slim_headers(block)) == b"Tue, 01 Dec 2026 10:00:00 -0500"


def test_date_value_reads_the_header_block_not_the_body() -> None:
    raw = b"Subject: x\r\n\r\nDate: Tue, 01 Dec 2026 10:00:00 -0500\r\n"
    assert date_value(raw) is None
    assert date_value(b"Date: Tue, 01 Dec 2026 10:00:00 -0500\r\nSubject: x\r\n\r\n") == (
        b"Tue, 01 Dec 2026 10:00:00 -0500")


def test_a_draft_is_known_by_its_marker_header_first_then_by_its_message_id() -> None:
    def mark(marker: str | None, message_id: str) -> DraftMark:
        head = (f"X-Watcher-Step: {marker}\r\n" if marker else "") + f"Message-ID: {message_id}\r\n\r\n"
        return draft_mark(head.encode())

    ours = message_id_for("p/r1/c1/check_in", "example.com")
    assert mark(None, ours) == DraftMark(None, marker_digest("p/r1/c1/check_in"))
    assert mark(None, "<CAE1@mail.gmail.com>") == DraftMark(None, None)
    listing = [("1", mark(None, ours)), ("2", mark("p/r1/c1/check_in", ours)),
               ("3", mark("p/r1/c1/check_in", ours)), ("4", mark("q/r1/c1/check_in", "<x@y>"))]
    # The header wins over the Message-ID, the oldest draft over a later one
    assert markers_listed(listing, ["p/r1/c1/check_in"]) == {"p/r1/c1/check_in": "2",
                                                            "q/r1/c1/check_in": "4"}
    # An edit without the header is ours only for a marker the ledger holds
    assert markers_listed(listing[:1], ["p/r1/c1/check_in"]) == {"p/r1/c1/check_in": "1"}
    assert markers_listed(listing[:1], ["other"]) == {}
    assert markers_listed(listing[:1]) == {}
