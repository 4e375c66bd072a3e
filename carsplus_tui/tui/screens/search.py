"""F6: DAMAGE REPORT SEARCH, laid out like the manual's screen ("SEARCHING THE DAMAGE REPORT FILE").

    OPTION: _ DAMAGE REPORT SEARCH
    F1=VEH # F2=LIC # F3=RA # F4=ACCIDENT DATE F5=FOLLOWUP DATE F6=STATUS
    VEH#/LIC# DMG RPT# DMG DATE REPAIR DATE RA# COST STATUS

F1–F5 choose the key (then type it and press Enter), F6 asks for the status filter (U, I, C or blank for all; F6
again steps through them). `#12345` at OPTION recalls report 12345, as on page 1 (a number not on file: a message,
and the screen stays). Each key also has a word typed at OPTION (VEH, LIC, RA, ACC, FOL, STAT, MORE, BACK,
EXIT; see tui/keys.py) for terminals without function keys. Typing a line number at OPTION and Enter — or Enter on the highlighted line — recalls
that report into page 1: the screen dismisses with its report number (None on Esc). PgDn/F8 and PgUp/F7 page.

The screen only calls the search service; each query runs in a thread worker of the group "search", exclusive,
so a new search (or a new key typed) cancels the one still running and a stale answer is never shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from carsplus_tui.domain.dates import format_counter_date
from carsplus_tui.services.faults import fault_line, log_fault
from carsplus_tui.services.search import (
    SearchInputError,
    SearchMode,
    SearchPage,
    SearchRequest,
    SearchRow,
    parse_status,
    report_on_file,
    search_reports,
    search_reports_before,
)
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.list_line import ListLine
from carsplus_tui.tui.terminal_keys import missing_keys
from carsplus_tui.tui.widgets.field import MessageText
from carsplus_tui.tui.widgets.upper_input import UpperInput

if TYPE_CHECKING:
    from textual.app import App

    from carsplus_tui.db.database import Database

TITLE = "DAMAGE REPORT SEARCH"
SCREEN_NAME = "DMGSRCH"  # the search screen the app keeps installed between opens
MODE_LINE = keys.legend(keys.SEARCH_MODE_KEYS)  # "F1=VEH # F2=LIC # ... F6=STATUS"
LEGEND = keys.legend(keys.SEARCH_LEGEND_KEYS, sep="  ")  # "ENTER=RECALL LINE  F7/PGUP=BACK  F8/PGDN=MORE  ESC=EXIT"
STATUS_NAMES = {None: "ALL", "U": "UNREPORTED", "I": "INCOMPLETE", "C": "COMPLETE"}
STATUS_CYCLE = (None, "U", "I", "C")
KEY_WIDTH = 10
OPTION_WIDTH = 8  # "#" and a report number of up to 7 digits
LINE_WIDTH = 80
HIGHLIGHT = "black on #33ff33"  # reverse video of the green screen
MODE_KEYS = {
    "f1": SearchMode.VEHICLE,
    "f2": SearchMode.LICENCE,
    "f3": SearchMode.RA,
    "f4": SearchMode.ACCIDENT_DATE,
    "f5": SearchMode.FOLLOW_UP_DATE,
}


def format_line(
    line: str, vehicle: str, report: str, damage: str, repair: str, ra: str, cost: str, status: str
) -> str:
    """One line of the result, in the columns of the header (78 characters)."""
    return f"{line:<3} {vehicle:<10}  {report:>8}  {damage:<8}  {repair:<11}  {ra:<10}  {cost:>9}  {status}"


HEADER = format_line("", "VEH#/OWN", "DMG RPT#", "DMG DATE", "REPAIR DATE", "RA#/NON-REV", "COST", "STATUS")


def header(mode: SearchMode) -> str:
    """The column heads: a licence search shows the licence; a follow-up date search shows that date instead of the
    repair date."""
    return format_line("", "LIC#" if mode is SearchMode.LICENCE else "VEH#/OWN", "DMG RPT#", "DMG DATE",
                       "FOLLOWUP" if mode is SearchMode.FOLLOW_UP_DATE else "REPAIR DATE", "RA#/NON-REV", "COST",
                       "STATUS")


def row_text(row: SearchRow, mode: SearchMode | None = None) -> str:
    """One line. What tells two lines apart: the vehicle's owning location beside its unit (two unit-592 cars),
    the non-rev ticket of a report without an RA, and the follow-up date when searching by it."""
    vehicle = row.vehicle
    if mode is not SearchMode.LICENCE and row.owning_location and len(vehicle) + 1 + len(row.owning_location) <= 10:
        vehicle = f"{vehicle}/{row.owning_location}"
    return format_line(
        f"{row.line}.",
        vehicle[:10],
        str(row.report_number),
        format_counter_date(row.damage_date),
        format_counter_date(row.follow_up_date if mode is SearchMode.FOLLOW_UP_DATE else row.repair_date),
        row.ra_number or row.non_rev_number or "",
        f"{row.cost:.2f}" if row.cost is not None else "",
        f"{row.report_status} {row.claim_status}",
    )


class Found(NamedTuple):
    """A search page as read; `token` tells a search still wanted from one a newer search (or leaving) replaced."""

    token: int
    page: SearchPage


class SearchFailed(NamedTuple):
    """The search could not be run (the database down...): a line, unless a newer search replaced it."""

    token: int
    error: Exception


class RecallChecked(NamedTuple):
    """#N at OPTION: whether report N is on file."""

    number: int
    on_file: bool


class DamageReportSearchScreen(ListLine, DatabaseWork, Screen[int | None]):
    """DAMAGE REPORT SEARCH. Dismisses with the chosen report number, or None (Esc)."""

    BINDINGS = keys.bindings(keys.SEARCH_KEYS)

    class PageShown(Message):
        """A page of results is on the screen (tests and the benchmark wait for it)."""

        def __init__(self, page: SearchPage) -> None:
            super().__init__()
            self.page = page

    def __init__(self, db: Database, *, mode: SearchMode | None = None, key: str = "") -> None:
        super().__init__()
        self.db = db
        self.mode: SearchMode = mode or SearchMode.STATUS
        self.status: str | None = None
        self.request: SearchRequest | None = None
        self.page: SearchPage | None = None
        self.highlighted: int | None = None  # index into page.rows
        self._initial_key = key
        self._token = 0  # the search whose answer the screen is waiting for
        self._waiting = False  # a search is running and its answer is wanted
        self._again = "ENTER"  # the key that asks again for the page whose search failed
        self.missing_keys: frozenset[str] = frozenset()  # keys the terminal lacks: the legend shows their words

    # ------------------------------------------------------------------------------------------------------------
    # Layout: 80 × 24
    # ------------------------------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        self.missing_keys = missing_keys(self.app)
        with Horizontal(id="search-option-row", classes="search-row"):
            yield Static("OPTION:", classes="search-label")
            # A line number, or a key's word (VEH, MORE ...) for terminals without function keys.
            # #12345 recalls a report (7 digits at a million reports).
            option = UpperInput(OPTION_WIDTH, id="search-option", restrict=r"#?[0-9A-Za-z]*")
            yield option
            yield Static(TITLE, id="search-title")
        yield Static(keys.legend(keys.SEARCH_MODE_KEYS, self.missing_keys), id="search-modes", classes="search-line")
        with Horizontal(id="search-key-row", classes="search-row"):
            yield Static("", id="search-key-label")
            yield UpperInput(KEY_WIDTH, id="search-key")
            yield Static("STATUS:", id="search-status-label")
            yield UpperInput(1, id="search-status")
            yield Static("", id="search-status-name")
        yield Static(HEADER, id="search-header", classes="search-line")
        # One widget for the fifteen lines: the screen mounts and repaints in a few milliseconds.
        yield Static("", id="search-results")
        yield Static("", id="search-more", classes="search-line")
        yield MessageText("", id="search-message", classes="search-line", markup=False)
        yield Static(keys.legend(keys.SEARCH_LEGEND_KEYS, self.missing_keys, "  "), id="search-legend",
                     classes="search-line")

    @classmethod
    def kept_on(cls, app: App[Any], db: Database) -> DamageReportSearchScreen:
        """The app's one search screen, ready to open as a new one starts (by status, all reports, newest first).
        It is installed, so leaving it keeps it mounted: the next F6 composes and mounts nothing (issue 23)."""
        if app.is_screen_installed(SCREEN_NAME):
            kept = app.get_screen(SCREEN_NAME)
            if isinstance(kept, cls) and kept.db is db and kept not in app.screen_stack:
                kept.start_again()
                return kept
            if kept in app.screen_stack:
                return cls(db)  # open under another screen: this one is a screen of its own, not kept
            app.uninstall_screen(SCREEN_NAME)  # another database (opened again after a failure)
        screen = cls(db)
        app.install_screen(screen, SCREEN_NAME)
        return screen

    def start_again(self) -> None:
        """Back to how the screen starts, before it is shown again (what `on_mount` does for a new one)."""
        self._cancel_search()
        self.mode, self.status, self._initial_key = SearchMode.STATUS, None, ""
        self._clear_page()
        self.query_one("#search-option", Input).value = ""
        self.on_mount()

    def on_mount(self) -> None:
        self._show_mode()
        self._show_status()
        key = self.query_one("#search-key", Input)
        key.value = self._initial_key.upper()
        if self.mode is SearchMode.STATUS or self._initial_key:
            self.start_search()
            self.query_one("#search-option", Input).focus()
        else:
            key.focus()

    # ------------------------------------------------------------------------------------------------------------
    # What the screen shows
    # ------------------------------------------------------------------------------------------------------------
    MESSAGE_ID = "search-message"

    def _show_mode(self) -> None:
        keyed = self.mode is not SearchMode.STATUS
        self.query_one("#search-key-label", Static).update(f"{self.mode.label}:" if keyed else "BY STATUS ONLY")
        self.query_one("#search-header", Static).update(header(self.mode), layout=False)
        self.query_one("#search-key", Input).visible = keyed

    def _clear_page(self) -> None:
        self.page = None
        self.request = None
        self.highlighted = None
        self._show_highlight()
        self.query_one("#search-more", Static).update("", layout=False)

    def _show_status(self) -> None:
        self.query_one("#search-status", Input).value = self.status or ""
        self.query_one("#search-status-name", Static).update(STATUS_NAMES[self.status])

    def _show_page(self, page: SearchPage) -> None:
        self.page = page
        self.highlighted = 0 if page.rows else None
        self._show_highlight()
        if not page.rows:
            more = ""
        else:
            more = f"LINES {page.rows[0].line}-{page.rows[-1].line}"
            more += f"  {keys.PAGE_MORE.legend_for(self.missing_keys)}" if page.has_more else "  END OF LIST"
            if page.has_previous:
                more += f"  {keys.PAGE_BACK.legend_for(self.missing_keys)}"
        self.query_one("#search-more", Static).update(more, layout=False)
        self.message("" if page.rows else "NO DAMAGE REPORTS FOUND")
        self.post_message(self.PageShown(page))

    def _show_highlight(self) -> None:
        """The page's numbered lines, the highlighted one in reverse video."""
        rows = self.page.rows if self.page else ()
        text = Text(no_wrap=True, overflow="crop")
        for index, row in enumerate(rows):
            if index:
                text.append("\n")
            line = row_text(row, self.request.mode if self.request else self.mode).ljust(LINE_WIDTH)
            text.append(line, style=HIGHLIGHT if index == self.highlighted else "")
        # 15 lines of 80, fixed in screens.tcss: a new page lays out nothing
        self.query_one("#search-results", Static).update(text, layout=False)

    # ------------------------------------------------------------------------------------------------------------
    # Searching (the service runs in a worker thread)
    # ------------------------------------------------------------------------------------------------------------
    def start_search(self, *, status_only_when_blank: bool = False) -> bool:
        """Check the key and the filter, then ask for the first page. Bad input: refused, no query (False)."""
        field = self.query_one("#search-key", Input)
        key = field.value
        if status_only_when_blank and not key.strip() and self.mode is not SearchMode.STATUS:
            self.mode = SearchMode.STATUS  # F6 with no key: every report of the status, newest first
            self._show_mode()
        try:
            request = SearchRequest(self.mode, key, self.status)
        except SearchInputError as exc:
            self.refuse(str(exc), field if key.strip() else None)
            return False
        self.request = request
        self._run(search_reports, request)
        return True

    def _run(self, fetch: Callable[..., SearchPage], *args: Any, again: str = "ENTER", **kwargs: Any) -> None:  # noqa: ANN401
        """`fetch(db, *args, **kwargs)` in the search worker: every input handed over, nothing read from the screen
        in the thread. `again`: the key a failure's line names (the one that asks for this page again)."""
        self._again = again
        self._token += 1
        self._waiting = True
        self.message("SEARCHING ...")
        self._search(self._token, self.db, fetch, args, kwargs)

    @db_work(group="search", again="ENTER")
    def _search(self, token: int, db: Database, fetch: Callable[..., SearchPage], args: tuple,
                kwargs: dict[str, Any]) -> Found | SearchFailed | None:
        worker = get_current_worker()
        try:
            page = fetch(db, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001  (an unreachable database must not kill the screen)
            return None if worker.is_cancelled else SearchFailed(token, exc)
        return None if worker.is_cancelled else Found(token, page)

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case Found(token, page):
                self._arrived(token, page)
            case SearchFailed(token, error):
                self._failed(token, error)
            case RecallChecked(number, True):
                self._recall_found(number)
            case RecallChecked(number, False):
                self.refuse(f"DAMAGE REPORT {number} NOT ON FILE")

    def _arrived(self, token: int, page: SearchPage) -> None:
        if token == self._token:
            self._waiting = False
            self._show_page(page)

    def _failed(self, token: int, exc: Exception) -> None:
        if token == self._token:
            self._waiting = False
            log_fault(exc, "search")
            self.refuse(fault_line(exc, self._again))

    def _cancel_search(self) -> None:
        self._token += 1  # whatever is still running is no longer wanted
        self._waiting = False
        self.workers.cancel_group(self, "search")

    # ------------------------------------------------------------------------------------------------------------
    # Keys
    # ------------------------------------------------------------------------------------------------------------
    def action_choose_mode(self, key: str) -> None:
        """F1–F5: the key to search by; the cursor goes to the key field."""
        self._cancel_search()
        self._clear_page()
        self.mode = MODE_KEYS[key]
        self._show_mode()
        field = self.query_one("#search-key", Input)
        field.value = ""
        field.focus()
        self.message(f"ENTER {self.mode.label}" + (" (MM-DD-YY)" if self.mode.by_date else ""))

    def action_status(self) -> None:
        """F6: the status filter. The first press puts the cursor on it; another press steps U, I, C, ALL."""
        field = self.query_one("#search-status", Input)
        if self.focused is field:
            try:
                current = parse_status(field.value)
            except SearchInputError:
                current = None
            self.status = STATUS_CYCLE[(STATUS_CYCLE.index(current) + 1) % len(STATUS_CYCLE)]
            self._show_status()
        field.focus()
        self.message("STATUS: U=UNREPORTED I=INCOMPLETE C=COMPLETE BLANK=ALL, THEN ENTER")

    def action_next_page(self) -> None:
        page, request = self.page, self.request
        if page is None or request is None or page.next_cursor is None:
            self.message("END OF LIST")
            return
        cursor = page.next_cursor
        self._run(search_reports, request, after=cursor,
                  again=keys.PAGE_MORE.legend_for(self.missing_keys).split("=")[0])

    def action_previous_page(self) -> None:
        page, request = self.page, self.request
        if page is None or request is None or page.previous_cursor is None:
            self.message("TOP OF LIST")
            return
        cursor = page.previous_cursor
        self._run(search_reports_before, request, before=cursor,
                  again=keys.PAGE_BACK.legend_for(self.missing_keys).split("=")[0])

    def action_move(self, step: int) -> None:
        if self.page is None or not self.page.rows:
            return
        current = self.highlighted or 0
        self.highlighted = max(0, min(len(self.page.rows) - 1, current + step))
        self._show_highlight()

    def action_leave(self) -> None:
        self._cancel_search()
        self.dismiss(None)

    @on(Input.Changed, "#search-key")
    def _key_typed(self, event: Input.Changed) -> None:
        # A new key being typed makes the running search's answer useless.
        if self._waiting and event.input.has_focus:
            self._cancel_search()
            self.message("")

    @on(Input.Submitted, "#search-key")
    def _key_entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self.start_search():
            self.query_one("#search-option", Input).focus()

    @on(Input.Submitted, "#search-status")
    def _status_entered(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.status = parse_status(event.value)
        except SearchInputError as exc:
            self.refuse(str(exc), event.input)
            return
        self._show_status()
        if self.start_search(status_only_when_blank=True):
            self.query_one("#search-option", Input).focus()

    @on(Input.Submitted, "#search-option")
    def _option_entered(self, event: Input.Submitted) -> None:
        """A line number and Enter recalls that line; Enter alone recalls the highlighted line."""
        event.stop()
        rows = self.page.rows if self.page else ()
        text = event.value.strip().upper()
        event.input.value = ""
        action = keys.SEARCH_COMMANDS.get(text)
        if action is not None:
            keys.run_now(self, action)  # the key's word, for terminals without function keys
            return
        if not text:
            if self.page is None and self.request is not None and not self._waiting:
                self._run(search_reports, self.request)  # the search failed (database away): ENTER AGAIN does it
                return
            if self.highlighted is None or not rows:
                self.refuse("NO LINE TO RECALL - SEARCH FIRST")
                return
            self._recall(rows[self.highlighted])
            return
        if text.startswith("#"):  # as on page 1: #12345 recalls report 12345
            number = text[1:].strip()
            if number.isdigit() and int(number) > 0:
                self._recall_number(int(number))
            else:
                self.refuse("TYPE # AND THE DAMAGE REPORT NUMBER, E.G. #12345")
            return
        if not text.isdigit():
            self.refuse(f"{text} IS NOT AN OPTION - #RPT, LINE #, VEH LIC RA ACC FOL STAT MORE BACK EXIT")
            return
        line = int(text)
        chosen = next((row for row in rows if row.line == line), None)
        if chosen is None:
            self.refuse(f"LINE {line} IS NOT ON THIS PAGE")
            return
        self._recall(chosen)

    def _recall(self, row: SearchRow) -> None:
        self._cancel_search()
        self.dismiss(row.report_number)

    @db_work(group="recall", again="ENTER")
    def _recall_number(self, number: int) -> RecallChecked | None:
        """#N: back to page 1 with report N when it is on file; otherwise a message and the screen as it was (its
        own worker group, so a search still running is not cancelled by a mistyped number)."""
        found = report_on_file(self.db, number)  # a failure is a message (db_work)
        return None if get_current_worker().is_cancelled else RecallChecked(number, bool(found))

    def _recall_found(self, number: int) -> None:
        if self.is_current:  # not left with Esc while the number was being checked
            self._cancel_search()
            self.dismiss(number)
