"""The manual's worked example as data, for tests, demos and screens' snapshots.

``manual_example_report()`` is the "completed screen" of page 1 (RA A0001310, renter LAMPERT, unit 001888, damage
D1 FRONT PASSENGER FENDER, Excess 1500, Excess Charged 150.00) with the Accident Details, 3rd party (JOHNSON/REMY)
and Fault Description windows as the manual fills them.  As typed, the 3rd party has no customer # yet (the save
creates the customer record), so the report is "I"; ``complete_example_report()`` is the same after that save.
"""

from __future__ import annotations

from typing import Any

from .schemas import DamageReportData

__all__ = ["complete_example_data", "complete_example_report", "manual_example_data", "manual_example_report"]


def manual_example_data() -> dict[str, Any]:
    """The JSON form (DESIGN.md section 8) of the manual's example, as typed at the counter."""
    return {
        "ra_number": "A0001310",
        "non_rev_number": None,
        "unit_number": "001888",
        "vehicle": {
            "unit_number": "001888",
            "licence": "102088",
            "make": "DODGE",
            "model": "CARAVAN",
            "year": 2007,
            "owning_location": "TUS",
        },
        "renter": {"name": "LAMPERT", "address": "12 SHADYWOOD", "city": "ANY", "state": "SC", "zip": "29077"},
        "accident_details": {
            "date_time": "07-21-09/1430",
            "address1": "CORNER OF GRAND AND 4TH STREET",
            "address2": "SANTA ANA, CALIF",
            "police_name": "MURPHY",
            "police_badge": "18881020",
            "police_station": "DOWNTOWN",
            "police_report_number": "789456DM",
            "witnesses": "N",
            "rental_violation": "RENTER WENT OFF ROAD",
            "legal_violation": None,
        },
        "witnesses": [],
        "customer_present": "Y",
        "renter_driving": "Y",
        "other_driver": None,
        "driver_injured": "N",
        "third_party_involved": "Y",
        "third_parties": [
            {
                "last_name": "JOHNSON",
                "first_name": "REMY",
                "address": "11 OAK DR",
                "city": "SANTA ANA",
                "state": "CA",
                "zip": "92705",
                "dl_number": "J456789",
                "dl_state": "CA",
                "dl_expiry": "05-02-12",
                "dob": "05-02-81",
                "phone": "714-555-1212",
                "cell": "714-567-2323",
                "description": "GRAY JEEP CHEROKEE",
                "insurance_company": "AETNA",
                "reg_number": "JEG102",
                "injured": "N",
                "rented_vehicle": None,
                "customer_number": None,
                "notes": [],
            }
        ],
        "admits_fault": "Y",
        "fault_description": [
            "MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
            "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE.",
        ],
        "damage_covered": "N",
        "coverage_sold": None,
        "excess": "1500.00",
        "charge_on_ra": "Y",
        "nature_of_breach": None,
        "renters_claim_number": "CN1234",
        "excess_charged": "150.00",
        "accident_description": [
            "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER",
            "SIDE; BROKE HEADLIGHT",
        ],
        "damage_lines": [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}],
    }


def manual_example_report() -> DamageReportData:
    return DamageReportData.model_validate(manual_example_data())


def complete_example_data() -> dict[str, Any]:
    """The example after its first save: the 3rd party has customer # 100245, so the report is "C"."""
    data = manual_example_data()
    data["third_parties"][0]["customer_number"] = "100245"
    return data


def complete_example_report() -> DamageReportData:
    return DamageReportData.model_validate(complete_example_data())
