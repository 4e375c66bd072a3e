"""What the claims clerk's listings (DMGSUM, VICRPT) share: the chosen reports' rows read whole or one page at a
time, and the CSV they are written as."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Executable, Row, func, select
from sqlalchemy.orm import Session

from carsplus_tui.db import models as m

__all__ = ["chosen_rows", "csv_text"]


def chosen_rows(session: Session, filters: list[ColumnElement[bool]],
                rows_of: Callable[[list[ColumnElement[bool]]], Executable], *, limit: int | None,
                offset: int) -> tuple[Sequence[Row[Any]], int]:
    """The rows `rows_of(where)` reads for the reports `filters` choose, and how many reports they choose. Whole
    (CSV, PDF: one statement), or with `limit`/`offset` one page: its report numbers from the filters alone (an
    index, no join), then its rows read by number, and the count of them all (a second statement)."""
    r = m.DamageReport
    if limit is None and offset == 0:
        rows = session.execute(rows_of(filters)).all()
        return rows, len(rows)
    numbers = select(r.report_number).where(*filters).order_by(r.report_number).offset(offset).limit(limit)
    rows = session.execute(rows_of([r.report_number.in_(list(session.scalars(numbers)))])).all()
    return rows, int(session.scalar(select(func.count()).select_from(r).where(*filters)) or 0)


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The listing as CSV: a header line of `columns`, then one line a row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()
