"""Interview confirmations sent by applicant-tracking systems and schedulers for the employer."""

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
    iv,
    lab,
    message,
    multi,
    plain,
    rfcdate,
)

# 1 Greenhouse, video, Reply-To the recruiter
f = "confirmed_greenhouse_video_01.eml"
t = """Hi Alex,

Thanks for making time to speak with us! Your interview for the Senior Backend Engineer role at Northwind Robotics is confirmed. Here are the details:

Date: Tuesday, December 1, 2026
Time: 3:00 PM - 3:45 PM EST
Interviewer: Dana Whitfield, Engineering Manager, Platform
Location: Zoom - https://northwindrobotics.zoom.us/j/86512340987?pwd=bm9ydGh3aW5k

Dana will walk through a system design problem with you, so have a whiteboarding tool or a pen and paper handy. If anything comes up and you need to reschedule, just reply to this email.

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
message(f, frm="Northwind Robotics <no-reply@greenhouse.io>",
        reply_to="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
        subject="Interview Confirmation: Senior Backend Engineer at Northwind Robotics",
        date=rfcdate("2026-11-25 15:02:11", "UTC"), domain="greenhouse.io",
        headers=("X-Mailer: Greenhouse", "Return-Path: <bounces+1234567@greenhouse.io>"),
        body=alt(f, t, htmlize(t, "Northwind Robotics", "Powered by Greenhouse"), "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-01T15:00:00-05:00", "2026-12-01T15:45:00-05:00", "video", [],
            "Senior Backend Engineer", "Northwind Robotics", ["Dana Whitfield"])))

# 2 Greenhouse onsite schedule: four interviewers, one sitting -> panel
f = "confirmed_greenhouse_panel_01.eml"
t = """Hi Alex,

We're excited to host you for your onsite interview for Staff Data Engineer! Please find your schedule below. All times are Eastern.

Thursday, December 10, 2026
10:00 AM - 10:45 AM  Priscilla Hong, Director of Data Platform
10:45 AM - 11:30 AM  Tomasz Kowalczyk, Senior Data Engineer
11:30 AM - 12:15 PM  Ifeoma Eze, Analytics Engineering Lead
12:15 PM - 1:00 PM   Lunch with Ben Avery (not evaluated)

Address: Fabrikam, 200 Vesey Street, 24th Floor, New York, NY 10281
Please check in with security in the lobby about 10 minutes early and bring a photo ID. Ask for Jonah at the front desk.

If you have any questions before then, reply to this email and it will reach me.

Cheers,
Jonah Feld | Recruiting
Fabrikam, Inc.
"""
h = htmlize(t, "Fabrikam", "Sent via Greenhouse. Fabrikam is an equal opportunity employer.")
message(f, frm="Jonah Feld <no-reply@us.greenhouse-mail.io>", reply_to="jonah.feld@fabrikam.com",
        to=ALEX, subject="Your onsite interview schedule - Fabrikam",
        date=rfcdate("2026-12-03 18:40:55", "UTC"), domain="us.greenhouse-mail.io",
        body=alt(f, t, h, "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-10T10:00:00-05:00", "2026-12-10T13:00:00-05:00", "panel", [],
            "Staff Data Engineer", "Fabrikam",
            ["Priscilla Hong", "Tomasz Kowalczyk", "Ifeoma Eze"]),
            note="Onsite with 3+ evaluating interviewers in one sitting: panel beats in_person. "
                 "End is the end of the schedule (lunch included); the lunch host is not an "
                 "interviewer."))

# 3 Greenhouse phone screen, 30 min, PT
f = "confirmed_greenhouse_phone_01.eml"
t = """Hello Priya,

This email confirms your phone screen for the Product Designer position at Contoso.

When: Monday, November 30, 2026 at 9:30 AM Pacific Time (30 minutes)
Who: Kenji Watanabe, Talent Partner
How: Kenji will call you at +1 (415) 555-0134. If that number has changed, let us know.

We look forward to speaking with you!

The Contoso Talent Team
"""
message(f, frm="Contoso Recruiting <no-reply@greenhouse.io>",
        reply_to="Kenji Watanabe <kenji.watanabe@contoso.com>", to=PRIYA,
        subject="Phone Screen Confirmed - Product Designer, Contoso",
        date=rfcdate("2026-11-24 20:15:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Contoso"), "7bit", "b64"),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-11-30T09:30:00-08:00", "2026-11-30T10:00:00-08:00", "phone",
            ["kenji.watanabe@contoso.com"], "Product Designer", "Contoso", ["Kenji Watanabe"]),
            note="The interviewer is the Reply-To recruiter, so the address is known."))

# 4 Lever, Google Meet, Central time
f = "confirmed_lever_video_01.eml"
t = """Hi Sam,

Great news - your interview with Tailspin Toys is all set.

Role: Site Reliability Engineer
Date: Wednesday, December 2nd
Time: 1:00pm - 2:00pm CST
Format: Video call on Google Meet (meet.google.com/xbn-qpwr-tze)
You'll meet: Harriet Osei (SRE Manager)

A calendar invitation will follow from Harriet's calendar. Feel free to reply here with any questions.

Thanks,
Luis Ortega
Talent Acquisition, Tailspin Toys
"""
message(f, frm="Tailspin Toys <no-reply@hire.lever.co>",
        reply_to="Luis Ortega <luis.ortega@tailspintoys.com>", to=SAM,
        subject="Your interview with Tailspin Toys is confirmed",
        date=rfcdate("2026-11-23 11:05:42", "America/Chicago"), domain="hire.lever.co",
        headers=("List-Unsubscribe: <https://hire.lever.co/unsubscribe/c8e1f>",),
        body=alt(f, t, htmlize(t), "qp"),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-02T13:00:00-06:00", "2026-12-02T14:00:00-06:00", "video", [],
            "Site Reliability Engineer", "Tailspin Toys", ["Harriet Osei"]),
            note="Lever puts a List-Unsubscribe on transactional mail too; it is not a newsletter."))

# 5 Lever, onsite with two interviewers -> in_person
f = "confirmed_lever_onsite_01.eml"
t = """Alex,

Thanks again for your interest in Globex! We'd love to host you in person for the next round of interviews for the Engineering Manager, Payments role.

Thursday 11/19/2026, 1:30pm to 3:30pm ET
Globex Corporation
1 Cypress Point, Suite 400
Hoboken, NJ 07030

You'll be meeting with:
- Hank Scorpio (VP Engineering) - hank@globex.com
- Lydia Chen (Staff Engineer) - lydia.chen@globex.com

Parking is available in the visitor lot. Business casual is fine.

See you soon,
Rosa Delgado
People Team @ Globex
"""
message(f, frm="Rosa Delgado <no-reply@hire.lever.co>", reply_to="rosa.delgado@globex.com",
        to=ALEX, subject="Onsite interview at Globex - Thursday 11/19",
        date=rfcdate("2026-11-13 16:22:09", "America/New_York"), domain="hire.lever.co",
        body=alt(f, t, htmlize(t, "Globex"), "7bit", "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-11-19T13:30:00-05:00", "2026-11-19T15:30:00-05:00", "in_person",
            ["hank@globex.com", "lydia.chen@globex.com"], "Engineering Manager, Payments",
            "Globex", ["Hank Scorpio", "Lydia Chen"])))

# 6 Ashby with text/calendar (UTC times)
f = "confirmed_ashby_video_01.eml"
t = """Hi Priya,

Your interview has been scheduled. We're looking forward to chatting!

Lucerne Publishing - Machine Learning Engineer
Technical Interview: ML Systems (60 min)
Friday, December 4, 2026, 11:00 AM - 12:00 PM PST
Interviewer: Oskar Lindqvist

Join Zoom: https://lucerne.zoom.us/j/93321405511

Need to make a change? Use this link: https://app.ashbyhq.com/interview-reschedule/7f1c9d2e

-- Sent on behalf of Lucerne Publishing by Ashby
"""
cal = ics(method="REQUEST", uid="ashby-7f1c9d2e-1b55@ashbyhq.com", start="20261204T190000Z",
          end="20261204T200000Z", summary="Priya Natarajan <> Lucerne Publishing: Technical Interview",
          organizer=("Lucerne Publishing Recruiting", "no-reply@ashbyhq.com"),
          attendees=[("Priya Natarajan", ME_PRIYA), ("Oskar Lindqvist", "oskar@lucernepublishing.com")],
          location="https://lucerne.zoom.us/j/93321405511", prodid="ashby",
          description="Technical Interview: ML Systems. Join Zoom: https://lucerne.zoom.us/j/93321405511")
body = multi("mixed", [alt(f, t, htmlize(t, "Lucerne Publishing"), "qp"),
                       attach("invite.ics", "application/ics", cal)], bnd(f, 1))
message(f, frm="Lucerne Publishing <no-reply@ashbyhq.com>",
        reply_to="Grace Abernathy <grace@lucernepublishing.com>", to=PRIYA,
        subject="Interview Scheduled: Lucerne Publishing \u2013 Machine Learning Engineer".replace(
            "\u2013", "-"), date=rfcdate("2026-11-26 02:14:00", "UTC"), domain="ashbyhq.com",
        body=body,
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-04T11:00:00-08:00", "2026-12-04T12:00:00-08:00", "video",
            ["oskar@lucernepublishing.com"], "Machine Learning Engineer", "Lucerne Publishing",
            ["Oskar Lindqvist"])))

# 7 Ashby, final round with the CTO
f = "confirmed_ashby_final_01.eml"
t = """Hi Alex,

You're confirmed for the final stage of our process for Senior Platform Engineer at Proseware.

Final Interview with Nadia Rahman (CTO)
Monday, December 14, 2026
4:00 PM - 4:45 PM Eastern Time (US & Canada)
Google Meet: https://meet.google.com/pwr-hkdt-aqe

This is a conversation about how you approach ambiguity and technical leadership; there's nothing to prepare.

Talk soon,
Proseware Recruiting
"""
message(f, frm="Proseware <no-reply@ashbyhq.com>", reply_to="talent@proseware.com", to=ALEX,
        subject="Confirmed: Final Interview with Proseware",
        date=rfcdate("2026-12-08 21:31:45", "UTC"), domain="ashbyhq.com",
        body=alt(f, t, htmlize(t, "Proseware"), "b64", "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-14T16:00:00-05:00", "2026-12-14T16:45:00-05:00", "final", [],
            "Senior Platform Engineer", "Proseware", ["Nadia Rahman"])))

# 8 Workday, HTML only, Teams, requisition number
f = "confirmed_workday_teams_01.eml"
h = """<html><body style="font-family:Arial">
<img src="https://woodgrove.wd5.myworkday.com/woodgrove/logo.png" alt="Woodgrove Bank">
<p>Dear Sam Okafor,</p>
<p>Thank you for your interest in Woodgrove Bank. We are pleased to confirm your interview for <b>R-10432 Senior Business Analyst (Open)</b>.</p>
<table border="0" cellpadding="4">
<tr><td><b>Interview Date:</b></td><td>12/08/2026</td></tr>
<tr><td><b>Interview Time:</b></td><td>10:00 AM - 11:00 AM Eastern Standard Time</td></tr>
<tr><td><b>Interview Type:</b></td><td>Virtual - Microsoft Teams</td></tr>
<tr><td><b>Interviewer(s):</b></td><td>Meredith Park; Ahmed Siddiqui</td></tr>
</table>
<p>A Microsoft Teams link will be sent to you separately by the hiring team.</p>
<p>Please do not reply to this message. This mailbox is not monitored. To view your application, sign in to the <a href="https://woodgrove.wd5.myworkdayjobs.com/External">Candidate Home</a>.</p>
<p>Sincerely,<br>Woodgrove Bank Talent Acquisition</p>
</body></html>
"""
message(f, frm="Woodgrove Bank <woodgrove@myworkday.com>", to="sam.okafor@outlook.com",
        subject="Interview Confirmation - Senior Business Analyst",
        date=rfcdate("2026-12-01 09:12:33", "America/New_York"), domain="myworkday.com",
        body=html(h, "qp"),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-08T10:00:00-05:00", "2026-12-08T11:00:00-05:00", "video", [],
            "Senior Business Analyst", "Woodgrove Bank", ["Meredith Park", "Ahmed Siddiqui"]),
            note="Role is the title without the requisition number and '(Open)'."))

# 9 Workday, phone interview, plain only
f = "confirmed_workday_phone_01.eml"
t = """Hello Priya,

Your phone interview for the position of Data Scientist II (JR-2026-0871) at Margie's Travel has been scheduled.

Date: Thursday, December 3, 2026
Time: 2:00 PM PST
Duration: 30 minutes
Interviewer: Colette Baptiste, Senior Manager, Data Science
Phone: Colette will call the mobile number on your application.

To review or update your application, log in to your candidate account at https://margiestravel.wd1.myworkdayjobs.com/careers.

Regards,
Talent Acquisition
Margie's Travel
"""
message(f, frm="Margie's Travel Careers <margiestravel@myworkday.com>", to=PRIYA,
        subject="Phone Interview Scheduled: Data Scientist II",
        date=rfcdate("2026-11-27 17:45:10", "America/Los_Angeles"), domain="myworkday.com",
        body=plain(t, "qp"),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-03T14:00:00-08:00", "2026-12-03T14:30:00-08:00", "phone", [],
            "Data Scientist II", "Margie's Travel", ["Colette Baptiste"])))

# 10 GoodTime panel, ICS with TZID America/Los_Angeles
f = "confirmed_goodtime_panel_01.eml"
t = """Hi Priya,

Your interview with Wingtip Toys is confirmed. You'll meet the team over Zoom in a single panel session.

Position: Senior iOS Engineer
Date: Wednesday, December 9, 2026
Time: 10:00 AM - 11:30 AM (PST)
Zoom: https://wingtiptoys.zoom.us/j/7724419032

Your panel:
- Marcus Bell, iOS Lead (marcus.bell@wingtiptoys.com)
- Aiko Tanaka, Product Manager (aiko.tanaka@wingtiptoys.com)
- Rafael Souza, Staff Engineer (rafael.souza@wingtiptoys.com)

The attached invite has all the details. Good luck!

Wingtip Toys Recruiting
Scheduled with GoodTime
"""
cal = ics(method="REQUEST", uid="gt-5512a0b7e3@goodtime.io",
          start="TZID=America/Los_Angeles:20261209T100000",
          end="TZID=America/Los_Angeles:20261209T113000", tzid="America/Los_Angeles",
          summary="Wingtip Toys Panel Interview - Priya Natarajan",
          organizer=("Wingtip Toys Recruiting", "scheduling@goodtime.io"),
          attendees=[("Priya Natarajan", ME_PRIYA), ("Marcus Bell", "marcus.bell@wingtiptoys.com"),
                     ("Aiko Tanaka", "aiko.tanaka@wingtiptoys.com"),
                     ("Rafael Souza", "rafael.souza@wingtiptoys.com")],
          location="https://wingtiptoys.zoom.us/j/7724419032", prodid="goodtime")
body = multi("mixed", [multi("alternative", [plain(t), html(htmlize(t, "Wingtip Toys")),
                                             calpart(cal, "REQUEST")], bnd(f)),
                       attach("invite.ics", "application/ics", cal)], bnd(f, 1))
message(f, frm="Wingtip Toys Recruiting <scheduling@goodtime.io>",
        reply_to="Nina Kovacs <nina.kovacs@wingtiptoys.com>", to=PRIYA,
        subject="Interview Confirmation - Wingtip Toys",
        date=rfcdate("2026-12-01 23:58:01", "UTC"), domain="goodtime.io", body=body,
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-09T10:00:00-08:00", "2026-12-09T11:30:00-08:00", "panel",
            ["marcus.bell@wingtiptoys.com", "aiko.tanaka@wingtiptoys.com",
             "rafael.souza@wingtiptoys.com"], "Senior iOS Engineer", "Wingtip Toys",
            ["Marcus Bell", "Aiko Tanaka", "Rafael Souza"])))

# 11 GoodTime single interview, Teams, Eastern
f = "confirmed_goodtime_video_01.eml"
t = """Hello Alex,

We've locked in your Hiring Manager interview for the Principal Software Engineer role at Coho Winery. Details below:

Thursday, November 12, 2026 | 11:00 AM - 11:45 AM EST
Interviewer: Gabriel Moreau, Head of Engineering
Microsoft Teams: https://teams.microsoft.com/l/meetup-join/19%3ameeting_Y2hvd2luZXJ5%40thread.v2/0

Please join from a quiet space with your camera on.

Best regards,
Coho Winery Talent
"""
message(f, frm="Coho Winery Talent <no-reply@goodtime.io>", to=ALEX,
        subject="Confirmed: Hiring Manager Interview, Coho Winery",
        date=rfcdate("2026-11-06 14:30:00", "America/New_York"), domain="goodtime.io",
        body=alt(f, t, htmlize(t, "Coho Winery"), "qp", "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-11-12T11:00:00-05:00", "2026-11-12T11:45:00-05:00", "video", [],
            "Principal Software Engineer", "Coho Winery", ["Gabriel Moreau"])))

# 12 Calendly phone screen booked by the candidate, with invite.ics
f = "confirmed_calendly_phone_01.eml"
t = """Hi Priya Natarajan,

Your event has been scheduled.

Event Type:
Proseware Phone Screen (Recruiter)

Event Host:
Maya Chen

Event Date/Time:
10:00am - 10:30am (Pacific Time - US & Canada)
Thursday, November 19, 2026

Location:
Maya will call you at +1 415-555-0199

Invitee Email:
priya.n@fastmail.com

Questions:
Which role are you interested in? - Senior Data Analyst

Need to make changes to this event?
Cancel: https://calendly.com/cancellations/3f2c1a0e
Reschedule: https://calendly.com/reschedulings/3f2c1a0e

Powered by Calendly.com
"""
cal = ics(method="REQUEST", uid="3f2c1a0e-calendly", start="20261119T180000Z",
          end="20261119T183000Z", summary="Proseware Phone Screen (Recruiter) between Maya Chen and Priya Natarajan",
          organizer=("Maya Chen", "maya.chen@proseware.com"),
          attendees=[("Priya Natarajan", ME_PRIYA)], location="+1 415-555-0199",
          prodid="calendly")
body = multi("mixed", [alt(f, t, htmlize(t), "7bit", "qp"),
                       attach("invite.ics", "text/calendar", cal)], bnd(f, 1))
message(f, frm="Calendly <notifications@calendly.com>", reply_to="maya.chen@proseware.com",
        to=PRIYA, subject="Confirmed: Proseware Phone Screen (Recruiter) with Maya Chen on Thursday, November 19, 2026",
        date=rfcdate("2026-11-16 22:10:47", "UTC"), domain="calendly.com", body=body,
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-11-19T10:00:00-08:00", "2026-11-19T10:30:00-08:00", "phone",
            ["maya.chen@proseware.com"], "Senior Data Analyst", "Proseware", ["Maya Chen"])))

# 13 Calendly video, European date format
f = "confirmed_calendly_video_01.eml"
t = """Hi Lena Müller,

A new event has been scheduled.

Event Type: Adventure Works - Backend Engineer Interview (45 min)
Event Host: Jonas Becker
Date/Time: 14:00 - 14:45 (Central European Time), Thursday, 3 December 2026
Location: This is a Google Meet web conference. Join: https://meet.google.com/qyz-ujfc-hbb

Invitee: Lena Müller
Invitee Email: lena.mueller@posteo.de

Powered by Calendly.com
"""
message(f, frm="Calendly <notifications@calendly.com>", reply_to="jonas.becker@adventure-works.de",
        to=LENA, subject="Confirmed: Adventure Works - Backend Engineer Interview (45 min) with Jonas Becker on Thursday, 3 December 2026",
        date=rfcdate("2026-11-26 08:03:12", "Europe/Berlin"), domain="calendly.com",
        body=alt(f, t, htmlize(t), "qp", "qp"),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-03T14:00:00+01:00", "2026-12-03T14:45:00+01:00", "video",
            ["jonas.becker@adventure-works.de"], "Backend Engineer", "Adventure Works",
            ["Jonas Becker"]),
            ))

# 14 ModernLoop final round onsite
f = "confirmed_modernloop_final_01.eml"
t = """Hi Alex,

Your final round interview for Director of Engineering at Trey Research is confirmed.

Date: Friday, December 11, 2026
Time: 9:30 AM - 2:00 PM Eastern
Where: Trey Research, 55 Summer Street, 8th floor, Boston, MA 02110

Schedule
9:30 - 10:30   Leadership & Strategy - Eleanor Vance (CEO)
10:30 - 11:30  Cross-functional partnership - Omar Haddad (VP Product)
11:30 - 12:30  Lunch with the team
12:30 - 2:00   Technical deep-dive - Sofia Reyes (Principal Engineer), Wen Li (Staff Engineer)

Travel and hotel details were sent separately by Nora. Reply to this message if anything changes.

Trey Research Recruiting Team
"""
message(f, frm="Trey Research via ModernLoop <no-reply@modernloop.io>",
        reply_to="Nora Fitzgerald <nora.f@treyresearch.net>", to=ALEX,
        subject="Your Final Round Interview at Trey Research",
        date=rfcdate("2026-12-02 19:20:00", "UTC"), domain="modernloop.io",
        body=alt(f, t, htmlize(t, "Trey Research", "Scheduled with ModernLoop"), "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-11T09:30:00-05:00", "2026-12-11T14:00:00-05:00", "final", [],
            "Director of Engineering", "Trey Research",
            ["Eleanor Vance", "Omar Haddad", "Sofia Reyes", "Wen Li"]),
            note="Final beats panel and in_person."))

# 15 Greenhouse reschedule
f = "confirmed_greenhouse_reschedule_01.eml"
t = """Hi Sam,

Heads up: your interview has been rescheduled. Your previous time (Tuesday, December 1 at 3:00 PM CST) is no longer valid.

New time:
Thursday, December 3, 2026
2:30 PM - 3:30 PM Central Time

Role: Staff Frontend Engineer
Company: Litware
Interviewer: Beatriz Almeida
Video: https://litware.zoom.us/j/61833022104

Apologies for the shuffle, and thanks for your flexibility!
Jamal Wright, Litware Recruiting
"""
message(f, frm="Litware Recruiting <no-reply@greenhouse.io>",
        reply_to="jamal.wright@litware.com", to=SAM,
        subject="Updated: Your interview with Litware has been rescheduled",
        date=rfcdate("2026-11-30 16:44:09", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Litware"), "qp"),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-03T14:30:00-06:00", "2026-12-03T15:30:00-06:00", "video", [],
            "Staff Frontend Engineer", "Litware", ["Beatriz Almeida"]),
            note="A reschedule is a new confirmation with the new time."))

# 16 Workday-like ATS via iCIMS with base64 HTML and RFC 2047 subject
f = "confirmed_icims_inperson_01.eml"
h = htmlize("""Dear Lena,

We are pleased to invite you to an on-site interview for the position of Senior Data Engineer at Contoso Deutschland GmbH.

Date: Tuesday, 8 December 2026
Time: 10:00 - 11:30 CET
Address: Contoso Deutschland GmbH, Friedrichstraße 68, 10117 Berlin, 4th floor reception

Your interviewer will be Katrin Vogel (Head of Data Engineering). Please bring a valid ID.

Kind regards,
Anna Schmidt
Talent Acquisition, Contoso Deutschland GmbH""", "Contoso Careers")
message(f, frm=f"{b_word('Contoso Karriere')} <careers-contoso@talent.icims.com>",
        reply_to="anna.schmidt@contoso.de", to=LENA,
        subject=b_word("Einladung zum Vorstellungsgespräch / Interview invitation – Senior Data Engineer"),
        date=rfcdate("2026-11-27 11:17:40", "Europe/Berlin"), domain="talent.icims.com",
        body=html(h, "b64"),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-08T10:00:00+01:00", "2026-12-08T11:30:00+01:00", "in_person", [],
            "Senior Data Engineer", "Contoso Deutschland GmbH", ["Katrin Vogel"]),
            note="'invite you to an on-site interview' with a fixed date and time is a confirmation."))
