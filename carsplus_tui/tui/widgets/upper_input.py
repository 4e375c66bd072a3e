"""The compact upper-case field of the search, follow-up queue and listing screens' OPTION and keys."""

from __future__ import annotations

from carsplus_tui.tui.widgets.fixed_input import FixedWidthInput


class UpperInput(FixedWidthInput):
    """A compact, fixed-width field that types in upper case and does not blink (stable snapshots)."""

    def __init__(self, width: int, *, id: str, restrict: str | None = None) -> None:  # noqa: A002
        super().__init__(
            max_length=width, id=id, compact=True, restrict=restrict, select_on_focus=True, placeholder="_" * width
        )
        self.cursor_blink = False

    def insert(self, text: str, index: int) -> None:
        super().insert(text.upper(), index)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(text.upper(), start, end)


__all__ = ["UpperInput"]
