"""What a printed form needs, gathered by the services before anything is drawn.

The printing package never opens a database: `carsplus_tui.services.printing` reads the report (its JSON form with
the engine's statuses and money), the RA's display columns and the vehicle's unrepaired damage, and hands them
over in a `PrintContext`. The forms only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from carsplus_tui.domain.loss_of_use import Statement, UtilizationLog
from carsplus_tui.domain.printing import PrintForm
from carsplus_tui.domain.schemas import DamageReportData

__all__ = [
    "FORM_NAMES",
    "FORM_TITLES",
    "Letterhead",
    "PAGE_SIZES",
    "PrintContext",
    "RentalInfo",
    "UnrepairedDamage",
    "form_from_name",
    "page_size_points",
]

# The names scripts use (`carsplus print N --form sticker`); also part of each spool file's name.
FORM_NAMES: dict[PrintForm, str] = {
    PrintForm.ACCIDENT_REPORT: "accident-report",
    PrintForm.BOOT_REPORT: "boot-report",
    PrintForm.DAMAGE_STICKER: "sticker",
    PrintForm.ACCIDENT_LETTER: "accident-letter",
    PrintForm.DAMAGE_LETTER: "damage-letter",
    PrintForm.FINAL_LETTER: "final-letter",
    PrintForm.ITEMISED_STATEMENT: "statement",
    PrintForm.UTILIZATION_LOG: "utilization-log",
}

# The paper's own title, as the manual names it; also the start of the message line ("DAMAGE STICKER SENT TO ...").
FORM_TITLES: dict[PrintForm, str] = {
    PrintForm.ACCIDENT_REPORT: "VEHICLE ACCIDENT REPORT",
    PrintForm.BOOT_REPORT: "BOOT REPORT",
    PrintForm.DAMAGE_STICKER: "DAMAGE STICKER",
    PrintForm.ACCIDENT_LETTER: "ACCIDENT LETTER",
    PrintForm.DAMAGE_LETTER: "DAMAGE LETTER",
    PrintForm.FINAL_LETTER: "FINAL CORRESPONDENCE LETTER",
    PrintForm.ITEMISED_STATEMENT: "ITEMISED STATEMENT",
    PrintForm.UTILIZATION_LOG: "FLEET UTILIZATION LOG",
}

# Points (1/72 inch), portrait.
PAGE_SIZES: dict[str, tuple[float, float]] = {
    "LETTER": (612.0, 792.0),
    "A4": (595.2756, 841.8898),
}


def page_size_points(name: str) -> tuple[float, float]:
    """``"LETTER"`` or ``"A4"`` (any case) -> (width, height) in points; anything else is a configuration error."""
    size = PAGE_SIZES.get((name or "").strip().upper())
    if size is None:
        raise ValueError(f"CARSPLUS_PAGE_SIZE must be LETTER or A4, not {name!r}")
    return size


def form_from_name(name: str) -> PrintForm:
    """``"sticker"`` -> ``PrintForm.DAMAGE_STICKER``; the enum's own values are accepted too."""
    wanted = name.strip().lower()
    for form, form_name in FORM_NAMES.items():
        if wanted in (form_name, form.value):
            return form
    raise ValueError(f"no form {name!r} (one of {', '.join(FORM_NAMES.values())})")


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The company block of every letter and the signature under it (CARSPLUS_COMPANY_*)."""

    company_name: str
    company_address: str
    signature: str

    @staticmethod
    def lines(text: str) -> list[str]:
        """Settings come from environment variables, where a line break is often written as a literal ``\\n``."""
        return [line.strip() for line in text.replace("\\n", "\n").splitlines() if line.strip()]

    @property
    def address_lines(self) -> list[str]:
        return self.lines(self.company_address)

    @property
    def signature_lines(self) -> list[str]:
        return self.lines(self.signature)


@dataclass(frozen=True, slots=True)
class RentalInfo:
    """Page 1's display-only RA columns that the report's JSON form does not carry (Open/Clos Date and Loc)."""

    ra_number: str
    status: str  # O open, C closed, P closed and posted
    open_date: date | None = None
    open_location: str | None = None
    close_date: date | None = None
    close_location: str | None = None


@dataclass(frozen=True, slots=True)
class UnrepairedDamage:
    """One unrepaired (not closed) Vehicle History record: a line of the Boot Report."""

    report_number: int
    line: int
    code: str | None
    description: str | None
    damage_type: str | None
    reported: date | None


@dataclass(frozen=True, slots=True)
class PrintContext:
    """Everything one print draws. `report` is the JSON form with statuses and money already computed."""

    report: DamageReportData
    letterhead: Letterhead
    page_size: tuple[float, float]
    printed_at: datetime
    rental: RentalInfo | None = None
    damage_types: dict[str, str] = field(default_factory=dict)  # "D" -> "DENT"
    unrepaired: tuple[UnrepairedDamage, ...] = ()  # the Boot Report's lines, newest report first
    templates: dict[str, str] = field(default_factory=dict)  # letter name -> template text
    reprint_of: str | None = None  # printed although this condition does not hold (`carsplus print --anyway`)
    statement: Statement | None = None  # the itemised statement's lines (adding up to Amount Outstanding)
    utilization: UtilizationLog | None = None  # the fleet utilization log of the loss of use charged

    @property
    def footer_note(self) -> str | None:
        """The footer's second line on a reprint: ``REPRINT - CONDITION NOT MET: ...``."""
        return f"REPRINT - CONDITION NOT MET: {self.reprint_of}" if self.reprint_of else None

    @property
    def report_number(self) -> int:
        return self.report.report_number or 0

    def type_text(self, code: str | None) -> str:
        """``"D"`` -> ``"D DENT"`` as the screen shows a damage Type; unknown codes stay as typed."""
        if not code:
            return ""
        word = self.damage_types.get(code)
        return f"{code} {word}" if word else code
