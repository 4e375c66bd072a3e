"""EDIT USER ACCESS FILE (menu line USERACC, administrators): an employee's User Access record — Access Claim,
Restrict EDITCLOS, administrator, first screen — unlocking a locked code, resetting a password, and adding an employee.

    OPTION: ______________ EDIT USER ACCESS FILE
     1 Employee Code ______  NOT LOCKED
     2 Name ______________________________  3 Location ______
     4 Access Claim ____ (EDIT/VIEW/NONE)   5 Restrict EDITCLOS _
     6 Administrator _                      7 First Screen ______ (DMGENT/MENU)
     8 Unlock Code _                        9 New Password ______________________________
      CODE   NAME               LOC    CLAIM RESTR ADMIN FIRST  LOCKED

Type an employee code in field 1 and Enter: one on file comes up to change (remembered as read, for the optimistic
locking), a new code is added by F1 (name, location and password needed). F1 saves through `services.users`, which
checks every value and audits each change (program USERS); a new password is saved in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from carsplus_tui.services.maintenance import MaintenanceError, StaleRecordError
from carsplus_tui.services.passwords import WeakPasswordError, check_new_password
from carsplus_tui.services.users import UserRow, add_user, list_users, update_user
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.screens.maintenance_form import MaintenanceScreen, yes_no
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

TITLE = "EDIT USER ACCESS FILE"
PAGE_SIZE = 8
YN_CHARS, YN_REFUSAL = r"[YNyn]?", "ENTER Y OR N"
CLAIMS = {"EDIT": "edit", "VIEW": "view", "NONE": "none", "E": "edit", "V": "view", "N": "none"}
NUMBERS = {"1": "code", "2": "name", "3": "location", "4": "access_claim", "5": "restrict_editclos",
           "6": "administrator", "7": "first_screen", "8": "unlock", "9": "password"}
HELP = {
    "code": "THE EMPLOYEE CODE (1 TO 6 LETTERS OR DIGITS) THEY SIGN ON WITH. ONE ON FILE COMES UP TO CHANGE; A NEW "
            "CODE IS ADDED BY F1 WITH ITS NAME, LOCATION AND PASSWORD.",
    "name": "THE EMPLOYEE'S NAME (UP TO 30 CHARACTERS).",
    "location": "THE EMPLOYEE'S LOCATION CODE (LOCATIONS, MENU LINE 14).",
    "access_claim": "\"THE 'ACCESS CLAIM' FIELD IN THE USER'S RECORD IN THE USER ACCESS FILE CONTROLS ACCESS TO PAGE 2\" "
                    "(AND THE DMS ACTIVITY WINDOW): EDIT = SEE AND EDIT, VIEW = SEE ONLY, NONE = NO ACCESS.",
    "restrict_editclos": "\"IF THIS FIELD IS SET PROPERLY, CREATING OR EDITING DAMAGE RECORDS ON POSTED RAS WILL NOT BE "
                         "ALLOWED.\" Y RESTRICTS.",
    "administrator": "Y: MAY CHANGE THE CONTROL RECORD, THE CODE TABLES AND THIS FILE (MENU LINES 10-15 AND THE "
                     "CHANGING CARSPLUS COMMANDS). THE LAST ADMINISTRATOR CANNOT BE TAKEN OFF.",
    "first_screen": "THE FIRST SCREEN AFTER SIGN-ON: DMGENT (DAMAGE REPORT ENTRY, THE COUNTER'S DEFAULT) OR MENU "
                    "(THE DAMAGE TRACKING SUBMENU).",
    "unlock": "Y UNLOCKS A CODE LOCKED BY FIVE WRONG PASSWORDS IN A ROW (AND CLEARS THE COUNT).",
    "password": "A NEW PASSWORD (AT LEAST 8 CHARACTERS) RESETS THE EMPLOYEE'S PASSWORD AND UNLOCKS THE CODE; BLANK "
                "LEAVES IT AS IT IS. NEEDED FOR A NEW EMPLOYEE.",
    "option": "TYPE A FIELD NUMBER AT OPTION TO GO TO IT; F1 SAVES, F3 READS AGAIN, F8/MORE AND BACK PAGE THE LIST, "
              "ESC LEAVES",
}


def check(path: str, typed: str) -> tuple[str, str | None]:
    """A field's value as kept, and what is wrong with it (None when nothing)."""
    if path == "password":
        if typed:
            try:
                check_new_password(typed)
            except WeakPasswordError as exc:
                return typed, f"9 NEW PASSWORD: {exc}"
        return typed, None
    value = " ".join(typed.upper().split())
    if path == "name" and not value:
        return value, "2 NAME: THE EMPLOYEE'S NAME MAY NOT BE EMPTY"
    if path == "location" and not value:
        return value, "3 LOCATION: TYPE THE EMPLOYEE'S LOCATION CODE"
    if path == "access_claim":
        return (CLAIMS[value].upper(), None) if value in CLAIMS else (value, "4 ACCESS CLAIM: EDIT, VIEW OR NONE")
    if path in ("restrict_editclos", "administrator", "unlock") and value not in ("Y", "N"):
        return value, "ENTER Y OR N"
    if path == "first_screen" and value not in ("DMGENT", "MENU"):
        return value, "7 FIRST SCREEN: DMGENT OR MENU"
    return value, None


def row_text(row: UserRow) -> str:
    return (f"  {row.code:<6} {row.name[:20]:<20} {row.location:<6} {row.access_claim.upper():<5} "
            f"{yes_no(row.restrict_editclos):<5} {yes_no(row.administrator):<5} {row.first_screen:<6} "
            f"{'LOCKED' if row.locked else ''}")[:78]


HEADER = f"  {'CODE':<6} {'NAME':<20} {'LOC':<6} {'CLAIM':<5} {'RESTR':<5} {'ADMIN':<5} {'FIRST':<6} LOCKED"



@dataclass(frozen=True)
class UsersRead:
    """The User Access File as read; `code`, when given, is the employee shown again as on file now."""

    rows: list[UserRow]
    note: str
    code: str = ""


@dataclass(frozen=True)
class UserSaved:
    code: str
    changed: list[str]
    rows: list[UserRow]


class UserAccessScreen(MaintenanceScreen):
    """EDIT USER ACCESS FILE."""

    BINDINGS = [*MaintenanceScreen.BINDINGS, *keys.bindings(keys.CODE_TABLE_KEYS)]
    OPTION_WORDS = keys.CODE_TABLE_COMMANDS
    AUTO_FOCUS = "#user-code"

    def __init__(self, employee: Any) -> None:  # noqa: ANN401 - a SignedOn
        super().__init__(employee)
        self.rows: list[UserRow] = []
        self.first = 0
        self.current: UserRow | None = None  # the employee on the screen as read (None: a new one)
        self.stale = False

    def compose(self) -> ComposeResult:
        def label(text: str, width: int) -> Label:
            return Label(text, width=width, classes="label")

        with Vertical(id="user-access"):
            yield Horizontal(label("OPTION:", 8), Field("option", 14, id="option"), Label(f" {TITLE}", classes="title"),
                             classes="row")
            yield Label("")
            yield Horizontal(label(" 1 Employee Code", 17),
                             Field("code", 6, id="user-code", restrict=r"[0-9A-Za-z]*", refusal="LETTERS OR DIGITS"),
                             Label("", id="user-locked", classes="display"), classes="row")
            yield Horizontal(label(" 2 Name", 8), Field("name", 30, id="user-name"),
                             label("  3 Location", 13), Field("location", 6, id="user-location"), classes="row")
            yield Horizontal(label(" 4 Access Claim", 16),
                             Field("access_claim", 4, id="user-access_claim", restrict=r"[A-Za-z]*",
                                   refusal="EDIT, VIEW OR NONE"),
                             label(" (EDIT/VIEW/NONE)", 18), label(" 5 Restrict EDITCLOS", 21),
                             Field("restrict_editclos", 1, id="user-restrict_editclos", restrict=YN_CHARS,
                                   refusal=YN_REFUSAL), classes="row")
            yield Horizontal(label(" 6 Administrator", 17), Field("administrator", 1, id="user-administrator", restrict=YN_CHARS,
                                   refusal=YN_REFUSAL),
                             label("", 19), label(" 7 First Screen", 16),
                             Field("first_screen", 6, id="user-first_screen", restrict=r"[A-Za-z]*",
                                   refusal="DMGENT OR MENU"), classes="row")
            yield Horizontal(label(" 8 Unlock Code", 15), Field("unlock", 1, id="user-unlock", restrict=YN_CHARS,
                                   refusal=YN_REFUSAL),
                             label("", 21), label(" 9 New Password", 16),
                             Field("password", 30, id="user-password", upper=False, password=True), classes="row")
            yield Label("", id="maint-help", classes="maint-help")
            yield Static(HEADER, classes="label", markup=False)
            yield Static("", id="user-list", classes="user-list")
            yield Static("", id="user-more", classes="label", markup=False)
        yield MessageLine()
        yield Label(keys.legend(keys.CODE_TABLE_KEYS, self.missing_keys), id="legend")

    def field(self, path: str) -> Field:
        return self.query_one(f"#user-{path}", Field)

    def on_mount(self) -> None:
        if self.refuse_if_not_administrator():
            self.query_one("#option", Field).focus()
            return
        self.clear_record()
        self.field("code").focus()
        self.read_list("")

    # -- the list ------------------------------------------------------------------------------------------------
    @db_work(group="users-read", again="F3")
    def read_list(self, note: str, code: str = "") -> UsersRead:
        return UsersRead(list_users(self.db), note, code)

    def list_read(self, rows: list[UserRow], note: str, code: str = "") -> None:
        self.rows = rows
        self.first = min(self.first, max(0, len(rows) - 1))
        self.show_list()
        self.message(note or "TYPE AN EMPLOYEE CODE AND ENTER: ON FILE TO CHANGE, NEW TO ADD")
        if code:
            self.show_record(next((r for r in rows if r.code == code), None), code)

    def show_list(self) -> None:
        shown = self.rows[self.first:self.first + PAGE_SIZE]
        text = Text(no_wrap=True, overflow="crop")
        text.append("\n".join(row_text(row) for row in shown))
        self.query_one("#user-list", Static).update(text)
        last = self.first + len(shown)
        more = f"LINES {self.first + 1}-{last} OF {len(self.rows)}" if self.rows else "NO EMPLOYEES ON FILE"
        if self.rows:
            more += "  F8=MORE" if last < len(self.rows) else "  END OF LIST"
        self.query_one("#user-more", Static).update(more)

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
            field.value = ""
            field.disabled = field.path != "code"
        self.query_one("#user-locked", Label).update("")

    def show_record(self, row: UserRow | None, code: str) -> None:
        self.current = row
        self.stale = False
        for field in self.fields:
            field.disabled = False
        values = {
            "code": code,
            "name": row.name if row else "",
            "location": row.location if row else self.employee.location,
            "access_claim": row.access_claim.upper() if row else "NONE",
            "restrict_editclos": yes_no(row.restrict_editclos) if row else "N",
            "administrator": yes_no(row.administrator) if row else "N",
            "first_screen": row.first_screen if row else "DMGENT",
            "unlock": "N",
            "password": "",
        }
        for path, value in values.items():
            self.field(path).value = value
        self.field("unlock").disabled = row is None
        locked = "NEW EMPLOYEE" if row is None else ("LOCKED (5 WRONG PASSWORDS)" if row.locked else "NOT LOCKED")
        self.query_one("#user-locked", Label).update(f"  {locked}")

    def leave_field(self, field: Field) -> None:
        path = field.path
        if path == "code":
            value = " ".join(field.value.upper().split())
            if not value:
                self.message("TYPE AN EMPLOYEE CODE")
                field.focus()
                return
            row = next((r for r in self.rows if r.code == value), None)
            self.show_record(row, value)
            self.message(f"{value} IS A NEW EMPLOYEE - NAME, LOCATION AND PASSWORD, THEN F1 TO ADD" if row is None
                         else f"{value} {row.name} - CHANGE THE RECORD, THEN F1 TO SAVE")
            self.move_from(field)
            return
        value, problem = check(path, field.value)
        if problem:
            self.message(problem)
            field.focus()
            return
        if path != "password":
            field.value = value
        self.message("")
        self.move_from(field)

    def action_field_help(self) -> None:
        focused = self.focused
        path = focused.path if isinstance(focused, Field) and focused.id != "option" else "option"
        self.explain(HELP.get(path, ""))

    def run_option(self, text: str) -> None:
        if not text or self.run_common(text):
            return
        path = NUMBERS.get(text)
        if path is not None and self.administrator:
            target = self.field(path)
            if target.disabled:
                self.message(f"FIELD {text} OPENS ONCE AN EMPLOYEE CODE IS TYPED IN FIELD 1")
            else:
                target.focus()
            return
        self.message(f"{text} IS NOT AN OPTION - A FIELD NUMBER, SAVE, READ, MORE, BACK, HELP OR EXIT")

    def action_reload(self) -> None:
        if self.refuse_if_not_administrator():
            return
        code = "" if self.field("name").disabled else self.field("code").value.strip().upper()
        self.read_list("READ AGAIN", code)

    # -- F1 ------------------------------------------------------------------------------------------------------
    def typed(self) -> dict[str, Any] | None:
        """The record as typed, each field checked (the first bad one gets the cursor and the message)."""
        values: dict[str, Any] = {}
        for path in ("name", "location", "access_claim", "restrict_editclos", "administrator", "first_screen",
                     "unlock", "password"):
            field = self.field(path)
            value, problem = check(path, field.value if not field.disabled else "N")
            if problem:
                self.message(problem)
                field.focus()
                return None
            values[path] = value
        for path in ("restrict_editclos", "administrator", "unlock"):
            values[path] = values[path] == "Y"
        values["access_claim"] = values["access_claim"].lower()
        return values

    def action_save(self) -> None:
        if self.refuse_if_not_administrator() or self.busy:
            return
        code = self.field("code").value.strip().upper()
        if not code or self.field("name").disabled:
            self.message("TYPE AN EMPLOYEE CODE IN FIELD 1 AND ENTER FIRST")
            self.field("code").focus()
            return
        if self.stale:
            self.message("CHANGED ON ANOTHER TERMINAL - F3 TO READ IT AGAIN, THEN RETYPE")
            return
        self.message("")
        values = self.typed()
        if values is None:
            return
        if self.current is None and not values["password"]:
            self.message("9 NEW PASSWORD: A NEW EMPLOYEE NEEDS A PASSWORD (AT LEAST 8 CHARACTERS)")
            self.field("password").focus()
            return
        self.busy = True
        self.message("SAVING ...")
        self.save(code, values, self.current, self.employee.code)

    @db_work(group="users-save", again="F1")
    def save(self, code: str, values: dict[str, Any], current: UserRow | None,
             by: str) -> UserSaved | MaintenanceError:
        try:
            if current is None:
                add_user(self.db, code, name=values["name"], location=values["location"],
                         password=values["password"], access_claim=values["access_claim"],
                         restrict_editclos=values["restrict_editclos"], administrator=values["administrator"],
                         first_screen=values["first_screen"], by=by)
                changed = ["added"]
            else:
                changed = update_user(self.db, code, by=by, name=values["name"], location=values["location"],
                                      access_claim=values["access_claim"],
                                      restrict_editclos=values["restrict_editclos"],
                                      administrator=values["administrator"], first_screen=values["first_screen"],
                                      unlock=values["unlock"], password=values["password"] or None,
                                      expected=current)  # one transaction: all of it saved, or nothing
        except MaintenanceError as exc:
            return exc
        return UserSaved(code, changed, list_users(self.db))

    def saved(self, code: str, changed: list[str], rows: list[UserRow]) -> None:
        self.busy = False
        what = ("ADDED" if "added" in changed else
                "SAVED - " + (", ".join(c.replace("_", " ").upper() for c in changed) or "NO CHANGES"))
        self.list_read(rows, f"EMPLOYEE {code} {what}")
        self.clear_record()
        self.field("code").focus()

    def refused(self, exc: MaintenanceError) -> None:
        self.busy = False
        if isinstance(exc, StaleRecordError):
            self.stale = True
            self.message("CHANGED ON ANOTHER TERMINAL - NOTHING SAVED - F3 TO READ IT AGAIN, THEN RETYPE")
            return
        self.message(str(exc))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case UsersRead(rows, note, code):
                self.list_read(rows, note, code)
            case UserSaved(code, changed, rows):
                self.saved(code, changed, rows)
            case MaintenanceError() as refusal:
                self.refused(refusal)

    def on_database_failed(self, event: Any) -> None:  # noqa: ANN401
        self.busy = False
        super().on_database_failed(event)

    def action_delete(self) -> None:
        self.message("EMPLOYEES ARE NOT DELETED (THEIR NAME IS ON NOTES AND AUDIT ENTRIES) - TAKE THEIR ACCESS AWAY")


__all__ = ["UserAccessScreen"]
