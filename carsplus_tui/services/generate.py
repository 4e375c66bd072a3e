"""`carsplus sample generate --reports N`: realistic synthetic damage reports for scale tests (F6 over a million).

Bulk inserts in chunks, each chunk one transaction that also moves the report counter, so an interrupted run leaves
a consistent database. Statuses are never invented: each kind of claim (one per claim status 0–7) is described as
a template report, the domain engine evaluates the templates once, and every generated report takes its statuses
from its template (the generated variations — names, dates, vehicles, lines — do not affect them; a test checks
the engine agrees on generated reports).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.chain import chain_rows, chain_rows_bulk
from carsplus_tui.db.database import Database
from carsplus_tui.domain import defaults, engine
from carsplus_tui.domain.schemas import DamageReportData
from carsplus_tui.services import ra_charges
from carsplus_tui.services.report_mapping import control_settings

CHUNK = 20_000
LAST_NAMES = (
    "SMITH JOHNSON WILLIAMS BROWN JONES GARCIA MILLER DAVIS RODRIGUEZ MARTINEZ HERNANDEZ LOPEZ GONZALEZ WILSON "
    "ANDERSON THOMAS TAYLOR MOORE JACKSON MARTIN LEE PEREZ THOMPSON WHITE HARRIS SANCHEZ CLARK RAMIREZ LEWIS "
    "ROBINSON WALKER YOUNG ALLEN KING WRIGHT SCOTT TORRES NGUYEN HILL FLORES GREEN ADAMS NELSON BAKER HALL RIVERA"
).split()
FIRST_NAMES = "JAMES MARY ROBERT PATRICIA JOHN JENNIFER MICHAEL LINDA DAVID ELIZABETH MARIA CARLOS ANA LUIS".split()
STREETS = "OAK PINE MAPLE CEDAR ELM GRANT SPEEDWAY BROADWAY CAMPBELL ORACLE SWAN CRAYCROFT".split()
CITIES = (("TUCSON", "AZ", "857"), ("PHOENIX", "AZ", "850"), ("SANTA ANA", "CA", "927"), ("SAN DIEGO", "CA", "921"),
          ("LOS ANGELES", "CA", "900"))
MODELS = (("DODGE", "CARAVAN", "CARAV"), ("FORD", "TAURUS", "TAUR"), ("CHEVROLET", "IMPALA", "IMPA"),
          ("TOYOTA", "CAMRY", "CAMR"), ("NISSAN", "ALTIMA", "ALTI"), ("FORD", "ESCAPE", "ESCA"),
          ("CHEVROLET", "MALIBU", "MALI"), ("HONDA", "CIVIC", "CIVI"), ("JEEP", "LIBERTY", "LIBE"))
# the vehicle class of each model (the fleet a loss-of-use charge's utilization log counts)
CLASSES = {"CARAV": "MINIVAN", "TAUR": "FULLSIZE", "IMPA": "FULLSIZE", "CAMR": "MIDSIZE", "ALTI": "MIDSIZE",
           "ESCA": "SUV", "MALI": "MIDSIZE", "CIVI": "COMPACT", "LIBE": "SUV"}
DESCRIPTIONS = ("BACKED INTO POLE IN PARKING LOT", "HIT BY SHOPPING CART", "REAR ENDED AT LIGHT",
                "SIDESWIPED ON FREEWAY", "HAIL STORM DAMAGE", "ROCK CHIP ON HIGHWAY", "SCRAPED GARAGE DOOR",
                "CURB DAMAGE TO WHEEL")
NOTES = ("CALLED RENTER, LEFT MESSAGE", "RENTER WILL SEND INSURANCE INFO", "ESTIMATE RECEIVED FROM BODY SHOP",
         "SENT CLAIM TO RENTER'S INSURANCE", "PAYMENT PROMISED BY THIRD PARTY", "PHOTOS ON FILE")


@dataclass(frozen=True)
class ClaimTemplate:
    """One kind of claim: the facts that decide its statuses, evaluated once by the engine."""

    name: str
    weight: int
    has_ra: bool = True
    has_non_rev: bool = False
    coverage_sold: str | None = None  # the RA's Cvg Sold (an LDW option makes Damage Covered default to Y)
    # Page 1 as typed: a field the template names is what the agent typed (None = cleared); every other field takes
    # the blank screen's default or the RA's (domain.defaults), as for an agent pressing Enter through it.
    typed: tuple[tuple[str, Any], ...] = ()
    ra_damage_charge: Decimal | None = None
    work_order: str | None = None  # status
    repair_cost: Decimal = Decimal("0.00")
    report_checked: str | None = None
    external_claim: str | None = None  # None: the save stores the manual's default (services.reports)
    external_closed: str | None = None
    amount_charged: Decimal | None = None
    report_status: str = ""
    claim_status: int = -1
    our_repair_costs: Decimal = Decimal("0.00")
    amount_outstanding: Decimal = Decimal("0.00")


RA_EXCESS = Decimal("1500.00")  # every generated RA's Excess
TEMPLATES = (
    ClaimTemplate("unreported", 8, has_ra=False),
    ClaimTemplate("incomplete", 10, typed=(("driver_injured", None),)),
    ClaimTemplate("incomplete non-rev", 2, has_ra=False, has_non_rev=True, typed=(("driver_injured", None),)),
    ClaimTemplate("no work order", 12),
    ClaimTemplate("not checked", 12, work_order="OPEN", repair_cost=Decimal("640.00")),
    ClaimTemplate("external open", 8, work_order="IN REPAIR", repair_cost=Decimal("1200.00"), report_checked="Y",
                  external_claim="Y"),
    # Excess Charged "can be edited to a lower amount": the counter took a 300.00 deposit of the 820.00.
    ClaimTemplate("renter owes", 14, work_order="CLOSED", repair_cost=Decimal("820.00"), report_checked="Y",
                  external_claim="N", typed=(("excess_charged", Decimal("300.00")),)),
    ClaimTemplate("renter overpaid", 6, coverage_sold="LDW", work_order="CLOSED", repair_cost=Decimal("310.00"),
                  report_checked="Y", external_claim="N", typed=(("excess_charged", Decimal("500.00")),),
                  ra_damage_charge=Decimal("500.00")),
    # Nothing charged at the counter; the clerk charged the repair on page 2.
    ClaimTemplate("closed", 28, work_order="CLOSED", repair_cost=Decimal("455.00"), report_checked="Y",
                  external_claim="N", typed=(("excess_charged", Decimal("0.00")),), amount_charged=Decimal("455.00")),
)


def template_report(t: ClaimTemplate, control: Any) -> DamageReportData:  # noqa: ANN401
    """The template's page 1 and 2 as saved: what it names as typed, the blank screen's and the RA's defaults for
    the rest (the same `domain.defaults` the screen and `report import` apply)."""
    report = DamageReportData.model_validate({
        "ra_number": "X" if t.has_ra else None,
        "non_rev_number": "X" if t.has_non_rev else None,
        "accident_details": {"date_time": "2009-07-20T15:30:00"},
        "customer_present": "Y", "third_party_involved": "N", "accident_description": ["X"],
        "report_checked": t.report_checked, "external_claim": t.external_claim,
        "external_closed": t.external_closed, "amount_charged": t.amount_charged,
        **dict(t.typed),
    })
    report = defaults.new_report_defaults(
        report, control, given=report.model_fields_set, has_ra=t.has_ra, coverage_sold=t.coverage_sold,
        ra_excess=RA_EXCESS if t.has_ra else None, now=datetime(2009, 7, 20, 15, 30))
    if report.external_claim is None:  # stored as its default, as every save does
        report = report.model_copy(update={"external_claim": engine.external_claim_default(report)})
    return report


def template_charges(t: ClaimTemplate, report: DamageReportData, control: Any) -> list[tuple[str, Decimal]]:  # noqa: ANN401
    """The damage charges a save of this report leaves on its closed RA (services.ra_charges): the RA Close charge
    it adopts, field 13's difference and page 2's Amount Charged, each (source, amount) — only what the control
    record allows."""
    if not t.has_ra:
        return []
    out: list[tuple[str, Decimal]] = []
    adopted = t.ra_damage_charge or Decimal("0.00")
    if t.ra_damage_charge is not None:
        out.append(("", t.ra_damage_charge))
    if control.allow_charges_on_closed_ra:
        if report.excess_charged is not None and report.excess_charged != adopted:
            out.append(("excess_charged", report.excess_charged - adopted))
        if report.amount_charged:
            out.append(("amount_charged", report.amount_charged))
    return out


def evaluated_templates(control: Any) -> list[ClaimTemplate]:  # noqa: ANN401
    """The templates with the statuses the engine gives them."""
    out = []
    for t in TEMPLATES:
        report = template_report(t, control)
        charges = template_charges(t, report, control)
        facts = engine.ClaimFacts(
            has_work_order=t.work_order is not None, work_order_status=t.work_order,
            repair_cost_lines=(t.repair_cost,) if t.work_order else (),
            excess_charged_ra=sum((a for s, a in charges if s in ("", "excess_charged")), Decimal("0.00")),
        )
        evaluation = engine.evaluate(report, facts, control)
        out.append(ClaimTemplate(**{**t.__dict__, "report_status": evaluation.report_status,
                                    "claim_status": evaluation.claim_status,
                                    "our_repair_costs": evaluation.money.our_repair_costs,
                                    "amount_outstanding": evaluation.money.amount_outstanding}))
    return out


@dataclass
class _Ids:
    report: int
    customer: int
    vehicle: int
    work_order: int
    ra: int


def _next_ids(session: Session) -> _Ids:
    def top(column) -> int:  # noqa: ANN001
        return session.scalar(select(func.coalesce(func.max(column), 0))) or 0

    return _Ids(
        report=session.scalar(select(m.ReportCounter.last_number)) or 0,
        customer=top(m.Customer.customer_number),
        vehicle=top(m.Vehicle.id),
        work_order=top(m.WorkOrder.number),
        ra=session.scalar(select(func.count()).select_from(m.RentalAgreement)) or 0,
    )


def _bulk_insert(session: Session, table: Any, rows: list[dict[str, Any]]) -> None:  # noqa: ANN401
    """Insert `rows` in the session's transaction: PostgreSQL's COPY (one stream, no statement per row: a million
    reports in minutes rather than an hour); elsewhere one executemany INSERT. Values go through each column's type
    as an INSERT would (money as whole cents, ...); a column a row leaves out is NULL, as with the INSERT."""
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "postgresql" or dialect.driver != "psycopg":
        session.execute(insert(table), rows)
        return
    # the rows' columns, and those with a Python-side default (which the INSERT would have filled in)
    columns = [c for c in table.columns
               if c.name in rows[0] or (c.default is not None and getattr(c.default, "is_scalar", False))]
    pairs = [(c.name, c.default.arg if c.default is not None and getattr(c.default, "is_scalar", False) else None)
             for c in columns]
    processed = [(i, c.type.bind_processor(dialect)) for i, c in enumerate(columns)
                 if isinstance(c.type, TypeDecorator)]
    quoted = ", ".join(dialect.identifier_preparer.quote(c.name) for c in columns)
    raw = connection.connection.driver_connection
    assert raw is not None  # a connection in use holds its driver's (None only once it is invalidated)
    with raw.cursor() as cursor, cursor.copy(
        f"COPY {dialect.identifier_preparer.format_table(table)} ({quoted}) FROM STDIN"
    ) as copy:
        write = copy.write_row
        for row in rows:
            values = [row.get(name, default) for name, default in pairs]
            for i, process in processed:
                if process is not None and values[i] is not None:
                    values[i] = process(values[i])
            write(values)


_LOADED = (m.Customer, m.Vehicle, m.RentalAgreement, m.RaVehicle, m.DamageReport, m.RaCharge, m.AccidentDetails,
           m.DamageLine, m.VehicleHistory, m.Note, m.WorkOrder, m.WorkOrderCostLine, m.ChainHead)


def _set_indexes_aside(session: Session) -> list[str]:
    """PostgreSQL, before a load that at least doubles the data: drops the loaded tables' secondary indexes and
    foreign keys (primary keys and unique indexes stay) and returns the statements that make them again. Building
    an index once over a million rows, and checking a foreign key with one join, is several times cheaper than
    keeping ten indexes of damage_reports up to date and running eight foreign-key look-ups per row."""
    names = [model.__tablename__ for model in _LOADED]
    tables = "(SELECT to_regclass(n) FROM unnest(CAST(:names AS text[])) AS n)"
    foreign_keys = session.execute(text(
        "SELECT format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, "
        "pg_get_constraintdef(oid)), format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) "
        f"FROM pg_constraint WHERE contype = 'f' AND conrelid IN {tables} ORDER BY conrelid::regclass::text, conname"
    ), {"names": names}).all()
    indexes = session.execute(text(
        "SELECT pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass) FROM pg_index i "
        f"WHERE i.indrelid IN {tables} AND NOT i.indisunique AND NOT i.indisprimary "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype <> 'f') "
        "ORDER BY i.indexrelid::regclass::text"
    ), {"names": names}).all()
    for _make, drop in (*foreign_keys, *indexes):
        session.execute(text(drop))
    return [make for make, _drop in (*indexes, *foreign_keys)]


def _put_indexes_back(session: Session, statements: list[str]) -> None:
    session.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))  # an index build sorts in memory
    for statement in statements:
        session.execute(text(statement))
    for model in _LOADED:  # the planner's statistics of the new rows, before the first terminal's query
        session.execute(text(f"ANALYZE {model.__tablename__}"))


def generate_reports(
    db: Database, count: int, *, seed: int = 2009, progress: Callable[[int], None] | None = None
) -> str:
    """Add `count` reports. Needs the reference data (locations, employees, codes); loads the sample data first
    into an empty database."""
    from carsplus_tui.services.sample import database_holds_data, load_sample_data

    if database_holds_data(db) is None:
        load_sample_data(db)
    rng = random.Random(seed)
    with db.read() as session:
        control = control_settings(session.get(m.DamageControl, 1) or m.DamageControl(damage_option_code="DMG"))
        locations = list(session.scalars(select(m.Location.code)))
        employees = list(session.scalars(select(m.Employee.code)))
        codes = [(c.code, c.description) for c in session.scalars(
            select(m.ServiceCode).where(m.ServiceCode.show_on_damage_entry.is_(True), ~m.ServiceCode.model_codes.any())
        )]
        types = list(session.scalars(select(m.DamageType.code)))
        categories = list(session.scalars(select(m.ClaimCategory.code)))
        tickets = list(session.scalars(select(m.NonRevTicket.number)))
        fleet = {row.id: row.unit_number for row in session.execute(select(m.Vehicle.id, m.Vehicle.unit_number))}
        ids = _next_ids(session)
    if not (locations and employees and codes and types):
        raise RuntimeError("reference data (locations, employees, damage codes) is missing: run `carsplus sample load`")
    templates = evaluated_templates(control)
    shaped = {t.name: (r := template_report(t, control), template_charges(t, r, control)) for t in templates}
    cum_weights = list(itertools.accumulate(t.weight for t in templates))  # as choices() would, once
    option = control.damage_option_code or "DMG"
    first_number = ids.report + 1

    # A fleet that grows with the data: about one vehicle per 20 reports, so each has a history.
    fleet_size = len(fleet) + max(100, count // 20)
    fleet_ids = list(fleet)
    if db.dialect == "postgresql":
        # PostgreSQL keeps a connection's foreign-key check plans: ones made while the tables were small (the
        # sample data just loaded) scan whole tables, and the load turns quadratic. The chunks below run on a new
        # connection, whose plans are made with index look-ups only (SET LOCAL enable_seqscan below).
        db.engine.dispose()

    def build(n: int) -> dict[str, list[dict[str, Any]]]:
        """The rows of the next `n` reports, by table."""
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in (
            "customers", "vehicles", "ras", "ra_vehicles", "charges", "reports", "details", "lines", "history",
            "notes", "work_orders", "cost_lines")}
        for _ in range(n):
            ids.report += 1
            number = ids.report
            t = rng.choices(templates, cum_weights=cum_weights)[0]
            page, on_ra = shaped[t.name]
            created = datetime(2009, 1, 1) + timedelta(minutes=rng.randrange(0, 17 * 365 * 24 * 60))
            accident = created - timedelta(hours=rng.randrange(1, 72))
            location = rng.choice(locations)
            employee = rng.choice(employees)
            # vehicle: grow the fleet to its size, then reuse it (so vehicles build up a damage history)
            if len(fleet) < fleet_size and (rng.random() < 0.5 or not fleet):
                ids.vehicle += 1
                make, model, model_code = rng.choice(MODELS)
                unit = f"{ids.vehicle:06d}"
                rows["vehicles"].append({
                    "id": ids.vehicle, "unit_number": unit, "licence": f"G{ids.vehicle:07d}",
                    "vin": f"1G{ids.vehicle:015d}", "make": make, "model": model, "model_code": model_code,
                    "year": rng.randrange(2005, 2027), "owning_location": location,
                    "vehicle_class": CLASSES[model_code]})
                fleet[ids.vehicle] = unit
                fleet_ids.append(ids.vehicle)
                vehicle_id = ids.vehicle
            else:
                vehicle_id = rng.choice(fleet_ids)
                unit = fleet[vehicle_id]
            ra_number = None
            if t.has_ra:
                ids.ra += 1
                ids.customer += 1
                last, first = rng.choice(LAST_NAMES), rng.choice(FIRST_NAMES)
                city, state, zip3 = rng.choice(CITIES)
                rows["customers"].append({
                    "customer_number": ids.customer, "customer_type": "RNT", "last_name": last, "first_name": first,
                    "address": f"{rng.randrange(1, 9999)} {rng.choice(STREETS)} ST", "city": city, "state": state,
                    "zip": f"{zip3}{rng.randrange(0, 99):02d}", "phone": f"520-555-{rng.randrange(0, 9999):04d}"})
                ra_number = f"G{ids.ra:09d}"
                opened = accident.date() - timedelta(days=rng.randrange(0, 10))
                rows["ras"].append({
                    "ra_number": ra_number, "renter_customer_number": ids.customer, "status": "C",
                    "open_date": opened, "open_location": location, "close_date": accident.date() + timedelta(days=1),
                    "close_location": location, "coverage_sold": t.coverage_sold, "excess": RA_EXCESS})
                rows["ra_vehicles"].append({"ra_number": ra_number, "sequence": 1, "vehicle_id": vehicle_id})
                # The RA Close charge (posted, adopted by this, the RA's only report) and what the report's save
                # posted: unposted additional charges owned by it, as services.ra_charges does.
                for source, amount in on_ra:
                    rows["charges"].append({
                        "ra_number": ra_number, "code": option,
                        "description": ra_charges.DESCRIPTIONS.get(source, "DAMAGE CHARGE"), "amount": amount,
                        "kind": "additional", "posted": not source, "damage_report_number": number,
                        "source": source or None, "created_at": created})
            follow_up = (date(2026, 11, 1) + timedelta(days=rng.randrange(0, 120))
                         if t.claim_status in (3, 4, 5, 6) and rng.random() < 0.4 else None)
            rows["reports"].append({
                "report_number": number, "version": 1, "created_at": created, "created_by": employee,
                "last_modified_at": created, "last_modified_by": employee, "ra_number": ra_number,
                "non_rev_number": rng.choice(tickets) if t.has_non_rev and tickets else None,
                "vehicle_id": vehicle_id, "unit_number": unit, "customer_present": "Y",
                "renter_driving": page.renter_driving, "driver_injured": page.driver_injured,
                "third_party_involved": "N", "admits_fault": None, "damage_covered": page.damage_covered,
                "nature_of_breach": None, "renters_claim_number": None, "excess_charged": page.excess_charged,
                "fault_description": None,
                "accident_description": rng.choice(DESCRIPTIONS), "report_status": t.report_status,
                "claim_status": t.claim_status, "report_checked": t.report_checked,
                "external_claim": page.external_claim, "external_closed": t.external_closed, "external_type": "INSURANCE" if t.external_claim == "Y" else None,
                "accident_category": rng.choice(categories) if categories and t.claim_status >= 3 else None,
                "follow_up_date": follow_up, "claim_location": location, "claim_employee": employee,
                "misc_costs": None, "third_party_costs": None, "third_party_recovery": None,
                "goodwill_deduction": None, "amount_refunded": None, "amount_charged": page.amount_charged,
                "our_repair_costs": t.our_repair_costs, "amount_outstanding": t.amount_outstanding,
                "repaired": t.work_order == "CLOSED", "damage_date": accident.replace(second=0)})
            rows["details"].append({
                "report_number": number, "date_time": accident.replace(second=0),
                "address1": f"{rng.choice(STREETS)} AND {rng.choice(STREETS)}", "address2": rng.choice(CITIES)[0],
                "police_name": None, "police_badge": None, "police_station": None, "police_report_number": None,
                "witnesses": "N", "rental_violation": None, "legal_violation": None})
            repaired = t.work_order == "CLOSED"
            repair_date = accident.date() + timedelta(days=rng.randrange(5, 30)) if repaired else None
            for line in range(1, rng.randrange(2, 4)):
                code, description = rng.choice(codes)
                kind = rng.choice(types)
                rows["lines"].append({"report_number": number, "line": line, "service_code": code,
                                      "description": description, "damage_type": kind})
                rows["history"].append({
                    "vehicle_id": vehicle_id, "damage_report_number": number, "line": line, "service_code": code,
                    "description": description, "damage_type": kind, "repaired": repaired,
                    "repaired_date": repair_date, "created_at": created})
            for k in range(rng.randrange(0, 3) + (1 if follow_up else 0)):
                rows["notes"].append({"report_number": number, "at": created + timedelta(days=k + 1),
                                      "employee_code": employee, "text": rng.choice(NOTES)})
            if t.work_order:
                ids.work_order += 1
                rows["work_orders"].append({
                    "number": ids.work_order, "damage_report_number": number, "status": t.work_order,
                    "opened_date": accident.date() + timedelta(days=2), "repair_date": repair_date})
                rows["cost_lines"].append({"work_order_number": ids.work_order, "description": "BODY AND PAINT",
                                           "amount": t.repair_cost})
        return rows

    def insert_chunk(session: Session, rows: dict[str, list[dict[str, Any]]]) -> None:
        heads: list[dict[str, Any]] = []
        for model, key in ((m.Customer, "customers"), (m.Vehicle, "vehicles"), (m.RentalAgreement, "ras"),
                           (m.RaVehicle, "ra_vehicles"), (m.DamageReport, "reports"), (m.RaCharge, "charges"),
                           (m.AccidentDetails, "details"), (m.DamageLine, "lines"),
                           (m.VehicleHistory, "history"), (m.Note, "notes"), (m.WorkOrder, "work_orders"),
                           (m.WorkOrderCostLine, "cost_lines")):
            if rows[key]:
                if model is m.Note:  # chained like every note (tamper evidence), in this transaction
                    if copying:
                        heads = chain_rows_bulk(session, m.Note, rows[key])
                    else:
                        chain_rows(session, m.Note, rows[key])
                _bulk_insert(session, model.__table__, rows[key])
        if heads:
            _bulk_insert(session, m.ChainHead.__table__, heads)
        session.execute(update(m.ReportCounter).where(m.ReportCounter.id == 1).values(last_number=ids.report))
        reference.sync_key_sequences(session)

    copying = db.dialect == "postgresql" and db.engine.dialect.driver == "psycopg"
    done = 0
    if copying and count >= first_number - 1:
        # At least doubling the data: one transaction, the secondary indexes and foreign keys set aside for the
        # load and made again at its end (an interrupted run leaves the database as it was). It holds the loaded
        # tables for the whole run: a scale-test tool, not one for a database terminals are using.
        with db.write() as session:
            session.execute(text("SET LOCAL statement_timeout = 0"))
            statements = _set_indexes_aside(session)
            while done < count:
                n = min(CHUNK, count - done)
                insert_chunk(session, build(n))
                done += n
                if progress:
                    progress(n)
            _put_indexes_back(session, statements)
    while done < count:
        n = min(CHUNK, count - done)
        rows = build(n)
        with db.write() as session:
            if db.dialect == "postgresql":
                # The foreign-key checks of a chunk's rows are planned while the tables are small (a fresh
                # database) and the plans kept for the connection: sequential scans would make the load
                # quadratic. Index look-ups only, in this transaction; and a chunk's COPY may take longer than a
                # terminal's statement time-out.
                session.execute(text("SET LOCAL enable_seqscan = off"))
                session.execute(text("SET LOCAL statement_timeout = 0"))
            insert_chunk(session, rows)
        done += n
        if progress:
            progress(n)
    return f"generated damage reports {first_number} to {ids.report} ({count:,} reports)"
