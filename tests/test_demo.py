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


# -- found by an audit ------------------------------------------------------------------------


def test_demo_refuses_a_folder_it_did_not_make(tmp_path: Path) -> None:
    """`--keep ~` must not wipe the user's own ~/Maildir nor overwrite a config.toml."""
    mail = tmp_path / "Maildir" / "cur" / "1.a.host:2,S"
    mail.parent.mkdir(parents=True)
    mail.write_bytes(b"Subject: mine\n\nmy own mail\n")
    (tmp_path / "config.toml").write_text("# mine\n")
    res = cli("demo", "--keep", str(tmp_path))
    assert res.returncode == 2 and "not a demo folder" in res.stderr
    assert mail.read_bytes() == b"Subject: mine\n\nmy own mail\n"
    assert (tmp_path / "config.toml").read_text() == "# mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Maildir", "config.toml"]


def test_demo_can_run_again_in_its_own_folder(demo: tuple[Path, str]) -> None:
    work, _ = demo
    res = cli("demo", "--keep", str(work), "--quiet")
    assert res.returncode == 0, res.stderr
    assert "Subject: Thank you for the" in res.stdout


def test_demo_prints_the_drafts_in_the_order_it_made_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Maildir file names give no order (within a second, M99999 sorts after M100000): the
    drafts are printed in the order of the timeline above them."""
    import argparse
    import itertools

    from watcher.backends import maildir
    from watcher.commands import demo

    countdown = itertools.count(999)
    monkeypatch.setattr(maildir, "_unique_name", lambda: f"1795000000.M{next(countdown)}.host")
    assert demo.run(argparse.Namespace(keep=str(tmp_path / "w"), days_after=14,
                                       quiet=False)) == 0
    out = capsys.readouterr().out
    made = [line.rsplit(" to ", 1)[1].split(", ")[0] for line in out.splitlines()
            if "  draft: " in line]
    printed = [line.split("<")[1].rstrip(">") for line in out.splitlines()
               if line.startswith("To: ")]
    assert len(made) == 7 and printed == made


def test_demo_without_keep_says_where_its_working_copy_stays() -> None:
    import shutil

    res = cli("demo", "--quiet")
    assert res.returncode == 0, res.stderr
    last = res.stdout.rstrip().splitlines()[-1]
    assert last.startswith("The working copy stays in ") and last.endswith(
        " for you to look at; delete it when done."), last
    work = Path(last.removeprefix("The working copy stays in ").split(" for you")[0])
    assert (work / "Maildir" / ".Drafts").is_dir() and work.name.startswith("watcher-demo-")
    shutil.rmtree(work)


def test_demo_mailbox_is_packaged_whole() -> None:
    """`pipx install .` builds a wheel from pyproject's package-data, whose `demo/**/*` does not
    match the hidden `.Sent` and `.Drafts` folders: an installed `watcher demo` loses Alex's
    sent thank-you (and drafts one for him) and his own draft."""
    import glob
    import tomllib

    root = Path(__file__).resolve().parents[1]
    patterns = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["watcher"]
    package = root / "watcher"
    packaged = {p for pat in patterns for p in glob.glob(pat, root_dir=package, recursive=True)}
    bundled = {str(p.relative_to(package)) for p in (package / "demo" / "Maildir").rglob("*")
               if p.is_file() and p.name != ".keep"}
    assert bundled and sorted(bundled - packaged) == []
    assert any("/.Sent/" in p for p in bundled) and any("/.Drafts/" in p for p in bundled)


def test_the_demo_readme_counts_the_mailbox_it_describes() -> None:
    """Its README said 30 in INBOX and 4 in Sent; the generator writes 31 and 3."""
    import re

    demo = Path(__file__).resolve().parent.parent / "watcher" / "demo"
    m = re.search(r"(\d+) messages: (\d+) in INBOX \((\d+) unread in `new/`\), (\d+) in `.Sent`, "
                  r"(\d+) hand-written draft", (demo / "README.md").read_text())
    assert m is not None

    def count(*folders: str) -> int:
        return sum(1 for f in folders for p in (demo / "Maildir" / f).iterdir() if not p.name.startswith("."))

    total, inbox, unread, sent, drafts = map(int, m.groups())
    assert (inbox, unread, sent, drafts) == (count("cur", "new"), count("new"),
                                             count(".Sent/cur", ".Sent/new"),
                                             count(".Drafts/cur", ".Drafts/new"))
    assert total == inbox + sent + drafts
