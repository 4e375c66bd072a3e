"""Report numbers under load: many processes saving at once get distinct, consecutive numbers, none lost
(8 processes × 100 saves on PostgreSQL; 4 × 100 on SQLite, whose writers queue on BEGIN IMMEDIATE)."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from tests.builders import add_reference_data

SAVES_PER_PROCESS = 100


def _saver(url: str, employee: str, process: int, count: int) -> list[int]:
    from carsplus_tui.domain.schemas import load_report
    from carsplus_tui.services.reports import save_report

    # Numbering under contention, not the terminal's few-second lock cap (tests/tui/test_faults.py has that)
    db = Database(url, lock_timeout_s=60)
    try:
        numbers = []
        for i in range(count):
            data = load_report({"unit_number": "777", "renters_claim_number": f"P{process}-{i}",
                                "damage_lines": [{"code": "D5", "description": "FRONT BUMPER", "type": "S"}]})
            numbers.append(save_report(db, data, employee).report_number)
        return numbers
    finally:
        db.dispose()


@pytest.mark.slow
def test_concurrent_saves_get_distinct_consecutive_numbers(db: Database) -> None:
    add_reference_data(db)
    processes = 8 if db.dialect == "postgresql" else 4
    employees = ["CLERK", "VIEWER", "AGENT", "LOCKED"] * 2
    url = db.engine.url.render_as_string(hide_password=False)
    db.dispose()
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.starmap(_saver, [(url, employees[i], i, SAVES_PER_PROCESS) for i in range(processes)])
    numbers = [n for result in results for n in result]
    total = processes * SAVES_PER_PROCESS
    assert sorted(numbers) == list(range(1, total + 1))
    # each process saw its own numbers rise
    assert all(result == sorted(result) for result in results)
    with db.read() as s:
        stored = s.scalars(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number)).all()
        assert stored == list(range(1, total + 1))
        assert s.scalar(select(m.ReportCounter.last_number)) == total
        claims = s.scalars(select(m.DamageReport.renters_claim_number)).all()
    assert len(set(claims)) == total  # no save overwrote another
