"""Tab and Shift+Tab on a page: Tab is Enter (checked, then the next field in the page's order), Shift+Tab is F5.
Found by a random-key run: Tab used to reach Textual's own focus_next and stop the whole app."""

from __future__ import annotations

from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import screen_text, settle, signed_on


async def test_tab_moves_on_like_enter_and_shift_tab_backs_up(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press(*"A0001310", "tab")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, DamageEntryScreen)
        assert "LAMPERT" in screen_text(app)  # the RA was checked and its data filled in, as Enter does
        assert app.screen.focused.id == "f-non_rev_number"
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.screen.focused.id == "f-ra_number"


async def test_a_bad_value_is_refused_on_tab_as_on_enter(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press(*"NOSUCHRA", "enter")
        await settle(pilot)
        refused_with_enter = (app.screen.focused.id, str(app.screen.query_one("#message").render()))
        await pilot.press("escape", "1", "enter")  # OPTION, then field 1
        await settle(pilot)
        assert app.screen.focused.id == "f-ra_number"
        await pilot.press(*"NOSUCHRA", "tab")
        await settle(pilot)
        assert (app.screen.focused.id, str(app.screen.query_one("#message").render())) == refused_with_enter
        assert refused_with_enter[0] == "f-ra_number" and refused_with_enter[1]


async def test_in_a_pop_up_tab_and_down_are_enter_and_shift_tab_backs_up(make_app) -> None:  # noqa: ANN001
    from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal

    app = make_app()
    async with signed_on(app) as pilot:
        await pilot.press("escape", "4", "enter", "Y", "enter")  # OPTION, field 4, Y: ACCIDENT DETAILS
        await settle(pilot)
        assert isinstance(app.screen, AccidentDetailsModal)
        await pilot.press(*"13-45-26", "tab")  # no such date: refused on Tab as on Enter
        await settle(pilot)
        assert app.screen.focused.id == "f-date_time"
        assert "DATE" in str(app.screen.query_one("#message").render()).upper()
        await pilot.press(*"12-01-25/1000", "down")
        await settle(pilot)
        assert app.screen.focused.id == "f-address1"
        await pilot.press("shift+tab")
        await settle(pilot)
        assert app.screen.focused.id == "f-date_time"
