"""Field-by-field checks for the screens, asking the domain (the same rules F1 applies): a bad value keeps the cursor
in its field with the rule's message, so the agent fixes it at once instead of at save time."""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from datetime import date, datetime
from typing import Any

from carsplus_tui.domain import rules
from carsplus_tui.domain.dates import format_counter_date, format_counter_datetime
from carsplus_tui.domain.errors import FieldError, ReportValidationError
from carsplus_tui.domain.fields import describe
from carsplus_tui.domain.schemas import DamageReportData, load_report


def _matches(error: FieldError, path: str) -> bool:
    return error.field == path or error.field.startswith(path + ".")


def schema_errors(report: Mapping[str, Any], path: str) -> list[FieldError]:
    """Errors of the JSON form (lengths, Y/N, dates, money) for one field."""
    try:
        load_report(report)
    except ReportValidationError as exc:
        return [e for e in exc.errors if _matches(e, path)]
    return []


def rule_errors(data: DamageReportData, ctx: rules.ReportContext, path: str) -> list[FieldError]:
    """Page 1's cross-field rules (Excess Charged ≤ the RA's excess, Nature of Breach when needed, ...) for one field."""
    return [e for e in rules.validate_page1(data, ctx) if _matches(e, path)]


def errors_message(errors: list[FieldError], room: int = 150) -> str:
    """A refused save on the message line: the first broken rule with its reason, then the other fields named (not
    `(+2 MORE)`), as many as the two lines hold."""
    text = str(errors[0])
    others = [e.title() or e.field for e in errors[1:]]
    for count in range(len(others), 0, -1):
        rest = len(others) - count
        candidate = f"{text} - ALSO {', '.join(others[:count])}{f' AND {rest} MORE' if rest else ''}"
        if len(candidate) <= room:
            return candidate
    return f"{text} - AND {len(others)} MORE" if others else text


def display_text(path: str, value: Any) -> str:  # noqa: ANN401
    """A JSON-form value as the field shows it: dates MM-DD-YY, date/times MM-DD-YY/HHMM, money 150.00."""
    if value is None:
        return ""
    kind = describe(path).spec.kind
    # A value the clerk typed is kept as typed even when it is wrong (Esc keeps a pop-up's values, a draft keeps
    # the screen): show it back as it was typed rather than fail to draw the field.
    with suppress(ValueError):
        if kind == "datetime" and isinstance(value, str) and "T" in value:
            return format_counter_datetime(datetime.fromisoformat(value))
        if kind == "date" and isinstance(value, str) and len(value) == 10 and value[4] == "-":
            return format_counter_date(date.fromisoformat(value))
    return str(value)
