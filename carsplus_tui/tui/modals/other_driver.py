"""OTHER DRIVER ENTRY (Renter Driving? = N)."""

from __future__ import annotations

from carsplus_tui.tui.modals.form import FormModal, Row


class OtherDriverModal(FormModal):
    TITLE_TEXT = "Other Driver Entry"
    ROWS = (
        Row("1", "Last/First", ("last_name", "first_name")),
        Row("2", "Phone", ("phone",)),
        Row("3", "DOB", ("dob",)),
        Row("4", "DL #/St/Exp", ("dl_number", "dl_state", "dl_expiry")),
        Row("", "Cust#", ("customer_number",), display_only=True),
    )

    def __init__(self, values) -> None:  # noqa: ANN001
        super().__init__(values, prefix="other_driver")
