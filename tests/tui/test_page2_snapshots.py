"""SVG snapshots of page 2 (DAMAGE ENTRY - CLAIM INFO) at 80×24: claim statuses 0, 3, 5 and 7, and the view-only
mode. Update with --snapshot-update after a deliberate change of the look, and review the SVGs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZE, settle, sign_on

# scene -> (employee, report number)
SCENES = {
    "page2_status0_unreported": ("CLERK", 2),
    "page2_status3_not_checked": ("CLERK", 4),
    "page2_status5_renter_owes": ("CLERK", 17),
    "page2_status7_closed": ("CLERK", 3),
    "page2_view_only": ("MGARCI", 1),
}


def claim_info(code: str, report: int) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await sign_on(pilot, code, code.lower())
        await pilot.press("escape", *f"#{report}", "enter")
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("scene", SCENES)
def test_claim_info_looks_like_the_manual(snap_compare, make_app, scene: str) -> None:  # noqa: ANN001
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=claim_info(*SCENES[scene]))
