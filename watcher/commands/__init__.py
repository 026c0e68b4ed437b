"""One module a subcommand: each has NAME, HELP, configure(parser) and run(args) -> exit code.

Modules here import nothing heavy at module level; `run` imports what it needs.
"""

COMMANDS: list[str] = [
    "classify",
    "scan",
    "run",
    "demo",
    "doctor",
    "install_service",
    "init",
    "check_config",
    "auth",
    "simulate",
    "status",
    "explain",
    "track",
    "ignore",
    "close",
    "reopen",
    "snooze",
    "timeline",
]
