"""Child process of test_crash_safety: the real app, headless (Textual's Pilot), signs on, types a report with
Enter between fields, prints `TYPED`, waits for a line on stdin, prints `F1` and presses F1. The test kills it
with SIGKILL at a chosen delay after `F1`; a run left alone prints `SAVED <report #> <seconds>` when the message
line says the report is saved.

    python -m tests.hardening.crash_driver DATABASE_URL EMPLOYEE PASSWORD CLAIM_NUMBER
"""

from __future__ import annotations

import asyncio
import sys
import time

from carsplus_tui.db.database import Database
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.widgets.field import MessageLine
from tests.tui.conftest import SIZE, settle, sign_on, type_field

# What the agent types: RA (fills renter and vehicle), Renter's Claim # (the report's name tag in the test),
# Excess Charged (a charge on the RA), one damage line (vehicle history). Field numbers are the manual's.
RA_NUMBER = "L4005187"
EXCESS_CHARGED = "150.00"
DAMAGE = ("D1", "FRONT PASSENGER FENDER", "D")


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


async def drive(url: str, employee: str, password: str, claim_number: str) -> None:
    db = Database(url)
    app = CarsplusApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, employee, password)
        screen = app.screen
        if not isinstance(screen, DamageEntryScreen):
            raise SystemExit(f"after sign-on: {type(screen).__name__}")
        await type_field(pilot, RA_NUMBER)  # 1
        await pilot.press("escape", *"12", "enter")  # OPTION: jump to field 12
        await type_field(pilot, claim_number)  # 12 Renter's Claim #
        await type_field(pilot, EXCESS_CHARGED)  # 13 Excess Charged
        await pilot.press("escape", *"15", "enter")
        await type_field(pilot, DAMAGE[0])  # 15 Damage Code (description filled in)
        await type_field(pilot, "")
        await type_field(pilot, DAMAGE[2])  # 16 Type
        await type_field(pilot, "")  # empty line: cursor to OPTION
        await settle(pilot)  # the draft of the last field is written, as after an agent's pause before F1
        say("TYPED")
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        say("F1")
        started = time.perf_counter()
        await pilot.press("f1")
        line = screen.query_one(MessageLine)  # page 1's, under the pop-ups that follow a save
        while "SAVED" not in str(line.render()):
            await pilot.pause(0.005)
            if time.perf_counter() - started > 60:
                raise SystemExit(f"no save after 60 s: {line.render()!s}")
        number = str(line.render()).split("DAMAGE REPORT ")[1].split()[0]
        say(f"SAVED {number} {time.perf_counter() - started:.4f}")
        await settle(pilot)
    db.dispose()


if __name__ == "__main__":
    asyncio.run(drive(*sys.argv[1:5]))
