"""watcher: notices job-interview mail and leaves well-timed follow-up drafts; never sends."""

__version__ = "0.1.0"
