"""rules.Family: the literal gate before each regex search must never change a result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import watcher.rules as R
from watcher.errors import MessageError
from watcher.parse import parse

LABELLED = Path(__file__).parent / "data" / "labelled"
PROBES = Path(__file__).parent / "data" / "probes"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

FAMILIES: list[tuple[str, R.Family]] = sorted(
    [(n, v) for n, v in vars(R).items() if isinstance(v, R.Family)]
    + [(f"LOOKALIKE.{n}", v) for n, v in R.LOOKALIKE.items()]
)


def _same(fam: R.Family, text: str) -> bool:
    got, want = fam.search(text), fam.pattern.search(text.lower())
    spans = [m.span() for m in fam.finditer(text)], [m.span() for m in fam.pattern.finditer(text.lower())]
    return (got and got.span()) == (want and want.span()) and spans[0] == spans[1]


@pytest.mark.parametrize(("pattern", "anchors"), [
    (r"\b(?:job\s+)?offer\b", ("offer",)),
    (r"\binterview(?:s|ing)?\b|\bphone[- ]screen", ("screen", "interview")),
    (r"\b(?:first|final)[- ](?:round|call)s?\b", ("call", "round")),
    (r"^\s*cancel+ed\b", ("cance",)),
    (r"\b(?:ab|cd)\b", ("ab", "cd")),
    (r"\bx?\b", None),  # may match nothing at all: no literal it must contain
    (r"(?i)interview", None),  # IGNORECASE literals are not exact
    (r"[ab]c|d", ("c", "d")),  # a class splits literal runs; what follows still counts
    (r"[ab]+", None),
])
def test_anchors_are_literals_every_match_contains(pattern: str, anchors: tuple[str, ...] | None) -> None:
    assert R.anchors_of(re.compile(pattern)) == anchors


def test_most_families_are_gated() -> None:
    gated = [n for n, f in FAMILIES if f.anchors is not None]
    assert len(gated) >= len(FAMILIES) - 2


def _texts() -> list[str]:
    files = sorted(LABELLED.glob("*.eml")) + sorted(PROBES.glob("*.eml"))
    if CORPUS.is_dir():
        files += sorted((CORPUS / "enron").rglob("*.eml"))[:300]
        files += sorted((CORPUS / "negatives").rglob("*.eml"))[::10]
    out: list[str] = []
    for path in files:
        try:
            msg = parse(path.read_bytes())
        except MessageError:
            continue
        text = msg.text or ""
        out += [msg.subject or "", text[:20_000]]
        out += text.splitlines()[:40]
    return out


def _gate_is_sound(fam: R.Family, text: str) -> bool:
    """Where the gate lets a text through, Family.search runs the very pattern on the very
    lower-cased text (the same result by construction, and `_same` checks it on any text
    below); so on real mail what needs proving is that a text the gate keeps out has no match."""
    low = text.lower()
    return fam.anchors is None or any(a in low for a in fam.anchors) or fam.pattern.search(low) is None


def test_gated_search_equals_plain_search_on_real_and_labelled_mail() -> None:
    texts = _texts()
    assert len(texts) > 1000
    wrong = [(name, t[:80]) for t in texts for name, fam in FAMILIES if not _gate_is_sound(fam, t)]
    assert wrong == []
    kept_out = sum(fam.anchors is not None and not any(a in t.lower() for a in fam.anchors)
                   for t in texts[:2000] for _, fam in FAMILIES)
    assert kept_out > 10_000  # the gate did keep texts out: the check above checked something


_ANCHOR_WORDS = sorted({a for _, f in FAMILIES for a in (f.anchors or ())})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_ANCHOR_WORDS), st.sampled_from(
    [" ", "\n", "-", "'", "you", "we", "the", "next", "on", "is", "been", "to", "for", "Ä", "É",
     "\u0130", "schedule", "your", "interview", "role", "can", "call", "?", "."])), max_size=30))
def test_gated_search_equals_plain_search_on_any_text(words: list[str]) -> None:
    for sep in (" ", ""):
        text = sep.join(words)
        for name, fam in FAMILIES:
            assert _same(fam, text), (name, text)


def test_every_branch_of_every_family_starts_at_a_boundary() -> None:
    """A branch that starts with a letter or a look-behind instead of \\b or ^ makes re try the
    whole family at every position: TIMELINE_UPDATE went 4x slower with one "'ll hear" branch,
    OFFER 9x with look-behinds in front of "extend" (bench/classify.py: 996 -> 894 msg/s)."""
    from re import _constants as C  # type: ignore[attr-defined]
    from re import _parser as P  # type: ignore[attr-defined]

    def branches(pattern: str) -> list[list[tuple[object, object]]]:
        items = list(P.parse(pattern))
        while len(items) == 1 and items[0][0] is C.SUBPATTERN:
            items = list(items[0][1][3])
        if len(items) == 1 and items[0][0] is C.BRANCH:
            return [list(b) for b in items[0][1][1]]
        return [items]

    bad = [name for name, fam in FAMILIES for b in branches(fam.pattern.pattern)
           if not b or b[0][0] is not C.AT]
    assert bad == []
