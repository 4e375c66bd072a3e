"""A form row's number, label and width come from the field registry, as the manual's screens show them."""

from __future__ import annotations

import pytest

from carsplus_tui.domain.fields import row_title, shown_width


@pytest.mark.parametrize(("path", "title", "width"), [
    ("ra_number", "1 RA#", 10),
    ("third_party_involved", "8 3rd Party Invld?", 1),
    ("excess_charged", "13 Excess Charged", 10),  # an amount
    ("damage_lines.2.code", "19 Damage Code", 6),
    ("damage_lines.2.type", "20 Type", 1),
    ("claim_employee", "7 Claim Loc/Empl", 6),  # the second part of a field shares its row's label
    ("follow_up_date", "6 Follow-up Date", 8),  # a date, MM-DD-YY
    ("our_repair_costs", "Our Repair Costs", 10),  # computed: no number
    ("witnesses.1.last_name", "5 W2 Last/First", 20),  # W2 is fields 5-8
    ("accident_details.date_time", "1 Date/Time", 13),
])
def test_a_rows_number_label_and_width(path: str, title: str, width: int) -> None:
    assert (row_title(path), shown_width(path)) == (title, width)
