"""Loss of use (issue 22): the per-day utilization table of a constructed fleet, the LOU derivation and the itemised
statement's arithmetic (hypothesis: the lines always add up to Amount Outstanding)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carsplus_tui.domain import engine
from carsplus_tui.domain.control import DamageControl
from carsplus_tui.domain.loss_of_use import (
    Interval,
    LossOfUseData,
    LossOfUseError,
    choose_rate,
    derive_loss_of_use,
    parse_class_rates,
    repairs_by_kind,
    statement,
    utilization_log,
)
from carsplus_tui.domain.schemas import load_report

D = Decimal
JAN = date(2010, 1, 1)


def day(n: int) -> date:
    return JAN + timedelta(days=n - 1)


# --- the fleet utilization log -----------------------------------------------------------------------------------

def test_a_constructed_fleet_gives_the_exact_per_day_table() -> None:
    """Four midsize cars at TUS; car 1 is the damaged one, out of service Jan 3 to Jan 9 (repaired on the 9th).
    Cars 2-4 are on rent Jan 4-6 (all three), car 2 also Jan 3; car 5 is another class and never counts; one RA on
    car 3 closes and another opens the same day (Jan 7), and car 4 has a same-day rental on Jan 8."""
    fleet = [1, 2, 3, 4]
    rentals = [
        Interval(2, day(1), day(7)),  # Jan 1 - Jan 6 (back on the 7th)
        Interval(3, day(4), day(7)),  # Jan 4 - Jan 6
        Interval(3, day(7), None),  # Jan 7 on, still open
        Interval(4, day(4), day(7)),  # Jan 4 - Jan 6
        Interval(4, day(8), day(8)),  # same day, Jan 8
        Interval(5, day(1), None),  # not in the fleet
    ]
    stops = [Interval(1, day(3), day(9)), Interval(3, day(5), day(6))]  # car 3 also "out" on a day it is on rent
    log = utilization_log(fleet, rentals, stops, day(3), day(9), vehicle_class="MIDSIZE", location="TUS")
    rows = [(d.day.day, d.fleet_size, d.on_rent, d.out_of_service, d.free, str(d.utilization), d.none_free)
            for d in log.days]
    assert rows == [
        (3, 4, 1, 1, 2, "25.0", False),
        (4, 4, 3, 1, 0, "75.0", True),
        (5, 4, 3, 1, 0, "75.0", True),  # car 3 on rent counts as on rent, not out of service
        (6, 4, 3, 1, 0, "75.0", True),
        (7, 4, 1, 1, 2, "25.0", False),  # car 3's new RA; car 2 back on the 7th is free
        (8, 4, 2, 1, 1, "50.0", False),  # car 4's same-day rental
    ]
    assert (log.days_none_free, log.days_idle, log.fleet_size) == (3, 3, 4)
    assert log.first_day == day(3) and log.last_day == day(8)
    assert log.average_utilization == D("54.2")
    assert log.table()[3] == "01-04-10      4        3           1     0    75.0  NONE FREE"
    assert log.summary == "MIDSIZE AT TUS, FLEET 4: NO CAR FREE ON 3 OF 6 DAYS, AVERAGE UTILIZATION 54.2%"


def test_an_empty_fleet_has_no_free_car_and_no_division_by_zero() -> None:
    log = utilization_log([], [Interval(1, day(1))], [], day(1), day(3))
    assert [(d.fleet_size, d.on_rent, d.free, d.utilization, d.none_free) for d in log.days] == [
        (0, 0, 0, D("0.0"), False)] * 2


# --- the charge --------------------------------------------------------------------------------------------------

def test_lou_is_days_times_the_ras_rate_else_the_class_rate() -> None:
    rates = parse_class_rates("midsize=36.99 SUV=54.99")
    assert choose_rate(D("41.50"), "MIDSIZE", rates) == (D("41.50"), "RA")
    assert choose_rate(None, "midsize", rates) == (D("36.99"), "CLASS")
    with pytest.raises(LossOfUseError, match="NONE FOR CLASS PICKUP"):
        choose_rate(None, "PICKUP", rates)
    lou = derive_loss_of_use(day(5), day(12), D("36.99"), "RA", vehicle_class="MIDSIZE", location="TUS")
    assert (lou.days, lou.amount) == (7, D("258.93"))
    assert lou.derivation == "7 DAYS X 36.99 (RA RATE) = 258.93"
    assert lou.period == "01-05-10 TO 01-12-10"


@pytest.mark.parametrize(("out", "back", "words"), [
    (None, day(3), "NO 6 OUT OF SERVICE DATE"),
    (day(3), None, "NO 7 REPAIR DATE"),
    (day(3), day(3), "NO DAYS LOST"),
    (day(1), day(1) + timedelta(days=400), "MORE THAN 366"),
])
def test_lou_says_why_it_cannot_be_computed(out, back, words) -> None:  # noqa: ANN001
    with pytest.raises(LossOfUseError, match=words):
        derive_loss_of_use(out, back, D("30.00"), "CLASS")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)), st.integers(1, 366),
       st.integers(1, 99_999).map(lambda c: D(c) / 100))
def test_lou_derivation_is_exact(out: date, days: int, rate: Decimal) -> None:
    lou = derive_loss_of_use(out, out + timedelta(days=days), rate, "CLASS")
    assert lou.days == days
    assert lou.amount == rate * days  # exact: no rounding anywhere
    assert lou.consistent()
    assert LossOfUseData.model_validate(lou.model_dump(mode="json")) == lou  # the stored JSON form round-trips


def test_class_rates_are_checked() -> None:
    assert parse_class_rates({"suv": "54.99"}) == {"SUV": D("54.99")}
    for bad in ("MIDSIZE", "MIDSIZE=ABC", "TOOLONGCLASSNAME=1.00", "SUV=-1.00"):
        with pytest.raises(ValueError):
            parse_class_rates(bad)


# --- the itemised statement ----------------------------------------------------------------------------------------

money = st.integers(0, 500_000).map(lambda c: D(c) / 100)
maybe = st.one_of(st.none(), money)


@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(st.sampled_from("PLBO"), money), max_size=6),
    lou_days=st.one_of(st.none(), st.integers(1, 30)), rate=st.integers(100, 9_000).map(lambda c: D(c) / 100),
    extra_misc=maybe, tp_costs=maybe, tp_recovery=maybe, goodwill=maybe, charged=maybe, refunded=maybe,
    covered=st.sampled_from(["Y", "N"]), excess=maybe, on_ra=money,
)
def test_the_statement_always_adds_up_to_amount_outstanding(lines, lou_days, rate, extra_misc, tp_costs,  # noqa: ANN001
                                                            tp_recovery, goodwill, charged, refunded, covered,
                                                            excess, on_ra) -> None:
    lou = derive_loss_of_use(day(1), day(1 + lou_days), rate, "RA") if lou_days else None
    misc = (lou.amount if lou else D(0)) + (extra_misc or D(0))
    report = load_report({
        "ra_number": "A1", "damage_covered": covered, "excess_charged": None if excess is None else str(excess),
        "misc_costs": str(misc) if (lou or extra_misc is not None) else None,
        "third_party_costs": None if tp_costs is None else str(tp_costs),
        "third_party_recovery": None if tp_recovery is None else str(tp_recovery),
        "goodwill_deduction": None if goodwill is None else str(goodwill),
        "amount_charged": None if charged is None else str(charged),
        "amount_refunded": None if refunded is None else str(refunded),
        "loss_of_use": lou.model_dump(mode="json") if lou else None,
    })
    facts = engine.ClaimFacts(has_work_order=True, repair_cost_lines=tuple(a for _, a in lines),
                              excess_charged_ra=on_ra)
    ev = engine.evaluate(report, facts, DamageControl())
    money_ = ev.money
    done = statement(
        repairs_by_kind=repairs_by_kind(lines), misc_costs=report.misc_costs,
        third_party_costs=report.third_party_costs, third_party_recovery=report.third_party_recovery,
        goodwill=report.goodwill_deduction, final_liability=money_.final_liability,
        excess_charged_ra=money_.excess_charged_ra, amount_charged=report.amount_charged,
        amount_refunded=report.amount_refunded, amount_outstanding=money_.amount_outstanding,
        loss_of_use=lou, damage_covered=covered,
    )
    assert sum((line.amount for line in done.items), D(0)) == money_.amount_outstanding == done.amount_due
    subtotal = next(line for line in done.lines if line.subtotal)
    assert subtotal.amount == money_.final_liability
    labels = [line.label for line in done.lines]
    if lou:
        assert "LOSS OF USE" in labels
        assert next(line for line in done.lines if line.label == "LOSS OF USE").amount == lou.amount
    assert sum((line.amount for line in done.lines if line.label.startswith("REPAIRS")), D(0)) == \
        money_.our_repair_costs


def test_a_covered_claim_is_limited_to_the_excess_line_by_line() -> None:
    lou = derive_loss_of_use(day(1), day(5), D("40.00"), "CLASS", vehicle_class="MIDSIZE", location="TUS")
    done = statement(repairs_by_kind={"P": D("800.00"), "L": D("400.00")}, misc_costs=D("185.00"),
                     third_party_costs=None, third_party_recovery=None, goodwill=None,
                     final_liability=D("500.00"), excess_charged_ra=D("150.00"), amount_charged=D("200.00"),
                     amount_refunded=None, amount_outstanding=D("150.00"), loss_of_use=lou, damage_covered="Y")
    assert done.text() == [
        "REPAIRS - PARTS                                       800.00",
        "REPAIRS - LABOUR                                      400.00",
        "LOSS OF USE                                           160.00",
        "  01-01-10 TO 01-05-10: 4 DAYS X 40.00 (CLASS RATE) = 160.00",
        "OTHER MISC COSTS                                       25.00",
        "LIMITED TO YOUR RESPONSIBILITY (EXCESS)              -885.00",
        "------------------------------------------------------------",
        "YOUR LIABILITY (FINAL LIABILITY)                      500.00",
        "CHARGED ON THE RENTAL AGREEMENT                      -150.00",
        "CHARGED SINCE                                        -200.00",
        "============================================================",
        "AMOUNT NOW DUE                                        150.00",
    ]


def test_a_statement_that_does_not_add_up_is_refused() -> None:
    with pytest.raises(ValueError, match="add up"):
        statement(repairs_by_kind={"P": D("100.00")}, misc_costs=None, third_party_costs=None,
                  third_party_recovery=None, goodwill=None, final_liability=D("100.00"),
                  excess_charged_ra=D("0.00"), amount_charged=None, amount_refunded=None,
                  amount_outstanding=D("90.00"))
