"""Refusals and the message line on every screen (issue 17, DESIGN.md §5).

A refusal's message goes as soon as the agent's next action is taken (a field or OPTION answer accepted, F5, a
pop-up closed), while what that action says itself still shows; and a refusal drops the keys typed ahead of it with a
word, on whichever screen refuses (page 1's look-ups, the work order, the maintenance programs, the pop-ups), so they
never land in the wrong field. Sample data: RA T3001212 carried unit 592; AGENT has no claim access."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from carsplus_tui.services.work_orders import load_work_order_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.screens.follow_ups import FollowUpQueueScreen
from carsplus_tui.tui.screens.listing import ListingScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.work_order import WorkOrderScreen
from tests.locks import reads_blocked
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, signed_on, type_field
from tests.tui.test_dms_page2_faults import patient
from tests.tui.test_counter_flow import burst, focused_path
from tests.tui.test_work_order import status2_report

DROPPED = "KEYS TYPED AHEAD DROPPED"


async def at_option(pilot: Pilot) -> None:
    if getattr(pilot.app.focused, "id", None) != "option":
        await pilot.press("escape")
        await settle(pilot)
    assert pilot.app.focused.id == "option"


async def open_screen(pilot: Pilot, keys: tuple[str, ...], report: int | None) -> None:
    """Signed on as DEMO (an administrator with claim access): page 1, a recalled `report`, then `keys`."""
    await settle(pilot)
    await sign_on(pilot)
    if report is not None:
        await pilot.press("escape", *f"#{report}", "enter")
        await settle(pilot)
    await pilot.press(*keys)
    await settle(pilot)


# Each screen with an OPTION field: how to reach it, and a field number its OPTION takes.
SCREENS = {
    "page 1": ((), False, "3"),
    "page 2": (("f8",), True, "6"),
    "work order": (("f2",), True, "1"),
    "dms activity": (("f4",), True, "1"),
    "control record": (("escape", *"DMGCTL", "enter"), False, "1"),
    "code table": (("escape", *"DMGCODE", "enter"), False, "1"),
    "user access": (("escape", *"USERACC", "enter"), False, "1"),
}


@pytest.mark.parametrize("name", SCREENS)
async def test_a_refused_option_answer_goes_once_a_field_number_is_taken(make_app, sample_db, name: str) -> None:  # noqa: ANN001
    keys, needs_report, number = SCREENS[name]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, keys, status2_report(sample_db) if needs_report else None)
        screen = app.screen
        await at_option(pilot)
        await type_field(pilot, "ZZZ")
        assert "ZZZ IS NOT AN OPTION" in message(app), name
        await type_field(pilot, number)  # a field number: taken, the cursor goes there
        assert app.screen is screen and app.focused.id != "option", name
        assert message(app) == "", name


async def test_no_dms_activity_then_a_field_number_the_refusal_goes(make_app) -> None:  # noqa: ANN001
    """The QA walk's case: F4 refused for an employee without claim access, then 15 RET at OPTION."""
    app = make_app()
    async with signed_on(app, "AGENT", "agent") as pilot:
        await pilot.press("f4")
        await settle(pilot)
        assert message(app) == "NO ACCESS TO CLAIM INFO - NO DMS ACTIVITY"
        await at_option(pilot)
        assert message(app) == ""  # Esc, to OPTION: an action taken
        await pilot.press("f4")
        await settle(pilot)
        await type_field(pilot, "15")
        assert focused_path(app) == "damage_lines.0.code"
        assert message(app) == ""


async def test_the_next_actions_own_message_still_shows_and_typing_keeps_the_refusal(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await burst(pilot, "T3001299")
        assert message(app) == "RA# T3001299 NOT ON FILE"
        await pilot.press(*"T300")  # typing over it is not an action: the refusal stays while it is fixed
        assert message(app) == "RA# T3001299 NOT ON FILE"
        await pilot.press("f7")  # F7's help is what the line says now
        assert message(app).startswith("1 RA#") and "NOT ON FILE" not in message(app)


async def test_menu_refusal_goes_and_f7_shows_its_help(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await at_option(pilot)
        await type_field(pilot, "MENU")
        await type_field(pilot, "ZZZ")
        assert message(app).startswith("ZZZ IS NOT AN OPTION")
        await pilot.press("f7")
        assert message(app).startswith("A LINE # OR CODE AT OPTION OPENS THE PROGRAM")


async def test_a_pop_ups_refusal_goes_with_f5_and_the_page_is_clear_when_it_closes(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await at_option(pilot)
        await type_field(pilot, "4")
        await type_field(pilot, "Y")
        assert isinstance(app.screen, AccidentDetailsModal)
        await type_field(pilot, "01-25-10/1430")
        await type_field(pilot, "X" * 40)  # too long for the address: refused
        assert "TOO LONG" in message(app)
        await pilot.press("f5")  # backing up is an action: the refusal goes
        assert focused_path(app) == "accident_details.date_time"
        assert message(app) == ""
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert message(app) == ""


async def test_keys_typed_behind_a_refused_ra_or_unit_are_dropped(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        screen = app.screen
        await burst(pilot, "T3001299", "", "592")  # the RA is not on file: Non-Rev# and Unit # never typed
        assert message(app) == f"RA# T3001299 NOT ON FILE - {DROPPED}"
        assert focused_path(app) == "ra_number" and app.focused.selected_text == "T3001299"
        assert screen.field("unit_number").value == ""
        await burst(pilot, "T3001212", "", "999999", "Y")  # the unit was not on the RA: the Y is dropped
        assert message(app).startswith("3 UNIT #: 999999 WAS NOT ON RA T3001212 - IT CARRIED 592")
        assert message(app).endswith(DROPPED)
        assert focused_path(app) == "unit_number" and app.focused.selected_text == "999999"
        assert screen.field("accident_details_flag").value == "N"


async def test_keys_typed_behind_a_refused_work_order_status_are_dropped(make_app, sample_db) -> None:  # noqa: ANN001
    number = status2_report(sample_db)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_screen(pilot, ("f2",), number)
        assert isinstance(app.screen, WorkOrderScreen)
        await at_option(pilot)
        await type_field(pilot, "1")
        await burst(pilot, "X", "01-02-10", "BODY SHOP")  # a bad status: the opened date and shop not typed
        assert message(app) == f"1 STATUS: OPEN, IN REPAIR OR CLOSED (O, I, C) - {DROPPED}"
        assert focused_path(app) == "status" and app.focused.selected_text == "X"
        assert app.screen.field("repair_shop").value == ""
        await burst(pilot, "O", "", "BODY SHOP")
        assert app.screen.field("repair_shop").value == "BODY SHOP"
        assert message(app) == ""
        await pilot.press("f1")
        await settle(pilot, 6)
        assert load_work_order_data(sample_db, number).repair_shop == "BODY SHOP"


async def f6_search(pilot: Pilot) -> tuple[Screen[None], Screen[None]]:
    """F6 from the page the cursor is on: (that page, F6 SEARCH)."""
    page = pilot.app.screen
    await pilot.press("f6")
    await settle(pilot)
    return page, pilot.app.screen


def list_line(app, name: str) -> str:  # noqa: ANN001
    """What a list screen's line says (`search`, `follow` or `listing`), on one line."""
    return " ".join(app.screen.query_one(f"#{name}-message").shown.split())


async def test_keys_behind_a_refused_answer_on_the_list_screens_are_dropped(make_app) -> None:  # noqa: ANN001
    """F6 SEARCH, the follow-up queue and a claim report refuse like the forms: a line number typed behind a bad
    OPTION answer never opens a report, and a key typed behind a bad search key never becomes an OPTION answer."""
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        page1, search = await f6_search(pilot)
        await burst(pilot, "ZZZ", "1")
        assert app.screen is search
        assert list_line(app, "search").startswith("ZZZ IS NOT AN OPTION") and list_line(app, "search").endswith(DROPPED)
        await pilot.press("f5")  # FOL: a follow-up date
        await settle(pilot)
        await burst(pilot, "13-45-10", "1")  # not a date: refused, the 1 not taken at OPTION
        assert app.screen is search and list_line(app, "search").endswith(DROPPED)
        assert app.focused.id == "search-key" and app.focused.selected_text == "13-45-10"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page1
        for word, name, screen_type in (("FOLLOW", "follow", FollowUpQueueScreen), ("DMGSUM", "listing", ListingScreen)):
            await at_option(pilot)
            await type_field(pilot, word)
            assert isinstance(app.screen, screen_type), word
            opened = app.screen
            await burst(pilot, "ZZZ", "1")
            assert app.screen is opened, word
            assert "ZZZ IS NOT AN OPTION" in list_line(app, name) and list_line(app, name).endswith(DROPPED), word
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is page1, word


async def test_keys_behind_a_failed_look_up_are_dropped_and_enter_looks_again(sample_db) -> None:  # noqa: ANN001
    """The database stops answering while the agent bursts RA#, Non-Rev# and Unit #: one line, the keys typed
    behind the RA# dropped (not typed into RA#), the RA# still there; Enter looks it up again once it is back."""
    async with signed_on_patient(sample_db) as (app, pilot, held):
        screen = app.screen
        with held(RA_LOOK_UP):
            await burst(pilot, "T3001212", "", "592")
            await settle(pilot, 6)
            assert "AGAIN" in message(app) and message(app).endswith(DROPPED), message(app)
            assert focused_path(app) == "ra_number" and screen.field("ra_number").value == "T3001212"
            assert screen.field("unit_number").value == "" and screen.field("non_rev_number").value == ""
        await pilot.press("enter")
        await settle(pilot, 6)
        assert focused_path(app) == "non_rev_number", message(app)
        assert "CHICAGO/IL/60614" in screen_text(app)  # the RA filled in


# What an RA# look-up on page 1 reads.
RA_LOOK_UP = ("rental_agreements", "ra_vehicles", "customers", "vehicles", "damage_reports", "non_rev_tickets")


Held = Callable[[tuple[str, ...]], AbstractContextManager[None]]


@asynccontextmanager
async def signed_on_patient(sample_db, code: str = "DEMO",  # noqa: ANN001
                            password: str = "demo") -> AsyncIterator[tuple[CarsplusApp, Pilot, Held]]:
    """Signed on to an app on `sample_db` that waits for a held database as a loaded site does (`patient`); with it
    `held(tables)`: another process holding the database (tests/locks.py `reads_blocked`), the app's pool emptied
    first so that it may take the SQLite file. The pool is closed after."""
    db = patient(sample_db)

    @contextmanager
    def held(tables: tuple[str, ...]) -> Iterator[None]:
        db.dispose()  # (SQLite: no connection of the app's open while the other process takes the file)
        with reads_blocked(sample_db, tables):
            yield

    app = CarsplusApp(db)
    try:
        async with signed_on(app, code, password) as pilot:
            yield app, pilot, held
    finally:
        db.dispose()


async def test_f6_with_the_database_held_drops_the_line_typed_behind_and_enter_searches_again(sample_db) -> None:  # noqa: ANN001
    """F6 SEARCH by RA while another process holds the database, with a line number typed behind the key: one line,
    the line number dropped (no report opened); the blank Enter the line asks for searches again once it is back."""
    async with signed_on_patient(sample_db, "CLERK", "clerk") as (app, pilot, held):
        _page1, search = await f6_search(pilot)
        with held(("damage_reports", "rental_agreements", "non_rev_tickets", "vehicles")):
            await pilot.press("f3")  # RA
            await burst(pilot, "T3001212", "1")
            await settle(pilot, 6)
            assert app.screen is search
            assert "AGAIN" in list_line(app, "search") and list_line(app, "search").endswith(DROPPED)
        await pilot.press("enter")  # at OPTION: the search again
        await settle(pilot, 6)
        assert app.screen is search and "T3001212" in screen_text(app), list_line(app, "search")
