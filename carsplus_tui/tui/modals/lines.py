"""The line windows: FAULT DESCRIPTION (5 × 60), ACCIDENT DESC (9 lines) and a third party's notes (5 lines).
"Each line will accept up to 60 characters. Data entered will automatically wrap to the next line." """

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Mount
from textual.screen import ModalScreen

from carsplus_tui.domain.fields import LINE_WIDTH
from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine


class LineField(Field):
    """A line that hands a word that does not fit over to the next line, as a typist expects. The hand-over is done
    at once (not through a message), so keys typed ahead land on the new line in order."""

    def on_mount(self) -> None:
        # Lines are edited, not overtyped: selecting all on focus would eat the word just carried over.
        self.select_on_focus = False

    def insert(self, text: str, index: int) -> None:
        screen = self.screen
        if len(self.value) + len(text) <= self.field_width or index != len(self.value) \
                or not isinstance(screen, LinesModal):
            super().insert(text, index)
        else:
            screen.wrap(self, text.upper())


class LinesModal(ModalScreen[list[str]], GreenForm[list[str]]):
    """A window of lines on the green form (tui/green_form.py): Enter on an empty line, or on the last one, ends
    it; F5 or Up backs up a line; Esc ends it too. What was typed is kept."""

    BINDINGS = [*keys.bindings((keys.POPUP_CLOSE, keys.POPUP_BACKUP))]  # Esc; F5, or the Up arrow on any terminal

    def __init__(self, title: str, lines: list[str], max_lines: int, *, path: str, width: int = LINE_WIDTH) -> None:
        super().__init__()
        self.title_text = title
        self.lines = list(lines)[:max_lines]
        self.max_lines = max_lines
        self.path = path
        self.line_width = width

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup"):
            yield Label(self.title_text.upper(), classes="popup-title")
            for i in range(self.max_lines):
                with Horizontal(classes="row"):
                    yield Label(f"{i + 1}.", width=4, classes="label")
                    value = self.lines[i] if i < len(self.lines) else ""
                    yield LineField(f"{self.path}.{i}", self.line_width, value=value, id=f"line-{i}")
            yield MessageLine()

    @property
    def fields(self) -> list[Field]:
        lines: list[Field] = list(self.query(LineField))
        return lines

    def on_mount(self, event: Mount) -> None:  # (the event: a window may start elsewhere and prevent this)
        self.fields[0].focus()

    def wrap(self, field: Field, text: str) -> None:
        fields = self.fields
        index = fields.index(field)
        if index + 1 >= len(fields):
            field.overflow += len(text)  # Enter then says the text did not fit (Field.action_submit)
            field.refuse_character(f"NO MORE LINES - {self.max_lines} LINES OF {self.line_width} AT MOST")
            return
        current = field.value
        if text == " ":
            carry = ""
        elif " " in current:
            cut = current.rindex(" ")
            carry = current[cut + 1:] + text
            field.value = current[:cut].rstrip()
        else:
            carry = text
        following = fields[index + 1]
        following.value = (carry + (" " + following.value if following.value else ""))[: self.line_width]
        self.set_focus(following)
        following.cursor_position = len(carry)

    def field_entered(self, field: Field) -> None:
        if not field.value.strip():
            self.action_close()  # Enter on an empty line ends the window
        else:
            self.move_from(field)

    def past_last_field(self, field: Field) -> None:
        self.action_close()

    def action_close(self) -> None:
        lines = [f.value.rstrip() for f in self.fields]
        while lines and not lines[-1]:
            lines.pop()
        self.dismiss(lines)
