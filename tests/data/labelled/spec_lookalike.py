"""Hard look-alikes (kind other) and ordinary personal mail."""

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
    alt,
    attach,
    b_word,
    bnd,
    calpart,
    html,
    htmlize,
    ics,
    leaf,
    look,
    message,
    mid,
    multi,
    plain,
    q_word,
    rfcdate,
)

WORK_ALEX = "alex.wong@cyberdyne.io"


def bulk(list_id: str, unsub: str) -> tuple[str, ...]:
    """Headers of bulk/list mail."""
    return (f"List-Id: {list_id}", f"List-Unsubscribe: <{unsub}>, <mailto:unsub@{unsub.split('/')[2]}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click", "Precedence: bulk")


def two(me: str, what: str, second: str, direction: str = "received",
        note: str | None = None) -> dict[str, object]:
    """Look-alike label for a user with two addresses (personal and work)."""
    label = look(me, what, direction, note)
    label["me"] = [me, second]
    return label


# ------------------------------------------------------------------ newsletters

f = "lookalike_newsletter_indeed_01.eml"
t = """Indeed Career Guide

12 common interview questions (and how to answer them)

"Tell me about yourself." "Why do you want to work here?" "What's your greatest weakness?" Here's how to prepare strong, honest answers to the questions hiring managers ask most - plus a checklist for the day of your interview.

Read the article: https://www.indeed.com/career-advice/interviewing/common-interview-questions

Also this week:
- How to write a thank-you email after an interview (with templates)
- What to do if you haven't heard back after an interview
- Salary negotiation: 9 tips for your offer call

You're receiving this email because you subscribed to Indeed Career Guide.
Unsubscribe: https://www.indeed.com/unsubscribe?e=alex
Indeed, Inc., 6433 Champion Grandview Way, Building 1, Austin, TX 78750
"""
message(f, frm="Indeed Career Guide <careerguide@indeed.com>", to=ME_ALEX,
        subject="12 common interview questions (and how to answer them)",
        date=rfcdate("2026-11-21 13:00:00", "UTC"), domain="indeed.com",
        headers=bulk("Indeed Career Guide <careerguide.indeed.com>", "https://www.indeed.com/unsubscribe"),
        body=alt(f, t, htmlize(t, "Indeed"), "qp"), label=look(ME_ALEX, "newsletter"))

f = "lookalike_newsletter_muse_01.eml"
t = """Your interview is tomorrow? Here's your last-minute checklist

Hi Priya,

Whether it's a phone screen at 9am or a final round with the CEO, the night before an interview is when nerves peak. Our editors put together a 15-minute checklist:

1. Re-read the job description and circle three things you'll bring up.
2. Test your Zoom link and camera.
3. Prepare two questions about the team's next six months.
4. Plan your thank-you note now - send it within 24 hours.

Read more: https://www.themuse.com/advice/interview-checklist

The Muse | 1375 Broadway, New York, NY 10018
Manage your email preferences or unsubscribe: https://www.themuse.com/preferences
"""
message(f, frm="The Muse <newsletter@email.themuse.com>", to=ME_PRIYA,
        subject="Your interview is tomorrow? Here's your last-minute checklist",
        date=rfcdate("2026-11-30 15:30:00", "UTC"), domain="email.themuse.com",
        headers=bulk("The Muse Weekly <weekly.themuse.com>", "https://www.themuse.com/unsubscribe"),
        body=alt(f, t, htmlize(t, "The Muse"), "qp", "b64"), label=look(ME_PRIYA, "newsletter"))

f = "lookalike_newsletter_substack_01.eml"
t = """The Pragmatic Interviewer - Issue #48

How I run a system design interview (and what I score)

After 400+ interviews as a hiring manager, here is my rubric. I start every panel by telling the candidate exactly how the next 60 minutes will go...

Read in the app: https://pragmaticinterviewer.substack.com/p/system-design-rubric

You're on the free list for The Pragmatic Interviewer. For the full experience, become a paying subscriber.
Unsubscribe https://substack.com/redirect/unsubscribe
"""
message(f, frm="The Pragmatic Interviewer <pragmaticinterviewer@substack.com>", to=ME_SAM,
        subject="How I run a system design interview (and what I score)",
        date=rfcdate("2026-12-02 12:04:00", "UTC"), domain="substack.com",
        headers=(*bulk("<pragmaticinterviewer.substack.com>", "https://substack.com/redirect/unsubscribe"), "X-Mailgun-Tag: post"), body=alt(f, t, htmlize(t), "qp"),
        label=look(ME_SAM, "newsletter"))

f = "lookalike_newsletter_linkedin_01.eml"
t = """Career Moves | A LinkedIn newsletter

Thank-you notes after an interview: do they still matter in 2026?

We asked 1,200 recruiters whether a thank-you email changes their decision. 68% said it does - but only when it is specific. Here's what a great note looks like, and when to follow up if you haven't heard back.

Read article: https://www.linkedin.com/pulse/thank-you-notes-after-interview

You are receiving LinkedIn notification emails.
Unsubscribe: https://www.linkedin.com/e/v2?e=unsub
LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085
"""
message(f, frm="Career Moves via LinkedIn <newsletters-noreply@linkedin.com>", to=ME_LENA,
        subject="Thank-you notes after an interview: do they still matter?",
        date=rfcdate("2026-12-05 07:00:00", "UTC"), domain="linkedin.com",
        headers=bulk("<newsletters.linkedin.com>", "https://www.linkedin.com/e/v2"),
        body=alt(f, t, htmlize(t, "LinkedIn"), "qp"), label=look(ME_LENA, "newsletter"))

# ------------------------------------------------------------------ job alerts

f = "lookalike_jobalert_linkedin_01.eml"
t = """Your job alert for Senior Backend Engineer in New York, NY
30+ new jobs match your preferences.

Senior Backend Engineer
Northwind Robotics - New York, NY (Hybrid)
Actively recruiting - 2 connections work here

Staff Software Engineer, Payments
Globex - Hoboken, NJ
Easy Apply

Backend Engineer II
Hooli - New York, NY (On-site)
Be an early applicant

See all jobs: https://www.linkedin.com/jobs/search/?savedSearchId=1234

You are receiving Job Alert emails. Unsubscribe: https://www.linkedin.com/e/v2?e=jobalert
"""
message(f, frm="LinkedIn Job Alerts <jobalerts-noreply@linkedin.com>", to=ALEX,
        subject="\u201cSenior Backend Engineer\u201d: Northwind Robotics - Senior Backend Engineer and more".replace(
            "\u201c", '"').replace("\u201d", '"'),
        date=rfcdate("2026-11-24 14:31:00", "UTC"), domain="linkedin.com",
        headers=bulk("<jobalerts.linkedin.com>", "https://www.linkedin.com/e/v2"),
        body=alt(f, t, htmlize(t, "LinkedIn"), "qp"), label=look(ME_ALEX, "job_alert"))

f = "lookalike_jobalert_indeed_01.eml"
t = """New jobs for data scientist in San Francisco, CA

Senior Data Scientist - Experimentation
Proseware - San Francisco, CA
$185,000 - $225,000 a year
Responds to applications within 3 days; interviews usually scheduled within a week

Data Scientist II
Margie's Travel - Remote
Urgently hiring

Lead Data Scientist
Best For You Organics - Oakland, CA

View all jobs: https://www.indeed.com/jobs?q=data+scientist&l=San+Francisco
Unsubscribe from this alert: https://www.indeed.com/alert/unsubscribe
"""
message(f, frm="Indeed <alert@indeed.com>", to=ME_PRIYA,
        subject="15 new data scientist jobs in San Francisco, CA",
        date=rfcdate("2026-11-28 16:00:00", "UTC"), domain="indeed.com",
        headers=bulk("<alerts.indeed.com>", "https://www.indeed.com/alert/unsubscribe"),
        body=alt(f, t, htmlize(t, "Indeed"), "qp"), label=look(ME_PRIYA, "job_alert"))

f = "lookalike_jobalert_glassdoor_01.eml"
t = """Lena, 12 new Data Engineer jobs in Berlin

Senior Data Engineer - Contoso Deutschland GmbH - Berlin - 4.1 stars
"The interview process was quick: one call, one onsite." - read 23 interview reviews

Data Platform Engineer - Südwind Logistik GmbH - Hamburg (Remote possible)

Analytics Engineer - Fabrikam - Berlin

See all jobs: https://www.glassdoor.de/job-listing/alert?id=77
Stop these emails: https://www.glassdoor.de/unsubscribe
"""
message(f, frm="Glassdoor Jobs <noreply@glassdoor.com>", to=LENA,
        subject=b_word("Lena, 12 new Data Engineer jobs in Berlin – Contoso Deutschland GmbH is hiring"),
        date=rfcdate("2026-12-01 06:10:00", "UTC"), domain="glassdoor.com",
        headers=bulk("<jobalerts.glassdoor.com>", "https://www.glassdoor.de/unsubscribe"),
        body=alt(f, t, htmlize(t, "Glassdoor"), "b64"), label=look(ME_LENA, "job_alert"))

# ------------------------------------------------------------------ press and podcasts

f = "lookalike_press_journalist_01.eml"
t = """Hi Alex,

I'm a reporter at TechCrunch working on a piece about open-source maintainers burning out. Your post about stepping back from maintaining fastqueue really resonated, and I'd love to include your perspective.

Would you be available for a quick 20-minute interview on Thursday at 2pm ET? Phone or Zoom, whatever is easier. The story is on the record, but we can discuss anything you'd rather keep on background.

Thanks,
Kara Mendez
Senior Reporter, TechCrunch
+1 415 555 0177
"""
message(f, frm="Kara Mendez <kara.mendez@techcrunch.com>", to=ALEX,
        subject="Interview request - TechCrunch story on OSS maintainers",
        date=rfcdate("2026-11-30 11:05:00", "America/Los_Angeles"), domain="techcrunch.com",
        body=plain(t), label=look(ME_ALEX, "press", note="A media interview of the user."))

f = "lookalike_podcast_01.eml"
t = """Hi Priya,

You're confirmed for the Data Engineering Weekly podcast!

Recording: Tuesday, December 8, 2026, 9:00 - 10:00 AM PT
Studio link: https://riverside.fm/studio/data-engineering-weekly
Host: Dan Whitaker

We'll chat about your talk on experimentation platforms. Please use headphones and a wired connection if possible. The episode goes live about two weeks after recording.

See you then!
Dan
"""
cal = ics(method="REQUEST", uid="dew-podcast-priya-2026@dataengweekly.fm",
          start="TZID=America/Los_Angeles:20261208T090000",
          end="TZID=America/Los_Angeles:20261208T100000", tzid="America/Los_Angeles",
          summary="Podcast interview: Data Engineering Weekly x Priya Natarajan",
          organizer=("Dan Whitaker", "dan@dataengweekly.fm"),
          attendees=[("Dan Whitaker", "dan@dataengweekly.fm"), ("Priya Natarajan", ME_PRIYA)],
          location="https://riverside.fm/studio/data-engineering-weekly")
body = multi("mixed", [multi("alternative", [plain(t), html(htmlize(t)), calpart(cal)], bnd(f)),
                       attach("invite.ics", "application/ics", cal)], bnd(f, 1))
message(f, frm="Dan Whitaker <dan@dataengweekly.fm>", to=PRIYA,
        subject="Invitation: Podcast interview: Data Engineering Weekly x Priya Natarajan @ Tue Dec 8, 2026 9am - 10am (PST)",
        date=rfcdate("2026-11-27 19:30:00", "UTC"), domain="dataengweekly.fm", body=body,
        label=look(ME_PRIYA, "press", note="A calendar invite for a podcast interview."))

f = "lookalike_podcast_02.eml"
t = """Hi Lena Müller,

A new event has been scheduled.

Event Type: Podcast Interview (Recording) - Kubernetes Unpacked
Event Host: Marco Rossi
Date/Time: 17:00 - 18:00 (Central European Time), Monday, 14 December 2026
Location: Zencastr - link will be sent by the host

Invitee Email: lena.mueller@posteo.de

Powered by Calendly.com
"""
message(f, frm="Calendly <notifications@calendly.com>", reply_to="marco@k8sunpacked.show",
        to=LENA, subject="Confirmed: Podcast Interview (Recording) - Kubernetes Unpacked with Marco Rossi on Monday, 14 December 2026",
        date=rfcdate("2026-12-03 09:12:00", "Europe/Berlin"), domain="calendly.com",
        body=alt(f, t, htmlize(t), "qp"), label=look(ME_LENA, "press"))

f = "lookalike_press_published_01.eml"
t = """Hi Sam,

Thanks again for making time for our chat last month - your interview is live! "How one Chicago engineer rebuilt a city's outage map in a weekend" is on the front page of Built In Chicago today:

https://builtinchicago.org/articles/sam-okafor-outage-map

Feel free to share it, and let me know if anything needs correcting.

Best,
Rachel Kim
Editor, Built In Chicago
"""
message(f, frm="Rachel Kim <rachel.kim@builtin.com>", to=SAM,
        subject="Your interview is live on Built In Chicago!",
        date=rfcdate("2026-12-07 10:00:00", "America/Chicago"), domain="builtin.com",
        body=plain(t), label=look(ME_SAM, "press"))

# ------------------------------------------------------------------ the user is the interviewer

f = "lookalike_interviewer_greenhouse_01.eml"
t = """Hi Alex,

You're scheduled to interview Jordan Patel for Data Analyst.

Tuesday, December 1, 2026, 11:00 AM - 11:45 AM EST
Interview: Technical Screen - SQL
Location: https://cyberdyne.zoom.us/j/4451220981

Interview kit: https://app.greenhouse.io/guides/9918233/people/44021?application_id=55190
Please submit your scorecard within 24 hours of the interview.

Thanks for helping us hire!
Cyberdyne Systems Recruiting
"""
message(f, frm="Cyberdyne Systems <no-reply@greenhouse.io>", to=WORK_ALEX,
        subject="Interview scheduled: Jordan Patel for Data Analyst",
        date=rfcdate("2026-11-27 15:00:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Greenhouse"), "qp"),
        label=two(ME_ALEX, "user_interviewer", WORK_ALEX,
                  note="Interviewer-side notification at the user's work address."))

f = "lookalike_interviewer_gcal_01.eml"
t = """You have been invited to the following event.

Title: Interview - Jordan Patel - Data Analyst (Technical Screen)
Interviewer: Alex Wong. Candidate resume and scorecard are in Greenhouse: https://app.greenhouse.io/people/44021

When: Tuesday Dec 1, 2026 11am \u2013 11:45am Eastern Time - New York

Joining info: https://cyberdyne.zoom.us/j/4451220981

Calendar: alex.wong@cyberdyne.io
Who:
    * Miles Dyson - organizer
    * alex.wong@cyberdyne.io
    * Jordan Patel

Invitation from Google Calendar
"""
cal = ics(method="REQUEST", uid="6jb1v3m0cf@google.com", start="20261201T160000Z",
          end="20261201T164500Z", summary="Interview - Jordan Patel - Data Analyst (Technical Screen)",
          organizer=("Miles Dyson", "miles.dyson@cyberdyne.io"),
          attendees=[("Miles Dyson", "miles.dyson@cyberdyne.io"), ("Alex Wong", WORK_ALEX),
                     ("Jordan Patel", "jordan.patel@gmail.com")],
          location="https://cyberdyne.zoom.us/j/4451220981")
body = multi("mixed", [multi("alternative", [plain(t, "qp"), html(htmlize(t)), calpart(cal, "REQUEST", "b64")],
                             bnd(f)), attach("invite.ics", "application/ics", cal)], bnd(f, 1))
message(f, frm="Miles Dyson <miles.dyson@cyberdyne.io>", to=WORK_ALEX,
        subject="Invitation: Interview - Jordan Patel - Data Analyst (Technical Screen) @ Tue Dec 1, 2026 11am - 11:45am (EST) (alex.wong@cyberdyne.io)",
        date=rfcdate("2026-11-26 16:20:00", "UTC"), domain="google.com", body=body,
        label=two(ME_ALEX, "user_interviewer", WORK_ALEX,
                  note="A real interview invite, but the user is the interviewer and the candidate is someone else."))

f = "lookalike_interviewer_thanks_received_01.eml"
t = """Hi Alex,

Thank you for taking the time to interview me today for the Data Analyst position. I really enjoyed the SQL exercise and our conversation about how Cyberdyne's analytics team supports the robotics group.

I'm very excited about the opportunity and look forward to hearing about next steps.

Best regards,
Jordan Patel
"""
message(f, frm="Jordan Patel <jordan.patel@gmail.com>", to=WORK_ALEX,
        subject="Thank you for the interview",
        date=rfcdate("2026-12-01 13:30:00", "America/New_York"), domain="mail.gmail.com",
        body=plain(t),
        label=two(ME_ALEX, "user_interviewer", WORK_ALEX,
                  note="A candidate's thank-you received by the user: not a thank-you sent."))

f = "lookalike_interviewer_sent_01.eml"
t = """Hi Jordan,

Thanks for your interest in the Data Analyst role at Cyberdyne. Confirming your interview with our team on Tuesday, December 1 at 11am ET over Zoom: https://cyberdyne.zoom.us/j/4451220981

You'll be speaking with me for about 45 minutes. Looking forward to it!

Alex Wong
Analytics Engineering Manager, Cyberdyne Systems
"""
message(f, frm=f"Alex Wong <{WORK_ALEX}>", to="Jordan Patel <jordan.patel@gmail.com>",
        subject="Interview confirmation - Data Analyst",
        date=rfcdate("2026-11-25 10:10:00", "America/New_York"), domain="cyberdyne.io",
        body=plain(t),
        label=two(ME_ALEX, "user_interviewer", WORK_ALEX, "sent",
                  note="The user, as hiring manager, confirms a candidate's interview."))

# ------------------------------------------------------------------ application acknowledgements

f = "lookalike_applied_greenhouse_01.eml"
t = """Hi Alex,

Thank you for applying to the Senior Backend Engineer role at Northwind Robotics! We've received your application and our team will review it shortly.

If your experience is a match, a member of our recruiting team will reach out to schedule an interview. In the meantime, learn more about life at Northwind: https://northwindrobotics.com/careers

Best,
Northwind Robotics Recruiting
"""
message(f, frm="Northwind Robotics <no-reply@greenhouse.io>", to=ALEX,
        subject="Thank you for applying to Northwind Robotics",
        date=rfcdate("2026-11-09 22:01:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Northwind Robotics"), "qp"), label=look(ME_ALEX, "applied_ack"))

f = "lookalike_applied_lever_01.eml"
t = """Hi Sam,

Thanks for applying to Tailspin Toys! We've received your application for Site Reliability Engineer.

Our team reviews every application, and if your background looks like a good fit we'll be in touch about next steps, which typically include a phone interview with our recruiting team.

Thanks again for your interest,
Tailspin Toys
"""
message(f, frm="Tailspin Toys <no-reply@hire.lever.co>", to=SAM,
        subject="We've received your application - Tailspin Toys",
        date=rfcdate("2026-11-06 19:20:00", "UTC"), domain="hire.lever.co",
        body=alt(f, t, htmlize(t, "Tailspin Toys"), "qp"), label=look(ME_SAM, "applied_ack"))

f = "lookalike_applied_workday_01.eml"
h = """<html><body style="font-family:Arial">
<p>Dear Sam Okafor,</p>
<p>Thank you for applying for the <b>R-10432 Senior Business Analyst</b> position at Woodgrove Bank. Your application has been received.</p>
<p>Our recruiting team will review your qualifications. If you are selected for an interview, you will be contacted. You may check the status of your application at any time on <a href="https://woodgrove.wd5.myworkdayjobs.com/External/userHome">Candidate Home</a>.</p>
<p>Woodgrove Bank Talent Acquisition</p></body></html>
"""
message(f, frm="Woodgrove Bank <woodgrove@myworkday.com>", to="sam.okafor@outlook.com",
        subject="Application Received: Senior Business Analyst",
        date=rfcdate("2026-11-10 03:12:00", "America/New_York"), domain="myworkday.com",
        body=html(h, "qp"), label=look(ME_SAM, "applied_ack"))

f = "lookalike_applied_ashby_01.eml"
t = """Hi Priya,

Thanks for applying to the Machine Learning Engineer role at Lucerne Publishing! This email confirms we received your application.

We read every application carefully and aim to respond within two weeks. No further action is needed from you at this time.

The Lucerne Publishing Team
"""
message(f, frm="Lucerne Publishing <no-reply@ashbyhq.com>", to=PRIYA,
        subject="Thanks for applying to Lucerne Publishing!",
        date=rfcdate("2026-11-12 18:45:00", "UTC"), domain="ashbyhq.com",
        body=alt(f, t, htmlize(t, "Lucerne Publishing"), "qp"), label=look(ME_PRIYA, "applied_ack"))

# ------------------------------------------------------------------ online assessments

f = "lookalike_assessment_hackerrank_01.eml"
t = """Hi Alex Wong,

Globex has invited you to take the "Backend Engineer - Coding Challenge" test on HackerRank.

Test duration: 90 minutes
Number of questions: 3
Complete by: Dec 2, 2026, 11:59 PM EST

Start the test: https://www.hackerrank.com/tests/globex-be/login?b=eyJ1c2VybmFtZSI6

Tips: use a stable internet connection; you can attempt a sample test first. Once you start, the timer can't be paused.

All the best,
Team HackerRank (on behalf of Globex)
"""
message(f, frm="Globex via HackerRank <support@hackerrankforwork.com>", to=ALEX,
        subject="Globex invites you to take the Backend Engineer - Coding Challenge",
        date=rfcdate("2026-11-25 15:00:00", "UTC"), domain="hackerrankforwork.com",
        body=alt(f, t, htmlize(t, "HackerRank"), "qp"), label=look(ME_ALEX, "assessment"))

f = "lookalike_assessment_codility_01.eml"
t = """Hello Lena,

Contoso Deutschland GmbH has invited you to solve a test on Codility as part of your application for Senior Data Engineer.

Test: Data Engineering - Python & SQL
Time limit: 120 minutes (the timer starts when you open the first task)
Available until: 4 December 2026, 23:59 CET

Open your test: https://app.codility.com/c/run/cert-ABC123

Good luck!
Codility
"""
message(f, frm="Codility <no-reply@codility.com>", reply_to="anna.schmidt@contoso.de", to=LENA,
        subject="Contoso Deutschland GmbH: invitation to a Codility test",
        date=rfcdate("2026-11-27 09:00:00", "Europe/Berlin"), domain="codility.com",
        body=alt(f, t, htmlize(t, "Codility"), "qp"), label=look(ME_LENA, "assessment"))

f = "lookalike_assessment_codesignal_01.eml"
t = """Hi Priya,

Proseware has requested that you take CodeSignal's General Coding Assessment as the next part of their process for Senior Data Analyst.

Complete by: Monday, November 23, 2026
Duration: 70 minutes, proctored

Begin assessment: https://app.codesignal.com/assessment/request/8d7f

Questions? Contact support@codesignal.com

CodeSignal, 220 Montgomery St, San Francisco, CA
"""
message(f, frm="CodeSignal <noreply@codesignal.com>", to=PRIYA,
        subject="Action required: Proseware assessment",
        date=rfcdate("2026-11-16 18:00:00", "UTC"), domain="codesignal.com",
        body=alt(f, t, htmlize(t, "CodeSignal"), "qp"), label=look(ME_PRIYA, "assessment"))

# ------------------------------------------------------------------ sales demos

f = "lookalike_salesdemo_calendly_01.eml"
t = """Hi Alex Wong,

Your event has been scheduled.

Event Type: Fabrikam Data Platform - Product Demo (30 min)
Event Host: Trevor Banks, Account Executive
Event Date/Time: 1:00pm - 1:30pm (Eastern Time - US & Canada), Thursday, December 3, 2026
Location: Zoom - https://fabrikam.zoom.us/j/9912004412

Questions:
Company name - Cyberdyne Systems
How many seats are you evaluating? - 40

Powered by Calendly.com
"""
cal = ics(method="REQUEST", uid="a9b8c7-calendly-demo", start="20261203T180000Z",
          end="20261203T183000Z", summary="Fabrikam Data Platform - Product Demo between Trevor Banks and Alex Wong",
          organizer=("Trevor Banks", "trevor.banks@fabrikam.com"),
          attendees=[("Alex Wong", WORK_ALEX)], prodid="calendly",
          location="https://fabrikam.zoom.us/j/9912004412")
message(f, frm="Calendly <notifications@calendly.com>", reply_to="trevor.banks@fabrikam.com",
        to=WORK_ALEX, subject="Confirmed: Fabrikam Data Platform - Product Demo (30 min) with Trevor Banks on Thursday, December 3, 2026",
        date=rfcdate("2026-11-30 17:00:00", "UTC"), domain="calendly.com",
        body=multi("mixed", [alt(f, t, htmlize(t), "qp"), attach("invite.ics", "text/calendar", cal)],
                   bnd(f, 1)),
        label=two(ME_ALEX, "sales_demo", WORK_ALEX,
                  note="Same company as a real process (Fabrikam), but a product demo."))

f = "lookalike_salesdemo_hubspot_01.eml"
t = """Hi Priya,

Your meeting is booked!

Litware Analytics demo with Jesse Park
Wednesday, December 2, 2026
11:30 AM - 12:00 PM PST
Google Meet: https://meet.google.com/lit-demo-abc

Jesse will walk you through dashboards, alerting and our warehouse-native pricing. Want to bring a teammate? Just forward this invite.

Powered by HubSpot Meetings
"""
message(f, frm="Jesse Park <jesse.park@litware.com>", to=PRIYA,
        subject="Meeting booked: Litware Analytics demo with Jesse Park",
        date=rfcdate("2026-11-24 21:00:00", "UTC"), domain="hubspot.com",
        headers=("X-HubSpot-Meeting: 1",), body=alt(f, t, htmlize(t, "Litware"), "qp"),
        label=look(ME_PRIYA, "sales_demo"))

f = "lookalike_salesdemo_invite_01.eml"
t = """Hi Sam,

Thanks for booking time with us! Sending over a calendar invite for our discovery call so we can learn about Blue Sky Analytics' observability needs before the full demo.

Talk soon,
Dominic Price
Sales Development, Contoso Observability
"""
cal = ics(method="REQUEST", uid="chilipiper-9f00c1@contoso-observability.com",
          start="TZID=America/Chicago:20261201T140000", end="TZID=America/Chicago:20261201T143000",
          tzid="America/Chicago", summary="Contoso Observability <> Sam Okafor | Discovery Call",
          organizer=("Dominic Price", "dominic.price@contoso-observability.com"),
          attendees=[("Dominic Price", "dominic.price@contoso-observability.com"), ("Sam Okafor", ME_SAM)],
          location="https://contoso-observability.zoom.us/j/3319940021", prodid="google")
message(f, frm="Dominic Price <dominic.price@contoso-observability.com>", to=SAM,
        subject="Contoso Observability <> Sam Okafor | Discovery Call",
        date=rfcdate("2026-11-25 16:15:00", "America/Chicago"), domain="contoso-observability.com",
        body=multi("mixed", [multi("alternative", [plain(t), calpart(cal)], bnd(f)),
                             attach("invite.ics", "application/ics", cal)], bnd(f, 1)),
        label=look(ME_SAM, "sales_demo", note="A real calendar REQUEST, but a sales call."))

# ------------------------------------------------------------------ medical

f = "lookalike_medical_dentist_01.eml"
t = """Hi Alex,

This is a reminder of your upcoming appointment at Bright Smile Dental.

Date: Tuesday, December 1, 2026
Time: 8:30 AM
Provider: Dr. Rachel Stein, DDS
Location: 245 W 72nd St, Suite 2B, New York, NY 10023

Reply C to confirm or call (212) 555-0139 to reschedule. Please arrive 10 minutes early to update your insurance information.

Bright Smile Dental
"""
message(f, frm="Bright Smile Dental <reminders@brightsmiledental.com>", to=ALEX,
        subject="Appointment confirmation - Tue, Dec 1 at 8:30 AM",
        date=rfcdate("2026-11-27 09:00:00", "America/New_York"), domain="brightsmiledental.com",
        headers=("Auto-Submitted: auto-generated",), body=alt(f, t, htmlize(t), "qp"),
        label=look(ME_ALEX, "medical"))

f = "lookalike_medical_zocdoc_01.eml"
t = """You're booked!

Dr. Elena Park, MD - Primary Care
Thursday, December 10, 2026 at 4:15 PM
One Medical - 1 Embarcadero Center, San Francisco, CA

Reason for visit: Annual physical
Bring your insurance card and photo ID.

Need to cancel or reschedule? Manage your appointment: https://www.zocdoc.com/appointments/88120

Zocdoc
"""
message(f, frm="Zocdoc <appointments@zocdoc.com>", to=PRIYA,
        subject="Your appointment with Dr. Elena Park is confirmed",
        date=rfcdate("2026-11-29 20:00:00", "UTC"), domain="zocdoc.com",
        body=alt(f, t, htmlize(t, "Zocdoc"), "qp"), label=look(ME_PRIYA, "medical"))

f = "lookalike_medical_doctolib_01.eml"
t = """Hello Lena Müller,

Your appointment is confirmed.

Dr. med. Stefan Hoffmann - Orthopaedics
Friday, 11 December 2026, 08:45
Praxis am Kurfürstendamm, Kurfürstendamm 54, 10707 Berlin

Please bring your health insurance card (Versichertenkarte). The attached file adds the appointment to your calendar.

Your Doctolib team
"""
cal = ics(method="PUBLISH", uid="doctolib-77120@doctolib.de", start="TZID=Europe/Berlin:20261211T084500",
          end="TZID=Europe/Berlin:20261211T090000", tzid="Europe/Berlin",
          summary="Appointment: Dr. med. Stefan Hoffmann", organizer=("Doctolib", "no-reply@doctolib.de"),
          location="Kurfürstendamm 54, 10707 Berlin", prodid="-//Doctolib//EN")
message(f, frm="Doctolib <no-reply@doctolib.de>", to=LENA,
        subject="Appointment confirmed: Dr. med. Stefan Hoffmann, 11.12.2026 08:45",
        date=rfcdate("2026-12-02 18:20:00", "Europe/Berlin"), domain="doctolib.de",
        body=multi("mixed", [alt(f, t, htmlize(t, "Doctolib"), "qp"),
                             attach("appointment.ics", "text/calendar", cal)], bnd(f, 1)),
        label=look(ME_LENA, "medical"))

# ------------------------------------------------------------------ government

f = "lookalike_gov_uscis_01.eml"
t = """U.S. Citizenship and Immigration Services

Interview Appointment Notice

Receipt Number: IOE0912345678
Form: I-485, Application to Register Permanent Residence or Adjust Status
Applicant: PRIYA NATARAJAN

You are hereby notified to appear for an interview on your application at the date, time and place shown below.

Date: December 9, 2026
Time: 8:00 AM
Place: USCIS San Francisco Field Office, 630 Sansome Street, San Francisco, CA 94111

Please bring this notice, your passport and all original documents. Failure to appear may result in denial of your application.

Your official notice has also been posted to your USCIS online account: https://my.uscis.gov
"""
message(f, frm="USCIS <uscis-noreply@uscis.dhs.gov>", to=ME_PRIYA,
        subject="USCIS Case Update: Interview Scheduled (IOE0912345678)",
        date=rfcdate("2026-11-18 12:30:00", "America/New_York"), domain="uscis.dhs.gov",
        body=plain(t), label=look(ME_PRIYA, "government",
                                  note="A government interview with a date, time and place."))

f = "lookalike_gov_globalentry_01.eml"
t = """Trusted Traveler Programs

Your Global Entry interview has been scheduled.

Applicant: ALEX WONG
Membership number: 158****12
Enrollment Center: New York - JFK International Airport, Terminal 4
Date: Friday, December 18, 2026
Time: 11:15 AM (EST)

Bring your valid passport and a second form of ID (driver's license or ID card). You can reschedule in TTP: https://ttp.dhs.gov

This is an automated message. Please do not reply.
"""
message(f, frm="TTP Notifications <ttp-noreply@cbp.dhs.gov>", to=ME_ALEX,
        subject="Global Entry: Interview Scheduled",
        date=rfcdate("2026-11-22 14:00:00", "America/New_York"), domain="cbp.dhs.gov",
        headers=("Auto-Submitted: auto-generated",), body=plain(t, "qp"),
        label=look(ME_ALEX, "government"))

f = "lookalike_gov_dmv_01.eml"
t = """Illinois Secretary of State

Appointment Confirmation

Name: Sam Okafor
Service: REAL ID Driver's License
Facility: Chicago North - 5401 N Elston Ave
Date/Time: Monday, December 7, 2026 at 10:40 AM
Confirmation #: 4471-2290

Please arrive 15 minutes early with the required documents. To cancel, use the link in your confirmation: https://www.ilsos.gov/appointments
"""
message(f, frm="Illinois SOS Appointments <noreply@ilsos.gov>", to=SAM,
        subject="Your appointment is confirmed",
        date=rfcdate("2026-11-30 09:44:00", "America/Chicago"), domain="ilsos.gov",
        body=plain(t), label=look(ME_SAM, "government"))

f = "lookalike_gov_buergeramt_01.eml"
t = """Terminbestätigung / Appointment confirmation

Dienstleistung / Service: Anmeldung einer Wohnung (residence registration)
Standort / Location: Bürgeramt Friedrichshain, Frankfurter Allee 35/37, 10247 Berlin
Datum / Date: Mittwoch, 16.12.2026
Uhrzeit / Time: 09:20 Uhr

Vorgangsnummer / Reference: 88123456
Bitte bringen Sie Ihren Personalausweis oder Reisepass und die Wohnungsgeberbestätigung mit.

Ihr Service-Portal Berlin
"""
message(f, frm="Service-Portal Berlin <noreply@berlin.de>", to=LENA,
        subject=q_word("Terminbestätigung - Bürgeramt Friedrichshain"),
        date=rfcdate("2026-12-01 19:02:00", "Europe/Berlin"), domain="berlin.de",
        body=plain(t, "qp", "iso-8859-1"), label=look(ME_LENA, "government"))

# ------------------------------------------------------------------ webinars

f = "lookalike_webinar_zoom_01.eml"
t = """Hi Alex,

Thank you for registering for "Interview Skills Masterclass: Ace Your Next Tech Interview".

Date & Time: Dec 3, 2026 06:00 PM Eastern Time (US and Canada)
Panelists: Gayle M. (author), Dev Recruiter (Hooli), Sandra L. (Staff Engineer)

Join from PC, Mac, iPad, or Android: https://us06web.zoom.us/w/89912345?tk=abc
Passcode: 771204

Add to calendar: https://us06web.zoom.us/webinar/tZ/ics?type=google

You can cancel your registration at any time.
"""
cal = ics(method="PUBLISH", uid="zoom-webinar-89912345", start="20261203T230000Z",
          end="20261204T000000Z", summary="Interview Skills Masterclass: Ace Your Next Tech Interview",
          organizer=("Interviewing Academy", "no-reply@zoom.us"),
          location="https://us06web.zoom.us/w/89912345", prodid="-//zoom.us//iCalendar Event//EN")
message(f, frm="Interviewing Academy <no-reply@zoom.us>", to=ALEX,
        subject="Interview Skills Masterclass: Ace Your Next Tech Interview Confirmation",
        date=rfcdate("2026-11-26 23:10:00", "UTC"), domain="zoom.us",
        body=multi("mixed", [alt(f, t, htmlize(t, "zoom"), "qp"),
                             attach("iCalendar.ics", "text/calendar", cal)], bnd(f, 1)),
        label=look(ME_ALEX, "webinar", note="A webinar about interviews, with panelists and an .ics."))

f = "lookalike_webinar_on24_01.eml"
t = """You're registered!

Hiring in 2027: The State of Tech Recruiting
Wednesday, December 9, 2026 | 10:00 AM PST | 45 minutes

Speakers: heads of talent from Contoso, Litware and Proseware share what interview loops will look like next year.

Join the webcast: https://event.on24.com/wcc/r/4412009/ABCDEF
Add to calendar: https://event.on24.com/calendar/4412009

ON24, Inc. | 50 Beale Street, San Francisco, CA 94105
"""
message(f, frm="Litware Events <events@on24event.com>", to=PRIYA,
        subject="Confirmation: Hiring in 2027: The State of Tech Recruiting",
        date=rfcdate("2026-11-20 17:00:00", "UTC"), domain="on24event.com",
        headers=bulk("<events.on24.com>", "https://event.on24.com/unsubscribe"),
        body=alt(f, t, htmlize(t, "ON24"), "qp"), label=look(ME_PRIYA, "webinar"))

f = "lookalike_webinar_eventbrite_01.eml"
t = """You're going to Data Careers Panel: Meet the Hiring Managers

Thursday, December 10, 2026 from 6:00 PM to 8:00 PM (CST)
Online event - the link will be shared before the event

Order #8812233401 - 1 x General Admission (Free)

Hear from three hiring managers about how they run interviews, then join breakout rooms for resume reviews.

View your ticket: https://www.eventbrite.com/mytickets/8812233401

Eventbrite, 95 Third St, San Francisco, CA
"""
message(f, frm="Eventbrite <noreply@order.eventbrite.com>", to=SAM,
        subject="Your ticket for Data Careers Panel: Meet the Hiring Managers",
        date=rfcdate("2026-11-23 02:20:00", "UTC"), domain="order.eventbrite.com",
        body=alt(f, t, htmlize(t, "Eventbrite"), "qp"),
        label=look(ME_SAM, "webinar", note="'panel' and 'hiring managers' in an event ticket."))

# ------------------------------------------------------------------ orders

f = "lookalike_order_amazon_01.eml"
t = """Hello Alex,

Thank you for shopping with us. We'll send a confirmation when your item ships.

Order #112-8812233-4401122
Placed on Tuesday, November 17, 2026

Cracking the Coding Interview: 189 Programming Questions and Solutions
Sold by: Amazon.com Services LLC
$31.49

System Design Interview - An Insider's Guide: Volume 2
$35.99

Arriving: Thursday, November 19

Order Total: $72.45

View or manage order: https://www.amazon.com/gp/css/order-details?orderID=112-8812233-4401122
"""
message(f, frm="\"Amazon.com\" <auto-confirm@amazon.com>", to=ALEX,
        subject="Your Amazon.com order of \"Cracking the Coding Interview...\" and 1 more item.",
        date=rfcdate("2026-11-17 22:05:00", "UTC"), domain="amazon.com",
        body=alt(f, t, htmlize(t, "amazon"), "qp"), label=look(ME_ALEX, "order"))

f = "lookalike_order_shipping_01.eml"
t = """Good news, Priya - your order is on its way!

Order #BR-20261122-5531
The Interview Blazer in Navy (Size 6) - $168.00
Tailored Ankle Pant in Navy (Size 6) - $98.00

Carrier: UPS, tracking 1Z999AA10123456784
Estimated delivery: Wednesday, November 25

Track your package: https://www.bananarepublic.example/track/BR-20261122-5531
"""
message(f, frm="Banana Republic <orders@email.bananarepublic.example>", to=PRIYA,
        subject="Your order has shipped - The Interview Blazer",
        date=rfcdate("2026-11-23 18:00:00", "UTC"), domain="email.bananarepublic.example",
        body=alt(f, t, htmlize(t, "Banana Republic"), "qp"), label=look(ME_PRIYA, "order"))

f = "lookalike_order_doordash_01.eml"
t = """Thanks for your order, Sam!

Order from Lou Malnati's Pizzeria
Delivered to 1350 N Wells St, Chicago, IL

1 x Deep Dish Classic (Large) - $32.95
1 x Caesar Salad - $9.50
Delivery fee: $2.99
Service fee: $4.12
Dasher tip: $7.00
Total charged: $56.56

Estimated arrival: 7:10 PM - 7:25 PM
"""
message(f, frm="DoorDash <no-reply@doordash.com>", to=SAM,
        subject="Order Confirmation for Sam from Lou Malnati's Pizzeria",
        date=rfcdate("2026-12-04 18:41:00", "America/Chicago"), domain="doordash.com",
        body=alt(f, t, htmlize(t, "DoorDash"), "qp"), label=look(ME_SAM, "order"))

# ------------------------------------------------------------------ cold outreach

f = "lookalike_cold_recruiter_01.eml"
t = """Hi Alex,

I came across your profile and was really impressed by your backend and payments experience. I'm working with a fast-growing fintech in NYC (Series C, ~200 people) that is building out a new ledger team, and I think you'd be a great fit for their Staff Engineer role ($230-260k + equity).

Are you open to a quick 15-minute chat this week to hear more? No pressure at all if you're happy where you are.

Best,
Derek Stone
Principal Recruiter, Hirewell Search Partners
"""
message(f, frm="Derek Stone <derek@hirewellsearch.example>", to=ALEX,
        subject="Staff Engineer opportunity - fintech ledger team",
        date=rfcdate("2026-11-23 08:12:00", "America/New_York"), domain="hirewellsearch.example",
        body=plain(t), label=look(ME_ALEX, "cold_outreach"))

f = "lookalike_cold_linkedin_01.eml"
t = """Jessica Alvarez sent you a new message

Jessica Alvarez
Technical Recruiter at Stark Industries

"Hi Priya, I'm hiring for a Principal Data Scientist on our energy analytics team. Your work on experimentation platforms stood out. Would you be interested in an interview with our team? Happy to share details!"

Reply: https://www.linkedin.com/messaging/thread/2-ZTk5
This is an InMail. You are receiving InMail notification emails.
Unsubscribe: https://www.linkedin.com/e/v2?e=inmail
"""
message(f, frm="Jessica Alvarez via LinkedIn <inmail-hit-reply@linkedin.com>", to=PRIYA,
        subject="Jessica Alvarez: Interview opportunity - Principal Data Scientist",
        date=rfcdate("2026-11-26 16:40:00", "UTC"), domain="linkedin.com",
        headers=("List-Unsubscribe: <https://www.linkedin.com/e/v2?e=inmail>",),
        body=alt(f, t, htmlize(t, "LinkedIn"), "qp"),
        label=look(ME_PRIYA, "cold_outreach", note="Unsolicited; 'interview' offered, no process yet."))

f = "lookalike_cold_founder_01.eml"
t = """Hey Sam,

I'm the co-founder of Pied Piper - we're building a compression-first observability pipeline and your talk at SREcon about cardinality budgets is basically our roadmap.

I know you're probably not looking, but would you be up for a 20-minute coffee chat? Here's my Calendly if it's easier: https://calendly.com/richard-piedpiper/20min

Cheers,
Richard Hendricks
CEO, Pied Piper
"""
message(f, frm="Richard Hendricks <richard@piedpiper.com>", to=SAM,
        subject="Loved your SREcon talk - quick chat?",
        date=rfcdate("2026-12-01 22:15:00", "America/Los_Angeles"), domain="piedpiper.com",
        body=plain(t), label=look(ME_SAM, "cold_outreach",
                                  note="A scheduling link, but unsolicited and not about an application."))

f = "lookalike_cold_agency_02.eml"
t = """Hallo Lena,

I hope you don't mind the direct approach. I'm recruiting for a well-known mobility scale-up in Munich that is hiring a Lead Data Engineer (hybrid, EUR 95-110k). Based on your GitHub and your Kafka talk, I think you'd be a strong match.

Are you available for a short call on Tuesday at 15:00 CET so I can tell you more? If the timing is bad, just suggest another slot.

Beste Grüße
Tobias Klein
Senior Consultant, Nordlicht Recruiting GmbH
"""
message(f, frm="Tobias Klein <t.klein@nordlicht-recruiting.example>", to=LENA,
        subject="Lead Data Engineer (Munich) - are you open to a chat?",
        date=rfcdate("2026-12-03 08:30:00", "Europe/Berlin"), domain="nordlicht-recruiting.example",
        body=plain(t, "qp"), label=look(ME_LENA, "cold_outreach"))

# ------------------------------------------------------------------ automatic mail in interview threads

f = "lookalike_autoreply_ooo_01.eml"
t = """Thank you for your email. I'm out of the office for the Thanksgiving holiday and will return on Monday, December 7. I'll have limited access to email.

For urgent recruiting matters please contact recruiting@globex.com.

Rosa Delgado
People Team @ Globex
"""
message(f, frm="Rosa Delgado <rosa.delgado@globex.com>", to=ALEX,
        subject="Automatic reply: Re: Onsite interview at Globex - Thursday 11/19",
        date=rfcdate("2026-11-30 09:15:20", "America/New_York"), domain="globex.com",
        in_reply_to=mid("followup_checkin_quoted_01.eml", "mail.gmail.com"),
        headers=("Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All",
                 "X-MS-Exchange-Inbox-Rules-Loop: rosa.delgado@globex.com"),
        body=plain(t),
        label={**look(ME_ALEX, "auto_reply",
                      note="Out-of-office in an interview thread: automatic, never a reply. "
                           "Its return date sets the stated timeline (policy rule 4)."),
               "stated_timeline": "2026-12-07"})

orig_ty = """Date: Wed, 16 Dec 2026 18:10:00 -0500
From: Alex Wong <alex.wong@gmail.com>
To: Joanna Ortiz <joanna.ortis@initech.com>
Subject: Thank you for the Senior Engineering Manager interview
Message-ID: <ty-joanna-typo@mail.gmail.com>
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Hi Joanna,

Thank you for the interview today. I enjoyed our conversation about the platform migration.

Best,
Alex
"""
dsn = """Reporting-MTA: dns; mx.google.com
Arrival-Date: Wed, 16 Dec 2026 15:10:02 -0800 (PST)

Final-Recipient: rfc822; joanna.ortis@initech.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx1.initech.com
Diagnostic-Code: smtp; 550 5.1.1 <joanna.ortis@initech.com>: Recipient address rejected: User unknown
"""
human = """** Address not found **

Your message wasn't delivered to joanna.ortis@initech.com because the address couldn't be found, or is unable to receive mail.

The response from the remote server was:
550 5.1.1 <joanna.ortis@initech.com>: Recipient address rejected: User unknown
"""
report = multi("report", [plain(human), leaf("message/delivery-status", dsn, charset="us-ascii"),
                          ([ "Content-Type: message/rfc822"], orig_ty)],
               bnd("lookalike_autoreply_bounce_01.eml"))
report = ([report[0][0] + "; report-type=delivery-status"], report[1])
message("lookalike_autoreply_bounce_01.eml",
        frm="Mail Delivery Subsystem <mailer-daemon@googlemail.com>", to=ME_ALEX,
        subject="Delivery Status Notification (Failure)",
        date=rfcdate("2026-12-16 15:10:03", "America/Los_Angeles"), domain="mx.google.com",
        headers=("Auto-Submitted: auto-replied",), body=report,
        label=look(ME_ALEX, "auto_reply",
                   note="A bounce of the user's own thank-you: the thank-you text is inside the report."))

f = "lookalike_autoreply_outlook_01.eml"
t = """I'm currently travelling to our Redmond office with limited access to email until Wednesday, December 2. I'll respond to your message when I'm back.

If your message is about interview scheduling, please contact talent@contoso.com.

Kenji Watanabe
Talent Partner, Contoso
"""
message(f, frm="Kenji Watanabe <kenji.watanabe@contoso.com>", to=PRIYA,
        subject="Automatic reply: Phone screen times",
        date=rfcdate("2026-11-27 08:00:05", "America/Los_Angeles"), domain="contoso.com",
        headers=("Auto-Submitted: auto-generated", "X-Auto-Response-Suppress: All",
                 "Thread-Topic: Phone screen times", "Content-Language: en-US"),
        in_reply_to=mid("priya-contoso-times", "fastmail.com"), body=alt(f, t, htmlize(t), "qp"),
        label={**look(ME_PRIYA, "auto_reply", note="Return date sets the stated timeline."),
               "stated_timeline": "2026-12-02"})

f = "lookalike_autoreply_noreply_01.eml"
t = """Thank you for your email.

This mailbox is not monitored and replies are not read. To check the status of your application or interview, please sign in to Candidate Home: https://woodgrove.wd5.myworkdayjobs.com/External/userHome

Woodgrove Bank Talent Acquisition
"""
message(f, frm="Woodgrove Bank <woodgrove@myworkday.com>", to="sam.okafor@outlook.com",
        subject="Auto: RE: Interview Confirmation - Senior Business Analyst",
        date=rfcdate("2026-12-01 10:02:00", "America/New_York"), domain="myworkday.com",
        headers=("Auto-Submitted: auto-replied", "Precedence: auto_reply"), body=plain(t),
        label=look(ME_SAM, "auto_reply"))

# ------------------------------------------------------------------ ordinary personal mail

f = "negative_personal_mom_01.eml"
t = """Hi sweetie,

How did the interview go?? Dad and I were thinking about you all afternoon. Call me tonight when you're done with work, I want to hear everything! Did they say when they'll decide?

Love,
Mom

Sent from my iPad
"""
message(f, frm="Mei Wong <meiwong1958@yahoo.com>", to=ALEX,
        subject="Interview!!", date=rfcdate("2026-11-19 18:30:00", "America/New_York"),
        domain="yahoo.com", body=plain(t),
        label=look(ME_ALEX, "personal", note="Family asking about an interview."))

f = "negative_personal_friend_tips_01.eml"
t = """Hey Priya!

Random ask: I have my final round at Stripe on Thursday at 2pm (!!!) and I remember you crushed your Lyft loop last year. Any chance you could do a mock interview with me Tuesday night? I'll bring dumplings.

Also - how do you write those thank-you emails afterwards without sounding like a robot?

x
Megan
"""
message(f, frm="Megan O'Brien <megan.obrien@gmail.com>", to=PRIYA,
        subject="mock interview favor?", date=rfcdate("2026-12-05 21:02:00", "America/Los_Angeles"),
        domain="mail.gmail.com", body=plain(t),
        label=look(ME_PRIYA, "personal", note="A friend's interview, not the user's."))

f = "negative_personal_lunch_01.eml"
t = """Sam - you around for lunch Thursday? There's a new ramen place on Division that Tasha keeps talking about. 12:30?

-J
"""
message(f, frm="Jerome Baptiste <jerome.b@icloud.com>", to=SAM, subject="lunch thurs?",
        date=rfcdate("2026-12-01 10:14:00", "America/Chicago"), domain="icloud.com",
        headers=("X-Mailer: iPhone Mail (22B91)",), body=plain(t), label=look(ME_SAM, "personal"))

f = "negative_personal_landlord_01.eml"
t = """Hallo Lena,

der Klempner kommt am Dienstag, 8.12., zwischen 10 und 12 Uhr wegen der Heizung. Bitte lass ihn rein oder gib den Schlüssel bei Frau Yilmaz im Erdgeschoss ab.

(The plumber is coming Tuesday 8 Dec between 10 and 12 about the heating.)

Viele Grüße
Klaus Brandt
Hausverwaltung Brandt
"""
message(f, frm="Klaus Brandt <k.brandt@hv-brandt.de>", to=LENA,
        subject=q_word("Heizung - Termin Klempner Dienstag"),
        date=rfcdate("2026-12-03 17:45:00", "Europe/Berlin"), domain="hv-brandt.de",
        body=plain(t, "qp", "iso-8859-1"), label=look(ME_LENA, "personal"))

f = "negative_personal_thanks_sent_01.eml"
t = """Hi Dana and Chris,

Thank you so much for dinner last night - the short ribs were unreal and it was so good to finally meet baby Theo. Next time is at our place!

Alex
"""
message(f, frm=ALEX, to=["Dana Kim <dana.kim@gmail.com>", "Chris Kim <chriskim88@gmail.com>"],
        subject="Thank you for last night!", date=rfcdate("2026-11-22 11:20:00", "America/New_York"),
        domain="mail.gmail.com", body=plain(t),
        label=look(ME_ALEX, "personal", "sent", note="A thank-you the user sent to friends."))
