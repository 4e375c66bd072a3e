"""EXPORTING PAYMENTS (F10=EXPORT on the DMS ACTIVITY window's PAYMENTS tab): the Ready receipts sent to the DMS one
by one in a worker, each shown as it goes."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, NamedTuple

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from carsplus_tui.domain.money import grouped_money
from carsplus_tui.services import dms as dms_service
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.widgets.field import Label

if TYPE_CHECKING:
    from carsplus_tui.settings import Settings


class Exported(NamedTuple):
    line: str
    notices: tuple[str, ...]


FINISH_WIDTH = 76  # the exporting window's inside width at 80 columns


class ExportingModal(DatabaseWork, ModalScreen[None]):
    """EXPORTING PAYMENTS: each receipt as it goes, a progress count, then F1 or Enter = FINISH. Esc while it runs
    cancels: the receipt on its way finishes, the rest stay Ready (the time budget and the circuit stop it too)."""

    BINDINGS = keys.bindings(keys.EXPORTING_KEYS)  # F1 or Enter finish; Esc cancels (or finishes, once done)

    def __init__(self, report_number: int, employee_code: str, connector) -> None:  # noqa: ANN001
        super().__init__()
        self.report_number = report_number
        self.employee_code = employee_code
        self.connector = connector
        self.done = False
        self.summary_line = ""
        self.cancel = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(classes="popup dms-exporting"):
            yield Label(f"EXPORTING PAYMENTS - DAMAGE REPORT {self.report_number}", classes="popup-title")
            yield Label("STARTING ...", id="export-progress", classes="display")
            yield OptionList(id="export-lines", classes="dms-list")
            yield Label("PLEASE WAIT - ESC=CANCEL", id="export-finish", classes="label")

    def on_mount(self) -> None:
        from carsplus_tui.settings import get_settings

        self.run_export(self.report_number, self.employee_code, self.connector, self.cancel,
                        getattr(self.app, "settings", None) or get_settings())

    @db_work(group="dms-export", again="F1")
    def run_export(self, report_number: int, employee_code: str, connector: Any,  # noqa: ANN401
                   cancel: threading.Event, settings: Settings) -> Exported:
        """`cancel` is set by Esc while the export runs (a thread-safe event)."""
        def progress(step: dms_service.ExportStep) -> None:
            # Each receipt as it goes, while the export runs: progress on the screen, not the export's answer.
            self.app.call_from_thread(self.step, step)

        try:
            summary = dms_service.export_ready_payments(host(self).open_db, connector, employee_code,
                                                        report_number=report_number, progress=progress,
                                                        cancel=cancel, **dms_service.export_limits(settings, connector))
            line, notices = summary.line, summary.notices
        except (dms_service.DmsError, LookupError) as exc:
            line, notices = str(exc), ()
        return Exported(line, notices)

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case Exported(line, notices):
                self.finished(line, notices)

    def step(self, step: dms_service.ExportStep) -> None:
        width = 30
        done = step.done - 1 if step.sending else step.done
        filled = width * done // max(step.total, 1)
        r = step.receipt
        now_doing = f" - SENDING RECEIPT {r.id}" if step.sending else ""
        self.query_one("#export-progress", Label).update(
            f"[{'#' * filled}{'.' * (width - filled)}] {done} OF {step.total}{now_doing}")
        if not step.sending:
            self.query_one("#export-lines", OptionList).add_option(
                Option(f"{r.id:>4} {grouped_money(r.amount):>11} {r.shown_status:<8} {step.message[:50]}"))

    def finished(self, line: str, notices: tuple[str, ...] = ()) -> None:
        self.done = True
        self.summary_line = line
        lines = self.query_one("#export-lines", OptionList)
        lines.add_options([Option(notice[:76]) for notice in notices])
        finish = f"{line} - F1/ENTER=FINISH"
        if lines.option_count == 0 or len(finish) > FINISH_WIDTH:
            # The whole summary on the progress line (its bar is full) rather than cut: 1 IN DOUBT - EXPORT AGAIN)
            self.query_one("#export-progress", Label).update(line)
        self.query_one("#export-finish", Label).update(finish if len(finish) <= FINISH_WIDTH else "F1/ENTER=FINISH")

    def action_finish(self) -> None:
        if self.done:
            self.dismiss(None)

    def action_cancel_export(self) -> None:
        if self.done:
            self.dismiss(None)
            return
        self.cancel.set()
        self.query_one("#export-finish", Label).update("CANCELLING - THE RECEIPT ON ITS WAY FINISHES FIRST")


__all__ = ["ExportingModal"]
