"""The shipped sample data: what a new user sees on first run (issue 3, item 6)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from itertools import product

import pytest
from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.services.passwords import verify_password
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.sample import SampleDataError, load_sample_data


def count(db: Database, model: type) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_sizes_are_what_the_issue_asks(sample_db: Database) -> None:
    assert count(sample_db, m.Location) >= 5
    assert count(sample_db, m.Employee) >= 10
    assert count(sample_db, m.Vehicle) >= 100
    assert count(sample_db, m.RentalAgreement) >= 200
    assert count(sample_db, m.DamageReport) >= 60
    with sample_db.read() as s:
        assert {"TUS"} <= set(s.scalars(select(m.Location.code)))
        assert {"D", "S", "B", "M", "C"} <= set(s.scalars(select(m.DamageType.code)))
        assert set(s.scalars(select(m.RentalAgreement.status))) == {"O", "C", "P"}
        assert s.scalar(select(func.count()).select_from(m.WorkOrder)) > 0
        assert s.scalar(select(func.count()).select_from(m.Note)) > 0
        assert s.scalar(select(func.count()).where(m.DamageReport.follow_up_date.is_not(None))) > 0


def test_every_access_combination_has_an_employee_with_a_working_demo_password(sample_db: Database) -> None:
    with sample_db.read() as s:
        combos = {(a.access_claim, a.restrict_editclos) for a in s.scalars(select(m.UserAccess))}
        demo = s.get(m.Employee, "DEMO")
        assert verify_password("demo", demo.password_hash)
        assert not verify_password("wrong", demo.password_hash)
    assert combos == set(product(("edit", "view", "none"), (False, True)))


def test_the_manuals_ra_and_vehicles(sample_db: Database) -> None:
    with sample_db.read() as s:
        ra = reference.find_rental_agreement(s, "A0001310")
        assert ra.renter.last_name == "LAMPERT" and ra.renter.address == "12 SHADYWOOD"
        assert (ra.renter.city, ra.renter.state, ra.renter.zip) == ("ANY", "SC", "29077")
        assert (ra.open_location, ra.close_location, ra.status, ra.excess) == ("TUS", "TUS", "C", Decimal("1500.00"))
        assert str(ra.open_date) == "2009-04-15" and str(ra.close_date) == "2009-07-21"
        assert [rv.vehicle.unit_number for rv in ra.vehicles] == ["001888"]
        car = ra.vehicles[0].vehicle
        assert (car.make, car.model, car.year, car.licence, car.owning_location) == (
            "DODGE", "CARAVAN", 2007, "102088", "TUS")
        assert reference.find_rental_agreement(s, "T3001212") is not None
        owners = {v.owning_location for v in reference.vehicles_by_unit(s, "592")}
        assert len(owners) == 2
        codes = {c.code: c.description for c in reference.service_codes_for_model(s, "CARAV")}
        assert codes["D1"] == "FRONT PASSENGER FENDER"


def test_reports_cover_every_report_and_claim_status(sample_db: Database) -> None:
    with sample_db.read() as s:
        rows = s.execute(select(m.DamageReport.report_status, m.DamageReport.claim_status)).all()
    assert set(Counter(r.report_status for r in rows)) == {"U", "I", "C"}
    assert set(Counter(r.claim_status for r in rows)) == set(range(8))


def test_report_1_is_the_manuals_example(sample_db: Database) -> None:
    data = load_report_data(sample_db, 1)
    assert (data.ra_number, data.unit_number, data.renters_claim_number) == ("A0001310", "001888", "CN1234")
    assert data.excess_charged == Decimal("150.00")
    assert (data.damage_lines[0].code, data.damage_lines[0].description, data.damage_lines[0].type) == (
        "D1", "FRONT PASSENGER FENDER", "D")
    assert data.third_parties[0].last_name == "JOHNSON"
    assert data.charge_on_ra == "Y"


def test_loading_twice_is_refused_unless_forced(sample_db: Database) -> None:
    with pytest.raises(SampleDataError, match="already holds data.*--force"):
        load_sample_data(sample_db)
    before = count(sample_db, m.DamageReport)
    assert "damage reports" in load_sample_data(sample_db, force=True)
    assert count(sample_db, m.DamageReport) == before
    with sample_db.read() as s:
        assert s.scalar(select(m.ReportCounter.last_number)) == before


def test_new_customers_follow_the_sample_ones(sample_db: Database) -> None:
    """Keys given explicitly by the sample data must not collide with keys the database makes later (PostgreSQL's
    sequences do not see explicit keys by themselves)."""
    with sample_db.write() as s:
        highest = s.scalar(select(func.max(m.Customer.customer_number)))
        customer = m.Customer(customer_type="WIT", last_name="NEWCOMER")
        s.add(customer)
        s.flush()
        assert customer.customer_number == highest + 1
        vehicle = m.Vehicle(unit_number="NEW1")
        s.add(vehicle)
        s.flush()
        assert vehicle.id > 0
