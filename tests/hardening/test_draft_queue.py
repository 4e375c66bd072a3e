"""Draft writes queued behind a locked database: only the newest typing is written once the lock goes, so the
writes (and F1's save, which takes turns with them) do not queue up one lock time-out each."""

from __future__ import annotations

import threading
import time

from carsplus_tui.db.database import Database
from carsplus_tui.services.drafts import DraftKeeper, load_draft
from tests.builders import add_reference_data
from tests.locks import write_lock_held


def test_older_draft_writes_queued_behind_a_lock_give_way_to_the_newest(db: Database) -> None:
    add_reference_data(db)
    slow = Database(db.url.render_as_string(hide_password=False), lock_timeout_s=60, statement_timeout_s=60)
    keeper = DraftKeeper()
    changes = [keeper.changed() for _ in range(4)]
    results: dict[int, bool] = {}

    def keep(change: int) -> None:
        results[change] = keeper.keep(slow, "CLERK", {"renters_claim_number": f"CN{change}"}, change)

    try:
        with write_lock_held(db):
            first = threading.Thread(target=keep, args=(changes[0],))
            first.start()  # waits for the lock inside its write, holding the keeper's turn
            deadline = time.monotonic() + 60
            while not keeper._lock.locked() and time.monotonic() < deadline:
                time.sleep(0.01)  # the first write has its turn (and waits for the database)
            later = [threading.Thread(target=keep, args=(change,)) for change in changes[1:]]
            for thread in later:
                thread.start()
            while getattr(keeper, "_wanted", changes[-1]) < changes[-1] and time.monotonic() < deadline:
                time.sleep(0.01)  # every later write has said what it holds
        for thread in (first, *later):
            thread.join(60)
    finally:
        slow.dispose()
    assert load_draft(db, "CLERK") == {"renters_claim_number": f"CN{changes[-1]}"}
    assert results[changes[-1]] is True
    assert [results[c] for c in changes[1:-1]] == [False, False]  # given way: the newest holds their typing
