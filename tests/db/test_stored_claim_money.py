"""Migrations 0009 and 0011: each damage report stores the engine's Our Repair Costs and Amount Outstanding and whether its work
order repaired the damage, and its damage date (for DMGSUM, VICRPT, the ageing and the follow-up queue). The stored figures follow every
save — page 2, a work order — and the migration's backfill SQL gives page 2's figures on every sample report.

They stay the engine's verdict whichever path changes an input (the journey at the end): a page-2 edit and Misc Costs
(F1 / `report import`), a work order saved, a DMS receipt added and voided, the rental system's RA Close damage
charge arriving by `fleet import`, another report on the same RA moving away (its adopted RA Close charge goes back to
the RA, and the next report on it counts it), and the control record's damage option code (which RA charges are
damage charges) changed by an administrator."""

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
from carsplus_tui.services import dms
from carsplus_tui.services.control_file import set_control
from carsplus_tui.services.fleet import import_fleet
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


def stale(db: Database) -> dict[int, tuple[object, object]]:
    """Every report whose stored figures differ from page 2's: number -> (stored, computed)."""
    with db.read() as s:
        rows = s.execute(select(m.DamageReport.report_number, m.DamageReport.our_repair_costs,
                                m.DamageReport.amount_outstanding, m.DamageReport.claim_status)).all()
    found = {}
    for number, *stored in rows:
        data = load_report_data(db, number)
        computed = [data.our_repair_costs, data.amount_outstanding, data.claim_status]
        if stored != computed:
            found[number] = (stored, computed)
    return found


def edit(db: Database, number: int, **changes: object) -> None:
    data = load_report_data(db, number)
    save_report(db, data.model_copy(update=changes), "CLERK")


def ra_close_charge(amount: str) -> dict:
    """A fleet file in which the rental system's RA Close charged damage on A0001310 ("Chg on RA" Y)."""
    return {"customers": [], "vehicles": [], "rental_agreements": [{
        "ra_number": "A0001310", "renter_customer_number": 1000, "status": "C", "open_date": "2009-04-15",
        "open_location": "TUS", "close_date": "2009-07-21", "close_location": "TUS", "coverage_sold": None,
        "excess": "1500.00", "vehicles": ["001888"],
        "charges": [{"code": "DMG", "description": "DAMAGE", "amount": amount, "kind": "additional",
                     "posted": True}],
    }]}


def test_every_path_that_changes_an_input_leaves_the_stored_money_fresh(db: Database) -> None:
    add_reference_data(db)
    first = save_report(db, load_report(manual_example()), "CLERK").report_number
    second = save_report(db, load_report(manual_example(excess_charged="90.00")), "CLERK").report_number
    assert stale(db) == {}

    edit(db, second, misc_costs=Decimal("75.00"), third_party_costs=Decimal("20.00"))  # page 2, Misc Costs
    assert load_report_data(db, second).amount_outstanding == Decimal("5.00")  # liability 75 + 20, less the 90 charged on the RA
    assert stale(db) == {}

    save_work_order(db, first, load_work_order({"status": "OPEN", "cost_lines": [
        {"description": "FENDER", "kind": "L", "amount": "400.00"}]}), "CLERK")
    assert stale(db) == {}

    receipt = dms.add_receipt(db, first, payer_type="CUSTOMER", payer_name="LAMPERT", amount="50.00", employee="CLERK")
    dms.void_receipt(db, receipt.id, "CLERK")
    assert stale(db) == {}

    # The rental system charges damage on the RA at close: the first report on the RA counts it (Excess Charged RA).
    before = load_report_data(db, first).excess_charged_ra
    import_fleet(db, ra_close_charge("300.00"), by="CLERK")
    assert load_report_data(db, first).excess_charged_ra == before + Decimal("300.00")
    assert stale(db) == {}
    import_fleet(db, ra_close_charge("250.00"), by="CLERK")  # corrected by the rental system
    assert stale(db) == {}
    # The other report on the RA changes its own RA charges (field 13, page 2's Amount Charged): the first report's
    # Excess Charged RA is its own charges and the RA Close one, so its figures stay as they were, and right.
    first_before = load_report_data(db, first).amount_outstanding
    edit(db, second, excess_charged=Decimal("120.00"), amount_charged=Decimal("5.00"))
    assert load_report_data(db, first).amount_outstanding == first_before
    assert stale(db) == {}

    edit(db, first, goodwill_deduction=Decimal("10.00"))  # the first report adopts the RA Close charge
    assert stale(db) == {}
    # The first report moves to another RA: the RA Close charge goes back to A0001310 unadopted, and the second
    # report, now the first on it, counts it.
    second_before = load_report_data(db, second).excess_charged_ra
    edit(db, first, ra_number="T3001212", unit_number="777", excess_charged=Decimal("100.00"),
         nature_of_breach="DRIVING OFF ROAD")
    assert load_report_data(db, second).excess_charged_ra == second_before + Decimal("250.00")
    assert stale(db) == {}
    edit(db, first, ra_number="A0001310", unit_number="001888")  # and back: the first report is first again
    assert stale(db) == {}

    # The administrator changes the damage option code: the charges coded DMG are no longer damage charges.
    set_control(db, {"damage_option_code": "XDMG"}, by="CLERK")
    assert load_report_data(db, first).excess_charged_ra == Decimal("0.00")
    assert stale(db) == {}
    set_control(db, {"damage_option_code": "DMG"}, by="CLERK")
    assert stale(db) == {}
