"""Printing a damage report's paper: the questions after F1 say which; this builds the PDF, keeps it in the spool
folder and sends it to the local printer.

The page-1 screen calls `print_form` for each question answered Y and shows `PrintOutcome.message` on its message
line; `carsplus print` calls it for scripts. A printer problem never raises: the PDF is kept and the message says
where. An unknown report raises ReportNotFoundError ("DAMAGE REPORT N NOT ON FILE"); a page size other than
LETTER or A4 raises ValueError.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from carsplus_tui.db import reference
from carsplus_tui.db import reports as reports_repo
from carsplus_tui.db.database import Database
from carsplus_tui.db.reports import ReportNotFoundError
from carsplus_tui.domain.loss_of_use import LossOfUseData, Statement, repairs_by_kind, statement
from carsplus_tui.domain.money import ZERO, parse_money
from carsplus_tui.domain.printing import PrintForm, condition_not_met
from carsplus_tui.domain.schemas import DamageReportData
from carsplus_tui.printing import (
    FORM_TITLES,
    TEMPLATE_NAMES,
    Letterhead,
    PrintContext,
    RentalInfo,
    UnrepairedDamage,
    form_from_name,
    keep_in_spool,
    message_line,
    page_size_points,
    render,
    send_to_printer,
    template_text,
)
from carsplus_tui.printing.dispatch import MESSAGE_WIDTH, kept_line, kept_reason
from carsplus_tui.services.report_mapping import control_settings
from carsplus_tui.services.reports import load_report_data
from carsplus_tui.settings import Settings, get_settings

log = logging.getLogger(__name__)

FALLBACK_SPOOL = Path(tempfile.gettempdir()) / "carsplus-spool"

__all__ = [
    "PrintOutcome",
    "ReportNotFoundError",
    "build_pdf",
    "condition_not_met_for",
    "form_from_name",
    "print_context",
    "print_form",
    "printed_together",
    "template_dir",
]


@dataclass(frozen=True)
class PrintOutcome:
    form: PrintForm
    pdf_path: Path  # the spool copy
    sent_to: str | None  # the queue, when lp accepted the job
    message: str  # one line for the message line: upper case, at most `width` characters (78 on the screens)
    kept_because: str | None = None  # not printed: why (NO PRINTER SET, the printer's refusal); the file is kept


def printed_together(outcomes: list[PrintOutcome], width: int = 2 * MESSAGE_WIDTH) -> str:
    """What the page's line says after the print questions of one save: one form, its own line; several, every one
    of them by title - those sent, and those kept with the folder they are in (the agent finds each there, named by
    report number and form) - in at most `width` characters (the message line wraps to a second line)."""
    if len(outcomes) == 1 or len({o.pdf_path.parent for o in outcomes if not o.sent_to}) > 1:
        # One form; or forms kept in two folders (the spool was unwritable for one): each its own line, in turn.
        return " - ".join(o.message for o in outcomes)
    sent = [o for o in outcomes if o.sent_to]
    kept = [o for o in outcomes if not o.sent_to]
    parts = []
    if sent:
        queues = sorted({str(o.sent_to).upper() for o in sent})
        parts.append(f"{', '.join(FORM_TITLES[o.form] for o in sent)} SENT TO PRINTER {', '.join(queues)}")
    if kept:
        reason = (kept[-1].kept_because or "NOT PRINTED")[:40]
        titles = ", ".join(FORM_TITLES[o.form] for o in kept)
        folder = kept[-1].pdf_path.parent
        prefix = f"{reason} - {titles} KEPT IN "
        if len(prefix) + len(" - ".join(parts)) > width - 30:  # room for the folder: the forms counted instead
            prefix = f"{reason} - {len(kept)} FORMS KEPT IN "
        used = len(" - ".join(parts)) + (3 if parts else 0)
        parts.append(kept_line(prefix.upper(), folder, width - used) + "/")
    return " - ".join(parts)


def template_dir(settings: Settings) -> Path:
    """Where a company keeps its own wording of the letters (``accident_letter.txt`` ...); the shipped templates
    are used for any file not there."""
    return settings.data_dir / "templates"


def condition_not_met_for(db: Database, report_number: int, form: PrintForm) -> str | None:
    """None when the question for `form` would be asked after F1 for the saved report (DESIGN.md §4); else the
    condition, named, that does not hold. The conditions are the domain's ``print_questions``, not repeated here."""
    data = load_report_data(db, report_number)
    with db.read() as session:
        control = control_settings(reference.get_control(session))
    return condition_not_met(form, data, control)


def print_context(db: Database, report_number: int, form: PrintForm, settings: Settings,
                  at: datetime | None = None, *, reprint_of: str | None = None) -> PrintContext:
    """Everything the form draws: the report as page 1 and 2 show it (statuses and money from the engine), the
    RA's display columns, the damage type words and — for the Boot Report — the vehicle's unrepaired damage."""
    size = page_size_points(settings.page_size)  # a configuration error shows before any database work
    data = load_report_data(db, report_number)
    rental: RentalInfo | None = None
    unrepaired: tuple[UnrepairedDamage, ...] = ()
    with db.read() as session:
        report = reports_repo.load_report(session, report_number)
        if report is None:  # deleted between the two reads
            raise ReportNotFoundError(report_number)
        ra = report.rental_agreement
        if ra is not None:
            rental = RentalInfo(ra.ra_number, ra.status, ra.open_date, ra.open_location, ra.close_date,
                                ra.close_location)
        words = {t.code: t.description for t in reference.damage_types(session)}
        if form is PrintForm.BOOT_REPORT and report.vehicle_id is not None:
            unrepaired = tuple(
                UnrepairedDamage(row.damage_report_number, row.line, row.service_code, row.description,
                                 row.damage_type, row.created_at.date() if row.created_at else None)
                for row in reference.unrepaired_damage(session, report.vehicle_id)
            )
    statement = utilization = None
    if form is PrintForm.ITEMISED_STATEMENT:
        statement = statement_for(data)
    if form is PrintForm.UTILIZATION_LOG or (form is PrintForm.ITEMISED_STATEMENT and data.loss_of_use):
        from carsplus_tui.services.loss_of_use import LossOfUseError, utilization_log_for

        try:
            utilization = utilization_log_for(db, report_number)
        except LossOfUseError:
            utilization = None  # none charged: the log says so (a reprint `--anyway` asked for)
    templates = {}
    if form in TEMPLATE_NAMES:
        name = TEMPLATE_NAMES[form]
        templates[name] = template_text(name, template_dir(settings))
    return PrintContext(
        report=data,
        letterhead=Letterhead(settings.company_name, settings.company_address, settings.company_signature),
        page_size=size,
        printed_at=at or datetime.now().replace(microsecond=0),
        rental=rental,
        damage_types=words,
        unrepaired=unrepaired,
        templates=templates,
        reprint_of=reprint_of,
        statement=statement,
        utilization=utilization,
    )


def statement_for(data: DamageReportData) -> Statement:
    """The itemised statement of a loaded report: its work order's lines by kind and the engine's figures."""
    order = data.work_order or {}
    lines = [(line["kind"], parse_money(line["amount"])) for line in order.get("cost_lines") or []]
    return statement(
        repairs_by_kind=repairs_by_kind(lines), misc_costs=data.misc_costs,
        third_party_costs=data.third_party_costs, third_party_recovery=data.third_party_recovery,
        goodwill=data.goodwill_deduction, final_liability=data.final_liability or ZERO,
        excess_charged_ra=data.excess_charged_ra or ZERO, amount_charged=data.amount_charged,
        amount_refunded=data.amount_refunded, amount_outstanding=data.amount_outstanding or ZERO,
        loss_of_use=LossOfUseData.model_validate(data.loss_of_use) if data.loss_of_use else None,
        damage_covered=data.damage_covered,
    )


def build_pdf(db: Database, report_number: int, form: PrintForm, settings: Settings | None = None, *,
              at: datetime | None = None, reprint_of: str | None = None) -> bytes:
    """The PDF bytes of `form` for report `report_number` (nothing written anywhere)."""
    settings = settings or get_settings()
    return render(form, print_context(db, report_number, form, settings, at, reprint_of=reprint_of))


def print_form(
    db: Database,
    report_number: int,
    form: PrintForm,
    *,
    settings: Settings | None = None,
    printer: str | None = None,
    out: Path | None = None,
    reprint_of: str | None = None,
    width: int | None = MESSAGE_WIDTH,
) -> PrintOutcome:
    """Build the PDF, keep it in the spool folder, copy it to `out` when given (a folder takes the spool name),
    and send the spool copy to `printer` (else CARSPLUS_PRINTER) with ``lp -d``. Printer trouble never raises.
    `reprint_of` names the condition that does not hold; the form's footer then says it is a reprint. `width`:
    the message's room (the screens' message line; None on the command line: the spool path whole)."""
    settings = settings or get_settings()
    at = datetime.now()
    pdf = build_pdf(db, report_number, form, settings, at=at.replace(microsecond=0), reprint_of=reprint_of)
    try:
        path = keep_in_spool(pdf, settings.resolved_spool_dir, report_number, form, at)
    except OSError as exc:
        # An unwritable spool folder must not lose the print: keep it in the temporary folder (the message shows
        # where) and say why in the log.
        log.warning("spool folder %s: %s; keeping the print in %s", settings.resolved_spool_dir, exc, FALLBACK_SPOOL)
        path = keep_in_spool(pdf, FALLBACK_SPOOL, report_number, form, at)
    if out is not None:
        target = out / path.name if out.is_dir() else out
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    queue = (printer or settings.printer or "").strip() or None
    sent = send_to_printer(path, queue) if queue else None
    reason = kept_reason(queue, sent)
    return PrintOutcome(
        form=form,
        pdf_path=path,
        sent_to=queue if reason is None else None,
        message=message_line(form, path, queue, sent, width=width),
        kept_because=reason,
    )
