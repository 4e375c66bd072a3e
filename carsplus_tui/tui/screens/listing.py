"""What the claims clerk's report screens share (AGEING, DMGSUM, VICRPT: one module each beside this one): the F6
search's green look, an OPTION field that takes the report's selections as words, a selection line, column heads,
a page of lines, MORE/BACK paging, one message line and the legend.

    OPTION: __________________ DAMAGE SUMMARY REPORT - SUMMARY  12-06-26
    DATES * TO *  UNIT ALL  LOC ALL  CS ALL  CAT ALL  REPAIRED ALL
     LOC  CAT  RPTS  REP  OUR REPAIR ...

A screen says what to read (`fetch`, run in a `db_work` thread worker with the selection passed in, never read
from the screen there) and what a typed word means (`choose`). A summary comes whole (a few dozen lines, paged on
the screen); a detail comes a page at a time from the database (LIMIT/OFFSET), so a million reports never reach
the screen. PRINT and FILE (on screens that offer them) build the whole report in a worker and keep it through
`services.claim_listings.keep` — the same PDF and CSV as `carsplus report-dmgsum/-vicrpt`.
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from carsplus_tui.domain.dates import format_counter_date, parse_counter_date
from carsplus_tui.services.dmgsum import SelectionError
from carsplus_tui.tui import keys
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseWork, db_work
from carsplus_tui.tui.list_line import ListLine
from carsplus_tui.tui.internals import AbstractScreenMeta
from carsplus_tui.tui.widgets.field import MessageText
from carsplus_tui.tui.widgets.upper_input import UpperInput
from carsplus_tui.tui.terminal_keys import missing_keys

if TYPE_CHECKING:
    from carsplus_tui.db.database import Database

__all__ = ["ListingScreen", "Page", "SelectionError", "typed_date"]

PAGE_SIZE = 14
OPTION_WIDTH = 18  # "TYPE " and a 12-character External Type
LINE_WIDTH = 80


@dataclass(frozen=True, slots=True)
class Page:
    """What a read brought: `lines` (every line when `whole`, else the page starting at the offset asked for),
    how many lines there are in all, and the message to show."""

    lines: tuple[str, ...]
    total: int
    whole: bool
    message: str


def typed_date(text: str, word: str) -> date:
    """A date typed after a selection word (MM-DD-YY, as every date on the green screen)."""
    try:
        return parse_counter_date(text)
    except ValueError:
        raise SelectionError(f"{word} {text} IS NOT A DATE - TYPE MM-DD-YY") from None


class PageRead(NamedTuple):
    """One page as read; `token` tells a page still wanted from one a newer read replaced."""

    token: int
    page: Page
    first: int


class Written(NamedTuple):
    """The listing printed or written to a file: the line that says where."""

    line: str


class ListingScreen(ListLine, DatabaseWork, Screen[None], metaclass=AbstractScreenMeta):
    """A report on the screen. Subclasses set `TITLE`, `OPTION_COMMANDS` and `LEGEND_KEYS` and write `header`,
    `selection_line`, `fetch` and `choose`; `output` (PRINT, FILE) when they offer them."""

    TITLE: ClassVar[str] = ""
    SCREEN_TITLE: ClassVar[str] = ""  # shorter, when TITLE and the kind would run past 80 columns
    OPTION_COMMANDS: ClassVar[dict[str, str]] = keys.LISTING_COMMANDS
    LEGEND_KEYS: ClassVar[tuple[keys.Key, ...]] = keys.LISTING_LEGEND_KEYS
    BINDINGS: ClassVar[list[BindingType]] = [*keys.bindings(keys.LISTING_KEYS)]

    class Shown(Message):
        """A page of the report is on the screen (tests wait for it)."""

    class Kept(Message):
        """PRINT or FILE has finished (tests wait for it)."""

    def __init__(self, db: Database, *, today: date | None = None) -> None:
        super().__init__()
        self.db = db
        self.today = today or date.today()
        self.detail = False
        self.lines: tuple[str, ...] = ()  # a whole summary, or the current page of a detail
        self.total = 0
        self.first = 0
        self._token = 0
        self.missing_keys: frozenset[str] = frozenset()

    # --- what a report screen says --------------------------------------------------------------------------------
    @abstractmethod
    def header(self) -> str:
        """The column heads."""

    @abstractmethod
    def selection_line(self) -> str:
        """The line under the title naming what is chosen (`DATES * TO *  UNIT ALL ...`)."""

    @abstractmethod
    def selection(self) -> Any:  # noqa: ANN401
        """An immutable copy of what is chosen, handed to the worker."""

    @abstractmethod
    def fetch(self, selection: Any, detail: bool, today: date, offset: int, count: int) -> Page:  # noqa: ANN401
        """Runs in a worker thread: read the report (only from the arguments)."""

    @abstractmethod
    def choose(self, word: str, value: str) -> bool:
        """A selection word typed at OPTION (`LOC TUS`): change the selection and return True, or return False when
        the word is not one of this report's; raise SelectionError for a bad value."""

    def output(self, selection: Any, detail: bool, today: date, kind: str) -> str:  # noqa: ANN401
        """Runs in a worker thread: PRINT ("print") or FILE ("file") the whole report; the message line. Only
        screens whose OPTION words include PRINT and FILE are asked."""
        return "THIS REPORT IS NOT PRINTED OR FILED"

    # --- the screen -------------------------------------------------------------------------------------------------
    def title_text(self) -> str:
        title = self.SCREEN_TITLE or self.TITLE
        if "DETAIL" in self.OPTION_COMMANDS:
            title += " - DETAIL" if self.detail else " - SUMMARY"
        return f"{title}  {format_counter_date(self.today)}"

    def compose(self) -> ComposeResult:
        self.missing_keys = missing_keys(self.app)
        with Horizontal(classes="listing-row"):
            yield Static("OPTION:")
            yield UpperInput(OPTION_WIDTH, id="listing-option", restrict=r"[0-9A-Za-z ,/-]*")
            yield Static(self.title_text(), id="listing-title", markup=False)
        yield Static("", id="listing-selection", classes="listing-line", markup=False)
        yield Static("", id="listing-header", classes="listing-line", markup=False)
        yield Static("", id="listing-results")
        yield Static("", id="listing-more", classes="listing-line", markup=False)
        yield MessageText("", id="listing-message", classes="listing-line", markup=False)
        yield Static(keys.legend(self.LEGEND_KEYS, self.missing_keys, "  "), id="listing-legend",
                     classes="listing-line", markup=False)

    def on_mount(self) -> None:
        self.query_one("#listing-option", Input).focus()
        self.refresh_report()

    MESSAGE_ID = "listing-message"

    def _show_frame(self) -> None:
        self.query_one("#listing-title", Static).update(self.title_text())
        self.query_one("#listing-selection", Static).update(self.selection_line()[:LINE_WIDTH])
        self.query_one("#listing-header", Static).update(self.header()[:LINE_WIDTH])

    def _show_lines(self) -> None:
        shown = self.lines[self.first:self.first + PAGE_SIZE] if self._whole else self.lines
        text = Text(no_wrap=True, overflow="crop")
        text.append("\n".join(line[:LINE_WIDTH] for line in shown))
        self.query_one("#listing-results", Static).update(text)
        if not self.total:
            more = ""
        else:
            last = self.first + len(shown)
            more = f"LINES {self.first + 1}-{last} OF {self.total}"
            more += f"  {keys.PAGE_MORE.legend_for(self.missing_keys)}" if last < self.total else "  END OF LIST"
            if self.first:
                more += f"  {keys.PAGE_BACK.legend_for(self.missing_keys)}"
        self.query_one("#listing-more", Static).update(more)

    _whole = True

    # --- reading ----------------------------------------------------------------------------------------------------
    def refresh_report(self, first: int = 0) -> None:
        self._show_frame()
        self._token += 1
        self.message("READING THE REPORT ...")
        self._read(self._token, self.selection(), self.detail, self.today, first)

    @db_work(group="listing", again="ENTER")
    def _read(self, token: int, selection: Any, detail: bool, today: date, first: int) -> PageRead:  # noqa: ANN401
        return PageRead(token, self.fetch(selection, detail, today, first, PAGE_SIZE), first)

    def _arrived(self, token: int, page: Page, first: int) -> None:
        if token != self._token:
            return
        self.lines, self.total, self._whole = page.lines, page.total, page.whole
        self.first = first
        self._show_lines()
        self.message(page.message)
        self.post_message(self.Shown())

    # --- keys -------------------------------------------------------------------------------------------------------
    def action_next_page(self) -> None:
        if self.first + PAGE_SIZE >= self.total:
            self.message("END OF LIST")
            return
        if self._whole:
            self.first += PAGE_SIZE
            self._show_lines()
        else:
            self.refresh_report(self.first + PAGE_SIZE)

    def action_previous_page(self) -> None:
        if not self.first:
            self.message("TOP OF LIST")
            return
        first = max(0, self.first - PAGE_SIZE)
        if self._whole:
            self.first = first
            self._show_lines()
        else:
            self.refresh_report(first)

    def action_leave(self) -> None:
        self._token += 1
        self.workers.cancel_group(self, "listing")
        self.dismiss(None)

    def action_detail(self) -> None:
        self.detail = True
        self.refresh_report()

    def action_summary(self) -> None:
        self.detail = False
        self.refresh_report()

    def action_print_listing(self) -> None:
        self.message("PRINTING ...")
        self._output(self.selection(), self.detail, self.today, "print")

    def action_file_listing(self) -> None:
        self.message("WRITING THE FILE ...")
        self._output(self.selection(), self.detail, self.today, "file")

    @db_work(group="listing-output", again="ENTER")
    def _output(self, selection: Any, detail: bool, today: date, kind: str) -> Written:  # noqa: ANN401
        return Written(self.output(selection, detail, today, kind))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case PageRead(token, page, first):
                self._arrived(token, page, first)
            case Written(line):
                self._kept(line)

    def _kept(self, line: str) -> None:
        self.message(line)
        self.post_message(self.Kept())

    @on(Input.Submitted, "#listing-option")
    def _option_entered(self, event: Input.Submitted) -> None:
        event.stop()
        text = " ".join(event.value.upper().split())
        event.input.value = ""
        if not text:
            return
        action = self.OPTION_COMMANDS.get(text)
        if action is not None:
            keys.run_now(self, action)
            return
        word, _, value = text.partition(" ")
        try:
            handled = self.choose(word, value)
        except SelectionError as error:
            self.refuse(str(error))
            return
        if handled:
            self.refresh_report()
            return
        self.refuse(f"{text} IS NOT AN OPTION - {self.option_words()}")

    def option_words(self) -> str:
        return "SEE THE SELECTION LINE, OR MORE, BACK, EXIT"
