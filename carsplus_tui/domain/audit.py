"""Page-2 audit trail: "When the data on page 2 is edited, an automatic entry is made on the Damage Note. The data
recorded is the field name, old value, new value, employee code, data and time of the edit"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from .dates import format_counter_date, format_shown_datetime
from .fields import PAGE2_ORDER, describe
from .money import format_money
from .schemas import DamageReportData, NoteEntry

__all__ = ["BLANK", "FieldChange", "audit_notes", "display_value", "page2_changes"]

BLANK = "(BLANK)"

_PAGE2 = (
    "report_checked",
    "external_claim",
    "external_closed",
    "external_type",
    "accident_category",
    "follow_up_date",
    "claim_location",
    "claim_employee",
    "misc_costs",
    "third_party_costs",
    "third_party_recovery",
    "goodwill_deduction",
    "amount_refunded",
    "amount_charged",
)


def display_value(value: object) -> str:
    """A value as the screen shows it: money ``150.00``, dates ``07-21-09``, blank ``(BLANK)``."""
    if value is None or value == "":
        return BLANK
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime):
        return format_shown_datetime(value)
    if isinstance(value, date):
        return format_counter_date(value)
    return str(value)


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str  # JSON name
    title: str  # "14 Amount Charged"
    old: str  # display form
    new: str

    @property
    def text(self) -> str:
        """The note line: ``14 Amount Charged: (BLANK) -> 150.00``."""
        return f"{self.title}: {self.old} -> {self.new}"


def page2_changes(previous: DamageReportData | None, report: DamageReportData) -> list[FieldChange]:
    """Every page-2 input whose value differs from the previous save, in screen order."""
    changes: list[FieldChange] = []
    for name in PAGE2_ORDER:
        old = getattr(previous, name) if previous is not None else None
        new = getattr(report, name)
        if old != new:
            changes.append(FieldChange(name, describe(name).title(), display_value(old), display_value(new)))
    return changes


def audit_notes(changes: list[FieldChange], employee: str, at: datetime) -> list[NoteEntry]:
    """One note per change, ready to append to the report's notes."""
    return [NoteEntry(at=at, employee=employee, text=change.text) for change in changes]
