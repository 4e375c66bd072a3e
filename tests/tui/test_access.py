"""The User Access File with real keys: "Access Claim" (edit / view / none) decides page 2, "Restrict EDITCLOS"
keeps page 1 off damage on closed-and-posted RAs. Every combination of the three levels, the restriction on and off
and an open, closed and posted RA."""

from __future__ import annotations

import itertools

import pytest

from carsplus_tui.domain.permissions import DENIED_POSTED, VIEW_ONLY_POSTED
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.tui.conftest import SIZE, message, screen_text, settle, sign_on, signed_on, type_field

# (access claim, restrict EDITCLOS) -> a sample employee with exactly that
EMPLOYEES = {("edit", False): "DEMO", ("edit", True): "JSMITH", ("view", False): "MGARCI",
             ("view", True): "TMILLE", ("none", False): "BCARTE", ("none", True): "AGENT"}
# RAs without damage reports, so no "unrepaired damage" list comes up
RAS = {"open": "L4005187", "closed": "A0001321", "posted": "A0001294"}


@pytest.mark.parametrize(("level", "restricted", "ra"),
                         list(itertools.product(("edit", "view", "none"), (False, True), RAS)))
async def test_access_claim_and_restrict_editclos(make_app, level: str, restricted: bool, ra: str) -> None:  # noqa: ANN001
    app = make_app()
    code = EMPLOYEES[(level, restricted)]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, code, code.lower())
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await type_field(pilot, RAS[ra])  # 1 RA#
        if restricted and ra == "posted":
            assert message(app) == DENIED_POSTED
            assert page1.transaction is None and app.focused is page1.field("ra_number")
        else:
            assert page1.transaction is not None and app.focused is page1.field("non_rev_number")
        await pilot.press("f8")
        await settle(pilot)
        if level == "none":
            assert app.screen is page1
            assert message(app) == "NO ACCESS TO CLAIM INFO"
            return
        screen = app.screen
        assert isinstance(screen, ClaimInfoScreen)
        if level == "view":
            assert message(app) == "CLAIM INFO - VIEW ONLY"
            assert all(field.disabled for field in screen.fields)
        else:
            assert not screen.field("misc_costs").disabled and not screen.field("accident_category").disabled


async def test_restricted_clerk_cannot_change_a_report_on_a_posted_ra(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app, "AGENT", "agent") as pilot:
        await pilot.press("escape", *"#4", "enter")  # report 4 is on posted RA A0001331
        await settle(pilot)
        assert message(app) == f"DAMAGE REPORT 4 - {VIEW_ONLY_POSTED}"  # said at once, not at F1
        await pilot.press("f1")
        await settle(pilot)
        assert message(app) == f"{VIEW_ONLY_POSTED} - RESTRICT EDITCLOS: NOTHING SAVED"


async def test_no_claim_access_no_history_and_no_claim_papers_after_f1(make_app, sample_db) -> None:  # noqa: ANN001
    """Access Claim none (BCARTE) on report 6 (claim status 7, Amount Charged 185.00): F9 HISTORY is refused as
    `carsplus report history --employee` refuses it (it lists page 2's money), and F1 on a page-1 change offers none
    of the claim's papers (damage letter, itemised statement, final letter), which `carsplus print` refuses him.
    Before, he saw page 2's audit trail and printed all three."""
    from carsplus_tui.services.reports import load_report_data
    from carsplus_tui.tui.modals.prompt import YesNoPrompt

    app = make_app()
    async with signed_on(app, "BCARTE", "bcarte") as pilot:
        await pilot.press("escape", *"#6", "enter")
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        assert message(app) == "NO ACCESS TO CLAIM INFO" and isinstance(app.screen, DamageEntryScreen), screen_text(app)
        await pilot.press("escape", *"12", "enter", *"CN6", "enter", "f1")
        await settle(pilot, 8)
        assert isinstance(app.screen, DamageEntryScreen) and not isinstance(app.screen, YesNoPrompt), message(app)
        assert message(app).startswith("DAMAGE REPORT 6 SAVED")
    assert load_report_data(sample_db, 6).renters_claim_number == "CN6"
