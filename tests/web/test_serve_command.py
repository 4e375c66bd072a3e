"""`carsplus serve` before it serves: the database is made ready once, by the server, not by each browser session."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db import migrate
from carsplus_tui.db.database import Database
from carsplus_tui.tui import serve as serve_module
from tests.conftest import BACKEND


@pytest.fixture
def served_on(monkeypatch: pytest.MonkeyPatch, tmp_path) -> list[tuple[str, int, str]]:  # noqa: ANN001
    """Where the server would have listened, and the command each session would run (instead of serving)."""
    calls: list[tuple[str, int, str]] = []
    monkeypatch.setattr(serve_module.CarsplusServer, "serve",
                        lambda server, debug=False: calls.append((server.host, server.port, server.command)))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path / "data"))
    return calls


def test_serve_makes_the_database_ready_first_or_refuses_a_shared_server_at_the_wrong_schema(
        served_on, empty_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", empty_database_url)
    result = CliRunner().invoke(main, ["serve", "--host", "127.0.0.1", "--port", "8123"])
    database = Database(empty_database_url)
    try:
        if BACKEND == "sqlite":  # an embedded file is migrated, as the terminal app does on its first run
            assert result.exit_code == 0, result.output
            assert migrate.is_up_to_date(database.engine)
            assert len(served_on) == 1
            host, port, command = served_on[0]
            assert (host, port) == ("127.0.0.1", 8123)
            assert command.endswith("-m carsplus_tui")  # each session is this same program, with this environment
        else:  # IT migrates a shared server on purpose: one line, exit 1, nothing served
            assert result.exit_code == 1
            reason = f"the database is at schema none, this program needs {migrate.HEAD}: run `carsplus db upgrade`"
            assert result.output.strip().splitlines() == [f"carsplus: {reason}"]
            assert served_on == []
            assert migrate.current_revision(database.engine) is None
    finally:
        database.dispose()


def test_beyond_loopback_it_refuses_while_a_sample_password_is_unchanged(
        served_on, sample_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from carsplus_tui.services.sample import sample_passwords_in_use
    from carsplus_tui.services.users import set_password

    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    refused = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert refused.exit_code == 1 and served_on == []
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and "AGENT, AHERNA, BCARTE, CLERK, DEMO" in lines[0], refused.output
    assert "`carsplus user passwd AGENT`" in lines[0]
    # On this machine only, the sample passwords are fine (that is what they are for).
    assert CliRunner().invoke(main, ["serve", "--port", "8123"]).exit_code == 0 and len(served_on) == 1
    for code in sample_passwords_in_use(sample_db):
        set_password(sample_db, code, f"{code.lower()}-new-secret")
    started = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert started.exit_code == 0, started.output
    assert served_on[-1][:2] == ("0.0.0.0", 8123)
    assert "without TLS" in started.output  # beyond loopback without TLS: a warning, not a refusal


@pytest.mark.parametrize(("args", "words"), [
    (["--certfile", "/nonexistent.pem"], "TLS certificate /nonexistent.pem"),
    (["--keyfile", "/nonexistent.pem"], "--keyfile needs --certfile"),
    (["--allow-origin", "portal.example"], "give it as scheme://host[:port]"),
])
def test_bad_tls_or_origin_options_are_one_line(served_on, args: list[str], words: str) -> None:  # noqa: ANN001
    result = CliRunner().invoke(main, ["serve", *args])
    assert result.exit_code == 1 and served_on == []
    assert len(result.output.strip().splitlines()) == 1 and words in result.output, result.output


@pytest.mark.parametrize(("host", "origin", "allowed"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000", True),
    ("counter.example", "https://counter.example", True),  # through a TLS proxy that keeps the Host
    ("counter.example:443", "https://COUNTER.example", True),
    ("127.0.0.1:8000", "http://127.0.0.1:9000", False),
    ("127.0.0.1:8000", "https://evil.example", False),
    ("127.0.0.1:8000", None, False),
    ("127.0.0.1:8000", "null", False),
    ("127.0.0.1:8000", "https://portal.example", True),  # --allow-origin https://portal.example:443/
])
def test_which_origins_may_open_a_session(host: str, origin: str | None, allowed: bool) -> None:
    from aiohttp.test_utils import make_mocked_request

    server = serve_module.CarsplusServer(host="127.0.0.1", port=8000,
                                         allowed_origins=["https://Portal.example:443/"])
    headers = {"Host": host} | ({"Origin": origin} if origin else {})
    assert server.origin_allowed(make_mocked_request("GET", "/ws", headers=headers)) is allowed


def test_a_database_a_newer_program_migrated_is_refused_in_one_line(
        served_on, empty_database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A counter still on the old program meets a database the new one upgraded: one line naming both schemas (it
    was `UNEXPECTED ERROR (COMMANDERROR)` at sign-on), nothing served, nothing changed."""
    from sqlalchemy import text

    database = Database(empty_database_url)
    try:
        migrate.upgrade(database.engine)
        with database.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", empty_database_url)
        result = CliRunner().invoke(main, ["serve", "--host", "127.0.0.1", "--port", "8123"])
        assert result.exit_code == 1 and served_on == []
        reason = f"the database is at schema 9999, newer than this program's {migrate.HEAD}: run the newer carsplus that upgraded it"
        assert result.output.strip().splitlines() == [f"carsplus: {reason}"]
        assert migrate.current_revision(database.engine) == "9999"
    finally:
        database.dispose()
