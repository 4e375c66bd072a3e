"""VEHICLE INCIDENT CLEARANCE REPORT (VICRPT, issue 22 item 3), opened by typing VICRPT at page 1's or page 2's
OPTION: the open claims (claim status < 7) by VIR status, claim type (External Type) and third party. Selections
typed at OPTION as the selection line names them — VIR (U, I or C), TYPE (an External Type, or NONE), TP (third
party Y/N), LOC (claim location), AS (days open counted to MM-DD-YY) — a word with ALL clears it, ALL alone clears
them all. DETAIL / SUMMARY switch the layout; PRINT prints the PDF, FILE writes the CSV
(services/claim_listings.py, the same as `carsplus report-vicrpt`).

    OPTION: __________________ VEHICLE INCIDENT CLEARANCE - SUMMARY  12-06-26
    VIR ALL  TYPE ALL  TP ALL  LOC ALL  AS 12-06-26
    VIR STA        CLAIM TYPE   3RD  CLAIMS  OLDEST RPT   OUTSTANDING
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.services import claim_listings
from carsplus_tui.services.vicrpt import (
    VIR_STATUSES,
    VicrptLine,
    VicrptRow,
    VicrptSelection,
    clearance_detail,
    clearance_summary,
)
from carsplus_tui.tui.screens.listing import ListingScreen, Page, SelectionError, typed_date

TITLE = "VEHICLE INCIDENT CLEARANCE REPORT"


def summary_line(vir: str, kind: str, party: str, claims: str, oldest: str, outstanding: str) -> str:
    return f"{vir:<14} {kind:<12} {party:<3} {claims:>7} {oldest:>10} {outstanding:>14}"


SUMMARY_HEADER = summary_line("VIR STA", "CLAIM TYPE", "3RD", "CLAIMS", "OLDEST RPT", "OUTSTANDING")


def summary_text(line: VicrptLine, vir: str, kind: str, party: str) -> str:
    oldest = format_counter_date(line.oldest_report_date) if line.oldest_report_date else ""
    return summary_line(vir, kind, party, str(line.claims), oldest, f"{line.amount_outstanding:.2f}")


def detail_line(number: str, damage: str, days: str, unit: str, ra: str, loc: str, vir: str, cs: str, kind: str,
                party: str, outstanding: str) -> str:
    return (f"{number:>7} {damage:<8} {days:>5} {unit:<7} {ra:<8} {loc:<4} {vir:<3} {cs:<2} {kind:<12} {party:<3} "
            f"{outstanding:>11}")


DETAIL_HEADER = detail_line("DMG RPT", "DMG DATE", "DAYS", "UNIT #", "RA/NREV", "LOC", "VIR", "CS", "CLAIM TYPE",
                            "3RD", "OUTSTANDING")


def detail_text(row: VicrptRow) -> str:
    damage = format_counter_date(row.damage_date.date()) if row.damage_date else ""
    return detail_line(str(row.report_number), damage, "" if row.days_open is None else str(row.days_open),
                       row.unit_number, row.ra_number or row.non_rev_number, row.location, row.vir_status,
                       str(row.claim_status), row.claim_type, row.third_party or "-", f"{row.amount_outstanding:.2f}")


class ClearanceReportScreen(ListingScreen):
    """VEHICLE INCIDENT CLEARANCE REPORT on the screen."""

    TITLE: ClassVar[str] = TITLE
    SCREEN_TITLE: ClassVar[str] = "VEHICLE INCIDENT CLEARANCE"

    def __init__(self, db: Any, *, today: date | None = None) -> None:  # noqa: ANN401
        super().__init__(db, today=today)
        self.chosen = VicrptSelection()
        self.as_of = self.today

    def header(self) -> str:
        return DETAIL_HEADER if self.detail else SUMMARY_HEADER

    def selection_line(self) -> str:
        s = self.chosen
        kind = "ALL" if s.claim_type is None else s.claim_type or "NONE"
        return (f"VIR {s.vir_status or 'ALL'}  TYPE {kind}  TP {s.third_party or 'ALL'}  LOC {s.location or 'ALL'}  "
                f"AS {format_counter_date(self.as_of)}")

    def selection(self) -> tuple[VicrptSelection, date]:
        return self.chosen, self.as_of

    def fetch(self, selection: tuple[VicrptSelection, date], detail: bool, today: date, offset: int,
              count: int) -> Page:
        chosen, as_of = selection
        if detail:
            page = clearance_detail(self.db, chosen, as_of, limit=count, offset=offset)
            total = page.total_rows
            return Page(tuple(detail_text(row) for row in page.rows), total, False,
                        f"{total} OPEN CLAIM{'' if total == 1 else 'S'}" if total else "NO OPEN CLAIMS CHOSEN")
        summary = clearance_summary(self.db, chosen)
        lines = [summary_text(line, f"{line.vir_status} {VIR_STATUSES.get(line.vir_status, '')}".strip(),
                              line.claim_type or "(NONE)", line.third_party or "-") for line in summary.lines]
        claims = summary.total.claims
        if claims:
            lines.append(summary_text(summary.total, "TOTAL", "", ""))
        return Page(tuple(lines), len(lines), True,
                    f"{claims} OPEN CLAIM{'' if claims == 1 else 'S'} - "
                    f"{summary.total.amount_outstanding:.2f} OUTSTANDING" if claims else "NO OPEN CLAIMS CHOSEN")

    def output(self, selection: tuple[VicrptSelection, date], detail: bool, today: date, kind: str) -> str:
        chosen, as_of = selection
        report = clearance_detail(self.db, chosen, as_of) if detail else clearance_summary(self.db, chosen)
        name = f"vicrpt-{'detail' if detail else 'summary'}"
        if kind == "print":
            return claim_listings.keep(claim_listings.vicrpt_pdf(report), name, ".pdf", print_it=True).message
        return claim_listings.keep(claim_listings.vicrpt_csv(report).encode(), name, ".csv").message

    def choose(self, word: str, value: str) -> bool:
        s = self.chosen
        clear = value in ("", "ALL")
        if word == "ALL" and not value:
            self.chosen = VicrptSelection()
        elif word == "VIR":
            self.chosen = replace(s, vir_status=VicrptSelection.of(vir_status=value).vir_status)
        elif word == "TYPE":
            if not value:
                return False
            self.chosen = replace(s, claim_type=VicrptSelection.of(claim_type=value).claim_type)
        elif word == "TP":
            self.chosen = replace(s, third_party=VicrptSelection.of(third_party=value).third_party)
        elif word == "LOC":
            if not clear and (" " in value or len(value) > 6):
                raise SelectionError(f"LOC {value} IS TOO LONG")
            self.chosen = replace(s, location=None if clear else value)
        elif word == "AS":
            self.as_of = self.today if clear else typed_date(value, word)
        else:
            return False
        return True

    def option_words(self) -> str:
        return "A WORD OF THE LINE ABOVE AND A VALUE (VIR I), DETAIL, PRINT, FILE, EXIT"
