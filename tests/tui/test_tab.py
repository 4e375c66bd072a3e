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
