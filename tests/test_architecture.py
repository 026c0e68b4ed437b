"""docs/architecture.md's boundaries, checked on the source: which module may import which
library, where SQL lives, that the pure core reads no clock and does no I/O, that only cli.py
sets up logging, and that every module opens with a short docstring."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "watcher"
MODULES = {p.relative_to(PKG).as_posix(): ast.parse(p.read_text(encoding="utf-8"))
           for p in sorted(PKG.rglob("*.py"))}
# parse -> classify -> link -> state -> policy -> compose: no I/O, no clock (compose also reads
# the user's template files, through one cached loader)
PURE = ("parse.py", "classify.py", "rules.py", "dates.py", "textutil.py", "link.py", "state.py",
        "policy.py", "lint.py", "models.py", "zones.py", "prepare.py")


def imports(tree: ast.AST) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
    return out


def calls(tree: ast.AST) -> set[str]:
    """Dotted names of everything called: 'datetime.now', 'db.execute', 'basicConfig'."""
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            parts, f = [], node.func
            while isinstance(f, ast.Attribute):
                parts.append(f.attr)
                f = f.value
            if isinstance(f, ast.Name):
                parts.append(f.id)
            out.add(".".join(reversed(parts)))
    return out


@pytest.mark.parametrize(("library", "allowed"), [
    ("imapclient", ("backends/imap.py", "backends/imapfetch.py")),
    ("googleapiclient", ("backends/gmail.py",)),
    ("google_auth_oauthlib", ("backends/gmail.py", "commands/auth.py")),
    ("keyring", ("secrets.py",)),
    ("apscheduler", ("daemon.py",)),
    ("sqlite3", ("store.py",)),
    ("smtplib", ()),
])
def test_only_the_named_modules_import_the_library(library: str, allowed: tuple[str, ...]) -> None:
    users = sorted(name for name, tree in MODULES.items() if library in imports(tree))
    assert set(users) <= set(allowed), users


SQL = re.compile(r"^\s*(?:SELECT\s.*\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s"
                 r"|PRAGMA\s+\w|CREATE\s+(?:TABLE|INDEX)\s|ALTER\s+TABLE\s"
                 # (a bare "BEGIN" is also iCalendar's: parse.py closes BEGIN:VEVENT blocks)
                 r"|BEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b|BEGIN\s*;)", re.S)


def test_all_sql_lives_in_store() -> None:
    users = sorted(name for name, tree in MODULES.items() if name != "store.py" and any(
        isinstance(n, ast.Constant) and isinstance(n.value, str) and SQL.match(n.value)
        for n in ast.walk(tree)))
    assert users == []


@pytest.mark.parametrize("name", PURE)
def test_the_pure_core_reads_no_clock_and_opens_nothing(name: str) -> None:
    tree = MODULES[name]
    assert not imports(tree) & {"socket", "sqlite3", "subprocess", "urllib", "http", "imapclient",
                                "googleapiclient", "keyring", "apscheduler", "requests"}
    clock = {c for c in calls(tree) if c.endswith(("datetime.now", "datetime.utcnow", "date.today",
                                                   "time.time", "time.monotonic", "time.sleep"))}
    assert clock == set()
    assert not {c for c in calls(tree) if c in ("open", "Path.open") or c.endswith(".write_text")}


def test_only_cli_sets_up_logging() -> None:
    setup = sorted(name for name, tree in MODULES.items() if any(
        c.endswith(("basicConfig", "addHandler", "dictConfig", "Handler", "setFormatter"))
        for c in calls(tree)))
    assert setup == ["cli.py"]


def test_loggers_are_named_for_their_module() -> None:
    """One logger per module; cli.py alone also reaches the root and libraries' loggers."""
    for name, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "logging.getLogger":
                assert name == "cli.py" or ast.unparse(node) == "logging.getLogger(__name__)", name


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_opens_with_a_short_docstring(name: str) -> None:
    doc = ast.get_docstring(MODULES[name], clean=True)
    assert doc, f"{name} has no module docstring"
    summary = doc.split("\n\n")[0]
    assert len(summary.splitlines()) <= 3, f"{name}: the summary is over 3 lines"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_level_name_is_bound_twice(name: str) -> None:
    """classify.py bound _ROLE_AFTER twice, 800 lines apart: the company rule that read the
    first got the second, a different pattern (review 23a). ruff's F811 sees only imports and
    functions."""
    seen: dict[str, int] = {}
    twice: list[str] = []
    for node in MODULES[name].body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets = [node.target]
        bound = [t.id for t in targets if isinstance(t, ast.Name)]
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            bound.append(node.name)
        for n in bound:
            if n in seen:
                twice.append(f"{n} (lines {seen[n]} and {node.lineno})")
            seen[n] = node.lineno
    assert twice == []
