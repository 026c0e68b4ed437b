"""Per-kind precision and recall of the classifier over the labelled mail in tests/data/labelled."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from watcher.classify import classify, prefilter
from watcher.models import ClassifierSettings, Event
from watcher.parse import parse

DATA = Path(__file__).parent / "data" / "labelled"
INTERVIEW_KINDS = {"interview_requested", "interview_confirmed", "interview_cancelled"}


def _labels() -> list[dict[str, Any]]:
    path = DATA / "labels.json"
    if not path.exists():
        pytest.skip("tests/data/labelled/labels.json is not there yet")
    return [lab for lab in json.loads(path.read_text()) if (DATA / lab["file"]).exists()]


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, Any], Event]]:
    out = []
    for lab in _labels():
        msg = parse((DATA / lab["file"]).read_bytes())
        out.append((lab, classify(msg, ClassifierSettings(me=tuple(lab["me"])))))
    return out


def _pr(results: list[tuple[dict[str, Any], Event]], kind: str) -> tuple[float, float, int]:
    tp = sum(1 for lab, ev in results if lab["kind"] == kind and ev.kind.value == kind)
    predicted = sum(1 for _, ev in results if ev.kind.value == kind)
    actual = sum(1 for lab, _ in results if lab["kind"] == kind)
    precision = tp / predicted if predicted else 1.0
    recall = tp / actual if actual else 1.0
    return precision, recall, actual


def test_per_kind_precision_and_recall(results: list[tuple[dict[str, Any], Event]]) -> None:
    table = {k: _pr(results, k) for k in sorted({lab["kind"] for lab, _ in results})}
    for kind, (p, r, n) in table.items():
        print(f"{kind:<22} precision {p:.2f} recall {r:.2f} (n={n})")
    p, r, n = table.get("interview_confirmed", (1.0, 1.0, 0))
    assert n > 0
    misses = [lab["file"] for lab, ev in results if (lab["kind"] == "interview_confirmed") != (ev.kind.value == "interview_confirmed")]
    assert p >= 0.97, misses
    assert r >= 0.95, misses


def test_start_instant_exact_for_confirmed(results: list[tuple[dict[str, Any], Event]]) -> None:
    confirmed = [(lab, ev) for lab, ev in results if lab["kind"] == "interview_confirmed"]
    exact = [lab["file"] for lab, ev in confirmed
             if ev.interview and ev.interview.start == datetime.fromisoformat(lab["interview"]["start"])]
    wrong = sorted({lab["file"] for lab, _ in confirmed} - set(exact))
    print(f"start instant exact for {len(exact)}/{len(confirmed)} = {len(exact) / len(confirmed):.0%} of confirmed")
    assert len(exact) >= 0.95 * len(confirmed), wrong


# Legal suffixes the labels write inconsistently ("Fabrikam, Inc." / "Fabrikam"): compared without.
_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:inc\.?|llc|l\.l\.c\.|ltd\.?|limited|gmbh|b\.v\.|bv|n\.v\.|corp\.?|corporation|plc|s\.a\.|sa|ag|se|co\.)$",
    re.IGNORECASE,
)


def _company_key(name: str | None) -> str:
    """A company name compared case-insensitively, without legal suffixes."""
    name = (name or "").strip()
    while (shorter := _LEGAL_SUFFIX.sub("", name).strip()) != name:
        name = shorter
    return name.casefold()


def test_company_and_role_of_confirmed(results: list[tuple[dict[str, Any], Event]]) -> None:
    """Company (case-insensitive, legal suffixes stripped) and role (case-insensitive) of confirmations."""
    confirmed = [(lab, ev) for lab, ev in results if lab["kind"] == "interview_confirmed" and ev.interview]
    assert confirmed
    company_wrong = [(lab["file"], ev.interview.company if ev.interview else None, lab["interview"]["company"])
                     for lab, ev in confirmed
                     if _company_key(ev.interview.company if ev.interview else None) != _company_key(lab["interview"]["company"])]
    role_wrong = [(lab["file"], ev.interview.role if ev.interview else None, lab["interview"]["role"])
                  for lab, ev in confirmed
                  if ((ev.interview.role if ev.interview else None) or "").casefold() != (lab["interview"]["role"] or "").casefold()]
    print(f"company right {1 - len(company_wrong) / len(confirmed):.0%}, role right {1 - len(role_wrong) / len(confirmed):.0%}")
    assert len(company_wrong) <= 0.05 * len(confirmed), company_wrong
    assert len(role_wrong) <= 0.15 * len(confirmed), role_wrong


def test_interviewers_and_end_of_confirmed(results: list[tuple[dict[str, Any], Event]]) -> None:
    """Interviewer addresses (as sets) and the end instant of confirmations; agreement is printed."""
    confirmed = [(lab, ev) for lab, ev in results if lab["kind"] == "interview_confirmed" and ev.interview]
    assert confirmed
    who_wrong = [lab["file"] for lab, ev in confirmed if ev.interview
                 and {a.email for a in ev.interview.interviewers if a.email} != set(lab["interview"]["interviewers"])]
    end_wrong = [lab["file"] for lab, ev in confirmed if ev.interview
                 and ev.interview.end != datetime.fromisoformat(lab["interview"]["end"])]
    print(f"interviewers right {1 - len(who_wrong) / len(confirmed):.0%}, end right {1 - len(end_wrong) / len(confirmed):.0%}")
    assert len(who_wrong) <= 0.15 * len(confirmed), who_wrong
    assert len(end_wrong) <= 0.10 * len(confirmed), end_wrong


def test_stated_timelines(results: list[tuple[dict[str, Any], Event]]) -> None:
    """The date an employer (or an out-of-office reply) says they will be back by."""
    labelled = [(lab, ev) for lab, ev in results if lab.get("stated_timeline")]
    assert labelled
    wrong = [(lab["file"], ev.stated_timeline and ev.stated_timeline.isoformat(), lab["stated_timeline"])
             for lab, ev in labelled if (ev.stated_timeline and ev.stated_timeline.isoformat()) != lab["stated_timeline"]]
    invented = [lab["file"] for lab, ev in results if not lab.get("stated_timeline") and ev.stated_timeline
                and lab["kind"] == "employer_reply"]
    print(f"stated timelines right {1 - len(wrong) / len(labelled):.0%}; invented on {len(invented)} replies")
    assert len(wrong) <= 0.2 * len(labelled), wrong
    assert len(invented) <= 1, invented


def test_no_lookalike_is_an_interview(results: list[tuple[dict[str, Any], Event]]) -> None:
    bad = [(lab["file"], ev.kind.value) for lab, ev in results
           if lab.get("category") == "lookalike" and ev.kind.value in INTERVIEW_KINDS]
    assert bad == []


def test_direction_matches(results: list[tuple[dict[str, Any], Event]]) -> None:
    bad = [lab["file"] for lab, ev in results if ev.direction.value != lab["direction"]]
    assert bad == []


def test_kinds_overall(results: list[tuple[dict[str, Any], Event]]) -> None:
    """Overall agreement is printed; the per-kind floors above are the contract."""
    wrong = Counter((lab["kind"], ev.kind.value) for lab, ev in results if lab["kind"] != ev.kind.value)
    share = 1 - sum(wrong.values()) / len(results)
    print(f"kind agreement {share:.2%}; confusions {dict(wrong)}")
    assert share >= 0.75


def _header_block(raw: bytes) -> bytes:
    for sep in (b"\r\n\r\n", b"\n\n"):
        i = raw.find(sep)
        if i >= 0:
            return raw[:i]
    return raw


def test_prefilter_keeps_every_interview_and_sent_message() -> None:
    rejected = []
    for lab in _labels():
        if lab["kind"] in INTERVIEW_KINDS or lab["direction"] == "sent" or lab.get("category") == "positive":
            raw = (DATA / lab["file"]).read_bytes()
            if not prefilter(_header_block(raw), ClassifierSettings(me=tuple(lab["me"]))):
                rejected.append(lab["file"])
    assert rejected == []
