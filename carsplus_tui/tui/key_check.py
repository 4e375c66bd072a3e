"""`carsplus keys --press`: ask for each key the app uses in turn and show what Textual received — the check that
terminfo cannot make (a terminal emulator, a remote session or a keyboard may still swallow a key terminfo lists).
Esc or Enter when asked marks the key missing; another key than the one asked is shown and marks it missing too."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Static

from carsplus_tui.tui import keys as key_table
from carsplus_tui.tui.terminal_keys import CAPABILITIES, does, key_label

DASH = "\u2014"


@dataclass
class Wanted:
    label: str  # F1, SHIFT+F7, F7/PGUP
    names: set[str] = field(default_factory=set)  # any of these received counts
    uses: list[str] = field(default_factory=list)  # "PAGE 1: SAVE - type SAVE at OPTION"
    received: str | None = None  # the key name Textual gave, None before the key was asked
    present: bool = False


def wanted_keys() -> list[Wanted]:
    """Each key the app uses that a terminal may lack, once, with where it is used and what to do without it."""
    found: dict[str, Wanted] = {}
    for screen, table in key_table.SCREENS.items():
        for key in table:
            if not any(name in CAPABILITIES for name in key.names):
                continue
            label = key_label(key)
            # Paging keys are asked one by one: F7 and PgUp are two keys a terminal may each lack.
            for part, names in _parts(label, key.names):
                wanted = found.setdefault(part, Wanted(part))
                wanted.names.update(names)
                wanted.uses.append(f"{screen}: {does(key)} - {key.instead}")
    return sorted(found.values(), key=lambda w: _order(w.label))


def _parts(label: str, names: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
    if "/" not in label:
        return [(label, names)]
    return [(part, (name,)) for part, name in zip(label.split("/"), names, strict=True)]


def _order(label: str) -> tuple[int, int]:
    special = {"SHIFT+F7": (1, 7), "PGUP": (2, 0), "PGDN": (2, 1), "UP": (3, 0), "DOWN": (3, 1)}
    return special.get(label) or (0, int(label[1:]) if label[1:].isdigit() else 99)


class KeyCheckApp(App[list[Wanted]]):
    """Asks for each key, one after another; exits with the answers."""

    CSS = """
    Screen { background: black; color: #33ff33; }
    #ask { margin: 1 0; text-style: bold; }
    #log { height: 1fr; }
    """
    ENABLE_COMMAND_PALETTE = False

    def __init__(self) -> None:
        super().__init__()
        self.wanted = wanted_keys()
        self.index = 0
        self.log_lines: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("CARSPLUS KEYS - PRESS EACH KEY WHEN ASKED.  ESC OR ENTER: THIS KEY DOES NOTHING HERE",
                     id="title", markup=False)
        yield Static("", id="ask", markup=False)
        yield Static("", id="log", markup=False)

    def on_mount(self) -> None:
        self.ask()

    def ask(self) -> None:
        wanted = self.wanted[self.index]
        self.query_one("#ask", Static).update(
            f"KEY {self.index + 1} OF {len(self.wanted)}: PRESS {wanted.label}   ({wanted.uses[0]})")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        if self.index >= len(self.wanted):
            return
        wanted = self.wanted[self.index]
        if event.key in ("escape", "enter"):
            wanted.received, wanted.present = "", False
            line = f"{wanted.label:<9} MISSING {DASH} {wanted.uses[0].split(' - ', 1)[1]}"
        else:
            wanted.received, wanted.present = event.key, event.key in wanted.names
            line = (f"{wanted.label:<9} OK (the app reads {event.key})" if wanted.present else
                    f"{wanted.label:<9} MISSING {DASH} the app read {event.key} instead; "
                    f"{wanted.uses[0].split(' - ', 1)[1]}")
        self.log_lines.append(line)
        self.query_one("#log", Static).update("\n".join(self.log_lines[-18:]))
        self.index += 1
        if self.index < len(self.wanted):
            self.ask()
        else:
            self.exit(self.wanted)


def summary(answers: list[Wanted]) -> tuple[list[str], int]:
    """What `carsplus keys --press` prints after the check: each key, then the missing count."""
    lines = []
    for wanted in answers:
        if wanted.present:
            lines.append(f"{wanted.label:<9} OK (the app reads {wanted.received})")
            continue
        heard = f" (the app read {wanted.received})" if wanted.received else ""
        lines.append(f"{wanted.label:<9} MISSING{heard}")
        lines.extend(f"          {use.replace(' - ', f' {DASH} ', 1)}" for use in wanted.uses)
    missing = [w.label for w in answers if not w.present]
    count = len(missing)
    lines.append(f"{count} key{'s' if count != 1 else ''} missing: {', '.join(missing)}" if missing
                 else "all keys present")
    return lines, count
