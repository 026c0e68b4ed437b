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


_GERMAN = ("Subject: Einladung\r\nFrom: Anna Berg <anna.berg@firma.de>\r\nTo: alex@example.com\r\n"
           "Date: Mon, 30 Nov 2026 09:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: 8bit\r\n\r\nHallo Alex,\r\n\r\nwir laden Sie herzlich zum "
           "Vorstellungsgespräch am Donnerstag, 3. Dezember 2026 um 10:00 Uhr ein.\r\n\r\n"
           "Viele Grüße\r\nAnna\r\n")


def _german(form: str) -> bytes:
    utf8 = _GERMAN.encode()
    if form == "utf-8":
        return utf8
    if form == "utf-8 capitals":
        return _GERMAN.replace("Vorstellungsgespräch", "VORSTELLUNGSGESPRÄCH").encode()
    if form == "latin-1":
        return _GERMAN.replace("utf-8", "iso-8859-1").encode("latin-1")
    if form == "quoted-printable":
        return (utf8.replace(b"8bit", b"quoted-printable").replace("ä".encode(), b"=C3=A4")
                .replace("üß".encode(), b"=C3=BC=C3=9F"))
    assert form == "html entity"
    return utf8.replace(b"text/plain", b"text/html").replace("ä".encode(), b"&auml;")


@pytest.mark.parametrize("form", ["utf-8", "utf-8 capitals", "latin-1", "quoted-printable", "html entity"])
def test_a_word_with_a_non_ascii_letter_is_seen_in_every_encoding(form: str) -> None:
    # "Vorstellungsgespräch" is its only interview word: the raw bytes differ by encoding, and
    # a bytes pattern made by plain str.encode() saw none of them
    raw = _german(form)
    assert classify(parse(raw), ClassifierSettings(me=("alex@example.com",))).kind is Kind.INTERVIEW_CONFIRMED
    assert quick_look(raw)


def test_a_base64_encoded_subject_is_not_skipped() -> None:
    raw = (b"Subject: =?utf-8?B?SW50ZXJ2aWV3IGNvbmZpcm1lZA==?=\r\nFrom: Jane Doe <jane@acme.com>\r\n"
           b"To: alex@example.com\r\nDate: Mon, 30 Nov 2026 09:00:00 -0500\r\n\r\n"
           b"See you Tuesday December 1 at 10am.\r\n")  # the subject says "Interview confirmed"
    assert classify(parse(raw), ClassifierSettings(me=("alex@example.com",))).kind is Kind.INTERVIEW_CONFIRMED
    assert quick_look(raw)


def test_raw_pattern_spells_out_non_ascii_letters_and_drops_their_word_boundaries() -> None:
    import re

    from watcher.classify import raw_pattern

    pat = re.compile(raw_pattern(r"\bgespr[äa]ch\b|\brésumé\b"))
    for text in ("gespräch", "gesprach", "résumé", "r=c3=a9sum=e9", "r&eacute;sum&#233;"):
        assert pat.search(text.encode("utf-8").lower()), text
    assert pat.search("Gespräch résumé".encode("latin-1").lower())
    assert not pat.search(b"gesprich")
    with pytest.raises(ValueError):
        raw_pattern(r"[^ä]")
