"""The terminal application. Until the page-1 issue lands this shows the product's title screen and the database
it is connected to; sign-on and DAMAGE REPORT ENTRY replace it there."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from carsplus_tui.db.database import Database
from carsplus_tui.resources import resource_path


class CarsplusApp(App[None]):
    CSS_PATH = str(resource_path("screens.tcss"))
    TITLE = "CARS+ DAMAGE REPORT ENTRY"
    BINDINGS = [Binding("escape,ctrl+q", "quit", "Quit")]

    def __init__(
        self,
        db: Database,
        *,
        ra_number: str | None = None,
        non_rev_number: str | None = None,
        unit_number: str | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.start_ra_number = ra_number
        self.start_non_rev_number = non_rev_number
        self.start_unit_number = unit_number

    def compose(self) -> ComposeResult:
        yield Static("OPTION: ______________ DAMAGE REPORT ENTRY", id="title-line")
        yield Static(
            f"DATABASE {self.db.engine.url.render_as_string()}\n\n"
            "THE SIGN-ON AND PAGE 1 SCREENS ARE NOT BUILT YET.\n"
            "USE `carsplus report show N` AND `carsplus report import FILE` MEANWHILE.",
            id="placeholder",
        )
        yield Static("ESC=EXIT", id="legend")
