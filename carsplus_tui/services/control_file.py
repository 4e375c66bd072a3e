"""The Edit Damage Control Record with the GVT switches (DMGCVDN, DMGENT67, BOOTRPT) and the Misc Control Fields'
damage option code: read, and changed by an administrator (each change audited, program CONTROL).

Every switch is read from the database at each sign-on and each new report, so a change needs no restart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from carsplus_tui.db import models as m
from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.services.maintenance import MaintenanceError, audit_changes, check_not_stale

PROGRAM = "CONTROL"


@dataclass(frozen=True)
class Switch:
    key: str  # as in sample_data/control.json
    label: str  # the manual's words
    kind: str  # "flag" (Y/N), "yn" (the letter itself) or "text" (up to `width` characters)
    help: str  # what it does (F7)
    width: int = 1


SWITCHES: tuple[Switch, ...] = (
    Switch("ausie_rules", "AUSIE RULES", "flag",
           "Y: Customer Present, Renter Driving and each damage Type are required; claim fields open level by "
           "level (External Claim from claim status 3, Report Checked on a C report); Unit # is not required."),
    Switch("witness_customer_type", "WITNESS CUSTOMER TYPE", "text",
           "The customer type given to the customer records created for witnesses.", 3),
    Switch("third_party_customer_type", "3RD PARTY CUSTOMER TYPE", "text",
           "The customer type given to the customer records created for third parties.", 3),
    Switch("other_driver_customer_type", "OTHER DRIVER CUSTOMER TYPE", "text",
           "The customer type given to the customer records created for other drivers.", 3),
    Switch("allow_charges_on_closed_ra", "ALLOW DAMAGE CHARGES ON CLOSED RAS", "flag",
           "Y: Excess Charged and Amount Charged become unposted additional charges on a closed RA."),
    Switch("allow_refunds_on_ra", "ALLOW DAMAGE REFUNDS ON RAS", "flag",
           "Y: Amount Refunded becomes an unposted negative charge on the RA."),
    Switch("damage_covered_default", "DAMAGE COVERED DEFAULT (GVT DMGCVDN)", "yn",
           "The default of page 1 field 12 Damage Covered when no RA decides it: Y, or N as GVT record DMGCVDN."),
    Switch("require_present_and_third_party", "CUST PRESENT AND 3RD PARTY INVLD REQUIRED (GVT DMGENT67)", "flag",
           "Y: Cust Present and 3rd Party Invld are required fields (without Ausie Rules)."),
    Switch("boot_report", "PRINT BOOT REPORT (GVT BOOTRPT)", "flag",
           "Y: the Boot Report (every known unrepaired damage of the vehicle) prints instead of the Vehicle "
           "Accident Report."),
    Switch("damage_option_code", "DAMAGE OPTION CODE (MISC CONTROL FIELDS)", "text",
           "The RA charge code of damage charges: Excess Charged becomes an optional charge with this code.", 6),
    Switch("vehicle_lookup_by_licence", "ACCESS VEHICLES BY LICENSE NUMBER", "flag",
           "Y: field 3 takes the licence plate number instead of the unit number."),
)
BY_KEY = {s.key: s for s in SWITCHES}


def _values(row: m.DamageControl) -> dict[str, Any]:
    return {s.key: getattr(row, s.key) for s in SWITCHES}


def read_control(db: Database) -> dict[str, Any]:
    """Every switch's value (the defaults when the record was never set up)."""
    with db.read() as session:
        return _values(reference.get_control(session))


def parse(key: str, text: Any) -> Any:  # noqa: ANN401
    """A switch's value from what was typed (Y/N, yes/no, true/false for flags; text upper-cased)."""
    switch = BY_KEY.get(key)
    if switch is None:
        raise MaintenanceError(f"{key} is not a control switch; one of: {', '.join(BY_KEY)}")
    if switch.kind in ("flag", "yn"):
        if isinstance(text, bool):
            flag = text
        else:
            word = str(text).strip().upper()
            if word not in ("Y", "N", "YES", "NO", "TRUE", "FALSE"):
                raise MaintenanceError(f"{key} must be Y or N, not {text!r}")
            flag = word in ("Y", "YES", "TRUE")
        return flag if switch.kind == "flag" else ("Y" if flag else "N")
    value = "" if text is None else str(text).strip().upper()
    if len(value) > switch.width:
        raise MaintenanceError(f"{key} is at most {switch.width} characters")
    if not value:
        if key == "damage_option_code":
            return None
        raise MaintenanceError(f"{key} may not be blank")
    if not value.isalnum():
        raise MaintenanceError(f"{key} must be letters or digits")
    return value


def set_control(db: Database, changes: Mapping[str, Any], *, by: str,
                expected: Mapping[str, Any] | None = None) -> list[str]:
    """Change some switches (all or none); the keys that changed, each audited. `expected`: the values the screen
    read — refused when another terminal changed the record since."""
    parsed = {key: parse(key, value) for key, value in changes.items()}
    with db.write() as session:
        row = session.get(m.DamageControl, 1, with_for_update=True)
        if row is None:
            row = reference.get_control(session)
            session.add(row)
        before = _values(row)
        check_not_stale(expected, before)
        for key, value in parsed.items():
            setattr(row, key, value)
        changed = audit_changes(session, by, PROGRAM, "1", before, _values(row))
        if "damage_option_code" in changed:
            _refresh_damage_charges(session, before["damage_option_code"], row.damage_option_code)
        return changed


def _refresh_damage_charges(session: Any, old: str | None, new: str | None) -> None:  # noqa: ANN401
    """The damage option code says which RA charges are damage charges (each report's Excess Charged RA): the
    stored money of the reports on RAs that carry a charge of the old or the new code follows the change."""
    from sqlalchemy import select

    from carsplus_tui.services.reports import refresh_reports_on

    codes = [code for code in (old, new) if code]
    if codes:
        session.flush()
        refresh_reports_on(session, session.scalars(
            select(m.RaCharge.ra_number).where(m.RaCharge.code.in_(codes)).distinct()).all())
