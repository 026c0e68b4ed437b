"""`watcher run`: passes on a schedule, on push and at each next due time; signals; live reload.

All passes run on the main thread, one at a time; APScheduler jobs, push watchers and signal
handlers only *request* a pass, so requests that pile up are coalesced into one pass.
"""

from __future__ import annotations

import logging
import os
import random as _random
import signal
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Protocol

from watcher import sdnotify
from watcher.backends.retry import Backoff, FailureTracker, stopping
from watcher.config import Config, load_config, system_timezone
from watcher.errors import ConfigError

log = logging.getLogger(__name__)

_NOTHING_REPORTED = object()

# A draft still due after the pass that was to make it (a broken user template, an account
# that fails): the next try, not a second later (a full sync of every account each second).
DUE_RETRY = timedelta(minutes=1)
# ... doubling while it stays so (an account that cannot be opened holds its draft's intent
# for as long as it is down), to at most DUE_RETRY_CAP; the polls go on meanwhile.
DUE_RETRY_CAP = timedelta(minutes=30)
# A push source that failed is retried after a jittered wait of up to 4 s, doubling to at
# most PUSH_RETRY_CAP, never less than PUSH_RETRY_MIN.
PUSH_RETRY_MIN = 1.0
PUSH_RETRY_CAP = 300.0
# How far the wall clock may move against the monotonic one between heartbeats before the
# daemon takes it for a suspend (forward) or a clock set back (backward).
CLOCK_JUMP = 30.0


class PushSource(Protocol):
    """Something that can wait for a mailbox change (IMAP IDLE): True when one came."""

    name: str

    def wait_for_change(self, timeout: float) -> bool:
        """Block up to `timeout` seconds; True when the mailbox changed."""
        ...

    def close(self) -> None:
        """Stop waiting and release the connection."""
        ...


class Engine(Protocol):
    """What the daemon drives: one pass, the next moment anything falls due, push sources."""

    def run_pass(self, now: datetime, accounts: Collection[str] | None = None) -> Any:
        """Sync the named accounts (None: every one), advance processes, create due drafts;
        returns a summary."""
        ...

    def next_due(self, now: datetime) -> datetime | None:
        """The earliest moment a draft falls due, or None."""
        ...

    def push_sources(self) -> Sequence[PushSource]:
        """One per account and folder that supports push."""
        ...

    def close(self) -> None:
        """Release backends and the store."""
        ...


EngineFactory = Callable[[Config], Engine]


@dataclass
class _Requests:
    """Why the next pass runs; set from any thread, read by the main loop.

    Signal handlers run on the main thread between any two bytecodes, also while it holds
    `lock`: they only bump counters (each has one writer) and write a byte to a pipe, which a
    thread turns into `event`. Taking a lock there could deadlock the daemon."""

    event: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    reasons: set[str] = field(default_factory=set)
    reload: bool = False
    stop: bool = False
    hups: int = 0  # written by the HUP handler only
    asked_reload: bool = False  # the last `take` found a HUP (not only a file edit)
    usr1s: int = 0  # written by the USR1 handler only
    _hups_taken: int = 0
    _usr1s_taken: int = 0
    wake_fd: int | None = None  # the pipe's write end, for signal handlers

    def ask(self, reason: str) -> None:
        with self.lock:
            self.reasons.add(reason)
        self.event.set()

    def poke(self) -> None:
        """From a signal handler: wake the main loop without taking a lock."""
        if self.wake_fd is None:
            return
        try:
            os.write(self.wake_fd, b"\0")
        except OSError:  # the pipe is full (a signal storm): the loop is being woken anyway
            pass

    def take(self) -> tuple[set[str], bool]:
        with self.lock:
            reasons, reload = self.reasons, self.reload
            self.reasons, self.reload = set(), False
            self.event.clear()
        hups, usr1s = self.hups, self.usr1s
        self.asked_reload = hups != self._hups_taken
        if hups != self._hups_taken:
            self._hups_taken, reload = hups, True
        if usr1s != self._usr1s_taken:
            self._usr1s_taken = usr1s
            reasons.add("signal")
        return reasons, reload


class Daemon:
    """The long-running watcher. `run()` returns the exit code (0 after SIGTERM)."""

    def __init__(
        self,
        config_path: Path | None,
        make_engine: EngineFactory,
        *,
        config: Config | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        self.config_path = config_path
        self.make_engine = make_engine
        self.config = config or load_config(config_path)
        self.clock = clock
        self.requests = _Requests()
        self._old_wakeup_fd = -1
        self.engine: Engine | None = None
        self.scheduler: Any = None
        self._push_threads: list[threading.Thread] = []
        self._push_stop = threading.Event()
        # Per push source: set to end its wait after a failure at once (a pass just reached
        # the account, so the server is back), or at a stop
        self._push_kicks: dict[str, threading.Event] = {}
        self._push_failing: set[str] = set()
        self._due_retries = 0  # passes in a row that left a draft due (DUE_RETRY backoff)
        # The file the daemon watches: the one it started from (the default file too), even
        # while a bad edit or a missing file keeps the last good config running.
        self._watched: Path | None = self.config.path
        self._config_stamp = self._stamp()
        self._reported: object = _NOTHING_REPORTED  # the stamp of the last bad config logged
        self._wall = time.time()  # the wall and monotonic clocks at the last heartbeat
        # The system's zone at the last heartbeat: `timezone = ""` follows it (a laptop
        # carried to another zone), so a change re-reads the config
        self._system_zone = system_timezone()
        self._mono = time.monotonic()
        self._beat_lock = threading.Lock()  # the scheduler's job and the main loop both beat
        self._jobs_lock = threading.Lock()  # a reload and a heartbeat may both re-arm the jobs
        self.passes = 0

    # --- life cycle --------------------------------------------------------------------

    def run(self) -> int:
        """Start, loop until SIGTERM, finish the current pass, stop cleanly."""
        self._install_signals()
        self.engine = self._new_engine(self.config)
        self._start_scheduler()
        self._start_push()
        sdnotify.ready("starting first pass")
        # which files a service runs on: the journal's reader cannot tell otherwise
        log.info("watcher running with %d account(s); config %s, state %s",
                 len(self.config.accounts), self.config.path or "(none: defaults)",
                 self.config.state_path)
        self.requests.ask("start")
        try:
            while True:
                self.requests.event.wait(timeout=self._idle_timeout())
                if self.requests.stop:
                    break
                self._beat_if_late()
                reasons, reload = self.requests.take()
                if reload:
                    self.reload(asked=self.requests.asked_reload)
                if reasons:
                    # the pass reads every plan: a command's commit from now on is news
                    self._outside_writes()
                    self.run_pass(reasons)
                elif self._outside_writes():
                    # `watcher snooze`, `timeline`, `reopen`... re-planned a process: a draft
                    # may fall due sooner than the due job says (seen within a heartbeat)
                    now = self.clock()
                    due = self.engine.next_due(now) if self.engine is not None else None
                    if due is not None and due <= now:
                        self.requests.ask("due")
                    else:
                        self._plan_due(now)
                if self.requests.stop:
                    break
        finally:
            sdnotify.stopping()
            self._shutdown()
            signal.set_wakeup_fd(self._old_wakeup_fd)
        log.info("watcher stopped after %d pass(es)", self.passes)
        return 0

    def _outside_writes(self) -> bool:
        check = getattr(self.engine, "outside_writes", None)
        try:
            return bool(check()) if callable(check) else False
        except Exception:  # a locked or vanished state file: the next pass says so
            log.debug("checking the state file for outside writes failed", exc_info=True)
            return False

    def _idle_timeout(self) -> float:
        # The main loop never sleeps much longer than a heartbeat, so a stop is never missed,
        # and it wakes when the heartbeat job is late (see _beat_if_late).
        beat = self.config.daemon.heartbeat.total_seconds()
        late = self._mono + beat + 1.0 - time.monotonic()
        return min(max(1.0, beat), max(0.05, late))

    def _beat_if_late(self) -> None:
        """Beat from the main loop when the heartbeat job is late. APScheduler runs its jobs
        by the wall clock: set back an hour (an NTP step, a wrong RTC fixed), it would run no
        heartbeat and no poll for that hour. The main loop waits on the monotonic clock."""
        beat = self.config.daemon.heartbeat.total_seconds()
        if time.monotonic() - self._mono >= beat + 1.0:
            try:
                self.heartbeat()
            except Exception:  # as in the scheduler's job: logged, and the daemon goes on
                log.exception("heartbeat failed")

    def _stop_push(self) -> None:
        self._push_stop.set()
        for kick in self._push_kicks.values():
            kick.set()

    def _shutdown(self) -> None:
        self._stop_push()
        if self.engine is not None:
            for source in self.engine.push_sources():
                try:
                    source.close()
                except Exception:
                    log.debug("closing push source failed", exc_info=True)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        if self.engine is not None:
            self.engine.close()

    # --- passes ------------------------------------------------------------------------

    def run_pass(self, reasons: set[str]) -> None:
        """One pass; any failure is logged and the daemon goes on."""
        assert self.engine is not None
        now = self.clock()
        accounts = self.accounts_for(reasons)
        log.debug("pass (%s)", ", ".join(sorted(reasons)))
        try:
            summary = self.engine.run_pass(now, accounts)
        except Exception as exc:
            # A bug in one pass must not kill the service; the next pass retries. Its message
            # may quote mail: the log names the type, the trace is for --debug.
            log.error("pass failed: unexpected %s (run with --debug for the trace)",
                      type(exc).__name__)
            log.debug("pass failed", exc_info=True)
            # The due job that asked for this pass is spent: a draft due soon (or one this
            # pass was to make) is still woken for, not left to the next poll
            try:
                self._plan_due(now)
            except Exception:  # the state file itself fails: the next poll tries again
                log.debug("planning the next due moment failed", exc_info=True)
            return
        self.passes += 1
        # The watchdog is pinged only after a pass that completed: a hung pass gets restarted.
        # The status is the one-line summary (`systemctl status` shows it): the summary object
        # itself holds the drafts' text, and made the message too long for systemd to read.
        from watcher.live import summary_line
        from watcher.pipeline import TickSummary

        said = summary_line(summary) if isinstance(summary, TickSummary) else str(summary)
        sdnotify.watchdog(f"last pass {now.isoformat(timespec='seconds')}: {said}")
        failed = set(summary.failed_accounts) if isinstance(summary, TickSummary) else set()
        for name in list(self._push_failing):
            if (accounts is None or name in accounts) and name not in failed:
                self._push_kicks[name].set()  # the server answered: push may work again
        self._plan_due(now)

    def accounts_for(self, reasons: set[str]) -> set[str] | None:
        """The accounts a pass for `reasons` syncs: an account's own poll or push syncs that
        account alone; anything else (start, a signal, a wake, a reload, a due draft, which
        must see the latest mail before drafting) syncs every account (None)."""
        names: set[str] = set()
        for reason in reasons:
            kind, _, name = reason.partition(":")
            if kind not in ("poll", "push") or not name:
                return None
            names.add(name)
        return names

    def _plan_due(self, now: datetime) -> None:
        """A one-off job at the next due moment (replacing the previous one)."""
        if self.scheduler is None or self.engine is None:
            return
        due = self.engine.next_due(now)
        job = self.scheduler.get_job("due")
        if due is None:
            if job is not None:
                job.remove()
            return
        if due <= now:
            # This pass was to make it and could not (its error is in the log): try again
            # later, not a second from now, pass after pass, and later still each time.
            due = now + min(DUE_RETRY * 2 ** min(self._due_retries, 16), DUE_RETRY_CAP)
            self._due_retries += 1
            # ... but a draft due before then, on an account that works, is not held back
            after = getattr(self.engine, "next_due_after", None)
            later = after(now) if callable(after) else None
            if isinstance(later, datetime) and later < due:
                due = later
        else:
            self._due_retries = 0
        due = max(due, now + timedelta(seconds=1))
        self.scheduler.add_job(self.requests.ask, "date", run_date=due, args=["due"], id="due",
                               replace_existing=True)

    def _new_engine(self, config: Config) -> Engine:
        """An engine for `config` whose first pass re-plans every process: the plans in the
        state file were made with the config of their time (quiet hours edited while the
        watcher was stopped, or in the edit that changed the accounts), and a plan made
        with later quiet hours would hold a draft until their old end."""
        engine = self.make_engine(config)
        rebind = getattr(engine, "set_config", None)
        if callable(rebind):
            try:
                rebind(config)
            except BaseException:
                engine.close()
                raise
        return engine

    # --- reload ------------------------------------------------------------------------

    def _stamp(self) -> tuple[float, int, int] | None:
        """The watched file's (mtime, size, inode); None when it is missing."""
        path = self._watched
        try:
            st = Path(path).stat() if path else None
        except OSError:
            return None
        return (st.st_mtime, st.st_size, st.st_ino) if st else None

    def _load(self) -> Config:
        """The config as the file now says; ConfigError for anything `watcher run` would
        refuse at start, and for a file that is gone."""
        if self._watched is not None and not self._watched.exists():
            # load_config(None) would give the defaults for a missing default file: with no
            # account at all, which start refuses too
            raise ConfigError("the config file is missing (moved or deleted?)", str(self._watched))
        try:
            new = load_config(self.config_path)
        except ConfigError:
            raise
        except Exception as exc:  # a bug in a check must not stop the running daemon
            raise ConfigError(f"cannot be read: {type(exc).__name__}: {exc}",
                              str(self._watched) if self._watched else None) from exc
        if not new.accounts:
            raise ConfigError("no [[accounts]] in the config: add one (see `watcher init`)",
                              str(new.path) if new.path else None)
        return new

    def _refuse(self, stamp: object, problem: str, asked: bool = False) -> bool:
        # one error per bad version of the file, not per heartbeat; again for a HUP (a user
        # who reloads to check an edit is answered, not met with silence)
        if stamp != self._reported or asked:
            log.error("config not reloaded, keeping the last good one: %s", problem)
            self._reported = stamp
        self._config_stamp = stamp  # type: ignore[assignment]
        sdnotify.ready("config reload failed; running with the last good config")
        return False

    def reload(self, asked: bool = False) -> bool:
        """Re-read the config; a bad one is logged once (and at each HUP: `asked`) and the last
        good one keeps running (also when the new one cannot be put to work, e.g. a state file
        that cannot be opened)."""
        sdnotify.reloading()
        stamp = self._stamp()
        try:
            new = self._load()
        except ConfigError as exc:
            return self._refuse(stamp, str(exc), asked)
        old = self.config
        if new.accounts != old.accounts or new.state_path != old.state_path:
            log.info("accounts or [state] path changed: reopening")
            try:
                engine = self._new_engine(new)  # before the old one is closed: it may fail
            except Exception as exc:
                return self._refuse(stamp, f"{new.path}: cannot be put to work (accounts, "
                                           f"[state] path): {type(exc).__name__}: {exc}", asked)
            self._stop_push()
            if self.engine is not None:
                self.engine.close()
            self.engine = engine
            self._push_stop = threading.Event()
            self._push_kicks, self._push_failing = {}, set()
            self.config = new
            self._start_push()
        else:
            rebind = getattr(self.engine, "set_config", None)
            try:
                if callable(rebind):
                    rebind(new)
                else:
                    engine = self.make_engine(new)
                    if self.engine is not None:
                        self.engine.close()
                    self.engine = engine
            except Exception as exc:
                return self._refuse(stamp, f"{type(exc).__name__}: {exc}", asked)
            self.config = new
        self._config_stamp, self._reported = stamp, _NOTHING_REPORTED
        if self.scheduler is not None:
            self._schedule_jobs()
        log.info("config reloaded")
        sdnotify.ready("config reloaded")
        self.requests.ask("reload")
        return True

    # --- scheduler, heartbeat, push, signals ---------------------------------------------

    def _start_scheduler(self) -> None:
        from apscheduler.schedulers.background import BackgroundScheduler

        self.scheduler = BackgroundScheduler(
            timezone=timezone.utc,
            # Field notes: with the default grace of 1 s a run missed during a pause is
            # silently skipped; coalesce so a laptop waking up runs once, not in a burst.
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        self._schedule_jobs()
        self.scheduler.start()

    def poll_seconds(self, account: str | None = None) -> float:
        """The poll interval of `account` (its own `poll_interval`, else [daemon]'s); under a
        systemd watchdog at most half of it, since the watchdog is pinged only after a
        completed pass (a longer configured interval would get a healthy daemon restarted)."""
        interval = self.config.daemon.poll_interval
        for a in self.config.accounts:
            if a.name == account and a.poll_interval is not None:
                interval = a.poll_interval
        seconds = interval.total_seconds()
        watchdog = sdnotify.watchdog_interval()
        return min(seconds, watchdog / 2) if watchdog else seconds

    def _schedule_jobs(self) -> None:
        with self._jobs_lock:
            self._schedule_jobs_locked()

    def _schedule_jobs_locked(self) -> None:
        d = self.config.daemon
        # One poll job per account, so each keeps its own interval (a Gmail account polled
        # less often for its quota, an IMAP one that has IDLE anyway); with no account, one
        # job still runs the pass that drafts what falls due.
        wanted: dict[str, str | None] = {f"poll:{a.name}": a.name for a in self.config.accounts}
        wanted = wanted or {"poll": None}
        for job in self.scheduler.get_jobs():
            if job.id.partition(":")[0] == "poll" and job.id not in wanted:
                job.remove()
        for job_id, name in wanted.items():
            self.scheduler.add_job(self.requests.ask, "interval", args=[job_id], id=job_id,
                                   seconds=self.poll_seconds(name), replace_existing=True)
        self.scheduler.add_job(self.heartbeat, "interval", id="heartbeat",
                               seconds=d.heartbeat.total_seconds(), replace_existing=True)

    def heartbeat(self) -> None:
        """Cheap and frequent: notice a wake from sleep, a clock set back, config file
        edits and a new system time zone. Run by a scheduler job, and by the main loop when
        that job is late."""
        zone = system_timezone()
        with self._beat_lock:
            wall, mono = time.time(), time.monotonic()
            slept = (wall - self._wall) - (mono - self._mono)
            self._wall, self._mono = wall, mono
            was, self._system_zone = self._system_zone, zone
        if zone != was and self.config.schedule.timezone == was:
            # The config's zone is the system's (`timezone = ""`, or the same name): quiet
            # hours, business days and day waits are read in the new one from now on, and
            # every plan is re-made with it (the reload's pass)
            log.info("the system time zone changed from %s to %s: re-reading the config",
                     was, zone)
            with self.requests.lock:
                self.requests.reload = True
            self.requests.event.set()
        if slept > CLOCK_JUMP:
            # The monotonic clock stops during suspend, so scheduled jobs are late: catch up.
            log.info("woke up after about %d s asleep: catching up", int(slept))
            self.requests.ask("wake")
        elif slept < -CLOCK_JUMP and self.scheduler is not None:
            # The interval jobs' next runs are wall-clock times now that far ahead: re-arm
            # them from the clock as it is. (A due job's moment is still right.)
            log.info("the clock was set back about %d s: re-arming the schedule", int(-slept))
            self._schedule_jobs()
        if self.config.daemon.watch_config and self._stamp() != self._config_stamp:
            with self.requests.lock:
                self.requests.reload = True
            self.requests.event.set()

    def _start_push(self) -> None:
        assert self.engine is not None
        stop = self._push_stop
        for source in self.engine.push_sources():
            self._push_kicks[source.name] = threading.Event()
            t = threading.Thread(target=self._push_loop, args=(source, stop), daemon=True,
                                 name=f"push-{source.name}")
            t.start()
            self._push_threads.append(t)

    def _push_loop(self, source: PushSource, stop: threading.Event,
                   random: Callable[[], float] = _random.random) -> None:
        # Bounded, jittered backoff (push is an optimisation, the poll job still runs): full
        # jitter spreads the reconnects of several accounts after a server restart, and the
        # floor keeps a source that fails at once from spinning.
        # A pass that reaches the account ends the wait (`_push_kicks`): after an outage the
        # delay has grown to minutes, while the server is back within seconds.
        failures = FailureTracker(Backoff(base=4.0, cap=PUSH_RETRY_CAP, random=random))
        kick = self._push_kicks.setdefault(source.name, threading.Event())
        while not stop.is_set():
            try:
                changed = source.wait_for_change(timeout=60.0)
                if failures.failures:
                    log.info("push on %s works again (after %d failed attempts)", source.name,
                             failures.failures)
                failures.succeeded()
                if source.name in self._push_failing:
                    # Back after an outage: what came meanwhile is no change to a fresh IDLE
                    changed = True
                self._push_failing.discard(source.name)
            except Exception as exc:
                delay = max(PUSH_RETRY_MIN, failures.failed())
                # The first failure of an outage is the warning, with its reason (our backends'
                # errors name the host and the cause, never a secret); the retries are info
                log.log(logging.WARNING if failures.failures == 1 else logging.INFO,
                        "push on %s failed (%s: %s); retrying in %.0f s, or after a pass "
                        "reaches the account", source.name, exc.__class__.__name__,
                        str(exc)[:200], delay)
                kick.clear()
                self._push_failing.add(source.name)
                if kick.wait(delay) and not stop.is_set():
                    log.debug("push on %s: the account answered a pass: retrying now", source.name)
                continue
            if changed and not stop.is_set():
                self.requests.ask(f"push:{source.name}")

    def _install_signals(self) -> None:
        # Handlers only set a flag or bump a counter and poke the pipe (see _Requests).
        read_fd, write_fd = os.pipe()
        os.set_blocking(write_fd, False)
        self.requests.wake_fd = write_fd

        def relay() -> None:
            while True:
                try:
                    if not os.read(read_fd, 512):
                        return
                except OSError:
                    return
                self.requests.event.set()

        threading.Thread(target=relay, daemon=True, name="signals").start()
        # A process-wide signal may be delivered to any thread (the scheduler's, a push
        # thread): Python runs its handler on the main thread, which sits in event.wait and
        # would only see it when that times out (a heartbeat, 60 s). The C-level handler
        # writes to the wakeup fd from whichever thread took it: the relay wakes the loop.
        self._old_wakeup_fd = signal.set_wakeup_fd(write_fd, warn_on_full_buffer=False)

        def on_term(signum: int, frame: object) -> None:
            self.requests.stop = True
            stopping.set()
            self.requests.poke()

        def on_hup(signum: int, frame: object) -> None:
            self.requests.hups += 1
            self.requests.poke()

        def on_usr1(signum: int, frame: object) -> None:
            self.requests.usr1s += 1
            self.requests.poke()

        signal.signal(signal.SIGTERM, on_term)
        signal.signal(signal.SIGINT, on_term)
        signal.signal(signal.SIGHUP, on_hup)
        signal.signal(signal.SIGUSR1, on_usr1)
