"""`carsplus control …`, `carsplus codes …`, `carsplus config …` and `carsplus user set`: the control record, the
code tables and the User Access File for scripts and first set-up (the maintenance screens' twins).

Reading commands sign on only when an employee is named (cli_auth's reader model: without one they read as IT):
`control show` then needs an administrator, `codes list` any employee (page 1's pop-ups show the codes). Changing
commands sign on as an employee (`--employee CODE` and the password,
as every other changing command) who carries the administrator flag in the User Access File.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors
from carsplus_tui.cli_auth import (
    administrator_reader, authenticate, counter_reader, employee_options, reader_options,
)

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database
    from carsplus_tui.services.sign_on import SignedOn


class FirstSetUp:
    """The author of the changes made before the first employee exists."""

    code = "SETUP"


def administrator(database: Database, employee: str, password_stdin: bool, *,
                  password: str | None = None) -> SignedOn:
    """Sign on and insist on the administrator flag, or end the command with a one-line refusal. On a database with
    no employees at all (first set-up: the first location comes before the first employee) nobody can sign on, so
    the change is made and audited as SETUP. `password`: already read (a command that reads standard input)."""
    from carsplus_tui.services.maintenance import NotAdministratorError, require_administrator
    from carsplus_tui.services.users import count_employees

    if count_employees(database) == 0:
        return FirstSetUp()  # type: ignore[return-value]

    signed = authenticate(database, employee, password_stdin, password=password)
    try:
        require_administrator(signed)
    except NotAdministratorError:
        raise CliError(f"{signed.code} is not an administrator (User Access File): nothing changed") from None
    return signed


def _yn(value: bool) -> str:
    return "Y" if value else "N"


# ----------------------------------------------------------------------------------------------------------------
# carsplus user set
# ----------------------------------------------------------------------------------------------------------------


@click.command("set")
@click.argument("code")
@click.option("--name", help="The employee's name.")
@click.option("--location", help="Home location code.")
@click.option("--access-claim", type=click.Choice(["edit", "view", "none"]), help="Access Claim (page 2 and DMS).")
@click.option("--restrict-editclos/--no-restrict-editclos", default=None, help="Restrict EDITCLOS.")
@click.option("--administrator/--no-administrator", "is_administrator", default=None,
              help="Control files, code tables and user access.")
@click.option("--first-screen", type=click.Choice(["DMGENT", "MENU"], case_sensitive=False),
              help="First screen after sign-on: DMGENT (page 1) or the Damage Tracking MENU.")
@click.option("--unlock", is_flag=True, help="Unlock a code locked by too many wrong passwords.")
@employee_options
@_friendly_errors
def user_set(code: str, name: str | None, location: str | None, access_claim: str | None,
             restrict_editclos: bool | None, is_administrator: bool | None, first_screen: str | None, unlock: bool,
             employee: str, password_stdin: bool) -> None:
    """Change employee CODE's User Access File record (each change audited)."""
    from carsplus_tui.services.users import update_user

    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        changed = update_user(
            database, code, by=signed.code, name=name, location=location, access_claim=access_claim,
            restrict_editclos=restrict_editclos, administrator=is_administrator,
            first_screen=first_screen.upper() if first_screen else None, unlock=unlock,
        )
    click.echo(f"employee {code.upper()}: " + (", ".join(changed) + " changed" if changed else "nothing to change"))


# ----------------------------------------------------------------------------------------------------------------
# carsplus control …
# ----------------------------------------------------------------------------------------------------------------


@click.group("control")
def control() -> None:
    """The Edit Damage Control Record and the GVT switches (DMGCVDN, DMGENT67, BOOTRPT)."""


@control.command("show")
@reader_options
@_friendly_errors
def control_show(employee: str | None, password_stdin: bool) -> None:
    """Every switch with its value and what it does; with --employee, signed on as an administrator."""
    from carsplus_tui.services.control_file import SWITCHES, read_control

    with _database() as database:
        administrator_reader(database, employee, password_stdin)
        values = read_control(database)
    for switch in SWITCHES:
        value = values[switch.key]
        shown = _yn(value) if isinstance(value, bool) else (value or "")
        click.echo(f"{switch.key:<32} {shown:<6} {switch.label}")
    from carsplus_tui.services.loss_of_use import class_rates

    with _database() as database:
        rates = class_rates(database)
    for cls, rate in sorted(rates.items()):
        click.echo(f"{'daily_rate.' + cls:<32} {rate:<6} LOSS-OF-USE DAILY RATE OF CLASS {cls} (WHEN THE RA HAS NONE)")


@control.command("set")
@click.argument("key")
@click.argument("value")
@employee_options
@_friendly_errors
def control_set(key: str, value: str, employee: str, password_stdin: bool) -> None:
    """Set switch KEY (as in sample_data/control.json, e.g. `ausie_rules Y`); terminals see it at their next
    sign-on or new report. `daily_rate.CLASS RATE` sets the loss-of-use daily rate of a vehicle class (used when
    the RA holds no rate; NONE removes it)."""
    from carsplus_tui.services.control_file import parse, set_control

    key = key.strip().lower()
    if key.startswith("daily_rate."):
        from carsplus_tui.domain.loss_of_use import parse_class_rates
        from carsplus_tui.services.loss_of_use import set_class_rate
        from carsplus_tui.services.maintenance import MaintenanceError

        cls = key.split(".", 1)[1].upper()
        if value.strip().upper() != "NONE":
            try:
                parse_class_rates({cls: value})  # bad input is refused before the password is asked for
            except ValueError as exc:
                raise MaintenanceError(str(exc)) from None
        with _database() as database:
            signed = administrator(database, employee, password_stdin)
            rate_changed = set_class_rate(database, cls, value, by=signed.code)
        click.echo(f"daily_rate.{cls} changed" if rate_changed else f"daily_rate.{cls} unchanged")
        return
    parse(key, value)  # bad input is refused before the password is asked for
    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        changed = set_control(database, {key: value}, by=signed.code)
    click.echo(f"{key} changed" if changed else f"{key} unchanged")


# ----------------------------------------------------------------------------------------------------------------
# carsplus codes …
# ----------------------------------------------------------------------------------------------------------------

TABLE_NAMES = ("damage-types", "service-codes", "claim-categories", "locations")


@click.group("codes")
def codes() -> None:
    """Code tables: damage-types, service-codes (with model codes), claim-categories, locations."""


@codes.command("list")
@click.argument("table", type=click.Choice(TABLE_NAMES, case_sensitive=False))
@reader_options
@_friendly_errors
def codes_list(table: str, employee: str | None, password_stdin: bool) -> None:
    """List TABLE's codes (retired ones marked); with --employee, signed on (any employee: reference data)."""
    from carsplus_tui.services.code_tables import list_codes

    with _database() as database:
        counter_reader(database, employee, password_stdin)
        rows = list_codes(database, table)
    for row in rows:
        extra = ""
        if row.show_on_damage_entry is not None:
            extra = ("  SHOWN" if row.show_on_damage_entry else "  HIDDEN") + (
                f"  MODELS {' '.join(row.model_codes)}" if row.model_codes else "  ALL MODELS")
        click.echo(f"{row.code:<6}  {row.description:<30}{extra}{'  RETIRED' if row.retired else ''}")
    if not rows:
        click.echo("NO CODES")


@codes.command("add")
@click.argument("table", type=click.Choice(TABLE_NAMES, case_sensitive=False))
@click.argument("code")
@click.argument("description", nargs=-1, required=True)
@click.option("--model-code", "model_codes", multiple=True, metavar="MODEL",
              help="service-codes: apply only to this model code (repeat for more; none = every vehicle).")
@click.option("--hidden", is_flag=True, help="service-codes: not shown on damage entry.")
@employee_options
@_friendly_errors
def codes_add(table: str, code: str, description: tuple[str, ...], model_codes: tuple[str, ...], hidden: bool,
              employee: str, password_stdin: bool) -> None:
    """Add CODE with DESCRIPTION to TABLE (a retired CODE comes back)."""
    from carsplus_tui.services.code_tables import add_code

    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        row = add_code(database, table, code, " ".join(description), by=signed.code,
                       show_on_damage_entry=not hidden, model_codes=model_codes)
    click.echo(f"{table} {row.code} {row.description} added")


@codes.command("retire")
@click.argument("table", type=click.Choice(TABLE_NAMES, case_sensitive=False))
@click.argument("code")
@employee_options
@_friendly_errors
def codes_retire(table: str, code: str, employee: str, password_stdin: bool) -> None:
    """Retire CODE: no longer in look-ups nor accepted on new entries; reports that used it keep it."""
    from carsplus_tui.services.code_tables import retire_code

    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        changed = retire_code(database, table, code, by=signed.code)
    click.echo(f"{table} {code.upper()} retired" if changed else f"{table} {code.upper()} was already retired")


@codes.command("delete")
@click.argument("table", type=click.Choice(TABLE_NAMES, case_sensitive=False))
@click.argument("code")
@employee_options
@_friendly_errors
def codes_delete(table: str, code: str, employee: str, password_stdin: bool) -> None:
    """Delete CODE if nothing uses it (else the refusal says where it is used: retire it instead)."""
    from carsplus_tui.services.code_tables import delete_code

    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        delete_code(database, table, code, by=signed.code)
    click.echo(f"{table} {code.upper()} deleted")


# ----------------------------------------------------------------------------------------------------------------
# carsplus config …
# ----------------------------------------------------------------------------------------------------------------


@click.group("config")
def config() -> None:
    """The control record, code tables and employees as one JSON document (export, then import elsewhere)."""


@config.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@employee_options
@_friendly_errors
def config_export(file: Path, employee: str, password_stdin: bool) -> None:
    """Write the configuration to FILE (`-`: standard output). It holds password hashes: keep it safe."""
    from carsplus_tui.services.config_file import export_config

    with _database() as database:
        administrator(database, employee, password_stdin)
        text = json.dumps(export_config(database), indent=2) + "\n"
    if str(file) == "-":
        click.echo(text, nl=False)
        return
    file.write_text(text, encoding="utf-8")
    file.chmod(0o600)
    click.echo(f"configuration written to {file}")


@config.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do it (without it nothing is written).")
@employee_options
@_friendly_errors
def config_import(file: Path, yes: bool, employee: str, password_stdin: bool) -> None:
    """Load FILE into a database with no employees, locations or codes yet: validated, all or nothing."""
    from carsplus_tui.services.config_file import import_config

    try:
        payload = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CliError(f"{file}: no such file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CliError(f"{file}: not valid JSON ({exc})") from None
    if not yes:
        raise CliError("nothing imported: add --yes to import")
    with _database() as database:
        signed = administrator(database, employee, password_stdin)
        summary = import_config(database, payload, by=signed.code)
    click.echo(f"configuration imported: {summary}")


def register(main: click.Group) -> None:
    """Add these commands to `carsplus` (called once from cli.py)."""
    user_group = main.commands["user"]
    assert isinstance(user_group, click.Group)
    user_group.add_command(user_set)
    main.add_command(control)
    main.add_command(codes)
    main.add_command(config)
