"""What every green-screen page shares: the message line, Enter from field to field, F5 back one field, Esc to
OPTION, and Enter at OPTION running what was typed there. Pages give `fields` (in Enter order), `leave_field` and
`run_option`."""

from __future__ import annotations

from functools import cached_property

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseWork
from carsplus_tui.tui.widgets.field import Field, MessageLine, too_small


class FormScreen(DatabaseWork, Screen[None]):
    """A page: its subclass provides `fields` (Field widgets in Enter order), `leave_field(field)` and
    `run_option(text)`."""

    # Tab and Shift+Tab as a typist expects on a form: Tab is Enter (the field is checked, the cursor moves on in
    # the page's order), Shift+Tab backs up like F5. Textual's own Tab would jump in screen order, unchecked.
    # The Down arrow is Enter too (the Up arrow is F5: keys.BACKUP), so the arrows walk the fields as on a form.
    BINDINGS = [Binding("tab,down", "next_field", show=False), Binding("shift+tab", "backup", show=False)]

    # The field the cursor was in before OPTION: HELP, LOOKUP and BACKUP typed at OPTION act on it.
    last_field: Field | None = None

    @cached_property
    def missing_keys(self) -> frozenset[str]:
        from carsplus_tui.tui.terminal_keys import missing_keys

        return missing_keys(self.app)

    def message(self, text: str) -> None:
        self.query_one(MessageLine).say(keys.spoken(text, self.missing_keys))

    def move_from(self, field: Field, step: int = 1) -> None:
        """The next (or, with step -1, the previous) field that is open; past the last one, OPTION."""
        order = self.fields
        index = order.index(field) + step if field in order else 0
        while 0 <= index < len(order) and order[index].disabled:
            index += step
        if 0 <= index < len(order):
            self.set_focus(order[index])  # at once, so keys typed ahead land in the next field
        elif index >= len(order):
            self.query_one("#option", Field).focus()
            self.message('PRESS "F1" AT "OPTION" TO SAVE')

    def action_backup(self) -> None:
        """F5, the CARS+ BACKUP key: back up one field."""
        if isinstance(self.focused, Field) and self.focused.id != "option":
            self.move_from(self.focused, -1)

    async def action_next_field(self) -> None:
        if isinstance(self.focused, Field):
            await self.focused.action_submit()

    def action_option(self) -> None:
        """Esc: back to the OPTION field."""
        self.query_one("#option", Field).focus()

    def watch_focused(self, focused: object) -> None:
        # A watcher runs as focus changes, in order (Focus events of two quick moves may arrive out of order).
        if isinstance(focused, Field) and focused.id != "option":
            self.last_field = focused
        if isinstance(focused, Field) and too_small(*self.app.size):
            # A terminal below 80 x 24 shows part of the page: the field being typed stays in view, clear of the
            # message line and the legend at the bottom.
            self.call_after_refresh(self.scroll_to_center, focused, animate=False)

    def run_key_command(self, action: str) -> None:
        """A key's word typed at OPTION (terminals without function keys): does what the key does. HELP, LOOKUP
        and BACKUP first put the cursor back in the field it came from, as if the key were pressed there."""
        field = self.last_field
        if action in keys.FIELD_COMMANDS and field is not None and field.is_attached and not field.disabled:
            self.set_focus(field)
        keys.run_now(self, action)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        if not isinstance(field, Field):
            return
        if field.id == "option":
            self.run_option(field.value.strip().upper())
            field.value = ""
            return
        self.leave_field(field)
