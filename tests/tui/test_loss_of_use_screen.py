"""LOU typed at page 2's OPTION with real keys (issue 22): 9 Misc Costs filled from the work order's days x the RA's
rate with the derivation on the screen, a warning and a question first when cars of the class stood idle, F1
stores it; NOLOU takes it out; a view-only clerk may not; DAMAGE WORK ENTRY says so when its dates move away from
those of the loss of use charged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.work_orders import load_work_order_data
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.work_order import WorkOrderScreen
from tests.services.test_loss_of_use_service import REPORT, charged, out_of_service
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, type_field


async def page2(pilot, number: int, code: str = "CLERK"):  # noqa: ANN001, ANN201
    await settle(pilot)
    await sign_on(pilot, code, code.lower())
    await pilot.press("escape", *f"#{number}", "enter")
    await settle(pilot)
    await pilot.press("f8")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ClaimInfoScreen)
    return pilot.app.screen


def misc_shown(screen: ClaimInfoScreen) -> str:
    return screen.field("misc_costs").value.strip()


def rent_out_the_other_minivans(db) -> None:  # noqa: ANN001
    """Every other MINIVAN of TUS on rent from 08-01-09 to 08-25-09: no car of the class was free."""
    with db.write() as s:
        damaged = s.get(m.DamageReport, REPORT).vehicle_id
        others = s.scalars(select(m.Vehicle.id).where(m.Vehicle.vehicle_class == "MINIVAN",
                                                      m.Vehicle.owning_location == "TUS", m.Vehicle.id != damaged)).all()
        for i, vehicle_id in enumerate(others):
            ra = m.RentalAgreement(ra_number=f"Z900000{i}", status="C", open_date=date(2009, 8, 1),
                                   open_location="TUS", close_date=date(2009, 8, 25), close_location="TUS",
                                   renter_customer_number=1000, daily_rate=Decimal("62.99"))
            ra.vehicles = [m.RaVehicle(sequence=1, vehicle_id=vehicle_id)]
            s.add(ra)


async def test_lou_with_the_class_fully_rented_fills_misc_costs_and_f1_stores_it(make_app, sample_db) -> None:  # noqa: ANN001
    out_of_service(sample_db)
    rent_out_the_other_minivans(sample_db)
    before = load_report_data(sample_db, REPORT)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT)
        assert misc_shown(screen) == ""
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, YesNoPrompt)  # no car was free: nothing to warn about
        assert misc_shown(screen) == "755.88"
        assert message(app) == "9 MISC COSTS = LOSS OF USE 12 DAYS X 62.99 (RA RATE) = 755.88 - F1 TO SAVE"
        assert "LOSS OF USE 08-08-09 TO 08-20-09: 12 DAYS X 62.99 (RA RATE) = 755.88" in screen_text(app)
        shown_max = str(screen.query_one("#d-maximum_liability").render()).strip()
        assert shown_max == f"{before.maximum_liability + Decimal('755.88'):.2f}"
        await pilot.press("f1")
        await settle(pilot, 8)
    data = load_report_data(sample_db, REPORT)
    assert data.misc_costs == Decimal("755.88")
    assert data.loss_of_use["days"] == 12 and data.loss_of_use["days_none_free"] == 12
    assert data.loss_of_use["days_idle"] == 0
    assert data.version == before.version + 1


async def test_lou_warns_when_cars_stood_idle_and_n_charges_nothing(make_app, sample_db) -> None:  # noqa: ANN001
    out_of_service(sample_db)  # the sample data's TUS minivans were all free those days
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT)
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        assert isinstance(app.screen, YesNoPrompt)
        assert app.screen.question == "MINIVAN HAD A CAR FREE ON 12 OF 12 DAYS - CHARGE LOSS OF USE ANYWAY?"
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        assert misc_shown(screen) == ""
        assert message(app) == "LOSS OF USE NOT CHARGED - MINIVAN AT TUS, FLEET 5: NO CAR FREE ON 0 OF 12 DAYS"
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        await pilot.press("y")  # charged all the same: the clerk was told
        await settle(pilot)
        assert misc_shown(screen) == "755.88"
        await pilot.press(*"NOLOU", "enter")
        await settle(pilot)
        assert misc_shown(screen) == ""
        assert message(app) == "LOSS OF USE REMOVED FROM 9 MISC COSTS - F1 TO SAVE"
        assert "LOSS OF USE" not in screen_text(app).split("NOTES", 1)[1].splitlines()[0]


async def test_lou_says_what_is_missing_and_view_only_may_not(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT)
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        assert message(app) == "LOU: THE WORK ORDER HAS NO 6 OUT OF SERVICE DATE - F2 TO ENTER IT"
        assert misc_shown(screen) == ""
    out_of_service(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT, "MGARCI")
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        assert message(app) == "CLAIM INFO - VIEW ONLY"
        assert misc_shown(screen) == ""


async def test_f1_after_lou_and_amount_charged_asks_for_the_statement_beside_the_damage_letter_and_the_log(
        make_app, sample_db, monkeypatch, tmp_path) -> None:  # noqa: ANN001
    from tests.printing.conftest import pdf_text

    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.delenv("CARSPLUS_PRINTER", raising=False)
    out_of_service(sample_db)
    rent_out_the_other_minivans(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT)
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        await pilot.press(*"14", "enter", *"300", "enter", "f1")
        await settle(pilot, 8)
        asked = []
        while not isinstance(app.screen, YesNoPrompt) and app.screen is not screen:  # the RA's charges first
            await pilot.press("escape")
            await settle(pilot)
        while isinstance(app.screen, YesNoPrompt):
            asked.append(app.screen.question)
            wanted = "STATEMENT" in app.screen.question or "UTILIZATION" in app.screen.question
            await pilot.press("y" if wanted else "n")
            await settle(pilot, 6)
        assert [q for q in asked if "LETTER?" in q or "STATEMENT" in q or "UTILIZATION" in q][:3] == [
            f"DAMAGE REPORT {REPORT} SAVED - DO YOU WISH TO PRINT A DAMAGE LETTER?", "PRINT ITEMISED STATEMENT?",
            "PRINT FLEET UTILIZATION LOG?"]
    data = load_report_data(sample_db, REPORT)
    (statement,) = (tmp_path / "spool").glob(f"{REPORT:06}-statement-*.pdf")
    flat = " ".join(pdf_text(statement.read_bytes()).split())
    assert f"AMOUNT NOW DUE {data.amount_outstanding:,.2f}" in flat and "LOSS OF USE 755.88" in flat
    (log,) = (tmp_path / "spool").glob(f"{REPORT:06}-utilization-log-*.pdf")
    assert "NO CAR OF CLASS MINIVAN AT TUS WAS FREE ON 12 OF 12 DAYS" in " ".join(pdf_text(log.read_bytes()).split())


async def test_moving_the_work_orders_dates_after_lou_says_the_charge_was_computed_on_other_dates(
        make_app, sample_db) -> None:  # noqa: ANN001
    """Loss of use charged on 08-08-09 TO 08-20-09, then the repair date moved to 08-24-09 on DAMAGE WORK ENTRY: its
    F1 says on one line that the charge was computed on other dates and what recomputes it; the charge stays as
    charged (the clerk decides, on page 2). A save that does not move the dates, or moves them back, says nothing."""
    out_of_service(sample_db)
    rent_out_the_other_minivans(sample_db)
    charged(sample_db)
    warning = "SAVED - LOSS OF USE WAS COMPUTED ON 08-08-09 TO 08-20-09: TYPE LOU ON PAGE 2"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await page2(pilot, REPORT)
        assert misc_shown(screen) == "755.88"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        await pilot.press(*"7", "enter")  # 7 Repair Date
        await type_field(pilot, "08-24-09")
        await pilot.press("f1")
        await settle(pilot, 6)
        assert message(app) == warning
        assert len(message(app)) <= 78  # one line
        assert load_work_order_data(sample_db, REPORT).repair_date == date(2009, 8, 24)
        kept = load_report_data(sample_db, REPORT)
        assert (kept.misc_costs, kept.loss_of_use["repair_date"]) == (Decimal("755.88"), "2009-08-20")

        await pilot.press(*"4", "enter")  # 4 Invoice #: the dates stay where they are
        await type_field(pilot, "INV-77")
        await pilot.press("f1")
        await settle(pilot, 6)
        assert "LOSS OF USE" not in message(app) and "SAVED - CLAIM STATUS" in message(app), message(app)

        await pilot.press(*"7", "enter")  # back to the dates the charge was computed on
        await type_field(pilot, "08-20-09")
        await pilot.press("f1")
        await settle(pilot, 6)
        assert "LOSS OF USE" not in message(app) and "SAVED - CLAIM STATUS" in message(app), message(app)

        await pilot.press(*"7", "enter")  # moved again, then what the warning says: LOU on page 2, F1
        await type_field(pilot, "08-24-09")
        await pilot.press("f1")
        await settle(pilot, 6)
        assert message(app) == warning
        await pilot.press("escape")
        await settle(pilot, 6)
        assert app.screen is screen
        await pilot.press(*"LOU", "enter")
        await settle(pilot)
        assert misc_shown(screen) == "1007.84"
        assert message(app) == "9 MISC COSTS = LOSS OF USE 16 DAYS X 62.99 (RA RATE) = 1007.84 - F1 TO SAVE"
