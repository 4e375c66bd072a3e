"""Which prints to offer after F1 (the manual's "PRINT OUTPUT FROM THE DAMAGE REPORT ENTRY PROGRAM")."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from .control import DamageControl

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Evaluation
    from .schemas import DamageReportData

__all__ = ["PrintForm", "PrintQuestion", "print_questions", "print_questions_for"]


class PrintForm(str, Enum):
    ACCIDENT_REPORT = "accident_report"  # Vehicle Accident Report (Print Library field 26)
    BOOT_REPORT = "boot_report"  # GVT BOOTRPT: "a listing of all known un-repaired damages for the vehicle"
    DAMAGE_STICKER = "damage_sticker"  # Print Library field 28
    ACCIDENT_LETTER = "accident_letter"  # Print Library field 27
    DAMAGE_LETTER = "damage_letter"
    FINAL_LETTER = "final_letter"


@dataclass(frozen=True, slots=True)
class PrintQuestion:
    form: PrintForm
    question: str  # the manual's exact text


CURRENT_REPORT_Q = "PRINT CURRENT DAMAGE REPORT?"
STICKER_Q = "PRINT DAMAGE STICKER?"
ACCIDENT_LETTER_Q = "PRINT ACCIDENT LETTER?"
DAMAGE_LETTER_Q = "DO YOU WISH TO PRINT A DAMAGE LETTER?"
FINAL_LETTER_Q = "PRINT FINAL CORRESPONDENCE LETTER?"


def print_questions(
    report_status: str,
    claim_status: int,
    customer_present: str | None,
    amount_charged: Decimal | None,
    control: DamageControl,
) -> list[PrintQuestion]:
    """The questions to ask after a save, in the manual's order, each only when its condition holds."""
    questions: list[PrintQuestion] = []
    # "PRINT CURRENT DAMAGE REPORT?" ... printed when "The Report Status = 'I' (incomplete)". "If the GVT 'BOOTRPT'
    # is in place rather than printing the Vehicle Accident Report, the program will print the Boot Report".
    if report_status == "I":
        form = PrintForm.BOOT_REPORT if control.boot_report else PrintForm.ACCIDENT_REPORT
        questions.append(PrintQuestion(form, CURRENT_REPORT_Q))
    # "PRINT DAMAGE STICKER?" ... "The Claim Status is 1 or 2"
    if claim_status in (1, 2):
        questions.append(PrintQuestion(PrintForm.DAMAGE_STICKER, STICKER_Q))
    # "PRINT ACCIDENT LETTER?" ... "The Customer Present field on page 1 (Field 5) = 'N'"
    if customer_present == "N":
        questions.append(PrintQuestion(PrintForm.ACCIDENT_LETTER, ACCIDENT_LETTER_Q))
    # "DO YOU WISH TO PRINT A DAMAGE LETTER?" ... "The Amount Charged field on page 2 is not blank."  A zero amount
    # shows as a blank money field and there is nothing to announce, so 0.00 counts as blank.
    if amount_charged is not None and amount_charged != 0:
        questions.append(PrintQuestion(PrintForm.DAMAGE_LETTER, DAMAGE_LETTER_Q))
    # "PRINT FINAL CORRESPONDENCE LETTER?" ... "The Claim Status is 5 or higher"
    if claim_status >= 5:
        questions.append(PrintQuestion(PrintForm.FINAL_LETTER, FINAL_LETTER_Q))
    return questions


def print_questions_for(report: DamageReportData, evaluation: Evaluation, control: DamageControl) -> list[PrintQuestion]:
    """``print_questions`` for a saved report and its evaluation."""
    return print_questions(
        evaluation.report_status, evaluation.claim_status, report.customer_present, report.amount_charged, control
    )
