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
