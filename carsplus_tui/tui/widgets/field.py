"""The green-screen field: fixed width, upper-case, `*` when empty, overtype on entry."""

from __future__ import annotations

from textual.widgets import Input, Static


class Field(Input):
    """One numbered field of a form. `path` is its JSON path in the report (DESIGN.md §8)."""

    def __init__(self, path: str, width: int, *, upper: bool = True, value: str = "", id: str | None = None,  # noqa: A002
                 classes: str | None = None, disabled: bool = False, password: bool = False,
                 restrict: str | None = None) -> None:
        super().__init__(value=value, placeholder="*", max_length=width, id=id, classes=classes, compact=True,
                         select_on_focus=True, disabled=disabled, password=password, restrict=restrict)
        self.path = path
        self.field_width = width
        self.upper = upper
        self.styles.width = width + 1
        self.cursor_blink = False  # the green screen's cursor does not blink; snapshots stay stable

    def insert(self, text: str, index: int) -> None:
        super().insert(text.upper() if self.upper else text, index)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text.upper() if self.upper else text, start, end)

    def restricted(self) -> None:
        """A full field takes no more characters; no bell on a counter."""


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


class MessageLine(Static):
    """The one line for errors and prompts."""

    def __init__(self) -> None:
        super().__init__("", id="message", markup=False)

    def say(self, text: str) -> None:
        self.update(text.upper())

    def clear(self) -> None:
        self.update("")
