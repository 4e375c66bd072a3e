"""Whatever the DMS answers, the product's status agrees with the DMS's ledger: malformed answers, 409 "still
processing", 5xx with Retry-After, refusals corrected under a new key, capped corrections, the export's time budget,
the circuit and cancelling. On SQLite and PostgreSQL (the `db` fixture)."""

from __future__ import annotations

import threading
import time
from datetime import date
from decimal import Decimal

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.dms.http import HttpConnector, JitteredRetry
from carsplus_tui.services import dms
from tests.dms.fake_dms import MALFORMED, FakeDms
from tests.dms.ledger import assert_agrees_with_the_ledger


def receipt(db: Database, amount: str = "900.00", payer_type: str = "INSURANCE", name: str = "AETNA") -> dms.Receipt:
    return dms.add_receipt(db, 1, payer_type=payer_type, payer_name=name, amount=amount,
                           received_date=date(2009, 8, 1), employee="CLERK")


def http(fake: FakeDms, **kw) -> HttpConnector:  # noqa: ANN003
    return HttpConnector(fake.url, timeout=kw.pop("timeout", 10.0), retries=kw.pop("retries", 2), backoff=0.05, **kw)


def row(db: Database, receipt_id: int) -> dms.Receipt:
    return next(r for r in dms.load_activity(db, 1).receipts if r.id == receipt_id)


@pytest.mark.parametrize("shape", sorted(MALFORMED))
def test_an_answer_of_the_wrong_shape_is_never_posted(claim_db: Database, fake_dms: FakeDms, shape: str) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.malformed[r.id] = [shape]
    summary = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK")
    assert (summary.posted, summary.failed, summary.in_doubt) == (0, 1, 1)
    assert "DMS ANSWER NOT UNDERSTOOD" in summary.messages[0] and "IN DOUBT - EXPORT AGAIN" in summary.line
    shown = row(claim_db, r.id)
    assert (shown.status, shown.in_doubt, shown.failure_message, shown.reference_id) == (
        "Failed", True, "DMS ANSWER NOT UNDERSTOOD", None)
    assert_agrees_with_the_ledger(claim_db, fake_dms)
    # The DMS answers properly now: the same key settles it, and the DMS still holds it once.
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    shown = row(claim_db, r.id)
    assert shown.status == "Posted" and shown.reference_id == fake_dms.applied[shown.idempotency_key]
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_409_still_processing_stays_in_doubt_until_an_export_settles_it(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.processing[r.id] = 2.0  # longer than the time-out: the retries meet 409 "still processing"
    summary = dms.export_ready_payments(claim_db, http(fake_dms, timeout=0.3), "CLERK")
    assert summary.in_doubt == 1
    shown = row(claim_db, r.id)
    assert shown.in_doubt and "STILL PROCESSING" in (shown.failure_message or "")
    assert_agrees_with_the_ledger(claim_db, fake_dms)  # not voidable (the old bug: Failed, then voided)
    with pytest.raises(dms.DmsInputError, match="IN DOUBT - EXPORT AGAIN"):
        dms.void_receipt(claim_db, r.id, "CLERK")
    assert fake_dms.wait_for_payment_requests(1, 5)
    with fake_dms.changed:  # the DMS finishes its slow posting
        assert fake_dms.changed.wait_for(lambda: not fake_dms.in_process, 10)
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    assert row(claim_db, r.id).status == "Posted" and list(fake_dms.applications.values()) == [1]
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_5xx_then_200_with_retry_after_posts_once(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.fail_times[r.id] = 2
    fake_dms.behaviour.retry_after = "0"
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    assert fake_dms.payment_calls(r.id) == 3
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_a_retry_after_longer_than_the_budget_is_not_waited_for(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.fail_times[r.id] = 5
    fake_dms.behaviour.retry_after = "120"  # the back-off alone would retry after 0.05 s
    summary = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", budget_seconds=30)
    assert summary.in_doubt == 1 and "THE DMS ASKS TO WAIT 120 S" in summary.messages[0]
    assert fake_dms.payment_calls(r.id) == 1
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_retries_are_spread_with_jitter() -> None:
    retry = JitteredRetry(total=5, backoff_factor=1.0, backoff_max=30)
    for _ in range(3):
        retry = retry.increment(method="POST", url="/", error=ConnectionError("x"))
    waits = {retry.get_backoff_time() for _ in range(50)}
    assert len(waits) > 40 and all(2.0 <= w <= 4.0 for w in waits)  # half the step of 4 s, plus a random half
    first = JitteredRetry(total=5, backoff_factor=1.0).increment(method="POST", url="/", error=ConnectionError("x"))
    assert 0.5 <= first.get_backoff_time() <= 1.0  # urllib3 alone retries the first at once, with no jitter


def test_a_refused_payment_is_corrected_and_resent_under_a_new_key(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.refuse_amounts.add("900.00")
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").failed == 1
    refused = row(claim_db, r.id)
    assert refused.status == "Failed" and "DOES NOT MATCH" in (refused.failure_message or "")
    assert_agrees_with_the_ledger(claim_db, fake_dms)
    # Exporting it again as it is sends the same key and is refused again.
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").failed == 1
    with pytest.raises(dms.DmsInputError, match="NOTHING CHANGED"):
        dms.correct_refused_receipt(claim_db, r.id, "CLERK", amount="900.00")
    with pytest.raises(dms.DmsInputError, match="CANNOT BE NEGATIVE"):
        dms.correct_refused_receipt(claim_db, r.id, "CLERK", amount="-5")
    corrected = dms.correct_refused_receipt(claim_db, r.id, "CLERK", amount="850.00", payer_name="aetna ins",
                                            received_date=date(2009, 8, 2))
    assert (corrected.status, corrected.amount, corrected.payer_name, corrected.idempotency_key) == (
        "Ready", Decimal("850.00"), "AETNA INS", None)
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 1
    posted = row(claim_db, r.id)
    assert posted.status == "Posted" and posted.idempotency_key != refused.idempotency_key
    assert fake_dms.payment_of_key[posted.idempotency_key]["amount"] == "850.00"
    assert_agrees_with_the_ledger(claim_db, fake_dms)
    # The refused attempt is kept in the history: its amount, the DMS's message and its key.
    events = dms.history(claim_db, 1)
    kept = next(e for e in events if e.description.startswith("Refused: "))
    assert (kept.amount, kept.status, kept.reference_id) == (Decimal("900.00"), "Failed", refused.idempotency_key)
    assert "DOES NOT MATCH" in kept.description
    assert any(e.description == "Receipt corrected: AETNA INS 08-02-09" and e.amount == Decimal("850.00")
               for e in events)
    with pytest.raises(dms.DmsInputError, match="ONLY A RECEIPT THE DMS REFUSED"):
        dms.correct_refused_receipt(claim_db, r.id, "CLERK", amount="1.00")


def test_corrections_never_exceed_the_posted_receipt(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db, "500.00")
    other = receipt(claim_db, "300.00")
    dms.export_ready_payments(claim_db, http(fake_dms), "CLERK")
    full = dms.correct_posted_receipt(claim_db, r.id, "CLERK")
    assert full.amount == Decimal("-500.00")
    for _ in range(2):  # the old bug: three "corrections" put -1,000.00 against it
        with pytest.raises(dms.DmsInputError, match=f"RECEIPT {r.id} IS ALREADY FULLY REVERSED"):
            dms.correct_posted_receipt(claim_db, r.id, "CLERK")
    with pytest.raises(dms.DmsInputError, match="ALREADY FULLY REVERSED"):
        dms.add_receipt(claim_db, 1, payer_type="ADJUSTMENT", payer_name="X", amount="-0.01", employee="CLERK",
                        corrects_receipt_id=r.id)
    # Partial corrections add up to the receipt at most.
    assert dms.correct_posted_receipt(claim_db, other.id, "CLERK", amount="-200.00").amount == Decimal("-200.00")
    assert dms.reversal_left(claim_db, other.id) == Decimal("100.00")
    with pytest.raises(dms.DmsInputError, match=r"WOULD EXCEED RECEIPT .* AT MOST -100.00 LEFT"):
        dms.correct_posted_receipt(claim_db, other.id, "CLERK", amount="-100.01")
    with pytest.raises(dms.DmsInputError, match="MUST BE NEGATIVE"):
        dms.correct_posted_receipt(claim_db, other.id, "CLERK", amount="50.00")
    assert dms.correct_posted_receipt(claim_db, other.id, "CLERK").amount == Decimal("-100.00")
    # A voided adjustment makes room again.
    dms.void_receipt(claim_db, full.id, "CLERK")
    assert dms.correct_posted_receipt(claim_db, r.id, "CLERK").amount == Decimal("-500.00")
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 3
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_an_in_doubt_receipt_cannot_be_adjusted(claim_db: Database, fake_dms: FakeDms) -> None:
    r = receipt(claim_db)
    fake_dms.behaviour.malformed[r.id] = ["empty-list"]
    dms.export_ready_payments(claim_db, http(fake_dms), "CLERK")
    with pytest.raises(dms.DmsInputError, match="IN DOUBT - EXPORT AGAIN BEFORE ADJUSTING"):
        dms.correct_posted_receipt(claim_db, r.id, "CLERK")


def test_the_budget_leaves_the_rest_ready_with_a_message(claim_db: Database, fake_dms: FakeDms) -> None:
    ids = [receipt(claim_db, f"{n}.00").id for n in (1, 2, 3, 4)]
    fake_dms.behaviour.slow_times.update(dict.fromkeys(ids, 9))  # an answer never comes in time
    summary = dms.export_ready_payments(claim_db, http(fake_dms, timeout=0.2, retries=5), "CLERK",
                                        budget_seconds=0.5)
    assert summary.posted == 0 and summary.left >= 1 and summary.in_doubt + summary.left == 4
    assert f"{summary.left} LEFT READY: EXPORT TIME BUDGET OF 0.5 S USED" in summary.line
    statuses = [row(claim_db, i).shown_status for i in ids]
    assert statuses == ["IN DOUBT"] * summary.in_doubt + ["Ready"] * summary.left
    assert fake_dms.payment_calls(ids[-1]) == 0
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_the_circuit_stops_calling_a_dms_that_keeps_failing(claim_db: Database, fake_dms: FakeDms) -> None:
    ids = [receipt(claim_db, f"{n}.00").id for n in (1, 2, 3, 4, 5)]
    fake_dms.behaviour.fail_times.update(dict.fromkeys(ids, 99))
    circuit = dms.Circuit(failures=2, reset_seconds=3600)
    summary = dms.export_ready_payments(claim_db, http(fake_dms, retries=0), "CLERK", circuit=circuit)
    assert (summary.in_doubt, summary.left) == (2, 3)
    assert "THE DMS FAILED 2 TIMES IN A ROW" in summary.line
    assert [fake_dms.payment_calls(i) for i in ids] == [1, 1, 0, 0, 0]
    again = dms.export_ready_payments(claim_db, http(fake_dms, retries=0), "CLERK", circuit=circuit)
    assert again.left == 5 and again.in_doubt == 0 and sum(fake_dms.payment_calls(i) for i in ids) == 2
    # The DMS is back; once the circuit's time is up one call goes through, and a success closes it.
    fake_dms.behaviour.fail_times.clear()
    circuit.reset_seconds = 0.2
    time.sleep(0.3)
    assert dms.export_ready_payments(claim_db, http(fake_dms, retries=0), "CLERK", circuit=circuit).posted == 5
    assert not circuit.blocked() and circuit.in_a_row == 0
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_cancelling_an_export_leaves_the_rest_ready(claim_db: Database, fake_dms: FakeDms) -> None:
    ids = [receipt(claim_db, f"{n}.00").id for n in (1, 2, 3)]
    cancel = threading.Event()

    def progress(step: dms.ExportStep) -> None:
        if not step.sending:
            cancel.set()  # the clerk presses Esc while the first one is on its way: it finishes, the rest wait

    summary = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", progress=progress, cancel=cancel)
    assert (summary.posted, summary.left, summary.stopped) == (1, 2, "EXPORT CANCELLED")
    assert [row(claim_db, i).status for i in ids] == ["Posted", "Ready", "Ready"]
    # Cancelled before the DMS heard of it: it goes back to Ready, not in doubt.
    cancel = threading.Event()

    def at_once(step: dms.ExportStep) -> None:
        cancel.set()

    summary = dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", progress=at_once, cancel=cancel)
    assert (summary.posted, summary.left) == (0, 2) and "CANCELLED" in summary.line
    assert [row(claim_db, i).status for i in ids] == ["Posted", "Ready", "Ready"]
    assert sum(fake_dms.payment_calls(i) for i in ids) == 1
    assert_agrees_with_the_ledger(claim_db, fake_dms)


def test_the_migration_marks_what_a_killed_export_left_in_doubt(claim_db: Database, fake_dms: FakeDms) -> None:
    from sqlalchemy import text

    from carsplus_tui.db import migrate

    ids = [receipt(claim_db, f"{n}.00").id for n in (1, 2, 3)]
    dms.export_ready_payments(claim_db, http(fake_dms), "CLERK", report_number=1)
    claim_db.dispose()
    migrate.downgrade(claim_db.engine, "0004")
    with claim_db.engine.begin() as conn:  # what the code before 0005 left after a kill: Ready with its export started
        conn.execute(text("UPDATE dms_receipts SET status = 'Ready' WHERE id = :i"), {"i": ids[1]})
        conn.execute(text("UPDATE dms_receipts SET status = 'Ready', export_started_at = NULL WHERE id = :i"),
                     {"i": ids[2]})
    migrate.upgrade(claim_db.engine)
    claim_db.dispose()
    assert [row(claim_db, i).shown_status for i in ids] == ["Posted", "IN DOUBT", "Ready"]
    with pytest.raises(dms.DmsInputError, match="IN DOUBT - EXPORT AGAIN"):
        dms.void_receipt(claim_db, ids[1], "CLERK")
    assert dms.export_ready_payments(claim_db, http(fake_dms), "CLERK").posted == 2
    assert list(fake_dms.applications.values()) == [1, 1, 1]


def test_the_budget_covers_reserving_repair_orders_too(claim_db: Database, fake_dms: FakeDms) -> None:
    """The repair-order reservation before the payments is cut by the budget as well: fewer tries than the
    retries allow, and the payments never reached stay Ready."""
    ids = [receipt(claim_db, f"{n}.00").id for n in (1, 2)]
    fake_dms.behaviour.repair_order_seconds = 5  # answers too late, every time
    summary = dms.export_ready_payments(claim_db, http(fake_dms, timeout=0.3, retries=3), "CLERK",
                                        budget_seconds=0.6)
    reservations = sum(path.endswith("repair-orders") for path, _, _ in fake_dms.received)
    assert 1 <= reservations < 4  # 4 = the first try and 3 retries: what it took without a budget
    assert (summary.posted, summary.left) == (0, 2) and "EXPORT TIME BUDGET OF 0.6 S USED" in summary.line
    assert dms.load_activity(claim_db, 1).properties.repair_id is None
    assert [row(claim_db, i).shown_status for i in ids] == ["Ready", "Ready"] and fake_dms.payment_calls(ids[0]) == 0
