"""Self-check of the labelled mail: every file parses, every file has exactly one label,
labels are well-formed, calendar times agree with labels; prints counts per kind/category.

Run `python tests/data/labelled/check_labels.py` (exit 1 on any problem). Not a pytest test.
"""

from __future__ import annotations

import email
import json
import re
import sys
from collections import Counter
from datetime import datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
KINDS = {"interview_requested", "interview_confirmed", "interview_cancelled", "thank_you",
         "follow_up", "employer_reply", "other"}
REPLIES = {"next_step", "rejection", "offer", "timeline_update", "other"}
TYPES = {"phone", "video", "in_person", "panel", "final", None}
LOOKALIKES = {"newsletter", "job_alert", "press", "user_interviewer", "applied_ack",
              "assessment", "sales_demo", "medical", "government", "webinar", "order",
              "cold_outreach", "auto_reply", "personal"}
WINDOWS = {"Eastern Standard Time": "America/New_York", "Pacific Standard Time":
           "America/Los_Angeles", "Central Standard Time": "America/Chicago",
           "W. Europe Standard Time": "Europe/Berlin", "GMT Standard Time": "Europe/London",
           "India Standard Time": "Asia/Kolkata"}


def calendar_starts(msg: EmailMessage) -> list[tuple[str, datetime | None]]:
    """(METHOD, DTSTART) of every calendar part, read with a tiny unfolding parser."""
    out = []
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype not in ("text/calendar", "application/ics"):
            continue
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)  # a calendar part is a leaf: its decoded bytes
        raw = payload.decode("utf-8")
        text = re.sub(r"\r?\n[ \t]", "", raw)
        method = re.search(r"^METHOD:(\S+)", text, re.M)
        vevent = text[text.find("BEGIN:VEVENT"):]
        m = re.search(r"^DTSTART(;TZID=([^:]+))?:(\d{8}T\d{6})(Z?)", vevent, re.M)
        start = None
        if m:
            naive = datetime.strptime(m.group(3), "%Y%m%dT%H%M%S")
            if m.group(4):
                start = naive.replace(tzinfo=timezone.utc)
            elif m.group(2):
                start = naive.replace(tzinfo=ZoneInfo(WINDOWS.get(m.group(2), m.group(2))))
            else:  # floating: read in the message's own offset
                start = naive.replace(tzinfo=parsedate_to_datetime(msg["Date"]).tzinfo)
        out.append((method.group(1) if method else "", start))
    return out


def check(label: dict[str, Any], msg: EmailMessage, problems: list[str]) -> None:
    """Schema and consistency checks of one label against its message."""
    f = label["file"]

    def bad(why: str) -> None:
        problems.append(f"{f}: {why}")

    if label["kind"] not in KINDS:
        bad("kind")
    if (label["reply"] is not None) != (label["kind"] == "employer_reply"):
        bad("reply set iff employer_reply")
    if label["reply"] is not None and label["reply"] not in REPLIES:
        bad("reply value")
    me = {a.lower() for a in label["me"]}
    frm = {a.lower() for _, a in getaddresses([str(msg["From"] or "")])}
    direction = "sent" if frm & me else "received"
    if label["direction"] != direction:
        bad(f"direction {label['direction']} but From says {direction}")
    if label["kind"] in ("thank_you", "follow_up") and direction != "sent":
        bad("thank_you/follow_up must be sent")
    if label["kind"] == "employer_reply" and direction != "received":
        bad("employer_reply must be received")
    if label["category"] not in ("positive", "lookalike", "negative"):
        bad("category")
    if label["category"] == "positive" and label["lookalike"] is not None:
        bad("positive with lookalike")
    if label["category"] != "positive" and (label["kind"] != "other" or not label["lookalike"]):
        bad("lookalike/negative must be kind other with a lookalike value")
    if label["lookalike"] is not None and label["lookalike"] not in LOOKALIKES:
        bad("lookalike value")
    if parsedate_to_datetime(msg["Date"]) is None:
        bad("Date")
    if not msg["Message-ID"]:
        bad("Message-ID")
    iv = label["interview"]
    if (iv is not None) != (label["kind"] == "interview_confirmed"):
        bad("interview set iff interview_confirmed")
    if iv is not None:
        start = datetime.fromisoformat(iv["start"])
        end = datetime.fromisoformat(iv["end"])
        if start.tzinfo is None or end <= start or end - start > timedelta(hours=9):
            bad("start/end")
        if iv["type"] not in TYPES:
            bad("type")
        if iv["type"] == "panel" and len(iv["interviewer_names"]) < 3:
            body = msg.get_body(("plain", "html"))
            assert body is not None
            if "panel" not in str(body.get_content()).lower():
                bad("panel without 3 names or the word panel")
        text = str(msg["Subject"]) + "\n" + "\n".join(
            part.get_content() for part in msg.walk() if part.get_content_maintype() == "text")
        flat = re.sub(r"\s+", " ", text.lower())
        for value in [iv["company"], iv["role"], *iv["interviewer_names"]]:
            if value and value.lower() not in flat:
                bad(f"{value!r} is not in the message text")
        sent = parsedate_to_datetime(msg["Date"])
        if start < sent:
            bad("interview starts before the message was sent")
        for method, cstart in calendar_starts(msg):
            if method in ("REQUEST", "PUBLISH", "") and cstart and cstart != start:
                bad(f"calendar DTSTART {cstart.isoformat()} != label {start.isoformat()}")
    if label["stated_timeline"]:
        when = datetime.fromisoformat(label["stated_timeline"]).date()
        sent_day = parsedate_to_datetime(msg["Date"]).date()
        if not sent_day <= when <= sent_day + timedelta(days=45):
            bad("stated_timeline not within 45 days after Date")
    if label["kind"] == "interview_cancelled" and label["category"] != "positive":
        bad("cancelled must be positive")


def main() -> int:
    """Run every check, print counts; exit 1 on any problem."""
    labels = json.loads((HERE / "labels.json").read_text())
    files = {p.name for p in HERE.glob("*.eml")}
    problems: list[str] = []
    by_file = {}
    for label in labels:
        if label["file"] in by_file:
            problems.append(f"{label['file']}: labelled twice")
        by_file[label["file"]] = label
    for name in sorted(files - by_file.keys()):
        problems.append(f"{name}: no label")
    for name in sorted(by_file.keys() - files):
        problems.append(f"{name}: label without file")
    for name in sorted(files & by_file.keys()):
        raw = (HERE / name).read_bytes()
        msg = email.message_from_bytes(raw, policy=policy.default)
        if msg.defects:
            problems.append(f"{name}: defects {msg.defects}")
        for part in msg.walk():
            if part.is_multipart():
                continue
            if part.defects:
                problems.append(f"{name}: part defects {part.defects}")
            part.get_content()  # raises on undecodable content
        check(by_file[name], msg, problems)
    kinds = Counter(x["kind"] for x in labels)
    replies = Counter(x["reply"] for x in labels if x["reply"])
    cats = Counter(x["category"] for x in labels)
    looks = Counter(x["lookalike"] for x in labels if x["lookalike"])
    types = Counter(x["interview"]["type"] for x in labels if x["interview"])
    timelines = sum(1 for x in labels if x["stated_timeline"])
    print(f"messages: {len(labels)}")
    print("kind:", dict(sorted(kinds.items())))
    print("reply:", dict(sorted(replies.items())))
    print("category:", dict(sorted(cats.items())))
    print("lookalike:", dict(sorted(looks.items())))
    print("interview type:", dict(sorted((str(k), v) for k, v in types.items())))
    print("stated_timeline set:", timelines)
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
