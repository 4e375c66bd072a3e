"""Which of the app's keys this terminal can send, from its terminfo entry (`$TERM`), for `carsplus keys` and for the
bottom legend, which shows the typed fallback (`MAP=MAP`) in place of a key the terminal lacks.

A key counts as present when terminfo has a sequence for it (`kf1`…`kf20`, `kpp`/`knp`, `kcuu1`/`kcud1`) and Textual
reads that sequence as a key; Esc and Enter are always present. `CARSPLUS_MISSING_KEYS` (e.g. `f10,f6`; empty = none)
replaces the terminfo answer, for odd terminals whose terminfo is wrong, and for tests. Headless and browser runs
(tests, textual-serve) do not ask terminfo: the browser sends every key."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from carsplus_tui.tui import keys as key_table

# Textual key name -> terminfo capability. Shift+F7 is what xterm calls F19 (kf19); rxvt's F17 is checked as f17.
CAPABILITIES: dict[str, str] = {f"f{n}": f"kf{n}" for n in range(1, 21)} | {
    "shift+f7": "kf19", "pageup": "kpp", "pagedown": "knp", "up": "kcuu1", "down": "kcud1",
}
# Names a person may write in CARSPLUS_MISSING_KEYS -> the key names they stand for.
ALIASES: dict[str, tuple[str, ...]] = {
    "shift+f7": ("shift+f7", "f19", "f17"), "pgup": ("pageup",), "pgdn": ("pagedown",),
}
# What a key does where its table entry has no legend label.
DOES: dict[str, str] = {
    "backup": "BACK UP ONE FIELD", "field_help": "HELP FOR THE FIELD", "lookup": "CODE LOOK-UP",
    "move(1)": "NEXT LINE", "move(-1)": "PREVIOUS LINE", "detail": "THE PARTY'S DETAILS",
    "close": "CLOSE", "finish": "FINISH", "export_payments": "EXPORT READY PAYMENTS", "sign_off": "SIGN OFF",
}


def parse_missing(text: str) -> frozenset[str]:
    """`f10, F6 ,shift+f7` -> the Textual key names the terminal is said not to send."""
    names: set[str] = set()
    for word in text.lower().replace(" ", "").split(","):
        if word:
            names.update(ALIASES.get(word, (word,)))
    return frozenset(names)


@functools.cache
def terminfo_sequences(term: str | None) -> dict[str, bytes | None] | None:
    """capability -> the bytes the terminal sends, or None when terminfo does not know the terminal.

    curses reads terminfo once per process (a second `setupterm` with another name changes nothing), so one process
    can check one terminal type; `carsplus keys --term NAME` runs in its own process."""
    import curses

    if not term:
        return None
    devnull = os.open(os.devnull, os.O_WRONLY)  # setupterm wants a file descriptor; it writes nothing to it
    try:
        curses.setupterm(term, devnull)
    except curses.error:
        return None
    finally:
        os.close(devnull)
    return {cap: curses.tigetstr(cap) for cap in sorted(set(CAPABILITIES.values()))}


def textual_reads(sequence: bytes | None) -> tuple[str, ...]:
    """The key names Textual gives the app for the bytes (empty: it does not read them as a key)."""
    if not sequence:
        return ()
    from carsplus_tui.tui.internals import textual_key_table

    found = textual_key_table().get(sequence.decode("latin-1"))
    if not isinstance(found, tuple):
        return ()
    return tuple(getattr(k, "value", str(k)) for k in found)


def missing_from(sequences: dict[str, bytes | None]) -> frozenset[str]:
    """The key names whose capability is absent, or whose sequence Textual does not read as a key."""
    return frozenset(name for name, cap in CAPABILITIES.items() if not textual_reads(sequences.get(cap)))


def missing_keys(app: Any = None) -> frozenset[str]:  # noqa: ANN401
    """The key names the legend should treat as missing for this app's terminal."""
    from carsplus_tui.settings import get_settings

    settings = getattr(app, "settings", None) or get_settings()
    if settings.missing_keys is not None:
        return parse_missing(settings.missing_keys)
    if app is not None and (getattr(app, "is_headless", False) or getattr(app, "is_web", False)):
        return frozenset()
    sequences = terminfo_sequences(os.environ.get("TERM"))
    # An unknown terminal type tells us nothing: keep the legend as the manual has it.
    return missing_from(sequences) if sequences is not None else frozenset()


# ---------------------------------------------------------------------------------------------------------------
# `carsplus keys`
# ---------------------------------------------------------------------------------------------------------------
def shown_bytes(sequence: bytes) -> str:
    """`\\x1bOP` -> `\\EOP`, control characters as ^X (terminfo's own notation)."""
    out = []
    for byte in sequence:
        if byte == 0x1B:
            out.append("\\E")
        elif byte < 0x20:
            out.append("^" + chr(byte + 0x40))
        elif byte == 0x7F:
            out.append("^?")
        else:
            out.append(chr(byte))
    return "".join(out)


def key_label(key: key_table.Key) -> str:
    """`shift+f7,f19,f17` -> `SHIFT+F7`; `f7,pageup` -> `F7/PGUP`."""
    names = [n for n in key.names if not any(n in alias[1:] for alias in ALIASES.values() if alias[0] in key.names)]
    return "/".join(n.upper().replace("PAGEUP", "PGUP").replace("PAGEDOWN", "PGDN") for n in names)


def does(key: key_table.Key) -> str:
    if key.action in DOES:
        return DOES[key.action]
    return key.legend.split("=", 1)[1] if "=" in key.legend else key.action.upper()


@dataclass(frozen=True)
class KeyUse:
    label: str  # F1, SHIFT+F7, F7/PGUP
    screen: str
    does: str
    present: bool
    sends: str  # the sequences and what the app reads them as, or "MISSING - <what to do instead>"


def checked_keys(sequences: dict[str, bytes | None]) -> Iterator[KeyUse]:
    """Every key the app uses that a terminal may lack, screen by screen, against the terminal's sequences."""
    missing = missing_from(sequences)
    for screen, table in key_table.SCREENS.items():
        for key in table:
            if not any(name in CAPABILITIES for name in key.names):
                continue  # typed words, Esc, Enter: every terminal has them
            present = not key.is_missing(missing)
            if present:
                parts: list[str] = []
                for name in key.names:
                    cap = CAPABILITIES.get(name)
                    sequence = sequences.get(cap) if cap else None
                    if cap and sequence and name not in missing and f"{cap}=" not in " ".join(parts):
                        parts.append(f"{cap}={shown_bytes(sequence)} ({'/'.join(textual_reads(sequence))})")
                sends = " ".join(parts)
            else:
                sends = f"MISSING \u2014 {key.instead}"
            yield KeyUse(key_label(key), screen, does(key), present, sends)


def _label_order(label: str) -> tuple[int, int]:
    """F1 ... F20, then SHIFT+F7, the paging keys (F7/PGUP) and the arrows."""
    if label in ("UP", "DOWN"):
        return 3, label == "DOWN"
    group = 2 if "/" in label else 1 if "+" in label else 0
    digits = "".join(c for c in label.split("/")[0] if c.isdigit())
    return group, int(digits or 0)


def report(term: str | None, sequences: dict[str, bytes | None] | None) -> tuple[list[str], int]:
    """The lines `carsplus keys` prints, and how many keys are missing."""
    if sequences is None:
        return ([f"TERM={term or '(not set)'} is not in the terminfo database: cannot tell which keys it sends.",
                 "Every function key also has a word typed at OPTION (README: Keys on any terminal)."], 0)
    lines = [f"TERM={term}", f"{'KEY':<9} {'SCREEN':<18} {'DOES':<22} SENDS"]
    missing_labels: list[str] = []
    for use in checked_keys(sequences):
        lines.append(f"{use.label:<9} {use.screen:<18} {use.does[:22]:<22} {use.sends}")
        if not use.present and use.label not in missing_labels:
            missing_labels.append(use.label)
    if missing_labels:
        count = len(missing_labels)
        missing_labels.sort(key=_label_order)
        lines.append(f"{count} key{'s' if count != 1 else ''} missing: {', '.join(missing_labels)}")
    else:
        lines.append("all keys present")
    return lines, len(missing_labels)
