"""VICRPT, the Vehicle Incident Clearance Report (issue 22, item 3): the open claims (claim status < 7) still to be
cleared, chosen and grouped by VIR status (the report status U / I / C that page 1 shows as "VIR Sta"), claim type
(page 2's External Type, field 4: "the external claim type") and third party (page 1 field 8, 3rd Party Invld),
optionally for one claim location. Detail (one line per claim) or summary (one line per VIR status, claim type and
third party, with a total).

Counted and summed by the database — one statement for the summary, one for a page of the detail and one for its
line count — with page 2's Amount Outstanding as the engine computed it at the report's last save (stored beside the
claim status, migration 0009), so the summary over a million reports reads one covering index
(`ix_damage_reports_vicrpt`). The summary's "oldest report" is the date the oldest claim of the line was first
saved; the detail shows each claim's damage date and the days since.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Executable, func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.claim_rows import chosen_rows, csv_text
from carsplus_tui.services.claims_desk import CLOSED_CLAIM_STATUS, cents, money_from_cents
from carsplus_tui.services.dmgsum import SelectionError

__all__ = [
    "DETAIL_COLUMNS",
    "SUMMARY_COLUMNS",
    "VIR_STATUSES",
    "VicrptDetail",
    "VicrptLine",
    "VicrptRow",
    "VicrptSelection",
    "VicrptSummary",
    "clearance_detail",
    "clearance_summary",
    "detail_csv",
    "summary_csv",
]

TITLE = "VEHICLE INCIDENT CLEARANCE REPORT"
VIR_STATUSES = {"U": "UNREPORTED", "I": "INCOMPLETE", "C": "COMPLETE"}
ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class VicrptSelection:
    """The VICRPT selections; None = all."""

    vir_status: str | None = None  # U, I or C
    claim_type: str | None = None  # External Type; "" = claims without one
    third_party: str | None = None  # Y = a third party involved; N = not (N or blank)
    location: str | None = None  # claim location

    @classmethod
    def of(cls, *, vir_status: str | None = None, claim_type: str | None = None, third_party: str | None = None,
           location: str | None = None) -> VicrptSelection:
        """From what a user typed. Claim type `NONE` chooses the claims without an External Type."""
        vir = (vir_status or "").strip().upper()
        if vir in ("", "ALL"):
            vir_value = None
        elif vir in VIR_STATUSES:
            vir_value = vir
        else:
            raise SelectionError(f"VIR STATUS {vir} - USE U, I, C OR BLANK (ALL)")
        kind = " ".join((claim_type or "").upper().split())
        if len(kind) > 12:
            raise SelectionError(f"CLAIM TYPE {kind} - AT MOST 12 CHARACTERS")
        kind_value = None if kind in ("", "ALL") else "" if kind == "NONE" else kind
        party = (third_party or "").strip().upper()
        if party in ("", "ALL"):
            party_value = None
        elif party in ("Y", "N"):
            party_value = party
        else:
            raise SelectionError("THIRD PARTY MUST BE Y, N OR BLANK (ALL)")
        return cls(vir_value, kind_value, party_value, (location or "").strip().upper() or None)

    def describe(self) -> str:
        kind = "ALL" if self.claim_type is None else self.claim_type or "NONE"
        return (f"OPEN CLAIMS (CS < 7)  VIR STA {self.vir_status or 'ALL'}  CLAIM TYPE {kind}  "
                f"3RD PARTY {self.third_party or 'ALL'}  LOC {self.location or 'ALL'}")


def _filters(selection: VicrptSelection) -> list[ColumnElement[bool]]:
    r = m.DamageReport
    wanted: list[ColumnElement[bool]] = [r.claim_status < CLOSED_CLAIM_STATUS]
    if selection.vir_status is not None:
        wanted.append(r.report_status == selection.vir_status)
    if selection.claim_type is not None:
        wanted.append(func.coalesce(r.external_type, "") == selection.claim_type)
    if selection.third_party == "Y":
        wanted.append(r.third_party_involved == "Y")
    elif selection.third_party == "N":
        wanted.append(func.coalesce(r.third_party_involved, "N") != "Y")
    if selection.location is not None:
        wanted.append(r.claim_location == selection.location)
    return wanted


def _claim_type() -> ColumnElement[str]:
    return func.coalesce(m.DamageReport.external_type, "").label("claim_type")


def _third_party() -> ColumnElement[str]:
    return func.coalesce(m.DamageReport.third_party_involved, "").label("third_party")


def _date(value: Any) -> date | None:  # noqa: ANN401  (SQLite gives min() of a DateTime back as text)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# --- summary -----------------------------------------------------------------------------------------------------

SUMMARY_COLUMNS = ("vir_status", "claim_type", "third_party", "claims", "oldest_report_date", "amount_outstanding")


@dataclass(frozen=True, slots=True)
class VicrptLine:
    vir_status: str
    claim_type: str  # "" = no External Type
    third_party: str  # Y, N or "" (blank)
    claims: int
    oldest_report_date: date | None
    amount_outstanding: Decimal

    def values(self) -> list[Any]:
        values = [getattr(self, name) for name in SUMMARY_COLUMNS]
        values[4] = self.oldest_report_date.isoformat() if self.oldest_report_date else ""
        return values


@dataclass(frozen=True, slots=True)
class VicrptSummary:
    selection: VicrptSelection
    lines: tuple[VicrptLine, ...]
    total: VicrptLine = field(init=False)

    def __post_init__(self) -> None:
        dates = [line.oldest_report_date for line in self.lines if line.oldest_report_date]
        object.__setattr__(self, "total", VicrptLine(
            "", "", "", sum(line.claims for line in self.lines), min(dates) if dates else None,
            sum((line.amount_outstanding for line in self.lines), ZERO)))


def clearance_summary(db: Database, selection: VicrptSelection) -> VicrptSummary:
    """The chosen open claims counted, the oldest one's report date, and their Amount Outstanding summed, by VIR
    status, claim type and third party (one statement)."""
    r = m.DamageReport
    claim_type, third_party = _claim_type(), _third_party()
    statement = (
        select(r.report_status.label("vir_status"), claim_type, third_party, func.count().label("claims"),
               func.min(r.created_at).label("oldest"), func.sum(cents(r.amount_outstanding)).label("outstanding"))
        .where(*_filters(selection))
        .group_by(r.report_status, r.external_type, r.third_party_involved)
        .order_by(r.report_status, claim_type, third_party)
    )
    with db.read() as session:
        rows = session.execute(statement).all()
    grouped: dict[tuple[str, str, str], list[Any]] = {}
    for row in rows:  # one row per group (a handful); blank and NULL External Type / 3rd party fold together
        key = (row.vir_status, row.claim_type, row.third_party)
        oldest = _date(row.oldest)
        if key in grouped:
            item = grouped[key]
            item[0] += int(row.claims)
            item[1] = min(filter(None, (item[1], oldest)), default=None)
            item[2] += int(row.outstanding or 0)
        else:
            grouped[key] = [int(row.claims), oldest, int(row.outstanding or 0)]
    return VicrptSummary(selection, tuple(
        VicrptLine(*key, claims, oldest, money_from_cents(outstanding))
        for key, (claims, oldest, outstanding) in sorted(grouped.items())
    ))


def summary_csv(summary: VicrptSummary) -> str:
    return csv_text(SUMMARY_COLUMNS, [*(line.values() for line in summary.lines),
                                      ["TOTAL", "", "", *summary.total.values()[3:]]])


# --- detail ------------------------------------------------------------------------------------------------------

DETAIL_COLUMNS = ("report_number", "damage_date", "days_open", "unit_number", "ra_number", "non_rev_number",
                  "location", "vir_status", "claim_status", "claim_type", "third_party", "third_parties",
                  "external_claim", "external_closed", "follow_up_date", "amount_outstanding")


@dataclass(frozen=True, slots=True)
class VicrptRow:
    report_number: int
    damage_date: datetime | None
    days_open: int | None  # days since the damage date (None without one)
    unit_number: str
    ra_number: str
    non_rev_number: str
    location: str
    vir_status: str
    claim_status: int
    claim_type: str
    third_party: str
    third_parties: int  # parties entered in the 3rd party window
    external_claim: str
    external_closed: str
    follow_up_date: date | None
    amount_outstanding: Decimal

    def values(self) -> list[Any]:
        values = [getattr(self, name) for name in DETAIL_COLUMNS]
        values[1] = self.damage_date.isoformat(sep=" ", timespec="minutes") if self.damage_date else ""
        values[2] = "" if self.days_open is None else self.days_open
        values[14] = self.follow_up_date.isoformat() if self.follow_up_date else ""
        return values


@dataclass(frozen=True, slots=True)
class VicrptDetail:
    selection: VicrptSelection
    today: date
    rows: tuple[VicrptRow, ...]
    total_rows: int
    offset: int = 0


def clearance_detail(db: Database, selection: VicrptSelection, today: date, *, limit: int | None = None,
                     offset: int = 0) -> VicrptDetail:
    """The chosen open claims one by one, the oldest report first (report-number order: the order they were
    saved in). `limit`/`offset` page in SQL: the page's report numbers come from the filters alone, then its rows
    are read by number; `total_rows` counts them all (a second statement, only when paging)."""
    r = m.DamageReport
    damage = m.AccidentDetails.date_time
    parties = (select(func.count()).where(m.ThirdParty.report_number == r.report_number)
               .scalar_subquery().label("third_parties"))

    def rows_of(chosen: list[ColumnElement[bool]]) -> Executable:
        return (
            select(r.report_number, damage.label("damage_date"), r.unit_number, r.ra_number, r.non_rev_number,
                   r.claim_location, r.report_status, r.claim_status, _claim_type(), _third_party(), parties,
                   r.external_claim, r.external_closed, r.follow_up_date, r.amount_outstanding)
            .select_from(r)
            .outerjoin(m.AccidentDetails, m.AccidentDetails.report_number == r.report_number)
            .where(*chosen)
            .order_by(r.report_number)
        )

    with db.read() as session:
        rows, total = chosen_rows(session, _filters(selection), rows_of, limit=limit, offset=offset)

    def days(value: datetime | None) -> int | None:
        return None if value is None else (today - value.date()).days

    return VicrptDetail(selection, today, tuple(
        VicrptRow(row.report_number, row.damage_date, days(row.damage_date), row.unit_number or "",
                  row.ra_number or "", row.non_rev_number or "", row.claim_location or "", row.report_status,
                  row.claim_status, row.claim_type, row.third_party, int(row.third_parties or 0),
                  row.external_claim or "", row.external_closed or "", row.follow_up_date,
                  row.amount_outstanding if row.amount_outstanding is not None else ZERO)
        for row in rows
    ), total, offset)


def detail_csv(detail: VicrptDetail) -> str:
    return csv_text(DETAIL_COLUMNS, (row.values() for row in detail.rows))
