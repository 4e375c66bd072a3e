"""The User Access File from the CLI: the administrator flag, `carsplus user set` for every field, and who may."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.maintenance import audit_trail


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):
    def invoke(db: Database, *args: str, password: str | None = None):
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
        monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
        if password is not None:
            monkeypatch.setenv("CARSPLUS_PASSWORD", password)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_sample_administrators_are_demo_and_clerk(run, sample_db: Database) -> None:  # noqa: ANN001
    listing = run(sample_db, "user", "list").output.splitlines()
    admins = sorted(line.split()[0] for line in listing[1:] if " ADMIN " in line)
    assert admins == ["CLERK", "DEMO"]


def test_an_administrator_sets_every_user_access_field(run, sample_db: Database) -> None:  # noqa: ANN001
    with sample_db.write() as s:  # MGARCI locked out by five wrong passwords
        from datetime import datetime, timedelta

        s.get(m.Employee, "MGARCI").locked_until = datetime.now() + timedelta(minutes=5)
    result = run(sample_db, "user", "set", "mgarci", "--access-claim", "edit", "--restrict-editclos",
                 "--administrator", "--first-screen", "menu", "--unlock", "--employee", "demo", password="demo")
    assert result.exit_code == 0, result.output
    assert "access_claim" in result.output and "administrator" in result.output
    line = next(x for x in run(sample_db, "user", "list").output.splitlines() if x.startswith("MGARCI"))
    assert " edit " in line and "RESTRICTED" in line and "ADMIN" in line and "MENU" in line and "LOCKED" not in line
    trail = [str(a) for a in audit_trail(sample_db, "USERS", "MGARCI")]
    assert any("DEMO" in t and "access_claim: view -> edit" in t for t in trail)
    assert any("administrator: N -> Y" in t for t in trail)
    assert any("locked: Y -> N" in t for t in trail)


def test_a_non_administrator_is_refused_and_nothing_changes(run, sample_db: Database) -> None:  # noqa: ANN001
    result = run(sample_db, "user", "set", "AGENT", "--administrator", "--employee", "AGENT", password="agent")
    assert result.exit_code == 1
    assert "AGENT is not an administrator" in result.output and "Traceback" not in result.output
    assert run(sample_db, "user", "set", "AGENT", "--administrator", "--employee", "DEMO",
               password="wrong").exit_code == 1
    line = next(x for x in run(sample_db, "user", "list").output.splitlines() if x.startswith("AGENT"))
    assert "ADMIN" not in line
    assert audit_trail(sample_db, "USERS", "AGENT") == []


def test_the_last_administrator_cannot_remove_the_flag(run, sample_db: Database) -> None:  # noqa: ANN001
    assert run(sample_db, "user", "set", "CLERK", "--no-administrator", "--employee", "DEMO",
               password="demo").exit_code == 0
    result = run(sample_db, "user", "set", "DEMO", "--no-administrator", "--employee", "DEMO", password="demo")
    assert result.exit_code == 1 and "last administrator" in result.output
