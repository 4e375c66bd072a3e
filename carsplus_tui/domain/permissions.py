"""Who may do what: the User Access File's "Restrict EDITCLOS" and "Access Claim"."""

from __future__ import annotations

from typing import Literal

from .control import UserAccess

__all__ = [
    "ADMINISTRATOR_ONLY",
    "CLAIM_NO_ACCESS",
    "DMS_NO_ACCESS",
    "DMS_VIEW_ONLY",
    "WORK_ORDER_NO_ACCESS",
    "WORK_ORDER_VIEW_ONLY",
    "RaStatus",
    "administrator_denied_reason",
    "claim_info_denied_reason",
    "dms_access",
    "dms_denied_reason",
    "page1_access",
    "page1_denied_reason",
    "page2_access",
    "page2_may_edit",
    "page2_visible",
    "work_order_denied_reason",
]

RaStatus = Literal["O", "C", "P"]  # open, closed, posted

DENIED_POSTED = "RA IS POSTED: RESTRICT EDITCLOS DOES NOT ALLOW DAMAGE CHANGES ON POSTED RAS"
VIEW_ONLY_POSTED = "VIEW ONLY - RA IS POSTED"  # shown as soon as such a report is recalled
CLAIM_NO_ACCESS = "NO ACCESS TO CLAIM INFO"
DMS_NO_ACCESS = "NO ACCESS TO CLAIM INFO - NO DMS ACTIVITY"
DMS_VIEW_ONLY = "DMS ACTIVITY IS VIEW ONLY FOR THIS EMPLOYEE"
WORK_ORDER_NO_ACCESS = "NO ACCESS TO CLAIM INFO - DAMAGE WORK ENTRY NEEDS IT"
WORK_ORDER_VIEW_ONLY = "DAMAGE WORK ENTRY IS VIEW ONLY FOR THIS EMPLOYEE"
ADMINISTRATOR_ONLY = "NOT AUTHORISED - ADMINISTRATOR ONLY (USER ACCESS FILE)"


def page1_access(access: UserAccess, ra_status: RaStatus | None) -> bool:
    """May this employee create or edit page 1 for a report on an RA in this state (``None``: no RA)?

    "Some operations may wish to limit the ability of some employees to add or remove damages to closed and posted
    RAs through this program. The field 'Restrict EDITCLOS' in the User Access File controls this ability. If this
    field is set properly, creating or editing damage records on posted RAs will not be allowed."
    """
    return not (access.restrict_editclos and ra_status == "P")


def page1_denied_reason(access: UserAccess, ra_status: RaStatus | None) -> str | None:
    """The message line's text when ``page1_access`` says no, else ``None``."""
    return None if page1_access(access, ra_status) else DENIED_POSTED


def page2_access(access: UserAccess) -> Literal["edit", "view", "none"]:
    """ "the 'Access Claim' field in the user's record in the User Access File controls access to page 2. It can be
    set so that the user has: Access to page 2 and is able to edit the data on page 2; Access to page 2 but is not
    able to edit the data on page 2; No access to page 2" """
    return access.access_claim


def page2_visible(access: UserAccess) -> bool:
    return access.access_claim != "none"


def page2_may_edit(access: UserAccess) -> bool:
    return access.access_claim == "edit"


def dms_access(access: UserAccess) -> Literal["edit", "view", "none"]:
    """The DMS Activity window is claim information: Access Claim governs it as it governs page 2 (DESIGN.md §6a).
    none: the window does not open; view: look only; edit: add, adjust, void, export and change the IDs."""
    return access.access_claim


def dms_denied_reason(access: UserAccess, *, change: bool) -> str | None:
    """The message when this employee may not open the window (`change=False`) or change anything in it."""
    level = dms_access(access)
    if level == "none":
        return DMS_NO_ACCESS
    if change and level != "edit":
        return DMS_VIEW_ONLY
    return None


def claim_info_denied_reason(access: UserAccess) -> str | None:
    """Reading claim information (page 2's facts: claim status, money, follow-ups, the claims clerk's reports) needs
    an Access Claim of view or edit, on the screens and on the command line alike."""
    return None if page2_visible(access) else CLAIM_NO_ACCESS


def administrator_denied_reason(access: UserAccess) -> str | None:
    """The control record, the code tables' maintenance, the User Access File and the audit trail's verification are
    the administrator's (DESIGN.md §6a), to read as to change: on the MENU and on the command line alike."""
    return None if access.administrator else ADMINISTRATOR_ONLY


def work_order_denied_reason(access: UserAccess) -> str | None:
    """Saving a work order (Damage Work Entry's F1, `workorder import`) needs Access Claim edit: its lines are page 2's
    Our Repair Costs and its status page 2's Work Order Status."""
    level = page2_access(access)
    if level == "edit":
        return None
    return WORK_ORDER_NO_ACCESS if level == "none" else WORK_ORDER_VIEW_ONLY
