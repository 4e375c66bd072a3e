"""Issue 17 item 10: page 1's UNREPAIRED DAMAGE list names the vehicle's owning location beside its unit, as the F6
list does (`592/TUS`), so two unit-592 cars do not look the same; the line still fits 80 columns.

Sample data: RA T3001212 carried unit 592 (TUS), which has unrepaired damage on report 45 (CLARK, ROBERT)."""

from __future__ import annotations

from carsplus_tui.tui.modals.choice import ChoiceModal
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from tests.tui.conftest import SIZE, screen_text, settle, signed_on, type_field


async def test_the_unrepaired_damage_list_shows_the_owning_location(make_app) -> None:  # noqa: ANN001
    app = make_app()
    async with signed_on(app) as pilot:
        await type_field(pilot, "T3001212")
        await type_field(pilot, "")
        await type_field(pilot, "592")
        assert isinstance(app.screen, YesNoPrompt)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceModal)
        lines = screen_text(app).splitlines()
        head = next(line for line in lines if "DMG RPT#" in line)
        assert "VEH#/OWN" in head
        row = next(line for line in lines if " 45 " in line and "592" in line)
        assert "592/TUS" in row, row
        # the columns still line up under their heads, and the whole line is on the 80-column screen
        assert row.index("45") + 2 == head.index("DMG RPT#") + len("DMG RPT#")
        assert len(row) <= SIZE[0] and row.strip("│ ").endswith((" U", " I", " C")), row
        await type_field(pilot, "")  # a blank RET goes on with the new report
        assert not isinstance(app.screen, ChoiceModal)
