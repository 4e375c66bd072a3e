"""Migrations 0009 and 0011: each damage report stores the engine's Our Repair Costs and Amount Outstanding and whether its work
order repaired the damage, and its damage date (for DMGSUM, VICRPT, the ageing and the follow-up queue). The stored figures follow every
save — page 2, a work order — and the migration's backfill SQL gives page 2's figures on every sample report."""

from __future__ import annotations

import importlib.util
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select, text, update

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.domain.work_orders import load_work_order
from carsplus_tui.resources import resource_path
from carsplus_tui.services.reports import load_report_data, save_report
from carsplus_tui.services.work_orders import save_work_order
from tests.builders import add_reference_data, manual_example


def stored(db: Database, number: int) -> tuple[Decimal | None, Decimal | None, bool | None]:
    with db.read() as session:
        row = session.execute(select(m.DamageReport.our_repair_costs, m.DamageReport.amount_outstanding,
                                     m.DamageReport.repaired).where(m.DamageReport.report_number == number)).one()
    return row[0], row[1], row[2]


def page_2(db: Database, number: int) -> tuple[Decimal | None, Decimal | None]:
    data = load_report_data(db, number)
    return data.our_repair_costs, data.amount_outstanding


def migration(name: str):  # noqa: ANN201
    path = resource_path("migrations") / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_backfills_of_migrations_0009_and_0011_give_page_2s_figures_on_every_sample_report(
        sample_db: Database) -> None:
    with sample_db.write() as session:
        session.execute(update(m.DamageReport).values(our_repair_costs=None, amount_outstanding=None, repaired=None,
                                                      damage_date=None))
    with sample_db.write() as session:
        for statement in migration("0009_stored_claim_money").backfill_sql():
            session.execute(text(statement))
        session.execute(text(migration("0011_stored_damage_date").BACKFILL))
    with sample_db.read() as session:
        dates = dict(session.execute(select(m.DamageReport.report_number, m.DamageReport.damage_date)).all())
    with sample_db.read() as session:
        work_orders = {w.damage_report_number: w for w in session.scalars(select(m.WorkOrder))}
    for number in range(1, 73):
        our, outstanding, repaired = stored(sample_db, number)
        assert (our, outstanding) == page_2(sample_db, number), number
        w = work_orders.get(number)
        assert repaired == bool(w is not None and w.status == "CLOSED" and w.repair_date is not None), number
        details = load_report_data(sample_db, number).accident_details
        assert dates[number] == (details.date_time if details is not None else None), number


def test_the_stored_figures_follow_page_2_and_work_order_saves(db: Database) -> None:
    add_reference_data(db)
    save_report(db, load_report(manual_example()), "CLERK", at=datetime(2009, 7, 21, 16, 45))
    assert stored(db, 1) == (*page_2(db, 1), False)
    with db.read() as session:
        damage_date = session.scalar(select(m.DamageReport.damage_date))
    assert damage_date == load_report_data(db, 1).accident_details.date_time == datetime(2009, 7, 20, 15, 30)

    lines = [{"description": "LABOR - FRONT FENDER", "kind": "L", "amount": "234.00"}]
    save_work_order(db, 1, load_work_order({"status": "OPEN", "opened_date": "2009-07-22", "cost_lines": lines}),
                    "CLERK", at=datetime(2009, 7, 25, 10, 0), reserve=False)
    assert stored(db, 1)[0] == Decimal("234.00")
    assert stored(db, 1) == (*page_2(db, 1), False)

    data = load_report_data(db, 1)
    payload = {**data.model_dump(mode="json"), "misc_costs": "100.00"}
    save_report(db, load_report(payload), "CLERK", at=datetime(2009, 7, 26, 9, 0))
    assert stored(db, 1) == (*page_2(db, 1), False)

    closed = load_work_order({"status": "CLOSED", "opened_date": "2009-07-22", "repair_date": "2009-07-29",
                              "cost_lines": lines, "version": 1})
    save_work_order(db, 1, closed, "CLERK", at=datetime(2009, 7, 29, 10, 0), reserve=False)
    assert stored(db, 1) == (*page_2(db, 1), True)
