"""A site moves keys with CARSPLUS_KEYMAP (bindings carry ids; Textual's keymap does the rest): the legend shows the
new key, the new key does the work, the old one no longer does; a name the app does not have stops `carsplus` with one
line. And the DMS window's F9/F10, two meanings each, are two bindings per key that the tab picks (check_action)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from carsplus_tui.tui import keys
from tests.tui.conftest import message, screen_text, settle, signed_on


@pytest.fixture(autouse=True)
def _no_remap_left_behind():  # noqa: ANN202 - the remap is per process: other tests see the manual's keys
    yield
    keys.set_keymap("")


async def test_a_remapped_save_key_is_in_the_legend_and_saves(make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    monkeypatch.setenv("CARSPLUS_KEYMAP", "save=f11")
    async with signed_on(make_app(ra_number="L4005187")) as pilot:
        app = pilot.app
        legend = screen_text(app).splitlines()[-1]
        assert "F11=SAVE" in legend and "F1=SAVE" not in legend
        await pilot.press("f1")  # the old key: nothing is saved
        await settle(pilot)
        assert "SAVED" not in message(app)
        await pilot.press("f11")
        await settle(pilot)
        assert "SAVED" in message(app) or "SAVED" in screen_text(app)


def test_a_keymap_naming_no_key_stops_carsplus_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from carsplus_tui.cli import main

    monkeypatch.setenv("CARSPLUS_KEYMAP", "sav=f11")
    result = CliRunner().invoke(main, [])
    assert result.exit_code != 0
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "no key named 'sav'" in lines[0]


def test_keymap_text_is_checked() -> None:
    assert keys.parse_keymap("save=F11; history = ctrl+h") == {"save": "f11", "history": "ctrl+h"}
    with pytest.raises(keys.KeymapError, match="needs a key"):
        keys.parse_keymap("save=")


async def test_dms_f9_and_f10_do_what_the_tab_says(make_app) -> None:  # noqa: ANN001
    async with signed_on(make_app()) as pilot:
        app = pilot.app
        await pilot.press("escape", *"#1", "enter")
        await settle(pilot)
        await pilot.press("escape", *"DMS", "enter")
        await settle(pilot)
        dms = app.screen
        ran: list[str] = []
        for action in ("void_receipt", "export_payments", "print_history", "export_summary"):
            setattr(dms, f"action_{action}", lambda a=action: ran.append(a))
        await pilot.press("f3")  # PAYMENTS
        await pilot.press("f9", "f10")
        await pilot.press("f4")  # HISTORY
        await pilot.press("f9", "f10")
        await pilot.press("f2")  # PROPERTIES: neither key means anything
        await pilot.press("f9", "f10")
        await settle(pilot)
        assert ran == ["void_receipt", "export_payments", "print_history", "export_summary"]
