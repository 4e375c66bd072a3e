"""Column types that keep the rental business's values exact on every database."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeDecorator

_CENT = Decimal("0.01")


class Cents(TypeDecorator[Decimal]):
    """Money as a `Decimal` in Python and whole cents (an integer) in the database.

    SQLite has no decimal type and would hand `Numeric` back as a float; integer cents are exact everywhere.
    A value with more than two decimal places is refused rather than rounded, so no money is silently lost.
    """

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | int | None, dialect) -> int | None:  # noqa: ANN001
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError("money must be a Decimal, never a float")
        amount = Decimal(value)
        cents = amount * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"{amount} has more than two decimal places")
        return int(cents)

    def process_result_value(self, value: int | None, dialect) -> Decimal | None:  # noqa: ANN001
        if value is None:
            return None
        return (Decimal(int(value)) / 100).quantize(_CENT)
