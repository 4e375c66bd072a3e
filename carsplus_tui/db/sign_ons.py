"""The sign-on failure counter, changed only by single conditional UPDATEs so that no concurrency can check more
passwords than the limit allows.

A password check first *reserves* an attempt: one UPDATE … RETURNING that counts the attempt as a failure and, at
the limit, sets the lock — committed before the password is checked. It matches no row while the code is locked,
so once the limit is reached no further password is checked, however many sign-ons run at the same instant (on
PostgreSQL the row lock of the UPDATE queues them and each re-reads the row; on SQLite the write lock does). A
right password then clears the counter. A process killed between the two leaves a failure counted: the safe side.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, or_, update
from sqlalchemy.orm import Session

from carsplus_tui.db.models import Employee


def reserve_attempt(session: Session, code: str, *, now: datetime, lock_until: datetime, limit: int) -> str | None:
    """Count one attempt for `code` and return its password hash, or None when the code is unknown or locked."""
    expired = and_(Employee.locked_until.is_not(None), Employee.locked_until <= now)
    new_count = case((expired, 1), else_=Employee.failed_sign_ons + 1)
    statement = (
        update(Employee)
        .where(Employee.code == code, or_(Employee.locked_until.is_(None), Employee.locked_until <= now))
        .values(
            failed_sign_ons=new_count,
            locked_until=case((new_count >= limit, lock_until), else_=None),
        )
        .returning(Employee.password_hash)
        .execution_options(synchronize_session=False)
    )
    return session.execute(statement).scalar_one_or_none()


def clear_failures(session: Session, code: str, *, new_hash: str | None = None) -> None:
    """After a right password: the count starts again (and a weaker hash is replaced)."""
    values: dict[str, object] = {"failed_sign_ons": 0, "locked_until": None}
    if new_hash is not None:
        values["password_hash"] = new_hash
    session.execute(
        update(Employee).where(Employee.code == code).values(**values).execution_options(synchronize_session=False)
    )
