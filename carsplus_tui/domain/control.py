"""The switches that change the rules: the Damage Control record (with the GVT records the manual names) and a
user's access record."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["DamageControl", "UserAccess"]


class DamageControl(BaseModel):
    """One row: Edit Damage Control Record plus the GVT records and Misc Control Fields the manual mentions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # "If the 'Ausie Rules' flag is turned on in the Edit Damage Control Record this field is required."
    ausie_rules: bool = False
    # "Customer records are created for witnesses ... The customer type assigned to them is specified in the Edit
    # Damage Control record."
    witness_customer_type: str = "WIT"
    third_party_customer_type: str = "3RD"
    other_driver_customer_type: str = "DRV"
    # "If the RA is closed and the Edit Damage Control Record allows damage charges to be added to Closed RAs ..."
    allow_charges_on_closed_ra: bool = True
    # "If the Edit Damage Control Record allows damage refunds to be added to RAs ..."
    allow_refunds_on_ra: bool = True
    # "To change the default for this field to 'N', contact Thermeon Customer Support to have GVT record 'DMGCVDN'"
    damage_covered_default: Literal["Y", "N"] = "Y"
    # GVT DMGENT67: "the 'Cust Present' and '3rd Party Invld' fields can be configured as required fields"
    require_present_and_third_party: bool = False
    # GVT BOOTRPT: "rather than printing the Vehicle Accident Report, the program will print the Boot Report"
    boot_report: bool = False
    # "If a Damage Option Code is defined in Edit Misc Control Fields ..."
    damage_option_code: str | None = "DMG"
    # "If the system is configured to access vehicles by their license number, enter the license plate number"
    vehicle_lookup_by_licence: bool = False


class UserAccess(BaseModel):
    """The User Access File fields this program reads."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # "the 'Access Claim' field in the user's record in the User Access File controls access to page 2"
    access_claim: Literal["edit", "view", "none"] = "edit"
    # "If this field is set properly, creating or editing damage records on posted RAs will not be allowed."
    restrict_editclos: bool = False
    # May change the control record, the code tables and the User Access File (screens and CLI).
    administrator: bool = False
    # The first screen after sign-on: DMGENT (page 1, the counter's default) or the Damage Tracking MENU.
    first_screen: Literal["DMGENT", "MENU"] = "DMGENT"
