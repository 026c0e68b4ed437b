"""`tick(now, engine)`: the one place effects happen. Sync each account, parse, classify, link,
store facts (one transaction with the cursor), reconcile our drafts with the drafts folder,
then create the drafts that are due: ledger intent -> backend draft -> ledger id.

The daemon, `watcher scan` and `watcher simulate` all call this same function.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import json
import logging
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from watcher import policy
from watcher.backends.base import (
    IGNORE_KEYWORD,
    MARKER_HEADER,
    TRACK_KEYWORD,
    Backend,
    DraftsIncomplete,
    RemoteMessage,
    SyncBatch,
    date_value,
    header_block,
    marker_digest,
    message_id_digest,
    message_id_of,
    normalize_marker,
)
from watcher.backends.retry import stopping
from watcher.classify import prefilter, registrable
from watcher.compose import (
    ComposeRequest,
    Sender,
    ThreadRef,
    compose,
    render_message,
    strip_reply,
)
from watcher.config import Config, MeConfig
from watcher.errors import AuthError, TransientError, WatcherError
from watcher.link import NEW, Domains, LinkIndex, link
from watcher.models import Direction, Draft, Kind, State, StepKind
from watcher.parse import mail_date
from watcher.prepare import (
    PARALLEL_MIN,
    PEOPLE_RE,
    Prepared,
    Preparer,
    prepare,
)
from watcher.state import (
    PENDING,
    Action,
    DraftRecord,
    DraftStatus,
    InTouch,
    MessageFact,
    Plan,
    ProcessInfo,
    ProcessState,
    Timing,
    fold,
    ignored_by_hand,
    parse_step_key,
    plan,
    ready_at,
    sort_key,
)
from watcher.store import Store

log = logging.getLogger(__name__)

_MARKER_BYTES = MARKER_HEADER.lower().encode()


@dataclass(frozen=True, slots=True)
class Created:
    """A draft the tick created (or, in a dry run, would have created)."""

    at: datetime
    action: Action
    draft: Draft
    draft_id: str | None


@dataclass(frozen=True, slots=True)
class StateChange:
    """A process changed state (for `simulate --events` and logs)."""

    at: datetime
    event: str
    process: str
    state: State


@dataclass
class TickSummary:
    """What one pass did: for `watcher scan`, logs and simulate."""

    messages_read: int = 0
    # the new messages a sync handed over, read or not: `read` is those kept as facts (mail
    # with nothing of a job search in it is passed over), so "read 6000/6000" and then
    # "0 messages read" needs the rest said
    messages_seen: int = 0
    processes_changed: set[str] = field(default_factory=set)
    drafts: list[Created] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    failed_accounts: list[str] = field(default_factory=list)
    # processes whose due draft could not be made this pass (the server refused it, a
    # template): tried again next pass; `scan` exits 1 for them as for a failed account
    failed_drafts: list[str] = field(default_factory=list)
    events: list[StateChange] = field(default_factory=list)
    bad_messages: int = 0
    # processes a failed batch changed: the rest of their history is unread, so no draft is
    # made from what was read of it until a pass reads the batch to its end
    held: set[str] = field(default_factory=set)


class _DryRun(Exception):
    """Raised to roll back everything a dry run wrote."""


# A networking note that reached the person's inbox, or may: a deleted or obsolete one did
# not, and keeps nobody in touch.
_NOTE_MADE = frozenset({DraftStatus.INTENT, DraftStatus.CREATED, DraftStatus.SENT,
                        DraftStatus.DONE_BY_USER})


@dataclass
class Engine:
    """What `tick` works with: config, store, accounts' backends, and caches over the store.

    `catch_up` applies the policy's first-sync rule (rule 12); simulate turns it off.
    """

    config: Config
    store: Store
    backends: dict[str, Backend]
    catch_up: bool = True
    dry_run: bool = False
    replan: bool = False  # set after a config reload: re-plan every process on the next tick
    progress: Any = None  # callable(stage: str, done: int, total: int), for `watcher scan`
    domains: Domains = field(init=False)
    timing: Timing = field(init=False)
    _index: LinkIndex | None = None
    _facts: dict[str, list[MessageFact]] = field(default_factory=dict)
    _states: dict[str, State] = field(default_factory=dict)
    _listed: dict[str, dict[str, str]] = field(default_factory=dict)  # this tick's drafts folders
    _created: list[MessageFact] = field(default_factory=list)  # this tick's processes' first facts
    _born: list[str] = field(default_factory=list)  # the processes this tick created
    _forgotten: set[str] = field(default_factory=set)  # those this tick's ignores deleted
    # this tick's accounts with drafts the server held back, and which
    _unlisted: dict[str, DraftsIncomplete] = field(default_factory=dict)
    _warm_failed: set[str] = field(default_factory=set)  # last sync failed after starting workers
    _data_version: int | None = None

    def __post_init__(self) -> None:
        me = tuple(a.lower() for a in self.config.me.addresses)
        settings = self.config.classify
        if me and not settings.me:
            settings = dataclasses.replace(settings, me=me)
            self.config = dataclasses.replace(self.config, classify=settings)
        self.domains = Domains.from_settings(settings, me)
        self.timing = Timing.from_config(self.config, self.domains.answerable)

    # ------------------------------------------------------------ caches over the store

    def _check_outside_writes(self) -> None:
        """Drop caches when another connection (a manual command) changed the database."""
        v = self.store.data_version()
        if self._data_version is not None and v != self._data_version:
            self.invalidate()
        self._data_version = v

    def invalidate(self) -> None:
        """Forget every cache; they are rebuilt from the store on demand."""
        self._index = None
        self._facts.clear()

    @property
    def index(self) -> LinkIndex:
        """The link index, built from the store the first time it is needed."""
        if self._index is None:
            idx = LinkIndex(self.domains)
            for info in self.store.processes():
                idx.add_process(info.key, info.company, info.role, info.employer_domain,
                                info.created_at)
            for proc, fact in self.store.linked_messages():
                idx.add_message(proc, fact)
            idx.ignored |= self.store.ignores()
            self._index = idx
        return self._index

    def facts(self, process: str) -> list[MessageFact]:
        """A process's message facts (cached)."""
        if process not in self._facts:
            self._facts[process] = self.store.messages(process)
        return self._facts[process]

    def state(self, process: str) -> ProcessState:
        """Fold a process from the store."""
        info = self.store.process(process)
        if info is None:
            raise WatcherError(f"no process named {process!r}")
        return fold(info, self.facts(process), self.store.drafts(process),
                    self.store.manual(process), max_follow_ups=self.config.policy.max_follow_ups)

    def plan(self, ps: ProcessState, timing: Timing | None = None) -> Plan:
        """state.plan with what the other processes know: when the user last had mail with the
        person a closed process's networking check-in would go to (rule 13 counts from it).
        `timing` replaces the config's (status: the plan without quiet hours or days)."""
        return plan(ps, timing or self.timing,
                    self._in_touch(ps.info.key) if ps.closed else None)

    def _in_touch(self, process: str) -> InTouch:
        def since(email: str) -> datetime | None:
            """The latest mail, not automatic, from or to `email` in another process (one
            the user ignored aside), or networking draft made to them there: a person with
            several closed processes gets one note at a time, not one per process at once."""
            email = email.lower()
            last: datetime | None = None
            for other in self.index.addresses.get(email, ()):
                if other == process or other not in self.index.procs \
                        or ignored_by_hand(self.store.manual(other)):
                    continue
                for f in self.facts(other):  # cached: no fold of every other process
                    if f.automatic or (last is not None and f.at <= last):
                        continue
                    people = (f.from_, *f.to) if f.from_ is not None else f.to
                    if any(a.email.lower() == email for a in people):
                        last = f.at
                for d in self.store.drafts(other, step=StepKind.NETWORKING):
                    if d.status in _NOTE_MADE and email in map(str.lower, d.to) \
                            and (last is None or d.created_at > last):
                        last = d.created_at
            return last
        return since

    def sharing_people(self, processes: Collection[str]) -> set[str]:
        """The other processes with a person (an employer-side address) in common with
        `processes`: a networking check-in of theirs counts from the latest mail with that
        person (Engine.plan), so new mail in one re-plans them too."""
        if not processes:
            return set()
        out: set[str] = set()
        for keys in self.index.addresses.values():
            if any(k in processes for k in keys):
                out.update(keys)
        return out - set(processes)

    def refresh(self, process: str, now: datetime, event: str | None = None,
                summary: TickSummary | None = None) -> ProcessState:
        """Re-fold and re-plan one process; store what `status` shows and when it is due."""
        ps = self.state(process)
        p = self.plan(ps)
        st = ps.state_at(now)
        r = ps.latest_round
        self.store.set_plan(process, next_kind=p.next_kind,
                            next_due=ready_at(p, now, self.timing),
                            waiting_for=p.waiting_for, state=st.value,
                            round_=r.number if r else 0, last_message_at=ps.last_at)
        if self._states.get(process) != st:
            self._states[process] = st
            if summary is not None:
                summary.events.append(StateChange(now, event or ps.last_event, process, st))
        return ps


# ---------------------------------------------------------------- facts from a message


_MSGID_RE = re.compile(rb"<[^<>\s]+>")
_REFS_RE = re.compile(rb"^(?:in-reply-to|references):[ \t]*(.*(?:\r?\n[ \t].*)*)",
                      re.IGNORECASE | re.MULTILINE)
_ADDR_RE = re.compile(rb"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _known(engine: Engine, headers: bytes) -> bool:
    """Headers that tie a message to the watcher: a copy of one of our drafts, a reply to a
    known process's message, or a known process's person as sender or recipient."""
    if _MARKER_BYTES in headers.lower():
        return True
    index = engine.index
    if index.message_ids:
        for m in _REFS_RE.finditer(headers):
            for mid in _MSGID_RE.findall(m.group(1)):
                if mid.decode("utf-8", "replace") in index.message_ids:
                    return True
    if index.addresses:
        for m in PEOPLE_RE.finditer(headers):
            for addr in _ADDR_RE.findall(m.group(1)):
                if addr.decode("utf-8", "replace").lower() in index.addresses:
                    return True
    return False


def _is_candidate(engine: Engine) -> Any:
    """The header check a backend runs before fetching a whole message: whatever `_known`
    keeps, and whatever the classifier's cheap look at the headers keeps."""
    settings = engine.config.classify

    def check(headers: bytes) -> bool:
        return _known(engine, headers) or prefilter(headers, settings)

    return check


# ---------------------------------------------------------------- sync


def _sent_copy(engine: Engine, fact: MessageFact, rec: DraftRecord | None) -> DraftRecord | None:
    """The ledger row of a draft whose sent copy (it carries our marker) is `fact`.

    A row that says deleted is corrected to sent: a scheduled send ("send later") or a mail
    client that deletes a draft before saving its edit takes it out of Drafts a pass before
    its copy lands in Sent. A marker without a row (a state database restored from a backup)
    gets its row back, as sent, so the step is never drafted again (rule 7)."""
    store = engine.store
    if rec is not None:
        if rec.status is DraftStatus.INTENT:
            # Made by a pass killed before it recorded the draft's id, and sent before the
            # restart looked for it in Drafts: sent, as if the id had been recorded (the
            # restart would have settled a step done without it as never made: obsolete)
            store.set_draft_status(rec.key, DraftStatus.SENT, fact.at)
            log.info("draft %s: made before a restart and sent since: sent", rec.key)
            return dataclasses.replace(rec, status=DraftStatus.SENT, settled_at=fact.at)
        if rec.status is DraftStatus.DELETED:
            store.set_draft_status(rec.key, DraftStatus.SENT, fact.at)
            log.info("draft %s: its sent copy came after it left Drafts: sent, not deleted",
                     rec.key)
            return dataclasses.replace(rec, status=DraftStatus.SENT, settled_at=fact.at)
        return rec
    parsed = parse_step_key(fact.marker or "")
    if parsed is None or store.process(parsed[0]) is None:
        return None
    process, round_, cycle, step, n, who = parsed
    row = DraftRecord(fact.marker or "", process, round_, cycle, step, DraftStatus.SENT, fact.at,
                      tuple(a.email for a in fact.to), who, (n or 1) - 1, settled_at=fact.at)
    store.draft_intent(row)
    log.info("draft %s: sent copy of a draft the state did not know: recorded as sent", row.key)
    return row


def _marker_by_message_id(engine: Engine, fact: MessageFact) -> MessageFact:
    """`fact` with the marker of the draft whose Message-ID it carries: the user's edit of our
    draft, saved by a client that dropped the marker header but kept the Message-ID, then
    sent, is that draft sent."""
    digest = message_id_digest(fact.message_id)
    if digest is None:
        return fact
    for rec in engine.store.drafts():
        if marker_digest(rec.key) == digest:
            return dataclasses.replace(fact, marker=rec.key)
    return fact


def _seen_before(store: Store, fact: MessageFact, message_id: str) -> bool:
    """Whether a message stored under `fact`'s Message-ID is this one: from the same sender.
    Mail-merge tools give every message one id ("<0@localhost>"): another employer's
    confirmation under it was dropped as a copy."""
    sender = fact.from_.email.lower() if fact.from_ else None
    return any(f.message_id == message_id
               and (f.from_.email.lower() if f.from_ else None) == sender
               for _, _, f in store.find_messages(message_id))


def _ingest(engine: Engine, account: str, rm: RemoteMessage, now: datetime,
            summary: TickSummary, prep: Prepared | None = None) -> None:
    """Store one message's fact and link it; `prep` is its pure work when done ahead (in
    worker processes), else it is done here."""
    store = engine.store
    if rm.raw is None:
        store.add_message(account, rm.ref, None, None, message_id_of(rm.headers))
        return
    if prep is None:
        prep = prepare(rm, engine.config.classify, engine.domains, now)
    if prep.skipped:
        # No hiring word: only `other`, which matters only when it ties to a known process
        if not _known(engine, rm.headers or header_block(rm.raw)):
            store.add_message(account, rm.ref, None, None,
                              message_id_of(rm.headers or header_block(rm.raw)))
            return
        prep = prepare(rm, engine.config.classify, engine.domains, now, force=True)
    if prep.error is not None or prep.fact is None:
        log.warning("%s: message %s skipped: %s", account, rm.ref, prep.error)
        store.record_bad_message(account, rm.ref, prep.error or "unreadable", now)
        summary.bad_messages += 1
        return
    fact = prep.fact
    if fact.message_id and store.has_message_id(fact.message_id) \
            and _seen_before(store, fact, fact.message_id):
        # The same message under a new ref (UIDVALIDITY rescan, a copy in another folder or
        # another account): remember the ref, but one message is one event.
        store.add_message(account, rm.ref, None, None)
        return
    index = engine.index
    target: str | None = None
    ignored = IGNORE_KEYWORD in rm.keywords
    if not ignored and fact.marker is None and fact.direction is Direction.SENT:
        fact = _marker_by_message_id(engine, fact)
    if ignored:
        for t in (fact.message_id, fact.thread_id):
            if t:
                store.add_ignore(t, now)
                index.ignored.add(t)
    elif fact.marker:
        rec = store.draft(fact.marker)
        if fact.direction is Direction.SENT:
            rec = _sent_copy(engine, fact, rec)
        if rec is not None:
            target = rec.process
            step = rec.step
            fact = dataclasses.replace(
                fact, kind=Kind.THANK_YOU if step is StepKind.THANK_YOU else Kind.FOLLOW_UP)
    if target is None and not ignored:
        found = link(fact, index)
        if found is NEW or (found is None and TRACK_KEYWORD in rm.keywords):
            target = new_process(engine, fact)
        elif isinstance(found, str):
            target = found
            index.update_process(target, fact.company, fact.role, fact.employer_domain)
            store.update_process(target, fact.company, fact.role, fact.employer_domain)
    seq = store.add_message(account, rm.ref, fact, target)
    summary.messages_read += 1
    if target is not None:
        fact = dataclasses.replace(fact, seq=seq)
        index.add_message(target, fact)
        if target in engine._facts:
            engine._facts[target].append(fact)
        summary.processes_changed.add(target)


def _relabel(engine: Engine, account: str, rm: RemoteMessage, now: datetime,
             summary: TickSummary) -> None:
    """Apply watcher/track or watcher/ignore added to a message after it was first read:
    ignore does what `watcher ignore` does with its message and thread."""
    store = engine.store
    row = store.message_row(account, rm.ref)
    if row is None:
        return
    process, message_id, thread_id = row
    if IGNORE_KEYWORD in rm.keywords:
        targets = [t for t in dict.fromkeys((message_id, thread_id, rm.thread_id))
                   if t and t not in engine.index.ignored]
        if not targets:
            return
        _, touched, forgotten = ignore_targets(engine, targets, now)
        summary.processes_changed |= touched
        summary.processes_changed -= set(forgotten)
        for key in forgotten:
            log.info("process %s forgotten: its mail was labelled %s", key, IGNORE_KEYWORD)
    elif TRACK_KEYWORD in rm.keywords and process is None and rm.raw is not None:
        store.forget_message(account, rm.ref)
        _ingest(engine, account, rm, now, summary)


def ignore_targets(engine: Engine, targets: Iterable[str], now: datetime
                   ) -> tuple[int, set[str], list[str]]:
    """Never link these Message-IDs or thread ids again: record the ignores and detach the
    messages stored under them from their processes (`watcher ignore`, and the
    watcher/ignore label or keyword). A process left holding nothing (one `watcher track`
    made of this thread) is forgotten: it waited on for an interview date, and an ignored
    one would take in the employer's real interview later (linking by company and domain)
    and never draft it. Returns (messages detached, processes they left, those forgotten);
    the caller re-plans the rest."""
    store = engine.store
    touched: set[str] = set()
    found = 0
    with store.transaction():
        for target in targets:
            store.add_ignore(target, now)
            for row_id, process, fact in store.find_messages(target):
                found += 1
                for t in (fact.message_id, fact.thread_id if fact.thread_id == target else None):
                    if t:
                        store.add_ignore(t, now)
                if process:
                    touched.add(process)
                store.set_message_process(row_id, None)
        forgotten = sorted(p for p in touched if store.forget_process(p))
        engine.invalidate()
    engine._forgotten |= set(forgotten)
    engine._born = [k for k in engine._born if k not in engine._forgotten]
    return found, touched, forgotten


def new_process(engine: Engine, fact: MessageFact) -> str:
    """Create a process for `fact` (slug of company and role, `-2` on collision)."""
    index = engine.index
    domain = fact.employer_domain
    if domain is None:  # `watcher track` on mail the classifier did not place
        people = [fact.from_] if fact.direction is Direction.RECEIVED else list(fact.to)
        domain = next((registrable(a.domain) for a in people if a is not None
                       and engine.domains.linkable_domain(a.domain)), None)
    # (a tracked thread from free-mail naming no company nor role: called by its subject's
    # first words, or its person, not "process")
    subject = " ".join(strip_reply(fact.subject or "").split()[:5])
    person = next((a.name for a in ([fact.from_] if fact.direction is Direction.RECEIVED
                                    else list(fact.to)) if a is not None and a.name), None)
    key = index.unique_slug(fact.company, fact.role, domain, subject or person)
    info = ProcessInfo(key, fact.company, fact.role, domain, fact.at)
    engine.store.add_process(info)
    index.add_process(key, fact.company, fact.role, domain, fact.at)
    engine._facts[key] = []
    engine._created.append(fact)
    engine._born.append(key)
    log.info("new process %s", key)
    return key


def relink_across_accounts(engine: Engine, summary: TickSummary) -> None:
    """Accounts are read one after the other, each in date order, so mail of mine in one (a
    thank-you sent from the work address) can be read before the confirmation in another
    that starts its process (or while that account was down). After a pass that started
    processes, the facts tied to none, dated from the earliest of those on, are linked again:
    those that belong to a process now join it. Nothing new is started this way."""
    if not engine._created or len(_configured(engine)) < 2:
        return
    since = min(f.at for f in engine._created) - timedelta(days=1)
    store, index = engine.store, engine.index
    rows = sorted(((r, f) for r, f in store.unlinked_facts() if f.at >= since),
                  key=lambda rf: (rf[1].at, rf[0]))
    with store.transaction():
        for row_id, fact in rows:
            target = link(fact, index)
            if not isinstance(target, str):
                continue
            store.set_message_process(row_id, target)
            index.add_message(target, fact)
            if target in engine._facts:
                engine._facts[target].append(fact)
            summary.processes_changed.add(target)
            log.info("message %s of another account joins process %s", row_id, target)


def _date_key(rm: RemoteMessage) -> float:
    """The Date header as a timestamp, for ordering a batch (unknown dates go first)."""
    value = date_value(rm.headers or rm.raw or b"")
    d = mail_date(value.decode("ascii", "replace")) if value else None
    return d.timestamp() if d is not None and d.tzinfo is not None else float("-inf")


def sync_account(engine: Engine, account: str, backend: Backend, now: datetime,
                 summary: TickSummary) -> None:
    """One account: fetch what is new, store facts and the cursor in one transaction."""
    store = engine.store
    cursor = store.cursor(account)
    preparer = Preparer(engine.config.classify, engine.domains)

    warmed = False
    total = 0  # over the folders said so far (an INBOX and a Sent of 500 each are big)

    def sized(n: int) -> None:
        nonlocal warmed, total
        total += n
        # A big batch (a first sync, a rescan): the workers import while headers are still
        # fetched. Not for a small one, whose few messages are parsed here sooner than a
        # worker has started; nor for a sync that fails before it lists anything. Nor again
        # after this account's last sync failed once they had started: one that fails at the
        # same place each pass (a server that drops the connection on one message) would
        # start them and have them parse what it fetched at every pass, for nothing;
        # `run` starts them once a big batch has arrived.
        if total >= PARALLEL_MIN and account not in engine._warm_failed:
            preparer.warm()
            warmed = True

    try:
        batch = backend.sync(cursor, _is_candidate(engine),
                             on_bodies=lambda rms: preparer.submit(rms, now), on_size=sized)
        _store_batch(engine, account, batch, preparer, now, summary)
    except BaseException:
        if warmed:
            engine._warm_failed.add(account)
        raise
    else:
        engine._warm_failed.discard(account)
    finally:
        preparer.close()


# A big batch (a first sync, a rescan) is committed every COMMIT_EVERY messages, so that the
# service holds the database's write lock for a moment at a time, not for the whole batch:
# `watcher snooze` and the other commands wait at most 5 s for it, and `status` shows what
# was found so far. The cursor moves with the last chunk only: after a crash the batch is
# read again, and what was stored is skipped by its ref.
COMMIT_EVERY = 500
# TERM finishes the pass; but a batch still being read this long after it (a first sync of
# tens of thousands of messages) stops at its next commit, before systemd's TimeoutStopSec
# (2 min in the unit) kills it: the rest of the batch is read at the next start, as after a
# crash (the cursor moves with the last chunk only), and the exit is clean.
STOP_GRACE = 60.0


class _Stopped(TransientError):
    """A batch left at a commit because the process is stopping (STOP_GRACE): no failure."""


def _store_batch(engine: Engine, account: str, batch: SyncBatch, preparer: Preparer,
                 now: datetime, summary: TickSummary) -> None:
    store = engine.store
    fresh = batch.messages
    relabelled: list[RemoteMessage] = []
    if batch.full_resync or len(fresh) > 0:
        seen = store.seen(account, [m.ref for m in fresh])
        # A message seen before comes back when its keywords/labels changed: the user tagged it
        # watcher/track or watcher/ignore in a mail client after it was first synced.
        relabelled = [m for m in fresh if m.ref in seen
                      and m.keywords & {TRACK_KEYWORD, IGNORE_KEYWORD}]
        fresh = [m for m in fresh if m.ref not in seen]
    # Date order across folders (a backend reports INBOX and Sent one after the other): a
    # reply must not be linked before the message it answers.
    fresh = sorted(fresh, key=_date_key)
    summary.messages_seen += len(fresh)
    pairs = zip(fresh, preparer.run(fresh, now), strict=True)
    done = 0
    # What this batch changes is collected apart: a process an earlier account changed in
    # this pass must be held too when this batch fails after touching it
    outer, summary.processes_changed = summary.processes_changed, set()
    try:
        while True:
            with store.transaction():
                if done == 0:
                    for rm in relabelled:
                        _relabel(engine, account, rm, now, summary)
                for rm, prep in itertools.islice(pairs, COMMIT_EVERY):
                    _ingest(engine, account, rm, now, summary, prep)
                    done += 1
                    if engine.progress is not None and (done % 200 == 0 or done == len(fresh)):
                        engine.progress(f"read {account}", done, len(fresh))
                if done >= len(fresh):
                    for ref, why in batch.unreadable.items():
                        # the server would not serve it: recorded and skipped, as mail that
                        # cannot be parsed (status lists both)
                        store.record_bad_message(account, ref, why, now)
                        summary.bad_messages += 1
                    store.set_cursor(account, batch.cursor)  # with the last chunk only
                    break
            if stopping.waited() > STOP_GRACE:  # (this chunk is committed)
                raise _Stopped(f"account {account}: stopped after {done} of {len(fresh)} "
                               "new messages; the rest is read at the next start")
    except BaseException:
        engine.invalidate()  # the in-memory index saw rows that were rolled back
        # Chunks before the failure are committed: a thank-you the user sent may sit in the
        # unread tail, so what they changed waits for the pass that reads the batch through
        summary.held |= summary.processes_changed
        raise
    finally:
        summary.processes_changed = outer | summary.processes_changed


# ---------------------------------------------------------------- drafts


def _list_drafts(engine: Engine, account: str, backend: Backend) -> dict[str, str]:
    """The drafts folder's markers, normalized (a folded or RFC 2047-encoded marker header
    must still match its ledger key, or a crash could make a second draft), kept for the
    tick. With drafts the server would not send, those read, and the account is noted in
    `_unlisted`: a draft missing from them may be one of the others."""
    known = {r.key: r.draft_id for r in engine.store.drafts(statuses=tuple(PENDING))
             if (r.account or account) == account}
    try:
        listed = backend.list_drafts(known)
    except DraftsIncomplete as exc:
        log.warning("%s; until it can read them, a draft of ours that may be one of them "
                    "does not count as sent or deleted, nor is one whose creation was "
                    "interrupted made again", exc)
        listed = exc.listed
        engine._unlisted[account] = exc
    engine._listed[account] = {normalize_marker(k): v for k, v in listed.items()}
    return engine._listed[account]


# How long after a draft was seen deleted its return to Drafts is looked for (a listing per
# pass, one STATUS round trip over IMAP when Drafts is unchanged)
RETURN_WINDOW = timedelta(days=14)


def reconcile(engine: Engine, account: str, backend: Backend, now: datetime,
              summary: TickSummary) -> None:
    """Compare the ledger with the drafts folder: crash recovery, sent and deleted drafts."""
    store = engine.store
    open_rows = [r for r in store.drafts(statuses=tuple(PENDING)) if (r.account or account)
                 == account]
    # Seen deleted lately: back in Drafts, it is pending again (the user took it back out of
    # the trash, or undid a delete that a pass saw)
    deleted = [r for r in store.drafts(statuses=(DraftStatus.DELETED,))
               if (r.account or account) == account and r.settled_at is not None
               and now - r.settled_at <= RETURN_WINDOW]
    if not open_rows and not deleted:
        return
    listed = _list_drafts(engine, account, backend)
    with store.transaction():
        for rec in deleted:
            if rec.key in listed:
                store.draft_back(rec.key, listed[rec.key])
                log.info("draft %s is back in Drafts: pending again", rec.key)
                summary.processes_changed.add(rec.process)
        for rec in open_rows:
            if rec.status is DraftStatus.INTENT:
                if rec.key in listed:
                    # Created before a crash, id never recorded: adopt it, never make another.
                    store.draft_created(rec.key, listed[rec.key])
                    log.info("draft %s found after a restart: adopted", rec.key)
                continue  # else: made again by the action phase
            if rec.key in listed:
                continue
            held = engine._unlisted.get(account)
            if held is not None and held.may_be_unread(rec.draft_id):
                continue  # it may be a draft the server would not send: nothing is known
            _gone(engine, rec, now, summary)


def _gone(engine: Engine, rec: DraftRecord, now: datetime, summary: TickSummary,
          why: str | None = None) -> None:
    """Settle a draft that left Drafts (or `why` it cannot be found): as the state says
    (sent, done by the user), else deleted: the step is skipped."""
    ps = engine.state(rec.process)
    status, at = ps.settled.get(rec.key) or (DraftStatus.DELETED, now)
    engine.store.set_draft_status(rec.key, status, at)
    if why is not None:
        log.info("draft %s: %s: counted as %s", rec.key, why, status.value)
    elif status is DraftStatus.DELETED:
        # Gone without a matching message of mine
        log.info("draft %s deleted by the user: step skipped", rec.key)
    else:
        log.info("draft %s left Drafts: %s", rec.key, status.value)
    summary.processes_changed.add(rec.process)


def reconcile_removed_accounts(engine: Engine, now: datetime, summary: TickSummary) -> None:
    """Drafts recorded in an account no longer in the config (removed, or renamed): one found
    by its marker in an open account's Drafts is adopted there (a renamed account); one found
    in none is gone (sent or deleted, as `reconcile` decides), so that it no longer holds its
    process back. Decided only when every account of the config is open and listed its whole
    Drafts folder."""
    store = engine.store
    configured = _configured(engine)
    rows = [r for r in store.drafts(statuses=(DraftStatus.CREATED,))
            if r.account is not None and r.account not in configured]
    if not rows or summary.failed_accounts or engine._unlisted or configured - set(engine.backends):
        return  # an account down, or not open (a renamed one may hold them): nothing is known
    try:
        for name, backend in engine.backends.items():
            if name not in engine._listed:
                _list_drafts(engine, name, backend)
    except (WatcherError, OSError) as exc:
        log.info("drafts of removed accounts left for a later pass: %s", exc)
        return
    if engine._unlisted:
        return
    with store.transaction():
        for rec in rows:
            home = next((n for n, listed in engine._listed.items() if rec.key in listed), None)
            if home is not None:
                store.draft_created(rec.key, engine._listed[home][rec.key], home)
                log.info("draft %s of account %s (no longer in the config) found in %s: "
                         "adopted", rec.key, rec.account, home)
                continue
            _gone(engine, rec, now, summary, f"its account {rec.account} is no longer in the "
                  "config, and no open account has it in Drafts")


def _sender(engine: Engine, ps: ProcessState) -> Sender:
    return sender_for(engine.config.me, ps.me)


def sender_for(me: MeConfig, address: str | None = None) -> Sender:
    """Who signs a draft: `[me]`, writing from `address` (the one the process's mail went to),
    else from the first of `[me] addresses`."""
    email = address or (me.addresses[0] if me.addresses else "me@localhost")
    return Sender(me.name or email, email, me.phone, me.signature)


def _configured(engine: Engine) -> set[str]:
    """The accounts of the config, open or not (and any backend the engine was given)."""
    return set(engine.backends) | {a.name for a in engine.config.accounts}


def _account_for(engine: Engine, process: str, actions: Sequence[Action] = ()) -> str | None:
    """The account a step's drafts go to: the one holding the message they reply to, else the
    one of the process's newest message (by date). An account of the config that is not open
    now (a disk not mounted, a server down at start) is still the answer: the drafts wait for
    it rather than go to another mailbox. One no longer in the config gives way to the first."""
    configured = _configured(engine)
    thread = next((a.thread for a in actions if a.thread is not None), None)
    if thread is not None and thread.message_id:
        held = [a for a in engine.store.accounts_of_message(thread.message_id) if a in configured]
        if held:
            return held[0]  # the copy whose facts (Gmail thread id) were kept
    acc = engine.store.last_account(process)
    if acc not in configured:
        acc = next(iter(engine.backends), None)
    return acc


def _make(engine: Engine, ps: ProcessState, actions: Iterable[Action], now: datetime,
          summary: TickSummary) -> None:
    """Compose and record the intents of every action of one step (in one transaction, so
    that a panel's thank-yous are all owed before the first is created), then create each
    and record its id."""
    store = engine.store
    actions = tuple(actions)
    home = account = _account_for(engine, ps.info.key, actions)
    home_backend = engine.backends.get(account) if account else None
    owed: list[tuple[Action, Draft]] = []
    records: list[DraftRecord] = []
    for a in actions:
        req = ComposeRequest(
            kind=a.step, marker=a.key, process=a.process, round=a.round,
            role=ps.info.role, company=ps.info.company, to=a.to, sender=_sender(engine, ps),
            interview_type=a.interview_type, interview_start=a.interview_start,
            thread=ThreadRef(a.thread.subject, a.thread.message_id, a.thread.references,
                             a.thread.thread_id) if a.thread else None,
            rounds_before=a.rounds_before, networking_index=a.networking_index,
            wrote_before=a.wrote_before, after_reply=a.after_reply, news_by=a.news_by,
            pass_on_to=a.pass_on_to, also_pass_on=a.also_pass_on, met_before=a.met_before,
            panel_size=a.panel_size,
            now=now)
        draft = compose(req, engine.config.templates_dir)
        rec = DraftRecord(a.key, a.process, a.round, a.cycle, a.step, DraftStatus.INTENT, now,
                          tuple(x.email for x in a.to), a.interviewer, a.networking_index,
                          account=account)
        owed.append((a, draft))
        records.append(rec)
    with store.transaction():
        fresh = {rec.key for rec in records if store.draft_intent(rec)}
    for a, draft in owed:
        account, backend = home, home_backend
        if a.key not in fresh:
            existing = store.draft(a.key)
            if existing is None or existing.status is not DraftStatus.INTENT:
                continue  # rule 7: a key that has had a draft never gets a second one
            if existing.account is not None and existing.account in _configured(engine):
                # An interrupted creation: its draft, if made, is in the account it was
                # recorded for, not in the one the process's newest mail came to since
                account, backend = existing.account, engine.backends.get(existing.account)
        if engine.dry_run:
            summary.drafts.append(Created(now, a, draft, None))
            continue
        if backend is None or account is None:
            # Its account cannot be opened now (that is logged at each pass): the intent waits
            # for it, never going to another mailbox
            log.debug("draft %s waits for account %s to open", a.key, account or "(none)")
            continue
        # A draft with this marker may already be there (a lost or restored database, or a
        # crash right after creating it): adopt it, never make a second one (rule 7).
        if account not in engine._listed:
            _list_drafts(engine, account, backend)
        found = engine._listed[account].get(a.key)
        if found is not None:
            with store.transaction():
                store.draft_created(a.key, found, account)
            log.info("draft %s already in %s: adopted", a.key, account)
            continue
        if a.key not in fresh and account in engine._unlisted:
            # Its creation was interrupted: it may be one of the drafts the server held back
            log.info("draft %s: waiting until %s lists all its drafts", a.key, account)
            continue
        # Dated in the user's zone, as their own client dates what they write (the clock is UTC)
        raw = render_message(draft, date=now.astimezone(engine.config.schedule.zone))
        draft_id = backend.create_draft(draft, raw)
        with store.transaction():
            store.draft_created(a.key, draft_id, account)
        summary.drafts.append(Created(now, a, draft, draft_id))
        log.info("draft %s created in %s", a.key, account)


def _catch_up_filter(engine: Engine, ps: ProcessState, p_actions: tuple[Action, ...],
                     now: datetime) -> tuple[tuple[Action, ...], list[Action]]:
    """Rule 12 on a first sync: which due actions to draft and which to record as skipped."""
    pol = engine.config.policy
    a0 = p_actions[0]
    if a0.step is StepKind.THANK_YOU:
        r = next((x for x in ps.rounds if x.number == a0.round), None)
        if r is not None and policy.thank_you_window_open(r.end, now, pol):
            return p_actions, []
        return (), list(p_actions)
    if policy.within_catch_up(a0.due, now, pol):
        return p_actions, []
    return (), list(p_actions)


def advance(engine: Engine, process: str, now: datetime, summary: TickSummary,
            first_sync: bool) -> None:
    """Draft what is due for one process now (at most one step), then re-plan it."""
    store = engine.store
    for _ in range(20):  # skipped steps on a first sync may uncover the next one
        ps = engine.state(process)
        p = engine.plan(ps)
        when = ready_at(p, now, engine.timing)
        if when is None:
            break
        # On a first sync, steps that fell due before it are sorted out now even when this
        # moment is quiet (a first scan at 06:00 or on a Sunday): else the next pass, no longer
        # a first sync, would draft a thank-you weeks late as "overdue after downtime".
        # (as instants: `now` may share the plan's ZoneInfo, whose comparison ignores fold)
        fell_due = first_sync and p.due is not None and p.due.timestamp() <= now.timestamp()
        later = when.timestamp() > now.timestamp()
        if later and not fell_due:
            break
        actions = tuple(sorted(p.actions, key=sort_key))
        skipped: list[Action] = []
        if first_sync:
            actions, skipped = _catch_up_filter(engine, ps, actions, now)
        if skipped:
            with store.transaction():
                for a in skipped:
                    store.draft_intent(DraftRecord(
                        a.key, a.process, a.round, a.cycle, a.step, DraftStatus.SKIPPED,
                        a.due, tuple(x.email for x in a.to), a.interviewer,
                        a.networking_index, settled_at=a.due))
            log.info("%s: %s fell due before the first sync: skipped", process, skipped[0].step)
            continue
        if later:
            break  # kept by the first-sync rule: drafted at the first allowed moment
        _make(engine, ps, actions, now, summary)
        summary.processes_changed.add(process)
        break
    engine.refresh(process, now, summary=summary)


def plans_made_with(config: Config) -> str:
    """A fingerprint of the settings plans depend on ([policy], [schedule], [context]): the
    stored plans were made with another one when it differs."""

    def plain(v: Any) -> Any:
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            return {f.name: plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
        if isinstance(v, (set, frozenset)):
            return sorted(plain(x) for x in v)
        if isinstance(v, (tuple, list)):
            return [plain(x) for x in v]
        return v if isinstance(v, (int, float, str, bool)) or v is None else str(v)

    text = json.dumps(plain((config.policy, config.schedule, config.context)), sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _keep_due(engine: Engine, process: str, now: datetime) -> None:
    """After `advance` failed before it re-planned: store the plan anyway, so the next pass
    tries again (a new process has no plan yet, and none would look at it before new mail)."""
    try:
        engine.refresh(process, now)
    except Exception:  # its facts themselves fail: nothing to plan from
        log.debug("%s: not re-planned", process, exc_info=True)


def _resume_intents(engine: Engine, now: datetime, summary: TickSummary) -> set[str]:
    """Intents left by a crash whose draft is not in the drafts folder: make them now."""
    out: set[str] = set()
    for rec in engine.store.drafts(statuses=(DraftStatus.INTENT,)):
        try:
            _resume_one(engine, rec, now, summary)
        except (WatcherError, OSError) as exc:
            # One account down must not hold back the intents of the others
            log.error("%s: draft not created: %s", rec.key, exc)
            summary.errors.append(f"{rec.process}: {exc}")
            summary.failed_drafts.append(rec.process)
            continue
        except Exception as exc:
            # A bug met on one draft (its text is built from mail) must not stop every pass
            # before any process is advanced; it is tried again next pass
            log.error("%s: draft not created: unexpected %s (run with --debug for the trace)",
                      rec.key, type(exc).__name__)
            log.debug("%s: draft not created", rec.key, exc_info=True)
            summary.errors.append(f"{rec.process}: internal error ({type(exc).__name__})")
            summary.failed_drafts.append(rec.process)
            continue
        out.add(rec.process)
    return out


def _resume_one(engine: Engine, rec: DraftRecord, now: datetime, summary: TickSummary) -> None:
    store = engine.store
    ps = engine.state(rec.process)
    # Plan as if the intent were not there: the same key must come out, else it is stale.
    # The drafts of its own step (a panel's other thank-yous, made or not) are left out
    # too: they are made together, so they do not block one another (rule 1).
    others = [d for d in store.drafts(rec.process) if d.status is not DraftStatus.INTENT
              and (d.round, d.cycle, d.step) != (rec.round, rec.cycle, rec.step)]
    free = fold(ps.info, engine.facts(rec.process), others, store.manual(rec.process),
                max_follow_ups=engine.config.policy.max_follow_ups)
    p = engine.plan(free)
    acts = tuple(a for a in p.actions if a.key == rec.key)
    if acts:
        _make(engine, free, acts, now, summary)
    else:
        with store.transaction():
            store.set_draft_status(rec.key, DraftStatus.OBSOLETE, now)


def _without_account(name: str, exc: BaseException) -> str:
    """An error's text without the "account NAME: " the backends lead with: the pass's line
    names the account already ("personal: sync failed: account personal: ..." said it twice)."""
    return str(exc).removeprefix(f"account {name}: ")


def tick(now: datetime, engine: Engine, accounts: Collection[str] | None = None) -> TickSummary:
    """One pass at `now`: sync and reconcile `accounts` (None: every account), then create
    what is due for every process.

    One account's failure is logged and recorded in the summary; the others go on.
    """
    summary = TickSummary()
    store = engine.store
    engine._check_outside_writes()
    if engine.dry_run:
        try:
            with store.transaction():
                _tick(now, engine, summary, accounts)
                raise _DryRun
        except _DryRun:
            engine.invalidate()
        return summary
    # (Not re-reading data_version here: our own commits do not change it, and a command's
    # commit during this pass must still drop the caches at the next one.)
    _tick(now, engine, summary, accounts)
    return summary


# meta key (+ account name): the account's first sync began in a pass that has not ended
_NEW_ACCOUNT = "first_sync_of:"


def _tick(now: datetime, engine: Engine, summary: TickSummary,
          accounts: Collection[str] | None = None) -> None:
    store = engine.store
    engine._listed.clear()
    engine._unlisted.clear()
    engine._created.clear()
    engine._born.clear()
    engine._forgotten.clear()
    last_tick = store.get_meta("last_tick")
    first_sync = engine.catch_up and last_tick is None
    made_with = plans_made_with(engine.config)
    replan_all = first_sync or engine.replan or store.get_meta("plans_made_with") != made_with
    chosen = [n for n in engine.backends if accounts is None or n in accounts]
    # An account added to a running watcher has its own first sync: the processes its history
    # touches get rule 12 too, or their weeks-old steps would look "overdue after downtime".
    new_accounts = {n for n in chosen if engine.catch_up and not first_sync
                    and (store.cursor(n) is None or store.get_meta(_NEW_ACCOUNT + n))}
    # A process created by a pass that was stopped before it planned it is still new to this
    # one (the stale-mail check of rule 12 below); the store knows it by its missing plan.
    engine._born.extend(store.unplanned_processes())
    # What a pass commits before it plans (the mail it read, the drafts it saw sent or
    # deleted, a new account's history) is planned from memory: a pass stopped in between
    # (killed, a power cut) leaves the next pass to re-plan every process, and an account it
    # began to read for the first time still new. The pass's end sets both back.
    with store.transaction():
        store.set_meta("plans_made_with", "")
        for name in new_accounts:
            store.set_meta(_NEW_ACCOUNT + name, now.isoformat())
    as_first_sync: set[str] = set()
    read: list[str] = []  # the accounts this pass read (or failed to): for `status`
    for name, backend in engine.backends.items():
        if name not in chosen:
            continue
        read.append(name)
        try:
            sync_account(engine, name, backend, now, summary)
            if name in new_accounts:
                # all its history, also what an earlier, stopped pass read of it
                as_first_sync |= store.account_processes(name)
            reconcile(engine, name, backend, now, summary)
        except AuthError as exc:
            # Its message says what to do. While a refusal holds the account (the refusal was
            # logged, with how long it holds), each pass would repeat it: debug only.
            log.log(logging.DEBUG if exc.held else logging.ERROR, "%s: %s", name,
                    _without_account(name, exc))
            summary.errors.append(f"{name}: {_without_account(name, exc)}")
            summary.failed_accounts.append(name)
        except (TransientError, WatcherError, OSError) as exc:
            # (a batch left for the next start as the process stops is no failure: info)
            if isinstance(exc, _Stopped):
                log.info("%s: %s", name, _without_account(name, exc))
            else:
                log.error("%s: sync failed: %s", name, _without_account(name, exc))
            summary.errors.append(f"{name}: {_without_account(name, exc)}")
            summary.failed_accounts.append(name)
        except Exception as exc:
            # A bug met on one account's mail must not stop the others: what it stored is
            # committed or rolled back by its transaction, and the next pass tries again.
            # The message of an unexpected error may quote mail: the log names its type only.
            log.error("%s: sync failed on an unexpected %s (run with --debug for the trace)",
                      name, type(exc).__name__)
            log.debug("%s: sync failed", name, exc_info=True)
            summary.errors.append(f"{name}: internal error ({type(exc).__name__})")
            summary.failed_accounts.append(name)
    if engine.catch_up and last_tick is not None:
        # A process first seen now whose mail and interviews all lie further back than the
        # last pass by more than the catch-up window (old mail labelled, restored from the
        # trash, moved back into a folder): nothing of it fell due while the watcher looked,
        # so rule 12 applies as on a first sync (a thank-you for an interview 15 months old was
        # drafted as "overdue"); mail a sync tool delivered late, for an interview of
        # yesterday, is still caught up.
        stale = datetime.fromisoformat(last_tick) - engine.config.policy.catch_up_window
        as_first_sync |= {k for k in engine._born if all(
            f.at < stale and (f.interview is None or f.interview.end < stale)
            for f in engine.facts(k))}
    relink_across_accounts(engine, summary)
    if accounts is None:
        reconcile_removed_accounts(engine, now, summary)
    todo = set(summary.processes_changed) - engine._forgotten
    todo |= engine.sharing_people(todo)  # their networking counts from this mail (rule 13)
    try:
        todo |= _resume_intents(engine, now, summary)
    except WatcherError as exc:
        summary.errors.append(f"resume: {exc}")
    todo |= set(store.due_processes(now))
    todo -= engine._forgotten  # a watcher/ignore label took their only mail
    if replan_all:
        # A new config (quiet hours, waits) moves every plan, also one edited between two
        # scans or while the service was stopped: look at every process again.
        todo |= {p.key for p in store.processes()}
        engine.replan = False
    for process in sorted(summary.held & todo):
        log.info("%s: not planned this pass: its account's new mail was read only in part",
                 process)
        _keep_due(engine, process, now)
    for process in sorted(todo - summary.held):
        try:
            advance(engine, process, now, summary, first_sync or process in as_first_sync)
        except (WatcherError, OSError) as exc:  # the server, a revoked grant, a user template
            log.error("%s: draft not created: %s", process, exc)
            summary.errors.append(f"{process}: {exc}")
            summary.failed_drafts.append(process)
            _keep_due(engine, process, now)
        except Exception as exc:
            # A bug met on one process's facts must not stop the drafts of every other one
            # (nor the watchdog's ping after the pass); it is tried again next pass.
            log.error("%s: not advanced: unexpected %s (run with --debug for the trace)",
                      process, type(exc).__name__)
            log.debug("%s: not advanced", process, exc_info=True)
            summary.errors.append(f"{process}: internal error ({type(exc).__name__})")
            summary.failed_drafts.append(process)
            _keep_due(engine, process, now)
    with store.transaction():
        store.set_meta("last_tick", now.isoformat())
        store.set_meta("plans_made_with", made_with)
        for name in read:
            if name in new_accounts and name not in summary.failed_accounts:
                store.delete_meta(_NEW_ACCOUNT + name)
            if name in summary.failed_accounts:
                # `status` says its mail is not being read (a revoked grant shows nowhere else)
                why = next((e.removeprefix(f"{name}: ") for e in summary.errors
                            if e.startswith(f"{name}: ")), "sync failed")
                store.set_account_problem(name, now, why)
            else:
                store.clear_account_problem(name)
