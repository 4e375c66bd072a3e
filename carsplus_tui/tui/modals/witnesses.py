"""WITNESS DATA ENTRY: "Enter data in Fields 1 - 4 (W1) for the first witness. Enter data in Fields 5 - 8 (W2) for
the second witness." Customer numbers are shown; the save creates the customer records."""

from __future__ import annotations

from typing import Any

from carsplus_tui.tui.modals.form import FormModal, Row

_PARTS = ("last_name", "first_name", "address", "city", "state", "zip", "phone", "customer_number")


def _rows(index: int, first: int) -> tuple[Row, ...]:
    w = f"W{index + 1}"
    p = f"{index}."
    return (
        Row(str(first), f"{w} Last/First", (p + "last_name", p + "first_name")),
        Row(str(first + 1), f"{w} Address", (p + "address",)),
        Row(str(first + 2), f"{w} City/St/Zip", (p + "city", p + "state", p + "zip")),
        Row(str(first + 3), f"{w} Phone", (p + "phone",)),
        Row("", f"{w} Cust#", (p + "customer_number",), display_only=True),
    )


class WitnessModal(FormModal):
    TITLE_TEXT = "Witness Data Entry"
    ROWS = _rows(0, 1) + _rows(1, 5)

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
