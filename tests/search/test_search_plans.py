"""Every search mode reads along an index: SQLite's EXPLAIN QUERY PLAN for each mode, with and without the status
filter, on the first page and on the pages after and before a cursor. A dropped index (or a rewrite that stops
using one) fails here instead of making F6 slow at a million reports.

SQLite only: PostgreSQL chooses plans from table statistics, so an empty test database tells nothing there; the
benchmark prints PostgreSQL's timings on a generated database instead."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import Select, text

from carsplus_tui.db.database import Database
from carsplus_tui.services.search import (
    SearchCursor,
    SearchMode,
    SearchRequest,
    driver_sql,
    page_sql,
    unrepaired_ra_statement,
    unrepaired_vehicle_statement,
)
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(
    BACKEND != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans from statistics (see benchmark)"
)

TABLES = ("damage_reports", "accident_details", "vehicles", "vehicle_history", "work_orders", "work_order_cost_lines")
KEYS = {
    SearchMode.VEHICLE: "592",
    SearchMode.LICENCE: "592TUS",
    SearchMode.RA: "A0001310",
    SearchMode.ACCIDENT_DATE: "07-01-09",
    SearchMode.FOLLOW_UP_DATE: "07-01-09",
    SearchMode.STATUS: "",
}
# The index each mode is meant to read (any one of them).
INDEXES = {
    SearchMode.VEHICLE: ("ix_damage_reports_vehicle_id", "ix_damage_reports_status_vehicle"),
    SearchMode.LICENCE: ("ix_damage_reports_vehicle_id", "ix_damage_reports_status_vehicle"),
    SearchMode.RA: ("ix_damage_reports_ra_number",),
    SearchMode.ACCIDENT_DATE: ("ix_accident_details_date_time",),
    SearchMode.FOLLOW_UP_DATE: ("ix_damage_reports_follow_up_date", "ix_damage_reports_status_follow_up"),
    SearchMode.STATUS: ("ix_damage_reports_report_status",),
}
KEY_INDEXES = {SearchMode.VEHICLE: "ix_vehicles_unit_number", SearchMode.LICENCE: "ix_vehicles_licence"}


def query_plan(db: Database, statement: Select[Any] | tuple[str, Any]) -> list[tuple[int, int, str]]:
    sql, params = statement if isinstance(statement, tuple) else driver_sql(db, statement)
    with db.engine.connect() as conn:
        return [(r[0], r[1], r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params).all()]


def violations(plan: list[tuple[int, int, str]], *, ordered_scan_allowed: bool = False) -> list[str]:
    """Plan lines that read a table without an index. `SCAN damage_reports` is allowed only for the newest-first
    list of every report, where it walks the primary key backwards and stops at the page's last row — and only
    when nothing beside it sorts (a sort would mean reading the whole table first)."""
    bad = []
    for node, parent, detail in plan:
        words = detail.split()
        if words[:1] != ["SCAN"] and "AUTOMATIC" not in detail:
            continue
        if len(words) < 2 or words[1] not in TABLES:
            continue  # a scan of the page's few materialised rows
        if ordered_scan_allowed and detail == "SCAN damage_reports":
            siblings = [d for n, p, d in plan if p == parent and n != node]
            if not any("TEMP B-TREE" in d for d in siblings):
                continue
        bad.append(detail)
    return bad


def statements_for(db: Database, mode: SearchMode, status: str | None) -> dict[str, tuple[str, Any]]:
    """The SQL and parameters the service sends for each kind of page (its compiled-once form)."""
    request = SearchRequest(mode, KEYS[mode], status)
    if mode is SearchMode.ACCIDENT_DATE:
        key: tuple[Any, ...] = (datetime(2009, 7, 1, 9, 30), 5)
    elif mode is SearchMode.FOLLOW_UP_DATE:
        key = (date(2009, 7, 1), 5)
    else:
        key = (5,)
    cursor = SearchCursor(key, 15)
    return {
        "first page": page_sql(db, request),
        "next page": page_sql(db, request, after=cursor),
        "previous page": page_sql(db, request, before=cursor),
    }


def uses(plan: list[tuple[int, int, str]], index: str) -> bool:
    return any(f"INDEX {index} " in detail + " " for _, _, detail in plan)


@pytest.mark.parametrize("status", [None, "U", "C"])
@pytest.mark.parametrize("mode", list(SearchMode), ids=[m.value for m in SearchMode])
def test_every_search_mode_reads_along_an_index(db: Database, mode: SearchMode, status: str | None) -> None:
    for page, statement in statements_for(db, mode, status).items():
        plan = query_plan(db, statement)
        shown = "\n".join(d for _, _, d in plan)
        all_reports = mode is SearchMode.STATUS and status is None
        assert violations(plan, ordered_scan_allowed=all_reports) == [], f"{mode.value} {status} {page}:\n{shown}"
        if all_reports:
            assert "damage_reports" in shown, shown
        else:
            assert any(uses(plan, index) for index in INDEXES[mode]), f"{mode.value} {status} {page}:\n{shown}"
        if mode in KEY_INDEXES:
            assert uses(plan, KEY_INDEXES[mode]), shown


def test_the_automatic_searches_of_page_1_read_along_indexes(db: Database) -> None:
    ra_plan = query_plan(db, unrepaired_ra_statement("A0001310"))
    assert violations(ra_plan) == [] and uses(ra_plan, "ix_damage_reports_ra_number"), ra_plan
    vehicle_plan = query_plan(db, unrepaired_vehicle_statement(2))
    assert violations(vehicle_plan) == [] and uses(vehicle_plan, "ix_vehicle_history_vehicle_unrepaired"), vehicle_plan


@pytest.mark.parametrize(
    ("index", "mode"),
    [
        ("ix_damage_reports_ra_number", SearchMode.RA),
        ("ix_accident_details_date_time", SearchMode.ACCIDENT_DATE),
        ("ix_damage_reports_vehicle_id", SearchMode.VEHICLE),
        ("ix_damage_reports_follow_up_date", SearchMode.FOLLOW_UP_DATE),
    ],
)
def test_a_dropped_index_is_caught(db: Database, index: str, mode: SearchMode) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(f"DROP INDEX {index}"))
    plans = [query_plan(db, s) for s in statements_for(db, mode, None).values()]
    assert any(violations(plan) or not any(uses(plan, i) for i in INDEXES[mode]) for plan in plans)
