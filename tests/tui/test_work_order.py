"""DAMAGE WORK ENTRY driven with real keys (issue 16): F2 from page 1 and page 2 of a saved report, two cost lines,
the live total, F1, and what page 2 and the database show afterwards; who may; two clerks on one work order."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.work_orders import load_work_order_data
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.work_order import WorkOrderScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, type_field


def status2_report(db) -> int:  # noqa: ANN001
    """A sample report that is complete with no work order yet (claim status 2)."""
    with db.read() as s:
        return s.scalars(select(m.DamageReport.report_number).where(m.DamageReport.claim_status == 2)
                         .order_by(m.DamageReport.report_number)).first()


async def recall(pilot, number: int, code: str = "DEMO") -> None:  # noqa: ANN001
    await settle(pilot)
    await sign_on(pilot, code, code.lower())
    await pilot.press("escape", *f"#{number}", "enter")
    await settle(pilot)


async def test_a_work_order_typed_on_damage_work_entry_moves_the_claim_to_3(make_app, sample_db) -> None:  # noqa: ANN001
    number = status2_report(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, number)
        assert isinstance(app.screen, DamageEntryScreen)
        await pilot.press("f8")
        await settle(pilot)
        page2 = app.screen
        assert isinstance(page2, ClaimInfoScreen)
        assert str(page2.query_one("#d-claim-status").render()).strip() == "2"
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert "DAMAGE WORK ENTRY" in screen_text(app)
        assert message(app) == "NO WORK ORDER YET - TYPE IT AND PRESS F1 TO CREATE IT"
        await pilot.press(*"8", "enter")  # field 8: the cost lines
        await type_field(pilot, "LABOR - FRONT FENDER")
        await pilot.press("shift+f7")  # the kinds look-up
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press(*"2", "enter")  # L LABOUR
        await settle(pilot)
        assert app.screen.field("cost_lines.0.kind").value == "L"
        await type_field(pilot, "234.5")
        assert app.screen.field("cost_lines.0.amount").value == "234.50"
        # The kind's name and the amount apart, as a clerk reads them (it showed 'L LABOUR234.50').
        assert "LABOR - FRONT FENDER           L LABOUR 234.50" in screen_text(app)
        await type_field(pilot, "PAINT AND MATERIALS")
        await pilot.press("q")  # not a kind: the field does not take it
        assert app.screen.field("cost_lines.1.kind").value == ""
        await type_field(pilot, "B")
        await pilot.press(*"118.5")
        await settle(pilot)
        assert str(app.screen.query_one("#wo-total").render()).strip() == "353.00"  # live, before Enter
        await pilot.press("enter")
        await settle(pilot)
        await type_field(pilot, "")  # a blank line: done, OPTION
        await pilot.press("f1")
        await settle(pilot, 6)
        assert message(app).startswith("WORK ORDER ") and "SAVED - CLAIM STATUS 3" in message(app)
        order = load_work_order_data(sample_db, number)
        assert order.status == "OPEN"
        assert [(line.description, line.kind, line.amount) for line in order.cost_lines] == [
            ("LABOR - FRONT FENDER", "L", Decimal("234.50")), ("PAINT AND MATERIALS", "B", Decimal("118.50"))]
        data = load_report_data(sample_db, number)
        assert (data.claim_status, data.work_order_status, data.our_repair_costs) == (3, "OPEN", Decimal("353.00"))
        # Back on page 2: Our Repair Costs, Work Order Status and the claim status follow.
        await pilot.press("escape")
        await settle(pilot, 6)
        assert app.screen is page2
        assert str(page2.query_one("#d-our_repair_costs").render()).strip() == "353.00"
        assert str(page2.query_one("#d-work-order-status").render()).strip() == "OPEN"
        assert str(page2.query_one("#d-claim-status").render()).strip() == "3"


async def test_bad_input_is_one_line_and_nothing_is_saved(make_app, sample_db) -> None:  # noqa: ANN001
    number = status2_report(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, number)
        await pilot.press("f2")
        await settle(pilot)
        await pilot.press(*"1", "enter")
        await type_field(pilot, "X")
        assert message(app) == "1 STATUS: OPEN, IN REPAIR OR CLOSED (O, I, C)"
        await type_field(pilot, "C")  # CLOSED, but no repair date
        await pilot.press("f1")
        await settle(pilot, 6)
        assert message(app) == "7 REPAIR DATE: IS REQUIRED TO CLOSE THE WORK ORDER"
        assert load_work_order_data(sample_db, number) is None


async def test_view_access_sees_it_read_only_and_none_does_not_open_it(make_app, sample_db) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, 1, "MGARCI")  # view
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, WorkOrderScreen)
        assert message(app) == "DAMAGE WORK ENTRY - VIEW ONLY"
        assert all(field.disabled for field in app.screen.fields)
        assert app.screen.field("cost_lines.0.description").value == "LABOR - FRONT PASSENGER FENDER"
        await pilot.press("f1")
        await settle(pilot)
        assert message(app) == "DAMAGE WORK ENTRY - VIEW ONLY"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, 1, "AGENT")  # none
        await pilot.press("escape", *"WORK", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert message(app) == "NO ACCESS TO CLAIM INFO - DAMAGE WORK ENTRY NEEDS IT"


async def test_a_new_report_has_no_work_order_until_saved(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert message(app).startswith("SAVE OR RECALL A DAMAGE REPORT FIRST")


async def test_two_clerks_on_one_work_order_the_second_f1_is_refused(make_app, sample_db) -> None:  # noqa: ANN001
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await recall(one, 1, "DEMO")
        await recall(two, 1, "CLERK")
        for pilot in (one, two):
            await pilot.press("f2")
            await settle(pilot)
        await one.press(*"3", "enter")
        await type_field(one, "SUNSET COLLISION")
        await one.press("f1")
        await settle(one, 6)
        assert "SAVED" in message(first)
        await two.press(*"3", "enter")
        await type_field(two, "CALIBER COLLISION")
        await two.press("f1")
        await settle(two, 6)
        assert message(second).startswith("WORK ORDER CHANGED BY DEMO AT ") and message(second).endswith(
            "F3 TO RELOAD")
        assert load_work_order_data(sample_db, 1).repair_shop == "SUNSET COLLISION"
        await two.press("f3")
        await settle(two, 6)
        assert second.screen.field("repair_shop").value == "SUNSET COLLISION"


async def test_uncovered_misc_costs_then_goodwill_equal_to_the_charge_due_brings_it_to_zero(make_app,  # noqa: ANN001
                                                                                             sample_db) -> None:
    """DESIGN.md §4: not covered, Misc Costs 100.00 (loss of use) raises the Charge/Refund Due, and Goodwill equal
    to it writes it off: Amount Outstanding 0.00, claim status 7."""
    with sample_db.read() as s:
        number = s.scalars(select(m.DamageReport.report_number).where(
            m.DamageReport.claim_status == 5, m.DamageReport.damage_covered == "N",
            m.DamageReport.amount_charged.is_(None), m.DamageReport.goodwill_deduction.is_(None))
            .order_by(m.DamageReport.report_number)).first()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, number)
        await pilot.press("f8")
        await settle(pilot)
        page2 = app.screen
        before = Decimal(str(page2.query_one("#d-charge_refund_due").render()).strip().replace(",", ""))
        await pilot.press(*"9", "enter")
        await type_field(pilot, "100.00")
        due = Decimal(str(page2.query_one("#d-charge_refund_due").render()).strip().replace(",", ""))
        misc_before = load_report_data(sample_db, number).misc_costs or Decimal("0.00")
        assert due == before + Decimal("100.00") - misc_before  # the loss of use is the renter's
        await pilot.press("escape", *"12", "enter")
        await type_field(pilot, f"{due:.2f}")
        assert str(page2.query_one("#d-amount_outstanding").render()).strip() == "0.00"
        await pilot.press("f1")
        await settle(pilot, 6)
        data = load_report_data(sample_db, number)
        assert (data.misc_costs, data.goodwill_deduction) == (Decimal("100.00"), due)
        assert (data.charge_refund_due, data.amount_outstanding, data.claim_status) == (Decimal("0.00"),
                                                                                         Decimal("0.00"), 7)


async def test_after_a_work_order_is_saved_f1_on_page_2_saves_the_report(make_app, sample_db) -> None:  # noqa: ANN001
    """The work order's save writes the report's notes (its audit lines): page 1 takes them up, so the clerk's next
    F1 is not refused with "existing entries cannot be deleted or edited"."""
    number = status2_report(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await recall(pilot, number)
        await pilot.press("f2")  # from page 1
        await settle(pilot)
        await pilot.press(*"8", "enter")
        await type_field(pilot, "LABOR - REAR BUMPER")
        await type_field(pilot, "L")
        await type_field(pilot, "400")
        await type_field(pilot, "")
        await pilot.press("f1")
        await settle(pilot, 6)
        assert "SAVED - CLAIM STATUS 3" in message(app)
        await pilot.press("escape")
        await settle(pilot, 6)
        assert isinstance(app.screen, DamageEntryScreen)
        await pilot.press("f8")
        await settle(pilot)
        assert str(app.screen.query_one("#d-our_repair_costs").render()).strip() == "400.00"
        await pilot.press("escape", *"1", "enter")
        await type_field(pilot, "Y")  # 1 Report Checked
        await pilot.press("f1")
        await settle(pilot, 6)
        assert f"DAMAGE REPORT {number} SAVED" in screen_text(app)  # (a print question may follow)
    data = load_report_data(sample_db, number)
    assert data.report_checked == "Y" and data.claim_status >= 4
    assert any("LABOR - REAR BUMPER" in note.text for note in data.notes)  # the work order's audit line is kept
