"""The bugs the fuzzing found, one test each, so they stay fixed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from carsplus_tui.domain.dates import parse_counter_datetime
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.validation import display_text
from tests.tui.conftest import message, settle, signed_on, type_field


async def test_a_pop_up_reopens_with_a_wrongly_typed_date_time_shown_as_typed(make_app) -> None:
    """Bug: a Date/Time typed with a "T" that is not ISO (``2T8``), kept by Esc, crashed the app when field 4
    opened the pop-up again (display_text let ``datetime.fromisoformat``'s ValueError out)."""
    app = make_app()
    async with signed_on(app) as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await type_field(pilot, "A0001310")
        await pilot.press("enter", "enter")  # 2 Non-Rev#, 3 Unit #
        await type_field(pilot, "Y")  # 4 Accident Details
        assert isinstance(app.screen, AccidentDetailsModal)
        await type_field(pilot, "2T8")
        assert "IS NOT A DATE AND TIME" in message(app)  # refused, the cursor stays
        await pilot.press("escape")  # Esc keeps what was typed
        await settle(pilot)
        assert app.screen is page1
        assert page1.report["accident_details"]["date_time"] == "2T8"
        page1.field("accident_details_flag").focus()
        await settle(pilot)
        await type_field(pilot, "Y")  # open the pop-up again
        assert isinstance(app.screen, AccidentDetailsModal)
        assert app.screen.query_one("#f-date_time").value == "2T8"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("accident_details.date_time", "2T8"),
        ("accident_details.date_time", "2009-07-21T25:00"),
        ("other_driver.dob", "2009-02-29"),
        ("follow_up_date", "1234-56789"),
    ],
)
def test_display_text_shows_an_unreadable_value_as_typed(path: str, value: str) -> None:
    assert display_text(path, value) == value


@pytest.mark.parametrize("value", ["2009-07-21T14:30+05:00", "2009-07-21T14:30:00Z", "2009-07-21T14:30-07:00"])
def test_a_date_time_with_a_utc_offset_is_refused(value: str) -> None:
    """Bug: an offset was accepted; PostgreSQL then saved the time shifted to the server's zone (14:30+05:00 became
    09:30) while SQLite kept 14:30, so one import gave two different reports."""
    with pytest.raises(ValueError, match="time zone"):
        parse_counter_datetime(value)
    with pytest.raises(ValueError, match="time zone"):
        parse_counter_datetime(datetime(2009, 7, 21, 14, 30, tzinfo=timezone(timedelta(hours=5))))
    for report in ({"accident_details": {"date_time": value}},
                   {"notes": [{"at": value, "employee": "DEMO", "text": "CALLED"}]}):
        with pytest.raises(ReportValidationError, match="time zone"):
            load_report(report)
    assert parse_counter_datetime("2009-07-21T14:30") == datetime(2009, 7, 21, 14, 30)


@pytest.mark.parametrize("name", ["report_number", "version"])
@pytest.mark.parametrize("value", [2**31, 2**63, 10**30])
def test_a_number_too_big_for_the_database_is_a_field_error(name: str, value: int) -> None:
    """Bug: ``report_number``/``version`` beyond a 32-bit INTEGER reached the database: OverflowError on SQLite,
    DataError (integer out of range) on PostgreSQL."""
    with pytest.raises(ReportValidationError, match="at most 2147483647"):
        load_report({name: value})
    assert load_report({name: 2**31 - 1}).model_dump()[name] == 2**31 - 1


@pytest.mark.parametrize("text", ["\t\rA.//", "\r\n \nCALLED THE RENTER", "\u2028X\u2029Y", " \x0c\nZ"])
def test_a_note_reads_back_as_it_is_shown(text: str) -> None:
    """Bug: a note beginning with a blank line that was not a plain "\\n" (``"\\t\\rA"``) was saved as ``"\\nA"``
    but read back as ``"A"``, so the report's own JSON could not be imported again ("existing entries cannot be
    deleted or edited")."""
    note = {"at": "2009-07-21T14:30:00", "employee": "DEMO", "text": text}
    shown = load_report({"notes": [note]}).model_dump(mode="json")
    assert load_report(shown).model_dump(mode="json") == shown
    assert not shown["notes"][0]["text"].startswith("\n")


def test_a_key_that_is_no_field_is_named_without_its_control_characters() -> None:
    """Bug: a top-level key that is no field was echoed raw into the message: a form feed or newline in it split the
    CLI's one-line reason in two (and an escape sequence would reach the terminal)."""
    with pytest.raises(ReportValidationError) as info:
        load_report({"charge_re\x0cfund_due\n": "1.00", "z" * 500: 1})
    messages = [str(e) for e in info.value.errors]
    assert all(message.isprintable() for message in messages), messages
    assert messages[0] == "Charge Re\\x0cFund Due\\n: is not a field of a damage report"
    assert len(messages[1]) < 100


def test_a_huge_bad_value_is_named_by_its_start() -> None:
    with pytest.raises(ReportValidationError) as info:
        load_report({"accident_details": {"date_time": "X" * 100_000}, "follow_up_date": "\x1b[2J" * 10})
    messages = [str(e) for e in info.value.errors]
    assert messages[0] == "Accident Details 1 Date/Time: 'XXXXXXXXXXXXXXXXXXXXXXXX...' is not a date (use MM-DD-YY, e.g. 07-21-09)"
    assert all(message.isprintable() and len(message) < 200 for message in messages), messages


def import_of(sample_db, **changes):
    from carsplus_tui.services.reports import import_report_json, report_json

    payload = report_json(sample_db, 1)
    payload.update(changes)
    return import_report_json(sample_db, payload, employee_code="DEMO")


def test_importing_a_stale_version_is_a_field_error(sample_db) -> None:
    """Bug: the import let StaleReportError out: `carsplus report import` printed a traceback."""
    with pytest.raises(ReportValidationError, match=r"Version: 1 is not report 1's current version: changed by CLERK"):
        import_of(sample_db, version=1)


def test_importing_a_report_not_on_file_is_a_field_error(sample_db) -> None:
    """Bug: ReportNotFoundError (a LookupError) came out of the import instead of the validation error."""
    with pytest.raises(ReportValidationError, match="Dmg Rpt: report 99999 is not on file"):
        import_of(sample_db, report_number=99_999)


@pytest.mark.parametrize("number", ["²", "١٠٠٠", "2147483648"])
def test_a_customer_number_must_be_plain_digits_within_the_column(sample_db, number: str) -> None:
    """Bug: ``"²"`` passed ``str.isdigit`` and then ``int()`` raised ValueError in the save; ``"١٠٠٠"`` was read as
    customer 1000; ``"2147483648"`` made PostgreSQL raise DataError (integer out of range)."""
    from carsplus_tui.services.reports import report_json

    parties = report_json(sample_db, 1)["third_parties"]
    parties[0]["customer_number"] = number
    with pytest.raises(ReportValidationError, match="3rd Party #1 Cust#: must be a customer number"):
        import_of(sample_db, third_parties=parties)


def test_a_long_note_is_saved_whole(sample_db) -> None:
    """Found by the fuzz: a note longer than 70 characters is saved cut short, with no error, and the report's own
    JSON is then refused ("existing entries cannot be deleted or edited")."""
    from carsplus_tui.services.reports import import_report_json, report_json

    payload = report_json(sample_db, 3)
    text = "CALLED THE RENTER ABOUT THE ESTIMATE; HE WILL SEND THE INSURANCE LETTER BY FRIDAY\nAND CALL BACK"
    payload["notes"] = [*payload["notes"], {"at": "2010-01-28T10:00:00", "employee": "DEMO", "text": text}]
    import_report_json(sample_db, payload, employee_code="DEMO")
    saved = report_json(sample_db, 3)
    assert text in [note["text"] for note in saved["notes"]]

