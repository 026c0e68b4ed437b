"""Interview requests (no fixed time yet) and cancellations."""

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
    bnd,
    html,
    htmlize,
    ics,
    lab,
    message,
    mid,
    multi,
    plain,
    quote,
    rfcdate,
)
from spec_confirmed_cal import google, ms_headers, outlook

REQ = "interview_requested"
CAN = "interview_cancelled"

# ------------------------------------------------------------------ requested

f = "requested_greenhouse_availability_01.eml"
t = """Hi Alex,

Thank you for your interest in the Senior Backend Engineer position at Northwind Robotics! We'd like to schedule a 45-minute technical interview with the Platform team.

Please let us know your availability over the next two weeks using the link below. Select as many times as you can - the more options, the faster we can get something on the calendar.

Submit your availability: https://app.greenhouse.io/availability/3b5f1e2a-northwind

Times are shown in your local time zone.

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
message(f, frm="Northwind Robotics <no-reply@greenhouse.io>",
        reply_to="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
        subject="Northwind Robotics - Please provide your availability",
        date=rfcdate("2026-11-18 16:20:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Northwind Robotics", "Powered by Greenhouse"), "qp"),
        label=lab(REQ, ME_ALEX))

f = "requested_goodtime_selfschedule_01.eml"
t = """Hi Alex,

You've been invited to schedule your Hiring Manager Interview with Coho Winery for the Principal Software Engineer role.

Pick a time that works for you: https://app.goodtime.io/candidate/self-schedule/0c7d1e2f
Duration: 45 minutes | Format: Microsoft Teams

This link expires in 5 days. If none of the times work, reply to this email and we'll find another option.

Coho Winery Talent
"""
message(f, frm="Coho Winery Talent <no-reply@goodtime.io>", reply_to="talent@cohowinery.com",
        to=ALEX, subject="Action needed: choose a time for your Coho Winery interview",
        date=rfcdate("2026-11-03 13:00:00", "America/New_York"), domain="goodtime.io",
        body=alt(f, t, htmlize(t, "Coho Winery"), "qp"), label=lab(REQ, ME_ALEX))

f = "requested_calendly_link_01.eml"
t = """Hi Priya,

Thanks so much for applying for the Senior Data Analyst role at Proseware - your experimentation background caught our eye. The first step is a 30-minute phone screen with me.

Please grab a time that suits you here: https://calendly.com/maya-chen-proseware/phone-screen

Looking forward to it!

Maya Chen
Recruiter, Proseware
"""
message(f, frm="Maya Chen <maya.chen@proseware.com>", to=PRIYA,
        subject="Proseware - Senior Data Analyst: next step",
        date=rfcdate("2026-11-13 11:42:00", "America/Los_Angeles"), domain="proseware.com",
        body=plain(t), label=lab(REQ, ME_PRIYA))

f = "requested_lever_01.eml"
t = """Hey Sam,

Thanks for chatting with Luis last week! The team would like to move forward with a 60-minute technical interview for the Site Reliability Engineer role.

Please use the link below to choose a slot that works for you:
https://hire.lever.co/interview-scheduling/tailspintoys/6e1a9f

Talk soon,
Tailspin Toys Recruiting
"""
message(f, frm="Tailspin Toys <no-reply@hire.lever.co>",
        reply_to="Luis Ortega <luis.ortega@tailspintoys.com>", to=SAM,
        subject="Next steps with Tailspin Toys - schedule your technical interview",
        date=rfcdate("2026-11-17 15:30:00", "America/Chicago"), domain="hire.lever.co",
        body=alt(f, t, htmlize(t, "Tailspin Toys"), "7bit", "b64"), label=lab(REQ, ME_SAM))

f = "requested_ashby_01.eml"
t = """Hi Priya,

Lucerne Publishing would like to schedule a Technical Interview: ML Systems (60 min) with you for the Machine Learning Engineer role.

Choose a time: https://app.ashbyhq.com/self-schedule/lucerne/9a1b2c3d

Available times are within the next 10 business days. Reach out to Grace if you need something else.

-- Sent on behalf of Lucerne Publishing by Ashby
"""
message(f, frm="Lucerne Publishing <no-reply@ashbyhq.com>",
        reply_to="Grace Abernathy <grace@lucernepublishing.com>", to=PRIYA,
        subject="Schedule your interview with Lucerne Publishing",
        date=rfcdate("2026-11-23 19:02:00", "UTC"), domain="ashbyhq.com",
        body=alt(f, t, htmlize(t, "Lucerne Publishing"), "qp"), label=lab(REQ, ME_PRIYA))

f = "requested_human_availability_01.eml"
t = """Hi Lena,

Thanks for your time on the phone yesterday - Pieter and I both enjoyed it. As a next step we'd like you to meet our CTO, Ruud, for a 45-minute video call about architecture and team setup.

Could you share a few times next week that would work for you? Mornings CET are easiest for him.

Groetjes,
Maartje de Boer
Recruiter - Tailwind Traders B.V.
"""
message(f, frm="Maartje de Boer <maartje.deboer@tailwindtraders.nl>", to=LENA,
        subject="Next step: conversation with our CTO",
        date=rfcdate("2026-12-05 10:11:00", "Europe/Amsterdam"), domain="tailwindtraders.nl",
        body=plain(t, "qp"),
        label=lab(REQ, ME_LENA, note="Asking for availability for a later round is a request, "
                                     "not employer_reply/next_step."))

f = "requested_human_manager_01.eml"
t = """Hi Sam,

I'm the hiring manager for the Data Platform Engineer opening here at Lamna. I read through your application and your write-up on migrating off Hadoop - great stuff. I'd love to set up an informal 30-minute chat so you can learn about the team and I can hear more about what you've built.

When are you free over the next week or so? Happy to work around your schedule.

Keisha Brown
Engineering Manager, Lamna Healthcare
"""
message(f, frm="Keisha Brown <keisha.brown@lamnahealthcare.com>", to=SAM,
        subject="Your application - Data Platform Engineer",
        date=rfcdate("2026-11-30 08:47:00", "America/Chicago"), domain="lamnahealthcare.com",
        body=plain(t), label=lab(REQ, ME_SAM))

f = "requested_human_quoted_01.eml"
q = """Hi Ellen,

Thanks again for setting up the call with Dylan yesterday - it was a great conversation and I'm excited about the Imports team.

Best,
Alex"""
t = f"""Hi Alex,

Dylan enjoyed it too! The next step is a 90-minute technical interview with two engineers from the team (pairing plus a short design discussion). What does your availability look like December 7-9? Please send me a few windows and I'll lock one in.

Ellen

On Thu, Nov 26, 2026 at 8:05 AM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q)}
"""
message(f, frm="Ellen Marsh <ellen.marsh@vandelay.com>", to=ALEX,
        subject="Re: Thank you for the Backend Engineer, Imports interview",
        date=rfcdate("2026-11-30 10:15:00", "America/New_York"), domain="vandelay.com",
        in_reply_to=mid("vandelay-ty", "gmail.com"), body=plain(t, "qp"),
        label=lab(REQ, ME_ALEX, note="A new round is requested: the follow-up engine treats "
                                     "this as the next step too."))

f = "requested_workday_01.eml"
h = """<html><body style="font-family:Arial">
<p>Dear Sam Okafor,</p>
<p>Congratulations! You have been selected to interview for <b>R-10432 Senior Business Analyst (Open)</b> at Woodgrove Bank.</p>
<p><b>Action Required:</b> Please sign in to your Candidate Home account and select an interview time from the available slots within 3 business days.</p>
<p><a href="https://woodgrove.wd5.myworkdayjobs.com/External/userHome">Schedule My Interview</a></p>
<p>This is an automated message; please do not reply.</p>
<p>Woodgrove Bank Talent Acquisition</p></body></html>
"""
message(f, frm="Woodgrove Bank <woodgrove@myworkday.com>", to="sam.okafor@outlook.com",
        subject="Action Required: Schedule Your Interview - Senior Business Analyst",
        date=rfcdate("2026-11-24 12:01:10", "America/New_York"), domain="myworkday.com",
        body=html(h, "7bit"), label=lab(REQ, ME_SAM))

f = "requested_modernloop_01.eml"
t = """Hi Alex,

Congratulations on moving forward to the final round for Director of Engineering at Trey Research! The onsite is a half day in our Boston office.

Please share your availability for the weeks of Dec 7 and Dec 14 here: https://candidate.modernloop.io/availability/treyresearch/55f0c1

Nora will reach out about travel once a date is set.

Trey Research Recruiting Team
"""
message(f, frm="Trey Research via ModernLoop <no-reply@modernloop.io>",
        reply_to="Nora Fitzgerald <nora.f@treyresearch.net>", to=ALEX,
        subject="Share your availability - Trey Research final round",
        date=rfcdate("2026-11-25 21:10:00", "UTC"), domain="modernloop.io",
        body=alt(f, t, htmlize(t, "Trey Research", "Scheduled with ModernLoop"), "qp"),
        label=lab(REQ, ME_ALEX))

f = "requested_human_slots_01.eml"
t = """Dear Lena,

Thank you for your application for Senior Data Engineer. We would like to get to know you in person. Could you tell me which of these slots suits you?

  - Wed, 2 Dec 2026, 10:00 CET
  - Thu, 3 Dec 2026, 15:00 CET
  - Tue, 8 Dec 2026, 10:00 CET

Each slot is about 90 minutes in our Berlin office.

Kind regards,
Anna Schmidt
Talent Acquisition, Contoso Deutschland GmbH
"""
message(f, frm="Anna Schmidt <anna.schmidt@contoso.de>", to=LENA,
        subject="Senior Data Engineer - interview dates",
        date=rfcdate("2026-11-24 14:05:00", "Europe/Berlin"), domain="contoso.de",
        body=plain(t), label=lab(REQ, ME_LENA, note="Several offered slots: no fixed time yet."))

f = "requested_outlook_quoted_01.eml"
t = """Hi Priya,

Thank you for your interest in the Analytics Manager role. We were impressed by your background and would like to invite you to interview with our team. Could you please advise your availability for a 30-minute video call with the hiring manager over the next few days?

Kind regards,
Hélène Girard
Talent Acquisition | Consolidated Messenger

-----Original Message-----
From: Priya Natarajan <priya.n@fastmail.com>
Sent: Monday, November 23, 2026 9:14 PM
To: careers@consolidatedmessenger.com
Subject: Application - Analytics Manager (Req 4471)

Hello,

Please find attached my resume for the Analytics Manager position (Req 4471). I'd welcome the chance to discuss how my experience leading experimentation programs could help your team.

Best regards,
Priya Natarajan
"""
message(f, frm="=?utf-8?B?SMOpbMOobmUgR2lyYXJk?= <helene.girard@consolidatedmessenger.com>",
        to=PRIYA, subject="RE: Application - Analytics Manager (Req 4471)",
        date=rfcdate("2026-11-25 08:30:00", "America/Los_Angeles"),
        domain="consolidatedmessenger.com", in_reply_to=mid("cm-apply", "fastmail.com"),
        headers=ms_headers("Application - Analytics Manager (Req 4471)"),
        body=alt(f, t, htmlize(t), "qp"), label=lab(REQ, ME_PRIYA))

f = "requested_goodtime_panel_01.eml"
t = """Hi Priya,

Next up is a 90-minute panel interview with three members of the Wingtip Toys iOS team. Please submit your availability for the next two weeks and we'll send a confirmed time within one business day.

Submit availability: https://app.goodtime.io/candidate/availability/wingtip/88aa31

Thanks!
Nina Kovacs
Recruiting Coordinator, Wingtip Toys
"""
message(f, frm="Wingtip Toys Recruiting <scheduling@goodtime.io>",
        reply_to="Nina Kovacs <nina.kovacs@wingtiptoys.com>", to=PRIYA,
        subject="Wingtip Toys: please share your availability",
        date=rfcdate("2026-11-27 18:00:00", "UTC"), domain="goodtime.io",
        body=alt(f, t, htmlize(t, "Wingtip Toys"), "qp"), label=lab(REQ, ME_PRIYA))

# ------------------------------------------------------------------ cancelled

f = "cancelled_gcal_01.eml"
t = """This event has been canceled.

Title: Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)
Sorry Alex - the req was paused this morning. I'll reach out as soon as I know more.

When: Tuesday Dec 8, 2026 11am \u2013 12pm Eastern Time - New York

Calendar: alex.wong@gmail.com
Who:
    * Ravi Menon - organizer
    * alex.wong@gmail.com

Invitation from Google Calendar
"""
cal = ics(method="CANCEL", uid="7d4a1c0e9b2f@google.com", start="20261208T160000Z",
          end="20261208T170000Z", status="CANCELLED", sequence=1,
          summary="Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)",
          organizer=("Ravi Menon", "ravi.menon@adatum.com"),
          attendees=[("Ravi Menon", "ravi.menon@adatum.com"), (ME_ALEX, ME_ALEX)])
message(f, frm="Ravi Menon <ravi.menon@adatum.com>",
        sender="Google Calendar <calendar-notification@google.com>", to=ME_ALEX,
        subject="Canceled event with note: Alex Wong / A. Datum - Technical Interview (Senior Software Engineer) @ Tue Dec 8, 2026 11am - 12pm (EST) (alex.wong@gmail.com)",
        date=rfcdate("2026-12-04 14:55:00", "UTC"), domain="google.com",
        body=google(f, t, cal, "CANCEL"), label=lab(CAN, ME_ALEX))

f = "cancelled_outlook_01.eml"
t = """Hi Sam, I have to cancel our Friday conversation - I'm out unexpectedly. Jess from our recruiting team will reach out to find a new time next week. Apologies!

Rebecca
"""
cal = ics(method="CANCEL", uid="040000008200E00074C5B7101A82E00800000000A0F4C2B0", prodid="exchange",
          start="TZID=Eastern Standard Time:20261204T130000",
          end="TZID=Eastern Standard Time:20261204T140000", tzid="Eastern Standard Time",
          summary="Canceled: Interview: Sam Okafor - Senior Cloud Engineer", status="CANCELLED",
          sequence=1, organizer=("Rebecca Laszlo", "rlaszlo@northwindtraders.com"),
          attendees=[("Sam Okafor", ME_SAM)], location="Microsoft Teams Meeting")
message(f, frm="Rebecca Laszlo <rlaszlo@northwindtraders.com>", to="Sam Okafor <sam.okafor@outlook.com>",
        subject="Canceled: Interview: Sam Okafor - Senior Cloud Engineer",
        date=rfcdate("2026-12-03 07:58:00", "America/New_York"), domain="northwindtraders.com",
        headers=(*ms_headers("Interview: Sam Okafor - Senior Cloud Engineer"), "Importance: high"),
        body=outlook(f, t, cal, "CANCEL"), crlf=True, label=lab(CAN, ME_SAM))

f = "cancelled_greenhouse_01.eml"
t = """Hello Priya,

We're writing to let you know that your Phone Screen for the Product Designer position at Contoso, originally scheduled for Monday, November 30, 2026 at 9:30 AM PST, has been cancelled.

Kenji will be in touch shortly with new options. We apologize for any inconvenience.

The Contoso Talent Team
"""
message(f, frm="Contoso Recruiting <no-reply@greenhouse.io>",
        reply_to="Kenji Watanabe <kenji.watanabe@contoso.com>", to=PRIYA,
        subject="Interview Cancelled - Product Designer, Contoso",
        date=rfcdate("2026-11-27 01:10:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Contoso"), "qp"), label=lab(CAN, ME_PRIYA))

f = "cancelled_human_01.eml"
t = """Hi Lena,

I'm so sorry for the short notice, but Jonas is out sick today and we need to cancel tomorrow's interview. I'll send you a few new options as soon as he's back - hopefully next week.

Thanks for your understanding,
Sabine Koch
People & Culture, Adventure Works
"""
message(f, frm="Sabine Koch <sabine.koch@adventure-works.de>", to=LENA,
        cc="jonas.becker@adventure-works.de", subject="Interview tomorrow - need to cancel",
        date=rfcdate("2026-12-02 12:20:00", "Europe/Berlin"), domain="adventure-works.de",
        body=plain(t), label=lab(CAN, ME_LENA))

f = "cancelled_calendly_01.eml"
t = """Hi Priya Natarajan,

The event below has been canceled.

Event Type: Proseware Phone Screen (Recruiter)
Event Host: Maya Chen
Event Date/Time: 10:00am - 10:30am (Pacific Time - US & Canada), Thursday, November 19, 2026

Canceled by: Maya Chen
Reason for canceling: So sorry - I'm double booked. Could you pick another time from my page?

Schedule a new time: https://calendly.com/maya-chen-proseware/phone-screen

Powered by Calendly.com
"""
cal = ics(method="CANCEL", uid="3f2c1a0e-calendly", start="20261119T180000Z",
          end="20261119T183000Z", status="CANCELLED", sequence=1,
          summary="Proseware Phone Screen (Recruiter) between Maya Chen and Priya Natarajan",
          organizer=("Maya Chen", "maya.chen@proseware.com"),
          attendees=[("Priya Natarajan", ME_PRIYA)], prodid="calendly")
message(f, frm="Calendly <notifications@calendly.com>", reply_to="maya.chen@proseware.com",
        to=PRIYA, subject="Canceled: Proseware Phone Screen (Recruiter) with Maya Chen on Thursday, November 19, 2026",
        date=rfcdate("2026-11-18 17:40:00", "UTC"), domain="calendly.com",
        body=multi("mixed", [alt(f, t, htmlize(t), "qp"),
                             attach("invite.ics", "text/calendar", cal)], bnd(f, 1)),
        label=lab(CAN, ME_PRIYA, note="The host asks to rebook, but the event is cancelled."))

f = "cancelled_goodtime_01.eml"
t = """Hello Alex,

Your Hiring Manager Interview with Coho Winery scheduled for Thursday, November 12, 2026 at 11:00 AM EST has been canceled.

A member of the Coho Winery recruiting team will follow up with next steps.

Coho Winery Talent
"""
message(f, frm="Coho Winery Talent <no-reply@goodtime.io>", to=ALEX,
        subject="Canceled: Hiring Manager Interview, Coho Winery",
        date=rfcdate("2026-11-10 09:15:00", "America/New_York"), domain="goodtime.io",
        body=alt(f, t, htmlize(t, "Coho Winery"), "qp"), label=lab(CAN, ME_ALEX))

f = "cancelled_human_quoted_01.eml"
q = """Hi Sam -

Looking forward to seeing you at our office on Thursday 12/17 at 10:00 AM Central for the Data Platform Engineer interview.

Keisha Brown"""
t = f"""Sam,

I'm really sorry to do this, but we have to cancel Thursday's onsite. Leadership put the Data Platform Engineer role on hold yesterday while we finish 2027 budget planning. I'd genuinely like to pick this back up if it reopens in January and will reach out directly if it does.

Keisha

On Wed, Dec 9, 2026 at 5:20 PM Keisha Brown <keisha.brown@lamnahealthcare.com> wrote:
{quote(q)}
"""
message(f, frm="Keisha Brown <keisha.brown@lamnahealthcare.com>", to=SAM,
        subject="Re: See you on the 17th",
        date=rfcdate("2026-12-14 11:02:00", "America/Chicago"), domain="lamnahealthcare.com",
        in_reply_to=mid("confirmed_human_onsite_01.eml", "lamnahealthcare.com"), body=plain(t),
        label=lab(CAN, ME_SAM, note="Role on hold: the interview is cancelled with nothing new "
                                    "scheduled; not a rejection of the candidate."))
