"""Interview confirmations written by people: recruiters, hiring managers, agencies."""

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
    html,
    htmlize,
    iv,
    lab,
    message,
    mid,
    plain,
    q_word,
    quote,
    rfcdate,
)

# 1 "Confirming our call tomorrow at 2pm ET" (Date Mon 16 Nov -> Tue 17 Nov)
f = "confirmed_human_tomorrow_01.eml"
t = """Hi Alex,

Confirming our call tomorrow at 2pm ET. I'll ring you at 917-555-0182; we'll need about 30 minutes. I'd like to hear about your pipeline work at your current company and walk you through the Staff Data Engineer role and the team.

Talk then,
Jonah

--
Jonah Feld
Technical Recruiter | Fabrikam, Inc.
jonah.feld@fabrikam.com | +1 212 555 0107
"""
message(f, frm="Jonah Feld <jonah.feld@fabrikam.com>", to=ALEX,
        subject="Quick call tomorrow", date=rfcdate("2026-11-16 16:40:12", "America/New_York"),
        domain="fabrikam.com", body=plain(t),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-11-17T14:00:00-05:00", "2026-11-17T14:30:00-05:00", "phone",
            ["jonah.feld@fabrikam.com"], "Staff Data Engineer", "Fabrikam", ["Jonah Feld"])))

# 2 "See you Thursday, December 3 at 10:30am PT"
f = "confirmed_human_pt_01.eml"
t = """Hi Priya,

Thanks for grabbing a slot so quickly. See you Thursday, December 3 at 10:30am PT! We'll have 45 minutes; I'll mostly want to hear how you'd approach modelling our viewer-retention data, so feel free to think out loud.

Zoom: https://southridgevideo.zoom.us/j/88120455601

Cheers,
Tomás

Tomás Álvarez
Analytics Lead, Southridge Video
"""
message(f, frm=f"{q_word('Tomás Álvarez')} <tomas@southridgevideo.com>", to=PRIYA,
        subject="Re: Analytics Engineer - next conversation",
        date=rfcdate("2026-11-24 09:12:40", "America/Los_Angeles"), domain="southridgevideo.com",
        in_reply_to=mid("southridge-thread-1", "fastmail.com"),
        body=alt(f, t, htmlize(t), "qp", "qp"),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-03T10:30:00-08:00", "2026-12-03T11:15:00-08:00", "video",
            ["tomas@southridgevideo.com"], "Analytics Engineer", "Southridge Video",
            ["Tomás Álvarez"])))

# 3 European style "4 Dec 2026, 09:30 CET"
f = "confirmed_human_cet_01.eml"
t = """Hi Lena,

Great talking to you earlier. Just to confirm the technical interview for the Senior Backend Engineer (Go) role:

4 Dec 2026, 09:30 CET, 60 minutes, on Microsoft Teams (invite to follow)
with Pieter Jansen (Tech Lead, pieter.jansen@tailwindtraders.nl) and myself

Pieter will share a small Go codebase at the start; no preparation needed.

Groetjes,
Maartje de Boer
Recruiter - Tailwind Traders B.V.
"""
message(f, frm="Maartje de Boer <maartje.deboer@tailwindtraders.nl>", to=LENA,
        cc="Pieter Jansen <pieter.jansen@tailwindtraders.nl>",
        subject="Technical interview 4 Dec - Senior Backend Engineer (Go)",
        date=rfcdate("2026-11-26 15:47:02", "Europe/Amsterdam"), domain="tailwindtraders.nl",
        body=plain(t, "qp"),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-04T09:30:00+01:00", None, "video",
            ["pieter.jansen@tailwindtraders.nl", "maartje.deboer@tailwindtraders.nl"],
            "Senior Backend Engineer (Go)", "Tailwind Traders B.V.",
            ["Pieter Jansen", "Maartje de Boer"])))

# 4 Reschedule in a reply, with quoted history
f = "confirmed_human_reschedule_01.eml"
orig = """Hi Sam,

You're confirmed for your interview with Dev Patel, our Director of Platform, on Wednesday, November 18 at 3:00 pm CT. Zoom: https://cpandl.zoom.us/j/5550192288

Best,
Carmen"""
t = f"""Hi Sam,

Unfortunately Dev has been pulled into an all-day planning session on Wednesday, so we've moved your interview to Friday, Nov 20 at 11:00 am CT. Same Zoom link, same length (one hour). Really sorry for the late change - let me know if the new time doesn't work.

Best,
Carmen Ruiz
Recruiting, City Power & Light

On Mon, Nov 16, 2026 at 9:02 AM Carmen Ruiz <carmen.ruiz@cpandl.com> wrote:
{quote(orig)}
"""
message(f, frm="Carmen Ruiz <carmen.ruiz@cpandl.com>", to=SAM,
        subject="Re: Interview confirmation - Platform Engineer",
        date=rfcdate("2026-11-17 08:55:31", "America/Chicago"), domain="cpandl.com",
        in_reply_to=mid("cpandl-1", "cpandl.com"), body=plain(t),
        label=lab("interview_confirmed", ME_SAM,
                  interview=iv("2026-11-20T11:00:00-06:00", None, "video", [], "Platform Engineer",
                               "City Power & Light", ["Dev Patel"]),
                  note="Only the new time counts; the quoted old time is history."))

# 5 Onsite, three named interviewers with addresses -> panel
f = "confirmed_human_panel_01.eml"
t = """Hi Alex,

Wonderful - we're all set for your onsite on Wednesday, December 16, from 1:00 to 4:00 PM Eastern at our office (4120 Freidrich Lane, Suite 300, Austin is our HQ, but you'll be at the New York studio: 85 Broad St, 17th floor).

You'll meet, in order:
  1:00  Milton Waddams, Director of Engineering (milton.waddams@initech.com)
  2:00  Joanna Ortiz, Principal Engineer (joanna.ortiz@initech.com)
  3:00  Samir Nagheenanajar, Product Director (samir.n@initech.com)

Each conversation is an hour. Bring an ID for the front desk; we'll have lunch ready if you arrive early.

Thanks,
Bill Lumbergh
Talent Acquisition - Initech
"""
message(f, frm="Bill Lumbergh <bill.lumbergh@initech.com>", to=ALEX,
        subject="Onsite details - Senior Engineering Manager",
        date=rfcdate("2026-12-07 12:30:00", "America/Chicago"), domain="initech.com",
        body=alt(f, t, htmlize(t, "Initech"), "7bit", "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-16T13:00:00-05:00", "2026-12-16T16:00:00-05:00", "panel",
            ["milton.waddams@initech.com", "joanna.ortiz@initech.com", "samir.n@initech.com"],
            "Senior Engineering Manager", "Initech",
            ["Milton Waddams", "Joanna Ortiz", "Samir Nagheenanajar"]),
            note="Sender's Date is in Central time; the interview is stated in Eastern."))

# 6 Final round with the VP on Zoom
f = "confirmed_human_final_01.eml"
t = """Hi Priya,

Great news: the team loved meeting you, and we'd like you to join us for the final round. Confirming your final interview with our VP of Data, Marcus Hale, on Tuesday, Dec 15, 11am-12pm PT over Zoom:

https://bestforyouorganics.zoom.us/j/6648201177

This is mostly a conversation about how you'd grow the data science function, so come with questions for him too.

Warmly,
Jenna Brooks
People Operations | Best For You Organics
"""
message(f, frm="Jenna Brooks <jenna@bestforyouorganics.com>", to=PRIYA,
        cc="Marcus Hale <marcus.hale@bestforyouorganics.com>",
        subject="Final round - Lead Data Scientist",
        date=rfcdate("2026-12-08 10:03:00", "America/Los_Angeles"),
        domain="bestforyouorganics.com", body=plain(t, "qp"),
        label=lab("interview_confirmed", ME_PRIYA, interview=iv(
            "2026-12-15T11:00:00-08:00", "2026-12-15T12:00:00-08:00", "final",
            ["marcus.hale@bestforyouorganics.com"], "Lead Data Scientist",
            "Best For You Organics", ["Marcus Hale"])))

# 7 Recruiter accepts a proposed slot, quoted history below (Fri 20 Nov -> Wed 25 Nov)
f = "confirmed_human_reply_quoted_01.eml"
q1 = """Hi Ellen,

Thanks for reaching out! I'm free Tuesday after 1pm or Wednesday between 3 and 5pm Eastern. Would any of those work?

Best,
Alex"""
q0 = """Hi Alex,

Thanks for applying to the Backend Engineer, Imports role. Our hiring manager Dylan would like to set up a 30-minute phone interview. What does your availability look like early next week?

Ellen"""
t = f"""Perfect - Wednesday at 4pm works. I've put a hold on your calendar; Dylan Reyes will call you at 646-555-0193. Plan for 30 minutes.

Ellen Marsh
Recruiting | Vandelay Industries

On Thu, Nov 19, 2026 at 6:14 PM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q1)}
>
> On Thu, Nov 19, 2026 at 11:02 AM Ellen Marsh <ellen.marsh@vandelay.com> wrote:
{quote(quote(q0))}
"""
message(f, frm="Ellen Marsh <ellen.marsh@vandelay.com>", to=ALEX,
        cc="Dylan Reyes <dylan.reyes@vandelay.com>",
        subject="Re: Backend Engineer, Imports - phone interview",
        date=rfcdate("2026-11-20 09:31:18", "America/New_York"), domain="vandelay.com",
        in_reply_to=mid("vandelay-2", "gmail.com"), body=plain(t),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-11-25T16:00:00-05:00", "2026-11-25T16:30:00-05:00", "phone",
            ["dylan.reyes@vandelay.com"], "Backend Engineer, Imports", "Vandelay Industries",
            ["Dylan Reyes"]),
            note="'Wednesday' from Friday 20 Nov is 25 Nov; the zone comes from the quoted "
                 "proposal ('Eastern')."))

# 8 Onsite with one interviewer, Central time
f = "confirmed_human_onsite_01.eml"
t = """Hi Sam -

Looking forward to seeing you at our office on Thursday 12/17 at 10:00 AM Central for the Data Platform Engineer interview. We're at 222 W Adams St, 9th floor, Chicago. Plan on about 90 minutes; you'll be with me the whole time and I'll bring in a couple of engineers for short hellos.

Parking validation is available at the front desk.

Keisha Brown
Engineering Manager, Lamna Healthcare
(312) 555-0148
"""
message(f, frm="Keisha Brown <keisha.brown@lamnahealthcare.com>", to=SAM,
        subject="See you on the 17th",
        date=rfcdate("2026-12-09 17:20:00", "America/Chicago"), domain="lamnahealthcare.com",
        body=plain(t),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-12-17T10:00:00-06:00", "2026-12-17T11:30:00-06:00", "in_person",
            ["keisha.brown@lamnahealthcare.com"], "Data Platform Engineer", "Lamna Healthcare",
            ["Keisha Brown"]),
            note="Unnamed engineers for short hellos do not make a panel."))

# 9 "this Friday at 10am ET" on Teams, base64 plain text
f = "confirmed_human_teams_01.eml"
t = """Hello Alex,

Thanks for your note. Let's do this Friday at 10am ET for the Staff Machine Learning Engineer conversation - I'll send a Teams link from my calendar. An hour should be plenty.

Regards,
Walter Bishop
Head of Applied ML, Massive Dynamic
"""
message(f, frm="Walter Bishop <wbishop@massivedynamic.com>", to=ALEX,
        subject="RE: Staff Machine Learning Engineer",
        date=rfcdate("2026-12-01 18:05:44", "America/New_York"), domain="massivedynamic.com",
        in_reply_to=mid("massive-1", "gmail.com"), body=plain(t, "b64"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-04T10:00:00-05:00", "2026-12-04T11:00:00-05:00", "video",
            ["wbishop@massivedynamic.com"], "Staff Machine Learning Engineer",
            "Massive Dynamic", ["Walter Bishop"]),
            note="Tuesday 1 Dec -> 'this Friday' is 4 Dec."))

# 10 Agency recruiter (HTML only): the employer is the client, not the agency
f = "confirmed_agency_html_01.eml"
h = """<div dir="ltr"><p>Hi Alex,</p>
<p>Great news &ndash; <b>Contoso</b> would like to move ahead! I've confirmed your first interview for the <b>Lead Site Reliability Engineer</b> position:</p>
<ul><li><b>When:</b> Wednesday, December 9 at 1:00 PM ET (45 minutes)</li>
<li><b>With:</b> Paul Wright, Senior Director of Infrastructure</li>
<li><b>Where:</b> Zoom &ndash; <a href="https://contoso.zoom.us/j/7129933014">https://contoso.zoom.us/j/7129933014</a></li></ul>
<p>I'll call you the day before to prep. Any questions, just shout.</p>
<p>Best,<br>Fiona Gallagher<br>Senior Consultant, Kestrel Talent Partners<br>
<span style="color:#888">+1 212 555 0162 | kesteltalent.com</span></p></div>
"""
message(f, frm="Fiona Gallagher <fiona@kestreltalent.com>", to=ALEX,
        subject="Contoso interview confirmed - Wed 12/9",
        date=rfcdate("2026-12-03 13:14:15", "America/New_York"), domain="kestreltalent.com",
        body=html(h, "qp"),
        label=lab("interview_confirmed", ME_ALEX, interview=iv(
            "2026-12-09T13:00:00-05:00", "2026-12-09T13:45:00-05:00", "video", [],
            "Lead Site Reliability Engineer", "Contoso", ["Paul Wright"]),
            note="Agency recruiters arrange the interview; the company is their client."))

# 11 iso-8859-1, quoted-printable, non-ASCII company, phone
f = "confirmed_human_latin1_01.eml"
t = """Hallo Frau Müller,

vielen Dank für Ihre Bewerbung. Hiermit bestätige ich unser Telefoninterview für die Stelle Backend Developer (m/w/d):

Dienstag, 8. Dezember 2026, 16:00 Uhr (MEZ), ca. 30 Minuten
Ich rufe Sie unter der angegebenen Mobilnummer an.

(English: confirming our phone interview for the Backend Developer role on Tuesday, 8 December 2026 at 16:00 CET, about 30 minutes.)

Mit freundlichen Grüßen
Jürgen Weiß
Personalabteilung, Südwind Logistik GmbH
"""
message(f, frm=f"{q_word('Jürgen Weiß')} <j.weiss@suedwind-logistik.de>", to=LENA,
        subject=q_word("Bestätigung Telefoninterview - Backend Developer (m/w/d)"),
        date=rfcdate("2026-12-01 11:40:00", "Europe/Berlin"), domain="suedwind-logistik.de",
        body=plain(t, "qp", "iso-8859-1"),
        label=lab("interview_confirmed", ME_LENA, interview=iv(
            "2026-12-08T16:00:00+01:00", "2026-12-08T16:30:00+01:00", "phone",
            ["j.weiss@suedwind-logistik.de"], "Backend Developer", "Südwind Logistik GmbH",
            ["Jürgen Weiß"]),
            note="German mail with an English summary line; '(m/w/d)' is not part of the role."))

# 12 Phone screen, numeric US date
f = "confirmed_human_phone_01.eml"
t = """Hi Sam,

Thanks for the quick reply! Looking forward to our chat Tuesday 11/24 at 1:00 PM Central. I'll call your cell at (773) 555-0110 - we'll keep it to 30 minutes and cover your background plus the Senior DevOps Engineer role.

Olivia Grant
Senior Technical Recruiter
Blue Yonder Airlines
"""
message(f, frm="Olivia Grant <olivia.grant@blueyonderairlines.com>", to=SAM,
        subject="Re: Senior DevOps Engineer - intro call",
        date=rfcdate("2026-11-19 14:10:00", "America/Chicago"),
        domain="blueyonderairlines.com", in_reply_to=mid("byair-1", "outlook.com"),
        body=plain(t),
        label=lab("interview_confirmed", ME_SAM, interview=iv(
            "2026-11-24T13:00:00-06:00", "2026-11-24T13:30:00-06:00", "phone",
            ["olivia.grant@blueyonderairlines.com"], "Senior DevOps Engineer",
            "Blue Yonder Airlines", ["Olivia Grant"])))
