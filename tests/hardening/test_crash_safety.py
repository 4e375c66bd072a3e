"""Crash safety: the app killed with SIGKILL in the middle of F1, many times, at random points of the save.

Each terminal is a child process running the real app (tests/hardening/crash_driver.py: Textual's Pilot, real
keys) as its own employee. One is left alone to measure how long F1 takes; the others are killed at delays spread
over twice that time (seeded: the seed and the delays are printed, so a failure can be replayed). Afterwards:

- each report is saved whole (report, damage line, vehicle history, RA charge: every table grows by exactly what
  a whole save adds) or not at all, and the report counter is not consumed by a save that did not commit;
- the next sign-on of a killed terminal's employee asks `RECOVER UNSAVED ...? (Y/N)` only when its report was
  not saved; Y brings back the typed fields, and F1 then saves it — every typed report ends up saved exactly once.
"""

from __future__ import annotations

import re

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, inspect, select, text

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services.drafts import DraftKey, draft_to_offer, this_terminal
from carsplus_tui.services.users import add_user
from carsplus_tui.tui.app import CarsplusApp
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.widgets.field import MessageLine
from tests.hardening.crash_driver import DAMAGE, EXCESS_CHARGED, RA_NUMBER
from tests.tui.conftest import SIZE, screen_text, settle, sign_on

SEED = 20261124
KILLS = 10  # per database; each kill is a terminal of its own
PASSWORD = "crash-test"  # (new passwords are at least 8 characters)
ROOT = Path(__file__).resolve().parents[2]
# Drafts differ on purpose between a saved and a killed report; sign-on only updates employees.
NOT_COUNTED = {"report_drafts", "alembic_version"}


def employee(i: int) -> str:
    return f"CRASH{i:01d}" if i < 10 else f"CRSH{i:02d}"


def claim_number(i: int) -> str:
    return f"CRASH{i:03d}"


class Terminal:
    """One child process running the app; its stdout lines are read by a thread so a wait can time out."""

    def __init__(self, url: str, i: int) -> None:
        self.i = i
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.hardening.crash_driver", url, employee(i), PASSWORD, claim_number(i)],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        self.lines: list[str] = []
        self.seen = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.seen:
                self.lines.append(line.strip())
                self.seen.notify_all()
        with self.seen:
            self.lines.append("<EOF>")
            self.seen.notify_all()

    def wait_for(self, prefix: str, timeout: float = 300) -> str:  # generous: a loaded CI machine
        with self.seen:
            ok = self.seen.wait_for(lambda: any(x.startswith((prefix, "<EOF>")) for x in self.lines), timeout)
            found = next((x for x in self.lines if x.startswith(prefix)), None)
        if not ok or found is None:
            self.process.kill()
            raise AssertionError(f"terminal {self.i}: no {prefix!r} (got {self.lines}); stderr:\n"
                                 f"{self.process.stderr.read() if self.process.stderr else ''}")
        return found

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()


def table_counts(db: Database) -> dict[str, int]:
    names = [n for n in inspect(db.engine).get_table_names() if n not in NOT_COUNTED]
    with db.read() as session:
        return {n: session.scalar(text(f'SELECT count(*) FROM "{n}"')) for n in names}


def wait_until_disconnected(db: Database) -> None:
    """PostgreSQL finishes (or rolls back) a killed client's transaction once it sees the socket close; read only
    after that, or a COMMIT already sent could land after the check."""
    if db.dialect != "postgresql":
        return
    # Idle sessions (this test's own pooled connections, a child that died between transactions) hold nothing.
    query = text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                 " AND pid <> pg_backend_pid() AND state <> 'idle'")
    deadline = time.monotonic() + 30
    # One transaction per look: PostgreSQL keeps the view's snapshot for a whole transaction.
    while db.fetch_all(query)[0][0] and time.monotonic() < deadline:
        time.sleep(0.05)


def saved_reports(db: Database) -> dict[str, m.DamageReport]:
    with db.read() as session:
        rows = session.scalars(select(m.DamageReport).where(m.DamageReport.renters_claim_number.like("CRASH%"))).all()
        found: dict[str, m.DamageReport] = {}
        for report in rows:
            assert report.renters_claim_number not in found, f"{report.renters_claim_number} saved twice"
            found[report.renters_claim_number] = report
        return found


def side_effects(db: Database, number: int) -> tuple[list, list, list]:
    """What one save of the typed report writes besides the report row: its damage line, the vehicle's unrepaired
    history record, the excess charge on the RA."""
    with db.read() as session:
        lines = session.execute(select(m.DamageLine.service_code, m.DamageLine.damage_type)
                                .where(m.DamageLine.report_number == number)).all()
        history = session.scalars(select(m.VehicleHistory.service_code)
                                  .where(m.VehicleHistory.damage_report_number == number)).all()
        charges = session.scalars(select(m.RaCharge.amount).where(m.RaCharge.damage_report_number == number)).all()
        return [tuple(x) for x in lines], list(history), [f"{amount:.2f}" for amount in charges]


def last_number(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(m.ReportCounter.last_number))


async def next_sign_on(db: Database, i: int, saved: bool) -> None:
    """The killed terminal's employee signs on again (real keys)."""
    app = CarsplusApp(db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await sign_on(pilot, employee(i), PASSWORD)
        if saved:
            # A saved report is never offered back (the agent would save it twice).
            assert isinstance(app.screen, DamageEntryScreen), f"terminal {i}: {screen_text(app)}"
            assert "RECOVER UNSAVED" not in screen_text(app)
            return
        assert isinstance(app.screen, YesNoPrompt), f"terminal {i}: no recovery offered"
        assert re.search(r"RECOVER UNSAVED (NEW REPORT|REPORT \d+).*\? \(Y/N\)", screen_text(app))
        await pilot.press("y")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DamageEntryScreen)
        typed = {path: screen.field(path).value for path in (
            "ra_number", "renters_claim_number", "excess_charged", "damage_lines.0.code", "damage_lines.0.type")}
        assert typed == {"ra_number": RA_NUMBER, "renters_claim_number": claim_number(i),
                         "excess_charged": EXCESS_CHARGED, "damage_lines.0.code": DAMAGE[0],
                         "damage_lines.0.type": DAMAGE[2]}, f"terminal {i}"
        await pilot.press("f1")  # and the recovered report is saved
        line = screen.query_one(MessageLine)
        for _ in range(200):
            await settle(pilot, 1)
            if "SAVED" in str(line.render()):
                break
        assert "SAVED" in str(line.render()), f"terminal {i}: {line.render()}"


@pytest.mark.slow
async def test_sigkill_during_f1_leaves_each_report_whole_or_absent_and_its_draft(sample_db: Database) -> None:
    db = sample_db
    location = db.fetch_all(select(m.Location.code).limit(1))[0][0]
    for i in range(KILLS + 1):
        add_user(db, employee(i), name=f"CRASH TEST {i}", location=location, password=PASSWORD, access_claim="edit")
    url = db.engine.url.render_as_string(hide_password=False)
    first_number = last_number(db) + 1

    # All terminals start (and type) together; F1 is pressed on one at a time.
    started = time.monotonic()
    terminals = [Terminal(url, i) for i in range(KILLS + 1)]
    try:
        for terminal in terminals:
            terminal.wait_for("TYPED")
        print(f"\n{KILLS + 1} terminals typed in {time.monotonic() - started:.1f} s")
        before = table_counts(db)
        calibration = terminals[0]
        calibration.go()
        calibration.wait_for("F1")
        took = float(calibration.wait_for("SAVED").split()[2])
        assert calibration.process.wait(60) == 0
        whole_save = {name: count - before[name] for name, count in table_counts(db).items()}
        after_calibration = table_counts(db)
        assert whole_save["damage_reports"] == 1 and whole_save["ra_charges"] == 1, whole_save

        rng = random.Random(SEED)
        # Spread over [0, 1.2 × F1's time as the agent sees it], denser early: the commit lands well before the
        # screen says SAVED, so most kills fall before, inside or around the transaction, a few after it.
        delays = [((k + rng.random()) / KILLS) ** 2 * 1.2 * took for k in range(KILLS)]
        print(f"\nseed {SEED}: F1 took {took * 1000:.0f} ms; kill delays (ms): "
              + " ".join(f"{d * 1000:.0f}" for d in delays))
        for terminal, delay in zip(terminals[1:], delays, strict=True):
            terminal.go()
            terminal.wait_for("F1")
            time.sleep(delay)  # noqa: ASYNC251 - blocking on purpose: nothing else may run before the kill
            os.kill(terminal.process.pid, signal.SIGKILL)
            terminal.process.wait(30)
    finally:
        for terminal in terminals:
            if terminal.process.poll() is None:
                terminal.process.kill()
                terminal.process.wait(30)
    wait_until_disconnected(db)

    saved = saved_reports(db)
    killed_saved = [i for i in range(1, KILLS + 1) if claim_number(i) in saved]
    print(f"{db.dialect}: {len(killed_saved)} of {KILLS} killed saves had committed: {killed_saved}")
    # Whole or absent: every table grew by exactly a whole save per committed report, nothing else.
    after = table_counts(db)
    assert after == {n: after_calibration[n] + len(killed_saved) * whole_save[n] for n in after}
    # The counter is consumed only by committed saves: numbers stay consecutive.
    assert last_number(db) == first_number + len(saved) - 1
    assert sorted(r.report_number for r in saved.values()) == list(range(first_number, first_number + len(saved)))
    for i in killed_saved:
        report = saved[claim_number(i)]
        assert (report.ra_number, report.last_modified_by) == (RA_NUMBER, employee(i))
        assert side_effects(db, report.report_number) == ([(DAMAGE[0], DAMAGE[2])], [DAMAGE[0]], ["150.00"])
    # The draft is gone exactly when the report was saved (same transaction); otherwise it is offered back.
    for i in range(1, KILLS + 1):
        # what the next sign-on at a terminal of theirs is offered (the killed program's draft: its process is gone)
        offered = draft_to_offer(db, DraftKey(employee(i), this_terminal()))
        draft = offered.payload if offered is not None else None
        if i in killed_saved:
            assert draft is None, f"terminal {i}: saved report still has a draft"
        else:
            assert draft is not None and draft["renters_claim_number"] == claim_number(i), f"terminal {i}: {draft}"

    started = time.monotonic()
    # Every terminal whose report was lost gets it back; one whose report was saved shows that none is offered
    # (the others' drafts are gone in the database, checked above, which is all the app looks at).
    for i in [i for i in range(1, KILLS + 1) if i not in killed_saved] + killed_saved[:1]:
        await next_sign_on(db, i, i in killed_saved)
    print(f"next sign-ons checked in {time.monotonic() - started:.1f} s")
    # Every typed report is saved exactly once in the end, the counter still consecutive.
    saved = saved_reports(db)
    assert sorted(saved) == [claim_number(i) for i in range(KILLS + 1)]
    assert sorted(r.report_number for r in saved.values()) == list(range(first_number, first_number + KILLS + 1))
    for report in saved.values():
        assert side_effects(db, report.report_number) == ([(DAMAGE[0], DAMAGE[2])], [DAMAGE[0]], ["150.00"])
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(m.ReportDraft)) == 0
