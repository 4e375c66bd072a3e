"""`carsplus fleet import`: from an empty database to a report on an imported RA; a bad record refuses the whole
file naming it; only an administrator may import; re-importing upserts by Unit # and RA #."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import load_report_data, save_report

ADMIN_PASSWORD = "long-enough-1"
AGENT_PASSWORD = "long-enough-2"


def _document() -> dict:
    return {
        "customers": [{"customer_number": 5001, "customer_type": "RNT", "last_name": "NGUYEN", "first_name": "ANH",
                       "address": "4 WHARF ST", "city": "BRISBANE", "state": "QL", "zip": "4000",
                       "dob": "1980-02-03", "dl_expiry": "2030-02-03"}],
        "vehicles": [
            {"id": 1, "unit_number": "B100", "licence": "123ABC", "make": "TOYOTA", "model": "COROLLA",
             "model_code": "COROL", "year": 2024, "owning_location": "BNE", "vehicle_class": "ECONOMY"},
            {"id": 2, "unit_number": "B200", "licence": "456DEF", "make": "MAZDA", "model": "CX5",
             "model_code": "CX5", "year": 2025, "owning_location": "BNE", "vehicle_class": "SUV"},
        ],
        "rental_agreements": [{
            "ra_number": "BNE00001", "renter_customer_number": 5001, "status": "C", "open_date": "2026-11-01",
            "open_location": "BNE", "close_date": "2026-11-05", "close_location": "BNE", "coverage_sold": None,
            "excess": "3000.00", "daily_rate": "49.00", "vehicles": [1],
            "charges": [{"code": "TM", "description": "TIME AND MILEAGE", "amount": "196.00", "kind": "rental",
                         "posted": False}],
        }],
    }


@pytest.fixture
def company(monkeypatch: pytest.MonkeyPatch, db: Database):
    """An empty database set up as README "Setting up a rental company" says: a location, an administrator and a
    counter agent."""
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
    runner = CliRunner()

    def invoke(*args: str, password: str | None = None, input_text: str | None = None):
        env = {"CARSPLUS_PASSWORD": password} if password else {}
        return runner.invoke(main, list(args), env=env, input=input_text, catch_exceptions=False)

    assert invoke("codes", "add", "locations", "BNE", "BRISBANE", "AIRPORT", "--employee", "X").exit_code == 0
    assert invoke("user", "add", "ADMIN", "--name", "IT ADMIN", "--location", "BNE", "--access-claim", "edit",
                  "--administrator", "--password-stdin", input_text=ADMIN_PASSWORD + "\n").exit_code == 0
    added = invoke("user", "add", "AGENT1", "--name", "COUNTER AGENT", "--location", "BNE", "--access-claim", "none",
                   "--password-stdin", "--employee", "ADMIN", password=ADMIN_PASSWORD, input_text=AGENT_PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    return invoke


def _write(tmp_path: Path, document: dict) -> str:
    path = tmp_path / "fleet.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_empty_database_to_a_report_on_an_imported_ra(company, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    result = company("fleet", "import", _write(tmp_path, _document()), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "2 vehicles added" in result.output and "1 rental agreements added" in result.output

    report = load_report({"ra_number": "BNE00001", "unit_number": "B100", "customer_present": "Y",
                          "renter_driving": "Y", "third_party_involved": "N",
                          "accident_description": ["REVERSED INTO A POLE IN THE CAR PARK"]})
    saved = save_report(db, report, "AGENT1")
    data = load_report_data(db, saved.report_number)
    assert data.ra_number == "BNE00001"
    dumped = json.dumps(data.model_dump(mode="json"))
    assert "NGUYEN" in dumped and "COROLLA" in dumped and "123ABC" in dumped and "3000.00" in dumped
    assert data.report_status != "U"

    again = _document()  # re-import: upsert by Unit # and RA #, nothing doubled
    again["vehicles"][0]["licence"] = "999XYZ"
    again["rental_agreements"][0]["daily_rate"] = "55.00"
    second = company("fleet", "import", _write(tmp_path, again), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert second.exit_code == 0, second.output
    assert "0 vehicles added, 2 changed" in second.output and "1 changed" in second.output
    with db.read() as s:
        assert s.query(m.Vehicle).count() == 2
        assert s.query(m.Vehicle).filter_by(unit_number="B100").one().licence == "999XYZ"
        assert str(s.get(m.RentalAgreement, "BNE00001").daily_rate) == "55.00"


def test_a_bad_record_refuses_the_whole_file_naming_it(company, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    document = _document()
    document["vehicles"][1]["owning_location"] = "SYD"  # not on file
    result = company("fleet", "import", _write(tmp_path, document), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if "vehicle B200" in line]
    assert len(problems) == 1 and "SYD" in problems[0], result.output
    assert "nothing was written" in result.output and "Traceback" not in result.output
    with db.read() as s:  # the good records of the file were not written either
        assert s.query(m.Vehicle).count() == 0
        assert s.query(m.RentalAgreement).count() == 0
        assert s.query(m.Customer).count() == 0

    bad_money = _document()
    bad_money["rental_agreements"][0]["excess"] = "3,000"
    refused = company("fleet", "import", _write(tmp_path, bad_money), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert refused.exit_code == 1 and "RA BNE00001: excess" in refused.output
    with db.read() as s:
        assert s.query(m.RentalAgreement).count() == 0


def test_a_non_administrator_is_refused(company, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    result = company("fleet", "import", _write(tmp_path, _document()), "--employee", "AGENT1", password=AGENT_PASSWORD)
    assert result.exit_code == 1
    assert "AGENT1 is not an administrator" in result.output and "Traceback" not in result.output
    with db.read() as s:
        assert s.query(m.Vehicle).count() == 0
