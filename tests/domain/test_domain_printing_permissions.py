"""Print questions after F1, and who may touch page 1 and page 2."""

from __future__ import annotations

from decimal import Decimal

import pytest

from carsplus_tui.domain import (
    ClaimFacts,
    DamageControl,
    PrintForm,
    UserAccess,
    evaluate,
    page1_access,
    page1_denied_reason,
    page2_access,
    print_questions,
    print_questions_for,
)
from carsplus_tui.domain.examples import complete_example_report, manual_example_report
from carsplus_tui.domain.permissions import page2_may_edit, page2_visible

D = Decimal
PLAIN = DamageControl()
BOOT = DamageControl(boot_report=True)

# (report status, claim status, customer present, amount charged, control) -> forms offered
PRINT_CASES = [
    pytest.param("I", 1, "Y", None, PLAIN, [PrintForm.ACCIDENT_REPORT, PrintForm.DAMAGE_STICKER],
                 id="PRINT CURRENT DAMAGE REPORT? ... The Report Status = 'I' (incomplete)"),
    pytest.param("I", 1, "Y", None, BOOT, [PrintForm.BOOT_REPORT, PrintForm.DAMAGE_STICKER],
                 id="If the GVT 'BOOTRPT' is in place rather than printing the Vehicle Accident Report, the program will print the Boot Report"),
    pytest.param("C", 2, "Y", None, PLAIN, [PrintForm.DAMAGE_STICKER], id="PRINT DAMAGE STICKER? ... The Claim Status is 1 or 2 (2)"),
    pytest.param("C", 3, "Y", None, PLAIN, [], id="no sticker at claim status 3"),
    pytest.param("U", 0, "Y", None, PLAIN, [], id="no sticker at claim status 0, no report when U"),
    pytest.param("C", 3, "N", None, PLAIN, [PrintForm.ACCIDENT_LETTER],
                 id="PRINT ACCIDENT LETTER? ... The Customer Present field on page 1 (Field 5) = 'N'"),
    pytest.param("C", 3, None, None, PLAIN, [], id="no accident letter when Customer Present is blank"),
    pytest.param("C", 4, "Y", D("60.00"), PLAIN, [PrintForm.DAMAGE_LETTER, PrintForm.ITEMISED_STATEMENT],
                 id="DO YOU WISH TO PRINT A DAMAGE LETTER? ... The Amount Charged field on page 2 is not blank."),
    pytest.param("C", 4, "Y", D("0.00"), PLAIN, [], id="Amount Charged 0.00 shows blank: no damage letter"),
    pytest.param("C", 5, "Y", None, PLAIN, [PrintForm.FINAL_LETTER],
                 id="PRINT FINAL CORRESPONDENCE LETTER? ... The Claim Status is 5 or higher (5)"),
    pytest.param("C", 7, "Y", None, PLAIN, [PrintForm.FINAL_LETTER], id="final letter at 7"),
    pytest.param("C", 4, "Y", None, PLAIN, [], id="no final letter at 4"),
    pytest.param("I", 1, "N", D("10.00"), BOOT, [PrintForm.BOOT_REPORT, PrintForm.DAMAGE_STICKER, PrintForm.ACCIDENT_LETTER, PrintForm.DAMAGE_LETTER, PrintForm.ITEMISED_STATEMENT],
                 id="several questions come in the manual's order"),
    pytest.param("C", 6, "N", D("10.00"), PLAIN, [PrintForm.ACCIDENT_LETTER, PrintForm.DAMAGE_LETTER, PrintForm.ITEMISED_STATEMENT, PrintForm.FINAL_LETTER], id="letters in order"),
]


@pytest.mark.parametrize(("rs", "cs", "present", "charged", "control", "forms"), PRINT_CASES)
def test_print_questions(rs: str, cs: int, present: str | None, charged: Decimal | None, control: DamageControl, forms: list[PrintForm]) -> None:
    assert [q.form for q in print_questions(rs, cs, present, charged, control)] == forms


def test_print_questions_use_the_manuals_words() -> None:
    texts = {q.form: q.question for q in print_questions("I", 1, "N", D("10"), PLAIN) + print_questions("C", 5, "Y", None, BOOT) + print_questions("I", 2, "Y", None, BOOT)}
    assert texts == {
        PrintForm.ACCIDENT_REPORT: "PRINT CURRENT DAMAGE REPORT?",
        PrintForm.BOOT_REPORT: "PRINT CURRENT DAMAGE REPORT?",
        PrintForm.DAMAGE_STICKER: "PRINT DAMAGE STICKER?",
        PrintForm.ACCIDENT_LETTER: "PRINT ACCIDENT LETTER?",
        PrintForm.DAMAGE_LETTER: "DO YOU WISH TO PRINT A DAMAGE LETTER?",
        PrintForm.FINAL_LETTER: "PRINT FINAL CORRESPONDENCE LETTER?",
        PrintForm.ITEMISED_STATEMENT: "PRINT ITEMISED STATEMENT?",  # ours (issue 22), beside the Damage Letter
    }


def test_the_utilization_log_is_asked_when_the_save_charged_loss_of_use() -> None:
    asked = print_questions("C", 5, "Y", D("10.00"), PLAIN, loss_of_use_changed=True)
    assert [q.form for q in asked] == [PrintForm.DAMAGE_LETTER, PrintForm.ITEMISED_STATEMENT,
                                       PrintForm.UTILIZATION_LOG, PrintForm.FINAL_LETTER]
    assert asked[2].question == "PRINT FLEET UTILIZATION LOG?"


def test_print_questions_for_a_saved_report() -> None:
    r = manual_example_report()  # I: the 3rd party has no customer # yet
    ev = evaluate(r, ClaimFacts(), PLAIN)
    assert [q.form for q in print_questions_for(r, ev, PLAIN)] == [PrintForm.ACCIDENT_REPORT, PrintForm.DAMAGE_STICKER]
    c = complete_example_report()
    assert [q.form for q in print_questions_for(c, evaluate(c, ClaimFacts(), PLAIN), PLAIN)] == [PrintForm.DAMAGE_STICKER]


# --- permissions -------------------------------------------------------------------------------------------------------

RESTRICTED = UserAccess(access_claim="edit", restrict_editclos=True)
FREE = UserAccess(access_claim="edit", restrict_editclos=False)

PAGE1_CASES = [
    pytest.param(RESTRICTED, "P", False,
                 id="If this field is set properly, creating or editing damage records on posted RAs will not be allowed."),
    pytest.param(RESTRICTED, "C", True, id="Restrict EDITCLOS: a closed RA not yet posted may still take damage"),
    pytest.param(RESTRICTED, "O", True, id="Restrict EDITCLOS: open RA"),
    pytest.param(RESTRICTED, None, True, id="Restrict EDITCLOS: report without an RA"),
    pytest.param(FREE, "P", True, id="without Restrict EDITCLOS posted RAs may take damage"),
]


@pytest.mark.parametrize(("access", "ra_status", "allowed"), PAGE1_CASES)
def test_page1_access(access: UserAccess, ra_status: str | None, allowed: bool) -> None:
    assert page1_access(access, ra_status) is allowed  # type: ignore[arg-type]
    reason = page1_denied_reason(access, ra_status)  # type: ignore[arg-type]
    assert (reason is None) is allowed
    if reason is not None:
        assert "POSTED" in reason and "EDITCLOS" in reason


@pytest.mark.parametrize(
    ("claim", "visible", "editable"),
    [
        pytest.param("edit", True, True, id="Access to page 2 and is able to edit the data on page 2"),
        pytest.param("view", True, False, id="Access to page 2 but is not able to edit the data on page 2"),
        pytest.param("none", False, False, id="No access to page 2"),
    ],
)
def test_page2_access(claim: str, visible: bool, editable: bool) -> None:
    """ "Note that the 'Access Claim' field in the user's record in the User Access File controls access to page 2." """
    access = UserAccess(access_claim=claim, restrict_editclos=False)  # type: ignore[arg-type]
    assert page2_access(access) == claim
    assert page2_visible(access) is visible
    assert page2_may_edit(access) is editable
