"""What the four code-table programs share (EDIT DAMAGE CODES, VEHICLE HISTORY SERVICE CODES, CLAIM CATEGORY CODES,
LOCATIONS; one module each beside this one): a code and its record at the top, the table below.

    OPTION: ______________ EDIT DAMAGE CODES
     1 Code _    2 Description ____________________  3 Retired N
     (service codes)  4 Show on Damage Entry Y  5 Model Codes ____________________________
      CODE   DESCRIPTION                     RETIRED  MODELS
      B      BROKEN
      ...

Type a code in field 1 and Enter: one on file comes up to change (the screen remembers it as read, for the optimistic
locking), a new one is added by F1. Retired Y takes a code out of the Shift+F7 look-ups and new entries while the
reports that hold it keep it; F9 deletes a code no record uses (one in use is refused, naming where). Every change is
audited by `services.code_tables` (program = the table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from carsplus_tui.services.code_tables import (
    CodeRow,
    Table,
    add_code,
    delete_code,
    list_codes,
    table,
    update_code,
)
from carsplus_tui.services.maintenance import MaintenanceError, StaleRecordError
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.screens.maintenance_form import MaintenanceScreen, yes_no
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

PAGE_SIZE = 11
YN_CHARS, YN_REFUSAL = r"[YNyn]?", "ENTER Y OR N"


@dataclass(frozen=True)
class CodesRead:
    """The table as read; `code` (F3 READ) is the code on the screen, shown again as on file now."""

    rows: list[CodeRow]
    note: str
    code: str = ""


@dataclass(frozen=True)
class CodeSaved:
    code: str
    changed: list[str]
    rows: list[CodeRow]


@dataclass(frozen=True)
class CodeDeleted:
    code: str
    rows: list[CodeRow]


class CodeTableScreen(MaintenanceScreen):
    """One code table. Subclasses set TABLE (as `carsplus codes`), TITLE, CODE_LABEL and FIELD_HELP (the manual's words
    per field)."""

    BINDINGS = [*MaintenanceScreen.BINDINGS, *keys.bindings(keys.CODE_TABLE_KEYS)]
    OPTION_WORDS = keys.CODE_TABLE_COMMANDS
    AUTO_FOCUS = "#code-code"
    TABLE: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    CODE_LABEL: ClassVar[str] = "Code"
    FIELD_HELP: ClassVar[dict[str, str]] = {}
    # A program whose rows are not one of `carsplus codes`' tables (the vehicle class daily rates) gives its own
    # SPEC, labels, and overrides fetch_rows / store / remove_row; HAS_RETIRED False drops field 3 Retired.
    SPEC: ClassVar[Table | None] = None
    DESCRIPTION_LABEL: ClassVar[str] = "Description"
    HAS_RETIRED: ClassVar[bool] = True
    LIST_HEADINGS: ClassVar[tuple[str, str]] = ("CODE", "DESCRIPTION")

    def __init__(self, employee: Any) -> None:  # noqa: ANN401 - a SignedOn
        super().__init__(employee)
        self.spec = self.SPEC or table(self.TABLE)
        self.rows: list[CodeRow] = []
        self.first = 0
        self.current: CodeRow | None = None  # the code on the screen as read (None: a new code)
        self.stale = False

    @property
    def service_codes(self) -> bool:
        return self.TABLE == "service-codes"

    # -- layout --------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="code-table"):
            yield Horizontal(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                             Label(f" {self.TITLE}", classes="title"), classes="row")
            yield Label("")
            yield Horizontal(
                Label(f" 1 {self.CODE_LABEL}", width=len(self.CODE_LABEL) + 4, classes="label"),
                Field("code", self.spec.width, id="code-code", restrict=r"[0-9A-Za-z]*",
                      refusal="LETTERS OR DIGITS"),
                Label(f"  2 {self.DESCRIPTION_LABEL}", width=len(self.DESCRIPTION_LABEL) + 5, classes="label"),
                Field("description", self.spec.description_width, id="code-description"),
                *((Label(" 3 Retired", width=11, classes="label"),
                   Field("retired", 1, id="code-retired", restrict=YN_CHARS, refusal=YN_REFUSAL))
                  if self.HAS_RETIRED else ()), classes="row")
            if self.service_codes:
                yield Horizontal(
                    Label(" 4 Show on Damage Entry", width=24, classes="label"),
                    Field("show_on_damage_entry", 1, id="code-show", restrict=YN_CHARS, refusal=YN_REFUSAL),
                    Label("  5 Model Codes", width=16, classes="label"),
                    Field("model_codes", 34, id="code-models", restrict=r"[0-9A-Za-z ]*",
                          refusal="MODEL CODES, SEPARATED BY SPACES"), classes="row")
            yield Label("", id="maint-help", classes="maint-help")
            yield Static(self.header(), classes="label", markup=False)
            yield Static("", id="code-list", classes="code-list")
            yield Static("", id="code-more", classes="label", markup=False)
        yield MessageLine()
        yield Label(keys.legend(keys.CODE_TABLE_KEYS, self.missing_keys), id="legend")

    def header(self) -> str:
        width = self.spec.width + 2
        code, description = self.LIST_HEADINGS
        line = f"  {code:<{width}} {description:<{self.spec.description_width}}"
        line += " RETIRED" if self.HAS_RETIRED else ""
        return line + ("  ON ENTRY  MODEL CODES" if self.service_codes else "")

    def row_text(self, row: CodeRow) -> str:
        width = self.spec.width + 2
        line = f"  {row.code:<{width}} {row.description:<{self.spec.description_width}}"
        line += f" {'RETIRED' if row.retired else '':<7}" if self.HAS_RETIRED else ""
        if self.service_codes:
            line += f"  {yes_no(row.show_on_damage_entry):<8}  {' '.join(row.model_codes) or 'ALL'}"
        return line[:78]

    @property
    def fields(self) -> list[Field]:
        return [f for f in self.query(Field) if f.id != "option"]

    def field(self, path: str) -> Field:
        return next(f for f in self.fields if f.path == path)

    def on_mount(self) -> None:
        if self.refuse_if_not_administrator():
            self.query_one("#option", Field).focus()
            return
        self.clear_record()
        self.field("code").focus()
        self.refresh_list()

    # -- the list ------------------------------------------------------------------------------------------------
    def refresh_list(self, note: str = "") -> None:
        self.read_list(note)

    @db_work(group="codes-read", again="F3")
    def read_list(self, note: str) -> CodesRead:
        return CodesRead(self.fetch_rows(), note)

    def fetch_rows(self) -> list[CodeRow]:
        """The table's rows (in the db_work thread)."""
        return list_codes(self.db, self.TABLE)

    def list_read(self, rows: list[CodeRow], note: str) -> None:
        self.rows = rows
        self.first = min(self.first, max(0, len(rows) - 1))
        self.show_list()
        self.message(note or f"TYPE A {self.CODE_LABEL.upper()} AND ENTER: ON FILE TO CHANGE, NEW TO ADD")

    def show_list(self) -> None:
        shown = self.rows[self.first:self.first + PAGE_SIZE]
        text = Text(no_wrap=True, overflow="crop")
        text.append("\n".join(self.row_text(row) for row in shown))
        self.query_one("#code-list", Static).update(text)
        if self.rows:
            last = self.first + len(shown)
            more = f"LINES {self.first + 1}-{last} OF {len(self.rows)}"
            more += "  F8=MORE" if last < len(self.rows) else "  END OF LIST"
        else:
            more = "NO CODES ON FILE"
        self.query_one("#code-more", Static).update(more)

    def action_next_page(self) -> None:
        if self.first + PAGE_SIZE >= len(self.rows):
            self.message("END OF LIST")
            return
        self.first += PAGE_SIZE
        self.show_list()

    def action_previous_page(self) -> None:
        if not self.first:
            self.message("TOP OF LIST")
            return
        self.first = max(0, self.first - PAGE_SIZE)
        self.show_list()

    # -- the record ----------------------------------------------------------------------------------------------
    def clear_record(self) -> None:
        self.current = None
        self.stale = False
        for field in self.fields:
            if field.path != "code":
                field.value = ""
                field.disabled = True
        self.field("code").value = ""

    def show_record(self, row: CodeRow | None, code: str) -> None:
        self.current = row
        self.stale = False
        for field in self.fields:
            field.disabled = False
        self.field("code").value = code
        self.field("description").value = row.description if row else ""
        if self.HAS_RETIRED:
            self.field("retired").value = yes_no(row.retired) if row else "N"
        if self.service_codes:
            self.field("show_on_damage_entry").value = yes_no(row.show_on_damage_entry) if row else "Y"
            self.field("model_codes").value = " ".join(row.model_codes) if row else ""

    def leave_field(self, field: Field) -> None:
        value = " ".join(field.value.upper().split())
        if field.path == "code":
            if not value:
                self.message(f"TYPE A {self.CODE_LABEL.upper()}")
                field.focus()
                return
            row = next((r for r in self.rows if r.code == value), None)
            self.show_record(row, value)
            if row is None:
                self.message(f"{value} IS A NEW {self.CODE_LABEL.upper()} - TYPE ITS DESCRIPTION, THEN F1 TO ADD")
            else:
                self.message(f"{value} {'(RETIRED) ' if row.retired else ''}- CHANGE IT, THEN F1 TO SAVE; "
                             "F9 DELETES IT")
            self.move_from(field)
            return
        if field.path == "description" and not value:
            self.message(f"THE {self.DESCRIPTION_LABEL.upper()} MAY NOT BE BLANK")
            field.focus()
            return
        if field.path == "description" and len(value) > self.spec.description_width:
            self.message(f"THE {self.DESCRIPTION_LABEL.upper()} IS AT MOST {self.spec.description_width} CHARACTERS")
            field.focus()
            return
        if field.path in ("retired", "show_on_damage_entry") and value not in ("Y", "N"):
            self.message("ENTER Y OR N")
            field.focus()
            return
        field.value = value
        self.message("")
        self.move_from(field)

    def action_field_help(self) -> None:
        focused = self.focused
        path = focused.path if isinstance(focused, Field) and focused.id != "option" else "option"
        self.explain(self.FIELD_HELP.get(path) or COMMON_HELP.get(path, ""))

    def run_option(self, text: str) -> None:
        if not text or self.run_common(text):
            return
        numbers = {"1": "code", "2": "description", "3": "retired", "4": "show_on_damage_entry", "5": "model_codes"}
        path = numbers.get(text)
        if path is not None and (self.service_codes or text in ("123" if self.HAS_RETIRED else "12")) and self.administrator:
            target = self.field(path)
            if target.disabled:
                self.message(f"FIELD {text} OPENS ONCE A {self.CODE_LABEL.upper()} IS TYPED IN FIELD 1")
            else:
                target.focus()
            return
        self.message(f"{text} IS NOT AN OPTION - A FIELD NUMBER, SAVE, READ, DELETE, MORE, BACK, HELP OR EXIT")

    def action_reload(self) -> None:
        """F3 (READ): the list and the code on the screen as on file now."""
        if self.refuse_if_not_administrator():
            return
        code = self.field("code").value.strip().upper()
        self.read_again(code)

    @db_work(group="codes-read", again="F3")
    def read_again(self, code: str) -> CodesRead:
        return CodesRead(self.fetch_rows(), "READ AGAIN", code)

    def read_back(self, rows: list[CodeRow], note: str, code: str) -> None:
        self.list_read(rows, note)
        if code:
            self.show_record(next((r for r in rows if r.code == code), None), code)

    # -- F1 and F9 -----------------------------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.refuse_if_not_administrator() or self.busy:
            return
        code = self.field("code").value.strip().upper()
        if not code or self.field("description").disabled:
            self.message(f"TYPE A {self.CODE_LABEL.upper()} IN FIELD 1 AND ENTER FIRST")
            self.field("code").focus()
            return
        if self.stale:
            self.message("CHANGED ON ANOTHER TERMINAL - F3 TO READ IT AGAIN, THEN RETYPE")
            return
        values: dict[str, Any] = {
            "description": " ".join(self.field("description").value.upper().split()),
            "retired": self.field("retired").value.strip().upper() if self.HAS_RETIRED else "N",
        }
        if self.service_codes:
            values["show_on_damage_entry"] = self.field("show_on_damage_entry").value.strip().upper()
            values["model_codes"] = self.field("model_codes").value.upper().split()
        for path in ("retired", "show_on_damage_entry"):
            if path in values and values[path] not in ("Y", "N"):
                self.message("ENTER Y OR N")
                self.field(path).focus()
                return
        self.busy = True
        self.message("SAVING ...")
        self.save(code, values, self.current, self.employee.code)

    @db_work(group="codes-save", again="F1")
    def save(self, code: str, values: dict[str, Any], current: CodeRow | None,
             by: str) -> CodeSaved | MaintenanceError:
        try:
            changed = self.store(code, values, current, by)
        except MaintenanceError as exc:
            return exc
        return CodeSaved(code, changed, self.fetch_rows())

    def store(self, code: str, values: dict[str, Any], current: CodeRow | None, by: str) -> list[str]:
        """F1's change (in the db_work thread): what changed, "added" for a new code; MaintenanceError refuses."""
        extra: dict[str, Any] = {}
        if self.service_codes:
            extra = {"show_on_damage_entry": values["show_on_damage_entry"] == "Y",
                     "model_codes": values["model_codes"]}
        if current is None:
            add_code(self.db, self.TABLE, code, values["description"], by=by, **extra)
            changed = ["added"]
            if values["retired"] == "Y":
                changed += update_code(self.db, self.TABLE, code, by=by, retired=True)
            return changed
        return update_code(self.db, self.TABLE, code, by=by, description=values["description"],
                           retired=values["retired"] == "Y", expected=current, **extra)

    def saved(self, code: str, changed: list[str], rows: list[CodeRow]) -> None:
        self.busy = False
        what = ("ADDED" if "added" in changed else
                "SAVED - " + (", ".join(c.replace("_", " ").upper() for c in changed) or "NO CHANGES"))
        self.list_read(rows, f"{self.CODE_LABEL.upper()} {code} {what}")
        self.clear_record()
        self.field("code").focus()

    def refused(self, exc: MaintenanceError) -> None:
        self.busy = False
        if isinstance(exc, StaleRecordError):
            self.stale = True
            self.message("CHANGED ON ANOTHER TERMINAL - NOTHING SAVED - F3 TO READ IT AGAIN, THEN RETYPE")
            return
        self.message(str(exc))

    def action_delete(self) -> None:
        """F9 (DELETE): a code no record uses; one in use is refused, naming where (retire it instead)."""
        if self.refuse_if_not_administrator() or self.busy:
            return
        code = self.field("code").value.strip().upper()
        if not code or self.current is None:
            self.message(f"TYPE A {self.CODE_LABEL.upper()} ON FILE IN FIELD 1 AND ENTER FIRST")
            return
        from carsplus_tui.tui.modals.prompt import YesNoPrompt

        def answered(yes: bool | None) -> None:
            if yes:
                self.busy = True
                self.message("DELETING ...")
                self.delete(code, self.employee.code)

        self.app.push_screen(YesNoPrompt(f"DELETE {self.CODE_LABEL} {code}?"), answered)

    @db_work(group="codes-save", again="F9")
    def delete(self, code: str, by: str) -> CodeDeleted | MaintenanceError:
        try:
            self.remove_row(code, by)
        except MaintenanceError as exc:
            return exc
        return CodeDeleted(code, self.fetch_rows())

    def remove_row(self, code: str, by: str) -> None:
        """F9's delete (in the db_work thread); MaintenanceError refuses."""
        delete_code(self.db, self.TABLE, code, by=by)

    def deleted(self, code: str, rows: list[CodeRow]) -> None:
        self.busy = False
        self.list_read(rows, f"{self.CODE_LABEL.upper()} {code} DELETED")
        self.clear_record()
        self.field("code").focus()

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case CodesRead(rows, note, code):
                self.read_back(rows, note, code)
            case CodeSaved(code, changed, rows):
                self.saved(code, changed, rows)
            case CodeDeleted(code, rows):
                self.deleted(code, rows)
            case MaintenanceError() as refusal:
                self.refused(refusal)

    def on_database_failed(self, event: Any) -> None:  # noqa: ANN401
        self.busy = False
        super().on_database_failed(event)


COMMON_HELP = {
    "option": "TYPE A FIELD NUMBER AT OPTION TO GO TO IT; F1 SAVES, F3 READS AGAIN, F9 DELETES A CODE NO RECORD "
              "USES, PGDN/PGUP PAGE THE LIST, ESC LEAVES",
    "retired": "RETIRED Y: THE CODE NO LONGER APPEARS IN THE SHIFT+F7 LOOK-UPS AND IS REFUSED ON NEW ENTRIES; THE "
               "REPORTS THAT HOLD IT KEEP IT. N BRINGS IT BACK.",
    "description": "WHAT THE LOOK-UPS AND THE SCREENS SHOW FOR THE CODE.",
}

__all__ = ["CodeTableScreen"]
