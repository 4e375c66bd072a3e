"""Exactly once, for real: `carsplus dms export --all` runs as its own process against a real HTTP server on
loopback that plays the DMS (it refuses some calls, fails others with 503, answers others too late, and records what
it received). The process is killed with SIGKILL in the middle of the batch, after the DMS took a payment and before
the process could write it down; run again, every receipt is posted exactly once and every status is right."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services import dms
from tests.builders import PASSWORD
from tests.dms.fake_dms import FakeDms

RECEIPTS = [("INSURANCE", "AETNA", "1000.00"), ("CUSTOMER", "LAMPERT", "150.00"), ("THIRD PARTY", "JOHNSON", "75.25"),
            ("INSURANCE", "AETNA", "1000.00"), ("CUSTOMER", "LAMPERT", "20.00"), ("ADJUSTMENT", "GOODWILL", "-10.00"),
            ("INSURANCE", "QUALITY INS", "300.00")]


def export_process(db: Database, fake: FakeDms) -> subprocess.Popen:
    env = {**os.environ, "CARSPLUS_DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
           "CARSPLUS_DMS_CONNECTOR": "http", "CARSPLUS_DMS_URL": fake.url, "CARSPLUS_DMS_TIMEOUT": "0.4",
           "CARSPLUS_DMS_RETRIES": "2", "CARSPLUS_PASSWORD": PASSWORD}
    return subprocess.Popen([sys.executable, "-m", "carsplus_tui", "dms", "export", "--all", "--employee", "CLERK"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def statuses(db: Database) -> dict[int, m.DmsReceipt]:
    with db.read() as s:
        return {r.id: r for r in s.scalars(select(m.DmsReceipt))}


def test_killed_in_the_middle_of_a_batch_and_run_again_posts_each_receipt_once(claim_db: Database,
                                                                             fake_dms: FakeDms) -> None:
    ids = [dms.add_receipt(claim_db, 1, payer_type=t, payer_name=n, amount=a, received_date=date(2009, 8, 3),
                           employee="CLERK").id for t, n, a in RECEIPTS]
    voided = dms.add_receipt(claim_db, 1, payer_type="CUSTOMER", payer_name="X", amount="1.00", employee="CLERK").id
    dms.void_receipt(claim_db, voided, "CLERK")
    b = fake_dms.behaviour
    b.fail_times[ids[1]] = 2  # 503 twice, then taken (retries inside the run)
    b.slow_times[ids[2]] = 1  # taken, but the answer is late once: the retry with the same key gets it
    b.refuse_times[ids[3]] = 1  # refused: Failed in the first run, exported again in the second
    b.hang_on.add(ids[4])  # taken, then no answer ever: the process is killed while it waits
    b.slow_seconds = 1.0

    first = export_process(claim_db, fake_dms)
    try:
        assert fake_dms.hung.wait(20), first.communicate(timeout=5)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL
    fake_dms.release.set()

    after_kill = statuses(claim_db)
    assert [after_kill[i].status for i in ids] == ["Posted", "Posted", "Posted", "Failed", "Ready", "Ready",
                                                       "Ready"]
    assert [after_kill[i].in_doubt for i in ids] == [False, False, False, False, True, False, False]
    assert after_kill[ids[3]].failure_message == "GL PERIOD CLOSED"
    interrupted = after_kill[ids[4]]
    assert interrupted.idempotency_key and interrupted.export_started_at and interrupted.reference_id is None
    assert after_kill[ids[5]].idempotency_key is None  # never reached
    assert fake_dms.applications[interrupted.idempotency_key] == 1  # the DMS holds it; we did not hear back
    try:
        dms.void_receipt(claim_db, ids[4], "CLERK")
        raise AssertionError("a receipt the DMS may hold was voided")
    except dms.DmsInputError as exc:
        assert "EXPORT AGAIN" in str(exc)

    started = time.monotonic()
    second = export_process(claim_db, fake_dms)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "4 OF 4 PAYMENTS POSTED" in out and time.monotonic() - started < 15

    final = statuses(claim_db)
    assert [final[i].status for i in ids] == ["Posted"] * len(ids) and final[voided].status == "Void"
    assert all(final[i].posted_at is not None for i in ids)
    keys = [final[i].idempotency_key for i in ids]
    assert len(set(keys)) == len(ids)
    # Exactly once: the DMS applied each key once and holds exactly these receipts, with the right amounts.
    assert fake_dms.applications == dict.fromkeys(keys, 1)
    assert {k: fake_dms.payment_of_key[k]["amount"] for k in keys} == {
        final[i].idempotency_key: a for i, (_, _, a) in zip(ids, RECEIPTS, strict=True)}
    assert {final[i].reference_id for i in ids} == {fake_dms.applied[k] for k in keys}
    assert interrupted.idempotency_key == final[ids[4]].idempotency_key  # the retry reused the key
    assert all(body.get("receipt_id") != voided for _, _, body in fake_dms.received)
    # Every call that created something carried its key.
    assert all(key for path, key, _ in fake_dms.received if path.endswith("payments"))
    # The nightly export reserved the report's repair order first, and every payment carried it.
    assert all(fake_dms.payment_of_key[k]["repair_id"] == "RO000001" for k in keys)
    history = dms.history(claim_db, 1)
    assert sum(e.description == "Payment posted" for e in history) == len(ids)
    assert history[0].description == "Export: 4 posted, 0 failed" and history[0].completed_by == "CLERK EMPLOYEE"
