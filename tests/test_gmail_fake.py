"""Tests for tests/gmail_fake.py, driven through the real google-api-python-client over HTTP."""

from __future__ import annotations

import base64
import http.client
import json
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import google.auth.exceptions
import httplib2
import pytest
from google.oauth2.credentials import Credentials
from googleapiclient.discovery import build
from googleapiclient.errors import HttpError
from googleapiclient.http import BatchHttpRequest
from hypothesis import given
from hypothesis import strategies as st

from tests.gmail_fake import QUOTA_UNITS, SYSTEM_LABELS, WATCHER_SCOPES, GmailFake, parse_query

pytest_plugins = ["pytester"]

NOW = datetime(2026, 11, 20, 18, 0, tzinfo=UTC)


def service(fake: GmailFake, token: str = "dummy-token", creds: Credentials | None = None) -> Any:
    """The real client, offline discovery, pointed at the fake."""
    return build(
        "gmail",
        "v1",
        credentials=creds or Credentials(token=token),
        static_discovery=True,
        client_options={"api_endpoint": fake.api_endpoint},
    )


def mail(
    subject: str = "Interview with Acme",
    sender: str = "Jane Recruiter <jane@acme.example>",
    to: str = "me@example.com",
    body: str = "Hello, can we talk on Monday?",
    msgid: str | None = "<m1@acme.example>",
    in_reply_to: str | None = None,
    date: datetime = NOW,
    ics: bool = False,
) -> bytes:
    """A small RFC 5322 message as bytes."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    if msgid:
        msg["Message-ID"] = msgid
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    if ics:
        msg.add_attachment(
            b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", maintype="text", subtype="calendar", filename="invite.ics"
        )
    return msg.as_bytes()


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def error_json(err: HttpError) -> dict[str, Any]:
    return json.loads(err.content)["error"]


def no_sleep(request: Any) -> Any:
    """Let num_retries run without sleeping on the wall clock."""
    request._sleep = lambda seconds: None
    return request


# --- reaching the fake ----------------------------------------------------------------------


def test_api_endpoint_composes_to_gmail_v1_paths(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    gmail.users().getProfile(userId="me").execute()
    gmail.users().messages().list(userId="me", q="x").execute()
    gmail.users().labels().list(userId="me").execute()
    assert gmail_fake.requests == [
        ("GET", "/gmail/v1/users/me/profile"),
        ("GET", "/gmail/v1/users/me/messages"),
        ("GET", "/gmail/v1/users/me/labels"),
    ]


def test_profile_and_monotonic_history_ids(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    first = gmail.users().getProfile(userId="me").execute()
    assert first["emailAddress"] == "me@example.com"
    assert (first["messagesTotal"], first["threadsTotal"]) == (0, 0)
    mid, _ = gmail_fake.add_message(mail())
    gmail_fake.add_message(mail(subject="Other", msgid="<m2@x>"))
    second = gmail.users().getProfile(userId="me").execute()
    assert (second["messagesTotal"], second["threadsTotal"]) == (2, 2)
    assert int(second["historyId"]) > int(first["historyId"])
    got = gmail.users().messages().get(userId="me", id=mid, format="minimal").execute()
    assert int(first["historyId"]) < int(got["historyId"]) < int(second["historyId"])
    assert len(mid) == 16 and int(mid, 16) > 0


# --- messages -------------------------------------------------------------------------------


def test_raw_round_trips_the_exact_bytes_unpadded(gmail_fake: GmailFake) -> None:
    raw = mail(body="Grüße — café\r\nline two", msgid="<rt@x>") + b"\xff trailing 8bit\r\n"
    for extra in (b"", b"x", b"xy"):  # every padding length
        mid, _ = gmail_fake.add_message(raw + extra)
        got = service(gmail_fake).users().messages().get(userId="me", id=mid, format="raw").execute()
        assert "=" not in got["raw"]
        assert unb64(got["raw"]) == raw + extra
        assert got["sizeEstimate"] == len(raw + extra)
        assert "payload" not in got


def test_full_and_metadata_formats(gmail_fake: GmailFake) -> None:
    gmail_fake.clock = NOW.timestamp
    raw = mail(subject="=?utf-8?q?Entretien_=C3=A0_Paris?=", body="Don't be late & bring ID", ics=True)
    mid, tid = gmail_fake.add_message(raw, labels=("INBOX", "UNREAD"))
    gmail = service(gmail_fake)
    full = gmail.users().messages().get(userId="me", id=mid).execute()
    assert full["id"] == mid and full["threadId"] == tid == mid
    assert full["labelIds"] == ["INBOX", "UNREAD"]
    assert full["internalDate"] == str(int(NOW.timestamp() * 1000))
    assert full["snippet"] == "Don&#39;t be late &amp; bring ID"
    payload = full["payload"]
    assert payload["partId"] == "" and payload["mimeType"] == "multipart/mixed"
    headers = {h["name"]: h["value"] for h in payload["headers"]}
    assert headers["Subject"] == "Entretien à Paris"
    text, cal = payload["parts"]
    assert (text["partId"], text["mimeType"]) == ("0", "text/plain")
    assert unb64(text["body"]["data"]).startswith(b"Don't be late")
    assert cal["filename"] == "invite.ics" and "data" not in cal["body"]
    att = gmail.users().messages().attachments().get(userId="me", messageId=mid, id=cal["body"]["attachmentId"]).execute()
    assert unb64(att["data"]).startswith(b"BEGIN:VCALENDAR")
    meta = gmail.users().messages().get(userId="me", id=mid, format="metadata", metadataHeaders=["subject", "From"]).execute()
    assert [h["name"] for h in meta["payload"]["headers"]] == ["From", "Subject"]
    assert "parts" not in meta["payload"] and "raw" not in meta
    minimal = gmail.users().messages().get(userId="me", id=mid, format="minimal").execute()
    assert "payload" not in minimal and minimal["snippet"] == full["snippet"]


def test_get_unknown_and_malformed_ids(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    with pytest.raises(HttpError) as missing:
        gmail.users().messages().get(userId="me", id="00000000000000ff").execute()
    assert missing.value.status_code == 404
    assert error_json(missing.value) == {
        "code": 404,
        "message": "Requested entity was not found.",
        "errors": [{"message": "Requested entity was not found.", "domain": "global", "reason": "notFound"}],
        "status": "NOT_FOUND",
    }
    with pytest.raises(HttpError) as bad:
        gmail.users().messages().get(userId="me", id="not-an-id").execute()
    assert bad.value.status_code == 400 and error_json(bad.value)["status"] == "INVALID_ARGUMENT"


def test_list_is_newest_first_and_pages_through_thousands(gmail_fake: GmailFake) -> None:
    base = int(NOW.timestamp() * 1000)
    template = "From: a@x.example\r\nSubject: Message {i}\r\nMessage-ID: <bulk{i}@x>\r\n\r\nBody {i}\r\n"
    seeded = gmail_fake.bulk_add(
        (template.format(i=i).encode(), ("INBOX",), base - i * 60_000) for i in range(2500)
    )
    gmail = service(gmail_fake)
    first = gmail.users().messages().list(userId="me").execute()
    assert len(first["messages"]) == 100 and first["resultSizeEstimate"] == 2500  # default page
    ids: list[str] = []
    request = gmail.users().messages().list(userId="me", maxResults=500, labelIds=["INBOX"])
    pages = 0
    while request is not None:
        response = request.execute()
        pages += 1
        ids += [m["id"] for m in response["messages"]]
        request = gmail.users().messages().list_next(request, response)
    assert pages == 5
    assert ids == [mid for mid, _ in seeded]  # seeded newest first already
    assert gmail.users().messages().list(userId="me", maxResults=9999).execute()["messages"].__len__() == 500
    empty = gmail.users().messages().list(userId="me", q="nosuchword").execute()
    assert empty == {"resultSizeEstimate": 0}


def test_spam_and_trash_hidden_unless_asked(gmail_fake: GmailFake) -> None:
    gmail_fake.add_message(mail(msgid="<a@x>"), labels=("SPAM",))
    gmail_fake.add_message(mail(msgid="<b@x>"), labels=("TRASH",))
    inbox, _ = gmail_fake.add_message(mail(msgid="<c@x>"))
    gmail = service(gmail_fake)
    assert [m["id"] for m in gmail.users().messages().list(userId="me").execute()["messages"]] == [inbox]
    assert len(gmail.users().messages().list(userId="me", includeSpamTrash=True).execute()["messages"]) == 3
    assert len(gmail.users().messages().list(userId="me", q="in:spam").execute()["messages"]) == 1


@pytest.fixture
def searchable(gmail_fake: GmailFake) -> Callable[[str], set[str]]:
    """A small mailbox and a function from query to the names of the matching messages."""
    gmail_fake.clock = NOW.timestamp
    track = gmail_fake.create_label("watcher/track")
    names = {}
    names["invite"], _ = gmail_fake.add_message(
        mail(subject="Interview invitation", body="Your onsite interview", ics=True, date=datetime(2026, 11, 10, 20, tzinfo=UTC)),
        labels=("INBOX", track),
    )
    names["reject"], _ = gmail_fake.add_message(
        mail(subject="Update on your application", sender="noreply@bigco.example", body="We regret", msgid="<r@x>", date=datetime(2026, 10, 1, 12, tzinfo=UTC)),
    )
    names["sent"], _ = gmail_fake.user_sends(
        mail(subject="Thank you", sender="me@example.com", to="jane@acme.example", body="Thank you for the onsite interview", msgid="<s@x>"),
        internal_date=datetime(2026, 11, 19, 12, tzinfo=UTC),
    )
    names["news"], _ = gmail_fake.add_message(
        mail(subject="Weekly digest", sender="news@list.example", body="Top stories: remote jobs", msgid="<n@x>", date=datetime(2025, 1, 5, tzinfo=UTC)),
        labels=("INBOX", "CATEGORY_PROMOTIONS"),
    )
    by_id = {v: k for k, v in names.items()}
    gmail = service(gmail_fake)

    def query(q: str) -> set[str]:
        found = gmail.users().messages().list(userId="me", q=q).execute().get("messages", [])
        return {by_id[m["id"]] for m in found}

    return query


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("interview", {"invite", "sent"}),
        ("INTERVIEW", {"invite", "sent"}),
        ("interv", set()),  # whole words, as Gmail
        ('"onsite interview"', {"invite", "sent"}),
        ('"interview onsite"', set()),
        ("subject:interview", {"invite"}),
        ('subject:"update on"', {"reject"}),
        ("from:bigco.example", {"reject"}),
        ("from:jane", {"invite"}),
        ("to:jane@acme.example", {"sent"}),
        ("in:sent", {"sent"}),
        ("in:inbox", {"invite", "reject", "news"}),
        ("-in:inbox", {"sent"}),
        ("label:watcher/track", {"invite"}),
        ("label:watcher-track", {"invite"}),
        ("-label:watcher-track in:inbox", {"reject", "news"}),
        ("category:promotions", {"news"}),
        ("after:2026/11/01", {"invite", "sent"}),
        ("after:2026/11/01 before:2026/11/15", {"invite"}),
        ("before:2026-01-01", {"news"}),
        ("newer_than:7d", {"sent"}),
        ("newer_than:2m", {"invite", "sent", "reject"}),
        ("older_than:1y", {"news"}),
        ("filename:ics", {"invite"}),
        ("filename:invite.ics", {"invite"}),
        ("has:attachment", {"invite"}),
        ("regret OR digest", {"reject", "news"}),
        ("{regret digest}", {"reject", "news"}),
        ("in:inbox regret OR digest", {"reject", "news"}),
        ("(from:jane OR from:news) -digest", {"invite"}),
        ("-{in:sent category:promotions}", {"invite", "reject"}),
        ("subject:(interview invitation)", {"invite"}),
        ("rfc822msgid:<r@x>", {"reject"}),
        ("in:anywhere", {"invite", "reject", "sent", "news"}),
    ],
)
def test_search_operators(searchable: Callable[[str], set[str]], q: str, expected: set[str]) -> None:
    assert searchable(q) == expected


def test_or_binds_tighter_than_and() -> None:
    assert parse_query("a b OR c") == (
        "and",
        [("term", "", "a", False), ("or", [("term", "", "b", False), ("term", "", "c", False)])],
    )


def test_get_with_a_very_long_url_becomes_post_with_method_override(gmail_fake: GmailFake) -> None:
    mid, _ = gmail_fake.add_message(mail())
    many = ["Subject"] + [f"X-Header-{i:04d}" for i in range(200)]  # > 2048 chars of URL
    got = service(gmail_fake).users().messages().get(userId="me", id=mid, format="metadata", metadataHeaders=many).execute()
    assert [h["name"] for h in got["payload"]["headers"]] == ["Subject"]
    assert gmail_fake.requests[-1][0] == "POST"
    assert gmail_fake.call_counts()["messages.get"] == 1


# --- threads --------------------------------------------------------------------------------


def test_threading_needs_references_and_matching_subject(gmail_fake: GmailFake) -> None:
    gmail_fake.clock = NOW.timestamp
    first, tid = gmail_fake.add_message(mail(date=datetime(2026, 11, 1, tzinfo=UTC)))
    reply, reply_tid = gmail_fake.add_message(
        mail(subject="RE: Fwd: interview  with Acme", msgid="<m2@x>", in_reply_to="<m1@acme.example>", date=datetime(2026, 11, 2, tzinfo=UTC))
    )
    other_subject, other_tid = gmail_fake.add_message(mail(subject="Something else", msgid="<m3@x>", in_reply_to="<m1@acme.example>"))
    same_subject_no_refs, lone_tid = gmail_fake.add_message(mail(msgid="<m4@x>"))
    assert reply_tid == tid
    assert other_tid not in (tid, lone_tid) and other_tid == other_subject
    assert lone_tid == same_subject_no_refs
    thread = service(gmail_fake).users().threads().get(userId="me", id=tid, format="minimal").execute()
    assert [m["id"] for m in thread["messages"]] == [first, reply]
    assert thread["historyId"] == max(m["historyId"] for m in thread["messages"])
    listed = service(gmail_fake).users().threads().list(userId="me").execute()
    assert len(listed["threads"]) == 3
    with pytest.raises(HttpError) as missing:
        service(gmail_fake).users().threads().get(userId="me", id="00000000000000aa").execute()
    assert missing.value.status_code == 404


# --- drafts ---------------------------------------------------------------------------------


def reply_draft(gmail: Any, thread_id: str, subject: str = "Re: Interview with Acme", refs: str | None = "<m1@acme.example>") -> dict[str, Any]:
    raw = mail(subject=subject, sender="me@example.com", to="jane@acme.example", body="Thank you!", msgid="<d1@me>", in_reply_to=refs)
    return gmail.users().drafts().create(userId="me", body={"message": {"raw": b64(raw), "threadId": thread_id}}).execute()


def test_drafts_keep_thread_only_when_headers_and_subject_match(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    kept = reply_draft(gmail, tid)
    assert kept["id"].startswith("r") and kept["message"]["labelIds"] == ["DRAFT"]
    assert kept["message"]["threadId"] == tid
    no_refs = reply_draft(gmail, tid, refs=None)
    assert no_refs["message"]["threadId"] != tid
    wrong_subject = reply_draft(gmail, tid, subject="Re: Completely different")
    assert wrong_subject["message"]["threadId"] != tid
    assert wrong_subject["message"]["threadId"] == wrong_subject["message"]["id"]


def test_drafts_list_get_update_delete(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    drafts = [reply_draft(gmail, tid) for _ in range(3)]
    listed = gmail.users().drafts().list(userId="me", maxResults=2).execute()
    assert len(listed["drafts"]) == 2 and "nextPageToken" in listed
    rest = gmail.users().drafts().list(userId="me", maxResults=2, pageToken=listed["nextPageToken"]).execute()
    assert {d["id"] for d in listed["drafts"] + rest["drafts"]} == {d["id"] for d in drafts}
    assert listed["drafts"][0]["message"].keys() == {"id", "threadId"}
    got = gmail.users().drafts().get(userId="me", id=drafts[0]["id"], format="raw").execute()
    assert unb64(got["message"]["raw"]).startswith(b"From: me@example.com")
    assert got["message"]["labelIds"] == ["DRAFT"]
    assert {d["message"]["id"] for d in drafts} <= {
        m["id"] for m in gmail.users().messages().list(userId="me", q="in:drafts").execute()["messages"]
    }
    updated = gmail.users().drafts().update(
        userId="me", id=drafts[0]["id"], body={"message": {"raw": b64(mail(subject="Re: Interview with Acme", msgid="<d9@me>", in_reply_to="<m1@acme.example>")), "threadId": tid}}
    ).execute()
    assert updated["id"] == drafts[0]["id"] and updated["message"]["id"] != drafts[0]["message"]["id"]
    assert updated["message"]["threadId"] == tid
    assert not gmail_fake.has_message(drafts[0]["message"]["id"])
    gmail.users().drafts().delete(userId="me", id=drafts[1]["id"]).execute()
    assert drafts[1]["id"] not in gmail_fake.drafts()
    with pytest.raises(HttpError) as gone:
        gmail.users().drafts().get(userId="me", id=drafts[1]["id"]).execute()
    assert gone.value.status_code == 404
    searched = gmail.users().drafts().list(userId="me", q="subject:interview").execute()
    assert len(searched["drafts"]) == 2


def test_user_sends_draft(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    draft = reply_draft(gmail, tid)
    before = gmail.users().getProfile(userId="me").execute()["historyId"]
    sent_id = gmail_fake.user_sends_draft(draft["id"])
    # Google: "the draft is automatically deleted and a new message with an updated ID is
    # created with the SENT system label"
    assert sent_id != draft["message"]["id"]
    assert gmail.users().drafts().list(userId="me").execute() == {"resultSizeEstimate": 0}
    msg = gmail.users().messages().get(userId="me", id=sent_id, format="minimal").execute()
    assert "DRAFT" not in msg["labelIds"] and "SENT" in msg["labelIds"] and msg["threadId"] == tid
    history = gmail.users().history().list(userId="me", startHistoryId=before).execute()
    records = history["history"]
    assert [r["messagesDeleted"][0]["message"]["id"] for r in records if "messagesDeleted" in r] == [
        draft["message"]["id"]]
    assert [r["messagesAdded"][0]["message"]["id"] for r in records if "messagesAdded" in r] == [sent_id]
    assert [m["id"] for m in gmail.users().messages().list(userId="me", q="in:sent").execute()["messages"]] == [sent_id]


def test_user_deletes_draft_and_user_sends(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    draft = reply_draft(gmail, tid)
    before = gmail.users().getProfile(userId="me").execute()["historyId"]
    gmail_fake.user_deletes_draft(draft["id"])
    hand_id, hand_tid = gmail_fake.user_sends(mail(subject="Re: Interview with Acme", sender="me@example.com", msgid="<h@me>", in_reply_to="<m1@acme.example>"))
    history = gmail.users().history().list(userId="me", startHistoryId=before).execute()["history"]
    assert history[0]["messagesDeleted"] == [{"message": {"id": draft["message"]["id"], "threadId": tid}}]
    assert history[1]["messagesAdded"][0]["message"] == {"id": hand_id, "threadId": tid, "labelIds": ["SENT"]}
    assert hand_tid == tid
    with pytest.raises(HttpError) as gone:
        gmail.users().messages().get(userId="me", id=draft["message"]["id"]).execute()
    assert gone.value.status_code == 404


# --- history --------------------------------------------------------------------------------


def test_history_types_label_filter_and_paging(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    start = gmail.users().getProfile(userId="me").execute()["historyId"]
    track = gmail.users().labels().create(userId="me", body={"name": "watcher/track"}).execute()["id"]
    ids = [gmail_fake.add_message(mail(msgid=f"<h{i}@x>", subject=f"S{i}"), labels=("INBOX", "UNREAD"))[0] for i in range(5)]
    gmail.users().messages().modify(userId="me", id=ids[0], body={"addLabelIds": [track], "removeLabelIds": ["UNREAD"]}).execute()
    gmail_fake.user_modifies(ids[1], remove=["INBOX"])
    everything = gmail.users().history().list(userId="me", startHistoryId=start).execute()
    assert len(everything["history"]) == 7
    assert [int(h["id"]) for h in everything["history"]] == sorted(int(h["id"]) for h in everything["history"])
    assert everything["historyId"] == gmail.users().getProfile(userId="me").execute()["historyId"]
    added = gmail.users().history().list(userId="me", startHistoryId=start, historyTypes=["labelAdded"]).execute()["history"]
    assert len(added) == 1 and added[0]["labelsAdded"][0]["labelIds"] == [track] and "labelsRemoved" not in added[0]
    removed = gmail.users().history().list(userId="me", startHistoryId=start, historyTypes=["labelRemoved"]).execute()["history"]
    assert [r["labelsRemoved"][0]["labelIds"] for r in removed] == [["UNREAD"], ["INBOX"]]
    tracked = gmail.users().history().list(userId="me", startHistoryId=start, labelId=track).execute()["history"]
    assert [r["messages"][0]["id"] for r in tracked] == [ids[0]]
    page1 = gmail.users().history().list(userId="me", startHistoryId=start, maxResults=4).execute()
    page2 = gmail.users().history().list(userId="me", startHistoryId=start, maxResults=4, pageToken=page1["nextPageToken"]).execute()
    assert [h["id"] for h in page1["history"] + page2["history"]] == [h["id"] for h in everything["history"]]
    assert "nextPageToken" not in page2
    latest = gmail.users().history().list(userId="me", startHistoryId=everything["historyId"]).execute()
    assert latest == {"historyId": everything["historyId"]}


def test_history_404_after_expiry(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    old = gmail.users().getProfile(userId="me").execute()["historyId"]
    gmail_fake.add_message(mail())
    gmail_fake.expire_history()
    with pytest.raises(HttpError) as expired:
        gmail.users().history().list(userId="me", startHistoryId=old).execute()
    assert expired.value.status_code == 404 and error_json(expired.value)["status"] == "NOT_FOUND"
    fresh = gmail.users().getProfile(userId="me").execute()["historyId"]
    assert gmail.users().history().list(userId="me", startHistoryId=fresh).execute() == {"historyId": fresh}
    with pytest.raises(HttpError) as missing:
        gmail.users().history().list(userId="me").execute()
    assert missing.value.status_code == 400


# --- labels ---------------------------------------------------------------------------------


def test_labels_list_create_modify(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    labels = gmail.users().labels().list(userId="me").execute()["labels"]
    assert {lbl["id"] for lbl in labels} == set(SYSTEM_LABELS)
    assert all(lbl["type"] == "system" for lbl in labels)
    track = gmail.users().labels().create(userId="me", body={"name": "watcher/track"}).execute()
    ignore = gmail.users().labels().create(userId="me", body={"name": "watcher/ignore"}).execute()
    assert (track["id"], track["type"], ignore["id"]) == ("Label_1", "user", "Label_2")
    with pytest.raises(HttpError) as dup:
        gmail.users().labels().create(userId="me", body={"name": "watcher/track"}).execute()
    assert dup.value.status_code == 409
    mid, _ = gmail_fake.add_message(mail())
    modified = gmail.users().messages().modify(userId="me", id=mid, body={"addLabelIds": [track["id"]]}).execute()
    assert modified == {"id": mid, "threadId": mid, "labelIds": ["INBOX", "Label_1"]}
    counted = gmail.users().labels().get(userId="me", id=track["id"]).execute()
    assert counted["messagesTotal"] == 1 and counted["threadsTotal"] == 1
    with pytest.raises(HttpError) as bad:
        gmail.users().messages().modify(userId="me", id=mid, body={"addLabelIds": ["Label_99"]}).execute()
    assert bad.value.status_code == 400 and "Invalid label" in error_json(bad.value)["message"]
    with pytest.raises(HttpError):
        gmail.users().messages().modify(userId="me", id=mid, body={"addLabelIds": ["SENT"]}).execute()


# --- batch ----------------------------------------------------------------------------------


def test_batch_of_50_gets_with_one_partial_failure(gmail_fake: GmailFake) -> None:
    seeded = gmail_fake.bulk_add(mail(msgid=f"<b{i}@x>", subject=f"B{i}") for i in range(50))
    failing = seeded[17][0]
    gmail_fake.inject_fault("messages.get", failing, status=500)
    gmail_fake.concurrent_parts = None  # the injected failure alone
    gmail = service(gmail_fake)
    results: dict[str, Any] = {}
    errors: dict[str, HttpError] = {}

    def callback(request_id: str, response: Any, exception: HttpError | None) -> None:
        if exception is not None:
            errors[request_id] = exception
        else:
            results[request_id] = response

    batch = BatchHttpRequest(callback=callback, batch_uri=gmail_fake.batch_uri)
    for mid, _ in seeded:
        batch.add(gmail.users().messages().get(userId="me", id=mid, format="raw"), request_id=mid)
    batch.execute()
    assert set(errors) == {failing} and errors[failing].status_code == 500
    assert error_json(errors[failing])["errors"][0]["reason"] == "backendError"
    assert len(results) == 49 and all(unb64(r["raw"]).startswith(b"From:") for r in results.values())
    assert gmail_fake.requests == [("POST", "/batch/gmail/v1")]
    assert gmail_fake.call_counts() == {"messages.get": 50}
    assert gmail_fake.quota_by_method["messages.get"] == 49 * 5  # the failed part never ran


def test_batch_over_100_parts_is_refused(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    batch = BatchHttpRequest(batch_uri=gmail_fake.batch_uri)
    for _ in range(101):
        batch.add(gmail.users().labels().list(userId="me"))
    with pytest.raises(HttpError) as refused:
        batch.execute()
    assert refused.value.status_code == 400
    assert gmail_fake.quota_units == 0


def test_batch_parts_are_checked_by_the_trip_wire_and_auth(gmail_fake: GmailFake) -> None:
    gmail_fake.allow_send_attempts = True  # this test checks the trip-wire itself
    gmail = service(gmail_fake)
    outcomes: dict[str, int] = {}
    batch = BatchHttpRequest(
        callback=lambda rid, resp, exc: outcomes.__setitem__(rid, exc.status_code if exc else 200),
        batch_uri=gmail_fake.batch_uri,
    )
    batch.add(gmail.users().labels().list(userId="me"), request_id="labels")
    batch.add(gmail.users().drafts().send(userId="me", body={"id": "r-1"}), request_id="send")
    batch.execute()
    assert outcomes == {"labels": 200, "send": 403}
    assert gmail_fake.send_attempts == [("POST", "/gmail/v1/users/me/drafts/send")]


# --- faults ---------------------------------------------------------------------------------


def test_429_with_retry_after(gmail_fake: GmailFake) -> None:
    gmail_fake.inject_fault("GET", r"/messages$", status=429, retry_after=7)
    gmail = service(gmail_fake)
    with pytest.raises(HttpError) as limited:
        gmail.users().messages().list(userId="me").execute()
    assert limited.value.status_code == 429
    assert limited.value.resp["retry-after"] == "7"
    assert error_json(limited.value) == {
        "code": 429,
        "message": "Too many concurrent requests for user.",
        "errors": [{"message": "Too many concurrent requests for user.", "domain": "usageLimits", "reason": "rateLimitExceeded"}],
        "status": "RESOURCE_EXHAUSTED",
    }
    assert gmail.users().messages().list(userId="me").execute() == {"resultSizeEstimate": 0}
    assert gmail_fake.quota_by_method["messages.list"] == 5  # the refused call cost nothing


@pytest.mark.parametrize(
    ("status", "reason", "retried"),
    [
        (403, "rateLimitExceeded", True),
        (403, "userRateLimitExceeded", True),
        (403, "insufficientPermissions", False),
        (500, None, True),
        (503, None, True),
        (404, None, False),
    ],
)
def test_fault_statuses_and_the_clients_own_retry(gmail_fake: GmailFake, status: int, reason: str | None, retried: bool) -> None:
    gmail_fake.inject_fault(None, r"/labels$", status=status, reason=reason)
    gmail = service(gmail_fake)
    request = no_sleep(gmail.users().labels().list(userId="me"))
    if retried:
        assert "labels" in request.execute(num_retries=1)
        assert gmail_fake.call_counts()["labels.list"] == 2
    else:
        with pytest.raises(HttpError) as failed:
            request.execute(num_retries=1)
        assert failed.value.status_code == status
        if reason:
            assert error_json(failed.value)["errors"][0]["reason"] == reason
        assert gmail_fake.call_counts()["labels.list"] == 1


def test_dropped_connection_is_retried_once_by_httplib2_itself(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    gmail_fake.inject_fault("GET", r"/profile$", status=0, drop_connection=True, times=1)
    assert gmail.users().getProfile(userId="me").execute()["emailAddress"] == "me@example.com"
    assert gmail_fake.requests.count(("GET", "/gmail/v1/users/me/profile")) == 2
    gmail_fake.inject_fault("GET", r"/profile$", status=0, drop_connection=True, times=2)
    with pytest.raises((http.client.HTTPException, ConnectionError)):
        gmail.users().getProfile(userId="me").execute()


def test_lost_answer_after_the_server_applied_a_post(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    gmail_fake.inject_fault("drafts.create", r"/drafts$", status=503, apply_then_fail=True)
    with pytest.raises(HttpError) as lost:
        reply_draft(gmail, tid)
    assert lost.value.status_code == 503
    assert len(gmail_fake.drafts()) == 1  # applied although the client saw an error
    # A dropped answer is worse: httplib2 re-sends the POST once on its own, so one lost
    # answer yields two drafts unless the caller looks for its marker first.
    gmail_fake.inject_fault("drafts.create", r"/drafts$", status=0, apply_then_fail=True, drop_connection=True, times=1)
    reply_draft(gmail, tid)
    assert len(gmail_fake.drafts()) == 3


# --- quota ----------------------------------------------------------------------------------


def test_quota_units_per_method(gmail_fake: GmailFake) -> None:
    mid, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    users = gmail.users()
    users.getProfile(userId="me").execute()
    users.labels().list(userId="me").execute()
    users.messages().list(userId="me").execute()
    users.messages().get(userId="me", id=mid, format="metadata").execute()
    users.threads().get(userId="me", id=tid).execute()
    users.history().list(userId="me", startHistoryId=str(gmail_fake.history_id)).execute()
    draft = reply_draft(gmail, tid)
    users.drafts().list(userId="me").execute()
    users.drafts().get(userId="me", id=draft["id"]).execute()
    users.messages().modify(userId="me", id=mid, body={"removeLabelIds": ["INBOX"]}).execute()
    assert gmail_fake.quota_by_method == {
        "getProfile": 1,
        "labels.list": 1,
        "messages.list": 5,
        "messages.get": 5,
        "threads.get": 10,
        "history.list": 2,
        "drafts.create": 10,
        "drafts.list": 5,
        "drafts.get": 5,
        "messages.modify": 5,
    }
    assert gmail_fake.quota_units == 49
    assert all(QUOTA_UNITS[name] == units for name, units in gmail_fake.quota_by_method.items())
    assert len(gmail_fake.requests) == 10


# --- auth -----------------------------------------------------------------------------------


def test_missing_and_revoked_tokens_answer_401(gmail_fake: GmailFake) -> None:
    gmail_fake.revoke_access_token("old-token")
    # google-auth-httplib2 answers a 401 by refreshing; a token-only credential cannot.
    with pytest.raises(google.auth.exceptions.RefreshError):
        service(gmail_fake, token="old-token").users().getProfile(userId="me").execute()
    assert gmail_fake.call_counts()["getProfile"] == 1 and gmail_fake.quota_units == 0
    plain = httplib2.Http()
    url = gmail_fake.api_endpoint + "/gmail/v1/users/me/profile"
    resp, content = plain.request(url, headers={"Authorization": "Bearer old-token"})
    assert resp.status == 401
    assert json.loads(content)["error"]["status"] == "UNAUTHENTICATED"
    assert json.loads(content)["error"]["errors"][0]["reason"] == "authError"
    resp, _ = plain.request(url)
    assert resp.status == 401
    resp, _ = plain.request(url, headers={"Authorization": "Bearer fine"})
    assert resp.status == 200


def test_token_endpoint_refreshes_and_revoked_grant_is_invalid_grant(gmail_fake: GmailFake) -> None:
    creds = Credentials(
        token="expired",
        refresh_token="1//refresh",
        token_uri=gmail_fake.token_uri,
        client_id="cid.apps.googleusercontent.com",
        client_secret="secret",
    )
    gmail_fake.revoke_access_token("expired")
    gmail = service(gmail_fake, creds=creds)
    assert gmail.users().getProfile(userId="me").execute()["emailAddress"] == "me@example.com"
    assert creds.token == gmail_fake.issued_tokens[-1]
    assert ("POST", "/token") in gmail_fake.requests
    gmail_fake.revoke_grant()
    with pytest.raises(google.auth.exceptions.RefreshError, match="invalid_grant"):
        gmail.users().getProfile(userId="me").execute()


def test_other_users_are_refused(gmail_fake: GmailFake) -> None:
    with pytest.raises(HttpError) as denied:
        service(gmail_fake).users().getProfile(userId="someone@else.example").execute()
    assert denied.value.status_code == 403


# --- the trip-wire --------------------------------------------------------------------------


def test_trip_wire_refuses_and_records_any_send(gmail_fake: GmailFake) -> None:
    gmail_fake.allow_send_attempts = True  # this test checks the trip-wire itself
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    draft = reply_draft(gmail, tid)
    with pytest.raises(HttpError) as refused:
        gmail.users().drafts().send(userId="me", body={"id": draft["id"]}).execute()
    assert refused.value.status_code == 403
    with pytest.raises(HttpError):
        gmail.users().messages().send(userId="me", body={"raw": b64(mail())}).execute()
    assert gmail_fake.send_attempts == [
        ("POST", "/gmail/v1/users/me/drafts/send"),
        ("POST", "/gmail/v1/users/me/messages/send"),
    ]
    assert draft["id"] in gmail_fake.drafts()  # nothing was sent
    assert gmail_fake.quota_units == 10  # only drafts.create


def test_trip_wire_fails_the_test_even_when_the_error_is_swallowed(pytester: pytest.Pytester) -> None:
    pytester.makeconftest("from tests.gmail_fake import gmail_fake  # noqa: F401\n")
    pytester.makepyfile(
        """
        from google.oauth2.credentials import Credentials
        from googleapiclient.discovery import build

        def test_swallows(gmail_fake):
            gmail = build("gmail", "v1", credentials=Credentials(token="t"), static_discovery=True,
                          client_options={"api_endpoint": gmail_fake.api_endpoint})
            try:
                gmail.users().drafts().send(userId="me", body={"id": "r-1"}).execute()
            except Exception:
                pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*trip-wire*tried to send mail*drafts/send*"])


# --- more ------------------------------------------------------------------------------------


def batch_statuses(gmail_fake: GmailFake, gmail: Any, ids: list[str]) -> list[int]:
    """The HTTP status of each part of one batch of messages.get for `ids`."""
    statuses: list[int] = []
    batch = BatchHttpRequest(callback=lambda rid, resp, exc: statuses.append(
        exc.status_code if exc else 200), batch_uri=gmail_fake.batch_uri)
    for mid in ids:
        batch.add(gmail.users().messages().get(userId="me", id=mid, format="minimal"))
    batch.execute()
    return statuses


def test_rate_limit_on_the_fake_clock(gmail_fake: GmailFake) -> None:
    clock = [NOW.timestamp()]
    gmail_fake.clock = lambda: clock[0]
    gmail_fake.rate_limit_units_per_second = 250
    gmail_fake.concurrent_parts = None  # the rate limit alone
    seeded = gmail_fake.bulk_add(mail(msgid=f"<q{i}@x>") for i in range(51))
    gmail = service(gmail_fake)
    statuses = batch_statuses(gmail_fake, gmail, [mid for mid, _ in seeded])
    assert statuses.count(200) == 50 and statuses.count(429) == 1  # 51 x 5 units > 250 in 1 s
    clock[0] += 1.0
    assert gmail.users().messages().get(userId="me", id=seeded[0][0], format="minimal").execute()["id"] == seeded[0][0]
    assert gmail_fake.quota_units == 51 * 5


def test_revoked_refresh_token_is_invalid_grant(gmail_fake: GmailFake) -> None:
    gmail_fake.revoke_refresh_token("1//gone")
    creds = Credentials(token=None, refresh_token="1//gone", token_uri=gmail_fake.token_uri, client_id="c", client_secret="s")
    with pytest.raises(google.auth.exceptions.RefreshError, match="invalid_grant"):
        service(gmail_fake, creds=creds).users().getProfile(userId="me").execute()
    assert gmail_fake.request_counts() == {("POST", "/token"): 1}


def test_insert_and_import_keep_thread_only_with_matching_headers(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    reply = mail(subject="Re: Interview with Acme", msgid="<i1@x>", in_reply_to="<m1@acme.example>")
    inserted = gmail.users().messages().insert(userId="me", body={"raw": b64(reply), "threadId": tid, "labelIds": ["INBOX"]}).execute()
    assert inserted["threadId"] == tid and inserted["labelIds"] == ["INBOX"]
    stray = mail(subject="Unrelated", msgid="<i2@x>")
    imported = gmail.users().messages().import_(userId="me", body={"raw": b64(stray), "threadId": tid}).execute()
    assert imported["threadId"] == imported["id"] != tid
    assert gmail_fake.quota_by_method == {"messages.insert": 25, "messages.import": 25}


@pytest.mark.corpus
def test_every_corpus_message_is_stored_served_and_searchable(gmail_fake: GmailFake) -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not root.is_dir():
        pytest.skip(f"no corpus at {root}")
    files = sorted(p for p in (root / "malformed").rglob("*") if p.is_file() and "COPYING" not in p.name)
    seeded = gmail_fake.bulk_add(p.read_bytes() for p in files)
    gmail = service(gmail_fake)
    for (mid, _), path in zip(seeded[:60], files[:60], strict=True):  # over HTTP: a sample
        got = gmail.users().messages().get(userId="me", id=mid, format="raw").execute()
        assert unb64(got["raw"]) == path.read_bytes()
        gmail.users().messages().get(userId="me", id=mid, format="full").execute()
    for (mid, _), path in zip(seeded, files, strict=True):  # all of them, without HTTP
        assert unb64(gmail_fake.render(mid, "raw")["raw"]) == path.read_bytes()
        assert gmail_fake.render(mid, "full")["payload"]["mimeType"]
    listed = gmail.users().messages().list(userId="me", q="from:example OR subject:test", maxResults=500).execute()
    assert listed["resultSizeEstimate"] > 0


def test_user_edits_draft_rotates_the_message_id_and_a_new_subject_rethreads(gmail_fake: GmailFake) -> None:
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    draft = reply_draft(gmail, tid)
    body_edit = mail(subject="Re: Interview with Acme", sender="me@example.com", body="Edited", msgid="<d1@me>", in_reply_to="<m1@acme.example>")
    edited = gmail_fake.user_edits_draft(draft["id"], body_edit)
    listed = gmail.users().drafts().list(userId="me").execute()["drafts"]
    assert listed == [{"id": draft["id"], "message": {"id": edited, "threadId": tid}}]
    assert edited != draft["message"]["id"] and not gmail_fake.has_message(draft["message"]["id"])
    subject_edit = mail(subject="New subject", sender="me@example.com", msgid="<d1@me>", in_reply_to="<m1@acme.example>")
    moved = gmail_fake.user_edits_draft(draft["id"], subject_edit)
    assert gmail_fake.message(moved)["threadId"] == moved != tid


def test_trash_untrash_batch_modify_thread_modify_and_label_delete(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    label = gmail.users().labels().create(userId="me", body={"name": "watcher/ignore"}).execute()["id"]
    first, tid = gmail_fake.add_message(mail(), labels=("INBOX", "UNREAD"))
    second, _ = gmail_fake.add_message(mail(subject="Re: Interview with Acme", msgid="<t2@x>", in_reply_to="<m1@acme.example>"), labels=("INBOX", "UNREAD"))
    other, _ = gmail_fake.add_message(mail(subject="Other", msgid="<t3@x>"))
    assert gmail.users().messages().trash(userId="me", id=other).execute()["labelIds"] == ["TRASH"]
    assert "messages" not in gmail.users().messages().list(userId="me", q="subject:other").execute()
    assert gmail.users().messages().untrash(userId="me", id=other).execute()["labelIds"] == []
    gmail.users().messages().batchModify(userId="me", body={"ids": [first, second], "removeLabelIds": ["UNREAD"]}).execute()
    assert gmail.users().messages().list(userId="me", q="is:unread").execute() == {"resultSizeEstimate": 0}
    gmail.users().threads().modify(userId="me", id=tid, body={"addLabelIds": [label]}).execute()
    threads = gmail.users().threads().list(userId="me", q="label:watcher-ignore").execute()["threads"]
    assert [t["id"] for t in threads] == [tid] and threads[0]["snippet"]
    gmail.users().labels().delete(userId="me", id=label).execute()
    assert label not in gmail_fake.message(first)["labelIds"]
    gmail.users().messages().delete(userId="me", id=other).execute()
    assert not gmail_fake.has_message(other)
    assert gmail_fake.quota_by_method["messages.batchModify"] == 50
    assert gmail_fake.quota_by_method["messages.delete"] == 10


_INVITE = mail(ics=True)


@given(st.text(alphabet=st.sampled_from(list('ab: -(){}"ORAND_/@.<>é')), max_size=40))
def test_any_query_string_parses_and_searches(q: str) -> None:
    fake = GmailFake()
    fake.add_message(_INVITE)
    node = parse_query(q)
    assert node[0] in ("and", "or", "not", "term")
    fake._search(q, [], False, fake._messages.values())  # must not raise


def test_fields_partial_responses(gmail_fake: GmailFake) -> None:
    mid, _ = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    listed = gmail.users().messages().list(userId="me", fields="messages(id),nextPageToken").execute()
    assert listed == {"messages": [{"id": mid}]}
    got = gmail.users().messages().get(userId="me", id=mid, format="metadata", fields="id,labelIds,payload/headers").execute()
    assert set(got) == {"id", "labelIds", "payload"} and set(got["payload"]) == {"headers"}
    with pytest.raises(HttpError) as bad:
        gmail.users().messages().get(userId="me", id=mid, fields="id,(").execute()
    assert bad.value.status_code == 400


def test_history_still_lists_messages_that_are_gone(gmail_fake: GmailFake) -> None:
    gmail = service(gmail_fake)
    start = gmail.users().getProfile(userId="me").execute()["historyId"]
    mid, _ = gmail_fake.add_message(mail())
    gmail_fake.user_deletes_message(mid)
    history = gmail.users().history().list(userId="me", startHistoryId=start).execute()["history"]
    assert [("messagesAdded" in h, "messagesDeleted" in h) for h in history] == [(True, False), (False, True)]
    with pytest.raises(HttpError) as gone:  # a backend must treat this 404 as "deleted meanwhile"
        gmail.users().messages().get(userId="me", id=history[0]["messagesAdded"][0]["message"]["id"]).execute()
    assert gone.value.status_code == 404


def test_a_draft_s_message_takes_no_other_label(gmail_fake: GmailFake) -> None:
    """Google: "Draft messages cannot have any label other than the DRAFT system label"."""
    _, tid = gmail_fake.add_message(mail())
    gmail = service(gmail_fake)
    draft = reply_draft(gmail, tid)
    with pytest.raises(HttpError) as err:
        gmail.users().messages().modify(userId="me", id=draft["message"]["id"],
                                        body={"addLabelIds": ["STARRED"]}).execute()
    assert err.value.resp.status == 400


def test_a_batch_is_served_20_parts_at_once_by_default(gmail_fake: GmailFake) -> None:
    """As Gmail: the parts past about 20 are answered 429 "Too many concurrent requests for
    user" (a fake serving 50 hid that the backend's 40-part batches lost a third of theirs)."""
    seeded = gmail_fake.bulk_add(mail(msgid=f"<c{i}@x>") for i in range(25))
    statuses = batch_statuses(gmail_fake, service(gmail_fake), [mid for mid, _ in seeded])
    assert statuses.count(200) == 20 and statuses.count(429) == 5
    assert gmail_fake.concurrency_refusals == 5


def test_a_token_does_only_what_its_scopes_allow(gmail_fake: GmailFake) -> None:
    """As Gmail: a method none of whose documented scopes the token carries is answered 403
    insufficientPermissions; the watcher's gmail.readonly + gmail.compose read and draft, and
    cannot relabel (gmail.modify) or delete (mail.google.com)."""
    mid, _tid = gmail_fake.add_message(mail())
    creds = Credentials(token=None, refresh_token="1//r", token_uri=gmail_fake.token_uri,
                        client_id="c", client_secret="s",
                        scopes=sorted(WATCHER_SCOPES))
    gmail = service(gmail_fake, creds=creds).users()
    assert gmail.messages().get(userId="me", id=mid, format="minimal").execute()["id"] == mid
    raw = base64.urlsafe_b64encode(mail(subject="Re: Interview with Acme")).decode()
    gmail.drafts().create(userId="me", body={"message": {"raw": raw}}).execute()
    for request in (gmail.messages().modify(userId="me", id=mid, body={"addLabelIds": ["STARRED"]}),
                    gmail.messages().delete(userId="me", id=mid),
                    gmail.labels().create(userId="me", body={"name": "x"})):
        with pytest.raises(HttpError) as info:
            request.execute()
        assert info.value.status_code == 403
        assert json.loads(info.value.content)["error"]["errors"][0]["reason"] == "insufficientPermissions"
    assert gmail_fake.message(mid)["labelIds"] == ["INBOX"]
    gmail_fake.granted_scopes = frozenset({"https://www.googleapis.com/auth/gmail.readonly"})
    gmail_fake.revoke_access_token(gmail_fake.issued_tokens[-1])  # refreshed: a read-only token
    creds.token = None
    with pytest.raises(HttpError) as info:
        gmail.drafts().create(userId="me", body={"message": {"raw": raw}}).execute()
    assert info.value.status_code == 403
