"""SEARCHING THE DAMAGE REPORT FILE (F6) and the automatic searches of page 1.

The manual's F6 screen searches by vehicle number (F1), licence plate (F2), RA number (F3), accident date (F4) or
follow-up date (F5), and F6 limits any of them to one report status (U, I or C). F6 with no key lists every report
of a status. Vehicle, licence, RA and status searches list the newest report first; the date searches list from
the given date onward, in date order.

Years of reports make the file big (the benchmark runs on a million), so every search is one indexed statement
that reads only one screen of rows: keyset pagination (the sort key of the last row shown, never OFFSET), page
size + 1 rows fetched to know whether there is more, and the columns that cost a join (repair date, our repair
costs) computed for that page's rows only. Each statement shape is compiled once per database and then sent
straight to the driver on a pooled connection, outside any transaction (`_Prepared`): SQLite answers a page in
0.05 ms, and SQLAlchemy's execution machinery would otherwise be most of the page's time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ColumnElement, Date, DateTime, Dialect, Integer, Select, String, bindparam, func, select, union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import Subquery
from sqlalchemy.sql.functions import FunctionElement

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.dates import parse_counter_date

__all__ = [
    "KEY_MAX_LENGTH",
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "REPORT_STATUSES",
    "SearchCursor",
    "SearchInputError",
    "SearchMode",
    "SearchPage",
    "SearchRequest",
    "SearchRow",
    "build_page_statement",
    "driver_sql",
    "page_sql",
    "parse_status",
    "report_on_file",
    "search_reports",
    "search_reports_before",
    "unrepaired_ra_statement",
    "unrepaired_reports_for_ra",
    "unrepaired_reports_for_vehicle",
    "unrepaired_vehicle_statement",
]

PAGE_SIZE = 15  # the lines one 80×24 screen shows
MAX_PAGE_SIZE = 500
KEY_MAX_LENGTH = 10  # unit #, licence and RA # are 10 characters in the files
_LARGEST_REPORT_NUMBER = 2**31 - 1  # the report number column is an INTEGER
REPORT_STATUSES = ("U", "I", "C")


class SearchMode(str, Enum):
    """The F1–F6 search methods of the DAMAGE REPORT SEARCH screen."""

    VEHICLE = "vehicle"  # F1=VEH #
    LICENCE = "licence"  # F2=LIC #
    RA = "ra"  # F3=RA #
    ACCIDENT_DATE = "accident_date"  # F4=Accident Date
    FOLLOW_UP_DATE = "follow_up_date"  # F5=Followup Date
    STATUS = "status"  # F6=Status with no key: every report of a status

    @property
    def by_date(self) -> bool:
        return self in (SearchMode.ACCIDENT_DATE, SearchMode.FOLLOW_UP_DATE)

    @property
    def label(self) -> str:
        """The key's name as the screen's mode line calls it."""
        return _LABELS[self]


_LABELS = {
    SearchMode.VEHICLE: "VEH #",
    SearchMode.LICENCE: "LIC #",
    SearchMode.RA: "RA #",
    SearchMode.ACCIDENT_DATE: "ACCIDENT DATE",
    SearchMode.FOLLOW_UP_DATE: "FOLLOWUP DATE",
    SearchMode.STATUS: "STATUS",
}
_MISSING_KEY = {
    SearchMode.VEHICLE: "ENTER A VEHICLE #",
    SearchMode.LICENCE: "ENTER A LICENSE #",
    SearchMode.RA: "ENTER AN RA #",
    SearchMode.ACCIDENT_DATE: "ENTER AN ACCIDENT DATE (MM-DD-YY)",
    SearchMode.FOLLOW_UP_DATE: "ENTER A FOLLOWUP DATE (MM-DD-YY)",
}


class SearchInputError(ValueError):
    """Bad search input; the message is for the screen's message line (upper case, one line). Raised before any
    query is made."""


def parse_status(text: str | None) -> str | None:
    """The F6 status filter: U, I or C, or None (blank, `*` or ALL) for every status."""
    value = (text or "").strip().upper()
    if value in ("", "*", "A", "ALL"):
        return None
    if value not in REPORT_STATUSES:
        raise SearchInputError(f"INVALID STATUS {value[:6]} - USE U, I, C OR BLANK FOR ALL")
    return value


@dataclass(frozen=True)
class SearchRequest:
    """One search as typed: a mode, its key text and the status filter. Construction checks and normalises the
    input (upper case, the date parsed) and raises SearchInputError, so a bad key never reaches the database."""

    mode: SearchMode
    key: str = ""
    status: str | None = None
    page_size: int = PAGE_SIZE
    start_date: date | None = field(default=None, init=False)  # the parsed key of a date search

    def __post_init__(self) -> None:
        try:
            mode = SearchMode(self.mode)
        except ValueError:
            raise SearchInputError(f"INVALID SEARCH {str(self.mode).upper()[:20]}") from None
        object.__setattr__(self, "mode", mode)
        object.__setattr__(self, "status", parse_status(self.status))
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise SearchInputError(f"PAGE SIZE MUST BE 1 TO {MAX_PAGE_SIZE}")
        key = (self.key or "").strip().upper()
        object.__setattr__(self, "key", "" if mode is SearchMode.STATUS else key)
        if mode is SearchMode.STATUS:
            return
        if not key:
            raise SearchInputError(_MISSING_KEY[mode])
        if mode.by_date:
            try:
                object.__setattr__(self, "start_date", parse_counter_date(key))
            except ValueError:
                raise SearchInputError("INVALID DATE - USE MM-DD-YY") from None
        elif len(key) > KEY_MAX_LENGTH:
            raise SearchInputError(f"{mode.label} IS AT MOST {KEY_MAX_LENGTH} CHARACTERS")


class SearchRow(NamedTuple):
    """One numbered line of the result: `VEH#/LIC#  Dmg Rpt#  Dmg Date  Repair Date  RA#  Cost  Status`.

    A named tuple, not a dataclass: a page builds fifteen of them and a tuple is built in a quarter of the time."""

    line: int  # 1-based over the whole result, as the screen numbers it
    report_number: int
    vehicle: str  # the unit #, or the licence in a licence search
    damage_date: date | None
    repair_date: date | None
    ra_number: str | None
    cost: Decimal | None  # our repair costs: the sum of the work order's cost lines
    report_status: str
    claim_status: int
    # What tells rows apart beyond the manual's columns: the non-rev ticket of a report without an RA, the vehicle's
    # owning location (two unit-592 cars), and the follow-up date (shown when searching by it).
    non_rev_number: str | None = None
    owning_location: str | None = None
    follow_up_date: date | None = None


@dataclass(frozen=True)
class SearchCursor:
    """Where a page ends: the sort key of its boundary row and that row's line number."""

    key: tuple[Any, ...]
    line: int


@dataclass(frozen=True)
class SearchPage:
    rows: tuple[SearchRow, ...]
    has_more: bool  # there are rows after the last one
    has_previous: bool = False  # there are rows before the first one
    next_cursor: SearchCursor | None = None  # pass as `after=` for the next page (None when there is none)
    previous_cursor: SearchCursor | None = None  # pass as `before=` for the previous page


# ----------------------------------------------------------------------------------------------------------------
# Statements
# ----------------------------------------------------------------------------------------------------------------

# Core tables, not ORM entities: a search is a read of columns, and a Core statement skips the ORM's per-execution
# set-up. Each statement shape is built once (`_page_template`) with bound parameters for the values, so SQLAlchemy's
# compiled cache is hit without re-walking the statement on every keystroke.
_dr = m.DamageReport.__table__.c
_ad = m.AccidentDetails.__table__.c
_DR = m.DamageReport.__table__
_AD = m.AccidentDetails.__table__
_VEHICLES = m.Vehicle.__table__
_WORK_ORDERS = m.WorkOrder.__table__
_COST_LINES = m.WorkOrderCostLine.__table__
_HISTORY = m.VehicleHistory.__table__


class _not_indexed(FunctionElement[str]):  # noqa: N801  (reads like a SQL function)
    """A column SQLite must not look up by index (SQLite's documented unary `+`); other databases see the column.

    Without statistics SQLite's planner takes `report_status = ?` for a narrow condition and walks the status index
    — a third of the file — instead of the key's index; the status is a filter on the key's few rows."""

    type = String()
    inherit_cache = True


@compiles(_not_indexed)
def _not_indexed_default(element: _not_indexed, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return compiler.process(list(element.clauses)[0], **kw)


@compiles(_not_indexed, "sqlite")
def _not_indexed_sqlite(element: _not_indexed, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return "+" + compiler.process(list(element.clauses)[0], **kw)


class _unordered_by_key(FunctionElement[int]):  # noqa: N801
    """A report number PostgreSQL must sort rather than read in primary-key order.

    The rest of a date after the cursor is `day = ? AND report_number > ? ORDER BY report_number`; PostgreSQL would
    walk the primary key from the cursor hoping to meet that day (a whole-table walk when the day has fewer rows
    left than a page). Sorting the day's own entries, found by the date index, is bounded by the day. SQLite's
    date index already holds the rowid in order, so it is left alone there."""

    type = Integer()
    inherit_cache = True


@compiles(_unordered_by_key)
def _unordered_by_key_default(element: _unordered_by_key, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return compiler.process(list(element.clauses)[0], **kw)


@compiles(_unordered_by_key, "postgresql")
def _unordered_by_key_postgresql(element: _unordered_by_key, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return "(" + compiler.process(list(element.clauses)[0], **kw) + " + 0)"


def _newest_first(mode: SearchMode) -> bool:
    return not mode.by_date


def _sort_columns(mode: SearchMode) -> list[ColumnElement[Any]]:
    """The page's order: report number for key searches, (date, report number) for date searches — the report
    number breaks ties so paging never repeats or skips a row."""
    if mode is SearchMode.ACCIDENT_DATE:
        return [_ad.date_time, _ad.report_number]
    if mode is SearchMode.FOLLOW_UP_DATE:
        return [_dr.follow_up_date, _dr.report_number]
    return [_dr.report_number]


def _cursor_binds(mode: SearchMode) -> list[ColumnElement[Any]]:
    if mode is SearchMode.ACCIDENT_DATE:
        return [bindparam("k0", type_=DateTime), bindparam("k1", type_=Integer)]
    if mode is SearchMode.FOLLOW_UP_DATE:
        return [bindparam("k0", type_=Date), bindparam("k1", type_=Integer)]
    return [bindparam("k0", type_=Integer)]


def _filtered(mode: SearchMode, filtered_by_status: bool) -> Select[Any]:
    """The sort keys of every report the search matches, before any range or order: the key and the status."""
    stmt = select(*[c.label(f"k{i}") for i, c in enumerate(_sort_columns(mode))])
    if mode is SearchMode.ACCIDENT_DATE:
        stmt = stmt.select_from(_AD)
        if filtered_by_status:
            stmt = stmt.join(_DR, _dr.report_number == _ad.report_number)
    else:
        stmt = stmt.select_from(_DR)
    if filtered_by_status:
        status = bindparam("status", type_=String)
        # The status index serves the status search, and the (status, follow-up date) index the follow-up search;
        # for the other keys the status only filters the key's few rows.
        if mode in (SearchMode.STATUS, SearchMode.FOLLOW_UP_DATE):
            stmt = stmt.where(_dr.report_status == status)
        else:
            stmt = stmt.where(_not_indexed(_dr.report_status) == status)
    key = bindparam("key", type_=String)
    if mode is SearchMode.VEHICLE:
        stmt = stmt.where(_dr.vehicle_id.in_(select(_VEHICLES.c.id).where(_VEHICLES.c.unit_number == key)))
    elif mode is SearchMode.LICENCE:
        stmt = stmt.where(_dr.vehicle_id.in_(select(_VEHICLES.c.id).where(_VEHICLES.c.licence == key)))
    elif mode is SearchMode.RA:
        stmt = stmt.where(_dr.ra_number == key)
    return stmt


def _start(mode: SearchMode) -> ColumnElement[bool] | None:
    """Date searches list "from the given date onward"."""
    if mode is SearchMode.ACCIDENT_DATE:
        return _ad.date_time >= bindparam("start", type_=DateTime)
    if mode is SearchMode.FOLLOW_UP_DATE:
        return _dr.follow_up_date >= bindparam("start", type_=Date)
    return None


def _keys_statement(mode: SearchMode, filtered_by_status: bool, cursor: str, limit: int) -> Select[Any]:
    """The sort keys (ending with the report number) of one page, each part read along one index.

    Forward (the screen's order) after a cursor, backward (reversed) before one. A date search's cursor is
    (date, report number); rather than one row-value comparison, which an index can only range on its date, the
    page is the rest of the cursor's date (an equality and a report-number range: an exact index seek) followed by
    the later dates — so paging inside a date with thousands of reports reads one page, not the date's head."""
    columns = _sort_columns(mode)
    up = (not _newest_first(mode)) != (cursor == "before")

    def ordered(stmt: Select[Any], cols: Sequence[ColumnElement[Any]]) -> Select[Any]:
        return stmt.order_by(*[c.asc() if up else c.desc() for c in cols]).limit(limit)

    start = _start(mode)
    base = _filtered(mode, filtered_by_status)
    if cursor == "first":
        return ordered(base.where(start) if start is not None else base, columns)
    binds = _cursor_binds(mode)
    if len(columns) == 1:
        return ordered(base.where(columns[0] > binds[0] if up else columns[0] < binds[0]), columns)
    day, number = columns  # a date search: it always has a start date
    assert start is not None
    same_day = ordered(
        base.where(day == binds[0], number > binds[1] if up else number < binds[1]), [_unordered_by_key(number)]
    )
    later = base.where(day > binds[0]) if up else base.where(day < binds[0], start)
    both = union_all(
        select(*same_day.subquery().c), select(*ordered(later, columns).subquery().c)
    ).subquery("pages")
    return ordered(select(*both.c), [both.c.k0, both.c.k1])


def _rows_statement(keys: Subquery, *, licence: bool, order: Sequence[ColumnElement[Any]]) -> Select[Any]:
    """The displayed columns for the report numbers in `keys` (at most one page): the joins and the cost sum run
    for those rows only."""
    number = keys.c.k0 if "k1" not in keys.c else keys.c.k1
    cost = (
        select(func.sum(_COST_LINES.c.amount))
        .where(_COST_LINES.c.work_order_number == _WORK_ORDERS.c.number)
        .correlate(_WORK_ORDERS)
        .scalar_subquery()
    )
    vehicle = _VEHICLES.c.licence if licence else func.coalesce(_VEHICLES.c.unit_number, _dr.unit_number)
    return (
        select(
            _dr.report_number,
            vehicle.label("vehicle"),
            _ad.date_time,
            _WORK_ORDERS.c.repair_date,
            _dr.ra_number,
            cost.label("cost"),
            _dr.report_status,
            _dr.claim_status,
            _dr.non_rev_number,
            _VEHICLES.c.owning_location,
            _dr.follow_up_date,
            *[keys.c[name] for name in keys.c.keys()],
        )
        .select_from(keys)
        .join(_DR, _dr.report_number == number)
        .outerjoin(_VEHICLES, _VEHICLES.c.id == _dr.vehicle_id)
        .outerjoin(_AD, _ad.report_number == _dr.report_number)
        .outerjoin(_WORK_ORDERS, _WORK_ORDERS.c.damage_report_number == _dr.report_number)
        .order_by(*order)
    )


@lru_cache(maxsize=256)
def _page_template(mode: SearchMode, filtered_by_status: bool, cursor: str, page_size: int) -> Select[Any]:
    """One statement shape: a mode, with or without the status filter, first page / after / before a cursor."""
    keys = _keys_statement(mode, filtered_by_status, cursor, page_size + 1).subquery("page")
    sort = [keys.c[name] for name in keys.c.keys()]
    up = (not _newest_first(mode)) != (cursor == "before")
    return _rows_statement(keys, licence=mode is SearchMode.LICENCE, order=[c.asc() if up else c.desc() for c in sort])


def _unrepaired_template(by: str, limit: int) -> Select[Any]:
    """Page 1's automatic searches: the reports of an RA (`by="ra"`) or of a vehicle (`by="vehicle"`) that still
    have unrepaired Vehicle History lines, newest first."""
    if by == "ra":
        unrepaired = (
            select(_HISTORY.c.id)
            .where(_HISTORY.c.damage_report_number == _dr.report_number, _HISTORY.c.repaired.is_(False))
            .exists()
        )
        keys = select(_dr.report_number.label("k0")).where(_dr.ra_number == bindparam("key", type_=String), unrepaired)
    else:
        reports = select(_HISTORY.c.damage_report_number).where(
            _HISTORY.c.vehicle_id == bindparam("vehicle", type_=Integer), _HISTORY.c.repaired.is_(False)
        )
        keys = select(_dr.report_number.label("k0")).where(_dr.report_number.in_(reports))
    page = keys.order_by(_dr.report_number.desc()).limit(limit).subquery("page")
    return _rows_statement(page, licence=False, order=[page.c.k0.desc()])


# A statement shape: ("page", mode, filtered by status, cursor kind, page size), ("unrepaired", by, limit) or
# ("on file",).
_Shape = tuple[Any, ...]


def _template(shape: _Shape) -> Select[Any]:
    if shape[0] == "page":
        return _page_template(*shape[1:])
    if shape[0] == "on file":
        return select(_dr.report_number).where(_dr.report_number == bindparam("number", type_=Integer))
    return _unrepaired_template(*shape[1:])


def _page_query(
    request: SearchRequest, after: SearchCursor | None, before: SearchCursor | None
) -> tuple[_Shape, dict[str, Any]]:
    if after is not None and before is not None:
        raise ValueError("a page is either after or before a cursor, not both")
    cursor = "after" if after is not None else "before" if before is not None else "first"
    shape = ("page", request.mode, request.status is not None, cursor, request.page_size)
    values: dict[str, Any] = {}
    if request.mode in (SearchMode.VEHICLE, SearchMode.LICENCE, SearchMode.RA):
        values["key"] = request.key
    if request.status is not None:
        values["status"] = request.status
    if request.mode.by_date and cursor != "after":
        start = request.start_date or date.min
        values["start"] = datetime.combine(start, time()) if request.mode is SearchMode.ACCIDENT_DATE else start
    boundary = after or before
    if boundary is not None:
        values.update({f"k{i}": value for i, value in enumerate(boundary.key)})
    return shape, values


def build_page_statement(
    request: SearchRequest, *, after: SearchCursor | None = None, before: SearchCursor | None = None
) -> Select[Any]:
    """The SQLAlchemy statement that reads a page (page size + 1 rows), with its values bound; `page_sql` gives
    the SQL text the service actually sends, compiled from this same statement."""
    shape, values = _page_query(request, after, before)
    return _template(shape).params(**values)


# ----------------------------------------------------------------------------------------------------------------
# Running a statement: compiled once per database dialect, executed on the driver
# ----------------------------------------------------------------------------------------------------------------

_Convert = Callable[[Any], Any]
_DISPLAYED = 11  # the displayed columns of _rows_statement; the sort keys (k0, k1) follow them
_AT, _REPAIR_DATE, _COST = 2, 3, 5  # the displayed columns whose values a driver may hand over in its own form
_FOLLOW_UP = 10  # a date too
_UNSEEN = object()
_COSTS_KEPT = 10_000  # distinct amounts remembered per statement shape (about a megabyte at most)


@dataclass(frozen=True)
class _Prepared:
    """One statement shape compiled for one dialect: the SQL text the driver gets, how its parameters are laid out
    and converted, and the conversions of the result columns.

    Where SQLite answers a page in 0.05 ms, SQLAlchemy's per-execution work (cache key, execution context, result
    metadata, Row objects) used to double or triple that; compiled once, a search costs a dict of values, one
    driver call and a tuple per row."""

    sql: str
    positions: tuple[str, ...] | None  # positional drivers (SQLite's qmark): the bind names in SQL order
    names: tuple[tuple[str, str], ...]  # named drivers (psycopg's pyformat): (bind name, its name in the SQL)
    fixed: dict[str, Any]  # the statement's own values (LIMIT, OFFSET), already in the driver's form
    binds: dict[str, _Convert]  # Python value -> driver value (a date to SQLite's text, money to cents)
    results: tuple[_Convert | None, ...]  # driver value -> Python value, per result column
    # Displayed columns other than the dates and the cost that a driver hands over in its own form (none on SQLite
    # or psycopg; kept so another driver still gets right rows rather than raw values).
    other_results: tuple[tuple[int, _Convert], ...] = ()
    # Money as the driver gave it -> the Decimal the column's type makes of it (a Decimal is immutable, so one can
    # serve every row): the type's conversion is most of building a row, and the same amounts recur all over.
    costs: dict[Any, Decimal | None] = field(default_factory=dict, compare=False)

    def parameters(self, values: dict[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        converted = dict(self.fixed)
        for name, value in values.items():
            convert = self.binds.get(name)
            converted[name] = convert(value) if convert is not None else value
        if self.positions is not None:
            return tuple(converted[name] for name in self.positions)
        return {escaped: converted[name] for name, escaped in self.names}


def _prepare(statement: Select[Any], dialect: Dialect) -> _Prepared:
    compiled = statement.compile(dialect=dialect)
    fixed: dict[str, Any] = {}
    binds: dict[str, _Convert] = {}
    for bind, name in compiled.bind_names.items():
        convert = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            binds[name] = convert
        if not bind.required:
            fixed[name] = convert(bind.effective_value) if convert is not None else bind.effective_value
    escaped = compiled.escaped_bind_names
    results = tuple(
        column.type.dialect_impl(dialect).result_processor(dialect, None) for column in statement.selected_columns
    )
    return _Prepared(
        sql=compiled.string,
        positions=tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None,
        names=tuple((name, escaped.get(name, name)) for name in compiled.bind_names.values()),
        fixed=fixed,
        binds=binds,
        results=results,
        other_results=tuple((i, convert) for i, convert in enumerate(results[:_DISPLAYED])
                            if convert is not None and i not in (_AT, _REPAIR_DATE, _COST, _FOLLOW_UP)),
    )


# Per dialect object (one per engine), so two databases never share SQL compiled for the other's dialect.
_PREPARED: WeakKeyDictionary[Dialect, dict[_Shape, _Prepared]] = WeakKeyDictionary()


def _prepared(db: Database, shape: _Shape) -> _Prepared:
    dialect = db.engine.dialect
    per_dialect = _PREPARED.get(dialect)
    if per_dialect is None:
        per_dialect = _PREPARED.setdefault(dialect, {})
    prepared = per_dialect.get(shape)
    if prepared is None:  # two threads may both compile a new shape once; the answers are the same
        prepared = per_dialect[shape] = _prepare(_template(shape), dialect)
    return prepared


def _run(db: Database, shape: _Shape, values: dict[str, Any]) -> tuple[_Prepared, Sequence[tuple[Any, ...]]]:
    prepared = _prepared(db, shape)
    return prepared, db.fetch_driver_rows(prepared.sql, prepared.parameters(values))


def page_sql(
    db: Database, request: SearchRequest, *, after: SearchCursor | None = None, before: SearchCursor | None = None
) -> tuple[str, tuple[Any, ...] | dict[str, Any]]:
    """The SQL text and driver parameters `search_reports` sends for this page: for EXPLAIN QUERY PLAN and for
    timing the raw driver against the service on the very same statement."""
    shape, values = _page_query(request, after, before)
    prepared = _prepared(db, shape)
    return prepared.sql, prepared.parameters(values)


# ----------------------------------------------------------------------------------------------------------------
# Use cases
# ----------------------------------------------------------------------------------------------------------------


def _rows(prepared: _Prepared, records: Sequence[tuple[Any, ...]], first_line: int) -> tuple[SearchRow, ...]:
    """The driver's tuples as numbered SearchRows, built as tuples (a dataclass takes four times as long)."""
    to_at, to_repair_date, to_cost, to_follow_up = (prepared.results[i]
                                                    for i in (_AT, _REPAIR_DATE, _COST, _FOLLOW_UP))
    costs = prepared.costs
    others = prepared.other_results
    new = tuple.__new__
    rows = []
    for line, fetched in enumerate(records, first_line):
        record: Sequence[Any] = fetched
        if others:
            converted = list(fetched)  # converted in place, as SQLAlchemy's result processors would
            for index, convert in others:
                converted[index] = convert(converted[index])
            record = converted
        at = record[_AT]
        if to_at is not None:
            at = to_at(at)
        repair_date = record[_REPAIR_DATE]
        if to_repair_date is not None:
            repair_date = to_repair_date(repair_date)
        cost = record[_COST]
        if to_cost is not None:
            cents = cost
            cost = costs.get(cents, _UNSEEN)
            if cost is _UNSEEN:
                if len(costs) >= _COSTS_KEPT:
                    costs.clear()
                cost = costs[cents] = to_cost(cents)
        follow_up = record[_FOLLOW_UP]
        if to_follow_up is not None:
            follow_up = to_follow_up(follow_up)
        rows.append(new(SearchRow, (
            line, record[0], record[1] or "", at.date() if at is not None else None, repair_date, record[4], cost,
            record[6], record[7], record[8], record[9], follow_up,
        )))
    return tuple(rows)


def _sort_key(prepared: _Prepared, record: tuple[Any, ...]) -> tuple[Any, ...]:
    """k0 (and k1), the columns after the displayed ones, as Python values: the next page binds them again."""
    converts = prepared.results[_DISPLAYED:]
    return tuple(c(v) if c is not None else v for c, v in zip(converts, record[_DISPLAYED:], strict=True))


def search_reports(db: Database, request: SearchRequest, *, after: SearchCursor | None = None) -> SearchPage:
    """The first page of a search, or the page after `after` (a page's `next_cursor`)."""
    prepared, records = _run(db, *_page_query(request, after, None))
    has_more = len(records) > request.page_size
    records = records[: request.page_size]
    first_line = after.line + 1 if after else 1
    rows = _rows(prepared, records, first_line)
    return SearchPage(
        rows=rows,
        has_more=has_more,
        has_previous=first_line > 1,
        next_cursor=SearchCursor(_sort_key(prepared, records[-1]), rows[-1].line) if has_more else None,
        previous_cursor=SearchCursor(_sort_key(prepared, records[0]), rows[0].line)
        if rows and first_line > 1 else None,
    )


def search_reports_before(db: Database, request: SearchRequest, *, before: SearchCursor) -> SearchPage:
    """The page before `before` (a page's `previous_cursor`): PgUp / F7."""
    prepared, records = _run(db, *_page_query(request, None, before))
    has_previous = len(records) > request.page_size
    records = records[: request.page_size][::-1]
    first_line = max(1, before.line - len(records))
    rows = _rows(prepared, records, first_line)
    return SearchPage(
        rows=rows,
        has_more=True,  # `before` itself comes after these rows
        has_previous=has_previous,
        next_cursor=SearchCursor(_sort_key(prepared, records[-1]), rows[-1].line) if rows else None,
        previous_cursor=SearchCursor(_sort_key(prepared, records[0]), rows[0].line) if has_previous else None,
    )


def unrepaired_ra_statement(ra_number: str, *, limit: int = 99) -> Select[Any]:
    """The RA's damage reports with unrepaired Vehicle History lines (public for the index test)."""
    return _unrepaired_template("ra", limit).params(key=ra_number.strip().upper())


def unrepaired_vehicle_statement(vehicle_id: int, *, limit: int = 99) -> Select[Any]:
    """The vehicle's damage reports with unrepaired Vehicle History lines (public for the index test)."""
    return _unrepaired_template("vehicle", limit).params(vehicle=vehicle_id)


def unrepaired_reports_for_ra(db: Database, ra_number: str, *, limit: int = 99) -> list[SearchRow]:
    """Field 1's automatic search: the RA's damage reports that still have unrepaired Vehicle History lines,
    newest first, numbered from 1 ("Enter a line number to display the report data")."""
    prepared, records = _run(db, ("unrepaired", "ra", limit), {"key": ra_number.strip().upper()})
    return list(_rows(prepared, records, 1))


def unrepaired_reports_for_vehicle(db: Database, vehicle_id: int, *, limit: int = 99) -> list[SearchRow]:
    """VEHICLE HAS UNREPAIRED DAMAGES: the vehicle's reports with unrepaired Vehicle History lines, newest first."""
    prepared, records = _run(db, ("unrepaired", "vehicle", limit), {"vehicle": vehicle_id})
    return list(_rows(prepared, records, 1))


def driver_sql(db: Database, statement: Select[Any]) -> tuple[str, Any]:
    """The SQL text and the driver-level parameters (after the column types' conversions) of `statement`, as the
    engine would send them: for EXPLAIN of any statement with its values bound."""
    dialect = db.engine.dialect
    compiled = statement.compile(dialect=dialect)
    values = compiled.construct_params()
    converted = {}
    for name, value in values.items():
        processor = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        converted[name] = processor(value) if processor is not None else value
    if compiled.positiontup is not None:
        return str(compiled), tuple(converted[name] for name in compiled.positiontup)
    return str(compiled), converted


def report_on_file(db: Database, report_number: int) -> bool:
    """`#12345` at the F6 screen's OPTION: is report 12345 on file (a primary-key look-up), so the screen can
    leave for page 1 with it or say it is not there and stay."""
    if not 0 < report_number <= _LARGEST_REPORT_NUMBER:
        return False  # beyond the INTEGER column: cannot be on file (and PostgreSQL would refuse the value)
    _, records = _run(db, ("on file",), {"number": report_number})
    return bool(records)
