"""Employer replies in a process: next step, rejection, offer, timeline update, other."""

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
    lab,
    message,
    mid,
    multi,
    plain,
    q_word,
    quote,
    rfcdate,
)


def rep(me: str, reply: str, timeline: str | None = None, note: str | None = None) -> dict[str, object]:
    """Label of an employer reply."""
    return lab("employer_reply", me, reply=reply, timeline=timeline, note=note)


# ------------------------------------------------------------------ next step

f = "reply_nextstep_01.eml"
q = """Hi Rosa,

I wanted to check in on the Engineering Manager, Payments role after my onsite on November 19.

Best,
Alex Wong"""
t = f"""Hi Alex,

Thanks for your patience over the holiday! Good news - Hank and Lydia were both impressed, and the team would like to move you forward to a final conversation with our CTO. Our coordinator, Pam, will reach out in the next day or two to get it on the calendar.

Best,
Rosa

On Mon, Nov 30, 2026 at 9:15 AM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q)}
"""
message(f, frm="Rosa Delgado <rosa.delgado@globex.com>", to=ALEX,
        subject="Re: Onsite interview at Globex - Thursday 11/19",
        date=rfcdate("2026-12-01 11:48:00", "America/New_York"), domain="globex.com",
        in_reply_to=mid("followup_checkin_quoted_01.eml", "mail.gmail.com"), body=plain(t),
        label=rep(ME_ALEX, "next_step"))

f = "reply_nextstep_ats_01.eml"
t = """Hi Alex,

Thanks again for speaking with Dana on Tuesday. I'm happy to share that we'd like to move you forward to the virtual onsite for the Senior Backend Engineer role - four conversations with folks across Platform and Product.

I'll send over scheduling options shortly. In the meantime, here's a short guide on what to expect: https://northwindrobotics.com/careers/onsite-guide

Best,
Marisol Vega
Recruiting Coordinator | Northwind Robotics
"""
message(f, frm="Marisol Vega <no-reply@greenhouse.io>",
        reply_to="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
        subject="Next steps - Senior Backend Engineer at Northwind Robotics",
        date=rfcdate("2026-12-03 20:30:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Northwind Robotics"), "qp"),
        label=rep(ME_ALEX, "next_step", note="Sent through the ATS but written by the recruiter."))

f = "reply_nextstep_02.eml"
t = """Dear Lena,

Thank you again for visiting us on Tuesday. The team enjoyed the conversation very much, and we would like to invite you to a second round with our CTO, Dr. Felix Hartmann. Anna will contact you in the coming days to find a date.

Best regards,
Katrin Vogel
Head of Data Engineering
Contoso Deutschland GmbH
"""
message(f, frm="Katrin Vogel <katrin.vogel@contoso.de>", to=LENA, cc="anna.schmidt@contoso.de",
        subject="Re: Thank you for today's interview - Senior Data Engineer",
        date=rfcdate("2026-12-10 16:12:00", "Europe/Berlin"), domain="contoso.de",
        in_reply_to=mid("thankyou_onsite_b64_01.eml", "posteo.de"), body=plain(t, "b64"),
        label=rep(ME_LENA, "next_step"))

f = "reply_nextstep_03.eml"
t = """Hey Sam,

Good news! Dev really enjoyed your conversation and would like you to meet the rest of the platform team. You'll get an email from GoodTime with a scheduling link in the next couple of days - keep an eye on your spam folder just in case.

Carmen
"""
message(f, frm="Carmen Ruiz <carmen.ruiz@cpandl.com>", to=SAM,
        subject="RE: Interview confirmation - Platform Engineer",
        date=rfcdate("2026-12-02 13:40:00", "America/Chicago"), domain="cpandl.com",
        in_reply_to=mid("followup_outlook_original_01.eml", "outlook.com"),
        body=alt(f, t, htmlize(t), "7bit"), label=rep(ME_SAM, "next_step"))

f = "reply_nextstep_04.eml"
t = """Hi Priya,

Quick update: the panel's feedback was fantastic across the board! Next we'd like to do references and then a final conversation with Marcus, our VP of Data. I'll coordinate with his assistant and come back to you with a time.

Warmly,
Jenna Brooks
People Operations | Best For You Organics
"""
message(f, frm="Jenna Brooks <jenna@bestforyouorganics.com>", to=PRIYA,
        subject="Update - Lead Data Scientist",
        date=rfcdate("2026-12-04 15:22:00", "America/Los_Angeles"),
        domain="bestforyouorganics.com", body=plain(t, "qp"), label=rep(ME_PRIYA, "next_step"))

# ------------------------------------------------------------------ rejection

f = "reply_rejection_ats_01.eml"
t = """Hi Priya,

Thank you for your interest in the Product Designer position at Contoso and for the time you invested in our process.

After careful review, we have decided not to move forward with your candidacy at this time. This was a difficult decision given the strength of the applicant pool.

We appreciate your interest in Contoso and wish you the best in your search.

Sincerely,
The Contoso Talent Team
"""
message(f, frm="Contoso Recruiting <no-reply@greenhouse.io>", to=PRIYA,
        subject="Your application to Contoso",
        date=rfcdate("2026-12-17 23:05:00", "UTC"), domain="greenhouse.io",
        body=alt(f, t, htmlize(t, "Contoso"), "qp"),
        label=rep(ME_PRIYA, "rejection", note="An ATS rejection is still the employer's answer."))

f = "reply_rejection_lever_01.eml"
t = """Hi Sam,

Thank you for taking the time to interview for the Site Reliability Engineer role at Tailspin Toys. We really enjoyed getting to know you.

After careful consideration, we've decided to pursue other candidates whose experience more closely matches our current needs. We'll keep your information on file and may reach out about future openings.

Best of luck,
Luis Ortega
Talent Acquisition, Tailspin Toys
"""
message(f, frm="Luis Ortega <no-reply@hire.lever.co>", reply_to="luis.ortega@tailspintoys.com",
        to=SAM, subject="Tailspin Toys - Site Reliability Engineer",
        date=rfcdate("2026-12-28 10:12:00", "America/Chicago"), domain="hire.lever.co",
        body=alt(f, t, htmlize(t, "Tailspin Toys"), "7bit", "b64"), label=rep(ME_SAM, "rejection"))

f = "reply_rejection_quoted_01.eml"
q = """Hi Ellen,

Hope your week is off to a good start! I wanted to check in on the Backend Engineer, Imports role following my technical interview with the team on December 8. Is there anything else you need from me, and do you have a sense of timing for a decision?

Thanks,
Alex"""
t = f"""Hi Alex,

Thanks for checking in, and for all the time you put into the process. I'm sorry to share that the team has decided to move forward with another candidate for this role. It was a close call - everyone enjoyed working through the pairing session with you.

I'd be glad to keep you in mind for future openings on the Imports team.

Ellen

On Tue, Dec 15, 2026 at 9:05 AM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q)}
"""
message(f, frm="Ellen Marsh <ellen.marsh@vandelay.com>", to=ALEX,
        subject="Re: Checking in - Backend Engineer, Imports",
        date=rfcdate("2026-12-16 14:30:00", "America/New_York"), domain="vandelay.com",
        in_reply_to=mid("followup_checkin_short_01.eml", "mail.gmail.com"), body=plain(t),
        label=rep(ME_ALEX, "rejection"))

f = "reply_rejection_workday_01.eml"
h = """<html><body style="font-family:Arial">
<p>Dear Sam Okafor,</p>
<p>Thank you for your interest in the <b>R-10432 Senior Business Analyst</b> position with Woodgrove Bank and for taking the time to interview with our team.</p>
<p>We have carefully reviewed your qualifications, and regret to inform you that you have not been selected for this position. We encourage you to continue to explore opportunities with us at <a href="https://woodgrove.wd5.myworkdayjobs.com/External">our careers site</a>.</p>
<p>Sincerely,<br>Woodgrove Bank Talent Acquisition</p>
<p style="font-size:10px;color:#777">This is a system generated message. Please do not reply.</p>
</body></html>
"""
message(f, frm="Woodgrove Bank <woodgrove@myworkday.com>", to="sam.okafor@outlook.com",
        subject="Update on your application - Senior Business Analyst",
        date=rfcdate("2026-12-15 06:02:00", "America/New_York"), domain="myworkday.com",
        body=html(h, "qp"), label=rep(ME_SAM, "rejection"))

f = "reply_rejection_soft_01.eml"
t = """Hi Lena,

Thanks so much for your patience while we finished our conversations. I'll be honest with you: this one was hard. The team really liked your approach in the technical round, but in the end we've chosen a candidate with more experience running Go services at our scale, so we won't be moving forward with your application.

I'd love to stay in touch - we're planning to open two more backend positions in spring, and I'll reach out when we do.

All the best,
Maartje
"""
message(f, frm="Maartje de Boer <maartje.deboer@tailwindtraders.nl>", to=LENA,
        subject="Re: Senior Backend Engineer (Go) - checking in",
        date=rfcdate("2026-12-17 11:20:00", "Europe/Amsterdam"), domain="tailwindtraders.nl",
        in_reply_to=mid("followup_after_timeline_01.eml", "posteo.de"), body=plain(t, "qp"),
        label=rep(ME_LENA, "rejection", note="Soft rejection with a promise to stay in touch."))

f = "reply_rejection_after_final_01.eml"
t = """Hi Alex,

Thank you for spending a full day with us in Boston and for the thoughtful follow-up note. This was a genuinely difficult decision: the team was split between two excellent finalists, and we have ultimately offered the Director of Engineering role to the other candidate, who has accepted.

I know this isn't the news you hoped for. Eleanor asked me to pass along that she'd welcome staying in touch as the company grows.

With appreciation,
Nora Fitzgerald
Head of Talent, Trey Research
"""
message(f, frm="Nora Fitzgerald <nora.f@treyresearch.net>", to=ALEX,
        subject="Trey Research - Director of Engineering",
        date=rfcdate("2026-12-18 16:45:00", "America/New_York"), domain="treyresearch.net",
        body=alt(f, t, htmlize(t), "qp"),
        label=rep(ME_ALEX, "rejection", note="'offered ... to the other candidate' is not an offer."))

# ------------------------------------------------------------------ offer

f = "reply_offer_letter_01.eml"
t = """Hi Priya,

I'm thrilled to let you know that we'd like to extend you an offer to join Best For You Organics as Lead Data Scientist! Marcus and the whole team were so impressed.

Your offer letter is attached, with the details of salary, equity and benefits we discussed on the phone. Please review it and let me know if you have any questions - we'd love to have your answer by December 23.

Congratulations!
Jenna Brooks
People Operations | Best For You Organics
"""
message(f, frm="Jenna Brooks <jenna@bestforyouorganics.com>", to=PRIYA,
        cc="Marcus Hale <marcus.hale@bestforyouorganics.com>",
        subject="Offer - Lead Data Scientist at Best For You Organics",
        date=rfcdate("2026-12-18 12:00:00", "America/Los_Angeles"),
        domain="bestforyouorganics.com",
        body=multi("mixed", [alt(f, t, htmlize(t), "qp"),
                             attach("Offer_Letter_Priya_Natarajan.pdf", "application/pdf",
                                    b"%PDF-1.4\n% offer letter placeholder\n%%EOF\n")], bnd(f, 1)),
        label=rep(ME_PRIYA, "offer", note="An answer deadline is the user's, not a stated timeline."))

f = "reply_offer_call_01.eml"
t = """Alex,

I'll keep this short: we'd like to make you an offer for the Engineering Manager, Payments role. Everyone you met came away convinced you're the right person to build this team.

Do you have 20 minutes tomorrow afternoon for a call so I can walk you through the details? Rosa will follow up with the written offer afterwards.

Hank Scorpio
VP Engineering, Globex
"""
message(f, frm="Hank Scorpio <hank@globex.com>", to=ALEX, cc="rosa.delgado@globex.com",
        subject="Globex - good news", date=rfcdate("2026-12-09 17:30:00", "America/New_York"),
        domain="globex.com", body=plain(t),
        label=rep(ME_ALEX, "offer", note="Asks for a call, but the call is about the offer."))

f = "reply_offer_docusign_01.eml"
t = """Fabrikam, Inc. sent you a document to review and sign.

REVIEW DOCUMENT: https://na4.docusign.net/Signing/EmailStart.aspx?a=6c1b2e1f

Jonah Feld
jonah.feld@fabrikam.com

Alex - congratulations! Please review and sign your offer letter for the Staff Data Engineer position. Reach out with any questions before you sign.

Do Not Share This Email
This email contains a secure link to DocuSign. Please do not share this email, link, or access code with others.

About DocuSign
Sign documents electronically in just minutes. It's safe, secure, and legally binding.
"""
message(f, frm="Jonah Feld via Docusign <dse_NA4@docusign.net>", reply_to="jonah.feld@fabrikam.com",
        to=ALEX, subject="Complete with Docusign: Fabrikam Offer Letter - Alex Wong",
        date=rfcdate("2026-12-17 21:14:00", "UTC"), domain="docusign.net",
        body=alt(f, t, htmlize(t, "DocuSign"), "qp"),
        label=rep(ME_ALEX, "offer", note="Sent by DocuSign on the employer's behalf."))

f = "reply_offer_quoted_01.eml"
q = """Dear Katrin,

Thank you very much for welcoming me to the Contoso office in Berlin today. I enjoyed our conversation about the Senior Data Engineer role.

Best regards,
Lena Müller"""
t = f"""Dear Lena,

After your conversation with Dr. Hartmann we are delighted to offer you the position of Senior Data Engineer at Contoso Deutschland GmbH, starting 1 March 2027. Anna will send the contract documents by post and e-mail tomorrow.

We very much hope you will join us!

Best regards,
Katrin Vogel

Am 08.12.2026 um 14:20 schrieb Lena Müller <lena.mueller@posteo.de>:
{quote(q)}
"""
message(f, frm="Katrin Vogel <katrin.vogel@contoso.de>", to=LENA, cc="anna.schmidt@contoso.de",
        subject="Re: Thank you for today's interview - Senior Data Engineer",
        date=rfcdate("2026-12-21 09:00:00", "Europe/Berlin"), domain="contoso.de",
        in_reply_to=mid("thankyou_onsite_b64_01.eml", "posteo.de"), body=plain(t, "qp"),
        label=rep(ME_LENA, "offer"))

# ------------------------------------------------------------------ timeline updates

f = "reply_timeline_next_tuesday_01.eml"
t = """Hi Alex,

Thanks for your patience! We're wrapping up the last few interviews for the Senior Backend Engineer role this week. We'll be in touch next Tuesday with an update either way.

Dana

Dana Whitfield
Engineering Manager, Platform | Northwind Robotics
"""
message(f, frm="Dana Whitfield <dana.whitfield@northwindrobotics.com>", to=ALEX,
        subject="Re: Thank you for the Senior Backend Engineer interview",
        date=rfcdate("2026-12-03 16:10:00", "America/New_York"),
        domain="northwindrobotics.com", in_reply_to=mid("alex-ty-dana", "mail.gmail.com"),
        body=plain(t), label=rep(ME_ALEX, "timeline_update", "2026-12-08",
                                 note="Thursday 3 Dec: 'next Tuesday' is 8 Dec."))

f = "reply_timeline_end_next_week_01.eml"
t = """Hi Sam,

Just a quick note to keep you posted. Harriet is finishing the last two interviews for the SRE role early next week, and we expect a decision by the end of next week. I'll reach out as soon as I hear.

Thanks,
Luis
"""
message(f, frm="Luis Ortega <luis.ortega@tailspintoys.com>", to=SAM,
        subject="Quick update - Site Reliability Engineer",
        date=rfcdate("2026-12-04 15:45:00", "America/Chicago"), domain="tailspintoys.com",
        body=plain(t), label=rep(ME_SAM, "timeline_update", "2026-12-11",
                                 note="Friday 4 Dec: end of next week is Friday 11 Dec."))

f = "reply_timeline_explicit_01.eml"
q = """Hi Tomás,

Thanks again for Thursday's conversation. I wanted to ask whether there's a timeline for next steps.

Best,
Priya"""
t = f"""Hi Priya,

Great question. We have one more candidate to meet this week, and we expect to decide by December 18. You'll hear from me either way.

Tomás

On Sun, Dec 6, 2026 at 8:12 PM Priya Natarajan <priya.n@fastmail.com> wrote:
{quote(q)}
"""
message(f, frm=f"{q_word('Tomás Álvarez')} <tomas@southridgevideo.com>", to=PRIYA,
        subject="Re: Analytics Engineer - timeline",
        date=rfcdate("2026-12-07 09:02:00", "America/Los_Angeles"), domain="southridgevideo.com",
        in_reply_to=mid("priya-southridge-q", "fastmail.com"), body=plain(t, "qp"),
        label=rep(ME_PRIYA, "timeline_update", "2026-12-18"))

f = "reply_timeline_nodate_01.eml"
q = """Hi Marisol,

I interviewed with Dana Whitfield for the Senior Backend Engineer position on December 1 and wanted to follow up on the status of the search.

Thank you,
Alex Wong"""
t = f"""Hi Alex,

Thanks for following up, and for the article - Dana enjoyed it. We're still interviewing a couple of candidates, so I don't have an update yet. I'll reach out as soon as the team has made a decision.

Best,
Marisol

On Wed, Dec 9, 2026 at 10:02 AM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q)}
"""
message(f, frm="Marisol Vega <marisol.vega@northwindrobotics.com>", to=ALEX,
        subject="Re: Following up on Senior Backend Engineer interview - Alex Wong",
        date=rfcdate("2026-12-10 13:20:00", "America/New_York"), domain="northwindrobotics.com",
        in_reply_to=mid("followup_new_thread_01.eml", "mail.gmail.com"), body=plain(t),
        label=rep(ME_ALEX, "timeline_update", None, note="A status update without a date."))

f = "reply_timeline_by_friday_01.eml"
t = """Hi Lena,

Thank you for meeting Ruud on Tuesday! He's sharing his notes with the team this week, and we hope to have feedback for you by Friday.

Groetjes,
Maartje
"""
message(f, frm="Maartje de Boer <maartje.deboer@tailwindtraders.nl>", to=LENA,
        subject="Re: Next step: conversation with our CTO",
        date=rfcdate("2026-12-09 10:40:00", "Europe/Amsterdam"), domain="tailwindtraders.nl",
        in_reply_to=mid("sent_availability_01.eml", "posteo.de"), body=plain(t),
        label=rep(ME_LENA, "timeline_update", "2026-12-11",
                  note="Wednesday 9 Dec: 'by Friday' is 11 Dec."))

f = "reply_timeline_numeric_01.eml"
t = """Hi Sam,

Thanks for the note. The panel is meeting to compare notes this week, and we hope to have an answer for you by 12/14. I appreciate your patience!

Carmen Ruiz
Recruiting, City Power & Light
"""
message(f, frm="Carmen Ruiz <carmen.ruiz@cpandl.com>", to=SAM,
        subject="RE: Platform Engineer - team interviews",
        date=rfcdate("2026-12-08 16:00:00", "America/Chicago"), domain="cpandl.com",
        body=plain(t), label=rep(ME_SAM, "timeline_update", "2026-12-14"))

f = "reply_timeline_holiday_01.eml"
t = """Hi Priya,

Thanks again for chatting on Wednesday! A quick heads-up on timing: our hiring manager is out all of next week, so the team won't meet to discuss candidates until she's back. I'll get back to you by Monday, December 14 at the latest.

Have a nice weekend,
Kim
"""
message(f, frm="Kim Lee <kim.lee@fourthcoffee.com>", to=PRIYA,
        subject="Re: Thank you - Product Manager, Data Platform",
        date=rfcdate("2026-12-04 11:30:00", "America/Los_Angeles"), domain="fourthcoffee.com",
        in_reply_to=mid("thankyou_phone_screen_01.eml", "fastmail.com"), body=plain(t),
        label=rep(ME_PRIYA, "timeline_update", "2026-12-14"))

# ------------------------------------------------------------------ other

f = "reply_other_question_01.eml"
t = """Dear Alex,

Before we finalise the panel arrangements, could you confirm whether you would require visa sponsorship to take up the Research Software Engineer post, and your earliest possible start date?

With best wishes,
Harold Finch
Research Computing Services, Graphic Design Institute
"""
message(f, frm="Harold Finch <h.finch@gdi.edu>", to=ALEX,
        subject="RE: Interview invitation - Research Software Engineer (ref. RSE-2026-14)",
        date=rfcdate("2026-12-07 10:30:00", "UTC"), domain="gdi.edu",
        in_reply_to=mid("alex-gdi-accept", "mail.gmail.com"), body=plain(t),
        label=rep(ME_ALEX, "other", note="The word 'panel' and the quoted subject are not a new interview."))

f = "reply_other_documents_01.eml"
t = """Hi Priya,

Thanks again for a great final round! As a last step, could you send us the names and contact details of two professional references?

Warmly,
Jenna
"""
message(f, frm="Jenna Brooks <jenna@bestforyouorganics.com>", to=PRIYA,
        subject="References - Lead Data Scientist",
        date=rfcdate("2026-12-16 10:02:00", "America/Los_Angeles"),
        msgid=mid("bfyo-refs", "bestforyouorganics.com"), body=plain(t),
        label=rep(ME_PRIYA, "other", note="A documents request."))

f = "reply_other_quoted_only_01.eml"
q = """Hi Hank,

Thank you for taking the time to meet with me today about the Engineering Manager, Payments role. I really enjoyed our conversation about moving settlement onto an event-driven ledger.

Our discussion reinforced my interest in the position. I look forward to hearing about next steps after the interview.

Best regards,
Alex Wong"""
t = f"""Likewise, Alex - great to meet you. Enjoy the weekend.

H.

Sent from my iPhone

> On Nov 19, 2026, at 5:42 PM, Alex Wong <alex.wong@gmail.com> wrote:
>
{quote(q)}
"""
message(f, frm="Hank Scorpio <hank@globex.com>", to=ALEX,
        subject="Re: Thank you for the Engineering Manager, Payments interview",
        date=rfcdate("2026-11-20 07:55:00", "America/New_York"), domain="globex.com",
        in_reply_to=mid("thankyou_new_thread_01.eml", "mail.gmail.com"), body=plain(t),
        label=rep(ME_ALEX, "other", note="'interview' appears only in the quoted part."))

f = "reply_other_salary_01.eml"
t = """Hi Priya,

Thanks for your patience with the rescheduling! Before I send new times, could you share your salary expectations for the Product Designer role and whether you'd be open to a hybrid schedule (two days a week in our Redmond office)?

Thanks,
Kenji Watanabe
Talent Partner, Contoso
"""
message(f, frm="Kenji Watanabe <kenji.watanabe@contoso.com>", to=PRIYA,
        subject="Quick questions - Product Designer",
        date=rfcdate("2026-11-30 10:15:00", "America/Los_Angeles"), domain="contoso.com",
        body=plain(t), label=rep(ME_PRIYA, "other"))

f = "reply_other_received_01.eml"
q = """Hi Ellen,

Attached are the code samples you asked for ahead of the interview on Dec 8. I'd also love to know whether the relocation offer mentioned in the posting applies to remote hires.

Thanks,
Alex"""
t = f"""Got them, thanks Alex! I've passed the samples along to the team. On relocation: it's for people moving to Newark, so it wouldn't apply if you stay remote.

Ellen

On Wed, Dec 2, 2026 at 7:48 PM Alex Wong <alex.wong@gmail.com> wrote:
{quote(q)}
"""
message(f, frm="Ellen Marsh <ellen.marsh@vandelay.com>", to=ALEX,
        subject="Re: Code samples", date=rfcdate("2026-12-03 09:10:00", "America/New_York"),
        domain="vandelay.com", in_reply_to=mid("alex-vandelay-samples", "mail.gmail.com"),
        body=plain(t),
        label=rep(ME_ALEX, "other", note="'interview' and 'offer' appear only in the quote."))
