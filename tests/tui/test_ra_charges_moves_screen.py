"""Issue #15's cases on the screen (Pilot), the ones tests/tui/test_ra_charges_screen.py and test_page1.py do not
type: a report moved to another RA takes its charges with it; External Claim's default, in each of the manual's four
circumstances, is shown on page 2 of the recalled report and survives the page-1 edit that removes its reason."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import (
    describe_rental_agreement,
    load_report_data,
    report_history,
    save_report,
)
from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.services.test_ra_charges import charges, second_report
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, type_field

D = Decimal


async def recall(app, pilot, number: int) -> DamageEntryScreen:  # noqa: ANN001
    await pilot.press("escape", *f"#{number}", "enter")
    await settle(pilot)
    if isinstance(app.screen, YesNoPrompt):  # "RECALL DAMAGE REPORT N?" over the one shown
        assert f"RECALL DAMAGE REPORT {number}?" in screen_text(app), screen_text(app)
        await pilot.press("y")
        await settle(pilot)
    assert isinstance(app.screen, DamageEntryScreen)
    return app.screen


async def save_and_go_on(app, pilot, screen: DamageEntryScreen) -> str:  # noqa: ANN001
    """F1, then Enter past the RA charges pop-up and N to the print questions; the message of the save."""
    await pilot.press("f1")
    await settle(pilot, 6)
    said = ""
    while app.screen is not screen and not isinstance(app.screen, ClaimInfoScreen):
        said = said or screen_text(app)
        await pilot.press("n" if isinstance(app.screen, YesNoPrompt) else "enter")
        await settle(pilot)
    return said + "\n" + message(app)


async def test_a_report_moved_to_another_ra_on_the_screen_takes_its_charges_along(make_app, sample_db) -> None:  # noqa: ANN001
    made = save_report(sample_db, load_report(second_report("L4005192", "003085", "100.00")), "CLERK")
    number = made.report_number
    assert charges(sample_db, "L4005192") == [(68, None, D("500.00")), (number, "excess_charged", D("100.00"))]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        screen = await recall(app, pilot, number)
        assert screen.focused.path == "ra_number"
        await pilot.press("end", *["backspace"] * 10)
        await type_field(pilot, "T3001212")  # 1 RA#: the exchange RA
        if isinstance(app.screen, ChoiceModal):  # its reports on file: go on with this one
            await pilot.press("escape")
            await settle(pilot)
        await type_field(pilot, "")  # 2 Non-Rev#
        await pilot.press("end", *["backspace"] * 10)
        await type_field(pilot, "592")  # 3 Unit #: a unit T3001212 carried
        if isinstance(app.screen, YesNoPrompt):  # its unrepaired damage: not now
            await pilot.press("n")
            await settle(pilot)
        said = await save_and_go_on(app, pilot, screen)
        assert f"DAMAGE REPORT {number} SAVED" in said, said
    # Reversed on the old RA (report 68's 500.00 untouched), posted on the new.
    assert charges(sample_db, "L4005192") == [(68, None, D("500.00"))]
    assert charges(sample_db, "T3001212") == [(number, "excess_charged", D("100.00"))]
    after = load_report_data(sample_db, number)
    assert (after.ra_number, after.unit_number, after.excess_charged_ra) == ("T3001212", "592", D("100.00"))
    assert any("REVERSED ON RA L4005192" in note.text for note in after.notes)
    assert load_report_data(sample_db, 68).excess_charged_ra == D("500.00")
    for ra in ("L4005192", "T3001212"):
        assert describe_rental_agreement(sample_db, ra).endswith("RECONCILED")


CIRCUMSTANCES = ({"renters_claim_number": "CN9"}, {"driver_injured": "Y"}, {"damage_covered": "N"},
                 {"third_party_involved": "Y", "third_parties": [{"last_name": "ROE", "injured": "Y"}]})


async def test_external_claims_default_is_shown_and_stays_after_the_page_1_edit(make_app, sample_db) -> None:  # noqa: ANN001
    numbers = [save_report(sample_db, load_report(second_report("A0001310", "001888", "10.00", **case)),
                           "CLERK").report_number for case in CIRCUMSTANCES]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot)
        for number, case in zip(numbers, CIRCUMSTANCES, strict=True):
            screen = await recall(app, pilot, number)
            await pilot.press("f8")
            await settle(pilot)
            page2 = app.screen
            assert isinstance(page2, ClaimInfoScreen)
            assert page2.query_one("#p2-external_claim").value == "Y", case  # shown
            await pilot.press("f8")
            await settle(pilot)
        # The page-1 edit that removes the reason (field 12 cleared on the first report): still Y, same status.
        number = numbers[0]
        before = load_report_data(sample_db, number)
        screen = await recall(app, pilot, number)
        await pilot.press("escape", *"12", "enter")
        await pilot.press("end", *["backspace"] * 15)
        await type_field(pilot, "")
        assert screen.report.get("renters_claim_number") is None
        said = await save_and_go_on(app, pilot, screen)
        assert f"DAMAGE REPORT {number} SAVED" in said, said
        await pilot.press("f8")
        await settle(pilot)
        assert app.screen.query_one("#p2-external_claim").value == "Y"
    for number in numbers:
        with sample_db.read() as s:
            assert s.scalar(select(m.DamageReport.external_claim).where(
                m.DamageReport.report_number == number)) == "Y"  # stored
    after = load_report_data(sample_db, numbers[0])
    assert after.renters_claim_number is None
    assert (after.external_claim, after.claim_status) == ("Y", before.claim_status)  # no silent status change
    history = report_history(sample_db, numbers[0])
    assert any("2 External Claim (DEFAULT): (BLANK) -> Y" in line for line in history)
    assert not any("CLAIM STATUS" in line and "DEMO" in line for line in history)
