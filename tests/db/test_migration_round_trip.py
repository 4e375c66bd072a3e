"""Migrations never lose data silently: with real data (the sample, a long note, DMS activity), downgrade step by
step to 0001 and upgrade again. Each step that would drop or cut data says what and how much first (and the CLI
refuses it without --yes); the notes keep their whole text all the way down; what comes back up is every report as
it was (`report show`), every note whole, and every audit trail verified. On both databases."""

from __future__ import annotations

from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select, text

from carsplus_tui.cli import main
from carsplus_tui.db import migrate
from carsplus_tui.db import models as m
from carsplus_tui.db import notes as notes_repo
from carsplus_tui.db.database import Database
from carsplus_tui.services.audit import verify_all
from carsplus_tui.services.reports import report_json

LONG_NOTE = "RENTER CALLED BACK: " + "THE OTHER DRIVER'S INSURER ACCEPTS LIABILITY IN FULL. " * 5
AT = datetime(2026, 12, 1, 9, 15)


def _notes(db: Database) -> list[tuple[int, int, str]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text("SELECT id, report_number, text FROM notes ORDER BY id"))]


def _cli(db: Database, monkeypatch: pytest.MonkeyPatch, *args: str):  # noqa: ANN202
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_round_trip_keeps_every_report_and_says_what_each_step_drops(
    sample_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = sample_db
    with db.write() as session:
        notes_repo.add_note(session, 2, "CLAIMS", LONG_NOTE, AT)
        session.add(m.DmsProperties(report_number=1, repair_id="RO-1", customer_new=False, vehicle_new=False))
        session.add(m.DmsEvent(report_number=1, at=AT, employee_code="CLAIMS", description="DMS Repair ID added"))
    with db.read() as session:
        numbers = list(session.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)))
        audit_count = session.scalar(select(func.count()).select_from(m.AuditEntry))
    # A work order's Damage Work Entry details (shop, invoice, estimate, line kinds: 0006) are listed as dropped by
    # the downgrade below 0006 and come back blank; everything else of every report comes back as it was.
    shown = {n: _without_work_order_details(report_json(db, n)) for n in numbers}
    notes = _notes(db)
    assert any(len(t) > 70 for _i, _r, t in notes)
    heads = len(set((r for _i, r, _t in notes))) + len(set(session_numbers(db, "audit_entries")))

    # Step by step from head to 0001. Each step that would lose data lists it and is refused without --yes; the
    # steps this test knows say exactly what (a later migration is held to the same rule).
    expected = {
        "0003": [  # from 0004: the hash chains go
            f"drops column audit_entries.prev_hash with {audit_count:,} values",
            f"drops column audit_entries.row_hash with {audit_count:,} values",
            f"drops table chain_heads with {heads:,} rows",
            f"drops column notes.prev_hash with {len(notes):,} values",
            f"drops column notes.row_hash with {len(notes):,} values",
        ],
        "0002": [],  # from 0003: nothing is cut any more (notes stay whole), so nothing to confirm
        "0001": ["drops table dms_events with 1 row", "drops table dms_properties with 1 row"],  # DMS Activity
    }
    for target in _revisions_below_head():
        before = migrate.current_revision(db.engine)
        losses = migrate.downgrade_losses(db.engine, target)
        if target in expected:
            assert losses == expected[target], (before, target)
        if losses:
            refused = _cli(db, monkeypatch, "db", "downgrade", target)
            assert refused.exit_code == 1 and "nothing changed" in refused.output and losses[0] in refused.output
            assert migrate.current_revision(db.engine) == before
        result = _cli(db, monkeypatch, "db", "downgrade", target, *(["--yes"] if losses else []))
        assert result.exit_code == 0, result.output
        assert migrate.current_revision(db.engine) == target
        assert _notes(db) == notes  # every note, whole, at every step

    # and back up: every report as it was, every note whole, every chain rebuilt and verified
    assert _cli(db, monkeypatch, "db", "upgrade").exit_code == 0
    assert migrate.is_up_to_date(db.engine)
    assert _notes(db) == notes
    assert {n: _without_work_order_details(report_json(db, n)) for n in numbers} == shown
    results = list(verify_all(db))
    assert len(results) == len(numbers) and all(r.verified for r in results)
    assert sum(r.chains[1].entries for r in results) == audit_count


def _without_work_order_details(report: dict) -> dict:
    order = report.get("work_order")
    if order:
        kept = {k: order[k] for k in ("number", "status", "opened_date", "repair_date")}
        kept["cost_lines"] = [(line["description"], line["amount"]) for line in order["cost_lines"]]
        report = {**report, "work_order": kept}
    return report


def _revisions_below_head() -> list[str]:
    """Every revision from the one below head down to 0001, newest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [r.revision for r in script.walk_revisions()][1:]


def session_numbers(db: Database, table: str) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(text(f"SELECT DISTINCT report_number FROM {table}")).scalars())


def test_downgrade_to_base_lists_every_table_with_data(sample_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = _cli(sample_db, monkeypatch, "db", "downgrade", "base")
    assert refused.exit_code == 1
    assert "drops table damage_reports with 72 rows" in refused.output
    assert "drops table notes with" in refused.output and "drops table audit_entries with" in refused.output
    with sample_db.read() as session:
        assert session.scalar(select(func.count()).select_from(m.DamageReport)) == 72
