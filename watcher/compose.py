"""Compose follow-up drafts from templates (bundled or the user's) and render them as RFC 5322.

Pure: no clock and no I/O beyond reading template files. Values copied from inbound mail
(subjects, names, message ids, role, company) are stripped of CR, LF and control characters.
"""

from __future__ import annotations

import difflib
import itertools
import logging
import re
import string
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from email import policy
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from watcher.backends.base import MARKER_HEADER, marker_digest
from watcher.errors import ConfigError
from watcher.lint import lint_draft
from watcher.models import Address, Draft, InterviewType, StepKind

log = logging.getLogger(__name__)

__all__ = [
    "SENTENCE_FILES",
    "TEMPLATE_FILES",
    "TEMPLATE_VARIABLES",
    "ComposeRequest",
    "Sender",
    "ThreadRef",
    "compose",
    "render_message",
    "sanitize_header",
]


@dataclass(frozen=True)
class ThreadRef:
    """The latest thread with the recipient, which check-ins and the final follow-up answer."""

    subject: str
    message_id: str | None
    references: tuple[str, ...]
    thread_id: str | None


@dataclass(frozen=True)
class Sender:
    """The user, from config [me]: `signature` is extra lines after name, phone and email.
    A `name` that is empty or a mail address is not set: drafts write "[your name]"."""

    name: str
    email: str
    phone: str = ""
    signature: str = ""


@dataclass(frozen=True)
class ComposeRequest:
    """Everything one draft needs; the pipeline makes one request per panel interviewer."""

    kind: StepKind
    marker: str
    process: str
    round: int
    role: str | None
    company: str | None
    to: tuple[Address, ...]
    sender: Sender
    interview_type: InterviewType | None = None
    interview_start: datetime | None = None
    thread: ThreadRef | None = None
    rounds_before: int = 0  # earlier rounds of this process: the thank-you refers back to them
    networking_index: int = 0  # 0 for the first networking check-in, 1 for the second ...
    now: datetime | None = None  # when the draft is made: lets a thank-you say "today"
    # whether the user wrote to them since the interview: without it, a second check-in (the
    # first was skipped on a first sync) is worded as a first one, never "I am writing again"
    wrote_before: bool = True
    # whether the employer wrote since the interview: a first check-in then follows up on what
    # they said (check_in_reply.txt), never re-introducing the user as if nothing had been said
    after_reply: bool = False
    # the day the employer said they would have news by: after their reply, what it said; a
    # first check-in before any reply names the stated timeline
    news_by: date | None = None
    # a thank-you to the recruiter for interviewers named without an address to write to:
    # their names, and the note asks her to pass it on (thank_you_via.txt)
    pass_on_to: tuple[str, ...] = ()
    # a thank-you to an interviewer who arranged the interview, for the others named without
    # an address: the note asks her to pass it on to them too ($pass_on_sentence)
    also_pass_on: tuple[str, ...] = ()
    # a thank-you to someone who held an earlier round: its earlier-rounds sentence says "my
    # earlier conversations with you", not "with the team"
    met_before: bool = False
    # how many of the round's interviewers get a thank-you of their own: with more than one,
    # each note asks for a point discussed with its reader (the guide's "different points
    # discussed with each panel member"), so that no two are the same but for the name
    panel_size: int = 1


# The template file of each step. Networking alternates between sharing an article and
# congratulating on news (the guide's "Share industry article or congratulate on company news").
TEMPLATE_FILES: dict[StepKind, tuple[str, ...]] = {
    # the second: through the recruiter, for interviewers named without an address
    StepKind.THANK_YOU: ("thank_you.txt", "thank_you_via.txt"),
    # the second: the first check-in after the employer answered (the wait restarted then)
    StepKind.CHECK_IN: ("check_in.txt", "check_in_reply.txt"),
    StepKind.SECOND_CHECK_IN: ("second_check_in.txt",),
    StepKind.FINAL_FOLLOW_UP: ("final_follow_up.txt",),
    StepKind.NETWORKING: ("networking.txt", "networking_news.txt"),
}
# One-sentence templates (no Subject line) that go into the thank-you: the guide's "What to
# Emphasize" per interview type; type_none.txt when the type is unknown.
TYPE_SENTENCE_FILES: dict[InterviewType | None, str] = {
    **{t: f"type_{t.value}.txt" for t in InterviewType},
    None: "type_none.txt",
}
# Several interviewers of one round each get a note: where the type's sentence is not the one
# the spec asks for (in person, unknown), the panel's per-person sentence takes its place;
# where it is (phone, video, final round), the value sentence asks for that person's point.
_PER_PERSON_SENTENCE = frozenset({InterviewType.IN_PERSON, None})
EARLIER_ROUNDS_FILE = "earlier_rounds.txt"
SENTENCE_FILES = (*TYPE_SENTENCE_FILES.values(), EARLIER_ROUNDS_FILE)

# Every $name a template may use. Unknown names in a user template are a ConfigError.
TEMPLATE_VARIABLES: dict[str, str] = {
    "greeting": '"Dear Jane," (first names of the recipients) or "Hello,"',
    "first_name": "the recipient's first name, or empty",
    "interviewer": 'the recipient\'s first name, or "this panel member"',
    "role": "the role's title, or empty",
    "company": "the employer's name, or empty",
    "the_role": '"the Senior Developer role" or "the role"',
    "the_interview": '"the Senior Developer interview" or "the interview"',
    "role_interview": '"Senior Developer interview", "my interview with Acme" or "my interview"',
    "the_role_at_company": '"the Senior Developer role at Acme", down to "the role"',
    "company_or_team": '"Acme" or "the team"',
    "at_company": '"at Acme" or empty',
    "on_day": '"today", "yesterday", "on Tuesday" (the interview\'s weekday) or empty',
    "on_date": '"on November 24" (the interview\'s date) or empty',
    "round": "the round number",
    "my_name": '[me] name without the letters after it ("Alex Wong" for "Alex Wong, CPA"), or '
               'the placeholder "[your name]" when it is not set',
    "my_first_name": 'the first word of [me] name, or "[your first name]"',
    "my_email": "[me] address",
    "my_phone": "[me] phone, or empty",
    "signature": "name, phone and email lines, then the extra lines of [me] signature",
    "type_sentence": "the thank-you's interview-type sentence (type_<type>.txt), or empty",
    "earlier_rounds": "the thank-you's sentence about earlier rounds (earlier_rounds.txt), or empty",
    "earlier_with": '"you" when the recipient held an earlier round, else "the team"',
    "news_by": 'after the employer\'s reply: a placeholder for what they said about the timing, '
               'its example the day the watcher read from it ("you mentioned you hoped to have news '
               'by December 4")',
    "timeline_note": 'a first check-in after a stated timeline (no reply since): a placeholder '
                     'sentence for what they said, its example the day the watcher read ("You '
                     'mentioned you hoped to have news by January 15."), else empty',
    "interviewers": 'the interviewers the recruiter is asked to thank, "Tom Becker and Lena '
                    'Ortiz" (thank_you_via.txt), or empty',
    "interviewers_first": 'the same by first name, "Tom and Lena" (people who share a first '
                          'name by their full names), or empty',
    "pass_on_sentence": 'in the thank-you to an interviewer who also arranged the interview, '
                        'for the others named without an address: "I would also be grateful if '
                        'you could pass my thanks on to José, whose address I don\'t have.", else '
                        'empty',
    "value_topic": 'what the thank-you\'s value sentence is about: "[a challenge the team is '
                   'facing]"; after a final round, whose type sentence is about the challenges, '
                   '"[a goal the team shared with you]"; when several interviewers of a phone, '
                   'video or final round each get a note, that person\'s: "[a challenge Jane '
                   'described]", "[a goal Jane shared with you]"',
}

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_TITLES = frozenset({"dr", "dra", "mr", "mrs", "ms", "mx", "prof", "professor"})
# Honorifics that are not English "Mr."-style abbreviations: German Herr says Mr., and Frau,
# Spanish Sra. and French Mme say Ms. in an English letter; Sir and Dame go with the first name
# ("Sir John"); Rev., Judge, Pastor, Chef ... with the last name ("Dear Judge Sheindlin,").
# "Hon." is no salutation of its own: the full name is ("Dear Jane Doe,"). An academic title
# after them wins ("Frau Dr. Anna Schmidt": Dr. Schmidt).
_HONORIFICS = {
    "herr": "Mr.", "frau": "Ms.", "sra": "Ms.", "srta": "Ms.", "mme": "Ms.",
    "sir": "Sir", "dame": "Dame", "rev": "Rev.", "reverend": "Rev.", "fr": "Father",
    "father": "Father", "pastor": "Pastor", "rabbi": "Rabbi", "imam": "Imam", "judge": "Judge",
    "justice": "Justice", "chef": "Chef", "dean": "Dean", "sen": "Senator", "senator": "Senator",
    "rep": "Representative", "gov": "Governor", "governor": "Governor", "mayor": "Mayor",
    "amb": "Ambassador", "ambassador": "Ambassador", "hon": "", "honorable": "",
    "honourable": "",
}  # fmt: skip
# Honorifics that are given names too ("Dean Jones" is Dean): a title only before a full name
# ("Dean Sarah Jones") or written with a stop ("Sen. Ann Lee").
_NAME_OR_HONORIFIC = frozenset({"dean", "justice", "sen"})
_ACADEMIC = ("prof", "professor", "dr", "dra")
# Military and police ranks, greeted with the surname as they are written ("Dear Sgt. Pike,")
_RANKS = {
    "sgt": "Sgt.", "capt": "Capt.", "cpt": "Capt.", "lt": "Lt.", "col": "Col.", "maj": "Maj.",
    "gen": "Gen.", "cmdr": "Cmdr.", "adm": "Adm.", "cpl": "Cpl.", "insp": "Insp.", "det": "Det.",
}  # fmt: skip
_NAME_OR_RANK = frozenset({"gen", "col", "maj", "det", "adm"})  # also given names, without a "."
# What may follow a name after a comma and is not a given name: "Jane Doe, PhD", "Smith, Jr.".
_CREDENTIALS = frozenset(
    {"phd", "dphil", "md", "do", "dds", "dmd", "jd", "llm", "mba", "msc", "bsc", "ba", "bs", "ma",
     "mphil", "edd", "psyd", "rn", "np", "pa", "pe", "cpa", "cfa", "pmp", "esq", "frcs", "faia",
     "phr", "sphr", "cissp", "jr", "sr", "ii", "iii", "iv", "inc", "llc", "ltd", "gmbh", "corp"}
)  # fmt: skip
_AMBIGUOUS_CREDENTIALS = frozenset({"ma", "ba", "bs", "do", "pa", "np"})
# "Jane Doe, Acme Inc": an employer after the comma, not a given name.
_ORGANISATION = re.compile(r"\b(?:inc|llc|ltd|gmbh|corp|co|plc|ag|sa|company|group)\b\.?", re.I)
# Display names that belong to a function, not a person: greet them generically.
_NOT_A_PERSON = re.compile(
    r"\b(?:team|recruit\w*|talent|careers?|jobs?|hr|hiring|no-?reply|do-?not-?reply|notifications?"
    r"|staffing|people|admin|support|info|calendar|scheduling|scheduler|acquisition|office"
    r"|others|newsletter|journal|digest|news|alerts?|daily|weekly|updates?|mailer|daemon"
    r"|postmaster|webmaster|services?|customer|mail|list|group|committee|department|desk"
    # Job titles used as a display name ("Engineering Manager") name a function, not a person.
    r"|managers?|directors?|engineer(?:ing)?|coordinators?|specialists?|officers?|president"
    r"|founders?|executives?|assistants?|analysts?|consultants?|sourcers?|generalists?"
    r"|representatives?|administrators?|interviewers?|ceo|cto|cfo|coo|cio|vp"
    r"|[a-z0-9-]+\.(?:com|org|net|io|co|edu|gov))\b",
    re.IGNORECASE,
)
# "Barbara/Kim Jones", "Jane & John", "Jane and John": several people, greet generically.
_SEVERAL_PEOPLE = re.compile(r"[/&+]|\band\b", re.IGNORECASE)
# Reply markers (Re:, RE:, Aw:, Sv:, Re[2]:) and auto-reply markers in front of a subject:
# a reply carries "Re: " + the thread's original subject, never "Re: Re:" or "Automatic reply:".
# Reply markers in other languages too (Odp:, Ynt:, Res:, 回复:). A forward's "Fwd:"/"FW:" and
# a gateway's "[EXTERNAL]" are kept, as mail clients keep them when one replies: they are part
# of the thread's subject, which Gmail matches to put a draft in its conversation.
_REPLY_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|sv|antw|r|res|odp|ynt)(?:\[\d+\])?\s*[:：]|(?:回复|回覆|答复|答覆)\s*[:：]"
    r"|automatic reply\s*:|auto-?reply\s*:"
    r"|out of (?:the )?office(?: reply| autoreply)?\s*:|abwesenheitsnotiz\s*:)\s*",
    re.IGNORECASE,
)
# A calendar's own mail ("Invitation: Onsite interview @ Thu Nov 12, 2026 10am (EST) (me@x)",
# "Accepted: ...") is no conversation to answer in: a check-in then starts its own thread
# under the guide's subject.
_CALENDAR_SUBJECT = re.compile(
    r"^\s*(?:(?:fwd?|fw)\s*:\s*)*"
    r"(?:(?:(?:updated\s+|new\s+)?invitation|accepted|declined|tentative(?:ly\s+accepted)?"
    r"|cancell?ed(?:\s+event)?|updated\s+event|new\s+event|new\s+time\s+proposed"
    r"|(?:event|meeting)\s+(?:updated|cancell?ed|forwarded))(?:\s+with\s+note)?"
    r"|invitation\s+from\s+google\s+calendar)\s*:",
    re.IGNORECASE,
)
# A client's stand-in for no subject at all
_NO_SUBJECT = re.compile(r"^\s*(?:(?:fwd?|wg|tr|rv|enc)\s*:\s*)*(?:\(?\s*(?:no\s+subject|untitled)"
                         r"\s*\)?)?\s*$", re.IGNORECASE)
_ROLE_PREFIX = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_ROLE_SUFFIX = re.compile(r"\s+(?:role|position|interview|opening|vacancy)$", re.IGNORECASE)
_MAX_REFERENCES = 20  # keep the root and the latest ids; long chains get cut by servers anyway


def sanitize_header(value: str | None) -> str:
    """One line of text safe for a header: control characters (CR, LF, NUL...) become spaces."""
    if not value:
        return ""
    out = []
    for ch in value:
        if ch in "\u2028\u2029" or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def _clean_id(value: str | None) -> str:
    """A message id or thread id: no control characters and no whitespace at all."""
    return "".join(sanitize_header(value).split())


def _clean_address(addr: Address) -> Address:
    return Address(sanitize_header(addr.name).strip("\"' "), _clean_id(addr.email).lower())


# ---------------------------------------------------------------- templates


@dataclass(frozen=True)
class _Template:
    """A parsed template file: subject (None for sentence templates) and body."""

    origin: str  # the file's path or "bundled:<name>", for error messages
    subject: string.Template | None
    body: string.Template


def _parse(text: str, origin: str, *, with_subject: bool) -> _Template:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    subject: string.Template | None = None
    if with_subject:
        first, _, rest = text.partition("\n")
        if not first.lower().startswith("subject:"):
            raise ConfigError("the first line must be 'Subject: ...'", path=origin)
        subject = string.Template(first.partition(":")[2].strip())
        body = string.Template(rest.strip("\n") + "\n")
    else:
        body = string.Template(" ".join(text.split()))
    for part in (subject, body):
        if part is None:
            continue
        if not part.is_valid():
            raise ConfigError(
                "a '$' that is not a $name or ${name} variable (write $$ for a dollar sign)",
                path=origin,
            )
        for name in part.get_identifiers():
            if name not in TEMPLATE_VARIABLES:
                raise ConfigError(
                    f"unknown variable ${name} (known: {', '.join(sorted(TEMPLATE_VARIABLES))})",
                    path=origin,
                )
    return _Template(origin, subject, body)


@cache
def _bundled(name: str) -> _Template:
    text = resources.files("watcher").joinpath("templates", name).read_text(encoding="utf-8")
    return _parse(text, f"bundled:{name}", with_subject=name not in SENTENCE_FILES)


_user_cache: dict[Path, tuple[tuple[int, int], _Template]] = {}
_user_lock = threading.Lock()


def _user(path: Path, name: str) -> _Template | None:
    """The user's template file, re-read when its mtime or size changes; None when absent."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"cannot read template: {exc.strerror}", path=str(path)) from exc
    key = (st.st_mtime_ns, st.st_size)
    with _user_lock:
        cached = _user_cache.get(path)
    if cached and cached[0] == key:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError("template is not UTF-8 text", path=str(path)) from exc
    except OSError as exc:
        raise ConfigError(f"cannot read template: {exc.strerror}", path=str(path)) from exc
    tmpl = _parse(text, str(path), with_subject=name not in SENTENCE_FILES)
    with _user_lock:
        _user_cache[path] = (key, tmpl)
    log.debug("loaded user template %s", path)
    return tmpl


def template_problems(templates_dir: Path) -> list[str]:
    """What is wrong with the user's templates in `templates_dir` ("<file>: <problem>"), read
    as a draft would read them; a file one letter off a template's name is named too (it
    would be passed over in silence). Other files are left alone."""
    known = sorted({*(n for names in TEMPLATE_FILES.values() for n in names), *SENTENCE_FILES})
    problems = []
    try:
        files = sorted(p for p in templates_dir.iterdir() if p.suffix == ".txt")
    except OSError as exc:
        return [f"{templates_dir}: cannot read the folder: {exc.strerror or exc}"]
    for path in files:
        if path.name not in known:
            close = difflib.get_close_matches(path.name, known, n=1, cutoff=0.85)
            if close:
                problems.append(f"{path}: not a template the watcher reads (did you mean "
                                f"{close[0]!r}?)")
            continue
        try:
            _user(path, path.name)
        except ConfigError as exc:
            problems += [f"{exc.path}: {p}" for p in exc.problems]
    return problems


# A sample step of each kind that reads a given user template (templates_lint): the name's
# step, and what the request must say for compose to pick that file over its sibling.
_SAMPLE_TO = Address("Jordan Lee", "jordan.lee@example.com")
_SAMPLE_START = datetime(2026, 3, 10, 14, 0)
TEMPLATE_SAMPLES: dict[str, dict[str, Any]] = {
    "thank_you.txt": {"kind": StepKind.THANK_YOU},
    "thank_you_via.txt": {"kind": StepKind.THANK_YOU, "pass_on_to": ("Sam Ortiz", "Priya Nair")},
    "check_in.txt": {"kind": StepKind.CHECK_IN},
    "check_in_reply.txt": {"kind": StepKind.CHECK_IN, "after_reply": True},
    "second_check_in.txt": {"kind": StepKind.SECOND_CHECK_IN},
    "final_follow_up.txt": {"kind": StepKind.FINAL_FOLLOW_UP},
    "networking.txt": {"kind": StepKind.NETWORKING},
    "networking_news.txt": {"kind": StepKind.NETWORKING, "networking_index": 1},
    EARLIER_ROUNDS_FILE: {"kind": StepKind.THANK_YOU, "rounds_before": 1, "round": 2},
    **{f: {"kind": StepKind.THANK_YOU, "interview_type": t} for t, f in TYPE_SENTENCE_FILES.items()},
}


def templates_lint(templates_dir: Path, sender: Sender) -> list[str]:
    """The guide's "mistakes to avoid" found in a draft made from each of the user's templates in
    `templates_dir` ("<file>: <finding>"), on a sample step; the bundled ones find none. For
    `watcher doctor`: a draft is saved whatever its findings, and the log only counts them
    (they quote the text). A template that does not load is template_problems' to report."""
    out = []
    for name, fields in TEMPLATE_SAMPLES.items():
        path = templates_dir / name
        if not path.is_file():
            continue
        base: dict[str, Any] = {"round": 1, "role": "Data Analyst", "company": "Example Corp",
                                "to": (_SAMPLE_TO,), "sender": sender,
                                "interview_start": _SAMPLE_START,
                                "now": _SAMPLE_START.replace(hour=16)}
        req = ComposeRequest(marker=f"sample/1/0/{name}", process="sample", **{**base, **fields})
        try:
            draft = compose(req, templates_dir)
        except ConfigError:
            continue
        out += [f"{path}: {finding}" for finding in draft.lint]
    return out


def _template(name: str, templates_dir: Path | None) -> _Template:
    if templates_dir is not None:
        user = _user(templates_dir / name, name)
        if user is not None:
            return user
    return _bundled(name)


# ---------------------------------------------------------------- wording


def _is_credential(part: str) -> bool:
    """ "PhD", "Ph.D.", "MBA", "Jr.", "III", "M.D., FACS": letters after a name, not a name."""
    words = part.replace(",", " ").split()
    for word in words:
        norm = word.replace(".", "").lower()
        if norm not in _CREDENTIALS:
            return False
        if norm in _AMBIGUOUS_CREDENTIALS and not (word.isupper() or "." in word):
            return False  # "Ma" and "Do" are names too; "MA" and "D.O." are degrees
    return bool(words)


def _not_a_name(part: str) -> bool:
    """A job title or an employer after a comma: "Engineering Manager", "Acme Inc"."""
    return bool(_NOT_A_PERSON.search(part) or _ORGANISATION.search(part))


def _cap(token: str) -> str:
    """ "JEAN-PIERRE" -> "Jean-Pierre", "d'arcy" -> "D'Arcy": each part after - or ' too."""
    return "".join(p.capitalize() for p in re.split(r"([-'’])", token))


# Initials written together: "B.K.", "J.R.R."
_INITIALS = re.compile(r"(?:[^\W\d_]\.){2,}")
# Words that begin a surname: "van der Berg", "de la Cruz", "von Trapp", "dos Santos", "Ní
# Bhriain", "Ó Súilleabháin", "bin Rashid".
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "da", "das", "dos", "do", "di", "du",
                        "del", "della", "le", "la", "ter", "ten", "st", "st.", "mac", "al", "el",
                        "bin", "ibn", "bint", "ní", "nic", "ó", "ua", "uí", "mhic", "ap",
                        "zu", "vom", "zum", "dei", "degli", "dal"})
# A preferred name written between the given name and the surname: "Alexandra (Sasha)
# Petrova", 'Robert "Bob" Jones', "Katherine 'Kate' Lee" go by Sasha, Bob and Kate.
_PREFERRED = re.compile(r"^(\s*)[^\s(\"'“‘]+\s+[(\"'“‘]([A-Z][^\W\d_]*(?:[-'’][^\W\d_]+)*)[)\"'”’]"
                        r"(?=\s+[^\W\d_])")


# Pronouns after a name ("Jane Doe, she/her"): not a second person.
_PRONOUNS = re.compile(r"\b(?:she|he|they|ze|xe|ey)\s*/\s*(?:her|him|them|hers|his|theirs|zir|hir"
                       r"|xem|em|she|he|they)(?:\s*/\s*\w+)?\b", re.IGNORECASE)
# A title written onto the name: "Dr.Ramesh Kumar", "MR.IKE EJOH", "Prof.Dr. Anna Schmidt".
_STUCK_TITLE = re.compile(r"\b(dr|mr|mrs|ms|mx|prof)\.(?=[^\W\d_])", re.IGNORECASE)
# A shared mailbox's local part: a display name there that is the employer's is no person.
_ROLE_MAILBOX = re.compile(r"^(?:recruit\w*|careers?|jobs?|talent\w*|hr|hiring|people|team"
                           r"|staffing|info|hello|contact|apply|applications?)\b", re.IGNORECASE)


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", _ORGANISATION.sub(" ", text.lower()))


def _is_employer(name: str, addr: Address, company: str) -> bool:
    """A display name that is the employer's ("Acme Robotics" <recruiting@acmerobotics.com>,
    "Contoso" <careers@contoso.com>), not a person's."""
    norm = _squash(name)
    if not norm:
        return False
    if company and norm == _squash(company):
        return True
    local, _, domain = addr.email.lower().partition("@")
    return bool(_ROLE_MAILBOX.match(local)) and norm in domain.split(".")


def _greeting_name(addr: Address, company: str = "") -> str | None:
    """How to address someone in "Dear ___,": first name, "Dr. Doe", or None when unknown
    (`company`: the employer's name, which is no person's)."""
    name = addr.name
    preferred = _PREFERRED.match(name)
    if preferred and preferred.group(2).lower() not in (*_TITLES, *_HONORIFICS, *_RANKS) \
            and not _PRONOUNS.fullmatch(preferred.group(2)):
        name = preferred.group(1) + preferred.group(2) + name[preferred.end():]
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]|[\[\]<>{}]", " ", name)
    name = _STUCK_TITLE.sub(r"\1. ", _PRONOUNS.sub(" ", name))
    name = re.split(r"\s+(?:via|from|at)\s+|\s+[|/–—]\s+|\s+-\s+", name, maxsplit=1)[0]
    # Lotus Notes style "Darwin@CPUC": what follows @ is an organisation, not a mail domain.
    name = re.sub(r"@[^\s.,@]*(?=$|[\s,])", " ", name)
    name = " ".join(name.replace('"', " ").split()).strip(" ,;:'‘’`-*#~")
    local = addr.email.partition("@")[0]
    if (
        not name
        or "@" in name
        or (name.islower() and name == local.lower())  # "legal <legal@...>": a mailbox, no name
        or any(ch.isdigit() for ch in name)
        or _SEVERAL_PEOPLE.search(name)
        or _is_employer(name, addr, company)
    ):
        return None
    if "," in name:
        before, *after = (part.strip(" '‘’") for part in name.split(","))
        # "Doe, Jane", "van der Berg, Jan" and "Smith Jr., John" are last-name-first: the part
        # after the comma is the given name unless it is a credential ("Jane Doe, PhD") or a
        # job title ("Jane Doe, Engineering Manager").
        given = [p for p in after if p and not _is_credential(p) and not _not_a_name(p)]
        # Only a part before the comma that reads as a surname is one: a single word, or one
        # with a particle or a suffix. "Jane Doe, Acme" (name, then company) keeps Jane.
        words = before.split()
        surname = len(words) == 1 or words[0].lower() in _PARTICLES or bool(
            re.search(r"\b(?:jr|sr|ii|iii|iv)\.?$", before, re.IGNORECASE))
        if given and not surname and len(words) == 2 and len(given[0].split()) == 1 \
                and not any(_is_employer(p, addr, company) for p in after):
            # "García López, María" (two surnames) or "Jane Doe, Globex" (an employer not
            # known as one): which is the given name is not said
            return None
        name = f"{given[0]} {before}" if given and surname else before
    if _NOT_A_PERSON.search(name):
        return None
    tokens = [t.strip("-*#~:;") for t in name.split() if any(ch.isalpha() for ch in t)]
    if len(tokens) == 1 and re.fullmatch(r"[a-z]+[._][a-z._]+", tokens[0]):  # "jane.doe"
        tokens = [re.split(r"[._]", tokens[0])[0]]
    if not tokens or any("_" in t for t in tokens):  # "DL-GA-all_domestic": a list, no person
        return None
    # "JANE", "jane", "JEAN-PIERRE", "D'ARCY"; two capitals may be initials ("TK", "JD").
    # A particle inside the name stays in lower case ("MARIA DE LA CRUZ": Maria de la Cruz).
    tokens = [t.lower() if 0 < i < len(tokens) - 1 and t.lower() in _PARTICLES
              and (t.isupper() or t.islower())
              else t if _INITIALS.fullmatch(t) else _cap(t) if (t.isupper() and len(t) > 2)
              or t.islower() else t for i, t in enumerate(tokens)]
    # Letters after the name ("Jr.", "III", "PhD") are not the surname a title goes with;
    # but a surname in capitals that reads as a degree ("Mr. Moussa BA", "Dr. Anh DO") is the
    # surname when only a given name would be left before it.
    titled = sum(1 for t in tokens if t.rstrip(".").lower() in (*_TITLES, *_HONORIFICS))
    if titled and len(tokens) - titled == 2 and _is_credential(tokens[-1]) \
            and tokens[-1].replace(".", "").lower() in _AMBIGUOUS_CREDENTIALS:
        return None  # "Dr. Smith MA" or "Dr. Anh DO": a degree or the surname, not said which
    while len(tokens) > 1 and _is_credential(tokens[-1]):
        tokens = tokens[:-1]
    # "Nnaji." at the end of a display name: a full stop, not an initial
    if len(tokens) > 1 and len(tokens[-1]) > 2 and tokens[-1].endswith(".") \
            and not _INITIALS.fullmatch(tokens[-1]):
        tokens[-1] = tokens[-1].rstrip(".")
    tokens = [t.upper() if _INITIALS.fullmatch(t) else t for t in tokens]  # "j.d." -> "J.D."
    # Leading titles: "Dr.", "Herr", "Frau Dr.", "Herr Prof. Dr.", "Sir", "Rev." ...
    titles: list[str] = []
    if len(tokens) > 2 and tokens[0].lower() == "the" and tokens[1].rstrip(".").lower() in (
            "hon", "honorable", "honourable"):
        tokens = tokens[1:]  # "The Hon. Jane Doe"
    while len(tokens) > 1 and (word := tokens[0].rstrip(".").lower()) in (*_TITLES, *_HONORIFICS,
                                                                          *_RANKS):
        if word in _NAME_OR_RANK and not tokens[0].endswith(".") \
                and tokens[1].rstrip(".").lower() not in _RANKS and not (titles and titles[-1] in _RANKS):
            break  # "Gen Tanaka" is Gen; "Gen. Tanaka", "Lt Col Ross" are ranks
        if word in _NAME_OR_HONORIFIC and not tokens[0].endswith(".") and len(tokens) < 3:
            break  # "Dean Jones" is Dean; "Dean Sarah Jones" is Dean Jones
        titles.append(word)
        tokens = tokens[1:]
    last = _surname(tokens)
    if any(t in _RANKS for t in titles):  # "Sgt. Laura Pike", "Lt Col Ann Ross": with the surname
        return " ".join(_RANKS[t] for t in titles if t in _RANKS) + f" {last}"
    if titles:
        academic = next((t for t in _ACADEMIC if t in titles), None)
        if academic == "professor":
            return f"Professor {last}"
        if academic is not None:
            return f"{academic.capitalize()}. {last}"
        title = titles[0]
        if title in _HONORIFICS:
            honorific = _HONORIFICS[title]
            if honorific in ("Sir", "Dame"):  # "Sir John Smith" is Sir John
                return f"{honorific} {tokens[0]}"
            if not honorific:  # "Hon. Jane Doe": her full name
                return " ".join(tokens) if len(tokens) > 1 else None
            return f"{honorific} {last}"
        return f"{title.capitalize()}. {last}"
    first = tokens[0]
    if (len(first.rstrip(".")) <= 1 or _INITIALS.fullmatch(first)) and len(tokens) > 1:
        # "B. David Follett" goes by David; "J. R. Smith" and "B.K. DeLong" have no first name
        # to use: the initials and the surname, as written
        initials = list(itertools.takewhile(
            lambda t: len(t.rstrip(".")) <= 1 or bool(_INITIALS.fullmatch(t)), tokens[:-1]))
        given_names = [t for t in tokens[len(initials):-1] if len(t.rstrip(".")) > 1]
        if given_names:
            return given_names[0]
        return " ".join([*(t.rstrip(".") + "." for t in initials), last])
    if first.endswith(".") and len(tokens) > 1:
        # a title the watcher does not know ("Ing. Ana Ruiz", "Lic. Juan Pérez"): not a first
        # name; the name without it, or no name at all
        return " ".join(tokens[1:]) if len(tokens) > 2 else None
    return first


def _surname(tokens: list[str]) -> str:
    """The surname a title goes with: the last word, from a particle before it on ("Ní
    Bhriain", "de la Cruz", "van Beethoven"); never the first word, the given name."""
    for i in range(1, len(tokens) - 1):
        if tokens[i].lower() in _PARTICLES:
            return " ".join(tokens[i:])
    return tokens[-1]


def _greeting(to: tuple[Address, ...], company: str = "") -> tuple[str, str]:
    """(greeting line, first name or ''): "Dear Jane," when every name is known, else "Hello,"."""
    names = [_greeting_name(a, company) for a in to]
    if not names or any(n is None for n in names):
        return "Hello,", ""
    known = [n for n in names if n]
    joined = known[0] if len(known) == 1 else ", ".join(known[:-1]) + " and " + known[-1]
    return f"Dear {joined},", known[0]


def _from_mail(value: str | None) -> str:
    """A role or company name from mail: one line, and no square brackets, which would read as
    placeholders for the user to fill ("Engineer [Remote]" -> "Engineer (Remote)")."""
    cleaned = sanitize_header(value).strip("\"'“”‘’ ")
    return cleaned.replace("[", "(").replace("]", ")")


def _role(role: str | None) -> str:
    cleaned = _ROLE_SUFFIX.sub("", _ROLE_PREFIX.sub("", _from_mail(role)))
    return _unshout(cleaned) if cleaned.isupper() else cleaned


# Words of an all-caps role title that are lower-case in a title ("VP of Engineering"), and
# those with their own spelling; other words of three letters or fewer are acronyms (VP, QA,
# ML, SRE, II) and stay as they are.
_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "at", "on", "a", "an", "or"})
_SPELLINGS = {"SR": "Sr", "JR": "Jr", "IOS": "iOS", "DEVOPS": "DevOps", "MLOPS": "MLOps"}


def _unshout(role: str) -> str:
    """ "SENIOR DATA ENGINEER" -> "Senior Data Engineer"; "VP OF ENGINEERING" -> "VP of
    Engineering". An all-caps word in a draft reads as shouting (the guide's mistakes)."""

    def word(w: str, first: bool) -> str:
        letters = re.sub(r"[^A-Za-z]", "", w)
        if letters in _SPELLINGS:
            return w.replace(letters, _SPELLINGS[letters])
        if not first and w.lower() in _SMALL_WORDS:
            return w.lower()
        if len(letters) <= 3:
            return w
        return "".join(_cap_word(p) for p in re.split(r"([-/])", w))

    return " ".join(word(w, i == 0) for i, w in enumerate(role.split()))


def _cap_word(part: str) -> str:
    """ "ENGINEER" -> "Engineer", "(REMOTE)" -> "(Remote)"; three letters or fewer: kept."""
    if len(re.sub(r"[^A-Za-z]", "", part)) <= 3:
        return part
    return re.sub(r"[^\W\d_]", lambda m: m.group().upper(), part.lower(), count=1)


_NO_NAME = "[your name]"  # a placeholder for the user to fill when [me] name is not set
_NO_FIRST_NAME = "[your first name]"


def _my_name(sender: Sender) -> str:
    """[me] name, or "" when it is not set: the pipeline passes the address in its place,
    and "This is alex@example.com;" is not how anyone introduces themselves."""
    name = sanitize_header(sender.name)
    return "" if re.fullmatch(r"\S+@\S+", name) else name


def _signature(sender: Sender) -> str:
    """Name (or the [your name] placeholder), phone and email lines, then [me] signature's
    extra lines; an extra line that repeats one of the first three is left out, and so is the
    name without the letters after it ("Alex Wong" under "Alex Wong, PhD")."""
    first = [_my_name(sender) or _NO_NAME, sanitize_header(sender.phone), _clean_id(sender.email)]
    first = [line for line in first if line]
    seen = {line.casefold() for line in first} | {_without_letters(first[0]).casefold()}
    extra = [sanitize_header(line) for line in sender.signature.strip("\n").splitlines()]
    extra = [line for line in extra if line.casefold() not in seen]
    return "\n".join([*first, *extra]).rstrip("\n")


def _without_letters(name: str) -> str:
    """ "Alex Wong, PhD" and "Alex Wong MBA, CPA" -> "Alex Wong": the name without credentials."""
    parts = name.split(",")
    while len(parts) > 1 and _is_credential(parts[-1]):
        parts.pop()
    words = ",".join(parts).split()
    while len(words) > 1 and _is_credential(words[-1]):
        words.pop()
    return " ".join(words)


def _on_day(start: datetime | None, now: datetime | None) -> str:
    """ "today" or "yesterday" when `now` is known and close, else "on Tuesday"; "" unknown."""
    if start is None:
        return ""
    if now is not None:
        local_now = now.astimezone(start.tzinfo) if start.tzinfo and now.tzinfo else now
        days = (local_now.date() - start.date()).days
        if days == 0:
            return "today"
        if days == 1:
            return "yesterday"
    return f"on {_DAYS[start.weekday()]}"


def _variables(req: ComposeRequest, to: tuple[Address, ...]) -> dict[str, str]:
    role = _role(req.role)
    company = _from_mail(req.company)
    greeting, first = _greeting(to, company)
    start = req.interview_start
    news_day = f"{_MONTHS[req.news_by.month - 1]} {req.news_by.day}" if req.news_by else ""
    my_name = _my_name(req.sender)
    if role and company:
        at = f"the {role} role at {company}"
    elif role:
        at = f"the {role} role"
    elif company:
        at = f"the role at {company}"
    else:
        at = "the role"
    if role:
        role_interview = f"{role} interview"
    elif company:
        role_interview = f"my interview with {company}"
    else:
        role_interview = "my interview"
    return {
        "greeting": greeting,
        "first_name": first,
        "interviewer": first or "this panel member",
        "role": role,
        "company": company,
        "the_role": f"the {role} role" if role else "the role",
        "the_interview": f"the {role} interview" if role else "the interview",
        "role_interview": role_interview,
        "the_role_at_company": at,
        # "the team", not "your team": an agency's recruiter (the employer unnamed) gets the
        # thank-you too, and the user is not joining the agency
        "company_or_team": company or "the team",
        "at_company": f"at {company}" if company else "",
        "on_day": _on_day(start, req.now),
        "on_date": f"on {_MONTHS[start.month - 1]} {start.day}" if start else "",
        "round": str(req.round),
        # in a sentence and a subject the name goes without the letters after it: "This is
        # Alex Wong, CPA; I interviewed ..." reads as a business card (the signature keeps them)
        "my_name": _without_letters(my_name) if my_name else _NO_NAME,
        "my_first_name": my_name.split()[0] if my_name else _NO_FIRST_NAME,
        "my_email": _clean_id(req.sender.email),
        "my_phone": sanitize_header(req.sender.phone),
        "signature": _signature(req.sender),
        "type_sentence": "",
        "earlier_rounds": "",
        "earlier_with": "you" if req.met_before else "the team",
        "value_topic": _value_topic(req, first),
        "interviewers": _and(sanitize_header(n) for n in req.pass_on_to),
        "interviewers_first": _and(_short_names(req.pass_on_to, company)),
        "pass_on_sentence": (
            f"I would also be grateful if you could pass my thanks on to "
            f"{_and(_short_names(req.also_pass_on, company))}, whose "
            f"address{'es' if len(req.also_pass_on) > 1 else ''} I don't have."
            if req.also_pass_on else ""),
        # the day is the watcher's reading of their words ("in a few days" is a day too):
        # offered as the example, never put in their mouth
        "news_by": '[what you were told about the timing or the next steps, e.g. "you '
                   + (f'mentioned you hoped to have news by {news_day}"]' if news_day
                      else 'mentioned you hoped to decide by the end of last week"]'),
        "timeline_note": '[What you were told about the timing, e.g. "You mentioned you hoped '
                         f'to have news by {news_day}."]' if news_day and not req.after_reply
                         else "",
    }


def _short_names(names: Iterable[str], company: str) -> list[str]:
    """How each of `names` is called in a list of first names ("Tom", "Dr. Ortiz"); people
    who share one keep their full names ("Chris Lee, Chris Park and Dana", not "Chris, Chris
    and Dana")."""
    full = [sanitize_header(n) for n in names]
    short = [_greeting_name(Address(n, ""), company) or n for n in full]
    return [f if short.count(s) > 1 else s for f, s in zip(full, short, strict=True)]


def _and(items: Iterable[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = [x for x in items if x]
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


# The thank-you's value sentence names a challenge, unless the final round's type sentence
# already does ("Having heard about [a specific challenge] ..."): asked twice, it reads as filler.
_VALUE_TOPIC = {False: "[a challenge the team is facing]", True: "[a goal the team shared with you]"}


def _value_topic(req: ComposeRequest, first: str) -> str:
    final = req.interview_type is InterviewType.FINAL
    if req.panel_size > 1 and req.interview_type not in _PER_PERSON_SENTENCE \
            and req.interview_type is not InterviewType.PANEL:
        who = first or "this interviewer"
        return f"[a goal {who} shared with you]" if final else f"[a challenge {who} described]"
    return _VALUE_TOPIC[final]


_SPACES = re.compile(r"(?<=\S) {2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=\S) +(?=[.,;:!?])")
# "at Acme Inc.. I am" and "at Yahoo!. I am": a full stop after a name that ends in one. An
# ellipsis ("...") has a full stop before the pair and is left alone.
_DOUBLE_STOP = re.compile(r"(?<!\.)([.!?])\.(?=\s|$)")


def _tidy_line(line: str) -> str:
    """Close the gaps an empty variable leaves ("with me  about", "news ."), keep indentation."""
    line = _SPACE_BEFORE_PUNCT.sub("", _SPACES.sub(" ", line))
    return _DOUBLE_STOP.sub(r"\1", line).rstrip()


def _tidy(text: str) -> str:
    lines = [_tidy_line(line) for line in text.split("\n")]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    return out + "\n"


def strip_reply(subject: str) -> str:
    """`subject` without its reply markers ("Re: Aw: X" -> "X"; a forward's "Fwd:" stays)."""
    while (m := _REPLY_PREFIX.match(subject)) is not None and m.end() > 0:
        subject = subject[m.end() :]
    return subject


def _reply_subject(thread_subject: str) -> str:
    subject = strip_reply(sanitize_header(thread_subject))
    return f"Re: {subject}" if subject and not _NO_SUBJECT.match(subject) else ""


def _reply_headers(thread: ThreadRef) -> tuple[str | None, tuple[str, ...]]:
    refs = [r for r in (_clean_id(x) for x in thread.references) if r]
    mid = _clean_id(thread.message_id)
    if mid:
        if mid in refs:
            refs.remove(mid)
        refs.append(mid)
    if len(refs) > _MAX_REFERENCES:
        refs = [refs[0], *refs[-(_MAX_REFERENCES - 1) :]]
    in_reply_to = mid or (refs[-1] if refs else None)
    return in_reply_to, tuple(refs)


def compose(req: ComposeRequest, templates_dir: Path | None = None) -> Draft:
    """Build the draft for one step from its template; its lint findings go in `Draft.lint`.

    A thank-you and a networking check-in start new threads; check-ins and the final
    follow-up reply in `req.thread` when there is one (Re: subject, In-Reply-To, References).
    Raises ConfigError when a user template is malformed or uses an unknown variable.
    """
    to = tuple(_clean_address(a) for a in req.to)
    values = _variables(req, to)

    if req.kind is StepKind.THANK_YOU:
        sentence_values = dict(values)
        itype = req.interview_type
        if req.panel_size > 1 and itype in _PER_PERSON_SENTENCE:
            itype = InterviewType.PANEL
        tmpl = _template(TYPE_SENTENCE_FILES[itype], templates_dir)
        values["type_sentence"] = tmpl.body.substitute(sentence_values)
        if req.rounds_before > 0:
            tmpl = _template(EARLIER_ROUNDS_FILE, templates_dir)
            values["earlier_rounds"] = tmpl.body.substitute(sentence_values)

    kind = StepKind.CHECK_IN if req.kind is StepKind.SECOND_CHECK_IN and not req.wrote_before \
        else req.kind
    names = TEMPLATE_FILES[kind]
    name = names[req.networking_index % len(names)] if req.kind is StepKind.NETWORKING else names[0]
    if kind is StepKind.CHECK_IN and req.after_reply:
        name = names[1]
    if kind is StepKind.THANK_YOU and req.pass_on_to:
        name = names[1]
    tmpl = _template(name, templates_dir)
    assert tmpl.subject is not None  # message templates are parsed with their Subject line
    subject = sanitize_header(_tidy_line(tmpl.subject.substitute(values)))
    body = _tidy(tmpl.body.substitute(values))

    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    thread_id: str | None = None
    replies = req.kind in (StepKind.CHECK_IN, StepKind.SECOND_CHECK_IN, StepKind.FINAL_FOLLOW_UP)
    if replies and req.thread is not None and \
            not _CALENDAR_SUBJECT.match(strip_reply(sanitize_header(req.thread.subject))):
        subject = _reply_subject(req.thread.subject) or subject
        in_reply_to, references = _reply_headers(req.thread)
        thread_id = _clean_id(req.thread.thread_id) or None

    # Words copied from mail or config are theirs, not the template's: lint does not judge them.
    allow = [values["role"], values["company"], values["my_name"], values["signature"]]
    allow += [w for a in to for w in (a.name, *a.name.split())]
    findings = tuple(lint_draft(subject, body, req.kind, allow=allow))
    if findings:
        log.info("draft %s (%s): %d lint findings", req.marker, tmpl.origin, len(findings))

    return Draft(
        marker=req.marker,
        process=req.process,
        kind=req.kind,
        round=req.round,
        to=to,
        subject=subject,
        body=body,
        from_=Address(_my_name(req.sender), _clean_id(req.sender.email).lower()),
        in_reply_to=in_reply_to,
        references=references,
        thread_id=thread_id,
        lint=findings,
    )


# ---------------------------------------------------------------- RFC 5322


def _header_address(addr: Address) -> HeaderAddress:
    name = sanitize_header(addr.name)
    email = _clean_id(addr.email)
    local, at, domain = email.rpartition("@")
    if not at or not local or not domain:
        raise ValueError(f"not a mail address: {email!r}")
    if not domain.isascii():
        try:  # an internationalized domain has an ASCII (punycode) form every server takes
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise ValueError(f"not a mail address: {email!r}") from exc
    return HeaderAddress(display_name=name, username=local, domain=domain)


def message_id_for(marker: str, domain: str) -> str:
    """The Message-ID a draft for `marker` carries: the same marker gives the same id."""
    digest = marker_digest(marker)
    host = re.sub(r"[^A-Za-z0-9.-]", "", domain).strip(".") or "watcher.invalid"
    return f"<watcher.{digest}@{host}>"


def render_message(draft: Draft, *, date: datetime, message_id_domain: str | None = None) -> bytes:
    """The RFC 5322 bytes of `draft` (UTF-8 text/plain, CRLF) that a backend saves as a draft.

    `date` must be aware. The Message-ID is derived from the marker, so a draft re-created
    for the same step is recognisable. Raises ValueError for a naive date or a bad address.
    """
    if date.tzinfo is None or date.utcoffset() is None:
        raise ValueError("render_message needs an aware date")
    # A non-ASCII local part ("jösé@...") has no ASCII form: such a message needs SMTPUTF8.
    addresses = [a for a in (draft.from_, *draft.to) if a is not None]
    utf8 = any(not _clean_id(a.email).rpartition("@")[0].isascii() for a in addresses)
    base = policy.SMTPUTF8 if utf8 else policy.SMTP
    msg = EmailMessage(policy=base)
    if draft.from_ is not None:
        msg["From"] = _header_address(draft.from_)
    if draft.to:
        msg["To"] = tuple(_header_address(a) for a in draft.to)
    msg["Subject"] = sanitize_header(draft.subject)
    msg["Date"] = format_datetime(date)
    domain = message_id_domain or (draft.from_.domain if draft.from_ else "")
    msg["Message-ID"] = message_id_for(draft.marker, domain)
    in_reply_to = _clean_id(draft.in_reply_to)
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    references = [r for r in (_clean_id(x) for x in draft.references) if r]
    if references:
        msg["References"] = " ".join(references)
    msg[MARKER_HEADER] = sanitize_header(draft.marker)
    msg.set_content(draft.body, charset="utf-8")
    # Serialised with RFC 5322's 998-character line limit, so a long step key stays one plain
    # header line (at 78 the generator wrapped it as an RFC 2047 word that backends then had to
    # decode before the marker matched its ledger key); the body keeps its 7-bit encoding.
    return msg.as_bytes(policy=base.clone(max_line_length=998))
