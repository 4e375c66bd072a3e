"""The real app in a real terminal: a tmux server of its own per terminal, keys sent with `send-keys`, the screen
read with `capture-pane` (with its colours, to find the field that has the cursor).

Every wait polls the screen (or the field with the cursor) for what a user would see, with a generous time-out: CI runs two test
workers on two cores, so nothing here may depend on how fast the app answers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
CARSPLUS = str(BIN / "carsplus")
# Long enough for a loaded 2-core CI machine; a wait that is met returns at once.
TIMEOUT = float(os.environ.get("CARSPLUS_E2E_TIMEOUT", "30"))
POLL = 0.05
# How the focused field looks in 256 colours (the fixture takes COLORTERM away, so the app uses 256): its background
# (#0b3d0b), the selection that overtyping starts with (#1f7a1f), the cursor cell (black on #33ff33) and, in the
# search screen's plain inputs, Textual's own cursor cell (light grey).
FOCUS_MARKS = ("\x1b[48;5;22m", "\x1b[48;5;28m", "\x1b[38;5;16m\x1b[48;5;83m", "\x1b[48;5;253m")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PAGE1_LEGEND = "F1=SAVE F2=WORK F3=ERASE F4=DMS F6=SEARCH F8=NEXT PAGE F10=MAP N=NOTES"


class UserView(ABC):
    """What a user sees and does, whatever shows the app (a tmux pane here, a browser tab in tests/web): the waits and
    look-ups, on top of the keys, the screen and the field with the cursor each kind of view gives."""

    @abstractmethod
    def keys(self, *keys: str) -> None:
        """Press keys by tmux's names (Enter, Escape, F1, BSpace ...)."""

    @abstractmethod
    def type(self, text: str, *, enter: bool = True) -> None:
        """Type `text` (then Enter) in one go."""

    @abstractmethod
    def burst(self, *texts: str) -> None:
        """Each text plus RET, all arriving together."""

    @abstractmethod
    def paste(self, text: str) -> None:
        """One bracketed paste of `text`."""

    @abstractmethod
    def screen(self) -> str:
        """The characters on the screen, line by line."""

    @abstractmethod
    def focus(self) -> list[str]:
        """For each line showing the field with the cursor, the text left of it."""

    def fill(self, label: str, text: str, *, enter: bool = True) -> None:
        """Wait until the cursor is in the field labelled `label` (on the cursor's line), then type there."""
        self.wait_cursor(label)
        self.type(text, enter=enter)

    def lines(self) -> list[str]:
        return self.screen().splitlines()

    def line_with(self, text: str) -> str:
        return next((line for line in self.lines() if text in line), "")

    def wait_until(self, check: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check():
                return
            time.sleep(POLL)
        raise AssertionError(f"{what} never happened in {timeout:.0f} s; the cursor is after {self.focus()!r} and "
                             f"the screen shows:\n{self.screen()}")

    def wait_for(self, *texts: str, timeout: float = TIMEOUT) -> str:
        """Wait until every one of `texts` is on the screen; returns the screen."""
        shown = ""

        def present() -> bool:
            nonlocal shown
            shown = self.screen()
            return all(text in shown for text in texts)

        self.wait_until(present, f"{' + '.join(map(repr, texts))} on the screen", timeout)
        return shown

    def wait_gone(self, text: str, timeout: float = TIMEOUT) -> str:
        shown = ""

        def gone() -> bool:
            nonlocal shown
            shown = self.screen()
            return text not in shown

        self.wait_until(gone, f"{text!r} leaving the screen", timeout)
        return shown

    def wait_cursor(self, label: str, timeout: float = TIMEOUT) -> None:
        """Wait until the cursor is in the field right of `label` (e.g. "1 RA#", "16 Type", "OPTION:"); spaces are
        compared as one, so the second field of a row is named by what is left of it: "GARCIA /", "TUCSON /AZ /"."""
        wanted = " ".join(label.split())
        self.wait_until(lambda: any(" ".join(left.split()).endswith(wanted) for left in self.focus()),
                        f"the cursor in the field of {label!r}", timeout)

    def at_option(self) -> None:
        """Esc to the OPTION field (unless the cursor is there). Keys wait for Esc to land: an Esc with a key right
        behind it in one read is how a terminal sends Alt+key."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            if not self.at("OPTION:"):
                self.keys("Escape")
            self.wait_cursor("OPTION:", timeout=max(deadline - time.monotonic(), 1.0))
            # A screen that has just said something (SCREEN ERASED, a recall) may move the cursor a moment after the
            # line is painted; OPTION counts once the cursor stays there.
            time.sleep(0.3)
            if self.at("OPTION:") or time.monotonic() > deadline:
                return

    def at(self, label: str) -> bool:
        wanted = " ".join(label.split())
        return any(" ".join(left.split()).endswith(wanted) for left in self.focus())

    def answer_print_questions(self, answer: str, count: int) -> list[str]:
        """Answer the `count` print questions asked after F1 ("...? (Y/N)", one after another) with `answer`;
        returns them, and checks no further one follows."""
        asked: list[str] = []
        for _ in range(count):
            self.wait_until(lambda: (self.line_with("? (Y/N)").strip() or None) not in (None, *asked[-1:]),
                            f"print question {len(asked) + 1} of {count}")
            asked.append(self.line_with("? (Y/N)").strip())
            self.type(answer, enter=False)
        self.wait_until(lambda: self.line_with("? (Y/N)").strip() not in asked[-1:], "the last answer taken")
        assert "? (Y/N)" not in self.screen(), f"more print questions than {asked}"
        return asked


class Terminal(UserView):
    """One 80 x 24 terminal running `command` in a tmux server of its own."""

    def __init__(self, command: str, env: dict[str, str], cwd: Path, *, width: int = 80, height: int = 24) -> None:
        self.name = f"carsplus-{uuid.uuid4().hex[:8]}"
        # A server of its own (-L), so the app gets exactly this environment, not a running server's.
        self.tmux = ["tmux", "-L", self.name]
        settings = [arg for key, value in env.items() if key.startswith("CARSPLUS_") or key == "TERM"
                    for arg in ("-e", f"{key}={value}")]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height),
                        *settings, command], check=True, env=env, cwd=cwd, timeout=TIMEOUT)

    # -- keys ---------------------------------------------------------------------------------------------------
    def keys(self, *keys: str) -> None:
        """tmux key names: Enter, Escape, F1, S-F7, C-u ..."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True, timeout=TIMEOUT)

    def type(self, text: str, *, enter: bool = True) -> None:
        """Type `text` literally (then Enter) in one write, as a fast typist's burst. Keys for the next field wait for
        the cursor (`fill`): in a real terminal a key typed right behind an Enter that moves to another field can
        still land in the field being left (Textual queues keys to the focused widget as they arrive)."""
        if text:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True, timeout=TIMEOUT)
        if enter:
            self.keys("Enter")

    def burst(self, *texts: str) -> None:
        """Each text plus RET, all in one write (as a slow ssh link delivers a fast typist's keys)."""
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", "".join(f"{t}\r" for t in texts)],
                       check=True, timeout=TIMEOUT)

    def paste(self, text: str) -> None:
        """One bracketed paste of `text` (tmux `set-buffer` + `paste-buffer -p`: the app sees it as a paste)."""
        buffer = f"paste-{uuid.uuid4().hex[:8]}"
        subprocess.run([*self.tmux, "set-buffer", "-b", buffer, "--", text], check=True, timeout=TIMEOUT)
        subprocess.run([*self.tmux, "paste-buffer", "-p", "-d", "-r", "-b", buffer, "-t", self.name], check=True,
                       timeout=TIMEOUT)

    # -- what the screen shows ----------------------------------------------------------------------------------
    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], check=True,
                              capture_output=True, text=True, timeout=TIMEOUT).stdout

    def focus(self) -> list[str]:
        """For each line showing a field with the cursor, the text left of it: a user finds the cursor by the bright
        field. (The terminal's own cursor moves only when a field's text changes, so it cannot say which field an
        Enter moved to.) Other bright things (the DMS window's active tab) give lines too; labels tell them apart."""
        found = []
        for line in self.raw_screen().splitlines():
            starts = [i for i in (line.find(mark) for mark in FOCUS_MARKS) if i >= 0]
            if starts:
                found.append(ANSI.sub("", line[:min(starts)]).rstrip())
        return found

    def raw_screen(self) -> str:
        """The screen with its colours (escape sequences), for finding the field with the cursor."""
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-e", "-t", self.name], check=True,
                              capture_output=True, text=True, timeout=TIMEOUT).stdout

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], check=False, capture_output=True, timeout=TIMEOUT)


class Counter:
    """The app at a counter: a terminal on the test database, plus the same database for checking afterwards."""

    def __init__(self, env: dict[str, str], cwd: Path, db) -> None:
        self.env = env
        self.cwd = cwd
        self.db = db  # the fixtures' Database: read what the app wrote through the services
        self.data_dir = Path(env["CARSPLUS_DATA_DIR"])
        self.terminals: list[Terminal] = []

    def start(self, *args: str) -> Terminal:
        term = Terminal(" ".join([CARSPLUS, *args]), self.env, self.cwd)
        self.terminals.append(term)
        return term

    def signed_on(self, code: str = "DEMO", password: str = "demo") -> Terminal:
        """A terminal past the sign-on, on an empty page 1 with the cursor in 1 RA#."""
        term = self.start()
        term.fill("EMPLOYEE CODE", code)
        term.fill("PASSWORD", password)
        term.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)
        term.wait_cursor("1 RA#")
        return term

    def recall(self, term: Terminal, number: int) -> None:
        """`#N` at OPTION, as the manual says; waits for the report on page 1."""
        term.at_option()
        term.type(f"#{number}")
        term.wait_for(f"DAMAGE REPORT {number} - CLAIM STATUS")
        # The report is painted a moment before the cursor moves to RA#; a key sent in between lands at OPTION.
        term.wait_cursor("1 RA#")

    def signed_cli(self, *args: str, employee: str = "CLERK") -> str:
        """`carsplus ...` signed on as a sample employee (the commands that read claims sign on too)."""
        return self.cli(*args, "--employee", employee, "--password-stdin", stdin=f"{employee.lower()}\n")

    def cli(self, *args: str, stdin: str | None = None) -> str:
        """`carsplus ...` as IT would run it, on the same database and data folder (`stdin`: for --password-stdin)."""
        done = subprocess.run([CARSPLUS, *args], check=False, env=self.env, cwd=self.cwd, capture_output=True, text=True,
                              timeout=120, input=stdin)
        assert done.returncode == 0, f"carsplus {' '.join(args)} failed: {done.stderr or done.stdout}"
        return done.stdout

    def close(self) -> None:
        for term in self.terminals:
            term.close()
