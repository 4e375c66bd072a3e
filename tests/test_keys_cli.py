"""`carsplus keys`: which keys the terminal sends (terminfo), and the word to type at OPTION for each one it lacks.

curses reads terminfo once per process, so each terminal type is checked in a process of its own, as IT runs it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from carsplus_tui.tui import keys
from carsplus_tui.tui.terminal_keys import CAPABILITIES, report, shown_bytes

# What xterm's terminfo says (kf1..kf20, paging and arrows), for the checks that need no terminal database.
XTERM = {f"kf{n}": s for n, s in zip(range(1, 5), (b"\x1bOP", b"\x1bOQ", b"\x1bOR", b"\x1bOS"), strict=True)} | {
    f"kf{n}": f"\x1b[{code}~".encode()
    for n, code in ((5, 15), (6, 17), (7, 18), (8, 19), (9, 20), (10, 21), (12, 24))
} | {"kf17": b"\x1b[15;2~", "kf19": b"\x1b[18;2~", "kpp": b"\x1b[5~", "knp": b"\x1b[6~", "kcuu1": b"\x1bOA",
     "kcud1": b"\x1bOB"}


def carsplus_keys(*args: str, term: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "TERM"} | ({"TERM": term} if term else {})
    return subprocess.run([sys.executable, "-m", "carsplus_tui", "keys", *args], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def lines_for(output: str, label: str, screen: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(f"{label} ") and f" {screen} " in line]


def test_xterm_sends_every_key_and_each_line_says_what_the_app_reads() -> None:
    result = carsplus_keys("--term", "xterm-256color")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "TERM=xterm-256color" and out.splitlines()[-1] == "all keys present"
    assert "kf1=\\EOP (f1)" in lines_for(out, "F1", "PAGE 1")[0]
    assert "kf19=\\E[18;2~ (f19)" in lines_for(out, "SHIFT+F7", "PAGE 1")[0]
    assert "kf10=\\E[21~ (f10)" in lines_for(out, "F10", "PAGE 1")[0]
    assert "MISSING" not in out


def test_a_vt220_lacks_f5_and_is_told_the_words() -> None:
    result = carsplus_keys("--term", "vt220")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "MISSING \u2014 press UP, or type BACKUP at OPTION" in lines_for(out, "F5", "PAGE 1")[0]
    assert "MISSING \u2014 type FOL at OPTION" in lines_for(out, "F5", "SEARCH")[0]
    assert "MISSING \u2014 type ADD at OPTION" in lines_for(out, "F5", "DMS ACTIVITY")[0]
    assert "MISSING \u2014 press UP" in lines_for(out, "F5", "POP-UP WINDOWS")[0]
    assert "kf19=\\E[33~ (f19)" in lines_for(out, "SHIFT+F7", "PAGE 1")[0]  # vt220's F19 is read as Shift+F7's
    assert out.splitlines()[-1] == "1 key missing: F5"


def test_term_from_the_environment_and_a_terminal_without_function_keys() -> None:
    screen = carsplus_keys(term="screen")  # no --term: $TERM
    assert screen.returncode == 0 and screen.stdout.startswith("TERM=screen\n")
    assert "MISSING \u2014 type LOOKUP at OPTION" in lines_for(screen.stdout, "SHIFT+F7", "PAGE 1")[0]
    assert screen.stdout.splitlines()[-1] == "1 key missing: SHIFT+F7"

    dumb = carsplus_keys("--term", "dumb")
    assert dumb.returncode == 0
    for word, label in (("SAVE", "F1"), ("MAP", "F10"), ("NEXT", "F8"), ("HISTORY", "F9")):
        screen_name = "PAGE 2" if word == "HISTORY" else "PAGE 1"
        assert f"MISSING \u2014 type {word} at OPTION" in lines_for(dumb.stdout, label, screen_name)[0]
    assert "MISSING \u2014 type OFF at OPTION" in lines_for(dumb.stdout, "F12", "PAGE 1")[0]
    assert dumb.stdout.splitlines()[-1] == ("16 keys missing: F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F12, "
                                            "SHIFT+F7, F7/PGUP, F8/PGDN, UP, DOWN")


def test_an_unknown_terminal_type_is_said_plainly() -> None:
    result = carsplus_keys("--term", "no-such-terminal-xyz")
    assert result.returncode == 0
    assert "TERM=no-such-terminal-xyz is not in the terminfo database" in result.stdout


@pytest.mark.parametrize("gone", ["kf10", "kf19", "kpp"])
def test_the_report_counts_a_key_missing_only_when_no_name_of_it_is_sent(gone: str) -> None:
    sequences = {cap: XTERM.get(cap) for cap in set(CAPABILITIES.values())} | {gone: None}
    lines, missing = report("test", sequences)
    if gone == "kf10":
        assert missing == 1 and lines[-1] == "1 key missing: F10"
        assert any(line.startswith("F10 ") and "MISSING \u2014 type MAP at OPTION" in line for line in lines)
    elif gone == "kf19":  # kf17 still reaches the app for Shift+F7 (rxvt sends it)
        assert missing == 0 and lines[-1] == "all keys present"
        assert any(line.startswith("SHIFT+F7 ") and "kf17=\\E[15;2~ (f17)" in line for line in lines)
    else:  # F7 still pages back on the search screen
        assert missing == 0


def test_every_key_of_every_screen_is_listed() -> None:
    lines, _ = report("test", {cap: XTERM.get(cap) for cap in set(CAPABILITIES.values())})
    listed = len(lines) - 3  # TERM line, header, summary
    expected = sum(1 for table in keys.SCREENS.values() for k in table
                   if any(n in CAPABILITIES for n in k.names))
    assert listed == expected
    assert shown_bytes(b"\x1b[18;2~") == "\\E[18;2~" and shown_bytes(b"\x08") == "^H"


async def test_keys_press_asks_for_each_key_and_reports_what_the_app_received() -> None:
    from carsplus_tui.tui.key_check import KeyCheckApp, summary

    app = KeyCheckApp()
    asked = [w.label for w in app.wanted]
    assert asked[:3] == ["F1", "F2", "F3"] and "SHIFT+F7" in asked and asked[-2:] == ["UP", "DOWN"]
    async with app.run_test(size=(100, 30)) as pilot:
        for label in asked:
            assert f"PRESS {label} " in str(app.query_one("#ask").render())
            # F2: nothing happens on this terminal (Esc); F3: the terminal sends F4 instead; Shift+F7 as F19.
            press = {"F2": "escape", "F3": "f4", "SHIFT+F7": "f19", "PGUP": "pageup", "PGDN": "pagedown"}.get(
                label, label.lower())
            await pilot.press(press)
            await pilot.pause()
    lines, missing = summary(app.return_value)
    assert missing == 2 and lines[-1] == "2 keys missing: F2, F3"
    assert "F3        MISSING (the app read f4)" in lines
    assert "          SEARCH: RA # \u2014 type RA at OPTION" in lines
    assert "SHIFT+F7  OK (the app reads f19)" in lines and "F1        OK (the app reads f1)" in lines
