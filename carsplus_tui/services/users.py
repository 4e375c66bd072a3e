"""Employees and their User Access records (`carsplus user …`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from carsplus_tui.db import reference
from carsplus_tui.db.database import Database
from carsplus_tui.db.models import Employee, UserAccess
from carsplus_tui.services.passwords import WeakPasswordError, check_new_password, hash_password

AccessClaim = Literal["edit", "view", "none"]


class UserError(ValueError):
    """Bad input for a user command: the message is for the person at the keyboard."""


@dataclass(frozen=True)
class UserRow:
    code: str
    name: str
    location: str
    access_claim: str
    restrict_editclos: bool


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


def add_user(
    db: Database,
    code: str,
    *,
    name: str,
    location: str,
    password: str,
    access_claim: AccessClaim = "none",
    restrict_editclos: bool = False,
) -> None:
    code = _check_code(code)
    if access_claim not in ("edit", "view", "none"):
        raise UserError(f"access claim must be edit, view or none, not {access_claim!r}")
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
        employee.access = UserAccess(access_claim=access_claim, restrict_editclos=restrict_editclos)
        session.add(employee)


def set_password(db: Database, code: str, password: str) -> None:
    code = _check_code(code)
    _check_password(password)
    with db.write() as session:
        employee = reference.get_employee(session, code)
        if employee is None:
            raise UserError(f"employee {code} is not on file")
        employee.password_hash = hash_password(password)
        employee.failed_sign_ons = 0
        employee.locked_until = None


def list_users(db: Database) -> list[UserRow]:
    with db.read() as session:
        rows = session.scalars(select(Employee).order_by(Employee.code)).all()
        return [
            UserRow(
                code=e.code,
                name=e.name,
                location=e.location_code,
                access_claim=e.access.access_claim if e.access else "none",
                restrict_editclos=bool(e.access and e.access.restrict_editclos),
            )
            for e in rows
        ]
