"""Interview confirmations that are calendar invitations: Google Calendar, Outlook/Exchange, Apple."""

from __future__ import annotations

from mailkit import (
    ALEX,
    LENA,
    ME_ALEX,
    ME_LENA,
    ME_PRIYA,
    ME_SAM,
    PRIYA,
    SAM,
    Part,
    attach,
    bnd,
    calpart,
    html,
    htmlize,
    ics,
    iv,
    lab,
    message,
    multi,
    plain,
    q_word,
    rfcdate,
)


def google(seed: str, text: str, cal: str, method: str = "REQUEST") -> Part:
    """Google Calendar's layout: mixed[alternative[plain, html, calendar], invite.ics]."""
    inner = multi("alternative", [plain(text, "qp"), html(htmlize(text), "qp"),
                                  calpart(cal, method, "b64")], bnd(seed))
    return multi("mixed", [inner, attach("invite.ics", "application/ics", cal)], bnd(seed, 1))


def outlook(seed: str, text: str, cal: str, method: str = "REQUEST") -> Part:
    """Outlook/Exchange layout: alternative[plain, html, calendar (base64)]."""
    return multi("alternative", [plain(text, "qp"), html(htmlize(text), "qp"),
                                 calpart(cal, method, "b64")], bnd(seed))


OUTLOOK_HEADERS = ("Thread-Topic: {t}", "Thread-Index: AdtJq3kF0Vd1c2VyR0VTQ0tBQUE=",
                   "Content-Language: en-US", "X-MS-Has-Attach:", "X-MS-TNEF-Correlator:",
                   "X-MS-Exchange-Organization-SCL: -1")


def ms_headers(topic: str) -> tuple[str, ...]:
    """Typical Exchange headers."""
    return tuple(h.format(t=topic) for h in OUTLOOK_HEADERS)


TEAMS = """________________________________________________________________________________
Microsoft Teams meeting
Join on your computer, mobile app or room device
Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_NzU4%40thread.v2/0?context=%7b%22Tid%22%3a%22a1%22%7d>
Meeting ID: 284 119 620 311
Passcode: h7Vq2Z
Download Teams<https://www.microsoft.com/microsoft-teams/download-app> | Join on the web<https://www.microsoft.com/microsoft-teams/join-a-meeting>
Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams.microsoft.com/meetingOptions/>
________________________________________________________________________________
"""

# 1 Google Calendar, Meet, UTC times
f = "confirmed_gcal_video_01.eml"
t = """You have been invited to the following event.

Title: Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)
Hi Alex, looking forward to our conversation. We'll spend most of the hour on a coding exercise in CoderPad (link shared in the call), then leave time for your questions. - Ravi

When: Tuesday Dec 8, 2026 11am \u2013 12pm Eastern Time - New York

Joining info: Join with Google Meet
meet.google.com/vqa-mfbc-nzu

Join by phone
(US) +1 646-555-0140 PIN: 771 204 339#

Calendar: alex.wong@gmail.com
Who:
    * Ravi Menon - organizer
    * alex.wong@gmail.com

View all guest info https://calendar.google.com/calendar/event?action=VIEW&eid=N2Q0

Reply for alex.wong@gmail.com
Yes https://calendar.google.com/calendar/event?action=RESPOND&rst=1
No https://calendar.google.com/calendar/event?action=RESPOND&rst=2
Maybe https://calendar.google.com/calendar/event?action=RESPOND&rst=3

Invitation from Google Calendar https://calendar.google.com/calendar/

You are receiving this email because you are an attendee on the event. To stop receiving future updates for this event, decline this event.
"""
cal = ics(method="REQUEST", uid="7d4a1c0e9b2f@google.com", start="20261208T160000Z",
          end="20261208T170000Z",
          summary="Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)",
          organizer=("Ravi Menon", "ravi.menon@adatum.com"),
          attendees=[("Ravi Menon", "ravi.menon@adatum.com"), (ME_ALEX, ME_ALEX)],
          me_status={"ravi.menon@adatum.com": "ACCEPTED"},
          description="Hi Alex, looking forward to our conversation. -Ravi\n\nJoin with Google Meet: https://meet.google.com/vqa-mfbc-nzu",
          location="", stamp="20261130T151203Z")
message(f, frm="Ravi Menon <ravi.menon@adatum.com>",
        sender="Google Calendar <calendar-notification@google.com>", to=ME_ALEX,
        subject="Invitation: Alex Wong / A. Datum - Technical Interview (Senior Software Engineer) @ Tue Dec 8, 2026 11am - 12pm (EST) (alex.wong@gmail.com)",
        date=rfcdate("2026-11-30 15:12:03", "UTC"), domain="google.com", body=google(f, t, cal),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-08T11:00:00-05:00", "2026-12-08T12:00:00-05:00", "video",
            ["ravi.menon@adatum.com"], "Senior Software Engineer", "A. Datum", ["Ravi Menon"])))

# 2 Google Calendar, phone screen, TZID America/Los_Angeles
f = "confirmed_gcal_phone_01.eml"
t = """You have been invited to the following event.

Title: Phone screen: Priya Natarajan - Product Manager, Data Platform
Kim from the Fourth Coffee recruiting team will call you on the number from your resume. 30 minutes, mostly about your background and what you're looking for.

When: Wednesday Dec 2, 2026 1pm \u2013 1:30pm Pacific Time - Los Angeles
Where: Phone call (Kim calls Priya)

Calendar: priya.n@fastmail.com
Who:
    * Kim Lee - organizer
    * priya.n@fastmail.com

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="0sc3k2pq8l1f@google.com",
          start="TZID=America/Los_Angeles:20261202T130000",
          end="TZID=America/Los_Angeles:20261202T133000", tzid="America/Los_Angeles",
          summary="Phone screen: Priya Natarajan - Product Manager, Data Platform",
          organizer=("Kim Lee", "kim.lee@fourthcoffee.com"),
          attendees=[("Kim Lee", "kim.lee@fourthcoffee.com"), ("Priya Natarajan", ME_PRIYA)],
          location="Phone call (Kim calls Priya)")
message(f, frm="Kim Lee <kim.lee@fourthcoffee.com>", reply_to="kim.lee@fourthcoffee.com",
        to=PRIYA,
        subject="Invitation: Phone screen: Priya Natarajan - Product Manager, Data Platform @ Wed Dec 2, 2026 1pm - 1:30pm (PST) (priya.n@fastmail.com)",
        date=rfcdate("2026-11-25 18:33:20", "UTC"), domain="google.com", body=google(f, t, cal),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-02T13:00:00-08:00", "2026-12-02T13:30:00-08:00", "phone",
            ["kim.lee@fourthcoffee.com"], "Product Manager, Data Platform", "Fourth Coffee",
            ["Kim Lee"])))

# 3 Google Calendar, panel of three, TZID America/Chicago
f = "confirmed_gcal_panel_01.eml"
t = """You have been invited to the following event.

Title: Panel Interview - Sam Okafor - Senior DevOps Engineer
Sam, you'll meet three members of the Blue Yonder Airlines infrastructure team together. Expect a mix of a systems scenario and behavioural questions.

When: Thursday Dec 10, 2026 9am \u2013 10:30am Central Time - Chicago

Joining info: Join with Google Meet
meet.google.com/kdt-wpxs-rom

Calendar: sam.okafor@outlook.com
Who:
    * Olivia Grant - organizer
    * Deshawn Miller
    * Yuki Sato
    * sam.okafor@outlook.com

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="5qo1h8c2ur0b@google.com",
          start="TZID=America/Chicago:20261210T090000",
          end="TZID=America/Chicago:20261210T103000", tzid="America/Chicago",
          summary="Panel Interview - Sam Okafor - Senior DevOps Engineer",
          organizer=("Olivia Grant", "olivia.grant@blueyonderairlines.com"),
          attendees=[("Olivia Grant", "olivia.grant@blueyonderairlines.com"),
                     ("Deshawn Miller", "deshawn.miller@blueyonderairlines.com"),
                     ("Yuki Sato", "yuki.sato@blueyonderairlines.com"),
                     ("Sam Okafor", ME_SAM)],
          location="https://meet.google.com/kdt-wpxs-rom")
message(f, frm="Olivia Grant <olivia.grant@blueyonderairlines.com>", to=SAM,
        cc=["Deshawn Miller <deshawn.miller@blueyonderairlines.com>",
            "Yuki Sato <yuki.sato@blueyonderairlines.com>"],
        subject="Invitation: Panel Interview - Sam Okafor - Senior DevOps Engineer @ Thu Dec 10, 2026 9am - 10:30am (CST) (sam.okafor@outlook.com)",
        date=rfcdate("2026-12-02 20:05:44", "UTC"), domain="google.com", body=google(f, t, cal),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-10T09:00:00-06:00", "2026-12-10T10:30:00-06:00", "panel",
            ["olivia.grant@blueyonderairlines.com", "deshawn.miller@blueyonderairlines.com",
             "yuki.sato@blueyonderairlines.com"], "Senior DevOps Engineer",
            "Blue Yonder Airlines", ["Olivia Grant", "Deshawn Miller", "Yuki Sato"])))

# 4 Google Calendar, final round with the CEO (UTC times, Sender header variant)
f = "confirmed_gcal_final_01.eml"
t = """You have been invited to the following event.

Title: Final round: Alex Wong x Alpine Ski House (Engineering Lead)
Last conversation in the process - an open chat with Claire about the team and the roadmap.

When: Tuesday Dec 15, 2026 2pm \u2013 3pm Eastern Time - New York

Joining info: Join with Google Meet
meet.google.com/aps-hxqe-kyt

Calendar: alex.wong@gmail.com
Who:
    * Claire Dubois - organizer
    * alex.wong@gmail.com
    * Peter Haas - optional

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="2ma1c9xq7z3d@google.com", start="20261215T190000Z",
          end="20261215T200000Z",
          summary="Final round: Alex Wong x Alpine Ski House (Engineering Lead)",
          organizer=("Claire Dubois", "claire@alpineskihouse.com"),
          attendees=[("Claire Dubois", "claire@alpineskihouse.com"), (ME_ALEX, ME_ALEX),
                     ("Peter Haas", "peter.haas@alpineskihouse.com")],
          location="https://meet.google.com/aps-hxqe-kyt")
message(f, frm="\"Claire Dubois (Google Calendar)\" <calendar-notification@google.com>",
        reply_to="Claire Dubois <claire@alpineskihouse.com>", to=ME_ALEX,
        subject="Invitation: Final round: Alex Wong x Alpine Ski House (Engineering Lead) @ Tue Dec 15, 2026 2pm - 3pm (EST) (alex.wong@gmail.com)",
        date=rfcdate("2026-12-07 13:41:09", "UTC", gmt=True), domain="google.com",
        body=google(f, t, cal),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-15T14:00:00-05:00", "2026-12-15T15:00:00-05:00", "final",
            ["claire@alpineskihouse.com"], "Engineering Lead", "Alpine Ski House",
            ["Claire Dubois"]),
            note="Peter Haas is an optional attendee (assistant), not an interviewer."))

# 5 Apple Calendar invite with a floating DTSTART (read in the message's own offset)
f = "confirmed_apple_floating_01.eml"
t = """Hi Priya,

As discussed, here's an invite for our in-person chat about the Founding Data Scientist role at Relecloud. I'll be at the corner table at Sightglass (270 7th St, San Francisco) on Monday Dec 7 at 3pm. Coffee's on me.

Ben Okoro
Co-founder & CEO, Relecloud
"""
cal = ics(method="REQUEST", uid="C1A7E0F2-93B4-4D2A-9E61-0F6B1A2C3D4E", start="20261207T150000",
          end="20261207T160000", summary="Priya / Ben - Relecloud interview (coffee)",
          organizer=("Ben Okoro", "ben@relecloud.ai"),
          attendees=[("Ben Okoro", "ben@relecloud.ai"), ("Priya Natarajan", ME_PRIYA)],
          location="Sightglass Coffee, 270 7th St, San Francisco, CA", prodid="zoho",
          stamp="20261202T011500Z")
body = multi("mixed", [multi("alternative", [plain(t), calpart(cal, "REQUEST")], bnd(f)),
                       attach("invite.ics", "text/calendar", cal)], bnd(f, 1))
message(f, frm="Ben Okoro <ben@relecloud.ai>", to=PRIYA,
        subject="Invitation: Priya / Ben - Relecloud interview (coffee) @ Mon Dec 7, 3pm",
        date=rfcdate("2026-12-01 17:15:00", "America/Los_Angeles"), domain="relecloud.ai",
        headers=("X-Mailer: Apple Mail (2.3776.700.51)",), body=body,
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-07T15:00:00-08:00", "2026-12-07T16:00:00-08:00", "in_person",
            ["ben@relecloud.ai"], "Founding Data Scientist", "Relecloud", ["Ben Okoro"]),
            note="Floating DTSTART, read in the Date header's offset (-08:00)."))

# 6 Google Calendar update (reschedule), Europe/Berlin
f = "confirmed_gcal_reschedule_01.eml"
t = """This event has been changed.

Title: Interview Lena Müller / Fabrikam - Platform Engineer
Sorry for moving this - Jan had a conflict. Same link as before.

When: Changed: Monday 7 Dec 2026 11:00 \u2013 12:00 Central European Time - Berlin
(previously Friday 4 Dec 2026 10:00 \u2013 11:00)

Joining info: Join with Google Meet
meet.google.com/fbk-pqrs-ltm

Calendar: lena.mueller@posteo.de
Who:
    * Jan de Vries - organizer
    * lena.mueller@posteo.de

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="9fk2m1lq0v@google.com", start="TZID=Europe/Berlin:20261207T110000",
          end="TZID=Europe/Berlin:20261207T120000", tzid="Europe/Berlin", sequence=2,
          summary="Interview Lena Müller / Fabrikam - Platform Engineer",
          organizer=("Jan de Vries", "jan.devries@fabrikam.com"),
          attendees=[("Jan de Vries", "jan.devries@fabrikam.com"), ("Lena Müller", ME_LENA)],
          location="https://meet.google.com/fbk-pqrs-ltm", stamp="20261201T090000Z")
message(f, frm="Jan de Vries <jan.devries@fabrikam.com>", to=LENA,
        subject="Updated invitation: Interview Lena M\u00fcller / Fabrikam - Platform Engineer @ Mon 7 Dec 2026 11:00 - 12:00 (CET) (lena.mueller@posteo.de)",
        date=rfcdate("2026-12-01 10:00:00", "Europe/Berlin"), domain="google.com",
        body=google(f, t, cal),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-07T11:00:00+01:00", "2026-12-07T12:00:00+01:00", "video",
            ["jan.devries@fabrikam.com"], "Platform Engineer", "Fabrikam", ["Jan de Vries"]),
            note="Raw UTF-8 in Subject (as some clients send) on purpose."))

# 7 Google Calendar, in person, TZID America/New_York
f = "confirmed_gcal_inperson_01.eml"
t = """You have been invited to the following event.

Title: Onsite interview - Alex Wong (Staff Engineer, Claims Platform)
Please check in at the 12th floor reception and ask for Grace. Bring a photo ID.

When: Tuesday Nov 24, 2026 10am \u2013 11am Eastern Time - New York
Where: Humongous Insurance, 500 Boylston St, 12th Floor, Boston, MA 02116, USA

Calendar: alex.wong@gmail.com
Who:
    * Grace Liu - organizer
    * alex.wong@gmail.com

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="4hs8v0p1kq@google.com",
          start="TZID=America/New_York:20261124T100000",
          end="TZID=America/New_York:20261124T110000", tzid="America/New_York",
          summary="Onsite interview - Alex Wong (Staff Engineer, Claims Platform)",
          organizer=("Grace Liu", "grace.liu@humongousinsurance.com"),
          attendees=[("Grace Liu", "grace.liu@humongousinsurance.com"), (ME_ALEX, ME_ALEX)],
          location="Humongous Insurance, 500 Boylston St, 12th Floor, Boston, MA 02116, USA")
message(f, frm="Grace Liu <grace.liu@humongousinsurance.com>", to=ALEX,
        subject="Invitation: Onsite interview - Alex Wong (Staff Engineer, Claims Platform) @ Tue Nov 24, 2026 10am - 11am (EST) (alex.wong@gmail.com)",
        date=rfcdate("2026-11-18 14:02:00", "America/New_York"), domain="google.com",
        body=google(f, t, cal),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-11-24T10:00:00-05:00", "2026-11-24T11:00:00-05:00", "in_person",
            ["grace.liu@humongousinsurance.com"], "Staff Engineer, Claims Platform",
            "Humongous Insurance", ["Grace Liu"])))

# 8 Outlook, Eastern Standard Time, Teams
f = "confirmed_outlook_est_01.eml"
t = """Hi Sam,

Looking forward to speaking with you about the Senior Cloud Engineer opening on my team. We'll do about 45 minutes on your experience with Azure landing zones and then leave some time for your questions.

Thanks,
Rebecca Laszlo
Director, Cloud Infrastructure | Northwind Traders

""" + TEAMS
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E00800000000A0F4C2B0", prodid="exchange",
          start="TZID=Eastern Standard Time:20261204T130000",
          end="TZID=Eastern Standard Time:20261204T140000", tzid="Eastern Standard Time",
          summary="Interview: Sam Okafor - Senior Cloud Engineer",
          organizer=("Rebecca Laszlo", "rlaszlo@northwindtraders.com"),
          attendees=[("Sam Okafor", ME_SAM)], location="Microsoft Teams Meeting",
          description="Hi Sam, looking forward to speaking with you about the Senior Cloud Engineer opening.",
          extra=("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE", "X-MICROSOFT-CDO-IMPORTANCE:1"))
message(f, frm="Rebecca Laszlo <rlaszlo@northwindtraders.com>", to="Sam Okafor <sam.okafor@outlook.com>",
        subject="Interview: Sam Okafor - Senior Cloud Engineer",
        date=rfcdate("2026-11-27 10:21:37", "America/New_York"), domain="northwindtraders.com",
        headers=ms_headers("Interview: Sam Okafor - Senior Cloud Engineer"),
        body=outlook(f, t, cal), crlf=True,
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-04T13:00:00-05:00", "2026-12-04T14:00:00-05:00", "video",
            ["rlaszlo@northwindtraders.com"], "Senior Cloud Engineer", "Northwind Traders",
            ["Rebecca Laszlo"])))

# 9 Outlook, Pacific Standard Time, in person with two interviewers
f = "confirmed_outlook_pst_01.eml"
t = """Priya - confirming your onsite interview for the Analytics Manager role. You'll meet Joaquin and me back to back. Our office is at 1 Market St, Spear Tower, Suite 3600, San Francisco. Check in with reception on 36.

Thanks!
Hélène Girard
Consolidated Messenger
"""
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E00800000000C33D91", prodid="outlook",
          start="TZID=Pacific Standard Time:20261214T100000",
          end="TZID=Pacific Standard Time:20261214T120000", tzid="Pacific Standard Time",
          summary="Onsite Interview - Priya Natarajan (Analytics Manager)",
          organizer=("Hélène Girard", "helene.girard@consolidatedmessenger.com"),
          attendees=[("Priya Natarajan", ME_PRIYA),
                     ("Joaquin Ruiz", "joaquin.ruiz@consolidatedmessenger.com")],
          location="1 Market St, Spear Tower, Suite 3600, San Francisco, CA 94105")
message(f, frm=f"{q_word('Hélène Girard')} <helene.girard@consolidatedmessenger.com>",
        to=PRIYA, cc="Joaquin Ruiz <joaquin.ruiz@consolidatedmessenger.com>",
        subject="Onsite Interview - Priya Natarajan (Analytics Manager)",
        date=rfcdate("2026-12-04 16:48:00", "America/Los_Angeles"),
        domain="consolidatedmessenger.com",
        headers=ms_headers("Onsite Interview - Priya Natarajan (Analytics Manager)"),
        body=outlook(f, t, cal),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-14T10:00:00-08:00", "2026-12-14T12:00:00-08:00", "in_person",
            ["helene.girard@consolidatedmessenger.com", "joaquin.ruiz@consolidatedmessenger.com"],
            "Analytics Manager", "Consolidated Messenger", ["Hélène Girard", "Joaquin Ruiz"])))

# 10 Outlook, W. Europe Standard Time, panel
f = "confirmed_outlook_weu_panel_01.eml"
t = """Dear Lena,

Thank you for accepting our invitation. As agreed, your panel interview for the Data Engineer position will take place on Wednesday, 9 December 2026, 15:00-16:30 (CET) via Microsoft Teams. The panel: Matthias Keller (Head of Data), Sophie Laurent (Senior Data Engineer) and Luca Bianchi (Product Owner).

Best regards
Ursula Brunner
HR Business Partner, Alpine Ski House AG

""" + TEAMS
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E008000000004B1D2E", prodid="exchange",
          start="TZID=W. Europe Standard Time:20261209T150000",
          end="TZID=W. Europe Standard Time:20261209T163000", tzid="W. Europe Standard Time",
          summary="Panel Interview Data Engineer - Lena Müller",
          organizer=("Ursula Brunner", "ursula.brunner@alpineskihouse.ch"),
          attendees=[("Lena Müller", ME_LENA),
                     ("Matthias Keller", "matthias.keller@alpineskihouse.ch"),
                     ("Sophie Laurent", "sophie.laurent@alpineskihouse.ch"),
                     ("Luca Bianchi", "luca.bianchi@alpineskihouse.ch")],
          location="Microsoft Teams Meeting")
message(f, frm="Ursula Brunner <ursula.brunner@alpineskihouse.ch>", to=LENA,
        cc=["Matthias Keller <matthias.keller@alpineskihouse.ch>",
            "Sophie Laurent <sophie.laurent@alpineskihouse.ch>",
            "Luca Bianchi <luca.bianchi@alpineskihouse.ch>"],
        subject="Panel Interview Data Engineer - Lena M=?UTF-8?Q?=C3=BC?=ller".replace(
            "Lena M=?UTF-8?Q?=C3=BC?=ller", "=?UTF-8?Q?Lena_M=C3=BCller?="),
        date=rfcdate("2026-12-02 09:37:00", "Europe/Zurich"), domain="alpineskihouse.ch",
        headers=ms_headers("Panel Interview Data Engineer"),
        body=outlook(f, t, cal), crlf=True,
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-09T15:00:00+01:00", "2026-12-09T16:30:00+01:00", "panel",
            ["matthias.keller@alpineskihouse.ch", "sophie.laurent@alpineskihouse.ch",
             "luca.bianchi@alpineskihouse.ch"], "Data Engineer", "Alpine Ski House AG",
            ["Matthias Keller", "Sophie Laurent", "Luca Bianchi"]),
            note="The HR organiser is not on the panel."))

# 11 Outlook, GMT Standard Time, London office
f = "confirmed_outlook_gmt_01.eml"
t = """Hi Lena,

Please find the invitation for your interview at our London office on 10 Dec 2026, 11:00 GMT. You'll meet Oliver Bennett, our Engineering Manager for the Trade Data team. Reception is on the ground floor of 1 Canada Square, Canary Wharf - just give your name.

Safe travels,
Priya Sharma
Talent Acquisition | Wide World Importers
"""
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E00800000000913FF7", prodid="outlook",
          start="TZID=GMT Standard Time:20261210T110000",
          end="TZID=GMT Standard Time:20261210T120000", tzid="GMT Standard Time",
          summary="Interview: Lena Müller - Senior Software Engineer, Trade Data",
          organizer=("Priya Sharma", "priya.sharma@wideworldimporters.co.uk"),
          attendees=[("Lena Müller", ME_LENA),
                     ("Oliver Bennett", "oliver.bennett@wideworldimporters.co.uk")],
          location="1 Canada Square, Canary Wharf, London E14 5AB")
message(f, frm="Priya Sharma <priya.sharma@wideworldimporters.co.uk>", to=LENA,
        subject="Interview: Lena Müller - Senior Software Engineer, Trade Data".replace(
            "Lena Müller", "=?iso-8859-1?Q?Lena_M=FCller?="),
        date=rfcdate("2026-11-30 16:02:18", "Europe/London"),
        domain="wideworldimporters.co.uk",
        headers=ms_headers("Interview: Lena Mueller - Senior Software Engineer, Trade Data"),
        body=outlook(f, t, cal),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-10T11:00:00+00:00", "2026-12-10T12:00:00+00:00", "in_person",
            ["oliver.bennett@wideworldimporters.co.uk"], "Senior Software Engineer, Trade Data",
            "Wide World Importers", ["Oliver Bennett"]),
            note="The recruiter (organiser) sends it; the interviewer is Oliver."))

# 12 Outlook, India Standard Time: the evening before in the user's own zone
f = "confirmed_outlook_ist_01.eml"
t = """Hi Priya,

As discussed, sending the invite for your technical round with the Bengaluru analytics team for the Senior Data Scientist role. The time is 10:00 AM IST on Thursday 10 December, which should be 8:30 PM on Wednesday 9 December for you in California - thank you for taking a late slot!

Regards,
Arjun Mehta
Engineering Manager, VanArsdel

""" + TEAMS
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E0080000000077AA10", prodid="exchange",
          start="TZID=India Standard Time:20261210T100000",
          end="TZID=India Standard Time:20261210T110000", tzid="India Standard Time",
          summary="Technical Interview - Priya Natarajan - Senior Data Scientist",
          organizer=("Arjun Mehta", "arjun.mehta@vanarsdel.in"),
          attendees=[("Priya Natarajan", ME_PRIYA)], location="Microsoft Teams Meeting")
message(f, frm="Arjun Mehta <arjun.mehta@vanarsdel.in>", to=PRIYA,
        subject="Technical Interview - Priya Natarajan - Senior Data Scientist",
        date=rfcdate("2026-12-03 11:15:00", "Asia/Kolkata"), domain="vanarsdel.in",
        headers=ms_headers("Technical Interview - Priya Natarajan - Senior Data Scientist"),
        body=outlook(f, t, cal),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-10T10:00:00+05:30", "2026-12-10T11:00:00+05:30", "video",
            ["arjun.mehta@vanarsdel.in"], "Senior Data Scientist", "VanArsdel", ["Arjun Mehta"])))

# 13 Outlook, UTC times, university employer
f = "confirmed_outlook_utc_01.eml"
t = """Dear Alex,

Thank you for your application for the Research Software Engineer post. I am pleased to invite you to an interview with the selection committee, held over Teams, on Thursday 17 December 2026 at 10:00 AM Eastern (15:00 UTC). The interview will last approximately 90 minutes and will include a 15-minute presentation on a project of your choice.

The committee: Prof. Miriam Adler (chair), Dr. Kwame Mensah and Dr. Eva Novak.

With best wishes,
Harold Finch
Research Computing Services, Graphic Design Institute

""" + TEAMS
cal = ics(method="REQUEST", uid="040000008200E00074C5B7101A82E00800000000E1C0DE", prodid="exchange",
          start="20261217T150000Z", end="20261217T163000Z",
          summary="Interview - Research Software Engineer - Alex Wong",
          organizer=("Harold Finch", "h.finch@gdi.edu"),
          attendees=[("Alex Wong", ME_ALEX), ("Miriam Adler", "m.adler@gdi.edu"),
                     ("Kwame Mensah", "k.mensah@gdi.edu"), ("Eva Novak", "e.novak@gdi.edu")],
          location="Microsoft Teams Meeting")
message(f, frm="Harold Finch <h.finch@gdi.edu>", to=ALEX,
        subject="Interview invitation - Research Software Engineer (ref. RSE-2026-14)",
        date=rfcdate("2026-12-04 14:05:00", "UTC"), domain="gdi.edu",
        headers=ms_headers("Interview invitation - Research Software Engineer (ref. RSE-2026-14)"),
        body=outlook(f, t, cal),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-17T10:00:00-05:00", "2026-12-17T11:30:00-05:00", "panel",
            ["m.adler@gdi.edu", "k.mensah@gdi.edu", "e.novak@gdi.edu"],
            "Research Software Engineer", "Graphic Design Institute",
            ["Miriam Adler", "Kwame Mensah", "Eva Novak"]),
            note="A selection committee of three in one sitting is a panel; UTC in the invite."))
