"""Gmail sync cost against the local fake with a realistic mailbox: figures only, no assertions.

Prints quota units per 1,000 messages of first sync (target <= 1,000; a raw message-by-message
sync as lieer does costs about 5,050), HTTP requests and units per idle poll (target 1 and 2),
an incremental poll with new mail, and the backend's peak memory. The fake runs in a child
process so its memory is not counted. Run: `.venv/bin/python -m bench.gmail_sync [--messages N]`.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import time
import tracemalloc
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from typing import Any

from watcher.backends.gmail import ClientSecrets, GmailBackend, make_credentials
from watcher.classify import prefilter
from watcher.models import ClassifierSettings

ME = "me@example.com"


def _serve(conn: Connection, total: int, now_ts: float) -> None:
    """Child process: the fake with a seeded mailbox, driven by small commands over a pipe."""
    from tests.gmail_fake import GmailFake
    from tests.gmail_mailbox import generated, seed

    fake = GmailFake(email_address=ME).start()
    t0 = time.perf_counter()
    seeded = seed(fake, total, datetime.fromtimestamp(now_ts, UTC))
    conn.send({"url": fake.api_endpoint, "batch": fake.batch_uri, "token": fake.token_uri,
               "in_window": seeded.in_window, "total": len(fake._messages),
               "sent": seeded.sent, "positives": len(seeded.positives),
               "seed_seconds": time.perf_counter() - t0})
    import random

    rng = random.Random(1)
    while True:
        cmd, arg = conn.recv()
        if cmd == "reset":
            fake.reset_counters()
            conn.send(None)
        elif cmd == "counters":
            conn.send({"units": fake.quota_units, "requests": sum(fake.request_counts().values()),
                       "calls": dict(fake.call_counts()), "sends": len(fake.send_attempts)})
        elif cmd == "add":
            for _ in range(arg):
                fake.add_message(generated(rng, datetime.now(UTC)))
            conn.send(None)
        elif cmd == "stop":
            fake.stop()
            conn.send(None)
            return


class _VirtualWait:
    """The limiter's clock: waits are added up instead of slept (reported as such)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset

    def sleep(self, seconds: float) -> None:
        self.offset += seconds


def _ask(conn: Connection, cmd: str, arg: Any = None) -> Any:
    conn.send((cmd, arg))
    return conn.recv()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--messages", type=int, default=10_000)
    args = ap.parse_args(argv)
    now = datetime.now(UTC)
    parent, child = mp.Pipe()
    proc = mp.get_context("fork").Process(target=_serve, args=(child, args.messages,
                                                                 now.timestamp()), daemon=True)
    proc.start()
    info = parent.recv()
    print(f"mailbox: {info['total']:,} messages ({info['in_window']:,} in the 180-day window, "
          f"{info['sent']:,} sent, {info['positives']} labelled interview messages), "
          f"seeded in {info['seed_seconds']:.1f}s")
    wait = _VirtualWait()
    creds = make_credentials(ClientSecrets("bench", "bench", info["token"]), "1//bench")
    backend = GmailBackend("bench", creds, api_endpoint=info["url"], batch_uri=info["batch"],
                           monotonic=wait, sleep=wait.sleep)
    settings = ClassifierSettings(me=(ME,))

    def is_candidate(headers: bytes) -> bool:
        return prefilter(headers, settings)

    backend.email_address()  # the token refresh and first connection, outside the figures
    _ask(parent, "reset")
    tracemalloc.start()
    t0 = time.perf_counter()
    batch = backend.sync(None, is_candidate)
    wall = time.perf_counter() - t0
    _cur, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    c = _ask(parent, "counters")
    per_k = c["units"] * 1000 / info["in_window"]
    raw_bytes = sum(len(m.raw or b"") for m in batch.messages)
    print("\nfirst sync")
    print(f"  quota units: {c['units']:,} = {per_k:.0f} per 1,000 messages in the window "
          f"(target <= 1,000; message-by-message raw: ~5,050, {5050 / per_k:.1f}x more)")
    print(f"  calls: {c['calls']}")
    print(f"  HTTP requests: {c['requests']}  listed {batch.stats['listed']:,}, query matches "
          f"{batch.stats['query_hits']:,}, sent {batch.stats['sent']:,}, fetched "
          f"{batch.stats['fetched']:,} ({100 * batch.stats['fetched'] / info['in_window']:.1f}%), "
          f"reported with raw {batch.stats['candidates']:,}")
    print(f"  wall time against the local fake: {wall:.1f}s; client-side limiter wait "
          f"(virtual) {backend.limiter.waited:.1f}s at <= {backend.limiter.limit:.0f} units/s")
    print(f"  peak Python memory during sync: {peak / 2**20:.1f} MiB (raw bytes kept: "
          f"{raw_bytes / 2**20:.1f} MiB); process max RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    _ask(parent, "reset")
    idle = backend.sync(batch.cursor, is_candidate)
    c = _ask(parent, "counters")
    print(f"\nidle poll: {c['requests']} HTTP request(s), {c['units']} units "
          f"(target: 1 request, 2 units); messages {len(idle.messages)}")

    _ask(parent, "add", 50)
    _ask(parent, "reset")
    inc = backend.sync(idle.cursor, is_candidate)
    c = _ask(parent, "counters")
    print(f"poll after 50 new messages: {c['requests']} HTTP requests, {c['units']} units, "
          f"{inc.stats['looked_at']} header looks, {inc.stats['fetched']} fetched whole")
    if c["sends"]:
        print(f"!! {c['sends']} send attempts reached the fake")
    backend.close()
    _ask(parent, "stop")
    proc.join(5)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
