"""`carsplus report-dmgsum` and `carsplus report-vicrpt` (issue 22, item 3) on the sample data, signed on as an
employee who may view claims (the refusals are in tests/test_cli_claim_readers.py); the figures are those worked out by hand in tests/services/test_claim_reports.py."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from tests.printing.conftest import pdf_text


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, sample_db: Database, tmp_path: Path):
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(tmp_path / "spool"))
    monkeypatch.setenv("CARSPLUS_PRINTER", "")
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "MGARCI")  # Access Claim view: reading claims is enough
    monkeypatch.setenv("CARSPLUS_PASSWORD", "mgarci")

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_dmgsum_summary_table_and_detail_csv(run) -> None:  # noqa: ANN001
    result = run("report-dmgsum", "--location", "tus")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "DAMAGE SUMMARY REPORT - SUMMARY"
    assert lines[1].startswith("DATES * TO *  UNIT ALL  LOC TUS")
    assert next(li for li in lines if li.startswith("TUS    1")).split() == [
        "TUS", "1", "4", "3", "2432.89", "180.00", "850.59", "0.00", "0.00", "-786.52"]
    assert lines[-2].split() == ["TOTAL", "18", "11", "9287.23", "180.00", "850.59", "0.00", "0.00", "-4337.27"]
    assert lines[-1] == "18 REPORTS"

    result = run("report-dmgsum", "--location", "TUS", "--claim-status", "5-6", "--detail", "--csv")
    rows = list(csv.reader(io.StringIO(result.output)))
    assert rows[0][:3] == ["report_number", "damage_date", "unit_number"]
    assert [(row[0], row[-1]) for row in rows[1:]] == [
        ("8", "-374.10"), ("17", "1597.52"), ("34", "288.94"), ("36", "-1940.62"), ("50", "-172.98")]

    result = run("report-dmgsum", "--location", "TUS", "--from", "09-01-09", "--to", "2009-09-30", "--detail")
    assert [line.split()[0] for line in result.output.splitlines()[3:-1]] == ["17", "26", "34", "36"]


def test_vicrpt_detail_and_pdf(run, tmp_path: Path) -> None:  # noqa: ANN001
    result = run("report-vicrpt", "--detail", "--third-party", "y", "--claim-type", "3rd party", "--today",
                 "2010-02-01")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "VEHICLE INCIDENT CLEARANCE REPORT - DETAIL"
    assert [line.split()[0] for line in lines[3:-1]] == ["1", "9", "30", "33", "54"]
    assert lines[3].split()[:3] == ["1", "07-20-09", "196"]

    out = tmp_path / "vicrpt.pdf"
    result = run("report-vicrpt", "--pdf", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "PDF kept in" in result.output
    text = pdf_text(out)
    assert "VEHICLE INCIDENT CLEARANCE REPORT" in text and "60 OPEN CLAIMS" in text and "-20864.75" in text
    assert list((tmp_path / "spool").glob("vicrpt-summary-*.pdf"))


def test_bad_selections_are_one_line_and_nothing_written(run, tmp_path: Path) -> None:  # noqa: ANN001
    for args, says in ((("report-dmgsum", "--claim-status", "9"), "CLAIM STATUS 9"),
                       (("report-dmgsum", "--from", "13-45-09"), "--from '13-45-09' is not a date"),
                       (("report-dmgsum", "--from", "2009-10-01", "--to", "2009-09-01"), "FROM DATE IS AFTER"),
                       (("report-vicrpt", "--vir-status", "X"), "VIR STATUS X"),
                       (("report-vicrpt", "--csv", "--pdf"), "choose one of")):
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 1, args
        assert says in result.output and "Traceback" not in result.output, result.output
    assert not (tmp_path / "spool").exists()


def test_print_without_a_printer_names_the_whole_spool_path(run, tmp_path: Path,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "a-spool-folder-far-longer-than-the-message-line" / "with-more-folders-under-it" / "x"
    monkeypatch.setenv("CARSPLUS_SPOOL_DIR", str(spool))
    result = run("report-vicrpt", "--print")
    assert result.exit_code == 0, result.output
    printed = Path(result.output.strip().removeprefix("NO PRINTER SET - KEPT IN "))
    assert printed.parent == spool and printed.is_file() and printed.name.startswith("vicrpt-"), result.output
