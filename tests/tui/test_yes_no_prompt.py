"""A Y/N question on the message line: a letter that is not an answer says so; Y and N answer; Esc is N."""

from __future__ import annotations

import pytest
from textual.app import App

from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.widgets.field import Label


class Asking(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[bool] = []

    def on_mount(self) -> None:
        self.push_screen(YesNoPrompt("Print damage sticker?"), self.answers.append)


def shown(app: Asking) -> str:
    return str(app.screen.query_one("#prompt", Label).render())


@pytest.mark.parametrize(("key", "answer"), [("y", True), ("N", False), ("escape", False)])
async def test_a_wrong_letter_is_named_then_the_right_one_answers(key: str, answer: bool) -> None:
    app = Asking()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown(app) == "PRINT DAMAGE STICKER? (Y/N)"
        await pilot.press("x")
        await pilot.pause()
        assert shown(app) == "PRINT DAMAGE STICKER? (Y/N) - TYPE Y OR N"
        assert app.answers == []
        await pilot.press(key)
        await pilot.pause()
        assert app.answers == [answer]
