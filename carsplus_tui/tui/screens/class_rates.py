"""VEHICLE CLASS DAILY RATES (menu line CLSRATE, administrators): the control record's daily rate per vehicle class,
the rate a loss-of-use charge counts a day of a damaged vehicle at (services/loss_of_use.py). The screen is the
shared code-table program (`code_table.py`) with the class as the code and the rate as its description: type a
class in field 1 and Enter, the rate in field 2, F1 saves (checked as `carsplus control set daily_rate.CLASS`,
audited the same way, refused when another terminal changed that class's rate since it was read); F9 removes the
class's rate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from carsplus_tui.domain.loss_of_use import CLASS_WIDTH
from carsplus_tui.services.code_tables import CodeRow, Table
from carsplus_tui.services.loss_of_use import class_rates, set_class_rate
from carsplus_tui.tui.screens.code_table import CodeTableScreen


class ClassRatesScreen(CodeTableScreen):
    TABLE = "class-rates"
    SPEC = Table("class-rates", None, CLASS_WIDTH, 10)
    TITLE = "VEHICLE CLASS DAILY RATES"
    CODE_LABEL = "Class"
    DESCRIPTION_LABEL = "Daily Rate"
    HAS_RETIRED = False
    LIST_HEADINGS = ("CLASS", "DAILY RATE")
    FIELD_HELP = {
        "code": f"THE VEHICLE CLASS (ECONOMY, MIDSIZE, SUV, ...), UP TO {CLASS_WIDTH} LETTERS OR DIGITS, AS ON THE "
                "VEHICLE FILE.",
        "description": "THE DAILY RATE OF THE CLASS, E.G. 36.99: WHAT A LOSS-OF-USE CHARGE COUNTS FOR EACH DAY THE "
                       "DAMAGED VEHICLE WAS OUT OF SERVICE.",
    }

    def fetch_rows(self) -> list[CodeRow]:
        return [CodeRow(cls, f"{rate:.2f}") for cls, rate in sorted(class_rates(self.db).items())]

    def store(self, code: str, values: dict[str, Any], current: CodeRow | None, by: str) -> list[str]:
        expected = Decimal(current.description) if current is not None else None
        changed = set_class_rate(self.db, code, values["description"], by=by, expected=expected)
        if current is None:
            return ["added"]
        return ["daily_rate"] if changed else []

    def remove_row(self, code: str, by: str) -> None:
        set_class_rate(self.db, code, None, by=by)


__all__ = ["ClassRatesScreen"]
