"""`carsplus followups` and `carsplus ageing`: the claims clerk's desk from the command line. Read-only, but claim
information: the employee signs on (`--employee`, as every command that changes data) and needs an Access Claim of
view or edit, as FOLLOW and AGEING on the screens. The same queue and ageing as services/claims_desk.py computes for
the screen."""

from __future__ import annotations

from carsplus_tui.domain.dates import format_counter_date

import csv
import io
import json
from datetime import date

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors
from carsplus_tui.cli_auth import claim_reader, reader_options

_TODAY_HELP = "Count from this date (YYYY-MM-DD) instead of today."


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise CliError(f"--today {value!r} is not a date (YYYY-MM-DD)") from None


@click.command("followups")
@click.option("--location", metavar="L", help="Only claims of this claim location.")
@click.option("--claim-employee", metavar="E", help="Only claims of this claim employee.")
@click.option("--json", "as_json", is_flag=True, help="Print the queue as JSON.")
@click.option("--today", "today_text", metavar="DATE", help=_TODAY_HELP)
@reader_options
@_friendly_errors
def followups(location: str | None, claim_employee: str | None, as_json: bool, today_text: str | None,
              employee: str | None, password_stdin: bool) -> None:
    """The follow-up queue: open claims whose follow-up date is today or past, the longest overdue first, with days
    overdue, claim status, Amount Outstanding and the last note's first words."""
    from carsplus_tui.services.claims_desk import follow_up_queue

    today = _today(today_text)
    with _database() as database:
        claim_reader(database, employee, password_stdin)
        queue = follow_up_queue(database, today, location=location, employee=claim_employee)
    if as_json:
        click.echo(json.dumps({"today": today.isoformat(), "followups": [f.as_json() for f in queue]}, indent=2))
        return
    where = (f"location {(location or '').strip().upper() or 'all'}, "
             f"employee {(claim_employee or '').strip().upper() or 'all'}")
    click.echo(f"FOLLOW-UP QUEUE {format_counter_date(today)} ({where})")
    click.echo(f"{'LN':>3} {'REPORT#':>7} {'FOLLOW-UP':<9} {'OVERDUE':>7} CS {'LOC':<4} {'EMPL':<6} "
               f"{'OUTSTANDING':>12}  LAST NOTE")
    for f in queue:
        click.echo(
            f"{f.line:>3} {f.report_number:>7} {format_counter_date(f.follow_up_date):<9} {f.days_overdue:>7} {f.claim_status:>2} "
            f"{f.claim_location or '':<4} {f.claim_employee or '':<6} {f.amount_outstanding:>12}  {f.last_note}"
        )
    click.echo(f"{len(queue)} claim{'' if len(queue) == 1 else 's'} due")


@click.command("ageing")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print as CSV (one line per location and category).")
@click.option("--today", "today_text", metavar="DATE", help=_TODAY_HELP)
@reader_options
@_friendly_errors
def ageing(as_json: bool, as_csv: bool, today_text: str | None, employee: str | None, password_stdin: bool) -> None:
    """Ageing of open claims (claim status < 7): counts and Amount Outstanding by days since the damage date
    (0-30, 31-60, 61-90, 90+), by claim location and claim category."""
    from carsplus_tui.services.claims_desk import ageing as compute

    if as_json and as_csv:
        raise CliError("choose one of --json and --csv")
    today = _today(today_text)
    with _database() as database:
        claim_reader(database, employee, password_stdin)
        report = compute(database, today)
    if as_json:
        click.echo(json.dumps(report.as_json(), indent=2))
        return
    lines = [*report.lines, report.total]
    if as_csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["location", "category",
                         *[f"{b} {what}" for b in report.buckets for what in ("count", "amount")],
                         "count", "amount"])
        for i, line in enumerate(lines):
            names = ["TOTAL", ""] if i == len(report.lines) else [line.location, line.category]
            writer.writerow([*names, *[v for b in report.buckets for v in (line.counts[b], line.amounts[b])],
                             line.count, line.amount])
        click.echo(out.getvalue(), nl=False)
        return
    click.echo(f"AGEING OF OPEN CLAIMS {format_counter_date(today)} (days since the damage date: claims / amount outstanding)")
    click.echo(f"{'LOC':<4} {'CAT':<3} " + " ".join(f"{b:>15}" for b in report.buckets) + f" {'TOTAL':>15}")
    for i, line in enumerate(lines):
        label = f"{'TOTAL':<8}" if i == len(report.lines) else f"{line.location or '-':<4} {line.category or '-':<3}"
        cells = [f"{line.counts[b]:>3} {line.amounts[b]:>11}" for b in report.buckets]
        click.echo(f"{label} " + " ".join(cells) + f" {line.count:>3} {line.amount:>11}")


def register(group: click.Group) -> None:
    group.add_command(followups)
    group.add_command(ageing)
