"""VEHICLE NOT LISTED (PROPERTIES tab of the DMS ACTIVITY window): the make and model of the new DMS vehicle record,
confirmed before it is exported."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen

from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine


class NewVehicleModal(ModalScreen[dict[str, str] | None], GreenForm[dict[str, str] | None]):
    """VEHICLE NOT LISTED: confirm the make and model of the new vehicle record (from the report's vehicle)."""

    BINDINGS = [*keys.bindings((keys.POPUP_CLOSE, keys.POPUP_BACKUP))]  # Esc; F5, or the Up arrow on any terminal

    def __init__(self, make: str, model: str) -> None:
        super().__init__()
        self.make = make
        self.model = model

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup dms-receipt"):
            yield Label("NEW VEHICLE RECORD - CONFIRM MAKE/MODEL", classes="popup-title")
            with Horizontal(classes="row"):
                yield Label("1 Make", width=10, classes="label")
                yield Field("make", 15, value=self.make[:15], id="v-make")
            with Horizontal(classes="row"):
                yield Label("2 Model", width=10, classes="label")
                yield Field("model", 15, value=self.model[:15], id="v-model")
            yield Label("ENTER ON MODEL EXPORTS THE NEW VEHICLE RECORD - ESC CANCELS", classes="label")
            yield MessageLine()

    def on_mount(self) -> None:
        self.query_one("#v-make").focus()

    @property
    def fields(self) -> list[Field]:
        return list(self.query(Field))

    def field_entered(self, field: Field) -> None:
        self.move_from(field)

    def past_last_field(self, field: Field) -> None:
        make, model = self.query_one("#v-make", Field).value.strip(), self.query_one("#v-model", Field).value.strip()
        if not make or not model:
            self.refuse("ENTER THE MAKE AND THE MODEL", self.query_one("#v-make" if not make else "#v-model", Field))
            return
        self.dismiss({"make": make, "model": model})

    def action_close(self) -> None:
        self.dismiss(None)


__all__ = ["NewVehicleModal"]
