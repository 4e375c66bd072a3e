"""What the maintenance programs of the menu share (EDIT DAMAGE CONTROL RECORD, the code tables, EDIT USER ACCESS
FILE): the signed-on employee, the administrator check, Esc to OPTION and Esc at OPTION (or EXIT) back to the menu,
sign-off, and an area under the fields where F7 puts the manual's words about the field (`MaintenanceScreen`).
The code tables and EDIT USER ACCESS FILE are also one shape (`TableMaintenanceScreen`): a record picked by the code
in field 1 above a paged list of the table, F1 to add or change it, F3 to read it all again.

Every database call goes through `db_work` to `carsplus_tui.services` (the control file, code tables, users), which
do the validation, the optimistic locking and the audit entry per change."""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Protocol, TypeVar

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from carsplus_tui.domain.permissions import ADMINISTRATOR_ONLY
from carsplus_tui.services.maintenance import MaintenanceError, StaleRecordError
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from carsplus_tui.services.sign_on import SignedOn

NOT_ADMINISTRATOR = ADMINISTRATOR_ONLY  # the MENU, the maintenance screens and the CLI say the same


class MaintenanceScreen(FormScreen):
    """A maintenance program for an administrator. Subclasses give `fields`, `leave_field`, `run_option`."""

    OPTION_WORDS: ClassVar[dict[str, str]] = {}

    def __init__(self, employee: SignedOn) -> None:
        super().__init__()
        self.employee = employee
        self.busy = False  # a save is running: F1 again waits for it
        self.stale = False  # another terminal changed the record since it was read: F3 before F1

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
        self.refuse(NOT_ADMINISTRATOR)
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

    def refused(self, exc: MaintenanceError) -> None:
        """F1 (or F9) said no: the service's line; a record changed elsewhere is stale until F3."""
        self.busy = False
        if isinstance(exc, StaleRecordError):
            self.stale = True
            self.refuse("CHANGED ON ANOTHER TERMINAL - NOTHING SAVED - F3 TO READ IT AGAIN, THEN RETYPE")
            return
        self.refuse(str(exc))

    def on_database_done(self, event: DatabaseDone) -> None:
        # Each subclass matches its own answers (Textual calls every class's handler); a refusal is handled here.
        match event.result:
            case MaintenanceError() as refusal:
                self.refused(refusal)

    def on_database_failed(self, event: Any) -> None:  # noqa: ANN401
        # The line itself is DatabaseWork's (Textual calls each class's handler): here F1 is let go again.
        self.busy = False


def yes_no(value: object) -> str:
    return "Y" if value is True or value == "Y" else "N"


class Coded(Protocol):
    @property
    def code(self) -> str: ...


RowT = TypeVar("RowT", bound=Coded)
STALE = "CHANGED ON ANOTHER TERMINAL - F3 TO READ IT AGAIN, THEN RETYPE"
YN_CHARS, YN_REFUSAL = r"[YNyn]?", "ENTER Y OR N"  # a Y/N field's keys, and what another key gets


@dataclass(frozen=True)
class RowsRead(Generic[RowT]):
    """The table as read; `code`, when given (F3 READ), is the record on the screen, shown again as on file now."""

    rows: list[RowT]
    note: str
    code: str = ""


@dataclass(frozen=True)
class RecordSaved(Generic[RowT]):
    code: str
    changed: list[str]
    rows: list[RowT]


class TableMaintenanceScreen(MaintenanceScreen, Generic[RowT]):
    """A record picked by its code in field 1 (path "code") above a paged list of the table. Enter on the code brings
    one on file up to change (remembered as read, for the optimistic locking) or opens a new one; F1 saves it through
    `store` (in the db_work thread), F3 reads the list and the record again, F8/MORE and BACK page the list.

    A subclass composes its fields (`record_rows`) and gives the list (`fetch_rows`, `header`, `row_text`), the
    record (`fill`, `check`, `typed`, `store`), its words (`record_name`, `a_code`, `entered_line`, `numbered`) and
    `ID`, the prefix of its widget ids (#ID-list, #ID-more)."""

    BINDINGS = [*MaintenanceScreen.BINDINGS, *keys.bindings(keys.CODE_TABLE_KEYS)]
    OPTION_WORDS = keys.CODE_TABLE_COMMANDS
    ID: ClassVar[str] = ""
    FORM_ID: ClassVar[str] = ""
    PAGE_SIZE: ClassVar[int] = 11
    NONE_ON_FILE: ClassVar[str] = ""
    OPTIONS: ClassVar[str] = "SAVE, READ, MORE, BACK, HELP OR EXIT"  # named when a word at OPTION is not one
    FIELD_HELP: ClassVar[dict[str, str]] = {}  # F7's words per field path ("option" at OPTION)

    def __init__(self, employee: Any) -> None:  # noqa: ANN401 - a SignedOn
        super().__init__(employee)
        self.rows: list[RowT] = []
        self.first = 0
        self.current: RowT | None = None  # the record on the screen as read (None: a new one)

    # -- what a table gives --------------------------------------------------------------------------------------
    @property
    @abstractmethod
    def record_name(self) -> str:
        """What one record is called in "<NAME> <code> SAVED" (EMPLOYEE, LOCATION)."""

    @property
    @abstractmethod
    def a_code(self) -> str:
        """Field 1 in "TYPE <A CODE>" (AN EMPLOYEE CODE, A LOCATION)."""

    @abstractmethod
    def record_rows(self) -> ComposeResult:
        """The rows of the record's fields, between the OPTION line and the help area."""

    @abstractmethod
    def header(self) -> str:
        """The list's column headings."""

    @abstractmethod
    def row_text(self, row: RowT) -> str:
        """One line of the list (at most 78 characters)."""

    @abstractmethod
    def fetch_rows(self) -> list[RowT]:
        """The table's rows (in the db_work thread)."""

    @abstractmethod
    def fill(self, row: RowT | None, code: str) -> None:
        """The fields of `row` as on file, or of a new record `code`."""

    @abstractmethod
    def check(self, path: str, typed: str) -> tuple[str, str | None]:
        """A field's value as kept, and what is wrong with it (None when nothing)."""

    @abstractmethod
    def entered_line(self, code: str, row: RowT | None) -> str:
        """The message once field 1 is entered: a new record, or one on file to change."""

    @abstractmethod
    def numbered(self, text: str) -> str | None:
        """The path of field number `text` typed at OPTION (None: not a field here)."""

    @abstractmethod
    def typed(self) -> dict[str, Any] | None:
        """F1: the record as typed, checked (None: the first bad field has the cursor and the message)."""

    @abstractmethod
    def store(self, code: str, values: dict[str, Any], current: RowT | None, by: str) -> list[str]:
        """F1's change (in the db_work thread): what changed, "added" for a new record; MaintenanceError refuses."""

    # -- layout --------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id=self.FORM_ID):
            yield Horizontal(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                             Label(f" {self.TITLE}", classes="title"), classes="row")
            yield Label("")
            yield from self.record_rows()
            yield Label("", id="maint-help", classes="maint-help")
            yield Static(self.header(), classes="label", markup=False)
            yield Static("", id=f"{self.ID}-list", classes=f"{self.ID}-list")
            yield Static("", id=f"{self.ID}-more", classes="label", markup=False)
        yield MessageLine()
        yield Label(keys.legend(keys.CODE_TABLE_KEYS, self.missing_keys), id="legend")

    def field(self, path: str) -> Field:
        return next(f for f in self.fields if f.path == path)

    def on_mount(self) -> None:
        if self.refuse_if_not_administrator():
            self.query_one("#option", Field).focus()
            return
        self.clear_record()
        self.field("code").focus()
        self.read_list("")

    # -- the list ------------------------------------------------------------------------------------------------
    @db_work(group="maintenance-read", again="F3")
    def read_list(self, note: str, code: str = "") -> RowsRead[RowT]:
        return RowsRead(self.fetch_rows(), note, code)

    def list_read(self, rows: list[RowT], note: str, code: str = "") -> None:
        self.rows = rows
        self.first = min(self.first, max(0, len(rows) - 1))
        self.show_list()
        self.message(note or f"TYPE {self.a_code} AND ENTER: ON FILE TO CHANGE, NEW TO ADD")
        if code:
            self.show_record(next((r for r in rows if r.code == code), None), code)

    def show_list(self) -> None:
        shown = self.rows[self.first:self.first + self.PAGE_SIZE]
        text = Text(no_wrap=True, overflow="crop")
        text.append("\n".join(self.row_text(row) for row in shown))
        self.query_one(f"#{self.ID}-list", Static).update(text)
        if self.rows:
            last = self.first + len(shown)
            more = f"LINES {self.first + 1}-{last} OF {len(self.rows)}"
            more += "  F8=MORE" if last < len(self.rows) else "  END OF LIST"
        else:
            more = self.NONE_ON_FILE
        self.query_one(f"#{self.ID}-more", Static).update(more)

    def action_next_page(self) -> None:
        if self.first + self.PAGE_SIZE >= len(self.rows):
            self.message("END OF LIST")
            return
        self.first += self.PAGE_SIZE
        self.show_list()

    def action_previous_page(self) -> None:
        if not self.first:
            self.message("TOP OF LIST")
            return
        self.first = max(0, self.first - self.PAGE_SIZE)
        self.show_list()

    # -- the record ----------------------------------------------------------------------------------------------
    def record_shown(self) -> bool:
        """Field 1 was entered: the record's other fields are open."""
        return any(not f.disabled for f in self.fields if f.path != "code")

    def clear_record(self) -> None:
        self.current = None
        self.stale = False
        for field in self.fields:
            field.value = ""
            field.disabled = field.path != "code"

    def show_record(self, row: RowT | None, code: str) -> None:
        self.current = row
        self.stale = False
        for field in self.fields:
            field.disabled = False
        self.fill(row, code)

    def leave_field(self, field: Field) -> None:
        if field.path == "code":
            code = " ".join(field.value.upper().split())
            if not code:
                self.refuse(f"TYPE {self.a_code}", field)
                return
            row = next((r for r in self.rows if r.code == code), None)
            self.show_record(row, code)
            self.message(self.entered_line(code, row))
            self.move_from(field)
            return
        value, problem = self.check(field.path, field.value)
        if problem:
            self.refuse(problem, field)
            return
        field.value = value
        self.message("")
        self.move_from(field)

    def action_field_help(self) -> None:
        focused = self.focused
        path = focused.path if isinstance(focused, Field) and focused.id != "option" else "option"
        self.explain(self.help_for(path))

    def help_for(self, path: str) -> str:
        """F7's words about the field at `path` ("option" at OPTION)."""
        return self.FIELD_HELP.get(path, "")

    def run_option(self, text: str) -> None:
        if not text or self.run_common(text):
            return
        path = self.numbered(text)
        if path is not None and self.administrator:
            target = self.field(path)
            if target.disabled:
                self.refuse(f"FIELD {text} OPENS ONCE {self.a_code} IS TYPED IN FIELD 1")
            else:
                target.focus()
            return
        self.refuse(f"{text} IS NOT AN OPTION - A FIELD NUMBER, {self.OPTIONS}")

    def code_read_again(self) -> str:
        """F3: the code in field 1, whose record is shown again as on file now ("" for none)."""
        return self.field("code").value.strip().upper()

    def action_reload(self) -> None:
        """F3 (READ): the list and the record on the screen as on file now."""
        if self.refuse_if_not_administrator():
            return
        self.read_list("READ AGAIN", self.code_read_again())

    # -- F1 ------------------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.refuse_if_not_administrator() or self.busy:
            return
        code = self.field("code").value.strip().upper()
        if not code or not self.record_shown():
            self.refuse(f"TYPE {self.a_code} IN FIELD 1 AND ENTER FIRST", self.field("code"))
            return
        if self.stale:
            self.refuse(STALE)
            return
        values = self.typed()
        if values is None:
            return
        self.busy = True
        self.message("SAVING ...")
        self.save(code, values, self.current, self.employee.code)

    @db_work(group="maintenance-save", again="F1")
    def save(self, code: str, values: dict[str, Any], current: RowT | None,
             by: str) -> RecordSaved[RowT] | MaintenanceError:
        try:
            changed = self.store(code, values, current, by)
        except MaintenanceError as exc:
            return exc
        return RecordSaved(code, changed, self.fetch_rows())

    def saved(self, code: str, changed: list[str], rows: list[RowT]) -> None:
        self.busy = False
        what = ("ADDED" if "added" in changed else
                "SAVED - " + (", ".join(c.replace("_", " ").upper() for c in changed) or "NO CHANGES"))
        self.list_read(rows, f"{self.record_name} {code} {what}")
        self.clear_record()
        self.field("code").focus()

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case RowsRead(rows, note, code):
                self.list_read(rows, note, code)
            case RecordSaved(code, changed, rows):
                self.saved(code, changed, rows)


__all__ = ["NOT_ADMINISTRATOR", "STALE", "YN_CHARS", "YN_REFUSAL", "MaintenanceScreen", "RecordSaved", "RowsRead",
           "TableMaintenanceScreen", "yes_no"]
