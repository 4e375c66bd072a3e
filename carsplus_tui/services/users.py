"""Employees and their User Access records (`carsplus user …` and the User Access File screen).

Every change made by an administrator is written to the maintenance audit (program USERS, record = employee code).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import func, select

from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.db.models import Employee, UserAccess
from carsplus_tui.services.maintenance import MaintenanceError, audit_changes, check_not_stale
from carsplus_tui.services.passwords import WeakPasswordError, check_new_password, hash_password

AccessClaim = Literal["edit", "view", "none"]
FirstScreen = Literal["DMGENT", "MENU"]
PROGRAM = "USERS"


class UserError(MaintenanceError):
    """Bad input for a user command: the message is for the person at the keyboard."""


@dataclass(frozen=True)
class UserRow:
    code: str
    name: str
    location: str
    access_claim: str
    restrict_editclos: bool
    administrator: bool = False
    first_screen: str = "DMGENT"
    locked: bool = False

    def fields(self) -> dict[str, Any]:
        """The maintained fields (what optimistic locking compares and the audit records)."""
        values = asdict(self)
        values.pop("code")
        values.pop("locked")
        return values


def _check_code(code: str) -> str:
    code = code.strip().upper()
    if not code or len(code) > 6 or not code.isalnum():
        raise UserError(f"employee code {code!r} must be 1 to 6 letters or digits")
    return code


def _check_password(password: str) -> None:
    try:
        check_new_password(password)
    except WeakPasswordError as exc:
        raise UserError(str(exc)) from None


def _check_access_claim(access_claim: str) -> None:
    if access_claim not in ("edit", "view", "none"):
        raise UserError(f"access claim must be edit, view or none, not {access_claim!r}")


def _check_first_screen(first_screen: str) -> None:
    if first_screen not in ("DMGENT", "MENU"):
        raise UserError(f"first screen must be DMGENT or MENU, not {first_screen!r}")


def _row(e: Employee, now: datetime | None = None) -> UserRow:
    now = now or datetime.now()
    access = e.access
    return UserRow(
        code=e.code,
        name=e.name,
        location=e.location_code,
        access_claim=access.access_claim if access else "none",
        restrict_editclos=bool(access and access.restrict_editclos),
        administrator=bool(access and access.administrator),
        first_screen=(access.first_screen if access else None) or "DMGENT",
        locked=e.locked_until is not None and e.locked_until > now,
    )


def add_user(
    db: Database,
    code: str,
    *,
    name: str,
    location: str,
    password: str,
    access_claim: AccessClaim = "none",
    restrict_editclos: bool = False,
    administrator: bool = False,
    first_screen: FirstScreen = "DMGENT",
    by: str | None = None,
) -> None:
    """Add an employee and their User Access record. `by`: the administrator who adds them (audited); None only
    for the very first employee of an empty database."""
    code = _check_code(code)
    _check_access_claim(access_claim)
    _check_first_screen(first_screen)
    if not name.strip():
        raise UserError("the employee's name may not be empty")
    _check_password(password)
    with db.write() as session:
        if reference.get_employee(session, code) is not None:
            raise UserError(f"employee {code} already exists")
        location = location.strip().upper()
        if reference.get_location(session, location) is None:
            raise UserError(f"location {location} is not on file")
        employee = Employee(
            code=code,
            name=name.strip().upper()[:30],
            location_code=location,
            password_hash=hash_password(password),
            failed_sign_ons=0,
        )
        employee.access = UserAccess(access_claim=access_claim, restrict_editclos=restrict_editclos,
                                     administrator=administrator, first_screen=first_screen)
        session.add(employee)
        session.flush()
        audit_changes(session, by or code, PROGRAM, code, {}, {**_row(employee).fields(), "added": True})


def count_employees(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Employee)) or 0


def set_password(db: Database, code: str, password: str, *, by: str | None = None) -> None:
    """Set (reset) a password; the code is unlocked too."""
    code = _check_code(code)
    _check_password(password)
    with db.write() as session:
        employee = reference.get_employee(session, code)
        if employee is None:
            raise UserError(f"employee {code} is not on file")
        employee.password_hash = hash_password(password)
        employee.failed_sign_ons = 0
        employee.locked_until = None
        if by is not None:
            audit_changes(session, by, PROGRAM, code, {"password": ""}, {"password": "RESET"})


def get_user(db: Database, code: str) -> UserRow:
    code = _check_code(code)
    with db.read() as session:
        employee = reference.get_employee(session, code)
        if employee is None:
            raise UserError(f"employee {code} is not on file")
        return _row(employee)


def update_user(
    db: Database,
    code: str,
    *,
    by: str,
    name: str | None = None,
    location: str | None = None,
    access_claim: str | None = None,
    restrict_editclos: bool | None = None,
    administrator: bool | None = None,
    first_screen: str | None = None,
    unlock: bool = False,
    password: str | None = None,
    expected: UserRow | None = None,
) -> list[str]:
    """Change the User Access File record of `code`; the names of the fields that changed (each audited).
    `password`: a new password (reset; the code unlocked too), in the same transaction as the rest.
    `expected`: the record as the screen read it — refused when someone changed it since."""
    code = _check_code(code)
    if password:
        _check_password(password)
    if access_claim is not None:
        _check_access_claim(access_claim)
    if first_screen is not None:
        _check_first_screen(first_screen)
    if name is not None and not name.strip():
        raise UserError("the employee's name may not be empty")
    with db.write() as session:
        employee = session.scalars(
            select(Employee).where(Employee.code == code).with_for_update(of=Employee)
        ).unique().one_or_none()
        if employee is None:
            raise UserError(f"employee {code} is not on file")
        before = _row(employee)
        check_not_stale(expected.fields() if expected else None, before.fields())
        if location is not None:
            location = location.strip().upper()
            if location != employee.location_code and reference.get_location(session, location) is None:
                raise UserError(f"location {location} is not on file")
            employee.location_code = location
        if name is not None:
            employee.name = name.strip().upper()[:30]
        if employee.access is None:
            employee.access = UserAccess(access_claim="none", restrict_editclos=False, administrator=False,
                                         first_screen="DMGENT")
        access = employee.access
        if access_claim is not None:
            access.access_claim = access_claim
        if restrict_editclos is not None:
            access.restrict_editclos = restrict_editclos
        if first_screen is not None:
            access.first_screen = first_screen
        if administrator is not None:
            if before.administrator and not administrator and _administrators(session) <= 1:
                raise UserError(f"{code} is the last administrator: make another employee administrator first")
            access.administrator = administrator
        changed = audit_changes(session, by, PROGRAM, code, before.fields(), _row(employee).fields())
        if unlock and (before.locked or employee.failed_sign_ons):
            employee.locked_until = None
            employee.failed_sign_ons = 0
            changed += audit_changes(session, by, PROGRAM, code, {"locked": before.locked}, {"locked": False})
        if password:
            employee.password_hash = hash_password(password)
            employee.failed_sign_ons = 0
            employee.locked_until = None
            changed += audit_changes(session, by, PROGRAM, code, {"password": ""}, {"password": "RESET"})
        return changed


def _administrators(session: Any) -> int:  # noqa: ANN401
    return session.scalar(
        select(func.count()).select_from(UserAccess).where(UserAccess.administrator.is_(True))
    ) or 0


def list_users(db: Database) -> list[UserRow]:
    with db.read() as session:
        now = datetime.now()
        rows = session.scalars(select(Employee).order_by(Employee.code)).unique().all()
        return [_row(e, now) for e in rows]
