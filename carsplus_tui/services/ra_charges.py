"""RA damage charges belong to one report each (DESIGN.md §4, "RA damage charges belong to one report each").

- A damage charge already on the RA with no report (the RA Close program charged it: "Chg on RA" Y) is *adopted*
  by the first report saved for that RA (the lowest-numbered report on it).
- A report's Excess Charged RA is the sum of its own damage charges (adopted ones and its field-13 postings).
- A save posts only the difference between field 13 (and page 2's Amount Charged / Refunded) and that report's own
  charges; another report's charges are never touched.
- A report moved to another RA takes its charges with it: its postings are reversed on the old RA (with a note on
  the report), an RA Close charge it had adopted goes back to that RA unadopted, and the new RA gets the report's
  amounts as the save's differences.

So for every RA: the sum of its reports' Excess Charged RA plus its unadopted damage charges equals its damage
charges. `reconcile` checks that and more for `carsplus ra show`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from carsplus_tui.db import models as m
from carsplus_tui.domain.money import format_money

ZERO = Decimal("0.00")
EXCESS = "excess_charged"
CHARGED = "amount_charged"
REFUNDED = "amount_refunded"
SOURCE_WORDS = {None: "RA CLOSE", EXCESS: "EXCESS", CHARGED: "CHARGE", REFUNDED: "REFUND"}
DESCRIPTIONS = {EXCESS: "DAMAGE EXCESS", CHARGED: "DAMAGE CHARGE", REFUNDED: "DAMAGE REFUND"}


@dataclass(frozen=True)
class Posting:
    """A charge a save put on (or took off) an RA, for the pop-up that shows what the RA close program will tax."""

    ra_number: str
    kind: str  # optional | additional
    source: str  # excess_charged | amount_charged | amount_refunded
    amount: Decimal  # the change this save made (negative for a refund, a lowered charge or a reversal)


def is_damage(charge: m.RaCharge, option: str | None) -> bool:
    return bool(option) and charge.code == option


def is_excess(charge: m.RaCharge) -> bool:
    """A damage/responsibility charge: the RA Close program's own (no source) or a field-13 posting. Page 2's
    Amount Charged / Refunded postings are damage charges too, but not "charged on the RA at close"."""
    return charge.source in (None, EXCESS)


def excess_charges(ra: m.RentalAgreement | None, option: str | None) -> list[m.RaCharge]:
    if ra is None:
        return []
    return [c for c in ra.charges if is_damage(c, option) and is_excess(c)]


def unadopted(ra: m.RentalAgreement | None, option: str | None) -> list[m.RaCharge]:
    return [c for c in excess_charges(ra, option) if c.damage_report_number is None]


def first_report_on(session: Session, ra_number: str, *, other_than: int | None = None) -> int | None:
    query = select(func.min(m.DamageReport.report_number)).where(m.DamageReport.ra_number == ra_number)
    if other_than is not None:
        query = query.where(m.DamageReport.report_number != other_than)
    return session.scalar(query)


def adopts(session: Session, ra: m.RentalAgreement, report_number: int | None) -> bool:
    """Is (or, saved now, would be) this report the first report saved for the RA, the one that adopts its
    unadopted damage charges? A report not saved yet is first only on an RA with no report."""
    with session.no_autoflush:
        first_other = first_report_on(session, ra.ra_number, other_than=report_number)
    return first_other is None or (report_number is not None and report_number < first_other)


def own(ra: m.RentalAgreement | None, report_number: int | None, sources: tuple[str | None, ...],
        option: str | None) -> list[m.RaCharge]:
    if ra is None or report_number is None:
        return []
    return [c for c in ra.charges
            if is_damage(c, option) and c.damage_report_number == report_number and c.source in sources]


def total(charges: list[m.RaCharge]) -> Decimal:
    return sum((c.amount for c in charges), ZERO)


def excess_charged_ra(ra: m.RentalAgreement | None, option: str | None, report_number: int | None) -> Decimal:
    """Page 2's Excess Charged RA for this report on this RA: its own damage charges, plus the RA's unadopted ones
    when the report is (or, saved now, would be) the one that adopts them — what a save makes true."""
    if ra is None or not option:
        return ZERO
    amount = total(own(ra, report_number, (None, EXCESS), option))
    loose = unadopted(ra, option)
    session = object_session(ra)
    if loose and session is not None and adopts(session, ra, report_number):
        amount += total(loose)
    return amount


# ----------------------------------------------------------------------------------------------------------------
# Posting (inside the save's transaction)
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChargeRules:
    option: str | None
    allow_charges: bool  # "allows damage charges to be added to Closed RAs" / "additional damage charges to RAs"
    allow_refunds: bool  # "allows damage refunds to be added to RAs"


def post_for_report(
    session: Session,
    report: m.DamageReport,
    old_ra: m.RentalAgreement | None,
    ra: m.RentalAgreement | None,
    rules: ChargeRules,
    at: datetime,
) -> tuple[list[Posting], list[str]]:
    """Bring the RA's charges in line with the report just saved. Returns the postings and the note lines to add
    to the report (a move's reversal)."""
    option = rules.option
    if not option:
        return [], []
    number = report.report_number
    postings: list[Posting] = []
    notes: list[str] = []
    if old_ra is not None and old_ra is not ra:
        postings, notes = _move_off(session, old_ra, number, ra, option, at)
    if ra is None:
        return postings, notes

    if unadopted(ra, option) and adopts(session, ra, number):
        for charge in unadopted(ra, option):
            charge.damage_report_number = number

    # Field 13: "If the RA is open, the amount entered here will automatically be applied to the rental agreement
    # as an optional charge. If the RA is closed and the Edit Damage Control Record allows damage charges to be
    # added to Closed RAs, it will appear as an unposted additional charge."
    field13 = report.excess_charged
    if field13 is not None:
        delta = field13 - total(own(ra, number, (None, EXCESS), option))
    else:
        # Blank: nothing asked of the RA; only this report's own field-13 postings are taken back.
        delta = -total(own(ra, number, (EXCESS,), option))
    kind = "optional" if ra.status == "O" else "additional"
    allowed = ra.status == "O" or rules.allow_charges
    postings += _adjust(session, ra, number, EXCESS, delta, kind, allowed, option, at)

    # Page 2, 13 and 14: "it will appear as an unposted additional charge" (a refund negative), whatever the RA's
    # status, when the control record allows it.
    for source, amount, allowed in (
        (CHARGED, report.amount_charged, rules.allow_charges),
        (REFUNDED, -report.amount_refunded if report.amount_refunded is not None else None, rules.allow_refunds),
    ):
        delta = (amount or ZERO) - total(own(ra, number, (source,), option))
        postings += _adjust(session, ra, number, source, delta, "additional", allowed, option, at)
    return postings, notes


def _adjust(
    session: Session, ra: m.RentalAgreement, number: int, source: str, delta: Decimal, kind: str, allowed: bool,
    option: str, at: datetime, description: str | None = None,
) -> list[Posting]:
    """Add `delta` to this report's own unposted charge of this source and kind (a new charge when there is none;
    a charge brought to zero is taken off)."""
    if delta == 0 or not allowed:
        return []
    mine = next((c for c in ra.charges if c.code == option and c.source == source and c.damage_report_number == number
                 and not c.posted and c.kind == kind), None)
    if mine is not None and description is None:
        mine.amount += delta
        if mine.amount == 0:
            ra.charges.remove(mine)
            session.delete(mine)
    else:
        ra.charges.append(m.RaCharge(
            code=option, description=(description or DESCRIPTIONS[source])[:30], amount=delta, kind=kind,
            posted=False, damage_report_number=number, source=source, created_at=at,
        ))
    return [Posting(ra_number=ra.ra_number, kind=kind, source=source, amount=delta)]


def _move_off(
    session: Session, old_ra: m.RentalAgreement, number: int, new_ra: m.RentalAgreement | None, option: str,
    at: datetime,
) -> tuple[list[Posting], list[str]]:
    """The report left `old_ra`: its postings there are reversed, an RA Close charge it adopted is left to the RA."""
    postings: list[Posting] = []
    notes: list[str] = []
    where = f"RA {new_ra.ra_number}" if new_ra is not None else "NO RA"
    for charge in own(old_ra, number, (None,), option):
        charge.damage_report_number = None
        notes.append(f"MOVED TO {where}: RA CLOSE DAMAGE CHARGE {format_money(charge.amount)} LEFT ON RA "
                     f"{old_ra.ra_number} UNADOPTED")
    for source in (EXCESS, CHARGED, REFUNDED):
        mine = own(old_ra, number, (source,), option)
        amount = total(mine)
        if not mine or amount == 0:
            continue
        unposted = [c for c in mine if not c.posted]
        if len(unposted) == len(mine):
            # Never posted: the charges are simply taken off the old RA.
            for charge in mine:
                old_ra.charges.remove(charge)
                session.delete(charge)
            postings.append(Posting(old_ra.ra_number, mine[-1].kind, source, -amount))
        else:
            postings += _adjust(session, old_ra, number, source, -amount, "additional", True, option, at,
                                description=f"REVERSED: DMG RPT {number} MOVED")
        notes.append(f"MOVED TO {where}: {SOURCE_WORDS[source]} {format_money(amount)} REVERSED ON RA "
                     f"{old_ra.ra_number}")
    return postings, notes


# ----------------------------------------------------------------------------------------------------------------
# Reconciliation (`carsplus ra show`)
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportTotals:
    report_number: int
    on_this_ra: bool  # the report's RA# is this RA
    excess_charged: Decimal | None  # field 13
    excess_charged_ra: Decimal  # its own RA Close + field-13 charges
    amount_charged: Decimal | None
    charged_on_ra: Decimal
    amount_refunded: Decimal | None
    refunded_on_ra: Decimal  # positive


def reconcile(session: Session, ra: m.RentalAgreement, rules: ChargeRules) -> tuple[list[ReportTotals], list[str]]:
    """Per-report totals of the RA's damage charges and every way they do not add up (empty: RECONCILED)."""
    option = rules.option
    problems: list[str] = []
    reports = {r.report_number: r for r in session.scalars(
        select(m.DamageReport).where(m.DamageReport.ra_number == ra.ra_number).order_by(m.DamageReport.report_number))}
    first = min(reports) if reports else None
    loose = total(unadopted(ra, option))
    owners = sorted({c.damage_report_number for c in ra.charges
                     if is_damage(c, option) and c.damage_report_number is not None} | set(reports))
    totals: list[ReportTotals] = []
    for number in owners:
        report = reports.get(number) or session.get(m.DamageReport, number)
        # The first report on the RA adopts its unadopted charges (at its next save; shown as its own already).
        ecra = total(own(ra, number, (None, EXCESS), option)) + (loose if number == first else ZERO)
        charged = total(own(ra, number, (CHARGED,), option))
        refunded = -total(own(ra, number, (REFUNDED,), option))
        row = ReportTotals(number, number in reports, report.excess_charged if report else None, ecra,
                           report.amount_charged if report else None, charged,
                           report.amount_refunded if report else None, refunded)
        totals.append(row)
        if not row.on_this_ra:
            if ecra or charged or refunded:
                elsewhere = report.ra_number if report is not None else None
                problems.append(f"REPORT {number} IS ON {'RA ' + elsewhere if elsewhere else 'NO RA'} BUT STILL OWNS "
                                f"{format_money(ecra + charged - refunded)} OF DAMAGE CHARGES HERE")
            continue
        allowed_excess = ra.status == "O" or rules.allow_charges
        if row.excess_charged is not None and allowed_excess and ecra != row.excess_charged:
            problems.append(f"REPORT {number}: EXCESS CHARGED {format_money(row.excess_charged)} BUT "
                            f"{format_money(ecra)} ON THE RA")
        if rules.allow_charges and charged != (row.amount_charged or ZERO):
            problems.append(f"REPORT {number}: AMOUNT CHARGED {format_money(row.amount_charged or ZERO)} BUT "
                            f"{format_money(charged)} ON THE RA")
        if rules.allow_refunds and refunded != (row.amount_refunded or ZERO):
            problems.append(f"REPORT {number}: AMOUNT REFUNDED {format_money(row.amount_refunded or ZERO)} BUT "
                            f"{format_money(refunded)} ON THE RA")
    left = ZERO if reports else loose
    all_excess = total(excess_charges(ra, option))
    counted = sum((t.excess_charged_ra for t in totals), ZERO) + left
    if counted != all_excess:
        problems.append(f"REPORTS' EXCESS CHARGED RA {format_money(counted - left)} + UNADOPTED "
                        f"{format_money(left)} IS NOT THE RA'S {format_money(all_excess)}")
    return totals, problems
