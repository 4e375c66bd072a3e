"""`carsplus dms export` and `carsplus dms history` for scripts and nightly jobs."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db.database import Database
from carsplus_tui.services import dms
from tests.builders import PASSWORD
from tests.dms.fake_dms import FakeDms


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, claim_db: Database, tmp_path: Path):
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", claim_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CARSPLUS_EMPLOYEE", "CLERK")  # `dms export` signs on (CARSPLUS_EMPLOYEE / --employee)
    monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)

    def invoke(*args: str, **env: str):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def add(db: Database, amount: str = "100.00") -> int:
    return dms.add_receipt(db, 1, payer_type="INSURANCE", payer_name="AETNA", amount=amount,
                           received_date=date(2009, 8, 1), employee="CLERK").id


def test_export_one_report_over_http_then_history(run, claim_db: Database, fake_dms: FakeDms) -> None:  # noqa: ANN001
    add(claim_db)
    second = add(claim_db, "5.00")
    fake_dms.behaviour.refuse_times[second] = 1
    http = {"CARSPLUS_DMS_CONNECTOR": "http", "CARSPLUS_DMS_URL": fake_dms.url, "CARSPLUS_DMS_TIMEOUT": "1"}
    result = run("dms", "export", "--report", "1", **http)
    assert result.exit_code == 3
    assert "1 OF 2 PAYMENTS POSTED, 1 FAILED" in result.output and "GL PERIOD CLOSED" in result.output
    again = run("dms", "export", "--all", **http)
    assert again.exit_code == 0 and "1 OF 1 PAYMENTS POSTED" in again.output
    shown = run("dms", "history", "1")
    assert shown.exit_code == 0 and "Payment posted" in shown.output and "100.00" in shown.output
    # the date as every screen shows it: MM-DD-YY, not MM/DD/YYYY
    first = shown.output.splitlines()[1]
    assert re.match(r"\d\d-\d\d-\d\d \d\d:\d\d  ", first), first
    assert not re.search(r"\d\d/\d\d/\d{4}", shown.output)
    rows = list(csv.reader(io.StringIO(run("dms", "history", "1", "--csv", "-").output)))
    assert rows[0][0] == "Report #" and sum(r[3] == "Payment posted" for r in rows) == 2


def test_export_to_the_default_outbox(run, claim_db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    add(claim_db)
    result = run("dms", "export", "--all")
    assert result.exit_code == 0 and "1 OF 1 PAYMENTS POSTED" in result.output
    assert len(list((tmp_path / "dms-outbox" / "outbox").glob("*.json"))) == 2  # the repair order and the payment
    out = tmp_path / "h.csv"
    assert run("dms", "history", "1", "--csv", str(out)).exit_code == 0 and "Payment posted" in out.read_text()


@pytest.mark.parametrize(("args", "env", "fragment"), [
    (("dms", "export"), {}, "give --report N or --all"),
    (("dms", "export", "--report", "99"), {}, "DAMAGE REPORT 99 NOT ON FILE"),
    (("dms", "history", "99"), {}, "DAMAGE REPORT 99 NOT ON FILE"),
    (("dms", "export", "--all"), {"CARSPLUS_DMS_CONNECTOR": "ftp"}, "unknown DMS connector"),
    (("dms", "export", "--all"), {"CARSPLUS_DMS_POST_PAYMENTS": "false"}, "DOES NOT TAKE PAYMENTS"),
])
def test_bad_input_is_one_line(run, args, env, fragment) -> None:  # noqa: ANN001
    result = run(*args, **env)
    assert result.exit_code != 0 and fragment in result.output and "Traceback" not in result.output
