"""The counter flow has no traps (issue 17): what an agent types lands where they meant, in bursts too.

Pilot paces its own `press` (it waits for the app to go idle after each key), so bursts here are posted to the app
all at once (`burst`, `paste`), as a fast link delivers them. Sample data: RA T3001212 carried unit 592 (TUS), which
has unrepaired damage on report 45 (CLARK, ROBERT)."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import message, screen_text, settle, signed_on, type_field


def _post(pilot: Pilot, event: events.Event) -> None:
    event.set_sender(pilot.app)
    pilot.app.post_message(event)


async def burst(pilot: Pilot, *chunks: str) -> None:
    """Each chunk is a whole field's text plus Enter; all of them posted at once, as one read of a fast link."""
    for chunk in chunks:
        for character in chunk:
            _post(pilot, events.Key(_character_to_key(character), character))
        _post(pilot, events.Key("enter", "\r"))
    await keys_handled(pilot)


async def paste(pilot: Pilot, text: str) -> None:
    """A bracketed paste of `text`."""
    _post(pilot, events.Paste(text))
    await keys_handled(pilot)


async def keys_handled(pilot: Pilot) -> None:
    """Until every key posted (and held behind another) has been handled, then until look-ups are done."""
    for _ in range(2000):  # a bound, not a timing: a loaded machine replays a long paste slowly
        await settle(pilot, rounds=1)
        # No key waiting: none held (None, or [] - after the last key nothing is held behind it) and none queued.
        if not pilot.app._held_keys and not pilot.app._message_queue.qsize():  # type: ignore[attr-defined]
            break
    await settle(pilot)


def focused_path(app) -> str:  # noqa: ANN001
    return getattr(app.focused, "path", app.focused.id if app.focused else "")


async def to_unrepaired_list(pilot: Pilot) -> DamageEntryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DamageEntryScreen)
    await type_field(pilot, "T3001212")
    await type_field(pilot, "")
    await type_field(pilot, "592")
    assert isinstance(pilot.app.screen, YesNoPrompt)
    await pilot.press("y")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceModal)
    assert "45" in screen_text(pilot.app)
    return screen


# -- item 1: a blank RET at a LINE # prompt goes on -----------------------------------------------------------------
async def test_a_blank_enter_on_the_unrepaired_damage_list_goes_on_with_the_new_report(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = await to_unrepaired_list(pilot)
        await type_field(pilot, "")
        assert app.screen is screen
        assert screen.report.get("report_number") is None
        assert screen.field("ra_number").value == "T3001212"
        assert focused_path(app) == "accident_details_flag"


async def test_a_line_number_over_a_typed_report_asks_first(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = await to_unrepaired_list(pilot)
        await type_field(pilot, "1")
        assert isinstance(app.screen, YesNoPrompt)
        assert "RECALL DAMAGE REPORT 45?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.report.get("report_number") is None
        assert focused_path(app) == "accident_details_flag"
        assert screen.field("ra_number").value == "T3001212"


async def test_a_line_number_answered_y_recalls_that_report(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = await to_unrepaired_list(pilot)
        await type_field(pilot, "1")
        await pilot.press("y")
        await settle(pilot)
        assert screen.report.get("report_number") == 45
        assert "CLARK" in screen_text(app)


# -- item 2: bursts and pastes land in order -------------------------------------------------------------------------
ACCIDENT_TEXT = "THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SIDE; BROKE HEADLIGHT"
ACCIDENT_LINES = ["THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER", "SIDE; BROKE HEADLIGHT"]


async def open_accident_description(pilot: Pilot) -> DamageEntryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, DamageEntryScreen)
    await pilot.press("escape")
    await type_field(pilot, "14")
    await type_field(pilot, "")
    assert isinstance(pilot.app.screen, LinesModal)
    return screen


async def test_a_burst_into_the_accident_description_wraps_as_typed_one_key_at_a_time(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = await open_accident_description(pilot)
        await burst(pilot, ACCIDENT_TEXT, "")
        assert app.screen is screen
        assert screen.report["accident_description"] == ACCIDENT_LINES


async def test_a_paste_into_the_accident_description_wraps_and_drops_control_characters(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = await open_accident_description(pilot)
        await paste(pilot, "THIRD PARTY ROLLED THROUGH STOP SIGN;\x1b HIT FRONT PASSENGER SIDE;\x07 BROKE HEADLIGHT\r\r")
        assert app.screen is screen
        assert screen.report["accident_description"] == ACCIDENT_LINES


async def test_a_burst_through_a_pop_up_lands_field_by_field(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        await burst(pilot, "A0001310", "", "", "Y", "07-21-09/1430", "CORNER OF GRAND AND 4TH STREET",
                    "SANTA ANA, CALIF", "MURPHY", "18881020", "DOWNTOWN", "789456DM", "N", "RENTER WENT OFF ROAD", "",
                    "Y")
        assert app.screen is screen
        details = screen.report["accident_details"]
        assert (details["date_time"], details["address1"], details["police_badge"], details["rental_violation"]) == (
            "07-21-09/1430", "CORNER OF GRAND AND 4TH STREET", "18881020", "RENTER WENT OFF ROAD")
        assert screen.report["customer_present"] == "Y"
        assert focused_path(app) == "renter_driving"


# -- item 3: overtype after an error; a full field says so ------------------------------------------------------------
async def test_after_an_error_typing_replaces_the_bad_value(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "4")
        await type_field(pilot, "Y")
        assert isinstance(app.screen, AccidentDetailsModal)
        await type_field(pilot, "ABC")
        assert "DATE" in message(app)
        await type_field(pilot, "01-25-10/1430")
        assert app.screen.values["date_time"] == "01-25-10/1430"
        assert focused_path(app) == "accident_details.address1"
        assert message(app) == ""


async def test_a_full_field_says_so(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press(*"T30012123456")
        assert app.screen.field("ra_number").value == "T300121234"
        assert "FIELD FULL - 10 CHARACTERS AT MOST" in message(app)


# -- item 4: a character a field cannot take is refused with a message --------------------------------------------------
async def test_money_with_a_letter_or_a_sign_is_refused_whole_with_a_message(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        await type_field(pilot, "A0001310")  # Excess Charged is charged on an RA (its excess: 1500.00)
        await pilot.press("escape")
        await type_field(pilot, "13")
        await pilot.press("end", *["backspace"] * 10)  # the RA's default, taken off
        for typed in ("1O0.00", "l00", "-50", "1e3", "12X.00"):
            await type_field(pilot, typed)
            assert focused_path(app) == "excess_charged", typed
            assert screen.field("excess_charged").value == typed.upper()
            assert "13 EXCESS CHARGED" in message(app), (typed, message(app))
        await type_field(pilot, "100.00")
        assert screen.report["excess_charged"] == "100.00"
        assert focused_path(app) == "accident_desc"


async def test_a_yes_no_field_refuses_another_letter_with_a_message(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "5")
        await pilot.press("x")
        assert app.screen.field("customer_present").value == ""
        assert "X IS NOT TAKEN HERE - ENTER Y OR N" in message(app)


# -- item 5: the 3rd-party detail opens on the first empty field; State and Zip are checked as typed ----------------------
async def test_third_party_detail_opens_on_the_first_empty_field_and_checks_state_and_zip(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "8")
        await type_field(pilot, "Y")
        await type_field(pilot, "JOHNSON")
        assert focused_path(app) == "third_parties.0.first_name"
        await burst(pilot, "REMY", "11 OAK DR", "SANTA ANA", "92")
        assert focused_path(app) == "third_parties.0.state"
        assert "NOT A STATE" in message(app)
        await burst(pilot, "CA", "J456789")
        assert focused_path(app) == "third_parties.0.zip"
        assert "NOT A ZIP CODE" in message(app)
        await burst(pilot, "92705")
        assert focused_path(app) == "third_parties.0.dl_number"
        assert app.screen.values["first_name"] == "REMY" and app.screen.values["zip"] == "92705"


# -- item 7: #N in field 1 recalls, as at OPTION -----------------------------------------------------------------------
async def test_hash_and_a_number_in_ra_recalls_that_report(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await type_field(pilot, "#1")
        assert app.screen.report.get("report_number") == 1
        assert "DAMAGE REPORT 1 - CLAIM STATUS" in message(app)
        assert app.screen.field("ra_number").value == "A0001310"


async def test_keys_typed_ahead_of_a_refused_value_are_dropped_not_typed_over_it(make_app) -> None:  # noqa: ANN001
    """A paste whose first line is a bad date: the date stays shown and selected with its refusal, the lines meant
    for the next fields are dropped with a word - not typed one after another over the date."""
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape")
        await type_field(pilot, "4")
        await type_field(pilot, "Y")
        assert isinstance(app.screen, AccidentDetailsModal)
        await paste(pilot, "13-45-10/0900\n5TH AND PINE\nTUCSON, AZ\n")
        assert focused_path(app) == "accident_details.date_time"
        assert app.focused.value == "13-45-10/0900"
        assert "MONTH 13" in message(app) and message(app).endswith("KEYS TYPED AHEAD DROPPED")
        assert "PINE" not in screen_text(app)
        await type_field(pilot, "01-19-10/0900")  # the right date goes on as before
        assert focused_path(app) == "accident_details.address1"
        assert message(app) == ""
