"""F6 DAMAGE REPORT SEARCH at a million reports (issue 7's targets: first page p95 <= 20 ms and <= 3x raw sqlite3;
opening the F6 screen and showing its first page <= 100 ms).

For each of the six modes — vehicle, licence, RA, accident date, follow-up date, and status alone — it times the
first result page through the search service (request parsing, the pooled connection, row building included) for
a few hundred random keys, and, in the same run on the same file with the same keys, the very same SQL statement on
a bare `sqlite3` connection (`page_sql` gives the SQL text and driver parameters the service sends). Then it opens
the F6 screen in a headless Textual app and times push_screen to the first page on the screen. With
`--postgres URL` it prints the same service figures on PostgreSQL beside raw psycopg (autocommit, as the service).
Beside the wall clock it prints each side's CPU time: on a loaded machine the wall-clock p95 of a 0.1 ms call
counts preemptions more than the code (see time_mode), and the verdict says which of the two a miss comes from.

The SQLite database is made once by `carsplus sample generate --reports N` (about 8 minutes for a million) and kept
at --sqlite-file between runs; the PostgreSQL database named by the URL is filled the same way when it is empty.

    python benchmarks/search.py
    python benchmarks/search.py --postgres postgresql+psycopg://postgres@127.0.0.1:54329/carsplus_bench_1m
    python benchmarks/search.py --skip-sqlite --explain --postgres postgresql+psycopg://…/carsplus_bench_1m
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from carsplus_tui.db import migrate  # noqa: E402
from carsplus_tui.db.database import Database  # noqa: E402
from carsplus_tui.services.generate import generate_reports  # noqa: E402
from carsplus_tui.services.search import (  # noqa: E402
    SearchMode,
    SearchRequest,
    page_sql,
    search_reports,
    search_reports_before,
)

MODES = [
    ("vehicle", SearchMode.VEHICLE, None),
    ("licence", SearchMode.LICENCE, None),
    ("RA", SearchMode.RA, None),
    ("accident date", SearchMode.ACCIDENT_DATE, None),
    ("follow-up date", SearchMode.FOLLOW_UP_DATE, None),
    ("status alone", SearchMode.STATUS, "cycle"),
    # the F6 filter on top of a key takes other index paths; shown for information
    ("vehicle + F6=U", SearchMode.VEHICLE, "U"),
    ("accident date + F6=U", SearchMode.ACCIDENT_DATE, "U"),
    ("follow-up date + F6=C", SearchMode.FOLLOW_UP_DATE, "C"),
]
TARGET_P95_MS = 20.0
TARGET_RATIO = 3.0
TARGET_SCREEN_MS = 50.0  # issue 23 (issue 7 asked for 100 ms)
PG_TARGET_P95_MS = 5.0  # issue 23: F6 on PostgreSQL at a million reports


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ----------------------------------------------------------------------------------------------------------------
# Databases
# ----------------------------------------------------------------------------------------------------------------


def report_count(db: Database) -> int:
    with db.engine.connect() as conn:
        try:
            return int(conn.execute(text("SELECT last_number FROM report_counter")).scalar() or 0)
        except Exception:  # noqa: BLE001  (no schema yet)
            return 0


def ensure_database(url: str, reports: int) -> Database:
    db = Database(url)
    have = report_count(db)
    if have < reports:
        print(f"generating {reports - have:,} reports into {make_url(url).render_as_string()} "
              "(once; later runs reuse it) ...", flush=True)
        migrate.upgrade(db.engine)
        start = time.perf_counter()
        generate_reports(db, reports - have)
        print(f"  generated in {time.perf_counter() - start:.0f} s", flush=True)
    if db.dialect == "postgresql":
        with db.engine.connect() as conn:  # the statistics autovacuum would gather on a live server
            conn.execute(text("ANALYZE"))
            conn.commit()
    return db


# ----------------------------------------------------------------------------------------------------------------
# Keys: random, from the data itself
# ----------------------------------------------------------------------------------------------------------------


def sample_keys(db: Database, count: int, seed: int) -> dict[SearchMode, list[str]]:
    rng = random.Random(seed)
    with db.engine.connect() as conn:
        top_vehicle = conn.execute(text("SELECT max(id) FROM vehicles")).scalar()
        top_report = conn.execute(text("SELECT max(report_number) FROM damage_reports")).scalar()
        first_day, last_day = conn.execute(
            text("SELECT min(date_time), max(date_time) FROM accident_details")).one()
        first_follow, last_follow = conn.execute(
            text("SELECT min(follow_up_date), max(follow_up_date) FROM damage_reports")).one()

        def one(sql: str, top: int) -> str:
            while True:
                value = conn.execute(text(sql), {"n": rng.randint(1, top)}).scalar()
                if value:
                    return str(value)

        units = [one("SELECT unit_number FROM vehicles WHERE id = :n", top_vehicle) for _ in range(count)]
        licences = [one("SELECT licence FROM vehicles WHERE id = :n", top_vehicle) for _ in range(count)]
        ras = [one("SELECT ra_number FROM damage_reports WHERE report_number = :n", top_report) for _ in range(count)]

    def days(first: Any, last: Any) -> list[str]:  # noqa: ANN401
        first_date = first.date() if hasattr(first, "date") and callable(first.date) else date.fromisoformat(str(first)[:10])
        last_date = last.date() if hasattr(last, "date") and callable(last.date) else date.fromisoformat(str(last)[:10])
        span = (last_date - first_date).days
        return [(first_date + timedelta(days=rng.randint(0, span))).isoformat() for _ in range(count)]

    return {
        SearchMode.VEHICLE: units,
        SearchMode.LICENCE: licences,
        SearchMode.RA: ras,
        SearchMode.ACCIDENT_DATE: days(first_day, last_day),
        SearchMode.FOLLOW_UP_DATE: days(first_follow, last_follow),
        SearchMode.STATUS: [""] * count,
    }


def requests_for(mode: SearchMode, status: str | None, keys: list[str]) -> list[tuple[str, str | None]]:
    if status == "cycle":
        return [(key, (None, "U", "I", "C")[i % 4]) for i, key in enumerate(keys)]
    return [(key, status) for key in keys]


# ----------------------------------------------------------------------------------------------------------------
# Timing
# ----------------------------------------------------------------------------------------------------------------


class Timings:
    """Milliseconds per first result page for one mode's keys, through the service and through the raw driver:
    wall-clock (what a clerk waits for) and the thread's CPU time (what each side itself costs)."""

    def __init__(self) -> None:
        self.wall: dict[str, list[float]] = {"service": [], "raw": []}
        self.cpu: dict[str, list[float]] = {"service": [], "raw": []}
        self.rows = 0
        self.pairs: list[tuple[str, str | None]] = []


def time_mode(
    db: Database, raw_execute: Callable[[str, Any], list[Any]], mode: SearchMode, pairs: list[tuple[str, str | None]]
) -> Timings:
    """Each key through the service and through the raw driver, the order alternating from key to key so neither
    side gets a warmer cache.

    On a loaded machine the wall-clock p95 of a 0.1 ms call mostly counts preemptions (a time slice is a few ms;
    the longer side is hit more often) and, at a million reports, the disk reads of keys not yet in the OS cache
    (whichever side runs first waits for them). The CPU time leaves both out: its ratio is the service's own
    cost against the driver's, whatever else the machine runs."""
    timings = Timings()
    timings.pairs = pairs
    for i, (key, status) in enumerate(pairs):
        sql, params = page_sql(db, SearchRequest(mode, key, status))

        def via_service() -> None:
            wall, cpu = time.perf_counter(), time.thread_time()
            page = search_reports(db, SearchRequest(mode, key, status))  # noqa: B023  (called in this iteration)
            timings.cpu["service"].append((time.thread_time() - cpu) * 1000)
            timings.wall["service"].append((time.perf_counter() - wall) * 1000)
            timings.rows += len(page.rows)

        def via_raw() -> None:
            wall, cpu = time.perf_counter(), time.thread_time()
            raw_execute(sql, params)  # noqa: B023
            timings.cpu["raw"].append((time.thread_time() - cpu) * 1000)
            timings.wall["raw"].append((time.perf_counter() - wall) * 1000)

        for step in ((via_service, via_raw) if i % 2 else (via_raw, via_service)):
            step()
    return timings


Result = tuple[str, float, float, float, float, float, float, float]  # label, wall s50 s95 r50 r95, cpu s95 r95, rows


def benchmark(db: Database, raw_execute: Callable[[str, Any], list[Any]], raw_name: str, samples: int,
              seed: int, explain_over: float | None = None) -> list[Result]:
    """The table of every mode; with `explain_over`, the plan (EXPLAIN ANALYZE, PostgreSQL) of the key whose raw
    query took longest, for each mode whose service p95 is over that many ms."""
    keys = sample_keys(db, samples, seed)
    warm = sample_keys(db, 20, seed + 1)
    results = []
    plans = []
    for label, mode, status in MODES:
        time_mode(db, raw_execute, mode, requests_for(mode, status, warm[mode]))  # caches, prepared statements
        t = time_mode(db, raw_execute, mode, requests_for(mode, status, keys[mode]))
        if explain_over is not None and percentile(t.wall["service"], 0.95) > explain_over:
            slowest = max(range(len(t.pairs)), key=lambda i: t.wall["raw"][i])  # noqa: B023
            key, key_status = t.pairs[slowest]
            sql, params = page_sql(db, SearchRequest(mode, key, key_status))
            plan = raw_execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plans.append(f"{label} (key {key!r}, status {key_status}):\n" + "\n".join(row[0] for row in plan))
        results.append((label, percentile(t.wall["service"], 0.5), percentile(t.wall["service"], 0.95),
                        percentile(t.wall["raw"], 0.5), percentile(t.wall["raw"], 0.95),
                        percentile(t.cpu["service"], 0.95), percentile(t.cpu["raw"], 0.95),
                        t.rows / len(t.wall["service"])))
    print(f"{'':<22} {'wall clock':^56}   {'CPU time of the thread':^28}")
    print(f"{'mode':<22} {'service p50':>11} {'p95':>7}   {raw_name + ' p50':>15} {'p95':>7}   {'p95 ratio':>9}   "
          f"{'service p95':>11} {'raw p95':>7} {'ratio':>6}  {'rows':>5}")
    for label, s50, s95, r50, r95, cs95, cr95, rows_per_page in results:
        print(f"{label:<22} {s50:>8.2f} ms {s95:>7.2f}   {r50:>12.2f} ms {r95:>7.2f}   {ratio(s95, r95):>8.1f}x   "
              f"{cs95:>8.2f} ms {cr95:>7.2f} {ratio(cs95, cr95):>5.1f}x  {rows_per_page:>5.1f}")
    for plan in plans:
        print("\nEXPLAIN ANALYZE of the slowest key of " + plan)
    return results


def ratio(service: float, raw: float) -> float:
    return service / raw if raw else float("inf")


def paging(db: Database, samples: int, seed: int) -> str:
    """PgDn through 20 pages and PgUp back, for follow-up dates (thousands of reports share a date) and for
    the status list: ms per page, p50 and p95 over every page turned."""
    keys = sample_keys(db, max(3, samples // 50), seed + 2)
    out = []
    for label, mode in (("follow-up date", SearchMode.FOLLOW_UP_DATE), ("status alone", SearchMode.STATUS)):
        times: list[float] = []
        for key in keys[mode]:
            request = SearchRequest(mode, key)
            page = search_reports(db, request)
            for _ in range(20):
                if page.next_cursor is None:
                    break
                start = time.perf_counter()
                page = search_reports(db, request, after=page.next_cursor)
                times.append((time.perf_counter() - start) * 1000)
            while page.previous_cursor is not None:
                start = time.perf_counter()
                page = search_reports_before(db, request, before=page.previous_cursor)
                times.append((time.perf_counter() - start) * 1000)
        out.append(f"{label} p50 {percentile(times, 0.5):.2f} ms, p95 {percentile(times, 0.95):.2f} ms")
    return "PgDn x20 then PgUp back, per page: " + "; ".join(out)


def sqlite_raw(path: str) -> Callable[[str, Any], list[Any]]:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)

    def execute(sql: str, params: Any) -> list[Any]:  # noqa: ANN401
        return connection.execute(sql, params).fetchall()

    return execute


def postgres_raw(url: str) -> Callable[[str, Any], list[Any]]:
    import psycopg

    parsed = make_url(url).set(drivername="postgresql")
    connection = psycopg.connect(parsed.render_as_string(hide_password=False), autocommit=True)

    def execute(sql: str, params: Any) -> list[Any]:  # noqa: ANN401
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return execute


# ----------------------------------------------------------------------------------------------------------------
# The F6 screen
# ----------------------------------------------------------------------------------------------------------------


def screen_open_times(db: Database, runs: int) -> list[float]:
    """push_screen(DamageReportSearchScreen) to its first page composed (all reports, newest first), headless 80x24."""
    from textual.app import App

    from carsplus_tui.resources import resource_path
    from carsplus_tui.tui.screens.search import DamageReportSearchScreen

    times: list[float] = []

    class Bench(App[None]):
        CSS_PATH = str(resource_path("screens.tcss"))

        def __init__(self) -> None:
            super().__init__()
            self.shown = asyncio.Event()

        def on_damage_report_search_screen_page_shown(self, _message: DamageReportSearchScreen.PageShown) -> None:
            self.shown.set()

    async def run() -> None:
        app = Bench()
        async with app.run_test(size=(80, 24)) as pilot:
            for i in range(runs + 3):
                app.shown.clear()
                start = time.perf_counter()
                # As F6 opens it: the app's kept screen where there is one (issue 23), else a new one each time.
                kept_on = getattr(DamageReportSearchScreen, "kept_on", None)
                await app.push_screen(kept_on(app, db) if kept_on else DamageReportSearchScreen(db))
                await app.shown.wait()
                # ...and composed into a frame: the screen's pending messages handled, layout and compositor run
                # (what Textual's refresh timer does; pilot.pause() would add its own idle-detection sleeps).
                await pilot._wait_for_screen()
                app.screen._on_timer_update()
                if i >= 3:  # the first opens import and warm up
                    times.append((time.perf_counter() - start) * 1000)
                await app.pop_screen()
                await pilot.pause()

    asyncio.run(run())
    return times


def verdict(results: list[Result], *, ratio_target: bool, p95_target: float = TARGET_P95_MS) -> str:
    """The targets on the wall clock (p95 <= 20 ms, or 5 ms on PostgreSQL; <= 3x raw); where the ratio misses,
    whether the CPU time's ratio does too (the service's own cost) or only the wall clock (see time_mode)."""
    slow = [r[0] for r in results[:6] if r[2] > p95_target]
    over = [r[0] for r in results[:6] if ratio_target and ratio(r[2], r[4]) > TARGET_RATIO]
    if not slow and not over:
        return "all six modes within target"
    notes = [f"{label}: p95 over {p95_target:g} ms" for label in slow]
    for label in over:
        row = next(r for r in results if r[0] == label)
        cpu = ratio(row[5], row[6])
        notes.append(f"{label}: {ratio(row[2], row[4]):.1f}x raw on the wall clock, {cpu:.1f}x in CPU time"
                     + (" (the service itself)" if cpu > TARGET_RATIO else " (the machine's load, not the service)"))
    return "OVER TARGET: " + "; ".join(notes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--sqlite-file", default="/tmp/carsplus-bench-1m.db",
                        help="kept between runs (generated when missing or short of --reports)")
    parser.add_argument("--postgres", metavar="URL", help="also measure PostgreSQL (generated when empty)")
    parser.add_argument("--pg-reports", type=int, help="reports on PostgreSQL (default: --reports)")
    parser.add_argument("--samples", type=int, default=300, help="random keys per mode")
    parser.add_argument("--screen-runs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-sqlite", action="store_true", help="PostgreSQL only (with --postgres)")
    parser.add_argument("--screen-only", action="store_true", help="on SQLite, only the F6 screen's opening")
    parser.add_argument("--explain", action="store_true",
                        help="print the query plan of the slowest key of each PostgreSQL mode over target")
    args = parser.parse_args()
    if not args.skip_sqlite:
        run_sqlite(args)
    if args.postgres:
        pg_reports = args.pg_reports or args.reports
        pg = ensure_database(args.postgres, pg_reports)
        print(f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"\nPostgreSQL {make_url(args.postgres).render_as_string()}: {report_count(pg):,} reports")
        results = benchmark(pg, postgres_raw(args.postgres), "raw psycopg", args.samples, args.seed,
                            explain_over=PG_TARGET_P95_MS if args.explain else None)
        print(f"target p95 <= {PG_TARGET_P95_MS:g} ms and <= {TARGET_RATIO:.0f}x raw psycopg (issue 23): "
              f"{verdict(results, ratio_target=True, p95_target=PG_TARGET_P95_MS)}; load average "
              f"{' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(paging(pg, args.samples, args.seed))
        pg.dispose()


def run_sqlite(args: argparse.Namespace) -> None:
    db = ensure_database(f"sqlite:///{args.sqlite_file}", args.reports)
    # Figures are only comparable at a similar load: a busy machine's preemptions land in the p95s.
    print(f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} "
          "(1 / 5 / 15 min)")
    print(f"\nSQLite {args.sqlite_file}: {report_count(db):,} reports; first page = 15 rows (16 fetched); "
          f"{args.samples} random keys per mode; status alone cycles U, I, C, all")
    if not args.screen_only:
        results = benchmark(db, sqlite_raw(args.sqlite_file), "raw sqlite3", args.samples, args.seed)
        print(f"target p95 <= {TARGET_P95_MS:.0f} ms and <= {TARGET_RATIO:.0f}x raw sqlite3: "
              f"{verdict(results, ratio_target=True)}")
        print(paging(db, args.samples, args.seed))

    screen = screen_open_times(db, args.screen_runs)
    print(f"\nF6 screen, push_screen to first page composed (headless 80x24, {len(screen)} opens): "
          f"p50 {percentile(screen, 0.5):.1f} ms, p95 {percentile(screen, 0.95):.1f} ms, "
          f"max {max(screen):.1f} ms (target <= {TARGET_SCREEN_MS:.0f} ms)")
    # The slow opens are Python's full garbage collections (tens of ms each over Textual's and SQLAlchemy's
    # objects on this machine) landing inside the open. gc.freeze() after start-up takes the start-up objects out
    # of them; the same measurement with it shows what an app that does so gets.
    gc.collect()
    gc.freeze()
    frozen = screen_open_times(db, args.screen_runs)
    print(f"  the same after gc.freeze(): p50 {percentile(frozen, 0.5):.1f} ms, "
          f"p95 {percentile(frozen, 0.95):.1f} ms, max {max(frozen):.1f} ms")
    db.dispose()
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
