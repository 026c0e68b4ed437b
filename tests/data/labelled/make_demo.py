"""Generate the bundled demo mailbox watcher/demo/Maildir (Maildir++) for Alex Wong's job search.

Run `python tests/data/labelled/make_demo.py`; output is deterministic and committed. The story
and the drafts a correct watcher leaves are in watcher/demo/README.md.
"""

from __future__ import annotations

import shutil
import sys
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Unpack

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mailkit import (  # noqa: E402
    REGISTRY,
    MessageFields,
    alt,
    attach,
    bnd,
    calpart,
    html,
    htmlize,
    ics,
    message,
    multi,
    plain,
    quote,
    rfcdate,
)

ROOT = HERE.parents[2] / "watcher" / "demo" / "Maildir"
ME = "alex.wong@example.com"
ALEX = f"Alex Wong <{ME}>"
NY = "America/New_York"
BOXES: list[tuple[str, str, str]] = []  # (folder, flags or "new", file key)


def put(folder: str, flags: str = "S", **kw: Unpack[MessageFields]) -> str:
    """Write one message via mailkit and remember where it goes; returns its Message-ID."""
    key = f"demo{len(BOXES):02d}"
    msgid = message(key, label={}, **kw)
    BOXES.append((folder, flags, key))
    return msgid


# ------------------------------------------------------------------ Process 1: Northwind Robotics
# Greenhouse video interview, no thank-you sent, then a stated timeline (Tue 17 Nov).

t = """Hi Alex,

Thank you for applying to the Senior Backend Engineer role at Northwind Robotics! We've received your application and our team will review it shortly. If your experience is a match, someone from our recruiting team will be in touch.

Northwind Robotics Recruiting
"""
put("INBOX", frm="Northwind Robotics <no-reply@greenhouse.io>", to=ALEX,
    subject="Thank you for applying to Northwind Robotics",
    date=rfcdate("2026-10-26 17:14:00", NY), domain="greenhouse.io",
    body=alt("d-nw1", t, htmlize(t, "Northwind Robotics", "Powered by Greenhouse"), "qp"))

t = """Hi Alex,

Thanks for your interest in the Senior Backend Engineer position at Northwind Robotics! We'd like to schedule a 45-minute video interview with Dana Whitfield, our Engineering Manager for the Platform team.

Please let us know your availability for next week using the link below:
https://app.greenhouse.io/availability/0e51c2d4-northwind

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
put("INBOX", frm="Northwind Robotics <no-reply@greenhouse.io>",
    reply_to="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
    subject="Northwind Robotics - Please provide your availability",
    date=rfcdate("2026-10-28 10:05:00", NY), domain="greenhouse.io",
    body=alt("d-nw2", t, htmlize(t, "Northwind Robotics", "Powered by Greenhouse"), "qp"))

t = """Hi Alex,

Your interview for the Senior Backend Engineer role at Northwind Robotics is confirmed.

Date: Tuesday, November 3, 2026
Time: 2:00 PM - 2:45 PM EST
Interviewer: Dana Whitfield, Engineering Manager, Platform (dana.whitfield@northwindrobotics.com)
Location: Zoom - https://northwindrobotics.zoom.us/j/86512340987

Dana will walk through a system design problem with you. If you need to reschedule, just reply to this email.

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
put("INBOX", frm="Northwind Robotics <no-reply@greenhouse.io>",
    reply_to="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
    subject="Interview Confirmation: Senior Backend Engineer at Northwind Robotics",
    date=rfcdate("2026-10-29 11:02:00", NY), domain="greenhouse.io",
    body=alt("d-nw3", t, htmlize(t, "Northwind Robotics", "Powered by Greenhouse"), "qp"))

t = """Hi Alex,

Thanks for meeting with Dana on Tuesday - she enjoyed the conversation. We're wrapping up the last interviews for the Senior Backend Engineer role, and we expect to be in touch by Tuesday, November 17 with next steps.

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
NW_TIMELINE = put("INBOX", frm="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
                  subject="Senior Backend Engineer - update",
                  date=rfcdate("2026-11-05 16:30:00", NY), domain="northwindrobotics.com",
                  body=plain(t))

# ------------------------------------------------------------------ Process 2: Fabrikam
# Panel onsite with three interviewers (Google Calendar invite); no thank-yous sent.

t = """Hi Alex,

Thanks for the great conversation last week! The team would like to bring you in for an onsite for the Data Platform Engineer role: three back-to-back conversations in our New York office, about two and a quarter hours in total.

Could you send me a couple of dates that work for you the week of November 9?

Thanks,
Jonah Feld
Technical Recruiter | Fabrikam, Inc.
"""
FAB_REQ = put("INBOX", frm="Jonah Feld <jonah.feld@fabrikam.com>", to=ALEX,
              subject="Onsite interview - Data Platform Engineer",
              date=rfcdate("2026-10-27 09:40:00", NY), domain="fabrikam.com", body=plain(t))

t = f"""Hi Jonah,

Thanks, that's great news! Thursday, Nov 12 or Friday, Nov 13 both work for me - any time in the morning.

Best,
Alex

On Tue, Oct 27, 2026 at 9:40 AM Jonah Feld <jonah.feld@fabrikam.com> wrote:
{quote(t)}
"""
put(".Sent", frm=ALEX, to="Jonah Feld <jonah.feld@fabrikam.com>",
    subject="Re: Onsite interview - Data Platform Engineer",
    date=rfcdate("2026-10-27 20:15:00", NY), domain="example.com", in_reply_to=FAB_REQ,
    body=plain(t))

desc = """Hi Alex - looking forward to hosting you! Check in with security in the lobby and ask for Jonah.

10:00 - 10:45  Priscilla Hong, Director of Data Platform
10:45 - 11:30  Tomasz Kowalczyk, Senior Data Engineer
11:30 - 12:15  Ifeoma Eze, Analytics Engineering Lead"""
t = f"""You have been invited to the following event.

Title: Onsite interview: Alex Wong - Data Platform Engineer (Fabrikam)
{desc}

When: Thursday Nov 12, 2026 10am \u2013 12:15pm Eastern Time - New York
Where: Fabrikam, 200 Vesey Street, 24th Floor, New York, NY 10281

Calendar: alex.wong@example.com
Who:
    * Jonah Feld - organizer
    * Priscilla Hong
    * Tomasz Kowalczyk
    * Ifeoma Eze
    * alex.wong@example.com

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="fab-onsite-awong-20261112@google.com",
          start="TZID=America/New_York:20261112T100000",
          end="TZID=America/New_York:20261112T121500", tzid="America/New_York",
          summary="Onsite interview: Alex Wong - Data Platform Engineer (Fabrikam)",
          organizer=("Jonah Feld", "jonah.feld@fabrikam.com"),
          attendees=[("Jonah Feld", "jonah.feld@fabrikam.com"),
                     ("Priscilla Hong", "priscilla.hong@fabrikam.com"),
                     ("Tomasz Kowalczyk", "tomasz.kowalczyk@fabrikam.com"),
                     ("Ifeoma Eze", "ifeoma.eze@fabrikam.com"), ("Alex Wong", ME)],
          description=desc, location="Fabrikam, 200 Vesey Street, 24th Floor, New York, NY 10281",
          stamp="20261030T182000Z")
body = multi("mixed", [multi("alternative", [plain(t, "qp"), html(htmlize(t), "qp"),
                                             calpart(cal, "REQUEST", "b64")], bnd("d-fab3")),
                       attach("invite.ics", "application/ics", cal)], bnd("d-fab3", 1))
put("INBOX", frm="Jonah Feld <jonah.feld@fabrikam.com>",
    sender="Google Calendar <calendar-notification@google.com>", to=ME,
    subject="Invitation: Onsite interview: Alex Wong - Data Platform Engineer (Fabrikam) @ Thu Nov 12, 2026 10am - 12:15pm (EST) (alex.wong@example.com)",
    date=rfcdate("2026-10-30 14:20:00", NY), domain="google.com", body=body)

# ------------------------------------------------------------------ Process 3: Contoso
# Phone screen (before the DST change), no thank-you sent, then a rejection.

t = """Hi Alex,

Thanks for applying to the Product Engineer role at Contoso! I'd love to set up a 30-minute phone screen to learn more about you. Please grab any open slot on my calendar: https://calendly.com/megan-bowen-contoso/phone-screen

Megan Bowen
Technical Recruiter, Contoso
"""
put("INBOX", frm="Megan Bowen <megan.bowen@contoso.com>", to=ALEX,
    subject="Contoso - Product Engineer phone screen", date=rfcdate("2026-10-26 13:05:00", NY),
    domain="contoso.com", body=plain(t))

t = """Hi Alex Wong,

Your event has been scheduled.

Event Type: Contoso Phone Screen - Product Engineer
Event Host: Megan Bowen
Event Date/Time: 11:00am - 11:30am (Eastern Time - US & Canada), Friday, October 30, 2026
Location: Megan will call you at +1 646-555-0148

Need to make changes to this event?
Cancel: https://calendly.com/cancellations/c0ffee12
Reschedule: https://calendly.com/reschedulings/c0ffee12

Powered by Calendly.com
"""
cal = ics(method="REQUEST", uid="c0ffee12-calendly", start="20261030T150000Z",
          end="20261030T153000Z", summary="Contoso Phone Screen - Product Engineer between Megan Bowen and Alex Wong",
          organizer=("Megan Bowen", "megan.bowen@contoso.com"), attendees=[("Alex Wong", ME)],
          location="+1 646-555-0148", prodid="calendly", stamp="20261026T194800Z")
put("INBOX", frm="Calendly <notifications@calendly.com>", reply_to="megan.bowen@contoso.com",
    to=ALEX, subject="Confirmed: Contoso Phone Screen - Product Engineer with Megan Bowen on Friday, October 30, 2026",
    date=rfcdate("2026-10-26 15:48:00", NY), domain="calendly.com",
    body=multi("mixed", [alt("d-con2", t, htmlize(t), "qp"),
                         attach("invite.ics", "text/calendar", cal)], bnd("d-con2", 1)))

t = """Hi Alex,

Thank you for taking the time to speak with me last Friday about the Product Engineer role. After reviewing all of our candidates, we've decided to move forward with others whose experience more closely matches what the team needs right now.

I really appreciated your interest in Contoso and wish you the best in your search.

Megan Bowen
Technical Recruiter, Contoso
"""
put("INBOX", frm="Megan Bowen <megan.bowen@contoso.com>", to=ALEX,
    subject="Contoso - Product Engineer", date=rfcdate("2026-11-04 10:12:00", NY),
    domain="contoso.com", body=plain(t))

# ------------------------------------------------------------------ Process 4: Tailspin Toys
# Lever video interview; Alex sends the thank-you himself; the interviewer answers.

t = """Hey Alex,

Thanks for applying to Tailspin Toys! The team would like to move forward with a 60-minute video interview for the Site Reliability Engineer role.

Please use the link below to choose a slot that works for you:
https://hire.lever.co/interview-scheduling/tailspintoys/a1b2c3

Talk soon,
Luis Ortega
Talent Acquisition, Tailspin Toys
"""
put("INBOX", frm="Tailspin Toys <no-reply@hire.lever.co>",
    reply_to="Luis Ortega <luis.ortega@tailspintoys.com>", to=ALEX,
    subject="Next steps with Tailspin Toys - schedule your interview",
    date=rfcdate("2026-11-04 15:30:00", NY), domain="hire.lever.co",
    body=alt("d-ts1", t, htmlize(t, "Tailspin Toys"), "qp"))

t = """Hi Alex,

Great news - your interview with Tailspin Toys is all set.

Role: Site Reliability Engineer
Date: Wednesday, November 11, 2026
Time: 1:00pm - 2:00pm EST
Format: Video call on Google Meet (meet.google.com/tsp-rela-bty)
You'll meet: Harriet Osei, SRE Manager (harriet.osei@tailspintoys.com)

Thanks,
Luis Ortega
Talent Acquisition, Tailspin Toys
"""
put("INBOX", frm="Tailspin Toys <no-reply@hire.lever.co>",
    reply_to="Luis Ortega <luis.ortega@tailspintoys.com>", to=ALEX,
    subject="Your interview with Tailspin Toys is confirmed",
    date=rfcdate("2026-11-06 11:05:00", NY), domain="hire.lever.co",
    body=alt("d-ts2", t, htmlize(t, "Tailspin Toys"), "qp"))

t = """Hi Harriet,

Thank you for taking the time to speak with me today about the Site Reliability Engineer role. I enjoyed our conversation about error budgets and how your team runs game days before the holiday peak.

It made me even more excited about the role - I'd love to help Tailspin Toys get through its busiest season without a page.

Best regards,
Alex Wong
+1 646 555 0148 | alex.wong@example.com
"""
TS_TY = put(".Sent", frm=ALEX, to="Harriet Osei <harriet.osei@tailspintoys.com>",
            subject="Thank you for the Site Reliability Engineer interview",
            date=rfcdate("2026-11-11 14:40:00", NY), domain="example.com", body=plain(t))

t = f"""Hi Alex,

Thanks for the note - I enjoyed it too. Luis will be in touch about next steps soon.

Harriet

On Wed, Nov 11, 2026 at 2:40 PM Alex Wong <alex.wong@example.com> wrote:
{quote(t)}
"""
put("INBOX", frm="Harriet Osei <harriet.osei@tailspintoys.com>", to=ALEX,
    subject="Re: Thank you for the Site Reliability Engineer interview",
    date=rfcdate("2026-11-16 09:20:00", NY), domain="tailspintoys.com", in_reply_to=TS_TY,
    body=plain(t))

# ------------------------------------------------------------------ noise


def bulk(list_id: str, unsub: str) -> tuple[str, ...]:
    """Headers of bulk mail."""
    return (f"List-Id: {list_id}", f"List-Unsubscribe: <{unsub}>", "Precedence: bulk")


t = """Hello Alex,

Thank you for shopping with us. We'll send a confirmation when your item ships.

Order #112-4477120-9981023
Cracking the Coding Interview: 189 Programming Questions and Solutions - $31.49
Arriving: Thursday, October 29

View or manage order: https://www.amazon.com/gp/css/order-details
"""
put("INBOX", frm="\"Amazon.com\" <auto-confirm@amazon.com>", to=ALEX,
    subject="Your Amazon.com order of \"Cracking the Coding Interview...\"",
    date=rfcdate("2026-10-26 08:12:00", NY), domain="amazon.com",
    body=alt("d-n1", t, htmlize(t, "amazon"), "qp"))

t = """Your job alert for Backend Engineer in New York, NY - 24 new jobs

Senior Backend Engineer - Northwind Robotics - New York, NY (Hybrid)
Site Reliability Engineer - Tailspin Toys - Remote
Backend Engineer II - Hooli - New York, NY

See all jobs: https://www.linkedin.com/jobs/search/?savedSearchId=987
Unsubscribe: https://www.linkedin.com/e/v2?e=jobalert
"""
put("INBOX", frm="LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>", to=ALEX,
    subject="\"Backend Engineer\": Northwind Robotics - Senior Backend Engineer and more",
    date=rfcdate("2026-10-27 06:30:00", NY), domain="linkedin.com",
    headers=bulk("<jobalerts.linkedin.com>", "https://www.linkedin.com/e/v2"),
    body=alt("d-n2", t, htmlize(t, "LinkedIn"), "qp"))

t = """Your package is on its way!

Cracking the Coding Interview: 189 Programming Questions and Solutions
Carrier: Amazon Logistics - arriving Thursday, October 29 by 9pm

Track package: https://www.amazon.com/progress-tracker/package
"""
put("INBOX", frm="\"Amazon.com\" <shipment-tracking@amazon.com>", to=ALEX,
    subject="Shipped: \"Cracking the Coding Interview...\"", date=rfcdate("2026-10-28 19:00:00", NY),
    domain="amazon.com", body=alt("d-n3", t, htmlize(t, "amazon"), "qp"))

t = """Your interview is next week? Do these 5 things tonight.

From the phone screen to the final round, the prep that matters most is the boring kind: re-read the job post, write down three stories, test your video setup, and plan your thank-you note before you walk in.

Read more: https://www.themuse.com/advice/interview-prep-week
Unsubscribe: https://www.themuse.com/unsubscribe
"""
put("INBOX", frm="The Muse <newsletter@email.themuse.com>", to=ALEX,
    subject="Your interview is next week? Do these 5 things tonight",
    date=rfcdate("2026-10-29 11:30:00", NY), domain="email.themuse.com",
    headers=bulk("The Muse Weekly <weekly.themuse.com>", "https://www.themuse.com/unsubscribe"),
    body=alt("d-n4", t, htmlize(t, "The Muse"), "qp"))

t = """Hi Alex,

Your October statement for checking account ending in 4471 is ready to view in online banking.

Lakeside Bank will never ask for your password by email.
"""
put("INBOX", frm="Lakeside Bank <statements@lakesidebank.example>", to=ALEX,
    subject="Your October statement is ready", date=rfcdate("2026-11-01 09:00:00", NY),
    domain="lakesidebank.example", body=alt("d-n5", t, htmlize(t, "Lakeside Bank"), "qp"))

t = """Hi Alex,

Your appointment at Bright Smile Dental is confirmed.

Date: Thursday, November 19, 2026
Time: 8:30 AM
Provider: Dr. Rachel Stein, DDS
Location: 245 W 72nd St, Suite 2B, New York, NY 10023

Reply C to confirm or call (212) 555-0139 to reschedule.
"""
put("INBOX", frm="Bright Smile Dental <reminders@brightsmiledental.com>", to=ALEX,
    subject="Appointment confirmation - Thu, Nov 19 at 8:30 AM",
    date=rfcdate("2026-11-02 10:00:00", NY), domain="brightsmiledental.com",
    headers=("Auto-Submitted: auto-generated",), body=plain(t))

t = """Hi Alex Wong,

Globex has invited you to take the "Backend Engineer - Coding Challenge" test on HackerRank.

Test duration: 90 minutes
Complete by: Nov 9, 2026, 11:59 PM EST

Start the test: https://www.hackerrank.com/tests/globex-be/login

Team HackerRank (on behalf of Globex)
"""
put("INBOX", frm="Globex via HackerRank <support@hackerrankforwork.com>", to=ALEX,
    subject="Globex invites you to take the Backend Engineer - Coding Challenge",
    date=rfcdate("2026-11-02 15:00:00", NY), domain="hackerrankforwork.com",
    body=alt("d-n7", t, htmlize(t, "HackerRank"), "qp"))

t = """New jobs for backend engineer in New York, NY

Backend Engineer - Globex - Hoboken, NJ
Platform Engineer - Fabrikam - New York, NY
Senior Software Engineer - A. Datum - Remote

View all jobs: https://www.indeed.com/jobs?q=backend+engineer&l=New+York
Unsubscribe from this alert: https://www.indeed.com/alert/unsubscribe
"""
put("INBOX", frm="Indeed <alert@indeed.com>", to=ALEX,
    subject="12 new backend engineer jobs in New York, NY",
    date=rfcdate("2026-11-03 07:00:00", NY), domain="indeed.com",
    headers=bulk("<alerts.indeed.com>", "https://www.indeed.com/alert/unsubscribe"),
    body=alt("d-n8", t, htmlize(t, "Indeed"), "qp"))

t = """Hi Alex,

Thank you for registering for "Interviewing in 2027: What Hiring Managers Want".

Date & Time: Nov 18, 2026 12:00 PM Eastern Time (US and Canada)
Panelists: three engineering hiring managers from Contoso, Litware and Proseware

Join: https://us06web.zoom.us/w/81234567?tk=xyz
Passcode: 552190
"""
put("INBOX", frm="Tech Careers Live <no-reply@zoom.us>", to=ALEX,
    subject="Interviewing in 2027: What Hiring Managers Want Confirmation",
    date=rfcdate("2026-11-04 12:00:00", NY), domain="zoom.us",
    body=alt("d-n9", t, htmlize(t, "zoom"), "qp"))

t = """The Pragmatic Interviewer - Issue #45

Why I stopped asking LeetCode questions in final rounds

Read in the app: https://pragmaticinterviewer.substack.com/p/no-more-leetcode
Unsubscribe https://substack.com/redirect/unsubscribe
"""
put("INBOX", frm="The Pragmatic Interviewer <pragmaticinterviewer@substack.com>", to=ALEX,
    subject="Why I stopped asking LeetCode questions in final rounds",
    date=rfcdate("2026-11-06 08:00:00", NY), domain="substack.com",
    headers=bulk("<pragmaticinterviewer.substack.com>", "https://substack.com/redirect/unsubscribe"),
    body=alt("d-n10", t, htmlize(t), "qp"))

t = """Your job alert for Backend Engineer in New York, NY - 31 new jobs

Staff Engineer, Payments - Globex - Hoboken, NJ
Backend Engineer - Vandelay Industries - Newark, NJ

See all jobs: https://www.linkedin.com/jobs/search/?savedSearchId=987
Unsubscribe: https://www.linkedin.com/e/v2?e=jobalert
"""
put("INBOX", frm="LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>", to=ALEX,
    subject="\"Backend Engineer\": Globex - Staff Engineer, Payments and more",
    date=rfcdate("2026-11-10 06:30:00", NY), domain="linkedin.com",
    headers=bulk("<jobalerts.linkedin.com>", "https://www.linkedin.com/e/v2"),
    body=alt("d-n12", t, htmlize(t, "LinkedIn"), "qp"))

t = """Hi sweetie,

How did the big onsite go today?? Dad wants to know if they fed you lunch. Call me tonight!

Love,
Mom

Sent from my iPad
"""
put("INBOX", frm="Mei Wong <meiwong1958@yahoo.com>", to=ALEX, subject="Today!!",
    date=rfcdate("2026-11-12 19:30:00", NY), domain="yahoo.com", body=plain(t))

t = """Alex - lunch Saturday? Thinking the dumpling place on Mott St around 1.

-J
"""
LUNCH = put("INBOX", frm="Jerome Baptiste <jerome.b@icloud.com>", to=ALEX,
            subject="lunch saturday?", date=rfcdate("2026-11-13 12:02:00", NY),
            domain="icloud.com", body=plain(t))

t = f"""I'm in! See you at 1.

On Fri, Nov 13, 2026 at 12:02 PM Jerome Baptiste <jerome.b@icloud.com> wrote:
{quote(t)}
"""
put(".Sent", frm=ALEX, to="Jerome Baptiste <jerome.b@icloud.com>", subject="Re: lunch saturday?",
    date=rfcdate("2026-11-13 13:10:00", NY), domain="example.com", in_reply_to=LUNCH,
    body=plain(t))

t = """Hi Alex,

Your City Power & Light bill for November is ready.

Amount due: $84.12
Due date: December 4, 2026

View and pay your bill: https://www.cpandl.example/account
"""
put("INBOX", frm="City Power & Light <billing@cpandl.example>", to=ALEX,
    subject="Your November bill is ready", date=rfcdate("2026-11-15 09:00:00", NY),
    domain="cpandl.example", body=alt("d-n15", t, htmlize(t, "City Power & Light"), "qp"))

t = """Hi Alex,

I came across your profile and was impressed by your backend work. I'm partnering with a Series B logistics startup in Brooklyn that is hiring a Senior Platform Engineer ($190-220k + equity).

Are you open to a quick 15-minute chat this week? Happy to share more details.

Best,
Derek Stone
Principal Recruiter, Hirewell Search Partners
"""
put("INBOX", frm="Derek Stone <derek@hirewellsearch.example>", to=ALEX,
    subject="Senior Platform Engineer opportunity - Brooklyn logistics startup",
    date=rfcdate("2026-11-17 11:45:00", NY), domain="hirewellsearch.example", body=plain(t))

t = """Reminder: "Interviewing in 2027: What Hiring Managers Want" starts tomorrow.

Date & Time: Nov 18, 2026 12:00 PM Eastern Time (US and Canada)
Join: https://us06web.zoom.us/w/81234567?tk=xyz
"""
put("INBOX", frm="Tech Careers Live <no-reply@zoom.us>", to=ALEX,
    subject="Reminder: Interviewing in 2027: What Hiring Managers Want starts tomorrow",
    date=rfcdate("2026-11-17 16:00:00", NY), domain="zoom.us",
    body=alt("d-n17", t, htmlize(t, "zoom"), "qp"))

t = """Hi Alex,

This is a reminder of your appointment tomorrow, Thursday, November 19 at 8:30 AM with Dr. Rachel Stein at Bright Smile Dental.

Reply C to confirm or call (212) 555-0139 to reschedule.
"""
put("INBOX", frm="Bright Smile Dental <reminders@brightsmiledental.com>", to=ALEX,
    subject="Reminder: your appointment tomorrow at 8:30 AM",
    date=rfcdate("2026-11-18 08:00:00", NY), domain="brightsmiledental.com",
    headers=("Auto-Submitted: auto-generated",), body=plain(t))

t = """Hi Alex Wong,

Your event has been scheduled.

Event Type: Proseware Analytics - Product Demo (30 min)
Event Host: Trevor Banks, Account Executive
Event Date/Time: 2:00pm - 2:30pm (Eastern Time - US & Canada), Tuesday, November 24, 2026
Location: Zoom - https://proseware.zoom.us/j/9912004412

Powered by Calendly.com
"""
put("INBOX", "new", frm="Calendly <notifications@calendly.com>", reply_to="trevor.banks@proseware.com",
    to=ALEX, subject="Confirmed: Proseware Analytics - Product Demo (30 min) with Trevor Banks on Tuesday, November 24, 2026",
    date=rfcdate("2026-11-19 14:00:00", NY), domain="calendly.com",
    body=alt("d-n19", t, htmlize(t), "qp"))

t = """@jsmith opened an issue in alexwong/fastqueue

#212 Worker hangs when the broker restarts during ack

Steps to reproduce: ...

--
Reply to this email directly, view it on GitHub: https://github.com/alexwong/fastqueue/issues/212
You are receiving this because you are subscribed to this thread.
"""
put("INBOX", "new", frm="jsmith <notifications@github.com>", to="alexwong/fastqueue <fastqueue@noreply.github.com>",
    cc=f"Subscribed <subscribed@noreply.github.com>, {ALEX}",
    subject="[alexwong/fastqueue] Worker hangs when the broker restarts during ack (Issue #212)",
    date=rfcdate("2026-11-20 09:30:00", NY), domain="github.com",
    headers=("List-Id: alexwong/fastqueue <fastqueue.alexwong.github.com>", "Precedence: list"),
    body=alt("d-n20", t, htmlize(t), "qp"))

# A draft the user wrote himself (not the watcher's): it must be left alone.
t = """Hi everyone,

Thanksgiving at our place again this year? I can do the turkey if someone brings

"""
put(".Drafts", "DS", frm=ALEX, to="Wong family <wong-family@googlegroups.example>",
    subject="Thanksgiving", date=rfcdate("2026-11-15 21:30:00", NY), domain="example.com",
    body=plain(t))


def main() -> int:
    """Write the Maildir++ tree (cur/new/tmp for INBOX, .Sent, .Drafts) from scratch."""
    if ROOT.exists():
        shutil.rmtree(ROOT)
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            (ROOT / folder / sub).mkdir(parents=True, exist_ok=True)
        if folder:  # Maildir++ marks subfolders with an empty `maildirfolder` file
            (ROOT / folder / "maildirfolder").write_bytes(b"")
    data = {key: raw for key, raw, _ in REGISTRY}
    for n, (folder, flags, key) in enumerate(BOXES, 1):
        raw = data[key]
        header = raw.split(b"\n\n", 1)[0].decode()
        date = next(ln[6:] for ln in header.split("\n") if ln.startswith("Date: "))
        epoch = int(parsedate_to_datetime(date).timestamp())
        base = ROOT / ("" if folder == "INBOX" else folder)
        name = f"{epoch}.M{n}P1.demo"
        path = base / "new" / name if flags == "new" else base / "cur" / f"{name}:2,{flags}"
        path.write_bytes(raw)
    for folder in ("", ".Sent", ".Drafts"):
        for sub in ("cur", "new", "tmp"):
            d = ROOT / folder / sub
            if not any(d.iterdir()):
                (d / ".keep").write_bytes(b"")
    print(f"wrote {len(BOXES)} messages under {ROOT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
