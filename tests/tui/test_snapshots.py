"""SVG snapshots of page 1, every pop-up, DAMAGE WORK ENTRY and the DAMAGE TRACKING SUBMENU at 80×24
(pytest-textual-snapshot). Update with --snapshot-update after a deliberate change of the look, and review the SVGs
in the diff."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date

import pytest
from textual.pilot import Pilot

from carsplus_tui.tui.screens import menu
from tests.tui.conftest import SIZE, settle, sign_on


def signed_on_then(*keys: str) -> Callable[[Pilot], Awaitable[None]]:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await sign_on(pilot, "CLERK", "clerk")
        for key in keys:
            await pilot.press(key)
            await settle(pilot, 2)
        await settle(pilot)

    return run_before


def typed(text: str) -> tuple[str, ...]:
    return (*text, "enter")


SCENES = {
    "page1_empty": (),
    # the manual's completed example is sample report 1
    "page1_manual_example": ("escape", *typed("#1")),
    "accident_details": ("escape", *typed("#1"), "escape", *typed("4"), *typed("Y")),
    "witness_data_entry": ("escape", *typed("4"), *typed("Y"), *["enter"] * 7, *typed("Y")),
    "other_driver_entry": ("escape", *typed("6"), *typed("N")),
    "third_party_list": ("escape", *typed("#1"), "escape", *typed("8"), *typed("Y")),
    "third_party_detail": ("escape", *typed("#1"), "escape", *typed("8"), *typed("Y"), "enter"),
    "fault_description": ("escape", *typed("#1"), "escape", *typed("9"), *typed("Y")),
    "accident_description": ("escape", *typed("#1"), "escape", *typed("14")),
    "vehicle_file_search": ("enter", "enter", *typed("592")),
    "damage_code_lookup": (*typed("A0001310"), "escape", *typed("15"), "shift+f7"),
    "damage_map": ("escape", *typed("#1"), "f10"),
    "third_party_notes": ("escape", *typed("#1"), "escape", *typed("8"), *typed("Y"), "enter", *["enter"] * 17),
    "damage_type_lookup": ("escape", *typed("16"), "shift+f7"),
    "erase_question": (*typed("A0001310"), "f3"),
    "unrepaired_damage_list": ("enter", *typed("NR10057")),
    # DAMAGE WORK ENTRY (F2) of report 1: its work order and cost lines, the total, the legend
    "damage_work_entry": ("escape", *typed("#1"), "f2"),
}


@pytest.mark.parametrize("scene", SCENES)
def test_screen_looks_like_the_manual(snap_compare, make_app, scene: str) -> None:  # noqa: ANN001
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=signed_on_then(*SCENES[scene]))


class _December6th2026(date):
    """The menu's title shows today's date: one fixed day, so its picture does not change with the calendar."""

    @classmethod
    def today(cls) -> date:
        return date(2026, 12, 6)


def test_damage_tracking_menu_looks_like_the_manual(snap_compare, make_app, monkeypatch) -> None:  # noqa: ANN001
    """MENU at page 1's OPTION: the DAMAGE TRACKING SUBMENU of an administrator (CLERK), every program's line."""
    monkeypatch.setattr(menu, "date", _December6th2026)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=signed_on_then("escape", *typed("MENU")))
