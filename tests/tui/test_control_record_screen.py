"""EDIT DAMAGE CONTROL RECORD (issue 21, item 2) with real keys: a change, F1, the database holds it and the audit has
one entry per change; F7 says what a switch does; bad input is one message and nothing saved; a record changed on
another terminal is not overwritten; a non-administrator cannot open it (menu line, code at OPTION, the screen itself).
And item 5: page 1 reads the switches at each new report, so a terminal already signed on follows the change."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.control_file import read_control, set_control
from carsplus_tui.services.maintenance import NOT_ADMINISTRATOR, audit_trail
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.control_record import ControlRecordScreen
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from tests.tui.conftest import message, screen_text, settle, signed_on


async def open_control(pilot) -> None:  # noqa: ANN001
    await pilot.press("escape", *"MENU", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MenuScreen)
    await pilot.press(*"10", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ControlRecordScreen)


async def test_ausie_rules_on_f1_saves_and_audits(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_control(pilot)
        text = screen_text(app)
        assert "EDIT DAMAGE CONTROL RECORD" in text
        for label in ("1 AUSIE RULES", "WITNESS CUSTOMER TYPE", "3RD PARTY CUSTOMER TYPE", "OTHER DRIVER CUSTOMER TYPE",
                      "ALLOW DAMAGE CHARGES ON CLOSED RAS", "ALLOW DAMAGE REFUNDS ON RAS", "(GVT DMGCVDN)",
                      "(GVT DMGENT67)", "(GVT BOOTRPT)", "DAMAGE OPTION CODE"):
            assert label in text
        screen = app.screen
        assert screen.field("ausie_rules").value == "N"
        await pilot.press("f7")
        help_text = " ".join(screen_text(app).split())  # the help area wraps at 78 columns
        assert ("AUSIE RULES: \"IF THE 'AUSIE RULES' FLAG IS TURNED ON IN THE EDIT DAMAGE CONTROL RECORD THIS FIELD IS "
                "REQUIRED\"") in help_text  # the manual's words
        assert "Y: CUSTOMER PRESENT, RENTER DRIVING AND EACH DAMAGE TYPE ARE REQUIRED" in help_text
        await pilot.press("y", "enter")  # 1 AUSIE RULES
        await pilot.press(*"WTN", "enter")  # 2 WITNESS CUSTOMER TYPE
        await pilot.press("f1")
        await settle(pilot)
        assert "CONTROL RECORD SAVED - AUSIE RULES, WITNESS CUSTOMER TYPE" in message(app)
        control = read_control(sample_db)
        assert control["ausie_rules"] is True and control["witness_customer_type"] == "WTN"
        trail = [(a.field, a.old_value, a.new_value, a.employee_code) for a in audit_trail(sample_db, "CONTROL")]
        assert trail == [("ausie_rules", "N", "Y", "DEMO"), ("witness_customer_type", "WIT", "WTN", "DEMO")]
        await pilot.press("f1")  # nothing more typed
        await settle(pilot)
        assert "NO CHANGES TO SAVE" in message(app)
        assert len(audit_trail(sample_db, "CONTROL")) == 2


async def test_bad_input_is_one_message_and_nothing_saved(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_control(pilot)
        await pilot.press("escape", *"10", "enter")  # field 10: the damage option code (up to 6)
        await pilot.press("backspace", *"DMG", "-")  # a dash is not taken
        assert "IS NOT TAKEN HERE" in message(app)
        await pilot.press("escape", *"2", "enter", "backspace", "enter")  # witness customer type blank
        assert "MAY NOT BE BLANK" in message(app).upper()
        await pilot.press("f1")
        await settle(pilot)
        assert "2 WITNESS CUSTOMER TYPE" in message(app)
        assert read_control(sample_db)["witness_customer_type"] == "WIT"
        assert audit_trail(sample_db, "CONTROL") == []


async def test_changed_on_another_terminal_is_not_overwritten(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_control(pilot)
        set_control(sample_db, {"boot_report": "Y"}, by="CLERK")  # another administrator, meanwhile
        await pilot.press("y", "enter")
        await pilot.press("f1")
        await settle(pilot)
        assert "CHANGED ON ANOTHER TERMINAL - NOTHING SAVED" in message(app)
        assert read_control(sample_db)["ausie_rules"] is False
        await pilot.press("f3")  # read it again: CLERK's change shows
        await settle(pilot)
        assert app.screen.field("boot_report").value == "Y"
        app.screen.field("ausie_rules").focus()
        await pilot.press("y", "enter", "f1")
        await settle(pilot)
        control = read_control(sample_db)
        assert control["ausie_rules"] is True and control["boot_report"] is True


async def test_a_non_administrator_cannot_open_it(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "JSMITH", "jsmith") as pilot:
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert "EDIT DAMAGE CONTROL RECORD" not in screen_text(app)  # not on their menu
        await pilot.press(*"10", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert NOT_ADMINISTRATOR in message(app)
        await pilot.press(*"DMGCTL", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert NOT_ADMINISTRATOR in message(app)
        await pilot.press("escape")  # back to page 1: the code at its OPTION is refused as well
        await settle(pilot)
        await pilot.press("escape", *"DMGCTL", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DamageEntryScreen)
        assert NOT_ADMINISTRATOR in message(app)
        # Reached some other way, the screen itself refuses and saves nothing.
        screen = ControlRecordScreen(app.employee)
        await app.push_screen(screen)
        await settle(pilot)
        assert NOT_ADMINISTRATOR in message(app)
        await pilot.press("f1")
        await settle(pilot)
        assert audit_trail(sample_db, "CONTROL") == []


async def test_a_signed_on_terminal_follows_the_switch_at_its_next_report(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "JSMITH", "jsmith") as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        assert page1.control.ausie_rules is False
        set_control(sample_db, {"ausie_rules": "Y"}, by="DEMO")  # an administrator, on another terminal
        await pilot.press(*"A0001310", "enter")  # a new report: the switches are read again
        await settle(pilot, rounds=8)
        assert page1.control.ausie_rules is True
        set_control(sample_db, {"ausie_rules": "N"}, by="DEMO")
        await pilot.press("f3")
        await settle(pilot)
        if "ERASE THE SCREEN" in screen_text(app):
            await pilot.press("y")
            await settle(pilot)
        assert page1.control.ausie_rules is False
