"""The message line of the list screens (F6 SEARCH, the follow-up queue, the claim reports): what they say, and
their refusals - the same refusal as the forms' (widgets/field.py `MessageLine.refuse`): the keys typed ahead are
dropped with a word, and the cursor goes back to the field whose value was refused, selected, so typing replaces it.
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual.widget import Widget
from textual.widgets import Input

from carsplus_tui.tui.widgets.field import MessageText, say_refusal


class ListLine:
    """Mixed into a list screen whose line of messages is the MessageText `#{MESSAGE_ID}`. A plain mixin, not a
    Widget: Textual takes a screen's CSS type names from its first Widget base, which must stay Screen."""

    MESSAGE_ID: ClassVar[str]

    def message(self, text: str) -> None:
        cast(Widget, self).query_one(f"#{self.MESSAGE_ID}", MessageText).tell(text)

    def refuse(self, text: str, field: Input | None = None) -> None:
        """What was entered is refused: `text` says why; a line number typed ahead of a bad OPTION answer must not
        open a report, a key typed ahead of a bad search key must not become an OPTION answer."""
        say_refusal(cast(Widget, self), text, self.message)
        if field is not None:
            field.focus()
            field.select_all()
