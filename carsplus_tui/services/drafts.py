"""Never lose a typed report: the report being typed is kept in the database (one draft per employee and terminal)
and offered back at the next sign-on (`RECOVER UNSAVED REPORT 73 (RA T3001212)? (Y/N)`). The same employee at two
terminals has two drafts: a save or an erase at one never deletes the other's.

A saved report must not be offered back (the agent would save it twice), so the save deletes the draft inside its
own transaction (`save_report(..., discard_draft_of=...)` calls `discard_in`): a terminal killed during F1 leaves
either the saved report and no draft, or no report and the draft."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.orm import Session

from carsplus_tui.db.database import Database
from carsplus_tui.db.models import ReportDraft


class DraftKey(NamedTuple):
    """Whose draft: the employee, and the terminal (or browser session) they type at."""

    employee_code: str
    terminal: str = ""


def this_holder() -> str:
    """This program (host:pid): a draft it holds is not offered at another terminal while it runs."""
    import os
    import socket

    return f"{socket.gethostname()[:60]}:{os.getpid()}"


def _key(key: DraftKey | str) -> DraftKey:
    return DraftKey(key.employee_code.upper(), key.terminal) if isinstance(key, DraftKey) else DraftKey(key.upper())


def _where(key: DraftKey | str) -> Any:  # noqa: ANN401
    k = _key(key)
    return (ReportDraft.employee_code == k.employee_code) & (ReportDraft.terminal == k.terminal)


def save_draft(db: Database, key: DraftKey | str, payload: dict[str, Any], *, at: datetime | None = None,
               release: bool = False) -> None:
    """Keep `payload` as the draft of `key` (an employee at a terminal). Held by this program while it runs;
    `release` (sign-off) lets any terminal of the employee offer it back."""
    text = json.dumps(payload, sort_keys=True, default=str)
    k = _key(key)
    with db.write() as session:
        draft = session.get(ReportDraft, (k.employee_code, k.terminal))
        if draft is None:
            draft = ReportDraft(employee_code=k.employee_code, terminal=k.terminal)
            session.add(draft)
        draft.payload = text
        draft.report_number = payload.get("report_number")
        draft.holder = None if release else this_holder()
        draft.updated_at = at or datetime.now().replace(microsecond=0)


def load_draft(db: Database, key: DraftKey | str) -> dict[str, Any] | None:
    k = _key(key)
    with db.read() as session:
        draft = session.get(ReportDraft, (k.employee_code, k.terminal))
        return None if draft is None else json.loads(draft.payload)


def discard_draft(db: Database, key: DraftKey | str) -> None:
    with db.write() as session:
        discard_in(session, key)


def discard_in(session: Session, key: DraftKey | str) -> None:
    """Delete the draft of `key` (that employee at that terminal only) inside the caller's transaction (the
    save's): the same employee's draft at another terminal stays."""
    k = _key(key)
    session.connection().execute(_DISCARD, {"employee": k.employee_code, "terminal": k.terminal})


# Built once (every save runs it): building and keying a statement costs more CPU than SQLite takes to run it. On the
# table, on the session's connection: a save holds no draft object for the ORM's bulk delete to evaluate.
_DRAFTS = cast(Table, ReportDraft.__table__)
_DISCARD = delete(_DRAFTS).where(_DRAFTS.c.employee_code == bindparam("employee"),
                                 _DRAFTS.c.terminal == bindparam("terminal"))

def this_terminal() -> str:
    """Which terminal this program runs at: `CARSPLUS_TERMINAL` when set (a site's own terminal names), else the
    host and the terminal device (`/dev/pts/3`: a restarted program in the same window finds its draft again), else
    the host and this process (a browser session has no terminal device)."""
    import os
    import socket
    import sys

    named = os.environ.get("CARSPLUS_TERMINAL", "").strip()
    if named:
        return named[:60]
    host = socket.gethostname()[:20]
    for stream in (sys.stdin, sys.stdout):
        try:
            return f"{host}:{os.ttyname(stream.fileno())}"[:60]
        except (OSError, AttributeError, ValueError):
            continue
    return f"{host}:pid{os.getpid()}"[:60]


class OfferedDraft(NamedTuple):
    """A draft to offer back at sign-on: whose it is (which terminal it was typed at) and the report."""

    key: DraftKey
    payload: dict[str, Any]


# A draft typed on another machine whose program cannot be asked is offered elsewhere once it is this old.
ABANDONED_AFTER = timedelta(hours=12)


def _orphaned(draft: ReportDraft, now: datetime, holder: str) -> bool:
    """Nobody is typing this draft any more: released at sign-off, kept before drafts had terminals, or its
    program is gone (on this machine: its process has ended; elsewhere: untouched for ABANDONED_AFTER)."""
    if not draft.holder or not draft.terminal:
        return True
    host, _, pid = draft.holder.rpartition(":")
    if host == holder.rpartition(":")[0] and pid.isdigit():
        return not _process_alive(int(pid))
    return now - draft.updated_at >= ABANDONED_AFTER


def _process_alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def draft_to_offer(db: Database, key: DraftKey, *, now: datetime | None = None) -> OfferedDraft | None:
    """The draft to offer at sign-on of `key` (an employee at a terminal): the one typed at this terminal; if there
    is none, the employee's newest orphaned draft from another terminal (see `_orphaned`) — never one another
    terminal of theirs is still typing."""
    k = _key(key)
    now = now or datetime.now()
    holder = this_holder()
    with db.read() as session:
        own = session.get(ReportDraft, (k.employee_code, k.terminal))
        if own is not None:
            return OfferedDraft(k, json.loads(own.payload))
        others = session.scalars(select(ReportDraft).where(ReportDraft.employee_code == k.employee_code)
                                 .order_by(ReportDraft.updated_at.desc(), ReportDraft.terminal)).all()
        for draft in others:
            if _orphaned(draft, now, holder):
                return OfferedDraft(DraftKey(draft.employee_code, draft.terminal), json.loads(draft.payload))
    return None


def adopt_draft(db: Database, old: DraftKey, new: DraftKey) -> None:
    """A draft recovered at another terminal becomes that terminal's draft (held by this program)."""
    old, new = _key(old), _key(new)
    if old == new:
        return
    with db.write() as session:
        draft = session.get(ReportDraft, (old.employee_code, old.terminal))
        if draft is None:
            return
        payload, number = draft.payload, draft.report_number
        session.delete(draft)
        session.execute(delete(ReportDraft).where(_where(new)))
        session.flush()
        session.add(ReportDraft(employee_code=new.employee_code, terminal=new.terminal, payload=payload,
                                report_number=number, holder=this_holder(),
                                updated_at=datetime.now().replace(microsecond=0)))


def recover_question(offered: OfferedDraft) -> str:
    """The question at sign-on names the report: `RECOVER UNSAVED REPORT 73 (RA T3001212)?`, or for a report not
    saved yet `RECOVER UNSAVED NEW REPORT FOR RA T3001212?`."""
    payload = offered.payload
    number = payload.get("report_number")
    what = (f"RA {payload['ra_number']}" if payload.get("ra_number")
            else f"NON-REV {payload['non_rev_number']}" if payload.get("non_rev_number")
            else f"UNIT {payload['unit_number']}" if payload.get("unit_number") else "")
    if number is not None:
        return f"RECOVER UNSAVED REPORT {number}{f' ({what})' if what else ''}?"
    return f"RECOVER UNSAVED NEW REPORT{f' FOR {what}' if what else ''}?"


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

    def keep(self, db: Database, key: DraftKey | str, payload: dict[str, Any], change: int, *,
             release: bool = False) -> bool:
        """Write the draft of the typing up to `change`, unless a save or an erase has already covered it, or a
        write of newer typing is already on its way (it holds this typing too: on a locked database the writes
        would otherwise queue up behind each other, and F1 behind them all, one lock time-out each)."""
        with self._wanted_lock:
            self._wanted = max(self._wanted, change)
        with self._lock:
            if change <= self._done or change < self._written or change < self._wanted:
                return False
            save_draft(db, key, payload, release=release)
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

    def discard(self, db: Database, key: DraftKey | str, change: int | None = None) -> None:
        """F3 ERASE or N to RECOVER: the draft goes, and drafts still queued for the erased typing (up to `change`,
        by default all typed so far) are dropped."""
        with self._lock:
            self._done = max(self._done, self._typed if change is None else change)
            discard_draft(db, key)
