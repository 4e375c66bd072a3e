"""OTHER DRIVER ENTRY (Renter Driving? = N)."""

from __future__ import annotations

from carsplus_tui.tui.modals.form import FormModal, Row


class OtherDriverModal(FormModal):
    TITLE_TEXT = "Other Driver Entry"
    ROWS = (
        Row(("last_name", "first_name")),
        Row(("phone",)),
        Row(("dob",)),
        Row(("dl_number", "dl_state", "dl_expiry")),
        Row(("customer_number",), display_only=True),
    )

    def __init__(self, values) -> None:  # noqa: ANN001
        super().__init__(values, prefix="other_driver")
