"""`carsplus fleet import`: from an empty database to a report on an imported RA; a bad record refuses the whole
file naming it; only an administrator may import; re-importing upserts by Unit # and RA #; every record added or
changed is audited (program FLEET), a refused or unchanged file audits nothing; `-` reads standard input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.maintenance import audit_trail
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
    assert "0 vehicles added, 1 changed" in second.output and "1 rental agreements added" not in second.output
    assert "0 rental agreements added, 1 changed" in second.output, second.output
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


def test_a_non_administrator_is_refused_before_the_file_is_looked_at(company, db: Database,  # noqa: ANN001
                                                                       tmp_path: Path) -> None:
    """A good file, a missing one, one that is not JSON and one too big all get the same one line: the agent learns
    nothing about the file (not even whether it exists), and nothing is written."""
    (tmp_path / "broken.json").write_text("{not json")
    for file in (_write(tmp_path, _document()), str(tmp_path / "missing.json"), str(tmp_path / "broken.json"),
                 "/etc/shadow"):
        result = company("fleet", "import", file, "--employee", "AGENT1", password=AGENT_PASSWORD)
        assert result.exit_code == 1
        assert result.output.splitlines() == [
            "carsplus: AGENT1 is not an administrator (User Access File): nothing changed"], result.output
    piped = company("fleet", "import", "-", "--employee", "AGENT1", "--password-stdin",
                    input_text=AGENT_PASSWORD + "\n{not json")
    assert piped.exit_code == 1 and "AGENT1 is not an administrator" in piped.output and "JSON" not in piped.output
    wrong = company("fleet", "import", str(tmp_path / "missing.json"), "--employee", "ADMIN", password="guess-guess")
    assert wrong.exit_code == 1 and "missing" not in wrong.output and "INVALID" in wrong.output
    with db.read() as s:
        assert (s.query(m.Vehicle).count(), s.query(m.Customer).count()) == (0, 0)
    assert _fleet_audit(db) == []


def _fleet_audit(db: Database) -> list[tuple[str, str, str, str | None, str | None]]:
    return [(a.employee_code, a.record_key, a.field, a.old_value, a.new_value) for a in audit_trail(db, "FLEET")]


def test_every_record_added_or_changed_is_audited_once(company, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    first = company("fleet", "import", _write(tmp_path, _document()), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert first.exit_code == 0, first.output
    assert _fleet_audit(db) == [("ADMIN", "CUST 5001", "added", None, "added"),
                                ("ADMIN", "UNIT B100 BNE", "added", None, "added"),
                                ("ADMIN", "UNIT B200 BNE", "added", None, "added"),
                                ("ADMIN", "RA BNE00001", "added", None, "added")]

    same = company("fleet", "import", _write(tmp_path, _document()), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert same.exit_code == 0, same.output
    assert "0 vehicles added, 0 changed; 0 rental agreements added, 0 changed; 0 customers added, 0 changed" \
        in same.output
    assert len(_fleet_audit(db)) == 4  # an unchanged file audits nothing

    changed = _document()
    changed["vehicles"][0]["licence"] = "999XYZ"
    changed["vehicles"][0]["year"] = 2025
    changed["rental_agreements"][0]["daily_rate"] = "55.00"
    changed["rental_agreements"][0]["vehicles"] = [2]
    again = company("fleet", "import", _write(tmp_path, changed), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert again.exit_code == 0, again.output
    trail = _fleet_audit(db)[4:]
    assert len(trail) == 2, trail  # one entry per changed record; B200 and the customer did not change
    assert trail[0] == ("ADMIN", "UNIT B100 BNE", "licence year", "123ABC 2024", "999XYZ 2025")
    with db.read() as s:
        b100 = s.query(m.Vehicle).filter_by(unit_number="B100").one().id
        b200 = s.query(m.Vehicle).filter_by(unit_number="B200").one().id
    assert trail[1] == ("ADMIN", "RA BNE00001", "daily_rate vehicles", f"49.00 {b100}", f"55.00 {b200}")


def test_a_refused_file_writes_no_audit(company, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    document = _document()
    document["rental_agreements"][0]["status"] = "X"
    result = company("fleet", "import", _write(tmp_path, document), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert result.exit_code == 1 and "RA BNE00001: status" in result.output
    assert _fleet_audit(db) == []
    with db.read() as s:
        assert s.query(m.Customer).count() == 0


def test_standard_input_with_the_password_on_its_first_line(company, db: Database) -> None:  # noqa: ANN001
    result = company("fleet", "import", "-", "--employee", "ADMIN", "--password-stdin",
                     input_text=ADMIN_PASSWORD + "\n" + json.dumps(_document()))
    assert result.exit_code == 0, result.output
    assert "2 vehicles added" in result.output and "1 customers added" in result.output
    assert [entry[1] for entry in _fleet_audit(db)] == ["CUST 5001", "UNIT B100 BNE", "UNIT B200 BNE", "RA BNE00001"]

    changed = _document()
    changed["customers"][0]["city"] = "GOLD COAST"
    piped = company("fleet", "import", "-", "--employee", "ADMIN", password=ADMIN_PASSWORD,
                    input_text=json.dumps(changed))  # password from CARSPLUS_PASSWORD, the whole input is the file
    assert piped.exit_code == 0, piped.output
    assert "1 customers added" not in piped.output and "0 customers added, 1 changed" in piped.output
    assert _fleet_audit(db)[-1] == ("ADMIN", "CUST 5001", "city", "BRISBANE", "GOLD COAST")

    bad = company("fleet", "import", "-", "--employee", "ADMIN", password=ADMIN_PASSWORD, input_text="{not json")
    assert bad.exit_code == 1 and "-: not valid JSON" in bad.output and "Traceback" not in bad.output


def test_before_the_first_employee_the_import_is_audited_as_setup(monkeypatch: pytest.MonkeyPatch, db: Database,
                                                                   tmp_path: Path) -> None:
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
    runner = CliRunner()
    added = runner.invoke(main, ["codes", "add", "locations", "BNE", "BRISBANE", "--employee", "SETUP"])
    assert added.exit_code == 0, added.output
    result = runner.invoke(main, ["fleet", "import", _write(tmp_path, _document()), "--employee", "SETUP"])
    assert result.exit_code == 0, result.output
    assert {entry[0] for entry in _fleet_audit(db)} == {"SETUP"} and len(_fleet_audit(db)) == 4



def test_a_fleet_file_bigger_than_any_damage_report_is_imported(company, db: Database, tmp_path: Path,  # noqa: ANN001
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A company's fleet is far bigger than a damage report (1,000,000 characters): the fleet file has its own
    limit, and a file past it is refused in the fleet's words, nothing written."""
    document = _document()
    template = document["vehicles"][1]
    document["vehicles"] += [template | {"id": 3 + n, "unit_number": f"C{n:05d}", "licence": f"{n:06d}"}
                             for n in range(8000)]  # a mid-sized company's fleet
    path = tmp_path / "fleet.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    result = company("fleet", "import", str(path), "--employee", "ADMIN", password=ADMIN_PASSWORD)
    assert result.exit_code == 0, result.output
    assert "8002 vehicles added" in result.output

    from carsplus_tui import cli_fleet

    monkeypatch.setattr(cli_fleet, "MAX_FLEET_CHARACTERS", 100)
    refused = company("fleet", "import", _write(tmp_path, _document() | {"customers": []}), "--employee", "ADMIN",
                      password=ADMIN_PASSWORD)
    assert refused.exit_code != 0
    assert "larger than 100 characters - not a fleet file" in refused.output
