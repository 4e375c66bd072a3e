"""F10 MAP: a drawn top view of the vehicle, marking where this report's damage lines (1–5) and the vehicle's other
unrepaired damages (X) are."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen

from carsplus_tui.domain.damage_zones import damage_zone
from carsplus_tui.services.editor import ReportForm
from carsplus_tui.services.entry import (
    DamageOnFile,
    VehicleSummary,
    unrepaired_damage_lines,
)
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.widgets.field import Label

CELL = 11


class OtherDamage(NamedTuple):
    """The vehicle's unrepaired damage on file (this report's lines among them)."""

    lines: list[DamageOnFile]


def draw(marks: dict[tuple[int, int], list[str]]) -> list[str]:
    """The car, front up, each zone showing its marks."""
    def cell(row: int, column: int) -> str:
        text = ",".join(marks.get((row, column), []))
        return text[:CELL].center(CELL)

    names = ("F BUMPER", "FRONT", "CABIN", "REAR", "R BUMPER")
    lines = [f"{'FRONT ^':>15}  {'DRIVER':^11} {'CENTRE':^11} {'PASSENGER':^11}"]
    lines.append("               .-----------------------------------.")
    for row in range(5):
        edge = "(" if row in (0, 4) else "|"
        close = ")" if row in (0, 4) else "|"
        body = "|".join(cell(row, c) for c in range(3))
        lines.append(f"   {names[row]:<8}    {edge}{body}{close}")
        if row < 4:
            lines.append("               |-----------+-----------+-----------|")
    lines.append("               '-----------------------------------'")
    return lines


class DamageMapModal(DatabaseWork, ModalScreen[None]):
    BINDINGS = keys.bindings(keys.DAMAGE_MAP_KEYS)  # F10, or Esc / Enter on any terminal

    def __init__(self, db, report: ReportForm, vehicle: VehicleSummary | None) -> None:  # noqa: ANN001
        super().__init__()
        self.db = db
        self.report = report
        self.vehicle = vehicle

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup map"):
            title = "DAMAGE MAP"
            if self.vehicle:
                title += f" - UNIT {self.vehicle.unit_number} {self.vehicle.make or ''} {self.vehicle.model or ''}"
            yield Label(title.upper(), classes="popup-title")
            yield Label("", id="map-drawing")
            yield Label("", id="map-legend")
            yield Label("ESC=RETURN", classes="label")

    def on_mount(self) -> None:
        self.show([])
        if self.vehicle is not None:
            self.load_other_damage(self.vehicle.id)

    @db_work(group="map", exclusive=False, again="F10")
    def load_other_damage(self, vehicle_id: int) -> OtherDamage:
        return OtherDamage(unrepaired_damage_lines(self.db, vehicle_id))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case OtherDamage(lines):
                self.show(lines)

    def show(self, on_file: list[DamageOnFile]) -> None:
        marks: dict[tuple[int, int], list[str]] = {}
        legend: list[str] = []
        unplaced: list[str] = []
        for i, line in enumerate(self.report.get("damage_lines") or [], start=1):
            if not (line.get("code") or line.get("description")):
                continue
            text = f"{i} {line.get('code') or ''} {line.get('description') or ''} {line.get('type') or ''}"
            zone = damage_zone(line.get("description"))
            (marks.setdefault(zone, []).append(str(i)) if zone else unplaced.append(text))
            legend.append(text)
        number = self.report.get("report_number")
        others = [d for d in on_file if d.report_number != number]
        for d in others:
            zone = damage_zone(d.description)
            text = f"X RPT {d.report_number} {d.code or ''} {d.description or ''} {d.damage_type or ''}"
            (marks.setdefault(zone, []).append("X") if zone else unplaced.append(text))
        legend.append(f"X = OTHER UNREPAIRED DAMAGE ON THIS VEHICLE ({len(others)})")
        if unplaced:
            legend.append("NOT ON THE DRAWING: " + "; ".join(unplaced))
        self.query_one("#map-drawing", Label).update("\n".join(draw(marks)))
        self.query_one("#map-legend", Label).update("\n".join(legend[:6]))

    def action_close(self) -> None:
        self.dismiss(None)
