"""Bytes to a typed `Message`: addresses, zoned dates, subject, body text, calendar events.

Lenient by design: real mail is often malformed, so every problem the parser works around is
recorded in `Message.defects`; only input with no readable header at all raises MessageError.
"""

from __future__ import annotations

import email
import email.errors
import email.header
import email.utils
import html as htmllib
import logging
import re
from collections.abc import Iterable, Iterator
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
# Calendar parts are parsed up to this many bytes in all per message (a real invite is a few
# KB; icalendar takes about 0.8 s for 500 KB of events); a part past it is skipped and recorded.
MAX_ICS = 512_000
# HTML past this many characters is not converted (markup and styles outweigh text ~10:1)
MAX_HTML = 2_000_000

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
        msg = email.message_from_bytes(raw, _PartMessage, policy=compat32)
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
    ics_budget = [MAX_ICS]
    for part in _walk(msg, defects):
        try:
            _read_part(part, texts, htmls, events, attachments, defects, default_tz, ics_budget)
        except Exception as exc:  # one broken part must not lose the rest of the message
            defects.append(f"BrokenPart:{exc.__class__.__name__}")

    text = "\n\n".join(t for t in texts if t.strip())
    if not text.strip() and htmls:
        converted = []
        for h in htmls:
            if len(h) > MAX_HTML:
                h = h[:MAX_HTML]  # its text is cut at MAX_TEXT anyway; 29 MB took 10 s
                defects.append("HtmlTruncated")
            part_text, stripped = _html_text(h)
            converted.append(part_text)
            if stripped:
                defects.append("HtmlTooComplex")
        text = "\n\n".join(converted)
    if len(text) > MAX_TEXT:
        text = text[:MAX_TEXT]
        defects.append("TextTruncated")

    headers = {}
    for name in KEPT_HEADERS:
        value = _get(msg, name)
        if value is not None:
            headers[name] = _decode(value, defects)

    return Message(
        message_id=_first_msgid(_header(msg, "message-id")),
        subject=_clean_line(_decode(_get(msg, "subject") or "", defects))[:MAX_SUBJECT],
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


# A longer subject is no one's (a 100 KB one took the classifier 15 s)
MAX_SUBJECT = 1000

# The stdlib reads a header's parameters in time that grows with their square (80,000 in a
# 1.1 MB Content-Type: 2.5 s for each look at the boundary, the charset, the file name).
# Real ones are a few hundred characters (a long RFC 2231 file name a few KB).
MAX_PARAMS = 16_000
_PARAM_HEADERS = frozenset({"content-type", "content-disposition"})


class OversizedParameters(email.errors.MessageDefect):
    """A Content-Type or Content-Disposition too long to read was cut to its ends."""


class _PartMessage(EmailMessage):
    """The stdlib's message (every part of one), with parameter headers cut to MAX_PARAMS as
    they are parsed: what a hostile one holds in the middle is lost, its first and last
    parameters (a boundary is often last) are kept."""

    def set_raw(self, name: str, value: Any) -> None:
        if name.lower() in _PARAM_HEADERS and isinstance(value, str) and len(value) > MAX_PARAMS:
            half = MAX_PARAMS // 2
            head, tail = value[:half], value[-half:]
            value = head[:head.rfind(";") + 1 or half] + tail[tail.find(";") + 1:]
            self.defects.append(OversizedParameters())
        super().set_raw(name, value)

# at a line's start, a line ended by LF, CRLF or a lone CR (classic Mac mail, which the
# stdlib's parser reads too)
_HEADER_LINE = re.compile(rb"(?:^|(?<=\r))[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]", re.M)


def _skip_leading_garbage(raw: bytes) -> EmailMessage | None:
    """A message whose first line is broken ("Fro :x") still has headers after it: use them."""
    first = _HEADER_LINE.search(raw, 0, 4096)
    if first is None or first.start() == 0:
        return None
    msg = email.message_from_bytes(raw[first.start():], _PartMessage, policy=compat32)
    if not msg.keys():
        return None
    msg.defects.append(email.errors.MessageDefect("leading garbage skipped"))
    return msg


def parse_addresses(value: str) -> list[Address]:
    """Addresses of one header value (RFC 2047 names decoded, addresses lower-cased)."""
    # An encoded word is one opaque word of the display name: a ":" or "@" inside it
    # ("=?utf-8?Q?Talent_Team:_Acme?=") must not read as group syntax or as an address
    # (a name hiding "evil@evil.com;" made it the sender). Each is swapped for a plain token
    # while the addresses are split, then put back and decoded.
    words: list[str] = []

    def token(m: re.Match[str]) -> str:
        words.append(m.group(0))
        return f"ewx{len(words) - 1}xwe"

    # Unfolded first (RFC 5322 2.2.3): getaddresses splits at a CR, so a quoted name folded
    # with CRLF, as all IMAP and Gmail mail is ("Megan<CRLF> Bowen, evil@x.example" <m@c.com>),
    # made the address hidden in the name the sender. A stray CR or LF is a space.
    value = _FOLD.sub(" ", _UNFOLD.sub("", value))
    masked = _ENCODED_WORD.sub(token, value) if "=?" in value else value
    out: list[Address] = []
    for name, addr in email.utils.getaddresses([masked]):
        if "(" in name:
            name = _comment_in_place(masked, name, addr)
        addr = addr.strip().strip("<>").lower()
        if not addr or "@" not in addr or _TOKEN.search(addr):
            continue
        if words:
            name = _TOKEN.sub(lambda m: words[int(m.group(1))], name)
        out.append(Address(_clean_line(_decode(name, [])).strip("\"' "), addr))
    return out


def _comment_in_place(value: str, name: str, addr: str) -> str:
    """`name` with its comment where the header wrote it: an unquoted "Alexandra (Sasha)
    Petrova <a@x.com>" is "Alexandra Petrova (Sasha)" to getaddresses, and a bracketed
    word after the surname is more often a department ("Lance (Legal)") than the name one
    goes by."""
    m = re.search(r'(?:^|,)\s*([^,<>"()]*\([^()<>"]*\)[^,<>"()]*?)\s*<\s*' + re.escape(addr)
                  + r"\s*>", value)
    if m is None:
        return name
    raw = " ".join(m.group(1).split())
    return raw if sorted(raw.split()) == sorted(name.split()) else name


_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
_UNFOLD = re.compile(r"\r?\n(?=[ \t])|\r(?=[ \t])")
_FOLD = re.compile(r"[\r\n]")
_TOKEN = re.compile(r"ewx(\d+)xwe")


def html_to_text(html: str) -> str:
    """Readable text of an HTML part: block elements become line breaks, scripts dropped."""
    return _html_text(html)[0]


def _html_text(html: str) -> tuple[str, bool]:
    """`html_to_text`, and whether the part was too costly for the HTML parser (see below)."""
    from selectolax.lexbor import LexborHTMLParser  # imported here: keeps `watcher --help` fast

    data = _BLOCK_TAG.sub(lambda m: m.group(0) + b"\n", html.encode("utf-8", "replace"))
    # Inside the cell (text between cells would be moved out of the table by the HTML parser):
    # "<td>Who</td><td>Dana</td>" -> "Who | Dana |"
    data = _CELL_END.sub(b" | \\g<0>", data)
    markup = data.decode("utf-8", "replace")
    if (markup.count("<") > HTML_SIMPLE_TAGS or len(markup) > HTML_SIMPLE_CHARS) \
            and _too_costly(markup):
        return _tidy(_strip_tags(markup).replace("\xa0", " ")), True
    try:
        tree = LexborHTMLParser(markup)
        tree.strip_tags(["script", "style", "head", "title", "noscript"])
        root = tree.body or tree.root
        text = root.text(separator="") if root is not None else ""
    except Exception:  # lexbor is robust, but a parser bug must not lose the message
        text = re.sub(r"<[^>]+>", " ", html)
    return _tidy(text.replace("\xa0", " ")), False


# --- headers ---------------------------------------------------------------------------


def _header(msg: EmailMessage, name: str) -> str:
    return _get(msg, name) or ""


def _get(msg: EmailMessage, name: str) -> str | None:
    """The first `name` header's value as sent (`_get_all`)."""
    return next(iter(_get_all(msg, name)), None)


def _get_all(msg: EmailMessage, name: str) -> list[str]:
    """Every `name` header's value, with raw 8-bit bytes read as UTF-8 (else Windows-1252):
    many mailers send them unencoded, and the stdlib's compat32 turns them into U+FFFD
    ("Jos\ufffd\ufffd", an address it then cannot write to)."""
    return [_unescape(v) for k, v in msg.raw_items() if k.lower() == name]


def _unescape(value: Any) -> str:
    if not isinstance(value, str):
        return str(value)
    if value.isascii():
        return value
    raw = value.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


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
    values = _get_all(msg, name)
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


def mail_date(value: str) -> datetime | None:
    """A Date header's moment (naive for "-0000", zone unknown), or None when it is not one a
    mail can have. Never raises: the header is the sender's to write."""
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):  # an offset of 500 digits
        return None
    if parsed is None or not DATE_YEARS[0] <= parsed.year <= DATE_YEARS[1]:
        # "9999": no mail was written then; dates counted from it would overflow later
        return None
    return parsed


def _parse_date(value: str, defects: list[str]) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    parsed = mail_date(value)
    if parsed is None:
        defects.append("BadDate")
        return None
    if parsed.tzinfo is None:  # "-0000" means "zone unknown": read it as UTC (RFC 5322 3.3)
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed


# --- HTML cost guard -------------------------------------------------------------------
# lexbor builds its tree by the HTML standard's algorithm, whose cost grows with the stack of
# open elements and the list of active formatting elements, both unbounded: "<div>" * 200_000
# (1.2 MB) takes minutes, "<p><b id=N>x" * 5_000 (74 KB: every paragraph re-opens each <b>
# before it) 8 s and 4.5 GB, 20,000 options in one <select> 1.5 s. Real mail is nowhere near:
# a part with more than HTML_SIMPLE_TAGS "<" is first walked by `_html_cost_exceeds`, a cheap
# model of that algorithm built to err on the high side (checked against lexbor's own times on
# thousands of random repeated tag patterns); a part over budget is read by `_strip_tags`, a
# linear tag strip, and the message gets the defect HtmlTooComplex.

# At most this many "<" in at most so many characters: parsed as is (the worst case of so few
# tags costs lexbor ~0.03 s; the characters bound the attributes those tags can have).
HTML_SIMPLE_TAGS = 500
HTML_SIMPLE_CHARS = 20_000
# Cost units: one open element that lexbor may walk past (~2-4 ns); a re-opened formatting
# element is an element built (~1 us and ~400 bytes). 20M units are ~0.05 s of lexbor's time;
# real mail scores far less (the corpus: at most 0.1M; 300 of its parts glued into one: 0.25M).
HTML_BUDGET = 20_000_000
_CLONE_COST = 400
# lexbor checks each attribute of a start tag against those before it: n distinct names cost
# ~n*n/2 units (100,000 in one tag took 18 s), and a clone copies them (~30 units each).
# Attributes shorter than this many characters in all are not counted (at most ~70 names).
_ATTR_COUNTED = 200
_ATTR_CLONE_COST = 30
_ATTR_NAME = re.compile(
    r"[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"?|'[^']*+'?|[^\t\n\f\r >]*+))?+")

_TAG = re.compile(
    r"<(?:"
    r"!--(?:-?>|.*?--!?>|.*)"  # comment ("<!-->" and "<!--->" end at once; unclosed: to the end)
    r"|[!?][^>]*>?"  # doctype, bogus comment, "<?...>", CDATA outside SVG/MathML
    r"|/(?![A-Za-z])[^>]*>?"  # "</" not followed by a letter: bogus comment, or "</>"
    r"|(/?)([A-Za-z][^\t\n\f\r />]*)"  # a tag: 1 is "/" for an end tag, 2 the name
    # 3, the attributes; a quoted value may hold ">", an unclosed quote runs to the end
    r"((?:[\t\n\f\r /]+|[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+(?:\"|\Z)|'[^']*+(?:'|\Z)|[^\t\n\f\r >]*+))?+)*+)"
    r"(>?))",  # 4: ">" unless the input ended inside the tag (then the tag is dropped)
    re.S,
)
_RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes")
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.I) for name in _RAW_TEXT}


_SCRIPT_MARK = re.compile(r"<!--|-->|</?script[\t\n\f\r />]", re.I)


def _script_end(s: str, pos: int) -> int:
    """Where a <script> element's content starting at `pos` ends: its first </script> that is
    not inside "<!-- <script> ... -->" (the standard's escaped and double-escaped states)."""
    state = 0  # 0: script data, 1: escaped ("<!--" seen), 2: double escaped ("<!-- <script>")
    while (m := _SCRIPT_MARK.search(s, pos)) is not None:
        mark = m.group().lower()
        pos = m.end()
        if mark == "<!--":
            state = state or 1
            pos = m.start() + 2  # "<!-->" is closed by its own "-->"
        elif mark == "-->":
            state = 0
        elif mark.startswith("</"):
            if state != 2:
                return m.start()
            state = 1
        elif state == 1:
            state = 2
    return len(s)


def _html_tokens(s: str) -> Iterator[tuple[str, str, str, int, int]]:
    """The tokens of an HTML document as the standard's tokenizer reads them, in linear time:
    (kind, name, attributes, start, end), kind "text", "start", "end" or "raw" (the content of
    a <script>, <style>, <textarea>, ... element or what follows <plaintext>). Comments and
    doctypes are left out."""
    pos, n = 0, len(s)
    while pos < n:
        lt = s.find("<", pos)
        if lt < 0:
            lt = n
        if lt > pos:
            yield "text", "", "", pos, lt
        if lt == n:
            return
        m = _TAG.match(s, lt)
        if m is None:  # "<" before anything else is text
            yield "text", "", "", lt, lt + 1
            pos = lt + 1
            continue
        pos = m.end()
        if m.group(2) is None:  # comment, doctype
            continue
        if not m.group(4):  # the input ends inside this tag: the tokenizer drops it
            return
        name = m.group(2).lower()
        if m.group(1):
            yield "end", name, "", lt, pos
            continue
        yield "start", name, m.group(3), lt, pos
        if name in _RAW_END:
            if name == "script":
                stop = _script_end(s, pos)
            else:
                found = _RAW_END[name].search(s, pos)
                stop = found.start() if found else n
            yield "raw", name, "", pos, stop
            pos = stop
        elif name == "plaintext":
            yield "raw", name, "", pos, n
            return


_DROPPED = frozenset({"script", "style", "title", "noscript", "iframe", "noembed", "noframes"})


_SPECIAL_CONTENT = re.compile(
    r"<(?:script|style|title|noscript|iframe|noembed|noframes|textarea|xmp|plaintext)"
    r"(?![^\t\n\f\r />])", re.I)


def _strip_tags(s: str) -> str:
    """Text of HTML without building a tree: tags and comments dropped, entities decoded."""
    if _SPECIAL_CONTENT.search(s) is None:  # no element whose content is special: at C speed
        return htmllib.unescape(_TAG.sub("", s))
    out: list[str] = []
    skip = ""  # inside <noscript> (not raw text for a parser without scripting)
    for kind, name, _, start, end in _html_tokens(s):
        if skip:
            if kind == "end" and name == skip:
                skip = ""
        elif kind == "text" or (kind == "raw" and name not in _DROPPED):
            out.append(htmllib.unescape(s[start:end]) if name != "plaintext" else s[start:end])
        elif kind == "start" and name == "noscript":
            skip = name
    return "".join(out)


# The element classes of the standard's tree construction that the model below needs: the
# elements that bound a scope (default, button, list item, table scope), the "special" ones
# (with and without address, div and p: what stops an <li> closing an earlier one), headings.
_SCOPE, _BUTTON, _LIST, _TABLE, _SPECIAL, _SPECIAL_LI, _HEADING = range(7)
_SCOPE_BOUNDS = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
                 "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc",
                 "title"}
_SPECIAL_TAGS = _SCOPE_BOUNDS | {
    "address", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body",
    "br", "button", "center", "col", "colgroup", "dd", "details", "dialog", "dir", "div", "dl",
    "dt", "embed", "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "iframe", "img",
    "input", "keygen", "li", "link", "listing", "main", "menu", "meta", "nav", "noembed",
    "noframes", "noscript", "ol", "p", "param", "plaintext", "pre", "script", "search",
    "section", "select", "source", "style", "summary", "tbody", "textarea", "tfoot", "thead",
    "tr", "track", "ul", "wbr", "xmp"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CLASSES: dict[str, tuple[int, ...]] = {
    name: tuple(c for c, member in (
        (_SCOPE, name in _SCOPE_BOUNDS),
        (_BUTTON, name in _SCOPE_BOUNDS or name == "button"),
        (_LIST, name in _SCOPE_BOUNDS or name in ("ol", "ul")),
        (_TABLE, name in ("html", "table", "template")),
        (_SPECIAL, True),
        (_SPECIAL_LI, name not in ("address", "div", "p")),
        (_HEADING, name in _HEADINGS),
    ) if member)
    for name in _SPECIAL_TAGS
}
_VOID = frozenset({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr",
                   "img", "image", "input", "keygen", "link", "meta", "param", "source",
                   "track", "wbr"})
_FORMATTING = frozenset({"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small",
                         "strike", "strong", "tt", "u"})
_MARKERS = frozenset({"applet", "marquee", "object", "td", "th", "caption"})
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu",
    "nav", "ol", "p", "search", "section", "summary", "ul", "pre", "listing", "form", "hr",
    "xmp", "li", "dd", "dt"}) | _HEADINGS
# Start tags that do not re-open the active formatting elements (the rest, and text, do)
_KEEPS_LIST = _CLOSES_P | {
    "html", "head", "body", "base", "basefont", "bgsound", "link", "meta", "noframes", "script",
    "style", "title", "plaintext", "table", "textarea", "iframe", "noembed", "rb", "rtc", "rp",
    "rt", "caption", "col", "colgroup", "frame", "tbody", "td", "tfoot", "th", "thead", "tr",
    "param", "source", "track"}
# End tags that close their element when it is in a scope (the rest: "any other end tag")
_END_SCOPE = {
    **dict.fromkeys(("address", "article", "aside", "blockquote", "button", "center", "details",
                     "dialog", "dir", "div", "dl", "fieldset", "figcaption", "figure", "footer",
                     "header", "hgroup", "listing", "main", "menu", "nav", "ol", "pre", "search",
                     "section", "summary", "ul", "applet", "marquee", "object", "dd", "dt"),
                    _SCOPE),
    "p": _BUTTON,
    "li": _LIST,
    **dict.fromkeys(("table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption"), _TABLE),
}
# Starting any of these makes the model give up: foreign content, templates and framesets
# follow rules it does not model.
_UNMODELLED = frozenset({"svg", "math", "template", "frameset"})
# Table parts, ignored outside a table
_TABLE_PARTS = frozenset({"caption", "col", "colgroup", "tbody", "thead", "tfoot", "tr", "td",
                          "th"})


def _too_costly(markup: str) -> bool:
    try:
        return _html_cost_exceeds(markup, HTML_BUDGET)
    except Exception:  # a bug in the model must not lose the message: read it the cheap way
        log.exception("HTML cost model failed")
        return True


class _Formatting:
    """An entry of the list of active formatting elements; `pos` is its element's place on
    the stack of open elements, -1 when it is not on it."""

    __slots__ = ("attrs", "clone", "name", "pos")

    def __init__(self, name: str, attrs: str, clone: int = _CLONE_COST) -> None:
        self.name, self.attrs, self.pos, self.clone = name, attrs, -1, clone


def _attribute_names(attrs: str) -> int:
    """How many distinct attribute names a start tag's attribute text holds (0 when short)."""
    if len(attrs) < _ATTR_COUNTED:
        return 0
    return len({m.group().split("=", 1)[0].rstrip().lower() for m in _ATTR_NAME.finditer(attrs)})


def _html_cost_exceeds(s: str, budget: int) -> bool:
    """Whether lexbor may spend more than `budget` units on `s`: a model of the standard's tree
    construction (stack of open elements, scopes, implied end tags, active formatting elements
    with markers, Noah's Ark and reconstruction, the adoption agency's simple case, and lexbor's
    own cost of options in a <select>). Where it is unsure it mostly keeps elements open, which
    raises the estimate; what it does not model (SVG, MathML, templates, framesets) ends it with
    True. Linear in the length of `s` (it stops once over budget)."""
    stack: list[str] = []
    entries: list[_Formatting | None] = []  # the formatting entry of each stack element
    where: dict[str, list[int]] = {}  # tag name -> its places on the stack, lowest first
    classes: list[list[int]] = [[] for _ in range(7)]  # class -> places of its members
    active: list[_Formatting | None] = []  # None is a marker
    sections: list[dict[str, list[_Formatting]]] = [{}]  # after each marker: name -> entries
    cost = 0
    options = 0  # in the open <select>: lexbor's cost of an option grows with their number

    def top(cls: int) -> int:
        places = classes[cls]
        return places[-1] if places else -1

    def place(name: str) -> int:
        places = where.get(name)
        return places[-1] if places else -1

    def push(name: str, entry: _Formatting | None = None) -> None:
        at = len(stack)
        stack.append(name)
        entries.append(entry)
        where.setdefault(name, []).append(at)
        for cls in _CLASSES.get(name, ()):
            classes[cls].append(at)
        if entry is not None:
            entry.pos = at

    def pop_to(at: int) -> None:
        marker = False
        while len(stack) > at:
            name = stack.pop()
            entry = entries.pop()
            where[name].pop()
            for cls in _CLASSES.get(name, ()):
                classes[cls].pop()
            if entry is not None:
                entry.pos = -1
            marker = marker or name in _MARKERS
        if marker:  # closing a cell (or caption, object, ...) clears the list to a marker
            while active and active.pop() is not None:
                pass
            if len(sections) > 1:
                sections.pop()
            else:
                sections[0].clear()

    def close(name: str, cls: int) -> None:
        """Pop up to the topmost `name` if no element of class `cls` is above it."""
        at = place(name)
        if at >= 0 and top(cls) <= at:
            pop_to(at)

    def forget(entry: _Formatting) -> None:
        active.remove(entry)
        for key in (entry.name, entry.attrs):
            same = sections[-1].get(key)
            if same is not None and entry in same:
                same.remove(entry)

    def adoption(name: str) -> bool:
        """The adoption agency for an end tag `name` (False: no entry, "any other end tag")."""
        same = sections[-1].get(name)
        if not same:
            return False
        entry = same[-1]
        if entry.pos < 0:
            forget(entry)
        elif top(_SCOPE) < entry.pos and top(_SPECIAL) < entry.pos:  # in scope, no furthest block
            pop_to(entry.pos)
            forget(entry)
        return True  # out of scope: ignored; a furthest block: left as is (never smaller)

    def reconstruct() -> int:
        if not active or active[-1] is None or active[-1].pos >= 0:
            return 0
        first = len(active) - 1
        while first > 0 and (prev := active[first - 1]) is not None and prev.pos < 0:
            first -= 1
        clones = 0
        for entry in active[first:]:
            if entry is not None:
                push(entry.name, entry)
                clones += entry.clone
        return clones

    for kind, name, attrs, _, _ in _html_tokens(s):
        if kind == "text":
            cost += 1 + reconstruct()
        elif kind == "start":
            if name in _UNMODELLED:
                return True
            names = _attribute_names(attrs)
            cost += names * names // 2
            if name == "a" and sections[-1].get("a"):  # an <a> ends an open one
                earlier = sections[-1]["a"][-1]
                adoption("a")
                if earlier in active:
                    forget(earlier)
            if name not in _KEEPS_LIST:
                cost += reconstruct()
            if name == "nobr" and top(_SCOPE) < place("nobr"):
                adoption("nobr")
                cost += reconstruct()
            if name in ("html", "head", "body") or (name in _TABLE_PARTS and place("table") < 0):
                pass  # not pushed (table parts outside a table are ignored)
            elif name in _FORMATTING:
                cost += len(active)  # Noah's Ark compares it with the entries
                key = f"{name} {attrs.strip()}"
                same = sections[-1].setdefault(key, [])
                if len(same) >= 3:  # Noah's Ark: at most three alike after the last marker
                    forget(same[0])
                entry = _Formatting(name, key, _CLONE_COST + _ATTR_CLONE_COST * names)
                same.append(entry)
                sections[-1].setdefault(name, []).append(entry)
                active.append(entry)
                push(name, entry)
            else:
                if name in _CLOSES_P:
                    close("p", _BUTTON)
                if name in _HEADINGS and stack and stack[-1] in _HEADINGS:
                    pop_to(len(stack) - 1)
                elif name == "li":
                    close("li", _SPECIAL_LI)
                elif name in ("dd", "dt"):
                    at = max(place("dd"), place("dt"))
                    if at >= 0 and top(_SPECIAL_LI) <= at:
                        pop_to(at)
                elif name in ("td", "th", "tr"):  # a cell (a row) ends the open one
                    at = place("tr") if name == "tr" else max(place("td"), place("th"))
                    if at >= 0 and top(_TABLE) < at:
                        pop_to(at)
                elif name in ("tbody", "thead", "tfoot"):
                    at = max(place("tbody"), place("thead"), place("tfoot"))
                    if at >= 0 and top(_TABLE) < at:
                        pop_to(at)
                elif name == "table":  # a table in a table, not in a cell, ends it
                    at = place("table")
                    if at > max(place("td"), place("th"), place("caption")):
                        pop_to(at)
                elif name == "button":
                    close("button", _SCOPE)
                elif name in ("option", "optgroup"):
                    if stack and stack[-1] == "option":
                        pop_to(len(stack) - 1)
                    if place("select") >= 0:
                        cost += 3 * options
                        options += 1
                elif name in ("select", "input", "keygen", "textarea"):
                    at = place("select")  # these end an open <select>
                    if at >= 0 and top(_SCOPE) < at:
                        pop_to(at)
                    if name == "select":
                        options = 0
                if name == "plaintext":
                    return cost > budget
                if name not in _VOID and name not in _RAW_END:
                    push(name)
                    if name in _MARKERS:
                        active.append(None)
                        sections.append({})
        elif kind == "end":
            if name in _HEADINGS:
                at = top(_HEADING)
                if at >= 0 and top(_SCOPE) < at:
                    pop_to(at)
            elif name in _END_SCOPE:
                close(name, _END_SCOPE[name])
            elif name in ("form", "colgroup"):
                if stack and stack[-1] == name:
                    pop_to(len(stack) - 1)
            elif name == "select":  # only past options (its scope is not modelled)
                at = place("select")
                if at >= 0 and len(stack) - at <= 3 and {*stack[at + 1:]} <= {"option", "optgroup"}:
                    pop_to(at)
            elif name in ("html", "head", "body", "br"):
                pass
            elif name not in _FORMATTING or not adoption(name):
                close(name, _SPECIAL)  # any other end tag: not past a special element
        cost += len(stack)
        if cost > budget:
            return True
    return False


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
    ics_budget: list[int],
) -> None:
    if part.defects and any(isinstance(d, OversizedParameters) for d in part.defects):
        defects.append("OversizedParameters")  # the stdlib's defects of a part are its own
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
        if payload is not None and len(payload) > ics_budget[0]:
            defects.append("CalendarTooLarge")
        elif payload is not None:
            ics_budget[0] -= len(payload)
            events.extend(parse_calendar(payload, default_tz, defects, charset=_charset(part),
                                         method=_param(part, "method")))
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


def _param(part: EmailMessage, name: str) -> str | None:
    """A parameter of the part's Content-Type ("text/calendar; method=REQUEST")."""
    try:
        value = part.get_param(name)
    except Exception:
        return None
    if not value:
        return None
    return _clean_line(email.utils.collapse_rfc2231_value(value)) or None


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


_BAD_TZID = re.compile(r";TZID=([^:;\r\n]*)")
# BEGIN/END lines, to close what a cut-short calendar left open (see `_close_components`)
_COMPONENT_LINE = re.compile(r"^(BEGIN|END):([A-Za-z0-9-]+)[ \t]*\r?$", re.M | re.I)
_HAS_VEVENT = re.compile(r"^BEGIN:VEVENT", re.M | re.I)


def parse_calendar(
    data: bytes | str,
    default_tz: tzinfo,
    defects: list[str],
    *,
    charset: str | None = None,
    method: str | None = None,
) -> list[CalendarEvent]:
    """The VEVENTs of an iCalendar object; floating times are read in `default_tz`.

    Bytes are read in `charset` (the MIME part's), else UTF-8 (RFC 5545), else cp1252. An
    event's method is its VCALENDAR's METHOD, else a METHOD misplaced in the VEVENT, else
    `method` (the MIME part's "method" parameter)."""
    text = data if isinstance(data, str) else _bytes_to_str(data, charset)
    text = text.removeprefix("\ufeff")
    cals = _read_calendars(text, defects)
    if not any(cal.walk("VEVENT") for cal in cals) and _HAS_VEVENT.search(text):
        # cut short (no END:VEVENT, no END:VCALENDAR): icalendar returns nothing at all
        closed = _close_components(text)
        if closed is not None:
            cals = _read_calendars(closed, [])
            defects.append("UnclosedCalendar")
    part_method = (method or "").strip().upper()
    out: list[CalendarEvent] = []
    for cal in cals:
        cal_method = _ical_text(cal.get("METHOD")).strip().upper()
        zones = _CalendarZones(cal)
        for ev in cal.walk("VEVENT"):
            try:
                ev_method = cal_method or _ical_text(ev.get("METHOD")).strip().upper() or part_method
                out.append(_event(ev, ev_method or None, default_tz, zones, defects))
            except Exception:
                defects.append("BadCalendarEvent")
    return out


def _read_calendars(text: str, defects: list[str]) -> list[Any]:
    import icalendar  # imported here: it is slow to import and most mail has no invite

    try:
        return list(icalendar.Calendar.from_ical(text, multiple=True))
    except Exception:
        # icalendar gives up on the whole object for one TZID that zoneinfo cannot load
        # ("America" raises IsADirectoryError there): drop such TZIDs, which makes those
        # times floating (read in `default_tz`), and try once more
        cleaned = _BAD_TZID.sub(lambda m: "" if _zone_for_tzid(m.group(1)) is None else m.group(0), text)
        try:
            if cleaned == text:
                raise ValueError("nothing to drop") from None
            cals = list(icalendar.Calendar.from_ical(cleaned, multiple=True))
            defects.append("BadCalendarZone")
            return cals
        except Exception:
            defects.append("BadCalendar")
            return []


def _close_components(text: str) -> str | None:
    """`text` with an END line added for each component left open, as icalendar pairs them
    (an END closes the innermost open component, whatever it names); None if none is open."""
    stack: list[str] = []
    for m in _COMPONENT_LINE.finditer(text):
        if m.group(1).upper() == "BEGIN":
            stack.append(m.group(2))
        elif stack:
            stack.pop()
    if not stack:
        return None
    return text.rstrip("\r\n") + "".join(f"\r\nEND:{name}" for name in reversed(stack)) + "\r\n"


class _CalendarZones:
    """The zones a calendar's TZIDs name: IANA and Windows names from the zone database, any
    other name ("Customized Time Zone", "(UTC+01:00) Amsterdam, Berlin, ...") from this
    calendar's own VTIMEZONE. Never from icalendar's process-wide cache, which keeps the first
    VTIMEZONE it saw of a name for every later calendar, whatever zone that one meant."""

    def __init__(self, cal: Any) -> None:
        self._cal = cal
        self._defs: dict[str, Any] | None = None
        self._built: dict[str, tzinfo | None] = {}

    def get(self, tzid: str) -> tzinfo | None:
        found = _zone_for_tzid(tzid)
        if found is not None:
            return found
        name = tzid.strip().strip('"').strip()
        if name not in self._built:
            if self._defs is None:
                self._defs = {}
                for vtz in self._cal.walk("VTIMEZONE"):
                    self._defs.setdefault(_ical_text(vtz.get("TZID")).strip(), vtz)
            vtz = self._defs.get(name)
            try:
                self._built[name] = vtz.to_tz(lookup_tzid=False) if vtz is not None else None
            except Exception:  # a VTIMEZONE without usable offsets
                self._built[name] = None
        return self._built[name]


def _event(
    ev: Any, method: str | None, default_tz: tzinfo, zones: _CalendarZones, defects: list[str]
) -> CalendarEvent:
    start, all_day = _ical_time(ev, "DTSTART", default_tz, zones, defects)
    end, _ = _ical_time(ev, "DTEND", default_tz, zones, defects)
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


def _ical_time(
    ev: Any, prop: str, default_tz: tzinfo, zones: _CalendarZones, defects: list[str]
) -> tuple[datetime | None, bool]:
    """An aware datetime for DTSTART/DTEND: zones resolved, floating read in default_tz.
    A malformed value is None (the rest of the event, a CANCEL say, is still worth reading)."""
    raw = ev.get(prop)
    if raw is None:
        return None, False
    try:
        value = raw.dt if hasattr(raw, "dt") else ev.decoded(prop)
    except Exception:
        defects.append("BadCalendarDate")
        return None, False
    if isinstance(value, datetime):
        tzid = getattr(raw, "params", {}).get("TZID")
        if tzid:  # a wall time in the zone the TZID names (as icalendar reads it, even with "Z")
            value = value.replace(tzinfo=zones.get(str(tzid)) or default_tz)
        elif value.utcoffset() is None:  # floating (or a zone without offsets)
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
    if name.startswith("/"):  # "/mozilla.org/20050126_1/America/New_York" and similar:
        parts = name.strip("/").split("/")  # the longest suffix that is a zone (as icalendar)
        return next((z for i in range(1, len(parts)) if (z := zone("/".join(parts[i:]))) is not None), None)
    return zone(name)


__all__ = ["KEPT_HEADERS", "html_to_text", "parse", "parse_addresses", "parse_calendar"]
