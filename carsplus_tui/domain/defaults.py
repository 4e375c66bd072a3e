"""The manual's blank page 1, and the defaults every path that creates a report applies (DESIGN.md §4).

The manual's blank DAMAGE REPORT ENTRY screen reads::

    4 Accident DetailsN
    6 Renter Driving? Y
    7 Driver Injured? N
    10 Damage Covered? Y  Cvg Sold *  Excess *  Chg on RA N (Y/N)

so an agent who presses Enter through fields 6 and 7 has answered them.  Damage Covered follows the RA ("Based on
whether or not LDW was accepted on the RA or included in the rate, this field will default to either 'Y' or 'N'",
GVT DMGCVDN without one), Excess Charged is "the coverage responsibility that applies to the RA", and "If a date is
not entered in this window, the current date/time are used for the accident date/time."

The screen starts from `blank_report` and applies the RA's defaults when the RA is looked up; `report import` and
the sample generator call `new_report_defaults` with the fields the file (or template) gave — a field it leaves
out is a field the agent passed with Enter.  Nothing here trusts a display-only value: the RA's facts are passed
in by the caller, who read them from the RA.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any

from .control import DamageControl
from .engine import damage_covered_default, excess_charged_default
from .schemas import AccidentDetails, DamageReportData

__all__ = ["BLANK_PAGE1", "blank_report", "new_report_defaults"]

# What the manual's blank screen shows in the fields that have a default of their own (Damage Covered and
# Excess Charged depend on the control record and the RA; Accident Details "N" is shown for no accident date).
BLANK_PAGE1: dict[str, Any] = {"renter_driving": "Y", "driver_injured": "N", "charge_on_ra": "N"}


def blank_report(control: DamageControl | None = None) -> DamageReportData:
    """Page 1 as the manual's blank screen shows it. Damage Covered takes the control record's default (Y, or N
    under DMGCVDN) once the control record is known; without it, it is left for the caller to fill."""
    values: dict[str, Any] = dict(BLANK_PAGE1)
    if control is not None:
        values["damage_covered"] = damage_covered_default(None, control, False)
    return DamageReportData.model_validate(values)


def new_report_defaults(
    report: DamageReportData,
    control: DamageControl,
    *,
    given: Collection[str],
    has_ra: bool,
    coverage_sold: str | None,
    ra_excess: Decimal | None,
    now: datetime,
) -> DamageReportData:
    """A new report with the blank screen's defaults in every field `given` does not name, and the RA's defaults for
    Damage Covered and Excess Charged (`has_ra`, `coverage_sold` and `ra_excess` are the RA's, never the file's).

    A field that is given stays as given, blank included (an agent may clear a default). An Accident Details window
    given without a date takes `now`, as the window does."""
    update: dict[str, Any] = {}
    for name in ("renter_driving", "driver_injured"):
        if name not in given and getattr(report, name) is None:
            update[name] = BLANK_PAGE1[name]
    if "damage_covered" not in given and report.damage_covered is None:
        update["damage_covered"] = damage_covered_default(coverage_sold, control, has_ra)
    if has_ra and "excess_charged" not in given and report.excess_charged is None:
        update["excess_charged"] = excess_charged_default(ra_excess)
    details = report.accident_details
    if "accident_details" in given and details is not None and details.date_time is None:
        update["accident_details"] = AccidentDetails.model_validate(
            {**details.model_dump(), "date_time": now.replace(second=0, microsecond=0)})
    return report.model_copy(update=update) if update else report
