"""Random keys at the counter: whatever an agent (or a cat) presses, the app keeps running. Seeded walks through every
screen the keys lead to — page 1, its pop-ups, page 2, F6 search, the DMS window, the print questions — and after
each key the app must still be running with no error raised in a handler. Found Tab stopping the app (FormScreen's
own focus_next hid Textual's); this keeps that class of crash out."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.tui.conftest import settle, signed_on

KEYS = (
    [*"ABCDEY N0123456789#."] * 2  # characters, weighted: most of a counter's keys are typing
    + ["enter"] * 8
    + ["escape", "tab", "shift+tab", "backspace", "up", "down", "left", "right", "pageup", "pagedown", "home", "end",
       "f1", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f19"]
)
SEEDS = (11, 2026, 48)
STEPS = 70


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_never_stop_the_app(make_app, seed: int, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    # Print questions answered Y and DMS exports land in this test's own folders, never the user's.
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CARSPLUS_PRINTER", raising=False)
    rng = random.Random(seed)
    pressed: list[str] = []
    visited: set[str] = set()
    app = make_app()
    async with signed_on(app, "CLERK", "clerk") as pilot:
        await pilot.press("escape", *"#1", "enter")  # start on a saved report: page 2 and DMS have something to show
        await settle(pilot)
        for _ in range(STEPS):
            key = rng.choice(KEYS)
            pressed.append(key)
            await pilot.press(key)
            if key in ("enter", "f1", "f6", "f4", "f8"):
                await settle(pilot, rounds=2)
            assert app.is_running and app._exception is None, (
                f"seed {seed}: the app stopped after {pressed!r} on {type(app.screen).__name__}: {app._exception!r}")
            visited.add(type(app.screen).__name__)
    print(f"seed {seed}: {len(pressed)} keys, screens {sorted(visited)}")
    assert len(visited) >= 2, f"seed {seed} never left {sorted(visited)}: the walk tests too little"
