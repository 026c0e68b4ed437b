"""Speed of parse + classify over the real negatives, and the share the header prefilter rejects.

Run: .venv/bin/python bench/classify.py  (needs ../shared/corpus). Prints figures; asserts nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from watcher.classify import classify, prefilter
from watcher.errors import MessageError
from watcher.models import ClassifierSettings
from watcher.parse import parse

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _header_block(raw: bytes) -> bytes:
    cut = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return raw[: min(cut)] if cut else raw


def main() -> int:
    """Print msg/s for parse+classify, with and without the prefilter, and its rejection share."""
    if not CORPUS.is_dir():
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 1
    files = sorted((CORPUS / "negatives").rglob("*.eml")) + sorted((CORPUS / "enron").rglob("*.eml"))
    raws = [f.read_bytes() for f in files]
    settings = ClassifierSettings()

    t0 = time.perf_counter()
    parse_time = 0.0
    for raw in raws:
        p0 = time.perf_counter()
        try:
            msg = parse(raw)
        except MessageError:
            continue
        parse_time += time.perf_counter() - p0
        classify(msg, settings)
    full = time.perf_counter() - t0

    t0 = time.perf_counter()
    rejected = 0
    for raw in raws:
        if not prefilter(_header_block(raw), settings):
            rejected += 1
            continue
        try:
            classify(parse(raw), settings)
        except MessageError:
            continue
    filtered = time.perf_counter() - t0

    t0 = time.perf_counter()
    for raw in raws:
        prefilter(_header_block(raw), settings)
    pf = time.perf_counter() - t0

    n = len(raws)
    print(f"messages: {n}")
    print(f"parse + classify: {n / full:,.0f} msg/s (parse {parse_time / full:.0%} of the time, classify {1 - parse_time / full:.0%})")
    print(f"prefilter alone: {n / pf:,.0f} msg/s; rejects {rejected}/{n} = {rejected / n:.1%}")
    print(f"prefilter, then parse + classify of the rest: {n / filtered:,.0f} msg/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
