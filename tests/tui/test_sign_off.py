"""Leaving the counter: F12 or OFF at OPTION signs off (the report typed is kept as a draft for that employee), an
idle terminal signs off by itself, Ctrl+Q with unsaved work asks first, F7 at OPTION says how to leave."""

from __future__ import annotations

from textual.pilot import Pilot

from carsplus_tui.tui import keys
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from tests.tui.conftest import message, screen_text, settle, sign_on, signed_on, type_field

RA_WITHOUT_REPORTS = "L4005187"


async def wait_for(pilot: Pilot, condition, seconds: float = 20.0) -> None:  # noqa: ANN001
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        await pilot.pause(0.1)
    raise AssertionError("the screen did not get there")


async def test_off_at_option_then_the_next_agent_then_the_draft_back(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "DEMO", "demo") as pilot:
        assert "F12=OFF" in screen_text(app)
        await type_field(pilot, RA_WITHOUT_REPORTS)
        await pilot.press(*"NR1")  # typed in field 2 (Non-Rev #) without Enter: kept all the same
        await pilot.press("escape", *"OFF", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SignOnScreen) and app.employee is None
        assert message(app) == "SIGNED OFF - NEXT EMPLOYEE PLEASE SIGN ON"
        assert len(app.screen_stack) == 2  # nothing of DEMO's left underneath
        await sign_on(pilot, "CLERK", "clerk")
        assert isinstance(app.screen, DamageEntryScreen) and app.employee.code == "CLERK"
        assert app.screen.field("ra_number").value == ""  # not DEMO's report: CLERK has no draft
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, SignOnScreen)
        await sign_on(pilot, "DEMO", "demo")
        assert isinstance(app.screen, YesNoPrompt)
        assert f"RECOVER UNSAVED NEW REPORT FOR RA {RA_WITHOUT_REPORTS}? (Y/N)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen) and page1.report["ra_number"] == RA_WITHOUT_REPORTS
        assert page1.field("ra_number").value == RA_WITHOUT_REPORTS
        assert page1.report["non_rev_number"] == "NR1"


async def test_f12_on_page_2_and_f7_at_option(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("escape", "f7")
        await settle(pilot)
        assert message(app) == keys.LEAVE_HELP
        await pilot.press(*"#1", "enter")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ClaimInfoScreen)
        await pilot.press("escape", "f7")
        await settle(pilot)
        assert message(app) == keys.LEAVE_HELP
        await pilot.press(*"OFF", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SignOnScreen) and app.employee is None


async def test_an_idle_terminal_signs_off(make_app, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_IDLE_MINUTES", "0.1")  # 6 seconds
    app = make_app()
    async with signed_on(app, "DEMO", "demo") as pilot:
        assert isinstance(app.screen, DamageEntryScreen)
        await type_field(pilot, RA_WITHOUT_REPORTS)
        await pilot.press(*"NR1")  # and walks away without Enter
        await wait_for(pilot, lambda: isinstance(app.screen, SignOnScreen))
        await settle(pilot)
        assert message(app) == "SIGNED OFF - IDLE" and app.employee is None
    from carsplus_tui.services import drafts

    # What DEMO typed waits for their next sign-on (which would itself go idle here within seconds).
    draft = drafts.load_draft(app.db, drafts.DraftKey("DEMO", app.terminal))
    assert (draft["ra_number"], draft["non_rev_number"]) == (RA_WITHOUT_REPORTS, "NR1")


async def test_ctrl_q_with_unsaved_work_asks_first(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "DEMO", "demo") as pilot:
        await type_field(pilot, RA_WITHOUT_REPORTS)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, YesNoPrompt) and "UNSAVED CHANGES - CLOSE THE PROGRAM?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen) and app.is_running
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await wait_for(pilot, lambda: not app.is_running)
    from carsplus_tui.services import drafts

    assert drafts.load_draft(app.db, drafts.DraftKey("DEMO", app.terminal))["ra_number"] == RA_WITHOUT_REPORTS
