"""Printed paper of the Damage Report Entry program: the manual's forms and letters as PDF (reportlab), and their
dispatch to the local printer.

This package draws what it is given (`PrintContext`, gathered by `carsplus_tui.services.printing`) and never opens
a database; it takes every status and amount from the report data, never working one out.
"""

from __future__ import annotations

from carsplus_tui.domain.printing import PrintForm

from .context import (
    FORM_NAMES,
    FORM_TITLES,
    Letterhead,
    PrintContext,
    RentalInfo,
    UnrepairedDamage,
    form_from_name,
    page_size_points,
)
from .dispatch import Sent, keep_in_spool, message_line, send_to_printer, short_path
from .forms import accident_report, boot_report, damage_sticker, utilization_log
from .letters import TEMPLATE_NAMES, letter, merge, template_text

__all__ = [
    "FORM_NAMES",
    "FORM_TITLES",
    "TEMPLATE_NAMES",
    "Letterhead",
    "PrintContext",
    "PrintForm",
    "RentalInfo",
    "Sent",
    "UnrepairedDamage",
    "form_from_name",
    "keep_in_spool",
    "merge",
    "message_line",
    "page_size_points",
    "render",
    "send_to_printer",
    "short_path",
    "template_text",
]


def render(form: PrintForm, ctx: PrintContext) -> bytes:
    """The PDF of `form` for the report in `ctx`."""
    if form is PrintForm.ACCIDENT_REPORT:
        return accident_report(ctx)
    if form is PrintForm.BOOT_REPORT:
        return boot_report(ctx)
    if form is PrintForm.DAMAGE_STICKER:
        return damage_sticker(ctx)
    if form is PrintForm.UTILIZATION_LOG:
        return utilization_log(ctx)
    return letter(form, ctx)
