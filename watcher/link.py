"""Which process a message belongs to: thread ids, In-Reply-To/References, participants, the
employer's domain and the role. Never links through free-mail, ATS or scheduler domains.

Pure: `link` looks a message up in a `LinkIndex` the caller keeps up to date with `add`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from watcher import rules
from watcher.models import Address, ClassifierSettings, Direction, Kind
from watcher.state import (
    BOOKED_LENGTH,
    ITS_PEOPLE_ONLY_EVIDENCE,
    MessageFact,
    cancel_target,
    names_another_round,
)

log = logging.getLogger(__name__)


class _New:
    """The sentinel `link` returns when a message starts a new process."""

    def __repr__(self) -> str:
        return "NEW"


NEW = _New()
CREATING_KINDS = frozenset({Kind.INTERVIEW_REQUESTED, Kind.INTERVIEW_CONFIRMED})
_ROLE_NOISE = frozenset({"role", "position", "interview", "opening", "vacancy", "the", "for", "a",
                         "an", "job"})


def _in(domain: str, domains: frozenset[str]) -> bool:
    domain = domain.lower().strip(".")
    parts = domain.split(".")
    return any(".".join(parts[i:]) in domains for i in range(len(parts) - 1))


@dataclass(frozen=True)
class Domains:
    """Which addresses can link threads and which can be answered (built from classify lists)."""

    me: frozenset[str] = frozenset()
    ats: frozenset[str] = frozenset(rules.ATS_DOMAINS)
    freemail: frozenset[str] = frozenset(rules.FREEMAIL_DOMAINS)
    ignore: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: ClassifierSettings, me: tuple[str, ...] = ()) -> Domains:
        """The built-in lists plus the user's additions from config."""
        clean = lambda items: frozenset(d.lower().lstrip("@.") for d in items)  # noqa: E731
        return cls(
            me=frozenset(a.lower() for a in (*settings.me, *me)),
            ats=clean((*rules.ATS_DOMAINS, *settings.ats_domains)),
            freemail=clean((*rules.FREEMAIL_DOMAINS, *settings.freemail_domains)),
            ignore=frozenset(s.lower() for s in settings.ignore_senders),
        )

    def is_me(self, addr: Address | str | None) -> bool:
        """One of the user's own addresses."""
        email = addr.email if isinstance(addr, Address) else (addr or "")
        return email.lower() in self.me

    def is_service(self, addr: Address) -> bool:
        """An ATS, scheduler, calendar or no-reply address: nobody answers it."""
        local, _, domain = addr.email.lower().rpartition("@")
        return (not domain or _in(domain, self.ats) or bool(rules.NOREPLY_LOCAL.match(local))
                or addr.email.lower() in self.ignore or f"@{domain}" in self.ignore)

    def answerable(self, addr: Address) -> bool:
        """A person one can write to (not me, not a service address)."""
        return bool(addr.email) and not self.is_me(addr) and not self.is_service(addr)

    def linkable(self, addr: Address) -> bool:
        """An address that may link threads: answerable and not on a free-mail domain."""
        return self.answerable(addr) and not _in(addr.domain, self.freemail)

    def linkable_domain(self, domain: str | None) -> bool:
        """A domain that may link threads (an employer's own)."""
        if not domain:
            return False
        me_domains = {a.rpartition("@")[2] for a in self.me}
        return not (_in(domain, self.freemail) or _in(domain, self.ats) or domain in me_domains)


def role_words(role: str | None) -> frozenset[str]:
    """The words of a role title that matter for matching ("Senior Developer role")."""
    if not role:
        return frozenset()
    text = unicodedata.normalize("NFKD", role).lower()
    return frozenset(w for w in re.findall(r"[a-z0-9+#]+", text) if w not in _ROLE_NOISE)


def same_role(a: str | None, b: str | None) -> bool | None:
    """True/False when both roles are known (one's words contain the other's), None otherwise."""
    wa, wb = role_words(a), role_words(b)
    if not wa or not wb:
        return None
    return wa <= wb or wb <= wa


def slug(company: str | None, role: str | None, fallback: str = "process") -> str:
    """`acme-senior-developer`: lower-case ASCII words of company and role joined by dashes."""
    text = " ".join(x for x in (company, role) if x) or fallback
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return s[:60].strip("-") or fallback


@dataclass
class _Proc:
    key: str
    role: str | None
    company: str | None
    domain: str | None
    last_at: datetime | None = None
    # its confirmed interviews' starts (with their calendar uids), as state.py folds them: a
    # reschedule or a cancellation frees the old slot (another employer's interview there is
    # no duplicate of this one), a further round booked ahead keeps the earlier one
    starts: dict[datetime, str | None] = field(default_factory=dict)
    ends: dict[datetime, datetime] = field(default_factory=dict)  # of those starts


@dataclass
class LinkIndex:
    """What `link` consults, kept current by the caller (the pipeline) with `add_*`."""

    domains: Domains = field(default_factory=Domains)
    procs: dict[str, _Proc] = field(default_factory=dict)
    threads: dict[str, str] = field(default_factory=dict)
    message_ids: dict[str, str] = field(default_factory=dict)
    addresses: dict[str, list[str]] = field(default_factory=dict)
    ignored: set[str] = field(default_factory=set)  # message ids, thread ids

    def add_process(self, key: str, company: str | None, role: str | None,
                    domain: str | None, at: datetime | None = None) -> None:
        """Register a process (new, or loaded from the store)."""
        self.procs[key] = _Proc(key, role, company, domain, at)

    def update_process(self, key: str, company: str | None, role: str | None,
                       domain: str | None) -> None:
        """Fill in what a process did not know yet (its slug never changes)."""
        p = self.procs.get(key)
        if p is not None:
            p.company = p.company or company
            p.role = p.role or role
            p.domain = p.domain or domain

    def add_message(self, key: str, fact: MessageFact) -> None:
        """Remember a message's ids and employer-side addresses as belonging to `key`."""
        if fact.thread_id:
            self.threads[fact.thread_id] = key
        if fact.message_id:
            self.message_ids[fact.message_id] = key
        for a in participants(fact, self.domains):
            lst = self.addresses.setdefault(a.email.lower(), [])
            if key in lst:
                lst.remove(key)
            lst.append(key)  # most recent last
        p = self.procs.get(key)
        if p is not None and (p.last_at is None or fact.at >= p.last_at):
            p.last_at = fact.at
        if p is not None and fact.interview is not None and fact.kind is Kind.INTERVIEW_CONFIRMED:
            iv = fact.interview
            ahead = [t for t, uid in p.starts.items() if t > fact.at]
            moved = [t for t, uid in p.starts.items()
                     if iv.calendar_uid and uid == iv.calendar_uid and t != iv.start]
            if moved:
                # an updated invite moves its own interview (state.py's _same_round: uid first)
                for t in moved:
                    del p.starts[t]
            elif iv.start not in p.starts and ahead and not names_another_round(fact):
                last = max(ahead)
                uid = p.starts[last]
                if not (iv.calendar_uid and uid and iv.calendar_uid != uid):
                    del p.starts[last]  # moved: state.py's _same_round reads it so
            p.starts[iv.start] = iv.calendar_uid or p.starts.get(iv.start)
            p.ends[iv.start] = iv.end
        elif p is not None and fact.kind is Kind.INTERVIEW_CANCELLED:
            booked = [(t, p.ends.get(t, t + BOOKED_LENGTH), uid) for t, uid in p.starts.items()]
            i = cancel_target(booked, fact)  # the one state.py's fold cancels
            if i is not None:
                del p.starts[booked[i][0]]

    def unique_slug(self, company: str | None, role: str | None, domain: str | None,
                    fallback: str | None = None) -> str:
        """A fresh process key: the slug, then `-2`, `-3` ... on collision. Without company,
        role and domain, `fallback`'s words (a tracked thread's subject or person), else
        "process"."""
        base = slug(company or (domain.split(".")[0] if domain else None), role,
                    slug(fallback, None) if fallback else "process")
        key, n = base, 1
        while key in self.procs:
            n += 1
            key = f"{base}-{n}"
        return key


def participants(fact: MessageFact, domains: Domains) -> list[Address]:
    """The employer-side addresses of a message that may link it to a process."""
    if fact.direction is Direction.RECEIVED:
        cands = [a for a in (fact.from_, fact.reply_addr) if a is not None]
        if fact.interview is not None:
            cands += list(fact.interview.interviewers)
    else:
        cands = list(fact.to)
    return [a for a in cands if domains.linkable(a)]


def _other_company(a: str | None, b: str | None) -> bool:
    wa, wb = role_words(a), role_words(b)
    return bool(wa and wb) and not (wa <= wb or wb <= wa)


def _pick(index: LinkIndex, keys: list[str], role: str | None, creates: bool,
          company: str | None = None) -> str | None:
    """Among candidate processes (oldest activity first): the most recent one of the same role,
    else one whose role is unknown, else (for a message that cannot start a process) the most
    recent one. A new interview for another role is another process."""
    same: str | None = None
    unknown: str | None = None
    for k in reversed(keys):
        p = index.procs.get(k)
        if p is None or (creates and _other_company(company, p.company)):
            continue
        match = same_role(role, p.role)
        if match and same is None:
            same = k
        elif match is None and unknown is None:
            unknown = k
    if same or unknown:
        return same or unknown
    if not creates:
        return next((k for k in reversed(keys) if k in index.procs), None)
    return None


def link(fact: MessageFact, index: LinkIndex) -> str | _New | None:
    """The process key of `fact`, NEW when it starts one, None when it belongs to none.

    Order: the backend's thread id, In-Reply-To/References, participants' addresses, the
    employer's domain with the role, the company with the role. Only an interview request or
    confirmation from the employer's side starts a process; a message classified `other`, and
    mail of mine that names no job, link only through a thread or an address, never through a
    domain or a name.
    """
    if (fact.message_id and fact.message_id in index.ignored) or (
            fact.thread_id and fact.thread_id in index.ignored):
        return None
    creates = fact.kind in CREATING_KINDS and fact.direction is Direction.RECEIVED \
        and not fact.automatic
    role = fact.role or (fact.interview.role if fact.interview else None)
    company = fact.company or (fact.interview.company if fact.interview else None)

    def other_role(key: str) -> bool:
        p = index.procs.get(key)
        return creates and p is not None and same_role(role, p.role) is False

    if fact.thread_id and fact.thread_id in index.threads \
            and not other_role(index.threads[fact.thread_id]):
        return index.threads[fact.thread_id]
    for ref in (fact.in_reply_to, *reversed(fact.references)):
        if ref and ref in index.message_ids and not other_role(index.message_ids[ref]):
            return index.message_ids[ref]
    uid = fact.interview.calendar_uid if fact.interview is not None else None
    if uid:
        # An updated invitation of the same calendar event is the same interview, whatever
        # its subject now says ("Updated invitation: ... @ Thu Dec 3")
        for p in index.procs.values():
            if uid in p.starts.values():
                return p.key
    by_addr: list[str] = []
    for a in participants(fact, index.domains):
        for k in index.addresses.get(a.email.lower(), ()):
            if k in by_addr:
                by_addr.remove(k)
            by_addr.append(k)
    hit = _pick(index, _named(index, by_addr, fact.mentions), role, creates, company)
    if hit is not None:
        return hit
    # a message classified `other`, or mail of mine that names no job ("Thanks for the call
    # just now"), is joined through a thread or an address only
    meaningful = fact.kind is not Kind.OTHER and not any(
        e.startswith(ITS_PEOPLE_ONLY_EVIDENCE) for e in fact.evidence)
    domain = fact.employer_domain
    if meaningful:
        if index.domains.linkable_domain(domain):
            same_domain = [p.key for p in sorted(index.procs.values(), key=_recency)
                           if p.domain and domain and p.domain.lower() == domain.lower()]
            hit = _pick(index, _named(index, same_domain, fact.mentions), role, creates, company)
            if hit is not None:
                return hit
        if company:
            cw = role_words(company)
            # Same name, but another employer's own domain: another company.
            known = domain.lower() if index.domains.linkable_domain(domain) and domain else None
            same_co = [p.key for p in sorted(index.procs.values(), key=_recency)
                       if p.company and role_words(p.company) == cw
                       and not (known and p.domain and not _sibling(p.domain, known, cw))]
            hit = _pick(index, same_co, role, creates)
            if hit is not None and same_role(role, index.procs[hit].role) is not False:
                return hit
    if creates and fact.interview is not None and fact.kind is Kind.INTERVIEW_CONFIRMED:
        # The same interview confirmed twice, by an applicant-tracking system on the
        # employer's behalf and by a person there (whose domain and wording the system's mail
        # does not share): same start, same role, one process, one set of drafts
        start = fact.interview.start
        known = domain.lower() if index.domains.linkable_domain(domain) and domain else None
        for p in sorted(index.procs.values(), key=_recency, reverse=True):
            if start in p.starts and same_role(role, p.role) is not False \
                    and not _other_company(company, p.company) \
                    and not (known and p.domain and not _sibling(p.domain, known, role_words(company))):
                return p.key
    return NEW if creates else None


# Words of a company's name that do not tell one company from another
_COMPANY_NOISE = frozenset({"inc", "corp", "corporation", "co", "llc", "ltd", "limited", "gmbh",
                            "group", "company", "the", "and", "of", "labs", "technologies", "tech",
                            "systems", "solutions", "holdings", "international", "global"})


def _named(index: LinkIndex, keys: list[str], mentions: tuple[str, ...]) -> list[str]:
    """Of several candidate processes (one recruiter's clients), those whose company the
    message names ("I just heard back from Initech"), when it names some and not all."""
    if len(keys) < 2 or not mentions:
        return keys
    said = set(mentions)
    named = []
    for k in keys:
        p = index.procs.get(k)
        words = {w for w in role_words(p.company if p else None) if w not in _COMPANY_NOISE
                 and len(w) > 2}
        if words and words & said:
            named.append(k)
    return named if 0 < len(named) < len(keys) else keys


def _sibling(a: str, b: str, company_words: frozenset[str]) -> bool:
    """Two domains of one employer: equal, same first label (acme.com, acme.io), or both
    spelling the company's name (acme.com, acmecorp.com, acmelabs.io for "Acme")."""
    la, lb = a.lower().split(".")[0], b.lower().split(".")[0]
    name = "".join(sorted(company_words)) if len(company_words) == 1 else None
    return a.lower() == b.lower() or la == lb or bool(name and la.startswith(name) and lb.startswith(name))


def _recency(p: _Proc) -> float:
    return float("-inf") if p.last_at is None else p.last_at.timestamp()
