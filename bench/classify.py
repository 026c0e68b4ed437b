"""Speed of parse + classify over the real negatives, and the share the header prefilter rejects.

Run: .venv/bin/python bench/classify.py [rounds]  (needs ../shared/corpus). Prints figures;
asserts nothing. Each figure is the best of `rounds` passes (default 3), in messages per second
of this process's CPU time (one core; other work on a shared machine does not count against it)
and of wall-clock time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from watcher.classify import classify, prefilter
from watcher.errors import MessageError
from watcher.models import ClassifierSettings
from watcher.parse import parse

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _header_block(raw: bytes) -> bytes:
    cut = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return raw[: min(cut)] if cut else raw


def _best(rounds: int, fn: Callable[[], None]) -> tuple[float, float]:
    """The smallest CPU and wall seconds `fn` took over `rounds` runs."""
    cpu, wall = float("inf"), float("inf")
    for _ in range(rounds):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - w0)
    return cpu, wall


def main() -> int:
    """Print msg/s for parse alone, parse + classify, the prefilter, and prefilter + the rest."""
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    files = sorted((CORPUS / "negatives").rglob("*.eml")) + sorted((CORPUS / "enron").rglob("*.eml"))
    raws = [f.read_bytes() for f in files]
    settings = ClassifierSettings()
    n = len(raws)

    def parse_only() -> None:
        for raw in raws:
            try:
                parse(raw)
            except MessageError:
                continue

    def full() -> None:
        for raw in raws:
            try:
                msg = parse(raw)
            except MessageError:
                continue
            classify(msg, settings)

    rejected = sum(1 for raw in raws if not prefilter(_header_block(raw), settings))

    def prefiltered() -> None:
        for raw in raws:
            if not prefilter(_header_block(raw), settings):
                continue
            try:
                classify(parse(raw), settings)
            except MessageError:
                continue

    def prefilter_only() -> None:
        for raw in raws:
            prefilter(_header_block(raw), settings)

    p_cpu, p_wall = _best(rounds, parse_only)
    f_cpu, f_wall = _best(rounds, full)
    pf_cpu, pf_wall = _best(rounds, prefilter_only)
    r_cpu, r_wall = _best(rounds, prefiltered)
    print(f"messages: {n} (best of {rounds}; msg/s of CPU time, wall clock in brackets)")
    print(f"parse alone: {n / p_cpu:,.0f} msg/s ({n / p_wall:,.0f})")
    print(f"parse + classify, no prefilter: {n / f_cpu:,.0f} msg/s ({n / f_wall:,.0f}); "
          f"parse {p_cpu / f_cpu:.0%} of the time, classify {1 - p_cpu / f_cpu:.0%}")
    print(f"prefilter alone: {n / pf_cpu:,.0f} msg/s ({n / pf_wall:,.0f}); rejects {rejected}/{n} = {rejected / n:.1%}")
    print(f"prefilter, then parse + classify of the rest: {n / r_cpu:,.0f} msg/s ({n / r_wall:,.0f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
