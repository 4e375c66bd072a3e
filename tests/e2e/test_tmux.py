"""End to end in a real terminal: the app under tmux, keys sent with send-keys, the screen read with capture-pane.
A counter agent signs on, types the manual's example with Enter between fields, presses F1, and the report is
then read back with `carsplus report show`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    def __init__(self, command: str, env: dict[str, str], cwd: Path) -> None:
        self.name = f"carsplus-{uuid.uuid4().hex[:8]}"
        # A server of its own (-L), so the app gets exactly this environment, not a running server's.
        self.tmux = ["tmux", "-L", self.name]
        settings = [arg for key, value in env.items() if key.startswith("CARSPLUS_") or key == "TERM"
                    for arg in ("-e", f"{key}={value}")]
        subprocess.run([*self.tmux, "new-session", "-d", "-s", self.name, "-x", "80", "-y", "24", *settings,
                        command], check=True, env=env, cwd=cwd, timeout=20)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True, timeout=10)

    def type(self, text: str, *, enter: bool = True) -> None:
        if text:
            subprocess.run([*self.tmux, "send-keys", "-t", self.name, "-l", text], check=True, timeout=10)
        if enter:
            self.keys("Enter")
        time.sleep(0.15)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", self.name], check=True,
                              capture_output=True, text=True, timeout=10).stdout

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True, timeout=10)


@pytest.fixture
def terminal_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARSPLUS_")}
    env |= {"CARSPLUS_DATABASE_URL": f"sqlite:///{tmp_path / 'counter.db'}", "TERM": "xterm-256color",
            "CARSPLUS_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([BIN / "carsplus", "sample", "load"], env=env, check=True, capture_output=True)
    return env


@pytest.mark.slow
def test_counter_agent_types_the_manuals_example_in_a_real_terminal(terminal_env, tmp_path) -> None:  # noqa: ANN001
    term = Terminal(f"{BIN / 'carsplus'}", terminal_env, tmp_path)
    try:
        term.wait_for("EMPLOYEE CODE")
        term.type("DEMO")
        term.type("demo")
        term.wait_for("DAMAGE REPORT ENTRY")
        term.wait_for("F1=SAVE F3=ERASE F4=DMS F6=SEARCH F8=NEXT PAGE F10=MAP N=NOTES")
        term.type("A0001310")
        term.wait_for("LAMPERT")
        term.type("")  # 2 Non-Rev#
        term.type("")  # 3 Unit # (001888 from the RA)
        term.type("Y")  # 4 → ACCIDENT DETAILS
        term.wait_for("ACCIDENT DETAILS")
        for value in ("07-20-09/1530", "CORNER OF GRAND AND 4TH STREET", "SANTA ANA, CALIF", "MURPHY", "18881020",
                      "DOWNTOWN", "789456DM", "N", "", ""):
            term.type(value)
        term.wait_for("4 Accident Details Y")  # the window closed and field 4 shows Y
        time.sleep(0.3)
        for value in ("Y", "Y", "N", "N"):  # 5, 6, 7, 8 (no third party, so 9 is skipped)
            term.type(value)
        term.type("N")  # 10 Damage Covered?
        term.type("")  # 11
        term.type("CN1234")  # 12
        term.type("150.00")  # 13
        term.type("")  # 14 → ACCIDENT DESCRIPTION window
        term.wait_for("ACCIDENT DESCRIPTION")
        term.type("THIRD PARTY ROLLED THROUGH STOP SIGN; HIT FRONT PASSENGER SIDE")
        term.type("")  # an empty line ends the window
        term.wait_for("14 Accident Desc   THIRD PARTY")
        time.sleep(0.3)
        term.type("D1")  # 15 Damage Code
        term.wait_for("FRONT PASSENGER FENDER")
        term.type("")  # its description
        term.type("D")  # 16 Type
        term.wait_for("DENT")
        term.keys("F1")
        screen = term.wait_for(" SAVED")
        saved_line = next(line for line in screen.splitlines() if " SAVED" in line)
        number = int(saved_line.split("DAMAGE REPORT ")[1].split()[0])
        for _ in range(6):  # the print questions ("...? (Y/N)"): not now
            if "? (Y/N)" not in term.screen():
                break
            term.type("N", enter=False)
            time.sleep(0.3)
        assert "? (Y/N)" not in term.screen()
    finally:
        term.close()
    shown = subprocess.run([BIN / "carsplus", "report", "show", str(number)], env=terminal_env, check=True,
                           capture_output=True, text=True)
    report = json.loads(shown.stdout)
    assert (report["ra_number"], report["unit_number"], report["renters_claim_number"]) == (
        "A0001310", "001888", "CN1234")
    assert report["excess_charged"] == "150.00"
    assert report["accident_details"]["police_name"] == "MURPHY"
    assert report["damage_lines"] == [{"code": "D1", "description": "FRONT PASSENGER FENDER", "type": "D"}]
    assert report["last_modified_by"] == "DEMO"
