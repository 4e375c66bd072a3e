"""The CLI commands that change data sign on like the sign-on screen: `--employee CODE` plus the password from
CARSPLUS_PASSWORD, `--password-stdin` or a prompt; the same lockout; that employee's access; and what they write is
theirs, dated now, whatever a file says."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from datetime import date as Date

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.services import dms
from tests.builders import PASSWORD, add_reference_data, manual_example


@pytest.fixture
def world(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path) -> Database:  # noqa: ANN001
    add_reference_data(db)
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
    monkeypatch.delenv("CARSPLUS_EMPLOYEE", raising=False)
    return db


def run(*args: str, input: str | None = None, password: str | None = PASSWORD):  # noqa: A002
    env = {"CARSPLUS_PASSWORD": password} if password is not None else {}
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def import_file(tmp_path, payload: dict) -> str:  # noqa: ANN001
    path = tmp_path / "report.json"
    path.write_text(json.dumps(payload))
    return str(path)


def count(db: Database, model) -> int:  # noqa: ANN001
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def one_line_refusal(result, fragment: str) -> None:  # noqa: ANN001
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0], result.output
    assert "Traceback" not in result.output


def test_without_a_password_nothing_is_written(world: Database, tmp_path) -> None:  # noqa: ANN001
    one_line_refusal(run("report", "import", import_file(tmp_path, manual_example()), "--employee", "CLERK",
                         password=None), "no password for CLERK")
    assert count(world, m.DamageReport) == 0


def test_a_wrong_password_counts_towards_the_lock_and_an_unknown_code_gets_the_same_words(world: Database,
                                                                                         tmp_path) -> None:  # noqa: ANN001
    path = import_file(tmp_path, manual_example())
    one_line_refusal(run("report", "import", path, "--employee", "CLERK", password="guess-one"),
                     "INVALID EMPLOYEE CODE OR PASSWORD")
    one_line_refusal(run("report", "import", path, "--employee", "NOBODY"), "INVALID EMPLOYEE CODE OR PASSWORD")
    with world.read() as s:
        assert reference.get_employee(s, "CLERK").failed_sign_ons == 1
    for n in range(4):
        run("report", "import", path, "--employee", "CLERK", password=f"guess-{n}")
    # Locked: the right password is refused too, in the same words, by the CLI as by the screen.
    one_line_refusal(run("report", "import", path, "--employee", "CLERK"), "INVALID EMPLOYEE CODE OR PASSWORD")
    assert count(world, m.DamageReport) == 0


def test_password_stdin_comes_before_the_json_on_standard_input(world: Database) -> None:
    result = run("report", "import", "-", "--employee", "clerk", "--password-stdin",
                 input=PASSWORD + "\n" + json.dumps(manual_example()), password=None)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "damage report 1 saved (version 1)"
    with world.read() as s:
        assert s.get(m.DamageReport, 1).created_by == "CLERK"


def test_a_note_in_a_file_is_the_importers_and_dated_now(world: Database, tmp_path) -> None:  # noqa: ANN001
    forged = {"at": "2001-01-01T09:00:00", "employee": "JSMITH", "text": "RENTER ADMITTED EVERYTHING"}
    before = datetime.now().replace(microsecond=0)
    result = run("report", "import", import_file(tmp_path, manual_example(notes=[forged])), "--employee", "CLERK")
    assert result.exit_code == 0, result.output
    with world.read() as s:
        note = s.scalars(select(m.Note).where(m.Note.text == "RENTER ADMITTED EVERYTHING")).one()
        assert note.employee_code == "CLERK"
        assert before <= note.at <= datetime.now() + timedelta(seconds=1)


@pytest.mark.parametrize(("employee", "fragment"), [
    ("VIEWER", "CLAIM INFO IS VIEW ONLY FOR THIS EMPLOYEE"),
    ("AGENT", "NO ACCESS TO CLAIM INFO"),
])
def test_only_page_2_editors_add_notes(world: Database, tmp_path, employee: str, fragment: str) -> None:  # noqa: ANN001
    note = {"at": "2009-07-22T10:00:00", "employee": employee, "text": "CALLED THE RENTER"}
    one_line_refusal(run("report", "import", import_file(tmp_path, manual_example(notes=[note])),
                         "--employee", employee), fragment)
    assert count(world, m.DamageReport) == 0 and count(world, m.Note) == 0


def test_an_import_adds_at_most_50_notes(world: Database, tmp_path) -> None:  # noqa: ANN001
    notes = [{"at": "2009-07-22T10:00:00", "employee": "CLERK", "text": f"CALL {n}"} for n in range(51)]
    one_line_refusal(run("report", "import", import_file(tmp_path, manual_example(notes=notes)),
                         "--employee", "CLERK"), "51 new entries: at most 50 may be added in one save")
    assert count(world, m.Note) == 0
    result = run("report", "import", import_file(tmp_path, manual_example(notes=notes[:50])), "--employee", "CLERK")
    assert result.exit_code == 0, result.output
    assert count(world, m.Note) >= 50


def test_a_note_over_1000_characters_and_a_file_over_1_mb_are_refused(world: Database, tmp_path) -> None:  # noqa: ANN001
    note = {"at": "2009-07-22T10:00:00", "employee": "CLERK", "text": "X" * 1001}
    one_line_refusal(run("report", "import", import_file(tmp_path, manual_example(notes=[note])),
                         "--employee", "CLERK"), "at most 1000 characters")
    huge = tmp_path / "huge.json"
    huge.write_text(json.dumps(manual_example(accident_description=["A" * 60] * 9)) + " " * 1_000_001)
    one_line_refusal(run("report", "import", str(huge), "--employee", "CLERK"), "larger than 1,000,000 characters")
    assert count(world, m.DamageReport) == 0


@pytest.fixture
def receipt(world: Database) -> int:
    from carsplus_tui.domain.schemas import load_report
    from carsplus_tui.services.reports import save_report

    save_report(world, load_report(manual_example()), "CLERK")
    return dms.add_receipt(world, 1, payer_type="INSURANCE", payer_name="AETNA", amount="30.00",
                           received_date=Date(2009, 8, 1), employee="CLERK").id


@pytest.mark.parametrize(("employee", "password", "fragment"), [
    ("NOBODY", PASSWORD, "INVALID EMPLOYEE CODE OR PASSWORD"),
    ("CLERK", "not-the-one", "INVALID EMPLOYEE CODE OR PASSWORD"),
    ("VIEWER", PASSWORD, "DMS ACTIVITY IS VIEW ONLY FOR THIS EMPLOYEE"),
    ("AGENT", PASSWORD, "NO ACCESS TO CLAIM INFO - NO DMS ACTIVITY"),
])
def test_dms_export_needs_a_signed_on_editor(world: Database, receipt: int, employee: str, password: str,
                                            fragment: str) -> None:
    one_line_refusal(run("dms", "export", "--all", "--employee", employee, password=password), fragment)
    with world.read() as s:
        assert s.get(m.DmsReceipt, receipt).status == "Ready"
        assert not any(e.description.startswith("Export") for e in s.scalars(select(m.DmsEvent)))


def test_dms_export_is_completed_by_the_signed_on_employee(world: Database, receipt: int) -> None:
    result = run("dms", "export", "--all", "--employee", "clerk")
    assert result.exit_code == 0 and "1 OF 1 PAYMENTS POSTED" in result.output, result.output
    assert dms.history(world, 1)[0].completed_by == "CLERK EMPLOYEE"
