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


async def test_the_pop_up_asked_again_shows_only_the_new_question() -> None:
    """The print questions after F1 reuse one pop-up: a wrong letter's '- TYPE Y OR N' goes with its question."""
    app = Asking()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, YesNoPrompt)
        app.install_screen(prompt, "kept")  # kept mounted between questions, as the app keeps the print question
        await pilot.press("x", "n")
        await pilot.pause()
        app.push_screen(prompt.ask("Print itemised statement?"), app.answers.append)
        await pilot.pause()
        assert app.screen is prompt and shown(app) == "PRINT ITEMISED STATEMENT? (Y/N)"
        await pilot.press("y")
        await pilot.pause()
        assert app.answers == [False, True]
