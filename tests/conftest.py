"""Shared pytest fixtures: each line registers one helper module's fixtures."""

from tests.dovecot import dovecot, dovecot_plain, dovecot_tls  # noqa: F401  (real Dovecot on 127.0.0.1)
from tests.gmail_fake import gmail_fake  # noqa: F401  (local Gmail API fake over HTTP)
from tests.keyrings import memory_keyring  # noqa: F401  (an in-memory keyring)
