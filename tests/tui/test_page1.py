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
from carsplus_tui.tui.modals.third_parties import ThirdPartyListModal
from carsplus_tui.tui.modals.third_party_detail import ThirdPartyDetailModal
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
        for value in ("REMY", "11 OAK DR", "SANTA ANA", "CA", "92705", "J456789", "CA", "05-02-12",
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
        # This report's own Excess Charged goes on the closed RA (report 1 keeps its 150.00): shown first
        assert "ADDITIONAL EXCESS 150.00 ON RA A0001310" in screen_text(app)
        await pilot.press("enter")  # a blank ENTER at its LINE # goes on
        await settle(pilot)
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


async def test_an_unknown_ra_keeps_the_cursor_in_field_1(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await type_field(pilot, "Z999")
        assert message(app) == "RA# Z999 NOT ON FILE"
        assert focused_path(app) == "ra_number"


async def test_restrict_editclos_refuses_a_posted_ra_at_field_1(make_app, sample_db) -> None:  # noqa: ANN001
    with sample_db.read() as s:
        posted = s.scalars(select(m.RentalAgreement.ra_number).where(m.RentalAgreement.status == "P")).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot, "AGENT")  # Restrict EDITCLOS on
        await type_field(pilot, posted)
        assert "POSTED" in message(app)
        assert focused_path(app) == "ra_number"


async def test_unit_with_two_owners_opens_the_vehicle_file_search(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("enter", "enter")  # no RA, no non-rev
        await type_field(pilot, "592")
        assert isinstance(app.screen, ChoiceModal)
        text = screen_text(app)
        assert "VEHICLE FILE SEARCH" in text and "TUS" in text and "PHX" in text
        await type_field(pilot, "2")  # line 2
        while isinstance(app.screen, YesNoPrompt):  # it may have unrepaired damage
            await pilot.press("n")
            await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert screen.vehicle is not None and screen.vehicle.unit_number == "592"
        assert screen.vehicle.owning_location in screen_text(app)


async def test_unrepaired_damage_question_shows_the_reports_below(make_app, sample_db) -> None:  # noqa: ANN001
    with sample_db.read() as s:
        vehicle = s.execute(
            select(m.Vehicle.unit_number, m.Vehicle.owning_location)
            .join(m.VehicleHistory, m.VehicleHistory.vehicle_id == m.Vehicle.id)
            .where(m.VehicleHistory.repaired.is_(False))
        ).first()
        owners = len(s.scalars(select(m.Vehicle.id).where(m.Vehicle.unit_number == vehicle.unit_number)).all())
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("enter", "enter")
        await type_field(pilot, vehicle.unit_number)
        if owners > 1:
            await type_field(pilot, "1")
        assert isinstance(app.screen, YesNoPrompt)
        assert "VEHICLE HAS UNREPAIRED DAMAGES. DO YOU WISH TO SEE EXISTING DAMAGE?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        assert "UNREPAIRED DAMAGE" in screen_text(app)
        await type_field(pilot, "1")  # a line number displays that report, once the agent agrees to leave this one
        assert isinstance(app.screen, YesNoPrompt)
        assert "RECALL DAMAGE REPORT" in screen_text(app) and "WILL NOT BE SAVED" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert "DAMAGE REPORT" in message(app)
        assert app.screen.report["report_number"] is not None


async def test_witnesses_y_opens_witness_data_entry_and_no_date_means_now(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")
        await pilot.press("enter", "enter")
        await type_field(pilot, "Y")
        assert isinstance(app.screen, AccidentDetailsModal)
        await type_field(pilot, "")  # 1 Date/Time left empty → now
        assert app.screen.query_one("#f-date_time").value  # filled in
        for _ in range(6):
            await pilot.press("enter")
        await type_field(pilot, "Y")  # 8 Witnesses? → WITNESS DATA ENTRY
        assert isinstance(app.screen, WitnessModal)
        for value in ("SMITH", "ANN", "1 MAIN ST", "TUCSON", "AZ", "85701", "520-555-0101"):
            await type_field(pilot, value)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AccidentDetailsModal)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert screen.report["witnesses"][0]["last_name"] == "SMITH"
        assert screen.report["accident_details"]["witnesses"] == "Y"
        assert screen.field("accident_details_flag").value == "Y"


async def test_renter_driving_n_opens_other_driver_entry(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("escape", *"6", "enter")  # field number at OPTION jumps there
        await settle(pilot)
        assert focused_path(app) == "renter_driving"
        await type_field(pilot, "N")
        assert isinstance(app.screen, OtherDriverModal)
        assert "OTHER DRIVER ENTRY" in screen_text(app)
        await type_field(pilot, "DOE")
        await type_field(pilot, "JOHN")
        await type_field(pilot, "520-555-0199")
        await type_field(pilot, "13-45-99")  # not a date: stays
        assert "DOB" in message(app)
        assert isinstance(app.screen, OtherDriverModal)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.report["other_driver"]["last_name"] == "DOE"
        assert focused_path(app) == "driver_injured"


async def test_admits_fault_only_with_a_third_party(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        assert screen.field("admits_fault").disabled
        await pilot.press("escape", "9", "enter")
        await settle(pilot)
        assert message(app) == "9 ADMITS FAULT?: OPEN ONLY WHEN 8 3RD PARTY INVLD? IS Y"  # with its reason


async def test_excess_charged_cannot_exceed_the_ras_excess(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")
        assert screen.field("excess_charged").value == "1500.00"  # the default: the RA's responsibility
        await pilot.press("escape", *"13", "enter")
        await settle(pilot)
        await type_field(pilot, "1600")
        assert message(app) == "13 EXCESS CHARGED: CANNOT EXCEED THE RA'S EXCESS OF 1500.00"
        assert focused_path(app) == "excess_charged"


async def test_shift_f7_lists_the_damage_codes_for_the_vehicles_model(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")
        await pilot.press("escape", *"15", "enter")
        await settle(pilot)
        await pilot.press("shift+f7")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        assert "FRONT PASSENGER FENDER" in screen_text(app)
        index = next(i for i, (_, c) in enumerate(app.screen.choices, 1) if c.code == "D1")
        await type_field(pilot, str(index))
        assert screen.field("damage_lines.0.code").value == "D1"
        assert screen.field("damage_lines.0.description").value == "FRONT PASSENGER FENDER"
        # The manual: RET selects the code, RET again moves to the description, RET again accepts it.
        assert focused_path(app) == "damage_lines.0.code"
        await type_field(pilot, "")
        assert focused_path(app) == "damage_lines.0.description"
        await type_field(pilot, "")
        assert focused_path(app) == "damage_lines.0.type"
        await type_field(pilot, "Q")
        assert "IS NOT A DAMAGE TYPE" in message(app)
        await pilot.press("backspace")
        await type_field(pilot, "S")
        assert "SCRATCH" in screen_text(app)


async def test_recall_with_hash_and_an_unknown_number(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "A0001310" in text and "CN1234" in text and "FRONT PASSENGER FENDER" in text
        assert screen.query_one("#d-report-number").render().plain.strip() == "1"
        assert screen.field("accident_details_flag").value == "Y"
        await pilot.press("escape", *"#99999", "enter")
        await settle(pilot)
        assert message(app) == "DAMAGE REPORT 99999 NOT ON FILE"


async def test_f1_with_errors_saves_nothing_and_names_the_field(make_app, sample_db) -> None:  # noqa: ANN001
    with sample_db.read() as s:
        before = s.scalar(select(m.ReportCounter.last_number))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("enter", "enter", "enter")  # no RA, no non-rev, no unit
        assert "3 UNIT #: IS REQUIRED" in message(app)
        await pilot.press("f1")
        await settle(pilot)
        assert "3 Unit #".upper() in message(app)
        assert focused_path(app) == "unit_number"
    with sample_db.read() as s:
        assert s.scalar(select(m.ReportCounter.last_number)) == before


async def test_f3_erase_asks_first_when_something_was_typed(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, YesNoPrompt)
        await pilot.press("n")
        await settle(pilot)
        assert screen.field("ra_number").value == "A0001310"
        await pilot.press("f3", "y")
        await settle(pilot)
        assert screen.field("ra_number").value == ""
        assert "LAMPERT" not in screen_text(app)
        assert message(app) == "SCREEN ERASED"


async def test_f5_backs_up_one_field(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("enter", "enter")
        assert focused_path(app) == "unit_number"
        await pilot.press("f5")
        assert focused_path(app) == "non_rev_number"


async def test_f10_draws_the_map_with_this_reports_damage(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("f10")
        await settle(pilot)
        text = screen_text(app)
        assert "DAMAGE MAP - UNIT 001888" in text
        assert "FRONT" in text and "REAR" in text
        assert "1 D1 FRONT PASSENGER FENDER" in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)


async def test_input_is_upper_case_and_limited_to_the_field_width(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("escape", *"12", "enter")
        await pilot.press(*"cn1234567890abcdefgh")
        assert screen.field("renters_claim_number").value == "CN1234567890ABC"  # 15 characters


async def test_a_typed_report_survives_a_closed_terminal(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await type_field(pilot, "A0001310")
        await pilot.press("escape", *"12", "enter", *"CN777", "enter")
        await settle(pilot)
    # the terminal is gone without F1; the next sign-on offers the report back
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        assert isinstance(again.screen, YesNoPrompt)
        # the question names what it would bring back (a report not saved yet, for its RA)
        assert "RECOVER UNSAVED NEW REPORT FOR RA A0001310? (Y/N)" in screen_text(again)
        await pilot.press("y")
        await settle(pilot)
        screen = again.screen
        assert isinstance(screen, DamageEntryScreen)
        assert screen.field("ra_number").value == "A0001310"
        assert screen.field("renters_claim_number").value == "CN777"
        # the RA's Open Date and Open Loc are shown again (they are not part of the report)
        await settle(pilot)
        with again.db.read() as session:
            ra = session.scalars(select(m.RentalAgreement).where(m.RentalAgreement.ra_number == "A0001310")).one()
            opened, where = ra.open_date.strftime("%m-%d-%y"), ra.open_location
        shown = screen_text(again)
        assert f"Open Date {opened}" in " ".join(shown.split()) and f"Open Loc {where}" in " ".join(shown.split())


async def test_started_with_an_ra_as_from_ra_close(make_app) -> None:  # noqa: ANN001
    app = make_app(ra_number="A0001310")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await settle(pilot)
        assert screen.field("ra_number").value == "A0001310"
        assert "LAMPERT" in screen_text(app)
        assert screen.field("unit_number").value == "001888"


async def test_a_two_digit_line_number_in_the_shift_f7_list_picks_that_line(make_app) -> None:  # noqa: ANN001
    """Typing 12 in the damage code list picks line 12, not line 2 (the first digit was selected and the second
    typed over it)."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await type_field(pilot, "A0001310")
        await pilot.press("escape", *"15", "enter")
        await settle(pilot)
        await pilot.press("shift+f7")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        line, code = next((i, c.code) for i, (_, c) in enumerate(app.screen.choices, 1) if i >= 10)
        await pilot.press(*str(line))
        await settle(pilot)
        assert f"LINE # {line}" in screen_text(app)
        await type_field(pilot, "")
        assert screen.field("damage_lines.0.code").value == code


async def test_a_twenty_character_address_stays_apart_from_vir_sta(make_app) -> None:  # noqa: ANN001
    """Report 12's renter lives at 3783 ORANGE GROVE RD (20 characters, the column's whole width): the next label
    keeps its space (before: '3783 ORANGE GROVE RDVIR Sta')."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("escape", *"#12", "enter")
        await settle(pilot)
        assert "3783 ORANGE GROVE RD VIR Sta" in screen_text(app), screen_text(app)
