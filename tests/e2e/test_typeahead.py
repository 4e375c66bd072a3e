"""Type-ahead in a real terminal: a burst of keys (a bar-code scanner, a fast agent, a browser or an ssh link) lands
field by field, as on the green screen — never in the field the agent has just left (carsplus_tui/tui/typeahead.py)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_a_burst_signs_on_and_fills_page_1_field_by_field(counter) -> None:
    term = counter.start()
    term.wait_for("EMPLOYEE CODE")
    # One send-keys: the app reads all of it at once.
    term.keys(*"DEMO", "Enter", *"demo", "Enter", *"A0001310", "Enter", "Enter", "Enter", "N", "Enter", "Y", "Enter")
    term.wait_for("LAMPERT", "4 Accident Details N", "5 Customer Present Y")
    term.wait_cursor("6 Renter Driving?")
    assert "1 RA#              A0001310" in term.screen()


def test_a_password_typed_ahead_never_shows_in_the_employee_code(counter) -> None:
    term = counter.start()
    term.wait_for("EMPLOYEE CODE")
    term.keys(*"DEMO", "Enter", *"wrong", "Enter")
    term.wait_for("INVALID EMPLOYEE CODE OR PASSWORD")
    employee_line = term.line_with("EMPLOYEE CODE")
    assert "DEMO" in employee_line and "WRONG" not in employee_line
