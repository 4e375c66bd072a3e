"""Sign-on: employee code and password against the stored hash; 5 failures in a row lock the code for 5 minutes.

The same path serves the sign-on screen, browser sessions and every CLI command that changes data
(`carsplus_tui.cli_auth`). The refusal is one message whether the code is unknown, the password wrong or the code
locked (and each takes one password hash's time), so nobody learns which employee codes exist. The failure counter
is reserved in the database before each check (db.sign_ons), so no concurrency checks more than five passwords.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from carsplus_tui.db import reference, sign_ons
from carsplus_tui.db.database import Database
from carsplus_tui.domain.control import UserAccess
from carsplus_tui.services.passwords import hash_password, needs_rehash, verify_password
from carsplus_tui.services.report_mapping import access_settings

MAX_FAILURES = 5
LOCK_FOR = timedelta(minutes=5)
INVALID = "INVALID EMPLOYEE CODE OR PASSWORD"
_dummy_hash: list[str] = []  # verified against for unknown or locked codes, so every answer takes as long


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
    stored: str | None = None
    if code and len(code) <= 6:
        with db.write() as session:  # committed before the check: the attempt counts even if this process dies
            stored = sign_ons.reserve_attempt(session, code, now=now, lock_until=now + LOCK_FOR, limit=MAX_FAILURES)
    if stored is None:
        verify_password(password, _dummy())
        raise SignOnError(INVALID)
    if not verify_password(password, stored):
        raise SignOnError(INVALID)
    new_hash = hash_password(password) if needs_rehash(stored) else None
    with db.write() as session:
        sign_ons.clear_failures(session, code, new_hash=new_hash)
        employee = reference.get_employee(session, code)
        if employee is None:  # removed in the instant between the check and now
            raise SignOnError(INVALID)
        return SignedOn(employee.code, employee.name, employee.location_code, access_settings(employee))
