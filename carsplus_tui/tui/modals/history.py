"""HISTORY (F9 on page 2): every modification of the report — who, when, what — "a record of the date, time and
user that last modified" it, from the service's `report_history`. Read-only; Esc leaves.

Above the entries, the verdict of the hash chains of the report's notes and audit trail (services/audit.py):
AUDIT TRAIL VERIFIED, or AUDIT TRAIL BROKEN with each break named. A caller that did not fetch it (page 1's F9,
say) gets it fetched here, behind CHECKING AUDIT TRAIL..., so no HISTORY is ever shown without it."""

from __future__ import annotations

from typing import NamedTuple

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.widgets.field import Label


class Verdict(NamedTuple):
    """The hash chains' verdict lines (AUDIT TRAIL VERIFIED, or BROKEN and each break)."""

    lines: list[str]


class HistoryModal(DatabaseWork, ModalScreen[None]):
    BINDINGS = [Binding("escape,enter", "leave", "Leave", priority=True)]

    def __init__(self, report_number: int, lines: list[str], verdict: list[str] | None = None) -> None:
        super().__init__()
        self.report_number = report_number
        self.lines = lines
        self.verdict = verdict

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup history-popup"):
            yield Label(f"HISTORY OF DAMAGE REPORT {self.report_number}", classes="popup-title")
            yield Static("CHECKING AUDIT TRAIL...", id="history-verdict", markup=False)
            yield Label("DATE     TIME   EMPL    WHAT", classes="label")
            with VerticalScroll(id="history-list"):
                yield Static("\n".join(line[:76] for line in self.lines), id="history-text", markup=False)
            yield Label("ESC TO LEAVE", classes="label")

    def on_mount(self) -> None:
        self.query_one("#history-list", VerticalScroll).scroll_end(animate=False)
        if self.verdict is None:
            self.fetch_verdict(self.report_number)
        else:
            self.show_verdict(self.verdict)

    @db_work(group="history-verdict", again="F9")
    def fetch_verdict(self, number: int) -> Verdict:
        from carsplus_tui.services.audit import history_verdict

        return Verdict(history_verdict(host(self).open_db, number))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case Verdict(lines):
                self.show_verdict(lines)

    def show_verdict(self, verdict: list[str]) -> None:
        self.verdict = verdict
        shown = self.query_one("#history-verdict", Static)
        shown.update("\n".join(verdict))
        shown.set_class(len(verdict) > 1, "history-broken")
        shown.set_class(len(verdict) <= 1, "history-verified")

    def action_leave(self) -> None:
        self.dismiss(None)


__all__ = ["HistoryModal"]
