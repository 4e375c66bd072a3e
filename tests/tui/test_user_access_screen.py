"""EDIT USER ACCESS FILE (issue 21, item 2) with real keys: Access Claim, Restrict EDITCLOS, administrator and first
screen changed by F1 (in the database, one audit entry each); a locked code unlocked; a password reset (the employee
signs on with it); an employee added; bad input is one message and nothing saved; the last administrator stays;
a record changed on another terminal is not overwritten; a non-administrator cannot open it."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.maintenance import audit_trail
from carsplus_tui.services.sign_on import SignOnError, sign_on
from carsplus_tui.services.users import get_user, update_user
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.user_access import UserAccessScreen
from tests.tui.conftest import message, screen_text, settle, signed_on


async def open_users(pilot) -> None:  # noqa: ANN001
    await pilot.press("escape", *"MENU", "enter")
    await settle(pilot)
    await pilot.press(*"15", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, UserAccessScreen)


def lock(db: Database, code: str) -> None:
    for _ in range(5):
        try:
            sign_on(db, code, "wrong-password")
        except SignOnError:
            pass
    assert get_user(db, code).locked


async def test_change_access_unlock_and_reset_password(sample_db: Database) -> None:
    lock(sample_db, "AGENT")
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_users(pilot)
        assert "AGENT" in screen_text(app) and "LOCKED" in screen_text(app)
        await pilot.press(*"AGENT", "enter")
        assert "LOCKED (5 WRONG PASSWORDS)" in screen_text(app)
        await pilot.press("enter", "enter")  # 2 name, 3 location as they are
        await pilot.press(*"VIEW", "enter")  # 4 Access Claim
        await pilot.press("n", "enter")  # 5 Restrict EDITCLOS
        await pilot.press("enter")  # 6 Administrator N
        await pilot.press(*"MENU", "enter")  # 7 First Screen
        await pilot.press("y", "enter")  # 8 Unlock
        await pilot.press(*"short", "enter")  # 9 New Password: too short
        assert "9 NEW PASSWORD" in message(app) and "AT LEAST 8" in message(app).upper()
        await pilot.press(*"agent-new-1", "f1")
        await settle(pilot)
        assert "EMPLOYEE AGENT SAVED - ACCESS CLAIM, RESTRICT EDITCLOS, FIRST SCREEN, LOCKED, PASSWORD" in message(app)
        row = get_user(sample_db, "AGENT")
        assert (row.access_claim, row.restrict_editclos, row.first_screen, row.locked) == ("view", False, "MENU", False)
        assert sign_on(sample_db, "AGENT", "agent-new-1").access.first_screen == "MENU"
        trail = [(a.field, a.old_value, a.new_value, a.employee_code) for a in audit_trail(sample_db, "USERS", "AGENT")]
        assert ("access_claim", "none", "view", "DEMO") in trail
        assert ("restrict_editclos", "Y", "N", "DEMO") in trail
        assert ("first_screen", "DMGENT", "MENU", "DEMO") in trail
        assert ("locked", "Y", "N", "DEMO") in trail
        assert ("password", "", "RESET", "DEMO") in [(f, o or "", n, e) for f, o, n, e in trail]


async def test_add_an_employee_and_bad_input(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_users(pilot)
        await pilot.press(*"NEWBIE", "enter")
        assert "NEWBIE IS A NEW EMPLOYEE" in message(app)
        await pilot.press(*"NEW AGENT", "enter", "enter")
        await pilot.press(*"SOME", "enter")
        assert "4 ACCESS CLAIM: EDIT, VIEW OR NONE" in message(app)
        await pilot.press("f1")  # the bad field stops the save
        await settle(pilot)
        assert "4 ACCESS CLAIM" in message(app)
        await pilot.press(*"EDIT", "enter", "enter", "enter", "enter")
        await pilot.press("f1")  # no password for a new employee
        await settle(pilot)
        assert "A NEW EMPLOYEE NEEDS A PASSWORD" in message(app)
        await pilot.press(*"newbie-pass", "f1")
        await settle(pilot)
        assert "EMPLOYEE NEWBIE ADDED" in message(app)
        row = get_user(sample_db, "NEWBIE")
        assert (row.name, row.location, row.access_claim, row.administrator) == ("NEW AGENT", "TUS", "edit", False)
        assert sign_on(sample_db, "NEWBIE", "newbie-pass").code == "NEWBIE"
        assert any(a.field == "added" and a.employee_code == "DEMO" for a in audit_trail(sample_db, "USERS", "NEWBIE"))


async def test_the_last_administrator_and_a_stale_record(sample_db: Database) -> None:
    update_user(sample_db, "CLERK", by="DEMO", administrator=False)  # DEMO is now the only administrator
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_users(pilot)
        await pilot.press(*"DEMO", "enter")
        await pilot.press("escape", *"6", "enter", "n", "enter", "f1")
        await settle(pilot)
        assert "DEMO IS THE LAST ADMINISTRATOR" in message(app).upper()
        assert get_user(sample_db, "DEMO").administrator is True
        await pilot.press("escape", *"1", "enter", *"JSMITH", "enter")
        update_user(sample_db, "JSMITH", by="CLERK", access_claim="view")  # another terminal, meanwhile
        await pilot.press("escape", *"4", "enter", *"NONE", "enter")
        await pilot.press("escape", *"9", "enter", *"jsmith-new-pw", "f1")  # a new password with it
        await settle(pilot)
        assert "CHANGED ON ANOTHER TERMINAL - NOTHING SAVED" in message(app)
        assert get_user(sample_db, "JSMITH").access_claim == "view"
        assert sign_on(sample_db, "JSMITH", "jsmith").code == "JSMITH"  # the password not changed either


async def test_a_non_administrator_cannot_open_it(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "JSMITH", "jsmith") as pilot:
        await pilot.press("escape", *"USERACC", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, UserAccessScreen)
        assert "ADMINISTRATOR ONLY" in message(app)
        await pilot.press("escape", *"MENU", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MenuScreen)
        assert "USER ACCESS" not in screen_text(app)
