"""The green-screen field: fixed width, upper-case, `*` when empty, overtype on entry and after an error.

A character the field cannot take is never dropped silently: the message line says why (the field is full, or the
field takes only Y or N ...), and the character is not put in."""

from __future__ import annotations

import re

from textual.widget import Widget
from textual.widgets import Input, Static


class Field(Input):
    """One numbered field of a form. `path` is its JSON path in the report (DESIGN.md §8)."""

    def __init__(self, path: str, width: int, *, upper: bool = True, value: str = "", id: str | None = None,  # noqa: A002
                 classes: str | None = None, disabled: bool = False, password: bool = False,
                 restrict: str | None = None, refusal: str | None = None) -> None:
        super().__init__(value=value, placeholder="*", max_length=width, id=id, classes=classes, compact=True,
                         select_on_focus=True, disabled=disabled, password=password, restrict=restrict)
        self.path = path
        # What the message line says when a character is refused by `restrict`, e.g. "ENTER Y OR N".
        self.refusal = refusal
        self.field_width = width
        self.upper = upper
        self.styles.width = width + 1
        self.cursor_blink = False  # the green screen's cursor does not blink; snapshots stay stable

    def insert(self, text: str, index: int) -> None:
        super().insert(text.upper() if self.upper else text, index)

    def replace(self, text: str, start: int, end: int) -> None:
        text = text.upper() if self.upper else text
        value = self.value
        start, end = sorted((max(0, start), min(len(value), end)))
        new_value = f"{value[:start]}{text}{value[end:]}"
        if self.max_length and len(new_value) > self.max_length and len(new_value) > len(value):
            self.refuse_character(f"FIELD FULL - {self.max_length} CHARACTER{'S' if self.max_length > 1 else ''} "
                                  "AT MOST (BACKSPACE OR TYPE OVER)")
            return
        if self.restrict and re.fullmatch(self.restrict, new_value) is None:
            shown = "".join(c for c in text if c.isprintable()) or "THAT"
            self.refuse_character(f"{shown} IS NOT TAKEN HERE - {self.refusal or 'SEE F7 FOR WHAT THIS FIELD TAKES'}")
            return
        super().replace(text, start, end)

    def restricted(self) -> None:
        """No bell on a counter (the message line has said why: see `refuse_character`)."""

    def refuse_character(self, text: str) -> None:
        """Say on the screen's message line why a character was not put in."""
        say(self, text)

    def focus(self, scroll_visible: bool = True) -> Field:
        """Put the cursor here. As on the green screen, the field's text is selected (when the field overtypes), so
        what is typed next replaces it — also when the cursor is already here, as after an error."""
        super().focus(scroll_visible)
        if self.select_on_focus and self.value:
            self.select_all()
        return self


class Label(Static):
    """A fixed label or a display-only value."""

    def __init__(self, text: str = "", *, width: int | None = None, id: str | None = None,  # noqa: A002
                 classes: str | None = None) -> None:
        super().__init__(text, id=id, classes=classes, markup=False)
        if width is not None:
            self.styles.width = width


class Display(Label):
    """A display-only field: shows `*` when empty, like the manual's screens."""

    def __init__(self, width: int, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__("*", width=width, id=id, classes=f"display {classes or ''}".strip())
        self.display_width = width

    def show(self, value: object) -> None:
        text = "" if value is None else str(value)
        self.update(text[: self.display_width] if text else "*")


def say(widget: Widget, text: str) -> None:
    """Show `text` on the message line of the screen `widget` is on."""
    found = widget.screen.query(MessageLine)
    if found:
        found.first().say(text)


class MessageLine(Static):
    """The one line for errors and prompts."""

    def __init__(self) -> None:
        super().__init__("", id="message", markup=False)

    def say(self, text: str) -> None:
        self.update(text.upper())

    def clear(self) -> None:
        self.update("")
