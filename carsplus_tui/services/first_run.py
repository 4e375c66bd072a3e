"""What the sign-on screen tells a newcomer: that a database has no employees yet (and the two commands that fix
it), or, while the sample data's DEMO still has its sample password, which sample sign-ons exist."""

from __future__ import annotations

from sqlalchemy import func, select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.passwords import verify_password

NO_EMPLOYEES = (  # each line fits the sign-on box
    "NO EMPLOYEES ON FILE. FOR THE SAMPLE DATA:",
    "  carsplus sample load",
    "OR ADD THE FIRST ADMINISTRATOR:",
    "  carsplus user add CODE --name NAME --location LOC",
    "    --access-claim edit --administrator",
)
SAMPLE = (("DEMO", "demo"), ("CLERK", "clerk"), ("AGENT", "agent"), ("MGARCI", "mgarci"))


def sign_on_notice(db: Database) -> tuple[str, ...]:
    """Lines for the sign-on screen; empty once the company has its own employees (or changed DEMO's password)."""
    with db.read() as session:
        if not session.scalar(select(func.count()).select_from(m.Employee)):
            return NO_EMPLOYEES
        demo = session.get(m.Employee, "DEMO")
        if demo is None or not verify_password("demo", demo.password_hash):
            return ()
        present = {e.code: e for e in session.scalars(select(m.Employee).where(
            m.Employee.code.in_([code for code, _ in SAMPLE])))}
        words = []
        for code, password in SAMPLE:
            employee = present.get(code)
            if employee is None:
                continue
            access = employee.access
            role = "ADMIN" if access is not None and access.administrator else (access.access_claim.upper()
                                                                                 if access else "NONE")
            words.append(f"{code}/{password} ({role})")
    pairs = ["  ".join(words[i:i + 2]) for i in range(0, len(words), 2)]
    return ("SAMPLE SIGN-ONS (CODE/PASSWORD):", *pairs, "CHANGE THEM: carsplus user passwd CODE")
