"""Loss of use and its evidence: the charge for the days a damaged car could not be rented, the fleet utilization log
that shows whether a car of its class was really turned away on those days, and the itemised statement that adds a
claim up line by line to Amount Outstanding.  Pure: no I/O, no Textual, no SQLAlchemy.

"9. MISC COSTS Enter the amount of any other costs associated with this damage report that are not included in the
Work Order repair costs. This could include any "loss of use" charge that is to be applied."

How the charge is computed (`LOU` at page 2's OPTION):

- the days: from the work order's 6 Out of Service date up to its 7 Repair Date -- the day the car went out counts,
  the day it came back does not (``repair_date - out_of_service_date``; out 01-05-10, repaired 01-12-10 = 7 days);
- the daily rate: the RA's own daily rate when the RA data holds one, otherwise the control record's daily rate for
  the vehicle's class;
- the amount: days x rate, exact to the cent (a two-place rate times whole days never rounds).

The utilization log covers the same days for the vehicle's class at its owning location: each day the fleet size
(vehicles of the class owned there), the units on rent (the RA data: a vehicle is on rent from its RA's open date up
to, not including, its close date; a same-day rental counts on its day; an open RA counts to the end), the units out
of service (work orders: out-of-service date up to the repair date, or open-ended while not repaired -- the damaged
car itself among them), the units free, and utilization % (units on rent / fleet size).  A day with no unit free is
a day a renter of the class was turned away; a day with units free is a day the class stood idle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .dates import CounterDate, format_counter_date
from .money import CENT, ZERO, NonNegativeMoney, format_money, parse_money

__all__ = [
    "KIND_LABELS",
    "LossOfUseData",
    "LossOfUseError",
    "RateSource",
    "Statement",
    "StatementLine",
    "Interval",
    "UtilizationDay",
    "UtilizationLog",
    "derive_loss_of_use",
    "loss_of_use_days",
    "choose_rate",
    "dates_moved_warning",
    "parse_class_rates",
    "format_class_rates",
    "statement",
    "utilization_log",
]

RateSource = Literal["RA", "CLASS"]
RATE_WORDS = {"RA": "RA RATE", "CLASS": "CLASS RATE"}
MAX_DAYS = 366  # a loss-of-use claim longer than a year is a typing error in the work order's dates
CLASS_WIDTH = 12


class LossOfUseError(ValueError):
    """Why loss of use cannot be computed, in the words the message line shows."""


# ---------------------------------------------------------------------------------------------------------------
# The charge
# ---------------------------------------------------------------------------------------------------------------


class LossOfUseData(BaseModel):
    """The derivation kept with the report (the JSON form's ``loss_of_use``): how Misc Costs' loss of use was
    computed, and the utilization summary of those days."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    out_of_service_date: CounterDate
    repair_date: CounterDate
    days: Annotated[int, Field(ge=1, le=MAX_DAYS)]
    daily_rate: NonNegativeMoney
    rate_source: RateSource
    vehicle_class: Annotated[str | None, Field(max_length=CLASS_WIDTH)] = None
    location: Annotated[str | None, Field(max_length=6)] = None
    amount: NonNegativeMoney
    fleet_size: Annotated[int, Field(ge=0)] = 0
    days_none_free: Annotated[int, Field(ge=0)] = 0  # days no car of the class was free
    days_idle: Annotated[int, Field(ge=0)] = 0  # days at least one car of the class stood free

    def consistent(self) -> bool:
        return (self.days == loss_of_use_days(self.out_of_service_date, self.repair_date)
                and self.amount == _times(self.daily_rate, self.days)
                and self.days_none_free + self.days_idle in (0, self.days))

    @property
    def derivation(self) -> str:
        """``7 DAYS X 36.99 (RA RATE) = 258.93``"""
        return (f"{self.days} DAY{'S' if self.days != 1 else ''} X {format_money(self.daily_rate)} "
                f"({RATE_WORDS[self.rate_source]}) = {format_money(self.amount)}")

    @property
    def period(self) -> str:
        return f"{format_counter_date(self.out_of_service_date)} TO {format_counter_date(self.repair_date)}"

    @property
    def utilization_summary(self) -> str:
        """``MIDSIZE AT TUS, FLEET 6: NO CAR FREE ON 4 OF 7 DAYS``"""
        where = f"{self.vehicle_class or 'CLASS ?'} AT {self.location or '?'}, FLEET {self.fleet_size}"
        return f"{where}: NO CAR FREE ON {self.days_none_free} OF {self.days} DAYS"

    @property
    def idle_warning(self) -> str | None:
        """What the screen says before the clerk charges, when cars of the class stood idle."""
        if not self.days_idle:
            return None
        return (f"WARNING: {self.vehicle_class or 'THE CLASS'} HAD A CAR FREE ON {self.days_idle} OF "
                f"{self.days} DAYS - LOSS OF USE MAY BE DISPUTED")


def dates_moved_warning(charged: tuple[date, date] | None, out_of_service: date | None,
                        repaired: date | None) -> str | None:
    """After a work-order save that moved its 6 Out of Service or 7 Repair Date: what the work-order screen says
    when the loss of use charged in Misc Costs was computed on other dates (`charged`: its out-of-service and
    repair dates; None when none is charged). The charge is not recomputed by the save: changing it is the claims
    clerk's decision (Access Claim edit, the idle-cars question, an audited page-2 change), made by typing LOU at
    page 2's OPTION and F1 there; until then the claim keeps the amount charged."""
    if charged is None or charged == (out_of_service, repaired):
        return None
    return (f"LOSS OF USE WAS COMPUTED ON {format_counter_date(charged[0])} TO {format_counter_date(charged[1])}: "
            "TYPE LOU ON PAGE 2")


def loss_of_use_days(out_of_service: date, repaired: date) -> int:
    """The days lost: the day the car went out counts, the day it came back does not."""
    return (repaired - out_of_service).days


def _times(rate: Decimal, days: int) -> Decimal:
    return (parse_money(rate) * days).quantize(CENT)


def choose_rate(ra_rate: Decimal | None, vehicle_class: str | None,
                class_rates: Mapping[str, Decimal]) -> tuple[Decimal, RateSource]:
    """The RA's own rate when it has one, else the control record's rate for the vehicle's class."""
    if ra_rate is not None and ra_rate > 0:
        return parse_money(ra_rate), "RA"
    if not vehicle_class:
        raise LossOfUseError("LOU: NO DAILY RATE - THE RA HAS NONE AND THE VEHICLE HAS NO CLASS")
    rate = class_rates.get(vehicle_class.upper())
    if rate is None or rate <= 0:
        raise LossOfUseError(f"LOU: NO DAILY RATE - THE RA HAS NONE AND THE CONTROL RECORD HAS NONE FOR "
                             f"CLASS {vehicle_class.upper()}")
    return parse_money(rate), "CLASS"


def derive_loss_of_use(out_of_service: date | None, repaired: date | None, rate: Decimal, source: RateSource, *,
                       vehicle_class: str | None = None, location: str | None = None,
                       log: UtilizationLog | None = None) -> LossOfUseData:
    """The charge: days x rate, with the utilization summary of those days when a log is given."""
    if out_of_service is None:
        raise LossOfUseError("LOU: THE WORK ORDER HAS NO 6 OUT OF SERVICE DATE - F2 TO ENTER IT")
    if repaired is None:
        raise LossOfUseError("LOU: THE WORK ORDER HAS NO 7 REPAIR DATE YET - F2 TO ENTER IT")
    days = loss_of_use_days(out_of_service, repaired)
    if days < 1:
        raise LossOfUseError("LOU: NO DAYS LOST - THE CAR WAS REPAIRED THE DAY IT WENT OUT OF SERVICE")
    if days > MAX_DAYS:
        raise LossOfUseError(f"LOU: {days} DAYS OUT OF SERVICE - MORE THAN {MAX_DAYS}; CHECK THE WORK ORDER DATES")
    return LossOfUseData(
        out_of_service_date=out_of_service, repair_date=repaired, days=days, daily_rate=parse_money(rate),
        rate_source=source, vehicle_class=vehicle_class, location=location, amount=_times(rate, days),
        fleet_size=log.fleet_size if log else 0, days_none_free=log.days_none_free if log else 0,
        days_idle=log.days_idle if log else 0,
    )


def parse_class_rates(text: str | Mapping[str, Any] | None) -> dict[str, Decimal]:
    """``"MIDSIZE=36.99 SUV=54.99"`` (or a mapping) -> ``{"MIDSIZE": Decimal("36.99"), ...}``; ValueError naming
    the bad entry."""
    if text is None:
        return {}
    items: Iterable[tuple[Any, Any]]
    if isinstance(text, Mapping):
        items = text.items()
    else:
        pairs: list[tuple[Any, Any]] = []
        for word in str(text).replace(",", " ").split():
            if "=" not in word:
                raise ValueError(f"{word!r} is not CLASS=RATE")
            name, _, value = word.partition("=")
            pairs.append((name, value))
        items = pairs
    rates: dict[str, Decimal] = {}
    for name, value in items:
        cls = str(name).strip().upper()
        if not cls or len(cls) > CLASS_WIDTH or not cls.replace("-", "").isalnum():
            raise ValueError(f"vehicle class {name!r} must be 1-{CLASS_WIDTH} letters or digits")
        try:
            rate = parse_money(value)
        except (ValueError, ArithmeticError) as exc:
            raise ValueError(f"the daily rate of {cls} is not an amount: {value!r}") from exc
        if rate < 0:
            raise ValueError(f"the daily rate of {cls} may not be negative")
        rates[cls] = rate
    return rates


def format_class_rates(rates: Mapping[str, Decimal]) -> str:
    return " ".join(f"{cls}={format_money(rate)}" for cls, rate in sorted(rates.items()))


# ---------------------------------------------------------------------------------------------------------------
# The fleet utilization log
# ---------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Interval:
    """A vehicle on rent (an RA) or out of service (a work order) from ``start``; ``end`` is the day it came back
    (not counted), None while it has not."""

    vehicle_id: int
    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        if day < self.start:
            return False
        if self.end is None:
            return True
        return day < self.end or (self.start == self.end == day)


@dataclass(frozen=True, slots=True)
class UtilizationDay:
    day: date
    fleet_size: int
    on_rent: int
    out_of_service: int
    free: int
    utilization: Decimal  # percent of the fleet on rent, one decimal

    @property
    def none_free(self) -> bool:
        return self.fleet_size > 0 and self.free == 0


@dataclass(frozen=True, slots=True)
class UtilizationLog:
    vehicle_class: str | None
    location: str | None
    first_day: date
    last_day: date  # the last day counted (the day before the repair date)
    fleet_size: int
    days: tuple[UtilizationDay, ...]

    @property
    def days_none_free(self) -> int:
        return sum(1 for d in self.days if d.none_free)

    @property
    def days_idle(self) -> int:
        return sum(1 for d in self.days if not d.none_free)

    @property
    def average_utilization(self) -> Decimal:
        if not self.days:
            return Decimal("0.0")
        total = sum((d.utilization for d in self.days), Decimal(0))
        return (total / len(self.days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def summary(self) -> str:
        return (f"{self.vehicle_class or 'CLASS ?'} AT {self.location or '?'}, FLEET {self.fleet_size}: NO CAR FREE "
                f"ON {self.days_none_free} OF {len(self.days)} DAYS, AVERAGE UTILIZATION "
                f"{self.average_utilization}%")

    def table(self) -> list[str]:
        """The log as text, one line a day (the README's sample, the PDF's rows)."""
        lines = ["DATE      FLEET  ON RENT  OUT OF SVC  FREE  UTIL %",
                 "--------  -----  -------  ----------  ----  ------"]
        for d in self.days:
            mark = "  NONE FREE" if d.none_free else ""
            lines.append(f"{format_counter_date(d.day):8}  {d.fleet_size:5}  {d.on_rent:7}  {d.out_of_service:10}  "
                         f"{d.free:4}  {d.utilization:6}{mark}")
        return lines


def utilization_log(fleet: Iterable[int], rentals: Iterable[Interval], out_of_service: Iterable[Interval],
                    first_day: date, end_day: date, *, vehicle_class: str | None = None,
                    location: str | None = None) -> UtilizationLog:
    """The per-day table for the days ``first_day`` up to, not including, ``end_day`` (the loss-of-use days).

    Only the fleet's vehicles count; a vehicle on rent and out of service the same day counts as on rent; a vehicle
    counts once a day however many RAs cover it."""
    units = frozenset(fleet)
    rented = [r for r in rentals if r.vehicle_id in units]
    idle = [r for r in out_of_service if r.vehicle_id in units]
    size = len(units)
    days: list[UtilizationDay] = []
    day = first_day
    while day < end_day:
        on_rent = {r.vehicle_id for r in rented if r.covers(day)}
        out = {r.vehicle_id for r in idle if r.covers(day)} - on_rent
        free = size - len(on_rent) - len(out)
        pct = (Decimal(len(on_rent) * 100) / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if size \
            else Decimal("0.0")
        days.append(UtilizationDay(day, size, len(on_rent), len(out), free, pct))
        day += timedelta(days=1)
    return UtilizationLog(vehicle_class, location, first_day, end_day - timedelta(days=1), size, tuple(days))


# ---------------------------------------------------------------------------------------------------------------
# The itemised statement
# ---------------------------------------------------------------------------------------------------------------

KIND_LABELS = {"P": "REPAIRS - PARTS", "L": "REPAIRS - LABOUR", "B": "REPAIRS - PAINT", "O": "REPAIRS - OTHER"}


@dataclass(frozen=True, slots=True)
class StatementLine:
    label: str
    amount: Decimal
    detail: str = ""
    subtotal: bool = False  # a running total shown for reading, not added again


@dataclass(frozen=True, slots=True)
class Statement:
    lines: tuple[StatementLine, ...]
    amount_due: Decimal
    loss_of_use: LossOfUseData | None = None

    @property
    def items(self) -> tuple[StatementLine, ...]:
        """The lines that add up (subtotals left out)."""
        return tuple(line for line in self.lines if not line.subtotal)

    def text(self, width: int = 60) -> list[str]:
        out = []
        for line in self.lines:
            amount = format_money(line.amount)
            if line.subtotal:
                out.append("-" * width)
            out.append(f"{line.label[: width - len(amount) - 1]:<{width - len(amount)}}{amount}")
            if line.detail:
                out.append(f"  {line.detail}"[:width])
        out.append("=" * width)
        due = format_money(self.amount_due)
        out.append(f"{'AMOUNT NOW DUE':<{width - len(due)}}{due}")
        return out


def statement(*, repairs_by_kind: Mapping[str, Decimal], misc_costs: Decimal | None,
              third_party_costs: Decimal | None, third_party_recovery: Decimal | None,
              goodwill: Decimal | None, final_liability: Decimal, excess_charged_ra: Decimal,
              amount_charged: Decimal | None, amount_refunded: Decimal | None, amount_outstanding: Decimal,
              loss_of_use: LossOfUseData | None = None, damage_covered: str | None = None) -> Statement:
    """Every line of the claim, adding up exactly to Amount Outstanding (the engine's figures in, lines out).

    The costs less recovery and goodwill are the claim's costs; Final Liability is "the lesser of the Maximum
    Liability or our costs less the adjustments above", so when the renter's responsibility (the excess, when the
    damage is covered) or zero limits it, one line says by how much.  Then what was charged on the RA, charged
    since and refunded: what is left is Amount Outstanding.  ValueError when the figures do not agree."""
    lines: list[StatementLine] = []
    for kind in ("P", "L", "B", "O"):
        amount = parse_money(repairs_by_kind.get(kind, ZERO))
        if amount:
            lines.append(StatementLine(KIND_LABELS[kind], amount))
    unknown = set(repairs_by_kind) - set(KIND_LABELS)
    if unknown:
        raise ValueError(f"unknown repair kinds: {sorted(unknown)}")
    misc = parse_money(misc_costs or ZERO)
    lou_amount = ZERO
    if loss_of_use is not None:
        lou_amount = loss_of_use.amount
        if lou_amount > misc:
            raise ValueError(f"the loss of use {lou_amount} is more than Misc Costs {misc}")
        lines.append(StatementLine("LOSS OF USE", lou_amount, f"{loss_of_use.period}: {loss_of_use.derivation}"))
    if misc - lou_amount:
        lines.append(StatementLine("OTHER MISC COSTS" if loss_of_use else "MISC COSTS", misc - lou_amount))
    for label, value, sign in (("THIRD PARTY COSTS", third_party_costs, 1),
                               ("THIRD PARTY RECOVERY", third_party_recovery, -1),
                               ("GOODWILL", goodwill, -1)):
        amount = parse_money(value or ZERO)
        if amount:
            lines.append(StatementLine(label, sign * amount))
    costs = sum((line.amount for line in lines), ZERO)
    final = parse_money(final_liability)
    if final != costs:
        why = "LIMITED TO YOUR RESPONSIBILITY (EXCESS)" if damage_covered == "Y" and final < costs else (
            "NOT BELOW ZERO" if final == 0 and costs < 0 else "LIMITED TO YOUR MAXIMUM LIABILITY")
        lines.append(StatementLine(why, final - costs))
    lines.append(StatementLine("YOUR LIABILITY (FINAL LIABILITY)", final, subtotal=True))
    for label, value, sign in (("CHARGED ON THE RENTAL AGREEMENT", excess_charged_ra, -1),
                               ("CHARGED SINCE", amount_charged, -1),
                               ("REFUNDED TO YOU", amount_refunded, 1)):
        amount = parse_money(value or ZERO)
        if amount:
            lines.append(StatementLine(label, sign * amount))
    done = Statement(tuple(lines), parse_money(amount_outstanding), loss_of_use)
    total = sum((line.amount for line in done.items), ZERO)
    if total != done.amount_due:
        raise ValueError(f"the statement's lines add up to {total}, not Amount Outstanding {done.amount_due}")
    return done


def repairs_by_kind(lines: Sequence[tuple[str, Decimal]]) -> dict[str, Decimal]:
    """Work-order cost lines (kind, amount) totalled by kind."""
    out: dict[str, Decimal] = {}
    for kind, amount in lines:
        out[kind] = out.get(kind, ZERO) + parse_money(amount)
    return out
