"""How long the domain takes for one report: statuses and money, the copy with outputs, the rules, the JSON load.

    python benchmarks/engine.py [--repeat 7] [--number 2000]

Prints, for each operation, the median time per call over several runs and its ratio against a baseline measured
in the same run on the same machine: a bare pydantic ``model_validate`` of a two-field model.  The ratio is the
figure to compare between machines; the budget is "well under a millisecond" for ``evaluate``.  Nothing here
asserts a time (timings belong in benchmarks, never in unit tests).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import timeit
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from carsplus_tui.domain import (  # noqa: E402
    ClaimFacts,
    DamageControl,
    DamageReportData,
    ReportContext,
    apply_computed,
    claim_money,
    claim_status,
    evaluate,
    report_status,
    validate_report,
)
from carsplus_tui.domain.examples import complete_example_data  # noqa: E402


class Tiny(BaseModel):
    number: int
    code: str


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs; the median is reported")
    parser.add_argument("--number", type=int, default=2000, help="calls per run")
    args = parser.parse_args()

    data = complete_example_data()
    data.update(
        {
            "report_checked": "Y",
            "external_claim": "Y",
            "external_closed": "Y",
            "misc_costs": "100.00",
            "third_party_costs": "250.00",
            "third_party_recovery": "75.00",
            "goodwill_deduction": "10.00",
            "amount_charged": "60.00",
        }
    )
    report = DamageReportData.model_validate(data)
    facts = ClaimFacts(
        has_work_order=True,
        work_order_status="OPEN",
        repair_cost_lines=(Decimal("410.00"), Decimal("125.50"), Decimal("89.99")),
        excess_charged_ra=Decimal("150.00"),
        ra_excess=Decimal("1500.00"),
    )
    control = DamageControl(ausie_rules=True)
    ctx = ReportContext(control=control, ra_excess=Decimal("1500.00"), has_ra=True)
    tiny = {"number": 1, "code": "D1"}

    cases = [
        ("baseline: Tiny.model_validate (2 fields)", lambda: Tiny.model_validate(tiny)),
        ("report_status", lambda: report_status(report)),
        ("claim_money", lambda: claim_money(report, facts)),
        ("claim_status", lambda: claim_status(report, facts)),
        ("evaluate (statuses + money + page-2 access)", lambda: evaluate(report, facts, control)),
        ("apply_computed (evaluate + model_copy)", lambda: apply_computed(report, facts, control)),
        ("validate_report (page 1 + page 2 rules)", lambda: validate_report(report, ctx, facts, previous=report)),
        ("DamageReportData.model_validate (full JSON)", lambda: DamageReportData.model_validate(data)),
    ]

    results = []
    for name, fn in cases:
        fn()  # warm up
        runs = timeit.repeat(fn, repeat=args.repeat, number=args.number)
        results.append((name, statistics.median(runs) / args.number))

    baseline = results[0][1]
    print(f"python {sys.version.split()[0]}; median of {args.repeat} runs x {args.number} calls")
    print(f"{'operation':48} {'median/call':>12} {'x baseline':>11}")
    for name, seconds in results:
        print(f"{name:48} {seconds * 1e6:9.2f} us {seconds / baseline:10.2f}x")
    evaluate_s = dict(results)["evaluate (statuses + money + page-2 access)"]
    print(f"evaluate uses {evaluate_s / 1e-3:.1%} of the 1 ms budget")


if __name__ == "__main__":
    main()
