"""IMAP benchmark against a real Dovecot on 127.0.0.1 (needs dovecot-imapd).

Loads N messages (default 20,000: real mail from ../shared/corpus when present, cycled with
unique Message-IDs, plus the labelled interview mail), then measures in one run:
  - raw imapclient `BODY.PEEK[HEADER]` FETCH throughput (the baseline),
  - the watcher's own IMAP path alone (headers only; then with the candidates fetched whole),
    nothing classified, for where time goes,
  - `watcher scan`'s first sync (a real subprocess) on the same server, and the ratio,
  - round trips of an idle poll, per folder,
  - APPEND -> state change latency under IDLE (p50, p90),
  - peak memory (max RSS) of the scan process, and of it with its worker processes.
Figures only; nothing is asserted. Usage: python bench/imap_scan.py [--messages N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.dovecot import DovecotServer, dovecot_binary, make_message  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"


def mailbox(n: int, synthetic: bool = False) -> list[bytes]:
    """N raw messages: real corpus mail cycled (unique Message-IDs) and labelled interview mail;
    with `synthetic`, small generated messages (as the field notes' baseline) instead of corpus."""
    sources: list[bytes] = []
    if CORPUS.is_dir() and not synthetic:
        for sub in ("negatives", "enron"):
            sources += [p.read_bytes() for p in sorted((CORPUS / sub).rglob("*.eml"))]
    labelled = sorted((REPO / "tests" / "data" / "labelled").glob("*.eml"))
    positives = [p.read_bytes() for p in labelled]
    if not sources:
        sources = [make_message(i) for i in range(2000)]
    out: list[bytes] = []
    for i in range(n):
        raw = positives[i // 100] if i % 100 == 0 and i // 100 < len(positives) else sources[i % len(sources)]
        out.append(f"Message-ID: <bench-{i}@bench.example>\r\n".encode() + raw)
    return out


def raw_header_fetch(server: DovecotServer) -> tuple[int, float]:
    """Baseline: every header of INBOX with plain imapclient, in 1,000-UID chunks."""
    c = server.client()
    t = time.perf_counter()
    c.select_folder("INBOX", readonly=True)  # type: ignore[attr-defined]
    uids = c.search(["ALL"])  # type: ignore[attr-defined]
    n = 0
    for i in range(0, len(uids), 1000):
        n += len(c.fetch(uids[i:i + 1000], ["BODY.PEEK[HEADER]"]))  # type: ignore[attr-defined]
    dt = time.perf_counter() - t
    c.logout()  # type: ignore[attr-defined]
    return n, dt


def backend_pass(cfg: Path, bodies: bool = False) -> tuple[int, int, float]:
    """The watcher's own IMAP path without classification, in this process: a first sync of
    INBOX and Sent that keeps no message as a candidate (headers only), or with `bodies` the
    scan's header check choosing which whole messages to fetch (nothing parsed after).
    (messages, whole messages fetched, seconds)."""
    from watcher.backends.imap import ImapBackend
    from watcher.classify import prefilter
    from watcher.config import load_config

    config = load_config(cfg)
    settings = config.classify
    backend = ImapBackend.from_config(config.accounts[0])
    backend.folders()  # connect, log in, LIST: outside the timing, as for the baseline
    t = time.perf_counter()
    batch = backend.sync(None, (lambda h: prefilter(h, settings)) if bodies else (lambda _h: False))
    dt = time.perf_counter() - t
    backend.close()
    return len(batch.messages), sum(m.raw is not None for m in batch.messages), dt


def write_config(base: Path, server: DovecotServer) -> Path:
    cfg = base / "config.toml"
    cfg.write_text(
        "[me]\nname = \"Alex Wong\"\naddresses = [\"alex@example.com\", \"alex.wong@gmail.com\"]\n\n"
        "[schedule]\ntimezone = \"America/New_York\"\n\n"
        f"[state]\npath = \"{base / 'state.db'}\"\n\n"
        "[[accounts]]\nname = \"bench\"\nbackend = \"imap\"\nhost = \"127.0.0.1\"\n"
        f"port = {server.port}\nsecurity = \"none\"\nusername = \"{server.user}\"\n"
        f"password_command = \"printf {server.password}\"\n"
        # every seeded message arrived now, so the default 180-day window keeps them all;
        # set wide anyway so the figure is always a whole-folder first sync
        "sync_window_days = 36500\n"
    )
    return cfg


def _tree_rss_kib(root: int) -> tuple[int, int, int]:
    """(peak RSS of `root`, sum of the peak RSS of `root` and of each descendant, the tree's
    proportional set size now), KiB, from /proc: VmHWM's sum bounds the tree's peak from above
    (a page the processes share counts in each); the PSS sum counts each shared page once, as
    the service's cgroup (systemd's MemoryCurrent) would, but only at this sample."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            status = (d / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parent[int(d.name)] = int(fields.get("PPid", "0"))
        rss[int(d.name)] = int(fields.get("VmHWM", "0 kB").split()[0])
    tree, todo = {root}, [root]
    while todo:
        pid = todo.pop()
        kids = [c for c, pp in parent.items() if pp == pid and c not in tree]
        tree.update(kids)
        todo += kids
    pss = 0
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        m = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        pss += int(m.group(1)) if m else 0
    return rss.get(root, 0), sum(rss.get(p, 0) for p in tree), pss


def scan(cfg: Path) -> tuple[float, tuple[int, int, int], str]:
    """`watcher scan` as a real process: wall time, its own peak RSS, the bound on its whole
    process tree's peak (the classifier's worker processes included) and the tree's largest
    sampled PSS, KiB, and its summary line."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(cfg), "scan",
                             "--no-progress"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks = [0, 0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for i, kib in enumerate(_tree_rss_kib(proc.pid)):
                peaks[i] = max(peaks[i], kib)
            done.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    out, err = proc.communicate()
    dt = time.perf_counter() - t
    done.set()
    th.join()
    if proc.returncode != 0:
        print(out, err, file=sys.stderr)
    # Peaks read from /proc while it runs (RUSAGE_CHILDREN would report the largest of it, its
    # workers and any child this benchmark waited for before)
    return dt, (peaks[0], peaks[1], peaks[2]), out.strip().splitlines()[-1] if out else err


def idle_poll_round_trips(cfg: Path) -> dict[str, int]:
    """Round trips of one more sync when nothing changed (the cursor from the first scan)."""
    from watcher.config import load_config
    from watcher.live import LiveEngine

    live = LiveEngine(load_config(cfg))
    try:
        live.run_pass(datetime.now(timezone.utc))  # warm: connection, folders, drafts cache
        backend = live.engine.backends["bench"]
        live.run_pass(datetime.now(timezone.utc))
        return dict(getattr(backend, "last_stats", {}))
    finally:
        live.close()


def idle_latency(cfg: Path, server: DovecotServer, rounds: int) -> list[float]:
    """APPEND on another connection -> IDLE wakes -> pass -> message stored; seconds each."""
    from watcher.config import load_config
    from watcher.live import LiveEngine

    live = LiveEngine(load_config(cfg))
    (push,) = live.push_sources()
    out: list[float] = []
    try:
        live.run_pass(datetime.now(timezone.utc))
        push.wait_for_change(0.1)  # enter IDLE
        for i in range(rounds):
            before = live.engine.store.message_count()
            box: dict[str, float] = {}

            def append(i: int = i, box: dict[str, float] = box) -> None:
                time.sleep(0.05)
                box["t"] = time.perf_counter()
                server.append("INBOX", [make_message(900_000 + i, subject=f"Lunch {i}")])

            th = threading.Thread(target=append)
            th.start()
            changed = push.wait_for_change(10.0)
            th.join()
            live.run_pass(datetime.now(timezone.utc))
            if changed and live.engine.store.message_count() > before:
                out.append(time.perf_counter() - box["t"])
    finally:
        live.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument("--idle-rounds", type=int, default=20)
    ap.add_argument("--synthetic", action="store_true",
                    help="small generated messages instead of real corpus mail")
    args = ap.parse_args()
    binary = dovecot_binary()
    if binary is None:
        print("dovecot is not installed (apt-get install dovecot-imapd)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="watcher-bench-") as tmp:
        base = Path(tmp)
        server = DovecotServer(binary)
        server.start()
        try:
            msgs = mailbox(args.messages, args.synthetic)
            t = time.perf_counter()
            server.write_maildir("INBOX", msgs)
            server.write_maildir("Sent", [])
            print(f"seeded {len(msgs):,} messages in {time.perf_counter() - t:.1f} s")
            raw_header_fetch(server)  # let Dovecot build its index first: not our cost
            n, raw_dt = raw_header_fetch(server)
            raw_rate = n / raw_dt
            print(f"raw imapclient header FETCH: {n:,} in {raw_dt:.2f} s = {raw_rate:,.0f} msg/s")
            cfg = write_config(base, server)
            hn, _, hdt = backend_pass(cfg)
            print(f"watcher's IMAP path, headers only (no classification): {hn:,} in {hdt:.2f} s = "
                  f"{hn / hdt:,.0f} msg/s ({hn / hdt / raw_rate:.2f} of raw)")
            bn, whole, bdt = backend_pass(cfg, bodies=True)
            print(f"watcher's IMAP path, headers + the {whole:,} candidates whole (nothing parsed): "
                  f"{bn:,} in {bdt:.2f} s = {bn / bdt:,.0f} msg/s ({bn / bdt / raw_rate:.2f} of raw)")
            scan_dt, (rss_kib, tree_kib, pss_kib), summary = scan(cfg)
            scan_rate = len(msgs) / scan_dt
            print(f"watcher scan, first sync:   {len(msgs):,} in {scan_dt:.2f} s = "
                  f"{scan_rate:,.0f} msg/s ({summary})")
            print(f"ratio scan / raw: {scan_rate / raw_rate:.2f} (target >= 0.5)")
            print(f"peak memory of the scan process: {rss_kib / 1024:.0f} MB (target < 150 MB); "
                  f"with its worker processes at most {tree_kib / 1024:.0f} MB (sum of their peaks), "
                  f"{pss_kib / 1024:.0f} MB at the largest sample of their PSS (shared pages once)")
            stats = idle_poll_round_trips(cfg)
            print(f"idle poll: {stats} (target: at most 2 round trips per folder)")
            lat = idle_latency(cfg, server, args.idle_rounds)
            if lat:
                lat.sort()
                p90 = lat[int(0.9 * (len(lat) - 1))]
                print(f"APPEND -> state change under IDLE: p50 {statistics.median(lat) * 1000:.0f} ms, "
                      f"p90 {p90 * 1000:.0f} ms over {len(lat)} (target p50 < 2 s)")
            else:
                print("APPEND -> state change under IDLE: no wake-ups measured")
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
