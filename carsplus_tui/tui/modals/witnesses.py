"""WITNESS DATA ENTRY: "Enter data in Fields 1 - 4 (W1) for the first witness. Enter data in Fields 5 - 8 (W2) for
the second witness." Customer numbers are shown; the save creates the customer records."""

from __future__ import annotations

from typing import Any

from carsplus_tui.tui.modals.form import FormModal, Row

_PARTS = ("last_name", "first_name", "address", "city", "state", "zip", "phone", "customer_number")


def _rows(index: int) -> tuple[Row, ...]:
    p = f"{index}."  # number and label from the field registry: W1 fields 1-4, W2 fields 5-8
    return (
        Row((p + "last_name", p + "first_name")),
        Row((p + "address",)),
        Row((p + "city", p + "state", p + "zip")),
        Row((p + "phone",)),
        Row((p + "customer_number",), display_only=True),
    )


class WitnessModal(FormModal):
    TITLE_TEXT = "Witness Data Entry"
    ROWS = _rows(0) + _rows(1)

    def __init__(self, witnesses: list[dict[str, Any]]) -> None:
        values = {f"{i}.{k}": (witnesses[i] or {}).get(k) for i in range(min(2, len(witnesses))) for k in _PARTS}
        super().__init__(values, prefix="witnesses")

    def result(self) -> list[dict[str, Any]]:  # type: ignore[override]
        witnesses = [{k: self.values.get(f"{i}.{k}") for k in _PARTS} for i in range(2)]
        while witnesses and not any(v for v in witnesses[-1].values()):
            witnesses.pop()
        return witnesses

    def as_report(self) -> dict[str, Any]:
        return {"witnesses": [{k: self.values.get(f"{i}.{k}") for k in _PARTS} for i in range(2)]}
