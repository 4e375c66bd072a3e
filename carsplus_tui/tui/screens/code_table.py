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
from typing import TYPE_CHECKING, Any, ClassVar

from textual.containers import Horizontal

from carsplus_tui.services.code_tables import (
    CodeRow,
    Table,
    add_code,
    delete_code,
    list_codes,
    table,
    update_code,
)
from carsplus_tui.services.maintenance import MaintenanceError
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.screens.maintenance_form import YN_CHARS, YN_REFUSAL, TableMaintenanceScreen, yes_no
from carsplus_tui.tui.widgets.field import Field, Label

if TYPE_CHECKING:
    from textual.app import ComposeResult

NUMBERS = {"1": "code", "2": "description", "3": "retired", "4": "show_on_damage_entry", "5": "model_codes"}


@dataclass(frozen=True)
class CodeDeleted:
    code: str
    rows: list[CodeRow]


class CodeTableScreen(TableMaintenanceScreen[CodeRow]):
    """One code table. Subclasses set TABLE (as `carsplus codes`), TITLE, CODE_LABEL and FIELD_HELP (the manual's words
    per field)."""

    AUTO_FOCUS = "#code-code"
    ID = "code"
    FORM_ID = "code-table"
    NONE_ON_FILE = "NO CODES ON FILE"
    OPTIONS = "SAVE, READ, DELETE, MORE, BACK, HELP OR EXIT"
    TABLE: ClassVar[str] = ""
    TITLE: ClassVar[str] = ""
    CODE_LABEL: ClassVar[str] = "Code"
    # A program whose rows are not one of `carsplus codes`' tables (the vehicle class daily rates) gives its own
    # SPEC, labels, and overrides fetch_rows / store / remove_row; HAS_RETIRED False drops field 3 Retired.
    SPEC: ClassVar[Table | None] = None
    DESCRIPTION_LABEL: ClassVar[str] = "Description"
    HAS_RETIRED: ClassVar[bool] = True
    LIST_HEADINGS: ClassVar[tuple[str, str]] = ("CODE", "DESCRIPTION")

    def __init__(self, employee: Any) -> None:  # noqa: ANN401 - a SignedOn
        super().__init__(employee)
        self.spec = self.SPEC or table(self.TABLE)

    @property
    def service_codes(self) -> bool:
        return self.TABLE == "service-codes"

    @property
    def record_name(self) -> str:
        return self.CODE_LABEL.upper()

    @property
    def a_code(self) -> str:
        return f"A {self.CODE_LABEL.upper()}"

    # -- layout --------------------------------------------------------------------------------------------------
    def record_rows(self) -> ComposeResult:
        yield Horizontal(
            Label(f" 1 {self.CODE_LABEL}", width=len(self.CODE_LABEL) + 4, classes="label"),
            Field("code", self.spec.width, id="code-code", restrict=r"[0-9A-Za-z]*", refusal="LETTERS OR DIGITS"),
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

    def fetch_rows(self) -> list[CodeRow]:
        return list_codes(self.db, self.TABLE)

    # -- the record ----------------------------------------------------------------------------------------------
    def fill(self, row: CodeRow | None, code: str) -> None:
        self.field("code").value = code
        self.field("description").value = row.description if row else ""
        if self.HAS_RETIRED:
            self.field("retired").value = yes_no(row.retired) if row else "N"
        if self.service_codes:
            self.field("show_on_damage_entry").value = yes_no(row.show_on_damage_entry) if row else "Y"
            self.field("model_codes").value = " ".join(row.model_codes) if row else ""

    def entered_line(self, code: str, row: CodeRow | None) -> str:
        if row is None:
            return f"{code} IS A NEW {self.record_name} - TYPE ITS DESCRIPTION, THEN F1 TO ADD"
        return f"{code} {'(RETIRED) ' if row.retired else ''}- CHANGE IT, THEN F1 TO SAVE; F9 DELETES IT"

    def check(self, path: str, typed: str) -> tuple[str, str | None]:
        value = " ".join(typed.upper().split())
        described = self.DESCRIPTION_LABEL.upper()
        if path == "description" and not value:
            return value, f"THE {described} MAY NOT BE BLANK"
        if path == "description" and len(value) > self.spec.description_width:
            return value, f"THE {described} IS AT MOST {self.spec.description_width} CHARACTERS"
        if path in ("retired", "show_on_damage_entry") and value not in ("Y", "N"):
            return value, "ENTER Y OR N"
        return value, None

    def help_for(self, path: str) -> str:
        return self.FIELD_HELP.get(path) or COMMON_HELP.get(path, "")

    def numbered(self, text: str) -> str | None:
        if self.service_codes or text in ("123" if self.HAS_RETIRED else "12"):
            return NUMBERS.get(text)
        return None

    # -- F1 and F9 -----------------------------------------------------------------------------------------------
    def typed(self) -> dict[str, Any] | None:
        values: dict[str, Any] = {
            "description": " ".join(self.field("description").value.upper().split()),
            "retired": self.field("retired").value.strip().upper() if self.HAS_RETIRED else "N",
        }
        if self.service_codes:
            values["show_on_damage_entry"] = self.field("show_on_damage_entry").value.strip().upper()
            values["model_codes"] = self.field("model_codes").value.upper().split()
        for path in ("retired", "show_on_damage_entry"):
            if path in values and values[path] not in ("Y", "N"):
                self.refuse("ENTER Y OR N", self.field(path))
                return None
        return values

    def store(self, code: str, values: dict[str, Any], current: CodeRow | None, by: str) -> list[str]:
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

    def action_delete(self) -> None:
        """F9 (DELETE): a code no record uses; one in use is refused, naming where (retire it instead)."""
        if self.refuse_if_not_administrator() or self.busy:
            return
        code = self.field("code").value.strip().upper()
        if not code or self.current is None:
            self.refuse(f"TYPE {self.a_code} ON FILE IN FIELD 1 AND ENTER FIRST")
            return
        from carsplus_tui.tui.modals.prompt import YesNoPrompt

        def answered(yes: bool | None) -> None:
            if yes:
                self.busy = True
                self.message("DELETING ...")
                self.delete(code, self.employee.code)

        self.app.push_screen(YesNoPrompt(f"DELETE {self.CODE_LABEL} {code}?"), answered)

    @db_work(group="maintenance-save", again="F9")
    def delete(self, code: str, by: str) -> CodeDeleted | MaintenanceError:
        try:
            self.remove_row(code, by)
        except MaintenanceError as exc:
            return exc
        return CodeDeleted(code, self.fetch_rows())

    def remove_row(self, code: str, by: str) -> None:
        """F9's delete (in the db_work thread); MaintenanceError refuses."""
        delete_code(self.db, self.TABLE, code, by=by)

    def on_database_done(self, event: DatabaseDone) -> None:
        # Read, saved and refused are the base's (Textual calls each class's handler); deleted is this one's.
        match event.result:
            case CodeDeleted(code, rows):
                self.busy = False
                self.list_read(rows, f"{self.record_name} {code} DELETED")
                self.clear_record()
                self.field("code").focus()


COMMON_HELP = {
    "option": "TYPE A FIELD NUMBER AT OPTION TO GO TO IT; F1 SAVES, F3 READS AGAIN, F9 DELETES A CODE NO RECORD "
              "USES, PGDN/PGUP PAGE THE LIST, ESC LEAVES",
    "retired": "RETIRED Y: THE CODE NO LONGER APPEARS IN THE SHIFT+F7 LOOK-UPS AND IS REFUSED ON NEW ENTRIES; THE "
               "REPORTS THAT HOLD IT KEEP IT. N BRINGS IT BACK.",
    "description": "WHAT THE LOOK-UPS AND THE SCREENS SHOW FOR THE CODE.",
}

__all__ = ["CodeTableScreen"]
