"""End to end in real terminals (tmux): the same agent signed on at two terminals, both typing. F1 at one saves its
report and deletes only that terminal's draft; the other terminal's program is killed (kill -9) and, restarted at
that terminal, offers its report back, named."""

from __future__ import annotations

import os
import signal
import subprocess

import pytest

from carsplus_tui.services import drafts
from carsplus_tui.services.reports import load_report_data
from tests.e2e.terminal import CARSPLUS, PAGE1_LEGEND, TIMEOUT, Counter, Terminal

pytestmark = pytest.mark.slow


def at_terminal(counter: Counter, name: str) -> Terminal:
    """The app at the terminal a site named `name` (CARSPLUS_TERMINAL), signed on as DEMO."""
    term = Terminal(CARSPLUS, {**counter.env, "CARSPLUS_TERMINAL": name}, counter.cwd)
    counter.terminals.append(term)
    term.fill("EMPLOYEE CODE", "DEMO")
    term.fill("PASSWORD", "demo")
    return term


def app_pid(term: Terminal) -> int:
    shown = subprocess.run([*term.tmux, "list-panes", "-t", term.name, "-F", "#{pane_pid}"], check=True,
                           capture_output=True, text=True, timeout=TIMEOUT).stdout
    return int(shown.split()[0])


def test_same_agent_two_terminals_f1_on_one_kill_the_other_its_draft_comes_back(counter: Counter) -> None:
    one = at_terminal(counter, "COUNTER-1")
    one.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)
    two = at_terminal(counter, "COUNTER-2")
    two.wait_for("DAMAGE REPORT ENTRY", PAGE1_LEGEND)

    # terminal 2 starts a new report on an RA; terminal 1 changes report 45 (both are kept as DEMO's drafts)
    two.fill("1 RA#", "L4005187")
    two.wait_cursor("2 Non-Rev#")
    counter.recall(one, 45)
    one.at_option()
    one.type("12")
    one.fill("12 Renters Claim #", "CN-TERMINAL-1")
    one.wait_cursor("13 Excess Charged")

    def draft(terminal: str) -> dict | None:
        return drafts.load_draft(counter.db, drafts.DraftKey("DEMO", terminal))

    one.wait_until(lambda: (draft("COUNTER-1") or {}).get("renters_claim_number") == "CN-TERMINAL-1",
                   "terminal 1's draft kept")
    one.wait_until(lambda: (draft("COUNTER-2") or {}).get("ra_number") == "L4005187", "terminal 2's draft kept")

    one.keys("F1")
    one.wait_for("DAMAGE REPORT 45 SAVED")
    for _ in range(10):  # the print questions, one after another
        question = one.line_with("? (Y/N)").strip()
        if not question:
            break
        one.type("N", enter=False)
        one.wait_until(lambda q=question: one.line_with("? (Y/N)").strip() != q, "the answer taken")
    assert load_report_data(counter.db, 45).renters_claim_number == "CN-TERMINAL-1"
    assert draft("COUNTER-1") is None  # saved: nothing to offer there
    assert (draft("COUNTER-2") or {}).get("ra_number") == "L4005187"  # the other terminal's draft stays

    # terminal 2's program dies without a word
    os.kill(app_pid(two), signal.SIGKILL)
    two.close()

    # restarted at terminal 2, the same agent is offered that terminal's report, named
    again = at_terminal(counter, "COUNTER-2")
    again.wait_for("RECOVER UNSAVED NEW REPORT FOR RA L4005187? (Y/N)")
    again.type("Y", enter=False)
    shown = again.wait_for("DAMAGE REPORT ENTRY", "L4005187")
    assert "Open Loc" in shown
    again.wait_until(lambda: again.line_with("Open Loc").split("Open Loc")[1].split()[0] not in ("*", ""),
                     "the RA's Open Loc shown again")
