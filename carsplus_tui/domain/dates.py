"""Dates as the counter types them.

CARS+ shows dates as MM-DD-YY ("Clos Date 07-21-09", "DL Expire/DOB 05-02-12/05-02-81").  The counter may type
``07-21-09``, ``07/21/09``, ``072109``, ``07-21-2009``, ``07212009``; the JSON form uses ISO ``2009-07-21``.
Two-digit years pivot at 70: 00-69 are 2000-2069, 70-99 are 1970-1999 (a DOB of ``05-02-81`` is 1981).

The accident "Date/Time" takes a date and a time: ``07-21-09/1430``, ``07-21-09 14:30``, ``2009-07-21T14:30``.
"""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date, datetime, time
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema

from .shown import quoted

__all__ = [
    "CounterDate",
    "CounterDateTime",
    "OptionalCounterDate",
    "OptionalCounterDateTime",
    "expand_year",
    "format_counter_date",
    "format_counter_datetime",
    "format_shown_datetime",
    "format_counter_time",
    "parse_counter_date",
    "parse_counter_datetime",
    "parse_counter_time",
]

PIVOT = 70  # two-digit years below this are 20xx

_DATE_HELP = "use MM-DD-YY, e.g. 07-21-09"
_SEPARATED = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{1,2}):?(\d{2})(?::?(\d{2}))?$")


def expand_year(yy: int) -> int:
    """Two-digit year to four: 00-69 -> 2000-2069, 70-99 -> 1970-1999."""
    if not 0 <= yy <= 99:
        raise ValueError(f"year {yy} is not a two-digit year")
    return 2000 + yy if yy < PIVOT else 1900 + yy


def _make_date(year: int, month: int, day: int, original: str) -> date:
    if not 1 <= month <= 12:
        raise ValueError(f"{quoted(original)} is not a date: month {month} does not exist ({_DATE_HELP})")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{quoted(original)} is not a date: day {day} does not exist in month {month} of {year}") from None


def parse_counter_date(text: str | date) -> date:
    """Read a date typed at the counter (MM-DD-YY and friends) or given in ISO form.  Raises ``ValueError``."""
    if isinstance(text, datetime):
        return text.date()
    if isinstance(text, date):
        return text
    if not isinstance(text, str):
        raise ValueError(f"is not a date ({_DATE_HELP})")
    value = text.strip()
    if not value:
        raise ValueError(f"a date is required ({_DATE_HELP})")
    if m := _ISO.match(value):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), value)
    if m := _SEPARATED.match(value):
        month, day, year_text = int(m[1]), int(m[2]), m[3]
        year = int(year_text) if len(year_text) == 4 else expand_year(int(year_text))
        return _make_date(year, month, day, value)
    if value.isascii() and value.isdigit():
        if len(value) == 6:  # MMDDYY
            return _make_date(expand_year(int(value[4:])), int(value[:2]), int(value[2:4]), value)
        if len(value) == 8:  # MMDDYYYY, the counter's order with a four-digit year
            return _make_date(int(value[4:]), int(value[:2]), int(value[2:4]), value)
    if "T" in value:  # an ISO timestamp where only the date matters
        with suppress(ValueError):
            return datetime.fromisoformat(value).date()
    raise ValueError(f"{quoted(value)} is not a date ({_DATE_HELP})")


def parse_counter_time(text: str) -> time:
    """``1430``, ``14:30``, ``930``, ``14:30:15`` -> ``time``.  Raises ``ValueError``."""
    value = text.strip()
    m = _TIME.match(value)
    if not m:
        raise ValueError(f"{quoted(value)} is not a time (use HHMM, e.g. 1430)")
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"{quoted(value)} is not a time of day (use HHMM, 0000-2359)")
    return time(hour, minute, second)


def parse_counter_datetime(text: str | datetime | date | None, now: datetime | None = None) -> datetime:
    """Read the accident "Date/Time": ``07-21-09/1430``, ``07-21-09 14:30``, ISO, or a date alone (midnight).

    A blank entry takes ``now`` when it is given: the manual says "If a date is not entered in this window, the
    current date/time are used for the accident date/time."  Without ``now`` a blank raises ``ValueError``.
    """
    if isinstance(text, datetime):
        return _local(text, text.isoformat())
    if isinstance(text, date):
        return datetime.combine(text, time())
    if text is None or (isinstance(text, str) and not text.strip()):
        if now is not None:
            return now
        raise ValueError(f"a date is required ({_DATE_HELP}/HHMM)")
    if not isinstance(text, str):
        raise ValueError(f"is not a date and time ({_DATE_HELP}/HHMM)")
    value = text.strip()
    if "T" in value or _ISO.match(value[:10]) and len(value) > 10:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{quoted(value)} is not a date and time (use 07-21-09/1430 or ISO)") from None
        return _local(parsed, value)
    # the screen shows "*/*": date, then time, split by "/" after the date, or by a space
    date_part, time_part = value, ""
    if " " in value:
        date_part, _, time_part = value.partition(" ")
    else:
        pieces = value.split("/")
        if len(pieces) == 2 and not _SEPARATED.match(value):  # 07-21-09/1430 or 072109/1430
            date_part, time_part = pieces
        elif len(pieces) == 4:  # 07/21/09/1430
            date_part, time_part = "/".join(pieces[:3]), pieces[3]
    day = parse_counter_date(date_part)
    at = parse_counter_time(time_part) if time_part.strip() else time()
    return datetime.combine(day, at)


def _local(value: datetime, original: str) -> datetime:
    """Counter times are local wall-clock times. An offset is refused rather than dropped or converted: PostgreSQL
    would shift an aware time to the server's zone while SQLite keeps the wall clock, so the same import would save
    different times on the two databases."""
    if value.tzinfo is not None:
        raise ValueError(f"{quoted(original)} has a time zone: give the local date and time (e.g. 07-21-09/1430)")
    return value


def format_counter_date(d: date | None) -> str:
    """``date(2009, 7, 21)`` -> ``"07-21-09"``; ``None`` -> ``""``."""
    if d is None:
        return ""
    return f"{d.month:02d}-{d.day:02d}-{d.year % 100:02d}"


def format_counter_time(t: time | datetime | None) -> str:
    """``14:30`` -> ``"1430"``."""
    if t is None:
        return ""
    return f"{t.hour:02d}{t.minute:02d}"


def format_counter_datetime(dt: datetime | None) -> str:
    """``2009-07-21 14:30`` -> ``"07-21-09/1430"`` as the Date/Time field shows it."""
    if dt is None:
        return ""
    return f"{format_counter_date(dt.date())}/{format_counter_time(dt)}"


def format_shown_datetime(dt: datetime | None) -> str:
    """``2009-07-21 14:30`` -> ``"07-21-09 14:30"``: a moment as a person reads it (history lines, printed headers),
    the date in the one MM-DD-YY form every screen, PDF and listing uses."""
    if dt is None:
        return ""
    return f"{format_counter_date(dt.date())} {dt.hour:02d}:{dt.minute:02d}"


# --- pydantic types ------------------------------------------------------------------------------------------------


def _optional_date(value: Any) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_counter_date(value)


def _optional_datetime(value: Any) -> datetime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_counter_datetime(value)


def _required_datetime(value: Any) -> datetime:
    return parse_counter_datetime(value)


def _required_date(value: Any) -> date:
    return parse_counter_date(value)


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


_D = {"type": "string", "format": "date"}
_DT = {"type": "string", "format": "date-time"}

CounterDate = Annotated[date, PlainValidator(_required_date), PlainSerializer(_iso, when_used="json"), WithJsonSchema(_D)]
OptionalCounterDate = Annotated[
    date | None,
    PlainValidator(_optional_date),
    PlainSerializer(_iso, when_used="json"),
    WithJsonSchema({"anyOf": [_D, {"type": "null"}]}),
]
CounterDateTime = Annotated[
    datetime, PlainValidator(_required_datetime), PlainSerializer(_iso, when_used="json"), WithJsonSchema(_DT)
]
OptionalCounterDateTime = Annotated[
    datetime | None,
    PlainValidator(_optional_datetime),
    PlainSerializer(_iso, when_used="json"),
    WithJsonSchema({"anyOf": [_DT, {"type": "null"}]}),
]
