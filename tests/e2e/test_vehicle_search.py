"""End to end in a real terminal: the Vehicle File Search. Unit 592 has two owners in the sample data (a FORD TAURUS
of TUS and a CHEVROLET MALIBU of PHX); typing it in field 3 of a report with no RA lists both, and the line chosen fills in that vehicle."""

from __future__ import annotations

import pytest

from tests.e2e.terminal import Counter

pytestmark = pytest.mark.slow


def test_a_unit_with_two_owners_is_chosen_from_the_vehicle_file_search(counter: Counter) -> None:
    term = counter.signed_on()
    term.type("")  # no RA (on the RA's own vehicle, 592 is simply the car on that RA)
    term.fill("2 Non-Rev#", "")
    term.fill("3 Unit #", "592")
    screen = term.wait_for("VEHICLE FILE SEARCH", "TAURUS", "MALIBU")
    malibu = term.line_with("MALIBU")
    assert "PHX" in malibu and "PHX" not in term.line_with("TAURUS")
    term.type(malibu.strip("│ ").split()[0], enter=False)  # its line number
    term.fill("LINE #", "")
    term.wait_gone("VEHICLE FILE SEARCH")
    # The PHX car has damage on file that is not repaired yet (report 42): the manual's question comes first.
    term.wait_for("DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)")
    term.type("N", enter=False)
    screen = term.wait_for("Model   MALIBU", "Own Loc PHX")
    assert "3 Unit #           592" in screen
    term.wait_cursor("4 Accident Details")
