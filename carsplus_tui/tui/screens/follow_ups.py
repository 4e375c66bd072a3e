"""FOLLOW-UP QUEUE: the open claims due for follow-up today or earlier, the longest overdue first (issue 22, item 1),
opened by typing FOLLOW at page 1's or page 2's OPTION. Green-screen look like the F6 search (tui/screens/search.py).

    OPTION: ____________ FOLLOW-UP QUEUE  12-06-26
    EMPL: GFOSTE  LOC: ALL  - EMP CODE, LOC CODE OR ALL AT OPTION
     LN  DMG RPT# FOLLOWUP OVERDUE CS LOC  EMPL   OUTSTANDING LAST NOTE

By default the queue is the signed-on employee's claims (claim employee). A line number and Enter at OPTION
dismisses the screen with that report's number (page 1 recalls it and opens its page 2); Esc (or EXIT) leaves with
None. F8/PgDn and F7/PgUp page through a queue longer than one screen. The queue is read in a `db_work` thread
worker (a database failure is one line on the message line, never a crash).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.services.claims_desk import FollowUp, follow_up_queue
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.list_line import ListLine
from carsplus_tui.tui.widgets.field import MessageText
from carsplus_tui.tui.widgets.upper_input import UpperInput
from carsplus_tui.tui.terminal_keys import missing_keys

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database

TITLE = "FOLLOW-UP QUEUE"
PAGE_SIZE = 15
OPTION_WIDTH = 12  # "EMP " and a 6-character code, or a line number
LINE_WIDTH = 80


def format_line(line: str, report: str, follow_up: str, overdue: str, status: str, location: str, employee: str,
                outstanding: str, note: str) -> str:
    text = (f"{line:>4} {report:>8} {follow_up:<8} {overdue:>7} {status:>2} {location:<4} {employee:<6} "
            f"{outstanding:>11} {note}")
    return text[:LINE_WIDTH]


HEADER = format_line("LN", "DMG RPT#", "FOLLOWUP", "OVERDUE", "CS", "LOC", "EMPL", "OUTSTANDING", "LAST NOTE")


def row_text(row: FollowUp) -> str:
    return format_line(f"{row.line}.", str(row.report_number), format_counter_date(row.follow_up_date),
                       str(row.days_overdue), str(row.claim_status), row.claim_location or "",
                       row.claim_employee or "", f"{row.amount_outstanding:.2f}", row.last_note)



class QueueRead(NamedTuple):
    """The queue as read; `token` tells a read still wanted from one a newer read (or leaving) replaced."""

    token: int
    rows: list[FollowUp]


class FollowUpQueueScreen(ListLine, DatabaseWork, Screen[int | None]):
    """FOLLOW-UP QUEUE. Dismisses with the chosen report number, or None (Esc)."""

    BINDINGS = keys.bindings(keys.FOLLOW_UP_KEYS)

    class QueueShown(Message):
        """The queue is on the screen (tests wait for it)."""

    def __init__(self, db: Database, *, employee: str | None, location: str | None = None,
                 today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.employee = employee
        self.location = location
        self.today = today or date.today()
        self.rows: list[FollowUp] = []
        self.first = 0  # index of the first row on the screen
        self._token = 0
        self.missing_keys: frozenset[str] = frozenset()

    def compose(self) -> ComposeResult:
        self.missing_keys = missing_keys(self.app)
        with Horizontal(classes="follow-row"):
            yield Static("OPTION:")
            yield UpperInput(OPTION_WIDTH, id="follow-option", restrict=r"[0-9A-Za-z ]*")
            yield Static(f"{TITLE}  {format_counter_date(self.today)}", id="follow-title")
        yield Static("", id="follow-filter", classes="follow-line", markup=False)
        yield Static(HEADER, id="follow-header", classes="follow-line", markup=False)
        yield Static("", id="follow-results")
        yield Static("", id="follow-more", classes="follow-line", markup=False)
        yield MessageText("", id="follow-message", classes="follow-line", markup=False)
        yield Static(keys.legend(keys.FOLLOW_UP_LEGEND_KEYS, self.missing_keys, "  "), id="follow-legend",
                     classes="follow-line")

    def on_mount(self) -> None:
        self.query_one("#follow-option", Input).focus()
        self.refresh_queue()

    # --- what the screen shows -----------------------------------------------------------------------------------
    MESSAGE_ID = "follow-message"

    def _show_filter(self) -> None:
        self.query_one("#follow-filter", Static).update(
            f"EMPL: {self.employee or 'ALL'}  LOC: {self.location or 'ALL'}  - EMP CODE, LOC CODE OR ALL AT OPTION")

    def _show_rows(self) -> None:
        shown = self.rows[self.first:self.first + PAGE_SIZE]
        text = Text(no_wrap=True, overflow="crop")
        text.append("\n".join(row_text(row) for row in shown))
        self.query_one("#follow-results", Static).update(text)
        if not self.rows:
            more = ""
        else:
            last = self.first + len(shown)
            more = f"LINES {self.first + 1}-{last} OF {len(self.rows)}"
            more += f"  {keys.PAGE_MORE.legend_for(self.missing_keys)}" if last < len(self.rows) else "  END OF LIST"
            if self.first:
                more += f"  {keys.PAGE_BACK.legend_for(self.missing_keys)}"
        self.query_one("#follow-more", Static).update(more)

    # --- reading the queue (a worker thread) ---------------------------------------------------------------------
    def refresh_queue(self) -> None:
        self._show_filter()
        self._token += 1
        self.message("READING THE QUEUE ...")
        self._read(self._token, self.employee, self.location, self.today)

    @db_work(group="follow-ups", again="ENTER")
    def _read(self, token: int, employee: str | None, location: str | None, today: date) -> QueueRead:
        return QueueRead(token, follow_up_queue(self.db, today, employee=employee, location=location))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case QueueRead(token, rows):
                self._arrived(token, rows)

    def _arrived(self, token: int, rows: list[FollowUp]) -> None:
        if token != self._token:
            return
        self.rows, self.first = rows, 0
        self._show_rows()
        count = len(rows)
        self.message(f"{count} CLAIM{'' if count == 1 else 'S'} DUE - TYPE A LINE # FOR ITS PAGE 2" if rows
                     else "NO CLAIMS DUE FOR FOLLOW-UP")
        self.post_message(self.QueueShown())

    # --- keys ----------------------------------------------------------------------------------------------------
    def action_next_page(self) -> None:
        if self.first + PAGE_SIZE >= len(self.rows):
            self.message("END OF LIST")
            return
        self.first += PAGE_SIZE
        self._show_rows()

    def action_previous_page(self) -> None:
        if not self.first:
            self.message("TOP OF LIST")
            return
        self.first = max(0, self.first - PAGE_SIZE)
        self._show_rows()

    def action_leave(self) -> None:
        self._token += 1
        self.workers.cancel_group(self, "follow-ups")
        self.dismiss(None)

    @on(Input.Submitted, "#follow-option")
    def _option_entered(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.upper().split())
        event.input.value = ""
        action = keys.FOLLOW_UP_COMMANDS.get(text)
        if action is not None:
            keys.run_now(self, action)
            return
        if text == "ALL":
            self.employee = self.location = None
            self.refresh_queue()
            return
        word, _, code = text.partition(" ")
        if word in ("EMP", "LOC") and code and " " not in code and len(code) <= 6:
            if word == "EMP":
                self.employee = code
            else:
                self.location = code
            self.refresh_queue()
            return
        if text.isdigit():
            line = int(text)
            chosen = next((row for row in self.rows if row.line == line), None)
            if chosen is None:
                self.refuse(f"LINE {line} IS NOT IN THE QUEUE")
                return
            self._token += 1
            self.dismiss(chosen.report_number)
            return
        if text:
            self.refuse(f"{text} IS NOT AN OPTION - LINE #, EMP CODE, LOC CODE, ALL, MORE, BACK, EXIT")
