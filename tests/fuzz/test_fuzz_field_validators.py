"""Fuzzing every field validator (issue 10 item 5): each field of the registry gets random values through the entry
points the screens use (``tui.validation.schema_errors`` and ``display_text``), the JSON form's ``load_report``, the
page rules and the claim engine.  Nothing may raise but ``ReportValidationError``; an error must name the fuzzed
field; an accepted value must fit the registry (kind, length) and survive the JSON round trip unchanged.

The fields come from ``domain.fields.FIELDS``, so a field added there is fuzzed without touching this file.
"""

from __future__ import annotations

import string
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carsplus_tui.domain import engine, rules
from carsplus_tui.domain.control import DamageControl
from carsplus_tui.domain.dates import (
    parse_counter_date,
    parse_counter_datetime,
    parse_counter_time,
)
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.fields import FIELDS, LINE_WIDTH, FieldSpec, pattern_of
from carsplus_tui.domain.money import MAX_MONEY, format_money, parse_money
from carsplus_tui.domain.schemas import DamageReportData, load_report, wrap_lines
from carsplus_tui.tui.validation import display_text, rule_errors, schema_errors
from tests.fuzz.junk import Junk

# The seeded loop's share of the 100,000 (see test_fuzz_budget.py).
VALIDATOR_VALUES = 78_987  # (the command's texts, 0.1 s each, cut to 400: moved here, 0.1 ms each)
HYPOTHESIS_EXAMPLES = 250  # per low-level parser below (on top of the 100,000); hypothesis shrinks a failure
FUZZ = settings(max_examples=HYPOTHESIS_EXAMPLES, derandomize=True, database=None, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


# --- the registry as paths ---------------------------------------------------------------------------------------


def concrete_path(spec: FieldSpec, index: int) -> str:
    """``third_parties.*.notes.*`` -> ``third_parties.1.notes.1`` (an index within the list's own limit)."""
    parts = spec.name.split(".")
    out = []
    for i, part in enumerate(parts):
        if part == "*":
            owner = FIELDS.get(".".join(parts[:i]))
            # a list without a limit (notes) holds entries that may not be blank: fuzz its first one
            limit = owner.max_items if owner is not None and owner.max_items else 1
            out.append(str(index % limit))
        else:
            out.append(part)
    return ".".join(out)


VALID_NOTE = {"at": "2009-07-21T14:30:00", "employee": "DEMO", "text": "CALLED THE RENTER"}


def place(path: str, value: Any) -> dict[str, Any]:
    """An otherwise empty report with ``value`` at ``path``; earlier list positions are left blank."""
    parts = path.split(".")

    def nest(i: int) -> Any:
        if i == len(parts):
            return value
        if not parts[i].isdigit():
            # A page-2 note has required parts: the fuzzed one goes into an otherwise valid note.
            around = dict(VALID_NOTE) if pattern_of(".".join(parts[:i])) == "notes.*" else {}
            return {**around, parts[i]: nest(i + 1)}
        owner = FIELDS.get(pattern_of(".".join(parts[:i])))
        blank: Any = "" if owner is not None and owner.kind == "lines" else {}
        return [blank] * int(parts[i]) + [nest(i + 1)]

    report = nest(0)
    assert isinstance(report, dict)
    return report


def read(node: Any, path: str) -> Any:
    """The value at ``path`` in a ``DamageReportData`` or in its JSON form."""
    for part in path.split("."):
        if node is None:
            return None
        if part.isdigit():
            index = int(part)
            node = node[index] if index < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else getattr(node, part)
    return node


def check_accepted(spec: FieldSpec, path: str, value: Any) -> None:
    """An accepted value is what the registry promises for its kind."""
    if value is None:
        return
    kind = spec.kind
    if spec.name == "notes.*.text":
        # A note is kept as typed (case and line breaks), the append-only record of the claim (schemas.py).
        assert isinstance(value, str) and 0 < len(value) <= (spec.length or 0), (path, value)
        assert all(ch.isprintable() or ch == "\n" for ch in value), (path, value)
    elif kind == "text" or (kind == "yn" and spec.length):
        assert isinstance(value, str), (path, value)
        assert value == value.strip() and value.isprintable(), (path, value)
        if kind == "yn":
            assert value in ("Y", "N"), (path, value)
        elif spec.input:
            assert value == value.upper(), (path, value)
        if spec.length is not None and kind != "yn":
            assert len(value) <= spec.length, (path, value)
    elif kind == "money":
        assert isinstance(value, Decimal) and value.is_finite(), (path, value)
        assert value == value.quantize(Decimal("0.01")) and abs(value) <= MAX_MONEY, (path, value)
        if spec.input:
            assert value >= 0, (path, value)
    elif kind == "date":
        assert type(value) is date, (path, value)
    elif kind == "datetime":
        assert isinstance(value, datetime) and value.tzinfo is None, (path, value)
    elif kind == "lines":
        assert isinstance(value, list) and len(value) <= (spec.max_items or 0), (path, value)
        assert all(isinstance(line, str) and len(line) <= LINE_WIDTH for line in value), (path, value)
    elif kind == "list":
        assert isinstance(value, list) and (spec.max_items is None or len(value) <= spec.max_items), (path, value)
    elif kind == "int":
        assert isinstance(value, int) and not isinstance(value, bool), (path, value)
    elif kind == "status":
        assert value in ("U", "I", "C"), (path, value)


CONTROLS = (DamageControl(), DamageControl(ausie_rules=True, require_present_and_third_party=True))


def fuzz_one(spec: FieldSpec, path: str, value: Any, junk: Junk) -> bool:
    """Push one value through the field's validators; True when the field took it."""
    report = place(path, value)
    data: DamageReportData | None = None
    try:
        data = load_report(report)
    except ReportValidationError as exc:
        assert exc.errors, "a ReportValidationError lists its errors"
        for error in exc.errors:
            # The error is about the fuzzed field (or a part of it), named as the manual names it.
            assert error.field == path or error.field.startswith(path + "."), (path, value, str(error))
            assert str(error).strip() and error.message, (path, value)
        # The screen's check sees the same verdict for this field.
        assert schema_errors(report, path), (path, value)
        text = display_text(path, value)
    else:
        check_accepted(spec, path, read(data, path))
        # What `report show` prints, `report import` reads back unchanged.
        assert load_report(data.model_dump(mode="json")) == data, (path, value)
        assert schema_errors(report, path) == []
        # The field shows both what was typed and what a recalled report holds.
        assert isinstance(display_text(path, read(data.model_dump(mode="json"), path)), str)
        text = display_text(path, value)
        control = junk.rng.choice(CONTROLS)
        context = rules.ReportContext(
            control=control, ra_excess=junk.rng.choice((None, Decimal("0.00"), Decimal("1500.00"))),
            coverage_sold=junk.rng.choice((None, "LDW")), today=junk.rng.choice((None, date(2009, 7, 21))),
        )
        assert isinstance(rule_errors(data, context, path), list)
        facts = engine.ClaimFacts(has_work_order=junk.rng.random() < 0.5,
                                  repair_cost_lines=(Decimal("100.00"),) * junk.rng.randrange(3))
        assert isinstance(rules.validate_report(data, context, facts), list)
        computed = engine.apply_computed(data, facts, control)
        assert computed.claim_status in range(8) and computed.report_status in ("U", "I", "C")
    assert isinstance(text, str)
    return data is not None


# --- the tests -----------------------------------------------------------------------------------------------------


def test_every_field_validator_takes_random_values_and_raises_only_the_validation_error(record_property) -> None:
    specs = list(FIELDS.values())
    assert specs, "the field registry is empty"
    junk = Junk(seed=20_100_005)
    tried: dict[str, int] = dict.fromkeys(FIELDS, 0)
    accepted: dict[str, int] = dict.fromkeys(FIELDS, 0)
    for n in range(VALIDATOR_VALUES):
        spec = specs[n % len(specs)]  # round-robin: every field gets its share
        path = concrete_path(spec, junk.rng.randrange(5))
        # Mostly hostile values; one in four is a value the field should take, so the accepted branch is fuzzed too.
        if junk.rng.random() < 0.25:
            value = dict(VALID_NOTE) if spec.name == "notes.*" else junk.valid_for(spec)
        else:
            value = junk.value()
        accepted[spec.name] += fuzz_one(spec, path, value, junk)
        tried[spec.name] += 1
    record_property("fuzzed_values", VALIDATOR_VALUES)
    print(f"\nfuzz: {VALIDATOR_VALUES} random values through {len(specs)} field validators")
    assert set(tried) == set(FIELDS) and min(tried.values()) >= VALIDATOR_VALUES // len(specs)
    # Every field both took something and refused something: the fuzz reached both branches of each validator.
    assert not [name for name, count in accepted.items() if count == 0]
    # (The page-2 figures the engine computes are read leniently and never refuse: DESIGN §4 recomputes them.)
    lenient = {name for name, spec in FIELDS.items() if spec.page == 2 and not spec.input}
    assert not [name for name, count in accepted.items() if count == tried[name] and name not in lenient]


ANY_SCALAR = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True), st.text(), st.text(alphabet="0123456789-/.:T $,+"),
    st.dates(), st.datetimes(),
)


@FUZZ
@given(ANY_SCALAR)
def test_parse_money_takes_anything_and_raises_only_value_error(value: Any) -> None:
    try:
        amount = parse_money(value)
    except ValueError:
        return
    assert isinstance(amount, Decimal) and abs(amount) <= MAX_MONEY
    assert parse_money(format_money(amount)) == amount  # the page-2 money field shows what it holds


@FUZZ
@given(ANY_SCALAR)
def test_parse_counter_date_takes_anything_and_raises_only_value_error(value: Any) -> None:
    try:
        day = parse_counter_date(value)
    except ValueError:
        return
    assert isinstance(day, date)


@FUZZ
@given(ANY_SCALAR)
def test_parse_counter_datetime_takes_anything_and_raises_only_value_error(value: Any) -> None:
    try:
        at = parse_counter_datetime(value)
    except ValueError:
        return
    assert isinstance(at, datetime) and at.tzinfo is None


@FUZZ
@given(st.text(alphabet=string.digits + ":-/ ") | st.text())
def test_parse_counter_time_takes_any_text_and_raises_only_value_error(value: str) -> None:
    try:
        at = parse_counter_time(value)
    except ValueError:
        return
    assert 0 <= at.hour <= 23


@FUZZ
@given(st.text(), st.integers(1, 80), st.none() | st.integers(0, 10))
def test_wrap_lines_takes_any_text_and_raises_only_value_error(text: str, width: int, max_lines: int | None) -> None:
    try:
        lines = wrap_lines(text, width, max_lines)
    except ValueError:
        return
    assert all(len(line) <= width for line in lines)
    assert max_lines is None or len(lines) <= max_lines


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_the_registry_paths_reach_their_own_validator(name: str) -> None:
    """The fuzz above is only as good as ``place``: a wrong-typed value at each field's path is refused *there*."""
    spec = FIELDS[name]
    path = concrete_path(spec, 1)
    hostile = {"object": 5, "list": 5, "lines": 5}.get(spec.kind, {"not": "a value"})
    try:
        load_report(place(path, hostile))
    except ReportValidationError as exc:
        assert all(e.field == path or e.field.startswith(path + ".") for e in exc.errors), [str(e) for e in exc.errors]
    else:
        # Only the lenient computed outputs (recomputed by the engine, DESIGN §4) may take a wrong-typed value.
        assert not spec.input and spec.page == 2, name
