"""`carsplus workorder show|import` and the report's `work_order` in `carsplus report show` (issue 16): the JSON of
DESIGN.md §8, the screen's validation and version check, bad input as one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import save_report
from tests.builders import PASSWORD, add_reference_data, manual_example

LINES = [{"description": "LABOR - FRONT FENDER", "kind": "L", "amount": "234.00"},
         {"description": "PAINT AND MATERIALS", "kind": "B", "amount": "118.50"}]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)  # the employees of add_reference_data sign on with it
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "CLERK")  # `workorder show` too (claim information)
    monkeypatch.setenv("CARSPLUS_DMS_CONNECTOR", "outbox")
    monkeypatch.setenv("CARSPLUS_DMS_OUTBOX_DIR", str(tmp_path / "outbox"))

    def invoke(db: Database, *args: str, input: str | None = None):  # noqa: A002
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
        return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def report_db(db: Database) -> Database:
    add_reference_data(db)
    save_report(db, load_report(manual_example()), "CLERK")
    return db


def write(tmp_path: Path, payload: object, name: str = "wo.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(payload))
    return str(path)


def test_import_creates_then_show_prints_it_and_report_show_includes_it(run, report_db: Database,  # noqa: ANN001
                                                                       tmp_path: Path) -> None:
    assert json.loads(run(report_db, "workorder", "show", "1").output) is None
    file = write(tmp_path, {"report_number": 1, "status": "OPEN", "repair_shop": "TUCSON AUTO BODY",
                            "cost_lines": LINES})
    result = run(report_db, "workorder", "import", file, "--employee", "clerk")
    assert result.exit_code == 0, result.output
    assert "work order 1 of damage report 1 saved (version 1, claim status 3)" in result.output
    assert "DMS Repair ID" in result.output
    shown = json.loads(run(report_db, "workorder", "show", "1").output)
    for key in ("number", "status", "opened_date", "repair_shop", "invoice_number", "estimate",
                "out_of_service_date", "repair_date", "cost_lines"):
        assert key in shown
    assert (shown["number"], shown["version"], shown["status"]) == (1, 1, "OPEN")
    assert shown["cost_lines"] == LINES
    report = json.loads(run(report_db, "report", "show", "1").output)
    assert report["work_order"] == shown
    assert (report["claim_status"], report["work_order_status"], report["our_repair_costs"]) == (3, "OPEN", "352.50")


def test_import_changes_it_with_the_current_version_and_refuses_a_stale_one(run, report_db: Database,  # noqa: ANN001
                                                                            tmp_path: Path) -> None:
    run(report_db, "workorder", "import", write(tmp_path, {"report_number": 1, "cost_lines": LINES}),
        "--employee", "CLERK")
    shown = json.loads(run(report_db, "workorder", "show", "1").output)
    shown["status"] = "IN REPAIR"
    file = write(tmp_path, shown, "changed.json")
    assert run(report_db, "workorder", "import", file, "--employee", "CLERK").exit_code == 0
    # The same file again is now one version behind: refused in one line, nothing changed.
    shown["status"] = "OPEN"
    result = run(report_db, "workorder", "import", write(tmp_path, shown, "stale.json"), "--employee", "CLERK")
    assert result.exit_code == 1
    assert "is not the work order's current version: changed by CLERK" in result.output
    assert "Traceback" not in result.output and len(result.output.strip().splitlines()) == 1
    assert json.loads(run(report_db, "workorder", "show", "1").output)["status"] == "IN REPAIR"


@pytest.mark.parametrize(("payload", "employee", "fragment"), [
    ({"report_number": 1, "status": "DONE"}, "CLERK", "1 Status: must be OPEN, IN REPAIR or CLOSED"),
    ({"report_number": 1, "status": "CLOSED"}, "CLERK", "7 Repair Date: is required to close the work order"),
    ({"report_number": 1, "cost_lines": [{"description": "X", "kind": "Q", "amount": "1"}]}, "CLERK",
     "Line 1 Kind"),
    ({"report_number": 99}, "CLERK", "report 99 is not on file"),
    ({"status": "OPEN"}, "CLERK", "is required (the damage report's number)"),
    ({"report_number": 1}, "VIEWER", "VIEW ONLY"),
    ({"report_number": 1}, "AGENT", "NO ACCESS TO CLAIM INFO"),
    ({"report_number": 1}, "NOBODY", ""),  # not signed on: refused like `report import`
])
def test_bad_input_is_one_line_and_writes_nothing(run, report_db: Database, tmp_path: Path,  # noqa: ANN001
                                                  payload: dict, employee: str, fragment: str) -> None:
    result = run(report_db, "workorder", "import", write(tmp_path, payload), "--employee", employee)
    assert result.exit_code == 1
    assert fragment in result.output and "Traceback" not in result.output
    with report_db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.WorkOrder)) == 0


@pytest.mark.parametrize("employee", ["VIEWER", "AGENT"])
def test_an_employee_who_may_not_save_work_orders_is_refused_before_the_file_is_read(  # noqa: ANN201
        run, report_db: Database, tmp_path: Path, employee: str):  # noqa: ANN001
    (tmp_path / "broken.json").write_text("{not json")
    refusal = {"VIEWER": "DAMAGE WORK ENTRY IS VIEW ONLY", "AGENT": "NO ACCESS TO CLAIM INFO"}[employee]
    for file in (write(tmp_path, {"report_number": 1, "cost_lines": LINES}), str(tmp_path / "missing.json"),
                 str(tmp_path / "broken.json")):
        result = run(report_db, "workorder", "import", file, "--employee", employee)
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert len(lines) == 1 and refusal in lines[0] and "json" not in lines[0].lower(), result.output
    with report_db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.WorkOrder)) == 0


def test_not_json_and_no_report(run, report_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    result = run(report_db, "workorder", "import", str(bad), "--employee", "CLERK")
    assert result.exit_code == 1 and "not valid JSON" in result.output
    result = run(report_db, "workorder", "show", "42")
    assert result.exit_code == 1 and "DAMAGE REPORT 42 NOT ON FILE" in result.output
