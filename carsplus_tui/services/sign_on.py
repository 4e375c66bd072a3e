"""Sign-on: employee code and password against the stored hash; 5 failures in a row lock the code for 5 minutes.

A wrong code and a wrong password get the same answer (and take the same time), so the screen never tells a
stranger which employee codes exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.domain.control import UserAccess
from carsplus_tui.services.passwords import hash_password, verify_password
from carsplus_tui.services.report_mapping import access_settings

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=5)
INVALID = "INVALID EMPLOYEE CODE OR PASSWORD"
_dummy_hash: list[str] = []  # verified against for unknown codes, so both answers take as long


def _dummy() -> str:
    if not _dummy_hash:
        _dummy_hash.append(hash_password("carsplus-dummy"))
    return _dummy_hash[0]


@dataclass(frozen=True)
class SignedOn:
    """The employee at the keyboard: the author of every save, note and audit entry."""

    code: str
    name: str
    location: str
    access: UserAccess


class SignOnError(Exception):
    """Refused: the message is for the message line."""


def sign_on(db: Database, code: str, password: str, *, now: datetime | None = None) -> SignedOn:
    now = now or datetime.now()
    code = code.strip().upper()
    with db.write() as session:
        employee = reference.get_employee(session, code) if code else None
        if employee is None:
            verify_password(password, _dummy())
            raise SignOnError(INVALID)
        if employee.locked_until is not None and employee.locked_until > now:
            raise SignOnError(f"SIGN-ON LOCKED UNTIL {employee.locked_until:%H:%M} - TOO MANY FAILURES")
        if not verify_password(password, employee.password_hash):
            employee.failed_sign_ons += 1
            if employee.failed_sign_ons >= MAX_FAILURES:
                employee.failed_sign_ons = 0
                employee.locked_until = now + LOCK_FOR
            failed = SignOnError(INVALID)
        else:
            employee.failed_sign_ons = 0
            employee.locked_until = None
            failed = None
            signed = SignedOn(employee.code, employee.name, employee.location_code, access_settings(employee))
    # The failure count is committed before the refusal is raised.
    if failed is not None:
        raise failed
    return signed
