"""A realistic mailbox for the Gmail fake: the labelled interview mail among real public mail.

Noise is the shared corpus (SpamAssassin ham and spam, Enron) when present, else generated
newsletters, notifications and personal mail; the user's own replies go to SENT, threaded.
Used by tests/test_gmail.py (nothing missed by the pre-filter) and bench/gmail_sync.py.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from tests.gmail_fake import GmailFake

LABELLED = Path(__file__).parent / "data" / "labelled"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ME = "me@example.com"

_MSGID = re.compile(rb"^Message-ID:[^\r\n]*(\r?\n[ \t][^\r\n]*)*\r?\n", re.IGNORECASE | re.MULTILINE)


@dataclass
class Seeded:
    """What went into the fake: ids of the messages a sync must not miss, and counts."""

    positives: dict[str, str] = field(default_factory=dict)  # Gmail id -> labelled file name
    corpus_positives: dict[str, str] = field(default_factory=dict)  # Gmail id -> corpus file
    in_window: int = 0
    outside_window: int = 0
    sent: int = 0


def labelled_positives() -> list[tuple[str, bytes, str]]:
    """(file, raw, direction) of every labelled positive (interview-related) message."""
    labels = json.loads((LABELLED / "labels.json").read_text())
    out = []
    for lab in labels:
        path = LABELLED / lab["file"]
        if lab["category"] == "positive" and path.exists():
            out.append((lab["file"], path.read_bytes(), lab["direction"]))
    return out


def corpus_files() -> tuple[list[Path], dict[str, str]]:
    """Corpus noise files, and the corpus files labelled as real hiring mail (file -> label)."""
    if not CORPUS.is_dir():
        return [], {}
    files = sorted((CORPUS / "negatives").rglob("*.eml")) + sorted((CORPUS / "enron").glob("*.eml"))
    hiring: dict[str, str] = {}
    labels = CORPUS / "labels.csv"
    if labels.exists():
        for line in labels.read_text().splitlines()[1:]:
            name, label = line.split(",", 2)[:2]
            if label[:2] in ("a_", "b_", "c_"):
                hiring[name] = label
    return files, hiring


def _unique(raw: bytes, rng: random.Random) -> bytes:
    """`raw` with a fresh Message-ID, so repeated corpus mail does not thread together."""
    mid = f"Message-ID: <{rng.getrandbits(64):016x}.noise@example.net>\r\n".encode()
    if _MSGID.search(raw):
        return _MSGID.sub(lambda _m: mid, raw, count=1)
    return mid + raw


_NEWS = ["Your weekly digest", "Top stories this week", "50% off everything",
         "New arrivals just for you", "Community update", "Product news: what shipped"]
_NOTE = ["Your order has shipped", "Security alert", "Your statement is ready",
         "[repo] New issue opened", "Your receipt", "Password changed"]
_PERSONAL = ["Dinner on Saturday?", "Photos from the trip", "Re: book recommendation",
             "Happy birthday!", "Weekend plans", "Can you send me the recipe"]


def generated(rng: random.Random, when: datetime) -> bytes:
    """One synthetic noise message: a newsletter, a notification or personal mail."""
    kind = rng.random()
    msg = EmailMessage()
    if kind < 0.5:
        msg["From"] = f"News <news@{rng.choice(['shop', 'media', 'saas'])}{rng.randrange(50)}.example>"
        msg["List-Id"] = "<news.example>"
        msg["List-Unsubscribe"] = "<mailto:unsubscribe@news.example>"
        msg["Subject"] = rng.choice(_NEWS)
        body = "Read more on our site. You receive this because you subscribed."
    elif kind < 0.8:
        msg["From"] = f"no-reply@service{rng.randrange(30)}.example"
        msg["Subject"] = rng.choice(_NOTE)
        body = "This is an automated message."
    else:
        msg["From"] = f"Friend {rng.randrange(40)} <friend{rng.randrange(40)}@gmail.com>"
        msg["Subject"] = rng.choice(_PERSONAL)
        body = "See you soon!"
    msg["To"] = ME
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="noise.example")
    msg.set_content(body)
    return msg.as_bytes()


def reply_from_me(raw: bytes, when: datetime) -> bytes | None:
    """The user's reply to a received message (threads with it by headers and subject)."""
    from email.parser import BytesHeaderParser

    head = BytesHeaderParser().parsebytes(raw)
    mid, subject, sender = head.get("Message-ID"), head.get("Subject"), head.get("From")
    if not mid or not sender:
        return None
    msg = EmailMessage()
    msg["From"] = f"Me <{ME}>"
    msg["To"] = str(sender).replace("\n", " ").replace("\r", "")
    subj = " ".join(str(subject or "").split())
    msg["Subject"] = subj if subj.lower().startswith("re:") else f"Re: {subj}"
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = make_msgid(domain="example.com")
    msg["In-Reply-To"] = " ".join(str(mid).split())
    msg["References"] = " ".join(str(mid).split())
    msg.set_content("Thanks, sounds good.\n")
    return msg.as_bytes()


def seed(fake: GmailFake, total: int, now: datetime, window_days: int = 180, seed: int = 7,
         sent_fraction: float = 0.08, old_fraction: float = 0.05) -> Seeded:
    """Fill `fake` with about `total` messages: every labelled positive, corpus (or generated)
    noise, a share of the user's replies (SENT) and a share older than the window."""
    rng = random.Random(seed)
    out = Seeded()
    noise_files, hiring = corpus_files()
    positives = labelled_positives()
    items: list[tuple[bytes, tuple[str, ...], datetime, str | None]] = []

    def when(old: bool = False) -> datetime:
        if old:
            return now - timedelta(days=window_days + 5 + rng.randrange(300))
        return now - timedelta(days=rng.uniform(0.1, window_days - 2))

    for name, raw, direction in positives:
        labels: tuple[str, ...] = ("SENT",) if direction == "sent" else ("INBOX",)
        items.append((raw, labels, when(), "labelled:" + name))
    for path in noise_files:
        name = path.relative_to(CORPUS).as_posix()
        if name in hiring:
            items.append((path.read_bytes(), ("INBOX",), when(), "corpus:" + name))
    n_noise = max(0, total - len(items))
    n_sent = int(total * sent_fraction)
    n_old = int(total * old_fraction)
    received: list[tuple[bytes, datetime]] = []
    noise_files = [p for p in noise_files if p.relative_to(CORPUS).as_posix() not in hiring]
    for i in range(n_noise - n_sent):
        if noise_files:
            raw = _unique(noise_files[i % len(noise_files)].read_bytes(), rng)
        else:
            raw = generated(rng, now)
        old = i < n_old
        at = when(old)
        items.append((raw, ("INBOX",), at, None))
        if old:
            out.outside_window += 1
        elif b"list-id:" not in raw[:8000].lower():
            received.append((raw, at))
    for _ in range(n_sent):
        src, at = rng.choice(received)
        reply_at = min(now - timedelta(minutes=5), at + timedelta(hours=rng.uniform(0.2, 48)))
        reply = reply_from_me(src, reply_at)
        if reply is None:
            continue
        items.append((reply, ("SENT",), reply_at, None))
        out.sent += 1
    # Oldest first, as mail arrives: replies then thread with what they answer.
    items.sort(key=lambda it: it[2])
    for raw, labels, at, tag in items:
        mid, _tid = fake.add_message(raw, labels, internal_date=at)
        if tag and tag.startswith("labelled:"):
            out.positives[mid] = tag.split(":", 1)[1]
        elif tag:
            out.corpus_positives[mid] = tag.split(":", 1)[1]
    out.in_window = len(items) - out.outside_window
    return out
