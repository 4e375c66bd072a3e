"""`carsplus fleet import FILE`: vehicles, rental agreements (and their renters) from the rental system, in the
shape of the sample data's files (services/fleet.py). Signed on as an administrator, like the other maintenance
commands; every record checked first, one line per problem naming the record, all-or-nothing; every record added
or changed audited (program FLEET) in the same transaction."""

from __future__ import annotations

from pathlib import Path

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors, _read_json
from carsplus_tui.cli_auth import employee_options, read_password


# A rental company's whole fleet and its open RAs in one file: far beyond a damage report's 1,000,000 characters
# (about 300 characters a record), still read into memory whole, as the check before writing needs.
MAX_FLEET_CHARACTERS = 200_000_000
FLEET_FILE = "a fleet file"


@click.group()
def fleet() -> None:
    """Vehicles and rental agreements from the rental system (CARS+ RA Open / RA Close)."""


@fleet.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@employee_options
@_friendly_errors
def fleet_import(file: Path, employee: str, password_stdin: bool) -> None:
    """Add or change the vehicles (by Unit # and owning location), rental agreements (by RA #) and customers (by
    customer #) of FILE: one JSON object {"customers": [...], "vehicles": [...], "rental_agreements": [...]}, each
    list shaped like sample_data's customers.json, vehicles.json and rental_agreements.json. The locations they
    name must be on file. One bad record refuses the whole file (one line per problem) and nothing is written.
    Every record added or changed gets one audit entry (program FLEET); an unchanged record gets none.

    FILE `-` reads standard input; with --password-stdin the password is its first line, the JSON follows."""
    from carsplus_tui.cli_admin import administrator
    from carsplus_tui.services.fleet import FleetImportError, import_fleet

    from_stdin = str(file) == "-"
    password = read_password(employee.strip().upper(), password_stdin) if from_stdin and password_stdin else None
    with _database() as database:
        signed = administrator(database, employee, password_stdin, password=password)
        document = _read_json(file, MAX_FLEET_CHARACTERS, FLEET_FILE)  # only now: a refused employee learns nothing
        try:
            result = import_fleet(database, document, by=signed.code)
        except FleetImportError as exc:
            for problem in exc.problems:
                click.echo(f"carsplus: {file}: {problem}", err=True)
            raise CliError(f"{file} refused ({len(exc.problems)} problem(s)): nothing was written") from None
    click.echo(str(result))
