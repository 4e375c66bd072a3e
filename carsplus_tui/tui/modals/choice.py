"""A numbered list to choose from: the Vehicle File Search (several owners of one unit #), the Shift+F7 code
look-ups, and the unrepaired damage reports shown in the lower part of page 1. A typed line number picks; Enter on
the highlighted line picks too, except in the lists the manual answers with a line number only (`numbers_only`: the
cursor waits at LINE #). A blank Enter at LINE # means "go on" (no choice), like Esc."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

T = TypeVar("T")


class ChoiceModal(ModalScreen[T | None], Generic[T]):
    BINDINGS = [Binding("escape", "leave", "Leave", priority=True)]

    def __init__(self, title: str, header: str, lines: Sequence[tuple[str, T]], *, classes: str = "",
                 numbers_only: bool = False) -> None:
        super().__init__(classes=classes)
        self.title_text = title
        self.header = header
        self.choices = list(lines)
        self.numbers_only = numbers_only

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup choice"):
            yield Label(self.title_text.upper(), classes="popup-title")
            yield Label(f"{'#':<3}  {self.header}", classes="label")
            options = OptionList(*[Option(f"{i:<3}  {text}", id=str(i)) for i, (text, _) in enumerate(self.choices, 1)])
            options.can_focus = not self.numbers_only  # Enter never picks a line nobody typed the number of
            yield options
            with Horizontal(classes="row"):
                yield Label("LINE #", width=7, classes="label")
                line = Field("line", 3, id="line-number")
                # A digit typed on the list starts the number here (`on_key`): selecting it as the field takes the
                # cursor would let the next digit type over it (12 picking line 2). After an error the bad number
                # is still selected (`on_input_submitted`).
                line.select_on_focus = False
                yield line
            yield MessageLine()

    def on_mount(self) -> None:
        if self.numbers_only:
            self.query_one("#line-number", Field).focus()
        else:
            self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index][1])

    def on_key(self, event) -> None:  # noqa: ANN001
        # Typing a digit anywhere starts the line number.
        if event.character and event.character.isdigit() and self.focused is not self.query_one("#line-number"):
            field = self.query_one("#line-number", Field)
            field.value = event.character
            field.focus()
            field.cursor_position = 1
            event.stop()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.dismiss(None)  # a blank Enter at LINE # goes on
        elif text.isdigit() and 1 <= int(text) <= len(self.choices):
            self.dismiss(self.choices[int(text) - 1][1])
        else:
            field = event.input
            self.query_one(MessageLine).refuse(f"{text} IS NOT A LINE - ENTER A LINE NUMBER FROM 1 TO "
                                               f"{len(self.choices)} (ENTER ALONE GOES ON)",
                                               field if isinstance(field, Field) else None)
            if isinstance(field, Field):
                field.select_all()  # (the LINE # field does not select as the cursor arrives)

    def action_leave(self) -> None:
        self.dismiss(None)
