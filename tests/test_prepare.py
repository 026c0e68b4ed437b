"""prepare: the pure per-message work, inline and in worker processes, gives the same facts."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

import watcher.prepare as P
from tests.enginekit import at, config, confirmation_mail
from watcher.backends.base import Folder, RemoteMessage, header_block
from watcher.backends.memory import MemoryBackend
from watcher.config import Config, MeConfig
from watcher.link import Domains
from watcher.models import ClassifierSettings
from watcher.pipeline import Engine, tick
from watcher.store import Store

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SETTINGS = ClassifierSettings(me=("alex@example.com", "alex.wong@gmail.com"))
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def _raws() -> list[bytes]:
    files = sorted((DATA / "labelled").glob("*.eml")) + sorted((DATA / "probes").glob("*.eml"))
    if CORPUS.is_dir():
        files += sorted((CORPUS / "enron").rglob("*.eml"))[:400]
        files += sorted((CORPUS / "negatives").rglob("*.eml"))[::6]
        files += sorted(p for p in (CORPUS / "malformed").rglob("*") if p.is_file())[:120]
    return [p.read_bytes() for p in files]


def _messages() -> list[RemoteMessage]:
    out = []
    for i, raw in enumerate(_raws()):
        folder = Folder.SENT if i % 17 == 0 else Folder.INBOX
        out.append(RemoteMessage(f"m/{i}", folder, raw if i % 11 else None, header_block(raw)))
    return out


def test_workers_and_inline_give_equal_results(monkeypatch: pytest.MonkeyPatch) -> None:
    msgs = _messages()
    domains = Domains.from_settings(SETTINGS)
    monkeypatch.setattr(P, "PARALLEL_MIN", 10)
    prep = P.Preparer(SETTINGS, domains)
    try:
        pooled = list(prep.run(msgs, NOW))
        assert prep._pool is not None or P.workers() < 2
    finally:
        prep.close()
    inline = [None if rm.raw is None else P.prepare(rm, SETTINGS, domains, NOW) for rm in msgs]
    assert len(pooled) == len(msgs)
    assert pooled == inline
    kinds = {p.fact.kind.value for p in inline if p is not None and p.fact is not None}
    assert {"interview_confirmed", "thank_you", "other"} <= kinds  # real work was compared
    assert any(p is not None and p.skipped for p in inline)


def test_a_small_batch_starts_no_workers() -> None:
    prep = P.Preparer(SETTINGS, Domains.from_settings(SETTINGS))
    msgs = _messages()[:20]
    assert len(list(prep.run(msgs, NOW))) == 20
    assert prep._pool is None


def _dump(db: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        rows: list[tuple[object, ...]] = []
        for table in ("processes", "messages", "bad_messages"):
            rows += [(table, *r) for r in con.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
        return rows
    finally:
        con.close()


def _cfg() -> Config:
    c = config()
    return dataclasses.replace(c, me=MeConfig(name="Alex Wong", addresses=("alex@example.com",)))


def test_a_first_sync_in_workers_stores_what_an_inline_one_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raws = [*_raws(), confirmation_mail()[0]]
    dbs = []
    for name, minimum in (("pooled", 10), ("inline", 10**9)):
        monkeypatch.setattr(P, "PARALLEL_MIN", minimum)
        b = MemoryBackend("main")
        for raw in raws:
            b.deliver(raw)
        db = tmp_path / f"{name}.db"
        tick(at("2026-12-01 15:30"), Engine(_cfg(), Store(db), {"main": b}, catch_up=False))
        dbs.append(_dump(db))
    assert dbs[0] == dbs[1]
    assert any(r[0] == "processes" for r in dbs[0])


def _every_worker_ran_a_task(prep: P.Preparer) -> None:
    """One task per worker, and each waits at a barrier until all have come: so every worker
    has started, run its initializer and taken exactly one (a quick one cannot take two)."""
    assert prep._pool is not None
    n = P.workers()
    with P._context().Manager() as manager:
        barrier = manager.Barrier(n)
        list(prep._pool.map(barrier.wait, [30.0] * n))


def test_workers_outlive_a_term_sent_to_the_whole_service(monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    """systemd's stop sends TERM to every process of the unit: the daemon finishes its pass
    (as TERM promises) with workers. One that got the TERM before it set TERM to ignored is
    replaced, so the pass is not left to go on inline."""
    import os
    import signal

    if P.workers() < 2:
        pytest.skip("one CPU: no worker processes")
    monkeypatch.setattr(P, "PARALLEL_MIN", 10)
    msgs = _messages()
    domains = Domains.from_settings(SETTINGS)
    for settle in (False, True):
        caplog.clear()
        prep = P.Preparer(SETTINGS, domains)
        try:
            prep.warm()
            assert prep._pool is not None
            if settle:  # every worker has started and ignores TERM now
                _every_worker_ran_a_task(prep)
            for pid in list(prep._pool._processes):
                os.kill(pid, signal.SIGTERM)
            results = list(prep.run(msgs, NOW))
            assert results == [None if rm.raw is None else P.prepare(rm, SETTINGS, domains, NOW)
                               for rm in msgs]
            assert "inline" not in caplog.text
            if settle:
                assert "died" not in caplog.text
        finally:
            prep.close()


def _dying_chunk(chunk: list[RemoteMessage], now: datetime) -> list[P.Prepared]:
    import os

    os._exit(3)


def test_workers_that_keep_dying_are_replaced_once_then_inline(
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import time

    if P.workers() < 2:
        pytest.skip("one CPU: no worker processes")
    monkeypatch.setattr(P, "PARALLEL_MIN", 10)
    monkeypatch.setattr(P, "_prepare_chunk", _dying_chunk)
    msgs = _messages()
    domains = Domains.from_settings(SETTINGS)
    prep = P.Preparer(SETTINGS, domains)
    results = list(prep.run(msgs, NOW))
    assert "starting new ones" in caplog.text and "the rest inline" in caplog.text
    assert results == [None if rm.raw is None else P.prepare(rm, SETTINGS, domains, NOW) for rm in msgs]
    t = time.monotonic()
    prep.close()
    assert time.monotonic() - t < 10


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
def test_the_users_own_phrase_is_found_in_any_encoding(encoding: str) -> None:
    raw = ("Subject: Morgen\r\nFrom: anna@firma.de\r\nTo: alex@example.com\r\n"
           f"Content-Type: text/plain; charset={encoding}\r\n\r\n"
           "Unser GESPRÄCHSTERMIN steht: Donnerstag 10 Uhr.\r\n").encode(encoding)
    rm = RemoteMessage("m/1", Folder.INBOX, raw, header_block(raw))
    assert not P.worth_parsing(rm, raw, SETTINGS)
    mine = dataclasses.replace(SETTINGS, interview_phrases=("Gesprächstermin",))
    assert P.worth_parsing(rm, raw, mine)


def test_workers_run_at_low_priority() -> None:
    import os

    if P.workers() < 2:
        pytest.skip("one CPU: no worker processes")
    prep = P.Preparer(SETTINGS, Domains.from_settings(SETTINGS))
    try:
        prep.warm()
        assert prep._pool is not None
        _every_worker_ran_a_task(prep)
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        for pid in prep._pool._processes:
            assert os.getpriority(os.PRIO_PROCESS, pid) >= min(mine + 10, 19)
    finally:
        prep.close()


def _alive(pid: int) -> bool:
    """Running (not gone, not a zombie waiting to be reaped)."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            return not any(line.startswith("State:\tZ") for line in fh)
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_die_with_a_killed_daemon() -> None:
    """SIGKILL to the daemon (no systemd to kill the whole unit) leaves no worker behind."""
    import os
    import signal
    import subprocess
    import time

    if P.workers() < 2:
        pytest.skip("one CPU: no worker processes")
    script = (
        "import time\n"
        "import watcher.prepare as P\n"
        "from watcher.link import Domains\n"
        "from watcher.models import ClassifierSettings\n"
        "if __name__ == '__main__':\n"
        "    s = ClassifierSettings(me=('a@b.com',))\n"
        "    p = P.Preparer(s, Domains.from_settings(s))\n"
        "    p.warm()\n"
        "    with P._context().Manager() as m:  # every worker ran a task, so set PDEATHSIG\n"
        "        b = m.Barrier(P.workers())\n"
        "        list(p._pool.map(b.wait, [30.0] * P.workers()))\n"
        "    print(' '.join(map(str, p._pool._processes)), flush=True)\n"
        "    time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        pids = [int(x) for x in proc.stdout.readline().split()]
        assert len(pids) == P.workers() and all(_alive(p) for p in pids)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(_alive(p) for p in pids) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in pids)
    finally:
        if proc.poll() is None:
            proc.kill()


def test_messages_handed_over_early_are_prepared_before_run_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backend hands whole messages over as they arrive (`submit`): the workers start on
    them at once, `run` uses those results in the batch's own order, and a message whose
    bytes differ from what was handed over (a FETCH retried after a dropped connection) is
    prepared again from the batch's copy."""
    if P.workers() < 2:
        pytest.skip("one CPU: no worker processes")
    msgs = _messages()
    domains = Domains.from_settings(SETTINGS)
    inline = [None if rm.raw is None else P.prepare(rm, SETTINGS, domains, NOW) for rm in msgs]
    refetched = {msgs[3].ref, msgs[40].ref}
    batch = [dataclasses.replace(rm, raw=bytes(bytearray(rm.raw))) if rm.ref in refetched and rm.raw
             else rm for rm in msgs]
    later: list[int] = []
    orig = P.Preparer._submit_all

    def counting_submit_all(self: P.Preparer, chunks: list[P._Chunk], now: datetime) -> None:
        later.extend(len(c.messages) for c in chunks)
        orig(self, chunks, now)

    monkeypatch.setattr(P.Preparer, "_submit_all", counting_submit_all)
    prep = P.Preparer(SETTINGS, domains)
    try:
        prep.warm()
        for i in range(0, len(msgs), 50):  # as chunks arrive, in arrival order
            prep.submit(msgs[i:i + 50], NOW)
        assert all(c.future is not None for c in prep._chunks)
        results = list(prep.run(sorted(batch, key=lambda rm: rm.ref[::-1]), NOW))
    finally:
        prep.close()
    expected = dict(zip((rm.ref for rm in msgs), inline, strict=True))
    assert results == [expected[rm.ref] for rm in sorted(batch, key=lambda rm: rm.ref[::-1])]
    assert later == [sum(1 for rm in batch if rm.ref in refetched and rm.raw is not None)]


_YEAR_ONE_INVITE = (
    b"From: Jane Doe <jane@acme.com>\r\nTo: Alex Wong <alex@example.com>\r\n"
    b"Subject: Invitation: Interview\r\nDate: Mon, 23 Nov 2026 10:00:00 -0500\r\n"
    b"Message-ID: <year-one@acme.com>\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n\r\n"
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
    b"UID:u1@acme.com\r\nSUMMARY:Interview\r\nDTSTART:00010101T000000Z\r\n"
    b"ORGANIZER;CN=Jane Doe:mailto:jane@acme.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


def test_an_invite_in_year_one_neither_fails_the_batch_nor_is_an_interview(tmp_path: Path) -> None:
    """.NET's empty date (0001-01-01 UTC) shifted into New York overflowed: the account's
    sync failed at every pass, and the good mail after it was never read."""
    b = MemoryBackend("main")
    b.deliver(_YEAR_ONE_INVITE)
    b.deliver(confirmation_mail()[0])
    e = Engine(_cfg().with_timezone("America/New_York"), Store(tmp_path / "w.db"), {"main": b})
    s = tick(at("2026-12-01 16:00"), e)
    assert s.failed_accounts == [] and s.messages_read == 2
    assert [c.action.step.value for c in s.drafts] == ["thank_you"]  # for the real interview


def test_a_bug_met_on_one_message_records_it_and_skips_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Like a malformed message: recorded and skipped, or its batch fails at every pass. The
    error names the type only (an exception's text may quote the mail)."""
    def trips(*_a: object, **_k: object) -> None:
        raise ValueError("quoting the mail: Dear Alex")

    monkeypatch.setattr(P, "classify", trips)
    raw, _ = confirmation_mail()
    got = P.prepare(RemoteMessage("INBOX/1", Folder.INBOX, raw, header_block(raw)),
                    config().classify, Domains(), at("2026-12-01 16:00"), force=True)
    assert got.fact is None and got.error is not None
    assert got.error.startswith("internal error (ValueError") and "Dear" not in got.error


@pytest.mark.parametrize("date", ["", "Date: Wed, 25 Nov 2026 10:00:00 +2500\r\n"])
def test_a_confirmation_without_a_readable_date_is_read_from_when_it_was_read(date: str) -> None:
    """Its fact is dated when it was read; its explicit slot was not looked for at all."""
    raw, _ = confirmation_mail()
    head, _, body = raw.partition(b"\r\n\r\n")
    head = b"\r\n".join(x for x in head.split(b"\r\n") if not x.lower().startswith(b"date:"))
    raw = head + b"\r\n" + date.encode() + b"\r\n" + body
    got = P.prepare(RemoteMessage("INBOX/1", Folder.INBOX, raw, header_block(raw)),
                    config().classify, Domains(), at("2026-11-26 09:00"), force=True)
    assert got.fact is not None and got.fact.kind.value == "interview_confirmed"
    assert got.fact.at == at("2026-11-26 09:00")
    assert got.fact.interview is not None and got.fact.interview.start == at("2026-12-01 14:00")


@pytest.mark.parametrize(("sender", "body_end", "name"), [
    # a shared mailbox, signed by a person: she is who the follow-up greets (it said "Hello,")
    ("Acme Careers <careers@acme.com>", "Best regards,\r\nRachel Green\r\nTalent Acquisition, Acme",
     "Rachel Green"),
    ("recruiting@acme.com", "Thanks,\r\nRachel\r\n", "Rachel"),
    ("jane@acme.com", "Kind regards,\r\nJane Doe\r\n", "Jane Doe"),
    # a person's own display name is kept; a signature that is not the address's owner, or a
    # team, names nobody
    ("Jane Doe <jane@acme.com>", "Best,\r\nJ.\r\n", "Jane Doe"),
    ("bob.roe@acme.com", "Best,\r\nRachel Green\r\n", ""),
    ("Acme Careers <careers@acme.com>", "Best,\r\nThe Acme Recruiting Team\r\n", "Acme Careers"),
])
def test_the_reply_address_is_named_by_who_signed_a_shared_mailbox(sender: str, body_end: str,
                                                                   name: str) -> None:
    from tests.enginekit import raw_mail

    raw, _ = raw_mail(sender, "alex@example.com", "Re: Interview", "2026-12-02 10:00",
                      "Hi Alex,\r\n\r\nThanks for your note. We are still interviewing and "
                      f"will be in touch next week.\r\n\r\n{body_end}")
    rm = RemoteMessage("m/1", Folder.INBOX, raw, header_block(raw))
    got = P.prepare(rm, SETTINGS, Domains.from_settings(SETTINGS), NOW, force=True)
    assert got.fact is not None and got.fact.reply_addr is not None
    assert got.fact.reply_addr.name == name
    assert got.fact.reply_addr.email == sender.rpartition("<")[2].rstrip(">")


@pytest.mark.parametrize(("body", "kind"), [
    ("Hi Leo,\n\nThank you for the interview today for the Android Developer role. I enjoyed "
     "meeting the team.\n\nBest,\nAlex", "thank_you"),
    ("Hi Leo,\n\nIs there any update on the timeline for the QA Engineer role? I am still "
     "very interested.\n\nBest,\nAlex", "follow_up"),
], ids=["thank-you", "check-in"])
def test_mail_in_sent_from_an_alias_not_in_me_is_the_users(body: str, kind: str) -> None:
    # A Gmail "Send mail as" alias (review20b F1): the SENT label / Sent folder says whose it is
    raw = ("From: Alex Wong <alex@alexwong.design>\nTo: Leo Park <leo@junipermobility.com>\n"
           "Subject: Re: Android Developer interview\nDate: Mon, 30 Nov 2026 10:07:00 -0500\n"
           f"Message-ID: <alias-1@alexwong.design>\n\n{body}\n").encode()
    domains = Domains.from_settings(SETTINGS)
    fact = P.prepare(RemoteMessage("s/1", Folder.SENT, raw, header_block(raw)), SETTINGS, domains, NOW).fact
    assert fact is not None
    assert (fact.direction.value, fact.kind.value, fact.me) == ("sent", kind, "alex@alexwong.design")
    inbox = P.prepare(RemoteMessage("i/1", Folder.INBOX, raw, header_block(raw)), SETTINGS, domains, NOW,
                      force=True).fact
    assert inbox is not None and inbox.direction.value == "received"  # outside Sent: From decides
