"""`carsplus search`: the F6 rows for scripts, and bad input as one line with a non-zero exit code."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner, Result

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.services.search import SearchMode, SearchRequest, search_reports


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, sample_db: Database):  # noqa: ANN201
    def invoke(*args: str) -> Result:
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
        monkeypatch.setenv("CARSPLUS_EMPLOYEE", "AGENT")  # F6 is every employee's: Access Claim none searches too
        monkeypatch.setenv("CARSPLUS_PASSWORD", "agent")
        return CliRunner().invoke(main, ["search", *args], catch_exceptions=False)

    return invoke


def test_by_ra_prints_the_screens_columns(run) -> None:  # noqa: ANN001
    result = run("--ra", "A0001310")
    assert result.exit_code == 0, result.output
    header, line = result.output.splitlines()
    assert header.split() == ["VEH#", "DMG", "RPT#", "DMG", "DATE", "REPAIR", "DATE", "RA#", "COST", "STATUS"]
    assert line.split()[:4] == ["1.", "001888", "1", "07-20-09"] and "A0001310" in line


@pytest.mark.parametrize(
    ("args", "mode", "key"),
    [
        (("--vehicle", "592"), SearchMode.VEHICLE, "592"),
        (("--licence", "102088"), SearchMode.LICENCE, "102088"),
        (("--accident-date", "2009-07-01"), SearchMode.ACCIDENT_DATE, "2009-07-01"),
        (("--followup-date", "11-01-26"), SearchMode.FOLLOW_UP_DATE, "11-01-26"),
        (("--status", "C"), SearchMode.STATUS, ""),
    ],
)
def test_json_gives_the_same_rows_as_the_service(run, sample_db: Database, args, mode, key) -> None:  # noqa: ANN001
    result = run(*args, "--limit", "20", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    status = "C" if "--status" in args else None
    request = SearchRequest(mode, key, status, page_size=20)
    expected = search_reports(sample_db, request).rows
    assert [(r["line"], r["report_number"]) for r in rows] == [(r.line, r.report_number) for r in expected]
    assert rows, "the sample data has reports for every example"
    first = rows[0]
    assert set(first) == {"line", "report_number", "vehicle", "damage_date", "repair_date", "ra_number", "cost",
                          "report_status", "claim_status"}


def test_limit_pages_through_more_than_one_page(run, sample_db: Database) -> None:  # noqa: ANN001
    rows = json.loads(run("--limit", "40", "--json").output)
    assert [r["line"] for r in rows] == list(range(1, 41))
    numbers = [r["report_number"] for r in rows]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 40
    assert json.loads(run("--licence", "102088", "--limit", "1", "--json").output)[0]["vehicle"] == "102088"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--accident-date", "13-45-09"), "INVALID DATE - USE MM-DD-YY"),
        (("--status", "Q"), "INVALID STATUS Q - USE U, I, C OR BLANK FOR ALL"),
        (("--ra", "A1", "--vehicle", "592"), "give one of"),
        (("--limit", "0"), "Invalid value for '--limit'"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(run, args, message: str) -> None:  # noqa: ANN001
    result = run(*args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_nothing_found_says_so(run) -> None:  # noqa: ANN001
    result = run("--ra", "Z9999999")
    assert result.exit_code == 0 and "NO DAMAGE REPORTS FOUND" in result.output
    assert json.loads(run("--ra", "Z9999999", "--json").output) == []
