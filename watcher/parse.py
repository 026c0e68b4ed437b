"""Bytes to a typed `Message`: addresses, zoned dates, subject, body text, calendar events.

Lenient by design: real mail is often malformed, so every problem the parser works around is
recorded in `Message.defects`; only input with no readable header at all raises MessageError.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.utils
import logging
import re
from collections.abc import Iterable
from datetime import date, datetime, time, timezone, tzinfo
from email.message import Message as EmailMessage
from email.policy import compat32
from functools import lru_cache
from typing import Any

from watcher.errors import MessageError
from watcher.models import Address, CalendarEvent, Message
from watcher.zones import zone

log = logging.getLogger(__name__)

# Headers kept on Message.headers (lower-cased): what classification and linking look at.
KEPT_HEADERS = (
    "list-id",
    "list-unsubscribe",
    "list-post",
    "precedence",
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "x-auto-response-suppress",
    "x-mailer",
    "user-agent",
    "return-path",
    "x-watcher-step",
    "x-gm-thrid",
    "x-campaign",
    "x-mailgun-tag",
    "x-sg-eid",
    "feedback-id",
    "x-ms-exchange-calendar-series-instance-id",
    "content-type",
    "organization",
)

# Bodies beyond this many characters are cut: enough for any real scheduling mail, and it
# bounds the cost of pathological messages (megabytes of HTML) on the classifier.
MAX_TEXT = 100_000
# Calendar parts beyond this size are not parsed (a real invite is a few KB).
MAX_ICS = 512_000

_BLOCK_TAG = re.compile(
    rb"(?i)(<br\s*/?>|</p>|</div>|</tr>|</li>|</h[1-6]>|</table>|<blockquote[^>]*>|</blockquote>|<hr[^>]*>)"
)
_CELL_END = re.compile(rb"(?i)</t[dh]>")
_MSGID = re.compile(r"<[^<>\s]+>")
_WS = re.compile(r"[ \t\r\f\v]+")
_BLANKS = re.compile(r"\n{3,}")


def parse(raw: bytes, *, thread_id: str | None = None) -> Message:
    """Parse one RFC 5322 message. Raises MessageError only when nothing can be read."""
    if not raw or not raw.strip():
        raise MessageError("empty message")
    try:
        msg = email.message_from_bytes(raw, policy=compat32)
    except Exception as exc:  # the stdlib parser is lenient; this is a last resort
        raise MessageError(f"unreadable message: {exc.__class__.__name__}") from exc
    if not msg.keys():
        salvaged = _skip_leading_garbage(raw)
        if salvaged is None:
            raise MessageError("no headers")
        msg = salvaged
    defects: list[str] = [type(d).__name__ for d in getattr(msg, "defects", [])]

    date_value = _parse_date(_header(msg, "date"), defects)
    default_tz: tzinfo = date_value.tzinfo if date_value and date_value.tzinfo else timezone.utc

    texts: list[str] = []
    htmls: list[str] = []
    events: list[CalendarEvent] = []
    attachments: list[str] = []
    for part in _walk(msg, defects):
        try:
            _read_part(part, texts, htmls, events, attachments, defects, default_tz)
        except Exception as exc:  # one broken part must not lose the rest of the message
            defects.append(f"BrokenPart:{exc.__class__.__name__}")

    text = "\n\n".join(t for t in texts if t.strip())
    if not text.strip() and htmls:
        text = "\n\n".join(html_to_text(h) for h in htmls)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        defects.append("TextTruncated")

    headers = {}
    for name in KEPT_HEADERS:
        value = msg.get(name)
        if value is not None:
            headers[name] = _decode(value, defects)

    return Message(
        message_id=_first_msgid(_header(msg, "message-id")),
        subject=_clean_line(_decode(msg.get("subject", ""), defects)),
        from_=_first(_addresses(msg, "from", defects)),
        sender=_first(_addresses(msg, "sender", defects)),
        reply_to=tuple(_addresses(msg, "reply-to", defects)),
        to=tuple(_addresses(msg, "to", defects)),
        cc=tuple(_addresses(msg, "cc", defects)),
        date=date_value,
        in_reply_to=_first_msgid(_header(msg, "in-reply-to")),
        references=tuple(_MSGID.findall(_header(msg, "references"))),
        headers=headers,
        text=text,
        calendar=tuple(events),
        attachments=tuple(attachments),
        defects=tuple(dict.fromkeys(defects)),
        thread_id=thread_id or None,
    )


_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]", re.M)


def _skip_leading_garbage(raw: bytes) -> EmailMessage | None:
    """A message whose first line is broken ("Fro :x") still has headers after it: use them."""
    first = _HEADER_LINE.search(raw, 0, 4096)
    if first is None or first.start() == 0:
        return None
    msg = email.message_from_bytes(raw[first.start():], policy=compat32)
    if not msg.keys():
        return None
    msg.defects.append(email.errors.MessageDefect("leading garbage skipped"))
    return msg


def parse_addresses(value: str) -> list[Address]:
    """Addresses of one header value (RFC 2047 names decoded, addresses lower-cased)."""
    out: list[Address] = []
    for name, addr in email.utils.getaddresses([value]):
        addr = addr.strip().strip("<>").lower()
        if not addr or "@" not in addr:
            continue
        out.append(Address(_clean_line(_decode(name, [])).strip("\"' "), addr))
    return out


def html_to_text(html: str) -> str:
    """Readable text of an HTML part: block elements become line breaks, scripts dropped."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: keeps `watcher --help` fast

    data = _BLOCK_TAG.sub(lambda m: m.group(0) + b"\n", html.encode("utf-8", "replace"))
    # Inside the cell (text between cells would be moved out of the table by the HTML parser):
    # "<td>Who</td><td>Dana</td>" -> "Who | Dana |"
    data = _CELL_END.sub(b" | \\g<0>", data)
    try:
        tree = LexborHTMLParser(data.decode("utf-8", "replace"))
        tree.strip_tags(["script", "style", "head", "title", "noscript"])
        root = tree.body or tree.root
        text = root.text(separator="") if root is not None else ""
    except Exception:  # lexbor is robust, but a parser bug must not lose the message
        text = re.sub(r"<[^>]+>", " ", html)
    return _tidy(text.replace("\xa0", " "))


# --- headers ---------------------------------------------------------------------------


def _header(msg: EmailMessage, name: str) -> str:
    value = msg.get(name)
    if value is None:
        return ""
    return str(value) if not isinstance(value, str) else value


def _decode(value: Any, defects: list[str]) -> str:
    """Decode RFC 2047 words of a header value in any charset, never raising."""
    if isinstance(value, email.header.Header):
        value = str(value)
    if not isinstance(value, str):
        value = str(value)
    if "=?" not in value:
        return value
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except Exception:
        defects.append("BadEncodedWord")
    try:  # decode word by word, replacing what a declared charset cannot decode
        return "".join(
            _bytes_to_str(chunk, charset) if isinstance(chunk, bytes) else chunk
            for chunk, charset in email.header.decode_header(value)
        )
    except Exception:
        return value


def _clean_line(value: str) -> str:
    """One line: folded whitespace and control characters (CR, LF, NUL, ...) removed."""
    return _WS.sub(" ", "".join(" " if ord(c) < 32 or c == "\x7f" else c for c in value)).strip()


def _addresses(msg: EmailMessage, name: str, defects: list[str]) -> list[Address]:
    values = msg.get_all(name) or []
    out: list[Address] = []
    for value in values:
        try:
            out.extend(parse_addresses(_header_str(value)))
        except Exception:
            defects.append(f"BadAddressHeader:{name}")
    return out


def _header_str(value: Any) -> str:
    return str(value) if not isinstance(value, str) else value


def _first(items: list[Address]) -> Address | None:
    return items[0] if items else None


def _first_msgid(value: str) -> str | None:
    found = _MSGID.search(value)
    if found:
        return found.group(0)
    value = value.strip()
    return f"<{value}>" if value and " " not in value else None


# The years a Date header may name: mail before 1970 or after 2200 is a malformed date.
DATE_YEARS = (1970, 2200)


def _parse_date(value: str, defects: list[str]) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        defects.append("BadDate")
        return None
    if parsed.tzinfo is None:  # "-0000" means "zone unknown": read it as UTC (RFC 5322 3.3)
        parsed = parsed.replace(tzinfo=timezone.utc)
    if not DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]:
        # "9999": no mail was written then; dates counted from it would overflow later
        defects.append("BadDate")
        return None
    return parsed


# --- body ------------------------------------------------------------------------------


def _walk(msg: EmailMessage, defects: list[str]) -> Iterable[EmailMessage]:
    try:
        yield from msg.walk()
    except Exception:
        defects.append("BrokenMultipart")


def _read_part(
    part: EmailMessage,
    texts: list[str],
    htmls: list[str],
    events: list[CalendarEvent],
    attachments: list[str],
    defects: list[str],
    default_tz: tzinfo,
) -> None:
    if part.is_multipart():
        return
    try:
        ctype = part.get_content_type()
        filename = part.get_filename()
    except Exception:
        defects.append("BadPartHeaders")
        return
    if filename:
        filename = _clean_line(_decode(filename, defects))
        attachments.append(filename)
    is_ics = ctype in ("text/calendar", "application/ics") or bool(
        filename and filename.lower().endswith((".ics", ".vcs"))
    )
    if is_ics:
        payload = _payload(part, defects)
        if payload is not None and len(payload) <= MAX_ICS:
            events.extend(parse_calendar(payload, default_tz, defects))
        return
    disposition = _header_str(part.get("content-disposition") or "").lower()
    if filename or disposition.startswith("attachment"):
        return
    if ctype == "text/plain" or ctype == "text/enriched":
        payload = _payload(part, defects)
        if payload is not None:
            texts.append(_tidy(_bytes_to_str(payload, _charset(part))))
    elif ctype == "text/html":
        payload = _payload(part, defects)
        if payload is not None:
            htmls.append(_bytes_to_str(payload, _charset(part)))


def _payload(part: EmailMessage, defects: list[str]) -> bytes | None:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        defects.append("UndecodablePayload")
        return None
    if payload is None:
        raw = part.get_payload()
        if isinstance(raw, str):
            return raw.encode("utf-8", "surrogateescape")
        return None
    return payload if isinstance(payload, bytes) else None


def _charset(part: EmailMessage) -> str | None:
    try:
        return part.get_content_charset()
    except Exception:
        return None


@lru_cache(maxsize=64)
def _codec(charset: str | None) -> str | None:
    import codecs

    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    aliases = {"unicode-1-1-utf-7": "utf-7", "x-unknown": "latin-1", "ansi_x3.4-1968": "ascii"}
    name = aliases.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bytes_to_str(data: bytes, charset: str | None) -> str:
    """Decode with the declared charset, then UTF-8, then cp1252 (never raises)."""
    codec = _codec(charset)
    if codec:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_WS.sub(" ", line).rstrip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


# --- calendar --------------------------------------------------------------------------


_BAD_TZID = re.compile(rb";TZID=([^:;\r\n]*)")


def parse_calendar(data: bytes, default_tz: tzinfo, defects: list[str]) -> list[CalendarEvent]:
    """The VEVENTs of an iCalendar object; floating times are read in `default_tz`."""
    import icalendar  # imported here: it is slow to import and most mail has no invite

    try:
        cals = icalendar.Calendar.from_ical(data, multiple=True)
    except Exception:
        # icalendar gives up on the whole object for one TZID that zoneinfo cannot load
        # ("America" raises IsADirectoryError there): drop such TZIDs, which makes those
        # times floating (read in `default_tz`), and try once more
        cleaned = _BAD_TZID.sub(lambda m: b"" if _zone_for_tzid(
            m.group(1).decode("utf-8", "replace")) is None else m.group(0), data)
        try:
            if cleaned == data:
                raise ValueError("nothing to drop")
            cals = icalendar.Calendar.from_ical(cleaned, multiple=True)
            defects.append("BadCalendarZone")
        except Exception:
            defects.append("BadCalendar")
            return []
    out: list[CalendarEvent] = []
    for cal in cals:
        method = _ical_text(cal.get("METHOD")).upper() or None
        for ev in cal.walk("VEVENT"):
            try:
                out.append(_event(ev, method, default_tz))
            except Exception:
                defects.append("BadCalendarEvent")
    return out


def _event(ev: Any, method: str | None, default_tz: tzinfo) -> CalendarEvent:
    start, all_day = _ical_time(ev, "DTSTART", default_tz)
    end, _ = _ical_time(ev, "DTEND", default_tz)
    if end is None and start is not None and ev.get("DURATION") is not None:
        try:
            end = start + ev.decoded("DURATION")
        except Exception:
            end = None
    try:
        sequence = int(str(ev.get("SEQUENCE", 0)))
    except ValueError:
        sequence = 0
    attendees = ev.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    return CalendarEvent(
        method=method,
        uid=_ical_text(ev.get("UID")) or None,
        sequence=sequence,
        summary=_clean_line(_ical_text(ev.get("SUMMARY"))),
        description=_tidy(_ical_text(ev.get("DESCRIPTION")))[:MAX_TEXT],
        location=_clean_line(_ical_text(ev.get("LOCATION"))),
        start=start,
        end=end,
        all_day=all_day,
        organizer=_cal_address(ev.get("ORGANIZER")),
        attendees=tuple(a for a in (_cal_address(x) for x in attendees) if a is not None),
        status=_ical_text(ev.get("STATUS")).upper() or None,
    )


def _ical_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _cal_address(value: Any) -> Address | None:
    if value is None:
        return None
    addr = str(value).strip()
    if addr.lower().startswith("mailto:"):
        addr = addr[7:]
    addr = addr.strip().lower()
    if "@" not in addr:
        return None
    params = getattr(value, "params", {}) or {}
    name = str(params.get("CN", "")).strip().strip("\"'")
    if name.lower() == addr:
        name = ""
    return Address(_clean_line(name), addr)


def _ical_time(ev: Any, prop: str, default_tz: tzinfo) -> tuple[datetime | None, bool]:
    """An aware datetime for DTSTART/DTEND: zones resolved, floating read in default_tz."""
    raw = ev.get(prop)
    if raw is None:
        return None, False
    value = raw.dt if hasattr(raw, "dt") else ev.decoded(prop)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            tzid = getattr(raw, "params", {}).get("TZID")
            zone = _zone_for_tzid(str(tzid)) if tzid else None
            value = value.replace(tzinfo=zone or default_tz)
        elif value.utcoffset() is None:
            value = value.replace(tzinfo=default_tz)
        return value, False
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=default_tz), True
    return None, False


@lru_cache(maxsize=128)
def _zone_for_tzid(tzid: str) -> tzinfo | None:
    """An IANA zone for a TZID, including Outlook's Windows names ("Eastern Standard Time")."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = tzid.strip().strip('"')
    name = WINDOWS_TO_OLSON.get(name, name)
    if name.startswith("/"):  # "/mozilla.org/20050126_1/America/New_York" and similar
        name = "/".join(name.split("/")[-2:])
    return zone(name)


__all__ = ["KEPT_HEADERS", "html_to_text", "parse", "parse_addresses", "parse_calendar"]
