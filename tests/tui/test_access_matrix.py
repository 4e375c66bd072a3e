"""The access matrix on the screens, with real keys: Access Claim (edit / view / none) x Restrict EDITCLOS (off / on)
x {recall of a report on a posted RA, page 2, the DMS window and each of its keys}. (The same use cases without the
screens, and `report import` / `dms export`, are in tests/services/test_access_paths.py.)"""

from __future__ import annotations

import itertools

import pytest

from carsplus_tui.domain.permissions import DMS_NO_ACCESS, DMS_VIEW_ONLY, VIEW_ONLY_POSTED
from carsplus_tui.tui.modals.dms_receipt import ReceiptModal
from carsplus_tui.tui.screens.dms_activity import DmsActivityScreen
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.page2 import ClaimInfoScreen
from tests.tui.conftest import message, screen_text, settle, signed_on

# (access claim, restrict EDITCLOS) -> a sample employee with exactly that (password: the code in lower case)
EMPLOYEES = {("edit", False): "DEMO", ("edit", True): "JSMITH", ("view", False): "MGARCI",
             ("view", True): "TMILLE", ("none", False): "BCARTE", ("none", True): "AGENT"}
POSTED_REPORT = 4  # on posted RA A0001331
# The DMS window's keys that change something, each pressed on its tab: (tab key, key)
CHANGING_KEYS = (("f3", "f5"), ("f3", "f6"), ("f3", "f9"), ("f3", "f10"))


@pytest.mark.parametrize(("level", "restricted"), list(itertools.product(("edit", "view", "none"), (False, True))))
async def test_screens(make_app, level: str, restricted: bool) -> None:  # noqa: ANN001
    app = make_app()
    code = EMPLOYEES[(level, restricted)]
    async with signed_on(app, code, code.lower()) as pilot:
        page1 = app.screen
        assert isinstance(page1, DamageEntryScreen)
        await pilot.press("escape", *f"#{POSTED_REPORT}", "enter")
        await settle(pilot)
        # Restrict EDITCLOS is said at the recall, not at F1.
        if restricted:
            assert message(app) == f"DAMAGE REPORT {POSTED_REPORT} - {VIEW_ONLY_POSTED}"
        else:
            assert message(app).startswith(f"DAMAGE REPORT {POSTED_REPORT} - CLAIM STATUS")

        # The DMS window: none does not open it; view looks only; edit may change.
        await pilot.press("f4")
        await settle(pilot)
        if level == "none":
            assert app.screen is page1 and message(app) == DMS_NO_ACCESS
        else:
            window = app.screen
            assert isinstance(window, DmsActivityScreen)
            assert (f"{POSTED_REPORT} - DMS ACTIVITY - VIEW ONLY" in screen_text(app)) == (level == "view")
            if level == "view":
                for tab, key in CHANGING_KEYS:
                    await pilot.press(tab, key)
                    await settle(pilot)
                    assert app.screen is window and message(app) == DMS_VIEW_ONLY, key
                await pilot.press("f2", "enter")  # Enter on 1 DMS Repair ID
                await settle(pilot)
                assert message(app) == DMS_VIEW_ONLY
                await pilot.press("f4")  # looking is allowed: the history tab
                await settle(pilot)
                assert "DMS TRANSACTION HISTORY" in screen_text(app) and message(app) == "HISTORY"
            else:
                await pilot.press("f3", "f5")
                await settle(pilot)
                assert isinstance(app.screen, ReceiptModal)
                await pilot.press("escape")
                await settle(pilot)
            await pilot.press("escape", "escape")
            await settle(pilot)
            assert app.screen is page1

        # Page 2 as Access Claim says.
        await pilot.press("f8")
        await settle(pilot)
        if level == "none":
            assert app.screen is page1 and message(app) == "NO ACCESS TO CLAIM INFO"
        else:
            assert isinstance(app.screen, ClaimInfoScreen)
            assert all(f.disabled for f in app.screen.fields) == (level == "view")
            await pilot.press("f8")
            await settle(pilot)

        # F1 on the posted RA's report.
        await pilot.press("f1")
        await settle(pilot)
        if restricted:
            assert message(app).startswith(VIEW_ONLY_POSTED)
        else:
            assert not message(app).startswith(VIEW_ONLY_POSTED)
