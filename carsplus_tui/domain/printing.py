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

__all__ = ["CLAIM_FORMS", "PRINT_CONDITIONS", "PrintForm", "PrintQuestion", "condition_not_met", "print_questions",
           "print_questions_for"]


class PrintForm(str, Enum):
    ACCIDENT_REPORT = "accident_report"  # Vehicle Accident Report (Print Library field 26)
    BOOT_REPORT = "boot_report"  # GVT BOOTRPT: "a listing of all known un-repaired damages for the vehicle"
    DAMAGE_STICKER = "damage_sticker"  # Print Library field 28
    ACCIDENT_LETTER = "accident_letter"  # Print Library field 27
    DAMAGE_LETTER = "damage_letter"
    FINAL_LETTER = "final_letter"
    ITEMISED_STATEMENT = "itemised_statement"  # every line of the claim, adding up to Amount Outstanding (issue 22)
    UTILIZATION_LOG = "utilization_log"  # the fleet utilization log of a loss-of-use charge (issue 22)


# The papers made of page 2's facts (Amount Charged, claim status, money, loss of use): printing them from the command
# line needs an Access Claim of view or edit, as page 2 does; the others are the counter's (page 1) papers.
CLAIM_FORMS = frozenset({PrintForm.DAMAGE_LETTER, PrintForm.FINAL_LETTER, PrintForm.ITEMISED_STATEMENT,
                         PrintForm.UTILIZATION_LOG})


@dataclass(frozen=True, slots=True)
class PrintQuestion:
    form: PrintForm
    question: str  # the manual's exact text


CURRENT_REPORT_Q = "PRINT CURRENT DAMAGE REPORT?"
STICKER_Q = "PRINT DAMAGE STICKER?"
ACCIDENT_LETTER_Q = "PRINT ACCIDENT LETTER?"
DAMAGE_LETTER_Q = "DO YOU WISH TO PRINT A DAMAGE LETTER?"
FINAL_LETTER_Q = "PRINT FINAL CORRESPONDENCE LETTER?"
STATEMENT_Q = "PRINT ITEMISED STATEMENT?"
UTILIZATION_Q = "PRINT FLEET UTILIZATION LOG?"


def print_questions(
    report_status: str,
    claim_status: int,
    customer_present: str | None,
    amount_charged: Decimal | None,
    control: DamageControl,
    *,
    loss_of_use_changed: bool = False,
) -> list[PrintQuestion]:
    """The questions to ask after a save, in the manual's order, each only when its condition holds; ours follow
    the manual's they belong with (the itemised statement beside the Damage Letter; the utilization log when the
    save charged or changed a loss of use)."""
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
        questions.append(PrintQuestion(PrintForm.ITEMISED_STATEMENT, STATEMENT_Q))
    if loss_of_use_changed:
        questions.append(PrintQuestion(PrintForm.UTILIZATION_LOG, UTILIZATION_Q))
    # "PRINT FINAL CORRESPONDENCE LETTER?" ... "The Claim Status is 5 or higher"
    if claim_status >= 5:
        questions.append(PrintQuestion(PrintForm.FINAL_LETTER, FINAL_LETTER_Q))
    return questions


def print_questions_for(report: DamageReportData, evaluation: Evaluation, control: DamageControl) -> list[PrintQuestion]:
    """``print_questions`` for a saved report and its evaluation."""
    return print_questions(
        evaluation.report_status, evaluation.claim_status, report.customer_present, report.amount_charged, control
    )


# What each form is for, in the words of the condition under which its question is asked (see ``print_questions``).
PRINT_CONDITIONS: dict[PrintForm, str] = {
    PrintForm.ACCIDENT_REPORT: "VEHICLE ACCIDENT REPORT IS FOR REPORT STATUS = I",
    PrintForm.BOOT_REPORT: "BOOT REPORT IS FOR REPORT STATUS = I",
    PrintForm.DAMAGE_STICKER: "DAMAGE STICKER IS FOR CLAIM STATUS 1 OR 2",
    PrintForm.ACCIDENT_LETTER: "ACCIDENT LETTER IS FOR CUSTOMER PRESENT = N",
    PrintForm.DAMAGE_LETTER: "DAMAGE LETTER IS FOR AMOUNT CHARGED NOT BLANK",
    PrintForm.FINAL_LETTER: "FINAL CORRESPONDENCE LETTER IS FOR CLAIM STATUS 5 OR HIGHER",
    PrintForm.ITEMISED_STATEMENT: "ITEMISED STATEMENT IS FOR AMOUNT CHARGED NOT BLANK",
    PrintForm.UTILIZATION_LOG: "FLEET UTILIZATION LOG IS FOR A REPORT WITH LOSS OF USE CHARGED",
}

# The "PRINT CURRENT DAMAGE REPORT?" question offers one of these two (GVT BOOTRPT picks which); asking for either
# by name is the same question.
_CURRENT_REPORT_FORMS = frozenset({PrintForm.ACCIDENT_REPORT, PrintForm.BOOT_REPORT})


def condition_not_met(form: PrintForm, report: DamageReportData, control: DamageControl) -> str | None:
    """None when the question for `form` would be asked after F1 for this (saved, evaluated) report; else the
    condition it fails, named (``ACCIDENT LETTER IS FOR CUSTOMER PRESENT = N``). The one definition of the
    conditions is ``print_questions``."""
    if form is PrintForm.UTILIZATION_LOG:  # asked when a save changes it; printable whenever one is charged
        return None if report.loss_of_use else PRINT_CONDITIONS[form]
    asked = {
        q.form
        for q in print_questions(
            report.report_status or "", report.claim_status or 0, report.customer_present, report.amount_charged,
            control,
        )
    }
    if form in asked or (form in _CURRENT_REPORT_FORMS and asked & _CURRENT_REPORT_FORMS):
        return None
    return PRINT_CONDITIONS[form]
