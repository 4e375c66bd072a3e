"""The outbox DMS: a bad acknowledgement is quarantined and the export goes on, temporary files never sit where a
DMS job picking up `*.json` looks (and a killed export's are cleaned at the next), the files' mode is configurable,
and a refusal written back can be corrected and resent under a new key. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import stat
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.dms import connector_from_settings
from carsplus_tui.dms.outbox import OutboxConnector, write_atomically
from carsplus_tui.services import dms
from carsplus_tui.settings import Settings
from tests.builders import PASSWORD


def receipt(db: Database, amount: str = "900.00") -> dms.Receipt:
    return dms.add_receipt(db, 1, payer_type="INSURANCE", payer_name="AETNA", amount=amount,
                           received_date=date(2009, 8, 1), employee="CLERK")


def sent(folder: Path) -> dict[str, dict]:
    """What a DMS job picking up `outbox/*.json` (hidden files too) would post: key -> payment."""
    return {p.stem: json.loads(p.read_text())["payload"] for p in (folder / "outbox").glob("*.json")
            if json.loads(p.read_text())["kind"] == "payment"} | {
        p.name: {} for p in (folder / "outbox").glob(".*")}


def key_of(db: Database, receipt_id: int) -> str:
    return next(r.idempotency_key for r in dms.load_activity(db, 1).receipts if r.id == receipt_id)


def test_a_bad_acknowledgement_is_quarantined_and_the_export_goes_on(claim_db: Database, tmp_path: Path) -> None:
    outbox = OutboxConnector(tmp_path)
    first, second, third = receipt(claim_db), receipt(claim_db, "20.00"), receipt(claim_db, "30.00")
    assert dms.export_ready_payments(claim_db, outbox, "CLERK").posted == 3
    (tmp_path / "acks").mkdir()
    bad = tmp_path / "acks" / f"{key_of(claim_db, first.id)}.json"
    bad.write_text('{"ok": tru')  # cut short
    (tmp_path / "acks" / f"{key_of(claim_db, second.id)}.json").write_text(json.dumps({"ok": False,
                                                                                     "message": "closed period"}))
    (tmp_path / "acks" / f"{key_of(claim_db, third.id)}.json").write_text(json.dumps({"ok": True,
                                                                                    "reference_id": "GL-3"}))
    later = receipt(claim_db, "40.00")
    summary = dms.export_ready_payments(claim_db, outbox, "CLERK")
    # The bad one is moved aside and named; the refusal, the reference and the new receipt all went through.
    assert not bad.exists() and (tmp_path / "quarantine" / bad.name).read_text() == '{"ok": tru'
    assert any(f"acks/{bad.name}" in n and f"MOVED TO quarantine/{bad.name}" in n for n in summary.notices)
    rows = {r.id: r for r in dms.load_activity(claim_db, 1).receipts}
    assert (rows[second.id].status, rows[second.id].failure_message) == ("Failed", "CLOSED PERIOD")
    assert rows[third.id].reference_id == "GL-3" and rows[later.id].status == "Posted"
    assert rows[first.id].status == "Posted"  # in the outbox; the DMS may answer again
    # Shapes that parse as JSON but are no acknowledgement are quarantined too.
    for n, text in enumerate(('[]', '{"ok": "yes"}', '{"reference_id": "X"}', '{"ok": true, "reference_id": null, '
                                                                              '"id": [1]}')):
        bad.write_text(text)
        notes = dms.export_ready_payments(claim_db, outbox, "CLERK").notices
        assert len(notes) == 1 and "NOT UNDERSTOOD" in notes[0] and not bad.exists()
    assert len(list((tmp_path / "quarantine").iterdir())) == 5


def test_the_cli_names_the_quarantined_acknowledgement(claim_db: Database, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from carsplus_tui.cli import main

    r = receipt(claim_db)
    dms.export_ready_payments(claim_db, OutboxConnector(tmp_path / "dms-outbox"), "CLERK")
    (tmp_path / "dms-outbox" / "acks").mkdir()
    (tmp_path / "dms-outbox" / "acks" / f"{key_of(claim_db, r.id)}.json").write_bytes(b"\x00\xff")
    receipt(claim_db, "5.00")
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", claim_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)
    result = CliRunner().invoke(main, ["dms", "export", "--all", "--employee", "CLERK"])
    assert result.exit_code == 0, result.output
    assert f"MOVED TO quarantine/{key_of(claim_db, r.id)}.json" in result.output
    assert "1 OF 1 PAYMENTS POSTED" in result.output


def test_temporary_files_never_match_star_json_and_are_cleaned(claim_db: Database, tmp_path: Path) -> None:
    outbox = OutboxConnector(tmp_path)
    # What killed exports left: one of ours (its process is gone), one of an earlier version inside outbox/, one
    # from another host long ago, and one being written right now by a live process (kept).
    (tmp_path / "tmp").mkdir(parents=True)
    (tmp_path / "outbox").mkdir()
    from carsplus_tui.dms.outbox import _host

    dead = (tmp_path / "tmp" / f"{_host()}-999999999-abc.part")
    live = (tmp_path / "tmp" / f"{_host()}-{os.getppid()}-def.part")
    other = (tmp_path / "tmp" / "otherhost-12-aaa.part")
    legacy = (tmp_path / "outbox" / ".tmp-x1y2.json")
    for path in (dead, live, other, legacy):
        path.write_text('{"kind": "payment"}')
    old = time.time() - 3600  # left-over files an hour old (mtime), not a timing assertion
    os.utime(other, (old, old))
    os.utime(legacy, (old, old))
    receipt(claim_db)
    summary = dms.export_ready_payments(claim_db, outbox, "CLERK")
    assert summary.posted == 1 and "3 LEFT-OVER TEMPORARY FILE(S) REMOVED" in summary.notices[0]
    assert [p.exists() for p in (dead, live, other, legacy)] == [False, True, False, False]
    # Everything a `*.json` job sees is a real transaction, written with mode 0640.
    files = sorted((tmp_path / "outbox").glob("*.json")) + sorted((tmp_path / "outbox").glob(".*"))
    assert len(files) == 2 and all(not p.name.startswith(".") for p in files)
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o640}


def test_a_write_never_leaves_a_json_temporary(tmp_path: Path) -> None:
    target = tmp_path / "outbox" / "k.json"
    with pytest.raises(TypeError):
        write_atomically(target, {"x": object()}, temporary_dir=tmp_path / "tmp")  # fails half-way
    assert not target.exists() and list((tmp_path / "tmp").iterdir()) == []
    write_atomically(target, {"x": 1}, temporary_dir=tmp_path / "tmp", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644 and list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.parametrize(("text", "mode"), [("0640", 0o640), ("644", 0o644), ("0o600", 0o600)])
def test_the_outbox_mode_is_configurable(tmp_path: Path, text: str, mode: int) -> None:
    connector = connector_from_settings(Settings(dms_outbox_dir=tmp_path, dms_outbox_mode=text))
    assert connector.file_mode == mode
    connector.reserve_repair_order(7, "repair-order-7")
    assert stat.S_IMODE(connector.transaction_path("repair-order-7").stat().st_mode) == mode


@pytest.mark.parametrize("text", ["rw-r-----", "0999", "7777", "0040", ""])
def test_a_bad_outbox_mode_is_one_line(tmp_path: Path, text: str) -> None:
    with pytest.raises(ValueError, match="CARSPLUS_DMS_OUTBOX_MODE"):
        connector_from_settings(Settings(dms_outbox_dir=tmp_path, dms_outbox_mode=text))


def test_a_refusal_written_back_is_corrected_and_resent_under_a_new_key(claim_db: Database, tmp_path: Path) -> None:
    outbox = OutboxConnector(tmp_path)
    r = receipt(claim_db)
    dms.export_ready_payments(claim_db, outbox, "CLERK")
    old_key = key_of(claim_db, r.id)
    (tmp_path / "acks").mkdir()
    (tmp_path / "acks" / f"{old_key}.json").write_text(json.dumps({"ok": False, "message": "amount is 850.00"}))
    assert dms.export_ready_payments(claim_db, outbox, "CLERK").failed == 1  # the same key: the same refusal
    assert set(sent(tmp_path)) == {old_key}
    dms.correct_refused_receipt(claim_db, r.id, "CLERK", amount="850.00")
    assert dms.export_ready_payments(claim_db, outbox, "CLERK").posted == 1
    new_key = key_of(claim_db, r.id)
    assert new_key != old_key and sent(tmp_path)[new_key]["amount"] == "850.00"
    assert set(sent(tmp_path)) == {old_key, new_key}  # the refused file stays; the DMS already answered it
    shown = next(x for x in dms.load_activity(claim_db, 1).receipts if x.id == r.id)
    assert (shown.status, shown.amount) == ("Posted", Decimal("850.00"))
    kept = next(e for e in dms.history(claim_db, 1) if e.description.startswith("Refused: "))
    assert (kept.amount, kept.reference_id) == (Decimal("900.00"), old_key)
