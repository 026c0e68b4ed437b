"""Writes each scenario's mailbox.mbox from the short descriptions below (deterministic output).

Run `python tests/scenarios/build_mboxes.py` after editing a scenario's mail; the expected drafts
(expected.json) are written by hand from the policy and are never generated.
"""

from __future__ import annotations

import hashlib
import quopri
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, formataddr
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent

NY = "America/New_York"
ALEX = ("Alex Wong", "alex.wong@gmail.com")


@dataclass
class Mail:
    """One message of a scenario; `when` is local time in `zone`."""

    key: str  # stable seed for the Message-ID and the name other mails refer to
    frm: tuple[str, str]
    to: list[tuple[str, str]]
    when: str  # "2026-10-06 14:00"
    subject: str
    body: str
    zone: str = NY
    cc: list[tuple[str, str]] = field(default_factory=list)
    reply_to_key: str | None = None  # In-Reply-To (and References) the message with this key
    headers: list[tuple[str, str]] = field(default_factory=list)
    ics: str | None = None  # a text/calendar part (the method is read from it)


def message_id(scenario: str, key: str, domain: str) -> str:
    """A stable Message-ID in the style of the sending system."""
    h = hashlib.sha1(f"{scenario}/{key}".encode()).hexdigest()
    if domain == "gmail.com":
        return f"<CA+{h[:20]}{h[20:32].upper()}@mail.gmail.com>"
    return f"<{h[:12]}.{h[12:20]}@{domain}>"


def _addr(a: tuple[str, str]) -> str:
    return formataddr(a, charset="utf-8")


def _body_part(text: str, ctype: str = "text/plain") -> tuple[list[str], str]:
    if text.isascii():
        return ([f'Content-Type: {ctype}; charset="UTF-8"', "Content-Transfer-Encoding: 7bit"], text)
    enc = quopri.encodestring(text.encode("utf-8")).decode("ascii")
    return ([f'Content-Type: {ctype}; charset="UTF-8"', "Content-Transfer-Encoding: quoted-printable"], enc)


def render(scenario: str, mail: Mail, ids: dict[str, str], threads: dict[str, list[str]]) -> tuple[str, bytes]:
    """The mbox 'From ' line and the RFC 5322 bytes of one message."""
    when = datetime.strptime(mail.when, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(mail.zone))
    domain = mail.frm[1].rpartition("@")[2]
    mid = message_id(scenario, mail.key, domain)
    ids[mail.key] = mid
    refs: list[str] = []
    if mail.reply_to_key:
        refs = [*threads[mail.reply_to_key], ids[mail.reply_to_key]]
    threads[mail.key] = refs
    subject = mail.subject
    if not subject.isascii():
        from email.header import Header

        subject = Header(subject, "utf-8").encode()
    lines = [
        f"Return-Path: <{mail.frm[1]}>",
        f"From: {_addr(mail.frm)}",
        f"To: {', '.join(_addr(a) for a in mail.to)}",
    ]
    if mail.cc:
        lines.append(f"Cc: {', '.join(_addr(a) for a in mail.cc)}")
    lines += [f"Subject: {subject}", f"Date: {format_datetime(when)}", f"Message-ID: {mid}"]
    if mail.reply_to_key:
        lines.append(f"In-Reply-To: {ids[mail.reply_to_key]}")
        lines.append(f"References: {' '.join(refs)}")
    lines += [f"{k}: {v}" for k, v in mail.headers]
    lines.append("MIME-Version: 1.0")
    if mail.ics is None:
        hdrs, body = _body_part(mail.body)
        text = "\n".join(lines + hdrs) + "\n\n" + body.rstrip("\n") + "\n"
    else:
        boundary = "000000000000" + hashlib.md5(mid.encode()).hexdigest()[:16]
        method = "REQUEST"
        for ln in mail.ics.splitlines():
            if ln.startswith("METHOD:"):
                method = ln.split(":", 1)[1]
        h1, b1 = _body_part(mail.body)
        ics = mail.ics.strip("\n").replace("\n", "\r\n") + "\r\n"
        parts = [
            f"--{boundary}\n" + "\n".join(h1) + "\n\n" + b1.rstrip("\n") + "\n",
            f"--{boundary}\n"
            f'Content-Type: text/calendar; charset="UTF-8"; method={method}\n'
            "Content-Transfer-Encoding: 7bit\n\n" + ics,
        ]
        lines.append(f'Content-Type: multipart/alternative; boundary="{boundary}"')
        text = "\n".join(lines) + "\n\n" + "".join(parts) + f"--{boundary}--\n"
    utc = when.astimezone(UTC)
    from_line = f"From {mail.frm[1]} {utc:%a %b} {utc.day:2d} {utc:%H:%M:%S %Y}"  # asctime
    # mboxrd: quote body lines that would look like a separator
    body_lines = [(">" + ln if ln.lstrip(">").startswith("From ") else ln) for ln in text.split("\n")]
    return from_line, "\n".join(body_lines).encode("utf-8")


def write_mbox(scenario: str, mails: list[Mail]) -> None:
    """Write tests/scenarios/<scenario>/mailbox.mbox."""
    ids: dict[str, str] = {}
    threads: dict[str, list[str]] = {}
    out = bytearray()
    for mail in mails:
        from_line, raw = render(scenario, mail, ids, threads)
        out += from_line.encode() + b"\n" + raw + b"\n"
    folder = HERE / scenario
    folder.mkdir(exist_ok=True)
    (folder / "mailbox.mbox").write_bytes(bytes(out))
    listing = "\n".join(f"{k} {v}" for k, v in ids.items())
    print(f"{scenario}: {len(mails)} messages\n  " + listing.replace("\n", "\n  "))


def sig(name: str, company: str, title: str = "") -> str:
    """An employee's signature block."""
    return f"\nBest regards,\n{name}\n{title + ', ' if title else ''}{company}\n"


ALEX_SIG = "\nBest regards,\nAlex Wong\n+1 555 0100\nalex.wong@gmail.com\n"


def confirmation(role: str, company: str, when_text: str, fmt: str, who: str, extra: str = "") -> str:
    """The body of a plain 'interview confirmed' mail."""
    return (
        f"Hi Alex,\n\n"
        f"Your interview for the {role} role at {company} is confirmed.\n\n"
        f"  Date and time: {when_text}\n"
        f"  Format: {fmt}\n"
        f"  {who}\n"
        f"{extra}\n"
        f"Please let me know if anything changes on your side.\n"
    )


def ics_event(uid: str, seq: int, method: str, start_utc: str, end_utc: str, summary: str,
              organizer: tuple[str, str], attendees: list[tuple[str, str]], status: str = "CONFIRMED") -> str:
    """A minimal, valid iCalendar object as Google Calendar sends it (times in UTC)."""
    att = "\n".join(
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN={n}:mailto:{e}"
        for n, e in attendees
    )
    return f"""BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:{method}
BEGIN:VEVENT
DTSTART:{start_utc}
DTEND:{end_utc}
DTSTAMP:20261101T120000Z
ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}
UID:{uid}
{att}
CREATED:20261101T120000Z
DESCRIPTION:{summary}
LAST-MODIFIED:20261101T120000Z
LOCATION:Video call
SEQUENCE:{seq}
STATUS:{status}
SUMMARY:{summary}
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""


# ---------------------------------------------------------------------------- scenarios


def s01() -> None:
    jane = ("Jane Doe", "jane.doe@acme.com")
    write_mbox("01-no-stated-timeline", [
        Mail("req", jane, [ALEX], "2026-09-28 09:40", "Backend Engineer at Acme - interview availability",
             "Hi Alex,\n\nThank you for applying to the Backend Engineer role at Acme. I would like to "
             "schedule a one-hour video interview with you next week. Could you send me two or three "
             "times that work for you?\n"
             + sig("Jane Doe", "Acme")),
        Mail("avail", ALEX, [jane], "2026-09-28 12:05", "Re: Backend Engineer at Acme - interview availability",
             "Hi Jane,\n\nThank you! Tuesday afternoon or Wednesday morning would work well for me.\n" + ALEX_SIG, reply_to_key="req"),
        Mail("conf", jane, [ALEX], "2026-09-29 10:12", "Re: Backend Engineer at Acme - interview availability",
             confirmation("Backend Engineer", "Acme", "Tuesday, October 6, 2026, 2:00 PM - 3:00 PM EDT",
                          "video call (Google Meet: https://meet.google.com/qxa-mfrt-kdw)",
                          "Interviewer: Jane Doe <jane.doe@acme.com>")
             + sig("Jane Doe", "Acme"), reply_to_key="avail"),
    ])


def s02() -> None:
    maya = ("Maya Chen", "maya.chen@brightline.io")
    write_mbox("02-in-touch-next-tuesday", [
        Mail("conf", maya, [ALEX], "2026-10-09 11:20", "Product Designer interview confirmed - Thursday, October 15",
             confirmation("Product Designer", "Brightline", "Thursday, October 15, 2026, 10:00 AM - 11:00 AM EDT",
                          "in person, Brightline, 200 Hudson Street, 5th floor, New York",
                          "You will meet with Tom Reed <tom.reed@brightline.io>.")
             + sig("Maya Chen", "Brightline", "Recruiter")),
        Mail("timeline", maya, [ALEX], "2026-10-16 09:30", "Re: Product Designer interview confirmed - Thursday, October 15",
             "Hi Alex,\n\nThank you for coming in yesterday to meet Tom. The team is finishing the "
             "remaining interviews this week, and we'll be in touch next Tuesday with next steps.\n"
             + sig("Maya Chen", "Brightline", "Recruiter"), reply_to_key="conf"),
    ])


def s03() -> None:
    sarah = ("Sarah Kim", "sarah.kim@corvid.io")
    write_mbox("03-own-thank-you", [
        Mail("conf", sarah, [ALEX], "2026-11-04 15:02", "Phone screen confirmed: Data Analyst at Corvid",
             confirmation("Data Analyst", "Corvid", "Monday, November 9, 2026, 11:00 AM - 11:30 AM EST (30 minutes)",
                          "phone screen; I will call you at +1 555 0100",
                          "Interviewer: Sarah Kim <sarah.kim@corvid.io>")
             + sig("Sarah Kim", "Corvid")),
        Mail("ty", ALEX, [sarah], "2026-11-09 12:10", "Thank you for the Data Analyst interview",
             "Dear Sarah,\n\nThank you for taking the time to discuss the Data Analyst role with me today. "
             "I especially enjoyed our conversation about how your team moved its reporting to dbt, and it "
             "reinforced my enthusiasm for the role: my experience building tested SQL pipelines would let me "
             "contribute from the first week.\n\nI'm excited about the possibility of joining Corvid. Please "
             "don't hesitate to contact me if you need any additional information.\n" + ALEX_SIG),
    ])


def s04() -> None:
    luis = ("Luis Ortega", "luis.ortega@northwind.com")
    write_mbox("04-rejection-after-check-in", [
        Mail("conf", luis, [ALEX], "2026-10-01 16:45", "Interview confirmed: QA Engineer - Wednesday, October 7 at 3:00 PM EDT",
             confirmation("QA Engineer", "Northwind", "Wednesday, October 7, 2026, 3:00 PM - 4:00 PM EDT",
                          "video call (Zoom: https://northwind.zoom.us/j/8845120931)",
                          "Interviewer: Luis Ortega <luis.ortega@northwind.com>")
             + sig("Luis Ortega", "Northwind")),
        Mail("reject", luis, [ALEX], "2026-10-19 10:05", "Re: Interview confirmed: QA Engineer - Wednesday, October 7 at 3:00 PM EDT",
             "Hi Alex,\n\nThank you for your patience and for your note last week. After careful "
             "consideration, we have decided to move forward with another candidate for the QA Engineer "
             "role. We were impressed by your testing background and would be glad to stay in touch for "
             "future openings.\n\nI wish you all the best in your search.\n" + sig("Luis Ortega", "Northwind"),
             reply_to_key="conf"),
    ])


def s05() -> None:
    dana = ("Dana Lee", "dana.lee@globex.com")
    write_mbox("05-panel-of-three", [
        Mail("conf", dana, [ALEX], "2026-10-15 14:30", "Panel interview confirmed: Site Reliability Engineer - Thursday, October 22",
             "Hi Alex,\n\nYour panel interview for the Site Reliability Engineer role at Globex is confirmed.\n\n"
             "  Date and time: Thursday, October 22, 2026, 1:00 PM - 2:30 PM EDT (90 minutes)\n"
             "  Format: in person, panel interview, Globex, 55 Water Street, New York\n"
             "  Panel:\n"
             "    - Raj Patel <raj.patel@globex.com>\n"
             "    - Emily Stone <emily.stone@globex.com>\n"
             "    - Marco Rossi <marco.rossi@globex.com>\n\n"
             "Please bring a photo ID for the front desk.\n" + sig("Dana Lee", "Globex", "Talent Acquisition")),
    ])


def s06() -> None:
    kevin = ("Kevin Brooks", "kevin.brooks@initech.com")
    write_mbox("06-friday-evening-interview", [
        Mail("conf", kevin, [ALEX], "2026-10-19 13:15", "Interview confirmed: Frontend Developer at Initech - Friday, October 23, 4:00 PM PDT",
             confirmation("Frontend Developer", "Initech", "Friday, October 23, 2026, 4:00 PM - 5:00 PM PDT (Pacific Time)",
                          "video call (Zoom: https://initech.zoom.us/j/5512093382)",
                          "Interviewer: Kevin Brooks <kevin.brooks@initech.com>",
                          "\nThanks for taking a late slot on a Friday; I know it is evening on the East Coast.\n")
             + sig("Kevin Brooks", "Initech"), zone="America/Los_Angeles"),
    ])


def s07() -> None:
    omar = ("Omar Haddad", "omar.haddad@umbrella.io")
    subj = "Interview confirmed: Machine Learning Engineer - Tuesday, November 3"
    write_mbox("07-second-round", [
        Mail("conf1", omar, [ALEX], "2026-10-28 11:00", subj,
             confirmation("Machine Learning Engineer", "Umbrella", "Tuesday, November 3, 2026, 10:00 AM - 11:00 AM EST",
                          "video call (Google Meet: https://meet.google.com/ytr-powe-akd)",
                          "You will meet with Lisa Park <lisa.park@umbrella.io>.")
             + sig("Omar Haddad", "Umbrella", "Recruiter")),
        Mail("next", omar, [ALEX], "2026-11-05 14:20", "Re: " + subj,
             "Hi Alex,\n\nGood news: Lisa enjoyed your conversation, and the team would like to invite you "
             "to a second-round interview with Ben Carter, our Head of Applied ML. Could you share a few "
             "times that work for you next week?\n" + sig("Omar Haddad", "Umbrella", "Recruiter"), reply_to_key="conf1"),
        Mail("avail", ALEX, [omar], "2026-11-05 16:02", "Re: " + subj,
             "Hi Omar,\n\nThat is great to hear. I am available on Thursday, November 12, any time after 1:00 PM EST.\n"
             + ALEX_SIG, reply_to_key="next"),
        Mail("conf2", omar, [ALEX], "2026-11-06 09:15", "Re: " + subj,
             "Hi Alex,\n\nYour second-round interview for the Machine Learning Engineer role at Umbrella is confirmed.\n\n"
             "  Date and time: Thursday, November 12, 2026, 2:00 PM - 3:00 PM EST\n"
             "  Format: in person, Umbrella, 1 Liberty Plaza, 30th floor, New York\n"
             "  You will meet with Ben Carter <ben.carter@umbrella.io>.\n"
             + sig("Omar Haddad", "Umbrella", "Recruiter"), reply_to_key="avail"),
    ])


def s08() -> None:
    bulk = [("Precedence", "bulk")]
    write_mbox("08-noise-only", [
        Mail("alert", ("LinkedIn Job Alerts", "jobalerts-noreply@linkedin.com"), [ALEX], "2026-10-05 07:02",
             "Backend Engineer: 12 new jobs in New York, NY",
             "Your job alert for Backend Engineer in New York, NY\n\n12 new jobs match your preferences.\n\n"
             "Backend Engineer - Vireo - New York, NY (Hybrid)\nSenior Backend Engineer - Tallow - Remote\n\n"
             "See all jobs: https://www.linkedin.com/jobs/search/?keywords=backend\n\n"
             "Unsubscribe: https://www.linkedin.com/e/v2?e=unsub\n",
             headers=[("List-Unsubscribe", "<https://www.linkedin.com/e/v2?e=unsub>"), *bulk]),
        Mail("news", ("The Muse", "newsletter@themuse.com"), [ALEX], "2026-10-06 08:30",
             "5 questions to ask at the end of your next interview",
             "This week on The Muse: five questions that show you did your homework, how to negotiate "
             "a remote stipend, and what hiring managers say about thank-you notes.\n\n"
             "Read more: https://www.themuse.com/advice/questions-to-ask\n\n"
             "You are receiving this newsletter because you signed up at themuse.com. Unsubscribe: "
             "https://www.themuse.com/unsubscribe\n",
             headers=[("List-Id", "The Muse Weekly <weekly.themuse.com>"),
                      ("List-Unsubscribe", "<https://www.themuse.com/unsubscribe>"), *bulk]),
        Mail("gh", ("Mona Octo", "notifications@github.com"), [ALEX], "2026-10-07 15:41",
             "[octo/stagehand] Fix flaky retry test (PR #412)",
             "@mona-octo approved this pull request.\n\nLooks good to me, thanks for the fix.\n\n"
             "Reply to this email directly or view it on GitHub:\nhttps://github.com/octo/stagehand/pull/412\n",
             headers=[("List-Id", "octo/stagehand <stagehand.octo.github.com>"), ("X-GitHub-Reason", "author")]),
        Mail("ack", ("Vireo Careers", "no-reply@us.greenhouse-mail.io"), [ALEX], "2026-10-08 11:17",
             "Thank you for applying to Vireo",
             "Hi Alex,\n\nThank you for your interest in Vireo. We have received your application for the "
             "Backend Engineer position. Our team will review it, and we will contact you if your "
             "qualifications match our needs.\n\nThis is an automated message; please do not reply.\n",
             headers=[("Auto-Submitted", "auto-generated")]),
        Mail("receipt", ("Amazon.com", "auto-confirm@amazon.com"), [ALEX], "2026-10-09 19:22",
             "Your Amazon.com order of \"Designing Data-Intensive...\" has shipped",
             "Hello Alex,\n\nYour package is on its way. Order #113-4829011-2291842.\n\n"
             "Arriving Tuesday, October 13.\n", headers=[("Auto-Submitted", "auto-generated")]),
        Mail("friend", ("Sam Patel", "sam.patel87@gmail.com"), [ALEX], "2026-10-12 18:05", "Dinner Saturday?",
             "Hey Alex,\n\nAre you free for dinner on Saturday? Thinking of the ramen place on 9th.\n\nSam\n"),
        Mail("friend-re", ALEX, [("Sam Patel", "sam.patel87@gmail.com")], "2026-10-12 20:11", "Re: Dinner Saturday?",
             "Sounds great, 7 PM?\n\nAlex\n", reply_to_key="friend"),
    ])


def s09() -> None:
    carla = ("Carla Mendes", "carla.mendes@hooli.com")
    write_mbox("09-drafts-never-sent", [
        Mail("conf", carla, [ALEX], "2026-10-08 13:30", "Interview confirmed: DevOps Engineer at Hooli - Wednesday, October 14, 9:00 AM EDT",
             confirmation("DevOps Engineer", "Hooli", "Wednesday, October 14, 2026, 9:00 AM - 10:00 AM EDT",
                          "video call (Google Meet: https://meet.google.com/hoo-lidv-ops)",
                          "Interviewer: Carla Mendes <carla.mendes@hooli.com>")
             + sig("Carla Mendes", "Hooli")),
    ])


def s10() -> None:
    helen = ("Helen Marsh", "helen.marsh@vandelay.com")
    write_mbox("10-deleted-draft", [
        Mail("conf", helen, [ALEX], "2026-09-30 10:00", "Interview confirmed: Operations Analyst - Tuesday, October 6, 10:00 AM EDT",
             confirmation("Operations Analyst", "Vandelay", "Tuesday, October 6, 2026, 10:00 AM - 11:00 AM EDT",
                          "in person, Vandelay, 129 West 81st Street, New York",
                          "Interviewer: Helen Marsh <helen.marsh@vandelay.com>")
             + sig("Helen Marsh", "Vandelay")),
    ])


def s11() -> None:
    lena = ("Lena Müller", "lena.mueller@posteo.de")
    jonas = ("Jonas Weber", "jonas.weber@kestrel.de")
    write_mbox("11-dst-week-berlin", [
        Mail("conf", jonas, [lena], "2026-10-15 09:12", "Interview confirmed: Backend Developer at Kestrel - Thursday, 22 October, 14:00 CEST",
             "Hi Lena,\n\nYour interview for the Backend Developer role at Kestrel is confirmed.\n\n"
             "  Date and time: Thursday, 22 October 2026, 14:00 - 15:00 CEST (Berlin time)\n"
             "  Format: video call (Microsoft Teams, link to follow)\n"
             "  Interviewer: Jonas Weber <jonas.weber@kestrel.de>\n\n"
             "Please let me know if anything changes on your side.\n" + sig("Jonas Weber", "Kestrel"),
             zone="Europe/Berlin"),
    ])


def s12() -> None:
    rachel = ("Rachel Adams", "rachel.adams@sierra.io")
    write_mbox("12-us-holiday-thanksgiving", [
        Mail("conf", rachel, [ALEX], "2026-11-13 10:30", "Interview confirmed: Customer Success Specialist - Thursday, November 19, 1:00 PM EST",
             confirmation("Customer Success Specialist", "Sierra", "Thursday, November 19, 2026, 1:00 PM - 2:00 PM EST",
                          "video call (Zoom: https://sierra.zoom.us/j/7719203344)",
                          "Interviewer: Rachel Adams <rachel.adams@sierra.io>")
             + sig("Rachel Adams", "Sierra")),
    ])


def s13() -> None:
    nina = ("Nina Alvarez", "nina.alvarez@lumen.io")
    uid = "5q1b3o0m4kv2l7h9j8f6d1c0ae@google.com"
    summary = "Security Engineer interview - Alex Wong"
    write_mbox("13-reschedule", [
        Mail("inv", nina, [ALEX], "2026-11-02 09:05",
             "Invitation: Security Engineer interview - Alex Wong @ Thu Nov 5, 2026 3pm - 4pm (EST)",
             "Hi Alex,\n\nYour interview for the Security Engineer role at Lumen is confirmed for "
             "Thursday, November 5, 2026, 3:00 PM - 4:00 PM EST, by video call. I will be your interviewer.\n"
             + sig("Nina Alvarez", "Lumen"),
             ics=ics_event(uid, 0, "REQUEST", "20261105T200000Z", "20261105T210000Z", summary, nina, [nina, ALEX])),
        Mail("upd", nina, [ALEX], "2026-11-04 17:40",
             "Updated invitation: Security Engineer interview - Alex Wong @ Tue Nov 10, 2026 11am - 12pm (EST)",
             "Hi Alex,\n\nI'm sorry for the late change. Your interview for the Security Engineer role at "
             "Lumen has been rescheduled to Tuesday, November 10, 2026, 11:00 AM - 12:00 PM EST. The new "
             "time replaces Thursday's; the video link stays the same.\n" + sig("Nina Alvarez", "Lumen"),
             ics=ics_event(uid, 1, "REQUEST", "20261110T160000Z", "20261110T170000Z", summary, nina, [nina, ALEX])),
    ])


def s14() -> None:
    owen = ("Owen Price", "owen.price@tessera.com")
    uid = "7c2e9a41-0d3b-4f5e-9b1a-3e6f8d2c4b70@tessera.com"
    summary = "Solutions Engineer interview - Alex Wong"
    write_mbox("14-cancelled-not-rescheduled", [
        Mail("inv", owen, [ALEX], "2026-11-10 10:00",
             "Invitation: Solutions Engineer interview - Alex Wong @ Tue Nov 17, 2026 2pm - 3pm (EST)",
             "Hi Alex,\n\nYour interview for the Solutions Engineer role at Tessera is confirmed for "
             "Tuesday, November 17, 2026, 2:00 PM - 3:00 PM EST, by video call. I will be your interviewer.\n"
             + sig("Owen Price", "Tessera"),
             ics=ics_event(uid, 0, "REQUEST", "20261117T190000Z", "20261117T200000Z", summary, owen, [owen, ALEX])),
        Mail("cancel", owen, [ALEX], "2026-11-16 16:20",
             "Canceled event: Solutions Engineer interview - Alex Wong @ Tue Nov 17, 2026 2pm - 3pm (EST)",
             "Hi Alex,\n\nI'm sorry to let you know that we have to cancel tomorrow's interview: the "
             "Solutions Engineer position has been put on hold. I will reach out if it reopens.\n"
             + sig("Owen Price", "Tessera"),
             ics=ics_event(uid, 1, "CANCEL", "20261117T190000Z", "20261117T200000Z", summary, owen, [owen, ALEX],
                           status="CANCELLED")),
    ])


def s15() -> None:
    chloe = ("Chloe Bennett", "chloe.bennett@meridian.com")
    sam = ("Sam Rivera", "sam.rivera@meridian.com")
    write_mbox("15-offer", [
        Mail("conf", chloe, [ALEX], "2026-10-14 15:10", "Final interview confirmed: Software Engineer - Tuesday, October 20, 10:00 AM EDT",
             confirmation("Software Engineer", "Meridian", "Tuesday, October 20, 2026, 10:00 AM - 11:00 AM EDT",
                          "in person, final round, Meridian, 300 Park Avenue South, New York",
                          "Interviewer: Chloe Bennett <chloe.bennett@meridian.com>")
             + sig("Chloe Bennett", "Meridian")),
        Mail("offer", sam, [ALEX], "2026-10-23 16:00", "Your offer from Meridian - Software Engineer",
             "Hi Alex,\n\nOn behalf of the whole team, I am delighted to offer you the Software Engineer "
             "position at Meridian. Chloe and the panel were very impressed. Your formal offer letter, "
             "with the salary and start date we discussed, will arrive separately from our HR system for "
             "your signature.\n\nCongratulations, and welcome aboard!\n" + sig("Sam Rivera", "Meridian", "Recruiter")),
    ])


def s16() -> None:
    victor = ("Victor Huang", "victor.huang@halcyon.com")
    write_mbox("16-final-and-networking", [
        Mail("conf", victor, [ALEX], "2026-10-27 11:25", "Interview confirmed: Account Executive - Monday, November 2, 10:00 AM EST",
             confirmation("Account Executive", "Halcyon", "Monday, November 2, 2026, 10:00 AM - 11:00 AM EST",
                          "video call (Zoom: https://halcyon.zoom.us/j/6620194473)",
                          "Interviewer: Victor Huang <victor.huang@halcyon.com>")
             + sig("Victor Huang", "Halcyon")),
    ])


def s17() -> None:
    grace = ("Grace Liu", "grace.liu@orbital.io")
    write_mbox("17-max-follow-ups-2", [
        Mail("conf", grace, [ALEX], "2026-11-04 13:00", "Interview confirmed: Data Engineer at Orbital - Tuesday, November 10, 2:00 PM EST",
             confirmation("Data Engineer", "Orbital", "Tuesday, November 10, 2026, 2:00 PM - 3:00 PM EST",
                          "video call (Google Meet: https://meet.google.com/orb-data-eng)",
                          "Interviewer: Grace Liu <grace.liu@orbital.io>")
             + sig("Grace Liu", "Orbital")),
    ])


def s18() -> None:
    olivia = ("Olivia Grant", "olivia.grant@fathom.com")
    write_mbox("18-senior-role", [
        Mail("conf", olivia, [ALEX], "2026-10-08 10:40", "Interview confirmed: Senior Product Manager at Fathom - Wednesday, October 14, 11:00 AM EDT",
             confirmation("Senior Product Manager", "Fathom", "Wednesday, October 14, 2026, 11:00 AM - 12:00 PM EDT",
                          "video call (Zoom: https://fathom.zoom.us/j/4410298831)",
                          "Interviewer: Olivia Grant <olivia.grant@fathom.com>")
             + sig("Olivia Grant", "Fathom")),
    ])


def s19() -> None:
    denise = ("Denise Howard", "denise.howard@nasa.gov")
    write_mbox("19-government-employer", [
        Mail("conf", denise, [ALEX], "2026-10-01 14:00", "Interview confirmed: Software Engineer at NASA - Thursday, October 8, 1:00 PM EDT",
             confirmation("Software Engineer", "NASA", "Thursday, October 8, 2026, 1:00 PM - 2:00 PM EDT",
                          "video call (Microsoft Teams, link in the calendar invitation)",
                          "Interviewer: Denise Howard <denise.howard@nasa.gov>")
             + sig("Denise Howard", "NASA")),
    ])


def s20() -> None:
    greg = ("Greg Holt", "greg.holt@quanta.io")
    write_mbox("20-out-of-office-reply", [
        Mail("conf", greg, [ALEX], "2026-10-29 12:00", "Interview confirmed: Support Engineer at Quanta - Tuesday, November 3, 7:30 PM EST",
             confirmation("Support Engineer", "Quanta", "Tuesday, November 3, 2026, 7:30 PM - 8:30 PM EST",
                          "video call (Zoom: https://quanta.zoom.us/j/3318820045)",
                          "Interviewer: Greg Holt <greg.holt@quanta.io>",
                          "\nThank you for taking the evening slot you asked for.\n")
             + sig("Greg Holt", "Quanta")),
        Mail("ty", ALEX, [greg], "2026-11-04 07:45", "Thank you for the Support Engineer interview",
             "Dear Greg,\n\nThank you for taking the time last night to discuss the Support Engineer role with "
             "me. I especially enjoyed our conversation about your escalation runbooks, and it reinforced my "
             "enthusiasm for the role: my experience running a 24/7 support rotation would let me contribute "
             "right away.\n\nI'm excited about the possibility of joining Quanta. Please don't hesitate to "
             "contact me if you need any additional information.\n" + ALEX_SIG),
        Mail("ooo", greg, [ALEX], "2026-11-04 07:46", "Automatic reply: Thank you for the Support Engineer interview",
             "Thank you for your message. I am travelling to a conference and will be back in the office on "
             "Monday, November 9, with limited access to email until then.\n\nGreg Holt\nQuanta\n",
             reply_to_key="ty", headers=[("Auto-Submitted", "auto-replied"), ("X-Auto-Response-Suppress", "All")]),
    ])


def s21() -> None:
    hannah = ("Hannah Cole", "hannah.cole@zephyr.io")
    subj = "Interview confirmed: Content Strategist at Zephyr - Monday, November 2, 1:00 PM EST"
    write_mbox("21-timeline-update-new-date", [
        Mail("conf", hannah, [ALEX], "2026-10-27 15:30", subj,
             confirmation("Content Strategist", "Zephyr", "Monday, November 2, 2026, 1:00 PM - 2:00 PM EST",
                          "video call (Google Meet: https://meet.google.com/zep-hyrc-str)",
                          "Interviewer: Hannah Cole <hannah.cole@zephyr.io>")
             + sig("Hannah Cole", "Zephyr")),
        Mail("t1", hannah, [ALEX], "2026-11-04 11:10", "Re: " + subj,
             "Hi Alex,\n\nThank you again for Monday's conversation and for your kind note. We are "
             "speaking with a few more candidates and expect to have an update for you by "
             "Friday, November 13.\n" + sig("Hannah Cole", "Zephyr"), reply_to_key="conf"),
        Mail("t2", hannah, [ALEX], "2026-11-12 16:45", "Re: " + subj,
             "Hi Alex,\n\nA quick update: our decision has been pushed back because two of the panel are "
             "travelling. We now expect to get back to you by Tuesday, December 1. Thank you for your "
             "patience.\n" + sig("Hannah Cole", "Zephyr"), reply_to_key="t1"),
    ])


def s22() -> None:
    ethan = ("Ethan Moore", "ethan.moore@nimbus.io")
    write_mbox("22-hand-written-follow-up", [
        Mail("conf", ethan, [ALEX], "2026-10-29 09:50", "Interview confirmed: Cloud Engineer at Nimbus - Wednesday, November 4, 10:00 AM EST",
             confirmation("Cloud Engineer", "Nimbus", "Wednesday, November 4, 2026, 10:00 AM - 11:00 AM EST",
                          "video call (Google Meet: https://meet.google.com/nim-busc-lde)",
                          "Interviewer: Ethan Moore <ethan.moore@nimbus.io>")
             + sig("Ethan Moore", "Nimbus")),
        Mail("fu", ALEX, [ethan], "2026-11-10 09:30", "Following up on Cloud Engineer interview - Alex Wong",
             "Dear Ethan,\n\nI hope your week is going well. I am writing to follow up on my interview for the "
             "Cloud Engineer role last Wednesday. Since our talk about cold starts, I came across this write-up "
             "on snapshotting Lambda functions that you might find useful: "
             "https://aws.amazon.com/blogs/compute/snapstart. I remain very interested in the position. "
             "Could you share where the team is in its decision process?\n" + ALEX_SIG),
    ])


def s23() -> None:
    zoe = ("Zoe Martin", "zoe.martin@parallax.io")
    subj = "Interview confirmed: iOS Developer - Monday, November 9, 10:00 AM EST"
    write_mbox("23-employer-reply-restarts-wait", [
        Mail("conf", zoe, [ALEX], "2026-11-03 10:00", subj,
             confirmation("iOS Developer", "Parallax", "Monday, November 9, 2026, 10:00 AM - 11:00 AM EST",
                          "video call (Zoom: https://parallax.zoom.us/j/9012288475)",
                          "You will meet with Ian Scott <ian.scott@parallax.io>.")
             + sig("Zoe Martin", "Parallax", "Recruiter")),
        Mail("other", zoe, [ALEX], "2026-11-18 14:00", "Re: " + subj,
             "Hi Alex,\n\nThanks for checking in. The team is still meeting candidates, and I appreciate "
             "your patience. I will share news as soon as I have it.\n" + sig("Zoe Martin", "Parallax", "Recruiter"),
             reply_to_key="conf"),
    ])


def s24() -> None:
    laura = ("Laura Fischer", "laura.fischer@beacon.io")
    subj = "Interview confirmed: Technical Writer at Beacon - Tuesday, December 15, 3:00 PM EST"
    write_mbox("24-christmas-timeline-and-mlk", [
        Mail("conf", laura, [ALEX], "2026-12-09 10:00", subj,
             confirmation("Technical Writer", "Beacon", "Tuesday, December 15, 2026, 3:00 PM - 4:00 PM EST",
                          "video call (Google Meet: https://meet.google.com/bea-conw-rit)",
                          "Interviewer: Laura Fischer <laura.fischer@beacon.io>")
             + sig("Laura Fischer", "Beacon")),
        Mail("timeline", laura, [ALEX], "2026-12-16 09:40", "Re: " + subj,
             "Hi Alex,\n\nThank you for yesterday's conversation. We will make our decision before the "
             "holidays and will be in touch by Thursday, December 24.\n" + sig("Laura Fischer", "Beacon"),
             reply_to_key="conf"),
    ])


def s25() -> None:
    noah = ("Noah Bergman", "noah@driftwood.io")
    write_mbox("25-dst-fall-back-new-york", [
        Mail("conf", noah, [ALEX], "2026-10-27 18:20", "Interview confirmed: Full Stack Engineer at Driftwood - Saturday, October 31, 7:00 PM EDT",
             confirmation("Full Stack Engineer", "Driftwood", "Saturday, October 31, 2026, 7:00 PM - 8:00 PM EDT",
                          "video call (Google Meet: https://meet.google.com/dri-ftwo-odf)",
                          "Interviewer: Noah Bergman <noah@driftwood.io>",
                          "\nThanks for making time on a Saturday evening; the week is packed for both of us.\n")
             + sig("Noah Bergman", "Driftwood", "Co-founder")),
    ])


def s26() -> None:
    write_mbox("26-scheduler-sent-confirmation", [
        Mail("conf", ("Calendly", "notifications@calendly.com"), [ALEX], "2026-10-30 16:05",
             "Confirmed: Tallow - Data Scientist Interview (45 min) with Priya Shah on Thursday, November 5, 2026",
             "Hi Alex Wong,\n\nA new event has been scheduled.\n\n"
             "Event Type: Tallow - Data Scientist Interview (45 min)\n"
             "Event Host: Priya Shah (priya.shah@tallow.com)\n"
             "Date/Time: 2:00pm - 2:45pm (Eastern Time - US & Canada), Thursday, November 5, 2026\n"
             "Location: This is a Google Meet web conference. Join: https://meet.google.com/tal-lowd-sci\n\n"
             "Invitee: Alex Wong\nInvitee Email: alex.wong@gmail.com\n\nPowered by Calendly.com\n",
             headers=[("Reply-To", "priya.shah@tallow.com")]),
    ])


def s27() -> None:
    sofia = ("Sofia Reyes", "sofia.reyes@cobalt.io")
    write_mbox("27-user-sends-drafts-by-hand", [
        Mail("conf", sofia, [ALEX], "2026-11-04 10:20", "Interview confirmed: Platform Engineer at Cobalt - Tuesday, November 10, 1:00 PM EST",
             confirmation("Platform Engineer", "Cobalt", "Tuesday, November 10, 2026, 1:00 PM - 2:00 PM EST",
                          "video call (Google Meet: https://meet.google.com/cob-altp-lat)",
                          "Interviewer: Sofia Reyes <sofia.reyes@cobalt.io>")
             + sig("Sofia Reyes", "Cobalt")),
        Mail("ty", ALEX, [sofia], "2026-11-10 15:20", "Thank you for the Platform Engineer interview",
             "Dear Sofia,\n\nThank you for taking the time to discuss the Platform Engineer role with me today. "
             "I especially enjoyed our conversation about your migration to Kubernetes, and it reinforced my "
             "enthusiasm for the role: my experience running multi-tenant clusters would let me contribute "
             "quickly.\n\nI'm excited about the possibility of joining Cobalt. Please don't hesitate to "
             "contact me if you need any additional information.\n" + ALEX_SIG),
        Mail("fu", ALEX, [sofia], "2026-11-17 09:05", "Re: Thank you for the Platform Engineer interview",
             "Dear Sofia,\n\nI hope you are well. I am following up on my interview for the Platform Engineer "
             "role last Tuesday. Since we spoke about cluster upgrades, I wrote up a short checklist we used "
             "for zero-downtime upgrades: https://gist.github.com/alexwong/upgrade-checklist. I remain very "
             "interested in the role. Could you let me know the expected timing of the next steps?\n" + ALEX_SIG,
             reply_to_key="ty"),
    ])


def s28() -> None:
    paul = ("Paul Novak", "paul.novak@ridgeway.com")
    subj = "Interview confirmed: Financial Analyst at Ridgeway - Monday, November 30, 10:00 AM EST"
    write_mbox("28-conversation-is-not-a-step", [
        Mail("conf", paul, [ALEX], "2026-11-23 14:10", subj,
             confirmation("Financial Analyst", "Ridgeway", "Monday, November 30, 2026, 10:00 AM - 11:00 AM EST",
                          "in person, Ridgeway, 40 Wall Street, 12th floor, New York",
                          "Interviewer: Paul Novak <paul.novak@ridgeway.com>")
             + sig("Paul Novak", "Ridgeway")),
        Mail("ask", paul, [ALEX], "2026-12-02 11:30", "Re: " + subj,
             "Hi Alex,\n\nThanks for your note after Monday's interview. Could you send me the names and "
             "contact details of two professional references?\n" + sig("Paul Novak", "Ridgeway"),
             reply_to_key="conf"),
        Mail("refs", ALEX, [paul], "2026-12-03 17:10", "Re: " + subj,
             "Hi Paul,\n\nOf course. Here are my two references:\n\n"
             "  - Dana Whitfield, Finance Director at Larkspur, dana.whitfield@larkspur.com, +1 555 0142\n"
             "  - Omar Siddiqui, Controller at Brightwater, omar.siddiqui@brightwater.com, +1 555 0178\n\n"
             "Both know I may be in touch.\n" + ALEX_SIG, reply_to_key="ask"),
    ])


def s29() -> None:
    martin = ("Martin Osei", "martin.osei@bramwell.edu")
    write_mbox("29-academic-and-senior-do-not-stack", [
        Mail("conf", martin, [ALEX], "2026-10-06 09:30", "Interview confirmed: Lead Research Engineer at Bramwell - Tuesday, October 13, 10:00 AM EDT",
             confirmation("Lead Research Engineer", "Bramwell", "Tuesday, October 13, 2026, 10:00 AM - 11:00 AM EDT",
                          "video call (Zoom: https://bramwell.zoom.us/j/2290184471)",
                          "Interviewer: Martin Osei <martin.osei@bramwell.edu>")
             + sig("Martin Osei", "Bramwell")),
    ])


def s30() -> None:
    tara = ("Tara Singh", "tara.singh@fernwood.com")
    write_mbox("30-headless-is-not-head-and-own-holiday", [
        Mail("conf", tara, [ALEX], "2026-11-05 16:40", "Interview confirmed: Headless CMS Developer at Fernwood - Thursday, November 12, 11:00 AM EST",
             confirmation("Headless CMS Developer", "Fernwood", "Thursday, November 12, 2026, 11:00 AM - 12:00 PM EST",
                          "video call (Google Meet: https://meet.google.com/fer-nwoo-dcm)",
                          "Interviewer: Tara Singh <tara.singh@fernwood.com>")
             + sig("Tara Singh", "Fernwood")),
    ])


def s31() -> None:
    ruth = ("Ruth Adler", "ruth.adler@solstice.com")
    subj = "Interview confirmed: UX Researcher at Solstice - Monday, October 5, 2:00 PM EDT"
    write_mbox("31-far-timeline-final-after-second", [
        Mail("conf", ruth, [ALEX], "2026-09-29 11:45", subj,
             confirmation("UX Researcher", "Solstice", "Monday, October 5, 2026, 2:00 PM - 3:00 PM EDT",
                          "video call (Zoom: https://solstice.zoom.us/j/6612093354)",
                          "Interviewer: Ruth Adler <ruth.adler@solstice.com>")
             + sig("Ruth Adler", "Solstice")),
        Mail("timeline", ruth, [ALEX], "2026-10-06 10:15", "Re: " + subj,
             "Hi Alex,\n\nThank you for yesterday's conversation. Our hiring committee only meets once a "
             "month, so we expect to make a decision by November 13. I will be in touch then.\n"
             + sig("Ruth Adler", "Solstice"), reply_to_key="conf"),
    ])


def s32() -> None:
    noa = ("Noa Levi", "noa.levi@gmail.com")
    yael = ("Yael Cohen", "yael.cohen@koral.com")
    write_mbox("32-tel-aviv-own-quiet-hours-and-days", [
        Mail("conf", yael, [noa], "2026-11-05 09:20",
             "Interview confirmed: Backend Engineer at Koral - Thursday, November 12, 1:00 PM EST",
             "Hi Noa,\n\nYour interview for the Backend Engineer role at Koral is confirmed.\n\n"
             "  Date and time: Thursday, November 12, 2026, 1:00 PM - 2:00 PM EST (New York time)\n"
             "  Format: video call (Zoom: https://koral.zoom.us/j/4471029935)\n"
             "  Interviewer: Yael Cohen <yael.cohen@koral.com>\n\n"
             "I know this is evening in Tel Aviv; thank you for making it work.\n"
             + sig("Yael Cohen", "Koral")),
    ])


SCENARIOS = [s01, s02, s03, s04, s05, s06, s07, s08, s09, s10, s11, s12,
             s13, s14, s15, s16, s17, s18, s19, s20, s21, s22, s23, s24, s25, s26, s27, s28,
             s29, s30, s31, s32]

if __name__ == "__main__":
    for build in SCENARIOS:
        build()
