"""`carsplus sample load --force` empties a database only when its name is typed (or given with --yes-really-wipe):
anything else changes nothing."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from carsplus_tui.cli import database_name, main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database


def cli(db: Database, monkeypatch: pytest.MonkeyPatch, *args: str, input: str | None = None):  # noqa: A002, ANN202
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return CliRunner().invoke(main, ["sample", "load", *args], input=input, catch_exceptions=False)


def mark(db: Database) -> None:
    """A report of the clerk's own, which a wipe would lose."""
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE damage_reports SET renters_claim_number = 'KEEP-ME' WHERE report_number = 1"))


def still_there(db: Database) -> bool:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(m.DamageReport)
                              .where(m.DamageReport.renters_claim_number == "KEEP-ME")) == 1


@pytest.mark.parametrize(
    ("args", "typed"),
    [(("--force",), None), (("--force",), "\n"), (("--force",), "carsplus\n"),
     (("--force", "--yes-really-wipe", "production"), None), (("--yes-really-wipe", "x"), None)],
    ids=["nothing-typed", "empty-line", "wrong-name", "wrong-name-given", "wrong-name-without-force"],
)
def test_wipe_refused_without_the_name(sample_db: Database, monkeypatch: pytest.MonkeyPatch, args, typed) -> None:  # noqa: ANN001
    mark(sample_db)
    result = cli(sample_db, monkeypatch, *args, input=typed)
    assert result.exit_code == 1 and "nothing changed" in result.output and "Traceback" not in result.output
    assert still_there(sample_db)


def test_wipe_names_what_it_empties_and_goes_on_when_the_name_is_typed(
    sample_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark(sample_db)
    name = database_name(sample_db.engine.url)
    result = cli(sample_db, monkeypatch, "--force", input=f"{name}\n")
    assert result.exit_code == 0, result.output
    assert f"--force empties database {name}, which holds 72 reports" in result.output
    assert "sample data loaded" in result.output and not still_there(sample_db)

    mark(sample_db)
    given = cli(sample_db, monkeypatch, "--force", "--yes-really-wipe", name)
    assert given.exit_code == 0 and "sample data loaded" in given.output and not still_there(sample_db)


def test_an_empty_database_needs_no_name(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    result = cli(db, monkeypatch, "--force")
    assert result.exit_code == 0 and "sample data loaded" in result.output
