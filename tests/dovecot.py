"""A real Dovecot IMAP server on 127.0.0.1 for tests: own config, own temp dir, own port.

`DovecotServer` starts `dovecot -F` with a config written into a fresh temp dir (never the
system one), and can be stopped, killed and restarted on the same port and mail dir. The
`dovecot` pytest fixture skips with a clear reason when no dovecot binary is installed.
"""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

USER = "alex"
PASSWORD = "secret-pw"
# For `dovecot_configured(OAUTH_CONFIG)`: Dovecot's XOAUTH2 and OAUTHBEARER mechanisms check
# the bearer token against the passdbs as they would a password; a passdb that only those
# mechanisms reach takes OAUTH_TOKEN (the real SASL exchange, without a token issuer).
OAUTH_TOKEN = "ya29.a0-test-access-token"
OAUTH_CONFIG = f"""\
auth_mechanisms = plain login xoauth2 oauthbearer
passdb {{
  driver = static
  args = password={OAUTH_TOKEN}
  mechanisms = xoauth2 oauthbearer
}}
"""

_CONFIG = """\
# Written by tests/dovecot.py; does not include the system's conf.d.
protocols = imap
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {internal_user}
default_internal_group = {internal_group}
default_login_user = {login_user}
mail_fsync = never
mail_location = maildir:{base}/mail/%u/Maildir
mail_uid = {mail_user}
mail_gid = {mail_group}
first_valid_uid = 0
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {base}/passwd
}}
userdb {{
  driver = static
  args = home={base}/mail/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps_port}
  }}
}}
# No growing delay after a failed login (tests log in wrongly on purpose). No chroot: an
# unprivileged user cannot chroot (the login and anvil services would fail to start).
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = 0
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = 0
  }}
}}
"""


def dovecot_binary() -> str | None:
    """The dovecot executable, or None when it is not installed."""
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.path.exists(p)), None
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DovecotServer:
    """One Dovecot instance: `start()`, `stop()`, `kill()`, `restart()`, and mail helpers."""

    def __init__(self, binary: str, base: Path | None = None, tls: bool = False,
                 plain_folders: bool = False, extra_config: str = "") -> None:
        """`plain_folders`: no SPECIAL-USE flags and no auto-created folders (a server that
        knows folders only by name, and lets the user rename or delete any of them).
        `extra_config`: lines appended to dovecot.conf (e.g. `imap_capability = ...` to play
        a server without some extension, `imap_fetch_failure = no-after`)."""
        self.binary = binary
        self.plain_folders = plain_folders
        self.extra_config = extra_config
        self.base = Path(base or tempfile.mkdtemp(prefix="watcher-dovecot-"))
        self.host = "127.0.0.1"
        self.port = free_port()
        self.tls = tls
        self.imaps_port = free_port() if tls else 0
        self.user = USER
        self.password = PASSWORD
        self.proc: subprocess.Popen[bytes] | None = None
        self._write_config()

    # -- configuration -------------------------------------------------------------------

    def _write_config(self) -> None:
        os.chmod(self.base, 0o755)  # the login and mail processes run as other users when root
        (self.base / "mail").mkdir(exist_ok=True)
        if os.geteuid() == 0:
            internal_user, login_user, mail_user = "dovecot", "dovenull", "dovecot"
            internal_group = grp.getgrgid(pwd.getpwnam("dovecot").pw_gid).gr_name
            mail_group = internal_group
        else:
            me = pwd.getpwuid(os.getuid()).pw_name
            internal_user = login_user = mail_user = me
            internal_group = mail_group = grp.getgrgid(os.getgid()).gr_name
        self.mail_user, self.mail_group = mail_user, mail_group
        (self.base / "passwd").write_text(f"{self.user}:{{PLAIN}}{self.password}\n")
        ssl_setting = "ssl = no"
        if self.tls:
            self._make_certificate()
            ssl_setting = (f"ssl = yes\nssl_cert = <{self.base}/cert.pem\n"
                           f"ssl_key = <{self.base}/key.pem\nssl_min_protocol = TLSv1.2")
        config = _CONFIG
        if self.plain_folders:
            start = config.index("namespace inbox {{")
            end = config.index("service imap-login")
            config = config[:start] + "namespace inbox {{\n  inbox = yes\n  separator = /\n}}\n" \
                + config[end:]
        (self.base / "dovecot.conf").write_text(
            config.format(
                base=self.base,
                ssl=ssl_setting,
                imaps_port=self.imaps_port,
                port=self.port,
                internal_user=internal_user,
                internal_group=internal_group,
                login_user=login_user,
                mail_user=mail_user,
                mail_group=mail_group,
            )
            + self.extra_config
        )
        self._chown_tree(self.base / "mail")

    def _make_certificate(self) -> None:
        """A self-signed certificate for 127.0.0.1 and localhost, as cert.pem and key.pem."""
        self_signed(self.base, "localhost", alt="IP:127.0.0.1,DNS:localhost", stem="")

    def ssl_context(self) -> ssl.SSLContext:
        """A verifying client context that trusts this server's self-signed certificate."""
        ctx = ssl.create_default_context(cafile=str(self.base / "cert.pem"))
        return ctx

    def _chown_tree(self, path: Path) -> None:
        """As root, the mail dir must belong to the mail user (Dovecot refuses otherwise)."""
        if os.geteuid() != 0:
            return
        uid = pwd.getpwnam(self.mail_user).pw_uid
        gid = grp.getgrnam(self.mail_group).gr_gid
        for root, dirs, files in os.walk(path):
            os.chown(root, uid, gid)
            for name in dirs + files:
                os.chown(os.path.join(root, name), uid, gid)

    @property
    def maildir(self) -> Path:
        """The user's Maildir root (INBOX is its cur/new/tmp; other folders are `.Name`)."""
        return self.base / "mail" / self.user / "Maildir"

    # -- process control -----------------------------------------------------------------

    def start(self, deadline: float = 10.0) -> None:
        """Start in the foreground (own session, stdio redirected) and wait for the port."""
        if self.proc is not None:
            raise RuntimeError("already running")
        log = open(self.base / "stdio.log", "ab")  # noqa: SIM115 -- kept by the child
        try:
            self.proc = subprocess.Popen(
                [self.binary, "-F", "-c", str(self.base / "dovecot.conf")],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()
        end = time.monotonic() + deadline
        while True:
            if self.proc.poll() is not None:
                code = self.proc.returncode
                self.proc = None
                raise RuntimeError(f"dovecot exited with {code}: {self.log_tail()}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), 0.5) as s:
                s.settimeout(2)
                if s.recv(100).startswith(b"* OK"):
                    return
            if time.monotonic() > end:
                self.stop()
                raise RuntimeError(f"dovecot did not answer within {deadline}s: {self.log_tail()}")
            time.sleep(0.01)

    def stop(self) -> None:
        """SIGTERM to the whole process group (fast and clean), then reap the master.

        A client still connected can hold the shutdown for seconds: SIGKILL after 0.5 s.
        """
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=0.5)
        self._signal(signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL the whole group: the server vanishes mid-command, as in a crash."""
        self._signal(signal.SIGKILL)

    def _signal(self, sig: int) -> None:
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, sig)
        try:
            self.proc.wait(timeout=10)
        finally:
            self.proc = None
        # After SIGKILL, stray children may keep the pid file; a fresh start must not see it.
        with contextlib.suppress(FileNotFoundError):
            (self.base / "run" / "master.pid").unlink()

    def restart(self) -> None:
        """Stop (if running) and start again on the same port and mail dir."""
        self.stop()
        self.start()

    def close(self) -> None:
        """Stop and remove the temp dir."""
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def log_tail(self, n: int = 20) -> str:
        """The last lines of Dovecot's log (for failure messages)."""
        lines: list[str] = []
        for name in ("dovecot.log", "stdio.log"):
            p = self.base / name
            if p.exists():
                lines += p.read_text(errors="replace").splitlines()[-n:]
        return "\n".join(lines)

    # -- mail helpers ----------------------------------------------------------------------

    def client(self, **kwargs: object) -> object:
        """A logged-in plain imapclient.IMAPClient (the test's 'other mail client')."""
        import imapclient

        c = imapclient.IMAPClient(self.host, self.port, ssl=False, timeout=10, **kwargs)
        c.login(self.user, self.password)
        return c

    def append(self, folder: str, messages: Iterable[bytes], flags: Iterable[str] = ()) -> list[int]:
        """Seed `folder` over IMAP (MULTIAPPEND, one round trip); return the new UIDs."""
        msgs = list(messages)
        if not msgs:
            return []
        c = self.client()
        try:
            f = [x.encode() if isinstance(x, str) else x for x in flags]
            resp = c.multiappend(folder, [{"msg": m, "flags": f} for m in msgs])  # type: ignore[attr-defined]
            return _appenduids(resp)
        finally:
            c.logout()  # type: ignore[attr-defined]

    def write_maildir(self, folder: str, messages: Iterable[bytes]) -> None:
        """Seed by writing Maildir files directly (fastest; Dovecot assigns UIDs on next look)."""
        d = self.maildir if folder.upper() == "INBOX" else self.maildir / f".{folder}"
        for sub in ("cur", "new", "tmp"):
            (d / sub).mkdir(parents=True, exist_ok=True)
        for i, m in enumerate(messages):
            name = f"{time.time_ns()}.P{os.getpid()}Q{i}.watcher-test"
            (d / "tmp" / name).write_bytes(m)
            os.rename(d / "tmp" / name, d / "new" / name)
        self._chown_tree(self.maildir)


def self_signed(where: Path, name: str, alt: str | None = None,
                stem: str | None = None) -> tuple[Path, Path]:
    """A self-signed EC certificate for `name` (subjectAltName `alt`, default DNS:`name`) and
    its key, as `<stem>cert.pem` and `<stem>key.pem` in `where` (stem default: `name` + "-");
    skips the test when there is no openssl binary (~10 ms)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl binary to make a test certificate")
    stem = f"{name}-" if stem is None else stem
    cert, key = where / f"{stem}cert.pem", where / f"{stem}key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", f"/CN={name}",
         "-addext", f"subjectAltName={alt or 'DNS:' + name}"],
        check=True, capture_output=True, stdin=subprocess.DEVNULL,
    )
    os.chmod(key, 0o600)
    return cert, key


def _appenduids(resp: object) -> list[int]:
    """UIDs from an `[APPENDUID validity uid-set]` response (uid-set may be `a:b` or `a,b`)."""
    text = resp.decode() if isinstance(resp, bytes) else str(resp)
    if "APPENDUID" not in text:
        return []
    uidset = text.split("APPENDUID", 1)[1].split("]", 1)[0].split()[1]
    out: list[int] = []
    for part in uidset.split(","):
        a, _, b = part.partition(":")
        out += range(int(a), int(b or a) + 1)
    return out


def make_message(
    n: int,
    subject: str | None = None,
    sender: str = "jane@acme.example",
    to: str = "alex@example.com",
    extra_headers: str = "",
    body: str = "Hello,\r\n\r\nJust a test.\r\n",
) -> bytes:
    """A small RFC 5322 message with a unique Message-ID `<n@test.example>`."""
    subject = subject if subject is not None else f"Test message {n}"
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Date: Tue, 01 Dec 2026 10:{n % 60:02d}:00 -0500\r\n"
        f"Message-ID: <{n}@test.example>\r\n{extra_headers}"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
    ).encode()


def _server(tls: bool, plain_folders: bool = False, extra_config: str = "") -> Iterator[DovecotServer]:
    binary = dovecot_binary()
    if binary is None:
        pytest.skip("no dovecot binary (apt-get install dovecot-imapd) for the IMAP tests")
    server = DovecotServer(binary, tls=tls, plain_folders=plain_folders, extra_config=extra_config)
    try:
        server.start()
    except RuntimeError:
        server.close()
        raise
    try:
        yield server
    finally:
        server.close()


@contextlib.contextmanager
def dovecot_configured(extra_config: str) -> Iterator[DovecotServer]:
    """A running Dovecot with `extra_config` added to its dovecot.conf (skips without one)."""
    yield from _server(tls=False, extra_config=extra_config)


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    """A fresh, running Dovecot per test (start ~30 ms); skipped when none is installed."""
    yield from _server(tls=False)


@pytest.fixture
def dovecot_plain() -> Iterator[DovecotServer]:
    """Like `dovecot`, with no SPECIAL-USE flags and no auto-created folders."""
    yield from _server(tls=False, plain_folders=True)


@pytest.fixture
def dovecot_tls() -> Iterator[DovecotServer]:
    """Like `dovecot`, with a self-signed certificate: imaps on `imaps_port`, STARTTLS on `port`."""
    yield from _server(tls=True)


class _Relay:
    """A TCP relay from a loopback port to a server: one thread each way per connection,
    running the subclass's `_pump`; `close` cuts them all."""

    def __init__(self, host: str, port: int) -> None:
        self.upstream = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.host, self.port = "127.0.0.1", int(self._listener.getsockname()[1])
        self._socks: list[socket.socket] = [self._listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, 5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)  # 5 s to connect only: an IDLE is quiet for minutes
            self._socks += [client, server]
            threading.Thread(target=self._relay, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._relay, args=(server, client, True), daemon=True).start()

    def _relay(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        try:
            self._pump(src, dst, from_server)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Stop accepting and cut every relayed connection."""
        for s in self._socks:
            with contextlib.suppress(OSError):
                s.close()


class CuttingProxy(_Relay):
    """A TCP relay to a server that calls `on_trigger` once when `trigger` appears in the
    server's stream, after relaying up to and including it: a test can kill the server while
    the client is provably in the middle of reading a response (e.g. a FETCH literal)."""

    def __init__(self, host: str, port: int, trigger: bytes,
                 on_trigger: Callable[[], None]) -> None:
        self.trigger = trigger
        self.on_trigger = on_trigger
        self.triggered = threading.Event()
        super().__init__(host, port)

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        tail = b""
        while data := src.recv(65536):
            if from_server and not self.triggered.is_set():
                seen = tail + data
                at = seen.find(self.trigger)
                if at >= 0:
                    cut = at + len(self.trigger) - len(tail)
                    dst.sendall(data[:max(cut, 0)])
                    self.triggered.set()
                    self.on_trigger()
                    break
                tail = seen[-len(self.trigger):]
            dst.sendall(data)


class RewritingProxy(_Relay):
    """A TCP relay to a server that rewrites whole lines with regular expressions, each way
    (`to_server`: the client's commands, `to_client`: the server's answers): a real Dovecot
    then plays a server with another server's quirk (no APPENDUID, NOMODSEQ folders, Gmail's
    unsolicited FETCH responses carrying a UID, custom headers SEARCH cannot find)."""

    def __init__(self, host: str, port: int,
                 to_server: Iterable[tuple[bytes, bytes]] = (),
                 to_client: Iterable[tuple[bytes, bytes]] = ()) -> None:
        self.rules = {False: [(re.compile(a), b) for a, b in to_server],
                      True: [(re.compile(a), b) for a, b in to_client]}
        self.rewritten = 0  # lines changed, both ways (a test can check its quirk was played)
        super().__init__(host, port)

    def _pump(self, src: socket.socket, dst: socket.socket, from_server: bool) -> None:
        rules = self.rules[from_server]
        pending = b""
        while data := src.recv(65536):
            pending += data
            cut = pending.rfind(b"\n") + 1  # whole lines only; the rest waits
            lines, pending = pending[:cut].splitlines(keepends=True), pending[cut:]
            out = []
            for line in lines:
                new = line
                for pattern, repl in rules:
                    new = pattern.sub(repl, new)
                self.rewritten += new != line
                out.append(new)
            dst.sendall(b"".join(out))
