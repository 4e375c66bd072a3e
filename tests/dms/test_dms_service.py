"""DMS Activity use cases on SQLite and PostgreSQL: properties, receipts, voids, export, history."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.dms.http import HttpConnector
from carsplus_tui.dms.outbox import OutboxConnector
from carsplus_tui.services import dms
from tests.dms.fake_dms import FakeDms


def snapshot(db: Database) -> tuple:
    with db.read() as s:
        receipts = [(r.id, r.status, r.amount, r.idempotency_key, r.reference_id)
                    for r in s.scalars(select(m.DmsReceipt).order_by(m.DmsReceipt.id))]
        events = s.scalar(select(func.count()).select_from(m.DmsEvent))
        props = s.get(m.DmsProperties, 1)
        return receipts, events, props and (props.repair_id, props.customer_id, props.vehicle_id)


def receipt(db: Database, amount: str = "1000.00", payer_type: str = "INSURANCE", name: str = "AETNA") -> dms.Receipt:
    return dms.add_receipt(db, 1, payer_type=payer_type, payer_name=name, amount=amount,
                           received_date=date(2009, 8, 1), employee="CLERK")


def http(fake: FakeDms, **kw) -> HttpConnector:  # noqa: ANN003
    # The app's own time-out unless a test is about time-outs: on a loaded CI machine a fake that answers at once
    # may still take longer than half a second to be scheduled.
    return HttpConnector(fake.url, timeout=kw.pop("timeout", 10.0), retries=kw.pop("retries", 2), backoff=0.05, **kw)


def test_header_shows_the_claim(claim_db: Database) -> None:
    activity = dms.load_activity(claim_db, 1, OutboxConnector(Path("/tmp/x")))
    h = activity.header
    assert (h.report_number, h.renter, h.claim_amount, h.insurance_company) == (1, "LAMPERT", Decimal("2877.67"), "AETNA")
    assert h.vehicle == "2007 DODGE CARAVAN" and h.vin_or_unit == "001888"
    assert activity.properties.connection.startswith("OUTBOX")


@pytest.mark.parametrize(("payer_type", "amount", "words"), [
    ("CUSTOMER", "-5.00", "CANNOT BE NEGATIVE"),
    ("INSURANCE", "0", "CANNOT BE ZERO"),
    ("INSURANCE", "12.345", "TWO DECIMAL"),
    ("INSURANCE", "ABC", "IS NOT AN AMOUNT"),
    ("BANK", "10.00", "PAYER TYPE"),
])
def test_bad_receipts_are_refused_with_a_clear_message_and_change_nothing(
    claim_db: Database, payer_type: str, amount: str, words: str
) -> None:
    before = snapshot(claim_db)
    with pytest.raises(dms.DmsInputError, match=words):
        dms.add_receipt(claim_db, 1, payer_type=payer_type, payer_name="X", amount=amount, employee="CLERK")
    assert snapshot(claim_db) == before


def test_a_negative_adjustment_is_allowed(claim_db: Database) -> None:
    r = receipt(claim_db, "-25.00", "ADJUSTMENT", "GOODWILL")
    assert (r.status, r.amount) == ("Ready", Decimal("-25.00"))


def test_void_ready_and_failed_but_never_posted(claim_db: Database, fake_dms: FakeDms) -> None:
    ready = receipt(claim_db)
    posted = receipt(claim_db, "200.00")
    assert dms.void_receipt(claim_db, ready.id, "CLERK").status == "Void"
    dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", report_number=1)
    before = snapshot(claim_db)
    with pytest.raises(dms.DmsInputError, match="POSTED RECEIPT CANNOT BE VOIDED"):
        dms.void_receipt(claim_db, posted.id, "CLERK")
    assert snapshot(claim_db) == before
    # A posted receipt is corrected by a negative adjustment, which is exported like any other.
    adjustment = dms.correct_posted_receipt(claim_db, posted.id, "CLERK")
    assert (adjustment.payer_type, adjustment.amount, adjustment.corrects_receipt_id) == (
        "ADJUSTMENT", Decimal("-200.00"), posted.id)
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    # Void never exported: voided receipts stay out of every export.
    assert all(body.get("receipt_id") != ready.id for _, _, body in fake_dms.received)


def test_export_posts_ready_marks_failures_and_retries_failed(claim_db: Database, fake_dms: FakeDms) -> None:
    a, b, c = receipt(claim_db), receipt(claim_db, "50.00", "CUSTOMER", "LAMPERT"), receipt(claim_db, "7.00")
    fake_dms.behaviour.refuse_times[b.id] = 1
    fake_dms.behaviour.fail_times[c.id] = 1  # a 503, retried inside the same export
    steps = []
    summary = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", report_number=1, progress=steps.append)
    assert (summary.posted, summary.failed, summary.total) == (2, 1, 3)
    assert [(s.done, s.sending) for s in steps] == [(1, True), (1, False), (2, True), (2, False), (3, True), (3, False)]
    rows = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}
    assert rows[a.id].status == "Posted" and rows[a.id].posted_at is not None and rows[a.id].reference_id
    assert rows[b.id].status == "Failed" and rows[b.id].failure_message == "GL PERIOD CLOSED"
    assert rows[c.id].status == "Posted"
    # Failed ones can be exported again; the same key goes with them.
    again = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", report_number=1)
    assert (again.posted, again.failed) == (1, 0)
    rows2 = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}
    assert rows2[b.id].status == "Posted" and rows2[b.id].idempotency_key == rows[b.id].idempotency_key
    assert all(n == 1 for n in fake_dms.applications.values()) and len(fake_dms.applications) == 3
    events = dms.history(claim_db, 1)
    descriptions = [e.description for e in events]
    assert "Payment posted" in descriptions and any(d.startswith("Payment failed") for d in descriptions)
    assert events == sorted(events, key=lambda e: e.at, reverse=True)


def test_a_timeout_is_retried_with_the_same_key_and_posted_once(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.slow_times[r.id] = 1
    summary = dms.export_ready_payments(claim_db, http(fake_dms, timeout=0.3), "CLERK")
    assert summary.posted == 1
    assert fake_dms.payment_calls(r.id) == 2 and list(fake_dms.applications.values()) == [1]
    keys = {key for path, key, _ in fake_dms.received if path.endswith("payments")}
    assert len(keys) == 1


def test_no_answer_at_all_leaves_it_failed_and_not_voidable(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.slow_times[r.id] = 5
    summary = dms.export_ready_payments(claim_db, http(fake_dms, timeout=0.2, retries=1), "CLERK")
    assert summary.failed == 1
    row = dms.load_activity(claim_db, 1).receipts[0]
    assert row.status == "Failed" and row.in_doubt and "NO ANSWER" in (row.failure_message or "")
    with pytest.raises(dms.DmsInputError, match="EXPORT AGAIN"):
        dms.void_receipt(claim_db, r.id, "CLERK")
    fake_dms.behaviour.slow_times.clear()
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    assert list(fake_dms.applications.values()) == [1]


def test_a_dms_that_takes_no_payments_says_so_and_changes_nothing(claim_db: Database, fake_dms: FakeDms,
                                                                   tmp_path: Path) -> None:
    dms.set_repair_id(claim_db, 1, "R1", "CLERK")
    receipt(claim_db)
    before = snapshot(claim_db)
    with pytest.raises(dms.DmsUnsupportedError, match="DOES NOT TAKE PAYMENTS"):
        dms.export_ready_payments(claim_db, OutboxConnector(tmp_path, can_post_payments=False), "CLERK")
    assert snapshot(claim_db) == before
    fake_dms.behaviour.payments_unsupported = True
    with pytest.raises(dms.DmsUnsupportedError):
        dms.export_ready_payments(claim_db, http(fake_dms), "CLERK")
    after = snapshot(claim_db)
    assert [(r[0], r[1]) for r in after[0]] == [(r[0], r[1]) for r in before[0]] and after[1] == before[1]


def test_properties_repair_customer_vehicle(claim_db: Database, fake_dms: FakeDms) -> None:
    connector = http(fake_dms)
    assert dms.reserve_repair_id(claim_db, 1, connector, "CLERK") == "RO000001"
    assert dms.set_repair_id(claim_db, 1, "ro-777", "CLERK") == "RO-777"
    found = dms.search_customers(connector, dms.renter_name(claim_db, 1))
    assert [c.id for c in found] == ["9876543", "1111111"]
    assert dms.choose_customer(claim_db, 1, connector, "CLERK", "9876543") == "9876543"
    assert dms.choose_vehicle(claim_db, 1, connector, "CLERK", None, make="dodge", model="caravan") == "NEW0001"
    props = dms.load_activity(claim_db, 1, connector).properties
    assert (props.repair_id, props.customer_id, props.vehicle_id, props.vehicle_new, props.vehicle_make) == (
        "RO-777", "9876543", "NEW0001", True, "DODGE")
    descriptions = [e.description for e in dms.history(claim_db, 1)]
    assert descriptions == ["New DMS Vehicle ID added", "DMS Customer ID added", "DMS Repair ID added",
                            "DMS Repair ID added"]  # newest first


def test_unknown_dms_ids_are_refused_and_change_nothing(claim_db: Database, fake_dms: FakeDms) -> None:
    connector = http(fake_dms)
    before = snapshot(claim_db)
    with pytest.raises(dms.DmsInputError, match="DMS CUSTOMER ID 5555 IS NOT IN THE DMS"):
        dms.choose_customer(claim_db, 1, connector, "CLERK", "5555")
    with pytest.raises(dms.DmsInputError, match="DMS VEHICLE ID V9 IS NOT IN THE DMS"):
        dms.choose_vehicle(claim_db, 1, connector, "CLERK", "V9")
    with pytest.raises(dms.DmsInputError, match="DMS REPAIR ID"):
        dms.set_repair_id(claim_db, 1, "BAD ID!", "CLERK")
    assert snapshot(claim_db) == before


def test_outbox_writes_one_file_per_transaction_and_reads_refusals_back(claim_db: Database, tmp_path: Path) -> None:
    outbox = OutboxConnector(tmp_path)
    r1, r2 = receipt(claim_db), receipt(claim_db, "20.00")
    assert dms.export_ready_payments(claim_db, outbox, "CLERK").posted == 2
    files = sorted((tmp_path / "outbox").glob("*.json"))
    assert not list((tmp_path / "outbox").glob(".tmp-*"))
    everything = [json.loads(f.read_text()) for f in files]
    # The repair order reserved for the work order, then one file per payment.
    assert [s["payload"] for s in everything if s["kind"] == "repair_order"] == [
        {"report_number": 1, "repair_order": "100001"}]
    sent = [s for s in everything if s["kind"] == "payment"]
    assert len(sent) == 2 and all(s["payload"]["repair_id"] == "100001" for s in sent)
    assert {s["payload"]["receipt_id"] for s in sent} == {r1.id, r2.id} and all(s["kind"] == "payment" for s in sent)
    key2 = next(s["idempotency_key"] for s in sent if s["payload"]["receipt_id"] == r2.id)
    (tmp_path / "acks").mkdir()
    (tmp_path / "acks" / f"{key2}.json").write_text(json.dumps({"ok": False, "message": "unknown account"}))
    summary = dms.export_ready_payments(claim_db, outbox, "CLERK")
    assert summary.failed == 1  # the refusal was read back, exported again with the same key, refused again
    row = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}[r2.id]
    assert (row.status, row.failure_message) == ("Failed", "UNKNOWN ACCOUNT")
    (tmp_path / "acks" / f"{key2}.json").write_text(json.dumps({"ok": True, "reference_id": "GL-77"}))
    assert dms.export_ready_payments(claim_db, outbox, "CLERK").posted == 1
    assert len(list((tmp_path / "outbox").glob("*.json"))) == 3  # a retry never adds a transaction
    assert dms.reserve_repair_id(claim_db, 1, outbox, "CLERK") == "100001"


def test_history_csv_and_pdf(claim_db: Database, fake_dms: FakeDms, tmp_path: Path) -> None:
    receipt(claim_db)
    dms.set_repair_id(claim_db, 1, "12345678", "CLERK")
    dms.export_ready_payments(claim_db, http(fake_dms), "CLERK")
    rows = list(csv.reader(io.StringIO(dms.history_csv(claim_db, 1))))
    assert rows[0] == ["Report #", "Date", "Completed By", "Description", "Amount $", "Status", "Reference ID"]
    assert rows[1][3].startswith("Export: ")
    assert any(r[3] == "Payment posted" and r[4] == "1,000.00" and r[5] == "Posted" for r in rows[1:])
    assert any(r[3] == "DMS Repair ID added" and r[6] == "12345678" and r[2] == "CLERK EMPLOYEE" for r in rows)
    # dates as every screen shows them (MM-DD-YY), never the old MM/DD/YYYY
    events = dms.history(claim_db, 1)
    assert [r[1] for r in rows[1:]] == [f"{e.at:%m-%d-%y %H:%M}" for e in events]
    pdf = dms.history_pdf(claim_db, 1, at=datetime(2026, 12, 5, 9, 7))
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "1 - DMS ACTIVITY" in text and "Payment posted" in text and "12345678" in text
    assert "PRINTED 12-05-26 09:07" in text and f"{events[0].at:%m-%d-%y %H:%M}" in text
    assert not re.search(r"\d\d/\d\d/\d{4}", text)
    csv_path, pdf_path = dms.export_summary(claim_db, 1, tmp_path / "out")
    assert csv_path.read_text().startswith("Report #") and pdf_path.read_bytes().startswith(b"%PDF")


def test_print_history_keeps_the_pdf_in_the_spool(claim_db: Database, tmp_path: Path) -> None:
    from carsplus_tui.settings import Settings

    outcome = dms.print_history(claim_db, 1, settings=Settings(spool_dir=tmp_path, printer=""))
    assert outcome.pdf_path.parent == tmp_path and outcome.message.startswith("NO PRINTER SET - KEPT IN")


def test_two_exports_at_once_post_once_and_write_one_event(claim_db: Database, fake_dms: FakeDms) -> None:
    import threading

    for _ in range(4):
        receipt(claim_db, "10.00")
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(
        dms.export_ready_payments(claim_db, http(fake_dms), "CLERK"))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(results) == 2 and sum(r.failed for r in results) == 0
    assert all(r.status == "Posted" for r in dms.load_activity(claim_db, 1).receipts)
    assert sorted(fake_dms.applications.values()) == [1, 1, 1, 1]
    assert sum(e.description == "Payment posted" for e in dms.history(claim_db, 1)) == 4


def test_outbox_searches_the_lists_the_dms_keeps_in_the_folder(claim_db: Database, tmp_path: Path) -> None:
    (tmp_path / "customers.json").write_text(json.dumps([{"id": "C-7", "name": "Lampert, Gus", "address": "12 Shadywood"},
                                                         {"id": "C-8", "name": "Smith, Ann"}]))
    (tmp_path / "vehicles.json").write_text(json.dumps([{"id": "V-1", "description": "2007 Dodge Caravan",
                                                        "vin": "", "unit_number": "001888"}]))
    outbox = OutboxConnector(tmp_path)
    assert [c.id for c in dms.search_customers(outbox, "LAMPERT")] == ["C-7"]
    assert dms.choose_customer(claim_db, 1, outbox, "CLERK", "c-7") == "C-7"
    assert dms.choose_vehicle(claim_db, 1, outbox, "CLERK", "V-1") == "V-1"
    with pytest.raises(dms.DmsInputError, match="DMS CUSTOMER ID C-8 IS NOT IN THE DMS FOR LAMPERT"):
        dms.choose_customer(claim_db, 1, outbox, "CLERK", "C-8")
    # Customer not listed: a new customer record goes to the outbox.
    new_id = dms.choose_customer(claim_db, 1, outbox, "CLERK", None)
    assert new_id.startswith("NEW-") and dms.load_activity(claim_db, 1).properties.customer_new
    kinds = [json.loads(f.read_text())["kind"] for f in (tmp_path / "outbox").glob("*.json")]
    assert kinds == ["customer"]


def test_new_customer_and_vehicle_records_of_two_reports_get_ids_of_their_own(tmp_path: Path) -> None:
    # The outbox DMS answers later; until then each new record needs an ID no other report shares, or payments of
    # different renters would be posted to one DMS customer.
    from carsplus_tui.dms.protocol import NewCustomer, NewVehicle

    outbox = OutboxConnector(tmp_path)
    customers = {outbox.create_customer(NewCustomer(name=f"RENTER {n}"), f"customer-{n}") for n in (48, 49)}
    vehicles = {outbox.create_vehicle(NewVehicle(make="DODGE", model="CARAVAN"), f"vehicle-{n}") for n in (48, 49)}
    assert customers == {"NEW-CUSTOMER-48", "NEW-CUSTOMER-49"}
    assert vehicles == {"NEW-VEHICLE-48", "NEW-VEHICLE-49"}


def test_an_unreachable_dms_is_retried_then_reported(claim_db: Database) -> None:
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = receipt(claim_db)
    connector = HttpConnector(f"http://127.0.0.1:{port}/", timeout=0.5, retries=2, backoff=0.01)
    summary = dms.export_ready_payments(claim_db, connector, "CLERK")
    assert summary.failed == 1 and "CANNOT REACH THE DMS" in summary.messages[0] and "TRIED 3 TIMES" in summary.messages[0]
    row = dms.load_activity(claim_db, 1).receipts[0]
    assert (row.id, row.status, row.in_doubt) == (r.id, "Failed", True)
