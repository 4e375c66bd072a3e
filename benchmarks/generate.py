"""How long `carsplus sample generate --reports N` takes on SQLite (the issue's target: 1,000,000 in under 10 minutes).

Prints the wall time, reports per second, and — as a baseline measured in the same run — the time plain sqlite3
takes to insert the same number of bare rows into a one-column table, so the figure can be read on any machine.

    python benchmarks/generate.py --reports 1000000
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from carsplus_tui.db import migrate  # noqa: E402
from carsplus_tui.db.database import Database  # noqa: E402
from carsplus_tui.services.generate import generate_reports  # noqa: E402
from carsplus_tui.services.sample import load_sample_data  # noqa: E402


def baseline(count: int, folder: Path) -> float:
    path = folder / "baseline.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, text TEXT)")
    start = time.perf_counter()
    for offset in range(0, count, 20_000):
        with connection:
            connection.executemany("INSERT INTO t VALUES (?, ?)",
                                   ((n, "X" * 30) for n in range(offset, min(count, offset + 20_000))))
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def one_run(count: int, folder: Path, run: int) -> float:
    db = Database(f"sqlite:///{folder / f'generate{run}.db'}")
    migrate.upgrade(db.engine)
    load_sample_data(db)
    start = time.perf_counter()
    generate_reports(db, count)
    elapsed = time.perf_counter() - start
    db.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3, help="runs (the median is reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        times = []
        for run in range(args.runs):
            times.append(one_run(args.reports, folder, run))
            (folder / f"generate{run}.db").unlink()
        base = baseline(args.reports, folder)
    median = statistics.median(times)
    print(f"reports generated:        {args.reports:,}")
    print(f"runs:                     {args.runs} ({', '.join(f'{t:.1f}s' for t in times)})")
    print(f"median wall time:         {median:.1f} s  ({args.reports / median:,.0f} reports/s)")
    print(f"baseline (bare sqlite3 rows, same count): {base:.2f} s  -> ratio {median / base:.1f}x")


if __name__ == "__main__":
    main()
