"""Every key the app uses, in one table: the action, the legend label, and the command typed at the screen's OPTION
field that does the same for terminals that swallow function keys (DESIGN.md §5).

A terminal that lacks a key (its terminfo has no sequence for it, or `CARSPLUS_MISSING_KEYS` says so — see
`terminal_keys.py`) gets the fallback in the legend instead, in the manual's own form for a word typed at OPTION
(`N=NOTES`): `F10=MAP` becomes `MAP=MAP`, `F8=NEXT PAGE` becomes `NEXT=NEXT PAGE`."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated (Shift+F7 arrives under several names); "" = typed only
    action: str
    legend: str  # as on the manual's bottom line, e.g. "F1=SAVE"; "" when not shown
    command: str  # typed at OPTION
    also: str = ""  # keys every terminal sends that do the same (bound too), e.g. the Up arrow for F5
    hint: str = ""  # what to do instead when neither a command nor `also` fits (for `carsplus keys`)
    bind: bool = True  # False: listed for the legend and `carsplus keys`, bound by the screen itself
    priority: bool = True
    # The screen state this key's meaning belongs to (the DMS window's tab): several keys may share a key name and
    # the screen's `check_action` lets through the one whose state is current.
    state: str = ""

    @property
    def binding_id(self) -> str:
        """The name a site remaps this key by (`CARSPLUS_KEYMAP=save=f11`): the word typed at OPTION, else the
        action. Keys with the same word on several screens are remapped together."""
        return (self.command or self.action.split("(")[0]).lower()

    @property
    def names(self) -> tuple[str, ...]:
        keys = _REMAPPED.get(self.binding_id, self.keys) if self.keys else self.keys
        return tuple(name for name in keys.split(",") if name)

    def is_missing(self, missing: Collection[str]) -> bool:
        """The terminal sends none of this key's names (a key with no names is typed, never missing)."""
        return bool(self.names) and all(name in missing for name in self.names)

    def legend_for(self, missing: Collection[str]) -> str:
        """The legend entry: `F10=MAP`, or `MAP=MAP` when the terminal lacks F10 (the key part becomes the word);
        a key the site remapped shows its new key (`F11=SAVE`)."""
        shown = self.legend
        if self.keys and self.binding_id in _REMAPPED and "=" in shown:
            shown = f"{self.names[0].upper()}={shown.split('=', 1)[1]}"
        if not shown or not self.command or not self.is_missing(missing) or "=" not in shown:
            return shown
        keys_part, label = shown.split("=", 1)
        words = keys_part.split(" ")
        return " ".join([*words[:-1], f"{self.command}={label}"])

    @property
    def instead(self) -> str:
        """What a user without this key does, as `carsplus keys` says it."""
        press = "press " + " or ".join(name.upper() for name in self.also.split(",")) if self.also else ""
        typed = f"type {self.command} at OPTION" if self.command else ""
        return ", or ".join(filter(None, (press, typed))) or self.hint


# Keys a site remapped (`CARSPLUS_KEYMAP`, read by `set_keymap` before the app starts): binding id -> key names.
_REMAPPED: dict[str, str] = {}


class KeymapError(ValueError):
    """`CARSPLUS_KEYMAP` names a key the app does not have, or gives no key: the message is the one line to show."""


def parse_keymap(text: str) -> dict[str, str]:
    """`save=f11;history=ctrl+h` (`,` inside a value gives several keys: `save=f11,ctrl+s`) -> {binding id: keys}."""
    known = {k.binding_id for table in SCREENS.values() for k in table if k.keys}
    keymap: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, sep, value = part.partition("=")
        name, value = name.strip().lower(), value.strip().lower().replace(" ", "")
        if not sep or not value:
            raise KeymapError(f"CARSPLUS_KEYMAP: '{part}' needs a key after '=' (e.g. save=f11)")
        if name not in known:
            raise KeymapError(f"CARSPLUS_KEYMAP: no key named '{name}' - 'carsplus keys' lists them")
        keymap[name] = value
    return keymap


def set_keymap(text: str) -> dict[str, str]:
    """Remap this process's keys (legends and `names` follow); the app hands the result to Textual's keymap."""
    keymap = parse_keymap(text)
    _REMAPPED.clear()
    _REMAPPED.update(keymap)
    return keymap


LEGEND_WIDTH = 80


def legend(keys: Iterable[Key], missing: Collection[str] = (), sep: str = " ") -> str:
    """The bottom line. When the typed words make it wider than the screen, a word that is its own label is shown
    once (`SAVE=SAVE` -> `SAVE`): still the word to type."""
    entries = [k.legend_for(missing) for k in keys if k.legend]
    line = sep.join(entries)
    if len(line) > LEGEND_WIDTH:
        line = sep.join(word if "=" in e and (word := e.split("=", 1)[0]) == e.split("=", 1)[1] else e
                        for e in entries)
    return line


def commands(keys: Iterable[Key]) -> dict[str, str]:
    return {k.command: k.action for k in keys if k.command}


# ---------------------------------------------------------------------------------------------------------------
# Page 1 (DAMAGE REPORT ENTRY). HELP, LOOKUP and BACKUP typed at OPTION act on the field the cursor was last in.
# ---------------------------------------------------------------------------------------------------------------
SAVE = Key("f1", "save", "F1=SAVE", "SAVE")
ERASE = Key("f3", "erase", "F3=ERASE", "ERASE")
BACKUP = Key("f5", "backup", "", "BACKUP", also="up")
SEARCH = Key("f6", "search", "F6=SEARCH", "SEARCH")
HELP = Key("f7", "field_help", "", "HELP")
NEXT_PAGE = Key("f8", "next_page", "F8=NEXT PAGE", "NEXT")
MAP = Key("f10", "map", "F10=MAP", "MAP")
DMS = Key("f4", "dms", "F4=DMS", "DMS")  # the DMS ACTIVITY window of the report (tui/screens/dms_activity.py)
NOTES = Key("", "notes", "N=NOTES", "NOTES")  # N typed at OPTION
LOOKUP = Key("shift+f7,f19,f17", "lookup", "", "LOOKUP")
OPTION = Key("escape", "option", "", "")
# Sign off: back to the sign-on screen for the next agent, the unsaved report kept as a draft (tui/app.py).
SIGN_OFF = Key("f12", "sign_off", "F12=OFF", "OFF")
LEAVE_HELP = "F12 OR OFF AT OPTION SIGNS OFF (THE REPORT IS KEPT) - CTRL+Q CLOSES THE PROGRAM"
SIGN_OFF_WORDS = {"SIGNOFF": "sign_off", "LOGOFF": "sign_off", "BYE": "sign_off", "EXIT": "sign_off",
                  "QUIT": "sign_off"}

# Damage Work Entry of the saved report (tui/screens/work_order.py): F2, or WORK at OPTION, on page 1 and page 2
# (in both legends: 78 columns on page 1; with every key missing, `WORK` alone).
WORK_ORDER = Key("f2", "work_order", "F2=WORK", "WORK")
# The FOLLOW-UP QUEUE (tui/screens/follow_ups.py): typed at OPTION on page 1 or page 2, no key of its own.
FOLLOW_UPS = Key("", "follow_ups", "", "FOLLOW")
# The DAMAGE TRACKING SUBMENU (tui/screens/menu.py): MENU typed at page 1's or page 2's OPTION. Its programs' codes
# (DMGENT, DMGCTL, ...) are in the menu's one table, `tui/programs.py` PROGRAMS (opened through `tui/navigation.py`), and work at those OPTION fields too.
MENU = Key("", "menu", "", "MENU")
# The claims clerk's reports, typed at OPTION on page 1 or page 2 (issue 22): AGEING OF OPEN CLAIMS
# (tui/screens/ageing.py), DAMAGE SUMMARY REPORT (tui/screens/dmgsum.py), VEHICLE INCIDENT CLEARANCE REPORT
# (tui/screens/vicrpt.py). Not for an employee whose Access Claim is none.
AGEING = Key("", "ageing", "", "AGEING")
DAMAGE_SUMMARY = Key("", "damage_summary", "", "DMGSUM")
CLEARANCE_REPORT = Key("", "clearance_report", "", "VICRPT")
CLAIM_REPORTS = (AGEING, DAMAGE_SUMMARY, CLEARANCE_REPORT)
# F9 and HISTORY at OPTION: the saved report's modifications, from page 1 as from page 2 (no room in the legend).
HISTORY_UNSHOWN = Key("f9", "history", "", "HISTORY")
PAGE1_KEYS = (FOLLOW_UPS, MENU, SAVE, WORK_ORDER, ERASE, DMS, BACKUP, SEARCH, HELP, NEXT_PAGE, MAP, NOTES, SIGN_OFF,
              LOOKUP, OPTION, *CLAIM_REPORTS, HISTORY_UNSHOWN)
PAGE1_LEGEND = legend(PAGE1_KEYS)
COMMANDS = commands(PAGE1_KEYS) | {"N": "notes"} | SIGN_OFF_WORDS
# Typed at OPTION, these act on the field the cursor was in before it went to OPTION (see FormScreen.last_field).
FIELD_COMMANDS = frozenset({"backup", "field_help", "lookup"})


# Page 2 (DAMAGE ENTRY - CLAIM INFO): F8 goes back to page 1; F9 lists every modification of the report.
PREV_PAGE = Key("f8", "next_page", "F8=PREV PAGE", "PREV")
HISTORY = Key("f9", "history", "F9=HISTORY", "HISTORY")
OPTION_SHOWN = Key("escape", "option", "ESC=OPTION", "")
SIGN_OFF_UNSHOWN = Key("f12", "sign_off", "", "OFF")  # page 2's legend is full: F12 and OFF work all the same
# Loss of use (issue 22): LOU typed at page 2's OPTION fills 9 Misc Costs from the work order's out-of-service and
# repair dates x the daily rate and shows the derivation; NOLOU takes it out again; UTIL prints the fleet
# utilization log of the loss of use saved (tui/screens/page2.py).
LOSS_OF_USE = Key("", "loss_of_use", "", "LOU")
NO_LOSS_OF_USE = Key("", "remove_loss_of_use", "", "NOLOU")
UTILIZATION_LOG = Key("", "utilization_log", "", "UTIL")
PAGE2_KEYS = (FOLLOW_UPS, MENU, SAVE, WORK_ORDER, ERASE, DMS, BACKUP, HELP, PREV_PAGE, HISTORY, NOTES, LOOKUP,
              OPTION_SHOWN, SIGN_OFF_UNSHOWN, LOSS_OF_USE, NO_LOSS_OF_USE, UTILIZATION_LOG, *CLAIM_REPORTS)
PAGE2_LEGEND = legend(PAGE2_KEYS)
PAGE2_COMMANDS = commands(PAGE2_KEYS) | {"N": "notes", "NEXT": "next_page"} | SIGN_OFF_WORDS


# DAMAGE TRACKING SUBMENU (tui/screens/menu.py): a line # or a program code at OPTION; Esc (EXIT) back to page 1.
MENU_HELP = Key("f7", "field_help", "", "HELP")
MENU_LEAVE = Key("escape", "option", "ESC=EXIT", "EXIT")
MENU_OPEN = Key("", "open_line", "LINE # OR CODE=OPEN", "")  # typed at OPTION (the screen handles it)
MENU_KEYS = (MENU_OPEN, MENU_HELP, MENU_LEAVE, SIGN_OFF)
MENU_COMMANDS = commands(MENU_KEYS) | SIGN_OFF_WORDS | {"EXIT": "leave"}


# ---------------------------------------------------------------------------------------------------------------
# F6 DAMAGE REPORT SEARCH (tui/screens/search.py): F1-F5 choose the key, F6 the status; words typed at its OPTION
# field (short: it also takes a line number or #report).
# ---------------------------------------------------------------------------------------------------------------
BY_VEHICLE = Key("f1", "choose_mode('f1')", "F1=VEH #", "VEH")
BY_LICENCE = Key("f2", "choose_mode('f2')", "F2=LIC #", "LIC")
BY_RA = Key("f3", "choose_mode('f3')", "F3=RA #", "RA")
BY_ACCIDENT_DATE = Key("f4", "choose_mode('f4')", "F4=ACCIDENT DATE", "ACC")
BY_FOLLOW_UP_DATE = Key("f5", "choose_mode('f5')", "F5=FOLLOWUP DATE", "FOL")
BY_STATUS = Key("f6", "status", "F6=STATUS", "STAT")
SEARCH_MODE_KEYS = (BY_VEHICLE, BY_LICENCE, BY_RA, BY_ACCIDENT_DATE, BY_FOLLOW_UP_DATE, BY_STATUS)
RECALL_LINE = Key("", "recall", "ENTER=RECALL LINE", "")  # Enter at OPTION (the screen handles it)
PAGE_BACK = Key("f7,pageup", "previous_page", "F7/PGUP=BACK", "BACK")
PAGE_MORE = Key("f8,pagedown", "next_page", "F8/PGDN=MORE", "MORE")
LINE_DOWN = Key("down", "move(1)", "", "", priority=False, hint="type the line number at OPTION")
LINE_UP = Key("up", "move(-1)", "", "", priority=False, hint="type the line number at OPTION")
LEAVE_SEARCH = Key("escape", "leave", "ESC=EXIT", "EXIT")
SEARCH_LEGEND_KEYS = (RECALL_LINE, PAGE_BACK, PAGE_MORE, LEAVE_SEARCH)
SEARCH_KEYS = (*SEARCH_MODE_KEYS, PAGE_MORE, PAGE_BACK, LINE_DOWN, LINE_UP, LEAVE_SEARCH)
SEARCH_COMMANDS = commands(SEARCH_KEYS) | {"STATUS": "status"}


# FOLLOW-UP QUEUE (tui/screens/follow_ups.py): a line number at OPTION opens that report's page 2; EMP code, LOC code
# and ALL typed at OPTION change the filter.
OPEN_LINE = Key("", "open_line", "LINE #=PAGE 2", "")  # a line number and Enter at OPTION (the screen handles it)
FOLLOW_UP_LEGEND_KEYS = (OPEN_LINE, PAGE_BACK, PAGE_MORE, LEAVE_SEARCH)
FOLLOW_UP_KEYS = (PAGE_MORE, PAGE_BACK, LEAVE_SEARCH)
FOLLOW_UP_COMMANDS = commands(FOLLOW_UP_KEYS)

# AGEING, DMGSUM and VICRPT screens (tui/screens/listing.py and one module each): selections typed at OPTION (the
# screen names them on its selection line), DETAIL / SUMMARY, PRINT (the PDF to the printer, else the spool folder)
# and FILE (the CSV into the spool folder).
PRINT_LISTING = Key("", "print_listing", "PRINT=PDF", "PRINT")
FILE_LISTING = Key("", "file_listing", "FILE=CSV", "FILE")
DETAIL_LISTING = Key("", "detail", "DETAIL", "DETAIL")
SUMMARY_LISTING = Key("", "summary", "SUMMARY", "SUMMARY")
LISTING_KEYS = (PAGE_MORE, PAGE_BACK, LEAVE_SEARCH)
LISTING_LEGEND_KEYS = (DETAIL_LISTING, SUMMARY_LISTING, PRINT_LISTING, FILE_LISTING, PAGE_BACK, PAGE_MORE,
                       LEAVE_SEARCH)
AGEING_LEGEND_KEYS = (PAGE_BACK, PAGE_MORE, LEAVE_SEARCH)
LISTING_COMMANDS = commands((*LISTING_KEYS, PRINT_LISTING, FILE_LISTING, DETAIL_LISTING, SUMMARY_LISTING))
AGEING_COMMANDS = commands(LISTING_KEYS)

# ---------------------------------------------------------------------------------------------------------------
# <report #> - DMS ACTIVITY (tui/screens/dms_activity.py): F2-F4 switch the tabs; F9 and F10 do what the tab says.
# ---------------------------------------------------------------------------------------------------------------
TAB_PROPERTIES = Key("f2", "tab('properties')", "F2=PROPERTIES", "PROPS")
TAB_PAYMENTS = Key("f3", "tab('payments')", "F3=PAYMENTS", "PAY")
TAB_HISTORY = Key("f4", "tab('history')", "F4=HISTORY", "HIST")
ADD_RECEIPT = Key("f5", "add_receipt", "F5=ADD", "ADD")
ADJUST_RECEIPT = Key("f6", "adjust_receipt", "F6=ADJUST", "ADJUST")
# F9 and F10 mean what the tab says: two bindings per key, the screen's check_action lets the current tab's through.
VOID_RECEIPT = Key("f9", "void_receipt", "F9=VOID", "VOID", state="payments")
EXPORT_PAYMENTS = Key("f10", "export_payments", "F10=EXPORT ALL READY PAYMENTS", "EXPORT", state="payments")
PRINT_HISTORY = Key("f9", "print_history", "F9=PRINT", "PRINT", state="history")
EXPORT_SUMMARY = Key("f10", "export_summary", "F10=EXPORT SUMMARY", "SUMMARY", state="history")
DMS_LOOKUP = Key("shift+f7,f19,f17", "lookup", "ENTER ON A BLANK ID OR SHIFT+F7=SEARCH THE DMS", "LOOKUP")
DMS_ESCAPE = Key("escape", "escape", "ESC=OPTION/EXIT", "")
DMS_ESCAPE_SHORT = Key("escape", "escape", "ESC=OPTION", "", bind=False)
DMS_TAB_KEYS = (TAB_PROPERTIES, TAB_PAYMENTS, TAB_HISTORY)
DMS_LEGEND_KEYS = {
    "properties": (DMS_LOOKUP, DMS_ESCAPE),
    "payments": (ADD_RECEIPT, ADJUST_RECEIPT, VOID_RECEIPT, EXPORT_PAYMENTS, DMS_ESCAPE_SHORT),
    "history": (PRINT_HISTORY, EXPORT_SUMMARY, DMS_ESCAPE),
}
DMS_LEGEND_SEPARATORS = {"properties": "  ", "payments": " ", "history": " "}
DMS_KEYS = (*DMS_TAB_KEYS, ADD_RECEIPT, ADJUST_RECEIPT, DMS_LOOKUP, DMS_ESCAPE,
            VOID_RECEIPT, EXPORT_PAYMENTS, PRINT_HISTORY, EXPORT_SUMMARY)
# Actions that belong to one state of their screen (see Key.state): what a screen's check_action consults.
STATE_OF_ACTION = {k.action: k.state for k in DMS_KEYS if k.state}
DMS_COMMANDS = commands(DMS_KEYS) | {
    "PROPERTIES": "tab('properties')", "PAYMENTS": "tab('payments')", "HISTORY": "tab('history')",
    "SEARCH": "lookup", "EXIT": "leave",  # EXIT at OPTION leaves, as Esc at OPTION does
    "CORRECT": "adjust_receipt",  # F6 on a refused receipt corrects it (a Posted one gets an adjustment)
}


def dms_legend(tab: str, missing: Collection[str] = ()) -> str:
    return legend(DMS_LEGEND_KEYS[tab], missing, DMS_LEGEND_SEPARATORS[tab])


# ---------------------------------------------------------------------------------------------------------------
# Pop-ups (tui/modals/ and the DMS window's own): no OPTION field, so the fallbacks are keys every terminal has.
# ---------------------------------------------------------------------------------------------------------------
POPUP_BACKUP = Key("f5", "backup", "", "", also="up")  # pop-up forms, line windows, receipts, 3rd party list
POPUP_CLOSE = Key("escape", "close", "", "")
# F7 in a pop-up's field (bound by the field itself): its meaning, format and keys on the window's message line.
POPUP_HELP = Key("f7", "field_help", "", "", bind=False, hint="see the field's line in the manual (README)")
PARTY_DETAIL = Key("shift+f7,f19,f17", "detail", "", "", hint="type the last name and press ENTER")
MAP_CLOSE = Key("f10", "close", "", "", also="escape,enter")
EXPORT_FINISH = Key("f1", "finish", "", "", also="enter")
EXPORT_CANCEL = Key("escape", "cancel_export", "", "", hint="press ESC while it runs (afterwards ESC finishes)")
POPUP_KEYS = (POPUP_BACKUP, POPUP_CLOSE, POPUP_HELP)
# Every green form, page or pop-up (tui/green_form.py): Tab and the Down arrow are Enter (the field is checked, the
# cursor moves on in the form's order; Textual's own Tab would jump in screen order, unchecked), Shift+Tab backs
# up like F5. Not priority: a widget that uses the arrows itself keeps them.
NEXT_FIELD = Key("tab,down", "next_field", "", "", priority=False)
PREVIOUS_FIELD = Key("shift+tab", "previous_field", "", "", priority=False)
FORM_KEYS = (NEXT_FIELD, PREVIOUS_FIELD)
THIRD_PARTY_LIST_KEYS = (POPUP_CLOSE, PARTY_DETAIL, POPUP_BACKUP, POPUP_HELP)
DAMAGE_MAP_KEYS = (MAP_CLOSE,)
EXPORTING_KEYS = (EXPORT_FINISH, EXPORT_CANCEL)


# ---------------------------------------------------------------------------------------------------------------
# DAMAGE WORK ENTRY (tui/screens/work_order.py): F1 saves the work order, F3 reloads it, F9 prints the damage
# sticker ("This 'sticker' can also be printed from the Damage Work Entry program as well"), Shift+F7 on a line's
# kind lists P/L/B/O, Esc goes to OPTION and Esc at OPTION (or EXIT) back to the page it came from.
# ---------------------------------------------------------------------------------------------------------------
WO_RELOAD = Key("f3", "reload", "F3=RELOAD", "RELOAD")
WO_STICKER = Key("f9", "sticker", "F9=STICKER", "STICKER")
WO_LOOKUP = Key("shift+f7,f19,f17", "lookup", "SHIFT+F7=KINDS", "LOOKUP")
WO_ESCAPE = Key("escape", "escape", "ESC=OPTION/EXIT", "")
WORK_ORDER_KEYS = (SAVE, WO_RELOAD, BACKUP, HELP, WO_STICKER, WO_LOOKUP, WO_ESCAPE)
WORK_ORDER_COMMANDS = commands(WORK_ORDER_KEYS) | {"EXIT": "leave"}


# ---------------------------------------------------------------------------------------------------------------
# The maintenance programs of the menu (administrators): EDIT DAMAGE CONTROL RECORD (tui/screens/control_record.py),
# the code tables (tui/screens/code_table.py and one module per table) and EDIT USER ACCESS FILE
# (tui/screens/user_access.py). F1 saves the record on the screen, F3 reads it again (after CHANGED ON ANOTHER
# TERMINAL), F7 says what the field does, F9 deletes a code no record uses; PgDn/PgUp page through the list.
# ---------------------------------------------------------------------------------------------------------------
MAINT_ESCAPE = Key("escape", "escape", "ESC=OPTION/EXIT", "")
MAINT_READ = Key("f3", "reload", "F3=READ", "READ")
MAINT_HELP = Key("f7", "field_help", "F7=HELP", "HELP")
MAINT_DELETE = Key("f9", "delete", "F9=DELETE", "DELETE")
MAINT_MORE = Key("f8,pagedown", "next_page", "F8=MORE", "MORE")
MAINT_BACK = Key("", "previous_page", "", "BACK")  # typed at OPTION (F7 is the field's help here)
CONTROL_KEYS = (SAVE, MAINT_READ, BACKUP, MAINT_HELP, MAINT_ESCAPE)
CONTROL_COMMANDS = commands(CONTROL_KEYS) | SIGN_OFF_WORDS | {"EXIT": "leave"}
CODE_TABLE_KEYS = (SAVE, MAINT_READ, BACKUP, MAINT_HELP, MAINT_DELETE, MAINT_MORE, MAINT_BACK, MAINT_ESCAPE)
CODE_TABLE_COMMANDS = commands(CODE_TABLE_KEYS) | SIGN_OFF_WORDS | {"EXIT": "leave"}


# Every screen and pop-up, for `carsplus keys` (the terminal check) and the tests that prove each fallback.
SCREENS: dict[str, tuple[Key, ...]] = {
    "PAGE 1": PAGE1_KEYS,
    "PAGE 2": PAGE2_KEYS,
    "SEARCH": SEARCH_KEYS,
    "FOLLOW-UP QUEUE": FOLLOW_UP_KEYS,
    "DAMAGE TRACKING SUBMENU": MENU_KEYS,
    "DMS ACTIVITY": DMS_KEYS,
    "DAMAGE WORK ENTRY": WORK_ORDER_KEYS,
    "EDIT DAMAGE CONTROL RECORD": CONTROL_KEYS,
    "CODE TABLES AND USER ACCESS FILE": CODE_TABLE_KEYS,
    "POP-UP WINDOWS": POPUP_KEYS,
    "3RD PARTY LIST": THIRD_PARTY_LIST_KEYS,
    "DAMAGE MAP": DAMAGE_MAP_KEYS,
    "EXPORTING PAYMENTS": EXPORTING_KEYS,
}


# Messages that name a key the terminal lacks name its word instead ("- SHIFT+F7 FOR THE LIST" -> "- LOOKUP ...").
MESSAGE_WORDS = (
    (SAVE, 'PRESS "F1"', 'TYPE "SAVE"'),
    (LOOKUP, "SHIFT+F7", "LOOKUP"),
    (BACKUP, "F5 BACKS UP", "UP BACKS UP"),
    (ERASE, "F3 TO RELOAD", "ERASE TO RELOAD"),
)


def spoken(text: str, missing: Collection[str]) -> str:
    for key, said, instead in MESSAGE_WORDS:
        if said in text and key.is_missing(missing):
            text = text.replace(said, instead)
    return text


# The keys that are the agent's next action (the message line is cleared before them: widgets/field.py
# `next_action`): a field or an OPTION answer entered (Enter, Tab, the arrows that move between fields or lines), a
# pop-up opened or closed (Esc, the function keys), a page turned, and any key a site remapped. Typing, and the keys
# that edit a field's text (Backspace, Left, Home ...), are not: a refusal stays while its value is being fixed.
ACTION_KEYS = frozenset({"enter", "tab", "shift+tab", "escape", "up", "down", "pageup", "pagedown",
                         *(f"{shift}f{n}" for shift in ("", "shift+") for n in range(1, 25))})


def is_action(key: str) -> bool:
    """Whether the key named `key` (Textual's name) is one of the agent's actions (ACTION_KEYS)."""
    return key in ACTION_KEYS or any(key in names.split(",") for names in _REMAPPED.values())


def run_now(target: object, action: str) -> None:
    """Run a table action such as `choose_mode('f1')` on a screen at once, as its key binding would (Textual's
    `run_action` is a coroutine: keys typed right after the command could land before it ran)."""
    from textual.actions import parse

    _, name, params = parse(action)
    getattr(target, f"action_{name}")(*params)


def bindings(keys: Iterable[Key]) -> list[BindingType]:  # the type of a Screen's BINDINGS (a list is invariant)
    """The screen's bindings: each key under all its names, and its `also` keys (which every terminal sends)."""
    # The key itself carries an id (a site remaps it with CARSPLUS_KEYMAP through Textual's keymap); its `also`
    # keys are a binding of their own, so a remap leaves the arrow every terminal sends where it was.
    return [
        Binding(names, k.action, k.legend or k.action, show=False, priority=k.priority, id=binding_id)
        for k in keys if k.bind
        for names, binding_id in ((k.keys, k.binding_id), (k.also, None)) if names
    ]
