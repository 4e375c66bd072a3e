"""The draft and the save: discarded in the save's transaction, and never written back after the save."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.drafts import DraftKeeper, load_draft, save_draft
from carsplus_tui.services.reports import save_report
from tests.builders import add_reference_data

TYPED = {"unit_number": "777", "renters_claim_number": "CN1",
         "damage_lines": [{"code": "D5", "description": "FRONT BUMPER", "type": "S"}]}


def counter(db: Database) -> int | None:
    with db.read() as session:
        return session.scalar(select(m.ReportCounter.last_number))


def test_a_save_discards_the_draft_in_its_own_transaction(db: Database) -> None:
    add_reference_data(db)
    save_draft(db, "CLERK", TYPED)
    result = save_report(db, load_report(TYPED), "CLERK", discard_draft_of="CLERK")
    assert load_draft(db, "CLERK") is None
    assert counter(db) == result.report_number


def test_a_save_that_fails_keeps_the_draft_and_the_counter(db: Database) -> None:
    add_reference_data(db)
    save_draft(db, "CLERK", TYPED)
    before = counter(db)

    def cut_off(_session: object) -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        save_report(db, load_report(TYPED), "CLERK", discard_draft_of="CLERK", after_writes=cut_off)
    assert load_draft(db, "CLERK") == TYPED
    assert counter(db) == before
    with db.read() as session:
        assert session.scalars(select(m.DamageReport)).all() == []


def test_a_draft_queued_before_the_save_is_not_written_after_it(db: Database) -> None:
    add_reference_data(db)
    keeper = DraftKeeper()
    change = keeper.changed()  # the agent's last Enter; its draft worker has not run yet
    with keeper.saving(keeper.latest):
        save_report(db, load_report(TYPED), "CLERK", discard_draft_of="CLERK")
    assert keeper.keep(db, "CLERK", TYPED, change) is False  # the late worker
    assert load_draft(db, "CLERK") is None
    # typing after the save is kept again
    assert keeper.keep(db, "CLERK", {**TYPED, "renters_claim_number": "CN2"}, keeper.changed()) is True
    assert load_draft(db, "CLERK")["renters_claim_number"] == "CN2"


def test_a_refused_save_keeps_drafts_coming_and_an_older_draft_never_overwrites_a_newer(db: Database) -> None:
    add_reference_data(db)
    keeper = DraftKeeper()
    first, second = keeper.changed(), keeper.changed()
    with pytest.raises(RuntimeError), keeper.saving(second):
        raise RuntimeError("refused")
    assert keeper.keep(db, "CLERK", {**TYPED, "renters_claim_number": "NEW"}, second) is True
    assert keeper.keep(db, "CLERK", {**TYPED, "renters_claim_number": "OLD"}, first) is False
    assert load_draft(db, "CLERK")["renters_claim_number"] == "NEW"


def test_erase_drops_the_draft_and_the_drafts_still_queued(db: Database) -> None:
    add_reference_data(db)
    keeper = DraftKeeper()
    queued = keeper.changed()
    save_draft(db, "CLERK", TYPED)
    keeper.discard(db, "CLERK")
    assert keeper.keep(db, "CLERK", TYPED, queued) is False
    assert load_draft(db, "CLERK") is None
