"""`carsplus` for IT and scripts: every command, and bad input as one line with a non-zero exit code."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from carsplus_tui.cli import main
from carsplus_tui.db import migrate
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from tests.builders import PASSWORD, add_reference_data, manual_example


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    def invoke(url: str, *args: str, input: str | None = None):  # noqa: A002
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", url)
        monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)  # the employees of add_reference_data sign on with it
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


def url_of(db: Database) -> str:
    return db.engine.url.render_as_string(hide_password=False)


def assert_one_line_failure(result, fragment: str) -> None:  # noqa: ANN001
    assert result.exit_code != 0
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_help_lists_every_command(run, db: Database) -> None:  # noqa: ANN001
    result = run(url_of(db), "--help")
    for command in ("db", "sample", "report", "user", "ra"):
        assert command in result.output
    sub = run(url_of(db), "report", "--help")
    assert "show" in sub.output and "import" in sub.output and "history" in sub.output


def test_db_upgrade_current_and_downgrade(run, empty_database_url: str) -> None:  # noqa: ANN001
    assert "empty" in run(empty_database_url, "db", "current").output
    assert run(empty_database_url, "db", "upgrade").output.strip() == f"database at {migrate.HEAD}"
    assert "up to date" in run(empty_database_url, "db", "current").output
    assert run(empty_database_url, "db", "downgrade", "base", "--yes").output.strip() == "database at base"


def test_commands_refuse_an_unmigrated_database(run, empty_database_url: str) -> None:  # noqa: ANN001
    assert_one_line_failure(run(empty_database_url, "report", "show", "1", "--employee", "CLERK"), "carsplus db upgrade")


def test_report_import_then_show(run, db: Database, tmp_path) -> None:  # noqa: ANN001
    add_reference_data(db)
    path = tmp_path / "report.json"
    path.write_text(json.dumps(manual_example()))
    result = run(url_of(db), "report", "import", str(path), "--employee", "clerk")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "damage report 1 saved (version 1)"
    shown = json.loads(run(url_of(db), "report", "show", "1", "--employee", "CLERK").output)
    assert shown["ra_number"] == "A0001310" and shown["excess_charged"] == "150.00"
    assert shown["report_status"] == "C" and shown["claim_status"] == 2
    history = run(url_of(db), "report", "history", "1", "--employee", "VIEWER").output
    assert "CREATED DAMAGE REPORT 1" in history and "CLERK" in history
    ra = run(url_of(db), "ra", "show", "A0001310").output
    assert "DAMAGE EXCESS" in ra and "150.00" in ra and "CHG ON RA Y" in ra
    assert "OPEN 04-15-09 TUS   CLOSE 07-21-09 TUS" in ra.splitlines()  # the counter's dates, as page 1 shows them


def test_an_invalid_import_lists_every_error_and_writes_nothing(run, db: Database, tmp_path) -> None:  # noqa: ANN001
    add_reference_data(db)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(manual_example(excess_charged="9999.00", damage_lines=[
        {"code": "ZZ", "description": "NOWHERE", "type": "Q"}])))
    result = run(url_of(db), "report", "import", str(path), "--employee", "CLERK")
    assert result.exit_code == 1
    assert "13 Excess Charged" in result.output
    assert "ZZ is not a damage code" in result.output
    assert "Q is not a damage type" in result.output
    assert "Traceback" not in result.output
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.DamageReport)) == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("report", "show", "999", "--employee", "CLERK"), "DAMAGE REPORT 999 NOT ON FILE"),
        (("report", "import", "/nonexistent.json", "--employee", "CLERK"), "no such file"),
        (("ra", "show", "NOPE"), "RA NOPE is not on file"),
        (("report", "show", "abc", "--employee", "CLERK"), "is not a valid integer"),
    ],
)
def test_bad_input_is_one_line(run, db: Database, args: tuple[str, ...], fragment: str) -> None:  # noqa: ANN001
    add_reference_data(db)
    assert_one_line_failure(run(url_of(db), *args), fragment)


def test_malformed_json_is_one_line(run, db: Database, tmp_path) -> None:  # noqa: ANN001
    add_reference_data(db)  # the employee signs on before the file is read
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    assert_one_line_failure(run(url_of(db), "report", "import", str(path), "--employee", "CLERK"), "not valid JSON")


def test_users_add_passwd_list(run, db: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    add_reference_data(db)
    with db.write() as s:
        s.get(m.Employee, "CLERK").access.administrator = True
    args = ("user", "add", "jdoe", "--name", "Jane Doe", "--location", "tus", "--access-claim", "view",
            "--restrict-editclos", "--password-stdin")
    # Once employees exist, changing them needs a sign-on: none, or a non-administrator, changes nothing.
    assert_one_line_failure(run(url_of(db), *args, input="s3cret-pw\n"), "sign on to change employees")
    assert_one_line_failure(run(url_of(db), *args, "--employee", "VIEWER", input="s3cret-pw\n"),
                            "VIEWER is not an administrator")
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "CLERK")
    added = run(url_of(db), *args, input="s3cret-pw\n")
    assert added.exit_code == 0, added.output
    listing = run(url_of(db), "user", "list").output
    assert any(line.startswith("JDOE") and "JANE DOE" in line and "view" in line and "RESTRICTED" in line
               for line in listing.splitlines())
    from carsplus_tui.services.passwords import verify_password

    with db.read() as s:
        assert verify_password("s3cret-pw", s.get(m.Employee, "JDOE").password_hash)
    assert run(url_of(db), "user", "passwd", "JDOE", "--password-stdin", input="n3w-password\n").exit_code == 0
    with db.read() as s:
        stored = s.get(m.Employee, "JDOE").password_hash
    assert verify_password("n3w-password", stored) and not verify_password("s3cret-pw", stored)
    assert_one_line_failure(
        run(url_of(db), "user", "add", "JDOE", "--name", "X", "--location", "TUS", "--access-claim", "edit",
            "--password-stdin", input="xxxxxxxx\n"),
        "already exists",
    )
    assert_one_line_failure(
        run(url_of(db), "user", "add", "NEW1", "--name", "X", "--location", "ZZZ", "--access-claim", "edit",
            "--password-stdin", input="xxxxxxxx\n"),
        "location ZZZ is not on file",
    )
    assert_one_line_failure(run(url_of(db), "user", "passwd", "JDOE", "--employee", "VIEWER", "--password-stdin",
                                input="xxxxxxxx\n"), "VIEWER is not an administrator")
    assert run(url_of(db), "user", "passwd", "VIEWER", "--employee", "VIEWER", "--password-stdin",
               input="own-new-password\n").exit_code == 0  # an employee changes their own password
    assert_one_line_failure(run(url_of(db), "user", "passwd", "NOBODY", "--password-stdin", input="xxxxxxxx\n"), "not on file")
    assert_one_line_failure(run(url_of(db), "user", "passwd", "JDOE", "--password-stdin", input="short7!\n"),
                            "at least 8 characters")


def test_user_add_without_the_signers_password_names_the_variable_not_password_stdin(  # noqa: ANN201
        run, db: Database, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN001
    """--password-stdin is the new employee's password: the administrator's can only come from CARSPLUS_PASSWORD
    (no terminal here), and the refusal says so instead of asking for the --password-stdin already given."""
    add_reference_data(db)
    with db.write() as s:
        s.get(m.Employee, "CLERK").access.administrator = True
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url_of(db))
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
    result = CliRunner().invoke(main, ["user", "add", "JDOE", "--name", "J", "--location", "TUS", "--access-claim",
                                       "view", "--password-stdin", "--employee", "CLERK"], input="s3cret-pw\n")
    assert_one_line_failure(result, "no password for CLERK: set CARSPLUS_PASSWORD")
    assert "--password-stdin" not in result.output
    with db.read() as s:
        assert s.get(m.Employee, "JDOE") is None
