"""What the maintenance programs of the menu share (EDIT DAMAGE CONTROL RECORD, the code tables, EDIT USER ACCESS
FILE): the signed-on employee, the administrator check, Esc to OPTION and Esc at OPTION (or EXIT) back to the menu,
sign-off, and an area under the fields where F7 puts the manual's words about the field.

Every database call goes through `db_work` to `carsplus_tui.services` (the control file, code tables, users), which
do the validation, the optimistic locking and the audit entry per change."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from carsplus_tui.domain.permissions import ADMINISTRATOR_ONLY
from carsplus_tui.tui.host import host
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Field, Label

if TYPE_CHECKING:
    from carsplus_tui.services.sign_on import SignedOn

NOT_ADMINISTRATOR = ADMINISTRATOR_ONLY  # the MENU, the maintenance screens and the CLI say the same


class MaintenanceScreen(FormScreen):
    """A maintenance program for an administrator. Subclasses give `fields`, `leave_field`, `run_option`."""

    OPTION_WORDS: ClassVar[dict[str, str]] = {}

    def __init__(self, employee: SignedOn) -> None:
        super().__init__()
        self.employee = employee
        self.busy = False  # a save is running: F1 again waits for it

    @property
    def fields(self) -> list[Field]:
        """The record's fields in Enter order (OPTION excluded)."""
        return [f for f in self.query(Field) if f.id != "option"]

    @property
    def db(self):  # noqa: ANN201
        return host(self).db

    @property
    def administrator(self) -> bool:
        return bool(self.employee.access.administrator)

    def refuse_if_not_administrator(self) -> bool:
        """True (and every field closed, the refusal on the message line) for anyone but an administrator."""
        if self.administrator:
            return False
        for field in self.fields:
            field.disabled = True
        self.message(NOT_ADMINISTRATOR)
        return True

    def explain(self, text: str) -> None:
        """F7's words about the current field, in the help area (two lines of 78)."""
        found = self.query("#maint-help")
        if found:
            found.first(Label).update(text.upper())

    def run_common(self, text: str) -> bool:
        """Key words typed at OPTION (SAVE, READ, HELP, EXIT, OFF ...); True when `text` was one."""
        action = self.OPTION_WORDS.get(text)
        if action is None:
            return False
        self.run_key_command(action)
        return True

    def action_escape(self) -> None:
        if self.focused is self.query_one("#option", Field):
            self.action_leave()
        else:
            self.action_option()

    def action_leave(self) -> None:
        self.dismiss(None)

    def action_sign_off(self) -> None:
        host(self).sign_off()


def yes_no(value: object) -> str:
    return "Y" if value is True or value == "Y" else "N"


__all__ = ["NOT_ADMINISTRATOR", "MaintenanceScreen", "yes_no"]
