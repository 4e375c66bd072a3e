"""How long each print takes to build (issue 8's target: 100 ms or less per form), on the sample data in SQLite.

For each form: the median of several runs of `build_pdf` (reading the report through the services and drawing the
PDF) and of the drawing alone. As a baseline measured in the same run, the median time reportlab takes to write a
one-line PDF, so the figures can be read on any machine ("x baseline").

    python benchmarks/printing.py [--runs 25] [--report 21]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.pdfgen.canvas import Canvas  # noqa: E402

from carsplus_tui.db import migrate  # noqa: E402
from carsplus_tui.db.database import Database  # noqa: E402
from carsplus_tui.domain.printing import PrintForm  # noqa: E402
from carsplus_tui.printing import FORM_TITLES, render  # noqa: E402
from carsplus_tui.services.printing import build_pdf, print_context  # noqa: E402
from carsplus_tui.services.sample import load_sample_data  # noqa: E402
from carsplus_tui.settings import Settings  # noqa: E402

TARGET_MS = 100.0


def one_line_pdf() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    canvas.drawString(72, 720, "CARS+ DAMAGE REPORT")
    canvas.save()
    return buffer.getvalue()


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm: imports, font metrics, the database's first connection
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25, help="runs per form (the median is reported)")
    parser.add_argument("--report", type=int, default=21,
                        help="sample report to print (21: two third parties, five damage lines, every pop-up)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'printing.db'}")
        migrate.upgrade(db.engine)
        load_sample_data(db)
        settings = Settings(data_dir=Path(tmp), spool_dir=Path(tmp) / "spool", printer="", page_size="LETTER")
        baseline = median_ms(one_line_pdf, args.runs)
        print(f"report {args.report} on SQLite, median of {args.runs} runs; baseline (one-line reportlab PDF): "
              f"{baseline:.2f} ms")
        print(f"{'form':<30} {'build_pdf':>10} {'x baseline':>11} {'drawing':>9} {'pages':>6}  "
              f"target {TARGET_MS:.0f} ms")
        worst = 0.0
        for form in PrintForm:
            context = print_context(db, args.report, form, settings)
            total = median_ms(partial(build_pdf, db, args.report, form, settings), args.runs)
            drawing = median_ms(partial(render, form, context), args.runs)
            pages = render(form, context).count(b"/Type /Page\n")
            worst = max(worst, total)
            verdict = "ok" if total <= TARGET_MS else "SLOW"
            print(f"{FORM_TITLES[form]:<30} {total:>7.1f} ms {total / baseline:>10.0f}x {drawing:>6.1f} ms "
                  f"{pages:>6}  {verdict}")
        verdict = "within" if worst <= TARGET_MS else "over"
        print(f"slowest form: {worst:.1f} ms ({verdict} the {TARGET_MS:.0f} ms target)")
        db.dispose()


if __name__ == "__main__":
    main()
