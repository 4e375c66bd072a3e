"""SVG snapshots of the menu's maintenance programs at 80x24 (pytest-textual-snapshot), each reached from page 1's
OPTION with MENU and its line number, with a record on the screen. Update with --snapshot-update after a deliberate
change of the look, and review the SVGs in the diff. (The menu itself, on a fixed date, is in test_snapshots.py.)"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tests.tui.conftest import SIZE, settle, sign_on


def signed_on_then(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await sign_on(pilot, "DEMO", "demo")
        for key in keys:
            await pilot.press(key)
            await settle(pilot, 2)
        await settle(pilot)

    return run_before


def program(line: str, *keys: str) -> tuple[str, ...]:
    return ("escape", *"MENU", "enter", *line, "enter", *keys)


SCENES = {
    "control_record_help": program("10", "f7"),
    "damage_codes": program("11", "d", "enter"),
    "service_codes": program("12", *"D1", "enter"),
    "claim_categories": program("13"),
    "locations": program("14", *"TUS", "enter"),
    "user_access": program("15", *"AGENT", "enter"),
}


@pytest.mark.parametrize("scene", SCENES)
def test_maintenance_screen_looks_green(snap_compare, make_app, scene: str) -> None:  # noqa: ANN001
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=signed_on_then(*SCENES[scene]))
