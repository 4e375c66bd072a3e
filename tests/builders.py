"""Small, explicit reference data for service and repository tests (the full sample data is in sample_db)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.passwords import hash_password

PASSWORD = "counter-pass"  # every employee of add_reference_data signs on with it (CARSPLUS_PASSWORD in CLI tests)
DEMO_HASH = hash_password(PASSWORD)


def add_reference_data(db: Database, **control: object) -> None:
    """The manual's example world: location TUS, employees, damage codes, unit 001888 on RA A0001310 (closed),
    two unit-592 vehicles, open RA T3001212 and posted RA P0000001."""
    with db.write() as s:
        s.add(m.DamageControl(id=1, **{"damage_option_code": "DMG", **control}))
        for code, name in (("TUS", "TUCSON AIRPORT"), ("PHX", "PHOENIX SKY HARBOR"), ("SNA", "SANTA ANA")):
            s.add(m.Location(code=code, name=name))
        s.flush()
        for code, claim, restrict in (
            ("CLERK", "edit", False), ("VIEWER", "view", False), ("AGENT", "none", False), ("LOCKED", "edit", True),
        ):
            e = m.Employee(code=code, name=f"{code} EMPLOYEE", location_code="TUS", password_hash=DEMO_HASH)
            e.access = m.UserAccess(access_claim=claim, restrict_editclos=restrict)
            s.add(e)
        for code, word in (("D", "DENT"), ("S", "SCRATCH"), ("B", "BROKEN")):
            s.add(m.DamageType(code=code, description=word))
        s.add(m.ServiceCode(code="D1", description="FRONT PASSENGER FENDER", show_on_damage_entry=True))
        s.add(m.ServiceCode(code="D5", description="FRONT BUMPER", show_on_damage_entry=True))
        slide = m.ServiceCode(code="SL", description="SLIDING DOOR", show_on_damage_entry=True)
        slide.model_codes = [m.ServiceCodeModel(model_code="CARAV")]
        s.add(slide)
        s.add(m.ServiceCode(code="OIL", description="OIL CHANGE", show_on_damage_entry=False))
        s.add(m.ClaimCategory(code="1", description="RENTER PAYING DIRECT"))
        s.add(m.Customer(customer_number=1000, customer_type="RNT", last_name="LAMPERT", address="12 SHADYWOOD",
                         city="ANY", state="SC", zip="29077"))
        s.flush()
        s.add(m.Vehicle(id=1, unit_number="001888", licence="102088", make="DODGE", model="CARAVAN",
                        model_code="CARAV", year=2007, owning_location="TUS"))
        s.add(m.Vehicle(id=2, unit_number="592", licence="592TUS", make="FORD", model="TAURUS", model_code="TAUR",
                        year=2008, owning_location="TUS"))
        s.add(m.Vehicle(id=3, unit_number="592", licence="592PHX", make="CHEVROLET", model="IMPALA",
                        model_code="IMPA", year=2008, owning_location="PHX"))
        s.add(m.Vehicle(id=4, unit_number="777", licence="777ABC", make="TOYOTA", model="CAMRY", model_code="CAMR",
                        year=2009, owning_location="SNA"))
        s.flush()
        closed = m.RentalAgreement(
            ra_number="A0001310", renter_customer_number=1000, status="C", open_date=date(2009, 4, 15),
            open_location="TUS", close_date=date(2009, 7, 21), close_location="TUS", coverage_sold=None,
            excess=Decimal("1500.00"),
        )
        closed.vehicles = [m.RaVehicle(sequence=1, vehicle_id=1)]
        s.add(closed)
        opened = m.RentalAgreement(ra_number="T3001212", renter_customer_number=1000, status="O",
                                   open_date=date(2009, 7, 1), open_location="TUS", coverage_sold="LDW",
                                   excess=Decimal("500.00"))
        opened.vehicles = [m.RaVehicle(sequence=1, vehicle_id=4), m.RaVehicle(sequence=2, vehicle_id=2)]
        s.add(opened)
        posted = m.RentalAgreement(ra_number="P0000001", renter_customer_number=1000, status="P",
                                   open_date=date(2009, 5, 1), open_location="PHX", close_date=date(2009, 5, 3),
                                   close_location="PHX", excess=Decimal("1000.00"))
        posted.vehicles = [m.RaVehicle(sequence=1, vehicle_id=3)]
        s.add(posted)
        s.add(m.NonRevTicket(number="NR10021", vehicle_id=4, status="C", out_date=date(2009, 6, 1),
                             out_location="SNA", in_date=date(2009, 6, 2), in_location="TUS"))


def manual_example(**changes: object) -> dict:
    """The manual's completed page-1 example, in the JSON form (DESIGN.md §8)."""
    report = {
        "ra_number": "A0001310",
        "unit_number": "001888",
        "accident_details": {
            "date_time": "2009-07-20T15:30:00", "address1": "CORNER OF GRAND AND 4TH STREET",
            "address2": "SANTA ANA, CALIF", "police_name": "MURPHY", "police_badge": "18881020",
            "police_station": "DOWNTOWN", "police_report_number": "789456DM", "witnesses": "N",
            "rental_violation": None, "legal_violation": None,
        },
        "customer_present": "Y",
        "renter_driving": "Y",
        "driver_injured": "N",
        "third_party_involved": "Y",
        "third_parties": [{
            "last_name": "JOHNSON", "first_name": "REMY", "address": "11 OAK DR", "city": "SANTA ANA",
            "state": "CA", "zip": "92705", "dl_number": "J456789", "dl_state": "CA", "dl_expiry": "2012-05-02",
            "dob": "1981-05-02", "phone": "714-555-1212", "cell": "714-567-2323",
            "description": "GRAY JEEP CHEROKEE", "insurance_company": "AETNA", "reg_number": "JEG102",
            "injured": "N", "rented_vehicle": None, "customer_number": None, "notes": [],
        }],
        "admits_fault": "Y",
        "fault_description": ["MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
                              "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."],
        "damage_covered": "N",
        "renters_claim_number": "CN1234",
        "excess_charged": "150.00",
        "accident_description": ["THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER",
                                 "SIDE; BROKE HEADLIGHT"],
        "damage_lines": [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}],
    }
    report.update(changes)
    return report
