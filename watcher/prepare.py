"""The pure per-message work of a sync: is a message worth parsing, and if so its parse, its
classification and the fact the engine stores. Runs inline for everyday syncs and in worker
processes for big batches (a first sync of years of mail), with the same results either way.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import multiprocessing
import os
import re
import signal
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from watcher.backends.base import (
    IGNORE_KEYWORD,
    TRACK_KEYWORD,
    Folder,
    RemoteMessage,
    header_block,
    marker_of,
)
from watcher.classify import classify, quick_look, raw_pattern, signer
from watcher.errors import MessageError
from watcher.link import Domains
from watcher.models import Address, ClassifierSettings, Direction, Event, Message
from watcher.parse import parse
from watcher.state import MessageFact

log = logging.getLogger(__name__)

# IMAP keywords / Gmail labels the user sets to make the watcher track or ignore a message

# Below this many messages to look at, worker processes cost more than they save (~0.3 s to
# start and import the classifier); a first sync of a real mailbox is far above it.
PARALLEL_MIN = 800
CHUNK = 64  # messages per task: amortises the pickling round trip

# Address header lines (with their folded continuations), for who sent or got a message
PEOPLE_RE = re.compile(rb"^(?:from|reply-to|sender|to|cc):[ \t]*(.*(?:\r?\n[ \t].*)*)",
                        re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Prepared:
    """What the pure work found for one message. `skipped`: no cheap look kept it, so it can
    only be `other` unless the engine's index ties it to a process (checked by the caller)."""

    skipped: bool = False
    fact: MessageFact | None = None
    error: str | None = None  # a MessageError's text: the message is recorded as bad


def worth_parsing(rm: RemoteMessage, raw: bytes, settings: ClassifierSettings) -> bool:
    """The index-free part of the check before the costly parse: mail of mine, tagged, with a
    hiring word anywhere (`classify.quick_look`), from me, or with a phrase of the user's list.
    Received mail without any could only be `other` (unless a known process's person wrote it:
    the engine checks that against its index)."""
    if rm.folder is Folder.SENT or rm.keywords & {TRACK_KEYWORD, IGNORE_KEYWORD}:
        return True
    if quick_look(raw):
        return True
    headers = rm.headers or header_block(raw)
    low = headers.lower()
    me = settings.me
    if any(a.encode() in low for a in me):
        # From me (a copy outside Sent), or a phrase of the user's own list in the subject
        for m in PEOPLE_RE.finditer(headers):
            if m.group(0)[:5].lower() == b"from:" and any(a.encode() in m.group(1).lower() for a in me):
                return True
    phrases = _phrases(settings)
    return phrases is not None and phrases.search(raw.lower()) is not None


@lru_cache(maxsize=8)
def _phrases(settings: ClassifierSettings) -> re.Pattern[bytes] | None:
    """The user's interview phrases as one pattern over raw lower-cased mail (non-ASCII letters
    in any of their encodings: see classify.raw_pattern)."""
    parts = [raw_pattern(re.escape(p.lower())) for p in settings.interview_phrases if p.strip()]
    return re.compile(b"|".join(parts)) if parts else None


def make_fact(msg: Message, ev: Event, rm: RemoteMessage, now: datetime, domains: Domains) -> MessageFact:
    """The stored fact of a parsed, classified message (addresses of mine left out)."""
    direction = ev.direction
    if rm.folder is Folder.SENT:
        direction = Direction.SENT
    me_addr: str | None = None
    if direction is Direction.SENT:
        me_addr = msg.from_.email if msg.from_ else None
    else:
        me_addr = next((a.email for a in msg.recipients if domains.is_me(a)), None)
    reply_addr: Address | None = None
    # Machine mail too: a tracking system's notice links to the process through the
    # recruiter's Reply-To (its stated date may hold a check-in back); state never makes a
    # machine's address the contact (review 22f)
    if direction is Direction.RECEIVED:
        for a in (*msg.reply_to, *([msg.from_] if msg.from_ else [])):
            if domains.answerable(a):
                reply_addr = a
                break
        name = signer(msg.text, reply_addr) if reply_addr is not None else None
        if reply_addr is not None and name:
            # "Acme Careers <careers@...>" signed "Rachel Green": a follow-up greets Rachel
            reply_addr = Address(name, reply_addr.email)
    iv = ev.interview
    if iv is not None:
        people = tuple(a for a in iv.interviewers if not domains.is_me(a))
        iv = dataclasses.replace(iv, interviewers=people)
    marker = marker_of(rm.headers) if direction is Direction.SENT else None
    return MessageFact(
        at=msg.date or now,
        direction=direction,
        kind=ev.kind,
        reply=ev.reply,
        automatic=ev.automatic,
        message_id=msg.message_id,
        in_reply_to=msg.in_reply_to,
        references=tuple(msg.references),
        thread_id=rm.thread_id or msg.thread_id,
        subject=msg.subject,
        from_=msg.from_,
        reply_addr=reply_addr,
        to=tuple(msg.recipients),
        interview=iv,
        stated_timeline=ev.stated_timeline,
        role=ev.role or (iv.role if iv else None),
        company=ev.company or (iv.company if iv else None),
        employer_domain=ev.employer_domain,
        marker=marker,
        evidence=tuple(f"{e.rule}:{e.weight:+.2f}" for e in ev.evidence),
        confidence=round(ev.confidence, 3),
        me=me_addr,
        mentions=ev.mentions,
    )


def prepare(rm: RemoteMessage, settings: ClassifierSettings, domains: Domains, now: datetime,
            force: bool = False) -> Prepared:
    """Parse, classify and make the fact of `rm` (which has `raw`), unless no cheap look keeps
    it (`skipped`); `force` parses it anyway."""
    assert rm.raw is not None
    if not force and rm.raw.strip() and not worth_parsing(rm, rm.raw, settings):
        return Prepared(skipped=True)
    try:
        msg = parse(rm.raw, thread_id=rm.thread_id)
        if msg.date is None:
            # No readable Date: the message is dated when it was read (make_fact), and its
            # times are read from then too ("December 1 at 2 PM" was not read at all)
            msg = dataclasses.replace(msg, date=now)
        # Mail in Sent (Gmail: labelled SENT) is the user's whatever its From, e.g. a
        # "Send mail as" alias not in [me] addresses: it is classified as sent mail
        ev = classify(msg, settings, sent=rm.folder is Folder.SENT)
        return Prepared(fact=make_fact(msg, ev, rm, now, domains))
    except MessageError as exc:
        return Prepared(error=str(exc))
    except Exception as exc:
        # A bug met on one message's content: it is recorded and skipped like a malformed
        # one, or it would fail its whole batch at every pass and hold the account's mail
        # back for good. The trace is for --debug; its text may quote the mail.
        log.debug("message %s: unexpected error", rm.ref, exc_info=True)
        return Prepared(error=f"internal error ({type(exc).__name__}; run with --debug for the trace)")


# ---------------------------------------------------------------- worker processes

_worker: tuple[ClassifierSettings, Domains] | None = None


def _die_with(parent: int) -> None:
    """On Linux, have the kernel kill this worker when its parent dies: after a SIGKILL to
    the daemon (outside systemd, which kills the whole unit) workers would otherwise wait on
    their task queue forever, since each holds that queue's write end too."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _init_worker(settings: ClassifierSettings, domains: Domains, parent: int | None = None) -> None:
    global _worker
    _worker = (settings, domains)
    if parent is not None:
        _die_with(parent)
    # The main process decides when workers stop. systemd's stop sends TERM to the whole
    # service (and Ctrl-C sends INT to the terminal's group): the daemon finishes its pass, as
    # TERM promises, with its workers rather than alone; they exit when the pool is shut down
    # (or when their parent is gone and their task pipe closes).
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A first sync may keep every core busy for minutes: the user's own programs come first
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)


def _prepare_chunk(chunk: list[RemoteMessage], now: datetime) -> list[Prepared]:
    assert _worker is not None
    settings, domains = _worker
    return [prepare(rm, settings, domains, now) for rm in chunk]


def _context() -> multiprocessing.context.BaseContext:
    # Spawn: not fork, because the daemon has threads (scheduler, IDLE) whose locks a forked
    # child would inherit mid-use; not a fork server, because the pool learns of its workers'
    # health through that server, and systemd's stop (TERM to the whole service) kills it and
    # so breaks the pool in the middle of the pass TERM is meant to finish.
    return multiprocessing.get_context("spawn")


def workers() -> int:
    """How many worker processes a big batch gets: the CPUs this process may use, at most 4."""
    try:
        n = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        n = os.cpu_count() or 1
    return max(1, min(4, n))


@dataclass(eq=False)
class _Chunk:
    """Messages prepared together: by one pool task (`future`), or inline when it is None."""

    messages: list[RemoteMessage]
    future: Future[list[Prepared]] | None = None
    results: list[Prepared] | None = None


class Preparer:
    """Prepared results for a batch, in order: from a process pool when the batch is big and
    more than one CPU is there, inline otherwise. Start it early (`warm`) so the workers import
    while the backend is still fetching, and hand it whole messages as they arrive (`submit`)
    so they are parsed while the rest are still downloading."""

    def __init__(self, settings: ClassifierSettings, domains: Domains) -> None:
        self.settings = settings
        self.domains = domains
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False  # workers died twice: inline from now on
        self._restarts = 1
        # ref -> (the raw it was submitted with, its chunk, its place in the chunk)
        self._early: dict[str, tuple[bytes, _Chunk, int]] = {}
        self._early_now: datetime | None = None
        self._chunks: list[_Chunk] = []  # those whose results may still be needed

    def warm(self) -> None:
        """Start the workers now (no-op with one CPU or when already started)."""
        if self._pool is not None or self._broken or workers() < 2:
            return
        try:
            self._pool = ProcessPoolExecutor(max_workers=workers(), mp_context=_context(),
                                             initializer=_init_worker,
                                             initargs=(self.settings, self.domains, os.getpid()))
            for _ in range(workers()):  # a task each: every worker is spawned now
                self._pool.submit(_init_worker, self.settings, self.domains)
        except (OSError, ValueError) as exc:  # no /dev/shm, a sandbox without processes...
            log.info("worker processes unavailable (%s): classifying inline", type(exc).__name__)
            self._pool = None

    def submit(self, messages: Sequence[RemoteMessage], now: datetime) -> None:
        """Start the work on `messages` in the running workers, before `run` asks for it (a
        backend calls this as each chunk of whole messages arrives). No-op without workers
        (not warmed, one CPU, broken): `run` then does the work as usual."""
        todo = [rm for rm in messages if rm.raw is not None]
        if self._pool is None or not todo or (self._early_now not in (None, now)):
            return
        self._early_now = now
        self._restarts = 1
        for i in range(0, len(todo), CHUNK):
            chunk = _Chunk(todo[i:i + CHUNK])
            try:
                chunk.future = self._pool.submit(_prepare_chunk, chunk.messages, now)
            except (BrokenProcessPool, RuntimeError):
                return  # `run` does these, and finds the pool broken itself
            self._chunks.append(chunk)
            for pos, rm in enumerate(chunk.messages):
                assert rm.raw is not None
                self._early[rm.ref] = (rm.raw, chunk, pos)

    def run(self, messages: Sequence[RemoteMessage], now: datetime) -> Iterator[Prepared | None]:
        """One result per message, in order: None for one without `raw` (headers only).

        A worker that dies (a TERM to the whole service that came while it was starting, before
        it ignores TERM; the OOM killer) breaks the pool: a new one takes over the chunks not yet
        done, once; after a second break the rest is done inline."""
        early = self._early if self._early_now == now else {}
        placed: list[tuple[_Chunk, int] | None] = []
        rest: list[RemoteMessage] = []
        for rm in messages:
            hit = early.get(rm.ref) if rm.raw is not None else None
            if hit is not None and hit[0] is rm.raw:  # the very bytes the batch holds
                placed.append((hit[1], hit[2]))
            else:
                placed.append(None)
                if rm.raw is not None:
                    rest.append(rm)
        self._early, self._early_now = {}, None
        if not early:
            self._restarts = 1
        chunks = [_Chunk(rest[i:i + CHUNK]) for i in range(0, len(rest), CHUNK)]
        self._chunks = [c for c in self._chunks if any(p is not None and p[0] is c for p in placed)]
        self._chunks += chunks
        if chunks and (len(rest) >= PARALLEL_MIN or (early and self._pool is not None)):
            self._submit_all(chunks, now)
        todo = iter(chunks)
        current: _Chunk | None = None
        pos = 0
        for rm, where in zip(messages, placed, strict=True):
            if rm.raw is None:
                yield None
                continue
            if where is None:
                if current is None or pos >= len(current.messages):
                    current, pos = next(todo), 0
                where = (current, pos)
                pos += 1
            chunk, i = where
            yield self._results(chunk, now)[i]
        self._chunks = []

    def _results(self, chunk: _Chunk, now: datetime) -> list[Prepared]:
        """The chunk's results: from its task, else (no task, or its worker died and no pool
        takes over) done inline."""
        while chunk.results is None:
            if chunk.future is None:
                chunk.results = [prepare(rm, self.settings, self.domains, now) for rm in chunk.messages]
                break
            try:
                chunk.results = chunk.future.result()
            except BrokenProcessPool:
                self._recover(now)
        return chunk.results

    def _recover(self, now: datetime) -> None:
        """After a worker died: the chunks not done go to a new pool while restarts are
        left, else inline."""
        for c in self._chunks:  # what finished before the break is kept
            f = c.future
            if c.results is None and f is not None and f.done() and not f.cancelled() and f.exception() is None:
                c.results = f.result()
        self._kill()
        todo = [c for c in self._chunks if c.results is None]
        for c in todo:
            c.future = None
        if self._restarts <= 0:
            log.warning("worker processes died again: classifying the rest inline")
            self._broken = True
            return
        self._restarts -= 1
        log.warning("a worker process died: starting new ones")
        self._submit_all(todo, now)

    def _submit_all(self, chunks: list[_Chunk], now: datetime) -> None:
        """Give each chunk a pool task (a started pool); left without one, it is done inline."""
        self.warm()
        if self._pool is None:
            return
        try:
            for c in chunks:
                c.future = self._pool.submit(_prepare_chunk, c.messages, now)
        except (BrokenProcessPool, RuntimeError):
            self._recover(now)

    def _kill(self) -> None:
        """Drop a broken pool without waiting: a worker may be blocked writing a result that
        nobody reads any more."""
        pool, self._pool = self._pool, None
        if pool is not None:
            for proc in list(getattr(pool, "_processes", {}).values()):
                proc.kill()
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (if any)."""
        self._early, self._early_now, self._chunks = {}, None, []
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
