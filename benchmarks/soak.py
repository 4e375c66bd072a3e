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
            numbers[save_report(db, data, signed.code, discard_draft_of=signed.code).report_number] = claim
            continue
        number = rng.choice(pool)
        loaded = load_report_data(db, number)  # recall: #number at OPTION
        seen = display_value(getattr(loaded, EDITED_FIELD))
        typed = Decimal(f"{p + 1}{k:04d}.{rng.randrange(100):02d}")  # unique per process and attempt
        time.sleep(rng.random() * 0.01)  # the clerk's typing: others may save meanwhile
        changed = loaded.model_copy(update={EDITED_FIELD: typed})
        try:
            result = save_report(db, changed, signed.code, discard_draft_of=signed.code)
            log.append(Edit(number, loaded.version, seen, display_value(typed), True, result.version))
        except StaleReportError:
            log.append(Edit(number, loaded.version, seen, display_value(typed), False, None))
    elapsed = time.perf_counter() - started
    db.dispose()
    results.put((p, numbers, log, elapsed))


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

    typed = {n: claim for _, ns, _, _ in collected for n, claim in ns.items()}
    numbers = sorted(n for _, ns, _, _ in collected for n in ns)
    log = [e for _, _, edits_log, _ in collected for e in edits_log]
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
                   numbers_text, stale, stale_refused, fresh_refused, lost)


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


def measure(backend: Backend, processes: int, args: argparse.Namespace) -> bool:
    print(f"\n{backend.name}: {processes} processes x ({args.saves} new reports + {args.edits} edits of a pool of "
          f"{args.pool}), baseline 1 process x the same; {args.runs} run(s) each, seed {args.seed}")
    alone, many = [], []
    ok = True
    for r in range(args.runs):  # interleaved, so both see the same machine
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
    a = statistics.median(o.saves_per_second for o in alone)
    b = statistics.median(o.saves_per_second for o in many)
    last = many[-1]
    print(f"{backend.name} summary: {processes} processes median {b:.1f} saves/s, 1 process median {a:.1f} saves/s, "
          f"ratio {b / a:.2f}x")
    print(f"  report numbers distinct and consecutive: {last.numbers_text}")
    print(f"  stale edits refused: {sum(o.stale_refused for o in many)} of {sum(o.stale for o in many)} "
          f"(fresh edits refused: {sum(o.fresh_refused for o in many)})")
    print(f"  lost updates: {sum(o.lost_updates for o in many)}")
    return ok


def stop_own_server(url: str) -> None:
    """Stop only the server this script started (.ci/stop-postgres would stop every throw-away server, including
    ones other people's test runs use): the data folder whose postmaster.opts names our port."""
    from sqlalchemy.engine import make_url

    port = f"-p {make_url(url).port}"
    listed = Path("/tmp/carsplus-pg-servers")
    for datadir in (listed.read_text().split() if listed.exists() else []):
        opts = Path(datadir) / "postmaster.opts"
        if opts.exists() and port in opts.read_text().replace('"', ""):
            subprocess.run(["bash", "-c", (Path(datadir) / "stop-command").read_text()], check=False,
                           capture_output=True)
            subprocess.run(["rm", "-rf", datadir], check=False)


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
