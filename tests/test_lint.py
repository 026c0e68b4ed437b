"""Tests for watcher.lint: each of the guide's "mistakes to avoid" and the budgets."""

from __future__ import annotations

import pytest

from watcher.lint import PLACEHOLDER_WORDS, count_sentences, count_words, lint_draft
from watcher.models import StepKind

SIGNATURE = "Best regards,\nAlex Wong\n+1 555 0100\nalex@example.com\n"
CHECK_IN = (
    "Dear Jane,\n\n"
    "I hope you are doing well. This is Alex Wong; we spoke on November 24 about the "
    "Senior Developer role. I am writing to reaffirm my interest in the position. "
    "[A relevant article or insight.] When might I expect to hear about next steps? "
    "I appreciate your consideration.\n\n" + SIGNATURE
)
SUBJECT = "Following up on Senior Developer interview – Alex Wong"


def codes(findings: list[str]) -> list[str]:
    return [f.split(":", 1)[0] for f in findings]


def check_in(sentence: str) -> list[str]:
    """Lint the clean check-in with one sentence replaced by `sentence`."""
    body = CHECK_IN.replace("I appreciate your consideration.", sentence)
    return lint_draft(SUBJECT, body, StepKind.CHECK_IN)


def test_a_good_check_in_is_clean() -> None:
    assert lint_draft(SUBJECT, CHECK_IN, StepKind.CHECK_IN) == []
    assert count_sentences(CHECK_IN) == 6


@pytest.mark.parametrize(
    "sentence",
    [
        "Please reply ASAP.",
        "I need an answer by Friday.",
        "Hey, any news?",
        "I'm gonna wait for your reply.",
        "Just checking in on this.",
        "Why haven't you replied to me.",
        "I am still waiting for a reply.",
        "This is urgent for me.",
    ],
)
def test_casual_or_demanding_language(sentence: str) -> None:
    assert "casual-or-demanding" in codes(check_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "I have another offer on the table.",
        "A competing offer expires soon.",
        "I am weighing other offers.",
        "I received an offer from a competitor.",
    ],
)
def test_other_offers_as_pressure(sentence: str) -> None:
    assert "offer-pressure" in codes(check_in(sentence))


def test_all_caps_words_flagged_acronyms_allowed() -> None:
    assert "all-caps" in codes(check_in("I am VERY excited about this."))
    assert "all-caps" in codes(check_in("PLEASE reply."))
    assert check_in("My AWS and SQL work at IBM fits the role.") == []
    # Words from the mail itself (the company's own spelling) may be all caps.
    nvidia = CHECK_IN.replace("Senior Developer role", "Senior Developer role at NVIDIA")
    assert "all-caps" in codes(lint_draft(SUBJECT, nvidia, StepKind.CHECK_IN))
    assert lint_draft(SUBJECT, nvidia, StepKind.CHECK_IN, allow=["NVIDIA"]) == []


@pytest.mark.parametrize("punct", ["!!", "??", "?!", "!?"])
def test_repeated_punctuation(punct: str) -> None:
    body = CHECK_IN.replace("next steps?", f"next steps{punct}")
    assert "repeated-punctuation" in codes(lint_draft(SUBJECT, body, StepKind.CHECK_IN))
    assert "repeated-punctuation" in codes(
        lint_draft(f"Following up{punct}", CHECK_IN, StepKind.CHECK_IN)
    )


@pytest.mark.parametrize(
    "subject", ["Following up", "Checking in", "checking in!", "Follow-up", "Any update?", ""]
)
def test_generic_subjects(subject: str) -> None:
    assert "generic-subject" in codes(lint_draft(subject, CHECK_IN, StepKind.CHECK_IN))


def test_reply_subject_is_the_threads_own_and_not_judged() -> None:
    assert lint_draft("Re: Checking in", CHECK_IN, StepKind.CHECK_IN) == []


def test_thank_you_for_the_opportunity_without_context() -> None:
    assert "generic-thanks" in codes(check_in("Thank you for the opportunity."))
    assert "generic-thanks" in codes(check_in("Thanks for the opportunity, and have a good day."))
    assert check_in("Thank you for the opportunity to discuss the role.") == []


def test_placeholders_are_instructions_not_prose() -> None:
    # A placeholder's words are not judged for tone; the user writes over them.
    assert check_in("[Write why it is URGENT, or delete.]") == []
    assert "unbalanced-brackets" in codes(check_in("[An unfinished placeholder."))


def test_repeated_word_is_a_proofreading_error() -> None:
    assert "repeated-word" in codes(check_in("I appreciate the the consideration."))


def test_check_in_needs_one_easy_question_and_some_value() -> None:
    no_question = CHECK_IN.replace(
        "When might I expect to hear about next steps?", "I look forward to it."
    )
    assert "no-question" in codes(lint_draft(SUBJECT, no_question, StepKind.CHECK_IN))
    many = CHECK_IN.replace("next steps?", "next steps? Is it soon? Is it late?")
    assert "many-questions" in codes(lint_draft(SUBJECT, many, StepKind.CHECK_IN))
    status_only = CHECK_IN.replace("[A relevant article or insight.]", "I remain interested.")
    assert "status-only" in codes(lint_draft(SUBJECT, status_only, StepKind.CHECK_IN))
    # The final follow-up's break-up wording asks without a question mark.
    assert "no-question" not in codes(lint_draft(SUBJECT, no_question, StepKind.FINAL_FOLLOW_UP))


def test_sentence_budget() -> None:
    one_liner = "Dear Jane,\n\nAny news on the role? [A relevant article.]\n\n" + SIGNATURE
    assert "sentence-budget" in codes(lint_draft(SUBJECT, one_liner, StepKind.CHECK_IN))
    long = CHECK_IN.replace("I appreciate your consideration.", "It was good. " * 3)
    assert count_sentences(long) == 8
    assert "sentence-budget" in codes(lint_draft(SUBJECT, long, StepKind.SECOND_CHECK_IN))


def test_sentence_count_ignores_abbreviations_greeting_and_signature() -> None:
    body = (
        "Dear Dr. Lee,\n\nI met Dr. Smith at Acme Inc. last week. It went well. "
        "[A thought, e.g. an article.] Thanks.\n\nBest regards,\nA. Wong\nSr. Engineer\n"
    )
    assert count_sentences(body) == 4


def test_word_count_counts_placeholders_and_stops_at_the_valediction() -> None:
    body = "Dear Jane,\n\nThank you for [a topic].\n\nBest regards,\n" + "Signature words " * 50
    # Dear Jane, Thank you for = 5, a placeholder = PLACEHOLDER_WORDS, Best regards = 2
    assert count_words(body) == 5 + PLACEHOLDER_WORDS + 2


def test_thank_you_word_budget() -> None:
    short = "Dear Jane,\n\nThank you for the interview about [a topic].\n\n" + SIGNATURE
    findings = lint_draft("Thank you for the Developer interview", short, StepKind.THANK_YOU)
    assert codes(findings) == ["word-budget"]
    # "Dear Jane, Thank you for the interview about" 8 + placeholder + "Best regards" 2
    assert f"{8 + PLACEHOLDER_WORDS + 2} words" in findings[0]
    filler = "I enjoyed our conversation about the team and its work. " * 20
    long = "Dear Jane,\n\n" + filler + "\n\n" + SIGNATURE
    assert "word-budget" in codes(
        lint_draft("Thank you for the interview", long, StepKind.THANK_YOU)
    )


def test_networking_does_not_ask_about_the_job() -> None:
    body = (
        "Dear Jane,\n\nI came across [an article] and thought of you. "
        "Is there any update on the position?\n\n" + SIGNATURE
    )
    assert "job-ask" in codes(lint_draft("An article for you", body, StepKind.NETWORKING))
    clean = "Dear Jane,\n\nI came across [an article] and thought of you.\n\n" + SIGNATURE
    assert lint_draft("An article for you", clean, StepKind.NETWORKING) == []


# ---------------------------------------------------------------- audit: sentences lint missed

NETWORKING = "Dear Jane,\n\nI came across [an article] and thought of you. {}\n\n" + SIGNATURE


def networking(sentence: str) -> list[str]:
    """Lint the clean networking note with `sentence` added after its first sentence."""
    return lint_draft("An article for you", NETWORKING.format(sentence), StepKind.NETWORKING)


@pytest.mark.parametrize(
    "sentence",
    [
        "Please get back to me by Friday.",
        "Please respond by end of day tomorrow.",
        "You must let me know this week.",
        "I expect to hear from you by Monday.",
        "You still haven't replied to my last two emails.",
        "You still haven’t replied to my last two emails.",
        "Kindly reply no later than the end of the week.",
    ],
)
def test_audit_demanding_language(sentence: str) -> None:
    assert "casual-or-demanding" in codes(check_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Another company has offered me a position, so I need your decision soon.",
        "I have received an offer and need to decide by Friday.",
        "I have a pending offer with a deadline next week.",
        "I am also interviewing with other companies.",
    ],
)
def test_audit_offers_as_pressure(sentence: str) -> None:
    assert "offer-pressure" in codes(check_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "I am SO excited about the role.",
        "I would love to hear back NOW.",
        "I am NOT giving up on this.",
        "Is there ANY news?",
        "I DON'T want to miss this.",
        "Thank you AND the team for your time.",
    ],
)
def test_audit_short_shouted_words(sentence: str) -> None:
    assert "all-caps" in codes(check_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Are you still hiring?",
        "Is the role still available?",
        "Do you have any openings on the team?",
        "Did you fill the role?",
        "Any news on the job?",
    ],
)
def test_audit_networking_asks_about_the_job(sentence: str) -> None:
    assert "job-ask" in codes(networking(sentence))


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("I enjoyed a interview with the team.", "a-or-an"),
        ("I would be glad to join an team like yours.", "a-or-an"),
        ("A interview is a two-way conversation.", "a-or-an"),
        ("I was glad to meet an hiring manager so engaged.", "a-or-an"),
        ("I am  writing again.", "spacing"),
        ("I am writing again .", "spacing"),
        ("Thank you , and have a good week.", "spacing"),
        ("I enjoyed meeting the team at Acme Inc.. It was great.", "repeated-punctuation"),
        ("I appreciate your time,, and your consideration.", "repeated-punctuation"),
        ("I appreciate your time,.", "repeated-punctuation"),
    ],
)
def test_audit_error_filled_messages(sentence: str, code: str) -> None:
    assert code in codes(check_in(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        # Polite wording close to the demanding, pressure and job-ask families.
        "Please let me know if there is anything else I can send.",
        "I look forward to hearing from you.",
        "I remain very interested in the role.",
        "Thank you again for your time.",
        "Please let me know if I can send anything by Friday.",
        "I would be glad to respond by email or phone.",
        "I expect to complete the certification by May.",
        "I would be glad to offer references.",
        "I have a lot to offer the team.",
        "It was great speaking with several teams.",
        # Acronyms and capitals that are not shouting.
        "My AI, ML and SRE work fits the API team in NYC.",
        "I met the CEO and the CTO, and my Q3 results in the USA are attached.",
        "My OR nursing and IT experience at AT&T fits, and I can start at 9 AM.",
        "I am glad we are both at the US office.",
        # Articles: the sound, not the letter, decides.
        "I can meet for an hour, a one-time call, or a university visit.",
        "I have an MBA, an SQL certificate and a European passport.",
        "It was an honor, a unique chance and a useful talk, and it was a user study.",
        "I hold an honest view of a union and an FAQ.",
        "Option A is attached, and a URL is in the note.",
        # Ellipses, abbreviations and e.g. are not doubled punctuation.
        "I was thinking... about the team.",
        "I built tools, e.g., a parser, for Acme Inc., etc.",
        "I use C++ and std::vector in the .NET port.",
    ],
)
def test_audit_near_misses_are_not_flagged(sentence: str) -> None:
    assert check_in(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a pleasure to meet you, and I would be glad to stay in touch.",
        "I look forward to hearing from you.",
        "The article is about the role of AI in the job market.",
        "Congratulations on your new role as director.",
        "I hope there are any opportunities to collaborate.",
        "If you have a spot available for coffee next month, I would enjoy that.",
    ],
)
def test_audit_networking_near_misses_are_not_flagged(sentence: str) -> None:
    assert networking(sentence) == []
