"""End to end in a real terminal (tmux): the database goes away while an agent types, and the counter goes on.

- PostgreSQL stopped (`pg_ctl stop -m immediate`, a PRIVATE server this test starts, never the shared one) in the
  middle of a report: Enter and F1 each give one line, no traceback, URL or password; the screen keeps what was
  typed; started again, F1 saves every typed value.
- Another connection holding the write lock for 45 s (SQLite `BEGIN IMMEDIATE`; PostgreSQL EXCLUSIVE table locks,
  met by the session's `lock_timeout`): F3 ERASE and F1 each give one line while the lock is held, the screen takes
  keys all along; released, F1 saves.
- `#9999999999` at OPTION: a message, the app goes on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from carsplus_tui.db import migrate
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.sample import load_sample_data
from tests.e2e.terminal import PAGE1_LEGEND, Counter, Terminal
from tests.locks import write_lock_held
from tests.pg_private import PrivateServer, private_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

GONE = "DATABASE NOT AVAILABLE - F1 AGAIN WHEN IT IS BACK"
PASSWORD = "s3cret-pw"  # in the app's URL (the private server trusts loopback, so any password connects)


def environment(url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CARSPLUS_", "TEXTUAL_")) and k not in ("COLORTERM", "NO_COLOR", "TMUX")}
    return env | {"CARSPLUS_DATABASE_URL": url, "CARSPLUS_DATA_DIR": str(tmp_path / "data"),
                  "CARSPLUS_LOG_DIR": str(tmp_path / "log"), "TERM": "xterm-256color"}


def log_text(tmp_path: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in sorted((tmp_path / "log").glob("carsplus.log*")))


def half_a_report(term: Terminal) -> None:
    """Page 1 up to field 12 of an open RA (the manual's example RA), each field typed once the cursor is in it."""
    term.type("A0001310")
    term.wait_for("LAMPERT")
    for label, value in (("2 Non-Rev#", ""), ("3 Unit #", ""), ("4 Accident Details", "N"),
                         ("5 Customer Present", "Y"), ("6 Renter Driving?", "Y"), ("7 Driver Injured?", "N"),
                         ("8 3rd Party Invld?", "N"), ("10 Damage Covered?", "N"), ("11 Nature of Breach", "LATE"),
                         ("12 Renters Claim #", "CN777")):
        term.fill(label, value)
    term.wait_cursor("13 Excess Charged")


def accident_description(term: Terminal) -> None:
    """Field 14 after 13: one line in its pop-up (nothing to look up)."""
    term.fill("14 Accident Desc", "")
    term.wait_for("ACCIDENT DESCRIPTION")
    term.fill("1.", "BACKED INTO A POST")
    term.fill("2.", "")
    term.wait_for("14 Accident Desc   BACKED INTO A POST")


def the_rest(term: Terminal) -> None:
    """Fields 14-16 after 13: an accident description line and one damage line (its code looked up)."""
    accident_description(term)
    term.fill("15 Damage Code", "D1")
    term.wait_for("FRONT PASSENGER FENDER")
    term.fill("15 Damage Code D1", "")
    term.fill("16 Type", "D")
    term.wait_for("D DENT")


def answer_every_print_question(term: Terminal) -> None:
    """After F1: a blank Enter at a LINE # pop-up, N to each print question, until page 1 is back."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        screen = term.screen()
        if "? (Y/N)" in screen:
            question = term.line_with("? (Y/N)")
            term.type("N", enter=False)
            term.wait_until(lambda q=question: term.line_with("? (Y/N)") != q, "the answer taken")
        elif "CHARGES PUT ON THE RA" in screen:
            term.keys("Enter")
            term.wait_gone("CHARGES PUT ON THE RA")
        elif PAGE1_LEGEND in screen and "SAVED" in screen:
            return
        else:
            time.sleep(0.05)
    raise AssertionError(f"page 1 never came back after F1:\n{term.screen()}")


def saved_number(screen: str) -> int:
    """The report number on the line that says it was saved (the screen as `wait_for(" SAVED")` returned it)."""
    line = next(line for line in screen.splitlines() if " SAVED" in line)
    return int(line.split("DAMAGE REPORT ")[1].split()[0])


def assert_everything_typed_is_saved(db: Database, number: int, excess: str, *, damage_line: bool = True) -> None:
    saved = load_report_data(db, number)
    assert (saved.ra_number, saved.unit_number) == ("A0001310", "001888")
    assert saved.accident_details is None  # 4 Accident Details N
    assert (saved.customer_present, saved.renter_driving, saved.driver_injured, saved.third_party_involved,
            saved.damage_covered) == ("Y", "Y", "N", "N", "N")
    assert (saved.nature_of_breach, saved.renters_claim_number, str(saved.excess_charged)) == ("LATE", "CN777", excess)
    assert saved.accident_description[:1] == ["BACKED INTO A POST"]
    assert [(line.code, line.description, line.type) for line in saved.damage_lines] == (
        [("D1", "FRONT PASSENGER FENDER", "D")] if damage_line else [])
    assert saved.last_modified_by == "DEMO"


def assert_one_line_and_intact(screen: str, line: str, *typed: str) -> None:
    assert line in screen, screen
    assert "Traceback" not in screen and "Error" not in screen, screen
    assert PASSWORD not in screen and "postgresql" not in screen and "sqlite" not in screen.lower(), screen
    assert PAGE1_LEGEND in screen and "DAMAGE REPORT ENTRY" in screen, screen
    for text in typed:
        assert text in screen, (text, screen)


# -- PostgreSQL stopped and started ----------------------------------------------------------------------------
@pytest.fixture
def pg_counter(private_server: PrivateServer, tmp_path: Path) -> Iterator[tuple[Counter, PrivateServer]]:  # noqa: F811
    db = Database(private_server.url)
    migrate.upgrade(db.engine)
    load_sample_data(db)
    db.dispose()
    url = private_server.url.replace("postgres@", f"postgres:{PASSWORD}@")
    counter = Counter(environment(url, tmp_path), tmp_path, Database(url))
    try:
        yield counter, private_server
    finally:
        counter.close()
        counter.db.dispose()


def test_postgresql_stopped_while_typing_then_started_saves_everything(
        pg_counter: tuple[Counter, PrivateServer], tmp_path: Path) -> None:
    counter, server = pg_counter
    term = counter.signed_on()
    half_a_report(term)
    term.type("75", enter=False)
    server.stop()

    term.keys("Enter")  # field 13 is checked and shown; its draft cannot be written
    screen = term.wait_for(GONE)
    assert_one_line_and_intact(screen, GONE, "A0001310", "LAMPERT", "CN777", "Excess Charged  75")
    accident_description(term)  # the screen takes keys as ever (each Enter's draft write fails: the same line)
    term.wait_cursor("15 Damage Code")  # (a damage code is looked up in the database: none typed while it is away)
    term.keys("F1")
    term.wait_until(lambda: "DamageEntryScreen.save" in log_text(tmp_path), "the failed save logged")
    screen = term.wait_for(GONE)
    assert_one_line_and_intact(screen, GONE, "A0001310", "CN777", "Excess Charged  75", "BACKED INTO A POST")
    log = log_text(tmp_path)
    assert PASSWORD not in log and "DamageEntryScreen.save" in log and "(gone)" in log, log  # one line, no password

    server.start()
    term.keys("F1")  # the same key, no restart: the pool reconnects
    number = saved_number(term.wait_for(" SAVED"))
    answer_every_print_question(term)
    assert_everything_typed_is_saved(counter.db, number, "75.00", damage_line=False)


# -- SQLite locked by another connection -----------------------------------------------------------------------
LOCK_HELD_S = 45.0


class LockHolder:
    """A second connection holding the write lock (tests/locks.py: SQLite `BEGIN IMMEDIATE`, PostgreSQL a
    transaction holding EXCLUSIVE locks on what a save or a draft writes) until released."""

    def __init__(self, db: Database) -> None:
        self._held = write_lock_held(db)
        self._held.__enter__()
        self.since = time.monotonic()
        self.held = True

    def release(self) -> None:
        if self.held:
            self._held.__exit__(None, None, None)
            self.held = False


def test_database_locked_for_45_s_f3_and_f1_are_messages_then_f1_saves(counter: Counter) -> None:
    busy_f3 = "DATABASE BUSY - F3 AGAIN IN A MOMENT"
    busy_f1 = "DATABASE BUSY - F1 AGAIN IN A MOMENT"
    term = counter.signed_on()
    half_a_report(term)
    holder = LockHolder(counter.db)
    try:
        # F3 ERASE on a typed report: the question, Y; the screen is cleared at once and the draft cannot be
        # discarded: one line, while the lock is still held.
        term.keys("F3")
        term.wait_for("ERASE THE SCREEN? CHANGES WILL NOT BE SAVED")
        term.type("Y", enter=False)
        screen = term.wait_for(busy_f3)
        assert holder.held and "LAMPERT" not in screen
        assert_one_line_and_intact(screen, busy_f3)
        term.wait_cursor("1 RA#")
        # The screen takes keys while the lock is held: the report typed again, in full.
        half_a_report(term)
        term.type("80")
        the_rest(term)
        term.keys("F1")
        term.wait_for("SAVING ...")  # the save waits for the lock (a draft's failure meanwhile does not replace it)
        screen = term.wait_for(busy_f1)
        assert holder.held, "the message came only once the lock was gone"
        assert_one_line_and_intact(screen, busy_f1, "A0001310", "LAMPERT", "CN777", "Excess Charged  80", "BACKED INTO A POST")
        # The other connection keeps the lock its whole time; the app answers keys meanwhile (F5 backs up a field,
        # Enter comes back).
        while time.monotonic() - holder.since < LOCK_HELD_S:
            term.at_option()
            term.type("12")
            term.wait_cursor("12 Renters Claim #")
            term.keys("Escape")
            time.sleep(0.5)
        # Nothing half-written meanwhile (readers are not blocked by the writer).
        with counter.db.read() as session:
            assert session.scalar(select(func.count()).select_from(m.DamageReport)
                                  .where(m.DamageReport.renters_claim_number == "CN777")) == 0
    finally:
        holder.release()
    term.keys("F1")
    number = saved_number(term.wait_for(" SAVED"))
    answer_every_print_question(term)
    assert_everything_typed_is_saved(counter.db, number, "80.00")


# -- a report number past what the database holds ----------------------------------------------------------------
def test_a_report_number_too_large_at_option_is_a_message(counter: Counter) -> None:
    term = counter.signed_on()
    term.at_option()
    term.type("#9999999999")
    term.wait_until(lambda: "9999999999" in term.line_with("NOT ON FILE") or "TOO LARGE" in term.screen(),
                    "a message for #9999999999")
    screen = term.screen()
    assert "Traceback" not in screen and PAGE1_LEGEND in screen, screen
    counter.recall(term, 1)  # the app goes on: the next number is recalled as ever
