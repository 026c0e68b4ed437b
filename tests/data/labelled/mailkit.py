"""Small, deterministic RFC 5322 / MIME writer and label helpers for the labelled test mail.

Writes the bytes by hand (not via email.generator) so every header, boundary and transfer
encoding is exactly what real senders produce, and output is identical on every run.
"""

from __future__ import annotations

import base64
import hashlib
import quopri
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any, NotRequired, TypedDict
from zoneinfo import ZoneInfo

Part = tuple[list[str], str]  # (header lines, body text)

ME_ALEX = "alex.wong@gmail.com"
ME_PRIYA = "priya.n@fastmail.com"
ME_LENA = "lena.mueller@posteo.de"
ME_SAM = "sam.okafor@outlook.com"

ALEX = f"Alex Wong <{ME_ALEX}>"
PRIYA = f"Priya Natarajan <{ME_PRIYA}>"
LENA = f"=?UTF-8?Q?Lena_M=C3=BCller?= <{ME_LENA}>"
SAM = f"Sam Okafor <{ME_SAM}>"

REGISTRY: list[tuple[str, bytes, dict[str, Any]]] = []


# ---------------------------------------------------------------- dates and ids


def dt(stamp: str, zone: str) -> datetime:
    """'2026-11-10 09:14:03' in an IANA zone -> aware datetime."""
    fmt = "%Y-%m-%d %H:%M:%S" if stamp.count(":") == 2 else "%Y-%m-%d %H:%M"
    return datetime.strptime(stamp, fmt).replace(tzinfo=ZoneInfo(zone))


def rfcdate(stamp: str, zone: str, gmt: bool = False) -> str:
    """A Date header value for a local time in a zone."""
    d = dt(stamp, zone)
    if gmt:
        return format_datetime(d.astimezone(timezone.utc), usegmt=True)
    return format_datetime(d)


def mid(seed: str, domain: str) -> str:
    """A stable Message-ID in the style of the sending system."""
    h = hashlib.sha1(seed.encode()).hexdigest()
    return f"<{h[:12]}.{h[12:20]}@{domain}>"


def bnd(seed: str, n: int = 0) -> str:
    """A stable MIME boundary."""
    h = hashlib.md5(f"{seed}/{n}".encode()).hexdigest()
    return f"000000000000{h[:16]}"


# ---------------------------------------------------------------- RFC 2047


def b_word(text: str, charset: str = "UTF-8") -> str:
    """=?UTF-8?B?...?= encoded word."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def q_word(text: str, charset: str = "iso-8859-1") -> str:
    """=?iso-8859-1?Q?...?= encoded word."""
    out = []
    for byte in text.encode(charset):
        ch = chr(byte)
        if ch == " ":
            out.append("_")
        elif ch.isalnum() and byte < 128:
            out.append(ch)
        else:
            out.append(f"={byte:02X}")
    return f"=?{charset}?Q?{''.join(out)}?="


# ---------------------------------------------------------------- MIME parts


def _encode(text: str, cte: str, charset: str) -> tuple[str, str]:
    data = text.encode(charset)
    if cte == "qp":
        return "quoted-printable", quopri.encodestring(data).decode("ascii")
    if cte == "b64":
        return "base64", base64.encodebytes(data).decode("ascii")
    if cte == "7bit":
        try:
            text.encode("ascii")
        except UnicodeEncodeError:
            return "8bit", text
        return "7bit", text
    return "8bit", text


def leaf(ctype: str, text: str, cte: str = "7bit", charset: str = "utf-8",
         extra: tuple[str, ...] = (), params: str = "") -> Part:
    """A single text part."""
    name, body = _encode(text, cte, charset)
    cs = f'; charset="{charset}"' if ctype.startswith("text/") else ""
    headers = [f"Content-Type: {ctype}{cs}{params}", f"Content-Transfer-Encoding: {name}", *extra]
    if not body.endswith("\n"):
        body += "\n"
    return headers, body


def plain(text: str, cte: str = "7bit", charset: str = "utf-8", flowed: bool = False) -> Part:
    """text/plain part."""
    return leaf("text/plain", text, cte, charset, params="; format=flowed" if flowed else "")


def html(text: str, cte: str = "qp", charset: str = "utf-8") -> Part:
    """text/html part."""
    return leaf("text/html", text, cte, charset)


def calpart(ics_text: str, method: str = "REQUEST", cte: str = "7bit") -> Part:
    """text/calendar body part as calendar clients send it (method parameter set)."""
    return leaf("text/calendar", ics_text, cte, "utf-8", params=f"; method={method}")


def attach(name: str, ctype: str, data: bytes | str) -> Part:
    """A base64 attachment."""
    raw = data.encode() if isinstance(data, str) else data
    body = base64.encodebytes(raw).decode("ascii")
    return ([f'Content-Type: {ctype}; name="{name}"',
             f'Content-Disposition: attachment; filename="{name}"',
             "Content-Transfer-Encoding: base64"], body)


def multi(subtype: str, parts: list[Part], boundary: str, preamble: str = "") -> Part:
    """multipart/<subtype> of the given parts."""
    chunks = [preamble] if preamble else []
    for headers, body in parts:
        chunks.append(f"--{boundary}\n" + "\n".join(headers) + "\n\n" + body)
    chunks.append(f"--{boundary}--\n")
    return [f'Content-Type: multipart/{subtype}; boundary="{boundary}"'], "".join(chunks)


# ---------------------------------------------------------------- iCalendar

VTZ: dict[str, str] = {}


def _vtz(tzid: str, std: tuple[str, str, str], dst: tuple[str, str, str] | None,
         std_rule: str, dst_rule: str, start_std: str, start_dst: str) -> str:
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}", "BEGIN:STANDARD", f"DTSTART:{start_std}",
             f"TZOFFSETFROM:{std[0]}", f"TZOFFSETTO:{std[1]}"]
    if std[2]:
        lines.append(f"TZNAME:{std[2]}")
    if dst:
        lines.append(f"RRULE:{std_rule}")
    lines.append("END:STANDARD")
    if dst:
        lines += ["BEGIN:DAYLIGHT", f"DTSTART:{start_dst}", f"TZOFFSETFROM:{dst[0]}",
                  f"TZOFFSETTO:{dst[1]}"]
        if dst[2]:
            lines.append(f"TZNAME:{dst[2]}")
        lines += [f"RRULE:{dst_rule}", "END:DAYLIGHT"]
    lines.append("END:VTIMEZONE")
    return "\n".join(lines)


_US_STD = "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"
_US_DST = "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"
_EU_STD = "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"
_EU_DST = "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"
for _tzid, _s, _d, _win in [
    ("America/New_York", ("-0400", "-0500", "EST"), ("-0500", "-0400", "EDT"), False),
    ("America/Los_Angeles", ("-0700", "-0800", "PST"), ("-0800", "-0700", "PDT"), False),
    ("America/Chicago", ("-0500", "-0600", "CST"), ("-0600", "-0500", "CDT"), False),
    ("Eastern Standard Time", ("-0400", "-0500", ""), ("-0500", "-0400", ""), True),
    ("Pacific Standard Time", ("-0700", "-0800", ""), ("-0800", "-0700", ""), True),
    ("Central Standard Time", ("-0500", "-0600", ""), ("-0600", "-0500", ""), True),
]:
    _rs = _US_STD.replace("FREQ=YEARLY;", "FREQ=YEARLY;INTERVAL=1;") if _win else _US_STD
    _rd = _US_DST.replace("FREQ=YEARLY;", "FREQ=YEARLY;INTERVAL=1;") if _win else _US_DST
    VTZ[_tzid] = _vtz(_tzid, _s, _d, _rs, _rd,
                      "16010101T020000" if _win else "19701101T020000",
                      "16010101T020000" if _win else "19700308T020000")
for _tzid, _s, _d, _win in [
    ("Europe/Berlin", ("+0200", "+0100", "CET"), ("+0100", "+0200", "CEST"), False),
    ("Europe/London", ("+0100", "+0000", "GMT"), ("+0000", "+0100", "BST"), False),
    ("W. Europe Standard Time", ("+0200", "+0100", ""), ("+0100", "+0200", ""), True),
    ("GMT Standard Time", ("+0100", "+0000", ""), ("+0000", "+0100", ""), True),
]:
    _rs = _EU_STD.replace("FREQ=YEARLY;", "FREQ=YEARLY;INTERVAL=1;") if _win else _EU_STD
    _rd = _EU_DST.replace("FREQ=YEARLY;", "FREQ=YEARLY;INTERVAL=1;") if _win else _EU_DST
    VTZ[_tzid] = _vtz(_tzid, _s, _d, _rs, _rd,
                      "16010101T030000" if _win else "19701025T030000",
                      "16010101T020000" if _win else "19700329T020000")
VTZ["India Standard Time"] = _vtz("India Standard Time", ("+0530", "+0530", ""), None, "", "",
                                  "16010101T000000", "")


def ics(*, method: str, uid: str, start: str, end: str | None, summary: str,
        organizer: tuple[str, str], attendees: Sequence[tuple[str, str]] = (),
        description: str = "", location: str = "", tzid: str | None = None,
        sequence: int = 0, status: str = "CONFIRMED", prodid: str = "google",
        stamp: str = "20261101T120000Z", me_status: dict[str, str] | None = None,
        extra: tuple[str, ...] = ()) -> str:
    """A VCALENDAR with one VEVENT. start/end are 'TZID=...:YYYYMMDDTHHMMSS', '...Z' or floating."""
    pid = {
        "google": "-//Google Inc//Google Calendar 70.9054//EN",
        "outlook": "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "exchange": "Microsoft Exchange Server 2010",
        "goodtime": "-//GoodTime//GoodTime Hire//EN",
        "greenhouse": "-//Greenhouse Software//Greenhouse Scheduler//EN",
        "calendly": "-//Calendly//Calendly Scheduling//EN",
        "ashby": "-//Ashby//Ashby Scheduling//EN",
        "zoho": "-//Apple Inc.//macOS 15.1//EN",
    }.get(prodid, prodid)
    lines = ["BEGIN:VCALENDAR", f"PRODID:{pid}", "VERSION:2.0", "CALSCALE:GREGORIAN",
             f"METHOD:{method}"]
    if tzid and tzid in VTZ:
        lines.append(VTZ[tzid])
    lines.append("BEGIN:VEVENT")

    def dline(name: str, value: str) -> str:
        return f"{name};{value}" if value.startswith("TZID=") else f"{name}:{value}"

    lines.append(dline("DTSTART", start))
    if end:
        lines.append(dline("DTEND", end))
    lines.append(f"DTSTAMP:{stamp}")
    lines.append(f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}")
    lines.append(f"UID:{uid}")
    for name, email in attendees:
        partstat = (me_status or {}).get(email, "NEEDS-ACTION")
        lines.append(f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};"
                     f"RSVP=TRUE;CN={name};X-NUM-GUESTS=0:mailto:{email}")
    lines.append(f"CREATED:{stamp}")
    if description:
        lines.append("DESCRIPTION:" + ics_escape(description))
    lines.append(f"LAST-MODIFIED:{stamp}")
    lines.append("LOCATION:" + ics_escape(location))
    lines.append(f"SEQUENCE:{sequence}")
    lines.append(f"STATUS:{status}")
    lines.append("SUMMARY:" + ics_escape(summary))
    lines.append("TRANSP:OPAQUE")
    lines.extend(extra)
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(fold(x) for x in "\n".join(lines).split("\n")) + "\r\n"


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets."""
    raw = line.encode()
    if len(raw) <= 75:
        return line
    out: list[str] = []
    cur = b""
    for ch in line:
        b = ch.encode()
        if len(cur) + len(b) > (75 if not out else 74):
            out.append(cur.decode())
            cur = b""
        cur += b
    out.append(cur.decode())
    return "\r\n ".join(out)


# ---------------------------------------------------------------- messages


class MessageFields(TypedDict):
    """The keyword arguments of `message` other than `label` (for wrappers that pass them on)."""

    frm: str
    to: str | list[str]
    subject: str
    date: str
    body: Part
    cc: NotRequired[str | list[str] | None]
    reply_to: NotRequired[str | None]
    msgid: NotRequired[str | None]
    domain: NotRequired[str]
    in_reply_to: NotRequired[str | None]
    references: NotRequired[str | None]
    headers: NotRequired[tuple[str, ...]]
    sender: NotRequired[str | None]
    crlf: NotRequired[bool]


def message(file: str, *, frm: str, to: str | list[str], subject: str, date: str,
            body: Part, cc: str | list[str] | None = None, reply_to: str | None = None,
            msgid: str | None = None, domain: str = "mail.example", in_reply_to: str | None = None,
            references: str | None = None, headers: tuple[str, ...] = (),
            sender: str | None = None, crlf: bool = False, label: dict[str, Any]) -> str:
    """Assemble one message and register it with its label; returns its Message-ID."""
    msgid = msgid or mid(file, domain)
    tos = [to] if isinstance(to, str) else to
    ccs = [cc] if isinstance(cc, str) else (cc or [])
    lines = [*headers]
    lines.append(f"Date: {date}")
    lines.append(f"From: {frm}")
    if sender:
        lines.append(f"Sender: {sender}")
    if reply_to:
        lines.append(f"Reply-To: {reply_to}")
    lines.append("To: " + ",\n ".join(tos))
    if ccs:
        lines.append("Cc: " + ",\n ".join(ccs))
    lines.append(f"Subject: {subject}")
    lines.append(f"Message-ID: {msgid}")
    if in_reply_to:
        lines.append(f"In-Reply-To: {in_reply_to}")
        lines.append(f"References: {references or in_reply_to}")
    lines.append("MIME-Version: 1.0")
    part_headers, part_body = body
    text = "\n".join(lines + part_headers) + "\n\n" + part_body
    if crlf:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    REGISTRY.append((file, text.encode("utf-8"), label))
    return msgid


def iv(start: str, end: str | None = None, type: str | None = None,
       interviewers: list[str] | None = None, role: str | None = None,
       company: str | None = None, names: list[str] | None = None) -> dict[str, Any]:
    """Interview label; end defaults to start + 60 minutes (the contract's rule)."""
    if end is None:
        end = (datetime.fromisoformat(start) + timedelta(minutes=60)).isoformat()
    return {"start": start, "end": end, "type": type, "interviewers": interviewers or [],
            "interviewer_names": names or [], "role": role, "company": company}


def lab(kind: str, me: str, *, direction: str = "received", reply: str | None = None,
        interview: dict[str, Any] | None = None, timeline: str | None = None,
        category: str | None = None, lookalike: str | None = None,
        note: str | None = None) -> dict[str, Any]:
    """A label; category defaults to positive (or lookalike when lookalike is set)."""
    if category is None:
        category = "lookalike" if lookalike else "positive"
    out: dict[str, Any] = {"me": [me], "kind": kind, "reply": reply, "direction": direction,
                           "interview": interview, "stated_timeline": timeline,
                           "category": category, "lookalike": lookalike}
    if note:
        out["note"] = note
    return out


def look(me: str, what: str, direction: str = "received", note: str | None = None) -> dict[str, Any]:
    """Label for a look-alike (kind other)."""
    cat = "negative" if what == "personal" else "lookalike"
    return lab("other", me, direction=direction, category=cat, lookalike=what, note=note)


def alt(seed: str, text: str, html_text: str, cte_text: str = "7bit",
        cte_html: str = "qp") -> Part:
    """multipart/alternative of plain + HTML, as ATS and webmail send."""
    return multi("alternative", [plain(text, cte_text), html(html_text, cte_html)], bnd(seed))


def htmlize(text: str, brand: str = "", footer: str = "") -> str:
    """A plain-ish HTML rendering of text paragraphs inside a branded table layout."""
    paras = []
    for block in text.strip().split("\n\n"):
        inner = block.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        inner = inner.replace("\n", "<br>\n")
        paras.append(f'<p style="margin:0 0 16px 0;font-size:14px;line-height:20px">{inner}</p>')
    head = (f'<tr><td style="padding:16px 24px;background:#f4f6f8;font-weight:bold">{brand}</td></tr>'
            if brand else "")
    foot = (f'<tr><td style="padding:12px 24px;color:#8a8f98;font-size:11px">{footer}</td></tr>'
            if footer else "")
    return ('<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=utf-8"><meta name="viewport" content="width=device-width"></head>\n'
            '<body style="margin:0;padding:0;font-family:Helvetica,Arial,sans-serif">\n'
            '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">\n'
            f"{head}\n<tr><td style=\"padding:24px\">\n" + "\n".join(paras) +
            f"\n</td></tr>\n{foot}\n</table>\n</body></html>\n")


def quote(text: str) -> str:
    """Prefix each line with '> ' as mail clients do."""
    return "\n".join(("> " + ln) if ln else ">" for ln in text.strip("\n").split("\n"))
