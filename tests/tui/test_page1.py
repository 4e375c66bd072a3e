"""Page 1 (DAMAGE REPORT ENTRY) driven with real keys, checked on the screen and in the database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.other_driver import OtherDriverModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.modals.third_parties import ThirdPartyDetailModal, ThirdPartyListModal
from carsplus_tui.tui.modals.witnesses import WitnessModal
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, type_field


async def start(app, pilot, code: str = "DEMO", password: str | None = None):  # noqa: ANN001, ANN201
    await settle(pilot)
    await sign_on(pilot, code, password or code.lower())
    assert isinstance(app.screen, DamageEntryScreen), type(app.screen)
    return app.screen


def focused_path(app) -> str:  # noqa: ANN001
    return getattr(app.focused, "path", app.focused.id if app.focused else "")


async def test_the_manuals_example_typed_with_enter_between_fields_is_saved(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")  # 1 RA#: fills the RA and vehicle fields
        text = screen_text(app)
        for shown in ("LAMPERT", "12 SHADYWOOD", "ANY/SC/29077", "102088", "DODGE", "CARAVAN", "04-15-09",
                      "07-21-09", "1500.00"):
            assert shown in text, shown
        assert screen.field("unit_number").value == "001888"
        assert focused_path(app) == "non_rev_number"
        await type_field(pilot, "")  # 2 Non-Rev#: skip
        assert focused_path(app) == "unit_number"
        await type_field(pilot, "")  # 3 Unit #: keeps 001888
        assert focused_path(app) == "accident_details_flag"
        await type_field(pilot, "Y")  # 4 Accident Details → the pop-up
        assert isinstance(app.screen, AccidentDetailsModal)
        for value in ("07-20-09/1530", "CORNER OF GRAND AND 4TH STREET", "SANTA ANA, CALIF", "MURPHY", "18881020",
                      "DOWNTOWN", "789456DM", "N", "", ""):
            await type_field(pilot, value)
        assert isinstance(app.screen, DamageEntryScreen)
        assert screen.field("accident_details_flag").value == "Y"
        await type_field(pilot, "Y")  # 5 Customer Present
        await type_field(pilot, "Y")  # 6 Renter Driving?
        await type_field(pilot, "N")  # 7 Driver Injured?
        await type_field(pilot, "Y")  # 8 3rd Party Invld? → 3RD PARTY DATA ENTRY
        assert isinstance(app.screen, ThirdPartyListModal)
        await type_field(pilot, "JOHNSON")  # the party's detail window opens
        assert isinstance(app.screen, ThirdPartyDetailModal)
        for value in ("JOHNSON", "REMY", "11 OAK DR", "SANTA ANA", "CA", "92705", "J456789", "CA", "05-02-12",
                      "05-02-81", "714-555-1212", "714-567-2323", "GRAY JEEP CHEROKEE", "AETNA", "JEG102", "N", ""):
            await type_field(pilot, value)
        assert isinstance(app.screen, LinesModal)  # fields 12-16, the party's notes
        await type_field(pilot, "")
        assert isinstance(app.screen, ThirdPartyListModal)
        await type_field(pilot, "")  # an empty line ends the list
        assert isinstance(app.screen, DamageEntryScreen)
        assert focused_path(app) == "admits_fault"
        await type_field(pilot, "Y")  # 9 Admits Fault? → FAULT DESCRIPTION
        assert isinstance(app.screen, LinesModal)
        await pilot.press(*"MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S VEHICLE.")
        lines = [f.value for f in app.screen.fields]
        assert lines[0] == "MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S"  # wrapped at a word
        assert lines[1] == "VEHICLE."
        await pilot.press(*" MINOR DAMAGE TO PASSENGER SIDE.", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert focused_path(app) == "damage_covered"
        assert screen.field("damage_covered").value == "N"  # no coverage sold on this RA
        await type_field(pilot, "N")  # 10
        await type_field(pilot, "")  # 11 Nature of Breach: not required (no coverage sold)
        await type_field(pilot, "CN1234")  # 12
        await type_field(pilot, "150.00")  # 13
        assert focused_path(app) == "accident_desc", message(app)
        await pilot.press("enter")  # 14 → the 9-line window
        await settle(pilot)
        assert isinstance(app.screen, LinesModal)
        await pilot.press(*"THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SIDE; BROKE HEADLIGHT")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert screen.field("accident_desc").value == "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PA"
        await type_field(pilot, "D1")  # 15 Damage Code → description filled from the service code
        assert screen.field("damage_lines.0.description").value == "FRONT PASSENGER FENDER"
        await type_field(pilot, "")  # accept the description
        await type_field(pilot, "D")  # 16 Type
        assert "DENT" in screen_text(app)
        await type_field(pilot, "")  # 17: empty line ends the entry, cursor to OPTION
        assert app.focused.id == "option"
        await pilot.press("f1")
        await settle(pilot, 6)
        while isinstance(app.screen, YesNoPrompt):  # print questions: not now
            await pilot.press("n")
            await settle(pilot)
        number = int(screen.query_one("#d-report-number").render().plain.strip())
        assert f"DAMAGE REPORT {number} SAVED" in message(app)
    data = load_report_data(sample_db, number)
    assert (data.ra_number, data.unit_number, data.renters_claim_number) == ("A0001310", "001888", "CN1234")
    assert data.excess_charged == Decimal("150.00")
    assert data.accident_details.police_name == "MURPHY"
    assert data.third_parties[0].insurance_company == "AETNA"
    assert data.fault_description == ["MR JOHNSON ROLLED THROUGH THE STOP SIGN AND HIT THE RENTER'S",
                                      "VEHICLE. MINOR DAMAGE TO PASSENGER SIDE."]
    assert [(line.code, line.description, line.type) for line in data.damage_lines] == [
        ("D1", "FRONT PASSENGER FENDER", "D")]
    assert data.report_status == "C"
