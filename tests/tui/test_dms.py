"""The DMS ACTIVITY window with real keys (Pilot) and its three tabs as SVG snapshots at 80x24."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from textual.widgets import OptionList

from carsplus_tui.services import dms as dms_service
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.dms_export import ExportingModal
from carsplus_tui.tui.modals.dms_receipt import ReceiptModal
from carsplus_tui.tui.modals.new_vehicle import NewVehicleModal
from carsplus_tui.tui.screens.dms_activity import DmsActivityScreen
from tests.dms.fake_dms import FakeDms
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, signed_on

FIXED = datetime(2009, 8, 3, 10, 15)


@pytest.fixture(autouse=True)
def dms_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Each test its own outbox and spool folder, and a fixed clock for the history."""
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CARSPLUS_PRINTER", raising=False)
    monkeypatch.setattr(dms_service, "now", lambda: FIXED)


@pytest.fixture
def fake_dms(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDms]:
    server = FakeDms().start()
    monkeypatch.setenv("CARSPLUS_DMS_CONNECTOR", "http")
    monkeypatch.setenv("CARSPLUS_DMS_URL", server.url)
    monkeypatch.setenv("CARSPLUS_DMS_TIMEOUT", "2")
    yield server
    server.stop()


async def open_dms(pilot, report: str = "1") -> DmsActivityScreen:  # noqa: ANN001
    await settle(pilot)
    await sign_on(pilot, "CLERK", "clerk")
    await pilot.press("escape", "#", *report, "enter")
    await settle(pilot)
    await pilot.press("f4")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DmsActivityScreen)
    return screen


def lines(screen, list_id: str) -> list[str]:  # noqa: ANN001
    options = screen.query_one(list_id, OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_f4_opens_the_window_with_its_header_and_reserves_the_repair_id(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        text = screen_text(app)
        assert "1 - DMS ACTIVITY" in text and "LAMPERT, JAMES" in text and "AETNA" in text
        assert "2007 DODGE CARAVAN" in text and "2D4GP44L07R378957" in text and "377.25" in text
        assert "F2=PROPERTIES" in text and "F3=PAYMENTS" in text and "F4=HISTORY" in text
        assert screen.query_one("#p-repair").value == "100001"  # the outbox DMS reserved repair order 100001
        await pilot.press("f4")
        await settle(pilot)
        assert "DMS Repair ID added" in lines(screen, "#history-list")[0]
        # OPTION commands do what the keys do.
        await pilot.press("escape", *"PAYMENTS", "enter")
        await settle(pilot)
        assert screen.tab == "payments" and "F10=EXPORT ALL READY PAYMENTS" in screen_text(app)
        await pilot.press("escape", *"HISTORY", "enter")
        await settle(pilot)
        assert screen.tab == "history"
        await pilot.press("escape", *"NONSENSE", "enter")
        await settle(pilot)
        assert "NONSENSE IS NOT AN OPTION" in message(app)
        await pilot.press("escape")  # at OPTION already: Esc leaves the window
        await settle(pilot)
        assert not isinstance(app.screen, DmsActivityScreen)


async def test_the_window_opened_while_the_database_was_held_loads_with_the_key_its_line_names(
        sample_db) -> None:  # noqa: ANN001
    """F4 while another process holds the database: the window opens empty with DATABASE BUSY - F4 AGAIN; F4 (in
    the window, its HISTORY tab) then loads the header and the IDs. Before, nothing ever loaded them again."""
    from carsplus_tui.db.database import Database
    from carsplus_tui.tui.app import CarsplusApp
    from tests.locks import reads_blocked

    db = Database(sample_db.url.render_as_string(hide_password=False), lock_timeout_s=1, statement_timeout_s=5)
    app = CarsplusApp(db)
    try:
        async with signed_on(app, "CLERK", "clerk") as pilot:
            await pilot.press("escape", *"#1", "enter")
            await settle(pilot)
            db.dispose()  # (SQLite: no connection of the app's open while the other process takes the file)
            with reads_blocked(sample_db, ("damage_reports", "dms_events")):
                await pilot.press("f4")
                await settle(pilot)
                assert isinstance(app.screen, DmsActivityScreen) and "LAMPERT" not in screen_text(app)
                assert message(app).strip() == "DATABASE BUSY - F4 AGAIN IN A MOMENT"
            await pilot.press("f4")
            await settle(pilot)
            text = screen_text(app)
            assert "LAMPERT, JAMES" in text and "2D4GP44L07R378957" in text, text
            assert "DMS Repair ID added" in lines(app.screen, "#history-list")[0]
    finally:
        db.dispose()


async def test_f4_on_an_unsaved_report_says_why(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("f4")
        await settle(pilot)
        assert "SAVE OR RECALL A DAMAGE REPORT FIRST" in message(app)
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("escape", *"DMS", "enter")  # the OPTION command does what F4 does
        await settle(pilot)
        assert isinstance(app.screen, DmsActivityScreen)


async def test_properties_tab_with_real_keys(make_app, fake_dms: FakeDms) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        assert screen.query_one("#p-repair").value == "RO000001"
        assert "HTTP" in screen_text(app)
        # The Repair ID typed over by hand.
        await pilot.press(*"12345678", "enter")
        await settle(pilot)
        assert message(app) == "DMS REPAIR ID 12345678"
        # Customer: Enter on the blank field searches the DMS by the renter's name; line 1 is picked.
        assert screen.focused is screen.query_one("#p-customer")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        assert "CUSTOMER NOT LISTED - EXPORT AS NEW CUSTOMER RECORD" in screen_text(app)
        assert "SEARCHING" not in screen_text(app)  # the progress line went with the answer
        await pilot.press("1", "enter")
        await settle(pilot)
        assert screen.query_one("#p-customer").value == "9876543"
        # An ID the DMS does not know is refused and nothing changes.
        assert screen.focused is screen.query_one("#p-vehicle")
        await pilot.press("escape", "2", "enter", *"5555", "enter")  # OPTION 2 goes to field 2
        await settle(pilot)
        assert "DMS CUSTOMER ID 5555 IS NOT IN THE DMS" in message(app)
        # Vehicle: nothing matches the unit #, so VEHICLE NOT LISTED, make/model confirmed.
        screen.query_one("#p-vehicle").focus()
        await pilot.press("shift+f7")
        await settle(pilot)
        assert "VEHICLE NOT LISTED - EXPORT AS NEW VEHICLE RECORD" in screen_text(app)
        assert "SEARCHING" not in screen_text(app)
        await pilot.press("1", "enter")
        await settle(pilot)
        assert isinstance(app.screen, NewVehicleModal)
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert screen.query_one("#p-vehicle").value == "NEW0001"
        assert "NEW: DODGE CARAVAN" in screen_text(app)
        props = dms_service.load_activity(app.db, 1).properties
        assert (props.repair_id, props.customer_id, props.vehicle_id) == ("12345678", "9876543", "NEW0001")
        history = [e.description for e in dms_service.history(app.db, 1)]
        assert history.count("DMS Repair ID added") == 2 and "DMS Customer ID added" in history
        assert "New DMS Vehicle ID added" in history


async def test_payments_tab_add_export_void_with_real_keys(make_app, fake_dms: FakeDms) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert "F10=EXPORT ALL READY PAYMENTS" in screen_text(app)
        # A negative receipt from the customer is refused in the pop-up, nothing is added.
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(app.screen, ReceiptModal)
        await pilot.press("c", "enter", *"LAMPERT", "enter", *"-50", "enter", "enter")
        await settle(pilot)
        assert "CANNOT BE NEGATIVE" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert dms_service.load_activity(app.db, 1).receipts == ()
        for keys in (("i", "enter", *"AETNA", "enter", *"1000.00", "enter", *"080109", "enter"),
                     ("c", "enter", *"LAMPERT", "enter", *"150", "enter", "enter")):
            await pilot.press("f5")
            await settle(pilot)
            await pilot.press(*keys)
            await settle(pilot)
        rows = lines(screen, "#receipt-list")
        assert len(rows) == 2 and "AETNA" in rows[0] and "1,000.00" in rows[0] and "Ready" in rows[0]
        # The second one is refused by the DMS once: it fails, the other posts.
        receipts = dms_service.load_activity(app.db, 1).receipts
        fake_dms.behaviour.refuse_times[receipts[1].id] = 1
        await pilot.press("f10")
        await settle(pilot)
        assert isinstance(app.screen, ExportingModal)
        assert "1 OF 2 PAYMENTS POSTED, 1 FAILED" in screen_text(app) and "F1/ENTER=FINISH" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        rows = lines(screen, "#receipt-list")
        assert "Posted" in rows[0] and "08-03-09" in rows[0] and "Failed" in rows[1]
        await pilot.press("down")
        assert "FAILED: GL PERIOD CLOSED" in screen_text(app)
        # A failed one can be exported again.
        await pilot.press("f10")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert all("Posted" in row for row in lines(screen, "#receipt-list"))
        # A posted receipt cannot be voided; F6 adds the negative adjustment instead.
        await pilot.press("up", "f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "A POSTED RECEIPT CANNOT BE VOIDED" in message(app)
        await pilot.press("f6")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        rows = lines(screen, "#receipt-list")
        assert len(rows) == 3 and "ADJUSTMENT" in rows[2] and "-1,000.00" in rows[2] and "Ready" in rows[2]
        # A Ready one can be voided.
        await pilot.press("down", "down", "f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Void" in lines(screen, "#receipt-list")[2] and message(app).endswith("VOIDED")
        assert sorted(fake_dms.applications.values()) == [1, 1]


async def test_payments_when_the_dms_takes_none(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_DMS_POST_PAYMENTS", "false")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        dms_service.add_receipt(app.db, 1, payer_type="INSURANCE", payer_name="AETNA", amount="10.00",
                                employee="CLERK")
        screen = await open_dms(pilot)
        await pilot.press("f3", "f10")
        await settle(pilot)
        assert message(app) == "THIS DMS PARTNER DOES NOT TAKE PAYMENTS - NOTHING WAS EXPORTED"
        assert "Ready" in lines(screen, "#receipt-list")[0]


async def test_history_tab_print_and_export_summary(make_app, tmp_path: Path) -> None:  # noqa: ANN001
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert "DMS TRANSACTION HISTORY" in screen_text(app) and "F9=PRINT F10=EXPORT SUMMARY" in screen_text(app)
        await pilot.press("f9")
        await settle(pilot)
        assert message(app).startswith("NO PRINTER SET - KEPT IN")
        assert len(list((tmp_path / "spool").glob("000001-dms-history-*.pdf"))) == 1
        await pilot.press("f10")
        await settle(pilot)
        assert message(app).startswith("SUMMARY SAVED AS CSV AND PDF")
        assert len(list((tmp_path / "spool").glob("000001-dms-summary-*.csv"))) == 1
        assert screen.tab == "history"


# -- snapshots ------------------------------------------------------------------------------------------------


def _seed(db) -> None:  # noqa: ANN001
    dms_service.set_repair_id(db, 1, "12345678", "CLERK")
    first = dms_service.add_receipt(db, 1, payer_type="INSURANCE", payer_name="AETNA", amount="1000.00",
                                    received_date=date(2009, 8, 1), employee="CLERK")
    dms_service.add_receipt(db, 1, payer_type="CUSTOMER", payer_name="LAMPERT", amount="150.00",
                            received_date=date(2009, 8, 2), employee="CLERK")
    dms_service.add_receipt(db, 1, payer_type="THIRD PARTY", payer_name="JOHNSON", amount="75.25",
                            received_date=date(2009, 8, 2), employee="CLERK")
    dms_service.void_receipt(db, first.id + 2, "CLERK")

    class Posting:
        name, can_post_payments = "TEST", True

        def post_payment(self, payment, key, budget=None):  # noqa: ANN001, ANN202
            from carsplus_tui.dms import PaymentResult

            return PaymentResult("1234567890019")

    dms_service.export_ready_payments(db, Posting(), "CLERK", report_number=1)


@pytest.mark.parametrize("tab", ["f2", "f3", "f4"])
def test_dms_tabs_look_right(snap_compare, make_app, sample_db, monkeypatch: pytest.MonkeyPatch, tab: str) -> None:  # noqa: ANN001
    monkeypatch.setattr(dms_service, "connection_name", lambda connector: "OUTBOX /var/lib/carsplus/dms-outbox")
    _seed(sample_db)

    async def run_before(pilot) -> None:  # noqa: ANN001
        await open_dms(pilot)
        await pilot.press(tab)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_f4_on_page_2_opens_the_dms_window_too(make_app) -> None:  # noqa: ANN001
    from carsplus_tui.tui.screens.dms_activity import DmsActivityScreen
    from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
    from tests.tui.conftest import settle

    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ClaimInfoScreen)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, DmsActivityScreen)
        assert "1 - DMS ACTIVITY" in str(app.screen.query_one("#dms-title").render())


async def test_saving_one_id_keeps_what_is_typed_in_another(make_app) -> None:  # noqa: ANN001
    """A Customer ID typed over (no Enter yet), then the Repair ID typed and saved: the window is read again after the
    save, and the Customer ID typed is still there (Enter saves it), not the one on file."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_dms(pilot)
        await pilot.press(*"2", "enter")  # OPTION 2: DMS Customer ID
        await settle(pilot)
        assert pilot.app.focused is screen.query_one("#p-customer")
        await pilot.press(*"CUST9")
        await pilot.press("escape", *"1", "enter")  # to OPTION, then 1: DMS Repair ID
        await settle(pilot)
        await pilot.press(*"12345678", "enter")
        await settle(pilot, 6)
        assert message(app) == "DMS REPAIR ID 12345678"
        assert screen.query_one("#p-repair").value == "12345678"
        assert screen.query_one("#p-customer").value == "CUST9"
