"""`carsplus sample generate`: synthetic reports whose stored statuses are the engine's own verdict."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services import generate
from carsplus_tui.services.generate import generate_reports
from carsplus_tui.services.reports import load_report_data, save_report
from tests.builders import add_reference_data, manual_example
from carsplus_tui.domain.schemas import load_report


def test_generated_reports_have_the_statuses_the_engine_gives_them(db: Database) -> None:
    add_reference_data(db)
    summary = generate_reports(db, 400, seed=7)
    assert "1 to 400" in summary
    with db.read() as s:
        stored = s.execute(select(m.DamageReport.report_number, m.DamageReport.report_status,
                                  m.DamageReport.claim_status, m.DamageReport.our_repair_costs,
                                  m.DamageReport.amount_outstanding, m.DamageReport.damage_date)).all()
        assert s.scalar(select(m.ReportCounter.last_number)) == 400
        assert s.scalar(select(func.count()).select_from(m.DamageLine)) >= 400
    assert len(stored) == 400
    assert set(Counter(row.claim_status for row in stored)) == set(range(8))
    for number, report_status, claim_status, our, outstanding, damage_date in stored[::10]:
        data = load_report_data(db, number)
        assert (data.report_status, data.claim_status) == (report_status, claim_status), number
        # The figures the claims clerk's reports sum (migration 0009) are the engine's too.
        assert (data.our_repair_costs, data.amount_outstanding) == (our, outstanding), number
        assert damage_date == data.accident_details.date_time, number


def test_numbering_carries_on_after_generated_reports(db: Database) -> None:
    add_reference_data(db)
    generate_reports(db, 30, seed=1)
    assert save_report(db, load_report(manual_example()), "CLERK").report_number == 31


def _schema(db: Database) -> set[tuple[str, str]]:
    """Every index and constraint of the database as PostgreSQL would make them again."""
    with db.engine.connect() as conn:
        return {(name, definition) for name, definition in conn.execute(text(
            "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
            "WHERE indrelid::regclass::text NOT LIKE 'pg_%' "
            "UNION SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace"))}


def test_a_large_load_on_postgresql_leaves_every_index_and_foreign_key(db: Database) -> None:
    """A load that at least doubles the data sets the secondary indexes and foreign keys aside and makes them again:
    the schema afterwards is the migrations' own, the planner has statistics, and the foreign keys hold."""
    if db.dialect != "postgresql":
        pytest.skip("PostgreSQL's bulk load (COPY) only")
    add_reference_data(db)
    before = _schema(db)
    generate_reports(db, 300, seed=5)
    assert _schema(db) == before
    with db.engine.connect() as conn:
        assert conn.execute(text(
            "SELECT reltuples FROM pg_class WHERE relname = 'damage_reports'")).scalar() == 300  # ANALYZEd
        with pytest.raises(IntegrityError):
            conn.execute(text("INSERT INTO damage_lines (report_number, line, service_code, description) "
                              "VALUES (999999, 1, 'X', 'NO SUCH REPORT')"))


def test_an_interrupted_large_load_on_postgresql_leaves_the_database_as_it_was(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("PostgreSQL's bulk load (COPY) only")
    add_reference_data(db)
    before = _schema(db)
    monkeypatch.setattr(generate, "CHUNK", 100)
    chunks = []

    def progress(n: int) -> None:
        chunks.append(n)
        if len(chunks) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        generate_reports(db, 300, seed=5, progress=progress)
    assert _schema(db) == before
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(m.DamageReport)) == 0
        assert s.scalar(select(m.ReportCounter.last_number)) in (None, 0)
    assert "1 to 300" in generate_reports(db, 300, seed=5)
