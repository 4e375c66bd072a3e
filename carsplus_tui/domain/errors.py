"""Errors that name the field the way the manual does: ``13 Excess Charged: cannot exceed the RA's excess of 1500.00``.

Pop-up fields carry their window first: ``Accident Details 1 Date/Time: is required``,
``3rd Party #2 1 Last/First (Last): may be at most 20 characters``.  Page-2 fields carry no prefix; their labels
("1 Report Checked") differ from page 1's ("1 RA#").

Services checking reference data (does service code D1 exist?) build errors with ``field_error`` so the messages
look the same as the domain's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .fields import describe

if TYPE_CHECKING:  # pragma: no cover
    import pydantic

__all__ = ["FieldError", "ReportValidationError", "errors_from_pydantic", "field_error", "raise_if_errors"]


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str  # dotted JSON path, e.g. "excess_charged", "third_parties.0.last_name"
    number: str | None  # the manual's field number on its screen or window, e.g. "13"
    label: str  # the manual's label, e.g. "Excess Charged"
    message: str  # lower-case clause, e.g. "cannot exceed the RA's excess of 1500.00"
    window: str | None = None  # pop-up title for pop-up fields, e.g. "Accident Details"

    def title(self) -> str:
        return " ".join(p for p in (self.window, self.number, self.label) if p)

    def __str__(self) -> str:
        return f"{self.title()}: {self.message}"


def field_error(path: str, message: str) -> FieldError:
    """A ``FieldError`` for a JSON path, numbered and labelled from the field registry."""
    ref = describe(path)
    return FieldError(path, ref.number, ref.label, message, ref.window)


class ReportValidationError(ValueError):
    """A report that breaks the manual's rules; ``errors`` lists every broken rule, in screen order."""

    def __init__(self, errors: Iterable[FieldError]):
        self.errors: list[FieldError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors) or "invalid damage report")

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def raise_if_errors(errors: Iterable[FieldError]) -> None:
    errors = list(errors)
    if errors:
        raise ReportValidationError(errors)


def _message(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        inner = ctx.get("error")
        return str(inner) if inner is not None else str(err.get("msg", "")).removeprefix("Value error, ")
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of a damage report"
    if kind == "too_long":
        return f"may have at most {ctx.get('max_length')} entries"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        return "must be an object"
    if kind == "list_type":
        return "must be a list"
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return "must be a whole number"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        limit = next(iter(ctx.values()), "")
        return {
            "greater_than_equal": f"must be at least {limit}",
            "less_than_equal": f"must be at most {limit}",
            "greater_than": f"must be more than {limit}",
            "less_than": f"must be less than {limit}",
        }[kind]
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}"
    msg = str(err.get("msg", "is not valid"))
    return msg[:1].lower() + msg[1:]


def errors_from_pydantic(exc: pydantic.ValidationError) -> list[FieldError]:
    """Map a pydantic ``ValidationError`` to manual-named errors (loc path -> field number and label)."""
    out: list[FieldError] = []
    for err in exc.errors(include_url=False):
        path = ".".join(str(p) for p in err.get("loc", ()) if not _is_union_tag(p))
        out.append(field_error(path or "report", _message(err)))
    return out


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the union member's type name to loc ("function-plain[...]"); it is not part of the JSON path
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))
