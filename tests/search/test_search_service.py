"""The search service on SQLite and PostgreSQL: each mode's rows and order, the status filter, the columns, paging
forward and back without gaps or repeats, and bad input refused before any query."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.services import work_orders
from carsplus_tui.services.search import (
    SearchCursor,
    SearchInputError,
    SearchMode,
    SearchPage,
    SearchRequest,
    SearchRow,
    build_page_statement,
    driver_sql,
    page_sql,
    search_reports,
    search_reports_before,
    unrepaired_reports_for_ra,
    unrepaired_reports_for_vehicle,
)
from tests.search import world
from tests.search.sql_log import recording
from tests.search.world import Spec


@pytest.fixture
def search_db(db: Database) -> list[Spec]:
    return world.build(db)


@pytest.fixture
def statements(db: Database) -> Iterator[list[str]]:
    """Every SQL statement the database runs while the test body runs (through SQLAlchemy or the driver)."""
    with recording(db) as log:
        yield log.statements


def expected(specs: list[Spec], mode: SearchMode, key: str, status: str | None) -> list[int]:
    """The report numbers the manual's search should list, in order, computed in Python."""
    chosen = [s for s in specs if status is None or s.status == status]
    if mode is SearchMode.VEHICLE:
        chosen = [s for s in chosen if s.unit == key]
    elif mode is SearchMode.LICENCE:
        chosen = [s for s in chosen if s.licence == key]
    elif mode is SearchMode.RA:
        chosen = [s for s in chosen if s.ra_number == key]
    elif mode is SearchMode.ACCIDENT_DATE:
        start = datetime.fromisoformat(key)
        ordered = sorted((s for s in chosen if s.accident and s.accident >= start), key=lambda s: (s.accident, s.number))
        return [s.number for s in ordered]
    elif mode is SearchMode.FOLLOW_UP_DATE:
        start_day = date.fromisoformat(key)
        ordered = sorted((s for s in chosen if s.follow_up and s.follow_up >= start_day),
                         key=lambda s: (s.follow_up, s.number))
        return [s.number for s in ordered]
    return [s.number for s in sorted(chosen, key=lambda s: -s.number)]


CASES = [
    (SearchMode.VEHICLE, "592"),
    (SearchMode.LICENCE, "592PHX"),
    (SearchMode.RA, "T3001212"),
    (SearchMode.ACCIDENT_DATE, "2009-07-05"),
    (SearchMode.FOLLOW_UP_DATE, "2009-09-02"),
    (SearchMode.STATUS, ""),
]


def all_pages_forward(db: Database, request: SearchRequest) -> list[SearchPage]:
    pages = [search_reports(db, request)]
    while pages[-1].next_cursor is not None:
        pages.append(search_reports(db, request, after=pages[-1].next_cursor))
        assert len(pages) < 100
    return pages


@pytest.mark.parametrize("status", [None, "U", "I", "C"])
@pytest.mark.parametrize(("mode", "key"), CASES, ids=[c[0].value for c in CASES])
def test_each_mode_lists_the_right_reports_in_the_manuals_order_page_by_page(
    db: Database, search_db: list[Spec], mode: SearchMode, key: str, status: str | None
) -> None:
    request = SearchRequest(mode, key, status, page_size=4)
    pages = all_pages_forward(db, request)
    rows = [row for page in pages for row in page.rows]
    want = expected(search_db, mode, key, status)
    assert [r.report_number for r in rows] == want
    assert [r.line for r in rows] == list(range(1, len(want) + 1))
    assert all(len(p.rows) == 4 for p in pages[:-1]) and len(pages[-1].rows) <= 4
    assert [p.has_more for p in pages] == [True] * (len(pages) - 1) + [False]
    assert [p.has_previous for p in pages] == [False] + [True] * (len(pages) - 1)
    if not (mode is SearchMode.RA and status == "U"):  # a U report has no RA, by definition
        assert len(want) >= (2 if status else 5), "the test data must exercise paging"

    # …and back again from the last page with PgUp: the same pages, the same line numbers.
    back = [pages[-1]]
    while back[-1].previous_cursor is not None:
        back.append(search_reports_before(db, request, before=back[-1].previous_cursor))
        assert len(back) < 100
    assert [[(r.line, r.report_number) for r in p.rows] for p in reversed(back)] == [
        [(r.line, r.report_number) for r in p.rows] for p in pages
    ]
    assert not back[-1].has_previous


def test_paging_inside_a_date_with_many_ties_never_skips_or_repeats(db: Database, search_db: list[Spec]) -> None:
    # 2009-09-02 .. 09-04: three days, ~8 reports each; pages of 3 end in the middle of a day again and again.
    request = SearchRequest(SearchMode.FOLLOW_UP_DATE, "09-02-09", page_size=3)
    rows = [r for p in all_pages_forward(db, request) for r in p.rows]
    assert [r.report_number for r in rows] == expected(search_db, SearchMode.FOLLOW_UP_DATE, "2009-09-02", None)
    assert len({r.report_number for r in rows}) == len(rows)


def test_a_row_carries_the_screens_columns(db: Database, search_db: list[Spec]) -> None:
    spec = next(s for s in search_db if s.number == 5)  # a C report with a work order, repaired, on an RA
    page = search_reports(db, SearchRequest(SearchMode.RA, spec.ra_number or "", "C", page_size=50))
    row = next(r for r in page.rows if r.report_number == 5)
    assert row._replace(non_rev_number=None, owning_location=None, follow_up_date=None) == SearchRow(
        line=row.line, report_number=5, vehicle=spec.unit, damage_date=spec.accident.date() if spec.accident else None,
        repair_date=spec.repair_date, ra_number=spec.ra_number, cost=Decimal("105.25"), report_status="C",
        claim_status=3,
    )
    assert isinstance(row.cost, Decimal)
    no_work_order = next(r for r in search_reports(db, SearchRequest(SearchMode.STATUS, page_size=50)).rows
                         if r.report_number == 4)
    assert no_work_order.cost is None and no_work_order.repair_date is None
    no_date = next(r for r in search_reports(db, SearchRequest(SearchMode.STATUS, page_size=50)).rows
                   if r.report_number == 7)
    assert no_date.damage_date is None


def test_a_licence_search_shows_the_licence_and_a_vehicle_search_every_owner_of_the_unit(
    db: Database, search_db: list[Spec]
) -> None:
    by_licence = search_reports(db, SearchRequest(SearchMode.LICENCE, "592tus", page_size=50))
    assert {r.vehicle for r in by_licence.rows} == {"592TUS"}
    by_unit = search_reports(db, SearchRequest(SearchMode.VEHICLE, " 592 ", page_size=50))
    assert {r.vehicle for r in by_unit.rows} == {"592"}
    assert len(by_unit.rows) == len(by_licence.rows) + len(
        search_reports(db, SearchRequest(SearchMode.LICENCE, "592PHX", page_size=50)).rows)


def test_a_key_with_no_reports_is_an_empty_page(db: Database, search_db: list[Spec]) -> None:
    for mode, key in ((SearchMode.VEHICLE, "NOSUCH"), (SearchMode.RA, "Z9999999"),
                      (SearchMode.ACCIDENT_DATE, "01-01-30"), (SearchMode.FOLLOW_UP_DATE, "2030-01-01")):
        page = search_reports(db, SearchRequest(mode, key))
        assert page.rows == () and not page.has_more and not page.has_previous and page.next_cursor is None


def test_a_page_never_fetches_more_than_one_row_beyond_the_screen(db: Database, search_db: list[Spec]) -> None:
    assert len(search_db) > 12
    with recording(db) as log:
        page = search_reports(db, SearchRequest(SearchMode.STATUS, page_size=5))
        second = search_reports(db, SearchRequest(SearchMode.STATUS, page_size=5), after=page.next_cursor)
        search_reports_before(db, SearchRequest(SearchMode.STATUS, page_size=5), before=second.previous_cursor)
    assert len(log.selects) == 3 and log.statements == log.selects  # one statement per page, no BEGIN
    assert log.driver_rows == [6, 6, 5]  # the page and one row to know there is more (none before line 1)
    assert all("OFFSET" not in s.upper() or "OFFSET ?" in s or "OFFSET %" in s for s in log.selects)


@pytest.mark.parametrize(
    ("mode", "key", "status", "message"),
    [
        (SearchMode.ACCIDENT_DATE, "13-45-09", None, "INVALID DATE - USE MM-DD-YY"),
        (SearchMode.FOLLOW_UP_DATE, "02-30-09", None, "INVALID DATE - USE MM-DD-YY"),
        (SearchMode.ACCIDENT_DATE, "JULY", None, "INVALID DATE - USE MM-DD-YY"),
        (SearchMode.STATUS, "", "X", "INVALID STATUS X - USE U, I, C OR BLANK FOR ALL"),
        (SearchMode.RA, "A0001310", "Q", "INVALID STATUS Q - USE U, I, C OR BLANK FOR ALL"),
        (SearchMode.RA, "  ", None, "ENTER AN RA #"),
        (SearchMode.VEHICLE, "", None, "ENTER A VEHICLE #"),
        (SearchMode.LICENCE, "X" * 11, None, "LIC # IS AT MOST 10 CHARACTERS"),
    ],
)
def test_bad_input_is_refused_with_a_message_before_any_query(
    db: Database, statements: list[str], mode: SearchMode, key: str, status: str | None, message: str
) -> None:
    with pytest.raises(SearchInputError) as raised:
        search_reports(db, SearchRequest(mode, key, status))
    assert str(raised.value) == message
    assert isinstance(raised.value, ValueError)
    assert statements == []


def test_the_counter_date_formats_and_status_letters_are_accepted() -> None:
    for typed in ("07-21-09", "07/21/09", "072109", "07-21-2009", "2009-07-21"):
        assert SearchRequest(SearchMode.ACCIDENT_DATE, typed).start_date == date(2009, 7, 21)
    assert SearchRequest(SearchMode.STATUS, "ignored", "c").status == "C"
    assert SearchRequest(SearchMode.STATUS, "", "").status is None
    assert SearchRequest(SearchMode.STATUS).key == ""
    assert SearchRequest("ra", "a0001310").key == "A0001310"  # type: ignore[arg-type]


# ----------------------------------------------------------------------------------------------------------------
# The automatic searches of page 1
# ----------------------------------------------------------------------------------------------------------------


def test_unrepaired_reports_for_an_ra_and_for_a_vehicle(db: Database, search_db: list[Spec]) -> None:
    ra = "T3001212"
    want = [s.number for s in sorted(search_db, key=lambda s: -s.number) if s.ra_number == ra and s.unrepaired]
    rows = unrepaired_reports_for_ra(db, ra.lower())
    assert [r.report_number for r in rows] == want and want
    assert [r.line for r in rows] == list(range(1, len(want) + 1))

    want_vehicle = [s.number for s in sorted(search_db, key=lambda s: -s.number)
                    if s.vehicle_id == 3 and s.unrepaired]
    rows = unrepaired_reports_for_vehicle(db, 3)
    assert [r.report_number for r in rows] == want_vehicle and want_vehicle
    assert {r.vehicle for r in rows} == {"592"}
    assert unrepaired_reports_for_ra(db, "Z0000000") == []
    assert unrepaired_reports_for_vehicle(db, 999) == []


def test_a_closed_work_order_takes_a_report_off_the_unrepaired_list(sample_db: Database) -> None:
    # Sample report 10 (RA A0001336, unit 003592) has an open claim with unrepaired damage.
    rows = unrepaired_reports_for_ra(sample_db, "A0001336")
    assert [(r.line, r.report_number, r.vehicle) for r in rows] == [(1, 10, "003592")]
    vehicle_id = _vehicle_id(sample_db, "003592")
    assert 10 in [r.report_number for r in unrepaired_reports_for_vehicle(sample_db, vehicle_id)]
    current = work_orders.load_work_order_data(sample_db, 10)
    assert current is not None and current.status != "CLOSED"
    work_orders.save_work_order(sample_db, 10, current.model_copy(
        update={"status": "CLOSED", "repair_date": max(current.opened_date, date(2009, 8, 9))}), "CLERK")
    assert unrepaired_reports_for_ra(sample_db, "A0001336") == []
    assert 10 not in [r.report_number for r in unrepaired_reports_for_vehicle(sample_db, vehicle_id)]
    # The manual's report 1 was repaired long ago: nothing to offer for its RA.
    assert unrepaired_reports_for_ra(sample_db, "A0001310") == []


def _vehicle_id(db: Database, unit: str) -> int:
    from carsplus_tui.services.lookups import vehicles_for_unit

    return vehicles_for_unit(db, unit)[0].id


def test_the_sample_data_answers_the_manuals_examples(sample_db: Database) -> None:
    page = search_reports(sample_db, SearchRequest(SearchMode.RA, "A0001310"))
    assert [(r.line, r.report_number, r.vehicle) for r in page.rows] == [(1, 1, "001888")]
    unit_592 = search_reports(sample_db, SearchRequest(SearchMode.VEHICLE, "592", page_size=50)).rows
    assert unit_592 and all(r.vehicle == "592" for r in unit_592)
    newest: Callable[[str | None], SearchPage] = lambda status: search_reports(  # noqa: E731
        sample_db, SearchRequest(SearchMode.STATUS, "", status, page_size=100))
    everything = newest(None).rows
    assert [r.report_number for r in everything] == sorted((r.report_number for r in everything), reverse=True)
    assert sum(len(newest(s).rows) for s in "UIC") == len(everything)


def test_the_sql_sent_is_the_statement_sqlalchemy_would_send(db: Database, search_db: list[Spec]) -> None:
    """Pages run as SQL compiled once per dialect on the driver; text and parameters (dates in the driver's form,
    the cursor's keys) must be what SQLAlchemy itself sends for the same statement."""
    for mode, key in CASES:
        for status in (None, "I"):
            request = SearchRequest(mode, key, status, page_size=4)
            page = search_reports(db, request)
            assert page.next_cursor is not None or status, (mode, status)
            cursors: list[dict[str, SearchCursor]] = [{}]
            if page.next_cursor is not None:
                cursors += [{"after": page.next_cursor}, {"before": page.next_cursor}]
            for cursor in cursors:
                assert page_sql(db, request, **cursor) == driver_sql(db, build_page_statement(request, **cursor))


def test_a_database_error_reaches_the_caller_as_sqlalchemys(db: Database, search_db: list[Spec]) -> None:
    """The screen shows SEARCH FAILED and `carsplus search` one line for SQLAlchemy's errors; the driver path
    must raise those, not the driver's own."""
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE work_order_cost_lines"))
    with pytest.raises(DBAPIError) as raised:
        search_reports(db, SearchRequest(SearchMode.STATUS))
    assert "work_order_cost_lines" in str(raised.value.orig)
    assert isinstance(raised.value, (OperationalError, ProgrammingError))
    # ...and the pooled connection it used still works (PostgreSQL: its failed transaction rolled back).
    assert db.fetch_driver_rows("SELECT count(*) FROM damage_reports", ()) == [(len(search_db),)]


def test_a_search_leaves_its_pooled_connection_as_transactions_expect(db: Database, search_db: list[Spec]) -> None:
    """A page runs outside a transaction (PostgreSQL: autocommit for that one statement); the connection goes back
    to the pool as a session expects it, so a rolled-back save after a search really rolls back."""
    db.engine.dispose()  # one pooled connection: the search's is the one the session gets next
    search_reports(db, SearchRequest(SearchMode.STATUS))
    with pytest.raises(RuntimeError), db.write() as session:
        session.execute(update(m.DamageReport).values(report_status="U"))
        raise RuntimeError("the save fails")
    rows = search_reports(db, SearchRequest(SearchMode.STATUS, page_size=50)).rows
    assert sorted(r.report_status for r in rows) == sorted(s.status for s in search_db)
    assert {"I", "C"} <= {r.report_status for r in rows}


def test_every_rows_cost_is_its_work_orders_sum_page_after_page(db: Database, search_db: list[Spec]) -> None:
    """Costs come from the money column's own conversion, remembered per amount: the same amount read again (the
    second pass) must still be exact, with two decimal places."""
    want = {s.number: s.cost for s in search_db}
    for _ in range(2):
        rows = [r for p in all_pages_forward(db, SearchRequest(SearchMode.STATUS, page_size=7)) for r in p.rows]
        assert {r.report_number: r.cost for r in rows} == want
        assert all(r.cost.as_tuple().exponent == -2 for r in rows if r.cost is not None)
    assert len({c for c in want.values() if c is not None}) > 3


def test_a_driver_that_hands_over_other_columns_in_its_own_form_still_gets_python_values() -> None:
    # SQLite and psycopg only need the dates and the cost converted; another driver (say, one giving the report
    # number and status as text) must still produce right rows, converted by the columns' own types.
    from datetime import date, datetime

    from carsplus_tui.services.search import _Prepared, _rows

    results = (int, None, None, None, None, None, str.upper, int, None, str.upper, None, None, None)
    prepared = _Prepared(sql="", positions=None, names=(), fixed={}, binds={}, results=results,
                         other_results=((0, int), (6, str.upper), (7, int), (9, str.upper)))
    (row,) = _rows(prepared, [("48", "592", datetime(2009, 7, 20, 15, 30), None, "A0001310", None, "c", "5",
                               None, "tus", None, "k0", "k1")], first_line=1)
    assert row == (1, 48, "592", date(2009, 7, 20), None, "A0001310", None, "C", 5, None, "TUS", None)
