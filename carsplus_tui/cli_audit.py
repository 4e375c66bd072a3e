"""`carsplus audit …`: the tamper evidence of notes and the audit trail (README: "Backups and the audit trail")."""

from __future__ import annotations

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors
from carsplus_tui.cli_auth import administrator_reader, reader_options


@click.group()
def audit() -> None:
    """Notes and the audit trail: verify their hash chains."""


@audit.command("verify")
@click.argument("number", type=int, required=False, metavar="[REPORT#]")
@click.option("--all", "all_reports", is_flag=True, help="Every report on file.")
@reader_options
@_friendly_errors
def audit_verify(number: int | None, all_reports: bool, employee: str | None, password_stdin: bool) -> None:
    """Recompute the hash chains of one report's notes and audit entries (or of every report with --all) and name
    every break: entries deleted, changed, inserted or reordered. Exit code 1 when anything is broken. With
    --employee, signed on as an administrator (the tamper evidence is IT's and the administrators')."""
    from carsplus_tui.services.audit import verify_all, verify_report

    if (number is None) == (not all_reports):
        raise CliError("name one report (carsplus audit verify REPORT#) or --all")
    broken = checked = 0
    with _database() as database:
        administrator_reader(database, employee, password_stdin)
        results = verify_all(database) if number is None else [verify_report(database, number)]
        for result in results:
            checked += 1
            if not result.verified:
                broken += 1
            if not result.verified or not all_reports:
                for line in result.lines():
                    click.echo(line)
    if all_reports:
        verdict = f"{broken} with breaks" if broken else "every audit trail verified"
        click.echo(f"{checked} reports checked: {verdict}")
    if broken:
        raise SystemExit(1)
