"""Tests for watcher.config: strict TOML loading, every problem at once, rendering, check-config."""

from __future__ import annotations

import dataclasses
import tomllib
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.dovecot import self_signed
from watcher.cli import main
from watcher.config import (
    AccountConfig,
    Config,
    ContextConfig,
    DaemonConfig,
    MeConfig,
    NotifyConfig,
    PolicyConfig,
    ScheduleConfig,
    default_config,
    documented_keys,
    format_duration,
    is_loopback_host,
    load_config,
    parse_config,
    parse_duration,
    parse_quiet_hours,
    parse_weekday,
    render_effective,
    system_timezone,
)
from watcher.errors import EXIT_USAGE, ConfigError

EXAMPLE = Path(__file__).resolve().parent.parent / "config.example.toml"


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    assert info.value.exit_code == EXIT_USAGE
    return info.value.problems


# ------------------------------------------------------------------ defaults and the example


def test_defaults_are_the_policy_numbers() -> None:
    c = Config.default()
    p = c.policy
    assert p.thank_you_delay == timedelta(hours=1)
    assert p.thank_you_window == timedelta(hours=24)
    assert p.wait_without_timeline == timedelta(days=7)
    assert p.second_check_in_after == timedelta(days=14)
    assert p.final_follow_up_after == timedelta(days=30)
    assert p.min_spacing == timedelta(days=7)
    assert p.max_follow_ups == 3
    assert p.networking_every == timedelta(days=75)
    assert p.networking_after_rejection is True
    assert p.networking_max == 2
    assert p.catch_up_window == timedelta(days=3)
    s = c.schedule
    assert s.quiet_hours == (time(21, 0), time(8, 0))
    assert s.quiet_days == frozenset({5, 6})
    assert s.timezone == system_timezone()
    assert s.holidays_country is None and s.holidays == ()
    assert c.context.senior_factor == c.context.government_factor == c.context.academic_factor == 2.0
    assert c.daemon == DaemonConfig()
    assert c.notify == NotifyConfig()
    assert c.state_path.name == "watcher.db"
    assert c.accounts == ()
    assert default_config() == c


def test_example_file_equals_defaults_except_me_and_accounts() -> None:
    example = load_config(EXAMPLE)
    default = Config.default()
    assert example.schedule == default.schedule
    assert example.policy == default.policy
    assert example.context == default.context
    assert example.classify == dataclasses.replace(default.classify, me=example.me.addresses)
    # Same folder; the file is named after a config file other than config.toml.
    assert example.state_path.parent == default.state_path.parent
    assert example.templates_dir == default.templates_dir
    assert example.notify == default.notify
    assert example.daemon == default.daemon
    assert example.me.addresses == ("alex@example.com",)
    assert [a.backend for a in example.accounts] == ["imap", "maildir", "gmail"]


def test_example_file_documents_every_key() -> None:
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    keys = documented_keys()
    for table, names in keys.items():
        if table == "accounts":
            present = set().union(*(entry.keys() for entry in data["accounts"]))
        elif table == "accounts.folders":
            present = set().union(*(e.get("folders", {}).keys() for e in data["accounts"]))
        else:
            present = set(data[table])
        missing = set(names) - present
        assert not missing, f"config.example.toml lacks [{table}] {sorted(missing)}"
    # and every dataclass field of the plain tables is a documented key (docs never drift)
    for table, cls in (("me", MeConfig), ("schedule", ScheduleConfig), ("policy", PolicyConfig),
                       ("context", ContextConfig), ("notify", NotifyConfig),
                       ("daemon", DaemonConfig)):
        assert {f.name for f in dataclasses.fields(cls)} <= set(data[table]), table
    account_fields = {f.name for f in dataclasses.fields(AccountConfig)}
    documented = set(keys["accounts"])
    assert account_fields == documented


def test_example_file_comments_every_key() -> None:
    seen: set[str] = set()
    commented: set[str] = set()
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if "=" in stripped and not stripped.startswith(("#", "[")):
            key = stripped.split("=", 1)[0].strip()
            seen.add(key)
            if "#" in stripped.split("=", 1)[1]:
                commented.add(key)
    # folder names explain themselves; every other key has a one-line comment somewhere
    assert seen - commented == {"inbox", "sent", "drafts"}


def test_missing_default_file_gives_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert load_config(None) == Config.default()


def test_default_location_is_read_when_present(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "watcher").mkdir()
    write(tmp_path / "watcher", '[schedule]\ntimezone = "Europe/Berlin"\n')
    c = load_config(None)
    assert c.schedule.timezone == "Europe/Berlin"
    assert c.path == tmp_path / "watcher" / "config.toml"


def test_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file") as info:
        load_config(tmp_path / "nope.toml")
    assert str(tmp_path / "nope.toml") in str(info.value)


def test_invalid_toml_names_file_and_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, "[schedule]\nquiet_hours = 21:00-08:00\n"))
    msg = str(info.value)
    assert "config.toml" in msg and "line 2" in msg


def test_reload_is_a_pure_function_of_the_file(tmp_path: Path) -> None:
    p = write(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    assert load_config(p) == load_config(str(p))


# ------------------------------------------------------------------ strictness


def test_all_problems_reported_at_once_with_file_table_and_key(tmp_path: Path) -> None:
    text = """
[schedule]
quiet_hours = "25:00-8"
timezone = "Mars/Olympus_Mons"
quiet_days = ["Sat", "Caturday"]
[policy]
min_spacing = "-1d"
max_follow_ups = "3"
[nonsense]
x = 1
"""
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    probs = info.value.problems
    assert len(probs) == 6
    msg = str(info.value)
    assert "config.toml: [schedule] quiet_hours: expected 'HH:MM-HH:MM'" in msg
    assert "'25:00-8'" in msg
    assert "[schedule] timezone: unknown IANA time zone 'Mars/Olympus_Mons'" in msg
    assert "[schedule] quiet_days: unknown weekday 'Caturday'" in msg
    assert "[policy] min_spacing: must not be negative" in msg
    assert "[policy] max_follow_ups: expected an integer" in msg
    assert "[nonsense]: unknown table" in msg
    assert info.value.path == str(tmp_path / "config.toml")


def test_unknown_zone_suggests_the_one_meant(tmp_path: Path) -> None:
    for typed, meant in (("Europe/Berln", "Europe/Berlin"), ("America/NewYork", "America/New_York"),
                         ("PST", "America/Los_Angeles")):
        with pytest.raises(ConfigError) as info:
            load_config(write(tmp_path, f'[schedule]\ntimezone = "{typed}"\n'))
        assert f"unknown IANA time zone {typed!r} (did you mean {meant!r}?)" in str(info.value)
    with pytest.raises(ConfigError, match=r"'Mars/Olympus' \(such as 'America/New_York'\)"):
        load_config(write(tmp_path, '[schedule]\ntimezone = "Mars/Olympus"\n'))


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, '[schedule]\nquiet_hour = "21:00-08:00"\n')
    assert probs == ["[schedule] quiet_hour: unknown key (did you mean 'quiet_hours'?)"]


def test_top_level_key_points_at_its_table(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, 'timezone = "UTC"\n')
    assert probs == ["(top level) timezone: unknown key; it belongs in [schedule] "
                     "(top-level keys are not allowed)"]


def test_table_given_as_value_is_a_type_error(tmp_path: Path) -> None:
    assert problems_of(tmp_path, 'schedule = 3\n') == ["(top level) schedule: expected a table, "
                                                       "got an integer 3"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[schedule]\nquiet_hours = 2100\n', "[schedule] quiet_hours: expected a string"),
        # a TOML time is shown as written, not as Python's datetime.time(21, 0)
        ('[schedule]\nquiet_hours = 21:00:00\n', "[schedule] quiet_hours: expected a string, got a time 21:00:00"),
        ('[schedule]\nquiet_days = "Sat"\n', "[schedule] quiet_days: expected an array of strings"),
        ('[policy]\nthank_you_delay = 1\n', "[policy] thank_you_delay: expected a duration string"),
        ('[policy]\nmax_follow_ups = 2.5\n', "[policy] max_follow_ups: expected an integer"),
        ('[policy]\nmax_follow_ups = true\n', "[policy] max_follow_ups: expected an integer"),
        ('[policy]\nnetworking_after_rejection = "yes"\n',
         "[policy] networking_after_rejection: expected true or false"),
        ('[context]\nsenior_factor = "2"\n', "[context] senior_factor: expected a number"),
        ('[me]\naddresses = "a@b.c"\n', "[me] addresses: expected an array of strings"),
        ('[me]\nname = 3\n', "[me] name: expected a string"),
        ('[daemon]\nwatch_config = 1\n', "[daemon] watch_config: expected true or false"),
        ('[notify]\ncommand = ["x"]\n', "[notify] command: expected a string"),
        ('[schedule]\nholidays = "2026-12-24"\n', "[schedule] holidays: expected an array of dates"),
        ('[schedule]\nholidays = [2026-12-24T10:00:00]\n',
         "[schedule] holidays: expected a date such as 2026-12-24, got 2026-12-24T10:00:00"),
        ('accounts = 3\n', "[[accounts]]: expected an array of tables"),
    ],
)
def test_wrong_types_are_errors(tmp_path: Path, text: str, expected: str) -> None:
    probs = problems_of(tmp_path, text)
    assert any(p.startswith(expected) for p in probs), probs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[policy]\nwait_without_timeline = "-7d"\n', "[policy] wait_without_timeline: must not be negative"),
        ('[policy]\nwait_without_timeline = "0d"\n', "[policy] wait_without_timeline: must be at least"),
        ('[policy]\nwait_without_timeline = "36h"\n', "[policy] wait_without_timeline: must be whole days"),
        ('[policy]\nmin_spacing = "7 parsecs"\n', "[policy] min_spacing: unknown unit 'parsecs'"),
        ('[policy]\nmin_spacing = "soon"\n', "[policy] min_spacing: expected a duration"),
        ('[policy]\nmax_follow_ups = 4\n', "[policy] max_follow_ups: must be between 0 and 3"),
        ('[policy]\nnetworking_max = -1\n', "[policy] networking_max: must be at least 0"),
        ('[policy]\nthank_you_delay = "30h"\n', "[policy] thank_you_delay: must be shorter than thank_you_window"),
        ('[schedule]\nquiet_hours = "25:00-08:00"\n', "[schedule] quiet_hours: expected 'HH:MM-HH:MM'"),
        ('[schedule]\nquiet_hours = "21-8"\n', "[schedule] quiet_hours: expected 'HH:MM-HH:MM'"),
        ('[schedule]\nquiet_hours = "08:00-08:00"\n', "[schedule] quiet_hours: start and end are equal"),
        ('[schedule]\ntimezone = "EST5EDTX"\n', "[schedule] timezone: unknown IANA time zone"),
        ('[schedule]\nquiet_days = ["Mon","Tue","Wed","Thu","Fri","Sat","Sun"]\n',
         "[schedule] quiet_days: every day of the week is quiet"),
        ('[schedule]\nholidays_country = "XX"\n', "[schedule] holidays_country: unknown country code 'XX'"),
        ('[schedule]\nholidays_country = "US"\nholidays_subdiv = "ZZ"\n',
         "[schedule] holidays_subdiv: US has no subdivision 'ZZ'"),
        ('[schedule]\nholidays_subdiv = "CA"\n', "[schedule] holidays_subdiv: is set but holidays_country is not"),
        ('[schedule]\nholidays = ["2026-02-30"]\n', "[schedule] holidays: expected a date"),
        ('[context]\nsenior_factor = 0\n', "[context] senior_factor: must be a finite number greater than 0"),
        ('[context]\ngovernment_domains = ["gov uk"]\n', "[context] government_domains: 'gov uk' is not a domain suffix"),
        ('[me]\naddresses = ["alex"]\n', "[me] addresses: 'alex' is not an e-mail address"),
        # two in one string, or a doubled @, would match none of the user's mail
        ('[me]\naddresses = ["a@x.com,b@y.com"]\n', "[me] addresses: 'a@x.com,b@y.com' is not an e-mail address"),
        ('[me]\naddresses = ["c@@d.com"]\n', "[me] addresses: 'c@@d.com' is not an e-mail address"),
        ('[me]\naddresses = ["Alex <alex@x.com>"]\n', "[me] addresses: 'alex <alex@x.com>' is not an e-mail address"),
        ('[templates]\ndir = "/nonexistent/tpl"\n', "[templates] dir: '/nonexistent/tpl' is not a folder"),
        ('[state]\npath = "$WATCHER_UNSET_VAR_X/w.db"\n',
         "[state] path: '$WATCHER_UNSET_VAR_X/w.db': environment variable $WATCHER_UNSET_VAR_X is not set (write $$"),
        ('[me]\naddresses = [""]\n', "[me] addresses: contains an empty string"),
        ('[daemon]\npoll_interval = "0s"\n', "[daemon] poll_interval: must be at least"),
        ('[notify]\ncommand = "notify-send \'watcher"\n', "[notify] command: cannot be split into words"),
        # values that used to pass and then overflow date arithmetic (or crash the parser)
        ('[policy]\nwait_without_timeline = "3000000d"\n', "[policy] wait_without_timeline: must be at most 3650d"),
        ('[policy]\nwait_without_timeline = "99999999999d"\n', "[policy] wait_without_timeline: too long"),
        ('[schedule]\ntimezone = "America"\n', "[schedule] timezone: unknown IANA time zone 'America'"),
        ('[[accounts]]\nname = "i"\nbackend = "imap"\nhost = "h"\nusername = "u"\nsync_window_days = 100000000\n',
         "[[accounts]] #1 ('i') sync_window_days: must be between 1 and 36500"),
    ],
)
def test_impossible_values_are_errors(tmp_path: Path, text: str, expected: str) -> None:
    probs = problems_of(tmp_path, text)
    assert any(p.startswith(expected) for p in probs), probs


_LONG = "x" * 300  # longer than any file name may be (255 bytes)
_MAILDIR = '[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "{path}"\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review22b: each was an OSError or ValueError out of the config's own checks (exit 1,
        # 'internal error'), or passed and failed the account at every pass
        (f'[templates]\ndir = "/tmp/{_LONG}"\n', "[templates] dir: a name in the path is longer"),
        (f'[state]\npath = "/tmp/{_LONG}/w.db"\n', "[state] path: a name in the path is longer"),
        (_MAILDIR.format(path=f"/tmp/{_LONG}"), "[[accounts]] #1 ('m') path: a name in the path is longer"),
        ('[state]\npath = "/tmp/w\\u0000.db"\n', "[state] path: holds a NUL character"),
        (_MAILDIR.format(path="/tmp/m\\u0000"), "[[accounts]] #1 ('m') path: holds a NUL character"),
        ('[[accounts]]\nname = "i"\nbackend = "imap"\nhost = "h"\nusername = "u"\n'
         'tls_ca_file = "\\u0000"\n', "[[accounts]] #1 ('i') tls_ca_file: holds a NUL character"),
        ('[[accounts]]\nname = "i"\nbackend = "imap"\nhost = "h"\nusername = "u"\n'
         'password_command = "pass\\u0000show"\n', "[[accounts]] #1 ('i') password_command: holds a NUL"),
        ('[notify]\ncommand = "notify-send\\u0000"\n', "[notify] command: holds a NUL character"),
        ('[[accounts]]\nname = "i"\nbackend = "imap"\nhost = "h\\u0000"\nusername = "u"\n',
         "[[accounts]] #1 ('i') host: holds a NUL character"),
    ],
    ids=["long-templates", "long-state", "long-maildir", "nul-state", "nul-maildir", "nul-ca-file",
         "nul-password-command", "nul-notify", "nul-host"],
)
def test_a_path_or_word_no_system_call_takes_is_a_config_error(
        tmp_path: Path, text: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    probs = problems_of(tmp_path, text)
    assert any(p.startswith(expected) for p in probs), probs
    assert main(["--config", str(tmp_path / "config.toml"), "check-config"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "internal error" not in err and str(tmp_path / "config.toml") in err


IMAP = '[[accounts]]\nname = "{name}"\nbackend = "imap"\nhost = "{host}"\nusername = "u"\n{extra}\n'


def test_imap_security_none_refused_for_remote_host(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, IMAP.format(name="p", host="imap.example.com",
                                              extra='security = "none"'))
    assert len(probs) == 1
    assert probs[0].startswith("[[accounts]] #1 ('p') security: 'none' sends the password")


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_imap_security_none_allowed_on_loopback(tmp_path: Path, host: str) -> None:
    c = load_config(write(tmp_path, IMAP.format(name="p", host=host, extra='security = "none"')))
    assert c.accounts[0].security == "none"
    assert c.accounts[0].port == 143


def test_imap_port_defaults_follow_security(tmp_path: Path) -> None:
    text = (IMAP.format(name="a", host="h", extra="")
            + IMAP.format(name="b", host="h", extra='security = "starttls"'))
    a, b = load_config(write(tmp_path, text)).accounts
    assert (a.port, a.security, a.idle, a.poll_interval) == (993, "ssl", True, None)
    assert (b.port, b.security) == (143, "starttls")


def test_imap_auth_defaults_to_the_password_and_takes_oauth_mechanisms(tmp_path: Path) -> None:
    text = (IMAP.format(name="a", host="h", extra="")
            + IMAP.format(name="b", host="h", extra='auth = "XOAUTH2"\npassword_command = "oama access u"')
            + IMAP.format(name="c", host="h", extra='auth = "oauthbearer"\npassword_command = "t"'))
    a, b, c = load_config(write(tmp_path, text)).accounts
    assert (a.auth, b.auth, c.auth) == ("password", "xoauth2", "oauthbearer")
    assert b.password_command == "oama access u"


def test_tls_ca_file_is_read_from_beside_the_config_and_checked(tmp_path: Path) -> None:
    # a real certificate (Python's own test certificate is not shipped everywhere: make one)
    cert, _key = self_signed(tmp_path, "127.0.0.1", alt="IP:127.0.0.1", stem="")
    cert.rename(tmp_path / "bridge.pem")
    (tmp_path / "junk.pem").write_text("not a certificate\n")
    ok = IMAP.format(name="a", host="127.0.0.1", extra='security = "starttls"\ntls_ca_file = "bridge.pem"')
    (a,) = load_config(write(tmp_path, ok)).accounts
    assert a.tls_ca_file == tmp_path / "bridge.pem"
    text = (IMAP.format(name="b", host="h", extra='tls_ca_file = "missing.pem"')
            + IMAP.format(name="c", host="h", extra='tls_ca_file = "junk.pem"')
            + IMAP.format(name="d", host="h", extra='tls_ca_file = "key.pem"')
            + IMAP.format(name="e", host="localhost", extra='security = "none"\ntls_ca_file = "bridge.pem"'))
    probs = problems_of(tmp_path, text)
    assert probs[0] == (f"[[accounts]] #1 ('b') tls_ca_file: cannot read {tmp_path / 'missing.pem'}: "
                        "No such file or directory")
    assert probs[1].startswith(f"[[accounts]] #2 ('c') tls_ca_file: {tmp_path / 'junk.pem'} holds no "
                               "PEM certificate that can be read")
    assert probs[2].startswith(f"[[accounts]] #3 ('d') tls_ca_file: {tmp_path / 'key.pem'} holds no "
                               "PEM certificate")
    assert probs[3] == ("[[accounts]] #4 ('e') tls_ca_file: has no use with security = 'none' (no TLS); "
                        "use 'ssl' or 'starttls', or remove it")
    assert len(probs) == 4


def test_maildir_folders_are_named_under_accounts_folders(tmp_path: Path) -> None:
    # doctor and the log tell a Maildir user to set these: the config must take them
    text = ('[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "~/Mail"\n'
            '[accounts.folders]\nsent = "Outbox"\ndrafts = "~/Mail/.Entw&APw-rfe"\n')
    (a,) = load_config(write(tmp_path, text)).accounts
    assert (a.folders.inbox, a.folders.sent) == (None, "Outbox")
    assert a.folders.drafts == str(Path.home() / "Mail" / ".Entw&APw-rfe")
    probs = problems_of(tmp_path, text + 'all = "Archive"\n')
    assert probs == ["[[accounts]] #1 ('m').folders all: only IMAP accounts have an All Mail folder to name"]


def test_a_key_of_two_other_backends_is_one_problem(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, '[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "/m"\n'
                                  'sync_window_days = 30\n')
    assert probs == ["[[accounts]] #1 ('m') sync_window_days: is a key of the imap and gmail backends; "
                     "this account's backend is 'maildir'"]


def test_also_read_is_read_for_imap_and_maildir(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Folders a mail filter files recruiters' mail in, read as INBOX is."""
    c = load_config(write(tmp_path, IMAP.format(name="p", host="h",
                                                extra='also_read = ["Jobs", "INBOX.Recruiting"]')))
    assert c.accounts[0].also_read == ("Jobs", "INBOX.Recruiting")
    out = render_effective(c)
    assert 'also_read = ["Jobs", "INBOX.Recruiting"]' in out
    assert parse_config(out, tmp_path / "config.toml") == c
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    c = load_config(write(tmp_path, '[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "/m"\n'
                                    'also_read = [".Jobs", "~/Filed/Jobs", "$$Odd"]\n'))
    assert c.accounts[0].also_read == (".Jobs", str(tmp_path / "home" / "Filed" / "Jobs"), "$Odd")
    assert parse_config(render_effective(c), tmp_path / "config.toml") == c
    assert load_config(write(tmp_path, IMAP.format(name="p", host="h", extra=""))
                       ).accounts[0].also_read == ()


@pytest.mark.parametrize(("value", "expected"), [
    ('"Jobs"', "also_read: expected an array of strings, got 'Jobs'"),
    ('["Jobs", 3]', "also_read: expected an array of strings, got ['Jobs', 3]"),
    ('["Jobs", " "]', "also_read: contains an empty string"),
    ('["Jobs", "Jobs"]', "also_read: 'Jobs' is listed twice"),
    ('["inbox"]', "also_read: 'inbox' is INBOX, read anyway: list only other folders"),
])
def test_also_read_problems(tmp_path: Path, value: str, expected: str) -> None:
    probs = problems_of(tmp_path, IMAP.format(name="p", host="h", extra=f"also_read = {value}"))
    assert probs == [f"[[accounts]] #1 ('p') {expected}"]


def test_also_read_is_refused_for_a_gmail_account(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, '[[accounts]]\nname = "g"\nbackend = "gmail"\n'
                                  'also_read = ["Jobs"]\n')
    assert probs == ["[[accounts]] #1 ('g') also_read: is a key of the imap and maildir backends; "
                     "this account's backend is 'gmail'"]


def test_duplicate_account_names_are_errors(tmp_path: Path) -> None:
    text = IMAP.format(name="p", host="h", extra="") + IMAP.format(name="p", host="h", extra="")
    assert problems_of(tmp_path, text) == ["[[accounts]] #2 ('p') name: duplicate account name 'p'"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[[accounts]]\nbackend = "maildir"\npath = "/m"\n', "[[accounts]] #1 name: required key is missing"),
        ('[[accounts]]\nname = "x"\n', "[[accounts]] #1 ('x') backend: required key is missing"),
        ('[[accounts]]\nname = "x"\nbackend = "pop3"\n', "[[accounts]] #1 ('x') backend: expected one of"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nusername = "u"\n',
         "[[accounts]] #1 ('x') host: required key is missing"),
        ('[[accounts]]\nname = "x"\nbackend = "maildir"\n', "[[accounts]] #1 ('x') path: required key is missing"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = ""\nusername = "u"\n',
         "[[accounts]] #1 ('x') host: required key is missing"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = " "\n',
         "[[accounts]] #1 ('x') username: required key is missing"),
        ('[[accounts]]\nname = "x"\nbackend = "maildir"\npath = "/m"\nhost = "h"\n',
         "[[accounts]] #1 ('x') host: is a key of the imap backend; this account's backend is 'maildir'"),
        ('[[accounts]]\nname = "x"\nbackend = "maildir"\npath = "/m"\nlayout = "mh"\n',
         "[[accounts]] #1 ('x') layout: expected one of"),
        ('[[accounts]]\nname = "x"\nbackend = "gmail"\nquota_fraction = 1.5\n',
         "[[accounts]] #1 ('x') quota_fraction: must be a finite number greater than 0 and at most 1.0"),
        ('[[accounts]]\nname = "x"\nbackend = "gmail"\nbatch_uri = "ftp://x"\n',
         "[[accounts]] #1 ('x') batch_uri: expected an http(s) URL"),
        ('[[accounts]]\nname = "x"\nbackend = "gmail"\nsync_window_days = 0\n',
         "[[accounts]] #1 ('x') sync_window_days: must be between 1 and 36500"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = "u"\npassword = "s3cret"\n',
         "[[accounts]] #1 ('x') password: passwords never go in the config file"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = "u"\nport = 70000\n',
         "[[accounts]] #1 ('x') port: must be between 1 and 65535"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = "u"\nauth = "kerberos"\n',
         "[[accounts]] #1 ('x') auth: expected one of 'password', 'xoauth2', 'oauthbearer'"),
        # an access token expires within the hour: the keyring could only hold a stale one
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = "u"\nauth = "xoauth2"\n',
         "[[accounts]] #1 ('x') password_command: required when auth = 'xoauth2'"),
        ('[[accounts]]\nname = "x"\nbackend = "gmail"\nauth = "xoauth2"\n',
         "[[accounts]] #1 ('x') auth: is a key of the imap backend; this account's backend is 'gmail'"),
        ('[[accounts]]\nname = "x"\nbackend = "imap"\nhost = "h"\nusername = "u"\n'
         '[accounts.folders]\nspam = "Junk"\n', "[[accounts]] #1 ('x').folders spam: unknown key"),
    ],
)
def test_account_problems(tmp_path: Path, text: str, expected: str) -> None:
    probs = problems_of(tmp_path, text)
    assert any(p.startswith(expected) for p in probs), probs
    assert all("s3cret" not in p for p in probs)  # a secret in the file never reaches the log


def test_unknown_backend_is_one_problem(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, '[[accounts]]\nname = "x"\nbackend = "pop3"\nhost = "h"\n')
    assert probs == ["[[accounts]] #1 ('x') backend: expected one of 'gmail', 'imap', 'maildir', "
                     "got 'pop3'"]


def test_with_timezone_for_simulate() -> None:
    c = Config.default().with_timezone("Asia/Tokyo")
    assert c.schedule.timezone == "Asia/Tokyo" and c.classify.default_timezone == "Asia/Tokyo"
    with pytest.raises(ConfigError, match="unknown IANA time zone"):
        Config.default().with_timezone("Nowhere/Land")


def test_gmail_defaults(tmp_path: Path) -> None:
    c = load_config(write(tmp_path, '[[accounts]]\nname = "g"\nbackend = "gmail"\n'))
    g = c.accounts[0]
    assert (g.sync_window_days, g.quota_fraction, g.batch_uri, g.api_endpoint, g.query) == (
        180, 0.8, "https://www.googleapis.com/batch/gmail/v1", None, None)
    assert c.account("g") is g
    with pytest.raises(ConfigError, match="no account named 'h'"):
        c.account("h")


# ------------------------------------------------------------------ values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h", timedelta(hours=1)),
        ("90m", timedelta(minutes=90)),
        ("7d", timedelta(days=7)),
        ("2w", timedelta(days=14)),
        ("7 days", timedelta(days=7)),
        ("1 hour", timedelta(hours=1)),
        ("1h30m", timedelta(minutes=90)),
        ("1 hour, 30 minutes", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
        ("60s", timedelta(seconds=60)),
        ("0d", timedelta(0)),
    ],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected
    assert parse_duration(format_duration(expected)) == expected


@pytest.mark.parametrize("text", ["", "7", "d7", "-1d", "7 fortnights", "1h 30"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(("text", "day"), [("Mon", 0), ("monday", 0), ("SAT", 5), ("Sunday", 6),
                                           (" fri ", 4)])
def test_weekday_spellings(text: str, day: int) -> None:
    assert parse_weekday(text) == day


def test_quiet_hours_may_cross_midnight_and_empty_disables(tmp_path: Path) -> None:
    assert parse_quiet_hours("22:30-07:15") == (time(22, 30), time(7, 15))
    assert parse_quiet_hours("9:00-17:00") == (time(9), time(17))
    assert parse_quiet_hours("") is None
    c = load_config(write(tmp_path, '[schedule]\nquiet_hours = ""\nquiet_days = []\n'))
    assert c.schedule.quiet_hours is None
    assert c.schedule.quiet_days == frozenset()


def test_schedule_values(tmp_path: Path) -> None:
    text = """
[schedule]
timezone = "America/New_York"
quiet_days = ["fri", "Saturday"]
holidays_country = "us"
holidays_subdiv = "ca"
holidays = [2026-12-24, "2026-12-31", 2026-12-24]
"""
    s = load_config(write(tmp_path, text)).schedule
    assert s.timezone == "America/New_York"
    assert str(s.zone) == "America/New_York"
    assert s.quiet_days == frozenset({4, 5})
    assert (s.holidays_country, s.holidays_subdiv) == ("US", "CA")
    assert s.holidays == (date(2026, 12, 24), date(2026, 12, 31))


def test_me_and_classify_settings(tmp_path: Path) -> None:
    text = """
[me]
name = "Alex Wong"
addresses = ["Alex@Example.com", "alex.wong@work.example"]
[schedule]
timezone = "Europe/Berlin"
[classify]
ats_domains = ["Greenhouse.IO"]
ignore_senders = ["@Newsletter.example"]
interview_phrases = ["Vorstellungsgespräch"]
"""
    c = load_config(write(tmp_path, text))
    assert c.me.addresses == ("alex@example.com", "alex.wong@work.example")
    assert c.classify.me == c.me.addresses
    assert c.classify.default_timezone == "Europe/Berlin"
    assert c.classify.ats_domains == ("greenhouse.io",)
    assert c.classify.ignore_senders == ("@newsletter.example",)
    assert c.classify.interview_phrases == ("Vorstellungsgespräch",)


def test_paths_expand_home_and_resolve_beside_the_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    text = """
[state]
path = "~/w.db"
[[accounts]]
name = "m"
backend = "maildir"
path = "Mail"
"""
    c = load_config(write(tmp_path, text))
    assert c.state_path == tmp_path / "home" / "w.db"
    assert c.accounts[0].path == tmp_path / "Mail"
    assert c.templates_dir is None
    (tmp_path / "templates").mkdir()
    assert load_config(tmp_path / "config.toml").templates_dir == tmp_path / "templates"
    # $VARS as a shell would read them (it made a folder named "$HOME" beside the file)
    monkeypatch.setenv("MAILROOT", str(tmp_path / "mbsync"))
    c = load_config(write(tmp_path, text.replace('"~/w.db"', '"$HOME/w.db"').replace(
        '"Mail"', '"${MAILROOT}/Mail"')))
    assert c.state_path == tmp_path / "home" / "w.db"
    assert c.accounts[0].path == tmp_path / "mbsync" / "Mail"
    c = load_config(write(tmp_path, text.replace('"Mail"', '"100$$ Mail/$$HOME"')))
    assert c.accounts[0].path == tmp_path / "100$ Mail" / "$HOME"  # $$: a dollar sign
    assert parse_config(render_effective(c), tmp_path / "config.toml") == c
    c = load_config(write(tmp_path, text + '[accounts.folders]\ninbox = "$HOME/Maildir"\n'
                                           'sent = "$$HOME-archive/Sent"\n'))
    assert c.accounts[0].folders.inbox == str(tmp_path / "home" / "Maildir")
    assert c.accounts[0].folders.sent == "$HOME-archive/Sent"
    assert parse_config(render_effective(c), tmp_path / "config.toml") == c


def test_a_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Some Windows editors write one: it was "not valid TOML (at line 1, column 1)"."""
    p = tmp_path / "config.toml"
    p.write_bytes(b'\xef\xbb\xbf[me]\nname = "Alex"\n')
    assert load_config(p).me.name == "Alex"


def test_check_config_shows_a_maildir_accounts_folders(tmp_path: Path) -> None:
    c = load_config(write(tmp_path, '[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "/m"\n'
                                    '[accounts.folders]\nsent = "Sent Items"\n'))
    out = render_effective(c)
    assert '[accounts.folders]\nsent = "Sent Items"' in out
    assert parse_config(out, tmp_path / "config.toml") == c


def test_loopback_hosts() -> None:
    assert is_loopback_host("127.0.0.1") and is_loopback_host("[::1]")
    assert is_loopback_host("LOCALHOST") and is_loopback_host("imap.localhost")
    assert not is_loopback_host("10.0.0.1") and not is_loopback_host("localhost.example.com")


# ------------------------------------------------------------------ rendering and check-config


def test_render_effective_round_trips(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8") .replace(
        'quiet_hours = "21:00-08:00"', 'quiet_hours = ""').replace(
        "holidays = []", "holidays = [2026-12-24]").replace(
        'holidays_country = ""', 'holidays_country = "DE"').replace(
        'signature = ""', 'signature = "Line one\\n\\"quoted\\" \\u00e9"')
    original = load_config(write(tmp_path, text))
    rendered = render_effective(original)
    again = parse_config(rendered, tmp_path / "config.toml")
    assert again == original


@given(name=st.text(), signature=st.text(), phrases=st.lists(st.text(min_size=1).filter(str.strip)))
def test_render_effective_round_trips_any_text(name: str, signature: str,
                                               phrases: list[str]) -> None:
    base = Config.default()
    config = dataclasses.replace(
        base, me=MeConfig(name=name, signature=signature),
        classify=dataclasses.replace(base.classify,
                                     interview_phrases=tuple(p.strip() for p in phrases)))
    assert parse_config(render_effective(config)) == config


def test_check_config_prints_effective_config(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    p = write(tmp_path, '[schedule]\ntimezone = "Asia/Tokyo"\nquiet_hours = "22:00-07:00"\n'
              f'[state]\npath = "{tmp_path}/w.db"\n' + ACCOUNT)
    assert main(["--config", str(p), "check-config"]) == 0
    out = capsys.readouterr().out
    assert 'timezone = "Asia/Tokyo"' in out
    assert 'quiet_hours = "22:00-07:00"' in out
    assert 'wait_without_timeline = "7d"' in out
    assert parse_config(out).schedule.timezone == "Asia/Tokyo"


def test_check_config_lists_every_problem_and_exits_2(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    p = write(tmp_path, '[schedule]\nquiet_hours = "25:00-8"\n[policy]\nmin_spacing = 3\n')
    assert main(["check-config", "--config", str(p)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0] == "watcher check-config: 2 problems"
    assert lines[1] == (f"{p}: [schedule] quiet_hours: expected 'HH:MM-HH:MM' "
                        "(or \"\" to switch off), got '25:00-8'")
    assert lines[2].startswith(f"{p}: [policy] min_spacing: expected a duration string")


def test_check_config_on_a_missing_file_is_one_line(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """review20c #4: "watcher check-config: 1 problem" and the problem were two lines, where
    the contract has every command print a one-line error."""
    assert main(["--config", str(tmp_path / "nope.toml"), "check-config"]) == 2
    assert capsys.readouterr().err == f"watcher check-config: {tmp_path / 'nope.toml'}: no such file\n"


def test_instance_configs_get_their_own_default_state_file(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """watcher@alex reads alex.toml: its default database is alex.db, not the shared one."""
    from watcher.config import load_config

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "watcher").mkdir()
    (tmp_path / "watcher" / "config.toml").write_text("")
    (tmp_path / "watcher" / "alex.toml").write_text("")
    assert load_config(tmp_path / "watcher" / "config.toml").state_path.name == "watcher.db"
    assert load_config(tmp_path / "watcher" / "alex.toml").state_path.name == "alex.db"


def test_config_files_elsewhere_never_share_a_default_state_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """review20c #1: ~/jobs/config.toml and the user's own config.toml both got watcher.db, so a
    scan of one mailbox recorded the other's pending draft as deleted by the user."""
    from watcher.config import default_config_path, load_config

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    paths = [tmp_path / "a" / "config.toml", tmp_path / "b" / "config.toml", default_config_path()]
    for p in paths:
        p.parent.mkdir(parents=True)
        p.write_text("")
    states = [load_config(p).state_path for p in paths]
    assert len(set(states)) == 3
    assert states[2].name == "watcher.db" and states[0].name.startswith("config-")
    assert load_config(paths[0]).state_path == states[0]  # the same file every time


def test_a_wrongly_typed_password_command_is_never_quoted(tmp_path: Path) -> None:
    probs = problems_of(tmp_path, IMAP.format(name="w", host="h",
                                              extra='password_command = ["echo", "hunter2-SECRET"]'))
    assert probs == ["[[accounts]] #1 ('w') password_command: expected a string, got an array "
                     "(value not shown)"]


def test_a_home_of_an_unknown_user_is_a_problem_of_its_key(tmp_path: Path) -> None:
    """"~nosuchuser/w.db": a problem naming [state] path, exit 2 (it was an internal error)."""
    probs = problems_of(tmp_path, '[state]\npath = "~nosuchuser_watcher_x/w.db"\n')
    assert probs == ["[state] path: '~nosuchuser_watcher_x/w.db': no user 'nosuchuser_watcher_x' "
                     "for its ~"]


def test_a_state_path_that_cannot_be_a_file_is_a_problem(tmp_path: Path) -> None:
    """A state path under a file, or naming a folder, can never be the database: say so at
    load (check-config passed it, and `scan` failed with an internal error)."""
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir").mkdir()
    probs = problems_of(tmp_path, f'[state]\npath = "{tmp_path}/afile/sub/w.db"\n')
    assert probs == [f"[state] path: {str(tmp_path / 'afile/sub/w.db')!r}: {str(tmp_path / 'afile')!r} "
                     "is a file, not a folder"]
    probs = problems_of(tmp_path, f'[state]\npath = "{tmp_path}/adir"\n')
    assert probs == [f"[state] path: {str(tmp_path / 'adir')!r} is a folder: name the database "
                     "file in it, e.g. 'adir/watcher.db'"]


def test_a_maildir_root_that_is_a_file_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    probs = problems_of(tmp_path, f'[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "{tmp_path}/afile"\n')
    assert probs == [f"[[accounts]] #1 ('m') path: {str(tmp_path / 'afile')!r} is a file, not a folder"]


ACCOUNT = '[[accounts]]\nname = "m"\nbackend = "maildir"\npath = "~/Mail"\n'


def test_check_config_refuses_what_run_refuses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No account, or a state file that is not a database: `run` and a reload refuse the
    config, so check-config does too (it printed the config and exited 0)."""
    p = write(tmp_path, f'[state]\npath = "{tmp_path}/w.db"\n')
    assert main(["--config", str(p), "check-config"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == [  # one problem: one line (review20c #4)
        f"watcher check-config: {p}: no [[accounts]] in the config: add one (see `watcher init`)"]
    (tmp_path / "w.db").write_text("not a database")
    p.write_text(p.read_text() + ACCOUNT)
    assert main(["--config", str(p), "check-config"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and err[0].startswith(
        f"watcher check-config: {p}: [state] path: {tmp_path / 'w.db'}: not a readable state database")
    (tmp_path / "w.db").unlink()
    assert main(["--config", str(p), "check-config"]) == 0
    assert not (tmp_path / "w.db").exists()  # checking creates nothing


def test_a_template_the_drafts_cannot_use_is_a_problem_at_load(tmp_path: Path) -> None:
    """A template with an unknown $variable, no Subject line, or a name one letter off a
    template's was found only when a draft fell due (simulate made 0 drafts and exited 0)."""
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "thank_you.txt").write_text("Subject: Thanks, $interviewr\n\nHello\n")
    (tpl / "check_in.txt").write_text("Checking in\n")
    (tpl / "final_folow_up.txt").write_text("Subject: x\n\nBody\n")
    (tpl / "notes.txt").write_text("my own notes: not a template, left alone\n")
    probs = problems_of(tmp_path, f'[templates]\ndir = "{tpl}"\n')
    assert probs[0].startswith(f"[templates] dir: {tpl / 'check_in.txt'}: the first line must be 'Subject: ...'")
    assert probs[1] == (f"[templates] dir: {tpl / 'final_folow_up.txt'}: not a template the watcher "
                        "reads (did you mean 'final_follow_up.txt'?)")
    assert probs[2].startswith(f"[templates] dir: {tpl / 'thank_you.txt'}: unknown variable $interviewr")
    assert len(probs) == 3


def test_a_relative_config_path_gives_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--config conf/w.toml` with `path = "w.db"`: the state file is conf/w.db as an absolute
    path, so a daemon (or check-config's report) does not depend on the folder it runs in."""
    from watcher.config import load_config

    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "w.toml").write_text('[state]\npath = "w.db"\n')
    monkeypatch.chdir(tmp_path)
    assert load_config(Path("conf/w.toml")).state_path == tmp_path / "conf" / "w.db"
    (tmp_path / "conf" / "v.toml").write_text("")
    assert load_config(Path("conf/v.toml")).state_path.is_absolute()


def test_ignore_senders_takes_the_spellings_users_write(tmp_path: Path) -> None:
    """review20c #5: a bare "northwind.com" or "Maria Lopez <maria@...>" was accepted and then
    matched nothing; only "@northwind.com" worked."""
    text = ('[classify]\nignore_senders = ["northwind.com", "Maria Lopez <Maria.Lopez@Fabrikam.com>", '
            '"@contoso.com", "sam@example.org"]\n')
    assert load_config(write(tmp_path, text)).classify.ignore_senders == (
        "@northwind.com", "maria.lopez@fabrikam.com", "@contoso.com", "sam@example.org")
    probs = problems_of(tmp_path, '[classify]\nignore_senders = ["not an address"]\n')
    assert probs == ["[classify] ignore_senders: 'not an address' is neither an e-mail address nor a "
                     "domain such as '@example.com'"]


@pytest.mark.parametrize(("names", "problem"), [
    (["my/acct x"], "[[accounts]] #1 name: 'my/acct x': use letters, digits, '.', '_' and '-' only "
                    "(such as 'personal')"),
    (["../../evil"], "[[accounts]] #1 name: '../../evil': use letters, digits, '.', '_' and '-' only "
                     "(such as 'personal')"),
    (["local", "Local"], "[[accounts]] #2 ('Local') name: duplicate account name 'Local'"),
])
def test_account_names_are_simple_and_unique_in_any_case(tmp_path: Path, names: list[str], problem: str) -> None:
    """review20c #7: an account's name becomes a keyring entry and a file name (the Gmail
    client file): "../../evil" and "Local" beside "local" were accepted."""
    text = "".join(f'[[accounts]]\nname = "{n}"\nbackend = "maildir"\npath = "/m{i}"\n'
                   for i, n in enumerate(names))
    assert problem in problems_of(tmp_path, text)


def test_a_toml_error_names_its_table_and_key(tmp_path: Path) -> None:
    """review20c #6: "not valid TOML: Cannot overwrite a value (at line 3, column 15)" named
    neither the key set twice nor its table."""
    probs = problems_of(tmp_path, '[schedule]\nquiet_hours = "21:00-08:00"\nquiet_hours = "22:00-07:00"\n')
    assert probs == ["[schedule] quiet_hours is set twice (line 3): keep one"]
    probs = problems_of(tmp_path, '[me]\nname = "Alex"\n\n[schedule]\nquiet_hours = "21:00-08:00\n')
    assert probs == ["not valid TOML: Illegal character '\\n' (at line 5, column 27) "
                     "([schedule] quiet_hours)"]


def test_a_config_that_cannot_be_read_says_why_in_words(tmp_path: Path) -> None:
    (tmp_path / "latin1.toml").write_bytes(b'[me]\nname = "Ren\xe9"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "latin1.toml")
    assert str(info.value).endswith("line 2 is not UTF-8 text: save the file as UTF-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert str(info.value).endswith("is a folder, not a config file")


@pytest.mark.parametrize("command", ["check-config", "scan", "run"])
def test_no_config_file_at_all_says_so_not_that_it_lacks_accounts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """A new user's first `watcher scan` before `watcher init` was told "no [[accounts]] in the
    config: add one", of a config file that does not exist; it now names the missing file."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert main([command]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [f"watcher {command}: no config file at "
                                f"{tmp_path / 'cfg' / 'watcher' / 'config.toml'}: run `watcher init` "
                                "(or `--config PATH` for one elsewhere)"]
    assert not (tmp_path / "cfg").exists() and not (tmp_path / "state").exists()


def test_an_array_of_tables_with_a_typo_is_named_as_one(tmp_path: Path) -> None:
    """[[account]] (for [[accounts]]) was "(top level) account: unknown key (top-level keys
    are not allowed)": true for TOML, but the user wrote a table header."""
    probs = problems_of(tmp_path, '[[account]]\nname = "m"\nbackend = "maildir"\npath = "~/Mail"\n'
                        + ACCOUNT)
    assert probs == ["[[account]]: unknown table (did you mean [[accounts]]?)"]


@pytest.mark.parametrize("key", ["api_endpoint", "batch_uri"])
def test_gmail_endpoints_in_plain_http_are_refused_off_this_machine(tmp_path: Path,
                                                                     key: str) -> None:
    """review23c: api_endpoint / batch_uri took any http:// URL, and every request carries
    the OAuth access token: in clear to another machine, as IMAP's security = "none" is
    refused. Plain http stays allowed to a loopback host (the Gmail fake in the tests)."""
    text = '[[accounts]]\nname = "x"\nbackend = "gmail"\n{key} = "{url}"\n'
    probs = problems_of(tmp_path, text.format(key=key, url="http://gmail.example.com/x"))
    assert len(probs) == 1 and "access token in clear text" in probs[0], probs
    for url in ("https://gmail.example.com/x", "http://127.0.0.1:8080/x", "http://localhost/x"):
        c = load_config(write(tmp_path, text.format(key=key, url=url)))
        assert getattr(c.accounts[0], key) == url


def test_the_system_zone_is_read_afresh_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """tzlocal caches the zone for the process's life: a laptop carried to London kept New
    York's quiet hours in the running daemon, even after a SIGHUP (`timezone = ""`)."""
    monkeypatch.setenv("TZ", "America/New_York")
    assert system_timezone() == "America/New_York"
    monkeypatch.setenv("TZ", "Europe/London")
    assert system_timezone() == "Europe/London"
    assert parse_config('[schedule]\ntimezone = ""\n').schedule.timezone == "Europe/London"
