"""Every command answers bad input (out-of-range numbers, unknown revisions, bad or unreachable database URLs) with
one line and a non-zero exit: no traceback, no password (the CLI's error handling is one place: cli.one_line)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database

HUGE = "99999999999"


def invoke(monkeypatch: pytest.MonkeyPatch, url: str, *args: str):  # noqa: ANN201
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", url)
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "DEMO")
    monkeypatch.setenv("CARSPLUS_PASSWORD", "demo")
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_one_line(result, *fragments: str) -> None:  # noqa: ANN001
    assert result.exit_code not in (0, None), result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("carsplus: "), lines
    for fragment in fragments:
        assert fragment in lines[0], lines
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ("report", "show", HUGE), ("report", "history", HUGE), ("dms", "history", HUGE),
    ("dms", "export", "--report", HUGE), ("print", HUGE, "--form", "sticker"),
])
def test_a_report_number_past_the_database_is_not_on_file(monkeypatch, sample_db: Database, args) -> None:  # noqa: ANN001
    url = sample_db.url.render_as_string(hide_password=False)
    result = invoke(monkeypatch, url, *args)
    assert_one_line(result)
    # Not on file, or (PostgreSQL, where a DMS look-up meets the number first) too large for the database.
    assert f"DAMAGE REPORT {HUGE} NOT ON FILE" in result.output or "number is too large" in result.output


@pytest.mark.parametrize("command", ["upgrade", "downgrade"])
def test_an_unknown_revision_is_one_line(monkeypatch, db: Database, command: str) -> None:  # noqa: ANN001
    url = db.url.render_as_string(hide_password=False)
    assert_one_line(invoke(monkeypatch, url, "db", command, "nosuchrev", *(["--yes"] if command == "downgrade" else [])),
                    "nosuchrev")


@pytest.mark.parametrize("url", ["nonsense://x", "not a url", "oracle+nosuchdriver://u:p@h/d"])
def test_a_bad_database_url_is_one_line(monkeypatch, url: str) -> None:  # noqa: ANN001
    assert_one_line(invoke(monkeypatch, url, "report", "show", "1"), "CARSPLUS_DATABASE_URL")


def test_an_unreachable_database_is_one_line_without_its_password(monkeypatch) -> None:  # noqa: ANN001
    result = invoke(monkeypatch, "postgresql+psycopg://clerk:s3cret-pw@127.0.0.1:1/carsplus", "report", "show", "1")
    assert_one_line(result, "database error")
    assert "s3cret-pw" not in result.output


def test_a_read_only_postgresql_is_one_line(monkeypatch, sample_db: Database) -> None:  # noqa: ANN001
    from sqlalchemy import text

    from tests.conftest import PG_URL

    if not PG_URL:
        pytest.skip("PostgreSQL only: a read-only database (default_transaction_read_only)")
    name = sample_db.url.database
    with sample_db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
    sample_db.dispose()
    url = sample_db.url.render_as_string(hide_password=False)
    assert_one_line(invoke(monkeypatch, url, "sample", "generate", "--reports", "1"), "read-only")
