"""A hypothesis state machine over RAs (DESIGN.md §4, "RA damage charges belong to one report each"): reports are
created, edited (field 13, Amount Charged / Refunded) and moved between RAs (an exchange's earlier unit included)
at random, and the RA Close program adds damage charges. After every step, for every RA: the sum of its reports'
Excess Charged RA plus its unadopted damage charges equals its damage charges; and no save changed a charge owned
by another report. On SQLite and PostgreSQL (CARSPLUS_TEST_DATABASE_URL)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services import ra_charges
from carsplus_tui.services.reports import describe_rental_agreement, load_report_data, save_report
from tests.builders import add_reference_data, manual_example

D = Decimal
# RA -> the units it carried (T3001212 is an exchange: 777 then 592).
UNITS = {"A0001310": ("001888",), "T3001212": ("777", "592"), "P0000001": ("592",)}
LIMIT = {"A0001310": D("1500.00"), "T3001212": D("500.00"), "P0000001": D("1000.00")}
AMOUNTS = st.sampled_from([None, D("0.00"), D("50.00"), D("100.00"), D("150.00"), D("400.00")])
RAS = st.sampled_from(sorted(UNITS))

FACTORY = None


def _world(database) -> None:  # noqa: ANN001
    add_reference_data(database)
    with database.write() as s:
        # The RA Close program charged damage on the closed RA: "Chg on RA" Y, no report yet.
        s.add(m.RaCharge(ra_number="A0001310", code="DMG", description="DAMAGE CHARGE", amount=D("150.00"),
                         kind="additional", posted=False))


class RaMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.db = FACTORY.fresh(FACTORY.template("ra_machine", _world))
        self.reports: list[int] = []

    def teardown(self) -> None:
        FACTORY.drop(self.db)

    # -- helpers ---------------------------------------------------------------------------------------------
    def owned(self) -> dict[int, tuple[int, Decimal]]:
        with self.db.read() as s:
            return {c.id: (c.damage_report_number, c.amount) for c in s.scalars(
                select(m.RaCharge).where(m.RaCharge.damage_report_number.is_not(None)))}

    def saved(self, data, number: int | None) -> None:  # noqa: ANN001
        before = self.owned()
        result = save_report(self.db, data, "CLERK")
        after = self.owned()
        for charge_id, (owner, amount) in before.items():
            if owner != result.report_number:
                assert after.get(charge_id) == (owner, amount), f"report {result.report_number}'s save changed " \
                    f"charge {charge_id} of report {owner}"
        if number is None:
            self.reports.append(result.report_number)

    @staticmethod
    def fit(ra: str, amount: Decimal | None) -> Decimal | None:
        return None if amount is None else min(amount, LIMIT[ra])

    # -- rules -----------------------------------------------------------------------------------------------
    @rule(ra=RAS, unit=st.integers(0, 1), field13=AMOUNTS)
    def create(self, ra: str, unit: int, field13: Decimal | None) -> None:
        units = UNITS[ra]
        report = manual_example(ra_number=ra, unit_number=units[unit % len(units)], damage_covered="Y",
                                excess_charged=None if field13 is None else str(self.fit(ra, field13)),
                                damage_lines=[{"code": "D1", "description": None, "type": "D"}])
        self.saved(load_report(report), None)

    @precondition(lambda self: self.reports)
    @rule(pick=st.integers(0, 50), field13=AMOUNTS, charged=AMOUNTS, refunded=AMOUNTS)
    def edit(self, pick: int, field13: Decimal | None, charged: Decimal | None, refunded: Decimal | None) -> None:
        number = self.reports[pick % len(self.reports)]
        data = load_report_data(self.db, number)
        self.saved(data.model_copy(update={"excess_charged": self.fit(data.ra_number, field13),
                                           "amount_charged": charged, "amount_refunded": refunded}), number)

    @precondition(lambda self: self.reports)
    @rule(pick=st.integers(0, 50), ra=RAS, unit=st.integers(0, 1))
    def move(self, pick: int, ra: str, unit: int) -> None:
        number = self.reports[pick % len(self.reports)]
        data = load_report_data(self.db, number)
        units = UNITS[ra]
        field13 = self.fit(ra, data.excess_charged)
        self.saved(data.model_copy(update={"ra_number": ra, "unit_number": units[unit % len(units)],
                                           "vehicle": None, "excess_charged": field13}), number)

    @rule(ra=RAS, amount=st.sampled_from([D("75.00"), D("200.00")]))
    def ra_close_charges_damage(self, ra: str, amount: Decimal) -> None:
        with self.db.write() as s:
            s.add(m.RaCharge(ra_number=ra, code="DMG", description="DAMAGE CHARGE", amount=amount,
                             kind="additional", posted=False))

    # -- the invariant ---------------------------------------------------------------------------------------
    @invariant()
    def every_ra_adds_up(self) -> None:
        with self.db.read() as s:
            ras = {ra.ra_number: ra for ra in s.scalars(select(m.RentalAgreement))}
            on = {ra: s.scalars(select(m.DamageReport.report_number).where(m.DamageReport.ra_number == ra)).all()
                  for ra in ras}
            expected = {ra: ra_charges.total(ra_charges.excess_charges(ras[ra], "DMG")) for ra in ras}
            loose = {ra: ra_charges.total(ra_charges.unadopted(ras[ra], "DMG")) for ra in ras}
        for ra, numbers in on.items():
            shown = sum((load_report_data(self.db, n).excess_charged_ra for n in numbers), D("0.00"))
            assert shown + (D("0.00") if numbers else loose[ra]) == expected[ra], (ra, numbers)
            assert "DOES NOT" not in describe_rental_agreement(self.db, ra)
            assert "IS NOT THE RA'S" not in describe_rental_agreement(self.db, ra)


def test_ra_damage_charges_add_up_under_random_reports(database_factory) -> None:  # noqa: ANN001
    global FACTORY
    FACTORY = database_factory
    machine = RaMachine
    machine.TestCase.settings = settings(max_examples=12, stateful_step_count=8, deadline=None,
                                         suppress_health_check=list(HealthCheck))
    pytest.importorskip("hypothesis")
    machine.TestCase().runTest()
