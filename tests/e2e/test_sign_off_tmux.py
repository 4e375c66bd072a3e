"""End to end in a real terminal (tmux): at a shared counter, OFF at OPTION hands the terminal to the next agent,
whose save is audited under their own code; the first agent's unsaved report waits for their next sign-on."""

from __future__ import annotations

import pytest

from carsplus_tui.services.reports import load_report_data
from tests.e2e.terminal import PAGE1_LEGEND, Counter

pytestmark = pytest.mark.slow


def test_off_then_the_next_agent_saves_as_themselves(counter: Counter) -> None:
    term = counter.signed_on("DEMO", "demo")
    term.type("L4005187")  # an open RA with no damage reports: DEMO starts a report and leaves it unsaved
    term.wait_cursor("2 Non-Rev#")
    term.at_option()
    term.type("OFF")
    screen = term.wait_for("SIGNED OFF - NEXT EMPLOYEE PLEASE SIGN ON", "EMPLOYEE CODE")
    assert "L4005187" not in screen
    term.wait_cursor("EMPLOYEE CODE")

    term.fill("EMPLOYEE CODE", "clerk")
    term.fill("PASSWORD", "clerk")
    term.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)
    term.wait_cursor("1 RA#")
    assert "L4005187" not in term.screen()  # DEMO's report is not CLERK's
    counter.recall(term, 1)
    term.keys("F8")
    term.wait_for("DAMAGE ENTRY - CLAIM INFO")
    term.fill("OPTION:", "12")
    term.fill("12 Goodwill Ded", "25")
    term.wait_for("12 Goodwill Ded            25.00")
    term.keys("F1")
    term.wait_for("DAMAGE REPORT 1 SAVED")
    term.wait_for("CLERK  12 Goodwill Ded: (BLANK) -> 25.00")

    history = counter.signed_cli("report", "history", "1").splitlines()
    mine = [line for line in history if "Goodwill" in line]
    assert len(mine) == 1 and "CLERK" in mine[0] and "DEMO" not in mine[0], history
    assert load_report_data(counter.db, 1).last_modified_by == "CLERK"

    # F12 signs CLERK off from page 2; DEMO comes back and is offered the report they left.
    term.keys("F12")
    term.wait_for("SIGNED OFF - NEXT EMPLOYEE PLEASE SIGN ON")
    term.fill("EMPLOYEE CODE", "demo")
    term.fill("PASSWORD", "demo")
    term.wait_for("RECOVER UNSAVED NEW REPORT FOR RA L4005187? (Y/N)")  # it names the report it brings back
    term.type("Y", enter=False)
    term.wait_for("L4005187", PAGE1_LEGEND)
