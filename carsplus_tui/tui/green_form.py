"""The green form (DESIGN.md §2, §5): what every page and pop-up of numbered fields shares, written once.

Enter (and Tab, and the Down arrow) leaves a field to the form's `field_entered`, which checks it and calls
`move_from`, or `refuse` (the one way a form says no: the keys typed ahead dropped, the bad value selected); F5
(and Shift+Tab, and the Up arrow in pop-ups) backs up one field; past the last field the form does what it does at
its end (`past_last_field`: a page goes to OPTION, a pop-up closes or submits). Esc is the form's own (a page: to
OPTION; a pop-up: close) and bound from `tui/keys.py` by each form, as F5 is. The message line names the words a
terminal without function keys types instead; each action key clears it first (widgets/field.py `next_action`).

`FormScreen` (tui/screens/form.py: page 1, page 2, the DMS window, the maintenance programs) adds the OPTION field;
`FormModal` (tui/modals/form.py), the line windows, the 3rd party list and the DMS window's pop-ups are forms
without one. A pop-up names `ModalScreen` FIRST among its bases (`class X(ModalScreen[T], GreenForm[T])`):
Textual takes a class's default CSS along its first base only, and the page behind shows through ModalScreen's.
"""

from __future__ import annotations

from abc import abstractmethod
from functools import cached_property
from typing import TypeVar

from textual.screen import Screen
from textual.widgets import Input

from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseWork
from carsplus_tui.tui.internals import AbstractScreenMeta
from carsplus_tui.tui.widgets.field import Field, MessageLine

ResultType = TypeVar("ResultType")


class GreenForm(DatabaseWork, Screen[ResultType], metaclass=AbstractScreenMeta):
    """A form of numbered fields: a subclass gives `fields` (in Enter order), `field_entered(field)` (Enter in a
    field) and `past_last_field(field)` (Enter or Tab out of the last open field)."""

    BINDINGS = [*keys.bindings(keys.FORM_KEYS)]

    # -- what a form provides -------------------------------------------------------------------------------------
    @property
    @abstractmethod
    def fields(self) -> list[Field]:
        """The fields Enter walks, in order (a page's OPTION field is not one of them)."""

    @abstractmethod
    def field_entered(self, field: Field) -> None:
        """Enter in `field`: check and store it, then (usually) `move_from(field)`."""

    @abstractmethod
    def past_last_field(self, field: Field) -> None:
        """Enter out of the last open field (`field`)."""

    # -- the message line -----------------------------------------------------------------------------------------
    @cached_property
    def missing_keys(self) -> frozenset[str]:
        from carsplus_tui.tui.terminal_keys import missing_keys

        return missing_keys(self.app)

    def message(self, text: str) -> None:
        self.query_one(MessageLine).say(keys.spoken(text, self.missing_keys))

    def refuse(self, text: str, field: Field | None = None) -> None:
        """What the agent entered is refused: `text` says why, the keys typed ahead are dropped with a word, the
        cursor goes to `field` with its value selected (MessageLine.refuse, the one refusal of every screen). Every
        check of a form - a field's value, an OPTION answer, F1, a key that cannot do its work now - ends here."""
        self.query_one(MessageLine).refuse(keys.spoken(text, self.missing_keys), field)

    # -- moving ---------------------------------------------------------------------------------------------------
    def move_from(self, field: Field, step: int = 1) -> None:
        """The next (or, with step -1, the previous) field that is open; past the last one, `past_last_field`.
        Backing up from the first field stays there."""
        order = self.fields
        index = order.index(field) + step if field in order else 0
        while 0 <= index < len(order) and order[index].disabled:
            index += step
        if 0 <= index < len(order):
            self.set_focus(order[index])  # at once, so keys typed ahead land in the next field
        elif index >= len(order):
            self.past_last_field(field)

    def action_backup(self) -> None:
        """F5, the CARS+ BACKUP key (Up in pop-ups, Shift+Tab everywhere): back up one field."""
        focused = self.focused
        if isinstance(focused, Field) and focused in self.fields:
            self.move_from(focused, -1)

    def action_previous_field(self) -> None:
        """Shift+Tab: F5."""
        self.action_backup()

    async def action_next_field(self) -> None:
        """Tab and the Down arrow: Enter."""
        if isinstance(self.focused, Field):
            await self.focused.action_submit()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Input.Submitted bubbles: Enter is handled here, once, and goes no further.
        event.stop()
        if isinstance(event.input, Field):
            self.field_entered(event.input)


__all__ = ["GreenForm", "ResultType"]
