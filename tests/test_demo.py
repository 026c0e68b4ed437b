"""`watcher demo` end to end (the bundled Maildir replayed through the real watcher), and
`watcher status` / `watcher explain` on the state it leaves."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "watcher", *args], capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    work = tmp_path_factory.mktemp("demo")
    res = cli("demo", "--keep", str(work))
    assert res.returncode == 0, res.stderr
    return work, res.stdout


def test_demo_leaves_drafts_in_the_maildir_and_never_touches_alex_s_own(demo: tuple[Path, str]) -> None:
    work, out = demo
    drafts = list((work / "Maildir" / ".Drafts").glob("*/*"))
    ours = [p for p in drafts if b"X-Watcher-Step:" in p.read_bytes()]
    theirs = [p for p in drafts if p not in ours and p.name != ".keep"]
    assert ours, "the demo must leave drafts"
    assert len(theirs) == 1  # Alex's hand-written note is still there, untouched
    assert "watcher status:" in out and "Subject: Thank you for the" in out
    # Every draft is a file in the Maildir with the draft flag.
    assert all(p.name.endswith(",DS") or ":2,D" in p.name for p in ours)


def test_demo_drafts_follow_the_story(demo: tuple[Path, str]) -> None:
    """The README of watcher/demo: Northwind's check-in waits for the stated timeline
    (Tue 17 Nov -> Wed 18 Nov), the panel gets one thank-you per interviewer, and the
    Tailspin thank-you Alex wrote himself is not drafted again."""
    _, out = demo
    assert "draft: thank_you        tailspin" not in out
    assert "Wed 18 Nov 08:00  draft: check_in         northwind-robotics" in out  # T + 1 b.d.
    assert out.count("draft: thank_you        fabrikam") == 3


def test_status_table_and_json_after_the_demo(demo: tuple[Path, str]) -> None:
    work, _ = demo
    table = cli("--config", str(work / "config.toml"), "status")
    assert table.returncode == 0, table.stderr
    head = table.stdout.splitlines()[0].split()
    assert head[:4] == ["PROCESS", "COMPANY", "ROLE", "STATE"]
    assert "Northwind Robotics" in table.stdout and "closed_rejected" in table.stdout


def test_explain_shows_evidence_and_each_state_change(demo: tuple[Path, str]) -> None:
    work, _ = demo
    status = cli("--config", str(work / "config.toml"), "status", "--json")
    (key,) = [json.loads(x)["process"] for x in status.stdout.splitlines()
              if json.loads(x)["company"] == "Northwind Robotics"]
    res = cli("--config", str(work / "config.toml"), "explain", key)
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert out.startswith(f"{key}: Northwind Robotics")
    assert "evidence: " in out and "confidence" in out
    arrows = [line.strip() for line in out.splitlines() if line.strip().startswith("-> ")]
    assert arrows[:3] == ["-> requested", "-> scheduled", "-> interviewed"]
    assert "stated timeline: 2026-11-17" in out


def test_explain_unknown_process_is_a_usage_error(demo: tuple[Path, str]) -> None:
    work, _ = demo
    res = cli("--config", str(work / "config.toml"), "explain", "nope")
    assert res.returncode == 2 and "known:" in res.stderr
