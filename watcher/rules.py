"""The classifier's built-in word lists and patterns (users ADD to the lists via config).

Patterns are keyword families, not examples: each names a way people write about interviews
or about something that only looks like one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

# Applicant-tracking systems, schedulers and calendar services that send on an employer's behalf.
ATS_DOMAINS: tuple[str, ...] = (
    "greenhouse.io", "greenhouse-mail.io", "lever.co", "hire.lever.co", "ashbyhq.com",
    "ashby.io", "myworkday.com", "myworkdayjobs.com", "workday.com", "goodtime.io",
    "calendly.com", "smartrecruiters.com", "icims.com", "jobvite.com", "taleo.net",
    "successfactors.com", "successfactors.eu", "sapsf.com", "bamboohr.com", "workable.com",
    "workablemail.com", "recruitee.com", "jazzhr.com", "applytojob.com", "jazz.co",
    "teamtailor.com", "teamtailor-mail.com", "modernloop.io", "gem.com", "paradox.ai",
    "hirevue.com", "breezy.hr", "breezyhr.com", "personio.de", "personio.com", "pinpointhq.com",
    "rippling.com", "bamboo.hr", "freshteam.com", "zohorecruit.com", "zoho.com", "comeet.co",
    "comeet.com", "homerun.co", "jobscore.com", "clearcompany.com", "ultipro.com",
    "ukg.com", "oraclecloud.com", "taleo.com", "brassring.com", "avature.net", "phenom.com",
    "phenompeople.com", "beamery.com", "eightfold.ai", "dover.com", "dover.io",
    "wellfound.com", "angel.co", "hired.com", "otta.com", "welcometothejungle.com",
    "indeed.com", "indeedemail.com", "linkedin.com", "ziprecruiter.com", "glassdoor.com",
    "dice.com", "monster.com", "stepstone.de", "xing.com", "handshake.com", "joinhandshake.com",
    "calendar.google.com", "outlook.office365.com", "office365.com",
    "teams.microsoft.com", "zoom.us", "doodle.com", "youcanbook.me",
    "acuityscheduling.com", "chilipiper.com", "hubspot.com", "savvycal.com", "cal.com",
    "prelude.co", "yello.co", "interviewplanner.com", "coderpad.io", "hackerrank.com",
    "codility.com", "codesignal.com", "karat.com", "sendgrid.net", "mailgun.org",
    "amazonses.com", "mandrillapp.com", "mcsv.net", "mailchimp.com",
    # public sector and academia: NEOGOV, USAJOBS, PeopleAdmin, Interview Exchange; Cornerstone
    "governmentjobs.com", "neogov.com", "schooljobs.com", "usajobs.gov", "peopleadmin.com",
    "interviewexchange.com", "csod.com", "hireology.com", "applicantpro.com",
)

# Free-mail providers: never an employer's domain, never a link between threads.
FREEMAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "aol.com",
    "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "fastmail.com",
    "fastmail.fm", "hey.com", "zoho.com", "zohomail.com", "gmx.de", "gmx.net", "gmx.com",
    "web.de", "t-online.de", "posteo.de", "posteo.net", "mailbox.org", "tutanota.com",
    "tuta.io", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com",
    "naver.com", "rediffmail.com", "free.fr", "orange.fr", "laposte.net", "libero.it",
    "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net", "earthlink.net",
    "cox.net", "charter.net", "btinternet.com", "sky.com", "virginmedia.com", "shaw.ca",
    "rogers.com", "bigpond.com", "optusnet.com.au", "seznam.cz", "wp.pl", "o2.pl", "interia.pl",
)

# Second-level labels under which the registrable name sits one label deeper (acme.co.uk).
COUNTRY_SECOND_LEVEL = frozenset({"co", "com", "ac", "gov", "org", "net", "edu", "or", "ne"})

NOREPLY_LOCAL = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|notifications?|notify|mailer[-_]daemon"
    r"|postmaster|webmaster|bounces?|alerts?|news(?:letter)?|updates?|info|hello|marketing|digest|announce\w*|list\w*|owner-\S+|rss\w*|feeds?"
    r"|calendar[-_]?notification|invitations?|jobs?[-_]?alerts?)(?:[+-].*)?$",
    re.IGNORECASE,
)

# Words that continue a company's name after the part its domain spells ("Vandelay Industries"
# at vandelay.com, "Contoso Group" at contoso.com).
ORG_WORDS = re.compile(
    r"^(?:industries|group|labs?|systems|technologies|technology|solutions|partners|holdings|bank|airlines?|software"
    r"|media|health|healthcare|capital|consulting|studios?|games|robotics|energy|foods?|motors|networks|pharma\w*"
    r"|logistics|insurance|communications|research|ventures|analytics|digital|interactive|dynamics|works|company"
    r"|enterprises|international|global|financial|bio\w*|therapeutics|security|cloud|data|ai|retail|brands|electric"
    r"|corporation|university|college|institute|school|hospital|foundation|museum|library|council|agency)$",
    re.IGNORECASE,
)

# Display-name parts that are not the company: "Acme Recruiting", "Jane at Acme".
COMPANY_SUFFIX_WORDS = re.compile(
    r"\s*(?:[-|,–—·]\s*)?\b(?:recruiting|recruitment|recruiters?|talent(?:\s+acquisition)?"
    r"(?:\s+team)?|careers?|hiring(?:\s+team)?|people(?:\s+team|\s+ops)?|hr|human\s+resources"
    r"|jobs|team|scheduling|interviews?|coordinator|notifications?|via\s+\S+.*)\s*$",
    re.IGNORECASE,
)


@lru_cache(maxsize=16)
def lower(text: str) -> str:
    """`text` lower-cased; the few texts of one message are lowered once, not once per family."""
    return text.lower()


def _score(lits: set[str]) -> tuple[int, int]:
    """How selective a set of alternatives is: its shortest literal, then fewer of them."""
    return (min(len(x) for x in lits), -len(lits))


def _required(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Literals one of which every match of the parsed sequence `items` contains, picked for
    being long (a class, an optional part or a lookaround only split literal runs); None when
    no such set is known."""
    options: list[set[str]] = []
    lit = ""
    for op, av in items:
        if op is _c.LITERAL:
            lit += chr(av)
            continue
        if lit:
            options.append({lit})
            lit = ""
        sub: set[str] | None = None
        if op is _c.SUBPATTERN and not (av[1] & re.IGNORECASE):
            sub = _required(list(av[3].data))
        elif op is _c.BRANCH:
            alts = [_required(list(a.data)) for a in av[1]]
            sub = None if any(a is None for a in alts) else set().union(*alts)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            sub = _required(list(av[2].data))
        if sub:
            options.append(sub)
    if lit:
        options.append({lit})
    return max(options, key=_score) if options else None


def anchors_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of `pattern` contains, shortest first and none
    containing another; None when the pattern cannot tell (IGNORECASE, or an alternative
    without any literal it must contain)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        heads = _required(list(_parser.parse(pattern.pattern, pattern.flags).data))
    except Exception:  # a private module whose shape changed: just never skip
        return None
    if not heads or "" in heads:
        return None
    kept: list[str] = []
    for h in sorted(heads, key=lambda x: (len(x), x)):
        if not any(k in h for k in kept):  # "offer" present whenever "offers" is
            kept.append(h)
    return tuple(kept)


class Family:
    """A case-insensitive keyword family, matched against the lower-cased text.

    Python's `re` with IGNORECASE is several times slower on long alternations than a
    case-sensitive pattern on lower-cased text, and these families run on every message.
    The match's text (and groups) are therefore lower-case. Most families can only match at
    contain one of a few literals (`anchors`): a text without any is not searched, and `in` on a
    str is many times faster than a regex scan that tries its alternatives at every position.
    """

    __slots__ = ("anchors", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)
        self.anchors = anchors_of(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """The first match in `text` (case-insensitive), or None."""
        low = lower(text)
        if self.anchors is not None and not any(a in low for a in self.anchors):
            return None
        return self.pattern.search(low)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match in `text`, case-insensitive."""
        low = lower(text)
        if self.anchors is not None and not any(a in low for a in self.anchors):
            return iter(())
        return self.pattern.finditer(low)


def _rx(pattern: str) -> Family:
    return Family(pattern)


# Words that name a job interview only in hiring context ("onsite", "first round", "team call").
INTERVIEW_WEAK = _rx(
    r"\bon-?site\b|\b(?:technical|recruiter|hiring[- ]manager|intro(?:ductory)?|initial|first"
    r"|second|third|final|next|virtual|video|phone|telephone|panel|follow-up|culture|team|onsite)"
    r"[- ](?:round|screen|chat|call|conversation|interview)s?\b"
    # the rounds Indian employers name ("Managerial Round", "HR round", "techno-managerial round")
    r"|\b(?:managerial|techno-managerial|hr|coding|leadership|director|behaviou?ral|bar[- ]raiser|client)\s+rounds?\b"
    r"|\b(?:first|second|third|final|next)[- ]stage\b(?!\s+of\b)"
    r"|\b(?:portfolio|design|code|case[- ]study|system[- ]design|architecture)\s+(?:review|presentation|session|exercise|walkthrough)\b"
    r"|\bpairing\s+(?:session|exercise|interview)\b|\bwhiteboard(?:ing)?\s+(?:session|exercise)\b"
    # a live walk-through of the take-home with the team: "a 45-minute review session"
    r"|\btake[- ]home\s+(?:review|debrief|walk-?through|presentation|discussion)\b|\b(?:\d+-minute\s+)?review\s+session\b"
)
_INTERVIEW_STRONG = (
    r"\binterview(?:s|ing)?\b|\bphone[- ]screen(?:ing)?\b|\bscreening\s+call\b|\bsuperday\b"
    r"|\b(?:vorstellungsgespr[äa]ch|bewerbungsgespr[äa]ch|kennenlerngespr[äa]ch|entretien)\w*"
)
# Words that name a job interview whatever the context.
INTERVIEW_STRONG = _rx(_INTERVIEW_STRONG)
INTERVIEW = _rx(_INTERVIEW_STRONG + "|" + INTERVIEW_WEAK.pattern.pattern)
# Words that put a weak interview word or a meeting in hiring context.
HIRING_CONTEXT = _rx(
    r"\b(?:role|position|candidacy|opening|vacancy|hiring\s+(?:manager|process|team)|recruit(?:er|ing|ment)|requisition|staffing)\b"
    r"|\b(?:your|job|the)\s+application\b|\bappl(?:ied|ying)\b|\bcandidates?\b|\bresum[eé]\b|\bcv\b|\bjob\b|\bcareers?\b"
)
JOB = _rx(
    r"\b(?:(?:position|role|candidate|application|applicant|opening|job|career|resume|résumé|requisition"
    r"|offer|team|bewerbung)s?|candidacy|applied|applying|hiring|recruit\w*|talent|cv|req|stelle|stellen"
    r"|vacanc(?:y|ies)|opportunit(?:y|ies)|interview\w*)\b|\byour\s+appointment\s+as\b"
)
# The message fixes a time: confirmation wording.
CONFIRM = _rx(
    r"\bconfirm(?:ed|ing|ation)?\b|\b(?:is|are|has\s+been|have\s+been|been|now|you(?:'re|\s+are)(?:\s+all)?)"
    r"\s+(?:scheduled|booked|set(?:\s+up)?|confirmed|locked\s+in|on\s+the\s+calendar)\b"
    r"|\bscheduled\s+(?:for|on)\b|\binvitation:|\bcalendar\s+invit\w*|\b(?:sent|send(?:ing)?)\s+(?:you\s+)?(?:an?\s+)?(?:calendar\s+)?invite"
    r"|\bsee\s+you\s+(?:on|then|tomorrow|next|at|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\blook(?:ing)?\s+forward\s+to\s+(?:speaking|talking|meeting|chatting|seeing)\s+(?:with\s+)?you\s+(?:on|tomorrow|next|at|this)\b"
    r"|\breschedul\w+\s+(?:to|for)\b|\bnew\s+time\b|\bhas\s+been\s+(?:moved|rescheduled|changed)\b"
    r"|\bhere\s+(?:are|is)\s+(?:the|your)\s+(?:details|schedule|itinerary)\b|\byour\s+(?:interview\s+)?(?:schedule|itinerary|agenda)\b"
    r"|\bbest[aä]tig\w*|\blocked\s+in\b|\ball\s+set\b|\bwe(?:'ll|\s+will)\s+call\s+you\s+(?:at|on)\b"
    r"|\b(?:i|we)(?:'ll|\s+will)\s+(?:give\s+you\s+a\s+(?:call|ring)|call\s+you|ring\s+you|phone\s+you)\s+(?:on|at|tomorrow)\b"
    r"|\bjoin\s+(?:the\s+)?(?:zoom|meeting|call)\b|\b(?:i|we)(?:'ve|\s+have)\s+(?:booked|scheduled|set\s+up|arranged)\b"
    r"|\blet's\s+(?:do|go\s+with|plan\s+on|lock\s+in|book|say)\b|\bhave\s+you\s+(?:down|booked|scheduled|pencil+ed\s+in)\s+for\b|\bpencil+ed\s+(?:you\s+)?in\b|\b(?:i|we)(?:'ll|\s+will)\s+send\s+(?:you\s+|over\s+)?(?:an?|the)\s+"
    r"(?:calendar\s+|teams\s+|zoom\s+|meeting\s+|(?:google\s+)?meet\s+|video\s+|webex\s+)?(?:invite|invitation|link)\b"
)
# The message asks for a time (no fixed time yet).
# The message asks the candidate for a time (no fixed time yet).
ASK_TIME = _rx(
    r"\b(?:your|some|a\s+few|a\s+couple\s+of|several)\s+(?:availability|available\s+times|times?\s+that\s+work|times\b|slots\b|dates\b|windows\b)"
    r"|\btimes?\s+that\s+(?:would\s+)?(?:work|suit)|\bwhich\s+of\s+(?:these|the\s+following)\s+(?:\w+\s+)?(?:slots?|times?|dates?|options?)"
    r"|\bwhen\s+(?:are|would)\s+you\s+(?:be\s+)?(?:free|available)|\bwhen\s+works\b|\bwhat\s+works\s+(?:best\s+)?for\s+you"
    # "When can you come in this week for a second interview?"
    r"|\bwhen\s+(?:can|could|would)\s+you\s+(?:come\s+(?:in|by|back|over)|stop\s+by|swing\s+by|pop\s+in|drop\s+by)\b"
    r"|\bavailab(?:le|ility)\s+(?:for|to)\s+(?:an?\s+|a\s+quick\s+)?(?:\w+\s+){0,3}(?:interview|call|chat|conversation|screen)"
    r"|\b(?:when|what\s+times?|which\s+times?|what\s+days?)\s+(?:would\s+)?(?:(?:you\s+are|are\s+you|you're|you'd\s+be|you\s+would\s+be)\s+(?:free|available|around)|works?|would\s+work|suits?)"
    r"|\b(?:send|share|give|propose|suggest)\s+(?:me|us)\s+(?:[\w-]+\s+){0,5}?(?:times|slots|windows|dates|options|availability)\b"
    r"|\b(?:please|kindly)\s+(?:\w+\s+){0,3}(?:select|choose|pick|book|share|send\s+(?:me|us)\s+(?:your|a\s+few|some))\b"
    r"|\b(?:select|choose|pick|book|grab)\s+(?:a|your|an?\s+available)\s+(?:time|slot|date)"
    r"|\b(?:reply|respond|get\s+back\s+to\s+(?:me|us))\s+with\s+(?:the|your|a)\s+(?:\w+\s+)?(?:slot|time|date|option|day)s?\b"
    r"|\b(?:slot|time|option|day|date)s?\s+(?:that\s+)?you\s+prefer\b|\bprefer(?:red)?\s+(?:slot|time|option|date)s?\b"
    r"|\b(?:would|does|do|will|could)\s+[^.?!\n]{1,60}?\s+(?:work|suit)\b[^.?!\n]{0,60}\?"
    r"|\b(?:could|can|would)\s+you\s+do\b[^.?!\n]{0,160}\?|\bare\s+you\s+(?:free|available|around)\b[^.?!\n]{0,160}\?"
    r"|\bhow\s+(?:about|does|would)\b[^.?!\n]{0,80}\?|\b(?:which|what)\s+(?:\w+\s+)?(?:works|suits|would\s+work)\s+(?:best|better|for\s+you)"
    r"|\b(?:are|would)\s+you\s+(?:be\s+)?(?:free|available|around)\b|\bhow\s+(?:does|about|is)\s+\w+(?:\s+\w+)?\s+(?:look|work)\w*\s+for\s+you\b"
    r"|\b(?:do|would|will)\s+any\s+of\s+(?:these|the\s+following)\b|\bwould\s+(?:you\s+be\s+available|\w+\s+work\s+for\s+you)"
    r"|\b(?:calendly\.com|goodtime\.io|cal\.com|youcanbook\.me|savvycal\.com)/|\bscheduling\s+link\b|\bself[- ]schedul"
    r"|\blet\s+(?:me|us)\s+know\s+(?:your\s+(?:availability|preference)|when\s+(?:you|would|works)|what\s+(?:time|day|date|works|slot)|which\s+(?:time|day|date|slot|one|option|of)|if\s+any\s+of)|\bterminvorschl\w+|\bterminwunsch"
    r"|\bwann\s+(?:sie|du)\s+(?:\w+\s+){0,5}zeit\s+(?:haben|hast)\b|\bihre\s+verf[üu]gbarkeit\b|\bpasst\s+(?:ihnen|dir)\b"
)
# An invitation to interview: a request unless it comes with a fixed time.
INVITE = _rx(
    r"\b(?:like|love|want|happy|pleased|delighted|excited)\s+to\s+(?:invite\s+you|schedule|set\s+up|arrange|book|move\s+forward\s+with\s+(?:an?|the)\s+\w*\s*interview)\b"
    r"|\binvite\s+you\s+(?:to|for)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}(?:interview|call|conversation|chat|onsite|round)"
    r"|\bschedule\s+(?:your|an?|the|a\s+time\s+for\s+(?:your|an?|the))\s+(?:\w+\s+){0,3}(?:interview|call|chat|screen|conversation)"
    r"|\bnext\s+step\s+(?:is|would\s+be)\s+(?:an?|to\s+schedule)\b|\binvitation\b|\beinladung\b"
)
CANCEL = _rx(
    r"\b(?:has|have)\s+been\s+cancel+ed\b|\b(?:is|was)\s+(?:now\s+)?cancel+ed\b|^\s*(?:cancel+ed|canceled\s+event|abgesagt)\b"
    r"|\b(?:need|needs|have|has|had)\s+to\s+cancel\b|\bwe(?:'re|\s+are|\s+must)\s+cancel+ing\b|\bcancel+ation\b"
    # Zoom, Teams, Webex: "Farah Haddad has cancelled the following meeting", a subject
    # "Meeting Cancelled: Interview - ..."
    r"|\b(?:has|have|had)\s+cancel+ed\s+(?:the|this|our|your)\s+(?:following\s+)?(?:meeting|interview|call|event)\b"
    r"|^\s*(?:meeting|event|interview|invitation)\s+cancel+ed\b"
    r"|\bno\s+longer\s+(?:take\s+place|be\s+able\s+to\s+(?:meet|interview|hold))|\bcall(?:ing)?\s+off\b"
    r"|\bwill\s+not\s+(?:take\s+place|go\s+ahead)\b|\babgesagt\b|\babsagen\b|\bf[äa]llt\s+(?:\w+\s+)?aus\b"
    # postponed (with no new time: a time given is a move, classify._REBOOK), on hold, not
    # held, off: the slot is called off ("we'll be in touch with new times")
    r"|\bpostpon(?:e|ed|ing)\b(?![^.;\n]{0,40}?\b(?:to|until|till)\s+(?:(?:this|next|the|a)\s+)?"
    r"(?:\d|mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|tomorrow|next|later\s+(?:today|this)))"
    r"|\bpull(?:ed|ing)?\s+the\s+plug\b"
    r"|\b(?:put|putting|placed?|placing)\s+[^.;\n]{0,60}?\bon\s+hold\b"
    # "asked us to pause the Program Director search" (not "we aren't going to pause the
    # search", nor a pause for two weeks or until a date: a timeline, review21b R2)
    r"|\b(?<!not\s)(?<!n't\s)(?<!never\s)(?<!not\sgoing\sto\s)(?<!n't\sgoing\sto\s)"
    r"paus(?:e|ed|ing)\s+(?:the|this|our|your)\s+(?:[\w'-]+\s+){0,3}?(?:search|hiring|recruitment|recruiting|position|role)\b"
    r"(?![^.;\n]{0,100}?\b(?:for\s+(?:a|one|two|three|four|\d+|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?)"
    r"|over\s+the\s+(?:next|holidays?)|until|till|through|(?:in\s+touch|back\s+to\s+you|get\s+back|hear\s+from\s+(?:us|me))\s+by)\b)"
    r"|\b(?:not|won't)\s+be\s+(?:holding|going\s+ahead\s+with|proceeding\s+with)\s+(?:the|your|our|this)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:interview|call|meeting|conversation)\b"
)
# "... so your interview on Thursday will not happen", "the interview we had scheduled is off":
# a cancellation in a clause that names the interview (classify.py looks for it there)
CANCEL_OFF = _rx(
    r"\b(?:will\s+not|won't)\s+(?:happen|be\s+happening)\b|\b(?:is|are)\s+(?:now\s+)?off\b(?!\s+(?:to|for|the|at|on)\b)"
)
CANCEL_BOILERPLATE = _rx(
    r"\b(?:if\s+you\s+(?:need|want|have)\s+to|you\s+can|in\s+order\s+to|click\s+(?:here\s+)?to|link\s+(?:below\s+)?to|this\s+link\s+to|should\s+you\s+need\s+to)\s+(?:cancel|reschedule|postpone)"
    r"|^\s*(?:cancel|reschedule)\s*:"
    r"|\bcancel\s+or\s+reschedule\b|\breschedule\s+or\s+cancel\b|\bcancellation\s+policy\b"
)
RESCHEDULE_NEEDED = _rx(
    # not "we'll need to push our decision to next week" (a timeline)
    # not "Need to reschedule? Reply to this email", "if you need to reschedule, ..."
    r"\b(?:need|have)(?<!you\sneed)(?<!you\shave)\s+to\s+(?:reschedule|move|push|postpone)\b(?!\s*\?)(?!\s+(?:back\s+)?(?:our|the|a|my|this)\s+"
    r"(?:final\s+)?(?:decision|feedback|timeline|process|response|answer|update|deadline|start\s+date)s?\b)|\breschedul\w+\b[^.\n]{0,60}\b(?:new\s+time|availability|times?\s+that)"
    # "can we reschedule our 3pm today?", "push your 10:30": the meeting named by its time
    r"|\b(?:reschedul\w*|push|postpone)\s+(?:our|your|my)\s+\d{1,2}(?::\d{2})?\s*[ap](?:\.?m)?\b"
)
PREVIOUS_TIME = _rx(
    r"(?:\bfrom|\boriginally(?:\s+scheduled)?(?:\s+for)?|\binstead\s+of|\bpreviously(?:\s+scheduled)?(?:\s+for)?"
    r"|\bprevious(?:ly)?\s+(?:time|slot|scheduled)|\bold\s+(?:time|slot)|\bwas\s+(?:scheduled\s+)?(?:for|on)"
    r"|\bformer(?:ly)?(?:\s+(?:time|slot))?)[^\w\n]{0,4}(?:\w+[^\w\n]{1,3}){0,3}$"
)

REJECTION = _rx(
    r"\b(?:decided|chosen|elected)\s+(?:not\s+to|to\s+(?:move|go|proceed|pursue)\s+(?:forward\s+)?with\s+(?:other|another|a\s+different|candidates))"
    r"|\bnot\s+(?:to\s+)?(?:be\s+)?(?:moving|move|proceeding|proceed|progressing|progress|advancing|advance)\s+(?:forward\s+)?(?:with\s+your|further|to\s+the\s+next)"
    r"|\b(?:won't|will\s+not)\s+be\s+(?:moving|proceeding|progressing|advancing|able\s+to\s+offer)"
    r"|\bpursue\s+other\s+(?:candidates|applicants|profiles)|\bkeep\s+your\s+(?:resume|cv|details|information|profile)\s+on\s+file\b"
    r"|\b(?:won't|will\s+not|unable\s+to|not\s+able\s+to|can't|cannot)\s+(?:be\s+able\s+to\s+)?(?:move|proceed|progress|advance)\s+(?:forward\s+|further\s+)?with\s+(?:your|you)\b"
    r"|\bapply\s+(?:again\s+)?(?:for|to)\s+(?:future|other)\s+(?:openings|positions|roles|opportunities)|\bother\s+candidates\s+(?:whose|who)\b|\bposition\s+has\s+(?:been|now\s+been)\s+filled"
    r"|\bno\s+longer\s+(?:under\s+)?consider|\bnot\s+(?:been\s+)?selected\b|\bunable\s+to\s+offer\s+you"
    r"|\bregret\s+to\s+(?:inform|let\s+you\s+know|tell)|\bnot\s+(?:a\s+)?(?:the\s+right\s+)?(?:fit|match)\s+(?:for|at)\b"
    r"|\boffered\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?(?:role|position|job)\s+to\s+(?:another|the\s+other|a\s+different|an\s+internal|a\s+candidate)"
    r"|\b(?:chosen|selected|hired|went\s+with|gone\s+with|going\s+with)\s+(?:another|a\s+different|an\s+internal|a\s+candidate|someone|the\s+other)"
    # "decided to move forward with the candidate who...", "selected the candidate whose ...",
    # "extend an offer to another candidate"
    r"|\b(?:move|moving|go|going|proceed|proceeding|chosen|selected|hired|went|gone)\s+(?:forward\s+)?(?:with\s+)?"
    r"the\s+candidate\s+(?:who|whose|whom|that|we)\b"
    r"|\b(?:extend(?:ed|ing)?|made|make|making)\s+(?:an?\s+)?offer\s+to\s+(?:another|the\s+other|a\s+different"
    r"|an?\s+(?:internal|external)|the|a)\s+(?:[\w-]+\s+)?(?:candidate|applicant|person)\b"
    r"|\bnot\s+the\s+news\s+you\b|\bisn't\s+the\s+news\b|\b(?:go|going|gone|went)\s+(?:in\s+)?(?:a\s+)?different\s+direction\b"
    r"|\bfilled\s+the\s+(?:[\w-]+\s+){0,4}?(?:position|role|opening|vacancy)\b|\b(?:position|role|opening|vacancy)\s+(?:is|was)\s+(?:now\s+)?filled\b"
    r"|\bf[üu]r\s+(?:eine\s+andere|einen\s+anderen)\s+(?:kandidat\w*|bewerber\w*)|\bnicht\s+(?:weiter\s+)?ber[üu]cksichtig\w*"
    r"|\bleider\b[^.]{0,120}\b(?:absage|nicht\s+(?:weiter|berücksichtig))|\babsage\b"
    # "made the decision not to move forward", "moving forward with other candidates",
    # "decided to pursue candidates whose...", "will not be offering you", "another direction"
    r"|\b(?:made\s+the|a)\s+decision\s+(?:not\s+to|to\s+(?:move|go|proceed|pursue)\s+(?:forward\s+)?with\s+(?:other|another|a\s+different))"
    # "we will continue with other candidates" rejects; "continuing with other candidates
    # this week, we'll get back to you by Friday" is still interviewing
    r"|\b(?:moving|move|proceeding|proceed|going|go)\s+(?:forward\s+)?with\s+(?:other|another)\s+(?:candidates?|applicants?)\b"
    r"|\b(?:continuing|continue)\s+with\s+(?:other|another)\s+(?:candidates?|applicants?)\b"
    r"(?![^.\n]{0,80}\b(?:this|next)\s+week|[^.]{0,120}\b(?:get\s+back\s+to\s+you|be\s+in\s+touch|hear\s+from\s+(?:us|me)|update\s+you))"
    r"|\bpursue\s+(?:other\s+)?(?:candidates|applicants)\s+(?:whose|who|with)\b"
    r"|\b(?:won't|will\s+not)\s+be\s+(?:offering|extending)\s+(?:you\s+)?(?:an?\s+|the\s+)?(?:offer|position|role)"
    r"|\bto(?<=not\sto|ble\sto)\s+extend\s+(?:you\s+)?an?\s+offer\b|\bagainst\s+extending\s+(?:you\s+)?an?\s+offer\b"
    # British: "I'm afraid on this occasion you have been unsuccessful"
    r"|\bunsuccessful\b(?:(?<=been\sunsuccessful)|(?<=were\sunsuccessful)|(?<=was\sunsuccessful)"
    r"|(?<=are\sunsuccessful)|(?=\s+(?:on\s+this\s+occasion|this\s+time)\b))"
    r"|\bnot\s+(?:be\s+)?able\s+to\s+offer\s+you\b|\b(?:go|going|gone|went)\s+(?:in\s+)?another\s+direction\b"
    # (not about the work: "went another direction on the dashboard project we discussed")
    r"(?![^.;\n]{0,40}?\b(?:project|design|approach|architecture|feature|product|plan|proposal|idea|vendor|tool"
    r"|stack|solution|campaign|strategy|dashboard)s?\b)"
    # "the position for which you interviewed has been filled", "unable to make you an offer",
    # "we will not be continuing with your candidacy", "decided to invite other candidates for
    # campus visits"
    r"|\b(?:position|role|job|opening|vacancy)\s+(?:for\s+which\s+you\s+(?:interviewed|applied)|(?:that\s+)?you"
    r"\s+(?:interviewed|applied)\s+for)\s+(?:has\s+(?:now\s+)?been|is|was)\s+(?:now\s+)?filled\b"
    r"|\b(?:unable|not\s+(?:be\s+)?able|can't|cannot)\s+to\s+(?:make|extend)\s+you\s+an?\s+(?:\w+\s+)?offer\b"
    r"|\b(?:won't|will\s+not|not)\s+(?:be\s+)?continu(?:e|ing)\s+(?:forward\s+)?with\s+your\s+(?:candidacy|application)\b"
    r"|\bdecided\s+to\s+(?:invite|interview|advance|bring\s+in)\s+other\s+(?:candidates|applicants|finalists)\b"
    # "not able to move you forward", "won't be moving you to the next round"
    r"|\b(?:not|unable|can't|cannot|won't|will\s+not)\s+(?:be\s+)?(?:able\s+to\s+)?(?:move|moving|advance|advancing"
    r"|progress|progressing|take|taking|bring|bringing)\s+you\s+(?:forward|ahead|further|on\s+to|to\s+the\s+next)\b"
    r"(?![^.\n]{0,60}\b(?:until|unless|before|without)\b)"  # "... until the take-home is in"
    r"|\b(?:move|moving|go|going|proceed|proceeding)\s+ahead\s+with\s+(?:other|another|a\s+different)\s+(?:candidates?|applicants?)\b"
    r"|\bclos(?:e|ed|ing)\s+(?:out\s+)?your\s+(?:candidacy|application)\b"
    # "decided to go with a candidate who ...", "proceed with a candidate whose ..."
    r"|\b(?:go|move|moving|proceed|proceeding)\s+(?:forward\s+)?with\s+(?:a|another)\s+candidate\s+(?:who|whose|whom|that)\b"
    r"|\bdecided\s+to\s+hire\s+(?:someone|another|a\s+different|an\s+internal|a\s+candidate)\b"
    r"|\boffered\s+(?:the\s+)?(?:[\w-]+\s+){0,6}?(?:role|position|job)\s+to\s+someone\b"
    r"|\b(?:don't|do\s+not|didn't|did\s+not)\s+(?:think|feel|believe)\s+(?:it's|it\s+is|it\s+was|this\s+is|you're|you\s+are"
    r"|you\s+were|it\s+would\s+be|this\s+would\s+be)\s+(?:the\s+|a\s+)?(?:right|good|strong)\s+(?:fit|match)\b"
    r"|\bheadcount\s+(?:has\s+been|was|is\s+being)\s+(?:eliminated|cut|removed|frozen|pulled)\b"
    r"|\b(?:are|is|have|has|had)\s+(?:now\s+)?(?:decided\s+to\s+)?clos(?:ing|ed|e)\s+(?:the|this|our)\s+(?:search|position|role"
    r"|requisition|opening)\b(?!\s+(?:by|in|at|on|within|next|this|soon|shortly))"
    r"|\bdecided\s+to\s+(?:keep\s+looking|continue\s+(?:our|the)\s+search)\b|\bit(?:'s|\s+is|\s+was)\s+a\s+no\s+from\b"
    r"|\b(?:candidates?|applicants?|profiles?)\s+(?:who\s+|that\s+)?(?:were|are|was|is)\s+(?:a\s+)?(?:stronger|better|closer)\s+(?:match|fit)"
)
# What "offer you" may offer that is no job: "an interview", "a second interview", "the
# opportunity to progress to the final round" (British for inviting to a round)
_NOT_AN_INTERVIEW = (
    r"(?!\s+(?:an?\s+|the\s+)?(?:(?:second|third|final|further|follow-up|next|first|formal|in-person|phone"
    r"|telephone|video|virtual|onsite|on-site|face-to-face|short|brief|informal)\s+)*"
    r"(?:interview|meeting|call|conversation|chat|slot|spot|place\s+(?:on|in|at)|assessment"
    r"|(?:opportunity|chance)\s+to\s+(?:progress|move|proceed|interview|meet|attend|advance|continue|take\s+part"
    r"|speak|discuss|come\s+in|join\s+(?:us\s+)?(?:for|at)\s+(?:an?\s+)?(?:interview|assessment))))"
)
OFFER = _rx(
    r"\b(?:pleased|happy|delighted|excited|thrilled|glad|like|love|want)\s+to\s+(?:formally\s+)?(?:extend|offer|make)\s+(?:you\s+)?(?:an?\s+|the\s+|our\s+)?(?:formal\s+|verbal\s+|written\s+|official\s+)?(?:job\s+)?offer"
    rf"|\b(?:pleased|happy|delighted|excited|thrilled)\s+to\s+offer\s+you\b{_NOT_AN_INTERVIEW}|\boffer\s+letter\b"
    # not "won't be extending an offer", "decided not to extend an offer" (REJECTION)
    r"|\bextend(?<!not\sextend)(?<!not\sto\sextend)(?<!n't\sbe\sextend)(?<!not\sbe\sextend)"
    r"(?<!unable\sto\sextend)(?<!against\sextend)"
    r"(?:ing)?\s+(?:you\s+)?an?\s+(?:formal\s+|verbal\s+)?offer(?!\s+to\s+(?!you\b))"
    rf"|\boffer\s+of\s+employment\b|\bwe(?:'d|\s+would)\s+like\s+to\s+offer\s+you\b{_NOT_AN_INTERVIEW}|\b(?:the|your)\s+offer\s+is\s+coming"
    r"|\b(?:your|the|an?)\s+(?:formal\s+|written\s+|verbal\s+)?offer\s+(?:letter|details|package)\b|\bcompensation\s+package\b|\bwelcome\s+(?:you\s+)?aboard\b"
    r"|\bcongratulations\b[^.]{0,80}\boffer\b|\bverbal\s+offer\b|\bvertragsangebot|\bzusage\b"
    # "a quick call to talk about an offer", "discuss the offer"
    r"|\b(?:talk|chat|speak)\s+(?:with\s+you\s+)?about\s+(?:an?\s+|the\s+|your\s+)?(?:job\s+)?offer\b(?!\s+(?:to|from)\s+(?:another|a\s+different))"
    r"|\bdiscuss\s+(?:an?\s+|the\s+|your\s+)?(?:job\s+)?offer\b"
    # "we'd like to move forward with an offer", "you've been selected for the role",
    # "approved an offer for you"
    # but not "before we move forward with an offer, we'd like you to meet our VP" (a next step),
    # and not "selected for the second round for the role" (a round is not the job)
    r"|\b(?<!before\swe\s)(?<!before\swe\scan\s)(?<!prior\sto\s)move\s+forward\s+with\s+(?:an?\s+|the\s+)?offer\b"
    r"|\bapproved\s+(?:an?\s+|the\s+|your\s+)offer\b"
    # a school board's or a university's hire: "the Board approved your appointment as ..."
    r"|\bapproved\s+your\s+(?:appointment|hire|hiring|employment)\b"
    r"|\b(?:you(?:'ve|\s+have)\s+been|you\s+were|you\s+are)\s+selected\s+(?:for|as)\s+(?:the|our)\s+"
    r"(?:(?!(?:round|stage|step|phase|interview|for|next|shortlist)\b)[\w-]+\s+){0,4}?(?:role|position|job)\b"
)
# A one-way (recorded, asynchronous) video interview: an assessment, not a conversation.
ONE_WAY_VIDEO = _rx(
    r"\bone[- ]way\s+(?:video\s+)?interview\b|\b(?:on[- ]demand|asynchronous|async|pre[- ]?recorded)\s+video\s+interview\b"
    r"|\bno\s+live\s+interviewer\b|\bpre[- ]?recorded\s+questions\b|\brecord\s+your\s+(?:answers|responses|video\s+responses)\b"
)
NEXT_STEP = _rx(
    r"\bnext\s+(?:round|stage)\b|\b(?:to|for|into|onto)\s+(?:the\s+|a\s+)?(?:final|second|third|onsite|on-site|last|next)\s+(?:round|stage)\b"
    r"|\bmov(?:e|ing)\s+you\s+(?:forward|ahead|on)\b|\bmov(?:e|ing)\s+(?:forward|ahead)\s+with\s+(?:you\b|your\s+(?:application|candidacy))"
    r"|\b(?:advance|advancing|progress|invite)\s+you\s+to\s+(?:the\s+)?(?:next|final)\b"
    r"|\b(?:like|love|want)s?\s+(?:you\s+)?to\s+meet\s+(?:the\s+rest|more|some|a\s+few|other|our|his|her|their)\b|\bmeet\s+the\s+rest\s+of\b"
    # "They want you back for a second interview with their GM", "recommending you for a final
    # interview with the Superintendent", "Owner wants to see you run a shift"
    r"|\b(?:want|wants|wanted|like|love)\s+(?:to\s+(?:have|bring|see)\s+)?you\s+back\b"
    r"|\b(?:recommend(?:ing|ed)?|invit(?:e|ing|ed)|advanc(?:e|ing|ed))\s+you\s+(?:for|to)\s+(?:an?\s+|the\s+)?"
    r"(?:final|second|third|next|further|follow-up|last)\s+(?:interview|round|stage|conversation)\b"
    r"|\bwants?\s+to\s+see\s+you\s+(?:again|run\s+a\s+shift|work\s+a\s+shift)\b"
)
# A confirmation of a further round ("your second interview is confirmed for Thursday"), and
# of a moved one ("rescheduled to", "the new time"): with an earlier round still ahead, the
# first is another round and the second moves it (state.py; link.py's same-start rule).
ANOTHER_ROUND = _rx(
    r"\b(?:second|2nd|third|3rd|fourth|4th|final|next|another|additional|follow[- ]?up)\s+"
    r"(?:round|interview|stage)\b|\bround\s+(?:two|three|four|2|3|4)\b"
)
MOVED = _rx(
    r"\breschedul\w*|\b(?:has|have)\s+been\s+(?:moved|changed)\b|\bnew\s+(?:time|date|slot)\b"
    r"|\bmov(?:ed|ing)\s+(?:it|your\s+interview|the\s+interview|our\s+(?:call|interview|meeting))\b"
    # "asked to move your second interview to Tuesday": that round moved, not another one
    r"|\b(?:mov|push|shift)(?:e|es|ed|ing)?\s+(?:your|the|our)\s+(?:[\w-]+\s+){0,2}?(?:interview|call|meeting|round)"
    r"\s+(?:with\s+[A-Z][\w'-]+\s+)?(?:to|until)\b"
    r"|\binstead\s+of\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|the\s+(?:original|planned"
    r"|earlier|scheduled|current)|\d)|\bchanged?\s+(?:the\s+)?time\b"
)
# Weaker words of a move, read only in the sentence that names the round, and not in a
# condition ("if this time no longer works for you"): "Tuesday no longer works, so your next
# interview is now Thursday", "change of plans: your second interview will now take place on".
_DAY = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow"
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)")
_CLOCK = r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|noon)"
MOVED_HERE = _rx(
    r"\bno\s+longer\s+(?:works?|suits?|possible|available|an\s+option)\b"
    r"|\bchange\s+(?:of|in)\s+(?:plans?|schedule)\b"
    rf"|\bis\s+now\s+(?:on\s+)?{_DAY}\b"
    rf"|\b(?:is|will)\s+now\s+(?:be\s+)?(?:on\s+{_DAY}|at\s+{_CLOCK}|{_DAY})"
    rf"|\bwill\s+now\s+(?:take\s+place|be\s+held|happen)\s+(?:on\s+{_DAY}|at\s+{_CLOCK})"
    rf"|\bwill\s+instead\s+be\s+(?:on\s+)?{_DAY}|\b{_DAY}[^.!?]{{0,60}}\binstead\s*(?:[.!]|$)"
    r"|\b(?:has\s+been|have\s+been|was|were|got|had\s+to\s+be)\s+pushed\s+(?:back|out)\b"
    r"|\bpush(?:ed|ing)?\s+(?:it|your\s+\w+\s+interview|your\s+interview|the\s+interview)\s+(?:back|out)\b"
)
# Words of a selection process a candidate writes when thanking for a conversation.
PROCESS_WORDS = _rx(r"\bnext\s+steps?\b|\bthe\s+(?:process|team|role|position)\b|\bjoin(?:ing)?\s+(?:you|the\s+team)\b")
# An employer's words right after an interview ("thanks for coming in today").
AFTER_INTERVIEW = _rx(
    r"\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:coming\s+in|visiting\s+us|interviewing\s+with|meeting\s+with\s+(?:us|the\s+team)"
    r"|attending\s+(?:the\s+|your\s+|today's\s+|yesterday's\s+)?(?:[\w-]+\s+){0,3}?interview"
    r"|spending\s+(?:the|your)\s+(?:\w+\s+)?(?:afternoon|morning|day|time)\s+with\s+(?:us|the\s+team))"
)
# Words that make a thread one about the user's job search.
HIRING_THREAD = _rx(
    r"\byour\s+(?:application|candidacy|resume|cv|background|profile)\b|\bthe\s+(?:\w+\s+){0,4}?(?:role|position|opening|vacancy)\b"
    r"|\bappl(?:ied|ying)\s+(?:for|to)\b|\brecruit(?:er|ing|ment)\b|\bhiring\s+(?:manager|process|team)\b|\b(?:job\s+)?offer\s+letter\b"
    r"|\b(?:verbal|written|formal|job)\s+offer\b|\bcandida(?:tes?|cy)\b|\bresum[eé]\b|\bon-?site\b|\bnext\s+steps?\b"
)
# What a fresh (unthreaded) reply from an employer refers to: the user's application or interview.
PROCESS_REPLY = _rx(
    r"\byour\s+(?:application|candidacy|candidature|interview\w*|time|patience|conversation|visit|onsite|on-site|resume|cv)\b"
    r"|\byou\s+applied\b|\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:your\s+time|interviewing|meeting|speaking|taking\s+the\s+time"
    r"|coming\s+in|applying|chatting|(?:a|the|your)\s+(?:\w+\s+){0,2}(?:call|chat|conversation|interview|round|onsite|visit))|\bdecision\b|\bafter\s+(?:careful\s+)?consideration\b"
    r"|\bour\s+(?:conversation|chat|call|interview|discussion|meeting)s?\b|\bfeedback\b|\bnext\s+steps?\b|\bthe\s+panel\b"
    r"|\b(?:you|we)\s+(?:met|spoke|talked|chatted)\b|\bwith\s+us\b"
)
# Friends and family talking about the user's search.
PERSONAL = _rx(
    r"\bgood\s+luck\b|\bcongrat\w*|\bfingers\s+crossed\b|\bproud\s+of\s+you\b|\brooting\s+for\s+you\b|\bknock\s+(?:'em|them)\s+dead\b"
    r"|\bhow\s+did\s+(?:it|the|your)\b[^?\n]{0,40}\bgo\b|\bhow\s+was\s+(?:the|your)\b|\bcelebrat\w+|\bdinner\b|\bdrinks\b|\bbrunch\b"
    r"|\bxoxo\b|\blove,|\b(?:mom|dad|sis|bro|grandma)\b|\bmock\s+interview|\bpractice\s+interview"
)
# Signs of a selection process the user is in (what a cold pitch lacks).
PROCESS_SIGNALS = _rx(
    r"\byour\s+(?:application|candidacy)\b|\byou\s+applied\b|\bapplied\s+(?:for|to)\b|\bmov(?:e|ing)\s+ahead\b"
    r"|\bmov(?:e|ing)\s+(?:you\s+)?forward\s+with\s+you\b|\bnext\s+(?:round|stage)\b"
    r"|\b(?:i've|i\s+have|we've|we\s+have)\s+(?:confirmed|scheduled|booked|arranged|set\s+up)\s+(?:your|an?|the)\b"
    r"|\b(?:would\s+(?:like|love)|wants?|are\s+keen|is\s+keen)\s+to\s+(?:invite\s+you|meet\s+you|interview\s+you)\b"
    r"|\b(?:they|we|he|she)'d\s+(?:like|love)\s+to\s+interview\s+you\b"  # (an agency's client: not "we'd love to meet you", a pitch's)
    r"|\binvite\s+you\s+(?:to|for)\s+(?:an?\s+|the\s+|a\s+second\s+|a\s+final\s+)?(?:\w+\s+)?interview\b"
)
# Scheduling announced for later, by someone else or in another mail: a next step, not yet a request.
FUTURE_SCHEDULING = _rx(
    r"\byou(?:'ll|\s+will|\s+should)\s+(?:get|receive|be\s+(?:getting|receiving|sent|contacted))\b[^.!?\n]{0,80}\b(?:scheduling|schedule|link|invite|invitation|email|e-mail|times?)\b"
    r"|\b(?:i|we|she|he|they)(?:'ll|\s+will)\s+(?:\w+\s+){0,6}?(?:come\s+back|get\s+back|follow\s+up|reach\s+out|be\s+in\s+touch|circle\s+back)\b"
    r"[^.!?\n]{0,60}\b(?:with\s+(?:a|some|the|possible)\s+(?:\w+\s+)?(?:time|times|slots?|dates?|options|link|invite)|to\s+(?:schedule|set\s+(?:it|this|that|things|something)\s+up|arrange))"
    r"|\b(?:coordinator|scheduler|scheduling\s+team|assistant|goodtime|calendly)\b[^.!?\n]{0,40}\bwill\s+(?:reach\s+out|be\s+in\s+touch|contact\s+you|send)"
)
# Interview talk that hangs on the employer's later decision: "if your background matches, we'll
# contact you to schedule an interview", "selected candidates will be invited".
HYPOTHETICAL = _rx(
    r"\b(?:if|should|once|when|in\s+case)\s+(?:your\s+(?:skills|experience|background|profile|qualifications|application|resume|cv)"
    r"|you(?:'re|\s+are)?\s+(?:selected|shortlisted|chosen)|we\s+(?:decide|determine|feel|think|believe|find|see|would\s+like)"
    r"|there(?:'s|\s+is)\s+(?:a\s+)?(?:match|fit)|it(?:'s|\s+is)\s+a\s+(?:match|fit)|selected|a\s+(?:match|fit))\b"
    r"|\b(?:selected|shortlisted|successful)\s+(?:candidates|applicants)\s+will\b|\bonly\s+(?:candidates|applicants)\s+(?:who|whose|selected)\b"
)
TIMELINE_UPDATE = _rx(
    r"\bstill\s+(?:reviewing|interviewing|evaluating|finali[sz]ing|working\s+through|meeting\s+with|in\s+the\s+process)"
    r"|\b(?:haven't|have\s+not|not\s+yet)\s+(?:made|reached)\s+a\s+(?:final\s+)?decision|\btaking\s+(?:a\s+bit\s+)?longer"
    r"|\bdelay(?:ed|s)?\b|\b(?:update|timeline)\s+on\s+(?:the\s+)?(?:process|timeline|your\s+application|our\s+search)"
    r"|\b(?:be\s+in\s+touch|get\s+back\s+to\s+you|hear\s+(?:back\s+)?from\s+(?:us|me))\b"
    r"|\b(?:have|get|give|send|share)\s+(?:you\s+)?(?:some\s+|our\s+|an?\s+|the\s+)?(?:feedback|answer|decision|news|update|response)\s+(?:for\s+you\s+|to\s+you\s+)?by\b"
    # "expect to make a decision by Monday", "still waiting on feedback", "I'll update you as
    # soon as I hear", "you'll hear from Nora or me", "expect to hear from us by ..."
    r"|\bdecision\s+(?:by|within|before|early\s+next|in\s+the\s+next)\b"
    r"|\bstill\s+waiting\s+(?:on|for)\b|\b(?:update|inform)\s+you\s+(?:as\s+soon\s+as|when|once)\b"
    # (every branch starts with \b: one that does not makes re try the whole family at each
    # position, 4x slower)
    r"|\byou(?:'ll|\s+will)\s+hear\s+(?:back\s+)?from\b|\bexpect\s+to\s+hear\b"
)

ACK = _rx(
    r"\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+(?:applying|your\s+(?:recent\s+)?application|submitting\s+your)"
    r"|\b(?:we(?:'ve|\s+have)?|has\s+been)\s+(?:successfully\s+)?received\s+(?:your\s+)?(?:application|resume|cv)"
    r"|\bapplication\s+(?:has\s+been\s+)?(?:received|submitted)|\byour\s+application\s+(?:for|to)\b[^.]{0,80}\bhas\s+been\s+(?:received|submitted)"
    r"|\bwill\s+(?:carefully\s+)?review\s+your\s+(?:application|resume|qualifications|background|profile)"
    r"|\bif\s+your\s+(?:skills|qualifications|experience|background|profile)\s+(?:and\s+\w+\s+)?(?:match|meet|align)"
    r"|\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+your\s+interest\s+in\b|\b(?<!still\s)(?:reviewing|review)\s+(?:all\s+)?(?:the\s+)?(?:applications|candidates|submissions)\b"
    r"|\bvielen\s+dank\s+f[üu]r\s+ihre\s+bewerbung"
)
OOO = _rx(
    r"^\s*(?:automatic\s+reply|auto(?:matic)?[- ]?reply|out\s+of\s+(?:the\s+)?office|abwesenheit|autoreply|away\s+from)"
    r"|\bout\s+of\s+(?:the\s+)?office\b|\bi\s+am\s+(?:currently\s+)?(?:away|out|on\s+(?:vacation|leave|holiday))\b"
)
OOO_RETURN = _rx(
    r"(?:\b(?:back|return(?:ing)?)\s+(?:(?:to|in)\s+the\s+office\s+)?(?:on|by|after)"
    # "returning Monday, December 14": the day right after it
    r"|\b(?:back|return(?:ing)?)(?=\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    r"|\d|next|tomorrow))"
    r"|\b(?:away|out|off|ooo|travel\w*|leave|vacation|holiday|email|e-mail|offline)\b[^.\n]{0,60}?"
    # "until", "through Friday", "from 1 December to 11 December" (the last day away)
    r"\b(?:until|till|through|thru|to(?=\s+(?:mon|tue|wed|thu|fri|sat|sun|\d{1,2}\b))))\s+(?P<when>[^.\n]{3,40})"
)
BOUNCE = _rx(
    r"\b(?:undeliverable|delivery\s+status\s+notification|mail\s+delivery\s+(?:failed|failure|subsystem)|returned\s+mail|delivery\s+has\s+failed|failure\s+notice)\b"
)

# Things that only look like a job interview.
LOOKALIKE: dict[str, Family] = {
    "press": _rx(
        r"\bpodcast\b|\bepisode\b|\bjournalist\b|\breporter\b|\bmagazine\b|\bnewspaper\b|\bpublication\b"
        r"|\bour\s+(?:readers|listeners|audience|viewers|show|blog|newsletter)\b|\bon\s+air\b|\bbroadcast\b"
        r"|\bpress\b|\bmedia\s+(?:interview|request|inquiry)\b|\bfeature\s+(?:story|article|you)\b|\bq\s?&\s?a\b"
        r"|\bradio\b|\bdocumentary\b|\bfor\s+(?:an?|our)\s+(?:article|story|piece|column|book)\b"
        r"|\b(?:come|coming|be|being|appear|appearing)\s+on\s+(?:the|our)\s+show\b|\binterview\s+recording\b"
        r"|\brecording\s+(?:session|studio)\b|\briverside\.fm\b|\bas\s+(?:a|our)\s+guest\b"
        r"|\b(?:user|customer|research|usability)\s+(?:interview|study|research|session)\b|\bresearch\s+participant"
        r"|\bparticipat\w+\s+in\s+(?:a|our)\s+(?:study|research)|\bgift\s+card\b|\bincentive\b"
        r"|\bsat\s+down\s+(?:recently\s+)?with\b|\b(?:an|our|this)\s+interview\s+with\s+(?:our\s+)?(?:ceo|cto|cfo|founder|director|president|author|expert)\b"
        r"|\beditor\b|\barticles?\b|\b(?:is|are|went|goes)\s+live\b|\bpublished\b|\bfront\s+page\b|\bpiece\s+(?:is|about|on)\b"
    ),
    "newsletter": _rx(
        r"\bjob\s+alerts?\b|\bjobs?\s+(?:for\s+you|you\s+may|matching|recommended|that\s+match)|\brecommended\s+jobs\b"
        r"|\bnew\s+jobs\b|\binterview\s+(?:tips|questions|prep(?:aration)?\s+(?:guide|course|tips))|\bace\s+(?:your|the)\s+(?:next\s+)?interview"
        r"|\bhow\s+to\s+(?:prepare|answer|nail|ace|succeed)\b|\bnewsletter\b|\bweekly\s+(?:digest|roundup)\b|\bview\s+(?:this\s+email\s+)?in\s+(?:your\s+)?browser"
        r"|\b\d+\s+(?:tips|questions|mistakes|ways|things|steps\s+to)\b|\bread\s+(?:the\s+)?(?:full\s+)?(?:guide|article|story|post)\b|\bon\s+our\s+(?:blog|site)\b|\bsubscribed?\b|\bunsubscribe\b|\bemail\s+preferences\b"
        r"|\bwe\s+(?:currently\s+)?have\s+an?\s+(?:opening|open\s+position|vacancy)\b|\bposition\s+opening\b|\bjob\s+posting\b"
        r"|\bif\s+you\s+(?:would\s+like|wish|want)\s+to\s+be\s+considered\s+for\b|\bopen\s+position\s*[-:]|\bupdate\s+your\s+(?:\w+\s+)?profile\b"
    ),
    "webinar": _rx(
        r"\bwebinar\b|\bwebcast\b|\bmasterclass\b|\bworkshop\b|\bregistration\s+(?:is\s+)?confirmed\b|\byou(?:'re|\s+are)\s+registered\b"
        r"|\bregister\s+(?:now|today|here|for\s+(?:the|this|our|a)\s+(?:webinar|event|class|session|course|training))|\bfree\s+(?:training|class|course|webinar|seminar)|\be-?course\b|\bseminar\b"
        r"|\bthanks?\s+(?:you\s+)?for\s+registering\b|\bvirtual\s+event\b|\blive\s+(?:session|stream|event|q&a)\b|\bsummit\b|\b(?:the|our|this\s+year's|annual)\s+conference\b|\bmeetup\b|\bcareer\s+fair\b"
        r"|\bopen\s+house\b|\bhiring\s+event\b|\bjob\s+fair\b|\brecruiting\s+event\b|\bon[- ]the[- ]spot\s+interviews\b"
    ),
    "order": _rx(
        r"\border\s*(?:#|no\.?|number)|\byour\s+order\b|\border\s+(?:confirmation|confirmed|has\s+shipped)|\bshipp(?:ed|ing)\b"
        r"|\btracking\s+(?:number|#)|\breceipt\b|\binvoice\b|\bpurchase\b|\bsubscription\b|\bpayment\b"
        # a bank's answer to a card or loan application ("unable to make you an offer")
        r"|\bcredit\s+(?:card|report|score|bureau|limit|line|decision|application)s?\b|\b(?:equifax|experian|transunion|fico)\b"
        r"|\bline\s+of\s+credit\b|\bannual\s+fee\b|\b(?:loan|mortgage|card)\s+application\b|\bpre-?approved\b"
    ),
    "peer": _rx(
        r"\binformational\s+(?:interview|chat|call|meeting)|\bfor\s+(?:my|a|our)\s+(?:class|course|thesis|dissertation|school\s+project|assignment|homework)\b"
        r"|\bmock\s+interview|\bpractice\s+interview|\bmy\s+(?:\w+\s+)?(?:round|interview|onsite)\s+(?:at|with)\b|\binterview\s+prep\s+(?:session|buddy)"
    ),
    "internal": _rx(
        r"\bexit\s+interview|\bstay\s+interview|\boff-?boarding\b|\bperformance\s+(?:review|conversation|appraisal)"
        r"|\b(?:annual|mid-?year|quarterly)\s+(?:review|appraisal)\b"
    ),
    "admissions": _rx(
        r"\badmissions?\b|\balumni\s+interview\w*|\bscholarships?\b|\bmba\s+program\w*|\bclass\s+of\s+20\d\d\b"
        r"|\b(?:tenant|tenancy|landlord|lease|co-?op\s+board|apartment|flat\s+viewing|adoption|custody)\b"
    ),
    "appointment": _rx(
        r"\bhealth\s+insurance|\binsurance\s+card|\bpraxis\b|\borthop\w+|\b(?:doctor|clinic|dental|dentist|patient|medical|physician|pharmacy|hospital|vaccin\w*|therap\w+|optometr\w+|dermatolog\w+|check-?up)\b"
        r"|\bunemployment\b|\bbenefits?\s+(?:eligibility|claim)|\beligibility\s+(?:interview|review|appointment)|\bcase\s*workers?\b|\bjobcenter\b|\bre-?employment\b|\bclaimants?\b"
        r"|\barbeitsagentur\b|\bagentur\s+f[üu]r\s+arbeit\b|\birs\b|\bhmrc\b|\bdepartment\s+of\s+labou?r\b"
        r"|\btelehealth\b|\btelemedicine\b|\bprescription\b|\bblood\s+(?:test|work|draw)\b|\bx-ray\b|\bmri\b|\bphysio\w*|\bchiropract\w+|\beye\s+exam\b"
        r"|\b(?:visa|consulate|embassy|uscis|immigration|passport|dmv|biometrics?|naturali[sz]ation|global\s+entry|nexus|tsa\s+precheck|jury|court|social\s+security|tax\s+office|citizenship|green\s+card|asylum)\b"
        r"|\b(?:salon|haircut|veterinar\w+|vet\s+appointment|car\s+service|mechanic)\b"
    ),
    "sales": _rx(
        r"\b(?:product\s+)?demo\b|\bproduct\s+tour\b|\bsales\s+(?:call|team|rep)|\bpricing\b|\bfree\s+trial\b|\bdiscovery\s+call\b"
        r"|\baccount\s+executive\b|\bonboarding\s+call\b|\bsolutions?\s+(?:engineer|consultant)\s+will\b|\byour\s+(?:team's|company's)\s+needs\b"
    ),
    # asked to be a reference for someone else ("Sam Rivera has listed you as a reference")
    "reference": _rx(
        r"\blisted\s+you\s+as\s+(?:a\s+|one\s+of\s+(?:their|his|her)\s+)?references?\b"
        r"|\b(?:provide|give|be)\s+a\s+reference\s+for\b|\breference\s+(?:check|call)\s+(?:for|on|about)\s+(?!you\b)"
        r"|\bas\s+(?:a|their|his|her)\s+(?:professional\s+)?reference\b"
    ),
    "assessment": _rx(
        r"\bassessment\b|\bhackerrank\b|\bcodility\b|\bcodesignal\b|\bcoding\s+(?:challenge|exercise|test)\b|\btake[- ]home\b"
        r"|\bonline\s+test\b|\bskills?\s+test\b|\bpersonality\s+(?:test|questionnaire)\b|\bcognitive\s+test\b|\btestgorilla\b|\bcriteria\s+corp\b"
    ),
    "outreach": _rx(
        r"\bcame\s+across\s+your\s+(?:profile|background|resume|work)|\byour\s+(?:linkedin\s+)?profile\s+(?:on\s+linkedin|caught|stood)"
        r"|\bopen\s+to\s+(?:new\s+|exploring\s+)?(?:opportunities|roles|a\s+(?:new\s+)?(?:role|move|change))|\bexploring\s+new\s+opportunities"
        r"|\b(?:i'm|i\s+am)\s+(?:a\s+)?(?:technical\s+)?recruiter\b|\bon\s+behalf\s+of\s+(?:my|our|a)\s+client|\bconfidential\s+(?:search|client)"
        r"|\bmight\s+be\s+(?:a\s+)?(?:great|good|strong|perfect)\s+fit|\bwould\s+you\s+be\s+(?:interested|open)\b|\bpassive(?:ly)?\s+(?:looking|candidate)"
        r"|\bi(?:'m|\s+am)\s+reaching\s+out\b|\bthought\s+of\s+you\s+for\b"
        r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:currently\s+)?(?:recruiting|hiring|headhunting|sourcing)\s+for\s+(?:a|an|my|our|one|the|several|two)\b"
        r"|\b(?:my|our)\s+client(?:s|'s)?\b|\ba\s+client\s+of\s+(?:mine|ours)\b|\bdirect\s+approach\b|\bhope\s+you\s+don't\s+mind\b"
        r"|\byou(?:'d|\s+would)\s+be\s+(?:a\s+)?(?:strong|great|good|perfect|excellent|ideal)\s+(?:match|fit|candidate)"
        r"|\b(?:based\s+on|given|saw|noticed|impressed\s+by|read)\s+your\s+(?:github|linkedin|profile|background|experience|talk|blog|work|resume|cv)\b"
        r"|\bexciting\s+(?:new\s+)?(?:opportunity|role|position)\b|\bare\s+you\s+open\s+to\b|\bopen\s+to\s+(?:a\s+)?(?:quick\s+|short\s+|brief\s+)?(?:chat|call|conversation)"
    ),
}
# The mailbox owner holds the interview: someone else is the candidate.
INTERVIEWER_SIDE = _rx(
    # "the candidate" but not another one a rejection speaks of ("move forward with the
    # candidate who ...", "the candidate we selected")
    r"\bthe\s+candidate's\b|\bthe\s+candidate\b(?!\s+(?:who|whose|whom|that|we|they|selected|chosen|with))"
    r"|\binterview(?:ing|ed)?\s+me\b|\bmy\s+(?:application|candidacy)\b|\bcandidate\s*:|\bscorecard\b|\binterview\s+kit\b|\bfeedback\s+form\b"
    r"|\b(?:submit|leave|enter|complete)\s+(?:your\s+)?(?:interview\s+)?feedback\b|\byou(?:'re|\s+are|\s+have\s+been)\s+(?:scheduled|invited|asked|signed\s+up)\s+to\s+interview\b"
    # a debrief the reader attends (a panel that "will debrief on Monday" tells the candidate)
    r"|\b(?:please|can\s+you|could\s+you)\s+interview\b|\binterviewer(?:s)?\s+(?:guide|training|needed|sign[- ]?up|slots?)\b"
    r"|\bdebrief\s+(?:meeting|session|call|invite|invitation|notes|form|slot|doc)\b|\b(?:join|attend)\s+(?:the|our|a)\s+debrief\b|\bdebrief\s*:"
    r"|\b(?:his|her|their)\s+(?:resume|cv|interview)\b|\bcall\s+for\s+interviewers\b|\bbe\s+(?:an?\s+)?interviewers?\b"
    r"|\binterview(?:ing)?\s+(?:some\s+(?:of\s+)?|all\s+(?:of\s+)?)?(?:a|the|our|two|three|several)\s+(?:candidate|applicant|student)s?\b"
    r"|\bas\s+an?\s+interviewer\b|\bresume\s+submission\b|\b(?:cover\s+letter|resume|cv)[^\n/]{0,20}\.(?:doc|docx|pdf)\b|\bcandidates?\s+(?:for|to)\s+interview\b"
    # a search committee the reader sits on: "thank you for serving on the search committee ...
    # review the two candidates' files", "bring your scoring rubric"
    r"|\b(?:serv(?:e|es|ing)|sit(?:s|ting)?)\s+on\s+(?:the|our|this)\s+(?:\w+\s+)?(?:search|hiring|selection|interview)\s+(?:committee|panel)\b"
    r"|\b(?:the|two|three|four|both|all|finalist|shortlisted)\s+(?:\w+\s+)?candidates['’]\s+(?:files?|resumes?|cvs?|materials|applications|packets?|dossiers?)\b"
    r"|\bscoring\s+(?:rubric|sheet|matrix)s?\b"
    # the writer is the candidate: "Thank you for the opportunity to interview with your family"
    r"|\bopportunity\s+to\s+interview\s+with\s+(?:you|your)\b|\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+considering\s+me\b"
)

# Role titles: the nouns that end most job titles.
ROLE_NOUN = (
    r"(?:engineer|developer|programmer|architect|scientist|analyst|designer|manager|director|lead"
    r"|head|officer|specialist|consultant|coordinator|associate|intern|administrator|admin|accountant"
    r"|researcher|nurse|teacher|writer|editor|strategist|executive|representative|advocate|partner"
    r"|president|vp|sre|recruiter|marketer|planner|technician|assistant|controller|counsel|attorney"
    r"|lawyer|paralegal|owner|producer|professor|lecturer|fellow|postdoc|generalist|operator|agent"
    r"|principal|staff|member|expert|therapist|hygienist|clerk|phlebotomist|pharmacist"
    r"|ux|ui|pm|tpm|cto|cfo|ceo|coo|entwickler\w*|ingenieur\w*"
    # titles of shops, schools, clinics and offices ("Shift Supervisor", "Nurse Educator")
    r"|supervisor|educator|instructor|trainer|cashier|receptionist|secretary"
    r"|technologist|librarian|counsell?or|tutor|auditor|bookkeeper|underwriter|adjuster|dispatcher"
    r"|mechanic|electrician|machinist|chef|barista|inspector|estimator|aide|paraprofessional|custodian"
    r"|caregiver|superintendent|apprentice|trainee|advis[eo]r|economist|statistician|actuary|physician"
    r"|paramedic|psychologist|chemist|biologist|translator|interpreter|photographer|illustrator|buyer|merchandiser)"
)
_TITLE_WORD = r"(?:[A-Z][\w'’+#&./-]*|[a-z][A-Z][\w+#./-]*|of|and|&|for|the|in|to|[IVX]{1,3}|\d|\([A-Z][\w+#./ -]{0,20}\))"
ROLE_BODY = rf"(?:[A-Z]|[a-z][A-Z])[\w+#&./-]*(?:[ ,]{{1,2}}{_TITLE_WORD}){{0,7}}"
ROLE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # ("Event Type: Phone screen - Support Engineer (30 min)": a scheduler's event names it)
    re.compile(r"^\s*(?:role|position|job(?:\s+title)?|title|stelle|opening|which\s+role[^\n]*?|event\s+(?:type|name))\s*[:?-]\s*(?:-\s*)?(?P<role>[^\n]{3,80})$"
               # an HTML table's row, as parse renders it: "Position | Clinical Data Analyst |"
               r"|^[ \t]*(?:role|position|job(?:\s+title)?)[ \t]*\|[ \t]*(?P<cell>[^\n|]{3,80}?)[ \t]*\|?[ \t]*$", re.M | re.I),
    re.compile(
        rf"\b(?:for|as|about|regarding|re)\s+(?:the\s+|our\s+|your\s+|a\s+|an\s+)?(?P<role>{ROLE_BODY})\s+"
        r"(?:position|role|opening|opportunity|job|vacancy|interview|conversation|call|chat|discussion|process|search|team\s+interview)\b"
    ),
    re.compile(rf"\b(?:position|role)\s+(?:of|as)\s+(?:an?\s+)?(?P<role>{ROLE_BODY})"),
    re.compile(rf"\b(?:interview|process|screen|call|conversation|candidacy|application)\s+for\s+(?:the\s+|our\s+|a\s+|an\s+)?(?P<role>{ROLE_BODY})"),
    re.compile(rf"\b(?:the|our|your|this)\s+(?P<role>{ROLE_BODY})\s+(?:position|role|opening|vacancy|job|search)\b"),
)
COMPANY_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"^\s*(?:company|employer|organi[sz]ation|unternehmen|firma)\s*:\s*(?P<co>[^\n]{2,60})$", re.M | re.I),
    re.compile(r"\b(?i:role|position|job|interview|opening|opportunity|process|engineer|developer|manager|designer|analyst|scientist|lead)\s+(?:at|@)\s+(?P<co>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of)){0,4})"),
    re.compile(r"\b(?i:interest\s+in|welcome\s+to|join(?:ing)?|here\s+at|team\s+at|on\s+behalf\s+of|visit(?:ing)?)\s+(?P<co>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of)){0,4})"),
    re.compile(r"\b(?:the|our|with)\s+(?P<co>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3}?)\s+(?:team|(?i:recruiting|hiring|talent|talent\s+acquisition)\s+(?i:team))\b"),
)

VIDEO = _rx(
    r"\bzoom(?:\.us)?\b|\bmeet\.google\.com\b|\bgoogle\s+meet\b|\bmicrosoft\s+teams\b|\bteams\s+(?:meeting|call|link)\b|\bteams\.microsoft\.com"
    r"|\bwebex\b|\bvideo\s*(?:call|interview|conference|chat|link|meeting)?\b|\bwhereby\b|\bchime\b|\bskype\b|\bhirevue\b|\bvirtual(?:ly)?\b|\bcoderpad\b"
    r"|\b(?:via|on|over|through|using)\s+(?:ms\s+|microsoft\s+)?teams\b|\bms\s+teams\b|\blien\s+(?:teams|zoom|google\s+meet|meet|webex)\b"
)
PHONE = _rx(
    r"\bphone\b|\btelephone\b|\bring\s+you\b|\bgive\s+you\s+a\s+(?:call|ring)\b|\b(?:we|they|i|she|he)(?:'ll|\s+will)\s+call\s+you\b|\bcall\s+your\s+(?:cell|mobile|phone|number)\b"
    r"|\bcall\s+(?:you\s+)?(?:on|at)\s+(?:your\s+)?(?:\+?\d|\(\d)|\bcall\s+you\s+(?:at|on)\b|\bdial[- ]in\b|\bby\s+phone\b|\btelefon\w*"
)
IN_PERSON = _rx(
    r"\bon-?site\b|\bin[- ]person\b|\bat\s+our\s+(?:[\w-]+\s+){0,2}(?:office|offices|headquarters|hq|campus|studio)\b|\b(?:office|building)\s+address\b"
    # "at their facility", "at the Kingston branch", "at our Midtown clinic", "in chambers",
    # "report to 5 West", "a quick tour of the floor" (review20a: hourly and public jobs)
    r"|\bat\s+(?:our|their|the)\s+(?:[\w-]+\s+){0,2}(?:facility|branch|store|clinic|site|plant|warehouse|restaurant"
    r"|location|hospital|factory|depot|distribution\s+center)\b|\bin\s+chambers\b|\breport\s+to\s+(?:\d+\s*\w+|(?:the\s+)?(?:unit|floor|room|building|station|site|store|office|gate|entrance)\b)"
    r"|\b(?:quick\s+)?tour\s+of\s+(?:the|our)\b"
    # "come in Thursday at 2:30 for a stage (working interview)" (review20a c04): a kitchen's
    # or a shop's interview is in the place ("come in handy", "come in first" are not). Only with
    # when or what for: "the next step would be to come in and meet the team", "once the feedback
    # has come in", "feel free to come in with questions" on a video call, "come by for coffee on a
    # Friday" are not (review 22e)
    r"|\bcome\s+(?:in|by)\b(?!\s+(?:handy|touch|contact|first|second|third|last|useful|line|on\s+board))"
    r"(?=[^.!?\n]{0,40}?\b(?:(?<!\ba\s)(?<!\bany\s)(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*|today|tonight|tomorrow|noon"
    r"|this\s+(?:morning|afternoon|evening)|at\s+\d|\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\b|o['’]clock))\b"
    r"|\s+for\s+(?:a|an|your|the)\s+(?:[\w-]+\s+){0,2}(?:interview|stage|trial|trail|shift|chat|meeting)\b)"
    r"|\bworking\s+interview\b|\btrail\s+shift\b"
    r"|\baddress\s*:|\b(?:reception|front\s+desk|front\s+(?:register|counter)|lobby|security\s+desk)\b|\bvisit\s+(?:our|the)\s+(?:office|campus)|\bvor\s+ort\b|\bparking\b"
)
# Sentences about what already happened: their interview format is not the coming one's.
PAST_TALK = _rx(
    r"\blast\s+(?:week|time|round|month)\b|\bthis\s+morning\b|\byesterday\b|\bearlier\s+(?:today|this\s+week)\b"
    r"|\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:the|your|our|a|taking)\b|\bas\s+discussed\b|\benjoyed\b"
)
PANEL = _rx(r"\bpanel\b")
FINAL = _rx(r"\bfinal[- ](?:round|interview|stage|conversation|step)s?\b|\blast\s+round\b|\bsuperday\b")

# Sent mail.
THANKS = _rx(r"\b(?:thank\s+you|thanks|thank-you|grateful|appreciate[ds]?|vielen\s+dank|danke)\b")
# "Thanks for the call just now", "Great speaking with you this morning - thanks again!"
_JUST_SPOKE = (
    r"\b(?:thank\s+you|thanks)\s+(?:so\s+much\s+|again\s+)?for\s+(?:the|our)\s+(?:quick\s+|great\s+|lovely\s+)?"
    r"(?:call|chat|conversation|convo|interview|meeting)\s+(?:just\s+now|earlier|today|yesterday|this\s+(?:morning|afternoon))"
    r"|\b(?:great|good|nice|lovely|wonderful)\s+(?:speaking|talking|chatting)\s+(?:with|to)\s+you\s+"
    r"(?:just\s+now|earlier|today|yesterday|this\s+(?:morning|afternoon))"
)
THANKS_FOR_INTERVIEW = _rx(
    # ("Thank you, and please extend my thanks to Mr. O'Neill and Ms. Dubois, for the opportunity to interview")
    r"\b(?:thank\s+you|thanks|grateful|apprecia\w*|gratitude)\b(?:[^.!?\n]|(?<=\b(?:mr|ms|dr|st))\.|(?<=\bmrs)\.){0,80}?\b(?:interview\w*|speaking|talking|meeting|chatting|speak|talk|meet|chat|call|screen|onsite|visit|discussion|round"
    r"|conversation|your\s+time|the\s+time|taking\s+(?:the\s+)?time|(?:great|good|nice|wonderful)\s+(?:to\s+)?(?:meet|speak|talk|chat)"
    # "Thank you all for spending the morning with me", "many thanks for having me in today",
    # "appreciate you walking me through ..."
    r"|spending\s+(?:the|your|some|so\s+much)\s+(?:\w+\s+)?(?:morning|afternoon|day|time|hour)|having\s+me\b|hosting\s+me\b"
    r"|walking\s+me\s+through)"
    r"|\b(?:really\s+)?enjoyed\s+(?:our|the)\s+(?:convo|conversation|chat|call|discussion|meeting)\s+(?:today|yesterday|this\s+(?:morning|afternoon))"
    r"|\b(?:great|good|nice|lovely)\s+(?:to\s+)?connect(?:ing)?\s+(?:with\s+you\s+)?(?:today|earlier|yesterday|this\s+(?:morning|afternoon))"
    r"|\b(?:it\s+was|i\s+(?:really\s+)?enjoyed)\s+(?:a\s+)?(?:great|good|lovely|wonderful|nice|pleasure)?\s*(?:pleasure\s+)?(?:to\s+)?(?:meet|meeting|speak|speaking|talk|talking|chat|chatting|learn|learning)"
    r"|" + _JUST_SPOKE +
    # German: "vielen Dank für das angenehme Gespräch heute Vormittag"
    r"|\b(?:vielen|herzlichen|besten)\s+dank\b[^.!?\n]{0,60}?\b(?:gespr[äa]ch|interview|telefonat|kennenlernen|treffen)"
    r"|\bdanke\b[^.!?\n]{0,60}?\b(?:gespr[äa]ch|interview|telefonat|kennenlernen|treffen)"
)
# The user takes their name out of a process (policy: withdrawal ends follow-ups).
WITHDRAWAL = _rx(
    r"\bwithdraw(?:ing|n)?\s+(?:my\s+|from\s+(?:the\s+)?)?(?:application|candidacy|name|consideration|process|search)\b"
    r"|\b(?:decided|decide|like|want|wish)\s+to\s+withdraw\b|\bremove\s+(?:me|myself)\s+from\s+(?:consideration|the\s+process)\b"
    r"|\b(?:i\s+have|i've|i\s+just)\s+accepted\s+(?:an?\s+|another\s+)?(?:offer|position|role)\s+(?:elsewhere|with|at)\b"
    # declining their offer: "I have decided to decline", "must respectfully decline the offer"
    r"|\b(?:decided|decide|have|must|need)\s+to\s+(?:respectfully\s+|regretfully\s+)?decline\b"
    r"|\b(?:must|will|shall)\s+(?:respectfully\s+|regretfully\s+|unfortunately\s+|politely\s+)?decline\b"
    r"|\b(?:i\s+have|i've|i\s+just)\s+accepted\s+(?:an?|another)\s+(?:offer|position|role|job)\b"
    r"|\bno\s+longer\s+(?:interested|available|pursuing)\b"
)
# Thanks for the time someone gave the user in person: a thank-you note even without a job word.
THANKS_FOR_MEETING_ME = _rx(
    r"\b(?:thank\s+you|thanks)\b[^.!?\n]{0,40}?\bfor\s+(?:taking\s+(?:the\s+)?time\s+to\s+(?:meet|speak|talk|chat)"
    r"|(?:meeting|speaking|talking|chatting)\s+with\s+me|your\s+time\s+(?:today|yesterday|this\s+(?:morning|afternoon))"
    r"|having\s+me\s+(?:in|over|on\s*site|at)\b|spending\s+(?:the|your|some)\s+(?:morning|afternoon|day|time)\s+with\s+me)"
    r"|\b(?:really\s+)?enjoyed\s+(?:our|the)\s+(?:convo|conversation|chat|call|discussion|meeting)\s+(?:today|yesterday|this\s+(?:morning|afternoon))"
    r"|\b(?:great|good|nice|lovely)\s+(?:to\s+)?connect(?:ing)?\s+(?:with\s+you\s+)?(?:today|earlier|yesterday|this\s+(?:morning|afternoon))"
    r"|" + _JUST_SPOKE +
    # "It was a pleasure meeting you and Mr. Whitfield this morning"
    r"|\b(?:it\s+was\s+(?:a\s+)?(?:real\s+|great\s+)?pleasure|i\s+(?:really\s+|very\s+much\s+)?enjoyed)\s+"
    r"(?:meeting|speaking|talking|chatting)\s+(?:with\s+)?you\b(?:[^.!?\n]|\b(?:mr|ms|mrs|dr|prof)\.){0,60}?"
    r"\b(?:today|yesterday|this\s+(?:morning|afternoon))"
)
# Thanks for help with the search (a friend's tips, a referral), not for an interview.
THANKS_FOR_HELP = _rx(
    r"\b(?:thank\s+you|thanks|grateful|appreciate\w*)\s+(?:so\s+much\s+|again\s+)?(?:for\s+)?(?:the|your|all\s+the)\s+"
    r"(?:tips|help|advice|prep|practice|mock|referral|intro|introduction|recommendation|encouragement|support|pep\s+talk|feedback\s+on\s+my)"
)
FOLLOW_UP_WEAK = _rx(
    r"\bstill\s+(?:very\s+)?(?:interested|excited|keen)\b|\bremain(?:s)?\s+(?:very\s+|highly\s+)?(?:interested|enthusiastic|excited|keen)\b"
    r"|\banything\s+(?:else\s+)?(?:i\s+can|that\s+i\s+could)\s+(?:share|provide|send)|\bcame\s+across\s+(?:this|an?)\s+(?:article|paper|post|talk)"
    r"|\bthought\s+(?:of|you\s+might)\b[^.]{0,60}\b(?:conversation|discussion|interest)"
    # "Is there anything else you need from me as you make a decision?"
    r"|\banything\s+else\s+(?:you\s+need|i\s+can\s+(?:provide|send|share))\s+(?:from\s+me\s+)?(?:as|while|to\s+help)\s+"
    r"(?:you|the\s+team)\s+(?:make|finalize|reach|move|decide)"
)
# A follow-up that adds value: something shared with reference to the conversation (the guide's
# "share an article, a work sample, the write-up I mentioned"). Read only in mail of mine.
VALUE_ADD = _rx(
    r"\bas\s+promised\b|\b(?:wanted|want|like)\s+to\s+share\b"
    r"|\bfollowing\s+(?:up\s+on\s+)?our\s+(?:conversation|interview|call|chat|meeting|discussion)\b"
    r"|\b(?:i|we)\s+(?:mentioned|discussed|talked\s+about)\s+(?:during|in|on|at)\s+(?:our|the|my)\s+(?:conversation|interview|call|chat|meeting)\b"
    r"|\b(?:the|that|a)\s+(?:[\w-]+\s+){0,3}?(?:i|we)\s+(?:mentioned|discussed|talked\s+about)\b"
    r"|\bhere\s+(?:is|are)\s+(?:the|a|my)\s+(?:links?|article|write-?up|slides|paper|repo|code|samples?|portfolio|demo|project)\b"
)
FOLLOW_UP = _rx(
    r"\bfollow(?:ing)?[- ]up\b(?!\s+(?:interview|call|conversation|meeting|round))|\bcheck(?:ing)?[- ]in\b|\btouch(?:ing)?\s+base\b|\bany\s+(?:updates?|news|movement|progress)\b"
    # "It's been about two weeks since my interview and I wanted to see if ..."
    r"|\b(?:it's|it\s+has)\s+been\s+(?:about\s+|almost\s+|over\s+|nearly\s+|more\s+than\s+)?(?:a|one|two|three|four|\d+|a\s+couple\s+of|a\s+few)\s+"
    r"(?:weeks?|days?)\s+since\s+(?:my|our|the|we)\b"
    r"|\b(?:an\s+)?update\s+on\s+(?:the|my|your)\b|\bstatus\s+of\s+(?:my|the)\b|\bwhere\s+things\s+stand\b|\bhear(?:d)?\s+back\b|\bcircle\s+back\b"
    # "any word from Lakeside?", "have you heard anything back from them?"
    r"|\bany\s+word\s+(?:from|on|yet|back)\b|\bheard\s+(?:anything|something|any\s+news)\s+(?:back\s+|yet\s+)?(?:from|about|on|yet)\b"
    r"|\bnachfrage\w*|\bnachhaken"
)
SCHEDULING_ANSWER = _rx(
    r"\b(?:works|work)\s+(?:great\s+|well\s+|perfectly\s+|best\s+)?(?:for\s+me|for\s+us)\b"
    r"|\b(?:would\s+be|is)\s+(?:great|perfect|ideal|fine|good)\s+for\s+me\b|\bsounds\s+(?:good|great|perfect)\b|\bi(?:'m|\s+am)\s+(?:available|free)\b|\bi\s+can\s+(?:do|make)\b"
    r"|\bsee\s+you\s+(?:on|then|tomorrow|next|at)\b|\b(?:confirm(?:ing|ed)?|accept(?:ing|ed)?)\s+(?:my\s+|the\s+)?(?:calendar\s+)?(?:availability|attendance|interview|invitation|invite|time|slot)"
    r"|\bthanks?\s+(?:you\s+)?for\s+(?:the\s+)?(?:interview\s+)?(?:invit\w+|scheduling|setting\s+(?:this|it)\s+up|arranging|sending|reaching|the\s+update|the\s+details|confirming)"
    r"|\bhere\s+(?:is|are)\s+my\s+availability\b|\bmy\s+availability\b|\blook(?:ing)?\s+forward\s+to\s+(?:speaking|talking|meeting|chatting)\s+(?:with\s+)?(?:you\s+)?(?:on|tomorrow|next|then|this)\b"
    r"|\bwould\s+(?:you\s+)?(?:prefer|like)\b|\breschedul\w+"
)

# A conversation with someone: an interview when the mail is about a role.
MEETING = _rx(
    r"\b(?:call|conversation|chat|meet|meeting|speak|talk|video\s+call|zoom|teams\s+(?:link|call|meeting)|google\s+meet)\b"
    r"|\byou(?:'ll|\s+will)\s+be\s+(?:speaking|talking|meeting)\s+with\b"
)
# A clock time as the meeting's name, where the mail moves it: "need to push our 3pm today",
# "reschedule your 10:30am" (apart from MEETING: its verbs are rare, so most mail is not searched)
MEETING_BY_CLOCK = _rx(
    r"\b(?:reschedul\w*|push|mov(?:e|ing)|postpon\w*|bump|shift|cancel\w*)\s+(?:our|your|my)\s+"
    r"\d{1,2}(?::\d{2})?\s*[ap](?:\.?m)?\b"
)
ROLE_CONTEXT = _rx(
    r"\b(?:role|position|candidacy|opening|vacancy|hiring\s+(?:manager|process|team)|recruit(?:er|ing|ment)|requisition)\b"
    r"|\b(?:your|job|the)\s+application\b|\bapplied\b"
)
