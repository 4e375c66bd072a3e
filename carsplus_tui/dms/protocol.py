"""What every DMS adapter offers, and the errors it raises.

Errors tell the service what happened to a payment:
- `DmsRejectedError`: the DMS answered and refused (its message is kept on the receipt).
- `DmsUnavailableError`: no answer (timeout, connection refused, a 5xx after the retries, 409 "still processing"): the
  DMS may or may not hold the payment, so only exporting again with the same idempotency key settles it. Its
  subclass `DmsAnswerError` is an answer of the wrong shape ("DMS ANSWER NOT UNDERSTOOD"): the DMS may hold it too.
- `DmsUnsupportedError`: this DMS partner does not take payments (the manual's note); nothing is sent.
- `DmsStoppedError`: the export stopped before this call (its time budget is used, it was cancelled, or the circuit
  is open after too many failures in a row): nothing was sent.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol, runtime_checkable


class DmsError(Exception):
    """Something the DMS said or did not say; `str()` is one line for the message line."""


class DmsRejectedError(DmsError):
    """The DMS answered and refused the transaction (a 4xx): sending it again will not help."""


class DmsUnavailableError(DmsError):
    """The DMS did not answer, or answered 'try later' (timeout, 429, 5xx) after every retry: try again later."""


class DmsAnswerError(DmsUnavailableError):
    """The DMS answered, but not in a shape we understand: it may hold the transaction, so it stays in doubt."""


class DmsUnsupportedError(DmsError):
    """This DMS does not take this kind of transaction at all (e.g. a partner that takes no payments)."""


class DmsStoppedError(DmsError):
    """The export stopped before sending (budget used, cancelled, circuit open): nothing was sent for this call."""


NOT_UNDERSTOOD = "DMS ANSWER NOT UNDERSTOOD"


@dataclass
class Budget:
    """How long an export may still take (a monotonic deadline) and whether the clerk cancelled it; connectors cap
    their time-outs and waits by it and wake up from a wait when it is cancelled."""

    deadline: float | None = None
    cancelled: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, seconds: float | None, cancelled: threading.Event | None = None) -> Budget:
        deadline = time.monotonic() + seconds if seconds is not None and seconds > 0 else None
        return cls(deadline, cancelled or threading.Event())

    def remaining(self) -> float:
        return float("inf") if self.deadline is None else self.deadline - time.monotonic()

    @property
    def used(self) -> bool:
        return self.remaining() <= 0

    def wait(self, seconds: float) -> bool:
        """Sleep `seconds` (cut short by the budget); True when the export was cancelled meanwhile."""
        return self.cancelled.wait(max(0.0, min(seconds, self.remaining())))


@dataclass(frozen=True)
class DmsCustomer:
    id: str
    name: str
    address: str = ""


@dataclass(frozen=True)
class DmsVehicle:
    id: str
    description: str  # year make model
    vin: str = ""


@dataclass(frozen=True)
class NewCustomer:
    name: str
    address: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""


@dataclass(frozen=True)
class NewVehicle:
    make: str
    model: str
    year: int | None = None
    vin: str = ""
    unit_number: str = ""


@dataclass(frozen=True)
class PaymentRequest:
    report_number: int
    receipt_id: int
    repair_id: str | None
    customer_id: str | None
    payer_type: str
    payer_name: str
    amount: Decimal
    received_date: date

    def as_json(self) -> dict:
        return {
            "report_number": self.report_number,
            "receipt_id": self.receipt_id,
            "repair_id": self.repair_id,
            "customer_id": self.customer_id,
            "payer_type": self.payer_type,
            "payer_name": self.payer_name,
            "amount": f"{self.amount:.2f}",
            "received_date": self.received_date.isoformat(),
        }


@dataclass(frozen=True)
class PaymentResult:
    reference_id: str


@runtime_checkable
class DmsConnector(Protocol):
    name: str  # shown on the Properties tab as the DMS connection in use
    can_post_payments: bool

    def search_customers(self, name: str) -> list[DmsCustomer]: ...

    def search_vehicles(self, text: str) -> list[DmsVehicle]: ...

    def create_customer(self, customer: NewCustomer, idempotency_key: str) -> str: ...

    def create_vehicle(self, vehicle: NewVehicle, idempotency_key: str) -> str: ...

    def reserve_repair_order(self, report_number: int, idempotency_key: str, *,
                             budget: Budget | None = None) -> str: ...

    def post_payment(self, payment: PaymentRequest, idempotency_key: str, *,
                     budget: Budget | None = None) -> PaymentResult: ...
