"""Money round-trips exactly on both databases: integer cents, never a float."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carsplus_tui.db.database import Database
from carsplus_tui.db.models import RentalAgreement

amounts = st.decimals(
    min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2, allow_nan=False, allow_infinity=False
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount=amounts)
def test_any_two_place_amount_comes_back_exactly(db: Database, amount: Decimal) -> None:
    with db.write() as session:
        ra = session.get(RentalAgreement, "T1") or RentalAgreement(ra_number="T1", status="O", open_date=date(2009, 4, 15))
        ra.excess = amount
        session.add(ra)
    with db.read() as session:
        stored = session.get(RentalAgreement, "T1").excess
    assert stored == amount
    assert isinstance(stored, Decimal)
    assert stored.as_tuple().exponent == -2


def test_more_than_two_places_is_refused_not_rounded(db: Database) -> None:
    with pytest.raises(Exception, match="more than two decimal places"):
        with db.write() as session:
            session.add(RentalAgreement(ra_number="T2", status="O", excess=Decimal("10.005")))
    with db.read() as session:
        assert session.get(RentalAgreement, "T2") is None


def test_a_float_is_refused(db: Database) -> None:
    with pytest.raises(Exception, match="never a float"):
        with db.write() as session:
            session.add(RentalAgreement(ra_number="T3", status="O", excess=0.1))
