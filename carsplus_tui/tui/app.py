"""The terminal application: sign-on, then DAMAGE REPORT ENTRY. Global behaviour lives here: recovering an unsaved
report after a crash, and the print questions after F1."""

from __future__ import annotations

from typing import Any

from textual import work
from textual.app import App

from carsplus_tui.db.database import Database
from carsplus_tui.resources import resource_path
from carsplus_tui.services import drafts
from carsplus_tui.services.sign_on import SignedOn
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.page1 import DamageEntryScreen
from carsplus_tui.tui.screens.sign_on import SignOnScreen


class CarsplusApp(App[None]):
    CSS_PATH = str(resource_path("screens.tcss"))
    TITLE = "CARS+ DAMAGE REPORT ENTRY"
    ENABLE_COMMAND_PALETTE = False

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
        self.start_with = {"ra_number": ra_number, "non_rev_number": non_rev_number, "unit_number": unit_number}
        self.employee: SignedOn | None = None

    def on_mount(self) -> None:
        self.push_screen(SignOnScreen(), self.signed_on)

    # -- after sign-on ------------------------------------------------------------------------------------------
    def signed_on(self, employee: SignedOn | None) -> None:
        if employee is None:
            self.exit()
            return
        self.employee = employee
        self.check_draft(employee)

    @work(thread=True, exclusive=True, group="draft")
    def check_draft(self, employee: SignedOn) -> None:
        draft = drafts.load_draft(self.db, employee.code)
        self.call_from_thread(self.offer_draft, employee, draft)

    def offer_draft(self, employee: SignedOn, draft: dict[str, Any] | None) -> None:
        if draft is None:
            self.open_page1(employee, None)
            return

        def answered(recover: bool | None) -> None:
            if not recover:
                drafts.discard_draft(self.db, employee.code)
            self.open_page1(employee, draft if recover else None)

        self.push_screen(YesNoPrompt("RECOVER UNSAVED REPORT?"), answered)

    def open_page1(self, employee: SignedOn, draft: dict[str, Any] | None) -> None:
        screen = DamageEntryScreen(employee, report=draft)
        self.push_screen(screen)
        if draft is None and any(self.start_with.values()):
            self.call_after_refresh(self.enter_start_values, screen)
        elif draft is not None:
            screen.dirty = True

    def enter_start_values(self, screen: DamageEntryScreen) -> None:
        """`carsplus --ra A0001310`: as when DMGENT is called from the RA Open or Close screen."""
        for path in ("ra_number", "non_rev_number", "unit_number"):
            value = self.start_with.get(path)
            if value:
                field = screen.field(path)
                field.value = value.upper()
                screen.leave_field(field)
                return

    # -- printing after F1 --------------------------------------------------------------------------------------
    def ask_print_questions(self, result) -> None:  # noqa: ANN001
        """"The following can be configured to print under the conditions noted when the F1 Save key is pressed",
        asked one after another in the manual's order."""
        questions = list(result.print_questions)
        # The first question takes the message line from "saved": keep the news on it.
        lead = [f"DAMAGE REPORT {result.report_number} SAVED - "]

        def ask_next() -> None:
            if not questions:
                return
            question = questions.pop(0)
            text = (lead.pop() if lead else "") + question.question

            def answered(yes: bool | None) -> None:
                if yes:
                    self.print_form(result.report_number, question.form)
                ask_next()

            self.push_screen(YesNoPrompt(text), answered)

        ask_next()

    @work(thread=True, group="print")
    def print_form(self, report_number: int, form) -> None:  # noqa: ANN001
        from carsplus_tui.services.printing import print_form

        outcome = print_form(self.db, report_number, form)
        screen = self.screen_stack[1] if len(self.screen_stack) > 1 else self.screen
        if isinstance(screen, DamageEntryScreen):
            self.call_from_thread(screen.message, outcome.message)
