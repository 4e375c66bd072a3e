"""Many terminals, one database: processes that each sign on as their own employee and save new reports and edit
existing ones through the services the screens use (sign_on, load_report_data = recall, save_report = F1).

Edits race on purpose: every process edits a small shared pool of reports (recall, the clerk's pause, change Misc
Costs on page 2, F1 with the version it recalled). Each edit attempt is logged (report, version recalled, value
seen, value typed, accepted or refused); afterwards the database's audit trail is the ground truth — the n-th Misc
Costs audit entry of a report is the save that made version n+1:

- stale edit: one whose recalled version v had already been (or was then) followed by someone else's version v+1;
  every one of them must be refused with CHANGED BY ... - F3 TO RELOAD, and no fresh edit may be refused;
- lost update: an accepted save whose audit "old value" is not what its clerk saw (it overwrote a change it had
  not seen), or an accepted save missing from the audit, or an audit entry no clerk's accepted save made: must be 0;
- report numbers of the new reports: distinct and consecutive, and the counter row at the last one.

The baseline, measured in the same run on the same kind of database, is one process alone doing the same work;
the ratio says how throughput scales with processes (2 cores here: the database and the clients share them).

    python benchmarks/soak.py [--postgres URL | --start-postgres] [--processes 16] [--saves 200] [--edits 200]
                              [--sqlite-processes 4] [--pool 8] [--runs 1] [--skip-sqlite] [--skip-postgres]

Without --postgres or --start-postgres, PostgreSQL is skipped. The PostgreSQL run happens in a database created
beside the one in the URL (dropped afterwards).
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "soak-terminal"  # (new passwords are at least 8 characters)
EDITED_FIELD = "misc_costs"  # a page-2 input: every change is in the audit trail with old and new value
CODES = ("D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8", "D9")


def employee(p: int) -> str:
    return f"SOAK{p:02d}"


@dataclass(frozen=True)
class Edit:
    report: int
    loaded_version: int
    seen: str | None  # Misc Costs as recalled (the audit trail's form)
    typed: str  # the new value, unique to this attempt
    accepted: bool
    new_version: int | None


# ------------------------------------------------------------------------------------------------------------------
# One terminal (a child process)
# ------------------------------------------------------------------------------------------------------------------


def terminal(url: str, p: int, ra_number: str, pool: list[int], saves: int, edits: int, seed: int,
             ready, go, results, synchronous: str | None = None) -> None:
    from carsplus_tui.db.database import Database
    from carsplus_tui.domain.audit import display_value
    from carsplus_tui.domain.schemas import load_report
    from carsplus_tui.services.reports import (
        StaleReportError,
        load_report_data,
        save_report,
    )
    from carsplus_tui.services.sign_on import sign_on

    db = Database(url)
    if synchronous and db.dialect == "sqlite":  # the cost of the app's durability: compare with --sqlite-synchronous
        from sqlalchemy import event

        event.listen(db.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA synchronous = {synchronous}"))
    rng = random.Random(seed * 1000 + p)
    signed = sign_on(db, employee(p), PASSWORD)
    numbers: dict[int, str] = {}  # report number -> the Renter's Claim # typed on it
    log: list[Edit] = []
    timings: dict[str, list[float]] = {"new": [], "edit": []}  # each save_report call alone (no recall, no pause)
    ready.release()
    go.wait()
    started = time.perf_counter()
    # New reports and edits interleaved, as a counter agent and a claims clerk would share a terminal's day.
    plan = ["new"] * saves + ["edit"] * edits
    rng.shuffle(plan)
    for k, what in enumerate(plan):
        if what == "new":
            claim = f"SOAK{p:02d}-{k:04d}"
            data = load_report({
                "ra_number": ra_number, "renters_claim_number": claim,
                "damage_lines": [{"code": CODES[k % len(CODES)], "description": None, "type": "D"}],
            })
            t0 = time.perf_counter()
            number = save_report(db, data, signed.code, discard_draft_of=signed.code).report_number
            timings["new"].append(time.perf_counter() - t0)
            numbers[number] = claim
            continue
        number = rng.choice(pool)
        loaded = load_report_data(db, number)  # recall: #number at OPTION
        seen = display_value(getattr(loaded, EDITED_FIELD))
        typed = Decimal(f"{p + 1}{k:04d}.{rng.randrange(100):02d}")  # unique per process and attempt
        time.sleep(rng.random() * 0.01)  # the clerk's typing: others may save meanwhile
        changed = loaded.model_copy(update={EDITED_FIELD: typed})
        t0 = time.perf_counter()
        try:
            result = save_report(db, changed, signed.code, discard_draft_of=signed.code)
            timings["edit"].append(time.perf_counter() - t0)
            log.append(Edit(number, loaded.version, seen, display_value(typed), True, result.version))
        except StaleReportError:
            log.append(Edit(number, loaded.version, seen, display_value(typed), False, None))
    elapsed = time.perf_counter() - started
    db.dispose()
    results.put((p, numbers, log, elapsed, timings, peak_rss_mb()))


def peak_rss_mb() -> float:
    """This process's resident set size now (VmRSS), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# ------------------------------------------------------------------------------------------------------------------
# The floor: the same statements a save issues, on the bare driver
# ------------------------------------------------------------------------------------------------------------------

# An edit of Misc Costs on a pool report is audited as that change plus the four figures it moves (MAXIMUM
# LIABILITY, FINAL LIABILITY, CHARGE/REFUND DUE, AMOUNT OUTSTANDING), with one note; a new report as its External
# Claim default. The floor writes as many rows.
FIGURES_MOVED = ("MAXIMUM LIABILITY", "FINAL LIABILITY", "CHARGE/REFUND DUE", "AMOUNT OUTSTANDING")


class RawSaves:
    """One terminal's saves as a raw-driver transaction each (sqlite3 or psycopg, no SQLAlchemy, no ORM): the
    statements the service issues for the same save — the control record, the employee, the RA with its renter,
    vehicles and charges, the damage code and type checks, the counter, the report and its line, the vehicle
    history, the chain heads (locked, then moved) with the hashed audit entries and notes, the draft's delete —
    with the same rows into the same tables and indexes. What it leaves out is what a save does in Python: the
    rules, the engine, the audit diff, the ORM."""

    def __init__(self, url: str, employee_code: str) -> None:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        self.employee = employee_code
        self.postgres = parsed.get_backend_name() == "postgresql"
        if self.postgres:
            import psycopg

            self.connection = psycopg.connect(host=parsed.host, port=parsed.port, user=parsed.username,
                                              password=parsed.password, dbname=parsed.database)
        else:
            import sqlite3

            self.connection = sqlite3.connect(parsed.database, isolation_level=None)
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA journal_mode = WAL")
            from carsplus_tui.db.database import SQLITE_SYNCHRONOUS

            self.connection.execute(f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}")

    def close(self) -> None:
        self.connection.close()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def q(self, sql: str, *params) -> list:  # noqa: ANN002
        cursor = self.connection.execute(self._sql(sql), params)
        return cursor.fetchall() if cursor.description else []

    def _at(self, at):  # noqa: ANN001, ANN202  (SQLAlchemy stores SQLite datetimes as this text)
        return at if self.postgres else at.isoformat(sep=" ", timespec="microseconds")

    def _begin(self) -> None:
        if not self.postgres:
            self.connection.execute("BEGIN IMMEDIATE")  # psycopg begins by itself

    def _commit(self) -> None:
        self.connection.commit() if self.postgres else self.connection.execute("COMMIT")

    def _common_reads(self, ra_number: str) -> tuple:
        self.q("SELECT * FROM damage_control WHERE id = ?", 1)
        self.q("SELECT * FROM employees LEFT OUTER JOIN user_access ON user_access.employee_code = employees.code "
               "WHERE employees.code = ?", self.employee)
        rows = self.q("SELECT rental_agreements.*, customers.*, ra_vehicles.*, vehicles.*, ra_charges.* "
                      "FROM rental_agreements LEFT OUTER JOIN customers "
                      "ON customers.customer_number = rental_agreements.renter_customer_number "
                      "LEFT OUTER JOIN ra_vehicles ON ra_vehicles.ra_number = rental_agreements.ra_number "
                      "LEFT OUTER JOIN vehicles ON vehicles.id = ra_vehicles.vehicle_id "
                      "LEFT OUTER JOIN ra_charges ON ra_charges.ra_number = rental_agreements.ra_number "
                      "WHERE rental_agreements.ra_number = ? ORDER BY ra_vehicles.sequence, ra_charges.id", ra_number)
        return self.q("SELECT vehicles.id, vehicles.unit_number FROM ra_vehicles JOIN vehicles "
                      "ON vehicles.id = ra_vehicles.vehicle_id WHERE ra_number = ? ORDER BY sequence DESC",
                      ra_number)[0] if rows else (None, None)

    def _chain(self, number: int, entries: list[tuple[str, list, tuple]]) -> None:
        """entries: (kind, hashed fields, row values) in the order written."""
        from carsplus_tui.domain.chain import GENESIS, chain_key, entry_hash

        names = sorted({chain_key(kind, number) for kind, _, _ in entries})
        values = ", ".join("(?, 0, ?)" for _ in names)
        heads = {name: [count, last] for name, count, last in self.q(
            f"INSERT INTO chain_heads (chain, row_count, last_hash) VALUES {values} ON CONFLICT (chain) "
            "DO UPDATE SET chain = excluded.chain RETURNING chain, row_count, last_hash",
            *[v for name in names for v in (name, GENESIS)])}
        audits, notes = [], []
        for kind, fields, row in entries:
            head = heads[chain_key(kind, number)]
            row_hash = entry_hash(head[1], fields)
            (audits if kind == "audit" else notes).append((*row, head[1], row_hash))
            head[0] += 1
            head[1] = row_hash
        self.connection.cursor().executemany(self._sql(
            "UPDATE chain_heads SET row_count = ?, last_hash = ? WHERE chain = ?"),
            [(count, last, name) for name, (count, last) in heads.items()])
        if audits:
            self.connection.cursor().executemany(self._sql(
                "INSERT INTO audit_entries (report_number, at, employee_code, field, old_value, new_value, "
                "prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"), audits)
        if notes:
            self.connection.cursor().executemany(self._sql(
                "INSERT INTO notes (report_number, at, employee_code, text, prev_hash, row_hash) "
                "VALUES (?, ?, ?, ?, ?, ?)"), notes)

    def new_report(self, ra_number: str, claim: str, code: str, at) -> int:  # noqa: ANN001
        from carsplus_tui.domain.chain import audit_fields

        self._begin()
        vehicle_id, unit = self._common_reads(ra_number)
        self.q("SELECT * FROM service_codes WHERE code = ?", code)
        self.q("SELECT * FROM service_code_models WHERE service_code = ? ORDER BY model_code", code)
        self.q("SELECT * FROM damage_types WHERE code = ?", "D")
        number = self.q("UPDATE report_counter SET last_number = last_number + 1 WHERE id = 1 "
                        "RETURNING last_number")[0][0]
        when = self._at(at)
        self.q("INSERT INTO damage_reports (report_number, version, created_at, created_by, last_modified_at, "
               "last_modified_by, ra_number, non_rev_number, vehicle_id, unit_number, customer_present, "
               "renter_driving, driver_injured, third_party_involved, admits_fault, damage_covered, nature_of_breach, "
               "renters_claim_number, excess_charged, fault_description, accident_description, report_status, "
               "claim_status, report_checked, external_claim, external_closed, external_type, accident_category, "
               "follow_up_date, claim_location, claim_employee, misc_costs, third_party_costs, "
               "third_party_recovery, goodwill_deduction, amount_refunded, amount_charged) VALUES (?, 1, ?, ?, ?, "
               "?, ?, NULL, ?, ?, NULL, NULL, NULL, NULL, NULL, NULL, NULL, ?, NULL, NULL, NULL, 'I', 1, NULL, "
               "'N', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
               number, when, self.employee, when, self.employee, ra_number, vehicle_id, unit, claim)
        self.q("INSERT INTO damage_lines (report_number, line, service_code, description, damage_type) "
               "VALUES (?, 1, ?, NULL, 'D')", number, code)
        self._chain(number, [("audit", audit_fields(number, at, self.employee, "2 External Claim (DEFAULT)", None,
                                                    "N"),
                              (number, when, self.employee, "2 External Claim (DEFAULT)", None, "N"))])
        self.q("INSERT INTO vehicle_history (vehicle_id, damage_report_number, line, service_code, description, "
               "damage_type, repaired, repaired_date, created_at) VALUES (?, ?, 1, ?, NULL, 'D', ?, NULL, ?)",
               vehicle_id, number, code, False if self.postgres else 0, when)
        self.q("DELETE FROM report_drafts WHERE employee_code = ?", self.employee)
        self._commit()
        return number

    def edit(self, number: int, ra_number: str, misc_cents: int, at) -> None:  # noqa: ANN001
        from carsplus_tui.domain.chain import audit_fields, note_fields

        self._begin()
        self._common_reads(ra_number)
        self.q("UPDATE damage_reports SET version = version + 1, last_modified_at = ?, last_modified_by = ? "
               "WHERE report_number = ?", self._at(at), self.employee, number)
        self.q("SELECT * FROM damage_reports LEFT OUTER JOIN accident_details "
               "ON accident_details.report_number = damage_reports.report_number LEFT OUTER JOIN other_drivers "
               "ON other_drivers.report_number = damage_reports.report_number LEFT OUTER JOIN work_orders "
               "ON work_orders.damage_report_number = damage_reports.report_number "
               "WHERE damage_reports.report_number = ?", number)
        for table in ("third_parties", "damage_lines", "witnesses"):
            self.q(f"SELECT * FROM {table} WHERE report_number = ?", number)  # noqa: S608
        self.q("SELECT * FROM notes WHERE report_number = ? ORDER BY at, id", number)
        self.q("UPDATE damage_reports SET misc_costs = ? WHERE report_number = ?", misc_cents, number)
        self.q("SELECT * FROM vehicle_history WHERE damage_report_number = ?", number)
        when = self._at(at)
        value = f"{misc_cents / 100:.2f}"
        entries = [("audit", audit_fields(number, at, self.employee, "9 Misc Costs", None, value),
                    (number, when, self.employee, "9 Misc Costs", None, value))]
        text = f"9 MISC COSTS CHANGED FROM * TO {value}"
        entries.append(("notes", note_fields(number, at, self.employee, text), (number, when, self.employee, text)))
        for title in FIGURES_MOVED:
            entries.append(("audit", audit_fields(number, at, self.employee, title, "0.00", value),
                            (number, when, self.employee, title, "0.00", value)))
        self._chain(number, entries)
        self.q("DELETE FROM report_drafts WHERE employee_code = ?", self.employee)
        self._commit()


def floor_run(url: str, saves: int, edits: int, pool: list[int], ras: list[str], seed: int) -> dict[str, list[float]]:
    """The same plan as one terminal (new reports and edits shuffled alike), each save a raw-driver transaction."""
    from datetime import datetime

    rng = random.Random(seed * 1000)
    plan = ["new"] * saves + ["edit"] * edits
    rng.shuffle(plan)
    raw = RawSaves(url, employee(0))
    pool_ras = dict(raw.q("SELECT report_number, ra_number FROM damage_reports"))
    timings: dict[str, list[float]] = {"new": [], "edit": []}
    try:
        for k, what in enumerate(plan):
            at = datetime.now().replace(microsecond=0)
            t0 = time.perf_counter()
            if what == "new":
                raw.new_report(ras[0], f"FLOOR-{k:04d}", CODES[k % len(CODES)], at)
            else:
                number = rng.choice(pool)
                raw.edit(number, pool_ras[number], 100_000 + k, at)
            timings[what].append(time.perf_counter() - t0)
    finally:
        raw.close()
    return timings


# ------------------------------------------------------------------------------------------------------------------
# The database for one run
# ------------------------------------------------------------------------------------------------------------------


def prepare(url: str, processes: int, pool_size: int) -> tuple[list[str], list[int], int]:
    """Sample data, one employee per process (edit access to page 2), the pool of reports to fight over."""
    from sqlalchemy import select

    from carsplus_tui.db import migrate
    from carsplus_tui.db import models as m
    from carsplus_tui.db.database import Database
    from carsplus_tui.domain.schemas import load_report
    from carsplus_tui.services.reports import save_report
    from carsplus_tui.services.sample import load_sample_data
    from carsplus_tui.services.users import add_user

    db = Database(url)
    try:
        migrate.upgrade(db.engine)
        load_sample_data(db)
        with db.read() as session:
            location = session.scalar(select(m.Location.code).order_by(m.Location.code))
            ras = list(session.scalars(select(m.RentalAgreement.ra_number).where(m.RentalAgreement.status == "O")
                                       .order_by(m.RentalAgreement.ra_number)))
        for p in range(processes):
            add_user(db, employee(p), name=f"SOAK TERMINAL {p}", location=location, password=PASSWORD,
                     access_claim="edit")
        pool = [save_report(db, load_report({"ra_number": ras[i % len(ras)], "renters_claim_number": f"POOL{i}",
                                             "damage_lines": [{"code": "D7", "type": "D"}]}),
                            employee(0)).report_number for i in range(pool_size)]
        with db.read() as session:
            counter = session.scalar(select(m.ReportCounter.last_number))
        return ras, pool, counter
    finally:
        db.dispose()


@dataclass
class Outcome:
    processes: int
    seconds: float
    new_reports: int
    edit_attempts: int
    accepted_edits: int
    numbers_ok: bool
    numbers_text: str
    stale: int
    stale_refused: int
    fresh_refused: int
    lost_updates: int
    timings: dict[str, list[float]]  # seconds per save_report call: "new" reports, accepted "edit"s
    peak_rss_mb: float  # the largest terminal's peak resident set size

    @property
    def saves_per_second(self) -> float:  # every F1: new reports and edit attempts (a refusal is an answer too)
        return (self.new_reports + self.edit_attempts) / self.seconds


def check_alive(children: list) -> None:
    """A terminal that died (its traceback is above) ends the run rather than leaving it waiting for ever."""
    dead = [child for child in children if child.exitcode not in (None, 0)]
    if dead:
        for child in children:
            child.kill()
        raise SystemExit(f"{len(dead)} terminal(s) failed (exit code {dead[0].exitcode})")


def run(url: str, processes: int, saves: int, edits: int, pool_size: int, seed: int,
        synchronous: str | None = None) -> Outcome:
    from sqlalchemy import select

    from carsplus_tui.db import models as m
    from carsplus_tui.db.database import Database
    from carsplus_tui.domain.fields import describe

    ras, pool, first = prepare(url, processes, pool_size)
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Semaphore(0), context.Event(), context.Queue()
    children = [context.Process(target=terminal, args=(url, p, ras[p % len(ras)], pool, saves, edits, seed,
                                                       ready, go, results, synchronous))
                for p in range(processes)]
    for child in children:
        child.start()
    for _ in children:  # every terminal imported, connected and signed on
        while not ready.acquire(timeout=1):
            check_alive(children)
    started = time.perf_counter()
    go.set()
    collected = []
    while len(collected) < len(children):
        try:
            collected.append(results.get(timeout=1))
        except queue.Empty:
            check_alive(children)
    seconds = time.perf_counter() - started
    for child in children:
        child.join()

    typed = {n: claim for _, ns, *_ in collected for n, claim in ns.items()}
    numbers = sorted(n for _, ns, *_ in collected for n in ns)
    log = [e for _, _, edits_log, *_ in collected for e in edits_log]
    timings = {kind: [t for *_, times, _ in collected for t in times[kind]] for kind in ("new", "edit")}
    rss = max(mb for *_, mb in collected)
    db = Database(url)
    try:
        with db.read() as session:
            counter = session.scalar(select(m.ReportCounter.last_number))
            stored = dict(session.execute(select(m.DamageReport.report_number, m.DamageReport.renters_claim_number)
                                          .where(m.DamageReport.renters_claim_number.like("SOAK%"))).all())
            title = describe(EDITED_FIELD).title()
            audit = {n: list(session.execute(
                select(m.AuditEntry.old_value, m.AuditEntry.new_value)
                .where(m.AuditEntry.report_number == n, m.AuditEntry.field == title).order_by(m.AuditEntry.id)))
                for n in pool}
            final = {n: session.get(m.DamageReport, n) for n in pool}
            versions = {n: r.version for n, r in final.items()}
    finally:
        db.dispose()

    expected = list(range(first + 1, first + 1 + processes * saves))
    # ... and each number holds the report its terminal saved under it (no save landed on another's number)
    numbers_ok = numbers == expected and counter == expected[-1] and stored == typed
    numbers_text = (f"{len(set(numbers))} of {len(expected)} distinct, "
                    f"{'consecutive' if numbers == expected else 'NOT consecutive'} {expected[0]}..{expected[-1]}"
                    f", counter at {counter}, {sum(stored.get(n) == c for n, c in typed.items())} of {len(typed)} "
                    f"hold what was typed")

    # Ground truth from the audit trail: who made version v+1 of each report, and what it saw there.
    writer = {(n, k + 2): entry for n, entries in audit.items() for k, entry in enumerate(entries)}
    stale = stale_refused = fresh_refused = lost = 0
    made = set()
    for e in log:
        entry = writer.get((e.report, e.loaded_version + 1))
        someone_else = entry is not None and not (e.accepted and entry.new_value == e.typed)
        if someone_else:
            stale += 1
            stale_refused += not e.accepted
        elif not e.accepted:
            fresh_refused += 1
        if e.accepted:
            # its version's audit entry must be its own, with the value it saw as the old value
            if entry is None or entry.new_value != e.typed or entry.old_value != e.seen \
                    or e.new_version != e.loaded_version + 1:
                lost += 1
            made.add((e.report, e.loaded_version + 1))
    lost += sum(1 for key in writer if key not in made)  # an audited change no clerk's accepted save made
    for n, entries in audit.items():
        lost += sum(1 for a, b in itertools.pairwise(entries) if b.old_value != a.new_value)  # a broken chain
        lost += versions[n] != 1 + len(entries)
    return Outcome(processes, seconds, len(numbers), len(log), sum(e.accepted for e in log), numbers_ok,
                   numbers_text, stale, stale_refused, fresh_refused, lost, timings, rss)


# ------------------------------------------------------------------------------------------------------------------
# Databases
# ------------------------------------------------------------------------------------------------------------------


class Backend:
    def __init__(self, name: str, admin_url: str | None, tmp: str) -> None:
        self.name, self.admin_url, self.tmp = name, admin_url, tmp
        self.count = 0

    def new_url(self) -> str:
        self.count += 1
        if self.admin_url is None:
            return f"sqlite:///{self.tmp}/soak{self.count}.db"
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        name = f"carsplus_soak_{os.getpid()}_{self.count}"
        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return make_url(self.admin_url).set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        if self.admin_url is None:
            Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
            return
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        engine = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))
        engine.dispose()


def ms(values: list[float], q: float = 0.5) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def floor_once(backend: Backend, args: argparse.Namespace, seed: int) -> dict[str, list[float]]:
    url = backend.new_url()
    try:
        ras, pool, _ = prepare(url, 1, args.pool)
        return floor_run(url, args.saves, args.edits, pool, ras, seed)
    finally:
        backend.drop(url)


def print_floor(name: str, alone: list[Outcome], floors: list[dict[str, list[float]]]) -> None:
    """One terminal's save (each save_report call, alone on the database) beside the raw-driver floor."""
    print(f"{name} one terminal's save, each save_report call (recall and pause excluded), beside the floor "
          "(the same statements on the bare driver, same run):")
    for kind, label in (("new", "new report"), ("edit", "edit (Misc Costs)"), (None, "all saves")):
        def pick(t: dict[str, list[float]], kind: str | None = kind) -> list[float]:
            return t[kind] if kind else t["new"] + t["edit"]
        service = [ms(pick(o.timings)) for o in alone]
        service95 = [ms(pick(o.timings), 0.95) for o in alone]
        raw = [ms(pick(f)) for f in floors]
        raw95 = [ms(pick(f), 0.95) for f in floors]
        a, b = statistics.median(service), statistics.median(raw)
        print(f"  {label:18s} median {a:6.2f} ms (p95 {statistics.median(service95):6.2f}), floor median "
              f"{b:6.2f} ms (p95 {statistics.median(raw95):6.2f}): {a / b:.2f}x the floor")


def measure(backend: Backend, processes: int, args: argparse.Namespace) -> bool:
    print(f"\n{backend.name}: {processes} processes x ({args.saves} new reports + {args.edits} edits of a pool of "
          f"{args.pool}), baseline 1 process x the same, and the raw-driver floor of 1 process x the same; "
          f"{args.runs} run(s) each, seed {args.seed}; load average {load_average()}")
    alone, many, floors = [], [], []
    ok = True
    for r in range(args.runs):  # interleaved, so all three see the same machine
        floors.append(floor_once(backend, args, args.seed + r))
        for count, into in ((1, alone), (processes, many)):
            url = backend.new_url()
            try:
                outcome = run(url, count, args.saves, args.edits, args.pool, args.seed + r,
                              args.sqlite_synchronous)
            finally:
                backend.drop(url)
            into.append(outcome)
            good = outcome.numbers_ok and outcome.stale == outcome.stale_refused and outcome.fresh_refused == 0 \
                and outcome.lost_updates == 0
            ok = ok and good
            print(f"  run {r + 1}, {count:2d} process(es): {outcome.saves_per_second:7.1f} saves/s "
                  f"({1000 * outcome.seconds * count / (outcome.new_reports + outcome.edit_attempts):.1f} ms per save "
                  f"per terminal) "
                  f"({outcome.new_reports + outcome.edit_attempts} saves in {outcome.seconds:.1f} s); "
                  f"report numbers {outcome.numbers_text}; edits {outcome.edit_attempts}: "
                  f"{outcome.accepted_edits} accepted, stale {outcome.stale}, stale refused "
                  f"{outcome.stale_refused} of {outcome.stale}, fresh refused {outcome.fresh_refused}, "
                  f"lost updates {outcome.lost_updates}  {'OK' if good else 'FAILED'}")
        f = floors[-1]
        print(f"  run {r + 1}, floor (raw driver, 1 process): median {ms(f['new'] + f['edit']):.2f} ms per save "
              f"(new {ms(f['new']):.2f}, edit {ms(f['edit']):.2f})")
    a = statistics.median(o.saves_per_second for o in alone)
    b = statistics.median(o.saves_per_second for o in many)
    last = many[-1]
    print(f"{backend.name} summary: {processes} processes median {b:.1f} saves/s, 1 process median {a:.1f} saves/s, "
          f"ratio {b / a:.2f}x")
    print(f"  report numbers distinct and consecutive: {last.numbers_text}")
    print(f"  stale edits refused: {sum(o.stale_refused for o in many)} of {sum(o.stale for o in many)} "
          f"(fresh edits refused: {sum(o.fresh_refused for o in many)})")
    print(f"  lost updates: {sum(o.lost_updates for o in many)}")
    print_floor(backend.name, alone, floors)
    print(f"  resident memory of a terminal after its saves: {alone[-1].peak_rss_mb:.0f} MB alone, largest of "
          f"{processes}: {many[-1].peak_rss_mb:.0f} MB; load average now {load_average()}")
    return ok


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def stop_own_server(url: str) -> None:
    """Stop only the server this script started (.ci/stop-postgres would stop every throw-away server, including
    ones other people's test runs use): the data folder whose postmaster.opts names our port."""
    from sqlalchemy.engine import make_url

    port = f"-p {make_url(url).port}"
    listed = Path("/tmp/carsplus-pg-servers")
    kept: list[str] = []
    for datadir in (listed.read_text().split() if listed.exists() else []):
        opts = Path(datadir) / "postmaster.opts"
        if opts.exists() and port in opts.read_text().replace('"', ""):
            subprocess.run(["bash", "-c", (Path(datadir) / "stop-command").read_text()], check=False,
                           capture_output=True)
            subprocess.run(["rm", "-rf", datadir], check=False)
        else:
            kept.append(datadir)
    if listed.exists():  # our line goes, so .ci/stop-postgres never looks for a server that is gone
        listed.write_text("".join(f"{datadir}\n" for datadir in kept))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", metavar="URL", help="a PostgreSQL URL whose server may hold a new database")
    parser.add_argument("--start-postgres", action="store_true", help="start a throw-away server (.ci/start-postgres)")
    parser.add_argument("--processes", type=int, default=16, help="PostgreSQL terminals")
    parser.add_argument("--sqlite-processes", type=int, default=4, help="SQLite terminals")
    parser.add_argument("--saves", type=int, default=200, help="new reports per terminal")
    parser.add_argument("--edits", type=int, default=200, help="edit attempts per terminal")
    parser.add_argument("--pool", type=int, default=8, help="reports the edits fight over")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--sqlite-synchronous", choices=("FULL", "NORMAL"),
                        help="override the app's PRAGMA synchronous (FULL) in the terminals, to measure its cost")
    args = parser.parse_args()

    ok = True
    started_server = False
    postgres = args.postgres
    if args.start_postgres and not postgres:
        postgres = subprocess.run(["bash", str(ROOT / ".ci/start-postgres")], check=True, capture_output=True,
                                  text=True).stdout.strip().splitlines()[-1]
        started_server = True
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if not args.skip_sqlite:
                ok &= measure(Backend("SQLite", None, tmp), args.sqlite_processes, args)
            if postgres:
                ok &= measure(Backend("PostgreSQL", postgres, tmp), args.processes, args)
            else:
                print("\nPostgreSQL skipped (give --postgres URL or --start-postgres)")
    finally:
        if started_server:
            stop_own_server(postgres)
    print("\nALL CHECKS PASSED" if ok else "\nCHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
