"""Money: ``Decimal`` with two places, end to end.

CARS+ shows every amount with two decimals ("Excess Charged 150.00"); the claim column behaves "much like an
adding machine tape", so sums must be exact.  A binary float never enters: ``parse_money`` accepts text, ``int``
and ``Decimal``; a ``float`` is accepted only when its shortest decimal form (``repr``) has at most two places
(``150.5`` -> ``150.50``), because that is what somebody typed into a JSON file, and it is converted through that
text, never through float arithmetic.  ``0.1 + 0.2`` (``0.30000000000000004``) is refused.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from .shown import quoted

__all__ = [
    "CENT",
    "MAX_MONEY",
    "ZERO",
    "Money",
    "NonNegativeMoney",
    "OptionalMoney",
    "OptionalNonNegativeMoney",
    "format_money",
    "grouped_money",
    "parse_money",
    "to_cents",
    "from_cents",
]

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# Nine digits before the point fit any rental claim and an integer-cents column many times over.
MAX_MONEY = Decimal("999999999.99")


def parse_money(value: str | Decimal | int | float | None) -> Decimal:
    """Read an amount as the counter types it ("150", "150.00", "1,500.00", "$120") or as JSON gives it.

    Returns a ``Decimal`` quantized to two places.  Raises ``ValueError`` with a message fit for the message line.
    """
    if value is None:
        raise ValueError("an amount is required")
    if isinstance(value, bool):  # bool is an int subclass; True is not one dollar
        raise ValueError("must be an amount such as 150.00")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text or "n" in text:  # exponent, nan, inf
            raise ValueError("must be an amount such as 150.00")
        amount = Decimal(text)
        if amount != amount.quantize(CENT, rounding=ROUND_HALF_EVEN):
            raise ValueError("must be an exact amount with at most 2 decimal places (give it as text)")
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        negative = False
        if text.startswith("-"):
            negative, text = True, text[1:].lstrip()
        if text.startswith("$"):
            text = text[1:].lstrip()
        if not text or not _looks_like_number(text):
            raise ValueError(f"{quoted(value.strip())} is not an amount (use e.g. 150.00)")
        amount = Decimal(text)
        if negative:
            amount = -amount
    else:
        raise ValueError("must be an amount such as 150.00")
    if not amount.is_finite():
        raise ValueError("must be an amount such as 150.00")
    try:
        quantized = amount.quantize(CENT, rounding=ROUND_HALF_EVEN)
    except InvalidOperation as exc:  # pragma: no cover - only for absurd magnitudes
        raise ValueError("is too large") from exc
    if quantized != amount:
        raise ValueError("may have at most 2 decimal places")
    if abs(quantized) > MAX_MONEY:
        raise ValueError(f"may not exceed {format_money(MAX_MONEY)}")
    if quantized == 0:
        quantized = ZERO  # no "-0.00" on the screen
    return quantized


def _looks_like_number(text: str) -> bool:
    # digits with at most one point: no exponent, no "NaN", no "Infinity", no underscores
    whole, _, frac = text.partition(".")
    if not whole and not frac:
        return False
    return (whole == "" or whole.isascii() and whole.isdigit()) and (frac == "" or frac.isascii() and frac.isdigit())


def format_money(amount: Decimal | None) -> str:
    """``Decimal("1500")`` -> ``"1500.00"``; ``None`` -> ``""`` (a blank field)."""
    if amount is None:
        return ""
    if isinstance(amount, float) or not isinstance(amount, (Decimal, int)) or isinstance(amount, bool):
        raise TypeError(f"format_money takes a Decimal, not {type(amount).__name__}")
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_EVEN)
    if value == 0:
        value = ZERO
    return f"{value:.2f}"


def grouped_money(amount: Decimal | None) -> str:
    """``Decimal("1234.5")`` -> ``"1,234.50"`` (thousands grouped, as the DMS shows an amount); ``None`` -> ``""``."""
    return "" if amount is None else f"{amount:,.2f}"


def to_cents(amount: Decimal) -> int:
    """Exact integer cents, for storage (SQLite has no decimal type)."""
    return int(parse_money(amount) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


# --- pydantic types ------------------------------------------------------------------------------------------------


def _optional_money(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_money(value)


def _optional_non_negative(value: Any) -> Decimal | None:
    amount = _optional_money(value)
    if amount is not None and amount < 0:
        raise ValueError("may not be negative")
    return amount


def _required_money(value: Any) -> Decimal:
    return parse_money(value)


def _required_non_negative(value: Any) -> Decimal:
    amount = parse_money(value)
    if amount < 0:
        raise ValueError("may not be negative")
    return amount


def _ser(amount: Decimal | None) -> str | None:
    return None if amount is None else format_money(amount)


_MONEY_JSON = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "examples": ["150.00"]}
_MONEY_JSON_OPT = {"anyOf": [_MONEY_JSON, {"type": "null"}]}

Money = Annotated[Decimal, PlainValidator(_required_money), PlainSerializer(_ser, when_used="json"), WithJsonSchema(_MONEY_JSON)]
NonNegativeMoney = Annotated[
    Decimal, PlainValidator(_required_non_negative), PlainSerializer(_ser, when_used="json"), WithJsonSchema(_MONEY_JSON)
]
OptionalMoney = Annotated[
    Decimal | None, PlainValidator(_optional_money), PlainSerializer(_ser, when_used="json"), WithJsonSchema(_MONEY_JSON_OPT)
]
OptionalNonNegativeMoney = Annotated[
    Decimal | None,
    PlainValidator(_optional_non_negative),
    PlainSerializer(_ser, when_used="json"),
    WithJsonSchema(_MONEY_JSON_OPT),
]
