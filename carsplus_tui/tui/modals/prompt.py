"""A question on the message line answered with one key: Y or N (Esc answers N)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Key
from textual.screen import ModalScreen

from carsplus_tui.tui.widgets.field import Label, say_refusal


class YesNoPrompt(ModalScreen[bool]):
    BINDINGS = [Binding("escape", "answer_no", "No", priority=True)]

    def __init__(self, question: str) -> None:
        super().__init__(classes="prompt-screen")
        self.question = question.upper()

    def ask(self, question: str) -> YesNoPrompt:
        """The same pop-up with another question (the print questions after F1 reuse one, installed on the app:
        nothing is composed, mounted or styled again for each save)."""
        self.question = question.upper()
        if self.is_mounted:
            self.query_one("#prompt", Label).update(f"{self.question} (Y/N)")
        return self

    def compose(self) -> ComposeResult:
        yield Label(f"{self.question} (Y/N)", id="prompt")

    def on_key(self, event: Key) -> None:
        if event.character and event.character.upper() in ("Y", "N"):
            event.stop()
            self.dismiss(event.character.upper() == "Y")
        elif event.character and event.character.isprintable():
            # Another letter is not an answer: say so, rather than leave the agent wondering why nothing happens;
            # the keys typed behind it are dropped with a word, as after any refusal (MessageLine.refuse): they were
            # typed before the agent saw the question was still open.
            event.stop()
            say_refusal(self, f"{self.question} (Y/N) - TYPE Y OR N", self.query_one("#prompt", Label).update)

    def action_answer_no(self) -> None:
        self.dismiss(False)
