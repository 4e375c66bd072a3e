"""3RD PARTY DATA ENTRY: up to five parties; the detail window (fields 1–16) opens for a party when the cursor is
placed on it ("To access the 3rd party's details again, place the cursor in the appropriate field ... and press
Shift/F7")."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Mount
from textual.screen import ModalScreen

from carsplus_tui.tui import keys
from carsplus_tui.tui.green_form import GreenForm
from carsplus_tui.tui.modals.form import FormModal, Row
from carsplus_tui.tui.modals.lines import LinesModal
from carsplus_tui.tui.widgets.field import Field, Label, MessageLine

PARTY_KEYS = ("last_name", "first_name", "address", "city", "state", "zip", "dl_number", "dl_state", "dl_expiry",
              "dob", "phone", "cell", "description", "insurance_company", "reg_number", "injured", "rented_vehicle",
              "customer_number", "notes")
MAX_PARTIES = 5


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
