"""Mail the user sent: thank-you notes, follow-ups, and plain conversation in a process."""

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

TY = "thank_you"
FU = "follow_up"
UA = "User-Agent: Mozilla Thunderbird 128.4.0"


def sent(kind: str, me: str, note: str | None = None) -> dict[str, object]:
    """Label of a message the user sent."""
    return lab(kind, me, direction="sent", note=note)


# ------------------------------------------------------------------ thank-you notes

f = "thankyou_new_thread_01.eml"
t = """Hi Hank,

Thank you for taking the time to meet with me today about the Engineering Manager, Payments role. I really enjoyed our conversation about moving settlement onto an event-driven ledger, and hearing how the team thinks about reliability during peak season.

Our discussion reinforced my interest in the position. The way you described pairing managers with a staff engineer on every team matches how I've run my own group for the last three years, and I'd be excited to bring that to Globex.

Please let me know if there's anything else I can share. I look forward to hearing about next steps.

Best regards,
Alex Wong
(917) 555-0182 | alex.wong@gmail.com
"""
message(f, frm=ALEX, to="Hank Scorpio <hank@globex.com>",
        subject="Thank you for the Engineering Manager, Payments interview",
        date=rfcdate("2026-11-19 17:42:10", "America/New_York"), domain="mail.gmail.com",
        body=alt(f, t, htmlize(t), "qp"), label=sent(TY, ME_ALEX))

f = "thankyou_reply_quoted_01.eml"
q = """Perfect - Wednesday at 4pm works. I've put a hold on your calendar; Dylan Reyes will call you at 646-555-0193. Plan for 30 minutes.

Ellen Marsh
Recruiting | Vandelay Industries"""
t = f"""Hi Dylan,

Thanks so much for the call this afternoon. I appreciated the detail on how the Imports team is splitting the monolith, and it was fun to talk through the customs-rules engine.

I'm very interested in the Backend Engineer role and would love to keep the conversation going. Ellen, thank you as well for setting everything up so quickly.

Have a great Thanksgiving,
Alex

On Fri, Nov 20, 2026 at 9:31 AM Ellen Marsh <ellen.marsh@vandelay.com> wrote:
{quote(q)}
"""
message(f, frm=ALEX, to="Dylan Reyes <dylan.reyes@vandelay.com>",
        cc="Ellen Marsh <ellen.marsh@vandelay.com>",
        subject="Re: Backend Engineer, Imports - phone interview",
        date=rfcdate("2026-11-25 17:20:00", "America/New_York"), domain="mail.gmail.com",
        in_reply_to=mid("confirmed_human_reply_quoted_01.eml", "vandelay.com"),
        body=plain(t, "qp"), label=sent(TY, ME_ALEX, "Thank-you as a reply in the scheduling thread."))

PANEL = [
    ("priscilla.hong@fabrikam.com", "Priscilla Hong", "Priscilla",
     "how you're thinking about consolidating the three ingestion stacks into one platform",
     "I led a similar consolidation at my current company and would love to bring those lessons to Fabrikam."),
    ("tomasz.kowalczyk@fabrikam.com", "Tomasz Kowalczyk", "Tomasz",
     "the late-arriving-data problem in the billing pipeline - I kept thinking about it on the train home",
     "Designing idempotent backfills is the part of data engineering I enjoy most."),
    ("ifeoma.eze@fabrikam.com", "Ifeoma Eze", "Ifeoma",
     "the way your analytics engineers and platform engineers share ownership of dbt models",
     "It's the kind of collaboration I've been trying to build, and it made me even more excited about the team."),
]
for n, (addr, name, first, topic, value) in enumerate(PANEL, 1):
    f = f"thankyou_panel_member_{n:02d}.eml"
    t = f"""Hi {first},

Thank you for your time today during my onsite for the Staff Data Engineer role. I especially enjoyed our discussion of {topic}.

{value}

Thanks again for a great conversation - I hope to work with you soon.

Best,
Alex Wong
917-555-0182
"""
    message(f, frm=ALEX, to=f"{name} <{addr}>",
            subject="Thank you for the Staff Data Engineer interview",
            date=rfcdate(f"2026-12-10 {17 + n}:0{n}:00", "America/New_York"),
            domain="mail.gmail.com", body=plain(t),
            label=sent(TY, ME_ALEX, "One thank-you per panel member."))

f = "thankyou_phone_screen_01.eml"
t = """Hi Kim,

Thank you for the phone screen this afternoon! I enjoyed hearing how Fourth Coffee is rebuilding its data platform around the loyalty app, and I'm excited about the Product Manager, Data Platform role.

As we discussed, I've spent the last four years shipping internal data products - most recently a self-serve metrics layer used by 300+ analysts - and I think that experience maps well to what your team needs.

I'm looking forward to the next steps.

Best,
Priya Natarajan
priya.n@fastmail.com | 415-555-0134
"""
message(f, frm=PRIYA, to="Kim Lee <kim.lee@fourthcoffee.com>",
        subject="Thank you - Product Manager, Data Platform",
        date=rfcdate("2026-12-02 15:05:00", "America/Los_Angeles"), domain="fastmail.com",
        headers=("User-Agent: Fastmail",), body=plain(t, flowed=True), label=sent(TY, ME_PRIYA))

f = "thankyou_onsite_b64_01.eml"
t = """Dear Katrin,

Thank you very much for welcoming me to the Contoso office in Berlin today. I enjoyed our conversation about the Senior Data Engineer role, especially your plans to move the streaming workloads to Flink and the challenges of data residency across the EU.

After our talk I am even more convinced that my experience building GDPR-compliant pipelines would be a good fit for your team.

Thank you again for your time, and I look forward to hearing from you.

Best regards,
Lena Müller
+49 151 5550 2231
"""
message(f, frm=LENA, to="Katrin Vogel <katrin.vogel@contoso.de>", cc="anna.schmidt@contoso.de",
        subject="Thank you for today's interview - Senior Data Engineer",
        date=rfcdate("2026-12-08 14:20:00", "Europe/Berlin"), domain="posteo.de",
        headers=(UA,), body=plain(t, "b64"), label=sent(TY, ME_LENA))

f = "thankyou_outlook_quoted_01.eml"
t = """Hi Olivia,

Thank you for speaking with me today about the Senior DevOps Engineer role. I enjoyed learning how Blue Yonder is moving its crew-scheduling services to Kubernetes, and I appreciated your candor about the on-call load.

I'm very interested in continuing the process and happy to provide anything else you need.

Best regards,
Sam Okafor
(773) 555-0110

________________________________
From: Olivia Grant <olivia.grant@blueyonderairlines.com>
Sent: Thursday, November 19, 2026 2:10 PM
To: Sam Okafor <sam.okafor@outlook.com>
Subject: Re: Senior DevOps Engineer - intro call

Hi Sam,

Thanks for the quick reply! Looking forward to our chat Tuesday 11/24 at 1:00 PM Central. I'll call your cell at (773) 555-0110 - we'll keep it to 30 minutes and cover your background plus the Senior DevOps Engineer role.

Olivia Grant
Senior Technical Recruiter
Blue Yonder Airlines
"""
message(f, frm=SAM, to="Olivia Grant <olivia.grant@blueyonderairlines.com>",
        subject="Re: Senior DevOps Engineer - intro call",
        date=rfcdate("2026-11-24 15:02:00", "America/Chicago"), domain="outlook.com",
        in_reply_to=mid("confirmed_human_phone_01.eml", "blueyonderairlines.com"),
        headers=("X-MS-Exchange-Organization-AuthSource: outlook.com",
                 "Content-Language: en-US", "Thread-Topic: Senior DevOps Engineer - intro call"),
        body=alt(f, t, htmlize(t), "qp"), label=sent(TY, ME_SAM))

f = "thankyou_final_round_01.eml"
t = """Dear Marcus,

Thank you for taking the time to speak with me today for the final round of the Lead Data Scientist process. I appreciated your openness about the challenges ahead - especially forecasting demand for the new fresh-produce line with only a few months of history.

I've been thinking about how I'd approach that problem: start with hierarchical models that borrow strength from the mature categories, and build the experimentation muscle so the team can learn quickly once the line launches. I'd be thrilled to help build that function at Best For You Organics.

Thank you again, and I look forward to hearing from you.

Warm regards,
Priya Natarajan
priya.n@fastmail.com | 415-555-0134
"""
message(f, frm=PRIYA, to="Marcus Hale <marcus.hale@bestforyouorganics.com>",
        cc="Jenna Brooks <jenna@bestforyouorganics.com>",
        subject="Thank you for the Lead Data Scientist interview",
        date=rfcdate("2026-12-15 13:30:00", "America/Los_Angeles"), domain="fastmail.com",
        body=alt(f, t, htmlize(t), "qp"), label=sent(TY, ME_PRIYA))

f = "thankyou_latin1_01.eml"
t = """Dear Mr. Weiß,

Thank you for the pleasant phone interview this afternoon about the Backend Developer position at Südwind Logistik. I enjoyed learning about your route-optimisation services and the move to event sourcing.

I remain very interested in the role and would be glad to come to Hamburg for a next conversation.

Kind regards,
Lena Müller
"""
message(f, frm=LENA, to=f"{q_word('Jürgen Weiß')} <j.weiss@suedwind-logistik.de>",
        subject="Thank you - Backend Developer phone interview",
        date=rfcdate("2026-12-08 17:05:00", "Europe/Berlin"), domain="posteo.de",
        headers=(UA,), body=plain(t, "qp", "iso-8859-1"), label=sent(TY, ME_LENA))

f = "thankyou_group_01.eml"
t = """Hi Olivia, Deshawn and Yuki,

Thank you all for the panel conversation this morning. Walking through the fare-search outage scenario together was a highlight - I liked how you each pushed on a different part of the incident (Deshawn on detection, Yuki on the rollback plan).

I left even more excited about the Senior DevOps Engineer role and the team. Please let me know if I can send anything else.

Best,
Sam
"""
message(f, frm=SAM, to=["Olivia Grant <olivia.grant@blueyonderairlines.com>",
                        "Deshawn Miller <deshawn.miller@blueyonderairlines.com>",
                        "Yuki Sato <yuki.sato@blueyonderairlines.com>"],
        subject="Thank you - panel interview today",
        date=rfcdate("2026-12-10 12:40:00", "America/Chicago"), domain="outlook.com",
        body=alt(f, t, htmlize(t), "qp"),
        label=sent(TY, ME_SAM, "One thank-you addressed to the whole panel."))

# ------------------------------------------------------------------ follow-ups

f = "followup_checkin_quoted_01.eml"
q = """Alex,

Thanks again for your interest in Globex! We'd love to host you in person for the next round of interviews for the Engineering Manager, Payments role.

Thursday 11/19/2026, 1:30pm to 3:30pm ET

Rosa Delgado
People Team @ Globex"""
t = f"""Hi Rosa,

I hope you had a good Thanksgiving. I wanted to check in on the Engineering Manager, Payments role after my onsite on November 19. I really enjoyed meeting Hank and Lydia and remain very interested.

Is there any update on the timeline for next steps? Happy to provide anything else that would be helpful.

Best,
Alex Wong

On Fri, Nov 13, 2026 at 4:22 PM Rosa Delgado <rosa.delgado@globex.com> wrote:
{quote(q)}
"""
message(f, frm=ALEX, to="Rosa Delgado <rosa.delgado@globex.com>",
        subject="Re: Onsite interview at Globex - Thursday 11/19",
        date=rfcdate("2026-11-30 09:15:00", "America/New_York"), domain="mail.gmail.com",
        in_reply_to=mid("confirmed_lever_onsite_01.eml", "hire.lever.co"), body=plain(t, "qp"),
        label=sent(FU, ME_ALEX, "The word 'onsite'/'interview' in the quote does not make it a confirmation."))

f = "followup_new_thread_01.eml"
t = """Hi Marisol,

I hope you're doing well. I interviewed with Dana Whitfield for the Senior Backend Engineer position on December 1 and wanted to follow up on the status of the search.

Since we spoke I published a short write-up on rate-limiting at the edge that touches on the design question Dana and I discussed: https://alexwong.dev/posts/edge-rate-limits

Could you share where things stand and what the next steps might be?

Thank you,
Alex Wong
(917) 555-0182
"""
message(f, frm=ALEX, to="Marisol Vega <marisol.vega@northwindrobotics.com>",
        subject="Following up on Senior Backend Engineer interview \u2013 Alex Wong".replace("\u2013", "-"),
        date=rfcdate("2026-12-09 10:02:00", "America/New_York"), domain="mail.gmail.com",
        body=plain(t), label=sent(FU, ME_ALEX))

f = "followup_breakup_01.eml"
t = """Hi Kenji,

I wanted to reach out one last time about the Product Designer role. I'm still very interested in Contoso and the design-systems work we talked about, but I understand if the team has decided to move in another direction.

If there's any update you can share, I'd be grateful; either way, thank you for your time throughout the process, and I hope our paths cross again.

All the best,
Priya Natarajan
"""
message(f, frm=PRIYA, to="Kenji Watanabe <kenji.watanabe@contoso.com>",
        subject="Product Designer role - checking in one last time",
        date=rfcdate("2026-12-30 10:20:00", "America/Los_Angeles"), domain="fastmail.com",
        body=plain(t, flowed=True), label=sent(FU, ME_PRIYA, "The guide's 'break-up' wording."))

f = "followup_second_checkin_01.eml"
q = """Hi Luis,

I hope your week is going well! I wanted to follow up on the Site Reliability Engineer role - I interviewed with Harriet on December 2 and really enjoyed our conversation about error budgets. Do you have a sense of the timeline for next steps?

Thanks,
Sam"""
t = f"""Hi Luis,

Just bubbling this up in case it got buried before the holidays. I'm still very excited about the SRE role at Tailspin and would appreciate any update you can share on where things stand.

Thanks again,
Sam Okafor

________________________________
From: Sam Okafor <sam.okafor@outlook.com>
Sent: Wednesday, December 9, 2026 9:05 AM
To: Luis Ortega <luis.ortega@tailspintoys.com>
Subject: Checking in - Site Reliability Engineer

{q}
"""
message(f, frm=SAM, to="Luis Ortega <luis.ortega@tailspintoys.com>",
        subject="RE: Checking in - Site Reliability Engineer",
        date=rfcdate("2026-12-23 09:40:00", "America/Chicago"), domain="outlook.com",
        in_reply_to=mid("sam-checkin-1", "outlook.com"), body=alt(f, t, htmlize(t), "qp"),
        label=sent(FU, ME_SAM, "Second check-in quoting the first."))

f = "followup_value_add_01.eml"
t = """Hi Tomás,

I came across this paper on survival models for subscription churn and thought of our conversation about viewer retention - section 4 on time-varying covariates looks directly applicable to the binge-watching cohorts you described: https://arxiv.org/abs/2611.04417

I'm still very keen on the Analytics Engineer role. Is there anything else I can share to help the team's decision?

Best,
Priya
"""
message(f, frm=PRIYA, to=f"{q_word('Tomás Álvarez')} <tomas@southridgevideo.com>",
        subject="An article on retention modelling",
        date=rfcdate("2026-12-11 11:11:00", "America/Los_Angeles"), domain="fastmail.com",
        body=plain(t, "qp"), label=sent(FU, ME_PRIYA, "A value-add follow-up with a status question."))

f = "followup_after_timeline_01.eml"
t = """Hi Maartje,

I hope you had a good week. When we last spoke you mentioned the team hoped to make a decision on the Senior Backend Engineer (Go) role by last Friday, so I wanted to check in and see whether there is any news.

I'm still very interested and happy to answer any remaining questions.

Best regards,
Lena Müller
"""
message(f, frm=LENA, to="Maartje de Boer <maartje.deboer@tailwindtraders.nl>",
        subject="Senior Backend Engineer (Go) - checking in",
        date=rfcdate("2026-12-16 09:30:00", "Europe/Berlin"), domain="posteo.de", headers=(UA,),
        body=plain(t, "qp"), label=sent(FU, ME_LENA))

f = "followup_outlook_original_01.eml"
t = """Hi Carmen,

I wanted to follow up on my interview with Dev Patel for the Platform Engineer role on November 20. I enjoyed the conversation and remain very interested in joining City Power & Light.

Could you let me know if there's an update on next steps?

Thank you,
Sam Okafor

-----Original Message-----
From: Carmen Ruiz <carmen.ruiz@cpandl.com>
Sent: Tuesday, November 17, 2026 8:55 AM
To: Sam Okafor <sam.okafor@outlook.com>
Subject: Re: Interview confirmation - Platform Engineer

Hi Sam,

Unfortunately Dev has been pulled into an all-day planning session on Wednesday, so we've moved your interview to Friday, Nov 20 at 11:00 am CT. Same Zoom link, same length (one hour).

Best,
Carmen Ruiz
Recruiting, City Power & Light
"""
message(f, frm=SAM, to="Carmen Ruiz <carmen.ruiz@cpandl.com>",
        subject="RE: Interview confirmation - Platform Engineer",
        date=rfcdate("2026-12-01 08:30:00", "America/Chicago"), domain="outlook.com",
        in_reply_to=mid("confirmed_human_reschedule_01.eml", "cpandl.com"),
        body=alt(f, t, htmlize(t), "qp"),
        label=sent(FU, ME_SAM, "Quoted part holds a confirmation; the new text is a check-in."))

f = "followup_reply_thread_01.eml"
q = """Hi Lena,

Please find the invitation for your interview at our London office on 10 Dec 2026, 11:00 GMT.

Priya Sharma
Talent Acquisition | Wide World Importers"""
t = f"""Hi Priya,

I hope you are well. I wanted to follow up on my interview with Oliver Bennett on 10 December for the Senior Software Engineer, Trade Data position. I really enjoyed seeing the London office and hearing about the customs-declaration platform.

Is there any news on the next steps or the timeline for a decision?

Kind regards,
Lena Müller

On 30.11.2026 17:02, Priya Sharma wrote:
{quote(q)}
"""
message(f, frm=LENA, to="Priya Sharma <priya.sharma@wideworldimporters.co.uk>",
        subject="Re: Interview: Lena Müller - Senior Software Engineer, Trade Data".replace(
            "Lena Müller", "=?UTF-8?Q?Lena_M=C3=BCller?="),
        date=rfcdate("2026-12-18 10:10:00", "Europe/Berlin"), domain="posteo.de", headers=(UA,),
        in_reply_to=mid("confirmed_outlook_gmt_01.eml", "wideworldimporters.co.uk"),
        body=plain(t, "qp"), label=sent(FU, ME_LENA))

f = "followup_checkin_short_01.eml"
t = """Hi Ellen,

Hope your week is off to a good start! I wanted to check in on the Backend Engineer, Imports role following my technical interview with the team on December 8. Is there anything else you need from me, and do you have a sense of timing for a decision?

Thanks,
Alex
"""
message(f, frm=ALEX, to="Ellen Marsh <ellen.marsh@vandelay.com>",
        subject="Checking in - Backend Engineer, Imports",
        date=rfcdate("2026-12-15 09:05:00", "America/New_York"), domain="mail.gmail.com",
        body=plain(t), label=sent(FU, ME_ALEX))

# ------------------------------------------------------------------ conversation (not a step)

CONV = ("Conversation: answers an employer message that came after the user's last one; "
        "not a thank-you or follow-up step.")

f = "sent_conversation_ack_01.eml"
q = """Hi Alex,

Confirming our call tomorrow at 2pm ET. I'll ring you at 917-555-0182; we'll need about 30 minutes.

Talk then,
Jonah"""
t = f"""Sounds good - talk to you tomorrow at 2!

Alex

On Mon, Nov 16, 2026 at 4:40 PM Jonah Feld <jonah.feld@fabrikam.com> wrote:
{quote(q)}
"""
message(f, frm=ALEX, to="Jonah Feld <jonah.feld@fabrikam.com>", subject="Re: Quick call tomorrow",
        date=rfcdate("2026-11-16 17:02:00", "America/New_York"), domain="mail.gmail.com",
        in_reply_to=mid("confirmed_human_tomorrow_01.eml", "fabrikam.com"), body=plain(t),
        label=lab("other", ME_ALEX, direction="sent", note=CONV))

f = "sent_documents_01.eml"
q = """Hi Priya,

Thanks again for a great final round! As a last step, could you send us the names and contact details of two professional references?

Warmly,
Jenna"""
t = f"""Hi Jenna,

Of course - please find my two references attached (a former manager and a cross-functional partner). Both know you may reach out this week.

Thank you!
Priya

On Wed, Dec 16, 2026, at 10:02 AM, Jenna Brooks wrote:
{quote(q)}
"""
message(f, frm=PRIYA, to="Jenna Brooks <jenna@bestforyouorganics.com>",
        subject="Re: References - Lead Data Scientist",
        date=rfcdate("2026-12-16 14:45:00", "America/Los_Angeles"), domain="fastmail.com",
        in_reply_to=mid("bfyo-refs", "bestforyouorganics.com"),
        body=multi("mixed", [plain(t, flowed=True),
                             attach("Priya_Natarajan_References.pdf", "application/pdf",
                                    b"%PDF-1.4\n% references placeholder\n%%EOF\n")], bnd(f)),
        label=lab("other", ME_PRIYA, direction="sent", note=CONV))

f = "sent_availability_01.eml"
q = """Hi Lena,

As a next step we'd like you to meet our CTO, Ruud, for a 45-minute video call about architecture and team setup. Could you share a few times next week that would work for you?

Maartje"""
t = f"""Hi Maartje,

Thank you, that's great news! Next week I could do Tuesday 8 Dec from 09:00 to 12:00 or Wednesday 9 Dec from 10:00 to 11:30 (CET). Looking forward to meeting Ruud.

Best,
Lena

Am 05.12.2026 um 10:11 schrieb Maartje de Boer <maartje.deboer@tailwindtraders.nl>:
{quote(q)}
"""
message(f, frm=LENA, to="Maartje de Boer <maartje.deboer@tailwindtraders.nl>",
        subject="Re: Next step: conversation with our CTO",
        date=rfcdate("2026-12-05 12:30:00", "Europe/Berlin"), domain="posteo.de", headers=(UA,),
        in_reply_to=mid("requested_human_availability_01.eml", "tailwindtraders.nl"),
        body=alt(f, t, htmlize(t), "qp"),
        label=lab("other", ME_LENA, direction="sent",
                  note="The user proposing times is conversation; nothing is fixed yet."))
