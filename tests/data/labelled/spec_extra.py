"""More hard cases: calendar replies the user sends, forwarded confirmations, short notes."""

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
    calpart,
    htmlize,
    ics,
    iv,
    lab,
    look,
    message,
    mid,
    multi,
    plain,
    q_word,
    rfcdate,
)
from spec_confirmed_cal import ms_headers

WORK_ALEX = "alex.wong@cyberdyne.io"

# The user accepts a Google Calendar interview invite: METHOD:REPLY sent by the user.
f = "sent_calendar_accept_01.eml"
t = """Alex Wong has accepted this invitation.

Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)
When: Tuesday Dec 8, 2026 11am \u2013 12pm Eastern Time - New York

Invitation from Google Calendar
"""
cal = ics(method="REPLY", uid="7d4a1c0e9b2f@google.com", start="20261208T160000Z",
          end="20261208T170000Z",
          summary="Alex Wong / A. Datum - Technical Interview (Senior Software Engineer)",
          organizer=("Ravi Menon", "ravi.menon@adatum.com"), attendees=[(ME_ALEX, ME_ALEX)],
          me_status={ME_ALEX: "ACCEPTED"}, stamp="20261130T160100Z")
message(f, frm=ALEX, to="ravi.menon@adatum.com",
        subject="Accepted: Alex Wong / A. Datum - Technical Interview (Senior Software Engineer) @ Tue Dec 8, 2026 11am - 12pm (EST) (ravi.menon@adatum.com)",
        date=rfcdate("2026-11-30 16:01:00", "UTC"), domain="google.com",
        body=multi("mixed", [multi("alternative", [plain(t), calpart(cal, "REPLY")], bnd(f)),
                             attach("invite.ics", "application/ics", cal)], bnd(f, 1)),
        label=lab("other", ME_ALEX, direction="sent",
                  note="The user's own calendar REPLY: conversation, not a step and not a "
                       "confirmation from the employer."))

# A recruiter forwards the hiring manager's confirmation (Outlook FW:).
f = "confirmed_forwarded_01.eml"
t = """Hi Sam - forwarding Alan's note below so you have everything in one place. You're all set!

Priti

-----Original Message-----
From: Alan Brooks <alan.brooks@fourthcoffee.com>
Sent: Wednesday, December 2, 2026 4:12 PM
To: Priti Shah <priti.shah@fourthcoffee.com>
Subject: Sam Okafor - interview

Priti, please confirm with Sam: Monday 12/7 at 3:00 PM CT, one hour on Teams, with me and Grace Nakamura (grace.nakamura@fourthcoffee.com) for the Cloud Platform Engineer role. I'll send the Teams link from my calendar.

Thanks,
Alan Brooks
Director of Cloud Platform | Fourth Coffee
"""
message(f, frm="Priti Shah <priti.shah@fourthcoffee.com>", to=SAM,
        subject="FW: Sam Okafor - interview",
        date=rfcdate("2026-12-03 08:05:00", "America/Chicago"), domain="fourthcoffee.com",
        headers=ms_headers("Sam Okafor - interview"), body=alt(f, t, htmlize(t), "qp"),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-07T15:00:00-06:00", "2026-12-07T16:00:00-06:00", "video",
            ["alan.brooks@fourthcoffee.com", "grace.nakamura@fourthcoffee.com"],
            "Cloud Platform Engineer", "Fourth Coffee", ["Alan Brooks", "Grace Nakamura"]),
            note="The confirmation is in the forwarded part; forwarding makes it the "
                 "recruiter's message."))

# "See you tomorrow at 11:00" without a zone: the sender's Date offset (+01:00) applies.
f = "confirmed_human_tomorrow_02.eml"
t = """Dear Lena,

Thank you for the pleasant phone interview last week. As discussed on the phone this morning, see you tomorrow at 11:00 at our Hamburg office (Große Elbstraße 145, 22767 Hamburg, 3rd floor) for the second round for the Backend Developer role. You will meet me and our CTO, Dr. Ines Kraft (ines.kraft@suedwind-logistik.de); plan about 90 minutes.

Kind regards,
Jürgen Weiß
Personalabteilung, Südwind Logistik GmbH
"""
message(f, frm=f"{q_word('Jürgen Weiß')} <j.weiss@suedwind-logistik.de>", to=LENA,
        subject="Second round tomorrow - Backend Developer",
        date=rfcdate("2026-12-14 10:20:00", "Europe/Berlin"), domain="suedwind-logistik.de",
        body=plain(t, "qp"),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-15T11:00:00+01:00", "2026-12-15T12:30:00+01:00", "in_person",
            ["j.weiss@suedwind-logistik.de", "ines.kraft@suedwind-logistik.de"],
            "Backend Developer", "Südwind Logistik GmbH", ["Jürgen Weiß", "Ines Kraft"])))

# A short thank-you, written from a phone.
f = "thankyou_short_01.eml"
t = """Thanks so much for your time today, Tomás - I really enjoyed digging into the retention problem with you. Looking forward to next steps!

Priya

Sent from my iPhone
"""
message(f, frm=PRIYA, to=f"{q_word('Tomás Álvarez')} <tomas@southridgevideo.com>",
        subject="Thanks!", date=rfcdate("2026-12-03 12:02:00", "America/Los_Angeles"),
        domain="fastmail.com", body=plain(t, "qp"),
        label=lab("thank_you", ME_PRIYA, direction="sent",
                  note="Short, with a vague subject; sent the same day after the interview."))

# Interviewer-side reminder to submit feedback (user is the interviewer).
f = "lookalike_interviewer_scorecard_01.eml"
t = """Hi Alex,

Friendly reminder: your feedback for Jordan Patel (Data Analyst - Technical Screen, Dec 1) is overdue. Hiring decisions move faster when every interviewer submits a scorecard within 24 hours.

Submit feedback: https://app.ashbyhq.com/feedback/cyberdyne/44021

Cyberdyne Systems Recruiting
"""
m = look(ME_ALEX, "user_interviewer", note="The user owes feedback as an interviewer.")
m["me"] = [ME_ALEX, WORK_ALEX]
message(f, frm="Cyberdyne Systems <no-reply@ashbyhq.com>", to=WORK_ALEX,
        subject="Reminder: submit your interview feedback for Jordan Patel",
        date=rfcdate("2026-12-02 14:00:00", "UTC"), domain="ashbyhq.com",
        body=alt(f, t, htmlize(t, "Ashby"), "qp"), label=m)

# An apartment viewing: an appointment with a time, not an interview.
f = "negative_personal_viewing_01.eml"
t = """Hi Sam,

Your viewing at 1400 N Lake Shore Dr, Unit 12C is confirmed for Saturday, December 5 at 11:00 AM. Ask the doorman for Brenda from Lakeshore Realty. Please bring a photo ID.

See you then!
Brenda Nguyen
Lakeshore Realty
"""
message(f, frm="Brenda Nguyen <brenda@lakeshorerealty.example>", to=SAM,
        subject="Viewing confirmed - Sat 12/5 at 11:00 AM",
        date=rfcdate("2026-12-02 17:30:00", "America/Chicago"), domain="lakeshorerealty.example",
        body=plain(t), label=look(ME_SAM, "personal"))

# Ashby rejection after a technical interview.
f = "reply_rejection_ashby_01.eml"
t = """Hi Priya,

Thank you for interviewing with us for the Machine Learning Engineer role and for the time you spent with Oskar. The team was impressed by your depth in experimentation, but we've decided not to move forward, as we are prioritising candidates with more production ML systems experience for this position.

We'd be glad to hear from you again for future roles.

Grace Abernathy
Recruiting, Lucerne Publishing
"""
message(f, frm="Grace Abernathy <no-reply@ashbyhq.com>", reply_to="grace@lucernepublishing.com",
        to=PRIYA, subject="Update on your Lucerne Publishing application",
        date=rfcdate("2026-12-09 19:40:00", "UTC"), domain="ashbyhq.com",
        body=alt(f, t, htmlize(t, "Lucerne Publishing"), "qp"),
        label=lab("employer_reply", ME_PRIYA, reply="rejection"))

# An employer asks for availability by replying in the thank-you thread (new round).
f = "requested_reply_in_thanks_thread_01.eml"
q = """Hi Kim,

Thank you for the phone screen this afternoon! I enjoyed hearing how Fourth Coffee is rebuilding its data platform around the loyalty app.

Best,
Priya Natarajan"""
t = f"""Hi Priya,

Great news - the hiring manager would like to meet you! Could you send me two or three 45-minute windows between December 15 and 18 for a video interview with her?

Kim

On Wed, Dec 2, 2026 at 3:05 PM Priya Natarajan <priya.n@fastmail.com> wrote:
{chr(10).join('> ' + ln if ln else '>' for ln in q.split(chr(10)))}
"""
message(f, frm="Kim Lee <kim.lee@fourthcoffee.com>", to=PRIYA,
        subject="Re: Thank you - Product Manager, Data Platform",
        date=rfcdate("2026-12-10 10:00:00", "America/Los_Angeles"), domain="fourthcoffee.com",
        in_reply_to=mid("thankyou_phone_screen_01.eml", "fastmail.com"), body=plain(t),
        label=lab("interview_requested", ME_PRIYA,
                  note="Availability asked in the user's thank-you thread; the quoted part is a thank-you."))
