"""FOLLOW at OPTION: the FOLLOW-UP QUEUE screen (issue 22, item 1) driven with real keys on the sample data.

The screen counts from the real date (the machine's clock), so the lines asserted are those whose follow-up dates
are long past (the sample's 2010 and 2026-12-01 dates); the service's own tests use a fixed "today"."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.follow_ups import FollowUpQueueScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.tui.conftest import screen_text, settle, signed_on


def lines_of(app: CarsplusApp) -> list[str]:
    return screen_text(app).splitlines()


async def test_follow_at_option_shows_my_queue_and_a_line_opens_its_page_2(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await pilot.press("escape", *"FOLLOW", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpQueueScreen)
        text = lines_of(app)
        assert text[0].startswith("OPTION:") and "FOLLOW-UP QUEUE" in text[0]
        assert text[1].startswith("EMPL: DEMO  LOC: ALL")  # the signed-on employee's claims
        # DEMO's oldest due claim: report 10, follow-up 12-01-26, claim status 4, -1500.00 outstanding.
        first = next(line for line in text if line.lstrip().startswith("1."))
        assert first.split()[:3] == ["1.", "10", "12-01-26"]
        assert "-1500.00" in first and "FOLLOW UP: INSURER TO" in first

        await pilot.press(*"EMP GFOSTE", "enter")  # another clerk's queue
        await settle(pilot)
        text = lines_of(app)
        assert text[1].startswith("EMPL: GFOSTE")
        first = next(line for line in text if line.lstrip().startswith("1."))
        assert first.split()[:6] == ["1.", "43", "02-12-10", first.split()[3], "6", "PHX"]

        await pilot.press("1", "enter")  # line 1: report 43, recalled and its page 2 shown
        await settle(pilot, rounds=8)
        assert isinstance(app.screen, ClaimInfoScreen)
        assert app.screen.editor.report["report_number"] == 43
        assert "CLAIM INFO" in screen_text(app)


async def test_from_page_2_bad_input_is_a_message_and_esc_goes_back(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ClaimInfoScreen)
        await pilot.press("escape", *"FOLLOW", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpQueueScreen)
        await pilot.press(*"99", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FollowUpQueueScreen)
        assert "LINE 99 IS NOT IN THE QUEUE" in screen_text(app)
        await pilot.press(*"XYZ", "enter")
        await settle(pilot)
        assert "XYZ IS NOT AN OPTION" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is page1


async def test_an_employee_without_claim_access_gets_no_queue_from_option_or_the_menu(sample_db: Database) -> None:
    """AGENT (Access Claim none) is refused the queue, as page 2 and `carsplus followups` refuse them: it shows claim
    status, Amount Outstanding and the clerks' notes."""
    app = CarsplusApp(sample_db)
    async with signed_on(app, "AGENT", "agent") as pilot:
        await pilot.press("escape", *"FOLLOW", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FollowUpQueueScreen)
        assert "NO ACCESS TO CLAIM INFO" in screen_text(app)
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        await pilot.press("4", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, FollowUpQueueScreen)
        assert "NO ACCESS TO CLAIM INFO" in screen_text(app)
        assert "OUTSTANDING" not in screen_text(app)
