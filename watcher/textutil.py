"""Body text helpers for classification: split a message's new text from quoted history.

Quoted replies repeat words like "interview" and "offer" that must not count for the new
message, so the classifier reads `new_text` and only looks at the history for context.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# Lines where quoted history starts in the usual mail clients (Gmail, Apple Mail, Outlook,
# Thunderbird, Lotus Notes; English, German, French, Spanish).
_HISTORY_START = re.compile(
    r"^[ \t]*(?:"
    r"On\s[^\n]{0,250}?(?:\n[^\n]{0,250}?)?\bwrote:[ \t]*$"
    r"|Am\s[^\n]{0,200}?schrieb[^\n]{0,120}:[ \t]*$"
    r"|Le\s[^\n]{0,200}?a\s+écrit\s*:[ \t]*$"
    r"|El\s[^\n]{0,200}?escribió\s*:[ \t]*$"
    r"|-{2,}\s*(?:Original\s+Message|Ursprüngliche\s+Nachricht|Message\s+d'origine)\s*-{2,}"
    r"|-{2,}\s*Forwarded\s+message\s*-{2,}"
    r"|Begin\s+forwarded\s+message:"
    # Outlook's line of underscores, when a quoted header follows it (a Teams or Zoom meeting
    # block is framed by the same line and is new text)
    r"|_{10,}[ \t]*\n(?:[ \t]*\n){0,2}[ \t]*\*?(?:From|Von|De|Sent|Date)\*?:"
    r"|From:\s[^\n]+\n\s*(?:Sent|Date|To|Gesendet|Envoyé):\s"
    r"|\*From:\*\s"
    r"|Von:\s[^\n]+\n\s*(?:Gesendet|Datum|An):\s"
    r"|[^\n]{0,80}\s+To:\s[^\n]+\n[^\n]*\bcc:\s"  # Lotus Notes "Name@ENRON 06/14/2001 To: ..."
    r")",
    re.MULTILINE | re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^-- ?$", re.MULTILINE)
_QUOTED_LINE = re.compile(r"^[ \t]*>.*$\n?", re.MULTILINE)


def split_history(text: str) -> tuple[str, str]:
    """(new text, quoted history) of a body: history starts at the first quote header."""
    m = _HISTORY_START.search(text)
    if m:
        new, old = text[: m.start()], text[m.start():]
    else:
        new, old = text, ""
    quoted = "".join(q.group(0) for q in _QUOTED_LINE.finditer(new))
    if quoted:
        new = _QUOTED_LINE.sub("", new)
        old = quoted + old
    return new, old


def strip_signature(text: str) -> str:
    """Text before a '-- ' signature separator (the whole text when there is none)."""
    m = _SIGNATURE.search(text)
    return text[: m.start()] if m else text


def normalize(text: str) -> str:
    """Collapse runs of blanks (not newlines) and unify quotes and dashes for matching."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"[ \t\r\f\v]+", " ", text)


_CAPITALISED = re.compile(r"\b[A-Z][\w&'’-]{1,40}")


def name_keys(text: str, limit: int = 64) -> tuple[str, ...]:
    """The capitalised words of `text`, lower-cased, in order of first use (at most `limit`):
    what names a company ("I just heard back from Initech") for linking a message to the
    process it is about. Kept with the fact in memory for linking, never stored."""
    out: dict[str, None] = {}
    for m in _CAPITALISED.finditer(text):
        out.setdefault(m.group(0).lower().strip("'’-"), None)
        if len(out) >= limit:
            break
    return tuple(out)
