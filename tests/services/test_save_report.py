"""F1 SAVE through the save use case: numbering, every side effect of DESIGN.md §4, one transaction, the version
guard, access rules — checked in the database afterwards, on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import (
    StaleReportError,
    describe_rental_agreement,
    load_report_data,
    report_json,
    save_report,
)
from tests.builders import add_reference_data, manual_example


@pytest.fixture
def counter_db(db: Database) -> Database:
    add_reference_data(db)
    return db


def save(db: Database, employee: str = "CLERK", **changes: object):
    return save_report(db, load_report(manual_example(**changes)), employee)


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_the_manuals_example_is_saved_with_the_next_number_and_its_side_effects(counter_db: Database) -> None:
    result = save(counter_db)
    assert (result.report_number, result.version, result.created) == (1, 1, True)
    # complete (C) but no work order yet: claim status 2
    assert (result.report_status, result.claim_status) == ("C", 2)
    with counter_db.read() as s:
        report = s.get(m.DamageReport, 1)
        assert report.vehicle_id == 1 and report.unit_number == "001888"
        # "Each field that has data entered into it will create a unrepaired (not closed) Vehicle History Record"
        history = s.scalars(select(m.VehicleHistory)).all()
        assert [(h.vehicle_id, h.service_code, h.damage_type, h.repaired) for h in history] == [(1, "D1", "D", False)]
        # "A customer record is automatically created for the third party entered in this window."
        party = report.third_parties[0]
        customer = s.get(m.Customer, party.customer_number)
        assert (customer.last_name, customer.customer_type) == ("JOHNSON", "3RD")
        # Closed RA, control allows charges on closed RAs: field 13 is an unposted additional charge.
        charges = s.scalars(select(m.RaCharge).where(m.RaCharge.damage_report_number == 1)).all()
        assert [(c.code, c.amount, c.kind, c.posted, c.source) for c in charges] == [
            ("DMG", Decimal("150.00"), "additional", False, "excess_charged")
        ]
    assert [(p.ra_number, p.kind, p.amount) for p in result.postings] == [("A0001310", "additional", Decimal("150.00"))]


def test_numbers_are_sequential_and_a_refused_save_uses_none(counter_db: Database) -> None:
    assert save(counter_db).report_number == 1
    with pytest.raises(ReportValidationError) as refused:
        save(counter_db, excess_charged="1600.00")
    assert "13 Excess Charged" in str(refused.value) and "1500.00" in str(refused.value)
    assert save(counter_db).report_number == 2


def test_saving_again_does_not_charge_the_ra_twice(counter_db: Database) -> None:
    first = save(counter_db)
    data = load_report_data(counter_db, first.report_number)
    second = save_report(counter_db, data, "CLERK")
    assert (second.report_number, second.version, second.created) == (1, 2, False)
    assert second.postings == ()
    with counter_db.read() as s:
        amounts = s.scalars(select(m.RaCharge.amount).where(m.RaCharge.source == "excess_charged")).all()
    assert amounts == [Decimal("150.00")]
    # Lowering field 13 adjusts this report's own unposted charge.
    lowered = data.model_copy(update={"excess_charged": Decimal("120.00"), "version": 2})
    save_report(counter_db, lowered, "CLERK")
    with counter_db.read() as s:
        amounts = s.scalars(select(m.RaCharge.amount).where(m.RaCharge.source == "excess_charged")).all()
    assert amounts == [Decimal("120.00")]


def test_an_open_ra_gets_an_optional_charge(counter_db: Database) -> None:
    save(counter_db, ra_number="T3001212", unit_number=None, excess_charged="200.00", damage_lines=[],
         nature_of_breach="UNAUTHORIZED DRIVER")
    with counter_db.read() as s:
        charge = s.scalars(select(m.RaCharge).where(m.RaCharge.ra_number == "T3001212")).one()
        # the vehicle currently on the RA (the second of the exchange) is the report's vehicle
        assert s.get(m.DamageReport, 1).unit_number == "592"
        assert s.get(m.DamageReport, 1).vehicle_id == 2
    assert (charge.kind, charge.amount, charge.posted) == ("optional", Decimal("200.00"), False)
    assert "DAMAGE EXCESS" in describe_rental_agreement(counter_db, "T3001212")


def test_no_damage_option_code_means_no_charge(db: Database) -> None:
    add_reference_data(db, damage_option_code=None)
    save(db)
    assert count(db, m.RaCharge) == 0


def test_closed_ra_charges_only_when_the_control_record_allows(db: Database) -> None:
    add_reference_data(db, allow_charges_on_closed_ra=False)
    result = save(db)
    assert result.postings == () and count(db, m.RaCharge) == 0


def test_a_failure_in_the_last_step_leaves_nothing_written(counter_db: Database) -> None:
    tables = [m.DamageReport, m.VehicleHistory, m.Customer, m.RaCharge, m.Note, m.AuditEntry, m.ThirdParty,
              m.DamageLine, m.AccidentDetails]
    before = {t.__name__: count(counter_db, t) for t in tables}

    def explode(_session) -> None:  # noqa: ANN001
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        save_report(counter_db, load_report(manual_example(misc_costs="10.00")), "CLERK", after_writes=explode)
    assert {t.__name__: count(counter_db, t) for t in tables} == before
    with counter_db.read() as s:
        assert s.scalar(select(m.ReportCounter.last_number)) == 0
    assert save(counter_db).report_number == 1


def test_a_stale_save_is_refused_naming_who_changed_it_and_when(counter_db: Database) -> None:
    save(counter_db)
    mine = load_report_data(counter_db, 1)
    theirs = load_report_data(counter_db, 1)
    save_report(counter_db, theirs.model_copy(update={"renters_claim_number": "CN9999"}), "LOCKED")
    with pytest.raises(StaleReportError) as stale:
        save_report(counter_db, mine.model_copy(update={"renters_claim_number": "CN1111"}), "CLERK")
    assert str(stale.value).startswith("CHANGED BY LOCKED AT ")
    assert str(stale.value).endswith("- F3 TO RELOAD")
    assert load_report_data(counter_db, 1).renters_claim_number == "CN9999"


def test_ambiguous_unit_number_asks_for_the_owner(counter_db: Database) -> None:
    with pytest.raises(ReportValidationError, match="3 Unit #: 2 vehicles are unit 592"):
        save(counter_db, ra_number=None, unit_number="592", excess_charged=None)
    result = save(counter_db, ra_number=None, unit_number="592", excess_charged=None,
                  vehicle={"unit_number": "592", "licence": None, "make": None, "model": None, "year": None,
                           "owning_location": "PHX"})
    with counter_db.read() as s:
        assert s.get(m.DamageReport, result.report_number).vehicle_id == 3


def test_restrict_editclos_refuses_damage_on_posted_ras(counter_db: Database) -> None:
    kwargs = dict(ra_number="P0000001", unit_number=None, excess_charged=None, damage_lines=[])
    with pytest.raises(ReportValidationError, match="(?i)posted"):
        save(counter_db, "LOCKED", **kwargs)
    assert count(counter_db, m.DamageReport) == 0
    assert save(counter_db, "CLERK", **kwargs).report_number == 1


@pytest.mark.parametrize(("employee", "message"), [("VIEWER", "VIEW ONLY"), ("AGENT", "NO ACCESS TO CLAIM INFO")])
def test_page_2_needs_access_claim_edit(counter_db: Database, employee: str, message: str) -> None:
    with pytest.raises(ReportValidationError, match=message):
        save(counter_db, employee, misc_costs="100.00")
    # page 1 alone is fine for them
    assert save(counter_db, employee).report_number == 1


def test_page_2_edits_are_audited_and_noted(counter_db: Database) -> None:
    save(counter_db)
    data = load_report_data(counter_db, 1)
    save_report(counter_db, data.model_copy(update={"misc_costs": Decimal("100.00")}), "CLERK")
    with counter_db.read() as s:
        audit = s.scalars(select(m.AuditEntry)).all()
        notes = s.scalars(select(m.Note.text)).all()
    # The first save stored External Claim's default (Renter's Claim # CN1234 makes it Y), audited too.
    assert [(a.field, a.employee_code, a.old_value, a.new_value) for a in audit[:2]] == [
        ("2 External Claim (DEFAULT)", "CLERK", "(BLANK)", "Y"), (audit[1].field, "CLERK", "(BLANK)", "100.00")]
    # The figures the edit moved are in the history too (who, when, old -> new).
    assert ("MAXIMUM LIABILITY", "CLERK", "0.00", "100.00") in [
        (a.field, a.employee_code, a.old_value, a.new_value) for a in audit[2:]]
    assert "MISC COSTS" in audit[1].field.upper()
    assert any("100.00" in text for text in notes)


def test_report_json_has_every_key_and_round_trips(counter_db: Database) -> None:
    save(counter_db)
    shown = report_json(counter_db, 1)
    for key in ("report_number", "version", "last_modified_by", "last_modified_at", "ra_number", "vehicle", "renter",
                "accident_details", "witnesses", "third_parties", "damage_lines", "report_status", "claim_status",
                "maximum_liability", "amount_outstanding", "notes", "charge_on_ra", "excess"):
        assert key in shown
    assert shown["excess_charged"] == "150.00"
    assert shown["renter"]["name"].startswith("LAMPERT")
    assert shown["vehicle"]["make"] == "DODGE"
    assert shown["third_parties"][0]["customer_number"] is not None
    again = save_report(counter_db, load_report(shown), "CLERK")
    assert (again.report_number, again.version) == (1, 2)
    assert report_json(counter_db, 1)["third_parties"] == shown["third_parties"]


def test_a_new_follow_up_date_in_the_past_is_refused(counter_db: Database) -> None:
    """"Enter the next date into the future when this claim should be looked at again"."""
    from datetime import datetime

    save(counter_db)
    data = load_report_data(counter_db, 1)
    note = {"at": "2026-11-24T10:00:00", "employee": "CLERK", "text": "RENTER'S INSURER PROMISED A REPORT"}
    past = load_report({**data.model_dump(mode="json"), "follow_up_date": "2026-11-01",
                        "notes": [*data.model_dump(mode="json")["notes"], note]})
    with pytest.raises(ReportValidationError, match="6 Follow-up Date"):
        save_report(counter_db, past, "CLERK", at=datetime(2026, 11, 24, 10, 0))
    future = load_report({**past.model_dump(mode="json"), "follow_up_date": "2026-12-15"})
    assert save_report(counter_db, future, "CLERK", at=datetime(2026, 11, 24, 10, 0)).version == 2
