"""The Damage Letter's table adds up line by line (issue 16): every total it prints is the sum of the lines above
it, whatever the claim -- covered and held to the maximum, uncovered with loss of use, written off with goodwill."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carsplus_tui.domain import ClaimFacts, DamageControl, DamageReportData, apply_computed
from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.printing.letters import letter
from tests.printing.conftest import pdf_text, sample_context

D = Decimal
TOP = ("OUR REPAIR COSTS", "MISCELLANEOUS COSTS (E.G. LOSS OF USE)", "THIRD PARTY COSTS", "LESS THIRD PARTY RECOVERY",
       "LESS GOODWILL DEDUCTION", "LESS AMOUNT ABOVE YOUR MAXIMUM LIABILITY", "RECOVERY BEYOND OUR COSTS NOT CHARGED")


def rows_of(text: str) -> dict[str, Decimal]:
    lines = [line.strip() for line in text.splitlines()]
    start = lines.index("OUR REPAIR COSTS")
    rows: dict[str, Decimal] = {}
    for label, value in zip(lines[start::2], lines[start + 1::2], strict=False):
        try:
            rows[label] = D(value.replace(",", ""))
        except ArithmeticError:
            break
    return rows


def printed(changes: dict, repairs: str, charged_ra: str) -> tuple[DamageReportData, dict[str, Decimal]]:
    ctx = sample_context(**changes)
    facts = ClaimFacts(has_work_order=True, repair_cost_lines=(D(repairs),), excess_charged_ra=D(charged_ra))
    report = apply_computed(ctx.report, facts, DamageControl())
    ctx = sample_context(**{**changes, **{k: getattr(report, k) for k in (
        "our_repair_costs", "maximum_liability", "final_liability", "excess_charged_ra", "charge_refund_due",
        "amount_outstanding")}})
    return report, rows_of(pdf_text(letter(PrintForm.DAMAGE_LETTER, ctx)))


def assert_adds_up(report: DamageReportData, rows: dict[str, Decimal]) -> None:
    final = next(v for k, v in rows.items() if k.startswith("YOUR FINAL LIABILITY"))
    assert sum((rows.get(k, D(0)) for k in TOP), D(0)) == final == report.final_liability
    already = next(v for k, v in rows.items() if k.startswith("LESS ALREADY CHARGED"))
    assert final + already == rows["CHARGE DUE"] == report.charge_refund_due
    invoiced = rows["AMOUNT NOW DUE - INVOICED WITH THIS LETTER"]
    balance = rows["CHARGE DUE"] + rows.get("AMOUNT REFUNDED TO YOU", D(0)) - invoiced
    assert rows.get("BALANCE STILL OPEN ON THIS CLAIM", D(0)) == balance == report.amount_outstanding


@pytest.mark.parametrize(("changes", "repairs", "charged_ra", "capped"), [
    pytest.param({"damage_covered": "N", "misc_costs": "100.00", "goodwill_deduction": None,
                  "amount_charged": "360.00"}, "410.00", "150.00", None, id="uncovered with loss of use, invoiced"),
    pytest.param({"damage_covered": "N", "misc_costs": "100.00", "goodwill_deduction": "360.00",
                  "amount_charged": "0.00"}, "410.00", "150.00", None, id="uncovered, balance written off as goodwill"),
    pytest.param({"damage_covered": "Y", "excess_charged": "500.00", "misc_costs": "100.00",
                  "goodwill_deduction": None, "amount_charged": "350.00"}, "900.00", "150.00",
                 "LESS AMOUNT ABOVE YOUR MAXIMUM LIABILITY", id="covered: held to the maximum, one line says so"),
    pytest.param({"damage_covered": "N", "third_party_recovery": "1000.00", "goodwill_deduction": None,
                  "misc_costs": None, "amount_charged": "0.00", "amount_refunded": "150.00"}, "410.00", "150.00",
                 "RECOVERY BEYOND OUR COSTS NOT CHARGED", id="a recovery beyond our costs: nothing below zero"),
])
def test_the_damage_letter_adds_up(changes: dict, repairs: str, charged_ra: str, capped: str | None) -> None:
    report, rows = printed(changes, repairs, charged_ra)
    assert_adds_up(report, rows)
    if capped:
        assert capped in rows
    else:
        assert not any(k in rows for k in TOP[-2:])


def test_goodwill_equal_to_the_charge_due_is_a_letter_with_nothing_left() -> None:
    """DESIGN.md section 4: uncovered, Misc Costs 100.00, Goodwill = Charge/Refund Due -> 0.00."""
    report, _ = printed({"damage_covered": "N", "misc_costs": "100.00", "goodwill_deduction": None,
                         "amount_charged": None}, "410.00", "150.00")
    assert report.charge_refund_due == D("360.00")
    report, rows = printed({"damage_covered": "N", "misc_costs": "100.00", "goodwill_deduction": "360.00",
                            "amount_charged": None}, "410.00", "150.00")
    assert report.charge_refund_due == report.amount_outstanding == D("0.00")
    assert rows["CHARGE DUE"] == D("0.00")


MONEY = st.none() | st.integers(0, 300_000).map(lambda c: D(c).scaleb(-2))


@settings(max_examples=25, deadline=None)
@given(covered=st.sampled_from(["Y", "N"]), excess=MONEY, misc=MONEY, tpc=MONEY, tpr=MONEY, goodwill=MONEY,
       refunded=MONEY, charged=MONEY, repairs=st.integers(0, 300_000), charged_ra=st.integers(0, 200_000))
def test_every_claim_prints_a_table_that_adds_up(covered, excess, misc, tpc, tpr, goodwill, refunded, charged,  # noqa: ANN001
                                                 repairs, charged_ra) -> None:
    report, rows = printed({"damage_covered": covered, "excess_charged": excess, "misc_costs": misc,
                            "third_party_costs": tpc, "third_party_recovery": tpr, "goodwill_deduction": goodwill,
                            "amount_refunded": refunded, "amount_charged": charged},
                           str(D(repairs).scaleb(-2)), str(D(charged_ra).scaleb(-2)))
    assert_adds_up(report, rows)
