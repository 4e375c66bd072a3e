"""Exactly once, for real: `carsplus dms export --all` runs as its own process against a real HTTP server on
loopback that plays the DMS (it refuses some calls, fails others with 503, answers others too late, and records what
it received). The process is killed with SIGKILL in the middle of the batch, after the DMS took a payment and before
the process could write it down; run again, every receipt is posted exactly once and every status is right."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from contextlib import suppress
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services import dms
from tests.builders import PASSWORD
from tests.dms.fake_dms import FakeDms
from tests.dms.ledger import assert_agrees_with_the_ledger, assert_agrees_with_the_outbox, outbox_payments

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


# -- every answer a DMS can give, with the export killed at seeded random points ---------------------------------

KILLS = 10


def limited_process(db: Database, env: dict[str, str]) -> subprocess.Popen:
    env = {**os.environ, "CARSPLUS_DATABASE_URL": db.engine.url.render_as_string(hide_password=False),
           "CARSPLUS_PASSWORD": PASSWORD, "CARSPLUS_DMS_EXPORT_BUDGET": "20", **env}
    return subprocess.Popen([sys.executable, "-m", "carsplus_tui", "dms", "export", "--all", "--employee", "CLERK"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill(process: subprocess.Popen) -> None:
    with suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=20)


def settle(run, check, between=lambda: None, *, runs: int = 8) -> None:  # noqa: ANN001
    """Export until an export posts everything it tried (a loaded machine may leave one in doubt once more),
    checking after each; `between` may correct what the DMS refused."""
    for _ in range(runs):
        process = run()
        out, err = process.communicate(timeout=60)
        assert process.returncode in (0, 3) and "Traceback" not in err, (out, err)
        check()
        if process.returncode == 0:
            return
        between()
    raise AssertionError(f"still not settled after {runs} exports: {out}")


def test_every_answer_a_dms_can_give_with_seeded_kills(claim_db: Database, fake_dms: FakeDms) -> None:
    """Plain, 5xx then 200 (Retry-After), late answers, 409 while processing, malformed 200s, a refusal corrected
    under a new key, a hang, a refusal once: the export is killed 10 times at seeded random points (while the DMS
    holds its answer, or just after it answered), and after every kill and every export the product agrees with the
    DMS's ledger and no receipt in doubt can be voided, adjusted or corrected."""
    amounts = ["10.00", "11.00", "12.00", "13.00", "14.00", "15.00", "16.16", "17.00", "18.00", "19.00"]
    ids = [dms.add_receipt(claim_db, 1, payer_type="INSURANCE", payer_name="AETNA", amount=a,
                           received_date=date(2009, 8, 3), employee="CLERK").id for a in amounts]
    b = fake_dms.behaviour
    b.fail_times[ids[1]] = 3
    b.retry_after = "0"
    b.slow_times[ids[2]] = 2
    b.slow_seconds = 0.6
    b.processing[ids[3]] = 1.5
    b.malformed[ids[4]] = ["null", "empty-list"]
    b.malformed[ids[5]] = ["garbage", "empty-object", "truncated"]
    b.refuse_amounts.add("16.16")  # refused until corrected
    b.hang_on.add(ids[7])
    b.refuse_times[ids[8]] = 1
    env = {"CARSPLUS_DMS_CONNECTOR": "http", "CARSPLUS_DMS_URL": fake_dms.url, "CARSPLUS_DMS_TIMEOUT": "0.3",
           "CARSPLUS_DMS_RETRIES": "1"}
    rng = random.Random(19)
    kills, seen_in_doubt = 0, False
    for round_ in range(KILLS):
        fake_dms.pause_at = fake_dms.payment_requests + rng.randint(1, 3)
        hold = rng.random() < 0.5  # kill while the DMS holds its answer, or a moment after it answered
        process = limited_process(claim_db, env)
        if hold:
            reached = False
            while process.poll() is None and not (reached := fake_dms.paused.wait(0.2)):
                continue
            if reached:
                kill(process)
                kills += 1
        else:
            fake_dms.pause_at = None
            target = fake_dms.payment_requests + rng.randint(1, 3)
            while process.poll() is None and not fake_dms.wait_for_payment_requests(target, 0.2):
                continue
            time.sleep(rng.uniform(0, 0.05))
            if process.poll() is None:
                kill(process)
                kills += 1
        if process.poll() is None or process.returncode is None:
            process.communicate(timeout=60)
        # Release a held answer for the next round (the killed client never reads it).
        fake_dms.resume.set()
        fake_dms.paused, fake_dms.resume = threading.Event(), threading.Event()
        fake_dms.pause_at = None
        assert_agrees_with_the_ledger(claim_db, fake_dms)
        seen_in_doubt |= any(r.in_doubt for r in dms.load_activity(claim_db, 1).receipts)
        refused = next(r for r in dms.load_activity(claim_db, 1).receipts if r.id == ids[6])
        if round_ >= KILLS // 2 and refused.status == "Failed" and not refused.in_doubt:
            dms.correct_refused_receipt(claim_db, ids[6], "CLERK", amount="16.00")  # a new key goes next time
    assert kills >= KILLS // 2 and seen_in_doubt  # most rounds really were killed mid-export
    fake_dms.release.set()

    def correct_the_refused_one() -> None:
        refused = next(r for r in dms.load_activity(claim_db, 1).receipts if r.id == ids[6])
        if refused.status == "Failed" and not refused.in_doubt and refused.amount == Decimal("16.16"):
            dms.correct_refused_receipt(claim_db, ids[6], "CLERK", amount="16.00")

    settle(lambda: limited_process(claim_db, env), lambda: assert_agrees_with_the_ledger(claim_db, fake_dms),
           correct_the_refused_one)
    final = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}
    assert [final[i].shown_status for i in ids] == ["Posted"] * len(ids)
    assert sorted(fake_dms.applications.values()) == [1] * len(ids)  # each receipt once, under one key
    assert {fake_dms.payment_of_key[final[i].idempotency_key]["amount"] for i in ids} == {*amounts} - {"16.16"} | {
        "16.00"}
    assert any(e.description.startswith("Refused: ") for e in dms.history(claim_db, 1))


def test_the_outbox_with_seeded_kills_a_corrupt_ack_and_a_refusal_then_correction(claim_db: Database,
                                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "outbox-dms"
    ids = [dms.add_receipt(claim_db, 1, payer_type="CUSTOMER", payer_name="LAMPERT", amount=f"{n}.00",
                           received_date=date(2009, 8, 3), employee="CLERK").id for n in range(1, 61)]
    env = {"CARSPLUS_DMS_CONNECTOR": "outbox", "CARSPLUS_DMS_OUTBOX_DIR": str(folder)}
    rng = random.Random(1919)
    acks = folder / "acks"
    acks.mkdir(parents=True)
    corrupted = refused = None
    killed, progress = 0, []
    for _ in range(KILLS):
        target = len(list((folder / "outbox").glob("*.json"))) + rng.randint(1, 5)
        process = limited_process(claim_db, env)
        while process.poll() is None and len(list((folder / "outbox").glob("*.json"))) < target:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.01))  # a few files into this export, at a random point of a receipt's steps
        kill(process)
        killed += process.returncode == -signal.SIGKILL
        progress.append(sum(r.status == "Posted" for r in dms.load_activity(claim_db, 1).receipts))
        assert_agrees_with_the_outbox(claim_db, folder)
        assert not list((folder / "outbox").glob(".*"))  # no temporary where a DMS job looks
        posted = [r for r in dms.load_activity(claim_db, 1).receipts if r.status == "Posted"]
        if corrupted is None and posted:  # the DMS writes one unreadable acknowledgement...
            corrupted = posted[0]
            (acks / f"{corrupted.idempotency_key}.json").write_text('{"ok": tr')
        elif refused is None and len(posted) > 1:  # ...and refuses another one
            refused = posted[-1]
            (acks / f"{refused.idempotency_key}.json").write_text(json.dumps({"ok": False, "message": "wrong payer"}))
    assert corrupted is not None and refused is not None
    assert killed >= KILLS // 2 and 0 < progress[0] < len(ids), (killed, progress)  # killed mid-export, mostly

    def run_to_the_end() -> subprocess.CompletedProcess:
        process = limited_process(claim_db, env)
        out, err = process.communicate(timeout=60)
        assert "Traceback" not in err, err
        assert_agrees_with_the_outbox(claim_db, folder)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    first = run_to_the_end()
    assert f"MOVED TO quarantine/{corrupted.idempotency_key}.json" in first.stdout or (
        folder / "quarantine" / f"{corrupted.idempotency_key}.json").exists()
    assert first.returncode == 3 and "WRONG PAYER" in first.stdout  # the refusal read back and sent again: refused
    dms.correct_refused_receipt(claim_db, refused.id, "CLERK", payer_name="AETNA")
    assert run_to_the_end().returncode == 0
    final = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}
    assert all(final[i].status == "Posted" for i in ids)
    payments = outbox_payments(folder)
    assert sorted(payments.values()) == sorted([*ids, refused.id])  # each once, plus the refused attempt's file
    assert final[refused.id].idempotency_key != refused.idempotency_key
    assert not list((folder / "tmp").glob("*"))  # what the killed exports left was cleaned
