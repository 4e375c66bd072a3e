"""`carsplus report-dmgsum` and `carsplus report-vicrpt`: the Damage Summary Report and the Vehicle Incident Clearance
Report (issue 22, item 3) with the CARS+ selections, as a table on the terminal, CSV (`--csv`), or a PDF kept in the
spool folder (`--pdf`, copied to `--out`; `--print` sends it to the printer). Read-only, but claim information: the employee
signs on (`--employee`) and needs an Access Claim of view or edit, as DMGSUM and VICRPT on the screens, whose
services these are."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from carsplus_tui.cli import CliError, _database, _friendly_errors
from carsplus_tui.cli_auth import claim_reader, reader_options

_DATE_HELP = "(YYYY-MM-DD or MM-DD-YY)"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    from carsplus_tui.domain.dates import parse_counter_date

    try:
        return parse_counter_date(value)
    except ValueError:
        raise CliError(f"{option} {value!r} is not a date {_DATE_HELP}") from None


def _output(report: Any, text: list[str], *, as_csv: bool, pdf: bool, print_it: bool, out: Path | None,  # noqa: ANN401
            name: str, make_pdf: Any, make_csv: Any) -> None:  # noqa: ANN401
    from carsplus_tui.services.claim_listings import keep

    if sum((as_csv, pdf or print_it)) > 1:
        raise CliError("choose one of --csv and --pdf/--print")
    if out is not None and not (pdf or print_it or as_csv):
        raise CliError("--out goes with --pdf, --print or --csv")
    if as_csv:
        data = make_csv(report)
        if out is None:
            click.echo(data, nl=False)
            return
        kept = keep(data.encode(), name, ".csv", out=out)
        click.echo(f"{name.split('-')[0]}: CSV kept in {kept.path}" + (f" and copied to {out}" if out else ""))
        return
    if pdf or print_it:
        kept = keep(make_pdf(report), name, ".pdf", print_it=print_it, out=out, width=None)  # the whole path
        click.echo(kept.message if print_it else f"PDF kept in {kept.path}" + (f" and copied to {out}" if out else ""))
        return
    for line in text:
        click.echo(line)


def _common(func: Any) -> Any:  # noqa: ANN401
    for option in reversed([
        click.option("--detail", is_flag=True, help="One line per report instead of the summary."),
        click.option("--csv", "as_csv", is_flag=True, help="Print CSV (or write it to --out)."),
        click.option("--pdf", is_flag=True, help="Make the PDF (kept in the spool folder; --out copies it)."),
        click.option("--print", "print_it", is_flag=True, help="Make the PDF and send it to the printer."),
        click.option("--out", type=click.Path(path_type=Path), help="Where to copy the PDF or CSV."),
        reader_options,
    ]):
        func = option(func)
    return func


@click.command("report-dmgsum")
@click.option("--from", "date_from", metavar="DATE", help=f"Damage dates from this day {_DATE_HELP}.")
@click.option("--to", "date_to", metavar="DATE", help=f"Damage dates up to this day {_DATE_HELP}.")
@click.option("--unit", metavar="UNIT", help="Only this vehicle (unit #).")
@click.option("--location", metavar="L", help="Only this claim location.")
@click.option("--claim-status", metavar="CS", help="Claim status: 5, a range 0-6 or a list 3,5.")
@click.option("--category", metavar="C", help="Only this accident category.")
@click.option("--repaired", type=click.Choice(["Y", "N", "y", "n"]), help="Repaired (Y) or not (N).")
@_common
@_friendly_errors
def report_dmgsum(date_from: str | None, date_to: str | None, unit: str | None, location: str | None,
                  claim_status: str | None, category: str | None, repaired: str | None, detail: bool,
                  as_csv: bool, pdf: bool, print_it: bool, out: Path | None, employee: str | None,
                  password_stdin: bool) -> None:
    """DAMAGE SUMMARY REPORT (DMGSUM): damage reports by claim location and accident category, or one by one."""
    from carsplus_tui.services import claim_listings, dmgsum

    try:
        selection = dmgsum.DmgsumSelection.of(
            date_from=_date(date_from, "--from"), date_to=_date(date_to, "--to"), unit=unit, location=location,
            claim_status=claim_status, category=category, repaired=repaired)
    except dmgsum.SelectionError as error:
        raise CliError(str(error)) from None
    with _database() as database:
        claim_reader(database, employee, password_stdin)
        report = (dmgsum.damage_detail(database, selection) if detail
                  else dmgsum.damage_summary(database, selection))
    _output(report, _dmgsum_text(report), as_csv=as_csv, pdf=pdf, print_it=print_it, out=out,
            name=f"dmgsum-{'detail' if detail else 'summary'}", make_pdf=claim_listings.dmgsum_pdf,
            make_csv=claim_listings.dmgsum_csv)


def _dmgsum_text(report: Any) -> list[str]:  # noqa: ANN401
    from carsplus_tui.services.claim_listings import dmgsum_listing

    return _table(dmgsum_listing(report))


@click.command("report-vicrpt")
@click.option("--vir-status", metavar="S", help="VIR status: U, I or C.")
@click.option("--claim-type", metavar="T", help="External Type (NONE: claims without one).")
@click.option("--third-party", type=click.Choice(["Y", "N", "y", "n"]), help="A third party involved (Y) or not (N).")
@click.option("--location", metavar="L", help="Only this claim location.")
@click.option("--today", "today_text", metavar="DATE", help=f"Count days open to this day {_DATE_HELP}.")
@_common
@_friendly_errors
def report_vicrpt(vir_status: str | None, claim_type: str | None, third_party: str | None, location: str | None,
                  today_text: str | None, detail: bool, as_csv: bool, pdf: bool, print_it: bool,
                  out: Path | None, employee: str | None, password_stdin: bool) -> None:
    """VEHICLE INCIDENT CLEARANCE REPORT (VICRPT): open claims (claim status < 7) by VIR status, claim type and third
    party, or one by one."""
    from carsplus_tui.services import claim_listings, vicrpt
    from carsplus_tui.services.dmgsum import SelectionError

    try:
        selection = vicrpt.VicrptSelection.of(vir_status=vir_status, claim_type=claim_type,
                                              third_party=third_party, location=location)
    except SelectionError as error:
        raise CliError(str(error)) from None
    today = _date(today_text, "--today") or date.today()
    with _database() as database:
        claim_reader(database, employee, password_stdin)
        report = (vicrpt.clearance_detail(database, selection, today) if detail
                  else vicrpt.clearance_summary(database, selection))
    _output(report, _table(claim_listings.vicrpt_listing(report)), as_csv=as_csv, pdf=pdf, print_it=print_it,
            out=out, name=f"vicrpt-{'detail' if detail else 'summary'}", make_pdf=claim_listings.vicrpt_pdf,
            make_csv=claim_listings.vicrpt_csv)


def _table(listing: Any) -> list[str]:  # noqa: ANN401
    """The listing as fixed-width text: each column as wide as its widest cell."""
    rows = [[c.head for c in listing.columns], *listing.rows]
    if listing.total is not None:
        rows.append(list(listing.total))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(listing.columns))]

    def line(row: list[str]) -> str:
        cells = [f"{cell:>{w}}" if c.align == "right" else f"{cell:<{w}}"
                 for cell, w, c in zip(row, widths, listing.columns, strict=True)]
        return "  ".join(cells).rstrip()

    text = [f"{listing.title} - {listing.kind}", listing.selection, line(rows[0])]
    text += [line(list(row)) for row in listing.rows]
    if listing.total is not None:
        text.append(line(list(listing.total)))
    if listing.note:
        text.append(listing.note)
    return text


def register(group: click.Group) -> None:
    group.add_command(report_dmgsum)
    group.add_command(report_vicrpt)
