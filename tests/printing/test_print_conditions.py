"""Issue 15: `carsplus print` prints a form only when the question for it would be asked after F1 (DESIGN.md §4);
otherwise it names the condition, and `--anyway` prints it as a reprint that says so on its footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from carsplus_tui.db.database import Database
from carsplus_tui.services.reports import load_report_data
from tests.printing.conftest import pdf_text

# Sample report 1: the renter was present (Customer Present = Y), and nothing was charged (Amount Charged blank).
# Sample report 14: the renter was not present (N).  Sample report 6: Amount Charged 185.00.
PRESENT, NOT_PRESENT, CHARGED = 1, 14, 6


def _spooled(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "spool").glob("*.pdf")) if (tmp_path / "spool").exists() else []


def test_the_sample_reports_are_what_the_tests_say(printing_db: Database) -> None:
    assert load_report_data(printing_db, PRESENT).customer_present == "Y"
    assert load_report_data(printing_db, PRESENT).amount_charged is None
    assert load_report_data(printing_db, NOT_PRESENT).customer_present == "N"


@pytest.mark.parametrize(("number", "form", "message"), [
    (PRESENT, "accident-letter", "ACCIDENT LETTER IS FOR CUSTOMER PRESENT = N"),
    (PRESENT, "damage-letter", "DAMAGE LETTER IS FOR AMOUNT CHARGED NOT BLANK"),
])
def test_a_form_whose_condition_does_not_hold_is_refused_by_name(
    run, tmp_path: Path, number: int, form: str, message: str  # noqa: ANN001
) -> None:
    result = run(str(number), "--form", form)
    assert result.exit_code == 1
    assert result.output.strip() == f"carsplus: {message}"
    assert _spooled(tmp_path) == []


def test_anyway_prints_it_as_a_reprint_and_the_footer_says_so(run, tmp_path: Path) -> None:  # noqa: ANN001
    result = run(str(PRESENT), "--form", "accident-letter", "--anyway")
    assert result.exit_code == 0, result.output
    (pdf,) = _spooled(tmp_path)
    text = pdf_text(pdf.read_bytes())
    assert "REPRINT - CONDITION NOT MET: ACCIDENT LETTER IS FOR CUSTOMER PRESENT = N" in text


def test_a_form_whose_condition_holds_prints_as_before_with_no_reprint_footer(run, tmp_path: Path) -> None:  # noqa: ANN001
    result = run(str(NOT_PRESENT), "--form", "accident-letter")
    assert result.exit_code == 0, result.output
    assert f"{NOT_PRESENT:06d}-accident-letter-" in result.output
    (pdf,) = _spooled(tmp_path)
    assert "REPRINT" not in pdf_text(pdf.read_bytes())


def test_anyway_on_a_form_whose_condition_holds_is_no_reprint(run, tmp_path: Path) -> None:  # noqa: ANN001
    result = run(str(CHARGED), "--form", "damage-letter", "--anyway")
    assert result.exit_code == 0, result.output
    (pdf,) = _spooled(tmp_path)
    text = pdf_text(pdf.read_bytes())
    assert "185.00" in text
    assert "REPRINT" not in text

