"""A damage report's work order (the Damage Work Entry screen, `carsplus workorder`, the report's `work_order`):
its JSON form (DESIGN.md §8) and its rules (§6b). Pure: no I/O, no Textual, no SQLAlchemy.

"OUR REPAIR COSTS The total repair costs associated with the work order matching this damage report displays
here." -- so the cost lines are page 2's Our Repair Costs, and the status is page 2's Work Order Status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError

from .dates import OptionalCounterDate, OptionalCounterDateTime
from .errors import FieldError, ReportValidationError
from .money import NonNegativeMoney, OptionalNonNegativeMoney
from .schemas import MAX_NUMBER, _clean_text, text_max

__all__ = [
    "COST_KINDS",
    "MAX_COST_LINES",
    "STATUSES",
    "WINDOW",
    "CostLine",
    "WorkOrderData",
    "load_work_order",
    "validate_work_order",
    "work_order_error",
]

WINDOW = "Damage Work Entry"
STATUSES = ("OPEN", "IN REPAIR", "CLOSED")
COST_KINDS = {"P": "PARTS", "L": "LABOUR", "B": "PAINT", "O": "OTHER"}
MAX_COST_LINES = 10

# Field numbers and labels as the screen shows them (the message line names a field like the report's do).
LABELS: dict[str, tuple[str | None, str]] = {
    "number": (None, "Work Order #"),
    "version": (None, "Version"),
    "report_number": (None, "Damage Rpt#"),
    "status": ("1", "Status"),
    "opened_date": ("2", "Opened Date"),
    "repair_shop": ("3", "Repair Shop"),
    "invoice_number": ("4", "Invoice #"),
    "estimate": ("5", "Estimate"),
    "out_of_service_date": ("6", "Out of Service"),
    "repair_date": ("7", "Repair Date"),
    "cost_lines": ("8", "Cost Lines"),
    "description": (None, "Description"),
    "kind": (None, "Kind"),
    "amount": (None, "Amount"),
}


def work_order_error(path: str, message: str) -> FieldError:
    """An error named the way the Damage Work Entry screen labels its fields: ``7 Repair Date: is required ...``;
    a cost line's field is ``Line 2 Amount``."""
    parts = path.split(".")
    if parts[0] == "work_order":
        parts = parts[1:]
    if len(parts) >= 3 and parts[0] == "cost_lines" and parts[1].isdigit():
        _, label = LABELS.get(parts[2], (None, parts[2].replace("_", " ").title()))
        return FieldError(path, None, f"Line {int(parts[1]) + 1} {label}", message)
    number, label = LABELS.get(parts[0] if parts else path, (None, path.replace("_", " ").title()))
    return FieldError(path, number, label, message)


def _status(value: Any) -> str:  # noqa: ANN401
    if not isinstance(value, str):
        raise ValueError("must be OPEN, IN REPAIR or CLOSED")
    text = " ".join(value.upper().split())
    if text not in STATUSES:
        raise ValueError("must be OPEN, IN REPAIR or CLOSED")
    return text


def _kind(value: Any) -> str:  # noqa: ANN401
    if not isinstance(value, str) or value.strip().upper() not in COST_KINDS:
        raise ValueError("must be P (parts), L (labour), B (paint) or O (other)")
    return value.strip().upper()


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CostLine(_Model):
    """One repair cost line: description up to 30, kind P/L/B/O, amount."""

    description: Annotated[str, PlainValidator(lambda v: _required(v, 30))]
    kind: Annotated[Literal["P", "L", "B", "O"], PlainValidator(_kind)]
    amount: NonNegativeMoney


def _required(value: Any, length: int) -> str:  # noqa: ANN401
    cleaned = _clean_text(value, length)
    if not cleaned:
        raise ValueError("is required")
    return cleaned


class WorkOrderData(_Model):
    """The JSON form of a work order (DESIGN.md §8 `work_order`, plus what an import needs: the report it belongs
    to and the version it was read at)."""

    number: Annotated[int | None, Field(ge=1, le=MAX_NUMBER)] = None
    report_number: Annotated[int | None, Field(ge=1, le=MAX_NUMBER)] = None
    version: Annotated[int | None, Field(ge=0, le=MAX_NUMBER)] = None
    status: Annotated[str, PlainValidator(_status)] = "OPEN"
    opened_date: OptionalCounterDate = None
    repair_shop: Annotated[str | None, text_max(30)] = None
    invoice_number: Annotated[str | None, text_max(15)] = None
    estimate: OptionalNonNegativeMoney = None
    out_of_service_date: OptionalCounterDate = None
    repair_date: OptionalCounterDate = None
    cost_lines: Annotated[list[CostLine], Field(max_length=MAX_COST_LINES)] = Field(default_factory=list)
    last_modified_by: Annotated[str | None, text_max(6)] = None
    last_modified_at: OptionalCounterDateTime = None

    @property
    def total(self) -> Decimal:
        """Our Repair Costs: the sum of the cost lines."""
        return sum((line.amount for line in self.cost_lines), Decimal("0.00"))


def load_work_order(payload: Any) -> WorkOrderData:  # noqa: ANN401
    """Validate the JSON form; bad input raises ReportValidationError naming each field as the screen does."""
    if isinstance(payload, dict) and "work_order" in payload and "status" not in payload:
        inner = payload["work_order"]
        payload = inner if isinstance(inner, dict) else payload
    try:
        return WorkOrderData.model_validate(payload)
    except ValidationError as exc:
        errors = []
        for err in exc.errors(include_url=False):
            path = ".".join(str(p) for p in err.get("loc", ()) if not (isinstance(p, str) and ("[" in p or p.startswith("function-"))))
            errors.append(work_order_error(path or "work_order", _message(err)))
        raise ReportValidationError(errors) from None


def _message(err: Mapping[str, Any]) -> str:
    from .errors import _message as report_message

    text = report_message(err)
    return "is not a field of a work order" if err.get("type") == "extra_forbidden" else text


def validate_work_order(order: WorkOrderData, today: date, previous: WorkOrderData | None = None) -> list[FieldError]:
    """The rules of a work order beyond each field's own form (every broken one, in screen order)."""
    errors: list[FieldError] = []
    opened = order.opened_date
    if opened is not None and opened > today:
        errors.append(work_order_error("opened_date", "may not be after today"))
    if order.out_of_service_date is not None and order.out_of_service_date > today:
        errors.append(work_order_error("out_of_service_date", "may not be after today"))
    if order.repair_date is not None:
        if order.repair_date > today:
            errors.append(work_order_error("repair_date", "may not be after today"))
        # Not checked against the opened date: a work order is often recorded after the repair (the opened date is
        # when it was entered, today by default).
        if order.out_of_service_date is not None and order.repair_date < order.out_of_service_date:
            errors.append(work_order_error("repair_date", "may not be before the out-of-service date"))
    if order.status == "CLOSED" and order.repair_date is None:
        errors.append(work_order_error("repair_date", "is required to close the work order"))
    return errors
