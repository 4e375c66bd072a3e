"""`carsplus workorder …`: a damage report's work order as JSON (DESIGN.md §8 `work_order`), shown and imported
through the same validation, version check and access as the Damage Work Entry screen's F1."""

from __future__ import annotations

import json
from pathlib import Path

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors, _read_json, get_settings
from carsplus_tui.cli_auth import authenticate, claim_reader, employee_options, read_password, reader_options


@click.group()
def workorder() -> None:
    """Work orders of damage reports (Damage Work Entry) as JSON."""


@workorder.command("show")
@click.argument("report_number", type=int)
@reader_options
@_friendly_errors
def workorder_show(report_number: int, employee: str | None, password_stdin: bool) -> None:
    """Print the work order of damage report REPORT_NUMBER as JSON (null when it has none); signed on as an employee
    who may view claims, as Damage Work Entry needs."""
    from carsplus_tui.services.work_orders import work_order_json

    with _database() as database:
        claim_reader(database, employee, password_stdin)
        click.echo(json.dumps(work_order_json(database, report_number), indent=2))


@workorder.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@employee_options
@click.option("--report", "report_number", type=int, default=None,
              help="The damage report (default: the file's report_number).")
@_friendly_errors
def workorder_import(file: Path, employee: str, password_stdin: bool, report_number: int | None) -> None:
    """Create or change a work order from FILE (JSON; `-` for standard input), signed on as --employee like
    `report import` (the change needs that employee's claim edit access, as page 2 does). Without `version` it
    creates the report's work order; with it, the version must be the current one (`carsplus workorder show`)."""
    from carsplus_tui.domain.permissions import work_order_denied_reason
    from carsplus_tui.services.work_orders import import_work_order_json

    password = read_password(employee.strip().upper(), password_stdin)
    with _database() as database:
        signed = authenticate(database, employee, password_stdin, password=password)
        denied = work_order_denied_reason(signed.access)
        if denied is not None:  # before the file is read: a refused employee learns nothing about it
            raise CliError(denied)
        saved = import_work_order_json(database, report_number, _read_json(file, what="a work order"),
                                       employee_code=signed.code, connector=_connector())
        click.echo(f"work order {saved.number} of damage report {saved.report_number} saved "
                   f"(version {saved.version}, claim status {saved.claim_status})")
        if saved.loss_of_use_warning:
            click.echo(saved.loss_of_use_warning)
        if saved.repair_id:
            click.echo(f"DMS Repair ID {saved.repair_id} reserved")
        elif saved.dms_problem:
            click.echo(f"carsplus: DMS Repair ID not reserved ({saved.dms_problem}); it is reserved when the DMS "
                       "window opens or at the next export", err=True)


def _connector():  # noqa: ANN202
    """The DMS connector IT configured; none when the configuration is broken (the work order is saved anyway)."""
    from carsplus_tui.dms import connector_from_settings

    try:
        return connector_from_settings(get_settings())
    except ValueError:
        return None
