"""The rules of the manual, in one place: schemas, field rules, the claim-status engine, money, prints, permissions.

Pure Python and pydantic: nothing here imports SQLAlchemy, Textual or any other layer of ours.  Screens, imports,
printing and search ask this package; none computes a status or an amount itself.
"""

from .audit import FieldChange, audit_notes, display_value, page2_changes
from .control import DamageControl, UserAccess
from .dates import format_counter_date, format_counter_datetime, parse_counter_date, parse_counter_datetime
from .engine import (
    ClaimFacts,
    ClaimMoney,
    Evaluation,
    apply_computed,
    claim_money,
    claim_status,
    damage_covered_default,
    effective_external_claim,
    evaluate,
    excess_charged_default,
    external_claim_default,
    incomplete_reasons,
    levels_met,
    page2_editable,
    report_status,
)
from .errors import FieldError, ReportValidationError, errors_from_pydantic, field_error, raise_if_errors
from .fields import FIELDS, PAGE2_COMPUTED, PAGE2_INPUTS, FieldRef, FieldSpec, describe, field_spec
from .money import ZERO, format_money, parse_money
from .permissions import page1_access, page1_denied_reason, page2_access
from .printing import PrintForm, PrintQuestion, print_questions, print_questions_for
from .rules import ReportContext, not_on_file, validate_page1, validate_page2, validate_report
from .schemas import (
    AccidentDetails,
    DamageLine,
    DamageReportData,
    NoteEntry,
    OtherDriver,
    RenterInfo,
    ThirdParty,
    VehicleInfo,
    Witness,
    load_report,
)

__all__ = [
    "FIELDS",
    "PAGE2_COMPUTED",
    "PAGE2_INPUTS",
    "ZERO",
    "AccidentDetails",
    "ClaimFacts",
    "ClaimMoney",
    "DamageControl",
    "DamageLine",
    "DamageReportData",
    "Evaluation",
    "FieldChange",
    "FieldError",
    "FieldRef",
    "FieldSpec",
    "NoteEntry",
    "OtherDriver",
    "PrintForm",
    "PrintQuestion",
    "RenterInfo",
    "ReportContext",
    "ReportValidationError",
    "ThirdParty",
    "UserAccess",
    "VehicleInfo",
    "Witness",
    "apply_computed",
    "audit_notes",
    "claim_money",
    "claim_status",
    "damage_covered_default",
    "describe",
    "display_value",
    "effective_external_claim",
    "errors_from_pydantic",
    "evaluate",
    "excess_charged_default",
    "external_claim_default",
    "field_error",
    "field_spec",
    "format_counter_date",
    "format_counter_datetime",
    "format_money",
    "incomplete_reasons",
    "levels_met",
    "load_report",
    "not_on_file",
    "page1_access",
    "page1_denied_reason",
    "page2_access",
    "page2_changes",
    "page2_editable",
    "parse_counter_date",
    "parse_counter_datetime",
    "parse_money",
    "print_questions",
    "print_questions_for",
    "raise_if_errors",
    "report_status",
    "validate_page1",
    "validate_page2",
    "validate_report",
]
