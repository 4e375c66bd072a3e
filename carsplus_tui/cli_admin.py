"""`carsplus control …`, `carsplus codes …`, `carsplus config …` and `carsplus user set`: the control record, the
code tables and the User Access File for scripts and first set-up (the maintenance screens' twins).

Reading commands need no sign-on. Changing commands sign on as an employee (`--employee CODE` and the password,
as every other changing command) who carries the administrator flag in the User Access File.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors
from carsplus_tui.cli_auth import authenticate, employee_options

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database
    from carsplus_tui.services.sign_on import SignedOn


def administrator(database: Database, employee: str, password_stdin: bool) -> SignedOn:
    """Sign on and insist on the administrator flag, or end the command with a one-line refusal."""
    from carsplus_tui.services.maintenance import NotAdministratorError, require_administrator

    signed = authenticate(database, employee, password_stdin)
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


def register(main: click.Group) -> None:
    """Add these commands to `carsplus` (called once from cli.py)."""
    user_group = main.commands["user"]
    assert isinstance(user_group, click.Group)
    user_group.add_command(user_set)
