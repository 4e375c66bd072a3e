"""DMGSUM, the Damage Summary Report (issue 22, item 3): damage reports chosen by the CARS+ selections — damage date
range, vehicle (unit #), claim location, claim status, accident category, repaired or not — in detail (one line per
report) or summary (one line per claim location and accident category, with a total).

Everything is counted and summed by the database: one statement for the summary, one for a page of the detail and
one for its line count; never a Python loop over the reports. The money is page 2's: Our Repair Costs and Amount
Outstanding as the engine computed them at the report's last save (stored beside the claim status, migration 0009;
tests hold them to the engine's), so a summary over a million reports reads one covering index
(`ix_damage_reports_dmgsum`) and joins nothing unless a damage date is chosen.

"Repaired": the report's work order is CLOSED with a repair date — what marks its damage repaired in Vehicle History
(services/work_orders.py), stored with the statuses. "Location": the claim location (page 2 field 7a), as in the ageing and the follow-up queue.
"Damage date": the accident date/time of the Accident Details (field 4); a date range leaves out reports without one.
"""

from __future__ import annotations

from carsplus_tui.domain.dates import format_counter_date

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Executable, case, false, func, select
from sqlalchemy.orm import aliased

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.claim_rows import chosen_rows, csv_text
from carsplus_tui.services.claims_desk import cents, money_from_cents

__all__ = [
    "DETAIL_COLUMNS",
    "SUMMARY_COLUMNS",
    "DmgsumDetail",
    "DmgsumLine",
    "DmgsumRow",
    "DmgsumSelection",
    "DmgsumSummary",
    "SelectionError",
    "damage_detail",
    "damage_summary",
    "detail_csv",
    "parse_claim_statuses",
    "summary_csv",
]

TITLE = "DAMAGE SUMMARY REPORT"
ZERO = Decimal("0.00")


class SelectionError(ValueError):
    """A selection that cannot be used; the message is one line for the screen or the command line."""


def parse_claim_statuses(text: str | None) -> tuple[int, ...] | None:
    """``"5"``, ``"0-6"``, ``"3,5,6"`` or ``"0-2,5"`` -> the claim statuses (0-7); blank or ``ALL`` -> None (all)."""
    text = (text or "").strip().upper()
    if not text or text == "ALL":
        return None
    chosen: set[int] = set()
    for part in text.replace(" ", "").split(","):
        low, dash, high = part.partition("-")
        try:
            first, last = int(low), int(high if dash else low)
        except ValueError:
            raise SelectionError(f"CLAIM STATUS {text} - USE 0-7, A RANGE 0-6 OR A LIST 3,5") from None
        if not (0 <= first <= last <= 7):
            raise SelectionError(f"CLAIM STATUS {text} - USE 0-7, A RANGE 0-6 OR A LIST 3,5")
        chosen.update(range(first, last + 1))
    return tuple(sorted(chosen))


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value or None


def _yn(value: str | None, name: str) -> str | None:
    value = (value or "").strip().upper()
    if value in ("", "ALL"):
        return None
    if value not in ("Y", "N"):
        raise SelectionError(f"{name} MUST BE Y, N OR BLANK (ALL)")
    return value


@dataclass(frozen=True, slots=True)
class DmgsumSelection:
    """The CARS+ selections of DMGSUM; None = all."""

    date_from: date | None = None
    date_to: date | None = None
    unit: str | None = None
    location: str | None = None
    claim_statuses: tuple[int, ...] | None = None
    category: str | None = None
    repaired: str | None = None  # "Y", "N" or None

    @classmethod
    def of(cls, *, date_from: date | None = None, date_to: date | None = None, unit: str | None = None,
           location: str | None = None, claim_status: str | None = None, category: str | None = None,
           repaired: str | None = None) -> DmgsumSelection:
        """From what a user typed: codes upper-cased and trimmed, the claim status parsed, Y/N checked."""
        if date_from and date_to and date_from > date_to:
            raise SelectionError("THE FROM DATE IS AFTER THE TO DATE")
        return cls(date_from, date_to, _code(unit), _code(location), parse_claim_statuses(claim_status),
                   _code(category), _yn(repaired, "REPAIRED"))

    def describe(self) -> str:
        """One line saying what was chosen (the screen's and the PDF's selection line)."""
        def d(value: date | None) -> str:
            return format_counter_date(value) if value else "*"

        statuses = ",".join(map(str, self.claim_statuses)) if self.claim_statuses is not None else "ALL"
        return (f"DATES {d(self.date_from)} TO {d(self.date_to)}  UNIT {self.unit or 'ALL'}  "
                f"LOC {self.location or 'ALL'}  CS {statuses}  CAT {self.category or 'ALL'}  "
                f"REPAIRED {self.repaired or 'ALL'}")


def _filters(selection: DmgsumSelection) -> list[ColumnElement[bool]]:
    """The WHERE of the chosen reports, on `damage_reports` alone: a damage date range is a list of report numbers
    from the Accident Details' date index (a few thousand for a month), never a join of every report."""
    r = m.DamageReport
    a = aliased(m.AccidentDetails)  # never correlated with a query that joins the Accident Details itself
    wanted: list[ColumnElement[bool]] = []
    if selection.date_from is not None or selection.date_to is not None:
        dated = select(a.report_number)
        if selection.date_from is not None:
            dated = dated.where(a.date_time >= datetime.combine(selection.date_from, time.min))
        if selection.date_to is not None:
            dated = dated.where(a.date_time < datetime.combine(selection.date_to + timedelta(days=1), time.min))
        wanted.append(r.report_number.in_(dated))
    if selection.unit is not None:
        wanted.append(r.unit_number == selection.unit)
    if selection.location is not None:
        wanted.append(r.claim_location == selection.location)
    if selection.claim_statuses is not None:
        wanted.append(r.claim_status.in_(selection.claim_statuses))
    if selection.category is not None:
        wanted.append(r.accident_category == selection.category)
    if selection.repaired is not None:
        wanted.append(func.coalesce(r.repaired, false()) == (selection.repaired == "Y"))
    return wanted


# --- summary -----------------------------------------------------------------------------------------------------

SUMMARY_COLUMNS = ("location", "category", "reports", "repaired", "our_repair_costs", "misc_costs",
                   "third_party_costs", "third_party_recovery", "goodwill", "amount_outstanding")


@dataclass(frozen=True, slots=True)
class DmgsumLine:
    location: str  # claim location, "" when blank
    category: str  # accident category, "" when blank
    reports: int
    repaired: int
    our_repair_costs: Decimal
    misc_costs: Decimal
    third_party_costs: Decimal
    third_party_recovery: Decimal
    goodwill: Decimal
    amount_outstanding: Decimal

    def values(self) -> list[Any]:
        return [getattr(self, name) for name in SUMMARY_COLUMNS]


@dataclass(frozen=True, slots=True)
class DmgsumSummary:
    selection: DmgsumSelection
    lines: tuple[DmgsumLine, ...]
    total: DmgsumLine = field(init=False)

    def __post_init__(self) -> None:
        def s(name: str) -> Any:  # noqa: ANN401
            return sum((getattr(line, name) for line in self.lines), 0 if name in ("reports", "repaired") else ZERO)

        object.__setattr__(self, "total", DmgsumLine("", "", *(s(n) for n in SUMMARY_COLUMNS[2:])))


def damage_summary(db: Database, selection: DmgsumSelection) -> DmgsumSummary:
    """Counts and sums of the chosen reports by claim location and accident category (one statement)."""
    r = m.DamageReport
    location = func.coalesce(r.claim_location, "").label("location")
    category = func.coalesce(r.accident_category, "").label("category")
    statement = (
        select(location, category, func.count().label("reports"),
               func.sum(case((r.repaired.is_(True), 1), else_=0)).label("repaired"),
               func.sum(cents(r.our_repair_costs)).label("our"), func.sum(cents(r.misc_costs)).label("misc"),
               func.sum(cents(r.third_party_costs)).label("tp_costs"),
               func.sum(cents(r.third_party_recovery)).label("tp_recovery"),
               func.sum(cents(r.goodwill_deduction)).label("goodwill"),
               func.sum(cents(r.amount_outstanding)).label("outstanding"))
        .where(*_filters(selection))
        .group_by(r.claim_location, r.accident_category)
        .order_by(location, category)
    )
    with db.read() as session:
        rows = session.execute(statement).all()
    lines = tuple(
        DmgsumLine(row.location, row.category, int(row.reports), int(row.repaired or 0), money_from_cents(row.our),
                   money_from_cents(row.misc), money_from_cents(row.tp_costs), money_from_cents(row.tp_recovery),
                   money_from_cents(row.goodwill), money_from_cents(row.outstanding))
        for row in rows  # one row per (location, category): a few dozen, not one per report
    )
    return DmgsumSummary(selection, lines)


def summary_csv(summary: DmgsumSummary) -> str:
    return csv_text(SUMMARY_COLUMNS, [*(line.values() for line in summary.lines),
                                      ["TOTAL", "", *summary.total.values()[2:]]])


# --- detail ------------------------------------------------------------------------------------------------------

DETAIL_COLUMNS = ("report_number", "damage_date", "unit_number", "ra_number", "non_rev_number", "location",
                  "category", "report_status", "claim_status", "work_order_status", "repaired", "our_repair_costs",
                  "misc_costs", "third_party_costs", "third_party_recovery", "goodwill", "amount_outstanding")


@dataclass(frozen=True, slots=True)
class DmgsumRow:
    report_number: int
    damage_date: datetime | None
    unit_number: str
    ra_number: str
    non_rev_number: str
    location: str
    category: str
    report_status: str
    claim_status: int
    work_order_status: str
    repaired: str  # Y / N
    our_repair_costs: Decimal
    misc_costs: Decimal
    third_party_costs: Decimal
    third_party_recovery: Decimal
    goodwill: Decimal
    amount_outstanding: Decimal

    def values(self) -> list[Any]:
        values = [getattr(self, name) for name in DETAIL_COLUMNS]
        values[1] = self.damage_date.isoformat(sep=" ", timespec="minutes") if self.damage_date else ""
        return values


@dataclass(frozen=True, slots=True)
class DmgsumDetail:
    selection: DmgsumSelection
    rows: tuple[DmgsumRow, ...]
    total_rows: int  # every chosen report, when `rows` is one page of them
    offset: int = 0


def damage_detail(db: Database, selection: DmgsumSelection, *, limit: int | None = None,
                  offset: int = 0) -> DmgsumDetail:
    """The chosen reports one by one in report-number order (the order they were saved in). `limit`/`offset` page
    in SQL: the page's report numbers come from the filters alone (an index, no join), then its rows are read by
    number; `total_rows` counts them all (a second statement, only when paging)."""
    r = m.DamageReport
    w = m.WorkOrder
    a = m.AccidentDetails

    def rows_of(chosen: list[ColumnElement[bool]]) -> Executable:
        return (
            select(r.report_number, a.date_time.label("damage_date"), r.unit_number, r.ra_number, r.non_rev_number,
                   r.claim_location, r.accident_category, r.report_status, r.claim_status,
                   w.status.label("work_order_status"), r.repaired, r.our_repair_costs, r.misc_costs,
                   r.third_party_costs, r.third_party_recovery, r.goodwill_deduction, r.amount_outstanding)
            .select_from(r)
            .outerjoin(a, a.report_number == r.report_number)
            .outerjoin(w, w.damage_report_number == r.report_number)
            .where(*chosen)
            .order_by(r.report_number)
        )

    with db.read() as session:
        rows, total = chosen_rows(session, _filters(selection), rows_of, limit=limit, offset=offset)

    def money(value: Decimal | None) -> Decimal:
        return value if value is not None else ZERO

    return DmgsumDetail(selection, tuple(
        DmgsumRow(row.report_number, row.damage_date, row.unit_number or "", row.ra_number or "",
                  row.non_rev_number or "", row.claim_location or "", row.accident_category or "", row.report_status,
                  row.claim_status, row.work_order_status or "", "Y" if row.repaired else "N",
                  money(row.our_repair_costs), money(row.misc_costs), money(row.third_party_costs),
                  money(row.third_party_recovery), money(row.goodwill_deduction), money(row.amount_outstanding))
        for row in rows
    ), total, offset)


def detail_csv(detail: DmgsumDetail) -> str:
    return csv_text(DETAIL_COLUMNS, (row.values() for row in detail.rows))
