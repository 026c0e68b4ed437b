"""Mailbox backends behind one narrow protocol (see `base.py`): Gmail API, IMAP, Maildir, memory."""
