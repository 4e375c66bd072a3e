"""Page-2 audit trail: "When the data on page 2 is edited, an automatic entry is made on the Damage Note. The data
recorded is the field name, old value, new value, employee code, data and time of the edit"."""

from __future__ import annotations

from datetime import datetime

from carsplus_tui.domain import DamageReportData, audit_notes, page2_changes
from carsplus_tui.domain.audit import display_value
from carsplus_tui.domain.examples import complete_example_data


def report(**changes: object) -> DamageReportData:
    return DamageReportData.model_validate({**complete_example_data(), **changes})


def test_every_changed_page2_field_is_recorded_with_old_and_new_value() -> None:
    before = report(report_checked="N", misc_costs="100")
    after = report(report_checked="Y", misc_costs="100.00", amount_charged="60", follow_up_date="08-15-09", claim_employee="jd")
    changes = page2_changes(before, after)
    assert [c.text for c in changes] == [
        "1 Report Checked: N -> Y",
        "6 Follow-up Date: (BLANK) -> 08-15-09",
        "7 Claim Loc/Empl (Empl): (BLANK) -> JD",
        "14 Amount Charged: (BLANK) -> 60.00",
    ]


def test_page1_changes_and_unchanged_values_are_not_recorded() -> None:
    assert page2_changes(report(), report(unit_number="592", excess_charged="120.00")) == []
    assert page2_changes(None, report()) == []  # a new report with page 2 blank


def test_audit_notes_carry_employee_and_time() -> None:
    at = datetime(2009, 7, 22, 10, 15)
    [note] = audit_notes(page2_changes(report(), report(goodwill_deduction="10")), "jd", at)
    assert (note.at, note.employee, note.text) == (at, "JD", "12 Goodwill Ded: (BLANK) -> 10.00")


def test_display_values() -> None:
    assert display_value(None) == "(BLANK)"
    assert display_value(datetime(2009, 7, 21, 14, 30)) == "07-21-09 14:30"
