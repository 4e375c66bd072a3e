"""Journeys through `carsplus control` and `carsplus codes`: what an administrator changes is what the next report
and the Shift+F7 look-ups see; retired codes leave the look-ups but old reports keep them; others are refused."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from click.testing import CliRunner

from carsplus_tui.cli import main
from carsplus_tui.db import models as m
from carsplus_tui.db.database import Database
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.schemas import load_report
from carsplus_tui.services import lookups
from carsplus_tui.services.maintenance import audit_trail
from carsplus_tui.services.reports import load_report_data, save_report
from tests.builders import PASSWORD, add_reference_data, manual_example


@pytest.fixture
def world(db: Database) -> Database:
    add_reference_data(db)
    with db.write() as s:
        s.get(m.UserAccess, "CLERK").administrator = True
    return db


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, world: Database):
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", world.engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("CARSPLUS_PASSWORD", PASSWORD)

    def invoke(*args: str, employee: str = "CLERK"):
        return CliRunner().invoke(main, [*args, "--employee", employee] if employee else list(args),
                                  catch_exceptions=False)

    return invoke


def _codes(choices) -> list[str]:  # noqa: ANN001
    return [c.code for c in choices]


def test_ausie_rules_on_makes_the_next_report_require_present_and_driving(run, world: Database) -> None:  # noqa: ANN001
    bare = manual_example(customer_present=None, renter_driving=None)
    assert save_report(world, load_report(bare), "CLERK").report_number == 1  # Ausie Rules off: accepted
    result = run("control", "set", "ausie_rules", "y")
    assert result.exit_code == 0, result.output
    assert "ausie_rules                      Y" in run("control", "show", employee="").output
    with pytest.raises(ReportValidationError) as refused:
        save_report(world, load_report(bare), "CLERK")
    text = str(refused.value)
    assert "Customer Present" in text or "customer_present" in text
    line = next(str(a) for a in audit_trail(world, "CONTROL") if "ausie_rules: N -> Y" in str(a))
    assert "CLERK" in line
    assert re.match(r"\d\d-\d\d-\d\d \d\d:\d\d  CLERK ", line), line  # MM-DD-YY HH:MM, as every listing


def test_control_set_refuses_bad_keys_values_and_non_administrators(run, world: Database) -> None:  # noqa: ANN001
    assert "not a control switch" in run("control", "set", "turbo", "Y").output
    assert "must be Y or N" in run("control", "set", "boot_report", "maybe").output
    refused = run("control", "set", "boot_report", "Y", employee="AGENT")
    assert refused.exit_code == 1 and "AGENT is not an administrator" in refused.output
    assert "boot_report                      N" in run("control", "show", employee="").output
    assert list(audit_trail(world, "CONTROL")) == []


def test_new_codes_appear_in_the_right_look_ups_and_retire_without_touching_old_reports(
    run, world: Database  # noqa: ANN001
) -> None:
    assert run("codes", "add", "damage-types", "W", "WINDSHIELD").exit_code == 0
    assert run("codes", "add", "service-codes", "WS", "WINDSHIELD", "--model-code", "CARAV").exit_code == 0
    assert run("codes", "add", "claim-categories", "GLS", "GLASS", "CLAIM").exit_code == 0
    assert "W" in _codes(lookups.damage_types(world))
    assert "WS" in _codes(lookups.damage_codes_for_model(world, "CARAV"))  # unit 001888, a Caravan
    assert "WS" not in _codes(lookups.damage_codes_for_model(world, "TAUR"))  # unit 592, a Taurus
    assert "GLS" in _codes(lookups.claim_categories(world))

    report = manual_example(damage_lines=[{"code": "WS", "description": "WINDSHIELD", "type": "W"}],
                            accident_category="GLS")
    number = save_report(world, load_report(report), "CLERK").report_number

    for table, code in (("damage-types", "W"), ("service-codes", "WS"), ("claim-categories", "GLS")):
        result = run("codes", "retire", table, code)
        assert result.exit_code == 0 and "retired" in result.output
        deleted = run("codes", "delete", table, code)
        assert deleted.exit_code == 1 and f"reports {number}" in deleted.output and "retire it instead" in deleted.output
    assert "W" not in _codes(lookups.damage_types(world))
    assert "WS" not in _codes(lookups.damage_codes_for_model(world, "CARAV"))
    assert "GLS" not in _codes(lookups.claim_categories(world))
    assert "RETIRED" in next(x for x in run("codes", "list", "damage-types", employee="").output.splitlines()
                             if x.startswith("W "))

    old = load_report_data(world, number)  # the old report keeps its codes and saves again unchanged
    assert old.damage_lines[0].code == "WS" and old.damage_lines[0].type == "W" and old.accident_category == "GLS"
    save_report(world, old.model_copy(update={"misc_costs": None}), "CLERK")
    with pytest.raises(ReportValidationError, match="retired damage type"):
        save_report(world, load_report(manual_example(
            damage_lines=[{"code": "D1", "description": "FENDER", "type": "W"}])), "CLERK")


def test_a_code_nobody_uses_is_deleted_and_non_administrators_are_refused(run, world: Database) -> None:  # noqa: ANN001
    assert run("codes", "add", "locations", "LAS", "LAS", "VEGAS").exit_code == 0
    refused = run("codes", "add", "damage-types", "Z", "ZAPPED", employee="VIEWER")
    assert refused.exit_code == 1 and "not an administrator" in refused.output
    assert "Z" not in _codes(lookups.damage_types(world))
    assert run("codes", "delete", "locations", "LAS").exit_code == 0
    assert "LAS" not in _codes(lookups.locations(world))
    in_use = run("codes", "delete", "locations", "TUS")
    assert in_use.exit_code == 1 and "employees" in in_use.output and "rental agreements" in in_use.output


def test_first_set_up_from_an_empty_database_to_an_administrator(monkeypatch: pytest.MonkeyPatch, db: Database) -> None:
    monkeypatch.setenv("CARSPLUS_DATABASE_URL", db.engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("CARSPLUS_PASSWORD", raising=False)
    runner = CliRunner()
    added = runner.invoke(main, ["codes", "add", "locations", "BNE", "BRISBANE", "AIRPORT", "--employee", "X"],
                          catch_exceptions=False)
    assert added.exit_code == 0, added.output  # nobody to sign on yet: allowed once, audited as SETUP
    assert any(a.employee_code == "SETUP" for a in audit_trail(db, "LOCATIONS"))
    first = runner.invoke(main, ["user", "add", "ADMIN", "--name", "IT ADMIN", "--location", "BNE", "--access-claim",
                                 "edit", "--administrator", "--password-stdin"], input="long-enough-1\n")
    assert first.exit_code == 0, first.output
    later = runner.invoke(main, ["codes", "add", "locations", "SYD", "SYDNEY", "--employee", "ADMIN"],
                          env={"CARSPLUS_PASSWORD": "wrong-password"})
    assert later.exit_code == 1  # from now on an administrator signs on
    ok = runner.invoke(main, ["control", "set", "ausie_rules", "Y", "--employee", "ADMIN"],
                       env={"CARSPLUS_PASSWORD": "long-enough-1"})
    assert ok.exit_code == 0, ok.output


def test_config_export_then_import_into_an_empty_database_behaves_the_same(
    run, world: Database, database_factory, tmp_path, monkeypatch: pytest.MonkeyPatch  # noqa: ANN001
) -> None:
    assert run("control", "set", "ausie_rules", "Y").exit_code == 0
    assert run("codes", "add", "service-codes", "WS", "WINDSHIELD", "--model-code", "CARAV").exit_code == 0
    assert run("codes", "retire", "damage-types", "B").exit_code == 0
    assert run("control", "set", "daily_rate.suv", "54.99").exit_code == 0
    path = tmp_path / "config.json"
    assert run("config", "export", str(path)).exit_code == 0
    empty = database_factory.fresh()
    try:
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", empty.engine.url.render_as_string(hide_password=False))
        refused = CliRunner().invoke(main, ["config", "import", str(path), "--employee", "CLERK"])
        assert refused.exit_code == 1 and "--yes" in refused.output
        done = CliRunner().invoke(main, ["config", "import", str(path), "--yes", "--employee", "CLERK"])
        assert done.exit_code == 0, done.output
        again = CliRunner().invoke(main, ["config", "import", str(path), "--yes", "--employee", "CLERK"])
        assert again.exit_code == 1 and "already holds" in again.output  # CLERK signs on now; the data is there
        for name in ("damage_types", "claim_categories", "locations"):
            assert _codes(getattr(lookups, name)(empty)) == _codes(getattr(lookups, name)(world))
        assert _codes(lookups.damage_codes_for_model(empty, "CARAV")) == _codes(
            lookups.damage_codes_for_model(world, "CARAV"))
        assert "B" not in _codes(lookups.damage_types(empty))
        from carsplus_tui.services.control_file import read_control
        from carsplus_tui.services.users import list_users

        assert read_control(empty) == read_control(world)
        assert list_users(empty) == list_users(world)
        from carsplus_tui.services.loss_of_use import class_rates

        assert class_rates(empty) == class_rates(world) == {"SUV": Decimal("54.99")}
    finally:
        database_factory.drop(empty)


def test_a_bad_configuration_changes_nothing(run, world: Database, database_factory, tmp_path,  # noqa: ANN001
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    path = tmp_path / "config.json"
    assert run("config", "export", str(path)).exit_code == 0
    document = json.loads(path.read_text())
    document["employees"][0]["location"] = "NOWHERE"
    path.write_text(json.dumps(document))
    empty = database_factory.fresh()
    try:
        monkeypatch.setenv("CARSPLUS_DATABASE_URL", empty.engine.url.render_as_string(hide_password=False))
        result = CliRunner().invoke(main, ["config", "import", str(path), "--yes", "--employee", "X"])
        assert result.exit_code == 1 and "location NOWHERE is not in it" in result.output
        assert lookups.locations(empty) == [] and lookups.employees(empty) == []
    finally:
        database_factory.drop(empty)


def test_control_set_daily_rate_of_a_vehicle_class_for_loss_of_use(run, world: Database) -> None:  # noqa: ANN001
    """The control record's loss-of-use daily rate per vehicle class: set, shown, audited, removed; bad input and a
    non-administrator are refused with one line and nothing changed."""
    from carsplus_tui.services.loss_of_use import class_rates

    result = run("control", "set", "daily_rate.midsize", "36.99")
    assert result.exit_code == 0 and "daily_rate.MIDSIZE changed" in result.output
    assert class_rates(world) == {"MIDSIZE": Decimal("36.99")}
    shown = run("control", "show", employee="").output
    assert "daily_rate.MIDSIZE               36.99  LOSS-OF-USE DAILY RATE OF CLASS MIDSIZE" in shown
    assert [(a.employee_code, a.field, a.old_value, a.new_value) for a in audit_trail(world, "CONTROL")] == [
        ("CLERK", "daily_rate.MIDSIZE", None, "36.99")]
    bad = run("control", "set", "daily_rate.midsize", "lots")
    assert bad.exit_code == 1 and "not an amount" in bad.output
    refused = run("control", "set", "daily_rate.midsize", "40.00", employee="AGENT")
    assert refused.exit_code == 1 and "AGENT is not an administrator" in refused.output
    assert run("control", "set", "daily_rate.MIDSIZE", "NONE").exit_code == 0
    assert class_rates(world) == {}
