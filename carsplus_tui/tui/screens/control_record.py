"""EDIT DAMAGE CONTROL RECORD (menu line DMGCTL, administrators): every switch of the Damage Control Record, the GVT
records DMGCVDN, DMGENT67 and BOOTRPT and the Misc Control Fields' damage option code, one numbered field each with
the manual's words as its label (`services.control_file.SWITCHES`, the same table `carsplus control` uses).

    OPTION: ______________ EDIT DAMAGE CONTROL RECORD
     1 AUSIE RULES ................................................ N
     2 WITNESS CUSTOMER TYPE ...................................... WIT
     ...

Enter checks a field and moves on; F7 says what the switch does; F1 saves what changed (each change one audit entry,
program CONTROL), refused with CHANGED ON ANOTHER TERMINAL when someone saved the record since it was read (F3 reads it
again). Page 1 reads the record at each sign-on and each new report, so no terminal needs a restart.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical

from carsplus_tui.services.control_file import SWITCHES, Switch, parse, read_control, set_control
from carsplus_tui.services.maintenance import MaintenanceError
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, db_work
from carsplus_tui.tui.screens.maintenance_form import STALE, MaintenanceScreen, yes_no
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

TITLE = "EDIT DAMAGE CONTROL RECORD"
LABEL_WIDTH = 62


# F7: the manual's own words about each switch (quoted), then what it does in this product (`Switch.help`).
MANUAL = {
    "ausie_rules": "\"IF THE 'AUSIE RULES' FLAG IS TURNED ON IN THE EDIT DAMAGE CONTROL RECORD THIS FIELD IS "
                   "REQUIRED\" (CUST PRESENT, RENTER DRIVING, DAMAGE TYPE).",
    "witness_customer_type": "\"CUSTOMER RECORDS ARE CREATED FOR WITNESSES ... THE CUSTOMER TYPE ASSIGNED TO THEM IS "
                             "SPECIFIED IN THE EDIT DAMAGE CONTROL RECORD.\"",
    "third_party_customer_type": "\"A CUSTOMER RECORD IS AUTOMATICALLY CREATED FOR THE THIRD PARTY ... THE CUSTOMER "
                                 "TYPE ASSIGNED IS SPECIFIED IN THE EDIT DAMAGE CONTROL RECORD.\"",
    "allow_charges_on_closed_ra": "\"IF THE RA IS CLOSED AND THE EDIT DAMAGE CONTROL RECORD ALLOWS DAMAGE CHARGES TO "
                                  "BE ADDED TO CLOSED RAS, IT WILL APPEAR AS AN UNPOSTED ADDITIONAL CHARGE.\"",
    "allow_refunds_on_ra": "\"IF THE EDIT DAMAGE CONTROL RECORD ALLOWS DAMAGE REFUNDS TO BE ADDED TO RAS, IT WILL "
                           "APPEAR AS AN UNPOSTED NEGATIVE CHARGE.\"",
    "damage_covered_default": "\"TO CHANGE THE DEFAULT FOR THIS FIELD TO 'N', ... HAVE GVT RECORD 'DMGCVDN' SET UP.\"",
    "require_present_and_third_party": "\"IF THE 'AUSIE RULES' FLAG IS NOT TURNED ON ..., THE 'CUST PRESENT' AND '3RD "
                                       "PARTY INVLD' FIELDS CAN BE CONFIGURED AS REQUIRED FIELDS\" (GVT DMGENT67).",
    "boot_report": "\"IF THE GVT 'BOOTRPT' IS IN PLACE RATHER THAN PRINTING THE VEHICLE ACCIDENT REPORT, THE PROGRAM "
                   "WILL PRINT THE BOOT REPORT - A LISTING OF ALL KNOWN UN-REPAIRED DAMAGES FOR THE VEHICLE.\"",
}


def shown(switch: Switch, value: Any) -> str:  # noqa: ANN401
    if switch.kind in ("flag", "yn"):
        return yes_no(value)
    return "" if value is None else str(value)



class ControlRead(NamedTuple):
    values: dict[str, Any]


class ControlSaved(NamedTuple):
    changed: list[str]
    values: dict[str, Any]


class ControlRecordScreen(MaintenanceScreen):
    """EDIT DAMAGE CONTROL RECORD."""

    BINDINGS = [*MaintenanceScreen.BINDINGS, *keys.bindings(keys.CONTROL_KEYS)]
    OPTION_WORDS = keys.CONTROL_COMMANDS
    AUTO_FOCUS = f"#ctl-{SWITCHES[0].key}"  # keys typed ahead land in field 1

    def __init__(self, employee: Any) -> None:  # noqa: ANN401 - a SignedOn
        super().__init__(employee)
        self.loaded: dict[str, Any] | None = None  # the record as read (what F1 compares with the file)

    def compose(self) -> ComposeResult:
        with Vertical(id="control-record"):
            yield Horizontal(Label("OPTION:", width=8, classes="label"), Field("option", 14, id="option"),
                             Label(f" {TITLE}", classes="title"), classes="row")
            yield Label("")
            for number, switch in enumerate(SWITCHES, 1):
                kw: dict[str, Any] = ({"restrict": r"[YNyn]?", "refusal": "ENTER Y OR N"}
                                      if switch.kind != "text" else
                                      {"restrict": r"[0-9A-Za-z]*", "refusal": "LETTERS OR DIGITS"})
                yield Horizontal(
                    Label(f"{number:>2} {switch.label} ".ljust(LABEL_WIDTH, "."), width=LABEL_WIDTH + 1,
                          classes="label"),
                    Field(switch.key, switch.width, id=f"ctl-{switch.key}", **kw), classes="row")
            yield Label("")
            yield Label("", id="maint-help", classes="maint-help control-help")
        yield MessageLine()
        yield Label(keys.legend(keys.CONTROL_KEYS, self.missing_keys), id="legend")

    @property
    def fields(self) -> list[Field]:
        return [f for f in self.query(Field) if f.id != "option"]

    def field(self, key: str) -> Field:
        return self.query_one(f"#ctl-{key}", Field)

    def on_mount(self) -> None:
        if self.refuse_if_not_administrator():
            self.query_one("#option", Field).focus()
            return
        self.fields[0].focus()
        self.message("READING THE CONTROL RECORD ...")
        self.read()

    # -- reading -----------------------------------------------------------------------------------------------
    @db_work(group="control-read", again="F3")
    def read(self) -> ControlRead:
        return ControlRead(read_control(self.db))

    def show(self, values: dict[str, Any], note: str = "") -> None:
        self.loaded = values
        self.stale = False
        for switch in SWITCHES:
            self.field(switch.key).value = shown(switch, values.get(switch.key))
        self.message(note or "CHANGE A SWITCH, ENTER, THEN F1 TO SAVE - F7 SAYS WHAT IT DOES")
        focused = self.focused
        if isinstance(focused, Field):
            focused.focus()  # its new text selected (overtype)

    def action_reload(self) -> None:
        """F3 (READ at OPTION): the record as it is on file now (what was typed and not saved is dropped)."""
        if self.refuse_if_not_administrator():
            return
        self.message("READING THE CONTROL RECORD ...")
        self.read()

    # -- typing ------------------------------------------------------------------------------------------------
    def leave_field(self, field: Field) -> None:
        try:
            value = parse(field.path, field.value)
        except MaintenanceError as exc:
            self.refuse(str(exc), field)
            return
        switch = next(s for s in SWITCHES if s.key == field.path)
        field.value = shown(switch, value)
        self.message("")
        self.move_from(field)

    def action_field_help(self) -> None:
        focused = self.focused
        if isinstance(focused, Field) and focused.id != "option":
            switch = next(s for s in SWITCHES if s.key == focused.path)
            quote = MANUAL.get(switch.key)
            self.explain(f"{switch.label}: {quote + ' ' if quote else ''}{switch.help}")
            self.message(f"{switch.label} - {'Y OR N' if switch.kind != 'text' else f'UP TO {switch.width}'}")
            return
        self.explain("TYPE A FIELD NUMBER AT OPTION TO GO TO IT; F1 SAVES, F3 READS THE RECORD AGAIN, ESC LEAVES")

    def run_option(self, text: str) -> None:
        if not text or self.run_common(text):
            return
        if text.isdigit() and 1 <= int(text) <= len(SWITCHES) and self.administrator:
            self.field(SWITCHES[int(text) - 1].key).focus()
            return
        self.refuse(f"{text} IS NOT AN OPTION - A FIELD NUMBER, SAVE, READ, HELP OR EXIT")

    # -- F1 ----------------------------------------------------------------------------------------------------
    def typed(self) -> dict[str, Any]:
        """What the screen shows, checked; raises MaintenanceError naming the first bad field."""
        values = {}
        for number, switch in enumerate(SWITCHES, 1):
            try:
                values[switch.key] = parse(switch.key, self.field(switch.key).value)
            except MaintenanceError as exc:
                self.field(switch.key).focus()
                raise MaintenanceError(f"{number} {switch.label}: {exc}") from None
        return values

    def action_save(self) -> None:
        if self.refuse_if_not_administrator() or self.busy:
            return
        if self.loaded is None:
            self.refuse("THE CONTROL RECORD IS NOT READ YET - F3 TO READ IT")
            return
        if self.stale:
            self.refuse(STALE)
            return
        try:
            values = self.typed()
        except MaintenanceError as exc:
            self.refuse(str(exc), self.focused if isinstance(self.focused, Field) else None)  # typed() put it there
            return
        changes = {key: value for key, value in values.items()
                   if shown(next(s for s in SWITCHES if s.key == key), value)
                   != shown(next(s for s in SWITCHES if s.key == key), self.loaded.get(key))}
        if not changes:
            self.refuse("NO CHANGES TO SAVE")
            return
        self.busy = True
        self.message("SAVING ...")
        self.save(changes, dict(self.loaded), self.employee.code)

    @db_work(group="control-save", again="F1")
    def save(self, changes: dict[str, Any], expected: dict[str, Any], by: str) -> ControlSaved | MaintenanceError:
        try:
            changed = set_control(self.db, changes, by=by, expected=expected)
        except MaintenanceError as exc:
            return exc
        return ControlSaved(changed, read_control(self.db))

    def saved(self, changed: list[str], values: dict[str, Any]) -> None:
        self.busy = False
        labels = [s.label.split(" (")[0] for s in SWITCHES if s.key in changed]
        self.show(values, f"CONTROL RECORD SAVED - {', '.join(labels) or 'NO CHANGES'}")

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case ControlRead(values):
                self.show(values)
            case ControlSaved(changed, values):
                self.saved(changed, values)


__all__ = ["ControlRecordScreen"]
