"""Never lose a typed report: the report being typed is kept in the database (one draft per employee) and offered
back at the next sign-on (`RECOVER UNSAVED REPORT? (Y/N)`).

A saved report must not be offered back (the agent would save it twice), so the save deletes the draft inside its
own transaction (`save_report(..., discard_draft_of=...)` calls `discard_in`): a terminal killed during F1 leaves
either the saved report and no draft, or no report and the draft."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from carsplus_tui.db.database import Database
from carsplus_tui.db.models import ReportDraft


def save_draft(db: Database, employee_code: str, payload: dict[str, Any], *, at: datetime | None = None) -> None:
    text = json.dumps(payload, sort_keys=True, default=str)
    with db.write() as session:
        draft = session.get(ReportDraft, employee_code)
        if draft is None:
            draft = ReportDraft(employee_code=employee_code)
            session.add(draft)
        draft.payload = text
        draft.report_number = payload.get("report_number")
        draft.updated_at = at or datetime.now().replace(microsecond=0)


def load_draft(db: Database, employee_code: str) -> dict[str, Any] | None:
    with db.read() as session:
        draft = session.get(ReportDraft, employee_code)
        return None if draft is None else json.loads(draft.payload)


def discard_draft(db: Database, employee_code: str) -> None:
    with db.write() as session:
        discard_in(session, employee_code)


def discard_in(session: Session, employee_code: str) -> None:
    """Delete the employee's draft inside the caller's transaction (the save's)."""
    session.execute(delete(ReportDraft).where(ReportDraft.employee_code == employee_code.upper()))


class DraftKeeper:
    """One page's drafts, written by worker threads while the agent types, and the F1 save that ends them.

    A draft written after the save that already holds its typing would bring the saved report back at the next
    sign-on. So a draft write and the save take turns (a lock), each change gets a number, and a draft of changes
    that a save (or F3 erase) has already dealt with is dropped instead of written."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._typed = 0  # number of the latest change (UI thread)
        self._done = 0  # changes up to this number are saved or erased
        self._written = 0  # the change the stored draft holds (an older one never overwrites it)
        self._wanted = 0  # the newest change a draft write has been started for (any thread)
        self._wanted_lock = threading.Lock()

    def changed(self) -> int:
        """Called on the UI thread for each change: its number, to hand to `keep` and `saving`."""
        self._typed += 1
        return self._typed

    @property
    def latest(self) -> int:
        return self._typed

    def keep(self, db: Database, employee_code: str, payload: dict[str, Any], change: int) -> bool:
        """Write the draft of the typing up to `change`, unless a save or an erase has already covered it, or a
        write of newer typing is already on its way (it holds this typing too: on a locked database the writes
        would otherwise queue up behind each other, and F1 behind them all, one lock time-out each)."""
        with self._wanted_lock:
            self._wanted = max(self._wanted, change)
        with self._lock:
            if change <= self._done or change < self._written or change < self._wanted:
                return False
            save_draft(db, employee_code, payload)
            self._written = change
            return True

    @contextmanager
    def saving(self, change: int) -> Iterator[None]:
        """Around the save of the typing up to `change`: no draft is written meanwhile, and once the save has
        committed, older drafts still queued are dropped. A refused save changes nothing (the draft stays)."""
        with self._lock:
            yield
            self._done = max(self._done, change)

    def discarded(self) -> int:
        """Called on the UI thread at F3 ERASE: the number of the last change erased, to hand to `discard`."""
        return self._typed

    def discard(self, db: Database, employee_code: str, change: int | None = None) -> None:
        """F3 ERASE or N to RECOVER: the draft goes, and drafts still queued for the erased typing (up to `change`,
        by default all typed so far) are dropped."""
        with self._lock:
            self._done = max(self._done, self._typed if change is None else change)
            discard_draft(db, employee_code)
