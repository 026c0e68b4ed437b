"""classify.quick_look, the cheap look at a whole raw message before parsing: it may only skip
mail that `classify` would call `other` anyway."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watcher.classify import classify, quick_look
from watcher.errors import MessageError
from watcher.models import ClassifierSettings, Direction, Kind
from watcher.parse import parse

LABELLED = Path(__file__).parent / "data" / "labelled"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_no_labelled_received_message_of_an_interview_process_is_skipped() -> None:
    labels = json.loads((LABELLED / "labels.json").read_text())
    skipped = [lab["file"] for lab in labels
               if lab["direction"] == "received" and lab["kind"] != "other"
               and not quick_look((LABELLED / lab["file"]).read_bytes())]
    assert skipped == []


def test_skipped_mail_is_always_other_on_labelled_and_real_mail() -> None:
    files = sorted(LABELLED.glob("*.eml"))
    if CORPUS.is_dir():
        files += sorted((CORPUS / "negatives").rglob("*.eml")) + sorted((CORPUS / "enron").rglob("*.eml"))
    settings = ClassifierSettings(me=("alex.wong@gmail.com", "alex@example.com"))
    skipped = 0
    for path in files:
        raw = path.read_bytes()
        if quick_look(raw):
            continue
        skipped += 1
        try:
            event = classify(parse(raw), settings)
        except MessageError:
            continue
        if event.direction is Direction.RECEIVED:
            assert event.kind is Kind.OTHER, path.name
    assert skipped > 0


@pytest.mark.parametrize("raw", [
    b"Subject: Re: Senior Developer\r\n\r\nSounds good, see you then.",
    b"Subject: x\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR",
    b"Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\nSW50ZXJ2aWV3",
    b"Subject: x\r\n\r\nYour inter=\r\nview is confirmed.",
])
def test_what_it_keeps(raw: bytes) -> None:
    assert quick_look(raw)


def test_what_it_skips() -> None:
    assert not quick_look(b"Subject: lunch?\r\n\r\nPizza on Friday at noon, the usual place.")
