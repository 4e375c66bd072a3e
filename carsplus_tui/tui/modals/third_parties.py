"""3RD PARTY DATA ENTRY: up to five parties; the detail window (fields 1–16, tui/modals/third_party_detail.py) opens
for a party when the cursor is placed on it ("To access the 3rd party's details again, place the cursor in the
appropriate field ... and press Shift/F7")."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen

from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.modals.third_party_detail import ThirdPartyDetailModal, blank_party
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

MAX_PARTIES = 5


class ThirdPartyListModal(ModalScreen[list[dict[str, Any]]], GreenForm[list[dict[str, Any]]]):
    """The list: "Last Name/First Name" and "Phone/Inj/Ins Co/Hertz Veh" for each of five parties. Enter on a name
    opens its detail window, then the cursor goes to the next line; Enter on an empty line ends the list."""

    BINDINGS = [*keys.bindings(keys.THIRD_PARTY_LIST_KEYS)]  # Esc, Shift+F7 (or Enter on a name), F5 (or Up)

    def __init__(self, parties: list[dict[str, Any]]) -> None:
        super().__init__()
        self.parties = [{**blank_party(), **p} for p in parties][:MAX_PARTIES]

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup"):
            yield Label("OPTION: ______________ 3RD PARTY DATA ENTRY", classes="popup-title")
            yield Label("    Last Name/First Name              Phone/Inj/Ins Co/Hertz Veh", classes="label")
            for i in range(MAX_PARTIES):
                with Horizontal(classes="row"):
                    yield Label(f"{2 * i + 1:>2}", width=3, classes="label")
                    yield Field(f"third_parties.{i}.last_name", 20, id=f"party-{i}")
                    yield Label("", width=15, id=f"first-{i}", classes="display")
                    yield Label(f"{2 * i + 2:>2}", width=3, classes="label")
                    yield Label("", width=38, id=f"summary-{i}", classes="display")
            yield MessageLine()

    def on_mount(self) -> None:
        for i in range(MAX_PARTIES):
            self._show(i)
        self.query_one("#party-0", Field).focus()

    def _show(self, i: int) -> None:
        party = self.parties[i] if i < len(self.parties) else blank_party()
        self.query_one(f"#party-{i}", Field).value = party.get("last_name") or ""
        self.query_one(f"#first-{i}", Label).update("/" + (party.get("first_name") or "*"))
        summary = "/".join(str(party.get(k) or "*") for k in ("phone", "injured", "insurance_company",
                                                             "rented_vehicle"))
        self.query_one(f"#summary-{i}", Label).update(summary)

    def _index(self) -> int | None:
        focused = self.focused
        if isinstance(focused, Field) and focused.id and focused.id.startswith("party-"):
            return int(focused.id.split("-")[1])
        return None

    @property
    def fields(self) -> list[Field]:
        return [self.query_one(f"#party-{i}", Field) for i in range(MAX_PARTIES)]

    def field_entered(self, field: Field) -> None:
        index = self._index()
        if index is None:
            return
        if not field.value.strip() and (index >= len(self.parties) or not self.parties[index].get("last_name")):
            self.action_close()  # Enter on an empty line: the list is done
            return
        self.open_detail(index, field.value.strip())

    def past_last_field(self, field: Field) -> None:
        self.action_close()

    def action_detail(self) -> None:
        index = self._index()
        if index is not None:
            self.open_detail(index, self.query_one(f"#party-{index}", Field).value.strip())

    def open_detail(self, index: int, last_name: str) -> None:
        while len(self.parties) <= index:
            self.parties.append(blank_party())
        party = dict(self.parties[index])
        if last_name:
            party["last_name"] = last_name

        def stored(result: dict[str, Any] | None) -> None:
            if result is not None:
                self.parties[index] = result
            self._show(index)
            self.move_from(self.query_one(f"#party-{index}", Field))  # the next line; after the fifth, closed

        self.app.push_screen(ThirdPartyDetailModal(party, index), stored)  # type: ignore[arg-type]

    def action_close(self) -> None:
        parties = [p for p in self.parties if any(v for k, v in p.items() if k != "notes") or p.get("notes")]
        self.dismiss(parties)
