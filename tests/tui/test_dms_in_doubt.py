"""The DMS ACTIVITY window with real keys when the DMS answers strangely: a receipt in doubt says IN DOUBT - EXPORT
AGAIN and cannot be voided or adjusted until an export settles it; a refused receipt is corrected with F6 and goes
again under a new key; the exporting window shows what it is sending and Esc cancels it."""

from __future__ import annotations

from datetime import date

from carsplus_tui.services import dms as dms_service
from carsplus_tui.tui.modals.dms_export import ExportingModal
from carsplus_tui.tui.modals.dms_receipt import ReceiptModal
from tests.dms.fake_dms import FakeDms
from tests.dms.ledger import assert_agrees_with_the_ledger
from tests.tui.conftest import SIZE, message, screen_text, settle
from tests.tui.test_dms import dms_settings, fake_dms, lines, open_dms  # noqa: F401 - the same fixtures


def add(db, amount: str) -> int:  # noqa: ANN001
    return dms_service.add_receipt(db, 1, payer_type="INSURANCE", payer_name="AETNA", amount=amount,
                                   received_date=date(2009, 8, 1), employee="CLERK").id


async def export(pilot) -> None:  # noqa: ANN001
    await pilot.press("f10")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExportingModal) and "F1/ENTER=FINISH" in screen_text(pilot.app)
    await pilot.press("enter")
    await settle(pilot)


async def test_in_doubt_is_shown_and_nothing_changes_it_but_an_export(make_app, fake_dms: FakeDms) -> None:  # noqa: ANN001, F811
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = add(app.db, "900.00")
        fake_dms.behaviour.malformed[first] = ["null"]  # the DMS takes it and answers {"reference_id": null}
        screen = await open_dms(pilot)
        await pilot.press("f3", "f10")
        await settle(pilot)
        # The summary whole (it was cut to '... (1 IN DOUBT - EXPORT AGAI - F1/ENTER=FINISH'), then Finish.
        assert "0 OF 1 PAYMENTS POSTED, 1 FAILED (1 IN DOUBT - EXPORT AGAIN)" in screen_text(app)
        assert "F1/ENTER=FINISH" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        row = lines(screen, "#receipt-list")[0]
        assert "IN DOUBT" in row and "900.00" in row and "Posted" not in row
        assert "IN DOUBT - EXPORT AGAIN: DMS ANSWER NOT UNDERSTOOD" in screen_text(app)
        await pilot.press("f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "IN DOUBT - EXPORT AGAIN BEFORE VOIDING IT" in message(app)
        await pilot.press("f6")
        await settle(pilot)
        assert "IN DOUBT - EXPORT AGAIN BEFORE ADJUSTING IT" in message(app)
        assert_agrees_with_the_ledger(app.db, fake_dms)
        await pilot.press("f4")
        await settle(pilot)
        assert any("Payment in doubt: DMS" in line and "DOUBT" in line.split("900.00")[1]
                   for line in lines(screen, "#history-list"))
        await pilot.press("f3")
        await settle(pilot)
        # Exported again: the same key settles it, posted once.
        await export(pilot)
        assert "Posted" in lines(screen, "#receipt-list")[0]
        assert list(fake_dms.applications.values()) == [1]
        assert_agrees_with_the_ledger(app.db, fake_dms)
        # A second full reversal is refused.
        for _ in range(2):
            await pilot.press("f6")
            await settle(pilot)
            await pilot.press("y")
            await settle(pilot)
        assert "ALREADY FULLY REVERSED" in message(app) and len(lines(screen, "#receipt-list")) == 2


async def test_f6_corrects_a_refused_receipt_and_it_goes_under_a_new_key(make_app, fake_dms: FakeDms) -> None:  # noqa: ANN001, F811
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        first = add(app.db, "900.00")
        fake_dms.behaviour.refuse_amounts.add("900.00")
        screen = await open_dms(pilot)
        await pilot.press("f3")
        await settle(pilot)
        await export(pilot)
        assert "Failed" in lines(screen, "#receipt-list")[0]
        refused_key = dms_service.load_activity(app.db, 1).receipts[0].idempotency_key
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ReceiptModal) and f"CORRECT REFUSED RECEIPT {first}" in screen_text(app)
        assert "DOES NOT MATCH THE INVOICE" in screen_text(app)
        await pilot.press("enter", *"850", "enter", "enter")  # payer kept, amount typed over, date kept
        await settle(pilot)
        assert f"RECEIPT {first} CORRECTED - 850.00 READY TO EXPORT" in message(app)
        assert "850.00" in lines(screen, "#receipt-list")[0] and "Ready" in lines(screen, "#receipt-list")[0]
        await export(pilot)
        posted = dms_service.load_activity(app.db, 1).receipts[0]
        assert posted.status == "Posted" and posted.idempotency_key != refused_key
        assert fake_dms.payment_of_key[posted.idempotency_key]["amount"] == "850.00"
        await pilot.press("f4")
        await settle(pilot)
        assert any("Refused: AMOUNT 900.00" in line and "900.00" in line for line in lines(screen, "#history-list"))
        assert_agrees_with_the_ledger(app.db, fake_dms)


async def test_esc_cancels_an_export_and_the_rest_stay_ready(make_app, fake_dms: FakeDms) -> None:  # noqa: ANN001, F811
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        ids = [add(app.db, f"{n}.00") for n in (1, 2, 3)]
        fake_dms.behaviour.slow_times[ids[0]] = 1  # the first one takes a second (the time-out is 2 s)
        fake_dms.behaviour.slow_seconds = 1.0
        screen = await open_dms(pilot)
        await pilot.press("f3", "f10")
        assert isinstance(app.screen, ExportingModal)
        await pilot.press("escape")
        await settle(pilot)
        assert "EXPORT CANCELLED" in screen_text(app) and "F1/ENTER=FINISH" in screen_text(app), (message(app), app.screen, dms_service.load_activity(app.db, 1).receipts)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and "CANCELLED" in message(app)
        statuses = [r.status for r in dms_service.load_activity(app.db, 1).receipts]
        assert statuses[1:] == ["Ready", "Ready"] and fake_dms.payment_calls(ids[2]) == 0
        assert_agrees_with_the_ledger(app.db, fake_dms)
