"""DAMAGE SUMMARY REPORT (DMGSUM, issue 22 item 3), opened by typing DMGSUM at page 1's or page 2's OPTION. The
CARS+ selections are typed at OPTION as the selection line names them — FROM and TO (damage dates, MM-DD-YY), UNIT,
LOC (claim location), CS (claim status: 5, 0-6 or 3,5), CAT (accident category), REP (repaired Y/N) — a word with
ALL clears it, ALL alone clears them all. DETAIL / SUMMARY switch the layout; PRINT prints the PDF, FILE writes the
CSV (services/claim_listings.py, the same as `carsplus report-dmgsum`).

    OPTION: __________________ DAMAGE SUMMARY REPORT - SUMMARY  12-06-26
    FROM *  TO *  UNIT ALL  LOC ALL  CS ALL  CAT ALL  REP ALL
    LOC  CAT  RPTS  REP  OUR REPAIR      MISC   3RD PTY  RECOVERY  OUTSTANDING
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, ClassVar

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.services import claim_listings
from carsplus_tui.services.dmgsum import (
    DmgsumLine,
    DmgsumRow,
    DmgsumSelection,
    SelectionError,
    damage_detail,
    damage_summary,
    parse_claim_statuses,
)
from carsplus_tui.tui.screens.listing import ListingScreen, Page, typed_date

TITLE = "DAMAGE SUMMARY REPORT"


def summary_line(loc: str, cat: str, reports: str, repaired: str, our: str, misc: str, third: str, recovery: str,
                 outstanding: str) -> str:
    return (f"{loc:<4} {cat:<3} {reports:>5} {repaired:>4} {our:>11} {misc:>9} {third:>9} {recovery:>9} "
            f"{outstanding:>12}")


SUMMARY_HEADER = summary_line("LOC", "CAT", "RPTS", "REP", "OUR REPAIR", "MISC", "3RD PTY", "RECOVERY", "OUTSTANDING")


def summary_text(line: DmgsumLine, loc: str, cat: str) -> str:
    return summary_line(loc, cat, str(line.reports), str(line.repaired), f"{line.our_repair_costs:.2f}",
                        f"{line.misc_costs:.2f}", f"{line.third_party_costs:.2f}", f"{line.third_party_recovery:.2f}",
                        f"{line.amount_outstanding:.2f}")


def detail_line(number: str, damage: str, unit: str, ra: str, loc: str, cat: str, rs: str, cs: str, rep: str,
                our: str, outstanding: str) -> str:
    return (f"{number:>7} {damage:<8} {unit:<7} {ra:<8} {loc:<4} {cat:<3} {rs:<2} {cs:<2} {rep:<3} {our:>10} "
            f"{outstanding:>11}")


DETAIL_HEADER = detail_line("DMG RPT", "DMG DATE", "UNIT #", "RA/NREV", "LOC", "CAT", "RS", "CS", "REP",
                            "OUR REPAIR", "OUTSTANDING")


def detail_text(row: DmgsumRow) -> str:
    damage = format_counter_date(row.damage_date.date()) if row.damage_date else ""
    return detail_line(str(row.report_number), damage, row.unit_number, row.ra_number or row.non_rev_number,
                       row.location, row.category, row.report_status, str(row.claim_status), row.repaired,
                       f"{row.our_repair_costs:.2f}", f"{row.amount_outstanding:.2f}")


class DamageSummaryScreen(ListingScreen):
    """DAMAGE SUMMARY REPORT on the screen."""

    TITLE: ClassVar[str] = TITLE

    def __init__(self, db: Any, *, today: date | None = None) -> None:  # noqa: ANN401
        super().__init__(db, today=today)
        self.chosen = DmgsumSelection()

    def header(self) -> str:
        return DETAIL_HEADER if self.detail else SUMMARY_HEADER

    def selection_line(self) -> str:
        s = self.chosen

        def d(value: date | None) -> str:
            return format_counter_date(value) if value else "*"

        statuses = ",".join(map(str, s.claim_statuses)) if s.claim_statuses is not None else "ALL"
        return (f"FROM {d(s.date_from)}  TO {d(s.date_to)}  UNIT {s.unit or 'ALL'}  LOC {s.location or 'ALL'}  "
                f"CS {statuses}  CAT {s.category or 'ALL'}  REP {s.repaired or 'ALL'}")

    def selection(self) -> DmgsumSelection:
        return self.chosen

    def fetch(self, selection: DmgsumSelection, detail: bool, today: date, offset: int, count: int) -> Page:
        if detail:
            page = damage_detail(self.db, selection, limit=count, offset=offset)
            total = page.total_rows
            return Page(tuple(detail_text(row) for row in page.rows), total, False,
                        f"{total} REPORT{'' if total == 1 else 'S'}" if total else "NO REPORTS CHOSEN")
        summary = damage_summary(self.db, selection)
        lines = [summary_text(line, line.location or "-", line.category or "-") for line in summary.lines]
        reports = summary.total.reports
        if reports:
            lines.append(summary_text(summary.total, "TOTAL", ""))
        return Page(tuple(lines), len(lines), True,
                    f"{reports} REPORT{'' if reports == 1 else 'S'} - "
                    f"{summary.total.amount_outstanding:.2f} OUTSTANDING" if reports else "NO REPORTS CHOSEN")

    def output(self, selection: DmgsumSelection, detail: bool, today: date, kind: str) -> str:
        report = damage_detail(self.db, selection) if detail else damage_summary(self.db, selection)
        name = f"dmgsum-{'detail' if detail else 'summary'}"
        if kind == "print":
            return claim_listings.keep(claim_listings.dmgsum_pdf(report), name, ".pdf", print_it=True).message
        return claim_listings.keep(claim_listings.dmgsum_csv(report).encode(), name, ".csv").message

    def choose(self, word: str, value: str) -> bool:
        s = self.chosen
        clear = value in ("", "ALL")
        if word == "ALL" and not value:
            self.chosen = DmgsumSelection()
        elif word == "FROM":
            date_from = None if clear else typed_date(value, word)
            if date_from and s.date_to and date_from > s.date_to:
                raise SelectionError("THE FROM DATE IS AFTER THE TO DATE")
            self.chosen = replace(s, date_from=date_from)
        elif word == "TO":
            date_to = None if clear else typed_date(value, word)
            if date_to and s.date_from and s.date_from > date_to:
                raise SelectionError("THE TO DATE IS BEFORE THE FROM DATE")
            self.chosen = replace(s, date_to=date_to)
        elif word in ("UNIT", "LOC", "CAT"):
            if not clear and (" " in value or len(value) > {"UNIT": 10, "LOC": 6, "CAT": 3}[word]):
                raise SelectionError(f"{word} {value} IS TOO LONG")
            code = None if clear else value
            if word == "UNIT":
                self.chosen = replace(s, unit=code)
            elif word == "LOC":
                self.chosen = replace(s, location=code)
            else:
                self.chosen = replace(s, category=code)
        elif word == "CS":
            if not value:
                return False
            self.chosen = replace(s, claim_statuses=parse_claim_statuses(value))
        elif word in ("REP", "REPAIRED"):
            if value not in ("Y", "N", "ALL"):
                raise SelectionError("REP MUST BE Y, N OR ALL")
            self.chosen = replace(s, repaired=None if value == "ALL" else value)
        else:
            return False
        return True

    def option_words(self) -> str:
        return "A WORD OF THE LINE ABOVE AND A VALUE (LOC TUS), DETAIL, PRINT, FILE, EXIT"
