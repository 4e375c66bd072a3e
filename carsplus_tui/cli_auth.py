"""Authentication for the CLI commands that change data or read claim information: the same sign-on, lockout and
access as the screens.

A command that changes data takes `@employee_options` and calls `authenticate(database, employee, password_stdin)`
once the database is open; what it gets back (`SignedOn`) is the author of every change it makes, and its `access`
the rights that apply.

A command that only reads takes `@reader_options`: `--employee` is optional there. Whoever runs the CLI holds the
database URL and could read every table with psql or sqlite3, so a sign-on cannot protect a read; what it can do is
apply an employee's access where a site gives agents a shell (CARSPLUS_EMPLOYEE set at the counter). With an
employee named, `claim_reader` signs on and refuses one whose Access Claim is none, as the screens do;
`administrator_reader` refuses one who is not an administrator (the User Access File, the control record, the audit
trail's verification: the MENU's administrator programs); `counter_reader` only signs on (F6, an RA, the code tables
and the counter's papers are every employee's).

The password comes from, in this order:

- `--password-stdin`: the first line of standard input (for `report import -` the JSON follows it);
- the `CARSPLUS_PASSWORD` environment variable (for scripts and nightly jobs);
- a prompt on the terminal (hidden input).

A wrong code, a wrong password and a locked code get the same one-line refusal and exit code 1; five wrong
passwords lock the code for five minutes for the screens and the CLI alike.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database
    from carsplus_tui.domain.control import UserAccess
    from carsplus_tui.services.sign_on import SignedOn

PASSWORD_VARIABLE = "CARSPLUS_PASSWORD"
EMPLOYEE_VARIABLE = "CARSPLUS_EMPLOYEE"
F = TypeVar("F", bound=Callable[..., Any])


def _sign_on_options(func: F, *, required: bool, employee_help: str) -> F:
    func = click.option(
        "--password-stdin", is_flag=True,
        help=f"Read the employee's password from the first line of standard input (else {PASSWORD_VARIABLE}, "
             "else a prompt).",
    )(func)
    return click.option(
        "--employee", "employee", metavar="CODE", required=required, envvar=EMPLOYEE_VARIABLE, help=employee_help,
    )(func)  # type: ignore[return-value]


def employee_options(func: F) -> F:
    """`--employee CODE` (or CARSPLUS_EMPLOYEE) and `--password-stdin` on a command that signs on."""
    return _sign_on_options(func, required=True, employee_help=(
        f"Sign on as this employee (or {EMPLOYEE_VARIABLE}): the author of any change, with their access."))


def reader_options(func: F) -> F:
    """`--employee CODE` (or CARSPLUS_EMPLOYEE) and `--password-stdin` on a command that only reads: optional."""
    return _sign_on_options(func, required=False, employee_help=(
        f"Sign on as this employee (or {EMPLOYEE_VARIABLE}) and read with their access; without it the command "
        "reads as the holder of the database URL (IT)."))


def read_password(code: str, password_stdin: bool) -> str:
    from carsplus_tui.cli import CliError

    if password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise CliError("--password-stdin: standard input is empty")
        return line.rstrip("\r\n")
    from_environment = os.environ.get(PASSWORD_VARIABLE)
    if from_environment is not None:
        return from_environment
    if not sys.stdin.isatty():
        raise CliError(f"no password for {code}: use --password-stdin or {PASSWORD_VARIABLE} (no terminal to ask on)")
    return click.prompt(f"Password for {code}", hide_input=True, err=True)


def authenticate(database: Database, employee: str, password_stdin: bool, *, password: str | None = None) -> SignedOn:
    """Sign `employee` on as the sign-on screen does, or end the command with the screen's one-line refusal.
    `password`: already read with `read_password` (a command that reads standard input itself reads it first)."""
    from carsplus_tui.cli import CliError
    from carsplus_tui.services.sign_on import SignOnError, sign_on

    code = employee.strip().upper()
    if password is None:
        password = read_password(code, password_stdin)
    try:
        return sign_on(database, code, password)
    except SignOnError as exc:
        raise CliError(str(exc)) from None


def counter_reader(database: Database, employee: str | None, password_stdin: bool) -> SignedOn | None:
    """Sign on when an employee is named (one-line refusal for a wrong password or a locked code); None when not."""
    if not (employee or "").strip():
        return None
    return authenticate(database, employee or "", password_stdin)


def claim_reader(database: Database, employee: str | None, password_stdin: bool,
                 denied: Callable[[UserAccess], str | None] | None = None) -> SignedOn | None:
    """Sign on for a command that reads claim information when an employee is named, and refuse (one line, exit 1)
    an employee the screens would refuse: by default one whose Access Claim is none (`denied` names another rule,
    e.g. the DMS window's). None when no employee is named (IT reading)."""
    from carsplus_tui.cli import CliError
    from carsplus_tui.domain.permissions import claim_info_denied_reason

    signed = counter_reader(database, employee, password_stdin)
    if signed is None:
        return None
    reason = (denied or claim_info_denied_reason)(signed.access)
    if reason is not None:
        raise CliError(reason)
    return signed


def administrator_reader(database: Database, employee: str | None, password_stdin: bool) -> SignedOn | None:
    """Sign on for a command that reads what only administrators see (who has which access, the control record, the
    audit trail's verdicts) when an employee is named, and refuse a non-administrator in one line. None: IT."""
    from carsplus_tui.domain.permissions import administrator_denied_reason

    return claim_reader(database, employee, password_stdin, administrator_denied_reason)
