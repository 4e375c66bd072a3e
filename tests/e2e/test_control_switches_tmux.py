"""End to end in two real terminals (tmux), issue 21's journey: an administrator turns Ausie Rules on in EDIT DAMAGE
CONTROL RECORD (menu line 10); on a second terminal, signed on before the change and never restarted, the next new
report requires Customer Present and Renter Driving, and page 2 keeps External Claim closed below claim status 3.
A non-administrator gets neither the menu line nor the program, and `carsplus control set` refuses them too."""

from __future__ import annotations

import subprocess

import pytest

from carsplus_tui.services.control_file import read_control
from carsplus_tui.services.maintenance import NOT_ADMINISTRATOR, audit_trail
from carsplus_tui.tui.screens.control_record import LABEL_WIDTH
from tests.e2e.terminal import CARSPLUS, Counter

pytestmark = pytest.mark.slow

AUSIE_LABEL = " 1 AUSIE RULES ".ljust(LABEL_WIDTH, ".")


def test_ausie_rules_on_one_terminal_rule_the_next_report_on_another(counter: Counter) -> None:
    counter_agent = counter.signed_on("JSMITH", "jsmith")  # signed on first: Ausie Rules were off then

    admin = counter.signed_on("DEMO", "demo")
    admin.at_option()
    admin.type("MENU")
    admin.wait_for("DAMAGE TRACKING SUBMENU", "10. EDIT DAMAGE CONTROL RECORD")
    admin.type("10")
    admin.wait_for("EDIT DAMAGE CONTROL RECORD", "(GVT DMGENT67)")
    admin.wait_cursor(AUSIE_LABEL)
    admin.keys("F7")
    admin.wait_for("AUSIE RULES: \"IF THE 'AUSIE RULES' FLAG IS TURNED ON IN THE EDIT DAMAGE",
                   "CONTROL RECORD THIS FIELD IS REQUIRED\"")  # F7: the manual's words
    admin.type("Y")
    admin.wait_cursor(" 2 WITNESS CUSTOMER TYPE ".ljust(LABEL_WIDTH, "."))
    admin.keys("F1")
    admin.wait_for("CONTROL RECORD SAVED - AUSIE RULES")
    assert read_control(counter.db)["ausie_rules"] is True
    assert [(a.field, a.new_value, a.employee_code) for a in audit_trail(counter.db, "CONTROL")] == [
        ("ausie_rules", "Y", "DEMO")]

    # The other terminal's next new report: no restart.
    term = counter_agent
    term.type("L4005187")  # an open RA with no reports
    term.wait_cursor("2 Non-Rev#")
    term.type("")
    term.wait_cursor("3 Unit #")
    term.type("")
    term.wait_for("DO YOU WISH TO SEE EXISTING DAMAGE? (Y/N)")  # the vehicle's unrepaired damage: not now
    term.type("N", enter=False)
    term.wait_cursor("4 Accident Details")
    term.type("")
    term.wait_cursor("5 Customer Present")
    term.type("")  # blank: refused now
    term.wait_for("5 CUSTOMER PRESENT: IS REQUIRED")
    term.wait_cursor("5 Customer Present")
    term.type("Y")
    term.wait_cursor("6 Renter Driving?")
    term.keys("BSpace")  # the blank screen's default Y taken away: blank is refused too
    term.wait_until(lambda: "6 Renter Driving?  *" in term.screen(), "6 Renter Driving? blank")
    term.type("")
    term.wait_for("6 RENTER DRIVING?: IS REQUIRED")
    term.type("Y")
    term.wait_cursor("7 Driver Injured?")
    term.type("")
    term.wait_cursor("8 3rd Party Invld?")
    term.type("N")
    term.wait_cursor("10 Damage Covered?")  # 9 Admits Fault is for a 3rd party
    term.keys("F1")
    term.wait_for("SAVED")
    # After the save: the charges it put on the RA (Enter goes on) and the print questions (not now).
    while True:
        screen = term.screen()
        if "CHARGES PUT ON THE RA" in screen:
            term.keys("Enter")
            term.wait_gone("CHARGES PUT ON THE RA")
        elif "? (Y/N)" in screen:
            question = term.line_with("? (Y/N)")
            term.type("N", enter=False)
            term.wait_until(lambda q=question: term.line_with("? (Y/N)") != q, "the next question")
        elif "╭" not in screen:
            break
    term.keys("F8")
    term.wait_for("DAMAGE ENTRY - CLAIM INFO")
    term.at_option()
    term.type("2")  # 2 External Claim: a report of claim status 1 cannot reach it under Ausie Rules
    term.wait_for("2 EXTERNAL CLAIM: CAN BE SET WHEN THE CLAIM STATUS IS 3 OR MORE (IT IS 1)")


def test_a_non_administrator_cannot_open_the_maintenance_programs(counter: Counter) -> None:
    term = counter.signed_on("JSMITH", "jsmith")
    term.at_option()
    term.type("MENU")
    screen = term.wait_for("DAMAGE TRACKING SUBMENU", "1. DAMAGE REPORT ENTRY")
    assert "EDIT DAMAGE CONTROL RECORD" not in screen and "EDIT USER ACCESS FILE" not in screen
    term.type("10")
    term.wait_for(NOT_ADMINISTRATOR)
    term.type("USERACC")
    term.wait_for(f"USERACC: {NOT_ADMINISTRATOR}")
    assert "DAMAGE TRACKING SUBMENU" in term.screen()

    env = {**counter.env, "CARSPLUS_PASSWORD": "jsmith"}
    done = subprocess.run([CARSPLUS, "control", "set", "ausie_rules", "Y", "--employee", "JSMITH"], env=env,
                          cwd=counter.cwd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 0
    assert "JSMITH is not an administrator" in done.stderr and "nothing changed" in done.stderr
    assert read_control(counter.db)["ausie_rules"] is False
