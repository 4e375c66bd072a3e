"""A green-screen page: the green form (tui/green_form.py: Enter, F5, Tab, the message line) with the OPTION
field. Esc goes to OPTION; Enter at OPTION runs what was typed there; past the last field the cursor goes to OPTION.
Pages give `fields` (in Enter order), `leave_field` and `run_option`."""

from __future__ import annotations

from abc import abstractmethod

from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.widgets.field import Field, too_small


class FormScreen(GreenForm[None]):
    """A page: its subclass provides `fields` (Field widgets in Enter order), `leave_field(field)` and
    `run_option(text)`."""

    # The field the cursor was in before OPTION: HELP, LOOKUP and BACKUP typed at OPTION act on it.
    last_field: Field | None = None

    @abstractmethod
    def leave_field(self, field: Field) -> None:
        """Enter in one of the page's fields: check and store it, then (usually) `move_from(field)`."""

    @abstractmethod
    def run_option(self, text: str) -> None:
        """Enter at OPTION: `text` is what was typed there, upper-case."""

    def field_entered(self, field: Field) -> None:
        if field.id == "option":
            self.run_option(field.value.strip().upper())
            field.value = ""
            return
        self.leave_field(field)

    def past_last_field(self, field: Field) -> None:
        self.query_one("#option", Field).focus()
        self.message('PRESS "F1" AT "OPTION" TO SAVE')

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


__all__ = ["FormScreen"]
