"""F7 on a field: its meaning in the manual's words (the field registry's `HELP`), what it takes, and its keys — on
the message line, which has room for two lines (`MESSAGE_ROOM`)."""

from __future__ import annotations

from carsplus_tui.domain.fields import describe, field_help

# Two lines of 80, less a margin for where a word-wrapped line breaks.
MESSAGE_ROOM = 150
# Page 1's fields whose widget stands for a registry entry of another name.
WIDGET_PATHS = {"accident_details_flag": "accident_details", "accident_desc": "accident_description"}
GENERAL_KEYS = "ENTER MOVES ON, F5 BACKS UP"


def field_keys(path: str) -> str:
    """The keys that do something particular in the field at `path` (a registry path)."""
    name = describe(path).spec.name
    if name in ("damage_lines.*.code", "damage_lines.*.description", "damage_lines.*.type", "accident_category",
                "claim_location", "claim_employee"):
        return "SHIFT+F7 LISTS THE CODES"
    if name == "third_parties.*.last_name" and path.count(".") == 2:
        return "SHIFT+F7 OR ENTER OPENS THE PARTY"
    if name == "ra_number":
        return "#N RECALLS REPORT N"
    if describe(path).spec.kind == "lines":
        return "ENTER OPENS THE WINDOW"
    if name.endswith(".*"):
        return "ENTER ON AN EMPTY LINE ENDS"
    return ""


def help_message(path: str) -> str:
    """What F7 says in the field whose widget path is `path`."""
    path = WIDGET_PATHS.get(path, path)
    text = field_help(path)
    for keys in (field_keys(path), GENERAL_KEYS):
        if keys and len(f"{text} - {keys}") <= MESSAGE_ROOM:
            text = f"{text} - {keys}"
    return text
