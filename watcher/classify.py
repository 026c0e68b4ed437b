"""Message -> Event: what a mail is for the follow-up engine, with evidence and a confidence.

Pure: no I/O and no clock. Relative phrases resolve against the message's Date. Rules are
keyword families (watcher.rules), calendar data and sender roles; `prefilter` is the cheap
header-only first look that lets a backend skip fetching bodies of certainly-unrelated mail.
"""

from __future__ import annotations

import html.entities
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from watcher import rules as R
from watcher.dates import (
    DATE_RE,
    TIME_RE,
    Found,
    as_written,
    country_zone,
    counts_from_interview,
    find_datetimes,
    find_days,
    find_duration,
    find_timeline,
    month_first,
    writer_zone,
    zone,
)
from watcher.models import (
    INTERVIEW_TYPE_PRECEDENCE,
    Address,
    CalendarEvent,
    ClassifierSettings,
    Direction,
    Event,
    Evidence,
    Interview,
    InterviewType,
    Kind,
    Message,
    ReplyKind,
)
from watcher.textutil import name_keys, normalize, split_history, strip_signature

log = logging.getLogger(__name__)

DEFAULT_LENGTH = timedelta(minutes=60)
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL_RE = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_ALL_TIMES_ZONE = re.compile(
    r"\b(?:all\s+times\s+(?:are\s+|listed\s+|shown\s+)?(?:in\s+)?|time\s*zone\s*:\s*|times\s+are\s+(?:in\s+)?)"
    r"(?P<z>[A-Za-z][\w/ ]{1,30}?)(?:\s+time)?(?:\s*\(US\s*&\s*Canada\))?\s*(?:[.),]|$)"
    # a schedule's date heading: "Friday, November 20, 2026 (Central Time)"
    # (or "Thursday, December 10 (all times Central):")
    r"|(?:\d{4}|\b\d{1,2}(?:st|nd|rd|th)?)\s*\(\s*(?:all\s+times\s+(?:are\s+)?(?:in\s+)?)?(?P<dz>[A-Za-z][\w/ ]{1,30}?)(?:\s+time)?"
    r"(?:\s*\(US\s*&\s*Canada\))?\s*\)\s*:?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_RESOURCE = re.compile(r"\b(?:room|conference|resource|calendar)\b|^(?:room|conf)[-_.]", re.IGNORECASE)
_RECRUITER_TITLE = re.compile(
    r"\b(?:recruit\w*|talent|sourc\w+|coordinator|people\s+(?:ops|operations|partner)|human\s+resources|hr\b|scheduling)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Lists:
    ats: frozenset[str]
    freemail: frozenset[str]
    ignore_senders: frozenset[str]
    interview_phrases: re.Pattern[str] | None
    ignore_phrases: re.Pattern[str] | None
    me: frozenset[str]
    default_tz: tzinfo | None
    holiday: Callable[[date], bool] | None  # the user's holidays ("within 3 business days")


@lru_cache(maxsize=32)
def _lists(settings: ClassifierSettings) -> _Lists:
    """Built-in lists plus the user's additions, compiled once per settings value."""

    def phrases(items: Iterable[str]) -> re.Pattern[str] | None:
        items = [i.strip() for i in items if i.strip()]
        if not items:
            return None
        return re.compile("|".join(rf"\b{re.escape(i)}\b" for i in items), re.IGNORECASE)

    tz = zone(settings.default_timezone) if settings.default_timezone else None
    return _Lists(
        ats=frozenset(d.lower().lstrip("@.") for d in (*R.ATS_DOMAINS, *settings.ats_domains)),
        freemail=frozenset(d.lower().lstrip("@.") for d in (*R.FREEMAIL_DOMAINS, *settings.freemail_domains)),
        ignore_senders=frozenset(s.lower() for s in settings.ignore_senders),
        interview_phrases=phrases(settings.interview_phrases),
        ignore_phrases=phrases(settings.ignore_phrases),
        me=frozenset(a.lower() for a in settings.me),
        default_tz=tz,
        holiday=_holidays(settings),
    )


def _holidays(settings: ClassifierSettings) -> Callable[[date], bool] | None:
    if not settings.holidays and not settings.holidays_country:
        return None
    own = frozenset(settings.holidays)
    country, subdiv = settings.holidays_country, settings.holidays_subdiv

    def holiday(day: date) -> bool:
        from watcher.policy import national_holidays  # the same days as the schedule's

        return day in own or bool(country and day in national_holidays(country, subdiv, day.year))

    return holiday


def _in_domains(domain: str, domains: frozenset[str]) -> bool:
    """True when `domain` is one of `domains` or a subdomain of one."""
    domain = domain.lower()
    if domain in domains:
        return True
    parts = domain.split(".")
    return any(".".join(parts[i:]) in domains for i in range(1, len(parts) - 1))


def registrable(domain: str) -> str:
    """The organisation's own domain: mail.acme.co.uk -> acme.co.uk, us.acme.com -> acme.com."""
    parts = domain.lower().strip(".").split(".")
    if len(parts) >= 3 and parts[-1] == "us" and len(parts[-2]) == 2:
        # the US states' zones, as the public suffix list has them: a school district's
        # maplewoodschools.k12.nj.us, a city's portland.or.us (never "nj.us")
        return ".".join(parts[-4:] if len(parts) >= 4 and parts[-3] in ("k12", "cc", "lib") else parts[-3:])
    if len(parts) >= 3 and parts[-2] in R.COUNTRY_SECOND_LEVEL and len(parts[-1]) == 2:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


def _company_from_domain(domain: str) -> str:
    label = registrable(domain).split(".")[0]
    return " ".join(w.capitalize() for w in re.split(r"[-_]", label) if w)


_FORWARD_SUBJECT = re.compile(r"^\s*(?:fw|fwd|wg|tr|vs)\s*:", re.IGNORECASE)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_FORWARD_CAP = 4000
_FORWARDED_FROM = re.compile(r"^[ \t>*]*From:\*?[ \t]*(?P<name>[^<\n]*?)[ \t]*<(?P<email>[^>\s]+@[^>\s]+)>", re.MULTILINE)
# Rules read at most this much new text: enough for any scheduling mail, and a cap on the cost
# of pasted logs and HTML-converted newsletters.
_NEW_CAP = 20_000
# Mail longer than this (new text) is an interview candidate only with a strong interview word
# or a calendar event: scheduling mail is short, newsletters and reports that mention a
# "first-round game" or "application testing ... call" are long.
_SHORT = 5000


@dataclass
class _Ctx:
    """Everything the rules look at, computed once per message."""

    msg: Message
    lists: _Lists
    direction: Direction
    subject: str
    new: str  # new text of the body (history removed), normalized
    old: str  # quoted history
    head: str  # subject + new text: what counts for the kind
    evidence: list[Evidence] = field(default_factory=list)
    long: bool = False  # more new (or forwarded) text than scheduling mail has
    forwarded_from: Address | None = None  # the author of a forwarded mail the text adopts
    hiring_thread: bool | None = None  # cached by _hiring_thread
    focus: str = ""  # the sentence that decided the kind (a rejection's): what it is about

    def add(self, rule: str, detail: str, weight: float) -> None:
        self.evidence.append(Evidence(rule, detail[:160], round(weight, 2)))


def _hit(pattern: re.Pattern[str] | R.Family | None, text: str) -> str | None:
    if pattern is None:
        return None
    m = pattern.search(text)
    return m.group(0).strip() if m else None


def _is_me(addr: Address | None, me: frozenset[str]) -> bool:
    return addr is not None and addr.email.lower() in me


# ---------------------------------------------------------------------------- employer side


def _is_ats(addr: Address, lists: _Lists) -> bool:
    return bool(addr.domain) and _in_domains(addr.domain, lists.ats)


def _is_service(addr: Address, lists: _Lists) -> bool:
    """An address no human answers: ATS, scheduler, no-reply, resource calendar."""
    local = addr.email.partition("@")[0]
    return _is_ats(addr, lists) or bool(R.NOREPLY_LOCAL.match(local)) or bool(_RESOURCE.search(local))


def _employer_domain(ctx: _Ctx) -> str | None:
    """The employer's registrable domain: never free-mail, an ATS, a scheduler or the user's."""
    msg, lists = ctx.msg, ctx.lists
    me_domains = {a.partition("@")[2] for a in lists.me}
    candidates: list[Address] = []
    if ctx.direction is Direction.SENT:
        candidates += list(msg.to) + list(msg.cc)
    else:
        if msg.from_:
            candidates.append(msg.from_)
        if msg.sender:
            candidates.append(msg.sender)
        candidates += list(msg.reply_to)
        for ev in msg.calendar:
            if ev.organizer:
                candidates.append(ev.organizer)
            candidates += list(ev.attendees)
        candidates += list(msg.cc)
    for addr in candidates:
        d = addr.domain
        if not d or addr.email in lists.me or d in me_domains:
            continue
        if _in_domains(d, lists.freemail) or _is_ats(addr, lists) or R.NOREPLY_LOCAL.match(addr.email.partition("@")[0]):
            continue
        if addr.email in lists.ignore_senders or f"@{d}" in lists.ignore_senders:
            continue
        return registrable(d)
    # an address in the text (signature, "reply to jane@acme.com")
    for m in _EMAIL_RE.finditer(ctx.new):
        addr = Address("", m.group(0).lower().rstrip("."))
        d = addr.domain
        if addr.email in lists.me or _in_domains(d, lists.freemail) or _is_ats(addr, lists):
            continue
        return registrable(d)
    return None


_BAD_COMPANY = re.compile(
    r"^(?:the|our|your|a|an|we|i|you|us|this|that|hi|hello|dear|thanks?|best|regards|team|recruiting|interview\w*"
    r"|google\s+meet|zoom|teams|microsoft\s+teams|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|january|february|march|april|may|june|july|august|september|october|november|december|eastern|pacific|central"
    r"|usa|us|uk|hq|ceo|cto|vp|final|phone|video|onsite|lunch)$"
    # a date: "Tue Dec" of Google Calendar's "Invitation: Interview - Data Engineer @ Tue Dec 1, 2026"
    r"|^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)?$",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"^(?:gmbh|ag|se|b\.v\.|n\.v\.|s\.a\.|sas|sarl|s\.r\.l\.|oy|ab|a/s|kg|kgaa"
    r"|deutschland|germany|france|uk|usa|us|international|europe|emea|india|canada|australia|japan|nederland|netherlands|schweiz|österreich)$",
    re.IGNORECASE,
)
_CAPS_SEQ = re.compile(r"[A-Z][\w&'’.-]*(?:[ ](?:[A-Z][\w&'’.-]*|&|of|de|du|and))*")


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e", "á": "a",
                       "à": "a", "â": "a", "å": "a", "ó": "o", "ò": "o", "ô": "o", "ø": "o", "í": "i",
                       "ñ": "n", "ç": "c", "ú": "u", "ù": "u", "&": "and"})


_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _squash(text: str) -> str:
    return _NOT_ALNUM.sub("", text.lower().translate(_FOLD))


@lru_cache(maxsize=4096)
def _squash_variants(word: str) -> tuple[str, ...]:
    plain = _squash(word)
    short = _squash(word.lower().replace("ä", "a").replace("ö", "o").replace("ü", "u"))
    return (plain, short) if short != plain else (plain,)


def _clean_company(raw: str, lists: _Lists) -> str | None:
    co = re.sub(r"\s+", " ", raw).strip(" ,:;|-–—\"'()")
    co = re.split(r"(?<![A-Z])\.\s|[!?;:]\s|\s+(?:is|has|for|and\s+(?:the|our)|to|on|in|at|via|-|–|—|\||\()\s*", co)[0].strip(" .,")
    prev = None
    while prev != co:
        prev = co
        co = R.COMPANY_SUFFIX_WORDS.sub("", co).strip(" .,-|")
    if not co or len(co) > 60 or _BAD_COMPANY.match(co) or not co[0].isalnum():
        return None
    low = co.lower()
    if any(low == d.split(".")[0] or low.replace(" ", "") == d.split(".")[0] for d in lists.ats):
        return None  # "Greenhouse", "Calendly": the sender, not the employer
    if low in {"greenhouse", "lever", "ashby", "workday", "goodtime", "calendly", "icims", "jobvite",
               "taleo", "smartrecruiters", "workable", "bamboohr", "modernloop", "gem", "paradox",
               "hirevue", "teamtailor", "recruitee", "google", "google calendar", "outlook", "linkedin", "indeed"}:
        return None
    return co


_NAME_SCAN = 6000  # the employer's name is in the first screens of a mail (text, signature)


def _domain_named(texts: Iterable[str], label: str) -> str | None:
    """The capitalised name in the texts that spells the employer's domain ("Alpine Ski House",
    "City Power & Light" for cpandl.com, "Südwind Logistik GmbH" for suedwind-logistik.de)."""
    if len(label) < 3:
        return None
    best: str | None = None
    for t in texts:
        for m in _CAPS_SEQ.finditer(t[:_NAME_SCAN]):
            words = m.group(0).split(" ")
            for i in range(len(words)):
                accs = {""}
                initials = ""
                for j in range(i, len(words)):
                    variants = _squash_variants(words[j])
                    # "Greywell Insurance" at greywellins.com, "Kookaburra Payments" at
                    # kookaburrapay.com.au: the last word cut short (3 letters at least)
                    cut = j > i and any(
                        label.startswith(a) and len(label) - len(a) >= 3
                        and any(v.startswith(label[len(a):]) for v in variants) for a in accs)
                    accs = {a + v for a in accs for v in variants}
                    w = words[j]
                    initials += "and" if w in ("&", "and") else _squash(w)[:1]
                    hit = label in accs or cut or (j > i and initials == label)
                    if hit:
                        k = j + 1
                        while k < len(words) and R.ORG_WORDS.match(words[k].rstrip(".,")) \
                                and not (k + 1 < len(words) and _ROLE_NOUN_RE.fullmatch(words[k + 1])):
                            k += 1  # "Vandelay Industries" for vandelay.com ("Globex" of "Globex Data Engineer")
                        while k < len(words) and _LEGAL.match(words[k]):
                            k += 1  # keep "GmbH", "B.V." written right after the name
                        name = " ".join(words[i:k]).rstrip(",")
                        if not _LEGAL.match(name.split(" ")[-1]):
                            name = name.rstrip(".")
                        if best is None or len(name) > len(best):
                            best = name
                        break
                    if not any(label.startswith(a) for a in accs) and not label.startswith(initials):
                        break
    return best


_AGENCY = re.compile(r"talent|recruit|staffing|search|headhunt|placement|personnel|resourcing|hiring|careers?$", re.IGNORECASE)
# Staffing and search firms whose domain says nothing of recruiting ("olivia@hays.com"): their
# mail arranges interviews with a client, and their own name is never the employer's
AGENCIES = frozenset({
    "hays", "roberthalf", "randstad", "randstadusa", "michaelpage", "pagegroup", "pagepersonnel", "teksystems",
    "insightglobal", "adecco", "adeccousa", "manpower", "manpowergroup", "experis", "kforce", "aerotek", "kellyservices",
    "kellyocg", "kornferry", "hudson", "hudsonrpo", "harveynash", "spherion", "expresspros", "volt", "allegisgroup",
    "allegis", "astoncarter", "beaconhillstaffing", "beaconhill", "vaco", "motionrecruitment", "apexsystems",
    "modis", "akkodis", "yoh", "collabera", "cybercoders", "accountemps", "officeteam", "lhh", "heidrick",
    "spencerstuart", "russellreynolds", "egonzehnder", "tandemsearch", "jeffersonwells", "addisongroup",
})
_CAP_NAME = r"[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,3}"
_CLIENT = re.compile(
    rf"\b(?i:my|our)\s+client,?\s+(?P<a>{_CAP_NAME})"
    rf"|\b(?P<b>{_CAP_NAME})\s+(?:would\s+(?:like|love)|wants|is\s+keen|are\s+keen|has\s+asked|have\s+asked|is\s+hiring|are\s+hiring"
    r"|(?:was|were)\s+(?:impressed|excited)|liked|loved|(?:has|have)\s+(?:confirmed|scheduled|invited))\b"
    rf"|\binterview(?:s|ing)?\s+(?:with|at)\s+(?P<c>{_CAP_NAME})"
    rf"|^\s*(?P<d>{_CAP_NAME})\s+(?:interview|onsite|screen)"
    # "Interview confirmed - Food Safety Manager with Acme Foods" (an address at acmefoods.com)
    rf"|\b(?i:role|position|job|opening|opportunity|{R.ROLE_NOUN}s?)\s+(?:with|at)\s+(?P<e>{_CAP_NAME})"
    # "Interview times - Staff Accountant (Coastal Dental Partners)": a subject's last brackets
    rf"|\((?P<f>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){{1,3}})\)\s*$"
)


# "Kite & Key Recruitment" in the signature of charlotte@kiteandkey.co.uk
_MY_CLIENT = re.compile(r"\b(?i:my|our)\s+client\b")
_AGENCY_WORD = re.compile(r"Recruit|Staffing|Search|Resourcing|Talent")
_AGENCY_NAMED = re.compile(r"\b((?:[A-Z][\w'.-]*[ ]|&[ ]){1,4})(?:Recruit\w*|Staffing|Executive[ ]Search|Resourcing|Talent)\b")


def _agency_client(ctx: _Ctx, label: str) -> str | None:
    """The client an agency recruiter (talent/recruiting/staffing domain) arranges the interview
    for: a name the mail gives as hiring ("Contoso would like to move ahead", "my client Contoso")
    that a link or address in the mail, or the subject, confirms."""
    known = bool(_AGENCY.search(label)) or label in AGENCIES or bool(
        _AGENCY_WORD.search(tail := ctx.new[-_SHORT:])
        and any(_squash(m.group(1)) == label for m in _AGENCY_NAMED.finditer(tail)))
    domains = {_squash(registrable(m.group(1)).split(".")[0])
               for m in re.finditer(r"(?:https?://|@|www\.)([\w.-]+\.[a-z]{2,})", ctx.new)}
    if not known and not domains - {label} and not _MY_CLIENT.search(ctx.new):
        return None
    for t in (ctx.subject, ctx.new):
        for m in _CLIENT.finditer(t):
            if not known and not m.group("a") and not (m.group("b") and t is ctx.new):
                continue  # an agency not known by name: "my client X", or "X would like to interview
                # you" beside an address at X's own domain (kwame@acmefoods.com), never the sender's
            name = next(g for g in m.groups() if g)
            if not known and not m.group("a") and _squash(name) not in domains:
                continue
            co = _clean_company(name, ctx.lists)
            if not co or _squash(co) in label or _AGENCY.search(co) or (
                    _ROLE_NOUN_RE.search(co) and not _ORG_WORD.search(co)):  # "Coastal Dental Partners"
                continue
            if m.group("f") and t is not ctx.subject:
                continue
            if m.group("a") or _squash(co) in domains or (m.group("e") is None and (
                    (t is not ctx.subject and co.lower() in ctx.subject.lower()) or t is ctx.subject)):
                # "Lindqvist are keen to meet you" under "Interview confirmed - Lindqvist Insurance"
                full = re.search(rf"\b{re.escape(co)}((?:[ ][A-Z][\w&'.-]*){{1,2}})", f"{ctx.subject}\n{ctx.new}")
                more = full.group(1).split() if full else []
                while more and not R.ORG_WORDS.match(more[-1]):
                    more.pop()
                return " ".join([co, *more]) if all(R.ORG_WORDS.match(w) for w in more) else co
    return None


def _company(ctx: _Ctx, employer_domain: str | None, cal_text: str) -> str | None:
    """The employer's name: an explicit field, an agency's client, the name that spells the
    employer's domain, phrases ("at Acme", "the Acme team"), display names; else None."""
    lists = ctx.lists
    msg = ctx.msg
    texts = (ctx.subject, cal_text, ctx.new)
    label = registrable(employer_domain).split(".")[0] if employer_domain else ""
    if label and (client := _agency_client(ctx, label)):
        return client
    if label in AGENCIES:
        employer_domain = None  # a client not named: never "joining Hays"
    m = R.COMPANY_PATTERNS[0].search(ctx.new) or R.COMPANY_PATTERNS[0].search(cal_text)
    if m and (co := _clean_company(m.group("co"), lists)):
        return co
    names: list[str] = []
    people = [msg.from_] if ctx.direction is Direction.RECEIVED else [*msg.to]
    for addr in [*people, *msg.reply_to]:
        if addr and addr.name:
            names.append(addr.name)
    if employer_domain:
        label = _squash(registrable(employer_domain).split(".")[0])
        named = _domain_named((*texts, *names), label)
        if named:
            # "Massive Dynamic" at massive.com: the name the mail gives in full ("... at Massive
            # Dynamic", "your interest in Massive Dynamic") outruns the domain's word
            for pat in R.COMPANY_PATTERNS[1:]:
                for t in texts:
                    for m in pat.finditer(t):
                        co = _clean_company(m.group("co"), lists)
                        if co and co.startswith(named + " ") and len(co.split()) <= 4 \
                                and not _ROLE_AFTER.match(t, m.start("co") + len(co)):
                            return co  # (not "Globex Data" of "Globex Data Engineer")
            return named
    found: list[str] = []
    # "Jane at Acme", "Acme Recruiting", "Acme via Greenhouse"
    for name in names:
        m = re.search(r"\b(?:at|from|@)\s+(?P<co>.+)$", name)
        if m and (co := _clean_company(m.group("co"), lists)):
            found.append(co)
            continue
        m = re.match(r"(?P<co>.+?)\s+(?:via|through)\s+\S+", name, re.IGNORECASE)
        if m and (co := _clean_company(m.group("co"), lists)):
            found.append(co)
            continue
        stripped = R.COMPANY_SUFFIX_WORDS.sub("", name).strip()
        if (stripped != name.strip() or _is_service_name(msg.from_, lists)) and (co := _clean_company(stripped, lists)):
            found.append(co)
    for pat in R.COMPANY_PATTERNS[1:]:
        for t in texts:
            for m in pat.finditer(t):
                co = _clean_company(m.group("co"), lists)
                if co:
                    found.append(co)
    found = [co for co in found if _squash(co) not in AGENCIES and _squash(co.split()[0]) not in AGENCIES]
    if found:
        return found[0]
    # Not the domain made into a name: "ca.gov" is not "Ca", nor "uw.edu" "Uw", nor
    # "jpmorganchase.com" "Jpmorganchase". Unknown, a draft says "your team" (never invented).
    return None


def _is_service_name(addr: Address | None, lists: _Lists) -> bool:
    """The display name of a service sender is the company's ("Woodgrove Bank <x@myworkday.com>")."""
    return addr is not None and _is_service(addr, lists)


_ROLE_NOUN_RE = re.compile(rf"\b{R.ROLE_NOUN}s?\b", re.IGNORECASE)
_ROLE_END = re.compile(rf"\b{R.ROLE_NOUN}s?(?:\s+(?:[IVX]{{1,3}}|\d|[A-Z]\d))?(?:\s+\([^)]{{1,25}}\))?$", re.IGNORECASE)
_TITLE_OK = re.compile(r"^(?:[A-Z0-9][\w'’+#&./-]*|[a-z][A-Z][\w+#./-]*|of|and|&|for|the|in|to|\([^)]{1,25}\))$")
_NOT_TITLE = re.compile(r"\b(?:interview\w*|round|screen\w*|call|chat|with|your|you|we|our|invitation|confirmed|scheduled|meeting|update|re|fw|fwd)\b", re.IGNORECASE)
_SEGMENT_SPLIT = re.compile(r"\s+[-–—|/x@]\s+|:\s+|\s+<>\s+|\s+for\s+(?:the\s+)?|\s+at\s+|\s+with\s+|\s+on\s+(?=[A-Z\d])")
# "Director of Engineering", "Head of Data Platform": a role noun, "of", a department
_ROLE_OF = re.compile(
    rf"^(?:[A-Z][\w'’+#&./-]*\s+){{0,2}}{R.ROLE_NOUN}\s+of\s+(?:the\s+)?[A-Z][\w&/-]*(?:\s+(?:&|and|[A-Z][\w&/-]*)){{0,3}}$",
    re.IGNORECASE,
)


_INTERVIEWER_TITLE = re.compile(
    r"(?:the\s+)?(?:hiring\s+(?:manager|team|lead)|recruiting\s+(?:coordinator|team)|talent\s+(?:acquisition|partner)"
    r"|hr\s+(?:manager|partner)|team\s+lead)", re.IGNORECASE)


def _title(segment: str, company: str | None, named: bool = False) -> str | None:
    """`segment` as a job title ("Engineering Manager, Payments"), or None when it is not one.
    `named`: the mail calls it the opening ("the Sous Chef position"), so it needs no role noun."""
    seg = re.sub(r"\s+", " ", segment).strip(" .,;!\"'")
    seg = re.sub(r"^(?:R-?\d+|#?\d{3,}|JR\d+|REQ\S*)\s+", "", seg)  # requisition numbers
    seg = re.sub(r"\s+\((?:open|remote|hybrid|m/w/d|w/m/d|f/m/d|m/f/d|all genders|[^)]*\d[^)]*)\)", "", seg, flags=re.IGNORECASE)
    seg = re.sub(r"\s+(?:interview|screen|call|chat|conversation|round|role|position|opening|vacancy|application)s?$", "", seg, flags=re.IGNORECASE).strip()
    seg = re.sub(r"\s+search$", "", seg)  # "Assistant Professor search" (not "Head of Search")
    if company and seg.lower().endswith(", " + company.lower()):
        seg = seg[: -len(company) - 2]
    parts = [p.strip() for p in seg.split(",")]
    if not parts[0] or len(seg) > 70 or len(parts) > 3:
        return None
    if not _ROLE_END.search(parts[0]) and not _ROLE_OF.match(parts[0]) \
            and not (named and not _NOT_A_TITLE.fullmatch(parts[0])):
        return None
    for p in parts:
        words = p.split(" ")
        if len(words) > 7 or not all(_TITLE_OK.match(w) for w in words):
            return None
    if _NOT_TITLE.search(seg.replace("(", " ").replace(")", " ")):
        return None
    if _INTERVIEWER_TITLE.fullmatch(seg):
        return None  # "Hiring Manager Conversation": who the user meets, not the job applied for
    if company and parts[1:] and _squash(parts[-1]) == _squash(company):
        seg = ", ".join(parts[:-1])
    return seg


# What an opening is called that is not its title: "the Remote position", "a Full-Time role"
_NOT_A_TITLE = re.compile(
    r"(?:(?:remote|hybrid|on-?site|full-?time|part-?time|open|new|current|same|above|following|other"
    r"|contract|temporary|permanent|internal|posted|advertised|available|summer|seasonal|entry-level)\s*)+",
    re.IGNORECASE)
# After the title, the word that names it the opening ("the Barista position")
_OPENING_WORD = re.compile(r"\s+(?:position|role|opening|vacancy|job|post)\b", re.IGNORECASE)


def _titles_in(text: str, company: str | None, named: bool = False) -> Iterable[str]:
    for i, seg in enumerate(_SEGMENT_SPLIT.split(text)):
        seg = seg.strip()
        inner = re.fullmatch(r"(.*?)\s*\(([^)]*)\)\s*", seg)
        if inner and company and _squash(inner.group(2)) == _squash(company):
            seg = inner.group(1)  # "Staff Accountant (Coastal Dental Partners)": the client's name
        elif inner and _ROLE_NOUN_RE.search(inner.group(2)) and (t := _title(inner.group(2), company)):
            yield t
            seg = inner.group(1)
        # (only the first segment is what the opening's word names: "Barista at Globex")
        t = _title(seg, company, named and i == 0)
        if t:
            yield t


# A title that a plain-text mail wrapped at the line's end: the next line starts with the rest
# of it, up to its role noun ("the position of Junior\nAccountant on Monday" is no "Junior" job)
_WRAPPED_TITLE = re.compile(rf"[ \t]*\n[ \t]*((?:[A-Z][\w&-]*[ \t]+){{0,2}}(?=[A-Z])(?i:{R.ROLE_NOUN})s?)\b")


def _role(ctx: _Ctx, cal_text: str, company: str | None = None) -> str | None:
    """The role's title from explicit fields, phrases in the text, the subject or the calendar."""
    for t in (ctx.new, cal_text):
        m = R.ROLE_PATTERNS[0].search(t)
        if m:
            for title in _titles_in(m.group("role") or m.group("cell"), company):
                return title
    for i, pat in enumerate(R.ROLE_PATTERNS[1:], 1):
        for t in (ctx.subject, ctx.new, cal_text):
            for m in pat.finditer(t):
                # "the position of Barista", "the Sous Chef position": named as the opening
                named = i == 2 or bool(_OPENING_WORD.match(t, m.end("role")))
                role = m.group("role")
                if (wrapped := _WRAPPED_TITLE.match(t, m.end("role"))) is not None:
                    role = f"{role} {wrapped.group(1)}"  # "the position of Junior\nAccountant"
                for title in _titles_in(role, company, named):
                    return title
    subject = re.sub(r"^\s*(?:(?:re|fw|fwd|aw|wg)\s*:\s*)+", "", ctx.subject, flags=re.IGNORECASE)
    subject = re.sub(r"\s+@\s+\w{3}\s.*$", "", subject)  # Google Calendar's "@ Tue Dec 1 ..." tail
    for t in (subject, cal_text.split("\n", 1)[0]):
        for title in _titles_in(t, company):
            return title
    return None


# ---------------------------------------------------------------------------- interview details


def _message_zone(ctx: _Ctx) -> tzinfo | None:
    """A zone stated once for the whole message ("All times are Eastern")."""
    for m in _ALL_TIMES_ZONE.finditer(ctx.new):
        tz = zone((m.group("z") or m.group("dz")).strip())
        if tz is not None:
            return tz
    return None


def _thread_zone(ctx: _Ctx) -> tzinfo | None:
    """The zone the quoted thread states with its times ("2 and 5pm Pacific"), most recent first."""
    if not ctx.old:
        return None
    for m in _ALL_TIMES_ZONE.finditer(ctx.old[:4000]):
        if tz := zone((m.group("z") or m.group("dz")).strip()):
            return tz
    for tm in TIME_RE.finditer(ctx.old[:4000]):
        if tm.group("zone") and (tz := zone(tm.group("zone"))):
            return tz
    return None


# My mail about the offer they made: thanks for it, negotiating it
_OFFER_TALK = re.compile(
    r"\b(?:thank\s+you|thanks)\s+(?:so\s+much\s+|very\s+much\s+|again\s+)?for\s+(?:the|your)\s+(?:generous\s+|kind\s+"
    r"|formal\s+|verbal\s+|written\s+|job\s+)?offer\b|\b(?:base\s+)?salary\b|\bcounter[- ]?offer\b|\bsigning\s+bonus\b"
    r"|\b(?:the|your)\s+offer\s+(?:letter|package|details)\b", re.IGNORECASE)
# Weak interview words an invite needs no more context for ("Acme <> Alex - Technical Screen");
# the others name meetings of any job too ("Design review", "Weekly team call", "next round")
_CAL_WEAK_OK = re.compile(r"screen|interview|\b(?:first|second|third|final)[- ]round|on-?site|hiring[- ]manager"
                          r"|recruiter|panel|culture", re.IGNORECASE)
# A line of a quoted or forwarded mail's header: "On Mon, Nov 30, 2026 ... wrote:", "Sent: ..."
# (its time is when the mail was written; not "Date:", a confirmation's field too), matched
# at a line's start
_HEADER_LINE = re.compile(r"[ \t>*]*(?:sent|gesendet|envoyé)\s*:|[^\n]*\bwrote:", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"\s+(?:[A-Z][\w&-]*\s+){{0,2}}{R.ROLE_NOUN}s?\b", re.IGNORECASE)
_PUSHED_TIME = re.compile(r"\b(?:reschedul\w*|push|mov(?:e|ing)|postpone|bump|shift|cancel)\s+(?:our|your|my)\s+$",
                          re.IGNORECASE)
_SAME_DAY_REF = re.compile(r"\b(?:on\s+)?the\s+same\s+day\b|\(same\s+day\)", re.IGNORECASE)
# "moved the invite to Friday 12/4 at the same time", "Friday instead, same time?", "same time
# Thursday instead": a new day at the time the thread gave (not "interviewing others at the
# same time": a day is said right by it)
_SAME_TIME_REF = re.compile(r"\b(?:at\s+)?(?:the\s+)?same\s+time\b(?!\s+(?:as\s+|frame|slot\s+as))", re.IGNORECASE)
# "the invite below still says 2pm but we moved it to 3pm": the time it says is the stale one
_STALE_TIME = re.compile(r"\b(?:says|said|shows|showed|lists|listed|reads)\s+"
                         r"(\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)(?=\s+but\b)", re.IGNORECASE)


def _quoted_clock(ctx: _Ctx) -> str | None:
    """The clock time of the first moment the quoted thread names that is not past, written
    so find_datetimes reads it again ("1:30 PM America/New_York"), with its zone when it had one."""
    ref = ctx.msg.date
    if ref is None:
        return None
    for line in ctx.old[:3000].splitlines():
        if _HEADER_LINE.match(line):
            continue
        for f in find_datetimes(line, ref):
            if f.start > ref and _HAS_CLOCK.search(f.text):
                t, tz = f.start, f.start.tzinfo
                said = f"{t.hour % 12 or 12}:{t.minute:02d} {'PM' if t.hour >= 12 else 'AM'}"
                if f.explicit_zone:
                    off = t.strftime("%z")
                    said += f" {tz.key}" if isinstance(tz, ZoneInfo) else f" UTC{off[:3]}:{off[3:]}"
                return said
    return None


def _same_time_on_a_new_day(ctx: _Ctx, head: str) -> str:
    """`head` with "(at) the same time" said by a day ("Friday 12/4 at the same time", "same
    time Thursday") written as the time the quoted thread gives."""
    days = [(dm.start(), dm.end()) for dm in DATE_RE.finditer(head)]
    clock: str | None = None
    out, at = [], 0
    for m in _SAME_TIME_REF.finditer(head):
        if not any(0 <= m.start() - de <= 30 or 0 <= ds - m.end() <= 25 for ds, de in days):
            continue
        clock = clock or _quoted_clock(ctx)
        if clock is None:
            return head
        out += [head[at:m.start()], f"at {clock}"]
        at = m.end()
    return "".join(out) + head[at:] if out else head


def _quoted_day(ctx: _Ctx) -> str | None:
    """The first day the quoted thread names that is not past, as "2026-12-02" (not the day
    of its "On ... wrote:" line)."""
    ref = ctx.msg.date
    if ref is None:
        return None
    for line in ctx.old[:3000].splitlines():
        if not _HEADER_LINE.match(line):
            for day in find_days(line, ref.date()):
                if day >= ref.date():
                    return day.isoformat()
    return None


# What opens a line of opening hours, not of an appointment
_HOURS_LINE = re.compile(r"\b(?:office|business|opening|working|support|phone|desk)\s+hours\b|\bhours\s*:"
                         r"|\bmon(?:day)?\s*(?:-|–|to|thru|through)\s*fri(?:day)?\b|\bM-F\b|\bweekdays\b",
                         re.IGNORECASE)
# a clock time in a found moment's text ("2pm", "14:30", "at 10", "noon"), not only a day
_HAS_CLOCK = re.compile(r"\d[:.h]\d\d|\d(?-i:[ap])\b|\d\s*(?:a\.?\s?m\b|p\.?\s?m\b)|\b(?:at|um|@)\s*\d|\d\s*uhr\b"
                        r"|\b(?:noon|midday)\b", re.IGNORECASE)


def _pick_times(ctx: _Ctx, found: list[Found], text: str | None = None) -> tuple[datetime, datetime | None] | None:
    """The interview's start and end among the moments in `text` (the new part of the mail)."""
    ref = ctx.msg.date
    text = ctx.head if text is None else text
    candidates = []
    for f in found:
        before = ctx.head[max(0, f.pos - 60):f.pos]
        if R.PREVIOUS_TIME.search(before) or _PUSHED_TIME.search(text, max(0, f.pos - 30), f.pos):
            # "your previous time (Tuesday at 3pm)", "need to push our 3pm today": the old
            # slot of a reschedule
            continue
        if ref and f.start < ref + timedelta(minutes=30):
            continue  # an interview lies ahead; earlier times are history (forwarded headers)
        candidates.append(f)
    # "a board meeting that got moved onto Thursday afternoon. I've moved your interview to
    # Friday 11/20 at 2pm": a part of a day is vaguer than a clock time given with it
    clocked = [f for f in candidates if _HAS_CLOCK.search(f.text)]
    if clocked and len(clocked) < len(candidates):
        candidates = clocked
    if not candidates:
        return None
    arrive = _arrival(text, candidates[0])
    if arrive is not None:
        later = [f for f in candidates[1:] if f.start.date() == candidates[0].start.date()
                 and timedelta(0) < f.start - candidates[0].start <= timedelta(minutes=60)]
        if later:
            # "Please arrive at reception by 9:15 AM." over the first row, "9:30 - 10:00
            # Jonathan Whitfield": the interview starts with the row
            candidates = candidates[1:]
        elif arrive:
            # "please arrive 15 minutes early at 9:45": the interview is at 10:00
            first = candidates[0]
            shift = timedelta(minutes=arrive)
            candidates = [replace(first, start=first.start + shift, end=first.end and first.end + shift),
                          *candidates[1:]]
    first = candidates[0]
    start, end = first.start, first.end
    # a schedule of back-to-back slots on one day is one sitting: first start to last end; a
    # lunch or a break (its row says so) may last longer between them, and when the sitting
    # ends with one, it ends with the row before ("12:00 - 1:00 Lunch with graduate students",
    # then "2:00 - 3:00 Job talk": the visit goes on after lunch)
    interview_end = end
    pause = False
    for f in candidates[1:]:
        if f.start.date() != first.start.date() or f.start < start:
            continue
        last = end or start
        if f.start - last > timedelta(minutes=90 if pause else 30):
            break
        end = f.end or f.start
        pause = bool(_NOT_INTERVIEW_ROW.search(text, f.end_pos, _line_end(text, f.end_pos)))
        if not pause:
            interview_end = end
    return start, interview_end or end


# The time to be there by, not the interview's: "Please arrive at reception by 9:15 AM",
# "please arrive 15 minutes early at 9:45", "check in at the front desk at 8:50"
_ARRIVE_BY = re.compile(
    r"\b(?:arrive|arrival|arriving|check[\s-]?in|sign[\s-]?in|get\s+(?:here|there)|be\s+(?:here|there|on[\s-]?site))\b"
    r"(?P<early>\s+(?P<n>\d{1,2}|five|ten|fifteen|twenty|thirty)[\s-]*(?:minutes?|mins?)\s+(?:early|before(?:hand)?|prior))?"
    r"[^.!?\n\d]{0,40}?\b(?:at|by|around|no\s+later\s+than)\s*$",
    re.IGNORECASE)
_EARLY_WORDS = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30}


def _arrival(text: str, f: Found) -> int | None:
    """Whether `f` is a time to arrive by (`_ARRIVE_BY`): None if not, else the minutes early it
    says the arrival is (0 when it does not say)."""
    clock = next((c for c in TIME_RE.finditer(f.text) if _HAS_CLOCK.search(c.group(0))), None)
    if clock is None:
        return None
    lead = re.match(r"(?:at|@)\s*", clock.group(0), re.IGNORECASE)  # (a bare hour's match holds its "at")
    at = f.pos + clock.start() + (lead.end() if lead else 0)
    m = _ARRIVE_BY.search(text, max(0, at - 90), at)
    if m is None or re.search(r"\b(?:for|before|to)\s+(?:your|the|our)\b(?!\s+(?:office|building|lobby|reception|front"
                              r"|site|store|clinic|campus|location|address)\b)", m.group(0), re.IGNORECASE):
        # ("arrive 10 minutes before your 2 pm interview", "arrive 10 minutes early to the
        # interview at 10:00": the time is the interview's)
        return None
    n = (m.group("n") or "0").lower()
    return int(n) if n.isdigit() else _EARLY_WORDS[n]


# When the sitting ends, said apart from its start: "Should be done by 6", "we'll wrap up by
# 11:30", "you'll be finished around 4pm"
_DONE_BY = re.compile(
    r"\b(?:should|will|we['’]?ll|you['’]?ll|expect\s+to|plan\s+to|ought\s+to)\s+(?:be\s+)?"
    r"(?:done|finish(?:ed)?|wrap(?:ped)?\s+(?:up|things\s+up)|over|through|out)\s+(?:by|around|at|before|no\s+later\s+than)\s+"
    r"(?:(?P<noon>noon|midday)|(?P<h>\d{1,2})(?::?(?P<m>[0-5]\d))?\s*(?P<ap>[ap]\.?\s?m\b\.?)?)(?![\d:/-])",
    re.IGNORECASE)


# Who is done by then must be the sitting or its people ("Should be done by 6.", "We'll wrap up
# by 4", "The interview should be done by 3pm"), not the user's paperwork ("Your background
# check forms should be done by 5pm Friday", review 22e)
_DONE_WHO = re.compile(
    r"(?:^|[.!?;:,\n(-])\s*(?:(?:and|so|but|hopefully|then)\s+)?(?:(?:we|you|it|this|that|things|everything|all|i\s+think\s+(?:we|you|it))\s+"
    r"|(?:the|your|our)\s+(?:[\w-]+\s+){0,2}(?:interview|stage|trial|shift|visit|day|session|meeting|panel|round|sitting|thing|process)s?\s+)?$",
    re.IGNORECASE)


def _said_end(text: str, start: datetime) -> datetime | None:
    """The end `_DONE_BY` says, the first such clock time within 10 hours after `start`."""
    m = next((d for d in _DONE_BY.finditer(text)
              if _DONE_WHO.search(text, max(0, d.start() - 60), d.start())), None)
    if m is None:
        return None
    if m.group("noon"):
        hours = [12]
    else:
        h = int(m.group("h"))
        ap = (m.group("ap") or "").lower()[:1]
        hours = [h % 12 + (12 if ap == "p" else 0)] if ap else [h] if h > 12 else [h, h + 12]
    minute = int(m.group("m") or 0)
    for hour in hours:
        if hour > 23:
            continue
        end = start.replace(hour=hour, minute=minute)
        if start < end <= start + timedelta(hours=10):
            return end
    return None


def _time_on_subject_day(ctx: _Ctx, text: str, tz: tzinfo) -> list[Found]:
    """The one clock time of `text` on the one day the subject names, when the text names no
    day: "Interview - Mon 12/7 - Phlebotomist" over "Confirming 11:15am at the front desk"."""
    msg = ctx.msg
    if msg.date is None or not _HAS_CLOCK.search(text):
        return []
    days = {d for d in find_days(ctx.subject, msg.date.date(), day_first=_day_first(ctx)) if d >= msg.date.date()}
    body = len(ctx.subject) if text.startswith(ctx.subject) else 0  # (the head starts with the subject)
    clocks = [c for c in TIME_RE.finditer(text, body) if _HAS_CLOCK.search(c.group(0))]
    if len(days) != 1 or len(clocks) != 1 or find_days(text[body:], msg.date.date()):
        return []
    on, clock = days.pop(), clocks[0]
    if on <= msg.date.date() and _REPLY_SUBJECT.match(ctx.subject):
        # a reply's subject names the thread's interview: on its day, "Thanks for coming in! I'll
        # call you at 4pm with feedback" is no sitting at 4pm (review 22e)
        return []
    said = f"{on:%A}, {on:%B} {on.day}, {on.year} at "
    return [replace(f, pos=clock.start(), end_pos=clock.end(), text=clock.group(0))
            for f in find_datetimes(said + clock.group(0), _written_at(ctx) or msg.date, tz,
                                    user_tz=ctx.lists.default_tz)]


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _interview_type(text: str, n_interviewers: int, ctx: _Ctx) -> InterviewType | None:
    found: set[InterviewType] = set()
    if R.FINAL.search(text):
        found.add(InterviewType.FINAL)
    if R.PANEL.search(text) or n_interviewers >= 3:
        found.add(InterviewType.PANEL)
    if R.IN_PERSON.search(text):
        found.add(InterviewType.IN_PERSON)
    if R.VIDEO.search(text):
        found.add(InterviewType.VIDEO)
    if R.PHONE.search(text):
        found.add(InterviewType.PHONE)
    # "phone" in a video invite's dial-in section is not a phone interview
    if InterviewType.VIDEO in found and InterviewType.PHONE in found and not re.search(
        r"\bphone\s+(?:interview|screen\w*|call|conversation|chat)\b|\bwill\s+call\s+you\b", text, re.IGNORECASE
    ):
        found.discard(InterviewType.PHONE)
    for t in INTERVIEW_TYPE_PRECEDENCE:
        if t in found:
            ctx.add("type", t.value, 0.0)
            return t
    return None


# A person's name: two to four capitalised words on one line ("Dev Patel", "Ruud van Dijk",
# "Hans Müller", "Émilie Dubois"): any letters after a capital, Latin capitals beyond ASCII too.
_CAP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŐŒŘŚŞŠŢŤŰŹŻŽ"
_WORD = rf"[{_CAP}](?:[^\W\d_]|['’-])+"
# A mark `_names_in` puts where an address in brackets followed a one-word name whose address
# it spells ("Priya (priya@acme.com)"): the address makes the word a person's name.
_ADDRESS_MARK = "\u2060"
_NAME = (rf"(?:{_WORD}(?:[ \t]+(?:[{_CAP}]\.|van|de|von|der|da|del|le|la|{_WORD})){{1,3}}"
         # "J. R. Smith", "J.R. Smith": initials before the surname
         rf"|(?<![\w.’'-])(?:[{_CAP}]\.[ \t]?){{1,3}}[ \t]?{_WORD}(?:[ \t]+{_WORD})?"
         rf"|{_WORD}(?={_ADDRESS_MARK}))"
         r"(?![\w'’-])")
_HONORIFIC = re.compile(r"\b(?:Dr|Prof|Mr|Mrs|Ms|Mx|Herr|Frau)\.?[ \t]+(?=[A-Z])")
# Words that are never part of an interviewer's name (zone, day, month, tool, room).
_NOT_A_NAME = re.compile(
    r"\b(?:Zoom|Teams|Google|Meet|Lunch|Break|Team|Panel|Interview|Round|Address|Location|Parking|Time|Eastern|Pacific"
    r"|Central|Mountain|Standard|Daylight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February"
    r"|March|April|June|July|August|September|October|November|December|Office|Room|Floor|Street|Role|Date"
    r"|Meeting|Passcode|Password|Dial|Conference|Webinar|Phone|Join"
    # a schedule row's session ("3:00 pm - 3:45 pm | Technical Deep Dive | Olu Adeyemi")
    r"|Technical|Behavioral|Behavioural|Coding|Deep\s+Dive|Exercise|Overview|Introduction|Presentation"
    r"|Session|Debrief|Whiteboard|Walkthrough|Assessment|Wrap-up"
    # a product interview loop's sessions ("1:00 PM - 1:45 PM   Product Sense   Lisa Ng, Group PM")
    r"|Product\s+Sense|Execution|Leadership|Strategy|Values|Culture|Case\s+Study|System\s+Design|Hiring\s+Manager)\b"
    r"|^(?:AM|PM|EST|EDT|CST|CDT|PST|PDT|GMT|UTC|CET|BST|IST|ET|PT|CT)\b"  # "1:30 PM Analytics case"
)
_INTERVIEWER_FIELD = re.compile(
    r"^\s*(?:interviewers?(?:\(s\))?|interviewing\s+with|meeting\s+with|who|event\s+host|host|panel(?:ists)?|you(?:'ll|\s+will)\s+(?:be\s+)?(?:meet(?:ing)?|speak(?:ing)?)(?:\s+with)?|with|host)\s*[:|](?:[ \t]*\|)?\s*(?P<names>[^\n|]+?)[\s|]*$"
    # "The committee members joining are ...", "Gesprächspartner sind Herr Jonas Becker und ich"
    r"|\b(?:interviewers?|panel|committee|(?:panel|committee)\s+members(?:\s+joining)?|gesprächspartner(?:in(?:nen)?)?)"
    r"\s+(?:will\s+be|is|are|sind|ist|(?:will\s+)?(?:consists?|be\s+made\s+up)\s+of"
    r"|(?:will\s+)?includes?)\s+(?P<names2>[^\n.;]+)"
    # "Your interview panel: Jane Doe, Bob Roe", "Joining from our side: Jane and Bob"
    r"|\b(?:interview\s+panel|panel|interviewers?|joining(?:\s+(?:from\s+our\s+side|us|the\s+call))?)\s*:\s*(?P<names3>[^\n.;]+)"
    # "same Teams link, same interviewers (Karen Li and me)"
    r"|\binterviewers?\s*\((?P<names4>[^()\n]{3,80})\)",
    re.M | re.IGNORECASE,
)
# A table's interviewer cell over several lines, up to the cell's end ("|")
_FIELD_CELL = re.compile(r"^[ \t]*(?i:interviewers?(?:\(s\))?|panel(?:ists)?)[ \t]*\|[ \t]*(?P<cell>[^|\n]+(?:\n[^|\n]+)+?)[ \t]*\|", re.M)
_SLOT_LINE = re.compile(
    rf"^\s*\d{{1,2}}(?::\d{{2}})\s*(?:[ap]\.?m\.?)?\s*(?:(?:-|–|to)\s*\d{{1,2}}(?::\d{{2}})?\s*(?:[ap]\.?m\.?)?)?\s*[:|\-–]?\s*(?:with\s+)?(?P<name>(?-i:{_NAME}))",
    re.M | re.IGNORECASE,
)
# "9:30 - 10:30 Leadership & Strategy - Eleanor Vance (CEO)": names with a title in a schedule row
_ROW = re.compile(r"^[ \t]*\d{1,2}(?:[:.]\d{2})?[ \t]*(?:[ap]\.?m\.?)?[ \t]*(?:-|–|to)[^\n]*$", re.M | re.IGNORECASE)
_NOT_INTERVIEW_ROW = re.compile(r"\b(?:lunch|break|coffee|tour|not\s+evaluated|optional|wrap[- ]up|welcome)\b", re.IGNORECASE)
_NAME_ENDS_ROW = re.compile(rf"\S(?:[ \t]+(?:-|–|—|\||with(?:[ \t]+(?:the|our|their)[ \t]+[^,\n]{{2,40}},)?)[ \t]+|[ \t]{{3,}})"
                            rf"(?P<name>{_NAME})[ \t]*\|?[ \t]*$")
_NAMES_END_ROW = re.compile(rf"[ \t]+(?:-|–|—|\||with)[ \t]+(?P<names>{_NAME}(?:[ \t]*(?:,|and|&)[ \t]*{_NAME})+)"
                            r"[ \t]*\|?[ \t]*$")
_NAME_AT_END = re.compile(rf"(?<=[a-z0-9]\s)(?P<name>{_NAME})[ \t]*\|?[ \t]*$")
_NAME_TITLED = re.compile(rf"(?P<name>{_NAME})[ \t]*\(")
_MEET_WITH = re.compile(
    rf"\b(?i:meet(?:ing)?|speak(?:ing)?|talk(?:ing)?|chat(?:ting)?|interview(?:ing)?|call|conversation|session"
    rf"|on-?site|visit|rencontrerez|rencontrer"  # French: "Vous rencontrerez Antoine Dubois (CTO) et moi-même"
    # "The interview will take place via MS Teams with Dr. Felix Wagner ... and myself"
    rf"|take\s+place(?:\s+(?:via|on|over|in|at)\s+[^\n.;]{{2,30}}?)?"
    # "a review session where you'll walk Ian Doyle and Priyanka Bose through your approach"
    rf"|walk"
    # "your interview for the Senior ML Engineer role with Kenji Watanabe"
    rf"|interview\s+for\s+(?:the|our|a|an|this)\s+[^\n.;]{{2,60}}?\s+(?:role|position|opening|job|post)"
    # "will be conducted by Jane Doe", "you will be interviewed by ..."
    rf"|(?:conducted|interviewed|led|hosted|run)\s+by)\s+(?:with\s+)?(?:(?:me|myself)\s+and\s+)?"
    # "with our CEO Miles Dyson", "meet our Engineering Manager Lisa Simpson": the title before
    # the name without a comma goes with the name (_split_names takes it off)
    rf"(?P<pre>(?:our|my|the|their)\s+[\w ]{{2,40}}?,\s+|(?:our|my|their)\s+(?=(?:[A-Z][\w-]*\s+){{1,3}}[{_CAP}][a-z]))?(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*(?:our\s+\w+\s+)?{_NAME}){{0,5}})"
)
# "Your interviewers:" over one person a line ("Jane Doe - Controller - jane@acme.com")
_HEADED_LIST = re.compile(
    rf"^[ \t]*(?i:(?:the\s+|your\s+)?(?:interviewers?(?:\(s\))?|(?:(?:interview|search|hiring|selection)\s+)?(?:panel|committee)(?:ists|\s+members)?"
    # "The committee members joining are:", "Your interviewers will be:"
    rf"(?:\s+joining(?:\s+(?:us|you))?)?(?:\s+(?:are|will\s+be))?"
    rf"|you(?:'ll|\s+will)\s+(?:be\s+)?meet(?:ing)?(?:\s+with)?))"
    rf"[ \t]*:[ \t]*\n(?P<lines>(?:[ \t]*(?:[-*•][ \t]*)?{_NAME}[^\n]*(?:\n|$)){{2,8}})", re.M)
# Words of a title said before a name: "our Controller Jane Doe", "CFO Carol Poe"
_TITLE_WORD = re.compile(
    rf"^(?:{R.ROLE_NOUN}s?|controller|head|chief|founder|co-founder|president|partner|officer|principal|lead"
    r"|dean|provost|chancellor|superintendent|judge"
    r"|(?-i:[A-Z]{2,4}))$", re.IGNORECASE)


_LIST_END = re.compile(r"(?<!\b[A-Z])\.(?:\s|$)|\n|[!?]")
_THEIR_ROLE = re.compile(r"^(?:our|my|the|their)\s+(?:[\w-]+\s+){1,3}?(?=[A-Z][a-z])")


def _split_names(s: str) -> list[str]:
    """Names in "Jane Doe, Engineering Manager; John Roe" or "Jane Doe, John Roe and Ann Lee"
    (or "our Controller Jane Doe, Accounting Manager Bob Roe and CFO Carol Poe")."""
    s = re.sub(r"\([^)]*\)", "", s)
    chunks = re.split(r"\s*(?:;|\band\b|&|/|\|)\s*", s)
    titled = any(_title_only(p) for c in chunks for p in c.split(",")[1:])
    out = []
    for chunk in chunks:
        parts = [chunk.split(",")[0]] if titled else chunk.split(",")
        for part in parts:
            part = _THEIR_ROLE.sub("", part.strip(" ."))  # "and our CTO Bob Roe"
            m = re.match(_NAME, part)
            if not m:
                continue
            name = _untitled(m.group(0))
            if not _ROLE_NOUN_RE.search(name) and (len(name.split()) >= 2 or part[m.end():m.end() + 1] == _ADDRESS_MARK):
                out.append(name)
    return out


def _title_only(part: str) -> bool:
    """ "Engineering Manager" after a name's comma, not "Accounting Manager Bob Roe"."""
    words = part.strip(" .").split()
    return bool(_ROLE_NOUN_RE.search(part)) and (
        len(words) < 2 or any(_TITLE_WORD.match(w) for w in words[-2:]))


def _untitled(name: str) -> str:
    """ "Accounting Manager Bob Roe" -> "Bob Roe", "CFO Carol Poe" -> "Carol Poe": the words up
    to the last title word go (two words at least stay)."""
    words = name.split()
    cut = max((i + 1 for i, w in enumerate(words[:-2]) if _TITLE_WORD.match(w)), default=0)
    return " ".join(words[cut:])


def _name_matches_email(name: str, email: str) -> bool:
    """'Rebecca Laszlo' ~ rlaszlo@..., 'Hank Scorpio' ~ hank@..., 'Tomás Álvarez' ~ tomas@..."""
    local = _squash(email.partition("@")[0])
    words = [w for w in (_squash(x) for x in name.split()) if w]
    if not words or not local:
        return False
    first, last = words[0], words[-1]
    alt_first = _squash(name.split()[0].lower().replace("é", "e").replace("á", "a"))
    return local in (first, alt_first, first + last, last + first, first[0] + last, last, first + last[0]) or (
        len(words) > 2 and local == first + "".join(words[1:])
    ) or local == first[0] + "".join(words[1:]) or local.startswith(first + last) or (
        len(last) >= 4 and local == first[0] + last[: len(local) - 1]
    )


def _interviewers(ctx: _Ctx, cal: CalendarEvent | None) -> tuple[Address, ...]:
    """Who holds the interview: calendar attendees and names in the text, with addresses."""
    lists, msg = ctx.lists, ctx.msg
    pool: list[Address] = [a for a in (*msg.to, *msg.cc, *msg.reply_to, *([msg.from_] if msg.from_ else []))]
    if cal is not None:
        pool += list(cal.attendees) + ([cal.organizer] if cal.organizer else [])
    for m in _EMAIL_RE.finditer(ctx.new):
        pool.append(Address("", m.group(0).lower().rstrip(".")))
    pool = [a for a in pool if a.email and a.email not in lists.me and not _is_service(a, lists)]
    people: list[Address] = []

    def resolve(name: str) -> Address:
        low = name.lower()
        for a in pool:
            if a.name and a.name.lower() == low:
                return Address(name, a.email)
        # "Pieter Jansen (Tech Lead, pieter.jansen@x.nl)", "- Hank Scorpio (VP) - hank@globex.com"
        m = re.search(re.escape(name) + r"[^\n@]{0,60}?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)", ctx.new)
        if m:
            return Address(name, m.group(1).lower())
        for a in pool:
            if a.name and a.name.split()[0].lower() == low.split()[0] and a.name.split()[-1].lower() == low.split()[-1]:
                return Address(name, a.email)
        for a in pool:
            if _name_matches_email(name, a.email):
                return Address(name, a.email)
        return Address(name, "")

    def add(a: Address) -> None:
        if a.email and (a.email in lists.me or _is_service(a, lists)):
            return
        for i, p in enumerate(people):
            if (p.email and p.email == a.email) or (p.name and a.name and _HONORIFIC.sub(
                    "", p.name).lower() == _HONORIFIC.sub("", a.name).lower()):
                if not p.email and a.email:
                    people[i] = Address(p.name or a.name, a.email)
                return
        if a.email or a.name:
            people.append(a)

    host: Address | None = None
    if cal is not None:
        organizer = cal.organizer
        optional = {n.lower() for n in re.findall(rf"({_NAME})\s*[-(]\s*optional", ctx.new)}
        others = [a for a in cal.attendees if a.email not in lists.me and not _is_service(a, lists)]
        named = {n.lower() for n in _names_in(_HONORIFIC.sub("", ctx.new), [], guest_lists=False)}
        if organizer and named and (organizer.name or "").lower() not in named \
                and any(a.email != organizer.email for a in others):
            # the text lists who interviews and the organiser is not among them: they schedule it
            # ("10:00 Priscilla Hong ... Who: Jonah Feld - organizer"); "with me and ..." adds them back
            others = [a for a in others if a.email != organizer.email]
        for a in others:
            if a.name.lower() in optional:
                continue
            add(a)
        if organizer and not _is_service(organizer, lists) and organizer.email not in lists.me and not people:
            host = organizer  # a scheduler's host ("Event Host: Maya Chen") holds the interview,
            # unless the text names who does ("You'll meet Carla, Owen and Hugh" under an
            # invite from "Pinecrest Recruiting"): added after the names, if none is found
    company = _squash(_company_from_domain(msg.from_.domain)) if msg.from_ and msg.from_.domain else ""
    text = _HONORIFIC.sub("", ctx.new)
    names = _names_in(text, people)
    with_me = ctx.new
    if not names and not people and _in_thread(ctx) and ctx.old:
        # "we've moved your interview to Friday": the interviewers are named in the quoted mail
        quoted = _QUOTE_MARK.sub("", ctx.old[:3000])
        names = _names_in(_HONORIFIC.sub("", quoted), people)
        if names and msg.from_ and msg.from_.email in quoted[:600].lower():
            with_me = quoted  # the sender's own earlier "with me and Leah Summers"
    # the user's own name, as their mail client shows it ("Interview Alex Wong - Data Lead")
    mine = {_HONORIFIC.sub("", a.name).strip().lower() for a in (*msg.to, *msg.cc)
            if a.name and a.email in lists.me}
    # the organisations whose addresses or links the mail gives ("kwame@acmefoods.com")
    orgs = {_squash(registrable(a.domain).split(".")[0]) for a in pool if a.domain} | {company} if names else set()
    for n in names:
        if (orgs & {_squash(n), _squash(n.split()[0])} and not any(_name_matches_email(n, a.email) for a in pool)) \
                or _ORG_WORD.search(n):
            continue  # "your interview with Globex Corporation": the company, not a person
        if (_TITLE_ONLY.fullmatch(n.split()[-1]) or _DEPARTMENT.search(n)) \
                and not any(_name_matches_email(n, a.email) for a in pool):
            # "10:45 - 11:30  Tomasz Kowalczyk, Senior Data Engineer": a title read as a
            # name, thanked through the recruiter as an interviewer with no address; so is a
            # department ("meet with Jane Doe (jane@...) and Human Resources"): the recruiter
            # was asked to "pass my thanks on to Human Resources"
            continue
        if n.strip().lower() in mine:
            continue
        a = resolve(n)
        # (the name may be wrapped between its words: "Dr. José\nÁlvarez-Núñez")
        spaced = r"\s+".join(map(re.escape, n.split()))
        title = re.search(rf"\b(Dr|Prof)\.?[ \t]+{spaced}\b", with_me)
        if title and a.name == n:  # "Dr. Sofia Müller": greeted "Dear Dr. Müller," (compose.py)
            a = Address(f"{title.group(1)}. {n}", a.email)
        add(a)
    if not people and (first := _SUBJECT_WITH.search(ctx.subject)) is not None:
        # "Ketchworks - interview with Priya" over "Priya Natarajan is based in London, so ...":
        # the subject's first name is the one the text gives in full
        full = re.search(rf"\b{re.escape(first.group(1))}[ \t]+(?:[{_CAP}]\.[ \t]+)?{_WORD}\b", text)
        if full and not _NOT_A_NAME.search(full.group(0)) and full.group(0).strip().lower() not in mine:
            add(resolve(full.group(0)))
    sender = ctx.forwarded_from or msg.from_
    if sender and not _is_service(sender, lists) and _WITH_ME.search(with_me):
        add(_signed(ctx, sender))  # "with Pieter Jansen and myself", "You'll meet Joaquin and me"
    if host is not None and not people:
        add(host)
    if not people:
        # "You'll meet jr (jr@acme.com), Mo (mo@acme.com) ...": people listed by address whose
        # names did not parse are still the interviewers, never the coordinator who wrote it
        listed = [m for m in _ADDRESS_IN_BRACKETS.finditer(ctx.new)
                  if "(" in m.group(0) and not (sender and m.group("email").lower() == sender.email)
                  and not _MAIL_HEADER.match(ctx.new, ctx.new.rfind("\n", 0, m.start()) + 1)]
        if len(listed) >= 2:
            for m in listed:
                word = _NAME_BEFORE.search(ctx.new, max(0, m.start() - 60), m.start())
                add(Address(word.group(0) if word else "", m.group("email").lower()))
    if sender is not None:
        # the sender found by her mailbox's name ("Initrode Careers" <careers@...>, named in
        # its own signature) under the name she signed with, as a check-in greets her
        people = [_signed(ctx, p) if p.email and p.email == sender.email else p for p in people]
    return tuple(people)


def _signed(ctx: _Ctx, addr: Address) -> Address:
    """The sender under the name they signed with, when their display name names nobody
    ("careers@stark.com" signed "Marguerite Chen"): the thank-you greets them as a check-in does."""
    name = signer(ctx.msg.text, addr) if not addr.name or _SHARED_NAME.search(addr.name) else None
    return Address(name, addr.email) if name else addr


def _people_only(people: tuple[Address, ...], company: str | None) -> tuple[Address, ...]:
    """Without the company named as if a person ("Globo Gym would like to interview you")."""
    if not company:
        return people
    return tuple(a for a in people if a.email or _squash(a.name) != _squash(company))


def _without_session(name: str) -> str:
    """A schedule row's name without the session before it: "Leadership Kim Doyle" -> "Kim
    Doyle", "Product Sense Lisa Ng" -> "Lisa Ng" (two words at least stay)."""
    words = name.split()
    while len(words) > 2 and _NOT_A_NAME.search(words[0]):
        words.pop(0)
    if len(words) > 2 and _NOT_A_NAME.search(" ".join(words[:2])):
        del words[:2]  # a session of two words
    return " ".join(words)


def _names_in(text: str, people: list[Address], *, guest_lists: bool = True) -> list[str]:
    """Interviewers' names the text gives: fields, schedule rows, lists, "meet with ...", "... will call you".

    Without `guest_lists`, bulleted lists (a calendar's rendered "Who:" list) do not count.
    """
    # "The panel: Victor Hale (victor.hale@x.com), Nina Kowalski <nina@x.com> and ...": the
    # address's dots would end the list at its first name (`resolve` finds them in the mail)
    text = _ADDRESS_IN_BRACKETS.sub(_addressed, text)
    if "w/" in text:
        text = _W_SLASH.sub("with ", text)  # "booked ... w/ Hannah Greer", "w/ me + our COO Sam Patel"
    names: list[str] = []
    for m in _INTERVIEWER_FIELD.finditer(text):
        names += _split_names(m.group("names") or m.group("names2") or m.group("names3")
                              or m.group("names4"))
    for m in _FIELD_CELL.finditer(text):
        # "Interviewers | Hannah Osei · Staff Software Engineer\nLuis Romero · Engineering Manager |"
        names += [n.group(0) for line in m.group("cell").splitlines()[1:] if (n := re.match(_NAME, line.strip()))]
    for m in _SLOT_LINE.finditer(text):
        names.append(_without_session(m.group("name")))
    for row in _ROW.finditer(text):
        if not _NOT_INTERVIEW_ROW.search(row.group(0)):
            titled = [m.group("name") for m in _NAME_TITLED.finditer(row.group(0))]
            if not titled and (several := _NAMES_END_ROW.search(row.group(0))):
                # "11:00 - 11:45 AM Case Presentation - Owen Bradley, Mei Tanaka, Rachel Adams"
                titled = _split_names(several.group("names"))
            # "9:30 - 10:15   System design - Raj Patel": the name that ends the row
            last = _NAME_ENDS_ROW.search(row.group(0)) if not titled else None
            # "09:30 - 10:15   Coding        Ana Ruiz" (its blanks collapsed): the name that
            # ends the row, its session's word ("Coding") left off
            end = _NAME_AT_END.search(row.group(0)) if not titled and not last else None
            if end is not None and re.search(r"\b(?:of|for|and|&)\s+$", row.group(0)[:end.start()]):
                end = None  # "Dr. Lauren Pike, Director of Computational Biology": a title's end
            if end is not None:
                name = _without_session(end.group("name"))
                if not _NOT_A_NAME.search(name):
                    names.append(name)
            names += titled + ([last.group("name")] if last else [])
    for m in _LIST_LINE.finditer(text) if guest_lists else ():
        names.append(m.group("name"))
    for m in _HEADED_LIST.finditer(text) if guest_lists else ():
        for line in m.group("lines").splitlines():
            first = re.match(rf"[ \t]*(?:[-*•][ \t]*)?(?P<name>{_NAME})", line)
            if first and first.group("name") not in names:
                names.append(first.group("name"))
    names = [n for n in names if not _NOT_A_NAME.search(n)]
    if not names and not people:
        # "You'll meet Richard Hendricks (richard@...) and Bertram Gilfoyle (...)": the brackets
        # would end the list; the addresses are found again by name in the mail
        # "... with Fiona\nHale (Head of Quant Research)": a long line wrapped in a sentence,
        # measured as written ("... (Teams link below). You will meet José\nÁlvarez-Núñez" is
        # no long line with its brackets out) and again without them ("(Senior Data
        # Scientist)\nand Wei Zhang" needs them out)
        text = _WRAPPED.sub(" ", _BRACKETED.sub("", _WRAPPED.sub(" ", text)))
        for m in _MEET_WITH.finditer(text):
            # the list to the sentence's end: "Jane Doe, Controller; Bob Roe, Accounting
            # Manager; and Carol Poe, CFO" (titles between the names end the regex's list)
            end = _LIST_END.search(text, m.start("names"))
            tail = text[m.start("names"):end.start() if end else m.start("names") + 300]
            names += _split_names((m.group("pre") or "") + tail)
        for m in _BOOKED_WITH.finditer(text):
            end = _LIST_END.search(text, m.start("names"))
            names += _split_names(text[m.start("names"):end.start() if end else m.end("names")])
        for m in _NAME_WILL.finditer(text):
            names.append(m.group("name") or m.group("n2"))
        for m in _WITH_ME_AND.finditer(text):
            names += _split_names(m.group("names"))
    # "Meeting with Dean Patricia Olsen": the title before a name goes
    return [_untitled(n) for n in names if not _NOT_A_NAME.search(n)]


_ADDRESS_IN_BRACKETS = re.compile(r"[ \t]*[<(][ \t]*(?:mailto:)?(?P<email>[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)[ \t]*[>)]")
_MAIL_HEADER = re.compile(r"[ \t>*]*(?:from|to|cc|sent|von|an|de|à)\s*:", re.IGNORECASE)  # a quoted mail's
_NAME_BEFORE = re.compile(rf"(?<![\w'’.-])(?:{_NAME}|{_WORD})(?=[ \t]*$)")
_LAST_WORD = re.compile(rf"(?<![\w'’.-])(?:[{_CAP}]\.[ \t]?)*({_WORD})$")


def _addressed(m: re.Match[str]) -> str:
    """An address in brackets, taken out of the text; after one word that its address spells
    ("Priya (priya@acme.com)") it leaves `_ADDRESS_MARK`: that word is a person's name."""
    word = _LAST_WORD.search(m.string, max(0, m.start() - 40), m.start())
    return _ADDRESS_MARK if word and _name_matches_email(word.group(1), m.group("email")) else ""
# The role nouns that end a title and no one's name (not "Head", "Fellow", "Partner",
# "Clerk": surnames too)
_TITLE_ONLY = re.compile(
    r"(?i:engineer|developer|programmer|architect|scientist|analyst|designer|manager|director|lead"
    r"|officer|specialist|consultant|coordinator|recruiter|strategist|executive|representative"
    r"|president|vp|cto|ceo|cfo|coo|sre|technician|administrator|generalist|intern)s?")
# The words of a mailbox several people answer ("Acme Careers", "Talent Team"); _SHARED_NAME
# adds "jobs", which as a person's name is a surname (Steve Jobs)
_SHARED_WORDS = r"careers?|recruit\w*|talent|team|hr|hiring|people|staffing"
# A department, no person: "Human Resources", "Talent Acquisition", "Customer Success" (the
# words of a shared mailbox's name too, but "Jobs": Steve Jobs is one)
_DEPARTMENT = re.compile(r"\b(?:Resources|Acquisition|Success|Operations|Relations|Support|Services"
                         rf"|Department|Division|{_SHARED_WORDS})\b", re.IGNORECASE)
_ORG_WORD = re.compile(
    r"\b(?:Inc|Corp|Corporation|Ltd|LLC|LLP|GmbH|AG|Labs?|Group|Technologies|Systems|Solutions|Partners"
    r"|Company|Holdings|Ventures|Capital|Studios?|Software|Consulting|University|College|Institute)\b")
# "booked for Tuesday the 17th at 1:30pm Pacific with Tom Becker and Lena Ortiz"
_BOOKED_WITH = re.compile(
    rf"(?:\b(?:(?i:booked|scheduled|confirmed|set\s+up|all\s+set|arranged|locking\s+(?:this|it)\s+in|locked\s+in)(?:\s*:|\s+(?i:for|on|via))"
    # "rescheduled to Friday, November 20 at 1:00 PM ET, same location, with Daniel Kim and ..."
    rf"|(?i:rescheduled|moved)\s+(?i:to)"
    rf"|(?i:confirm(?:s|ing)?\s+your|confirming))\s+[^.\n]{{3,80}}?\s+with\s+"
    # "I've booked you with Tom Adeyemi tomorrow at 11am"
    rf"|\b(?i:booked|scheduled|set)\s+you\s+(?:up\s+)?with\s+)"
    # "... with our CTO, Hank Scorpio, and Engineering Manager Lisa Simpson"
    rf"(?P<pre>(?:our|my|the|their)\s+[\w ]{{2,40}}?,\s+)?(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*(?:our\s+\w+\s+)?{_NAME}){{0,5}})")
# A line wrapped before the list's last name ("... Lena Ortiz (Senior Data Scientist)\nand Wei
# Zhang (Product Manager)."): a line that starts with "and" and a name goes on the one before,
# whatever its length once the brackets are out
# (accented letters too: "You will meet Dr. José\nÁlvarez-Núñez, our Head of Research")
_LOW = "a-zß-öø-ÿ"
_WRAPPED = re.compile(rf"(?<=[^\n]{{60}}[{_LOW},])\n(?=[{_CAP}][{_LOW}])"
                      rf"|(?<=[{_LOW},])\n(?=(?:and|&)[ \t]+[{_CAP}][{_LOW}])")
_W_SLASH = re.compile(r"\bw/[ \t]*")
_BRACKETED = re.compile(r"[ \t]*\([^()\n]{0,80}\)")
_WITH_ME_AND = re.compile(rf"\bwith\s+(?:me|myself)\s+(?:and|&|\+)\s+(?P<names>(?:(?:our|my|the)\s+(?:[\w-]+\s+){{1,3}}?)?"
                          rf"{_NAME}(?:\s*(?:,|and|&)\s*{_NAME}){{0,4}})")
_NAME_WILL = re.compile(
    # "Jane Doe, our Engineering Manager, will lead the interview", "... will be interviewing you"
    rf"(?P<name>{_NAME})(?:,[ \t]+(?:our|the|my)[ \t]+[^,\n]{{2,40}},|,)?\s+(?:will|is\s+going\s+to|'ll"
    r"|would\s+like\s+to|'d\s+like\s+to|wants\s+to|(?:is|would\s+be)\s+(?:keen|excited|happy|delighted)\s+to)\s+(?:be\s+)?"
    r"(?:call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|meet(?:ing)?|interview(?:ing)?|speak(?:ing)?\s+with|host(?:ing)?"
    r"|lead(?:ing)?|run(?:ning)?|conduct(?:ing)?|join(?:ing)?)\s+(?:you|the|me)\b"
    rf"|^\s*with\s+(?P<n2>{_NAME})", re.M
)
_WITH_ME = re.compile(r"\bmeet\s+(?:with\s+)?(?:me|myself)\b|\bjoin(?:ing)?\s+me\b|\bw/\s*(?:me|myself)\b|\bund\s+(?:ich|mir)\b|\b(?:and|&|et)\s+(?:myself|me|moi(?:-m[êe]me)?)\b|\bme\s+and\s+[A-Z]|\bwith\s+(?:me|myself)\b(?!\s+(?:know|if))")
_LIST_LINE = re.compile(
    rf"^\s*(?:[-*•]|\d+[.)])\s+(?P<name>{_NAME})\b(?![^\n]*\b(?:optional|organi[sz]er|coordinator|scheduler)\b)", re.M)


# "Best regards,\nRachel Green": a closing, then the writer's name on a line of its own
_SIGN_OFF = re.compile(
    rf"^[ \t]*(?i:best(?:[ \t]+(?:regards|wishes))?|(?:kind|warm(?:est)?|many)[ \t]+(?:regards|thanks)|regards"
    rf"|thanks(?:[ \t]+again)?|thank[ \t]+you|cheers|sincerely|all[ \t]+the[ \t]+best|talk[ \t]+soon)[ \t]*[,.!]?"
    rf"[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]*$",
    re.M,
)
# A mailbox several people answer, or a display name that is one ("Acme Careers")
_SHARED_LOCAL = re.compile(
    r"^(?:careers?|jobs?|recruit\w*|talent\w*|hr|hiring|people|team|staffing|interviews?|candidates?"
    r"|apply|applications?)(?:[._-]\w+)?$", re.IGNORECASE)
_SHARED_NAME = re.compile(rf"\b(?:jobs|{_SHARED_WORDS})\b", re.IGNORECASE)


def signer(text: str, addr: Address) -> str | None:
    """Who signed `text` (its new part) for `addr`, when the address's own display name names
    nobody: a shared mailbox ("Acme Careers <careers@...>") signed "Rachel Green", or a bare
    jane@... signed "Jane Doe". None when the display name is a person's, or when the name
    signed is a team, or is not the owner of a personal address."""
    if addr.name and not _SHARED_NAME.search(addr.name):
        return None
    found = [m.group("name") for m in _SIGN_OFF.finditer(split_history(text)[0][-3000:])]
    name = found[-1] if found else None
    if name is None or _SHARED_NAME.search(name) or _ORG_WORD.search(name) or _NOT_A_NAME.search(name):
        return None
    local = addr.email.partition("@")[0]
    if not _SHARED_LOCAL.match(local) and not (
            _name_matches_email(name, addr.email) or _squash(name.split()[0]) == _squash(local)):
        return None  # bob.roe@ signed "Rachel Green": a forward or a colleague's note
    return name


# ---------------------------------------------------------------------------- the rules


def _auto_submitted(ctx: _Ctx) -> str:
    """The mail's Auto-Submitted value (RFC 3834), lower-cased; "" when it is absent or "no"
    (a person sent it)."""
    said = ctx.msg.headers.get("auto-submitted", "").strip().lower()
    return "" if said == "no" else said


def _automatic(ctx: _Ctx) -> str | None:
    """Why this is machine mail that is never a human reply: OOO, bounce, auto-reply."""
    h = ctx.msg.headers
    sender = ctx.msg.from_.email if ctx.msg.from_ else ""
    if re.match(r"(?:mailer-daemon|postmaster)@", sender) or R.BOUNCE.search(ctx.subject):
        return "bounce"
    if h.get("x-autoreply") or h.get("x-autorespond") or R.OOO.search(ctx.subject):
        return "out-of-office"
    if _auto_submitted(ctx) and R.OOO.search(ctx.new[:600]):
        return "out-of-office"
    return None


# How far from its mail an interview may be: interviews are booked days to months ahead,
# and a recap may name one of the past months.
_PLAUSIBLE_AHEAD = timedelta(days=730)
_PLAUSIBLE_BEHIND = timedelta(days=365)


def _written_at(ctx: _Ctx) -> datetime | None:
    """The Date on its writer's clock (dates.as_written): a +0000 Date from hooli.co.uk is
    London's winter time, not a server's stamp to read in the user's zone (review19c #1)."""
    d, sender = ctx.msg.date, ctx.msg.from_
    return as_written(d, sender.domain) if d is not None and sender is not None else d


def _employer_zone(ctx: _Ctx) -> tzinfo | None:
    """The zone of a sender in a one-zone country other than the user's (dates.country_zone);
    None when the user's own zone says the same (or is unknown)."""
    d, sender, mine = ctx.msg.date, ctx.msg.from_, ctx.lists.default_tz
    if d is None or sender is None or mine is None:
        return None
    tz = country_zone(d, sender.domain)
    if tz is None or d.astimezone(mine).utcoffset() == d.utcoffset() or _quotes_my_times(ctx):
        return None
    return tz


def _quotes_my_times(ctx: _Ctx) -> bool:
    """Whether the mail answers times of mine quoted below it, written without a zone (so on my
    clock): "Thursday at 3pm works" over "Alex Wong <alex@...> wrote: I'm free Thursday between 2
    and 5pm" from an employer abroad is 3pm on my clock, not theirs (review 22e)."""
    header = _HEADER_LINE.search(ctx.old[:2000]) if ctx.old else None
    if header is None:
        return False
    line = ctx.old[header.start():_line_end(ctx.old, header.start())].lower()
    if not any(me in line for me in ctx.lists.me):
        return False
    return any(_HAS_CLOCK.search(t.group(0)) and not t.group("zone") for t in TIME_RE.finditer(ctx.old[:4000]))


def _day_first(ctx: _Ctx) -> bool:
    """Whether the writer puts the day first in 05/03 (as find_datetimes judges a time's zone):
    by the writer's zone, or the user's zone when the Date is a bare +0000 (often a server's)."""
    d = _written_at(ctx)
    tz = (writer_zone(d) if d is not None else None) or ctx.lists.default_tz
    return tz is not None and not month_first(tz)


def _writer_day(ctx: _Ctx) -> date:
    """The day the mail was written on, which "by Friday" counts from: in the writer's zone,
    or the user's zone when the Date is a bare +0000 (a server's stamp: Friday 08:00 in Tokyo
    is stamped Thursday 23:00 +0000, and "by Friday" was read as that same day)."""
    d = _written_at(ctx)
    assert d is not None
    if writer_zone(d) is None and ctx.lists.default_tz is not None:
        d = d.astimezone(ctx.lists.default_tz)
    return d.date()


def _plausible(start: datetime, sent: datetime | None) -> bool:
    """Whether an interview at `start` is believable in mail sent at `sent`."""
    if sent is None:
        return 1970 <= start.year <= 2200
    return sent - _PLAUSIBLE_BEHIND <= start <= sent + _PLAUSIBLE_AHEAD


def _lookalikes(ctx: _Ctx, text: str) -> list[tuple[str, str]]:
    out = []
    # a mail about a job interview: "Eastside Clinic", "Summit Health" are the employer's name
    # (not in a hospital's "your phone interview with a pre-op nurse", which names no job)
    interview = R.INTERVIEW_STRONG.search(text) is not None and _hiring_context(ctx, text)
    for name, pat in R.LOOKALIKE.items():
        m = pat.search(text)
        if m is not None and _not_the_family(name, text, m, interview):
            # another use of the family still counts
            m = next((x for x in pat.finditer(text) if not _not_the_family(name, text, x, interview)), None)
        if m:
            out.append((name, m.group(0)))
    return out


_DONE_BEFORE = re.compile(
    r"\b(?:thanks?|thank\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:[\w-]+\s+){0,3}$"
    r"|\b(?:submitt\w*|complet\w*|finish\w*|sent|reading|reviewed|enjoyed)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_LIVE_AFTER = re.compile(r"[- ]?\s*(?:review|debrief|walk-?through|presentation|discussion)\b", re.IGNORECASE)


# A rejection's compliment, which is also a pitch's word: "impressed by your experience"
_COMPLIMENT = re.compile(r"impressed\s+by\s+your\b")


def _complimented_rejection(head: str) -> bool:
    """A rejection whose only pitch words are its compliment ("the committee was impressed by
    your experience ... has selected another candidate ... some feedback"): no recruiter's pitch
    (review23d r36: a university's rejection read as one, so check-ins chased a closed search).
    A pitch's own words ("came across your profile", "if this isn't the right fit") keep it one."""
    return bool(_hit(R.REJECTION, head) and _hit(R.PROCESS_REPLY, head)) and all(
        _COMPLIMENT.match(m.group(0)) for m in R.LOOKALIKE["outreach"].finditer(head))


def _not_the_family(name: str, text: str, m: re.Match[str], interview: bool = False) -> bool:
    """A look-alike word used otherwise: part of a capitalised job title ("Senior Video
    Editor", "Sales Engineer", "our clinic director"), an assessment spoken of as done or as the
    subject of a live session ("Thanks for submitting the take-home", "a take-home review
    session"), a field of experience ("more immigration casework experience"), or, in a mail
    about an interview, part of the employer's name or street ("Eastside Clinic", "88 Court St",
    "Supreme Court of the State of New York", "Summit Legal Staffing")."""
    if name == "assessment" and (_DONE_BEFORE.search(text, max(0, m.start() - 50), m.start())
                                 or _LIVE_AFTER.match(text, m.end())):
        return True
    if name == "appointment" and _A_FIELD_OF_WORK.match(text, m.end()):
        return True
    if name in ("appointment", "webinar") and _NAME_WORD.fullmatch(m.group(0)):
        if _ROLE_WORD_AFTER.match(text, m.end()):
            return True  # "our clinic director", "a dental hygienist"
        if interview and _in_proper_name(name, text, m.start(), m.end()):
            return True
    return _in_job_title(text, m.start(), m.end())


# The user's own interview: "your interview", "interview with Dana", "see you then"
_MY_INTERVIEW = re.compile(r"\b(?i:your\s+(?:[\w-]+\s+){0,2}?interview)\b|\b(?i:interview\s+with)\s+[A-Z]"
                           r"|\b(?i:see\s+you\s+(?:then|on|at|next))\b")
# ... where an interview may be held: "at the clinic", "the hospital's east wing"
_PLACE_WORD = re.compile(r"clinic|hospital|pharmacy|court")
# Look-alike words that may be part of an employer's name: a clinic, a court, a summit ...
_NAME_WORD = re.compile(
    r"clinic|dental|medical|hospital|pharmacy|court|therap\w+|physio\w*|orthop\w+|chiropract\w+"
    r"|dermatolog\w+|optometr\w+|veterinar\w+|department\s+of\s+labou?r|summit|open\s+house")
# ... or a field of work: "immigration casework experience", "medical billing background"
_A_FIELD_OF_WORK = re.compile(r"(?:\s+[a-z]+)?\s+(?:experience|background|expertise|knowledge|skills)\b")
# (not _ROLE_AFTER, the company's: this one stays on its line, one word between at most)
_ROLE_WORD_AFTER = re.compile(rf"[ \t]+(?:[a-z]+[ \t]+)?{R.ROLE_NOUN}s?\b", re.IGNORECASE)
_CAPITAL_AFTER = re.compile(r"[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][\w&'’.-]*")
_CAPITAL_BEFORE = re.compile(r"(?:^|(?<=[\s(]))([A-Z][\w&'’.-]*)[ \t]+$")
# (not the period of "U.S.", "St.", "Dr.")
_SENTENCE_START = re.compile(r"(?:^|(?<![A-Z])(?<!\bSt)(?<!\bDr)(?<!\bMt)\.|[!?:;|–—-]|\n)[\s\"'(]*$")
_NO_NAME_WORD = frozenset({"The", "Our", "Your", "This", "That", "A", "An", "My", "At", "In", "On", "To", "For",
                           "Please", "Join", "Come", "Reminder", "Monday", "Tuesday", "Wednesday", "Thursday",
                           "Friday", "Saturday", "Sunday", "Today", "Tomorrow"})
# What follows an event's own name: the "Career Summit Interview Day" is the event
_EVENT_AFTER = re.compile(r"[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?(?:Interviews?|Day|Days|Series|Events?|Week|Sessions?"
                          r"|Registration|Agenda|Speakers?|Pass|Tickets?|Schedule|Program|Webinar|20\d\d)\b")


def _in_proper_name(name: str, text: str, start: int, end: int) -> bool:
    """Whether a look-alike word is part of a capitalised name: an organisation, a street or a
    signature line ("Eastside Clinic", "the Eastside clinic", "88 Court St", "Regional Medical
    Center"). An event's word must lead the name ("Summit Health", "Open House Brewing"): the
    "Leaders Summit" or a "Spring Open House" is the event itself."""
    capital = text[start].isupper()
    after = _CAPITAL_AFTER.match(text, end)
    if name == "webinar":
        return capital and after is not None and not _EVENT_AFTER.match(text, end)
    if capital and (after or not _SENTENCE_START.search(text, max(0, start - 3), start)):
        return True
    before = _CAPITAL_BEFORE.search(text, max(0, start - 40), start)
    return bool(before and before.group(1) not in _NO_NAME_WORD
                and not _SENTENCE_START.search(text, max(0, before.start(1) - 3), before.start(1)))


_TITLE_RUN_BEFORE = re.compile(r"(?:[A-Z][\w&'-]*[ \t]+){1,4}$")
_TITLE_RUN_AFTER = re.compile(r"(?:[ \t]+[A-Z][\w&'-]*){1,4}")


def _in_job_title(text: str, start: int, end: int) -> bool:
    """Whether a look-alike word is part of a capitalised job title with a role noun: "Senior
    Video Editor", "Sales Engineer", "Newsletter Editor" (the opening's name, not the family)."""
    if not text[start:start + 1].isupper():
        return False
    before = _TITLE_RUN_BEFORE.search(text[max(0, start - 60):start])
    after = _TITLE_RUN_AFTER.match(text, end)
    run = (before.group(0) if before else "") + text[start:end] + (after.group(0) if after else "")
    if not (before or after):
        # a title of its own words, named as the opening: "the Account Executive role"
        return bool(_ROLE_NOUN_RE.search(text, start, end) and _OPENING_WORD.match(text, end))
    return bool(_ROLE_NOUN_RE.search(run))



def _relayed_for_a_person(ctx: _Ctx) -> bool:
    """Mail a tracking system sent for one person of the employer's: from a service address,
    with one Reply-To at an organisation (not a service, not free-mail), neither list mail nor
    Auto-Submitted (a Precedence: bulk, which such systems put on every mail, is allowed)."""
    msg, h = ctx.msg, ctx.msg.headers
    if msg.from_ is None or not _is_service(msg.from_, ctx.lists) or len(msg.reply_to) != 1:
        return False
    if h.get("list-id") or h.get("list-unsubscribe") or _auto_submitted(ctx):
        return False
    person = msg.reply_to[0]
    return not _is_service(person, ctx.lists) and not _in_domains(person.domain, ctx.lists.freemail)


def _bulk(ctx: _Ctx) -> str | None:
    h = ctx.msg.headers
    if h.get("list-id"):
        return "List-Id"
    if h.get("precedence", "").strip().lower() in ("bulk", "list", "junk") \
            and not _relayed_for_a_person(ctx):
        # (a tracking system stamps a recruiter's own note "bulk" too)
        return "Precedence"
    if h.get("list-unsubscribe"):
        return "List-Unsubscribe"
    return None


def _calendar_event(msg: Message) -> CalendarEvent | None:
    for ev in msg.calendar:
        if ev.start is not None or (ev.method or "").upper() == "CANCEL":
            return ev
    return None


def _confidence(weights: Iterable[float]) -> float:
    """Noisy-or of the positive weights, less the negative ones, in [0, 1]."""
    p_not = 1.0
    neg = 0.0
    for w in weights:
        if w > 0:
            p_not *= 1 - min(w, 0.99)
        else:
            neg += -w
    return round(max(0.0, min(1.0, (1 - p_not) - neg)), 2)


# The evidence rule of a sent message that withdraws from a process (state.py closes it).
WITHDRAWAL_RULE = "user-withdrew"


def classify(msg: Message, settings: ClassifierSettings, *, sent: bool = False) -> Event:
    """What `msg` is for the follow-up engine, with the rules that fired and a confidence.
    `sent`: the mailbox says the user sent it (Sent folder, Gmail's SENT label), whatever its
    From (a "Send mail as" alias missing from [me] addresses)."""
    lists = _lists(settings)
    direction = Direction.SENT if sent or _is_me(msg.from_, lists.me) else Direction.RECEIVED
    new, old = split_history(msg.text or "")
    long = len(new) > _SHORT
    forwarded_from: Address | None = None
    if direction is Direction.RECEIVED and old and _FORWARD_SUBJECT.match(msg.subject or "") and len(new.strip()) < 600:
        # a short forward ("forwarding Alan's note below - you're all set") adopts what it forwards
        new = f"{new}\n{_QUOTE_MARK.sub('', old[:_FORWARD_CAP])}"
        long = len(old) > _SHORT
        author = _FORWARDED_FROM.search(old[:_FORWARD_CAP])
        if author:
            forwarded_from = Address(author.group("name").strip(" \"'*"), author.group("email").lower())
    new = new[:_NEW_CAP]
    new = normalize(strip_signature(new)) if direction is Direction.SENT else normalize(new)
    subject = normalize(msg.subject or "")
    ctx = _Ctx(msg, lists, direction, subject, new, old, f"{subject}\n{new}", long=long,
               forwarded_from=forwarded_from)
    ctx.add("direction", f"{direction.value}: From {msg.from_.email if msg.from_ else '?'}"
            + (" (in Sent)" if sent and not _is_me(msg.from_, lists.me) else ""), 0.0)
    if direction is Direction.SENT:
        return _classify_sent(ctx)
    return _machine_reply(ctx, _classify_received(ctx))


# Replies that only a person's words make a reply: from an autoresponder or a system they are
# machine mail (policy rule 4: "Auto-Submitted mail ... changes nothing"). A rejection, an
# offer, a next step or an interview an applicant-tracking system sends is still the
# employer's own act, and stays what it is.
_NO_DECISION = (ReplyKind.OTHER, ReplyKind.TIMELINE_UPDATE)


def _machine_reply(ctx: _Ctx, ev: Event) -> Event:
    """`ev`, automatic when the mail says it was sent by a machine (Auto-Submitted other than
    "no", RFC 3834) and it carries no decision: an autoresponder's "I will respond as soon as
    possible" reset the follow-up count and restarted the wait (audit 22d). So did mail read as
    `other` (a tracking system's "your application status has been updated", its survey) that
    joins the process through its Reply-To: in the process any employer-side mail is a reply
    unless it is automatic (review 22f)."""
    said = _auto_submitted(ctx)
    if ev.automatic or not said or not (
            ev.kind is Kind.OTHER
            or (ev.kind is Kind.EMPLOYER_REPLY and ev.reply in _NO_DECISION)):
        return ev
    ctx.add("automatic", f"auto-submitted: {said[:40]}", 0.0)
    timeline = ev.stated_timeline
    if timeline is None and ev.kind is Kind.OTHER and ctx.msg.date is not None \
            and _hit(R.TIMELINE_UPDATE, ctx.new[:1500]):
        # A recruiter's "a decision for you by Friday, December 18" sent through a tracking
        # system, outside the thread, reads as `other`: no reply, but its date may hold the
        # check-in back, as an out-of-office return date does (state takes a machine's date
        # only when it is later than the one it has, rule 4)
        found = find_timeline(ctx.new, _writer_day(ctx), day_first=_day_first(ctx),
                              holiday=ctx.lists.holiday)
        if found:
            timeline = found[0]
            ctx.add("timeline", found[1], 0.0)
    return replace(ev, automatic=True, stated_timeline=timeline, evidence=tuple(ctx.evidence))


def _base_fields(ctx: _Ctx, cal: CalendarEvent | None = None) -> tuple[str | None, str | None, str | None]:
    cal_text = f"{cal.summary}\n{cal.description}" if cal else ""
    employer = _employer_domain(ctx)
    company = _company(ctx, employer, cal_text)
    role = _role(ctx, cal_text, company)
    if role and company and role.lower().startswith(company.lower() + " ") \
            and len(role) > len(company) + 3:
        role = role[len(company) + 1:]  # "Globex Data Engineer - onsite": Globex's Data Engineer
    if role and company and _squash(role) == _squash(company):
        role = None  # "Interview - Ashdown Partners": the firm, not a partner's job
    return role, company, employer


# Where a cancellation's sentence goes on to something else: "cancel Thursday, we will see
# you tomorrow as planned", "cancel Thursday's interview and move it to Tuesday".
_CANCEL_CLAUSES = re.compile(
    r";|,\s*(?=(?:we|but|so|see|as|and|could|would|can|please)\b)"
    r"|\s+(?=(?:and|but|so)\s+(?:move|push|shift|reschedule|change|re-?book|book|set\s+up|see\s+you"
    r"|arrange|schedule|find|organi[sz]e|plan|invite)\b)",
    re.IGNORECASE)
# A cancellation that books the interview again ("I have rebooked you for Thursday at 2pm",
# "we'd like to move it to Thursday at 2pm"): with a time, read where nothing is cancelled.
_REBOOK = re.compile(
    r"\b(?:re-?book|re-?schedul|mov|push|shift|postpon)\w*\s+(?:(?:it|you|this|that|(?:the|your)\s+"
    r"(?:interview|call|meeting)(?:\s+with\s+[A-Z][\w'-]+)?"
    # "push our 3pm today to Thursday at 3pm": the meeting named by its time
    r"|(?:our|your|my)\s+\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|(?-i:[ap]))(?:\s+(?:today|tomorrow))?)\s+)?(?:to|for|until)\b",
    re.IGNORECASE)
# A time that stays as it was ("your interview on Thursday is still confirmed", "see you
# Thursday as planned"): another interview going ahead, not a rebooking.
_KEPT = re.compile(r"\b(?:still|as\s+(?:planned|scheduled|arranged|agreed|before)|remains?|stays?"
                   r"|unchanged|unaffected|goes\s+ahead|going\s+ahead)\b", re.IGNORECASE)
# The round a cancellation names ("your second interview", "round two", "the final round").
_CANCELLED_ROUND = re.compile(
    r"\b(second|2nd|third|3rd|fourth|4th|fifth|5th|final|last)\s+(?:round|interview|stage)\b"
    r"|\bround\s+(two|three|four|five|2|3|4|5)\b", re.IGNORECASE)
_ROUND_NUMBER = {"second": "2", "2nd": "2", "two": "2", "third": "3", "3rd": "3", "three": "3",
                 "fourth": "4", "4th": "4", "four": "4", "fifth": "5", "5th": "5", "five": "5",
                 "last": "final"}
_CONDITION = re.compile(r"\b(?:if|should|in\s+case|unless|whether)\b", re.IGNORECASE)


def _moved_here(head: str) -> bool:
    """A sentence that names a further round says it moved ("your next interview is now
    Thursday"); a condition in it ("if this time no longer works for you") says nothing."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n", head):
        if not R.ANOTHER_ROUND.search(sentence):
            continue
        for clause in re.split(r"[,;:]\s*|\s+[-–—]\s+|\s+(?=(?:but|so)\s)", sentence):
            hit = R.MOVED_HERE.search(clause)
            # "let me know if this time no longer works": a condition, before the words
            if hit and not _CONDITION.search(clause[: hit.start()]):
                return True
    return False


def _rebooked(ctx: _Ctx, rest: str) -> str | None:
    """The words by which a cancellation books another time (`rest`: the mail without what it
    says it cancels): a booking or a move, not after a condition nor in a question, in a
    sentence with a time still to come that is not one kept as it was. None when it books
    nothing."""
    ref = _written_at(ctx)
    if ref is None:
        return None
    zone = _message_zone(ctx) or ctx.lists.default_tz or ref.tzinfo or timezone.utc
    for sentence in re.split(r"(?<=[.!?])\s+|\n", rest):
        hit = R.CONFIRM.search(sentence) or _REBOOK.search(sentence)
        if hit is None or _CONDITION.search(sentence[: hit.start()]) \
                or sentence.rstrip().endswith("?") or _KEPT.search(sentence):
            continue
        if any(f.start > ref for f in find_datetimes(sentence, ref, zone)):
            return hit.group(0)
    return None


def _cancelled_slot(ctx: _Ctx, cal: CalendarEvent | None, said: str) -> Interview | None:
    """Which interview a cancellation is of (state.cancel_target): the invite's uid and time,
    else the one time named where the mail says what it cancels (`said`: not a new time it
    proposes, nor the one that goes ahead as planned); None when it names none."""
    msg = ctx.msg
    start: datetime | None = None
    end: datetime | None = None
    if cal is not None and cal.start is not None and not cal.all_day:
        start, end = cal.start, cal.end
    elif msg.date is not None:
        zone = _message_zone(ctx) or ctx.lists.default_tz or msg.date.tzinfo or timezone.utc
        found = find_datetimes(said, _written_at(ctx) or msg.date, zone, user_tz=ctx.lists.default_tz)
        if len({f.start for f in found}) == 1:  # two times: which was cancelled is not said
            start, end = found[0].start, found[0].end
        elif not found and len(days := set(find_days(said, msg.date.astimezone(zone).date(),
                                                     day_first=not month_first(zone)))) == 1:
            # "we have to cancel Thursday's interview": that whole day (state.cancel_target)
            day = datetime.combine(days.pop(), datetime.min.time(), zone)
            start, end = day, day + timedelta(days=1)
    uid = cal.uid if cal is not None else None
    if start is None:
        start = msg.date if uid else None  # only the uid identifies it (prepare dates all mail)
    if start is None:
        return None
    return Interview(start, end if end is not None and end > start else start, None, (),
                     None, None, calendar_uid=uid or None)


def _event(ctx: _Ctx, kind: Kind, *, reply: ReplyKind | None = None, interview: Interview | None = None,
           timeline: date | None = None, automatic: bool = False, fields: bool = True,
           cal: CalendarEvent | None = None, extra: float = 0.0) -> Event:
    role = company = employer = None
    if fields and kind is Kind.OTHER:
        # `other` never starts or names a process (link.py): its role and employer domain
        # help linking; the company, the costliest field, is not needed
        employer = _employer_domain(ctx)
        role = _role(ctx, f"{cal.summary}\n{cal.description}" if cal else "", None)
    elif fields:
        role, company, employer = _base_fields(ctx, cal)
        if interview is not None:
            role, company = interview.role or role, interview.company or company
    weights = [e.weight for e in ctx.evidence]
    conf = _confidence(weights) if kind is not Kind.OTHER else round(max(0.5, 1 - _confidence(weights)) , 2)
    if kind is not Kind.OTHER:
        conf = max(conf, extra)
    return Event(
        message_id=ctx.msg.message_id,
        direction=ctx.direction,
        kind=kind,
        reply=reply if kind is Kind.EMPLOYER_REPLY else None,
        interview=interview if kind in (Kind.INTERVIEW_CONFIRMED, Kind.INTERVIEW_REQUESTED,
                                        Kind.INTERVIEW_CANCELLED) else None,
        stated_timeline=timeline,
        confidence=conf,
        evidence=tuple(ctx.evidence),
        role=role,
        company=company,
        employer_domain=employer,
        automatic=automatic,
        mentions=name_keys(f"{ctx.subject}\n{ctx.focus or ctx.new[:2000]}"),
    )


_CANDIDATE_FIELD = re.compile(r"^\s*candidate(?:\s+name)?\s*:\s*([A-Za-zÀ-ÿ'’-]+)", re.M | re.IGNORECASE)
_GREETING = re.compile(r"^\s*(?:hi|hello|dear|hey|good\s+(?:morning|afternoon))\s+([A-Za-zÀ-ÿ'’-]+)",
                       re.M | re.IGNORECASE)


def _greets_the_candidate(text: str) -> bool:
    """"Hi Alex, ... Candidate: Alex Wong": the mail greets the person its candidate field
    names, so its reader is the candidate, not an interviewer."""
    field, greeting = _CANDIDATE_FIELD.search(text), _GREETING.search(text[:400])
    return bool(field and greeting and field.group(1).lower() == greeting.group(1).lower())


_NAMES_THE_MEETING = re.compile(r"\b(?:interview|call|meeting)\b", re.IGNORECASE)
_GIVEN_AVAILABILITY = re.compile(r"\b(?:(?:as\s+)?per|based\s+on|according\s+to|given)\s+your\s+availability\b",
                                 re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(?:today(?:'s)?|this\s+(?:morning|afternoon|evening)(?:'s)?|earlier\s+today"
                       r"|yesterday(?:'s)?|tonight)\b", re.IGNORECASE)


# "Your video interview ... is confirmed": the reader is the candidate, whatever else the mail
# says of other candidates ("we interview several candidates this week", "their interview")
# The kinds of round a mail puts between "your" and "interview" ("your second video interview")
_ROUND_KIND = (r"(?:upcoming|scheduled|next|first|second|third|final|phone|video|virtual|zoom|teams"
               r"|onsite|on-site|in-person|in\s+person|panel|group|technical|behaviou?ral|hiring(?:\s+manager)?"
               r"|follow-up|initial|formal|one-on-one|1:1|\d+-minute|\w+-round)")
_YOUR_INTERVIEW = re.compile(rf"\byour\s+(?:{_ROUND_KIND}\s+){{0,2}}interview\b", re.IGNORECASE)


def _classify_sent(ctx: _Ctx) -> Event:
    new = ctx.new
    thread_text = f"{ctx.subject}\n{ctx.old[:3000]}"
    job = _hit(R.JOB, ctx.head) or _hit(R.JOB, thread_text) or _hit(R.INTERVIEW, ctx.head)
    if not job and any(a.domain and not _in_domains(a.domain, ctx.lists.freemail) for a in ctx.msg.to):
        # "Thanks for your time today - looking forward to next steps!" to someone's work address,
        # or "thank you both for taking the time to meet with me today": the engine links it
        # only to a process whose people it is addressed to, so no job word is needed here
        job = (_hit(R.PROCESS_WORDS, ctx.head) or _hit(R.THANKS_FOR_MEETING_ME, new)
               or _hit(R.VALUE_ADD, new) or _hit(R.FOLLOW_UP_WEAK, new))
        if job:
            # no word of a job: "Thanks for the call just now" to the mortgage officer of a
            # bank one interviews at is no thank-you of that interview (link.py)
            ctx.add(ITS_PEOPLE_ONLY_RULE, job, 0.0)
    if not job:
        ctx.add("no-job-context", "no word about a job, role or interview", -0.3)
        return _event(ctx, Kind.OTHER)
    ctx.add("job-context", job, 0.2)
    withdrawal = _hit(R.WITHDRAWAL, new)
    if withdrawal:
        # not a step: the engine reads this rule and closes the process as withdrawn
        ctx.add(WITHDRAWAL_RULE, withdrawal, 0.0)
        return _event(ctx, Kind.OTHER)
    offer_talk = _OFFER_TALK.search(new)
    if offer_talk:
        # "Thank you for the offer ... could we discuss the base salary?": about their offer,
        # not a thank-you for an interview nor a check-in on a silence
        ctx.add("about-the-offer", offer_talk.group(0), 0.0)
        return _event(ctx, Kind.OTHER)
    thanks = _hit(R.THANKS_FOR_INTERVIEW, new)
    to_org = any(a.domain and not _in_domains(a.domain, ctx.lists.freemail) for a in ctx.msg.to)
    if thanks and not to_org and _hit(R.THANKS_FOR_HELP, new):
        # "thanks for the tips on my interview" to a friend: help with the search, not an interview
        ctx.add("thanks-for-help", _hit(R.THANKS_FOR_HELP, new) or "", -0.3)
        thanks = None
    follow = _hit(R.FOLLOW_UP, new) or (None if thanks else (_hit(R.FOLLOW_UP_WEAK, new)
                                                             or _hit(R.VALUE_ADD, new)))
    sched = _hit(R.SCHEDULING_ANSWER, new)
    subj_thanks = re.search(r"^\s*(?:re:\s*)?(?:thank|thanks)", ctx.subject, re.IGNORECASE)
    # "I wanted to follow up on our interview this morning and thank you": the thank-you,
    # written the day of the interview ("following up" on one of last week is a check-in)
    same_day = _SAME_DAY.search(f"{ctx.subject}\n{new[:800]}")
    if follow and not (thanks and re.search(r"\bfollow(?:ing)?[- ]up\b", follow, re.I)
                       and (subj_thanks or same_day)):
        ctx.add("follow-up-phrase", follow, 0.6)
        if sched and not thanks:
            ctx.add("scheduling-answer", sched, -0.2)
        return _event(ctx, Kind.FOLLOW_UP)
    if thanks and (subj_thanks or not sched):
        ctx.add("thanks-for-interview", thanks, 0.7)
        if subj_thanks:
            ctx.add("thank-you-subject", ctx.subject, 0.2)
        return _event(ctx, Kind.THANK_YOU)
    if sched:
        ctx.add("scheduling-answer", sched, 0.0)
        if _ACCEPTS.search(new) and not _DECLINES.search(new):
            ctx.add("accepts-time", sched, 0.0)  # a plain yes to a proposed time (state.py)
            # "Friday at 10:00 AM works best for me": which of the slots offered
            msg = ctx.msg
            if msg.date is not None:
                zone_ = ctx.lists.default_tz or msg.date.tzinfo or timezone.utc
                for f in find_datetimes(_actionable(new)[0], msg.date, zone_):
                    if f.start > msg.date and _HAS_CLOCK.search(f.text):
                        # "Wednesday at 10": the offered Wednesday, not the nearest one
                        when = (f.start.isoformat() if f.explicit_zone
                                else f.start.strftime("%Y-%m-%dT%H:%M")) if f.explicit_date \
                            else f.start.strftime("W%wT%H:%M")
                        ctx.add(f"{PICKS_TIME_RULE}{when}", "", 0.0)
                        break
    return _event(ctx, Kind.OTHER)


def _classify_received(ctx: _Ctx) -> Event:
    msg, lists = ctx.msg, ctx.lists
    head, new = ctx.head, ctx.new
    cal = _calendar_event(msg)
    cal_text = f"{cal.summary}\n{cal.description}\n{cal.location}" if cal else ""
    sender = msg.from_

    if sender and (sender.email in lists.ignore_senders or f"@{sender.domain}" in lists.ignore_senders):
        ctx.add("ignored-sender", sender.email, -1.0)
        return _event(ctx, Kind.OTHER, fields=False)
    ignored = _hit(lists.ignore_phrases, head)
    if ignored:
        ctx.add("ignore-phrase", ignored, -1.0)
        return _event(ctx, Kind.OTHER, fields=False)

    auto = _automatic(ctx)
    if auto:
        ctx.add("automatic", auto, 0.0)
        timeline = None
        m = R.OOO_RETURN.search(new[:1500])
        if m and msg.date:
            back = find_timeline(f"I will be in touch by {m.group('when')}.", _writer_day(ctx),
                                 day_first=_day_first(ctx), holiday=ctx.lists.holiday)
            timeline = back[0] if back else None
        return _event(ctx, Kind.OTHER, automatic=True, timeline=timeline)

    interview_word = _hit(R.INTERVIEW, head) or _hit(R.INTERVIEW, cal_text) or _hit(lists.interview_phrases, head)
    job = _hit(R.JOB, head) or _hit(R.JOB, cal_text)
    if not interview_word and cal is None and not job and not _hiring_thread(ctx) \
            and not _hit(R.AFTER_INTERVIEW, head):
        # no word of the hiring family anywhere (nor "thanks for coming in today"): nothing
        # below could make it more than `other`
        return _event(ctx, Kind.OTHER, fields=False)
    bulk = _bulk(ctx)
    looks = _lookalikes(ctx, _URL_RE.sub(" ", f"{head}\n{cal_text}"))
    interviewer_side = _hit(R.INTERVIEWER_SIDE, f"{head}\n{cal_text}")
    ats_sender = bool(sender and _is_ats(sender, lists))
    if ats_sender:
        ctx.add("ats-sender", sender.domain if sender else "", 0.15)

    # Who is the candidate? Mail to the user about someone else's interview is not theirs.
    # ("Hi Alex ... Candidate: Alex Wong": the reader is the candidate)
    if interviewer_side and interviewer_side.strip(" :") == "candidate" and _greets_the_candidate(head):
        interviewer_side = None
    if interviewer_side and interviewer_side.startswith("the candidate") and _subject_names_me(ctx):
        # "FW: Alex Wong - HM interview" forwarding the manager's "Can you let the candidate
        # know?": the candidate is the reader
        interviewer_side = None
    if interviewer_side and not _YOUR_INTERVIEW.search(head):
        ctx.add("user-is-interviewer", interviewer_side, -0.8)
        return _event(ctx, Kind.OTHER)
    if cal is not None and cal.organizer and cal.organizer.email in lists.me:
        ctx.add("user-organised-event", cal.organizer.email, -0.8)
        return _event(ctx, Kind.OTHER)

    act, dropped = _actionable(head)
    if dropped:
        ctx.add("conditional-or-later", dropped, 0.0)
        interview_word = _hit(R.INTERVIEW, act) or _hit(R.INTERVIEW, cal_text) or _hit(lists.interview_phrases, act)
    future = _hit(R.FUTURE_SCHEDULING, head)
    short = not ctx.long
    # "onsite", "first round", "team call": an interview only in a short mail about hiring
    if interview_word and cal is None and not ats_sender and not _hit(R.INTERVIEW_STRONG, act) \
            and (not short or not (_hiring_context(ctx, act) or _hit(R.ASK_TIME, act))):
        # ("a final round onsite ... let me know your availability": asking for times is context)
        ctx.add("weak-interview-word", interview_word, 0.0)
        interview_word = None
    elif interview_word and cal is not None and not ats_sender and not _CAL_WEAK_OK.search(interview_word) \
            and not _hit(R.INTERVIEW_STRONG, f"{act}\n{cal_text}") \
            and not (_hiring_context(ctx, act) or _hit(R.HIRING_CONTEXT, cal_text)
                     or any(True for _ in _titles_in(cal.summary, None))):
        # an invite to "Data contracts design review", "Weekly team call": a meeting of the
        # user's current job, unless something in it speaks of hiring
        ctx.add("weak-interview-word", interview_word, 0.0)
        interview_word = None
    if interview_word:
        ctx.add("interview-word", interview_word, 0.35)
    if job and job != interview_word:
        ctx.add("job-context", job, 0.1)

    # Look-alikes: an interview word without hiring context, or a known look-alike family.
    hard_look = [n for n, _ in looks if n in _HARD_LOOKALIKES]
    if looks:
        for name, word in looks:
            ctx.add(f"lookalike-{name}", word, -0.3)
    if bulk:
        ctx.add("bulk-mail", bulk, -0.3)
    personal = _PERSONAL.search(head)
    strong_lookalike = bool(hard_look) and not (
        personal and job and not any(n in _NEVER_OURS for n in hard_look)
    ) and not (
        # a nurse's, reporter's or admissions counselor's interview: "hospital", "newsroom",
        # "admissions" are the employer's when the mail says "your interview" for a named
        # opening (a clinic's reminder, a podcast's invitation never does); a benefits
        # office's interview is told by what it is about, not by its name (the Department
        # of Labor hires policy analysts too)
        personal and set(hard_look) <= _OPENING_OVERRIDES
        and not ("appointment" in hard_look and _BENEFITS.search(head))
        and _hit(_OPENING, head)
    )
    if strong_lookalike and looks and all(n == "appointment" and _PLACE_WORD.fullmatch(w) for n, w in looks) \
            and _MY_INTERVIEW.search(head) and _hit(R.CONFIRM, head) and _hit(R.INTERVIEW_STRONG, head) \
            and _hiring_context(ctx, head):
        # "your interview with Dana Cole at the clinic is confirmed": a clinic's, a hospital's,
        # a court's own interview (the user's appointment, a visa interview say so otherwise)
        strong_lookalike = False
    if bulk and not personal:
        strong_lookalike = True
    # a recruiter's pitch ("came across your profile", "my client", "open to a chat?") is not a
    # process, unless the mail shows one: a thread, an application, an interview already arranged
    if any(n == "outreach" for n, _ in looks) and not msg.in_reply_to and not _hit(R.PROCESS_SIGNALS, head) \
            and not _complimented_rejection(head):
        strong_lookalike = True
    if any(n == "assessment" for n, _ in looks) and not re.search(
        r"\binterview\b", f"{ctx.subject}\n{cal_text}", re.IGNORECASE
    ) and not (cal and cal.start):
        strong_lookalike = strong_lookalike or not _hit(R.CONFIRM, head)
    one_way = _hit(R.ONE_WAY_VIDEO, head)
    if one_way:
        # a recorded video "interview" (HireVue...): an assessment with a deadline, nobody
        # to thank or follow up with
        ctx.add("one-way-video", one_way, -0.5)
        return _event(ctx, Kind.OTHER)

    # --- cancellation
    cancel = None
    if cal is not None and ((cal.method or "").upper() == "CANCEL" or (cal.status or "").upper() == "CANCELLED"):
        cancel = f"calendar {cal.method or cal.status}"
    said: list[str] = []  # the clauses that say what is cancelled
    rest = head  # the mail with those clauses blanked (same length: positions hold)
    cursor = 0
    for line in re.split(r"(?<=[.!?])\s+|\n", head):
        line_at = head.find(line, cursor)
        cursor = line_at + len(line)
        at_in_line = 0
        for clause in _CANCEL_CLAUSES.split(line):
            clause_at = line_at + line.find(clause, at_in_line)
            at_in_line = clause_at - line_at + len(clause)
            m = R.CANCEL.search(clause) or (R.CANCEL_OFF.search(clause)
                                            if _NAMES_THE_MEETING.search(clause) else None)
            if m and not R.CANCEL_BOILERPLATE.search(clause):
                cancel = cancel or m.group(0)
                # "Thursday's interview, as you may have heard, has been cancelled": the part
                # with the verb names nothing, the sentence does
                says_which = _CANCELLED_ROUND.search(clause) or TIME_RE.search(clause) \
                    or DATE_RE.search(clause)
                said.append(clause if says_which else line)
                span = (clause_at, clause_at + len(clause)) if says_which else (line_at, cursor)
                rest = rest[: span[0]] + " " * (span[1] - span[0]) + rest[span[1]:]
    meeting = None if interview_word else (_hit(R.MEETING, act) or _hit(R.MEETING_BY_CLOCK, act))
    role_ctx = _hit(R.ROLE_CONTEXT, act) if meeting else None
    if not short:
        role_ctx = None  # a long mail (newsletter, report) that mentions a call and a role
    # "I need to cancel our call on Monday - the Operations Analyst role is on hold": a call
    # about a role is the interview, though no word says so
    cancelling = bool(cancel) and bool(interview_word or cal is not None or (
        meeting and role_ctx and not bulk) or (meeting and short and not bulk and _hiring_thread(ctx))
    ) and not strong_lookalike

    def cancellation() -> Event:
        ctx.add("cancelled", cancel or "", 0.6)
        text = "\n".join(said)
        named = _CANCELLED_ROUND.search(text)
        if named:
            # "cancel your second interview": that round (state.cancel_target); "another
            # interview" names a replacement, not the one cancelled
            word = (named.group(1) or named.group(2)).lower()
            ctx.add(f"{NAMED_ROUND_EVIDENCE}{_ROUND_NUMBER.get(word, word)}", named.group(0), 0.0)
            text = _CANCELLED_ROUND.sub(" ", text)  # "the 2nd interview" is no 2nd of a month
        return _event(ctx, Kind.INTERVIEW_CANCELLED, cal=cal,
                      interview=_cancelled_slot(ctx, cal, text))

    times_text = head  # where the confirmation below reads the interview's time
    if ctx.old and _SAME_DAY_REF.search(head):
        # "could we push to 4pm the same day?" over the quoted "Wednesday, Dec 2 at 1:00 PM":
        # the day the thread gives
        day = _quoted_day(ctx)
        if day:
            times_text = _SAME_DAY_REF.sub(f" on {day} ", head)
    if ctx.old and _SAME_TIME_REF.search(times_text):
        times_text = _same_time_on_a_new_day(ctx, times_text)
    if _STALE_TIME.search(times_text):
        # blanked, not cut: the moments found keep their places in the text
        times_text = _STALE_TIME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)]
                                     + " " * len(m.group(1)), times_text)
    # "sorry we had to cancel last week; your interview is now confirmed for Thursday at 2pm":
    # a move of the interview when the rest of the mail confirms a time (read below, without
    # the time it cancels: state._same_round); else the cancellation
    rebook = _rebooked(ctx, rest) if cancelling and cal is None else None
    if cancelling and rebook is None:
        return cancellation()
    if rebook is not None:
        times_text = rest

    if meeting and role_ctx and not bulk:
        ctx.add("meeting-about-a-role", f"{meeting} / {role_ctx}", 0.3)
    # a person answering in the thread of a job ("Let's do Friday at 10am for the ... conversation")
    thread_meeting = bool(meeting) and short and not role_ctx and not bulk and _hiring_thread(ctx) and bool(
        sender and not _is_service(sender, lists) and not _in_domains(sender.domain, lists.freemail))
    if thread_meeting:
        ctx.add("meeting-in-hiring-thread", meeting or "", 0.25)
    cal_role = cal is not None and bool(_hit(R.ROLE_CONTEXT, f"{head}\n{cal_text}"))
    interview_ctx = bool(interview_word) or cal_role or bool(meeting and role_ctx and not bulk) or thread_meeting
    if interview_ctx and cal is None and (bulk or (sender is not None and _is_service(sender, lists))) \
            and not _ADDRESSED.search(act):
        # machine mail that speaks to nobody: an event listing ('"Interviewing in 2027" starts tomorrow')
        ctx.add("impersonal", "no 'you' and no greeting", -0.3)
        interview_ctx = False
    if rebook is None and interview_ctx and cal is None and _personal(ctx, act):
        ctx.add("personal-mail", sender.email if sender else "", -0.5)
        return _event(ctx, Kind.OTHER, fields=False)
    if rebook is None and (not interview_ctx or strong_lookalike):
        return _classify_reply(ctx, job, strong_lookalike)

    if rebook is None and _hit(R.OFFER, act):
        # "we'd like to make you an offer - do you have 20 minutes tomorrow for a call?"
        return _classify_reply(ctx, job, strong_lookalike)

    # --- confirmation: a fixed time
    # A reply's subject is its thread's ("Re: Interview confirmed: ..." over "Could you do a
    # second interview on Thursday at 2 PM or Friday at 10 AM?"): it confirms nothing new
    confirm = _hit(R.CONFIRM, _actionable(ctx.new)[0] if _REPLY_SUBJECT.match(ctx.subject) else act)
    # "booked it for Tuesday per your availability": what was given, not asked for
    ask = _hit(R.ASK_TIME, _GIVEN_AVAILABILITY.sub(" ", act) if "availability" in act.lower() else act)
    invite = _hit(R.INVITE, act)
    start_end: tuple[datetime, datetime | None] | None = None
    length: timedelta | None = None
    all_day: CalendarEvent | None = None  # an invite for a day without its times
    if cal is not None and cal.start is not None and not _plausible(cal.start, None):
        # year 1 (.NET's empty date) or 9999: not an interview, and shifting it into another
        # zone would overflow
        ctx.add("implausible-date", cal.start.isoformat(), 0.0)
        cal = None
    if cal is not None and cal.start is not None and (cal.method or "REQUEST").upper() in ("REQUEST", "PUBLISH", ""):
        shown = lists.default_tz or (msg.date.tzinfo if msg.date else None)
        if cal.all_day:
            all_day = cal  # the mail's own times, when it gives them, say more than the day
        elif shown is not None and cal.start.utcoffset() == timedelta(0):
            # an invite in UTC: show it in the user's (or the sender's) zone, same instant
            end = cal.end if cal.end is not None and _plausible(cal.end, None) else None
            start_end = (cal.start.astimezone(shown), end.astimezone(shown) if end else None)
        else:
            start_end = (cal.start, cal.end)
        ctx.add("calendar-invite", f"{cal.method or 'VEVENT'} {cal.summary[:60]}", 0.5)
    deadline: str | None = None
    found: list[Found] = []  # the moments the text gives (none read when the invite gives it)
    offered: list[tuple[datetime, datetime | None]] = []  # slots offered to choose from
    if start_end is None and msg.date is not None:
        # (a time with no zone from an employer abroad is on the employer's clock: "4/12 at 2pm
        # at our Manchester office" from brightwell.co.uk was read as 2pm in New York)
        default_tz = _message_zone(ctx) or _employer_zone(ctx) or lists.default_tz or msg.date.tzinfo or timezone.utc
        # ("(10:00 AM your time)": the user's zone, whatever zone the mail's other times are in)
        found = find_datetimes(times_text, _written_at(ctx) or msg.date, default_tz, user_tz=lists.default_tz)
        if found and not any(f.explicit_zone for f in found) and not _message_zone(ctx) \
                and (thread_tz := _thread_zone(ctx)) is not None:
            # "Thursday at 3pm works" answering "I'm free Thursday 2-5pm Pacific": the thread's zone
            ctx.add("zone-from-thread", str(thread_tz), 0.0)
            found = find_datetimes(times_text, _written_at(ctx) or msg.date, thread_tz, user_tz=lists.default_tz)
        if not found:
            found = _time_on_subject_day(ctx, times_text, default_tz)
        # "Office hours: Mon-Fri 8:30-5:30 ET" in a signature, a forwarded mail's "Sent:" line
        # are no interview
        found = [f for f in found if not _HOURS_LINE.search(
            times_text, times_text.rfind("\n", 0, f.pos) + 1, f.pos) and not _HEADER_LINE.match(
            times_text, times_text.rfind("\n", 0, f.pos) + 1)]
        if found:
            start_end = _pick_times(ctx, found, times_text)
            # ("need to push our 10am Thursday. Can you do Friday at 10am?": the pushed time
            # is the old slot, not one offered)
            n_distinct = len({f.start for f in found if not _PUSHED_TIME.search(head, max(0, f.pos - 30), f.pos)})
            if confirm and n_distinct >= 2 and _WILL_SEND_INVITE.search(confirm):
                # "Would any of these work? Reply with your pick and I'll send the invite":
                # slots offered, none booked yet
                ctx.add("invite-after-a-pick", confirm, 0.0)
                confirm = None
            elif confirm and n_distinct >= 2 and confirm.lower() == "confirm" \
                    and (pick := _CONFIRM_PICK.search(act)):
                # "Thursday at 2pm or Friday at 10am, please confirm which works": a pick asked
                ask = ask or pick.group(0)
                confirm = None
            if start_end:
                ctx.add("date-time", start_end[0].isoformat(), 0.25)
                # (the moment it came from: "arrive 15 minutes early at 9:45" starts at 10:00)
                booked = start_end[0]
                picked = min(found, key=lambda f: abs(f.start - booked))
                if _BY_DEADLINE.search(head, max(0, picked.pos - 40), picked.pos):
                    deadline = picked.text  # "please reply by Friday 5 PM": when to answer, not a slot
                tail = _SENTENCE_END.search(head, picked.end_pos)
                if tail and tail.group(0) == "?" and not confirm:
                    # "Tuesday at 2pm ET for your first interview?": a proposal, not a booking
                    ask = ask or "time proposed in a question"
            if interview_word and not confirm and not ask \
                    and len({f.start.date() for f in found if f.start > msg.date}) >= 2:
                ask = "times on several days offered"  # a list of slots to choose from
            if ask and not confirm and n_distinct >= 2:
                ctx.add("several-proposed-times", str(n_distinct), -0.2)
                start_end = None
                # the slots to choose from: the user's pick of one books it (state.py)
                offered = sorted({(f.start, f.end) for f in found if f.start > msg.date
                                  and _HAS_CLOCK.search(f.text)
                                  and not _PUSHED_TIME.search(head, max(0, f.pos - 30), f.pos)},
                                 key=lambda x: x[0])[:MAX_SLOTS]
        length = find_duration(head)
    if start_end is None and not ask and msg.date is not None and (all_day is not None or interview_word):
        # An itinerary of clock times ("9:30 AM Arrive at reception", "10:00 - 11:00 Dr. Lauren
        # Pike", ...) under the one day the mail names: in an all-day invite, or in a subject
        # ("Your Onsite Interview ... - Tuesday, December 1") above an HTML table. The interview
        # is that day's span of rows (an all-day invite's thank-you came the next morning; the
        # table's day was never joined to its rows, and the onsite was not noticed at all)
        rows = [m.group(0) for m in _CLOCK_ROWS.finditer(times_text)]
        days: set[date] = set()
        if len(rows) < 2:
            pass  # (most mail: the days are not looked for)
        elif all_day is not None and all_day.start is not None:
            days = {all_day.start.date()}
        else:
            days = {d for d in find_days(times_text, msg.date.date(), day_first=_day_first(ctx))
                    if d >= msg.date.date()}
        if len(days) == 1:
            on = days.pop()
            zone_ = _message_zone(ctx) or lists.default_tz or msg.date.tzinfo or timezone.utc
            inner = [f for f in find_datetimes(f"{on:%A}, {on:%B} {on.day}, {on.year}\n"
                                               + "\n".join(rows), _written_at(ctx) or msg.date, zone_)
                     if f.start.date() == on]
            if inner:
                start_end = (min(f.start for f in inner), max(f.end or f.start for f in inner))
                ctx.add("itinerary-of-the-day", start_end[0].isoformat(), 0.0)
    if start_end is None and all_day is not None and not ask:
        ctx.add("all-day-event", all_day.start.date().isoformat() if all_day.start else "", 0.0)
        start_end = (all_day.start, all_day.end) if all_day.start else None  # the whole day
    needs_new_time = _hit(R.RESCHEDULE_NEEDED, times_text)
    if needs_new_time and start_end and not ask and not confirm and _hit(_REBOOK, times_text):
        # "we need to push your interview to Tuesday at 10am": the new time is stated, not
        # asked for
        confirm = _hit(_REBOOK, times_text)
    fixed = cal is not None or bool(confirm) or (bool(interview_word) and not ask)
    if start_end and not _plausible(start_end[0], msg.date):
        # an invite or a date years away from the mail (a typo, or hostile mail whose dates
        # would overflow date arithmetic downstream): no interview time is read from it
        ctx.add("implausible-date", start_end[0].isoformat(), 0.0)
        start_end = None
    if start_end and fixed and not (needs_new_time and not confirm):
        if confirm:
            ctx.add("confirmation-phrase", confirm, 0.35)
        further = _hit(R.ANOTHER_ROUND, head)
        if further and not _hit(R.MOVED, head) and not _moved_here(head):
            ctx.add(ANOTHER_ROUND_RULE, further, 0.0)  # not a reschedule of one ahead (state.py)
        start, end = start_end
        if (end is None or end <= start) and length is None:
            end = _said_end(head, start)  # "Should be done by 6."
        if end is None or end <= start:
            end = start + (length or DEFAULT_LENGTH)
            if length is None:
                ctx.add(LENGTH_UNSTATED_RULE, "", 0.0)  # a move keeps the round's (state.py)
        role, company, _ = _base_fields(ctx, cal)
        people = _people_only(_interviewers(ctx, cal), company)
        host = ctx.forwarded_from or sender  # in a forward, "me" is whoever wrote the forwarded mail
        if not people and host and not _is_service(host, lists):
            people = (_signed(ctx, host),)  # a person who confirms a call and names nobody else holds it
            ctx.add(SENDER_IS_INTERVIEWER_RULE, host.email, 0.0)
        # the format of the coming interview, not of the last one ("thanks for the phone
        # interview last week ... see you tomorrow at our office")
        type_text = "\n".join(t for t in _CLAUSES.split(head) if not R.PAST_TALK.search(t)) + f"\n{cal_text}"
        itype = _interview_type(type_text, len(people), ctx)
        interview = Interview(
            start=start, end=end, type=itype, interviewers=people, role=role, company=company,
            location=(cal.location or None) if cal else None, calendar_uid=cal.uid if cal else None,
        )
        if rebook is not None:
            ctx.add(REBOOKED_RULE, rebook, 0.0)
        # "we will get back to you with a decision by December 18": a timeline stated with the
        # booking (only one after the interview: a decision does not come before it)
        # ("within two weeks of the interview": of this one, whose day is known here)
        stated = find_timeline(ctx.new, _writer_day(ctx), day_first=_day_first(ctx),
                               holiday=ctx.lists.holiday, interview=start.date()) if msg.date else None
        after = stated[0] if stated and stated[0] > start.date() else None
        if after is not None:
            ctx.add("timeline", stated[1] if stated else "", 0.0)
        return _event(ctx, Kind.INTERVIEW_CONFIRMED, interview=interview, cal=cal, timeline=after)
    if rebook is not None:
        return cancellation()  # the new time is only offered ("Thursday or Friday?")
    if _hit(R.REJECTION, act):
        return _classify_reply(ctx, job, strong_lookalike)  # "decided to move forward with another candidate"
    # A reply's subject is its thread's ("Re: next round (onsite)"): what it says is in its text
    nxt = _hit(R.NEXT_STEP, _actionable(ctx.new)[0] if _REPLY_SUBJECT.match(ctx.subject) else act)
    if (nxt or future) and not ask and not needs_new_time:
        # "we'd like to invite you to a second round", "you'll get a GoodTime link": no ask for times yet
        ctx.add("next-step", nxt or future or "", 0.6)
        return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.NEXT_STEP)
    if ask or invite or needs_new_time:
        ctx.add("availability-request", ask or invite or needs_new_time or "", 0.4)
        if needs_new_time:
            ctx.add(MOVES_ROUND_RULE, needs_new_time, 0.0)  # the booked time no longer holds (state.py)
        proposal = None
        # a day without a clock time ("your availability for w/c 30th November") proposes no slot
        clocked = start_end is not None and (not found or any(
            f.start == start_end[0] and _HAS_CLOCK.search(f.text) for f in found))
        if not start_end and len(offered) >= 2 and ask and not deadline:
            # "Thursday, December 10 at 2:00 PM or Friday, December 11 at 10:00 AM?": the
            # proposal is the first; the slots are in the evidence, for the user's pick
            for slot_start, slot_end in offered:
                if slot_end is None or slot_end <= slot_start:
                    slot_end = slot_start + (length or DEFAULT_LENGTH)
                ctx.add(f"{OFFERED_SLOT_RULE}{slot_start.isoformat()}/{slot_end.isoformat()}", "", 0.0)
            start_end = offered[0]
            clocked = True
        if start_end and clocked and ask and not deadline:
            # "Would you be available Thursday, October 8, 3-4 PM ET?", "need to push our 10am
            # Thursday - can you do Friday at 10am instead?": one slot, which the user's "works
            # for me, see you then" makes the interview (state.py; a pushed time is never it)
            start, end = start_end
            if end is None or end <= start:
                end = start + (length or DEFAULT_LENGTH)
            role, company, _ = _base_fields(ctx, cal)
            people = _people_only(_interviewers(ctx, cal), company)
            if not people and sender and not _is_service(sender, lists):
                people = (_signed(ctx, sender),)
            proposal = Interview(start=start, end=end, type=_interview_type(head, len(people), ctx),
                                 interviewers=people, role=role, company=company)
        return _event(ctx, Kind.INTERVIEW_REQUESTED, interview=proposal, cal=cal)
    return _classify_reply(ctx, job, strong_lookalike)


def _sentence_of(text: str, said: str) -> str:
    """The sentence of `text` in which `said` (a rule's lower-cased match) was found."""
    at = text.lower().find(said.lower())
    if at < 0:
        return ""
    start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), text.rfind("! ", 0, at)) + 1
    end = _SENTENCE_END.search(text, at + len(said))
    return text[start:end.end() if end else len(text)]


def _classify_reply(ctx: _Ctx, job: str | None, lookalike: bool) -> Event:
    """A received message that fixes no interview: an employer reply, an acknowledgement, or other."""
    msg, head, new = ctx.msg, ctx.head, ctx.new
    in_thread = _in_thread(ctx)
    hiring_thread = _hiring_thread(ctx)
    if lookalike and not hiring_thread:
        return _event(ctx, Kind.OTHER)
    sender = msg.from_
    org_sender = sender is not None and not _is_service(sender, ctx.lists) and not _in_domains(
        sender.domain, ctx.lists.freemail)
    if _personal(ctx, head):
        ctx.add("personal-mail", sender.email if sender else "", -0.5)
        return _event(ctx, Kind.OTHER, fields=False)
    after = _hit(R.AFTER_INTERVIEW, head) if org_sender else None  # "thanks for coming in today"
    if not job and org_sender:
        job = _hit(R.INTERVIEW, head) or after  # "thanks for a great final round" from their address
    if not (job or hiring_thread):
        return _event(ctx, Kind.OTHER, fields=False)
    offer = _hit(R.OFFER, head)
    rejection = _hit(R.REJECTION, head)
    ack = _hit(R.ACK, head)
    if rejection and not offer:
        ctx.focus = _sentence_of(head, rejection)
        ctx.add("rejection", rejection, 0.7)
        return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.REJECTION)
    if offer:
        ctx.focus = _sentence_of(head, offer)
        ctx.add("offer", offer, 0.7)
        return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.OFFER)
    if ack and not hiring_thread:
        ctx.add("application-acknowledgement", ack, 0.0)
        return _event(ctx, Kind.OTHER, automatic=True)
    human = bool(sender) and not _is_service(sender, ctx.lists) and not _bulk(ctx)  # type: ignore[arg-type]
    # an interview word alone is about a role only from an organisation's address (a parent's
    # "how did the interview go?" from free-mail is not an employer's reply)
    about_role = bool((org_sender and (_hit(R.INTERVIEW, head) or _hit(R.AFTER_INTERVIEW, head)))
                      or _hit(R.ROLE_CONTEXT, head) or offer)
    if about_role and not in_thread and not after and not _hit(R.PROCESS_REPLY, head) \
            and not any(True for _ in _titles_in(ctx.subject, None)):
        about_role = False  # a fresh mail about "a role" that refers to no process of the user's
    if not hiring_thread and not (human and about_role) and not (in_thread and human and (
            _hit(R.HIRING_THREAD, head) or (org_sender and job and _hit(R.TIMELINE_UPDATE, head)))):
        # A recruiter's own note sent through a tracking system ("we will get back to you with
        # a decision by Friday, December 11" from no-reply@greenhouse.io, Reply-To the
        # recruiter, Precedence: bulk, as such systems stamp every mail) is a reply with its
        # date (review22f c13: it was other, and the check-in came before the date). Only a
        # dated one: the system's other notices stay other.
        if about_role and _relayed_for_a_person(ctx) and msg.date is not None:
            said = find_timeline(new, _writer_day(ctx), day_first=_day_first(ctx),
                                 holiday=ctx.lists.holiday)
            if said is not None and _hit(R.TIMELINE_UPDATE, head):
                return _timeline_reply(ctx, said, None, "timeline-relayed")
        # a fresh mail that merely mentions a job: news, alerts, outreach
        return _event(ctx, Kind.OTHER, fields=False)
    # A reply's subject is its thread's ("Re: next round (onsite)"): what it says is in its text
    nxt = _hit(R.NEXT_STEP, new if _REPLY_SUBJECT.match(ctx.subject) else head)
    if nxt:
        ctx.focus = _sentence_of(head, nxt)
        ctx.add("next-step", nxt, 0.6)
        return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.NEXT_STEP)
    upd = _hit(R.TIMELINE_UPDATE, head)
    timeline = find_timeline(new, _writer_day(ctx), day_first=_day_first(ctx),
                             holiday=ctx.lists.holiday) if msg.date else None
    if timeline or upd:
        return _timeline_reply(ctx, timeline, upd, "timeline")
    ctx.add("employer-reply-in-thread", ctx.subject, 0.5)
    return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.OTHER)


def _timeline_reply(ctx: _Ctx, timeline: tuple[date, str] | None, cue: str | None,
                    rule: str) -> Event:
    """An employer reply that states when they will be in touch: the date and sentence
    `find_timeline` read, else the cue without a date (`R.TIMELINE_UPDATE`'s match)."""
    ctx.focus = timeline[1] if timeline else _sentence_of(ctx.head, cue or "")
    ctx.add(rule, timeline[1] if timeline else (cue or ""), 0.6)
    if timeline and counts_from_interview(timeline[1]):
        # "a decision within two weeks of your interview": the date is counted from this
        # mail; state.py counts it from the interview's day, which only the process knows
        ctx.add(TIMELINE_FROM_INTERVIEW_RULE, "", 0.0)
    return _event(ctx, Kind.EMPLOYER_REPLY, reply=ReplyKind.TIMELINE_UPDATE,
                  timeline=timeline[0] if timeline else None)


# The evidence rule of a confirmation that names a further round (state.py reads it)
ANOTHER_ROUND_RULE = "another-round"
# A slot of several offered ("offered-slot@<start>/<end>", ISO) and the one my answer picks
# ("picks-time@<YYYY-MM-DDTHH:MM>", the wall time I wrote, or an ISO time with its offset,
# or "W<weekday, 0 = Sunday>T<HH:MM>" for "Wednesday at 10"):
# state._accepts_proposal books the slot picked
OFFERED_SLOT_RULE = "offered-slot@"
PICKS_TIME_RULE = "picks-time@"
MAX_SLOTS = 6
NAMED_ROUND_EVIDENCE = "names-round-"  # + "2", "3" ... or "final": state.NAMED_ROUND_EVIDENCE
SENDER_IS_INTERVIEWER_RULE = "sender-is-interviewer"  # a guess: state._confirm keeps named ones
LENGTH_UNSTATED_RULE = "length-unstated"  # the 60 minutes are a guess: a move keeps the known length
ITS_PEOPLE_ONLY_RULE = "its-people-only"  # mail of mine with no job word: link.py joins it by address only
MOVES_ROUND_RULE = "moves-the-round"  # a request for new times for a booked round: state calls it off
REBOOKED_RULE = "rebooked"  # a cancellation that books another time: state._same_round moves
# a stated timeline counted from the mail that the mail counts from the interview: state.py moves it
TIMELINE_FROM_INTERVIEW_RULE = "timeline-from-interview"
_SUBJECT_WITH = re.compile(rf"\b(?i:interview|call|chat|meeting|screen)\s+(?i:with)\s+({_WORD})\s*(?:$|[-–|:,(])")
_CLOCK_ROWS = re.compile(r"^[ \t]*\d{1,2}:\d{2}[ \t]*(?:[ap]\.?m\.?)?(?![\w:])[^\n]*", re.IGNORECASE | re.MULTILINE)
_CLAUSES = re.compile(r"[.!?;,]\s+|\n")
_ACCEPTS = re.compile(r"\b(?:works|work)\s+(?:great\s+|well\s+|perfectly\s+|best\s+)?for\s+me\b|\bsee\s+you\s+then\b"
                      r"|\b(?:would\s+be|is)\s+(?:great|perfect|ideal|fine|good)\s+for\s+me\b|\bsounds\s+(?:good|great|perfect)\b",
                      re.I)
_DECLINES = re.compile(r"\b(?:doesn't|does\s+not|won't|can't|cannot|not)\s+(?:work|be\s+available|available|make)"
                       r"|\breschedul|\bprefer\b|\binstead\b|\bunfortunately\b|\btaken\b|\bconflict", re.I)
# the words just before a time that make it a reply-by deadline ("respond by", "no later than")
_BY_DEADLINE = re.compile(r"(?<!stop\s)(?<!come\s)(?<!drop\s)(?<!swing\s)(?<!pop\s)"  # "stop by Tuesday"
                          r"\b(?:by|before|until|no\s+later\s+than|deadline(?:\s+is)?)[\s:,]*$", re.I)
_CONFIRM_PICK = re.compile(r"\bconfirm\s+(?:which|whichever|whether|if)\b", re.IGNORECASE)
_WILL_SEND_INVITE = re.compile(r"\b(?:i|we)(?:'ll|\s+will)\s+send\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.?!\n]")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n\s*\n")


def _actionable(text: str) -> tuple[str, str]:
    """`text` without sentences whose interview talk hangs on a later decision or mail
    ("if your background matches we'll contact you to schedule an interview", "you'll get a
    scheduling link from GoodTime"), and the first sentence dropped ('' when none was)."""
    if not (R.HYPOTHETICAL.search(text) or R.FUTURE_SCHEDULING.search(text)):
        return text, ""
    kept, dropped = [], ""
    for sentence in _SENTENCES.split(text):
        if R.HYPOTHETICAL.search(sentence) or R.FUTURE_SCHEDULING.search(sentence):
            dropped = dropped or sentence.strip()
            continue
        kept.append(sentence)
    return "\n".join(kept), dropped


_REPLY_SUBJECT = re.compile(r"^\s*(?:re|aw|sv|antw)\s*:", re.IGNORECASE)


# Look-alike families that make a mail "other" (unless it is in a hiring thread) ...
_HARD_LOOKALIKES = frozenset({"press", "appointment", "webinar", "order", "sales", "newsletter", "peer", "internal", "admissions",
                              "reference"})
# ... even when it says "your interview" and names a job (a sales team's demo can name a job; a
# podcast, a clinic, an exit interview or an admissions interview is never the user's hiring process).
# An opening the mail is about: "for the Registered Nurse position", "the role of ..."
_OPENING = re.compile(
    r"\b(?:interview\w*|appl(?:y|ied|ying|ication))\s+(?:for|to)\s+(?:the|our|a|an|this|your)\s+"
    r"(?:[\w/&'’,-]+\s+){0,5}(?:position|role|vacancy|opening|post)\b|\b(?:position|role|post)\s+(?:of|as)\s+",
    re.IGNORECASE)
# Look-alike families whose words an employer's own name or field may hold ("General Hospital",
# "newsroom", "admissions office"): a named opening outweighs them (never "peer", "internal")
_OPENING_OVERRIDES = frozenset({"appointment", "press", "admissions", "newsletter", "webinar", "order",
                                "sales"})
# What a benefits office's interview is about (it talks of jobs and positions too)
_BENEFITS = re.compile(r"\b(?:unemploy\w*|benefits?\s+(?:claim|eligib\w*)|eligibility|case\s*workers?|claimant"
                       r"|re-?employment|jobcenter|arbeitslos\w*|b[üu]rgergeld|arbeitsagentur|agentur\s+f[üu]r\s+arbeit)\b",
                       re.IGNORECASE)
# The mail speaks to the user of their own interview: "your panel interview", "your
# application", "you'll meet" (the hiring process's words, where a look-alike's are "your
# appointment", "your demo")
_PERSONAL = re.compile(
    rf"\byour\s+(?:{_ROUND_KIND}\s+){{0,2}}(?:interview|application|candidacy|call|conversation)\b"
    r"|\bwith\s+you\b|\byou(?:'ll|\s+will)\s+(?:meet|speak)", re.IGNORECASE)
_NEVER_OURS = frozenset({"press", "appointment", "order", "webinar", "newsletter", "peer", "internal", "admissions",
                         "reference"})
# A mail that speaks to its reader: "you", a greeting, German "Sie"/"Ihr".
_ADDRESSED = re.compile(r"\byou|\b(?:dear|hi|hello|hey|hallo|liebe[rs]?|guten\s+tag)\b|\b(?:Sie|Ihr\w*)\b", re.IGNORECASE)
_YOUR_ROUND = re.compile(
    r"\byour\s+(?:\w+\s+)?(?:onsite|on-site|round|call|conversation|chat|screen)\b"
    # "Congrats on making it to the final round!" (not "... of the hackathon")
    r"|\btake[- ]home\b|\binvite\s+you\s+to\s+(?:the|a|our)\s+(?:\w+\s+)?(?:round|stage)\b"
    r"|\b(?:making|made|make|moved?|moving|progress(?:ed|ing)?|advanc(?:ed|ing)|through)\s+(?:it\s+)?(?:on\s+)?"
    r"to\s+the\s+(?:\w+\s+)?(?:round|stage)\b(?!\s+of\s+(?:the\s+|our\s+)?(?:\w+\s+)?(?:hackathon|competition"
    r"|contest|challenge|tournament|pitch|awards?|games?|league))", re.IGNORECASE)


def _subject_names_me(ctx: _Ctx) -> bool:
    """The subject carries the name my mail is addressed to ("Alex Wong - HM interview")."""
    names = {a.name.strip().lower() for a in (*ctx.msg.to, *ctx.msg.cc)
             if a.email in ctx.lists.me and len(a.name.split()) >= 2}
    subject = ctx.subject.lower()
    return any(n in subject for n in names)


def _hiring_context(ctx: _Ctx, act: str) -> bool:
    """Hiring words, a job thread, a job title as the subject, or "your onsite"."""
    subject = _REPLY_SUBJECT.sub("", ctx.subject)
    return bool(_hit(R.HIRING_CONTEXT, act) or _hiring_thread(ctx) or _YOUR_ROUND.search(act)
                or any(True for _ in _titles_in(subject, None)))


def _personal(ctx: _Ctx, act: str) -> bool:
    """Mail from a free-mail address that is about the user's search, not part of it: family and
    friends ("good luck on the interview!", "how was the onsite?") name no role, position or
    application; a recruiter writing from free-mail does."""
    sender = ctx.msg.from_
    if sender is None or not _in_domains(sender.domain, ctx.lists.freemail):
        return False
    if _hit(R.PERSONAL, act):
        return not _hit(R.PROCESS_SIGNALS, act)
    return not (_hit(R.HIRING_CONTEXT, act) or _hit(R.INTERVIEW_STRONG, act) or _subject_title(ctx.subject)
                or any(True for _ in _titles_in(_REPLY_SUBJECT.sub("", ctx.subject), None)))


def _subject_title(subject: str) -> str | None:
    """The job title a reply's subject consists of ("RE: Staff Machine Learning Engineer")."""
    bare = subject
    while _REPLY_SUBJECT.match(bare):
        bare = _REPLY_SUBJECT.sub("", bare, count=1).strip()
    bare = _THANKS_HEAD.sub("", bare)  # "Thank you - Staff Engineer": my thank-you's subject
    return _title(bare, None) if bare and _ROLE_NOUN_RE.search(bare) else None


_THANKS_HEAD = re.compile(r"^(?:thank\s+you|thanks|following\s+up|follow[- ]up|checking\s+in)\s*[-–—:|]\s*",
                          re.IGNORECASE)


def _in_thread(ctx: _Ctx) -> bool:
    """The message answers an earlier one (headers or a reply subject)."""
    msg = ctx.msg
    return bool(msg.in_reply_to or msg.references or _REPLY_SUBJECT.match(ctx.subject))


_MY_REFERENCES = re.compile(r"\s*(?:(?:re|aw|fw|fwd)\s*:\s*)*(?:your\s+|my\s+|professional\s+)?(?:references"
                            r"|reference\s+(?:checks?|calls?))\s*(?:[-–:|,]|$)", re.IGNORECASE)


def _hiring_thread(ctx: _Ctx) -> bool:
    """A reply whose subject or quoted history is about a job or an interview (computed once)."""
    if ctx.hiring_thread is None:
        thread_text = f"{ctx.subject}\n{ctx.old[:4000]}"
        h = ctx.msg.headers
        mailing_list = bool(h.get("list-id")) or h.get("precedence", "").strip().lower() in ("bulk", "list")
        # a hiring word in the thread, not any word of the family ("a similar position", "the job")
        sender = ctx.msg.from_
        # the quoted history makes it a hiring thread only when the sender takes part in it
        # (a friend's "see you Wednesday!" above a quoted confirmation is not the employer's reply)
        quoted = ctx.old[:4000].lower()
        quoted_by_sender = (sender is not None and bool(sender.domain) and registrable(sender.domain) in quoted) or any(
            a in quoted for a in ctx.lists.me) or bool(sender and sender.name and sender.name.lower() in quoted)
        thread_text = ctx.subject + ("\n" + ctx.old[:4000] if quoted_by_sender else "")
        ctx.hiring_thread = _in_thread(ctx) and not mailing_list and bool(
            _hit(R.INTERVIEW_STRONG, thread_text) or _hit(R.HIRING_THREAD, thread_text) or _subject_title(ctx.subject)
            # "RE: References", "Re: Reference check - Alex Wong": my references, asked for by the employer
            or _MY_REFERENCES.match(_REPLY_SUBJECT.sub("", ctx.subject).lstrip(" :"))
            # "RE: Tallgrass - Data Engineer - scheduling", "RE: Everstone - Operations Analyst"
            or any(True for _ in _titles_in(_REPLY_SUBJECT.sub("", ctx.subject), None)))
    return ctx.hiring_thread


def explain(event: Event) -> str:
    """Human-readable lines: the verdict, then each rule that fired and its weight."""
    lines = [f"{event.kind.value}" + (f" ({event.reply.value})" if event.reply else "")
             + f", confidence {event.confidence:.2f}, {event.direction.value}"
             + (", automatic" if event.automatic else "")]
    for ev in event.evidence:
        sign = "+" if ev.weight > 0 else ("-" if ev.weight < 0 else " ")
        lines.append(f"  {sign} {ev.rule:<28} {abs(ev.weight):.2f}  {ev.detail}")
    if event.interview:
        iv = event.interview
        who = ", ".join(str(a) for a in iv.interviewers) or "?"
        lines.append(f"  interview: {iv.start.isoformat()} - {iv.end.isoformat()}, {iv.type or '?'}, with {who}")
    if event.role or event.company or event.employer_domain:
        lines.append(f"  role: {event.role or '?'}; company: {event.company or '?'}; employer domain: {event.employer_domain or '?'}")
    if event.stated_timeline:
        lines.append(f"  stated timeline: {event.stated_timeline.isoformat()}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- quick look

def _raw_forms(ch: str) -> list[bytes]:
    """How a non-ASCII letter may look in a lower-cased raw message: UTF-8 or Latin-1, as is
    or quoted-printable (a Q-encoded header too), or an HTML entity; either case."""
    out: list[bytes] = []
    for c in dict.fromkeys((ch, ch.upper())):
        for enc in ("utf-8", "latin-1"):
            try:
                b = c.encode(enc)
            except UnicodeEncodeError:
                continue
            out += [b, b"".join(b"=%02x" % x for x in b)]
        cp = ord(c)
        name = html.entities.codepoint2name.get(cp)
        out += [f"&{name};".lower().encode()] if name else []
        out += [f"&#{cp};".encode(), f"&#x{cp:x};".encode()]
    return [re.escape(b) for b in dict.fromkeys(out)]


def raw_pattern(pattern: str) -> bytes:
    """A str keyword pattern (matched on decoded, lower-cased text) as a bytes pattern for raw
    lower-cased mail that matches at least where the text would: each non-ASCII letter, alone
    or in a [class], becomes the alternatives of `_raw_forms`, and a \\b next to one is dropped
    (in bytes the letter is no word character, so the boundary would fall elsewhere)."""
    out: list[bytes] = []
    i, n = 0, len(pattern)
    wide_before = False  # the last element written was a non-ASCII letter or class with one
    while i < n:
        c = pattern[i]
        if c == "\\" and i + 1 < n:
            if pattern[i + 1] == "b":
                nxt = pattern[i + 2:i + 3]
                cls = re.match(r"\[[^\]]*\]", pattern[i + 2:])
                if wide_before or (nxt and not nxt.isascii()) or (cls and not cls.group(0).isascii()):
                    i += 2
                    continue
            out.append(pattern[i:i + 2].encode())
            wide_before = False
            i += 2
            continue
        if c == "[":
            m = re.match(r"\[(\^?\]?(?:\\.|[^\]])*)\]", pattern[i:])
            if m is None:
                raise ValueError(f"unreadable class at {i} in {pattern[:60]!r}")
            body = m.group(1)
            i += m.end()
            wide = [ch for ch in body if not ch.isascii()]
            if not wide:
                out.append(f"[{body}]".encode())
                wide_before = False
                continue
            if body.startswith("^") or re.search(r"-.?[^\x00-\x7f]|[^\x00-\x7f]-", body):
                raise ValueError(f"negated class or range with a non-ASCII letter: [{body}]")
            narrow = "".join(ch for ch in body if ch.isascii())
            alts = ([f"[{narrow}]".encode()] if narrow else []) + [f for ch in wide for f in _raw_forms(ch)]
            out.append(b"(?:" + b"|".join(alts) + b")")
            wide_before = True
            continue
        if not c.isascii():
            out.append(b"(?:" + b"|".join(_raw_forms(c)) + b")")
            wide_before = True
        else:
            out.append(c.encode())
            wide_before = False
        i += 1
    return b"".join(out)


# Every word `classify` needs before a received message can be more than `other`: the interview
# and job families, the hiring-thread family, an employer's thanks for coming in, a role noun
# (a reply whose subject is a job title).
_QUICK = re.compile(
    b"|".join(b"(?:" + raw_pattern(f.pattern.pattern) + b")"
              for f in (R.INTERVIEW, R.JOB, R.HIRING_THREAD, R.AFTER_INTERVIEW))
)
# "\n" + lower-cased raw: a literal newline first is found by a fast scan (see _PF_SUBJECT_LINE)
_QUICK_TITLE = re.compile(rb"\nsubject:[^\n]*\b" + R.ROLE_NOUN.encode() + rb"s?\b")
# An RFC 2047 word in base64 ("=?utf-8?b?...?="): a subject or name that cannot be read here
_ENCODED_WORD_B64 = re.compile(rb"=\?[\w.-]+\?b\?")


def quick_look(raw: bytes) -> bool:
    """A second cheap look, at the whole raw message, before parsing it: False when no word
    that could make a received message more than `other` is anywhere in it (headers, body,
    quoted history), nor a job title in its subject. A non-ASCII letter of those words is
    looked for in UTF-8, Latin-1, quoted-printable and as an HTML entity. Base64 bodies and
    base64 RFC 2047 words cannot be read this way and always pass; so do invites."""
    low = raw.lower().replace(b"=\r\n", b"").replace(b"=\n", b"")  # undo QP soft breaks
    return (b"base64" in low or b"begin:vcalendar" in low or _ENCODED_WORD_B64.search(low) is not None
            or _QUICK.search(low) is not None or _QUICK_TITLE.search(b"\n" + low) is not None)


# ---------------------------------------------------------------------------- prefilter

_PF_SUBJECT = re.compile(
    rb"interview|screen|call\b|chat\b|meet|schedul|availab|invit|calendar|event|appointment|offer|position|role\b"
    rb"|application|applied|candida|opportunit|next step|update|follow|thank|job|career|hiring|recruit|talent"
    rb"|decision|status|reschedul|cancel|confirm|conversation|talk|connect|round|onsite|on-site|visit|time\b"
    rb"|engineer|developer|manager|designer|analyst|scientist|director|lead\b|intern\b|gespr|bewerb|termin|einladung"
    # the rest of the classifier's interview and job words that only hiring mail uses
    rb"|entretien|superday|resum|r(?:\xc3\xa9|\xe9)sum|\bcv\b|vacanc|stelle|opening|requisition|applicant|applying"
    rb"|=\?|^\s*$",
    re.IGNORECASE,
)
# Header lines are matched on "\n" + the lower-cased block: a pattern that starts with a
# literal newline is found by a fast scan for it, where "^" with MULTILINE|IGNORECASE tries
# every position (this check runs on the headers of every message of a first sync).
_PF_SUBJECT_LINE = re.compile(rb"\nsubject:[ \t]*(.*(?:\r?\n[ \t].*)*)")
_PF_FROM_LINE = re.compile(rb"\n(?:from|sender|reply-to):[ \t]*(.*(?:\r?\n[ \t].*)*)")
_PF_CALENDAR = re.compile(rb"\ncontent-type:[ \t]*(?:text/calendar|application/ics)")
_PF_BULK = re.compile(rb"\n(?:list-id|precedence:[ \t]*(?:bulk|list|junk))")
_PF_STRONG = re.compile(
    rb"interview|schedul|availab|invitation|offer|applica|candida|gespr|bewerb|onsite|on-site|superday"
    rb"|entretien|screen",
    re.IGNORECASE,
)


@lru_cache(maxsize=32)
def _pf_lists(settings: ClassifierSettings) -> tuple[tuple[bytes, ...], re.Pattern[bytes] | None, re.Pattern[bytes] | None]:
    lists = _lists(settings)
    me = tuple(a.encode() for a in lists.me)
    ats = re.compile(rb"@(?:[\w-]+\.)*(?:" + b"|".join(re.escape(d.encode()) for d in sorted(lists.ats)) + rb")\b", re.I)
    # matched on the lower-cased header block; non-ASCII letters in any encoding (raw_pattern)
    extra = [raw_pattern(re.escape(p.lower())) for p in settings.interview_phrases if p.strip()]
    phr = re.compile(b"|".join(extra)) if extra else None
    return me, ats, phr


_PF_FREEMAIL_FROM = re.compile(rb"\nfrom:[^\n]*@([\w.-]+)")
_PF_SERVICE_FROM = re.compile(
    rb"\nfrom:[^\n]*[<\s:](?:no-?reply|do-?not-?reply|news\w*|notifications?|alerts?|digest|marketing|mailer-daemon|postmaster|bounces?|owner-|[\w.-]*-(?:request|admin|bounces))[\w.+-]*@",
)


def prefilter(header_block: bytes, settings: ClassifierSettings) -> bool:
    """Cheap first look at the raw headers: False means certainly not interview-related.

    Never False for mail from the user, from an ATS or scheduler, or with a calendar part at the
    top. Otherwise False only for (a) list and bulk mail, (b) mail from a no-reply, newsletter or
    list address, and (c) mail from a free-mail sender, when its subject has no word of the
    interview/hiring family (or one the check cannot read cheaply).
    """
    me, ats, phrases = _pf_lists(settings)
    low = b"\n" + header_block.lower()  # see _PF_SUBJECT_LINE
    froms = b" ".join(m.group(1) for m in _PF_FROM_LINE.finditer(low))
    if any(a in froms for a in me):
        return True
    if ats is not None and ats.search(froms):
        return True
    if _PF_CALENDAR.search(low):
        return True
    m = _PF_SUBJECT_LINE.search(low)
    subject = m.group(1) if m else b""
    if phrases is not None and phrases.search(subject):
        return True
    if _PF_BULK.search(low):
        # lists and bulk mail: only a strong word in the subject earns a full read
        return bool(_PF_STRONG.search(subject))
    if _PF_SUBJECT.search(subject):
        return True
    if _PF_SERVICE_FROM.search(low):
        return False
    fm = _PF_FREEMAIL_FROM.search(low)
    if fm:
        domain = fm.group(1).lower().rstrip(b">.").decode("ascii", "replace")
        if _in_domains(domain, _lists(settings).freemail):
            return False
    return True
