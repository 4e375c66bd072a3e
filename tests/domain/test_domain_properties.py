"""Hypothesis properties of the engine and the money, checked against an independent integer-cents oracle."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from carsplus_tui.domain import (
    ClaimFacts,
    DamageControl,
    DamageReportData,
    apply_computed,
    claim_money,
    claim_status,
    evaluate,
    format_counter_date,
    format_money,
    parse_counter_date,
    parse_money,
    validate_page2,
)

YN = st.sampled_from([None, "Y", "N"])
CENTS = st.integers(min_value=0, max_value=10**8)
MONEY = CENTS.map(lambda c: Decimal(c).scaleb(-2))
OPT_MONEY = st.none() | MONEY


@st.composite
def report_data(draw: st.DrawFn) -> dict[str, Any]:
    details = draw(
        st.none()
        | st.fixed_dictionaries(
            {"date_time": st.none() | st.just("07-21-09/1430"), "witnesses": YN, "address1": st.just("CORNER OF GRAND")}
        )
    )
    party = st.fixed_dictionaries({"last_name": st.just("JOHNSON"), "injured": YN, "customer_number": st.none() | st.just("100245")})
    witness = st.fixed_dictionaries({"last_name": st.just("BROWN"), "customer_number": st.none() | st.just("100301")})
    return {
        "ra_number": draw(st.sampled_from([None, "A0001310"])),
        "non_rev_number": draw(st.sampled_from([None, "N1234"])),
        "unit_number": "001888",
        "accident_details": details,
        "witnesses": draw(st.lists(witness, max_size=2)),
        "customer_present": draw(YN),
        "renter_driving": draw(YN),
        "other_driver": draw(st.none() | st.fixed_dictionaries({"last_name": st.just("SMITH"), "customer_number": st.none() | st.just("1")})),
        "driver_injured": draw(YN),
        "third_party_involved": draw(YN),
        "third_parties": draw(st.lists(party, max_size=5)),
        "damage_covered": draw(YN),
        "renters_claim_number": draw(st.sampled_from([None, "CN1234"])),
        "excess_charged": draw(OPT_MONEY),
        "accident_description": draw(st.sampled_from([[], ["HIT A POLE"]])),
        "report_checked": draw(YN),
        "external_claim": draw(YN),
        "external_closed": draw(YN),
        "misc_costs": draw(OPT_MONEY),
        "third_party_costs": draw(OPT_MONEY),
        "third_party_recovery": draw(OPT_MONEY),
        "goodwill_deduction": draw(OPT_MONEY),
        "amount_refunded": draw(OPT_MONEY),
        "amount_charged": draw(OPT_MONEY),
    }


REPORTS = report_data().map(DamageReportData.model_validate)
FACTS = st.builds(
    ClaimFacts,
    has_work_order=st.booleans(),
    work_order_status=st.sampled_from([None, "OPEN", "CLOSED"]),
    repair_cost_lines=st.lists(MONEY, max_size=4).map(tuple),
    excess_charged_ra=MONEY,
)


# --- the oracle: DESIGN.md section 4 written again, in integer cents ---------------------------------------------------


def c(amount: Decimal | None) -> int:
    return 0 if amount is None else int(amount * 100)


def oracle_money(r: DamageReportData, f: ClaimFacts) -> dict[str, int]:
    our = sum(c(x) for x in f.repair_cost_lines)
    if r.damage_covered == "Y":
        maximum = c(r.excess_charged)
    else:
        maximum = max(0, our + c(r.misc_costs) + c(r.third_party_costs) - c(r.third_party_recovery))
    costs = our + c(r.misc_costs) + c(r.third_party_costs) - c(r.third_party_recovery) - c(r.goodwill_deduction)
    final = max(0, min(maximum, costs))
    due = final - c(f.excess_charged_ra)
    return {"our": our, "max": maximum, "final": final, "due": due, "outstanding": due - c(r.amount_charged) + c(r.amount_refunded)}


def oracle_report_status(r: DamageReportData) -> str:
    if r.ra_number is None and r.non_rev_number is None:
        return "U"
    d = r.accident_details
    blanks = [d is None or d.date_time is None, r.driver_injured is None, r.accident_description == [], r.damage_covered is None]
    witnesses = d is not None and d.witnesses == "Y" and (not r.witnesses or any(w.customer_number is None for w in r.witnesses))
    parties = r.third_party_involved == "Y" and (not r.third_parties or any(p.customer_number is None for p in r.third_parties))
    driver = r.renter_driving == "N" and (r.other_driver is None or r.other_driver.customer_number is None)
    return "I" if any(blanks) or witnesses or parties or driver else "C"


def oracle_claim_status(r: DamageReportData, f: ClaimFacts) -> int:
    rs = oracle_report_status(r)
    external_default = (
        r.renters_claim_number is not None
        or r.driver_injured == "Y"
        or any(p.injured == "Y" for p in r.third_parties)
        or r.damage_covered != "Y"
    )
    external = r.external_claim == "Y" or (r.external_claim is None and external_default)
    outstanding = oracle_money(r, f)["outstanding"]
    levels = [
        rs == "U",
        rs == "I",
        not f.has_work_order,
        r.report_checked != "Y",
        external and r.external_closed != "Y",
        outstanding > 0,
        outstanding < 0,
    ]
    return next((level for level, fails in enumerate(levels) if fails), 7)


# --- properties --------------------------------------------------------------------------------------------------------


@settings(max_examples=400)
@given(REPORTS, FACTS)
def test_claim_status_is_the_first_failing_level(r: DamageReportData, f: ClaimFacts) -> None:
    expected = oracle_claim_status(r, f)
    assert claim_status(r, f) == expected
    assert evaluate(r, f, DamageControl()).claim_status == expected
    assert evaluate(r, f, DamageControl(ausie_rules=True)).claim_status == expected


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_money_matches_the_cents_oracle(r: DamageReportData, f: ClaimFacts) -> None:
    m = claim_money(r, f)
    o = oracle_money(r, f)
    assert [c(m.our_repair_costs), c(m.maximum_liability), c(m.final_liability), c(m.charge_refund_due), c(m.amount_outstanding)] == [
        o["our"], o["max"], o["final"], o["due"], o["outstanding"]
    ]


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_settling_the_due_makes_the_outstanding_exactly_zero(r: DamageReportData, f: ClaimFacts) -> None:
    """ "If this amount is positive ... enter this amount in field 14 below to invoice the renter" / "If this amount is
    negative ... Enter this amount in Field 13 to refund the amount to the renter." """
    due = claim_money(r, f).charge_refund_due
    if due > 0:
        settled = r.model_copy(update={"amount_charged": due, "amount_refunded": None})
    else:
        settled = r.model_copy(update={"amount_refunded": -due, "amount_charged": None})
    money = claim_money(settled, f)
    assert money.amount_outstanding == 0
    assert str(money.amount_outstanding) == "0.00"
    if claim_status(settled, f) >= 5:
        assert claim_status(settled, f) == 7  # "A claim is closed when the Amount Outstanding ... appears as zero."


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_final_liability_is_bounded(r: DamageReportData, f: ClaimFacts) -> None:
    """ "FINAL LIABILITY This is the lesser of the Maximum Liability or our costs less the adjustments above." """
    m = claim_money(r, f)
    assert m.final_liability <= m.maximum_liability
    assert m.final_liability >= 0
    assert m.maximum_liability >= 0


@settings(max_examples=200)
@given(REPORTS, FACTS)
def test_decimal_in_decimal_out(r: DamageReportData, f: ClaimFacts) -> None:
    ev = evaluate(r, f, DamageControl())
    for name in ("our_repair_costs", "maximum_liability", "final_liability", "excess_charged_ra", "charge_refund_due", "amount_outstanding"):
        value = getattr(ev.money, name)
        assert type(value) is Decimal, name
        assert value.as_tuple().exponent == -2, name
    out = apply_computed(r, f, DamageControl())

    def walk(value: Any) -> None:
        assert not isinstance(value, float)
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(out.model_dump())
    walk(out.model_dump(mode="json"))


@settings(max_examples=200)
@given(REPORTS, FACTS)
def test_json_round_trip(r: DamageReportData, f: ClaimFacts) -> None:
    out = apply_computed(r, f, DamageControl())
    again = DamageReportData.model_validate(json.loads(json.dumps(out.model_dump(mode="json"))))
    assert again == out


@settings(max_examples=200)
@given(REPORTS, FACTS)
def test_an_unchanged_page2_is_never_refused_for_access(r: DamageReportData, f: ClaimFacts) -> None:
    """Gating stops a clerk from setting a field; a value saved earlier stays put when the report drops a level."""
    errors = validate_page2(r, f, DamageControl(ausie_rules=True), previous=r)
    assert [e for e in errors if "can be set" in e.message or "complete reports only" in e.message] == []


@settings(max_examples=200)
@given(REPORTS, FACTS)
def test_evaluate_does_not_touch_the_report(r: DamageReportData, f: ClaimFacts) -> None:
    before = r.model_dump()
    first = evaluate(r, f, DamageControl())
    assert evaluate(r, f, DamageControl()) == first
    assert r.model_dump() == before


@given(CENTS, st.booleans())
def test_money_text_round_trip(cents: int, negative: bool) -> None:
    amount = Decimal(-cents if negative else cents).scaleb(-2)
    text = format_money(amount)
    assert parse_money(text) == amount
    assert type(parse_money(text)) is Decimal
    assert parse_money(amount) == amount
    assert parse_money(Decimal(-cents if negative else cents) / 100) == amount


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_a_float_is_taken_only_when_it_is_an_exact_two_place_amount(value: float) -> None:
    try:
        amount = parse_money(value)
    except ValueError:
        return
    assert type(amount) is Decimal
    assert amount == Decimal(repr(value))  # the digits typed, never the binary expansion


@given(st.dates(min_value=date(1970, 1, 1), max_value=date(2069, 12, 31)))
def test_counter_dates_round_trip(d: date) -> None:
    assert parse_counter_date(format_counter_date(d)) == d
    assert parse_counter_date(format_counter_date(d).replace("-", "")) == d
    assert parse_counter_date(d.isoformat()) == d


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2069, 12, 31)))
def test_iso_datetimes_load(dt: datetime) -> None:
    r = DamageReportData.model_validate({"accident_details": {"date_time": dt.isoformat()}})
    assert r.accident_details is not None and r.accident_details.date_time == dt


# --- DESIGN.md section 4 (turn 2): Maximum Liability includes Misc Costs when the damage is not covered ------------


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_uncovered_maximum_is_all_our_costs_less_recovery_never_below_zero(r: DamageReportData, f: ClaimFacts) -> None:
    r = r.model_copy(update={"damage_covered": "N"})
    money = claim_money(r, f)
    costs = (f.repair_costs + (r.misc_costs or 0) + (r.third_party_costs or 0) - (r.third_party_recovery or 0))
    assert money.maximum_liability == max(costs, Decimal("0.00"))
    assert money.maximum_liability >= 0


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_goodwill_equal_to_a_positive_charge_due_always_writes_it_off(r: DamageReportData, f: ClaimFacts) -> None:
    """ "If this amount is positive, the renter owes you money for this claim. Either enter this amount in field 14
    below to invoice the renter for the amount or enter this amount in field 12 above to write the amount owed off."
    Uncovered, with Misc Costs (loss of use) or without, Goodwill now always writes it off."""
    r = r.model_copy(update={"damage_covered": "N", "amount_charged": None, "amount_refunded": None})
    due = claim_money(r, f).charge_refund_due
    if due <= 0:
        return
    written_off = r.model_copy(update={"goodwill_deduction": (r.goodwill_deduction or Decimal("0.00")) + due})
    money = claim_money(written_off, f)
    assert money.charge_refund_due == 0
    assert money.amount_outstanding == 0


@settings(max_examples=300)
@given(REPORTS, FACTS)
def test_uncovered_final_liability_is_the_costs_less_goodwill_line_by_line(r: DamageReportData, f: ClaimFacts) -> None:
    """Uncovered, the adding-machine tape adds up with no hidden cap: Final Liability is the lines above it
    (repairs + misc + 3rd party costs - recovery - goodwill), or zero when they come to less."""
    r = r.model_copy(update={"damage_covered": "N"})
    money = claim_money(r, f)
    lines = (f.repair_costs + (r.misc_costs or 0) + (r.third_party_costs or 0) - (r.third_party_recovery or 0)
             - (r.goodwill_deduction or 0))
    if f.repair_costs + (r.misc_costs or 0) + (r.third_party_costs or 0) >= (r.third_party_recovery or 0):
        assert money.final_liability == max(lines, Decimal("0.00"))
    assert money.charge_refund_due == money.final_liability - f.excess_charged_ra
