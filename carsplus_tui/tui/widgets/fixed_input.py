"""An Input of a fixed width whose typing does not lay out the whole screen again."""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class FixedWidthInput(Input):
    """Textual's Input asks for a layout of the whole screen each time its text changes length (its virtual size
    follows the text). A green-screen field has a fixed width, so nothing around it moves: only its own scroll limits
    are brought up to date — on page 1 (~130 widgets) that layout was most of a keystroke's cost."""

    def _watch_value(self, value: str) -> None:
        size = Size(self.content_width, 1)
        if size != self.virtual_size and not self.styles.auto_dimensions:
            self.set_reactive(Widget.virtual_size, size)  # no layout; Input's own assignment is then a no-op
            if self.size:
                self._scroll_update(size)
        super()._watch_value(value)


__all__ = ["FixedWidthInput"]
