"""The pick lists: Vehicle File Search (unit # with several owners) and the Shift+F7 code look-ups."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services import lookups
from carsplus_tui.services.lookups import CodeChoice, VehicleChoice
from tests.builders import add_reference_data


def test_every_owner_of_a_unit_number_is_listed(db: Database) -> None:
    add_reference_data(db)
    owners = lookups.vehicles_for_unit(db, " 592 ")
    assert [(v.id, v.licence, v.make, v.model, v.year, v.owning_location) for v in owners] == [
        (3, "592PHX", "CHEVROLET", "IMPALA", 2008, "PHX"),
        (2, "592TUS", "FORD", "TAURUS", 2008, "TUS"),
    ]
    assert all(isinstance(v, VehicleChoice) and v.unit_number == "592" for v in owners)
    assert lookups.vehicles_for_unit(db, "001888")[0].model_code == "CARAV"
    assert lookups.vehicles_for_unit(db, "NOSUCH") == []


def test_a_vehicle_by_licence(db: Database) -> None:
    add_reference_data(db)
    found = lookups.vehicle_for_licence(db, "777abc")
    assert found is not None and (found.id, found.unit_number) == (4, "777")
    assert lookups.vehicle_for_licence(db, "NONE") is None


def test_damage_codes_follow_the_model_code(db: Database) -> None:
    add_reference_data(db)
    caravan = lookups.damage_codes_for_model(db, "CARAV")
    assert caravan == [CodeChoice("D1", "FRONT PASSENGER FENDER"), CodeChoice("D5", "FRONT BUMPER"),
                       CodeChoice("SL", "SLIDING DOOR")]
    taurus = [c.code for c in lookups.damage_codes_for_model(db, "TAUR")]
    assert taurus == ["D1", "D5"]  # no sliding door; OIL is not a damage code
    assert [c.code for c in lookups.damage_codes_for_model(db, None)] == ["D1", "D5"]


def test_the_code_lists(db: Database) -> None:
    add_reference_data(db)
    assert lookups.damage_types(db) == [CodeChoice("B", "BROKEN"), CodeChoice("D", "DENT"), CodeChoice("S", "SCRATCH")]
    assert lookups.claim_categories(db) == [CodeChoice("1", "RENTER PAYING DIRECT")]
    assert [c.code for c in lookups.locations(db)] == ["PHX", "SNA", "TUS"]
    assert lookups.locations(db)[2] == CodeChoice("TUS", "TUCSON AIRPORT")
    assert [c.code for c in lookups.employees(db)] == ["AGENT", "CLERK", "LOCKED", "VIEWER"]


def test_the_sample_data_lists_are_full(sample_db: Database) -> None:
    assert len(lookups.vehicles_for_unit(sample_db, "592")) == 2
    assert len(lookups.damage_types(sample_db)) == 9
    assert len(lookups.claim_categories(sample_db)) == 8
    assert len(lookups.locations(sample_db)) == 7
    assert len(lookups.employees(sample_db)) == 16
