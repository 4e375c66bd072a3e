"""The claims clerk's desk: the follow-up queue and the ageing of open claims (issue 22, items 1 and 2).

Page 2 computes Amount Outstanding (domain/engine.py `claim_money`); every save stores the engine's figure beside
the claim status (`damage_reports.amount_outstanding`, migration 0009), so the queue and the ageing are each a
single statement over one table, aggregated by the database, never a Python loop over the reports. The tests hold
the stored figure to the engine's on every sample report (tests/services/test_claims_desk.py,
tests/db/test_stored_claim_money.py).

Open claims are those with a claim status below 7 (the manual's 7: "All of the above criteria are met").
The queue lists open claims only: a closed claim's follow-up date is history, not work.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, and_, case, func, select, type_coerce

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database

__all__ = [
    "AGEING_BUCKETS",
    "AgeingLine",
    "AgeingReport",
    "FollowUp",
    "ageing",
    "cents",
    "follow_up_queue",
    "money_from_cents",
    "outstanding_cents",
]

CLOSED_CLAIM_STATUS = 7
NOTE_WORDS = 40  # characters of the last note the queue shows (cut at a word)
AGEING_BUCKETS = ("0-30", "31-60", "61-90", "90+")
NO_DATE = "no date"  # an open claim whose damage date is still blank (report status U or I)


def cents(column: Any) -> ColumnElement[int]:  # noqa: ANN401
    """A money column as its stored whole cents, blank counting as zero."""
    return func.coalesce(type_coerce(column, BigInteger), 0)


def outstanding_cents() -> ColumnElement[int]:
    """The report's Amount Outstanding in whole cents: the engine's figure stored at its last save."""
    return cents(m.DamageReport.amount_outstanding)


def money_from_cents(value: int | None) -> Decimal:
    return (Decimal(int(value or 0)) / 100).quantize(Decimal("0.01"))


_money = money_from_cents


def first_words(text: str | None, width: int = NOTE_WORDS) -> str:
    """The note's first words, at most `width` characters, cut at a space when there is one."""
    if not text:
        return ""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    cut = flat[: width + 1].rsplit(" ", 1)[0]
    return (cut if cut and len(cut) <= width else flat[:width]).rstrip()


# --- the follow-up queue -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FollowUp:
    line: int
    report_number: int
    follow_up_date: date
    days_overdue: int
    claim_status: int
    claim_location: str | None
    claim_employee: str | None
    unit_number: str | None
    ra_number: str | None
    amount_outstanding: Decimal
    last_note: str

    def as_json(self) -> dict[str, Any]:
        values = asdict(self)
        values["follow_up_date"] = self.follow_up_date.isoformat()
        values["amount_outstanding"] = str(self.amount_outstanding)
        return values


def _code(value: str | None) -> str | None:
    value = (value or "").strip().upper()
    return value or None


def follow_up_queue(
    db: Database, today: date, *, location: str | None = None, employee: str | None = None, limit: int | None = None
) -> list[FollowUp]:
    """Open claims whose follow-up date is `today` or before, the longest overdue first (then by report number),
    limited to one claim location and/or one claim employee when given. `last_note` is the first words of the
    newest note a person wrote (not the automatic page-2 change lines)."""
    r = m.DamageReport
    n = m.Note
    a = m.AuditEntry
    # The last note a person wrote: a page-2 edit also writes a note ("9 Misc Costs: (BLANK) -> 80.00") beside its
    # audit entry, same report, time and employee, the text starting with the entry's field; those are skipped.
    automatic = (
        select(a.id)
        .where(
            a.report_number == n.report_number, a.at == n.at, a.employee_code == n.employee_code,
            func.substr(n.text, 1, func.length(a.field) + 2) == a.field + ": ",
        )
        .exists()
    )
    last_note = (
        select(n.text)
        .where(n.report_number == r.report_number, ~automatic)
        .order_by(n.at.desc(), n.id.desc())
        .limit(1)
    ).scalar_subquery()
    statement = (
        select(
            r.report_number, r.follow_up_date, r.claim_status, r.claim_location, r.claim_employee, r.unit_number,
            r.ra_number, outstanding_cents().label("outstanding"), last_note.label("last_note"),
        )
        .where(r.follow_up_date.is_not(None), r.follow_up_date <= today, r.claim_status < CLOSED_CLAIM_STATUS)
        .order_by(r.follow_up_date, r.report_number)
    )
    if (code := _code(location)) is not None:
        statement = statement.where(r.claim_location == code)
    if (code := _code(employee)) is not None:
        statement = statement.where(r.claim_employee == code)
    if limit is not None:
        statement = statement.limit(limit)
    with db.read() as session:
        rows = session.execute(statement).all()
    return [
        FollowUp(
            line=i,
            report_number=row.report_number,
            follow_up_date=row.follow_up_date,
            days_overdue=(today - row.follow_up_date).days,
            claim_status=row.claim_status,
            claim_location=row.claim_location,
            claim_employee=row.claim_employee,
            unit_number=row.unit_number,
            ra_number=row.ra_number,
            amount_outstanding=_money(row.outstanding),
            last_note=first_words(row.last_note),
        )
        for i, row in enumerate(rows, start=1)
    ]


# --- ageing of open claims ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgeingLine:
    location: str  # claim location, "" when blank
    category: str  # claim (accident) category, "" when blank
    counts: dict[str, int]  # bucket -> open claims
    amounts: dict[str, Decimal]  # bucket -> amount outstanding

    @property
    def count(self) -> int:
        return sum(self.counts.values())

    @property
    def amount(self) -> Decimal:
        return sum(self.amounts.values(), Decimal("0.00"))


@dataclass(frozen=True, slots=True)
class AgeingReport:
    today: date
    buckets: tuple[str, ...]
    lines: tuple[AgeingLine, ...]

    @property
    def total(self) -> AgeingLine:
        counts = {b: sum(line.counts[b] for line in self.lines) for b in self.buckets}
        amounts = {b: sum((line.amounts[b] for line in self.lines), Decimal("0.00")) for b in self.buckets}
        return AgeingLine("", "", counts, amounts)

    def as_json(self) -> dict[str, Any]:
        def line(item: AgeingLine) -> dict[str, Any]:
            return {
                "location": item.location,
                "category": item.category,
                "buckets": {b: {"count": item.counts[b], "amount": str(item.amounts[b])} for b in self.buckets},
                "count": item.count,
                "amount": str(item.amount),
            }

        total = line(self.total)
        del total["location"], total["category"]
        return {"today": self.today.isoformat(), "lines": [line(item) for item in self.lines], "total": total}


def ageing(db: Database, today: date) -> AgeingReport:
    """Open claims (claim status < 7) counted and their Amount Outstanding summed by claim location, claim category
    and days since the damage date: 0–30, 31–60, 61–90, 90+ (a damage date after `today` counts as 0–30). Claims
    whose damage date is blank are counted in their own column, "no date"."""
    r = m.DamageReport
    damage = r.damage_date  # the Accident Details' date/time, stored with the report (migration 0011): no join

    def since(days: int) -> datetime:  # the first moment that is at most `days` days before today
        return datetime.combine(today - timedelta(days=days), time.min)

    tests = {
        NO_DATE: damage.is_(None),
        AGEING_BUCKETS[0]: damage >= since(30),
        AGEING_BUCKETS[1]: and_(damage < since(30), damage >= since(60)),
        AGEING_BUCKETS[2]: and_(damage < since(60), damage >= since(90)),
        AGEING_BUCKETS[3]: damage < since(90),
    }
    # One row per (location, category), each bucket a conditional sum: the database streams the claims in index
    # order (ix_damage_reports_dmgsum) with no sort of a million rows by bucket.
    columns: list[Any] = []
    for test in tests.values():
        columns.append(func.sum(case((test, 1), else_=0)).label(f"n{len(columns)}"))
        columns.append(func.sum(case((test, outstanding_cents()), else_=0)).label(f"n{len(columns)}"))
    location = func.coalesce(r.claim_location, "").label("location")
    category = func.coalesce(r.accident_category, "").label("category")
    statement = (
        select(location, category, *columns)
        .where(r.claim_status < CLOSED_CLAIM_STATUS)
        .group_by(r.claim_location, r.accident_category)
    )
    with db.read() as session:
        rows = session.execute(statement).all()
    names = list(tests)
    counted = [{name: (int(row[2 + 2 * i] or 0), _money(row[3 + 2 * i])) for i, name in enumerate(names)}
               for row in rows]
    buckets = AGEING_BUCKETS + ((NO_DATE,) if any(cells[NO_DATE][0] for cells in counted) else ())
    grouped: dict[tuple[str, str], AgeingLine] = {}
    for row, cells in zip(rows, counted, strict=True):  # one row per (location, category): a few dozen
        key = (row.location, row.category)
        grouped[key] = AgeingLine(row.location, row.category, {b: cells[b][0] for b in buckets},
                                  {b: cells[b][1] for b in buckets})
    return AgeingReport(today, buckets, tuple(grouped[key] for key in sorted(grouped)))
