"""Literal facts and a pure replay driver for the engine's tests (state, properties).

The driver folds facts, asks `state.plan` for the next drafts, and records them as the
pipeline would (ledger rows), optionally sending each at once or deleting it: no SQLite,
no backend, so thousands of random histories run in seconds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from watcher.config import Config, ScheduleConfig
from watcher.link import Domains
from watcher.models import Address, Direction, Interview, InterviewType, Kind, ReplyKind, StepKind
from watcher.state import (
    Action,
    DraftRecord,
    DraftStatus,
    ManualFact,
    MessageFact,
    ProcessInfo,
    ProcessState,
    Timing,
    fold,
    plan,
    ready_at,
)

NY = ZoneInfo("America/New_York")
ME = Address("Alex Wong", "alex@example.com")
JANE = Address("Jane Doe", "jane@acme.com")
BOB = Address("Bob Roe", "bob@acme.com")
CAROL = Address("Carol Poe", "carol@acme.com")
RECRUITER = Address("Rita Recruiter", "rita@acme.com")
NOREPLY = Address("Acme Careers", "no-reply@greenhouse.io")


def at(text: str) -> datetime:
    """'2026-12-01 14:00' in New York."""
    return datetime.fromisoformat(text).replace(tzinfo=NY)


def config(**policy: object) -> Config:
    """The default config in New York, with some policy values replaced."""
    base = Config.default().with_timezone("America/New_York")  # the classifier's zone too
    sched = dataclasses.replace(ScheduleConfig(), timezone="America/New_York")
    pol = dataclasses.replace(base.policy, **policy)  # type: ignore[arg-type]
    return dataclasses.replace(base, schedule=sched, policy=pol)


def timing(cfg: Config | None = None) -> Timing:
    """Timing for `cfg` with the real address rules (no-reply and ATS are not answerable)."""
    cfg = cfg or config()
    return Timing.from_config(cfg, Domains(me=frozenset({ME.email})).answerable)


_seq = [0]


def _next_seq() -> int:
    _seq[0] += 1
    return _seq[0]


def confirm(when: str, start: str, minutes: int = 60, *, who: tuple[Address, ...] = (JANE,),
            sender: Address = RECRUITER, role: str = "Developer", uid: str | None = None,
            type_: InterviewType | None = InterviewType.VIDEO,
            timeline: date | None = None) -> MessageFact:
    """An interview confirmation from the employer."""
    s = at(start)
    iv = Interview(s, s + timedelta(minutes=minutes), type_, who, role, "Acme", calendar_uid=uid)
    return MessageFact(at=at(when), direction=Direction.RECEIVED, kind=Kind.INTERVIEW_CONFIRMED,
                       message_id=f"<c{_next_seq()}@acme.com>", subject=f"Interview: {role}",
                       from_=sender, reply_addr=sender, to=(ME,), interview=iv, role=role,
                       company="Acme", employer_domain="acme.com", stated_timeline=timeline,
                       seq=_next_seq())


def cancel(when: str, uid: str | None = None) -> MessageFact:
    """A cancellation from the employer."""
    return MessageFact(at=at(when), direction=Direction.RECEIVED, kind=Kind.INTERVIEW_CANCELLED,
                       message_id=f"<x{_next_seq()}@acme.com>", subject="Cancelled",
                       from_=RECRUITER, reply_addr=RECRUITER, to=(ME,),
                       interview=None if uid is None else Interview(
                           at(when), at(when), None, (), None, None, calendar_uid=uid),
                       employer_domain="acme.com", seq=_next_seq())


def reply(when: str, kind: ReplyKind = ReplyKind.OTHER, *, timeline: date | None = None,
          sender: Address = RECRUITER, automatic: bool = False) -> MessageFact:
    """An employer reply (or automatic mail) in the process."""
    return MessageFact(at=at(when), direction=Direction.RECEIVED, kind=Kind.EMPLOYER_REPLY,
                       reply=kind, automatic=automatic, message_id=f"<r{_next_seq()}@acme.com>",
                       subject="Re: Interview", from_=sender,
                       reply_addr=None if automatic else sender, to=(ME,),
                       stated_timeline=timeline, employer_domain="acme.com", seq=_next_seq())


def mine(when: str, kind: Kind = Kind.FOLLOW_UP, to: tuple[Address, ...] = (RECRUITER,),
         marker: str | None = None) -> MessageFact:
    """A message the user sent."""
    return MessageFact(at=at(when), direction=Direction.SENT, kind=kind,
                       message_id=f"<m{_next_seq()}@example.com>", subject="Re: Interview",
                       from_=ME, to=to, marker=marker, me=ME.email, seq=_next_seq())


INFO = ProcessInfo("acme-developer", "Acme", "Developer", "acme.com", at("2026-11-20 09:00"))


@dataclass
class Made:
    """One draft the driver made."""

    at: datetime
    step: StepKind
    round: int
    to: str
    key: str


@dataclass
class Driver:
    """Replays facts through fold/plan like the pipeline: drafts at due moments, in order."""

    messages: list[MessageFact]
    info: ProcessInfo = INFO
    cfg: Config = field(default_factory=config)
    user: str = "send"  # "send": each draft sent at once, "delete": deleted at once, "keep"
    manual: list[ManualFact] = field(default_factory=list)
    drafts: list[DraftRecord] = field(default_factory=list)
    made: list[Made] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.messages = list(self.messages)  # sent copies are added: never the caller's list

    def state(self, upto: datetime) -> ProcessState:
        """The process folded over the facts known at `upto`."""
        msgs = [m for m in self.messages if m.at <= upto]
        return fold(self.info, msgs, self.drafts, [f for f in self.manual if f.at <= upto],
                    max_follow_ups=self.cfg.policy.max_follow_ups)

    def run(self, until: str | datetime) -> list[Made]:
        """Move the clock from the first message to `until`, making every due draft."""
        end = at(until) if isinstance(until, str) else until
        times = sorted({m.at for m in self.messages if m.at <= end})
        t = times[0] if times else end
        tm = timing(self.cfg)
        for _ in range(500):
            ps = self.state(t)
            p = plan(ps, tm)
            when = ready_at(p, t, tm)
            if when is not None and when <= t:
                self._make(p.actions, t)
                continue
            later = [x for x in times if x > t]
            nxt = min([*later[:1], *([when] if when and when > t else [])], default=None)
            if nxt is None or nxt > end:
                break
            t = nxt
        return self.made

    def _make(self, actions: Iterable[Action], t: datetime) -> None:
        for a in actions:
            status = {"send": DraftStatus.CREATED, "delete": DraftStatus.DELETED,
                      "keep": DraftStatus.CREATED}[self.user]
            rec = DraftRecord(a.key, a.process, a.round, a.cycle, a.step, status, t,
                              tuple(x.email for x in a.to), a.interviewer, a.networking_index,
                              settled_at=t if status is DraftStatus.DELETED else None)
            self.drafts.append(rec)
            self.made.append(Made(t, a.step, a.round, a.to[0].email, a.key))
            if self.user == "send":
                kind = Kind.THANK_YOU if a.step is StepKind.THANK_YOU else Kind.FOLLOW_UP
                m = mine(t.isoformat(sep=" ")[:16], kind, a.to, marker=a.key)
                self.messages.append(dataclasses.replace(m, at=t))


# ---------------------------------------------------------------- raw mail for pipeline tests

_n = [0]


def raw_mail(sender: str, to: str, subject: str, when: str, body: str, *,
             in_reply_to: str | None = None, headers: dict[str, str] | None = None,
             mid: str | None = None) -> tuple[bytes, str]:
    """A plain-text RFC 5322 message (bytes) and its Message-ID; `when` is New York time."""
    from email.utils import format_datetime

    _n[0] += 1
    domain = sender.rpartition("@")[2].rstrip(">")
    message_id = mid or f"<m{_n[0]}.{abs(hash((subject, when))) % 10**8}@{domain}>"
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}",
             f"Date: {format_datetime(at(when))}", f"Message-ID: {message_id}"]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    for k, v in (headers or {}).items():
        lines.append(f"{k}: {v}")
    lines += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="UTF-8"', "", body, ""]
    return "\r\n".join(lines).encode(), message_id


ALEX = "Alex Wong <alex@example.com>"
JANE_H = "Jane Doe <jane@acme.com>"


def confirmation_mail(when: str = "2026-11-25 10:00",
                      slot: str = "Tuesday, December 1, 2026, 2:00 PM - 3:00 PM EST",
                      role: str = "Backend Engineer", company: str = "Acme",
                      sender: str = JANE_H) -> tuple[bytes, str]:
    """An interview confirmation like a recruiter writes it."""
    body = (f"Hi Alex,\r\n\r\nYour interview for the {role} role at {company} is confirmed.\r\n\r\n"
            f"  Date and time: {slot}\r\n  Format: video call (Google Meet)\r\n"
            f"  Interviewer: {sender}\r\n\r\nPlease let me know if anything changes on your side."
            f"\r\n\r\nBest regards,\r\n{sender.partition(' <')[0]}\r\n{company}\r\n")
    return raw_mail(sender, ALEX, f"Interview confirmed: {role} at {company}", when, body)


def with_attachment(raw: bytes, size: int, name: str = "Alex_Wong_CV.pdf") -> bytes:
    """`raw` (a single-part mail) with a file of `size` random-looking bytes attached after its
    text, as a mail client sends a CV: multipart/mixed, base64."""
    from email import message_from_bytes, policy
    from email.message import EmailMessage

    msg = message_from_bytes(raw, policy=policy.SMTP)
    assert isinstance(msg, EmailMessage)
    text = msg.get_content()
    del msg["Content-Type"], msg["Content-Transfer-Encoding"], msg["MIME-Version"]
    msg.set_content(text)
    msg.add_attachment(bytes(range(256)) * (size // 256), maintype="application", subtype="pdf",
                       filename=name)
    return msg.as_bytes(policy=policy.SMTP)
