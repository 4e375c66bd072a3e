"""The one ReportEditor behind page 1 and page 2, as an agent notices it: no false "changed" after passing through
pop-ups, F1 on an unchanged report saves nothing and asks nothing, F1 after Esc takes the field being typed."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.accident_details import AccidentDetailsModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.tui.conftest import message, settle, signed_on


async def recall(pilot, number: int) -> None:  # noqa: ANN001
    await pilot.press("escape", *f"#{number}", "enter")
    await settle(pilot)


async def test_passing_through_a_pop_up_changes_nothing_and_f1_saves_nothing(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await recall(pilot, 45)
        version = load_report_data(sample_db, 45).version
        # 4 Accident Details: Enter on the Y opens the pop-up with the report's details; Enter through every field
        await pilot.press("escape", *"4", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AccidentDetailsModal)
        for _ in range(20):
            if not isinstance(app.screen, AccidentDetailsModal):
                break
            await pilot.press("enter")
            await settle(pilot, rounds=1)
        assert app.screen is page1
        # and through fields 5 and 6 with Enter
        await pilot.press("enter", "enter")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert message(app) == "NO CHANGES TO SAVE - DAMAGE REPORT 45 IS AS SAVED"
        assert app.screen is page1  # no print questions
        assert load_report_data(sample_db, 45).version == version
        # F3 erases without the "changes will not be saved" question
        await pilot.press("f3")
        await settle(pilot)
        assert not isinstance(app.screen, YesNoPrompt)
        assert message(app) == "SCREEN ERASED" and page1.field("ra_number").value == ""


async def test_f1_after_esc_takes_the_value_typed_without_enter(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        await recall(pilot, 45)
        await pilot.press("escape", *"12", "enter", *"CN-ESC")  # 12 Renters Claim #, no Enter
        await pilot.press("escape", "f1")
        await settle(pilot)
        while isinstance(app.screen, YesNoPrompt):  # the print questions after a save
            await pilot.press("n")
            await settle(pilot)
        assert app.screen is page1
        assert load_report_data(sample_db, 45).renters_claim_number == "CN-ESC"


async def test_f1_after_esc_checks_the_value_typed_without_enter(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        await recall(pilot, 45)
        version = load_report_data(sample_db, 45).version
        await pilot.press("escape", *"13", "enter", *"12X")  # 13 Excess Charged: not an amount
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert message(app).startswith("13 EXCESS CHARGED")
        assert app.focused is page1.field("excess_charged")
        assert load_report_data(sample_db, 45).version == version  # nothing saved


async def test_page_2_shares_the_editor_and_f1_there_saves_the_whole_report(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        page1 = app.screen
        await recall(pilot, 45)
        await pilot.press("escape", *"12", "enter", *"CN-P2", "enter")  # typed on page 1
        await pilot.press("f8")
        await settle(pilot)
        page2 = app.screen
        assert isinstance(page2, ClaimInfoScreen) and page2.editor is page1.editor
        await pilot.press("f1")
        await settle(pilot)
        while isinstance(app.screen, YesNoPrompt):
            await pilot.press("n")
            await settle(pilot)
        assert app.screen is page2 and message(app).startswith("DAMAGE REPORT 45 SAVED")
        assert load_report_data(sample_db, 45).renters_claim_number == "CN-P2"
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen is page1 and not page1.editor.dirty
        await pilot.press("f1")
        await settle(pilot)
        assert message(app) == "NO CHANGES TO SAVE - DAMAGE REPORT 45 IS AS SAVED"
