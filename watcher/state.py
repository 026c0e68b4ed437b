"""The process state machine: fold one process's facts into its state, then decide its next draft.

Pure: no I/O and no clock (`now` is a parameter). Facts are append-only (messages, the drafts
ledger, manual commands); everything else is derived here, so a replay re-derives the same state.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from watcher import policy
from watcher.models import (
    Address,
    Direction,
    Interview,
    InterviewType,
    Kind,
    ReplyKind,
    State,
    StepKind,
)

log = logging.getLogger(__name__)

FOLLOW_UP_STEPS: tuple[StepKind, ...] = (
    StepKind.CHECK_IN,
    StepKind.SECOND_CHECK_IN,
    StepKind.FINAL_FOLLOW_UP,
)
CLOSED_STATES = frozenset(
    {State.CLOSED_NO_RESPONSE, State.CLOSED_REJECTED, State.CLOSED_OFFER, State.WITHDRAWN}
)
# The order of steps inside one moment (the contract's tie-break "step").
STEP_ORDER: dict[StepKind, int] = {
    StepKind.THANK_YOU: 0,
    StepKind.CHECK_IN: 1,
    StepKind.SECOND_CHECK_IN: 2,
    StepKind.FINAL_FOLLOW_UP: 3,
    StepKind.NETWORKING: 4,
}


# A message of mine sent this soon after an unanswered employer message answers it (rule 3).
ANSWER_WINDOW = timedelta(days=7)


class DraftStatus(StrEnum):
    """Where one ledger entry (one step key) stands."""

    INTENT = "intent"  # recorded before the backend was asked to create it
    CREATED = "created"  # the backend holds it; we know its id
    SENT = "sent"  # it left the drafts folder and the user's matching message was seen
    DELETED = "deleted"  # it left the drafts folder without a matching message: step skipped
    OBSOLETE = "obsolete"  # the employer wrote after it was made: it blocks nothing
    DONE_BY_USER = "done_by_user"  # the user did the step by hand
    SKIPPED = "skipped"  # first sync: fell due too long ago to draft (rule 12)


PENDING = frozenset({DraftStatus.INTENT, DraftStatus.CREATED})


class ManualKind(StrEnum):
    """What a manual command recorded."""

    CLOSE = "close"
    REOPEN = "reopen"
    SNOOZE = "snooze"
    TIMELINE = "timeline"
    IGNORE = "ignore"
    TRACK = "track"


# ---------------------------------------------------------------- facts


def _addr(d: Any) -> Address | None:
    return Address(d[0], d[1]) if d else None


def _addrs(items: Any) -> tuple[Address, ...]:
    return tuple(Address(n, e) for n, e in (items or ()))


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass(frozen=True, slots=True)
class MessageFact:
    """What the engine keeps of one message: who, when, what kind, ids. Never the body."""

    at: datetime
    direction: Direction
    kind: Kind
    reply: ReplyKind | None = None
    automatic: bool = False
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    thread_id: str | None = None
    subject: str = ""
    from_: Address | None = None
    reply_addr: Address | None = None  # employer side, answerable (not no-reply/ATS); None else
    to: tuple[Address, ...] = ()  # To and Cc
    interview: Interview | None = None
    stated_timeline: date | None = None
    role: str | None = None
    company: str | None = None
    employer_domain: str | None = None
    marker: str | None = None  # X-Watcher-Step of a sent copy of one of our drafts
    me: str | None = None  # which of my addresses took part
    seq: int = 0  # store order: ties between equal dates
    # The classifier's rules that fired, as "rule:+0.40" (names and weights only, never text
    # from the message): what `watcher explain` shows as the evidence.
    evidence: tuple[str, ...] = ()
    confidence: float = 0.0
    # the classifier's Event.mentions: used to link the message when it is read, never stored
    # (words of the body), so empty for a fact read back from the store
    mentions: tuple[str, ...] = ()

    @property
    def employer(self) -> bool:
        """A human message from the employer's side (rule 4: automatic mail is no reply)."""
        return self.direction is Direction.RECEIVED and not self.automatic

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (the store keeps facts this way)."""
        iv = self.interview
        return {
            "at": self.at.isoformat(),
            "direction": self.direction.value,
            "kind": self.kind.value,
            "reply": self.reply.value if self.reply else None,
            "automatic": self.automatic,
            "message_id": self.message_id,
            "in_reply_to": self.in_reply_to,
            "references": list(self.references),
            "thread_id": self.thread_id,
            "subject": self.subject,
            "from": [self.from_.name, self.from_.email] if self.from_ else None,
            "reply_addr": [self.reply_addr.name, self.reply_addr.email] if self.reply_addr else None,
            "to": [[a.name, a.email] for a in self.to],
            "interview": None if iv is None else {
                "start": iv.start.isoformat(),
                "end": iv.end.isoformat(),
                "type": iv.type.value if iv.type else None,
                "interviewers": [[a.name, a.email] for a in iv.interviewers],
                "role": iv.role,
                "company": iv.company,
                "uid": iv.calendar_uid,
            },
            "stated_timeline": self.stated_timeline.isoformat() if self.stated_timeline else None,
            "role": self.role,
            "company": self.company,
            "employer_domain": self.employer_domain,
            "marker": self.marker,
            "me": self.me,
            "evidence": list(self.evidence),
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any], seq: int = 0) -> MessageFact:
        """The inverse of `to_json`."""
        ivd = d.get("interview")
        iv = None
        if ivd:
            iv = Interview(
                start=datetime.fromisoformat(ivd["start"]),
                end=datetime.fromisoformat(ivd["end"]),
                type=InterviewType(ivd["type"]) if ivd.get("type") else None,
                interviewers=_addrs(ivd.get("interviewers")),
                role=ivd.get("role"),
                company=ivd.get("company"),
                calendar_uid=ivd.get("uid"),
            )
        tl = d.get("stated_timeline")
        return cls(
            at=datetime.fromisoformat(d["at"]),
            direction=Direction(d["direction"]),
            kind=Kind(d["kind"]),
            reply=ReplyKind(d["reply"]) if d.get("reply") else None,
            automatic=bool(d.get("automatic")),
            message_id=d.get("message_id"),
            in_reply_to=d.get("in_reply_to"),
            references=tuple(d.get("references") or ()),
            thread_id=d.get("thread_id"),
            subject=d.get("subject") or "",
            from_=_addr(d.get("from")),
            reply_addr=_addr(d.get("reply_addr")),
            to=_addrs(d.get("to")),
            interview=iv,
            stated_timeline=date.fromisoformat(tl) if tl else None,
            role=d.get("role"),
            company=d.get("company"),
            employer_domain=d.get("employer_domain"),
            marker=d.get("marker"),
            me=d.get("me"),
            seq=seq,
            evidence=tuple(d.get("evidence") or ()),
            confidence=float(d.get("confidence") or 0.0),
        )


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """One row of the drafts ledger: a step key and what became of its draft."""

    key: str
    process: str
    round: int
    cycle: int
    step: StepKind
    status: DraftStatus
    created_at: datetime
    to: tuple[str, ...] = ()
    interviewer: str | None = None
    networking_index: int = 0
    settled_at: datetime | None = None
    draft_id: str | None = None
    account: str | None = None

    @property
    def pending(self) -> bool:
        """Still sitting (or about to sit) in the drafts folder, as far as the ledger knows."""
        return self.status in PENDING


@dataclass(frozen=True, slots=True)
class ManualFact:
    """A manual command: close (reason), reopen, snooze (until), timeline (day), ignore."""

    kind: ManualKind
    at: datetime
    reason: str | None = None
    until: datetime | None = None
    day: date | None = None


@dataclass(frozen=True, slots=True)
class ProcessInfo:
    """The fixed part of a process: its slug and what it is about."""

    key: str
    company: str | None
    role: str | None
    employer_domain: str | None
    created_at: datetime


def step_key(process: str, round_: int, cycle: int, step: StepKind | str,
             interviewer: str | None = None) -> str:
    """Rule 7's key: `<process>/r<round>/c<cycle>/<step>[/<interviewer email>]`."""
    key = f"{process}/r{round_}/c{cycle}/{step}"
    return f"{key}/{interviewer.lower()}" if interviewer else key


_KEY = re.compile(r"^(?P<process>.+)/r(?P<round>\d+)/c(?P<cycle>\d+)/(?P<step>[a-z_]+?)(?P<n>\d*)"
                  r"(?:/(?P<who>[^/\s]+@[^/\s]+))?$")


def parse_step_key(key: str) -> tuple[str, int, int, StepKind, int | None, str | None] | None:
    """(process, round, cycle, step, networking index, interviewer) of a `step_key`; None when
    `key` is not one (a marker header is mail: anyone could write anything in it)."""
    m = _KEY.match(key)
    if m is None:
        return None
    try:
        step = StepKind(m.group("step"))
    except ValueError:
        return None
    n = int(m.group("n")) if m.group("n") else None
    if (step is StepKind.NETWORKING) != (n is not None):
        return None
    return (m.group("process"), int(m.group("round")), int(m.group("cycle")), step, n,
            m.group("who"))


# ---------------------------------------------------------------- folded state


@dataclass(slots=True)
class Round:
    """One confirmed interview; a reschedule changes its times, not its number."""

    number: int
    start: datetime
    end: datetime
    type: InterviewType | None
    interviewers: tuple[Address, ...]
    uid: str | None
    cycle: int  # the reply cycle it was confirmed in: its thank-you's key
    confirmed_at: datetime
    cancelled: bool = False
    cancelled_at: datetime | None = None
    # who sent the confirmation: thanked when no interviewer is known, or for those named
    # without an address (thank_you_recipients)
    host: Address | None = None


@dataclass(slots=True)
class ProcessState:
    """Everything `plan` and `status` need, derived from one process's facts."""

    info: ProcessInfo
    rounds: list[Round] = field(default_factory=list)
    cycle: int = 0
    cycle_opened_at: datetime | None = None
    restart_at: datetime | None = None  # a reply after the interview restarts the wait (rule 4)
    timeline: date | None = None
    timeline_set_at: datetime | None = None
    timeline_auto: bool = False  # from an out-of-office return date: never makes a wait shorter
    my_last_at: datetime | None = None
    # when I last wrote to each address (to or cc): a check-in "writes again" only to someone
    # I have written to since the interview
    my_last_to: dict[str, datetime] = field(default_factory=dict)
    # when their latest request asked me for times (my answer is owed until I write)
    asked_me_at: datetime | None = None
    employer_last_at: datetime | None = None
    reply_at: datetime | None = None  # the employer's last reply (not a confirmation or invite)
    last_at: datetime | None = None
    contact: Address | None = None  # employer-side person who last wrote, answerable
    steps_done: dict[StepKind, datetime] = field(default_factory=dict)  # this cycle
    follow_ups_sent: list[datetime] = field(default_factory=list)  # all cycles (rule 5)
    thanked: set[tuple[int, str]] = field(default_factory=set)
    thanked_rounds: set[int] = field(default_factory=set)
    drafts: dict[str, DraftRecord] = field(default_factory=dict)
    settled: dict[str, tuple[DraftStatus, datetime]] = field(default_factory=dict)
    closed: State | None = None
    closed_at: datetime | None = None
    closed_by_hand: bool = False
    networking_done: list[datetime] = field(default_factory=list)  # since the last closure
    snooze_until: datetime | None = None
    ignored: bool = False
    requested: bool = False  # an interview (or a next step) was asked for, not yet confirmed
    # the one slot the employer's latest request proposed, and that request's Message-ID
    proposed: tuple[Interview, str | None] | None = None
    # the slots it offered to choose from, when several: the user's pick of one books it
    offered: tuple[tuple[datetime, datetime], ...] = ()
    cancelled: bool = False
    # each cancellation that called a round off: (its mail's time, the round, the start it had)
    called_off: list[tuple[datetime, int, datetime]] = field(default_factory=list)
    # when the employer called the process off after its interviews ("the role is on hold;
    # we'll reach out if it reopens"): no check-ins chase it until they write again
    halted_at: datetime | None = None
    messages: list[MessageFact] = field(default_factory=list)
    me: str | None = None
    clock: datetime | None = None  # the moment the fold has reached
    last_event: str = "created"

    @property
    def latest_round(self) -> Round | None:
        """The latest round that is not cancelled."""
        live = [r for r in self.rounds if not r.cancelled]
        return max(live, key=lambda r: r.number) if live else None

    @property
    def round_number(self) -> int:
        """The number of the latest live round (0 when none)."""
        r = self.latest_round
        return r.number if r else 0

    def pending_drafts(self) -> list[DraftRecord]:
        """Drafts of ours that still block new ones (rule 1)."""
        return [d for d in self.drafts.values() if d.key not in self.settled]

    def obsolete_drafts(self) -> list[DraftRecord]:
        """Drafts still in the drafts folder that the employer overtook, or whose step the
        user did by hand meanwhile (rule 3): `status` suggests deleting them."""
        # Only a ledger row still CREATED is in the drafts folder: the pipeline's reconcile
        # keeps looking for it there (it is pending to the ledger), and once it is gone
        # (deleted, or sent) stores what the fold settled it as. A row stored OBSOLETE is a
        # draft seen gone, or an INTENT settled before it was made: nothing to delete.
        return [d for k, d in self.drafts.items()
                if d.status is DraftStatus.CREATED
                and self.settled.get(k, (None,))[0] in (DraftStatus.OBSOLETE,
                                                        DraftStatus.DONE_BY_USER)]

    def state_at(self, now: datetime) -> State:
        """The policy's state name at `now`."""
        if self.closed is not None:
            return self.closed
        r = self.latest_round
        if r is None:
            return State.CANCELLED if self.cancelled else State.REQUESTED
        if self.halted_at is not None:
            return State.CANCELLED
        top = max(self.rounds, key=lambda x: x.number)
        if top.cancelled and self.cancelled and (
                self.employer_last_at is None or top.cancelled_at is None
                or self.employer_last_at <= top.cancelled_at) and (
                top.cancelled_at is None or r.start <= top.cancelled_at):
            # a later round was called off and nothing new is scheduled (nor said since); one
            # booked ahead of it and still to come when it was called off goes on
            return State.CANCELLED
        if r.start > now:
            return State.SCHEDULED
        if self.requested:
            return State.REQUESTED
        if (self.employer_last_at is not None and self.employer_last_at >= r.end
                and (self.my_last_at is None or self.employer_last_at > self.my_last_at)):
            return State.RESPONDED
        if any(n == r.number for n, _ in self.thanked) or r.number in self.thanked_rounds \
                or self.steps_done:
            return State.WAITING
        if self.my_last_at is not None and self.my_last_at >= r.end:
            return State.WAITING
        return State.INTERVIEWED


# ---------------------------------------------------------------- folding


def _norm(email: str | None) -> str:
    return (email or "").lower()


def _same_round(rounds: list[Round], iv: Interview, at: datetime,
                further: bool = False, moved: bool = False) -> Round | None:
    """The round a confirmation updates: same calendar uid, same start, or a reschedule;
    `further`: the mail names another round ("your second interview"), not a new time;
    `moved`: it calls off a time and books another (a round in its slot is moved too)."""
    if iv.calendar_uid:
        for r in rounds:
            if r.uid and r.uid == iv.calendar_uid:
                return r
    for r in rounds:
        if not r.cancelled and r.start == iv.start:
            return r
    live = [r for r in rounds if not r.cancelled]
    if live:
        last = max(live, key=lambda r: r.number)
        # Not yet held when this confirmation came: it moves that interview (a reschedule),
        # unless both carry different calendar uids (two interviews planned ahead).
        if (last.start > at or (moved and last.end > at)) and not further \
                and not (iv.calendar_uid and last.uid and iv.calendar_uid != last.uid):
            return last
    # A round cancelled before it was over (ahead of or during its slot: never held) is
    # replaced by the next confirmation.
    dead = [r for r in rounds if r.cancelled and r.cancelled_at is not None
            and r.cancelled_at < r.end]
    if dead and dead[-1].number == max(r.number for r in rounds):
        return dead[-1]
    return None


def _confirm(ps: ProcessState, m: MessageFact, iv: Interview) -> None:
    r = _same_round(ps.rounds, iv, m.at, names_another_round(m), REBOOKED_EVIDENCE in _rules(m))
    interviewers = iv.interviewers
    if r is not None:
        # a move that states no length keeps the one known ("It will last about two hours")
        keep = LENGTH_UNSTATED_EVIDENCE in _rules(m) and r.end - r.start != iv.end - iv.start
        r.start, r.end = iv.start, (iv.start + (r.end - r.start)) if keep else iv.end
        r.type = iv.type or r.type
        if SENDER_IS_INTERVIEWER_EVIDENCE not in _rules(m) or not r.interviewers:
            # a reschedule naming nobody keeps who holds the round (the writer is only a guess)
            r.interviewers = interviewers or r.interviewers
        r.uid = iv.calendar_uid or r.uid
        r.cancelled = False
        r.host = m.reply_addr or r.host
        return
    number = max((x.number for x in ps.rounds), default=0) + 1
    ps.rounds.append(Round(number, iv.start, iv.end, iv.type, interviewers, iv.calendar_uid,
                           ps.cycle, m.at, host=m.reply_addr))
    # Rule 4: a newly confirmed round cancels every step not yet drafted for earlier rounds;
    # the chain restarts from its end; an older stated timeline no longer applies.
    ps.steps_done = {}
    ps.restart_at = None
    if m.stated_timeline is None:
        ps.timeline = None
        ps.timeline_set_at = None
        ps.timeline_auto = False


# How long a booked interview whose end is not known is taken to last (link.py's starts).
BOOKED_LENGTH = timedelta(hours=1)
# A cancellation that names which round ("cancel your second interview"), as stored in a
# fact's evidence: "names-round-2" ... "names-round-final".
NAMED_ROUND_EVIDENCE = "names-round-"


def _from_interview(ps: ProcessState, m: MessageFact, day: date) -> date:
    """`day`, a stated timeline counted from `m`'s date, counted instead from the latest
    interview's day when the mail says so ("a decision within two weeks of your interview",
    written three days after it: two weeks from the interview, not from the mail)."""
    if TIMELINE_FROM_INTERVIEW_EVIDENCE not in _rules(m):
        return day
    held = [r for r in ps.rounds if not r.cancelled]
    if not held:
        return day  # no interview known: the mail's date is the best there is
    moved = day + (held[-1].start.date() - m.at.date())
    # (a timeline a mail gives is not already past: "feedback within a day of our meeting", an
    # agency's own meeting, counted from an interview a week before the mail, review 22e)
    return moved if moved >= m.at.date() else day


def _rules(m: MessageFact) -> Iterator[str]:
    """The names of the classifier's rules that fired on `m` (its evidence without weights)."""
    return (e.split(":", 1)[0] for e in m.evidence)


def _named_round(m: MessageFact) -> str | None:
    return next((r[len(NAMED_ROUND_EVIDENCE):] for r in _rules(m)
                 if r.startswith(NAMED_ROUND_EVIDENCE)), None)


def cancel_target(booked: Sequence[tuple[datetime, datetime, str | None]],
                  m: MessageFact) -> int | None:
    """Which of the `booked` interviews (start, end, calendar uid; not cancelled) a
    cancellation `m` is of, by index; never one already over (an organiser tidying a past
    meeting cancels nothing held), while one in progress may be ("Nina is ill").
    The invite's uid, else the time the mail names: that interview or none (an invite the
    watcher never saw cancels none of rounds all known by theirs); else the day it names;
    else the round it names ("your second interview": the second booked, in time order; "your
    final interview": the last); else the nearer one not over."""
    order = sorted(range(len(booked)), key=lambda i: booked[i][0])
    live = [i for i in order if booked[i][1] > m.at]
    if not live:
        return None
    iv = m.interview
    if iv is not None and iv.calendar_uid:
        for i in order:
            if booked[i][2] == iv.calendar_uid:
                return i if i in live else None
        if all(booked[i][2] for i in live):
            return None
    if iv is not None:
        for i in order:
            if booked[i][0] == iv.start:
                return i if i in live else None
        # a day named without its time ("Thursday's interview"): the one round that day
        within = [i for i in live if iv.start <= booked[i][0] < iv.end]
        if len(within) == 1:
            return within[0]
    named = _named_round(m)
    if named == "final":
        return live[-1]
    if named is not None and named.isdigit() and 0 < int(named) <= len(order):
        i = order[int(named) - 1]
        if i in live:
            return i  # else counted otherwise than the watcher did (a phone screen): the next
    return live[0]


def _call_off(ps: ProcessState, m: MessageFact, target: Round) -> None:
    """`target`'s time no longer holds: it is held by no one then (its thank-you is for nothing)."""
    target.cancelled = True
    target.cancelled_at = m.at
    ps.called_off.append((m.at, target.number, target.start))
    # its thank-you, made before the word came (mail read late): for nothing now
    for d in _pending_of(ps, lambda d: d.step is StepKind.THANK_YOU, any_time=True):
        if d.round == target.number:
            _settle(ps, d.key, DraftStatus.OBSOLETE, m.at)


def _cancel(ps: ProcessState, m: MessageFact) -> None:
    live = [r for r in ps.rounds if not r.cancelled]
    i = cancel_target([(r.start, r.end, r.uid) for r in live], m)
    target = live[i] if i is not None else None
    iv = m.interview
    tidying = iv is not None and any((iv.calendar_uid and r.uid == iv.calendar_uid)
                                     or r.start == iv.start for r in ps.rounds)
    if target is None and not tidying and any(not r.cancelled and r.start <= m.at
                                              for r in ps.rounds):
        # no interview left to call off (nor a held one's invite tidied away): the role is
        ps.halted_at = m.at
    if target is not None:
        _call_off(ps, m, target)
    ps.cancelled = True


def _settle(ps: ProcessState, key: str, status: DraftStatus, at: datetime) -> bool:
    if key in ps.settled or key not in ps.drafts:
        return False
    ps.settled[key] = (status, at)
    return True


def _pending_of(ps: ProcessState, pred: Callable[[DraftRecord], bool],
                any_time: bool = False) -> list[DraftRecord]:
    """Unsettled drafts that existed at the fold's current moment (all of them: `any_time`)."""
    return [d for d in ps.drafts.values() if d.key not in ps.settled and pred(d)
            and (any_time or ps.clock is None or d.created_at <= ps.clock)]


def _close(ps: ProcessState, st: State, at: datetime) -> None:
    ps.closed = st
    ps.closed_by_hand = False
    ps.closed_at = at
    ps.networking_done = []


def _obsolete_pending(ps: ProcessState, at: datetime) -> None:
    """The user ended the process (withdrew, closed it by hand): the drafts of ours still
    waiting for them are obsolete (status: delete them), as when the employer overtakes them;
    left pending, status asked the user to send a check-in on a role they gave up (audit 22d)."""
    for d in _pending_of(ps, lambda d: True):
        _settle(ps, d.key, DraftStatus.OBSOLETE, at)


def _count_step(ps: ProcessState, step: StepKind, at: datetime, sent: bool,
                allowed: tuple[StepKind, ...]) -> None:
    """A follow-up step happened at `at` (sent, written by hand, or skipped)."""
    if step is StepKind.NETWORKING:
        ps.networking_done.append(at)
        return
    ps.steps_done[step] = at
    if sent:
        ps.follow_ups_sent.append(at)
    last = allowed[-1] if allowed else StepKind.FINAL_FOLLOW_UP
    if step is StepKind.FINAL_FOLLOW_UP or step is last:
        _close(ps, State.CLOSED_NO_RESPONSE, at)


def _next_follow_up(ps: ProcessState, allowed: tuple[StepKind, ...]) -> StepKind | None:
    for s in allowed:
        if s not in ps.steps_done:
            return s
    return None


def _employer_message(ps: ProcessState, m: MessageFact) -> None:
    ps.cycle += 1
    ps.cycle_opened_at = m.at
    ps.employer_last_at = m.at
    if m.kind is Kind.EMPLOYER_REPLY:
        ps.reply_at = m.at
    if m.reply_addr is not None:
        ps.contact = m.reply_addr
    # Rule 1: the employer wrote after our draft was made: it is obsolete.
    for d in _pending_of(ps, lambda d: d.created_at < m.at):
        _settle(ps, d.key, DraftStatus.OBSOLETE, m.at)
    # Rule 4: any employer reply resets the follow-up count.
    ps.steps_done = {}
    if m.stated_timeline is not None:
        ps.timeline, ps.timeline_set_at = _from_interview(ps, m, m.stated_timeline), m.at
        ps.timeline_auto = False
    reply = m.reply
    kind = m.kind
    ps.proposed = (m.interview, m.message_id) \
        if kind is Kind.INTERVIEW_REQUESTED and m.interview is not None else None
    ps.asked_me_at = m.at if kind is Kind.INTERVIEW_REQUESTED else None
    ps.offered = _offered_slots(m) if ps.proposed is not None else ()
    if kind is Kind.INTERVIEW_CONFIRMED and m.interview is not None:
        ps.requested = False
        ps.cancelled = False
        _reopen(ps)
        _confirm(ps, m, m.interview)
        ps.last_event = "interview_confirmed"
        return
    if kind is Kind.INTERVIEW_CANCELLED:
        _cancel(ps, m)
        ps.last_event = "interview_cancelled"
        _restart(ps, m.at)
        return
    # ("need to push our 10am Thursday - can you do Friday at 10am instead?" leaves the round
    # booked until a time is agreed: my "works for me" to its one proposal moves it, as a new
    # confirmation does; called off meanwhile, a move agreed by phone left the interview with
    # no draft at all, review21b R1)
    if kind is Kind.INTERVIEW_REQUESTED or reply is ReplyKind.NEXT_STEP:
        _reopen(ps)
        ps.requested = True
        ps.last_event = "interview_requested" if kind is Kind.INTERVIEW_REQUESTED else "next_step"
        _restart(ps, m.at)
        return
    if reply is ReplyKind.REJECTION:
        _close(ps, State.CLOSED_REJECTED, m.at)
        ps.last_event = "rejection"
        return
    if reply is ReplyKind.OFFER:
        _close(ps, State.CLOSED_OFFER, m.at)
        ps.last_event = "offer"
        return
    ps.last_event = "employer_reply"
    if ps.closed is not None and ps.closed is not State.CLOSED_NO_RESPONSE:
        # After a rejection, an offer or a close by hand, a courtesy reply ("all the best!")
        # is no reason to start following up again; a new interview step is (above).
        return
    _reopen(ps)
    if reply is ReplyKind.TIMELINE_UPDATE and m.stated_timeline is not None:
        return  # the new stated timeline times the next check-in
    _restart(ps, m.at)


def _restart(ps: ProcessState, at: datetime) -> None:
    r = ps.latest_round
    if r is not None and at >= r.end:
        ps.restart_at = at


def _reopen(ps: ProcessState) -> None:
    # Rule 13: any employer reply reopens the process.
    ps.halted_at = None
    if ps.closed is not None:
        ps.closed = None
        ps.closed_at = None
        ps.networking_done = []


def _is_conversation(ps: ProcessState, m: MessageFact) -> bool:
    """Rule 3: a message of mine answering an employer message that came after my last one."""
    if ps.employer_last_at is None:
        return False
    if ps.my_last_at is not None and ps.employer_last_at <= ps.my_last_at:
        return False
    r = ps.latest_round
    if r is None or ps.employer_last_at < r.end:
        return False  # the confirmation before the interview is not what a follow-up answers
    if m.at - ps.employer_last_at >= ANSWER_WINDOW:
        return False  # a status question a week or more later is a follow-up, not an answer
    # After the employer's stated timeline has passed, a message is the check-in it asked for.
    return not (ps.timeline is not None and ps.timeline_set_at == ps.employer_last_at
                and m.at.date() > ps.timeline)


# classify.OFFERED_SLOT_RULE and PICKS_TIME_RULE, as stored in a fact's evidence
OFFERED_SLOT_EVIDENCE = "offered-slot@"
PICKS_TIME_EVIDENCE = "picks-time@"


def _offered_slots(m: MessageFact) -> tuple[tuple[datetime, datetime], ...]:
    """The slots a request offered to choose from ("Thursday at 2 PM or Friday at 10 AM?")."""
    out = []
    for e in m.evidence:
        if e.startswith(OFFERED_SLOT_EVIDENCE):
            start, _, end = e[len(OFFERED_SLOT_EVIDENCE):].rsplit(":", 1)[0].partition("/")
            try:
                out.append((datetime.fromisoformat(start), datetime.fromisoformat(end)))
            except ValueError:
                continue
    return tuple(out)


def _picked(ps: ProcessState, m: MessageFact) -> tuple[datetime, datetime] | None:
    """The offered slot `m` (mine) names: by the instant when I gave a zone, else by the
    wall-clock time as the employer wrote it ("Friday at 10:00 AM works best for me")."""
    for e in m.evidence:
        if not e.startswith(PICKS_TIME_EVIDENCE):
            continue
        said = e[len(PICKS_TIME_EVIDENCE):].rsplit(":", 1)[0]  # the stored weight follows
        if said.startswith("W"):  # "Wednesday at 10": a weekday and a wall time
            hits = [(s, t) for s, t in ps.offered if s.strftime("W%wT%H:%M") == said]
            return hits[0] if len(hits) == 1 else None
        try:
            when = datetime.fromisoformat(said)
        except ValueError:
            return None
        for start, end in ps.offered:
            if (when.tzinfo is not None and when == start) or (
                    when.tzinfo is None and start.replace(tzinfo=None) == when):
                return start, end
        return None
    return None


def _accepts_proposal(ps: ProcessState, m: MessageFact) -> Interview | None:
    """The slot the employer proposed, when `m` (mine) accepts it: "works for me, see you
    then" in answer to that request, before the slot. Of several offered, the one my answer
    names ("Friday at 10 works best for me"); a plain yes to several books none."""
    if ps.proposed is None or not any(e.split(":", 1)[0] == "accepts-time" for e in m.evidence):
        return None
    iv, asked = ps.proposed
    answers = asked is None or not (m.in_reply_to or m.references) \
        or asked == m.in_reply_to or asked in m.references
    if len(ps.offered) >= 2:
        slot = _picked(ps, m)
        if slot is None:
            return None
        iv = dataclasses.replace(iv, start=slot[0], end=slot[1])
    return iv if answers and m.at < iv.start else None


def _my_message(ps: ProcessState, m: MessageFact, allowed: tuple[StepKind, ...]) -> None:
    conversation = _is_conversation(ps, m)
    ps.my_last_at = m.at
    for a in m.to:
        ps.my_last_to[_norm(a.email)] = m.at
    ps.last_event = "conversation" if conversation else "my_message"
    if m.me:
        ps.me = m.me
    accepted = _accepts_proposal(ps, m)
    if accepted is not None:
        # Booked by my "yes" to the one time they proposed: the interview is confirmed
        ps.proposed, ps.offered = None, ()
        ps.requested = False
        ps.cancelled = False
        _reopen(ps)
        _confirm(ps, m, accepted)
        ps.last_event = "interview_confirmed"
        return
    d = ps.drafts.get(m.marker) if m.marker else None
    if d is not None and ps.settled.get(d.key, (None,))[0] is DraftStatus.DELETED:
        # Its copy in Sent came after it left Drafts ("send later", or a client that deletes
        # a draft before saving its edit): sent, not skipped.
        _resettle(ps, d, m.at, DraftStatus.SENT, allowed)
        return
    if d is not None and _settle(ps, d.key, DraftStatus.SENT, m.at):
        # The user sent one of our drafts (its copy carries the marker).
        _step_happened(ps, d, m.at, True, allowed, any_cycle=True)
        ps.last_event = f"{d.step.value}_sent"
        return
    if m.kind is Kind.THANK_YOU or (d is not None and d.step is StepKind.THANK_YOU):
        _my_thank_you(ps, m)
        return
    if m.kind is Kind.INTERVIEW_CONFIRMED and m.interview is not None:
        _confirm(ps, m, m.interview)
        return
    if conversation and ps.restart_at is not None and m.at > ps.restart_at:
        ps.restart_at = m.at  # rule 4: the wait restarts from my answer to the reply
    if conversation or not (m.kind is Kind.FOLLOW_UP or d is not None):
        return
    # Rule 3: a follow-up written by hand counts as the step it stands for.
    which: StepKind | None
    if ps.closed in (State.CLOSED_NO_RESPONSE, State.CLOSED_REJECTED):
        which = StepKind.NETWORKING
    elif ps.closed is not None or ps.latest_round is None or m.at < ps.latest_round.start:
        return
    else:
        pending = _pending_of(ps, lambda x: x.step in FOLLOW_UP_STEPS)
        redo = None if pending else _just_deleted(ps, m)
        if redo is not None:
            # Our draft left Drafts and this, to the same person soon after, is what the
            # user sent instead (a client that drops our marker when it saves an edit): the
            # step was sent, not skipped; it is not the next step.
            _resettle(ps, redo, m.at, DraftStatus.DONE_BY_USER, allowed)
            ps.last_event = f"{redo.step.value}_by_hand"
            return
        which = pending[0].step if pending else _next_follow_up(ps, allowed)
    if which is None:
        ps.follow_ups_sent.append(m.at)
        return
    for x in _pending_of(ps, lambda x: x.step is which):
        _settle(ps, x.key, DraftStatus.DONE_BY_USER, m.at)
    ps.last_event = f"{which.value}_by_hand"
    _count_step(ps, which, m.at, True, allowed)


# A follow-up sent by hand this soon after our draft for a step left Drafts stands for it.
_REDONE_WITHIN = timedelta(days=7)


def _just_deleted(ps: ProcessState, m: MessageFact) -> DraftRecord | None:
    """The follow-up draft of this reply cycle that was seen deleted shortly before `m`, to one
    of `m`'s recipients, with no step counted after it; None when there is none."""
    to = {_norm(a.email) for a in m.to}
    latest = max(ps.steps_done.items(), key=lambda kv: kv[1], default=None)
    found = None
    for d in ps.drafts.values():
        status, at = ps.settled.get(d.key, (None, None))
        if status is not DraftStatus.DELETED or at is None or d.cycle != ps.cycle \
                or d.step not in FOLLOW_UP_STEPS or not (at <= m.at <= at + _REDONE_WITHIN) \
                or not to & {_norm(e) for e in d.to}:
            continue
        if latest is not None and latest[0] is not d.step:
            continue
        if found is None or at > (ps.settled[found.key][1]):
            found = d
    return found


def _resettle(ps: ProcessState, d: DraftRecord, at: datetime, status: DraftStatus,
              allowed: tuple[StepKind, ...]) -> None:
    """A draft seen deleted was sent after all (`status` SENT or DONE_BY_USER) at `at`."""
    ps.settled[d.key] = (status, at)
    _step_happened(ps, d, at, True, allowed)
    ps.last_event = f"{d.step.value}_sent"


def _step_happened(ps: ProcessState, d: DraftRecord, at: datetime, sent: bool,
                   allowed: tuple[StepKind, ...], any_cycle: bool = False) -> None:
    """Draft `d`'s step was done at `at` (sent, or skipped when not `sent`): its round thanked,
    or its follow-up counted (only for this reply cycle's drafts unless `any_cycle`)."""
    if d.step is StepKind.THANK_YOU:
        if d.interviewer:
            ps.thanked.add((d.round, _norm(d.interviewer)))
        else:
            ps.thanked_rounds.add(d.round)
    elif any_cycle or d.cycle == ps.cycle:
        _count_step(ps, d.step, at, sent, allowed)


def _thanks_for(started: list[Round], ps: ProcessState,
                emails: set[str]) -> list[tuple[Round, set[str]]]:
    """The rounds a thank-you to `emails` is for, with whom of each it thanks: every started
    round with an interviewer among them not yet thanked (two rounds in one day, the note to
    the morning's interviewer is for the morning's round); when all were, the latest round's
    own again, else none (a second note to round 1's recruiter after round 2 is for round 2,
    as one to nobody named)."""
    hits = [(r, h) for r in started if (h := {_norm(a.email) for a in r.interviewers} & emails)]
    fresh = [(r, h) for r, h in hits if any((r.number, e) not in ps.thanked for e in h)]
    if fresh or not hits or hits[-1][0] is not started[-1]:
        return fresh
    return hits[-1:]  # "thanks again, Jane": her round's other interviewers are still owed theirs


def _my_thank_you(ps: ProcessState, m: MessageFact) -> None:
    started = sorted((r for r in ps.rounds if not r.cancelled and r.start <= m.at),
                     key=lambda x: x.number)
    if not started:
        return
    emails = {_norm(a.email) for a in m.to}
    found = _thanks_for(started, ps, emails)
    if not found:
        # to nobody named as an interviewer (the recruiter, a shared address): the latest round
        ps.thanked_rounds.add(started[-1].number)
        found = [(started[-1], set())]
    # one note to Jane with the recruiter who arranged it in copy thanks her too: else her
    # note for the interviewers named without an address (thank_you_recipients) was still
    # drafted, though the user had just written to her
    found = [(r, hit | {h} if hit and r.host is not None and (h := _norm(r.host.email)) in emails
              else hit) for r, hit in found]
    pending = _pending_of(ps, lambda d: d.step is StepKind.THANK_YOU, any_time=True)
    for r, hit in found:
        for e in hit:
            ps.thanked.add((r.number, e))
        for d in pending:
            if d.round == r.number and (not hit or _norm(d.interviewer) in hit):
                _settle(ps, d.key, DraftStatus.DONE_BY_USER, m.at)
    ps.last_event = "thank_you_sent"


def _draft_settled(ps: ProcessState, d: DraftRecord, allowed: tuple[StepKind, ...]) -> None:
    at = d.settled_at or d.created_at
    if not _settle(ps, d.key, d.status, at):
        return
    if d.status is DraftStatus.OBSOLETE:
        return
    # Rule 2: deleted counts as that step skipped; the schedule goes on from that moment.
    sent = d.status in (DraftStatus.SENT, DraftStatus.DONE_BY_USER)
    _step_happened(ps, d, at, sent, allowed)
    ps.last_event = f"{d.step.value}_{d.status.value}"


def fold(info: ProcessInfo, messages: Iterable[MessageFact], drafts: Iterable[DraftRecord],
         manual: Iterable[ManualFact], *, max_follow_ups: int = 3) -> ProcessState:
    """Replay a process's facts in time order into its state (messages before drafts at a tie)."""
    allowed = policy_steps(max_follow_ups)
    ps = ProcessState(info=info)
    timeline: list[tuple[datetime, int, int, Any]] = []
    for m in messages:
        timeline.append((m.at, 0, m.seq, m))
    for d in drafts:
        ps.drafts[d.key] = d
        if d.status not in PENDING:
            timeline.append((d.settled_at or d.created_at, 2, 0, d))
    for i, f in enumerate(manual):
        timeline.append((f.at, 3, i, f))
    timeline.sort(key=lambda x: (x[0], x[1], x[2]))
    # Drafts only exist from their creation: hide them until then (rule 1 looks at "earlier").
    for moment, _, _, item in timeline:
        ps.clock = moment
        if isinstance(item, MessageFact):
            ps.messages.append(item)
            ps.last_at = item.at
            if item.me and item.direction is Direction.RECEIVED:
                ps.me = item.me
            if item.direction is Direction.SENT and any(
                    e.startswith(WITHDRAWAL_EVIDENCE) for e in item.evidence):
                # "I have decided to withdraw my application": follow-ups end (the policy's
                # `withdrawn`); a later interview step from the employer reopens, as after a close
                ps.last_event = "withdrew"
                _close(ps, State.WITHDRAWN, item.at)
                _obsolete_pending(ps, item.at)
            elif item.direction is Direction.SENT:
                _my_message(ps, item, allowed)
            elif item.automatic:
                # An out-of-office return date may set the stated timeline (rule 4).
                if item.stated_timeline and (ps.timeline is None
                                             or item.stated_timeline > ps.timeline):
                    ps.timeline, ps.timeline_set_at = item.stated_timeline, item.at
                    ps.timeline_auto = True
            else:
                _employer_message(ps, item)
        elif isinstance(item, DraftRecord):
            _draft_settled(ps, item, allowed)
        else:
            _manual(ps, item)
    ps.clock = None
    return ps


def ignored_by_hand(manual: Iterable[ManualFact]) -> bool:
    """Whether the user's last word on a process was `watcher ignore`, not `reopen` (the
    fold's `ignored`, for a look at another process without folding it)."""
    said = [f for f in manual if f.kind in (ManualKind.IGNORE, ManualKind.REOPEN)]
    return bool(said) and max(said, key=lambda f: f.at).kind is ManualKind.IGNORE


def names_another_round(m: MessageFact) -> bool:
    """Whether a confirmation says it is of a further round (classify.ANOTHER_ROUND_RULE)."""
    return ANOTHER_ROUND_EVIDENCE in _rules(m)


ANOTHER_ROUND_EVIDENCE = "another-round"  # classify.ANOTHER_ROUND_RULE as stored in a fact
SENDER_IS_INTERVIEWER_EVIDENCE = "sender-is-interviewer"  # classify.SENDER_IS_INTERVIEWER_RULE
REBOOKED_EVIDENCE = "rebooked"  # classify.REBOOKED_RULE: a cancellation booking another time
ITS_PEOPLE_ONLY_EVIDENCE = "its-people-only"  # classify.ITS_PEOPLE_ONLY_RULE: link.py's address-only mail
MOVES_ROUND_EVIDENCE = "moves-the-round"  # classify.MOVES_ROUND_RULE: a request for new times for it
LENGTH_UNSTATED_EVIDENCE = "length-unstated"  # classify.LENGTH_UNSTATED_RULE
TIMELINE_FROM_INTERVIEW_EVIDENCE = "timeline-from-interview"  # classify.TIMELINE_FROM_INTERVIEW_RULE
WITHDRAWAL_EVIDENCE = "user-withdrew:"  # classify.WITHDRAWAL_RULE as stored in a fact's evidence


def _manual(ps: ProcessState, f: ManualFact) -> None:
    ps.last_event = f"manual_{f.kind.value}"
    if f.kind is ManualKind.CLOSE:
        reason = (f.reason or "other").lower()
        st = {"rejected": State.CLOSED_REJECTED, "offer": State.CLOSED_OFFER,
              "withdrawn": State.WITHDRAWN}.get(reason, State.CLOSED_NO_RESPONSE)
        _close(ps, st, f.at)
        ps.closed_by_hand = True  # a close by hand ends everything, networking too
        _obsolete_pending(ps, f.at)
    elif f.kind is ManualKind.REOPEN:
        _reopen(ps)
        ps.ignored = False
        ps.snooze_until = None  # the wait restarts from now: an earlier snooze no longer times it
        ps.cycle += 1
        ps.cycle_opened_at = f.at
        ps.steps_done = {}
        r = ps.latest_round
        if r is not None and f.at >= r.end:
            ps.restart_at = f.at
    elif f.kind is ManualKind.SNOOZE:
        ps.snooze_until = f.until
    elif f.kind is ManualKind.TIMELINE:
        ps.timeline, ps.timeline_set_at = f.day, f.at
        ps.timeline_auto = False
    elif f.kind is ManualKind.IGNORE:
        ps.ignored = True


# ---------------------------------------------------------------- planning


def policy_steps(max_follow_ups: int) -> tuple[StepKind, ...]:
    """The follow-up steps allowed by `max_follow_ups`, in order (rule 8)."""
    return tuple(policy.steps_allowed(max_follow_ups))


@dataclass(frozen=True, slots=True)
class ThreadInfo:
    """The latest thread with a recipient, which a check-in answers."""

    subject: str
    message_id: str | None
    references: tuple[str, ...]
    thread_id: str | None


@dataclass(frozen=True, slots=True)
class Action:
    """One draft to make: its key, step, when it is due and to whom."""

    key: str
    process: str
    step: StepKind
    round: int
    cycle: int
    due: datetime
    to: tuple[Address, ...]
    interviewer: str | None = None
    networking_index: int = 0
    thread: ThreadInfo | None = None
    interview_type: InterviewType | None = None
    interview_start: datetime | None = None
    rounds_before: int = 0
    # whether the user wrote to the employer since the interview (a thank-you, a check-in): a
    # later check-in may say "I am writing again" only then (a first sync skips old steps)
    wrote_before: bool = True
    # whether the employer wrote since the interview: a check-in then follows up on that
    after_reply: bool = False
    # the day they said they would have news by: after a reply, when that reply said it; else
    # the stated timeline that applies to the latest interview (never an out-of-office date)
    news_by: date | None = None
    # a thank-you to the person who arranged the interview, for interviewers named without an
    # address to write to: their names (the draft asks to pass it on)
    pass_on_to: tuple[str, ...] = ()
    # a thank-you to an interviewer who arranged the interview ("you'll meet me and Dr.
    # Álvarez"), for the others named without an address: its note asks her to pass it on too
    also_pass_on: tuple[str, ...] = ()
    # a thank-you to someone who held an earlier round: "my earlier conversations with you"
    met_before: bool = False
    # how many of the round's interviewers get a thank-you of their own: with more than one,
    # each note asks for a point discussed with that person
    panel_size: int = 1


@dataclass(frozen=True, slots=True)
class Plan:
    """What comes next for a process: the actions due together, or why nothing is."""

    actions: tuple[Action, ...] = ()
    due: datetime | None = None
    waiting_for: str | None = None
    blocked: bool = False

    @property
    def next_kind(self) -> StepKind | None:
        """The step of the next draft, if any."""
        return self.actions[0].step if self.actions else None


@dataclass(frozen=True, slots=True)
class Timing:
    """The config parts `plan` needs (the policy.py functions take them)."""

    policy: Any  # config.PolicyConfig
    schedule: Any  # config.ScheduleConfig
    context: Any  # config.ContextConfig
    answerable: Callable[[Address], bool] = lambda a: True

    @classmethod
    def from_config(cls, config: Any, answerable: Callable[[Address], bool] | None = None
                    ) -> Timing:
        """Timing from a watcher.config.Config."""
        return cls(config.policy, config.schedule, config.context,
                   answerable or (lambda a: True))


def _thread_with(ps: ProcessState, who: Address) -> ThreadInfo | None:
    """The latest message of the process with `who` (from them, or from me to them)."""
    email = _norm(who.email)
    for m in reversed(ps.messages):
        if m.automatic:
            continue
        involved = (m.direction is Direction.RECEIVED and (
            _norm(m.from_.email if m.from_ else None) == email
            or (m.reply_addr is not None and _norm(m.reply_addr.email) == email))) or (
            m.direction is Direction.SENT and any(_norm(a.email) == email for a in m.to))
        if involved and m.message_id:
            return ThreadInfo(m.subject, m.message_id, m.references, m.thread_id)
    return None


def follow_up_recipient(ps: ProcessState, timing: Timing) -> Address | None:
    """The employer-side person who last wrote from an answerable address, else the interviewer."""
    if ps.contact is not None and timing.answerable(ps.contact):
        if not ps.contact.name:
            # a bare Reply-To address: the greeting takes the name an interview gave it
            for r in ps.rounds:
                for a in (*r.interviewers, *((r.host,) if r.host else ())):
                    if a.name and _norm(a.email) == _norm(ps.contact.email):
                        return a
        return ps.contact
    for r in sorted(ps.rounds, key=lambda r: -r.number):
        for a in r.interviewers:
            if timing.answerable(a):
                return a
        if r.host is not None and timing.answerable(r.host):
            return r.host
    return None


def thank_you_recipients(ps: ProcessState, r: Round, timing: Timing) -> tuple[Address, ...]:
    """Each interviewer of the round, else the person who held the interview; and the person
    who arranged it when some interviewers have no address (she is asked to pass it on)."""
    me = _norm(ps.me)
    out: list[Address] = []
    seen: set[str] = set()
    for a in r.interviewers:
        e = _norm(a.email)
        if e and e != me and e not in seen and timing.answerable(a):
            seen.add(e)
            out.append(a)
    if not out:
        for b in (r.host, ps.contact):
            if b is not None and timing.answerable(b) and _norm(b.email) != me:
                return (b,)
    elif (h := r.host) is not None and _norm(h.email) not in seen and _norm(h.email) != me \
            and timing.answerable(h) and pass_on_names(r, h):
        # "You'll meet Anna (anna@...) and Daniel Roth": Daniel is thanked through the
        # recruiter who arranged it, as when no interviewer has an address (review 23a)
        out.append(h)
    return tuple(out)


def held_earlier_round(ps: ProcessState, r: Round, to: Address) -> bool:
    """Whether `to` held a round of the process before `r`: an interviewer of it, or the
    person who sent its confirmation when it named no interviewer."""
    e = _norm(to.email)
    return any(
        e in {_norm(a.email) for a in (x.interviewers or ((x.host,) if x.host else ()))}
        for x in ps.rounds if x.number < r.number and not x.cancelled)


def pass_on_names(r: Round, to: Address) -> tuple[str, ...]:
    """The round's interviewers named without an address, when its thank-you goes to `to`,
    someone else (the recruiter who arranged it): the draft asks her to pass it on."""
    if any(_norm(a.email) == _norm(to.email) for a in r.interviewers):
        return ()
    return _addressless(r, to.name)


def _addressless(r: Round, name: str) -> tuple[str, ...]:
    """The round's interviewers named without an address, but for the person called `name`."""
    mine = name.casefold().split()
    out: list[str] = []
    for a in r.interviewers:
        words = a.name.casefold().split()
        # "me (Priya Raman)": she held it herself; "Priya" alone is her too
        if not words or _norm(a.email) or (mine and (words == mine or words == mine[:1])):
            continue
        if a.name not in out:
            out.append(a.name)
    return tuple(out)


def also_pass_on_names(r: Round, to: Address) -> tuple[str, ...]:
    """The round's interviewers named without an address, when its thank-you goes to `to`,
    one of them who also arranged it ("You will meet Dr. José Álvarez-Núñez and myself"):
    her own note asks her to pass the thanks on to them too."""
    host = r.host
    if host is None or not to.email or _norm(to.email) != _norm(host.email) \
            or not any(_norm(a.email) == _norm(to.email) for a in r.interviewers):
        return ()
    return _addressless(r, to.name or host.name)


def _factor(ps: ProcessState, timing: Timing) -> float:
    return float(policy.context_factor(ps.info.role, ps.info.employer_domain, timing.context))


def _allowed(moment: datetime, timing: Timing, business: bool = True) -> datetime:
    return policy.next_allowed(moment, timing.schedule, business_days=business)


def _last_sent(ps: ProcessState) -> datetime | None:
    return max(ps.follow_ups_sent) if ps.follow_ups_sent else None


# What times a follow-up when no stated timeline does (its Plan.waiting_for)
FOLLOW_UP_WAITS = {
    StepKind.CHECK_IN: "the wait after the interview",
    StepKind.SECOND_CHECK_IN: "the wait after the check-in",
    StepKind.FINAL_FOLLOW_UP: "the wait before the final follow-up",
}
AFTER_REPLY_WAIT = "the wait after their reply"  # a first check-in timed from it (rule 4)


def _follow_up_due(ps: ProcessState, step: StepKind, r: Round, timing: Timing) -> datetime:
    pol, sched = timing.policy, timing.schedule
    f = _factor(ps, timing)
    base = r.end
    if ps.restart_at is not None and ps.restart_at >= r.end:
        # Rule 4: another reply restarts the wait from the later of it and my last message.
        base = ps.restart_at
    zone = sched.zone
    tl = ps.timeline
    if tl is not None and tl < r.end.astimezone(zone).date():
        tl = None  # a stated timeline from before the latest interview is stale
    t_due = policy.day_moment(tl + timedelta(days=1), sched) if tl is not None else None
    if tl is not None and t_due is not None and ps.timeline_set_at is not None \
            and ps.timeline_set_at.tzinfo is not None:
        # T has passed where its writer is, too (by their mail's Date offset): "in touch next
        # Tuesday" from New York is not over at Wednesday 08:00 in Sydney (review 23f)
        theirs = datetime.combine(tl + timedelta(days=1), time(0), tzinfo=ps.timeline_set_at.tzinfo)
        if theirs.timestamp() > t_due.timestamp():
            t_due = _allowed(theirs, timing)
    last_sent = _last_sent(ps)
    prev = max(ps.steps_done.values()) if ps.steps_done else None
    late = _late_thank_you(ps, r, timing)
    if step is StepKind.CHECK_IN:
        wait_due = policy.first_check_in_due(base, None, f, pol, sched,
                                             last_follow_up_at=last_sent)
        if t_due is None:
            due = wait_due
        elif ps.timeline_auto or (ps.restart_at is not None and ps.timeline_set_at is not None
                                  and ps.restart_at > ps.timeline_set_at):
            # An out-of-office return date only ever delays the check-in; a later reply
            # restarted the wait while T still holds.
            due = max(t_due, wait_due)
        else:
            due = policy.first_check_in_due(base, tl, f, pol, sched, last_follow_up_at=last_sent)
    elif step is StepKind.SECOND_CHECK_IN:
        # After a skipped (deleted) check-in the schedule goes on from the deletion (rule 2).
        anchor = ps.steps_done.get(StepKind.CHECK_IN) or prev or base
        due = policy.second_check_in_due(anchor, f, pol, sched, last_follow_up_at=last_sent)
    else:
        due = policy.final_follow_up_due(base, last_sent, f, pol, sched)
        if prev is not None:
            due = policy.apply_min_spacing(due, prev, pol, sched)
    if t_due is not None and t_due > due:
        due = t_due  # rule 8: none before the stated timeline has passed
    if late is not None and step is StepKind.CHECK_IN:
        # Rule 12: after downtime the late thank-you was the earliest overdue step; the
        # check-in is timed from it (it came minutes after it), as after the interview
        due = max(due, policy.first_check_in_due(late, None, f, pol, sched,
                                                 last_follow_up_at=last_sent))
    if prev is not None and prev >= due:
        due = _allowed(prev + timedelta(minutes=1), timing)  # strictly in order
    return policy.apply_min_spacing(due, last_sent, pol, sched)


def _late_thank_you(ps: ProcessState, r: Round, timing: Timing) -> datetime | None:
    """When our thank-you for round `r` was drafted after its window had closed (the
    service was down when it fell due: rule 12), the moment it was; else None."""
    made = [d.created_at for d in ps.drafts.values()
            if d.step is StepKind.THANK_YOU and d.round == r.number
            and d.status is not DraftStatus.SKIPPED]
    first = min(made, default=None)
    # (the deadline is elapsed time: r.end + window on its zone's wall clock was an hour
    # longer across a fall-back)
    if first is not None and first > policy.thank_you_deadline(r.end, timing.policy):
        return first
    return None


# Why nothing is drafted for a process none of whose mail gave a person's address to write to
# (an applicant-tracking system's confirmation naming the interviewers without addresses)
NO_ADDRESS = ("no address to write to: the mail names no interviewer's address (a message from "
              "them gives one)")


# Why no follow-up is planned while the employer waits for the user's times
AWAITING_MY_ANSWER = "your answer to their request for times"


# When the user last exchanged mail with a person (an address) in another process, if ever.
InTouch = Callable[[str], datetime | None]


def plan(ps: ProcessState, timing: Timing, in_touch: InTouch | None = None) -> Plan:
    """The next draft(s) of a process and when they fall due, or why nothing is planned.

    `due` may lie in the past (after downtime): the caller drafts it at once (rule 12) and
    the steps after it are timed from it. `in_touch` tells of the processes a networking
    check-in's person has with the user since: it counts from the latest of them.
    """
    if ps.ignored:
        return Plan(waiting_for="ignored")
    pending = ps.pending_drafts()
    if pending:
        kinds = ", ".join(sorted({d.step.value.replace("_", "-") for d in pending}))
        if all(d.status is DraftStatus.INTENT for d in pending):
            # Owed but not made yet: its account could not be reached (or the pass stopped)
            return Plan(waiting_for=f"{kinds} draft not made yet: its account could not be "
                        "reached; it is made when it can be", blocked=True)
        return Plan(waiting_for=f"pending {kinds} draft: send or delete it", blocked=True)
    p = _plan_unblocked(ps, timing, in_touch)
    if p.actions and ps.snooze_until is not None and p.due is not None \
            and p.due < ps.snooze_until:
        business = p.actions[0].step is not StepKind.THANK_YOU
        due = _allowed(ps.snooze_until, timing, business)
        p = Plan(tuple(_with_due(a, due) for a in p.actions), due, "snoozed")
    return p


def _with_due(a: Action, due: datetime) -> Action:
    return replace(a, due=due)


def _drafted(ps: ProcessState, key: str) -> bool:
    return key in ps.drafts


def _rounds_to_thank(ps: ProcessState, latest: Round) -> list[Round]:
    """The live rounds whose thank-you may still be owed, first held first: the latest, and
    an earlier one every later round of which was confirmed before it ended (booked ahead:
    "your second interview is confirmed for Thursday" before Tuesday's first)."""
    live = sorted((x for x in ps.rounds if not x.cancelled and x.number not in ps.thanked_rounds),
                  key=lambda x: (x.start, x.number))
    return [x for x in live if x is latest or all(
        later.confirmed_at < x.end for later in ps.rounds
        if later.number > x.number and not later.cancelled)]


def _plan_unblocked(ps: ProcessState, timing: Timing, in_touch: InTouch | None) -> Plan:
    proc = ps.info.key
    pol = timing.policy
    if ps.closed is not None:
        allow = ps.closed is State.CLOSED_NO_RESPONSE or (
            ps.closed is State.CLOSED_REJECTED and pol.networking_after_rejection)
        n = len(ps.networking_done)
        if not allow or ps.closed_by_hand or n >= pol.networking_max or ps.closed_at is None:
            return Plan(waiting_for="closed")
        key = step_key(proc, ps.round_number, ps.cycle, f"networking{n + 1}")
        if _drafted(ps, key):
            return Plan(waiting_for="closed")
        to = follow_up_recipient(ps, timing)
        if to is None:
            return Plan(waiting_for=NO_ADDRESS)
        anchor = ps.networking_done[-1] if ps.networking_done else ps.closed_at
        # The employer's mail after a rejection keeps it closed (a courtesy reply is no reason
        # to chase the role) but is contact: the next note counts from it. Counted from the
        # close, a note it made obsolete was drafted again at the minute they wrote (audit 22d).
        if ps.employer_last_at is not None and ps.employer_last_at > anchor:
            anchor = ps.employer_last_at
        # Rule 13 keeps in touch with a person: one who has written with the user since about
        # another role (a recruiter scheduling the next process) is in touch; the note counts
        # from that, never lands in the middle of it
        since = in_touch(to.email) if in_touch is not None else None
        if since is not None and since > anchor:
            anchor = since
        due = policy.networking_due(anchor, pol, timing.schedule, sent_so_far=n,
                                    after_rejection=ps.closed is State.CLOSED_REJECTED)
        if due is None:
            return Plan(waiting_for="closed")
        return Plan((Action(key, proc, StepKind.NETWORKING, ps.round_number, ps.cycle, due,
                            (to,), networking_index=n),), due, "networking check-in")
    r = ps.latest_round
    if r is None:
        return Plan(waiting_for="cancelled" if ps.cancelled else "an interview date")
    # The thank-you of the latest round, and of an earlier one booked ahead with it (rule 4
    # cancels the undrafted steps of rounds held before a later one was confirmed).
    for tr in _rounds_to_thank(ps, r):
        todo = []
        recipients = thank_you_recipients(ps, tr, timing)
        for a in recipients:
            e = _norm(a.email)
            key = step_key(proc, tr.number, tr.cycle, StepKind.THANK_YOU, e)
            if (tr.number, e) in ps.thanked or _drafted(ps, key):
                continue
            todo.append((key, a, e))
        if todo:
            same_day = tr.type in (InterviewType.PHONE, InterviewType.FINAL)
            due = policy.thank_you_due(tr.end, pol, timing.schedule, same_day=same_day)
            acts = tuple(
                Action(key, proc, StepKind.THANK_YOU, tr.number, tr.cycle, due, (a,), e,
                       interview_type=tr.type, interview_start=tr.start,
                       rounds_before=tr.number - 1, pass_on_to=pass_on_names(tr, a),
                       also_pass_on=also_pass_on_names(tr, a),
                       met_before=held_earlier_round(ps, tr, a),
                       panel_size=sum(1 for x in recipients if not pass_on_names(tr, x)) or 1)
                for key, a, e in sorted(todo, key=lambda t: t[2]))
            return Plan(acts, due, "thank-you after the interview")
    if ps.halted_at is not None:
        # the role was put on hold or cancelled after the interviews: weekly check-ins on it
        # would be pestering (its thank-you, above, is still owed)
        return Plan(waiting_for="cancelled")
    if ps.asked_me_at is not None and (ps.my_last_at is None or ps.my_last_at < ps.asked_me_at):
        # they asked for my times: the next move is mine, not a check-in on their silence
        return Plan(waiting_for=AWAITING_MY_ANSWER)
    step = _next_follow_up(ps, policy_steps(pol.max_follow_ups))
    if step is None:
        return Plan(waiting_for="no follow-up left")
    key = step_key(proc, r.number, ps.cycle, step)
    if _drafted(ps, key):
        return Plan(waiting_for="step already drafted")
    due = _follow_up_due(ps, step, r, timing)
    to = follow_up_recipient(ps, timing)
    if to is None:
        return Plan(waiting_for=NO_ADDRESS)
    # the stated timeline is the reason only while it is what times this draft
    t_first = policy.first_business_day_after(ps.timeline, timing.schedule) \
        if ps.timeline is not None else None
    why = "stated timeline" if t_first is not None and \
        due.astimezone(timing.schedule.zone).date() == t_first else FOLLOW_UP_WAITS[step]
    if why == FOLLOW_UP_WAITS[StepKind.CHECK_IN] and ps.restart_at is not None \
            and ps.restart_at >= r.end:
        why = AFTER_REPLY_WAIT
    # (review19b: a panel's thank-yous to others made the recruiter's second check-in say
    # "I am writing again" after a first one deleted unsent)
    last_to = ps.my_last_to.get(_norm(to.email))
    wrote = last_to is not None and last_to >= r.start
    replied = ps.reply_at is not None and ps.reply_at >= r.end
    said = ps.timeline if replied and ps.reply_at is not None and not ps.timeline_auto \
        and ps.timeline_set_at is not None and ps.timeline_set_at >= ps.reply_at \
        else None  # the day their latest reply gave
    if not replied and ps.timeline is not None and not ps.timeline_auto \
            and ps.timeline >= r.end.astimezone(timing.schedule.zone).date():
        said = ps.timeline  # "we'll be in touch by Friday" before the interview or at it
    return Plan((Action(key, proc, step, r.number, ps.cycle, due, (to,),
                        thread=_thread_with(ps, to), interview_type=r.type,
                        interview_start=r.start, rounds_before=r.number - 1,
                        wrote_before=wrote, after_reply=replied, news_by=said),), due, why)


def ready_at(p: Plan, now: datetime, timing: Timing) -> datetime | None:
    """When the plan's drafts may be created: their due moment, or, when that has passed,
    the first allowed moment from `now` (rule 6: never in quiet hours, follow-ups only on
    business days, even when overdue)."""
    if not p.actions or p.due is None:
        return None
    # as instants: two datetimes sharing a ZoneInfo compare by wall time, ignoring fold (a
    # draft due 01:15 EST, the fall-back night's second 01:15, looked due at 01:20 EDT)
    if p.due.timestamp() > now.timestamp():
        return p.due
    business = p.actions[0].step is not StepKind.THANK_YOU
    return policy.next_allowed(now, timing.schedule, business_days=business)


def sort_key(a: Action) -> tuple[Any, ...]:
    """The contract's order: at, process, round, step, then the first `to`."""
    return (a.due, a.process, a.round, STEP_ORDER[a.step], a.to[0].email if a.to else "")


def names(items: Sequence[Address]) -> list[str]:
    """Emails of addresses, for logs and JSON."""
    return [a.email for a in items]
