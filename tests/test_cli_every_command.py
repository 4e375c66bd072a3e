"""EVERY `carsplus` command, enumerated from the click group (a new command is covered without touching this file),
answers bad input with one line on standard error and a non-zero exit: a database URL it cannot use, a database
that does not answer (its password never shown), and a number past what the database holds (every integer
argument or option). No traceback, ever.

A command's arguments are made up from its parameters (a sample value of each required one), so the command gets
past click to its own work. `test_cli_errors.py` holds the hand-written cases (unknown revisions, read-only
PostgreSQL)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database

HUGE = "99999999999"
SECRET = "s3cret-pw"
# What a few commands need besides their required parameters to get as far as their database (else they refuse
# the command line first, in one line too: that is checked as well, but it would not reach the URL).
TO_THE_DATABASE = {
    ("audit", "verify"): ["--all"],
    ("dms", "export"): ["--all"],
    ("config", "import"): ["--yes"],
    ("control", "set"): ["ausie_rules", "Y"],
    ("db", "downgrade"): ["--yes"],
    ("user", "add"): ["--password-stdin"],
    ("user", "passwd"): ["--password-stdin"],
}
WRITES_A_NEW_FILE = {("db", "backup")}  # (a Path parameter it writes, refusing one that exists)
STDIN = "new-password-1\nnew-password-1\n"
# Integer parameters that are not stored anywhere, so any value is right. Each says why.
ANY_INTEGER = {(("sample", "generate"), "seed"): "the random generator's seed"}
# Commands that never open the database: what a bad URL cannot reach. Each says why.
NO_DATABASE = {
    ("keys",): "a terminal's keys: no database",
    ("serve",): "the web server: each browser session opens the database as the terminal app does (its sign-on "
                "screen shows the fault line); checked in tests/web",
}


def leaf_commands(group: click.Group = main, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from leaf_commands(command, (*path, name))
        else:
            yield (*path, name), command


COMMANDS = dict(leaf_commands())


def sample_value(param: click.Parameter, tmp_path: Path, integer: str = "1", *, new_file: bool = False) -> str:
    """A value click accepts for `param`; a file to read is made (an empty JSON object)."""
    kind = param.type
    if isinstance(kind, click.Choice):
        return str(kind.choices[0])
    if isinstance(kind, click.types.IntParamType):  # IntRange too
        return integer
    if isinstance(kind, click.File | click.Path):
        path = tmp_path / f"{param.name}.json"
        if not new_file and not (isinstance(kind, click.File) and "w" in kind.mode):
            path.write_text(json.dumps({}))
        return str(path)
    return "X1"


def arguments(path: tuple[str, ...], command: click.Command, tmp_path: Path, *, huge: str | None = None) -> list[str]:
    """`carsplus PATH ...` with every required parameter given (and, with `huge`, that value for the integer
    parameter named `huge`)."""
    args = list(path)
    extra = TO_THE_DATABASE.get(path, [])
    for param in command.params:
        if isinstance(param, click.Argument) and extra and not extra[0].startswith("-"):
            continue  # given below
        if param.name == huge:
            value = sample_value(param, tmp_path, HUGE)
        elif param.required and not (isinstance(param, click.Option) and param.envvar):
            value = sample_value(param, tmp_path, new_file=path in WRITES_A_NEW_FILE)
        else:
            continue
        if isinstance(param, click.Option):
            args += [param.opts[0], value]
        else:
            args.append(value)
    return args + extra


def run(monkeypatch: pytest.MonkeyPatch, url: str, args: list[str]):  # noqa: ANN201
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url)
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "DEMO")
    monkeypatch.setenv("CARSPLUS_PASSWORD", "demo")
    return CliRunner().invoke(main, args, catch_exceptions=False, input=STDIN)


def assert_one_line(result, args: list[str]) -> str:  # noqa: ANN001
    text = result.output
    assert result.exit_code not in (0, None), f"carsplus {' '.join(args)} exited 0:\n{text}"
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, f"carsplus {' '.join(args)}:\n{text}"
    assert "Traceback" not in text and SECRET not in text, text
    return lines[0]


DATABASE_COMMANDS = [path for path in COMMANDS if path not in NO_DATABASE]


def test_every_command_is_here() -> None:
    # The enumeration is the point: it must see the commands (and the groups' commands) that exist today.
    assert {("report", "show"), ("db", "upgrade"), ("print",), ("workorder", "import"), ("sample", "generate")} <= set(
        COMMANDS)
    assert all(path in COMMANDS for path in NO_DATABASE)


@pytest.mark.parametrize("path", DATABASE_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("url", ["nonsense://", "not a url"])
def test_every_command_refuses_a_bad_database_url_in_one_line(monkeypatch, tmp_path: Path, path, url: str) -> None:  # noqa: ANN001
    args = arguments(path, COMMANDS[path], tmp_path)
    line = assert_one_line(run(monkeypatch, url, args), args)
    assert "CARSPLUS_DATABASE_URL" in line, line


@pytest.mark.parametrize("path", DATABASE_COMMANDS, ids=" ".join)
def test_every_command_on_a_database_that_does_not_answer_is_one_line(monkeypatch, tmp_path: Path, path) -> None:  # noqa: ANN001
    args = arguments(path, COMMANDS[path], tmp_path)
    result = run(monkeypatch, f"postgresql+psycopg://clerk:{SECRET}@127.0.0.1:1/carsplus", args)
    assert_one_line(result, args)


INTEGER_PARAMS = [(path, param.name) for path, command in COMMANDS.items() for param in command.params
                  if isinstance(param.type, click.types.IntParamType) and path not in NO_DATABASE
                  and (path, param.name) not in ANY_INTEGER]


@pytest.mark.parametrize(("path", "name"), INTEGER_PARAMS, ids=lambda v: " ".join(v) if isinstance(v, tuple) else v)
def test_every_number_past_the_database_is_one_line(monkeypatch, sample_db: Database, tmp_path: Path, path,  # noqa: ANN001
                                                     name: str) -> None:
    args = arguments(path, COMMANDS[path], tmp_path, huge=name)
    url = sample_db.url.render_as_string(hide_password=False)
    sample_db.dispose()
    assert_one_line(run(monkeypatch, url, args), args)
