"""HISTORY (F9 on page 2): every modification of the report — who, when, what — "a record of the date, time and
user that last modified" it, from the service's `report_history`. Read-only; Esc leaves.

Above the entries, the verdict of the hash chains of the report's notes and audit trail (services/audit.py):
AUDIT TRAIL VERIFIED, or AUDIT TRAIL BROKEN with each break named."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from carsplus_tui.tui.widgets.field import Label


class HistoryModal(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "leave", "Leave", priority=True)]

    def __init__(self, report_number: int, lines: list[str], verdict: list[str] | None = None) -> None:
        super().__init__()
        self.report_number = report_number
        self.lines = lines
        self.verdict = verdict or []

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup history-popup"):
            yield Label(f"HISTORY OF DAMAGE REPORT {self.report_number}", classes="popup-title")
            if self.verdict:
                broken = len(self.verdict) > 1
                yield Static("\n".join(self.verdict), id="history-verdict", markup=False,
                             classes="history-broken" if broken else "history-verified")
            yield Label("DATE     TIME   EMPL    WHAT", classes="label")
            with VerticalScroll(id="history-list"):
                yield Static("\n".join(line[:76] for line in self.lines), id="history-text", markup=False)
            yield Label("ESC TO LEAVE", classes="label")

    def on_mount(self) -> None:
        self.query_one("#history-list", VerticalScroll).scroll_end(animate=False)

    def action_leave(self) -> None:
        self.dismiss(None)


__all__ = ["HistoryModal"]
