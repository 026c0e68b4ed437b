"""Frozen dataclasses and enums shared by every module: messages, events, processes, drafts.

Nothing here does I/O; every module passes these values around instead of dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class Direction(StrEnum):
    """Whether a message was sent by the user (one of the `me` addresses) or received."""

    RECEIVED = "received"
    SENT = "sent"


class Kind(StrEnum):
    """What a message is, for the follow-up engine (the contract's `kind`)."""

    INTERVIEW_REQUESTED = "interview_requested"
    INTERVIEW_CONFIRMED = "interview_confirmed"
    INTERVIEW_CANCELLED = "interview_cancelled"
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    EMPLOYER_REPLY = "employer_reply"
    OTHER = "other"


class ReplyKind(StrEnum):
    """The kind of an employer reply (the contract's `reply`)."""

    NEXT_STEP = "next_step"
    REJECTION = "rejection"
    OFFER = "offer"
    TIMELINE_UPDATE = "timeline_update"
    OTHER = "other"


class InterviewType(StrEnum):
    """Interview format; when several fit, the highest in PRECEDENCE wins."""

    PHONE = "phone"
    VIDEO = "video"
    IN_PERSON = "in_person"
    PANEL = "panel"
    FINAL = "final"


# final > panel > in_person > video > phone (the contract's tie-break)
INTERVIEW_TYPE_PRECEDENCE: tuple[InterviewType, ...] = (
    InterviewType.FINAL,
    InterviewType.PANEL,
    InterviewType.IN_PERSON,
    InterviewType.VIDEO,
    InterviewType.PHONE,
)


class State(StrEnum):
    """The state of one interview process (followup-policy.md, "States")."""

    REQUESTED = "requested"
    SCHEDULED = "scheduled"
    INTERVIEWED = "interviewed"
    WAITING = "waiting"
    RESPONDED = "responded"
    CANCELLED = "cancelled"
    CLOSED_NO_RESPONSE = "closed_no_response"
    CLOSED_REJECTED = "closed_rejected"
    CLOSED_OFFER = "closed_offer"
    WITHDRAWN = "withdrawn"


class StepKind(StrEnum):
    """The drafts the watcher prepares (the contract's simulate `kind`)."""

    THANK_YOU = "thank_you"
    CHECK_IN = "check_in"
    SECOND_CHECK_IN = "second_check_in"
    FINAL_FOLLOW_UP = "final_follow_up"
    NETWORKING = "networking"


@dataclass(frozen=True, slots=True)
class Address:
    """A mailbox: display name (may be empty) and address, lower-cased."""

    name: str
    email: str

    @property
    def domain(self) -> str:
        """The part after the last `@`, lower-cased ('' when there is none)."""
        return self.email.rpartition("@")[2] if "@" in self.email else ""

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One VEVENT of a text/calendar part or .ics attachment, times as aware datetimes."""

    method: str | None  # REQUEST, CANCEL, PUBLISH, REPLY ... (from the VCALENDAR)
    uid: str | None
    sequence: int
    summary: str
    description: str
    location: str
    start: datetime | None  # aware; floating times are read in the message's own offset
    end: datetime | None
    all_day: bool
    organizer: Address | None
    attendees: tuple[Address, ...]
    status: str | None  # CONFIRMED, TENTATIVE, CANCELLED


@dataclass(frozen=True, slots=True)
class Message:
    """A parsed message: typed header values and readable body text. Built by `parse.parse`."""

    message_id: str | None  # with angle brackets, as in the header
    subject: str
    from_: Address | None
    sender: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None  # aware
    in_reply_to: str | None
    references: tuple[str, ...]
    # Selected headers by lower-cased name (list-id, auto-submitted, precedence, x-mailer, ...)
    headers: Mapping[str, str]
    text: str  # plain text of the body; HTML parts turned into text when there is no plain part
    calendar: tuple[CalendarEvent, ...] = ()
    attachments: tuple[str, ...] = ()  # file names
    defects: tuple[str, ...] = ()  # what the parser had to work around
    thread_id: str | None = None  # set by a backend that knows threads (Gmail, X-GM-THRID)

    @property
    def recipients(self) -> tuple[Address, ...]:
        """To and Cc together, in order."""
        return self.to + self.cc


@dataclass(frozen=True, slots=True)
class Evidence:
    """One rule that fired while classifying, with why and how much it weighed."""

    rule: str
    detail: str
    weight: float = 0.0


@dataclass(frozen=True, slots=True)
class Interview:
    """A confirmed interview as read from mail."""

    start: datetime  # aware
    end: datetime  # aware; start + 60 min when the length is not stated
    type: InterviewType | None
    interviewers: tuple[Address, ...]
    role: str | None
    company: str | None
    location: str | None = None
    calendar_uid: str | None = None  # lets a reschedule replace the old time


@dataclass(frozen=True, slots=True)
class Event:
    """What `classify.classify` says a message is, with evidence and a confidence in [0, 1]."""

    message_id: str | None
    direction: Direction
    kind: Kind
    reply: ReplyKind | None = None
    interview: Interview | None = None
    stated_timeline: date | None = None
    confidence: float = 0.0
    evidence: tuple[Evidence, ...] = ()
    role: str | None = None  # seen in any kind of message, not only confirmations
    company: str | None = None
    employer_domain: str | None = None  # the employer's, never an ATS's or scheduler's
    automatic: bool = False  # auto-reply, bounce, ATS acknowledgement: never a human reply
    # the capitalised words (lower-cased) of the subject and of the sentence that decided the
    # kind (a rejection's), else of the new text: which company the mail is about, for linking
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClassifierSettings:
    """Lists users extend from config; built-in defaults live in classify.py and are added to."""

    me: tuple[str, ...] = ()  # the user's addresses, lower-cased
    ats_domains: tuple[str, ...] = ()  # extra applicant-tracking / scheduler sender domains
    freemail_domains: tuple[str, ...] = ()  # extra free-mail domains (never an employer)
    interview_phrases: tuple[str, ...] = ()  # extra phrases that mark interview scheduling mail
    ignore_phrases: tuple[str, ...] = ()  # phrases that mark mail as not about the user's search
    ignore_senders: tuple[str, ...] = ()  # addresses or @domains never treated as an employer
    default_timezone: str | None = None  # zone for times written without one ("2pm")
    # the user's holidays ([schedule]): "within 3 business days" said before Thanksgiving
    holidays: tuple[date, ...] = ()
    holidays_country: str | None = None
    holidays_subdiv: str | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """A composed draft, ready for a backend to save; `marker` goes in X-Watcher-Step."""

    marker: str  # the step key: unique per (process, round, cycle, step, interviewer)
    process: str
    kind: StepKind
    round: int
    to: tuple[Address, ...]
    subject: str
    body: str
    from_: Address | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    thread_id: str | None = None
    lint: tuple[str, ...] = field(default_factory=tuple)  # problems the mistakes-to-avoid check found
