"""What page 1 and page 2 share around the one `ReportEditor` (services/editor.py): they hold the same editor, run
its database commands in `db_work` workers, and react to the notices it sends. Neither page imports the other.

A page gives `show_report()` (the whole report on its fields), `store_and_check(field)` and `show_errors(exc)`.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, NamedTuple

from carsplus_tui.domain import permissions
from carsplus_tui.domain.errors import ReportValidationError
from carsplus_tui.domain.money import format_money
from carsplus_tui.services.editor import (
    EditorStore,
    Fetched,
    Notice,
    NotesChanged,
    NothingToSave,
    ReportEditor,
    ReportForm,
    ReportReplaced,
    SaveOutcome,
    SaveRefused,
    ViewOnly,
)
from carsplus_tui.services.entry import TransactionSummary
from carsplus_tui.services.sign_on import SignedOn
from carsplus_tui.tui.dbwork import DatabaseDone, DatabaseFailed, db_work
from carsplus_tui.tui.host import host
from carsplus_tui.tui.screens.form import FormScreen
from carsplus_tui.tui.widgets.field import Field


class Saved(NamedTuple):
    outcome: SaveOutcome


class ChangedElsewhere(NamedTuple):
    """F1 refused: the report changed on another terminal since it was read (F3 reloads and re-applies)."""

    line: str


class Reloaded(NamedTuple):
    """The report as on file now, and what was typed over what was read, for the editor to re-apply."""

    fetched: Fetched
    typed: ReportForm
    loaded: ReportForm
    quiet: bool


class ReportScreen(FormScreen):
    """A page of the report being typed (page 1, page 2)."""

    def __init__(self, editor: ReportEditor, employee: SignedOn) -> None:
        super().__init__()
        self.editor = editor
        self.employee = employee

    # the one report every page edits
    @property
    def report(self) -> ReportForm:
        return self.editor.report

    @property
    def db(self) -> Any:  # noqa: ANN401 - carsplus_tui.db.database.Database (the tui never imports db)
        return host(self).db

    def on_mount(self) -> None:
        self.editor.listen(self.editor_notice)

    def on_unmount(self) -> None:
        self.editor.forget(self.editor_notice)

    # -- what the page provides -----------------------------------------------------------------------------------
    @abstractmethod
    def show_report(self) -> None:
        """The whole report on the page's fields (after recall, erase, a save or a reload)."""

    @abstractmethod
    def store_and_check(self, field: Field) -> bool:
        """Put `field`'s value in the report and check it; False (the message says why) when it is refused."""

    @abstractmethod
    def show_errors(self, exc: ReportValidationError) -> None:
        """A refused save: the first error on the message line, the cursor in its field."""

    def typed_path(self, field: Field) -> bool:
        """Whether `field` holds a value of the report (not OPTION, not a page's own summary field)."""
        return field.id != "option" and (field.path in self.report or field.path.startswith("damage_lines."))

    # -- notices from the editor ----------------------------------------------------------------------------------
    def editor_notice(self, notice: Notice) -> None:
        if self not in self.app.screen_stack:
            # Dismissed (page 2's #N recalls on page 1) but not unmounted yet: the notice is no longer this page's,
            # and its widgets may already be going.
            self.editor.forget(self.editor_notice)
            return
        if isinstance(notice, ReportReplaced):
            self.show_report()
            if notice.line:
                self.message(notice.line)
        elif isinstance(notice, SaveRefused):
            self.refuse(notice.line)
        elif isinstance(notice, NotesChanged):
            self.notes_changed()
            if notice.line and self.is_current:
                self.message(notice.line)
        self.after_notice(notice)

    def after_notice(self, notice: Notice) -> None:
        """A page's own reaction (focus, facts to reload)."""

    def notes_changed(self) -> None:
        """A note was added (page 2 shows the notes)."""

    # -- drafts ---------------------------------------------------------------------------------------------------
    def keep_draft(self) -> None:
        snapshot = self.editor.draft_snapshot()
        if snapshot is not None:
            self.write_draft(self.editor.worker_side, *snapshot)

    @db_work(group="draft", again="F1")
    def write_draft(self, store: EditorStore, payload: dict[str, Any], change: int) -> None:
        store.write_draft_in(self.db, payload, change)

    @db_work(group="draft-discard", again="F3")
    def discard_draft(self, store: EditorStore, change: int) -> None:
        store.discard_in(self.db, change)

    # -- F1 SAVE --------------------------------------------------------------------------------------------------
    def take_typing(self) -> bool:
        """F1 works from anywhere: what is typed in the field the cursor is in — or was in before Esc took it to
        OPTION — counts without Enter, checked like Enter checks it. False when it is refused (the message says
        why, the cursor is on it)."""
        focused = self.focused
        field = focused if isinstance(focused, Field) and focused.id != "option" else self.last_field
        if field is None or not field.is_attached or field.disabled or not self.typed_path(field):
            return True
        if (field.value.strip() or None) == self.editor.get(field.path):
            return True  # left with Enter already, or untouched: nothing to take
        return self.store_and_check(field)

    def action_save(self) -> None:
        """F1: SAVE the whole report (page 1 and page 2)."""
        if not self.take_typing():
            return
        self.keep_draft()  # a terminal killed during the save still gets this field back
        self.start_save()

    def start_save(self) -> None:
        try:
            data, change = self.editor.prepare_save()
        except (ViewOnly, NothingToSave) as exc:
            self.refuse(str(exc))
            return
        except ReportValidationError as exc:
            self.show_errors(exc)
            return
        self.message("SAVING ...")
        self.save(self.editor.worker_side, data, change)

    @db_work(group="save", again="F1")
    def save(self, store: EditorStore, data: Any, change: int,  # noqa: ANN401
             ) -> Saved | ChangedElsewhere | ReportValidationError:
        """`data` is the report as validated on the UI thread at F1: typing after F1 is not in it (it stays on the
        screen, unsaved)."""
        from carsplus_tui.services.reports import StaleReportError

        try:
            outcome = store.save_in(self.db, data, change)
        except ReportValidationError as exc:
            return exc
        except StaleReportError as exc:
            return ChangedElsewhere(str(exc))
        return Saved(outcome)

    def on_database_done(self, event: DatabaseDone) -> None:
        """The answers of the commands both pages share (page 1 and page 2 each take their own as well)."""
        match event.result:
            case Saved(outcome):
                self.saved(outcome)
            case ChangedElsewhere(line):
                self.editor.refused(line)
            case ReportValidationError() as invalid:
                self.save_invalid(invalid)
            case Reloaded(fetched, typed, loaded, quiet):
                self.reloaded(fetched, typed, loaded, quiet)

    def save_invalid(self, exc: ReportValidationError) -> None:
        self.editor.save_ended()
        self.show_errors(exc)

    def on_database_failed(self, event: DatabaseFailed) -> None:
        if event.group == "save":
            self.editor.save_ended()  # what was typed stays: F1 again once the database is back
        elif event.group == "draft" and self.editor.saving:
            # F1 keeps a draft, then saves: the draft's failure would replace SAVING ... while the save still waits
            # for the database, and the agent would take it for the save's answer. The save's own line follows.
            event.prevent_default()

    def saved(self, outcome: SaveOutcome) -> None:
        result = outcome.result
        posted = "".join(f" - {p.kind.upper()} CHARGE {format_money(p.amount)} ON RA {p.ra_number}"
                         for p in result.postings)
        transaction = self.editor.transaction
        for screen in self.app.screen_stack:  # typed after F1 without Enter: not in this save, but kept on screen
            capture = getattr(screen, "capture_typing", None)
            if capture is not None:
                capture()
        self.editor.saved(outcome, f"DAMAGE REPORT {result.report_number} SAVED{posted}")
        if not self.editor.dirty:  # the agent typing on since F1 keeps the cursor
            self.query_one("#option", Field).focus()

        def ask(_: object = None) -> None:
            host(self).ask_print_questions(result)

        if result.postings:
            from carsplus_tui.tui.modals.choice import ChoiceModal

            # "On saving the Damage Report, the system will call either Edit Closed RA or Edit Posted RA, so that
            # this additional charge can be subject to any appropriate taxes."
            self.app.push_screen(ChoiceModal("CHARGES PUT ON THE RA - ENTER OR ESC TO GO ON", "CHARGE",
                                             [(text, None) for text in posting_lines(result.postings, transaction)]),
                                 ask)
        else:
            ask()

    # -- F3 after a refused save: reload and re-apply -------------------------------------------------------------
    def reload_after_stale(self) -> None:
        inputs = self.editor.reload_inputs()
        if inputs is None:
            return
        number, typed, loaded = inputs
        self.message(f"RELOADING DAMAGE REPORT {number} ...")
        self.stale_reload(number, typed, loaded)

    def refresh_after_work_order(self) -> None:
        """A work order saved in DAMAGE WORK ENTRY wrote the report's notes (its audit lines) and statuses: take them
        up, keeping what is typed here, so the next F1 does not meet notes it never saw."""
        inputs = self.editor.reload_inputs()
        if inputs is not None:
            self.stale_reload(*inputs, quiet=True)

    @db_work(group="lookup", again="ENTER")
    def stale_reload(self, number: int, typed: ReportForm, loaded: ReportForm, quiet: bool = False) -> Reloaded:
        return Reloaded(EditorStore.fetch_in(self.db, number), typed, loaded, quiet)

    def reloaded(self, fetched: Fetched, typed: ReportForm, loaded: ReportForm, quiet: bool = False) -> None:
        self.editor.reapply(fetched, typed, loaded, quiet=quiet)

    # -- the claims clerk's reports (AGEING, DMGSUM, VICRPT at OPTION), over either page ---------------------------
    def _claim_report(self, code: str) -> None:
        """Read-only (view access suffices) but never for an employee whose Access Claim is none — like page 2."""
        if not permissions.page2_visible(self.employee.access):
            self.refuse("NO ACCESS TO CLAIM INFO")
            return
        host(self).open_program(code, self)

    def action_ageing(self) -> None:
        """AGEING at OPTION: AGEING OF OPEN CLAIMS."""
        self._claim_report("AGEING")

    def action_damage_summary(self) -> None:
        """DMGSUM at OPTION: DAMAGE SUMMARY REPORT."""
        self._claim_report("DMGSUM")

    def action_clearance_report(self) -> None:
        """VICRPT at OPTION: VEHICLE INCIDENT CLEARANCE REPORT."""
        self._claim_report("VICRPT")

    # -- N: notes -------------------------------------------------------------------------------------------------
    def action_notes(self) -> None:
        """N, from either page: the notes window; new lines become a dated entry by the signed-on employee."""
        from carsplus_tui.tui.modals.notes import NotesModal

        level = permissions.page2_access(self.employee.access)
        if level == "none":
            self.refuse("NO ACCESS TO CLAIM INFO")
            return

        def done(lines: list[str] | None) -> None:
            if lines:
                self.editor.add_note(lines)
                self.keep_draft()

        self.app.push_screen(NotesModal(self.report.get("notes") or [], editable=level == "edit"), done)


def posting_lines(postings: Any, transaction: TransactionSummary | None) -> list[str]:  # noqa: ANN401
    """The pop-up after F1: each charge the save put on the RA and which program will tax it."""
    lines = []
    for p in postings:
        what = {"excess_charged": "EXCESS", "amount_charged": "CHARGE", "amount_refunded": "REFUND"}.get(p.source, "")
        if p.kind == "optional":
            program = "TAXED AT RA CLOSE"
        else:
            posted = transaction is not None and transaction.number == p.ra_number and transaction.status == "P"
            program = "TAXED BY EDIT POSTED RA" if posted else "TAXED BY EDIT CLOSED RA"
        lines.append(f"{p.kind.upper()} {what} {format_money(p.amount)} ON RA {p.ra_number} - {program}")
    return lines


__all__ = ["ReportScreen", "posting_lines"]
