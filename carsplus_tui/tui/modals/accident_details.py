"""ACCIDENT DETAILS (page 1, field 4): ten fields; Witnesses? = Y opens WITNESS DATA ENTRY."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from carsplus_tui.domain.dates import format_counter_datetime
from carsplus_tui.tui.modals.form import FormModal, Row
from carsplus_tui.tui.modals.witnesses import WitnessModal
from carsplus_tui.tui.widgets.field import Field


class AccidentDetailsModal(FormModal):
    TITLE_TEXT = "Accident Details"
    ROWS = (
        Row(("date_time",)),
        Row(("address1",)),
        Row(("address2",)),
        Row(("police_name",)),
        Row(("police_badge",)),
        Row(("police_station",)),
        Row(("police_report_number",)),
        Row(("witnesses",)),
        Row(("rental_violation",)),
        Row(("legal_violation",)),
    )

    def __init__(self, values: dict[str, Any] | None, witnesses: list[dict[str, Any]], *,
                 now: datetime | None = None) -> None:
        super().__init__(values, prefix="accident_details")
        self.witnesses = [dict(w) for w in witnesses]
        self.now = now

    def check(self, field: Field) -> str | None:
        # "If a date is not entered in this window, the current date/time are used for the accident date/time."
        if field.path.endswith("date_time") and not field.value.strip():
            field.value = format_counter_datetime((self.now or datetime.now()).replace(second=0, microsecond=0))
            self.values["date_time"] = field.value
        return super().check(field)

    def after_field(self, field: Field) -> bool:
        if field.path.endswith(".witnesses") and field.value.strip().upper() == "Y":
            def stored(witnesses: list[dict[str, Any]] | None) -> None:
                if witnesses is not None:
                    self.witnesses = witnesses
                self.move_from(field)

            self.app.push_screen(WitnessModal(self.witnesses), stored)  # type: ignore[arg-type]
            return True
        return False

    def action_close(self) -> None:
        # Closing without a date still records "now", as the manual says.
        date_field = self.query_one("#f-date_time", Field)
        if not date_field.value.strip():
            self.check(date_field)
        super().action_close()

    def result(self) -> dict[str, Any]:
        return {**self.values, "__witnesses__": self.witnesses}
