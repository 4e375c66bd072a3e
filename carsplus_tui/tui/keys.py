"""Every key the app uses, in one table: the action, the legend label, and the OPTION-field command that does the
same for terminals that swallow function keys (DESIGN.md §5)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key names, comma-separated (Shift+F7 arrives under several names)
    action: str
    legend: str  # as on the manual's bottom line, e.g. "F1=SAVE"; "" when not shown
    command: str  # typed at OPTION


SAVE = Key("f1", "save", "F1=SAVE", "SAVE")
ERASE = Key("f3", "erase", "F3=ERASE", "ERASE")
BACKUP = Key("f5", "backup", "", "BACKUP")
SEARCH = Key("f6", "search", "F6=SEARCH", "SEARCH")
HELP = Key("f7", "field_help", "", "HELP")
NEXT_PAGE = Key("f8", "next_page", "F8=NEXT PAGE", "NEXT")
MAP = Key("f10", "map", "F10=MAP", "MAP")
DMS = Key("f4", "dms", "F4=DMS", "DMS")  # the DMS ACTIVITY window of the report (tui/screens/dms_activity.py)
NOTES = Key("", "notes", "N=NOTES", "NOTES")  # N typed at OPTION
LOOKUP = Key("shift+f7,f19,f17", "lookup", "", "LOOKUP")
OPTION = Key("escape", "option", "", "")

PAGE1_KEYS = (SAVE, ERASE, DMS, BACKUP, SEARCH, HELP, NEXT_PAGE, MAP, NOTES, LOOKUP, OPTION)
PAGE1_LEGEND = " ".join(k.legend for k in PAGE1_KEYS if k.legend)
COMMANDS = {k.command: k.action for k in PAGE1_KEYS if k.command} | {"N": "notes"}


# Page 2 (DAMAGE ENTRY - CLAIM INFO): F8 goes back to page 1; F9 lists every modification of the report.
PREV_PAGE = Key("f8", "next_page", "F8=PREV PAGE", "PREV")
HISTORY = Key("f9", "history", "F9=HISTORY", "HISTORY")
OPTION_SHOWN = Key("escape", "option", "ESC=OPTION", "")
PAGE2_KEYS = (SAVE, ERASE, DMS, BACKUP, HELP, PREV_PAGE, HISTORY, NOTES, LOOKUP, OPTION_SHOWN)
PAGE2_LEGEND = " ".join(k.legend for k in PAGE2_KEYS if k.legend)
PAGE2_COMMANDS = {k.command: k.action for k in PAGE2_KEYS if k.command} | {"N": "notes", "NEXT": "next_page"}


def bindings(keys: tuple[Key, ...]) -> list[Binding]:
    return [Binding(k.keys, k.action, k.legend or k.action, show=False, priority=True) for k in keys if k.keys]
