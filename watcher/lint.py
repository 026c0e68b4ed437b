"""The guide's "Common Follow-Up Mistakes to Avoid" as a check run on every composed draft.

Pure text checks: tone, pressure, all caps, punctuation, generic subjects and the guide's
word (thank-you) and sentence (check-ins, final follow-up) budgets. Findings are strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from watcher.models import StepKind

# A bracketed placeholder counts as this many words: its typical fill (a topic, a skill, a
# one-clause thought). The thank-you budget is measured "once placeholders are filled".
PLACEHOLDER_WORDS = 8
THANK_YOU_WORDS = (150, 200)  # the guide: "Aim for 150-200 words total"
FOLLOW_UP_SENTENCES = (5, 7)  # the guide: "Short (5-7 sentences maximum)"

SENTENCE_BUDGET_KINDS = frozenset(
    {StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP}
)
QUESTION_KINDS = frozenset({StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN})

PLACEHOLDER_RE = re.compile(r"\[[^\[\]\n]+\]")

_WEEKDAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# When a reply is demanded by: "Friday", "end of day tomorrow", "the end of the week", "noon".
_DEADLINE = (
    r"(?:the )?(?:end|close) of(?: the)? (?:day|week|month|business)|eod|cob|eow|today|tonight"
    r"|tomorrow|(?:this|next|the) (?:week|month|" + _WEEKDAYS + r")|" + _WEEKDAYS + r"|noon"
    r"|midnight|\d"
)
# Demanding, impatient or casual wording (the guide: "Using casual or demanding language").
_CASUAL = (
    r"asap",
    r"as soon as possible",
    r"need (?:an answer|a response|to know|to hear)",
    r"(?:hey|hiya|yo|sup)\b",
    r"gonna",
    r"wanna",
    r"gotta",
    r"kinda",
    r"just checking in",
    r"just following up",
    r"just wanted to check",
    r"need (?:your|an? \w+) (?:answer|decision|response|reply)",
    r"why (?:haven['’]t|have not|hasn['’]t|has not|didn['’]t|did not) (?:you|anyone|i)",
    r"you (?:still )?(?:haven['’]t|have not|hasn['’]t|has not|didn['’]t|did not|never)"
    r"(?: yet| ever)? (?:responded|replied|answered|gotten back|got back|written back|returned"
    r"|acknowledged|respond|reply|answer|get back|write back)",
    r"(?:still|been) waiting",
    # ("When might I expect to hear about next steps?" asks; it does not demand.)
    r"(?<!might )(?<!may )(?<!can )(?<!could )(?<!should )(?<!when )(?<!do )"
    r"i (?:expect|demand|insist)(?:ed)? (?:to (?:hear|receive|get)|you to|that you"
    r"|(?:an?|your) (?:\w+ )?(?:answer|reply|response|decision|update|call))",
    r"you (?:must|need to|have to|had better|better) (?:let me know|get back|respond|reply|answer"
    r"|tell me|decide|call|contact|write|update)",
    # A deadline set for the reader's reply ("Please respond by end of day tomorrow").
    r"(?:get back to me|get back|respond|reply|answer|let me know|write back|hear back"
    r"|hear(?:ing)? from you|an answer|a response|a reply|your (?:answer|decision|response|reply))"
    r"(?: to me)? (?:by|before|no later than|within) (?:" + _DEADLINE + r")",
    r"urgent(?:ly)?",
    r"right away",
    r"lol",
    r"thx",
    r"pls",
    r"plz",
    r"btw",
    r"fyi",
    r"awesome",
    r"cheers",
)
_CASUAL_RE = re.compile(r"\b(?:" + "|".join(_CASUAL) + r")\b", re.IGNORECASE)

# Other offers used as pressure (the guide: "Mentioning other job offers as pressure").
_PRESSURE_RE = re.compile(
    r"\b(?:another (?:job )?offer|other (?:job )?offers?|competing offers?|multiple offers"
    r"|an? offer (?:from|elsewhere)|offers? elsewhere|counter-?offers?"
    r"|(?:an?|one|two|several) other (?:compan(?:y|ies)|employers?)"
    r"|deadline to (?:accept|decide|respond)"
    # "Another company has offered me a position", "a firm made me an offer".
    r"|(?:compan(?:y|ies)|employers?|firms?|organi[sz]ations?|startups?)"
    r" (?:has |have |had |just |already |now |also )*(?:offered me"
    r"|(?:made|extended) (?:me )?an? (?:\w+ )?offer)"
    # "I have received an offer", "I am weighing a job offer", "I hold two offers".
    r"|(?:received|receiving|got|gotten|have|had|hold|holding|accepted|weighing|considering"
    r"|expecting|entertaining|evaluating|negotiating) (?:an?|one|two|three|several|multiple"
    r"|some|a few) (?:(?:job|verbal|written|formal|firm|pending|new|great|strong) )?offers?"
    r"|(?:pending|outstanding|verbal|written|formal|exploding) (?:job )?offers?"
    r"|offers? (?:with|that has|has|carrying) an? (?:\w+ )?deadline|offer deadline"
    r"|offers? (?:that )?(?:expires?|expiring)"
    # "I need to decide by Friday" (on that offer).
    r"|i (?:need|have|must|will need|will have|am going) to (?:decide|make (?:a|my|the)"
    r" (?:final )?decision|give (?:them |the other \w+ )?(?:an|my) answer|respond to (?:it|them"
    r"|the offer)|accept or decline)"
    # "I am also interviewing with other companies".
    r"|(?:interviewing|in talks|in (?:the )?(?:final |late |later |advanced )?(?:stages?|rounds?"
    r"|process(?:es)?)) (?:with|at|for) (?:other|another|several|multiple|a few|a couple of"
    r"|a number of|two|three|many|various) (?:other )?(?:compan(?:y|ies)|employers?|firms?"
    r"|organi[sz]ations?|opportunities|roles|positions)"
    r"|interviewing elsewhere|other interviews|(?:other|several|multiple) (?:interview|hiring)"
    r" processes)\b",
    re.IGNORECASE,
)

# Subjects that give no context (the guide: "Following up" or "Checking in").
_GENERIC_SUBJECTS = frozenset(
    {
        "",
        "following up",
        "follow up",
        "follow-up",
        "followup",
        "checking in",
        "check in",
        "check-in",
        "just checking in",
        "quick question",
        "question",
        "update",
        "status",
        "status update",
        "any update",
        "any updates",
        "hello",
        "hi",
        "hey",
        "thank you",
        "thanks",
        "interview",
        "(no subject)",
    }
)

# "Thank you for the opportunity" with nothing after it (the guide calls it templated).
_BARE_OPPORTUNITY_RE = re.compile(
    r"\bthank(?:s| you) (?:so much |very much )?for the opportunity(?!\s+(?:to|of|at|with|in)\b)",
    re.IGNORECASE,
)
# A networking check-in maintains a relationship; it must not ask about the job.
_JOB_ASK_RE = re.compile(
    r"\b(?:next steps?|hiring (?:timeline|decision|process)|timeline|any update|an update"
    r"|status of|still open|my application|my candidacy|the position"
    r"|(?:still|currently|actively|now|are you|is the team|is your team|is the company) hiring"
    r"|(?:role|job|position|opening|vacancy|req|requisition)s? (?:is |are |was |has been"
    r" |have been )?(?:still |now |already )?(?:available|open|filled|unfilled|taken)"
    r"|(?:fill|filled|fills|filling|hire for|hired for|hiring for) (?:the|that|this|your)"
    r" (?:role|job|position|opening|vacancy)"
    r"|any (?:news|word|updates?|progress) (?:on|about|regarding|with) (?:the|my|that|this|your)"
    r" (?:role|job|position|opening|application|candidacy|search|process|decision|hiring|vacancy)"
    r"|(?:any|open) (?:job )?(?:openings?|vacanc(?:y|ies)|positions|roles)"
    r"|(?:job|career) (?:openings?|opportunit(?:y|ies)|vacanc(?:y|ies))"
    r"|openings? (?:on|in|at|with) (?:the|your))\b",
    re.IGNORECASE,
)
# "!!", ",,", "...." and the doubled stops of a careless edit: "Inc..", "time,." ("..." is fine).
_REPEATED_PUNCT_RE = re.compile(r"[!?]{2,}|,{2,}|\.{4,}|(?<!\.)\.\.(?!\.)|[,;][.,;:]|:[.,;]")
_ALL_CAPS_RE = re.compile(r"\b[A-Z][A-Z'’-]*[A-Z]\b")
_REPEATED_WORD_RE = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
_ACRONYMS = frozenset(
    # Common acronyms of five letters or more that are not shouting.
    {
        "NASDAQ",
        "SCRUM",
        "HIPAA",
        "COBOL",
        "FORTRAN",
        "BASIC",
        "LINUX",
        "UNESCO",
        "UNICEF",
        "OAUTH",
        "HTTPS",
        "GRAPHQL",
        "MYSQL",
        "NOSQL",
        "CISSP",
        "SOC2",
    }
)
_ALL_CAPS_MIN = 5  # shorter all-caps words are taken as acronyms (API, AWS, HTML, JSON)...
# ... except these short words, which in capitals are shouting, not acronyms.
_SHOUTED = frozenset(
    {"VERY", "MUST", "NEED", "SOON", "THIS", "HUGE", "JUST", "WANT", "REAL", "HOPE", "WILL",
     "MORE", "MUCH", "LOVE", "KNOW", "THAT", "HAVE", "YOUR", "WHEN", "WHAT", "WHY",
     # Short English stopwords, which in capitals are shouting too ("SO", "NOW", "NOT", "ANY").
     # Left out on purpose, being common acronyms: AM/PM (times), AT (AT&T), DO (a doctor's
     # degree), AS/BE/ME (degrees), IS, IT, ON (Ontario), OR (operating room), US, CAN (CAN
     # bus), WHO.
     "AN", "BY", "HE", "IF", "MY", "NO", "OF", "SO", "TO", "UP", "WE",
     "ALL", "AND", "ANY", "ARE", "BUT", "DID", "FOR", "GET", "HAD", "HAS", "HER", "HIM", "HIS",
     "HOW", "ITS", "NOR", "NOT", "NOW", "OFF", "OUR", "OUT", "OWN", "SHE", "THE", "TOO", "WAS",
     "YES", "YET", "YOU", "ALSO", "BEEN", "BOTH", "EACH", "EVEN", "EVER", "FROM", "HERE",
     "INTO", "ONLY", "SOME", "SUCH", "THAN", "THEM", "THEN", "THEY", "WERE", "WITH", "DOES",
     "DON'T", "CAN'T", "WON'T", "ISN'T", "I'M", "I'VE", "I'LL", "I'D"}
)  # fmt: skip
# Proofreading (the guide: "Sending error-filled messages"). "a" before a vowel, "an" before
# a consonant; the sound decides, so words that start with a "you" or "wun" sound take "a"
# and words with a silent h take "an". Capitalised words (acronyms: "an MBA", "a URL") and
# anything but letters are not judged.
_A_BEFORE_VOWEL_RE = re.compile(r"(?:(?<![\w'’])a|(?:^|(?<=[.!?]\s))A)\s+([aeiou][a-z'’-]*)", re.M)
_AN_BEFORE_CONSONANT_RE = re.compile(
    r"(?:(?<![\w'’])an|(?:^|(?<=[.!?]\s))An)\s+([b-df-hj-np-tv-z][a-z'’-]*)", re.M
)
_A_EXCEPTIONS_RE = re.compile(
    r"uni|unan|usa|use|usu|ute|uti|uto|ure|uri|uro|ubi|uk|ufo|ugand|eu|ewe|one\b|one-|once\b"
    r"|once-|ouija"
)
# ... nor are letters read as letters: "an x-ray", "an n-gram", "an x86", "an npm package".
_AN_EXCEPTIONS_RE = re.compile(
    r"hour|honest|hono|heir|herb|histor|hotel|homage|hypothes|[a-z][-\d]|[^aeiouy]+\b"
)
# Two spaces inside a sentence (two after its full stop is an old typing habit, not an error),
# or a space before a mark that closes a clause ("writing again .", "Thank you ,").
_SPACING_RE = re.compile(r"(?<=[^\s.!?:;])[ \t]{2,}(?=\S)|(?<=\w)[ \t]+(?:[.,;:!?](?![.\w]))")
_VALEDICTION_RE = re.compile(
    r"^\s*(?:(?:best|kind|warm|warmest|with best|many thanks and best)\s+regards|regards|best"
    r"|best wishes|all the best|sincerely|yours sincerely|yours truly|respectfully|thank you"
    r"|thanks|many thanks|with thanks|with appreciation|with gratitude|warmly)\s*,?\s*$"
    r"|^-- ?$",
    re.IGNORECASE,
)
_ABBREV_RE = re.compile(
    r"\b(Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Inc|Ltd|Co|Corp|vs|etc|approx|e\.g|i\.e)\.",
    re.IGNORECASE,
)
_INITIAL_RE = re.compile(r"\b[A-Z]\.")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")


def _split(body: str) -> tuple[list[str], list[str]]:
    """Return (lines up to and including the valediction, lines of the letter's text).

    The letter's text is what lies between the greeting ("Dear Jane,") and the valediction
    ("Best regards,"); the signature after the valediction is the user's and never counted.
    """
    lines = body.splitlines()
    end = len(lines)
    for i in range(len(lines) - 1, -1, -1):
        if _VALEDICTION_RE.match(lines[i]):
            end = i
            break
    start = 0
    for i, line in enumerate(lines[:end]):
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.endswith((",", ":")) and len(stripped.split()) <= 6:
            start = i + 1
        break
    upto = lines[: end + 1] if end < len(lines) else lines
    return upto, lines[start:end]


def _fill_placeholders(text: str, *, as_sentence: bool) -> str:
    if as_sentence:
        # A placeholder ending in . ! or ? is a sentence of its own: keep that boundary.
        return PLACEHOLDER_RE.sub(
            lambda m: "placeholder." if m.group(0)[-2] in ".!?" else "placeholder", text
        )
    return PLACEHOLDER_RE.sub(" ".join(["word"] * PLACEHOLDER_WORDS), text)


def count_words(body: str) -> int:
    """Words from the greeting through the valediction, each placeholder as PLACEHOLDER_WORDS."""
    upto, _ = _split(body)
    text = _fill_placeholders("\n".join(upto), as_sentence=False)
    return sum(1 for token in text.split() if any(ch.isalnum() for ch in token))


def count_sentences(body: str) -> int:
    """Sentences between the greeting and the valediction; a placeholder sentence counts once."""
    _, text_lines = _split(body)
    text = _fill_placeholders("\n".join(text_lines), as_sentence=True)
    text = _ABBREV_RE.sub(lambda m: m.group(1).replace(".", ""), text)
    text = _INITIAL_RE.sub(lambda m: m.group(0)[0], text)  # "J.P. Morgan", "Alex J. Wong"
    count = 0
    for paragraph in re.split(r"\n\s*\n", text):
        for piece in _SENTENCE_SPLIT_RE.split(" ".join(paragraph.split())):
            if any(ch.isalnum() for ch in piece):
                count += 1
    return count


def _strip_reply_prefix(subject: str) -> tuple[str, bool]:
    m = re.match(r"^\s*(?:re|aw|sv|fw|fwd)(?:\[\d+\])?\s*:\s*", subject, re.IGNORECASE)
    return (subject[m.end() :], True) if m else (subject, False)


def lint_draft(subject: str, body: str, kind: StepKind, *, allow: Iterable[str] = ()) -> list[str]:
    """Return the guide's mistakes found in a draft, as "code: detail" strings (empty: clean).

    `allow` lists phrases copied from the mail itself (the role "Urgent Care Nurse", the
    company "NVIDIA", people's names): they are not the user's wording and are not judged.
    A reply's subject is the thread's own and is not judged either; nor is the signature.
    """
    findings: list[str] = []
    upto, _ = _split(body)
    letter = "\n".join(upto)
    bare, is_reply = _strip_reply_prefix(subject)
    own_subject = "" if is_reply else subject
    # Placeholders are instructions to the user, not the user's words: check around them.
    prose = PLACEHOLDER_RE.sub(" ", letter)
    for phrase in sorted({p.strip() for p in allow if p.strip()}, key=len, reverse=True):
        prose = prose.replace(phrase, " ")
        own_subject = own_subject.replace(phrase, " ")
    checked = own_subject + "\n" + prose
    # For proofreading, a placeholder or a copied phrase stands as one token ("#"), so the
    # spaces and stops around it stay as written: "about [a topic]." is not "about  .".
    proof = ("" if is_reply else subject) + "\n" + PLACEHOLDER_RE.sub("#", letter)
    for phrase in sorted({p.strip() for p in allow if p.strip()}, key=len, reverse=True):
        proof = proof.replace(phrase, "#")

    for m in _CASUAL_RE.finditer(checked):
        findings.append(f"casual-or-demanding: {m.group(0)!r}")
    for m in _PRESSURE_RE.finditer(checked):
        findings.append(f"offer-pressure: {m.group(0)!r}")
    for m in _ALL_CAPS_RE.finditer(checked):
        word = m.group(0)
        letters = sum(ch.isalpha() for ch in word)
        shouted = letters >= _ALL_CAPS_MIN or word.replace("’", "'") in _SHOUTED
        if shouted and word.upper() not in _ACRONYMS:
            findings.append(f"all-caps: {word!r}")
    for m in _REPEATED_PUNCT_RE.finditer(proof):
        findings.append(f"repeated-punctuation: {m.group(0)!r}")
    for m in _REPEATED_WORD_RE.finditer(prose):
        first, second = m.group(0).split()[0], m.group(0).split()[-1]
        if first != second and (first.isupper() or second.isupper()):
            continue  # "at AT&T", "in IN": a word and an acronym, not a slip
        findings.append(f"repeated-word: {m.group(0)!r}")
    for m in _A_BEFORE_VOWEL_RE.finditer(proof):
        if not _A_EXCEPTIONS_RE.match(m.group(1)):
            findings.append(f"a-or-an: {m.group(0)!r}")
    for m in _AN_BEFORE_CONSONANT_RE.finditer(proof):
        if not _AN_EXCEPTIONS_RE.match(m.group(1)):
            findings.append(f"a-or-an: {m.group(0)!r}")
    for m in _SPACING_RE.finditer(proof):
        findings.append(f"spacing: {m.group(0)!r}")
    for m in _BARE_OPPORTUNITY_RE.finditer(prose):
        findings.append(f"generic-thanks: {m.group(0)!r} without context")
    if PLACEHOLDER_RE.sub("", letter).count("[") or PLACEHOLDER_RE.sub("", letter).count("]"):
        findings.append("unbalanced-brackets: a placeholder is not closed")

    normal = re.sub(r"[^\w\s()-]", "", bare).strip().lower()
    normal = " ".join(normal.split())
    if not is_reply and normal in _GENERIC_SUBJECTS:
        findings.append(f"generic-subject: {subject!r}")

    if kind is StepKind.THANK_YOU:
        words = count_words(body)
        low, high = THANK_YOU_WORDS
        if not low <= words <= high:
            findings.append(f"word-budget: {words} words, the guide asks for {low}-{high}")
    if kind in SENTENCE_BUDGET_KINDS:
        sentences = count_sentences(body)
        low, high = FOLLOW_UP_SENTENCES
        if not low <= sentences <= high:
            findings.append(
                f"sentence-budget: {sentences} sentences, the guide asks for {low}-{high}"
            )
    if kind in QUESTION_KINDS:
        questions = prose.count("?")
        if questions == 0:
            findings.append("no-question: ask one specific, easy question about next steps")
        elif questions > 2:
            findings.append(f"many-questions: {questions} questions; ask one easy question")
        if not PLACEHOLDER_RE.search(letter) and not re.search(
            r"\b(?:article|insight|idea|thought|attached|link|project|portfolio|additional"
            r"|qualification|certificat\w*|sample|example|resource)\b",
            prose,
            re.IGNORECASE,
        ):
            findings.append("status-only: include something of value, not only a status question")
    if kind is StepKind.NETWORKING:
        for m in _JOB_ASK_RE.finditer(checked):
            findings.append(
                f"job-ask: networking mail should not ask about the job ({m.group(0)!r})"
            )
    return findings
