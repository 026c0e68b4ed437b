"""Benchmark: `watcher simulate` end to end on a generated mbox.

Generates a deterministic mbox (default 10,000 messages, 200 interview processes: requests,
the user's answers, confirmations, reschedules, employer replies, rejections, offers and the
user's own thank-yous, among newsletters, notifications, receipts and friends' mail), runs
`python -m watcher simulate --assume-sent --json` on it in a child process, and prints
messages/s end to end and the child's peak memory. Targets: >= 300 messages/s, < 200 MB.

    python bench/simulate.py [--messages N] [--processes P] [--keep DIR] [--profile]
"""

from __future__ import annotations

import argparse
import mailbox
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")
ME = "alex.wong@gmail.com"
ME_H = f"Alex Wong <{ME}>"
COMPANIES = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Northwind",
             "Brightline", "Corvid", "Kestrel", "Sierra", "Lumen", "Tessera", "Meridian",
             "Halcyon", "Orbital", "Fathom", "Quanta", "Zephyr", "Nimbus", "Parallax", "Beacon",
             "Driftwood", "Tallow", "Wayfarer", "Cobalt", "Juniper", "Mosaic", "Lattice", "Ember"]
ROLES = ["Backend Engineer", "Data Analyst", "Product Designer", "QA Engineer",
         "Machine Learning Engineer", "Support Engineer", "Content Strategist", "Cloud Engineer",
         "Technical Writer", "Data Scientist", "Frontend Developer", "Site Reliability Engineer",
         "Product Manager", "Security Analyst", "Mobile Developer"]
FIRST = ["Jane", "Tom", "Maya", "Luis", "Sarah", "Dana", "Omar", "Lisa", "Ben", "Carla",
         "Helen", "Jonas", "Rachel", "Nina", "Owen", "Chloe", "Victor", "Grace", "Olivia", "Greg"]
LAST = ["Doe", "Reed", "Chen", "Ortega", "Kim", "Lee", "Haddad", "Park", "Carter", "Mendes",
        "Marsh", "Weber", "Adams", "Alvarez", "Price", "Bennett", "Huang", "Liu", "Grant", "Holt"]
NOISE = [
    ("LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>", "30 new jobs for you",
     "New jobs match your preferences. See all jobs on LinkedIn."),
    ("The Weekly Dev <newsletter@weeklydev.io>", "This week: 10 interview questions",
     "Our editors picked the best articles of the week. Unsubscribe at any time."),
    ("GitHub <notifications@github.com>", "[repo] Issue #{n} opened",
     "A new issue was opened in your repository."),
    ("Shop <orders@shop.example>", "Your order #{n} has shipped",
     "Thank you for your order. Track your package online."),
    ("Pat Friend <pat.friend@gmail.com>", "Dinner on Friday?",
     "Hey Alex, are you free for dinner on Friday at 7? Pat"),
    ("Bank <alerts@bank.example>", "Your statement is ready", "Your monthly statement is ready."),
]


_SYL = ["ka", "lo", "ve", "ri", "zan", "tor", "mi", "qua", "bel", "dex", "no", "sa", "vin",
        "rox", "pel", "ta", "gu", "fen", "lar", "o"]


def _name(i: int) -> str:
    """A made-up company name, unique per i."""
    a, b, c = i % 20, (i // 20) % 20, (i // 400) % 20
    return (_SYL[a] + _SYL[b] + _SYL[c]).capitalize() + "ix"


def _mail(sender: str, to: str, subject: str, when: datetime, body: str, mid: str,
          in_reply_to: str | None = None, extra: str = "") -> bytes:
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}",
             f"Date: {format_datetime(when)}", f"Message-ID: {mid}"]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    if extra:
        lines.append(extra)
    lines += ["MIME-Version: 1.0", 'Content-Type: text/plain; charset="UTF-8"', "", body, ""]
    return "\n".join(lines).encode()


def _slot(d: datetime) -> str:
    end = d + timedelta(hours=1)
    return (f"{d:%A}, {d:%B} {d.day}, {d.year}, {d:%I:%M %p}".replace(" 0", " ")
            + f" - {end:%I:%M %p} {d.tzname()}".replace(" 0", " "))


def process_mail(i: int, rng: random.Random, t0: datetime) -> list[tuple[datetime, bytes]]:
    """The messages of one interview process."""
    company = COMPANIES[i] if i < len(COMPANIES) else _name(i)
    domain = company.lower().replace(" ", "") + ".com"
    role = ROLES[rng.randrange(len(ROLES))]
    who = f"{FIRST[rng.randrange(20)]} {LAST[rng.randrange(20)]}"
    addr = f"{who.split()[0].lower()}.{who.split()[1].lower()}@{domain}"
    person = f"{who} <{addr}>"
    out: list[tuple[datetime, bytes]] = []
    t = t0 + timedelta(days=rng.randrange(300), hours=rng.randrange(8, 17))
    mid0 = f"<p{i}.0@{domain}>"
    out.append((t, _mail(person, ME_H, f"{role} at {company} - interview availability", t,
                         f"Hi Alex,\n\nThank you for applying to the {role} role at {company}. "
                         "I would like to schedule a one-hour video interview with you next "
                         f"week. Could you send me two or three times that work for you?\n\n"
                         f"Best regards,\n{who}\n{company}", mid0)))
    t1 = t + timedelta(hours=3)
    mid1 = f"<a{i}.1@mail.gmail.com>"
    out.append((t1, _mail(ME_H, person, f"Re: {role} at {company} - interview availability", t1,
                          "Hi,\n\nThank you! Tuesday afternoon or Wednesday morning would work "
                          "well for me.\n\nBest regards,\nAlex Wong", mid1, mid0)))
    start = (t + timedelta(days=rng.randrange(5, 12))).replace(hour=rng.randrange(9, 17),
                                                               minute=0)
    t2 = t1 + timedelta(days=1)
    mid2 = f"<p{i}.2@{domain}>"
    out.append((t2, _mail(person, ME_H, f"Re: {role} at {company} - interview availability", t2,
                          f"Hi Alex,\n\nYour interview for the {role} role at {company} is "
                          f"confirmed.\n\n  Date and time: {_slot(start)}\n  Format: video call"
                          f"\n  Interviewer: {person}\n\nBest regards,\n{who}\n{company}",
                          mid2, mid1)))
    end = start + timedelta(hours=1)
    if rng.random() < 0.4:
        t3 = end + timedelta(minutes=40)
        out.append((t3, _mail(ME_H, person, f"Thank you for the {role} interview", t3,
                              f"Dear {who.split()[0]},\n\nThank you for taking the time to "
                              f"discuss the {role} role with me today.\n\nBest regards,\nAlex",
                              f"<a{i}.3@mail.gmail.com>")))
    fate = rng.random()
    t4 = end + timedelta(days=rng.randrange(3, 40), hours=1)
    if fate < 0.25:
        out.append((t4, _mail(person, ME_H, f"Re: {role} at {company} - interview availability",
                              t4, "Hi Alex,\n\nThank you for your time. After careful "
                              "consideration, we have decided not to move forward with your "
                              f"application.\n\nBest regards,\n{who}", f"<p{i}.4@{domain}>",
                              mid2)))
    elif fate < 0.35:
        out.append((t4, _mail(person, ME_H, f"Offer - {role} at {company}", t4,
                              f"Hi Alex,\n\nWe are delighted to offer you the {role} position "
                              f"at {company}. The offer letter is attached.\n\nBest,\n{who}",
                              f"<p{i}.4@{domain}>", mid2)))
    elif fate < 0.6:
        out.append((t4, _mail(person, ME_H, f"Re: {role} at {company} - interview availability",
                              t4, "Hi Alex,\n\nThanks for your patience. We are still meeting "
                              f"candidates and will get back to you soon.\n\nBest,\n{who}",
                              f"<p{i}.4@{domain}>", mid2)))
    return out


def generate(path: Path, n_messages: int, n_processes: int, seed: int = 7) -> int:
    """Write the mbox; returns the number of messages."""
    rng = random.Random(seed)
    t0 = datetime(2026, 1, 5, 9, 0, tzinfo=NY)
    items: list[tuple[datetime, bytes]] = []
    for i in range(n_processes):
        items += process_mail(i, rng, t0)
    k = 0
    while len(items) < n_messages:
        sender, subject, body = NOISE[k % len(NOISE)]
        when = t0 + timedelta(minutes=rng.randrange(60 * 24 * 330))
        extra = "List-Unsubscribe: <mailto:unsub@example.com>" if "noreply" in sender or \
            "newsletter" in sender else ""
        items.append((when, _mail(sender, ME_H, subject.format(n=k), when, body,
                                  f"<n{k}@noise.example>", extra=extra)))
        k += 1
    items.sort(key=lambda x: x[0])
    box = mailbox.mbox(str(path))
    box.lock()
    try:
        for _, raw in items[:n_messages]:
            box.add(raw)
        box.flush()
    finally:
        box.unlock()
        box.close()
    return min(len(items), n_messages)


def main() -> int:
    """Generate, run, print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=10_000)
    ap.add_argument("--processes", type=int, default=200)
    ap.add_argument("--keep", metavar="DIR", help="write the mbox here and keep it")
    ap.add_argument("--profile", action="store_true", help="run under cProfile, print the top")
    args = ap.parse_args()
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="watcher-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    box = tmp / "bench.mbox"
    if box.exists():
        box.unlink()
    t = time.perf_counter()
    n = generate(box, args.messages, args.processes)
    print(f"generated {n} messages ({args.processes} processes) in "
          f"{time.perf_counter() - t:.1f} s: {box} ({box.stat().st_size / 1e6:.1f} MB)")
    cmd = [sys.executable, "-m", "watcher", "simulate", "--mbox", str(box), "--me", ME,
           "--tz", "America/New_York", "--assume-sent", "--json"]
    if args.profile:
        cmd = [sys.executable, "-m", "cProfile", "-s", "cumulative", *cmd[1:]]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={
        "HOME": str(tmp), "PATH": "/usr/bin:/bin", "TZ": "UTC"}, check=False)
    elapsed = time.perf_counter() - t
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        print(proc.stderr, file=sys.stderr)
        return 1
    if args.profile:
        print("\n".join(proc.stdout.splitlines()[-0:][:0]))
        lines = [ln for ln in proc.stdout.splitlines() if not ln.startswith("{")]
        print("\n".join(lines[:45]))
    drafts = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    processes = {ln.split('"process": "')[1].split('"')[0] for ln in drafts}
    print(f"simulate: {n} messages -> {len(drafts)} drafts in {len(processes)} processes")
    print(f"time end to end: {elapsed:.2f} s  ->  {n / elapsed:,.0f} messages/s "
          f"(target >= 300)")
    print(f"peak memory (child max RSS): {max(peak_kb, before) / 1024:.0f} MB (target < 200)")
    if not args.keep:
        box.unlink()
        tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
