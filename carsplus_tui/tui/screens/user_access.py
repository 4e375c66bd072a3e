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

from typing import TYPE_CHECKING, Any

from textual.containers import Horizontal

from carsplus_tui.services.passwords import WeakPasswordError, check_new_password
from carsplus_tui.services.users import UserRow, add_user, list_users, update_user
from carsplus_tui.tui.screens.maintenance_form import YN_CHARS, YN_REFUSAL, TableMaintenanceScreen, yes_no
from carsplus_tui.tui.widgets.field import Field, Label

if TYPE_CHECKING:
    from textual.app import ComposeResult

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


class UserAccessScreen(TableMaintenanceScreen[UserRow]):
    """EDIT USER ACCESS FILE."""

    AUTO_FOCUS = "#user-code"
    TITLE = "EDIT USER ACCESS FILE"
    ID = "user"
    FORM_ID = "user-access"
    PAGE_SIZE = 8
    NONE_ON_FILE = "NO EMPLOYEES ON FILE"
    FIELD_HELP = HELP
    record_name = "EMPLOYEE"
    a_code = "AN EMPLOYEE CODE"

    def record_rows(self) -> ComposeResult:
        def label(text: str, width: int) -> Label:
            return Label(text, width=width, classes="label")

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
        yield Horizontal(label(" 6 Administrator", 17),
                         Field("administrator", 1, id="user-administrator", restrict=YN_CHARS, refusal=YN_REFUSAL),
                         label("", 19), label(" 7 First Screen", 16),
                         Field("first_screen", 6, id="user-first_screen", restrict=r"[A-Za-z]*",
                               refusal="DMGENT OR MENU"), classes="row")
        yield Horizontal(label(" 8 Unlock Code", 15),
                         Field("unlock", 1, id="user-unlock", restrict=YN_CHARS, refusal=YN_REFUSAL),
                         label("", 21), label(" 9 New Password", 16),
                         Field("password", 30, id="user-password", upper=False, password=True), classes="row")

    def header(self) -> str:
        return HEADER

    def row_text(self, row: UserRow) -> str:
        return row_text(row)

    def fetch_rows(self) -> list[UserRow]:
        return list_users(self.db)

    # -- the record ----------------------------------------------------------------------------------------------
    def clear_record(self) -> None:
        super().clear_record()
        self.query_one("#user-locked", Label).update("")

    def fill(self, row: UserRow | None, code: str) -> None:
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

    def entered_line(self, code: str, row: UserRow | None) -> str:
        if row is None:
            return f"{code} IS A NEW EMPLOYEE - NAME, LOCATION AND PASSWORD, THEN F1 TO ADD"
        return f"{code} {row.name} - CHANGE THE RECORD, THEN F1 TO SAVE"

    def check(self, path: str, typed: str) -> tuple[str, str | None]:
        return check(path, typed)

    def numbered(self, text: str) -> str | None:
        return NUMBERS.get(text)

    def code_read_again(self) -> str:
        return super().code_read_again() if self.record_shown() else ""

    # -- F1 ------------------------------------------------------------------------------------------------------
    def typed(self) -> dict[str, Any] | None:
        self.message("")
        values: dict[str, Any] = {}
        for path in ("name", "location", "access_claim", "restrict_editclos", "administrator", "first_screen",
                     "unlock", "password"):
            field = self.field(path)
            value, problem = check(path, field.value if not field.disabled else "N")
            if problem:
                self.refuse(problem, field)
                return None
            values[path] = value
        for path in ("restrict_editclos", "administrator", "unlock"):
            values[path] = values[path] == "Y"
        values["access_claim"] = values["access_claim"].lower()
        if self.current is None and not values["password"]:
            self.refuse("9 NEW PASSWORD: A NEW EMPLOYEE NEEDS A PASSWORD (AT LEAST 8 CHARACTERS)",
                        self.field("password"))
            return None
        return values

    def store(self, code: str, values: dict[str, Any], current: UserRow | None, by: str) -> list[str]:
        if current is None:
            add_user(self.db, code, name=values["name"], location=values["location"], password=values["password"],
                     access_claim=values["access_claim"], restrict_editclos=values["restrict_editclos"],
                     administrator=values["administrator"], first_screen=values["first_screen"], by=by)
            return ["added"]
        return update_user(self.db, code, by=by, name=values["name"], location=values["location"],
                           access_claim=values["access_claim"], restrict_editclos=values["restrict_editclos"],
                           administrator=values["administrator"], first_screen=values["first_screen"],
                           unlock=values["unlock"], password=values["password"] or None,
                           expected=current)  # one transaction: all of it saved, or nothing

    def action_delete(self) -> None:
        self.refuse("EMPLOYEES ARE NOT DELETED (THEIR NAME IS ON NOTES AND AUDIT ENTRIES) - TAKE THEIR ACCESS AWAY")


__all__ = ["UserAccessScreen"]
