"""The manual's blank page 1 (DESIGN.md §4, issue #15): Accident Details N, Renter Driving Y, Driver Injured N,
Damage Covered Y, Chg on RA N — and an agent who presses Enter through fields 6 and 7 has answered them."""

from __future__ import annotations

from decimal import Decimal

from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, type_field


def row(app, label: str) -> str:  # noqa: ANN001
    """The screen line that carries this label."""
    return next(line for line in screen_text(app).splitlines() if label in line)


async def test_the_blank_screen_shows_the_manuals_defaults(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        screen = app.screen
        assert isinstance(screen, DamageEntryScreen)
        values = {path: screen.field(path).value for path in
                  ("accident_details_flag", "renter_driving", "driver_injured", "damage_covered")}
        assert values == {"accident_details_flag": "N", "renter_driving": "Y", "driver_injured": "N",
                          "damage_covered": "Y"}
        # as the manual's blank screen prints them
        assert "Y" in row(app, "6 Renter Driving?").split("Renter Driving?")[1][:3]
        assert "N" in row(app, "7 Driver Injured?").split("Driver Injured?")[1][:3]
        assert "Chg on RA N" in " ".join(row(app, "Chg on RA").split())
        # F3 ERASE brings the same blank screen back
        await type_field(pilot, "T3001212")
        assert screen.field("renter_driving").value == "Y"
        await pilot.press("f3")
        await settle(pilot)
        if isinstance(app.screen, YesNoPrompt):
            await pilot.press("y")
            await settle(pilot)
        assert [screen.field(p).value for p in ("renter_driving", "driver_injured", "damage_covered")] == [
            "Y", "N", "Y"]
        assert "Chg on RA N" in " ".join(row(app, "Chg on RA").split())


async def test_enter_through_fields_6_and_7_leaves_a_complete_report(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        screen = app.screen
        await type_field(pilot, "T3001212")  # 1 RA#: an open RA with LDW, excess 500.00
        await type_field(pilot, "")  # 2 Non-Rev#
        await type_field(pilot, "")  # 3 Unit #: the vehicle now on the RA
        if isinstance(app.screen, YesNoPrompt):  # the unrepaired damage on file: not now
            await pilot.press("n")
            await settle(pilot)
        await type_field(pilot, "Y")  # 4 Accident Details
        assert isinstance(app.screen, AccidentDetailsModal), screen_text(app) + message(app)
        for value in ("01-19-10/0900", "5TH AND PINE", "TUCSON, AZ", "", "", "", "", "N", "", ""):
            await type_field(pilot, value)
        assert isinstance(app.screen, DamageEntryScreen)
        await type_field(pilot, "Y")  # 5 Customer Present
        await type_field(pilot, "")  # 6 Renter Driving?: Enter keeps Y
        await type_field(pilot, "")  # 7 Driver Injured?: Enter keeps N
        await type_field(pilot, "N")  # 8 3rd Party Invld?
        await type_field(pilot, "")  # 10 Damage Covered?: Y (LDW on the RA)
        await type_field(pilot, "")  # 11 Nature of Breach
        await type_field(pilot, "")  # 12 Renters Claim #
        await type_field(pilot, "")  # 13 Excess Charged: the RA's 500.00
        await pilot.press("enter")  # 14 → the window
        await settle(pilot)
        assert isinstance(app.screen, LinesModal)
        await pilot.press(*"BACKED INTO A POST", "enter", "enter")
        await settle(pilot)
        await type_field(pilot, "")  # 15: no damage lines, cursor to OPTION
        await pilot.press("f1")
        await settle(pilot, 6)
        while not isinstance(app.screen, DamageEntryScreen) or "SAVED" not in message(app):
            await pilot.press("enter" if not isinstance(app.screen, YesNoPrompt) else "n")
            await settle(pilot)
        number = int(screen.query_one("#d-report-number").render().plain.strip())
    data = load_report_data(sample_db, number)
    assert (data.renter_driving, data.driver_injured, data.damage_covered) == ("Y", "N", "Y")
    assert data.excess_charged == Decimal("500.00")
    assert data.report_status == "C", data.report_status
