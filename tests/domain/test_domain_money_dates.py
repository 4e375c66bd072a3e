"""Money (Decimal, two places, no float) and the counter's date forms."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal

import pytest

from carsplus_tui.domain.dates import (
    expand_year,
    format_counter_date,
    format_counter_datetime,
    parse_counter_date,
    parse_counter_datetime,
    parse_counter_time,
)
from carsplus_tui.domain.money import format_money, from_cents, parse_money, to_cents

D = Decimal

# --- money -----------------------------------------------------------------------------------------------------------

GOOD_MONEY = [
    ("150", "150.00"),
    ("150.00", "150.00"),
    ("150.5", "150.50"),
    (" 120.00 ", "120.00"),
    ("1,500.00", "1500.00"),
    ("$120", "120.00"),
    ("-10.00", "-10.00"),
    (".50", "0.50"),
    ("0", "0.00"),
    ("-0", "0.00"),
    (150, "150.00"),
    (0, "0.00"),
    (D("1500"), "1500.00"),
    (D("1500.000"), "1500.00"),
    (D("1.5E+3"), "1500.00"),
    (150.5, "150.50"),
    (150.25, "150.25"),
    (0.1, "0.10"),
]


@pytest.mark.parametrize(("given", "expected"), GOOD_MONEY, ids=[repr(g) for g, _ in GOOD_MONEY])
def test_parse_money(given: object, expected: str) -> None:
    amount = parse_money(given)  # type: ignore[arg-type]
    assert isinstance(amount, Decimal)
    assert str(amount) == expected
    assert amount.as_tuple().exponent == -2


BAD_MONEY = [
    "",
    "abc",
    "1.2.3",
    "150.005",  # more than two places: refused, never rounded
    "1e3",
    "NaN",
    "Infinity",
    "12 34",
    "$",
    "1_000",
    "１５０",  # full-width digits
    0.1 + 0.2,  # 0.30000000000000004: a binary float that is not an amount
    1e20,
    float("nan"),
    float("inf"),
    D("NaN"),
    D("0.001"),
    True,
    None,
    [150],
    "1000000000.00",  # beyond MAX_MONEY
]


@pytest.mark.parametrize("given", BAD_MONEY, ids=[repr(g) for g in BAD_MONEY])
def test_parse_money_refuses(given: object) -> None:
    with pytest.raises(ValueError):
        parse_money(given)  # type: ignore[arg-type]


def test_format_money() -> None:
    assert format_money(D("1500")) == "1500.00"
    assert format_money(D("-30.5")) == "-30.50"
    assert format_money(D("-0.00")) == "0.00"
    assert format_money(None) == ""
    with pytest.raises(TypeError):
        format_money(1.5)  # type: ignore[arg-type]


def test_cents_round_trip() -> None:
    assert to_cents(D("1500.07")) == 150007
    assert from_cents(150007) == D("1500.07")
    assert str(from_cents(-5)) == "-0.05"


# --- dates -----------------------------------------------------------------------------------------------------------

DATES = [
    ("07-21-09", date(2009, 7, 21)),
    ("072109", date(2009, 7, 21)),
    ("07/21/09", date(2009, 7, 21)),
    ("07-21-2009", date(2009, 7, 21)),
    ("07212009", date(2009, 7, 21)),
    ("2009-07-21", date(2009, 7, 21)),
    ("7-4-09", date(2009, 7, 4)),
    ("05-02-81", date(1981, 5, 2)),  # the manual's DOB example
    ("05-02-12", date(2012, 5, 2)),  # the manual's DL expiry example
    ("01-01-69", date(2069, 1, 1)),
    ("01-01-70", date(1970, 1, 1)),
    ("02-29-00", date(2000, 2, 29)),
    (" 07-21-09 ", date(2009, 7, 21)),
    ("2009-07-21T14:30:00", date(2009, 7, 21)),
    (date(2009, 7, 21), date(2009, 7, 21)),
    (datetime(2009, 7, 21, 14, 30), date(2009, 7, 21)),
]


@pytest.mark.parametrize(("text", "expected"), DATES, ids=[str(t) for t, _ in DATES])
def test_parse_counter_date(text: str, expected: date) -> None:
    assert parse_counter_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("13-21-09", "month 13 does not exist"),
        ("02-30-09", "day 30 does not exist in month 2 of 2009"),
        ("02-29-01", "day 29 does not exist"),
        ("", "a date is required"),
        ("JULY 21", "is not a date"),
        ("0721", "is not a date"),
        ("07-21-9", "is not a date"),
        ("2009-13-01", "month 13"),
    ],
)
def test_parse_counter_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_counter_date(text)


def test_two_digit_years_pivot_at_70() -> None:
    assert [expand_year(y) for y in (0, 9, 69, 70, 81, 99)] == [2000, 2009, 2069, 1970, 1981, 1999]
    with pytest.raises(ValueError):
        expand_year(100)


DATETIMES = [
    ("07-21-09/1430", datetime(2009, 7, 21, 14, 30)),
    ("07-21-09 14:30", datetime(2009, 7, 21, 14, 30)),
    ("07-21-09 1430", datetime(2009, 7, 21, 14, 30)),
    ("072109/0930", datetime(2009, 7, 21, 9, 30)),
    ("07/21/09/1430", datetime(2009, 7, 21, 14, 30)),
    ("07/21/09", datetime(2009, 7, 21)),
    ("07-21-09", datetime(2009, 7, 21)),
    ("07-21-09/930", datetime(2009, 7, 21, 9, 30)),
    ("2009-07-21T14:30", datetime(2009, 7, 21, 14, 30)),
    ("2009-07-21T14:30:00", datetime(2009, 7, 21, 14, 30)),
    ("2009-07-21 14:30", datetime(2009, 7, 21, 14, 30)),
    ("2009-07-21", datetime(2009, 7, 21)),
    (date(2009, 7, 21), datetime(2009, 7, 21)),
]


@pytest.mark.parametrize(("text", "expected"), DATETIMES, ids=[str(t) for t, _ in DATETIMES])
def test_parse_counter_datetime(text: str, expected: datetime) -> None:
    assert parse_counter_datetime(text) == expected


@pytest.mark.parametrize("text", ["07-21-09/2430", "07-21-09/1260", "07-21-09/XX", "2009-07-21T25:00", "07-21-09/14:30/1"])
def test_parse_counter_datetime_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_counter_datetime(text)


def test_blank_date_time_takes_now() -> None:
    """ "If a date is not entered in this window, the current date/time are used for the accident date/time." """
    now = datetime(2009, 7, 21, 16, 5)
    assert parse_counter_datetime("", now=now) == now
    assert parse_counter_datetime(None, now=now) == now
    with pytest.raises(ValueError):
        parse_counter_datetime("")


def test_formats() -> None:
    assert format_counter_date(date(2009, 7, 21)) == "07-21-09"
    assert format_counter_date(None) == ""
    assert format_counter_datetime(datetime(2009, 7, 21, 14, 30)) == "07-21-09/1430"
    assert format_counter_datetime(None) == ""
    assert parse_counter_time("1430") == time(14, 30)
