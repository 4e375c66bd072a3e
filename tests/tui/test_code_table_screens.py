"""The code-table programs of the menu (issue 21, items 2 and the look-up journey) with real keys: add damage type
W WINDSHIELD, a service code limited to one model code and a claim category; each is in the database with its audit
entry, and in the Shift+F7 look-ups of page 1 and page 2 (the service code only for a vehicle of that model); retired,
they leave the look-ups while the report that holds one keeps it; a code in use cannot be deleted (the refusal says
where); a location is changed with the optimistic lock."""

from __future__ import annotations

from carsplus_tui.db.database import Database
from carsplus_tui.services.code_tables import list_codes, update_code
from carsplus_tui.services.lookups import damage_codes_for_model
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.services.maintenance import audit_trail
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.screens.claim_categories import ClaimCategoriesScreen
from carsplus_tui.tui.screens.damage_types import DamageTypeCodesScreen
from carsplus_tui.tui.screens.locations import LocationsScreen
from carsplus_tui.tui.screens.menu import MenuScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from carsplus_tui.tui.screens.service_codes import ServiceCodesScreen
from tests.tui.conftest import message, screen_text, settle, signed_on


async def open_line(pilot, line: str, kind: type) -> None:  # noqa: ANN001
    await pilot.press("escape", *"MENU", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, MenuScreen)
    await pilot.press(*line, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, kind)


async def back_to_page1(pilot) -> DamageEntryScreen:  # noqa: ANN001
    await pilot.press("escape", "escape")  # to OPTION, then out to the menu
    await settle(pilot)
    assert isinstance(pilot.app.screen, MenuScreen)
    await pilot.press("1", "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DamageEntryScreen)
    return pilot.app.screen


async def type_lookup_lines(pilot) -> str:  # noqa: ANN001
    page1 = pilot.app.screen
    page1.field("damage_lines.0.type").focus()
    await pilot.press("shift+f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceModal)
    text = screen_text(pilot.app)
    await pilot.press("escape")
    await settle(pilot)
    return text


async def test_damage_type_w_windshield_added_looked_up_and_retired(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        assert "W  WINDSHIELD" not in await type_lookup_lines(pilot)
        await open_line(pilot, "11", DamageTypeCodesScreen)
        assert "EDIT DAMAGE CODES" in screen_text(app) and "DENT" in screen_text(app)
        await pilot.press("w", "enter")
        assert "W IS A NEW TYPE" in message(app)
        await pilot.press(*"WINDSHIELD", "enter", "f1")
        await settle(pilot)
        assert "TYPE W ADDED" in message(app)
        assert any(r.code == "W" and r.description == "WINDSHIELD" for r in list_codes(sample_db, "damage-types"))
        assert [(a.record_key, a.field, a.new_value) for a in audit_trail(sample_db, "DAMAGE-TYP")][:2] == [
            ("W", "description", "WINDSHIELD"), ("W", "retired", "N")]
        assert "WINDSHIELD" in screen_text(app)  # in the list below

        await back_to_page1(pilot)
        assert "W  WINDSHIELD" in await type_lookup_lines(pilot)

        await open_line(pilot, "DMGCODE", DamageTypeCodesScreen)
        await pilot.press("w", "enter", "enter", "y", "enter", "f1")  # 3 Retired Y
        await settle(pilot)
        assert "TYPE W SAVED - RETIRED" in message(app)
        await back_to_page1(pilot)
        assert "W  WINDSHIELD" not in await type_lookup_lines(pilot)


async def test_a_code_in_use_cannot_be_deleted_but_a_new_one_can(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_line(pilot, "11", DamageTypeCodesScreen)
        await pilot.press("d", "enter", "f9")  # D DENT, on many sample reports
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "DAMAGE-TYPES CODE D IS USED BY" in message(app).upper()
        assert "DAMAGE LINES (REPORTS" in message(app).upper()
        assert any(r.code == "D" for r in list_codes(sample_db, "damage-types"))
        await pilot.press("escape", "1", "enter")  # OPTION 1: field 1 again
        await pilot.press("q", "enter", *"QUIRK", "enter", "f1")
        await settle(pilot)
        assert "TYPE Q ADDED" in message(app)
        await pilot.press("q", "enter", "f9")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "TYPE Q DELETED" in message(app)
        assert not any(r.code == "Q" for r in list_codes(sample_db, "damage-types"))
        assert audit_trail(sample_db, "DAMAGE-TYP")[-1].field == "deleted"


async def test_service_code_for_one_model_code_only(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_line(pilot, "12", ServiceCodesScreen)
        await pilot.press(*"WSCRN", "enter", *"WINDSCREEN CHIP", "enter", "enter", "enter", *"CARAV", "enter", "f1")
        await settle(pilot)
        assert "CODE WSCRN ADDED" in message(app)
        row = next(r for r in list_codes(sample_db, "service-codes") if r.code == "WSCRN")
        assert row.model_codes == ("CARAV",) and row.show_on_damage_entry is True
        assert "WSCRN" in [c.code for c in damage_codes_for_model(sample_db, "CARAV")]
        assert "WSCRN" not in [c.code for c in damage_codes_for_model(sample_db, "SONATA")]
        page1 = await back_to_page1(pilot)
        await pilot.press(*"A0001310", "enter")  # unit 001888, a CARAV
        await settle(pilot, rounds=8)
        while not isinstance(app.screen, DamageEntryScreen):  # the RA's pop-ups (charges, unrepaired damage)
            await pilot.press("escape")
            await settle(pilot)
        assert page1.vehicle is not None and page1.vehicle.model_code == "CARAV"
        page1.field("damage_lines.0.code").focus()
        await pilot.press("shift+f7")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        assert "WSCRN" in [choice.code for _, choice in app.screen.choices]


async def category_lookup_codes(pilot) -> list[str]:  # noqa: ANN001
    """Page 2 field 5 Accident Category, Shift+F7: the codes offered."""
    page2 = pilot.app.screen
    assert isinstance(page2, ClaimInfoScreen)
    page2.field("accident_category").focus()
    await pilot.press("shift+f7")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ChoiceModal)
    codes = [str(getattr(choice, "code", choice)) for _, choice in pilot.app.screen.choices]
    await pilot.press("escape")
    await settle(pilot)
    return codes


async def test_claim_category_and_damage_type_retired_leave_look_ups_old_reports_keep_them(
        sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_line(pilot, "CLMCAT", ClaimCategoriesScreen)
        await pilot.press(*"HAL", "enter", *"HAIL STORM", "enter", "f1")
        await settle(pilot)
        assert "CATEGORY HAL ADDED" in message(app)
        await pilot.press(*"4", "enter", "enter", "y", "enter", "f1")  # category 4, on report 1: retired
        await settle(pilot)
        assert "CATEGORY 4 SAVED - RETIRED" in message(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        await pilot.press(*"DMGCODE", "enter")
        await settle(pilot)
        await pilot.press("d", "enter", "enter", "y", "enter", "f1")  # D DENT, on report 1: retired
        await settle(pilot)
        assert "TYPE D SAVED - RETIRED" in message(app)
        page1 = await back_to_page1(pilot)

        await pilot.press("escape", *"#1", "enter")  # report 1 keeps both
        await settle(pilot, rounds=8)
        assert page1.report["report_number"] == 1
        assert page1.field("damage_lines.0.type").value == "D"
        assert "DENT" in screen_text(app)
        assert "D  DENT" not in await type_lookup_lines(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, ClaimInfoScreen)
        assert app.screen.field("accident_category").value == "4"
        codes = await category_lookup_codes(pilot)
        assert "HAL" in codes and "4" not in codes
    data = load_report_data(sample_db, 1)
    assert data.accident_category == "4" and data.damage_lines[0].type == "D"


async def test_location_changed_elsewhere_is_not_overwritten(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app) as pilot:
        await open_line(pilot, "14", LocationsScreen)
        await pilot.press(*"TUS", "enter")
        update_code(sample_db, "locations", "TUS", by="CLERK", description="TUCSON NORTH")  # another terminal
        await pilot.press(*"TUCSON DOWNTOWN", "enter", "f1")
        await settle(pilot)
        assert "CHANGED ON ANOTHER TERMINAL - NOTHING SAVED" in message(app)
        assert next(r for r in list_codes(sample_db, "locations") if r.code == "TUS").description == "TUCSON NORTH"
        await pilot.press("f3")
        await settle(pilot)
        assert app.screen.field("description").value == "TUCSON NORTH"


async def test_a_non_administrator_gets_none_of_them(sample_db: Database) -> None:
    app = CarsplusApp(sample_db)
    async with signed_on(app, "JSMITH", "jsmith") as pilot:
        for code in ("DMGCODE", "SVCCODE", "CLMCAT", "LOCATN", "11", "12", "13", "14"):
            await pilot.press("escape", *"MENU", "enter")
            await settle(pilot)
            await pilot.press(*code, "enter")
            await settle(pilot)
            assert isinstance(app.screen, MenuScreen), code
            assert "ADMINISTRATOR ONLY" in message(app)
            await pilot.press("escape")
            await settle(pilot)
