"""DMGSUM and VICRPT on paper and in files: the PDF (printing/listings.py, the forms' look), the CSV, and where each
goes — kept in the spool folder (created exclusively, never overwriting), sent to the printer with ``lp`` when one
is set, copied to a path the user names. The screens and `carsplus report-dmgsum/-vicrpt` share this.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from carsplus_tui import files
from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.domain.money import format_money
from carsplus_tui.printing import Letterhead, page_size_points, send_to_printer
from carsplus_tui.printing.dispatch import MESSAGE_WIDTH, kept_line
from carsplus_tui.printing.listings import Column, Listing, listing_pdf
from carsplus_tui.services import dmgsum, vicrpt
from carsplus_tui.services.printing import FALLBACK_SPOOL
from carsplus_tui.settings import Settings, get_settings

__all__ = ["Kept", "dmgsum_csv", "dmgsum_pdf", "keep", "vicrpt_csv", "vicrpt_pdf"]

log = logging.getLogger(__name__)

Dmgsum = dmgsum.DmgsumSummary | dmgsum.DmgsumDetail
Vicrpt = vicrpt.VicrptSummary | vicrpt.VicrptDetail


def _d(value) -> str:  # noqa: ANN001 - date | datetime | None
    if value is None:
        return ""
    return format_counter_date(value.date() if isinstance(value, datetime) else value)


def _letterhead(settings: Settings) -> Letterhead:
    return Letterhead(settings.company_name, settings.company_address, settings.company_signature)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'S'}"


# --- DMGSUM ------------------------------------------------------------------------------------------------------


def dmgsum_listing(report: Dmgsum) -> Listing:
    if isinstance(report, dmgsum.DmgsumSummary):
        columns = [Column("LOC", 0.6), Column("CAT", 0.5), Column("REPORTS", 0.8, "right"),
                   Column("REPAIRED", 0.8, "right"), Column("OUR REPAIR COSTS", 1.4, "right"),
                   Column("MISC COSTS", 1.1, "right"), Column("3RD PTY COSTS", 1.2, "right"),
                   Column("3RD PTY RECOVERY", 1.3, "right"), Column("GOODWILL", 1.0, "right"),
                   Column("AMT OUTSTANDING", 1.4, "right")]

        def cells(line: dmgsum.DmgsumLine, names: tuple[str, str]) -> list[str]:
            return [*names, str(line.reports), str(line.repaired),
                    *(format_money(v) for v in (line.our_repair_costs, line.misc_costs, line.third_party_costs,
                                                line.third_party_recovery, line.goodwill, line.amount_outstanding))]

        return Listing(dmgsum.TITLE, "SUMMARY", report.selection.describe(), columns,
                       [cells(line, (line.location or "-", line.category or "-")) for line in report.lines],
                       cells(report.total, ("TOTAL", "")), _plural(report.total.reports, "REPORT"))
    columns = [Column("DMG RPT#", 0.8, "right"), Column("DMG DATE", 0.8), Column("UNIT #", 0.8),
               Column("RA / NON-REV", 1.0), Column("LOC", 0.5), Column("CAT", 0.4), Column("RS", 0.3),
               Column("CS", 0.3), Column("WORK ORDER", 0.9), Column("REP", 0.4), Column("OUR REPAIR", 1.0, "right"),
               Column("MISC", 0.8, "right"), Column("3RD PTY", 0.8, "right"), Column("RECOVERY", 0.9, "right"),
               Column("GOODWILL", 0.8, "right"), Column("OUTSTANDING", 1.0, "right")]
    rows = [[str(r.report_number), _d(r.damage_date), r.unit_number, r.ra_number or r.non_rev_number, r.location,
             r.category, r.report_status, str(r.claim_status), r.work_order_status, r.repaired,
             *(format_money(v) for v in (r.our_repair_costs, r.misc_costs, r.third_party_costs,
                                         r.third_party_recovery, r.goodwill, r.amount_outstanding))]
            for r in report.rows]
    return Listing(dmgsum.TITLE, "DETAIL", report.selection.describe(), columns, rows, None,
                   _plural(len(report.rows), "REPORT"))


def dmgsum_pdf(report: Dmgsum, settings: Settings | None = None, at: datetime | None = None) -> bytes:
    settings = settings or get_settings()
    return listing_pdf(dmgsum_listing(report), _letterhead(settings), page_size_points(settings.page_size),
                       at or datetime.now().replace(microsecond=0),
                       landscape=isinstance(report, dmgsum.DmgsumDetail))


def dmgsum_csv(report: Dmgsum) -> str:
    if isinstance(report, dmgsum.DmgsumSummary):
        return dmgsum.summary_csv(report)
    return dmgsum.detail_csv(report)


# --- VICRPT ------------------------------------------------------------------------------------------------------


def _party(value: str) -> str:
    return value or "-"


def vicrpt_listing(report: Vicrpt) -> Listing:
    if isinstance(report, vicrpt.VicrptSummary):
        columns = [Column("VIR STA", 1.2), Column("CLAIM TYPE", 1.3), Column("3RD PARTY", 0.8),
                   Column("OPEN CLAIMS", 1.0, "right"), Column("OLDEST REPORT", 1.1, "right"),
                   Column("AMT OUTSTANDING", 1.4, "right")]

        def cells(line: vicrpt.VicrptLine, names: list[str]) -> list[str]:
            return [*names, str(line.claims), _d(line.oldest_report_date), format_money(line.amount_outstanding)]

        rows = [cells(line, [f"{line.vir_status} {vicrpt.VIR_STATUSES.get(line.vir_status, '')}".strip(),
                             line.claim_type or "(NONE)", _party(line.third_party)]) for line in report.lines]
        return Listing(vicrpt.TITLE, "SUMMARY", report.selection.describe(), columns, rows,
                       cells(report.total, ["TOTAL", "", ""]), _plural(report.total.claims, "OPEN CLAIM"))
    columns = [Column("DMG RPT#", 0.8, "right"), Column("DMG DATE", 0.8), Column("DAYS", 0.5, "right"),
               Column("UNIT #", 0.8), Column("RA / NON-REV", 1.0), Column("LOC", 0.5), Column("VIR", 0.4),
               Column("CS", 0.3), Column("CLAIM TYPE", 1.1), Column("3RD", 0.4), Column("PTYS", 0.4, "right"),
               Column("EXT CLM/CLSD", 0.9), Column("FOLLOW-UP", 0.8), Column("OUTSTANDING", 1.0, "right")]
    rows = [[str(r.report_number), _d(r.damage_date), "" if r.days_open is None else str(r.days_open),
             r.unit_number, r.ra_number or r.non_rev_number, r.location, r.vir_status, str(r.claim_status),
             r.claim_type, _party(r.third_party), str(r.third_parties),
             f"{r.external_claim or '-'}/{r.external_closed or '-'}", _d(r.follow_up_date),
             format_money(r.amount_outstanding)]
            for r in report.rows]
    return Listing(vicrpt.TITLE, "DETAIL", report.selection.describe(), columns, rows, None,
                   f"{_plural(len(report.rows), 'OPEN CLAIM')} - DAYS SINCE THE DAMAGE DATE AS OF "
                   f"{format_counter_date(report.today)}")


def vicrpt_pdf(report: Vicrpt, settings: Settings | None = None, at: datetime | None = None) -> bytes:
    settings = settings or get_settings()
    return listing_pdf(vicrpt_listing(report), _letterhead(settings), page_size_points(settings.page_size),
                       at or datetime.now().replace(microsecond=0),
                       landscape=isinstance(report, vicrpt.VicrptDetail))


def vicrpt_csv(report: Vicrpt) -> str:
    if isinstance(report, vicrpt.VicrptSummary):
        return vicrpt.summary_csv(report)
    return vicrpt.detail_csv(report)


# --- where it goes -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Kept:
    path: Path  # the spool copy
    sent_to: str | None  # the printer queue that accepted it
    message: str  # one line for the message line (upper case, at most `keep`'s width: 78 on the screens)


def _write_new(data: bytes, folder: Path, stem: str, suffix: str) -> Path:
    """`<folder>/<stem><suffix>`, or `-2`, `-3` … when taken: created exclusively, never overwritten."""
    files.private_dir(folder)
    attempt = 1
    while True:
        path = folder / (f"{stem}{suffix}" if attempt == 1 else f"{stem}-{attempt}{suffix}")
        try:
            with os.fdopen(files.create_private(path), "wb") as handle:
                handle.write(data)
            return path
        except FileExistsError:
            attempt += 1


def keep(data: bytes, name: str, suffix: str, *, settings: Settings | None = None, print_it: bool = False,
         printer: str | None = None, out: Path | None = None, at: datetime | None = None,
         width: int | None = MESSAGE_WIDTH) -> Kept:
    """Keep `data` (a PDF or a CSV) in the spool folder as `<name>-<YYYYMMDD-HHMMSS><suffix>`, copy it to `out`
    when given (a folder takes the spool name), and when `print_it`, send it to the printer. Printer trouble
    never raises: the message says where the file is (the whole path with `width` None, for the command line)."""
    settings = settings or get_settings()
    stem = f"{name}-{(at or datetime.now()):%Y%m%d-%H%M%S}"
    try:
        path = _write_new(data, settings.resolved_spool_dir, stem, suffix)
    except OSError as exc:
        log.warning("spool folder %s: %s; keeping %s in %s", settings.resolved_spool_dir, exc, stem, FALLBACK_SPOOL)
        path = _write_new(data, FALLBACK_SPOOL, stem, suffix)
    if out is not None:
        target = out / path.name if out.is_dir() else out
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    what = name.split("-")[0].upper()
    queue = (printer or settings.printer or "").strip() or None if print_it else None
    if print_it and queue:
        sent = send_to_printer(path, queue)
        if sent.accepted:
            return Kept(path, queue, f"{what} SENT TO PRINTER {queue.upper()}"[:width])
        prefix = f"{sent.reason[:40]} - KEPT IN "
    elif print_it:
        prefix = "NO PRINTER SET - KEPT IN "
    else:
        prefix = f"{what} WRITTEN TO "
    return Kept(path, None, kept_line(prefix.upper(), path, width))
