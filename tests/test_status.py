"""`watcher status` and the manual commands (track, ignore, close, reopen, snooze, timeline)
on a real state database filled by the pipeline. Mail is dated 2025 so that the real clock,
which the CLI reads, is always after it."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.enginekit import ALEX, confirmation_mail, raw_mail
from watcher.backends.base import Folder, RemoteMessage, SyncBatch
from watcher.backends.memory import MemoryBackend
from watcher.cli import main
from watcher.commands.status import KEYS, rows
from watcher.config import Config, load_config
from watcher.errors import TransientError
from watcher.pipeline import Engine, tick
from watcher.store import Store

NY = ZoneInfo("America/New_York")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


@pytest.fixture
def cfg_path(tmp_path: Path) -> Path:
    p = tmp_path / "config.toml"
    p.write_text(f'[me]\nname = "Alex Wong"\naddresses = ["alex@example.com"]\n\n'
                 f'[schedule]\ntimezone = "America/New_York"\n\n'
                 f'[state]\npath = "{tmp_path / "w.db"}"\n', encoding="utf-8")
    return p


def fill(cfg_path: Path, *, other: bool = False) -> MemoryBackend:
    """A process (interview Tue Dec 2 2025) and, with `other`, an unclassified thread."""
    config = load_config(cfg_path)
    b = MemoryBackend("main")
    b.deliver(confirmation_mail("2025-11-25 10:00",
                                "Tuesday, December 2, 2025, 2:00 PM - 3:00 PM EST")[0])
    if other:
        raw, _ = raw_mail("Sam Lee <sam@initech.com>", ALEX, "Coffee chat", "2025-11-26 10:00",
                          "Hi Alex, would you like to talk about our platform team? Sam",
                          mid="<chat@initech.com>")
        b.deliver(raw)
    e = Engine(config, Store(config.state_path), {"main": b})
    tick(t("2025-12-02 16:00"), e)
    e.store.close()
    return b


def thanked(cfg_path: Path) -> Config:
    """The config, after the user sent the process's thank-you draft (Tue Dec 2, 18:00)."""
    from watcher.state import DraftStatus

    config = load_config(cfg_path)
    store = Store(config.state_path)
    (thanks,) = store.drafts("acme-backend-engineer")
    store.set_draft_status(thanks.key, DraftStatus.SENT, t("2025-12-02 18:00"))
    store.close()
    return config


def status_json(capsys: pytest.CaptureFixture[str], cfg_path: Path) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "status", "--json"]) == 0
    return [json.loads(x) for x in capsys.readouterr().out.splitlines()]


def test_status_keys_and_values(cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(cfg_path)
    [row] = status_json(capsys, cfg_path)
    assert list(row) == list(KEYS)
    assert row["process"] == "acme-backend-engineer" and row["company"] == "Acme"
    assert row["role"] == "Backend Engineer" and row["round"] == 1
    assert row["waiting_for"] is not None and "pending" in str(row["waiting_for"])
    assert main(["--config", str(cfg_path), "status"]) == 0
    assert "acme-backend-engineer" in capsys.readouterr().out


def test_status_rows_at_a_fixed_moment(cfg_path: Path) -> None:
    fill(cfg_path)
    config = load_config(cfg_path)
    [row] = rows(config, t("2025-12-02 15:30"))
    assert row["state"] == "interviewed" and row["next_kind"] is None


def test_status_without_a_database_prints_nothing(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "c.toml"
    p.write_text(f'[state]\npath = "{tmp_path / "none.db"}"\n', encoding="utf-8")
    assert status_json(capsys, p) == []
    assert not (tmp_path / "none.db").exists()


def test_status_before_any_config_says_to_run_init(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "c.toml"
    p.write_text(f'[state]\npath = "{tmp_path / "none.db"}"\n', encoding="utf-8")
    assert main(["--config", str(p), "status"]) == 0
    out, err = capsys.readouterr()
    assert out == "no interview processes yet\n"
    assert err == f"{p} has no [[accounts]]: run `watcher init`\n"
    assert main(["--config", str(p), "status", "--json"]) == 0
    assert capsys.readouterr() == ("", "")  # JSON lines: none, and no word


def test_close_reopen_snooze_timeline(cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(cfg_path)
    base = ["--config", str(cfg_path)]
    assert main([*base, "close", "acme-backend-engineer", "--reason", "withdrawn"]) == 0
    assert status_json(capsys, cfg_path)[0]["state"] == "withdrawn"
    capsys.readouterr()
    assert main([*base, "reopen", "acme-backend-engineer"]) == 0
    assert capsys.readouterr().err == ""
    assert status_json(capsys, cfg_path)[0]["state"] != "withdrawn"
    # review18b: reopening an open process printed its state as if something had changed
    assert main([*base, "reopen", "acme-backend-engineer"]) == 0
    assert "was not closed or ignored: its follow-up wait restarts" in capsys.readouterr().err
    assert main([*base, "timeline", "acme-backend-engineer", "2099-01-05"]) == 0
    capsys.readouterr()
    assert main([*base, "timeline", "acme-backend-engineer"]) == 0
    hist = capsys.readouterr().out
    assert "interview_confirmed" in hist and "thank_you" in hist and "timeline" in hist
    assert main([*base, "snooze", "acme-backend-engineer", "2099-06-01"]) == 0
    assert main([*base, "close", "nope"]) == 2
    assert "no process 'nope'" in capsys.readouterr().err
    # review22b: 'timeline ... 9999-12-31' was 'internal error: OverflowError' (exit 1):
    # planning the check-in after it overflowed; a usage error names the years
    for command in ("timeline", "snooze"):
        assert main([*base, command, "acme-backend-engineer", "9999-12-31"]) == 2
        assert "between 1970 and 2200" in capsys.readouterr().err


def test_ignore_a_process_and_track_a_missed_thread(cfg_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    fill(cfg_path, other=True)
    base = ["--config", str(cfg_path)]
    assert main([*base, "track", "<chat@initech.com>"]) == 0
    assert "tracking initech" in capsys.readouterr().out
    assert {r["process"] for r in status_json(capsys, cfg_path)} == {
        "acme-backend-engineer", "initech"}
    assert main([*base, "track", "<chat@initech.com>"]) == 0
    assert "already tracked" in capsys.readouterr().out
    assert main([*base, "ignore", "acme-backend-engineer"]) == 0
    acme = [r for r in status_json(capsys, cfg_path) if r["process"] == "acme-backend-engineer"]
    assert acme[0]["waiting_for"] == "ignored"
    assert main([*base, "ignore", "<chat@initech.com>"]) == 0
    assert capsys.readouterr().out == "ignored 1 message(s); forgot initech, left without mail\n"
    # the process `track` made of that thread has no mail left: it waited on for an interview
    assert {r["process"] for r in status_json(capsys, cfg_path)} == {"acme-backend-engineer"}
    assert main([*base, "ignore", "<unknown@x>"]) == 2


@pytest.mark.parametrize("accounts", [("home",), ("home", "work")])
def test_track_reads_again_a_message_first_read_without_its_facts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], accounts: tuple[str, ...]) -> None:
    """A message without a hiring word keeps no facts when read (a first sync skips it):
    `track` reads it again from its account, here a Maildir, and starts the process. Read
    in two accounts, it is one event still (both rows got its facts: two)."""
    raw, _ = raw_mail("Sam Lee <sam@initech.com>", ALEX, "Tuesday", "2025-11-26 10:00",
                      "Hi Alex,\r\n\r\nLovely speaking with you on Tuesday. Could we "
                      "continue next week?\r\n\r\nSam", mid="<missed-1@initech.com>")
    blocks = ""
    for name in accounts:
        root = tmp_path / name
        for folder in ("", ".Sent", ".Drafts"):
            for sub in ("cur", "new", "tmp"):
                (root / folder / sub).mkdir(parents=True, exist_ok=True)
        (root / "cur" / "1764169200.M1P1.host:2,S").write_bytes(raw)
        blocks += f'[[accounts]]\nname = "{name}"\nbackend = "maildir"\npath = "{root}"\n\n'
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[me]\nname = "Alex Wong"\naddresses = ["alex@example.com"]\n\n'
                   f'[schedule]\ntimezone = "America/New_York"\n\n'
                   f'[state]\npath = "{tmp_path / "w.db"}"\n\n' + blocks, encoding="utf-8")
    base = ["--config", str(cfg)]
    assert main([*base, "scan", "--no-progress"]) == 0
    store = Store(tmp_path / "w.db")
    assert store.find_messages("<missed-1@initech.com>") == []  # read, no facts kept
    store.close()
    capsys.readouterr()
    assert main([*base, "track", " missed-1@initech.com "]) == 0
    assert capsys.readouterr().out.startswith("tracking initech")
    assert main([*base, "track", "<missed-1@initech.com>"]) == 0
    assert "already tracked" in capsys.readouterr().out
    assert main([*base, "track", "<never-read@initech.com>"]) == 2
    assert "a new one is read at the next pass" in capsys.readouterr().err
    store = Store(tmp_path / "w.db")
    (proc,) = store.processes()
    assert len(store.messages(proc.key)) == 1
    store.close()


@pytest.mark.parametrize("older", [0, 25])
def test_track_of_my_reply_reads_again_the_message_it_answers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], older: int) -> None:
    """Both sides of the thread were read without facts: tracking the user's reply reads the
    employer's message it answers too, so the process has its employer (it had only the reply,
    and its check-in would go to nobody the employer wrote from)."""
    root = tmp_path / "Mail"
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (root / folder / sub).mkdir(parents=True, exist_ok=True)
    theirs, _ = raw_mail("Sam Lee <sam@initech.com>", ALEX, "Tuesday", "2025-11-26 10:00",
                         "Hi Alex,\r\n\r\nLovely speaking with you on Tuesday. Could we "
                         "continue next week?\r\n\r\nSam", mid="<missed-1@initech.com>")
    # a long thread: the message answered is read again even past 20 older references
    refs = " ".join([f"<a{i}@old.example>" for i in range(older)]
                    + ["<missed-1@initech.com>"])
    mine, _ = raw_mail(ALEX, "Sam Lee <sam@initech.com>", "Re: Tuesday", "2025-11-26 12:00",
                       "Hi Sam,\r\n\r\nGladly, any afternoon suits me.\r\n\r\nAlex",
                       mid="<reply-1@example.com>",
                       headers={"In-Reply-To": "<missed-1@initech.com>", "References": refs})
    (root / "cur" / "1764169200.M1P1.host:2,S").write_bytes(theirs)
    (root / ".Sent" / "cur" / "1764176400.M2P1.host:2,S").write_bytes(mine)
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'[me]\nname = "Alex Wong"\naddresses = ["alex@example.com"]\n\n'
                   f'[schedule]\ntimezone = "America/New_York"\n\n'
                   f'[state]\npath = "{tmp_path / "w.db"}"\n\n'
                   f'[[accounts]]\nname = "home"\nbackend = "maildir"\npath = "{root}"\n',
                   encoding="utf-8")
    base = ["--config", str(cfg)]
    assert main([*base, "scan", "--no-progress"]) == 0
    capsys.readouterr()
    assert main([*base, "track", "<reply-1@example.com>"]) == 0
    assert "(2 message(s))" in capsys.readouterr().out
    store = Store(tmp_path / "w.db")
    (proc,) = store.processes()
    assert {m.message_id for m in store.messages(proc.key)} == {
        "<missed-1@initech.com>", "<reply-1@example.com>"}
    store.close()


def test_a_real_interview_after_an_ignored_tracked_thread_is_drafted(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The employer's real interview later starts its own process and gets its thank-you
    (joined to an ignored leftover of the mistaken `track`, it was never drafted)."""
    b = fill(cfg_path, other=True)
    base = ["--config", str(cfg_path)]
    assert main([*base, "track", "<chat@initech.com>"]) == 0
    assert main([*base, "ignore", "<chat@initech.com>"]) == 0
    config = load_config(cfg_path)
    raw, _ = confirmation_mail("2025-12-10 10:00", "Tuesday, December 16, 2025, 2:00 PM - 3:00 PM EST",
                               role="Backend Engineer", company="Initech",
                               sender="Sam Lee <sam@initech.com>")
    b.deliver(raw)
    e = Engine(config, Store(config.state_path), {"main": b})
    tick(t("2025-12-10 12:00"), e)
    later = tick(t("2025-12-16 16:30"), e)
    e.store.close()
    assert [c.draft.kind.value for c in later.drafts] == ["thank_you"]
    assert [a.email for a in later.drafts[0].draft.to] == ["sam@initech.com"]


def test_ignore_takes_a_message_read_without_facts_as_track_does(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #9: a message read and skipped by the prefilter (no hiring word) was "not in
    the state database" for `watcher ignore`, while `watcher track` on it worked."""
    config = load_config(cfg_path)
    b = MemoryBackend("main")
    raw, _ = raw_mail("Mom <mom@example.org>", ALEX, "Sunday dinner", "2025-11-26 10:00",
                      "Hi sweetie, are you coming on Sunday? Love, Mom", mid="<mom-1@example.org>")
    b.deliver(raw)
    e = Engine(config, Store(config.state_path), {"main": b})
    tick(t("2025-11-26 12:00"), e)
    assert e.store.find_messages("<mom-1@example.org>") == []  # read, no facts kept
    assert e.store.unread_messages("<mom-1@example.org>")
    e.store.close()
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "ignore", "<mom-1@example.org>"]) == 0
    assert capsys.readouterr().out == "ignored 1 message(s)\n"
    store = Store(config.state_path)
    assert "<mom-1@example.org>" in store.ignores()
    store.close()


def test_snooze_on_a_closed_process_warns_and_reopen_ends_it(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #9: `snooze` on a closed process was taken without a word, then outlived
    `reopen` (whose help says its wait restarts from now): the reopened process's next draft
    was the old snooze's."""

    fill(cfg_path)
    thanked(cfg_path)
    base = ["--config", str(cfg_path)]
    assert main([*base, "close", "acme-backend-engineer", "--reason", "withdrawn"]) == 0
    capsys.readouterr()
    assert main([*base, "snooze", "acme-backend-engineer", "2099-06-01"]) == 0
    err = capsys.readouterr().err
    assert err == ("acme-backend-engineer is closed (withdrawn): no draft is planned for it, "
                   "so the snooze holds nothing back; `watcher reopen` ends it\n"), err
    assert main([*base, "reopen", "acme-backend-engineer"]) == 0
    out = capsys.readouterr().out
    assert "next: check_in at" in out and "2099" not in out, out


def test_history_shows_a_snooze_in_the_user_s_zone(cfg_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #8: a snooze given as 2099-06-01T10:00Z showed in `timeline PROCESS` as
    2099-06-01T10:00:00+00:00, where every other time there is in the user's zone."""
    fill(cfg_path)
    base = ["--config", str(cfg_path)]
    assert main([*base, "snooze", "acme-backend-engineer", "2099-06-01T10:00Z"]) == 0
    capsys.readouterr()
    assert main([*base, "timeline", "acme-backend-engineer"]) == 0
    (line,) = [x for x in capsys.readouterr().out.splitlines() if " snooze " in x]
    assert line.endswith("snooze                           Mon 2099-06-01 06:00 EDT"), line


def test_an_ignore_keyword_keeps_a_thread_out(cfg_path: Path) -> None:
    config = load_config(cfg_path)
    b = MemoryBackend("main")
    b.deliver(confirmation_mail("2025-11-25 10:00",
                                "Tuesday, December 2, 2025, 2:00 PM - 3:00 PM EST")[0],
              Folder.INBOX, keywords=frozenset({"watcher/ignore"}))
    e = Engine(dataclasses.replace(config), Store(config.state_path), {"main": b})
    s = tick(t("2025-12-02 16:00"), e)
    assert s.drafts == [] and e.store.processes() == [] and len(e.store.ignores()) == 1


def test_waiting_for_gives_what_times_the_next_draft(cfg_path: Path) -> None:
    """A stated timeline is the reason only while it times the next draft; a snooze says until
    when. (Status gave "stated timeline" for any process with one on record, also for the
    second check-in after a deleted first one, and for a snoozed process.)"""
    from watcher.models import StepKind
    from watcher.state import DraftRecord, DraftStatus

    fill(cfg_path)
    config = thanked(cfg_path)
    base = ["--config", str(cfg_path)]
    assert main([*base, "timeline", "acme-backend-engineer", "2025-12-05"]) == 0
    [row] = rows(config, t("2025-12-04 12:00"))
    assert (row["next_kind"], row["waiting_for"]) == ("check_in", "stated timeline 2025-12-05")
    store = Store(config.state_path)
    when = t("2025-12-09 08:00")  # the check-in draft, deleted
    store.draft_intent(DraftRecord("acme-backend-engineer/r1/c1/check_in", "acme-backend-engineer",
                                   1, 1, StepKind.CHECK_IN, DraftStatus.SKIPPED, when, settled_at=when))
    store.close()
    [row] = rows(config, t("2025-12-10 12:00"))
    assert row["next_kind"] == "second_check_in"
    assert row["waiting_for"] == "second_check_in not due yet (the wait after the check-in)", row
    assert main([*base, "snooze", "acme-backend-engineer", "2026-01-15"]) == 0
    [row] = rows(config, t("2025-12-10 12:00"))
    assert row["waiting_for"] == "snoozed until 2026-01-15", row
    assert main([*base, "snooze", "acme-backend-engineer", "2026-01-16T10:30"]) == 0
    [row] = rows(config, t("2025-12-10 12:00"))
    assert row["waiting_for"] == "snoozed until 2026-01-16 10:30", row  # the time, when one


def test_history_shows_a_skipped_step_once_and_a_made_draft_as_made_then_settled(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from watcher.models import StepKind
    from watcher.state import DraftRecord, DraftStatus

    fill(cfg_path)
    config = load_config(cfg_path)
    store = Store(config.state_path)
    key = "acme-backend-engineer/r1/c1/check_in"
    when = t("2025-12-09 08:00")
    store.draft_intent(DraftRecord(key, "acme-backend-engineer", 1, 1, StepKind.CHECK_IN,
                                   DraftStatus.SKIPPED, when, settled_at=when))
    store.close()
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "timeline", "acme-backend-engineer"]) == 0
    hist = capsys.readouterr().out.splitlines()
    assert len([line for line in hist if line.endswith(key)]) == 1
    made = [line for line in hist if "thank_you" in line and "draft" in line]
    assert made and "created" in made[0]


def test_status_says_which_messages_could_not_be_read(cfg_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Mail that could not be parsed, or that the server would not serve, is recorded and
    skipped: the table says so (it was recorded, and shown nowhere), the JSON lines do not
    change (scripts read one process a line)."""
    fill(cfg_path)
    store = Store(load_config(cfg_path).state_path)
    store.record_bad_message("main", "18c2f", "Gmail refused to serve it (HTTP 400)",
                             t("2025-12-01 09:00"))
    store.record_bad_message("main", "INBOX/7/41", "no Date, From or body", t("2025-12-02 09:00"))
    store.close()
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "status"]) == 0
    out = capsys.readouterr().out
    assert "2 messages could not be read and were skipped:" in out
    assert "main INBOX/7/41: no Date, From or body" in out
    assert "main 18c2f: Gmail refused to serve it (HTTP 400)" in out
    assert [r["process"] for r in status_json(capsys, cfg_path)] == ["acme-backend-engineer"]


def test_a_snooze_to_a_day_already_past_says_it_holds_nothing(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """(review18b: it was recorded without a word)"""
    fill(cfg_path)
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "snooze", "acme-backend-engineer", "2020-01-01"]) == 0
    assert "has already passed: the snooze holds nothing back" in capsys.readouterr().err
    assert main(["--config", str(cfg_path), "snooze", "acme-backend-engineer", "2099-06-01"]) == 0
    assert capsys.readouterr().err == ""


def _held_config(cfg_path: Path, extra: str) -> None:
    text = cfg_path.read_text(encoding="utf-8")
    cfg_path.write_text(text.replace('timezone = "America/New_York"\n',
                                     'timezone = "America/New_York"\n' + extra), encoding="utf-8")


def test_waiting_for_names_what_holds_a_due_step(cfg_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #2: a check-in that fell due on a Saturday said "check_in not due yet (the wait
    after the interview)" all weekend (p.due is already moved to Monday 08:00), and explain
    said "waiting for: the wait after the interview". Now both say it is due and held."""

    _held_config(cfg_path, 'holidays = [2025-12-08]\n\n[policy]\nwait_without_timeline = "4d"\n')
    fill(cfg_path)  # interview Tue Dec 2: the check-in falls due Sat Dec 6
    config = thanked(cfg_path)
    [row] = rows(config, t("2025-12-05 12:00"))
    assert row["waiting_for"] == "check_in not due yet (the wait after the interview)"
    [row] = rows(config, t("2025-12-05 22:00"))  # not due yet, and nothing is allowed till Tue
    assert row["waiting_for"] == \
        "quiet hours and quiet days and a holiday (check_in at Tue 2025-12-09 08:00)"
    [row] = rows(config, t("2025-12-07 12:00"))
    assert row["next_due"] == "2025-12-09T08:00:00-05:00"
    assert row["waiting_for"] == "due; held by quiet days and a holiday until Tue 2025-12-09 08:00"
    [row] = rows(config, t("2025-12-08 12:00"))
    assert row["waiting_for"] == "due; held by a holiday until Tue 2025-12-09 08:00"
    [row] = rows(config, t("2025-12-09 09:00"))
    assert row["waiting_for"] == "due now (the next pass drafts it)"
    monkeypatch.setattr("watcher.commands.manual.now_in", lambda c: t("2025-12-07 12:00"))
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "explain", "acme-backend-engineer"]) == 0
    assert "waiting for: due; held by quiet days and a holiday until Tue 2025-12-09 08:00\n" \
        in capsys.readouterr().out


def test_waiting_for_names_quiet_hours_longer_than_13_hours(cfg_path: Path) -> None:
    """review20c #2: with quiet hours of most of the day, a thank-you due at 16:00 said
    "thank_you not due yet" at 16:15 (quiet hours were named only when the draft was under
    13 h away)."""
    _held_config(cfg_path, 'quiet_hours = "16:00-15:30"\n')
    fill(cfg_path)  # interview 14:00-15:00; the thank-you falls due at 16:00, drafted at 15:30
    [row] = rows(load_config(cfg_path), t("2025-12-02 16:15"))
    assert (row["next_kind"], row["waiting_for"]) == (
        "thank_you", "due; held by quiet hours until Wed 2025-12-03 15:30")
    [row] = rows(load_config(cfg_path), t("2025-12-02 15:50"))
    assert row["waiting_for"] == "thank_you not due yet"


def test_status_says_which_account_could_not_be_read(cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """review20b F4: with the Gmail grant revoked, `scan` failed but `status` listed every
    process and its next draft as if the mail were being read."""
    from watcher.errors import AuthError

    cfg_path.write_text(cfg_path.read_text() + f'[[accounts]]\nname = "main"\nbackend = "maildir"\n'
                        f'path = "{cfg_path.parent / "box"}"\n')
    b = fill(cfg_path)

    class Revoked(MemoryBackend):
        def sync(self, cursor: str | None, is_candidate: Callable[[bytes], bool],
                 on_bodies: Callable[[list[RemoteMessage]], None] | None = None,
                 on_size: Callable[[int], None] | None = None) -> SyncBatch:
            raise AuthError("Gmail access for account main was revoked or expired: run "
                            "`watcher auth gmail --account main` again", "main", by_server=True)

    class Refused(MemoryBackend):
        def sync(self, cursor: str | None, is_candidate: Callable[[bytes], bool],
                 on_bodies: Callable[[list[RemoteMessage]], None] | None = None,
                 on_size: Callable[[int], None] | None = None) -> SyncBatch:
            raise AuthError("account main: the server refused the login for alex", "main",
                            by_server=True)

    config = load_config(cfg_path)
    for when in ("2025-12-03 09:00", "2025-12-03 10:00"):
        e = Engine(config, Store(config.state_path), {"main": Revoked("main")})
        assert tick(t(when), e).failed_accounts == ["main"]
        e.store.close()
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "status"]) == 0
    out = capsys.readouterr().out
    assert ("account main: mail not read since Wed 2025-12-03 09:00 EST (new mail is missing from the "
            "table above): Gmail access for account main was revoked or expired: run "
            "`watcher auth gmail --account main` again") in out
    assert main(["--config", str(cfg_path), "status", "--json"]) == 0
    res = capsys.readouterr()
    assert [list(json.loads(x)) for x in res.out.splitlines()] == [list(KEYS)]  # the contract's keys
    assert "account main: mail not read since" in res.err
    # an error that leads with the account, as the backends' do, names it once (review23b)
    e = Engine(config, Store(config.state_path), {"main": Refused("main")})
    assert tick(t("2025-12-03 10:30"), e).failed_accounts == ["main"]
    e.store.close()
    assert main(["--config", str(cfg_path), "status"]) == 0
    out = capsys.readouterr().out
    assert "(new mail is missing from the table above): the server refused the login" in out, out
    assert out.count("account main:") == 1
    e = Engine(config, Store(config.state_path), {"main": b})
    assert tick(t("2025-12-03 11:00"), e).failed_accounts == []
    e.store.close()
    assert main(["--config", str(cfg_path), "status"]) == 0
    assert "account main" not in capsys.readouterr().out


def test_status_after_a_first_sync_that_failed_says_no_mail_was_read(
        cfg_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """review23b #16: 'no interview processes yet', then 'mail not read since ... (new mail is
    missing from the table above)': there was no table, and no mail had ever been read."""
    cfg_path.write_text(cfg_path.read_text() + f'[[accounts]]\nname = "main"\nbackend = "maildir"\n'
                        f'path = "{cfg_path.parent / "box"}"\n')

    class Down(MemoryBackend):
        def sync(self, cursor: str | None, is_candidate: Callable[[bytes], bool],
                 on_bodies: Callable[[list[RemoteMessage]], None] | None = None,
                 on_size: Callable[[int], None] | None = None) -> SyncBatch:
            raise TransientError("account main: cannot reach imap.example.com:993")

    config = load_config(cfg_path)
    e = Engine(config, Store(config.state_path), {"main": Down("main")})
    summary = tick(t("2025-12-03 09:00"), e)
    e.store.close()
    # the pass's error names the account once, as its log line does
    assert summary.errors == ["main: cannot reach imap.example.com:993"]
    capsys.readouterr()
    assert main(["--config", str(cfg_path), "status"]) == 0
    out = capsys.readouterr().out
    assert "no interview processes yet" in out and "table above" not in out
    assert ("account main: no mail read yet (its first sync has failed since Wed 2025-12-03 "
            "09:00 EST): cannot reach imap.example.com:993") in out
