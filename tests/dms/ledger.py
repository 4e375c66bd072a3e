"""The check every DMS scenario ends with: the product's receipts agree with what the DMS holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.services import dms
from tests.dms.fake_dms import FakeDms


def assert_not_changeable(db: Database, r: dms.Receipt) -> None:
    """A receipt in doubt cannot be voided, adjusted or corrected (the message says to export again)."""
    for refused in (lambda: dms.void_receipt(db, r.id, "CLERK"),
                    lambda: dms.correct_refused_receipt(db, r.id, "CLERK", amount="1.00")):
        with pytest.raises(dms.DmsInputError, match="IN DOUBT - EXPORT AGAIN"):
            refused()


def assert_agrees_with_the_ledger(db: Database, fake: FakeDms, report_number: int = 1) -> None:
    """Each key posted at most once and each receipt under one key at most; Posted = the DMS holds it under its key
    with that reference; not in doubt and not Posted = the DMS holds nothing of it; in doubt = either, and it cannot
    be voided, adjusted or corrected."""
    assert all(n == 1 for n in fake.applications.values()), fake.applications
    for r in dms.load_activity(db, report_number).receipts:
        held = fake.keys_of(r.id)
        assert len(held) <= 1, (r, held)
        if r.status == "Posted":
            assert held == [r.idempotency_key] and fake.applied[r.idempotency_key] == r.reference_id, (r, held)
            assert not r.in_doubt
        elif not r.in_doubt:
            assert held == [], (r, held)
        else:
            assert r.status in ("Ready", "Failed") and r.idempotency_key and r.shown_status == "IN DOUBT"
            assert held in ([], [r.idempotency_key]), (r, held)
            assert_not_changeable(db, r)


def outbox_payments(folder: Path) -> dict[str, int]:
    """What a DMS job picking up `outbox/*.json` (hidden files too) would post: key -> receipt id."""
    found: dict[str, int] = {}
    for path in [*(folder / "outbox").glob("*.json"), *(folder / "outbox").glob(".*")]:
        data = json.loads(path.read_text())
        if data.get("kind") == "payment":
            assert path.name == f"{data['idempotency_key']}.json", path  # never a temporary or a second copy
            found[data["idempotency_key"]] = data["payload"]["receipt_id"]
    return found


def refused_keys(folder: Path) -> set[str]:
    keys = set()
    for path in (folder / "acks").glob("*.json"):
        try:
            data = json.loads(path.read_text())
        except ValueError:
            continue
        if isinstance(data, dict) and data.get("ok") is False:
            keys.add(path.stem)
    return keys


def assert_agrees_with_the_outbox(db: Database, folder: Path, report_number: int = 1) -> None:
    """The outbox holds each receipt under one key at most (besides keys the DMS refused); Posted = its file is
    there; not in doubt and Ready = no file of it besides refused ones; in doubt = not changeable."""
    payments = outbox_payments(folder)
    refused = refused_keys(folder)
    for r in dms.load_activity(db, report_number).receipts:
        held = [k for k, rid in payments.items() if rid == r.id]
        others = [k for k in held if k != r.idempotency_key]
        assert all(k in refused for k in others), (r, held)  # a second live copy would be posted twice
        if r.status == "Posted":
            assert r.idempotency_key in held, (r, held)
        elif r.in_doubt:
            assert_not_changeable(db, r)
        elif r.status in ("Ready", "Void"):
            assert r.idempotency_key not in held or r.idempotency_key in refused, (r, held)
        else:  # Failed and settled: the DMS refused its key
            assert r.idempotency_key in refused, r
