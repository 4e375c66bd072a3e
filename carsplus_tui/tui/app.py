"""The terminal application: sign-on, then DAMAGE REPORT ENTRY. Global behaviour lives here: recovering an unsaved
report after a crash, and the print questions after F1."""

from __future__ import annotations

import threading
from collections.abc import Callable
from time import monotonic
from typing import TYPE_CHECKING, Any, NamedTuple

from textual import events

from carsplus_tui.domain import permissions
from carsplus_tui.domain.printing import CLAIM_FORMS
from carsplus_tui.resources import resource_path
from carsplus_tui.services.opening import DatabaseOpening
from carsplus_tui.tui import navigation
from carsplus_tui.tui.internals import forget_removed_widgets_lines
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseFailed, DatabaseWork, db_work, show_line
from carsplus_tui.tui.modals.prompt import YesNoPrompt
from carsplus_tui.tui.screens.sign_on import SignOnScreen
from carsplus_tui.tui.typeahead import TypeAheadApp

if TYPE_CHECKING:
    from textual.screen import Screen

    from carsplus_tui.db.database import Database
    from carsplus_tui.services.editor import EditorStore, ReportEditor
    from carsplus_tui.services.sign_on import SignedOn
    from carsplus_tui.settings import Settings
    from carsplus_tui.tui.programs import Program
    from carsplus_tui.tui.screens.page1 import DamageEntryScreen

# Page 1, the services and SQLAlchemy are imported when first needed (in workers), so the sign-on screen shows fast.


class CannotStart(NamedTuple):
    """The database cannot be used by this version (`fatal_problem` says why): the app ends with status 1."""


class SignedOff(NamedTuple):
    """The draft kept (or not): the sign-on screen, with `notice` on its message line."""

    notice: str


class Closing(NamedTuple):
    """Ctrl+Q after the draft was kept (or could not be): the app ends."""


class DraftChecked(NamedTuple):
    """What waits for `employee` at sign-on: a draft to offer back (drafts.OfferedDraft), or None."""

    employee: SignedOn
    offered: Any


class Printed(NamedTuple):
    """A form printed after F1 (or kept in the spool folder), and the save whose print questions asked for it."""

    outcome: Any  # services.printing.PrintOutcome
    save: int


class CarsplusApp(DatabaseWork, TypeAheadApp):
    CSS_PATH = str(resource_path("screens.tcss"))
    TITLE = "CARS+ DAMAGE REPORT ENTRY"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        db: Database | None,
        *,
        settings: Settings | None = None,
        ra_number: str | None = None,
        non_rev_number: str | None = None,
        unit_number: str | None = None,
    ) -> None:
        super().__init__()
        # db None: opened from the settings behind the sign-on screen (by a worker; the sign-on's workers wait)
        self.opening = DatabaseOpening(db, settings)
        self.settings = settings
        self.start_with = {"ra_number": ra_number, "non_rev_number": non_rev_number, "unit_number": unit_number}
        self.employee: SignedOn | None = None
        # The report the signed-on employee is typing (page 1, page 2 and the DMS window hold it too).
        self.editor: ReportEditor | None = None
        # Idle sign-off (CARSPLUS_IDLE_MINUTES): the time of the last key or click, checked by a timer.
        self.last_activity = monotonic()
        self.idle_seconds: float | None = None
        # The forms printed for the last save's print questions (one line names them all), and which save that was.
        self.print_round = 0
        self.printed: list[Any] = []

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)):
            self.last_activity = monotonic()
        await super().on_event(event)

    def on_resize(self, event: events.Resize) -> None:
        """Below 80 x 24 every message line says how large the screen must be (and stops saying it once it is)."""
        from carsplus_tui.tui.widgets.field import MessageLine, too_small

        self.set_class(bool(too_small(*event.size)), "-too-small")
        for screen in self.screen_stack:
            for line in screen.query(MessageLine):
                line.show((event.size.width, event.size.height))

    def on_mount(self) -> None:
        self.set_keymap(self.site_keymap())
        self.push_screen(SignOnScreen(), self.signed_on)
        # After the first paint: importing SQLAlchemy in a thread would otherwise hold up the sign-on screen.
        self.call_after_refresh(self.prepare_database, self.opening)
        # Textual keeps the drawn lines of the last 1,024 widgets removed (pop-ups, prompts, search lines): let them
        # go once a minute, so a long session levels lower (benchmarks/memory.py).
        self.set_interval(60, forget_removed_widgets_lines)

    # The database, as the opening left it (tests and benchmarks read these too).
    @property
    def db(self) -> Database | None:
        return self.opening.db

    @property
    def fatal_problem(self) -> str | None:
        return self.opening.fatal

    @property
    def database_ready(self) -> threading.Event:
        return self.opening.ready

    @db_work(group="prepare", again="ENTER")
    def prepare_database(self, opening: DatabaseOpening) -> CannotStart | None:
        """Open the database; migrate the embedded one, and on the very first run load the sample data — all while
        the agent signs on."""
        try:
            return None if opening.prepare() else CannotStart()
        finally:
            # Everything loaded so far lives for the whole session: keep the garbage collector from walking it
            # again and again (full collections otherwise stall a screen now and then for ~100 ms).
            import gc

            gc.freeze()

    def _handle_exception(self, error: Exception) -> None:
        """Textual's hook for an exception no handler caught (the app cannot go on): logged with its traceback,
        the app ends with status 1, and the terminal gets one line instead of a traceback full of local
        variables (a database URL among them)."""
        from carsplus_tui.services.faults import log_fault
        from carsplus_tui.tui.internals import replace_exit_output

        log_fault(error, "app")
        super()._handle_exception(error)
        replace_exit_output(self, "carsplus: stopped by an unexpected error - the details are in the log file")

    def on_unmount(self) -> None:
        if self.db is not None and self.opening.owned:
            self.db.dispose()

    # -- after sign-on ------------------------------------------------------------------------------------------
    def site_keymap(self) -> dict[str, str]:
        """CARSPLUS_KEYMAP, checked by `carsplus` before the app starts (a bad one is refused there in one line)."""
        from carsplus_tui.settings import get_settings
        from carsplus_tui.tui import keys

        try:
            return keys.set_keymap((self.settings or get_settings()).keymap)
        except keys.KeymapError:
            return {}

    def signed_on(self, employee: SignedOn | None) -> None:
        if employee is None:
            self.exit()
            return
        self.employee = employee
        self.last_activity = monotonic()
        self.start_idle_timer()
        self.check_draft(employee, self.terminal)

    # -- leaving: sign-off (F12 / OFF, or idle), Ctrl+Q ----------------------------------------------------------
    def page1(self) -> DamageEntryScreen | None:
        from carsplus_tui.tui.screens.page1 import DamageEntryScreen

        return next((s for s in self.screen_stack if isinstance(s, DamageEntryScreen)), None)

    def sign_off(self, notice: str = "SIGNED OFF - NEXT EMPLOYEE PLEASE SIGN ON") -> None:
        """Back to the sign-on screen; the report on page 1 (unsaved) is kept as the employee's draft first, so
        their next sign-on offers it back. The next employee then works, and is audited, as themselves."""
        if self.employee is None:
            return
        editor = self.editor
        if editor is not None and editor.saving:
            show_line(self.page_under_pop_ups(), "SAVING - SIGN OFF ONCE THE SAVE IS DONE")  # its answer needs it
            return
        for screen in self.screen_stack:  # page 1 and page 2 (under a pop-up, too): unsubmitted typing counts
            capture = getattr(screen, "capture_typing", None)
            if capture is not None:
                capture()
        pending = self.pending_draft()
        self.employee = None
        self.editor = None
        self.keep_draft_then_sign_on(self.db, pending, notice)

    def pending_draft(self) -> tuple[EditorStore, dict[str, Any], int] | None:
        """The unsaved report to keep as this terminal's draft before leaving (None when nothing is unsaved): the
        editor's worker side, a copy of the report and the number of its last change."""
        editor = self.editor
        snapshot = editor.draft_snapshot() if editor is not None else None
        return None if editor is None or snapshot is None else (editor.worker_side, *snapshot)

    @db_work(group="sign-off", again="OFF", exclusive=False)
    def keep_draft_then_sign_on(self, db: Database | None, pending: tuple | None, notice: str) -> SignedOff:
        if pending is not None:
            store, report, change = pending
            try:
                store.write_draft_in(db, report, change, release=True)
            except Exception as exc:  # noqa: BLE001 - said on the sign-on screen; the sign-off goes on
                from carsplus_tui.services.faults import fault_kind, log_fault

                log_fault(exc, "sign_off")
                notice = f"SIGNED OFF - UNSAVED REPORT NOT KEPT ({fault_kind(exc).upper()} DATABASE)"
        return SignedOff(notice)

    def show_sign_on(self, notice: str) -> None:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(SignOnScreen(notice=notice), self.signed_on)

    def start_idle_timer(self) -> None:
        if self.idle_seconds is None:
            from carsplus_tui.settings import get_settings

            minutes = (self.settings or get_settings()).idle_minutes
            self.idle_seconds = minutes * 60 if minutes > 0 else 0.0
            if self.idle_seconds:
                self.set_interval(min(30.0, max(self.idle_seconds / 4, 0.25)), self.sign_off_if_idle)

    def sign_off_if_idle(self) -> None:
        if self.employee is not None and self.idle_seconds and monotonic() - self.last_activity >= self.idle_seconds:
            minutes = round(self.idle_seconds / 60)
            self.sign_off(f"SIGNED OFF AFTER {minutes} MINUTE{'S' if minutes != 1 else ''} WITHOUT A KEY"
                          if minutes else "SIGNED OFF - IDLE")

    async def action_quit(self) -> None:
        """Ctrl+Q: with unsaved work on page 1, ask first (the report stays as a draft for the next sign-on)."""
        pending = self.pending_draft()
        if pending is None or isinstance(self.screen, YesNoPrompt):
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.keep_draft_then_exit(self.db, pending)

        self.push_screen(YesNoPrompt("UNSAVED CHANGES - CLOSE THE PROGRAM? (KEPT FOR YOUR NEXT SIGN-ON)"), answered)

    @db_work(group="sign-off", again="CTRL+Q", exclusive=False)
    def keep_draft_then_exit(self, db: Database | None, pending: tuple) -> Closing:
        store, report, change = pending
        try:
            store.write_draft_in(db, report, change, release=True)
        except Exception as exc:  # noqa: BLE001 - the agent chose to close: the draft is lost, the log says why
            from carsplus_tui.services.faults import log_fault

            log_fault(exc, "keep_draft_then_exit")
        return Closing()

    @property
    def open_db(self) -> Database:
        """The database, for work after the sign-on screen (which waits until it is open)."""
        if self.db is None:
            raise RuntimeError("the database is not open yet")
        return self.db

    @property
    def terminal(self) -> str:
        """This terminal (or browser session): drafts are kept per employee AND terminal."""
        from carsplus_tui.services.drafts import this_terminal

        return this_terminal()

    @db_work(group="draft-check", again="SIGN ON")
    def check_draft(self, employee: SignedOn, terminal: str) -> DraftChecked:
        from carsplus_tui.services import drafts

        return DraftChecked(employee, drafts.draft_to_offer(self.open_db, drafts.DraftKey(employee.code, terminal)))

    def on_database_done(self, event: DatabaseDone) -> None:
        match event.result:
            case CannotStart():
                self.exit(return_code=1)
            case SignedOff(notice):
                self.show_sign_on(notice)
            case Closing():
                self.exit()
            case DraftChecked(employee, offered):
                self.offer_draft(employee, offered)
            case Printed(outcome, save):
                # On the page's own line, not the next print question's: that one is gone a key later, and the
                # spool path with it. Every form of this save's questions, not only the last one printed.
                from carsplus_tui.services.printing import printed_together

                if save != self.print_round:
                    return  # a print of an earlier save, arriving late: the page has moved on
                self.printed.append(outcome)
                show_line(self.page_under_pop_ups(), printed_together(self.printed))

    def on_database_failed(self, event: DatabaseFailed) -> None:
        if event.group == "draft-check":
            # No page 1 without knowing whether a typed report waits: back to the sign-on screen with the line.
            event.prevent_default()
            self.employee = None
            self.push_screen(SignOnScreen(notice=event.line), self.signed_on)

    @db_work(group="draft-discard", again="TRY")
    def settle_draft(self, offered: Any, keep_as: Any) -> None:  # noqa: ANN401
        """After the RECOVER question: the draft offered goes (N), or becomes this terminal's (Y, from another)."""
        from carsplus_tui.services import drafts

        if keep_as is None:
            drafts.discard_draft(self.open_db, offered.key)
        elif offered.key != keep_as:
            drafts.adopt_draft(self.open_db, offered.key, keep_as)

    def offer_draft(self, employee: SignedOn, offered: Any) -> None:  # noqa: ANN401 - drafts.OfferedDraft | None
        if offered is None:
            if employee.access.first_screen == "MENU" and not any(self.start_with.values()):
                self.open_menu(employee)
            else:
                self.open_page1(employee, None)
            return
        from carsplus_tui.services import drafts

        here = drafts.DraftKey(employee.code, self.terminal)

        def answered(recover: bool | None) -> None:
            self.settle_draft(offered, here if recover else None)
            self.open_page1(employee, offered.payload if recover else None)

        self.push_screen(YesNoPrompt(drafts.recover_question(offered)), answered)

    def new_page1(self, employee: SignedOn, draft: dict[str, Any] | None = None) -> DamageEntryScreen:
        """Page 1 with a new editor for `employee` at this terminal (holding `draft` when one is recovered)."""
        from carsplus_tui.services.editor import ReportEditor
        from carsplus_tui.tui.screens.page1 import DamageEntryScreen

        editor = ReportEditor(employee.code, access=employee.access, terminal=self.terminal)
        if draft is not None:
            editor = ReportEditor.recovering(employee.code, draft, access=employee.access, terminal=self.terminal)
        self.editor = editor
        return DamageEntryScreen(employee, editor)

    def open_page1(self, employee: SignedOn, draft: dict[str, Any] | None) -> None:
        screen = self.new_page1(employee, draft)
        self.last_activity = monotonic()  # idle time counts from the moment page 1 is there to type on
        self.push_screen(screen)
        if draft is None and any(self.start_with.values()):
            self.call_after_refresh(self.enter_start_values, screen)

    def open_claim_info(self, editor: ReportEditor, employee: SignedOn,
                        done: Callable[[str | None], None]) -> None:
        """Page 2 over page 1, holding the same editor; `done` gets what page 2 hands back (F3, FOLLOW)."""
        from carsplus_tui.tui.screens.page2 import ClaimInfoScreen

        self.push_screen(ClaimInfoScreen(editor, employee), done)  # type: ignore[arg-type]

    # -- opening screens by program name (tui/navigation.py): screens never import each other -------------------
    def open_program(self, code: str, origin: Screen[Any] | None = None, **arguments: Any) -> None:  # noqa: ANN401
        """The screen of program `code` (DMGSRCH, FOLLOW, MENU, DMGWRK, DMS, AGEING, ...) over `origin`."""
        navigation.open_program(self, code, origin, **arguments)

    def run_program(self, program: Program, employee: SignedOn, rest: str = "",
                    menu: Screen[Any] | None = None) -> None:
        """A menu line, or a program's code typed at page 1's or page 2's OPTION."""
        navigation.run_program(self, program, employee, rest, menu)

    def open_menu(self, employee: SignedOn) -> None:
        """The DAMAGE TRACKING SUBMENU first (the employee's User Access File says MENU; DMGENT is one line away)."""
        from carsplus_tui.tui.screens.menu import MenuScreen

        self.last_activity = monotonic()
        self.push_screen(MenuScreen(employee))

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
        if self.employee is not None and permissions.claim_info_denied_reason(self.employee.access):
            # The claim's papers carry its money: not offered to an employee without claim access (as `carsplus
            # print` refuses them), the counter's papers are.
            questions = [q for q in questions if q.form not in CLAIM_FORMS]
        # The first question takes the message line from "saved": keep the news on it.
        lead = [f"DAMAGE REPORT {result.report_number} SAVED - "]
        self.print_round += 1
        self.printed = []
        save = self.print_round

        def ask_next() -> None:
            if not questions:
                return
            question = questions.pop(0)
            text = (lead.pop() if lead else "") + question.question

            def answered(yes: bool | None) -> None:
                if yes:
                    self.print_form(result.report_number, question.form, save)
                ask_next()

            self.push_screen(self.print_question().ask(text), answered)

        ask_next()

    def print_question(self) -> YesNoPrompt:
        """The one pop-up every print question after F1 is asked in, kept installed between saves."""
        name = "print-question"
        if not self.is_screen_installed(name):
            self.install_screen(YesNoPrompt(""), name)
        screen = self.get_screen(name)
        assert isinstance(screen, YesNoPrompt)
        return screen

    @db_work(group="print", exclusive=False, again="TRY")
    def print_form(self, report_number: int, form, save: int) -> Printed:  # noqa: ANN001
        from carsplus_tui.services.printing import print_form

        return Printed(print_form(self.open_db, report_number, form), save)

    def page_under_pop_ups(self):  # noqa: ANN201 - a Screen
        from textual.screen import ModalScreen

        for screen in reversed(self.screen_stack):
            if not isinstance(screen, ModalScreen):
                return screen
        return self.screen
