"""How long `carsplus dms export --all` holds a counter when the DMS accepts connections and never answers (a hung
DMS behind a load balancer): with the shipped settings (10 s time-out, 3 retries, CARSPLUS_DMS_EXPORT_BUDGET=60,
the circuit after 3 failures) the export stops at the budget and leaves the receipts it did not reach Ready; without
a budget it would take about 42 s per receipt.

    python benchmarks/dms_unreachable.py [--receipts 50] [--budget 60] [--timeout 10] [--retries 3]

Prints the wall-clock time of the export process, its exit code, its last lines and the receipts' statuses.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PASSWORD = "dms-bench-1"  # (new passwords are at least 8 characters)


def prepare(url: str, receipts: int) -> None:
    from sqlalchemy import select

    from carsplus_tui.db import migrate
    from carsplus_tui.db import models as m
    from carsplus_tui.db.database import Database
    from carsplus_tui.services import dms
    from carsplus_tui.services.sample import load_sample_data
    from carsplus_tui.services.users import add_user

    db = Database(url)
    try:
        migrate.upgrade(db.engine)
        load_sample_data(db)
        with db.read() as session:
            location = session.scalar(select(m.Location.code).order_by(m.Location.code))
            report = session.scalar(select(m.DamageReport.report_number).order_by(m.DamageReport.report_number))
        add_user(db, "DMSB", name="DMS BENCH", location=location, password=PASSWORD, access_claim="edit")
        for n in range(receipts):
            dms.add_receipt(db, report, payer_type="INSURANCE", payer_name="AETNA", amount=f"{n + 1}.00",
                            employee="DMSB")
    finally:
        db.dispose()


def statuses(url: str) -> Counter[str]:
    from sqlalchemy import select

    from carsplus_tui.db import models as m
    from carsplus_tui.db.database import Database

    db = Database(url)
    try:
        with db.read() as session:
            return Counter("IN DOUBT" if r.in_doubt else r.status for r in session.scalars(select(m.DmsReceipt)))
    finally:
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=50)
    parser.add_argument("--budget", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--retries", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(128)  # connections are accepted by the kernel; nobody ever answers
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        prepare(url, args.receipts)
        env = {**os.environ, "CARSPLUS_DATABASE_URL": url, "CARSPLUS_DATA_DIR": folder, "CARSPLUS_PASSWORD": PASSWORD,
               "CARSPLUS_DMS_CONNECTOR": "http", "CARSPLUS_DMS_URL": f"http://127.0.0.1:{silent.getsockname()[1]}/",
               "CARSPLUS_DMS_TIMEOUT": str(args.timeout), "CARSPLUS_DMS_RETRIES": str(args.retries),
               "CARSPLUS_DMS_EXPORT_BUDGET": str(args.budget)}
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-m", "carsplus_tui", "dms", "export", "--all", "--employee", "DMSB"],
                              env=env, capture_output=True, text=True, check=False)
        took = time.monotonic() - started
        print(f"{args.receipts} receipts, hung DMS, time-out {args.timeout:g} s, {args.retries} retries, "
              f"budget {args.budget:g} s: export took {took:.1f} s, exit code {done.returncode}")
        print("\n".join(done.stdout.strip().splitlines()[-3:]))
        print("receipts:", dict(statuses(url)))


if __name__ == "__main__":
    main()
