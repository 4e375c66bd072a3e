"""What a DMS may answer, as pydantic models: every answer is validated before anything is believed.

Anything but a well-formed answer raises `DmsAnswerError("DMS ANSWER NOT UNDERSTOOD")` (never a KeyError, never a
reference "None"): `{"reference_id": null}`, `{}`, `[]`, a number where a list belongs, HTML from a proxy.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, StrictBool, StringConstraints, ValidationError, field_validator

from carsplus_tui.dms.protocol import NOT_UNDERSTOOD, DmsAnswerError

# An ID or reference the DMS gives back: 1-40 printable characters (a number is taken as its digits).
DmsId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40,
                                         pattern=r"^[\x21-\x7e]+( [\x21-\x7e]+)*$")]


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True, frozen=True)


class PaymentAnswer(_Answer):
    reference_id: DmsId


class CreatedAnswer(_Answer):
    id: DmsId


class RepairOrderAnswer(_Answer):
    repair_order: DmsId


class CustomerRow(_Answer):
    id: DmsId
    name: str = ""
    address: str = ""


class VehicleRow(_Answer):
    id: DmsId
    description: str = ""
    vin: str = ""


class CustomersAnswer(_Answer):
    customers: list[CustomerRow] = []


class VehiclesAnswer(_Answer):
    vehicles: list[VehicleRow] = []


class RefusalAnswer(_Answer):
    """The body of a 4xx/5xx: its message, when it has one we can show."""

    message: str | None = None

    @field_validator("message", mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:  # noqa: ANN401
        return value if isinstance(value, str) else None


class Acknowledgement(_Answer):
    """The outbox DMS's answer file: {"ok": true, "reference_id"/"id"} or {"ok": false, "message"}."""

    ok: StrictBool
    reference_id: DmsId | None = None
    id: DmsId | None = None
    message: str | None = None


Model = TypeVar("Model", bound=_Answer)


def clean_message(text: str | None, fallback: str) -> str:
    """A DMS's message for the one message line: printable, upper case, at most 200 characters."""
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in (text or "")).split()).upper()
    return cleaned[:200] or fallback


def parse(model: type[Model], data: Any) -> Model:  # noqa: ANN401
    """`data` (already decoded JSON) as `model`, or DmsAnswerError."""
    try:
        return model.model_validate(data)
    except ValidationError:
        raise DmsAnswerError(NOT_UNDERSTOOD) from None


def parse_bytes(model: type[Model], raw: bytes | str) -> Model:
    """`raw` (a body or a file's text) as `model`, or DmsAnswerError when it is not JSON of that shape."""
    try:
        data = json.loads(raw)
    except (ValueError, TypeError, RecursionError):
        raise DmsAnswerError(NOT_UNDERSTOOD) from None
    return parse(model, data)


def refusal_message(raw: bytes, fallback: str) -> str:
    """The message of a refusal's body, whatever shape it has (a refusal is believed even without one)."""
    try:
        data = json.loads(raw or b"{}")
    except (ValueError, TypeError, RecursionError):
        return fallback
    if not isinstance(data, dict):
        return fallback
    try:
        return clean_message(RefusalAnswer.model_validate(data).message, fallback)
    except ValidationError:
        return fallback
