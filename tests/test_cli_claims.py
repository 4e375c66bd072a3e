"""`carsplus followups` and `carsplus ageing` (issue 22, items 1 and 2) on the sample data, signed on as an
employee who may view claims (the refusals are in tests/test_cli_claim_readers.py)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, sample_db: Database):
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "MGARCI")  # Access Claim view: reading claims is enough
    monkeypatch.setenv("CARSPLUS_PASSWORD", "mgarci")

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_followups_prints_the_queue(run) -> None:  # noqa: ANN001
    result = run("followups", "--location", "tus", "--today", "2026-12-01")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "FOLLOW-UP QUEUE 12-01-26 (location TUS, employee all)"
    assert [line.split()[:5] for line in lines[2:-1]] == [
        ["1", "26", "11-25-26", "6", "2"],
        ["2", "8", "11-30-26", "1", "6"],
        ["3", "1", "12-01-26", "0", "4"],
        ["4", "10", "12-01-26", "0", "4"],
    ]
    assert "227.25  FOLLOW UP: AETNA ADJUSTER PROMISED A" in lines[4]
    assert lines[-1] == "4 claims due"


def test_followups_json_by_employee(run) -> None:  # noqa: ANN001
    result = run("followups", "--claim-employee", "JSMITH", "--today", "2026-12-03", "--json")
    data = json.loads(result.output)
    assert data["today"] == "2026-12-03"
    assert [(f["report_number"], f["days_overdue"], f["amount_outstanding"]) for f in data["followups"]] == [
        (26, 8, "-2500.00"), (8, 3, "-374.10"), (44, 0, "-500.00"),
    ]
    assert data["followups"][0]["claim_location"] == "TUS" and data["followups"][0]["claim_status"] == 2


def test_ageing_as_csv_and_json(run) -> None:  # noqa: ANN001
    rows = list(csv.DictReader(io.StringIO(run("ageing", "--csv", "--today", "2010-02-01").output)))
    tus1 = next(row for row in rows if (row["location"], row["category"]) == ("TUS", "1"))
    assert (tus1["61-90 count"], tus1["61-90 amount"], tus1["90+ count"], tus1["90+ amount"]) == (
        "1", "-172.98", "3", "-613.54")
    assert (tus1["count"], tus1["amount"]) == ("4", "-786.52")
    assert rows[-1]["location"] == "TOTAL" and rows[-1]["count"] == "60"

    data = json.loads(run("ageing", "--json", "--today", "2010-02-01").output)
    tmp4 = next(line for line in data["lines"] if (line["location"], line["category"]) == ("TMP", "4"))
    assert tmp4["buckets"]["61-90"] == {"count": 1, "amount": "-750.00"}
    assert data["total"]["count"] == 60

    text = run("ageing", "--today", "2010-02-01").output.splitlines()
    assert text[0].startswith("AGEING OF OPEN CLAIMS 02-01-10")
    assert text[-1].split()[0] == "TOTAL" and text[-1].split()[-2] == "60"


def test_bad_input_is_one_line(run) -> None:  # noqa: ANN001
    for args, fragment in (
        (("followups", "--today", "2026-13-01"), "is not a date"),
        (("ageing", "--json", "--csv"), "choose one of --json and --csv"),
    ):
        result = run(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert result.output.startswith("carsplus: ") and fragment in result.output
