"""RA damage charges belong to one report each (DESIGN.md §4): adoption of the RA Close charge by the first report,
per-report differences, charges that follow a report moved to another RA, Unit # on the RA — on the sample data
through the save use case and `carsplus report import`, and a hypothesis state machine over RAs. On SQLite and
PostgreSQL (CARSPLUS_TEST_DATABASE_URL)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services.reports import (
    describe_rental_agreement,
    import_report_json,
    load_report_data,
    report_history,
    save_report,
)

D = Decimal


def second_report(ra: str, unit: str, field13: str | None, **more: object) -> dict:
    report = {
        "ra_number": ra, "unit_number": unit, "customer_present": "Y", "renter_driving": "Y", "driver_injured": "N",
        "third_party_involved": "N", "damage_covered": "Y", "excess_charged": field13,
        "accident_details": {"date_time": "2009-12-30T10:00:00"}, "accident_description": ["SECOND INCIDENT"],
        "damage_lines": [{"code": "D5", "description": None, "type": "S"}],
    }
    report.update(more)
    return report


def charges(db: Database, ra: str) -> list[tuple[int | None, str | None, Decimal]]:
    with db.read() as s:
        return [(c.damage_report_number, c.source, c.amount) for c in s.scalars(
            select(m.RaCharge).where(m.RaCharge.ra_number == ra, m.RaCharge.code == "DMG").order_by(m.RaCharge.id))]


def test_a_second_report_on_an_open_ra_posts_its_own_excess_and_leaves_the_first_alone(sample_db: Database) -> None:
    before = load_report_data(sample_db, 68)
    assert (before.ra_number, before.excess_charged, before.excess_charged_ra) == ("L4005192", D("500.00"),
                                                                                   D("500.00"))
    result = save_report(sample_db, load_report(second_report("L4005192", "003085", "100.00")), "CLERK")
    # The issue: the second report posted EXCESS_CHARGED -400.00, taking report 68's charge off the RA.
    assert [(p.source, p.amount) for p in result.postings] == [("excess_charged", D("100.00"))]
    assert charges(sample_db, "L4005192") == [(68, None, D("500.00")), (result.report_number, "excess_charged",
                                                                          D("100.00"))]
    assert load_report_data(sample_db, 68).excess_charged_ra == D("500.00")
    assert load_report_data(sample_db, result.report_number).excess_charged_ra == D("100.00")
    shown = describe_rental_agreement(sample_db, "L4005192")
    assert "RECONCILED" in shown and "DMG RPT 68" in shown and f"DMG RPT {result.report_number}" in shown


def test_a_second_report_on_a_closed_ra_does_not_count_the_first_reports_charge(sample_db: Database) -> None:
    result = save_report(sample_db, load_report(second_report("A0001310", "001888", "50.00")), "CLERK")
    second = load_report_data(sample_db, result.report_number)
    # Not 150.00 (report 1's) + 50.00: only its own 50.00, and no refund due that nobody owes.
    assert second.excess_charged_ra == D("50.00")
    assert second.charge_refund_due == D("-50.00")  # its own 50.00, not report 1's 150.00
    assert load_report_data(sample_db, 1).excess_charged_ra == D("150.00")
    assert charges(sample_db, "A0001310") == [(1, None, D("150.00")),
                                              (result.report_number, "excess_charged", D("50.00"))]
    assert describe_rental_agreement(sample_db, "A0001310").endswith("RECONCILED")


def test_saving_again_posts_only_the_difference(sample_db: Database) -> None:
    first = save_report(sample_db, load_report(second_report("A0001310", "001888", "50.00")), "CLERK")
    data = load_report_data(sample_db, first.report_number)
    again = save_report(sample_db, data.model_copy(update={"excess_charged": D("80.00")}), "CLERK")
    assert [(p.amount) for p in again.postings] == [D("30.00")]
    assert charges(sample_db, "A0001310") == [(1, None, D("150.00")),
                                              (first.report_number, "excess_charged", D("80.00"))]


def test_a_report_moved_to_another_ra_takes_its_charges_with_it(sample_db: Database) -> None:
    made = save_report(sample_db, load_report(second_report("L4005192", "003085", "100.00")), "CLERK")
    data = load_report_data(sample_db, made.report_number)
    moved = save_report(sample_db, data.model_copy(update={"ra_number": "T3001212", "unit_number": "592"}), "CLERK")
    # Reversed on the old RA, posted on the new; report 68's charge untouched.
    assert charges(sample_db, "L4005192") == [(68, None, D("500.00"))]
    assert charges(sample_db, "T3001212") == [(made.report_number, "excess_charged", D("100.00"))]
    assert sorted((p.ra_number, p.amount) for p in moved.postings) == [("L4005192", D("-100.00")),
                                                                      ("T3001212", D("100.00"))]
    after = load_report_data(sample_db, made.report_number)
    assert after.excess_charged_ra == D("100.00")
    assert any("REVERSED ON RA L4005192" in n.text for n in after.notes)
    for ra in ("L4005192", "T3001212"):
        assert describe_rental_agreement(sample_db, ra).endswith("RECONCILED")


def test_moving_the_first_report_leaves_the_ra_close_charge_to_its_ra(sample_db: Database) -> None:
    data = load_report_data(sample_db, 68)
    save_report(sample_db, data.model_copy(update={"ra_number": "T3001212", "unit_number": "592"}), "CLERK")
    assert charges(sample_db, "L4005192") == [(None, None, D("500.00"))]
    assert charges(sample_db, "T3001212") == [(68, "excess_charged", D("500.00"))]
    shown = describe_rental_agreement(sample_db, "L4005192")
    assert "UNADOPTED DAMAGE CHARGES 500.00" in shown and shown.endswith("RECONCILED")


def test_a_unit_the_ra_never_carried_is_refused_naming_those_it_did(sample_db: Database) -> None:
    with pytest.raises(ReportValidationError) as refused:
        save_report(sample_db, load_report(second_report("T3001212", "001888", "100.00")), "CLERK")
    assert "001888 was not on RA T3001212 - it carried 592, 006785" in str(refused.value)
    # The earlier unit of the exchange is fine.
    assert save_report(sample_db, load_report(second_report("T3001212", "592", "100.00")), "CLERK").created


def test_import_the_same_cases(sample_db: Database, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from carsplus_tui.cli import main

    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(second_report("T3001212", "001888", "100.00")))
    out = CliRunner().invoke(main, ["report", "import", str(wrong), "--employee", "CLERK"])
    assert out.exit_code != 0 and "001888 was not on RA T3001212 - it carried 592, 006785" in out.output
    second = tmp_path / "second.json"
    second.write_text(json.dumps(second_report("L4005192", "003085", "100.00", excess="99999.00",
                                               renter={"name": "NOBODY"})))
    out = CliRunner().invoke(main, ["report", "import", str(second), "--employee", "CLERK"])
    assert out.exit_code == 0, out.output
    assert charges(sample_db, "L4005192")[0] == (68, None, D("500.00"))
    assert charges(sample_db, "L4005192")[1][1:] == ("excess_charged", D("100.00"))
    out = CliRunner().invoke(main, ["ra", "show", "L4005192"])
    assert out.exit_code == 0 and "RECONCILED" in out.output


def test_a_blank_external_claim_is_stored_as_its_default_and_audited(sample_db: Database) -> None:
    # The manual's four circumstances, each saved then recalled: Y stored.
    cases = [{"renters_claim_number": "CN9"}, {"driver_injured": "Y"}, {"damage_covered": "N"},
             {"third_party_involved": "Y", "third_parties": [{"last_name": "ROE", "injured": "Y"}]}]
    for case in cases:
        made = save_report(sample_db, load_report(second_report("A0001310", "001888", "10.00", **case)), "CLERK")
        assert load_report_data(sample_db, made.report_number).external_claim == "Y", case
        with sample_db.read() as s:
            assert s.get(m.DamageReport, made.report_number).external_claim == "Y"
    # The page-1 edit that removes the reason: External Claim stays Y, so the claim status does not move.
    made = save_report(sample_db, load_report(second_report("A0001310", "001888", "10.00",
                                                            renters_claim_number="CN9")), "CLERK")
    data = load_report_data(sample_db, made.report_number)
    save_report(sample_db, data.model_copy(update={"renters_claim_number": None}), "MGARCI")
    after = load_report_data(sample_db, made.report_number)
    assert (after.external_claim, after.claim_status) == ("Y", data.claim_status)
    assert any("2 External Claim (DEFAULT): (BLANK) -> Y" in line for line in report_history(sample_db, made.report_number))


def test_a_page_1_edit_that_moves_a_figure_is_in_the_history(sample_db: Database) -> None:
    data = load_report_data(sample_db, 68)
    save_report(sample_db, data.model_copy(update={"excess_charged": D("300.00")}), "CLERK")
    history = report_history(sample_db, 68)
    assert any("CLERK" in line and "MAXIMUM LIABILITY" in line for line in history) or any(
        "EXCESS CHARGED RA: 500.00 -> 300.00" in line for line in history), history
    assert any("EXCESS CHARGED RA: 500.00 -> 300.00" in line for line in history)


def test_import_does_not_trust_display_only_values(sample_db: Database) -> None:
    payload = second_report("A0001310", "001888", "100.00", excess="99999.00", coverage_sold="LDW",
                            charge_on_ra="N", renter={"name": "NOBODY"})
    made = import_report_json(sample_db, payload, employee_code="CLERK")
    shown = load_report_data(sample_db, made.report_number)
    assert (shown.excess, shown.coverage_sold, shown.charge_on_ra) == (D("1500.00"), None, "Y")
    assert shown.renter is not None and shown.renter.name.startswith("LAMPERT")
    with pytest.raises(ReportValidationError, match="cannot exceed the RA's excess of 1500.00"):
        import_report_json(sample_db, {**payload, "excess_charged": "99999.00"}, employee_code="CLERK")


def test_amount_charged_and_refunded_are_unposted_additional_charges_on_an_open_ra(sample_db: Database) -> None:
    # "it will appear as an unposted additional charge" -- on an open RA too (no longer an optional charge).
    data = load_report_data(sample_db, 68)
    result = save_report(sample_db, data.model_copy(update={"amount_charged": D("40.00"),
                                                            "amount_refunded": D("15.00")}), "CLERK")
    assert sorted((p.source, p.kind, p.amount) for p in result.postings) == [
        ("amount_charged", "additional", D("40.00")), ("amount_refunded", "additional", D("-15.00"))]
    with sample_db.read() as s:
        rows = s.scalars(select(m.RaCharge).where(m.RaCharge.ra_number == "L4005192",
                                                  m.RaCharge.source.in_(("amount_charged", "amount_refunded")))).all()
        assert sorted((c.kind, c.posted, c.amount, c.damage_report_number) for c in rows) == [
            ("additional", False, D("-15.00"), 68), ("additional", False, D("40.00"), 68)]
    assert describe_rental_agreement(sample_db, "L4005192").endswith("RECONCILED")


def test_import_a_second_report_on_a_closed_ra_and_a_move(sample_db: Database, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """The other two cases through `carsplus report import`: a second report on closed RA A0001310 owns only its own
    charge; a report moved to another RA by a file takes its charges with it."""
    from carsplus_tui.cli import main

    monkeypatch.setenv("CARSPLUS_DATABASE_URL", sample_db.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_PASSWORD", "clerk")
    closed = tmp_path / "closed.json"
    closed.write_text(json.dumps(second_report("A0001310", "001888", "50.00")))
    out = CliRunner().invoke(main, ["report", "import", str(closed), "--employee", "CLERK"])
    assert out.exit_code == 0, out.output
    second = max(n for n, _, _ in charges(sample_db, "A0001310") if n is not None)
    assert charges(sample_db, "A0001310") == [(1, None, D("150.00")), (second, "excess_charged", D("50.00"))]
    shown = load_report_data(sample_db, second)
    assert (shown.excess_charged_ra, shown.charge_refund_due) == (D("50.00"), D("-50.00"))  # not report 1's 150.00
    assert load_report_data(sample_db, 1).excess_charged_ra == D("150.00")

    # The move: `report show`'s JSON with field 1 and 3 changed, imported back.
    exported = json.loads(CliRunner().invoke(main, ["report", "show", str(second), "--employee", "CLERK"]).output)
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps({**exported, "ra_number": "T3001212", "unit_number": "592"}))
    out = CliRunner().invoke(main, ["report", "import", str(moved), "--employee", "CLERK"])
    assert out.exit_code == 0, out.output
    assert charges(sample_db, "A0001310") == [(1, None, D("150.00"))]
    assert charges(sample_db, "T3001212") == [(second, "excess_charged", D("50.00"))]
    after = load_report_data(sample_db, second)
    assert after.excess_charged_ra == D("50.00")
    assert any("REVERSED ON RA A0001310" in note.text for note in after.notes)
    for ra in ("A0001310", "T3001212"):
        out = CliRunner().invoke(main, ["ra", "show", ra])
        assert out.exit_code == 0 and out.output.rstrip().endswith("RECONCILED"), out.output
