"""3rd Party Data Entry #n: one party's details, fields 1-11 and the Cust# the counter cannot type, then its Notes
(fields 12-16) in a line window. Opened from the 3RD PARTY DATA ENTRY list (tui/modals/third_parties.py)."""

from __future__ import annotations

from typing import Any

from textual.events import Mount

from carsplus_tui.tui.modals.form import FormModal, Row
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.widgets.field import Field

PARTY_KEYS = ("last_name", "first_name", "address", "city", "state", "zip", "dl_number", "dl_state", "dl_expiry",
              "dob", "phone", "cell", "description", "insurance_company", "reg_number", "injured", "rented_vehicle",
              "customer_number", "notes")

def blank_party() -> dict[str, Any]:
    return {k: ([] if k == "notes" else None) for k in PARTY_KEYS}


class ThirdPartyDetailModal(FormModal):
    TITLE_TEXT = "3rd Party Data Entry"
    LABEL_WIDTH = 22
    ROWS = (
        Row(("last_name", "first_name")),
        Row(("address",)),
        Row(("city", "state", "zip")),
        Row(("dl_number", "dl_state")),
        Row(("dl_expiry", "dob")),
        Row(("phone", "cell")),
        Row(("description",)),
        Row(("insurance_company",)),
        Row(("reg_number",)),
        Row(("injured",)),
        Row(("rented_vehicle",)),
        Row(("customer_number",), display_only=True),
    )

    def __init__(self, party: dict[str, Any], index: int) -> None:
        super().__init__({k: v for k, v in party.items() if k != "notes"}, prefix=f"third_parties.{index}",
                         title=f"3rd Party Data Entry #{index + 1}")
        self.notes = list(party.get("notes") or [])
        self.index = index

    def on_mount(self, event: Mount) -> None:
        event.prevent_default()  # not FormModal's: that one starts at field 1
        # The name typed on the list is already in field 1 (Last): the cursor starts at the first empty field, so the
        # manual's values (JOHNSON / REMY ...) typed ahead land each in its own field.
        # A party already filled in (a saved report) opens on field 1, as every window does.
        fields = [f for f in self.fields if not f.disabled]
        new_party = not any(f.value.strip() for f in fields[1:])
        start = next((f for f in fields if not f.value.strip()), None) if new_party else None
        if start is not None or fields:
            self.set_focus(start or fields[0])

    def after_field(self, field: Field) -> bool:
        # Fields 12-16, "Notes": after Rented Vehicle? the notes lines follow.
        if field.path.endswith(".rented_vehicle"):
            def stored(lines: list[str] | None) -> None:
                if lines is not None:
                    self.notes = lines
                self.action_close()

            self.app.push_screen(
                LinesModal(f"3rd Party #{self.index + 1} Notes (12-16)", self.notes, 5,
                           path=f"third_parties.{self.index}.notes"),
                stored,  # type: ignore[arg-type]
            )
            return True
        return False

    def result(self) -> dict[str, Any]:
        return {**blank_party(), **self.values, "notes": self.notes}


__all__ = ["PARTY_KEYS", "ThirdPartyDetailModal", "blank_party"]
