"""Two clerks, one claim: two app instances on one database (SQLite, or PostgreSQL when
CARSPLUS_TEST_DATABASE_URL is set). The second save of a report that changed since it was loaded is refused with
CHANGED BY <EMPLOYEE> AT <TIME> - F3 TO RELOAD, what the clerk typed stays on screen, and F3 reloads the saved
report with the clerk's changes re-applied on top, ready for F1."""

from __future__ import annotations

import re

from carsplus_tui.services.reports import load_report_data
from tests.tui.conftest import SIZE, message, settle
from tests.tui.test_page2 import dismiss_popups, page2


async def test_second_clerk_is_refused_then_reloads_and_saves_both_changes(make_app, sample_db) -> None:  # noqa: ANN001
    first, second = make_app(), make_app()
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await page2(first, one, 4, "DEMO")
        screen = await page2(second, two, 4, "CLERK")  # both loaded version 1 of report 4
        await one.press(*"9", "enter", *"10", "enter", "f1")  # 9 Misc Costs
        await settle(one)
        await dismiss_popups(first, one)
        assert str(load_report_data(sample_db, 4).misc_costs) == "10.00"

        await two.press(*"10", "enter", *"20", "enter", "f1")  # 10 Third Party Costs
        await settle(two)
        assert re.fullmatch(r"CHANGED BY DEMO AT \d\d-\d\d-\d\d \d\d:\d\d - F3 TO RELOAD", message(second))
        assert screen.report["third_party_costs"] == "20.00"  # kept as typed
        assert screen.field("third_party_costs").value.strip() == "20.00"
        assert screen.report["misc_costs"] is None  # not overwritten by the other clerk's save

        await two.press("f3")
        await settle(two)
        assert message(second).startswith("RELOADED AS SAVED BY DEMO - YOUR CHANGES RE-APPLIED (10 THIRD PARTY COSTS)")
        assert screen.field("misc_costs").value.strip() == "10.00"  # the other clerk's change, now on screen
        assert screen.field("third_party_costs").value.strip() == "20.00"  # and this clerk's on top
        await two.press("f1")
        await settle(two)
        await dismiss_popups(second, two)
        saved = load_report_data(sample_db, 4)
        assert (str(saved.misc_costs), str(saved.third_party_costs), saved.last_modified_by) == (
            "10.00", "20.00", "CLERK")
