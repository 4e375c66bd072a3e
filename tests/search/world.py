"""A small damage report file with known answers for the search tests: 43 reports over the four vehicles of
tests/builders.py (two of them share unit 592), three RAs, every status, accident dates with ties, follow-up dates
with many ties, work orders with cost lines, and repaired and unrepaired Vehicle History lines.

Rows are written straight into the tables: search reads stored columns only, and the expected answers below are
computed from the same list, independently of the service's SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from tests.builders import add_reference_data

VEHICLES = {1: ("001888", "102088"), 2: ("592", "592TUS"), 3: ("592", "592PHX"), 4: ("777", "777ABC")}
RAS = ("A0001310", "T3001212", "P0000001")
COUNT = 43


@dataclass(frozen=True)
class Spec:
    number: int
    vehicle_id: int
    ra_number: str | None
    status: str
    claim_status: int
    accident: datetime | None
    follow_up: date | None
    repair_date: date | None
    cost_lines: tuple[Decimal, ...] | None  # None: no work order
    unrepaired: bool

    @property
    def unit(self) -> str:
        return VEHICLES[self.vehicle_id][0]

    @property
    def licence(self) -> str:
        return VEHICLES[self.vehicle_id][1]

    @property
    def cost(self) -> Decimal | None:
        return None if self.cost_lines is None else sum(self.cost_lines, Decimal("0.00"))


def specs() -> list[Spec]:
    out = []
    for n in range(1, COUNT + 1):
        status = "UIC"[n % 3]
        has_wo = n % 4 != 0
        out.append(Spec(
            number=n,
            vehicle_id=1 + n % 4,
            ra_number=None if status == "U" else RAS[(n // 3) % 3],
            status=status,
            claim_status={"U": 0, "I": 1, "C": 3}[status],
            # ties: every date twice (same minute), one report without a date
            accident=None if n == 7 else datetime(2009, 7, 1, 9, 30) + timedelta(days=(n % 20)),
            # follow-up dates with many ties (three days), a few reports without one
            follow_up=None if n % 5 == 0 else date(2009, 9, 1) + timedelta(days=n % 4),
            repair_date=date(2009, 8, 1) + timedelta(days=n) if has_wo and n % 2 else None,
            cost_lines=(Decimal("100.25"), Decimal(n)) if has_wo else None,
            unrepaired=n % 2 == 0,
        ))
    return out


def build(db: Database) -> list[Spec]:
    add_reference_data(db)
    all_specs = specs()
    at = datetime(2009, 7, 1, 8, 0)
    with db.write() as s:
        for spec in all_specs:
            s.add(m.DamageReport(
                report_number=spec.number, version=1, created_at=at, created_by="CLERK", last_modified_at=at,
                last_modified_by="CLERK", ra_number=spec.ra_number, vehicle_id=spec.vehicle_id,
                unit_number=spec.unit, report_status=spec.status, claim_status=spec.claim_status,
                follow_up_date=spec.follow_up,
            ))
        s.flush()
        for spec in all_specs:
            if spec.accident is not None:
                s.add(m.AccidentDetails(report_number=spec.number, date_time=spec.accident))
            if spec.cost_lines is not None:
                wo = m.WorkOrder(number=5000 + spec.number, damage_report_number=spec.number, status="OPEN",
                                 opened_date=date(2009, 7, 25), repair_date=spec.repair_date)
                wo.cost_lines = [m.WorkOrderCostLine(description=f"LINE {i}", amount=a)
                                 for i, a in enumerate(spec.cost_lines)]
                s.add(wo)
            for line in (1, 2):
                s.add(m.VehicleHistory(
                    vehicle_id=spec.vehicle_id, damage_report_number=spec.number, line=line, service_code="D1",
                    description="FRONT PASSENGER FENDER", damage_type="D",
                    repaired=not (spec.unrepaired and line == 2), created_at=at,
                ))
        s.execute(m.ReportCounter.__table__.update().values(last_number=COUNT))
    return all_specs
